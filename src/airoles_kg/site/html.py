"""HTML of the site: escaping, relative links, tables and the page around the content.

Every page is plain HTML5 with one shared style sheet and no script, so it opens from the file
system with no server and no network. Links are relative, so the folder can be moved.

>>> href("en/role/ai-engineer.html", "en/index.html")
'../index.html'
>>> esc('<a & "b">')
'&lt;a &amp; &quot;b&quot;&gt;'
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from airoles_kg.site.words import LANG_NAMES, other_lang, word

__all__ = ["CSS", "CSS_PATH", "REFERENCE_PAGES", "Nav", "esc", "href", "link", "page",
           "reference_links", "table"]

#: The pages about the whole graph, in the order the menu and the home page list them; each
#: is ``{lang}/{name}.html`` and titled by the word of the same name.
REFERENCE_PAGES: tuple[str, ...] = ("competencies", "ontology", "shapes", "queries", "quality",
                                    "changelog", "downloads")


def reference_links(lang: str, names: Iterable[str] = REFERENCE_PAGES) -> list[tuple[str, str]]:
    """``(path, title)`` of the pages ``names`` in ``lang``."""
    return [(f"{lang}/{name}.html", word(lang, name)) for name in names]

CSS_PATH = "assets/site.css"

CSS = """\
:root { color-scheme: light; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1b1b1b; background: #ffffff; }
a { color: #0b4f9c; }
a:visited { color: #5b2a86; }
a:focus { outline: 3px solid #f2b600; }
.skip { position: absolute; left: -999px; top: 0; background: #ffffff; padding: 0.5em; }
.skip:focus { left: 0.5em; }
header { background: #12355b; color: #ffffff; padding: 0.5em 1em; }
header a, header a:visited { color: #ffffff; }
header nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap;
  gap: 0.25em 1.2em; }
header .switch { margin-left: auto; }
main { max-width: 72em; margin: 0 auto; padding: 1em 1.5em 2em; }
footer { border-top: 1px solid #cccccc; color: #3d3d3d; padding: 1em 1.5em; font-size: 0.9em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #b8b8b8; padding: 0.25em 0.6em; text-align: left;
  vertical-align: top; }
th { background: #eef2f7; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
pre { background: #f4f4f4; border: 1px solid #d0d0d0; padding: 0.6em; overflow-x: auto; }
figure { margin: 1em 0; overflow: auto; max-height: 48em; border: 1px solid #e2e2e2; }
figure:focus { outline: 3px solid #f2b600; }
figcaption { color: #3d3d3d; font-size: 0.9em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.term { border-top: 1px solid #d8d8d8; padding-top: 0.3em; }
.iri { color: #3d3d3d; font-size: 0.9em; word-break: break-all; }
.columns { columns: 18em; }
"""


def esc(text: object) -> str:
    """``text`` escaped for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def href(source: str, target: str) -> str:
    """The relative link from the page at ``source`` to ``target`` (both site paths, with an
    optional ``#fragment`` on the target)."""
    path, _, fragment = target.partition("#")
    relative = posixpath.relpath(path, posixpath.dirname(source) or ".")
    return relative + (f"#{fragment}" if fragment else "")


def link(source: str, target: str, text: str, *, lang: str | None = None) -> str:
    """An ``<a>`` from the page at ``source`` to ``target``."""
    extra = f' lang="{esc(lang)}" hreflang="{esc(lang)}"' if lang else ""
    return f'<a href="{esc(href(source, target))}"{extra}>{esc(text)}</a>'


def table(head: Sequence[str], rows: Iterable[Sequence[str]], *,
          numeric: Iterable[int] = ()) -> str:
    """A table; ``head`` is text, each cell of ``rows`` is HTML already."""
    right = set(numeric)
    lines = ["<table>", "<thead><tr>"
             + "".join(f'<th scope="col">{esc(h)}</th>' for h in head) + "</tr></thead>",
             "<tbody>"]
    for row in rows:
        cells = "".join(
            f'<td class="num">{c}</td>' if i in right else f"<td>{c}</td>"
            for i, c in enumerate(row)
        )
        lines.append(f"<tr>{cells}</tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


@dataclass(frozen=True)
class Nav:
    """What every page links to: the site paths of the main pages in one language, and
    whether the other language is built."""

    lang: str
    both_languages: bool
    version: str

    def items(self) -> list[tuple[str, str]]:
        lang = self.lang
        return [
            (f"{lang}/index.html", word(lang, "home")),
            (f"{lang}/index.html#roles", word(lang, "roles")),
            *reference_links(lang),
        ]


def page(path: str, nav: Nav, title: str, body: str, *, iri: str | None = None) -> str:
    """A whole page at site path ``path``: head, navigation with the language switch,
    ``body`` (HTML, starting below the ``<h1>``, which is ``title``) and footer. ``iri`` is
    the IRI the page describes, if any (``data-iri`` on ``<main>``)."""
    lang = nav.lang
    items = "".join(f"<li>{link(path, target, text)}</li>" for target, text in nav.items())
    head_links = [f'<link rel="stylesheet" href="{esc(href(path, CSS_PATH))}">']
    if nav.both_languages:
        other = other_lang(lang)
        twin = other + path[len(lang):]
        head_links.append(f'<link rel="alternate" hreflang="{other}" '
                          f'href="{esc(href(path, twin))}">')
        switch = (f'<li class="switch">'
                  f'{link(path, twin, LANG_NAMES[other] , lang=other)}</li>')
        items += switch
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)} — {esc(word(lang, 'site'))}</title>",
        *head_links,
        "</head>",
        "<body>",
        f'<a class="skip" href="#main">{esc(word(lang, "skip"))}</a>',
        f'<header><nav aria-label="{esc(word(lang, "nav"))}"><ul>{items}</ul></nav></header>',
        f'<main id="main" data-iri="{esc(iri)}">' if iri else '<main id="main">',
        f"<h1>{esc(title)}</h1>",
        body,
        "</main>",
        f"<footer><p>{esc(word(lang, 'footer', version=nav.version))}</p></footer>",
        "</body>",
        "</html>",
        "",
    ])
