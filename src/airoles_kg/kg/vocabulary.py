"""Names people write, to the IRIs they stand for, with the closest names when none.

A :class:`Vocabulary` knows one kind of thing (competencies, levels, families...) by IRI,
CURIE, slug and labels in any language, compared with :func:`~airoles_kg.text.fold`
(case, accents and punctuation ignored), in tiers: ids and slugs first, then preferred
labels, then alternative labels and other names, and last the names of deprecated terms
(so an old label or slug, kept as an alternative label of its replacement, names the
replacement; the old term's CURIE or IRI still names it). A name that is none of them gets
the closest names as suggestions.

>>> from airoles_kg.kg.load import load_graph
>>> g = load_graph()
>>> from airoles_kg.namespaces import AIR
>>> competencies = from_graph(g, "competency", [AIR.Competency])
>>> str(competencies.resolve("Python")), str(competencies.resolve("comp:python"))
('https://w3id.org/airoles/competency/python', 'https://w3id.org/airoles/competency/python')
>>> competencies.resolve("pythn") is None, competencies.suggest("pythn")[0]
(True, 'comp:python')
>>> competencies.shown[competencies.resolve("Knowledge base construction")]  # deprecated
'comp:knowledge-graph-construction'
>>> levels = proficiency_levels(g)
>>> [levels.shown[levels.resolve(n)] for n in ("3", "débutant avancé", "EXPERT")]
['Competent', 'Advanced beginner', 'Expert']
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from airoles_kg.namespaces import AIR, OWL, PREFIXES, RDF, RDFS, SKOS
from airoles_kg.rdf.terms import is_iri_text, short_iri
from airoles_kg.text import fold

__all__ = [
    "AmbiguousName",
    "Vocabulary",
    "from_graph",
    "importances",
    "instances",
    "proficiency_levels",
    "type_vocabulary",
]

#: The tiers a name can be in, most preferred first.
ID, PREFERRED, OTHER, DEPRECATED = 0, 1, 2, 3


@dataclass(frozen=True)
class AmbiguousName:
    """A name several things share: the cell must say which (a CURIE or an id)."""

    candidates: tuple[str, ...]


@dataclass
class Vocabulary:
    """Things of one kind (``what``: "competency", "level"...) by their names."""

    what: str
    shown: dict[URIRef, str] = field(default_factory=dict)
    names: dict[str, dict[int, set[URIRef]]] = field(default_factory=dict)

    def add(self, iri: URIRef, shown: str, names: Iterable[tuple[int, str]]) -> None:
        """Know ``iri``, shown to people as ``shown``, by ``names`` (tier, name) pairs."""
        self.shown.setdefault(iri, shown)
        for tier, name in names:
            key = fold(name)
            if key:
                self.names.setdefault(key, {}).setdefault(tier, set()).add(iri)

    def resolve(self, text: str) -> URIRef | AmbiguousName | None:
        """The IRI ``text`` names; an :class:`AmbiguousName` if several things share it;
        ``None`` if nothing is called so."""
        text = text.strip()
        if text.startswith("<") and text.endswith(">"):
            text = text[1:-1]
        prefix, sep, local = text.partition(":")
        if sep and is_iri_text(text) and " " not in text:
            for candidate in (text, PREFIXES.get(prefix, "\x00") + local):
                if URIRef(candidate) in self.shown:
                    return URIRef(candidate)
            if prefix in PREFIXES or "/" in local:
                return None  # a CURIE or an IRI, of nothing of this kind
        tiers = self.names.get(fold(text), {})
        for tier in sorted(tiers):
            found = tiers[tier]
            if len(found) == 1:
                return next(iter(found))
            return AmbiguousName(tuple(sorted(self.shown[i] for i in found)))
        return None

    def closest(self, text: str, count: int = 3) -> list[URIRef]:
        """Up to ``count`` things whose names are closest to ``text``, closest first."""
        close = difflib.get_close_matches(fold(text), sorted(self.names), n=count * 3,
                                          cutoff=0.6)
        out: list[URIRef] = []
        for key in close:
            for tier in sorted(self.names[key]):
                for iri in sorted(self.names[key][tier]):
                    if iri not in out and self.shown[iri] not in (self.shown[o] for o in out):
                        out.append(iri)
        return out[:count]

    def suggest(self, text: str, count: int = 3) -> list[str]:
        """Up to ``count`` things whose names are closest to ``text``, as shown to people."""
        return [self.shown[iri] for iri in self.closest(text, count)]

    def choices(self) -> list[str]:
        """Every thing, as shown (for a short vocabulary: levels, importance, types)."""
        return list(self.shown.values())


def instances(graph: Graph, classes: Iterable[Node]) -> list[URIRef]:
    """The IRIs typed with one of ``classes`` or their subclasses in ``graph``, sorted."""
    wanted: set[Node] = set()
    for cls in classes:
        wanted.add(cls)
        wanted.update(s for s in graph.transitive_subjects(RDFS.subClassOf, cls) if s)
    return sorted(
        {s for c in wanted for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef)},
        key=str,
    )


def _slug(iri: URIRef) -> str:
    return re.split(r"[/#]", str(iri))[-1]


def _names(graph: Graph, iri: URIRef) -> list[tuple[int, str]]:
    names = [(ID, _slug(iri)), (ID, re.sub(r"(?<=[a-z])(?=[A-Z])", " ", _slug(iri)))]
    names += [(PREFERRED, str(v)) for v in graph.objects(iri, SKOS.prefLabel)
              if isinstance(v, Literal)]
    names += [(OTHER, str(v)) for p in (SKOS.altLabel, RDFS.label)
              for v in graph.objects(iri, p) if isinstance(v, Literal)]
    if (iri, OWL.deprecated, Literal(True)) in graph:
        names = [(DEPRECATED, name) for _, name in names]
    return names


def _english(graph: Graph, iri: URIRef) -> str:
    labels = sorted(str(v) for v in graph.objects(iri, SKOS.prefLabel)
                    if isinstance(v, Literal) and v.language == "en")
    return labels[0] if labels else _slug(iri)


def from_graph(graph: Graph, what: str, classes: Iterable[Node]) -> Vocabulary:
    """The instances of ``classes`` in ``graph``, shown as CURIEs."""
    vocabulary = Vocabulary(what)
    for iri in instances(graph, classes):
        vocabulary.add(iri, short_iri(str(iri)), _names(graph, iri))
    return vocabulary


def proficiency_levels(graph: Graph) -> Vocabulary:
    """The proficiency levels by name (English or French) or rank (``3``), shown by their
    English label, in rank order."""
    vocabulary = Vocabulary("level")
    ranked = sorted(
        ((int(str(rank)), level) for level in instances(graph, [AIR.ProficiencyLevel])
         for rank in graph.objects(level, AIR.rank)),
    )
    for rank, level in ranked:
        vocabulary.add(level, _english(graph, level),
                       [*_names(graph, level), (ID, str(rank)), (ID, f"{rank}.0")])
    return vocabulary


def importances(graph: Graph) -> Vocabulary:
    """Essential and optional, by name (English or French), shown by their English label."""
    vocabulary = Vocabulary("importance")
    for iri in instances(graph, [AIR.Importance]):
        vocabulary.add(iri, _english(graph, iri), _names(graph, iri))
    return vocabulary


def type_vocabulary(graph: Graph) -> Vocabulary:
    """The four competency types (Skill, Knowledge, Technology, Transversal competency), by
    their labels or local names."""
    vocabulary = Vocabulary("competency type")
    for cls in (AIR.Skill, AIR.Knowledge, AIR.Technology, AIR.TransversalCompetency):
        names = [*_names(graph, cls)]
        if cls == AIR.TransversalCompetency:
            names.append((OTHER, "Transversal"))
        vocabulary.add(cls, _english(graph, cls), names)
    return vocabulary
