"""Roles by name: resolution (slug, IRI, CURIE, labels, any case or accent), summaries,
comparisons and listings, on the real knowledge graph."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from airoles_kg.errors import InputError, UnknownRoleError
from airoles_kg.namespaces import AIR, COMP, FAM, RDF, ROLE, SKOS
from airoles_kg.rdf.parse import new_graph
from airoles_kg.roles.compare import compare_roles
from airoles_kg.roles.names import resolve_resource, resolve_role
from airoles_kg.roles.render import format_comparison, format_role_list, format_summary
from airoles_kg.roles.summary import list_roles, role_summary
from contract import AI_ROLES

AI_ENGINEER = ROLE["ai-engineer"]


@pytest.mark.parametrize(
    "name",
    [
        "ai-engineer",
        "AI-Engineer",
        "role:ai-engineer",
        str(AI_ENGINEER),
        f"<{AI_ENGINEER}>",
        "AI engineer",
        "  ai   ENGINEER ",
        "Ingénieur IA",
        "ingenieur ia",
        "INGÉNIEUR IA",
    ],
)
def test_resolve_role_by_any_name(kg: Graph, name: str) -> None:
    assert resolve_role(kg, name) == AI_ENGINEER


def test_resolve_role_by_alternative_label(kg: Graph) -> None:
    alt = next(iter(sorted(kg.objects(AI_ENGINEER, SKOS.altLabel), key=str)), None)
    assert alt is not None, "role:ai-engineer has no skos:altLabel"
    assert resolve_role(kg, str(alt).upper()) == AI_ENGINEER


@pytest.mark.parametrize("slug", AI_ROLES)
def test_every_ai_role_resolves_by_slug_and_labels(kg: Graph, slug: str) -> None:
    iri = ROLE[slug]
    assert resolve_role(kg, slug) == iri
    for label in kg.objects(iri, SKOS.prefLabel):
        assert resolve_role(kg, str(label)) == iri


@pytest.mark.parametrize(
    ("typo", "expected"),
    [("ai enginer", "ai-engineer"), ("knowledge architekt", "knowledge-architect"),
     ("ml infra engineer", "ml-infrastructure-engineer")],
)
def test_unknown_role_suggests_the_closest(kg: Graph, typo: str, expected: str) -> None:
    with pytest.raises(UnknownRoleError) as info:
        resolve_role(kg, typo)
    assert expected in info.value.suggestions
    assert len(info.value.suggestions) <= 3
    assert "did you mean" in str(info.value)


def test_unknown_role_is_an_input_error_and_a_lookup_error(kg: Graph) -> None:
    with pytest.raises(InputError):
        resolve_role(kg, "astronaut of the deep sea")
    with pytest.raises(LookupError):
        resolve_role(kg, "role:no-such-role")


def test_a_competency_is_not_a_role(kg: Graph) -> None:
    with pytest.raises(UnknownRoleError):
        resolve_role(kg, "https://w3id.org/airoles/competency/python")


def test_a_name_shared_by_two_roles_is_ambiguous() -> None:
    graph = new_graph()
    for slug in ("a", "b"):
        graph.add((ROLE[slug], RDF.type, AIR.Role))
        graph.add((ROLE[slug], SKOS.altLabel, Literal("Shared name", lang="en")))
    with pytest.raises(InputError, match="ambiguous") as info:
        resolve_role(graph, "shared name")
    assert not isinstance(info.value, UnknownRoleError)
    assert resolve_role(graph, "a") == ROLE.a  # a slug still wins


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Python", COMP.python), ("comp:python", COMP.python), ("ai-engineer", AI_ENGINEER),
     ("fam:ai-engineering", FAM["ai-engineering"])],
)
def test_resolve_resource_finds_any_labelled_resource(
    kg: Graph, name: str, expected: URIRef
) -> None:
    assert resolve_resource(kg, name) == expected


def test_resolve_resource_suggests_curies(kg: Graph) -> None:
    with pytest.raises(InputError, match=r"did you mean: .*comp:python"):
        resolve_resource(kg, "pyton")


def test_role_summary_of_the_ai_engineer(kg: Graph) -> None:
    summary = role_summary(kg, "Ingénieur IA")
    assert summary.iri == AI_ENGINEER and summary.slug == "ai-engineer"
    assert summary.labels["en"] and summary.labels["fr"]
    assert summary.definitions["en"] and summary.definitions["fr"]
    assert FAM["ai-engineering"] in [iri for iri, _ in summary.families]
    assert ROLE["software-engineer"] in [iri for iri, _ in summary.evolved_from]
    assert summary.sources
    assert len(summary.requirements) >= 6
    assert any(r.importance == AIR.Essential for r in summary.requirements)
    order = [(r.importance != AIR.Essential, -(r.rank or 0)) for r in summary.requirements]
    assert order == sorted(order), "essential first, then by decreasing level"
    asserted = {kg.value(q, AIR.competency) for q in kg.objects(AI_ENGINEER, AIR.hasRequirement)}
    assert {r.competency for r in summary.requirements} == asserted
    text = format_summary(summary)
    assert summary.labels["fr"] in text and "requirements (" in text


@pytest.mark.parametrize("slug", AI_ROLES)
def test_every_ai_role_has_six_requirements_one_essential(kg: Graph, slug: str) -> None:
    summary = role_summary(kg, slug)
    assert len(summary.requirements) >= 6
    assert any(r.importance == AIR.Essential for r in summary.requirements)
    assert all(r.rank is not None and 1 <= r.rank <= 5 for r in summary.requirements)


def _competencies(kg: Graph, role: URIRef) -> set[URIRef]:
    return {c for c in kg.objects(role, AIR.requiresCompetency) if isinstance(c, URIRef)}


def test_compare_ml_infrastructure_engineer_and_ai_engineer(kg: Graph) -> None:
    a, b = ROLE["ml-infrastructure-engineer"], AI_ENGINEER
    comparison = compare_roles(kg, "ml-infrastructure-engineer", "AI engineer")
    assert (comparison.role_a, comparison.role_b) == (a, b)
    shared = {c.competency for c in comparison.shared}
    only_a = {c.competency for c in comparison.only_a}
    only_b = {c.competency for c in comparison.only_b}
    comp_a, comp_b = _competencies(kg, a), _competencies(kg, b)
    assert shared == comp_a & comp_b
    assert only_a == comp_a - comp_b
    assert only_b == comp_b - comp_a
    assert only_a and only_b, "the two roles must differ"
    assert all(c.level_a is not None and c.level_b is not None for c in comparison.shared)
    assert all(c.level_b is None and c.rank_a for c in comparison.only_a)
    assert all(c.level_a is None and c.rank_b for c in comparison.only_b)
    text = format_comparison(kg, comparison)
    assert text.startswith("A: ") and "Only A (" in text and "Only B (" in text


def test_a_role_compared_with_itself_shares_everything(kg: Graph) -> None:
    comparison = compare_roles(kg, "ai-engineer", "role:ai-engineer")
    assert not comparison.only_a and not comparison.only_b
    assert {c.competency for c in comparison.shared} == _competencies(kg, AI_ENGINEER)
    assert all(c.rank_a == c.rank_b for c in comparison.shared)


def test_compare_rejects_an_unknown_role(kg: Graph) -> None:
    with pytest.raises(UnknownRoleError):
        compare_roles(kg, "ai-engineer", "ai-enginer")


def test_list_roles(kg: Graph) -> None:
    roles = list_roles(kg)
    slugs = [r.slug for r in roles]
    assert len(roles) >= 20
    assert slugs == sorted(slugs)
    assert set(AI_ROLES) <= set(slugs)
    assert all(r.label_en and r.label_fr for r in roles)
    text = format_role_list(roles)
    assert text.endswith(f"{len(roles)} roles\n")
