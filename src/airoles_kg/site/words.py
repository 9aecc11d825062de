"""The site's own words (navigation, headings, table heads) in English and French.

Each page is in one language: its labels and definitions come from the graph in that language,
and the words around them from here.

>>> word("fr", "roles")
'Rôles'
>>> other_lang("fr")
'en'
"""

from __future__ import annotations

__all__ = ["LANGS", "LANG_NAMES", "METRICS", "WORDS", "other_lang", "word"]

#: The languages of the site, in the order they are built.
LANGS: tuple[str, ...] = ("en", "fr")
#: Each language's name, in that language (the language switch shows it).
LANG_NAMES: dict[str, str] = {"en": "English", "fr": "Français"}

WORDS: dict[str, tuple[str, str]] = {
    "site": ("airoles-kg", "airoles-kg"),
    "skip": ("Skip to the content", "Aller au contenu"),
    "nav": ("Site", "Site"),
    "home": ("Home", "Accueil"),
    "roles": ("Roles", "Rôles"),
    "role": ("Role", "Rôle"),
    "ai_roles": ("The AI roles", "Les rôles de l'IA"),
    "other_roles": ("The roles they grew out of", "Les rôles dont ils sont issus"),
    "competencies": ("Competencies", "Compétences"),
    "competency": ("Competency", "Compétence"),
    "families": ("Role families", "Familles de rôles"),
    "family": ("Family", "Famille"),
    "ontology": ("Ontology", "Ontologie"),
    "shapes": ("Shapes", "Formes"),
    "queries": ("Queries", "Requêtes"),
    "quality": ("Quality", "Qualité"),
    "changelog": ("Changelog", "Journal des modifications"),
    "downloads": ("Downloads", "Téléchargements"),
    "sources": ("Sources", "Sources"),
    "crosswalk": ("Crosswalk", "Correspondances"),
    "statistics": ("Statistics", "Statistiques"),
    "metric": ("Metric", "Mesure"),
    "value": ("Value", "Valeur"),
    "other_language": ("This page in English", "Cette page en français"),
    "home_title": ("A knowledge graph of AI job roles",
                   "Un graphe de connaissances des métiers de l'IA"),
    "home_intro": (
        "airoles-kg describes the jobs artificial intelligence has brought about, the older "
        "roles they grew out of, and the competencies each role requires, at a proficiency "
        "level and an importance, with the source of every claim. It is an OWL 2 ontology and "
        "a SKOS knowledge base, checked by SHACL shapes, with a catalogue of SPARQL queries.",
        "airoles-kg décrit les métiers que l'intelligence artificielle a fait naître, les "
        "rôles plus anciens dont ils sont issus et les compétences que chaque rôle exige, "
        "avec un niveau de maîtrise, une importance et la source de chaque affirmation. C'est "
        "une ontologie OWL 2 et une base de connaissances SKOS, vérifiées par des formes SHACL, "
        "avec un catalogue de requêtes SPARQL."),
    "everything": ("Everything on this site", "Tout ce que contient ce site"),
    "version": ("Version", "Version"),
    "labels": ("Labels", "Libellés"),
    "label": ("Label", "Libellé"),
    "alt_labels": ("Also called", "Autres noms"),
    "definition": ("Definition", "Définition"),
    "no_definition": ("No definition in this language.", "Pas de définition dans cette langue."),
    "responsibilities": ("Responsibilities", "Responsabilités"),
    "requirements": ("Requirements", "Exigences"),
    "level": ("Level", "Niveau"),
    "importance": ("Importance", "Importance"),
    "source": ("Source", "Source"),
    "derived_from": ("Derived from", "Dérivé de"),
    "lineage": ("Lineage and related roles", "Filiation et rôles associés"),
    "evolved_from": ("Grew out of", "Issu de"),
    "evolved_into": ("Grew into", "A donné naissance à"),
    "specialization_of": ("Specialisation of", "Spécialisation de"),
    "specializations": ("Specialisations", "Spécialisations"),
    "related": ("Related roles", "Rôles associés"),
    "related_edge": ("related", "associé"),
    "none": ("None.", "Aucun."),
    "mappings": ("Crosswalk to ESCO and O*NET", "Correspondances avec ESCO et O*NET"),
    "no_mappings": ("No crosswalk link.", "Aucun lien de correspondance."),
    "match": ("Match", "Correspondance"),
    "target": ("Occupation", "Profession"),
    "note": ("Justification", "Justification"),
    "nearest": ("The nearest roles", "Les rôles les plus proches"),
    "nearest_intro": (
        "Roles ranked by the Jaccard similarity of their required competencies (the "
        "catalogue's role-similarity query).",
        "Rôles classés par similarité de Jaccard de leurs compétences requises (requête "
        "role-similarity du catalogue)."),
    "shared": ("Shared", "En commun"),
    "jaccard": ("Jaccard", "Jaccard"),
    "skill_gap": ("Skill gap from the roles it grew out of",
                  "Écart de compétences depuis les rôles dont il est issu"),
    "skill_gap_intro": (
        "What a person in each older role must learn to move to this one (the catalogue's "
        "skill-gap query).",
        "Ce qu'une personne occupant chaque rôle plus ancien doit apprendre pour passer à "
        "celui-ci (requête skill-gap du catalogue)."),
    "from_role": ("From", "Depuis"),
    "current_level": ("Current level", "Niveau actuel"),
    "target_level": ("Target level", "Niveau visé"),
    "increase": ("Increase", "Hausse"),
    "no_gap": ("Nothing to learn: every requirement is already met.",
               "Rien à apprendre : chaque exigence est déjà satisfaite."),
    "no_ancestor": ("This role grew out of no older role in the graph.",
                    "Ce rôle n'est issu d'aucun rôle plus ancien du graphe."),
    "neighbourhood": ("Neighbourhood", "Voisinage"),
    "lineage_diagram": ("Career lineage of every role", "Filiation de tous les rôles"),
    "diagram_alt_lineage": (
        "Diagram: each role with an arrow to each older role it grew out of; dashed arrows "
        "point to the role it specialises.",
        "Diagramme : chaque rôle avec une flèche vers chaque rôle plus ancien dont il est "
        "issu ; les flèches en tirets pointent vers le rôle qu'il spécialise."),
    "diagram_alt_role": (
        "Diagram: {label} with the roles it grew out of, those that grew out of it, its "
        "specialisations and its related roles.",
        "Diagramme : {label} avec les rôles dont il est issu, ceux qui en sont issus, ses "
        "spécialisations et ses rôles associés."),
    "diagram_alt_scheme": (
        "Diagram: the competency scheme as a tree, each competency linked to its broader one.",
        "Diagramme : le référentiel de compétences en arbre, chaque compétence reliée à sa "
        "compétence générique."),
    "diagram_alt_classes": (
        "Diagram: the ontology's classes, each with an arrow to its superclasses, and a "
        "dashed arrow from each defined class to the classes its definition intersects.",
        "Diagramme : les classes de l'ontologie, chacune avec une flèche vers ses "
        "superclasses, et une flèche en tirets de chaque classe définie vers les classes que "
        "sa définition intersecte."),
    "diagram_alt_properties": (
        "Diagram: the ontology's object properties as arrows from their domain to their range.",
        "Diagramme : les propriétés d'objet de l'ontologie, en flèches de leur domaine vers "
        "leur portée."),
    "type": ("Type", "Type"),
    "hierarchy": ("Place in the hierarchy", "Place dans la hiérarchie"),
    "broader": ("Broader", "Plus générique"),
    "narrower": ("Narrower", "Plus spécifiques"),
    "top_concept": ("Top concept of the scheme.", "Concept de tête du référentiel."),
    "required_by": ("Roles that require it", "Rôles qui l'exigent"),
    "required_by_none": ("No role requires it directly.", "Aucun rôle ne l'exige directement."),
    "scheme": ("The competency scheme", "Le référentiel de compétences"),
    "scheme_tree": ("The scheme as a tree", "Le référentiel en arbre"),
    "classes": ("Classes", "Classes"),
    "object_properties": ("Object properties", "Propriétés d'objet"),
    "datatype_properties": ("Datatype properties", "Propriétés de données"),
    "annotation_properties": ("Annotation properties", "Propriétés d'annotation"),
    "individuals": ("Individuals", "Individus"),
    "modules": ("Modules", "Modules"),
    "superclasses": ("Superclasses", "Superclasses"),
    "equivalent": ("Equivalent to", "Équivalente à"),
    "disjoint": ("Disjoint with", "Disjointe de"),
    "subclasses": ("Subclasses", "Sous-classes"),
    "domain": ("Domain", "Domaine"),
    "range": ("Range", "Portée"),
    "characteristics": ("Characteristics", "Caractéristiques"),
    "super_properties": ("Sub-property of", "Sous-propriété de"),
    "inverse": ("Inverse of", "Inverse de"),
    "types": ("Types", "Types"),
    "facts": ("Facts", "Faits"),
    "iri": ("IRI", "IRI"),
    "class_diagram": ("Classes and their superclasses", "Les classes et leurs superclasses"),
    "property_diagram": ("Object properties", "Propriétés d'objet"),
    "shapes_intro": (
        "The SHACL shapes the graph, and any steward's catalogue, must conform to; each with "
        "its severity and the message a report gives.",
        "Les formes SHACL auxquelles le graphe, comme le catalogue d'un intendant, doit se "
        "conformer ; chacune avec sa gravité et le message qu'un rapport donne."),
    "severity": ("Severity", "Gravité"),
    "targets": ("Targets", "Cibles"),
    "path": ("Path", "Chemin"),
    "message": ("Message", "Message"),
    "constraints": ("Constraints", "Contraintes"),
    "queries_intro": (
        "The SPARQL query catalogue: each query's header, its text, and an example answer "
        "computed when this site was built, on the embedded Oxigraph store.",
        "Le catalogue de requêtes SPARQL : l'en-tête de chaque requête, son texte, et un "
        "exemple de réponse calculé à la construction de ce site, sur le magasin Oxigraph "
        "embarqué. Le catalogue est rédigé en anglais."),
    "description": ("Description", "Description"),
    "parameters": ("Parameters", "Paramètres"),
    "required": ("required", "obligatoire"),
    "optional": ("optional", "facultatif"),
    "text": ("Query", "Requête"),
    "example": ("Example answer", "Exemple de réponse"),
    "example_with": ("With", "Avec"),
    "rows_shown": ("{shown} of {total} rows.", "{shown} lignes sur {total}."),
    "no_example": (
        "No example: a required parameter gives no example value.",
        "Pas d'exemple : un paramètre obligatoire ne donne aucune valeur d'exemple."),
    "ask_answer": ("Answer", "Réponse"),
    "quality_intro": (
        "The quality report: every check of queries/checks/ run on the graph (the same as "
        "'airoles-kg report').",
        "Le rapport de qualité : chaque contrôle de queries/checks/ exécuté sur le graphe "
        "(le même que « airoles-kg report »)."),
    "checks_run": ("{checks} checks ran.", "{checks} contrôles exécutés."),
    "no_finding": ("No finding.", "Aucun constat."),
    "rule": ("Rule", "Règle"),
    "subject": ("Subject", "Sujet"),
    "property": ("Property", "Propriété"),
    "count": ("Count", "Nombre"),
    "no_release": (
        "No release has been made yet: the repository holds no folder releases/ with a "
        "released version, so there is nothing to compare this build with. 'airoles-kg "
        "release' makes one.",
        "Aucune version n'a encore été publiée : le dépôt ne contient pas de dossier "
        "releases/ avec une version publiée, il n'y a donc rien à comparer avec cette "
        "construction. « airoles-kg release » en crée une."),
    "changes_since": ("Changes from release {old} to this build ({new})",
                      "Modifications de la version {old} à cette construction ({new})"),
    "changes_between": ("Changes from release {old} to release {new}",
                        "Modifications de la version {old} à la version {new}"),
    "no_change": ("No change: the two graphs are isomorphic.",
                  "Aucune modification : les deux graphes sont isomorphes."),
    "change": ("Change", "Modification"),
    "added": ("Added", "Ajouts"),
    "removed": ("Removed", "Suppressions"),
    "downloads_intro": (
        "The graph of this build in four RDF syntaxes, byte-identical from build to build, "
        "with their SHA-256 checksums (also in SHA256SUMS).",
        "Le graphe de cette construction en quatre syntaxes RDF, identiques octet pour octet "
        "d'une construction à l'autre, avec leurs sommes SHA-256 (aussi dans SHA256SUMS)."),
    "file": ("File", "Fichier"),
    "format": ("Format", "Format"),
    "size": ("Size (bytes)", "Taille (octets)"),
    "sha256": ("SHA-256", "SHA-256"),
    "releases": ("Releases", "Versions publiées"),
    "version_iris": ("Version IRIs of this build", "IRI de version de cette construction"),
    "sources_intro": ("The sources on whose authority roles and requirements are stated.",
                      "Les sources sur l'autorité desquelles rôles et exigences sont énoncés."),
    "crosswalk_intro": (
        "The occupations of ESCO and O*NET our roles are mapped to, with the kind of match.",
        "Les professions d'ESCO et d'O*NET auxquelles nos rôles correspondent, avec le type "
        "de correspondance."),
    "mapped_from": ("Our roles", "Nos rôles"),
    "family_roles": ("Roles of this family", "Rôles de cette famille"),
    "footer": (
        "Built by airoles-kg {version} from the knowledge graph. Works offline: no server and "
        "no network needed.",
        "Construit par airoles-kg {version} à partir du graphe de connaissances. Fonctionne "
        "hors ligne : ni serveur ni réseau nécessaires."),
    "choose": ("Choose a language", "Choisissez une langue"),
    "contributors": ("Contributors", "Contributeurs"),
}

#: The statistics query's metric names in French.
METRICS: dict[str, str] = {
    "roles": "rôles",
    "AI roles (described by the seed article)": "rôles de l'IA (décrits par l'article source)",
    "role families": "familles de rôles",
    "competencies": "compétences",
    "skills": "savoir-faire",
    "knowledge": "savoirs",
    "technologies": "technologies",
    "transversal competencies": "compétences transversales",
    "requirements": "exigences",
    "essential requirements": "exigences essentielles",
    "optional requirements": "exigences facultatives",
    "sources": "sources",
    "triples": "triplets",
}


def word(lang: str, key: str, **values: object) -> str:
    """The site's word ``key`` in ``lang`` (``en`` or ``fr``), with ``{name}`` filled in."""
    text = WORDS[key][LANGS.index(lang)]
    return text.format(**values) if values else text


def other_lang(lang: str) -> str:
    """The other language of the site."""
    return LANGS[1 - LANGS.index(lang)]
