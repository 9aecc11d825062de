"""``build_site``: the static site of the knowledge graph, written atomically as a set.

Every page, diagram, download and the ``.htaccess`` is made in memory first; the files are
then written into a staging folder beside the target, which replaces the target in one rename
(the old site, if any, is removed after). A failure leaves the target as it was. The bytes are
the same from run to run on a machine: pages are written from sorted data, the diagrams'
SVG is stripped of its comments, and nothing records the time of the build.

>>> sorted(LANG_CHOICES)
['all', 'en', 'fr']
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from airoles_kg.atomic import atomic_directory
from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.errors import InputError
from airoles_kg.kg.load import load_graph, load_shapes
from airoles_kg.paths import project_version
from airoles_kg.pipeline.build import render_artifacts
from airoles_kg.site.diagrams import render_svgs
from airoles_kg.site.entities import entity_pages
from airoles_kg.site.html import CSS, CSS_PATH, esc
from airoles_kg.site.layout import DOWNLOADS, Context
from airoles_kg.site.negotiation import htaccess
from airoles_kg.site.reference import reference_pages
from airoles_kg.site.words import LANG_NAMES, LANGS, word

__all__ = ["LANG_CHOICES", "MARKER", "SiteResult", "build_site", "site_files"]

#: ``--lang`` values: one language, or all of them.
LANG_CHOICES: dict[str, tuple[str, ...]] = {"en": ("en",), "fr": ("fr",), "all": LANGS}
#: A file every site holds, so that only a folder made by this build is ever replaced.
MARKER = ".airoles-site"


@dataclass(frozen=True)
class SiteResult:
    """What :func:`build_site` wrote."""

    directory: Path
    files: int
    pages: int
    bytes: int
    seconds: float


def _chooser(langs: tuple[str, ...], version: str) -> str:
    first = langs[0]
    items = "".join(
        f'<li><a href="{lang}/index.html" lang="{lang}" hreflang="{lang}">'
        f"{esc(LANG_NAMES[lang])} — {esc(word(lang, 'home_title'))}</a></li>"
        for lang in langs)
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{first}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(word(first, 'site'))}</title>",
        f'<link rel="stylesheet" href="{CSS_PATH}">', "</head>", "<body>",
        '<main id="main">', f"<h1>{esc(word(first, 'site'))} {esc(version)}</h1>",
        f"<p>{esc(word(first, 'choose'))}</p>", f"<ul>{items}</ul>", "</main>", "</body>",
        "</html>", ""])


def site_files(langs: tuple[str, ...] = LANGS, *, graph: Graph | None = None,
               releases: Path | None = None) -> dict[str, bytes]:
    """Every file of the site (site path -> bytes) for ``langs``; ``releases`` is the folder
    of released versions the changelog and downloads compare with (none: said so)."""
    graph = graph if graph is not None else load_graph()
    ctx = Context(graph, OxigraphBackend.from_graph(graph), project_version(), langs)
    artefacts = render_artifacts(graph)
    shapes = load_shapes()
    for lang in langs:
        entity_pages(ctx, lang)
        reference_pages(ctx, lang, shapes=shapes, artefacts=artefacts, releases=releases)
    for name, data in artefacts.items():
        ctx.add(f"{DOWNLOADS}/{name}", data)
    ctx.add(f"{DOWNLOADS}/SHA256SUMS", "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(
            artefacts.items())))
    for path, svg in render_svgs(ctx.dots).items():
        ctx.add(path, svg)
    ctx.add("index.html", _chooser(langs, ctx.version))
    ctx.add(CSS_PATH, CSS)
    ctx.add(".htaccess", htaccess(langs))
    ctx.add(MARKER, f"airoles-kg {ctx.version} site\n")
    return dict(sorted(ctx.files.items()))


def _replaceable(target: Path) -> bool:
    return not target.exists() or (target.is_dir() and (
        (target / MARKER).is_file() or not any(target.iterdir())))


def build_site(out: str | Path = "site", *, lang: str = "all", graph: Graph | None = None,
               releases: Path | None = None) -> SiteResult:
    """Build the site into ``out`` (replacing a site built there before, as one rename)."""
    started = time.perf_counter()
    if lang not in LANG_CHOICES:
        raise InputError(f"unknown language {lang!r}: use one of {', '.join(LANG_CHOICES)}")
    target = Path(out)
    if not _replaceable(target):
        raise InputError(f"{target}: exists and is not a site built by 'airoles-kg docs' "
                         "(no .airoles-site file); remove it or choose another --out")
    files = site_files(LANG_CHOICES[lang], graph=graph, releases=releases)
    staged = target.parent / f".{target.name}.new-{os.getpid()}"
    with atomic_directory(staged) as staging:
        for path, data in files.items():
            file = staging / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(data)
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    try:
        if target.exists():
            os.rename(target, old)
        os.rename(staged, target)
    except BaseException:
        if old.exists() and not target.exists():
            os.rename(old, target)
        shutil.rmtree(staged, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    pages = sum(1 for p in files if p.endswith(".html"))
    return SiteResult(target, len(files), pages, sum(len(d) for d in files.values()),
                      time.perf_counter() - started)
