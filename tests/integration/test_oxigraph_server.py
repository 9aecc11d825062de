"""A real Oxigraph SPARQL server: serve, remote queries equal to local ones, push, errors."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.backends.remote import RemoteBackend
from airoles_kg.cli import main
from airoles_kg.errors import EndpointError, InputError
from airoles_kg.namespaces import ROLE
from airoles_kg.net.push import DEFAULT_GRAPH_IRI, count_triples, push, sparql_update
from airoles_kg.net.server import OxigraphServer, port_is_free
from airoles_kg.rdf.terms import sparql_term
from processes import CLI

from .cases import Case, answer, catalogue_cases, difference
from .conftest import free_port

pytestmark = pytest.mark.integration

CASES = catalogue_cases()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_served_answers_equal_local_ones(case: Case, oxigraph_server: OxigraphServer,
                                         local: OxigraphBackend) -> None:
    remote = RemoteBackend(oxigraph_server.query_url, timeout=30, retries=2)
    there, here = answer(case, remote), answer(case, local)
    assert there == here, difference(there, here)


def test_served_store_holds_the_build(oxigraph_server: OxigraphServer, kg: Graph) -> None:
    remote = RemoteBackend(oxigraph_server.query_url)
    rows = remote.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(str(rows.rows[0][0])) == len(kg)


def test_read_only_server_refuses_updates(oxigraph_server: OxigraphServer) -> None:
    with pytest.raises(EndpointError, match=r"40\d|server error"):
        sparql_update(oxigraph_server.update_url, "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                      retries=0)


def test_cli_query_endpoint_prints_what_local_prints(oxigraph_server: OxigraphServer) -> None:
    runner = CliRunner()
    args = ["query", "compare-roles", "-p", "roleA=ml-infrastructure-engineer",
            "-p", "roleB=AI engineer", "--format", "csv"]
    here = runner.invoke(main, args)
    there = runner.invoke(main, [*args, "--endpoint", oxigraph_server.query_url,
                                 "--timeout", "10", "--retries", "1"])
    assert here.exit_code == there.exit_code == 0, there.output
    assert sorted(there.stdout.splitlines()) == sorted(here.stdout.splitlines())
    assert len(here.stdout.splitlines()) > 5


def test_unreachable_endpoint_is_exit_1_one_line() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    result = CliRunner().invoke(main, ["query", "statistics", "--endpoint", url,
                                       "--retries", "0"])
    assert result.exit_code == 1
    assert re.fullmatch(r"error: .*unreachable \(.*\)\n", result.stderr)


# --------------------------------------------------------------------------------------------
# push, update, re-push


def _label(remote: RemoteBackend, graph_iri: str, role: URIRef) -> list[Literal]:
    rows = remote.select(
        f"SELECT ?l WHERE {{ GRAPH {sparql_term(URIRef(graph_iri))} "
        "{ ?r <http://www.w3.org/2004/02/skos/core#prefLabel> ?l FILTER(LANG(?l) = 'en') } }",
        {"r": role},
    )
    return [row[0] for row in rows.rows]  # type: ignore[misc]


@pytest.mark.parametrize("via", ["gsp", "update"])
def test_push_update_repush_loses_and_duplicates_nothing(
    via: str, writable_oxigraph: OxigraphServer, kg: Graph
) -> None:
    server = writable_oxigraph
    graph_iri = f"https://w3id.org/airoles/ontology/test-{via}"
    gsp = server.store_url if via == "gsp" else None  # None: PUT /update is refused, fall back
    remote = RemoteBackend(server.query_url)
    role = ROLE["ai-engineer"]
    built = [o for o in kg.objects(role, SKOS.prefLabel) if o.language == "en"]

    first = push(kg, server.update_url, graph_iri=graph_iri, gsp_endpoint=gsp, chunk_size=1000)
    assert first.method == via
    assert count_triples(remote, graph_iri) == len(kg)
    again = push(kg, server.update_url, graph_iri=graph_iri, gsp_endpoint=gsp)
    assert again.method == via
    assert count_triples(remote, graph_iri) == len(kg)  # one copy, not two

    target = sparql_term(URIRef(graph_iri))
    sparql_update(server.update_url,
                  f"DELETE {{ GRAPH {target} {{ ?r <{SKOS.prefLabel}> ?l }} }} "
                  f"INSERT {{ GRAPH {target} {{ ?r <{SKOS.prefLabel}> \"Changed\"@en }} }} "
                  f"WHERE {{ GRAPH {target} {{ ?r <{SKOS.prefLabel}> ?l "
                  f"FILTER(?r = {sparql_term(role)} && LANG(?l) = 'en') }} }}")
    assert _label(remote, graph_iri, role) == [Literal("Changed", lang="en")]

    push(kg, server.update_url, graph_iri=graph_iri, gsp_endpoint=gsp)
    assert _label(remote, graph_iri, role) == built
    assert count_triples(remote, graph_iri) == len(kg)


def test_push_command_to_oxigraph(writable_oxigraph: OxigraphServer, kg: Graph) -> None:
    result = CliRunner().invoke(main, ["push", "--endpoint", writable_oxigraph.update_url,
                                       "--gsp-endpoint", writable_oxigraph.store_url])
    assert result.exit_code == 0, result.output
    assert f"pushed {len(kg)} triples into <{DEFAULT_GRAPH_IRI}> by Graph Store PUT" \
        in result.stdout
    remote = RemoteBackend(writable_oxigraph.query_url, default_graph=DEFAULT_GRAPH_IRI)
    assert count_triples(remote, DEFAULT_GRAPH_IRI) == len(kg)
    # Queried with --graph, the pushed graph answers like the local build.
    runner = CliRunner()
    args = ["query", "statistics", "--format", "csv"]
    there = runner.invoke(main, [*args, "--endpoint", writable_oxigraph.query_url,
                                 "--graph", DEFAULT_GRAPH_IRI])
    assert there.exit_code == 0, there.output
    assert sorted(there.stdout.splitlines()) == sorted(runner.invoke(main, args).stdout
                                                       .splitlines())


# --------------------------------------------------------------------------------------------
# The serve command itself


def _spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([*CLI, "serve", *args], stdout=subprocess.PIPE,  # noqa: S603
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _ready(process: subprocess.Popen[str]) -> str:
    """Wait for the serve command to announce its endpoint; that line."""
    assert process.stdout is not None
    line = process.stdout.readline()  # the first line, once the server answers
    assert line.startswith("SPARQL endpoint: "), (line, process.stderr)
    return line


def test_serve_command_runs_until_ctrl_c(tmp_path: Path, kg: Graph) -> None:
    port = free_port()
    store = tmp_path / "store"
    started = time.perf_counter()
    process = _spawn("--port", str(port), "--store", str(store))
    try:
        announced = _ready(process)
        ready = time.perf_counter() - started
        url = f"http://127.0.0.1:{port}/query"
        assert announced == f"SPARQL endpoint: {url} (read-only)\n"
        remote = RemoteBackend(url, retries=5, backoff=0.2)
        rows = remote.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert int(str(rows.rows[0][0])) == len(kg)

        # A second server on the same port: a clear error and exit code 2.
        clash = _spawn("--port", str(port))
        out, err = clash.communicate(timeout=60)
        assert clash.returncode == 2
        assert re.fullmatch(rf"error: 127\.0\.0\.1:{port} is already in use; choose another "
                            r"--port\n", err)
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "stopped" in err
    assert port_is_free("127.0.0.1", port)
    assert ready < 30
    # The store is reused the next time, not loaded again.
    again = _spawn("--port", str(port), "--store", str(store))
    try:
        _ready(again)
    finally:
        again.send_signal(signal.SIGINT)
        _, err = again.communicate(timeout=30)
    assert f"store: reused {store}" in err


def test_server_class_reports_port_in_use(oxigraph_server: OxigraphServer) -> None:
    with pytest.raises(InputError, match="already in use"):
        OxigraphServer(None, port=oxigraph_server.port).start()
