"""Reports for people and machines: text grouped by focus node, JSON, and SHACL Turtle.

>>> from airoles_kg.shacl.report import ValidationReport
>>> print(render(ValidationReport(True, [], "pyshacl")), end="")
conforms: 0 violations, 0 warnings, 0 info (engine: pyshacl)
"""

from __future__ import annotations

import json
from collections.abc import Callable

from rdflib import BNode, URIRef
from rdflib.paths import Path
from rdflib.term import Node

from airoles_kg.errors import InputError
from airoles_kg.rdf.serialize import to_turtle
from airoles_kg.shacl.report import (
    ResultPath,
    ValidationReport,
    ValidationResult,
    report_to_graph,
    summary,
    term_text,
)

__all__ = ["FORMATS", "render", "render_json", "render_text", "render_turtle"]


def _iri(node: Node | ResultPath | None) -> str | None:
    """Full form for JSON: IRIs as is, literals in N-Triples syntax, paths in SPARQL syntax."""
    if node is None:
        return None
    if isinstance(node, BNode):
        return "[]"
    if isinstance(node, Path):
        return node.n3()
    if isinstance(node, URIRef):
        return str(node)
    return node.n3()


def render_text(report: ValidationReport) -> str:
    """Results grouped by focus node; each line gives severity, path, component and the fix."""
    groups: dict[str, list[ValidationResult]] = {}
    for r in report.results:
        groups.setdefault(term_text(r.focus_node), []).append(r)
    lines: list[str] = []
    for focus in sorted(groups):
        lines.append(focus)
        for r in groups[focus]:
            where = f" {term_text(r.path)}" if r.path is not None else ""
            component = term_text(r.constraint_component)
            lines.append(f"  {r.severity}{where} [{component}]: {r.message or '(no message)'}")
            if r.value is not None:
                lines.append(f"      value: {term_text(r.value)}")
        lines.append("")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def render_json(report: ValidationReport) -> str:
    """The report as JSON (full IRIs; literals in N-Triples syntax)."""
    document = {
        "conforms": report.conforms,
        "engine": report.engine,
        "summary": {
            "violations": report.violations,
            "warnings": report.warnings,
            "infos": report.infos,
            "focus_nodes": report.focus_nodes,
        },
        "results": [
            {
                "focus_node": _iri(r.focus_node),
                "path": _iri(r.path),
                "value": _iri(r.value),
                "source_shape": _iri(r.source_shape),
                "constraint_component": _iri(r.constraint_component),
                "severity": r.severity,
                "message": r.message,
            }
            for r in report.results
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_turtle(report: ValidationReport) -> str:
    """The report as a canonical Turtle ``sh:ValidationReport``."""
    return to_turtle(report_to_graph(report)).decode("utf-8")


#: The report formats, by name.
FORMATS: dict[str, Callable[[ValidationReport], str]] = {
    "text": render_text,
    "json": render_json,
    "turtle": render_turtle,
}


def render(report: ValidationReport, format: str = "text") -> str:  # noqa: A002
    """Render ``report`` as ``text``, ``json`` or ``turtle``."""
    try:
        return FORMATS[format](report)
    except KeyError:
        raise InputError(f"unknown report format {format!r}; use text, json or turtle") from None
