"""``validate --endpoint`` at a real Oxigraph server (``oxigraph serve``): the same report as a
local validation of the same data, for our graph, the shape fixtures, the W3C core cases the
fast engine runs, and the benchmark generator's 100k catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from airoles_kg.cli import main
from airoles_kg.net.server import OxigraphServer
from airoles_kg.shacl.fast.engine import validate_graph, validate_path
from test_validate_remote import UNSUPPORTED

from .remote_validation import FIXTURES, Target, compare, merged_fixture, w3c_cases

pytestmark = pytest.mark.integration

GRAPH = "https://example.org/test/remote-validation"


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
    differences = []
    for fixture in FIXTURES:
        data = merged_fixture(fixture)
        iri = f"{GRAPH}/{fixture.parent.name}/{fixture.stem}"
        target.load(data, iri)
        local = validate_graph(data, shapes)
        assert fixture.parent.name == "valid" or local.results, fixture
        if (why := compare(target.validate(iri, shapes), local)) is not None:
            differences.append(f"{fixture.name}: {why}")
    assert not differences, "\n".join(differences)


def test_w3c_core_cases(target: Target) -> None:
    differences = []
    for case in w3c_cases():
        iri = f"urn:x-w3c:{case.name}"
        target.load(case.data, iri)
        remote = target.validate(iri, case.shapes)
        if (why := compare(remote, validate_graph(case.data, case.shapes))) is not None:
            differences.append(f"{case.name}: {why}")
    assert not differences, "\n".join(differences)


def test_generated_100k_catalogue(target: Target, shapes: Graph, catalogue_100k: Path) -> None:
    target.load_file(catalogue_100k, GRAPH + "/catalogue")
    local = validate_path(catalogue_100k, shapes, progress=False)
    assert len(local.results) >= 100  # the generator injects defects: a real comparison
    assert compare(target.validate(GRAPH + "/catalogue", shapes), local) is None


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
