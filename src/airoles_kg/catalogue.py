"""The SPARQL query catalogue: ``.rq`` files with a machine-readable header, run with parameters.

Every catalogue query opens with ``#+ key: value`` header lines (in the spirit of grlc)::

    #+ name: compare-roles
    #+ description: Competencies shared by two roles, or required by only one, with levels.
    #+ param: roleA iri required  The first role.
    #+ param: minRank integer optional  Keep only requirements at or above this rank (1-5).
    #+ expect: rows
    #+ level: ERROR

``param`` lines declare ``name type required|optional description``; the type is one of
``iri``, ``string``, ``integer``, ``decimal``, ``boolean`` or ``lang``. A parameter is the SPARQL
variable of the same name (``?roleA``), bound by the engine through the backend's bindings:
values are never pasted into the query text. ``expect`` is ``rows``, ``no-rows``, ``ask-true`` or
``ask-false``; ``level`` (``ERROR``, ``WARN`` or ``INFO``) is for the checks in
``queries/checks/`` only. A ``*-violation.rq`` check passes when it returns no rows.

>>> header = parse_header("#+ name: demo\\n#+ description: A demo.\\nASK {}\\n", "demo.rq")
>>> header.name, header.description, header.params
('demo', 'A demo.', ())
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Literal as TypingLiteral
from typing import cast, get_args

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from airoles_kg.errors import AirolesError, ParseError, QueryError
from airoles_kg.namespaces import PREFIXES
from airoles_kg.paths import queries_dir
from airoles_kg.store import Backend, RdflibBackend

__all__ = [
    "FORMATS",
    "CatalogueQuery",
    "CheckOutcome",
    "Expect",
    "Level",
    "ParamType",
    "QueryForm",
    "QueryHeader",
    "QueryParam",
    "QueryResult",
    "bind_params",
    "coerce_param",
    "format_result",
    "get_query",
    "list_checks",
    "list_queries",
    "load_query",
    "parse_header",
    "run_checks",
    "run_query",
    "shorten_iri",
]

ParamType = TypingLiteral["iri", "string", "integer", "decimal", "boolean", "lang"]
Expect = TypingLiteral["rows", "no-rows", "ask-true", "ask-false"]
Level = TypingLiteral["ERROR", "WARN", "INFO"]
QueryForm = TypingLiteral["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]
Format = TypingLiteral["table", "csv", "tsv", "json"]

#: The output formats :func:`format_result` writes.
FORMATS: tuple[str, ...] = get_args(Format)

_PARAM_TYPES: tuple[str, ...] = get_args(ParamType)
_EXPECTS: tuple[str, ...] = get_args(Expect)
_LEVELS: tuple[str, ...] = get_args(Level)
_KEYS = ("name", "description", "param", "expect", "level")

_HEADER_LINE = re.compile(r"^#\+\s*(?P<key>[A-Za-z_-]*)\s*:\s?(?P<value>.*)$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Characters IRIREF (SPARQL 1.1, RDF 1.1) forbids, plus whitespace and controls.
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# A full IRI as people type one: with an authority (scheme://...) or a URN.
_ABSOLUTE_IRI = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|urn:)", re.I)
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
_LANGTAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_CURIE_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}

_TYPE_WORDS: dict[str, str] = {
    "iri": "an IRI or a CURIE (such as role:ai-engineer)",
    "string": "a string",
    "integer": "an integer",
    "decimal": "a decimal number",
    "boolean": "true or false",
    "lang": "a language tag (such as en or fr)",
}


@dataclass(frozen=True)
class QueryParam:
    """One declared parameter: the SPARQL variable ``?name``.

    >>> QueryParam("minRank", "integer", False, "Lowest rank").required
    False
    """

    name: str
    type: ParamType
    required: bool
    description: str


@dataclass(frozen=True)
class QueryHeader:
    """The ``#+`` header of a query file."""

    name: str
    description: str
    params: tuple[QueryParam, ...] = ()
    expect: Expect | None = None
    level: Level | None = None

    def param(self, name: str) -> QueryParam | None:
        """The declared parameter called ``name``, or ``None``."""
        for param in self.params:
            if param.name == name:
                return param
        return None


