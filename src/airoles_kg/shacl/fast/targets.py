"""Focus nodes: target patterns binding ``?this``, value nodes along a path, scratch graphs.

A *focus* is a SPARQL group pattern that binds ``?this`` to the focus nodes of a shape; every
constraint query starts with it.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib.namespace import SH
from rdflib.term import Node

from airoles_kg.rdf.oxigraph import OxTerm
from airoles_kg.shacl.fast.context import Context
from airoles_kg.shacl.fast.sparql import const, iri, rename_this

__all__ = [
    "drop_scratch_graphs",
    "focus_nodes",
    "materialised_focus",
    "pairs",
    "target_pattern",
    "value_focus",
]

_FOCUS = "<urn:x-airoles-fastshacl:focus>"


def target_pattern(ctx: Context, shape: Node) -> str:
    """A group pattern binding ``?this`` to every focus node of a top-level shape."""
    shapes = ctx.shapes
    classes = [str(c) for c in shapes.values(shape, SH.targetClass)]
    if shapes.implicit_class(shape):
        classes.append(str(shape))
    parts: list[str] = []
    for cls in classes:
        subs = ctx.subclasses(cls)
        if len(subs) == 1:
            parts.append(f"?this a {iri(subs[0])} .")
        else:
            values = " ".join(iri(s) for s in subs)
            parts.append(f"VALUES ?_cls {{ {values} }} ?this a ?_cls .")
    nodes = shapes.values(shape, SH.targetNode)
    if nodes:
        values = "VALUES ?this { " + " ".join(const(n) for n in nodes) + " }"
        # In a sub-query: Virtuoso drops the other branches of a UNION with a VALUES branch.
        parts.append(f"{{ SELECT ?this WHERE {{ {values} }} }}")
    for pred in shapes.values(shape, SH.targetSubjectsOf):
        parts.append(f"?this {const(pred)} ?_o .")
    for pred in shapes.values(shape, SH.targetObjectsOf):
        parts.append(f"?_s {const(pred)} ?this .")
    if len(parts) == 1 and parts[0].startswith("?this a <"):
        return parts[0]
    union = " UNION ".join("{ " + p + " }" for p in parts)
    return "{ SELECT DISTINCT ?this WHERE { " + union + " } }"


def materialised_focus(ctx: Context, shape: Node) -> str:
    """The focus pattern of a top-level shape; a target made of several parts (a UNION) is
    computed once into a scratch named graph that every constraint query then scans."""
    pattern = target_pattern(ctx, shape)
    if pattern.startswith("?this a <") or ctx.store is None:
        return pattern
    with ctx.focus_lock:
        if pattern not in ctx.focus_graphs:
            graph = f"<urn:x-airoles-fastshacl:focus:{len(ctx.focus_graphs)}>"
            triple = f"{_FOCUS} {_FOCUS} ?this"
            ctx.store.update(f"INSERT {{ GRAPH {graph} {{ {triple} }} }} WHERE {{ {pattern} }}")
            ctx.focus_graphs[pattern] = graph
        graph = ctx.focus_graphs[pattern]
    return f"GRAPH {graph} {{ {_FOCUS} {_FOCUS} ?this }}"


def drop_scratch_graphs(ctx: Context) -> None:
    """Drop the scratch graphs :func:`materialised_focus` made."""
    with ctx.focus_lock:
        if ctx.store is not None:
            for graph in ctx.focus_graphs.values():
                ctx.store.update(f"DROP SILENT GRAPH {graph}")
        ctx.focus_graphs.clear()


def value_focus(ctx: Context, focus: str, path: str | None) -> str:
    """The pattern binding ``?this`` to the value nodes of ``path`` from ``focus``."""
    if path is None:
        return focus
    name = ctx.fresh("_f")
    renamed = rename_this(focus, name)
    return f"{{ SELECT DISTINCT ?this WHERE {{ {renamed} ?{name} {path} ?this }} }}"


def focus_nodes(ctx: Context, focus: str) -> set[OxTerm]:
    """The nodes ``focus`` binds to ``?this``."""
    return {sol["this"] for sol in ctx.select(f"SELECT DISTINCT ?this WHERE {{ {focus} }}")}


def pairs(ctx: Context, focus: str, path: str | None) -> dict[OxTerm, set[OxTerm]]:
    """Each focus node with its value nodes along ``path`` (itself when there is no path)."""
    found: dict[OxTerm, set[OxTerm]] = defaultdict(set)
    if path is None:
        for node in focus_nodes(ctx, focus):
            found[node].add(node)
        return found
    for sol in ctx.select(f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {path} ?value }}"):
        found[sol["this"]].add(sol["value"])
    return found
