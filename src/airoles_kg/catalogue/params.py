"""Query parameters: user values checked against the header and turned into RDF terms.

>>> from airoles_kg.catalogue.header import QueryParam
>>> coerce_param(QueryParam("role", "iri", True, "R"), "role:ai-engineer")
rdflib.term.URIRef('https://w3id.org/airoles/role/ai-engineer')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from airoles_kg.catalogue.files import CatalogueQuery
from airoles_kg.catalogue.header import QueryParam
from airoles_kg.errors import QueryError
from airoles_kg.namespaces import PREFIXES
from airoles_kg.rdf.terms import IRI_FORBIDDEN, is_iri_text

__all__ = ["bind_params", "bind_rows", "coerce_param", "expand_curie"]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# A full IRI as people type one: with an authority (scheme://...) or a URN.
_ABSOLUTE_IRI = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|urn:)", re.I)
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
_LANGTAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}

_TYPE_WORDS: dict[str, str] = {
    "iri": "an IRI or a CURIE (such as role:ai-engineer)",
    "string": "a string",
    "integer": "an integer",
    "decimal": "a decimal number",
    "boolean": "true or false",
    "lang": "a language tag (such as en or fr)",
}


def expand_curie(raw: str) -> URIRef | None:
    """The IRI of a CURIE with one of the project's prefixes, else ``None``.

    >>> expand_curie("comp:python"), expand_curie("http://e/x")
    (rdflib.term.URIRef('https://w3id.org/airoles/competency/python'), None)
    """
    prefix, sep, local = raw.partition(":")
    if not sep or prefix not in PREFIXES or local.startswith("//"):
        return None
    return URIRef(PREFIXES[prefix] + local)


def _valid_iri(raw: str) -> bool:
    return bool(_SCHEME.match(raw)) and is_iri_text(raw)


def coerce_param(
    param: QueryParam,
    raw: str | Node,
    resolve_iri: Callable[[str], URIRef] | None = None,
) -> Node:
    """Turn a user value into the RDF term bound to ``?param``.

    ``iri`` accepts a full IRI (optionally in ``<...>``), a CURIE with one of our prefixes, or
    (through ``resolve_iri``) any other name, such as a role slug or label.

    >>> coerce_param(QueryParam("role", "iri", True, "R"), "role:ai-engineer")
    rdflib.term.URIRef('https://w3id.org/airoles/role/ai-engineer')
    >>> coerce_param(QueryParam("minRank", "integer", False, "R"), " 3 ").n3()
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> coerce_param(QueryParam("minRank", "integer", False, "R"), "x")
    Traceback (most recent call last):
    ...
    airoles_kg.errors.QueryError: parameter minRank: expected an integer, got 'x'
    """
    expected = _TYPE_WORDS[param.type]
    if isinstance(raw, Node):  # URIRef and Literal are str subclasses: test them first
        return _check_term(param, raw)

    def bad() -> QueryError:
        return QueryError(f"parameter {param.name}: expected {expected}, got {raw!r}")

    value = raw.strip()
    if param.type == "string":
        return Literal(raw)
    if param.type == "iri":
        if value.startswith("<") and value.endswith(">"):
            value = value[1:-1]
            if not _valid_iri(value):
                raise bad()
            return URIRef(value)
        curie = expand_curie(value)
        if curie is not None:
            if IRI_FORBIDDEN.search(str(curie)):
                raise bad()
            return curie
        if _ABSOLUTE_IRI.match(value):
            if not _valid_iri(value):
                raise bad()
            return URIRef(value)
        if resolve_iri is not None and value:
            term = resolve_iri(value)
            if not isinstance(term, URIRef) or not _valid_iri(str(term)):
                raise bad()
            return term
        prefix, sep, _local = value.partition(":")
        if sep and _SCHEME.match(value) and not IRI_FORBIDDEN.search(value):
            raise QueryError(
                f"parameter {param.name}: unknown prefix {prefix!r} in {raw!r} "
                f"(known: {', '.join(PREFIXES)}); or give a full IRI"
            )
        raise bad()
    if param.type == "integer":
        if not _INTEGER.match(value):
            raise bad()
        return Literal(int(value), datatype=XSD.integer)
    if param.type == "decimal":
        if not _DECIMAL.match(value):
            raise bad()
        try:
            return Literal(Decimal(value), datatype=XSD.decimal)
        except InvalidOperation:
            raise bad() from None
    if param.type == "boolean":
        flag = _BOOLEANS.get(value.lower())
        if flag is None:
            raise bad()
        return Literal(flag)
    if param.type == "lang":
        if not _LANGTAG.match(value):
            raise bad()
        return Literal(value.lower())
    raise bad()  # pragma: no cover - the header parser admits no other type


def _check_term(param: QueryParam, term: Node) -> Node:
    """Accept an RDF term given directly, if it fits the parameter's type."""
    wanted = _TYPE_WORDS[param.type]
    ok: bool
    if param.type == "iri":
        ok = isinstance(term, URIRef) and _valid_iri(str(term))
    elif param.type == "integer":
        ok = isinstance(term, Literal) and isinstance(term.toPython(), int) and not isinstance(
            term.toPython(), bool
        )
    elif param.type == "decimal":
        ok = isinstance(term, Literal) and term.datatype in (XSD.decimal, XSD.integer)
    elif param.type == "boolean":
        ok = isinstance(term, Literal) and term.datatype == XSD.boolean
    else:
        ok = isinstance(term, Literal)
    if not ok:
        raise QueryError(f"parameter {param.name}: expected {wanted}, got {term.n3()}")
    return term


