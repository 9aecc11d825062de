"""The fast SHACL engine (shapes compiled to SPARQL on Oxigraph) gives pySHACL's results.

Results are compared as sets of (focus node, result path, constraint component, severity,
source shape) on the project's shapes against the knowledge graph, every shape fixture (found by
glob, guarded) and a synthetic steward catalogue with known injected violations; then the
engine's own promises: streaming input (N-Triples, Turtle, gzip), one-line parse errors,
fallback to pySHACL for what it does not compile, and its place in the engine registry.
Speed is measured by ``benchmarks/run.py``, not here.
"""

from __future__ import annotations

import gzip
import json
import sys
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.term import Node

from airoles_kg.errors import InputError, ParseError
from airoles_kg.kg.load import load_shapes
from airoles_kg.kg.materialise import materialise
from airoles_kg.paths import ontology_dir
from airoles_kg.rdf.parse import new_graph, parse_file
from airoles_kg.shacl.fast.components.sparql import (
    check_prebinding,
    not_exists_as_minus,
)
from airoles_kg.shacl.fast.engine import (
    unsupported_shapes,
    validate_graph,
    validate_path,
    validate_store,
)
from airoles_kg.shacl.fast.load import load_store
from airoles_kg.shacl.report import ValidationReport
from airoles_kg.shacl.validate import ENGINES, resolve_engine, validate

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "shapes"
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import write_catalogue  # noqa: E402

Key = tuple[Node, str, URIRef, str, Node]

EX_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ;
  sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:string ] ;
  sh:property [ sh:path ex:age ; sh:datatype xsd:integer ; sh:maxInclusive 150 ] .
