"""The SPARQL query catalogue: headers, parsing, parameters, binding safety, checks, formats."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.query import Result
from rdflib.term import Variable

from airoles_kg.backends.base import Backend, Rows
from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.backends.rdflib_graph import RdflibBackend
from airoles_kg.catalogue.files import (
    CatalogueQuery,
    get_query,
    list_checks,
    list_queries,
    load_query,
)
from airoles_kg.catalogue.format import FORMATS, format_result
from airoles_kg.catalogue.header import QueryParam, parse_header
from airoles_kg.catalogue.params import bind_params, coerce_param
from airoles_kg.catalogue.run import QueryResult, run_checks, run_query
from airoles_kg.errors import EndpointError, InputError, ParseError, QueryError, UnknownRoleError
from airoles_kg.namespaces import COMP, ROLE
from airoles_kg.paths import queries_dir
from airoles_kg.rdf.parse import parse_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VIOLATION_FIXTURES = sorted((FIXTURES / "violations").glob("*.ttl"))
QUERY_FILES = sorted(queries_dir().glob("*.rq"))
CHECK_FILES = sorted((queries_dir() / "checks").glob("*.rq"))
VIOLATION_FILES = [p for p in CHECK_FILES if p.name.endswith("-violation.rq")]
EX = "http://example.org/"
DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")

#: The catalogue a researcher relies on; each must exist.
REQUIRED_QUERIES = {
    "roles-requiring-competency",
    "competencies-of-role",
    "compare-roles",
    "role-similarity",
    "career-paths",
    "roles-by-family",
    "role-provenance",
    "statistics",
    "competency-hierarchy",
    "essential-competencies",
    "skill-gap",
    "search-roles",
}

#: The integrity checks this catalogue promises (each has a tripping fixture).
REQUIRED_VIOLATIONS = {
    "requirement-without-competency-violation",
    "requirement-level-out-of-range-violation",
    "requirement-importance-invalid-violation",
    "requirement-without-role-violation",
    "requirement-without-source-violation",
    "role-without-source-violation",
    "role-requires-same-competency-twice-violation",
    "role-missing-french-label-violation",
    "competency-missing-french-label-violation",
    "broader-cycle-violation",
    "evolvedfrom-cycle-violation",
    "specialization-cycle-violation",
    "requires-competency-not-materialised-violation",
    "requires-competency-without-requirement-violation",
    "proficiency-level-rank-violation",
}



def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def _write(tmp_path: Path, text: str, name: str = "q.rq") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------
# Every query file: a complete header, SPARQL both engines parse, declared params used.


def test_globs_found_the_catalogue() -> None:
    assert len(QUERY_FILES) >= len(REQUIRED_QUERIES)
    assert VIOLATION_FILES, "no queries/checks/*-violation.rq found"
    assert VIOLATION_FIXTURES, "no tests/fixtures/violations/*.ttl found"


def test_required_queries_exist() -> None:
    names = {q.name for q in list_queries()}
    assert names >= REQUIRED_QUERIES, REQUIRED_QUERIES - names


def test_required_violation_checks_exist_with_fixtures() -> None:
    names = {q.name for q in list_checks()}
    assert names >= REQUIRED_VIOLATIONS, REQUIRED_VIOLATIONS - names
    fixtures = {p.stem for p in VIOLATION_FIXTURES}
    assert fixtures >= REQUIRED_VIOLATIONS, REQUIRED_VIOLATIONS - fixtures


@pytest.mark.parametrize("path", QUERY_FILES + CHECK_FILES, ids=_ids(QUERY_FILES + CHECK_FILES))
def test_query_file_has_complete_header_and_parses_everywhere(path: Path) -> None:
    query = load_query(path)
    header = query.header
    assert header.name == path.stem
    assert len(header.description) > 20
    assert header.expect is not None or path.parent.name == "checks"
    if path.parent.name == "checks":
        assert header.level in ("ERROR", "WARN", "INFO")
    else:
        assert header.level is None
    # rdflib: parse and translate to algebra.
    translateQuery(parseQuery(query.sparql))
    # Oxigraph: parse and run on an empty store (every parameter unbound).
    result = ox.Store().query(query.sparql)
    if query.form == "SELECT":
        assert isinstance(result, ox.QuerySolutions)
        assert [v.value for v in result.variables]


@pytest.mark.parametrize("path", QUERY_FILES + CHECK_FILES, ids=_ids(QUERY_FILES + CHECK_FILES))
def test_declared_params_are_query_variables(path: Path) -> None:
    query = load_query(path)
    variables = set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", query.sparql))
    for param in query.params:
        assert param.name in variables
        assert param.description


@pytest.mark.parametrize("path", QUERY_FILES, ids=_ids(QUERY_FILES))
def test_catalogue_select_queries_are_ordered(path: Path) -> None:
    query = load_query(path)
    parsed = parseQuery(query.sparql)[1]
    if query.form == "SELECT":
        assert parsed.get("orderby") is not None, f"{path.name} has no ORDER BY"


def _variables(node: object) -> set[Variable]:
    if isinstance(node, Variable):
        return {node}
    found: set[Variable] = set()
    if isinstance(node, CompValue):
        for value in node.values():
            found |= _variables(value)
    elif isinstance(node, list | tuple | set):
        for value in node:
            found |= _variables(value)
    return found


def _hidden_params(node: object, params: set[Variable], top: bool = True) -> set[Variable]:
    """Parameters used inside a subquery that does not project them: a binding made at the
    top (rdflib's initBindings, or a VALUES clause) would not reach them the same way."""
    hidden: set[Variable] = set()
    if isinstance(node, CompValue):
        if node.name == "Project" and not top:
            inside = _variables(node.p) & params
            hidden |= inside - set(node.PV)
        for value in node.values():
            hidden |= _hidden_params(value, params, top and node.name != "Project")
    elif isinstance(node, list | tuple):
        for value in node:
            hidden |= _hidden_params(value, params, top)
    return hidden


@pytest.mark.parametrize("path", QUERY_FILES, ids=_ids(QUERY_FILES))
def test_params_are_not_hidden_in_subqueries(path: Path) -> None:
    query = load_query(path)
    algebra = translateQuery(parseQuery(query.sparql)).algebra
    params = {Variable(p.name) for p in query.params}
    if query.name == "match-roles":
        # Bound as rows (inject_rows), whose VALUES go into every group that uses them, the
        # sub-query included; tests/test_crosswalk.py proves the same answers on every backend.
        # The sub-query is there because Virtuoso cannot compile an aggregate inside IF.
        params = set()
    assert _hidden_params(algebra.p, params) == set()


def test_hidden_param_guard_catches_a_hidden_param() -> None:
    text = "SELECT ?n WHERE { { SELECT (COUNT(?x) AS ?n) WHERE { ?role ?p ?x } } }"
    algebra = translateQuery(parseQuery(text)).algebra
    assert _hidden_params(algebra.p, {Variable("role")}) == {Variable("role")}


def test_query_names_are_unique() -> None:
    names = [q.name for q in list_queries(include_checks=True)]
    assert len(names) == len(set(names))
    assert names == sorted(names)


# ------------------------------------------------------------------------------------------
# Header errors name file:line

BAD_HEADERS = [
    ("#+ nmae: x\n#+ description: D.\nASK {}", 1, "unknown header key 'nmae'"),
    ("#+ name: x\n#+ name: y\n#+ description: D.\nASK {}", 2, "appears twice"),
    ("#+ name: X_Y\n#+ description: D.\nASK {}", 1, "lower-case"),
    ("#+ name: x\n#+ description:\nASK {}", 2, "has no value"),
    ("#+ name: x\nASK {}", 1, "no '#+ description:' line"),
    ("#+ description: D.\n#+ expect: rows\nASK {}", 2, "no '#+ name:' line"),
    ("#+ name: x\n#+ description: D.\n#+ expect: some\nASK {}", 3, "expect 'some'"),
    ("#+ name: x\n#+ description: D.\n#+ level: FATAL\nASK {}", 3, "level 'FATAL'"),
    ("#+ name: x\n#+ description: D.\n#+ param: role url required  R.\nASK {}", 3, "type 'url'"),
    ("#+ name: x\n#+ description: D.\n#+ param: role iri needed  R.\nASK {}", 3, "'needed'"),
    ("#+ name: x\n#+ description: D.\n#+ param: role iri required\nASK {}", 3, "description"),
    ("#+ name: x\n#+ description: D.\n#+ param: role\nASK {}", 3, "param: NAME TYPE"),
    ("#+ name: x\n#+ description: D.\n#+ param: 1role iri required  R.\nASK {}", 3, "variable"),
    (
        "#+ name: x\n#+ description: D.\n#+ param: r iri required  R.\n"
        "#+ param: r iri optional  R.\nASK {}",
        4,
        "declared twice",
    ),
    ("#+ name: x\n#+ description: D.\nASK {}\n#+ expect: rows\n", 4, "before the query text"),
    ("#+name x\n#+ description: D.\nASK {}", 1, "'#+ key: value'"),
]


@pytest.mark.parametrize(("text", "line", "fragment"), BAD_HEADERS, ids=[b[2] for b in BAD_HEADERS])
def test_malformed_header_names_file_and_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_header(text, "bad.rq")
    message = str(info.value)
    assert message.startswith(f"bad.rq:{line}: "), message
    assert fragment in message


def test_malformed_header_in_a_file_names_its_path(tmp_path: Path) -> None:
    path = _write(tmp_path, "#+ name: x\n#+ description: D.\n#+ expect: maybe\nASK {}\n")
    with pytest.raises(QueryError, match=re.escape(f"{path.resolve()}:3: expect 'maybe'")):
        load_query(path)


def test_header_is_optional_for_a_users_own_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "# my query\nSELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\n", "mine.rq")
    query = get_query(path)
    assert (query.name, query.params, query.form) == ("mine", (), "SELECT")


