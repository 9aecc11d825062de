"""Version stamps: the one version of ``pyproject.toml`` on every project ontology header.

>>> from airoles_kg.rdf.parse import new_graph
>>> from airoles_kg.namespaces import OWL, RDF
>>> g = new_graph()
>>> core = URIRef("https://w3id.org/airoles/ontology/core")
>>> _ = g.add((core, RDF.type, OWL.Ontology))
>>> _ = stamp_version(g, "1.2.3")
>>> str(g.value(core, OWL.versionIRI))
'https://w3id.org/airoles/ontology/1.2.3/core'
>>> stamp_prior_version(g, "1.2.3", "1.2.2")
>>> str(g.value(core, OWL.priorVersion))
'https://w3id.org/airoles/ontology/1.2.2/core'
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from airoles_kg.namespaces import BASE, OWL, RDF
from airoles_kg.paths import project_version

__all__ = ["stamp_prior_version", "stamp_version"]


def _version_iri(ontology: URIRef, version: str) -> URIRef:
    """``<BASE>ontology/core`` -> ``<BASE>ontology/<version>/core`` (likewise for shapes)."""
    head, _, tail = str(ontology)[len(BASE) :].rstrip("#/").partition("/")
    return URIRef(f"{BASE}{head}/{version}" + (f"/{tail}" if tail else ""))


def stamp_version(graph: Graph, version: str | None = None) -> Graph:
    """Set ``owl:versionIRI`` and ``owl:versionInfo`` of every project ``owl:Ontology``.

    Only ontologies whose IRI lies under ``https://w3id.org/airoles/`` are touched; a data
    steward's own ontology headers keep their versions.
    """
    version = version or project_version()
    for ontology in sorted(set(graph.subjects(RDF.type, OWL.Ontology)), key=str):
        if not isinstance(ontology, URIRef) or not str(ontology).startswith(BASE):
            continue
        graph.remove((ontology, OWL.versionIRI, None))
        graph.remove((ontology, OWL.versionInfo, None))
        graph.add((ontology, OWL.versionIRI, _version_iri(ontology, version)))
        graph.add((ontology, OWL.versionInfo, Literal(version)))
    return graph


def stamp_prior_version(graph: Graph, version: str, prior: str | None) -> None:
    """Add ``owl:priorVersion`` to each project ontology: its version IRI at ``prior``."""
    for ontology in sorted(set(graph.subjects(RDF.type, OWL.Ontology)), key=str):
        graph.remove((ontology, OWL.priorVersion, None))
        if prior is None or not str(ontology).startswith(BASE):
            continue
        version_iri = graph.value(ontology, OWL.versionIRI)
        if version_iri is None or f"/{version}" not in str(version_iri):
            continue
        graph.add((ontology, OWL.priorVersion, URIRef(str(version_iri).replace(
            f"/{version}", f"/{prior}", 1))))
