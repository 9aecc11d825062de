"""Binding parameters by VALUES injection, for engines without ``initBindings``.

rdflib binds parameters with ``initBindings``, which pre-binds a variable everywhere in the
query: in nested groups, UNION branches, OPTIONAL and MINUS parts, EXISTS filters and
sub-queries. Oxigraph (whose ``substitutions`` refuse a variable outside the SELECT projection)
and remote endpoints (which have no such mechanism) get the same semantics from
:func:`inject_bindings`: a one-row ``VALUES ?p { <term> }`` block opens the outermost WHERE
group and every nested group that mentions ``?p`` (sub-queries included) or is a MINUS group,
with the term written by :func:`~airoles_kg.rdf.terms.sparql_term` from an rdflib term, never
from raw text. The tests check the equivalence with ``initBindings`` case by case.

>>> from rdflib import URIRef
>>> inject_bindings("SELECT ?c WHERE { ?r <http://e/p> ?c }", {"r": URIRef("http://e/a")})
'SELECT ?c WHERE { VALUES ?r { <http://e/a> } ?r <http://e/p> ?c }'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from airoles_kg.errors import QueryError
from airoles_kg.rdf.sparql_text import Token, tokens

if TYPE_CHECKING:
    from airoles_kg.backends.base import Term

__all__ = ["inject_bindings", "inject_rows"]


@dataclass(frozen=True)
class _Group:
    offset: int  # just after the opening brace
    names: frozenset[str]  # variables mentioned anywhere inside the group
    always: bool  # an outermost group, or a MINUS group: bound whether mentioned or not


def _groups(found: Sequence[Token]) -> tuple[list[_Group], bool]:
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
    n = len(found)
    while i < n:
        tok = found[i]
        word = tok.text.upper() if tok.kind == "word" else ""
        nxt = found[i + 1] if i + 1 < n else None
        if word == "CONSTRUCT" and nxt is not None and nxt.text.upper() == "WHERE":
            short_construct = True
        elif word == "VALUES" or (word == "CONSTRUCT" and nxt is not None and nxt.text == "{"):
            # Skip to the block's opening brace, then past its closing one (no nesting inside).
            j = i + 1
            while j < n and found[j].text != "{":
                j += 1
            while j < n and found[j].text != "}":
                j += 1
            i = j + 1
            continue
        elif tok.kind == "var":
            for _, names, _ in stack:
                names.add(tok.text[1:])
        elif tok.text == "{":
            is_group = nxt is None or nxt.text.upper() != "SELECT"
            after_minus = i > 0 and found[i - 1].text.upper() == "MINUS"
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
    found = tokens(sparql)
    present = {tok.text[1:] for tok in found if tok.kind == "var"}
    used = sorted(name for name in bindings if name in present)
    if not used:
        return sparql
    from airoles_kg.rdf.terms import sparql_term  # here: a query without bindings needs no rdflib

    terms = {name: sparql_term(bindings[name], ascii_only=portable, typed_strings=portable)
             for name in used}
    groups = _binding_groups(found)
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


def _binding_groups(found: Sequence[Token]) -> list[_Group]:
    """The groups where bound values go (:func:`_groups`), or a :class:`QueryError` when the
    query has none or uses the CONSTRUCT WHERE short form."""
    groups, short_construct = _groups(found)
    if short_construct:
        raise QueryError(
            "parameters cannot be bound in a CONSTRUCT WHERE { ... } short form; "
            "write CONSTRUCT { ... } WHERE { ... }"
        )
    if not groups:
        raise QueryError("the query has no WHERE group in which to bind parameters")
    return groups


def inject_rows(
    sparql: str,
    names: Sequence[str],
    rows: Sequence[Sequence[Term]],
    *,
    portable: bool = False,
) -> str:
    """``sparql`` joined with a table of values: ``VALUES (?a ?b) { (..) (..) }``, one row each.

    For parameters bound together, several rows at once (a person's competencies and their
    ranks): where :func:`inject_bindings` pins a variable to one term, this joins the query
    with every row, in the same places (the outermost groups, every group that mentions one of
    the variables, every MINUS group). Terms are written by :func:`sparql_term`, never pasted.
    No rows means no solutions, as a VALUES block with no rows gives.

    >>> from rdflib import Literal, URIRef
    >>> inject_rows("SELECT * WHERE { ?s ?p ?o }", ["s", "n"],
    ...             [[URIRef("http://e/a"), Literal("x")], [URIRef("http://e/b"), Literal("y")]])
    'SELECT * WHERE { VALUES (?s ?n) { (<http://e/a> "x") (<http://e/b> "y") } ?s ?p ?o }'
    """
    if not names:
        return sparql
    width = len(names)
    if len(set(names)) != width or any(len(row) != width for row in rows):
        raise QueryError(f"every row must bind the variables {', '.join(names)} once each")
    from airoles_kg.rdf.terms import sparql_term  # here: a query without rows needs no rdflib

    found = tokens(sparql)
    groups = _binding_groups(found)
    head = " ".join("?" + name for name in names)
    body = " ".join(
        "(" + " ".join(sparql_term(term, ascii_only=portable, typed_strings=portable)
                       for term in row) + ")"
        for row in rows
    )
    block = f" VALUES ({head}) {{ {body} }}"
    parts = []
    last = 0
    for group in groups:
        if not (group.always or group.names & set(names)):
            continue
        parts.append(sparql[last:group.offset])
        parts.append(block)
        last = group.offset
    parts.append(sparql[last:])
    return "".join(parts)
