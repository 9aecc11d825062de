"""The files of a built site (``airoles-kg docs``), read safely for the front of ``serve``:
a URL path is resolved inside the site folder only, a folder gives its ``index.html`` or
nothing (no listing), and the media type comes from the file's extension.

>>> sparql_path("/query?query=ASK{}"), sparql_path("/store/x"), sparql_path("/en/index.html")
(True, True, False)
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

__all__ = ["MEDIA_TYPES", "SPARQL_PATHS", "site_file", "sparql_path"]

#: The paths the oxigraph server answers; everything else is the site's.
SPARQL_PATHS: tuple[str, ...] = ("/query", "/update", "/store")

#: Media types by extension, the RDF files of a release included.
MEDIA_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml", ".png": "image/png", ".txt": "text/plain; charset=utf-8",
    ".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json",
    ".owl": "application/rdf+xml", ".rdf": "application/rdf+xml", ".json": "application/json",
    ".tsv": "text/tab-separated-values; charset=utf-8", ".md": "text/markdown; charset=utf-8",
}


def sparql_path(target: str) -> bool:
    """Whether the request target ``target`` is one of the SPARQL paths."""
    path = urllib.parse.urlsplit(target).path
    return any(path == p or path.startswith(p + "/") for p in SPARQL_PATHS)


def site_file(site: Path, target: str) -> tuple[Path, str] | None:
    """The file under ``site`` that the request target ``target`` names, with its media type,
    or ``None`` (missing, a folder without ``index.html``, or outside the folder).

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "index.html").write_text("home")
    >>> site_file(root, "/")[0].name, site_file(root, "/index.html?x=1")[1]
    ('index.html', 'text/html; charset=utf-8')
    >>> site_file(root, "/../etc/passwd") is None, site_file(root, "/%2e%2e/x") is None
    (True, True)
    """
    path = urllib.parse.unquote(urllib.parse.urlsplit(target).path)
    root = site.resolve()
    candidate = (root / path.lstrip("/")).resolve()
    if candidate != root and root not in candidate.parents:
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    if not candidate.is_file():
        return None
    return candidate, MEDIA_TYPES.get(candidate.suffix.lower(), "application/octet-stream")
