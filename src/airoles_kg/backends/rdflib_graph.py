"""Queries on an in-memory rdflib graph, parameters bound with ``initBindings``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from rdflib import Graph
from rdflib.term import Identifier

from airoles_kg.backends.base import Rows

if TYPE_CHECKING:
    from airoles_kg.backends.base import Term

__all__ = ["RdflibBackend"]


class RdflibBackend:
    """Queries an in-memory rdflib graph, binding parameters with ``initBindings``."""

    name = "rdflib"

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def _bindings(self, bindings: Mapping[str, Term] | None) -> dict[str, Identifier]:
        return {k: cast(Identifier, v) for k, v in (bindings or {}).items()}

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Rows:
        result = self.graph.query(sparql, initBindings=self._bindings(bindings))
        variables = tuple(str(v) for v in (result.vars or []))
        rows = tuple(tuple(row) for row in result)  # type: ignore[arg-type]
        return Rows(variables, rows)

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        return bool(self.graph.query(sparql, initBindings=self._bindings(bindings)).askAnswer)

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Graph:
        result = self.graph.query(sparql, initBindings=self._bindings(bindings))
        out = Graph()
        for triple in result:
            out.add(triple)  # type: ignore[arg-type]
        return out
