"""The exit-code contract: an OSError is exit 1 or 2 with one line naming the path, never 3;
Ctrl-C is 130; a closed or broken standard output is one line; --help documents it all."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from airoles_kg.cli import EXIT_ERROR, EXIT_INPUT, exit_code, main
from airoles_kg.cli.app import EXIT_INTERRUPTED
from airoles_kg.errors import os_error_message
from processes import CLI, sigint_as_in_a_terminal

TTL = "@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\n"


@pytest.mark.parametrize(
    ("code", "expected"),
    [(errno.EROFS, EXIT_INPUT), (errno.EACCES, EXIT_INPUT), (errno.ENOTDIR, EXIT_INPUT),
     (errno.ELOOP, EXIT_INPUT), (errno.ENOENT, EXIT_INPUT), (errno.EISDIR, EXIT_INPUT),
     (errno.ENOSPC, EXIT_ERROR), (errno.EDQUOT, EXIT_ERROR), (errno.EIO, EXIT_ERROR),
     (errno.EPIPE, EXIT_ERROR)],
)
def test_os_errors_map_to_1_or_2(code: int, expected: int) -> None:
    error = OSError(code, os.strerror(code), "some/path")
    assert exit_code(error) == expected
    message = os_error_message(error)
    assert message.startswith("some/path: ") and "\n" not in message


@pytest.mark.parametrize(
    ("error", "code", "said"),
    [(OSError(errno.EROFS, "Read-only file system", "out/x.md"), 2,
      "out/x.md: read-only file system"),
     (OSError(errno.ENOSPC, "No space left on device", "build/airoles.nt"), 1,
      "build/airoles.nt: no space left"),
     (NotADirectoryError(errno.ENOTDIR, "Not a directory", "notes/x"), 2,
      "notes/x: a file stands where a folder should be"),
     (KeyboardInterrupt(), 130, "interrupted")],
)
def test_errors_raised_inside_a_command_follow_the_contract(
    monkeypatch: pytest.MonkeyPatch, error: BaseException, code: int, said: str
) -> None:
    """The command's work raises the error (as the system would); the group maps it."""
    from airoles_kg.catalogue import files

    def fail(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(files, "list_queries", fail)
    result = CliRunner().invoke(main, ["queries"])
    assert result.exit_code == code, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert said in result.stderr and "Traceback" not in result.stderr
    assert "internal error" not in result.stderr


def test_help_documents_the_codes() -> None:
    text = CliRunner().invoke(main, ["--help"]).stdout
    for word in ("130", "full disk", "read-only", "AIROLES_MAX_DECOMPRESSED"):
        assert word in " ".join(text.split()), word
    assert EXIT_INTERRUPTED == 130


def test_readme_documents_the_codes() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Exit codes"):readme.index("## Python API")]
    for word in ("| 130 |", "no space left", "read-only", "AIROLES_MAX_DECOMPRESSED",
                 "broken pipe", "symbolic link loop"):
        assert word in section, word


def test_a_closed_stdout_is_one_line_exit_2() -> None:
    done = subprocess.run([*CLI, "queries"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False, timeout=300,
                          preexec_fn=lambda: os.close(1))  # noqa: PLW1509 - before exec
    assert done.returncode == 2, done.stderr
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "standard output is closed" in lines[0]


def test_a_reader_that_stopped_is_one_line_exit_1() -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([*CLI, "queries"], stdout=write, stderr=subprocess.PIPE,
                              check=False, timeout=300)
    finally:
        os.close(write)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.decode().strip().splitlines()
    assert lines == ["error: standard output: broken pipe (the reader stopped reading)"]


def test_a_file_where_a_folder_should_be_is_exit_2_in_a_subprocess(tmp_path: Path) -> None:
    """``notes/x.ttl`` where ``notes`` is a file: one line naming the path, exit 2, never 3."""
    notes = tmp_path / "notes"
    notes.write_text("a file\n")
    for command in (["stats", "--data", str(notes / "x.ttl")], ["fmt", str(notes / "x.ttl")],
                    ["build", "--out", str(notes / "build")]):
        done = subprocess.run([*CLI, *command], capture_output=True, text=True, check=False,
                              timeout=600)
        assert done.returncode == 2, done.stderr
        assert done.stderr.strip().splitlines() == [
            f"error: {notes / 'x.ttl' if command[0] != 'build' else notes}: "
            "a file stands where a folder should be"], done.stderr


def test_sigint_is_130_with_one_line(tmp_path: Path) -> None:
    big = tmp_path / "big.nt"
    big.write_text("".join(f'<http://e/s{i}> <http://e/p> "v{i}" .\n' for i in range(300000)),
                   encoding="utf-8")
    process = subprocess.Popen(
        [*CLI, "query", "statistics", "--backend", "rdflib", "--data", str(big)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=sigint_as_in_a_terminal)  # noqa: PLW1509
    time.sleep(6)  # past the imports, into the work
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=300)
    if process.returncode == 0:
        pytest.fail("the query finished before the signal: make the input larger")
    assert process.returncode == 130, err
    assert err.decode().strip() == "interrupted"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.nt"]
