"""The ``airoles-kg`` command line.

Exit codes: 0 ok; 1 non-conformant graph or failed check; 2 bad input or usage (a syntax error
names the file and line); 3 an internal error. Every :class:`~airoles_kg.errors.AirolesError`
becomes one line ``error: ...`` on stderr; no traceback reaches the user unless
``AIROLES_DEBUG=1`` is set.

Other modules add their commands in the block at the end of this file.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from rdflib import Graph

from airoles_kg.errors import AirolesError, CheckFailedError, InputError, NonConformantError
from airoles_kg.paths import project_version

__all__ = ["EXIT_ERROR", "EXIT_FAILED", "EXIT_INPUT", "EXIT_INTERNAL", "EXIT_OK", "main"]

EXIT_OK = 0
EXIT_FAILED = 1  # non-conformant graph, failed check
EXIT_INPUT = 2  # bad input or usage
EXIT_INTERNAL = 3  # a bug
EXIT_ERROR = EXIT_FAILED  # other deliberate errors (endpoint, reasoner)


def exit_code(error: AirolesError) -> int:
    """The exit code of a deliberate error."""
    if isinstance(error, InputError):
        return EXIT_INPUT
    if isinstance(error, NonConformantError | CheckFailedError):
        return EXIT_FAILED
    return EXIT_ERROR


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


class AirolesGroup(click.Group):
    """A group that turns errors into the exit-code contract, for every (sub)command."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except AirolesError as error:
            if os.environ.get("AIROLES_DEBUG") == "1":
                raise
            click.echo(f"error: {_one_line(str(error))}", err=True)
            raise click.exceptions.Exit(exit_code(error)) from None
        except BrokenPipeError:  # output piped into a pager or `head` that stopped reading
            raise click.exceptions.Exit(EXIT_OK) from None
        except Exception as error:  # noqa: BLE001 - the contract: never a traceback
            if os.environ.get("AIROLES_DEBUG") == "1":
                raise
            detail = _one_line(str(error)) or "(no message)"
            click.echo(
                f"internal error: {type(error).__name__}: {detail} "
                "(set AIROLES_DEBUG=1 for the traceback)",
                err=True,
            )
            raise click.exceptions.Exit(EXIT_INTERNAL) from None


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=AirolesGroup, context_settings=CONTEXT)
@click.version_option(project_version(), "-V", "--version", prog_name="airoles-kg")
def main() -> None:
    """airoles-kg: a knowledge graph of AI job roles and the competencies they need.

    Exit codes: 0 ok, 1 non-conformant graph or failed check, 2 bad input or usage,
    3 internal error.
    """


_data_option = click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also load this RDF file (repeatable), merged with the knowledge graph.",
)


def _graph(data: Sequence[Path] = ()) -> Graph:
    from airoles_kg.graph import load_graph

    return load_graph(list(data))


def _echo(text: str) -> None:
    click.echo(text, nl=not text.endswith("\n"))


# --- build and validate -----------------------------------------------------------------------


@main.command()
@click.option(
    "--out",
    "out_dir",
    default="build",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write airoles.ttl, .nt, .jsonld and .owl into.",
)
@click.option("--engine", default="auto", show_default=True, help="SHACL engine for the check.")
@click.option("--no-checks", is_flag=True, help="Skip the check queries (shapes still apply).")
def build(out_dir: Path, engine: str, no_checks: bool) -> None:
    """Validate the graph and write it as Turtle, N-Triples, JSON-LD and RDF/XML.

    Refuses to write anything (exit 1) if the graph does not conform to the shapes or an
    ERROR-level check fails. The files are byte-identical from run to run.
    """
    from airoles_kg.build import build as run_build

    for path in run_build(out_dir, engine=engine, checks=not no_checks):
        click.echo(f"wrote {path} ({path.stat().st_size} bytes)")


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "turtle"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--engine",
    default="auto",
    show_default=True,
    help="SHACL engine: auto, pyshacl, or another registered engine.",
)
@click.option(
    "--shapes",
    "shapes_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Validate against these shapes files instead of the project's shapes (repeatable).",
)
def validate(
    files: tuple[Path, ...], fmt: str, engine: str, shapes_files: tuple[Path, ...]
) -> None:
    """Validate the knowledge graph, or FILES merged with it, against the SHACL shapes.

    The text report groups the results by focus node, each with the message that says how to
    fix it. Exit 1 if there is any violation; warnings and infos do not fail.
    """
    from airoles_kg.graph import new_graph, parse_file
    from airoles_kg.validate import render, summary, validate_files
    from airoles_kg.validate import validate as run_validation

    shapes = None
    if shapes_files:
        shapes = new_graph()
        for path in shapes_files:
            shapes += parse_file(path)
    if files:
        report = validate_files(files, shapes, engine=engine)
    else:
        report = run_validation(_graph(), shapes, engine=engine)
    _echo(render(report, fmt))
    if not report.conforms:
        raise NonConformantError(f"validation failed: {summary(report)}")


# --- queries ----------------------------------------------------------------------------------


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


