"""A SPARQL 1.1 Protocol endpoint over the graph: the ``oxigraph`` server on a persistent store.

:class:`OxigraphServer` loads the build into an Oxigraph store folder (reused while current,
see :func:`~airoles_kg.backends.store.open_store`), then runs ``oxigraph serve-read-only`` (or
``serve`` when writable) on a private loopback port, behind the front
(:class:`~airoles_kg.net.front.SparqlFront`) that listens on the address asked for (loopback by
default), refuses federated queries unless allowed, and stops queries at a time limit (also
given to the oxigraph server, so it frees the core). The endpoint answers queries at
``/query``, updates at ``/update`` (writable only) and the Graph Store HTTP Protocol at
``/store``.

The oxigraph process never outlives ours: on Linux the kernel kills it when we die
(``PR_SET_PDEATHSIG``), and a small watcher process (:data:`JANITOR`) stops it and removes a
temporary store once we are gone, however we ended (``kill -9`` included). Temporary stores
are named ``airoles-kg-serve-<pid>-…``; one whose process is dead is removed at the next start.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import gc
import ipaddress
import math
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import IO

from airoles_kg.backends.store import open_store
from airoles_kg.errors import EndpointError, InputError
from airoles_kg.net.front import SparqlFront

__all__ = [
    "DEFAULT_TIMEOUT",
    "JANITOR",
    "TEMP_PREFIX",
    "OxigraphServer",
    "clean_stale_stores",
    "is_loopback",
    "oxigraph_binary",
    "port_is_free",
    "wait_for_port",
]

#: Seconds a query may run before the server stops it (``serve --timeout``).
DEFAULT_TIMEOUT = 30.0
#: How temporary store folders begin; the serving process's id follows.
TEMP_PREFIX = "airoles-kg-serve-"
_TEMP_NAME = re.compile(rf"^{re.escape(TEMP_PREFIX)}(\d+)-")
_PR_SET_PDEATHSIG = 1

#: The watcher run beside the server (``python -c JANITOR folder``): it reads the ids of the
#: oxigraph processes we start, one a line, until its standard input closes (our process
#: ended, in any way), then stops those that still run and removes the temporary store folder.
JANITOR = """
import os, shutil, signal, sys, time
folder, pids = sys.argv[1], set()
for name in ("SIGINT", "SIGHUP", "SIGTERM"):
    signal.signal(getattr(signal, name), signal.SIG_IGN)
for line in sys.stdin.buffer:
    pids.add(int(line))
def alive(pid):
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True
deadline = time.monotonic() + 10
while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
    if time.monotonic() > deadline - 9:
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    time.sleep(0.05)
if folder:
    shutil.rmtree(folder, ignore_errors=True)
"""


def oxigraph_binary() -> str:
    """The ``oxigraph`` server executable: beside this Python (a venv), else on the PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise EndpointError("the oxigraph server is not installed; pip install 'oxigraph>=0.5'")
    return found


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, ``localhost``).

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except OSError:
        return False
    return bool(found) and all(ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_loopback
                               for info in found)


