"""The quality report: no ERROR on our graph, and each check tripped by its own fixture.

Every check of queries/checks/ that is not a ``*-violation.rq`` integrity check has a fixture
``tests/fixtures/report/<check>.ttl`` whose ``# expect-subject:`` line names the subject the
check must report when the fixture is merged with our graph.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from airoles_kg.catalogue.files import get_query, list_checks
from airoles_kg.cli import main
from airoles_kg.errors import InputError
from airoles_kg.kg.load import load_graph
from airoles_kg.pipeline.report import LEVELS, Finding, QualityReport, render, run_report

FIXTURES = Path(__file__).parent / "fixtures" / "report"
FIXTURE_FILES = sorted(FIXTURES.glob("*.ttl"))
QUALITY_CHECKS = sorted(c.name for c in list_checks() if not c.is_violation_check)
_EXPECT = re.compile(r"^# expect-subject: (\S+)$", re.M)


def _expected_subject(path: Path) -> str:
    match = _EXPECT.search(path.read_text(encoding="utf-8"))
    assert match, f"{path} has no '# expect-subject:' line"
    return match.group(1)


def _short(iri: str) -> str:
    from airoles_kg.rdf.terms import shorten_iri

    return shorten_iri(iri)


@pytest.fixture(scope="module")
def report(kg: Graph) -> QualityReport:
    return run_report(kg)


def test_the_fixture_glob_is_not_empty() -> None:
    assert len(FIXTURE_FILES) >= 15


def test_every_quality_check_has_a_fixture() -> None:
    assert QUALITY_CHECKS, "no quality checks found in queries/checks/"
    assert sorted(p.stem for p in FIXTURE_FILES) == QUALITY_CHECKS


def test_every_check_declares_a_level() -> None:
    for check in list_checks():
        assert check.header.level in LEVELS, check.name


def test_our_graph_has_no_error(report: QualityReport) -> None:
    errors = [f for f in report.findings if f.level == "ERROR"]
    assert errors == []
    assert not report.fails("ERROR")
    assert len(report.checks) == len(list_checks())


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: p.stem)
def test_each_fixture_trips_its_check(fixture: Path) -> None:
    check = get_query(fixture.stem)
    graph = load_graph(extra=[fixture])
    found = run_report(graph, checks=[check])
    subjects = {f.subject for f in found.findings if f.rule == check.name}
    assert _short(_expected_subject(fixture)) in subjects, render(found)
    assert all(f.level == check.header.level for f in found.findings)


def test_an_exact_match_may_quote_the_definition_it_matches(tmp_path: Path) -> None:
    # The same concept in two schemes (a role derived from an O*NET occupation) may carry the
    # source's definition in both; only the skos:exactMatch makes the difference.
    fixture = FIXTURES / "duplicate-definition.ttl"
    subject = "https://w3id.org/airoles/competency/fixture-same-definition"
    matched = tmp_path / "matched.ttl"
    matched.write_text(
        fixture.read_text(encoding="utf-8")
        + f"\n<{subject}> <http://www.w3.org/2004/02/skos/core#exactMatch> <{subject}-twin> .\n",
        encoding="utf-8",
    )
    check = get_query("duplicate-definition")
    for path, flagged in ((fixture, True), (matched, False)):
        found = run_report(load_graph(extra=[path]), checks=[check])
        assert (_short(subject) in {f.subject for f in found.findings}) is flagged, path


def test_our_graph_has_no_warning_either(report: QualityReport) -> None:
    # So each fixture above is what trips its check, not our own graph.
    assert {f.rule for f in report.findings if f.level != "INFO"} == set()


# --- rendering and the CLI ----------------------------------------------------------------------

_SAMPLE = QualityReport(
    findings=[
        Finding("ERROR", "dangling-iri", "role:x", "skos:related", "comp:y", "fix | it"),
        Finding("WARN", "missing-range", "air:p", "rdfs:range", "owl:ObjectProperty", "add"),
    ],
    checks=["dangling-iri", "missing-range"],
)


def test_fail_on_levels() -> None:
    assert _SAMPLE.fails("ERROR") and _SAMPLE.fails("WARN")
    only_warn = QualityReport(findings=_SAMPLE.findings[1:], checks=_SAMPLE.checks)
    assert not only_warn.fails("ERROR")
    assert only_warn.fails("warn")
    with pytest.raises(InputError):
        only_warn.fails("FATAL")


def test_render_formats() -> None:
    table = render(_SAMPLE, "table")
    assert table.splitlines()[0].split() == ["level", "rule", "subject", "property", "value",
                                             "message"]
    assert table.rstrip().endswith("2 checks, 2 findings: 1 ERROR, 1 WARN, 0 INFO")
    tsv = render(_SAMPLE, "tsv").splitlines()
    assert tsv[1].split("\t") == ["ERROR", "dangling-iri", "role:x", "skos:related", "comp:y",
                                  "fix | it"]
    payload = json.loads(render(_SAMPLE, "json"))
    assert payload["counts"] == {"ERROR": 1, "WARN": 1, "INFO": 0}
    assert payload["findings"][0]["rule"] == "dangling-iri"
    markdown = render(_SAMPLE, "markdown")
    assert "| ERROR | dangling-iri | role:x | skos:related | comp:y | fix \\| it |" in markdown
    with pytest.raises(InputError):
        render(_SAMPLE, "html")


def test_cli_report_on_our_graph_exits_0(runner: CliRunner) -> None:
    result = runner.invoke(main, ["report", "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["counts"]["ERROR"] == 0
    assert "ontology-metadata" in payload["checks"]


def test_cli_report_fails_on_an_error_fixture(runner: CliRunner) -> None:
    result = runner.invoke(main, ["report", "--format", "tsv", str(FIXTURES / "cycle.ttl")])
    assert result.exit_code == 1
    assert "ERROR\tcycle\tcomp:fixture-cycle-a\tskos:broader\tcomp:fixture-cycle-b" in (
        result.stdout)
    assert result.stderr.startswith("error: quality report: ")


def test_cli_report_fail_on_warn(runner: CliRunner, tmp_path: Path) -> None:
    fixture = str(FIXTURES / "missing-range.ttl")
    relaxed = runner.invoke(main, ["report", "--format", "markdown", fixture])
    assert relaxed.exit_code == 0, relaxed.output
    assert "| WARN | missing-range | air:fixtureNoRange |" in relaxed.stdout
    out = tmp_path / "report.md"
    strict = runner.invoke(main, ["report", "--fail-on", "WARN", "--format", "markdown",
                                  "--out", str(out), fixture])
    assert strict.exit_code == 1
    assert out.read_text(encoding="utf-8") == relaxed.stdout


def test_cli_report_bad_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix air: <https://w3id.org/airoles/ontology#> .\nair:x air:y .\n",
                   encoding="utf-8")
    result = runner.invoke(main, ["report", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}:")
