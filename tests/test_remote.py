"""Remote endpoints against a scripted HTTP server: results, retries, errors, push."""

from __future__ import annotations

import base64
import json
import re
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import XSD

from airoles_kg.backends.remote import RemoteBackend
from airoles_kg.cli import main
from airoles_kg.errors import EndpointError
from airoles_kg.net.push import DEFAULT_GRAPH_IRI, push, staging_graph
from airoles_kg.net.server import port_is_free

E = "http://e/"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/sparql-results+json"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def form(self) -> dict[str, list[str]]:
        return urllib.parse.parse_qs(self.body.decode())

    @property
    def query(self) -> dict[str, list[str]]:
        return urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)


class Scripted:
    """An HTTP server that answers from a script and records what it was sent."""

    def __init__(self, port: int = 0, replies: list[Reply] | None = None) -> None:
        # Replies given here are in place before the port listens (a client may be waiting).
        self.replies: list[Reply] = list(replies or [])
        self.seen: list[Seen] = []
        self.require_basic: str | None = None
        script = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if script.require_basic is not None and \
                        self.headers.get("Authorization") != script.require_basic:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="test"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                script.seen.append(Seen(self.command, self.path, dict(self.headers), body))
                reply = script.replies.pop(0) if script.replies else Reply(204)
                time.sleep(reply.delay)
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(reply.body)

            do_GET = do_POST = do_PUT = _handle  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def http() -> Iterator[Scripted]:
    server = Scripted()
    yield server
    server.close()


def results(variables: list[str], bindings: list[dict[str, object]]) -> Reply:
    body = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return Reply(body=json.dumps(body).encode())


ROWS = results(["s", "label", "n", "b", "missing"], [{
    "s": {"type": "uri", "value": E + "a"},
    "label": {"type": "literal", "value": "ingénieur", "xml:lang": "fr"},
    "n": {"type": "typed-literal", "value": "3", "datatype": str(XSD.integer)},
    "b": {"type": "bnode", "value": "x1"},
}])


def test_select_converts_json_to_rdflib_terms(http: Scripted) -> None:
    http.replies.append(ROWS)
    backend = RemoteBackend(http.url, default_graph=E + "g")
    rows = backend.select("SELECT * WHERE { ?s ?p ?o }")
    assert rows.variables == ("s", "label", "n", "b", "missing")
    s, label, n, b, missing = rows.rows[0]
    assert s == URIRef(E + "a")
    assert label == Literal("ingénieur", lang="fr")
    assert n == Literal("3", datatype=XSD.integer)
    assert isinstance(b, BNode)
    assert missing is None
    sent = http.seen[0]
    assert sent.method == "POST"
    assert (sent.form.get("default-graph-uri") or sent.query.get("default-graph-uri")) == \
        [E + "g"]


def test_bindings_are_injected_as_values_never_pasted(http: Scripted) -> None:
    http.replies.append(results(["o"], []))
    hostile = Literal('x" } ?s ?p ?o . FILTER("')
    RemoteBackend(http.url).select("SELECT ?o WHERE { ?s ?p ?o FILTER(?o = ?v) }", {"v": hostile})
    sent = http.seen[0].form["query"][0]
    assert 'VALUES ?v { "x\\" } ?s ?p ?o . FILTER(\\"" }' in sent
    # What was sent is still one query, in which the hostile text is just a literal.
    local = Graph()
    local.add((URIRef(E + "s"), URIRef(E + "p"), hostile))
    local.add((URIRef(E + "t"), URIRef(E + "p"), Literal("x")))
    assert [row[0] for row in local.query(sent)] == [hostile]


def test_ask_and_construct(http: Scripted) -> None:
    http.replies.append(Reply(body=b'{"head": {}, "boolean": true}'))
    http.replies.append(Reply(body=b"<http://e/a> <http://e/p> 1 .", content_type="text/turtle"))
    backend = RemoteBackend(http.url)
    assert backend.ask("ASK { ?s ?p ?o }") is True
    graph = backend.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert (URIRef(E + "a"), URIRef(E + "p"), Literal(1)) in graph


@pytest.mark.parametrize("status", [502, 503, 504])
def test_transient_failures_are_retried(http: Scripted, status: int) -> None:
    http.replies += [Reply(status, b"busy"), Reply(status, b"busy"), ROWS]
    rows = RemoteBackend(http.url, retries=2, backoff=0.01).select("SELECT * {}")
    assert len(rows.rows) == 1
    assert len(http.seen) == 3


def test_retries_give_up_with_a_clear_error(http: Scripted) -> None:
    http.replies += [Reply(503, b"Service Unavailable\nretry later")] * 3
    with pytest.raises(EndpointError, match=r"503 server error: Service Unavailable$"):
        RemoteBackend(http.url, retries=1, backoff=0.01).select("SELECT * {}")
    assert len(http.seen) == 2


