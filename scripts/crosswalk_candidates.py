"""Propose crosswalk candidates from airoles-kg roles and competencies to ESCO and O*NET.

A lexical matcher, the first step of the crosswalk in ``ontology/mappings.ttl``: every English
preferred and alternative label of our roles and competencies is normalised (case, accents,
punctuation, plural ``s``, British and American spellings, a few stop words) and compared with
the normalised labels of

* ESCO v1.2.0 occupations (``occupations_en.csv``: preferred and alternative labels), skills of
  the digital and transversal collections (``digitalSkillsCollection_en.csv``,
  ``transversalSkillsCollection_en.csv``) and the concepts of the skills hierarchy
  (``skillsHierarchy_en.csv``);
* O*NET 29.2 occupations (``Occupation Data.txt`` titles and ``Alternate Titles.txt``), the
  Skills and Knowledge elements (``Skills.txt``, ``Knowledge.txt``) and the Technology Skills
  commodities (``Technology Skills.txt``: the commodity title, and the example products filed
  under it).

Each candidate gets a score: 1.0 when a normalised preferred label equals a normalised
preferred label, 0.95 when a preferred label equals an alternative label (either way), 0.9
between two alternative labels (or a product example), otherwise the token overlap (Jaccard
index of the normalised words, at least ``--min-score``) times 0.8. Roles are compared with
occupations only, competencies with skills, elements and commodities only. The candidates are
written as TSV, best first, with a column saying whether ``ontology/mappings.ttl`` already holds
a mapping between the two; curation (keep, choose the SKOS predicate, record the
justification and confidence) is done by hand in ``ontology/mappings.ttl``.

Usage: ``python scripts/crosswalk_candidates.py --shared ../shared [--out FILE] [--min-score X]``.
A missing input is a one-line error and exit code 2; the output is deterministic.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, SKOS

__all__ = ["Candidate", "Label", "candidates", "main", "normalise"]

REPO = Path(__file__).resolve().parents[1]
ONTOLOGY = REPO / "ontology"
AIR = "https://w3id.org/airoles/ontology#"
ROLE = "https://w3id.org/airoles/role/"
COMP = "https://w3id.org/airoles/competency/"
ONET = "https://w3id.org/airoles/onet/"
MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)

ESCO_DIR = "data/esco-1.2.0"
ONET_DIR = "data/onet-29.2"
STOP = frozenset({"and", "of", "the", "a", "an", "for", "in", "to", "with", "on", "or", "use"})
SPELLING = ((r"isation\b", "ization"), (r"ise\b", "ize"), (r"ising\b", "izing"),
            (r"elling\b", "eling"), (r"ogue\b", "og"), (r"judgement\b", "judgment"))


class CandidateError(ValueError):
    """An input file is missing or malformed."""


def normalise(text: str) -> tuple[str, ...]:
    """The words of a label, normalised for comparison.

    >>> normalise("Data Normalisation and Models")
    ('data', 'normalization', 'model')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    for pattern, repl in SPELLING:
        plain = re.sub(pattern, repl, plain)
    words = []
    for word in re.sub(r"[^0-9a-z+#]+", " ", plain).split():
        if word in STOP:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        words.append(word)
    return tuple(words)


@dataclass(frozen=True)
class Label:
    """One label of a concept: its text and whether it is the preferred one."""

    iri: str
    kind: str  # role, competency, esco-occupation, esco-skill, onet-occupation, ...
    name: str  # the concept's preferred label
    text: str
    preferred: bool


@dataclass(frozen=True)
class Candidate:
    subject: str
    subject_label: str
    object: str
    object_kind: str
    object_label: str
    matched: str  # "our label = their label"
    score: float


def _need(path: Path) -> Path:
    if not path.is_file():
        raise CandidateError(f"{path}: missing; pass --shared with the folder holding data/")
    return path


def _csv(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    with _need(path).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter=delimiter)


