"""Reasoner results for people (text) and machines (JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from rdflib import URIRef

from airoles_kg.rdf.terms import short_term
from airoles_kg.reason.result import InferredLink, ReasonerResult

__all__ = ["render_json", "render_text"]


def _examples(links: Iterable[InferredLink], limit: int) -> Iterator[str]:
    for i, link in enumerate(links):
        if i >= limit:
            yield "  ..."
            return
        yield f"  {short_term(URIRef(link.subject))} -> {short_term(URIRef(link.object))}"


def render_text(result: ReasonerResult, *, limit: int = 50) -> str:
    """A human-readable report (inferences cut after ``limit`` lines per section)."""
    lines = [f"engine: {result.label}"]
    lines.extend(f"note: {note}" for note in result.notes)
    lines.append(f"time: {result.seconds:.2f} s")
    lines.append(f"consistent: {'yes' if result.consistent else 'NO'}")
    for line in result.explanation:
        lines.append(f"  {line}")
    if result.consistent:
        lines.append(f"unsatisfiable classes: {len(result.unsatisfiable)}")
        for cls in result.unsatisfiable:
            lines.append(f"  {short_term(URIRef(cls.iri))}")
            lines.extend(f"    {axiom}" for axiom in cls.axioms)
        lines.append(f"inferred class memberships: {len(result.inferred_types)}")
        lines.extend(_examples(result.inferred_types, limit))
        lines.append(f"inferred subclass links: {len(result.inferred_subclasses)}")
        lines.extend(_examples(result.inferred_subclasses, limit))
        if result.engine == "owlrl":
            lines.append(f"inferred triples by predicate ({len(result.inferred)} in all):")
            lines.extend(f"  {p}: {n}" for p, n in result.counts_by_predicate().items())
    return "\n".join(lines) + "\n"


def render_json(result: ReasonerResult) -> str:
    """The result as JSON (sorted keys, stable order)."""
    payload = {
        "engine": result.engine,
        "reasoner": result.reasoner,
        "label": result.label,
        "notes": result.notes,
        "consistent": result.consistent,
        "seconds": round(result.seconds, 3),
        "explanation": result.explanation,
        "unsatisfiable": [{"class": c.iri, "axioms": list(c.axioms)} for c in result.unsatisfiable],
        "inferred_types": [
            {"individual": link.subject, "type": link.object} for link in result.inferred_types
        ],
        "inferred_subclasses": [
            {"subclass": link.subject, "superclass": link.object}
            for link in result.inferred_subclasses
        ],
        "inferred_by_predicate": result.counts_by_predicate(),
    }
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
