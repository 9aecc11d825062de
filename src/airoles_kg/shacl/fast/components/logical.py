"""Logical constraints over shapes that are not per-value checks: ``sh:node``, ``sh:and``,
``sh:or``, ``sh:not`` and ``sh:xone``, combined over sets of failing value nodes.

(Over per-value shapes, the same constraints are SPARQL expressions: see
:mod:`~airoles_kg.shacl.fast.components.value`.)
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib.namespace import SH
from rdflib.term import Node

from airoles_kg.rdf.oxigraph import OxTerm
from airoles_kg.shacl.fast.components.value import conforms_expr
from airoles_kg.shacl.fast.context import Context
from airoles_kg.shacl.fast.results import Results
from airoles_kg.shacl.fast.shapes import SHN
from airoles_kg.shacl.fast.targets import focus_nodes, pairs, value_focus

__all__ = ["Failing", "logical"]

#: The nodes (bound by a focus pattern) that do not conform to a shape.
Failing = Callable[[Node, str], set[OxTerm]]


def logical(
    ctx: Context, shape: Node, focus: str, path: str | None, found: Results, failing: Failing
) -> None:
    """Report the values that break a logical constraint whose shapes need their own queries;
    ``failing`` evaluates such a shape on a focus pattern."""
    refs = [
        (kind, members)
        for kind, members in ctx.shapes.logical_refs(shape)
        if any(conforms_expr(ctx, m) is None for m in members)
    ]
    if not refs:
        return
    values_focus = value_focus(ctx, focus, path)
    value_pairs: dict[OxTerm, set[OxTerm]] | None = None
    all_values: set[OxTerm] | None = None
    for kind, members in refs:
        failed = [failing(m, values_focus) for m in members]
        if kind in (SH.node, SHN["and"]):
            bad = set().union(*failed)
            component = SH.NodeConstraintComponent if kind == SH.node else SH.AndConstraintComponent
        else:
            if all_values is None:
                all_values = focus_nodes(ctx, values_focus)
            if kind == SHN["not"]:
                bad = all_values - failed[0]
                component = SH.NotConstraintComponent
            elif kind == SHN["or"]:
                bad = set(all_values).intersection(*failed) if failed else set(all_values)
                component = SH.OrConstraintComponent
            else:
                bad = {v for v in all_values if sum(v not in f for f in failed) != 1}
                component = SH.XoneConstraintComponent
        if not bad:
            continue
        if value_pairs is None:
            value_pairs = pairs(ctx, focus, path)
        for this in sorted(value_pairs, key=str):
            for value in sorted(value_pairs[this] & bad, key=str):
                found.add(this, value, component)
