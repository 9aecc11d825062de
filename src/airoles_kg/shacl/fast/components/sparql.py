"""SPARQL-based constraints (``sh:sparql``): pre-bound by a join with the focus pattern.

The focus pattern is joined first into the constraint's top-level ``WHERE`` group, ``?this``
left unbound (the standard set-at-a-time rewriting); ``sh:prefixes``, ``$PATH``,
``$currentShape`` and ``sh:message`` templates are honoured. Constraints whose ``$this`` a join
cannot reach are refused (:func:`check_prebinding`), and a top-level ``FILTER NOT EXISTS`` over
triple patterns becomes ``MINUS`` (:func:`not_exists_as_minus`).

>>> not_exists_as_minus("?this a ?c . FILTER NOT EXISTS { ?this ?p ?o } }")
'?this a ?c .   MINUS { ?this ?p ?o } }'
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, SH
from rdflib.term import Node

from airoles_kg.errors import QueryError
from airoles_kg.rdf.oxigraph import OxTerm, from_oxigraph
from airoles_kg.rdf.sparql_text import first_brace, mask, tokens
from airoles_kg.shacl.fast.context import Context, Solution
from airoles_kg.shacl.fast.results import Results
from airoles_kg.shacl.fast.shapes import ShapesGraph
from airoles_kg.shacl.fast.sparql import UnsupportedShape, const, iri

__all__ = ["check_prebinding", "constraint_text", "not_exists_as_minus", "sparql_constraint"]

# rdflib's SH namespace checks each name it is asked for (microseconds): the
# components a result names are looked up once, not once per result.
_SPARQL = SH.SPARQLConstraintComponent

_PLAIN_GROUP = re.compile(
    r"\b(FILTER|BIND|OPTIONAL|UNION|GRAPH|VALUES|MINUS|SERVICE|SELECT)\b", re.I
)


def _mask(text: str) -> str:
    try:
        return mask(text)
    except QueryError as exc:
        raise UnsupportedShape(f"SPARQL constraint: {exc}") from exc


def constraint_text(shapes: ShapesGraph, shape: Node, constraint: Node) -> str:
    """The query of a SPARQL constraint, with its declared prefixes; :class:`UnsupportedShape`
    if it cannot be pre-bound by a join."""
    return shapes.remember(("sparql", shape, constraint),
                           lambda: _constraint_text(shapes, shape, constraint))


def _constraint_text(shapes: ShapesGraph, shape: Node, constraint: Node) -> str:
    select = shapes.one(constraint, SH.select)
    if not isinstance(select, Literal):
        raise UnsupportedShape("sh:sparql without sh:select")
    text = str(select)
    if "$shapesGraph" in text or "$currentShape" in text and not isinstance(shape, URIRef):
        raise UnsupportedShape("$shapesGraph / $currentShape on a blank node shape")
    check_prebinding(text)
    prefixes = []
    owners: list[Node] = []
    todo = list(shapes.values(constraint, SH.prefixes))
    while todo:
        owner = todo.pop()
        if owner not in owners:
            owners.append(owner)
            todo.extend(shapes.graph.objects(owner, OWL.imports))
    for decl_owner in owners:
        for decl in shapes.graph.objects(decl_owner, SH.declare):
            prefix = shapes.one(decl, SH.prefix)
            namespace = shapes.one(decl, SH.namespace)
            if prefix is None or namespace is None:
                raise UnsupportedShape("incomplete sh:declare")
            prefixes.append(f"PREFIX {prefix}: {iri(str(namespace))}")
    return "\n".join(sorted(set(prefixes))) + "\n" + text


def sparql_constraint(
    ctx: Context,
    shape: Node,
    constraint: Node,
    focus: str,
    path: str | None,
    path_node: Node | None,
    found: Results,
) -> None:
    """Run one SPARQL constraint of ``shape`` on the focus nodes bound by ``focus``."""
    shapes = ctx.shapes
    if shapes.truthy(constraint, SH.deactivated):
        return
    text = constraint_text(shapes, shape, constraint)
    if "$currentShape" in text:
        text = text.replace("$currentShape", const(shape))
    if path is not None:
        text = text.replace("$PATH", path)
    _mask(text)  # refuse an unterminated string before looking for the WHERE group
    brace = first_brace(text)
    if brace is None:
        raise UnsupportedShape("SPARQL constraint without a WHERE group")
    head = text[:brace]
    m = re.search(r"\bSELECT\s+(DISTINCT\s+|REDUCED\s+)?", head, re.I)
    if m is None:
        raise UnsupportedShape("sh:select is not a SELECT")
    if not re.search(r"[?$]this\b|\*", head[m.end() :]):
        head = head[: m.end()] + "?this " + head[m.end() :]
    query = head + "{ " + focus + " " + not_exists_as_minus(text[brace + 1 :])
    templates = shapes.messages(constraint) or shapes.messages(shape)
    for sol in ctx.select(query):
        this = sol["this"]
        value = _binding(sol, "value")
        result_path = _binding(sol, "path")
        messages = tuple((lang, _substitute(text, sol)) for lang, text in templates)
        rpath = from_oxigraph(result_path) if result_path is not None else path_node
        if value is None and path is None:
            value = this
        found.add(this, value, _SPARQL, messages, rpath)


def not_exists_as_minus(body: str) -> str:
    """Turn top-level ``FILTER NOT EXISTS { <triple patterns with $this> }`` into ``MINUS``.

    ``body`` is the top-level WHERE group after its ``{``, in which ``?this`` is bound in every
    solution (the focus pattern comes first). For a group of triple patterns that mentions
    ``$this``, ``MINUS`` removes exactly the solutions ``NOT EXISTS`` rejects, and Oxigraph runs
    it as one anti-join instead of one sub-evaluation per solution.
    """
    masked = _mask(body)
    depth, end = 0, len(body)
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(masked):
        c = masked[i]
        if c == "{":
            depth += 1
        elif c == "}":
            if depth == 0:
                end = i
                break
            depth -= 1
        elif depth == 0 and c in "Ff":
            m = re.compile(r"FILTER\s+NOT\s+EXISTS\s*\{([^{}]*)\}", re.I).match(masked, i)
            if m and not _PLAIN_GROUP.search(m.group(1)) and re.search(r"[?$]this\b", m.group(1)):
                cuts.append((m.start(), m.end()))
                i = m.end()
                continue
        i += 1
    if not cuts:
        return body
    out, last, minus = [], 0, []
    for start, stop in cuts:
        out.append(body[last:start])
        inner = body[start:stop]
        minus.append("MINUS " + inner[inner.index("{") :])
        last = stop
    out.append(body[last:end])
    return "".join(out) + " " + " ".join(minus) + " " + body[end:]


def _groups(text: str) -> Iterator[tuple[str, str]]:
    """Each ``{...}`` group of a query below the top one: (the keyword before it, if any, and
    its text with strings, IRIs and comments blanked)."""
    masked = _mask(text)
    # (offset after the brace, the keyword before it; None for the top group)
    stack: list[tuple[int, str | None]] = []
    seen_top = False
    previous = ""
    for tok in tokens(text):
        if tok.kind == "other" and tok.text == "{":
            stack.append((tok.end, previous if seen_top else None))
            seen_top = True
        elif tok.kind == "other" and tok.text == "}" and stack:
            start, word = stack.pop()
            if word is not None:
                yield word, masked[start : tok.start]
        previous = tok.text.upper() if tok.kind == "word" else ""


def check_prebinding(text: str) -> None:
    """Refuse SPARQL constraints whose pre-binding of ``$this`` a join cannot reproduce.

    The focus pattern is joined first in the top-level group, so ``$this`` is bound wherever
    the top group, ``OPTIONAL`` and ``EXISTS`` see it; sub-queries, ``VALUES``, ``MINUS``,
    ``SERVICE`` and nested groups whose filters or binds read ``$this`` (evaluated bottom-up,
    before the join) are left to pySHACL. Aggregates are fine when they group by ``$this``.
    """
    if len(re.findall(r"\bSELECT\b", text, re.I)) > 1 or re.search(
        r"\b(VALUES|MINUS|SERVICE|GRAPH)\b|AS\s+[?$]this\b", text, re.I
    ):
        raise UnsupportedShape("SPARQL constraint that a join cannot pre-bind")
    group = re.search(
        r"\bGROUP\s+BY\b(.*?)(\bHAVING\b|\bORDER\b|\bLIMIT\b|\bOFFSET\b|$)",
        _mask(text),
        re.I | re.S,
    )
    if group and not re.search(r"[?$]this\b", group.group(1)):
        raise UnsupportedShape("SPARQL constraint grouping without $this")
    if not group and re.search(r"\bHAVING\b", text, re.I):
        raise UnsupportedShape("SPARQL constraint with HAVING but no GROUP BY")
    for word, body in _groups(text):
        if word in ("EXISTS", "OPTIONAL"):
            continue
        if re.search(r"\b(FILTER|BIND)\b", body, re.I) and re.search(r"[?$]this\b", body):
            raise UnsupportedShape("SPARQL constraint reading $this in a nested group")


def _binding(solution: Solution, name: str) -> OxTerm | None:
    try:
        return solution[name]  # type: ignore[no-any-return]
    except (KeyError, IndexError):
        return None


def _substitute(message: str, solution: Solution) -> str:
    def repl(m: re.Match[str]) -> str:
        value = _binding(solution, m.group(1))
        if value is None:
            return m.group(0)
        node = from_oxigraph(value)
        return str(node)

    return re.sub(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}", repl, message)
