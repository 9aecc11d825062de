"""The fast engine: shapes compiled to SPARQL on worker threads, pySHACL for the rest.

Top-level shapes run on :data:`THREADS` threads (Oxigraph releases the GIL while it
evaluates); a shape with a part the compiler cannot run falls back to pySHACL, the reference
engine, which then validates only the shapes left to it. :attr:`ValidationReport.engine` says
which engine ran: ``"oxigraph-sparql"``, ``"pyshacl"`` or ``"oxigraph-sparql+pyshacl(N shapes)"``.

>>> from rdflib import Graph
>>> shapes = Graph().parse(data='''
...   @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
...   ex:S a sh:NodeShape ; sh:targetClass ex:C ;
...     sh:property [ sh:path ex:p ; sh:minCount 1 ] .''', format="turtle")
>>> data = Graph().parse(data='''
...   @prefix ex: <http://example.org/> . ex:a a ex:C . ex:b a ex:C ; ex:p 1 .''', format="turtle")
>>> report = validate_graph(data, shapes)
>>> report.engine, report.conforms, [str(r.focus_node) for r in report.results]
('oxigraph-sparql', False, ['http://example.org/a'])
"""

from __future__ import annotations

import itertools
import sys
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from airoles_kg.errors import InputError
from airoles_kg.rdf.answers import cyclic_gc_paused
from airoles_kg.shacl.engine import Engine
from airoles_kg.shacl.fast.compiler import Part, ShapeCompiler
from airoles_kg.shacl.fast.load import load_store
from airoles_kg.shacl.fast.results import RawResult, term_converter
from airoles_kg.shacl.fast.shapes import TARGETS
from airoles_kg.shacl.fast.sparql import UnsupportedShape
from airoles_kg.shacl.fast.support import whole_graph_features
from airoles_kg.shacl.pyshacl_engine import PYSHACL
from airoles_kg.shacl.pyshacl_oxigraph import validate_store as store_validate
from airoles_kg.shacl.report import (
    ResultFamily,
    ValidationReport,
    ValidationResult,
    choose_messages,
    path_from_rdf,
    severity_name,
)

__all__ = [
    "OXIGRAPH",
    "THREADS",
    "OxigraphEngine",
    "compiled_results",
    "keep_stores_until_exit",
    "run_compiled",
    "unsupported_shapes",
    "validate_graph",
    "validate_path",
    "validate_store",
]

#: Queries run on this many threads (Oxigraph releases the GIL while it evaluates).
THREADS = 2

#: The stores :func:`validate_path` made, when they are kept until the process ends.
_KEPT: list[ox.Store] | None = None


def keep_stores_until_exit() -> None:
    """Keep each store :func:`validate_path` makes until the process ends instead of freeing
    it when the validation is done: for a process that ends without the interpreter's
    teardown (``airoles-kg validate``), where freeing a store of a million triples, one
    allocation at a time, would take a second or more for nothing. Never in a process that
    goes on: their memory is not given back."""
    global _KEPT
    if _KEPT is None:
        _KEPT = []


def unsupported_shapes(shapes: Graph) -> list[Node]:
    """The top-level shapes the SPARQL compiler cannot run (pySHACL validates them instead)."""
    compiler = ShapeCompiler(shapes)
    return [s for s in compiler.top_level_shapes() if not compiler.supported(s)]


def _family(raw: RawResult, compiler: ShapeCompiler,
            per_shape: dict[Node, tuple[str, str, tuple[tuple[str, str], ...]]]
            ) -> ResultFamily:
    """The results that share ``raw``'s path, shape, component and messages; what comes from
    the shape is read once per shape (``per_shape``)."""
    shapes = compiler.shapes
    if raw.shape not in per_shape:
        per_shape[raw.shape] = (severity_name(shapes.severity(raw.shape)),
                                *choose_messages(shapes.messages(raw.shape)))
    severity, message, messages = per_shape[raw.shape]
    if raw.messages:  # a SPARQL constraint's own, filled messages
        message, messages = choose_messages(raw.messages)
    return ResultFamily(
        path_from_rdf(shapes.graph, raw.path) if raw.path is not None else None,
        raw.shape, raw.component, severity, message or _default_message(raw.component),
        messages)


