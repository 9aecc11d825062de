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
from rdflib.namespace import XSD
from rdflib.term import Node

from airoles_kg.errors import QueryError
from airoles_kg.namespaces import PREFIXES

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

#: Characters an IRI may not hold (IRIREF of SPARQL 1.1, Turtle and N-Triples), plus white
#: space and control characters.
IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"^[A-Za-z]+(?:-[A-Za-z0-9]+)*$")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
          "\f": "\\f"}
# A local name that reads well in a CURIE: letters, digits, '_', '-', inner '.'.
_CURIE_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_NAMESPACES = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def is_iri_text(value: str) -> bool:
    """Whether ``value`` can stand between ``<`` and ``>``: not empty, nothing forbidden.

    >>> is_iri_text("https://e.org/a"), is_iri_text("https://e.org/a b"), is_iri_text("")
    (True, False, False)
    """
    return bool(value) and not IRI_FORBIDDEN.search(value)


def _escape(text: str, ascii_only: bool) -> str:
    out = []
    for char in text:
        if char in _ECHAR:
            out.append(_ECHAR[char])
        elif ord(char) < 0x20 or (ascii_only and ord(char) > 0x7E):
            code = ord(char)
            out.append(f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
        else:
            out.append(char)
    return "".join(out)


def _iri(value: str, ascii_only: bool) -> str:
    if not is_iri_text(value):
        raise QueryError(f"not a valid IRI: {value!r}")
    return f"<{_escape(value, ascii_only)}>"


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
        return _iri(str(term), ascii_only)
    if isinstance(term, Literal):
        text = f'"{_escape(str(term), ascii_only)}"'
        if term.language:
            if not _LANG.match(term.language):
                raise QueryError(f"not a valid language tag: {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^{_iri(str(term.datatype), ascii_only)}"
        if typed_strings and not str(term).isascii():
            return f"{text}^^{_iri(str(XSD.string), ascii_only)}"
        return text
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


def curie(iri: str) -> str | None:
    """``iri`` as a CURIE with one of the project's prefixes, if its local name reads well;
    else ``None`` (each caller chooses how to show a full IRI)."""
    for prefix, namespace in _NAMESPACES:
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if _CURIE_LOCAL.match(local):
                return f"{prefix}:{local}"
    return None


def shorten_iri(iri: str) -> str:
    """``iri`` as a CURIE when :func:`curie` can make one, else as it is.

    >>> shorten_iri("https://w3id.org/airoles/role/ai-engineer")
    'role:ai-engineer'
    >>> shorten_iri("https://example.org/x")
    'https://example.org/x'
    """
    return curie(iri) or iri


def short_iri(iri: str) -> str:
    """``iri`` as a CURIE when :func:`curie` can make one, else in angle brackets.

    >>> short_iri("https://w3id.org/airoles/competency/python"), short_iri("http://e/x")
    ('comp:python', '<http://e/x>')
    """
    return curie(iri) or f"<{iri}>"


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