@pytest.mark.parametrize(("status", "pattern"), [
    (401, r"401 authentication refused.*--password-env"),
    (403, r"403 forbidden: .*read-only server"),
    (400, r"400 the server rejected the request: Parse error at line 1"),
    (404, r"404 the server rejected the request"),
    (500, r"500 server error: Parse error at line 1"),
])
def test_http_errors_are_one_clear_line(http: Scripted, status: int, pattern: str) -> None:
    http.replies.append(Reply(status, b"Parse error at line 1\nmore detail", "text/plain"))
    with pytest.raises(EndpointError, match=pattern) as caught:
        RemoteBackend(http.url, retries=3, backoff=0.01).select("SELECT * {}")
    assert "\n" not in str(caught.value)
    assert len(http.seen) == 1  # not retried


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    assert port_is_free("127.0.0.1", port)
    return port


def test_unreachable_endpoint_is_retried_then_reported() -> None:
    url = f"http://127.0.0.1:{_free_port()}/sparql"
    started = time.monotonic()
    with pytest.raises(EndpointError, match=r"unreachable \(.*refused"):
        RemoteBackend(url, retries=2, backoff=0.05).select("SELECT * {}")
    assert time.monotonic() - started >= 0.05 + 0.1  # two backoffs waited


def test_unreachable_endpoint_is_found_once_it_starts() -> None:
    # Connection refused at start (a server still starting) is retried until it answers.
    port = _free_port()
    started: list[Scripted] = []

    def start_later() -> None:
        time.sleep(0.3)
        started.append(Scripted(port, [ROWS]))

    thread = threading.Thread(target=start_later)
    thread.start()
    try:
        rows = RemoteBackend(f"http://127.0.0.1:{port}/sparql", retries=6,
                             backoff=0.1).select("SELECT * {}")
    finally:
        thread.join()
        for server in started:
            server.close()
    assert len(rows.rows) == 1


def test_slow_endpoint_times_out(http: Scripted) -> None:
    http.replies.append(Reply(body=b"{}", delay=2.5))
    with pytest.raises(EndpointError, match=r"no answer within 1 s"):
        RemoteBackend(http.url, timeout=1, retries=0).select("SELECT * {}")


def test_not_an_endpoint_url() -> None:
    with pytest.raises(EndpointError, match="http:// or https://"):
        RemoteBackend("ftp://example.org/sparql")


# --------------------------------------------------------------------------------------------
# push


def _graph_with_lists() -> Graph:
    graph = Graph()
    for i in range(7):
        graph.add((URIRef(f"{E}s{i}"), URIRef(E + "label"), Literal(f'label "{i}"\n', lang="en")))
    for name in ("l1", "l2"):
        head = BNode()
        Collection(graph, head, [URIRef(E + f"{name}-{i}") for i in range(3)])
        graph.add((URIRef(E + name), URIRef(E + "list"), head))
    return graph


def test_push_is_one_graph_store_put(http: Scripted) -> None:
    graph = _graph_with_lists()
    http.replies += [Reply(201), _count(len(graph))]
    report = push(graph, http.url, graph_iri=E + "g")
    assert (report.method, report.requests, report.triples) == ("gsp", 1, len(graph))
    sent, counted = http.seen
    assert "COUNT(*)" in counted.form["query"][0] and report.counted == len(graph)
    assert sent.method == "PUT"
    assert sent.query["graph"] == [E + "g"]
    assert sent.headers["Content-Type"] == "application/n-triples"
    assert sent.body.isascii()
    parsed = Graph().parse(data=sent.body.decode(), format="nt")
    assert len(parsed) == len(graph)
    from airoles_kg.rdf.serialize import isomorphic_graphs

    assert isomorphic_graphs(parsed, graph)


@pytest.mark.parametrize("status", [404, 405, 501])
def test_push_falls_back_to_chunked_update(http: Scripted, status: int) -> None:
    graph = _graph_with_lists()
    http.replies.append(Reply(status))
    staging = f"<{staging_graph(E + 'g')}>"
    report = push(graph, http.url, graph_iri=E + "g", gsp_endpoint=http.url + "-gsp",
                  chunk_size=4, verify=False)  # the count afterwards: see the test above
    assert report.method == "update"
    put, drop, *inserts, move = http.seen
    assert put.method == "PUT" and put.path.startswith("/sparql-gsp?")
    # Loaded into a staging graph, then moved onto the target in one request.
    assert drop.form["update"] == [f"DROP SILENT GRAPH {staging}"]
    assert move.form["update"] == [f"DROP SILENT GRAPH <http://e/g> ;\n"
                                   f"MOVE SILENT GRAPH {staging} TO <http://e/g>"]
    assert report.requests == 3 + len(inserts)
    texts = [s.form["update"][0] for s in inserts]
    # Chunks with blank nodes use INSERT { } WHERE { } (Virtuoso refuses them in INSERT DATA).
    for text in texts:
        if "_:" in text:
            assert text.startswith(f"INSERT {{ GRAPH {staging} {{") and text.endswith("WHERE { }")
        else:
            assert text.startswith(f"INSERT DATA {{ GRAPH {staging} {{")
    assert any("_:" in t for t in texts) and any("_:" not in t for t in texts)
    # Every triple sent exactly once; a blank node never spans two requests.
    merged = Graph()
    labels: dict[str, set[int]] = {}
    for index, text in enumerate(texts):
        body = _body(text)
        merged += Graph().parse(data=body, format="nt")
        for label in re.findall(r"_:\w+", body):
            labels.setdefault(label, set()).add(index)
    from airoles_kg.rdf.serialize import isomorphic_graphs

    assert isomorphic_graphs(merged, graph)
    assert sum(len(Graph().parse(data=_body(t), format="nt")) for t in texts) == len(graph)
    assert labels and all(len(where) == 1 for where in labels.values())


