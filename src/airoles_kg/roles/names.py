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

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from airoles_kg.errors import InputError, UnknownRoleError
from airoles_kg.namespaces import AIR, DCTERMS, PREFIXES, RDF, RDFS, SKOS
from airoles_kg.rdf.terms import is_iri_text, short_iri
from airoles_kg.roles.naming import (
    NameIndex,
    iri_candidates,
    match_name,
    name_index,
    resolve_name,
)
from airoles_kg.roles.naming import slug as _slug
from airoles_kg.text import fold

__all__ = ["label", "resolve_resource", "resolve_role", "role_iris", "role_name", "role_names",
           "slug"]


def slug(iri: Node) -> str:
    """The slug of a role IRI (its last path segment)."""
    return _slug(str(iri))


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


def _names(graph: Graph, resources: list[URIRef]) -> NameIndex[URIRef]:
    """The names of ``resources``: preferred labels (or titles), alternative labels and the
    English label."""
    return name_index(
        ((r,
          [str(v) for p in (SKOS.prefLabel, DCTERMS.title) for v in graph.objects(r, p)],
          [str(v) for v in graph.objects(r, SKOS.altLabel)],
          label(graph, r, "en"))
         for r in resources),
        PREFIXES,
    )


def role_names(graph: Graph) -> NameIndex[URIRef]:
    """The names of every role in ``graph``, as :func:`resolve_role` reads them."""
    return _names(graph, role_iris(graph))


def role_name(graph: Graph, role: str) -> str:
    """A role (an IRI) as a comparison names it: its English label, then its slug in
    brackets."""
    return f"{label(graph, URIRef(role))} ({_slug(role)})"


def resolve_role(graph: Graph, name: str | URIRef) -> URIRef:
    """The IRI of the role called ``name``; :class:`UnknownRoleError` with suggestions if none.

    A name shared by several roles (an alternative label, say) is an
    :class:`~airoles_kg.errors.InputError` that lists them.
    """
    return resolve_name(role_names(graph), name)


def resolve_resource(graph: Graph, name: str | URIRef) -> URIRef:
    """The IRI of a role, competency, family or source named by IRI, CURIE, slug or label
    (roles first). Used for the IRI parameters of catalogue queries.
    """
    try:
        return resolve_role(graph, name)
    except UnknownRoleError:
        pass
    text, candidates = iri_candidates(name, PREFIXES)
    for candidate in candidates if is_iri_text(text) else []:
        if (URIRef(candidate), None, None) in graph:
            return URIRef(candidate)
    resources = sorted(
        {s for p in (SKOS.prefLabel, DCTERMS.title) for s in graph.subjects(p, None)
         if isinstance(s, URIRef)},
        key=str,
    )
    found = match_name(_names(graph, resources), text, "name", lambda r: short_iri(str(r)),
                       "a CURIE")
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
