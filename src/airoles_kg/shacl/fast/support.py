"""Which shapes the SPARQL compiler can run; the others are left to pySHACL.

A shape is supported when every SHACL parameter it uses (and every shape it refers to, with no
recursion) is one the compiler implements, its constants can be written in SPARQL, its regular
expressions mean the same in Python and in Rust, and its SPARQL constraints can be pre-bound
by a join. :func:`whole_graph_features` names what makes pySHACL run the whole shapes graph.
"""

from __future__ import annotations

import re

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from airoles_kg.shacl.fast.components.sparql import constraint_text
from airoles_kg.shacl.fast.paths import path_sparql
from airoles_kg.shacl.fast.shapes import IGNORED, SHN, SUPPORTED_PARAMETERS, ShapesGraph
from airoles_kg.shacl.fast.sparql import UnsupportedShape, const

__all__ = ["check_supported", "whole_graph_features"]

# Python (pySHACL) and Rust (Oxigraph) regular expressions differ on these features.
_REGEX_DIFFERENCES = re.compile(r"\(\?<?[=!]|\\[1-9]|\(\?P|\\[AZz]")


def check_supported(shapes: ShapesGraph, shape: Node, stack: tuple[Node, ...] = ()) -> None:
    """Raise :class:`UnsupportedShape` if ``shape`` (or one it uses) is outside our subset."""
    if shape in stack:
        raise UnsupportedShape(f"recursive shape {shape}")
    if shapes.truthy(shape, SH.deactivated):
        return
    for pred in shapes.predicates(shape):
        if pred in shapes.custom_parameters:
            raise UnsupportedShape(f"custom constraint component parameter {pred}")
        if str(pred).startswith(str(SH)) and pred not in SUPPORTED_PARAMETERS | IGNORED:
            raise UnsupportedShape(f"unsupported parameter {pred}")
    path = shapes.one(shape, SH.path)
    if path is not None:
        path_sparql(shapes, path)
    for pred in (SH.minCount, SH.maxCount, SH.qualifiedValueShape):
        if path is None and shapes.values(shape, pred):
            raise UnsupportedShape(f"{pred} on a node shape")
    for value in shapes.values(shape, SH.hasValue):
        const(value)
    for lst in shapes.values(shape, SHN["in"]):
        for value in shapes.items(lst):
            const(value)
    for pred in (SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals):
        for value in shapes.values(shape, pred):
            if not isinstance(value, URIRef):
                raise UnsupportedShape(f"{pred} with a non-IRI")
    for sparql in shapes.values(shape, SH.sparql):
        constraint_text(shapes, shape, sparql)
    for pattern in shapes.values(shape, SH.pattern):
        if _REGEX_DIFFERENCES.search(str(pattern)):
            raise UnsupportedShape(f"regular expression feature in {pattern!r}")
    for target in shapes.values(shape, SH.targetNode):
        const(target)
    for child in shapes.children(shape):
        check_supported(shapes, child, (*stack, shape))


def whole_graph_features(shapes: Graph) -> str | None:
    """A feature that changes validation as a whole (rules, functions): pySHACL must run it all."""
    for pred in (SHN.rule, SHN.entailment):
        if (None, pred, None) in shapes:
            return str(pred)
    for kind in (SHN.SPARQLFunction, SHN.JSFunction, SHN.SPARQLRule, SHN.TripleRule):
        if (None, RDF.type, kind) in shapes:
            return str(kind)
    return None
