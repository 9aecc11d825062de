"""Fast SHACL validation: shapes compiled to set-at-a-time SPARQL over an embedded Oxigraph store.

Each shape becomes a few SPARQL queries that return *every* focus node (and value) in
violation at once, instead of pySHACL's node-by-node evaluation in Python:

* the focus nodes of a shape are a pattern binding ``?this`` (``sh:targetClass`` with
  ``rdfs:subClassOf*`` read from the data, implicit class targets, ``sh:targetNode``,
  ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``); a target made of several parts is computed
  once into a scratch named graph, dropped afterwards;
* per-value constraints (class, datatype with lexical checks, nodeKind, in, hasValue, pattern,
  lengths, languageIn, ranges) become one filter each, and ``sh:node``/``and``/``or``/``not``/
  ``xone``/``qualifiedValueShape`` over shapes made only of such constraints are compiled into
  the same expressions; cardinalities and value checks of a property shape share one pass;
* other nested shapes are evaluated the same way on the pattern that produces their value
  nodes, and combined over sets in Python; equals/disjoint/lessThan(OrEquals), uniqueLang and
  closed have their own queries;
* SPARQL-based constraints (``sh:sparql``, with ``sh:prefixes``, ``$PATH``, ``$currentShape``
  and ``sh:message`` templates) are pre-bound by joining the focus pattern first into their
  top-level ``WHERE`` group, ``?this`` left unbound (the standard set-at-a-time rewriting);
  those whose ``$this`` a join cannot reach (sub-queries, ``VALUES``, ``MINUS``, filters on
  ``$this`` in nested groups) are not compiled. A top-level ``FILTER NOT EXISTS`` over triple
  patterns becomes ``MINUS``, which Oxigraph runs as one anti-join.

A shape that uses anything else (a custom constraint component, a blank node constant, a
recursive shape, SHACL-AF rules...) is validated by pySHACL, the reference engine, with the
options of :mod:`airoles_kg.validate`; :attr:`ValidationReport.engine` says which engine ran
(``"oxigraph-sparql"``, ``"pyshacl"`` or ``"oxigraph-sparql+pyshacl(N shapes)"``). Top-level
shapes run on :data:`THREADS` threads: Oxigraph releases the GIL while it evaluates.

>>> from rdflib import Graph
>>> shapes = Graph().parse(data='''
...   @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
...   ex:S a sh:NodeShape ; sh:targetClass ex:C ;
...     sh:property [ sh:path ex:p ; sh:minCount 1 ] .''', format="turtle")
>>> data = Graph().parse(data='''
...   @prefix ex: <http://example.org/> . ex:a a ex:C . ex:b a ex:C ; ex:p 1 .''', format="turtle")
>>> report = validate_graph(data, shapes)
>>> report.engine, report.conforms, [str(r.focus_node) for r in report.results]
('oxigraph-sparql', False, ['http://example.org/a'])
"""

from __future__ import annotations

import gzip
import io
import itertools
import re
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from airoles_kg.errors import InputError, ParseError
from airoles_kg.graph import guess_format
from airoles_kg.store import from_oxigraph, to_oxigraph
from airoles_kg.validate import (
    ENGINES,
    SEVERITIES,
    ValidationReport,
    ValidationResult,
    path_from_rdf,
    register_engine,
)

__all__ = [
    "SUPPORTED_PARAMETERS",
    "THREADS",
    "ShapeCompiler",
    "UnsupportedShape",
    "load_store",
    "unsupported_shapes",
    "validate_graph",
    "validate_path",
    "validate_store",
]

Term = ox.NamedNode | ox.BlankNode | ox.Literal
SHN = Namespace(str(SH))
_FOCUS = "<urn:x-airoles-fastshacl:focus>"
#: Queries run on this many threads (Oxigraph releases the GIL while it evaluates).
THREADS = 2

#: Parameters checked on each value on its own: a shape made only of these compiles to one
#: SPARQL expression over ``?value`` (see ``conforms_expr``).
_PER_VALUE_PARAMETERS: frozenset[URIRef] = frozenset(
    SHN[name]
    for name in [
        "class",
        "datatype",
        "nodeKind",
        "in",
        "hasValue",
        "pattern",
        "flags",
        "minLength",
        "maxLength",
        "languageIn",
        "minInclusive",
        "maxInclusive",
        "minExclusive",
        "maxExclusive",
        "node",
        "and",
        "or",
        "not",
        "xone",
    ]
)

#: Shape parameters (besides targets and ``sh:path``) the SPARQL compiler understands.
SUPPORTED_PARAMETERS: frozenset[URIRef] = _PER_VALUE_PARAMETERS | frozenset(
    SHN[name]
    for name in [
        "uniqueLang",
        "minCount",
        "maxCount",
        "equals",
        "disjoint",
        "lessThan",
        "lessThanOrEquals",
        "property",
        "qualifiedValueShape",
        "qualifiedMinCount",
        "qualifiedMaxCount",
        "qualifiedValueShapesDisjoint",
        "closed",
        "ignoredProperties",
        "sparql",
    ]
)

#: Non-validating or descriptive SHACL properties a shape may carry without effect here.
_IGNORED = frozenset(
    SHN[name]
    for name in [
        "name",
        "description",
        "order",
        "group",
        "defaultValue",
        "message",
        "severity",
        "deactivated",
        "targetClass",
        "targetNode",
        "targetSubjectsOf",
        "targetObjectsOf",
        "path",
        "declare",
        "prefixes",
        "labelTemplate",
        "editor",
        "viewer",
        "resultAnnotation",
    ]
)
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_SHAPE_REFERENCES = (SH.node, SH.property, SHN["not"], SH.qualifiedValueShape)
_SHAPE_LISTS = (SHN["and"], SHN["or"], SH.xone)

_XSD = str(XSD)
#: Datatypes whose lexical form Oxigraph checks by a cast (ill-typed literals fail sh:datatype).
_CASTABLE = {
    _XSD + "integer": "",
    _XSD + "decimal": "",
    _XSD + "double": "",
    _XSD + "float": "",
    _XSD + "boolean": "",
    _XSD + "dateTime": "",
    _XSD + "date": "",
    _XSD + "time": "",
    _XSD + "duration": "",
    _XSD + "int": " && ?_n >= -2147483648 && ?_n <= 2147483647",
    _XSD + "long": " && ?_n >= -9223372036854775808 && ?_n <= 9223372036854775807",
    _XSD + "short": " && ?_n >= -32768 && ?_n <= 32767",
    _XSD + "byte": " && ?_n >= -128 && ?_n <= 127",
    _XSD + "nonNegativeInteger": " && ?_n >= 0",
    _XSD + "positiveInteger": " && ?_n > 0",
    _XSD + "nonPositiveInteger": " && ?_n <= 0",
    _XSD + "negativeInteger": " && ?_n < 0",
}
_NODE_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI(?value)",
    SH.BlankNode: "isBlank(?value)",
    SH.Literal: "isLiteral(?value)",
    SH.BlankNodeOrIRI: "(isIRI(?value) || isBlank(?value))",
    SH.BlankNodeOrLiteral: "(isBlank(?value) || isLiteral(?value))",
    SH.IRIOrLiteral: "(isIRI(?value) || isLiteral(?value))",
}
_RANGES = {
    SH.minInclusive: ">=",
    SH.maxInclusive: "<=",
    SH.minExclusive: ">",
    SH.maxExclusive: "<",
}


