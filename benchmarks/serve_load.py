"""Load on ``airoles-kg serve``: N concurrent SPARQL requests, latency percentiles and errors.

``airoles-kg serve --store DIR`` runs as users run it (its own process, the front before the
oxigraph server); for comparison, a bare ``oxigraph serve-read-only`` is started on the same
store folder (read-only opens share it), so the front's cost shows. Every client opens its own
connection and all of them send their request at the same moment (asyncio, one connection per
request, ``Connection: close``); a request counts as an error unless it gets 200 with the
expected answer. The Markdown table goes to ``benchmarks/results/serve_load.md``.

Usage::

    .venv/bin/python benchmarks/serve_load.py --clients 1000 --rounds 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
BIN = Path(sys.executable).parent

__all__ = ["QUERIES", "Outcome", "main", "run_round"]

ROLE = "https://w3id.org/airoles/role/ai-engineer"
SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
#: name -> (query, check of the parsed JSON answer)
QUERIES = {
    "lookup": (f"SELECT ?l WHERE {{ <{ROLE}> <{SKOS_LABEL}> ?l }}",
               lambda answer: len(answer["results"]["bindings"]) >= 1),
    "count-all": ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                  lambda answer: int(answer["results"]["bindings"][0]["n"]["value"]) > 5000),
}


@dataclass(frozen=True)
class Outcome:
    """One request: seconds from its start to the end of its answer, and what went wrong."""

    seconds: float
    error: str | None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_port(port: int, deadline: float = 120.0) -> None:
    """Wait until the server answers a query (``serve`` listens before its store is ready)."""
    end = time.monotonic() + deadline
    url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": "ASK {}"})
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 - loopback
                answer.read()
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port}")


async def _one(port: int, payload: bytes, check: object, go: asyncio.Event,
               limit: float) -> Outcome:
    await go.wait()
    started = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port),
                                                limit)
        writer.write(payload)
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), limit)
        writer.close()
    except (OSError, TimeoutError) as exc:
        return Outcome(time.perf_counter() - started, type(exc).__name__)
    seconds = time.perf_counter() - started
    head, _, body = data.partition(b"\r\n\r\n")
    status = head.split(b" ", 2)[1] if head.count(b" ") >= 2 else b"?"
    if status != b"200":
        detail = body.decode("utf-8", "replace").strip()[:80] if os.environ.get("DETAIL") else ""
        return Outcome(seconds, f"HTTP {status.decode(errors='replace')} {detail}".strip())
    if b"transfer-encoding: chunked" in head.lower():
        body = _unchunk(body)
    try:
        good = check(json.loads(body))  # type: ignore[operator]
    except (ValueError, KeyError, IndexError):
        good = False
    return Outcome(seconds, None if good else "wrong answer")


def _unchunk(body: bytes) -> bytes:
    out, rest = [], body
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out.append(rest[:size])
        rest = rest[size + 2:]
    return b"".join(out)


async def _round(port: int, query: str, check: object, clients: int,
                 limit: float) -> tuple[list[Outcome], float]:
    body = urllib.parse.urlencode({"query": query}).encode()
    payload = (b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
               b"Accept: application/sparql-results+json\r\n"
               b"Content-Type: application/x-www-form-urlencoded\r\n"
               + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    go = asyncio.Event()
    tasks = [asyncio.create_task(_one(port, payload, check, go, limit)) for _ in range(clients)]
    await asyncio.sleep(0.2)  # every task waits on the event
    started = time.perf_counter()
    go.set()
    outcomes = await asyncio.gather(*tasks)
    return list(outcomes), time.perf_counter() - started


def run_round(port: int, query: str, check: object, clients: int,
              limit: float = 120.0) -> tuple[list[Outcome], float]:
    """``clients`` concurrent requests of ``query`` to ``port``: their outcomes, wall time."""
    return asyncio.run(_round(port, query, check, clients, limit))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


@contextmanager
def _serving(store: Path) -> Iterator[tuple[int, int]]:
    """``airoles-kg serve --store`` and a bare oxigraph server on the same store: their ports."""
    front, bare = _free_port(), _free_port()
    serve = subprocess.Popen(  # noqa: S603 - fixed arguments
        [str(BIN / "airoles-kg"), "serve", "--store", str(store), "--port", str(front)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    oxigraph = None
    try:
        _wait_port(front)
        oxigraph = subprocess.Popen(  # noqa: S603 - fixed arguments
            [str(BIN / "oxigraph"), "serve-read-only", "--location", str(store),
             "--bind", f"127.0.0.1:{bare}", "--timeout-s", "30"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_port(bare)
        yield front, bare
    finally:
        for process in (serve, oxigraph):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGINT if process is serve else signal.SIGTERM)
                process.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS / "serve_load.md")
    args = parser.parse_args(argv)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < min(hard, args.clients * 2 + 100):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    folder = Path(tempfile.mkdtemp(prefix="airoles-serve-load-"))
    rows = []
    try:
        with _serving(folder / "store") as (front, bare):
            for name, (query, check) in QUERIES.items():
                for label, port in (("airoles-kg serve", front), ("bare oxigraph", bare)):
                    run_round(port, query, check, 20)  # warm up
                    for index in range(args.rounds):
                        outcomes, wall = run_round(port, query, check, args.clients)
                        seconds = [o.seconds for o in outcomes if o.error is None]
                        errors: dict[str, int] = {}
                        for outcome in outcomes:
                            if outcome.error is not None:
                                errors[outcome.error] = errors.get(outcome.error, 0) + 1
                        row = {
                            "query": name, "server": label, "round": index + 1,
                            "ok": len(seconds), "errors": errors, "wall": wall,
                            "p50": _percentile(seconds, 0.5) if seconds else float("nan"),
                            "p99": _percentile(seconds, 0.99) if seconds else float("nan"),
                            "max": max(seconds) if seconds else float("nan"),
                            "mean": statistics.fmean(seconds) if seconds else float("nan"),
                        }
                        rows.append(row)
                        print(json.dumps(row), flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    lines = [
        "# Load on `airoles-kg serve`",
        "",
        f"{args.clients} concurrent requests per round (one connection each, all sent at once), "
        f"{args.rounds} rounds per query and server; latency from connecting to the end of the "
        "answer. `airoles-kg serve` is the front (SERVICE check, time limit) before the "
        "oxigraph server; `bare oxigraph` is `oxigraph serve-read-only` on the same store.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.system()} {platform.release()}.",
        "",
        "| query | server | round | ok | errors | wall s | req/s | p50 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(row["errors"].items())) or "0"
        lines.append(
            f"| {row['query']} | {row['server']} | {row['round']} | {row['ok']} | {errors} | "
            f"{row['wall']:.2f} | {row['ok'] / row['wall']:.0f} | {row['p50'] * 1000:.0f} | "
            f"{row['p99'] * 1000:.0f} | {row['max'] * 1000:.0f} |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