@dataclass(frozen=True)
class CatalogueQuery:
    """A parsed query file: its header, its SPARQL text and its form (SELECT, ASK, ...)."""

    header: QueryHeader
    sparql: str
    path: Path
    form: QueryForm

    @property
    def name(self) -> str:
        return self.header.name

    @property
    def description(self) -> str:
        return self.header.description

    @property
    def params(self) -> tuple[QueryParam, ...]:
        return self.header.params

    @property
    def is_violation_check(self) -> bool:
        """A ``*-violation.rq`` file: it must return no rows."""
        return self.path.name.endswith("-violation.rq")


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query: rows for SELECT, a boolean for ASK, a graph for CONSTRUCT/DESCRIBE."""

    query: CatalogueQuery
    form: QueryForm
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    graph: Graph | None = None

    def __len__(self) -> int:
        """Rows of a SELECT, triples of a graph, 1 for a true ASK and 0 for a false one."""
        if self.form == "ASK":
            return int(bool(self.boolean))
        if self.graph is not None:
            return len(self.graph)
        return len(self.rows)

    def as_dicts(self) -> list[dict[str, Node]]:
        """SELECT rows as dictionaries of the bound variables."""
        return [
            {var: term for var, term in zip(self.variables, row, strict=True) if term is not None}
            for row in self.rows
        ]

    def column(self, variable: str) -> list[Node | None]:
        """The values of one variable, in row order."""
        try:
            index = self.variables.index(variable)
        except ValueError:
            raise QueryError(
                f"query {self.query.name}: no variable ?{variable} in the result"
            ) from None
        return [row[index] for row in self.rows]


@dataclass(frozen=True)
class CheckOutcome:
    """The outcome of one check query: whether it met its ``expect``, and the result."""

    query: CatalogueQuery
    level: Level
    passed: bool
    result: QueryResult = field(repr=False)

    @property
    def name(self) -> str:
        return self.query.name


# --------------------------------------------------------------------------------------------
# Header and file parsing


def _fail(path: str | Path, line: int, detail: str) -> QueryError:
    return QueryError(f"{path}:{line}: {detail}")


def _parse_param(value: str, path: str | Path, line: int) -> QueryParam:
    parts = value.split(None, 3)
    if len(parts) < 3:
        raise _fail(
            path,
            line,
            "a param line reads 'param: NAME TYPE required|optional DESCRIPTION'",
        )
    name, ptype, need = parts[0], parts[1], parts[2]
    description = parts[3].strip() if len(parts) > 3 else ""
    if not _VARNAME.match(name):
        raise _fail(path, line, f"parameter name {name!r} is not a SPARQL variable name")
    if ptype not in _PARAM_TYPES:
        raise _fail(
            path, line, f"parameter {name}: type {ptype!r} is not one of {', '.join(_PARAM_TYPES)}"
        )
    if need not in ("required", "optional"):
        raise _fail(path, line, f"parameter {name}: write 'required' or 'optional', not {need!r}")
    if not description:
        raise _fail(path, line, f"parameter {name}: add a description after '{need}'")
    return QueryParam(name, cast(ParamType, ptype), need == "required", description)


def parse_header(text: str, path: str | Path = "<query>") -> QueryHeader:
    """Parse the ``#+ key: value`` lines that open ``text``; errors name ``path:line``.

    A file with no header at all gets its file name as name and no parameters.

    >>> h = parse_header(
    ...     "#+ name: q\\n#+ description: D.\\n#+ param: role iri required  The role.\\n"
    ...     "#+ expect: rows\\nSELECT ?role {}", "q.rq")
    >>> h.params[0]
    QueryParam(name='role', type='iri', required=True, description='The role.')
    >>> parse_header("#+ expect: rows\\nASK {}", "q.rq")
    Traceback (most recent call last):
    ...
    airoles_kg.errors.QueryError: q.rq:1: the header has no '#+ name:' line
    """
    values: dict[str, tuple[str, int]] = {}
    params: list[QueryParam] = []
    in_header = True
    last_line = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line.startswith("#+"):
            if line and not line.startswith("#"):
                in_header = False
            continue
        if not in_header:
            raise _fail(path, number, "header lines ('#+') must come before the query text")
        last_line = number
        match = _HEADER_LINE.match(line)
        if match is None:
            raise _fail(path, number, "a header line reads '#+ key: value'")
        key, value = match.group("key"), match.group("value").strip()
        if key not in _KEYS:
            raise _fail(path, number, f"unknown header key {key!r} (known: {', '.join(_KEYS)})")
        if key == "param":
            param = _parse_param(value, path, number)
            if any(p.name == param.name for p in params):
                raise _fail(path, number, f"parameter {param.name} is declared twice")
            params.append(param)
            continue
        if key in values:
            first = values[key][1]
            raise _fail(path, number, f"header key {key!r} appears twice (first on line {first})")
        if not value:
            raise _fail(path, number, f"header key {key!r} has no value")
        values[key] = (value, number)

    if not values and not params:
        return QueryHeader(name=Path(str(path)).stem, description="")
    for key in ("name", "description"):
        if key not in values:
            raise _fail(path, max(last_line, 1), f"the header has no '#+ {key}:' line")
    name, name_line = values["name"]
    if not _NAME.match(name):
        raise _fail(path, name_line, f"query name {name!r}: use lower-case letters, digits and '-'")
    expect: str | None = None
    if "expect" in values:
        expect, line_no = values["expect"]
        if expect not in _EXPECTS:
            raise _fail(path, line_no, f"expect {expect!r} is not one of {', '.join(_EXPECTS)}")
    level: str | None = None
    if "level" in values:
        level, line_no = values["level"]
        if level not in _LEVELS:
            raise _fail(path, line_no, f"level {level!r} is not one of {', '.join(_LEVELS)}")
    return QueryHeader(
        name=name,
        description=values["description"][0],
        params=tuple(params),
        expect=cast("Expect | None", expect),
        level=cast("Level | None", level),
    )


_FORMS: dict[str, QueryForm] = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


def _short_oxigraph_message(message: str) -> tuple[int | None, str]:
    """Oxigraph's ``error at L:C: expected one of ...`` made short and readable."""
    match = re.match(r"error at (\d+):(\d+): (.*)", message, re.S)
    if match is None:
        return None, " ".join(message.split()) or "syntax error"
    detail = " ".join(match.group(3).split())
    # Among the expected tokens, Oxigraph slips in sentences that say what is really wrong.
    sentences = re.findall(r"(?:^|, |one of )([A-Z][a-z]+(?: [A-Za-z?]+)+)", detail)
    if sentences:
        detail = "; ".join(sentences)
    else:
        detail = re.sub(r"\[[^\]]*\],?\s*", "", detail).rstrip(", ")
        if len(detail) > 100:
            detail = detail[:97] + "..."
    return int(match.group(1)), f"column {match.group(2)}: {detail}"


