"""The ``airoles-kg`` script as a user's shell runs it (``python -m airoles_kg``, a real
process): ``--version`` before the command line is loaded, and the commands whose process ends
without the interpreter's teardown (``QUICK_EXIT``) still flush all they write, keep their exit
codes, leave their files whole and leave a persistent store as usual; and a Ctrl-C that
comes once a command is done changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from airoles_kg.__main__ import QUICK_EXIT
from airoles_kg.paths import version_line
from processes import sigint_as_in_a_terminal

FIXTURES = Path(__file__).resolve().parent / "fixtures"
INVALID = FIXTURES / "steward" / "invalid-role.ttl"
VALID = FIXTURES / "steward" / "valid-role.ttl"


def _script(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "airoles_kg", *args], capture_output=True,
                          text=True, check=False, timeout=600, cwd=cwd,
                          env={**os.environ, "AIROLES_DEBUG": ""})


@pytest.mark.parametrize("command", ["validate", "query"])
def test_validate_and_query_end_without_the_teardown(command: str) -> None:
    assert command in QUICK_EXIT  # the cases below run the quick way


def test_version_is_answered_alone() -> None:
    done = _script("--version")
    assert (done.returncode, done.stdout.strip()) == (0, version_line())


def test_a_validation_that_finds_violations_exits_1_with_its_whole_report() -> None:
    done = _script("validate", str(INVALID), "--format", "json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)  # the whole document reached the pipe
    assert report["conforms"] is False and report["results"]
    assert "does not conform" in done.stderr


def test_a_conformant_validation_exits_0() -> None:
    done = _script("validate", str(VALID))
    assert done.returncode == 0, done.stderr


def test_a_validation_report_written_to_a_file_is_whole(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    done = _script("validate", str(INVALID), "--format", "json", "--out", str(out))
    assert done.returncode == 1, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["conforms"] is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary left


def test_bad_input_to_a_quick_command_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = _script("validate", str(tmp_path / "missing.ttl"))
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "missing.ttl" in done.stderr
    done = _script("query", "no-such-query")
    assert done.returncode == 2 and "unknown query 'no-such-query'" in done.stderr


def test_a_query_answer_reaches_the_pipe_whole() -> None:
    done = _script("query", "statistics", "--format", "json")
    assert done.returncode == 0, done.stderr
    metrics = {b["metric"]["value"] for b in json.loads(done.stdout)["results"]["bindings"]}
    assert {"roles", "competencies"} <= metrics


@pytest.mark.parametrize("form", [("--store", "{dir}"), ("--store={dir}",)])
def test_a_query_on_a_persistent_store_leaves_it_current(tmp_path: Path,
                                                        form: tuple[str, ...]) -> None:
    store = tmp_path / "store"
    argv = [part.format(dir=store) for part in form]
    first = _script("query", "statistics", "--format", "csv", *argv)
    assert first.returncode == 0, first.stderr
    record = store / "airoles-kg-store.json"
    written = record.stat().st_mtime_ns
    again = _script("query", "statistics", "--format", "csv", *argv)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    assert record.stat().st_mtime_ns == written  # opened as it was left: not loaded again


@pytest.mark.parametrize(("args", "code"), [(["show", "ai-engineer"], 0),
                                            (["validate", str(INVALID)], 1)])
def test_ctrl_c_after_the_command_is_done_changes_nothing(args: list[str], code: int) -> None:
    """A Ctrl-C that comes when the command is done (here from the last exit handler; in life,
    in the interpreter's teardown, where it would kill the process with no word) is ignored:
    the command's exit code stands and nothing more is printed."""
    def run(kill: bool) -> subprocess.CompletedProcess[str]:
        program = ("import atexit, os, signal, sys\n"
                   f"if {kill}: atexit.register(lambda: os.kill(os.getpid(), signal.SIGINT))\n"
                   f"sys.argv = ['airoles-kg', *{args!r}]\n"
                   "from airoles_kg.__main__ import run\n"
                   "run()\n")
        return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                              check=False, timeout=600, env={**os.environ, "AIROLES_DEBUG": ""},
                              preexec_fn=sigint_as_in_a_terminal)  # noqa: PLW1509

    done, undisturbed = run(kill=True), run(kill=False)
    assert done.returncode == undisturbed.returncode == code, done.stderr
    assert (done.stdout, done.stderr) == (undisturbed.stdout, undisturbed.stderr)
    assert done.stdout  # the command said something, and all of it is there
