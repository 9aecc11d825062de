"""Reports for people and machines: text grouped by focus node, JSON, SHACL Turtle, the
problems table as CSV, Markdown, and one self-contained HTML page (``render_html.py``).

A list of :class:`~airoles_kg.problems.Problem` rows (a steward's import: the importer's own
problems and the validation results located at cells) has its renderers here too, through the
same pieces: :func:`render_problems` in text, CSV, Markdown, JSON or HTML (the validation
page's look and severity filter). A report's CSV is its results as problems.

Every format speaks English or French (``lang``: the fix messages the shapes give in that
language, and the report's own words from ``wording.py``), and, given a :data:`SourceMap`,
says where each focus node was described (``file:line``, or the row and cell of a sheet).

>>> from airoles_kg.shacl.report import ValidationReport
>>> print(render(ValidationReport(True, [], "pyshacl")), end="")
conforms: 0 violations, 0 warnings, 0 info (engine: pyshacl)
>>> print(render(ValidationReport(True, [], "pyshacl"), "markdown", lang="fr"), end="")
**conforme : 0 violation, 0 avertissement, 0 info (moteur : pyshacl)**
<BLANKLINE>
Aucun résultat : les données sont conformes aux formes.
>>> problem = Problem("Violation", "unknown-level", "r.csv", 4, "", "C4", value="x",
...                   message="niveau inconnu", fix="Expert ?")
>>> print(render_problems([problem], "text", lang="fr"), end="")
r.csv, ligne 4 (cellule C4) :  Violation  niveau inconnu — Expert ?
>>> print(render_problems([problem], "markdown", lang="fr"), end="")
**1 problème : 1 violation, 0 avertissement, 0 info**
<BLANKLINE>
| Gravité | Emplacement | Valeur | Problème | Comment corriger | Règle |
|---|---|---|---|---|---|
| Violation | r.csv, ligne 4 (cellule C4) | `x` | niveau inconnu | Expert ? | `unknown-level` |
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring

from rdflib import BNode, URIRef
from rdflib.paths import Path
from rdflib.term import Node

from airoles_kg.errors import InputError
from airoles_kg.problems import Problem, problems_csv
from airoles_kg.rdf.locations import Location, SourceMap
from airoles_kg.rdf.serialize import to_turtle
from airoles_kg.shacl.render_html import render_html, render_problems_html
from airoles_kg.shacl.report import (
    ResultPath,
    ValidationReport,
    ValidationResult,
    report_to_graph,
    term_text,
)
from airoles_kg.shacl.wording import (
    check_language,
    component_description,
    problem_where,
    problems_summary,
    severity_in,
    summary_in,
    where,
    word,
)

__all__ = [
    "FORMATS",
    "PROBLEM_FORMATS",
    "problems_lines",
    "render",
    "render_csv",
    "render_json",
    "render_markdown",
    "render_problems",
    "render_problems_csv",
    "render_problems_json",
    "render_problems_markdown",
    "render_problems_text",
    "render_text",
    "render_turtle",
    "to_problems",
]


def _iri(node: Node | ResultPath | None) -> str | None:
    """Full form for JSON: IRIs as is, literals in N-Triples syntax, paths in SPARQL syntax."""
    if node is None:
        return None
    if isinstance(node, BNode):
        return "[]"
    if isinstance(node, Path):
        return node.n3()
    if isinstance(node, URIRef):
        return str(node)
    return node.n3()


def _location(r: ValidationResult, locations: SourceMap | None) -> Location | None:
    return None if locations is None else locations.get(r.focus_node)


def _focus_text(result: ValidationResult) -> str:
    return result.texts[0]


def render_text(
    report: ValidationReport, *, lang: str = "en", locations: SourceMap | None = None
) -> str:
    """Results grouped by focus node (with its place, if known); each line gives severity,
    path, component and the fix."""
    # Sorted by focus text, stably: a focus node's results stay in the report's order, and
    # are grouped as neighbours. A result line depends only on the severity, component,
    # messages and path, which the results of one constraint share: each line is made once.
    result_lines: dict[tuple[object, ...], str] = {}
    value_line = f"      {word('value_line', lang)} "
    no_message = word("no_message", lang)
    lines: list[str] = []
    append = lines.append
    current: str | None = None
    for r in sorted(report.results, key=_focus_text):
        focus, path, _, value = r.texts
        if focus != current:
            if current is not None:
                append("")
            current = focus
            place = _location(r, locations)
            append(focus + (f" ({where(place, lang)})" if place is not None else ""))
        key = (r.severity, r.constraint_component, r.message, r.messages, path)
        line = result_lines.get(key)
        if line is None:
            line = result_lines[key] = _result_line(r, path, lang, no_message)
        append(line)
        if r.value is not None:
            append(value_line + value)
    if current is not None:
        append("")
    append(summary_in(report, lang))
    return "\n".join(lines) + "\n"


def _result_line(r: ValidationResult, path: str, lang: str, no_message: str) -> str:
    """The line of a result: severity, path (``path``: its text), component and fix."""
    severity = f"  {severity_in(r.severity, lang)}"
    component = f" [{term_text(r.constraint_component)}]: "
    fix = r.message_in(lang) or no_message
    return (f"{severity} {path}{component}{fix}" if r.path is not None
            else f"{severity}{component}{fix}")


def _location_json(place: Location | None, lang: str) -> dict[str, object] | None:
    if place is None:
        return None
    fields = {k: v for k, v in dataclasses.asdict(place).items() if v is not None}
    return {**fields, "text": where(place, lang)}


def _json_block(value: object, indent: str) -> str:
    """``value`` as :func:`json.dumps` with ``indent=2`` writes it ``indent`` deep."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return encode_basestring(value)
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + indent)


