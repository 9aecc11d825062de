"""Benchmarks, side by side in one run: parse/load, SHACL validation and every catalogue query.

For each size (synthetic steward catalogues from ``generate.py``, cached in ``benchmarks/data/``)
it measures, each in a fresh child process so that peak memory (``ru_maxrss`` of that child,
which counts Rust allocations too) belongs to one measurement:

* parse/load: rdflib ``Graph.parse``, ``pyoxigraph.parse`` (every triple read), and
  ``Store.bulk_load`` into an in-memory Oxigraph store;
* validation with the project's shapes: pySHACL (rdflib parse + validate) and the fast engine
  (``airoles_kg.shacl.fast``: bulk load + SPARQL), with their result counts checked against the
  injected violations;
* every catalogue query (``queries/*.rq``) on rdflib, on the embedded Oxigraph store and on an
  Oxigraph server over HTTP (the ``oxigraph`` binary), as medians of warm runs.

The Markdown table goes to ``benchmarks/results/latest.md`` (written atomically).

Usage::

    .venv/bin/python benchmarks/run.py --sizes 10k,100k,1M
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import parse_size, write_catalogue  # noqa: E402

__all__ = ["Measurement", "main", "measure", "query_params"]

DATA = HERE / "data"
RESULTS = HERE / "results"
STEWARD = "https://example.org/steward/"
#: A query whose first run takes longer than this many seconds is not run again.
SLOW_QUERY = 5.0


# --------------------------------------------------------------------------- child side


def query_params(name: str, required: list[str]) -> dict[str, str]:
    """Parameter values for a catalogue query on a synthetic catalogue (required ones only)."""
    values = {
        "role": "https://w3id.org/airoles/role/steward-role-3",
        "roleA": "https://w3id.org/airoles/role/steward-role-3",
        "fromRole": "https://w3id.org/airoles/role/steward-role-3",
        "ancestor": "https://w3id.org/airoles/role/steward-role-0",
        "roleB": "https://w3id.org/airoles/role/steward-role-6",
        "toRole": "https://w3id.org/airoles/role/steward-role-6",
        "competency": "https://w3id.org/airoles/competency/steward-competency-0",
        "root": "https://w3id.org/airoles/competency/steward-competency-0",
        "family": "https://w3id.org/airoles/family/steward-family-0",
        "source": STEWARD + "source/0",
        "text": "role 12",
        "lang": "en",
        "minRank": "3",
    }
    missing = [p for p in required if p not in values]
    if missing:
        raise KeyError(f"query {name}: no benchmark value for parameter(s) {missing}")
    return {p: values[p] for p in required}


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    def alarm(_signum: int, _frame: Any) -> None:
        raise TimeoutError

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _child_queries(backend: Any, repeat: int, timeout: float) -> dict[str, Any]:
    from airoles_kg.catalogue.files import list_queries
    from airoles_kg.catalogue.run import run_query

    out: dict[str, Any] = {}
    for query in list_queries():
        params = query_params(query.name, [p.name for p in query.params if p.required])
        times: list[float] = []
        rows = None
        try:
            for i in range(repeat + 1):  # the first run warms caches and is not counted
                with _time_limit(timeout):
                    t0 = time.perf_counter()
                    result = run_query(query, params, backend)
                times.append(time.perf_counter() - t0)
                rows = len(result.rows) if result.rows is not None else None
                if i == 0 and times[0] > SLOW_QUERY:  # a slow query is measured once
                    break
        except TimeoutError:
            out[query.name] = {"timeout": timeout}
            continue
        except Exception as exc:  # noqa: BLE001 - an engine's failure is a result to report
            out[query.name] = {"error": " ".join(str(exc).split())[:200]}
            continue
        counted = times[1:] or times
        out[query.name] = {"median": statistics.median(counted), "rows": rows}
    return out


def measure(kind: str, path: Path, repeat: int, timeout: float) -> dict[str, Any]:
    """Run one measurement in this (child) process; return what it measured."""
    t0 = time.perf_counter()
    if kind == "parse-rdflib":
        from rdflib import Graph

        n = len(Graph().parse(path, format="nt"))
        return {"seconds": time.perf_counter() - t0, "triples": n}
    if kind == "parse-oxigraph":
        import pyoxigraph as ox

        n = sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES))
        return {"seconds": time.perf_counter() - t0, "triples": n}
    if kind == "load-oxigraph":
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        return {"seconds": time.perf_counter() - t0, "triples": len(store)}
    if kind == "validate-pyshacl":
        from rdflib import Graph

        from airoles_kg.kg.load import load_shapes
        from airoles_kg.shacl.validate import ENGINES

        shapes = load_shapes()
        t0 = time.perf_counter()
        graph = Graph().parse(path, format="nt")
        parsed = time.perf_counter() - t0
        report = ENGINES["pyshacl"].validate(graph, shapes)
        return {
            "seconds": time.perf_counter() - t0,
            "phases": {"parse": parsed, "validate": time.perf_counter() - t0 - parsed},
            "results": len(report.results),
            "keys": sorted(_keys(report)),
        }
    if kind == "validate-fast":
        from airoles_kg.kg.load import load_shapes
        from airoles_kg.shacl.fast.engine import validate_path

        shapes = load_shapes()
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        report = validate_path(path, shapes, timings=timings, progress=False)
        return {
            "seconds": time.perf_counter() - t0,
            "phases": timings,
            "results": len(report.results),
            "engine": report.engine,
            "keys": sorted(_keys(report)),
        }
    if kind == "queries-rdflib":
        from rdflib import Graph

        graph = Graph().parse(path, format="nt")
        return {"queries": _child_queries(graph, repeat, timeout)}
    if kind == "queries-oxigraph":
        import pyoxigraph as ox

        from airoles_kg.backends.embedded import OxigraphBackend

        store = ox.Store()
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        return {"queries": _child_queries(OxigraphBackend(store), repeat, timeout)}
    if kind == "queries-server":
        return {"queries": _server_queries(path, repeat, timeout)}
    raise ValueError(f"unknown measurement {kind!r}")


def _keys(report: Any) -> set[tuple[str, str, str, str]]:
    return {
        (str(r.focus_node), str(r.source_shape), str(r.constraint_component), r.severity)
        for r in report.results
    }


def _server_queries(path: Path, repeat: int, timeout: float) -> dict[str, Any]:
    """Load ``path`` into an Oxigraph server on a free loopback port and query it over HTTP."""
    from airoles_kg.backends.remote import RemoteBackend
    from airoles_kg.net.server import oxigraph_binary, wait_for_port

    binary = oxigraph_binary()
    with tempfile.TemporaryDirectory(prefix="airoles-bench-") as tmp:
        subprocess.run(
            [binary, "load", "--location", tmp, "--file", str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port = _free_port()
        server = subprocess.Popen(
            [binary, "serve-read-only", "--location", tmp, "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            if not wait_for_port("127.0.0.1", port, 60.0, server):
                raise RuntimeError("the oxigraph server did not start")
            backend = RemoteBackend(f"http://127.0.0.1:{port}/query", timeout=timeout)
            return _child_queries(backend, repeat, timeout)
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --------------------------------------------------------------------------- parent side


@dataclass
class Measurement:
    """One child run: what it returned, its wall time and its peak resident memory."""

    kind: str
    size: str
    data: dict[str, Any] = field(default_factory=dict)
    runs: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    error: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None


def _run_child(
    kind: str, path: Path, repeat: int, timeout: float, limit: float = 3600.0
) -> tuple[dict[str, Any], float]:
    """Run ``measure`` in a child process; return its JSON answer and peak RSS in MB.
    The child is killed after ``limit`` seconds."""
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        kind,
        "--file",
        str(path),
        "--repeat",
        str(repeat),
        "--timeout",
        str(timeout),
    ]
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, cwd=ROOT)
        deadline = time.monotonic() + limit
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                child.kill()
                child.wait()
                raise TimeoutError(f"{kind} did not finish in {limit:.0f} s")
            time.sleep(0.05)
        child.returncode = os.waitstatus_to_exitcode(status)
        err = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
        if child.returncode != 0:
            lines = err.strip().splitlines() or [f"exit {child.returncode}"]
            raise RuntimeError(lines[-1])
        out.seek(0)
        return json.loads(out.read().decode("utf-8")), usage.ru_maxrss / 1024


def _progress(message: str) -> None:
    if sys.stderr.isatty():
        print(message, file=sys.stderr, flush=True)


def _measure_repeated(
    kind: str, size: str, path: Path, repeat: int, timeout: float, heavy: float, limit: float
) -> Measurement:
    m = Measurement(kind, size)
    for i in range(repeat):
        _progress(f"  {size} {kind} run {i + 1}/{repeat}")
        try:
            data, peak = _run_child(kind, path, 1, timeout, limit)
        except (RuntimeError, TimeoutError) as exc:
            m.error = str(exc)
            return m
        m.data = data
        m.runs.append(float(data["seconds"]))
        m.peak_mb = max(m.peak_mb, peak)
        if data["seconds"] > heavy:  # long runs (pySHACL at 1M...) are measured once
            break
    return m


def _catalogue(size: str, seed: int) -> tuple[Path, dict[str, Any]]:
    path = DATA / f"catalogue-{size}-seed{seed}.nt"
    sidecar = path.with_name(path.name + ".expected.json")
    if not path.is_file() or not sidecar.is_file():
        _progress(f"generating {path.name}")
        write_catalogue(parse_size(size), seed, path)
    return path, json.loads(sidecar.read_text(encoding="utf-8"))


def _fmt_s(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f} s" if value >= 1 else f"{value * 1000:.0f} ms"


def _fmt_ms(entry: dict[str, Any] | None) -> str:
    if not entry:
        return "—"
    if "timeout" in entry:
        return f"> {entry['timeout']:.0f} s"
    if "error" in entry:
        return "error¹"
    return f"{entry['median'] * 1000:.1f}"


def _ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "—"
    return f"{a / b:.1f}×"


def _table(rows: list[list[str]], header: list[str]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return lines


def _options(args: argparse.Namespace) -> str:
    """The options given besides ``--sizes`` (those that differ from their defaults)."""
    defaults = {"seed": 1, "repeat": 3, "heavy": 20.0, "timeout": 30.0, "limit": 1200.0}
    return "".join(
        f" --{name} {getattr(args, name):g}"
        for name, default in defaults.items()
        if getattr(args, name) != default
    )


def render(
    results: dict[str, dict[str, Measurement]],
    expected: dict[str, dict[str, Any]],
    args: argparse.Namespace,
    started: float,
) -> str:
    sizes = list(results)
    out = [
        "# Benchmarks",
        "",
        f"Command: `.venv/bin/python benchmarks/run.py --sizes {','.join(sizes)}{_options(args)}`"
        f" (seed {args.seed}, {args.repeat} runs per measurement, median; runs over "
        f"{args.heavy:.0f} s are measured once). Machine: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.machine()}; total "
        f"{(time.perf_counter() - started) / 60:.1f} min. Peak memory is the `ru_maxrss` of the "
        "child process that ran the measurement.",
        "",
        "## Parse and load",
        "",
    ]
    rows = []
    for size in sizes:
        r = results[size]
        rows.append(
            [
                size,
                str(expected[size]["triples"]),
                _fmt_s(r["parse-rdflib"].median),
                f"{r['parse-rdflib'].peak_mb:.0f}",
                _fmt_s(r["parse-oxigraph"].median),
                f"{r['parse-oxigraph'].peak_mb:.0f}",
                _fmt_s(r["load-oxigraph"].median),
                f"{r['load-oxigraph'].peak_mb:.0f}",
                _ratio(r["parse-rdflib"].median, r["load-oxigraph"].median),
            ]
        )
    out += _table(
        rows,
        [
            "size",
            "triples",
            "rdflib parse",
            "MB",
            "pyoxigraph parse",
            "MB",
            "Oxigraph bulk load",
            "MB",
            "rdflib ÷ Oxigraph load",
        ],
    )
    out += ["", "## SHACL validation (project shapes, end to end from the file)", ""]
    rows = []
    for size in sizes:
        r = results[size]
        py, fast = r["validate-pyshacl"], r["validate-fast"]
        want = expected[size]["violations"]
        same = "—"
        if py.data.get("keys") is not None and fast.data.get("keys") is not None:
            same = "yes" if py.data["keys"] == fast.data["keys"] else "**no**"
        phases = fast.data.get("phases", {})
        rows.append(
            [
                size,
                str(want),
                _fmt_s(py.median) if not py.error else f"failed: {py.error}",
                f"{py.peak_mb:.0f}",
                str(py.data.get("results", "—")),
                _fmt_s(fast.median) if not fast.error else f"failed: {fast.error}",
                f"{_fmt_s(phases.get('load'))} + {_fmt_s(phases.get('sparql'))}",
                f"{fast.peak_mb:.0f}",
                str(fast.data.get("results", "—")),
                same,
                _ratio(py.median, fast.median),
                _ratio(fast.median, r["parse-oxigraph"].median),
                _ratio(fast.median, r["load-oxigraph"].median),
                str(fast.data.get("engine", "—")),
            ]
        )
    out += _table(
        rows,
        [
            "size",
            "injected",
            "pySHACL",
            "MB",
            "results",
            "fast engine",
            "load + SPARQL",
            "MB",
            "results",
            "same results",
            "speed-up",
            "÷ pyoxigraph parse",
            "÷ Oxigraph load",
            "engine",
        ],
    )
    for size in sizes:
        r = results[size]
        out += ["", f"## Catalogue queries on {size} (median of warm runs, ms)", ""]
        rq = r["queries-rdflib"].data.get("queries", {})
        oq = r["queries-oxigraph"].data.get("queries", {})
        sq = r["queries-server"].data.get("queries", {})
        rows = []
        for name in sorted(set(rq) | set(oq) | set(sq)):
            o = oq.get(name)
            rdf = rq.get(name)
            rows.append(
                [
                    name,
                    _fmt_ms(rdf),
                    _fmt_ms(o),
                    _fmt_ms(sq.get(name)),
                    _ratio(rdf.get("median") if rdf else None, o.get("median") if o else None),
                    str(o.get("rows", "—")) if o else "—",
                    ("yes" if o and "median" in o and o["median"] < 0.1 else "**no**"),
                ]
            )
        out += _table(
            rows,
            [
                "query",
                "rdflib",
                "Oxigraph embedded",
                "Oxigraph server (HTTP)",
                "rdflib ÷ embedded",
                "rows",
                "embedded < 100 ms",
            ],
        )
        mem = (
            f"Peak memory: rdflib {r['queries-rdflib'].peak_mb:.0f} MB, embedded "
            f"{r['queries-oxigraph'].peak_mb:.0f} MB, server client "
            f"{r['queries-server'].peak_mb:.0f} MB."
        )
        errors = [f"{k}: {m.error}" for k, m in r.items() if m.error]
        for backend, answers in (("rdflib", rq), ("embedded", oq), ("server", sq)):
            errors += [
                f"¹ {name} on {backend}: {e['error']}"
                for name, e in sorted(answers.items())
                if "error" in e
            ]
        out += ["", mem] + (["", "Errors:", ""] + [f"- {e}" for e in errors] if errors else [])
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1M")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument(
        "--heavy",
        type=float,
        default=20.0,
        help="a run longer than this many seconds is not repeated",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="seconds after which one query run counts as timed out",
    )
    parser.add_argument(
        "--limit",
        type=float,
        default=1200.0,
        help="seconds after which a measurement (pySHACL at 1M...) is abandoned",
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.md")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.file, args.repeat, args.timeout)))
        return 0
    started = time.perf_counter()
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    try:
        for size in sizes:
            parse_size(size)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    results: dict[str, dict[str, Measurement]] = {}
    expected: dict[str, dict[str, Any]] = {}
    simple: list[str] = [
        "parse-rdflib",
        "parse-oxigraph",
        "load-oxigraph",
        "validate-pyshacl",
        "validate-fast",
    ]
    for size in sizes:
        path, expected[size] = _catalogue(size, args.seed)
        results[size] = {}
        for kind in simple:
            results[size][kind] = _measure_repeated(
                kind, size, path, args.repeat, args.timeout, args.heavy, args.limit
            )
        for kind in ("queries-rdflib", "queries-oxigraph", "queries-server"):
            _progress(f"  {size} {kind}")
            m = Measurement(kind, size)
            try:
                m.data, m.peak_mb = _run_child(kind, path, args.repeat, args.timeout)
            except (RuntimeError, TimeoutError) as exc:
                m.error = str(exc)
            results[size][kind] = m
    text = render(results, expected, args, started)
    from airoles_kg.atomic import atomic_write_text

    atomic_write_text(args.out, text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
