"""pySHACL over an Oxigraph store (``pyshacl-oxigraph``): the two pySHACL 0.40.1 defects it
handles, each reproduced on pySHACL's own class first, and the same reports as pySHACL on rdflib.
(``docs/upstream.md`` writes both defects up.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from pyshacl.graph_abstraction import DataGraph, OxigraphDataGraph
from rdflib import Graph, Literal, URIRef

from airoles_kg.shacl.fast.engine import validate_path
from airoles_kg.shacl.pyshacl_engine import PYSHACL
from airoles_kg.shacl.pyshacl_oxigraph import (
    PYSHACL_OXIGRAPH,
    store_data_graph,
    validate_store,
)
from airoles_kg.shacl.validate import available_engines

sys.path.insert(0, str(Path(__file__).resolve().parent))
from integration.remote_validation import FIXTURES, merged_fixture, result_keys  # noqa: E402

SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:S sh:targetClass ex:C ; sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ] ."""
#: ex:a's value of ex:p is a literal, so the sequence path asks for the ex:q of a literal.
DATA = """@prefix ex: <http://example.org/> .
ex:a a ex:C ; ex:p "lit" . ex:b a ex:C ; ex:p ex:x . ex:x ex:q 1 . ex:c a ex:C ."""


def _store(data: str = DATA) -> ox.Store:
    store = ox.Store()
    store.load(data.encode(), format=ox.RdfFormat.TURTLE)
    return store


def _shapes() -> Graph:
    return Graph().parse(data=SHAPES, format="turtle")


def _counting_len(cls: type, calls: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    original = cls.__len__

    def counting(self: object, context: object = None) -> int:
        calls.append(1)
        return original(self, context)  # type: ignore[no-any-return]

    monkeypatch.setattr(cls, "__len__", counting)


# ----------------------------------------------------------------- defect (a): no __bool__


def test_upstream_truth_counts_the_whole_store(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    _counting_len(OxigraphDataGraph, calls, monkeypatch)
    graph = DataGraph.from_oxigraph_store(_store())
    assert "__bool__" not in vars(OxigraphDataGraph)
    assert bool(graph) is True
    assert calls == [1], "bool() of pySHACL's class runs __len__ (a COUNT over the store)"


def test_our_view_is_true_without_counting(monkeypatch: pytest.MonkeyPatch) -> None:
    view = store_data_graph(_store(""))
    calls: list[int] = []
    _counting_len(type(view), calls, monkeypatch)
    assert bool(view) is True  # even empty: "dg or sg" must pick the data graph
    assert calls == []


def test_validation_never_counts_the_store(monkeypatch: pytest.MonkeyPatch) -> None:
    store, shapes = _store(), _shapes()
    calls: list[int] = []
    _counting_len(type(store_data_graph(store)), calls, monkeypatch)
    report = validate_store(store, shapes)
    assert len(report.results) == 2  # ex:a and ex:c
    assert calls == []


# ------------------------------------------------- defect (b): objects() of a literal subject


def test_upstream_objects_of_a_literal_raise() -> None:
    graph = DataGraph.from_oxigraph_store(_store())
    with pytest.raises(TypeError):
        list(graph.objects(Literal("lit"), URIRef("http://example.org/q")))
    with pytest.raises(TypeError):  # and so pySHACL fails on a path through a literal
        pyshacl.validate(graph, shacl_graph=_shapes(), inplace=True)


def test_our_view_answers_as_rdflib_does() -> None:
    view = store_data_graph(_store())
    rdflib_graph = Graph().parse(data=DATA, format="turtle")
    subject, predicate = Literal("lit"), URIRef("http://example.org/q")
    assert list(view.objects(subject, predicate)) == list(rdflib_graph.objects(subject, predicate))
    assert list(view.predicate_objects(subject)) == []
    assert set(view.objects(URIRef("http://example.org/x"), predicate)) == {Literal(1)}


def test_a_path_through_a_literal_validates_as_on_rdflib() -> None:
    shapes = _shapes()
    ours = validate_store(_store(), shapes)
    reference = PYSHACL.validate(Graph().parse(data=DATA, format="turtle"), shapes)
    assert result_keys(ours) == result_keys(reference)
    assert {str(r.focus_node) for r in ours.results} == {"http://example.org/a",
                                                        "http://example.org/c"}


# ------------------------------------------------------------------ the engine, end to end


def test_the_engine_is_registered() -> None:
    assert "pyshacl-oxigraph" in available_engines()


@pytest.mark.parametrize("fixture", FIXTURES[::4], ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_same_reports_as_pyshacl_on_rdflib(fixture: Path, shapes: Graph) -> None:
    data = merged_fixture(fixture)
    ours = PYSHACL_OXIGRAPH.validate(data, shapes)
    reference = PYSHACL.validate(data, shapes)
    assert result_keys(ours) == result_keys(reference)
    assert ours.conforms == reference.conforms
    assert ours.engine == "pyshacl-oxigraph"


def test_the_fast_engine_falls_back_on_the_same_store(tmp_path: Path) -> None:
    """A shape the compiler cannot run goes to pySHACL over the store (no N-Triples copy)."""
    select = "SELECT $this WHERE { { $this <http://example.org/z> ?v FILTER(isIRI($this)) } }"
    shapes = Graph().parse(
        data=SHAPES + f'\nex:T sh:targetClass ex:C ; sh:sparql [ sh:select "{select}" ] .',
        format="turtle",
    )
    path = tmp_path / "data.ttl"
    path.write_text(DATA + "\n<http://example.org/c> <http://example.org/z> 1 .\n")
    report = validate_path(path, shapes, progress=False)
    assert report.engine == "oxigraph-sparql+pyshacl(1 shape)"
    reference = PYSHACL.validate(Graph().parse(path, format="turtle"), shapes)
    assert result_keys(report) == result_keys(reference)
    assert any(str(r.constraint_component).endswith("SPARQLConstraintComponent")
               for r in report.results)