def render_json(
    report: ValidationReport, *, lang: str = "en", locations: SourceMap | None = None
) -> str:
    """The report as JSON (full IRIs; literals in N-Triples syntax). ``message`` is in
    ``lang`` (then named by a top-level ``lang`` key if not English); with ``locations``
    each result has a ``location`` (``null`` if unknown).

    The results are written as :func:`json.dumps` (``indent=2``) writes them, each member
    with the string encoder of :mod:`json`, and an IRI that recurs (a shape, a component, a
    path, a focus node's several results) encoded once.

    >>> from rdflib.namespace import SH
    >>> r = ValidationResult(URIRef("http://e/a"), None, URIRef("http://e/b"),
    ...     URIRef("http://e/S"), SH.ClassConstraintComponent, "Warning", "«x»")
    >>> report = ValidationReport(True, [r], "pyshacl")
    >>> place = {r.focus_node: Location("a.ttl", line=3)}
    >>> document = {"conforms": True, "engine": "pyshacl", "summary": {"violations": 0,
    ...     "warnings": 1, "infos": 0, "focus_nodes": 1}, "results": [{
    ...     "focus_node": "http://e/a", "path": None, "value": "http://e/b",
    ...     "source_shape": "http://e/S", "constraint_component": str(SH.ClassConstraintComponent),
    ...     "severity": "Warning", "message": "«x»",
    ...     "location": {"file": "a.ttl", "line": 3, "text": "a.ttl:3"}}]}
    >>> render_json(report, locations=place)[:-1] == json.dumps(document, indent=2,
    ...     ensure_ascii=False)
    True
    """
    document: dict[str, object] = {
        "conforms": report.conforms,
        "engine": report.engine,
    }
    if lang != "en":
        document["lang"] = lang
    if report.standalone:
        document["standalone"] = True
    document["summary"] = {
        "violations": report.violations,
        "warnings": report.warnings,
        "infos": report.infos,
        "focus_nodes": report.focus_nodes,
    }
    if not report.results:
        document["results"] = []
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    encoded: dict[object, str] = {}

    def iri(node: Node | ResultPath | None) -> str:
        if node.__class__ is not URIRef:
            return _json_block(_iri(node), "")
        text = encoded.get(node)
        if text is None:
            text = encoded[node] = encode_basestring(str(node))
        return text

    # What follows the value is shared by the results of one constraint: written once.
    tails: dict[tuple[object, ...], str] = {}
    paths: dict[str, str] = {}
    blocks: list[str] = []
    append = blocks.append
    for r in report.results:
        _, path_text, shape_text, _ = r.texts
        key = (path_text, shape_text, r.constraint_component, r.severity, r.message, r.messages)
        tail = tails.get(key)
        if tail is None:
            tail = tails[key] = (
                f'      "source_shape": {iri(r.source_shape)},\n'
                f'      "constraint_component": {iri(r.constraint_component)},\n'
                f'      "severity": {encode_basestring(r.severity)},\n'
                f'      "message": {encode_basestring(r.message_in(lang))}')
        path = paths.get(path_text)
        if path is None:
            path = paths[path_text] = iri(r.path)
        if locations is not None:
            location = _location_json(_location(r, locations), lang)
            tail += ',\n      "location": ' + _json_block(location, "      ")
        value = "null" if r.value is None else iri(r.value)
        append(f'    {{\n      "focus_node": {iri(r.focus_node)},\n      "path": {path},\n'
               f'      "value": {value},\n{tail}\n    }}')
    head = json.dumps(document, indent=2, ensure_ascii=False)
    return head[:-2] + ',\n  "results": [\n' + ",\n".join(blocks) + "\n  ]\n}\n"


