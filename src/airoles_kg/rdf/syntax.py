"""Terms as SPARQL and N-Triples text, from their parts, with no RDF library: IRIs checked by
one rule (:data:`IRI_FORBIDDEN`), strings escaped one way, CURIEs made one way (:func:`curie`).

:mod:`airoles_kg.rdf.terms` writes rdflib terms with these functions; a command that never
builds an rdflib term (``query NAME`` on the embedded store) writes pyoxigraph's with them too,
so both write the same text.

>>> literal_syntax('say "hi"', language="en")
'"say \\\\"hi\\\\""@en'
>>> literal_syntax("3", datatype="http://www.w3.org/2001/XMLSchema#integer")
'"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
>>> curie("https://w3id.org/airoles/role/ai-engineer"), curie("https://example.org/x")
('role:ai-engineer', None)
"""

from __future__ import annotations

import re

from airoles_kg.errors import QueryError
from airoles_kg.namespaces import PREFIXES

__all__ = [
    "IRI_FORBIDDEN",
    "XSD_STRING",
    "curie",
    "escape_string",
    "iri_syntax",
    "is_iri_text",
    "literal_syntax",
    "short_iri",
    "shorten_iri",
]

#: Characters an IRI may not hold (IRIREF of SPARQL 1.1, Turtle and N-Triples), plus white
#: space and control characters.
IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
#: The datatype of a simple literal.
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
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


def escape_string(text: str, ascii_only: bool = False) -> str:
    """``text`` escaped for the inside of a short quoted string: quotes, backslashes and
    control characters (and, with ``ascii_only``, any non-ASCII character as ``\\u``)."""
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


def iri_syntax(value: str, ascii_only: bool = False) -> str:
    """``<value>``; a :class:`QueryError` if :func:`is_iri_text` refuses it."""
    if not is_iri_text(value):
        raise QueryError(f"not a valid IRI: {value!r}")
    return f"<{escape_string(value, ascii_only)}>"


def literal_syntax(
    lexical: str, *, language: str | None = None, datatype: str | None = None,
    ascii_only: bool = False, typed_strings: bool = False,
) -> str:
    """A literal from its parts, in the short quoted form (see
    :func:`airoles_kg.rdf.terms.sparql_term` for ``typed_strings``); a simple literal has
    no ``datatype``."""
    text = f'"{escape_string(lexical, ascii_only)}"'
    if language:
        if not _LANG.match(language):
            raise QueryError(f"not a valid language tag: {language!r}")
        return f"{text}@{language}"
    if datatype is not None:
        return f"{text}^^{iri_syntax(datatype, ascii_only)}"
    if typed_strings and not lexical.isascii():
        return f"{text}^^{iri_syntax(XSD_STRING, ascii_only)}"
    return text


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
