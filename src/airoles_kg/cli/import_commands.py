"""``import csv`` and ``template``: a data steward's spreadsheets into the model, with every
problem located at its row and cell; and the empty templates to fill in. ``import esco`` and
``import onet``: the reference classifications into the model."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from airoles_kg.cli.options import FILE, echo
from airoles_kg.errors import InputError, NonConformantError

__all__ = ["import_esco_command", "import_group", "import_onet_command", "template_command"]

_DEFAULT_BASE = "https://example.org/catalogue/"  # importers.tables.DEFAULT_BASE (kept lazy)
_FORMATS = ["text", "csv", "markdown", "html", "json"]  # shacl.render.PROBLEM_FORMATS


@click.group("import")
def import_group() -> None:
    """Import a catalogue of roles and competencies into the airoles-kg model."""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@import_group.command("csv")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(path_type=Path, dir_okay=True))
@click.option("--out", "out", type=FILE,
              help="Write the catalogue here (.ttl, .nt, .jsonld or .owl); default: Turtle on "
                   "stdout.")
@click.option("--base", default=_DEFAULT_BASE, show_default=True,
              help="Namespace of your IRIs: each role and competency is BASE + its id.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="text",
              show_default=True,
              help="Format of the problems report: csv is the problems table, html one "
                   "self-contained page with a severity filter.")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True,
              help="Language of the problems report: the messages, the fixes and the words "
                   "around them.")
@click.option("--report", "report_file", type=FILE,
              help="Write the problems report to this file (atomically), even when there is "
                   "no problem, instead of printing it.")
@click.option("--problems", "problems_file", type=FILE,
              help="Also write the problems as a CSV table (file, row, column, cell...): "
                   "the same as --report FILE --format csv.")
@click.option("--engine", default="auto", show_default=True, help="SHACL engine.")
def import_csv_command(files: tuple[Path, ...], out: Path | None, base: str, fmt: str,
                       lang: str, report_file: Path | None, problems_file: Path | None,
                       engine: str) -> None:
    """Import a steward's roles, competencies and requirements from CSV, TSV or .xlsx FILES.

    The tables are recognised by their file or sheet name (roles, competencies,
    requirements) or by their columns; docs/steward-template.md describes them and
    `airoles-kg template` writes them empty. The catalogue is validated merged with the
    knowledge graph, and every problem is listed at its file, row and cell, in one report
    (--format, --lang): printed, or written to --report. Exit 1 (and nothing written but the
    report and the --problems table) if any problem is a violation; exit 2 (and nothing
    written) if a file cannot be read as a spreadsheet.
    """
    from airoles_kg.atomic import atomic_write_bytes, atomic_write_text
    from airoles_kg.importers.located import all_problems
    from airoles_kg.importers.tables import import_tables
    from airoles_kg.kg.load import load_graph
    from airoles_kg.kg.materialise import materialise
    from airoles_kg.rdf.serialize import SERIALIZERS
    from airoles_kg.shacl.render import render_problems
    from airoles_kg.shacl.validate import resolve_engine, validate

    suffix = out.suffix.lower() if out is not None else ".ttl"
    if suffix not in SERIALIZERS:
        raise InputError(f"--out {out}: unknown extension {suffix!r}; use one of "
                         f"{', '.join(SERIALIZERS)}")
    resolve_engine(engine)
    paths = [p for f in files
             for p in (sorted(q for q in f.iterdir() if q.suffix.lower() in _SUFFIXES)
                       if f.is_dir() else [f])]
    graph = load_graph()
    imported = import_tables(paths, base=base, graph=graph, lang=lang)  # exit 2: unreadable
    merged = graph + imported.graph
    materialise(merged)
    report = validate(merged, engine=engine)
    problems = all_problems(report, imported, lang)
    violations = sum(1 for p in problems if p.level == "Violation")
    counts = imported.counts()
    made = ", ".join(f"{n} {_WORDS[w][n != 1]}" for w, n in counts.items())
    tally = (f"{_plural(len(problems), 'problem')}: {_plural(violations, 'violation')}, "
             f"{len(problems) - violations} other")
    # Problems go where the catalogue does not: stdout when it goes to a file.
    report_to_stderr = out is None and not violations
    text = render_problems(problems, fmt, lang=lang)
    if report_file is not None:
        atomic_write_text(report_file, text)
        click.echo(f"wrote {report_file}", err=True)
    elif text:
        click.echo(text, nl=not text.endswith("\n"), err=report_to_stderr)
    if problems_file is not None:
        atomic_write_text(problems_file, render_problems(problems, "csv", lang=lang))
    if violations:
        raise NonConformantError(f"import failed: {tally}; nothing written"
                                 + (f" to {out}" if out else ""))
    data = SERIALIZERS[suffix](imported.graph)
    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        click.echo(f"imported {made} ({len(imported.graph)} triples); {tally}", err=True)
    else:
        atomic_write_bytes(out, data)
        click.echo(f"wrote {out} ({len(data)} bytes): {made} "
                   f"({len(imported.graph)} triples); {tally}")


_SUFFIXES = (".csv", ".tsv", ".tab", ".xlsx")
_WORDS = {"roles": ("role", "roles"), "competencies": ("competency", "competencies"),
          "requirements": ("requirement", "requirements")}


@click.command("template")
@click.option("--out", "out_dir", default=".", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the templates into.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv",
              show_default=True,
              help="csv: roles.csv, competencies.csv, requirements.csv; xlsx: catalogue.xlsx "
                   "with the three sheets.")
@click.option("--force", is_flag=True, help="Replace files that already exist.")
def template_command(out_dir: Path, fmt: str, force: bool) -> None:
    """Write the empty templates of a steward's catalogue (header rows only).

    Fill them in and import them with `airoles-kg import csv`; docs/steward-template.md
    describes every column. Existing files are left alone (exit 2) unless --force.
    """
    from airoles_kg.atomic import atomic_write_bytes
    from airoles_kg.importers.template import TABLES, template_csv, template_xlsx

    if fmt == "csv":
        files = {out_dir / f"{t.name}.csv": template_csv(t) for t in TABLES.values()}
    else:
        files = {out_dir / "catalogue.xlsx": template_xlsx()}
    existing = [str(p) for p in files if p.exists()]
    if existing and not force:
        raise InputError(f"{', '.join(existing)} already exist(s); nothing written "
                         "(use --force to replace)")
    for path, data in files.items():
        atomic_write_bytes(path, data)
        echo(f"wrote {path}")


def _reference_options(command: Callable[..., None]) -> Callable[..., None]:
    for option in reversed([
        click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False)),
        click.option("--out", "out", type=FILE,
                     help="Write the graph here (.ttl, .nt, .jsonld or .owl); default: Turtle "
                          "on stdout."),
        click.option("--clean", is_flag=True,
                     help="Fix what is safe (whitespace at the ends of labels and definitions, "
                          "runs of whitespace inside labels) and say what changed."),
        click.option("--check/--no-check", default=True, show_default=True,
                     help="Validate the graph with our shapes in English and count the "
                          "findings by shape."),
        click.option("--engine", default="auto", show_default=True, help="SHACL engine."),
    ]):
        command = option(command)
    return command


def _run_reference(kind: str, folder: Path, out: Path | None, clean: bool, check: bool,
                   engine: str) -> None:
    from airoles_kg.atomic import atomic_write_bytes
    from airoles_kg.importers.esco import import_esco
    from airoles_kg.importers.onet import import_onet
    from airoles_kg.importers.reference_check import check as check_graph
    from airoles_kg.importers.reference_check import clean as clean_graph
    from airoles_kg.importers.reference_check import findings_by_shape
    from airoles_kg.rdf.serialize import SERIALIZERS
    from airoles_kg.shacl.validate import resolve_engine
    from airoles_kg.text import one_line, table

    suffix = out.suffix.lower() if out is not None else ".ttl"
    if suffix not in SERIALIZERS:
        raise InputError(f"--out {out}: unknown extension {suffix!r}; use one of "
                         f"{', '.join(SERIALIZERS)}")
    if check:
        resolve_engine(engine)

    def progress(message: str) -> None:
        click.echo(f"  read {message}", err=True)

    click.echo(f"importing {kind} from {folder}", err=True)
    importer = import_esco if kind == "ESCO v1.2.0" else import_onet
    imported = importer(folder, progress=progress)  # exit 2 on bad input
    for note in imported.notes:
        click.echo(f"  note: {note}", err=True)
    if clean:
        changes = clean_graph(imported.graph)
        if not changes:
            click.echo("--clean: nothing to fix", err=True)
        for change in changes:
            click.echo(f"--clean: {change.count} {change.kind}", err=True)
            for old, new in change.examples:
                click.echo(f"    {one_line(repr(old))[:70]} -> {one_line(repr(new))[:70]}",
                           err=True)
    if check:
        click.echo("  checking with our shapes (English profile)...", err=True)
        report = check_graph(imported.graph, engine=engine)
        findings = findings_by_shape(report)
        if findings:
            lines = table(["shape", "severity", "findings"],
                          [[s, v, str(n)] for s, v, n in findings])
            click.echo("\n".join(f"  {line}" for line in lines), err=True)
        click.echo(f"  {len(report.results)} findings: {report.violations} violations, "
                   f"{report.warnings} warnings (the data's own defects are reported, not "
                   f"fixed{'' if clean else '; --clean fixes the safe ones'})", err=True)
    data = SERIALIZERS[suffix](imported.graph)
    made = ", ".join(f"{n:,} {what}" for what, n in imported.counts.items())
    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        click.echo(f"imported {made} ({len(imported.graph):,} triples)", err=True)
    else:
        atomic_write_bytes(out, data)
        click.echo(f"wrote {out} ({len(data):,} bytes): {made} "
                   f"({len(imported.graph):,} triples)", err=True)


@import_group.command("esco")
@_reference_options
def import_esco_command(folder: Path, out: Path | None, clean: bool, check: bool,
                        engine: str) -> None:
    """Import the ESCO v1.2.0 CSV export in FOLDER (occupations, ISCO groups, broader
    relations, digital and transversal skills collections, skills hierarchy) into our model.

    Occupations become roles at their ESCO URIs, ISCO groups role families, skills
    competencies in a skos:broader hierarchy. The graph is checked with our shapes in English
    and the findings counted by shape (the data's own defects are reported, never fixed unless
    --clean). Progress goes to stderr. Exit 2 (nothing written) on a missing file or column, a
    wrong delimiter, a truncated file or an unknown code, named by file, row and column.
    """
    _run_reference("ESCO v1.2.0", folder, out, clean, check, engine)


@import_group.command("onet")
@_reference_options
def import_onet_command(folder: Path, out: Path | None, clean: bool, check: bool,
                        engine: str) -> None:
    """Import the O*NET 29.2 text files in FOLDER (Occupation Data, Alternate Titles, Task
    Statements, Related Occupations, Skills, Knowledge, Technology Skills) into our model.

    Occupations become roles, Skills and Knowledge elements and Technology Skills commodities
    competencies, and each rating a requirement whose level and importance the project's rule
    gives (README, "Importing ESCO and O*NET"). Checked, reported and refused as for `import
    esco`.
    """
    _run_reference("O*NET 29.2", folder, out, clean, check, engine)
