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

from generate import current_catalogue, parse_size  # noqa: E402

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
        "have": "https://w3id.org/airoles/competency/steward-competency-0",
        "haveRank": "3",
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
    if kind == "validate-pyshacl-oxigraph":
        from airoles_kg.kg.load import load_shapes
        from airoles_kg.rdf.parse import new_graph
        from airoles_kg.shacl.validate import ENGINES

        engine = ENGINES.get("pyshacl-oxigraph")
        if engine is None:
            return {"unavailable": "no engine 'pyshacl-oxigraph' in the registry"}
        shapes = load_shapes()
        t0 = time.perf_counter()
        report = engine.validate_files([path], shapes, new_graph())
        return {
            "seconds": time.perf_counter() - t0,
            "results": len(report.results),
            "keys": sorted(_keys(report)),
        }
    if kind == "validate-jena":
        return _jena_validate(path)
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


#: Where the Apache Jena jars are (Debian's ``libapache-jena-java``), and the Xerces jar whose
#: message files Debian's ``jena-core`` leaves out (``libxerces2-java``).
JAVA_JARS = Path("/usr/share/java")
#: Jars of ``/usr/share/java`` that must stay off the class path: SLF4J bindings that clash.
_CLASH = ("log4j-over-slf4j", "slf4j-log4j12", "slf4j-nop", "slf4j-simple", "slf4j-jdk",
          "maven3-slf4j", "slf4j-jcl")


def jena_classpath() -> str | None:
    """The class path of Jena's ``shacl`` command (Debian's jars, each once, without clashing
    logging bindings), with a folder holding the Xerces message files Debian's relocated
    copy of Xerces in ``jena-core`` looks for (``xerces/impl/msg``,
    ``xerces/impl/xpath/regex``) and does not ship; ``None`` if Jena is not installed."""
    import re
    import zipfile

    if not (JAVA_JARS / "jena-shacl.jar").is_file() or not (JAVA_JARS / "xercesImpl.jar").is_file():
        return None
    messages = DATA / "jena-xerces-messages"
    with zipfile.ZipFile(JAVA_JARS / "xercesImpl.jar") as jar:
        for name in jar.namelist():
            for folder in ("impl/msg/", "impl/xpath/regex/"):
                prefix = "org/apache/xerces/" + folder
                if name.startswith(prefix) and name.endswith(".properties"):
                    target = messages / "xerces" / folder / name[len(prefix):]
                    if not target.is_file():
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(jar.read(name))
    jars = [p for p in sorted(JAVA_JARS.glob("*.jar"))
            if not re.search(r"-\d[\d.]*\.jar$", p.name)  # versioned copies of the same jars
            and not p.name.startswith(_CLASH)]
    return ":".join([str(messages), *map(str, jars)])


def _jena_shapes(out: Path) -> None:
    """The project's shapes for Jena 4.5, which refuses a SPARQL constraint with a message
    in more than one language: only its English message is kept (messages are not compared)."""
    from rdflib import Literal
    from rdflib.namespace import SH

    from airoles_kg.kg.load import load_shapes

    shapes = load_shapes()
    for node in set(shapes.objects(None, SH.sparql)):
        for message in list(shapes.objects(node, SH.message)):
            if isinstance(message, Literal) and message.language != "en":
                shapes.remove((node, SH.message, message))
    out.write_bytes(shapes.serialize(format="turtle", encoding="utf-8"))


def _jena_validate(path: Path) -> dict[str, Any]:
    """Apache Jena SHACL (``shacl.shacl validate``) on the file, timed around the whole JVM."""
    from rdflib import Graph

    from airoles_kg.shacl.report import report_from_graph

    classpath = jena_classpath()
    if classpath is None:
        return {"unavailable": "Jena is not installed (apt-get install libapache-jena-java "
                               "libxerces2-java)"}
    with tempfile.TemporaryDirectory(prefix="airoles-jena-") as tmp:
        shapes, out = Path(tmp) / "shapes.ttl", Path(tmp) / "report.ttl"
        _jena_shapes(shapes)
        t0 = time.perf_counter()
        with out.open("wb") as handle:
            done = subprocess.run(
                ["java", "-Xmx3g", "-cp", classpath, "shacl.shacl", "validate",
                 "--shapes", str(shapes), "--data", str(path)],
                stdout=handle, stderr=subprocess.PIPE, check=False)
        seconds = time.perf_counter() - t0
        if done.returncode != 0:
            lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
            errors = [line for line in lines if "Exception" in line or "Error" in line]
            raise RuntimeError((errors or lines or ["java failed"])[0][:200])
        report = report_from_graph(Graph().parse(out, format="turtle"), engine="jena")
    return {"seconds": seconds, "results": len(report.results), "keys": sorted(_keys(report))}


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


