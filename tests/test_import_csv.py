"""Spreadsheets in: ``import_tables`` and ``airoles-kg import csv`` / ``template``.

The clean example (``examples/steward/``) must import and conform; the copy with planted
defects (``tests/fixtures/spreadsheets/defects/``) must give each defect's problem at its cell,
all at once; unreadable files must exit 2 and write nothing.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import Workbook
from rdflib import Graph, Literal, URIRef

from airoles_kg.cli import main
from airoles_kg.errors import InputError
from airoles_kg.importers.located import all_problems
from airoles_kg.importers.sheets import SpreadsheetError, read_sheets
from airoles_kg.importers.tables import DEFAULT_BASE, TableImport, import_tables
from airoles_kg.importers.template import TABLES, column_name
from airoles_kg.namespaces import AIR, COMP, FAM, RDF, SKOS
from airoles_kg.problems import COLUMNS, Problem
from airoles_kg.shacl.validate import validate

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "steward"
EXAMPLE_FILES = [EXAMPLE / f"{name}.csv" for name in ("roles", "competencies", "requirements")]
SHEETS = Path(__file__).parent / "fixtures" / "spreadsheets"
DEFECTS = SHEETS / "defects"
DEFECT_FILES = [DEFECTS / name for name in ("roles.csv", "competencies.csv", "requirements.csv",
                                            "more-roles.csv", "empty-competencies.csv")]
CAT = DEFAULT_BASE


def run(runner: CliRunner, *args: str, code: int) -> Result:
    result = runner.invoke(main, list(args))
    detail = f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.exit_code == code, detail
    assert "Traceback" not in result.stdout + result.stderr, detail
    return result


def merged_report(kg: Graph, imported: TableImport) -> list[Problem]:
    return all_problems(validate(kg + imported.graph), imported)


# --- the clean example ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(kg: Graph) -> TableImport:
    return import_tables(EXAMPLE_FILES, graph=kg)


def test_the_example_imports_without_problems(example: TableImport) -> None:
    assert example.problems == []
    assert example.counts() == {"roles": 4, "competencies": 2, "requirements": 14}


def test_the_example_conforms_merged_with_the_knowledge_graph(
    kg: Graph, example: TableImport
) -> None:
    report = validate(kg + example.graph)
    assert report.conforms, report.results
    assert report.results == []


def test_names_in_cells_resolve_to_our_iris(example: TableImport) -> None:
    g = example.graph
    librarian = URIRef(CAT + "prompt-librarian")
    assert (librarian, AIR.family, FAM["ai-design"]) in g
    assert (librarian, SKOS.prefLabel, Literal("Bibliothécaire de prompts", lang="fr")) in g
    # "Taxonomy and cataloguing" (a label), rank 3, "Optional"
    req = URIRef(CAT + "prompt-librarian--taxonomy-and-cataloguing")
    assert (req, AIR.competency, COMP["taxonomy-and-cataloguing"]) in g
    assert (req, AIR.proficiencyLevel, AIR.Competent) in g
    assert (req, AIR.importance, AIR.Optional) in g
    # "Compétent" (the French label), a CURIE
    assert (URIRef(CAT + "knowledge-base-curator--skos"), AIR.proficiencyLevel,
            AIR.Competent) in g
    # the steward's own competency by id, and its broader one by label
    own = URIRef(CAT + "assistant-answer-review")
    assert (URIRef(CAT + "assistant-quality-analyst--assistant-answer-review"), AIR.competency,
            own) in g
    assert (own, RDF.type, AIR.Skill) in g
    assert (own, SKOS.broader, COMP["model-evaluation"]) in g
    # several values in one cell: "librarian | taxonomist"
    curator = URIRef(CAT + "knowledge-base-curator")
    assert set(g.objects(curator, AIR.evolvedFrom)) == {
        URIRef("https://w3id.org/airoles/role/librarian"),
        URIRef("https://w3id.org/airoles/role/taxonomist"),
    }


def test_every_node_is_located_at_its_row(example: TableImport) -> None:
    subjects = {s for s in example.graph.subjects() if isinstance(s, URIRef)}
    assert subjects <= set(example.sources)
    where = example.sources[URIRef(CAT + "knowledge-base-curator")]
    assert (Path(where.file).name, where.row, where.column, where.cell) == (
        "roles.csv", 4, "id", "A4")
    req = example.sources[URIRef(CAT + "ai-usage-policy-officer--ai-regulation")]
    assert (Path(req.file).name, req.row, req.cell) == ("requirements.csv", 14, "A14")


def test_import_csv_exit_0_writes_the_catalogue(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "catalogue.ttl"
    result = run(runner, "import", "csv", *map(str, EXAMPLE_FILES), "--out", str(out), code=0)
    assert "4 roles, 2 competencies, 14 requirements" in result.stdout
    assert "0 problems" in result.stdout
    graph = Graph().parse(out)
    assert len(set(graph.subjects(RDF.type, AIR.Role))) == 4


def test_import_csv_without_out_prints_turtle(runner: CliRunner) -> None:
    result = run(runner, "import", "csv", str(EXAMPLE), code=0)  # a folder: its tables
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert len(set(graph.subjects(RDF.type, AIR.CompetencyRequirement))) == 14
    assert "imported 4 roles" in result.stderr


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".owl"])
def test_import_is_deterministic(runner: CliRunner, tmp_path: Path, suffix: str) -> None:
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    run(runner, "import", "csv", *map(str, EXAMPLE_FILES), "--out", str(first), code=0)
    reordered = list(reversed(EXAMPLE_FILES))
    run(runner, "import", "csv", *map(str, reordered), "--out", str(second), code=0)
    assert first.read_bytes() == second.read_bytes()
    assert len(first.read_bytes()) > 1000


def test_base_sets_the_namespace(kg: Graph) -> None:
    imported = import_tables(EXAMPLE_FILES, graph=kg, base="https://data.test.example/hr#")
    assert (URIRef("https://data.test.example/hr#prompt-librarian"), RDF.type,
            AIR.Role) in imported.graph
    assert not any(str(s).startswith(CAT) for s in imported.graph.subjects())


@pytest.mark.parametrize("base", ["not an iri", "https://e.example/no-slash",
                                  "https://w3id.org/airoles/role/"])
def test_a_bad_base_exits_2(runner: CliRunner, base: str) -> None:
    result = run(runner, "import", "csv", str(EXAMPLE), "--base", base, code=2)
    assert result.stderr.startswith("error: --base")


# --- planted defects ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def defects(kg: Graph) -> TableImport:
    return import_tables(DEFECT_FILES, graph=kg)


@pytest.fixture(scope="module")
def defect_problems(kg: Graph, defects: TableImport) -> list[Problem]:
    return merged_report(kg, defects)


# (file, rule, row, column, cell, a piece of the value, a piece of the fix)
EXPECTED = [
    ("roles.csv", "unknown-family", 3, "family", "F3", "ai-enginering",
     "did you mean fam:ai-engineering?"),
    ("roles.csv", "sh:QualifiedMinCountConstraintComponent", 4, "label_fr", "C4", "",
     "skos:prefLabel with @fr"),
    ("roles.csv", "duplicate-id", 5, "id", "A5", "prompt-librarian", "its own id"),
    ("roles.csv", "empty-cell", 6, "label_en", "B6", "", "needs a label_en"),
    ("roles.csv", "ragged-row", 7, "", "G7", "Describes data sets", "remove the extra cells"),
    ("competencies.csv", "unknown-type", 3, "type", "B3", "Skil", "did you mean Skill?"),
    ("requirements.csv", "unknown-competency", 2, "competency", "B2", "pythn",
     "did you mean comp:python"),
    ("requirements.csv", "unknown-level", 3, "level", "C3", "Expret", "did you mean Expert?"),
    ("requirements.csv", "unknown-importance", 4, "importance", "D4", "Importante",
     "Essential, Optional"),
    ("requirements.csv", "unknown-role", 5, "role", "A5", "prompt-libarian",
     "did you mean prompt-librarian?"),
    ("requirements.csv", "empty-cell", 6, "competency", "B6", "", "needs a competency"),
    ("requirements.csv", "duplicate-requirement", 8, "competency", "B8", "SKOS",
     "one row per role and competency"),
    ("more-roles.csv", "missing-column", 1, "family", "F1", "", "add the column 'family'"),
    ("empty-competencies.csv", "empty-sheet", 1, "", "A1", "", "template"),
]


@pytest.mark.parametrize("file,rule,row,column,cell,value,fix", EXPECTED,
                         ids=[f"{e[0]}-{e[1]}-{e[4]}" for e in EXPECTED])
def test_each_planted_defect_is_found_at_its_cell(
    defect_problems: list[Problem], file: str, rule: str, row: int, column: str, cell: str,
    value: str, fix: str,
) -> None:
    found = [p for p in defect_problems
             if Path(p.file).name == file and p.rule == rule and p.cell == cell]
    assert len(found) == 1, [p for p in defect_problems if Path(p.file).name == file]
    problem = found[0]
    assert (problem.row, problem.column, problem.level) == (row, column, "Violation")
    assert problem.cell == f"{cell}" and problem.cell.endswith(str(row))
    assert value in problem.value
    assert fix in problem.fix
    assert problem.message


def test_every_problem_is_reported_at_once(defect_problems: list[Problem]) -> None:
    violations = [p for p in defect_problems if p.level == "Violation"]
    assert len(violations) == len(EXPECTED)
    # and nothing is reported twice for one cell (a SHACL result behind an importer problem)
    cells = [(p.file, p.cell) for p in violations]
    assert len(cells) == len(set(cells))
    # the warnings are the two roles that have no requirement, located at their id cells
    warnings = {(Path(p.file).name, p.cell, p.rule) for p in defect_problems
                if p.level == "Warning"}
    assert warnings == {("roles.csv", "A6", "sh:MinCountConstraintComponent"),
                        ("more-roles.csv", "A2", "sh:MinCountConstraintComponent")}


def test_problems_are_in_reading_order(defect_problems: list[Problem]) -> None:
    files = [Path(p.file).name for p in defect_problems]
    assert files == sorted(files, key=[Path(f).name for f in map(str, DEFECT_FILES)].index)
    rows = [(Path(p.file).name, p.row) for p in defect_problems]
    assert rows == sorted(rows, key=lambda r: (files.index(r[0]), r[1]))


def test_validation_results_map_back_to_rows(defect_problems: list[Problem]) -> None:
    shacl = [p for p in defect_problems if p.rule.startswith("sh:")]
    assert shacl and all(p.file and p.row and p.cell for p in shacl)
    label = next(p for p in shacl if p.level == "Violation")
    assert label.subject == f"<{CAT}knowledge-base-curator>"
    assert label.property == "skos:prefLabel"


def test_import_csv_with_defects_exits_1_and_writes_no_catalogue(
    runner: CliRunner, tmp_path: Path
) -> None:
    out, table = tmp_path / "catalogue.ttl", tmp_path / "problems.csv"
    result = run(runner, "import", "csv", *map(str, DEFECT_FILES), "--out", str(out),
                 "--problems", str(table), code=1)
    assert not out.exists()
    assert result.stderr.startswith("error: import failed: 16 problems: 14 violations")
    lines = result.stdout.splitlines()
    assert len(lines) == 16
    assert any(re.search(r"requirements\.csv, row 2, column competency \(cell B2\): +"
                         r"Violation +unknown competency 'pythn' — did you mean comp:python",
                         line) for line in lines), lines
    # aligned: every level starts in the same column
    assert len({line.index("  Violation") if "  Violation" in line else
                line.index("  Warning") for line in lines}) == 1
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == 16
    assert {"rule": "unknown-level", "row": "3", "cell": "C3", "value": "Expret"}.items() <= \
        next(r for r in rows if r["rule"] == "unknown-level").items()


def test_unknown_and_duplicate_columns(kg: Graph, tmp_path: Path) -> None:
    path = tmp_path / "roles.csv"
    path.write_text("id,Label EN,lable_fr,family,FAMILY\nx,X,Y,ai-design,ai-design\n",
                    encoding="utf-8")
    problems = import_tables([path], graph=kg).problems
    assert [(p.rule, p.cell, p.level, p.fix) for p in problems] == [
        ("unknown-column", "C1", "Warning", "did you mean label_fr or alt_label_fr?"),
        ("duplicate-column", "E1", "Violation", "keep one column of that name; this one is "
         "ignored"),
    ]


def test_a_bad_or_reserved_id(kg: Graph, tmp_path: Path) -> None:
    path = tmp_path / "roles.csv"
    path.write_text("id,label_en,family\nmy role,A,ai-design\nsource,B,ai-design\n",
                    encoding="utf-8")
    problems = import_tables([path], graph=kg).problems
    assert [(p.rule, p.cell, p.value) for p in problems] == [
        ("bad-id", "A2", "my role"), ("bad-id", "A3", "source")]
    assert "'my-role'" in problems[0].fix


def test_a_table_recognised_by_its_header(kg: Graph, tmp_path: Path) -> None:
    shutil.copy(EXAMPLE / "roles.csv", tmp_path / "sheet1.csv")
    imported = import_tables([tmp_path / "sheet1.csv"], graph=kg)
    assert imported.counts()["roles"] == 4
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    problems = import_tables([tmp_path / "notes.csv"], graph=kg).problems
    assert [(p.rule, p.level) for p in problems] == [("unknown-table", "Violation")]


def test_a_semicolon_separated_csv(kg: Graph, tmp_path: Path) -> None:
    path = tmp_path / "roles.csv"
    path.write_text("id;label_en;family\nx;Name, with comma;ai-design\n", encoding="utf-8")
    imported = import_tables([path], graph=kg)
    assert imported.problems == []
    assert (URIRef(CAT + "x"), SKOS.prefLabel, Literal("Name, with comma", lang="en")) in \
        imported.graph


# --- readable or not ------------------------------------------------------------------------


def test_a_byte_order_mark_is_accepted(kg: Graph) -> None:
    path = SHEETS / "bom-roles.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    imported = import_tables([path], graph=kg)
    assert imported.problems == []
    assert (URIRef(CAT + "prompt-librarian"), SKOS.prefLabel,
            Literal("Bibliothécaire de prompts", lang="fr")) in imported.graph


@pytest.mark.parametrize("name,expected", [
    ("unreadable/unclosed-quote-roles.csv",
     r"unclosed-quote-roles\.csv, row 2: a quoted cell is never closed"),
    ("unreadable/latin1-roles.csv",
     r"latin1-roles\.csv:2: not UTF-8 text \(byte 0xE9 at column 43\)"),
    ("../steward/valid-role.ttl", r"valid-role\.ttl: not a spreadsheet"),
    ("no-such-roles.csv", r"no-such-roles\.csv: no such file"),
])
def test_unreadable_input_exits_2_and_writes_nothing(
    runner: CliRunner, tmp_path: Path, name: str, expected: str
) -> None:
    out, table = tmp_path / "catalogue.ttl", tmp_path / "problems.csv"
    path = SHEETS / name
    with pytest.raises(SpreadsheetError, match=expected):
        read_sheets(path)
    result = run(runner, "import", "csv", *map(str, EXAMPLE_FILES), str(path),
                 "--out", str(out), "--problems", str(table), "--format", "html",
                 "--lang", "fr", "--report", str(tmp_path / "report.html"), code=2)
    assert re.match(r"error: .*" + expected, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
    assert not out.exists() and not table.exists()
    assert list(tmp_path.iterdir()) == []


def test_other_unreadable_inputs(tmp_path: Path) -> None:
    utf16 = tmp_path / "roles.csv"
    utf16.write_bytes("id,label_en\n".encode("utf-16"))
    broken = tmp_path / "book.xlsx"
    broken.write_bytes(b"this is not a zip file")
    old = tmp_path / "book.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    for path, pattern in ((utf16, "UTF-16"), (broken, "not an .xlsx workbook"),
                          (old, "save it as .xlsx"), (tmp_path, "a folder")):
        with pytest.raises(InputError, match=pattern):
            read_sheets(path)


# --- workbooks ------------------------------------------------------------------------------


def _workbook(path: Path, formula: bool) -> None:
    """The example as one workbook, with a notes sheet; ``formula`` puts a formula in the
    level cell of requirements row 3 and a value under no column in row 4."""
    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "notes"
    notes.append(["Example catalogue, for the tests"])
    for table in ("roles", "competencies", "requirements"):
        sheet = book.create_sheet(table)
        with (EXAMPLE / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                sheet.append([int(c) if c.isdigit() else c for c in row])
    if formula:
        book["requirements"]["C3"] = '=IF(TRUE,"Competent","Expert")'
        book["requirements"]["F4"] = "stray"
    book.save(path)


def test_a_workbook_imports_like_the_csv_files(kg: Graph, example: TableImport,
                                               tmp_path: Path) -> None:
    path = tmp_path / "catalogue.xlsx"
    _workbook(path, formula=False)
    imported = import_tables([path], graph=kg)
    assert [(p.rule, p.level, p.file) for p in imported.problems] == [
        ("unknown-table", "Warning", f"{path} [notes]")]
    assert example.counts() == imported.counts()
    named = {URIRef(CAT + "scheme"), URIRef(CAT + "source")}  # titled after the files
    assert {t for t in imported.graph if t[0] not in named} == \
        {t for t in example.graph if t[0] not in named}
    where = imported.sources[URIRef(CAT + "prompt-librarian")]
    assert (where.sheet, where.row, where.cell) == ("roles", 2, "A2")


def test_a_formula_is_reported_never_evaluated(kg: Graph, tmp_path: Path) -> None:
    path = tmp_path / "catalogue.xlsx"
    _workbook(path, formula=True)
    imported = import_tables([path], graph=kg)
    problems = merged_report(kg, imported)
    violations = [(p.rule, p.file, p.row, p.column, p.cell, p.value)
                  for p in problems if p.level == "Violation"]
    assert violations == [
        ("formula", f"{path} [requirements]", 3, "level", "C3",
         '=IF(TRUE,"Competent","Expert")'),
        ("ragged-row", f"{path} [requirements]", 4, "", "F4", "stray"),
    ]
    # the formula's result was not used, and the missing level is not reported twice
    req = URIRef(CAT + "prompt-librarian--prompt-and-instruction-writing")
    assert list(imported.graph.objects(req, AIR.proficiencyLevel)) == []


# --- templates ------------------------------------------------------------------------------


def test_template_csv(runner: CliRunner, kg: Graph, tmp_path: Path) -> None:
    run(runner, "template", "--out", str(tmp_path), code=0)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["competencies.csv", "requirements.csv", "roles.csv"]
    for table in TABLES.values():
        [sheet] = read_sheets(tmp_path / f"{table.name}.csv")
        assert [c.text for c in sheet.rows[0]] == table.header()
        assert len(sheet.rows) == 1
    before = (tmp_path / "roles.csv").read_bytes()
    (tmp_path / "roles.csv").write_text("id\nmine\n", encoding="utf-8")
    result = run(runner, "template", "--out", str(tmp_path), code=2)
    assert "already exist" in result.stderr
    assert (tmp_path / "roles.csv").read_text(encoding="utf-8") == "id\nmine\n"
    run(runner, "template", "--out", str(tmp_path), "--force", code=0)
    assert (tmp_path / "roles.csv").read_bytes() == before
    imported = import_tables(sorted(tmp_path.glob("*.csv")), graph=kg)
    assert imported.problems == [] and len(imported.graph) == 0


def test_template_xlsx(runner: CliRunner, tmp_path: Path) -> None:
    run(runner, "template", "--out", str(tmp_path), "--format", "xlsx", code=0)
    sheets = read_sheets(tmp_path / "catalogue.xlsx")
    assert [(s.sheet, [c.text for c in s.rows[0]]) for s in sheets] == [
        (t.name, t.header()) for t in TABLES.values()]


def test_template_xlsx_is_the_same_bytes_every_time(runner: CliRunner, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    run(runner, "template", "--out", str(first), "--format", "xlsx", code=0)
    time.sleep(1.1)  # the zip entries and the workbook's properties carry times to the second
    run(runner, "template", "--out", str(second), "--format", "xlsx", code=0)
    assert (first / "catalogue.xlsx").read_bytes() == (second / "catalogue.xlsx").read_bytes()


def test_the_template_page_documents_every_column() -> None:
    page = (REPO / "docs" / "steward-template.md").read_text(encoding="utf-8")
    for table in TABLES.values():
        section = page.split(f"## {table.name}\n", 1)[1].split("\n## ", 1)[0]
        documented = set(re.findall(r"^\| `([a-z_]+)`", section, re.M))
        documented |= {n for cell in re.findall(r"^\| (`[a-z_]+`(?:, `[a-z_]+`)+) \|", section,
                                                re.M) for n in re.findall(r"`([a-z_]+)`", cell)}
        assert documented == set(table.header()), table.name
        required = set(re.findall(r"^\| `([a-z_]+)` \| yes \|", section, re.M))
        assert required == set(table.required), table.name
    assert column_name("Label FR") == "label_fr"


def test_the_command_line_default_base_is_the_importers() -> None:
    from airoles_kg.cli import import_commands

    assert import_commands._DEFAULT_BASE == DEFAULT_BASE


# --- one report, every format, both languages ------------------------------------------------

#: Every defect's (file, cell): the violations planted, and the two roles with no requirement.
DEFECT_CELLS = {(e[0], e[4]) for e in EXPECTED} | {("roles.csv", "A6"), ("more-roles.csv", "A2")}
_PLACE = re.compile(r"([^\s,|]+), (?:row|ligne) \d+(?:, (?:column|colonne) [\\\w]+)? "
                    r"\((?:cell|cellule) ([A-Z]+\d+)\)")


class _HtmlCells(HTMLParser):
    """The (file, cell) of each problem row of the HTML page: the file is the heading of the
    row's group, the cell the row's fourth column."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self.heading: list[str] = []
        self.cells: list[str] | None = None
        self.where = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h3":
            self.where, self.heading = "h3", []
        elif tag == "tr" and dict(attrs).get("data-severity"):
            self.cells = []
        elif tag == "td" and self.cells is not None:
            self.cells.append("")
            self.where = "td"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h3", "td"):
            self.where = ""
        elif tag == "tr" and self.cells is not None:
            file = Path("".join(self.heading).split(" (")[0]).name
            self.found.append((file, self.cells[3]))
            self.cells = None

    def handle_data(self, data: str) -> None:
        if self.where == "h3":
            self.heading.append(data)
        elif self.where == "td" and self.cells is not None:
            self.cells[-1] += data


