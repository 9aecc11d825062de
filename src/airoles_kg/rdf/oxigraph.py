"""rdflib terms to pyoxigraph terms and back, and answers converted in bulk.

>>> from rdflib import Literal, URIRef
>>> from_oxigraph(to_oxigraph(Literal("IA", lang="fr"))) == Literal("IA", lang="fr")
True
>>> rows_from_oxigraph([[to_oxigraph(URIRef("http://e/a")), None]])
((rdflib.term.URIRef('http://e/a'), None),)
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from airoles_kg.rdf.answers import cyclic_gc_paused
from airoles_kg.rdf.syntax import XSD_STRING

__all__ = ["OxTerm", "from_oxigraph", "rows_from_oxigraph", "to_oxigraph"]

#: A pyoxigraph term of a triple.
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


def to_oxigraph(term: Node) -> OxTerm:
    """Convert an rdflib term to its pyoxigraph equivalent."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to an Oxigraph term")


def from_oxigraph(term: object) -> Node | None:
    """Convert a pyoxigraph term (or ``None``) to its rdflib equivalent."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        # A string's lexical form is its value: rdflib's normalisation would keep it as it is
        # (and costs a third of the conversion), so it is skipped for strings only.
        if term.language:
            return Literal(term.value, lang=term.language, normalize=False)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value, normalize=False)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


def rows_from_oxigraph(rows: Iterable[Iterable[object]]) -> tuple[tuple[Node | None, ...], ...]:
    """Rows of pyoxigraph terms (``None`` = unbound) as rows of rdflib terms.

    An answer repeats the same terms (a role on each of its rows, a handful of types and
    levels), and building an rdflib term costs far more than looking one up, so each distinct
    term of the answer is converted once (pyoxigraph terms are equal exactly when they are the
    same RDF term). Nothing is kept from one answer to the next.
    """
    converted: dict[object, Node | None] = {None: None}
    convert = converted.__getitem__
    out = []
    with cyclic_gc_paused():
        for row in rows:
            terms = tuple(row)
            try:
                out.append(tuple(map(convert, terms)))
            except KeyError:  # a term not seen before in this answer
                for term in terms:
                    if term not in converted:
                        converted[term] = from_oxigraph(term)
                out.append(tuple(map(convert, terms)))
    return tuple(out)
