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
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from airoles_kg.rdf.oxigraph import OxTerm, from_oxigraph
from airoles_kg.rdf.terms import short_iri
from airoles_kg.shacl.report import term_text

__all__ = ["RawResult", "Results", "term_converter"]


class RawResult(NamedTuple):
    """One result of a compiled constraint: the focus node and value as Oxigraph terms (read
    from the store), the result path, source shape and component as shapes-graph terms, and
    the messages of a SPARQL-based constraint, its templates filled, as ``(language, text)``
    pairs (``()``: the shape's or a default one). A named tuple: made for every result a
    query finds, on the worker threads, it costs a tuple; what follows the value
    (:meth:`shared`) is what the results of one constraint share."""

    focus: OxTerm
    value: OxTerm | None
    path: Node | None
    shape: Node
    component: URIRef
    messages: tuple[tuple[str, str], ...] = ()

    def shared(self) -> tuple[Node | None, Node, URIRef, tuple[tuple[str, str], ...]]:
        """The path, shape, component and messages: the same for a constraint's results."""
        return self[2:]


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
            RawResult(focus, value, path if path is not None else self.path, self.shape,
                      component, messages)
        )

    def extend(self, results: Iterable[RawResult]) -> None:
        """Record the results of a nested shape as they are."""
        self.items.extend(results)


def term_converter() -> Callable[[OxTerm | None], tuple[Node | None, str]]:
    """A converter of Oxigraph terms to rdflib terms and their
    :func:`~airoles_kg.shacl.report.term_text`, for the results of one run, which builds each
    distinct term once: a focus node has several results, and the same term object on each
    makes every later look-up of it (sorting, grouping, rendering) an identity match.

    >>> import pyoxigraph as ox
    >>> convert = term_converter()
    >>> convert(ox.NamedNode("http://e/a"))
    (rdflib.term.URIRef('http://e/a'), '<http://e/a>')
    >>> convert(ox.NamedNode("http://e/a"))[0] is convert(ox.NamedNode("http://e/a"))[0]
    True
    >>> convert(None)
    (None, '')
    """
    converted: dict[OxTerm | None, tuple[Node | None, str]] = {None: (None, "")}

    def convert(term: OxTerm | None) -> tuple[Node | None, str]:
        try:
            return converted[term]
        except KeyError:
            node = from_oxigraph(term)
            # An IRI's text straight from its string (term_text's own cache is not needed).
            text = short_iri(term.value) if isinstance(term, ox.NamedNode) else term_text(node)
            pair = converted[term] = (node, text)
            return pair

    return convert
