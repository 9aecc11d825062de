"""Where a resource came from in the user's files: a line of an RDF file, or a cell of a sheet.

Validation results name the focus node; a steward needs the place to fix. A :data:`SourceMap`
maps nodes to :class:`Location` objects: the spreadsheet importer records the row and cell
that produced each node, and :func:`turtle_subject_lines` finds the line where each subject of
a Turtle file is first described.

>>> str(Location("roles.csv", row=3, column="label_fr", cell="C3"))
'roles.csv, row 3, column label_fr (cell C3)'
>>> str(Location("my-roles.ttl", line=12))
'my-roles.ttl:12'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef
from rdflib.term import Node

from airoles_kg.namespaces import PREFIXES

__all__ = ["Location", "SourceMap", "a1_cell", "turtle_subject_lines"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: a ``line`` (RDF), or a ``row``, ``column`` and A1 ``cell`` (a sheet;
    rows count from 1 with the header row, as a spreadsheet shows them)."""

    file: str
    line: int | None = None
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    sheet: str | None = None

    def __str__(self) -> str:
        if self.row is None:
            return f"{self.file}:{self.line}" if self.line is not None else self.file
        where = f"{self.file}" + (f" [{self.sheet}]" if self.sheet else "") + f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return where + (f" (cell {self.cell})" if self.cell else "")


#: Nodes (focus nodes of results) to the place that produced them.
SourceMap = Mapping[Node, Location]


def a1_cell(row: int, column: int) -> str:
    """The A1 name of a cell, ``row`` and ``column`` counted from 1.

    >>> a1_cell(1, 1), a1_cell(12, 28), a1_cell(3, 703)
    ('A1', 'AB12', 'AAA3')
    """
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


_PREFIX = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I)
_SUBJECT = re.compile(r"^(<[^>\s]*>|[A-Za-z][\w.-]*:[^\s;,]*|:[^\s;,]*)\s")


def turtle_subject_lines(path: str | Path) -> dict[Node, Location]:
    """Each subject that starts a line of the Turtle file ``path`` (not indented: a new
    statement), with the first such line. Prefixes are those the file declares, then ours.

    Good enough to point a person at a description; a subject written mid-line or only inside
    brackets is not found (the file's name is still given for it).
    """
    file = Path(path)
    prefixes = dict(PREFIXES)
    found: dict[Node, Location] = {}
    text = file.read_text(encoding="utf-8", errors="replace")
    in_long_string = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.count('"""') % 2 == 1:
            in_long_string = not in_long_string
            continue
        if in_long_string:
            continue
        declared = _PREFIX.match(line)
        if declared:
            prefixes[declared.group(1) or ""] = declared.group(2)
            continue
        match = _SUBJECT.match(line)
        if match is None:
            continue
        token = match.group(1)
        if token.startswith("<"):
            iri = token[1:-1]
        else:
            prefix, _, local = token.partition(":")
            if prefix not in prefixes:
                continue
            iri = prefixes[prefix] + local
        found.setdefault(URIRef(iri), Location(str(path), line=number))
    return found
