"""The reports stewards read: every format, in English and French, with source locations.

One steward file with violations, a warning and markup in a label is validated once; each
format is then checked for what a person acts on (the place of each focus node, the fix in
the chosen language) and for what must not change (the English text and JSON without
locations). The HTML page is opened in a real browser by ``test_report_html.py``.
"""

from __future__ import annotations

import csv
import dataclasses
import errno
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Literal, URIRef

from airoles_kg.cli import main
from airoles_kg.errors import InputError
from airoles_kg.namespaces import SH, SKOS
from airoles_kg.problems import COLUMNS
from airoles_kg.rdf.locations import Location, turtle_subject_lines
from airoles_kg.shacl.render import FORMATS, render, to_problems
from airoles_kg.shacl.report import ValidationReport, ValidationResult, summary
from airoles_kg.shacl.validate import validate_files
from airoles_kg.shacl.wording import summary_in, where

STEWARD = Path(__file__).parent / "fixtures" / "steward"
MIXED = STEWARD / "mixed-role.ttl"
EX = "https://example.org/steward/"
ROLE = URIRef(EX + "prompt-librarian")
REQUIREMENT = URIRef(EX + "prompt-librarian--python")


@pytest.fixture(scope="module")
def report() -> ValidationReport:
    return validate_files([MIXED])


@pytest.fixture(scope="module")
def locations() -> dict[object, Location]:
    return dict(turtle_subject_lines(MIXED))


def _line(subject: str) -> int:
    """The line of the file where ``subject`` starts its description."""
    lines = MIXED.read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if text.startswith(subject + " "))


def test_the_fixture_has_violations_a_warning_and_markup(report: ValidationReport) -> None:
    assert (report.violations, report.warnings, report.infos) == (3, 1, 0)
    assert any("<b>" in str(r.value) for r in report.results)
    assert all(dict(r.messages).keys() == {"en", "fr"} for r in report.results)


# --- English without locations: as it always was ---------------------------------------------


def test_text_in_english_without_locations_is_unchanged(report: ValidationReport) -> None:
    text = render(report, "text")
    assert text.splitlines()[-1] == summary(report)
    assert f"<{ROLE}>\n" in text and "(mixed-role.ttl" not in text
    assert "  Warning skos:inScheme [sh:MinCountConstraintComponent]: Put this role" in text
    assert render(report) == text


def test_json_in_english_without_locations_is_unchanged(report: ValidationReport) -> None:
    document = json.loads(render(report, "json"))
    assert list(document) == ["conforms", "engine", "summary", "results"]
    assert list(document["results"][0]) == [
        "focus_node", "path", "value", "source_shape", "constraint_component", "severity",
        "message",
    ]
    assert {r["message"] for r in document["results"]} == {r.message for r in report.results}


def _json_as_dumps_writes_it(report: ValidationReport, lang: str,
                             locations: dict[object, Location] | None) -> str:
    """The JSON report as :func:`json.dumps` writes the document it describes."""
    document: dict[str, object] = {"conforms": report.conforms, "engine": report.engine}
    if lang != "en":
        document["lang"] = lang
    if report.standalone:
        document["standalone"] = True
    document["summary"] = {"violations": report.violations, "warnings": report.warnings,
                           "infos": report.infos, "focus_nodes": report.focus_nodes}
    results = []
    for r in report.results:
        result: dict[str, object] = {
            key: None if node is None else "[]" if isinstance(node, BNode)
            else str(node) if isinstance(node, URIRef) else node.n3()
            for key, node in [("focus_node", r.focus_node), ("path", r.path),
                              ("value", r.value), ("source_shape", r.source_shape),
                              ("constraint_component", r.constraint_component)]
        }
        result |= {"severity": r.severity, "message": r.message_in(lang)}
        if locations is not None:
            place = locations.get(r.focus_node)
            result["location"] = None if place is None else {
                **{k: v for k, v in dataclasses.asdict(place).items() if v is not None},
                "text": where(place, lang)}
        results.append(result)
    document["results"] = results
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_json_is_written_as_json_dumps_writes_it(
    report: ValidationReport, locations: dict[object, Location], lang: str
) -> None:
    odd = [
        ValidationResult(BNode(), SKOS.prefLabel / ~SKOS.broader,  # type: ignore[operator]
                         Literal('a "q"\n\\ é\u2028\x01', lang="fr"), BNode(),
                         SH.SPARQLConstraintComponent, "Info", "m «x»",
                         (("en", "m «x»"), ("fr", "é \"x\"\t"))),
        ValidationResult(URIRef(EX + "x"), None, Literal(3), BNode(),
                         SH.SPARQLConstraintComponent, "Custom", "", ()),
    ]
    mixed = ValidationReport.from_results([*report.results, *odd], "test")
    mixed.standalone = True
    where = {**locations, URIRef(EX + "x"): Location("s.xlsx", sheet="Roles", row=4,
                                                      column="B", cell="B4")}
    for one in (report, mixed, ValidationReport(True, [], "test")):
        for places in (None, where):
            text = render(one, "json", lang=lang, locations=places)
            assert text == _json_as_dumps_writes_it(one, lang, places)


