"""The command line, in process: output and the exit-code contract (0 ok, 1 non-conformant or
failed check, 2 bad input or usage, 3 internal error), never a traceback."""

from __future__ import annotations

import csv
import importlib
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph

from airoles_kg.cli import main
from airoles_kg.kg.load import load_graph
from airoles_kg.namespaces import SH
from airoles_kg.paths import project_version
from airoles_kg.pipeline.build import ARTIFACTS

build_module = importlib.import_module("airoles_kg.pipeline.build")
roles_module = importlib.import_module("airoles_kg.roles.summary")

STEWARD = Path(__file__).parent / "fixtures" / "steward"
INVALID = str(STEWARD / "invalid-role.ttl")
VALID = str(STEWARD / "valid-role.ttl")


def run(runner: CliRunner, *args: str, code: int) -> Result:
    result = runner.invoke(main, list(args))
    detail = f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.exit_code == code, detail
    assert "Traceback" not in result.stdout + result.stderr, detail
    if code in (1, 2, 3) and result.stderr:
        assert len(result.stderr.strip().splitlines()) == 1, "errors are one line"
    return result


# --- help, version, usage -----------------------------------------------------------------------


def test_version(runner: CliRunner) -> None:
    out = run(runner, "--version", code=0).stdout.strip()
    assert out == f"airoles-kg, version {project_version()}"


def test_help_on_every_command(runner: CliRunner) -> None:
    assert "Exit codes" in run(runner, "--help", code=0).stdout
    for name in sorted(main.commands):
        assert "Usage:" in run(runner, name, "--help", code=0).stdout, name


@pytest.mark.parametrize(
    "args",
    [["no-such-command"], ["show"], ["compare", "ai-engineer"], ["validate", "--format", "yaml"],
     ["query", "statistics", "--param", "oops"], ["build", "--bogus"]],
    ids=lambda a: " ".join(a),
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


# --- validate -----------------------------------------------------------------------------------


def test_validate_the_knowledge_graph(runner: CliRunner) -> None:
    result = run(runner, "validate", code=0)
    assert result.stdout.splitlines()[-1].startswith("conforms: 0 violations")


def test_validate_an_invalid_steward_file_exits_1(runner: CliRunner) -> None:
    result = run(runner, "validate", INVALID, code=1)
    out = result.stdout
    assert "<https://example.org/steward/prompt-librarian>" in out
    assert "<https://example.org/steward/prompt-librarian--python>" in out
    assert "air:proficiencyLevel" in out
    assert out.splitlines()[-1].startswith("does not conform: 2 violations")
    assert result.stderr.startswith("error: validation failed: does not conform")


def test_validate_json_and_turtle_reports(runner: CliRunner) -> None:
    document = json.loads(run(runner, "validate", INVALID, "--format", "json", code=1).stdout)
    assert document["conforms"] is False
    assert document["summary"]["violations"] == 2
    text = run(runner, "validate", VALID, "--format", "turtle", code=0).stdout
    report = Graph().parse(data=text, format="turtle")
    assert (None, SH.conforms, None) in report


def test_validate_a_turtle_syntax_error_names_file_and_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix air: <https://w3id.org/airoles/ontology#> .\n\n"
        "<https://example.org/r> a air:Role\n<https://example.org/s> a air:Role .\n",
        encoding="utf-8",
    )
    result = run(runner, "validate", str(broken), code=2)
    assert result.stderr.startswith(f"error: {broken}:4: ")
    assert result.stdout == ""


def test_validate_a_missing_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "validate", str(tmp_path / "nowhere.ttl"), code=2)
    assert "no such file" in result.stderr


def test_validate_an_unknown_engine_exits_2(runner: CliRunner) -> None:
    assert "unknown validation engine" in run(
        runner, "validate", "--engine", "nope", code=2
    ).stderr


def test_validate_with_other_shapes(runner: CliRunner, tmp_path: Path) -> None:
    shapes = tmp_path / "mine.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix air: <https://w3id.org/airoles/ontology#> .\n"
        "<https://example.org/NoFamily> a sh:PropertyShape ; sh:targetClass air:Role ;\n"
        '  sh:maxCount 0 ; sh:path air:family ; sh:message "No family."@en .\n',
        encoding="utf-8",
    )
    result = run(runner, "validate", "--shapes", str(shapes), "--engine", "pyshacl", code=1)
    assert "No family." in result.stdout


