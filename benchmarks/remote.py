"""Remote validation: the generator's catalogues validated at real SPARQL servers.

For each size, the catalogue (``benchmarks/generate.py``, the same files as ``run.py``) is
loaded by one Graph Store PUT into a named graph of an Oxigraph server (``oxigraph serve``)
and of OpenLink Virtuoso (``virtuoso-t``, a throw-away database), then validated there with
the project's shapes by :func:`airoles_kg.shacl.fast.remote.validate_remote` (the compiled
SPARQL, SELECT only), and locally by :func:`airoles_kg.shacl.fast.engine.validate_path`. The
table gives the seconds of each, the number of queries sent, and whether the two reports hold
the same (focus, path, shape, component, value, severity) results and the same ``conforms``.

Usage::

    .venv/bin/python benchmarks/remote.py --sizes 100k,1M

It writes ``results/remote.md`` and prints it. Without ``virtuoso-t`` on the PATH the Virtuoso
rows are left out (and say so).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT.parent / "tests"))

from generate import current_catalogue, parse_size  # noqa: E402

from airoles_kg.atomic import atomic_write_text  # noqa: E402
from airoles_kg.backends.http import credentials, request  # noqa: E402
from airoles_kg.kg.load import load_shapes  # noqa: E402
from airoles_kg.net.server import OxigraphServer, wait_for_port  # noqa: E402
from airoles_kg.shacl.fast.engine import validate_path  # noqa: E402
from airoles_kg.shacl.fast.remote import validate_remote  # noqa: E402
from integration.remote_validation import result_keys  # noqa: E402

DATA = ROOT / "data"
RESULTS = ROOT / "results" / "remote.md"
GRAPH = "https://example.org/steward/catalogue"


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _virtuoso() -> Iterator[dict[str, str] | None]:
    """A throw-away Virtuoso (the test suite's configuration), or None without virtuoso-t."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        yield None
        return
    from integration.conftest import VIRTUOSO_INI

    folder = Path(tempfile.mkdtemp(prefix="airoles-bench-virtuoso-"))
    http_port, sql_port = _free_port(), _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, http_port=http_port, sql_port=sql_port)
                   .replace("ResultSetMaxRows = 100000", "ResultSetMaxRows = 10000000")
                   .replace("MaxQueryExecutionTime = 60", "MaxQueryExecutionTime = 600"))
    log = (folder / "console.log").open("wb")
    process = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=folder, stdout=log,  # noqa: S603
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:
        if not wait_for_port("127.0.0.1", http_port, 90, process):
            raise RuntimeError("Virtuoso did not start")
        base = f"http://127.0.0.1:{http_port}"
        yield {"query": f"{base}/sparql", "gsp": f"{base}/sparql-graph-crud-auth",
               "user": "dba", "password": "dba"}
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


def _put(gsp: str, path: Path, user: str | None = None, password: str | None = None) -> float:
    """Replace the graph :data:`GRAPH` at a Graph Store endpoint with the file; seconds."""
    import urllib.parse

    started = time.perf_counter()
    url = f"{gsp}{'&' if '?' in gsp else '?'}{urllib.parse.urlencode({'graph': GRAPH})}"
    request(credentials(user, password), url, "PUT", path.read_bytes(),
            "application/n-triples", 1800.0, 0, 0.5)
    return time.perf_counter() - started


def _catalogue(size: str, seed: int) -> Path:
    path = DATA / f"catalogue-{size}-seed{seed}.nt"
    current_catalogue(parse_size(size), seed, path)
    return path


def measure(size: str, seed: int, servers: dict[str, dict[str, str] | None]) -> list[list[str]]:
    """One row per server for the catalogue of ``size``."""
    shapes = load_shapes()
    path = _catalogue(size, seed)
    started = time.perf_counter()
    local = validate_path(path, shapes, progress=False)
    local_s = time.perf_counter() - started
    expected = result_keys(local)
    rows = [[size, "local (embedded)", "-", f"{local_s:.2f}", "-", str(len(local.results)),
             "reference"]]
    for name, server in servers.items():
        if server is None:
            rows.append([size, name, "-", "-", "-", "-", "not run (server missing)"])
            continue
        load_s = _put(server["gsp"], path, server.get("user"), server.get("password"))
        started = time.perf_counter()
        outcome = validate_remote(server["query"], shapes, graph=GRAPH, timeout=1200.0)
        remote_s = time.perf_counter() - started
        got = result_keys(outcome.report)
        same = got == expected and outcome.report.conforms == local.conforms
        verdict = "equal" if same else (
            f"DIFFERENT: {sum((got - expected).values())} only remote, "
            f"{sum((expected - got).values())} only local")
        rows.append([size, name, f"{load_s:.2f}", f"{remote_s:.2f}", str(outcome.queries),
                     str(len(outcome.report.results)), verdict])
        print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
    return rows


def render(rows: list[list[str]], seed: int) -> str:
    header = ["size", "server", "load s (PUT)", "validate s", "queries", "results",
              "vs local"]
    lines = ["# Remote validation", "",
             f"Catalogues of `benchmarks/generate.py` (seed {seed}); `benchmarks/remote.py`. "
             "Local: `validate_path` (bulk load included); remote: the Graph Store PUT, then "
             f"`validate_remote`. Load average at the end: {os.getloadavg()[0]:.1f} "
             f"on {os.cpu_count()} cores.", "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1M")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--servers", default="oxigraph,virtuoso")
    args = parser.parse_args(argv)
    wanted = args.servers.split(",")
    rows: list[list[str]] = []
    with OxigraphServer(None, port=_free_port(), writable=True) as ox, _virtuoso() as virtuoso:
        servers: dict[str, dict[str, str] | None] = {}
        if "oxigraph" in wanted:
            servers["oxigraph serve"] = {"query": ox.query_url, "gsp": ox.store_url}
        if "virtuoso" in wanted:
            servers["virtuoso"] = virtuoso
        for size in args.sizes.split(","):
            rows += measure(size, args.seed, servers)
    text = render(rows, args.seed)
    atomic_write_text(RESULTS, text)
    print(text)
    return 0 if all("DIFFERENT" not in row[-1] for row in rows) else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
