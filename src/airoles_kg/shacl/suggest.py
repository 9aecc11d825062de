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
import re
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

import airoles_kg.kg.vocabulary as vocabulary_module
from airoles_kg.kg.cache import cached_object, source_files
from airoles_kg.kg.load import load_graph
from airoles_kg.kg.vocabulary import Vocabulary, from_graph
from airoles_kg.namespaces import AIR, AIRSH
from airoles_kg.paths import ontology_dir
from airoles_kg.rdf.terms import short_iri
from airoles_kg.shacl.report import ValidationReport, ValidationResult

__all__ = ["KNOWN_TERM_SHAPES", "closest_terms", "wants_suggestions", "with_suggestions"]

#: The shapes that report an unknown term, and the class whose members are the known ones.
KNOWN_TERM_SHAPES: dict[URIRef, URIRef] = {
    AIRSH.KnownCompetencyShape: AIR.Competency,
    AIRSH.KnownLevelShape: AIR.ProficiencyLevel,
    AIRSH.KnownImportanceShape: AIR.Importance,
    AIRSH.KnownFamilyShape: AIR.RoleFamily,
    AIRSH.KnownRoleShape: AIR.Role,
}
_CLOSEST = {"en": " Closest: {}.", "fr": " Les plus proches : {}."}


def _local(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def closest_terms(graph: Graph, kind: URIRef, value: Node, n: int = 3,
                  vocabulary: Vocabulary | None = None) -> list[URIRef]:
    """Up to ``n`` members of ``kind`` in ``graph`` whose slug or label is closest to the
    local name of ``value`` (case, accents and punctuation ignored), closest first.
    ``vocabulary`` is ``from_graph(graph, ..., [kind])``, if the caller has it."""
    known = vocabulary if vocabulary is not None else from_graph(graph, "term", [kind])
    return known.closest(_local(str(value)), n)


def wants_suggestions(report: ValidationReport) -> bool:
    """Whether some result of ``report`` names an unknown term, for which the closest known
    terms may be suggested."""
    return any(r.source_shape in KNOWN_TERM_SHAPES for r in report.results)


def _project_terms(kind: URIRef) -> Vocabulary:
    """The members of ``kind`` in the knowledge graph, by name: from the cache while the
    sources are unchanged (no graph to load)."""
    files = [*source_files(ontology_dir()), Path(vocabulary_module.__file__)]
    # One entry per kind (the stale entries of a kind are those of the same name).
    return cached_object(f"known-terms-{_local(str(kind))}", files,
                         lambda: from_graph(load_graph(), "term", [kind]))


def with_suggestions(report: ValidationReport, vocabulary: Graph | None = None
                     ) -> ValidationReport:
    """``report`` with the closest known terms added to each unknown-term result: terms of
    ``vocabulary``, by default of the knowledge graph."""
    if not wants_suggestions(report):
        return report
    results: list[ValidationResult] = []
    indexes: dict[URIRef, Vocabulary] = {}
    for result in report.results:
        kind = KNOWN_TERM_SHAPES.get(result.source_shape)  # type: ignore[call-overload]
        terms: list[URIRef] = []
        if kind is not None and result.value is not None:
            if kind not in indexes:
                indexes[kind] = (_project_terms(kind) if vocabulary is None
                                 else from_graph(vocabulary, "term", [kind]))
            terms = indexes[kind].closest(_local(str(result.value)), 3)
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