def _default_message(component: URIRef) -> str:
    name = str(component)[len(str(SH)) :].removesuffix("ConstraintComponent")
    return f"{name} constraint not satisfied"


def _without_targets(shapes: Graph, shapes_to_skip: Iterable[Node]) -> Graph:
    """A copy of ``shapes`` in which the given top-level shapes have no targets left."""
    reduced = Graph()
    for prefix, ns in shapes.namespaces():
        reduced.bind(prefix, ns, override=True)
    skip = set(shapes_to_skip)
    classes = set(shapes.subjects(RDFS.subClassOf, RDFS.Class)) | {RDFS.Class}
    for s, p, o in shapes:
        if s in skip and (p in TARGETS or (p == RDF.type and o in classes)):
            continue
        reduced.add((s, p, o))
    return reduced


def run_compiled(
    compiler: ShapeCompiler,
    shapes: Sequence[Node],
    progress: bool | None = None,
    threads: int = THREADS,
) -> dict[Node, list[RawResult] | None]:
    """Run the compiled top-level ``shapes`` on ``threads`` threads: each shape's raw
    results, ``None`` for a shape one of whose parts the compiler could not run after all.
    Progress goes to stderr when ``progress`` is true, by default only on a terminal."""
    if progress is None:
        progress = sys.stderr.isatty()
    work = [(shape, part) for shape in shapes for part in compiler.parts(shape)]
    finished = itertools.count(1)  # next() on a count is atomic: threads share it

    def run(part: Part) -> list[RawResult] | None:
        try:
            outcome: list[RawResult] | None = part()
        except UnsupportedShape:
            outcome = None
        done = next(finished)
        if progress:
            sys.stderr.write(f"\rvalidating: {done}/{len(work)} shape parts")
            sys.stderr.write("\n" if done == len(work) else "")
            sys.stderr.flush()
        return outcome

    try:
        with ThreadPoolExecutor(threads) as pool:
            outcomes = list(pool.map(run, [part for _, part in work]))
    finally:
        compiler.cleanup()
    by_shape: dict[Node, list[RawResult] | None] = {shape: [] for shape in shapes}
    for (shape, _), raws in zip(work, outcomes, strict=True):
        current = by_shape[shape]
        if raws is None:
            by_shape[shape] = None  # one part the compiler cannot run
        elif current is not None:
            current.extend(raws)
    return by_shape


def compiled_results(
    compiler: ShapeCompiler, by_shape: dict[Node, list[RawResult] | None]
) -> list[ValidationResult]:
    """The SHACL results of the shapes :func:`run_compiled` ran in full (``None`` skipped).

    The results of a constraint share all but their focus node and value: each such family
    is read from the shapes once, each distinct term converted once, and every result is
    then made from its two terms (:meth:`ResultFamily.make`)."""
    per_shape: dict[Node, tuple[str, str, tuple[tuple[str, str], ...]]] = {}
    families: dict[object, ResultFamily] = {}
    convert = term_converter()
    results: list[ValidationResult] = []
    append = results.append
    for raws in by_shape.values():
        if raws is None:
            continue
        last: object = None
        family: ResultFamily | None = None
        for raw in raws:
            shared = raw.shared()
            if family is None or shared != last:  # a constraint's results come together
                family = families.get(shared)
                if family is None:
                    family = families[shared] = _family(raw, compiler, per_shape)
                last = shared
            focus, focus_text = convert(raw.focus)  # a focus node, never None
            value, value_text = convert(raw.value) if raw.value is not None else (None, "")
            append(family.make(focus, focus_text, value, value_text))  # type: ignore[arg-type]
    return results


