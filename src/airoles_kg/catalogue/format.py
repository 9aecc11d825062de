"""Query results as text: an aligned table (our IRIs as CURIEs), or the SPARQL 1.1 CSV, TSV
and JSON results formats.

>>> from airoles_kg.catalogue.files import get_query
>>> from airoles_kg.catalogue.run import QueryResult
>>> print(format_result(QueryResult(get_query("statistics"), "ASK", boolean=True)), end="")
true
"""

from __future__ import annotations

import csv
import io
import json
from typing import Literal as TypingLiteral
from typing import get_args

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from airoles_kg.catalogue.run import QueryResult
from airoles_kg.errors import QueryError
from airoles_kg.rdf.terms import shorten_iri, sparql_term
from airoles_kg.text import table

__all__ = ["FORMATS", "format_result"]

Format = TypingLiteral["table", "csv", "tsv", "json"]

#: The output formats :func:`format_result` writes.
FORMATS: tuple[str, ...] = get_args(Format)


def _nt(term: Node | None) -> str:
    """A term in N-Triples syntax (the SPARQL TSV results format), '' when unbound."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return sparql_term(Literal(str(term)))
    return sparql_term(term)


def _plain(term: Node | None) -> str:
    """A term as CSV writes it: the IRI or the lexical form."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _display(term: Node | None) -> str:
    """A term for the aligned table: CURIEs for our IRIs, lexical forms for literals."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return shorten_iri(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def _tabular(result: QueryResult) -> tuple[tuple[str, ...], list[tuple[Node | None, ...]]]:
    if result.graph is not None:
        triples = sorted(result.graph, key=lambda t: tuple(_nt(x) for x in t))
        return ("subject", "predicate", "object"), [tuple(t) for t in triples]
    return result.variables, list(result.rows)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as ``table`` (aligned text, our IRIs as CURIEs), ``csv``, ``tsv`` or
    ``json`` (the SPARQL 1.1 query results formats). A graph result is rendered as its
    subject/predicate/object triples, sorted.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if result.form == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=2) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    variables, rows = _tabular(result)
    if fmt == "json":
        document = {
            "head": {"vars": list(variables)},
            "results": {
                "bindings": [
                    {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
                    for row in rows
                ]
            },
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_plain(t) for t in row] for row in rows)
        return buffer.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines.extend("\t".join(_nt(t) for t in row) for row in rows)
        return "\n".join(lines) + "\n"
    cells = [[_display(t) for t in row] for row in rows]
    out = table(variables, cells)
    if not cells:
        out.append("(no rows)")
    return "\n".join(out) + "\n"
