"""``airoles-kg import esco|onet DIR`` on the committed extracts: the graph written, progress
and findings on stderr, ``--clean``, bad input (exit 2, one line naming file, row and column,
nothing written), and the imported graph used by ``compare`` and the catalogue's queries."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal, URIRef

from airoles_kg.cli import main
from airoles_kg.namespaces import AIR, SKOS
from third_party import FIXTURES, read_rows

ESCO = FIXTURES / "esco-1.2.0"
ONET = FIXTURES / "onet-29.2"
AI_ENGINEER = URIRef("http://data.europa.eu/esco/occupation/35553663-deab-4d9a-bf22-15c1625d28e8")


def run(runner: CliRunner, *args: str, code: int) -> Result:
    result = runner.invoke(main, list(args))
    detail = f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.exit_code == code, detail
    assert "Traceback" not in result.stdout + result.stderr, detail
    return result


@pytest.fixture(scope="module")
def imported_onet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    out = tmp_path_factory.mktemp("onet") / "onet.ttl"
    result = run(CliRunner(), "import", "onet", str(ONET), "--out", str(out), code=0)
    return out, result


def test_import_onet_writes_the_graph_and_reports_progress_and_findings(
    imported_onet: tuple[Path, Result],
) -> None:
    out, result = imported_onet
    graph = Graph().parse(out)
    assert (URIRef("https://w3id.org/airoles/onet/15-2051.00"), SKOS.prefLabel,
            Literal("Data Scientists", lang="en")) in graph
    assert len(set(graph.subjects(None, AIR.CompetencyRequirement))) > 1000
    skills = len(read_rows(ONET / "Skills.txt", "\t"))
    assert f"read Skills.txt: {skills:,} rows" in result.stderr
    assert "airsh:CompetencyDefinitionEnShape" in result.stderr  # no definitions in the files
    assert f"wrote {out}" in result.stderr


def test_import_esco_clean_says_what_it_changed(runner: CliRunner, tmp_path: Path) -> None:
    raw, cleaned = tmp_path / "raw.nt", tmp_path / "clean.nt"
    first = run(runner, "import", "esco", str(ESCO), "--out", str(raw), code=0)
    assert "airsh:LabelTrimmedShape" in first.stderr
    second = run(runner, "import", "esco", str(ESCO), "--clean", "--out", str(cleaned), code=0)
    assert "--clean: " in second.stderr and "labels trimmed" in second.stderr
    assert "' artificial intelligence engineer ' -> 'artificial intelligence engineer'" in (
        second.stderr)
    assert "airsh:LabelTrimmedShape" not in second.stderr
    label = Literal("artificial intelligence engineer", lang="en")
    assert (AI_ENGINEER, SKOS.prefLabel, label) in Graph().parse(cleaned)
    assert (AI_ENGINEER, SKOS.prefLabel, label) not in Graph().parse(raw)


def _bad(tmp_path: Path, source: Path, name: str, old: str, new: str) -> Path:
    folder = tmp_path / source.name
    shutil.copytree(source, folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    header = text.index(MARKER) + len(MARKER)
    body = text[header:]
    assert old in body, old
    path.write_text(text[:header] + body.replace(old, new, 1), encoding="utf-8")
    return folder


MARKER = "do not edit\n"


@pytest.mark.parametrize(
    ("kind", "name", "old", "new", "expected"),
    [
        ("onet", "Skills.txt", "Element ID", "Element Id",
         "Skills.txt:1: column 'Element ID': missing"),
        ("onet", "Occupation Data.txt", "\tTitle", ",Title",
         "Data.txt:1: column 'O*NET-SOC Code': the header cell 'O*NET-SOC Code,Title' holds ','"),
        ("onet", "Knowledge.txt", "15-1221.00\t", "99-9999.00\t",
         "column 'O*NET-SOC Code': unknown occupation '99-9999.00'"),
        ("onet", "Related Occupations.txt", "\t15-", "\t11-1011.", "column 'Related O*NET-SOC "
                                                                    "Code': unknown occupation"),
        ("esco", "occupations_en.csv", ",description,", ",descr,",
         "occupations_en.csv:1: column 'description': missing"),
        ("esco", "ISCOGroups_en.csv", ",", ";", "ISCOGroups_en.csv:1: column"),
    ],
)
def test_bad_input_exits_2_with_one_line(runner: CliRunner, tmp_path: Path, kind: str, name: str,
                                         old: str, new: str, expected: str) -> None:
    folder = _bad(tmp_path, ONET if kind == "onet" else ESCO, name, old, new)
    out = tmp_path / "out.ttl"
    result = run(runner, "import", kind, str(folder), "--no-check", "--out", str(out), code=2)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 1 and expected in errors[0], result.stderr
    assert str(folder / name) in errors[0]
    assert not out.exists()


def test_a_truncated_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "onet"
    shutil.copytree(ONET, folder)
    skills = folder / "Skills.txt"
    text = skills.read_text(encoding="utf-8")
    skills.write_text(text[: len(text) - 60], encoding="utf-8")
    result = run(runner, "import", "onet", str(folder), "--no-check", code=2)
    assert "Skills.txt:" in result.stderr and "the row ends after" in result.stderr
    assert result.stdout == ""


def test_compare_two_imported_onet_occupations(
    runner: CliRunner, imported_onet: tuple[Path, Result]
) -> None:
    out, _ = imported_onet
    result = run(runner, "compare", "15-1221.00", "Data Scientists", "--data", str(out), code=0)
    assert "Computer and Information Research Scientists (15-1221.00)" in result.stdout
    assert "Data Scientists (15-2051.00)" in result.stdout
    assert "Reading Comprehension" in result.stdout
    gap = run(runner, "query", "skill-gap", "-p", "fromRole=15-1221.00", "-p",
              "toRole=15-2051.00", "--data", str(out), "--format", "csv", code=0)
    assert "https://w3id.org/airoles/onet/" in gap.stdout
