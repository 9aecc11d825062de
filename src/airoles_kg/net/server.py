"""A SPARQL 1.1 Protocol endpoint over the graph: the ``oxigraph`` server on a persistent store.

:class:`OxigraphServer` loads the build into an Oxigraph store folder (reused while current,
see :func:`~airoles_kg.backends.store.open_store`), then runs ``oxigraph serve-read-only`` (or
``serve`` when writable) bound to loopback by default. The server answers queries at
``/query``, updates at ``/update`` (writable only) and the Graph Store HTTP Protocol at
``/store``.
"""

from __future__ import annotations

import gc
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

from airoles_kg.backends.store import open_store
from airoles_kg.errors import EndpointError, InputError

__all__ = ["OxigraphServer", "oxigraph_binary", "port_is_free", "wait_for_port"]


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
