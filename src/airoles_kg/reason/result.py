"""What a reasoner run found: consistency, unsatisfiable classes and the inferences."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.term import Node

from airoles_kg.namespaces import RDF, RDFS
from airoles_kg.rdf.terms import short_term
from airoles_kg.reason.axioms import class_axioms
from airoles_kg.reason.prepare import named

__all__ = [
    "InferredLink",
    "ReasonerResult",
    "UnsatisfiableClass",
    "inferred_links",
    "unsatisfiable_classes",
]


@dataclass(frozen=True, order=True)
class InferredLink:
    """One inferred link: ``subject`` has the new type (or superclass) ``object``."""

    subject: str
    object: str


@dataclass(frozen=True)
class UnsatisfiableClass:
    """A class that can have no member, with the asserted axioms that mention it."""

    iri: str
    axioms: tuple[str, ...]


@dataclass
class ReasonerResult:
    """What a reasoner run found. ``ok`` is False on inconsistency or an unsatisfiable class."""

    engine: str
    reasoner: str
    label: str
    consistent: bool
    seconds: float
    unsatisfiable: list[UnsatisfiableClass] = field(default_factory=list)
    inferred_types: list[InferredLink] = field(default_factory=list)
    inferred_subclasses: list[InferredLink] = field(default_factory=list)
    #: Every inferred triple (owlrl: the whole closure less the input; DL: types + subclasses).
    inferred: Graph = field(default_factory=Graph)
    explanation: list[str] = field(default_factory=list)
    java: str | None = None
    #: How the input was adapted for the reasoner, if it was.
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable

    def counts_by_predicate(self) -> dict[str, int]:
        """How many triples were inferred for each predicate (CURIEs), sorted by predicate."""
        counts = Counter(short_term(p) for p in self.inferred.predicates())
        return dict(sorted(counts.items()))


def inferred_links(
    triples: Iterable[tuple[Node, Node, Node]],
) -> tuple[list[InferredLink], list[InferredLink]]:
    """The class memberships and the subclass links among ``triples`` between named IRIs,
    each list sorted."""
    types: list[InferredLink] = []
    subclasses: list[InferredLink] = []
    for s, p, o in triples:
        if not (isinstance(s, URIRef) and isinstance(o, URIRef)):
            continue
        if not (named(str(s)) and named(str(o))):
            continue
        if p == RDF.type:
            types.append(InferredLink(str(s), str(o)))
        elif p == RDFS.subClassOf:
            subclasses.append(InferredLink(str(s), str(o)))
    return sorted(types), sorted(subclasses)


def unsatisfiable_classes(graph: Graph, iris: Iterable[str]) -> list[UnsatisfiableClass]:
    """The classes ``iris``, sorted, each with the asserted axioms that mention it."""
    return [UnsatisfiableClass(iri, class_axioms(graph, URIRef(iri))) for iri in sorted(iris)]
