"""Persistent Oxigraph stores: a folder loaded from the build once, reused while current.

A store records a fingerprint of what the build is made of (:func:`build_fingerprint`) and the
number of quads loaded in a sidecar file, :data:`SIDECAR`, beside the database files (not in the
data, so a query over every graph sees the build alone), and is reloaded when the fingerprint
changes or the store no longer holds that many quads (a damaged manifest can open as an emptier
store without an error).

A current store is opened read-only, so any number of processes can read it at once; a store
to (re)load is opened for writing, waiting up to :data:`LOCK_WAIT` seconds for another process
that holds it. A store is only a cache of the build: one whose files are damaged is emptied
and loaded again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

import airoles_kg.kg as kg_package
from airoles_kg.atomic import atomic_write_text
from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.errors import InputError
from airoles_kg.kg.load import load_graph
from airoles_kg.paths import ontology_dir, project_version
from airoles_kg.text import one_line

__all__ = ["LOCK_WAIT", "SIDECAR", "build_fingerprint", "open_store", "recorded_fingerprint"]

#: The file, in the store folder, that records which build the store holds.
SIDECAR = "airoles-kg-store.json"
#: Seconds to wait for another process that holds a store open for writing.
LOCK_WAIT = 10.0
# Files by which a folder is known to be an Oxigraph (RocksDB) store, so it may be emptied.
_STORE_MARKERS = ("CURRENT", "IDENTITY", SIDECAR)


def build_fingerprint(extra: Iterable[Path] = ()) -> str:
    """A digest of what the build is made of: the version, the ontology sources, the code that
    loads them (:mod:`airoles_kg.kg`).

    A persistent store records it and is reloaded when it changes.
    """
    digest = hashlib.sha256(f"airoles-kg {project_version()}\n".encode())
    loader = Path(kg_package.__file__).parent
    files = sorted(ontology_dir().glob("*.ttl")) + sorted(loader.glob("*.py"))
    for path in [*files, *(Path(p) for p in extra)]:
        digest.update(f"{path.name}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def recorded_fingerprint(folder: str | Path) -> str | None:
    """The fingerprint the store in ``folder`` records, or ``None`` (no store, an unreadable
    record, or a store written before records were kept beside it)."""
    value = _record(Path(folder)).get("fingerprint")
    return value if isinstance(value, str) else None


def _record(folder: Path) -> dict[str, object]:
    """What the store in ``folder`` records (empty if no record can be read)."""
    try:
        record = json.loads((folder / SIDECAR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _damaged(exc: BaseException) -> bool:
    """Whether an error of RocksDB says the files are damaged (not locked, not missing)."""
    text = str(exc)
    return "Corruption" in text or "Column family not found" in text


def _locked(exc: BaseException) -> bool:
    return "lock" in str(exc).lower() and "Corruption" not in str(exc)


def _check(store: ox.Store) -> int:
    """Read every quad once: damaged data files fail here, not in the middle of a query.

    Returns how many quads the store holds (a damaged manifest can open as a smaller store).
    """
    return sum(1 for _ in store.quads_for_pattern(None, None, None, None))


def _holds_the_build(folder: Path, fingerprint: str, quads: int) -> bool:
    """Whether the store records ``fingerprint`` and still holds the quads it recorded."""
    record = _record(folder)
    return record.get("fingerprint") == fingerprint and record.get("quads") == quads


def _empty(folder: Path) -> None:
    """Remove a damaged store's files (only a folder that is recognisably a store)."""
    if not any((folder / name).exists() for name in _STORE_MARKERS):
        raise InputError(f"{folder}: --store holds files that are not an Oxigraph store; "
                         "give an empty or new folder")
    shutil.rmtree(folder)
    folder.mkdir(parents=True)


def _open_read_only(folder: Path, fingerprint: str) -> ox.Store | None:
    """The current store opened read-only and checked; ``None`` if its files are damaged or it
    no longer holds the quads its record counts."""
    try:
        store = ox.Store.read_only(str(folder))
        quads = _check(store)
    except (OSError, RuntimeError) as exc:
        if _damaged(exc):
            return None
        raise InputError(f"{folder}: cannot open the store: {one_line(exc)}") from exc
    return store if _holds_the_build(folder, fingerprint, quads) else None


def _open_writable(folder: Path, wait: float) -> tuple[ox.Store, int]:
    """The store opened for writing, with its quad count: waits for another process's lock,
    empties damaged files."""
    deadline = time.monotonic() + wait
    emptied = False
    while True:
        store: ox.Store | None = None
        try:
            store = ox.Store(str(folder))
            return store, _check(store)
        except (OSError, RuntimeError) as exc:
            store = None  # closes it (and frees the lock) before its files are removed
            if _damaged(exc) and not emptied:
                _empty(folder)
                emptied = True
                continue
            if _locked(exc):
                if time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                raise InputError(
                    f"{folder}: the store is in use by another process that writes to it "
                    f"(waited {wait:g} s); stop it or give another --store") from exc
            raise InputError(f"{folder}: cannot open the store: {one_line(exc)}") from exc


def open_store(
    store_dir: str | Path,
    graph: Graph | None = None,
    *,
    extra: Sequence[Path] = (),
    fingerprint: str | None = None,
    wait: float = LOCK_WAIT,
) -> tuple[OxigraphBackend, bool]:
    """Open (creating it if need be) a persistent store in ``store_dir`` holding the build.

    The store is (re)loaded when it is empty, damaged, or records another fingerprint than
    ``fingerprint`` (default: :func:`build_fingerprint` of the sources and ``extra``); otherwise
    it is opened read-only as it is. The content loaded is ``graph`` when given (the caller's
    ``load_graph(extra)``, to save parsing it twice), else ``load_graph(extra)``. The fingerprint
    and the version are recorded in the file :data:`SIDECAR` of the folder. Returns the backend
    and whether it was (re)loaded. A store another process writes to is waited for ``wait``
    seconds, then :class:`~airoles_kg.errors.InputError`.
    """
    folder = Path(store_dir)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: --store must be a folder, not a file")
    fingerprint = fingerprint or build_fingerprint(extra)
    if recorded_fingerprint(folder) == fingerprint:
        current = _open_read_only(folder, fingerprint)
        if current is not None:
            return OxigraphBackend(current), False
    folder.mkdir(parents=True, exist_ok=True)
    store, quads = _open_writable(folder, wait)
    backend = OxigraphBackend(store)
    if _holds_the_build(folder, fingerprint, quads):  # loaded meanwhile by the lock's holder
        return backend, False
    (folder / SIDECAR).unlink(missing_ok=True)  # a load cut short is never taken as current
    if graph is None:
        graph = load_graph(list(extra) or None)
    store.clear()
    backend.load_graph(graph)
    store.flush()
    record = {"fingerprint": fingerprint, "quads": len(store), "version": project_version()}
    atomic_write_text(folder / SIDECAR, json.dumps(record, indent=2, sort_keys=True) + "\n")
    return backend, True
