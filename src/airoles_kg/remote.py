"""Remote SPARQL 1.1 endpoints: query through SPARQLWrapper, publish the build with ``push``.

:class:`RemoteBackend` implements the :class:`~airoles_kg.store.Backend` protocol over the SPARQL
1.1 Protocol. Parameters are bound the same way as on the embedded store
(:func:`~airoles_kg.store.inject_bindings`), since an endpoint has no ``initBindings``.
Transient failures (connection refused, 502, 503, 504) are retried with exponential backoff;
everything else becomes one clear :class:`~airoles_kg.errors.EndpointError`.

:func:`push` replaces a named graph with the build: one SPARQL 1.1 Graph Store HTTP Protocol
``PUT``, or, where the server has no Graph Store endpoint (404, 405, 501), ``DROP SILENT GRAPH``
followed by ``INSERT DATA`` in chunks. Either way, pushing twice leaves one copy.
"""

from __future__ import annotations

import ast
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import CONSTRUCT, DIGEST, JSON, POST, SELECT, TURTLE, SPARQLWrapper
from SPARQLWrapper import SPARQLExceptions as swe

from airoles_kg.errors import EndpointError
from airoles_kg.namespaces import ONTOLOGY_IRI
from airoles_kg.store import Rows, inject_bindings, nt_line, sparql_term

__all__ = [
    "DEFAULT_GRAPH_IRI",
    "GSP_UNSUPPORTED",
    "TRANSIENT",
    "PushReport",
    "RemoteBackend",
    "count_triples",
    "push",
    "sparql_update",
]

#: The named graph ``push`` replaces unless told otherwise: the ontology IRI, so a new release
#: replaces the previous one in place and queries see one copy of the knowledge graph.
DEFAULT_GRAPH_IRI = ONTOLOGY_IRI
#: HTTP statuses worth another try.
TRANSIENT = frozenset({502, 503, 504})
#: HTTP statuses by which a server says it has no Graph Store endpoint at that URL.
GSP_UNSUPPORTED = frozenset({404, 405, 501})

T = TypeVar("T")


def _first_line(body: bytes | str | None) -> str:
    if body is None:
        return ""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("<") and not line.lower().startswith("response:"):
            return line[:200]
    return ""


def _error(url: str, status: int | None, body: bytes | str | None = None) -> EndpointError:
    first = _first_line(body)
    detail = f": {first}" if first else ""
    if status in (401, 403):
        return EndpointError(
            f"{url}: {status} authentication refused; give --user and --password-env "
            f"with an account allowed to do this{detail}"
        )
    if status is not None and 400 <= status < 500:
        return EndpointError(f"{url}: {status} the server rejected the request{detail}")
    return EndpointError(f"{url}: {status} server error{detail}")


def _unreachable(url: str, exc: BaseException, timeout: float) -> EndpointError:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, TimeoutError | socket.timeout):
        return EndpointError(f"{url}: no answer within {timeout:g} s (raise --timeout)")
    return EndpointError(f"{url}: unreachable ({reason})")


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, urllib.error.HTTPError):
        return exc.code in TRANSIENT
    if isinstance(exc, urllib.error.URLError):
        return isinstance(exc.reason, ConnectionRefusedError | ConnectionResetError)
    return isinstance(exc, ConnectionRefusedError | ConnectionResetError)


def _with_retries(call: Callable[[], T], retries: int, backoff: float) -> T:
    attempt = 0
    while True:
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 - classified below, re-raised when final
            if attempt >= retries or not _transient(exc):
                raise
            time.sleep(min(backoff * 2**attempt, 8.0))
            attempt += 1


# --------------------------------------------------------------------------------------------
# Querying


def _term(value: Mapping[str, str]) -> Node:
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    lang = value.get("xml:lang")
    if lang:
        return Literal(text, lang=lang)
    datatype = value.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(text, datatype=URIRef(datatype))
    return Literal(text)


