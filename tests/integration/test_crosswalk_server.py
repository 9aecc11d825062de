"""The person's competencies bound as rows, and the search text, on a real Oxigraph server:
the same roles, fits, gaps and hits as on the embedded store."""

from __future__ import annotations

import pytest
from rdflib import Graph

from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.backends.remote import RemoteBackend
from airoles_kg.crosswalk.fit import match_roles
from airoles_kg.crosswalk.profile import ProfileResolver
from airoles_kg.crosswalk.search import search
from airoles_kg.net.server import OxigraphServer

pytestmark = pytest.mark.integration


def test_match_and_search_on_a_server_equal_local(oxigraph_server: OxigraphServer,
                                                  local: OxigraphBackend, kg: Graph) -> None:
    remote = RemoteBackend(oxigraph_server.query_url, timeout=60, retries=2)
    holdings = ProfileResolver(kg).parse_all(
        ["python=4", "machine learning=proficient", "statistics=3", "Requirements analysis"])
    there = match_roles(remote, holdings)
    assert there and there == match_roles(local, holdings)
    for text in ("ingénieure IA", "Gouvernance", "prompt"):
        hits = search(remote, text)
        assert hits and hits == search(local, text), text
