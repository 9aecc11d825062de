"""The report as one self-contained HTML page a steward opens in a browser.

No external resource: the style and a small script are inline. The page gives the summary,
then the results grouped by focus node (with the place where it is described, if known) and
by shape, each with its fix; boxes filter the rows by severity. A list of problems (a
steward's import, :func:`render_problems_html`) is the same page: the problems grouped by
file, each at its row and cell. The script also reads the
severities to show from the address, ``report.html?severity=Violation,Warning`` or
``report.html#severity=Warning``, so a link can open a filtered view. Every value is
escaped, and the same report gives the same bytes.

>>> from airoles_kg.shacl.report import ValidationReport
>>> page = render_html(ValidationReport(True, [], "pyshacl"), lang="fr")
>>> page.startswith('<!DOCTYPE html>\\n<html lang="fr">'), "Aucun résultat" in page
(True, True)
>>> "Aucun problème" in render_problems_html([], lang="fr")
True
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from rdflib import BNode

from airoles_kg.problems import Problem
from airoles_kg.rdf.locations import SourceMap
from airoles_kg.shacl.report import SEVERITIES, ValidationReport, ValidationResult, term_text
from airoles_kg.shacl.wording import (
    check_language,
    problem_where,
    problems_summary,
    severity_in,
    summary_in,
    where,
    word,
)

__all__ = ["render_html", "render_problems_html"]

_STYLE = """
:root { color-scheme: light; --violation: #b3261e; --warning: #8a5300; --info: #0b57d0; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 78rem; padding: 1.5rem 2rem 3rem; color: #1f1f1f;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .4rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; border-bottom: 2px solid #e3e3e3; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
code { font: .92em/1.3 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  overflow-wrap: break-word; }
.summary { font-weight: 600; padding: .6rem .9rem; border-radius: 6px; margin: .4rem 0 1rem; }
.summary.pass { background: #e6f4ea; color: #0d652d; }
.summary.fail { background: #fce8e6; color: #8c1d18; }
.filter { display: flex; gap: 1.2rem; align-items: center; flex-wrap: wrap; }
.filter label { cursor: pointer; user-select: none; }
.where { color: #5f6368; font-weight: normal; margin-left: .5rem; }
.fix { margin: .2rem 0 .5rem; }
#by-focus-node td:last-child { min-width: 16rem; }
table { border-collapse: collapse; width: 100%; margin-bottom: .6rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
  border-bottom: 1px solid #e3e3e3; }
th { background: #f6f8fa; font-weight: 600; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 4px; font-size: .85em;
  font-weight: 600; color: #fff; white-space: nowrap; }
.badge.Violation { background: var(--violation); }
.badge.Warning { background: var(--warning); }
.badge.Info { background: var(--info); }
.count { color: #5f6368; font-weight: normal; }
[hidden] { display: none !important; }
"""

_SCRIPT = """
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(
    document.querySelectorAll('#filter input[name="severity"]'));
  function apply() {
    var shown = {};
    boxes.forEach(function (box) { shown[box.value] = box.checked; });
    document.querySelectorAll("tr[data-severity]").forEach(function (row) {
      row.hidden = !shown[row.getAttribute("data-severity")];
    });
    document.querySelectorAll(".group").forEach(function (group) {
      group.hidden = group.querySelector("tr[data-severity]:not([hidden])") === null;
    });
    var rows = document.querySelectorAll(".counted tr[data-severity]:not([hidden])");
    document.body.setAttribute("data-shown", String(rows.length));
  }
  function fromAddress() {
    var query = location.search.replace(/^\\?/, "") + "&" + location.hash.replace(/^#/, "");
    var wanted = [];
    new URLSearchParams(query).getAll("severity").forEach(function (value) {
      wanted = wanted.concat(value.split(","));
    });
    wanted = wanted.filter(Boolean);
    if (wanted.length) {
      boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
    }
  }
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  window.addEventListener("hashchange", function () { fromAddress(); apply(); });
  fromAddress();
  apply();
  window.airolesReport = { apply: apply };
  document.body.setAttribute("data-ready", "true");
})();
"""


def _code(text: str) -> str:
    """``text`` as code that may wrap after its separators (``|``, ``/``, ``#``)."""
    if not text:
        return ""
    escaped = escape(text)
    for separator in ("|", "/", "#"):
        escaped = escaped.replace(separator, separator + "<wbr>")
    return f"<code>{escaped}</code>"


def _badge(severity: str, lang: str) -> str:
    return f'<span class="badge {escape(severity)}">{escape(severity_in(severity, lang))}</span>'


def _row(cells: Sequence[str], severity: str) -> str:
    return (
        f'<tr data-severity="{escape(severity)}">'
        + "".join(f"<td>{cell}</td>" for cell in cells)
        + "</tr>"
    )


def _table(headers: Sequence[str], rows: Sequence[str]) -> list[str]:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>", *rows, "</tbody>",
            "</table>"]


def _count(items: Sequence[object], lang: str, one: str = "result",
           many: str = "results") -> str:
    key = one if len(items) == 1 else many
    return f'<span class="count">({len(items)} {escape(word(key, lang))})</span>'


def _by_focus_node(
    report: ValidationReport, lang: str, locations: SourceMap | None
) -> list[str]:
    groups: dict[str, list[ValidationResult]] = {}
    for r in report.results:
        groups.setdefault(term_text(r.focus_node), []).append(r)
    lines = [f'<section id="by-focus-node" class="counted">'
             f'<h2>{escape(word("by_focus_node", lang))}</h2>']
    headers = [word(k, lang) for k in ("severity", "path", "value", "constraint", "fix")]
    for focus in sorted(groups):
        results = groups[focus]
        place = None if locations is None else locations.get(results[0].focus_node)
        where_ = f'<span class="where">{escape(where(place, lang))}</span>' if place else ""
        lines.append(f'<section class="group"><h3>{_code(focus)}{where_} '
                     f"{_count(results, lang)}</h3>")
        rows = [
            _row(
                [
                    _badge(r.severity, lang),
                    _code(term_text(r.path)),
                    _code(term_text(r.value)),
                    _code(term_text(r.constraint_component)),
                    escape(r.message_in(lang) or word("no_message", lang)),
                ],
                r.severity,
            )
            for r in results
        ]
        lines += [*_table(headers, rows), "</section>"]
    return [*lines, "</section>"]


def _shape_label(r: ValidationResult) -> str:
    """A named shape by its CURIE; a blank-node shape by its path and component."""
    if isinstance(r.source_shape, BNode):
        return f"[] {term_text(r.path)} {term_text(r.constraint_component)}".replace("  ", " ")
    return term_text(r.source_shape)


def _by_shape(report: ValidationReport, lang: str, locations: SourceMap | None) -> list[str]:
    groups: dict[object, list[ValidationResult]] = {}
    for r in report.results:
        groups.setdefault(r.source_shape, []).append(r)
    ordered = sorted(groups.values(), key=lambda rs: (_shape_label(rs[0]), rs[0].sort_key()))
    lines = [f'<section id="by-shape"><h2>{escape(word("by_shape", lang))}</h2>']
    for results in ordered:
        fixes = {r.message_in(lang) for r in results}
        shared = fixes.pop() if len(fixes) == 1 else None
        keys = ["severity", "focus_node", "path", "value"]
        if locations is not None:
            keys.insert(2, "location")
        if shared is None:
            keys.append("fix")
        rows = []
        for r in results:
            place = None if locations is None else locations.get(r.focus_node)
            cells = {
                "severity": _badge(r.severity, lang),
                "focus_node": _code(term_text(r.focus_node)),
                "location": escape(where(place, lang)) if place is not None else "",
                "path": _code(term_text(r.path)),
                "value": _code(term_text(r.value)),
                "fix": escape(r.message_in(lang) or word("no_message", lang)),
            }
            rows.append(_row([cells[k] for k in keys], r.severity))
        lines.append(f'<section class="group"><h3>{_code(_shape_label(results[0]))} '
                     f"{_count(results, lang)}</h3>")
        if shared is not None:
            fix = shared or word("no_message", lang)
            lines.append(f'<p class="fix"><strong>{escape(word("fix_label", lang))}</strong> '
                         f"{escape(fix)}</p>")
        lines += [*_table([word(k, lang) for k in keys], rows), "</section>"]
    return [*lines, "</section>"]


def _page(lang: str, title: str, summary: str, passed: bool, counts: dict[str, int],
          main: list[str]) -> str:
    """One page: the title, the ``summary`` (green if ``passed``), a box per severity with
    its count, then the ``main`` part; the style and the script inline."""
    verdict = "pass" if passed else "fail"
    boxes = [
        f'<label><input type="checkbox" name="severity" value="{escape(name)}" checked> '
        f"{_badge(name, lang)} {counts.get(name, 0)}</label>"
        for name in SEVERITIES
    ]
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="summary {verdict}" id="summary">{escape(summary)}</p>',
        f'<form class="filter" id="filter"><strong>{escape(word("show", lang))}</strong>',
        *boxes,
        "</form>",
        "</header>",
        "<main>",
        *main,
        "</main>",
        f"<script>{_SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


def render_html(
    report: ValidationReport, *, lang: str = "en", locations: SourceMap | None = None
) -> str:
    """The report as one HTML page in ``lang``, with nothing to fetch."""
    lang = check_language(lang)
    if report.results:
        main = _by_focus_node(report, lang, locations) + _by_shape(report, lang, locations)
    else:
        main = [f"<p>{escape(word('no_results', lang))}</p>"]
    counts = {name: report.count(name) for name in SEVERITIES}
    return _page(lang, word("title", lang), summary_in(report, lang), report.conforms,
                 counts, main)


def _by_file(problems: Sequence[Problem], lang: str) -> list[str]:
    """The problems grouped by file, in reading order, each at its row, column and cell."""
    groups: dict[str, list[Problem]] = {}
    for p in problems:
        groups.setdefault(p.file, []).append(p)
    lines = [f'<section id="by-file" class="counted"><h2>{escape(word("by_file", lang))}</h2>']
    keys = ["severity", "row", "column", "cell", "value", "problem", "fix", "rule"]
    for file, group in groups.items():
        name = _code(file) if file else escape(word("catalogue", lang))
        lines.append(f'<section class="group"><h3>{name} '
                     f'{_count(group, lang, "problem_n", "problems_n")}</h3>')
        rows = []
        for p in group:
            # a place that is no cell (the line of an RDF file, or nothing) is said in full
            placed = p.row is not None and bool(p.column or p.cell)
            cells = {
                "severity": _badge(p.level, lang),
                "row": "" if p.row is None else str(p.row),
                "column": _code(p.column),
                "cell": _code(p.cell) if placed else escape(problem_where(p, lang)),
                "value": _code(p.value),
                "problem": escape(p.message),
                "fix": escape(p.fix),
                "rule": _code(p.rule),
            }
            rows.append(_row([cells[k] for k in keys], p.level))
        lines += [*_table([word(k, lang) for k in keys], rows), "</section>"]
    return [*lines, "</section>"]


def render_problems_html(problems: Sequence[Problem], *, lang: str = "en") -> str:
    """The problems as one HTML page in ``lang``, with the validation report's look and its
    severity filter (the problems' own messages are in the language they were made in)."""
    lang = check_language(lang)
    counts = {name: sum(1 for p in problems if p.level == name) for name in SEVERITIES}
    main = (_by_file(problems, lang) if problems
            else [f"<p>{escape(word('no_problems', lang))}</p>"])
    return _page(lang, word("problems_title", lang), problems_summary(problems, lang),
                 not counts["Violation"], counts, main)
