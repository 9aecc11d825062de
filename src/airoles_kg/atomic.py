"""Atomic output: a file or a folder is written under a temporary name beside its target, then
renamed onto it, so a reader never sees half of it and a failure leaves the target as it was.

Every writer goes through :func:`atomic_write`, which writes *through* to what the path names:

- a symbolic link is followed (the link stays, its target is replaced; the temporary file is made
  in the target's folder, so the rename never crosses file systems);
- anything that is not a regular file (``/dev/null``, ``/dev/stdout``, a FIFO) is written
  straight to, never replaced;
- a file that exists keeps its permission bits and its owner.

A set of files that changes as one (the build's artefacts) is written by :func:`atomic_file_set`:
into a staging folder next to the output folder, then swapped with it in one step. Temporary
files and staging folders carry the writer's process id in their names, so the leftovers of a
killed run (and only those) are found and removed by :func:`clean_leftovers`.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write_text(folder / "a.txt", "hello\\n")
>>> (folder / "a.txt").read_text()
'hello\\n'
>>> with atomic_directory(folder / "release") as staging:
...     _ = (staging / "b.txt").write_text("b")
>>> sorted(p.name for p in (folder / "release").iterdir())
['b.txt']
>>> atomic_file_set(folder / "build", {"x.ttl": b"x", "y.nt": b"y"})
>>> sorted(p.name for p in (folder / "build").iterdir())
['x.ttl', 'y.nt']
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

__all__ = [
    "atomic_directory",
    "atomic_file_set",
    "atomic_write",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_folder",
    "clean_leftovers",
    "write_target",
]

#: The suffixes of our temporary files and staging folders; the part before is
#: ``.<name>.<pid>.<random>``.
_TMP_SUFFIX = ".airoles-tmp"
_STAGING_SUFFIX = ".airoles-staging"
_LEFTOVER = re.compile(
    r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[A-Za-z0-9_]{8}"
    rf"(?P<kind>{re.escape(_TMP_SUFFIX)}|{re.escape(_STAGING_SUFFIX)})$"
)
_RENAME_EXCHANGE = 2  # linux/fs.h


def _umask() -> int:
    """The process umask (read by setting it, then restoring it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_target(path: str | Path) -> Path:
    """The real path a write to ``path`` lands on: symbolic links followed, even to a file that
    does not exist yet. A link loop raises :class:`OSError` (``ELOOP``) naming ``path``.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "link.md").symlink_to("real.md")
    >>> write_target(d / "link.md").name
    'real.md'
    """
    real = Path(os.path.realpath(path))
    if real.is_symlink():  # realpath stops where a loop starts
        raise OSError(errno.ELOOP, "symbolic link loop", str(path))
    return real


def check_folder(path: str | Path) -> Path:
    """``path`` if a folder can be made or found there: :class:`NotADirectoryError` naming the
    file that stands where it or one of its parents should be a folder (checked before a long
    computation whose result would go there)."""
    path = Path(path)
    for folder in (path, *path.parents):
        if folder.exists():
            if not folder.is_dir():
                raise NotADirectoryError(
                    errno.ENOTDIR, "a file stands where a folder should be", str(folder))
            break
    return path


def _make_folder(folder: Path) -> None:
    check_folder(folder)
    folder.mkdir(parents=True, exist_ok=True)


def _stamp(name: str) -> str:
    return f".{name}.{os.getpid()}."


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def clean_leftovers(folder: str | Path, names: Iterable[str] | None = None) -> list[Path]:
    """Remove from ``folder`` the temporary files and staging folders of our writers whose
    process is gone (a killed run); with ``names``, only those made for these names. Nothing
    else is touched. Returns what was removed."""
    folder = Path(folder)
    wanted = set(names) if names is not None else None
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _LEFTOVER.match(entry.name)
        if match is None or _pid_alive(int(match["pid"])):
            continue
        if wanted is not None and match["name"] not in wanted:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                entry.unlink()
        removed.append(entry)
    return removed


def _open(fd_or_path: int | str | Path, mode: str) -> IO[Any]:
    if "b" in mode:
        return open(fd_or_path, mode)  # noqa: SIM115 - the caller closes it
    return open(fd_or_path, mode, encoding="utf-8", newline="\n")  # noqa: SIM115


def _with_path(exc: OSError, path: Path, *, always: bool = False) -> OSError:
    """``exc`` naming ``path`` (a write error of an open file names none; ``always``: a
    temporary name the user never gave is replaced by ``path``)."""
    if exc.filename is not None and not (always and _LEFTOVER.match(Path(exc.filename).name)):
        return exc
    return type(exc)(exc.errno, exc.strerror or str(exc), str(path))


def _keep_owner_and_mode(tmp: str, existing: os.stat_result | None) -> None:
    if existing is None:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    if (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(PermissionError):  # only root may give a file away
            os.chown(tmp, existing.st_uid, existing.st_gid)
    os.chmod(tmp, stat.S_IMODE(existing.st_mode))  # after chown, which may clear set-id bits


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "wb") -> Iterator[IO[Any]]:
    """Open a temporary file next to what ``path`` names; rename it onto it only on success.

    ``mode`` is ``"wb"`` (bytes) or ``"w"`` (UTF-8 text with LF line ends). Links are followed,
    a device or a FIFO is written straight to, an existing file keeps its mode and owner (see
    the module). An :class:`OSError` names the path; the temporary file never stays.
    """
    try:
        existing: os.stat_result | None = os.stat(path)  # links followed
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _with_path(exc, Path(path)) from None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        # /dev/null, /dev/stdout (a link to a pipe the kernel names "pipe:[...]"), a FIFO:
        # never replaced, opened by the name given and written to as they are.
        try:
            with _open(path, mode) as handle:
                yield handle
        except OSError as exc:
            raise _with_path(exc, Path(path)) from None
        return
    target = write_target(path)
    try:
        _make_folder(target.parent)
        fd, tmp = tempfile.mkstemp(
            prefix=_stamp(target.name), suffix=_TMP_SUFFIX, dir=target.parent)
    except OSError as exc:
        raise _with_path(exc, target.parent, always=True) from None
    try:
        with _open(fd, mode) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _keep_owner_and_mode(tmp, existing)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise _with_path(exc, Path(path)) from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_write(path, "wb") as handle:
        handle.write(data)


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8, LF line ends) to ``path`` atomically."""
    with atomic_write(path, "w") as handle:
        handle.write(text)


def _staging_folder(target: Path) -> Path:
    try:
        _make_folder(target.parent)
        staging = Path(tempfile.mkdtemp(
            prefix=_stamp(target.name), suffix=_STAGING_SUFFIX, dir=target.parent))
    except OSError as exc:
        raise _with_path(exc, target.parent, always=True) from None
    staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private
    return staging


@contextlib.contextmanager
def atomic_directory(path: str | Path) -> Iterator[Path]:
    """Yield an empty staging folder next to ``path``; rename it onto ``path`` on success.

    ``path`` must not exist yet (a folder is never replaced). On failure the staging folder is
    removed; the staging folder of a killed run is removed by :func:`clean_leftovers`. The
    folder gets the permissions the umask allows, as ``mkdir`` would give it.
    """
    target = write_target(path)
    staging = _staging_folder(target)
    try:
        yield staging
        os.rename(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise _with_path(exc, Path(path)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); ``False`` where the
    system or the file system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def atomic_file_set(path: str | Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` (name to bytes) into the folder ``path`` as one set: a reader, or a run
    killed at any point, finds either the folder's old files or all the new ones, never a mix.

    The files are written into a staging folder next to ``path``, then the staging folder is
    swapped with ``path`` in one step (``renameat2`` exchange; where the system has none, two
    renames, so that a kill between them leaves ``path`` missing, never mixed). Other files
    already in the folder are carried over (hard links, made before the swap). Leftovers of
    killed runs are removed first. The folder keeps its permission bits.
    """
    target = write_target(check_folder(path))
    clean_leftovers(target.parent, [target.name])
    staging = _staging_folder(target)
    try:
        for name, data in files.items():
            _write_file(staging / name, data)
        if not target.exists():
            os.rename(staging, target)
            return
        staging.chmod(stat.S_IMODE(target.stat().st_mode))
        for entry in target.iterdir():
            if entry.name not in files:
                _carry_over(entry, staging / entry.name)
        if not _exchange(staging, target):
            old = Path(tempfile.mkdtemp(
                prefix=_stamp(target.name), suffix=_STAGING_SUFFIX, dir=target.parent))
            os.rename(target, old / "old")
            os.rename(staging, target)
            staging = old
        shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise _with_path(exc, Path(path)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _carry_over(entry: Path, into: Path) -> None:
    """Put ``entry`` (not ours) into the staging folder: a hard link for a file or a link,
    a copy of a folder's tree of hard links."""
    if entry.is_dir() and not entry.is_symlink():
        shutil.copytree(entry, into, symlinks=True, copy_function=os.link)
    else:
        os.link(entry, into, follow_symlinks=False)
