"""Validation: engines, conformance rule, result extraction, sorting and the three renderers."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath

from airoles_kg.errors import InputError
from airoles_kg.kg.load import load_graph
from airoles_kg.namespaces import AIR, AIRSH, RDF, ROLE, SH, SKOS
from airoles_kg.rdf.parse import new_graph
from airoles_kg.shacl.engine import Engine
from airoles_kg.shacl.render import render, render_json, render_text, render_turtle
from airoles_kg.shacl.report import (
    ResultFamily,
    ValidationReport,
    ValidationResult,
    report_from_graph,
    report_to_graph,
)
from airoles_kg.shacl.validate import (
    ENGINES,
    available_engines,
    register_engine,
    resolve_engine,
    validate,
    validate_files,
)

STEWARD = Path(__file__).parent / "fixtures" / "steward"
EX = "https://example.org/steward/"

#: What the invalid steward file trips: (focus node, constraint component).
INVALID_STEWARD_EXPECTED = {
    (URIRef(EX + "prompt-librarian"), SH.QualifiedMinCountConstraintComponent),
    (URIRef(EX + "prompt-librarian--python"), SH.MinCountConstraintComponent),
}


def _result(focus: str, severity: str = "Violation", path: object = SKOS.prefLabel,
            message: str = "Fix it.") -> ValidationResult:
    return ValidationResult(
        focus_node=ROLE[focus],
        path=path,  # type: ignore[arg-type]
        value=None,
        source_shape=AIRSH.RoleShape,
        constraint_component=SH.MinCountConstraintComponent,
        severity=severity,
        message=message,
    )


# --- the real graph and a data steward's files ------------------------------------------------


@pytest.fixture(scope="module")
def pyshacl_report(kg: Graph, shapes: Graph) -> ValidationReport:
    return validate(kg, shapes, engine="pyshacl")


@pytest.mark.slow
def test_knowledge_graph_conforms_with_pyshacl(pyshacl_report: ValidationReport) -> None:
    assert pyshacl_report.engine == "pyshacl"
    assert pyshacl_report.conforms, render_text(pyshacl_report)
    assert pyshacl_report.violations == 0


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["pyshacl", "auto"])
def test_invalid_steward_file_trips_the_expected_shapes(engine: str) -> None:
    report = validate_files([STEWARD / "invalid-role.ttl"], engine=engine)
    assert not report.conforms
    found = {(r.focus_node, r.constraint_component) for r in report.results
             if r.severity == "Violation"}
    assert found == INVALID_STEWARD_EXPECTED, render_text(report)
    assert all(r.message for r in report.results), "every result must say how to fix it"


def test_steward_files_stream_into_oxigraph_with_pyshacls_results(tmp_path: Path) -> None:
    """``validate FILE`` never parses a steward's file with rdflib on the Oxigraph engine: a
    gzipped N-Triples copy streams into the store and trips the same shapes."""
    import gzip

    from airoles_kg.rdf.parse import parse_file

    nt = parse_file(STEWARD / "invalid-role.ttl").serialize(format="nt", encoding="utf-8")
    packed = tmp_path / "catalogue.nt.gz"
    packed.write_bytes(gzip.compress(nt))
    report = validate_files([packed], engine="oxigraph")
    assert report.engine.startswith("oxigraph-sparql")
    found = {(r.focus_node, r.constraint_component) for r in report.results
             if r.severity == "Violation"}
    assert found == INVALID_STEWARD_EXPECTED, render_text(report)


@pytest.mark.slow
def test_valid_steward_file_conforms() -> None:
    report = validate_files([STEWARD / "valid-role.ttl"], engine="pyshacl")
    assert report.conforms, render_text(report)


# --- the conformance rule and result extraction (small graphs, fast) -------------------------

SHAPES_TTL = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix air: <https://w3id.org/airoles/ontology#> .
@prefix airsh: <https://w3id.org/airoles/shapes#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
airsh:LabelShape a sh:NodeShape ; sh:targetClass air:Role ;
  sh:property [ sh:path skos:prefLabel ; sh:minCount 2 ; sh:severity sh:Violation ;
                sh:message "Add a French prefLabel."@en , "Ajoutez un libellé."@fr ] .
airsh:LineageShape a sh:NodeShape ; sh:targetClass air:Role ;
  sh:property [ sh:path ( air:hasRequirement air:competency ) ; sh:minCount 1 ;
                sh:severity sh:Warning ; sh:message "Add a requirement."@en ] ;
  sh:property [ sh:path [ sh:inversePath air:evolvedFrom ] ; sh:maxCount 0 ;
                sh:severity sh:Info ; sh:message "This role has successors."@en ] .
"""

DATA_TTL = """
@prefix air: <https://w3id.org/airoles/ontology#> .
@prefix role: <https://w3id.org/airoles/role/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
role:b a air:Role ; skos:prefLabel "B"@en ; air:evolvedFrom role:a .
role:a a air:Role ; skos:prefLabel "A"@en , "A"@fr .
"""


