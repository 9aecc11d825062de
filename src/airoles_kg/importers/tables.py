"""A steward's spreadsheets (roles, competencies, requirements) as a graph in our model.

:func:`import_tables` reads CSV, TSV and ``.xlsx`` files (:mod:`.sheets`), recognises the
three tables (:mod:`.template`), resolves the names in their cells against the knowledge
graph (:mod:`.vocabulary`) and returns a :class:`TableImport`: the graph, where each node
came from (a :data:`~airoles_kg.rdf.locations.SourceMap`), and every problem found, each at
its row and cell, never only the first. A file that cannot be read at all raises
:class:`~airoles_kg.importers.sheets.SpreadsheetError` (exit code 2).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "roles.csv").write_text(
...     "id,label_en,family\\nbot-trainer,Bot trainer,ai-design\\n")
>>> _ = (folder / "requirements.csv").write_text(
...     "role,competency,level,importance\\nbot-trainer,pythn,3,Essential\\n")
>>> result = import_tables([folder / "roles.csv", folder / "requirements.csv"])
>>> result.counts()
{'roles': 1, 'competencies': 0, 'requirements': 1}
>>> [(p.row, p.cell, p.message, p.fix) for p in result.problems]
[(2, 'B2', "unknown competency 'pythn'", 'did you mean comp:python or comp:pytorch?')]
>>> str(result.locate(URIRef("https://example.org/catalogue/bot-trainer")))
'...roles.csv, row 2, column id (cell A2)'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from airoles_kg.errors import InputError
from airoles_kg.importers.messages import NOUNS, either, say
from airoles_kg.importers.sheets import Cell, Sheet, read_sheets
from airoles_kg.importers.template import SEPARATOR, Table, column_name, table_kind
from airoles_kg.kg.vocabulary import (
    AmbiguousName,
    Vocabulary,
    from_graph,
    importances,
    proficiency_levels,
    type_vocabulary,
)
from airoles_kg.namespaces import AIR, BASE, DCTERMS, RDF, SKOS
from airoles_kg.problems import Problem
from airoles_kg.rdf.locations import Location, a1_cell
from airoles_kg.rdf.parse import new_graph
from airoles_kg.rdf.terms import is_iri_text
from airoles_kg.shacl.wording import check_language
from airoles_kg.text import fold

__all__ = [
    "DEFAULT_BASE",
    "RESERVED_IDS",
    "TableImport",
    "check_base",
    "import_tables",
    "problem_order",
]

#: The namespace of the steward's IRIs unless ``--base`` says otherwise (example.org is
#: reserved for examples: a real catalogue should use its organisation's own namespace).
DEFAULT_BASE = "https://example.org/catalogue/"
#: Ids the importer gives to nodes of its own: the catalogue's scheme and source.
RESERVED_IDS = ("scheme", "source")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]*$")


@dataclass
class TableImport:
    """What the spreadsheets gave: ``graph`` (our model, in the steward's namespace),
    ``sources`` (each node created, to the cell of its row that names it), ``problems`` (in
    reading order), ``cells`` (each triple made from a cell, to that cell), ``columns`` (each
    (node, property) to the cell of the column that sets it, empty or not), ``unset`` (the
    (node, property) pairs left out because their cell has a problem already reported) and
    ``files``, the files read, in order."""

    graph: Graph
    sources: dict[Node, Location] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    cells: dict[tuple[Node, Node, Node], Location] = field(default_factory=dict)
    columns: dict[tuple[Node, Node], Location] = field(default_factory=dict)
    unset: set[tuple[Node, Node]] = field(default_factory=set)
    files: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """The number of roles, competencies and requirements made."""
        def typed(*classes: Node) -> int:
            return len({s for c in classes for s in self.graph.subjects(RDF.type, c)})

        return {
            "roles": typed(AIR.Role),
            "competencies": typed(AIR.Skill, AIR.Knowledge, AIR.Technology,
                                  AIR.TransversalCompetency),
            "requirements": typed(AIR.CompetencyRequirement),
        }

    def locate(self, node: Node, path: Node | None = None,
               value: Node | None = None) -> Location | None:
        """The cell behind ``node``'s ``path`` ``value``, else the cell of the column of
        ``path`` in its row, else the cell that names ``node``; ``None`` for a node the
        spreadsheets did not make."""
        if path is not None and value is not None and (node, path, value) in self.cells:
            return self.cells[(node, path, value)]
        if path is not None and (node, path) in self.columns:
            return self.columns[(node, path)]
        return self.sources.get(node)


def check_base(base: str) -> str:
    """``base`` if it can start the steward's IRIs: absolute, ending with ``/`` or ``#``, and
    not ours; else an :class:`~airoles_kg.errors.InputError`.

    >>> check_base("https://example.org/catalogue/")
    'https://example.org/catalogue/'
    >>> check_base("https://w3id.org/airoles/role/")
    Traceback (most recent call last):
    ...
    airoles_kg.errors.InputError: --base https://w3id.org/airoles/role/ is inside the airoles-kg...
    """
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", base) or not is_iri_text(base):
        raise InputError(f"--base {base!r} is not an absolute IRI (such as {DEFAULT_BASE})")
    if not base.endswith(("/", "#")):
        raise InputError(f"--base {base} must end with '/' or '#', so that ids can follow it")
    if base.startswith(BASE):
        raise InputError(f"--base {base} is inside the airoles-kg namespace; use your "
                         "organisation's own namespace")
    return base


@dataclass
class _Row:
    """One data row of a recognised table: its cells by column name."""

    sheet: Sheet
    table: Table
    number: int
    cells: dict[str, tuple[Cell, int]]  # column name -> (cell, 1-based column index)
    bad: set[str]  # columns whose cell already has a problem (a formula)

    def text(self, column: str) -> str:
        found = self.cells.get(column)
        return "" if found is None or column in self.bad else found[0].text

    def has(self, column: str) -> bool:
        return column in self.cells

    def location(self, column: str) -> Location:
        found = self.cells.get(column)
        cell = a1_cell(self.number, found[1]) if found else None
        return Location(self.sheet.file, row=self.number, column=column, cell=cell,
                        sheet=self.sheet.sheet)


class _Importer:
    def __init__(self, graph: Graph, base: str, lang: str = "en") -> None:
        self.base = base
        self.lang = lang
        self.result = TableImport(new_graph())
        self.result.graph.bind("cat", base)
        self.competencies = from_graph(graph, "competency", [AIR.Competency])
        self.families = from_graph(graph, "family", [AIR.RoleFamily])
        self.our_roles = from_graph(graph, "role", [AIR.Role])
        self.sources = from_graph(graph, "source", [AIR.Source])
        self.levels = proficiency_levels(graph)
        self.importance = importances(graph)
        self.types = type_vocabulary(graph)
        self.steward_roles = Vocabulary("role")
        self.ids: dict[str, Location] = {}
        self.requirements: dict[URIRef, Location] = {}
        self.first_file: Location | None = None
        self.scheme = URIRef(base + "scheme")
        self.source = URIRef(base + "source")
        self.files: list[str] = []

    # Problems --------------------------------------------------------------------------

    def say(self, key: str, **values: object) -> str:
        """The message ``key`` in the language of the import."""
        return say(key, self.lang, **values)

    def place(self, location: Location) -> str:
        sheet = f" [{location.sheet}]" if location.sheet else ""
        return self.say("place", file=f"{location.file}{sheet}", row=location.row,
                        cell=location.cell)

    def problem(self, rule: str, where: Location, message: str, fix: str = "", *,
                value: str = "", level: str = "Violation") -> None:
        file = f"{where.file} [{where.sheet}]" if where.sheet else where.file
        self.result.problems.append(Problem(
            level, rule, file, where.row, where.column or "", where.cell or "",
            value=value, message=message, fix=fix,
        ))

    def unknown(self, rule: str, row: _Row, column: str, text: str,
                vocabulary: Vocabulary, also: str = "") -> None:
        hint = vocabulary.suggest(text)
        if hint:
            fix = self.say("did_you_mean", names=either(hint, self.lang))
        elif len(vocabulary.shown) <= 6:
            fix = self.say("use_one_of", names=", ".join(vocabulary.choices()))
        else:
            fix = self.say("use_a_name", what=NOUNS[vocabulary.what][self.lang])
        self.problem(rule, row.location(column), self.say(f"unknown.{vocabulary.what}",
                                                          value=text),
                     fix + also, value=text)

    def resolve(self, row: _Row, column: str, text: str, node: Node | None, prop: Node,
                *vocabularies: Vocabulary, rule: str, also: str = "") -> URIRef | None:
        """The IRI ``text`` names in the first vocabulary that knows it, or ``None`` with a
        problem reported and ``(node, prop)`` marked as left out."""
        for vocabulary in vocabularies:
            found = vocabulary.resolve(text)
            if isinstance(found, AmbiguousName):
                self.problem("ambiguous-name", row.location(column),
                             self.say("ambiguous", what=NOUNS[vocabulary.what][self.lang],
                                      value=text),
                             self.say("write_one_of", names=", ".join(found.candidates)),
                             value=text)
                if node is not None:
                    self.result.unset.add((node, prop))
                return None
            if found is not None:
                return found
        merged = Vocabulary(vocabularies[0].what)
        for vocabulary in vocabularies:
            for key, tiers in vocabulary.names.items():
                for tier, iris in tiers.items():
                    merged.names.setdefault(key, {}).setdefault(tier, set()).update(iris)
            merged.shown.update(vocabulary.shown)
        self.unknown(rule, row, column, text, merged, also)
        if node is not None:
            self.result.unset.add((node, prop))
        return None

    # Reading ---------------------------------------------------------------------------

    def rows(self, sheet: Sheet, table: Table) -> list[_Row]:
        """The data rows of ``sheet``, with the problems of its header and shape reported."""
        header = sheet.rows[0]
        where = Location(sheet.file, row=1, sheet=sheet.sheet)
        if self.first_file is None:
            self.first_file = where
        columns: dict[str, int] = {}
        for index, cell in enumerate(header, start=1):
            at = Location(sheet.file, row=1, column=cell.text, cell=a1_cell(1, index),
                          sheet=sheet.sheet)
            name = column_name(cell.text)
            if cell.formula:
                self.problem("formula", at, self.say("header_formula"),
                             self.say("header_formula.fix"), value=cell.text)
                continue
            if not name:
                continue
            if name in columns:
                self.problem("duplicate-column", at,
                             self.say("duplicate_column", name=name,
                                      first=a1_cell(1, columns[name])),
                             self.say("duplicate_column.fix"), value=name)
                continue
            if table.column(name) is None:
                known = [c.name for c in table.columns]
                close = [n for n in _close(name, known)]
                fix = (self.say("did_you_mean", names=either(close, self.lang)) if close
                       else self.say("columns_are", table=table.name, names=", ".join(known)))
                self.problem("unknown-column", at, self.say("unknown_column", value=cell.text),
                             fix, value=cell.text, level="Warning")
                continue
            columns[name] = index
        width = len(header)
        for missing in (c for c in table.required if c not in columns):
            at = Location(sheet.file, row=1, column=missing, cell=a1_cell(1, width + 1),
                          sheet=sheet.sheet)
            self.problem("missing-column", at,
                         self.say("missing_column", table=table.name, name=missing),
                         self.say("missing_column.fix", name=missing))
        rows = []
        for number, record in enumerate(sheet.rows[1:], start=2):
            if not any(c.text for c in record):
                continue
            bad: set[str] = set()
            cells = {name: (record[i - 1] if i <= len(record) else Cell(""), i)
                     for name, i in columns.items()}
            row = _Row(sheet, table, number, cells, bad)
            for index, cell in enumerate(record, start=1):
                if cell.formula:
                    name = next((n for n, i in columns.items() if i == index), "")
                    at = Location(sheet.file, row=number, column=name or None,
                                  cell=a1_cell(number, index), sheet=sheet.sheet)
                    self.problem("formula", at, self.say("formula"), self.say("formula.fix"),
                                 value=cell.text)
                    bad.add(name)
            self.ragged(sheet, number, record, width)
            rows.append(row)
        return rows

    def ragged(self, sheet: Sheet, number: int, record: tuple[Cell, ...], width: int) -> None:
        if sheet.sheet is None and len(record) != width:
            index = min(len(record), width) + 1
            at = Location(sheet.file, row=number, cell=a1_cell(number, index))
            fix = self.say("ragged_row.more" if len(record) > width else "ragged_row.fewer")
            self.problem("ragged-row", at,
                         self.say("ragged_row", count=len(record), width=width), fix,
                         value=record[-1].text if record else "")
        elif sheet.sheet is not None and len(record) > width:
            for index in range(width + 1, len(record) + 1):
                if record[index - 1].text and not record[index - 1].formula:
                    at = Location(sheet.file, row=number, cell=a1_cell(number, index),
                                  sheet=sheet.sheet)
                    self.problem("ragged-row", at, self.say("no_column"),
                                 self.say("no_column.fix", cell=a1_cell(1, index)),
                                 value=record[index - 1].text)

    def required(self, row: _Row, column: str) -> str | None:
        """The text of a required cell; ``None`` (and a problem) if it is empty."""
        if not row.has(column):
            return None  # the missing column is reported once, at the header
        text = row.text(column)
        if text:
            return text
        if column not in row.bad:
            self.problem("empty-cell", row.location(column),
                         self.say("empty_cell", column=column),
                         self.say("empty_cell.fix", column=column,
                                  row=NOUNS[row.table.name][self.lang]))
        return None

    def claim_id(self, row: _Row) -> URIRef | None:
        """The IRI of the row's ``id``; ``None`` (and a problem) if it is empty, malformed,
        reserved or already used."""
        text = self.required(row, "id")
        if text is None:
            return None
        where = row.location("id")
        if not _ID.match(text) or text in RESERVED_IDS:
            suggestion = "-".join(fold(text).split()) or "my-id"
            reserved = text in RESERVED_IDS
            self.problem("bad-id", where,
                         self.say("bad_id.reserved" if reserved else "bad_id.malformed",
                                  value=text),
                         self.say("bad_id.fix", suggestion=suggestion + "-1" * reserved),
                         value=text)
            return None
        if text in self.ids:
            first = self.ids[text]
            self.problem("duplicate-id", where,
                         self.say("duplicate_id", value=text, place=self.place(first)),
                         self.say("duplicate_id.fix"), value=text)
            return None
        self.ids[text] = where
        return URIRef(self.base + text)

    # Building --------------------------------------------------------------------------

    def add(self, row: _Row, column: str, node: Node, prop: Node, value: Node) -> None:
        self.result.graph.add((node, prop, value))
        self.result.cells.setdefault((node, prop, value), row.location(column))

    def texts(self, row: _Row, node: Node) -> None:
        """The language columns of ``row``: labels, alternative labels, definitions,
        responsibilities."""
        props = {"label": SKOS.prefLabel, "alt_label": SKOS.altLabel,
                 "definition": SKOS.definition, "responsibility": AIR.responsibility}
        for column in sorted(row.cells):
            match = re.match(r"^(alt_label|label|definition|responsibility)_(.+)$", column)
            if match is None:
                continue
            stem, lang = match.groups()
            text = row.text(column)
            if not text:  # a result saying this property is missing points here
                self.result.columns.setdefault((node, props[stem]), row.location(column))
            if column == "label_en" and self.required(row, column) is None:
                self.result.unset.add((node, SKOS.prefLabel))
            values = text.split(SEPARATOR) if stem in ("alt_label", "responsibility") \
                else [text]
            for value in (v.strip() for v in values):
                if value:
                    self.add(row, column, node, props[stem], Literal(value, lang=lang))

    def source_of(self, row: _Row, node: Node) -> None:
        text = row.text("source")
        self.result.columns[(node, DCTERMS.source)] = row.location("source")
        if not text:
            self.add(row, "source", node, DCTERMS.source, self.source)
            return
        for name in (t.strip() for t in text.split(SEPARATOR) if t.strip()):
            found = self.sources.resolve(name)
            if isinstance(found, URIRef):
                self.add(row, "source", node, DCTERMS.source, found)
            elif re.match(r"^https?://\S+$", name) and is_iri_text(name):
                self.add(row, "source", node, DCTERMS.source, URIRef(name))
            else:
                self.unknown("unknown-source", row, "source", name, self.sources,
                             self.say("source_iri"))
                self.result.unset.add((node, DCTERMS.source))

    def competency_row(self, row: _Row, node: URIRef) -> None:
        graph = self.result.graph
        self.result.sources[node] = row.location("id")
        graph.add((node, SKOS.inScheme, self.scheme))
        text = self.required(row, "type")
        self.result.columns[(node, RDF.type)] = row.location("type")
        kind = None if text is None else self.resolve(
            row, "type", text, node, RDF.type, self.types, rule="unknown-type")
        if kind is not None:
            self.add(row, "type", node, RDF.type, kind)
        else:
            graph.add((node, RDF.type, AIR.Competency))
        self.texts(row, node)

    def role_row(self, row: _Row, node: URIRef) -> None:
        graph = self.result.graph
        self.result.sources[node] = row.location("id")
        graph.add((node, RDF.type, AIR.Role))
        graph.add((node, SKOS.inScheme, self.scheme))
        self.texts(row, node)
        self.result.columns[(node, AIR.family)] = row.location("family")
        families = self.required(row, "family")
        if families is None:
            self.result.unset.add((node, AIR.family))
        for name in (t.strip() for t in (families or "").split(SEPARATOR) if t.strip()):
            family = self.resolve(row, "family", name, node, AIR.family, self.families,
                                  rule="unknown-family")
            if family is not None:
                self.add(row, "family", node, AIR.family, family)
        self.source_of(row, node)

    def role_links(self, row: _Row, node: URIRef) -> None:
        """``evolved_from``: the steward's roles by id, or ours."""
        for name in (t.strip() for t in row.text("evolved_from").split(SEPARATOR)
                     if t.strip()):
            older = self.resolve(row, "evolved_from", name, node, AIR.evolvedFrom,
                                 self.steward_roles, self.our_roles, rule="unknown-role")
            if older is not None:
                self.add(row, "evolved_from", node, AIR.evolvedFrom, older)

    def broader(self, row: _Row, node: URIRef) -> None:
        text = row.text("broader")
        if text:
            found = self.resolve(row, "broader", text, node, SKOS.broader, self.competencies,
                                 rule="unknown-competency")
            if found is not None:
                self.add(row, "broader", node, SKOS.broader, found)

    def requirement_row(self, row: _Row) -> None:
        role_id = self.required(row, "role")
        name = self.required(row, "competency")
        if role_id is None:
            return
        role = self.steward_roles.resolve(role_id)
        if not isinstance(role, URIRef):
            ours = self.our_roles.resolve(role_id)
            also = ("" if not isinstance(ours, URIRef) else
                    self.say("our_role", value=role_id))
            self.unknown("unknown-role", row, "role", role_id, self.steward_roles, also)
            return
        competency: URIRef | None = None
        if name is not None:
            competency = self.resolve(row, "competency", name, None, AIR.competency,
                                      self.competencies, rule="unknown-competency")
        local = ("" if competency is None else re.split(r"[/#]", str(competency))[-1]) or \
            "-".join(fold(name or f"row {row.number}").split())
        node = URIRef(f"{str(role)}--{local}")
        if node in self.requirements:
            self.problem("duplicate-requirement", row.location("competency"),
                         self.say("duplicate_requirement", role=role_id,
                                  place=self.place(self.requirements[node])),
                         self.say("duplicate_requirement.fix"), value=name or "")
            return
        self.requirements[node] = row.location("competency")
        if competency is None:
            self.result.unset.add((node, AIR.competency))
        graph = self.result.graph
        self.result.sources[node] = row.location("role")
        self.add(row, "role", role, AIR.hasRequirement, node)
        graph.add((node, RDF.type, AIR.CompetencyRequirement))
        for column, prop, vocabulary, rule in (
            ("competency", AIR.competency, None, ""),
            ("level", AIR.proficiencyLevel, self.levels, "unknown-level"),
            ("importance", AIR.importance, self.importance, "unknown-importance"),
        ):
            self.result.columns[(node, prop)] = row.location(column)
            if vocabulary is None:
                if competency is not None:
                    self.add(row, column, node, prop, competency)
                continue
            text = self.required(row, column)
            found = None if text is None else self.resolve(row, column, text, node, prop,
                                                           vocabulary, rule=rule)
            if found is None:
                self.result.unset.add((node, prop))
            else:
                self.add(row, column, node, prop, found)
        self.source_of(row, node)

    def run(self, paths: Sequence[str | Path]) -> TableImport:
        sheets = [sheet for path in paths for sheet in read_sheets(path)]  # may raise
        tables: dict[str, list[_Row]] = {"competencies": [], "roles": [], "requirements": []}
        for sheet in sheets:
            header = [column_name(c.text) for c in sheet.rows[0]] if sheet.rows else []
            table = table_kind(sheet.stem, header)
            where = Location(sheet.file, row=1, column=None, cell="A1", sheet=sheet.sheet)
            if table is None:
                if sheet.sheet is None:
                    self.problem("unknown-table", where, self.say("unknown_table"),
                                 self.say("unknown_table.fix"))
                elif sheet.rows:
                    self.problem("unknown-table", where,
                                 self.say("unknown_sheet", sheet=sheet.sheet),
                                 self.say("unknown_sheet.fix"), level="Warning")
                continue
            if not any(c.text or c.formula for row in sheet.rows for c in row):
                self.problem("empty-sheet", where, self.say("empty_sheet", table=table.name),
                             self.say("empty_sheet.fix"))
                continue
            tables[table.name].extend(self.rows(sheet, table))
        self.files = self.result.files = list(dict.fromkeys(s.file for s in sheets))
        # Ids first, so that any row may name a role or competency of a later row.
        claimed: list[tuple[str, _Row, URIRef]] = []
        for name in ("competencies", "roles"):
            for row in tables[name]:
                node = self.claim_id(row)
                if node is None:
                    continue
                claimed.append((name, row, node))
                names = [(0, row.text("id"))]
                names += [(1, row.text(c)) for c in row.cells if c.startswith("label_")]
                vocabulary = self.competencies if name == "competencies" else \
                    self.steward_roles
                vocabulary.add(node, row.text("id"), names)
        for name, row, node in claimed:
            if name == "competencies":
                self.competency_row(row, node)
                self.broader(row, node)
            else:
                self.role_row(row, node)
                self.role_links(row, node)
        for row in tables["requirements"]:
            self.requirement_row(row)
        self.catalogue_nodes()
        self.result.problems.sort(key=lambda p: problem_order(p, self.files))
        return self.result

    def catalogue_nodes(self) -> None:
        """The catalogue's concept scheme and its source, if anything uses them."""
        graph = self.result.graph
        names = ", ".join(sorted({Path(f).name for f in self.files}))
        where = self.first_file or Location(self.files[0] if self.files else "")
        if (None, SKOS.inScheme, self.scheme) in graph:
            graph.add((self.scheme, RDF.type, SKOS.ConceptScheme))
            graph.add((self.scheme, SKOS.prefLabel,
                       Literal(f"Catalogue imported from {names}", lang="en")))
            self.result.sources[self.scheme] = where
        if (None, DCTERMS.source, self.source) in graph:
            graph.add((self.source, RDF.type, AIR.Source))
            graph.add((self.source, DCTERMS.title,
                       Literal(f"Role catalogue imported from {names}", lang="en")))
            self.result.sources[self.source] = where


def problem_order(problem: Problem, files: Sequence[str]) -> tuple[int, str, int, int]:
    """Reading order: the file (in ``files`` order, then others), the sheet, the row, the
    column of the cell.

    >>> problem_order(Problem("Violation", "x", "b.xlsx [roles]", 3, cell="AB3"), ["a", "b.xlsx"])
    (1, 'roles', 3, 28)
    """
    file, _, sheet = problem.file.partition(" [")
    rank = files.index(file) if file in files else len(files)
    letters = re.match(r"^[A-Z]*", problem.cell).group(0)  # type: ignore[union-attr]
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - ord("A") + 1
    return rank, sheet.rstrip("]"), problem.row or 0, column


def _close(name: str, known: list[str]) -> list[str]:
    import difflib

    return difflib.get_close_matches(name, known, n=2, cutoff=0.6)


def import_tables(paths: Sequence[str | Path], *, base: str = DEFAULT_BASE,
                  graph: Graph | None = None, lang: str = "en") -> TableImport:
    """Read the steward's tables in ``paths`` into our model, with every problem found.

    ``graph`` is the knowledge graph the cells' names are resolved against (default:
    :func:`~airoles_kg.kg.load.load_graph`); the steward's IRIs are ``base`` + the row's id.
    Raises :class:`~airoles_kg.importers.sheets.SpreadsheetError` (an ``InputError``) for a
    file that cannot be read as a spreadsheet, before anything else. The problems' messages
    and fixes are in ``lang`` (``en`` or ``fr``, :mod:`.messages`).
    """
    if graph is None:
        from airoles_kg.kg.load import load_graph

        graph = load_graph()
    if not paths:
        raise InputError("no spreadsheet to import")
    return _Importer(graph, check_base(base), check_language(lang)).run(paths)
