"""Faults and hostile paths on the write side: links, devices, FIFOs, full and read-only file
systems, killed builds and releases, files that are not what their name says, huge inputs.

The full disk and the read-only folder are real when the machine lets root mount (a 64 KiB
tmpfs, a read-only bind mount); elsewhere the fixture says so and stands in by making the
system call raise the errno the kernel would (see :func:`tiny_fs` and :func:`read_only`).
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from airoles_kg import atomic
from airoles_kg.atomic import atomic_file_set, atomic_write_text, clean_leftovers
from airoles_kg.cli import main
from airoles_kg.pipeline.build import ARTIFACTS
from processes import CLI, sigint_as_in_a_terminal

STEWARD = Path(__file__).parent / "fixtures" / "steward"
VALID = STEWARD / "valid-role.ttl"
PREFIXES = ("@prefix ex: <http://example.org/> .\n"
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n")


def cli(*args: str, code: int, env: dict[str, str] | None = None) -> Result:
    """Run the command line in process; check the exit code, one line on error, no traceback."""
    result = CliRunner().invoke(main, list(args), env=env)
    detail = f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.exit_code == code, detail
    assert "Traceback" not in result.stdout + result.stderr, detail
    if code != 0:
        assert len(result.stderr.strip().splitlines()) == 1, detail
    return result


def ours(folder: Path) -> list[str]:
    """The temporary files and staging folders of our writers in ``folder``."""
    return sorted(p.name for p in folder.iterdir()
                  if p.name.endswith((".airoles-tmp", ".airoles-staging", ".tmp")))


@pytest.fixture
def two_files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.ttl", tmp_path / "new.ttl"
    old.write_text(PREFIXES + "ex:a ex:p ex:b .\n", encoding="utf-8")
    new.write_text(PREFIXES + "ex:a ex:p ex:c .\n", encoding="utf-8")
    return old, new


# --- writing through links, devices and FIFOs ---------------------------------------------------


def test_out_onto_a_symlink_replaces_its_target_and_keeps_the_link(
    tmp_path: Path, two_files: tuple[Path, Path]
) -> None:
    real = tmp_path / "elsewhere" / "changes.md"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    cli("diff", *map(str, two_files), "--out", str(link), code=0)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "ex:c" in real.read_text() or "example.org/c" in real.read_text()
    assert ours(real.parent) == [] and ours(tmp_path) == []


def test_a_dangling_link_gets_its_target_written(
    tmp_path: Path, two_files: tuple[Path, Path]
) -> None:
    link = tmp_path / "link.md"
    link.symlink_to("target.md")
    cli("diff", *map(str, two_files), "--out", str(link), code=0)
    assert link.is_symlink() and (tmp_path / "target.md").is_file()


def test_a_link_loop_as_out_is_one_line_exit_2(
    tmp_path: Path, two_files: tuple[Path, Path]
) -> None:
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    result = cli("diff", *map(str, two_files), "--out", str(tmp_path / "a.md"), code=2)
    assert "a.md" in result.stderr and "loop" in result.stderr


def test_out_dev_null_is_written_to_never_replaced(two_files: tuple[Path, Path]) -> None:
    before = os.stat("/dev/null")
    cli("diff", *map(str, two_files), "--out", "/dev/null", code=0)
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert after.st_ino == before.st_ino


def test_out_a_fifo_streams_into_it(tmp_path: Path, two_files: tuple[Path, Path]) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    cli("diff", *map(str, two_files), "--out", str(fifo), code=0)
    reader.join(timeout=30)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert b"example.org/c" in received[0] or b"ex:c" in received[0]


def test_out_dev_stdout_in_a_subprocess_goes_to_stdout(
    tmp_path: Path, two_files: tuple[Path, Path]
) -> None:
    done = subprocess.run([*CLI, "diff", *map(str, two_files), "--out", "/dev/stdout"],
                          capture_output=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    assert b"changelog" in done.stdout.lower() or b"example.org" in done.stdout


def test_a_folder_as_out_is_exit_2(tmp_path: Path, two_files: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(main, ["diff", *map(str, two_files), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "is a directory" in result.stderr  # click's usage error


def test_a_file_where_a_folder_should_be_is_exit_2(
    tmp_path: Path, two_files: tuple[Path, Path]
) -> None:
    blocker = tmp_path / "notes"
    blocker.write_text("a file\n")
    result = cli("diff", *map(str, two_files), "--out", str(blocker / "changes.md"), code=2)
    assert "notes" in result.stderr and "folder" in result.stderr
    result = cli("build", "--out", str(blocker / "build"), code=2)
    assert "notes" in result.stderr


# --- fmt: mode, owner, links, only Turtle ---------------------------------------------------------

UNFORMATTED = PREFIXES + "ex:b ex:q 2 ; a ex:C ;ex:p 1 .\n"


def test_fmt_keeps_mode_and_owner(tmp_path: Path) -> None:
    path = tmp_path / "private.ttl"
    path.write_text(UNFORMATTED, encoding="utf-8")
    path.chmod(0o600)
    other = 4242
    if os.geteuid() == 0:  # only root may give a file away; CI runs as root
        os.chown(path, other, other)
    cli("fmt", str(path), code=0)
    info = path.stat()
    assert stat.S_IMODE(info.st_mode) == 0o600
    if os.geteuid() == 0:
        assert (info.st_uid, info.st_gid) == (other, other)
    assert path.read_text(encoding="utf-8") != UNFORMATTED
    assert ours(tmp_path) == []


def test_fmt_through_a_link_formats_the_target(tmp_path: Path) -> None:
    real = tmp_path / "real.ttl"
    real.write_text(UNFORMATTED, encoding="utf-8")
    link = tmp_path / "link.ttl"
    link.symlink_to(real.name)
    cli("fmt", str(link), code=0)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").count("\n") > UNFORMATTED.count("\n")


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("data.nt", "<http://e/a> <http://e/p> <http://e/b> .\n", "nt by its extension"),
        ("data.ttl.gz", "", "extension"),
        ("data.txt", "x", "not an RDF file"),
        ("xml.ttl", '<?xml version="1.0"?>\n<rdf:RDF/>\n', "RDF/XML"),
        ("json.ttl", '{"@id": "http://e/a"}\n', "JSON-LD"),
    ],
)
def test_fmt_refuses_what_is_not_turtle(tmp_path: Path, name: str, content: str,
                                        said: str) -> None:
    path = tmp_path / name
    if name.endswith(".gz"):
        path.write_bytes(gzip.compress(UNFORMATTED.encode()))
    else:
        path.write_text(content, encoding="utf-8")
    before = path.read_bytes()
    result = cli("fmt", str(path), code=2)
    assert said in result.stderr and name in result.stderr
    assert path.read_bytes() == before


def test_a_byte_order_mark_is_skipped_not_a_bad_subject(tmp_path: Path) -> None:
    path = tmp_path / "bom.ttl"
    path.write_bytes(b"\xef\xbb\xbf" + UNFORMATTED.encode())
    cli("fmt", "--check", str(path), code=1)  # parses: only the form differs
    cli("fmt", str(path), code=0)
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    nt = tmp_path / "bom.nt"
    nt.write_bytes(b"\xef\xbb\xbf<http://e/a> <http://e/p> <http://e/b> .\n")
    cli("query", "statistics", "--data", str(nt), code=0)
    cli("query", "statistics", "--backend", "rdflib", "--data", str(nt), code=0)


# --- rdflib's warnings ----------------------------------------------------------------------------

ILL_TYPED = PREFIXES + 'ex:a ex:count "abc"^^xsd:integer .\n'


@pytest.mark.parametrize("args", [["fmt", "{f}"], ["fmt", "--check", "{f}"],
                                  ["query", "statistics", "--backend", "rdflib", "--data", "{f}"],
                                  ["diff", "{f}", "{f}"]])
def test_an_ill_typed_literal_is_one_warning_line_never_a_traceback(
    tmp_path: Path, args: list[str]
) -> None:
    path = tmp_path / "ill.ttl"
    path.write_text(ILL_TYPED, encoding="utf-8")
    result = CliRunner().invoke(main, [a.format(f=path) for a in args])
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "Failed to convert" not in result.stderr
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("warning:")]
    assert len(warnings) == 1 and "xsd:integer" in warnings[0], result.stderr


def test_ill_typed_literal_in_a_subprocess_has_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "ill.ttl"
    path.write_text(ILL_TYPED, encoding="utf-8")
    done = subprocess.run([*CLI, "fmt", str(path)], capture_output=True, text=True,
                          check=False, timeout=300)
    assert done.returncode == 0
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


# --- inputs that are not files, at scale ------------------------------------------------------


def test_a_fifo_or_a_link_loop_as_data_is_said_as_such(tmp_path: Path) -> None:
    fifo = tmp_path / "data.ttl"
    os.mkfifo(fifo)
    for command in (["validate", str(fifo)], ["query", "statistics", "--data", str(fifo)],
                    ["stats", "--data", str(fifo)], ["report", str(fifo)]):
        result = cli(*command, code=2)
        assert "FIFO" in result.stderr and "no such file" not in result.stderr
    (tmp_path / "a.ttl").symlink_to("b.ttl")
    (tmp_path / "b.ttl").symlink_to("a.ttl")
    for command in (["validate", str(tmp_path / "a.ttl")],
                    ["query", "statistics", "--data", str(tmp_path / "a.ttl")]):
        result = cli(*command, code=2)
        assert "loop" in result.stderr and "no such file" not in result.stderr


def test_a_ten_megabyte_literal_in_ntriples_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.nt"
    path.write_text('<http://e/a> <http://e/p> "' + "x" * (10 << 20) + '" .\n',
                    encoding="utf-8")
    for backend in ("oxigraph", "rdflib"):
        result = cli("query", "statistics", "--backend", backend, "--data", str(path), code=0)
        assert "triples" in result.stdout


def test_a_gzip_past_the_cap_is_refused_with_the_way_to_raise_it(tmp_path: Path) -> None:
    path = tmp_path / "bomb.nt.gz"
    line = b'<http://e/a> <http://e/p> "%d" .\n'
    path.write_bytes(gzip.compress(b"".join(line % i for i in range(20000))))
    env = {"AIROLES_MAX_DECOMPRESSED": "64K"}
    for command in (["validate", str(path)], ["query", "statistics", "--data", str(path)],
                    ["query", "statistics", "--backend", "rdflib", "--data", str(path)],
                    ["diff", str(path), str(path)]):
        result = cli(*command, code=2, env=env)
        assert "AIROLES_MAX_DECOMPRESSED" in result.stderr and path.name in result.stderr
    result = cli("query", "statistics", "--data", str(path), code=0,
                 env={"AIROLES_MAX_DECOMPRESSED": "1G"})
    assert "triples" in result.stdout
    cli("stats", "--data", str(path), code=2, env={"AIROLES_MAX_DECOMPRESSED": "lots"})


# --- full and read-only file systems --------------------------------------------------------------


@contextlib.contextmanager
def _mounted(args: list[str], folder: Path) -> Iterator[bool]:
    """Mount (``args``) onto ``folder``; yield whether it worked; unmount after."""
    done = subprocess.run(["mount", *args, str(folder)], capture_output=True, check=False)
    try:
        yield done.returncode == 0
    finally:
        if done.returncode == 0:
            subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def tiny_fs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A 64 KiB tmpfs (a real full disk) when root may mount one; otherwise a folder in which
    writing a file raises ``ENOSPC`` as the kernel would (``os.fsync`` and the staging writes
    patched to raise the real errno)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    with _mounted(["-t", "tmpfs", "-o", "size=64k", "tmpfs"], folder) as real:
        if not real:
            def full(*_args: object) -> None:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(atomic.os, "fsync", full)
            monkeypatch.setattr(atomic, "_write_file", full)
        yield folder


@pytest.fixture
def read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A read-only folder: a read-only bind mount when root may mount (root ignores chmod);
    otherwise chmod 0500 and, for root, ``tempfile.mkstemp``/``mkdtemp`` patched to raise the
    ``EROFS`` the kernel would."""
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "kept.ttl").write_text(UNFORMATTED)
    with _mounted(["--bind", str(folder)], folder) as bound:
        ro = bound and subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)],
                                      check=False).returncode == 0
        if not ro:
            folder.chmod(0o500)

            def refuse(*_args: object, **_kw: object) -> None:
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(folder))

            monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
            monkeypatch.setattr(atomic.tempfile, "mkdtemp", refuse)
        yield folder
        if not ro:
            folder.chmod(0o700)


