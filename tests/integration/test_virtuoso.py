"""OpenLink Virtuoso (Debian's virtuoso-opensource): push, remote answers, update, re-push.

Virtuoso's default graph is the union of every graph, its own system graphs included, so the
pushed graph is queried by name (``default-graph-uri``). Writes go through the digest-protected
endpoints of the fresh database's DBA account: ``/sparql-graph-crud-auth`` (Graph Store
protocol) and ``/sparql-auth`` (SPARQL Update).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.backends.remote import RemoteBackend
from airoles_kg.cli import main
from airoles_kg.errors import EndpointError
from airoles_kg.namespaces import ROLE
from airoles_kg.net.push import DEFAULT_GRAPH_IRI, count_triples, push, sparql_update
from airoles_kg.rdf.terms import sparql_term

from .cases import Case, answer, catalogue_cases, difference
from .conftest import Virtuoso

pytestmark = pytest.mark.integration

CASES = catalogue_cases()
PASSWORD_VAR = "AIROLES_TEST_VIRTUOSO_PASSWORD"


@pytest.fixture(scope="module")
def pushed(virtuoso: Virtuoso, kg: Graph) -> Iterator[Virtuoso]:
    """The build pushed to Virtuoso with ``airoles-kg push`` (Graph Store PUT, digest auth)."""
    result = CliRunner().invoke(
        main,
        ["push", "--endpoint", virtuoso.sparql_auth, "--gsp-endpoint", virtuoso.gsp_auth,
         "--user", virtuoso.user, "--password-env", PASSWORD_VAR],
        env={PASSWORD_VAR: virtuoso.password},
    )
    assert result.exit_code == 0, result.output
    assert f"pushed {len(kg)} triples into <{DEFAULT_GRAPH_IRI}> by Graph Store PUT" \
        in result.stdout
    yield virtuoso


def _remote(virtuoso: Virtuoso) -> RemoteBackend:
    return RemoteBackend(virtuoso.sparql, default_graph=DEFAULT_GRAPH_IRI, timeout=30)


def test_push_holds_exactly_the_build(pushed: Virtuoso, kg: Graph) -> None:
    assert count_triples(_remote(pushed), DEFAULT_GRAPH_IRI) == len(kg)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_virtuoso_answers_equal_local_ones(case: Case, pushed: Virtuoso,
                                           local: OxigraphBackend) -> None:
    remote, here = answer(case, _remote(pushed)), answer(case, local)
    assert remote == here, difference(remote, here)


def _english_label(remote: RemoteBackend, role: URIRef) -> list[Literal]:
    rows = remote.select(
        "SELECT ?l WHERE { ?r <http://www.w3.org/2004/02/skos/core#prefLabel> ?l "
        "FILTER(LANG(?l) = 'en') }", {"r": role})
    return [row[0] for row in rows.rows]  # type: ignore[misc]


@pytest.mark.parametrize("via", ["gsp", "update"])
def test_update_then_repush_loses_and_duplicates_nothing(via: str, pushed: Virtuoso,
                                                         kg: Graph) -> None:
    graph_iri = f"https://w3id.org/airoles/ontology/test-{via}"
    # A Graph Store URL that does not exist (404) makes push fall back to SPARQL Update.
    gsp = pushed.gsp_auth if via == "gsp" else f"{pushed.base}/no-graph-store-here"
    auth = {"user": pushed.user, "password": pushed.password}
    remote = RemoteBackend(pushed.sparql, default_graph=graph_iri)
    role = ROLE["knowledge-architect"]
    built = [o for o in kg.objects(role, SKOS.prefLabel) if o.language == "en"]

    for _ in range(2):
        report = push(kg, pushed.sparql_auth, graph_iri=graph_iri, gsp_endpoint=gsp,
                      chunk_size=1500, **auth)
        assert report.method == via
        assert count_triples(remote, graph_iri) == len(kg)

    target = sparql_term(URIRef(graph_iri))
    sparql_update(pushed.sparql_auth,
                  f"WITH {target} DELETE {{ ?r <{SKOS.prefLabel}> ?l }} "
                  f"INSERT {{ ?r <{SKOS.prefLabel}> \"Changed\"@en }} "
                  f"WHERE {{ ?r <{SKOS.prefLabel}> ?l "
                  f"FILTER(?r = {sparql_term(role)} && LANG(?l) = 'en') }}", **auth)
    assert _english_label(remote, role) == [Literal("Changed", lang="en")]
    assert count_triples(remote, graph_iri) == len(kg)

    push(kg, pushed.sparql_auth, graph_iri=graph_iri, gsp_endpoint=gsp, **auth)
    assert _english_label(remote, role) == built
    assert count_triples(remote, graph_iri) == len(kg)


def test_wrong_password_is_an_auth_error(virtuoso: Virtuoso, kg: Graph) -> None:
    with pytest.raises(EndpointError, match=r"401 authentication refused"):
        push(kg, virtuoso.sparql_auth, gsp_endpoint=virtuoso.gsp_auth, user="dba",
             password="not-the-password", retries=0)


def test_anonymous_graph_store_write_is_refused(virtuoso: Virtuoso, kg: Graph) -> None:
    with pytest.raises(EndpointError, match=r"401 authentication refused|403 forbidden"):
        push(kg, virtuoso.sparql, gsp_endpoint=virtuoso.gsp_anonymous, retries=0)


def test_bad_query_shows_the_server_message(virtuoso: Virtuoso) -> None:
    with pytest.raises(EndpointError, match=r"(400|500) .*: .*\S") as caught:
        RemoteBackend(virtuoso.sparql, retries=0).select("SELECT ?x WHERE { ?x ?y }")
    assert "\n" not in str(caught.value)


def test_startup_time_is_recorded(virtuoso: Virtuoso) -> None:
    assert float(os.environ["AIROLES_TEST_VIRTUOSO_START"]) < 90
    assert re.match(r"http://127\.0\.0\.1:\d+$", virtuoso.base)