def _parse_sparql(text: str, path: str | Path) -> QueryForm:
    """Check that ``text`` parses with rdflib and with Oxigraph; return the query form.

    rdflib names the line of the faulty clause; Oxigraph then catches what only it rejects
    (an unbound variable next to an aggregate, say), so a query runs on both engines.
    """
    import pyoxigraph as ox
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        found = re.search(r"found (.*?)\s+\(at char", str(exc))
        what = f"unexpected {found.group(1)}" if found else str(exc).split("  (at char")[0]
        detail = f"SPARQL syntax error at column {exc.col}: {what}"
        raise ParseError(path, exc.lineno, detail) from None
    try:
        ox.Store().query(text)
    except SyntaxError as exc:
        line, detail = _short_oxigraph_message(str(exc))
        raise ParseError(path, line, f"SPARQL error at {detail}") from None
    try:
        translateQuery(parsed)
    except Exception as exc:  # rdflib raises plain Exceptions for semantic errors
        raise ParseError(path, None, f"invalid SPARQL: {exc}") from None
    form = _FORMS.get(parsed[1].name)
    if form is None:  # pragma: no cover - parseQuery only yields the four query forms
        raise ParseError(path, None, "not a query (SELECT, ASK, CONSTRUCT or DESCRIBE)")
    return form


@lru_cache(maxsize=256)
def _load_cached(path: Path, _mtime_ns: int, _size: int) -> CatalogueQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ParseError(path, None, "not UTF-8 text") from None
    header = parse_header(text, path)
    form = _parse_sparql(text, path)
    for param in header.params:
        if not re.search(rf"[?$]{re.escape(param.name)}\b", _strip_comments(text)):
            raise QueryError(
                f"{path}: parameter {param.name} is declared but ?{param.name} is not in the query"
            )
    return CatalogueQuery(header=header, sparql=text, path=path, form=form)


def _strip_comments(text: str) -> str:
    """The query text without ``#`` comments (outside IRIs and strings, good enough for a check)."""
    out = []
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("#"):
            continue
        out.append(line)
    return "\n".join(out)


