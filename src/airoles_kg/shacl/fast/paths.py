"""SHACL property paths as SPARQL property paths.

>>> from rdflib import Graph
>>> from airoles_kg.shacl.fast.shapes import ShapesGraph
>>> g = Graph().parse(data='''@prefix sh: <http://www.w3.org/ns/shacl#> .
...   <http://e/s> sh:path ( <http://e/p> [ sh:inversePath <http://e/q> ] ) .''', format="turtle")
>>> shapes = ShapesGraph(g)
>>> path_sparql(shapes, shapes.one(URIRef("http://e/s"), SH.path))
'(<http://e/p>/^(<http://e/q>))'
"""

from __future__ import annotations

from rdflib import BNode, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from airoles_kg.shacl.fast.shapes import ShapesGraph
from airoles_kg.shacl.fast.sparql import UnsupportedShape, iri

__all__ = ["path_sparql"]

_MODIFIERS = (
    (SH.inversePath, "^({})"),
    (SH.zeroOrMorePath, "({})*"),
    (SH.oneOrMorePath, "({})+"),
    (SH.zeroOrOnePath, "({})?"),
)


def path_sparql(shapes: ShapesGraph, path: Node) -> str:
    """The SPARQL property path of the SHACL path ``path``; :class:`UnsupportedShape` if it is
    not a well-formed path."""
    if isinstance(path, URIRef):
        return iri(str(path))
    if not isinstance(path, BNode):
        raise UnsupportedShape(f"bad path {path!r}")
    if (path, RDF.first, None) in shapes.graph:
        return "(" + "/".join(path_sparql(shapes, p) for p in shapes.items(path)) + ")"
    for pred, fmt in _MODIFIERS:
        inner = shapes.one(path, pred)
        if inner is not None:
            return fmt.format(path_sparql(shapes, inner))
    alt = shapes.one(path, SH.alternativePath)
    if alt is not None:
        return "(" + "|".join(path_sparql(shapes, p) for p in shapes.items(alt)) + ")"
    raise UnsupportedShape(f"unknown path {path!r}")