def _cells(fmt: str, text: str) -> list[tuple[str, str]]:
    """The (file name, cell) of each problem a report in ``fmt`` names."""
    if fmt == "csv":
        return [(Path(r["file"]).name, r["cell"]) for r in csv.DictReader(io.StringIO(text))]
    if fmt == "json":
        return [(Path(p["file"]).name, p["cell"]) for p in json.loads(text)["problems"]]
    if fmt == "html":
        parser = _HtmlCells()
        parser.feed(text)
        return parser.found
    return [(Path(m.group(1)).name, m.group(2)) for m in map(_PLACE.search, text.splitlines())
            if m is not None]


# Words each language must show in each format: the importer's messages, the shapes' fixes
# (the cells' problems), and the report's own words around them.
_SPOKEN = {
    "en": ["unknown competency 'pythn'", "did you mean Expert?", "the competency cell is empty",
           "Say what this role needs"],
    "fr": ["compétence inconnue 'pythn'", "vouliez-vous dire Expert ?",
           "la cellule competency est vide", "Dites ce dont ce rôle a besoin"],
}
_AROUND = {
    ("text", "en"): "(cell B2):", ("text", "fr"): "(cellule B2) :",
    ("markdown", "en"): "| Severity | Location |", ("markdown", "fr"): "| Gravité | Emplacement |",
    ("html", "en"): "<title>Problems to fix</title>",
    ("html", "fr"): "<title>Problèmes à corriger</title>",
    ("json", "en"): '"where": "', ("json", "fr"): '"lang": "fr"',
    ("csv", "en"): ",".join(COLUMNS), ("csv", "fr"): ",".join(COLUMNS),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("fmt", ["text", "csv", "markdown", "html", "json"])
def test_the_defects_report_names_every_defect_by_its_cell(
    runner: CliRunner, tmp_path: Path, fmt: str, lang: str
) -> None:
    out, report = tmp_path / "catalogue.ttl", tmp_path / f"report.{fmt}"
    result = run(runner, "import", "csv", *map(str, DEFECT_FILES), "--out", str(out),
                 "--format", fmt, "--lang", lang, "--report", str(report), code=1)
    assert not out.exists() and result.stdout == ""
    assert f"wrote {report}" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [report.name], "no temporary file left"
    text = report.read_text(encoding="utf-8")
    cells = _cells(fmt, text)
    assert len(cells) == 16, cells
    assert set(cells) == DEFECT_CELLS
    if fmt == "html":
        text = html.unescape(text)
    for words in _SPOKEN[lang]:
        assert words in text, (fmt, lang, words)
    other = _SPOKEN["fr" if lang == "en" else "en"]
    assert not any(words in text for words in other), (fmt, lang)
    assert _AROUND[(fmt, lang)] in text
    # printed rather than written, the report is the same
    printed = run(runner, "import", "csv", *map(str, DEFECT_FILES), "--format", fmt,
                  "--lang", lang, code=1)
    assert printed.stdout == report.read_text(encoding="utf-8")


def test_the_problems_table_is_the_csv_report(runner: CliRunner, tmp_path: Path) -> None:
    table, report = tmp_path / "problems.csv", tmp_path / "report.csv"
    run(runner, "import", "csv", *map(str, DEFECT_FILES), "--problems", str(table),
        "--report", str(report), "--format", "csv", "--lang", "fr", code=1)
    assert table.read_bytes() == report.read_bytes()


def test_a_clean_import_writes_an_empty_report(runner: CliRunner, tmp_path: Path) -> None:
    out, report = tmp_path / "catalogue.ttl", tmp_path / "report.md"
    run(runner, "import", "csv", str(EXAMPLE), "--out", str(out), "--format", "markdown",
        "--lang", "fr", "--report", str(report), code=0)
    assert out.exists()
    assert report.read_text(encoding="utf-8") == (
        "**0 problème : 0 violation, 0 avertissement, 0 info**\n\nAucun problème.\n")


def _every_kind(folder: Path) -> list[Path]:
    """Files with a problem of each kind the importer reports that the defects do not have."""
    files = {
        "roles.csv": "id,Label EN,lable_fr,family,FAMILY,source\n"
                     "my role,X,Y,ai-design,ai-design,\n"
                     "source,X,Y,ai-design,ai-design,\n"
                     "ok,X,Y,ai-design,ai-design,no such source\n"
                     "short,X\n",
        "notes.csv": "a,b\n1,2\n",
        "requirements.csv": "role,competency,level,importance\n"
                            "ai-engineer,comp:python,3,Essential\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    book = folder / "book.xlsx"
    _workbook(book, formula=True)
    return [*(folder / name for name in files), book]


def test_every_importer_message_exists_in_french(kg: Graph, tmp_path: Path) -> None:
    paths = [*DEFECT_FILES, *_every_kind(tmp_path)]
    english = import_tables(paths, graph=kg).problems
    french = import_tables(paths, graph=kg, lang="fr").problems
    rules = {p.rule for p in english}
    assert rules >= {"unknown-column", "duplicate-column", "bad-id", "unknown-source",
                     "ragged-row", "unknown-table", "formula", "unknown-role", "empty-sheet",
                     "missing-column", "duplicate-id", "duplicate-requirement", "empty-cell",
                     "unknown-type", "unknown-family", "unknown-level", "unknown-importance",
                     "unknown-competency"}, rules
    assert len(english) == len(french)
    for en, fr in zip(english, french, strict=True):
        assert (en.rule, en.file, en.cell, en.value) == (fr.rule, fr.file, fr.cell, fr.value)
        assert fr.message and fr.message != en.message, fr
        assert fr.fix and fr.fix != en.fix, fr
    reserved = next(p for p in english if p.rule == "bad-id" and p.value == "source")
    assert reserved.fix == "write an id such as 'source-1'"


def test_an_unknown_language_is_refused(runner: CliRunner, kg: Graph) -> None:
    with pytest.raises(InputError, match="unknown report language 'de'"):
        import_tables(EXAMPLE_FILES, graph=kg, lang="de")
    result = run(runner, "import", "csv", str(EXAMPLE), "--lang", "de", code=2)
    assert "'de' is not one of 'en', 'fr'" in result.stderr


def test_the_command_line_formats_are_the_renderers() -> None:
    from airoles_kg.cli import import_commands
    from airoles_kg.shacl.render import PROBLEM_FORMATS

    assert sorted(import_commands._FORMATS) == sorted(PROBLEM_FORMATS)
