"""Competency questions: each question the seed article raises, with its expected answer.

Every question is answered by a catalogue query on the built graph, on both engines (rdflib and
the embedded Oxigraph store), which must agree.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from rdflib import Graph, Literal, URIRef

from airoles_kg.backends.base import Backend
from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.backends.rdflib_graph import RdflibBackend
from airoles_kg.catalogue.files import get_query, list_queries
from airoles_kg.catalogue.run import QueryResult, run_query
from airoles_kg.namespaces import AIR, COMP, ROLE, SRC
from contract import AI_ROLES, LEGACY_ROLES


def ask(backend: Backend, name: str, **params: str) -> QueryResult:
    return run_query(name, params, backend)


def column(result: QueryResult, variable: str) -> list[object]:
    return list(result.column(variable))


def by(result: QueryResult, key: str) -> dict[object, Mapping[str, object]]:
    """Rows keyed by one variable (each key must be unique)."""
    rows = result.as_dicts()
    keyed = {row[key]: row for row in rows}
    assert len(keyed) == len(rows), f"{key} is not unique in {result.query.name}"
    return keyed


def competencies(backend: Backend, role: str) -> dict[object, Mapping[str, object]]:
    """The competencies of a role, one entry each: a requirement stated by two sources comes
    as two rows that differ only in ``source``; ``sources`` holds them all."""
    out: dict[object, dict[str, object]] = {}
    for row in ask(backend, "competencies-of-role", role=f"role:{role}").as_dicts():
        entry = out.setdefault(row["competency"], {**row, "sources": set()})
        assert {k: v for k, v in entry.items() if k not in ("source", "sources")} == {
            k: v for k, v in row.items() if k != "source"}, row
        sources = entry["sources"]
        assert isinstance(sources, set)
        if "source" in row:
            sources.add(row["source"])
    return out


# ------------------------------------------------------------------------------------------
# ML infrastructure engineer versus AI engineer


def test_skills_that_separate_ml_infrastructure_engineer_from_ai_engineer(backend: Backend) -> None:
    result = ask(
        backend, "compare-roles", roleA="role:ml-infrastructure-engineer", roleB="role:ai-engineer"
    )
    status = {row["competency"]: str(row["status"]) for row in result.as_dicts()}
    only_a = {c for c, s in status.items() if s == "only-A"}
    only_b = {c for c, s in status.items() if s == "only-B"}
    shared = {c for c, s in status.items() if s == "shared"}
    # "pipelines de données, environnements de calcul, déploiements de modèles"
    assert {COMP["data-pipelines"], COMP["compute-environments"], COMP["ml-model-deployment"]} <= (
        only_a
    )
    # "intègre la technologie aux processus métiers et développe des solutions sur mesure"
    assert {COMP["business-process-integration"], COMP["custom-ai-solution-development"]} <= only_b
    # "Proche de l'ingénieur IA": they share a common core.
    assert shared, "the two roles share no competency"
    assert only_a.isdisjoint(only_b) and shared.isdisjoint(only_a | only_b)


def test_compare_roles_reports_both_levels_for_shared_competencies(backend: Backend) -> None:
    result = ask(
        backend, "compare-roles", roleA="role:ml-infrastructure-engineer", roleB="role:ai-engineer"
    )
    for row in result.as_dicts():
        if str(row["status"]) == "shared":
            assert {"levelA", "levelB", "rankA", "rankB"} <= row.keys()
        elif str(row["status"]) == "only-A":
            assert "levelA" in row and "levelB" not in row
        else:
            assert "levelB" in row and "levelA" not in row


def test_ml_infrastructure_engineer_has_no_user_facing_layer(backend: Backend) -> None:
    # "sans les couches d'interface orientées utilisateur": nothing from the design branch
    # (interfaces, UX, interaction) nor front-end development, which the AI engineer has.
    for competency in ("comp:design", "comp:user-interface-design", "comp:front-end-development"):
        roles = column(ask(backend, "roles-requiring-competency", competency=competency), "role")
        assert ROLE["ml-infrastructure-engineer"] not in roles, competency
    design = column(ask(backend, "roles-requiring-competency", competency="comp:design"), "role")
    assert ROLE["ai-engineer"] in design


def test_ai_engineer_is_among_the_roles_closest_to_ml_infrastructure_engineer(
    backend: Backend,
) -> None:
    result = ask(backend, "role-similarity", role="role:ml-infrastructure-engineer")
    others = column(result, "other")
    assert ROLE["ai-engineer"] in others[:5]
    assert ROLE["ml-infrastructure-engineer"] not in others
    scores = [float(str(s)) for s in column(result, "jaccard")]
    assert scores == sorted(scores, reverse=True)


def test_similarity_is_the_jaccard_index_of_required_competencies(backend: Backend) -> None:
    a = set(competencies(backend, "ml-infrastructure-engineer"))
    b = set(competencies(backend, "ai-engineer"))
    row = by(ask(backend, "role-similarity", role="role:ml-infrastructure-engineer"), "other")[
        ROLE["ai-engineer"]
    ]
    assert int(str(row["shared"])) == len(a & b)
    assert (int(str(row["roleCount"])), int(str(row["otherCount"]))) == (len(a), len(b))
    assert float(str(row["jaccard"])) == round(len(a & b) / len(a | b), 3)


def test_the_article_records_the_two_roles_as_related(kg: Graph) -> None:
    related = AIR.relatedRole
    assert (ROLE["ml-infrastructure-engineer"], related, ROLE["ai-engineer"]) in kg
    assert (ROLE["ai-engineer"], related, ROLE["ml-infrastructure-engineer"]) in kg


# ------------------------------------------------------------------------------------------
# One question per role of the article


def test_what_the_conversation_designer_requires(backend: Backend) -> None:
    # "rédaction de prompts et de consignes, design conversationnel, compréhension fine de la
    # psychologie des utilisateurs et des contextes d'usage"
    required = competencies(backend, "ai-conversation-designer")
    for slug in (
        "prompt-and-instruction-writing",
        "conversational-design",
        "user-psychology",
        "contexts-of-use",
    ):
        assert required[COMP[slug]]["importance"] == AIR.Essential, slug
        assert required[COMP[slug]]["sources"] == {SRC["seed-article"]}, slug


def test_the_conversation_designer_grew_out_of_ux_and_ui_design(backend: Backend) -> None:
    # "l'évolution naturelle du design d'interfaces et de l'UX"
    lineage = by(ask(backend, "career-paths", role="role:ai-conversation-designer"), "ancestor")
    assert lineage[ROLE["ux-designer"]]["depth"] == Literal(1)
    assert lineage[ROLE["ui-designer"]]["depth"] == Literal(1)
    descendants = column(ask(backend, "career-paths", ancestor="role:ux-designer"), "role")
    assert ROLE["ai-conversation-designer"] in descendants


def test_responsible_ai_policy_lead_requirements(backend: Backend) -> None:
    # usage policies, legal and social implications, limiting risks
    required = competencies(backend, "responsible-ai-policy-lead")
    for slug in (
        "usage-policy-writing",
        "legal-implications-of-ai",
        "social-implications-of-ai",
        "ai-risk-mitigation",
    ):
        assert required[COMP[slug]]["importance"] == AIR.Essential, slug


def test_roles_backed_by_salesforce(backend: Backend) -> None:
    # "Selon Salesforce, ce rôle est appelé à se généraliser."
    roles = column(ask(backend, "roles-by-source", source="src:salesforce"), "role")
    assert roles == [ROLE["responsible-ai-policy-lead"]]
    provenance = ask(backend, "role-provenance", role="role:responsible-ai-policy-lead")
    salesforce = [row for row in provenance.as_dicts() if row["source"] == SRC["salesforce"]]
    assert any(row["statement"] == ROLE["responsible-ai-policy-lead"] for row in salesforce)
    assert {str(row["publisher"]) for row in salesforce} == {"Salesforce"}
    assert all("title" in row for row in salesforce)
    # Salesforce is credited with the role spreading, not with what the role requires.
    assert all("competency" not in row for row in salesforce)


def test_who_set_levels_and_importance_is_shown_with_the_requirements(backend: Backend) -> None:
    # No source gives levels or importance: the project set them, and the answers say so.
    for role in ("responsible-ai-policy-lead", "ai-decision-designer", "prompt-engineer"):
        rows = ask(backend, "competencies-of-role", role=f"role:{role}").as_dicts()
        # ... even where the requirement itself is stated by the article.
        assert rows and {row.get("assessedBy") for row in rows} == {SRC["airoles-kg"]}, role
    provenance = ask(backend, "role-provenance", role="role:responsible-ai-policy-lead")
    for row in provenance.as_dicts():
        if "competency" in row:
            assert row["assessedBy"] == SRC["airoles-kg"], row
        else:
            assert "assessedBy" not in row, row


def test_a_requirement_stated_by_two_sources_lists_both(backend: Backend) -> None:
    # The knowledge base on the article's word, its skills on The Washington Post's.
    rows = [row for row in ask(backend, "competencies-of-role",
                               role="role:knowledge-architect").as_dicts()
            if row["competency"] == COMP["knowledge-graph-construction"]]
    assert [row["source"] for row in rows] == sorted(
        [SRC["seed-article"], SRC["washington-post"]], key=str)


def test_every_role_and_requirement_has_provenance(backend: Backend) -> None:
    for role in AI_ROLES:
        provenance = ask(backend, "role-provenance", role=f"role:{role}")
        statements = {row["statement"] for row in provenance.as_dicts()}
        assert ROLE[role] in statements, role
        assert set(competencies(backend, role)) <= set(column(provenance, "competency")), role
        assert all("title" in row and "publisher" in row for row in provenance.as_dicts()), role


def test_which_roles_need_semantic_modelling(backend: Backend) -> None:
    # "construction de bibliothèques d'information et modélisation sémantique"
    expert = ask(backend, "roles-requiring-competency", competency="comp:semantic-modelling",
                 minRank="5")
    assert set(column(expert, "role")) == {ROLE["knowledge-architect"]}
    anyone = column(ask(backend, "roles-requiring-competency",
                        competency="comp:semantic-modelling"), "role")
    assert ROLE["knowledge-architect"] in anyone
    required = competencies(backend, "knowledge-architect")
    for slug in ("data-structuring", "data-normalisation", "data-description",
                 "knowledge-graph-construction", "semantic-modelling"):
        assert required[COMP[slug]]["importance"] == AIR.Essential, slug


def test_min_rank_filters_requirements(backend: Backend) -> None:
    everyone = ask(backend, "roles-requiring-competency", competency="comp:design")
    proficient = ask(backend, "roles-requiring-competency", competency="comp:design", minRank="4")
    ranks = [int(str(r)) for r in column(proficient, "rank")]
    assert ranks and min(ranks) >= 4
    assert 0 < len(proficient) < len(everyone)
    assert set(proficient.rows) <= set(everyone.rows)


def test_ai_interaction_designer_builds_trust_and_explains_models(backend: Backend) -> None:
    # confiance et coopération humain–IA, expériences utilisateur, fonctionnement des modèles,
    # les expliciter de manière intelligible
    required = competencies(backend, "ai-interaction-designer")
    for slug in ("human-ai-trust-design", "user-experience-design", "model-understanding",
                 "explainability"):
        assert COMP[slug] in required, slug


def test_ai_engineer_builds_complete_experiences(backend: Backend) -> None:
    required = competencies(backend, "ai-engineer")
    for slug in ("end-to-end-ai-experience-design", "business-process-integration",
                 "custom-ai-solution-development"):
        assert required[COMP[slug]]["importance"] == AIR.Essential, slug


def test_builders_create_orchestrate_and_operate_ai_systems(backend: Backend) -> None:
    # "la création, l'orchestration et l'exploitation complète des systèmes d'IA" (Profi, SAS)
    required = competencies(backend, "ai-systems-builder")
    for slug in ("model-building", "ai-orchestration", "ai-operations"):
        assert required[COMP[slug]]["importance"] == AIR.Essential, slug
        # "Ce tournant fera émerger des postes [...]": Profi's or the article's; both cited.
        assert required[COMP[slug]]["sources"] == {SRC["sas-marinela-profi"],
                                                   SRC["seed-article"]}, slug
    roles = column(ask(backend, "roles-by-source", source="src:sas-marinela-profi"), "role")
    assert ROLE["ai-systems-builder"] in roles and ROLE["ai-decision-designer"] in roles


def test_decision_designer_keeps_humans_at_the_centre(backend: Backend) -> None:
    # "maintenir l'humain au cœur des choix opérés par les systèmes intelligents"
    required = competencies(backend, "ai-decision-designer")
    oversight = required[COMP["human-in-the-loop-oversight"]]
    assert oversight["importance"] == AIR.Essential
    # The article's own voice, not Profi's.
    assert oversight["sources"] == {SRC["seed-article"]}
    assert int(str(oversight["rank"])) >= 4
    who = column(ask(backend, "roles-requiring-competency",
                     competency="comp:human-in-the-loop-oversight"), "role")
    assert ROLE["ai-decision-designer"] in who


# ------------------------------------------------------------------------------------------
# Career lineage and the shape of the catalogue


def test_every_ai_role_has_a_career_path_to_a_legacy_role(backend: Backend) -> None:
    paths = ask(backend, "career-paths")
    ancestors: dict[object, set[object]] = {}
    for row in paths.as_dicts():
        ancestors.setdefault(row["role"], set()).add(row["ancestor"])
    legacy = {ROLE[slug] for slug in LEGACY_ROLES}
    for role in AI_ROLES:
        assert ancestors.get(ROLE[role], set()) & legacy, role


def test_career_path_depth_counts_steps(backend: Backend) -> None:
    lineage = by(ask(backend, "career-paths", ancestor="role:software-engineer"), "role")
    depth = {role: int(str(row["depth"])) for role, row in lineage.items()}
    assert depth[ROLE["ai-engineer"]] == 1
    assert depth[ROLE["data-engineer"]] == 1
    # ML infrastructure engineer <- data engineer / DevOps engineer <- software engineer
    assert depth[ROLE["ml-infrastructure-engineer"]] == 2


def test_skill_gap_from_data_engineer_to_ml_infrastructure_engineer(backend: Backend) -> None:
    gap = by(
        ask(backend, "skill-gap", fromRole="role:data-engineer",
            toRole="role:ml-infrastructure-engineer"),
        "competency",
    )
    assert COMP["ml-model-deployment"] in gap and COMP["compute-environments"] in gap
    # A data engineer already builds data pipelines at the level the target asks for.
    assert COMP["data-pipelines"] not in gap
    assert all(int(str(row["increase"])) > 0 for row in gap.values())
    assert "currentLevel" not in gap[COMP["ml-model-deployment"]]
    assert gap[COMP["ml-model-deployment"]]["increase"] == Literal(4)


def test_every_ai_role_has_six_requirements_one_essential(backend: Backend) -> None:
    for role in AI_ROLES:
        required = competencies(backend, role)
        assert len(required) >= 6, role
        assert any(row["importance"] == AIR.Essential for row in required.values()), role


def test_roles_by_family_and_in_french(backend: Backend) -> None:
    design = by(ask(backend, "roles-by-family", family="fam:ai-design"), "role")
    assert {ROLE["ai-conversation-designer"], ROLE["ai-interaction-designer"],
            ROLE["ai-decision-designer"]} <= set(design)
    french = by(ask(backend, "roles-by-family", lang="fr"), "role")
    label = french[ROLE["ai-conversation-designer"]]["roleLabel"]
    assert label == Literal("Concepteur de conversations IA", lang="fr")


def test_essential_competencies_count_roles(backend: Backend) -> None:
    everywhere = by(ask(backend, "essential-competencies"), "competency")
    engineering = by(ask(backend, "essential-competencies", family="fam:ai-engineering"),
                     "competency")
    assert set(engineering) <= set(everywhere)
    for competency, row in engineering.items():
        assert int(str(row["roles"])) <= int(str(everywhere[competency]["roles"]))
    counts = [int(str(r)) for r in column(ask(backend, "essential-competencies"), "roles")]
    assert counts == sorted(counts, reverse=True)


def test_competency_hierarchy_is_three_levels_deep(backend: Backend) -> None:
    hierarchy = ask(backend, "competency-hierarchy")
    depths = {int(str(d)) for d in column(hierarchy, "depth")}
    assert {0, 1, 2} <= depths
    design = by(ask(backend, "competency-hierarchy", root="comp:design"), "competency")
    assert design[COMP["design"]]["depth"] == Literal(0)
    assert COMP["conversational-design"] in design and COMP["python"] not in design


def test_search_roles_matches_french_labels(backend: Backend) -> None:
    roles = set(column(ask(backend, "search-roles", text="CONCEPTEUR DE CONVERSATIONS"), "role"))
    assert roles == {ROLE["ai-conversation-designer"]}


def test_statistics_agree_with_the_other_queries(backend: Backend) -> None:
    stats = {str(row["metric"]): int(str(row["value"])) for row in
             ask(backend, "statistics").as_dicts()}
    assert stats["roles"] >= 20
    assert stats["competencies"] >= 80
    assert stats["AI roles (described by the seed article)"] >= len(AI_ROLES)
    assert stats["roles"] == len(set(column(ask(backend, "roles-by-family"), "role")))
    assert stats["requirements"] == stats["essential requirements"] + stats["optional requirements"]
    assert stats["competencies"] >= (
        stats["skills"] + stats["knowledge"] + stats["technologies"]
        + stats["transversal competencies"]
    )


# ------------------------------------------------------------------------------------------
# Both engines give the same answers

EXAMPLES: dict[str, dict[str, str]] = {
    "roles-requiring-competency": {"competency": "comp:design", "minRank": "3"},
    "competencies-of-role": {"role": "role:ai-engineer", "lang": "fr"},
    "compare-roles": {"roleA": "role:ml-infrastructure-engineer", "roleB": "role:ai-engineer"},
    "role-similarity": {"role": "role:knowledge-architect"},
    "career-paths": {"role": "role:ai-systems-builder"},
    "roles-by-family": {"family": "fam:knowledge-management"},
    "role-provenance": {"role": "role:ai-decision-designer"},
    "competency-hierarchy": {"root": "comp:engineering"},
    "essential-competencies": {"family": "fam:ai-design"},
    "skill-gap": {"fromRole": "role:ux-designer", "toRole": "role:ai-conversation-designer"},
    "roles-by-source": {"source": "src:washington-post"},
    "search-roles": {"text": "architect"},
    "match-roles": {"have": "comp:python", "haveRank": "3"},
    "search": {"text": "Ingénieur"},
}


def test_every_catalogue_query_has_an_example() -> None:
    for query in list_queries():
        if any(p.required for p in query.params):
            assert query.name in EXAMPLES, query.name


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_engines_agree_with_parameters(name: str, kg: Graph) -> None:
    query = get_query(name)
    results = [
        run_query(query, EXAMPLES[name], engine)
        for engine in (RdflibBackend(kg), OxigraphBackend.from_graph(kg))
    ]
    assert results[0].rows, f"{name} found nothing for {EXAMPLES[name]}"
    assert results[0].variables == results[1].variables
    assert results[0].rows == results[1].rows


def test_unknown_role_gives_no_rows_not_an_error(backend: Backend) -> None:
    result = ask(backend, "competencies-of-role", role="role:astronaut")
    assert result.rows == ()
    assert isinstance(ROLE["astronaut"], URIRef)
