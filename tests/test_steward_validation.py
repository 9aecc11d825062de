"""Validating a steward's catalogue: unknown terms with the closest ones, the language profile
(``--languages``), and validation on its own (``--standalone``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from airoles_kg.cli import main
from airoles_kg.errors import InputError
from airoles_kg.kg.load import load_graph, load_shapes, load_vocabulary
from airoles_kg.namespaces import AIR, AIRSH, COMP, REQ, ROLE, SH
from airoles_kg.shacl.profile import language_profile, parse_languages
from airoles_kg.shacl.suggest import closest_terms
from airoles_kg.shacl.validate import validate_files

__all__: list[str] = []

HEAD = """@prefix air: <https://w3id.org/airoles/ontology#> .
@prefix comp: <https://w3id.org/airoles/competency/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ex: <https://example.org/steward/> .
@prefix fam: <https://w3id.org/airoles/family/> .
@prefix role: <https://w3id.org/airoles/role/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

ex:roles a skos:ConceptScheme ; skos:prefLabel "Example steward roles"@en .
ex:catalogue a air:Source ; dcterms:title "Example catalogue"@en .
"""


def _role(label: str = "Prompt librarian", competency: str = "comp:python",
          family: str = "fam:ai-design", level: str = "air:Competent",
          importance: str = "air:Essential", lineage: str = "") -> str:
    return HEAD + f"""
ex:r a air:Role ;
    skos:prefLabel "{label}"@en ;
    skos:definition "Curates the organisation's library of reusable prompts."@en ;
    air:family {family} ;
    skos:inScheme ex:roles ;
    dcterms:source ex:catalogue ;
    {lineage}
    air:hasRequirement ex:r--c .
ex:r--c a air:CompetencyRequirement ;
    air:competency {competency} ;
    air:proficiencyLevel {level} ;
    air:importance {importance} ;
    dcterms:source ex:catalogue .
