"""Typed raw results: what a compiled constraint finds, before it becomes a SHACL result.

>>> import pyoxigraph as ox
>>> from rdflib import URIRef
>>> from rdflib.namespace import SH
>>> found = Results(URIRef("http://e/S"), URIRef("http://e/p"))
>>> found.add(ox.NamedNode("http://e/a"), None, SH.MinCountConstraintComponent)
>>> found.items[0].path, found.items[0].component == SH.MinCountConstraintComponent
(rdflib.term.URIRef('http://e/p'), True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.term import Node

from airoles_kg.rdf.oxigraph import OxTerm, from_oxigraph

__all__ = ["RawResult", "Results", "term_converter"]


@dataclass(frozen=True, slots=True)
class RawResult:
    """One result of a compiled constraint: the focus node and value as Oxigraph terms (read
    from the store), the result path, source shape and component as shapes-graph terms, and
    the messages of a SPARQL-based constraint, its templates filled, as ``(language, text)``
    pairs (``()``: the shape's or a default one)."""

    focus: OxTerm
    path: Node | None
    value: OxTerm | None
    shape: Node
    component: URIRef
    messages: tuple[tuple[str, str], ...] = ()


class Results:
    """The results of one shape, which report its ``sh:path`` unless told otherwise."""

    def __init__(self, shape: Node, path: Node | None) -> None:
        self.shape = shape
        self.path = path
        self.items: list[RawResult] = []

    def add(
        self,
        focus: OxTerm,
        value: OxTerm | None,
        component: URIRef,
        messages: tuple[tuple[str, str], ...] = (),
        path: Node | None = None,
    ) -> None:
        """Record a result of this shape (``path`` overrides the shape's own path)."""
        self.items.append(
            RawResult(focus, path if path is not None else self.path, value, self.shape,
                      component, messages)
        )

    def extend(self, results: Iterable[RawResult]) -> None:
        """Record the results of a nested shape as they are."""
        self.items.extend(results)


def term_converter() -> Callable[[OxTerm | None], Node | None]:
    """A converter of Oxigraph terms to rdflib terms for the results of one run, which builds
    each distinct term once: a focus node has several results, and the same term object on
    each makes every later look-up of it (sorting, grouping, rendering) an identity match.

    >>> import pyoxigraph as ox
    >>> convert = term_converter()
    >>> convert(ox.NamedNode("http://e/a")) is convert(ox.NamedNode("http://e/a"))
    True
    """
    converted: dict[OxTerm | None, Node | None] = {None: None}

    def convert(term: OxTerm | None) -> Node | None:
        try:
            return converted[term]
        except KeyError:
            node = converted[term] = from_oxigraph(term)
            return node

    return convert
