"""The static site and the SPARQL endpoint on one port: a small front server.

:class:`SiteServer` listens on the public address; it serves the files of a site folder (the
one ``airoles-kg docs`` writes) under ``/`` and passes every request under ``/query``,
``/update`` and ``/store`` on, unchanged, to the Oxigraph server listening on a loopback port
of its own. Directory listings are refused; a path never leaves the folder.
"""

from __future__ import annotations

import http.client
import socket
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from airoles_kg.errors import InputError

__all__ = ["SPARQL_PATHS", "SiteServer", "free_port"]

#: The paths the Oxigraph server answers, passed on to it.
SPARQL_PATHS: tuple[str, ...] = ("/query", "/update", "/store")
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
               "trailers", "transfer-encoding", "upgrade", "host", "content-length"}


def free_port(host: str = "127.0.0.1") -> int:
    """A port free on ``host`` now (the system's choice)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


class _Handler(SimpleHTTPRequestHandler):
    upstream: tuple[str, int] = ("127.0.0.1", 0)
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".ttl": "text/turtle", ".nt": "application/n-triples",
                      ".jsonld": "application/ld+json", ".owl": "application/rdf+xml",
                      ".svg": "image/svg+xml", ".html": "text/html; charset=utf-8"}

    def _sparql(self) -> bool:
        path = urlsplit(self.path).path
        return any(path == p or path.startswith(p + "/") for p in SPARQL_PATHS)

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        connection = http.client.HTTPConnection(*self.upstream, timeout=300)
        try:
            connection.request(self.command, self.path, body=body, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
        except OSError as exc:
            self.send_error(502, f"the SPARQL server did not answer: {exc}")
            return
        finally:
            connection.close()
        self.send_response(answer.status, answer.reason)
        for key, value in answer.getheaders():
            if key.lower() not in _HOP_BY_HOP:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - the http.server protocol
        if self._sparql():
            self._forward()
        else:
            super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        if self._sparql():
            self._forward()
        else:
            super().do_HEAD()

    def do_POST(self) -> None:  # noqa: N802
        if self._sparql():
            self._forward()
        else:
            self.send_error(405, "only the SPARQL paths take POST")

    do_PUT = do_DELETE = do_POST  # noqa: N815 - the Graph Store protocol, under /store

    def list_directory(self, path: Any) -> None:
        self.send_error(404, "no listing")
        return None

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return  # quiet: the command prints where it listens


class SiteServer:
    """Serve ``site`` on ``host:port`` in a thread, passing the SPARQL paths to
    ``upstream_port`` on 127.0.0.1 (the Oxigraph server)."""

    def __init__(self, site: str | Path, upstream_port: int, *, host: str = "127.0.0.1",
                 port: int = 7878) -> None:
        self.site = Path(site)
        if not (self.site / "index.html").is_file():
            raise InputError(f"{self.site}: not a site (no index.html); build one with "
                             "'airoles-kg docs --out DIR'")
        handler = type("Handler", (_Handler,), {"upstream": ("127.0.0.1", upstream_port)})
        try:
            self.httpd = ThreadingHTTPServer((host, port), partial(handler,
                                                                   directory=str(self.site)))
        except OSError as exc:
            raise InputError(f"{host}:{port} cannot be used ({exc.strerror or exc}); "
                             "choose another --port") from None
        self.httpd.daemon_threads = True
        self.host, self.port = host, port
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def start(self) -> SiteServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
