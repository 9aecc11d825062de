"""Parsing RDF files, with errors that name the file and the line.

Every parse goes through :func:`parse_file`, which turns a syntax error into a
:class:`~airoles_kg.errors.ParseError` naming the file and the line, and a missing file into an
:class:`~airoles_kg.errors.InputError`. Files are opened by :func:`~airoles_kg.rdf.read.open_rdf`
(gzip capped, a byte-order mark skipped), as the fast SHACL engine streams them; N-Triples and
N-Quads are parsed by Oxigraph's streaming parser (rdflib's takes quadratic time on a long
literal), the other formats by rdflib. Graphs are made by :func:`new_graph`, with exactly the
project's prefixes bound.

>>> import tempfile, pathlib
>>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.ttl"
>>> _ = bad.write_text("@prefix ex: <http://e/> .\\nex:a ex:b .\\n")
>>> parse_file(bad)
Traceback (most recent call last):
...
airoles_kg.errors.ParseError: ...bad.ttl:2: ...
"""

from __future__ import annotations

import json
import re
import warnings
import xml.sax
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from airoles_kg.errors import ParseError
from airoles_kg.namespaces import PREFIXES
from airoles_kg.rdf.formats import LINE_BASED, OXIGRAPH_FORMATS, QUAD_FORMATS, guess_format
from airoles_kg.rdf.oxigraph import from_oxigraph
from airoles_kg.rdf.read import open_rdf, oxigraph_syntax_error
from airoles_kg.text import one_line

__all__ = ["bind_prefixes", "new_graph", "parse_file"]

_AT_LINE = re.compile(r"\bline (\d+)")


def new_graph() -> Graph:
    """An empty graph with exactly the project's prefixes bound (no rdflib defaults)."""
    graph = Graph(bind_namespaces="none")
    bind_prefixes(graph)
    return graph


def bind_prefixes(graph: Graph) -> Graph:
    """Bind :data:`~airoles_kg.namespaces.PREFIXES` on ``graph`` (replacing clashes); return it."""
    for prefix, uri in PREFIXES.items():
        graph.bind(prefix, uri, override=True, replace=True)
    return graph


def _read(path: Path) -> bytes:
    with open_rdf(path) as stream:
        return stream.read()


def _parse_lines(path: Path, fmt: str, base: str) -> Graph:
    """N-Triples or N-Quads streamed through Oxigraph's parser into a new graph (named graphs
    merged)."""
    graph = new_graph()
    add = graph.add
    with open_rdf(path) as stream:
        try:
            for quad in ox.parse(stream, format=OXIGRAPH_FORMATS[fmt], base_iri=base):
                add((from_oxigraph(quad.subject), from_oxigraph(quad.predicate),  # type: ignore[arg-type]
                     from_oxigraph(quad.object)))
        except SyntaxError as exc:
            raise oxigraph_syntax_error(path, exc) from None
    return graph


def _first_bad_line(data: bytes, fmt: str) -> int | None:
    """For line-based formats, the number of the first line that does not parse on its own."""
    for number, line in enumerate(data.splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith(b"#"):
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                Dataset().parse(data=text.decode("utf-8"), format=fmt)
        except Exception:  # noqa: BLE001 - any failure marks the line
            return number
    return None


def _parse_error(path: Path, data: bytes, fmt: str, exc: Exception) -> ParseError:
    """Translate whatever the rdflib parser raised into a ParseError with a line number."""
    if isinstance(exc, BadSyntax):
        # rdflib counts the newlines before the error position; lines are 1-based for people.
        # An error at the very end (a statement cut short) is reported on the last line.
        last = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        return ParseError(path, max(1, min(exc.lines + 1, last)), one_line(exc._why))
    if isinstance(exc, json.JSONDecodeError):
        return ParseError(path, exc.lineno, one_line(exc.msg))
    if isinstance(exc, xml.sax.SAXParseException):
        return ParseError(path, exc.getLineNumber(), one_line(exc.getMessage()))
    detail = one_line(str(exc)) or type(exc).__name__
    if fmt in LINE_BASED:
        return ParseError(path, _first_bad_line(data, fmt), detail)
    match = _AT_LINE.search(detail)
    return ParseError(path, int(match.group(1)) if match else None, detail)


def parse_file(path: str | Path, format: str | None = None) -> Graph:  # noqa: A002
    """Parse one RDF file into a new graph (quads are merged into one graph).

    The format is guessed from the extension unless given. A file that does not parse raises
    :class:`~airoles_kg.errors.ParseError` with the file and line; a missing file raises
    :class:`~airoles_kg.errors.InputError`.
    """
    path = Path(path)
    fmt = format or guess_format(path)
    base = path.resolve().as_uri()
    if fmt in LINE_BASED:
        return _parse_lines(path, fmt, base)
    data = _read(path)
    try:
        if fmt in QUAD_FORMATS:
            dataset = Dataset()
            with warnings.catch_warnings():  # rdflib's quad parsers use deprecated internals
                warnings.simplefilter("ignore", DeprecationWarning)
                dataset.parse(data=data, format=fmt, publicID=base)
            graph = new_graph()
            for s, p, o, _ctx in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            graph = new_graph()
            with warnings.catch_warnings():  # rdflib's JSON-LD parser uses deprecated internals
                warnings.simplefilter("ignore", DeprecationWarning)
                graph.parse(data=data, format=fmt, publicID=base)
    except Exception as exc:  # noqa: BLE001 - parsers raise many types; all mean bad input
        raise _parse_error(path, data, fmt, exc) from None
    return graph
