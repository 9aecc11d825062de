"""The query backends: binding by VALUES injection, term escaping, persistent stores, parity."""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from airoles_kg.backends.base import Backend, Rows
from airoles_kg.backends.bindings import inject_bindings
from airoles_kg.backends.compare import canonical_rows, canonical_term
from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.backends.factory import open_backend
from airoles_kg.backends.rdflib_graph import RdflibBackend
from airoles_kg.backends.store import open_store, recorded_fingerprint
from airoles_kg.errors import InputError, QueryError
from airoles_kg.rdf.terms import sparql_term
from integration.cases import SAMPLES, Case, answer, catalogue_cases

E = "http://e/"
A = URIRef(E + "a")

SMALL = """
@prefix : <http://e/> .
:a :p :b . :b :p :c . :a :q 1 . :b :q 2 . :c :label "c"@en, "c-fr"@fr .
"""

# Queries where a bound variable is seen in every kind of place; rdflib's initBindings
# pre-binds it everywhere, and injection must give the same answers.
PLACES = {
    "top-level": "SELECT ?o WHERE { ?x <http://e/p> ?o }",
    "union-branch-filter": (
        "SELECT ?o WHERE { { ?s <http://e/p> ?o FILTER(?s = ?x) } "
        "UNION { ?s <http://e/q> ?o FILTER(?s = ?x) } }"
    ),
    "nested-group-filter": "SELECT ?o WHERE { { ?s <http://e/p> ?o FILTER(?s = ?x) } }",
    "subquery-filter": (
        "SELECT ?o WHERE { { SELECT ?o WHERE { ?s <http://e/p> ?o FILTER(?s = ?x) } } }"
    ),
    "subquery-aggregate": (
        "SELECT ?n WHERE { { SELECT (COUNT(*) AS ?n) WHERE { ?x <http://e/p> ?o } } }"
    ),
    "aggregate-after-filter": (
        "SELECT (COUNT(?o) AS ?n) WHERE { ?s <http://e/p> ?o FILTER(?s != ?x) }"
    ),
    "bound-guard": "SELECT ?b WHERE { BIND(BOUND(?x) AS ?b) }",
    "optional-filter": (
        "SELECT ?s ?v WHERE { ?s <http://e/p> ?o OPTIONAL { ?s <http://e/q> ?v FILTER(?s = ?x) } }"
    ),
    "minus": "SELECT ?s WHERE { ?s <http://e/p> ?o MINUS { ?x <http://e/p> ?o } }",
    "not-exists": "SELECT ?s WHERE { ?s <http://e/p> ?o FILTER NOT EXISTS { ?x <http://e/p> ?s } }",
    "select-star-without-it": "SELECT * WHERE { ?s <http://e/p> ?o }",
    "select-star-with-it": "SELECT * WHERE { ?x <http://e/p> ?o }",
    "projected": "SELECT ?x ?o WHERE { ?x <http://e/p> ?o }",
    "dollar-variable": "SELECT ?o WHERE { $x <http://e/p> ?o }",
    "values-clause-after": "SELECT ?o WHERE { ?x <http://e/p> ?o } VALUES ?o { <http://e/b> }",
}


@pytest.fixture(scope="module")
def small() -> Graph:
    graph = Graph()
    graph.parse(data=SMALL, format="turtle")
    return graph


def _by_name(rows: Rows) -> list[tuple[object, ...]]:
    """Rows with columns in variable-name order (SELECT * orders them freely), canonicalised."""
    order = sorted(range(len(rows.variables)), key=lambda i: rows.variables[i])
    names = tuple(rows.variables[i] for i in order)
    return [(names, *row) for row in canonical_rows(
        Rows(names, tuple(tuple(r[i] for i in order) for r in rows.rows)))]


@pytest.mark.parametrize("name", sorted(PLACES))
def test_injection_matches_rdflib_init_bindings(name: str, small: Graph) -> None:
    query = PLACES[name]
    reference = RdflibBackend(small).select(query, {"x": A})
    injected_rdflib = RdflibBackend(small).select(inject_bindings(query, {"x": A}))
    oxigraph = OxigraphBackend.from_graph(small).select(query, {"x": A})
    assert reference.rows, "a comparison on no rows would prove nothing"
    assert _by_name(oxigraph) == _by_name(reference)
    assert _by_name(injected_rdflib) == _by_name(reference)


def test_injection_binds_a_variable_outside_the_select_projection(small: Graph) -> None:
    # pyoxigraph's own `substitutions` refuse this; the VALUES block does not.
    rows = OxigraphBackend.from_graph(small).select("SELECT ?o WHERE { ?x <http://e/p> ?o }",
                                                    {"x": A})
    assert rows.rows == ((URIRef(E + "b"),),)
    with pytest.raises(RuntimeError, match="projection"):
        ox.Store().query("SELECT ?o WHERE { ?x <http://e/p> ?o }",
                         substitutions={ox.Variable("x"): ox.NamedNode(str(A))})


