"""Remote validation without a server: the Virtuoso dialect (each rewrite gives the same answers
as the original query on Oxigraph), shapes that cannot run remotely are named, and the
command line's errors."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph

from airoles_kg.backends.remote import RemoteBackend
from airoles_kg.cli import main
from airoles_kg.errors import InputError
from airoles_kg.shacl.fast.remote import Dialect, validate_endpoint

DATA = """
@prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:p ex:b ; ex:n 3, "3", "03"^^xsd:integer, "A", "A"@en ; ex:next ex:b .
ex:b ex:next ex:c . ex:c ex:next ex:a . ex:d ex:next ex:e .
"""

VIRTUOSO = Dialect("virtuoso")

#: One query per Virtuoso difference, run as written and as rewritten.
REWRITTEN = {
    "sameTerm with an IRI": "SELECT ?s ?v WHERE { ?s ?p ?v "
    "FILTER(sameTerm(?v, <http://example.org/b>)) }",
    "sameTerm of datatype()": "SELECT ?v WHERE { ?s ?p ?v FILTER(sameTerm(datatype(?v), "
    "<http://www.w3.org/2001/XMLSchema#integer>)) }",
    "sameTerm with a typed literal": 'SELECT ?v WHERE { ?s ?p ?v FILTER(sameTerm(?v, '
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>)) }',
    "sameTerm with a simple literal": 'SELECT ?v WHERE { ?s ?p ?v FILTER(sameTerm(?v, "A")) }',
    "a cycle ?x p+ ?x": "SELECT ?this WHERE { ?this <http://example.org/next> ?_o . "
    "?this <http://example.org/next>+ ?this . }",
}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    found = ox.Store()
    found.load(DATA.encode(), format=ox.RdfFormat.TURTLE)
    return found


def _answers(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return sorted(tuple(str(term) for term in sol) for sol in result)


@pytest.mark.parametrize("name", sorted(REWRITTEN))
def test_each_virtuoso_rewrite_keeps_the_answers(name: str, store: ox.Store) -> None:
    query = REWRITTEN[name]
    rewritten = VIRTUOSO.rewrite(query)
    assert rewritten != query, "the rewrite must apply"
    assert _answers(store, rewritten) == _answers(store, query)
    assert _answers(store, query), "a query with answers, so that the comparison means something"


def test_other_servers_get_the_query_as_it_is() -> None:
    for query in REWRITTEN.values():
        assert Dialect("sparql11").rewrite(query) == query


def test_language_tagged_constants_are_left_alone() -> None:
    query = 'SELECT ?v WHERE { ?s ?p ?v FILTER(sameTerm(?v, "A"@en)) }'
    assert VIRTUOSO.rewrite(query) == query


def test_dialect_by_endpoint_and_by_name() -> None:
    assert Dialect.for_endpoint("http://h:8890/sparql-auth").name == "virtuoso"
    assert Dialect.for_endpoint("http://h:7878/query").name == "sparql11"
    assert Dialect.for_endpoint("http://h:7878/query", "virtuoso").name == "virtuoso"
    with pytest.raises(InputError, match="unknown server dialect"):
        Dialect.for_endpoint("http://h/sparql", "jena")


#: A shape the compiler runs, and one it does not (a SPARQL constraint with VALUES).
UNSUPPORTED = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:Compiled a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .
ex:NotCompiled a sh:NodeShape ; sh:targetClass ex:C ;
  sh:sparql [ sh:select "SELECT $this WHERE { VALUES ?x { 1 } $this ex:p ?x }" ] .
"""


def _nowhere() -> RemoteBackend:
    # Port 9 (discard) on the loopback: nothing answers there; no query may be sent.
    return RemoteBackend("http://127.0.0.1:9/sparql", timeout=2, retries=0)


def test_shapes_that_cannot_run_remotely_are_named() -> None:
    shapes = Graph().parse(data=UNSUPPORTED, format="turtle")
    with pytest.raises(InputError, match=r"1 shape\(s\) cannot run on a remote endpoint: "
                       r"http://example.org/NotCompiled \(SPARQL constraint"):
        validate_endpoint(_nowhere(), shapes)


def test_rules_cannot_run_remotely() -> None:
    shapes = Graph().parse(data=UNSUPPORTED + "ex:Compiled sh:rule [ a sh:TripleRule ] .",
                           format="turtle")
    with pytest.raises(InputError, match="cannot run on a remote endpoint"):
        validate_endpoint(_nowhere(), shapes)


def test_cli_refuses_files_with_an_endpoint(runner: CliRunner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data.ttl"
    data.write_text("<http://example.org/a> a <http://example.org/C> .\n")
    result = runner.invoke(main, ["validate", str(data), "--endpoint", "http://127.0.0.1:9/q"])
    assert result.exit_code == 2
    assert "--endpoint validates the data at the server" in result.stderr


def test_cli_names_the_shapes_it_cannot_run(runner: CliRunner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(UNSUPPORTED)
    result = runner.invoke(main, ["validate", "--shapes", str(shapes), "--endpoint",
                                  "http://127.0.0.1:9/query", "--timeout", "2"])
    assert result.exit_code == 2
    assert "http://example.org/NotCompiled" in result.stderr
    assert "--allow-partial" in result.stderr
    assert "Traceback" not in result.output


def test_cli_unreachable_endpoint_is_one_line(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "--endpoint", "http://127.0.0.1:9/query",
                                  "--timeout", "2"])
    assert result.exit_code == 1
    assert "http://127.0.0.1:9/query: unreachable" in result.stderr
    assert "Traceback" not in result.output