def render_turtle(
    report: ValidationReport, *, lang: str = "en", locations: SourceMap | None = None
) -> str:
    """The report as a canonical Turtle ``sh:ValidationReport`` (messages in ``lang``; a SHACL
    report has no place for locations)."""
    if lang != "en":
        results = [dataclasses.replace(r, message=r.message_in(lang)) for r in report.results]
        report = ValidationReport(report.conforms, results, report.engine)
    return to_turtle(report_to_graph(report)).decode("utf-8")


def to_problems(
    report: ValidationReport, *, lang: str = "en", locations: SourceMap | None = None
) -> list[Problem]:
    """The results as rows of the problems table: the component (a CURIE) is the rule, a short
    description of it the message, and the shape's message the fix; the row is the line of
    an RDF file, or the row and cell of a sheet."""
    problems = []
    for r in report.results:
        place = _location(r, locations)
        file, row, column, cell = "", None, "", ""
        if place is not None:
            file = place.file + (f" [{place.sheet}]" if place.sheet else "")
            row = place.row if place.row is not None else place.line
            column, cell = place.column or "", place.cell or ""
        problems.append(
            Problem(
                level=r.severity,
                rule=term_text(r.constraint_component),
                file=file,
                row=row,
                column=column,
                cell=cell,
                subject=term_text(r.focus_node),
                property=term_text(r.path),
                value=term_text(r.value),
                message=component_description(r.constraint_component, lang),
                fix=r.message_in(lang),
            )
        )
    return problems


def render_csv(
    report: ValidationReport, *, lang: str = "en", locations: SourceMap | None = None
) -> str:
    """The problems table (``airoles_kg.problems``) as CSV, one row per result."""
    return render_problems_csv(to_problems(report, lang=lang, locations=locations), lang=lang)


def _md_code(text: str) -> str:
    """``text`` as a Markdown code span that stays in its table cell."""
    text = " ".join(text.split()).replace("|", "\\|")
    if not text:
        return ""
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_text(text: str) -> str:
    """Free text (a message) in a Markdown table cell: the ``code`` it quotes stays code;
    elsewhere nothing is read as HTML, emphasis or a link."""
    text = " ".join(text.split())
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unmatched backtick: no code at all
        parts = [text]
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append("`" + part.replace("|", "\\|") + "`")
        else:
            for char in "\\|*_[]<>#":
                part = part.replace(char, "\\" + char)
            out.append(part)
    return "".join(out)


