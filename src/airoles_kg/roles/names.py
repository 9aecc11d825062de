"""Naming roles and other resources: slugs, IRIs, CURIEs, and English or French labels.

A role is named by its slug (``ai-engineer``), its IRI, a CURIE (``role:ai-engineer``) or an
English or French label (preferred or alternative), ignoring case, accents and punctuation.

>>> from airoles_kg.kg.load import load_graph
>>> g = load_graph()
>>> resolve_role(g, "AI Engineer") == resolve_role(g, "role:ai-engineer")
True
>>> str(resolve_resource(g, "Python"))
'https://w3id.org/airoles/competency/python'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from airoles_kg.errors import InputError, UnknownRoleError
from airoles_kg.namespaces import AIR, DCTERMS, PREFIXES, RDF, RDFS, ROLE, SKOS
from airoles_kg.rdf.terms import is_iri_text, short_iri
from airoles_kg.text import fold

__all__ = ["label", "resolve_resource", "resolve_role", "role_iris", "slug"]


def slug(iri: Node) -> str:
    """The slug of a role IRI (its last path segment)."""
    text = str(iri)
    return text[len(str(ROLE)) :] if text.startswith(str(ROLE)) else re.split(r"[/#]", text)[-1]


def label(graph: Graph, node: Node, lang: str = "en") -> str:
    """The ``skos:prefLabel`` (else ``rdfs:label``, ``dcterms:title``) of ``node`` in ``lang``,
    else in any language, else the last segment of its IRI."""
    for predicate in (SKOS.prefLabel, RDFS.label, DCTERMS.title):
        values = [v for v in graph.objects(node, predicate) if isinstance(v, Literal)]
        for wanted in (lang, "", None):
            for value in sorted(values, key=str):
                if wanted is None or (value.language or "") == wanted:
                    return str(value)
    return slug(node)


def role_iris(graph: Graph) -> list[URIRef]:
    """Every role in ``graph`` (instances of ``air:Role`` or of its subclasses), sorted."""
    classes = {AIR.Role, *graph.transitive_subjects(RDFS.subClassOf, AIR.Role)}
    return sorted(
        {r for c in classes for r in graph.subjects(RDF.type, c) if isinstance(r, URIRef)}, key=str
    )


def _index(graph: Graph, roles: list[URIRef]) -> list[dict[str, set[URIRef]]]:
    """Folded names to resources, in three tiers of priority: slug, preferred label (or title),
    alternative label."""
    tiers: list[dict[str, set[URIRef]]] = [{}, {}, {}]
    for role in roles:
        names: list[tuple[int, str]] = [(0, slug(role))]
        names += [
            (1, str(v)) for p in (SKOS.prefLabel, DCTERMS.title) for v in graph.objects(role, p)
        ]
        names += [(2, str(v)) for v in graph.objects(role, SKOS.altLabel)]
        for tier, name in names:
            key = fold(name)
            if key:
                tiers[tier].setdefault(key, set()).add(role)
    return tiers


def _suggestions(graph: Graph, roles: list[URIRef], name: str) -> list[str]:
    """Up to three slugs whose slug or English label is closest to ``name``."""
    candidates: dict[str, str] = {}
    for role in roles:
        candidates.setdefault(fold(slug(role)), slug(role))
        candidates.setdefault(fold(label(graph, role, "en")), slug(role))
    close = difflib.get_close_matches(fold(name), list(candidates), n=6, cutoff=0.5)
    out: list[str] = []
    for key in close:
        if candidates[key] not in out:
            out.append(candidates[key])
    return out[:3]


def _iri_candidates(name: str | URIRef) -> tuple[str, list[URIRef]]:
    """``name`` stripped (and unwrapped from ``<...>``), with the IRIs it may stand for: itself,
    and its expansion if it is a CURIE with one of our prefixes."""
    text = str(name).strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, sep, local = text.partition(":")
    if not sep or not is_iri_text(text):
        return text, []
    candidates = [URIRef(text)]
    if prefix in PREFIXES:
        candidates.append(URIRef(PREFIXES[prefix] + local))
    return text, candidates


def _match_name(graph: Graph, resources: list[URIRef], text: str, what: str,
                show: Callable[[URIRef], str], use: str) -> URIRef | None:
    """The one resource whose slug or label is ``text`` (tier by tier); ``None`` if none; an
    :class:`~airoles_kg.errors.InputError` naming them if several share it."""
    key = fold(text)
    for tier in _index(graph, resources):
        matches = tier.get(key, set())
        if len(matches) == 1:
            return next(iter(matches))
        if len(matches) > 1:
            names = ", ".join(sorted(show(m) for m in matches))
            raise InputError(f"{what} {text!r} is ambiguous: it names {names}; use {use}")
    return None


def resolve_role(graph: Graph, name: str | URIRef) -> URIRef:
    """The IRI of the role called ``name``; :class:`UnknownRoleError` with suggestions if none.

    A name shared by several roles (an alternative label, say) is an
    :class:`~airoles_kg.errors.InputError` that lists them.
    """
    roles = role_iris(graph)
    known = set(roles)
    text, candidates = _iri_candidates(name)
    for candidate in candidates:
        if candidate in known:
            return candidate
    found = _match_name(graph, roles, text, "role name", slug, "a slug")
    if found is not None:
        return found
    raise UnknownRoleError(text, _suggestions(graph, roles, text))


def resolve_resource(graph: Graph, name: str | URIRef) -> URIRef:
    """The IRI of a role, competency, family or source named by IRI, CURIE, slug or label
    (roles first). Used for the IRI parameters of catalogue queries.
    """
    try:
        return resolve_role(graph, name)
    except UnknownRoleError:
        pass
    text, candidates = _iri_candidates(name)
    for candidate in candidates:
        if (candidate, None, None) in graph:
            return candidate
    resources = sorted(
        {s for p in (SKOS.prefLabel, DCTERMS.title) for s in graph.subjects(p, None)
         if isinstance(s, URIRef)},
        key=str,
    )
    found = _match_name(graph, resources, text, "name", lambda r: short_iri(str(r)), "a CURIE")
    if found is not None:
        return found
    key = fold(text)
    names = {fold(slug(r)): r for r in resources}
    names.update({fold(label(graph, r)): r for r in resources})
    close = difflib.get_close_matches(key, sorted(names), n=3, cutoff=0.6)
    hint = f"; did you mean: {', '.join(short_iri(str(names[c])) for c in close)}?" if close else ""
    raise InputError(
        f"unknown name {text!r}: no role, competency, family or source is called so{hint}"
    )
