"""What the remote-validation tests share: loading data into a server, and comparing reports.

A :class:`Target` is a running server: where to PUT a named graph, where to query. Reports are
compared as multisets of (focus, path, shape, component, value, severity), terms in the form
:func:`~airoles_kg.backends.compare.canonical_term` gives (numbers by value, blank nodes as one
label: servers name them their own way), plus ``conforms``.
"""

from __future__ import annotations

import collections
import sys
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Graph

from airoles_kg.backends.compare import canonical_term
from airoles_kg.backends.http import credentials, request
from airoles_kg.backends.remote import RemoteBackend
from airoles_kg.kg.materialise import materialise
from airoles_kg.net.push import push
from airoles_kg.paths import ontology_dir
from airoles_kg.rdf.parse import new_graph, parse_file
from airoles_kg.shacl.fast.remote import validate_endpoint
from airoles_kg.shacl.report import ValidationReport

__all__ = [
    "FIXTURES",
    "Target",
    "compare",
    "differences",
    "local_fixture_report",
    "merged_fixture",
    "result_keys",
    "w3c_cases",
]

REPO = Path(__file__).resolve().parents[2]
FIXTURES = sorted((REPO / "tests" / "fixtures" / "shapes").glob("*/*.ttl"))


def result_keys(report: ValidationReport) -> collections.Counter[tuple[Any, ...]]:
    """The results as a multiset of (focus, path, shape, component, value, severity)."""
    return collections.Counter(
        (canonical_term(r.focus_node), str(r.path), canonical_term(r.source_shape),
         str(r.constraint_component), canonical_term(r.value), r.severity)
        for r in report.results
    )


def compare(remote: ValidationReport, local: ValidationReport) -> str | None:
    """What differs between two reports (``None``: the same results and ``conforms``)."""
    there, here = result_keys(remote), result_keys(local)
    if there == here and remote.conforms == local.conforms:
        return None
    return (f"conforms {remote.conforms} remote, {local.conforms} local; "
            f"only remote: {sorted((there - here).elements(), key=repr)[:3]}; "
            f"only local: {sorted((here - there).elements(), key=repr)[:3]}")


@dataclass(frozen=True)
class Target:
    """A running SPARQL server to validate at."""

    name: str
    query: str
    update: str
    gsp: str
    user: str | None = None
    password: str | None = None

    def load(self, graph: Graph, graph_iri: str) -> None:
        """Replace the named graph ``graph_iri`` with ``graph`` (``push``)."""
        push(graph, self.update, gsp_endpoint=self.gsp, graph_iri=graph_iri, user=self.user,
             password=self.password)

    def load_file(self, path: Path, graph_iri: str) -> None:
        """Replace the named graph ``graph_iri`` with an N-Triples file (one Graph Store PUT)."""
        url = f"{self.gsp}?{urllib.parse.urlencode({'graph': graph_iri})}"
        request(credentials(self.user, self.password), url, "PUT", path.read_bytes(),
                "application/n-triples", 600.0, 0, 0.5)

    def backend(self, graph_iri: str) -> RemoteBackend:
        return RemoteBackend(self.query, default_graph=graph_iri, timeout=120)

    def validate(self, graph_iri: str, shapes: Graph) -> ValidationReport:
        return validate_endpoint(self.backend(graph_iri), shapes).report


@cache
def merged_fixture(fixture: Path) -> Graph:
    """A shapes fixture merged with the core vocabulary, materialised (as ``test_shapes``)."""
    graph = new_graph()
    graph += parse_file(ontology_dir() / "core.ttl")
    graph += parse_file(fixture)
    materialise(graph)
    return graph


@cache
def local_fixture_report(fixture: Path) -> ValidationReport:
    """The local report of a merged fixture against the project's shapes (once per session)."""
    from airoles_kg.kg.load import load_shapes
    from airoles_kg.shacl.fast.engine import validate_graph

    return validate_graph(merged_fixture(fixture), load_shapes())


@cache
def w3c_cases() -> list[Any]:
    """The W3C core cases the fast engine runs (all but the expected failures), each with its
    local report."""
    sys.path.insert(0, str(REPO / "tests"))
    from airoles_kg.shacl.fast.engine import validate_graph
    from test_w3c_shacl import load_cases

    return [(case, validate_graph(case.data, case.shapes))
            for case in load_cases() if not case.failure]


def differences(jobs: list[tuple[str, Callable[[], str | None]]]) -> dict[str, str]:
    """Run the comparisons (name, a call returning what differs) a few at a time: the server
    does the work; each answer that differs, by name."""
    with ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(lambda job: (job[0], job[1]()), jobs))
    return {name: why for name, why in outcomes if why is not None}
