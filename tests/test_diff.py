"""The changelog between two graphs: computed on the graphs, blank nodes matched by shape."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from rdflib import Literal

from airoles_kg.cli import main
from airoles_kg.kg.load import load_graph
from airoles_kg.namespaces import AIR, COMP, REQ, ROLE, SKOS
from airoles_kg.pipeline.diff import (
    LabelChange,
    RequirementChange,
    diff_files,
    diff_graphs,
    render_json,
    render_markdown,
)
from airoles_kg.rdf.parse import parse_file
from airoles_kg.rdf.serialize import to_turtle

FIXTURES = Path(__file__).parent / "fixtures" / "diff"
OLD, NEW = FIXTURES / "old.ttl", FIXTURES / "new.ttl"


def test_entities_added_and_removed() -> None:
    diff = diff_files(OLD, NEW)
    assert diff.roles_added == [str(ROLE["fixture-new"])]
    assert diff.roles_removed == [str(ROLE["fixture-gone"])]
    assert diff.competencies_added == [str(COMP["docker"])]
    assert diff.competencies_removed == []
    assert diff.requirements_added == [str(REQ["fixture-new--docker"])]
    assert diff.requirements_removed == [str(REQ["fixture-kept--sql"])]


def test_requirement_level_and_importance_changes() -> None:
    diff = diff_files(OLD, NEW)
    python = str(REQ["fixture-kept--python"])
    assert diff.requirements_changed == [
        RequirementChange(python, str(AIR.proficiencyLevel), str(AIR.Competent), str(AIR.Expert)),
        RequirementChange(python, str(AIR.importance), str(AIR.Optional), str(AIR.Essential)),
    ]


def test_label_changes() -> None:
    diff = diff_files(OLD, NEW)
    kept = str(ROLE["fixture-kept"])
    assert diff.labels == [
        LabelChange(kept, str(SKOS.altLabel), "en", "", "Kept role"),
        LabelChange(kept, str(SKOS.prefLabel), "en", "Fixture kept role", "Fixture role, renamed"),
    ]
    assert [c.kind for c in diff.labels] == ["added", "changed"]


def test_other_axioms_and_blank_nodes() -> None:
    diff = diff_files(OLD, NEW)
    # The restriction is a blank node written two different ways: not a change.
    assert not any("_:" in line for line in diff.axioms_added + diff.axioms_removed)
    assert diff.axioms_added == [
        f"<{ROLE['fixture-kept']}> <{AIR.evolvedFrom}> <{ROLE['fixture-new']}> ."]
    assert diff.axioms_removed == [
        f"<{ROLE['fixture-kept']}> <{AIR.hasRequirement}> <{REQ['fixture-kept--sql']}> ."]


def test_a_graph_against_its_own_reserialisation_has_no_change(tmp_path: Path) -> None:
    graph = load_graph()
    copy = tmp_path / "copy.ttl"
    copy.write_bytes(to_turtle(graph))
    diff = diff_graphs(graph, parse_file(copy))
    assert diff.empty
    assert "No change: the two graphs are isomorphic." in render_markdown(diff)


def test_a_label_edit_in_our_graph_is_reported() -> None:
    old = load_graph()
    new = load_graph()
    role = ROLE["ai-engineer"]
    new.remove((role, SKOS.prefLabel, Literal("AI engineer", lang="en")))
    new.add((role, SKOS.prefLabel, Literal("AI solutions engineer", lang="en")))
    diff = diff_graphs(old, new)
    assert [(c.kind, c.old, c.new) for c in diff.labels] == [
        ("changed", "AI engineer", "AI solutions engineer")]
    assert diff.axioms_added == diff.axioms_removed == []


def test_markdown_and_json_renderings() -> None:
    diff = diff_files(OLD, NEW)
    markdown = render_markdown(diff)
    assert "- added: `role:fixture-new`" in markdown
    assert ("- changed: `req:fixture-kept--python` air:proficiencyLevel: `air:Competent` → "
            "`air:Expert`") in markdown
    assert "## Axioms added (1)" in markdown
    payload = json.loads(render_json(diff))
    assert payload["roles"] == {"added": [str(ROLE["fixture-new"])],
                                "removed": [str(ROLE["fixture-gone"])]}
    assert payload["summary"]["requirements changed"] == 2
    assert payload["labels"][1]["kind"] == "changed"


def test_cli_diff_writes_the_changelog(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "CHANGES.json"
    result = runner.invoke(main, ["diff", str(OLD), str(NEW), "--format", "json", "--out",
                                  str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["competencies"]["added"] == [
        str(COMP["docker"])]
    shown = runner.invoke(main, ["diff", str(OLD), str(NEW)])
    assert shown.exit_code == 0
    assert shown.stdout.startswith("# Changes from ")


def test_cli_diff_accepts_release_folders(runner: CliRunner, tmp_path: Path) -> None:
    for name, source in (("0.1.0", OLD), ("0.2.0", NEW)):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "airoles-base.nt").write_bytes(
            parse_file(source).serialize(format="nt", encoding="utf-8"))
    result = runner.invoke(main, ["diff", str(tmp_path / "0.1.0"), str(tmp_path / "0.2.0")])
    assert result.exit_code == 0, result.output
    assert "- removed: `role:fixture-gone`" in result.stdout


def test_cli_diff_bad_input_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["diff", str(OLD), str(tmp_path)])
    assert result.exit_code == 2
    assert "must hold airoles-base.nt" in result.stderr
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    result = runner.invoke(main, ["diff", str(OLD), str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}:")
