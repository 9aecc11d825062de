"""Every message the importer writes, in English and in French: one table of templates.

A problem's ``message`` (what is wrong) and ``fix`` (what to write instead) are made here, by
key and values, in the language the steward asked for (``import csv --lang``). English is the
reference; the French says the same. Names, ids, cells and values stay as they are.

>>> say("unknown.level", "fr", value="Expret")
"niveau inconnu 'Expret'"
>>> say("did_you_mean", "en", names=either(["comp:python", "comp:pytorch"], "en"))
'did you mean comp:python or comp:pytorch?'
>>> say("did_you_mean", "fr", names=either(["Expert"], "fr"))
'vouliez-vous dire Expert ?'
>>> sorted(set(MESSAGES) - {k for k, v in MESSAGES.items() if set(v) == set(LANGUAGES)})
[]
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["LANGUAGES", "MESSAGES", "NOUNS", "either", "say"]

#: The languages every message exists in.
LANGUAGES: tuple[str, ...] = ("en", "fr")

#: The kinds of things a cell names (:attr:`~airoles_kg.kg.vocabulary.Vocabulary.what`).
NOUNS: dict[str, dict[str, str]] = {
    "competency": {"en": "competency", "fr": "compétence"},
    "level": {"en": "level", "fr": "niveau"},
    "importance": {"en": "importance", "fr": "importance"},
    "family": {"en": "family", "fr": "famille"},
    "role": {"en": "role", "fr": "rôle"},
    "source": {"en": "source", "fr": "source"},
    "competency type": {"en": "competency type", "fr": "type de compétence"},
    # the rows of each table, one by one
    "roles": {"en": "role", "fr": "rôle"},
    "competencies": {"en": "competency", "fr": "compétence"},
    "requirements": {"en": "requirement", "fr": "exigence"},
}

#: The templates, by key, then language; ``str.format`` fills in the values.
MESSAGES: dict[str, dict[str, str]] = {
    # a name no vocabulary knows: one message per kind (French nouns have a gender)
    "unknown.competency": {"en": "unknown competency {value!r}",
                           "fr": "compétence inconnue {value!r}"},
    "unknown.level": {"en": "unknown level {value!r}", "fr": "niveau inconnu {value!r}"},
    "unknown.importance": {"en": "unknown importance {value!r}",
                           "fr": "importance inconnue {value!r}"},
    "unknown.family": {"en": "unknown family {value!r}", "fr": "famille inconnue {value!r}"},
    "unknown.role": {"en": "unknown role {value!r}", "fr": "rôle inconnu {value!r}"},
    "unknown.source": {"en": "unknown source {value!r}", "fr": "source inconnue {value!r}"},
    "unknown.competency type": {"en": "unknown competency type {value!r}",
                                "fr": "type de compétence inconnu {value!r}"},
    "did_you_mean": {"en": "did you mean {names}?", "fr": "vouliez-vous dire {names} ?"},
    "use_one_of": {"en": "use one of: {names}", "fr": "écrivez l'un de : {names}"},
    "use_a_name": {"en": "use an {what} IRI, CURIE, slug or label",
                   "fr": "écrivez l'IRI, le CURIE, l'identifiant ou le libellé d'un élément "
                         "connu ({what})"},
    "our_role": {"en": " ({value!r} is an airoles-kg role: requirements here are for the "
                       "roles of your roles table)",
                 "fr": " ({value!r} est un rôle d'airoles-kg : les exigences de cette table "
                       "portent sur les rôles de votre table roles)"},
    "source_iri": {"en": "; or write the http(s) IRI of the document, or leave the cell empty "
                         "for the catalogue itself",
                   "fr": " ; ou écrivez l'IRI http(s) du document, ou laissez la cellule vide "
                         "pour le catalogue lui-même"},
    "ambiguous": {"en": "{what} {value!r} is ambiguous",
                  "fr": "le nom {value!r} ({what}) est ambigu"},
    "write_one_of": {"en": "write one of: {names}", "fr": "écrivez l'un de : {names}"},
    # the header row
    "header_formula": {"en": "the header cell holds a formula",
                       "fr": "la cellule d'en-tête contient une formule"},
    "header_formula.fix": {"en": "type the column name itself",
                           "fr": "tapez le nom de la colonne lui-même"},
    "duplicate_column": {"en": "column {name!r} appears twice (first in cell {first})",
                         "fr": "la colonne {name!r} apparaît deux fois (d'abord dans la "
                               "cellule {first})"},
    "duplicate_column.fix": {"en": "keep one column of that name; this one is ignored",
                             "fr": "gardez une seule colonne de ce nom ; celle-ci est "
                                   "ignorée"},
    "unknown_column": {"en": "unknown column {value!r}; its cells are ignored",
                       "fr": "colonne inconnue {value!r} ; ses cellules sont ignorées"},
    "columns_are": {"en": "the {table} columns are: {names}",
                    "fr": "les colonnes de la table {table} sont : {names}"},
    "missing_column": {"en": "the {table} table has no {name!r} column, which is required",
                       "fr": "la table {table} n'a pas de colonne {name!r}, qui est requise"},
    "missing_column.fix": {"en": "add the column {name!r} to the header row",
                           "fr": "ajoutez la colonne {name!r} à la ligne d'en-tête"},
    # cells and rows
    "formula": {"en": "the cell holds a formula, which is not evaluated",
                "fr": "la cellule contient une formule, qui n'est pas évaluée"},
    "formula.fix": {"en": "replace it by its value (copy, then paste values only)",
                    "fr": "remplacez-la par sa valeur (copier, puis coller les valeurs "
                          "seulement)"},
    "ragged_row": {"en": "the row has {count} cells, the header {width}",
                   "fr": "la ligne a {count} cellules, l'en-tête {width}"},
    "ragged_row.more": {"en": "remove the extra cells, or quote a cell whose text holds the "
                              "separator",
                        "fr": "supprimez les cellules en trop, ou mettez entre guillemets une "
                              "cellule dont le texte contient le séparateur"},
    "ragged_row.fewer": {"en": "add the missing separators so that each row has a cell per "
                               "column",
                         "fr": "ajoutez les séparateurs manquants pour que chaque ligne ait "
                               "une cellule par colonne"},
    "no_column": {"en": "a value under no column name",
                  "fr": "une valeur sous aucun nom de colonne"},
    "no_column.fix": {"en": "name the column in cell {cell}, or move or delete the value",
                      "fr": "nommez la colonne dans la cellule {cell}, ou déplacez ou "
                            "supprimez la valeur"},
    "empty_cell": {"en": "the {column} cell is empty", "fr": "la cellule {column} est vide"},
    "empty_cell.fix": {"en": "fill it in: every {row} row needs a {column}",
                       "fr": "remplissez-la : la colonne {column} est requise pour chaque "
                             "{row}"},
    # ids and rows that say the same thing twice
    "bad_id.reserved": {"en": "id {value!r} is reserved",
                        "fr": "l'id {value!r} est réservé"},
    "bad_id.malformed": {"en": "id {value!r} is not an id (letters, digits, '-', '_', '.' or "
                               "'~')",
                         "fr": "{value!r} n'est pas un id (lettres, chiffres, '-', '_', '.' "
                               "ou '~')"},
    "bad_id.fix": {"en": "write an id such as {suggestion!r}",
                   "fr": "écrivez un id tel que {suggestion!r}"},
    "duplicate_id": {"en": "id {value!r} is already used in {place}",
                     "fr": "l'id {value!r} est déjà pris dans {place}"},
    "duplicate_id.fix": {"en": "give each row its own id, or merge the two rows",
                         "fr": "donnez à chaque ligne son propre id, ou fusionnez les deux "
                               "lignes"},
    "duplicate_requirement": {"en": "role {role!r} already has a requirement for this "
                                    "competency in {place}",
                              "fr": "le rôle {role!r} a déjà une exigence pour cette "
                                    "compétence dans {place}"},
    "duplicate_requirement.fix": {"en": "keep one row per role and competency",
                                  "fr": "gardez une ligne par rôle et compétence"},
    "place": {"en": "{file} row {row} (cell {cell})", "fr": "{file} ligne {row} (cellule {cell})"},
    # whole tables
    "unknown_table": {"en": "not a roles, competencies or requirements table (by its name or "
                            "its columns)",
                      "fr": "ni une table roles, ni competencies, ni requirements (ni par son "
                            "nom, ni par ses colonnes)"},
    "unknown_table.fix": {"en": "name the file roles.csv, competencies.csv or "
                                "requirements.csv, or give it the template's header row",
                          "fr": "nommez le fichier roles.csv, competencies.csv ou "
                                "requirements.csv, ou donnez-lui la ligne d'en-tête du "
                                "modèle"},
    "unknown_sheet": {"en": "sheet {sheet!r} is not a roles, competencies or requirements "
                            "table: ignored",
                      "fr": "la feuille {sheet!r} n'est ni une table roles, ni competencies, "
                            "ni requirements : ignorée"},
    "unknown_sheet.fix": {"en": "name the sheet roles, competencies or requirements if it is "
                                "one",
                          "fr": "nommez la feuille roles, competencies ou requirements si "
                                "c'en est une"},
    "empty_sheet": {"en": "the {table} table is empty", "fr": "la table {table} est vide"},
    "empty_sheet.fix": {"en": "fill in the header row and the rows of the template "
                              "(airoles-kg template)",
                        "fr": "remplissez la ligne d'en-tête et les lignes du modèle "
                              "(airoles-kg template)"},
    # a validation result, located at a cell: what is wrong, in a few words (the shape's
    # message, in the same language, says how to fix it)
    "shacl.MinCountConstraintComponent": {"en": "missing {path}", "fr": "il manque {path}"},
    "shacl.QualifiedMinCountConstraintComponent": {"en": "missing {path}",
                                                   "fr": "il manque {path}"},
    "shacl.MaxCountConstraintComponent": {"en": "too many values of {path}",
                                          "fr": "trop de valeurs de {path}"},
    "shacl.QualifiedMaxCountConstraintComponent": {"en": "too many values of {path}",
                                                   "fr": "trop de valeurs de {path}"},
    "shacl.InConstraintComponent": {"en": "{value} is not an allowed value of {path}",
                                    "fr": "{value} n'est pas une valeur permise de {path}"},
    "shacl.ClassConstraintComponent": {"en": "{value} is not of the class {path} needs",
                                       "fr": "{value} n'est pas de la classe qu'attend {path}"},
    "shacl.DatatypeConstraintComponent": {"en": "{value} has the wrong datatype for {path}",
                                          "fr": "{value} n'a pas le type de données qu'attend "
                                                "{path}"},
    "shacl.NodeKindConstraintComponent": {"en": "{value} is the wrong kind of term for {path}",
                                          "fr": "{value} n'est pas la sorte de terme qu'attend "
                                                "{path}"},
    "shacl.MinLengthConstraintComponent": {"en": "{path} is empty", "fr": "{path} est vide"},
    "shacl.PatternConstraintComponent": {"en": "{value} does not match the pattern of {path}",
                                         "fr": "{value} ne suit pas le motif de {path}"},
    "shacl.DisjointConstraintComponent": {"en": "{value} is both {path} and a disjoint "
                                                "property",
                                          "fr": "{value} est à la fois {path} et une propriété "
                                                "disjointe"},
    "shacl.XoneConstraintComponent": {"en": "not exactly one of the allowed types",
                                      "fr": "pas exactement un des types permis"},
    "shacl.NotConstraintComponent": {"en": "a forbidden combination of types",
                                     "fr": "une combinaison de types interdite"},
    "shacl.other": {"en": "{shape} not met", "fr": "{shape} non satisfaite"},
    "shacl.the_resource": {"en": "the resource", "fr": "la ressource"},
    "shacl.a_value": {"en": "a value", "fr": "une valeur"},
    "or": {"en": " or ", "fr": " ou "},
}


def say(key: str, lang: str, **values: object) -> str:
    """The template ``key`` in ``lang``, filled in with ``values``."""
    return MESSAGES[key][lang].format(**values)


def either(names: Sequence[str], lang: str) -> str:
    """``a or b or c`` in ``lang``."""
    return say("or", lang).join(names)