def test_comment_lines_may_sit_between_header_and_query() -> None:
    text = "#+ name: x\n# a comment\n#+ description: D.\n\nPREFIX a: <x:>\nASK {}"
    assert parse_header(text, "x.rq").description == "D."


def test_sparql_syntax_error_is_a_parse_error_with_line(tmp_path: Path) -> None:
    text = "#+ name: broken\n#+ description: Broken.\n\nSELECT ?x WHERE {\n  ?x ?p ?o\n  FILTR\n}\n"
    path = _write(tmp_path, text, "broken.rq")
    with pytest.raises(ParseError) as info:
        load_query(path)
    assert info.value.line == 6
    where = f"{path.resolve()}:6:"
    assert str(info.value) == f"{where} SPARQL syntax error at column 3: unexpected 'FILTR'"
    assert "\n" not in str(info.value)
    assert isinstance(info.value, InputError)


def test_undeclared_prefix_is_a_parse_error_with_line(tmp_path: Path) -> None:
    text = "#+ name: p\n#+ description: P.\nSELECT ?x\nWHERE { ?x nope:p ?y }\n"
    path = _write(tmp_path, text)
    with pytest.raises(ParseError, match=r"q\.rq:4: SPARQL error at column \d+: Prefix not found"):
        load_query(path)


