"""The OWL 2 RL closure of the ``owlrl`` package: pure Python, sound but incomplete (weaker
than an OWL 2 DL reasoner), for machines without Java."""

from __future__ import annotations

import time

from rdflib import BNode, Graph, Literal, URIRef

from airoles_kg.namespaces import OWL, RDF, RDFS, XSD
from airoles_kg.reason.prepare import input_graph
from airoles_kg.reason.result import ReasonerResult, inferred_links, unsatisfiable_classes

__all__ = ["OWLRL_LABEL", "reason_owlrl"]

#: How the text report names the closure.
OWLRL_LABEL = "OWL 2 RL closure (owlrl): sound but incomplete, weaker than an OWL 2 DL reasoner"
_ERR_NS = "http://www.daml.org/2002/03/agents/agent-ont#"
#: W3C vocabularies: what the closure says about them is axiomatic, not about our graph.
_BUILTIN = tuple(str(ns) for ns in (RDF, RDFS, OWL, XSD))


def reason_owlrl(graph: Graph) -> ReasonerResult:
    """The OWL 2 RL closure of ``graph``, and what it says about consistency and classes."""
    import owlrl

    start = time.perf_counter()
    work, _notes = input_graph(graph)
    closure = owlrl.OWLRL_Semantics(work, False, False, rdfs=False)
    closure.closure()
    seconds = time.perf_counter() - start
    errors = sorted(str(m) for m in closure.error_messages)
    inferred = Graph()
    before, _notes = input_graph(graph)
    for s, p, o in work:
        if isinstance(s, Literal) or str(p).startswith(_ERR_NS) or str(s).startswith(_BUILTIN):
            continue
        if (s, p, o) in before:
            continue
        if isinstance(s, BNode) and str(p) == str(RDF.type) and str(o).startswith(_ERR_NS):
            continue
        if s == o and p in (RDFS.subClassOf, OWL.equivalentClass, OWL.sameAs,
                            RDFS.subPropertyOf, OWL.equivalentProperty):
            continue
        inferred.add((s, p, o))
    types, subclasses = inferred_links(inferred)
    unsat = {
        str(s) for s in inferred.subjects(OWL.equivalentClass, OWL.Nothing)
        if isinstance(s, URIRef)
    } | {str(s) for s in inferred.subjects(RDFS.subClassOf, OWL.Nothing) if isinstance(s, URIRef)}
    return ReasonerResult(
        "owlrl", "owlrl", OWLRL_LABEL, not errors, seconds,
        unsatisfiable=unsatisfiable_classes(graph, unsat), inferred_types=types,
        inferred_subclasses=subclasses, inferred=inferred, explanation=errors,
    )