"""
EX_DATA = """
@prefix ex: <http://example.org/> .
ex:ann a ex:Person ; ex:name "Ann" ; ex:age 31 .
ex:bob a ex:Person ; ex:age 200 .
ex:cid a ex:Person ; ex:name "Cid", "Cy" ; ex:age "old" .
"""


def keys(report: ValidationReport) -> set[Key]:
    return {
        (r.focus_node, str(r.path), r.constraint_component, r.severity, r.source_shape)
        for r in report.results
    }


@cache
def _shapes() -> Graph:
    return load_shapes()


@cache
def _merged(fixture: Path) -> Graph:
    """The fixture with the core vocabulary, materialised (as the shape fixtures are checked)."""
    graph = new_graph()
    graph += parse_file(ontology_dir() / "core.ttl")
    graph += parse_file(fixture)
    materialise(graph)
    return graph


def message_keys(report: ValidationReport) -> set[tuple[object, ...]]:
    """The results whose shape gives language-tagged messages, with their messages (the two
    engines word a result differently only where the shape gives no message)."""
    return {
        (r.focus_node, str(r.path), r.constraint_component, r.source_shape, r.message,
         r.messages)
        for r in report.results
        if r.messages
    }


def _assert_same(data: Graph, shapes: Graph) -> ValidationReport:
    fast = validate_graph(data, shapes)
    reference = ENGINES["pyshacl"].validate(data, shapes)
    assert fast.engine == "oxigraph-sparql"
    missing, extra = keys(reference) - keys(fast), keys(fast) - keys(reference)
    assert not missing and not extra, (
        f"missing {sorted(missing, key=str)}, extra {sorted(extra, key=str)}"
    )
    assert message_keys(fast) == message_keys(reference)
    assert fast.conforms == reference.conforms
    return fast


# --------------------------------------------------------------------------- same as pySHACL


def test_every_project_shape_runs_on_the_fast_path() -> None:
    assert unsupported_shapes(_shapes()) == []


@pytest.mark.slow
def test_knowledge_graph_same_results_as_pyshacl(kg: Graph) -> None:
    _assert_same(kg, _shapes())


def test_fixture_globs_are_not_empty() -> None:
    assert len(VALID) >= 1, f"no valid fixture under {FIXTURES / 'valid'}"
    assert len(INVALID) >= 5, f"too few invalid fixtures under {FIXTURES / 'invalid'}"


@pytest.mark.parametrize("fixture", VALID + INVALID, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_same_results_as_pyshacl(fixture: Path) -> None:
    report = _assert_same(_merged(fixture), _shapes())
    if fixture.parent.name == "invalid":
        assert report.results, "an invalid fixture must report something"


def test_synthetic_catalogue_gives_exactly_the_injected_violations(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.nt"
    write_catalogue(3_000, seed=11, out=path)
    expected = json.loads(path.with_name(path.name + ".expected.json").read_text())
    report = validate_path(path, _shapes())
    got = {
        (str(r.focus_node), str(r.source_shape), str(r.constraint_component))
        for r in report.results
    }
    want = {
        (e["focus_node"], e["source_shape"], e["constraint_component"])
        for e in expected["expected"]
    }
    assert report.engine == "oxigraph-sparql"
    assert got == want and len(report.results) == expected["violations"] >= 8
    data = Graph().parse(path, format="nt")
    reference = ENGINES["pyshacl"].validate(data, _shapes())
    assert keys(reference) == keys(validate_graph(data, _shapes()))


def test_core_constraints_on_a_small_example() -> None:
    shapes = Graph().parse(data=EX_SHAPES, format="turtle")
    data = Graph().parse(data=EX_DATA, format="turtle")
    report = _assert_same(data, shapes)
    components = sorted(str(r.constraint_component).rsplit("#", 1)[1] for r in report.results)
    assert components == [
        "DatatypeConstraintComponent",  # "old" is not an xsd:integer
        "MaxCountConstraintComponent",  # two names
        "MaxInclusiveConstraintComponent",  # 200 > 150
        "MaxInclusiveConstraintComponent",  # "old" cannot be compared with 150
        "MinCountConstraintComponent",  # no name
    ]


BILINGUAL_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:NameShape a sh:PropertyShape ; sh:targetClass ex:Person ; sh:path ex:name ; sh:minCount 1 ;
  sh:message "Add a name."@en, "Ajoutez un nom."@fr .
ex:AgeShape a sh:NodeShape ; sh:targetClass ex:Person ;
  sh:sparql [ a sh:SPARQLConstraint ;
    sh:message "{$this} is {?value}: too old."@en, "{$this} a {?value} ans : trop vieux."@fr ;
    sh:select '''SELECT $this ?value WHERE {
        $this <http://example.org/age> ?value . FILTER (isNumeric(?value) && ?value > 150) }''' ] .
"""


def test_messages_in_each_language_are_the_same_in_both_engines() -> None:
    """pySHACL drops the language of a filled SPARQL template; the report finds it again, so
    the English message stays the message even where the French text sorts first."""
    shapes = Graph().parse(data=BILINGUAL_SHAPES, format="turtle")
    data = Graph().parse(data=EX_DATA, format="turtle")
    bob = "http://example.org/bob"
    for report in (_assert_same(data, shapes), ENGINES["pyshacl"].validate(data, shapes)):
        got = {(r.constraint_component.rsplit("#", 1)[1], r.message, r.messages)
               for r in report.results}
        assert got == {
            ("MinCountConstraintComponent", "Add a name.",
             (("en", "Add a name."), ("fr", "Ajoutez un nom."))),
            ("SPARQLConstraintComponent", f"{bob} is 200: too old.",
             (("en", f"{bob} is 200: too old."), ("fr", f"{bob} a 200 ans : trop vieux."))),
        }, report.engine


# --------------------------------------------------------------------------- input


