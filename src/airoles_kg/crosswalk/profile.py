"""A person's competencies with levels: names resolved to our competencies, levels to ranks.

A competency is named as the rest of the command line names things (IRI, CURIE, slug, English
or French label, through :mod:`airoles_kg.kg.vocabulary`) or by an identifier of a reference
classification that the crosswalk maps to it: an ESCO IRI, an O*NET element ID (``2.A.2.a``),
a Technology Skills commodity code (``43232405``) or their ``onet:`` IRIs. Only exact and
close matches translate a reference concept into one of ours. A deprecated competency stands
for its replacement. A level is a proficiency level's name (English or French) or rank; with
none, :data:`DEFAULT_RANK` (competent) is assumed.

>>> from airoles_kg.kg.load import load_graph
>>> resolver = ProfileResolver(load_graph())
>>> [h.competency.rsplit("/", 1)[1] for h in resolver.parse_all(["python=4", "2.A.2.a"])]
['python', 'critical-thinking']
>>> [h.rank for h in resolver.parse_all(["python=4", "2.A.2.a"])]
[4, 3]
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from airoles_kg.errors import InputError
from airoles_kg.kg.vocabulary import AmbiguousName, Vocabulary, from_graph, proficiency_levels
from airoles_kg.namespaces import AIR, BASE, DCTERMS, OWL, SKOS

__all__ = ["DEFAULT_RANK", "Holding", "ProfileResolver", "read_profile_csv"]

#: The rank assumed when a competency is given without a level: Competent.
DEFAULT_RANK = 3
ONET = BASE + "onet/"
_ELEMENT = re.compile(r"^[0-9]+(\.[0-9A-Za-z]+)+$")
_COMMODITY = re.compile(r"^[0-9]{8}$")
_TRANSLATING = (SKOS.exactMatch, SKOS.closeMatch)


@dataclass(frozen=True)
class Holding:
    """One competency a person has, at a rank (1 to 5), and the name it was given by."""

    competency: URIRef
    rank: int
    given: str


class ProfileResolver:
    """Resolves competency names and levels against a graph."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.competencies: Vocabulary = from_graph(graph, "competency", [AIR.Competency])
        self.levels: Vocabulary = proficiency_levels(graph)

    def _reference_iri(self, text: str) -> URIRef | None:
        text = text.strip().strip("<>")
        if text.startswith(("http://data.europa.eu/esco/", ONET)):
            return URIRef(text)
        if text.startswith("onet:"):
            return URIRef(ONET + text.removeprefix("onet:"))
        if _ELEMENT.match(text):
            return URIRef(ONET + "element/" + text)
        if _COMMODITY.match(text):
            return URIRef(ONET + "commodity/" + text)
        return None

    def _replacement(self, iri: URIRef) -> URIRef:
        seen = {iri}
        while (iri, OWL.deprecated, Literal(True)) in self.graph:
            replaced = self.graph.value(iri, DCTERMS.isReplacedBy)
            if not isinstance(replaced, URIRef) or replaced in seen:
                break
            iri = replaced
            seen.add(iri)
        return iri

    def competency(self, text: str) -> URIRef:
        """The competency ``text`` names; :class:`InputError` if none or several."""
        found = self.competencies.resolve(text)
        if isinstance(found, URIRef):
            return self._replacement(found)
        if isinstance(found, AmbiguousName):
            raise InputError(f"competency {text!r} is ambiguous: say which of "
                             f"{', '.join(found.candidates)}")
        target = self._reference_iri(text)
        if target is not None:
            ours = sorted({self._replacement(s) for p in _TRANSLATING
                           for s in self.graph.subjects(p, target)
                           if isinstance(s, URIRef) and s in self.competencies.shown})
            if len(ours) == 1:
                return ours[0]
            if ours:
                shown = ", ".join(self.competencies.shown[i] for i in ours)
                raise InputError(f"{text!r} matches several competencies of ours ({shown}); "
                                 "name one of them")
            raise InputError(f"{text!r}: the crosswalk maps no competency of ours to it "
                             "(as an exact or close match)")
        hint = self.competencies.suggest(text)
        more = f"; did you mean: {', '.join(hint)}?" if hint else ""
        raise InputError(f"unknown competency {text!r}{more}")

    def rank(self, text: str) -> int:
        """The rank of the proficiency level ``text`` names (a name or a rank, 1 to 5)."""
        found = self.levels.resolve(text)
        if not isinstance(found, URIRef):
            raise InputError(f"unknown level {text!r}: use one of "
                             f"{', '.join(self.levels.choices())} or a rank from 1 to 5")
        return int(str(self.graph.value(found, AIR.rank)))

    def holding(self, competency: str, level: str | None) -> Holding:
        rank = DEFAULT_RANK if level is None or not level.strip() else self.rank(level)
        return Holding(self.competency(competency), rank, competency.strip())

    def parse(self, item: str) -> Holding:
        """``COMPETENCY[=LEVEL]``, as the ``--has`` option takes it."""
        name, sep, level = item.rpartition("=")
        if not sep:
            name, level = item, ""
        if not name.strip():
            raise InputError(f"--has {item!r}: give a competency, such as python=proficient")
        return self.holding(name, level)

    def parse_all(self, items: Iterable[str]) -> list[Holding]:
        return merge([self.parse(item) for item in items])


def merge(holdings: Sequence[Holding]) -> list[Holding]:
    """One holding per competency, at the highest rank given for it, in the order first given."""
    best: dict[URIRef, Holding] = {}
    for h in holdings:
        if h.competency not in best or h.rank > best[h.competency].rank:
            best[h.competency] = h if h.competency not in best else Holding(
                h.competency, h.rank, best[h.competency].given)
    return list(best.values())


def read_profile_csv(path: Path, resolver: ProfileResolver) -> list[Holding]:
    """The holdings of a CSV file with the columns ``competency`` and ``level`` (level may be
    empty); a bad cell is an :class:`InputError` naming the file and line."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            lines = list(csv.reader(handle))
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save the file as CSV UTF-8") from None
    if not lines:
        raise InputError(f"{path}: empty; give a header line: competency,level")
    header = [cell.strip().lower() for cell in lines[0]]
    if "competency" not in header:
        raise InputError(f"{path}:1: no column 'competency'; give a header line: "
                         "competency,level")
    at = header.index("competency")
    level_at = header.index("level") if "level" in header else None
    holdings = []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        name = cells[at] if at < len(cells) else ""
        level = cells[level_at] if level_at is not None and level_at < len(cells) else ""
        if not name.strip():
            raise InputError(f"{path}:{number}: empty competency cell")
        try:
            holdings.append(resolver.holding(name, level))
        except InputError as exc:
            raise InputError(f"{path}:{number}: {exc}") from None
    if not holdings:
        raise InputError(f"{path}: no competency rows below the header")
    return merge(holdings)