def _markdown(summary_line: str, empty: str, keys: Sequence[str],
              rows: Sequence[dict[str, str]], lang: str) -> str:
    """A Markdown report: the summary line in bold, then a table of ``rows`` (their ``keys``,
    headed by their words in ``lang``), or the ``empty`` sentence if there are none."""
    lines = [f"**{_md_text(summary_line)}**", ""]
    if not rows:
        return "\n".join([*lines, empty]) + "\n"
    lines.append("| " + " | ".join(word(k, lang) for k in keys) + " |")
    lines.append("|" + "|".join("---" for _ in keys) + "|")
    lines += ["| " + " | ".join(row[k] for k in keys) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def render_markdown(
    report: ValidationReport, *, lang: str = "en", locations: SourceMap | None = None
) -> str:
    """The summary line in bold, then one table row per result (with its place, if known)."""
    keys = ["severity", "focus_node", "path", "value", "constraint", "fix"]
    if locations is not None:
        keys.insert(2, "location")
    rows = []
    for r in report.results:
        place = _location(r, locations)
        cells = {
            "severity": severity_in(r.severity, lang),
            "focus_node": _md_code(term_text(r.focus_node)),
            "location": _md_text(where(place, lang)) if place is not None else "",
            "path": _md_code(term_text(r.path)),
            "value": _md_code(term_text(r.value)),
            "constraint": _md_code(term_text(r.constraint_component)),
            "fix": _md_text(r.message_in(lang) or word("no_message", lang)),
        }
        rows.append(cells)
    return _markdown(summary_in(report, lang), word("no_results", lang), keys, rows, lang)


# --- a list of problems -------------------------------------------------------------------


def problems_lines(problems: Sequence[Problem], lang: str = "en") -> list[str]:
    """One aligned line per problem: where, level, what is wrong — how to fix it."""
    colon = " :" if lang == "fr" else ":"
    rows = [(problem_where(p, lang) + colon, severity_in(p.level, lang),
             p.message + (f" — {p.fix}" if p.fix else "")) for p in problems]
    if not rows:
        return []
    width = max(len(r[0]) for r in rows)
    level = max(len(r[1]) for r in rows)
    return [f"{w.ljust(width)}  {lv.ljust(level)}  {text}".rstrip() for w, lv, text in rows]


def render_problems_text(problems: Sequence[Problem], *, lang: str = "en") -> str:
    """:func:`problems_lines` as text (nothing at all when there is no problem)."""
    lines = problems_lines(problems, lang)
    return "\n".join(lines) + "\n" if lines else ""


def render_problems_csv(problems: Sequence[Problem], *, lang: str = "en") -> str:
    """The problems table as CSV (:func:`~airoles_kg.problems.problems_csv`): the column
    names and levels stay English, for machines; the messages are in the ``lang`` they were
    made in."""
    return problems_csv(problems)


def render_problems_markdown(problems: Sequence[Problem], *, lang: str = "en") -> str:
    """The summary line in bold, then one table row per problem."""
    keys = ["severity", "location", "value", "problem", "fix", "rule"]
    rows = [
        {
            "severity": severity_in(p.level, lang),
            "location": _md_text(problem_where(p, lang)),
            "value": _md_code(p.value),
            "problem": _md_text(p.message),
            "fix": _md_text(p.fix),
            "rule": _md_code(p.rule),
        }
        for p in problems
    ]
    return _markdown(problems_summary(problems, lang), word("no_problems", lang), keys, rows,
                     lang)


def render_problems_json(problems: Sequence[Problem], *, lang: str = "en") -> str:
    """The problems as JSON: a ``summary`` (counts), then ``problems``, each with the columns
    of the problems table and ``where``, its place in words (in ``lang``, then named by a
    top-level ``lang`` key if not English)."""
    document: dict[str, object] = {"lang": lang} if lang != "en" else {}
    document["summary"] = {
        "problems": len(problems),
        "violations": sum(1 for p in problems if p.level == "Violation"),
        "warnings": sum(1 for p in problems if p.level == "Warning"),
        "infos": sum(1 for p in problems if p.level == "Info"),
    }
    document["problems"] = [
        {**dataclasses.asdict(p), "where": problem_where(p, lang)} for p in problems
    ]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


#: The formats of a problems report, by name: each takes the problems, then ``lang``.
PROBLEM_FORMATS: dict[str, Callable[..., str]] = {
    "text": render_problems_text,
    "csv": render_problems_csv,
    "markdown": render_problems_markdown,
    "json": render_problems_json,
    "html": render_problems_html,
}


def render_problems(
    problems: Sequence[Problem],
    format: str = "text",  # noqa: A002
    *,
    lang: str = "en",
) -> str:
    """Render the ``problems`` in ``format`` (one of :data:`PROBLEM_FORMATS`), in ``lang``
    (the words around them; the problems' own messages are in the language they were made
    in)."""
    if format not in PROBLEM_FORMATS:
        raise InputError(
            f"unknown report format {format!r}; use {', '.join(PROBLEM_FORMATS)}"
        )
    return PROBLEM_FORMATS[format](problems, lang=check_language(lang))


Renderer = Callable[..., str]

#: The report formats, by name: each takes the report, then ``lang`` and ``locations``.
FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "turtle": render_turtle,
    "csv": render_csv,
    "markdown": render_markdown,
    "html": render_html,
}


def render(
    report: ValidationReport,
    format: str = "text",  # noqa: A002
    *,
    lang: str = "en",
    locations: SourceMap | None = None,
) -> str:
    """Render ``report`` in ``format`` (one of :data:`FORMATS`), in ``lang`` (``en`` or
    ``fr``), with the place of each focus node when ``locations`` gives it."""
    if format not in FORMATS:
        raise InputError(f"unknown report format {format!r}; use {', '.join(FORMATS)}")
    return FORMATS[format](report, lang=check_language(lang), locations=locations)
