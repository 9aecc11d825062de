"""The language profile of a catalogue: which label and definition languages it promises.

Our shapes ask for exactly one preferred label and one definition in English and in French
(a property shape per language, whose qualified value shape is ``sh:languageIn ( "fr" )``). A
steward's catalogue may promise other languages: :func:`language_profile` keeps the shapes of
the languages asked for, drops the others, and adds, for a language we have no shape for, a copy
of the English one.

>>> from airoles_kg.kg.load import load_shapes
>>> from airoles_kg.namespaces import AIRSH
>>> english = language_profile(load_shapes(), ["en"])
>>> (AIRSH.RolePrefLabelFrShape, None, None) in english
False
>>> german = language_profile(load_shapes(), ["en", "de"])
>>> (AIRSH.RolePrefLabelDeShape, None, None) in german
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from airoles_kg.errors import InputError
from airoles_kg.rdf.parse import new_graph

__all__ = ["DEFAULT_LANGUAGES", "language_profile", "parse_languages"]

#: The languages the project's own data promises.
DEFAULT_LANGUAGES: tuple[str, ...] = ("en", "fr")
_LANG = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{1,8})*$")
# How the English shapes name their language in their messages and labels.
_ENGLISH_WORDS = re.compile(r"\bEnglish\b|\banglaise?\b")


def parse_languages(text: str) -> list[str]:
    """``"en,fr"`` -> ``["en", "fr"]``; :class:`InputError` on anything but language tags.

    >>> parse_languages(" EN, fr ")
    ['en', 'fr']
    """
    langs = [part.strip().lower() for part in text.split(",") if part.strip()]
    bad = [lang for lang in langs if not _LANG.match(lang)]
    if bad or not langs:
        raise InputError(f"--languages {text!r}: give language tags separated by commas, "
                         "such as en or en,fr")
    return list(dict.fromkeys(langs))


def _single_language(shapes: Graph, shape: Node) -> str | None:
    """The one language of a shape's ``sh:qualifiedValueShape [ sh:languageIn ( L ) ]``."""
    for qualified in shapes.objects(shape, SH.qualifiedValueShape):
        for head in shapes.objects(qualified, SH.languageIn):
            langs = [str(x) for x in Collection(shapes, head)]
            if len(langs) == 1:
                return langs[0].lower()
    return None


def _subgraph(shapes: Graph, node: Node) -> list[tuple[Node, Node, Node]]:
    """The triples of ``node`` and of the blank nodes it holds."""
    out: list[tuple[Node, Node, Node]] = []
    todo, seen = [node], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for p, o in shapes.predicate_objects(current):
            out.append((current, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return out


def _copy_for(shapes: Graph, template: URIRef, lang: str, out: Graph) -> None:
    """Add a copy of the English ``template`` shape asking for ``lang`` instead."""
    tag = lang.replace("-", " ").title().replace(" ", "")
    name = URIRef(re.sub(r"En(Shape)$", rf"{tag}\1", str(template)))
    renamed: dict[Node, Node] = {template: name}
    for s, p, o in _subgraph(shapes, template):
        s2 = renamed.setdefault(s, BNode()) if isinstance(s, BNode) else renamed.get(s, s)
        o2 = renamed.setdefault(o, BNode()) if isinstance(o, BNode) else o
        if isinstance(o2, Literal) and o2.language is None and p == RDF.first and str(o2) == "en":
            o2 = Literal(lang)
        elif isinstance(o2, Literal) and p in (SH.message, RDFS.label, RDFS.comment):
            text = str(o2).replace("@en", f"@{lang}")
            o2 = Literal(_ENGLISH_WORDS.sub(f"@{lang}", text), lang=o2.language)
        out.add((s2, p, o2))


def language_profile(shapes: Graph, languages: Sequence[str]) -> Graph:
    """A copy of ``shapes`` that asks for labels and definitions in ``languages``."""
    wanted = [lang.lower() for lang in languages]
    if not wanted:
        raise InputError("a language profile needs at least one language")
    by_language: dict[str, list[Node]] = {}
    for shape in set(shapes.subjects(SH.qualifiedValueShape, None)):
        lang = _single_language(shapes, shape)
        if lang is not None:
            by_language.setdefault(lang, []).append(shape)
    dropped = {s for lang, group in by_language.items() if lang not in wanted for s in group}
    out = new_graph()
    for prefix, namespace in shapes.namespaces():
        out.bind(prefix, namespace, override=False)
    skip = {t for shape in dropped for t in _subgraph(shapes, shape)}
    for triple in shapes:
        if triple not in skip:
            out.add(triple)
    for lang in wanted:
        if lang in by_language:
            continue
        for template in sorted(by_language.get("en", []), key=str):
            if isinstance(template, URIRef) and str(template).endswith("EnShape"):
                _copy_for(shapes, template, lang, out)
    return out
