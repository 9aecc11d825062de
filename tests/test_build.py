"""The build: four serialisations, byte-identical across processes, isomorphic to the graph in
rdflib and Oxigraph, refused (with nothing written) when the graph does not conform."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
import pytest
from rdflib import Graph

from airoles_kg.errors import CheckFailedError, NonConformantError
from airoles_kg.namespaces import PREFIXES
from airoles_kg.pipeline.build import ARTIFACTS, build, render_artifacts
from airoles_kg.rdf.parse import new_graph
from airoles_kg.rdf.serialize import SERIALIZERS, isomorphic_graphs, to_turtle
from airoles_kg.rdf.turtle_format import format_turtle

build_module = importlib.import_module("airoles_kg.pipeline.build")

STEWARD = Path(__file__).parent / "fixtures" / "steward"
RDFLIB_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".owl": "xml"}

RENDER_SCRIPT = """
import sys
from pathlib import Path
from airoles_kg.pipeline.build import render_artifacts
from airoles_kg.kg.load import load_graph
for name, data in render_artifacts(load_graph()).items():
    (Path(sys.argv[1]) / name).write_bytes(data)
"""


@pytest.fixture(scope="module")
def artifacts(kg: Graph) -> dict[str, bytes]:
    return render_artifacts(kg)


def test_artifacts_are_the_four_formats(artifacts: dict[str, bytes]) -> None:
    assert tuple(artifacts) == ARTIFACTS == ("airoles.ttl", "airoles.nt", "airoles.jsonld",
                                             "airoles.owl")
    assert all(artifacts.values())


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD parser internals
@pytest.mark.parametrize("name", ARTIFACTS)
def test_each_artifact_parses_back_to_the_same_graph(
    kg: Graph, artifacts: dict[str, bytes], name: str
) -> None:
    parsed = Graph().parse(data=artifacts[name], format=RDFLIB_FORMATS[Path(name).suffix])
    assert len(parsed) == len(kg)
    assert isomorphic_graphs(parsed, kg)


def test_turtle_parses_in_oxigraph_to_an_isomorphic_graph(
    kg: Graph, artifacts: dict[str, bytes]
) -> None:
    quads = ox.parse(artifacts["airoles.ttl"], format=ox.RdfFormat.TURTLE)
    ntriples = ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES)
    assert ntriples is not None
    assert isomorphic_graphs(Graph().parse(data=ntriples, format="nt"), kg)


def test_turtle_uses_our_prefixes(artifacts: dict[str, bytes]) -> None:
    text = artifacts["airoles.ttl"].decode("utf-8")
    for prefix in ("air", "role", "comp", "req", "skos", "owl"):
        assert f"@prefix {prefix}: <{PREFIXES[prefix]}> ." in text
    assert "ns1:" not in text


def test_ntriples_lines_are_sorted(artifacts: dict[str, bytes]) -> None:
    lines = artifacts["airoles.nt"].decode("utf-8").splitlines()
    assert lines == sorted(lines)


def test_jsonld_has_our_context(artifacts: dict[str, bytes]) -> None:
    document = json.loads(artifacts["airoles.jsonld"])
    assert document["@context"]["air"] == PREFIXES["air"]
    assert document["@context"]["role"] == PREFIXES["role"]
    ids = [node.get("@id", "") for node in document["@graph"]]
    assert len(ids) > 100


def test_serialising_twice_in_one_process_gives_the_same_bytes(
    kg: Graph, artifacts: dict[str, bytes]
) -> None:
    assert render_artifacts(kg) == artifacts


@pytest.mark.slow
def test_serialisations_are_byte_identical_across_hash_seeds(
    tmp_path: Path, artifacts: dict[str, bytes]
) -> None:
    runs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed-{seed}"
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        runs.append((out, subprocess.Popen([sys.executable, "-c", RENDER_SCRIPT, str(out)],
                                           env=env, stderr=subprocess.PIPE)))
    for _out, process in runs:
        _stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr.decode()
    for name in ARTIFACTS:
        first, second = ((out / name).read_bytes() for out, _ in runs)
        assert first == second, f"{name} differs between hash seeds"
        assert first == artifacts[name], f"{name} differs from this process"


def test_blank_nodes_get_content_labels() -> None:
    text = """
    @prefix owl: <http://www.w3.org/2002/07/owl#> .
    @prefix ex: <http://example.org/> .
    ex:A owl:equivalentClass [ a owl:Restriction ; owl:onProperty ex:p ; owl:someValuesFrom ex:B ] .
    _:x ex:shared _:y . _:z ex:shared _:y .
    """
    first = to_turtle(new_graph().parse(data=text, format="turtle"))
    second = to_turtle(new_graph().parse(data=text, format="turtle"))
    assert first == second


def test_build_writes_the_four_files(tmp_path: Path, artifacts: dict[str, bytes]) -> None:
    written = build(tmp_path / "out")
    assert [p.name for p in written] == list(ARTIFACTS)
    for path in written:
        assert path.read_bytes() == artifacts[path.name]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(ARTIFACTS)


def test_build_refuses_a_non_conformant_graph_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "airoles.ttl").write_text("previous build\n", encoding="utf-8")
    with pytest.raises(NonConformantError, match="does not conform"):
        build(out, extra=[STEWARD / "invalid-role.ttl"])
    assert [p.name for p in out.iterdir()] == ["airoles.ttl"]
    assert (out / "airoles.ttl").read_text(encoding="utf-8") == "previous build\n"


def test_a_failing_serialiser_leaves_no_partial_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(graph: Graph) -> bytes:
        raise RuntimeError("serialiser crashed")

    monkeypatch.setitem(SERIALIZERS, ".jsonld", broken)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="serialiser crashed"):
        build(out, shapes=new_graph(), engine="pyshacl", checks=False)
    assert not out.exists() or not any(out.iterdir())


def test_build_refuses_when_an_error_check_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import airoles_kg.pipeline.gate as gate

    failing = SimpleNamespace(name="broken-thing-violation", level="ERROR", passed=False)
    warning = SimpleNamespace(name="style-warning", level="WARN", passed=False)
    monkeypatch.setattr(gate, "run_checks", lambda backend: [failing, warning])
    with pytest.raises(CheckFailedError, match="broken-thing-violation") as info:
        build(tmp_path / "out", shapes=new_graph(), engine="pyshacl")
    assert "style-warning" not in str(info.value)
    assert not (tmp_path / "out").exists()


def test_build_passes_the_real_checks(kg: Graph) -> None:
    build_module.check_build(kg, new_graph(), engine="pyshacl", checks=True)



# --- canonical source formatting -----------------------------------------------------------

HEAD = (
    "@prefix air: <https://w3id.org/airoles/ontology#> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            HEAD + "\n# Banner\nair:X skos:prefLabel \"X\"@en ; a air:Y ; air:z air:b, air:a .\n",
            HEAD + "\n# Banner\nair:X a air:Y ;\n    skos:prefLabel \"X\"@en ;\n"
            "    air:z air:a,\n        air:b .\n",
            id="type first, predicates and objects sorted, comments kept",
        ),
        pytest.param(
            "PREFIX air: <https://w3id.org/airoles/ontology#>\n\n\n\nair:X a air:Y .   \r\n",
            "@prefix air: <https://w3id.org/airoles/ontology#> .\n\nair:X a air:Y .\n",
            id="SPARQL directives, CRLF, trailing blanks, repeated empty lines",
        ),
        pytest.param(
            HEAD + "air:X a air:Y ; # why\n    air:z air:a .\n",
            HEAD + "air:X a air:Y ; # why\n    air:z air:a .\n",
            id="a statement holding a comment is kept as written",
        ),
        pytest.param(
            HEAD + "air:X air:p _:shared .\nair:Y air:p _:shared .\n",
            HEAD + "air:X air:p _:shared .\nair:Y air:p _:shared .\n",
            id="blank-node labels are kept",
        ),
        pytest.param(
            HEAD + "air:X air:p [ air:q \"a.b\" ; air:r 1.5 ], ( air:a air:b ) .\n",
            HEAD + "air:X air:p ( air:a air:b ),\n        [ air:q \"a.b\" ;\n"
            "            air:r 1.5 ] .\n",
            id="nested blank nodes, lists, dots in strings and decimals",
        ),
    ],
)
def test_format_turtle(source: str, expected: str) -> None:
    assert format_turtle(source) == expected
    assert format_turtle(expected) == expected, "formatting is idempotent"