CLI = Path(sys.executable).parent / "airoles-kg"
#: The interactive commands, each with its target (seconds, whole process), beside the
#: baseline of a Python process that does nothing.
INTERACTIVE: tuple[tuple[str, list[str], float | None], ...] = (
    ("python -c pass", [sys.executable, "-c", "pass"], None),
    ("airoles-kg --version", [str(CLI), "--version"], 0.08),
    ("airoles-kg show ai-engineer", [str(CLI), "show", "ai-engineer"], 0.15),
    ("airoles-kg compare ai-engineer ml-infrastructure-engineer",
     [str(CLI), "compare", "ai-engineer", "ml-infrastructure-engineer"], 0.15),
    ("airoles-kg query statistics", [str(CLI), "query", "statistics"], 0.20),
)


def _run_command(argv: list[str], limit: float = 3600.0) -> tuple[float, float, int]:
    """Run a whole process; return its wall time (start to exit), peak RSS in MB and exit
    code. Its output is discarded."""
    t0 = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             cwd=ROOT)
    deadline = time.monotonic() + limit
    while True:
        pid, status, usage = os.wait4(child.pid, 0 if limit >= 3600 else os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            child.kill()
            child.wait()
            raise TimeoutError(f"{argv[0]} did not finish in {limit:.0f} s")
        time.sleep(0.02)
    seconds = time.perf_counter() - t0
    child.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, child.returncode


def _interactive(runs: int) -> list[dict[str, Any]]:
    """Each interactive command ``runs`` times, in rounds (one run of each per round, so
    that all see the same machine), after one run of each that is not counted (it fills the
    cache of the loaded graph, as any first run after a change of the sources does)."""
    times: dict[str, list[float]] = {name: [] for name, _, _ in INTERACTIVE}
    peaks: dict[str, float] = {name: 0.0 for name, _, _ in INTERACTIVE}
    for round_ in range(runs + 1):
        _progress(f"  interactive round {round_}/{runs}")
        for name, argv, _ in INTERACTIVE:
            seconds, peak, code = _run_command(argv)
            if code != 0:
                raise RuntimeError(f"{name}: exit {code}")
            if round_:
                times[name].append(seconds)
                peaks[name] = max(peaks[name], peak)
    return [{"command": name, "median": statistics.median(times[name]),
             "min": min(times[name]), "peak_mb": peaks[name], "target": target}
            for name, _, target in INTERACTIVE]


def _measure_cli(size: str, path: Path, repeat: int, heavy: float, limit: float) -> Measurement:
    """``airoles-kg validate FILE`` as a whole process (exit 1: the file does not conform)."""
    m = Measurement("validate-cli", size)
    for i in range(repeat):
        _progress(f"  {size} validate-cli run {i + 1}/{repeat}")
        try:
            seconds, peak, code = _run_command([str(CLI), "validate", str(path)], limit)
        except TimeoutError as exc:
            m.error = str(exc)
            return m
        if code not in (0, 1):
            m.error = f"exit {code}"
            return m
        m.runs.append(seconds)
        m.peak_mb = max(m.peak_mb, peak)
        if seconds > heavy:
            break
    return m


def _compile_bytecode() -> None:
    """Compile the package's modules to bytecode, as installing a wheel does: in a source
    tree run with ``PYTHONDONTWRITEBYTECODE`` set, every whole process measured would
    otherwise compile each module it imports from source (some 0.1 s), which a user's
    installed command never does."""
    import compileall

    import airoles_kg

    for folder in airoles_kg.__path__:
        compileall.compile_dir(folder, quiet=1)


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
        if "unavailable" in data:
            m.error = f"not available: {data['unavailable']}"
            return m
        m.runs.append(float(data["seconds"]))
        m.peak_mb = max(m.peak_mb, peak)
        if data["seconds"] > heavy:  # long runs (pySHACL at 1M...) are measured once
            break
    return m


def _catalogue(size: str, seed: int, profile: str = "defects") -> tuple[Path, dict[str, Any]]:
    name = "catalogue" if profile == "defects" else profile
    path = DATA / f"{name}-{size}-seed{seed}.nt"
    _progress(f"catalogue {path.name}")
    return path, current_catalogue(parse_size(size), seed, path, profile)


def _not_run(kind: str, size: str, peers_max: str) -> Measurement:
    """A peer left out above ``--peers-max``."""
    return Measurement(kind, size, error=f"not run (--peers-max {peers_max})")


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
    defaults = {"seed": 1, "repeat": 3, "heavy": 20.0, "timeout": 30.0, "limit": 1200.0,
                "jena_limit": 600.0, "interactive_runs": 15}
    return "".join(
        f" --{name.replace('_', '-')} {getattr(args, name):g}"
        for name, default in defaults.items()
        if getattr(args, name) != default
    ) + "".join(f" --{name.replace('_', '-')} {getattr(args, name)}"
                for name, default in (("pyshacl_max", "100k"), ("peers_max", "1M"))
                if getattr(args, name) != default) + (
        " --no-queries" if args.no_queries else "")


def _same(m: Measurement, reference: list[Any] | None) -> str:
    keys = m.data.get("keys")
    if keys is None or reference is None:
        return "—"
    return "yes" if [list(k) for k in keys] == [list(k) for k in reference] else "**no**"


def _cell(m: Measurement | None) -> str:
    if m is None:
        return "—"
    if m.error:
        return m.error
    return _fmt_s(m.median)


def _validation_section(profile: str, by_size: dict[str, dict[str, Measurement]],
                        expected: dict[str, dict[str, Any]]) -> list[str]:
    """The validation table of one profile: every engine side by side, as multiples of
    ``pyoxigraph.parse``, with peak memory and whether its results are pySHACL's (where
    pySHACL ran; else the expected results the generator wrote, which pySHACL gave at the
    sizes where it ran)."""
    what = ("a few injected defects" if profile == "defects"
            else "two results per competency of a large pool")
    out = ["", f"## SHACL validation, {profile} profile ({what}), end to end from the file", ""]
    rows = []
    for size, r in by_size.items():
        parse = r["parse-oxigraph"].median
        py = r.get("validate-pyshacl")
        reference = py.data.get("keys") if py is not None and not py.error else None
        against = "pySHACL"
        if reference is None:
            reference = sorted([e["focus_node"], e["source_shape"], e["constraint_component"],
                                e["severity"]] for e in expected[size]["expected"])
            against = "expected"
        fast, cli = r["validate-fast"], r["validate-cli"]
        phases = fast.data.get("phases", {})
        row = [size, str(fast.data.get("results", "—")), _fmt_s(parse),
               _cell(fast), f"{_fmt_s(phases.get('load'))} + {_fmt_s(phases.get('sparql'))}",
               _ratio(fast.median, parse), _cell(cli), _ratio(cli.median, parse),
               f"{cli.peak_mb:.0f}", f"{_same(fast, reference)} ({against})"]
        for kind in ("validate-pyshacl", "validate-pyshacl-oxigraph", "validate-jena"):
            m = r.get(kind)
            row += [_cell(m), _ratio(m.median if m else None, parse),
                    f"{m.peak_mb:.0f}" if m and m.runs else "—",
                    "—" if m is None or kind == "validate-pyshacl" else _same(m, reference)]
        rows.append(row)
    out += _table(rows, [
        "size", "results", "pyoxigraph parse", "fast engine", "load + SPARQL", "÷ parse",
        "`airoles-kg validate`", "÷ parse", "MB", "same results",
        "pySHACL", "÷ parse", "MB", "same",
        "pySHACL on Oxigraph", "÷ parse", "MB", "same",
        "Jena SHACL", "÷ parse", "MB", "same"])
    return out


def _interactive_section(rows: list[dict[str, Any]]) -> list[str]:
    base = rows[0]["median"]
    table = []
    for row in rows:
        target = row["target"]
        met = "—" if target is None else ("yes" if row["median"] <= target else "**no**")
        table.append([f"`{row['command']}`", f"{row['median'] * 1000:.0f} ms",
                      f"{row['min'] * 1000:.0f} ms", f"{(row['median'] - base) * 1000:.0f} ms",
                      f"{row['peak_mb']:.0f}",
                      "—" if target is None else f"{target * 1000:.0f} ms", met])
    return ["", "## Interactive commands (whole processes, embedded store, warm cache)", "",
            *_table(table, ["command", "median", "min", "beyond `python -c pass`", "MB",
                            "target", "met"])]


def _replace_interactive(out: Path, rows: list[dict[str, Any]], runs: int) -> int:
    """Replace the interactive commands' table of ``out`` with ``rows``, saying how and when
    they were measured; the rest of the file is kept."""
    from airoles_kg.atomic import atomic_write_text

    section = _interactive_section(rows)
    section[1] += (f"\n\nMeasured on their own after the tables above (`benchmarks/run.py "
                   f"--interactive-only`, {runs} runs each), load average "
                   f"{os.getloadavg()[0]:.1f} at the end.")
    text = out.read_text(encoding="utf-8") if out.is_file() else "# Benchmarks\n"
    head, found, _ = text.partition("\n## Interactive commands")
    if found:
        head = head.rstrip("\n") + "\n"
    atomic_write_text(out, head + "\n".join(section) + "\n")
    print("\n".join(section))
    return 0


def render(
    results: dict[str, dict[str, Measurement]],
    expected: dict[str, dict[str, Any]],
    args: argparse.Namespace,
    started: float,
    findings: dict[str, dict[str, Measurement]] | None = None,
    expected_findings: dict[str, dict[str, Any]] | None = None,
    interactive: list[dict[str, Any]] | None = None,
) -> str:
    findings = findings or {}
    expected_by = {"defects": expected, "findings": expected_findings or {}}
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
    for profile, by_size in (("defects", results), ("findings", findings)):
        if by_size:
            out += _validation_section(profile, by_size, expected_by[profile])
    if interactive:
        out += _interactive_section(interactive)
    for size in sizes:
        r = results[size]
        if "queries-oxigraph" not in r:
            continue
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
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES") or "10k,100k,1M")
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
    parser.add_argument("--pyshacl-max", default="100k",
                        help="largest size pySHACL runs at (defects profile; it takes about "
                             "35 min at 1M); never on the findings profile")
    parser.add_argument("--peers-max", default="1M",
                        help="largest size pySHACL on Oxigraph and Jena run at (at 1M they take "
                             "4 to 15 min each)")
    parser.add_argument("--jena-limit", type=float, default=600.0,
                        help="seconds after which a Jena run is abandoned (reported as such)")
    parser.add_argument("--interactive-runs", type=int, default=15,
                        help="runs of each interactive command (median)")
    parser.add_argument("--no-queries", action="store_true", help="skip the catalogue queries")
    parser.add_argument("--interactive-only", action="store_true",
                        help="measure the interactive commands alone and replace their table "
                             "in --out (the other tables are kept as they are)")
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
        pyshacl_max = parse_size(args.pyshacl_max)
        peers_max = parse_size(args.peers_max)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    _compile_bytecode()
    if args.interactive_only:
        return _replace_interactive(args.out, _interactive(args.interactive_runs),
                                    args.interactive_runs)
    interactive = _interactive(args.interactive_runs)
    results: dict[str, dict[str, Measurement]] = {}
    findings: dict[str, dict[str, Measurement]] = {}
    expected: dict[str, dict[str, Any]] = {}
    expected_findings: dict[str, dict[str, Any]] = {}

    def run(kind: str, size: str, path: Path) -> Measurement:
        limit = min(args.limit, args.jena_limit) if kind == "validate-jena" else args.limit
        return _measure_repeated(kind, size, path, args.repeat, args.timeout, args.heavy, limit)

    def write() -> str:
        """The tables so far, written after each size (a long run leaves what it measured)."""
        from airoles_kg.atomic import atomic_write_text

        done = {k: v for k, v in results.items() if "validate-cli" in v}
        text = render(done, expected, args, started, findings, expected_findings, interactive)
        atomic_write_text(args.out, text)
        return text

    text = ""
    for size in sizes:
        path, expected[size] = _catalogue(size, args.seed)
        results[size] = r = {}
        for kind in ("parse-rdflib", "parse-oxigraph", "load-oxigraph", "validate-fast"):
            r[kind] = run(kind, size, path)
        r["validate-cli"] = _measure_cli(size, path, args.repeat, args.heavy, args.limit)
        if parse_size(size) <= pyshacl_max:
            r["validate-pyshacl"] = run("validate-pyshacl", size, path)
        else:
            r["validate-pyshacl"] = Measurement("validate-pyshacl", size, error=(
                "not run: about 35 min (2,099 s) measured earlier at 1M"))
        for kind in ("validate-pyshacl-oxigraph", "validate-jena"):
            r[kind] = run(kind, size, path) if parse_size(size) <= peers_max else _not_run(
                kind, size, args.peers_max)
        if not args.no_queries:
            for kind in ("queries-rdflib", "queries-oxigraph", "queries-server"):
                _progress(f"  {size} {kind}")
                m = Measurement(kind, size)
                try:
                    m.data, m.peak_mb = _run_child(kind, path, args.repeat, args.timeout)
                except (RuntimeError, TimeoutError) as exc:
                    m.error = str(exc)
                r[kind] = m
        path, expected_findings[size] = _catalogue(size, args.seed, "findings")
        findings[size] = f = {}
        for kind in ("parse-oxigraph", "validate-fast", "validate-pyshacl-oxigraph",
                     "validate-jena"):
            peer = kind in ("validate-pyshacl-oxigraph", "validate-jena")
            f[kind] = (_not_run(kind, size, args.peers_max)
                       if peer and parse_size(size) > peers_max else run(kind, size, path))
        f["validate-cli"] = _measure_cli(size, path, args.repeat, args.heavy, args.limit)
        text = write()
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
