"""The ``#+`` header of a catalogue query: name, description, parameters, expectation, level.

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

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal as TypingLiteral
from typing import cast, get_args

from airoles_kg.errors import QueryError

__all__ = [
    "PARAM_TYPES",
    "Expect",
    "Level",
    "ParamType",
    "QueryForm",
    "QueryHeader",
    "QueryParam",
    "parse_header",
]

ParamType = TypingLiteral["iri", "string", "integer", "decimal", "boolean", "lang"]
Expect = TypingLiteral["rows", "no-rows", "ask-true", "ask-false"]
Level = TypingLiteral["ERROR", "WARN", "INFO"]
QueryForm = TypingLiteral["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

#: The parameter types a header may declare.
PARAM_TYPES: tuple[str, ...] = get_args(ParamType)
_EXPECTS: tuple[str, ...] = get_args(Expect)
_LEVELS: tuple[str, ...] = get_args(Level)
_KEYS = ("name", "description", "param", "expect", "level")

_HEADER_LINE = re.compile(r"^#\+\s*(?P<key>[A-Za-z_-]*)\s*:\s?(?P<value>.*)$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


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
    if ptype not in PARAM_TYPES:
        raise _fail(
            path, line, f"parameter {name}: type {ptype!r} is not one of {', '.join(PARAM_TYPES)}"
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
