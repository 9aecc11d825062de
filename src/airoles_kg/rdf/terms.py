"""Terms written as text: IRIs checked once, SPARQL and N-Triples syntax, CURIEs.

Every place that writes a term into SPARQL or N-Triples text, or shortens an IRI for people,
goes through this module, so an IRI is judged by one rule (:data:`IRI_FORBIDDEN`) and a CURIE
is made one way (:func:`curie`).

>>> sparql_term(Literal('say "hi"\\n', lang="en"))
'"say \\\\"hi\\\\"\\\\n"@en'
>>> sparql_term(Literal(3))
'"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
>>> sparql_term(Literal("é"), ascii_only=True)
'"\\\\u00E9"'
>>> curie("https://w3id.org/airoles/role/ai-engineer"), curie("https://example.org/x")
('role:ai-engineer', None)
"""

from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from airoles_kg.errors import QueryError
from airoles_kg.rdf.syntax import (
    IRI_FORBIDDEN,
    curie,
    iri_syntax,
    is_iri_text,
    literal_syntax,
    short_iri,
    shorten_iri,
)

__all__ = [
    "IRI_FORBIDDEN",
    "curie",
    "is_iri_text",
    "nt_line",
    "short_iri",
    "short_term",
    "shorten_iri",
    "sparql_term",
]


def sparql_term(term: Node, *, ascii_only: bool = False, typed_strings: bool = False) -> str:
    """An rdflib IRI or literal written as SPARQL (and N-Triples) syntax, safely escaped.

    Strings always take the short quoted form with every quote, backslash and control
    character escaped; with ``ascii_only`` any non-ASCII character becomes a ``\\u`` escape
    (servers that mis-decode UTF-8 request bodies still read the right text); with
    ``typed_strings`` a simple literal with non-ASCII characters is written
    ``"..."^^xsd:string``, the same RDF 1.1 term (Virtuoso 7 turns ``STR()`` of such a constant
    into ``?`` characters; ASCII ones stay simple, as Virtuoso compares the two forms apart).
    An IRI that :func:`is_iri_text` refuses, or a blank node, raises :class:`QueryError`.
    """
    if isinstance(term, URIRef):
        return iri_syntax(str(term), ascii_only)
    if isinstance(term, Literal):
        datatype = None if term.datatype is None else str(term.datatype)
        return literal_syntax(str(term), language=term.language, datatype=datatype,
                              ascii_only=ascii_only, typed_strings=typed_strings)
    if isinstance(term, BNode):
        raise QueryError("a blank node cannot be bound as a parameter; use an IRI")
    raise QueryError(f"cannot bind {term!r}: not an IRI or literal")


def nt_line(triple: tuple[Node, Node, Node], *, ascii_only: bool = True) -> str:
    """One N-Triples line (also valid inside SPARQL ``INSERT DATA``), blank nodes as ``_:id``.

    >>> nt_line((BNode("x-1"), URIRef("http://e/p"), Literal("v")))
    '_:bx_1 <http://e/p> "v" .'
    """

    def one(term: Node) -> str:
        if isinstance(term, BNode):
            label = re.sub(r"[^A-Za-z0-9]", "_", str(term))
            return f"_:b{label}"
        return sparql_term(term, ascii_only=ascii_only)

    s, p, o = triple
    return f"{one(s)} {one(p)} {one(o)} ."


def short_term(term: Node) -> str:
    """A term for people: an IRI as :func:`short_iri` writes it, a blank node as ``_:label``,
    a literal in N-Triples syntax.

    >>> short_term(URIRef("https://w3id.org/airoles/ontology#Role")), short_term(BNode("b1"))
    ('air:Role', '_:b1')
    """
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        return term.n3()
    return short_iri(str(term))
