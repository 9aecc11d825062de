"""Loading the knowledge graph: parsing RDF files, stamping the version, materialising.

Every parse goes through :func:`parse_file`, which turns a syntax error into a
:class:`~airoles_kg.errors.ParseError` naming the file and the line, and a missing file into an
:class:`~airoles_kg.errors.InputError`.

>>> g = load_graph()
>>> from airoles_kg.namespaces import AIR, ROLE, RDF
>>> (ROLE["ai-engineer"], RDF.type, AIR.Role) in g
True
"""

from __future__ import annotations

import gzip
import json
import re
import warnings
import xml.sax
from collections.abc import Iterable, Sequence
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from airoles_kg.errors import InputError, ParseError
from airoles_kg.namespaces import AIR, BASE, OWL, PREFIXES, RDF
from airoles_kg.paths import ontology_dir, project_version, shapes_dir

__all__ = [
    "FORMATS",
    "bind_prefixes",
    "guess_format",
    "load_graph",
    "load_ontology_sources",
    "load_shapes",
    "materialise",
    "new_graph",
    "parse_file",
    "stamp_version",
]

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

_QUAD_FORMATS = frozenset({"nquads", "trig"})
_LINE_BASED = frozenset({"nt", "nquads"})
_AT_LINE = re.compile(r"\bline (\d+)")


def new_graph() -> Graph:
    """An empty graph with exactly the project's prefixes bound (no rdflib defaults)."""
    graph = Graph(bind_namespaces="none")
    bind_prefixes(graph)
    return graph


def bind_prefixes(graph: Graph) -> Graph:
    """Bind :data:`~airoles_kg.namespaces.PREFIXES` on ``graph`` (replacing clashes); return it."""
    for prefix, uri in PREFIXES.items():
        graph.bind(prefix, uri, override=True, replace=True)
    return graph


def guess_format(path: str | Path) -> str:
    """The rdflib parser name for ``path`` from its extension.

    >>> guess_format("roles.ttl"), guess_format("dump.nt.gz"), guess_format("x.owl")
    ('turtle', 'nt', 'xml')
    """
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


