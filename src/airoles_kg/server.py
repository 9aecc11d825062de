"""A SPARQL 1.1 Protocol endpoint over the graph: the ``oxigraph`` server on a persistent store.

:class:`OxigraphServer` loads the build into an Oxigraph store folder (reused while current, see
:func:`~airoles_kg.store.open_store`), then runs ``oxigraph serve-read-only`` (or ``serve`` when
writable) bound to loopback by default. The server answers queries at ``/query``, updates at
``/update`` (writable only) and the Graph Store HTTP Protocol at ``/store``.

The commands ``serve`` and ``push`` live here too.
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

import click

from airoles_kg.errors import EndpointError, InputError

__all__ = ["OxigraphServer", "oxigraph_binary", "port_is_free", "push_command", "serve_command",
           "wait_for_port"]


def oxigraph_binary() -> str:
    """The ``oxigraph`` server executable: beside this Python (a venv), else on the PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise EndpointError("the oxigraph server is not installed; pip install 'oxigraph>=0.5'")
    return found


def port_is_free(host: str, port: int) -> bool:
    """Whether ``host:port`` can be bound now by a server (one that sets SO_REUSEADDR, as
    servers do, so connections closing in TIME_WAIT do not count)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def wait_for_port(host: str, port: int, timeout: float, alive: subprocess.Popen[bytes] | None
                  = None) -> bool:
    """Wait until ``host:port`` accepts connections; False on timeout or if ``alive`` exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if alive is not None and alive.poll() is not None:
            return False
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