@main.command()
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
@_data_option
def query(name: str, params: tuple[str, ...], fmt: str, backend: str, store_dir: Path | None,
          endpoint: str | None, graph_iri: str | None, timeout: float, retries: int,
          user: str | None, password_env: str | None, data: tuple[Path, ...]) -> None:
    """Run the catalogue query NAME, or the query in FILE.rq, with parameters.

    IRI parameters take an IRI, a CURIE, or the slug or label of a role, competency, family
    or source: --param role="Ingénieur IA" --param competency=python.
    """
    from airoles_kg.catalogue import format_result, get_query, run_query
    from airoles_kg.remote import password_from_env
    from airoles_kg.roles import resolve_resource
    from airoles_kg.store import open_backend

    given = _parse_params(params)
    cq = get_query(name)
    password = password_from_env(user, password_env)
    # The graph is parsed only when needed: for the in-memory backends, and to resolve a name
    # (slug or label) given as a parameter; a persistent store or an endpoint needs neither.
    graph = functools.cache(lambda: _graph(data))
    in_memory = endpoint is None and store_dir is None
    engine: Any = open_backend(endpoint or backend, graph() if in_memory else None, store_dir,
                               extra=data, timeout=timeout, retries=retries,
                               default_graph=graph_iri, user=user, password=password)
    result = run_query(cq, given, engine, resolve_iri=lambda text: resolve_resource(graph(), text))
    _echo(format_result(result, fmt))


@main.command()
def queries() -> None:
    """List the catalogue queries with their descriptions and parameters."""
    from airoles_kg.catalogue import list_queries

    lines: list[str] = []
    for cq in list_queries():
        lines.append(cq.name)
        lines.append(f"    {cq.description}")
        for p in cq.params:
            need = "required" if p.required else "optional"
            lines.append(f"    --param {p.name}=<{p.type}>  ({need}) {p.description}")
        lines.append("")
    _echo("\n".join(lines))


# --- roles --------------------------------------------------------------------------------------


@main.command()
@_data_option
def roles(data: tuple[Path, ...]) -> None:
    """List the roles: slug, English and French labels, family, number of requirements."""
    from airoles_kg.roles import format_role_list, list_roles

    _echo(format_role_list(list_roles(_graph(data))))


@main.command()
@click.argument("role")
@_data_option
def show(role: str, data: tuple[Path, ...]) -> None:
    """Show a ROLE (slug, IRI, CURIE, or English or French label): labels, definition,
    family, lineage, sources and requirements."""
    from airoles_kg.roles import format_summary, role_summary

    _echo(format_summary(role_summary(_graph(data), role)))


@main.command()
@click.argument("role_a", metavar="ROLE_A")
@click.argument("role_b", metavar="ROLE_B")
@_data_option
def compare(role_a: str, role_b: str, data: tuple[Path, ...]) -> None:
    """Compare two roles: competencies shared, and required by only one, with levels."""
    from airoles_kg.roles import compare_roles, format_comparison

    graph = _graph(data)
    _echo(format_comparison(graph, compare_roles(graph, role_a, role_b)))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True, help="Output format.")
@_data_option
def stats(fmt: str, data: tuple[Path, ...]) -> None:
    """Summary counts: roles, AI roles, competencies, requirements, triples (the catalogue's
    statistics query)."""
    from airoles_kg.catalogue import format_result, run_query

    _echo(format_result(run_query("statistics", {}, _graph(data)), fmt))


# --- source formatting -----------------------------------------------------------------------


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a file is not canonical.")
def fmt(files: tuple[Path, ...], check: bool) -> None:
    """Check or apply the canonical form of the Turtle sources (default: ontology/ and shapes/).

    Each statement is written one fixed way (type first, then labels and descriptions, then the
    other predicates sorted; objects sorted; fixed indentation); comment lines, empty lines and
    the order of statements are kept. A statement holding a comment or a _:label is left as
    written. The result is checked to hold the same triples. Exit 1 with --check if a file
    differs.
    """
    from airoles_kg._io import atomic_write_text
    from airoles_kg.paths import ontology_dir, shapes_dir
    from airoles_kg.serialize import format_turtle_file

    paths = list(files) or sorted([*ontology_dir().glob("*.ttl"), *shapes_dir().glob("*.ttl")])
    if not paths:
        raise InputError("no Turtle files to format")
    changed = []
    for path in paths:
        canonical = format_turtle_file(path)
        current = path.read_text(encoding="utf-8")
        if current != canonical:
            pairs = zip(current.splitlines(), canonical.splitlines(), strict=False)
            line = next((n for n, (a, b) in enumerate(pairs, 1) if a != b), None)
            line = line or min(len(current.splitlines()), len(canonical.splitlines())) + 1
            changed.append(path)
            verb = "would reformat" if check else "reformatted"
            click.echo(f"{verb} {path} (first difference on line {line})")
            if not check:
                atomic_write_text(path, canonical)
    click.echo(f"{len(paths) - len(changed)} of {len(paths)} files canonical")
    if check and changed:
        raise CheckFailedError(
            f"{len(changed)} file(s) not in canonical form; run 'airoles-kg fmt'"
        )


# === Commands from other modules ==============================================================
# Register each with one line: `main.add_command(<module>.<command>)`, importing lazily enough
# that a slow import does not slow `airoles-kg --help` down.
from airoles_kg import release_cli  # noqa: E402 - reason, report, release, diff

main.add_command(release_cli.reason_command)
main.add_command(release_cli.report_command)
main.add_command(release_cli.release_command)
main.add_command(release_cli.diff_command)
from airoles_kg import server  # noqa: E402 - serve, push (triple stores)

main.add_command(server.serve_command)
main.add_command(server.push_command)

# === End of commands from other modules =======================================================


if __name__ == "__main__":  # pragma: no cover
    main()
