"""Remote SPARQL 1.1 endpoints as a query backend, through SPARQLWrapper.

:class:`RemoteBackend` implements the :class:`~airoles_kg.backends.base.Backend` protocol over
the SPARQL 1.1 Protocol. Parameters are bound the same way as on the embedded store
(:func:`~airoles_kg.backends.bindings.inject_bindings`), since an endpoint has no
``initBindings``. Retries and errors are those of :mod:`airoles_kg.backends.http`.
"""

from __future__ import annotations

import ast
import urllib.error
from collections.abc import Mapping
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import CONSTRUCT, DIGEST, JSON, POST, SELECT, TURTLE, SPARQLWrapper
from SPARQLWrapper import SPARQLExceptions as swe

from airoles_kg.backends.base import Rows
from airoles_kg.backends.bindings import inject_bindings
from airoles_kg.backends.http import error_body, http_error, unreachable_error, with_retries
from airoles_kg.errors import EndpointError

__all__ = ["RemoteBackend"]


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

    def with_default_graph(self, graph: str | None) -> RemoteBackend:
        """The same endpoint, querying the named graph ``graph`` as its default graph
        (``None``: the server's own default graph)."""
        return RemoteBackend(
            self.endpoint, timeout=self.timeout, retries=self.retries, backoff=self.backoff,
            default_graph=graph, user=self.user, password=self.password, auth=self.auth,
        )

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
            return with_retries(once, self.retries, self.backoff)
        except swe.SPARQLWrapperException as exc:
            status = {swe.QueryBadFormed: 400, swe.Unauthorized: 401, swe.EndPointNotFound: 404,
                      swe.URITooLong: 414, swe.EndPointInternalError: 500}.get(type(exc))
            raise http_error(self.endpoint, status, _wrapped_body(exc)) from exc
        except urllib.error.HTTPError as exc:
            raise http_error(self.endpoint, exc.code, error_body(exc)) from exc
        except (urllib.error.URLError, OSError) as exc:
            raise unreachable_error(self.endpoint, exc, self.timeout) from exc
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
