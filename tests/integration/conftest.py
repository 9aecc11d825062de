"""Real SPARQL servers on 127.0.0.1, on free ports, started once per test session and stopped.

- Oxigraph: the ``oxigraph`` server from the ``oxigraph`` package, through
  :class:`airoles_kg.net.server.OxigraphServer` (what ``airoles-kg serve`` runs).
- OpenLink Virtuoso: Debian's ``virtuoso-opensource`` (``virtuoso-t``) in the foreground, with
  a throw-away database and ``virtuoso.ini`` in a temporary folder. Without ``virtuoso-t`` the
  Virtuoso tests are skipped, unless ``AIROLES_REQUIRE_VIRTUOSO=1`` (as in ``.ci/run``), where
  they fail.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph

from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.net.server import OxigraphServer, wait_for_port

__all__ = ["Virtuoso", "free_port"]

def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def local(kg: Graph) -> OxigraphBackend:
    """The reference answers: the build in an embedded store."""
    return OxigraphBackend.from_graph(kg)


@pytest.fixture(scope="session")
def oxigraph_server() -> Iterator[OxigraphServer]:
    """A read-only Oxigraph server over the build (what ``airoles-kg serve`` starts)."""
    with OxigraphServer(None, port=free_port()) as server:
        yield server


@pytest.fixture(scope="session")
def writable_oxigraph() -> Iterator[OxigraphServer]:
    """A writable Oxigraph server (``serve --writable``) to push to."""
    with OxigraphServer(None, port=free_port(), writable=True) as server:
        yield server


# --------------------------------------------------------------------------------------------
# Virtuoso

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@dataclass(frozen=True)
class Virtuoso:
    """A running Virtuoso: its endpoints and the DBA account of the fresh database."""

    base: str
    user: str = "dba"
    password: str = "dba"  # the default of a new Virtuoso database, which lives only in tmp

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    @property
    def sparql_auth(self) -> str:
        """SPARQL query and update with HTTP digest authentication."""
        return f"{self.base}/sparql-auth"

    @property
    def gsp_auth(self) -> str:
        """The Graph Store HTTP Protocol with HTTP digest authentication."""
        return f"{self.base}/sparql-graph-crud-auth"

    @property
    def gsp_anonymous(self) -> str:
        return f"{self.base}/sparql-graph-crud"


def _virtuoso_binary() -> str:
    binary = shutil.which("virtuoso-t")
    if binary is not None:
        return binary
    reason = ("virtuoso-t not found: install Debian's virtuoso-opensource "
              "(apt-get install virtuoso-opensource; .ci/run does it)")
    if os.environ.get("AIROLES_REQUIRE_VIRTUOSO") == "1":
        pytest.fail(f"AIROLES_REQUIRE_VIRTUOSO=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def virtuoso() -> Iterator[Virtuoso]:
    """A throw-away Virtuoso on free ports, stopped (and its database removed) at the end."""
    binary = _virtuoso_binary()
    folder = Path(tempfile.mkdtemp(prefix="airoles-virtuoso-"))
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, http_port=http_port, sql_port=sql_port))
    log = (folder / "console.log").open("wb")
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [binary, "-f", "-c", str(ini)], cwd=folder, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        started = time.perf_counter()
        if not wait_for_port("127.0.0.1", http_port, 90, process):
            tail = (folder / "console.log").read_text(errors="replace")[-2000:]
            pytest.fail(f"Virtuoso did not start on port {http_port}:\n{tail}", pytrace=False)
        os.environ["AIROLES_TEST_VIRTUOSO_START"] = f"{time.perf_counter() - started:.2f}"
        yield Virtuoso(f"http://127.0.0.1:{http_port}")
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def catalogue_100k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark generator's 100k catalogue (seed 7), N-Triples with injected defects."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import write_catalogue

    path = tmp_path_factory.mktemp("catalogue") / "catalogue-100k.nt"
    write_catalogue(100_000, 7, path)
    return path