# --- locations ------------------------------------------------------------------------------


def test_text_names_the_line_of_each_focus_node(
    report: ValidationReport, locations: dict[object, Location]
) -> None:
    text = render(report, "text", locations=locations)
    assert f"<{ROLE}> ({MIXED}:{_line('ex:prompt-librarian')})" in text.splitlines()
    assert f"<{REQUIREMENT}> ({MIXED}:{_line('ex:prompt-librarian--python')})" in text


def test_json_gives_each_result_its_location(
    report: ValidationReport, locations: dict[object, Location]
) -> None:
    document = json.loads(render(report, "json", locations=locations))
    for result in document["results"]:
        where = result["location"]
        assert where["file"] == str(MIXED)
        assert where["text"] == f"{MIXED}:{where['line']}"
        assert where["line"] == locations[URIRef(result["focus_node"])].line


def test_csv_is_the_problems_table_with_lines(
    report: ValidationReport, locations: dict[object, Location]
) -> None:
    rows = list(csv.DictReader(io.StringIO(render(report, "csv", locations=locations))))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(report.results)
    warning = next(r for r in rows if r["level"] == "Warning")
    assert warning == {
        "level": "Warning",
        "rule": "sh:MinCountConstraintComponent",
        "file": str(MIXED),
        "row": str(_line("ex:prompt-librarian")),
        "column": "",
        "cell": "",
        "subject": f"<{ROLE}>",
        "property": "skos:inScheme",
        "value": "",
        "message": "too few values",
        "fix": "Put this role in a concept scheme: add skos:inScheme pointing at a resource "
        "typed skos:ConceptScheme.",
    }
    trimmed = next(r for r in rows if r["rule"] == "sh:NotConstraintComponent")
    assert trimmed["value"] == '" <b>Prompt</b> librarian"@en'


def test_csv_gives_the_row_column_and_cell_of_a_sheet(report: ValidationReport) -> None:
    sheet = {ROLE: Location("roles.xlsx", row=4, column="label_en", cell="B4", sheet="Roles")}
    problems = to_problems(report, lang="fr", locations=sheet)
    located = [p for p in problems if p.subject == f"<{ROLE}>"]
    assert located and all(
        (p.file, p.row, p.column, p.cell) == ("roles.xlsx [Roles]", 4, "label_en", "B4")
        for p in located
    )
    assert located[0].where() == "roles.xlsx [Roles], row 4, column label_en (cell B4)"
    other = next(p for p in problems if p.subject == f"<{REQUIREMENT}>")
    assert (other.file, other.row) == ("", None)  # no place known: left empty
    text = render(report, "text", lang="fr", locations=sheet)
    assert "roles.xlsx [Roles], ligne 4, colonne label_en (cellule B4)" in text