def load_query(path: str | Path) -> CatalogueQuery:
    """Read and parse one ``.rq`` file (header and SPARQL).

    Raises :class:`QueryError` for a missing file or a malformed header and
    :class:`ParseError` for SPARQL that does not parse.
    """
    file = Path(path)
    try:
        stat = file.stat()
    except OSError:
        raise QueryError(f"{file}: no such query file") from None
    if not file.is_file():
        raise QueryError(f"{file}: not a file")
    return _load_cached(file.resolve(), stat.st_mtime_ns, stat.st_size)


# --------------------------------------------------------------------------------------------
# The catalogue


def _catalogue_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.rq")) if folder.is_dir() else []


def list_queries(include_checks: bool = False) -> list[CatalogueQuery]:
    """The catalogue queries (``queries/*.rq``), sorted by name; with the checks if asked."""
    queries = [load_query(path) for path in _catalogue_files(queries_dir())]
    for query in queries:
        if query.header.level is not None:
            raise QueryError(f"{query.path}: 'level' belongs to the checks in queries/checks/ only")
    if include_checks:
        queries.extend(list_checks())
    seen: dict[str, Path] = {}
    for query in queries:
        if query.name in seen:
            other = seen[query.name]
            raise QueryError(f"{query.path}: query name {query.name!r} is also used by {other}")
        seen[query.name] = query.path
    return sorted(queries, key=lambda q: q.name)


def list_checks() -> list[CatalogueQuery]:
    """The check queries (``queries/checks/*.rq``), sorted by name.

    Every check declares its ``level``; a ``*-violation.rq`` check expects no rows.
    """
    checks = [load_query(path) for path in _catalogue_files(queries_dir() / "checks")]
    for check in checks:
        if check.header.level is None:
            raise QueryError(f"{check.path}: a check needs a '#+ level: ERROR|WARN|INFO' line")
        if check.is_violation_check and check.header.expect not in (None, "no-rows"):
            raise QueryError(f"{check.path}: a *-violation.rq check must expect no-rows")
        if check.is_violation_check and check.form != "SELECT":
            raise QueryError(f"{check.path}: a *-violation.rq check must be a SELECT query")
    return sorted(checks, key=lambda q: q.name)


def get_query(name_or_path: str | Path) -> CatalogueQuery:
    """A catalogue query by name (queries, then checks), or any ``.rq`` file by path.

    >>> get_query("no-such-query")
    Traceback (most recent call last):
    ...
    airoles_kg.errors.QueryError: unknown query 'no-such-query'; list them with 'airoles-kg queries'
    """
    text = str(name_or_path)
    if isinstance(name_or_path, Path) or text.endswith(".rq") or "/" in text or "\\" in text:
        return load_query(Path(text))
    names: dict[str, Path] = {}
    for folder in (queries_dir(), queries_dir() / "checks"):
        for path in _catalogue_files(folder):
            names.setdefault(path.stem, path)
    if text in names:
        query = load_query(names[text])
        if query.name == text:
            return query
    for query in list_queries(include_checks=True):
        if query.name == text:
            return query
    close = difflib.get_close_matches(text, sorted(names), n=3)
    hint = (
        f"; did you mean: {', '.join(close)}?" if close else "; list them with 'airoles-kg queries'"
    )
    raise QueryError(f"unknown query {text!r}{hint}")


# --------------------------------------------------------------------------------------------
# Parameters


def _expand_curie(raw: str) -> URIRef | None:
    prefix, sep, local = raw.partition(":")
    if not sep or prefix not in PREFIXES or local.startswith("//"):
        return None
    return URIRef(PREFIXES[prefix] + local)


def _valid_iri(raw: str) -> bool:
    return bool(_SCHEME.match(raw)) and not _BAD_IRI_CHARS.search(raw)


