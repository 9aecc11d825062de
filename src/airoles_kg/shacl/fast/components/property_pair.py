"""Property pairs: ``sh:equals``, ``sh:disjoint``, ``sh:lessThan``, ``sh:lessThanOrEquals``."""

from __future__ import annotations

from rdflib.namespace import SH
from rdflib.term import Node

from airoles_kg.shacl.fast.context import Context
from airoles_kg.shacl.fast.results import Results
from airoles_kg.shacl.fast.sparql import const

__all__ = ["property_pairs"]

# rdflib's SH namespace checks each name it is asked for (microseconds): the
# components a result names are looked up once, not once per result.
_EQUALS = SH.EqualsConstraintComponent
_DISJOINT = SH.DisjointConstraintComponent


def property_pairs(
    ctx: Context, shape: Node, focus: str, path: str | None, found: Results
) -> None:
    """Report the values that break a property-pair constraint of ``shape``."""
    shapes = ctx.shapes
    # On a node shape the value is the focus node: ?this itself, not a BIND copy (inside
    # EXISTS, Virtuoso cannot see a variable bound by BIND).
    values, v, head = f"?this {path} ?value .", "?value", "?this ?value"
    if not path:
        values, v, head = "", "?this", "?this (?this AS ?value)"
    for other in shapes.values(shape, SH.equals):
        p2 = const(other)
        extra = (f"FILTER NOT EXISTS {{ ?this {path} ?value }}" if path
                 else "FILTER(!sameTerm(?this, ?value))")
        query = (
            f"SELECT DISTINCT ?this ?value WHERE {{ {{ {focus} {values} FILTER NOT EXISTS "
            f"{{ ?this {p2} {v} }} {'' if path else 'BIND(?this AS ?value)'} }} UNION "
            f"{{ {focus} ?this {p2} ?value . {extra} }} }}"
        )
        for sol in ctx.select(query):
            found.add(sol["this"], sol["value"], _EQUALS)
    for other in shapes.values(shape, SH.disjoint):
        query = f"SELECT DISTINCT {head} WHERE {{ {focus} {values} ?this {const(other)} {v} }}"
        for sol in ctx.select(query):
            found.add(sol["this"], sol["value"], _DISJOINT)
    for pred, op, component in (
        (SH.lessThan, "<", SH.LessThanConstraintComponent),
        (SH.lessThanOrEquals, "<=", SH.LessThanOrEqualsConstraintComponent),
    ):
        for other in shapes.values(shape, pred):
            query = (
                f"SELECT DISTINCT {head} WHERE {{ {focus} {values} "
                f"?this {const(other)} ?_o FILTER(!COALESCE({v} {op} ?_o, false)) }}"
            )
            for sol in ctx.select(query):
                found.add(sol["this"], sol["value"], component)
