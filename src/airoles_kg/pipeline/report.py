"""The ontology quality report: every check query of ``queries/checks/`` as one table.

In the spirit of ``robot report``, FOOPS! and OOPS!: each check is a ``.rq`` file whose header
gives its ``level`` (ERROR, WARN or INFO); each row it returns is a finding. A check projects
``?subject``, ``?property``, ``?value`` and ``?message`` (any it leaves out stays empty; a check
without ``?subject`` has its first column taken as subject). The report fails when it holds a
finding at or above ``fail_on``.

>>> Finding("WARN", "missing-range", "air:p", "rdfs:range", "", "add one").as_row()
('WARN', 'missing-range', 'air:p', 'rdfs:range', '', 'add one')
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from airoles_kg.backends.base import Backend
from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.catalogue.files import CatalogueQuery, list_checks
from airoles_kg.catalogue.run import expectation_met, run_query
from airoles_kg.errors import InputError
from airoles_kg.rdf.terms import shorten_iri
from airoles_kg.text import table

__all__ = [
    "FORMATS",
    "LEVELS",
    "Finding",
    "QualityReport",
    "render",
    "run_report",
]

#: Levels from the most to the least severe.
LEVELS: tuple[str, ...] = ("ERROR", "WARN", "INFO")
FORMATS: tuple[str, ...] = ("table", "tsv", "json", "markdown")
_COLUMNS = ("level", "rule", "subject", "property", "value", "message")


@dataclass(frozen=True, order=True)
class Finding:
    """One row of the report."""

    level: str
    rule: str
    subject: str
    property: str
    value: str
    message: str

    def as_row(self) -> tuple[str, str, str, str, str, str]:
        return (self.level, self.rule, self.subject, self.property, self.value, self.message)

    def sort_key(self) -> tuple[int, str, str, str, str]:
        return (LEVELS.index(self.level), self.rule, self.subject, self.property, self.value)


@dataclass
class QualityReport:
    """The findings of every check that ran, most severe first."""

    findings: list[Finding] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)

    def count(self, level: str) -> int:
        return sum(1 for f in self.findings if f.level == level)

    def counts(self) -> dict[str, int]:
        return {level: self.count(level) for level in LEVELS}

    def by_rule(self) -> dict[str, int]:
        return dict(sorted(Counter(f.rule for f in self.findings).items()))

    def fails(self, fail_on: str = "ERROR") -> bool:
        """True when a finding is at ``fail_on`` or more severe."""
        threshold = _level(fail_on)
        return any(LEVELS.index(f.level) <= LEVELS.index(threshold) for f in self.findings)


def _level(value: str) -> str:
    level = value.upper()
    if level not in LEVELS:
        raise InputError(f"unknown level {value!r}: use one of {', '.join(LEVELS)}")
    return level


def _text(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return shorten_iri(str(term))
    if isinstance(term, Literal):
        text = str(term)
        return f"{text}@{term.language}" if term.language else text
    return str(term)


def _findings(check: CatalogueQuery, backend: Backend) -> list[Finding]:
    result = run_query(check, {}, backend)
    level = check.header.level or "ERROR"
    if result.form == "ASK":
        if not expectation_met(check, result):
            return [Finding(level, check.name, "", "", "", check.description)]
        return []
    if result.form != "SELECT":
        return []
    variables = result.variables
    subject_var = "subject" if "subject" in variables else (variables[0] if variables else "")
    others = [v for v in variables if v not in (subject_var, "property", "value", "message")]
    out = []
    for row in result.as_dicts():
        message = _text(row.get("message")) or check.description
        value = _text(row.get("value")) if "value" in variables else " ".join(
            f"{v}={_text(row[v])}" for v in others if v in row)
        out.append(
            Finding(
                level,
                check.name,
                _text(row.get(subject_var)),
                _text(row.get("property")),
                value,
                " ".join(message.split()),
            )
        )
    return out


def run_report(
    data: Graph | Backend, checks: Iterable[CatalogueQuery] | None = None
) -> QualityReport:
    """Run the quality checks (default: all of ``queries/checks/``) on a graph or a backend."""
    backend = OxigraphBackend.from_graph(data) if isinstance(data, Graph) else data
    ran = list_checks() if checks is None else list(checks)
    findings = {finding for check in ran for finding in _findings(check, backend)}
    return QualityReport(sorted(findings, key=Finding.sort_key), [check.name for check in ran])


def _summary(report: QualityReport) -> str:
    counts = report.counts()
    parts = ", ".join(f"{counts[level]} {level}" for level in LEVELS)
    noun = "finding" if len(report.findings) == 1 else "findings"
    return f"{len(report.checks)} checks, {len(report.findings)} {noun}: {parts}"


def _md(cell: str) -> str:
    return cell.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render(report: QualityReport, fmt: str = "table") -> str:
    """The report as ``table`` (with a summary line), ``tsv``, ``json`` or ``markdown``."""
    rows = [f.as_row() for f in report.findings]
    if fmt == "table":
        lines = table(_COLUMNS, rows, free_last=True) if rows else []
        return "\n".join([*lines, _summary(report)]) + "\n"
    if fmt == "tsv":
        clean = [[c.replace("\t", " ").replace("\n", " ") for c in r] for r in [_COLUMNS, *rows]]
        return "".join("\t".join(r) + "\n" for r in clean)
    if fmt == "json":
        payload = {
            "checks": report.checks,
            "counts": report.counts(),
            "findings": [dict(zip(_COLUMNS, r, strict=True)) for r in rows],
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        lines = [f"**Quality report**: {_summary(report)}", ""]
        if rows:
            lines.append("| " + " | ".join(_COLUMNS) + " |")
            lines.append("|" + "---|" * len(_COLUMNS))
            lines.extend("| " + " | ".join(_md(c) for c in r) + " |" for r in rows)
        return "\n".join(lines) + "\n"
    raise InputError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
