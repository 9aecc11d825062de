"""What every query backend offers, and the answer it gives to a SELECT.

Every backend speaks rdflib terms at its boundary, so a named query gives the same answer
whichever engine runs it. ``bindings`` map variable names to terms, bound by the engine
(never pasted into the query text). An engine with terms of its own (Oxigraph) may hand them
over as they are, converted to rdflib's only when a caller reads :attr:`Rows.rows`: writing an
answer as text (:mod:`airoles_kg.catalogue.format`) needs no rdflib term.

>>> Rows(("x",), native=[("a",)], convert=lambda rows: tuple(map(tuple, rows))).rows
(('a',),)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol, TypeAlias, runtime_checkable

if TYPE_CHECKING:  # the types alone: importing this module imports no rdflib
    from rdflib import Graph
    from rdflib.term import Node

    #: A term as every backend gives and takes it (types only: never used at run time).
    Term: TypeAlias = Node
    #: Rows of rdflib terms, ``None`` where a variable is unbound.
    RdfRows = tuple[tuple[Node | None, ...], ...]

__all__ = ["Backend", "Rows", "Term"]


class Rows:
    """The answer to a SELECT: variable names and rows of rdflib terms (``None`` = unbound).

    Given ``native`` rows (the engine's own terms) and the function that ``convert``\\ s them,
    the rdflib rows are made on first use of :attr:`rows`, once.
    """

    __slots__ = ("_convert", "_rows", "native", "variables")

    def __init__(
        self,
        variables: tuple[str, ...],
        rows: RdfRows | None = None,
        *,
        native: Sequence[Sequence[object]] | None = None,
        convert: Callable[[Sequence[Sequence[object]]], RdfRows] | None = None,
    ) -> None:
        if (rows is None) == (native is None) or (native is not None and convert is None):
            raise ValueError("give either rows, or native rows and how to convert them")
        self.variables = variables
        self.native = native
        self._rows = rows
        self._convert = convert

    @property
    def rows(self) -> RdfRows:
        """The rows as rdflib terms."""
        if self._rows is None:
            assert self.native is not None and self._convert is not None
            self._rows = self._convert(self.native)
        return self._rows

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Rows):
            return NotImplemented
        return self.variables == other.variables and self.rows == other.rows

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Rows(variables={self.variables!r}, rows={self.rows!r})"


@runtime_checkable
class Backend(Protocol):
    """What a query engine must offer. ``bindings`` maps variable names to terms."""

    name: str

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Rows: ...

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool: ...

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Graph: ...
