"""The site as a person sees it, in headless Chromium (Debian's ``chromium``, driven by
PyPI's ``playwright`` with the system browser): every page opens from the file system with no
console error and no request to the network; every internal link, image and style sheet
resolves, fragments included, crawling from the home page in both languages, and every page is
reached; each IRI is described by exactly one page per language; the language switch leads to
the same page in the other language; axe-core (from PyPI's ``axe-playwright-python``) finds
no serious or critical accessibility problem on a page of each kind, nor any problem of
heading order, image alt text or colour contrast; the rest it flags is kept in
``test-artifacts/axe-report.json``. Screenshots of the home page and a role page are kept in
``test-artifacts/`` (git-ignored).

On CI (``CI=true``, or ``AIROLES_REQUIRE_CHROMIUM=1`` as ``.ci/run`` sets) a missing browser
fails the tests; elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from site_support import ARTIFACTS, parse_page, site_once

pytestmark = pytest.mark.browser

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-dev-shm-usage"]
#: Accessibility rules that fail the test whatever impact axe gives them.
ALWAYS = {"heading-order", "image-alt", "color-contrast", "svg-img-alt", "role-img-alt"}


def _required() -> bool:
    return os.environ.get("AIROLES_REQUIRE_CHROMIUM") == "1" or \
        os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is None:
        reason = "Chromium is not installed (apt-get install chromium; .ci/run installs it)"
        if _required():
            pytest.fail(f"{reason}: on CI the browser tests must run")
        pytest.skip(reason)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if _required():
            raise
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=found, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return site_once(tmp_path_factory).directory


class _Visit:
    """One page opened: its console errors, the requests it made, its links and IRIs."""

    def __init__(self, browser: Any) -> None:
        self.page = browser.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text)
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, url: str) -> dict[str, Any]:
        self.errors.clear()
        self.requests.clear()
        self.page.goto(url, wait_until="load")
        found: dict[str, Any] = self.page.evaluate("""() => ({
            links: [...document.querySelectorAll('a[href]')].map(a => a.href),
            resources: [...document.querySelectorAll('img[src], link[href]')]
                .map(e => e.src || e.href),
            broken: [...document.querySelectorAll('img')]
                .filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src),
            iris: [...document.querySelectorAll('[data-iri]')].map(e => e.dataset.iri),
            lang: document.documentElement.lang,
        })""")
        return found


def _file(url: str) -> tuple[Path, str]:
    parts = urlsplit(url)
    return Path(unquote(parts.path)), unquote(parts.fragment)


def test_the_crawl_reaches_every_page_with_no_error_and_no_broken_link(
        browser: Any, site: Path) -> None:
    visit = _Visit(browser)
    start = (site / "index.html").resolve().as_uri()
    queue, seen = [start], {start}
    problems: list[str] = []
    claims: dict[str, Counter[str]] = {"en": Counter(), "fr": Counter()}
    ids: dict[Path, dict[str, str | None]] = {}
    while queue:
        url = queue.pop()
        found = visit.open(url)
        where = url[len(site.resolve().as_uri()):]
        problems += [f"{where}: console: {e}" for e in visit.errors]
        problems += [f"{where}: request to {r}" for r in visit.requests
                     if not r.startswith("file://")]
        problems += [f"{where}: image not shown: {i}" for i in found["broken"]]
        if found["lang"] in claims:
            claims[found["lang"]].update(found["iris"])
        for target in [*found["links"], *found["resources"]]:
            if not target.startswith("file://"):
                assert target.startswith(("http://", "https://")), target
                continue  # an outside link (ESCO, O*NET) is shown, not followed
            path, fragment = _file(target)
            if not path.is_file():
                problems.append(f"{where}: broken link {target}")
                continue
            if fragment and path.suffix == ".html":
                if path not in ids:
                    ids[path] = parse_page(path).ids
                if fragment not in ids[path]:
                    problems.append(f"{where}: no #{fragment} in {path.name}")
            page = path.as_uri()
            if path.suffix == ".html" and page not in seen:
                seen.add(page)
                queue.append(page)
    assert problems == [], "\n".join(problems[:30])
    every = {p.resolve().as_uri() for p in site.rglob("*.html")}
    assert seen == every, sorted(every - seen)[:10]
    twice = {lang: [iri for iri, n in counts.items() if n > 1] for lang, counts in claims.items()}
    assert twice == {"en": [], "fr": []}
    assert len(claims["en"]) == len(claims["fr"]) > 400


def test_the_language_switch_leads_to_the_same_page(browser: Any, site: Path) -> None:
    page = browser.new_page()
    page.goto((site / "en" / "role" / "ai-engineer.html").as_uri())
    page.click("header a[hreflang=fr]")
    page.wait_for_load_state()
    assert page.url.endswith("/fr/role/ai-engineer.html")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.inner_text("h1") == "Ingénieur IA"
    page.click("header a[hreflang=en]")
    page.wait_for_load_state()
    assert page.url.endswith("/en/role/ai-engineer.html")
    assert page.inner_text("h1") == "AI engineer"
    page.close()


def test_screenshots_of_the_home_page_and_a_role_page(browser: Any, site: Path,
                                                       tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for name, path in (("site-home.png", site / "en" / "index.html"),
                       ("site-role.png", site / "en" / "role" / "ai-engineer.html")):
        page.goto(path.as_uri())
        shot = page.screenshot(full_page=name == "site-role.png")
        assert shot.startswith(b"\x89PNG") and len(shot) > 20_000
        (tmp_path / name).write_bytes(shot)
        (ARTIFACTS / name).write_bytes(shot)
    page.close()


PAGES = ["index.html", "role/ai-engineer.html", "role/librarian.html",
         "competency/python.html", "competency/design.html", "family/ai-design.html",
         "competencies.html", "ontology.html", "shapes.html", "queries.html", "quality.html",
         "changelog.html", "downloads.html", "sources.html", "crosswalk.html"]


def test_no_serious_accessibility_problem(browser: Any, site: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = browser.new_page()
    record: dict[str, list[dict[str, Any]]] = {}
    failing = []
    for lang in ("en", "fr"):
        for name in PAGES:
            page.goto((site / lang / name).as_uri())
            violations = axe.run(page).response["violations"]
            where = f"{lang}/{name}"
            record[where] = [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                              "nodes": len(v["nodes"])} for v in violations]
            failing += [f"{where}: {v['id']} ({v['impact']}): {v['help']}" for v in violations
                        if v["impact"] in ("serious", "critical") or v["id"] in ALWAYS]
    page.goto((site / "index.html").as_uri())
    record["index.html"] = [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                             "nodes": len(v["nodes"])}
                            for v in axe.run(page).response["violations"]]
    page.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-report.json").write_text(json.dumps(record, indent=2, sort_keys=True)
                                               + "\n", encoding="utf-8")
    assert failing == [], "\n".join(failing)


def test_the_accessibility_check_sees_a_problem(browser: Any, tmp_path: Path) -> None:
    """The check above can fail: an image without alt text and pale text are flagged."""
    from axe_playwright_python.sync_playwright import Axe

    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><main>'
                   '<h1>x</h1><p style="color:#ccc">pale</p><img src="x.svg"></main>'
                   "</body></html>\n", encoding="utf-8")
    page = browser.new_page()
    page.goto(bad.as_uri())
    found = {v["id"] for v in Axe().run(page).response["violations"]}
    page.close()
    assert {"image-alt", "color-contrast"} <= found