def test_injection_skips_braces_in_comments_strings_and_data_blocks() -> None:
    query = (
        "PREFIX e: <http://e/>  # a { brace in a comment\n"
        "SELECT ?o WHERE {\n"
        "  ?x e:p ?o . FILTER(?o != \"{ not a group }\" && ?o != '''}''')\n"
        "  VALUES ?o { e:b e:c }\n"
        "  { SELECT ?o WHERE { ?o e:q ?x } }\n"
        "  OPTIONAL { ?o e:label ?label }\n"
        "  MINUS { ?o e:q 7 }\n"
        "}\n"
    )
    out = inject_bindings(query, {"x": A})
    block = "VALUES ?x { <http://e/a> }"
    # The WHERE group, the sub-query's WHERE group (it mentions ?x) and the MINUS group (its
    # answer depends on shared variables); not the OPTIONAL group, which does not mention ?x.
    assert out.count(block) == 3
    assert out.index(block) > out.index("SELECT ?o WHERE {")
    assert "{ SELECT ?o WHERE { " + block in out  # not before SELECT: that would not parse
    assert "OPTIONAL { ?o e:label ?label }" in out
    assert "MINUS { " + block in out
    assert "# a { brace in a comment" in out
    assert '"{ not a group }"' in out
    assert "VALUES ?o { e:b e:c }" in out  # the data block untouched
    Graph().query(out)  # still parses


def test_injection_skips_construct_template() -> None:
    query = "CONSTRUCT { ?x <http://e/r> ?o } WHERE { ?x <http://e/p> ?o }"
    out = inject_bindings(query, {"x": A})
    assert out == ("CONSTRUCT { ?x <http://e/r> ?o } WHERE { VALUES ?x { <http://e/a> } "
                   "?x <http://e/p> ?o }")


def test_injection_refuses_construct_where_short_form() -> None:
    with pytest.raises(QueryError, match="CONSTRUCT WHERE"):
        inject_bindings("CONSTRUCT WHERE { ?x <http://e/p> ?o }", {"x": A})


def test_injection_leaves_absent_variables_and_empty_bindings_alone() -> None:
    query = "SELECT ?o WHERE { ?s <http://e/p> ?o }"
    assert inject_bindings(query, {"x": A}) == query
    assert inject_bindings(query, {}) == query
    assert inject_bindings(query, None) == query


def test_injection_refuses_unterminated_string() -> None:
    with pytest.raises(QueryError, match="line 2: unterminated string"):
        inject_bindings('SELECT ?x WHERE {\n ?x ?p "oops }', {"x": A})


TRICKY = [
    Literal('say "hi" }'),
    Literal("two\nlines\r\tand \\ backslash"),
    Literal("ends with a quote\""),
    Literal('x" } . ?s ?p ?o . FILTER("'),
    Literal("accentué ingénieur 漢字 😀", lang="fr"),
    Literal("42", datatype=XSD.integer),
    Literal("2.5", datatype=XSD.decimal),
    Literal("\x01control"),
]


@pytest.mark.parametrize("term", TRICKY, ids=lambda t: repr(str(t))[:30])
@pytest.mark.parametrize("kind", ["rdflib", "oxigraph"])
def test_bound_literal_comes_back_verbatim(term: Literal, kind: str) -> None:
    backend: Backend = RdflibBackend(Graph()) if kind == "rdflib" else OxigraphBackend()
    rows = backend.select("SELECT ?out WHERE { BIND(?v AS ?out) }", {"v": term})
    assert rows.rows == ((term,),)


def _exactly(term: object) -> tuple[object, ...]:
    """Everything rdflib keeps about a term, beyond what term equality compares."""
    if isinstance(term, Literal):
        return (Literal, str(term), term.language, term.datatype, term.value, term.ill_typed)
    return (type(term), str(term))


