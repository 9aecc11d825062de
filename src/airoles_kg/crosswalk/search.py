"""Roles and competencies found by any English or French label, from the ``search`` query.

The query folds labels and the text as :func:`airoles_kg.text.fold` does (case, accents and
punctuation ignored) and scores each matching label: 3 when it equals the text, 2 when it
starts with it, 1 when it contains it. Each resource is listed once, with its best label
(preferred labels before alternative ones at the same score).

>>> from airoles_kg.kg.load import load_graph
>>> hits = search(load_graph(), "Ingenieure IA")
>>> (hits[0].resource.rsplit("/", 1)[1], hits[0].label, hits[0].score)
('ai-engineer', 'Ingénieure IA', 3)
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal

from airoles_kg.backends.base import Backend
from airoles_kg.catalogue.run import run_query
from airoles_kg.errors import InputError
from airoles_kg.text import fold

__all__ = ["SearchHit", "search"]


@dataclass(frozen=True)
class SearchHit:
    """One resource found: its type (role or competency), the label that matched, and how."""

    resource: str
    type: str
    label: str
    language: str
    label_kind: str  # preferred or alternative
    score: int


def search(backend: Backend | Graph, text: str) -> list[SearchHit]:
    """The roles and competencies whose labels hold ``text``, best first."""
    if not fold(text):
        raise InputError(f"search text {text!r} has no letter or digit to look for")
    result = run_query("search", {"text": text}, backend)
    hits: dict[str, SearchHit] = {}
    for row in result.as_dicts():
        resource = str(row["resource"])
        if resource in hits:
            continue
        label = row["label"]
        hits[resource] = SearchHit(
            resource=resource,
            type=str(row["type"]),
            label=str(label),
            language=(label.language or "") if isinstance(label, Literal) else "",
            label_kind=str(row["labelKind"]),
            score=int(str(row["score"])),
        )
    return list(hits.values())