def test_a_full_disk_is_one_line_and_writes_nothing(
    tiny_fs: Path, two_files: tuple[Path, Path]
) -> None:
    out = tiny_fs / "changes.md"
    out.write_text("old\n")
    filler = tiny_fs / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as handle:
        while True:
            handle.write(b"\0" * 4096)
            handle.flush()
    big = two_files[1].parent / "big.ttl"
    big.write_text(PREFIXES + "".join(f"ex:a ex:p ex:n{i} .\n" for i in range(3000)))
    result = cli("diff", str(two_files[0]), str(big), "--out", str(out), code=1)
    assert "changes.md" in result.stderr and "no space" in result.stderr
    assert out.read_text() == "old\n"
    assert ours(tiny_fs) == []


def test_a_full_disk_keeps_the_old_file_set(tiny_fs: Path) -> None:
    out = tiny_fs / "build"
    old = {name: f"old {name}\n".encode() for name in ARTIFACTS}
    atomic_file_set(out, old)
    with pytest.raises(OSError) as info:
        atomic_file_set(out, {name: b"\n" * (40 << 10) for name in ARTIFACTS})
    assert info.value.errno == errno.ENOSPC and "build" in str(info.value.filename)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old
    assert ours(tiny_fs) == []


def test_a_read_only_folder_is_exit_2_naming_the_path(
    read_only: Path, two_files: tuple[Path, Path]
) -> None:
    result = cli("diff", *map(str, two_files), "--out", str(read_only / "changes.md"), code=2)
    assert result.stderr.startswith(f"error: {read_only}: ")
    assert "read-only" in result.stderr or "permission" in result.stderr
    assert ".airoles-tmp" not in result.stderr
    result = cli("fmt", str(read_only / "kept.ttl"), code=2)
    assert "kept.ttl" in result.stderr or str(read_only) in result.stderr
    assert (read_only / "kept.ttl").read_text() == UNFORMATTED
    assert sorted(p.name for p in read_only.iterdir()) == ["kept.ttl"]


