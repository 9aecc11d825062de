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
import base64
import copy
import email.message
import os
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

from airoles_kg.errors import EndpointError, InputError
from airoles_kg.namespaces import ONTOLOGY_IRI
from airoles_kg.store import Rows, inject_bindings, nt_line, sparql_term

__all__ = [
    "BNODE_CHUNK",
    "DEFAULT_GRAPH_IRI",
    "GSP_UNSUPPORTED",
    "TRANSIENT",
    "PushReport",
    "RemoteBackend",
    "count_triples",
    "password_from_env",
    "push",
    "sparql_update",
]

#: The named graph ``push`` replaces unless told otherwise: the ontology IRI, so a new release
#: replaces the previous one in place and queries see one copy of the knowledge graph.
DEFAULT_GRAPH_IRI = ONTOLOGY_IRI
#: At most this many triples per request with blank nodes (INSERT { } WHERE { }, which
#: Virtuoso compiles to SQL of bounded length).
BNODE_CHUNK = 200
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


def password_from_env(user: str | None, password_env: str | None) -> str | None:
    """The password held by the environment variable named ``password_env`` (never a value
    typed on the command line), checked against ``user``; ``None`` when none is asked for."""
    if password_env is None:
        return None
    if user is None:
        raise InputError("--password-env needs --user")
    if password_env not in os.environ:
        raise InputError(f"--password-env {password_env}: that environment variable is not set")
    return os.environ[password_env]


def _error(url: str, status: int | None, body: bytes | str | None = None) -> EndpointError:
    first = _first_line(body)
    detail = f": {first}" if first else ""
    if status == 401:
        return EndpointError(
            f"{url}: 401 authentication refused; give --user and --password-env "
            f"with an account allowed to do this{detail}"
        )
    if status == 403:
        return EndpointError(
            f"{url}: 403 forbidden: the server refuses this request (a read-only server, or an "
            f"account without the right; see --user and --password-env){detail}"
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
        text = inject_bindings(sparql, bindings, portable=True)

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


@dataclass(frozen=True)
class _Credentials:
    user: str
    password: str


def _opener(credentials: _Credentials | None, url: str) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    if credentials is not None:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, credentials.user, credentials.password)
        # The digest handler runs first (handler_order 490) and leaves Basic challenges alone.
        handlers += [urllib.request.HTTPDigestAuthHandler(manager),
                     urllib.request.HTTPBasicAuthHandler(manager)]
    return urllib.request.build_opener(*handlers)


def _authorization(request: urllib.request.Request, challenge: str,
                   credentials: _Credentials) -> str | None:
    """The ``Authorization`` value answering ``challenge`` for ``request``, if supported."""
    scheme, _, params = challenge.partition(" ")
    if scheme.lower() == "digest":
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, request.full_url, credentials.user, credentials.password)
        handler = urllib.request.HTTPDigestAuthHandler(manager)
        fields = urllib.request.parse_keqv_list(
            [item for item in urllib.request.parse_http_list(params) if item])
        answer = handler.get_authorization(request, fields)
        return f"Digest {answer}" if answer else None
    if scheme.lower() == "basic":
        pair = f"{credentials.user}:{credentials.password}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")
    return None


def _head(url: str, timeout: float, authorization: str | None = None) -> list[str] | None:
    """``HEAD url``: the authentication challenges of a 401, else None."""
    probe = urllib.request.Request(url, method="HEAD")
    if authorization is not None:
        probe.add_unredirected_header("Authorization", authorization)
    try:
        with urllib.request.urlopen(probe, timeout=timeout):  # noqa: S310 - http(s) checked
            return None
    except urllib.error.HTTPError as exc:
        if exc.code != 401:
            return None
        return list(exc.headers.get_all("WWW-Authenticate") or [])


def _preauthorize(request: urllib.request.Request, credentials: _Credentials,
                  timeout: float) -> None:
    """Answer the server's challenge before sending a large body.

    urllib authenticates only after a 401, by sending the request again; a server that answers
    401 without reading a large body (Virtuoso) breaks the pipe first. So body-less ``HEAD``
    requests fetch the challenge and check the credentials, and the real request carries its
    answer from the start. Refused credentials raise a 401 :class:`urllib.error.HTTPError`.
    """
    challenges = _head(request.full_url, timeout)
    for challenge in challenges or []:
        check = urllib.request.Request(request.full_url, method="HEAD")
        answer = _authorization(check, challenge, credentials)
        if answer is None:
            continue
        if _head(request.full_url, timeout, answer) is not None:
            raise urllib.error.HTTPError(request.full_url, 401, "credentials refused",
                                         email.message.Message(), None)
        final = _authorization(request, challenge, credentials)
        if final is not None:
            request.add_unredirected_header("Authorization", final)
        return


def _request(
    credentials: _Credentials | None, url: str, method: str, body: bytes,
    content_type: str, timeout: float, retries: int, backoff: float,
) -> int:
    opener = _opener(credentials, url)

    def once() -> int:
        request = urllib.request.Request(url, data=body, method=method,
                                         headers={"Content-Type": content_type})
        if credentials is not None:
            _preauthorize(request, credentials, timeout)
        with opener.open(request, timeout=timeout) as response:
            response.read()
            return int(response.status)

    return _with_retries(once, retries, backoff)


def _credentials(user: str | None, password: str | None) -> _Credentials | None:
    return None if user is None else _Credentials(user, password or "")


def sparql_update(
    endpoint: str, update: str, *, user: str | None = None, password: str | None = None,
    timeout: float = 60.0, retries: int = 3, backoff: float = 0.5,
) -> None:
    """Send one SPARQL 1.1 Update request (form-encoded ``update=``)."""
    body = urllib.parse.urlencode({"update": update}).encode("ascii")
    try:
        _request(_credentials(user, password), endpoint, "POST", body,
                 "application/x-www-form-urlencoded", timeout, retries, backoff)
    except urllib.error.HTTPError as exc:
        raise _error(endpoint, exc.code, _read(exc)) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise _unreachable(endpoint, exc, timeout) from exc


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
        _request(_credentials(user, password), url, "PUT", body, "application/n-triples",
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
        backend = copy.copy(backend)
        backend.default_graph = None
    rows = backend.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_graph_term(graph_iri)} "
                          "{ ?s ?p ?o } }")
    value = rows.rows[0][0] if rows.rows else None
    return int(str(value)) if value is not None else 0
