"""Other constraints: ``sh:closed`` (with ``sh:ignoredProperties``) and ``sh:hasValue`` on a
property shape (some value of the path must be the given one)."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from airoles_kg.rdf.oxigraph import from_oxigraph
from airoles_kg.shacl.fast.context import Context
from airoles_kg.shacl.fast.results import Results
from airoles_kg.shacl.fast.sparql import const

__all__ = ["closed", "has_value"]

# rdflib's SH namespace checks each name it is asked for (microseconds): the
# components a result names are looked up once, not once per result.
_HAS_VALUE = SH.HasValueConstraintComponent
_CLOSED = SH.ClosedConstraintComponent


def has_value(ctx: Context, shape: Node, focus: str, path: str | None, found: Results) -> None:
    """Report the focus nodes none of whose values of ``path`` is the ``sh:hasValue``."""
    if path is None:
        return  # on a node shape it is a per-value check
    for value in ctx.shapes.values(shape, SH.hasValue):
        query = (
            f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} {const(value)} }} }}"
        )
        for sol in ctx.select(query):
            found.add(sol["this"], None, _HAS_VALUE)


def closed(ctx: Context, shape: Node, focus: str, found: Results) -> None:
    """Report every value of a property that a closed shape does not allow."""
    shapes = ctx.shapes
    if not shapes.truthy(shape, SH.closed):
        return
    allowed: set[Node] = set()
    for prop in shapes.graph.objects(shape, SH.property):
        p = shapes.one(prop, SH.path)
        if isinstance(p, URIRef):
            allowed.add(p)
    for lst in shapes.values(shape, SH.ignoredProperties):
        allowed.update(shapes.items(lst))
    cond = ""
    if allowed:
        listed = ", ".join(const(p) for p in sorted(allowed, key=str))
        cond = f"FILTER(?_p NOT IN ({listed}))"
    query = f"SELECT DISTINCT ?this ?_p ?value WHERE {{ {focus} ?this ?_p ?value {cond} }}"
    for sol in ctx.select(query):
        found.add(sol["this"], sol["value"], _CLOSED, (),
                  from_oxigraph(sol["_p"]))
