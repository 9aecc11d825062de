"""Reading reference files (``importers/reference.py``) and the O*NET conversion rule
(``importers/onet_rule.py``): every bad input is one error naming its file, row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from airoles_kg.importers.onet_rule import (
    ESSENTIAL_FROM,
    LEVELS,
    convert_rating,
    convert_technology,
    rank_of_level,
)
from airoles_kg.importers.reference import ReferenceDataError, read_table
from airoles_kg.namespaces import AIR

COLUMNS = ("O*NET-SOC Code", "Title")


def _write(tmp_path: Path, text: str, name: str = "Occupation Data.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_comment_lines_before_the_header_are_skipped(tmp_path: Path) -> None:
    path = _write(tmp_path, "# Source: x\n# generated\nO*NET-SOC Code\tTitle\tDescription\n"
                            "15-1221.00\tComputer and Information Research Scientists\td\n")
    rows = list(read_table(path, COLUMNS, "\t", quoting=False))
    assert [(r.number, r.cells) for r in rows] == [
        (2, {"O*NET-SOC Code": "15-1221.00",
             "Title": "Computer and Information Research Scientists"})]


def test_a_renamed_column_is_named_with_its_closest_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "O*NET SOC Code\tTitle\n15-1221.00\tx\n")
    with pytest.raises(ReferenceDataError) as caught:
        list(read_table(path, COLUMNS, "\t"))
    message = str(caught.value)
    assert message.startswith(f"{path}:1: column 'O*NET-SOC Code': missing")
    assert "'O*NET SOC Code'" in message and "\n" not in message


def test_a_wrong_delimiter_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "O*NET-SOC Code,Title\n15-1221.00,x\n")
    with pytest.raises(ReferenceDataError, match=r":1: column .*separated by ',', "
                                                 r"expected a tab"):
        list(read_table(path, COLUMNS, "\t"))


def test_a_truncated_row_names_its_row_and_first_missing_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "O*NET-SOC Code\tTitle\tDescription\n15-1221.00\tx\td\n15-1252.00")
    with pytest.raises(ReferenceDataError) as caught:
        list(read_table(path, COLUMNS, "\t", quoting=False))
    assert str(caught.value).startswith(f"{path}:3: column 'Title': the row ends after 1 of 3")


def test_a_cut_off_quoted_cell_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, 'conceptUri,preferredLabel\nhttp://x,"an unclosed\n', "o.csv")
    with pytest.raises(ReferenceDataError, match="quote never closed"):
        list(read_table(path, ("conceptUri", "preferredLabel"), ","))


def test_optional_trailing_cells_read_as_empty(tmp_path: Path) -> None:
    path = _write(tmp_path, "a,b,c\n1,2\n", "h.csv")
    rows = list(read_table(path, ("a", "b", "c"), ",", optional=("c",)))
    assert rows[0].cells == {"a": "1", "b": "2", "c": ""}


def test_the_rule_cuts_level_in_five_equal_bands() -> None:
    assert [rank_of_level(x) for x in (0, 1.39, 1.4, 2.79, 2.8, 4.19, 4.2, 5.59, 5.6, 7)] == [
        1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert convert_rating(6.0, 4.0) == (LEVELS[5], AIR.Essential)
    assert convert_rating(2.0, ESSENTIAL_FROM - 0.01) == (LEVELS[2], AIR.Optional)
    assert convert_rating(2.0, ESSENTIAL_FROM)[1] == AIR.Essential
    assert convert_technology(True) == (AIR.Competent, AIR.Essential)


@pytest.mark.parametrize(("level", "importance"), [(7.5, 3), (-1, 3), (3, 0.5), (3, 6)])
def test_the_rule_refuses_values_off_the_scales(level: float, importance: float) -> None:
    with pytest.raises(ValueError, match="between"):
        convert_rating(level, importance)