def test_sparql_only_oxigraph_rejects_is_a_parse_error(tmp_path: Path) -> None:
    text = "#+ name: p\n#+ description: P.\nSELECT ?x (COUNT(?y) AS ?n)\nWHERE { ?x ?p ?y }\n"
    with pytest.raises(ParseError, match=r"q\.rq:5: .*variable that is unbound"):
        load_query(_write(tmp_path, text))


def test_sparql_only_rdflib_rejects_is_a_parse_error(tmp_path: Path) -> None:
    # hasLang() is SPARQL 1.2: Oxigraph takes it, rdflib and SPARQL 1.1 endpoints do not.
    text = "#+ name: p\n#+ description: P.\nSELECT ?x WHERE { ?x ?p ?o FILTER(hasLang(?o)) }\n"
    with pytest.raises(ParseError, match=r"q\.rq:3: SPARQL syntax error at column 28: unexpected"):
        load_query(_write(tmp_path, text))


def test_declared_param_missing_from_query_is_reported(tmp_path: Path) -> None:
    text = "#+ name: q\n#+ description: Q.\n#+ param: role iri required  R.\nASK { ?s ?p ?o }\n"
    with pytest.raises(QueryError, match="parameter role is declared but"):
        load_query(_write(tmp_path, text))


def test_a_param_only_mentioned_in_a_comment_does_not_count(tmp_path: Path) -> None:
    text = (
        "#+ name: q\n#+ description: Q.\n#+ param: role iri required  R.\n"
        "# uses ?role\nASK { ?s ?p ?o }\n"
    )
    with pytest.raises(QueryError, match="parameter role is declared but"):
        load_query(_write(tmp_path, text))


def test_missing_file_is_a_query_error(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="no such query file"):
        get_query(tmp_path / "nothing.rq")


