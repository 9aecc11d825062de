"""Deterministic serialisations: the same graph gives the same bytes in every process.

Blank nodes (OWL lists and restrictions) are relabelled from the graph's content
(:func:`rdflib.compare.to_canonical_graph`), triples are inserted in sorted order, and every
writer is given the same prefixes (:data:`~airoles_kg.namespaces.PREFIXES` first), so neither
hash seeds nor parse order leak into the output.

>>> from airoles_kg.graph import new_graph
>>> from airoles_kg.namespaces import AIR, RDF, OWL
>>> g = new_graph()
>>> _ = g.add((AIR.Role, RDF.type, OWL.Class))
>>> print(to_turtle(g).decode().strip().splitlines()[-1])
air:Role a owl:Class .
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.compare import isomorphic, to_canonical_graph
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

from airoles_kg.errors import InputError
from airoles_kg.graph import bind_prefixes, parse_file
from airoles_kg.namespaces import DCTERMS, OWL, PREFIXES, RDF, RDFS, SKOS

__all__ = [
    "SERIALIZERS",
    "CanonicalGraph",
    "canonical_graph",
    "format_turtle",
    "format_turtle_file",
    "to_jsonld",
    "to_ntriples",
    "to_rdfxml",
    "to_turtle",
]

_Triple = tuple[Node, Node, Node]


def _sort_key(triple: _Triple) -> tuple[str, ...]:
    return tuple(f"{type(t).__name__}:{t.n3()}" for t in triple)


class CanonicalGraph(Graph):
    """A graph made by :func:`canonical_graph`; the writers use it as it is."""


def canonical_graph(graph: Graph) -> CanonicalGraph:
    """A copy of ``graph`` with content-derived blank-node labels, triples added in sorted
    order, and the project's prefixes (plus ``graph``'s other prefixes) bound. Serialising
    several formats of one graph? Canonicalise once and pass the result to each writer."""
    if isinstance(graph, CanonicalGraph):
        return graph
    has_bnodes = any(isinstance(t, BNode) for triple in graph for t in triple)
    triples: list[_Triple] = list(to_canonical_graph(graph) if has_bnodes else graph)
    out = CanonicalGraph(bind_namespaces="none")
    bind_prefixes(out)
    own = {str(uri) for uri in PREFIXES.values()}
    for prefix, uri in sorted(graph.namespaces()):
        if prefix and prefix not in PREFIXES and str(uri) not in own:
            out.bind(prefix, uri, override=False)
    for triple in sorted(triples, key=_sort_key):
        out.add(triple)
    # Bind any predicate namespace still without a prefix in a fixed order, so the writers
    # never invent prefixes in an order that depends on iteration.
    for predicate in sorted({p for _s, p, _o in triples if isinstance(p, URIRef)}):
        for compute in (out.namespace_manager.compute_qname, _strict(out)):
            with contextlib.suppress(ValueError, KeyError):
                compute(predicate, generate=True)
    return out


def _strict(graph: Graph) -> Callable[..., Any]:
    return graph.namespace_manager.compute_qname_strict


class _SortedGraph(Graph):
    """A graph that lists subjects and their properties in sorted order, for writers (such as
    rdflib's RDF/XML one) that follow the store's iteration order."""

    def subjects(  # type: ignore[override]
        self, predicate: Any = None, object: Any = None, unique: bool = False  # noqa: A002
    ) -> Iterator[Any]:
        """Ontology headers first, then named subjects, then blank nodes."""
        ontologies = set(super().subjects(RDF.type, OWL.Ontology))

        def key(node: Node) -> tuple[int, tuple[str, str]]:
            rank = 0 if node in ontologies else 2 if isinstance(node, BNode) else 1
            return (rank, _node_key(node))

        yield from sorted(set(super().subjects(predicate, object)), key=key)

    def predicate_objects(  # type: ignore[override]
        self, subject: Any = None, unique: bool = False
    ) -> Iterator[tuple[Any, Any]]:
        pairs = set(super().predicate_objects(subject))
        yield from sorted(pairs, key=lambda po: (_node_key(po[0]), _node_key(po[1])))


def _node_key(node: Node) -> tuple[str, str]:
    return (type(node).__name__, node.n3())


class _CanonicalTurtle(TurtleSerializer):
    """rdflib's Turtle writer with a fixed order: ontology headers, then named subjects by IRI,
    then blank nodes that cannot be nested; ``a``, labels and descriptions first, then the other
    predicates sorted; objects sorted."""

    topClasses = [OWL.Ontology]
    #: Predicates written first, in this order (``a``, then names and descriptions).
    predicateOrder = [
        RDF.type,
        RDFS.label,
        SKOS.prefLabel,
        SKOS.altLabel,
        DCTERMS.title,
        SKOS.definition,
        RDFS.comment,
        DCTERMS.description,
    ]

    def orderSubjects(self) -> list[Any]:  # noqa: N802 - rdflib's method name
        ontologies = sorted(set(self.store.subjects(RDF.type, OWL.Ontology)), key=str)
        for node in ontologies:
            self._topLevels[node] = True
        done = set(ontologies)
        named = sorted((s for s in self._subjects if s not in done and not _is_bnode(s)), key=str)
        # Blank nodes nobody references first (written as ``[ ... ]`` with their nested nodes).
        blank = sorted(
            (s for s in self._subjects if _is_bnode(s)),
            key=lambda s: (self._references[s], str(s)),
        )
        return [*ontologies, *named, *blank]


def _is_bnode(node: Node) -> bool:
    return isinstance(node, BNode)


def to_turtle(graph: Graph) -> bytes:
    """Canonical Turtle (UTF-8)."""
    buffer = BytesIO()
    _CanonicalTurtle(canonical_graph(graph)).serialize(buffer, encoding="utf-8")
    return buffer.getvalue()


def to_ntriples(graph: Graph) -> bytes:
    """N-Triples, one triple a line, lines sorted."""
    text = canonical_graph(graph).serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted(line for line in text.splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _sorted_json(value: Any, in_list: bool = False) -> Any:
    """Sort JSON-LD object keys and unordered arrays (``@list`` arrays keep their order)."""
    if isinstance(value, dict):
        return {k: _sorted_json(v, in_list=(k == "@list")) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        if in_list:
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def to_jsonld(graph: Graph) -> bytes:
    """Compacted JSON-LD with a ``@context`` of our prefixes; nodes and values sorted."""
    canonical = canonical_graph(graph)
    context = {prefix: str(uri) for prefix, uri in canonical.namespaces() if prefix}
    raw = canonical.serialize(format="json-ld", context=context, auto_compact=True)
    document = json.loads(raw)
    if isinstance(document, dict) and "@graph" not in document and "@context" in document:
        body = {k: v for k, v in document.items() if k != "@context"}
        document = {"@context": document["@context"], "@graph": [body] if body else []}
    document = _sorted_json(document)
    # Named nodes first (by @id), then blank nodes.
    document["@graph"].sort(key=lambda node: (str(node.get("@id", "")).startswith("_:"),
                                              str(node.get("@id", ""))))
    text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True)
    return (text + "\n").encode("utf-8")


def to_rdfxml(graph: Graph) -> bytes:
    """RDF/XML (``.owl``): subjects and their properties in sorted order."""
    canonical = canonical_graph(graph)
    ordered = _SortedGraph(bind_namespaces="none")
    for prefix, uri in canonical.namespaces():
        ordered.bind(prefix, uri, override=True, replace=True)
    ordered += canonical
    data = ordered.serialize(format="xml", encoding="utf-8")
    return data if data.endswith(b"\n") else data + b"\n"


#: Writers by file extension, as used by ``build``.
SERIALIZERS: dict[str, Callable[[Graph], bytes]] = {
    ".ttl": to_turtle,
    ".nt": to_ntriples,
    ".jsonld": to_jsonld,
    ".owl": to_rdfxml,
}


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


class _SourceTurtle(_CanonicalTurtle):
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


def format_turtle_file(path: str | Path) -> str:
    """The canonical source form of a Turtle file (see :func:`format_turtle`).

    The file must parse and bind each of our prefixes to its IRI in
    :data:`~airoles_kg.namespaces.PREFIXES`; the formatted text is checked to parse to an
    isomorphic graph. Raises :class:`~airoles_kg.errors.ParseError` or :class:`InputError`.
    """
    path = Path(path)
    graph = parse_file(path, format="turtle")
    declared = Graph(bind_namespaces="none").parse(path, format="turtle")
    for prefix, uri in declared.namespaces():
        expected = PREFIXES.get(prefix)
        if expected is not None and str(uri) != expected:
            raise InputError(f"{path}: prefix {prefix}: is bound to <{uri}>; use <{expected}>")
    formatted = format_turtle(path.read_text(encoding="utf-8"))
    again = Graph(bind_namespaces="none")
    try:
        again.parse(data=formatted, format="turtle", publicID=path.resolve().as_uri())
    except Exception as exc:  # noqa: BLE001 - report, never write a broken file
        raise InputError(f"{path}: cannot be formatted canonically ({exc})") from None
    if not isomorphic(graph, again):
        raise InputError(f"{path}: the canonical form of this file would change its triples")
    return formatted
