"""A changelog between two versions of the graph, computed on the graphs, not on the text.

Blank nodes (OWL restrictions and lists) are compared through canonical labels
(:func:`rdflib.compare.graph_diff`), so re-serialising or re-ordering a file changes nothing.
The changelog names the roles, competencies and requirements added or removed, the
requirements whose level, importance or competency changed, the labels added, removed or
changed, the ontology header triples (versions) added or removed, and every other triple
(axiom) added or removed.

>>> from airoles_kg.rdf.parse import new_graph
>>> from airoles_kg.namespaces import AIR, ROLE, RDF
>>> old, new = new_graph(), new_graph()
>>> _ = new.add((ROLE["x"], RDF.type, AIR.Role))
>>> diff_graphs(old, new).roles_added
['https://w3id.org/airoles/role/x']
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from airoles_kg.errors import InputError
from airoles_kg.namespaces import AIR, OWL, RDF, RDFS, SKOS
from airoles_kg.rdf.parse import parse_file
from airoles_kg.rdf.serialize import canonical_triples
from airoles_kg.rdf.terms import shorten_iri

__all__ = [
    "LABEL_PROPERTIES",
    "GraphDiff",
    "LabelChange",
    "RequirementChange",
    "diff_files",
    "diff_graphs",
    "load_side",
    "render_json",
    "render_markdown",
]

#: Properties whose changes are reported as label changes.
LABEL_PROPERTIES: tuple[URIRef, ...] = (
    SKOS.prefLabel,
    SKOS.altLabel,
    SKOS.hiddenLabel,
    RDFS.label,
    SKOS.definition,
)
_REQUIREMENT_FIELDS: tuple[URIRef, ...] = (AIR.competency, AIR.proficiencyLevel, AIR.importance)
_COMPETENCY_CLASSES = (AIR.Competency, AIR.Skill, AIR.Knowledge, AIR.Technology,
                       AIR.TransversalCompetency)


@dataclass(frozen=True, order=True)
class RequirementChange:
    """A requirement (same IRI in both versions) whose ``attribute`` changed."""

    requirement: str
    attribute: str
    old: str
    new: str


@dataclass(frozen=True, order=True)
class LabelChange:
    """A label-like value of ``subject`` (per property and language) added, removed or changed."""

    subject: str
    predicate: str
    language: str
    old: str
    new: str

    @property
    def kind(self) -> str:
        return "added" if not self.old else "removed" if not self.new else "changed"


@dataclass
class GraphDiff:
    """What changed from the old graph to the new one. Every list is sorted."""

    old_name: str = "old"
    new_name: str = "new"
    roles_added: list[str] = field(default_factory=list)
    roles_removed: list[str] = field(default_factory=list)
    competencies_added: list[str] = field(default_factory=list)
    competencies_removed: list[str] = field(default_factory=list)
    requirements_added: list[str] = field(default_factory=list)
    requirements_removed: list[str] = field(default_factory=list)
    requirements_changed: list[RequirementChange] = field(default_factory=list)
    labels: list[LabelChange] = field(default_factory=list)
    axioms_added: list[str] = field(default_factory=list)
    axioms_removed: list[str] = field(default_factory=list)
    #: Ontology header triples (versions, titles, imports) added or removed.
    headers_added: list[str] = field(default_factory=list)
    headers_removed: list[str] = field(default_factory=list)
    #: Triples about the roles, competencies and requirements added or removed.
    entity_triples_added: int = 0
    entity_triples_removed: int = 0

    @property
    def empty(self) -> bool:
        return not any(
            getattr(self, name)
            for name in (
                "roles_added", "roles_removed", "competencies_added", "competencies_removed",
                "requirements_added", "requirements_removed", "requirements_changed",
                "labels", "axioms_added", "axioms_removed", "headers_added",
                "headers_removed",
            )
        )

    def summary(self) -> dict[str, int]:
        return {
            "roles added": len(self.roles_added),
            "roles removed": len(self.roles_removed),
            "competencies added": len(self.competencies_added),
            "competencies removed": len(self.competencies_removed),
            "requirements added": len(self.requirements_added),
            "requirements removed": len(self.requirements_removed),
            "requirements changed": len(self.requirements_changed),
            "labels added": sum(1 for c in self.labels if c.kind == "added"),
            "labels removed": sum(1 for c in self.labels if c.kind == "removed"),
            "labels changed": sum(1 for c in self.labels if c.kind == "changed"),
            "axioms added": len(self.axioms_added),
            "axioms removed": len(self.axioms_removed),
            "ontology header triples added": len(self.headers_added),
            "ontology header triples removed": len(self.headers_removed),
            "triples describing added entities": self.entity_triples_added,
            "triples describing removed entities": self.entity_triples_removed,
        }


def _typed(graph: Graph, classes: Iterable[URIRef]) -> set[str]:
    wanted = set(classes)
    return {
        str(s) for s, o in graph.subject_objects(RDF.type)
        if o in wanted and isinstance(s, URIRef)
    }


def _competency_classes(graph: Graph) -> set[URIRef]:
    classes: set[URIRef] = set(_COMPETENCY_CLASSES)
    changed = True
    while changed:
        changed = False
        for sub, sup in graph.subject_objects(RDFS.subClassOf):
            if sup in classes and isinstance(sub, URIRef) and sub not in classes:
                classes.add(sub)
                changed = True
    return classes


def diff_graphs(old: Graph, new: Graph, *, old_name: str = "old",
                new_name: str = "new") -> GraphDiff:
    """Compare two graphs (blank nodes matched by canonical labelling)."""
    old_triples, new_triples = canonical_triples(old), canonical_triples(new)
    only_old, only_new = Graph(), Graph()
    for triple in old_triples - new_triples:
        only_old.add(triple)
    for triple in new_triples - old_triples:
        only_new.add(triple)
    result = GraphDiff(old_name=old_name, new_name=new_name)

    roles_old, roles_new = _typed(old, [AIR.Role]), _typed(new, [AIR.Role])
    comp_old = _typed(old, _competency_classes(old))
    comp_new = _typed(new, _competency_classes(new))
    req_old = _typed(old, [AIR.CompetencyRequirement])
    req_new = _typed(new, [AIR.CompetencyRequirement])
    result.roles_added = sorted(roles_new - roles_old)
    result.roles_removed = sorted(roles_old - roles_new)
    result.competencies_added = sorted(comp_new - comp_old)
    result.competencies_removed = sorted(comp_old - comp_new)
    result.requirements_added = sorted(req_new - req_old)
    result.requirements_removed = sorted(req_old - req_new)
    appeared = set(result.roles_added) | set(result.competencies_added) | set(
        result.requirements_added)
    vanished = set(result.roles_removed) | set(result.competencies_removed) | set(
        result.requirements_removed)

    explained: set[tuple[Node, Node, Node]] = set()
    for req in sorted(req_old & req_new):
        node = URIRef(req)
        for prop in _REQUIREMENT_FIELDS:
            before = sorted(str(o) for o in old.objects(node, prop))
            after = sorted(str(o) for o in new.objects(node, prop))
            if before != after:
                result.requirements_changed.append(RequirementChange(
                    req, str(prop), " ".join(before), " ".join(after)))
                explained.update((node, prop, o) for o in old.objects(node, prop))
                explained.update((node, prop, o) for o in new.objects(node, prop))

    labels: dict[tuple[str, str, str], tuple[set[str], set[str]]] = defaultdict(
        lambda: (set(), set()))
    for side, triples in ((0, only_old), (1, only_new)):
        for s, p, o in triples:
            if p in LABEL_PROPERTIES and isinstance(o, Literal) and isinstance(s, URIRef):
                if str(s) in appeared or str(s) in vanished:
                    continue
                labels[(str(s), str(p), o.language or "")][side].add(str(o))
                explained.add((s, p, o))
    for (subject, prop_iri, lang), (olds, news) in sorted(labels.items()):
        if len(olds) == 1 and len(news) == 1:
            result.labels.append(LabelChange(subject, prop_iri, lang, *olds, *news))
            continue
        result.labels.extend(LabelChange(subject, prop_iri, lang, v, "") for v in sorted(olds))
        result.labels.extend(LabelChange(subject, prop_iri, lang, "", v) for v in sorted(news))
    result.labels.sort()

    entities = appeared | vanished
    ontologies = set(old.subjects(RDF.type, OWL.Ontology)) | set(
        new.subjects(RDF.type, OWL.Ontology))

    def axioms(triples: Graph) -> tuple[list[str], list[str], int]:
        lines, headers, describing = [], [], 0
        for s, p, o in triples:
            if str(s) in entities:
                describing += 1
            elif s in ontologies:
                headers.append(f"{s.n3()} {p.n3()} {o.n3()} .")
            elif (s, p, o) not in explained:
                lines.append(f"{s.n3()} {p.n3()} {o.n3()} .")
        return sorted(lines), sorted(headers), describing

    result.axioms_added, result.headers_added, result.entity_triples_added = axioms(only_new)
    result.axioms_removed, result.headers_removed, result.entity_triples_removed = axioms(
        only_old)
    return result


def load_side(path: str | Path) -> Graph:
    """An RDF file, or a release folder (its ``airoles-base.nt``)."""
    path = Path(path)
    if path.is_dir():
        base = path / "airoles-base.nt"
        if not base.is_file():
            raise InputError(f"{path}: a folder to compare must hold airoles-base.nt (a release)")
        path = base
    return parse_file(path)


def diff_files(old: str | Path, new: str | Path) -> GraphDiff:
    """Compare two RDF files or release folders."""
    return diff_graphs(load_side(old), load_side(new), old_name=str(old), new_name=str(new))


def render_markdown(diff: GraphDiff) -> str:
    """The changelog in Markdown."""
    out = [f"# Changes from `{diff.old_name}` to `{diff.new_name}`", ""]
    if diff.empty:
        return "\n".join([*out, "No change: the two graphs are isomorphic.", ""])
    out += ["| change | count |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in diff.summary().items() if v]
    out.append("")
    for title, added, removed in (
        ("Roles", diff.roles_added, diff.roles_removed),
        ("Competencies", diff.competencies_added, diff.competencies_removed),
        ("Requirements", diff.requirements_added, diff.requirements_removed),
    ):
        changed = diff.requirements_changed if title == "Requirements" else []
        if not (added or removed or changed):
            continue
        out += [f"## {title}", ""]
        out += [f"- added: `{shorten_iri(i)}`" for i in added]
        out += [f"- removed: `{shorten_iri(i)}`" for i in removed]
        out += [
            f"- changed: `{shorten_iri(c.requirement)}` {shorten_iri(c.attribute)}: "
            f"`{shorten_iri(c.old) or '(none)'}` → `{shorten_iri(c.new) or '(none)'}`"
            for c in changed
        ]
        out.append("")
    if diff.labels:
        out += ["## Labels and definitions", ""]
        for c in diff.labels:
            where = f"`{shorten_iri(c.subject)}` {shorten_iri(c.predicate)}" + (
                f"@{c.language}" if c.language else "")
            if c.kind == "changed":
                out.append(f"- changed: {where}: “{c.old}” → “{c.new}”")
            else:
                out.append(f"- {c.kind}: {where}: “{c.new or c.old}”")
        out.append("")
    for title, lines in (("Axioms added", diff.axioms_added),
                         ("Axioms removed", diff.axioms_removed),
                         ("Ontology headers: triples added", diff.headers_added),
                         ("Ontology headers: triples removed", diff.headers_removed)):
        if lines:
            out += [f"## {title} ({len(lines)})", "", "```", *lines, "```", ""]
    return "\n".join(out)


def render_json(diff: GraphDiff) -> str:
    """The changelog as JSON (stable key and list order)."""
    payload = {
        "old": diff.old_name,
        "new": diff.new_name,
        "summary": diff.summary(),
        "roles": {"added": diff.roles_added, "removed": diff.roles_removed},
        "competencies": {"added": diff.competencies_added, "removed": diff.competencies_removed},
        "requirements": {
            "added": diff.requirements_added,
            "removed": diff.requirements_removed,
            "changed": [
                {"requirement": c.requirement, "attribute": c.attribute, "old": c.old, "new": c.new}
                for c in diff.requirements_changed
            ],
        },
        "labels": [
            {"kind": c.kind, "subject": c.subject, "property": c.predicate,
             "language": c.language, "old": c.old, "new": c.new}
            for c in diff.labels
        ],
        "axioms": {"added": diff.axioms_added, "removed": diff.axioms_removed},
        "ontology_headers": {"added": diff.headers_added, "removed": diff.headers_removed},
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
