"""The one factory of query backends, by name: ``oxigraph``, ``rdflib`` or an endpoint URL.

>>> open_backend("rdflib").name, open_backend().name
('rdflib', 'oxigraph')
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from airoles_kg.backends.base import Backend
from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.backends.rdflib_graph import RdflibBackend
from airoles_kg.backends.remote import RemoteBackend
from airoles_kg.backends.store import open_store
from airoles_kg.errors import InputError
from airoles_kg.kg.load import graph_store, load_graph

__all__ = ["open_backend"]


def open_backend(
    kind: str = "oxigraph",
    graph: Graph | None = None,
    store_dir: str | Path | None = None,
    *,
    extra: Sequence[Path] = (),
    timeout: float = 30.0,
    retries: int = 3,
    default_graph: str | None = None,
    user: str | None = None,
    password: str | None = None,
) -> Backend:
    """A query backend: ``"oxigraph"`` (default; in memory, or persistent in ``store_dir``),
    ``"rdflib"``, or the URL of a SPARQL endpoint (``http://`` or ``https://``).

    ``graph`` is what the local backends hold (default: the build, ``load_graph(extra)``; for
    Oxigraph, ``graph_store(extra)``, which streams the ``extra`` files into the store).
    ``timeout``, ``retries``, ``default_graph``, ``user`` and ``password`` apply to an endpoint.
    """
    if kind.startswith(("http://", "https://")):
        return RemoteBackend(
            kind, timeout=timeout, retries=retries, default_graph=default_graph,
            user=user, password=password,
        )
    if kind not in ("oxigraph", "rdflib"):
        raise InputError(f"unknown backend {kind!r}: use oxigraph, rdflib or an http(s) URL")
    if store_dir is not None:
        if kind != "oxigraph":
            raise InputError("a persistent store (--store) needs the oxigraph backend")
        return open_store(store_dir, graph, extra=extra)[0]
    if graph is None and kind == "oxigraph":
        return OxigraphBackend(graph_store(extra))
    if graph is None:
        graph = load_graph(list(extra) or None)
    if kind == "rdflib":
        return RdflibBackend(graph)
    return OxigraphBackend.from_graph(graph)
