"""An imported reference classification checked with our shapes, and what ``--clean`` fixes.

The shapes are the project's in the English profile (:func:`~airoles_kg.shacl.profile.
language_profile` with ``en``: a reference classification promises no French). The graph is
validated with the vocabulary it uses (:func:`~airoles_kg.kg.load.load_vocabulary`) and only
the results on its own resources are kept. Real defects of the data are reported, never fixed
silently; :func:`clean` fixes only what is safe (whitespace at the ends of a label or a
definition, runs of whitespace inside a label) and returns what it changed.

>>> from rdflib import Literal, URIRef
>>> from airoles_kg.namespaces import SKOS
>>> from airoles_kg.rdf.parse import new_graph
>>> g = new_graph()
>>> g.add((URIRef("http://data.europa.eu/esco/occupation/x"), SKOS.prefLabel,
...        Literal(" artificial intelligence engineer ", lang="en")))  # doctest: +ELLIPSIS
<Graph ...>
>>> [(c.kind, c.count) for c in clean(g)]
[('labels trimmed', 1)]
>>> str(g.value(URIRef("http://data.europa.eu/esco/occupation/x"), SKOS.prefLabel))
'artificial intelligence engineer'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rdflib import Graph, Literal
from rdflib.term import Node

from airoles_kg.kg.load import load_shapes, load_vocabulary
from airoles_kg.namespaces import SKOS
from airoles_kg.rdf.terms import short_iri
from airoles_kg.shacl.profile import language_profile
from airoles_kg.shacl.report import ValidationReport
from airoles_kg.shacl.validate import validate

__all__ = ["Change", "check", "clean", "findings_by_shape"]

_LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
_RUNS = re.compile(r"\s{2,}|[\t\n\r]")


@dataclass
class Change:
    """One kind of fix: how many values it changed and a few of them, before and after."""

    kind: str
    count: int = 0
    examples: list[tuple[str, str]] = field(default_factory=list)


def clean(graph: Graph, examples: int = 3) -> list[Change]:
    """Fix the safe defects of ``graph`` in place; the kinds of fixes made, with counts."""
    changes = {kind: Change(kind) for kind in
               ("labels trimmed", "label whitespace runs collapsed", "definitions trimmed")}
    fixes: list[tuple[Node, Node, Literal, Literal, list[str]]] = []
    for predicate in (*_LABELS, SKOS.definition):
        for subject, value in graph.subject_objects(predicate):
            if not isinstance(value, Literal):
                continue
            text = str(value)
            new = text.strip()
            kinds = []
            if new != text:
                kinds.append("definitions trimmed" if predicate == SKOS.definition
                             else "labels trimmed")
            if predicate != SKOS.definition and _RUNS.search(new):
                new = " ".join(new.split())
                kinds.append("label whitespace runs collapsed")
            if kinds:
                fixes.append((subject, predicate, value, Literal(new, lang=value.language),
                              kinds))
    for node, prop, old, fixed, kinds in sorted(fixes, key=lambda f: (str(f[0]), str(f[2]))):
        graph.remove((node, prop, old))
        graph.add((node, prop, fixed))
        for kind in kinds:
            changes[kind].count += 1
            if len(changes[kind].examples) < examples:
                changes[kind].examples.append((str(old), str(fixed)))
    return [c for c in changes.values() if c.count]


def check(graph: Graph, engine: str = "auto") -> ValidationReport:
    """``graph`` validated with our shapes in English; the results on its own resources."""
    shapes = language_profile(load_shapes(), ["en"])
    report = validate(load_vocabulary() + graph, shapes, engine=engine)
    ours = set(graph.subjects())
    results = [r for r in report.results if r.focus_node in ours]
    return ValidationReport.from_results(results, engine=report.engine)


def findings_by_shape(report: ValidationReport) -> list[tuple[str, str, int]]:
    """(shape, severity, count) for each shape with results, most results first."""
    counts = Counter((short_iri(str(r.source_shape)), r.severity) for r in report.results)
    return sorted(((s, v, n) for (s, v), n in counts.items()), key=lambda t: (-t[2], t[0]))
