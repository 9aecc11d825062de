"""Answers as text needs them: each term as its kind, value, language and datatype (the parts
the SPARQL 1.1 results formats write), from pyoxigraph's terms or rdflib's, importing rdflib
only for a term that is already one of its own.

The writers of answers (:mod:`airoles_kg.catalogue.format`) read these parts, so an answer
Oxigraph gives is written as it is, without building an rdflib term per value, and the text is
the same whichever engine gave the answer.

>>> import pyoxigraph as ox
>>> result_term(ox.Literal("IA", language="fr"))
ResultTerm(kind='literal', value='IA', language='fr', datatype=None)
>>> from rdflib import Literal
>>> result_term(Literal("IA", lang="fr")) == result_term(ox.Literal("IA", language="fr"))
True
>>> result_term(ox.Literal("3", datatype=ox.NamedNode(XSD_INTEGER))).datatype == XSD_INTEGER
True
>>> result_term(ox.Literal("1E0", datatype=ox.NamedNode(XSD_DOUBLE))).value
'1.0'
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Literal, NamedTuple

import pyoxigraph as ox

from airoles_kg.errors import QueryError
from airoles_kg.rdf.syntax import XSD_STRING

__all__ = ["ResultTerm", "cyclic_gc_paused", "native_rows", "result_rows", "result_term"]

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"
_FLOATS = (XSD_DOUBLE, "http://www.w3.org/2001/XMLSchema#float")
_SPECIAL_FLOATS = ("INF", "+INF", "-INF", "NaN")


class ResultTerm(NamedTuple):
    """A term of an answer: ``kind`` is ``uri``, ``bnode`` or ``literal``; a simple literal
    (``xsd:string``) and a language-tagged one have no ``datatype``."""

    kind: Literal["uri", "bnode", "literal"]
    value: str
    language: str | None = None
    datatype: str | None = None


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector (reference counting goes on) while a large answer is built.

    An answer is tuples of terms: it holds no reference cycle, yet each of the thousands of
    objects it adds would make the collector traverse the young ones, and the whole heap now and
    then, over and over while the answer grows. It runs again as usual afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def native_rows(solutions: Iterable[Iterable[object]]) -> list[tuple[object, ...]]:
    """Oxigraph's solutions as a list of tuples of its terms (``None`` = unbound)."""
    with cyclic_gc_paused():
        return [tuple(solution) for solution in solutions]


def _literal(value: str, language: str | None, datatype: str | None) -> ResultTerm:
    if language or datatype in (XSD_STRING, _LANG_STRING):
        datatype = None
    return ResultTerm("literal", value, language or None, datatype)


def result_term(term: object) -> ResultTerm | None:
    """The parts of a pyoxigraph or rdflib term (``None`` for an unbound value)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ResultTerm("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return ResultTerm("bnode", term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        value = term.value
        if datatype in _FLOATS and value not in _SPECIAL_FLOATS:
            # Oxigraph writes 1.0 as "1", rdflib (and our output since the start) as "1.0":
            # both are the shortest decimal that reads back as the same float.
            value = str(float(value))
        return _literal(value, term.language, datatype)
    from rdflib.term import BNode, Literal, URIRef  # an rdflib term: rdflib is loaded already

    if isinstance(term, URIRef):
        return ResultTerm("uri", str(term))
    if isinstance(term, BNode):
        return ResultTerm("bnode", str(term))
    if isinstance(term, Literal):
        return _literal(str(term), term.language,
                        None if term.datatype is None else str(term.datatype))
    raise QueryError(f"cannot write {term!r} in an answer: not an IRI, a blank node or a literal")


def result_rows(rows: Iterable[Sequence[object]]) -> list[tuple[ResultTerm | None, ...]]:
    """Rows of terms (either library's) as rows of :class:`ResultTerm`; each distinct term of
    the answer is taken apart once."""
    seen: dict[object, ResultTerm | None] = {None: None}
    out = []
    for row in rows:
        cells = []
        for term in row:
            try:
                cells.append(seen[term])
            except KeyError:
                seen[term] = found = result_term(term)
                cells.append(found)
        out.append(tuple(cells))
    return out
