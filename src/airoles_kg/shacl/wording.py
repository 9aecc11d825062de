"""The report's own words in English and French: headings, the summary line, severities,
places in files, and a short description of each constraint component.

The shapes give the fix of each result in both languages (``ValidationResult.message_in``);
these are the words around them. English is the reference: its summary line is
:func:`~airoles_kg.shacl.report.summary`, unchanged.

>>> from airoles_kg.shacl.report import ValidationReport
>>> report = ValidationReport(False, [], "pyshacl")
>>> summary_in(report, "fr")
'non conforme : 0 violation, 0 avertissement, 0 info (moteur : pyshacl)'
>>> word("by_shape", "fr"), severity_in("Warning", "fr")
('Par forme', 'Avertissement')
>>> from airoles_kg.rdf.locations import Location
>>> where(Location("roles.csv", row=3, column="label_fr", cell="C3"), "fr")
'roles.csv, ligne 3, colonne label_fr (cellule C3)'
>>> problem = Problem("Warning", "empty-sheet", "roles.csv", 1, cell="A1")
>>> problem_where(problem, "fr"), problems_summary([problem], "fr")
('roles.csv, ligne 1 (cellule A1)', '1 problème : 0 violation, 1 avertissement, 0 info')
>>> problems_summary([problem, problem], "en")
'2 problems: 0 violations, 2 warnings, 0 info'
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import URIRef

from airoles_kg.errors import InputError
from airoles_kg.namespaces import SH
from airoles_kg.problems import Problem
from airoles_kg.rdf.locations import Location
from airoles_kg.shacl.report import ValidationReport, summary

__all__ = [
    "LANGUAGES",
    "check_language",
    "component_description",
    "problem_where",
    "problems_summary",
    "severity_in",
    "summary_in",
    "where",
    "word",
]

#: The languages a report speaks.
LANGUAGES: tuple[str, ...] = ("en", "fr")

_WORDS: dict[str, dict[str, str]] = {
    "title": {"en": "Validation report", "fr": "Rapport de validation"},
    "show": {"en": "Show", "fr": "Afficher"},
    "by_focus_node": {"en": "By focus node", "fr": "Par nœud focal"},
    "by_shape": {"en": "By shape", "fr": "Par forme"},
    "severity": {"en": "Severity", "fr": "Gravité"},
    "focus_node": {"en": "Focus node", "fr": "Nœud focal"},
    "location": {"en": "Location", "fr": "Emplacement"},
    "path": {"en": "Path", "fr": "Chemin"},
    "value": {"en": "Value", "fr": "Valeur"},
    "constraint": {"en": "Constraint", "fr": "Contrainte"},
    "shape": {"en": "Shape", "fr": "Forme"},
    "fix": {"en": "How to fix", "fr": "Comment corriger"},
    "fix_label": {"en": "How to fix:", "fr": "Comment corriger :"},
    "no_message": {"en": "(no message)", "fr": "(aucun message)"},
    "value_line": {"en": "value:", "fr": "valeur :"},
    "no_results": {
        "en": "No results: the data conform to the shapes.",
        "fr": "Aucun résultat : les données sont conformes aux formes.",
    },
    "result": {"en": "result", "fr": "résultat"},
    "results": {"en": "results", "fr": "résultats"},
    # the problems table (a steward's import): the words around the rows
    "problems_title": {"en": "Problems to fix", "fr": "Problèmes à corriger"},
    "by_file": {"en": "By file", "fr": "Par fichier"},
    "rule": {"en": "Rule", "fr": "Règle"},
    "problem": {"en": "Problem", "fr": "Problème"},
    "row": {"en": "Row", "fr": "Ligne"},
    "column": {"en": "Column", "fr": "Colonne"},
    "cell": {"en": "Cell", "fr": "Cellule"},
    "catalogue": {"en": "(catalogue)", "fr": "(catalogue)"},
    "no_problems": {"en": "No problems.", "fr": "Aucun problème."},
    "problem_n": {"en": "problem", "fr": "problème"},
    "problems_n": {"en": "problems", "fr": "problèmes"},
}

_SEVERITIES: dict[str, dict[str, str]] = {
    "Violation": {"en": "Violation", "fr": "Violation"},
    "Warning": {"en": "Warning", "fr": "Avertissement"},
    "Info": {"en": "Info", "fr": "Info"},
}

# A short description of what a result of each component means (the fix is the shape's).
_COMPONENTS: dict[str, tuple[str, str]] = {
    "Class": ("value of the wrong class", "valeur d'une autre classe que celle attendue"),
    "Datatype": ("value of the wrong datatype", "valeur d'un autre type de données"),
    "NodeKind": ("wrong kind of value (IRI, literal, blank node)",
                 "mauvaise sorte de valeur (IRI, littéral, nœud anonyme)"),
    "MinCount": ("too few values", "trop peu de valeurs"),
    "MaxCount": ("too many values", "trop de valeurs"),
    "MinExclusive": ("value out of range", "valeur hors limites"),
    "MinInclusive": ("value out of range", "valeur hors limites"),
    "MaxExclusive": ("value out of range", "valeur hors limites"),
    "MaxInclusive": ("value out of range", "valeur hors limites"),
    "MinLength": ("value too short", "valeur trop courte"),
    "MaxLength": ("value too long", "valeur trop longue"),
    "Pattern": ("value does not match the pattern", "la valeur ne suit pas le motif"),
    "LanguageIn": ("language not allowed", "langue non autorisée"),
    "UniqueLang": ("several values in one language", "plusieurs valeurs dans une même langue"),
    "Equals": ("values differ from another property's",
               "valeurs différentes de celles d'une autre propriété"),
    "Disjoint": ("value shared with another property",
                 "valeur partagée avec une autre propriété"),
    "LessThan": ("value not less than another property's",
                 "valeur non inférieure à celle d'une autre propriété"),
    "LessThanOrEquals": ("value greater than another property's",
                         "valeur supérieure à celle d'une autre propriété"),
    "Not": ("value has a forbidden shape", "la valeur a une forme interdite"),
    "And": ("value misses one of the shapes", "la valeur manque l'une des formes"),
    "Or": ("value has none of the shapes", "la valeur n'a aucune des formes"),
    "Xone": ("value has not exactly one of the shapes",
             "la valeur n'a pas exactement une des formes"),
    "Node": ("value does not conform to its shape", "la valeur n'est pas conforme à sa forme"),
    "QualifiedMinCount": ("too few values of the expected kind",
                          "trop peu de valeurs de la sorte attendue"),
    "QualifiedMaxCount": ("too many values of the expected kind",
                          "trop de valeurs de la sorte attendue"),
    "Closed": ("property not allowed", "propriété non autorisée"),
    "HasValue": ("required value missing", "valeur requise absente"),
    "In": ("value not among the allowed ones", "valeur hors de la liste permise"),
    "SPARQL": ("a rule of the shapes is broken", "une règle des formes est enfreinte"),
}


def check_language(lang: str) -> str:
    """``lang`` if the report speaks it, else an :class:`InputError`."""
    if lang not in LANGUAGES:
        raise InputError(f"unknown report language {lang!r}; use {' or '.join(LANGUAGES)}")
    return lang


def word(key: str, lang: str) -> str:
    """A word or heading of the report in ``lang``."""
    return _WORDS[key][lang]


def severity_in(severity: str, lang: str) -> str:
    """The name of a severity in ``lang`` (a custom severity as it is)."""
    return _SEVERITIES.get(severity, {}).get(lang, severity)


def component_description(component: URIRef, lang: str) -> str:
    """What a result of ``component`` means, in a few words.

    >>> component_description(SH.MinCountConstraintComponent, "fr")
    'trop peu de valeurs'
    >>> component_description(URIRef("http://example.org/MyComponent"), "en")
    'http://example.org/MyComponent constraint not satisfied'
    """
    name = str(component)
    if name.startswith(str(SH)):
        name = name[len(str(SH)) :].removesuffix("ConstraintComponent")
    if name in _COMPONENTS:
        english, french = _COMPONENTS[name]
        return french if lang == "fr" else english
    if lang == "fr":
        return f"contrainte {name} non satisfaite"
    return f"{name} constraint not satisfied"


def _plural_fr(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count <= 1 else plural}"


def summary_in(report: ValidationReport, lang: str) -> str:
    """The one-line summary in ``lang``; in English, :func:`summary` itself."""
    if lang != "fr":
        return summary(report)
    verdict = "conforme" if report.conforms else "non conforme"
    counts = ", ".join(
        [
            _plural_fr(report.violations, "violation", "violations"),
            _plural_fr(report.warnings, "avertissement", "avertissements"),
            _plural_fr(report.infos, "info", "infos"),
        ]
    )
    nodes = _plural_fr(report.focus_nodes, "nœud focal", "nœuds focaux")
    where_ = f" sur {nodes}" if report.results else ""
    scope = " ; autonome" if report.standalone else ""
    return f"{verdict} : {counts}{where_} (moteur : {report.engine}{scope})"


def where(location: Location, lang: str) -> str:
    """A place in a file, ``file:line`` or ``file, row R, column C (cell A1)``, in ``lang``."""
    if lang != "fr" or location.row is None:
        return str(location)
    text = location.file + (f" [{location.sheet}]" if location.sheet else "")
    text += f", ligne {location.row}"
    if location.column:
        text += f", colonne {location.column}"
    return text + (f" (cellule {location.cell})" if location.cell else "")


def problem_where(problem: Problem, lang: str) -> str:
    """Where a problem is (:meth:`~airoles_kg.problems.Problem.where`) in ``lang``; the
    subject it concerns if it has no place, else ``(catalogue)``."""
    if problem.row is not None and (problem.column or problem.cell):
        place = Location(problem.file, row=problem.row, column=problem.column or None,
                         cell=problem.cell or None)
        return where(place, lang)
    return problem.where() or problem.subject or word("catalogue", lang)


def problems_summary(problems: Sequence[Problem], lang: str) -> str:
    """``16 problems: 14 violations, 2 warnings, 0 info``, in ``lang``."""
    counts = [len(problems)] + [sum(1 for p in problems if p.level == name)
                                for name in _SEVERITIES]
    if lang == "fr":
        total, *each = [_plural_fr(n, one, many) for n, (one, many) in zip(counts, [
            ("problème", "problèmes"), ("violation", "violations"),
            ("avertissement", "avertissements"), ("info", "infos")], strict=True)]
        return f"{total} : {', '.join(each)}"
    total, *each = [f"{n} {one if n == 1 or one == 'info' else one + 's'}" for n, one in
                    zip(counts, ["problem", "violation", "warning", "info"], strict=True)]
    return f"{total}: {', '.join(each)}"