def _read(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not an RDF file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if path.name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise ParseError(path, None, f"not a valid gzip file ({exc})") from None
    return data


def _first_bad_line(data: bytes, fmt: str) -> int | None:
    """For line-based formats, the number of the first line that does not parse on its own."""
    for number, line in enumerate(data.splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith(b"#"):
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                Dataset().parse(data=text.decode("utf-8"), format=fmt)
        except Exception:  # noqa: BLE001 - any failure marks the line
            return number
    return None


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _parse_error(path: Path, data: bytes, fmt: str, exc: Exception) -> ParseError:
    """Translate whatever the rdflib parser raised into a ParseError with a line number."""
    if isinstance(exc, BadSyntax):
        # rdflib counts the newlines before the error position; lines are 1-based for people.
        # An error at the very end (a statement cut short) is reported on the last line.
        last = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        return ParseError(path, max(1, min(exc.lines + 1, last)), _one_line(exc._why))
    if isinstance(exc, json.JSONDecodeError):
        return ParseError(path, exc.lineno, _one_line(exc.msg))
    if isinstance(exc, xml.sax.SAXParseException):
        return ParseError(path, exc.getLineNumber(), _one_line(exc.getMessage()))
    detail = _one_line(str(exc)) or type(exc).__name__
    if fmt in _LINE_BASED:
        return ParseError(path, _first_bad_line(data, fmt), detail)
    match = _AT_LINE.search(detail)
    return ParseError(path, int(match.group(1)) if match else None, detail)


def parse_file(path: str | Path, format: str | None = None) -> Graph:  # noqa: A002
    """Parse one RDF file into a new graph (quads are merged into one graph).

    The format is guessed from the extension unless given. A file that does not parse raises
    :class:`~airoles_kg.errors.ParseError` with the file and line; a missing file raises
    :class:`~airoles_kg.errors.InputError`.
    """
    path = Path(path)
    fmt = format or guess_format(path)
    data = _read(path)
    base = path.resolve().as_uri()
    try:
        if fmt in _QUAD_FORMATS:
            dataset = Dataset()
            with warnings.catch_warnings():  # rdflib's quad parsers use deprecated internals
                warnings.simplefilter("ignore", DeprecationWarning)
                dataset.parse(data=data, format=fmt, publicID=base)
            graph = new_graph()
            for s, p, o, _ctx in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            graph = new_graph()
            with warnings.catch_warnings():  # rdflib's JSON-LD parser uses deprecated internals
                warnings.simplefilter("ignore", DeprecationWarning)
                graph.parse(data=data, format=fmt, publicID=base)
    except Exception as exc:  # noqa: BLE001 - parsers raise many types; all mean bad input
        raise _parse_error(path, data, fmt, exc) from None
    return graph


def _merge(paths: Iterable[Path], into: Graph) -> Graph:
    for path in paths:
        parsed = parse_file(path)
        for prefix, uri in parsed.namespaces():
            if prefix and prefix not in PREFIXES and str(uri) not in PREFIXES.values():
                into.bind(prefix, uri, override=False)
        into += parsed
    return into


def _sources(directory: Path) -> list[Path]:
    files = sorted(directory.glob("*.ttl"))
    if not files:
        raise InputError(f"{directory}: no *.ttl files found")
    return files


def load_ontology_sources() -> Graph:
    """The ontology and knowledge base exactly as written in ``ontology/*.ttl`` (no stamping)."""
    return _merge(_sources(ontology_dir()), new_graph())


def _version_iri(ontology: URIRef, version: str) -> URIRef:
    """``<BASE>ontology/core`` -> ``<BASE>ontology/<version>/core`` (likewise for shapes)."""
    head, _, tail = str(ontology)[len(BASE) :].rstrip("#/").partition("/")
    return URIRef(f"{BASE}{head}/{version}" + (f"/{tail}" if tail else ""))


def stamp_version(graph: Graph, version: str | None = None) -> Graph:
    """Set ``owl:versionIRI`` and ``owl:versionInfo`` of every project ``owl:Ontology``.

    Only ontologies whose IRI lies under ``https://w3id.org/airoles/`` are touched; a data
    steward's own ontology headers keep their versions.

    >>> from airoles_kg.namespaces import OWL, RDF
    >>> g = new_graph()
    >>> _ = g.add((URIRef("https://w3id.org/airoles/ontology/core"), RDF.type, OWL.Ontology))
    >>> _ = stamp_version(g, "1.2.3")
    >>> str(g.value(URIRef("https://w3id.org/airoles/ontology/core"), OWL.versionIRI))
    'https://w3id.org/airoles/ontology/1.2.3/core'
    """
    version = version or project_version()
    for ontology in sorted(set(graph.subjects(RDF.type, OWL.Ontology)), key=str):
        if not isinstance(ontology, URIRef) or not str(ontology).startswith(BASE):
            continue
        graph.remove((ontology, OWL.versionIRI, None))
        graph.remove((ontology, OWL.versionInfo, None))
        graph.add((ontology, OWL.versionIRI, _version_iri(ontology, version)))
        graph.add((ontology, OWL.versionInfo, Literal(version)))
    return graph


def materialise(graph: Graph) -> int:
    """Add ``?role air:requiresCompetency ?c`` for each ``?role air:hasRequirement/air:competency
    ?c``; return the number of triples added. Running it twice adds nothing the second time."""
    before = len(graph)
    inferred = [
        (role, AIR.requiresCompetency, competency)
        for role, requirement in graph.subject_objects(AIR.hasRequirement)
        for competency in graph.objects(requirement, AIR.competency)
    ]
    for triple in inferred:
        graph.add(triple)
    return len(graph) - before


def load_graph(extra: Sequence[str | Path] | None = None, *, materialise: bool = True) -> Graph:
    """The knowledge graph: ``ontology/*.ttl`` (sorted) plus ``extra`` files, version-stamped,
    with ``air:requiresCompetency`` materialised unless ``materialise=False``."""
    graph = load_ontology_sources()
    _merge((Path(p) for p in extra or ()), graph)
    stamp_version(graph)
    if materialise:
        _materialise(graph)
    return graph


_materialise = materialise


def load_shapes(extra: Sequence[str | Path] | None = None) -> Graph:
    """The SHACL shapes in ``shapes/*.ttl`` (sorted), plus ``extra`` files, version-stamped."""
    graph = _merge(_sources(shapes_dir()), new_graph())
    _merge((Path(p) for p in extra or ()), graph)
    return stamp_version(graph)
