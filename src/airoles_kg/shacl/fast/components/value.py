"""Per-value constraints: each value node checked on its own by one SPARQL expression.

Value type (``sh:class``, ``sh:datatype`` with a lexical check by cast, ``sh:nodeKind``),
value range, string-based (``sh:pattern``, lengths, ``sh:languageIn``), ``sh:in``,
``sh:hasValue`` on a node shape, and ``sh:node``/``and``/``or``/``not``/``xone`` over shapes
made only of such checks (:func:`conforms_expr`) all become expressions over ``?value``, true
when the value conforms; :func:`value_constraints` reports the values for which one is false.

>>> datatype_check(XSD.string)
'(isLiteral(?value) && sameTerm(datatype(?value), <http://www.w3.org/2001/XMLSchema#string>))'
>>> datatype_check(XSD.byte)[:60]
'IF(isLiteral(?value) && sameTerm(datatype(?value), <http://w'
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from airoles_kg.shacl.fast.context import Context
from airoles_kg.shacl.fast.results import Results
from airoles_kg.shacl.fast.shapes import PER_VALUE_PARAMETERS, SHN, TARGETS
from airoles_kg.shacl.fast.sparql import UnsupportedShape, const, iri

__all__ = ["Check", "conforms_expr", "datatype_check", "value_checks", "value_constraints"]

#: A check: the constraint component, and a SPARQL expression over ``?value``, true if valid.
Check = tuple[URIRef, str]

_XSD = str(XSD)
#: Datatypes whose lexical form Oxigraph checks by a cast (ill-typed literals fail sh:datatype).
_CASTABLE = {
    _XSD + "integer": "",
    _XSD + "decimal": "",
    _XSD + "double": "",
    _XSD + "float": "",
    _XSD + "boolean": "",
    _XSD + "dateTime": "",
    _XSD + "date": "",
    _XSD + "time": "",
    _XSD + "duration": "",
    _XSD + "int": " && ?_n >= -2147483648 && ?_n <= 2147483647",
    _XSD + "long": " && ?_n >= -9223372036854775808 && ?_n <= 9223372036854775807",
    _XSD + "short": " && ?_n >= -32768 && ?_n <= 32767",
    _XSD + "byte": " && ?_n >= -128 && ?_n <= 127",
    _XSD + "nonNegativeInteger": " && ?_n >= 0",
    _XSD + "positiveInteger": " && ?_n > 0",
    _XSD + "nonPositiveInteger": " && ?_n <= 0",
    _XSD + "negativeInteger": " && ?_n < 0",
}
_VALUE = re.compile(r"\?value\b")
_NODE_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI(?value)",
    SH.BlankNode: "isBlank(?value)",
    SH.Literal: "isLiteral(?value)",
    SH.BlankNodeOrIRI: "(isIRI(?value) || isBlank(?value))",
    SH.BlankNodeOrLiteral: "(isBlank(?value) || isLiteral(?value))",
    SH.IRIOrLiteral: "(isIRI(?value) || isLiteral(?value))",
}
_RANGES = {
    SH.minInclusive: ">=",
    SH.maxInclusive: "<=",
    SH.minExclusive: ">",
    SH.maxExclusive: "<",
}


def datatype_check(dt: Node) -> str:
    """The expression of ``sh:datatype dt``: the datatype, and a well-formed lexical form."""
    if not isinstance(dt, URIRef):
        raise UnsupportedShape("sh:datatype with a non-IRI")
    if dt == RDFS.Literal:
        return "isLiteral(?value)"
    if dt == RDF.langString:
        return '(isLiteral(?value) && lang(?value) != "")'
    base = f"isLiteral(?value) && sameTerm(datatype(?value), {iri(str(dt))})"
    extra = _CASTABLE.get(str(dt))
    if extra is None:
        return f"({base})"
    # IF, not &&: the cast runs only on a literal of that datatype (Virtuoso evaluates both
    # sides of && and fails the whole query on a cast error; IF is lazy everywhere).
    cast = f"{iri(_XSD + ('integer' if extra else str(dt)[len(_XSD) :]))}(STR(?value))"
    if extra:
        bounds = extra.removeprefix(" && ").replace("?_n", cast)
        return f"IF({base}, COALESCE({bounds}, false), false)"
    return f"IF({base}, isLiteral({cast}), false)"


def value_checks(
    ctx: Context, shape: Node, node_level: bool, patterns: list[str] | None = None
) -> list[Check]:
    """The per-value checks of ``shape``.

    With ``patterns``, class checks become ``OPTIONAL`` patterns appended to it (a join is
    much faster than ``EXISTS`` in Oxigraph) and their expression tests the binding.
    ``node_level`` (a node shape) adds ``sh:hasValue``, which a property shape checks on the
    set of its values instead.
    """
    shapes = ctx.shapes
    checks: list[Check] = []
    for i, cls in enumerate(shapes.values(shape, SHN["class"])):
        subs = ctx.subclasses(str(cls))
        if patterns is not None:
            listed = ", ".join(iri(s) for s in subs)
            patterns.append(f"OPTIONAL {{ ?value a ?_t{i} FILTER(?_t{i} IN ({listed})) }}")
            checks.append((SH.ClassConstraintComponent, f"BOUND(?_t{i})"))
            continue
        values = " ".join(iri(s) for s in subs)
        checks.append(
            (SH.ClassConstraintComponent, f"EXISTS {{ VALUES ?_t {{ {values} }} ?value a ?_t }}")
        )
    for dt in shapes.values(shape, SH.datatype):
        checks.append((SH.DatatypeConstraintComponent, datatype_check(dt)))
    for node_kind in shapes.values(shape, SH.nodeKind):
        if node_kind not in _NODE_KINDS:
            raise UnsupportedShape(f"node kind {node_kind}")
        checks.append((SH.NodeKindConstraintComponent, _NODE_KINDS[node_kind]))
    for lst in shapes.values(shape, SHN["in"]):
        in_terms = [const(m) for m in shapes.items(lst)]
        expr = " || ".join(f"sameTerm(?value, {m})" for m in in_terms) or "false"
        checks.append((SH.InConstraintComponent, f"({expr})"))
    if node_level:
        for value in shapes.values(shape, SH.hasValue):
            checks.append((SH.HasValueConstraintComponent, f"sameTerm(?value, {const(value)})"))
    flags = shapes.one(shape, SH.flags)
    for pattern in shapes.values(shape, SH.pattern):
        args = const(Literal(str(pattern)))
        if flags is not None:
            args += ", " + const(Literal(str(flags)))
        checks.append(
            (SH.PatternConstraintComponent, f"(!isBlank(?value) && REGEX(STR(?value), {args}))")
        )
    for pred, op, component in (
        (SH.minLength, ">=", SH.MinLengthConstraintComponent),
        (SH.maxLength, "<=", SH.MaxLengthConstraintComponent),
    ):
        for value in shapes.values(shape, pred):
            checks.append(
                (component, f"(!isBlank(?value) && STRLEN(STR(?value)) {op} {const(value)})")
            )
    for lst in shapes.values(shape, SH.languageIn):
        langs = [const(Literal(str(t))) for t in shapes.items(lst)]
        expr = " || ".join(f"langMatches(lang(?value), {t})" for t in langs) or "false"
        checks.append((SH.LanguageInConstraintComponent, f"(isLiteral(?value) && ({expr}))"))
    for pred, op in _RANGES.items():
        local = str(pred)[len(str(SH)) :]
        component = SHN[local[0].upper() + local[1:] + "ConstraintComponent"]
        for value in shapes.values(shape, pred):
            checks.append((component, f"(isLiteral(?value) && ?value {op} {const(value)})"))
    checks.extend(_logical_checks(ctx, shape))
    return checks


def _logical_checks(ctx: Context, shape: Node) -> list[Check]:
    """Logical constraints over shapes that are themselves plain value checks."""
    checks: list[Check] = []
    for kind, members in ctx.shapes.logical_refs(shape):
        exprs = [conforms_expr(ctx, m) for m in members]
        if any(e is None for e in exprs):
            continue
        parts = [e for e in exprs if e is not None]
        if kind == SH.node:
            checks.append((SH.NodeConstraintComponent, parts[0]))
        elif kind == SHN["not"]:
            checks.append((SH.NotConstraintComponent, f"!{parts[0]}"))
        elif kind == SHN["and"]:
            checks.append((SH.AndConstraintComponent, "(" + (" && ".join(parts) or "true") + ")"))
        elif kind == SHN["or"]:
            checks.append((SH.OrConstraintComponent, "(" + (" || ".join(parts) or "false") + ")"))
        else:
            total = " + ".join(f"IF({e}, 1, 0)" for e in parts) or "0"
            checks.append((SH.XoneConstraintComponent, f"(({total}) = 1)"))
    return checks


def conforms_expr(ctx: Context, shape: Node) -> str | None:
    """A SPARQL expression, true iff ``?value`` conforms to ``shape``, for shapes made only
    of per-value checks (no path, no property shapes); ``None`` for any other shape."""
    return ctx.conforms.get(shape, lambda: _conforms_expr(ctx, shape))


def _conforms_expr(ctx: Context, shape: Node) -> str | None:
    shapes = ctx.shapes
    if shapes.truthy(shape, SH.deactivated):
        return "true"
    for pred in shapes.predicates(shape):
        if pred in TARGETS or pred in (SH.severity, SH.message, SH.deactivated):
            continue
        if str(pred).startswith(str(SH)) and pred not in PER_VALUE_PARAMETERS:
            return None
    for _kind, members in shapes.logical_refs(shape):
        if any(conforms_expr(ctx, m) is None for m in members):
            return None
    checks = value_checks(ctx, shape, node_level=True)
    return "(" + (" && ".join(f"COALESCE({e}, false)" for _, e in checks) or "true") + ")"


def value_constraints(
    ctx: Context,
    checks: list[Check],
    patterns: list[str],
    focus: str,
    path: str | None,
    found: Results,
) -> None:
    """Report each value (of ``path`` from ``focus``, or each focus node) failing a check."""
    if not checks:
        return
    head, bind = "?this ?value", f"?this {path} ?value ."
    if not path:
        # The focus node is the value: the checks read ?this itself, not a BIND copy (inside
        # EXISTS, Virtuoso cannot see a variable bound by BIND).
        head, bind = "?this (?this AS ?value)", ""
        checks = [(component, _VALUE.sub("?this", expr)) for component, expr in checks]
        patterns = [_VALUE.sub("?this", pattern) for pattern in patterns]
    flags_vars = [f"?_v{i}" for i in range(len(checks))]
    # Flags as the integers 1 (fails) and 0, not booleans: Virtuoso answers booleans as
    # integers, and projects a wrong value for a negated boolean BIND that a FILTER reads.
    binds = " ".join(
        f"BIND(IF(COALESCE({expr}, false), 0, 1) AS {var})"
        for (_, expr), var in zip(checks, flags_vars, strict=True)
    )
    query = (
        f"SELECT DISTINCT {head} {' '.join(flags_vars)} WHERE {{ {focus} {bind} "
        f"{' '.join(patterns)} {binds} "
        f"FILTER({' || '.join(f'{v} = 1' for v in flags_vars)}) }}"
    )
    for sol in ctx.select(query):
        for (component, _), var in zip(checks, flags_vars, strict=True):
            if sol[var[1:]].value == "1":
                found.add(sol["this"], sol["value"], component)
