"""Shapes-graph constants as SPARQL text, and the signal that a shape cannot be compiled.

>>> from rdflib import Literal, URIRef
>>> const(URIRef("http://e/a")), const(Literal("x", lang="en"))
('<http://e/a>', '"x"@en')
>>> rename_this("?this a ?c . $this ?p ?thisOne", "_f0")
'?_f0 a ?c . ?_f0 ?p ?thisOne'
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.term import Node

from airoles_kg.rdf.oxigraph import to_oxigraph
from airoles_kg.rdf.terms import is_iri_text

__all__ = ["UnsupportedShape", "const", "iri", "rename_this"]


class UnsupportedShape(Exception):  # noqa: N818 - a signal, caught internally, not an error
    """Raised while compiling a shape that uses a feature the SPARQL compiler lacks."""


def iri(value: str) -> str:
    """``<value>``; :class:`UnsupportedShape` if the IRI cannot be written in SPARQL."""
    if not is_iri_text(value):
        raise UnsupportedShape(f"IRI not expressible in SPARQL: {value!r}")
    return f"<{value}>"


def const(term: Node) -> str:
    """A shapes-graph constant as SPARQL text (blank nodes cannot be constants)."""
    if isinstance(term, URIRef):
        return iri(str(term))
    if isinstance(term, Literal):
        return str(to_oxigraph(term))
    raise UnsupportedShape(f"blank node constant {term!r}")


def rename_this(pattern: str, name: str) -> str:
    """``pattern`` with ``?this`` (or ``$this``) renamed ``?name``."""
    return re.sub(r"[?$]this\b", "?" + name, pattern)
