"""A shape evaluated as SPARQL: its constraint components in turn, its property shapes nested.

:class:`ShapeCompiler` reads a shapes graph and, given an Oxigraph store, evaluates a shape on
the focus nodes a pattern binds, returning typed :class:`~.results.RawResult` objects. A
top-level shape splits into independent :meth:`~ShapeCompiler.parts` (its own constraints,
then each of its property shapes) so that threads share the work of one large shape.

>>> from rdflib import Graph
>>> shapes = Graph().parse(data='''@prefix sh: <http://www.w3.org/ns/shacl#> .
...   <http://e/S> sh:targetClass <http://e/C> ; sh:property [ sh:path <http://e/p> ;
...   sh:minCount 1 ] .''', format="turtle")
>>> compiler = ShapeCompiler(shapes)
>>> [compiler.supported(s) for s in compiler.top_level_shapes()]
[True]
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import SH
from rdflib.term import Node

from airoles_kg.rdf.oxigraph import OxTerm
from airoles_kg.shacl.fast.components.cardinality import cardinality, counts, fused
from airoles_kg.shacl.fast.components.logical import logical
from airoles_kg.shacl.fast.components.other import closed, has_value
from airoles_kg.shacl.fast.components.property_pair import property_pairs
from airoles_kg.shacl.fast.components.shape_based import qualified
from airoles_kg.shacl.fast.components.sparql import sparql_constraint
from airoles_kg.shacl.fast.components.string_based import unique_lang
from airoles_kg.shacl.fast.components.value import value_checks, value_constraints
from airoles_kg.shacl.fast.context import Context, Endpoint
from airoles_kg.shacl.fast.paths import path_sparql
from airoles_kg.shacl.fast.results import RawResult, Results
from airoles_kg.shacl.fast.shapes import ShapesGraph
from airoles_kg.shacl.fast.sparql import UnsupportedShape
from airoles_kg.shacl.fast.support import check_supported
from airoles_kg.shacl.fast.targets import drop_scratch_graphs, materialised_focus, value_focus

__all__ = ["Part", "ShapeCompiler"]

#: A piece of the evaluation of a top-level shape, run on a worker thread.
Part = Callable[[], list[RawResult]]


class ShapeCompiler:
    """Reads a shapes graph and evaluates its shapes as SPARQL over an Oxigraph store, or over
    a read-only ``endpoint`` (``store`` may be left out to ask only which shapes are
    supported)."""

    def __init__(
        self, shapes: Graph, store: ox.Store | None = None, endpoint: Endpoint | None = None
    ) -> None:
        self.shapes = ShapesGraph(shapes)
        self.ctx = Context(self.shapes, store, endpoint)

    @property
    def graph(self) -> Graph:
        """The shapes graph."""
        return self.shapes.graph

    def top_level_shapes(self) -> list[Node]:
        """Shapes with targets (explicit or implicit class targets), as pySHACL finds them."""
        return self.shapes.top_level_shapes()

    def supported(self, shape: Node) -> bool:
        """Whether the compiler can run ``shape`` (and every shape it uses)."""

        def check() -> bool:
            try:
                check_supported(self.shapes, shape)
            except UnsupportedShape:
                return False
            return True

        return self.ctx.supported.get(shape, check)

    def failing(self, shape: Node, focus: str) -> set[OxTerm]:
        """Focus nodes (bound by ``focus``) that do not conform to ``shape``."""
        return {r.focus for r in self.evaluate(shape, focus)}

    def evaluate(self, shape: Node, focus: str, *, children: bool = True) -> list[RawResult]:
        """The results of ``shape`` on the nodes ``focus`` binds to ``?this``; with
        ``children=False``, without those of its property shapes (see :meth:`parts`)."""
        shapes, ctx = self.shapes, self.ctx
        if shapes.truthy(shape, SH.deactivated):
            return []
        path_node = shapes.one(shape, SH.path)
        path = path_sparql(shapes, path_node) if path_node is not None else None
        found = Results(shape, path_node)
        patterns: list[str] = []
        checks = value_checks(ctx, shape, node_level=path is None, patterns=patterns)
        lo, hi = counts(ctx, shape, path)
        if checks and (lo is not None or hi is not None):
            fused(ctx, checks, patterns, lo, hi, focus, path, found)
        else:
            value_constraints(ctx, checks, patterns, focus, path, found)
            cardinality(ctx, lo, hi, focus, path, found)
        property_pairs(ctx, shape, focus, path, found)
        logical(ctx, shape, focus, path, found, self.failing)
        qualified(ctx, shape, focus, path, found, self.failing)
        closed(ctx, shape, focus, found)
        unique_lang(ctx, shape, focus, path, found)
        has_value(ctx, shape, focus, path, found)
        nested = shapes.values(shape, SH.property) if children else []
        if nested:
            child_focus = value_focus(ctx, focus, path)
            for child in nested:
                found.extend(self.evaluate(child, child_focus))
        for constraint in shapes.values(shape, SH.sparql):
            sparql_constraint(ctx, shape, constraint, focus, path, path_node, found)
        return found.items

    def child_focus(self, shape: Node, focus: str) -> str:
        """The pattern binding ``?this`` to the focus nodes of the property shapes of ``shape``."""
        path_node = self.shapes.one(shape, SH.path)
        path = path_sparql(self.shapes, path_node) if path_node is not None else None
        return value_focus(self.ctx, focus, path)

    def parts(self, shape: Node) -> list[Part]:
        """The evaluation of a top-level ``shape`` as independent pieces of work (its own
        constraints, then each of its property shapes), so that threads share the work of one
        large shape; together they return what :meth:`evaluate` returns."""

        def own() -> list[RawResult]:
            return self.evaluate(shape, materialised_focus(self.ctx, shape), children=False)

        def child(node: Node) -> Part:
            return lambda: self.evaluate(
                node, self.child_focus(shape, materialised_focus(self.ctx, shape))
            )

        if self.shapes.truthy(shape, SH.deactivated):
            return [own]
        return [own, *(child(node) for node in self.shapes.values(shape, SH.property))]

    def cleanup(self) -> None:
        """Drop the scratch graphs the evaluation made in the store."""
        drop_scratch_graphs(self.ctx)
