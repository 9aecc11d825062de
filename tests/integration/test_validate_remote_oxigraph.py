"""``validate --endpoint`` at a real Oxigraph server (``oxigraph serve``): the same report as a
local validation of the same data, for our graph, the shape fixtures, the W3C core cases the
fast engine runs, and the benchmark generator's 100k catalogue."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from airoles_kg.cli import main
from airoles_kg.errors import EndpointError
from airoles_kg.net.server import OxigraphServer, oxigraph_binary, wait_for_port
from airoles_kg.shacl.fast.engine import validate_graph, validate_path
from airoles_kg.shacl.fast.remote import validate_remote
from airoles_kg.shacl.report import ValidationReport
from test_validate_remote import UNSUPPORTED

from .conftest import free_port
from .remote_validation import (
    FIXTURES,
    Target,
    compare,
    differences,
    local_fixture_report,
    merged_fixture,
    w3c_cases,
)

pytestmark = pytest.mark.integration

GRAPH = "https://example.org/test/remote-validation"
CATALOGUE = GRAPH + "/catalogue"


@pytest.fixture(scope="module")
def target(writable_oxigraph: OxigraphServer) -> Target:
    server = writable_oxigraph
    return Target("oxigraph", server.query_url, server.update_url, server.store_url)


def test_our_graph_on_the_command_line(target: Target, kg: Graph, shapes: Graph) -> None:
    target.load(kg, GRAPH)
    result = CliRunner().invoke(main, ["validate", "--endpoint", target.query, "--graph", GRAPH,
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    assert compare(target.validate(GRAPH, shapes), validate_graph(kg, shapes)) is None


def test_shape_fixtures(target: Target, shapes: Graph) -> None:
    jobs = []
    for fixture in FIXTURES:
        iri = f"{GRAPH}/{fixture.parent.name}/{fixture.stem}"
        local = local_fixture_report(fixture)
        assert fixture.parent.name == "valid" or local.results, fixture
        jobs.append((fixture.name, _job(target, iri, shapes, local, merged_fixture(fixture))))
    found = differences(jobs)
    assert not found, "\n".join(f"{k}: {v}" for k, v in sorted(found.items()))


def _job(target: Target, iri: str, shapes: Graph, local: ValidationReport, data: Graph
         ) -> Callable[[], str | None]:
    """Load ``data`` into the graph ``iri``, validate it there: what differs from ``local``."""

    def run() -> str | None:
        target.load(data, iri)
        try:
            return compare(target.validate(iri, shapes), local)
        except EndpointError as exc:
            return f"error: {exc}"

    return run


def test_w3c_core_cases(target: Target) -> None:
    jobs = []
    for case, local in w3c_cases():
        iri = f"urn:x-w3c:{case.name}"
        jobs.append((case.name, _job(target, iri, case.shapes, local, case.data)))
    found = differences(jobs)
    assert not found, "\n".join(f"{k}: {v}" for k, v in sorted(found.items()))


@pytest.fixture(scope="module")
def catalogue_server(catalogue_100k: Path, tmp_path_factory: pytest.TempPathFactory
                     ) -> Iterator[str]:
    """A read-only Oxigraph server over the 100k catalogue, bulk-loaded by ``oxigraph load``
    into a named graph (a Graph Store PUT of it takes half a minute)."""
    folder = tmp_path_factory.mktemp("catalogue-store")
    subprocess.run([oxigraph_binary(), "load", "--location", str(folder), "--file",  # noqa: S603
                    str(catalogue_100k), "--graph", CATALOGUE], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port = free_port()
    process = subprocess.Popen([oxigraph_binary(), "serve-read-only", "--location",  # noqa: S603
                                str(folder), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        assert wait_for_port("127.0.0.1", port, 30, process), "oxigraph did not start"
        yield f"http://127.0.0.1:{port}/query"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_generated_100k_catalogue(catalogue_server: str, shapes: Graph,
                                  catalogue_100k: Path) -> None:
    local = validate_path(catalogue_100k, shapes, progress=False)
    assert len(local.results) >= 100  # the generator injects defects: a real comparison
    remote = validate_remote(catalogue_server, shapes, graph=CATALOGUE, timeout=120)
    assert compare(remote.report, local) is None


def test_allow_partial_names_what_it_left_out(oxigraph_server: OxigraphServer,
                                              tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(UNSUPPORTED)
    args = ["validate", "--shapes", str(shapes), "--endpoint", oxigraph_server.query_url]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 2
    assert "http://example.org/NotCompiled" in refused.stderr
    partial = CliRunner().invoke(main, [*args, "--allow-partial"])
    assert partial.exit_code == 0, partial.output  # our graph has no ex:C: it conforms
    assert "not validated remotely: http://example.org/NotCompiled" in partial.stderr
    assert "partial: 1 shape not run" in partial.stdout