class UnsupportedShape(Exception):  # noqa: N818 - a signal, caught internally, not an error
    """Raised while compiling a shape that uses a feature the SPARQL compiler lacks."""


# --------------------------------------------------------------------------- SPARQL text


def _iri(value: str) -> str:
    if re.search(r'[\x00-\x20<>"{}|^`\\]', value):
        raise UnsupportedShape(f"IRI not expressible in SPARQL: {value!r}")
    return f"<{value}>"


def _const(term: Node) -> str:
    """A shapes-graph constant as SPARQL text (blank nodes cannot be constants)."""
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        return str(to_oxigraph(term))
    raise UnsupportedShape(f"blank node constant {term!r}")


def _rename_this(pattern: str, name: str) -> str:
    return re.sub(r"[?$]this\b", "?" + name, pattern)


def _first_brace(query: str) -> int:
    """Offset of the ``{`` that opens the top-level WHERE group, skipping strings/IRIs/comments."""
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j
        elif c in "\"'":
            m = re.compile(
                r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:\\.|[^"\\])*"|'
                r"'(?:\\.|[^'\\])*'"
            ).match(query, i)
            i = m.end() if m else i + 1
        elif c == "<":
            m = re.compile(r"<[^<>\"{}|^`\\\s]*>").match(query, i)
            i = m.end() if m else i + 1
        elif c == "{":
            return i
        else:
            i += 1
    raise UnsupportedShape("SPARQL constraint without a WHERE group")


# --------------------------------------------------------------------------- shapes graph


class ShapeCompiler:
    """Reads a shapes graph and evaluates its shapes as SPARQL over an Oxigraph store."""

    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self._counter = itertools.count()
        self._supported: dict[Node, bool] = {}
        self._subclass_cache: dict[str, list[str]] = {}
        self._conforms_cache: dict[Node, str | None] = {}
        self._materialised: dict[str, str] = {}
        self._lock = threading.Lock()
        self.store: ox.Store | None = None
        self.queries = 0
        #: When a list, each query's (seconds, text) is appended to it (for profiling).
        self.trace: list[tuple[float, str]] | None = None

    # ------------------------------------------------------------------ discovery

    def _values(self, shape: Node, pred: URIRef) -> list[Node]:
        return sorted(self.g.objects(shape, pred), key=str)

    def _one(self, shape: Node, pred: URIRef) -> Node | None:
        values = self._values(shape, pred)
        if len(values) > 1:
            raise UnsupportedShape(f"several {pred} on {shape}")
        return values[0] if values else None

    def _list(self, node: Node) -> list[Node]:
        return list(Collection(self.g, node))

    def _implicit_class(self, shape: Node) -> bool:
        types = set(self.g.objects(shape, RDF.type))
        classes = set(self.g.subjects(RDFS.subClassOf, RDFS.Class)) | {RDFS.Class}
        return bool(types & classes)

    def top_level_shapes(self) -> list[Node]:
        """Shapes with targets (explicit or implicit class targets), as pySHACL finds them."""
        found: set[Node] = set()
        for pred in _TARGETS:
            found.update(self.g.subjects(pred, None))
        for kind in (SH.NodeShape, SH.PropertyShape):
            for shape in self.g.subjects(RDF.type, kind):
                if self._implicit_class(shape):
                    found.add(shape)
        return sorted(found, key=lambda n: (isinstance(n, BNode), str(n)))

    def _children(self, shape: Node) -> Iterator[Node]:
        for pred in _SHAPE_REFERENCES:
            yield from self.g.objects(shape, pred)
        for pred in _SHAPE_LISTS:
            for lst in self.g.objects(shape, pred):
                yield from self._list(lst)

    def _check(self, shape: Node, stack: tuple[Node, ...] = ()) -> None:
        """Raise :class:`UnsupportedShape` if the shape (or one it uses) is outside our subset."""
        if shape in stack:
            raise UnsupportedShape(f"recursive shape {shape}")
        if self._truthy(shape, SH.deactivated):
            return
        custom = self._custom_parameters()
        for pred in set(self.g.predicates(shape, None)):
            if pred in custom:
                raise UnsupportedShape(f"custom constraint component parameter {pred}")
            if str(pred).startswith(str(SH)) and pred not in SUPPORTED_PARAMETERS | _IGNORED:
                raise UnsupportedShape(f"unsupported parameter {pred}")
        path = self._one(shape, SH.path)
        if path is not None:
            self.path_sparql(path)
        for pred in (SH.minCount, SH.maxCount, SH.qualifiedValueShape):
            if path is None and self._values(shape, pred):
                raise UnsupportedShape(f"{pred} on a node shape")
        for pred in (SH.hasValue,):
            for value in self._values(shape, pred):
                _const(value)
        for lst in self._values(shape, SHN["in"]):
            for value in self._list(lst):
                _const(value)
        for pred in (SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals):
            for value in self._values(shape, pred):
                if not isinstance(value, URIRef):
                    raise UnsupportedShape(f"{pred} with a non-IRI")
        for sparql in self._values(shape, SH.sparql):
            self._sparql_text(shape, sparql)
        for pattern in self._values(shape, SH.pattern):
            # Python (pySHACL) and Rust (Oxigraph) regexes differ on these: leave them to pySHACL.
            if re.search(r"\(\?<?[=!]|\\[1-9]|\(\?P|\\[AZz]", str(pattern)):
                raise UnsupportedShape(f"regular expression feature in {pattern!r}")
        for target in self._values(shape, SH.targetNode):
            _const(target)
        for child in self._children(shape):
            self._check(child, (*stack, shape))

    def _custom_parameters(self) -> set[Node]:
        found: set[Node] = set()
        kinds = set(self.g.transitive_subjects(RDFS.subClassOf, SH.ConstraintComponent))
        for kind in kinds | {SH.ConstraintComponent}:
            for component in self.g.subjects(RDF.type, kind):
                for param in self.g.objects(component, SH.parameter):
                    found.update(self.g.objects(param, SH.path))
        return found

    def supported(self, shape: Node) -> bool:
        if shape not in self._supported:
            try:
                self._check(shape)
                self._supported[shape] = True
            except UnsupportedShape:
                self._supported[shape] = False
        return self._supported[shape]

    def _truthy(self, shape: Node, pred: URIRef) -> bool:
        value = self._one(shape, pred)
        return isinstance(value, Literal) and value.datatype == XSD.boolean and str(value) == "true"

    def severity(self, shape: Node) -> URIRef:
        value = self._one(shape, SH.severity)
        return value if isinstance(value, URIRef) else SH.Violation

    def message(self, shape: Node) -> str | None:
        messages = self._values(shape, SH.message)
        if not messages:
            return None
        english = [m for m in messages if isinstance(m, Literal) and m.language == "en"]
        return str((english or messages)[0])

    # ------------------------------------------------------------------ paths

    def path_sparql(self, path: Node) -> str:
        if isinstance(path, URIRef):
            return _iri(str(path))
        if not isinstance(path, BNode):
            raise UnsupportedShape(f"bad path {path!r}")
        if (path, RDF.first, None) in self.g:
            return "(" + "/".join(self.path_sparql(p) for p in self._list(path)) + ")"
        for pred, fmt in (
            (SH.inversePath, "^({})"),
            (SH.zeroOrMorePath, "({})*"),
            (SH.oneOrMorePath, "({})+"),
            (SH.zeroOrOnePath, "({})?"),
        ):
            inner = self._one(path, pred)
            if inner is not None:
                return fmt.format(self.path_sparql(inner))
        alt = self._one(path, SH.alternativePath)
        if alt is not None:
            return "(" + "|".join(self.path_sparql(p) for p in self._list(alt)) + ")"
        raise UnsupportedShape(f"unknown path {path!r}")

    # ------------------------------------------------------------------ queries

    def _select(self, query: str) -> Iterator[ox.QuerySolution]:
        assert self.store is not None
        self.queries += 1
        if self.trace is not None:
            started = time.perf_counter()
            rows = list(self._run(query))
            self.trace.append((time.perf_counter() - started, query))
            return iter(rows)
        return self._run(query)

    def _run(self, query: str) -> Iterator[ox.QuerySolution]:
        assert self.store is not None
        try:
            result = self.store.query(query)
        except SyntaxError as exc:  # a bug in the compiler, or a bad sh:sparql
            raise UnsupportedShape(f"query does not parse: {exc}") from exc
        if not isinstance(result, ox.QuerySolutions):
            raise UnsupportedShape("not a SELECT query")
        return iter(result)

    def _subclasses(self, cls: str) -> list[str]:
        if cls not in self._subclass_cache:
            query = (
                "SELECT DISTINCT ?c WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
                + _iri(cls)
                + " }"
            )
            found = {sol["c"].value for sol in self._select(query)} | {cls}
            self._subclass_cache[cls] = sorted(found)
        return self._subclass_cache[cls]

    def target_pattern(self, shape: Node) -> str:
        """A group pattern binding ``?this`` to every focus node of a top-level shape."""
        classes = [str(c) for c in self._values(shape, SH.targetClass)]
        if self._implicit_class(shape):
            classes.append(str(shape))
        parts: list[str] = []
        for cls in classes:
            subs = self._subclasses(cls)
            if len(subs) == 1:
                parts.append(f"?this a {_iri(subs[0])} .")
            else:
                values = " ".join(_iri(s) for s in subs)
                parts.append(f"VALUES ?_cls {{ {values} }} ?this a ?_cls .")
        nodes = self._values(shape, SH.targetNode)
        if nodes:
            parts.append("VALUES ?this { " + " ".join(_const(n) for n in nodes) + " }")
        for pred in self._values(shape, SH.targetSubjectsOf):
            parts.append(f"?this {_const(pred)} ?_o .")
        for pred in self._values(shape, SH.targetObjectsOf):
            parts.append(f"?_s {_const(pred)} ?this .")
        if len(parts) == 1 and parts[0].startswith("?this a <"):
            return parts[0]
        union = " UNION ".join("{ " + p + " }" for p in parts)
        return "{ SELECT DISTINCT ?this WHERE { " + union + " } }"

    def materialised_focus(self, shape: Node) -> str:
        """The focus pattern of a top-level shape; a target made of several parts (a UNION) is
        computed once into a scratch named graph that every constraint query then scans."""
        pattern = self.target_pattern(shape)
        if pattern.startswith("?this a <") or self.store is None:
            return pattern
        with self._lock:
            if pattern not in self._materialised:
                graph = f"<urn:x-airoles-fastshacl:focus:{len(self._materialised)}>"
                triple = f"{_FOCUS} {_FOCUS} ?this"
                self.store.update(
                    f"INSERT {{ GRAPH {graph} {{ {triple} }} }} WHERE {{ {pattern} }}"
                )
                self._materialised[pattern] = graph
            graph = self._materialised[pattern]
        return f"GRAPH {graph} {{ {_FOCUS} {_FOCUS} ?this }}"

    def cleanup(self) -> None:
        """Drop the scratch graphs :meth:`materialised_focus` made."""
        if self.store is not None:
            for graph in self._materialised.values():
                self.store.update(f"DROP SILENT GRAPH {graph}")
        self._materialised.clear()

    def _value_focus(self, focus: str, path: str | None) -> str:
        """The pattern binding ``?this`` to the value nodes of ``path`` from ``focus``."""
        if path is None:
            return focus
        name = f"_f{next(self._counter)}"
        renamed = _rename_this(focus, name)
        return f"{{ SELECT DISTINCT ?this WHERE {{ {renamed} ?{name} {path} ?this }} }}"

    def _focus_nodes(self, focus: str) -> set[Term]:
        return {sol["this"] for sol in self._select(f"SELECT DISTINCT ?this WHERE {{ {focus} }}")}

    def _pairs(self, focus: str, path: str | None) -> dict[Term, set[Term]]:
        pairs: dict[Term, set[Term]] = defaultdict(set)
        if path is None:
            for node in self._focus_nodes(focus):
                pairs[node].add(node)
            return pairs
        for sol in self._select(
            f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {path} ?value }}"
        ):
            pairs[sol["this"]].add(sol["value"])
        return pairs

    def failing(self, shape: Node, focus: str) -> set[Term]:
        """Focus nodes (bound by ``focus``) that do not conform to ``shape``."""
        return {r[0] for r in self.evaluate(shape, focus)}

    # ------------------------------------------------------------------ evaluation

    def evaluate(self, shape: Node, focus: str, *, children: bool = True) -> list[tuple[Any, ...]]:
        """Raw results ``(focus, path_node, value, shape, component, message)`` of ``shape``;
        with ``children=False``, without those of its property shapes (see :meth:`parts`)."""
        if self._truthy(shape, SH.deactivated):
            return []
        path_node = self._one(shape, SH.path)
        path = self.path_sparql(path_node) if path_node is not None else None
        out: list[tuple[Any, ...]] = []

        def add(
            this: Term,
            value: Term | None,
            component: URIRef,
            message: str | None = None,
            result_path: Node | None = None,
        ) -> None:
            rpath = result_path if result_path is not None else path_node
            out.append((this, rpath, value, shape, component, message))

        patterns: list[str] = []
        checks = self._checks(shape, node_level=path is None, patterns=patterns)
        lo, hi = self._counts(shape, path)
        if checks and (lo is not None or hi is not None):
            self._fused(checks, patterns, lo, hi, focus, path, add)
        else:
            self._value_constraints(checks, patterns, focus, path, add)
            self._cardinality(lo, hi, focus, path, add)
        self._property_pairs(shape, focus, path, add)
        self._logical(shape, focus, path, add)
        self._qualified(shape, focus, path, add)
        if self._truthy(shape, SH.closed):
            self._closed(shape, focus, add)
        if self._truthy(shape, SH.uniqueLang) and path is not None:
            query = (
                f"SELECT DISTINCT ?this WHERE {{ {focus} ?this {path} ?_a . ?this {path} ?_b . "
                'FILTER(isLiteral(?_a) && lang(?_a) != "" && !sameTerm(?_a, ?_b) '
                "&& lcase(lang(?_a)) = lcase(lang(?_b))) }"
            )
            for sol in self._select(query):
                add(sol["this"], None, SH.UniqueLangConstraintComponent)
        if path is not None:
            for value in self._values(shape, SH.hasValue):
                query = (
                    f"SELECT ?this WHERE {{ {focus} "
                    f"FILTER NOT EXISTS {{ ?this {path} {_const(value)} }} }}"
                )
                for sol in self._select(query):
                    add(sol["this"], None, SH.HasValueConstraintComponent)
        nested = self._values(shape, SH.property) if children else []
        if nested:
            child_focus = self._value_focus(focus, path)
            for child in nested:
                out.extend(self.evaluate(child, child_focus))
        for sparql in self._values(shape, SH.sparql):
            self._sparql(shape, sparql, focus, path, path_node, out)
        return out

    def child_focus(self, shape: Node, focus: str) -> str:
        """The pattern binding ``?this`` to the focus nodes of the property shapes of ``shape``."""
        path_node = self._one(shape, SH.path)
        return self._value_focus(focus, self.path_sparql(path_node) if path_node else None)

    def parts(self, shape: Node) -> list[Callable[[], list[tuple[Any, ...]]]]:
        """The evaluation of a top-level ``shape`` as independent pieces of work (its own
        constraints, then each of its property shapes), so that threads share the work of one
        large shape; together they return what :meth:`evaluate` returns."""

        def own() -> list[tuple[Any, ...]]:
            return self.evaluate(shape, self.materialised_focus(shape), children=False)

        def child(node: Node) -> Callable[[], list[tuple[Any, ...]]]:
            return lambda: self.evaluate(
                node, self.child_focus(shape, self.materialised_focus(shape))
            )

        if self._truthy(shape, SH.deactivated):
            return [own]
        return [own, *(child(node) for node in self._values(shape, SH.property))]

    def _checks(
        self, shape: Node, node_level: bool, patterns: list[str] | None = None
    ) -> list[tuple[URIRef, str]]:
        """Per-value-node checks of ``shape`` as (component, SPARQL expression true if valid).

        With ``patterns``, class checks become ``OPTIONAL`` patterns appended to it (a join is
        much faster than ``EXISTS`` in Oxigraph) and their expression tests the binding.
        """
        checks: list[tuple[URIRef, str]] = []
        for i, cls in enumerate(self._values(shape, SHN["class"])):
            subs = self._subclasses(str(cls))
            if patterns is not None:
                listed = ", ".join(_iri(s) for s in subs)
                patterns.append(f"OPTIONAL {{ ?value a ?_t{i} FILTER(?_t{i} IN ({listed})) }}")
                checks.append((SH.ClassConstraintComponent, f"BOUND(?_t{i})"))
                continue
            values = " ".join(_iri(s) for s in subs)
            checks.append(
                (
                    SH.ClassConstraintComponent,
                    f"EXISTS {{ VALUES ?_t {{ {values} }} ?value a ?_t }}",
                )
            )
        for dt in self._values(shape, SH.datatype):
            checks.append((SH.DatatypeConstraintComponent, self._datatype_check(dt)))
        for node_kind in self._values(shape, SH.nodeKind):
            if node_kind not in _NODE_KINDS:
                raise UnsupportedShape(f"node kind {node_kind}")
            checks.append((SH.NodeKindConstraintComponent, _NODE_KINDS[node_kind]))
        for lst in self._values(shape, SHN["in"]):
            in_terms = [_const(m) for m in self._list(lst)]
            expr = " || ".join(f"sameTerm(?value, {m})" for m in in_terms) or "false"
            checks.append((SH.InConstraintComponent, f"({expr})"))
        if node_level:
            for value in self._values(shape, SH.hasValue):
                checks.append(
                    (SH.HasValueConstraintComponent, f"sameTerm(?value, {_const(value)})")
                )
        flags = self._one(shape, SH.flags)
        for pattern in self._values(shape, SH.pattern):
            args = _const(Literal(str(pattern)))
            if flags is not None:
                args += ", " + _const(Literal(str(flags)))
            checks.append(
                (SH.PatternConstraintComponent, f"(!isBlank(?value) && REGEX(STR(?value), {args}))")
            )
        for pred, op, component in (
            (SH.minLength, ">=", SH.MinLengthConstraintComponent),
            (SH.maxLength, "<=", SH.MaxLengthConstraintComponent),
        ):
            for value in self._values(shape, pred):
                checks.append(
                    (component, f"(!isBlank(?value) && STRLEN(STR(?value)) {op} {_const(value)})")
                )
        for lst in self._values(shape, SH.languageIn):
            langs = [_const(Literal(str(t))) for t in self._list(lst)]
            expr = " || ".join(f"langMatches(lang(?value), {t})" for t in langs) or "false"
            checks.append((SH.LanguageInConstraintComponent, f"(isLiteral(?value) && ({expr}))"))
        for pred, op in _RANGES.items():
            local = str(pred)[len(str(SH)) :]
            component = SHN[local[0].upper() + local[1:] + "ConstraintComponent"]
            for value in self._values(shape, pred):
                checks.append((component, f"(isLiteral(?value) && ?value {op} {_const(value)})"))
        # Logical constraints over shapes that are themselves plain value checks.
        for kind, members in self._logical_refs(shape):
            exprs = [self.conforms_expr(m) for m in members]
            if any(e is None for e in exprs):
                continue
            parts = [e for e in exprs if e is not None]
            if kind == SH.node:
                checks.append((SH.NodeConstraintComponent, parts[0]))
            elif kind == SHN["not"]:
                checks.append((SH.NotConstraintComponent, f"!{parts[0]}"))
            elif kind == SHN["and"]:
                checks.append(
                    (SH.AndConstraintComponent, "(" + (" && ".join(parts) or "true") + ")")
                )
            elif kind == SHN["or"]:
                checks.append(
                    (SH.OrConstraintComponent, "(" + (" || ".join(parts) or "false") + ")")
                )
            else:
                total = " + ".join(f"IF({e}, 1, 0)" for e in parts) or "0"
                checks.append((SH.XoneConstraintComponent, f"(({total}) = 1)"))
        return checks

    def conforms_expr(self, shape: Node) -> str | None:
        """A SPARQL expression, true iff ``?value`` conforms to ``shape``, for shapes made only
        of per-value checks (no path, no property shapes); ``None`` for any other shape."""
        if shape not in self._conforms_cache:
            self._conforms_cache[shape] = self._conforms_expr(shape)
        return self._conforms_cache[shape]

    def _conforms_expr(self, shape: Node) -> str | None:
        if self._truthy(shape, SH.deactivated):
            return "true"
        for pred in set(self.g.predicates(shape, None)):
            if pred in _TARGETS or pred in (SH.severity, SH.message, SH.deactivated):
                continue
            if str(pred).startswith(str(SH)) and pred not in _PER_VALUE_PARAMETERS:
                return None
        for _kind, members in self._logical_refs(shape):
            if any(self.conforms_expr(m) is None for m in members):
                return None
        checks = self._checks(shape, node_level=True)
        return "(" + (" && ".join(f"COALESCE({e}, false)" for _, e in checks) or "true") + ")"

    def _logical_refs(self, shape: Node) -> list[tuple[URIRef, list[Node]]]:
        refs: list[tuple[URIRef, list[Node]]] = []
        for node in self._values(shape, SH.node):
            refs.append((SH.node, [node]))
        for node in self._values(shape, SHN["not"]):
            refs.append((SHN["not"], [node]))
        for pred in _SHAPE_LISTS:
            for lst in self._values(shape, pred):
                refs.append((pred, self._list(lst)))
        return refs

    def _counts(self, shape: Node, path: str | None) -> tuple[int | None, int | None]:
        """``sh:minCount`` (``None`` when it cannot fail) and ``sh:maxCount`` of a shape."""
        if path is None:
            return None, None
        min_count = self._one(shape, SH.minCount)
        max_count = self._one(shape, SH.maxCount)
        lo = int(min_count) if isinstance(min_count, Literal) else None
        hi = int(max_count) if isinstance(max_count, Literal) else None
        return (lo if lo is not None and lo > 0 else None), hi

    def _fused(
        self,
        checks: list[tuple[URIRef, str]],
        patterns: list[str],
        lo: int | None,
        hi: int | None,
        focus: str,
        path: str | None,
        add: Callable[..., None],
    ) -> None:
        """Cardinality and value checks of a property shape in one pass over the focus nodes;
        the offending values are then fetched for the few focus nodes that have any."""
        binds = " ".join(
            f"BIND(IF(COALESCE({expr}, false), 0, 1) AS ?_b{i})"
            for i, (_, expr) in enumerate(checks)
        )
        sums = " ".join(f"(SUM(?_b{i}) AS ?_n{i})" for i in range(len(checks)))
        having = [f"SUM(?_b{i}) > 0" for i in range(len(checks))] + _count_having(lo, hi)
        query = (
            f"SELECT ?this (COUNT(DISTINCT ?value) AS ?n) {sums} WHERE {{ {focus} OPTIONAL {{ "
            f"?this {path} ?value . {' '.join(patterns)} {binds} }} }} GROUP BY ?this "
            f"HAVING ({' || '.join(having)})"
        )
        bad: list[Term] = []
        for sol in self._select(query):
            _count_results(sol, lo, hi, add)
            sums_ = [sol[f"_n{i}"] for i in range(len(checks))]
            if any(t is not None and t.value not in ("0", "0.0") for t in sums_):
                bad.append(sol["this"])
        if not bad:
            return
        if len(bad) <= 1000 and not any(isinstance(t, ox.BlankNode) for t in bad):
            focus = "VALUES ?this { " + " ".join(str(t) for t in bad) + " }"
        self._value_constraints(checks, patterns, focus, path, add)

    def _value_constraints(
        self,
        checks: list[tuple[URIRef, str]],
        patterns: list[str],
        focus: str,
        path: str | None,
        add: Callable[..., None],
    ) -> None:
        if not checks:
            return
        bind = path and f"?this {path} ?value ." or "BIND(?this AS ?value)"
        flags_vars = [f"?_v{i}" for i in range(len(checks))]
        binds = " ".join(
            f"BIND(!COALESCE({expr}, false) AS {var})"
            for (_, expr), var in zip(checks, flags_vars, strict=True)
        )
        query = (
            f"SELECT DISTINCT ?this ?value {' '.join(flags_vars)} WHERE {{ {focus} {bind} "
            f"{' '.join(patterns)} {binds} "
            f"FILTER({' || '.join(flags_vars)}) }}"
        )
        for sol in self._select(query):
            for (component, _), var in zip(checks, flags_vars, strict=True):
                if sol[var[1:]].value == "true":
                    add(sol["this"], sol["value"], component)

    @staticmethod
    def _datatype_check(dt: Node) -> str:
        if not isinstance(dt, URIRef):
            raise UnsupportedShape("sh:datatype with a non-IRI")
        if dt == RDFS.Literal:
            return "isLiteral(?value)"
        if dt == RDF.langString:
            return '(isLiteral(?value) && lang(?value) != "")'
        base = f"(isLiteral(?value) && sameTerm(datatype(?value), {_iri(str(dt))})"
        extra = _CASTABLE.get(str(dt))
        if extra is None:
            return base + ")"
        cast = _XSD + ("integer" if extra else str(dt)[len(_XSD) :])
        if extra:
            test = (
                "EXISTS { BIND("
                + _iri(cast)
                + "(STR(?value)) AS ?_n) FILTER(BOUND(?_n)"
                + extra
                + ") }"
            )
            return f"{base} && {test})"
        return f"{base} && isLiteral({_iri(cast)}(STR(?value))))"

    def _cardinality(
        self, lo: int | None, hi: int | None, focus: str, path: str | None, add: Callable[..., None]
    ) -> None:
        if path is None:
            return
        if lo == 1 and hi is None:
            query = f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {path} ?_v }} }}"
            for sol in self._select(query):
                add(sol["this"], None, SH.MinCountConstraintComponent)
            return
        if lo is None and hi is None:
            return
        pattern = (
            f"OPTIONAL {{ ?this {path} ?value }}" if lo is not None else f"?this {path} ?value"
        )
        query = (
            f"SELECT ?this (COUNT(DISTINCT ?value) AS ?n) WHERE {{ {focus} {pattern} }} "
            f"GROUP BY ?this HAVING ({' || '.join(_count_having(lo, hi))})"
        )
        for sol in self._select(query):
            _count_results(sol, lo, hi, add)

    def _property_pairs(
        self, shape: Node, focus: str, path: str | None, add: Callable[..., None]
    ) -> None:
        values = f"?this {path} ?value ." if path else "BIND(?this AS ?value)"
        for other in self._values(shape, SH.equals):
            p2 = _const(other)
            missing = f"?this {path} ?value" if path else "FILTER(sameTerm(?this, ?value))"
            query = (
                f"SELECT DISTINCT ?this ?value WHERE {{ {{ {focus} {values} FILTER NOT EXISTS "
                f"{{ ?this {p2} ?value }} }} UNION {{ {focus} ?this {p2} ?value . "
                f"FILTER NOT EXISTS {{ {missing} }} }} }}"
            )
            for sol in self._select(query):
                add(sol["this"], sol["value"], SH.EqualsConstraintComponent)
        for other in self._values(shape, SH.disjoint):
            query = (
                f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} "
                f"?this {_const(other)} ?value }}"
            )
            for sol in self._select(query):
                add(sol["this"], sol["value"], SH.DisjointConstraintComponent)
        for pred, op, component in (
            (SH.lessThan, "<", SH.LessThanConstraintComponent),
            (SH.lessThanOrEquals, "<=", SH.LessThanOrEqualsConstraintComponent),
        ):
            for other in self._values(shape, pred):
                query = (
                    f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} "
                    f"?this {_const(other)} ?_o FILTER(!COALESCE(?value {op} ?_o, false)) }}"
                )
                for sol in self._select(query):
                    add(sol["this"], sol["value"], component)

    def _logical(self, shape: Node, focus: str, path: str | None, add: Callable[..., None]) -> None:
        refs = [
            (kind, members)
            for kind, members in self._logical_refs(shape)
            if any(self.conforms_expr(m) is None for m in members)
        ]
        if not refs:
            return
        value_focus = self._value_focus(focus, path)
        pairs: dict[Term, set[Term]] | None = None
        all_values: set[Term] | None = None
        for kind, members in refs:
            failing = [self.failing(m, value_focus) for m in members]
            if kind in (SH.node, SHN["and"]):
                bad = set().union(*failing)
                component = (
                    SH.NodeConstraintComponent if kind == SH.node else SH.AndConstraintComponent
                )
            else:
                if all_values is None:
                    all_values = self._focus_nodes(value_focus)
                if kind == SHN["not"]:
                    bad = all_values - failing[0]
                    component = SH.NotConstraintComponent
                elif kind == SHN["or"]:
                    bad = set(all_values).intersection(*failing) if failing else set(all_values)
                    component = SH.OrConstraintComponent
                else:
                    bad = {v for v in all_values if sum(v not in f for f in failing) != 1}
                    component = SH.XoneConstraintComponent
            if not bad:
                continue
            if pairs is None:
                pairs = self._pairs(focus, path)
            for this in sorted(pairs, key=str):
                for value in sorted(pairs[this] & bad, key=str):
                    add(this, value, component)

    def _qualified(
        self, shape: Node, focus: str, path: str | None, add: Callable[..., None]
    ) -> None:
        qshape = self._one(shape, SH.qualifiedValueShape)
        if qshape is None:
            return
        lo = self._one(shape, SH.qualifiedMinCount)
        hi = self._one(shape, SH.qualifiedMaxCount)
        conforms = self.conforms_expr(qshape)
        if (
            conforms is not None
            and path is not None
            and not self._truthy(shape, SH.qualifiedValueShapesDisjoint)
        ):
            tests = []
            if isinstance(lo, Literal):
                tests.append(f"COUNT(DISTINCT ?_q) < {int(lo)}")
            if isinstance(hi, Literal):
                tests.append(f"COUNT(DISTINCT ?_q) > {int(hi)}")
            if not tests:
                return
            query = (
                f"SELECT ?this (COUNT(DISTINCT ?_q) AS ?n) WHERE {{ {focus} "
                f"OPTIONAL {{ ?this {path} ?value "
                f"BIND(IF(COALESCE({conforms}, false), ?value, ?_none) AS ?_q) }} }} "
                f"GROUP BY ?this HAVING ({' || '.join(tests)})"
            )
            for sol in self._select(query):
                n = int(sol["n"].value)
                if isinstance(lo, Literal) and n < int(lo):
                    add(sol["this"], None, SH.QualifiedMinCountConstraintComponent)
                if isinstance(hi, Literal) and n > int(hi):
                    add(sol["this"], None, SH.QualifiedMaxCountConstraintComponent)
            return
        value_focus = self._value_focus(focus, path)
        failing = self.failing(qshape, value_focus)
        sibling_ok: set[Term] = set()
        if self._truthy(shape, SH.qualifiedValueShapesDisjoint):
            for parent in self.g.subjects(SH.property, shape):
                for sibling in self.g.objects(parent, SH.property):
                    for other in self.g.objects(sibling, SH.qualifiedValueShape):
                        if other != qshape:
                            values = self._focus_nodes(value_focus)
                            sibling_ok |= values - self.failing(other, value_focus)
        pairs = self._pairs(focus, path)
        for this in self._focus_nodes(focus):
            count = sum(1 for v in pairs.get(this, ()) if v not in failing and v not in sibling_ok)
            if isinstance(lo, Literal) and count < int(lo):
                add(this, None, SH.QualifiedMinCountConstraintComponent)
            if isinstance(hi, Literal) and count > int(hi):
                add(this, None, SH.QualifiedMaxCountConstraintComponent)

    def _closed(self, shape: Node, focus: str, add: Callable[..., None]) -> None:
        allowed: set[Node] = set()
        for prop in self.g.objects(shape, SH.property):
            p = self._one(prop, SH.path)
            if isinstance(p, URIRef):
                allowed.add(p)
        for lst in self._values(shape, SH.ignoredProperties):
            allowed.update(self._list(lst))
        cond = ""
        if allowed:
            listed = ", ".join(_const(p) for p in sorted(allowed, key=str))
            cond = f"FILTER(?_p NOT IN ({listed}))"
        query = f"SELECT DISTINCT ?this ?_p ?value WHERE {{ {focus} ?this ?_p ?value {cond} }}"
        for sol in self._select(query):
            add(
                sol["this"],
                sol["value"],
                SH.ClosedConstraintComponent,
                None,
                from_oxigraph(sol["_p"]),
            )

    def _sparql_text(self, shape: Node, constraint: Node) -> str:
        select = self._one(constraint, SH.select)
        if not isinstance(select, Literal):
            raise UnsupportedShape("sh:sparql without sh:select")
        text = str(select)
        if "$shapesGraph" in text or "$currentShape" in text and not isinstance(shape, URIRef):
            raise UnsupportedShape("$shapesGraph / $currentShape on a blank node shape")
        _check_prebinding(text)
        prefixes = []
        owners: list[Node] = []
        todo = list(self._values(constraint, SH.prefixes))
        while todo:
            owner = todo.pop()
            if owner not in owners:
                owners.append(owner)
                todo.extend(self.g.objects(owner, OWL.imports))
        for decl_owner in owners:
            for decl in self.g.objects(decl_owner, SH.declare):
                prefix = self._one(decl, SH.prefix)
                namespace = self._one(decl, SH.namespace)
                if prefix is None or namespace is None:
                    raise UnsupportedShape("incomplete sh:declare")
                prefixes.append(f"PREFIX {prefix}: {_iri(str(namespace))}")
        return "\n".join(sorted(set(prefixes))) + "\n" + text

    def _sparql(
        self,
        shape: Node,
        constraint: Node,
        focus: str,
        path: str | None,
        path_node: Node | None,
        out: list[tuple[Any, ...]],
    ) -> None:
        if self._truthy(constraint, SH.deactivated):
            return
        text = self._sparql_text(shape, constraint)
        if "$currentShape" in text:
            text = text.replace("$currentShape", _const(shape))
        if path is not None:
            text = text.replace("$PATH", path)
        brace = _first_brace(text)
        head = text[:brace]
        m = re.search(r"\bSELECT\s+(DISTINCT\s+|REDUCED\s+)?", head, re.I)
        if m is None:
            raise UnsupportedShape("sh:select is not a SELECT")
        if not re.search(r"[?$]this\b|\*", head[m.end() :]):
            head = head[: m.end()] + "?this " + head[m.end() :]
        query = head + "{ " + focus + " " + _not_exists_as_minus(text[brace + 1 :])
        message = self.message(constraint) or self.message(shape)
        for sol in self._select(query):
            this = sol["this"]
            value = _binding(sol, "value")
            result_path = _binding(sol, "path")
            text_message = _substitute(message, sol) if message else None
            rpath = from_oxigraph(result_path) if result_path is not None else path_node
            if value is None and path is None:
                value = this
            out.append((this, rpath, value, shape, SH.SPARQLConstraintComponent, text_message))


