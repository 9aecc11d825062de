"""SPARQL text, read as tokens: the one scanner behind every look at a query's text.

Strings, IRIs and comments are whole tokens, so a brace or a ``?name`` inside them is never
taken for syntax. Used to bind parameters (:mod:`airoles_kg.backends.bindings`), to check the
parameters a catalogue query declares, and to rewrite SHACL-SPARQL constraints in the fast
engine (:func:`mask`, :func:`first_brace`).

>>> [t.text for t in tokens('SELECT ?x { ?x <http://e/p> "a{b" } # {')]
['SELECT', '?x', '{', '?x', '<http://e/p>', '"a{b"', '}']
>>> mask('ASK { ?s ?p "}" } # }')
'ASK { ?s ?p     }    '
>>> first_brace('SELECT * WHERE { }')
15
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from airoles_kg.errors import QueryError

__all__ = ["Token", "first_brace", "mask", "scan", "tokens", "variables"]

# A variable's and a word's characters: A-Z, a-z, 0-9, _ and U+00B7 to U+FFFF (a word's also
# ``:-.%``), written as the characters they exclude: a class with a range as wide as
# U+00B7-U+FFFF takes Python's ``re`` ten times longer to compile, on every start.
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              | '''(?:[^'\\]|\\.|'(?!''))*'''
              | "(?:[^"\\\n\r]|\\.)*"
              | '(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][^\x00-\x2F\x3A-\x40\x5B-\x5E\x60\x7B-\xB6\U00010000-\U0010FFFF]+)
  | (?P<word>(?:[^\x00-\x24\x26-\x2C\x2F\x3B-\x40\x5B-\x5E\x60\x7B-\xB6\U00010000-\U0010FFFF]
               |\\.)+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
#: Token kinds whose text is not SPARQL syntax.
_OPAQUE = frozenset({"string", "iri", "comment"})


@dataclass(frozen=True)
class Token:
    """A token: its kind (``string``, ``iri``, ``var``, ``word``, ``other``, ``comment``,
    ``ws``), its text and where it starts and ends in the query."""

    kind: str
    text: str
    start: int
    end: int


def scan(sparql: str) -> Iterator[Token]:
    """Every token of ``sparql``, white space and comments included.

    An unterminated string raises :class:`~airoles_kg.errors.QueryError` naming the line.
    """
    pos = 0
    while pos < len(sparql):
        match = _TOKEN.match(sparql, pos)
        if match is None or (match.lastgroup == "other" and match.group() in "\"'"):
            line = sparql.count("\n", 0, pos) + 1
            raise QueryError(f"line {line}: unterminated string in the query")
        yield Token(match.lastgroup or "other", match.group(), match.start(), match.end())
        pos = match.end()


def tokens(sparql: str) -> list[Token]:
    """The significant tokens of ``sparql``: no white space, no comments."""
    return [tok for tok in scan(sparql) if tok.kind not in ("ws", "comment")]


def variables(sparql: str) -> set[str]:
    """The names of the variables ``sparql`` mentions outside strings, IRIs and comments.

    >>> sorted(variables('SELECT ?a WHERE { $b ?c "?d" } # ?e'))
    ['a', 'b', 'c']
    """
    return {tok.text[1:] for tok in tokens(sparql) if tok.kind == "var"}


def mask(sparql: str) -> str:
    """``sparql`` with strings, IRIs and comments blanked out (same length, same offsets), so
    that regular expressions over the result see only syntax."""
    return "".join(" " * len(t.text) if t.kind in _OPAQUE else t.text for t in scan(sparql))


def first_brace(sparql: str) -> int | None:
    """The offset of the first ``{`` that is syntax (the query's WHERE group), or ``None``."""
    for tok in scan(sparql):
        if tok.kind == "other" and tok.text == "{":
            return tok.start
    return None