def test_unknown_query_name_suggests_close_names() -> None:
    with pytest.raises(QueryError, match="did you mean: compare-roles"):
        get_query("compare-role")


def test_get_query_finds_checks_and_queries_by_name() -> None:
    assert get_query("compare-roles").path.name == "compare-roles.rq"
    check = get_query("broader-cycle-violation")
    assert check.is_violation_check and check.header.level == "ERROR"


# ------------------------------------------------------------------------------------------
# Parameters

IRI = QueryParam("role", "iri", True, "The role.")
INT = QueryParam("minRank", "integer", False, "Rank.")
DEC = QueryParam("weight", "decimal", False, "Weight.")
BOOL = QueryParam("flag", "boolean", False, "Flag.")
LANG = QueryParam("lang", "lang", False, "Language.")
STR = QueryParam("text", "string", True, "Text.")

GOOD_VALUES = [
    (IRI, "role:ai-engineer", ROLE["ai-engineer"]),
    (IRI, " comp:semantic-modelling ", COMP["semantic-modelling"]),
    (IRI, "https://w3id.org/airoles/role/ai-engineer", ROLE["ai-engineer"]),
    (IRI, "<https://example.org/a?b=c#d>", URIRef("https://example.org/a?b=c#d")),
    (IRI, "urn:isbn:0451450523", URIRef("urn:isbn:0451450523")),
    (INT, "3", Literal(3)),
    (INT, " +3 ", Literal(3)),
    (INT, "-1", Literal(-1)),
    (INT, "007", Literal(7)),
    (DEC, "0.5", Literal("0.5", datatype=DECIMAL)),
    (DEC, ".5", Literal("0.5", datatype=DECIMAL)),
    (DEC, "2", Literal("2", datatype=DECIMAL)),
    (BOOL, "true", Literal(True)),
    (BOOL, "FALSE", Literal(False)),
    (BOOL, "1", Literal(True)),
    (LANG, "fr", Literal("fr")),
    (LANG, "en-GB", Literal("en-gb")),
    (STR, ' "quoted" <x> } ', Literal(' "quoted" <x> } ')),
    (STR, "", Literal("")),
]


@pytest.mark.parametrize(("param", "raw", "expected"), GOOD_VALUES)
def test_coerce_param_accepts(param: QueryParam, raw: str, expected: object) -> None:
    term = coerce_param(param, raw)
    assert term == expected
    assert type(term) is type(expected)


BAD_VALUES = [
    (IRI, "ai-engineer", "expected an IRI or a CURIE"),
    (IRI, "", "expected an IRI or a CURIE"),
    (IRI, "rol:ai-engineer", "unknown prefix 'rol'"),
    (IRI, "https://example.org/a b", "expected an IRI"),
    (IRI, "https://example.org/a> } ; DROP ALL #", "expected an IRI"),
    (IRI, '<https://example.org/"x">', "expected an IRI"),
    (IRI, "role:ai engineer", "expected an IRI"),
    (IRI, "role:x>", "expected an IRI"),
    (INT, "x", "parameter minRank: expected an integer, got 'x'"),
    (INT, "3.0", "expected an integer"),
    (INT, "", "expected an integer"),
    (INT, "1e3", "expected an integer"),
    (DEC, "1e3", "expected a decimal number"),
    (DEC, "0,5", "expected a decimal number"),
    (DEC, "NaN", "expected a decimal number"),
    (BOOL, "yes", "expected true or false"),
    (LANG, "e n", "expected a language tag"),
    (LANG, "", "expected a language tag"),
    (LANG, "fr\"", "expected a language tag"),
]


@pytest.mark.parametrize(("param", "raw", "fragment"), BAD_VALUES)
def test_coerce_param_rejects(param: QueryParam, raw: str, fragment: str) -> None:
    with pytest.raises(QueryError) as info:
        coerce_param(param, raw)
    assert fragment in str(info.value)
    assert str(info.value).startswith(f"parameter {param.name}: ")


