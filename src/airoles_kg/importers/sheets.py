"""Reading spreadsheets: CSV, TSV and ``.xlsx`` workbooks, as rows of text cells.

Nothing here knows roles: a :class:`Sheet` is a file (or one sheet of a workbook) as rows of
:class:`Cell`, row 1 being the header, as a spreadsheet shows them. A file that cannot be read
as a spreadsheet at all (a missing file, text that is not UTF-8, an unclosed quote, a workbook
that is not one) raises :class:`SpreadsheetError`, an
:class:`~airoles_kg.errors.InputError` that names the file and, where known, the row.
Formulas in a workbook are read as formulas (``data_only=False``), never evaluated: the cell
says so (:attr:`Cell.formula`) and the importer reports it.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "roles.csv"
>>> _ = path.write_bytes(b'\\xef\\xbb\\xbfid,label_en\\r\\nx,"A, b"\\r\\n')
>>> [sheet] = read_sheets(path)
>>> [[c.text for c in row] for row in sheet.rows]
[['id', 'label_en'], ['x', 'A, b']]
>>> _ = path.write_bytes(b'id,label_en\\nx,"A\\n')
>>> read_sheets(path)
Traceback (most recent call last):
...
airoles_kg.importers.sheets.SpreadsheetError: ...roles.csv, row 2: a quoted cell is never closed...
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from airoles_kg.errors import InputError

__all__ = ["CSV_SUFFIXES", "SUFFIXES", "Cell", "Sheet", "SpreadsheetError", "read_sheets"]

#: Text formats and their default delimiter.
CSV_SUFFIXES: dict[str, str] = {".csv": ",", ".tsv": "\t", ".tab": "\t"}
#: Every suffix :func:`read_sheets` reads.
SUFFIXES: tuple[str, ...] = (*CSV_SUFFIXES, ".xlsx")


class SpreadsheetError(InputError):
    """A file that cannot be read as a spreadsheet. One line: the file, the row or line where
    known, what is wrong and what to do.

    >>> str(SpreadsheetError("roles.csv", "not UTF-8 text", line=3))
    'roles.csv:3: not UTF-8 text'
    >>> str(SpreadsheetError("roles.csv", "a quoted cell is never closed", row=4))
    'roles.csv, row 4: a quoted cell is never closed'
    """

    def __init__(self, file: str, detail: str, *, row: int | None = None,
                 line: int | None = None) -> None:
        self.file = file
        self.row = row
        self.line = line
        self.detail = detail
        if row is not None:
            where = f"{file}, row {row}"
        elif line is not None:
            where = f"{file}:{line}"
        else:
            where = file
        super().__init__(f"{where}: {detail}")


@dataclass(frozen=True)
class Cell:
    """One cell as text (stripped of surrounding white space); ``formula`` is true when the
    workbook holds a formula there (``text`` is then the formula itself, ``=...``)."""

    text: str
    formula: bool = False


@dataclass(frozen=True)
class Sheet:
    """A table read from ``file`` (as the user named it), ``sheet`` being the name of the
    worksheet in a workbook (``None`` for a CSV or TSV file). ``rows[0]`` is row 1."""

    file: str
    sheet: str | None
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def where(self) -> str:
        """The file, and the sheet of a workbook: ``book.xlsx [roles]``."""
        return f"{self.file} [{self.sheet}]" if self.sheet else self.file

    @property
    def stem(self) -> str:
        """The name that says which table this is: the sheet's, else the file's stem."""
        return self.sheet if self.sheet else Path(self.file).stem


def read_sheets(path: str | Path) -> list[Sheet]:
    """The tables of ``path``: one for a CSV or TSV file, one per worksheet of a workbook."""
    file = Path(path)
    name = str(path)
    suffix = file.suffix.lower()
    if not file.exists():
        raise SpreadsheetError(name, "no such file")
    if file.is_dir():
        raise SpreadsheetError(name, "a folder, not a spreadsheet file")
    if suffix in CSV_SUFFIXES:
        return [_read_text(file, name, CSV_SUFFIXES[suffix])]
    if suffix == ".xlsx":
        return _read_workbook(file, name)
    if suffix in (".xls", ".ods", ".numbers", ".xlsm", ".xlsb"):
        detail = f"{suffix} workbooks are not read; save it as .xlsx or as CSV UTF-8"
    else:
        detail = "not a spreadsheet: expected a .csv, .tsv or .xlsx file"
    raise SpreadsheetError(name, detail)


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SpreadsheetError(name, "UTF-16 text (Excel's 'Unicode text'); save it as CSV UTF-8")
    if data.startswith(b"PK\x03\x04"):
        raise SpreadsheetError(name, "a zip file (a workbook?), not CSV text; name it .xlsx, "
                                     "or save it as CSV UTF-8")
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise SpreadsheetError(name, "binary data (a NUL byte), not CSV text; save the sheet "
                                     "as CSV UTF-8", line=line)
    try:
        return data.decode("utf-8-sig")  # a byte-order mark, as Excel writes, is fine
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        raise SpreadsheetError(
            name,
            f"not UTF-8 text (byte 0x{data[error.start]:02X} at column "
            f"{error.start - line_start + 1}); save it as CSV UTF-8",
            line=line,
        ) from None


def _delimiter(text: str, default: str) -> str:
    """``default``, or ``;`` when the header holds semicolons and no comma (a CSV saved by a
    spreadsheet in a locale whose decimal separator is the comma)."""
    header = text.split("\n", 1)[0]
    if default == "," and "," not in header and ";" in header:
        return ";"
    return default


def _read_text(file: Path, name: str, default: str) -> Sheet:
    try:
        data = file.read_bytes()
    except OSError as error:
        raise SpreadsheetError(name, f"cannot be read ({error.strerror})") from None
    text = _decode(data, name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text, default),
                        strict=True)
    rows: list[tuple[Cell, ...]] = []
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            row = len(rows) + 1
            if "unexpected end of data" in str(error) or "field larger" in str(error):
                detail = ('a quoted cell is never closed (a " opens it and none ends it); '
                          "close the quote or remove it")
            else:
                detail = f"not valid CSV ({error}); a quote must close a cell's text"
            raise SpreadsheetError(name, detail, row=row) from None
        rows.append(tuple(Cell(value.strip()) for value in record))
    return Sheet(name, None, tuple(rows))


def _text(value: object) -> str:
    """A workbook value as the text a person typed: whole numbers without ``.0``, dates in
    ISO 8601."""
    if value is None:
        return ""
    value = getattr(value, "text", value)  # an array formula's text
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()


def _read_workbook(file: Path, name: str) -> list[Sheet]:
    from openpyxl import load_workbook  # only when a workbook is read

    try:
        book = load_workbook(file, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        detail = str(error) or type(error).__name__
        raise SpreadsheetError(name, f"not an .xlsx workbook ({detail})") from None
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        raise SpreadsheetError(name, f"not an .xlsx workbook ({type(error).__name__}: "
                                     f"{error})") from None
    sheets = []
    try:
        for worksheet in book.worksheets:
            rows: list[tuple[Cell, ...]] = []
            for record in worksheet.iter_rows(min_row=1, min_col=1):
                cells = [
                    Cell(_text(c.value), formula=getattr(c, "data_type", None) == "f")
                    for c in record
                ]
                while cells and not cells[-1].text:
                    cells.pop()
                rows.append(tuple(cells))
            while rows and not rows[-1]:
                rows.pop()
            sheets.append(Sheet(name, str(worksheet.title), tuple(rows)))
    finally:
        book.close()
    return sheets
