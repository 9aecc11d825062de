"""The catalogue's files: ``queries/*.rq`` and the checks in ``queries/checks/*.rq``, parsed
once (header and SPARQL, checked with rdflib and Oxigraph) and found by name.

The SPARQL check of a catalogue file is kept in the cache (:mod:`airoles_kg.kg.cache`) under
the fingerprint of the file, so it runs again only when the file changes; a user's own
``.rq`` file is checked each time it is read.

>>> get_query("no-such-query")
Traceback (most recent call last):
...
airoles_kg.errors.QueryError: unknown query 'no-such-query'; list them with 'airoles-kg queries'
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from airoles_kg.catalogue.header import QueryForm, QueryHeader, QueryParam, parse_header
from airoles_kg.errors import ParseError, QueryError
from airoles_kg.kg.cache import cached_bytes
from airoles_kg.paths import queries_dir

__all__ = ["CatalogueQuery", "get_query", "list_checks", "list_queries", "load_query"]


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


def _check(text: str, path: Path, header: QueryHeader) -> QueryForm:
    """Check the SPARQL of ``text`` (:func:`_parse_sparql`) and that it mentions each declared
    parameter; return the query form."""
    from airoles_kg.rdf.sparql_text import variables

    form = _parse_sparql(text, path)
    mentioned = variables(text)
    for param in header.params:
        if param.name not in mentioned:
            raise QueryError(
                f"{path}: parameter {param.name} is declared but ?{param.name} is not in the query"
            )
    return form


def _checked_form(text: str, path: Path, header: QueryHeader) -> QueryForm:
    """The form of the query in ``path`` after :func:`_check`; for a catalogue file, the
    verdict of the last check of the same bytes is reused."""
    if not path.is_relative_to(queries_dir().resolve()):
        return _check(text, path, header)
    form = cached_bytes(f"sparql-{path.parent.name}-{path.name}", [path, Path(__file__)],
                        lambda: _check(text, path, header).encode()).decode()
    for known in _FORMS.values():
        if form == known:
            return known
    return _check(text, path, header)  # a damaged cache entry: check again


@lru_cache(maxsize=256)
def _load_cached(path: Path, _mtime_ns: int, _size: int) -> CatalogueQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ParseError(path, None, "not UTF-8 text") from None
    header = parse_header(text, path)
    form = _checked_form(text, path, header)
    return CatalogueQuery(header=header, sparql=text, path=path, form=form)


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
