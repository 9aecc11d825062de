"""The closest known terms, added to a result that names an unknown one.

The shapes of ``shapes/references.ttl`` report a value that should be one of the graph's terms
(a competency, a level, an importance, a family, a role) and is not. This module adds the
closest terms of that kind, by slug and label, to the message, in each language:
"… Closest: comp:python." / "… Les plus proches : comp:python."

>>> from airoles_kg.kg.load import load_graph
>>> typo = URIRef("https://w3id.org/airoles/competency/pythn")
>>> [short_iri(str(t)) for t in closest_terms(load_graph(), AIR.Competency, typo)]
['comp:python', 'comp:pytorch']
"""

from __future__ import annotations

import dataclasses
import difflib
import re

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from airoles_kg.namespaces import AIR, AIRSH, RDF, RDFS, SKOS
from airoles_kg.rdf.terms import short_iri
from airoles_kg.shacl.report import ValidationReport, ValidationResult
from airoles_kg.text import fold

__all__ = ["KNOWN_TERM_SHAPES", "closest_terms", "members", "with_suggestions"]

#: The shapes that report an unknown term, and the class whose members are the known ones.
KNOWN_TERM_SHAPES: dict[URIRef, URIRef] = {
    AIRSH.KnownCompetencyShape: AIR.Competency,
    AIRSH.KnownLevelShape: AIR.ProficiencyLevel,
    AIRSH.KnownImportanceShape: AIR.Importance,
    AIRSH.KnownFamilyShape: AIR.RoleFamily,
    AIRSH.KnownRoleShape: AIR.Role,
}
_CLOSEST = {"en": " Closest: {}.", "fr": " Les plus proches : {}."}


def members(graph: Graph, kind: URIRef) -> set[URIRef]:
    """The IRIs typed ``kind`` or one of its subclasses in ``graph``."""
    classes = {kind, *graph.transitive_subjects(RDFS.subClassOf, kind)}
    return {
        s for cls in classes for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef)
    }


def _local(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def _names(graph: Graph, kind: URIRef) -> dict[str, set[URIRef]]:
    """The members of ``kind`` by folded slug and label."""
    names: dict[str, set[URIRef]] = {}
    for term in members(graph, kind):
        keys = {fold(_local(str(term)))}
        for predicate in (SKOS.prefLabel, RDFS.label):
            keys.update(fold(str(v)) for v in graph.objects(term, predicate)
                        if isinstance(v, Literal))
        for key in keys - {""}:
            names.setdefault(key, set()).add(term)
    return names


def closest_terms(graph: Graph, kind: URIRef, value: Node, n: int = 3,
                  names: dict[str, set[URIRef]] | None = None) -> list[URIRef]:
    """Up to ``n`` members of ``kind`` in ``graph`` whose slug or label is closest to the
    local name of ``value`` (case, accents and punctuation ignored), closest first.
    ``names`` is :func:`_names` of ``graph`` and ``kind``, if the caller has it."""
    names = names if names is not None else _names(graph, kind)
    wanted = fold(_local(str(value)))
    found: list[URIRef] = []
    for key in difflib.get_close_matches(wanted, sorted(names), n=2 * n, cutoff=0.6):
        for term in sorted(names[key], key=str):
            if term not in found:
                found.append(term)
    return found[:n]


def with_suggestions(report: ValidationReport, vocabulary: Graph) -> ValidationReport:
    """``report`` with the closest known terms added to each unknown-term result."""
    if not any(r.source_shape in KNOWN_TERM_SHAPES for r in report.results):
        return report
    results: list[ValidationResult] = []
    indexes: dict[URIRef, dict[str, set[URIRef]]] = {}
    for result in report.results:
        kind = KNOWN_TERM_SHAPES.get(result.source_shape)  # type: ignore[call-overload]
        terms: list[URIRef] = []
        if kind is not None and result.value is not None:
            if kind not in indexes:
                indexes[kind] = _names(vocabulary, kind)
            terms = closest_terms(vocabulary, kind, result.value, names=indexes[kind])
        if not terms:
            results.append(result)
            continue
        listed = ", ".join(short_iri(str(t)) for t in terms)
        messages = tuple(
            (lang, text + _CLOSEST.get(lang, _CLOSEST["en"]).format(listed))
            for lang, text in result.messages
        )
        results.append(dataclasses.replace(
            result, message=result.message + _CLOSEST["en"].format(listed), messages=messages))
    return ValidationReport.from_results(results, report.engine)