class OxigraphServer:
    """Runs the Oxigraph SPARQL server over the build; a context manager that stops it.

    ``store_dir`` None uses a temporary folder, removed on stop.
    """

    def __init__(
        self,
        store_dir: str | Path | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 7878,
        writable: bool = False,
        extra: tuple[Path, ...] = (),
        start_timeout: float = 30.0,
    ) -> None:
        self.host = host
        self.port = port
        self.writable = writable
        self.extra = extra
        self.start_timeout = start_timeout
        self._temp: tempfile.TemporaryDirectory[str] | None = None
        self.store_dir = Path(store_dir) if store_dir is not None else None
        self.process: subprocess.Popen[bytes] | None = None
        self.loaded = False
        self.load_seconds = 0.0
        self.start_seconds = 0.0

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base_url}/update"

    @property
    def store_url(self) -> str:
        return f"{self.base_url}/store"

    def _prepare(self) -> Path:
        from airoles_kg.store import open_store

        if self.store_dir is None:
            self._temp = tempfile.TemporaryDirectory(prefix="airoles-store-")
            self.store_dir = Path(self._temp.name)
        started = time.perf_counter()
        backend, self.loaded = open_store(self.store_dir, extra=self.extra)
        # Close the embedded store (RocksDB lock) before the server opens the folder.
        del backend
        gc.collect()
        self.load_seconds = time.perf_counter() - started
        return self.store_dir

    def start(self) -> OxigraphServer:
        if not port_is_free(self.host, self.port):
            raise InputError(f"{self.host}:{self.port} is already in use; choose another --port")
        location = self._prepare()
        mode = "serve" if self.writable else "serve-read-only"
        bind = f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"
        command = [oxigraph_binary(), mode, "--location", str(location), "--bind", bind]
        started = time.perf_counter()
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True,
        )
        if not wait_for_port(self.host, self.port, self.start_timeout, self.process):
            stderr = self._stop_and_read()
            if "in use" in stderr.lower():
                raise InputError(f"{self.host}:{self.port} is already in use; "
                                 "choose another --port")
            first = stderr.strip().splitlines()[-1] if stderr.strip() else "no message"
            raise EndpointError(f"the oxigraph server did not start on {bind}: {first}")
        self.start_seconds = time.perf_counter() - started
        return self

    def _stop_and_read(self) -> str:
        process = self.process
        if process is None:
            return ""
        if process.poll() is None:
            process.terminate()  # SIGTERM: SIGINT may be ignored in a background job
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        err = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        if process.stderr:
            process.stderr.close()
        self.process = None
        return err

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s) and remove a temporary store."""
        self._stop_and_read()
        if self._temp is not None:
            self._temp.cleanup()
            self._temp = None

    def wait(self) -> int:
        """Block until the server exits; its exit code."""
        assert self.process is not None
        return self.process.wait()

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()


# --------------------------------------------------------------------------------------------
# Commands


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback by default; 0.0.0.0 exposes the endpoint).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Persistent store folder (loaded from the build if empty or "
              "out of date, reused otherwise). Default: a temporary folder.")
@click.option("--writable", is_flag=True,
              help="Accept SPARQL Update and Graph Store writes (read-only by default).")
def serve_command(host: str, port: int, store_dir: Path | None, writable: bool) -> None:
    """Serve the graph as a SPARQL 1.1 Protocol endpoint (the oxigraph server) until Ctrl-C."""
    server = OxigraphServer(store_dir, host=host, port=port, writable=writable)

    def terminate(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM stops as cleanly as Ctrl-C

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        server.start()
        state = "loaded the build into" if server.loaded else "reused"
        click.echo(f"store: {state} {server.store_dir} ({server.load_seconds:.2f} s)", err=True)
        click.echo(f"SPARQL endpoint: {server.query_url}"
                   f" ({'read-write' if writable else 'read-only'})")
        if writable:
            click.echo(f"SPARQL Update: {server.update_url}")
            click.echo(f"Graph Store: {server.store_url}")
        click.echo("Press Ctrl-C to stop.", err=True)
        code = server.wait()
        if code != 0:
            raise EndpointError(f"the oxigraph server stopped with exit code {code}")
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)


@click.command("push")
@click.option("--endpoint", required=True, metavar="URL",
              help="SPARQL Update endpoint; used for the Graph Store protocol too unless "
              "--gsp-endpoint names another URL (Oxigraph serves it at /store).")
@click.option("--graph", "graph_iri", default=None, metavar="IRI",
              help="Named graph to replace. Default: the ontology IRI "
              "https://w3id.org/airoles/ontology.")
@click.option("--gsp-endpoint", default=None, metavar="URL",
              help="Graph Store HTTP Protocol endpoint, if not the --endpoint URL.")
@click.option("--user", default=None, help="User name for HTTP digest or basic authentication.")
@click.option("--password-env", default=None, metavar="VAR",
              help="Name of the environment variable that holds the password.")
@click.option("--chunk-size", default=2000, show_default=True, type=click.IntRange(1),
              help="Triples per INSERT DATA request when falling back to SPARQL Update.")
@click.option("--timeout", default=120.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds to wait for each request.")
@click.option("--data", "data", multiple=True, type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Extra RDF files to merge into the graph (repeatable).")
def push_command(endpoint: str, graph_iri: str | None, gsp_endpoint: str | None,
                 user: str | None, password_env: str | None, chunk_size: int, timeout: float,
                 data: tuple[Path, ...]) -> None:
    """Publish the build to a SPARQL server, replacing one named graph (idempotent)."""
    from airoles_kg.graph import load_graph
    from airoles_kg.remote import DEFAULT_GRAPH_IRI, password_from_env, push

    password = password_from_env(user, password_env)
    graph = load_graph(list(data) or None)
    report = push(graph, endpoint, graph_iri=graph_iri or DEFAULT_GRAPH_IRI,
                  gsp_endpoint=gsp_endpoint, user=user, password=password,
                  chunk_size=chunk_size, timeout=timeout)
    how = ("Graph Store PUT" if report.method == "gsp"
           else f"SPARQL Update ({report.requests} requests)")
    click.echo(f"pushed {report.triples} triples into <{report.graph}> by {how} "
               f"in {report.seconds:.2f} s")
