"""One validation run: the store it queries, the shapes it reads, and the caches it shares.

A :class:`Context` is made once per run and shared by the worker threads: its caches are
:class:`Memo` objects (one lock each), its counter is an atomic ``itertools.count``, and the
scratch graphs of materialised targets are guarded by a lock. The queries run on an embedded
store, or on a read-only :class:`Endpoint` (a remote server: pure SELECT, no scratch graphs).

>>> memo: Memo[str, int] = Memo()
>>> memo.get("a", lambda: 1), memo.get("a", lambda: 2)
(1, 1)
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from typing import Any, Generic, Protocol, TypeVar

import pyoxigraph as ox

from airoles_kg.shacl.fast.shapes import ShapesGraph
from airoles_kg.shacl.fast.sparql import UnsupportedShape, iri

__all__ = ["Context", "Endpoint", "Memo", "Solution"]

K = TypeVar("K")
V = TypeVar("V")


class Memo(Generic[K, V]):
    """A cache shared by threads: each value is computed once per key and then reused.

    The computation runs outside the lock (it may use the memo again, recursively); if two
    threads compute the same key at once, the first value stored wins.
    """

    def __init__(self) -> None:
        self._values: dict[K, V] = {}
        self._lock = threading.Lock()

    def get(self, key: K, compute: Callable[[], V]) -> V:
        with self._lock:
            if key in self._values:
                return self._values[key]
        value = compute()
        with self._lock:
            return self._values.setdefault(key, value)


class Solution(Protocol):
    """One solution of a SELECT: its terms by variable name (``None``: unbound; ``KeyError``:
    not projected), as :class:`pyoxigraph.QuerySolution` gives them."""

    def __getitem__(self, key: str, /) -> Any: ...


class Endpoint(Protocol):
    """A read-only place to run the compiled SELECT queries (a remote SPARQL server)."""

    def select(self, query: str) -> Iterator[Solution]:
        """The solutions of ``query``; :class:`UnsupportedShape` if the server cannot run it."""
        ...


class Context:
    """The store a run queries (``None`` when shapes are only checked for support, or when an
    ``endpoint`` answers instead), the shapes graph, and the state the threads share."""

    def __init__(
        self, shapes: ShapesGraph, store: ox.Store | None, endpoint: Endpoint | None = None
    ) -> None:
        self.shapes = shapes
        self.store = store
        self.endpoint = endpoint
        #: Whether each shape is supported; each per-value shape's SPARQL expression.
        self.supported: Memo[object, bool] = Memo()
        self.conforms: Memo[object, str | None] = Memo()
        self._subclasses: Memo[str, list[str]] = Memo()
        self._names = itertools.count()  # next() on a count is atomic
        #: Scratch named graphs holding materialised targets, by target pattern.
        self.focus_graphs: dict[str, str] = {}
        self.focus_lock = threading.Lock()

    def fresh(self, stem: str) -> str:
        """A variable name not used before in this run: ``_f0``, ``_f1``..."""
        return f"{stem}{next(self._names)}"

    def select(self, query: str) -> Iterator[Solution]:
        """The solutions of a SELECT query; :class:`UnsupportedShape` if it does not parse."""
        if self.endpoint is not None:
            return self.endpoint.select(query)
        if self.store is None:
            raise UnsupportedShape("no store to query")
        try:
            result = self.store.query(query)
        except SyntaxError as exc:  # a bug in the compiler, or a bad sh:sparql
            raise UnsupportedShape(f"query does not parse: {exc}") from exc
        if not isinstance(result, ox.QuerySolutions):
            raise UnsupportedShape("not a SELECT query")
        return iter(result)

    def subclasses(self, cls: str) -> list[str]:
        """``cls`` and its subclasses in the data (``rdfs:subClassOf*``), sorted."""

        def compute() -> list[str]:
            query = (
                "SELECT DISTINCT ?c WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
                + iri(cls)
                + " }"
            )
            return sorted({sol["c"].value for sol in self.select(query)} | {cls})

        return self._subclasses.get(cls, compute)