def _count_having(lo: int | None, hi: int | None) -> list[str]:
    """The ``HAVING`` conditions of ``sh:minCount lo`` / ``sh:maxCount hi`` over ``?value``."""
    having = [] if lo is None else [f"COUNT(DISTINCT ?value) < {lo}"]
    return having + ([] if hi is None else [f"COUNT(DISTINCT ?value) > {hi}"])


def _count_results(
    solution: ox.QuerySolution, lo: int | None, hi: int | None, add: Callable[..., None]
) -> None:
    """Report the count ``?n`` of ``solution`` if it is below ``lo`` or above ``hi``."""
    n = int(solution["n"].value)
    if lo is not None and n < lo:
        add(solution["this"], None, SH.MinCountConstraintComponent)
    if hi is not None and n > hi:
        add(solution["this"], None, SH.MaxCountConstraintComponent)


def _mask(text: str) -> str:
    """``text`` with strings, IRIs and comments blanked out (same length, same offsets)."""
    return re.sub(
        r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|'
        r"<[^<>\s{}]*>|#[^\n]*",
        lambda m: " " * len(m.group(0)),
        text,
    )


_PLAIN_GROUP = re.compile(
    r"\b(FILTER|BIND|OPTIONAL|UNION|GRAPH|VALUES|MINUS|SERVICE|SELECT)\b", re.I
)


