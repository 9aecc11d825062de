"""Queries on an embedded Oxigraph store, in memory or in a folder on disk.

Parameters are bound by :func:`~airoles_kg.backends.bindings.inject_bindings`, which, unlike
pyoxigraph's ``substitutions``, also binds variables outside the SELECT projection.

>>> from rdflib import Graph, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("http://e/a"), URIRef("http://e/p"), URIRef("http://e/b")))
>>> backend = OxigraphBackend.from_graph(g)
>>> backend.select("SELECT ?o WHERE { ?s ?p ?o }", {"s": URIRef("http://e/a")}).rows
((rdflib.term.URIRef('http://e/b'),),)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from airoles_kg.backends.base import Rows
from airoles_kg.errors import QueryError
from airoles_kg.rdf.answers import native_rows

if TYPE_CHECKING:
    from rdflib import Graph

    from airoles_kg.backends.base import RdfRows, Term

__all__ = ["OxigraphBackend"]


class OxigraphBackend:
    """Queries an embedded Oxigraph store (in memory, or persistent in ``path``).

    Parameters are bound by :func:`inject_bindings`, which, unlike pyoxigraph's
    ``substitutions``, also binds variables outside the SELECT projection.
    """

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
        """Add the triples of ``graph`` to the default graph of the store."""
        data = graph.serialize(format="nt", encoding="utf-8")
        self.store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())

    def __len__(self) -> int:
        """The number of triples in the default graph."""
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def _run(self, sparql: str, bindings: Mapping[str, Term] | None) -> object:
        if bindings:
            from airoles_kg.backends.bindings import inject_bindings

            sparql = inject_bindings(sparql, bindings)
        return self.store.query(sparql)

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Rows:
        """The answer, with Oxigraph's own terms kept (:attr:`Rows.native`): rdflib's are made
        only if a caller reads :attr:`Rows.rows`."""
        result = self._run(sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        variables = tuple(v.value for v in result.variables)
        # A solution iterates over its values in the order of the variables.
        return Rows(variables, native=native_rows(result), convert=_as_rdflib)

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        result = self._run(sparql, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(result)

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Graph:
        from rdflib import Graph

        from airoles_kg.rdf.oxigraph import rows_from_oxigraph

        result = self._run(sparql, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        out = Graph()
        triples = ((t.subject, t.predicate, t.object) for t in result)
        for triple in rows_from_oxigraph(triples):
            out.add(triple)  # type: ignore[arg-type]
        return out


def _as_rdflib(rows: Sequence[Sequence[object]]) -> RdfRows:
    from airoles_kg.rdf.oxigraph import rows_from_oxigraph  # here: rdflib only when asked for

    return rows_from_oxigraph(rows)