def _graph(text: str) -> Graph:
    return new_graph().parse(data=text, format="turtle")


@pytest.fixture(scope="module")
def small_report() -> ValidationReport:
    return validate(_graph(DATA_TTL), _graph(SHAPES_TTL), engine="pyshacl")


def test_results_are_read_with_severity_path_and_english_message(
    small_report: ValidationReport,
) -> None:
    triples = {(r.focus_node, r.severity, r.path, r.message) for r in small_report.results}
    assert triples == {
        (ROLE.b, "Violation", SKOS.prefLabel, "Add a French prefLabel."),
        (ROLE.a, "Warning", SequencePath(AIR.hasRequirement, AIR.competency), "Add a requirement."),
        (ROLE.b, "Warning", SequencePath(AIR.hasRequirement, AIR.competency), "Add a requirement."),
        (ROLE.a, "Info", InvPath(AIR.evolvedFrom), "This role has successors."),
    }
    assert (small_report.violations, small_report.warnings, small_report.infos) == (1, 2, 1)
    assert small_report.focus_nodes == 2


def test_results_keep_the_message_in_each_language(small_report: ValidationReport) -> None:
    first = small_report.results[0]
    assert first.messages == (("en", "Add a French prefLabel."), ("fr", "Ajoutez un libellé."))
    assert first.message_in("fr") == "Ajoutez un libellé."
    assert first.message_in("de") == first.message == "Add a French prefLabel."
    warning = small_report.results[1]
    assert warning.messages == (("en", "Add a requirement."),)
    assert warning.message_in("fr") == "Add a requirement."  # no French: the English one


def test_results_are_sorted_by_severity_then_focus_node(small_report: ValidationReport) -> None:
    keys = [(r.severity, str(r.focus_node)) for r in small_report.results]
    assert keys == [
        ("Violation", str(ROLE.b)),
        ("Warning", str(ROLE.a)),
        ("Warning", str(ROLE.b)),
        ("Info", str(ROLE.a)),
    ]


def test_warnings_and_infos_do_not_break_conformance() -> None:
    data = _graph(DATA_TTL)
    data.add((ROLE.b, SKOS.prefLabel, Literal("B", lang="fr")))
    report = validate(data, _graph(SHAPES_TTL), engine="pyshacl")
    assert report.conforms
    assert report.warnings == 2 and report.infos == 1


def test_render_text_groups_by_focus_node_with_summary(small_report: ValidationReport) -> None:
    text = render_text(small_report)
    lines = text.splitlines()
    assert lines[0] == "role:a"
    assert lines[1] == (
        "  Warning air:hasRequirement/air:competency [sh:MinCountConstraintComponent]: "
        "Add a requirement."
    )
    assert lines[2] == (
        "  Info ^air:evolvedFrom [sh:MaxCountConstraintComponent]: This role has successors."
    )
    assert "role:b" in lines
    assert lines[-1] == (
        "does not conform: 1 violation, 2 warnings, 1 info on 2 focus nodes (engine: pyshacl)"
    )


def test_render_json_is_complete(small_report: ValidationReport) -> None:
    document = json.loads(render_json(small_report))
    assert document["conforms"] is False
    assert document["summary"] == {"violations": 1, "warnings": 2, "infos": 1, "focus_nodes": 2}
    first = document["results"][0]
    assert first["focus_node"] == str(ROLE.b)
    assert first["path"] == str(SKOS.prefLabel)
    assert first["constraint_component"] == str(SH.MinCountConstraintComponent)
    assert first["severity"] == "Violation"


def test_render_turtle_is_a_shacl_report_that_round_trips(small_report: ValidationReport) -> None:
    text = render_turtle(small_report)
    graph = Graph().parse(data=text, format="turtle")
    report_node = graph.value(predicate=RDF.type, object=SH.ValidationReport)
    assert report_node is not None
    assert graph.value(report_node, SH.conforms) == Literal(False)
    again = report_from_graph(graph, engine="pyshacl")
    # Blank-node shapes get new identities on re-parsing; everything else is preserved.
    def key(r: ValidationResult) -> tuple[object, ...]:
        return (r.focus_node, r.path, r.value, r.constraint_component, r.severity, r.message)

    assert [key(r) for r in again.results] == [key(r) for r in small_report.results]
    assert render_turtle(again) == text


def test_paths_round_trip_through_report_graphs() -> None:
    paths = [
        SKOS.prefLabel,
        InvPath(AIR.hasRequirement),
        SequencePath(AIR.hasRequirement, AIR.competency),
        AlternativePath(AIR.evolvedFrom, AIR.specializationOf),
        MulPath(SKOS.broader, "*"),
        MulPath(InvPath(SKOS.broader), "+"),
    ]
    report = ValidationReport.from_results(
        [_result(f"r{i}", path=p) for i, p in enumerate(paths)], "test"
    )
    again = report_from_graph(report_to_graph(report), engine="test")
    assert [r.path for r in again.results] == [r.path for r in report.results]