def _not_exists_as_minus(body: str) -> str:
    """Turn top-level ``FILTER NOT EXISTS { <triple patterns with $this> }`` into ``MINUS``.

    ``body`` is the top-level WHERE group after its ``{``, in which ``?this`` is bound in every
    solution (the focus pattern comes first). For a group of triple patterns that mentions
    ``$this``, ``MINUS`` removes exactly the solutions ``NOT EXISTS`` rejects, and Oxigraph runs
    it as one anti-join instead of one sub-evaluation per solution.
    """
    masked = _mask(body)
    depth, end = 0, len(body)
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(masked):
        c = masked[i]
        if c == "{":
            depth += 1
        elif c == "}":
            if depth == 0:
                end = i
                break
            depth -= 1
        elif depth == 0 and c in "Ff":
            m = re.compile(r"FILTER\s+NOT\s+EXISTS\s*\{([^{}]*)\}", re.I).match(masked, i)
            if m and not _PLAIN_GROUP.search(m.group(1)) and re.search(r"[?$]this\b", m.group(1)):
                cuts.append((m.start(), m.end()))
                i = m.end()
                continue
        i += 1
    if not cuts:
        return body
    out, last, minus = [], 0, []
    for start, stop in cuts:
        out.append(body[last:start])
        inner = body[start:stop]
        minus.append("MINUS " + inner[inner.index("{") :])
        last = stop
    out.append(body[last:end])
    return "".join(out) + " " + " ".join(minus) + " " + body[end:]


