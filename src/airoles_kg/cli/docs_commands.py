"""``docs``: the static site of the knowledge graph, for a browser, with no server."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["docs_command"]


@click.command("docs")
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("site"),
              show_default=True, help="Folder of the site (replaced as a whole if it holds a "
              "site built before).")
@click.option("--lang", type=click.Choice(["en", "fr", "all"]), default="all",
              show_default=True, help="The languages of the pages.")
@click.option("--releases", type=click.Path(path_type=Path, file_okay=False),
              default=Path("releases"), show_default=True,
              help="Released versions the changelog compares with (none there: it says so).")
def docs_command(out: Path, lang: str, releases: Path) -> None:
    """Write the static site: a page per role, competency and family, the ontology, shapes,
    queries, quality report, changelog and downloads, in English and French, with diagrams
    drawn by Graphviz dot and an .htaccess for content negotiation.

    Open OUT/index.html in a browser: no server and no network needed.
    """
    from airoles_kg.site.build import build_site

    result = build_site(out, lang=lang, releases=releases)
    click.echo(f"wrote {result.directory}/ ({result.pages} pages, {result.files} files, "
               f"{result.bytes} bytes) in {result.seconds:.1f} s; open "
               f"{result.directory / 'index.html'} in a browser")
