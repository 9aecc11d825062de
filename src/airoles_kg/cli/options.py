"""What the commands share: the ``--data`` option, loading the graph, printing text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click
from rdflib import Graph

__all__ = ["FILE", "data_option", "echo", "load"]

#: A file argument or option (not a folder).
FILE = click.Path(path_type=Path, dir_okay=False)

data_option = click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also load this RDF file (repeatable), merged with the knowledge graph.",
)


def load(data: Sequence[Path] = ()) -> Graph:
    """The knowledge graph, with the ``--data`` files merged in."""
    from airoles_kg.kg.load import load_graph

    return load_graph(list(data))


def echo(text: str) -> None:
    """Print ``text``, adding a final line end only if it has none."""
    click.echo(text, nl=not text.endswith("\n"))
