"""OWL class expressions as Manchester-like text, as ontology documentation shows them.

>>> from airoles_kg.kg.load import load_graph
>>> from airoles_kg.namespaces import AIR, OWL
>>> g = load_graph()
>>> [expression(g, e) for e in g.objects(AIR.TechnicalRole, OWL.equivalentClass)][0][:20]
'air:Role and (air:ha'
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from airoles_kg.namespaces import OWL, RDF
from airoles_kg.rdf.terms import shorten_iri

__all__ = ["expression"]

_CARDINALITIES = (
    (OWL.minQualifiedCardinality, "min"), (OWL.maxQualifiedCardinality, "max"),
    (OWL.qualifiedCardinality, "exactly"), (OWL.minCardinality, "min"),
    (OWL.maxCardinality, "max"), (OWL.cardinality, "exactly"),
)
_SETS = ((OWL.intersectionOf, " and "), (OWL.unionOf, " or "))


def _name(node: Node) -> str:
    if isinstance(node, URIRef):
        return shorten_iri(str(node))
    if isinstance(node, Literal):
        return f'"{node}"' + (f"@{node.language}" if node.language else "")
    return "?"


def _members(graph: Graph, head: Node) -> list[Node]:
    return list(Collection(graph, head)) if isinstance(head, BNode | URIRef) else []


def _nested(graph: Graph, node: Node, depth: int) -> str:
    text = expression(graph, node, depth + 1)
    wrap = isinstance(node, BNode) and " " in text and not text.startswith("{")
    return f"({text})" if wrap else text


def _property(graph: Graph, node: Node, depth: int) -> str:
    inverse = graph.value(node, OWL.inverseOf) if isinstance(node, BNode) else None
    return f"inverse {_name(inverse)}" if inverse is not None else _name(node)


def expression(graph: Graph, node: Node, depth: int = 0) -> str:
    """``node`` (a named class or a class expression) as Manchester-like text."""
    if not isinstance(node, BNode) or depth > 12:
        return _name(node)
    for predicate, word in _SETS:
        members = graph.value(node, predicate)
        if members is not None:
            return word.join(_nested(graph, m, depth) for m in _members(graph, members))
    complement = graph.value(node, OWL.complementOf)
    if complement is not None:
        return f"not {_nested(graph, complement, depth)}"
    one_of = graph.value(node, OWL.oneOf)
    if one_of is not None:
        return "{" + ", ".join(_name(m) for m in _members(graph, one_of)) + "}"
    prop = graph.value(node, OWL.onProperty)
    if prop is not None or (node, RDF.type, OWL.Restriction) in graph:
        name = _property(graph, prop, depth) if prop is not None else "?"
        for predicate, word in ((OWL.someValuesFrom, "some"), (OWL.allValuesFrom, "only")):
            filler = graph.value(node, predicate)
            if filler is not None:
                return f"{name} {word} {_nested(graph, filler, depth)}"
        value = graph.value(node, OWL.hasValue)
        if value is not None:
            return f"{name} value {_name(value)}"
        if graph.value(node, OWL.hasSelf) is not None:
            return f"{name} Self"
        for predicate, word in _CARDINALITIES:
            number = graph.value(node, predicate)
            if number is not None:
                qualifier = graph.value(node, OWL.onClass) or graph.value(node, OWL.onDataRange)
                tail = f" {_nested(graph, qualifier, depth)}" if qualifier is not None else ""
                return f"{name} {word} {number}{tail}"
    return "?"
