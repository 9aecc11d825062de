"""``query``, ``queries`` and ``stats``: the SPARQL catalogue, with parameters, on any backend."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from airoles_kg.cli.options import data_option, echo, embedded_store, load

if TYPE_CHECKING:
    from rdflib import URIRef

__all__ = ["queries_command", "query_command", "stats_command"]


def _parse_params(values: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{value!r}: write NAME=VALUE", param_hint="--param")
        if name.strip() in params:
            raise click.BadParameter(f"{name.strip()} given twice", param_hint="--param")
        params[name.strip()] = text
    return params


@click.command("query")
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter (repeatable). Role parameters take any role name.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True, help="Output format.")
@click.option("--backend", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph",
              show_default=True, help="Query engine.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Persistent Oxigraph store folder (loaded once, then reused).")
@click.option("--endpoint", default=None, metavar="URL",
              help="Run the query at this SPARQL endpoint instead of locally.")
@click.option("--graph", "graph_iri", default=None, metavar="IRI",
              help="With --endpoint: query this named graph (as pushed) as the default graph.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1),
              help="With --endpoint: seconds to wait for the answer.")
@click.option("--retries", default=3, show_default=True, type=click.IntRange(0),
              help="With --endpoint: retries on transient failures (refused, 502, 503, 504).")
@click.option("--user", default=None,
              help="With --endpoint: user name for HTTP digest or basic authentication.")
@click.option("--password-env", default=None, metavar="VAR",
              help="With --endpoint: the environment variable that holds the password.")
@data_option
def query_command(
    name: str, params: tuple[str, ...], fmt: str, backend: str, store_dir: Path | None,
    endpoint: str | None, graph_iri: str | None, timeout: float, retries: int,
    user: str | None, password_env: str | None, data: tuple[Path, ...],
) -> None:
    """Run the catalogue query NAME, or the query in FILE.rq, with parameters.

    IRI parameters take an IRI, a CURIE, or the slug or label of a role, competency, family
    or source: --param role="Ingénieur IA" --param competency=python.
    """
    from airoles_kg.catalogue.files import get_query
    from airoles_kg.catalogue.format import format_result
    from airoles_kg.catalogue.run import run_query

    given = _parse_params(params)
    cq = get_query(name)
    password = None
    if user is not None or password_env is not None:
        from airoles_kg.backends.http import password_from_env

        password = password_from_env(user, password_env)
    # The graph is parsed only when needed: for the in-memory backends, and to resolve a name
    # (slug or label) given as a parameter; a persistent store or an endpoint needs neither.
    graph = functools.cache(lambda: load(data))

    def resolve_iri(text: str) -> URIRef:
        from airoles_kg.roles.names import resolve_resource

        return resolve_resource(graph(), text)

    # Oxigraph in memory: the cached build with no --data (no rdflib import unless a parameter
    # needs it); otherwise the --data files are streamed into its store (rdf/read.py), as
    # validate reads them.
    in_memory = endpoint is None and store_dir is None
    engine: Any
    if in_memory and backend == "oxigraph" and not data:
        engine = embedded_store()
    else:
        from airoles_kg.backends.factory import open_backend

        engine = open_backend(endpoint or backend,
                              graph() if in_memory and backend == "rdflib" else None, store_dir,
                              extra=data, timeout=timeout, retries=retries,
                              default_graph=graph_iri, user=user, password=password)
    result = run_query(cq, given, engine, resolve_iri=resolve_iri)
    echo(format_result(result, fmt))


@click.command("queries")
def queries_command() -> None:
    """List the catalogue queries with their descriptions and parameters."""
    from airoles_kg.catalogue.files import list_queries

    lines: list[str] = []
    for cq in list_queries():
        lines.append(cq.name)
        lines.append(f"    {cq.description}")
        for p in cq.params:
            need = "required" if p.required else "optional"
            lines.append(f"    --param {p.name}=<{p.type}>  ({need}) {p.description}")
        lines.append("")
    echo("\n".join(lines))


@click.command("stats")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True, help="Output format.")
@data_option
def stats_command(fmt: str, data: tuple[Path, ...]) -> None:
    """Summary counts: roles, AI roles, competencies, requirements, triples (the catalogue's
    statistics query)."""
    from airoles_kg.backends.factory import open_backend
    from airoles_kg.catalogue.format import format_result
    from airoles_kg.catalogue.run import run_query

    engine = open_backend("oxigraph", extra=data)  # the --data files streamed, as validate
    echo(format_result(run_query("statistics", {}, engine), fmt))
