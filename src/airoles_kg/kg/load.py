"""Loading the knowledge graph and the shapes from the project's Turtle sources.

The graph built from ``ontology/*.ttl`` alone is kept in a cache (:mod:`.cache`), fresh by
the fingerprint of the sources, so that it is parsed once, not on every command. rdflib is
imported by the functions that build rdflib graphs, not with this module: a command that
loads the cached N-Triples into Oxigraph (:func:`load_ntriples`) never imports it.

>>> g = load_graph()
>>> from airoles_kg.namespaces import AIR, ROLE, RDF
>>> (ROLE["ai-engineer"], RDF.type, AIR.Role) in g
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from airoles_kg.kg.cache import cached_bytes, cached_object, source_files
from airoles_kg.namespaces import PREFIXES
from airoles_kg.paths import ontology_dir, shapes_dir
from airoles_kg.rdf.formats import QUAD_FORMATS, guess_format
from airoles_kg.rdf.read import bulk_load_file

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.store import Store
    from rdflib.term import IdentifiedNode

__all__ = [
    "graph_store",
    "load_graph",
    "load_ntriples",
    "load_ontology_sources",
    "load_shapes",
    "load_vocabulary",
    "merge_files",
]

#: :func:`~airoles_kg.kg.materialise.materialise` as a SPARQL update, for a store.
_MATERIALISE = f"""PREFIX air: <{PREFIXES["air"]}>
INSERT {{ ?role air:requiresCompetency ?competency }}
WHERE {{ ?role air:hasRequirement ?requirement . ?requirement air:competency ?competency }}"""


def merge_files(paths: Iterable[Path], into: Graph) -> Graph:
    """Parse each file into ``into``, keeping its own prefixes that do not clash with ours."""
    from airoles_kg.rdf.parse import parse_file

    for path in paths:
        parsed = parse_file(path)
        for prefix, uri in parsed.namespaces():
            if prefix and prefix not in PREFIXES and str(uri) not in PREFIXES.values():
                into.bind(prefix, uri, override=False)
        into += parsed
    return into


def _cached_graph(kind: str, files: Sequence[Path], build: Callable[[], Graph]) -> Graph:
    """The graph ``build()`` makes from ``files``, from the cache when they are unchanged.

    The store and the identifier are what is kept: a graph made anew on them binds no
    namespace of its own (unpickling a whole graph would bind rdflib's defaults).
    """
    from rdflib import Graph
    from rdflib import __version__ as rdflib_version

    def parts() -> tuple[Store, IdentifiedNode]:
        graph = build()
        return graph.store, graph.identifier

    store, identifier = cached_object(kind, files, parts, rdflib_version)
    return Graph(store=store, identifier=identifier, bind_namespaces="none")


def _parse_sources(files: Sequence[Path]) -> Graph:
    from airoles_kg.rdf.parse import new_graph

    return merge_files(files, new_graph())


def load_ontology_sources() -> Graph:
    """The ontology and knowledge base exactly as written in ``ontology/*.ttl`` (no stamping)."""
    files = source_files(ontology_dir())
    return _cached_graph("sources", files, lambda: _parse_sources(files))


def _build(extra: Sequence[Path], materialise: bool) -> Graph:
    from airoles_kg.kg.materialise import materialise as materialise_graph
    from airoles_kg.kg.stamp import stamp_version

    graph = load_ontology_sources()
    merge_files(extra, graph)
    stamp_version(graph)
    if materialise:
        materialise_graph(graph)
    return graph


def load_graph(extra: Sequence[str | Path] | None = None, *, materialise: bool = True) -> Graph:
    """The knowledge graph: ``ontology/*.ttl`` (sorted) plus ``extra`` files, version-stamped,
    with ``air:requiresCompetency`` materialised unless ``materialise=False``.

    Each call returns a new graph, which the caller may change.
    """
    files = source_files(ontology_dir())
    more = [Path(p) for p in extra or ()]
    if more:
        return _build(more, materialise)
    kind = "graph" if materialise else "graph-plain"
    return _cached_graph(kind, files, lambda: _build([], materialise))


def load_ntriples() -> bytes:
    """The knowledge graph (``load_graph()``) as N-Triples (UTF-8), for a store to load with
    no rdflib parse: from the cache when the sources have not changed."""
    files = source_files(ontology_dir())
    return cached_bytes(
        "ntriples", files, lambda: load_graph().serialize(format="nt", encoding="utf-8"))


def graph_store(extra: Sequence[str | Path] | None = None) -> ox.Store:
    """The knowledge graph in an in-memory Oxigraph store, with ``extra`` files streamed in
    (as ``validate`` reads them, never through rdflib: a large or gzip file costs what Oxigraph
    holds, no more) and the shortcuts materialised: the same triples as :func:`load_graph`.

    >>> len(graph_store()) == len(load_graph())
    True
    """
    paths = [Path(p) for p in extra or ()]
    quads = [p for p in paths if guess_format(p) in QUAD_FORMATS]  # merged into one graph
    store = ox.Store()
    built = load_ntriples() if not quads else load_graph(quads, materialise=False).serialize(
        format="nt", encoding="utf-8")
    store.bulk_load(built, format=ox.RdfFormat.N_TRIPLES)
    for path in paths:
        if path not in quads:
            bulk_load_file(store, path)
    store.update(_MATERIALISE)
    return store


def load_vocabulary(graph: Graph | None = None) -> Graph:
    """The graph without the project's roles and their requirements: the ontology, the
    competency scheme, the levels, importance and families a steward's catalogue uses, so
    that the catalogue can be validated on its own (``validate --standalone``). ``graph`` is
    the knowledge graph if the caller has loaded it (it is left as it is).

    >>> from airoles_kg.namespaces import COMP, ROLE
    >>> g = load_vocabulary()
    >>> (COMP.python, None, None) in g, (ROLE["ai-engineer"], None, None) in g
    (True, False)
    """
    from airoles_kg.rdf.parse import new_graph

    ours = (PREFIXES["role"], PREFIXES["req"])
    vocabulary = new_graph()
    for triple in graph if graph is not None else load_graph():
        if not any(str(term).startswith(ours) for term in triple):
            vocabulary.add(triple)
    return vocabulary


def load_shapes(extra: Sequence[str | Path] | None = None) -> Graph:
    """The SHACL shapes in ``shapes/*.ttl`` (sorted), plus ``extra`` files, version-stamped;
    without ``extra``, from the cache when the shapes have not changed. Each call returns a
    new graph."""
    from airoles_kg.kg.stamp import stamp_version
    from airoles_kg.rdf.parse import new_graph

    files = source_files(shapes_dir())
    more = [Path(p) for p in extra or ()]
    if not more:
        return _cached_graph("shapes", files,
                             lambda: stamp_version(merge_files(files, new_graph())))
    graph = merge_files(files, new_graph())
    merge_files(more, graph)
    return stamp_version(graph)
