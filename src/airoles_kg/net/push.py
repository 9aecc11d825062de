"""Publishing the build: replace one named graph at a SPARQL server with ``push``.

:func:`push` replaces a named graph with the build: one SPARQL 1.1 Graph Store HTTP Protocol
``PUT``, or, where the server has no Graph Store endpoint (404, 405, 501), ``DROP SILENT GRAPH``
followed by ``INSERT DATA`` in chunks. Either way, pushing twice leaves one copy.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from airoles_kg.backends.http import (
    credentials,
    error_body,
    http_error,
    request,
    unreachable_error,
)
from airoles_kg.backends.remote import RemoteBackend
from airoles_kg.errors import EndpointError
from airoles_kg.namespaces import ONTOLOGY_IRI
from airoles_kg.rdf.terms import nt_line, sparql_term

__all__ = [
    "BNODE_CHUNK",
    "DEFAULT_GRAPH_IRI",
    "GSP_UNSUPPORTED",
    "PushReport",
    "count_triples",
    "push",
    "sparql_update",
]

#: The named graph ``push`` replaces unless told otherwise: the ontology IRI, so a new release
#: replaces the previous one in place and queries see one copy of the knowledge graph.
DEFAULT_GRAPH_IRI = ONTOLOGY_IRI
#: At most this many triples per request with blank nodes (INSERT { } WHERE { }, which
#: Virtuoso compiles to SQL of bounded length).
BNODE_CHUNK = 200
#: HTTP statuses by which a server says it has no Graph Store endpoint at that URL.
GSP_UNSUPPORTED = frozenset({404, 405, 501})


@dataclass(frozen=True)
class PushReport:
    """What :func:`push` did: how (``"gsp"`` or ``"update"``), where, and how much."""

    method: str
    graph: str
    triples: int
    requests: int
    seconds: float


def sparql_update(
    endpoint: str, update: str, *, user: str | None = None, password: str | None = None,
    timeout: float = 60.0, retries: int = 3, backoff: float = 0.5,
) -> None:
    """Send one SPARQL 1.1 Update request (form-encoded ``update=``)."""
    body = urllib.parse.urlencode({"update": update}).encode("ascii")
    try:
        request(credentials(user, password), endpoint, "POST", body,
                 "application/x-www-form-urlencoded", timeout, retries, backoff)
    except urllib.error.HTTPError as exc:
        raise http_error(endpoint, exc.code, error_body(exc)) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise unreachable_error(endpoint, exc, timeout) from exc


def _chunks(
    triples: Sequence[tuple[Node, Node, Node]], size: int
) -> Iterator[tuple[list[str], bool]]:
    """N-Triples lines in chunks of about ``size``, and whether a chunk has blank nodes; triples
    that share blank nodes stay together (a blank node label only holds within one request)."""
    parent: dict[Node, Node] = {}

    def find(node: Node) -> Node:
        while parent.get(node, node) != node:
            node = parent[node]
        return node

    for triple in triples:
        bnodes = [t for t in (triple[0], triple[2]) if isinstance(t, BNode)]
        for node in bnodes:
            parent.setdefault(node, node)
        if len(bnodes) == 2:
            parent[find(bnodes[0])] = find(bnodes[1])
    units: dict[Node | None, list[str]] = {}
    plain: list[str] = []
    for triple in triples:
        bnode = next((t for t in (triple[0], triple[2]) if isinstance(t, BNode)), None)
        line = nt_line(triple)
        if bnode is None:
            plain.append(line)
        else:
            units.setdefault(find(bnode), []).append(line)
    chunk: list[str] = []
    with_bnodes = False
    for index, unit in enumerate([*units.values(), *([line] for line in plain)]):
        limit = min(size, BNODE_CHUNK) if with_bnodes or index < len(units) else size
        if chunk and len(chunk) + len(unit) > limit:
            yield chunk, with_bnodes
            chunk, with_bnodes = [], False
        chunk.extend(unit)
        with_bnodes = with_bnodes or index < len(units)
    if chunk:
        yield chunk, with_bnodes


def _gsp_url(base: str, graph_iri: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}{urllib.parse.urlencode({'graph': graph_iri})}"


def push(
    graph: Graph,
    endpoint: str,
    *,
    graph_iri: str = DEFAULT_GRAPH_IRI,
    gsp_endpoint: str | None = None,
    user: str | None = None,
    password: str | None = None,
    chunk_size: int = 2000,
    timeout: float = 120.0,
    retries: int = 3,
    backoff: float = 0.5,
) -> PushReport:
    """Replace the named graph ``graph_iri`` at a server with ``graph``.

    First one Graph Store HTTP Protocol ``PUT`` of N-Triples to ``gsp_endpoint`` (default: the
    ``endpoint`` URL itself); when the server answers 404, 405 or 501 there, the SPARQL Update
    ``endpoint`` gets ``DROP SILENT GRAPH`` then ``INSERT DATA`` in chunks of ``chunk_size``
    triples. Terms are escaped (:func:`~airoles_kg.rdf.terms.nt_line`, ASCII only).
    """
    if chunk_size < 1:
        raise EndpointError("the chunk size must be at least 1")
    for url in (endpoint, gsp_endpoint):
        if url is not None and not url.startswith(("http://", "https://")):
            raise EndpointError(f"{url}: an endpoint is an http:// or https:// URL")
    triples = sorted(graph, key=nt_line)
    start = time.perf_counter()
    gsp = gsp_endpoint or endpoint
    body = "".join(nt_line(t) + "\n" for t in triples).encode("ascii")
    url = _gsp_url(gsp, graph_iri)
    try:
        request(credentials(user, password), url, "PUT", body, "application/n-triples",
                 timeout, retries, backoff)
        return PushReport("gsp", graph_iri, len(triples), 1, time.perf_counter() - start)
    except urllib.error.HTTPError as exc:
        if exc.code not in GSP_UNSUPPORTED:
            raise http_error(gsp, exc.code, error_body(exc)) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise unreachable_error(gsp, exc, timeout) from exc
    target = _graph_term(graph_iri)
    requests = 2  # the refused PUT, then the DROP
    sparql_update(endpoint, f"DROP SILENT GRAPH {target}", user=user, password=password,
                  timeout=timeout, retries=retries, backoff=backoff)
    for chunk, with_bnodes in _chunks(triples, chunk_size):
        data = "\n".join(chunk)
        # Blank nodes go through INSERT { } WHERE { } (same meaning for one request): Virtuoso
        # refuses them in INSERT DATA.
        if with_bnodes:
            update = f"INSERT {{ GRAPH {target} {{\n{data}\n}} }} WHERE {{ }}"
        else:
            update = f"INSERT DATA {{ GRAPH {target} {{\n{data}\n}} }}"
        sparql_update(endpoint, update, user=user, password=password, timeout=timeout,
                      retries=retries, backoff=backoff)
        requests += 1
    return PushReport("update", graph_iri, len(triples), requests, time.perf_counter() - start)


def _graph_term(iri: str) -> str:
    try:
        return sparql_term(URIRef(iri), ascii_only=True)
    except ValueError as exc:
        raise EndpointError(f"--graph {iri!r}: {exc}") from exc


def count_triples(backend: RemoteBackend, graph_iri: str) -> int:
    """The number of triples in the named graph ``graph_iri`` at the endpoint."""
    if backend.default_graph is not None:  # a default-graph-uri would hide the named graphs
        backend = backend.with_default_graph(None)
    rows = backend.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_graph_term(graph_iri)} "
                          "{ ?s ?p ?o } }")
    value = rows.rows[0][0] if rows.rows else None
    return int(str(value)) if value is not None else 0