def test_coerce_param_uses_the_resolver_for_names() -> None:
    seen: list[str] = []

    def resolve(name: str) -> URIRef:
        seen.append(name)
        if name.lower() in ("ai engineer", "ai-engineer", "ingénieur ia"):
            return ROLE["ai-engineer"]
        raise UnknownRoleError(name, ["ai-engineer"])

    assert coerce_param(IRI, "Ingénieur IA", resolve) == ROLE["ai-engineer"]
    assert coerce_param(IRI, "ai-engineer", resolve) == ROLE["ai-engineer"]
    # CURIEs and full IRIs never reach the resolver.
    assert coerce_param(IRI, "role:ux-designer", resolve) == ROLE["ux-designer"]
    assert coerce_param(IRI, "https://example.org/r", resolve) == URIRef("https://example.org/r")
    assert seen == ["Ingénieur IA", "ai-engineer"]
    with pytest.raises(UnknownRoleError, match="did you mean: ai-engineer"):
        coerce_param(IRI, "AI engneer", resolve)


def test_coerce_param_checks_terms_given_directly() -> None:
    assert coerce_param(IRI, ROLE["ai-engineer"]) == ROLE["ai-engineer"]
    assert coerce_param(INT, Literal(4)) == Literal(4)
    with pytest.raises(QueryError, match="parameter role: expected an IRI"):
        coerce_param(IRI, Literal("role:ai-engineer"))
    with pytest.raises(QueryError, match="parameter minRank: expected an integer"):
        coerce_param(INT, Literal("4"))
    with pytest.raises(QueryError, match="parameter role: expected an IRI"):
        coerce_param(IRI, BNode())


def test_bind_params_rejects_unknown_and_missing() -> None:
    query = get_query("roles-requiring-competency")
    unknown = "unknown parameter 'min_rank' \\(known: competency, minRank\\)"
    with pytest.raises(QueryError, match=unknown):
        bind_params(query, {"competency": "comp:x", "min_rank": "3"})
    with pytest.raises(QueryError, match="missing required parameter competency"):
        bind_params(query, {"minRank": "3"})
    assert bind_params(query, {"competency": "comp:x"}) == {"competency": COMP["x"]}
    with pytest.raises(QueryError, match="takes no parameters"):
        bind_params(get_query("statistics"), {"role": "role:x"})


# ------------------------------------------------------------------------------------------
# Values are bound, never pasted: injection attempts are inert.

