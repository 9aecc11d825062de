"""The problems table: one row per thing a steward must fix, wherever it was found.

Rows come from reading a spreadsheet (a cell that names an unknown competency, a missing
column) and from validating the catalogue it produced (a SHACL result, located back at the row
and cell of its focus node). Both are written the same way: a table a person can sort and
filter, in the spirit of ROBOT's ``--errors`` table.

>>> p = Problem("Violation", "unknown-competency", "req.csv", row=3, column="competency",
...     cell="B3", value="pythn", message="not a known competency", fix="comp:python")
>>> print(problems_csv([p]), end="")
level,rule,file,row,column,cell,subject,property,value,message,fix
Violation,unknown-competency,req.csv,3,competency,B3,,,pythn,not a known competency,comp:python
>>> p.where()
'req.csv, row 3, column competency (cell B3)'
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields

__all__ = ["COLUMNS", "Problem", "problems_csv"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: its ``level`` (``Violation``, ``Warning``, ``Info``; an unreadable input
    is a ``Violation`` too), the ``rule`` it breaks (a short id, or a SHACL constraint
    component as a CURIE), where it is (file, row, column and A1 cell for a sheet; row is the
    line for an RDF file), the ``subject`` and ``property`` it concerns, the offending
    ``value``, what is wrong (``message``) and what to write instead (``fix``)."""

    level: str
    rule: str
    file: str = ""
    row: int | None = None
    column: str = ""
    cell: str = ""
    subject: str = ""
    property: str = ""
    value: str = ""
    message: str = ""
    fix: str = ""

    def where(self) -> str:
        """``file``, ``file:row``, or ``file, row R, column C (cell A1)``."""
        if self.row is None:
            return self.file
        if not self.column and not self.cell:
            return f"{self.file}:{self.row}"
        place = f"{self.file}, row {self.row}" + (f", column {self.column}" if self.column else "")
        return place + (f" (cell {self.cell})" if self.cell else "")


#: The columns of the problems table, in order.
COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Problem))


def problems_csv(problems: Iterable[Problem]) -> str:
    """The problems as CSV: a header row, then one row per problem (LF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for problem in problems:
        writer.writerow("" if v is None else v for v in astuple(problem))
    return buffer.getvalue()
