"""The O*NET 29.2 database (tab-separated text files) into our model.

* each occupation of ``Occupation Data.txt`` is an ``air:Role`` at
  ``https://w3id.org/airoles/onet/<O*NET-SOC code>`` with ``skos:notation`` its code, its title
  as preferred label, its description as definition, its alternate titles as alternative labels
  (``Alternate Titles.txt``), its tasks as responsibilities (``Task Statements.txt``) and its
  related occupations as ``air:relatedRole`` (``Related Occupations.txt``);
* each Skills element is an ``air:Skill``, each Knowledge element an ``air:Knowledge``, at
  ``.../onet/element/<Element ID>``, in the ``skos:broader`` hierarchy the Element IDs give
  (``2.A.1.a`` → ``2.A.1`` → ``2.A``; the names of the groups are not in these files, so a
  group is labelled by its ID);
* each Technology Skills commodity is an ``air:Technology`` at ``.../onet/commodity/<code>``,
  with its examples as ``skos:example``;
* each rated element of an occupation (an Importance and a Level row) and each commodity with a
  Hot Technology example is an ``air:CompetencyRequirement`` whose level and importance the
  project's rule (:mod:`airoles_kg.importers.onet_rule`) gives; it is ``prov:wasDerivedFrom``
  the element and the occupation, sourced ``src:onet-29-2``, with a note giving the rating row
  and a note saying that the conversion is the project's rule.

Every code a file names must be an occupation of ``Occupation Data.txt``: an unknown one is an
error at its file, row and column, as is a rating out of its scale or a missing column.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef

from airoles_kg.importers.onet_rule import RULE_NOTE, convert_rating, convert_technology
from airoles_kg.importers.reference import (
    Progress,
    Row,
    read_table,
    require_file,
)
from airoles_kg.namespaces import AIR, DCTERMS, PROV, RDF, REQ, SKOS, SRC
from airoles_kg.rdf.parse import new_graph

__all__ = [
    "COMMODITY",
    "ELEMENT",
    "FILES",
    "ONET",
    "SOURCE",
    "ImportedReference",
    "import_onet",
    "parent_element",
]

ONET = Namespace("https://w3id.org/airoles/onet/")
ELEMENT = Namespace(str(ONET) + "element/")
COMMODITY = Namespace(str(ONET) + "commodity/")
SOURCE = SRC["onet-29-2"]

CODE = "O*NET-SOC Code"
RATING_COLUMNS = (CODE, "Element ID", "Element Name", "Scale ID", "Data Value", "Not Relevant")
#: The files the importer reads and the columns it needs from each.
FILES: dict[str, tuple[str, ...]] = {
    "Occupation Data.txt": (CODE, "Title", "Description"),
    "Alternate Titles.txt": (CODE, "Alternate Title"),
    "Task Statements.txt": (CODE, "Task ID", "Task"),
    "Related Occupations.txt": (CODE, "Related O*NET-SOC Code"),
    "Skills.txt": RATING_COLUMNS,
    "Knowledge.txt": RATING_COLUMNS,
    "Technology Skills.txt": (CODE, "Example", "Commodity Code", "Commodity Title",
                              "Hot Technology", "In Demand"),
}
_SCALES = {"IM": (1.0, 5.0), "LV": (0.0, 7.0)}


@dataclass
class ImportedReference:
    """An imported classification: the graph, what it holds, and what was not kept."""

    graph: Graph
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def parent_element(element_id: str) -> str | None:
    """The Element ID one level up, or ``None`` at the top (``2.A``).

    >>> parent_element("2.A.1.a"), parent_element("2.A.1"), parent_element("2.A")
    ('2.A.1', '2.A', None)
    """
    parts = element_id.split(".")
    return ".".join(parts[:-1]) if len(parts) > 2 else None


def _rows(folder: Path, name: str, progress: Progress) -> Iterator[Row]:
    path = require_file(folder, name)
    count = 0
    for row in read_table(path, FILES[name], "\t", quoting=False):
        count += 1
        yield row
    if progress is not None:
        progress(f"{name}: {count:,} rows")


def _known(row: Row, column: str, occupations: dict[str, URIRef]) -> URIRef:
    code = row[column]
    if code not in occupations:
        raise row.error(column, f"unknown occupation {code!r}: not in Occupation Data.txt")
    return occupations[code]


def _number(row: Row, column: str, low: float, high: float) -> float:
    text = row[column]
    try:
        value = float(text)
    except ValueError:
        raise row.error(column, f"{text!r} is not a number") from None
    if not low <= value <= high:
        raise row.error(column, f"{value} is outside the scale {low:g}-{high:g} of "
                                f"{row['Scale ID']}")
    return value


def _element(graph: Graph, element_id: str, name: str | None, kind: URIRef) -> URIRef:
    node = ELEMENT[element_id]
    if (node, RDF.type, kind) not in graph:
        graph.add((node, RDF.type, kind))
        graph.add((node, SKOS.notation, Literal(element_id)))
        graph.add((node, DCTERMS.source, SOURCE))
        parent = parent_element(element_id)
        if parent is not None:
            graph.add((node, SKOS.broader, _element(graph, parent, None, kind)))
    if name is not None and (node, SKOS.prefLabel, None) not in graph:
        graph.add((node, SKOS.prefLabel, Literal(name, lang="en")))
    return node


def _label_groups(graph: Graph) -> None:
    """Groups of elements are named by their ID: their names are not in the files read."""
    for node, _, code in sorted(graph.triples((None, SKOS.notation, None))):
        if str(node).startswith(str(ELEMENT)) and (node, SKOS.prefLabel, None) not in graph:
            graph.add((node, SKOS.prefLabel, Literal(f"O*NET element {code}", lang="en")))


def _requirement(graph: Graph, role: URIRef, code: str, key: str, competency: URIRef,
                 level: URIRef, importance: URIRef, note: str) -> None:
    node = REQ[f"onet-{code}--{key}"]
    graph.add((role, AIR.hasRequirement, node))
    graph.add((node, RDF.type, AIR.CompetencyRequirement))
    graph.add((node, AIR.competency, competency))
    graph.add((node, AIR.proficiencyLevel, level))
    graph.add((node, AIR.importance, importance))
    graph.add((node, DCTERMS.source, SOURCE))
    graph.add((node, PROV.wasDerivedFrom, competency))
    graph.add((node, PROV.wasDerivedFrom, role))
    graph.add((node, SKOS.note, Literal(note, lang="en")))
    graph.add((node, SKOS.editorialNote, Literal(RULE_NOTE, lang="en")))


def _ratings(folder: Path, name: str, kind: URIRef, occupations: dict[str, URIRef],
             graph: Graph, progress: Progress) -> int:
    ratings: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    first_row: dict[tuple[str, str], Row] = {}
    irrelevant: set[tuple[str, str]] = set()
    names: dict[str, str] = {}
    for row in _rows(folder, name, progress):
        _known(row, CODE, occupations)
        scale = row["Scale ID"]
        if scale not in _SCALES:
            raise row.error("Scale ID", f"unknown scale {scale!r}: expected IM or LV")
        element_id, element_name = row["Element ID"], row["Element Name"]
        if names.setdefault(element_id, element_name) != element_name:
            raise row.error("Element Name", f"{element_id} is named {names[element_id]!r} "
                                            "on an earlier row")
        key = (row[CODE], element_id)
        ratings[key][scale] = _number(row, "Data Value", *_SCALES[scale])
        first_row.setdefault(key, row)
        if scale == "LV" and row["Not Relevant"] == "Y":
            irrelevant.add(key)
    for element_id, element_name in sorted(names.items()):
        _element(graph, element_id, element_name, kind)
    made = 0
    for (code, element_id), scales in sorted(ratings.items()):
        missing = {"IM", "LV"} - set(scales)
        if missing:
            row = first_row[(code, element_id)]
            raise row.error("Scale ID", f"{code} {element_id} has no {missing.pop()} row")
        if (code, element_id) in irrelevant:
            continue
        level, importance = convert_rating(scales["LV"], scales["IM"])
        note = (f"O*NET 29.2 {name}, {code}, {element_id} {names[element_id]}: "
                f"Importance {scales['IM']:g}, Level {scales['LV']:g}")
        _requirement(graph, occupations[code], code, element_id, ELEMENT[element_id], level,
                     importance, note)
        made += 1
    return made


def _technologies(folder: Path, occupations: dict[str, URIRef], graph: Graph,
                  progress: Progress) -> int:
    hot: dict[tuple[str, str], list[str]] = defaultdict(list)
    in_demand: set[tuple[str, str]] = set()
    titles: dict[str, str] = {}
    for row in _rows(folder, "Technology Skills.txt", progress):
        _known(row, CODE, occupations)
        commodity, title = row["Commodity Code"], row["Commodity Title"]
        if not commodity.isdigit():
            raise row.error("Commodity Code", f"{commodity!r} is not a commodity code")
        for flag in ("Hot Technology", "In Demand"):
            if row[flag] not in ("Y", "N"):
                raise row.error(flag, f"{row[flag]!r}: expected Y or N")
        if titles.setdefault(commodity, title) != title:
            raise row.error("Commodity Title", f"{commodity} is titled "
                                               f"{titles[commodity]!r} on an earlier row")
        node = COMMODITY[commodity]
        graph.add((node, SKOS.example, Literal(row["Example"], lang="en")))
        if row["Hot Technology"] == "Y":
            hot[(row[CODE], commodity)].append(row["Example"])
            if row["In Demand"] == "Y":
                in_demand.add((row[CODE], commodity))
    for commodity, title in titles.items():
        node = COMMODITY[commodity]
        graph.add((node, RDF.type, AIR.Technology))
        graph.add((node, SKOS.notation, Literal(commodity)))
        graph.add((node, SKOS.prefLabel, Literal(title, lang="en")))
        graph.add((node, DCTERMS.source, SOURCE))
    for (code, commodity), examples in sorted(hot.items()):
        level, importance = convert_technology((code, commodity) in in_demand)
        note = (f"O*NET 29.2 Technology Skills.txt, {code}, commodity {commodity} "
                f"{titles[commodity]}: Hot Technology ({', '.join(sorted(examples))})"
                + ("; In Demand" if (code, commodity) in in_demand else ""))
        _requirement(graph, occupations[code], code, f"commodity-{commodity}",
                     COMMODITY[commodity], level, importance, note)
    return len(hot)


def import_onet(folder: Path, progress: Progress = None) -> ImportedReference:
    """Read the O*NET 29.2 text files in ``folder`` into a graph of our model."""
    for name in FILES:
        require_file(folder, name)
    graph = new_graph()
    graph.bind("onet", ONET)
    occupations: dict[str, URIRef] = {}
    for row in _rows(folder, "Occupation Data.txt", progress):
        code = row[CODE]
        if code in occupations:
            raise row.error(CODE, f"occupation {code!r} is listed twice")
        if not code:
            raise row.error(CODE, "empty code")
        role = occupations[code] = ONET[code]
        graph.add((role, RDF.type, AIR.Role))
        graph.add((role, SKOS.notation, Literal(code)))
        graph.add((role, SKOS.prefLabel, Literal(row["Title"], lang="en")))
        if row["Description"]:
            graph.add((role, SKOS.definition, Literal(row["Description"], lang="en")))
        graph.add((role, DCTERMS.source, SOURCE))
    for row in _rows(folder, "Alternate Titles.txt", progress):
        graph.add((_known(row, CODE, occupations), SKOS.altLabel,
                   Literal(row["Alternate Title"], lang="en")))
    tasks = 0
    for row in _rows(folder, "Task Statements.txt", progress):
        graph.add((_known(row, CODE, occupations), AIR.responsibility,
                   Literal(row["Task"], lang="en")))
        tasks += 1
    related = 0
    for row in _rows(folder, "Related Occupations.txt", progress):
        role = _known(row, CODE, occupations)
        other = _known(row, "Related O*NET-SOC Code", occupations)
        if role == other:
            raise row.error("Related O*NET-SOC Code", "an occupation related to itself")
        graph.add((role, AIR.relatedRole, other))
        related += 1
    skills = _ratings(folder, "Skills.txt", AIR.Skill, occupations, graph, progress)
    knowledge = _ratings(folder, "Knowledge.txt", AIR.Knowledge, occupations, graph, progress)
    _label_groups(graph)
    technologies = _technologies(folder, occupations, graph, progress)
    counts = {
        "occupations": len(occupations),
        "skills": sum(1 for _ in graph.subjects(RDF.type, AIR.Skill)),
        "knowledge": sum(1 for _ in graph.subjects(RDF.type, AIR.Knowledge)),
        "technologies": sum(1 for _ in graph.subjects(RDF.type, AIR.Technology)),
        "requirements": skills + knowledge + technologies,
        "tasks": tasks,
        "related occupations": related,
    }
    return ImportedReference(graph, counts)