INJECTIONS = [
    '"} ; DROP ALL #',
    '" } UNION { ?role ?p ?label } #',
    "') } #",
    '\\" } #',
    "<https://w3id.org/airoles/role/ai-engineer>",
    "\n}\nSELECT * WHERE { ?s ?p ?o }\n#",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_string_param_cannot_inject_sparql(value: str, backend: Backend, kg: Graph) -> None:
    size = len(kg)
    result = run_query("search-roles", {"text": value}, backend)
    assert result.rows == ()
    assert len(kg) == size


@pytest.mark.parametrize("value", INJECTIONS)
def test_string_param_is_bound_verbatim(value: str, backend: Backend, tmp_path: Path) -> None:
    text = (
        "#+ name: echo\n#+ description: Echo a string.\n#+ param: text string required  T.\n"
        "#+ expect: rows\nSELECT ?echo WHERE { BIND(STR(?text) AS ?echo) }\n"
    )
    result = run_query(_write(tmp_path, text, "echo.rq"), {"text": value}, backend)
    assert result.rows == ((Literal(value),),)


def test_iri_param_with_sparql_in_it_is_refused(backend: Backend) -> None:
    with pytest.raises(QueryError, match="parameter role: expected an IRI"):
        run_query(
            "competencies-of-role",
            {"role": "https://w3id.org/airoles/role/x> } ; DROP ALL #"},
            backend,
        )


# ------------------------------------------------------------------------------------------
# Checks


@pytest.mark.parametrize("path", VIOLATION_FILES, ids=_ids(VIOLATION_FILES))
def test_violation_check_has_no_rows_on_our_graph(path: Path, backend: Backend) -> None:
    result = run_query(path, {}, backend)
    assert result.form == "SELECT"
    assert result.rows == (), format_result(result, "table")


def _bad_nodes(kg: Graph) -> set[URIRef]:
    nodes = {t for triple in kg for t in triple if isinstance(t, URIRef)}
    return {n for n in nodes if str(n).startswith(EX + "bad")}


@pytest.mark.parametrize("fixture", VIOLATION_FIXTURES, ids=_ids(VIOLATION_FIXTURES))
def test_violation_check_trips_on_its_fixture(fixture: Path) -> None:
    data = parse_file(fixture)
    bad = _bad_nodes(data)
    assert bad, f"{fixture.name} names no ex:bad node"
    check = get_query(fixture.stem)
    for engine in (RdflibBackend(data), OxigraphBackend.from_graph(data)):
        result = run_query(check, {}, engine)
        found = {t for row in result.rows for t in row if isinstance(t, URIRef)}
        assert bad <= found, (engine.name, bad - found)
        assert URIRef(EX + "good") not in found, engine.name


def test_run_checks_passes_on_our_graph(kg: Graph) -> None:
    outcomes = run_checks(OxigraphBackend.from_graph(kg))
    assert [o.name for o in outcomes] == [q.name for q in list_checks()]
    failed = [o.name for o in outcomes if not o.passed and o.level == "ERROR"]
    assert failed == []
    assert all(o.passed for o in outcomes if o.query.is_violation_check)


def test_run_checks_fails_a_violation_with_rows() -> None:
    data = parse_file(FIXTURES / "violations" / "broader-cycle-violation.ttl")
    outcomes = {o.name: o for o in run_checks(OxigraphBackend.from_graph(data))}
    assert outcomes["broader-cycle-violation"].passed is False
    assert outcomes["broader-cycle-violation"].level == "ERROR"
    assert len(outcomes["broader-cycle-violation"].result) == 2
    assert outcomes["role-requires-same-competency-twice-violation"].passed is True


# ------------------------------------------------------------------------------------------
# Running and formats


@pytest.fixture(scope="module")
def comparison(kg: Graph) -> QueryResult:
    return run_query(
        "compare-roles",
        {"roleA": "role:ml-infrastructure-engineer", "roleB": "role:ai-engineer"},
        kg,
    )


def test_run_query_accepts_a_graph_and_gives_rows(comparison: QueryResult) -> None:
    assert comparison.variables[0] == "competency"
    assert len(comparison) == len(comparison.rows) > 0
    assert {str(s) for s in comparison.column("status")} <= {"shared", "only-A", "only-B"}
    with pytest.raises(QueryError, match="no variable"):
        comparison.column("nothing")


def test_csv_round_trips(comparison: QueryResult) -> None:
    text = format_result(comparison, "csv")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(comparison.variables)
    assert rows[1:] == [["" if t is None else str(t) for t in row] for row in comparison.rows]


def test_tsv_round_trips(comparison: QueryResult) -> None:
    text = format_result(comparison, "tsv")
    lines = text.rstrip("\n").split("\n")
    assert lines[0].split("\t") == [f"?{v}" for v in comparison.variables]
    parsed = Result.parse(io.StringIO(text), format="tsv")
    got = [tuple(row) for row in parsed]  # type: ignore[arg-type]
    assert got == [tuple(row) for row in comparison.rows]


def test_json_round_trips(comparison: QueryResult) -> None:
    text = format_result(comparison, "json")
    document = json.loads(text)
    assert document["head"]["vars"] == list(comparison.variables)
    parsed = Result.parse(io.StringIO(text), format="json")
    expected = [tuple(row) for row in comparison.rows]
    got = [tuple(row.get(Variable(v)) for v in comparison.variables) for row in parsed.bindings]
    assert got == expected


def test_table_has_headers_and_curies(comparison: QueryResult) -> None:
    text = format_result(comparison, "table")
    lines = text.splitlines()
    assert lines[0].split() == list(comparison.variables)
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert len(lines) == 2 + len(comparison.rows)
    assert "comp:" in text and "https://w3id.org/airoles/competency/" not in text
    assert format_result(comparison, "table") == text


def test_table_of_no_rows_says_so(kg: Graph) -> None:
    result = run_query("search-roles", {"text": "no role has this in its name"}, kg)
    text = format_result(result, "table")
    assert text.splitlines() == ["role  label", "----  -----", "(no rows)"]
    assert format_result(result, "csv") == "role,label\r\n"
    assert json.loads(format_result(result, "json"))["results"]["bindings"] == []


def test_ask_and_construct_results(tmp_path: Path, kg: Graph) -> None:
    ask = _write(
        tmp_path,
        "#+ name: has-role\n#+ description: Is it a role?\n#+ param: role iri required  R.\n"
        "#+ expect: ask-true\nPREFIX air: <https://w3id.org/airoles/ontology#>\n"
        "ASK { ?role a air:Role }\n",
        "has-role.rq",
    )
    yes = run_query(ask, {"role": "role:ai-engineer"}, kg)
    no = run_query(ask, {"role": "role:not-a-role"}, kg)
    assert (yes.boolean, no.boolean) == (True, False)
    assert format_result(yes, "table") == "true\n"
    assert json.loads(format_result(no, "json")) == {"head": {}, "boolean": False}
    construct = _write(
        tmp_path,
        "#+ name: labels\n#+ description: Labels of a role.\n#+ param: role iri required  R.\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "CONSTRUCT { ?role skos:prefLabel ?l } WHERE { ?role skos:prefLabel ?l }\n",
        "labels.rq",
    )
    result = run_query(construct, {"role": "role:ai-engineer"}, kg)
    assert result.graph is not None and len(result.graph) >= 2
    table = format_result(result, "table").splitlines()
    assert table[0].split() == ["subject", "predicate", "object"]
    assert all(line.startswith("role:ai-engineer") for line in table[2:])


def test_unknown_format_is_refused(comparison: QueryResult) -> None:
    with pytest.raises(QueryError, match="unknown format 'xml'"):
        format_result(comparison, "xml")


# Oxigraph's own terms written as they are: no rdflib term is built for ``query NAME``

#: A value for each required parameter of the catalogue, in our knowledge graph.
EXAMPLE_PARAMS = {
    "role": "role:ai-engineer", "roleA": "role:ml-infrastructure-engineer",
    "roleB": "role:ai-engineer", "fromRole": "role:data-engineer",
    "toRole": "role:ml-infrastructure-engineer", "competency": "comp:semantic-modelling",
    "have": "comp:python", "haveRank": "3", "source": "src:salesforce", "text": "ingénieur",
}


@pytest.fixture(scope="module")
def kg_store(kg: Graph) -> OxigraphBackend:
    return OxigraphBackend.from_graph(kg)


SELECT_QUERIES = [p for p in QUERY_FILES if load_query(p).form == "SELECT"]


def test_the_catalogue_has_select_queries_to_compare() -> None:
    assert len(SELECT_QUERIES) >= len(REQUIRED_QUERIES)


@pytest.mark.parametrize("path", SELECT_QUERIES, ids=lambda p: p.stem)
def test_a_catalogue_answer_is_written_alike_from_oxigraph_and_rdflib_terms(
    path: Path, kg_store: OxigraphBackend
) -> None:
    cq = load_query(path)
    params = {p.name: EXAMPLE_PARAMS[p.name] for p in cq.params if p.required}
    result = run_query(cq, params, kg_store)
    assert len(result) > 0 or cq.name.endswith("-violation")
    assert result.answer is not None and result.answer.native is not None
    converted = QueryResult(cq, "SELECT", result.variables,
                            answer=Rows(result.variables, result.rows))
    assert converted.answer is not None and converted.answer.native is None
    for fmt in FORMATS:
        assert format_result(result, fmt) == format_result(converted, fmt), fmt


TRICKY_ANSWER = """PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?a ?b ?c WHERE {
  VALUES (?a ?b) {
    (<https://w3id.org/airoles/role/ai-engineer> "dit \\"bonjour\\"\\n\\tà tous"@fr-CA)
    ("1.50"^^xsd:decimal 42)
    ("1E0"^^xsd:double "0.000015"^^xsd:double)
    ("é"^^xsd:string UNDEF)
    (true "x\\\\y")
    ("2026-01-01"^^xsd:date "<b>"^^<http://e/custom>)
  }
  BIND(IF(isIRI(?a), BNODE("b"), ?c) AS ?c)
}"""


def test_tricky_terms_are_written_alike_from_oxigraph_and_rdflib_terms() -> None:
    answer = OxigraphBackend().select(TRICKY_ANSWER)
    assert answer.native is not None and len(answer.native) == 6
    cq = get_query("statistics")  # any query: the answer is what is written
    native = QueryResult(cq, "SELECT", answer.variables, answer=answer)
    converted = QueryResult(cq, "SELECT", answer.variables,
                            answer=Rows(answer.variables, answer.rows))
    for fmt in FORMATS:
        assert format_result(native, fmt) == format_result(converted, fmt), fmt
    tsv = format_result(native, "tsv")
    assert '"dit \\"bonjour\\"\\n\\tà tous"@fr-ca' in tsv  # tags are compared lower case
    assert '"1.5"^^<http://www.w3.org/2001/XMLSchema#decimal>' in tsv
    assert '"1.0"^^<http://www.w3.org/2001/XMLSchema#double>\t"1.5e-05"^^' in tsv
    assert '\n"é"\t\t' in tsv and "\t_:" in tsv
    assert json.loads(format_result(native, "json"))["results"]["bindings"][3] == {
        "a": {"type": "literal", "value": "é"}}


def test_infinity_is_written_as_xml_schema_writes_it() -> None:
    answer = OxigraphBackend().select(
        'SELECT ?x WHERE { BIND("-INF"^^<http://www.w3.org/2001/XMLSchema#double> AS ?x) }')
    result = QueryResult(get_query("statistics"), "SELECT", answer.variables, answer=answer)
    assert format_result(result, "csv") == "x\r\n-INF\r\n"


def test_a_term_that_is_no_iri_blank_node_or_literal_is_a_query_error() -> None:
    answer = OxigraphBackend().select(
        "SELECT ?t WHERE { BIND(TRIPLE(<http://e/a>, <http://e/p>, <http://e/b>) AS ?t) }")
    result = QueryResult(get_query("statistics"), "SELECT", answer.variables, answer=answer)
    with pytest.raises(QueryError, match="not an IRI, a blank node or a literal"):
        format_result(result, "table")


def test_query_name_on_the_embedded_store_imports_no_rdflib(tmp_path: Path) -> None:
    # The interactive path (the cached N-Triples into Oxigraph, the answer written from its
    # terms) must not pay for importing rdflib; a parameter that names a role may.
    probe = ("import atexit, sys\n"
             "atexit.register(lambda: print('rdflib' in sys.modules, file=sys.stderr))\n"
             "from airoles_kg.__main__ import run\n"
             "sys.argv = ['airoles-kg', 'query', 'statistics', '--format', 'csv']\n"
             "run()\n")
    for _ in range(2):  # the first run may build the cache entries; the second reads them
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                              check=False, timeout=120)
    assert (done.returncode, done.stderr.strip().splitlines()[-1]) == (0, "False"), done.stderr
    assert done.stdout.startswith("metric,")


