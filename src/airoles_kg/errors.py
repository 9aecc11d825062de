"""Errors raised by airoles-kg. Each subclasses a built-in, so callers can catch either.

The CLI maps them to its exit-code contract: :class:`InputError` and its subclasses exit 2
(bad input or usage); :class:`NonConformantError` and :class:`CheckFailedError` exit 1. An
:class:`OSError` from a file the user named is told on one line by :func:`os_error_message`.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path

__all__ = [
    "AirolesError",
    "CheckFailedError",
    "EndpointError",
    "InputError",
    "NonConformantError",
    "ParseError",
    "QueryError",
    "ReasonerError",
    "UnknownRoleError",
    "file_kind",
    "os_error_message",
]


class AirolesError(Exception):
    """Base class of every error airoles-kg raises on purpose."""


class InputError(AirolesError, ValueError):
    """Bad input or usage: a missing file, a wrong parameter, an unknown name. Exit code 2."""


class ParseError(InputError):
    """An RDF or SPARQL file that does not parse. Names the file and, where known, the line.

    >>> str(ParseError("bad.ttl", 3, "expected '.'"))
    "bad.ttl:3: expected '.'"
    """

    def __init__(self, path: str | Path, line: int | None, detail: str) -> None:
        self.path = str(path)
        self.line = line
        self.detail = detail
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {detail}")


class QueryError(InputError):
    """An unknown query name, a missing or ill-typed parameter, or a query that fails to run."""


class UnknownRoleError(InputError, LookupError):
    """A role name that matches nothing; carries the closest suggestions."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown role {name!r}{hint}")


class NonConformantError(AirolesError, RuntimeError):
    """A graph that does not conform to the shapes (or a build that would not). Exit code 1."""


class CheckFailedError(AirolesError, RuntimeError):
    """A failed check: an inconsistent ontology, a violation query with rows. Exit code 1."""


class EndpointError(AirolesError, ConnectionError):
    """A SPARQL endpoint that is unreachable, refuses credentials or answers with an error."""


class ReasonerError(AirolesError, RuntimeError):
    """A reasoner that cannot be started (no Java) or that crashes."""


#: What an ``errno`` means for a file the user named, in the words of the messages.
_WHAT: dict[int, str] = {
    errno.ENOENT: "no such file or folder",
    errno.ELOOP: "a symbolic link loop (the link points back to itself)",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "no space left on the device; nothing was written",
    errno.EDQUOT: "disk quota exceeded; nothing was written",
    errno.ENOTDIR: "a file stands where a folder should be",
    errno.EISDIR: "is a folder, not a file",
    errno.EPIPE: "broken pipe (the reader stopped reading)",
    errno.EBADF: "closed",
    errno.ENAMETOOLONG: "name too long",
    errno.EMFILE: "too many open files",
    errno.EXDEV: "on another file system",
}


def os_error_message(error: OSError, path: str | Path | None = None) -> str:
    """One line for an :class:`OSError`: the path it concerns, then what happened.

    >>> os_error_message(OSError(errno.ENOSPC, "No space left on device", "build/airoles.nt"))
    'build/airoles.nt: no space left on the device; nothing was written'
    >>> os_error_message(PermissionError(errno.EACCES, "Permission denied"), "out.md")
    'out.md: permission denied'
    """
    what = _WHAT.get(error.errno or -1) or (error.strerror or str(error) or type(error).__name__)
    where = error.filename if error.filename is not None else path
    if where is None:
        return what
    if error.filename2 is not None:
        return f"{where} -> {error.filename2}: {what}"
    return f"{where}: {what}"


def file_kind(mode: int) -> str:
    """The kind of file a ``st_mode`` names, for messages: ``a FIFO``, ``a folder``...

    >>> file_kind(stat.S_IFIFO), file_kind(stat.S_IFCHR)
    ('a FIFO (named pipe)', 'a character device')
    """
    kinds = [
        (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link"),
    ]
    return next((name for test, name in kinds if test(mode)), "a regular file")