def validate_store(
    store: ox.Store,
    shapes: Graph,
    *,
    data_graph: Graph | None = None,
    engine: str = "auto",
    timings: dict[str, float] | None = None,
    progress: bool | None = None,
) -> ValidationReport:
    """Validate the default graph of ``store`` against ``shapes``.

    ``engine`` is ``"auto"`` (SPARQL where supported, pySHACL for the other shapes),
    ``"oxigraph"`` (raises :class:`InputError` on an unsupported shape) or ``"pyshacl"``.
    ``data_graph`` is the same data as an rdflib graph, if the caller has it, for pySHACL;
    otherwise pySHACL reads the store (:mod:`~airoles_kg.shacl.pyshacl_oxigraph`). ``timings``, if
    given, receives the seconds spent in each phase. Progress goes to stderr when ``progress``
    is true, by default only if stderr is a terminal.
    """
    started = time.perf_counter()
    compiler = ShapeCompiler(shapes, store)
    top = compiler.top_level_shapes()
    whole = whole_graph_features(shapes)
    if whole and engine == "oxigraph":
        raise InputError(f"the oxigraph engine does not support {whole}")
    fast = [] if engine == "pyshacl" or whole else [s for s in top if compiler.supported(s)]
    slow = [s for s in top if s not in set(fast)]
    if slow and engine == "oxigraph":
        raise InputError(
            "the oxigraph engine does not support shape(s) " + ", ".join(str(s) for s in slow)
        )
    results: list[ValidationResult] = []
    # The results are many small objects and hold no cycle: the cycle collector, which would
    # walk the whole heap again and again while they are made, waits until they are made.
    with cyclic_gc_paused():
        by_shape = run_compiled(compiler, fast, progress)
        for shape, raws in by_shape.items():
            if raws is None:
                if engine == "oxigraph":
                    raise InputError(f"the oxigraph engine cannot compile shape {shape}")
                fast.remove(shape)
                slow.append(shape)
        results.extend(compiled_results(compiler, by_shape))
    if timings is not None:
        timings["sparql"] = time.perf_counter() - started
    if slow or whole:
        t0 = time.perf_counter()
        reduced = _without_targets(shapes, fast)
        if data_graph is None:  # pySHACL reads the store itself: no copy into rdflib
            results.extend(store_validate(store, reduced).results)
        else:
            results.extend(PYSHACL.validate(data_graph, reduced).results)
        if timings is not None:
            timings["pyshacl"] = time.perf_counter() - t0
    if not slow and not whole:
        name = "oxigraph-sparql"
    elif not fast:
        name = "pyshacl"
    else:
        name = f"oxigraph-sparql+pyshacl({len(slow)} shape{'s' if len(slow) != 1 else ''})"
    return ValidationReport.from_results(results, name)


def validate_graph(data: Graph, shapes: Graph, *, engine: str = "auto") -> ValidationReport:
    """Validate an rdflib graph (copied into an in-memory Oxigraph store)."""
    return validate_store(load_store(data), shapes, data_graph=data, engine=engine)


def validate_path(
    path: str | Path | Sequence[str | Path],
    shapes: Graph,
    *,
    base: Graph | bytes | None = None,
    engine: str = "auto",
    progress: bool | None = None,
    timings: dict[str, float] | None = None,
) -> ValidationReport:
    """Validate RDF files (N-Triples, Turtle, ..., or gzip of one), streamed into Oxigraph,
    merged with ``base`` if given (for example the project's graph, which a steward's
    catalogue references, as a graph or as N-Triples)."""
    t0 = time.perf_counter()
    store = load_store(base) if base is not None else ox.Store()
    paths = [path] if isinstance(path, str | Path) else list(path)
    for one in paths:
        load_store(one, store, progress=progress)
    if timings is not None:
        timings["load"] = time.perf_counter() - t0
    if _KEPT is not None:
        _KEPT.append(store)
    return validate_store(store, shapes, engine=engine, timings=timings, progress=progress)


class OxigraphEngine(Engine):
    """The ``oxigraph`` engine: shapes compiled to SPARQL, pySHACL where needed. Files are
    streamed into the store, never through rdflib."""

    name = "oxigraph"
    loads_ntriples = True

    def validate(self, data_graph: Graph, shapes: Graph) -> ValidationReport:
        return validate_graph(data_graph, shapes)

    def validate_files(
        self, paths: Sequence[str | Path], shapes: Graph, base: Graph | bytes
    ) -> ValidationReport:
        return validate_path(list(paths), shapes, base=base)


#: The one fast engine.
OXIGRAPH = OxigraphEngine()