def test_validate_with_broken_shapes_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    shapes = tmp_path / "broken-shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix air: <https://w3id.org/airoles/ontology#> .\n"
        "<https://example.org/S> a sh:NodeShape ; sh:targetClass air:Role ; sh:path air:family .\n",
        encoding="utf-8",
    )
    result = run(runner, "validate", "--shapes", str(shapes), "--engine", "pyshacl", code=2)
    assert result.stderr.startswith("error: the shapes cannot be used: ")


# --- build --------------------------------------------------------------------------------------


def test_build_writes_four_files(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(runner, "build", "--out", str(out), code=0)
    assert sorted(p.name for p in out.iterdir()) == sorted(ARTIFACTS)
    assert result.stdout.count("wrote ") == 4


def test_build_refuses_non_conformant_data(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_module, "load_graph", lambda extra=None: load_graph([INVALID]))
    out = tmp_path / "out"
    result = run(runner, "build", "--out", str(out), code=1)
    assert result.stderr.startswith("error: the graph does not conform, nothing written")
    assert not out.exists()


# --- queries ------------------------------------------------------------------------------------


def test_queries_lists_the_catalogue(runner: CliRunner) -> None:
    out = run(runner, "queries", code=0).stdout
    assert "compare-roles" in out and "statistics" in out
    assert "--param roleA=<iri>  (required)" in out


def test_query_with_role_names_as_parameters(runner: CliRunner) -> None:
    out = run(runner, "query", "compare-roles", "--param", "roleA=ml-infrastructure-engineer",
              "--param", "roleB=Ingénieur IA", code=0).stdout
    assert out.splitlines()[0].split()[:2] == ["competency", "competencyLabel"]
    assert "only-A" in out and "only-B" in out


def test_query_takes_competency_names(runner: CliRunner) -> None:
    out = run(runner, "query", "roles-requiring-competency", "-p", "competency=Python",
              "--format", "csv", code=0).stdout
    assert "https://w3id.org/airoles/role/ai-engineer" in out


@pytest.mark.parametrize("backend", ["oxigraph", "rdflib"])
def test_query_formats(runner: CliRunner, backend: str) -> None:
    args = ["query", "compare-roles", "-p", "roleA=role:ai-engineer", "-p",
            "roleB=ml-infrastructure-engineer", "--backend", backend]
    document = json.loads(run(runner, *args, "--format", "json", code=0).stdout)
    assert document["head"]["vars"][0] == "competency"
    rows = list(csv.reader(io.StringIO(run(runner, *args, "--format", "csv", code=0).stdout)))
    assert rows[0][0] == "competency" and len(rows) == len(document["results"]["bindings"]) + 1
    tsv = run(runner, *args, "--format", "tsv", code=0).stdout
    assert tsv.startswith("?competency\t")


def test_query_from_a_file(runner: CliRunner, tmp_path: Path) -> None:
    query = tmp_path / "count.rq"
    query.write_text(
        "#+ name: count-roles\n#+ description: Count roles.\n"
        "PREFIX air: <https://w3id.org/airoles/ontology#>\n"
        "SELECT (COUNT(?r) AS ?n) WHERE { ?r a air:Role }\n",
        encoding="utf-8",
    )
    out = run(runner, "query", str(query), "--format", "csv", code=0).stdout
    assert out.splitlines()[0] == "n" and int(out.splitlines()[1]) >= 20


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "no-such-query"], "unknown query"),
        (["query", "compare-roles", "-p", "roleA=ai-engineer"], "missing required parameter"),
        (["query", "compare-roles", "-p", "roleA=ai-engineer", "-p", "roleB=ai-enginer"],
         "did you mean"),
        (["query", "statistics", "-p", "nope=1"], "unknown parameter"),
    ],
    ids=["unknown query", "missing parameter", "unknown role", "unknown parameter"],
)
def test_query_input_errors_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    assert message in run(runner, *args, code=2).stderr


def test_a_broken_query_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    query = tmp_path / "broken.rq"
    query.write_text("SELECT ?x WHERE { ?x ?y }\n", encoding="utf-8")
    assert str(query) in run(runner, "query", str(query), code=2).stderr


# --- roles, show, compare, stats ----------------------------------------------------------------


