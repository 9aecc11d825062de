"""The canonical source form of Turtle files, as ``airoles-kg fmt`` writes and checks it.

Each statement is re-serialised by the canonical writer of :mod:`airoles_kg.rdf.serialize`;
comments, empty lines and the order of statements are kept.

>>> text = "@prefix ex: <http://e/> .\\n\\n\\nex:b ex:q 2 ; a ex:C ;ex:p 1 .\\n"
>>> print(format_turtle(text), end="")
@prefix ex: <http://e/> .
<BLANKLINE>
ex:b a ex:C ;
    ex:p 1 ;
    ex:q 2 .
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.compare import isomorphic, to_canonical_graph
from rdflib.term import Node

from airoles_kg.errors import InputError
from airoles_kg.namespaces import PREFIXES
from airoles_kg.rdf.formats import guess_format
from airoles_kg.rdf.parse import parse_file
from airoles_kg.rdf.read import check_file
from airoles_kg.rdf.serialize import CanonicalTurtle

__all__ = ["check_turtle_source", "format_turtle", "format_turtle_file"]


@dataclass
class _Chunk:
    """A piece of a Turtle source: an empty line, a comment line, a directive or a statement."""

    kind: str  # "blank" | "comment" | "directive" | "statement"
    text: str
    verbatim: bool = False  # a statement holding a comment or a blank-node label is kept as is


def _skip_string(text: str, i: int) -> int:
    """The index just after the string literal that starts at ``text[i]``."""
    quote = text[i]
    long = text.startswith(quote * 3, i)
    j = i + (3 if long else 1)
    while j < len(text):
        if text[j] == "\\":
            j += 2
        elif long and text.startswith(quote * 3, j):
            return j + 3
        elif not long and text[j] == quote:
            return j + 1
        else:
            j += 1
    return len(text)


def _ends(text: str, j: int) -> bool:
    """Whether a ``.`` just before ``text[j]`` ends a statement (not a decimal or a name)."""
    return j >= len(text) or text[j].isspace() or text[j] == "#"


def _scan_statement(text: str, i: int) -> tuple[int, bool]:
    """From the start of a statement, the index just after its final ``.`` (or, for a SPARQL
    ``PREFIX``/``BASE`` directive, its IRI), and whether it must be kept verbatim."""
    head = text[i : i + 7].upper()
    sparql_directive = head.startswith("PREFIX") or head.startswith("BASE")
    depth, verbatim, j, n = 0, False, i, len(text)
    while j < n:
        c = text[j]
        if c == "<":
            end = text.find(">", j)
            j = n if end < 0 else end + 1
            if sparql_directive:
                return j, verbatim
            continue
        if c in "\"'":
            j = _skip_string(text, j)
            continue
        if c == "#":
            verbatim = True
            end = text.find("\n", j)
            j = n if end < 0 else end
            continue
        if c == "_" and text.startswith("_:", j):
            verbatim = True
        elif c in "[(":
            depth += 1
        elif c in "])":
            depth -= 1
        elif c == "." and depth <= 0 and _ends(text, j + 1):
            return j + 1, verbatim
        j += 1
    return n, verbatim


def _chunks(text: str) -> list[_Chunk]:
    """Split Turtle source text into empty lines, comment lines, directives and statements."""
    chunks: list[_Chunk] = []
    i, n = 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if c == "\n":
            if at_line_start:
                chunks.append(_Chunk("blank", ""))
            at_line_start = True
            i += 1
        elif c in " \t\r":
            i += 1
        elif c == "#":
            end = text.find("\n", i)
            end = n if end < 0 else end
            chunks.append(_Chunk("comment", text[i:end].rstrip()))
            i, at_line_start = end + 1, True
        else:
            end, verbatim = _scan_statement(text, i)
            body = text[i:end]
            directive = body.lstrip().startswith("@") or body[:7].upper().startswith(
                ("PREFIX", "BASE")
            )
            chunks.append(_Chunk("directive" if directive else "statement", body, verbatim))
            i, at_line_start = end, False
            # The rest of the line: a trailing comment becomes its own line.
            while i < n and text[i] in " \t\r":
                i += 1
            if i < n and text[i] == "\n":
                i, at_line_start = i + 1, True
    return chunks


class _SourceTurtle(CanonicalTurtle):
    """The canonical writer for one source statement: no prefix lines, no invented prefixes."""

    def get_pname(self, uri: Node, gen_prefix: bool = True) -> str | None:
        return super().get_pname(uri, gen_prefix=False)

    def startDocument(self) -> None:  # noqa: N802 - rdflib's method name
        self._started = True


def _normalise_directive(body: str) -> str:
    words = body.replace("\n", " ").split()
    if words[0].lower() in ("@prefix", "prefix"):
        return f"@prefix {words[1]} {words[2]} ."
    return f"@base {words[1]} ."


def _format_statement(body: str, directives: list[str]) -> str:
    graph = Graph(bind_namespaces="none")
    graph.parse(data="\n".join([*directives, body]), format="turtle")
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        canonical = Graph(bind_namespaces="none")
        for prefix, uri in graph.namespaces():
            canonical.bind(prefix, uri)
        canonical += to_canonical_graph(graph)
        graph = canonical
    buffer = BytesIO()
    _SourceTurtle(graph).serialize(buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8").strip()


def _verbatim(body: str) -> str:
    return "\n".join(line.rstrip().replace("\t", "    ") for line in body.strip().split("\n"))


def format_turtle(text: str) -> str:
    """Canonical source formatting of Turtle text, keeping comments and the order of statements.

    Each statement is re-serialised by the canonical writer (``a``, labels and descriptions
    first, then predicates and objects sorted, fixed indentation, blank nodes nested);
    directives become ``@prefix``/``@base`` lines; comment lines and empty lines stay where
    they are, runs of empty lines collapsing to one. A statement that holds a comment or a
    blank-node label (``_:x``) is kept as written, with only its line ends trimmed, since
    re-serialising would lose the comment or the label's sharing.
    """
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    directives: list[str] = []
    out: list[str] = []
    for chunk in _chunks(text):
        if chunk.kind == "blank":
            if out and out[-1] != "":
                out.append("")
            continue
        if chunk.kind == "directive":
            formatted = _normalise_directive(chunk.text)
            directives.append(formatted)
        elif chunk.kind == "statement":
            formatted = (_verbatim(chunk.text) if chunk.verbatim
                         else _format_statement(chunk.text, directives))
        else:
            formatted = chunk.text
        out.extend(formatted.split("\n"))
    while out and out[-1] == "":
        out.pop()
    while out and out[0] == "":
        out.pop(0)
    return "\n".join(out) + "\n"


#: What a file that is not Turtle looks like at its start, and what it then is.
_NOT_TURTLE: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "a gzip file"),
    (b"<?xml", "RDF/XML"),
    (b"<rdf:RDF", "RDF/XML"),
    (b"{", "JSON-LD"),
    (b"[", "JSON-LD"),
)
_TURTLE_SUFFIXES = (".ttl", ".turtle")


def check_turtle_source(path: str | Path) -> Path:
    """``path`` if it is a Turtle source ``fmt`` may rewrite: by its extension (``.ttl``,
    ``.turtle``) and by its content (not RDF/XML, JSON-LD, gzip, binary); else
    :class:`InputError` saying what it is."""
    path = check_file(path)
    suffix = path.suffix.lower()
    if suffix not in _TURTLE_SUFFIXES:
        try:
            kind = f"{guess_format(path)} by its extension"
        except InputError:
            kind = f"not an RDF file by its extension {suffix or '(none)'!r}"
        raise InputError(f"{path}: fmt formats Turtle sources (.ttl) only; this file is {kind}, "
                         "and formatting it would rewrite it in Turtle syntax")
    with path.open("rb") as handle:
        head = handle.read(4096)
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    for magic, kind in _NOT_TURTLE:
        if start.startswith(magic):
            raise InputError(f"{path}: named .ttl but its content is {kind}, not Turtle; "
                             "fmt formats Turtle sources only")
    if b"\x00" in head:
        raise InputError(f"{path}: named .ttl but its content is binary, not Turtle")
    return path


def format_turtle_file(path: str | Path) -> str:
    """The canonical source form of a Turtle file (see :func:`format_turtle`).

    The file must be Turtle (:func:`check_turtle_source`), parse, and bind each of our
    prefixes to its IRI in :data:`~airoles_kg.namespaces.PREFIXES`; the formatted text is
    checked to parse to an isomorphic graph. Raises :class:`~airoles_kg.errors.ParseError` or
    :class:`InputError`.
    """
    path = check_turtle_source(path)
    graph = parse_file(path, format="turtle")
    declared = Graph(bind_namespaces="none").parse(
        data=path.read_text(encoding="utf-8-sig"), format="turtle",
        publicID=path.resolve().as_uri())
    for prefix, uri in declared.namespaces():
        expected = PREFIXES.get(prefix)
        if expected is not None and str(uri) != expected:
            raise InputError(f"{path}: prefix {prefix}: is bound to <{uri}>; use <{expected}>")
    formatted = format_turtle(path.read_text(encoding="utf-8-sig"))
    again = Graph(bind_namespaces="none")
    try:
        again.parse(data=formatted, format="turtle", publicID=path.resolve().as_uri())
    except Exception as exc:  # noqa: BLE001 - report, never write a broken file
        raise InputError(f"{path}: cannot be formatted canonically ({exc})") from None
    if not isomorphic(graph, again):
        raise InputError(f"{path}: the canonical form of this file would change its triples")
    return formatted