def bind_params(
    query: CatalogueQuery,
    params: Mapping[str, str | Node] | None,
    resolve_iri: Callable[[str], URIRef] | None = None,
    *,
    in_rows: Collection[str] = (),
) -> dict[str, Node]:
    """Check ``params`` against the header and coerce each value; returns variable → term.

    Unknown parameter names and missing required ones raise :class:`QueryError`; the
    parameters named in ``in_rows`` are bound by rows (:func:`bind_rows`) and not required here.
    """
    given = dict(params or {})
    known = {p.name: p for p in query.params}
    for name in sorted(given):
        if name not in known:
            hint = f" (known: {', '.join(known)})" if known else " (it takes no parameters)"
            raise QueryError(f"query {query.name}: unknown parameter {name!r}{hint}")
    bindings: dict[str, Node] = {}
    for param in query.params:
        if param.name not in given:
            if param.required and param.name not in in_rows:
                raise QueryError(
                    f"query {query.name}: missing required parameter {param.name} "
                    f"({param.description}); pass --param {param.name}=VALUE"
                )
            continue
        bindings[param.name] = coerce_param(param, given[param.name], resolve_iri)
    return bindings


def bind_rows(
    query: CatalogueQuery,
    rows: Sequence[Mapping[str, str | Node]],
    resolve_iri: Callable[[str], URIRef] | None = None,
) -> tuple[tuple[str, ...], tuple[tuple[Node, ...], ...]]:
    """Several values of parameters bound together, one row each: the variable names and the
    coerced rows, for :func:`~airoles_kg.backends.bindings.inject_rows`.

    Every row must give the same declared parameters; a bad cell raises :class:`QueryError`
    naming its row (counted from 1).
    """
    if not rows:
        raise QueryError(f"query {query.name}: no rows to bind")
    known = {p.name: p for p in query.params}
    names = tuple(sorted(rows[0]))
    for name in names:
        if name not in known:
            raise QueryError(f"query {query.name}: unknown parameter {name!r} "
                             f"(known: {', '.join(known) or 'none'})")
    table = []
    for number, row in enumerate(rows, start=1):
        if tuple(sorted(row)) != names:
            raise QueryError(f"query {query.name}: row {number} binds {', '.join(sorted(row))}, "
                             f"not {', '.join(names)}")
        try:
            table.append(tuple(coerce_param(known[n], row[n], resolve_iri) for n in names))
        except QueryError as exc:
            raise QueryError(f"query {query.name}: row {number}: {exc}") from None
    return names, tuple(table)
