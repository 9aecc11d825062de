"""Plain-text layout shared by the renderers: aligned tables and one-line messages.

>>> print("\\n".join(table(["name", "n"], [["a", "1"], ["bbb", "22"]])))
name  n
----  --
a     1
bbb   22
>>> one_line("  two\\n lines ")
'two lines'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

__all__ = ["fold", "one_line", "table"]


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: ``"Ingénieur IA"`` -> ``"ingenieur ia"``.

    >>> fold("  AI-Engineer ") == fold("ai engineer") == "ai engineer"
    True
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def one_line(text: object) -> str:
    """``text`` with every run of white space (line breaks included) folded to one space."""
    return " ".join(str(text).split())


def table(header: Sequence[str], rows: Sequence[Sequence[str]], *,
          free_last: bool = False) -> list[str]:
    """The lines of an aligned table: the header, a rule of dashes, then the rows.

    Columns are as wide as their widest cell and separated by two spaces; trailing spaces are
    trimmed. With ``free_last`` the last column is free text (a message): it is not padded and
    its rule is as wide as its header.
    """
    widths = [max([len(header[i]), *(len(row[i]) for row in rows)]) for i in range(len(header))]
    rule = ["-" * w for w in widths]
    if free_last and widths:
        widths[-1] = 0
        rule[-1] = "-" * len(header[-1])

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(header), "  ".join(rule).rstrip(), *(line(row) for row in rows)]
