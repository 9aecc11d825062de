"""What the site's tests share: Graphviz (skip without it, fail on CI), one build of the site
per test session, and reading the pages back.

Graphviz is Debian's ``graphviz`` package, which ``.ci/run`` and ``make docs`` install. On CI
(``CI=true``, or ``AIROLES_REQUIRE_GRAPHVIZ=1`` as ``.ci/run`` sets) a missing ``dot`` fails
the tests; elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from airoles_kg.site.build import SiteResult, build_site

__all__ = ["ARTIFACTS", "Parsed", "parse_page", "require_dot", "site_once"]

#: Where the tests keep what a person looks at (screenshots, the accessibility record).
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

_BUILT: dict[str, SiteResult] = {}


def require_dot() -> None:
    """Skip the test without Graphviz's ``dot``; fail instead on CI."""
    if shutil.which("dot") is None:
        reason = "Graphviz is not installed (apt-get install graphviz; .ci/run installs it)"
        required = os.environ.get("AIROLES_REQUIRE_GRAPHVIZ") == "1"
        if required or os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}: on CI the site's tests must run")
        pytest.skip(reason)


def site_once(factory: pytest.TempPathFactory) -> SiteResult:
    """The site, built once per test session (in both languages, with no release)."""
    require_dot()
    if "site" not in _BUILT:
        out = factory.mktemp("site-build") / "site"
        _BUILT["site"] = build_site(out, releases=out.parent / "no-releases")
    return _BUILT["site"]


class Parsed(HTMLParser):
    """What the tests read in a page: its language, links, ids and the IRIs it describes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.links: list[str] = []
        self.ids: dict[str, str | None] = {}
        self.iris: list[str] = []
        self.text: list[str] = []
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang") or ""
        for name in ("href", "src"):
            if found.get(name):
                self.links.append(str(found[name]))
        if found.get("id"):
            self.ids[str(found["id"])] = found.get("data-iri")
        if found.get("data-iri"):
            self.iris.append(str(found["data-iri"]))
        if tag == "img":
            self.images.append(found)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_page(path: Path) -> Parsed:
    parsed = Parsed()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed
