"""The ESCO v1.2.0 CSV export into our model.

* each occupation of ``occupations_en.csv`` is an ``air:Role`` at its own ``conceptUri``, with
  its ESCO code as ``skos:notation``, its labels (preferred, alternative, hidden: one a line)
  as written, its description as definition, its concept schemes (``skos:inScheme``) and its
  ISCO-08 unit group as ``air:family``;
* each ISCO group of ``ISCOGroups_en.csv`` is an ``air:RoleFamily`` (its code as notation),
  and ``broaderRelationsOccPillar_en.csv`` gives ``air:specializationOf`` between occupations
  and ``skos:broader`` between ISCO groups;
* each skill of the digital and transversal skills collections, and each skill group of
  ``skillsHierarchy_en.csv``, is an ``air:Competency`` at its ``conceptUri``: a transversal
  skill (reuse level ``transversal``) an ``air:TransversalCompetency``, else a ``knowledge``
  skill an ``air:Knowledge`` and a ``skill/competence`` an ``air:Skill``; a skill group takes
  the type of its top group (code ``K``: knowledge, ``T``: transversal, ``S`` and ``L``:
  skill); they form the ``skos:broader`` hierarchy of the collections' broader concepts and of
  the hierarchy's levels.

Labels are kept as ESCO writes them (leading or trailing whitespace included): the validation
reports such defects and ``--clean`` (:mod:`airoles_kg.importers.reference_check`) fixes them.
A broader concept that is not in the files read (an ISCED-F field, a skill of the full skills
pillar, which the export does not hold) is not kept; the import says how many.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from airoles_kg.importers.onet import ImportedReference
from airoles_kg.importers.reference import Progress, Row, read_table, require_file
from airoles_kg.namespaces import AIR, DCTERMS, RDF, SKOS, SRC
from airoles_kg.rdf.parse import new_graph

__all__ = ["ESCO_SKILL", "FILES", "SOURCE", "import_esco"]

SOURCE = SRC["esco-1-2-0"]
ESCO_SKILL = "http://data.europa.eu/esco/skill/"
ISCO = "http://data.europa.eu/esco/isco/C"
_COLLECTION = ("conceptUri", "preferredLabel", "skillType", "reuseLevel", "altLabels",
               "description", "broaderConceptUri")
_LEVELS = tuple(f"Level {n} URI" for n in range(4))
#: The files the importer reads and the columns it needs from each.
FILES: dict[str, tuple[str, ...]] = {
    "ISCOGroups_en.csv": ("conceptUri", "code", "preferredLabel", "description"),
    "occupations_en.csv": ("conceptUri", "iscoGroup", "preferredLabel", "altLabels",
                           "hiddenLabels", "description", "inScheme", "code"),
    "broaderRelationsOccPillar_en.csv": ("conceptType", "conceptUri", "broaderType",
                                         "broaderUri"),
    "digitalSkillsCollection_en.csv": _COLLECTION,
    "transversalSkillsCollection_en.csv": _COLLECTION,
    "skillsHierarchy_en.csv": (*[c for n in range(4) for c in (f"Level {n} URI",
                                                              f"Level {n} preferred term")],
                               "Description", "Level 0 code", "Level 1 code", "Level 2 code",
                               "Level 3 code"),
}
_OPTIONAL = {"skillsHierarchy_en.csv": ("Level 1 code", "Level 2 code", "Level 3 code")}
_GROUP_TYPES = {"K": AIR.Knowledge, "T": AIR.TransversalCompetency, "S": AIR.Skill,
                "L": AIR.Skill}


def _rows(folder: Path, name: str, progress: Progress) -> Iterator[Row]:
    path = require_file(folder, name)
    count = 0
    for row in read_table(path, FILES[name], ",", optional=_OPTIONAL.get(name, ())):
        count += 1
        yield row
    if progress is not None:
        progress(f"{name}: {count:,} rows")


def _iri(row: Row, column: str) -> URIRef:
    text = row[column]
    if not text.startswith("http://data.europa.eu/esco/"):
        raise row.error(column, f"{text!r} is not an ESCO concept URI")
    return URIRef(text)


def _split(text: str, separator: str) -> list[str]:
    return [part for part in text.split(separator) if part.strip()]


def _labels(graph: Graph, node: URIRef, row: Row, separator: str) -> None:
    graph.add((node, SKOS.prefLabel, Literal(row["preferredLabel"], lang="en")))
    for column, predicate in (("altLabels", SKOS.altLabel), ("hiddenLabels", SKOS.hiddenLabel)):
        if column in row.cells:
            for label in _split(row[column], separator):
                graph.add((node, predicate, Literal(label, lang="en")))
    if row["description"].strip():
        graph.add((node, SKOS.definition, Literal(row["description"], lang="en")))
    graph.add((node, DCTERMS.source, SOURCE))


def _skill_type(row: Row) -> URIRef:
    if row["reuseLevel"] == "transversal":
        return AIR.TransversalCompetency
    kinds = {"knowledge": AIR.Knowledge, "skill/competence": AIR.Skill}
    if row["skillType"] not in kinds:
        raise row.error("skillType", f"unknown skill type {row['skillType']!r}: expected "
                                     "knowledge or skill/competence")
    return kinds[row["skillType"]]


def import_esco(folder: Path, progress: Progress = None) -> ImportedReference:
    """Read the ESCO v1.2.0 CSV files in ``folder`` into a graph of our model."""
    for name in FILES:
        require_file(folder, name)
    graph = new_graph()
    families: dict[str, URIRef] = {}
    for row in _rows(folder, "ISCOGroups_en.csv", progress):
        node = families[row["code"]] = _iri(row, "conceptUri")
        graph.add((node, RDF.type, AIR.RoleFamily))
        graph.add((node, SKOS.notation, Literal(row["code"])))
        graph.add((node, SKOS.prefLabel, Literal(row["preferredLabel"], lang="en")))
        if row["description"].strip():
            graph.add((node, SKOS.definition, Literal(row["description"], lang="en")))
        graph.add((node, DCTERMS.source, SOURCE))
    occupations: set[URIRef] = set()
    for row in _rows(folder, "occupations_en.csv", progress):
        node = _iri(row, "conceptUri")
        if row["iscoGroup"] not in families:
            raise row.error("iscoGroup", f"unknown ISCO group {row['iscoGroup']!r}: not in "
                                         "ISCOGroups_en.csv")
        occupations.add(node)
        graph.add((node, RDF.type, AIR.Role))
        graph.add((node, SKOS.notation, Literal(row["code"])))
        _labels(graph, node, row, "\n")
        graph.add((node, AIR.family, families[row["iscoGroup"]]))
        for scheme in _split(row["inScheme"].replace("\n", ","), ","):
            scheme_iri = URIRef(scheme.strip())
            graph.add((node, SKOS.inScheme, scheme_iri))
            graph.add((scheme_iri, RDF.type, SKOS.ConceptScheme))
    isco = set(families.values())
    specialisations = 0
    for row in _rows(folder, "broaderRelationsOccPillar_en.csv", progress):
        node, broader = _iri(row, "conceptUri"), _iri(row, "broaderUri")
        for column, iri in (("conceptUri", node), ("broaderUri", broader)):
            if iri not in occupations and iri not in isco:
                raise row.error(column, f"unknown concept {str(iri)!r}: neither an occupation "
                                        "nor an ISCO group of the files read")
        if node in occupations and broader in occupations:
            graph.add((node, AIR.specializationOf, broader))
            specialisations += 1
        elif node in isco and broader in isco:
            graph.add((node, SKOS.broader, broader))
    competencies: dict[URIRef, URIRef] = {}
    broader_links: list[tuple[URIRef, str]] = []
    for name in ("transversalSkillsCollection_en.csv", "digitalSkillsCollection_en.csv"):
        for row in _rows(folder, name, progress):
            skill = _iri(row, "conceptUri")
            if skill in competencies:
                continue  # in both collections: the transversal one is read first
            kind = competencies[skill] = _skill_type(row)
            graph.add((skill, RDF.type, kind))
            _labels(graph, skill, row, " | ")
            broader_links += [(skill, b.strip()) for b in _split(row["broaderConceptUri"], "|")]
    for row in _rows(folder, "skillsHierarchy_en.csv", progress):
        top = row["Level 0 code"][:1]
        if top not in _GROUP_TYPES:
            raise row.error("Level 0 code", f"unknown top group {row['Level 0 code']!r}: "
                                            "expected K, L, S or T")
        levels = [_iri(row, c) for c in _LEVELS if row[c]]
        node = levels[-1]
        for parent, child in zip(levels, levels[1:], strict=False):
            broader_links.append((child, str(parent)))
        if node in competencies:
            continue
        competencies[node] = _GROUP_TYPES[top]
        graph.add((node, RDF.type, _GROUP_TYPES[top]))
        depth = len(levels) - 1
        graph.add((node, SKOS.prefLabel, Literal(row[f"Level {depth} preferred term"],
                                                 lang="en")))
        graph.add((node, SKOS.notation, Literal(row[f"Level {depth} code"])))
        if row["Description"].strip():
            graph.add((node, SKOS.definition, Literal(row["Description"], lang="en")))
        graph.add((node, DCTERMS.source, SOURCE))
    dropped = 0
    for child, target in sorted(set(broader_links)):
        if URIRef(target) in competencies:
            graph.add((child, SKOS.broader, URIRef(target)))
        else:
            dropped += 1
    counts = {
        "occupations": len(occupations),
        "ISCO groups": len(families),
        "specialisations": specialisations,
        "competencies": len(competencies),
        **{str(k).rsplit("#", 1)[-1].lower(): sum(1 for v in competencies.values() if v == k)
           for k in (AIR.Skill, AIR.Knowledge, AIR.TransversalCompetency)},
    }
    notes = [f"{dropped} broader links to concepts not in the files read (ISCED-F fields, "
             "skills of the full pillar) not kept"] if dropped else []
    return ImportedReference(graph, counts, notes)
