"""Reading a shapes graph: the parameters of a shape, its nested shapes, the top-level shapes.

:class:`ShapesGraph` only reads: it never changes after it is made, so worker threads share it.

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

from collections.abc import Iterator

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
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

    def values(self, shape: Node, pred: URIRef) -> list[Node]:
        """The values of ``pred`` on ``shape``, sorted."""
        return sorted(self.graph.objects(shape, pred), key=str)

    def one(self, shape: Node, pred: URIRef) -> Node | None:
        """The one value of ``pred`` on ``shape`` (``None`` if none; several: unsupported)."""
        values = self.values(shape, pred)
        if len(values) > 1:
            raise UnsupportedShape(f"several {pred} on {shape}")
        return values[0] if values else None

    def items(self, node: Node) -> list[Node]:
        """The members of the RDF list ``node``."""
        return list(Collection(self.graph, node))

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
        types = set(self.graph.objects(shape, RDF.type))
        classes = set(self.graph.subjects(RDFS.subClassOf, RDFS.Class)) | {RDFS.Class}
        return bool(types & classes)

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
            yield from self.graph.objects(shape, pred)
        for pred in SHAPE_LISTS:
            for lst in self.graph.objects(shape, pred):
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