class RemoteBackend:
    """A SPARQL 1.1 Protocol endpoint as a query backend (SPARQLWrapper, JSON results).

    ``default_graph`` is sent as ``default-graph-uri`` (the graph ``push`` wrote, when the
    endpoint's default graph holds other data). Credentials, when given, are sent with HTTP
    digest or basic authentication.
    """

    name = "remote"

    def __init__(
        self,
        endpoint: str,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 0.5,
        default_graph: str | None = None,
        user: str | None = None,
        password: str | None = None,
        auth: str = "digest",
    ) -> None:
        if not endpoint.startswith(("http://", "https://")):
            raise EndpointError(f"{endpoint}: an endpoint is an http:// or https:// URL")
        self.endpoint = endpoint
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.default_graph = default_graph
        self.user = user
        self.password = password
        self.auth = auth

    def _wrapper(self, sparql: str, fmt: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.endpoint)
        wrapper.setQuery(sparql)
        # The form is known; SPARQLWrapper's guess can be misled by comments ("#+ description").
        wrapper.queryType = CONSTRUCT if fmt == TURTLE else SELECT
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(fmt)
        wrapper.setTimeout(int(max(1, round(self.timeout))))
        if self.default_graph:
            wrapper.addDefaultGraph(self.default_graph)
        if self.user is not None:
            if self.auth == "digest":
                wrapper.setHTTPAuth(DIGEST)
            wrapper.setCredentials(self.user, self.password or "")
        return wrapper

    def _call(self, sparql: str, bindings: Mapping[str, Node] | None, fmt: str) -> Any:
        text = inject_bindings(sparql, bindings)

        def once() -> Any:
            wrapper = self._wrapper(text, fmt)
            result = wrapper.query()
            try:
                return result.convert() if fmt == JSON else result.response.read()
            finally:
                result.response.close()

        try:
            return _with_retries(once, self.retries, self.backoff)
        except swe.SPARQLWrapperException as exc:
            status = {swe.QueryBadFormed: 400, swe.Unauthorized: 401, swe.EndPointNotFound: 404,
                      swe.URITooLong: 414, swe.EndPointInternalError: 500}.get(type(exc))
            raise _error(self.endpoint, status, _wrapped_body(exc)) from exc
        except urllib.error.HTTPError as exc:
            raise _error(self.endpoint, exc.code, _read(exc)) from exc
        except (urllib.error.URLError, OSError) as exc:
            raise _unreachable(self.endpoint, exc, self.timeout) from exc
        except ValueError as exc:  # an answer that is not the JSON or RDF asked for
            raise EndpointError(f"{self.endpoint}: unreadable answer ({exc})") from exc

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Rows:
        answer = self._call(sparql, bindings, JSON)
        if not isinstance(answer, dict) or "results" not in answer:
            raise EndpointError(f"{self.endpoint}: the answer is not SELECT results")
        variables = tuple(answer.get("head", {}).get("vars", []))
        rows = tuple(
            tuple(_term(b[v]) if v in b else None for v in variables)
            for b in answer["results"]["bindings"]
        )
        return Rows(variables, rows)

    def ask(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> bool:
        answer = self._call(sparql, bindings, JSON)
        if not isinstance(answer, dict) or "boolean" not in answer:
            raise EndpointError(f"{self.endpoint}: the answer is not an ASK result")
        return bool(answer["boolean"])

    def construct(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        data = self._call(sparql, bindings, TURTLE)
        graph = Graph()
        try:
            graph.parse(data=data, format="turtle")
        except Exception as exc:  # noqa: BLE001 - any parser failure is an unreadable answer
            raise EndpointError(f"{self.endpoint}: unreadable Turtle answer ({exc})") from exc
        return graph


def _wrapped_body(exc: Exception) -> bytes | None:
    """The server's answer that SPARQLWrapper folded into its exception message."""
    _, sep, tail = str(exc).partition("\n\nResponse:\n")
    if not sep:
        return None
    try:
        body = ast.literal_eval(tail.strip())
    except (ValueError, SyntaxError):
        return tail.encode()
    return body if isinstance(body, bytes) else str(body).encode()


def _read(exc: urllib.error.HTTPError) -> bytes:
    try:
        return exc.read()
    except OSError:
        return b""


# --------------------------------------------------------------------------------------------
# Publishing


@dataclass(frozen=True)
class PushReport:
    """What :func:`push` did: how (``"gsp"`` or ``"update"``), where, and how much."""

    method: str
    graph: str
    triples: int
    requests: int
    seconds: float


def _opener(url: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    if user is not None:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, user, password or "")
        # The digest handler runs first (handler_order 490) and leaves Basic challenges alone.
        handlers += [urllib.request.HTTPDigestAuthHandler(manager),
                     urllib.request.HTTPBasicAuthHandler(manager)]
    return urllib.request.build_opener(*handlers)


def _request(
    opener: urllib.request.OpenerDirector, url: str, method: str, body: bytes,
    content_type: str, timeout: float, retries: int, backoff: float,
) -> int:
    def once() -> int:
        request = urllib.request.Request(url, data=body, method=method,
                                         headers={"Content-Type": content_type})
        with opener.open(request, timeout=timeout) as response:
            response.read()
            return int(response.status)

    return _with_retries(once, retries, backoff)


def sparql_update(
    endpoint: str, update: str, *, user: str | None = None, password: str | None = None,
    timeout: float = 60.0, retries: int = 3, backoff: float = 0.5,
) -> None:
    """Send one SPARQL 1.1 Update request (form-encoded ``update=``)."""
    body = urllib.parse.urlencode({"update": update}).encode("ascii")
    try:
        _request(_opener(endpoint, user, password), endpoint, "POST", body,
                 "application/x-www-form-urlencoded", timeout, retries, backoff)
    except urllib.error.HTTPError as exc:
        raise _error(endpoint, exc.code, _read(exc)) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise _unreachable(endpoint, exc, timeout) from exc


def _chunks(triples: Sequence[tuple[Node, Node, Node]], size: int) -> Iterator[list[str]]:
    """N-Triples lines in chunks of about ``size``; triples that share blank nodes stay together
    (a blank node label only holds within one INSERT DATA request)."""
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
    for unit in [*units.values(), *([line] for line in plain)]:
        if chunk and len(chunk) + len(unit) > size:
            yield chunk
            chunk = []
        chunk.extend(unit)
    if chunk:
        yield chunk


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
    triples. Terms are escaped (:func:`~airoles_kg.store.nt_line`, ASCII only).
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
        _request(_opener(gsp, user, password), url, "PUT", body, "application/n-triples",
                 timeout, retries, backoff)
        return PushReport("gsp", graph_iri, len(triples), 1, time.perf_counter() - start)
    except urllib.error.HTTPError as exc:
        if exc.code not in GSP_UNSUPPORTED:
            raise _error(gsp, exc.code, _read(exc)) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise _unreachable(gsp, exc, timeout) from exc
    target = _graph_term(graph_iri)
    requests = 2  # the refused PUT, then the DROP
    sparql_update(endpoint, f"DROP SILENT GRAPH {target}", user=user, password=password,
                  timeout=timeout, retries=retries, backoff=backoff)
    for chunk in _chunks(triples, chunk_size):
        update = "INSERT DATA { GRAPH " + target + " {\n" + "\n".join(chunk) + "\n} }"
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
    rows = backend.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_graph_term(graph_iri)} "
                          "{ ?s ?p ?o } }")
    value = rows.rows[0][0] if rows.rows else None
    return int(str(value)) if value is not None else 0
