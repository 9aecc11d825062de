"""The gate a graph must pass before it is written: named steps run in order, timed, stopping
at the first failure.

The build (:mod:`.build`) runs :func:`conformance` and :func:`error_checks`; a release
(:mod:`.release`) runs :func:`reasoning`, :func:`conformance`, :func:`quality` and
:func:`competency_questions`. Each step returns an :class:`Outcome`; :func:`run_gate` turns the
first failed one into the error its caller chooses.

>>> from airoles_kg.kg.load import load_graph
>>> steps = run_gate(load_graph(), [conformance()], lambda number, name, outcome: None)
>>> steps[0].name, steps[0].ok
('shacl', True)
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph

from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.catalogue.files import CatalogueQuery, list_checks, list_queries
from airoles_kg.catalogue.run import expectation, expectation_met, run_checks, run_query
from airoles_kg.errors import AirolesError, QueryError
from airoles_kg.pipeline.report import run_report
from airoles_kg.reason.run import reason
from airoles_kg.shacl.report import summary
from airoles_kg.shacl.validate import validate

__all__ = [
    "GateStep",
    "Outcome",
    "Step",
    "competency_questions",
    "conformance",
    "error_checks",
    "example_params",
    "quality",
    "reasoning",
    "run_gate",
]

_EXAMPLE = re.compile(r"such as (?:\"([^\"]+)\"|([A-Za-z][\w-]*:[\w./-]+[\w/-]))")


@dataclass(frozen=True)
class Outcome:
    """What a step found: whether it passed, a one-line detail, and what it computed (for a
    caller that words its own error, or keeps a result such as the reasoner's)."""

    ok: bool
    detail: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class GateStep:
    """One step of the gate, as it ran."""

    name: str
    ok: bool
    seconds: float
    detail: str
    data: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class Step:
    """A named check of a graph."""

    name: str
    check: Callable[[Graph], Outcome]


def run_gate(
    graph: Graph,
    steps: Sequence[Step],
    failure: Callable[[int, str, Outcome], AirolesError | None],
) -> list[GateStep]:
    """Run ``steps`` in order; at the first that fails, raise ``failure(number, name,
    outcome)`` (numbered from 1); return the steps that ran."""
    done: list[GateStep] = []
    for number, step in enumerate(steps, start=1):
        start = time.perf_counter()
        outcome = step.check(graph)
        done.append(GateStep(step.name, outcome.ok, time.perf_counter() - start,
                             outcome.detail, outcome.data))
        if not outcome.ok:
            error = failure(number, step.name, outcome)
            if error is not None:
                raise error
    return done


def conformance(shapes: Graph | None = None, engine: str = "auto") -> Step:
    """The graph conforms to the shapes (default: the project's)."""

    def check(graph: Graph) -> Outcome:
        report = validate(graph, shapes, engine=engine)
        text = summary(report)
        if report.conforms:
            return Outcome(True, text, {"summary": text})
        detail = f"the graph does not conform: {text}; run 'airoles-kg validate'"
        return Outcome(False, detail, {"summary": text})

    return Step("shacl", check)


def error_checks() -> Step:
    """No ``ERROR``-level check of ``queries/checks/`` fails (run on Oxigraph)."""

    def check(graph: Graph) -> Outcome:
        failed = [
            outcome.name
            for outcome in run_checks(OxigraphBackend.from_graph(graph))
            if outcome.level == "ERROR" and not outcome.passed
        ]
        detail = f"{len(failed)} check(s) failed: {', '.join(failed)}" if failed else "passed"
        return Outcome(not failed, detail, {"failed": failed})

    return Step("checks", check)


def reasoning(engine: str, reasoner: str, java_heap: str = "2g") -> Step:
    """The ontology is consistent and has no unsatisfiable class; the result is kept in
    ``data["result"]``."""

    def check(graph: Graph) -> Outcome:
        result = reason(graph, engine=engine, reasoner=reasoner, java_heap=java_heap)
        data = {"result": result}
        if not result.consistent:
            why = "; ".join(result.explanation[:3])
            return Outcome(False, f"the ontology is inconsistent ({result.label}): {why}", data)
        if result.unsatisfiable:
            names = ", ".join(c.iri for c in result.unsatisfiable)
            return Outcome(False, f"unsatisfiable classes: {names}", data)
        return Outcome(True, f"consistent, no unsatisfiable class ({result.reasoner}); "
                       f"{len(result.inferred_types)} class memberships and "
                       f"{len(result.inferred_subclasses)} subclass links inferred", data)

    return Step("reasoner", check)


def quality() -> Step:
    """The quality report holds no finding at level ``ERROR``."""

    def check(graph: Graph) -> Outcome:
        report = run_report(graph)
        errors = [f for f in report.findings if f.level == "ERROR"]
        if errors:
            return Outcome(False, f"{len(errors)} ERROR findings, first: {errors[0].rule} on "
                           f"{errors[0].subject}; run 'airoles-kg report'")
        return Outcome(True, f"no ERROR ({report.count('WARN')} WARN, "
                       f"{report.count('INFO')} INFO)")

    return Step("quality report", check)


def example_params(query: CatalogueQuery) -> dict[str, str] | None:
    """Values for the required parameters, from the examples in their descriptions
    ("such as role:ai-engineer"); None if a required parameter gives no example."""
    values: dict[str, str] = {}
    for param in query.params:
        if not param.required:
            continue
        match = _EXAMPLE.search(param.description)
        if match is None:
            return None
        values[param.name] = match.group(1) or match.group(2)
    return values


def competency_questions() -> Step:
    """Each catalogue query with an expectation meets it (a query with required parameters
    runs with the example values its parameter descriptions give), and each check expecting
    no rows returns none."""

    def check(graph: Graph) -> Outcome:
        backend = OxigraphBackend.from_graph(graph)
        failures: list[str] = []
        ran = skipped = 0
        for query in [*list_queries(), *list_checks()]:
            expect = expectation(query)
            if expect is None:
                continue
            params = example_params(query)
            if params is None:
                skipped += 1
                continue
            try:
                result = run_query(query, params, backend)
            except QueryError as exc:
                failures.append(f"{query.name}: {exc}")
                continue
            ran += 1
            if not expectation_met(query, result):
                shown = f" with {params}" if params else ""
                failures.append(f"{query.name}{shown} expects {expect}, got {len(result)} rows")
        if failures:
            return Outcome(False, "; ".join(failures))
        return Outcome(True, f"{ran} queries met their expectation" + (
            f", {skipped} skipped (required parameter without an example)" if skipped else ""))

    return Step("competency questions", check)
