"""pySHACL over an Oxigraph store, the data never copied into rdflib (``pyshacl-oxigraph``).

pySHACL 0.40.1 reads an Oxigraph store through its own ``OxigraphDataGraph``
(``pyshacl.graph_abstraction``). Two of its defects are handled here, in one place, by
:func:`store_data_graph`'s subclass (both written up in ``docs/upstream.md``):

* the class has no ``__bool__``, so ``datagraph or sg`` (in pySHACL's result building) calls
  ``__len__``, which counts the whole store with a SPARQL query, once per result: a view is
  always true;
* ``objects()`` and ``predicate_objects()`` with a literal subject raise ``TypeError`` (pyoxigraph
  refuses a literal subject pattern) where rdflib yields nothing, as it must when pySHACL follows
  a path from a literal value node: they yield nothing.

Without rules (which add triples), pySHACL runs in place on the store: no copy at all.

>>> import pyoxigraph as ox
>>> from rdflib import Literal, URIRef
>>> view = store_data_graph(ox.Store())
>>> bool(view), list(view.objects(Literal("x"), URIRef("http://e/p")))
(True, [])
"""

from __future__ import annotations

import functools
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Graph, IdentifiedNode, Literal
from rdflib.namespace import RDF, SH

from airoles_kg.shacl.engine import Engine
from airoles_kg.shacl.pyshacl_engine import run_pyshacl
from airoles_kg.shacl.report import ValidationReport

if TYPE_CHECKING:
    from pyshacl.graph_abstraction import DataGraph

__all__ = ["PYSHACL_OXIGRAPH", "PyshaclOxigraphEngine", "store_data_graph", "validate_store"]


@functools.cache
def _view_class() -> type[DataGraph]:
    """pySHACL's ``OxigraphDataGraph`` with its two defects handled (made on first use, so
    that importing this module does not import pySHACL)."""
    from pyshacl.graph_abstraction import OxigraphDataGraph, clone_oxigraph_store

    class StoreView(OxigraphDataGraph):
        def __bool__(self) -> bool:
            # A view is true even when empty: never count the store to decide ``dg or sg``.
            return True

        # pySHACL's own signatures, which narrow rdflib's (hence the ignores).
        def objects(  # type: ignore[override]
            self,
            subject: IdentifiedNode | Literal | Sequence[IdentifiedNode | Literal] | None,
            predicate: IdentifiedNode | None,
            unique: bool = False,
        ) -> Generator[IdentifiedNode | Literal, None, None]:
            if isinstance(subject, Literal):
                return  # a literal is never a subject: nothing, as rdflib says
            yield from super().objects(subject, predicate, unique=unique)

        def predicate_objects(  # type: ignore[override]
            self, subject: IdentifiedNode | Literal | None, unique: bool = False
        ) -> Generator[tuple[IdentifiedNode, IdentifiedNode | Literal], None, None]:
            if isinstance(subject, Literal):
                return
            yield from super().predicate_objects(subject, unique=unique)

        def clone(self, destination: ox.Store | None = None) -> StoreView:
            context = self.locked_context
            return StoreView(clone_oxigraph_store(self.impl, destination), None,
                             None if context is None else context.value)

        def with_locked_context(self, identifier: Any) -> StoreView:
            return StoreView(self.impl, None, str(identifier))

    return StoreView


def store_data_graph(store: ox.Store) -> DataGraph:
    """The default graph of ``store`` as a pySHACL data graph (a view: nothing is copied)."""
    return _view_class()(store, None, None)


def _has_rules(shapes: Graph) -> bool:
    if (None, SH.rule, None) in shapes:
        return True
    return any((None, RDF.type, kind) in shapes for kind in (SH.SPARQLRule, SH.TripleRule))


def validate_store(store: ox.Store, shapes: Graph, engine: str = "pyshacl-oxigraph"
                   ) -> ValidationReport:
    """Validate the default graph of ``store`` with pySHACL, in place unless the shapes have
    rules (pySHACL then works on a copy of the store, never on rdflib)."""
    return run_pyshacl(store_data_graph(store), shapes, engine, inplace=not _has_rules(shapes))


class PyshaclOxigraphEngine(Engine):
    """pySHACL reading an Oxigraph store; files are streamed into it, never through rdflib."""

    name = "pyshacl-oxigraph"
    loads_ntriples = True

    def validate(self, data_graph: Graph, shapes: Graph) -> ValidationReport:
        from airoles_kg.shacl.fast.load import load_store

        return validate_store(load_store(data_graph), shapes, self.name)

    def validate_files(
        self, paths: Sequence[str | Path], shapes: Graph, base: Graph | bytes
    ) -> ValidationReport:
        from airoles_kg.shacl.fast.load import load_store

        store = load_store(base)
        for path in paths:
            load_store(path, store)
        return validate_store(store, shapes, self.name)


#: The one pySHACL-on-Oxigraph engine.
PYSHACL_OXIGRAPH = PyshaclOxigraphEngine()
