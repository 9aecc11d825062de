"""Write ``ontology/reference-roles.ttl``: AI roles evidenced by O*NET 29.2 alternate titles and
ESCO v1.2.0 occupations, their parent occupations, and the competencies and requirements
derived from the O*NET ratings of those occupations by the importer's rule.

For each AI role of :data:`reference_roles_data.AI_ROLES` the script finds the row that
evidences it (``Alternate Titles.txt``: code and title; ``occupations_en.csv``: URI and label)
and refuses to run if it is not there. The role is ``air:specializationOf`` each occupation
that lists the title (a role of its own, added if the knowledge base lacks it), linked to it by
``skos:broadMatch`` with its justification; its requirements are the ratings of its first
occupation converted by :mod:`airoles_kg.importers.onet_rule` (the elements the rule makes
essential, Importance 3.5 or more, and the hot technologies in demand), plus, from the
project's own knowledge, the AI competency its title evidences (essential). The competencies
are ours (``comp:onet-...``), one per O*NET Skills or Knowledge element and per Technology
Skills commodity of the occupations, each ``skos:exactMatch`` its O*NET IRI.

The output is deterministic and written atomically. Usage::

    .venv/bin/python scripts/derive_reference_roles.py --shared DIR
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from airoles_kg.atomic import atomic_write_text
from airoles_kg.errors import InputError
from airoles_kg.importers.onet import COMMODITY, ELEMENT, ONET
from airoles_kg.importers.onet_rule import RULE_NOTE, convert_rating, convert_technology
from airoles_kg.importers.reference import read_table, require_file
from airoles_kg.namespaces import AIR, COMP, FAM, REQ, ROLE, SRC, VANN
from airoles_kg.rdf.parse import new_graph
from airoles_kg.rdf.serialize import to_turtle
from airoles_kg.rdf.turtle_format import format_turtle

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference_roles_data import (  # noqa: E402
    AI_ROLES,
    COMMODITIES_FR,
    ELEMENTS_FR,
    EXISTING,
    PARENTS,
    AIRole,
)

__all__ = ["derive", "main"]

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "ontology" / "reference-roles.ttl"
MODULE = URIRef("https://w3id.org/airoles/ontology/reference-roles")
SSSOM = Namespace("https://w3id.org/sssom/")
SEMAPV = Namespace("https://w3id.org/semapv/vocab/")
ONET_SRC, ESCO_SRC, OURS = SRC["onet-29-2"], SRC["esco-1-2-0"], SRC["airoles-kg"]
#: The knowledge base keeps, of the ratings of an occupation, the elements the rule makes
#: essential (Importance 3.5 or more) and the hot technologies in demand.
MIN_IMPORTANCE = 3.5
CODE = "O*NET-SOC Code"
FEMININE = {"Ingénieur": "Ingénieure", "Chercheur": "Chercheuse", "Consultant": "Consultante",
            "Administrateur": "Administratrice", "Modélisateur": "Modélisatrice",
            "Fouilleur": "Fouilleuse"}
KINDS = {
    "skill": (AIR.Skill, "onet-skills", "skill", "compétence", "O*NET skill",
              "compétence O*NET"),
    "knowledge": (AIR.Knowledge, "onet-knowledge", "knowledge area", "domaine de connaissances",
                  "O*NET knowledge", "savoir O*NET"),
    "technology": (AIR.Technology, "onet-technology-categories", "technology category",
                   "catégorie technologique", "O*NET technology", "technologie O*NET"),
}
HEADER = """\
# airoles-kg — AI roles evidenced by the reference classifications: O*NET 29.2 alternate
# titles and ESCO v1.2.0 occupations, their parent occupations, and the competencies and
# requirements derived from the O*NET ratings of those occupations by the project's rule
# (src/airoles_kg/importers/onet_rule.py). Written by scripts/derive_reference_roles.py from
# the shared data: do not edit by hand, edit scripts/reference_roles_data.py and re-run it.