def test_engine_failure_is_a_query_error(tmp_path: Path) -> None:
    class Broken:
        name = "broken"

        def select(self, sparql: str, bindings: object = None) -> object:
            raise OSError("connection refused")

        ask = construct = select

    query = get_query("statistics")
    with pytest.raises(QueryError, match="query statistics failed on broken: connection refused"):
        run_query(query, {}, Broken())  # type: ignore[arg-type]

    class Down(Broken):
        def select(self, sparql: str, bindings: object = None) -> object:
            raise EndpointError("http://localhost:1/sparql: connection refused")

    with pytest.raises(EndpointError, match="localhost:1"):
        run_query(query, {}, Down())  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def both(kg: Graph) -> Iterator[tuple[Backend, Backend]]:
    yield RdflibBackend(kg), OxigraphBackend.from_graph(kg)


def test_every_query_answers_alike_on_both_engines_without_parameters(
    both: tuple[Backend, Backend],
) -> None:
    for query in list_queries():
        if any(p.required for p in query.params):
            continue
        a, b = (run_query(query, {}, engine) for engine in both)
        assert (a.variables, a.rows, a.boolean) == (b.variables, b.rows, b.boolean), query.name


def test_catalogue_query_is_a_dataclass() -> None:
    query = get_query("compare-roles")
    assert isinstance(query, CatalogueQuery)
    assert [p.name for p in query.params] == ["roleA", "roleB"]
    assert all(p.required for p in query.params)


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_role_provenance_orders_sources_without_title(engine: str) -> None:
    """Regression: an untitled source left STR(?title) unbound and rdflib failed to sort."""
    from airoles_kg.backends.embedded import OxigraphBackend
    from airoles_kg.backends.rdflib_graph import RdflibBackend
    from airoles_kg.namespaces import DCTERMS

    role = URIRef("https://example.org/steward/role")
    data = Graph()
    for name in ("s1", "s2"):
        data.add((role, DCTERMS.source, URIRef(f"https://example.org/steward/{name}")))
    backend = RdflibBackend(data) if engine == "rdflib" else OxigraphBackend.from_graph(data)
    result = run_query("role-provenance", {"role": role}, backend)
    sources = [row[result.variables.index("source")] for row in result.rows]
    assert sources == [URIRef("https://example.org/steward/s1"),
                       URIRef("https://example.org/steward/s2")]
