"""The HTML report in a real browser: headless Chromium opens the page of a steward file with
violations, the page's script runs without a console error, and its severity filter really
hides rows (driven by the address, ``#severity=Warning`` or ``?severity=...``, which the
script reads on load). A screenshot is kept under the test's tmp dir to look at. The same for
the problems page of a spreadsheet import (the catalogue with planted defects, in French).

Chromium is Debian's ``chromium`` package, which ``.ci/run`` installs. On CI (``CI=true``, or
``AIROLES_REQUIRE_CHROMIUM=1`` as ``.ci/run`` sets) a missing browser fails the tests;
elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from airoles_kg.importers.located import all_problems
from airoles_kg.importers.tables import import_tables
from airoles_kg.kg.load import load_graph
from airoles_kg.problems import Problem
from airoles_kg.rdf.locations import turtle_subject_lines
from airoles_kg.shacl.render import render, render_problems
from airoles_kg.shacl.report import ValidationReport
from airoles_kg.shacl.validate import validate, validate_files

pytestmark = pytest.mark.browser

STEWARD = Path(__file__).parent / "fixtures" / "steward"
MIXED = STEWARD / "mixed-role.ttl"
DEFECTS = Path(__file__).parent / "fixtures" / "spreadsheets" / "defects"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


@pytest.fixture(scope="module")
def chromium() -> str:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is None:
        reason = "Chromium is not installed (apt-get install chromium; .ci/run installs it)"
        required = os.environ.get("AIROLES_REQUIRE_CHROMIUM") == "1"
        if required or os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}: on CI the browser tests must run")
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def report() -> ValidationReport:
    return validate_files([MIXED])


def _page(report: ValidationReport, folder: Path, lang: str = "en") -> Path:
    page = folder / f"report-{lang}.html"
    locations = turtle_subject_lines(MIXED)
    page.write_text(render(report, "html", lang=lang, locations=locations), encoding="utf-8")
    return page


def _browse(chromium: str, url: str, folder: Path, *args: str) -> tuple[str, str]:
    """Run headless Chromium on ``url``; its stdout (``--dump-dom``) and its log on stderr,
    where each console message of the page is a ``CONSOLE`` line."""
    profile = folder / "profile"
    command = [
        chromium, "--headless", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage",
        "--no-first-run", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
        *args, url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"chromium exit {done.returncode}:\n{done.stderr[-2000:]}"
    return done.stdout, done.stderr


def _console(log: str) -> list[str]:
    return [line for line in log.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


class _Rows(HTMLParser):
    """The result rows of a dumped DOM (severity, hidden or not) and the body's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, bool]] = []
        self.body: dict[str, str | None] = {}
        self.bold = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tr" and "data-severity" in found:
            self.rows.append((str(found["data-severity"]), "hidden" in found))
        elif tag == "body":
            self.body = found
        elif tag == "b":
            self.bold += 1


def _rows(dom: str) -> _Rows:
    parser = _Rows()
    parser.feed(dom)
    return parser


def test_the_console_check_sees_a_script_error(chromium: str, tmp_path: Path) -> None:
    """The check below can fail: a page with a script error shows up in the log."""
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><p>x</p><script>undefinedFunction();</script>\n")
    _, log = _browse(chromium, broken.as_uri(), tmp_path, "--dump-dom")
    assert any("Uncaught ReferenceError" in line for line in _console(log)), log[-2000:]


def test_the_page_opens_without_console_errors_and_shows_every_row(
    chromium: str, report: ValidationReport, tmp_path: Path
) -> None:
    page = _page(report, tmp_path)
    dom, log = _browse(chromium, page.as_uri(), tmp_path, "--dump-dom")
    assert _console(log) == [], "\n".join(_console(log))
    parsed = _rows(dom)
    assert parsed.body.get("data-ready") == "true", "the page's script did not run"
    assert len(parsed.rows) == 2 * len(report.results)  # by focus node and by shape
    assert not any(hidden for _, hidden in parsed.rows)
    assert parsed.body.get("data-shown") == str(len(report.results))
    assert parsed.bold == 0, "the label's <b> markup must stay text"