def _alts(cell: str) -> list[str]:
    return [a.strip() for a in re.split(r"\n|\|", cell or "") if a.strip()]


def esco_labels(shared: Path) -> Iterator[Label]:
    base = shared / ESCO_DIR
    for row in _csv(base / "occupations_en.csv"):
        iri, name = row["conceptUri"], " ".join(row["preferredLabel"].split())
        yield Label(iri, "esco-occupation", name, name, True)
        for alt in _alts(row["altLabels"]):
            yield Label(iri, "esco-occupation", name, alt, False)
    for file in ("digitalSkillsCollection_en.csv", "transversalSkillsCollection_en.csv"):
        for row in _csv(base / file):
            iri, name = row["conceptUri"], " ".join(row["preferredLabel"].split())
            yield Label(iri, "esco-skill", name, name, True)
            for alt in _alts(row["altLabels"]):
                yield Label(iri, "esco-skill", name, alt, False)
    seen: set[str] = set()
    for row in _csv(base / "skillsHierarchy_en.csv"):
        for level in range(4):
            iri, name = row[f"Level {level} URI"], row[f"Level {level} preferred term"]
            if iri and iri not in seen:
                seen.add(iri)
                yield Label(iri, "esco-skill-group", name.strip(), name.strip(), True)


def onet_labels(shared: Path) -> Iterator[Label]:
    base = shared / ONET_DIR
    titles: dict[str, str] = {}
    for row in _csv(base / "Occupation Data.txt", "\t"):
        titles[row["O*NET-SOC Code"]] = row["Title"]
        yield Label(ONET + row["O*NET-SOC Code"], "onet-occupation", row["Title"], row["Title"],
                    True)
    for row in _csv(base / "Alternate Titles.txt", "\t"):
        code = row["O*NET-SOC Code"]
        yield Label(ONET + code, "onet-occupation", titles.get(code, code),
                    row["Alternate Title"], False)
    for file in ("Skills.txt", "Knowledge.txt"):
        seen: set[str] = set()
        for row in _csv(base / file, "\t"):
            if row["Element ID"] not in seen:
                seen.add(row["Element ID"])
                yield Label(ONET + "element/" + row["Element ID"], "onet-element",
                            row["Element Name"], row["Element Name"], True)
    commodities: dict[str, str] = {}
    examples: set[tuple[str, str]] = set()
    for row in _csv(base / "Technology Skills.txt", "\t"):
        commodities[row["Commodity Code"]] = row["Commodity Title"]
        examples.add((row["Commodity Code"], row["Example"]))
    for code, title in sorted(commodities.items()):
        yield Label(ONET + "commodity/" + code, "onet-commodity", title, title, True)
    for code, example in sorted(examples):
        yield Label(ONET + "commodity/" + code, "onet-commodity", commodities[code], example, False)


def our_labels(ontology: Path) -> Iterator[Label]:
    graph = Graph()
    for path in sorted(ontology.glob("*.ttl")):
        graph.parse(path)
    for subject in sorted({s for s in graph.subjects(SKOS.prefLabel, None)
                           if isinstance(s, URIRef)}):
        iri = str(subject)
        if iri.startswith(ROLE):
            kind = "role"
        elif iri.startswith(COMP):
            kind = "competency"
        else:
            continue
        if (subject, OWL.deprecated, None) in graph or (
                subject, RDF.type, SKOS.ConceptScheme) in graph:
            continue
        names = [str(x) for x in graph.objects(subject, SKOS.prefLabel)
                 if isinstance(x, Literal) and x.language == "en"]
        if not names:
            continue
        yield Label(iri, kind, names[0], names[0], True)
        alts = sorted(str(x) for x in graph.objects(subject, SKOS.altLabel)
                      if isinstance(x, Literal) and x.language == "en")
        for alt in alts:
            yield Label(iri, kind, names[0], alt, False)