def _groups(text: str) -> Iterator[tuple[str, str]]:
    """Each ``{...}`` group of a query below the top one: (the word before it, its text)."""
    masked = _mask(text)
    top = masked.find("{")
    stack: list[int] = []
    for i, c in enumerate(masked):
        if c == "{":
            stack.append(i)
        elif c == "}" and stack:
            start = stack.pop()
            if start != top:
                before = re.findall(r"[A-Za-z]+", masked[max(0, start - 20) : start])
                yield (before[-1].upper() if before else ""), masked[start + 1 : i]


def _check_prebinding(text: str) -> None:
    """Refuse SPARQL constraints whose pre-binding of ``$this`` a join cannot reproduce.

    The focus pattern is joined first in the top-level group, so ``$this`` is bound wherever
    the top group, ``OPTIONAL`` and ``EXISTS`` see it; sub-queries, ``VALUES``, ``MINUS``,
    ``SERVICE`` and nested groups whose filters or binds read ``$this`` (evaluated bottom-up,
    before the join) are left to pySHACL. Aggregates are fine when they group by ``$this``.
    """
    if len(re.findall(r"\bSELECT\b", text, re.I)) > 1 or re.search(
        r"\b(VALUES|MINUS|SERVICE|GRAPH)\b|AS\s+[?$]this\b", text, re.I
    ):
        raise UnsupportedShape("SPARQL constraint that a join cannot pre-bind")
    group = re.search(
        r"\bGROUP\s+BY\b(.*?)(\bHAVING\b|\bORDER\b|\bLIMIT\b|\bOFFSET\b|$)",
        _mask(text),
        re.I | re.S,
    )
    if group and not re.search(r"[?$]this\b", group.group(1)):
        raise UnsupportedShape("SPARQL constraint grouping without $this")
    if not group and re.search(r"\bHAVING\b", text, re.I):
        raise UnsupportedShape("SPARQL constraint with HAVING but no GROUP BY")
    for word, body in _groups(text):
        if word in ("EXISTS", "OPTIONAL"):
            continue
        if re.search(r"\b(FILTER|BIND)\b", body, re.I) and re.search(r"[?$]this\b", body):
            raise UnsupportedShape("SPARQL constraint reading $this in a nested group")