def test_roles(runner: CliRunner) -> None:
    out = run(runner, "roles", code=0).stdout
    for slug in ("ai-engineer", "ml-infrastructure-engineer", "knowledge-architect"):
        assert f"\n{slug} " in out


def test_show_by_slug_and_by_french_label_agree(runner: CliRunner) -> None:
    by_slug = run(runner, "show", "ai-engineer", code=0).stdout
    assert by_slug == run(runner, "show", "ingénieur ia", code=0).stdout
    assert "requirements (" in by_slug and "Ingénieur IA" in by_slug


def test_show_an_unknown_role_suggests(runner: CliRunner) -> None:
    result = run(runner, "show", "ai enginer", code=2)
    assert result.stderr.startswith("error: unknown role 'ai enginer'; did you mean: ")
    assert "ai-engineer" in result.stderr


def test_show_with_steward_data(runner: CliRunner) -> None:
    out = run(runner, "show", "Bibliothécaire de prompts", "--data", VALID, code=0).stdout
    assert out.startswith("Prompt librarian  <https://example.org/steward/prompt-librarian>")


def test_compare(runner: CliRunner) -> None:
    out = run(runner, "compare", "ai-engineer", "ml-infrastructure-engineer", code=0).stdout
    assert out.startswith("A: AI engineer (ai-engineer)\nB: ")
    assert "Shared (" in out and "Only A (" in out and "Only B (" in out


def test_compare_an_unknown_role_exits_2(runner: CliRunner) -> None:
    assert "did you mean" in run(runner, "compare", "ai-engineer", "ux desginer", code=2).stderr


def test_stats(runner: CliRunner) -> None:
    out = run(runner, "stats", code=0).stdout
    counts = {line.rsplit(None, 1)[0]: line.rsplit(None, 1)[1] for line in out.splitlines()[2:]}
    assert int(counts["roles"]) >= 20
    assert int(next(v for k, v in counts.items() if k.startswith("AI roles"))) >= 8
    assert int(counts["competencies"]) >= 80
    assert int(counts["triples"]) == len(load_graph())


# --- fmt ----------------------------------------------------------------------------------------

CANONICAL = "@prefix air: <https://w3id.org/airoles/ontology#> .\n\n# a comment\nair:X a air:Y .\n"


def test_fmt_check_accepts_a_canonical_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ok.ttl"
    path.write_text(CANONICAL, encoding="utf-8")
    assert "1 of 1 files canonical" in run(runner, "fmt", "--check", str(path), code=0).stdout


def test_fmt_check_rejects_then_fmt_fixes(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "messy.ttl"
    messy = CANONICAL.replace("comment\n", "comment   \r\n") + "\n\n\n"
    path.write_bytes(messy.encode())
    result = run(runner, "fmt", "--check", str(path), code=1)
    assert f"would reformat {path}" in result.stdout
    assert path.read_bytes() == messy.encode(), "--check changes nothing"
    run(runner, "fmt", str(path), code=0)
    assert path.read_text(encoding="utf-8") == CANONICAL
    run(runner, "fmt", "--check", str(path), code=0)


def test_fmt_rejects_a_prefix_bound_elsewhere(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "prefix.ttl"
    path.write_text("@prefix air: <http://example.org/air#> .\nair:X a air:Y .\n", encoding="utf-8")
    assert "prefix air:" in run(runner, "fmt", "--check", str(path), code=2).stderr


def test_fmt_on_a_broken_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("@prefix air: <https://w3id.org/airoles/ontology#> .\nair:X a\n",
                    encoding="utf-8")
    assert f"{path}:2: " in run(runner, "fmt", "--check", str(path), code=2).stderr


def test_fmt_check_on_the_sources(runner: CliRunner) -> None:
    run(runner, "fmt", "--check", code=0)


# --- the error contract -------------------------------------------------------------------------


def test_an_unexpected_exception_is_one_line_exit_3(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(graph: Graph) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(roles_module, "list_roles", boom)
    result = run(runner, "roles", code=3)
    assert result.stderr.startswith("internal error: RuntimeError: boom second line")


def test_debug_mode_lets_the_exception_through(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(graph: Graph) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(roles_module, "list_roles", boom)
    monkeypatch.setenv("AIROLES_DEBUG", "1")
    result = runner.invoke(main, ["roles"])
    assert isinstance(result.exception, RuntimeError)
