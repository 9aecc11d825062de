"""The knowledge base: enough roles and competencies, well formed, sourced, and faithful to the
seed article (each role the article describes says what the article says, and nothing more is
attributed to the parties it cites)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from airoles_kg.namespaces import AIR, COMP, FAM, REQ, ROLE, SRC
from airoles_kg.paths import queries_dir
from contract import AI_ROLES, BUILDER_SPECIALISATIONS, LEGACY_ROLES, PROJECT_AI_ROLES
from third_party import ESCO_OCCUPATIONS, ONET_OCCUPATIONS, SEED_DIR, read_body, read_rows

OWL_NS = "http://www.w3.org/2002/07/owl#"

KINDS = (AIR.Skill, AIR.Knowledge, AIR.Technology, AIR.TransversalCompetency)

#: What the seed article says each AI role needs: role slug -> competency slugs.
ARTICLE_CLAIMS: dict[str, set[str]] = {
    "ai-conversation-designer": {
        "prompt-and-instruction-writing",
        "conversational-design",
        "user-psychology",
        "contexts-of-use",
        "model-collaboration-design",
        "conversation-flow-design",
    },
    "responsible-ai-policy-lead": {
        "usage-policy-writing",
        "legal-implications-of-ai",
        "social-implications-of-ai",
        "ai-risk-mitigation",
    },
    "knowledge-architect": {
        "knowledge-graph-construction",
        "data-structuring",
        "data-normalisation",
        "data-description",
        "semantic-modelling",
    },
    "ai-interaction-designer": {
        "human-ai-interaction-design",
        "human-ai-trust-design",
        "user-experience-design",
        "model-understanding",
        "explainability",
    },
    "ai-engineer": {
        "end-to-end-ai-experience-design",
        "business-process-integration",
        "custom-ai-solution-development",
    },
    "ml-infrastructure-engineer": {
        "ml-infrastructure",
        "data-pipelines",
        "compute-environments",
        "ml-model-deployment",
    },
    "ai-systems-builder": {"model-building", "ai-orchestration", "ai-operations"},
    "ai-decision-designer": {"decision-design", "human-in-the-loop-oversight"},
}

#: Which roles each cited third party may be a source for, per the seed article.
#: Business Insider is cited for one observation ("de nombreuses entreprises se sont jusqu'ici
#: contentées d'exécuter l'IA plus que de la construire"), reported in the definition of the
#: builders' umbrella role only.
THIRD_PARTY_SCOPE: dict[str, set[str]] = {
    "washington-post": {"ai-conversation-designer", "knowledge-architect"},
    "salesforce": {"responsible-ai-policy-lead"},
    "business-insider": {"ai-systems-builder"},
    "sas-marinela-profi": {"ai-systems-builder", *BUILDER_SPECIALISATIONS, "ai-decision-designer"},
}

#: How each cited party is named in the data (definitions and editorial notes).
PARTY_NAMES: dict[str, str] = {
    "washington-post": "Washington Post",
    "salesforce": "Salesforce",
    "business-insider": "Business Insider",
    "sas-marinela-profi": "Profi",
}


def _slug(iri: Node) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def _roles(kg: Graph) -> set[URIRef]:
    return {s for s in kg.subjects(RDF.type, AIR.Role) if isinstance(s, URIRef)}


def _competencies(kg: Graph) -> set[URIRef]:
    return {s for kind in KINDS for s in kg.subjects(RDF.type, kind) if isinstance(s, URIRef)} | {
        s for s in kg.subjects(RDF.type, AIR.Competency) if isinstance(s, URIRef)
    }


def _requirements(kg: Graph, role: URIRef) -> list[URIRef]:
    return [r for r in kg.objects(role, AIR.hasRequirement) if isinstance(r, URIRef)]


def _required(kg: Graph, role: URIRef) -> dict[str, URIRef]:
    """competency slug -> requirement, for one role (asserted requirements only)."""
    out: dict[str, URIRef] = {}
    for requirement in _requirements(kg, role):
        competency = kg.value(requirement, AIR.competency)
        assert competency is not None, requirement
        out[_slug(competency)] = requirement
    return out


def _langs(kg: Graph, subject: Node, predicate: URIRef) -> Counter[str | None]:
    return Counter(o.language for o in kg.objects(subject, predicate) if isinstance(o, Literal))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").casefold()
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def seed_text() -> str:
    files = sorted(SEED_DIR.glob("*.txt"))
    assert files, f"no seed article in {SEED_DIR}"
    return _fold("\n".join(read_body(f) for f in files))


# ------------------------------------------------------------------------------ counts


def test_at_least_sixty_roles_including_every_named_one(kg: Graph) -> None:
    roles = {_slug(r) for r in _roles(kg)}
    assert len(roles) >= 60
    missing = set(AI_ROLES + BUILDER_SPECIALISATIONS + LEGACY_ROLES + PROJECT_AI_ROLES) - roles
    assert missing == set()


def test_at_least_three_hundred_competencies_each_of_exactly_one_kind(kg: Graph) -> None:
    competencies = _competencies(kg)
    assert len(competencies) >= 300
    wrong = {c: n for c in competencies if (n := sum((c, RDF.type, k) in kg for k in KINDS)) != 1}
    assert wrong == {}
    assert all(c.startswith(str(COMP)) for c in competencies)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", _slug(c)) for c in competencies)


def test_role_families_include_the_four_ai_families(kg: Graph) -> None:
    families = set(kg.subjects(RDF.type, AIR.RoleFamily))
    for slug in ("ai-design", "ai-governance", "ai-engineering", "knowledge-management",
                 "ai-product-management", "ai-data-work"):
        assert FAM[slug] in families
    for family in families:
        assert set(_langs(kg, family, SKOS.prefLabel)) >= {"en", "fr"}


# ------------------------------------------------------------------ competency scheme


def _depth(kg: Graph, concept: Node, seen: frozenset[Node] = frozenset()) -> int:
    assert concept not in seen, f"skos:broader cycle through {concept}"
    parents = list(kg.objects(concept, SKOS.broader))
    if not parents:
        return 1
    return 1 + max(_depth(kg, p, seen | {concept}) for p in parents)


def test_competency_hierarchy_is_at_least_three_levels_deep_and_acyclic(kg: Graph) -> None:
    depths = {c: _depth(kg, c) for c in _competencies(kg)}
    assert max(depths.values()) >= 3
    assert sum(1 for d in depths.values() if d >= 3) >= 30


def test_competency_scheme_is_well_formed(kg: Graph) -> None:
    scheme = COMP["scheme"]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in kg
    tops = set(kg.subjects(SKOS.topConceptOf, scheme))
    assert len(tops) >= 3
    for competency in _competencies(kg):
        assert (competency, SKOS.inScheme, scheme) in kg, competency
        has_broader = kg.value(competency, SKOS.broader) is not None
        assert has_broader != (competency in tops), competency
        for parent in kg.objects(competency, SKOS.broader):
            assert parent in _competencies(kg), parent
    assert set(kg.objects(scheme, SKOS.hasTopConcept)) == tops


# ------------------------------------------------------------------------------ labels


@pytest.mark.parametrize("kind", ["role", "competency"])
def test_exactly_one_preflabel_and_a_definition_in_english_and_french(kg: Graph, kind: str) -> None:
    subjects = _roles(kg) if kind == "role" else _competencies(kg)
    faults = []
    for subject in subjects:
        labels = _langs(kg, subject, SKOS.prefLabel)
        if labels != Counter({"en": 1, "fr": 1}):
            faults.append(f"{subject} prefLabel {dict(labels)}")
        if not {"en", "fr"} <= set(_langs(kg, subject, SKOS.definition)):
            faults.append(f"{subject} definition")
    assert faults == []


def test_preflabels_are_unique_per_language(kg: Graph) -> None:
    for subjects in (_roles(kg), _competencies(kg)):
        seen: Counter[tuple[str, str | None]] = Counter()
        for subject in subjects:
            for label in kg.objects(subject, SKOS.prefLabel):
                assert isinstance(label, Literal)
                assert str(label) == str(label).strip() and "  " not in str(label)
                seen[(str(label).casefold(), label.language)] += 1
        assert [k for k, n in seen.items() if n > 1] == []


def test_every_role_has_responsibilities_family_and_alt_labels(kg: Graph) -> None:
    for role in _roles(kg):
        assert {"en", "fr"} <= set(_langs(kg, role, AIR.responsibility)), role
        assert len(list(kg.objects(role, AIR.family))) == 1, role
        assert (kg.value(role, AIR.family), RDF.type, AIR.RoleFamily) in kg, role
        assert kg.value(role, SKOS.altLabel) is not None, role
        assert (role, SKOS.inScheme, ROLE["scheme"]) in kg, role


# ------------------------------------------------------------------------ requirements


@pytest.mark.parametrize("slug", AI_ROLES + BUILDER_SPECIALISATIONS)
def test_ai_role_has_six_requirements_one_essential(kg: Graph, slug: str) -> None:
    requirements = _requirements(kg, ROLE[slug])
    assert len(requirements) >= 6
    assert any(kg.value(r, AIR.importance) == AIR.Essential for r in requirements)


def test_every_other_role_has_three_requirements(kg: Graph) -> None:
    for role in _roles(kg):
        assert len(_requirements(kg, role)) >= 3, role


def test_requirements_are_well_formed_and_named_after_role_and_competency(kg: Graph) -> None:
    requirements = set(kg.subjects(RDF.type, AIR.CompetencyRequirement))
    assert requirements == set(kg.objects(None, AIR.hasRequirement))
    levels = set(kg.subjects(RDF.type, AIR.ProficiencyLevel))
    for requirement in requirements:
        owners = list(kg.subjects(AIR.hasRequirement, requirement))
        competencies = list(kg.objects(requirement, AIR.competency))
        assert len(owners) == 1 and len(competencies) == 1, requirement
        assert requirement == REQ[f"{_slug(owners[0])}--{_slug(competencies[0])}"]
        assert competencies[0] in _competencies(kg)
        assert [kg.value(requirement, AIR.proficiencyLevel)] == list(
            kg.objects(requirement, AIR.proficiencyLevel)
        )
        assert kg.value(requirement, AIR.proficiencyLevel) in levels
        assert list(kg.objects(requirement, AIR.importance)) in ([AIR.Essential], [AIR.Optional])


def test_no_role_requires_the_same_competency_twice(kg: Graph) -> None:
    for role in _roles(kg):
        competencies = [kg.value(r, AIR.competency) for r in _requirements(kg, role)]
        assert len(competencies) == len(set(competencies)), role


def test_requires_competency_is_materialised_from_requirements(kg: Graph) -> None:
    expected = {
        (role, kg.value(r, AIR.competency)) for role in _roles(kg) for r in _requirements(kg, role)
    }
    assert set(kg.subject_objects(AIR.requiresCompetency)) == expected


# -------------------------------------------------------------------------- provenance


def test_every_role_and_requirement_cites_a_source_with_title_and_publisher(kg: Graph) -> None:
    subjects = _roles(kg) | set(kg.subjects(RDF.type, AIR.CompetencyRequirement))
    for subject in subjects:
        sources = list(kg.objects(subject, DCTERMS.source))
        assert sources, subject
        for source in sources:
            assert (source, RDF.type, AIR.Source) in kg, source
            assert kg.value(source, DCTERMS.title) is not None, source
            assert kg.value(source, DCTERMS.publisher) is not None, source


def test_sources_are_the_seed_article_its_citations_and_the_project(kg: Graph) -> None:
    sources = set(kg.subjects(RDF.type, AIR.Source))
    expected = {SRC[s] for s in ("seed-article", "airoles-kg", *THIRD_PARTY_SCOPE)}
    assert expected <= sources
    for party in THIRD_PARTY_SCOPE:
        assert (SRC[party], DCTERMS.isReferencedBy, SRC["seed-article"]) in kg
    assert (SRC["airoles-kg"], RDF.type, AIR.ProjectKnowledge) in kg
    assert {SRC["airoles-kg"]} == set(kg.subjects(RDF.type, AIR.ProjectKnowledge))


def test_seed_article_title_and_publisher_are_honestly_unstated(kg: Graph) -> None:
    seed = SRC["seed-article"]
    for predicate in (DCTERMS.title, DCTERMS.publisher):
        values = [str(v) for v in kg.objects(seed, predicate)]
        assert values and all(
            _fold("not stated") in _fold(v) or "non indiqué" in _fold(v) for v in values
        )


def test_no_source_carries_an_address_or_a_date(kg: Graph) -> None:
    for source in kg.subjects(RDF.type, AIR.Source):
        for predicate, value in kg.predicate_objects(source):
            assert predicate not in (DCTERMS.date, DCTERMS.issued, DCTERMS.created), source
            if isinstance(value, URIRef):
                assert str(value).startswith(("https://w3id.org/airoles/", OWL_NS)), (source, value)
            if isinstance(value, Literal):
                assert "http" not in str(value), (source, value)


def test_profi_is_described_as_the_article_does(kg: Graph) -> None:
    title = " ".join(str(t) for t in kg.objects(SRC["sas-marinela-profi"], DCTERMS.title))
    assert "Marinela Profi" in title
    assert "Global AI & Generative AI Market Strategy Lead" in title
    assert str(kg.value(SRC["sas-marinela-profi"], DCTERMS.publisher)) == "SAS"


@pytest.mark.parametrize("party", sorted(THIRD_PARTY_SCOPE))
def test_third_parties_are_cited_only_for_what_the_article_attributes_to_them(
    kg: Graph, party: str
) -> None:
    allowed = {ROLE[s] for s in THIRD_PARTY_SCOPE[party]}
    citing_roles = set(kg.subjects(DCTERMS.source, SRC[party])) & _roles(kg)
    assert citing_roles, f"no role cites {party}"
    assert citing_roles <= allowed
    for requirement in kg.subjects(DCTERMS.source, SRC[party]):
        if (requirement, RDF.type, AIR.CompetencyRequirement) in kg:
            assert kg.value(None, AIR.hasRequirement, requirement) in allowed, requirement


@pytest.mark.parametrize(
    ("role", "competency", "source"),
    [
        ("knowledge-architect", "knowledge-graph-construction", "washington-post"),
        ("knowledge-architect", "knowledge-graph-construction", "seed-article"),
        ("knowledge-architect", "semantic-modelling", "washington-post"),
        ("ai-conversation-designer", "conversation-flow-design", "washington-post"),
        ("responsible-ai-policy-lead", "usage-policy-writing", "seed-article"),
        ("responsible-ai-policy-lead", "legal-implications-of-ai", "seed-article"),
        ("ai-systems-builder", "ai-orchestration", "sas-marinela-profi"),
        ("ai-systems-builder", "ai-orchestration", "seed-article"),
        ("ai-decision-designer", "decision-design", "sas-marinela-profi"),
        ("ai-decision-designer", "decision-design", "seed-article"),
        ("ai-decision-designer", "human-in-the-loop-oversight", "seed-article"),
        ("ai-engineer", "business-process-integration", "seed-article"),
        ("ml-infrastructure-engineer", "compute-environments", "seed-article"),
        ("ai-interaction-designer", "explainability", "seed-article"),
    ],
)
def test_requirement_cites_the_party_the_article_credits(
    kg: Graph, role: str, competency: str, source: str
) -> None:
    assert (REQ[f"{role}--{competency}"], DCTERMS.source, SRC[source]) in kg


REFERENCES = {SRC["onet-29-2"], SRC["esco-1-2-0"]}


def _evidenced(kg: Graph) -> set[URIRef]:
    """Roles stated on the authority of a reference classification (ESCO, O*NET)."""
    return {role for role in _roles(kg) if set(kg.objects(role, DCTERMS.source)) & REFERENCES}


def test_established_roles_are_the_projects_own_knowledge(kg: Graph) -> None:
    ai = {ROLE[s] for s in AI_ROLES + BUILDER_SPECIALISATIONS}
    module = URIRef("https://w3id.org/airoles/ontology/roles")
    for role in {r for r in _roles(kg) if (r, RDFS.isDefinedBy, module) in kg} - ai:
        assert set(kg.objects(role, DCTERMS.source)) == {SRC["airoles-kg"]}, role
        for requirement in _requirements(kg, role):
            assert kg.value(requirement, DCTERMS.source) == SRC["airoles-kg"], requirement


def test_evidenced_roles_name_their_rows_and_derive_their_requirements(kg: Graph) -> None:
    evidenced = _evidenced(kg)
    assert len(evidenced) >= 20
    for role in evidenced:
        assert set(kg.objects(role, DCTERMS.source)) <= REFERENCES, role
        origins = {str(o) for o in kg.objects(role, PROV.wasDerivedFrom)}
        assert any(o.startswith((ONET_BASE, ESCO_OCCUPATION)) for o in origins), role
        for requirement in _requirements(kg, role):
            source = kg.value(requirement, DCTERMS.source)
            note = " ".join(str(n) for n in kg.objects(requirement, SKOS.editorialNote))
            if source == SRC["onet-29-2"]:
                assert "airoles-kg rule" in note, requirement
                assert kg.value(requirement, PROV.wasDerivedFrom) is not None, requirement
            else:
                assert source == SRC["airoles-kg"] and "own knowledge" in note, requirement


# ------------------------------------------------------------- faithful to the article


@pytest.mark.parametrize(("role", "competencies"), sorted(ARTICLE_CLAIMS.items()))
def test_ai_role_requires_what_the_article_says(
    kg: Graph, role: str, competencies: set[str]
) -> None:
    required = _required(kg, ROLE[role])
    assert competencies <= set(required)
    for slug in competencies:
        source = kg.value(required[slug], DCTERMS.source)
        assert source != SRC["airoles-kg"], f"{role} {slug}: the article states it"


@pytest.mark.parametrize(
    ("role", "label"),
    [
        ("ai-conversation-designer", "Concepteur de conversations IA"),
        ("ai-engineer", "Ingénieur IA"),
        ("ai-decision-designer", "Designer des décisions d'IA"),
    ],
)
def test_french_label_is_the_articles_own(kg: Graph, seed_text: str, role: str, label: str) -> None:
    assert Literal(label, lang="fr") in set(kg.objects(ROLE[role], SKOS.prefLabel))
    assert _fold(label) in seed_text


def test_french_labels_not_in_the_article_are_marked_as_ours(kg: Graph, seed_text: str) -> None:
    for slug in AI_ROLES + BUILDER_SPECIALISATIONS:
        role = ROLE[slug]
        label = next(
            str(v)
            for v in kg.objects(role, SKOS.prefLabel)
            if isinstance(v, Literal) and v.language == "fr"
        )
        notes = " ".join(str(n) for n in kg.objects(role, SKOS.editorialNote))
        if _fold(label) not in seed_text:
            assert "chosen by airoles-kg" in notes, slug
        else:
            assert "seed article" in notes, slug


def _relation_source(kg: Graph, subject: URIRef, prop: URIRef, target: URIRef) -> set[Node]:
    return {
        src
        for axiom in kg.subjects(OWL.annotatedSource, subject)
        if kg.value(axiom, OWL.annotatedProperty) == prop
        and kg.value(axiom, OWL.annotatedTarget) == target
        for src in kg.objects(axiom, AIR.relationSource)
    }


def test_conversation_designer_grew_out_of_ux_and_ui_design(kg: Graph) -> None:
    role = ROLE["ai-conversation-designer"]
    for older in ("ux-designer", "ui-designer"):
        assert (role, AIR.evolvedFrom, ROLE[older]) in kg
        assert _relation_source(kg, role, AIR.evolvedFrom, ROLE[older]) == {SRC["seed-article"]}


def test_every_role_relation_has_a_source(kg: Graph) -> None:
    for prop in (AIR.evolvedFrom, AIR.specializationOf, AIR.relatedRole):
        for subject, target in kg.subject_objects(prop):
            assert isinstance(subject, URIRef) and isinstance(target, URIRef)
            sources = _relation_source(kg, subject, prop, target)
            assert len(sources) == 1, (subject, prop, target)


def test_ml_infrastructure_engineer_is_close_to_the_ai_engineer(kg: Graph) -> None:
    infra, engineer = ROLE["ml-infrastructure-engineer"], ROLE["ai-engineer"]
    assert (infra, AIR.relatedRole, engineer) in kg
    assert (engineer, AIR.relatedRole, infra) in kg
    assert _relation_source(kg, infra, AIR.relatedRole, engineer) == {SRC["seed-article"]}


def test_ml_infrastructure_engineer_has_no_user_facing_interface_layer(kg: Graph) -> None:
    infra = ROLE["ml-infrastructure-engineer"]
    required = set(_required(kg, infra))
    user_facing = {"user-interface-design", "front-end-development"}
    user_facing |= {_slug(c) for c in kg.subjects(SKOS.broader, COMP["user-interface-design"])}
    assert required & user_facing == set()
    negated = {
        _slug(kg.value(n, OWL.targetIndividual, any=False) or URIRef(""))
        for n in kg.subjects(RDF.type, OWL.NegativePropertyAssertion)
        if kg.value(n, OWL.sourceIndividual) == infra
        and kg.value(n, OWL.assertionProperty) == AIR.requiresCompetency
    }
    assert negated == {"user-interface-design", "front-end-development"}


def test_what_separates_the_ml_infrastructure_engineer_from_the_ai_engineer(kg: Graph) -> None:
    infra = set(_required(kg, ROLE["ml-infrastructure-engineer"]))
    engineer = set(_required(kg, ROLE["ai-engineer"]))
    assert {"data-pipelines", "compute-environments", "ml-model-deployment"} <= infra - engineer
    assert {
        "business-process-integration",
        "end-to-end-ai-experience-design",
        "custom-ai-solution-development",
    } <= engineer - infra
    assert {"software-engineering", "python", "machine-learning"} <= infra & engineer


def test_builders_specialise_into_creation_orchestration_and_operation(kg: Graph) -> None:
    builder = ROLE["ai-systems-builder"]
    specialisations = {_slug(s) for s in kg.subjects(AIR.specializationOf, builder)}
    assert specialisations == set(BUILDER_SPECIALISATIONS)
    for slug in BUILDER_SPECIALISATIONS:
        # The umbrella role is the project's construct, not Profi's.
        assert _relation_source(kg, ROLE[slug], AIR.specializationOf, builder) == {
            SRC["airoles-kg"]
        }
    assert SRC["business-insider"] in set(kg.objects(builder, DCTERMS.source))


def test_lineage_has_no_cycles_and_reaches_back_several_steps(kg: Graph) -> None:
    for prop in (AIR.evolvedFrom, AIR.specializationOf):
        for role in _roles(kg):
            ancestors = set(kg.transitive_objects(role, prop)) - {role}
            assert role not in {a for anc in ancestors for a in kg.objects(anc, prop)}, (
                f"{prop} cycle through {role}"
            )
    ancestors = set(kg.transitive_objects(ROLE["ai-model-builder"], AIR.evolvedFrom))
    assert ROLE["software-engineer"] in ancestors  # via the ML engineer
    for slug in AI_ROLES:
        lineage = set(kg.objects(ROLE[slug], AIR.evolvedFrom))
        lineage |= set(kg.objects(ROLE[slug], AIR.specializationOf))
        assert lineage, f"{slug} has no lineage"


# ------------------------------------------------------------------- ESCO / O*NET crosswalk

MATCHES = (SKOS.closeMatch, SKOS.broadMatch, SKOS.relatedMatch, SKOS.exactMatch, SKOS.narrowMatch)
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"
ONET_BASE = "https://w3id.org/airoles/onet/"


def test_crosswalk_targets_are_real_esco_and_onet_occupations(kg: Graph) -> None:
    esco = {row["conceptUri"]: row["preferredLabel"].strip() for row in read_rows(ESCO_OCCUPATIONS)}
    onet = {row["O*NET-SOC Code"]: row["Title"] for row in read_rows(ONET_OCCUPATIONS, "\t")}
    targets = {
        (role, target)
        for match in MATCHES
        for role, target in kg.subject_objects(match)
        if (role, RDF.type, AIR.Role) in kg
    }
    assert len(targets) >= 20
    for _role, target in targets:
        label = str(kg.value(target, RDFS.label))
        if str(target).startswith(ESCO_OCCUPATION):
            assert esco.get(str(target)) == label, target
            assert kg.value(target, DCTERMS.source) == SRC["esco-1-2-0"]
        else:
            assert str(target).startswith(ONET_BASE), target
            code = str(kg.value(target, SKOS.notation))
            assert str(target) == ONET_BASE + code
            assert onet.get(code) == label, target
            assert kg.value(target, DCTERMS.source) == SRC["onet-29-2"]
    assert (
        ROLE["ai-engineer"],
        SKOS.closeMatch,
        URIRef(ESCO_OCCUPATION + "35553663-deab-4d9a-bf22-15c1625d28e8"),
    ) in kg


# ------------------------------------------------------------------------------------------
# Review regressions: hierarchy, alternative labels, relations, French labels


def _ai_branch_roots(kg: Graph) -> set[Node]:
    """The competency branches the classification module calls AI-specific (its oneOf)."""
    rows = kg.query(
        """
        SELECT DISTINCT ?root WHERE {
          air:AICompetency owl:equivalentClass/owl:intersectionOf/rdf:rest*/rdf:first
              /owl:unionOf/rdf:rest*/rdf:first/owl:oneOf/rdf:rest*/rdf:first ?root .
        }
        """,
        initNs={"air": AIR, "owl": OWL, "rdf": RDF},
    )
    roots: set[Node] = set()
    for row in rows:
        root = row[0]  # type: ignore[index]
        if isinstance(root, URIRef):
            roots.add(root)
    return roots


def _ancestors(kg: Graph, concept: Node) -> set[Node]:
    found = kg.transitive_objects(concept, SKOS.broader)
    return {node for node in found if node is not None and node != concept}


@pytest.mark.parametrize(
    "generic",
    [
        "policy-compliance",
        "data-protection-law",
        "intellectual-property-law",
        "business-process-modelling",
        "decision-analysis",
    ],
)
def test_generic_competency_does_not_sit_under_an_ai_specific_branch(
    kg: Graph, generic: str
) -> None:
    roots = _ai_branch_roots(kg)
    assert COMP["responsible-ai-governance"] in roots  # the query reads the real oneOf
    assert not (_ancestors(kg, COMP[generic]) | {COMP[generic]}) & roots, generic


def test_no_established_role_essentially_needs_an_ai_specific_competency(kg: Graph) -> None:
    # Otherwise a reasoner would classify the established role as an AI role (air:AIRole).
    # The data scientist and the machine learning engineer are AI-adjacent by nature.
    roots = _ai_branch_roots(kg)
    exempt = {ROLE["data-scientist"], ROLE["ml-engineer"]}
    for slug in LEGACY_ROLES:
        role = ROLE[slug]
        if role in exempt:
            continue
        for requirement in _requirements(kg, role):
            if kg.value(requirement, AIR.importance) != AIR.Essential:
                continue
            competency = kg.value(requirement, AIR.competency)
            assert competency is not None
            assert not (_ancestors(kg, competency) | {competency}) & roots, (slug, competency)


@pytest.mark.parametrize(
    ("subject", "label"),
    [
        # AIOps is AI for IT operations, not the operation of AI systems.
        (COMP["ai-operations"], "AIOps"),
        (ROLE["ai-operations-engineer"], "AIOps engineer"),
        # An instance, a different language and a broader notion are not synonyms.
        (COMP["data-processing-frameworks"], "Apache Spark"),
        (COMP["javascript"], "TypeScript"),
        (COMP["git"], "Version control"),
        (COMP["git"], "Gestion de versions"),
        # Explainable AI (XAI) names the technical methods, not explaining models to users.
        (COMP["explainability"], "XAI"),
        (COMP["explainability"], "Explainable AI"),
    ],
)
def test_alt_label_is_a_synonym_not_a_neighbouring_concept(
    kg: Graph, subject: URIRef, label: str
) -> None:
    assert label not in {str(a) for a in kg.objects(subject, SKOS.altLabel)}


def test_xai_names_the_explainability_methods(kg: Graph) -> None:
    methods = set(kg.objects(COMP["explainability-methods"], SKOS.altLabel))
    assert Literal("XAI", lang="en") in methods


def test_related_roles_are_not_in_a_lineage(kg: Graph) -> None:
    lineage = {(s, o) for p in (AIR.evolvedFrom, AIR.specializationOf)
               for s, o in kg.subject_objects(p)}
    for a, b in kg.subject_objects(AIR.relatedRole):
        assert (a, b) not in lineage and (b, a) not in lineage, (a, b)


#: Masculine first words of French role labels, with their feminine forms.
FEMININE = {
    "Concepteur": "Conceptrice",
    "Constructeur": "Constructrice",
    "Ingénieur": "Ingénieure",
    "Rédacteur": "Rédactrice",
    "Conseiller": "Conseillère",
    "Chargé": "Chargée",
    "Développeur": "Développeuse",
}


def test_gendered_french_preflabel_has_a_feminine_alt_label(kg: Graph) -> None:
    for role in _roles(kg):
        for label in kg.objects(role, SKOS.prefLabel):
            if not isinstance(label, Literal) or label.language != "fr":
                continue
            first, _, rest = str(label).partition(" ")
            if first in FEMININE:
                feminine = Literal(f"{FEMININE[first]} {rest}", lang="fr")
                assert feminine in set(kg.objects(role, SKOS.altLabel)), (role, feminine)


def test_feminine_of_ingenieur_logiciel_keeps_the_noun_complement(kg: Graph) -> None:
    # "logiciel" is a noun complement here ("ingénieur système"), not an adjective.
    alt = {str(a) for a in kg.objects(ROLE["software-engineer"], SKOS.altLabel)}
    assert "Ingénieure logiciel" in alt and "Ingénieure logicielle" not in alt


def test_ml_infrastructure_and_ai_engineers_share_architecture_and_delivery(kg: Graph) -> None:
    # "Proche de l'ingénieur IA, mais focalisé sur l'architecture et l'infrastructure": both
    # architect software and ship it continuously; the infrastructure engineer more deeply.
    infra = _required(kg, ROLE["ml-infrastructure-engineer"])
    engineer = _required(kg, ROLE["ai-engineer"])
    for slug in ("software-architecture", "ci-cd", "cloud-infrastructure"):
        assert slug in infra and slug in engineer, slug
        assert kg.value(infra[slug], DCTERMS.source) == SRC["airoles-kg"]
        assert kg.value(engineer[slug], DCTERMS.source) == SRC["airoles-kg"]
    def rank(requirement: URIRef) -> int:
        value = kg.value(kg.value(requirement, AIR.proficiencyLevel), AIR.rank)
        assert isinstance(value, Literal), requirement
        return int(value)

    for slug in ("software-architecture", "ci-cd"):
        assert rank(infra[slug]) > rank(engineer[slug]), slug


# ------------------------------------------------------------------------------------------
# Attributions: a party the article cites is credited only with what the article reports


def _role_text(kg: Graph, role: URIRef) -> str:
    """The definitions and editorial notes of a role, in every language."""
    return " ".join(str(v) for p in (SKOS.definition, SKOS.editorialNote)
                    for v in kg.objects(role, p))


@pytest.mark.parametrize("party", sorted(THIRD_PARTY_SCOPE))
def test_a_role_cites_a_party_only_if_its_text_says_what_the_party_said(
    kg: Graph, party: str
) -> None:
    # The rule: a role names a cited party as its source only when its definition or its
    # editorial note reports what the article attributes to that party.
    for role in set(kg.subjects(DCTERMS.source, SRC[party])) & _roles(kg):
        assert PARTY_NAMES[party] in _role_text(kg, role), (party, role)


def test_business_insider_is_cited_only_by_the_role_reporting_its_observation(
    kg: Graph,
) -> None:
    # "D'après Business Insider, de nombreuses entreprises se sont jusqu'ici contentées
    # d'"exécuter" l'IA plus que de la "construire"": nothing about any role.
    citing = set(kg.subjects(DCTERMS.source, SRC["business-insider"]))
    assert citing & _roles(kg) == {ROLE["ai-systems-builder"]}
    assert not citing & set(kg.subjects(RDF.type, AIR.CompetencyRequirement))
    for slug in BUILDER_SPECIALISATIONS:
        assert (ROLE[slug], DCTERMS.source, SRC["business-insider"]) not in kg, slug


def test_salesforce_is_credited_only_with_the_role_spreading(kg: Graph) -> None:
    # "Selon Salesforce, ce rôle est appelé à se généraliser. Il consiste à définir des lignes
    # directrices [...]": the description is the article's own voice.
    lead = ROLE["responsible-ai-policy-lead"]
    assert (lead, DCTERMS.source, SRC["salesforce"]) in kg
    requirements = _requirements(kg, lead)
    assert requirements
    for requirement in requirements:
        assert (requirement, DCTERMS.source, SRC["salesforce"]) not in kg, requirement
    assert set(kg.subjects(DCTERMS.source, SRC["salesforce"])) == {lead}


def test_profi_is_not_credited_with_the_articles_own_sentence_on_the_decision_designer(
    kg: Graph, seed_text: str
) -> None:
    # "Ce rôle, parfois désigné comme "designer des décisions d'IA", vise à maintenir l'humain au
    # cœur des choix opérés par les systèmes intelligents." is the article's voice.
    assert _fold("vise à maintenir l'humain au cœur des choix") in seed_text
    oversight = REQ["ai-decision-designer--human-in-the-loop-oversight"]
    assert set(kg.objects(oversight, DCTERMS.source)) == {SRC["seed-article"]}
    # Standing "entre les algorithmes et les décisions finales" is what Profi stresses; the name
    # of the role is the article's: decision design rests on both, so it cites both.
    design = REQ["ai-decision-designer--decision-design"]
    assert set(kg.objects(design, DCTERMS.source)) == {SRC["sas-marinela-profi"],
                                                       SRC["seed-article"]}


def test_the_jobs_the_shift_creates_cite_profi_and_the_article(kg: Graph) -> None:
    # "Ce tournant fera émerger des postes dédiés à la création, à l'orchestration et à
    # l'exploitation complète des systèmes d'IA": Profi's or the article's? Unclear: both.
    for requirement in (
        "ai-systems-builder--model-building", "ai-systems-builder--ai-orchestration",
        "ai-systems-builder--ai-operations", "ai-model-builder--model-building",
        "ai-orchestration-engineer--ai-orchestration", "ai-operations-engineer--ai-operations",
    ):
        assert set(kg.objects(REQ[requirement], DCTERMS.source)) == {
            SRC["sas-marinela-profi"], SRC["seed-article"]}, requirement


def test_no_role_relation_is_credited_to_a_cited_party_without_the_article_saying_so(
    kg: Graph,
) -> None:
    # The article states two relations itself (UX/UI design lineage, the AI engineer's
    # neighbour); it attributes none to a party it cites (Washington Post, Salesforce, Business
    # Insider, Marinela Profi of SAS). A reference classification that states a relation in its
    # own rows (an O*NET alternate title under its occupation, the ESCO hierarchy) may be
    # credited with it: it is not a party the article cites.
    cited = set(kg.subjects(DCTERMS.isReferencedBy, SRC["seed-article"]))
    assert cited == {SRC[party] for party in THIRD_PARTY_SCOPE}
    credited = {(kg.value(a, OWL.annotatedSource), kg.value(a, OWL.annotatedProperty),
                 kg.value(a, OWL.annotatedTarget), source)
                for a in kg.subjects(RDF.type, OWL.Axiom)
                for source in kg.objects(a, AIR.relationSource)}
    assert any(source == SRC["seed-article"] for *_, source in credited)
    for *_, source in credited:
        assert (source, RDF.type, AIR.Source) in kg, source
    wrong = sorted(" ".join(str(term) for term in relation) for relation in credited
                   if relation[3] in cited)
    assert not wrong, f"role relations credited to a party the article cites: {wrong}"


# ------------------------------------------------------------------------------------------
# Levels and importance: set by the project, and said so in the data


def test_assessed_by_is_declared_with_english_and_french_labels(kg: Graph) -> None:
    assert (AIR.assessedBy, RDF.type, OWL.ObjectProperty) in kg
    assert (AIR.assessedBy, RDFS.domain, AIR.CompetencyRequirement) in kg
    assert (AIR.assessedBy, RDFS.range, AIR.Source) in kg
    for predicate in (RDFS.label, SKOS.prefLabel, SKOS.definition):
        assert set(_langs(kg, AIR.assessedBy, predicate)) >= {"en", "fr"}, predicate


def test_requirement_definition_does_not_credit_a_source_with_levels(kg: Graph) -> None:
    for definition in kg.objects(AIR.CompetencyRequirement, SKOS.definition):
        text = str(definition)
        assert "air:assessedBy" in text and "src:airoles-kg" in text
        assert "on the authority of a source" not in text


def test_every_requirement_says_who_set_its_level_and_importance(kg: Graph) -> None:
    module = URIRef("https://w3id.org/airoles/ontology/roles")
    requirements = set(kg.subjects(RDF.type, AIR.CompetencyRequirement))
    assert requirements
    for requirement in requirements:
        assessors = set(kg.objects(requirement, AIR.assessedBy))
        assert assessors, requirement
        assert all((a, RDF.type, AIR.Source) in kg for a in assessors), requirement
        if (requirement, RDFS.isDefinedBy, module) in kg:
            # No source the seed article cites gives a level or an importance.
            assert assessors == {SRC["airoles-kg"]}, requirement


# ------------------------------------------------------------------------------------------
# Merged competencies


MERGED = {
    "explaining-to-non-specialists": "explainability",
    "knowledge-base-construction": "knowledge-graph-construction",
    "information-library-building": "knowledge-graph-construction",
}


@pytest.mark.parametrize(("old", "new"), sorted(MERGED.items()))
def test_merged_competency_is_deprecated_and_replaced(kg: Graph, old: str, new: str) -> None:
    assert (COMP[old], OWL.deprecated, Literal(True)) in kg
    assert list(kg.objects(COMP[old], DCTERMS.isReplacedBy)) == [COMP[new]]
    assert (COMP[new], DCTERMS.replaces, COMP[old]) in kg
    assert kg.value(COMP[new], OWL.deprecated) is None
    # Nothing but the replacement bookkeeping points at the old IRI.
    users = {(s, p) for s, p in kg.subject_predicates(COMP[old])}
    assert users <= {(COMP[new], DCTERMS.replaces)}, users


def test_merged_labels_are_kept_as_alternative_labels(kg: Graph) -> None:
    alt = {str(a) for a in kg.objects(COMP["knowledge-graph-construction"], SKOS.altLabel)}
    assert {"Knowledge base construction", "Information library building",
            "Constitution de bases de connaissances",
            "Construction de bibliothèques d'information"} <= alt


@pytest.mark.parametrize("check", ["deprecated-in-use", "deprecated-without-replacement"])
def test_deprecation_checks_pass(kg: Graph, check: str) -> None:
    from airoles_kg.catalogue.run import run_query

    result = run_query(queries_dir() / "checks" / f"{check}.rq", {}, kg)
    assert result.rows == ()


def test_the_knowledge_architect_needs_the_merged_competency_on_both_authorities(
    kg: Graph,
) -> None:
    # "Spécialiste de la constitution des bases de connaissances" (the article) and
    # "construction de bibliothèques d'information" (The Washington Post): one competency now.
    required = _required(kg, ROLE["knowledge-architect"])
    assert "knowledge-base-construction" not in required
    assert "information-library-building" not in required
    requirement = required["knowledge-graph-construction"]
    assert set(kg.objects(requirement, DCTERMS.source)) == {SRC["seed-article"],
                                                            SRC["washington-post"]}
    assert kg.value(requirement, AIR.importance) == AIR.Essential


# ------------------------------------------------------------------------------------------
# The AI roles that are the project's own knowledge


@pytest.mark.parametrize("slug", PROJECT_AI_ROLES)
def test_project_ai_role_is_said_to_be_ours(kg: Graph, slug: str) -> None:
    role = ROLE[slug]
    assert set(kg.objects(role, DCTERMS.source)) == {SRC["airoles-kg"]}
    notes = " ".join(str(n) for n in kg.objects(role, SKOS.editorialNote))
    assert "project's own knowledge" in notes and "does not describe" in notes
    for requirement in _requirements(kg, role):
        assert set(kg.objects(requirement, DCTERMS.source)) == {SRC["airoles-kg"]}
    # Nothing invented to look sourced: no address, no figure, no date in its text.
    text = _role_text(kg, role)
    assert "http" not in text and not re.search(r"\d", text), slug


@pytest.mark.parametrize("slug", PROJECT_AI_ROLES)
def test_project_ai_role_is_described_in_english_and_french(kg: Graph, slug: str) -> None:
    role = ROLE[slug]
    for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.definition, AIR.responsibility):
        assert set(_langs(kg, role, predicate)) >= {"en", "fr"}, predicate
    assert kg.value(role, AIR.family) is not None


@pytest.mark.parametrize("slug", PROJECT_AI_ROLES)
def test_project_ai_role_has_five_to_eight_requirements_one_essential_on_ai(
    kg: Graph, slug: str
) -> None:
    requirements = _requirements(kg, ROLE[slug])
    assert 5 <= len(requirements) <= 8
    roots = _ai_branch_roots(kg)
    essential_ai = [
        r for r in requirements
        if kg.value(r, AIR.importance) == AIR.Essential
        and (_ancestors(kg, kg.value(r, AIR.competency)) | {kg.value(r, AIR.competency)}) & roots
    ]
    assert essential_ai, f"{slug}: no essential AI competency, so it would not be an AI role"


@pytest.mark.parametrize("slug", PROJECT_AI_ROLES)
def test_project_ai_role_is_linked_to_existing_roles_on_our_authority(
    kg: Graph, slug: str
) -> None:
    role = ROLE[slug]
    links = [(p, o) for p in (AIR.evolvedFrom, AIR.specializationOf, AIR.relatedRole)
             for o in kg.objects(role, p)]
    assert links, slug
    for prop, other in links:
        assert isinstance(other, URIRef)
        assert (other, RDF.type, AIR.Role) in kg
        assert _relation_source(kg, role, prop, other) == {SRC["airoles-kg"]}


SSSOM = "https://w3id.org/sssom/"
SEMAPV = "https://w3id.org/semapv/vocab/"


@pytest.mark.parametrize("slug", PROJECT_AI_ROLES)
def test_project_ai_role_crosswalk_links_are_justified(kg: Graph, slug: str) -> None:
    role = ROLE[slug]
    links = [(m, t) for m in MATCHES for t in kg.objects(role, m)]
    assert links, f"{slug} has no ESCO or O*NET counterpart"
    for match, target in links:
        axioms = [a for a in kg.subjects(OWL.annotatedSource, role)
                  if kg.value(a, OWL.annotatedProperty) == match
                  and kg.value(a, OWL.annotatedTarget) == target]
        assert len(axioms) == 1, (match, target)
        axiom = axioms[0]
        assert kg.value(axiom, URIRef(SSSOM + "mapping_justification")) == URIRef(
            SEMAPV + "ManualMappingCuration")
        assert kg.value(axiom, RDFS.comment) is not None
        assert (target, RDF.type, OWL.NamedIndividual) in kg
        assert kg.value(target, RDFS.label) is not None


def test_sssom_annotation_properties_are_declared(kg: Graph) -> None:
    for name in ("mapping_justification", "confidence"):
        assert (URIRef(SSSOM + name), RDF.type, OWL.AnnotationProperty) in kg


def test_mlops_engineer_is_a_role_of_its_own_not_an_alias(kg: Graph) -> None:
    # The MLOps engineer is its own role now: no other role takes its name as a synonym.
    for label in ("MLOps engineer", "Ingénieur MLOps"):
        holders = {s for s in kg.subjects(SKOS.altLabel, None)
                   for a in kg.objects(s, SKOS.altLabel) if str(a) == label}
        assert holders == set(), label
    assert (ROLE["mlops-engineer"], AIR.relatedRole, ROLE["ai-operations-engineer"]) in kg
