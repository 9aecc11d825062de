"""The SHACL shapes in ``shapes/``: golden fixtures, coverage, SHACL-SHACL, real ESCO labels.

Every fixture under ``tests/fixtures/shapes/`` is validated merged with the airoles knowledge
graph (what ``airoles-kg validate FILE`` does), with all the shapes, by pySHACL
(``inference="none"``, ``advanced=True``). What a fixture *adds* to the report of the knowledge
graph alone is compared with what it declares:

* a ``valid/`` fixture adds no result at all;
* an ``invalid/`` fixture adds exactly the (focus node, constraint component, source shape)
  triples listed in its ``# expect: <focus> sh:Component airsh:Shape`` header lines.

Coverage tests then require every shape with a severity to be tripped by some invalid fixture,
and to be exercised (a focus node, and a value for a property shape) by some valid fixture.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.extras.shacl import parse_shacl_path
from rdflib.term import Node

from airoles_kg.graph import load_graph, load_shapes, materialise, new_graph, parse_file
from airoles_kg.namespaces import AIR, AIRSH, OWL, RDF, RDFS, SH, SKOS
from airoles_kg.paths import project_version, shapes_dir

__all__: list[str] = []

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SHACL_SHACL = SHARED_DATA / "w3c-shacl-test-suite" / "core" / "complex" / "shacl-shacl.ttl"
ESCO_OCCUPATIONS = SHARED_DATA / "esco-1.2.0" / "occupations_en.csv"

FIXTURES = REPO / "tests" / "fixtures" / "shapes"
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))
SHAPE_FILES = sorted((REPO / "shapes").glob("*.ttl"))

_EXPECT = re.compile(r"^# expect: <(?P<focus>[^<>\s]+)> sh:(?P<component>\w+) airsh:(?P<shape>\w+)\s*$")


@dataclass(frozen=True, order=True)
class Result:
    """One validation result, reduced to what the fixtures assert (plus path and value)."""

    focus: str
    component: str
    shape: str
    path: str
    value: str
    severity: str
    message: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.focus, self.component, self.shape)

    def __str__(self) -> str:
        return (
            f"{self.focus} {_short(self.component)} {_short(self.shape)} [{_short(self.severity)}]"
            f" value={self.value!r}: {self.message}"
        )


def _short(iri: str) -> str:
    for prefix, namespace in (("sh:", str(SH)), ("airsh:", str(AIRSH))):
        if iri.startswith(namespace):
            return prefix + iri[len(namespace) :]
    return iri


def _results(data: Graph, shapes: Graph) -> frozenset[Result]:
    _conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=False
    )
    assert isinstance(report, Graph)
    found = set()
    for node in report.subjects(RDF.type, SH.ValidationResult):
        found.add(
            Result(
                focus=str(report.value(node, SH.focusNode)),
                component=str(report.value(node, SH.sourceConstraintComponent)),
                shape=str(report.value(node, SH.sourceShape)),
                path=str(report.value(node, SH.resultPath) or ""),
                value=str(report.value(node, SH.value) or ""),
                severity=str(report.value(node, SH.resultSeverity)),
                message=" | ".join(sorted(str(m) for m in report.objects(node, SH.resultMessage))),
            )
        )
    return frozenset(found)


def _listing(results: Iterable[Result]) -> str:
    return "\n".join(f"  {result}" for result in sorted(results)) or "  (none)"


@cache
def _shapes() -> Graph:
    return load_shapes()


@cache
def _knowledge_graph() -> Graph:
    return load_graph()


@cache
def _baseline() -> frozenset[Result]:
    """The report of the knowledge graph alone; fixtures are judged on what they add to it."""
    return _results(_knowledge_graph(), _shapes())


@cache
def _merged(fixture: Path) -> Graph:
    """``load_graph(extra=[fixture])``, sharing one parse of the knowledge graph."""
    graph = new_graph()
    graph += _knowledge_graph()
    graph += parse_file(fixture)
    materialise(graph)
    return graph


@cache
def _added(fixture: Path) -> frozenset[Result]:
    return _results(_merged(fixture), _shapes()) - _baseline()


def _expectations(fixture: Path) -> set[tuple[str, str, str]]:
    expected = set()
    for number, line in enumerate(fixture.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.startswith("# expect:"):
            continue
        match = _EXPECT.match(line)
        assert match, f"{fixture.name}:{number}: malformed expectation {line!r}"
        expected.add((match["focus"], str(SH[match["component"]]), str(AIRSH[match["shape"]])))
    return expected


def _params(paths: list[Path]) -> list[object]:
    return [pytest.param(path, id=path.stem) for path in paths]


def _severity_shapes() -> set[str]:
    return {str(shape) for shape in _shapes().subjects(SH.severity, None)}


# ------------------------------------------------------------------------------------- guards


def test_fixture_globs_are_not_empty() -> None:
    assert VALID, f"no valid fixture found in {FIXTURES / 'valid'}"
    assert INVALID, f"no invalid fixture found in {FIXTURES / 'invalid'}"
    assert SHAPE_FILES, f"no shapes found in {REPO / 'shapes'}"


# ------------------------------------------------------------------------------------ fixtures


@pytest.mark.parametrize("fixture", _params(VALID))
def test_valid_fixture_adds_no_result(fixture: Path) -> None:
    added = _added(fixture)
    assert not added, f"{fixture.name} should conform, but it adds:\n{_listing(added)}"


@pytest.mark.parametrize("fixture", _params(INVALID))
def test_invalid_fixture_reports_exactly_what_it_declares(fixture: Path) -> None:
    expected = _expectations(fixture)
    assert expected, f"{fixture.name} declares no `# expect:` line"
    added = _added(fixture)
    found = {result.key for result in added}
    missing = sorted(expected - found)
    unexpected = sorted(result for result in added if result.key not in expected)
    assert not missing and not unexpected, (
        f"{fixture.name}:\nmissing:\n"
        + ("\n".join(f"  {f} {_short(c)} {_short(s)}" for f, c, s in missing) or "  (none)")
        + f"\nunexpected:\n{_listing(unexpected)}"
    )


def test_every_shape_is_tripped_by_an_invalid_fixture() -> None:
    tripped = {result.shape for fixture in INVALID for result in _added(fixture)}
    untested = sorted(_short(shape) for shape in _severity_shapes() - tripped)
    assert not untested, f"no invalid fixture trips: {', '.join(untested)}"


def _targets(shape: Node, graph: Graph) -> set[Node]:
    """The focus nodes of ``shape`` in ``graph`` (``sh:targetClass`` follows rdfs:subClassOf)."""
    shapes = _shapes()
    focus: set[Node] = set(shapes.objects(shape, SH.targetNode))
    for cls in shapes.objects(shape, SH.targetClass):
        for each in graph.transitive_subjects(RDFS.subClassOf, cls):
            focus.update(graph.subjects(RDF.type, each))
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        focus.update(graph.subjects(prop, None))  # type: ignore[arg-type]
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        focus.update(graph.objects(None, prop))  # type: ignore[arg-type]
    return focus


def _exercises(shape: Node, fixture: Path) -> bool:
    """Whether ``fixture`` gives ``shape`` a focus node of its own (and a value, for a path)."""
    merged = _merged(fixture)
    own = parse_file(fixture)
    own_nodes = set(own.subjects()) | set(own.objects())
    focus_nodes = _targets(shape, merged) & own_nodes
    path_node = _shapes().value(shape, SH.path)
    if path_node is None:
        return bool(focus_nodes)
    path = parse_shacl_path(_shapes(), path_node)
    return any(next(iter(merged.objects(node, path)), None) is not None for node in focus_nodes)


def test_every_shape_is_exercised_by_a_valid_fixture() -> None:
    unexercised = sorted(
        _short(shape)
        for shape in _severity_shapes()
        if not any(_exercises(URIRef(shape), fixture) for fixture in VALID)
    )
    assert not unexercised, (
        "no valid fixture gives these shapes a focus node (with a value): " + ", ".join(unexercised)
    )