def _binding(solution: ox.QuerySolution, name: str) -> Term | None:
    try:
        return solution[name]  # type: ignore[no-any-return]
    except (KeyError, IndexError):
        return None


def _substitute(message: str, solution: ox.QuerySolution) -> str:
    def repl(m: re.Match[str]) -> str:
        value = _binding(solution, m.group(1))
        if value is None:
            return m.group(0)
        node = from_oxigraph(value)
        return str(node)

    return re.sub(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}", repl, message)


# --------------------------------------------------------------------------- input


#: Oxigraph's parser for each rdflib parser name of :data:`airoles_kg.graph.FORMATS`, so both
#: engines read the same file extensions.
_OXIGRAPH_FORMATS = {
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "n3": ox.RdfFormat.N3,
    "xml": ox.RdfFormat.RDF_XML,
    "json-ld": ox.RdfFormat.JSON_LD,
}


def _format_of(path: Path) -> tuple[ox.RdfFormat, bool]:
    """The RDF format of ``path`` from its suffix (``.nt``, ``.ttl``, ... optionally ``.gz``)."""
    return _OXIGRAPH_FORMATS[guess_format(path)], path.name.lower().endswith(".gz")


class _Progress(io.RawIOBase):
    """A binary reader that reports how far it has read on stderr (for terminals only)."""

    def __init__(self, raw: IO[bytes], label: str, total: int) -> None:
        self.raw, self.label, self.total = raw, label, total
        self.done = 0
        self.last = 0.0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.done += len(data)
        now = time.monotonic()
        if now - self.last > 0.5 or not data:
            self.last = now
            pct = f" {100 * self.done // self.total}%" if self.total else ""
            sys.stderr.write(f"\rloading {self.label}: {self.done >> 20} MiB{pct}")
            if not data:
                sys.stderr.write("\n")
            sys.stderr.flush()
        return len(data)