def test_oxigraph_answers_with_the_terms_rdflib_builds() -> None:
    # Each distinct term of an answer is converted once: repeated terms, unbound values and
    # look-alike terms (the same text as an IRI, a string, a tagged or a typed literal) must
    # still come back exactly as rdflib builds them.
    objects = [*TRICKY, URIRef(E + "x"), Literal(E + "x"), Literal(E + "x", lang="en"),
               Literal("1"), Literal("1", lang="en"), Literal("1", datatype=XSD.integer),
               Literal("01", datatype=XSD.integer), Literal("1", datatype=XSD.boolean),
               Literal("true", datatype=XSD.boolean), Literal("x", datatype=XSD.double),
               Literal("x", datatype=URIRef(E + "type")), Literal("", lang="en")]
    graph = Graph()
    for i, obj in enumerate(objects):
        graph.add((URIRef(f"{E}s{i}"), URIRef(E + "p"), obj))
    backend = OxigraphBackend.from_graph(graph)
    rows = backend.select(
        "SELECT ?s ?o ?none ?o2 WHERE { ?s <http://e/p> ?o . ?s2 <http://e/p> ?o2 "
        "OPTIONAL { ?s <http://e/none> ?none } }")
    expected = {(s, o) for s, _, o in graph}
    assert len(rows.rows) == len(objects) ** 2
    assert {(s, o) for s, o, _, _ in rows.rows} == expected
    exact = {_exactly(o) for _, o in expected}
    assert {_exactly(row[1]) for row in rows.rows} == exact
    assert {_exactly(row[3]) for row in rows.rows} == exact
    assert all(row[2] is None for row in rows.rows)


def test_oxigraph_answers_leave_the_garbage_collector_as_they_found_it() -> None:
    # The cycle collector is paused while an answer is converted, then restored, even when the
    # conversion fails (a triple term has no rdflib equivalent).
    backend = OxigraphBackend()
    query = "SELECT ?o WHERE { VALUES ?o { 1 2 } }"
    triple_term = "SELECT ?t WHERE { BIND(TRIPLE(<http://e/a>, <http://e/p>, <http://e/b>) AS ?t) }"
    assert gc.isenabled()
    assert len(backend.select(query).rows) == 2
    assert gc.isenabled()
    with pytest.raises(TypeError, match="cannot convert"):
        backend.select(triple_term).rows  # noqa: B018 - the rows are converted when read
    assert gc.isenabled()
    gc.disable()
    try:
        assert len(backend.select(query).rows) == 2
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("term", TRICKY, ids=lambda t: repr(str(t))[:30])
def test_ascii_only_terms_are_ascii_and_parse_back(term: Literal) -> None:
    text = sparql_term(term, ascii_only=True)
    assert text.isascii()
    rows = OxigraphBackend().store.query(f"SELECT ?out WHERE {{ BIND({text} AS ?out) }}")
    assert [s["out"].value for s in rows] == [str(term)]  # type: ignore[index, union-attr]


@pytest.mark.parametrize("iri", ["http://e/a b", "http://e/a>", 'http://e/"', "http://e/{x}", ""])
def test_invalid_iri_is_refused(iri: str) -> None:
    with pytest.raises(QueryError, match="not a valid IRI"):
        sparql_term(URIRef(iri))


def test_blank_node_cannot_be_bound() -> None:
    with pytest.raises(QueryError, match="blank node"):
        inject_bindings("SELECT ?o WHERE { ?x ?p ?o }", {"x": BNode()})


def test_canonical_terms_compare_numbers_by_value() -> None:
    assert canonical_term(Literal("2", datatype=XSD.integer)) == canonical_term(
        Literal("2.0", datatype=XSD.decimal))
    assert canonical_term(Literal("0.3333333333333333333", datatype=XSD.decimal)) == \
        canonical_term(Literal("0.333333333333", datatype=XSD.double))
    assert canonical_term(Literal("2", datatype=XSD.integer)) != canonical_term(
        Literal("3", datatype=XSD.integer))
    assert canonical_term(Literal("x", datatype=XSD.string)) == canonical_term(Literal("x"))
    assert canonical_term(Literal("x", lang="EN")) == canonical_term(Literal("x", lang="en"))
    assert canonical_term(Literal("x", lang="en")) != canonical_term(Literal("x", lang="fr"))
    assert canonical_term(Literal("1", datatype=XSD.boolean)) == canonical_term(Literal(True))
    assert canonical_term(None) is None


# --------------------------------------------------------------------------------------------
# Every catalogue query: same answers on rdflib and on the embedded Oxigraph store

CASES = catalogue_cases()


def test_every_required_parameter_has_a_sample_value() -> None:
    assert CASES, "no catalogue query found"
    missing = {(c.query.name, p.name) for c in CASES for p in c.query.params
               if p.required and p.name not in SAMPLES}
    assert not missing, f"add sample values to integration/cases.py SAMPLES: {missing}"


@pytest.fixture(scope="module")
def engines(kg: Graph) -> tuple[RdflibBackend, OxigraphBackend]:
    return RdflibBackend(kg), OxigraphBackend.from_graph(kg)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_catalogue_query_same_answer_on_rdflib_and_oxigraph(
    case: Case, engines: tuple[RdflibBackend, OxigraphBackend]
) -> None:
    reference = answer(case, engines[0])
    assert answer(case, engines[1]) == reference


