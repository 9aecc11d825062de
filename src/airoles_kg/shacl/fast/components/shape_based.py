"""Shape-based counts: ``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount``,
``sh:qualifiedMaxCount`` and ``sh:qualifiedValueShapesDisjoint``.

(``sh:node`` and ``sh:property`` are evaluated by the compiler itself.)
"""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import SH
from rdflib.term import Node

from airoles_kg.rdf.oxigraph import OxTerm
from airoles_kg.shacl.fast.components.logical import Failing
from airoles_kg.shacl.fast.components.value import conforms_expr
from airoles_kg.shacl.fast.context import Context
from airoles_kg.shacl.fast.results import Results
from airoles_kg.shacl.fast.targets import focus_nodes, pairs, value_focus

__all__ = ["qualified"]

# rdflib's SH namespace checks each name it is asked for (microseconds): the
# components a result names are looked up once, not once per result.
_QUALIFIED_MIN_COUNT = SH.QualifiedMinCountConstraintComponent
_QUALIFIED_MAX_COUNT = SH.QualifiedMaxCountConstraintComponent


def qualified(
    ctx: Context, shape: Node, focus: str, path: str | None, found: Results, failing: Failing
) -> None:
    """Report the focus nodes with too few or too many values conforming to the qualified
    value shape. Over a per-value shape, one counting query; otherwise over sets."""
    shapes = ctx.shapes
    qshape = shapes.one(shape, SH.qualifiedValueShape)
    if qshape is None:
        return
    lo = shapes.one(shape, SH.qualifiedMinCount)
    hi = shapes.one(shape, SH.qualifiedMaxCount)
    disjoint = shapes.truthy(shape, SH.qualifiedValueShapesDisjoint)
    conforms = conforms_expr(ctx, qshape)
    if conforms is not None and path is not None and not disjoint:
        tests = []
        if isinstance(lo, Literal):
            tests.append(f"COUNT(DISTINCT ?_q) < {int(lo)}")
        if isinstance(hi, Literal):
            tests.append(f"COUNT(DISTINCT ?_q) > {int(hi)}")
        if not tests:
            return
        query = (
            f"SELECT ?this (COUNT(DISTINCT ?_q) AS ?n) WHERE {{ {focus} "
            f"OPTIONAL {{ ?this {path} ?value "
            f"BIND(IF(COALESCE({conforms}, false), ?value, ?_none) AS ?_q) }} }} "
            f"GROUP BY ?this HAVING ({' || '.join(tests)})"
        )
        for sol in ctx.select(query):
            n = int(sol["n"].value)
            if isinstance(lo, Literal) and n < int(lo):
                found.add(sol["this"], None, _QUALIFIED_MIN_COUNT)
            if isinstance(hi, Literal) and n > int(hi):
                found.add(sol["this"], None, _QUALIFIED_MAX_COUNT)
        return
    values_focus = value_focus(ctx, focus, path)
    failed = failing(qshape, values_focus)
    sibling_ok: set[OxTerm] = set()
    if disjoint:
        for parent in shapes.graph.subjects(SH.property, shape):
            for sibling in shapes.graph.objects(parent, SH.property):
                for other in shapes.graph.objects(sibling, SH.qualifiedValueShape):
                    if other != qshape:
                        values = focus_nodes(ctx, values_focus)
                        sibling_ok |= values - failing(other, values_focus)
    value_pairs = pairs(ctx, focus, path)
    for this in focus_nodes(ctx, focus):
        count = sum(
            1 for v in value_pairs.get(this, ()) if v not in failed and v not in sibling_ok
        )
        if isinstance(lo, Literal) and count < int(lo):
            found.add(this, None, _QUALIFIED_MIN_COUNT)
        if isinstance(hi, Literal) and count > int(hi):
            found.add(this, None, _QUALIFIED_MAX_COUNT)
