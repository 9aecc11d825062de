"""A cache of what is built from the Turtle sources (the loaded graph, its N-Triples, the role
index of ``roles/index.py``), kept fresh by a fingerprint of the sources and of the code that
builds it.

Parsing the sources with rdflib takes far longer than any command that reads them, so the
result is kept in ``$AIROLES_KG_CACHE`` (a folder; ``off`` turns the cache off), else
``$XDG_CACHE_HOME/airoles-kg``, else ``~/.cache/airoles-kg``. An entry is named by the
fingerprint (SHA-256) of the bytes of every source file, their names, the project version,
Python's version and the modules that build it: when any of them changes, the entry is not
found and is built again; the stale entries of the same sources folder are then removed. An
entry is written atomically (a temporary file renamed onto it), so processes running at once
see a whole entry or none; one that cannot be read is built again, and a cache folder that
cannot be written only costs the time of building.

>>> import tempfile, os
>>> before = os.environ.get(CACHE_ENV)
>>> os.environ[CACHE_ENV] = tempfile.mkdtemp()
>>> cached_bytes("demo", [], lambda: b"built")
b'built'
>>> cached_bytes("demo", [], lambda: b"not built again")
b'built'
>>> _ = os.environ.pop(CACHE_ENV) if before is None else os.environ.update({CACHE_ENV: before})
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from airoles_kg.errors import InputError
from airoles_kg.paths import project_version

__all__ = ["CACHE_ENV", "cache_dir", "cached_bytes", "cached_object", "fingerprint",
           "source_files"]

#: The environment variable naming the cache folder (``off``: no cache).
CACHE_ENV = "AIROLES_KG_CACHE"

#: Bumped when the layout of an entry changes.
_FORMAT = "1"

#: The modules whose code decides what is built: a change to one of them is a new fingerprint.
_BUILDERS = ("load.py", "cache.py", "stamp.py", "materialise.py", "../rdf/parse.py",
             "../namespaces.py")

T = TypeVar("T")


def source_files(directory: Path) -> list[Path]:
    """The Turtle sources of ``directory`` (``*.ttl``, sorted); an
    :class:`~airoles_kg.errors.InputError` if it has none."""
    files = sorted(directory.glob("*.ttl"))
    if not files:
        raise InputError(f"{directory}: no *.ttl files found")
    return files


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when ``$AIROLES_KG_CACHE`` is ``off``."""
    value = os.environ.get(CACHE_ENV, "")
    if value.lower() == "off":
        return None
    if value:
        return Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "airoles-kg"


def fingerprint(files: Sequence[Path], *salt: str) -> str:
    """The SHA-256 (hex) of ``files`` (names and bytes), ``salt``, the version of the project
    and of Python, and the code that builds an entry."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    parts: list[tuple[str, Path]] = [(f"code:{name}", here / name) for name in _BUILDERS]
    parts += [(f"file:{path}", path) for path in files]
    for words in (_FORMAT, project_version(), sys.version, *salt):
        digest.update(words.encode() + b"\0")
    for name, path in parts:
        data = path.read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _entry(kind: str, files: Sequence[Path], salt: tuple[str, ...]) -> tuple[Path, str] | None:
    folder = cache_dir()
    if folder is None:
        return None
    # The sources' folder names the entries of these sources: other checkouts keep theirs.
    where = hashlib.sha256(str(sorted({str(p.parent) for p in files})).encode()).hexdigest()[:12]
    prefix = f"{kind}-{where}-"
    return folder / f"{prefix}{fingerprint(files, kind, *salt)}", prefix


def _store(entry: Path, prefix: str, data: bytes) -> None:
    from airoles_kg.atomic import atomic_write_bytes  # only a write needs it

    with contextlib.suppress(OSError):
        atomic_write_bytes(entry, data)
        for stale in entry.parent.glob(f"{prefix}*"):
            if stale != entry and not stale.name.startswith("."):
                with contextlib.suppress(OSError):
                    stale.unlink()


def cached_bytes(kind: str, files: Sequence[Path], build: Callable[[], bytes],
                 *salt: str) -> bytes:
    """The bytes ``build()`` makes from ``files``, from the cache when they are fresh."""
    located = _entry(kind, files, salt)
    if located is None:
        return build()
    entry, prefix = located
    with contextlib.suppress(OSError):
        return entry.read_bytes()
    data = build()
    _store(entry, prefix, data)
    return data


def cached_object(kind: str, files: Sequence[Path], build: Callable[[], T], *salt: str) -> T:
    """The object ``build()`` makes from ``files`` (pickled in the cache; each call returns a
    new copy, which the caller may change), from the cache when it is fresh."""
    import pickle  # here: a command that reads cached bytes alone does not import it

    located = _entry(kind, files, salt)
    if located is None:
        return build()
    entry, prefix = located
    try:
        data = entry.read_bytes()
    except OSError:
        pass
    else:
        try:
            value: T = pickle.loads(data)  # noqa: S301 - our own cache folder
            return value
        except Exception:  # noqa: BLE001 - a damaged entry is built again
            pass
    value = build()
    _store(entry, prefix, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value