def test_markdown_is_a_summary_and_a_table(
    report: ValidationReport, locations: dict[object, Location]
) -> None:
    lines = render(report, "markdown", locations=locations).splitlines()
    assert lines[0] == f"**{summary(report)}**"
    assert lines[2] == (
        "| Severity | Focus node | Location | Path | Value | Constraint | How to fix |"
    )
    assert lines[3] == "|---|---|---|---|---|---|---|"
    rows = lines[4:]
    assert len(rows) == len(report.results)
    assert all(row.count(" | ") == 6 for row in rows)
    # The alternative path's bars are escaped, so they stay in their cell; markup is code.
    trimmed = next(row for row in rows if "NotConstraintComponent" in row)
    assert r"`skos:prefLabel\|skos:altLabel\|skos:hiddenLabel`" in trimmed
    assert '`" <b>Prompt</b> librarian"@en`' in trimmed
    assert f"{MIXED}:{_line('ex:prompt-librarian')}" in trimmed


def test_markdown_escapes_free_text() -> None:
    result = ValidationResult(
        BNode(), SKOS.prefLabel, Literal("a|b"), BNode(), SH.SPARQLConstraintComponent,
        "Violation", "Label <i>x</i> | *y*: use `a|b` instead",
    )
    row = render(ValidationReport.from_results([result], "test"), "markdown").splitlines()[-1]
    assert r"Label \<i\>x\</i\> \| \*y\*: use `a\|b` instead" in row
    assert r'`"a\|b"`' in row


# --- French -------------------------------------------------------------------------------


def test_french_uses_the_french_fix_messages_everywhere(
    report: ValidationReport, locations: dict[object, Location]
) -> None:
    assert all(r.message_in("fr") not in ("", r.message) for r in report.results)
    for fmt in ("text", "json", "csv", "markdown", "html", "turtle"):
        page = render(report, fmt, lang="fr", locations=locations)
        english = next(r.message for r in report.results if r.severity == "Warning")
        assert english not in page, fmt
        assert "Placez ce rôle dans un schéma de concepts" in page, fmt


def test_french_speaks_french_around_the_messages(
    report: ValidationReport, locations: dict[object, Location]
) -> None:
    text = render(report, "text", lang="fr", locations=locations)
    assert text.splitlines()[-1] == (
        "non conforme : 3 violations, 1 avertissement, 0 info sur 2 nœuds focaux "
        f"(moteur : {report.engine})"
    )
    assert "  Avertissement skos:inScheme [sh:MinCountConstraintComponent]: Placez" in text
    assert "      valeur : \" <b>Prompt</b> librarian\"@en" in text
    markdown = render(report, "markdown", lang="fr")
    assert "| Gravité | Nœud focal | Chemin | Valeur | Contrainte | Comment corriger |" in markdown
    assert json.loads(render(report, "json", lang="fr"))["lang"] == "fr"
    rows = list(csv.DictReader(io.StringIO(render(report, "csv", lang="fr"))))
    assert {r["message"] for r in rows if r["level"] == "Warning"} == {"trop peu de valeurs"}
    assert {r["level"] for r in rows} == {"Violation", "Warning"}  # levels stay codes


def test_french_plurals_in_the_summary() -> None:
    def counted(severities: list[str]) -> str:
        results = [
            ValidationResult(URIRef(f"urn:x{i}"), None, None, BNode(),
                             SH.MinCountConstraintComponent, s, "m")
            for i, s in enumerate(severities)
        ]
        return summary_in(ValidationReport.from_results(results, "e"), "fr")

    assert counted(["Warning"]) == (
        "conforme : 0 violation, 1 avertissement, 0 info sur 1 nœud focal (moteur : e)"
    )
    assert counted(["Violation", "Violation", "Info", "Info"]) == (
        "non conforme : 2 violations, 0 avertissement, 2 infos sur 4 nœuds focaux (moteur : e)"
    )


# --- HTML, without a browser -------------------------------------------------------------


