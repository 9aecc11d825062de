"""Query backends: one interface over rdflib, an embedded Oxigraph store, and remote endpoints.

Every backend speaks rdflib terms at its boundary, so a named query gives the same answer
whichever engine runs it. The embedded Oxigraph store is the default (:func:`open_backend`); it
lives in memory, or on disk in a folder that is loaded from the build once and reused while the
build it holds is current.

Parameters are bound without pasting user text into SPARQL. rdflib binds them with
``initBindings``, which pre-binds a variable everywhere in the query: in nested groups, UNION
branches, OPTIONAL and MINUS parts, EXISTS filters and sub-queries. Oxigraph (whose
``substitutions`` refuse a variable outside the SELECT projection) and remote endpoints (which
have no such mechanism) get the same semantics from :func:`inject_bindings`: a one-row
``VALUES ?p { <term> }`` block opens the outermost WHERE group and every nested group that
mentions ``?p`` (sub-queries included) or is a MINUS group, with the term written by
:func:`sparql_term` from an rdflib term, never from raw text. The tests check the equivalence
with ``initBindings`` case by case.

>>> from rdflib import URIRef
>>> inject_bindings("SELECT ?c WHERE { ?r <http://e/p> ?c }", {"r": URIRef("http://e/a")})
'SELECT ?c WHERE { VALUES ?r { <http://e/a> } ?r <http://e/p> ?c }'
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast, runtime_checkable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, XSD
from rdflib.term import Identifier, Node

from airoles_kg.errors import InputError, QueryError

if TYPE_CHECKING:
    from airoles_kg.remote import RemoteBackend

__all__ = [
    "METADATA_GRAPH",
    "Backend",
    "OxigraphBackend",
    "RdflibBackend",
    "Rows",
    "build_fingerprint",
    "canonical_rows",
    "canonical_term",
    "from_oxigraph",
    "inject_bindings",
    "nt_line",
    "open_backend",
    "open_store",
    "sparql_term",
    "to_oxigraph",
]

Term = Node

#: The named graph in which a persistent store records which build it holds.
METADATA_GRAPH = URIRef("urn:airoles-kg:store-metadata")
_FINGERPRINT = DCTERMS.identifier


@dataclass(frozen=True)
class Rows:
    """The answer to a SELECT: variable names and rows of rdflib terms (``None`` = unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]


@runtime_checkable
class Backend(Protocol):
    """What a query engine must offer. ``bindings`` maps variable names to terms."""

    name: str

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Rows: ...

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool: ...

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Graph: ...


# --------------------------------------------------------------------------------------------
# Terms


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to its pyoxigraph equivalent."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to an Oxigraph term")


