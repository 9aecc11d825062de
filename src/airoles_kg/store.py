"""Query backends: one interface over rdflib, an embedded Oxigraph store, and remote endpoints.

Every backend speaks rdflib terms at its boundary, so a named query gives the same answer
whichever engine runs it. The embedded Oxigraph store is the default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Node, Variable

__all__ = [
    "Backend",
    "OxigraphBackend",
    "RdflibBackend",
    "Rows",
    "from_oxigraph",
    "to_oxigraph",
]

Term = Node


@dataclass(frozen=True)
class Rows:
    """The answer to a SELECT: variable names and rows of rdflib terms (``None`` = unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]


@runtime_checkable
class Backend(Protocol):
    """What a query engine must offer. ``bindings`` maps variable names to terms."""

    name: str

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Rows: ...

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool: ...

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Graph: ...


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to its pyoxigraph equivalent."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to an Oxigraph term")


def from_oxigraph(term: object) -> Term | None:
    """Convert a pyoxigraph term (or ``None``) to its rdflib equivalent."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


class RdflibBackend:
    """Queries an in-memory rdflib graph, binding parameters with ``initBindings``."""

    name = "rdflib"

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def _bindings(self, bindings: Mapping[str, Term] | None) -> dict[Variable, Identifier]:
        return {Variable(k): v for k, v in (bindings or {}).items()}  # type: ignore[misc]

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Rows:
        result = self.graph.query(sparql, initBindings=self._bindings(bindings))
        variables = tuple(str(v) for v in (result.vars or []))
        rows = tuple(tuple(row) for row in result)  # type: ignore[arg-type]
        return Rows(variables, rows)  # type: ignore[arg-type]

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        return bool(self.graph.query(sparql, initBindings=self._bindings(bindings)).askAnswer)

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Graph:
        result = self.graph.query(sparql, initBindings=self._bindings(bindings))
        out = Graph()
        for triple in result:
            out.add(triple)  # type: ignore[arg-type]
        return out


class OxigraphBackend:
    """Queries an embedded Oxigraph store (in memory, or persistent in ``path``)."""

    name = "oxigraph"

    def __init__(self, store: ox.Store | None = None, *, path: str | Path | None = None) -> None:
        self.store = store if store is not None else ox.Store(str(path) if path else None)

    @classmethod
    def from_graph(cls, graph: Graph, *, path: str | Path | None = None) -> OxigraphBackend:
        """Load an rdflib graph into a new store (via N-Triples, which keeps every term)."""
        backend = cls(path=path)
        backend.load_graph(graph)
        return backend

    def load_graph(self, graph: Graph) -> None:
        data = graph.serialize(format="nt", encoding="utf-8")
        self.store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())

    def _subs(self, bindings: Mapping[str, Term] | None) -> dict[ox.Variable, object]:
        return {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Rows:
        result = self.store.query(sparql, substitutions=self._subs(bindings))
        if not isinstance(result, ox.QuerySolutions):
            raise TypeError("not a SELECT query")
        variables = tuple(v.value for v in result.variables)
        rows = tuple(tuple(from_oxigraph(sol[v]) for v in variables) for sol in result)
        return Rows(variables, rows)

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        result = self.store.query(sparql, substitutions=self._subs(bindings))
        if not isinstance(result, ox.QueryBoolean):
            raise TypeError("not an ASK query")
        return bool(result)

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Graph:
        result = self.store.query(sparql, substitutions=self._subs(bindings))
        out = Graph()
        for triple in result:  # type: ignore[union-attr]
            s, p, o = (from_oxigraph(t) for t in (triple.subject, triple.predicate, triple.object))
            out.add((s, p, o))  # type: ignore[arg-type]
        return out


