"""The role index that ``show`` and ``compare`` read without rdflib: the same names, errors,
summaries and comparisons as the graph gives, for every role; and comparisons made from the
requirement lists equal to the catalogue's ``compare-roles`` query on every pair of roles."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from airoles_kg.backends.embedded import OxigraphBackend
from airoles_kg.catalogue.run import run_query
from airoles_kg.errors import InputError
from airoles_kg.namespaces import ROLE, SKOS
from airoles_kg.roles.compare import compare_requirements, compare_roles
from airoles_kg.roles.index import RoleIndex, load_role_index
from airoles_kg.roles.model import ComparedCompetency
from airoles_kg.roles.names import resolve_role, role_iris, slug
from airoles_kg.roles.naming import ROLE_BASE
from airoles_kg.roles.render import format_comparison, format_summary
from airoles_kg.roles.summary import int_value, role_requirements, role_summary


@pytest.fixture(scope="module")
def index() -> RoleIndex:
    load_role_index()  # built and cached, then read back from the cache
    return load_role_index()


@pytest.fixture(scope="module")
def roles(kg: Graph) -> list[URIRef]:
    found = role_iris(kg)
    assert len(found) >= 20
    return found


def test_the_role_base_is_the_role_namespace() -> None:
    assert str(ROLE) == ROLE_BASE


def test_the_index_holds_no_rdflib_term(index: RoleIndex) -> None:
    def plain(value: object) -> bool:
        if isinstance(value, dict):
            return all(plain(k) and plain(v) for k, v in value.items())
        if isinstance(value, tuple | list | set):  # named tuples included
            return all(plain(v) for v in value)
        return type(value) in (str, int, type(None))

    assert plain(index)


def test_every_summary_is_the_graphs(kg: Graph, index: RoleIndex, roles: list[URIRef]) -> None:
    for role in roles:
        assert index.show(slug(role)) == format_summary(role_summary(kg, role)), role


def test_every_comparison_is_the_graphs(kg: Graph, index: RoleIndex,
                                        roles: list[URIRef]) -> None:
    for a, b in itertools.product(roles[::7], roles):
        assert index.compare(str(a), slug(b)) == format_comparison(kg, compare_roles(kg, a, b))


def _names(kg: Graph, role: URIRef) -> list[str]:
    labels = [str(v) for p in (SKOS.prefLabel, SKOS.altLabel) for v in kg.objects(role, p)]
    return [slug(role), str(role), f"<{role}>", f"role:{slug(role)}", *labels,
            *(label.upper() for label in labels)]


def test_every_name_resolves_as_in_the_graph(kg: Graph, index: RoleIndex,
                                             roles: list[URIRef]) -> None:
    for role in roles:
        for name in _names(kg, role):
            try:
                expected: str = resolve_role(kg, name)
            except InputError as error:  # a label two roles share: the same error
                with pytest.raises(InputError) as info:
                    index.resolve(name)
                assert str(info.value) == str(error)
            else:
                assert index.resolve(name).iri == str(expected), name


@pytest.mark.parametrize(
    "name", ["ai enginer", "knowledge architekt", "astronaut", "role:no-such-role", "comp:python",
             "https://w3id.org/airoles/competency/python", "", "  ", "<>"],
)
def test_unknown_names_fail_as_in_the_graph(kg: Graph, index: RoleIndex, name: str) -> None:
    with pytest.raises(InputError) as graph_error:
        resolve_role(kg, name)
    with pytest.raises(InputError) as index_error:
        index.resolve(name)
    assert type(index_error.value) is type(graph_error.value)
    assert str(index_error.value) == str(graph_error.value)


def _by_query(store: OxigraphBackend, a: URIRef, b: URIRef) -> dict[str, list[tuple[object, ...]]]:
    """The query's rows, one per competency (the highest levels if a role states one twice),
    as (competency, label, level A, rank A, level B, rank B) by status, sorted by label."""
    groups: dict[str, dict[str, tuple[object, ...]]] = {"shared": {}, "only-A": {}, "only-B": {}}
    for row in run_query("compare-roles", {"roleA": a, "roleB": b}, store).as_dicts():
        competency = str(row["competency"])
        label = str(row["competencyLabel"])
        levels = [None if row.get(k) is None else str(row[k]) for k in ("levelA", "levelB")]
        item = (competency, label, levels[0], int_value(row.get("rankA")), levels[1],
                int_value(row.get("rankB")))
        bucket = groups[str(row["status"])]
        before = bucket.get(competency)
        if before is None or ((item[3] or 0), (item[5] or 0)) > ((before[3] or 0),
                                                                  (before[5] or 0)):
            bucket[competency] = item
    return {status: sorted(items.values(), key=lambda i: (str(i[1]).casefold(), i[0]))
            for status, items in groups.items()}


def _rows(items: list[ComparedCompetency]) -> list[tuple[object, ...]]:
    return [(str(c.competency), c.label, None if c.level_a is None else str(c.level_a),
             c.rank_a, None if c.level_b is None else str(c.level_b), c.rank_b) for c in items]


def test_comparisons_are_the_querys_on_every_pair(kg: Graph, roles: list[URIRef]) -> None:
    store = OxigraphBackend.from_graph(kg)
    requirements = {role: role_requirements(kg, role) for role in roles}
    for a, b in itertools.product(roles, repeat=2):
        comparison = compare_requirements(a, b, requirements[a], requirements[b])
        expected = _by_query(store, a, b)
        got = {"shared": _rows(comparison.shared), "only-A": _rows(comparison.only_a),
               "only-B": _rows(comparison.only_b)}
        assert got == expected, (slug(a), slug(b))


def _modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize(
    "args", [["show", "ai-engineer"], ["compare", "ai-engineer", "ml-infrastructure-engineer"],
             ["--version"]],
)
def test_show_compare_and_version_load_no_rdflib(index: RoleIndex, args: list[str]) -> None:
    code = ("from airoles_kg.cli import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit as done:\n    assert done.code == 0\n")
    loaded = _modules_after(code)
    heavy = {m for m in loaded if m.split(".")[0] in ("rdflib", "pyoxigraph", "pyshacl")}
    assert heavy == set()
    if args == ["--version"]:
        assert not {m for m in loaded if m.startswith("airoles_kg.") and
                    m.split(".")[1] not in ("cli", "errors", "paths", "text")}


def test_the_version_read_plainly_is_tomllibs() -> None:
    import tomllib

    from airoles_kg.paths import data_dir, project_version

    with (data_dir() / "pyproject.toml").open("rb") as handle:
        assert project_version() == tomllib.load(handle)["project"]["version"]


@pytest.mark.parametrize("command", [["show", "Ingénieur IA"],
                                     ["compare", "ai-engineer", "ml-infrastructure-engineer"]])
def test_the_cli_answers_alike_with_and_without_data(command: list[str]) -> None:
    from click.testing import CliRunner

    from airoles_kg.cli import main

    steward = Path(__file__).parent / "fixtures" / "steward" / "valid-role.ttl"
    fast = CliRunner().invoke(main, command)
    graph = CliRunner().invoke(main, [*command, "--data", str(steward)])
    assert fast.exit_code == graph.exit_code == 0
    assert fast.stdout == graph.stdout
