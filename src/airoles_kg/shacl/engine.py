"""What a SHACL engine is: an object that validates a graph, or files, against shapes.

Engines are registered by object (:func:`airoles_kg.shacl.validate.register_engine`); each
returns a :class:`~airoles_kg.shacl.report.ValidationReport`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from airoles_kg.kg.load import merge_files
from airoles_kg.kg.materialise import materialise
from airoles_kg.rdf.parse import new_graph
from airoles_kg.shacl.report import ValidationReport

__all__ = ["Engine"]


class Engine(ABC):
    """A SHACL validation engine, known by its :attr:`name`."""

    #: The name ``--engine`` takes.
    name: str

    @abstractmethod
    def validate(self, data_graph: Graph, shapes: Graph) -> ValidationReport:
        """Validate ``data_graph`` against the shapes graph ``shapes``."""

    def validate_files(
        self, paths: Sequence[str | Path], shapes: Graph, base: Graph
    ) -> ValidationReport:
        """Validate RDF files merged with ``base`` (the project's graph, or its vocabulary
        alone), so that a data steward's roles may reference our competencies, levels and
        families. ``base`` is left as it is."""
        graph = new_graph()
        graph += base
        merge_files([Path(p) for p in paths], graph)
        materialise(graph)
        return self.validate(graph, shapes)
