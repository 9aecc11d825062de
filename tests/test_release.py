"""Releases: the gate, the base and full artefacts, determinism, version stamping, immutability."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

import airoles_kg.reason.run as reason_run
from airoles_kg.cli import main
from airoles_kg.errors import CheckFailedError, ReasonerError
from airoles_kg.kg.load import load_graph
from airoles_kg.kg.stamp import stamp_prior_version
from airoles_kg.namespaces import AIR, OWL, RDF, RDFS, ROLE, SKOS
from airoles_kg.paths import project_version
from airoles_kg.pipeline.diff import diff_files
from airoles_kg.pipeline.gate import example_params
from airoles_kg.pipeline.release import (
    ARTEFACTS,
    ReleaseResult,
    canonical_nquads,
    prior_version,
    release,
)
from airoles_kg.rdf.serialize import isomorphic_graphs
from airoles_kg.reason.run import choose_reasoner

#: Each test starts Java reasoners or builds whole releases: seconds to a minute each.
pytestmark = pytest.mark.slow

VERSION = project_version()
ONTOLOGY = URIRef("https://w3id.org/airoles/ontology")
REASON_FIXTURES = Path(__file__).parent / "fixtures" / "reason"
FORMATS = {"ttl": "turtle", "nt": "nt", "owl": "xml", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> ReleaseResult:
    return release(tmp_path_factory.mktemp("releases"))


def _parse(path: Path) -> Graph:
    return Graph().parse(path, format=FORMATS[path.suffix.lstrip(".")])


def test_release_writes_every_artefact(released: ReleaseResult) -> None:
    assert released.version == VERSION
    assert released.directory.name == VERSION
    assert sorted(p.name for p in released.directory.iterdir()) == sorted(ARTEFACTS)
    assert [step.name for step in released.gate] == [
        "reasoner", "shacl", "quality report", "competency questions"]
    assert all(step.ok for step in released.gate)


def test_sha256sums_match_the_files(released: ReleaseResult) -> None:
    lines = (released.directory / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(ARTEFACTS) - 1
    for line in lines:
        digest, name = line.split("  ")
        assert hashlib.sha256((released.directory / name).read_bytes()).hexdigest() == digest


@pytest.mark.parametrize("kind", ["base", "full"])
def test_every_serialisation_gives_the_same_graph(released: ReleaseResult, kind: str) -> None:
    graphs = [_parse(released.directory / f"airoles-{kind}.{ext}") for ext in FORMATS]
    for other in graphs[1:]:
        assert isomorphic_graphs(graphs[0], other)


def test_base_is_asserted_and_full_adds_the_inferences(released: ReleaseResult) -> None:
    base = _parse(released.directory / "airoles-base.nt")
    full = _parse(released.directory / "airoles-full.nt")
    inferred = (ROLE["ml-infrastructure-engineer"], RDF.type, AIR.TechnicalAIRole)
    assert inferred not in base
    assert inferred in full
    assert (ROLE["ai-conversation-designer"], RDF.type, AIR.HumanCentredAIRole) in full
    assert (AIR.TechnicalAIRole, RDFS.subClassOf, AIR.AIRole) in full
    assert isomorphic_graphs(base, load_graph())
    metadata = json.loads((released.directory / "release.json").read_text(encoding="utf-8"))
    assert len(full) - len(base) == (
        metadata["inferred"]["class_memberships"] + metadata["inferred"]["subclass_links"])
    assert metadata["reasoner"]["name"] == "hermit"
    assert metadata["triples"] == {"base": len(base), "full": len(full)}


def test_canonical_ntriples_are_rdfc(released: ReleaseResult) -> None:
    canonical = released.directory / "airoles-full.canonical.nt"
    text = canonical.read_text(encoding="utf-8")
    assert "_:c14n0 " in text
    assert text == "".join(sorted(text.splitlines(keepends=True)))
    assert isomorphic_graphs(Graph().parse(canonical, format="nt"),
                      _parse(released.directory / "airoles-full.nt"))


def test_canonical_labels_do_not_depend_on_input_labels() -> None:
    a = b'<http://a> <http://p> _:x .\n_:x <http://q> "v"@en .\n'
    b = b'_:zz <http://q> "v"@en .\n<http://a> <http://p> _:zz .\n'
    assert canonical_nquads(a) == canonical_nquads(b)
    assert canonical_nquads(a) == b'<http://a> <http://p> _:c14n0 .\n_:c14n0 <http://q> "v"@en .\n'


def test_versions_are_stamped_from_pyproject(released: ReleaseResult) -> None:
    full = _parse(released.directory / "airoles-full.ttl")
    assert full.value(ONTOLOGY, OWL.versionInfo) == Literal(VERSION)
    assert full.value(ONTOLOGY, OWL.versionIRI) == URIRef(f"{ONTOLOGY}/{VERSION}")
    core = URIRef(f"{ONTOLOGY}/classification")
    assert full.value(core, OWL.versionIRI) == URIRef(f"{ONTOLOGY}/{VERSION}/classification")
    assert full.value(ONTOLOGY, OWL.priorVersion) is None  # the first release


def test_a_second_release_is_byte_identical(released: ReleaseResult,
                                            tmp_path: Path) -> None:
    again = release(tmp_path)
    for name in ARTEFACTS:
        assert (again.directory / name).read_bytes() == (
            released.directory / name).read_bytes(), name


def test_a_released_version_is_never_rewritten(released: ReleaseResult, tmp_path: Path,
                                               runner: CliRunner) -> None:
    copy = tmp_path / "releases"
    shutil.copytree(released.directory.parent, copy)
    same = runner.invoke(main, ["release", "--out", str(copy)])
    assert same.exit_code == 0, same.output
    assert "with the same content: nothing written" in same.stdout
    target = copy / VERSION / "airoles-base.ttl"
    target.write_bytes(target.read_bytes() + b"# edited by hand\n")
    changed = runner.invoke(main, ["release", "--out", str(copy)])
    assert changed.exit_code == 1
    assert f"version {VERSION} is already released with different content" in changed.stderr
    assert "airoles-base.ttl" in changed.stderr
    assert target.read_bytes().endswith(b"# edited by hand\n")  # left as it was


# --- prior versions -----------------------------------------------------------------------------


def test_the_next_version_names_its_prior_and_diffs_as_headers_only(
        released: ReleaseResult, tmp_path: Path) -> None:
    folder = tmp_path / "releases"
    shutil.copytree(released.directory.parent, folder)
    following = release(folder, version="99.0.0")
    assert following.prior_version == VERSION
    base = _parse(following.directory / "airoles-base.ttl")
    assert base.value(ONTOLOGY, OWL.priorVersion) == URIRef(f"{ONTOLOGY}/{VERSION}")
    assert base.value(ONTOLOGY, OWL.versionIRI) == URIRef(f"{ONTOLOGY}/99.0.0")
    changes = diff_files(released.directory, following.directory)
    assert changes.axioms_added == changes.axioms_removed == []
    assert f"<{ONTOLOGY}> <{OWL.priorVersion}> <{ONTOLOGY}/{VERSION}> ." in changes.headers_added
    assert f'<{ONTOLOGY}> <{OWL.versionInfo}> "{VERSION}" .' in changes.headers_removed


def test_prior_version_is_the_highest_older_release(tmp_path: Path) -> None:
    assert prior_version(tmp_path / "none", "1.0.0") is None
    for name in ("0.9.0", "0.10.0", "1.0.0", "2.0.0"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "SHA256SUMS").write_text("", encoding="utf-8")
    (tmp_path / "1.5.0").mkdir()  # no SHA256SUMS: not a release
    assert prior_version(tmp_path, "1.0.0") == "0.10.0"
    assert prior_version(tmp_path, "1.9.0") == "1.0.0"
    assert prior_version(tmp_path, "0.1.0") is None


def test_prior_version_is_stamped_on_every_module() -> None:
    graph = load_graph()
    stamp_prior_version(graph, VERSION, "0.0.9")
    assert graph.value(ONTOLOGY, OWL.priorVersion) == URIRef(f"{ONTOLOGY}/0.0.9")
    assert graph.value(URIRef(f"{ONTOLOGY}/core"), OWL.priorVersion) == URIRef(
        f"{ONTOLOGY}/0.0.9/core")


# --- the gate -----------------------------------------------------------------------------------


def test_gate_stops_at_the_reasoner_on_an_inconsistent_graph(tmp_path: Path) -> None:
    graph = load_graph(extra=[REASON_FIXTURES / "inconsistent-role-and-competency.ttl"])
    with pytest.raises(CheckFailedError, match=r"step 1 \(reasoner\): the ontology is "
                       r"inconsistent .*fixture-role-and-skill"):
        release(tmp_path, graph=graph)
    assert not (tmp_path / VERSION).exists()


def test_gate_stops_at_shacl_on_a_non_conformant_graph(tmp_path: Path) -> None:
    graph = load_graph()
    graph.remove((ROLE["ai-engineer"], SKOS.prefLabel, None))
    with pytest.raises(CheckFailedError, match=r"step 2 \(shacl\): the graph does not conform"):
        release(tmp_path, graph=graph)
    assert not (tmp_path / VERSION).exists()


def test_choose_reasoner_falls_back_to_owlrl_without_java(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert choose_reasoner() == ("owlready2", "hermit")

    def no_java(_version: int) -> str:
        raise ReasonerError("no Java")

    monkeypatch.setattr(reason_run, "find_java", no_java)
    assert choose_reasoner() == ("owlrl", "owlrl")


def test_example_params_come_from_the_parameter_descriptions() -> None:
    from airoles_kg.catalogue.files import get_query

    params = example_params(get_query("skill-gap"))
    assert params == {"fromRole": "role:data-engineer", "toRole": "role:ml-infrastructure-engineer"}

