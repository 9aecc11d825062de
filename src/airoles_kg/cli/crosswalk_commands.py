"""``mappings``, ``match`` and ``search``: the crosswalk as SSSOM, the roles that fit a person,
and roles and competencies by any label."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import click

from airoles_kg.cli.options import FILE, data_option, echo, load

__all__ = ["mappings_command", "match_command", "search_command"]

backend_option = click.option(
    "--backend", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph",
    show_default=True, help="Query engine.")
store_option = click.option(
    "--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Persistent Oxigraph store folder (loaded once, then reused).")
format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
    show_default=True, help="Output format.")


def _engine(backend: str, store_dir: Path | None, data: tuple[Path, ...],
            graph: Any) -> Any:
    from airoles_kg.backends.factory import open_backend

    return open_backend(backend, graph() if store_dir is None else None, store_dir, extra=data)


@click.command("mappings")
@click.option("--format", "fmt", type=click.Choice(["sssom-tsv", "sssom-json", "turtle"]),
              default="sssom-tsv", show_default=True, help="SSSOM serialisation.")
@click.option("--out", "out_file", type=FILE, default=None,
              help="Write the mapping set to this file (atomically) instead of standard output.")
@data_option
def mappings_command(fmt: str, out_file: Path | None, data: tuple[Path, ...]) -> None:
    """Export the crosswalk to ESCO and O*NET as an SSSOM mapping set.

    Every SKOS mapping of the graph (from every ontology file and --data), with the labels of
    both sides, its justification, confidence and comment.
    """
    from airoles_kg.atomic import atomic_write_text
    from airoles_kg.crosswalk.mappings import read_mappings
    from airoles_kg.crosswalk.sssom import render_mapping_set
    from airoles_kg.errors import InputError
    from airoles_kg.paths import project_version

    text = render_mapping_set(read_mappings(load(data)), project_version(), fmt)
    if out_file is None:
        echo(text)
        return
    try:
        atomic_write_text(out_file, text)
    except OSError as exc:
        raise InputError(f"{out_file}: cannot write: {exc.strerror or exc}") from None
    click.echo(f"wrote {out_file}")


@click.command("match")
@click.option("--has", "has", multiple=True, metavar="COMPETENCY[=LEVEL]",
              help="A competency the person has, with a level name or rank (default: "
                   "competent); repeatable. Our IRI, CURIE, slug or label, an ESCO IRI, or an "
                   "O*NET element ID or commodity code.")
@click.option("--from", "from_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="A CSV file with the columns competency,level.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(0),
              help="Show this many roles (0: all that fit).")
@format_option
@backend_option
@store_option
@data_option
def match_command(has: tuple[str, ...], from_file: Path | None, top: int, fmt: str,
                  backend: str, store_dir: Path | None, data: tuple[Path, ...]) -> None:
    """Rank the roles that fit a person's competencies, with the gap to each.

    The gap lists the missing essential competencies first, then those under the required
    level, then the optional ones.
    """
    from airoles_kg.crosswalk.fit import match_roles
    from airoles_kg.crosswalk.profile import ProfileResolver, merge, read_profile_csv
    from airoles_kg.crosswalk.render import format_fits
    from airoles_kg.errors import InputError

    if not has and from_file is None:
        raise InputError("give the person's competencies: --has COMPETENCY[=LEVEL] "
                         "(repeatable) or --from FILE.csv")
    graph = functools.cache(lambda: load(data))
    resolver = ProfileResolver(graph())
    holdings = resolver.parse_all(has)
    if from_file is not None:
        holdings = merge([*holdings, *read_profile_csv(from_file, resolver)])
    fits = match_roles(_engine(backend, store_dir, data, graph), holdings)
    echo(format_fits(fits[:top] if top else fits, holdings, fmt))


@click.command("search")
@click.argument("text")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(0),
              help="Show this many results (0: all).")
@format_option
@backend_option
@store_option
@data_option
def search_command(text: str, limit: int, fmt: str, backend: str, store_dir: Path | None,
                   data: tuple[Path, ...]) -> None:
    """Find roles and competencies by any English or French label, alternative labels
    included, ignoring case and accents; best matches first."""
    from airoles_kg.crosswalk.render import format_hits
    from airoles_kg.crosswalk.search import search

    graph = functools.cache(lambda: load(data))
    hits = search(_engine(backend, store_dir, data, graph), text)
    echo(format_hits(hits[:limit] if limit else hits, fmt))