def existing_mappings(ontology: Path) -> dict[tuple[str, str], str]:
    graph = Graph()
    path = ontology / "mappings.ttl"
    if path.is_file():
        graph.parse(path)
    return {
        (str(s), str(o)): str(p).removeprefix(str(SKOS))
        for p in MATCHES
        for s, o in graph.subject_objects(p)
        if isinstance(o, URIRef)
    }


def _score(ours: Label, theirs: Label, a: tuple[str, ...], b: tuple[str, ...],
           floor: float) -> float:
    if a == b:
        if ours.preferred and theirs.preferred:
            return 1.0
        return 0.95 if ours.preferred or theirs.preferred else 0.9
    sa, sb = set(a), set(b)
    jaccard = len(sa & sb) / len(sa | sb)
    return round(jaccard * 0.8, 3) if jaccard >= floor else 0.0


def candidates(ours: Iterable[Label], theirs: Iterable[Label], min_score: float) -> list[Candidate]:
    """The best candidate per (our concept, their concept), best first."""
    by_word: dict[str, list[tuple[Label, tuple[str, ...]]]] = defaultdict(list)
    for label in theirs:
        words = normalise(label.text)
        for word in set(words):
            by_word[word].append((label, words))
    best: dict[tuple[str, str], Candidate] = {}
    for mine in ours:
        a = normalise(mine.text)
        if not a:
            continue
        wanted = ("esco-occupation", "onet-occupation") if mine.kind == "role" else (
            "esco-skill", "esco-skill-group", "onet-element", "onet-commodity")
        seen: set[int] = set()
        for word in set(a):
            for theirs_label, b in by_word.get(word, []):
                if theirs_label.kind not in wanted or id(theirs_label) in seen:
                    continue
                seen.add(id(theirs_label))
                score = _score(mine, theirs_label, a, b, min_score)
                if score <= 0:
                    continue
                key = (mine.iri, theirs_label.iri)
                found = Candidate(mine.iri, mine.name, theirs_label.iri, theirs_label.kind,
                                  theirs_label.name, f"{mine.text} = {theirs_label.text}", score)
                if key not in best or (score, found.matched) > (best[key].score, best[key].matched):
                    best[key] = found
    return sorted(best.values(), key=lambda c: (c.subject, -c.score, c.object))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, required=True,
                        help="the folder holding data/esco-1.2.0 and data/onet-29.2")
    parser.add_argument("--out", type=Path, help="write the TSV here (default: standard output)")
    parser.add_argument("--min-score", type=float, default=0.5,
                        help="the lowest token overlap kept (default 0.5)")
    parser.add_argument("--top", type=int, default=5, help="candidates kept per concept")
    args = parser.parse_args(argv)
    try:
        theirs = [*esco_labels(args.shared), *onet_labels(args.shared)]
        found = candidates(our_labels(ONTOLOGY), theirs, args.min_score)
    except (CandidateError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    mapped = existing_mappings(ONTOLOGY)
    per_subject: dict[str, int] = defaultdict(int)
    columns = ["subject", "subject_label", "score", "object", "object_kind", "object_label",
               "matched", "in_mappings"]
    lines = ["\t".join(columns)]
    for c in found:
        per_subject[c.subject] += 1
        if per_subject[c.subject] > args.top:
            continue
        cells = [c.subject, c.subject_label, f"{c.score:.3f}", c.object, c.object_kind,
                 c.object_label, c.matched, mapped.get((c.subject, c.object), "")]
        lines.append("\t".join(" ".join(cell.split()) for cell in cells))
    text = "\n".join(lines) + "\n"
    if args.out is None:
        sys.stdout.write(text)
        return 0
    handle, tmp = tempfile.mkstemp(dir=args.out.parent, prefix=".tmp-", suffix=".tsv")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(text)
    os.replace(tmp, args.out)
    print(f"wrote {args.out} ({len(lines) - 1} candidates)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