class _Elements(HTMLParser):
    """The tags of a page and the URLs it would fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _elements(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(page)
    return parser.tags


def test_html_is_one_self_contained_escaped_deterministic_page(
    report: ValidationReport, locations: dict[object, Location]
) -> None:
    page = render(report, "html", lang="fr", locations=locations)
    assert page == render(report, "html", lang="fr", locations=locations)
    tags = _elements(page)
    assert ("html", {"lang": "fr"}) in tags
    fetched = [a for _, attrs in tags for k, a in attrs.items() if k in ("src", "href")]
    assert fetched == [], "nothing to fetch"
    assert not re.search(r"https?://[^\"<\s]*\.(?:js|css)", page)
    assert [t for t, _ in tags].count("script") == 1
    assert "b" not in [t for t, _ in tags], "the label's markup is text, not a tag"
    assert "&lt;b&gt;Prompt&lt;/<wbr>b&gt;" in page  # code may wrap after a slash
    rows = [attrs["data-severity"] for tag, attrs in tags if "data-severity" in attrs]
    assert sorted(rows) == sorted([r.severity for r in report.results] * 2)  # both groupings
    boxes = [attrs["value"] for tag, attrs in tags if tag == "input"]
    assert boxes == ["Violation", "Warning", "Info"]
    assert "Par nœud focal" in page and "Par forme" in page
    assert f"{MIXED}:{_line('ex:prompt-librarian')}" in page
    assert "<title>Rapport de validation</title>" in page


def test_html_escapes_every_value() -> None:
    evil = "<script>alert(1)</script>"
    result = ValidationResult(
        URIRef('urn:x"><script>'), SKOS.prefLabel, Literal(evil), BNode(),
        SH.SPARQLConstraintComponent, "Violation", evil, (("en", evil), ("fr", evil)),
    )
    report = ValidationReport.from_results([result], '<img src=x onerror="1">')
    where = {result.focus_node: Location("<b>file</b>.ttl", line=3)}
    page = render(report, "html", locations=where)
    tags = [t for t, _ in _elements(page)]
    assert tags.count("script") == 1 and "img" not in tags and "b" not in tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_empty_report_in_every_format() -> None:
    empty = ValidationReport(True, [], "pyshacl")
    for fmt in FORMATS:
        for lang in ("en", "fr"):
            assert render(empty, fmt, lang=lang, locations={}), (fmt, lang)
    assert "Aucun résultat" in render(empty, "html", lang="fr")
    assert render(empty, "csv") == ",".join(COLUMNS) + "\n"


def test_unknown_format_or_language_is_an_input_error(report: ValidationReport) -> None:
    with pytest.raises(InputError, match="unknown report format 'yaml'; use text, json"):
        render(report, "yaml")
    with pytest.raises(InputError, match="unknown report language 'de'; use en or fr"):
        render(report, "text", lang="de")


# --- the validate command -------------------------------------------------------------------


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_validate_lang_fr_uses_the_french_messages() -> None:
    code, out, _ = _invoke("validate", str(MIXED), "--lang", "fr")
    assert code == 1
    assert f"<{ROLE}> ({MIXED}:{_line('ex:prompt-librarian')})" in out
    assert "Placez ce rôle dans un schéma de concepts" in out
    assert out.splitlines()[-1].startswith("non conforme : 3 violations, 1 avertissement")


@pytest.mark.parametrize("fmt", ["csv", "markdown", "html", "json", "text", "turtle"])
def test_validate_out_writes_the_report_atomically(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / "reports" / f"report.{fmt}"
    code, stdout, stderr = _invoke("validate", str(MIXED), "--format", fmt, "--out", str(out))
    assert code == 1, stderr  # not conforming: exit 1, the report written all the same
    assert stdout == f"wrote {out}\n"
    assert out.read_text(encoding="utf-8") == render(
        validate_files([MIXED]), fmt, locations=turtle_subject_lines(MIXED)
    )
    assert [p.name for p in out.parent.iterdir()] == [out.name], "no temporary file left"


def test_validate_out_leaves_the_old_report_if_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.html"
    out.write_text("old report", encoding="utf-8")

    def failing_replace(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    code, _, err = _invoke("validate", str(MIXED), "--format", "html", "--out", str(out))
    # The system failed us (README, "Exit codes"): exit 1, one line naming the file.
    assert code == 1 and str(out) in err and "no space left" in err, (code, err)
    assert len(err.splitlines()) == 1, err
    assert out.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"], "no temporary file left"


@pytest.mark.parametrize(
    "args",
    [["--format", "yaml"], ["--lang", "de"], ["--format", "pdf", "--out", "x.pdf"]],
    ids=lambda a: " ".join(a),
)
def test_validate_bad_format_or_language_exits_2_without_traceback(args: list[str]) -> None:
    code, _, err = _invoke("validate", str(MIXED), *args)
    assert code == 2
    assert "Invalid value" in err
