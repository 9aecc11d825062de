"""What the commands share: the ``--data`` option, loading the graph, printing text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from rdflib import Graph

    from airoles_kg.backends.embedded import OxigraphBackend

__all__ = ["FILE", "data_option", "echo", "embedded_store", "load"]

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


def embedded_store(data: Sequence[Path] = (), graph: Graph | None = None) -> OxigraphBackend:
    """The knowledge graph with the ``--data`` files in an in-memory Oxigraph store: without
    ``--data``, loaded from the cached N-Triples (no rdflib parse); else from ``graph`` (the
    same graph, if the caller has loaded it) or :func:`load`."""
    import pyoxigraph as ox

    from airoles_kg.backends.embedded import OxigraphBackend
    from airoles_kg.kg.load import load_ntriples

    if data:
        return OxigraphBackend.from_graph(graph if graph is not None else load(data))
    backend = OxigraphBackend()
    # lenient: the N-Triples are the build's own, written by rdflib and checked when built
    backend.store.bulk_load(load_ntriples(), format=ox.RdfFormat.N_TRIPLES,
                            to_graph=ox.DefaultGraph(), lenient=True)
    return backend


def echo(text: str) -> None:
    """Print ``text``, adding a final line end only if it has none."""
    click.echo(text, nl=not text.endswith("\n"))
