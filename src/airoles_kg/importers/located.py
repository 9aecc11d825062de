"""Validation results of an imported catalogue, located back at the rows and cells that made
them, and the problems table as text.

A SHACL result names a focus node; :meth:`~airoles_kg.importers.tables.TableImport.locate`
finds the cell (the value's cell, else the cell of the property's column in that row, else
the cell of the row's id). A result about a property the importer already left out (its cell
has a problem reported) is not repeated.

>>> rows = problems_text([
...     Problem("Violation", "unknown-level", "req.csv", 4, "level", "C4", value="Expret",
...             message="unknown level 'Expret'", fix="did you mean Expert?"),
...     Problem("Warning", "sh:MinCountConstraintComponent", "roles.csv", 12, "id", "A12",
...             message="no air:hasRequirement", fix="Add one.")])
>>> print("\\n".join(rows))
req.csv, row 4, column level (cell C4):   Violation  unknown level 'Expret' — did you mean Expert?
roles.csv, row 12, column id (cell A12):  Warning    no air:hasRequirement — Add one.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

from airoles_kg.importers.tables import TableImport, problem_order
from airoles_kg.namespaces import RDF
from airoles_kg.problems import Problem
from airoles_kg.shacl.report import ValidationReport, ValidationResult, term_text

__all__ = ["all_problems", "problems_text", "validation_problems"]

_WHAT = {
    "MinCountConstraintComponent": "missing {path}",
    "QualifiedMinCountConstraintComponent": "missing {path}",
    "MaxCountConstraintComponent": "too many values of {path}",
    "QualifiedMaxCountConstraintComponent": "too many values of {path}",
    "InConstraintComponent": "{value} is not an allowed value of {path}",
    "ClassConstraintComponent": "{value} is not of the class {path} needs",
    "DatatypeConstraintComponent": "{value} has the wrong datatype for {path}",
    "NodeKindConstraintComponent": "{value} is the wrong kind of term for {path}",
    "MinLengthConstraintComponent": "{path} is empty",
    "PatternConstraintComponent": "{value} does not match the pattern of {path}",
    "DisjointConstraintComponent": "{value} is both {path} and a disjoint property",
    "XoneConstraintComponent": "not exactly one of the allowed types",
    "NotConstraintComponent": "a forbidden combination of types",
}


def _message(result: ValidationResult) -> str:
    """What is wrong, in a few words (the shape's message says how to fix it)."""
    name = str(result.constraint_component).rsplit("#", 1)[-1]
    path = term_text(result.path) or "the resource"
    value = term_text(result.value) or "a value"
    template = _WHAT.get(name, f"{term_text(result.source_shape)} not met")
    return template.format(path=path, value=value)


def validation_problems(report: ValidationReport, imported: TableImport) -> list[Problem]:
    """The report's results as problems, at the cells of ``imported`` that made them."""
    problems = []
    for result in report.results:
        focus, path = result.focus_node, result.path
        if (focus, path if isinstance(path, URIRef) else RDF.type) in imported.unset:
            continue  # the cell's own problem is reported already
        where = imported.locate(focus, path if isinstance(path, URIRef) else None,
                                result.value)
        file = row = column = cell = None
        if where is not None:
            file = f"{where.file} [{where.sheet}]" if where.sheet else where.file
            row, column, cell = where.row if where.row is not None else where.line, \
                where.column, where.cell
        problems.append(Problem(
            result.severity,
            term_text(result.constraint_component),
            file or "",
            row,
            column or "",
            cell or "",
            subject=term_text(focus),
            property=term_text(path),
            value=term_text(result.value),
            message=_message(result),
            fix=result.message,
        ))
    return sorted(problems, key=lambda p: (problem_order(p, imported.files), p.rule, p.message))


def all_problems(report: ValidationReport, imported: TableImport) -> list[Problem]:
    """The importer's problems and the located validation results, in reading order (the
    importer's first at the same cell)."""
    found = [(0, p) for p in imported.problems]
    found += [(1, p) for p in validation_problems(report, imported)]
    found.sort(key=lambda item: (problem_order(item[1], imported.files), item[0]))
    return [p for _, p in found]


def problems_text(problems: Iterable[Problem]) -> list[str]:
    """One aligned line per problem: where, level, what is wrong — how to fix it."""
    rows = [((p.where() or p.subject or "(catalogue)") + ":", p.level,
             p.message + (f" — {p.fix}" if p.fix else "")) for p in problems]
    if not rows:
        return []
    width = max(len(r[0]) for r in rows)
    level = max(len(r[1]) for r in rows)
    return [f"{w.ljust(width)}  {lv.ljust(level)}  {text}".rstrip() for w, lv, text in rows]
