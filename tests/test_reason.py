"""Reasoning: HermiT and Pellet through owlready2, and the OWL 2 RL closure of owlrl.

The defined classes of ontology/classification.ttl must classify our roles from their
requirements; a deliberately inconsistent fixture and an unsatisfiable class must be caught.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal

from airoles_kg.cli import main
from airoles_kg.errors import InputError, ReasonerError
from airoles_kg.kg.load import load_graph
from airoles_kg.namespaces import AIR, COMP, ROLE
from airoles_kg.paths import ontology_dir
from airoles_kg.rdf.parse import parse_file
from airoles_kg.reason.axioms import dl_problems
from airoles_kg.reason.java import find_java, java_version, parse_heap, required_java
from airoles_kg.reason.render import render_json
from airoles_kg.reason.result import InferredLink, ReasonerResult
from airoles_kg.reason.run import reason
from contract import PROJECT_AI_ROLES

#: Each test starts Java reasoners or builds whole releases: seconds to a minute each.
pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "reason"
INCONSISTENT = FIXTURES / "inconsistent-role-and-competency.ttl"
UNSATISFIABLE = FIXTURES / "unsatisfiable-class.ttl"
NOT_DL = FIXTURES / "not-owl-dl.ttl"


def _types(result: ReasonerResult) -> set[tuple[str, str]]:
    return {(link.subject, link.object) for link in result.inferred_types}


@pytest.fixture(scope="module")
def hermit(kg: Graph) -> ReasonerResult:
    return reason(kg, reasoner="hermit")


@pytest.fixture(scope="module")
def pellet(kg: Graph) -> ReasonerResult:
    return reason(kg, reasoner="pellet")


@pytest.fixture(scope="module")
def owlrl_result(kg: Graph) -> ReasonerResult:
    return reason(kg, engine="owlrl")


# --- HermiT on our ontology -------------------------------------------------------------------


def test_hermit_finds_our_ontology_consistent_and_satisfiable(hermit: ReasonerResult) -> None:
    assert hermit.reasoner == "hermit"
    assert hermit.consistent
    assert hermit.unsatisfiable == []
    assert hermit.ok


@pytest.mark.parametrize(
    ("role", "cls"),
    [
        ("ml-infrastructure-engineer", "TechnicalAIRole"),
        ("ai-engineer", "TechnicalAIRole"),
        ("ai-conversation-designer", "HumanCentredAIRole"),
        ("ai-interaction-designer", "HumanCentredAIRole"),
        ("ai-decision-designer", "HumanCentredAIRole"),
        ("responsible-ai-policy-lead", "AIGovernanceRole"),
        ("knowledge-architect", "KnowledgeOrganisationRole"),
        ("ux-designer", "HumanCentredRole"),
        ("legal-counsel", "GovernanceRole"),
    ],
)
def test_hermit_classifies_roles_from_their_requirements(
    hermit: ReasonerResult, role: str, cls: str
) -> None:
    assert (str(ROLE[role]), str(AIR[cls])) in _types(hermit)


AI_ROLE_CLASSES = {str(AIR[c]) for c in
                   ("AIRole", "TechnicalAIRole", "HumanCentredAIRole", "AIGovernanceRole")}


@pytest.mark.parametrize("role", [*PROJECT_AI_ROLES, "knowledge-architect"])
def test_hermit_classifies_the_projects_ai_roles_as_ai_roles(
    hermit: ReasonerResult, role: str
) -> None:
    # Each has an essential requirement on a competency of the AI branch; the knowledge
    # architect's is the merged knowledge graph construction.
    assert {t for s, t in _types(hermit) if s == str(ROLE[role])} & AI_ROLE_CLASSES, role


def test_a_legacy_role_is_not_classified_as_an_ai_role(hermit: ReasonerResult) -> None:
    ai_classes = {str(AIR[c]) for c in
                  ("AIRole", "TechnicalAIRole", "HumanCentredAIRole", "AIGovernanceRole")}
    for legacy in ("ux-designer", "legal-counsel", "librarian", "software-engineer"):
        assert not {t for s, t in _types(hermit) if s == str(ROLE[legacy])} & ai_classes, legacy


def test_hermit_classifies_competencies_through_the_transitive_hierarchy(
    hermit: ReasonerResult,
) -> None:
    # comp:human-ai-trust-design sits three levels below comp:design: reaching it needs the
    # transitivity of skos:broaderTransitive, which the classification module declares.
    types = _types(hermit)
    assert (str(COMP["human-ai-trust-design"]), str(AIR.HumanCentredCompetency)) in types
    assert (str(COMP["large-language-models"]), str(AIR.AICompetency)) in types
    assert (str(COMP["usage-policy-writing"]), str(AIR.GovernanceCompetency)) in types


def test_hermit_infers_the_defined_class_hierarchy(hermit: ReasonerResult) -> None:
    links = {(link.subject, link.object) for link in hermit.inferred_subclasses}
    assert (str(AIR.TechnicalAIRole), str(AIR.AIRole)) in links
    assert (str(AIR.TechnicalAIRole), str(AIR.TechnicalRole)) in links
    assert (str(AIR.HumanCentredAIRole), str(AIR.HumanCentredRole)) in links
    assert (str(AIR.AIRole), str(AIR.Role)) in links


def test_inferences_are_new_triples_only(kg: Graph, hermit: ReasonerResult) -> None:
    assert len(hermit.inferred) == len(hermit.inferred_types) + len(hermit.inferred_subclasses)
    for triple in hermit.inferred:
        assert triple not in kg


# --- Pellet -------------------------------------------------------------------------------------


def test_pellet_runs_and_agrees_with_hermit(
    hermit: ReasonerResult, pellet: ReasonerResult
) -> None:
    assert pellet.reasoner == "pellet"
    assert pellet.consistent and not pellet.unsatisfiable
    roles = {(s, o) for s, o in _types(pellet) if s.startswith(str(ROLE))}
    assert roles == {(s, o) for s, o in _types(hermit) if s.startswith(str(ROLE))}
    assert (str(ROLE["ml-infrastructure-engineer"]), str(AIR.TechnicalAIRole)) in roles


# --- owlrl --------------------------------------------------------------------------------------


def test_owlrl_is_labelled_weaker_and_never_writes_literal_subjects(
    owlrl_result: ReasonerResult,
) -> None:
    assert owlrl_result.engine == "owlrl"
    assert "weaker" in owlrl_result.label
    assert owlrl_result.consistent
    assert len(owlrl_result.inferred) > 0
    assert not any(isinstance(s, Literal) for s, _p, _o in owlrl_result.inferred)
    counts = owlrl_result.counts_by_predicate()
    assert counts["rdf:type"] > 0
    assert sum(counts.values()) == len(owlrl_result.inferred)


def test_owlrl_also_classifies_the_ml_infrastructure_engineer(
    owlrl_result: ReasonerResult,
) -> None:
    assert (str(ROLE["ml-infrastructure-engineer"]), str(AIR.TechnicalAIRole)) in _types(
        owlrl_result
    )


def test_owlrl_flags_the_inconsistent_fixture() -> None:
    graph = parse_file(ontology_dir() / "core.ttl") + parse_file(INCONSISTENT)
    result = reason(graph, engine="owlrl")
    assert not result.consistent
    assert any("fixture-role-and-skill" in line for line in result.explanation)


# --- the CLI: exit codes and reports ------------------------------------------------------------


def test_cli_reason_text_and_exit_0(runner: CliRunner) -> None:
    result = runner.invoke(main, ["reason", "--limit", "500"])
    assert result.exit_code == 0, result.output
    assert "consistent: yes" in result.stdout
    assert "unsatisfiable classes: 0" in result.stdout
    assert "role:ml-infrastructure-engineer -> air:TechnicalAIRole" in result.stdout


def test_render_json(hermit: ReasonerResult) -> None:
    payload = json.loads(render_json(hermit))
    assert payload["consistent"] is True
    assert payload["unsatisfiable"] == []
    assert {"individual": str(ROLE["ai-conversation-designer"]),
            "type": str(AIR.HumanCentredAIRole)} in payload["inferred_types"]
    assert payload["inferred_by_predicate"]["rdf:type"] == len(hermit.inferred_types)


def test_cli_reason_catches_the_inconsistent_fixture(runner: CliRunner) -> None:
    result = runner.invoke(main, ["reason", str(INCONSISTENT)])
    assert result.exit_code == 1, result.output
    assert "consistent: NO" in result.stdout
    assert ("role:fixture-role-and-skill is an instance of both air:Competency and air:Role"
            in result.stdout)
    assert result.stderr.strip() == "error: the ontology is inconsistent"


def test_cli_reason_catches_the_unsatisfiable_class(runner: CliRunner) -> None:
    result = runner.invoke(main, ["reason", "--limit", "0", str(UNSATISFIABLE)])
    assert result.exit_code == 1, result.output
    assert "unsatisfiable classes: 1" in result.stdout
    assert "air:FixtureRoleCompetency\n" in result.stdout
    assert "air:FixtureRoleCompetency SubClassOf air:Role" in result.stdout
    assert "air:Competency DisjointWith air:Role" in result.stdout


def test_cli_reason_names_owl_dl_problems(runner: CliRunner) -> None:
    result = runner.invoke(main, ["reason", str(NOT_DL)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "air:fixtureAmbiguous is declared as datatype property and object property" in (
        result.stderr)


def test_cli_reason_rejects_a_bad_heap(runner: CliRunner) -> None:
    result = runner.invoke(main, ["reason", "--java-heap", "lots"])
    assert result.exit_code == 2
    assert "invalid Java heap size 'lots'" in result.stderr


# --- Java and errors ----------------------------------------------------------------------------


def test_parse_heap() -> None:
    assert parse_heap("2g") == 2048
    assert parse_heap("1536m") == 1536
    assert parse_heap("512") == 512
    for bad in ("0", "2t", "", "g"):
        with pytest.raises(InputError):
            parse_heap(bad)


def test_required_java_is_read_from_the_bundled_jars() -> None:
    assert required_java("hermit") >= 8
    # Pellet's bundled Jena parser is compiled for a recent Java: more than HermiT needs.
    assert required_java("pellet") >= required_java("hermit")


def test_find_java_gives_a_recent_enough_java() -> None:
    for needed in (8, required_java("pellet")):
        java = find_java(needed)
        version = java_version(java)
        assert version is not None and version >= needed, (java, version)


def test_find_java_says_when_no_java_is_recent_enough() -> None:
    with pytest.raises(ReasonerError, match="needs Java 999"):
        find_java(999)


def test_a_java_that_fails_becomes_a_one_line_reasoner_error(kg: Graph) -> None:
    with pytest.raises(ReasonerError) as info:
        reason(kg, java="/bin/false")
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("hermit failed")


def test_dl_problems_name_the_property() -> None:
    graph = load_graph(extra=[NOT_DL])
    problems = dl_problems(graph)
    assert problems == [
        "air:fixtureAmbiguous is declared as datatype property and object property"
    ]
    assert dl_problems(load_graph()) == []


def test_inferred_link_orders_by_subject() -> None:
    links = sorted([InferredLink("b", "x"), InferredLink("a", "y")])
    assert [link.subject for link in links] == ["a", "b"]
