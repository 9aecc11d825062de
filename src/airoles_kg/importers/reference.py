"""Reading the delimited files of a reference classification (ESCO's CSV export, O*NET's
tab-separated text files) as rows of named cells, with every problem at its file, row and
column.

A file may start with comment lines beginning with ``#`` (the provenance header of the test
extracts); they are skipped, and the next line is the header row. The header must hold every
column the importer reads (a missing or renamed column is an error that names the closest
header); a row with fewer cells than the header (a truncated file) or a quote never closed is
an error. Rows are numbered as a spreadsheet shows them: the header row is row 1.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "Occupation Data.txt"
>>> _ = path.write_text("# extract\\nO*NET-SOC Code\\tTitle\\n15-1221.00\\tScientists\\n")
>>> [row.cells for row in read_table(path, ("O*NET-SOC Code", "Title"), "\\t")]
[{'O*NET-SOC Code': '15-1221.00', 'Title': 'Scientists'}]
>>> _ = path.write_text("O*NET-SOC Code,Title\\n15-1221.00,Scientists\\n")
>>> list(read_table(path, ("O*NET-SOC Code", "Title"), "\\t"))
Traceback (most recent call last):
...
airoles_kg.importers.reference.ReferenceDataError: ...: the columns are separated by ',', ...
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from airoles_kg.errors import InputError

__all__ = ["Progress", "ReferenceDataError", "Row", "read_table", "require_file"]

#: Where an importer says how far it got (a line of text); ``None``: say nothing.
Progress = Callable[[str], None] | None

_DELIMITER_NAMES = {"\t": "a tab", ",": "','", ";": "';'", "|": "'|'"}


class ReferenceDataError(InputError):
    """A reference file that cannot be imported: one line naming the file, the row and the
    column, and what is wrong.

    >>> str(ReferenceDataError("Skills.txt", "unknown occupation '99-9999.00'", row=7,
    ...                        column="O*NET-SOC Code"))
    "Skills.txt:7: column 'O*NET-SOC Code': unknown occupation '99-9999.00'"
    """

    def __init__(self, file: str | Path, detail: str, *, row: int | None = None,
                 column: str | None = None) -> None:
        self.file = str(file)
        self.row = row
        self.column = column
        self.detail = detail
        where = self.file if row is None else f"{self.file}:{row}"
        what = f"column {column!r}: {detail}" if column is not None else detail
        super().__init__(f"{where}: {what}")


@dataclass(frozen=True)
class Row:
    """One data row: its file, its row number (the header is row 1) and its cells by column."""

    file: Path
    number: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def error(self, column: str, detail: str) -> ReferenceDataError:
        """The error for ``column`` of this row."""
        return ReferenceDataError(self.file, detail, row=self.number, column=column)


def require_file(folder: Path, name: str) -> Path:
    """``folder / name``, or a one-line error if it is not there."""
    path = folder / name
    if not path.is_file():
        raise ReferenceDataError(path, "missing: the importer reads this file (check the "
                                       "folder holds the whole export)")
    return path


def _lines(path: Path) -> Iterator[str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from handle
    except UnicodeDecodeError as error:
        raise ReferenceDataError(path, f"not UTF-8 text ({error.reason})") from error
    except OSError as error:
        raise ReferenceDataError(path, f"cannot be read ({error.strerror})") from error


def _check_header(path: Path, header: list[str], columns: Sequence[str], delimiter: str) -> None:
    missing = [c for c in columns if c not in header]
    if not missing:
        return
    column = missing[0]
    for cell in header:
        found = next((d for d in _DELIMITER_NAMES if d != delimiter and d in cell), None)
        if found is not None and column in cell:
            what = "the header is one cell" if len(header) == 1 else f"the header cell {cell!r}"
            raise ReferenceDataError(
                path, f"{what} holds {found!r}: the columns are separated by "
                      f"{_DELIMITER_NAMES[found]}, expected {_DELIMITER_NAMES[delimiter]}",
                row=1, column=column)
    close = difflib.get_close_matches(column, header, n=1, cutoff=0.6)
    hint = f" (is {close[0]!r} this column renamed?)" if close else ""
    raise ReferenceDataError(path, f"missing from the header row{hint}; the importer needs "
                                   f"the columns {', '.join(columns)}", row=1, column=column)


def read_table(path: Path, columns: Sequence[str], delimiter: str, *,
               quoting: bool = True, optional: Collection[str] = ()) -> Iterator[Row]:
    """The rows of ``path`` with the cells of ``columns`` (text, as written).

    ``quoting``: cells may be quoted (CSV); without it (O*NET's tab-separated text) a quote is
    an ordinary character. ``optional``: columns that a row may leave out at its end (read as
    empty; ESCO's skills hierarchy omits its empty trailing code cells). Raises
    :class:`ReferenceDataError` at the first problem.
    """
    lines = _lines(path)
    skipped = 0
    first: str | None = None
    for line in lines:
        if line.startswith("#"):
            skipped += 1
            continue
        first = line
        break
    if first is None:
        raise ReferenceDataError(path, "empty: no header row")

    def body() -> Iterator[str]:
        yield first
        yield from lines

    reader = csv.reader(body(), delimiter=delimiter, strict=True,
                        quoting=csv.QUOTE_MINIMAL if quoting else csv.QUOTE_NONE)
    try:
        header = next(reader)
        _check_header(path, header, columns, delimiter)
        index = {c: header.index(c) for c in columns}
        width = len(header)
        number = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            number += 1
            if not cells:
                continue
            if len(cells) < width:
                cut = [c for c in header[len(cells):] if c not in optional]
                if not cut:
                    cells = cells + [""] * (width - len(cells))
            if len(cells) < width:
                column = cut[0]
                raise ReferenceDataError(
                    path, f"the row ends after {len(cells)} of {width} cells (a truncated "
                          "file, or a cell holding a line break without quotes)",
                    row=number, column=column)
            if len(cells) > width:
                raise ReferenceDataError(
                    path, f"the row has {len(cells)} cells, the header {width} (a delimiter "
                          "inside an unquoted cell?)", row=number, column=header[-1])
            yield Row(path, number, {c: cells[i] for c, i in index.items()})
    except csv.Error as error:
        raise ReferenceDataError(path, f"{error} (a quote never closed: a truncated file?)",
                                 row=reader.line_num + skipped) from error
