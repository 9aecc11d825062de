"""Running catalogue queries on a backend, and judging a query's answer by its ``expect``.

>>> from airoles_kg.kg.load import load_graph
>>> result = run_query("statistics", {}, load_graph())
>>> result.form, "roles" in [str(m) for m in result.column("metric")]
('SELECT', True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from airoles_kg.backends.base import Backend, Rows
from airoles_kg.catalogue.files import CatalogueQuery, get_query, list_checks
from airoles_kg.catalogue.header import Expect, Level, QueryForm
from airoles_kg.errors import AirolesError, QueryError

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Node

    from airoles_kg.backends.base import RdfRows

__all__ = [
    "CheckOutcome",
    "QueryResult",
    "expectation",
    "expectation_met",
    "run_checks",
    "run_query",
]


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query: rows for SELECT, a boolean for ASK, a graph for CONSTRUCT/DESCRIBE."""

    query: CatalogueQuery
    form: QueryForm
    variables: tuple[str, ...] = ()
    answer: Rows | None = field(default=None, repr=False)
    boolean: bool | None = None
    graph: Graph | None = None

    @property
    def rows(self) -> RdfRows:
        """The rows of a SELECT, as rdflib terms (made on first use from an engine's own)."""
        return self.answer.rows if self.answer is not None else ()

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


def _as_query(query: CatalogueQuery | str | Path) -> CatalogueQuery:
    return query if isinstance(query, CatalogueQuery) else get_query(query)


def _as_backend(backend: Backend | Graph) -> Backend:
    if isinstance(backend, Backend):
        return backend
    from airoles_kg.backends.rdflib_graph import RdflibBackend  # an rdflib graph: rdflib loaded

    return RdflibBackend(backend)


def run_query(
    query: CatalogueQuery | str | Path,
    params: Mapping[str, str | Node] | None,
    backend: Backend | Graph,
    *,
    resolve_iri: Callable[[str], URIRef] | None = None,
    rows: Sequence[Mapping[str, str | Node]] | None = None,
) -> QueryResult:
    """Run a catalogue query (or a name or path) with parameters on a backend or rdflib graph.

    Parameter values are bound by the engine (``Backend.select(sparql, bindings)``), never
    pasted into the query text. ``rows`` binds parameters together, several values at once
    (a table the query is joined with, as a ``VALUES`` block of terms: see
    :func:`~airoles_kg.backends.bindings.inject_rows`), the same way on every engine.
    """
    cq = _as_query(query)
    sparql = cq.sparql
    bindings: Mapping[str, Node] = {}
    if params or rows is not None or cq.params:  # terms to bind (rdflib's): only then imported
        from airoles_kg.backends.bindings import inject_rows
        from airoles_kg.catalogue.params import bind_params, bind_rows

        in_rows: tuple[str, ...] = ()
        if rows is not None:
            in_rows, table = bind_rows(cq, rows, resolve_iri)
            sparql = inject_rows(sparql, in_rows, table, portable=True)
        bindings = bind_params(cq, params, resolve_iri, in_rows=in_rows)
    engine = _as_backend(backend)
    try:
        if cq.form == "SELECT":
            answer = engine.select(sparql, bindings)
            return QueryResult(cq, cq.form, variables=answer.variables, answer=answer)
        if cq.form == "ASK":
            return QueryResult(cq, cq.form, boolean=engine.ask(sparql, bindings))
        return QueryResult(cq, cq.form, graph=engine.construct(sparql, bindings))
    except AirolesError:  # the backend's own errors (endpoint down, bad binding) stay as they are
        raise
    except Exception as exc:  # noqa: BLE001 - engines raise many types; all mean the query failed
        engine_name = getattr(engine, "name", type(engine).__name__)
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise QueryError(f"{cq.path}: query {cq.name} failed on {engine_name}: {detail}") from exc


def expectation(query: CatalogueQuery) -> Expect | None:
    """What ``query`` promises: its ``expect`` header, else ``no-rows`` for a
    ``*-violation.rq`` check, else nothing."""
    return query.header.expect or ("no-rows" if query.is_violation_check else None)


def expectation_met(query: CatalogueQuery, result: QueryResult) -> bool:
    """Whether ``result`` keeps the promise of ``query`` (:func:`expectation`). With no
    promise, a SELECT passes with no rows and an ASK when it is false."""
    expect = expectation(query)
    if expect == "rows":
        return len(result) > 0
    if expect == "ask-true":
        return result.boolean is True
    if expect == "ask-false":
        return result.boolean is False
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
        outcomes.append(CheckOutcome(check, level, expectation_met(check, result), result))
    return outcomes
