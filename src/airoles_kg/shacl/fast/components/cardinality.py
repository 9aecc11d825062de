"""Cardinality: ``sh:minCount`` and ``sh:maxCount``, alone or fused with the value checks.

>>> count_having(1, 3)
['COUNT(DISTINCT ?value) < 1', 'COUNT(DISTINCT ?value) > 3']
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Literal
from rdflib.namespace import SH
from rdflib.term import Node

from airoles_kg.rdf.oxigraph import OxTerm
from airoles_kg.shacl.fast.components.value import Check, value_constraints
from airoles_kg.shacl.fast.context import Context, Solution
from airoles_kg.shacl.fast.results import Results

__all__ = ["cardinality", "count_having", "counts", "fused"]

# rdflib's SH namespace checks each name it is asked for (microseconds): the
# components a result names are looked up once, not once per result.
_MIN_COUNT = SH.MinCountConstraintComponent
_MAX_COUNT = SH.MaxCountConstraintComponent


def counts(ctx: Context, shape: Node, path: str | None) -> tuple[int | None, int | None]:
    """``sh:minCount`` (``None`` when it cannot fail) and ``sh:maxCount`` of a shape."""
    if path is None:
        return None, None
    min_count = ctx.shapes.one(shape, SH.minCount)
    max_count = ctx.shapes.one(shape, SH.maxCount)
    lo = int(min_count) if isinstance(min_count, Literal) else None
    hi = int(max_count) if isinstance(max_count, Literal) else None
    return (lo if lo is not None and lo > 0 else None), hi


def count_having(lo: int | None, hi: int | None) -> list[str]:
    """The ``HAVING`` conditions of ``sh:minCount lo`` / ``sh:maxCount hi`` over ``?value``."""
    having = [] if lo is None else [f"COUNT(DISTINCT ?value) < {lo}"]
    return having + ([] if hi is None else [f"COUNT(DISTINCT ?value) > {hi}"])


def _count_results(
    solution: Solution, lo: int | None, hi: int | None, found: Results
) -> None:
    """Report the count ``?n`` of ``solution`` if it is below ``lo`` or above ``hi``."""
    n = int(solution["n"].value)
    if lo is not None and n < lo:
        found.add(solution["this"], None, _MIN_COUNT)
    if hi is not None and n > hi:
        found.add(solution["this"], None, _MAX_COUNT)


def cardinality(
    ctx: Context, lo: int | None, hi: int | None, focus: str, path: str | None, found: Results
) -> None:
    """Report the focus nodes with fewer than ``lo`` or more than ``hi`` values."""
    if path is None:
        return
    if lo == 1 and hi is None:
        query = f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} ?_v }} }}"
        for sol in ctx.select(query):
            found.add(sol["this"], None, _MIN_COUNT)
        return
    if lo is None and hi is None:
        return
    pattern = f"OPTIONAL {{ ?this {path} ?value }}" if lo is not None else f"?this {path} ?value"
    query = (
        f"SELECT ?this (COUNT(DISTINCT ?value) AS ?n) WHERE {{ {focus} {pattern} }} "
        f"GROUP BY ?this HAVING ({' || '.join(count_having(lo, hi))})"
    )
    for sol in ctx.select(query):
        _count_results(sol, lo, hi, found)


def fused(
    ctx: Context,
    checks: list[Check],
    patterns: list[str],
    lo: int | None,
    hi: int | None,
    focus: str,
    path: str | None,
    found: Results,
) -> None:
    """Cardinality and value checks of a property shape in one pass over the focus nodes;
    the offending values are then fetched for the few focus nodes that have any."""
    binds = " ".join(
        f"BIND(IF(COALESCE({expr}, false), 0, 1) AS ?_b{i})" for i, (_, expr) in enumerate(checks)
    )
    sums = " ".join(f"(SUM(?_b{i}) AS ?_n{i})" for i in range(len(checks)))
    having = [f"SUM(?_b{i}) > 0" for i in range(len(checks))] + count_having(lo, hi)
    query = (
        f"SELECT ?this (COUNT(DISTINCT ?value) AS ?n) {sums} WHERE {{ {focus} OPTIONAL {{ "
        f"?this {path} ?value . {' '.join(patterns)} {binds} }} }} GROUP BY ?this "
        f"HAVING ({' || '.join(having)})"
    )
    bad: list[OxTerm] = []
    for sol in ctx.select(query):
        _count_results(sol, lo, hi, found)
        sums_ = [sol[f"_n{i}"] for i in range(len(checks))]
        if any(t is not None and t.value not in ("0", "0.0") for t in sums_):
            bad.append(sol["this"])
    if not bad:
        return
    if len(bad) <= 1000 and not any(isinstance(t, ox.BlankNode) for t in bad):
        focus = "VALUES ?this { " + " ".join(str(t) for t in bad) + " }"
    value_constraints(ctx, checks, patterns, focus, path, found)