def test_report_from_results_dedupes_and_derives_conformance() -> None:
    report = ValidationReport.from_results([_result("x", "Warning")] * 2, "test")
    assert report.conforms and len(report.results) == 1
    assert not ValidationReport.from_results([_result("x")], "test").conforms


def test_results_of_a_family_are_the_results_they_stand_for() -> None:
    family = ResultFamily(SKOS.prefLabel, AIRSH.RoleShape, SH.MinCountConstraintComponent,
                          "Violation", "Fix it.", ())
    made = [family.make(ROLE[f], f"role:{f}", None, "") for f in ("b", "a", "b")]
    plain = [_result(f) for f in ("b", "a", "b")]
    assert made == plain and [hash(r) for r in made] == [hash(r) for r in plain]
    assert [r.texts for r in made] == [r.texts for r in plain]
    by_family, by_hand = (ValidationReport.from_results(rs, "t") for rs in (made, plain))
    assert by_family.results == by_hand.results == [_result("a"), _result("b")]
    assert render_text(by_family) == render_text(by_hand)
    assert (by_family.violations, by_family.focus_nodes) == (2, 2)


def test_repeats_are_dropped_only_when_equal_and_the_order_given_is_kept() -> None:
    first = _result("x", message="Fix it.")
    other_value = ValidationResult(ROLE.x, SKOS.prefLabel, Literal("v"), AIRSH.RoleShape,
                                   SH.MinCountConstraintComponent, "Violation", "Fix it.")
    # The same key (all texts), yet not equal: both kept, in the order given.
    twin = ValidationResult(ROLE.x, SKOS.prefLabel, None, AIRSH.RoleShape,
                            SH.MinCountConstraintComponent, "Violation", "Fix it.",
                            (("fr", "Corrigez."),))
    report = ValidationReport.from_results([twin, other_value, first, twin, first], "t")
    assert report.results == [twin, first, other_value]


def test_a_nul_in_a_text_sorts_as_the_tuples_do() -> None:
    results = [_result("x", message="a\0b"), _result("x", message="a"), _result("w")]
    report = ValidationReport.from_results(results, "t")
    assert report.results == sorted(results, key=ValidationResult.sort_key)


def test_counts_follow_the_results() -> None:
    report = ValidationReport.from_results([_result("x"), _result("y", "Warning")], "t")
    assert (report.violations, report.warnings, report.focus_nodes) == (1, 1, 2)
    report.results = [_result("z", "Info")]
    assert (report.violations, report.infos, report.focus_nodes) == (0, 1, 1)


def test_blank_focus_nodes_render_stably() -> None:
    result = ValidationResult(BNode(), None, None, BNode(), SH.ClassConstraintComponent,
                              "Violation", "Fix.")
    assert render_text(ValidationReport.from_results([result], "t")).startswith("[]\n")


def test_render_rejects_an_unknown_format(small_report: ValidationReport) -> None:
    with pytest.raises(InputError, match="unknown report format"):
        render(small_report, "yaml")


# --- the engine registry ---------------------------------------------------------------------


def test_pyshacl_is_always_available() -> None:
    assert "pyshacl" in available_engines()
    assert available_engines()[0] == "auto"
    assert resolve_engine("pyshacl") == "pyshacl"
    assert resolve_engine("auto") in ENGINES


def test_unknown_engine_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown validation engine 'nope'"):
        validate(new_graph(), new_graph(), engine="nope")


class _Recording(Engine):
    """An engine that records what it is given."""

    name = "test-engine"

    def __init__(self) -> None:
        self.seen: list[tuple[int, int]] = []

    def validate(self, data_graph: Graph, shapes: Graph) -> ValidationReport:
        self.seen.append((len(data_graph), len(shapes)))
        return ValidationReport.from_results([_result("x")], self.name)


def test_a_registered_engine_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = _Recording()
    seen = engine.seen
    monkeypatch.setitem(ENGINES, engine.name, engine)
    report = validate(_graph(DATA_TTL), _graph(SHAPES_TTL), engine="test-engine")
    assert report.engine == "test-engine" and not report.conforms
    assert seen and seen[0][0] == len(_graph(DATA_TTL))


def test_a_preferred_engine_becomes_auto(monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module("airoles_kg.shacl.validate")
    monkeypatch.setattr(module, "ENGINES", dict(ENGINES))
    monkeypatch.setattr(module, "_PREFERRED", [])
    engine = _Recording()
    register_engine(engine, preferred=True)
    assert resolve_engine("auto") == engine.name
    assert validate(new_graph(), new_graph()).engine == engine.name
    assert engine.seen == [(0, 0)]


def test_an_engine_validates_files_merged_with_the_graph() -> None:
    engine = _Recording()
    report = engine.validate_files([STEWARD / "valid-role.ttl"], new_graph(), load_graph())
    assert report.engine == engine.name
    assert engine.seen[0][0] > len(load_graph())  # the steward's triples come on top of ours
