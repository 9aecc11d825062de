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


@cache
def project_version() -> str:
    """The one version: from ``pyproject.toml`` in a source tree, else the installed metadata."""
    pyproject = _SOURCE_ROOT / "pyproject.toml"
    if pyproject.is_file():
        import tomllib  # here, not above: only the version needs it (and it is slow to import)

        with pyproject.open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    from importlib import metadata  # only an installed wheel needs it (and it is slow to import)

    return metadata.version("airoles-kg")


def version_line() -> str:
    """What ``airoles-kg --version`` prints."""
    return f"airoles-kg, version {project_version()}"
