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

from airoles_kg.rdf.formats import OXIGRAPH_FORMATS, guess_format, is_gzip
from airoles_kg.rdf.read import check_file, open_rdf, oxigraph_syntax_error, starts_with_bom

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
    source: str | Path | Graph, store: ox.Store | None = None, *, progress: bool | None = None
) -> ox.Store:
    """Load RDF into an Oxigraph store without going through rdflib.

    ``source`` is a file (N-Triples, Turtle, ... by suffix, optionally gzip-compressed: it is
    streamed, never held whole in memory) or an rdflib graph (its blank nodes keep their ids).
    Progress goes to stderr when ``progress`` is true, by default only if stderr is a terminal.
    Syntax errors raise :class:`ParseError` with the file and line.
    """
    store = store if store is not None else ox.Store()
    if isinstance(source, Graph):
        data = source.serialize(format="nt", encoding="utf-8")
        store.extend(ox.parse(data, format=ox.RdfFormat.N_TRIPLES, without_named_graphs=True))
        return store
    path = check_file(source)
    fmt, gz = OXIGRAPH_FORMATS[guess_format(path)], is_gzip(path)
    if progress is None:
        progress = sys.stderr.isatty()
    base = path.resolve().as_uri()
    try:
        if not gz and not progress and not starts_with_bom(path):
            store.bulk_load(path=str(path), format=fmt, base_iri=base)
            return store
        with path.open("rb") as raw:
            reader: IO[bytes] = raw
            if progress:
                reader = io.BufferedReader(_Progress(raw, path.name, path.stat().st_size))
            with open_rdf(path, reader) as stream:  # gzip capped, a byte-order mark skipped
                store.bulk_load(stream, format=fmt, base_iri=base)
    except SyntaxError as exc:
        raise oxigraph_syntax_error(path, exc) from None
    return store