def test_catalogue_comparison_is_not_vacuous(engines: tuple[RdflibBackend, OxigraphBackend]
                                            ) -> None:
    # Every query promising rows gives rows with its required sample parameters.
    empty = []
    for case in CASES:
        if case.query.header.expect == "rows" and all(
            p.required for p in case.query.params if p.name in dict(case.params)
        ):
            result = answer(case, engines[1])
            assert isinstance(result, tuple)
            if not result[2]:
                empty.append(case.id)
    assert not empty


# --------------------------------------------------------------------------------------------
# Persistent stores and the factory


def test_persistent_store_loads_once_then_reuses(tmp_path: Path, kg: Graph) -> None:
    folder = tmp_path / "store"
    backend, loaded = open_store(folder, kg, fingerprint="build-1")
    assert loaded
    assert len(backend) == len(kg)
    del backend
    backend, loaded = open_store(folder, fingerprint="build-1")
    assert not loaded  # reused without parsing anything
    assert len(backend) == len(kg)
    assert recorded_fingerprint(folder) == "build-1"
    del backend


def test_persistent_store_reloads_when_the_build_changes(tmp_path: Path, small: Graph,
                                                         kg: Graph) -> None:
    folder = tmp_path / "store"
    backend, _ = open_store(folder, small, fingerprint="old")
    assert len(backend) == len(small)
    del backend
    backend, loaded = open_store(folder, kg, fingerprint="new")
    assert loaded
    assert len(backend) == len(kg)  # replaced, not added to
    del backend


def test_persistent_store_default_fingerprint_is_the_build(tmp_path: Path, kg: Graph) -> None:
    backend, loaded = open_store(tmp_path / "s", kg)
    assert loaded
    del backend
    backend, loaded = open_store(tmp_path / "s")
    assert not loaded
    assert len(backend) == len(kg)
    del backend


def test_store_path_that_is_a_file_is_bad_input(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(InputError, match="must be a folder"):
        open_store(target)


def test_open_backend_kinds(kg: Graph, tmp_path: Path) -> None:
    from airoles_kg.backends.remote import RemoteBackend

    assert isinstance(open_backend("rdflib", kg), RdflibBackend)
    assert isinstance(open_backend("oxigraph", kg), OxigraphBackend)
    assert isinstance(open_backend(graph=kg), OxigraphBackend)  # the default
    remote = open_backend("http://127.0.0.1:9/query", timeout=2, retries=0)
    assert isinstance(remote, RemoteBackend)
    assert isinstance(remote, Backend)
    persistent = open_backend("oxigraph", kg, tmp_path / "s")
    assert isinstance(persistent, OxigraphBackend)
    with pytest.raises(InputError, match="unknown backend"):
        open_backend("jena", kg)
    with pytest.raises(InputError, match="needs the oxigraph backend"):
        open_backend("rdflib", kg, tmp_path / "s")


def test_cli_query_with_store_reuses_it(runner: object, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from airoles_kg.cli import main

    assert isinstance(runner, CliRunner)
    args = ["query", "competencies-of-role", "-p", "role=ai-engineer", "--format", "csv"]
    plain = runner.invoke(main, args)
    first = runner.invoke(main, [*args, "--store", str(tmp_path / "s")])
    second = runner.invoke(main, [*args, "--store", str(tmp_path / "s")])
    assert plain.exit_code == first.exit_code == second.exit_code == 0, first.output
    assert plain.stdout == first.stdout == second.stdout
    assert plain.stdout.count("\n") > 5


def test_cli_query_on_a_loaded_store_does_not_parse_the_sources(
    runner: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store that already holds the build answers without parsing the sources again; only a
    parameter given by name (slug or label) needs the graph, to be resolved."""
    from click.testing import CliRunner

    import airoles_kg.kg.load
    from airoles_kg.cli import main

    assert isinstance(runner, CliRunner)
    store = ["--store", str(tmp_path / "s"), "--format", "csv"]
    by_curie = ["query", "competencies-of-role", "-p", "role=role:ai-engineer", *store]
    first = runner.invoke(main, by_curie)
    assert first.exit_code == 0, first.output

    def refuse(*_args: object, **_kwargs: object) -> Graph:
        raise AssertionError("the sources were parsed")

    monkeypatch.setattr(airoles_kg.kg.load, "load_graph", refuse)
    second = runner.invoke(main, by_curie)
    assert second.exit_code == 0, second.output
    assert second.stdout == first.stdout
    by_slug = runner.invoke(main, [*by_curie[:3], "role=ai-engineer", *store])
    assert by_slug.exit_code != 0
    assert "the sources were parsed" in by_slug.output
