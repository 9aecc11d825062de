"""The front of ``serve``: an HTTP proxy before the oxigraph server that refuses federated
queries and answers a query that outlives the time limit with a clear error.

The ``oxigraph`` server has no switch to turn ``SERVICE`` off: a query such as
``SELECT * { SERVICE <http://127.0.0.1:8890/sparql> { ?s ?p ?o } }`` makes it fetch any URL
the client names and hand back the answer, reaching what only the host can reach. So the front
reads every query and update of a request (URL parameters, form fields, SPARQL bodies) with the
project's tokenizer (:mod:`airoles_kg.rdf.sparql_text`), so ``SERVICE`` in a string or a
comment is no keyword, and refuses one with the keyword (400) unless told to allow it.

The oxigraph server cancels a query after its ``--timeout-s`` but has by then started its
answer with 200, and ends it with its message instead of results; the front holds each answer
until it is complete, so the client gets a 500 with one line instead, also when the server is
slower to notice than the front's own deadline.

>>> refusal('SELECT * { ?s ?p "SERVICE <http://x/>" } # SERVICE')
>>> refusal('SELECT * { SERVICE <http://127.0.0.1:1/q> { ?s ?p ?o } }')[:40]
'federated queries (SERVICE) are disabled'
>>> refusal('SELECT * { \\\\u0053ERVICE <http://h/> { ?s ?p ?o } }') is not None
True
"""

from __future__ import annotations

import contextlib
import http.client
import queue
import re
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

from airoles_kg.errors import QueryError
from airoles_kg.net.static import site_file, sparql_path
from airoles_kg.rdf.sparql_text import tokens

__all__ = ["CANCELLED", "UPSTREAM_CONCURRENCY", "WORKERS", "SparqlFront", "refusal",
           "sparql_texts"]

#: How the oxigraph server ends an answer it cancelled (its time limit).
CANCELLED = b"The SPARQL operation has been cancelled"
# Headers that belong to one connection, not to the request or answer passed on.
_HOP = frozenset({"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
                  "te", "trailer", "trailers", "transfer-encoding", "upgrade",
                  "content-length", "host"})
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_FORM = "application/x-www-form-urlencoded"
_BODIES = {"application/sparql-query": "query", "application/sparql-update": "update"}


def _unescape(sparql: str) -> str:
    """Codepoint escapes replaced, as a SPARQL parser does before anything else (so
    ``\\u0053ERVICE`` is read as the keyword it is)."""
    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()
    return _CODEPOINT.sub(char, sparql)


def refusal(sparql: str) -> str | None:
    """Why ``sparql`` is refused while federated queries are disabled, or ``None``."""
    text = _unescape(sparql)
    try:
        found = any(t.kind == "word" and t.text.upper() == "SERVICE" for t in tokens(text))
    except QueryError:  # not scannable: the server will refuse it; be safe meanwhile
        found = "service" in text.lower()
    if not found:
        return None
    return ("federated queries (SERVICE) are disabled on this server; "
            "start it with airoles-kg serve --allow-service to allow them")


def sparql_texts(target: str, content_type: str, body: bytes) -> dict[str, list[str]]:
    """The SPARQL texts of a request, by kind (``query``, ``update``): from the URL's
    parameters, a form body, or a ``application/sparql-query`` / ``-update`` body."""
    found: dict[str, list[str]] = {"query": [], "update": []}
    fields = urllib.parse.parse_qs(urllib.parse.urlsplit(target).query, keep_blank_values=True)
    kind = content_type.split(";")[0].strip().lower()
    if kind == _FORM:
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        for name, values in form.items():
            fields.setdefault(name, []).extend(values)
    elif kind in _BODIES:
        found[_BODIES[kind]].append(body.decode("utf-8", "replace"))
    for name in ("query", "update"):
        found[name].extend(fields.get(name, []))
    return found


#: At most this many requests are passed on to the oxigraph server at once; the others wait
#: their turn in the front (the oxigraph server resets connections beyond its own limit).
UPSTREAM_CONCURRENCY = 64


#: Threads that serve connections; a connection beyond them waits its turn in a queue (a
#: thread per connection slows everything down under a burst of a thousand clients).
WORKERS = 128


