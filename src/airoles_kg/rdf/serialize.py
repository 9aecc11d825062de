"""Deterministic serialisations: the same graph gives the same bytes in every process.

Blank nodes (OWL lists and restrictions) are relabelled from the graph's content
(:func:`rdflib.compare.to_canonical_graph`), triples are inserted in sorted order, and every
writer is given the same prefixes (:data:`~airoles_kg.namespaces.PREFIXES` first), so neither
hash seeds nor parse order leak into the output.

>>> from airoles_kg.rdf.parse import new_graph
>>> from airoles_kg.namespaces import AIR, RDF, OWL
>>> g = new_graph()
>>> _ = g.add((AIR.Role, RDF.type, OWL.Class))
>>> print(to_turtle(g).decode().strip().splitlines()[-1])
air:Role a owl:Class .
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterator
from io import BytesIO
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

from airoles_kg.namespaces import DCTERMS, OWL, PREFIXES, RDF, RDFS, SKOS
from airoles_kg.rdf.parse import bind_prefixes

__all__ = [
    "SERIALIZERS",
    "CanonicalGraph",
    "CanonicalTurtle",
    "canonical_graph",
    "canonical_triples",
    "isomorphic_graphs",
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
    triples: list[_Triple] = list(graph)
    if has_bnodes:
        labelled = _tree_labelled(triples)
        triples = labelled if labelled is not None else list(to_canonical_graph(graph))
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


def canonical_triples(graph: Graph) -> set[_Triple]:
    """The triples of ``graph`` with canonical blank-node labels: two graphs are isomorphic
    exactly when these sets are equal (fast when blank nodes form trees, as ours do)."""
    triples: list[_Triple] = list(graph)
    labelled = _tree_labelled(triples)
    return set(labelled) if labelled is not None else set(to_canonical_graph(graph))


def isomorphic_graphs(first: Graph, second: Graph) -> bool:
    """Whether ``first`` and ``second`` are the same graph up to blank-node labels.

    >>> from rdflib import Literal
    >>> a, b = Graph(), Graph()
    >>> _ = a.add((BNode(), RDFS.label, Literal("x"))), b.add((BNode(), RDFS.label, Literal("x")))
    >>> isomorphic_graphs(a, b), isomorphic_graphs(a, Graph())
    (True, False)
    """
    return len(first) == len(second) and canonical_triples(first) == canonical_triples(second)


def _tree_labelled(triples: list[_Triple]) -> list[_Triple] | None:
    """``triples`` with each blank node labelled by a hash of what it says and where it hangs,
    in linear time, when the blank nodes form trees (each the object of one triple at most,
    never a predicate, no cycle), as axiom annotations, restrictions and lists do; ``None``
    otherwise (rdflib's general canonicalisation then runs, which is far slower).

    >>> from rdflib import Literal
    >>> a, b = BNode(), BNode()
    >>> s = URIRef("http://e/s")
    >>> one = _tree_labelled([(a, RDFS.label, Literal("x")), (s, RDFS.seeAlso, a)])
    >>> two = _tree_labelled([(b, RDFS.label, Literal("x")), (s, RDFS.seeAlso, b)])
    >>> one == two and one is not None
    True
    """
    out: dict[BNode, list[tuple[Node, Node]]] = {}
    parent: dict[BNode, tuple[Node, Node]] = {}
    for s, p, o in triples:
        if isinstance(p, BNode):
            return None
        if isinstance(s, BNode):
            out.setdefault(s, []).append((p, o))
        if isinstance(o, BNode):
            if o in parent:
                return None  # shared: not a tree
            parent[o] = (s, p)
    content: dict[BNode, str] = {}

    def digest(node: BNode, depth: int) -> str | None:
        if node in content:
            return content[node]
        if depth > 500:
            return None  # a cycle
        lines = []
        for p, o in out.get(node, []):
            if isinstance(o, BNode):
                below = digest(o, depth + 1)
                if below is None:
                    return None
                lines.append(f"{p.n3()} _:{below}")
            else:
                lines.append(f"{p.n3()} {o.n3()}")
        content[node] = hashlib.sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()
        return content[node]

    final: dict[BNode, str] = {}

    def label(node: BNode, depth: int) -> str | None:
        if node in final:
            return final[node]
        if depth > 500:
            return None
        own = digest(node, 0)
        if own is None:
            return None
        where = ""
        if node in parent:
            s, p = parent[node]
            above = label(s, depth + 1) if isinstance(s, BNode) else s.n3()
            if above is None:
                return None
            where = f"{above} {p.n3()}"
        final[node] = hashlib.sha256(f"{own} {where}".encode()).hexdigest()[:24]
        return final[node]

    nodes = {t for triple in triples for t in triple if isinstance(t, BNode)}
    names: dict[BNode, BNode] = {}
    for node in nodes:
        name = label(node, 0)
        if name is None:
            return None
        names[node] = BNode("b" + name)
    if len(set(names.values())) != len(names):
        return None  # two blank nodes alike in every way: leave them to rdflib

    def rename(term: Node) -> Node:
        return names[term] if isinstance(term, BNode) else term

    return [(rename(s), p, rename(o)) for s, p, o in triples]


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


class CanonicalTurtle(TurtleSerializer):
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
    CanonicalTurtle(canonical_graph(graph)).serialize(buffer, encoding="utf-8")
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


#: The writers by file extension, in the order a build writes them (``build`` and ``release``).
SERIALIZERS: dict[str, Callable[[Graph], bytes]] = {
    ".ttl": to_turtle,
    ".nt": to_ntriples,
    ".jsonld": to_jsonld,
    ".owl": to_rdfxml,
}
