"""Loading: parse errors name file and line, the version is stamped, requirements materialised."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from airoles_kg.errors import InputError, ParseError
from airoles_kg.kg.load import load_graph, load_ontology_sources, load_shapes
from airoles_kg.kg.materialise import materialise
from airoles_kg.kg.stamp import stamp_version
from airoles_kg.namespaces import AIR, BASE, COMP, OWL, RDF, REQ, ROLE
from airoles_kg.paths import project_version
from airoles_kg.rdf.formats import guess_format
from airoles_kg.rdf.parse import new_graph, parse_file

TTL_HEAD = "@prefix ex: <http://example.org/> .\n"

# (file name, content, expected line, a word of the expected detail)
BROKEN_FILES = [
    ("unterminated.ttl", TTL_HEAD + "ex:a ex:b ex:c .\n\nex:d ex:e \"open .\n", 4, "string"),
    ("missing-dot.ttl", TTL_HEAD + "ex:a ex:b ex:c\nex:d ex:e ex:f .\n", 3, "expected"),
    ("unbound-prefix.ttl", TTL_HEAD + "\nex:a nope:b ex:c .\n", 3, "nope"),
    ("bad-line.nt", "<http://a> <http://b> <http://c> .\n<http://a> <http://b> c .\n", 2,
     "object"),
    ("bad.nq", "<http://a> <http://b> <http://c> <http://g> .\n\n<http://a> <http://b> \"x .\n", 3,
     ""),
    ("bad.jsonld", '{\n  "@id": "http://a",\n  oops\n}\n', 3, "property name"),
    ("bad.owl", '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
     "<rdf:Description>\n</rdf:RDF>\n", 4, "mismatched"),
]


@pytest.mark.parametrize(
    ("name", "content", "line", "word"), BROKEN_FILES, ids=[b[0] for b in BROKEN_FILES]
)
def test_parse_error_names_file_and_line(
    tmp_path: Path, name: str, content: str, line: int, word: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ParseError) as info:
        parse_file(path)
    error = info.value
    assert error.path == str(path)
    assert error.line == line
    assert word in error.detail
    assert str(error).startswith(f"{path}:{line}: ")
    assert "\n" not in str(error)


def test_parse_error_in_gzipped_turtle_keeps_the_line(tmp_path: Path) -> None:
    path = tmp_path / "data.ttl.gz"
    path.write_bytes(gzip.compress((TTL_HEAD + "ex:a ex:b .\n").encode()))
    with pytest.raises(ParseError) as info:
        parse_file(path)
    assert info.value.line == 2


def test_gzipped_file_parses(tmp_path: Path) -> None:
    path = tmp_path / "data.nt.gz"
    path.write_bytes(gzip.compress(b"<http://a> <http://b> <http://c> .\n"))
    assert len(parse_file(path)) == 1


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as info:
        parse_file(tmp_path / "absent.ttl")
    assert not isinstance(info.value, ParseError)


def test_unknown_extension_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "roles.csv"
    path.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match="extension"):
        parse_file(path)


def test_explicit_format_overrides_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "roles.txt"
    path.write_text("<http://a> <http://b> <http://c> .\n", encoding="utf-8")
    assert len(parse_file(path, format="nt")) == 1


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.ttl", "turtle"), ("a.nt", "nt"), ("a.nq", "nquads"), ("a.jsonld", "json-ld"),
     ("a.owl", "xml"), ("a.rdf", "xml"), ("a.xml", "xml"), ("A.TTL.GZ", "turtle")],
)
def test_guess_format(name: str, fmt: str) -> None:
    assert guess_format(name) == fmt


def test_nquads_are_merged_into_one_graph(tmp_path: Path) -> None:
    path = tmp_path / "q.nq"
    path.write_text(
        "<http://a> <http://b> <http://c> <http://g1> .\n<http://a> <http://b> <http://d> .\n",
        encoding="utf-8",
    )
    assert len(parse_file(path)) == 2


def _project_ontologies(graph: Graph) -> list[URIRef]:
    return [
        o for o in graph.subjects(RDF.type, OWL.Ontology)
        if isinstance(o, URIRef) and str(o).startswith(BASE)
    ]


def test_every_ontology_is_stamped_with_the_project_version(kg: Graph) -> None:
    version = project_version()
    ontologies = _project_ontologies(kg)
    assert ontologies, "the ontology sources declare no owl:Ontology"
    for ontology in ontologies:
        assert list(kg.objects(ontology, OWL.versionInfo)) == [Literal(version)]
        head, _, module = str(ontology)[len(BASE):].partition("/")
        expected = f"{BASE}{head}/{version}" + (f"/{module}" if module else "")
        assert list(kg.objects(ontology, OWL.versionIRI)) == [URIRef(expected)]
    assert not any("0.0.0" in str(o) for o in kg.objects(None, OWL.versionIRI))


def test_sources_are_loaded_as_written(kg: Graph) -> None:
    sources = load_ontology_sources()
    assert _project_ontologies(sources)
    # Stamping replaces one versionIRI and one versionInfo per ontology; nothing else differs
    # but the materialised requiresCompetency triples.
    assert len(sources) <= len(kg)


def test_shapes_are_stamped() -> None:
    shapes = load_shapes()
    ontologies = _project_ontologies(shapes)
    for ontology in ontologies:
        assert str(shapes.value(ontology, OWL.versionInfo)) == project_version()
        assert project_version() in str(shapes.value(ontology, OWL.versionIRI))


def test_stamp_version_leaves_foreign_ontologies_alone() -> None:
    graph = new_graph()
    foreign = URIRef("http://example.org/steward/ontology")
    graph.add((foreign, RDF.type, OWL.Ontology))
    graph.add((foreign, OWL.versionInfo, Literal("7")))
    stamp_version(graph, "9.9.9")
    assert graph.value(foreign, OWL.versionInfo) == Literal("7")
    assert graph.value(foreign, OWL.versionIRI) is None


def test_materialise_adds_the_property_chain_and_is_idempotent() -> None:
    graph = new_graph()
    role, requirement, competency = ROLE["x"], REQ["x--y"], COMP["y"]
    graph.add((role, AIR.hasRequirement, requirement))
    graph.add((requirement, AIR.competency, competency))
    assert materialise(graph) == 1
    assert (role, AIR.requiresCompetency, competency) in graph
    assert materialise(graph) == 0


def test_built_graph_materialises_every_requirement(kg: Graph) -> None:
    chains = {
        (role, competency)
        for role, requirement in kg.subject_objects(AIR.hasRequirement)
        for competency in kg.objects(requirement, AIR.competency)
    }
    assert chains, "the knowledge base has no requirements"
    assert chains <= set(kg.subject_objects(AIR.requiresCompetency))


def test_load_graph_without_materialisation_only_has_asserted_triples() -> None:
    plain = load_graph(materialise=False)
    materialised = load_graph()
    added = materialise(plain)
    assert added > 0
    assert len(plain) == len(materialised)


def test_load_graph_merges_extra_files(tmp_path: Path) -> None:
    extra = tmp_path / "mine.ttl"
    extra.write_text(
        "@prefix air: <https://w3id.org/airoles/ontology#> .\n"
        "<http://example.org/r> air:hasRequirement <http://example.org/q> .\n"
        "<http://example.org/q> air:competency <http://example.org/c> .\n",
        encoding="utf-8",
    )
    graph = load_graph([extra])
    assert (
        URIRef("http://example.org/r"), AIR.requiresCompetency, URIRef("http://example.org/c")
    ) in graph


def test_load_graph_reports_a_broken_extra_file(tmp_path: Path) -> None:
    extra = tmp_path / "broken.ttl"
    extra.write_text(TTL_HEAD + "ex:a ex:b\n", encoding="utf-8")
    with pytest.raises(ParseError, match=r"broken\.ttl:2: "):
        load_graph([extra])
