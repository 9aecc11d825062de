"""Publishing the build: replace one named graph at a SPARQL server with ``push``.

:func:`push` replaces a named graph with the build: one SPARQL 1.1 Graph Store HTTP Protocol
``PUT``, or, where the server has no Graph Store endpoint (404, 405, 501), ``INSERT DATA`` in
chunks into a staging graph (:func:`staging_graph`) then one ``MOVE`` onto the target, so a
reader sees the old graph or the new one, never a part, and a push cut short leaves the target
as it was. Either way, pushing twice leaves one copy, and the triples are counted at the end:
a server that answered "OK" without storing them is an error.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time
import urllib.error
import urllib.parse
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from airoles_kg.backends.http import (
    credentials,
    error_body,
    http_error,
    request,
    unreachable_error,
)
from airoles_kg.backends.remote import RemoteBackend
from airoles_kg.errors import EndpointError, InputError
from airoles_kg.namespaces import ONTOLOGY_IRI
from airoles_kg.rdf.terms import is_iri_text, nt_line, sparql_term

__all__ = [
    "BNODE_CHUNK",
    "DEFAULT_GRAPH_IRI",
    "GSP_UNSUPPORTED",
    "PushReport",
    "by_value",
    "check_graph_iri",
    "count_triples",
    "push",
    "query_endpoint_for",
    "sparql_update",
    "staging_graph",
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
    counted: int | None = None


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


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def check_graph_iri(iri: str) -> str:
    """``iri`` if it can name a graph (absolute, nothing an IRI may not hold), else
    :class:`~airoles_kg.errors.InputError`.

    >>> check_graph_iri("https://e.org/g")
    'https://e.org/g'
    >>> check_graph_iri("https://e.org/g> } ; DROP ALL ; #")
    Traceback (most recent call last):
    ...
    airoles_kg.errors.InputError: --graph 'https://e.org/g> } ; DROP ALL ; #': not an IRI: ...
    """
    if not is_iri_text(iri):
        raise InputError(f"--graph {iri!r}: not an IRI: it may not be empty nor hold spaces, "
                         "control characters or any of <>\"{}|^`\\")
    if not _SCHEME.match(iri):
        raise InputError(f"--graph {iri!r}: not an absolute IRI (such as "
                         f"{DEFAULT_GRAPH_IRI})")
    return iri


def staging_graph(graph_iri: str) -> str:
    """The graph a SPARQL Update push fills before moving it onto ``graph_iri``: one per
    target, so the next push clears what a push cut short left there."""
    digest = hashlib.sha256(graph_iri.encode("utf-8")).hexdigest()[:16]
    return f"urn:airoles-kg:push-staging:{digest}"


def query_endpoint_for(endpoint: str) -> str:
    """Where to query what was pushed to the update ``endpoint``: the same URL, but ``/query``
    for one that ends in ``/update`` (Oxigraph, Fuseki).

    >>> query_endpoint_for("http://h:7878/update"), query_endpoint_for("http://h/sparql")
    ('http://h:7878/query', 'http://h/sparql')
    """
    parts = urllib.parse.urlsplit(endpoint)
    if parts.path.endswith("/update"):
        return urllib.parse.urlunsplit(parts._replace(path=parts.path[:-len("update")] + "query"))
    return endpoint


def push(
    graph: Graph,
    endpoint: str,
    *,
    graph_iri: str = DEFAULT_GRAPH_IRI,
    gsp_endpoint: str | None = None,
    query_endpoint: str | None = None,
    user: str | None = None,
    password: str | None = None,
    chunk_size: int = 2000,
    timeout: float = 120.0,
    retries: int = 3,
    backoff: float = 0.5,
    verify: bool = True,
) -> PushReport:
    """Replace the named graph ``graph_iri`` at a server with ``graph``.

    First one Graph Store HTTP Protocol ``PUT`` of N-Triples to ``gsp_endpoint`` (default: the
    ``endpoint`` URL itself); when the server answers 404, 405 or 501 there, the SPARQL Update
    ``endpoint`` gets ``INSERT DATA`` in chunks of ``chunk_size`` triples into the staging graph
    (:func:`staging_graph`, cleared first), then one ``MOVE`` of it onto ``graph_iri``. Terms
    are escaped (:func:`~airoles_kg.rdf.terms.nt_line`, ASCII only). With ``verify``, the
    triples of ``graph_iri`` are then counted at ``query_endpoint`` (default:
    :func:`query_endpoint_for`), and a count other than the build's is an
    :class:`~airoles_kg.errors.EndpointError`. A bad ``graph_iri`` is an
    :class:`~airoles_kg.errors.InputError` before any request.
    """
    check_graph_iri(graph_iri)
    if chunk_size < 1:
        raise InputError("the chunk size must be at least 1")
    for url in (endpoint, gsp_endpoint, query_endpoint):
        if url is not None and not url.startswith(("http://", "https://")):
            raise InputError(f"{url}: an endpoint is an http:// or https:// URL")
    triples = sorted(graph, key=nt_line)
    start = time.perf_counter()
    report = _push_gsp(triples, gsp_endpoint or endpoint, graph_iri, user, password, timeout,
                       retries, backoff)
    if report is None:
        report = _push_update(triples, endpoint, graph_iri, user, password, chunk_size,
                              timeout, retries, backoff)
    counted = None
    if verify:
        where = query_endpoint or query_endpoint_for(endpoint)
        counted = _verify(RemoteBackend(where, timeout=timeout, retries=retries,
                                        backoff=backoff, user=user, password=password),
                          graph_iri, len(triples), by_value(triples))
    return PushReport(report.method, graph_iri, len(triples), report.requests,
                      time.perf_counter() - start, counted)


def _push_gsp(
    triples: Sequence[tuple[Node, Node, Node]], gsp: str, graph_iri: str, user: str | None,
    password: str | None, timeout: float, retries: int, backoff: float,
) -> PushReport | None:
    """One Graph Store ``PUT``; ``None`` when the server has no Graph Store there."""
    body = "".join(nt_line(t) + "\n" for t in triples).encode("ascii")
    url = _gsp_url(gsp, graph_iri)
    try:
        request(credentials(user, password), url, "PUT", body, "application/n-triples",
                timeout, retries, backoff)
    except urllib.error.HTTPError as exc:
        if exc.code not in GSP_UNSUPPORTED:
            raise http_error(gsp, exc.code, error_body(exc)) from exc
        return None
    except (urllib.error.URLError, OSError) as exc:
        raise unreachable_error(gsp, exc, timeout) from exc
    return PushReport("gsp", graph_iri, len(triples), 1, 0.0)


def _push_update(
    triples: Sequence[tuple[Node, Node, Node]], endpoint: str, graph_iri: str,
    user: str | None, password: str | None, chunk_size: int, timeout: float, retries: int,
    backoff: float,
) -> PushReport:
    """The staging graph filled chunk by chunk, then moved onto the target in one request."""
    target = _graph_term(graph_iri)
    staging = _graph_term(staging_graph(graph_iri))
    send = functools.partial(sparql_update, endpoint, user=user, password=password,
                             timeout=timeout, retries=retries, backoff=backoff)
    requests = 3  # the refused PUT, the DROP of the staging graph, the MOVE
    send(f"DROP SILENT GRAPH {staging}")
    for chunk, with_bnodes in _chunks(triples, chunk_size):
        data = "\n".join(chunk)
        # Blank nodes go through INSERT { } WHERE { } (same meaning for one request): Virtuoso
        # refuses them in INSERT DATA.
        if with_bnodes:
            update = f"INSERT {{ GRAPH {staging} {{\n{data}\n}} }} WHERE {{ }}"
        else:
            update = f"INSERT DATA {{ GRAPH {staging} {{\n{data}\n}} }}"
        send(update)
        requests += 1
    # One request, one transaction: the target is replaced whole (MOVE drops it first; an
    # empty build leaves no staging graph, hence DROP then MOVE SILENT).
    send(f"DROP SILENT GRAPH {target} ;\nMOVE SILENT GRAPH {staging} TO {target}")
    return PushReport("update", graph_iri, len(triples), requests, 0.0)


def by_value(triples: Sequence[tuple[Node, Node, Node]]) -> int:
    """How many triples stay distinct when literals are compared by value, as a server that
    stores values (Virtuoso) keeps them: ``"01"^^xsd:integer`` and ``"1"^^xsd:integer`` are
    one value, so two triples that differ only there are one triple to such a server.

    >>> from rdflib import Literal, URIRef
    >>> from rdflib.namespace import XSD
    >>> s, p = URIRef("http://e/s"), URIRef("http://e/p")
    >>> by_value([(s, p, Literal("01", datatype=XSD.integer)),
    ...           (s, p, Literal("1", datatype=XSD.integer)), (s, p, Literal("1"))])
    2
    """
    def key(term: Node) -> object:
        if isinstance(term, Literal) and term.value is not None and term.language is None \
                and term.datatype is not None:
            value = term.value
            return ("number", value) if isinstance(value, int | float | Decimal) \
                and not isinstance(value, bool) else (str(term.datatype), value)
        return term

    return len({(s, p, key(o)) for s, p, o in triples})


def _verify(backend: RemoteBackend, graph_iri: str, expected: int, values: int) -> int:
    """The triples counted at the server: ``expected``, or ``values`` where the server keeps
    literals by value (:func:`by_value`); any other count is an error."""
    try:
        with warnings.catch_warnings():  # SPARQLWrapper's own word on an HTML answer
            warnings.simplefilter("ignore", RuntimeWarning)
            try:
                counted = count_triples(backend, graph_iri)
            except EndpointError as exc:  # digest refused: the server may want basic
                if backend.user is None or ": 401 " not in str(exc):
                    raise
                counted = count_triples(_basic(backend), graph_iri)
    except EndpointError as exc:
        raise EndpointError(f"pushed, but could not count the triples of <{graph_iri}> at "
                            f"{backend.endpoint} (give the query URL with --query-endpoint): "
                            f"{exc}") from exc
    if counted not in (expected, values):
        raise EndpointError(f"{backend.endpoint}: <{graph_iri}> holds {counted} triples after "
                            f"the push of {expected}: the server did not store what it "
                            "accepted (is the --endpoint a SPARQL server?)")
    return counted


def _basic(backend: RemoteBackend) -> RemoteBackend:
    return RemoteBackend(backend.endpoint, timeout=backend.timeout, retries=backend.retries,
                         backoff=backend.backoff, user=backend.user, password=backend.password,
                         auth="basic")


def _graph_term(iri: str) -> str:
    check_graph_iri(iri)
    try:
        return sparql_term(URIRef(iri), ascii_only=True)
    except ValueError as exc:
        raise InputError(f"--graph {iri!r}: {exc}") from exc


def count_triples(backend: RemoteBackend, graph_iri: str) -> int:
    """The number of triples in the named graph ``graph_iri`` at the endpoint."""
    if backend.default_graph is not None:  # a default-graph-uri would hide the named graphs
        backend = backend.with_default_graph(None)
    rows = backend.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_graph_term(graph_iri)} "
                          "{ ?s ?p ?o } }")
    value = rows.rows[0][0] if rows.rows else None
    try:
        return int(str(value)) if value is not None else 0
    except ValueError as exc:
        raise EndpointError(f"{backend.endpoint}: the count is not a number: {value}") from exc
