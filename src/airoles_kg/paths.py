"""Where the ontology, shapes and queries live: the source tree, or the installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["data_dir", "ontology_dir", "project_version", "queries_dir", "shapes_dir",
           "version_line"]

_PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE_DIR.parent.parent  # src/airoles_kg -> repository root


@cache
def data_dir() -> Path:
    """The folder that holds ``ontology/``, ``shapes/`` and ``queries/``."""
    if (_SOURCE_ROOT / "ontology").is_dir() and (_SOURCE_ROOT / "pyproject.toml").is_file():
        return _SOURCE_ROOT
    return _PACKAGE_DIR / "_data"


def ontology_dir() -> Path:
    return data_dir() / "ontology"


def shapes_dir() -> Path:
    return data_dir() / "shapes"


def queries_dir() -> Path:
    return data_dir() / "queries"


def _plain_version(text: str) -> str | None:
    """The version of the ``[project]`` table of ``pyproject.toml`` ``text`` when it is written
    plainly, as ``version = "1.2.3"`` on its own line; else ``None`` (for ``tomllib``).

    >>> _plain_version('[project]\\nversion = "1.2" # ours\\n[tool]\\nversion = "9"\\n')
    >>> _plain_version('[tool]\\nversion = "9"\\n[project]\\nname = "x"\\n version = "1.2"\\n')
    '1.2'
    """
    table = ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            table = stripped
            continue
        key, sep, value = stripped.partition("=")
        if table == "[project]" and sep and key.strip() == "version":
            value = value.strip()
            plain = len(value) >= 2 and value[0] == value[-1] == '"'
            return value[1:-1] if plain and not set(value[1:-1]) & {'"', "\\"} else None
    return None


@cache
def project_version() -> str:
    """The one version: from ``pyproject.toml`` in a source tree, else the installed metadata."""
    pyproject = _SOURCE_ROOT / "pyproject.toml"
    if pyproject.is_file():
        plain = _plain_version(pyproject.read_text(encoding="utf-8"))
        if plain is not None:  # every command reads the version: spare them tomllib's import
            return plain
        import tomllib

        with pyproject.open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    from importlib import metadata  # only an installed wheel needs it (and it is slow to import)

    return metadata.version("airoles-kg")


def version_line() -> str:
    """What ``airoles-kg --version`` prints."""
    return f"airoles-kg, version {project_version()}"