def bind_error(host: str, port: int, exc: OSError) -> InputError:
    """The one-line error for an address that cannot be listened on."""
    if exc.errno == errno.EADDRINUSE:
        return InputError(f"{host}:{port} is already in use; choose another --port")
    if exc.errno == errno.EADDRNOTAVAIL:
        return InputError(f"--host {host}: cannot assign address: it is not an address of this "
                          "machine (use 127.0.0.1, or 0.0.0.0 for every interface)")
    if exc.errno == errno.EACCES:
        return InputError(f"{host}:{port}: permission denied; choose a --port above 1023")
    if isinstance(exc, socket.gaierror):
        return InputError(f"--host {host}: unknown host name ({exc.strerror})")
    return InputError(f"{host}:{port}: cannot listen there ({exc.strerror or exc})")


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


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def clean_stale_stores(folder: str | Path | None = None) -> list[Path]:
    """Remove the temporary stores (``airoles-kg-serve-<pid>-…`` in ``folder``, default the
    temporary folder) whose process is gone; the folders removed."""
    removed = []
    for path in Path(folder or tempfile.gettempdir()).glob(f"{TEMP_PREFIX}*"):
        match = _TEMP_NAME.match(path.name)
        if match and path.is_dir() and not _pid_alive(int(match.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _die_with_parent(parent: int) -> None:
    """In the child, before ``exec``: ask Linux to kill us when the parent dies (and exit at
    once if it already has)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _running(pid: int) -> bool:
    """Whether a thread of process ``pid`` is running or runnable now (Linux ``/proc``)."""
    for stat in Path(f"/proc/{pid}/task").glob("*/stat"):
        with contextlib.suppress(OSError, IndexError):
            if stat.read_text().rsplit(")", 1)[1].split()[0] == "R":
                return True
    return False


def _free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class OxigraphServer:
    """Runs the Oxigraph SPARQL server over the build; a context manager that stops it.

    ``store_dir`` None uses a temporary folder, removed on stop. ``timeout`` is the time limit
    of a query in seconds; ``allow_service`` lets queries use ``SERVICE`` (federation).
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
        timeout: float = DEFAULT_TIMEOUT,
        allow_service: bool = False,
        site: str | Path | None = None,
    ) -> None:
        if timeout <= 0:
            raise InputError("--timeout must be more than 0 seconds")
        self.host = host
        self.port = port
        self.writable = writable
        self.extra = extra
        self.start_timeout = start_timeout
        self.timeout = timeout
        self.allow_service = allow_service
        self.site = Path(site) if site is not None else None
        if self.site is not None and not (self.site / "index.html").is_file():
            raise InputError(f"{self.site}: not a site (no index.html); build one with "
                             "'airoles-kg docs --out DIR'")
        self.temporary: Path | None = None
        self.store_dir = Path(store_dir) if store_dir is not None else None
        self.process: subprocess.Popen[bytes] | None = None
        self.front: SparqlFront | None = None
        self.janitor: subprocess.Popen[bytes] | None = None
        self.upstream_port = 0
        #: Seconds after a query overran before the server is checked (and restarted if busy).
        self.grace = 5.0
        self.restarts = 0
        self._logs: dict[int, IO[bytes]] = {}
        self._overruns: queue.SimpleQueue[bool] = queue.SimpleQueue()
        self._supervisor: threading.Thread | None = None
        self._stopping = threading.Event()
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
            clean_stale_stores()
            self.temporary = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
            self.store_dir = self.temporary
        started = time.perf_counter()
        backend, self.loaded = open_store(self.store_dir, extra=self.extra)
        # Close the embedded store (RocksDB lock) before the server opens the folder.
        del backend
        gc.collect()
        self.load_seconds = time.perf_counter() - started
        return self.store_dir

    def _spawn(self, location: Path, port: int) -> subprocess.Popen[bytes]:
        mode = "serve" if self.writable else "serve-read-only"
        command = [oxigraph_binary(), mode, "--location", str(location),
                   "--bind", f"127.0.0.1:{port}", "--timeout-s", str(math.ceil(self.timeout))]
        parent = os.getpid()
        # Its messages go to a file: a pipe nobody reads while it runs would fill and stall it.
        log = tempfile.TemporaryFile()  # noqa: SIM115 - kept with the process, closed with it
        process = subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
            command, stdout=subprocess.DEVNULL, stderr=log,
            start_new_session=True, preexec_fn=lambda: _die_with_parent(parent),  # noqa: PLW1509
        )
        self._logs[process.pid] = log
        if self.janitor is not None and self.janitor.stdin is not None:
            self.janitor.stdin.write(f"{process.pid}\n".encode())
            self.janitor.stdin.flush()
        return process

    def _launch(self, location: Path) -> tuple[subprocess.Popen[bytes], int]:
        """An oxigraph server on a free private port, answering: it and its port."""
        for _attempt in range(3):  # the private port may be taken between probe and bind
            port = _free_loopback_port()
            process = self._spawn(location, port)
            if wait_for_port("127.0.0.1", port, self.start_timeout, process):
                return process, port
            stderr = self._end(process)
            if "in use" not in stderr.lower():
                first = stderr.strip().splitlines()[-1] if stderr.strip() else "no message"
                raise EndpointError(f"the oxigraph server did not start: {first}")
        raise EndpointError("the oxigraph server did not start: no free private port")

    def _watch(self) -> None:
        """Start the janitor: it cleans up after us once our end of its pipe closes."""
        folder = str(self.temporary) if self.temporary is not None else ""
        self.janitor = subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
            [sys.executable, "-I", "-c", JANITOR, folder],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def start(self) -> OxigraphServer:
        try:
            self.front = SparqlFront(self.host, self.port, allow_service=self.allow_service,
                                     timeout=self.timeout, overrun=self._overrun,
                                     site=self.site)
        except OSError as exc:
            raise bind_error(self.host, self.port, exc) from exc
        try:
            self.port = self.front.port
            location = self._prepare()
            started = time.perf_counter()
            self._watch()
            self.process, self.upstream_port = self._launch(location)
            self._supervisor = threading.Thread(target=self._supervise, daemon=True,
                                                name="oxigraph-supervisor")
            self._supervisor.start()
            self.front.start(("127.0.0.1", self.upstream_port))
            self.start_seconds = time.perf_counter() - started
        except BaseException:
            self.stop()
            raise
        return self

    # A query past its time limit -------------------------------------------------------------

    def _overrun(self) -> None:
        """Called by the front when it gave up on a query at its time limit."""
        self._overruns.put(True)

    def _supervise(self) -> None:
        """Restart the oxigraph server when a query outlived its time limit and the server is
        still busy a few seconds later: its own cancellation can take minutes to act on some
        queries (a cartesian COUNT), and only a new process gives the cores back at once.

        Runs in its own thread for the server's life: Linux ties ``PR_SET_PDEATHSIG`` to the
        thread that started the child, so the restarted server must come from a thread that
        lives as long as we do."""
        while self._overruns.get():
            if self._stopping.wait(self.grace):
                return
            while not self._overruns.empty():  # one check for a burst of overruns
                if not self._overruns.get_nowait():
                    return
            process = self.process
            if process is None or not self._busy(process.pid) or self._stopping.is_set():
                continue
            with contextlib.suppress(EndpointError):
                self._restart()

    def _busy(self, pid: int) -> bool:
        """Whether one of the process's threads was running (or waiting only for a core) in
        most of ten looks over a second; True where that cannot be read. Its state, not its CPU
        time, so that a server starved of cores by other work still counts as busy."""
        running = 0
        for _look in range(10):
            try:
                running += _running(pid)
            except OSError:
                return True
            if self._stopping.wait(0.1):
                return False
        return running >= 5

    def _restart(self) -> None:
        assert self.front is not None and self.store_dir is not None
        old = self.process
        if self.writable and old is not None:  # one writer at a time on the store folder
            self._end(old)
        process, port = self._launch(self.store_dir)
        self.process, self.upstream_port = process, port
        self.front.switch(("127.0.0.1", port))
        self.restarts += 1
        if old is not None and old.poll() is None:
            self._end(old)

    # Stopping ---------------------------------------------------------------------------------

    def _end(self, process: subprocess.Popen[bytes]) -> str:
        """Stop one oxigraph process (SIGTERM, then SIGKILL after 10 s); what it wrote."""
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log = self._logs.pop(process.pid, None)
        if log is None:
            return ""
        with log:
            log.seek(0)
            return log.read().decode("utf-8", "replace")

    def stop(self) -> None:
        """Stop the front and the server and remove a temporary store."""
        self._stopping.set()
        if self._supervisor is not None:
            self._overruns.put(False)
            self._supervisor.join(timeout=30)
            self._supervisor = None
        if self.front is not None:
            self.front.close()
            self.front = None
        if self.process is not None:
            self._end(self.process)
            self.process = None
        if self.temporary is not None:
            shutil.rmtree(self.temporary, ignore_errors=True)
            self.temporary = None
        janitor, self.janitor = self.janitor, None
        if janitor is not None:
            stdin: IO[bytes] | None = janitor.stdin
            if stdin is not None:
                stdin.close()  # nothing left for it to do: it exits
            with contextlib.suppress(subprocess.TimeoutExpired):
                janitor.wait(timeout=5)

    def wait(self) -> int:
        """Block until the server exits (not for a restart); its exit code."""
        while True:
            process = self.process
            assert process is not None
            code = process.wait()
            if self.process is process or self.process is None:
                return code

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()
