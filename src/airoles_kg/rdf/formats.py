"""RDF file formats by extension, for rdflib and for Oxigraph: one table, so both engines read
the same files.

>>> guess_format("roles.ttl"), guess_format("dump.nt.gz"), guess_format("x.owl")
('turtle', 'nt', 'xml')
>>> is_gzip("dump.nt.gz")
True
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from airoles_kg.errors import InputError

__all__ = ["FORMATS", "LINE_BASED", "OXIGRAPH_FORMATS", "QUAD_FORMATS", "guess_format", "is_gzip"]

#: rdflib parser names by file extension (a trailing ``.gz`` is allowed on any of them).
FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".n3": "n3",
    ".nt": "nt",
    ".ntriples": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".owl": "xml",
    ".rdf": "xml",
    ".xml": "xml",
}
#: Oxigraph's parser for each rdflib parser name of :data:`FORMATS`.
OXIGRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "n3": ox.RdfFormat.N3,
    "xml": ox.RdfFormat.RDF_XML,
    "json-ld": ox.RdfFormat.JSON_LD,
}
#: Formats that hold named graphs (merged into one graph when parsed with rdflib).
QUAD_FORMATS = frozenset({"nquads", "trig"})
#: Formats with one statement a line (a bad line can be found on its own).
LINE_BASED = frozenset({"nt", "nquads"})


def is_gzip(path: str | Path) -> bool:
    """Whether ``path`` names a gzip-compressed file (``.gz``)."""
    return Path(path).name.lower().endswith(".gz")


def guess_format(path: str | Path) -> str:
    """The rdflib parser name for ``path`` from its extension; :class:`InputError` if unknown."""
    name = Path(path).name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    suffix = Path(name).suffix
    try:
        return FORMATS[suffix]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise InputError(
            f"{path}: cannot tell the RDF format from the extension {suffix or '(none)'!r}; "
            f"use one of {known} (optionally .gz)"
        ) from None