"""


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def fr(text: str) -> Literal:
    return Literal(text, lang="fr")


class Derivation:
    """The graph being written, with what the rest of the knowledge base already holds."""

    def __init__(self, existing: Graph) -> None:
        self.existing = existing
        self.graph = new_graph()
        for prefix, ns in (("onet", ONET), ("sssom", SSSOM), ("semapv", SEMAPV)):
            self.graph.bind(prefix, ns)
        self.labels = {
            (str(label).casefold(), label.language)
            for kind in (AIR.Skill, AIR.Knowledge, AIR.Technology, AIR.TransversalCompetency)
            for c in existing.subjects(RDF.type, kind)
            for label in existing.objects(c, SKOS.prefLabel) if isinstance(label, Literal)
        }
        self.competencies: dict[URIRef, URIRef] = {}  # O*NET IRI -> our competency
        self.reference_labels: dict[str, str | None] = {}  # rdfs:label -> notation

    def add(self, s: URIRef | BNode, p: URIRef, o: URIRef | Literal | BNode) -> None:
        self.graph.add((s, p, o))

    def defined(self, node: URIRef, *types: URIRef) -> None:
        self.add(node, RDF.type, OWL.NamedIndividual)
        for kind in types:
            self.add(node, RDF.type, kind)
        self.add(node, RDFS.isDefinedBy, MODULE)

    def annotate(self, source: URIRef, prop: URIRef, target: URIRef,
                 annotations: Iterable[tuple[URIRef, URIRef | Literal]]) -> None:
        axiom = BNode()
        self.add(axiom, RDF.type, OWL.Axiom)
        self.add(axiom, OWL.annotatedSource, source)
        self.add(axiom, OWL.annotatedProperty, prop)
        self.add(axiom, OWL.annotatedTarget, target)
        for p, o in annotations:
            self.add(axiom, p, o)

    def crosswalk(self, source: URIRef, prop: URIRef, target: URIRef, confidence: float,
                  why: str) -> None:
        self.add(source, prop, target)
        self.annotate(source, prop, target, [
            (SSSOM.mapping_justification, SEMAPV.BackgroundKnowledgeBasedMatching),
            (SSSOM.confidence, Literal(str(confidence), datatype=XSD.double)),
            (RDFS.comment, en(why)),
        ])

    def relation(self, role: URIRef, prop: URIRef, target: URIRef, source: URIRef) -> None:
        self.add(role, prop, target)
        self.annotate(role, prop, target, [(AIR.relationSource, source)])

    def reference(self, node: URIRef, label: str, source: URIRef,
                  notation: str | None = None, definition: str | None = None) -> None:
        """Declare an ESCO or O*NET resource we link to, unless the knowledge base does."""
        if any((node, RDF.type, OWL.NamedIndividual) in g for g in (self.existing, self.graph)):
            return
        self.defined(node)
        if definition is not None:
            self.add(node, SKOS.definition, en(definition))
        if label in self.reference_labels or (None, RDFS.label, en(label)) in self.existing:
            label = f"{label} ({notation})"  # O*NET names two elements "Mathematics"
        self.reference_labels[label] = notation
        self.add(node, RDFS.label, en(label))
        self.add(node, DCTERMS.source, source)
        if notation is not None:
            self.add(node, SKOS.notation, Literal(notation))

    def unique(self, label: str, lang: str, qualifier: str) -> str:
        key = (label.casefold(), lang)
        if key in self.labels:
            label = f"{label} ({qualifier})"
            key = (label.casefold(), lang)
        if key in self.labels:
            raise InputError(f"the label {label!r}@{lang} is taken twice")
        self.labels.add(key)
        return label


def _rows(folder: Path, name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    delimiter = "," if name.endswith(".csv") else "\t"
    path = require_file(folder, name)
    return [r.cells for r in read_table(path, columns, delimiter, quoting=delimiter == ",")]


def _groups(d: Derivation) -> None:
    words = {
        "skill": ("Skills rated by O*NET", "Compétences évaluées par O*NET",
                  "The basic and cross-functional skills of the O*NET 29.2 content model, which "
                  "O*NET rates for every occupation; grouped here by airoles-kg.",
                  "Les compétences de base et transversales du modèle de contenu d'O*NET 29.2, "
                  "qu'O*NET évalue pour chaque profession ; regroupées ici par airoles-kg."),
        "knowledge": ("Knowledge areas rated by O*NET", "Domaines de connaissances évalués par "
                      "O*NET",
                      "The knowledge areas of the O*NET 29.2 content model, which O*NET rates "
                      "for every occupation; grouped here by airoles-kg.",
                      "Les domaines de connaissances du modèle de contenu d'O*NET 29.2, qu'O*NET "
                      "évalue pour chaque profession ; regroupés ici par airoles-kg."),
        "technology": ("Technology categories listed by O*NET", "Catégories technologiques "
                       "recensées par O*NET",
                       "The categories (commodities) under which O*NET 29.2 lists the "
                       "technologies used in occupations; grouped here by airoles-kg.",
                       "Les catégories (commodities) sous lesquelles O*NET 29.2 recense les "
                       "technologies utilisées dans les professions ; regroupées ici par "
                       "airoles-kg."),
    }
    for kind, (cls, slug, *_rest) in KINDS.items():
        node = COMP[slug]
        label_en, label_fr, def_en, def_fr = words[kind]
        d.defined(node, cls)
        d.add(node, SKOS.prefLabel, en(d.unique(label_en, "en", "")))
        d.add(node, SKOS.prefLabel, fr(d.unique(label_fr, "fr", "")))
        d.add(node, SKOS.definition, en(def_en))
        d.add(node, SKOS.definition, fr(def_fr))
        d.add(node, DCTERMS.source, OURS)
        d.add(node, SKOS.editorialNote, en("A grouping of the project's own (source: "
                                           "airoles-kg); its members come from O*NET 29.2."))
        d.add(node, SKOS.inScheme, COMP["scheme"])
        if kind == "technology":
            d.add(node, SKOS.broader, COMP["technologies"])
        else:
            d.add(node, SKOS.topConceptOf, COMP["scheme"])
            d.add(COMP["scheme"], SKOS.hasTopConcept, node)


def _crosswalked(existing: Graph, target: URIRef) -> URIRef | None:
    """Our competency that the crosswalk (ontology/mappings.ttl) matches exactly to ``target``,
    or closely by manual curation or with a confidence of at least 0.9; the first by IRI."""
    found: list[URIRef] = []
    for prop in (SKOS.exactMatch, SKOS.closeMatch):
        for ours in existing.subjects(prop, target):
            if not isinstance(ours, URIRef) or (ours, OWL.deprecated, Literal(True)) in existing:
                continue
            if not str(ours).startswith(str(COMP)):
                continue
            confident = prop == SKOS.exactMatch
            for axiom in existing.subjects(OWL.annotatedSource, ours):
                if (axiom, OWL.annotatedTarget, target) in existing and \
                        (axiom, OWL.annotatedProperty, prop) in existing:
                    confidence = existing.value(axiom, SSSOM.confidence)
                    confident = confident or confidence is None or float(str(confidence)) >= 0.9
            if confident:
                found.append(ours)
    return min(found, key=str) if found else None


def _occupation_definition(code: str, title: str) -> str:
    """An O*NET occupation as its files name it (its own description is the role's)."""
    return (f'The O*NET 29.2 occupation "{title}" (O*NET-SOC code {code}), as listed in '
            "Occupation Data.txt.")


def _reference_definition(kind: str, code: str, name: str) -> str:
    """What O*NET's own files say of an element or commodity (no more)."""
    if kind == "technology":
        return (f'The technology commodity "{name}" (code {code}) of O*NET 29.2 Technology '
                "Skills.")
    file = "Knowledge.txt" if kind == "knowledge" else "Skills.txt"
    return (f'The {"Knowledge" if kind == "knowledge" else "Skills"} element "{name}" of the '
            f"O*NET 29.2 content model (element ID {code}), which O*NET rates for importance "
            f"and level in each occupation (file {file}).")


def _competency(d: Derivation, kind: str, target: URIRef, code: str, name: str,
                name_fr: str) -> URIRef:
    cls, group, word_en, word_fr, qualifier_en, qualifier_fr = KINDS[kind]
    ours = _crosswalked(d.existing, target)
    if ours is not None:  # the crosswalk already names our competency for it: no duplicate
        d.competencies[target] = ours
        d.reference(target, name, ONET_SRC, code, _reference_definition(kind, code, name))
        return ours
    slug = "onet-" + slugify(name)
    if (COMP[slug], None, None) in d.graph or (COMP[slug], None, None) in d.existing:
        slug = f"{slug}-{kind}"
    node = COMP[slug]
    d.competencies[target] = node
    d.defined(node, cls)
    label_en = d.unique(name, "en", qualifier_en)
    label_fr = d.unique(name_fr, "fr", qualifier_fr)
    d.add(node, SKOS.prefLabel, en(label_en))
    d.add(node, SKOS.prefLabel, fr(label_fr))
    what = "commodity code" if kind == "technology" else "element"
    quoi = "code de catégorie" if kind == "technology" else "élément"
    if kind == "technology":
        how_en = "under which O*NET lists technologies used in occupations"
        how_fr = "sous laquelle O*NET recense des technologies utilisées dans les professions"
    else:
        how_en = "which O*NET rates for every occupation on its Importance and Level scales"
        how_fr = ("qu'O*NET évalue pour chaque profession sur ses échelles d'importance et de "
                  "niveau")
    d.add(node, SKOS.definition, en(f'The O*NET 29.2 {word_en} "{name}" ({what} {code}), '
                                    f"{how_en}."))
    d.add(node, SKOS.definition, fr(f"Le {word_fr} O*NET 29.2 « {name_fr} » ({quoi} {code}), "
                                    f"{how_fr}." if kind == "knowledge" else
                                    f"La {word_fr} O*NET 29.2 « {name_fr} » ({quoi} {code}), "
                                    f"{how_fr}."))
    d.add(node, SKOS.editorialNote, en(
        f"The English label is O*NET 29.2's name of {what} {code}; the definitions and the "
        "French label are airoles-kg's own (O*NET's own definitions are not in the files the "
        "project read; translation chosen by airoles-kg)."))
    d.add(node, DCTERMS.source, ONET_SRC)
    d.add(node, SKOS.inScheme, COMP["scheme"])
    d.add(node, SKOS.broader, COMP[group])
    d.reference(target, name, ONET_SRC, code, _reference_definition(kind, code, name))
    d.crosswalk(node, SKOS.exactMatch, target, 1.0,
                f"Made by airoles-kg from O*NET 29.2 {what} {code}, whose name it carries.")
    return node


def _requirement(d: Derivation, role: URIRef, competency: URIRef, level: URIRef,
                 importance: URIRef, source: URIRef, derived_from: Iterable[URIRef],
                 note: str, editorial: str) -> None:
    node = REQ[f"{str(role).rsplit('/', 1)[-1]}--{str(competency).rsplit('/', 1)[-1]}"]
    d.defined(node, AIR.CompetencyRequirement)
    d.add(role, AIR.hasRequirement, node)
    d.add(node, AIR.competency, competency)
    d.add(node, AIR.proficiencyLevel, level)
    d.add(node, AIR.importance, importance)
    d.add(node, DCTERMS.source, source)
    d.add(node, AIR.assessedBy, source)  # O*NET's ratings through the rule, or our own
    for origin in derived_from:
        d.add(node, PROV.wasDerivedFrom, origin)
    d.add(node, SKOS.note, en(note))
    d.add(node, SKOS.editorialNote, en(editorial))


Ratings = dict[str, dict[str, dict[str, dict[str, str]]]]


def _derived_requirements(d: Derivation, role: URIRef, code: str, ratings: Ratings,
                          hot: dict[str, dict[str, bool]], titles: dict[str, str]) -> None:
    for (element_id, scales) in sorted(ratings.get(code, {}).items()):
        if scales["LV"].get("Not Relevant") == "Y":
            continue
        importance_value = float(scales["IM"]["Data Value"])
        if importance_value < MIN_IMPORTANCE:
            continue
        level_value = float(scales["LV"]["Data Value"])
        level, importance = convert_rating(level_value, importance_value)
        name = scales["IM"]["Element Name"]
        file = scales["IM"]["file"]
        _requirement(
            d, role, d.competencies[ELEMENT[element_id]], level, importance, ONET_SRC,
            [ELEMENT[element_id], ONET[code]],
            f"O*NET 29.2 {file}, {code} {titles[code]}, {element_id} {name}: Importance "
            f"{importance_value:g}, Level {level_value:g}", RULE_NOTE)
    for commodity, in_demand in sorted(hot.get(code, {}).items()):
        if not in_demand:
            continue
        level, importance = convert_technology(in_demand)
        _requirement(
            d, role, d.competencies[COMMODITY[commodity]], level, importance, ONET_SRC,
            [COMMODITY[commodity], ONET[code]],
            f"O*NET 29.2 Technology Skills.txt, {code} {titles[code]}, commodity {commodity}: "
            "Hot Technology" + ("; In Demand" if in_demand else ""), RULE_NOTE)


def _evidence(role: AIRole) -> list[tuple[str, str]]:
    """The (code, alternate title) rows that evidence ``role``."""
    return [(code, role.title) for code in role.codes] + list(role.more)


def _feminine(d: Derivation, role: URIRef, label_fr: str) -> None:
    first, _, rest = label_fr.partition(" ")
    if first in FEMININE:
        d.add(role, SKOS.altLabel, fr(f"{FEMININE[first]} {rest}"))


def derive(shared: Path, existing: Graph) -> Graph:
    onet_dir = shared / "data" / "onet-29.2"
    esco_dir = shared / "data" / "esco-1.2.0"
    occupations = {r[CODE]: r for r in _rows(onet_dir, "Occupation Data.txt",
                                                (CODE, "Title", "Description"))}
    alternate = {(r[CODE], r["Alternate Title"])
                 for r in _rows(onet_dir, "Alternate Titles.txt", (CODE, "Alternate Title"))}
    titles = {code: row["Title"] for code, row in occupations.items()}
    codes = {p.code for p in PARENTS} | set(EXISTING)
    for ai in AI_ROLES:
        for code, title in _evidence(ai):
            if (code, title) not in alternate:
                raise InputError(f"{onet_dir}/Alternate Titles.txt: no row {code} "
                                 f"{title!r} (the evidence of role:{ai.slug})")
            if code not in codes:
                raise InputError(f"role:{ai.slug}: occupation {code} is neither a parent "
                                 "nor an existing role")
    esco = {r["conceptUri"]: r for r in _rows(esco_dir, "occupations_en.csv",
                                              ("conceptUri", "preferredLabel", "code"))}
    rated = {ai.codes[0] for ai in AI_ROLES} | {p.code for p in PARENTS}
    ratings: Ratings = defaultdict(dict)
    elements: dict[str, tuple[str, str]] = {}
    columns = (CODE, "Element ID", "Element Name", "Scale ID", "Data Value", "Not Relevant")
    for name, kind in (("Skills.txt", "skill"), ("Knowledge.txt", "knowledge")):
        for row in _rows(onet_dir, name, columns):
            elements.setdefault(row["Element ID"], (row["Element Name"], kind))
            if row[CODE] in rated:
                scales = ratings[row[CODE]].setdefault(row["Element ID"], {})
                scales[row["Scale ID"]] = {**row, "file": name}
    hot: dict[str, dict[str, bool]] = defaultdict(dict)
    commodities: dict[str, str] = {}
    tech_columns = (CODE, "Commodity Code", "Commodity Title", "Hot Technology", "In Demand")
    for row in _rows(onet_dir, "Technology Skills.txt", tech_columns):
        if row[CODE] not in rated:
            continue
        commodities.setdefault(row["Commodity Code"], row["Commodity Title"])
        if row["Hot Technology"] == "Y":
            demand = hot[row[CODE]].get(row["Commodity Code"], False)
            hot[row[CODE]][row["Commodity Code"]] = demand or row["In Demand"] == "Y"

    d = Derivation(existing)
    _header(d)
    _groups(d)
    for element_id, (name, kind) in sorted(elements.items()):
        if element_id not in ELEMENTS_FR:
            raise InputError(f"no French name for O*NET element {element_id} {name!r}")
        _competency(d, kind, ELEMENT[element_id], element_id, name, ELEMENTS_FR[element_id])
    for code, title in sorted(commodities.items()):
        if code not in COMMODITIES_FR:
            raise InputError(f"no French name for O*NET commodity {code} {title!r}")
        _competency(d, "technology", COMMODITY[code], code, title, COMMODITIES_FR[code])

    roles = {code: ROLE[slug] for code, slug in EXISTING.items()}
    for parent in PARENTS:
        role = roles[parent.code] = ROLE[parent.slug]
        row = occupations[parent.code]
        description = row["Description"]
        first = re.split(r"(?<=\.)\s+", description)[0]
        d.defined(role, AIR.Role)
        d.add(role, SKOS.prefLabel, en(parent.label_en))
        d.add(role, SKOS.prefLabel, fr(parent.label_fr))
        d.add(role, SKOS.altLabel, en(row["Title"]))
        _feminine(d, role, parent.label_fr)
        d.add(role, SKOS.definition, en(description))
        d.add(role, SKOS.definition, fr(parent.definition_fr))
        d.add(role, AIR.responsibility, en(first))
        d.add(role, AIR.responsibility, fr(parent.responsibility_fr))
        d.add(role, SKOS.editorialNote, en(
            f"The English definition and responsibility are O*NET 29.2's description of "
            f"occupation {parent.code} (Occupation Data.txt), whose title is the alternative "
            "label; the preferred labels and the French text are airoles-kg's own (French "
            "labels chosen by airoles-kg)."))
        d.add(role, DCTERMS.source, ONET_SRC)
        d.add(role, PROV.wasDerivedFrom, ONET[parent.code])
        d.add(role, SKOS.inScheme, ROLE["scheme"])
        d.add(role, AIR.family, FAM[parent.family])
        d.reference(ONET[parent.code], row["Title"], ONET_SRC, parent.code,
                    _occupation_definition(parent.code, row["Title"]))
        d.crosswalk(role, SKOS.exactMatch, ONET[parent.code], 1.0,
                    f"Made by airoles-kg from O*NET 29.2 occupation {parent.code}.")
        _derived_requirements(d, role, parent.code, ratings, hot, titles)

    for ai in AI_ROLES:
        _ai_role(d, ai, roles, titles, esco, ratings, hot)
    return d.graph


def _ai_role(d: Derivation, ai: AIRole, roles: dict[str, URIRef], titles: dict[str, str],
             esco: dict[str, dict[str, str]], ratings: Ratings,
             hot: dict[str, dict[str, bool]]) -> None:
    role = ROLE[ai.slug]
    d.defined(role, AIR.Role)
    d.add(role, SKOS.prefLabel, en(ai.label_en))
    d.add(role, SKOS.prefLabel, fr(ai.label_fr))
    d.add(role, SKOS.altLabel, en(ai.alt_en))
    _feminine(d, role, ai.label_fr)
    d.add(role, SKOS.definition, en(ai.definition_en))
    d.add(role, SKOS.definition, fr(ai.definition_fr))
    d.add(role, AIR.responsibility, en(ai.responsibility_en))
    d.add(role, AIR.responsibility, fr(ai.responsibility_fr))
    d.add(role, SKOS.inScheme, ROLE["scheme"])
    d.add(role, AIR.family, FAM[ai.family])
    d.add(role, DCTERMS.source, ONET_SRC)
    evidence = []
    for code, title in _evidence(ai):
        d.add(role, PROV.wasDerivedFrom, ONET[code])
        d.add(role, SKOS.note, en(f"Evidence: O*NET 29.2, Alternate Titles.txt, row {code} "
                                  f"{titles[code]}, alternate title \"{title}\"."))
        d.relation(role, AIR.specializationOf, roles[code], ONET_SRC)
        d.reference(ONET[code], titles[code], ONET_SRC, code,
                    _occupation_definition(code, titles[code]))
        d.crosswalk(role, SKOS.broadMatch, ONET[code], 0.9,
                    f'O*NET 29.2 lists "{title}" as an alternate title of occupation {code}.')
        evidence.append(f"O*NET 29.2 alternate title of {code}")
    if ai.esco is not None:
        if ai.esco not in esco:
            raise InputError(f"occupations_en.csv: no occupation {ai.esco} (evidence of "
                             f"role:{ai.slug})")
        row = esco[ai.esco]
        label = row["preferredLabel"].strip()
        target = URIRef(ai.esco)
        d.add(role, DCTERMS.source, ESCO_SRC)
        d.add(role, PROV.wasDerivedFrom, target)
        d.add(role, SKOS.note, en(f"Evidence: ESCO v1.2.0, occupations_en.csv, row {ai.esco} "
                                  f"\"{label}\" (code {row['code']})."))
        d.reference(target, label, ESCO_SRC)
        d.crosswalk(role, SKOS.exactMatch, target, 0.95,
                    f'ESCO v1.2.0 has the occupation "{label}" under the same title.')
        evidence.append("ESCO v1.2.0 occupation")
    d.add(role, SKOS.editorialNote, en(
        f"An AI role evidenced by the reference classifications ({'; '.join(evidence)}). Its "
        "labels, definitions and responsibility are airoles-kg's own wording (French labels "
        "chosen by airoles-kg); its requirements are derived from the O*NET ratings of "
        f"occupation {ai.codes[0]} by the project's rule, plus the AI competency its title "
        "evidences, which is the project's own knowledge."))
    _derived_requirements(d, role, ai.codes[0], ratings, hot, titles)
    level = getattr(AIR, ai.level)
    _requirement(d, role, COMP[ai.competency], level, AIR.Essential, OURS, [],
                 f'The title "{ai.title}" names this competency.',
                 "The project's own knowledge (source: airoles-kg): the competency the "
                 "role's title evidences, essential, at the level the project judges.")


def _header(d: Derivation) -> None:
    g = d.graph
    g.add((MODULE, RDF.type, OWL.Ontology))
    g.add((MODULE, DCTERMS.title, en("airoles-kg AI roles evidenced by ESCO and O*NET")))
    g.add((MODULE, DCTERMS.title, fr("Rôles de l'IA attestés par ESCO et O*NET dans airoles-kg")))
    g.add((MODULE, DCTERMS.description, en(
        "AI roles evidenced by O*NET 29.2 alternate titles and ESCO v1.2.0 occupations, each "
        "with the row that shows it, the occupations they specialise (added as roles), and the "
        "competencies and requirements derived from the O*NET Skills, Knowledge and Technology "
        "Skills of those occupations by the project's conversion rule; the AI competency each "
        "title evidences is the project's own knowledge.")))
    g.add((MODULE, DCTERMS.description, fr(
        "Des rôles de l'IA attestés par des intitulés alternatifs d'O*NET 29.2 et des "
        "professions d'ESCO v1.2.0, chacun avec la ligne qui l'atteste, les professions qu'ils "
        "spécialisent (ajoutées comme rôles), ainsi que les compétences et les exigences tirées "
        "des Skills, Knowledge et Technology Skills d'O*NET pour ces professions par la règle "
        "de conversion du projet ; la compétence en IA que chaque intitulé atteste relève des "
        "connaissances du projet.")))
    for prop in (DCTERMS.created, DCTERMS.modified):
        g.add((MODULE, prop, Literal("2026-11-23", datatype=XSD.date)))
    g.add((MODULE, DCTERMS.creator, URIRef("https://w3id.org/airoles/agent/airoles-kg-contributors")))
    g.add((MODULE, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    g.add((MODULE, VANN.preferredNamespacePrefix, Literal("role")))
    g.add((MODULE, VANN.preferredNamespaceUri, Literal(str(ROLE))))
    for module in ("core", "competencies", "roles", "sources", "mappings"):
        g.add((MODULE, OWL.imports, URIRef(f"https://w3id.org/airoles/ontology/{module}")))
    g.add((MODULE, OWL.versionIRI, URIRef("https://w3id.org/airoles/ontology/0.0.0/"
                                          "reference-roles")))
    g.add((MODULE, OWL.versionInfo, Literal("0.0.0")))
    for prop in (SSSOM.mapping_justification, SSSOM.confidence):
        g.add((prop, RDF.type, OWL.AnnotationProperty))
    if (PROV.wasDerivedFrom, RDF.type, None) not in d.existing:
        g.add((PROV.wasDerivedFrom, RDF.type, OWL.ObjectProperty))


def _existing(out: Path) -> Graph:
    graph = Graph()
    for path in sorted((REPO / "ontology").glob("*.ttl")):
        if path.resolve() != out.resolve():
            graph.parse(path, format="turtle")
    return graph


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="derive_reference_roles.py",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, required=True,
                        help="the folder holding data/onet-29.2 and data/esco-1.2.0 (by path)")
    parser.add_argument("--out", type=Path, default=OUT, help="the Turtle file to write")
    args = parser.parse_args(argv)
    try:
        graph = derive(args.shared, _existing(args.out))
    except (InputError, OSError) as error:
        print(f"derive_reference_roles.py: error: {error}", file=sys.stderr)
        return 2
    text = format_turtle(HEADER + to_turtle(graph).decode("utf-8"))
    atomic_write_text(args.out, text)
    roles = len(set(graph.subjects(RDF.type, AIR.Role)))
    requirements = len(set(graph.subjects(RDF.type, AIR.CompetencyRequirement)))
    competencies = sum(len(set(graph.subjects(RDF.type, k))) for k in
                       (AIR.Skill, AIR.Knowledge, AIR.Technology))
    print(f"wrote {args.out}: {roles} roles, {competencies} competencies, "
          f"{requirements} requirements")
    return 0


if __name__ == "__main__":
    sys.exit(main())