def _syntax_error(path: Path, exc: SyntaxError) -> ParseError:
    line = exc.args[1][1] if len(exc.args) > 1 and isinstance(exc.args[1], tuple) else None
    detail = str(exc.args[0]) if exc.args else str(exc)
    detail = re.sub(r"^Parser error at line \d+ between columns \d+ and \d+: ", "", detail)
    return ParseError(path, line, detail)


def load_store(
    source: str | Path | Graph, store: ox.Store | None = None, *, progress: bool | None = None
) -> ox.Store:
    """Load RDF into an Oxigraph store without going through rdflib.

    ``source`` is a file (N-Triples, Turtle, ... by suffix, optionally gzip-compressed: it is
    streamed, never held whole in memory) or an rdflib graph (its blank nodes keep their ids).
    Progress goes to stderr when ``progress`` is true, by default only if stderr is a terminal.
    Syntax errors raise :class:`ParseError` with the file and line.
    """
    store = store if store is not None else ox.Store()
    if isinstance(source, Graph):
        data = source.serialize(format="nt", encoding="utf-8")
        store.extend(ox.parse(data, format=ox.RdfFormat.N_TRIPLES, without_named_graphs=True))
        return store
    path = Path(source)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    fmt, gz = _format_of(path)
    if progress is None:
        progress = sys.stderr.isatty()
    base = path.resolve().as_uri()
    try:
        if not gz and not progress:
            store.bulk_load(path=str(path), format=fmt, base_iri=base)
            return store
        with path.open("rb") as raw:
            reader: IO[bytes] = raw
            if progress:
                reader = io.BufferedReader(_Progress(raw, path.name, path.stat().st_size))
            if gz:
                reader = gzip.GzipFile(fileobj=reader, mode="rb")  # type: ignore[assignment]
            store.bulk_load(reader, format=fmt, base_iri=base)
    except SyntaxError as exc:
        raise _syntax_error(path, exc) from None
    except (OSError, EOFError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    return store


# --------------------------------------------------------------------------- validation


def unsupported_shapes(shapes: Graph) -> list[Node]:
    """The top-level shapes the SPARQL compiler cannot run (pySHACL validates them instead)."""
    compiler = ShapeCompiler(shapes)
    return [s for s in compiler.top_level_shapes() if not compiler.supported(s)]


def _to_result(raw: tuple[Any, ...], compiler: ShapeCompiler) -> ValidationResult:
    this, path, value, shape, component, message = raw
    severity = compiler.severity(shape)
    text = message or compiler.message(shape) or _default_message(component)
    return ValidationResult(
        focus_node=from_oxigraph(this),  # type: ignore[arg-type]
        path=path_from_rdf(compiler.g, path) if path is not None else None,
        value=from_oxigraph(value) if isinstance(value, Term) else value,
        source_shape=shape,
        constraint_component=component,
        severity=_SEVERITY_NAMES.get(severity, str(severity)),
        message=" ".join(text.split()),
    )


_SEVERITY_NAMES = {iri: name for name, iri in SEVERITIES.items()}


def _default_message(component: URIRef) -> str:
    name = str(component)[len(str(SH)) :].removesuffix("ConstraintComponent")
    return f"{name} constraint not satisfied"


def _without_targets(shapes: Graph, shapes_to_skip: Iterable[Node]) -> Graph:
    """A copy of ``shapes`` in which the given top-level shapes have no targets left."""
    reduced = Graph()
    for prefix, ns in shapes.namespaces():
        reduced.bind(prefix, ns, override=True)
    skip = set(shapes_to_skip)
    classes = set(shapes.subjects(RDFS.subClassOf, RDFS.Class)) | {RDFS.Class}
    for s, p, o in shapes:
        if s in skip and (p in _TARGETS or (p == RDF.type and o in classes)):
            continue
        reduced.add((s, p, o))
    return reduced


def _whole_graph_features(shapes: Graph) -> str | None:
    """A feature that changes validation as a whole (rules, functions): pySHACL must run it all."""
    for pred in (SHN.rule, SHN.entailment):
        if (None, pred, None) in shapes:
            return str(pred)
    for kind in (SHN.SPARQLFunction, SHN.JSFunction, SHN.SPARQLRule, SHN.TripleRule):
        if (None, RDF.type, kind) in shapes:
            return str(kind)
    return None


def validate_store(
    store: ox.Store,
    shapes: Graph,
    *,
    data_graph: Graph | None = None,
    engine: str = "auto",
    timings: dict[str, float] | None = None,
    progress: bool | None = None,
) -> ValidationReport:
    """Validate the default graph of ``store`` against ``shapes``.

    ``engine`` is ``"auto"`` (SPARQL where supported, pySHACL for the other shapes),
    ``"oxigraph"`` (raises :class:`InputError` on an unsupported shape) or ``"pyshacl"``.
    ``data_graph`` is the same data as an rdflib graph, if the caller has it (pySHACL needs one;
    otherwise it is read back from the store, only when a shape falls back). ``timings``, if
    given, receives the seconds spent in each phase. Progress goes to stderr when ``progress``
    is true, by default only if stderr is a terminal.
    """
    started = time.perf_counter()
    compiler = ShapeCompiler(shapes)
    compiler.store = store
    top = compiler.top_level_shapes()
    whole = _whole_graph_features(shapes)
    if whole and engine == "oxigraph":
        raise InputError(f"the oxigraph engine does not support {whole}")
    fast = [] if engine == "pyshacl" or whole else [s for s in top if compiler.supported(s)]
    slow = [s for s in top if s not in set(fast)]
    if slow and engine == "oxigraph":
        raise InputError(
            "the oxigraph engine does not support shape(s) " + ", ".join(str(s) for s in slow)
        )
    results: list[ValidationResult] = []

    if progress is None:
        progress = sys.stderr.isatty()
    work = [(shape, part) for shape in fast for part in compiler.parts(shape)]
    finished = itertools.count(1)  # next() on a count is atomic: threads share it

    def run(part: Callable[[], list[tuple[Any, ...]]]) -> list[tuple[Any, ...]] | None:
        try:
            outcome: list[tuple[Any, ...]] | None = part()
        except UnsupportedShape:
            outcome = None
        done = next(finished)
        if progress:
            sys.stderr.write(f"\rvalidating: {done}/{len(work)} shape parts")
            sys.stderr.write("\n" if done == len(work) else "")
            sys.stderr.flush()
        return outcome

    try:
        with ThreadPoolExecutor(THREADS) as pool:
            outcomes = list(pool.map(run, [part for _, part in work]))
    finally:
        compiler.cleanup()
    by_shape: dict[Node, list[tuple[Any, ...]] | None] = {shape: [] for shape in fast}
    for (shape, _), raws in zip(work, outcomes, strict=True):
        current = by_shape[shape]
        if raws is None:
            by_shape[shape] = None  # one part the compiler cannot run: pySHACL runs the shape
        elif current is not None:
            current.extend(raws)
    for shape, raws in list(by_shape.items()):
        if raws is None:
            if engine == "oxigraph":
                raise InputError(f"the oxigraph engine cannot compile shape {shape}")
            fast.remove(shape)
            slow.append(shape)
            continue
        results.extend(_to_result(raw, compiler) for raw in raws)
    if timings is not None:
        timings["sparql"] = time.perf_counter() - started
    if slow or whole:
        t0 = time.perf_counter()
        if data_graph is None:
            data_graph = Graph()
            dump = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
            data_graph.parse(data=dump, format="nt")
        results.extend(ENGINES["pyshacl"](data_graph, _without_targets(shapes, fast)).results)
        if timings is not None:
            timings["pyshacl"] = time.perf_counter() - t0
    if not slow and not whole:
        name = "oxigraph-sparql"
    elif not fast:
        name = "pyshacl"
    else:
        name = f"oxigraph-sparql+pyshacl({len(slow)} shape{'s' if len(slow) != 1 else ''})"
    return ValidationReport.from_results(results, name)


def validate_graph(data: Graph, shapes: Graph, *, engine: str = "auto") -> ValidationReport:
    """Validate an rdflib graph (copied into an in-memory Oxigraph store)."""
    return validate_store(load_store(data), shapes, data_graph=data, engine=engine)


def validate_path(
    path: str | Path | Sequence[str | Path],
    shapes: Graph,
    *,
    base: Graph | None = None,
    engine: str = "auto",
    progress: bool | None = None,
    timings: dict[str, float] | None = None,
) -> ValidationReport:
    """Validate RDF files (N-Triples, Turtle, ..., or gzip of one), streamed into Oxigraph,
    merged with ``base`` if given (for example the project's graph, which a steward's
    catalogue references)."""
    t0 = time.perf_counter()
    store = load_store(base) if base is not None else ox.Store()
    paths = [path] if isinstance(path, str | Path) else list(path)
    for one in paths:
        load_store(one, store, progress=progress)
    if timings is not None:
        timings["load"] = time.perf_counter() - t0
    return validate_store(store, shapes, engine=engine, timings=timings, progress=progress)


def _engine(data_graph: Graph, shapes: Graph) -> ValidationReport:
    """The ``oxigraph`` engine of :mod:`airoles_kg.validate`: SPARQL, pySHACL where needed."""
    return validate_graph(data_graph, shapes)


register_engine("oxigraph", _engine, preferred=True)