@pytest.mark.parametrize(
    ("address", "shown"),
    [("#severity=Warning", {"Warning"}), ("?severity=Violation,Info", {"Violation", "Info"})],
)
def test_the_severity_filter_hides_rows(
    chromium: str, report: ValidationReport, tmp_path: Path, address: str, shown: set[str]
) -> None:
    page = _page(report, tmp_path, lang="fr")
    dom, log = _browse(chromium, page.as_uri() + address, tmp_path, "--dump-dom")
    assert _console(log) == [], "\n".join(_console(log))
    parsed = _rows(dom)
    assert parsed.rows, "no result rows in the page"
    for severity, hidden in parsed.rows:
        assert hidden == (severity not in shown), (severity, hidden, address)
    visible = sum(1 for r in report.results if r.severity in shown)
    assert parsed.body.get("data-shown") == str(visible)
    assert ' lang="fr"' in dom


def test_a_screenshot_of_the_page(
    chromium: str, report: ValidationReport, tmp_path: Path
) -> None:
    """Kept as ``report.png`` in the test's tmp dir (pytest keeps the last runs' dirs)."""
    page = _page(report, tmp_path)
    shot = tmp_path / "report.png"
    _, log = _browse(chromium, page.as_uri(), tmp_path, f"--screenshot={shot}",
                     "--window-size=1200,900", "--hide-scrollbars")
    assert _console(log) == [], "\n".join(_console(log))
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000, len(data)
    print(f"screenshot: {shot}")


# --- the problems page of a spreadsheet import --------------------------------------------


@pytest.fixture(scope="module")
def problems() -> list[Problem]:
    graph = load_graph()
    imported = import_tables(sorted(DEFECTS.glob("*.csv")), graph=graph, lang="fr")
    return all_problems(validate(graph + imported.graph), imported, "fr")


def _problems_page(problems: list[Problem], folder: Path) -> Path:
    page = folder / "problems.html"
    page.write_text(render_problems(problems, "html", lang="fr"), encoding="utf-8")
    return page


def test_the_import_problems_page_opens_and_shows_every_problem(
    chromium: str, problems: list[Problem], tmp_path: Path
) -> None:
    page = _problems_page(problems, tmp_path)
    dom, log = _browse(chromium, page.as_uri(), tmp_path, "--dump-dom")
    assert _console(log) == [], "\n".join(_console(log))
    parsed = _rows(dom)
    assert parsed.body.get("data-ready") == "true", "the page's script did not run"
    assert len(parsed.rows) == len(problems) == 16
    assert not any(hidden for _, hidden in parsed.rows)
    assert parsed.body.get("data-shown") == str(len(problems))
    assert "Problèmes à corriger" in dom and "vouliez-vous dire" in dom


@pytest.mark.parametrize(
    ("address", "shown"),
    [("#severity=Warning", {"Warning"}), ("?severity=Violation", {"Violation"})],
)
def test_the_import_problems_page_filters_by_severity(
    chromium: str, problems: list[Problem], tmp_path: Path, address: str, shown: set[str]
) -> None:
    page = _problems_page(problems, tmp_path)
    dom, log = _browse(chromium, page.as_uri() + address, tmp_path, "--dump-dom")
    assert _console(log) == [], "\n".join(_console(log))
    parsed = _rows(dom)
    assert {severity for severity, _ in parsed.rows} == {"Violation", "Warning"}
    for severity, hidden in parsed.rows:
        assert hidden == (severity not in shown), (severity, hidden, address)
    visible = sum(1 for p in problems if p.level in shown)
    assert 0 < visible < len(problems)
    assert parsed.body.get("data-shown") == str(visible)


def test_a_screenshot_of_the_import_problems_page(
    chromium: str, problems: list[Problem], tmp_path: Path
) -> None:
    """Kept as ``problems.png`` in the test's tmp dir."""
    page = _problems_page(problems, tmp_path)
    shot = tmp_path / "problems.png"
    _, log = _browse(chromium, page.as_uri(), tmp_path, f"--screenshot={shot}",
                     "--window-size=1200,900", "--hide-scrollbars")
    assert _console(log) == [], "\n".join(_console(log))
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    print(f"screenshot: {shot}")
