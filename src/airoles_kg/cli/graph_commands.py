"""``build``, ``validate`` and ``fmt``: the graph written, checked against the shapes, and its
Turtle sources kept canonical."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from airoles_kg.cli.options import echo, load
from airoles_kg.errors import CheckFailedError, InputError, NonConformantError

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    from airoles_kg.rdf.locations import Location
    from airoles_kg.shacl.report import ValidationReport

__all__ = ["build_command", "fmt_command", "validate_command"]


@click.command("build")
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
def build_command(out_dir: Path, engine: str, no_checks: bool) -> None:
    """Validate the graph and write it as Turtle, N-Triples, JSON-LD and RDF/XML.

    Refuses to write anything (exit 1) if the graph does not conform to the shapes or an
    ERROR-level check fails. The files are byte-identical from run to run.
    """
    from airoles_kg.pipeline.build import build as run_build

    for path in run_build(out_dir, engine=engine, checks=not no_checks):
        click.echo(f"wrote {path} ({path.stat().st_size} bytes)")


@click.command("validate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "turtle", "csv", "markdown", "html"]),
    default="text",
    show_default=True,
    help="Report format: csv is the problems table, html one self-contained page.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "fr"]),
    default="en",
    show_default=True,
    help="Language of the report: the fix messages and the report's own words.",
)
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file (atomically) instead of standard output.",
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
@click.option(
    "--languages",
    default=None,
    metavar="LANGS",
    help="The label and definition languages the data promises, such as en or en,fr,de "
    "(default: en,fr, as the project's own data).",
)
@click.option(
    "--standalone",
    is_flag=True,
    help="Validate FILES on their own: with the project's ontology and vocabulary "
    "(competencies, levels, importance, families) but not its roles and requirements.",
)
@click.option("--endpoint", default=None, metavar="URL",
              help="Validate the data at this SPARQL endpoint (read-only: SELECT queries only).")
@click.option("--graph", "graph_iri", default=None, metavar="IRI",
              help="With --endpoint: validate this named graph (as pushed).")
@click.option("--user", default=None,
              help="With --endpoint: user name for HTTP digest or basic authentication.")
@click.option("--password-env", default=None, metavar="VAR",
              help="With --endpoint: the environment variable that holds the password.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1),
              help="With --endpoint: seconds to wait for each answer.")
@click.option("--allow-partial", is_flag=True,
              help="With --endpoint: validate with the shapes that can run remotely, and name "
              "the others, instead of refusing.")
def validate_command(
    files: tuple[Path, ...],
    fmt: str,
    lang: str,
    out_file: Path | None,
    engine: str,
    shapes_files: tuple[Path, ...],
    languages: str | None,
    standalone: bool,
    endpoint: str | None = None,
    graph_iri: str | None = None,
    user: str | None = None,
    password_env: str | None = None,
    timeout: float = 30.0,
    allow_partial: bool = False,
) -> None:
    """Validate the knowledge graph, or FILES merged with it, against the SHACL shapes.

    The text report groups the results by focus node, each with the message that says how to
    fix it; with Turtle FILES each focus node is named with the line that describes it, and a
    value that should be one of our terms and is not names the closest ones. Exit 1
    if there is any violation; warnings and infos do not fail. With --endpoint, the data at a
    SPARQL server is validated there by the compiled shapes; shapes that cannot run remotely
    are named (exit 2) unless --allow-partial.
    """
    from airoles_kg.kg.load import merge_files
    from airoles_kg.rdf.parse import new_graph
    from airoles_kg.shacl.engine import has_shapes
    from airoles_kg.shacl.render import render
    from airoles_kg.shacl.report import summary
    from airoles_kg.shacl.validate import validate as run_validation
    from airoles_kg.shacl.validate import validate_files

    shapes = merge_files(shapes_files, new_graph()) if shapes_files else None
    if shapes is not None and not has_shapes(shapes):
        names = ", ".join(str(p) for p in shapes_files)
        raise InputError(f"{names}: no SHACL shape in it (no sh:NodeShape, sh:PropertyShape "
                         "or target); give the shapes to validate against")
    if languages is not None:
        from airoles_kg.kg.load import load_shapes
        from airoles_kg.shacl.profile import language_profile, parse_languages

        shapes = language_profile(shapes or load_shapes(), parse_languages(languages))
    if standalone and not files:
        raise InputError("--standalone validates FILES on their own: name the files")
    if endpoint is not None:
        if files or standalone or engine not in ("auto", "oxigraph"):
            raise InputError("--endpoint validates the data at the server: give no FILES, "
                             "no --standalone, and no --engine but oxigraph")
        report = _remote_report(endpoint, shapes, graph_iri, user, password_env, timeout,
                                allow_partial)
    elif files:
        report = validate_files(files, shapes, engine=engine, standalone=standalone)
    else:
        report = run_validation(load(), shapes, engine=engine)
    _write_report(render(report, fmt, lang=lang, locations=_locations(files)), out_file)
    if not report.conforms:
        raise NonConformantError(f"validation failed: {summary(report)}")


def _remote_report(endpoint: str, shapes: Graph | None, graph_iri: str | None,
                   user: str | None, password_env: str | None, timeout: float,
                   allow_partial: bool) -> ValidationReport:
    """The report of the data at ``endpoint``; the shapes left out are named on stderr."""
    from airoles_kg.backends.http import password_from_env
    from airoles_kg.shacl.fast.remote import validate_remote
    from airoles_kg.shacl.suggest import with_suggestions

    outcome = validate_remote(endpoint, shapes, graph=graph_iri, user=user,
                              password=password_from_env(user, password_env), timeout=timeout,
                              allow_partial=allow_partial)
    for shape, why in outcome.skipped:
        click.echo(f"not validated remotely: {shape} ({why})", err=True)
    return with_suggestions(outcome.report)


def _locations(files: tuple[Path, ...]) -> dict[Node, Location] | None:
    """Where each subject of the Turtle FILES is described (the first file that does); ``None``
    when no FILE is Turtle."""
    from airoles_kg.rdf.locations import turtle_subject_lines

    turtle = [f for f in files if f.suffix.lower() in (".ttl", ".turtle")]
    if not turtle:
        return None
    found: dict[Node, Location] = {}
    for path in turtle:
        for node, place in turtle_subject_lines(path).items():
            found.setdefault(node, place)
    return found


def _write_report(text: str, out_file: Path | None) -> None:
    """Print the report, or write it to ``out_file`` atomically and say so."""
    if out_file is None:
        echo(text)
        return
    from airoles_kg.atomic import atomic_write_text

    atomic_write_text(out_file, text)
    click.echo(f"wrote {out_file}")


@click.command("fmt")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a file is not canonical.")
def fmt_command(files: tuple[Path, ...], check: bool) -> None:
    """Check or apply the canonical form of the Turtle sources (default: ontology/ and shapes/).

    Each statement is written one fixed way (type first, then labels and descriptions, then the
    other predicates sorted; objects sorted; fixed indentation); comment lines, empty lines and
    the order of statements are kept. A statement holding a comment or a _:label is left as
    written. The result is checked to hold the same triples. Exit 1 with --check if a file
    differs.
    """
    from airoles_kg.atomic import atomic_write_text
    from airoles_kg.paths import ontology_dir, shapes_dir
    from airoles_kg.rdf.turtle_format import format_turtle_file

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
