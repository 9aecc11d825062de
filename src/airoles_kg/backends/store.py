"""Persistent Oxigraph stores: a folder loaded from the build once, reused while current.

A store records a fingerprint of what the build is made of (:func:`build_fingerprint`) in the
named graph :data:`METADATA_GRAPH`, and is reloaded when the fingerprint changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL

import airoles_kg.kg as kg_package
from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.errors import InputError
from airoles_kg.kg.load import load_graph
from airoles_kg.paths import ontology_dir, project_version

__all__ = ["METADATA_GRAPH", "build_fingerprint", "open_store"]

#: The named graph in which a persistent store records which build it holds.
METADATA_GRAPH = URIRef("urn:airoles-kg:store-metadata")
_FINGERPRINT = DCTERMS.identifier


def build_fingerprint(extra: Iterable[Path] = ()) -> str:
    """A digest of what the build is made of: the version, the ontology sources, the code that
    loads them (:mod:`airoles_kg.kg`).

    A persistent store records it and is reloaded when it changes.
    """
    digest = hashlib.sha256(f"airoles-kg {project_version()}\n".encode())
    loader = Path(kg_package.__file__).parent
    files = sorted(ontology_dir().glob("*.ttl")) + sorted(loader.glob("*.py"))
    for path in [*files, *(Path(p) for p in extra)]:
        digest.update(f"{path.name}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _recorded(store: ox.Store) -> str | None:
    for quad in store.quads_for_pattern(
        ox.NamedNode(str(METADATA_GRAPH)), ox.NamedNode(str(_FINGERPRINT)), None,
        ox.NamedNode(str(METADATA_GRAPH)),
    ):
        obj = quad.object
        return obj.value if isinstance(obj, ox.Literal) else None
    return None


def open_store(
    store_dir: str | Path,
    graph: Graph | None = None,
    *,
    extra: Sequence[Path] = (),
    fingerprint: str | None = None,
) -> tuple[OxigraphBackend, bool]:
    """Open (creating it if need be) a persistent store in ``store_dir`` holding the build.

    The store is (re)loaded when it is empty or records another fingerprint than
    ``fingerprint`` (default: :func:`build_fingerprint` of the sources and ``extra``); otherwise
    it is reused as it is. The content loaded is ``graph`` when given (the caller's
    ``load_graph(extra)``, to save parsing it twice), else ``load_graph(extra)``. The fingerprint
    and the version are recorded in the named graph :data:`METADATA_GRAPH`. Returns the backend
    and whether it was (re)loaded.
    """
    folder = Path(store_dir)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: --store must be a folder, not a file")
    try:
        store = ox.Store(str(folder))
    except OSError as exc:
        raise InputError(f"{folder}: cannot open the store: {str(exc).splitlines()[0]}") from exc
    fingerprint = fingerprint or build_fingerprint(extra)
    backend = OxigraphBackend(store)
    if _recorded(store) == fingerprint:
        return backend, False
    if graph is None:
        graph = load_graph(list(extra) or None)
    store.clear()
    backend.load_graph(graph)
    meta = ox.NamedNode(str(METADATA_GRAPH))
    store.extend([
        ox.Quad(meta, ox.NamedNode(str(_FINGERPRINT)), ox.Literal(fingerprint), meta),
        ox.Quad(meta, ox.NamedNode(str(OWL.versionInfo)), ox.Literal(project_version()), meta),
    ])
    store.flush()
    return backend, True
