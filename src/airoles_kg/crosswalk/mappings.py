"""The mapping set: every SKOS mapping of the graph, read by the ``mappings`` catalogue query.

>>> from airoles_kg.kg.load import load_graph
>>> found = read_mappings(load_graph())
>>> first = next(m for m in found if m.subject.endswith("/role/ai-engineer"))
>>> first.predicate.rsplit("#", 1)[1], first.justification.rsplit("/", 1)[1]
('broadMatch', 'LexicalMatching')
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal

from airoles_kg.backends.base import Backend
from airoles_kg.catalogue.run import run_query
from airoles_kg.text import one_line

__all__ = ["UNSPECIFIED", "Mapping", "read_mappings"]

#: The justification of a mapping whose axiom gives none (SSSOM requires one).
UNSPECIFIED = "https://w3id.org/semapv/vocab/UnspecifiedMatching"


@dataclass(frozen=True)
class Mapping:
    """One mapping: IRIs of both sides and the predicate, the English labels where known, and
    the SSSOM justification (an IRI), confidence and comment."""

    subject: str
    predicate: str
    object: str
    justification: str
    subject_label: str | None = None
    object_label: str | None = None
    confidence: float | None = None
    comment: str | None = None


def _text(value: object) -> str | None:
    return one_line(value) if isinstance(value, Literal) else None


def read_mappings(backend: Backend | Graph) -> list[Mapping]:
    """Every mapping once, sorted by subject, predicate and object; when a mapping has several
    labels or annotations, the first in the query's order is kept."""
    result = run_query("mappings", {}, backend)
    seen: dict[tuple[str, str, str], Mapping] = {}
    for row in result.as_dicts():
        key = (str(row["subject"]), str(row["predicate"]), str(row["object"]))
        if key in seen:
            continue
        confidence = row.get("confidence")
        seen[key] = Mapping(
            subject=key[0],
            predicate=key[1],
            object=key[2],
            justification=str(row.get("justification", UNSPECIFIED)),
            subject_label=_text(row.get("subjectLabel")),
            object_label=_text(row.get("objectLabel")),
            confidence=float(confidence) if isinstance(confidence, Literal) else None,
            comment=_text(row.get("comment")),
        )
    return [seen[key] for key in sorted(seen)]
