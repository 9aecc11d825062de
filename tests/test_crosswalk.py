"""The crosswalk to ESCO and O*NET: its conventions, its targets, the SSSOM export, and the
``match`` and ``search`` commands with the catalogue queries behind them."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from airoles_kg.backends.base import Backend, Rows
from airoles_kg.backends.bindings import inject_rows
from airoles_kg.backends.compare import canonical_rows
from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.backends.rdflib_graph import RdflibBackend
from airoles_kg.backends.store import open_store
from airoles_kg.catalogue.files import get_query
from airoles_kg.catalogue.params import bind_rows
from airoles_kg.catalogue.run import run_query
from airoles_kg.cli import main
from airoles_kg.crosswalk.fit import match_roles
from airoles_kg.crosswalk.mappings import read_mappings
from airoles_kg.crosswalk.profile import ProfileResolver
from airoles_kg.crosswalk.search import search
from airoles_kg.crosswalk.sssom import CURIE_MAP, MAPPING_SET_ID, curie
from airoles_kg.errors import InputError, QueryError
from airoles_kg.namespaces import AIR, COMP, ROLE
from airoles_kg.paths import ontology_dir, project_version
from airoles_kg.text import fold
from third_party import FIXTURES, read_rows

SSSOM = "https://w3id.org/sssom/"
SEMAPV = "https://w3id.org/semapv/vocab/"
JUSTIFICATION = URIRef(SSSOM + "mapping_justification")
CONFIDENCE = URIRef(SSSOM + "confidence")
LEXICAL = URIRef(SEMAPV + "LexicalMatching")
MANUAL = URIRef(SEMAPV + "ManualMappingCuration")
# Derived from a shared code (a row of the reference data itself): SSSOM's vocabulary has no
# term of its own for it, so it is recorded as background-knowledge-based matching.
SHARED_CODE = URIRef(SEMAPV + "BackgroundKnowledgeBasedMatching")
MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch,
           SKOS.relatedMatch)
ESCO = "http://data.europa.eu/esco/"
ONET = "https://w3id.org/airoles/onet/"
DEPRECATED_SOON = {"explaining-to-non-specialists", "knowledge-base-construction",
                   "information-library-building"}


def run(runner: CliRunner, *args: str, code: int = 0) -> Result:
    result = runner.invoke(main, list(args))
    detail = f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.exit_code == code, detail
    assert "Traceback" not in result.stdout + result.stderr, detail
    if code:
        assert len(result.stderr.strip().splitlines()) == 1, f"errors are one line: {detail}"
    return result


def _mapped(kg: Graph) -> list[tuple[URIRef, URIRef, URIRef]]:
    return sorted(
        (s, p, o) for p in MATCHES for s, o in kg.subject_objects(p)
        if isinstance(s, URIRef) and isinstance(o, URIRef)
        and str(s).startswith(("https://w3id.org/airoles/role/",
                               "https://w3id.org/airoles/competency/"))
    )


def _axioms(kg: Graph, s: URIRef, p: URIRef, o: URIRef) -> list[object]:
    return [a for a in kg.subjects(OWL.annotatedSource, s)
            if (a, OWL.annotatedProperty, p) in kg and (a, OWL.annotatedTarget, o) in kg
            and (a, RDF.type, OWL.Axiom) in kg]


# ------------------------------------------------------------------------- the mapping data


def test_every_mapping_has_one_justified_axiom(kg: Graph) -> None:
    mapped = _mapped(kg)
    assert len(mapped) >= 150
    problems = []
    for s, p, o in mapped:
        axioms = _axioms(kg, s, p, o)
        if len(axioms) != 1:
            problems.append(f"{s} {p} {o}: {len(axioms)} axioms")
            continue
        axiom = axioms[0]
        justification = kg.value(axiom, JUSTIFICATION)
        confidence = kg.value(axiom, CONFIDENCE)
        comments = [c for c in kg.objects(axiom, RDFS.comment)
                    if isinstance(c, Literal) and c.language == "en" and str(c).strip()]
        if justification not in (LEXICAL, MANUAL, SHARED_CODE):
            problems.append(f"{s} -> {o}: justification {justification}")
        if justification == MANUAL:
            if confidence is not None:
                problems.append(f"{s} -> {o}: a manual curation carries no confidence")
        elif not (isinstance(confidence, Literal) and confidence.datatype == XSD.double
                  and 0 < float(confidence) <= 1):
            problems.append(f"{s} -> {o}: confidence {confidence!r} is not a double in (0, 1]")
        if len(comments) != 1:
            problems.append(f"{s} -> {o}: {len(comments)} English comments")
    assert not problems, "\n".join(problems)


def test_annotation_properties_are_declared_in_both_languages() -> None:
    graph = Graph().parse(ontology_dir() / "mappings.ttl")
    for prop in (JUSTIFICATION, CONFIDENCE):
        assert (prop, RDF.type, OWL.AnnotationProperty) in graph
        assert {lab.language for lab in graph.objects(prop, RDFS.label)
                if isinstance(lab, Literal)} >= {"en", "fr"}


def test_every_role_and_half_the_competencies_are_mapped(kg: Graph) -> None:
    subjects = {s for s, _, _ in _mapped(kg)}
    roles = {r for r in kg.subjects(RDF.type, AIR.Role) if isinstance(r, URIRef)}
    competencies = {c for c in kg.subjects(SKOS.inScheme, COMP.scheme)
                    if isinstance(c, URIRef) and (c, OWL.deprecated, Literal(True)) not in kg}
    mapped_roles = roles & subjects
    assert len(mapped_roles) >= 26, sorted(roles - subjects)
    assert len(competencies & subjects) * 2 >= len(competencies), (
        len(competencies & subjects), len(competencies))
    # Every predicate and both reference classifications are used.
    predicates = {p for _, p, _ in _mapped(kg)}
    assert predicates == set(MATCHES)


def test_nothing_maps_a_deprecated_competency(kg: Graph) -> None:
    bad = [str(s) for s, _, _ in _mapped(kg)
           if (s, OWL.deprecated, Literal(True)) in kg
           or str(s).rsplit("/", 1)[1] in DEPRECATED_SOON]
    assert not bad


def test_lexical_comments_name_the_labels_that_matched(kg: Graph) -> None:
    for s, p, o in _mapped(kg):
        axiom = _axioms(kg, s, p, o)[0]
        if kg.value(axiom, JUSTIFICATION) == LEXICAL:
            comment = str(kg.value(axiom, RDFS.comment))
            assert comment.startswith("Lexical candidate (") and " = " in comment, comment


# ------------------------------------------------------- every target is a real concept

def _extract(relative: str, delimiter: str = ",") -> list[dict[str, str]]:
    path = FIXTURES / relative
    assert path.is_file(), (
        f"{path}: missing; the extracts must hold every ESCO and O*NET concept the crosswalk "
        "names: run `make third-party`"
    )
    return read_rows(path, delimiter)


def _esco_names() -> dict[str, str]:
    names = {row["conceptUri"]: row["preferredLabel"] for row in
             _extract("esco-1.2.0/occupations_en.csv")}
    for file in ("digitalSkillsCollection_en.csv", "transversalSkillsCollection_en.csv"):
        names.update({row["conceptUri"]: row["preferredLabel"]
                      for row in _extract(f"esco-1.2.0/{file}")})
    for row in _extract("esco-1.2.0/skillsHierarchy_en.csv"):
        for level in range(4):
            if row.get(f"Level {level} URI"):
                names.setdefault(row[f"Level {level} URI"], row[f"Level {level} preferred term"])
    return {iri: " ".join(name.split()) for iri, name in names.items()}


def _accepted(target: URIRef, known: dict[str, str]) -> set[str]:
    """The reference's own name; for O*NET, also the name qualified by its code, which tells
    apart the elements O*NET names alike (the Skills and the Knowledge "Mathematics")."""
    name = known[str(target)]
    code = str(target).rsplit("/", 1)[-1]
    return {name, f"{name} ({code})"} if str(target).startswith(ONET) else {name}


def _onet_names() -> dict[str, str]:
    names = {ONET + row["O*NET-SOC Code"]: row["Title"]
             for row in _extract("onet-29.2/Occupation Data.txt", "\t")}
    for file in ("Skills.txt", "Knowledge.txt"):
        names.update({ONET + "element/" + row["Element ID"]: row["Element Name"]
                      for row in _extract(f"onet-29.2/{file}", "\t")})
    names.update({ONET + "commodity/" + row["Commodity Code"]: row["Commodity Title"]
                  for row in _extract("onet-29.2/Technology Skills.txt", "\t")})
    return names


def test_every_target_is_in_the_reference_extracts_with_its_label(kg: Graph) -> None:
    targets = sorted({o for _, _, o in _mapped(kg)})
    esco = [t for t in targets if str(t).startswith(ESCO)]
    onet = [t for t in targets if str(t).startswith(ONET)]
    assert len(esco) + len(onet) == len(targets), "a target is neither ESCO nor O*NET"
    known = {**_esco_names(), **_onet_names()}
    wrong = []
    for target in targets:
        label = kg.value(target, RDFS.label)
        if str(target) not in known:
            wrong.append(f"{target}: not in the extracts")
        elif label is None or " ".join(str(label).split()) not in _accepted(target, known):
            wrong.append(f"{target}: label {label!r}, extract {known[str(target)]!r}")
    for target in onet:
        code = str(target).removeprefix(ONET).rsplit("/", 1)[-1]
        if str(kg.value(target, SKOS.notation)) != code:
            wrong.append(f"{target}: notation is not {code}")
        if kg.value(target, DCTERMS.source) != URIRef("https://w3id.org/airoles/source/onet-29-2"):
            wrong.append(f"{target}: source is not O*NET 29.2")
    assert not wrong, "\n".join(wrong)


# ------------------------------------------------------------------------------ SSSOM export

def test_curies_use_the_mapping_set_prefixes() -> None:
    assert curie(str(ROLE["ai-engineer"])) == "role:ai-engineer"
    assert curie(ONET + "element/2.A.2.a") == "onet:element/2.A.2.a"
    assert curie(ESCO + "occupation/x") == "ESCO:occupation/x"
    assert curie(str(SKOS.closeMatch)) == "skos:closeMatch"
    assert set(CURIE_MAP) == {"air", "role", "comp", "onet", "ESCO"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sssom")
    runner = CliRunner()
    out = {}
    for fmt, name in (("sssom-tsv", "x.sssom.tsv"), ("sssom-json", "x.sssom.json"),
                      ("turtle", "x.sssom.ttl")):
        out[fmt] = folder / name
        result = run(runner, "mappings", "--format", fmt, "--out", str(out[fmt]))
        assert result.stdout == f"wrote {out[fmt]}\n"
    return out


def test_sssom_tsv_parses_back_and_validates(exported: dict[str, Path], kg: Graph) -> None:
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    msdf = parse_sssom_table(exported["sssom-tsv"])
    reports = validate(msdf, fail_on_error=False)
    errors = [r for report in reports.values() for r in report.results]
    assert not errors, errors
    assert msdf.metadata["mapping_set_id"] == MAPPING_SET_ID
    assert msdf.metadata["mapping_set_version"] == project_version()
    assert msdf.metadata["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert set(CURIE_MAP.items()) <= set(msdf.converter.bimap.items())
    df = msdf.df
    assert len(df) == len(_mapped(kg))
    row = df[(df.subject_id == "role:ai-engineer")
             & (df.object_id == "ESCO:occupation/35553663-deab-4d9a-bf22-15c1625d28e8")]
    assert list(row.predicate_id) == ["skos:closeMatch"]
    assert list(row.object_label) == ["artificial intelligence engineer"]
    assert list(row.mapping_justification) == ["semapv:LexicalMatching"]
    manual = df[df.mapping_justification == "semapv:ManualMappingCuration"]
    assert len(manual) > 0 and manual.confidence.isna().all()
    assert df.comment.notna().all() and df.subject_label.notna().all()


def test_sssom_json_and_rdf_parse_back_to_the_same_mappings(exported: dict[str, Path]) -> None:
    from sssom.parsers import parse_sssom_json, parse_sssom_rdf, parse_sssom_table

    def triples(msdf: Any) -> set[tuple[str, ...]]:
        # Compared as full IRIs: a parser may leave an identifier as an IRI or a CURIE.
        def iri(value: str) -> str:
            return str(msdf.converter.expand(value) or value)

        return {tuple(iri(v) for v in (r.subject_id, r.predicate_id, r.object_id,
                                       r.mapping_justification))
                for r in msdf.df.itertuples()}

    tsv = triples(parse_sssom_table(exported["sssom-tsv"]))
    assert len(tsv) > 150
    assert triples(parse_sssom_json(exported["sssom-json"])) == tsv
    assert triples(parse_sssom_rdf(exported["turtle"])) == tsv


@pytest.mark.parametrize("fmt", ["sssom-tsv", "sssom-json", "turtle"])
def test_export_is_deterministic(fmt: str, runner: CliRunner, exported: dict[str, Path]) -> None:
    again = run(runner, "mappings", "--format", fmt).stdout
    assert again == exported[fmt].read_text(encoding="utf-8")


def test_export_includes_mappings_of_added_data(runner: CliRunner, tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/airoles/role/ai-engineer> skos:exactMatch "
        "<http://data.europa.eu/esco/occupation/example> .\n", encoding="utf-8")
    text = run(runner, "mappings", "--data", str(extra)).stdout
    line = next(x for x in text.splitlines() if "ESCO:occupation/example" in x)
    assert "skos:exactMatch" in line and "semapv:UnspecifiedMatching" in line


def test_export_where_no_file_can_be_written_is_exit_2_and_writes_nothing(
        runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    target = blocker / "x.tsv"
    assert "cannot write" in run(runner, "mappings", "--out", str(target), code=2).stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


# ------------------------------------------------------------------------ bindings by rows

def test_inject_rows_joins_every_row_and_rejects_ragged_rows() -> None:
    sparql = "SELECT ?x WHERE { ?x ?p ?o }"
    text = inject_rows(sparql, ["x", "n"], [[URIRef("urn:a"), Literal(1)],
                                            [URIRef("urn:b"), Literal(2)]])
    assert text.count("VALUES (?x ?n)") == 1 and "<urn:a>" in text and "<urn:b>" in text
    with pytest.raises(QueryError):
        inject_rows(sparql, ["x", "n"], [[URIRef("urn:a")]])
    assert inject_rows(sparql, [], []) == sparql


def test_bind_rows_coerces_each_cell_and_names_the_bad_row() -> None:
    query = get_query("match-roles")
    names, table = bind_rows(query, [{"have": "comp:python", "haveRank": "4"},
                                     {"have": "comp:sql", "haveRank": "2"}])
    assert names == ("have", "haveRank")
    assert table[1] == (COMP.sql, Literal(2, datatype=XSD.integer))
    with pytest.raises(QueryError, match="row 2"):
        bind_rows(query, [{"have": "comp:python", "haveRank": "4"},
                          {"have": "comp:sql", "haveRank": "two"}])
    with pytest.raises(QueryError, match="unknown parameter"):
        bind_rows(query, [{"skill": "comp:python"}])


def test_rows_are_terms_never_sparql_text(backend: Backend, kg: Graph) -> None:
    # A competency nobody requires: every requirement of every role comes back, missing.
    result = run_query("match-roles", {}, backend,
                       rows=[{"have": URIRef("urn:x"), "haveRank": "1"}])
    assert len(result) == len(set(kg.subject_objects(AIR.hasRequirement)))
    assert set(result.column("status")) == {Literal("missing")}
    # A cell holding SPARQL is refused as an IRI, never pasted into the query.
    evil = '"} ; DROP ALL ; SELECT * { ?s ?p ?o'
    with pytest.raises(QueryError):
        run_query("match-roles", {}, backend, rows=[{"have": evil, "haveRank": "1"}])


# --------------------------------------------------------------------------------- match

PROFILE = ["python=4", "machine learning=proficient", "deep-learning=3",
           "statistics=compétent", "2.A.2.a"]


@pytest.fixture(scope="module")
def engines(kg: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Backend]]:
    store, _ = open_store(tmp_path_factory.mktemp("store") / "s", kg)
    yield [RdflibBackend(kg), OxigraphBackend.from_graph(kg), store]


def test_match_answers_alike_on_every_backend(kg: Graph, engines: list[Backend]) -> None:
    holdings = ProfileResolver(kg).parse_all(PROFILE)
    rows = [{"have": h.competency, "haveRank": str(h.rank)} for h in holdings]
    answers = []
    for engine in engines:
        result = run_query("match-roles", {}, engine, rows=rows)
        answers.append(canonical_rows(Rows(result.variables, result.rows)))
    assert answers[0] and all(a == answers[0] for a in answers[1:])
    fits = [match_roles(engine, holdings) for engine in engines]
    assert fits[0] and all(f == fits[0] for f in fits[1:])


def test_match_ranks_the_closest_role_first_with_its_gaps_in_order(kg: Graph) -> None:
    resolver = ProfileResolver(kg)
    holdings = resolver.parse_all(PROFILE)
    assert [h.rank for h in holdings] == [4, 4, 3, 3, 3]
    assert holdings[-1].competency == COMP["critical-thinking"]  # an O*NET element ID
    fits = match_roles(kg, holdings)
    assert fits[0].role == str(ROLE["data-scientist"])
    assert [f.fit for f in fits] == sorted((f.fit for f in fits), reverse=True)
    for fit in fits:
        order = [(g.importance != "essential", g.status != "missing") for g in fit.gaps]
        # Missing essential, then essential under level, then the optional ones.
        assert [o[0] for o in order] == sorted(o[0] for o in order)
        essential = [o[1] for o in order if not o[0]]
        assert essential == sorted(essential)
        assert fit.met + len(fit.gaps) == fit.requirements
    statistics = next(g for g in fits[0].gaps if g.competency == str(COMP.statistics))
    assert (statistics.status, statistics.required_rank, statistics.person_rank) == (
        "under-level", 4, 3)
    # Having everything a role requires, at its levels, is a full fit with no gap.
    full = [f"{r.rsplit('/', 1)[1]}=5" for r in (
        str(o) for req in kg.objects(ROLE["data-scientist"], AIR.hasRequirement)
        for o in kg.objects(req, AIR.competency))]
    best = match_roles(kg, resolver.parse_all(full))[0]
    assert (best.role, best.fit, best.gaps) == (str(ROLE["data-scientist"]), 1.0, ())


def test_match_resolves_esco_and_onet_identifiers_through_the_crosswalk(kg: Graph) -> None:
    resolver = ProfileResolver(kg)
    esco_ml = "http://data.europa.eu/esco/skill/3a2d5b45-56e4-4f5a-a55a-4a4a65afdc43"
    assert resolver.competency(esco_ml) == COMP["machine-learning"]
    assert resolver.competency("onet:element/2.B.3.e") == COMP.programming
    assert resolver.competency("Apprentissage automatique") == COMP["machine-learning"]
    # A commodity the evidenced roles derive a competency from maps exactly to it ...
    assert resolver.competency("43232701") == COMP["onet-application-server-software"]
    with pytest.raises(InputError, match="maps no competency"):
        resolver.competency("43232606")  # ... one only broader than ours is no translation
    with pytest.raises(InputError, match="did you mean"):
        resolver.competency("pythn")
    with pytest.raises(InputError, match="unknown level"):
        resolver.parse("python=guru")


def test_match_command_formats(runner: CliRunner, tmp_path: Path) -> None:
    args = [a for item in PROFILE for a in ("--has", item)]
    table = run(runner, "match", *args, "--top", "3").stdout
    assert table.splitlines()[2].startswith("1     Data scientist (role:data-scientist)")
    assert re.search(r"\n  missing +Data analysis +essential", table)
    data = json.loads(run(runner, "match", *args, "--format", "json").stdout)
    assert data["roles"][0]["role"] == str(ROLE["data-scientist"])
    assert data["roles"][0]["gaps"][0]["status"] == "missing"
    assert len(data["competencies"]) == 5
    rows = list(csv.DictReader(io.StringIO(run(runner, "match", *args, "--format",
                                               "csv").stdout)))
    assert rows[0]["role"] == str(ROLE["data-scientist"]) and rows[0]["rank"] == "1"
    profile = tmp_path / "me.csv"
    profile.write_text("competency,level\nPython,4\nmachine learning,Proficient\n"
                       "deep-learning,3\nStatistics,3\n2.A.2.a,\n", encoding="utf-8")
    from_file = json.loads(run(runner, "match", "--from", str(profile), "--format",
                               "json").stdout)
    assert from_file["roles"] == data["roles"]
    store = tmp_path / "store"
    stored = json.loads(run(runner, "match", *args, "--format", "json", "--store",
                            str(store)).stdout)
    assert stored == data
    assert json.loads(run(runner, "match", *args, "--format", "json", "--backend",
                          "rdflib").stdout) == data


def test_match_bad_input_is_exit_2_one_line(runner: CliRunner, tmp_path: Path) -> None:
    assert "--has" in run(runner, "match", code=2).stderr
    assert "did you mean" in run(runner, "match", "--has", "pythn", code=2).stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("competency,level\npython,4\npython,guru\n", encoding="utf-8")
    assert f"{bad}:3: unknown level" in run(runner, "match", "--from", str(bad),
                                            code=2).stderr
    headless = tmp_path / "headless.csv"
    headless.write_text("skill,level\npython,4\n", encoding="utf-8")
    assert "no column 'competency'" in run(runner, "match", "--from", str(headless),
                                           code=2).stderr


# -------------------------------------------------------------------------------- search

def test_the_query_folds_every_label_as_text_fold_does(kg: Graph, backend: Backend) -> None:
    # The fold expression of the search query, applied to every label of the graph, gives
    # what airoles_kg.text.fold gives.
    text = get_query("search").sparql
    expression = re.search(r"BIND\((REPLACE\(.*\)) AS \?folded\)", text)
    assert expression
    rows = backend.select(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT DISTINCT ?label ?folded WHERE { ?s skos:prefLabel|skos:altLabel ?label . "
        f"BIND({expression.group(1)} AS ?folded) }}")
    assert len(rows.rows) > 300
    accented = [str(label) for label, _ in rows.rows if fold(str(label)) != str(label).lower()]
    assert len(accented) > 50
    wrong = [(str(label), str(folded)) for label, folded in rows.rows
             if str(folded) != fold(str(label))]
    assert not wrong, wrong[:10]
    for label in ("Ingénieur en données", "Éthique de l'IA", "UX writing", "CI/CD"):
        hits = search(backend, label)
        assert all(h.score <= 3 for h in hits)
        assert not hits or fold(label) in fold(hits[0].label)


def test_search_finds_french_and_alternative_labels_without_accents(kg: Graph) -> None:
    hits = search(kg, "ingenieure ia")
    assert (hits[0].resource, hits[0].label, hits[0].label_kind, hits[0].score) == (
        str(ROLE["ai-engineer"]), "Ingénieure IA", "alternative", 3)
    prompt = search(kg, "PROMPT ENGINEERING")
    assert prompt[0].resource == str(COMP["prompt-and-instruction-writing"])
    assert prompt[0].label_kind == "alternative"
    scores = [h.score for h in search(kg, "design")]
    assert scores == sorted(scores, reverse=True) and scores[0] == 3
    assert "role" in {h.type for h in search(kg, "ingénieur")}
    with pytest.raises(InputError):
        search(kg, " -- ")


def test_search_answers_alike_on_every_backend(engines: list[Backend]) -> None:
    answers = [search(engine, "Conception") for engine in engines]
    assert answers[0] and all(a == answers[0] for a in answers[1:])


def test_search_command(runner: CliRunner) -> None:
    table = run(runner, "search", "Gouvernance").stdout
    assert "comp:data-governance" in table and "Gouvernance des données" in table
    hits = json.loads(run(runner, "search", "ux", "--format", "json", "--limit", "0").stdout)
    assert {h["resource"] for h in hits} >= {str(ROLE["ux-designer"]), str(ROLE["ux-writer"])}
    rows = list(csv.DictReader(io.StringIO(run(runner, "search", "ml", "--format",
                                               "csv").stdout)))
    assert rows and set(rows[0]) == {"type", "resource", "label", "language", "label_kind",
                                     "score"}
    assert run(runner, "search", "zzzqqq").stdout == "Nothing found.\n"
    run(runner, "search", "!!", code=2)


def test_read_mappings_gives_one_row_per_mapping(kg: Graph) -> None:
    found = read_mappings(kg)
    assert len(found) == len(_mapped(kg))
    assert all(m.subject_label and m.object_label for m in found)


# ------------------------------------------------------------------ the candidate generator

def _shared(root: Path) -> Path:
    """A shared folder of tiny ESCO and O*NET files, in the layout of the real ones."""
    esco, onet = root / "data" / "esco-1.2.0", root / "data" / "onet-29.2"
    esco.mkdir(parents=True)
    onet.mkdir(parents=True)
    (esco / "occupations_en.csv").write_text(
        "conceptUri,preferredLabel,altLabels\n"
        "http://data.europa.eu/esco/occupation/o1,data scientist,\n"
        'http://data.europa.eu/esco/occupation/o2,artificial intelligence engineer,'
        '"AI engineer\nmachine learning engineer"\n', encoding="utf-8")
    skills = "conceptType,conceptUri,preferredLabel,altLabels\n"
    (esco / "digitalSkillsCollection_en.csv").write_text(
        skills + "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/s1,SQL,\n"
        "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/s2,graphic design,"
        "visual design | graphic designs\n", encoding="utf-8")
    (esco / "transversalSkillsCollection_en.csv").write_text(skills, encoding="utf-8")
    (esco / "skillsHierarchy_en.csv").write_text(
        "".join(f"Level {n} URI,Level {n} preferred term," for n in range(4)).rstrip(",")
        + "\nhttp://data.europa.eu/esco/isced-f/0542,statistics,,,,,,\n", encoding="utf-8")
    (onet / "Occupation Data.txt").write_text(
        "O*NET-SOC Code\tTitle\tDescription\n15-2051.00\tData Scientists\tx\n",
        encoding="utf-8")
    (onet / "Alternate Titles.txt").write_text(
        "O*NET-SOC Code\tTitle\tAlternate Title\n15-2051.00\tData Scientists\tData Engineer\n",
        encoding="utf-8")
    element = "O*NET-SOC Code\tTitle\tElement ID\tElement Name\n"
    (onet / "Skills.txt").write_text(
        element + "15-2051.00\tData Scientists\t2.A.2.a\tCritical Thinking\n", encoding="utf-8")
    (onet / "Knowledge.txt").write_text(element, encoding="utf-8")
    (onet / "Technology Skills.txt").write_text(
        "O*NET-SOC Code\tTitle\tExample\tCommodity Code\tCommodity Title\n"
        "15-2051.00\tData Scientists\tPython\t43232405\tObject or component oriented "
        "development software\n", encoding="utf-8")
    return root


def test_candidate_generator_proposes_scored_lexical_candidates(tmp_path: Path) -> None:
    import importlib.util
    import sys

    script = Path(__file__).resolve().parents[1] / "scripts" / "crosswalk_candidates.py"
    spec = importlib.util.spec_from_file_location("crosswalk_candidates", script)
    assert spec and spec.loader
    generator = importlib.util.module_from_spec(spec)
    sys.modules["crosswalk_candidates"] = generator
    spec.loader.exec_module(generator)
    assert generator.normalise("Data Normalisation and Models") == (
        "data", "normalization", "model")
    shared = _shared(tmp_path / "sources")
    out1, out2 = tmp_path / "a.tsv", tmp_path / "b.tsv"
    assert generator.main(["--shared", str(shared), "--out", str(out1)]) == 0
    assert generator.main(["--shared", str(shared), "--out", str(out2)]) == 0
    assert out1.read_bytes() == out2.read_bytes()
    rows = list(csv.DictReader(io.StringIO(out1.read_text(encoding="utf-8")), delimiter="\t"))
    found = {(r["subject"].rsplit("/", 1)[1], r["object"].rsplit("/", 1)[1]):
             (float(r["score"]), r["in_mappings"]) for r in rows}
    assert found[("data-scientist", "o1")] == (1.0, "")  # preferred = preferred; not mapped
    # The last column says which mapping ontology/mappings.ttl holds for the pair.
    assert found[("data-scientist", "15-2051.00")] == (1.0, "closeMatch")
    assert found[("data-engineer", "15-2051.00")][0] == 0.95  # preferred = alternative
    assert found[("ml-engineer", "o2")][0] == 0.95
    assert found[("sql", "s1")][0] == 1.0
    assert found[("visual-design", "s2")][0] == 0.95
    assert found[("critical-thinking", "2.A.2.a")] == (1.0, "closeMatch")
    assert found[("python", "43232405")] == (0.95, "broadMatch")  # a product example
    assert found[("statistics", "0542")][0] == 1.0
    assert all(0 < score <= 1 for score, _ in found.values())
    assert generator.main(["--shared", str(tmp_path / "nothing")]) == 2
