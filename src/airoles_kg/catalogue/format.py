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

from airoles_kg.catalogue.run import QueryResult
from airoles_kg.errors import QueryError
from airoles_kg.rdf.answers import ResultTerm, result_rows
from airoles_kg.rdf.syntax import literal_syntax, shorten_iri
from airoles_kg.text import table

__all__ = ["FORMATS", "format_result"]

Format = TypingLiteral["table", "csv", "tsv", "json"]

#: The output formats :func:`format_result` writes.
FORMATS: tuple[str, ...] = get_args(Format)

Cells = tuple[ResultTerm | None, ...]


def _nt(term: ResultTerm | None) -> str:
    """A term in N-Triples syntax (the SPARQL TSV results format), '' when unbound."""
    if term is None:
        return ""
    if term.kind == "uri":
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    return literal_syntax(term.value, language=term.language, datatype=term.datatype)


def _plain(term: ResultTerm | None) -> str:
    """A term as CSV writes it: the IRI or the lexical form."""
    if term is None:
        return ""
    if term.kind == "bnode":
        return f"_:{term.value}"
    return term.value


def _display(term: ResultTerm | None) -> str:
    """A term for the aligned table: CURIEs for our IRIs, lexical forms for literals."""
    if term is None:
        return ""
    if term.kind == "uri":
        return shorten_iri(term.value)
    if term.kind == "bnode":
        return f"_:{term.value}"
    return " ".join(term.value.split())


def _json_term(term: ResultTerm) -> dict[str, str]:
    out = {"type": term.kind, "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = term.datatype
    return out


def _tabular(result: QueryResult) -> tuple[tuple[str, ...], list[Cells]]:
    """The variables and rows of cells: the engine's own terms when it gave them (no rdflib
    term is built), else the rdflib rows; a graph as its triples, sorted."""
    if result.graph is not None:
        triples = sorted(result_rows(result.graph), key=lambda t: tuple(_nt(x) for x in t))
        return ("subject", "predicate", "object"), triples
    answer = result.answer
    if answer is not None and answer.native is not None:
        return result.variables, result_rows(answer.native)
    return result.variables, result_rows(result.rows)


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
