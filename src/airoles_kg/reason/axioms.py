"""Reading the asserted axioms: structural OWL 2 DL problems, the axioms behind an
unsatisfiable class, and individuals asserted into disjoint classes.

>>> from airoles_kg.kg.load import load_graph
>>> dl_problems(load_graph())
[]
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from airoles_kg.namespaces import OWL, RDF, RDFS
from airoles_kg.rdf.terms import short_term

__all__ = ["class_axioms", "disjointness_clashes", "dl_problems"]


def dl_problems(graph: Graph) -> list[str]:
    """Structural OWL 2 DL violations that stop a DL reasoner, one readable line each.

    Checks that no IRI is declared as two kinds of property, that object properties take
    IRIs and datatype properties literals, and that restrictions name a declared property.
    """
    problems: list[str] = []
    kinds = {
        OWL.ObjectProperty: "object property",
        OWL.DatatypeProperty: "datatype property",
        OWL.AnnotationProperty: "annotation property",
    }
    declared: dict[Node, set[str]] = {}
    for kind, name in kinds.items():
        for prop in graph.subjects(RDF.type, kind):
            declared.setdefault(prop, set()).add(name)
    for prop, names in sorted(declared.items(), key=lambda kv: str(kv[0])):
        if len(names) > 1:
            problems.append(f"{short_term(prop)} is declared as {' and '.join(sorted(names))}")
    for prop, names in sorted(declared.items(), key=lambda kv: str(kv[0])):
        if names == {"object property"}:
            for s, o in graph.subject_objects(prop):
                if isinstance(o, Literal):
                    problems.append(
                        f"object property {short_term(prop)} has the literal {o.n3()} "
                        f"on {short_term(s)}"
                    )
                    break
        elif names == {"datatype property"}:
            for s, o in graph.subject_objects(prop):
                if not isinstance(o, Literal):
                    problems.append(
                        f"datatype property {short_term(prop)} points to {short_term(o)} "
                        f"on {short_term(s)}"
                    )
                    break
    for prop in sorted(set(graph.objects(None, OWL.onProperty)), key=str):
        names = declared.get(prop, set())
        if not names & {"object property", "datatype property"}:
            problems.append(
                f"{short_term(prop)} is used in a restriction but not declared as an object or"
                " datatype property"
            )
    return problems


def _class_expr(graph: Graph, node: Node, depth: int = 0) -> str:
    """A class expression in a compact Manchester-like syntax."""
    if not isinstance(node, BNode) or depth > 6:
        return short_term(node)

    def items(head: Node | None) -> list[str]:
        if head is None:
            return []
        return [_class_expr(graph, m, depth + 1) for m in Collection(graph, head)]

    for key, joiner in ((OWL.intersectionOf, " and "), (OWL.unionOf, " or ")):
        head = graph.value(node, key)
        if head is not None:
            return "(" + joiner.join(items(head)) + ")"
    head = graph.value(node, OWL.oneOf)
    if head is not None:
        return "{" + ", ".join(short_term(m) for m in Collection(graph, head)) + "}"
    complement = graph.value(node, OWL.complementOf)
    if complement is not None:
        return "not " + _class_expr(graph, complement, depth + 1)
    prop = graph.value(node, OWL.onProperty)
    if prop is not None:
        p = short_term(prop)
        for key, word in ((OWL.someValuesFrom, "some"), (OWL.allValuesFrom, "only")):
            filler = graph.value(node, key)
            if filler is not None:
                return f"({p} {word} {_class_expr(graph, filler, depth + 1)})"
        value = graph.value(node, OWL.hasValue)
        if value is not None:
            return f"({p} value {short_term(value)})"
        for key, word in (
            (OWL.cardinality, "exactly"),
            (OWL.qualifiedCardinality, "exactly"),
            (OWL.minCardinality, "min"),
            (OWL.minQualifiedCardinality, "min"),
            (OWL.maxCardinality, "max"),
            (OWL.maxQualifiedCardinality, "max"),
        ):
            number = graph.value(node, key)
            if number is not None:
                return f"({p} {word} {number})"
    return "[anonymous class]"


def class_axioms(graph: Graph, cls: URIRef) -> tuple[str, ...]:
    """The asserted axioms involved with ``cls``: its superclasses and equivalents, and the
    disjointness axioms on it or on any of its named superclasses."""
    name = short_term(cls)
    axioms: list[str] = []
    for sup in graph.objects(cls, RDFS.subClassOf):
        axioms.append(f"{name} SubClassOf {_class_expr(graph, sup)}")
    for eq in graph.objects(cls, OWL.equivalentClass):
        axioms.append(f"{name} EquivalentTo {_class_expr(graph, eq)}")
    ancestors = _superclasses(graph).get(cls, {cls})
    for sub in sorted(ancestors - {cls}, key=str):
        for sup in graph.objects(sub, RDFS.subClassOf):
            if isinstance(sup, URIRef):
                axioms.append(f"{short_term(sub)} SubClassOf {short_term(sup)}")
    for member in ancestors:
        for other in set(graph.objects(member, OWL.disjointWith)) | set(
            graph.subjects(OWL.disjointWith, member)
        ):
            pair = sorted((short_term(member), _class_expr(graph, other)))
            axioms.append(f"{pair[0]} DisjointWith {pair[1]}")
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        head = graph.value(group, OWL.members)
        members = list(Collection(graph, head)) if head is not None else []
        if ancestors & set(members):
            axioms.append(f"DisjointClasses({', '.join(short_term(m) for m in members)})")
    return tuple(sorted(set(axioms)))


def _superclasses(graph: Graph) -> dict[Node, set[Node]]:
    """Reflexive-transitive named superclasses of every named class (asserted subClassOf)."""
    direct: dict[Node, set[Node]] = {}
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            direct.setdefault(sub, set()).add(sup)
    closure: dict[Node, set[Node]] = {}
    for cls in direct:
        seen: set[Node] = {cls}
        todo = [cls]
        while todo:
            for sup in direct.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        closure[cls] = seen
    return closure


def _disjoint_pairs(graph: Graph) -> set[frozenset[Node]]:
    pairs: set[frozenset[Node]] = set()
    for a, b in graph.subject_objects(OWL.disjointWith):
        pairs.add(frozenset((a, b)))
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        head = graph.value(group, OWL.members)
        members = list(Collection(graph, head)) if head is not None else []
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs.add(frozenset((a, b)))
    return pairs


def disjointness_clashes(graph: Graph) -> list[str]:
    """Individuals asserted (with their superclasses) to be in two disjoint classes."""
    supers = _superclasses(graph)
    pairs = _disjoint_pairs(graph)
    clashes: list[str] = []
    for ind in sorted(set(graph.subjects(RDF.type, None)), key=str):
        types: set[Node] = set()
        for cls in graph.objects(ind, RDF.type):
            types |= supers.get(cls, {cls})
        for pair in sorted(pairs, key=lambda p: sorted(map(str, p))):
            if pair <= types:
                a, b = sorted(pair, key=str)
                clashes.append(
                    f"{short_term(ind)} is an instance of both {short_term(a)} and {short_term(b)},"
                    " which are disjoint"
                )
    return clashes
