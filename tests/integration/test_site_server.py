"""``airoles-kg serve --site DIR``: the site and the SPARQL endpoint on one port, the real
command run as a process: the site's files under ``/``, queries at ``/query`` answered by the
Oxigraph server behind it, no directory listing, no path out of the folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from airoles_kg.net.server import wait_for_port

from .conftest import free_port

pytestmark = pytest.mark.integration


def _get(url: str, accept: str = "*/*") -> tuple[int, bytes, str]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310 - loopback
            return answer.status, answer.read(), answer.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), ""


def test_serve_site_serves_the_pages_and_the_endpoint_on_one_port(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "index.html").write_text("<!DOCTYPE html><title>home</title>\n")
    (site / "en" / "index.html").write_text("<!DOCTYPE html><title>en</title>\n")
    (site / "assets" / "site.css").write_text("body {}\n")
    (tmp_path / "secret.txt").write_text("not for the web\n")
    port = free_port()
    command = [sys.executable, "-m", "airoles_kg", "serve", "--site", str(site),
               "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        assert wait_for_port("127.0.0.1", port, 120, process), process.stderr.read() \
            if process.poll() is not None and process.stderr else "did not start"
        base = f"http://127.0.0.1:{port}"
        assert _get(f"{base}/")[:2] == (200, (site / "index.html").read_bytes())
        status, body, kind = _get(f"{base}/en/index.html")
        assert status == 200 and b"<title>en</title>" in body and kind.startswith("text/html")
        query = urllib.parse.quote("ASK { ?role a <https://w3id.org/airoles/ontology#Role> }")
        status, body, _ = _get(f"{base}/query?query={query}",
                               "application/sparql-results+json")
        assert status == 200 and json.loads(body)["boolean"] is True
        assert _get(f"{base}/assets/")[0] == 404  # no listing
        assert b"not for the web" not in _get(f"{base}/../secret.txt")[1]
        assert b"not for the web" not in _get(f"{base}/%2e%2e/secret.txt")[1]
        update = urllib.request.Request(f"{base}/update", data=b"update=CLEAR ALL",
                                        method="POST")
        with pytest.raises(urllib.error.HTTPError):  # read-only, as without --site
            urllib.request.urlopen(update, timeout=60)  # noqa: S310 - loopback
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()