def test_streaming_input_formats_give_the_same_results(tmp_path: Path) -> None:
    data = Graph().parse(data=EX_DATA, format="turtle")
    shapes = Graph().parse(data=EX_SHAPES, format="turtle")
    nt = tmp_path / "data.nt"
    nt.write_bytes(data.serialize(format="nt", encoding="utf-8"))
    ttl = tmp_path / "data.ttl"
    ttl.write_text(EX_DATA, encoding="utf-8")
    gz = tmp_path / "data.nt.gz"
    gz.write_bytes(gzip.compress(nt.read_bytes()))
    ttl_gz = tmp_path / "data.ttl.gz"
    ttl_gz.write_bytes(gzip.compress(ttl.read_bytes()))
    reports = [validate_path(p, shapes) for p in (nt, ttl, gz, ttl_gz)]
    assert len({frozenset(keys(r)) for r in reports}) == 1
    assert len(reports[0].results) == 5


def test_several_files_merged_with_a_base_graph(tmp_path: Path) -> None:
    shapes = Graph().parse(data=EX_SHAPES, format="turtle")
    people = tmp_path / "people.ttl"
    people.write_text("@prefix ex: <http://example.org/> . ex:dan a ex:Person .", encoding="utf-8")
    names = tmp_path / "names.nt"
    names.write_text('<http://example.org/dan> <http://example.org/name> "Dan" .\n', "utf-8")
    base = Graph().parse(data=EX_DATA, format="turtle")
    assert validate_path([people, names], shapes).conforms
    assert len(validate_path([people, names], shapes, base=base).results) == 5
    assert not validate_path(people, shapes).conforms


def test_progress_only_when_asked_or_on_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "data.ttl"
    path.write_text(EX_DATA, encoding="utf-8")
    load_store(path)  # stderr is not a terminal under pytest
    assert capsys.readouterr().err == ""
    store = load_store(path, progress=True)
    assert "loading data.ttl" in capsys.readouterr().err
    assert len(store) == 9


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.nt"
    path.write_text(
        '<http://e/a> <http://e/p> "x" .\n<http://e/a> <http://e/p> "y .\n', encoding="utf-8"
    )
    with pytest.raises(ParseError) as info:
        load_store(path)
    assert info.value.line == 2 and str(info.value).startswith(f"{path}:2: ")
    assert "\n" not in str(info.value)


def test_unknown_format_and_missing_file_are_input_errors(tmp_path: Path) -> None:
    (tmp_path / "data.xyz").write_text("x", encoding="utf-8")
    with pytest.raises(InputError,
                       match=r"data\.xyz: cannot tell the RDF format from the extension '\.xyz'"):
        load_store(tmp_path / "data.xyz")
    with pytest.raises(InputError, match="no such file"):
        load_store(tmp_path / "absent.nt")


def test_rdflib_graph_keeps_its_blank_nodes() -> None:
    data = Graph().parse(
        data="@prefix ex: <http://example.org/> . [] a ex:Person .", format="turtle"
    )
    shapes = Graph().parse(data=EX_SHAPES, format="turtle")
    report = validate_graph(data, shapes)
    (bnode,) = set(data.subjects())
    assert {r.focus_node for r in report.results} == {bnode}


# --------------------------------------------------------------------------- fallback


CUSTOM = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:Component a sh:ConstraintComponent ;
  sh:parameter [ sh:path ex:forbidden ] ;
  sh:validator [ a sh:SPARQLAskValidator ; sh:ask "ASK { FILTER (?value != $forbidden) }" ] .
