"""Opening the RDF files a user names, the one way every command reads them: the file checked
first (missing, a folder, a FIFO, a link loop each said as such), gzip streamed with a cap on
the decompressed size, a UTF-8 byte-order mark skipped, and a syntax error of the Oxigraph
parsers turned into a :class:`~airoles_kg.errors.ParseError` with the line.

The cap protects memory from a small file that decompresses to a huge one (a "zip bomb"):
past :func:`max_decompressed` bytes (default 512 MiB) reading stops with an
:class:`~airoles_kg.errors.InputError`; the environment variable ``AIROLES_MAX_DECOMPRESSED``
(a number of bytes, or with a suffix ``K``, ``M``, ``G``) raises or lowers it.

>>> import gzip, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.nt.gz"
>>> _ = path.write_bytes(gzip.compress(b"<http://e/a> <http://e/p> <http://e/b> .\\n"))
>>> with open_rdf(path) as stream:
...     stream.read()
b'<http://e/a> <http://e/p> <http://e/b> .\\n'
>>> parse_size("512M"), parse_size("2g"), parse_size("1000")
(536870912, 2147483648, 1000)
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from airoles_kg.errors import InputError, ParseError, file_kind, os_error_message
from airoles_kg.rdf.formats import OXIGRAPH_FORMATS, guess_format, is_gzip

__all__ = [
    "MAX_DECOMPRESSED_ENV",
    "bulk_load_file",
    "check_file",
    "max_decompressed",
    "open_rdf",
    "oxigraph_syntax_error",
    "parse_size",
    "starts_with_bom",
]

#: The environment variable that sets the cap on the decompressed size of a gzip file.
MAX_DECOMPRESSED_ENV = "AIROLES_MAX_DECOMPRESSED"
_DEFAULT_MAX = 512 << 20
_SIZE = re.compile(r"^\s*(\d+)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)
_BOM = b"\xef\xbb\xbf"


def parse_size(text: str) -> int:
    """A number of bytes written ``1000``, ``512M``, ``2G`` (powers of 1024)."""
    found = _SIZE.match(text)
    if found is None:
        raise InputError(
            f"{MAX_DECOMPRESSED_ENV}={text!r}: write a number of bytes, such as 2G or 512M")
    power = "kmgt".find(found.group(2).lower()) + 1 if found.group(2) else 0
    return int(found.group(1)) * int(1024**power)


def max_decompressed() -> int:
    """The cap on the decompressed size of one gzip file, in bytes."""
    value = os.environ.get(MAX_DECOMPRESSED_ENV)
    return parse_size(value) if value else _DEFAULT_MAX


def check_file(path: str | Path) -> Path:
    """``path`` if it names a regular file that can be opened, else an :class:`InputError` that
    says what it is instead: missing, a dangling link, a link loop, a folder, a FIFO..."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(
                f"{path}: a symbolic link to {os.readlink(path)}, which does not exist") from None
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(os_error_message(exc, path)) from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a folder, not an RDF file")
    if not stat.S_ISREG(mode):
        raise InputError(f"{path}: is {file_kind(mode)}, not a regular file; save the data to "
                         "a file and name that file")
    return path


def starts_with_bom(path: Path) -> bool:
    """Whether the (uncompressed) file ``path`` starts with a UTF-8 byte-order mark."""
    with path.open("rb") as handle:
        return handle.read(3) == _BOM


class _Capped(io.RawIOBase):
    """A reader of decompressed bytes that stops past ``cap`` bytes with an InputError."""

    def __init__(self, raw: IO[bytes] | gzip.GzipFile, path: Path, cap: int) -> None:
        self.raw, self.path, self.cap, self.done = raw, path, cap, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        self.done += len(data)
        if self.done > self.cap:
            raise InputError(
                f"{self.path}: decompresses to more than {self.cap} bytes, the limit that "
                f"protects memory; raise it with {MAX_DECOMPRESSED_ENV} (such as "
                f"{MAX_DECOMPRESSED_ENV}=4G) if the file is what you meant")
        buffer[: len(data)] = data
        return len(data)


def _gunzip_capped(raw: IO[bytes], path: Path) -> io.BufferedReader:
    """The decompressed bytes of the gzip stream ``raw`` (the file ``path``), capped."""
    return io.BufferedReader(_Capped(gzip.GzipFile(fileobj=raw, mode="rb"), path,
                                     max_decompressed()))


@contextlib.contextmanager
def open_rdf(path: str | Path, raw: IO[bytes] | None = None) -> Iterator[IO[bytes]]:
    """The bytes of the RDF file ``path``, decompressed if it is ``.gz`` (capped), without a
    leading byte-order mark. ``raw`` reads the file instead of opening it (a progress meter).

    Reading errors raise :class:`InputError` (a bad gzip stream: :class:`ParseError`)."""
    path = check_file(path)
    try:
        with contextlib.ExitStack() as stack:
            source = raw if raw is not None else stack.enter_context(path.open("rb"))
            stream: io.BufferedReader = (
                _gunzip_capped(source, path) if is_gzip(path)
                else io.BufferedReader(_Passthrough(source)))
            if stream.peek(3)[:3] == _BOM:
                stream.read(3)
            yield stream
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise ParseError(path, None, f"not a valid gzip file ({exc})") from None
    except EOFError:
        raise ParseError(path, None, "not a valid gzip file (cut short)") from None
    except OSError as exc:
        raise InputError(os_error_message(exc, path)) from None


class _Passthrough(io.RawIOBase):
    """A raw reader over a binary stream (so that a BufferedReader can peek at it)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def oxigraph_syntax_error(path: str | Path, exc: SyntaxError) -> ParseError:
    """An Oxigraph parser's :class:`SyntaxError` as a :class:`ParseError` with the line."""
    line = exc.args[1][1] if len(exc.args) > 1 and isinstance(exc.args[1], tuple) else None
    detail = str(exc.args[0]) if exc.args else str(exc)
    detail = re.sub(r"^Parser error at line \d+ (between columns \d+ and \d+|column \d+): ",
                    "", detail)
    return ParseError(path, line, detail)



def bulk_load_file(store: ox.Store, path: str | Path,
                   wrap: Callable[[IO[bytes]], IO[bytes]] | None = None) -> ox.Store:
    """Stream the RDF file ``path`` into ``store`` (triples into the default graph, quads into
    their graphs), never holding it whole in memory: checked, gzip capped, a byte-order mark
    skipped, a syntax error a :class:`ParseError` with the line. ``wrap`` wraps the file's
    reader (a progress meter)."""
    path = check_file(path)
    fmt = OXIGRAPH_FORMATS[guess_format(path)]
    base = path.resolve().as_uri()
    try:
        if wrap is None and not is_gzip(path) and not starts_with_bom(path):
            store.bulk_load(path=str(path), format=fmt, base_iri=base)
            return store
        with path.open("rb") as raw, open_rdf(path, wrap(raw) if wrap else raw) as stream:
            store.bulk_load(stream, format=fmt, base_iri=base)
    except SyntaxError as exc:
        raise oxigraph_syntax_error(path, exc) from None
    return store
