"""What every query backend offers, and the answer it gives to a SELECT.

Every backend speaks rdflib terms at its boundary, so a named query gives the same answer
whichever engine runs it. ``bindings`` map variable names to terms, bound by the engine
(never pasted into the query text).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from rdflib import Graph
from rdflib.term import Node

__all__ = ["Backend", "Rows", "Term"]

Term = Node


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