def coerce_param(
    param: QueryParam,
    raw: str | Node,
    resolve_iri: Callable[[str], URIRef] | None = None,
) -> Node:
    """Turn a user value into the RDF term bound to ``?param``.

    ``iri`` accepts a full IRI (optionally in ``<...>``), a CURIE with one of our prefixes, or
    (through ``resolve_iri``) any other name, such as a role slug or label.

    >>> coerce_param(QueryParam("role", "iri", True, "R"), "role:ai-engineer")
    rdflib.term.URIRef('https://w3id.org/airoles/role/ai-engineer')
    >>> coerce_param(QueryParam("minRank", "integer", False, "R"), " 3 ").n3()
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> coerce_param(QueryParam("minRank", "integer", False, "R"), "x")
    Traceback (most recent call last):
    ...
    airoles_kg.errors.QueryError: parameter minRank: expected an integer, got 'x'
    """
    expected = _TYPE_WORDS[param.type]
    if isinstance(raw, Node):  # URIRef and Literal are str subclasses: test them first
        return _check_term(param, raw)

    def bad() -> QueryError:
        return QueryError(f"parameter {param.name}: expected {expected}, got {raw!r}")

    value = raw.strip()
    if param.type == "string":
        return Literal(raw)
    if param.type == "iri":
        if value.startswith("<") and value.endswith(">"):
            value = value[1:-1]
            if not _valid_iri(value):
                raise bad()
            return URIRef(value)
        curie = _expand_curie(value)
        if curie is not None:
            if _BAD_IRI_CHARS.search(str(curie)):
                raise bad()
            return curie
        if _ABSOLUTE_IRI.match(value):
            if not _valid_iri(value):
                raise bad()
            return URIRef(value)
        if resolve_iri is not None and value:
            term = resolve_iri(value)
            if not isinstance(term, URIRef) or not _valid_iri(str(term)):
                raise bad()
            return term
        prefix, sep, _local = value.partition(":")
        if sep and _SCHEME.match(value) and not _BAD_IRI_CHARS.search(value):
            raise QueryError(
                f"parameter {param.name}: unknown prefix {prefix!r} in {raw!r} "
                f"(known: {', '.join(PREFIXES)}); or give a full IRI"
            )
        raise bad()
    if param.type == "integer":
        if not _INTEGER.match(value):
            raise bad()
        return Literal(int(value), datatype=XSD.integer)
    if param.type == "decimal":
        if not _DECIMAL.match(value):
            raise bad()
        try:
            return Literal(Decimal(value), datatype=XSD.decimal)
        except InvalidOperation:
            raise bad() from None
    if param.type == "boolean":
        flag = _BOOLEANS.get(value.lower())
        if flag is None:
            raise bad()
        return Literal(flag)
    if param.type == "lang":
        if not _LANGTAG.match(value):
            raise bad()
        return Literal(value.lower())
    raise bad()  # pragma: no cover - the header parser admits no other type


def _check_term(param: QueryParam, term: Node) -> Node:
    """Accept an RDF term given directly, if it fits the parameter's type."""
    wanted = _TYPE_WORDS[param.type]
    ok: bool
    if param.type == "iri":
        ok = isinstance(term, URIRef) and _valid_iri(str(term))
    elif param.type == "integer":
        ok = isinstance(term, Literal) and isinstance(term.toPython(), int) and not isinstance(
            term.toPython(), bool
        )
    elif param.type == "decimal":
        ok = isinstance(term, Literal) and term.datatype in (XSD.decimal, XSD.integer)
    elif param.type == "boolean":
        ok = isinstance(term, Literal) and term.datatype == XSD.boolean
    else:
        ok = isinstance(term, Literal)
    if not ok:
        raise QueryError(f"parameter {param.name}: expected {wanted}, got {term.n3()}")
    return term


def bind_params(
    query: CatalogueQuery,
    params: Mapping[str, str | Node] | None,
    resolve_iri: Callable[[str], URIRef] | None = None,
) -> dict[str, Node]:
    """Check ``params`` against the header and coerce each value; returns variable → term.

    Unknown parameter names and missing required ones raise :class:`QueryError`.
    """
    given = dict(params or {})
    known = {p.name: p for p in query.params}
    for name in sorted(given):
        if name not in known:
            hint = f" (known: {', '.join(known)})" if known else " (it takes no parameters)"
            raise QueryError(f"query {query.name}: unknown parameter {name!r}{hint}")
    bindings: dict[str, Node] = {}
    for param in query.params:
        if param.name not in given:
            if param.required:
                raise QueryError(
                    f"query {query.name}: missing required parameter {param.name} "
                    f"({param.description}); pass --param {param.name}=VALUE"
                )
            continue
        bindings[param.name] = coerce_param(param, given[param.name], resolve_iri)
    return bindings


# --------------------------------------------------------------------------------------------
# Running


def _as_query(query: CatalogueQuery | str | Path) -> CatalogueQuery:
    return query if isinstance(query, CatalogueQuery) else get_query(query)


def _as_backend(backend: Backend | Graph) -> Backend:
    return RdflibBackend(backend) if isinstance(backend, Graph) else backend