def from_oxigraph(term: object) -> Term | None:
    """Convert a pyoxigraph term (or ``None``) to its rdflib equivalent."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        # A string's lexical form is its value: rdflib's normalisation would keep it as it is
        # (and costs a third of the conversion), so it is skipped for strings only.
        if term.language:
            return Literal(term.value, lang=term.language, normalize=False)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value, normalize=False)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector (reference counting goes on) while a large answer is built.

    An answer is tuples of terms: it holds no reference cycle, yet each of the thousands of
    objects it adds would make the collector traverse the young ones, and the whole heap now and
    then, over and over while the answer grows. It runs again as usual afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rows_from_oxigraph(rows: Iterable[Iterable[object]]) -> tuple[tuple[Term | None, ...], ...]:
    """Rows of pyoxigraph terms (``None`` = unbound) as rows of rdflib terms.

    An answer repeats the same terms (a role on each of its rows, a handful of types and
    levels), and building an rdflib term costs far more than looking one up, so each distinct
    term of the answer is converted once (pyoxigraph terms are equal exactly when they are the
    same RDF term). Nothing is kept from one answer to the next.
    """
    converted: dict[object, Term | None] = {None: None}
    convert = converted.__getitem__
    out = []
    with _cyclic_gc_paused():
        for row in rows:
            terms = tuple(row)
            try:
                out.append(tuple(map(convert, terms)))
            except KeyError:  # a term not seen before in this answer
                for term in terms:
                    if term not in converted:
                        converted[term] = from_oxigraph(term)
                out.append(tuple(map(convert, terms)))
    return tuple(out)


_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"^[A-Za-z]+(?:-[A-Za-z0-9]+)*$")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
          "\f": "\\f"}


def _escape(text: str, ascii_only: bool) -> str:
    out = []
    for char in text:
        if char in _ECHAR:
            out.append(_ECHAR[char])
        elif ord(char) < 0x20 or (ascii_only and ord(char) > 0x7E):
            code = ord(char)
            out.append(f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
        else:
            out.append(char)
    return "".join(out)


def _iri(value: str, ascii_only: bool) -> str:
    if not value or _IRI_FORBIDDEN.search(value):
        raise QueryError(f"not a valid IRI: {value!r}")
    return f"<{_escape(value, ascii_only)}>"


def sparql_term(term: Node, *, ascii_only: bool = False, typed_strings: bool = False) -> str:
    """An rdflib IRI or literal written as SPARQL (and N-Triples) syntax, safely escaped.

    Strings always take the short quoted form with every quote, backslash and control
    character escaped; with ``ascii_only`` any non-ASCII character becomes a ``\\u`` escape
    (servers that mis-decode UTF-8 request bodies still read the right text); with
    ``typed_strings`` a simple literal with non-ASCII characters is written
    ``"..."^^xsd:string``, the same RDF 1.1 term (Virtuoso 7 turns ``STR()`` of such a constant
    into ``?`` characters; ASCII ones stay simple, as Virtuoso compares the two forms apart).

    >>> sparql_term(Literal('say "hi"\\n', lang="en"))
    '"say \\\\"hi\\\\"\\\\n"@en'
    >>> sparql_term(Literal(3))
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> sparql_term(Literal("é"), ascii_only=True)
    '"\\\\u00E9"'
    """
    if isinstance(term, URIRef):
        return _iri(str(term), ascii_only)
    if isinstance(term, Literal):
        text = f'"{_escape(str(term), ascii_only)}"'
        if term.language:
            if not _LANG.match(term.language):
                raise QueryError(f"not a valid language tag: {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^{_iri(str(term.datatype), ascii_only)}"
        if typed_strings and not str(term).isascii():
            return f"{text}^^{_iri(str(XSD.string), ascii_only)}"
        return text
    if isinstance(term, BNode):
        raise QueryError("a blank node cannot be bound as a parameter; use an IRI")
    raise QueryError(f"cannot bind {term!r}: not an IRI or literal")


def nt_line(triple: tuple[Node, Node, Node], *, ascii_only: bool = True) -> str:
    """One N-Triples line (also valid inside SPARQL ``INSERT DATA``), blank nodes as ``_:id``."""

    def one(term: Node) -> str:
        if isinstance(term, BNode):
            label = re.sub(r"[^A-Za-z0-9]", "_", str(term))
            return f"_:b{label}"
        return sparql_term(term, ascii_only=ascii_only)

    s, p, o = triple
    return f"{one(s)} {one(p)} {one(o)} ."


# --------------------------------------------------------------------------------------------
# Binding parameters by VALUES injection

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              | '''(?:[^'\\]|\\.|'(?!''))*'''
              | "(?:[^"\\\n\r]|\\.)*"
              | '(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<word>(?:[A-Za-z0-9_:\u00B7-\uFFFF\-.%]|\\.)+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int


def _tokens(sparql: str) -> list[_Token]:
    """The significant tokens of ``sparql``: no whitespace, no comments; strings and IRIs whole."""
    out = []
    pos = 0
    while pos < len(sparql):
        match = _TOKEN.match(sparql, pos)
        if match is None or (match.lastgroup == "other" and match.group() in "\"'"):
            line = sparql.count("\n", 0, pos) + 1
            raise QueryError(f"line {line}: unterminated string in the query")
        kind = match.lastgroup or "other"
        if kind not in ("ws", "comment"):
            out.append(_Token(kind, match.group(), match.start(), match.end()))
        pos = match.end()
    return out


@dataclass(frozen=True)
class _Group:
    offset: int  # just after the opening brace
    names: frozenset[str]  # variables mentioned anywhere inside the group
    always: bool  # an outermost group, or a MINUS group: bound whether mentioned or not


def _groups(tokens: Sequence[_Token]) -> tuple[list[_Group], bool]:
    """The group graph patterns of a query, with the variables each one mentions.

    Skipped: ``VALUES`` data blocks, CONSTRUCT templates, and the brace that wraps a
    sub-query (its own WHERE group is a group). The flag says whether the query is a
    CONSTRUCT WHERE short form, whose pattern cannot take a VALUES block.
    """
    groups: list[_Group] = []
    # Open braces: (offset after it or None when not a group, names, always).
    stack: list[tuple[int | None, set[str], bool]] = []
    short_construct = False
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        word = tok.text.upper() if tok.kind == "word" else ""
        nxt = tokens[i + 1] if i + 1 < n else None
        if word == "CONSTRUCT" and nxt is not None and nxt.text.upper() == "WHERE":
            short_construct = True
        elif word == "VALUES" or (word == "CONSTRUCT" and nxt is not None and nxt.text == "{"):
            # Skip to the block's opening brace, then past its closing one (no nesting inside).
            j = i + 1
            while j < n and tokens[j].text != "{":
                j += 1
            while j < n and tokens[j].text != "}":
                j += 1
            i = j + 1
            continue
        elif tok.kind == "var":
            for _, names, _ in stack:
                names.add(tok.text[1:])
        elif tok.text == "{":
            is_group = nxt is None or nxt.text.upper() != "SELECT"
            after_minus = i > 0 and tokens[i - 1].text.upper() == "MINUS"
            outermost = not any(offset is not None for offset, _, _ in stack)
            stack.append((tok.end if is_group else None, set(), outermost or after_minus))
        elif tok.text == "}" and stack:
            offset, names, always = stack.pop()
            if offset is not None:
                groups.append(_Group(offset, frozenset(names), always))
        i += 1
    return sorted(groups, key=lambda g: g.offset), short_construct


def inject_bindings(
    sparql: str, bindings: Mapping[str, Term] | None, *, portable: bool = False
) -> str:
    """``sparql`` with each binding opening the group graph patterns as a one-row VALUES block.

    Equivalent to rdflib's ``initBindings`` (the variable is bound everywhere in the query,
    sub-queries included): the block opens the outermost groups, every group that mentions
    the variable, and every MINUS group (whose result depends on shared variables). Groups
    that do not mention it are left alone: binding it there would not change any answer. A
    variable that does not occur in the query is left out, as ``initBindings`` leaves it out
    of ``SELECT *``. ``portable`` (for remote servers) writes terms ASCII-only, with simple
    literals typed ``xsd:string`` (see :func:`sparql_term`).
    """
    if not bindings:
        return sparql
    tokens = _tokens(sparql)
    present = {tok.text[1:] for tok in tokens if tok.kind == "var"}
    used = sorted(name for name in bindings if name in present)
    if not used:
        return sparql
    terms = {name: sparql_term(bindings[name], ascii_only=portable, typed_strings=portable)
             for name in used}
    groups, short_construct = _groups(tokens)
    if short_construct:
        raise QueryError(
            "parameters cannot be bound in a CONSTRUCT WHERE { ... } short form; "
            "write CONSTRUCT { ... } WHERE { ... }"
        )
    if not groups:
        raise QueryError("the query has no WHERE group in which to bind parameters")
    parts = []
    last = 0
    for group in groups:
        names = [name for name in used if group.always or name in group.names]
        if not names:
            continue
        parts.append(sparql[last:group.offset])
        # One block per group, even for several variables: Virtuoso 7 mis-joins consecutive
        # VALUES blocks.
        if len(names) == 1:
            parts.append(f" VALUES ?{names[0]} {{ {terms[names[0]]} }}")
        else:
            row = " ".join(terms[name] for name in names)
            parts.append(f" VALUES ({' '.join('?' + name for name in names)}) {{ ({row}) }}")
        last = group.offset
    parts.append(sparql[last:])
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# Comparing answers across engines

_NUMERIC = {
    str(XSD[name])
    for name in (
        "integer", "decimal", "int", "long", "short", "byte", "nonNegativeInteger",
        "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt",
        "unsignedLong", "unsignedShort", "unsignedByte", "double", "float",
    )
}


def canonical_term(term: Term | None) -> tuple[str, ...] | None:
    """A comparable form of a term: numbers by value (9 decimals), booleans as the numbers 0
    and 1, strings without xsd:string, language tags in lower case.

    >>> canonical_term(Literal("2.0", datatype=XSD.decimal)) == canonical_term(Literal(2))
    True
    """
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ("iri", str(term))
    if isinstance(term, BNode):
        return ("bnode",)
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype is not None else ""
        if datatype in _NUMERIC:
            try:
                value = Decimal(str(term).strip()).quantize(Decimal("1e-9"))
            except InvalidOperation:
                return ("literal", str(term), datatype)
            return ("number", format(value.normalize(), "f"))
        if datatype == str(XSD.boolean):  # as 0/1: Virtuoso answers booleans as integers
            return ("number", "1" if str(term).strip() in ("true", "1") else "0")
        if term.language:
            return ("literal", str(term), "@" + term.language.lower())
        if datatype == str(XSD.string):
            datatype = ""
        return ("literal", str(term), datatype)
    return ("other", str(term))


def canonical_rows(rows: Rows) -> list[tuple[tuple[str, ...] | None, ...]]:
    """The rows of a SELECT answer, canonicalised term by term and sorted (order-free)."""
    canon = [tuple(canonical_term(term) for term in row) for row in rows.rows]
    return sorted(canon, key=repr)


# --------------------------------------------------------------------------------------------
# Backends


class RdflibBackend:
    """Queries an in-memory rdflib graph, binding parameters with ``initBindings``."""

    name = "rdflib"

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def _bindings(self, bindings: Mapping[str, Term] | None) -> dict[str, Identifier]:
        return {k: cast(Identifier, v) for k, v in (bindings or {}).items()}

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Rows:
        result = self.graph.query(sparql, initBindings=self._bindings(bindings))
        variables = tuple(str(v) for v in (result.vars or []))
        rows = tuple(tuple(row) for row in result)  # type: ignore[arg-type]
        return Rows(variables, rows)

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        return bool(self.graph.query(sparql, initBindings=self._bindings(bindings)).askAnswer)

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Graph:
        result = self.graph.query(sparql, initBindings=self._bindings(bindings))
        out = Graph()
        for triple in result:
            out.add(triple)  # type: ignore[arg-type]
        return out


class OxigraphBackend:
    """Queries an embedded Oxigraph store (in memory, or persistent in ``path``).

    Parameters are bound by :func:`inject_bindings`, which, unlike pyoxigraph's
    ``substitutions``, also binds variables outside the SELECT projection.
    """

    name = "oxigraph"

    def __init__(self, store: ox.Store | None = None, *, path: str | Path | None = None) -> None:
        self.store = store if store is not None else ox.Store(str(path) if path else None)

    @classmethod
    def from_graph(cls, graph: Graph, *, path: str | Path | None = None) -> OxigraphBackend:
        """Load an rdflib graph into a new store (via N-Triples, which keeps every term)."""
        backend = cls(path=path)
        backend.load_graph(graph)
        return backend

    def load_graph(self, graph: Graph) -> None:
        """Add the triples of ``graph`` to the default graph of the store."""
        data = graph.serialize(format="nt", encoding="utf-8")
        self.store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())

    def __len__(self) -> int:
        """The number of triples in the default graph."""
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def _run(self, sparql: str, bindings: Mapping[str, Term] | None) -> object:
        return self.store.query(inject_bindings(sparql, bindings))

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Rows:
        result = self._run(sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        # A solution iterates over its values in the order of the variables.
        return Rows(tuple(v.value for v in result.variables), _rows_from_oxigraph(result))

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        result = self._run(sparql, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(result)

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Graph:
        result = self._run(sparql, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        out = Graph()
        triples = ((t.subject, t.predicate, t.object) for t in result)
        for triple in _rows_from_oxigraph(triples):
            out.add(triple)  # type: ignore[arg-type]
        return out


# --------------------------------------------------------------------------------------------
# Persistent stores and the factory


def build_fingerprint(extra: Iterable[Path] = ()) -> str:
    """A digest of what the build is made of: the version, the ontology sources, the loader.

    A persistent store records it and is reloaded when it changes.
    """
    from airoles_kg import graph as graph_module
    from airoles_kg.paths import ontology_dir, project_version

    digest = hashlib.sha256(f"airoles-kg {project_version()}\n".encode())
    files = sorted(ontology_dir().glob("*.ttl")) + [Path(graph_module.__file__)]
    for path in [*files, *(Path(p) for p in extra)]:
        digest.update(f"{path.name}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _recorded(store: ox.Store) -> str | None:
    for quad in store.quads_for_pattern(
        ox.NamedNode(str(METADATA_GRAPH)), ox.NamedNode(str(_FINGERPRINT)), None,
        ox.NamedNode(str(METADATA_GRAPH)),
    ):
        obj = quad.object
        return obj.value if isinstance(obj, ox.Literal) else None
    return None


def open_store(
    store_dir: str | Path,
    graph: Graph | None = None,
    *,
    extra: Sequence[Path] = (),
    fingerprint: str | None = None,
) -> tuple[OxigraphBackend, bool]:
    """Open (creating it if need be) a persistent store in ``store_dir`` holding the build.

    The store is (re)loaded when it is empty or records another fingerprint than
    ``fingerprint`` (default: :func:`build_fingerprint` of the sources and ``extra``); otherwise
    it is reused as it is. The content loaded is ``graph`` when given (the caller's
    ``load_graph(extra)``, to save parsing it twice), else ``load_graph(extra)``. The fingerprint
    and the version are recorded in the named graph :data:`METADATA_GRAPH`. Returns the backend
    and whether it was (re)loaded.
    """
    from airoles_kg.paths import project_version

    folder = Path(store_dir)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: --store must be a folder, not a file")
    try:
        store = ox.Store(str(folder))
    except OSError as exc:
        raise InputError(f"{folder}: cannot open the store: {str(exc).splitlines()[0]}") from exc
    fingerprint = fingerprint or build_fingerprint(extra)
    backend = OxigraphBackend(store)
    if _recorded(store) == fingerprint:
        return backend, False
    if graph is None:
        from airoles_kg.graph import load_graph

        graph = load_graph(list(extra) or None)
    store.clear()
    backend.load_graph(graph)
    meta = ox.NamedNode(str(METADATA_GRAPH))
    store.extend([
        ox.Quad(meta, ox.NamedNode(str(_FINGERPRINT)), ox.Literal(fingerprint), meta),
        ox.Quad(meta, ox.NamedNode(str(OWL.versionInfo)), ox.Literal(project_version()), meta),
    ])
    store.flush()
    return backend, True


def open_backend(
    kind: str = "oxigraph",
    graph: Graph | None = None,
    store_dir: str | Path | None = None,
    *,
    extra: Sequence[Path] = (),
    timeout: float = 30.0,
    retries: int = 3,
    default_graph: str | None = None,
    user: str | None = None,
    password: str | None = None,
) -> Backend:
    """A query backend: ``"oxigraph"`` (default; in memory, or persistent in ``store_dir``),
    ``"rdflib"``, or the URL of a SPARQL endpoint (``http://`` or ``https://``).

    ``graph`` is what the local backends hold (default: the build, ``load_graph(extra)``).
    ``timeout``, ``retries``, ``default_graph``, ``user`` and ``password`` apply to an endpoint.
    """
    if kind.startswith(("http://", "https://")):
        from airoles_kg.remote import RemoteBackend

        remote: RemoteBackend = RemoteBackend(
            kind, timeout=timeout, retries=retries, default_graph=default_graph,
            user=user, password=password,
        )
        return remote
    if kind not in ("oxigraph", "rdflib"):
        raise InputError(f"unknown backend {kind!r}: use oxigraph, rdflib or an http(s) URL")
    if store_dir is not None:
        if kind != "oxigraph":
            raise InputError("a persistent store (--store) needs the oxigraph backend")
        return open_store(store_dir, graph, extra=extra)[0]
    if graph is None:
        from airoles_kg.graph import load_graph

        graph = load_graph(list(extra) or None)
    if kind == "rdflib":
        return RdflibBackend(graph)
    return OxigraphBackend.from_graph(graph)
