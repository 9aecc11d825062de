"""What a SHACL engine is: an object that validates a graph, or files, against shapes.

Engines are registered by object (:func:`airoles_kg.shacl.validate.register_engine`); each
returns a :class:`~airoles_kg.shacl.report.ValidationReport`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SH

from airoles_kg.kg.load import merge_files
from airoles_kg.kg.materialise import materialise
from airoles_kg.rdf.parse import new_graph
from airoles_kg.shacl.report import ValidationReport

__all__ = ["Engine", "has_shapes"]

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def has_shapes(shapes: Graph) -> bool:
    """Whether ``shapes`` holds a shape: a node or property shape, or anything with a target.

    >>> targeted = Graph().parse(data="[] <http://www.w3.org/ns/shacl#targetNode> 1 .",
    ...                          format="turtle")
    >>> has_shapes(Graph()), has_shapes(targeted)
    (False, True)
    """
    for kind in (SH.NodeShape, SH.PropertyShape):
        if (None, RDF.type, kind) in shapes:
            return True
    return any((None, target, None) in shapes for target in _TARGETS)


class Engine(ABC):
    """A SHACL validation engine, known by its :attr:`name`."""

    #: The name ``--engine`` takes.
    name: str
    #: Whether the engine loads files into a store of its own: then :meth:`validate_files`
    #: is best given the base as N-Triples (loaded as they are, with no rdflib graph).
    loads_ntriples: bool = False

    @abstractmethod
    def validate(self, data_graph: Graph, shapes: Graph) -> ValidationReport:
        """Validate ``data_graph`` against the shapes graph ``shapes``."""

    def validate_files(
        self, paths: Sequence[str | Path], shapes: Graph, base: Graph | bytes
    ) -> ValidationReport:
        """Validate RDF files merged with ``base`` (the project's graph, or its vocabulary
        alone, as a graph or as N-Triples), so that a data steward's roles may reference our
        competencies, levels and families. ``base`` is left as it is."""
        graph = new_graph()
        if isinstance(base, bytes):
            graph.parse(data=base, format="nt")
        else:
            graph += base
        merge_files([Path(p) for p in paths], graph)
        materialise(graph)
        return self.validate(graph, shapes)