ex:NoBob a sh:NodeShape ; sh:targetClass ex:Person ; ex:forbidden ex:bob .
"""


def test_unsupported_shape_falls_back_to_pyshacl_and_says_so() -> None:
    shapes = Graph().parse(data=EX_SHAPES + CUSTOM, format="turtle")
    data = Graph().parse(data=EX_DATA, format="turtle")
    assert unsupported_shapes(shapes) == [URIRef("http://example.org/NoBob")]
    report = validate_graph(data, shapes)
    assert report.engine == "oxigraph-sparql+pyshacl(1 shape)"
    assert keys(report) == keys(ENGINES["pyshacl"].validate(data, shapes))
    assert URIRef("http://example.org/NoBob") in {r.source_shape for r in report.results}
    with pytest.raises(InputError, match="does not support"):
        validate_graph(data, shapes, engine="oxigraph")
    assert validate_graph(data, shapes, engine="pyshacl").engine == "pyshacl"


def test_regex_features_python_and_oxigraph_disagree_on_fall_back() -> None:
    shapes = Graph().parse(
        data=EX_SHAPES.replace("sh:maxInclusive 150", 'sh:maxInclusive 150 ; sh:pattern "^(?!9)"'),
        format="turtle",
    )
    assert unsupported_shapes(shapes) == [URIRef("http://example.org/PersonShape")]
    data = Graph().parse(data=EX_DATA, format="turtle")
    report = validate_graph(data, shapes)
    assert report.engine == "pyshacl"
    assert keys(report) == keys(ENGINES["pyshacl"].validate(data, shapes))


def test_sparql_constraint_prebinding_rules() -> None:
    check_prebinding("SELECT $this WHERE { $this <p> ?o . FILTER NOT EXISTS { $this <q> ?x } }")
    check_prebinding("SELECT $this WHERE { FILTER ($this = <a>) }")  # top group: joined first
    check_prebinding(
        "SELECT $this ?value WHERE { $this <p>/<q> ?value } GROUP BY $this ?value "
        "HAVING (COUNT(*) > 1)"
    )
    for refused in (
        "SELECT $this WHERE { { FILTER ($this = <a>) } UNION { ?x <p> ?y } }",
        "SELECT $this WHERE { { SELECT $this WHERE { $this <p> ?o } } }",
        "SELECT $this WHERE { $this <p> ?o MINUS { $this <q> ?o } }",
        "SELECT $this WHERE { VALUES ?x { 1 } }",
        "SELECT (COUNT(*) AS ?n) WHERE { $this <p> ?o } GROUP BY ?o",
    ):
        with pytest.raises(Exception, match="pre-bind|nested group|grouping"):
            check_prebinding(refused)


def test_not_exists_becomes_minus_only_when_equivalent() -> None:
    body = ' ?this <p> ?o . FILTER NOT EXISTS { $this <q>/<r> <e> . } FILTER(?o != "}") } LIMIT 1'
    rewritten = not_exists_as_minus(body)
    assert "NOT EXISTS" not in rewritten and "MINUS { $this <q>/<r> <e> . }" in rewritten
    assert rewritten.rstrip().endswith("} LIMIT 1")
    kept = " ?this <p> ?o . FILTER NOT EXISTS { ?o <q> ?x FILTER(?x > 1) } }"
    assert not_exists_as_minus(kept) == kept  # a filter inside: left as it is


def test_store_is_left_unchanged() -> None:
    store = ox.Store()
    store.bulk_load(EX_DATA.encode(), format=ox.RdfFormat.TURTLE)
    before = len(store)
    shapes = Graph().parse(
        data=EX_SHAPES.replace(
            "sh:targetClass ex:Person", "sh:targetClass ex:Person ; sh:targetSubjectsOf ex:age"
        ),
        format="turtle",
    )
    report = validate_store(store, shapes)
    assert len(store) == before and list(store.named_graphs()) == []
    assert len(report.results) == 5


# --------------------------------------------------------------------------- registry


def test_registered_and_chosen_by_auto(kg: Graph) -> None:
    assert "oxigraph" in ENGINES
    assert resolve_engine("auto") == "oxigraph"
    assert validate(kg).engine == "oxigraph-sparql"
    data = Graph().parse(data=EX_DATA, format="turtle")
    shapes = Graph().parse(data=EX_SHAPES, format="turtle")
    assert validate(data, shapes, engine="pyshacl").engine == "pyshacl"
    assert validate(data, shapes, engine="oxigraph").engine == "oxigraph-sparql"