"""


Write = Callable[..., Path]


@pytest.fixture
def write(tmp_path: Path) -> Write:
    def make(text: str, name: str = "catalogue.ttl") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return make


def _english(shapes: Graph | None = None) -> Graph:
    return language_profile(shapes or load_shapes(), ["en"])


# --- unknown terms ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "shape", "closest"),
    [
        ({"competency": "comp:pythn"}, "KnownCompetencyShape", "comp:python"),
        ({"level": "air:Expertt"}, "KnownLevelShape", "air:Expert"),
        ({"importance": "air:Esential"}, "KnownImportanceShape", "air:Essential"),
        ({"family": "fam:ai-desing"}, "KnownFamilyShape", "fam:ai-design"),
        ({"lineage": "air:evolvedFrom role:softwre-engineer ;"}, "KnownRoleShape",
         "role:software-engineer"),
    ],
)
@pytest.mark.parametrize("engine", ["oxigraph", "pyshacl"])
def test_an_unknown_term_gets_its_own_result_with_the_closest_ones(
    write: Write, kwargs: dict[str, str], shape: str, closest: str, engine: str
) -> None:
    report = validate_files([write(_role(**kwargs))], _english(), engine=engine)
    mine = [r for r in report.results if r.source_shape == AIRSH[shape]]
    assert len(mine) == 1, [str(r.source_shape) for r in report.results]
    result = mine[0]
    assert result.severity == "Violation"
    assert result.constraint_component == SH.ClassConstraintComponent
    assert result.message.startswith("Not a known")
    assert f"Closest: {closest}" in result.message
    french = result.message_in("fr")
    assert french != result.message and f"Les plus proches : {closest}" in french


def test_a_known_term_gets_no_such_result(write: Write) -> None:
    report = validate_files([write(_role())], _english())
    assert report.conforms, [r.message for r in report.results]


def test_closest_terms_are_found_by_label_too() -> None:
    graph = load_graph()
    found = closest_terms(graph, AIR.Competency, URIRef("https://example.org/x/Pyton"))
    assert COMP.python in found
    assert closest_terms(graph, AIR.Competency, URIRef("https://example.org/x/zzzzqqq")) == []


# --- the language profile ----------------------------------------------------------------------


def test_parse_languages() -> None:
    assert parse_languages("en, FR,en") == ["en", "fr"]
    for bad in ("", "english", "en;fr", "e"):
        with pytest.raises(InputError, match="--languages"):
            parse_languages(bad)


def test_the_english_profile_drops_the_french_shapes_only() -> None:
    shapes = load_shapes()
    english = _english(shapes)
    dropped = {s for s in set(shapes.subjects()) - set(english.subjects())
               if isinstance(s, URIRef)}
    assert dropped == {AIRSH.RolePrefLabelFrShape, AIRSH.RoleDefinitionFrShape,
                       AIRSH.CompetencyPrefLabelFrShape, AIRSH.CompetencyDefinitionFrShape}


def test_a_new_language_copies_the_english_shapes(write: Write) -> None:
    profile = language_profile(load_shapes(), ["en", "de"])
    assert (AIRSH.RolePrefLabelDeShape, None, None) in profile
    assert (AIRSH.RolePrefLabelFrShape, None, None) not in profile
    report = validate_files([write(_role())], profile, standalone=True)
    german = {r.source_shape for r in report.results if r.focus_node == URIRef(
        "https://example.org/steward/r")}
    assert german == {AIRSH.RolePrefLabelDeShape, AIRSH.RoleDefinitionDeShape}
    assert any("@de" in r.message for r in report.results)


def test_an_english_catalogue_fails_by_default_and_passes_with_its_profile(
    write: Write,
) -> None:
    path = write(_role())
    runner = CliRunner()
    default = runner.invoke(main, ["validate", str(path)])
    assert default.exit_code == 1
    assert "@fr" in default.stdout
    english = runner.invoke(main, ["validate", str(path), "--languages", "en"])
    assert english.exit_code == 0, english.output
    bad = runner.invoke(main, ["validate", str(path), "--languages", "english"])
    assert bad.exit_code == 2 and bad.stderr.startswith("error: --languages")


# --- standalone ---------------------------------------------------------------------------------


def test_the_vocabulary_has_no_role_or_requirement_of_ours() -> None:
    vocabulary = load_vocabulary()
    assert (COMP.python, None, None) in vocabulary
    assert (AIR.Expert, None, None) in vocabulary
    ours = (str(ROLE), str(REQ))
    assert not any(str(t).startswith(ours) for triple in vocabulary for t in triple)


def test_a_reused_label_is_a_duplicate_only_when_merged(write: Write) -> None:
    path = write(_role(label="AI engineer"))
    merged = validate_files([path], _english())
    assert any(r.source_shape == AIRSH.DuplicatePrefLabelShape for r in merged.results)
    assert not merged.standalone
    alone = validate_files([path], _english(), standalone=True)
    assert alone.conforms and alone.standalone


def test_standalone_says_so_and_needs_files(write: Write) -> None:
    runner = CliRunner()
    path = write(_role(label="AI engineer"))
    result = runner.invoke(main, ["validate", str(path), "--languages", "en", "--standalone"])
    assert result.exit_code == 0, result.output
    assert "standalone" in result.stdout
    french = runner.invoke(main, ["validate", str(path), "--languages", "en", "--standalone",
                                  "--lang", "fr"])
    assert "autonome" in french.stdout
    alone = runner.invoke(main, ["validate", "--standalone"])
    assert alone.exit_code == 2 and "name the files" in alone.stderr


def test_standalone_a_role_of_ours_is_still_a_known_role(write: Write) -> None:
    known = write(_role(lineage="air:evolvedFrom role:librarian ;"), "known.ttl")
    report = validate_files([known], _english(), standalone=True)
    assert report.conforms, [r.message for r in report.results]
    typo = write(_role(lineage="air:evolvedFrom role:librarain ;"), "typo.ttl")
    report = validate_files([typo], _english(), standalone=True)
    shapes = {r.source_shape for r in report.results}
    assert {AIRSH.KnownRoleShape, AIRSH.RoleRelationShape} <= shapes
    known_role = next(r for r in report.results if r.source_shape == AIRSH.KnownRoleShape)
    assert "Closest: role:librarian" in known_role.message  # ours are suggested, standalone too


def test_the_example_catalogue_imports_and_validates_on_its_own(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[1] / "examples" / "steward"
    out = tmp_path / "catalogue.ttl"
    runner = CliRunner()
    imported = runner.invoke(main, ["import", "csv", *map(str, sorted(examples.glob("*.csv"))),
                                    "--out", str(out)])
    assert imported.exit_code == 0, imported.output
    alone = runner.invoke(main, ["validate", str(out), "--standalone", "--languages", "en"])
    assert alone.exit_code == 0, alone.output


def test_shapes_files_without_a_shape_are_bad_input(write: Write) -> None:
    empty = write("@prefix ex: <http://e/> .\nex:a ex:b ex:c .\n", "no-shapes.ttl")
    result = CliRunner().invoke(main, ["validate", "--shapes", str(empty)])
    assert result.exit_code == 2
    assert "no-shapes.ttl: no SHACL shape in it" in result.stderr
    shapes = write("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                   "[] sh:targetNode <http://e/a> ; sh:property [ sh:path <http://e/b> ;"
                   " sh:minCount 1 ] .\n", "one-shape.ttl")
    data = write("<http://e/a> <http://e/b> 1 .\n", "data.ttl")
    ok = CliRunner().invoke(main, ["validate", str(data), "--shapes", str(shapes)])
    assert ok.exit_code == 0, ok.output
