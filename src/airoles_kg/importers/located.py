"""Validation results of an imported catalogue, located back at the rows and cells that made
them, in English or French.

A SHACL result names a focus node; :meth:`~airoles_kg.importers.tables.TableImport.locate`
finds the cell (the value's cell, else the cell of the property's column in that row, else
the cell of the row's id). A result about a property the importer already left out (its cell
has a problem reported) is not repeated. The problem's message says what is wrong in a few
words (:mod:`.messages`), its fix is the shape's message in the same language. The problems
are rendered, in every format, by :func:`airoles_kg.shacl.render.render_problems`.

>>> from rdflib import BNode
>>> from airoles_kg.namespaces import SH, SKOS
>>> result = ValidationResult(BNode(), SKOS.prefLabel, None, BNode(),
...                           SH.MinCountConstraintComponent, "Violation", "Add one.")
>>> _message(result, "en"), _message(result, "fr")
('missing skos:prefLabel', 'il manque skos:prefLabel')
"""

from __future__ import annotations

from rdflib import URIRef

from airoles_kg.importers.messages import MESSAGES, say
from airoles_kg.importers.tables import TableImport, problem_order
from airoles_kg.namespaces import RDF
from airoles_kg.problems import Problem
from airoles_kg.shacl.report import ValidationReport, ValidationResult, term_text

__all__ = ["all_problems", "validation_problems"]


def _message(result: ValidationResult, lang: str) -> str:
    """What is wrong, in a few words (the shape's message says how to fix it)."""
    name = str(result.constraint_component).rsplit("#", 1)[-1]
    path = term_text(result.path) or say("shacl.the_resource", lang)
    value = term_text(result.value) or say("shacl.a_value", lang)
    if f"shacl.{name}" not in MESSAGES:
        return say("shacl.other", lang, shape=term_text(result.source_shape))
    return say(f"shacl.{name}", lang, path=path, value=value)


def validation_problems(report: ValidationReport, imported: TableImport,
                        lang: str = "en") -> list[Problem]:
    """The report's results as problems, at the cells of ``imported`` that made them, in
    ``lang``."""
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
            message=_message(result, lang),
            fix=result.message_in(lang),
        ))
    return sorted(problems, key=lambda p: (problem_order(p, imported.files), p.rule, p.message))


def all_problems(report: ValidationReport, imported: TableImport,
                 lang: str = "en") -> list[Problem]:
    """The importer's problems and the located validation results, in reading order (the
    importer's first at the same cell); the results' words in ``lang``, as the importer's
    were (:func:`~airoles_kg.importers.tables.import_tables` ``lang``)."""
    found = [(0, p) for p in imported.problems]
    found += [(1, p) for p in validation_problems(report, imported, lang)]
    found.sort(key=lambda item: (problem_order(item[1], imported.files), item[0]))
    return [p for _, p in found]

