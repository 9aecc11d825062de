"""Shared fixtures: the loaded knowledge graph, the shapes, and a CLI runner."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from rdflib import Graph

from airoles_kg.backends.base import Backend
from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.backends.rdflib_graph import RdflibBackend
from airoles_kg.kg.load import load_graph, load_shapes


@pytest.fixture(scope="session", autouse=True)
def _cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The cache of built graphs (``airoles_kg.kg.cache``) in a folder of this session, so a
    test run neither reads nor fills the user's own."""
    before = os.environ.get("AIROLES_KG_CACHE")
    os.environ["AIROLES_KG_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        del os.environ["AIROLES_KG_CACHE"]
    else:
        os.environ["AIROLES_KG_CACHE"] = before


@pytest.fixture(scope="session")
def kg() -> Graph:
    """The built knowledge graph (stamped, materialised). Session-wide: do not modify it."""
    return load_graph()


@pytest.fixture(scope="session")
def shapes() -> Graph:
    """The project's SHACL shapes (stamped). Session-wide: do not modify it."""
    return load_shapes()


@pytest.fixture
def runner() -> CliRunner:
    """A click runner; ``result.stdout`` and ``result.stderr`` are kept apart."""
    return CliRunner()


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def backend(request: pytest.FixtureRequest, kg: Graph) -> Backend:
    """The knowledge graph behind each local query engine in turn, so answers can be compared."""
    if request.param == "rdflib":
        return RdflibBackend(kg)
    return OxigraphBackend.from_graph(kg)
