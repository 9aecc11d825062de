"""Comparing answers across engines: terms in a form in which equal values compare equal.

Engines write the same value differently (``2.0`` and ``2``, booleans as ``1``, ``xsd:string``
or not, language tags in any case); the differential tests compare answers in this form.

>>> from rdflib import Literal
>>> from rdflib.namespace import XSD
>>> canonical_term(Literal("2.0", datatype=XSD.decimal)) == canonical_term(Literal(2))
True
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from airoles_kg.backends.base import Rows

if TYPE_CHECKING:
    from airoles_kg.backends.base import Term

__all__ = ["canonical_rows", "canonical_term"]


_NUMERIC = {
    str(XSD[name])
    for name in (
        "integer", "decimal", "int", "long", "short", "byte", "nonNegativeInteger",
        "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt",
        "unsignedLong", "unsignedShort", "unsignedByte", "double", "float",
    )
}


def canonical_term(term: Term | None) -> tuple[str, ...] | None:
    """A comparable form of a term: numbers by value (9 decimals), booleans as the numbers 0
    and 1, strings without xsd:string, language tags in lower case.
    """
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ("iri", str(term))
    if isinstance(term, BNode):
        return ("bnode",)
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype is not None else ""
        if datatype in _NUMERIC:
            try:
                value = Decimal(str(term).strip()).quantize(Decimal("1e-9"))
            except InvalidOperation:
                return ("literal", str(term), datatype)
            return ("number", format(value.normalize(), "f"))
        if datatype == str(XSD.boolean):  # as 0/1: Virtuoso answers booleans as integers
            return ("number", "1" if str(term).strip() in ("true", "1") else "0")
        if term.language:
            return ("literal", str(term), "@" + term.language.lower())
        if datatype == str(XSD.string):
            datatype = ""
        return ("literal", str(term), datatype)
    return ("other", str(term))


def canonical_rows(rows: Rows) -> list[tuple[tuple[str, ...] | None, ...]]:
    """The rows of a SELECT answer, canonicalised term by term and sorted (order-free)."""
    canon = [tuple(canonical_term(term) for term in row) for row in rows.rows]
    return sorted(canon, key=repr)