class _Server(HTTPServer):
    request_queue_size = 1024  # a burst of clients waits in the backlog, not refused
    upstream: tuple[str, int]
    allow_service: bool
    timeout_s: float
    site: Path | None
    turns: threading.BoundedSemaphore
    waiting: queue.SimpleQueue[tuple[socket.socket, object] | None]
    overrun: Callable[[], None]

    def process_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        """Hand the connection to the pool of workers."""
        self.waiting.put((request, client_address))

    def work(self) -> None:
        """A worker: serve connections from the queue until told to stop (``None``)."""
        while (item := self.waiting.get()) is not None:
            request, client_address = item
            try:
                self.finish_request(request, client_address)
            except Exception:  # noqa: BLE001 - one connection's failure stops nothing else
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: a client that went away is no news."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "airoles-kg"
    timeout = 15  # a client idle this long (between kept-alive requests) gives its worker up
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        """Quiet: the front logs nothing per request."""

    def _body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            parts: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline().strip():  # trailers
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _answer(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _static(self) -> None:
        """A file of the built site (only GET and HEAD; no listing, nothing outside it)."""
        assert self.server.site is not None
        self._body()  # read what came, so the connection stays usable
        if self.command not in ("GET", "HEAD"):
            self._answer(405, "only the SPARQL paths /query, /update and /store take "
                         f"{self.command}")
            return
        found = site_file(self.server.site, self.path)
        if found is None:
            self._answer(404, "no such page")
            return
        data = found[0].read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", found[1])
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _handle(self) -> None:
        if self.server.site is not None and not sparql_path(self.path):
            self._static()
            return
        try:
            body = self._body()
        except ValueError:
            self.close_connection = True
            self._answer(400, "unreadable request body")
            return
        texts = sparql_texts(self.path, self.headers.get("Content-Type", ""), body)
        if not self.server.allow_service:
            for text in [*texts["query"], *texts["update"]]:
                why = refusal(text)
                if why is not None:
                    self._answer(400, why)
                    return
        with self.server.turns:
            self._forward(body, limit=self.server.timeout_s if texts["query"] else None)

    def _exchange(self, body: bytes, limit: float | None,
                  deadline: float | None) -> tuple[http.client.HTTPResponse, bytes]:
        host, port = self.server.upstream
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
        if body or self.command in ("POST", "PUT", "PATCH"):
            headers["Content-Length"] = str(len(body))
        upstream = http.client.HTTPConnection(host, port, timeout=limit)
        try:
            upstream.request(self.command, self.path, body=body or None, headers=headers)
            answer = upstream.getresponse()
            chunks = []
            while True:
                if deadline is not None and upstream.sock is not None:
                    upstream.sock.settimeout(max(0.01, deadline - time.monotonic()))
                chunk = answer.read(65536)
                if not chunk:
                    break
                chunks.append(chunk)
            return answer, b"".join(chunks)
        finally:
            upstream.close()

    def _forward(self, body: bytes, limit: float | None) -> None:
        """Pass the request on; the time limit counts from here, not from the wait for a turn
        (waiting costs the server nothing). A query (never an update) is sent once more if the
        connection fails: the oxigraph server may have just been restarted."""
        deadline = time.monotonic() + limit if limit is not None else None
        for attempt in (1, 2):
            try:
                answer, data = self._exchange(body, limit, deadline)
                break
            except TimeoutError:
                self.server.overrun()
                self._answer(500, self._too_long())
                return
            except (OSError, http.client.HTTPException) as exc:
                if limit is None or attempt == 2:
                    self._answer(502, f"the oxigraph server behind this endpoint failed: {exc}")
                    return
                time.sleep(0.2)
        if limit is not None and data.rstrip().endswith(CANCELLED):
            self._answer(500, self._too_long())
            return
        self.send_response(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in _HOP and name.lower() not in ("server", "date"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _too_long(self) -> str:
        return (f"the query was stopped: it ran longer than this server's time limit of "
                f"{self.server.timeout_s:g} s (airoles-kg serve --timeout)")

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = _handle


def _more_files() -> None:
    """Raise the limit of open files to what the system allows: each client in flight holds
    two sockets (its own and one to the oxigraph server), and 1024 is a common default."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = hard if hard != resource.RLIM_INFINITY else 65536
        if soft != resource.RLIM_INFINITY and soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


class SparqlFront:
    """The front on ``host:port`` (bound at once, so a clash is known before anything runs),
    passing requests on to ``upstream`` once :meth:`start` runs it in a thread."""

    def __init__(self, host: str, port: int, *, allow_service: bool = False,
                 timeout: float = 30.0, overrun: Callable[[], None] = lambda: None,
                 site: Path | None = None) -> None:
        _more_files()
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        server_class = type("_BoundServer", (_Server,), {"address_family": family})
        self._server: _Server = server_class((host, port), _Handler)
        self._server.allow_service = allow_service
        self._server.timeout_s = timeout
        self._server.site = site
        self._server.overrun = overrun
        self._server.turns = threading.BoundedSemaphore(UPSTREAM_CONCURRENCY)
        self._server.waiting = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._workers: list[threading.Thread] = []

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def switch(self, upstream: tuple[str, int]) -> None:
        """Send the next requests to ``upstream`` (a restarted oxigraph server)."""
        self._server.upstream = upstream

    def start(self, upstream: tuple[str, int]) -> None:
        """Serve in a background thread, passing requests to ``upstream`` (host, port)."""
        self._server.upstream = upstream
        for index in range(WORKERS):
            worker = threading.Thread(target=self._server.work, daemon=True,
                                      name=f"sparql-front-{index}")
            worker.start()
            self._workers.append(worker)
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.2}, daemon=True,
                                        name="sparql-front")
        self._thread.start()

    def close(self) -> None:
        """Stop serving and close the listening socket."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        for _ in self._workers:
            self._server.waiting.put(None)
        self._workers = []
        self._server.server_close()
