"""The steward's template: the three tables, their columns, and how a sheet is recognised.

``docs/steward-template.md`` documents the same columns for people; a test keeps the two
in step.

>>> column_name(" Label EN "), column_name("alt-label_pt-BR")
('label_en', 'alt_label_pt-br')
>>> language_column("definition_fr"), language_column("family")
(('definition', 'fr'), None)
>>> table_kind("acme-roles", []).name, table_kind("Sheet1", ["role", "competency"]).name
('roles', 'requirements')
>>> TABLES["requirements"].header()
['role', 'competency', 'level', 'importance', 'source']
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "LANGUAGE_PROPERTIES",
    "SEPARATOR",
    "TABLES",
    "Column",
    "Table",
    "column_name",
    "language_column",
    "table_kind",
    "template_csv",
    "template_xlsx",
]

#: Cells that hold several values separate them with this character.
SEPARATOR = "|"

#: Column stems followed by ``_<language>``: ``label_en``, ``definition_fr``...
LANGUAGE_PROPERTIES = ("label", "alt_label", "definition", "responsibility")


@dataclass(frozen=True)
class Column:
    """A column of a table: its ``name`` in the header row, whether a row must fill it, and
    whether it may hold several values separated by :data:`SEPARATOR`."""

    name: str
    required: bool = False
    multiple: bool = False


@dataclass(frozen=True)
class Table:
    """One of the three tables: its name (the file or sheet name that selects it, also its
    singular forms), its columns in template order, the language stems it accepts, and the
    header columns that tell it apart when the name does not."""

    name: str
    names: tuple[str, ...]
    columns: tuple[Column, ...]
    languages: tuple[str, ...]
    telling: frozenset[str]

    def header(self) -> list[str]:
        """The template's header row."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column | None:
        """The column called ``name`` (a language column's stem for ``label_de``...)."""
        language = language_column(name)
        if language is not None:
            if language[0] not in self.languages:
                return None
            return Column(name, required=name == "label_en",
                          multiple=language[0] in ("alt_label", "responsibility"))
        return next((c for c in self.columns if c.name == name), None)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


def _languages(*stems: str) -> tuple[Column, ...]:
    return tuple(
        Column(f"{stem}_{lang}", required=(stem, lang) == ("label", "en"),
               multiple=stem in ("alt_label", "responsibility"))
        for stem in stems
        for lang in ("en", "fr")
    )


#: The tables, in the order they are read.
TABLES: dict[str, Table] = {
    "roles": Table(
        "roles",
        ("roles", "role"),
        (Column("id", required=True), *_languages("label", "definition"),
         Column("family", required=True, multiple=True),
         *_languages("alt_label", "responsibility"),
         Column("evolved_from", multiple=True), Column("source", multiple=True)),
        LANGUAGE_PROPERTIES,
        frozenset({"family"}),
    ),
    "competencies": Table(
        "competencies",
        ("competencies", "competency", "skills"),
        (Column("id", required=True), Column("type", required=True),
         *_languages("label", "definition", "alt_label"), Column("broader")),
        ("label", "alt_label", "definition"),
        frozenset({"type"}),
    ),
    "requirements": Table(
        "requirements",
        ("requirements", "requirement"),
        (Column("role", required=True), Column("competency", required=True),
         Column("level", required=True), Column("importance", required=True),
         Column("source", multiple=True)),
        (),
        frozenset({"role", "competency"}),
    ),
}

_STEMS = "|".join(LANGUAGE_PROPERTIES)
_LANGUAGE = re.compile(rf"^({_STEMS})_([a-z]{{2,3}}(?:-[a-z0-9]{{1,8}})*)$")
_LOOSE = re.compile(rf"^({_STEMS})_([a-z]{{2,3}}(?:_[a-z0-9]{{1,8}})*)$")


def column_name(text: str) -> str:
    """A header cell as a column name: trimmed, lower case, spaces and hyphens as ``_``, but a
    language tag's hyphens kept (``label_pt-br``)."""
    name = "_".join(text.strip().lower().replace("-", " ").split())
    match = _LANGUAGE.match(name.replace("-", "_"))
    found = _LOOSE.match(name)
    if match is None and found is not None:
        return f"{found.group(1)}_{found.group(2).replace('_', '-')}"
    return name


def language_column(name: str) -> tuple[str, str] | None:
    """``(stem, language)`` for a language column such as ``label_fr``, else ``None``."""
    match = _LANGUAGE.match(name)
    return (match.group(1), match.group(2)) if match else None


def table_kind(name: str, header: Sequence[str]) -> Table | None:
    """The table a sheet holds: by its name (the file's stem or the sheet's name, whose last
    word is ``roles``, ``competencies`` or ``requirements``, singular or plural), else by the
    columns of its ``header`` (already passed through :func:`column_name`)."""
    words = re.split(r"[^a-z]+", name.lower())
    last = next((w for w in reversed(words) if w), "")
    for table in TABLES.values():
        if last in table.names:
            return table
    columns = set(header)
    for table in sorted(TABLES.values(), key=lambda t: -len(t.telling)):
        if table.telling <= columns:
            return table
    return None


def template_csv(table: Table) -> bytes:
    """The empty template of ``table`` as CSV: the header row only, UTF-8 with a byte-order
    mark (so that Excel opens accented text right), CRLF line ends as Excel writes them."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(table.header())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


#: The date written into the template workbook (its properties and its zip entries), so that
#: the same template is the same bytes whenever it is written.
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)


def template_xlsx() -> bytes:
    """One workbook with the three tables as sheets ``roles``, ``competencies`` and
    ``requirements``, header rows only; byte-identical from run to run."""
    import datetime
    import zipfile

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    stamp = datetime.datetime(*_FIXED_TIME)
    book.properties.created = book.properties.modified = stamp
    for table in TABLES.values():
        sheet = book.create_sheet(table.name)
        sheet.append(table.header())
    written = io.BytesIO()
    book.save(written)
    # openpyxl stamps each zip entry, and the "modified" property, with the current time on
    # saving: write them again with the fixed one.
    fixed = io.BytesIO()
    with zipfile.ZipFile(written) as source, \
            zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z",
                              data)
            target.writestr(entry, data)
    return fixed.getvalue()
