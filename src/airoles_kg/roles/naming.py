"""Resolving a name among resources without rdflib: slugs, the index of folded names in tiers,
IRIs and CURIEs, ambiguity and the closest names.

:func:`~airoles_kg.roles.names.resolve_role` builds a :class:`NameIndex` from a graph; the
cached role index (:mod:`.index`) keeps one made of plain strings, so that a command resolves
a role with the same rules, messages and suggestions without loading rdflib.

>>> index = name_index([("https://w3id.org/airoles/role/ai-engineer", ["AI engineer"],
...                      ["AI developer"], "AI engineer")], {"role": ROLE_BASE})
>>> resolve_name(index, "role:ai-engineer") == resolve_name(index, "ai developer")
True
>>> resolve_name(index, "ai enginer")
Traceback (most recent call last):
...
airoles_kg.errors.UnknownRoleError: unknown role 'ai enginer'; did you mean: ai-engineer?
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Generic, NamedTuple, TypeVar

from airoles_kg.errors import InputError, UnknownRoleError
from airoles_kg.text import fold

__all__ = [
    "ROLE_BASE",
    "NameIndex",
    "iri_candidates",
    "match_name",
    "name_index",
    "resolve_name",
    "slug",
]

#: The namespace of roles (``role:``), as plain text; ``tests/test_role_index.py`` checks it
#: against :data:`airoles_kg.namespaces.ROLE`.
ROLE_BASE = "https://w3id.org/airoles/role/"

#: A resource: an IRI as text (an rdflib ``URIRef`` is one).
R = TypeVar("R", bound=str)


def slug(iri: str) -> str:
    """The slug of a role IRI (its last path segment).

    >>> slug("https://w3id.org/airoles/role/ai-engineer"), slug("https://e.org/a#b")
    ('ai-engineer', 'b')
    """
    text = str(iri)
    return text[len(ROLE_BASE):] if text.startswith(ROLE_BASE) else re.split(r"[/#]", text)[-1]


class NameIndex(NamedTuple, Generic[R]):
    """Resources by name: by IRI text; folded names in three tiers of priority (slug,
    preferred label or title, alternative label); the folded slugs and English labels that
    suggestions are drawn from (each to its slug, in the resources' order); the prefixes of
    the CURIEs it reads."""

    by_iri: dict[str, R]
    tiers: tuple[dict[str, set[R]], ...]
    suggestions: dict[str, str]
    prefixes: dict[str, str]


def name_index(resources: Iterable[tuple[R, Sequence[str], Sequence[str], str]],
               prefixes: Mapping[str, str]) -> NameIndex[R]:
    """The index of ``resources``, each given as ``(iri, preferred labels or titles,
    alternative labels, English label)``."""
    by_iri: dict[str, R] = {}
    tiers: tuple[dict[str, set[R]], ...] = ({}, {}, {})
    suggestions: dict[str, str] = {}
    for iri, preferred, alternative, english in resources:
        by_iri[str(iri)] = iri
        names = [(0, slug(iri)), *((1, n) for n in preferred), *((2, n) for n in alternative)]
        for tier, name in names:
            key = fold(name)
            if key:
                tiers[tier].setdefault(key, set()).add(iri)
        suggestions.setdefault(fold(slug(iri)), slug(iri))
        suggestions.setdefault(fold(english), slug(iri))
    return NameIndex(by_iri, tiers, suggestions, dict(prefixes))


def iri_candidates(name: str, prefixes: Mapping[str, str]) -> tuple[str, list[str]]:
    """``name`` stripped (and unwrapped from ``<...>``), with the IRIs it may stand for: itself,
    and its expansion if it is a CURIE with one of ``prefixes``; none if it has no colon."""
    text = str(name).strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, sep, local = text.partition(":")
    if not sep:
        return text, []
    candidates = [text]
    if prefix in prefixes:
        candidates.append(prefixes[prefix] + local)
    return text, candidates


def match_name(index: NameIndex[R], text: str, what: str, show: Callable[[R], str],
               use: str) -> R | None:
    """The one resource whose slug or label is ``text`` (tier by tier); ``None`` if none; an
    :class:`~airoles_kg.errors.InputError` naming them if several share it."""
    key = fold(text)
    for tier in index.tiers:
        matches = tier.get(key, set())
        if len(matches) == 1:
            return next(iter(matches))
        if len(matches) > 1:
            names = ", ".join(sorted(show(m) for m in matches))
            raise InputError(f"{what} {text!r} is ambiguous: it names {names}; use {use}")
    return None


def _suggestions(index: NameIndex[R], name: str) -> list[str]:
    """Up to three slugs whose slug or English label is closest to ``name``."""
    import difflib  # here: only a name that matches nothing needs it
    close = difflib.get_close_matches(fold(name), list(index.suggestions), n=6, cutoff=0.5)
    out: list[str] = []
    for key in close:
        if index.suggestions[key] not in out:
            out.append(index.suggestions[key])
    return out[:3]


def resolve_name(index: NameIndex[R], name: str) -> R:
    """The role called ``name`` (IRI, CURIE, slug or label); :class:`UnknownRoleError` with
    suggestions if none, an :class:`~airoles_kg.errors.InputError` listing them if several."""
    text, candidates = iri_candidates(name, index.prefixes)
    for candidate in candidates:
        if candidate in index.by_iri:
            return index.by_iri[candidate]
    found = match_name(index, text, "role name", slug, "a slug")
    if found is not None:
        return found
    raise UnknownRoleError(text, _suggestions(index, text))
