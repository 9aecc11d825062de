"""The fast SHACL engine against the W3C SHACL core test suite (data-shapes test manifests).

Every case whose shapes the SPARQL compiler supports must give exactly the expected report:
the same set of (focus node, result path, constraint component, severity, source shape). Cases it
does not support are listed below as data; they must really fall back (to pySHACL), so the claim
"supports N of M cases" stays measurable. The suite is third-party data, committed under
``tests/fixtures/third-party/w3c-shacl-test-suite`` (``make third-party``); the test fails if it
is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
from rdflib.term import Node

from airoles_kg.errors import InputError
from airoles_kg.shacl.fast.compiler import ShapeCompiler
from airoles_kg.shacl.fast.engine import validate_graph
from airoles_kg.shacl.report import SEVERITIES, ResultPath, ValidationReport, path_from_rdf
from third_party import W3C_SUITE as SUITE

CORE = SUITE / "core"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")

SPARQL = SUITE / "sparql"

#: Core cases the SPARQL compiler does not support: the engine falls back to pySHACL for them.
UNSUPPORTED: dict[str, str] = {}

#: SHACL-SPARQL cases (sparql/) left to pySHACL, and why. All the others run on the fast path.
SPARQL_UNSUPPORTED: dict[str, str] = {
    "component/optional-001": "custom constraint component (SPARQL-based validator)",
    "component/propertyValidator-select-001": "custom constraint component",
    "component/validator-001": "custom constraint component",
    "node/sparql-002": "custom constraint component",
    "node/sparql-003": "custom constraint component",
    "pre-binding/pre-binding-002": "$this read in a FILTER of a UNION branch",
    "pre-binding/pre-binding-003": "$this read in a FILTER of a nested group",
    "pre-binding/pre-binding-005": "$this read in a FILTER of a nested group",
    "pre-binding/pre-binding-006": "sub-query (SELECT *)",
    "pre-binding/pre-binding-007": "sub-query",
    "pre-binding/shapesGraph-001": "$shapesGraph",
    "pre-binding/unsupported-sparql-001": "MINUS (a failure by the specification)",
    "pre-binding/unsupported-sparql-002": "VALUES (a failure by the specification)",
    "pre-binding/unsupported-sparql-003": "SERVICE (a failure by the specification)",
    "pre-binding/unsupported-sparql-004": "sub-query (a failure by the specification)",
    "pre-binding/unsupported-sparql-005": "re-binds $this (a failure by the specification)",
    "pre-binding/unsupported-sparql-006": "custom component re-binding $value (a failure)",
}

#: SHACL-SPARQL cases that neither engine can validate: both must refuse with a clear error.
SPARQL_REFUSED: dict[str, str] = {
    "pre-binding/shapesGraph-001": "$shapesGraph is supported by neither pySHACL nor the fast path",
}

Key = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Case:
    name: str
    graph: Graph  # the test file: manifest entry and expected report
    data: Graph
    shapes: Graph
    expected: frozenset[Key]
    conforms: bool
    failure: bool  # the manifest expects a failure (sht:Failure), not a report


def _term_key(node: Node | None) -> str:
    if node is None:
        return "-"
    if isinstance(node, BNode):
        return "_:"
    if isinstance(node, Literal) and isinstance(node.value, int | float | Decimal):
        # Oxigraph stores numbers by value ("4.0"^^xsd:decimal reads back as "4"): compare values.
        return f"{float(node.value)!r}^^{node.datatype}"
    return node.n3()


def path_text(path: ResultPath | None) -> str:
    """An rdflib property path as SPARQL text, so paths compare across graphs."""
    if path is None:
        return "-"
    if isinstance(path, URIRef):
        return path.n3()
    if isinstance(path, SequencePath):
        return "(" + "/".join(path_text(p) for p in path.args) + ")"
    if isinstance(path, AlternativePath):
        return "(" + "|".join(path_text(p) for p in path.args) + ")"
    if isinstance(path, InvPath):
        return "^" + path_text(path.arg)
    if isinstance(path, MulPath):
        return path_text(path.path) + path.mod
    raise TypeError(path)


def path_key(graph: Graph, node: Node | None) -> str:
    """The ``sh:resultPath`` of an expected result, read from the test graph."""
    return path_text(path_from_rdf(graph, node) if node is not None else None)


def _parse(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def _graph_for(ref: Node, test_file: Path, test_graph: Graph) -> Graph:
    if str(ref) == test_file.as_uri():
        return test_graph
    return _parse(Path(str(ref).removeprefix("file://")))


def fallback_cases(cases: list[Case]) -> set[str]:
    """Names of the cases in which some top-level shape is not on the fast path."""
    found = set()
    for case in cases:
        compiler = ShapeCompiler(case.shapes)
        if any(not compiler.supported(s) for s in compiler.top_level_shapes()):
            found.add(case.name)
    return found


def load_cases(root: Path = CORE) -> list[Case]:
    cases: list[Case] = []
    todo = [root / "manifest.ttl"]
    while todo:
        manifest = todo.pop(0)
        graph = _parse(manifest)
        for include in sorted(graph.objects(None, MF.include), key=str):
            todo.append(Path(str(include).removeprefix("file://")))
        for entries in graph.objects(None, MF.entries):
            for entry in Collection(graph, entries):
                action = graph.value(entry, MF.action)
                result = graph.value(entry, MF.result)
                data = _graph_for(graph.value(action, SHT.dataGraph), manifest, graph)
                shapes = _graph_for(graph.value(action, SHT.shapesGraph), manifest, graph)
                expected = frozenset(
                    (
                        _term_key(graph.value(r, SH.focusNode)),
                        path_key(graph, graph.value(r, SH.resultPath)),
                        _term_key(graph.value(r, SH.sourceConstraintComponent)),
                        _term_key(graph.value(r, SH.resultSeverity)),
                        _term_key(graph.value(r, SH.sourceShape)),
                    )
                    for r in graph.objects(result, SH.result)
                )
                conforms = graph.value(result, SH.conforms)
                name = manifest.parent.name + "/" + str(entry).rsplit("/", 1)[-1]
                cases.append(
                    Case(
                        name,
                        graph,
                        data,
                        shapes,
                        expected,
                        isinstance(conforms, Literal) and conforms.value is True,
                        result == SHT.Failure,
                    )
                )
    return sorted(cases, key=lambda c: c.name)


def _report_keys(report: ValidationReport) -> frozenset[Key]:
    """(focus node, path, component, severity, source shape) of every result."""
    return frozenset(
        (
            _term_key(r.focus_node),
            path_text(r.path),
            _term_key(r.constraint_component),
            _term_key(SEVERITIES.get(r.severity, URIRef(r.severity))),
            _term_key(r.source_shape),
        )
        for r in report.results
    )


def actual_keys(case: Case) -> tuple[frozenset[Key], str]:
    report = validate_graph(case.data, case.shapes)
    return _report_keys(report), report.engine


#: Cases where the expected report cannot be met by any engine reading shapes through rdflib,
#: with the reason; the fast engine must then agree with pySHACL instead.
KNOWN_DEVIATIONS: dict[str, str] = {
    "property/uniqueLang-002": 'rdflib normalises "1"^^xsd:boolean to "true" while parsing, so '
    'sh:uniqueLang "1" cannot be told apart from true (pySHACL reports the same extra result)',
}


def pyshacl_keys(case: Case) -> frozenset[Key]:
    return _report_keys(validate_graph(case.data, case.shapes, engine="pyshacl"))


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    assert (CORE / "manifest.ttl").is_file(), f"W3C SHACL test suite missing at {CORE}"
    found = load_cases()
    assert len(found) >= 90, f"only {len(found)} W3C core cases found under {CORE}"
    return found


def test_suite_is_present_and_complete(cases: list[Case]) -> None:
    names = {c.name for c in cases}
    assert set(UNSUPPORTED) <= names
    assert set(KNOWN_DEVIATIONS) <= names


def test_unsupported_cases_are_exactly_the_listed_ones(cases: list[Case]) -> None:
    fallback = fallback_cases(cases)
    assert fallback == set(UNSUPPORTED), sorted(fallback ^ set(UNSUPPORTED))
    print(f"fast path supports {len(cases) - len(fallback)} of {len(cases)} W3C core cases")


def test_fast_engine_matches_expected_reports(cases: list[Case]) -> None:
    failures = []
    passed = 0
    for case in cases:
        if case.name in UNSUPPORTED:
            continue
        keys, engine = actual_keys(case)
        assert engine == "oxigraph-sparql", (case.name, engine)
        if case.name in KNOWN_DEVIATIONS:
            if keys != pyshacl_keys(case):
                failures.append((case.name, "differs from pySHACL", sorted(keys)))
            continue
        if keys != case.expected:
            failures.append(
                (
                    case.name,
                    "missing",
                    sorted(case.expected - keys),
                    "extra",
                    sorted(keys - case.expected),
                )
            )
        else:
            passed += 1
        assert (not keys) == case.conforms or case.name in KNOWN_DEVIATIONS, case.name
    assert not failures, failures
    supported = len(cases) - len(UNSUPPORTED) - len(KNOWN_DEVIATIONS)
    assert passed == supported
    print(f"{passed} W3C core cases pass on the fast path")


def test_unsupported_cases_fall_back_to_pyshacl(cases: list[Case]) -> None:
    for case in cases:
        if case.name in UNSUPPORTED:
            assert "pyshacl" in validate_graph(case.data, case.shapes).engine, case.name


@pytest.fixture(scope="module")
def sparql_cases() -> list[Case]:
    assert (SPARQL / "manifest.ttl").is_file(), f"W3C SHACL-SPARQL tests missing at {SPARQL}"
    found = load_cases(SPARQL)
    assert len(found) >= 20, f"only {len(found)} W3C SHACL-SPARQL cases found under {SPARQL}"
    return found


def test_sparql_cases_on_the_fast_path_are_the_listed_ones(sparql_cases: list[Case]) -> None:
    assert fallback_cases(sparql_cases) == set(SPARQL_UNSUPPORTED)
    fast = len(sparql_cases) - len(SPARQL_UNSUPPORTED)
    assert fast >= 5
    print(f"fast path supports {fast} of {len(sparql_cases)} W3C SHACL-SPARQL cases")


def test_sparql_cases_match_expected_reports(sparql_cases: list[Case]) -> None:
    failures = []
    for case in sparql_cases:
        if case.failure or case.name in SPARQL_REFUSED:
            with pytest.raises(InputError):
                validate_graph(case.data, case.shapes)
            continue
        keys, engine = actual_keys(case)
        assert ("pyshacl" in engine) == (case.name in SPARQL_UNSUPPORTED), (case.name, engine)
        if keys != case.expected:
            failures.append((case.name, sorted(case.expected ^ keys)))
    assert not failures, failures