# --- the build's file set -------------------------------------------------------------------------


def test_file_set_keeps_other_files_and_the_folder_mode(tmp_path: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    out.chmod(0o750)
    (out / "README.txt").write_text("mine\n")
    (out / "sub").mkdir()
    (out / "sub" / "x").write_text("x\n")
    atomic_file_set(out, {"airoles.ttl": b"new\n"})
    assert (out / "README.txt").read_text() == "mine\n" and (out / "sub" / "x").is_file()
    assert (out / "airoles.ttl").read_bytes() == b"new\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o750
    assert ours(tmp_path) == []


def test_leftovers_of_dead_runs_only_are_cleaned(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(dead.stdout)
    stale_file = tmp_path / f".airoles.ttl.{pid}.abcd1234.airoles-tmp"
    stale_dir = tmp_path / f".build.{pid}.abcd1234.airoles-staging"
    live_file = tmp_path / f".airoles.ttl.{os.getpid()}.abcd1234.airoles-tmp"
    foreign = tmp_path / ".airoles.ttl.notours.tmp"
    for path in (stale_file, live_file, foreign):
        path.write_text("x")
    stale_dir.mkdir()
    (stale_dir / "airoles.nt").write_text("x")
    removed = clean_leftovers(tmp_path)
    assert sorted(removed) == sorted([stale_file, stale_dir])
    assert live_file.exists() and foreign.exists()


def test_atomic_write_keeps_nothing_on_interrupt(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n")
    with pytest.raises(KeyboardInterrupt), atomic.atomic_write(target, "w") as handle:
        handle.write("half")
        raise KeyboardInterrupt
    assert target.read_text() == "old\n" and ours(tmp_path) == []
    atomic_write_text(target, "new\n")
    assert target.read_text() == "new\n"


def _reference(tmp_path: Path, *command: str) -> tuple[float, Path]:
    started = time.monotonic()
    done = subprocess.run([*CLI, *command], capture_output=True, check=False, timeout=900)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started, tmp_path


def _kill_after(command: list[str], delay: float) -> int:
    process = subprocess.Popen([*CLI, *command], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        return process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        return process.wait()


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.exists() else {}


@pytest.mark.slow
def test_build_killed_at_any_point_leaves_the_old_set_or_the_new_one(tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    seconds, _ = _reference(tmp_path, "build", "--out", str(reference))
    new = _tree(reference)
    assert sorted(new) == sorted(ARTIFACTS)
    old = {name: f"old {name}\n".encode() for name in ARTIFACTS}
    out = tmp_path / "work" / "build"
    seen: set[str] = set()
    for fraction in (0.3, 0.8, 0.9, 0.95, 0.98, 1.0, 1.03):
        atomic_file_set(out, old)
        _kill_after(["build", "--out", str(out)], seconds * fraction)
        found = _tree(out)
        assert found in (old, new), f"a mix after a kill at {fraction:.2f} of the build"
        seen.add("new" if found == new else "old")
    done = subprocess.run([*CLI, "build", "--out", str(out)], capture_output=True,
                          check=False, timeout=900)
    assert done.returncode == 0, done.stderr
    assert _tree(out) == new
    assert ours(out.parent) == [] and ours(out) == []
    assert "old" in seen  # the early kills at least found the old set


@pytest.mark.slow
def test_release_killed_while_staging_is_cleaned_at_the_next_release(tmp_path: Path) -> None:
    """A real release killed (SIGKILL) near its end, when it writes: no partial version
    folder; the next release completes it, byte for byte, and leaves no staging folder."""
    command = ["release", "--engine", "owlrl"]
    reference = tmp_path / "reference"
    seconds, _ = _reference(tmp_path, *command, "--out", str(reference))
    (version,) = [p.name for p in reference.iterdir()]
    expected = _tree(reference / version)
    releases = tmp_path / "releases"
    _kill_after([*command, "--out", str(releases)], seconds * 0.99)
    assert _tree(releases / version) in ({}, expected)
    done = subprocess.run([*CLI, *command, "--out", str(releases)], capture_output=True,
                          check=False, timeout=1800)
    assert done.returncode == 0, done.stderr
    assert _tree(releases / version) == expected
    assert ours(releases) == []


_STAGE_AND_DIE = """
import os, signal, sys
from pathlib import Path
from airoles_kg.atomic import atomic_directory
target, stop = Path(sys.argv[1]), int(sys.argv[2])
with atomic_directory(target) as staging:
    for number, name in enumerate(sys.argv[3:], start=1):
        if number == stop:
            os.kill(os.getpid(), signal.SIGKILL)
        (staging / name).write_bytes(name.encode())
    if stop == len(sys.argv) - 2:
        os.kill(os.getpid(), signal.SIGKILL)
"""


def test_release_staging_killed_at_every_file_then_cleaned_by_the_next_release(
    tmp_path: Path
) -> None:
    """The release's staging (atomic_directory) killed before each file and before the rename:
    the version folder is absent, never partial; the next release removes the staging folders
    (it does so first, even when it then refuses a bad version)."""
    from airoles_kg.errors import InputError
    from airoles_kg.pipeline.release import ARTEFACTS, release

    version = tmp_path / "releases" / "9.9.9"
    for stop in range(1, len(ARTEFACTS) + 2):
        done = subprocess.run([sys.executable, "-c", _STAGE_AND_DIE, str(version), str(stop),
                               *ARTEFACTS], capture_output=True, check=False, timeout=120)
        assert done.returncode == -signal.SIGKILL, done.stderr
        assert not version.exists()
    assert len(ours(version.parent)) == len(ARTEFACTS) + 1
    with pytest.raises(InputError, match="invalid version"):
        release(version.parent, version="not a version!")
    assert list(version.parent.iterdir()) == []


def test_release_cleans_the_staging_folder_a_killed_release_left(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    staging = tmp_path / f".9.9.9.{int(dead.stdout)}.abcd1234.airoles-staging"
    staging.mkdir()
    (staging / "airoles-base.ttl").write_text("half\n")
    assert clean_leftovers(tmp_path) == [staging]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_sigint_during_build_exits_130_and_leaves_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "build"
    seconds, _ = _reference(tmp_path, "build", "--out", str(tmp_path / "reference"))
    for fraction in (0.5, 0.95):
        process = subprocess.Popen(  # Ctrl-C as in a terminal, even if SIGINT was ignored here
            [*CLI, "build", "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            preexec_fn=sigint_as_in_a_terminal)  # noqa: PLW1509
        time.sleep(max(4.0, seconds * fraction))
        process.send_signal(signal.SIGINT)
        _stdout, stderr = process.communicate(timeout=300)
        if process.returncode == 0:  # finished before the signal
            continue
        assert process.returncode == 130, stderr
        assert stderr.decode().strip() == "interrupted"
        assert ours(tmp_path) == [] and (not out.exists() or ours(out) == [])


# --- the reasoner's temporary files -------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("fixture", ["", "inconsistent-role-and-competency.ttl"])
def test_reason_leaves_nothing_in_the_temporary_folder(tmp_path: Path, fixture: str) -> None:
    """owlready2 writes its input for Java with NamedTemporaryFile(delete=False) and leaves it
    when the ontology is inconsistent: it must go to a private folder, removed afterwards."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    files = [str(Path(__file__).parent / "fixtures" / "reason" / fixture)] if fixture else []
    done = subprocess.run([*CLI, "reason", *files], capture_output=True, text=True,
                          check=False, timeout=900, env={**os.environ, "TMPDIR": str(temporary)})
    assert done.returncode == (1 if fixture else 0), done.stderr
    assert "Traceback" not in done.stderr
    assert list(temporary.iterdir()) == []


def test_build_removes_the_temporaries_earlier_versions_left(tmp_path: Path) -> None:
    from airoles_kg.pipeline import build as build_module

    out = tmp_path / "build"
    out.mkdir()
    stray = out / ".airoles.nt.k3j_x9q2.tmp"
    kept = [out / "airoles.nt", out / ".notes.k3j_x9q2.tmp", out / ".airoles.nt.tmp"]
    for path in (stray, *kept):
        path.write_text("x")
    build_module._remove_old_temporaries(out)
    assert not stray.exists() and all(path.exists() for path in kept)


_KILL_AT_STEP = """
import os, signal, sys
from pathlib import Path
from airoles_kg import atomic
target, stop = Path(sys.argv[1]), int(sys.argv[2])
steps = [0]
def step():
    steps[0] += 1
    if steps[0] == stop:
        os.kill(os.getpid(), signal.SIGKILL)
for name in ("_write_file", "_exchange", "_carry_over", "_staging_folder"):
    def wrapped(*args, _real=getattr(atomic, name)):
        step()
        result = _real(*args)
        step()
        return result
    setattr(atomic, name, wrapped)
atomic.atomic_file_set(target, {name: ("new " + name).encode() for name in sys.argv[3:]})
"""


@pytest.mark.slow
def test_file_set_killed_at_every_step_is_old_or_new(tmp_path: Path) -> None:
    """kill -9 of a real process before and after each step of the set's write (each file
    written, the foreign file carried over, the swap): the folder is the old set or the new."""
    out = tmp_path / "build"
    old = {name: f"old {name}".encode() for name in ARTIFACTS}
    new = {name: f"new {name}".encode() for name in ARTIFACTS}
    foreign = {"README.txt": b"mine"}
    stop, outcomes = 1, []
    while True:
        atomic_file_set(out, {**old})
        (out / "README.txt").write_bytes(b"mine")
        done = subprocess.run([sys.executable, "-c", _KILL_AT_STEP, str(out), str(stop),
                               *ARTIFACTS], capture_output=True, check=False, timeout=120)
        found = _tree(out)
        assert found in ({**old, **foreign}, {**new, **foreign}), f"a mix at step {stop}"
        outcomes.append("new" if found == {**new, **foreign} else "old")
        if done.returncode == 0:
            break
        assert done.returncode == -signal.SIGKILL, done.stderr
        stop += 1
    assert stop > len(ARTIFACTS) * 2 and "old" in outcomes and outcomes[-1] == "new"
    assert "new" in outcomes[:-1]  # a kill after the swap, before the clean-up
    atomic_file_set(out, new)  # the next run removes what the killed ones left
    assert ours(tmp_path) == [] and ours(out) == []
