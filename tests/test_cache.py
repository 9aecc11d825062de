"""The cache of the loaded graph (``kg/cache.py``): fresh when the sources change, safe when
processes fill it at once or an entry is damaged; and the lazy command line it serves."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from rdflib import Literal

from airoles_kg.catalogue import files as catalogue_files
from airoles_kg.cli import COMMANDS, main
from airoles_kg.kg import load
from airoles_kg.kg.cache import CACHE_ENV
from airoles_kg.namespaces import ROLE, SKOS
from airoles_kg.paths import ontology_dir, queries_dir

__all__: list[str] = []

LABEL = Literal("AI engineer", lang="en")


@pytest.fixture
def sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of ``ontology/`` the graph is loaded from, with a cache folder of its own."""
    folder = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), folder)
    monkeypatch.setattr(load, "ontology_dir", lambda: folder)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return folder


def _edit_label(folder: Path, new: str, old: str = "AI engineer") -> None:
    """Rename the AI engineer in place, keeping the file's size and modification time."""
    path = folder / "roles.ttl"
    text = path.read_text(encoding="utf-8")
    assert len(new) == len(old) and f'"{old}"@en' in text
    stat = path.stat()
    path.write_text(text.replace(f'"{old}"@en', f'"{new}"@en', 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_the_cached_graph_is_the_parsed_graph(sources: Path, tmp_path: Path) -> None:
    built = load.load_graph()
    assert sorted((tmp_path / "cache").iterdir())  # filled
    again = load.load_graph()
    assert set(again) == set(built) and len(again) == len(built)
    assert dict(again.namespaces()) == dict(built.namespaces())
    again.remove((ROLE["ai-engineer"], None, None))  # a copy: the next caller gets it whole
    assert (ROLE["ai-engineer"], SKOS.prefLabel, LABEL) in load.load_graph()


def test_a_changed_source_is_seen_even_with_the_same_size_and_time(sources: Path) -> None:
    assert (ROLE["ai-engineer"], SKOS.prefLabel, LABEL) in load.load_graph()
    nt = load.load_ntriples()
    _edit_label(sources, "AI engineeR")
    graph = load.load_graph()
    assert (ROLE["ai-engineer"], SKOS.prefLabel, LABEL) not in graph
    assert (ROLE["ai-engineer"], SKOS.prefLabel, Literal("AI engineeR", lang="en")) in graph
    assert b'"AI engineeR"@en' in load.load_ntriples() and b'"AI engineeR"@en' not in nt
    _edit_label(sources, "AI engineer", "AI engineeR")
    assert (ROLE["ai-engineer"], SKOS.prefLabel, LABEL) in load.load_graph()


def test_stale_entries_are_removed(sources: Path, tmp_path: Path) -> None:
    load.load_graph()
    before = {p.name for p in (tmp_path / "cache").iterdir()}
    _edit_label(sources, "AI engineeR")
    load.load_graph()
    after = {p.name for p in (tmp_path / "cache").iterdir()}
    assert len(after) == len(before) and not before & after


def test_a_damaged_entry_is_built_again(sources: Path, tmp_path: Path) -> None:
    expected = len(load.load_graph())
    for entry in (tmp_path / "cache").iterdir():
        entry.write_bytes(entry.read_bytes()[:100])
    assert len(load.load_graph()) == expected


def test_no_cache_when_turned_off(sources: Path, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    assert (ROLE["ai-engineer"], SKOS.prefLabel, LABEL) in load.load_graph()
    assert not (tmp_path / "cache").exists()


def test_processes_filling_the_cache_at_once_agree(tmp_path: Path) -> None:
    code = "from airoles_kg.kg.load import load_graph; print(len(load_graph()))"
    env = {**os.environ, CACHE_ENV: str(tmp_path / "cache")}
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                              text=True) for _ in range(4)]
    counts = {proc.communicate(timeout=120)[0].strip() for proc in procs}
    assert all(proc.returncode == 0 for proc in procs)
    assert counts == {str(len(load.load_graph()))}
    names = [p.name for p in (tmp_path / "cache").iterdir()]
    assert names and not [n for n in names if n.startswith(".")]  # no temporary file left


def test_every_catalogue_query_parses_with_rdflib_and_oxigraph() -> None:
    # A run reuses the verdict of the last check of the same file; the check itself is here.
    paths = sorted(queries_dir().glob("*.rq")) + sorted((queries_dir() / "checks").glob("*.rq"))
    assert paths
    for path in paths:
        form = catalogue_files._parse_sparql(path.read_text(encoding="utf-8"), path)
        assert form == catalogue_files.load_query(path).form


def test_the_command_table_agrees_with_the_commands() -> None:
    for name, (target, short_help) in COMMANDS.items():
        command = main.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None and command.name == name, target
        for limit in (45, 200):
            stand_in = click.Command(name, help=short_help)
            assert stand_in.get_short_help_str(limit) == command.get_short_help_str(limit)


def test_help_lists_every_command_and_imports_none(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom airoles_kg.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('rdflib', 'pyshacl', 'owlready2',"
        " 'airoles_kg.cli.')) and not m.endswith(('.app', '.cli'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    commands = out.split("Commands:")[1].splitlines()
    listed = {line.split()[0] for line in commands if line.strip() and line.startswith("  ")}
    assert listed >= set(COMMANDS)
    assert out.strip().splitlines()[-1] == "[]"  # no command module, no rdflib


def test_the_cached_shapes_are_the_parsed_shapes(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    built = load.load_shapes()
    again = load.load_shapes()
    assert len(again) == len(built) and dict(again.namespaces()) == dict(built.namespaces())
    assert set(again) - set(built) == set()  # blank nodes keep their ids in the copy
