"""Content negotiation for the namespace: an Apache ``.htaccess`` (mod_rewrite).

The site's folder is served at the namespace's path (``/airoles/``, as ``https://w3id.org/
airoles/`` names it). A request for an IRI of the namespace is redirected (303 See Other):
asking for Turtle, N-Triples, JSON-LD or RDF/XML, to the graph in that syntax in
``downloads/``; otherwise (``text/html``, a browser, anything else) to the IRI's page, in
French when the first language the client accepts is French, else in English. The rules are
written from :data:`~airoles_kg.site.layout.PAGE_RULES`, which also places the pages.

>>> text = htaccess(("en", "fr"))
>>> "RewriteCond %{HTTP_ACCEPT} text/turtle [NC]" in text
True
"""

from __future__ import annotations

import re

from airoles_kg.namespaces import BASE
from airoles_kg.pipeline.build import ARTIFACT_STEM
from airoles_kg.site.layout import DOWNLOADS, PAGE_RULES

__all__ = ["MEDIA_TYPES", "NAMESPACE_PATH", "htaccess"]

#: Each RDF media type, and the extension of the file of the graph in that syntax.
MEDIA_TYPES: dict[str, str] = {
    "text/turtle": ".ttl",
    "application/n-triples": ".nt",
    "application/ld+json": ".jsonld",
    "application/rdf+xml": ".owl",
}
#: The path the site's folder is served at (the namespace's path).
NAMESPACE_PATH = "/" + BASE.split("://", 1)[1].split("/", 1)[1]

#: The first path segments of the namespace's IRIs.
_ANY_IRI = (r"^(?:(?:role|competency|family|requirement|source|onet|agent)/.*"
            r"|(?:ontology|shapes)(?:/.*)?)$")


def _apache(pattern: str) -> str | None:
    """A rule's pattern as Apache sees the request path (no fragment ever reaches it)."""
    if re.search(r"#(?![?\]])", pattern):  # a part of a page: the fragment names it
        return None
    return "^" + pattern.replace("#?", "") + "$"


def htaccess(langs: tuple[str, ...]) -> str:
    """The ``.htaccess`` for a site built in ``langs`` (the first is the default)."""
    lines = [
        f"# Content negotiation for {BASE}, written by 'airoles-kg docs'.",
        f"# Serve this folder at {NAMESPACE_PATH} with Apache's mod_rewrite.",
        "Options -MultiViews",
        "DirectoryIndex index.html",
        *(f"AddType {media} {ext}" for media, ext in MEDIA_TYPES.items()),
        "AddCharset utf-8 .html .ttl .nt .jsonld .owl",
        "RewriteEngine on",
        f"RewriteBase {NAMESPACE_PATH}",
        "",
        "# RDF: the graph in the syntax asked for.",
    ]
    for media, ext in MEDIA_TYPES.items():
        accept = media.replace("+", r"\+")
        lines += [f"RewriteCond %{{HTTP_ACCEPT}} {accept} [NC]",
                  f"RewriteRule {_ANY_IRI} {DOWNLOADS}/{ARTIFACT_STEM}{ext} [R=303,L]"]
    default, others = langs[0], langs[1:]
    for lang in (*others, default):
        lines += ["", f"# HTML: the page of the IRI, in {lang}"
                  + (" for a client that prefers it." if lang != default else ".")]
        for pattern, target in PAGE_RULES:
            apache = _apache(pattern)
            if apache is None:
                continue
            substitution = f"{lang}/" + target.replace("\\1", "$1").replace("\\2", "$2")
            flags = "R=303,NE,L" if "#" in substitution else "R=303,L"
            if lang != default:
                lines.append(f"RewriteCond %{{HTTP:Accept-Language}} ^{lang}\\b [NC]")
            lines.append(f"RewriteRule {apache} {substitution} [{flags}]")
    return "\n".join(lines) + "\n"
