"""Reading a shapes graph: the parameters of a shape, its nested shapes, the top-level shapes.

:class:`ShapesGraph` only reads: it never changes after it is made, so worker threads share it.
What it reads of a node is remembered: compiling and checking the shapes ask the same
questions of the same nodes many times, and an rdflib look-up costs far more than a dict's.

>>> from rdflib import Graph, URIRef
>>> g = Graph().parse(data='''
...   @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
...   ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P .
...   ex:P sh:path ex:p ; sh:minCount 1 .''', format="turtle")
>>> shapes = ShapesGraph(g)
>>> [str(s) for s in shapes.top_level_shapes()]
['http://example.org/S']
>>> [str(c) for c in shapes.children(URIRef("http://example.org/S"))]
['http://example.org/P']
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any, TypeVar

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from airoles_kg.shacl.fast.sparql import UnsupportedShape

__all__ = [
    "IGNORED",
    "PER_VALUE_PARAMETERS",
    "SHAPE_LISTS",
    "SHAPE_REFERENCES",
    "SHN",
    "SUPPORTED_PARAMETERS",
    "TARGETS",
    "ShapesGraph",
]

T = TypeVar("T")

#: The SHACL namespace, for the parameters whose names are Python keywords (``sh:in``...).
SHN = Namespace(str(SH))

#: Parameters checked on each value on its own: a shape made only of these compiles to one
#: SPARQL expression over ``?value`` (see :func:`~.components.value.conforms_expr`).
PER_VALUE_PARAMETERS: frozenset[URIRef] = frozenset(
    SHN[name]
    for name in [
        "class", "datatype", "nodeKind", "in", "hasValue", "pattern", "flags", "minLength",
        "maxLength", "languageIn", "minInclusive", "maxInclusive", "minExclusive",
        "maxExclusive", "node", "and", "or", "not", "xone",
    ]
)

#: Shape parameters (besides targets and ``sh:path``) the SPARQL compiler understands.
SUPPORTED_PARAMETERS: frozenset[URIRef] = PER_VALUE_PARAMETERS | frozenset(
    SHN[name]
    for name in [
        "uniqueLang", "minCount", "maxCount", "equals", "disjoint", "lessThan",
        "lessThanOrEquals", "property", "qualifiedValueShape", "qualifiedMinCount",
        "qualifiedMaxCount", "qualifiedValueShapesDisjoint", "closed", "ignoredProperties",
        "sparql",
    ]
)

#: Non-validating or descriptive SHACL properties a shape may carry without effect here.
IGNORED = frozenset(
    SHN[name]
    for name in [
        "name", "description", "order", "group", "defaultValue", "message", "severity",
        "deactivated", "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf",
        "path", "declare", "prefixes", "labelTemplate", "editor", "viewer", "resultAnnotation",
    ]
)
#: The target parameters.
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
#: Parameters whose value is one shape, and those whose value is a list of shapes.
SHAPE_REFERENCES = (SH.node, SH.property, SHN["not"], SH.qualifiedValueShape)
SHAPE_LISTS = (SHN["and"], SHN["or"], SH.xone)


class ShapesGraph:
    """A read-only view of a shapes graph, in the terms the compiler needs."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        #: The parameters of the custom constraint components the graph declares.
        self.custom_parameters: frozenset[Node] = frozenset(self._custom_parameters())
        # Each subject's values by predicate, read in one pass over the graph; what has been
        # read, by node (threads may compute a value twice: the same value).
        self._index: dict[Node, dict[Node, list[Node]]] = {}
        for s, p, o in graph.triples((None, None, None)):
            self._index.setdefault(s, {}).setdefault(p, []).append(o)
        self._values: dict[tuple[Node, URIRef], tuple[Node, ...]] = {}
        self._items: dict[Node, tuple[Node, ...]] = {}
        self._remembered: dict[Hashable, Any] = {}
        self._classes: frozenset[Node] | None = None

    def values(self, shape: Node, pred: URIRef) -> list[Node]:
        """The values of ``pred`` on ``shape``, sorted."""
        key = (shape, pred)
        found = self._values.get(key)
        if found is None:
            found = self._values[key] = tuple(
                sorted(self._index.get(shape, {}).get(pred, ()), key=str))
        return list(found)

    def predicates(self, shape: Node) -> list[Node]:
        """The predicates ``shape`` has a value of."""
        return list(self._index.get(shape, ()))

    def one(self, shape: Node, pred: URIRef) -> Node | None:
        """The one value of ``pred`` on ``shape`` (``None`` if none; several: unsupported)."""
        values = self.values(shape, pred)
        if len(values) > 1:
            raise UnsupportedShape(f"several {pred} on {shape}")
        return values[0] if values else None

    def items(self, node: Node) -> list[Node]:
        """The members of the RDF list ``node``."""
        found = self._items.get(node)
        if found is None:
            found = self._items[node] = tuple(self._walk(node))
        return list(found)

    def _walk(self, node: Node) -> Iterator[Node]:
        """The members of a list as rdflib's ``Graph.items`` walks it, read from the index."""
        chain: set[Node | None] = {node}
        current: Node | None = node
        while current:
            values = self._index.get(current, {})
            if RDF.first in values:
                yield values[RDF.first][0]
            current = values[RDF.rest][0] if RDF.rest in values else None
            if current in chain:
                raise ValueError("List contains a recursive rdf:rest reference")
            chain.add(current)

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What ``compute()`` returns, computed once per ``key`` (it reads only this graph);
        an exception it raises is raised again on each call."""
        try:
            return self._remembered[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._remembered[key] = compute()
            return value

    def truthy(self, shape: Node, pred: URIRef) -> bool:
        """Whether ``pred`` on ``shape`` is the boolean ``true``."""
        value = self.one(shape, pred)
        return isinstance(value, Literal) and value.datatype == XSD.boolean and str(value) == "true"

    def severity(self, shape: Node) -> URIRef:
        """The ``sh:severity`` of ``shape`` (``sh:Violation`` by default)."""
        value = self.one(shape, SH.severity)
        return value if isinstance(value, URIRef) else SH.Violation

    def messages(self, shape: Node) -> tuple[tuple[str, str], ...]:
        """The ``sh:message`` values of ``shape`` as ``(language, text)`` pairs, sorted
        (``""``: a message without a language tag)."""
        return tuple(
            sorted(
                ((m.language or "") if isinstance(m, Literal) else "", str(m))
                for m in self.values(shape, SH.message)
            )
        )

    def message(self, shape: Node) -> str | None:
        """The ``sh:message`` of ``shape`` (the English one if there are several)."""
        messages = self.messages(shape)
        if not messages:
            return None
        english = [text for lang, text in messages if lang == "en"]
        return (english or [text for _, text in messages])[0]

    def implicit_class(self, shape: Node) -> bool:
        """Whether ``shape`` is also a class (an implicit class target)."""
        if self._classes is None:
            self._classes = frozenset(self.graph.subjects(RDFS.subClassOf, RDFS.Class)) | {
                RDFS.Class}
        return not self._classes.isdisjoint(self.values(shape, RDF.type))

    def top_level_shapes(self) -> list[Node]:
        """Shapes with targets (explicit or implicit class targets), as pySHACL finds them."""
        found: set[Node] = set()
        for pred in TARGETS:
            found.update(self.graph.subjects(pred, None))
        for kind in (SH.NodeShape, SH.PropertyShape):
            for shape in self.graph.subjects(RDF.type, kind):
                if self.implicit_class(shape):
                    found.add(shape)
        return sorted(found, key=lambda n: (isinstance(n, BNode), str(n)))

    def children(self, shape: Node) -> Iterator[Node]:
        """The shapes ``shape`` refers to (property, node, not, qualified, and, or, xone)."""
        for pred in SHAPE_REFERENCES:
            yield from self.values(shape, pred)
        for pred in SHAPE_LISTS:
            for lst in self.values(shape, pred):
                yield from self.items(lst)

    def logical_refs(self, shape: Node) -> list[tuple[URIRef, list[Node]]]:
        """The logical constraints of ``shape``: (parameter, the shapes it combines)."""
        refs: list[tuple[URIRef, list[Node]]] = []
        for node in self.values(shape, SH.node):
            refs.append((SH.node, [node]))
        for node in self.values(shape, SHN["not"]):
            refs.append((SHN["not"], [node]))
        for pred in SHAPE_LISTS:
            for lst in self.values(shape, pred):
                refs.append((pred, self.items(lst)))
        return refs

    def _custom_parameters(self) -> set[Node]:
        found: set[Node] = set()
        kinds = set(self.graph.transitive_subjects(RDFS.subClassOf, SH.ConstraintComponent))
        for kind in kinds | {SH.ConstraintComponent}:
            for component in self.graph.subjects(RDF.type, kind):
                for param in self.graph.objects(component, SH.parameter):
                    found.update(self.graph.objects(param, SH.path))
        return found
