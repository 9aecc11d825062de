"""Errors raised by airoles-kg. Each subclasses a built-in, so callers can catch either.

The CLI maps them to its exit-code contract: :class:`InputError` and its subclasses exit 2
(bad input or usage); :class:`NonConformantError` and :class:`CheckFailedError` exit 1.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "AirolesError",
    "CheckFailedError",
    "EndpointError",
    "InputError",
    "NonConformantError",
    "ParseError",
    "QueryError",
    "ReasonerError",
    "UnknownRoleError",
]


class AirolesError(Exception):
    """Base class of every error airoles-kg raises on purpose."""


class InputError(AirolesError, ValueError):
    """Bad input or usage: a missing file, a wrong parameter, an unknown name. Exit code 2."""


class ParseError(InputError):
    """An RDF or SPARQL file that does not parse. Names the file and, where known, the line.

    >>> str(ParseError("bad.ttl", 3, "expected '.'"))
    "bad.ttl:3: expected '.'"
    """

    def __init__(self, path: str | Path, line: int | None, detail: str) -> None:
        self.path = str(path)
        self.line = line
        self.detail = detail
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {detail}")


class QueryError(InputError):
    """An unknown query name, a missing or ill-typed parameter, or a query that fails to run."""


class UnknownRoleError(InputError, LookupError):
    """A role name that matches nothing; carries the closest suggestions."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown role {name!r}{hint}")


class NonConformantError(AirolesError, RuntimeError):
    """A graph that does not conform to the shapes (or a build that would not). Exit code 1."""


class CheckFailedError(AirolesError, RuntimeError):
    """A failed check: an inconsistent ontology, a violation query with rows. Exit code 1."""


class EndpointError(AirolesError, ConnectionError):
    """A SPARQL endpoint that is unreachable, refuses credentials or answers with an error."""


class ReasonerError(AirolesError, RuntimeError):
    """A reasoner that cannot be started (no Java) or that crashes."""
