"""``reason``, ``report``, ``release`` and ``diff``: the ontology checked, reported on, released
and compared.

Exit codes follow the project's contract: 0 ok; 1 an inconsistent ontology, an unsatisfiable
class, a report with findings at ``--fail-on``, or a failed release gate; 2 bad input.
Errors are raised as :class:`~airoles_kg.errors.AirolesError` and reported on one line by the
``airoles-kg`` group.
"""

from __future__ import annotations

from pathlib import Path

import click

from airoles_kg.atomic import atomic_write_text
from airoles_kg.cli.options import FILE
from airoles_kg.errors import CheckFailedError

__all__ = ["diff_command", "reason_command", "release_command", "report_command"]

@click.command("reason")
@click.option("--reasoner", type=click.Choice(["hermit", "pellet"]), default="hermit",
              show_default=True, help="The OWL 2 DL reasoner owlready2 runs.")
@click.option("--engine", type=click.Choice(["owlready2", "owlrl"]), default="owlready2",
              show_default=True,
              help="owlready2 (HermiT/Pellet in Java) or owlrl (pure-Python OWL 2 RL, weaker).")
@click.option("--java-heap", default="2g", show_default=True, metavar="SIZE",
              help="Java heap for the reasoner, such as 2g or 1536m.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=0),
              help="Inferences listed per section in the text output.")
@click.argument("files", nargs=-1, type=FILE)
def reason_command(reasoner: str, engine: str, java_heap: str, fmt: str, limit: int,
                   files: tuple[Path, ...]) -> None:
    """Check consistency and classify: unsatisfiable classes, inferred types and subclasses.

    Reasons over the knowledge graph, or over FILES merged with it. Exits 1 when the ontology
    is inconsistent or has an unsatisfiable class.
    """
    from airoles_kg.kg.load import load_graph
    from airoles_kg.reason.render import render_json, render_text
    from airoles_kg.reason.run import reason

    graph = load_graph(extra=list(files))
    result = reason(graph, reasoner=reasoner, engine=engine, java_heap=java_heap)
    click.echo(render_json(result) if fmt == "json" else render_text(result, limit=limit),
               nl=False)
    if not result.consistent:
        raise CheckFailedError("the ontology is inconsistent")
    if result.unsatisfiable:
        raise CheckFailedError(f"{len(result.unsatisfiable)} unsatisfiable class(es)")


@click.command("report")
@click.option("--fail-on", type=click.Choice(["ERROR", "WARN"]),
              default="ERROR", show_default=True,
              help="Exit 1 when a finding is at this level or more severe.")
@click.option("--format", "fmt", type=click.Choice(["table", "tsv", "json", "markdown"]),
              default="table", show_default=True)
@click.option("--out", type=FILE, default=None, help="Write the report here, not to stdout.")
@click.argument("files", nargs=-1, type=FILE)
def report_command(fail_on: str, fmt: str, out: Path | None, files: tuple[Path, ...]) -> None:
    """The ontology quality report: every check in queries/checks/ with its level.

    Runs on the knowledge graph, or on FILES merged with it.
    """
    from airoles_kg.kg.load import load_graph
    from airoles_kg.pipeline.report import render, run_report

    report = run_report(load_graph(extra=list(files)))
    text = render(report, fmt)
    if out is not None:
        atomic_write_text(out, text)
    else:
        click.echo(text, nl=False)
    if report.fails(fail_on):
        counts = report.counts()
        raise CheckFailedError(
            f"quality report: {counts['ERROR']} ERROR, {counts['WARN']} WARN "
            f"(failing on {fail_on.upper()})")


@click.command("release")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("releases"),
              show_default=True, help="The releases folder; the release goes in OUT/<version>/.")
@click.option("--engine", type=click.Choice(["owlready2", "owlrl"]), default=None,
              help="Default: owlready2 with HermiT when Java is available, else owlrl.")
@click.option("--reasoner", type=click.Choice(["hermit", "pellet"]), default=None)
@click.option("--java-heap", default="2g", show_default=True, metavar="SIZE")
def release_command(out: Path, engine: str | None, reasoner: str | None, java_heap: str) -> None:
    """Gate (reasoner, SHACL, quality report, competency questions) and write a release.

    Writes base (asserted) and full (with inferences) artefacts in Turtle, N-Triples, RDF/XML
    and JSON-LD, canonical RDFC-1.0 N-Triples, release.json and SHA256SUMS. A released version
    is never rewritten.
    """
    from airoles_kg.pipeline.release import release

    result = release(out, engine=engine, reasoner=reasoner, java_heap=java_heap)
    for number, step in enumerate(result.gate, start=1):
        click.echo(f"gate {number}/4 {step.name}: ok ({step.seconds:.1f} s) - {step.detail}")
    prior = result.prior_version or "none"
    if result.noop:
        click.echo(f"release {result.version} already in {result.directory} with the same "
                   "content: nothing written")
    else:
        click.echo(f"released {result.version} (prior version: {prior}, inferences: "
                   f"{result.reasoner}) in {result.directory} in {result.seconds:.1f} s:")
        for name in result.files:
            click.echo(f"  {name}")


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path, exists=True))
@click.argument("new", type=click.Path(path_type=Path, exists=True))
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown",
              show_default=True)
@click.option("--out", type=FILE, default=None, help="Write the changelog here.")
def diff_command(old: Path, new: Path, fmt: str, out: Path | None) -> None:
    """A changelog from OLD to NEW (RDF files or release folders), computed on the graphs."""
    from airoles_kg.pipeline.diff import diff_files, render_json, render_markdown

    changes = diff_files(old, new)
    text = render_json(changes) if fmt == "json" else render_markdown(changes)
    if out is not None:
        atomic_write_text(out, text)
        click.echo(f"wrote {out}")
    else:
        click.echo(text, nl=False)
