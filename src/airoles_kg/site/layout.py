"""Where each thing lives in the site, and what every page builder shares.

A page's path is a site path (``en/role/ai-engineer.html``), always under one language folder.
:func:`page_of` gives the one page (with a fragment for a part of a page) that describes an IRI
of our namespace; the content negotiation rules send the IRI there.

>>> page_of("https://w3id.org/airoles/role/ai-engineer", "fr")
'fr/role/ai-engineer.html'
>>> page_of("https://w3id.org/airoles/ontology#Role", "en")
'en/ontology.html#Role'
>>> page_of("https://example.org/x", "en") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.catalogue.files import CatalogueQuery
from airoles_kg.catalogue.run import QueryResult, run_query
from airoles_kg.namespaces import BASE, DCTERMS, RDFS, SKOS
from airoles_kg.rdf.terms import shorten_iri
from airoles_kg.site.html import Nav, esc, href, link

__all__ = ["DIAGRAMS", "DOWNLOADS", "PAGE_RULES", "Context", "axiom_notes", "page_of", "text_in"]

#: Folders of the site beside the language folders.
DIAGRAMS = "diagrams"
DOWNLOADS = "downloads"

_SLUG = r"([A-Za-z0-9][A-Za-z0-9._-]*)"
#: Where each IRI's page is: (regular expression on the IRI after the namespace, page in a
#: language folder with ``\\1`` for the first group); the first that matches wins. The content
#: negotiation rules are written from the same list.
PAGE_RULES: tuple[tuple[str, str], ...] = (
    (r"role/(?:scheme)?", "index.html#roles"),
    (rf"role/{_SLUG}", r"role/\1.html"),
    (r"competency/(?:scheme)?", "competencies.html"),
    (rf"competency/{_SLUG}", r"competency/\1.html"),
    (r"family/", "index.html#families"),
    (rf"family/{_SLUG}", r"family/\1.html"),
    (r"requirement/([a-z0-9-]+?)--([A-Za-z0-9._-]+)", r"role/\1.html#req-\2"),
    (r"source/", "sources.html"),
    (rf"source/{_SLUG}", r"sources.html#\1"),
    (r"onet/", "crosswalk.html"),
    (rf"onet/{_SLUG}", r"crosswalk.html#onet-\1"),
    (rf"onet/(element|commodity)/{_SLUG}", r"crosswalk.html#onet-\1-\2"),
    (rf"agent/{_SLUG}", r"index.html#agent-\1"),
    (r"ontology/[0-9][^/#]*(?:/[a-z][a-z-]*)?", "downloads.html"),
    (r"ontology/([a-z][a-z-]*)", r"ontology.html#module-\1"),
    (r"ontology#?", "ontology.html"),
    (rf"ontology#{_SLUG}", r"ontology.html#\1"),
    (r"shapes(?:/[0-9][^/#]*)?(?:/[a-z]+)?#?", "shapes.html"),
    (rf"shapes#{_SLUG}", r"shapes.html#\1"),
)
_PAGES = tuple((re.compile(pattern + r"\Z"), target) for pattern, target in PAGE_RULES)


def page_of(iri: str, lang: str) -> str | None:
    """The site path of the page (and fragment) that describes ``iri``, or None if it is
    not in our namespace or has no page."""
    if not iri.startswith(BASE):
        return None
    rest = iri[len(BASE):]
    for pattern, target in _PAGES:
        match = pattern.match(rest)
        if match is not None:
            return f"{lang}/" + match.expand(target)
    return None


def text_in(graph: Graph, node: Node, lang: str,
            predicates: tuple[URIRef, ...] = (SKOS.prefLabel, RDFS.label, DCTERMS.title)) -> str:
    """The first value of ``predicates`` on ``node`` in ``lang`` exactly, or ``""``: a page
    in one language shows no text of the other."""
    for predicate in predicates:
        values = sorted(str(v) for v in graph.objects(node, predicate)
                        if isinstance(v, Literal) and v.language == lang)
        if values:
            return " ".join(values[0].split())
    return ""


@dataclass
class Context:
    """What the page builders share: the graph, the embedded store it is loaded in, the
    version, the languages built, and the pages written so far (site path -> bytes)."""

    graph: Graph
    store: OxigraphBackend
    version: str
    langs: tuple[str, ...]
    files: dict[str, bytes] = field(default_factory=dict)
    dots: dict[str, str] = field(default_factory=dict)
    answers: dict[tuple[str, tuple[tuple[str, str], ...]], QueryResult] = field(
        default_factory=dict)
    memo: dict[str, object] = field(default_factory=dict)

    def run(self, query: CatalogueQuery | str, params: Mapping[str, str | Node]) -> QueryResult:
        """The answer of a catalogue query on the store, computed once for every language."""
        name = query if isinstance(query, str) else query.name
        key = (name, tuple(sorted((k, str(v)) for k, v in params.items())))
        if key not in self.answers:
            self.answers[key] = run_query(query, params, self.store)
        return self.answers[key]

    def nav(self, lang: str) -> Nav:
        return Nav(lang, len(self.langs) > 1, self.version)

    def add(self, path: str, content: str | bytes) -> None:
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content

    def label(self, node: Node, lang: str) -> str:
        """The label of ``node`` in ``lang``; an untagged one; else its CURIE or IRI."""
        found = text_in(self.graph, node, lang)
        if found:
            return found
        for predicate in (SKOS.prefLabel, RDFS.label, DCTERMS.title):
            plain = sorted(str(v) for v in self.graph.objects(node, predicate)
                           if isinstance(v, Literal) and not v.language)
            if plain:
                return plain[0]
        return shorten_iri(str(node))

    def link_to(self, source: str, node: Node, lang: str, text: str | None = None) -> str:
        """A link to the page of ``node`` (our IRIs), else its label with the IRI shown."""
        shown = text if text is not None else self.label(node, lang)
        target = page_of(str(node), lang)
        if target is not None:
            return link(source, target, shown)
        if isinstance(node, URIRef):
            return f'<a href="{esc(str(node))}">{esc(shown)}</a>'
        return esc(shown)

    def figure(self, source: str, svg_path: str, dot_text: str, alt: str, caption: str) -> str:
        """A figure on the page at ``source`` showing the diagram ``dot_text`` (drawn later,
        with every other, as ``svg_path``), with ``alt`` text and a caption."""
        self.dots[svg_path] = dot_text
        return (f'<figure tabindex="0"><img src="{esc(href(source, svg_path))}" '
                f'alt="{esc(alt)}">'
                f"<figcaption>{esc(caption)}</figcaption></figure>")


def axiom_notes(graph: Graph, subject: Node, predicate: Node, obj: Node) -> list[tuple[URIRef,
                                                                                      Node]]:
    """The annotations of the triple (its ``owl:Axiom``s): (property, value), sorted."""
    from airoles_kg.namespaces import OWL, RDF

    notes: set[tuple[URIRef, Node]] = set()
    for axiom in graph.subjects(OWL.annotatedSource, subject):
        if (axiom, OWL.annotatedProperty, predicate) in graph and \
                (axiom, OWL.annotatedTarget, obj) in graph:
            for p, o in graph.predicate_objects(axiom):
                if isinstance(p, URIRef) and p not in (
                        OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget,
                        RDF.type):
                    notes.add((p, o))
    return sorted(notes, key=lambda pair: (str(pair[0]), str(pair[1])))