def _count(n: int) -> Reply:
    return results(["n"], [{"n": {"type": "literal", "value": str(n),
                                  "datatype": str(XSD.integer)}}])


def _body(update: str) -> str:
    """The N-Triples inside ``INSERT [DATA] { GRAPH <g> { ... } } [WHERE { }]``."""
    return update.split("{", 2)[2].split("\n}", 1)[0]


def test_push_stops_on_other_errors(http: Scripted) -> None:
    http.replies.append(Reply(500, b"disk full", "text/plain"))
    with pytest.raises(EndpointError, match="500 server error: disk full"):
        push(_graph_with_lists(), http.url, retries=0)
    assert len(http.seen) == 1


def test_push_command_reads_the_password_from_the_environment(http: Scripted,
                                                              kg: Graph) -> None:
    http.require_basic = "Basic " + base64.b64encode(b"steward:s3cret").decode()
    http.replies += [Reply(201), _count(len(kg))]
    runner = CliRunner()
    result = runner.invoke(main, ["push", "--endpoint", http.url, "--user", "steward",
                                  "--password-env", "AIROLES_TEST_PW"],
                           env={"AIROLES_TEST_PW": "s3cret"})
    assert result.exit_code == 0, result.output
    assert re.match(r"pushed \d+ triples into <https://w3id.org/airoles/ontology> by Graph "
                    r"Store PUT in [\d.]+ s", result.stdout)
    assert http.seen[0].query["graph"] == [DEFAULT_GRAPH_IRI]


def test_push_command_with_wrong_password_is_an_auth_error(http: Scripted) -> None:
    http.require_basic = "Basic " + base64.b64encode(b"steward:s3cret").decode()
    result = CliRunner().invoke(main, ["push", "--endpoint", http.url, "--user", "steward",
                                       "--password-env", "PW"], env={"PW": "wrong"})
    assert result.exit_code == 1
    assert re.match(r"error: .*401 authentication refused", result.stderr)


def test_push_command_password_variable_must_be_set(http: Scripted) -> None:
    result = CliRunner().invoke(main, ["push", "--endpoint", http.url, "--user", "u",
                                       "--password-env", "AIROLES_UNSET_VARIABLE"],
                                env={"AIROLES_UNSET_VARIABLE": None})
    assert result.exit_code == 2
    assert "AIROLES_UNSET_VARIABLE" in result.stderr
    assert not http.seen


def test_query_command_reports_endpoint_errors_in_one_line(http: Scripted) -> None:
    http.replies.append(Reply(503, b"overloaded", "text/plain"))
    result = CliRunner().invoke(main, ["query", "statistics", "--endpoint", http.url,
                                       "--retries", "0"])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "503 server error: overloaded" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--user", "u", "--password-env", "AIROLES_UNSET_VARIABLE"], "AIROLES_UNSET_VARIABLE"),
    (["--password-env", "PW"], "--password-env needs --user"),
])
def test_query_command_checks_credentials_before_sending(
    http: Scripted, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(main, ["query", "statistics", "--endpoint", http.url, *args],
                                env={"AIROLES_UNSET_VARIABLE": None, "PW": "x"})
    assert result.exit_code == 2
    assert message in result.stderr
    assert not http.seen


def test_query_command_hands_the_credentials_to_the_endpoint_backend(
    http: Scripted, monkeypatch: pytest.MonkeyPatch
) -> None:
    import airoles_kg.backends.factory as factory

    seen: dict[str, object] = {}
    real = factory.open_backend

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.update(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(factory, "open_backend", spy)
    http.replies.append(Reply(401, b"who are you", "text/plain"))
    result = CliRunner().invoke(main, ["query", "statistics", "--endpoint", http.url,
                                       "--user", "steward", "--password-env", "PW",
                                       "--retries", "0"], env={"PW": "s3cret"})
    assert (seen["user"], seen["password"]) == ("steward", "s3cret")
    assert result.exit_code == 1
    assert re.match(r"error: .*401 authentication refused", result.stderr)
