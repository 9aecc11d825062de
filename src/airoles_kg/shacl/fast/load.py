"""Loading RDF into an Oxigraph store without going through rdflib: files are streamed (gzip
included), with progress on a terminal and syntax errors that name the file and the line.

>>> from rdflib import Graph, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("http://e/a"), URIRef("http://e/p"), URIRef("http://e/b")))
>>> len(load_store(g))
1
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph

from airoles_kg.rdf.read import bulk_load_file, check_file

__all__ = ["load_store"]


class _Progress(io.RawIOBase):
    """A binary reader that reports how far it has read on stderr (for terminals only)."""

    def __init__(self, raw: IO[bytes], label: str, total: int) -> None:
        self.raw, self.label, self.total = raw, label, total
        self.done = 0
        self.last = 0.0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.done += len(data)
        now = time.monotonic()
        if now - self.last > 0.5 or not data:
            self.last = now
            pct = f" {100 * self.done // self.total}%" if self.total else ""
            sys.stderr.write(f"\rloading {self.label}: {self.done >> 20} MiB{pct}")
            if not data:
                sys.stderr.write("\n")
            sys.stderr.flush()
        return len(data)


def load_store(
    source: str | Path | Graph | bytes, store: ox.Store | None = None, *,
    progress: bool | None = None
) -> ox.Store:
    """Load RDF into an Oxigraph store without going through rdflib.

    ``source`` is a file (N-Triples, Turtle, ... by suffix, optionally gzip-compressed: it is
    streamed, never held whole in memory), N-Triples bytes (such as the cached build,
    :func:`~airoles_kg.kg.load.load_ntriples`), or an rdflib graph (its blank nodes keep their
    ids).
    Progress goes to stderr when ``progress`` is true, by default only if stderr is a terminal.
    Syntax errors raise :class:`ParseError` with the file and line.
    """
    store = store if store is not None else ox.Store()
    if isinstance(source, Graph | bytes):
        data = source if isinstance(source, bytes) else source.serialize(
            format="nt", encoding="utf-8")
        store.extend(ox.parse(data, format=ox.RdfFormat.N_TRIPLES, without_named_graphs=True))
        return store
    if progress is None:
        progress = sys.stderr.isatty()
    wrap = None
    if progress:
        path = check_file(source)
        label, total = path.name, path.stat().st_size

        def wrap(raw: IO[bytes]) -> IO[bytes]:
            return io.BufferedReader(_Progress(raw, label, total))

    bulk_load_file(store, source, wrap=wrap)
    return store
