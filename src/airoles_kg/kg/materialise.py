"""Adding the shortcuts the queries rely on to a loaded graph.

>>> from airoles_kg.rdf.parse import new_graph
>>> from airoles_kg.namespaces import AIR, COMP, REQ, ROLE
>>> g = new_graph()
>>> _ = g.add((ROLE.x, AIR.hasRequirement, REQ.r)); _ = g.add((REQ.r, AIR.competency, COMP.c))
>>> materialise(g), materialise(g)
(1, 0)
"""

from __future__ import annotations

from rdflib import Graph

from airoles_kg.namespaces import AIR

__all__ = ["materialise"]


def materialise(graph: Graph) -> int:
    """Add ``?role air:requiresCompetency ?c`` for each ``?role air:hasRequirement/air:competency
    ?c``; return the number of triples added. Running it twice adds nothing the second time."""
    before = len(graph)
    inferred = [
        (role, AIR.requiresCompetency, competency)
        for role, requirement in graph.subject_objects(AIR.hasRequirement)
        for competency in graph.objects(requirement, AIR.competency)
    ]
    for triple in inferred:
        graph.add(triple)
    return len(graph) - before