def run_query(
    query: CatalogueQuery | str | Path,
    params: Mapping[str, str | Node] | None,
    backend: Backend | Graph,
    *,
    resolve_iri: Callable[[str], URIRef] | None = None,
) -> QueryResult:
    """Run a catalogue query (or a name or path) with parameters on a backend or rdflib graph.

    Parameter values are bound by the engine (``Backend.select(sparql, bindings)``), never
    pasted into the query text.
    """
    cq = _as_query(query)
    bindings = bind_params(cq, params, resolve_iri)
    engine = _as_backend(backend)
    try:
        if cq.form == "SELECT":
            rows = engine.select(cq.sparql, bindings)
            return QueryResult(cq, cq.form, variables=rows.variables, rows=rows.rows)
        if cq.form == "ASK":
            return QueryResult(cq, cq.form, boolean=engine.ask(cq.sparql, bindings))
        return QueryResult(cq, cq.form, graph=engine.construct(cq.sparql, bindings))
    except AirolesError:  # the backend's own errors (endpoint down, bad binding) stay as they are
        raise
    except Exception as exc:  # noqa: BLE001 - engines raise many types; all mean the query failed
        engine_name = getattr(engine, "name", type(engine).__name__)
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise QueryError(f"{cq.path}: query {cq.name} failed on {engine_name}: {detail}") from exc


def _passed(check: CatalogueQuery, result: QueryResult) -> bool:
    expect = check.header.expect or ("no-rows" if check.is_violation_check else None)
    if expect == "no-rows":
        return len(result) == 0
    if expect == "rows":
        return len(result) > 0
    if expect == "ask-true":
        return result.boolean is True
    if expect == "ask-false":
        return result.boolean is False
    # No expectation declared: a SELECT passes with no rows, an ASK when false.
    return len(result) == 0


def run_checks(
    backend: Backend | Graph, checks: Iterable[CatalogueQuery] | None = None
) -> list[CheckOutcome]:
    """Run every check in ``queries/checks/`` (or the given ones); one outcome per check."""
    engine = _as_backend(backend)
    outcomes = []
    for check in list_checks() if checks is None else checks:
        result = run_query(check, {}, engine)
        level: Level = check.header.level or "ERROR"
        outcomes.append(CheckOutcome(check, level, _passed(check, result), result))
    return outcomes


# --------------------------------------------------------------------------------------------
# Formatting

_NAMESPACES = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def shorten_iri(iri: str) -> str:
    """``iri`` as a CURIE with one of our prefixes when it has a clean local name.

    >>> shorten_iri("https://w3id.org/airoles/role/ai-engineer")
    'role:ai-engineer'
    >>> shorten_iri("https://example.org/x")
    'https://example.org/x'
    """
    for prefix, namespace in _NAMESPACES:
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if _CURIE_LOCAL.match(local):
                return f"{prefix}:{local}"
    return iri


def _escape_nt(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


def _nt(term: Node | None) -> str:
    """A term in N-Triples syntax (the SPARQL TSV results format), '' when unbound."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = f'"{_escape_nt(str(term))}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    return str(term)


def _plain(term: Node | None) -> str:
    """A term as CSV writes it: the IRI or the lexical form."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _display(term: Node | None) -> str:
    """A term for the aligned table: CURIEs for our IRIs, lexical forms for literals."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return shorten_iri(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def _tabular(result: QueryResult) -> tuple[tuple[str, ...], list[tuple[Node | None, ...]]]:
    if result.graph is not None:
        triples = sorted(result.graph, key=lambda t: tuple(_nt(x) for x in t))
        return ("subject", "predicate", "object"), [tuple(t) for t in triples]
    return result.variables, list(result.rows)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as ``table`` (aligned text, our IRIs as CURIEs), ``csv``, ``tsv`` or
    ``json`` (the SPARQL 1.1 query results formats). A graph result is rendered as its
    subject/predicate/object triples, sorted.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if result.form == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=2) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    variables, rows = _tabular(result)
    if fmt == "json":
        document = {
            "head": {"vars": list(variables)},
            "results": {
                "bindings": [
                    {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
                    for row in rows
                ]
            },
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_plain(t) for t in row] for row in rows)
        return buffer.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines.extend("\t".join(_nt(t) for t in row) for row in rows)
        return "\n".join(lines) + "\n"
    cells = [[_display(t) for t in row] for row in rows]
    widths = [len(v) for v in variables]
    for row_cells in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row_cells, strict=True)]
    def line(values: Iterable[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()
    out = [line(variables), line("-" * w for w in widths)]
    out.extend(line(row_cells) for row_cells in cells)
    if not cells:
        out.append("(no rows)")
    return "\n".join(out) + "\n"
