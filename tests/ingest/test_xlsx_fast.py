"""Blocks of an .xlsx sheet read with numpy (:mod:`phbs.ingest.xlsx_fast`) give exactly the
rows the cell-by-cell reader gives (:mod:`phbs.ingest.xlsx_stream`, itself checked against
python-calamine in ``tests/ingest/test_workbook_stream.py``).

The sheet's XML is read in small blocks here (``BLOCK``), so a few hundred rows make many
blocks; each workbook is read twice, with and without the numpy path, and the rows and the
scored survey are compared. Workbooks hold what makes a block leave the numpy path (an
entity, a line break, a formula, a date, a blank row, a gap, a cell right of the header) among
plain rows, and the test checks which way blocks went.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pytest
import xlsxwriter

sys.path.insert(0, str(Path(__file__).parents[1]))
from conftest import HEADER, household

from phbs.ingest import xlsx_extras, xlsx_fast, xlsx_stream, xlsx_values
from phbs.ingest.grid import Grid
from phbs.ingest.readers import open_table
from phbs.ingest.validate import read_survey

VILLAGES = ["63.10.01.2005", "63.10.01.2006", "63.10.02.2008"]


def _workbook(path: Path, constant_memory: bool, oddities: bool) -> Path:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    sheet = book.add_worksheet("Data")
    dates = book.add_format({"num_format": "dd/mm/yyyy"})
    header = [*HEADER, "tanggal_survei", "petugas"]
    sheet.write_row(0, 0, header)
    row = 1
    for i in range(600):
        if oddities and i % 97 == 5:
            row += 1  # a blank row (a gap in the row numbers)
        cells = household(f"RT{i:05d}", VILLAGES[i % 3], "" if i % 4 else str(i % 60), "YYYYYYYYYY")
        sheet.write_row(row, 0, cells)
        if i % 5 == 0:
            sheet.write_datetime(row, len(HEADER), dt.datetime(2025, 8, 1 + i % 28), dates)
        name = f"Kader {i % 7}"
        if oddities and i % 101 == 7:
            name = "Ani & Budi"
        if oddities and i % 103 == 9:
            name = "baris\nkedua"
        sheet.write_string(row, len(HEADER) + 1, name)
        if oddities and i % 89 == 3:
            sheet.write_number(row, len(HEADER) + 3, 1.5)  # right of the header
        if oddities and i % 83 == 2:
            sheet.write_formula(row, len(HEADER) + 1, '="Kader"&"X"', None, "KaderX")
        if oddities and i % 79 == 4:
            sheet.write_number(row, 2, -3)  # a negative age: a Python-written number
        row += 1
    book.close()
    return path


def _small_blocks(patch: pytest.MonkeyPatch) -> None:
    """Inflate every part of the workbook 2 KB at a time (in each module that reads blocks)."""
    for module in (xlsx_stream, xlsx_values, xlsx_extras):
        patch.setattr(module, "BLOCK", 2048)


def _read(path: Path, fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[list[object], int]:
    """The table's rows, and how many blocks came as grids from the numpy path."""
    made: list[int] = []
    real = xlsx_fast.block_grid

    def counted(*args: object, **kwargs: object) -> list[Grid | tuple[int, int]] | None:
        pieces = real(*args, **kwargs) if fast else None  # type: ignore[arg-type]
        made.extend(len(p) for p in pieces or [] if isinstance(p, Grid))
        return pieces

    _small_blocks(monkeypatch)
    monkeypatch.setattr(xlsx_stream, "block_grid", counted)
    table = open_table(path)
    rows: list[object] = [table.header, *table.rows]
    return rows, len(made)


@pytest.mark.parametrize("constant_memory", [False, True], ids=["shared", "inline"])
@pytest.mark.parametrize("oddities", [False, True], ids=["plain", "oddities"])
def test_numpy_blocks_give_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, constant_memory: bool, oddities: bool
) -> None:
    """Rows, numbers, dates and text read by blocks of numpy equal those read cell by cell;
    plain blocks take the numpy path, and blocks with an entity, a line break, a formula, a
    gap or a cell right of the header take the other."""
    path = _workbook(tmp_path / "survei.xlsx", constant_memory, oddities)
    slow, none = _read(path, False, monkeypatch)
    fast, grids = _read(path, True, monkeypatch)
    assert none == 0
    assert fast == slow
    assert grids > 10  # most blocks were read with numpy
    surveys = []
    for numpy_path in (False, True):
        with monkeypatch.context() as patch:
            _small_blocks(patch)
            if not numpy_path:
                patch.setattr(xlsx_stream, "block_grid", lambda *args, **kwargs: None)
            surveys.append(read_survey([path]))
    slow_survey, fast_survey = surveys
    assert fast_survey.rows_read == slow_survey.rows_read >= 600
    assert fast_survey.households.ids == slow_survey.households.ids
    assert (fast_survey.households.states == slow_survey.households.states).all()
    assert fast_survey.households.tanggal_survei == slow_survey.households.tanggal_survei
    assert [(r.row, r.reasons) for r in fast_survey.set_aside] == [
        (r.row, r.reasons) for r in slow_survey.set_aside
    ]
    assert [(i.code, i.row) for i in fast_survey.issues] == [
        (i.code, i.row) for i in slow_survey.issues
    ]


def test_rows_of_another_spelling_go_to_the_other_reader() -> None:
    """A row holding a cell of another spelling (a formula, a formula's text, a line break,
    a cell right of the header, maybe blank) is handed back as its XML for the cell-by-cell
    reader, between grids of the usual rows; an entity or an escape is unescaped in place;
    a gap in the row numbers, or no usual row at all, declines the block."""
    strings = xlsx_fast.StringTable.of(b"ya", np.array([0, 2], dtype=np.int64))

    def row(
        number: int, first: str = "RT{n}", second: str = '<c r="B{n}" t="s"><v>0</v></c>'
    ) -> str:
        cell = f'<c r="A{{n}}" t="inlineStr"><is><t>{first}</t></is></c>'
        return (f'<row r="{{n}}">{cell}{second}</row>').replace("{n}", str(number))

    def read(xml: str, first: int = 2, width: int = 2) -> list[Grid | tuple[int, int]] | None:
        return xlsx_fast.block_grid(
            xml.encode(), width, first, strings, lambda v, s: v.decode(), 1000, 16384
        )

    pieces = read(row(2))
    assert pieces is not None
    (only,) = pieces
    assert isinstance(only, Grid)
    assert only.cells(0) == ["RT2", "ya"]
    assert read(row(3)) is None  # a gap before the row
    escaped = read(row(2, "R&amp;T_x0031_"))
    assert escaped is not None
    assert isinstance(escaped[0], Grid)
    assert escaped[0].cells(0) == ["R&T1", "ya"]
    for other in [
        row(3, second='<c r="B3"><f>1+1</f><v>2</v></c>'),  # a formula
        row(3, second='<c r="B3" t="str"><v>x</v></c>'),  # a formula's text
        row(3, "baris&#10;dua"),  # a line break, as an entity
        row(3, "baris\ndua"),  # a line break
        row(3, second='<c r="C3" t="s"><v>0</v></c>'),  # right of the header
        row(3, "   ", ""),  # maybe blank
    ]:
        xml = row(2) + other + row(4)
        pieces = read(xml)
        assert pieces is not None, other
        assert [type(p) for p in pieces] == [Grid, tuple, Grid], other
        first, middle, last = pieces
        assert isinstance(first, Grid)
        assert isinstance(last, Grid)
        assert isinstance(middle, tuple)
        assert [int(first.rows[0]), int(last.rows[0])] == [2, 4]
        assert xml.encode()[middle[0] : middle[1]] == other.encode(), other
    assert read(row(2, second='<c r="B2"><f>1</f></c>')) is None  # no usual row at all
    spans_first = row(3).replace('<row r="3">', '<row spans="1:2" r="3">')
    assert read(row(2) + spans_first) is None  # a row number not where it is looked for
    assert read(row(2), width=3) is not None


def test_openpyxl_workbook_takes_the_numpy_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl writes blank text cells as ``<c r="E7" t="inlineStr" />`` (a space before the
    slash) and numbers with ``t="n"``: such blocks are read with numpy, to the same rows."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    sheet.append(HEADER)
    for i in range(500):
        cells: list[object] = list(household(f"RT{i:05d}", VILLAGES[i % 3], "", "YYYYYYYYYY"))
        cells[2] = i % 60 if i % 3 else ""
        sheet.append(cells)
    path = tmp_path / "openpyxl.xlsx"
    book.save(path)
    slow, _ = _read(path, False, monkeypatch)
    fast, grids = _read(path, True, monkeypatch)
    assert fast == slow
    assert grids > 10


def test_gaps_at_block_edges_keep_every_row_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blank rows left out of the XML, some of them right at the edge of a block: every row
    comes, in the file's order, with its own number."""
    path = tmp_path / "celah.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, HEADER)
    expected, expected_numbers = [], []
    row = 1
    for i in range(900):
        if i % 37 == 0:
            row += 2  # blank rows: gaps fall on block edges too
        cells = household(f"RT{i:05d}", VILLAGES[i % 3], str(i % 60), "YYYYYYYYYY")
        sheet.write_row(row, 0, cells)
        expected.append(cells)
        expected_numbers.append(row + 1)  # the sheet's own row number
        row += 1
    book.close()
    _small_blocks(monkeypatch)
    rows = [(number, list(cells)) for number, cells in open_table(path).rows if cells]
    assert [cells for _, cells in rows] == expected
    assert [number for number, _ in rows] == expected_numbers


def test_string_table_marks_each_string_by_its_own_bytes() -> None:
    """Which shared strings can be copied into a grid (no line break or separator) and which
    hold a non-space ASCII byte, for strings of every kind in random order, empty ones
    included at the start, between and at the end (expected values from the bytes, by a
    plain loop)."""
    import random

    kinds = [b"", b"ya", b" ", b"a\nb", b"\x1f", b"&amp;", b"  x", b"\xc3\xa9", b"\t", b"\r"]
    spaces = {9, 10, 11, 12, 13, 28, 29, 30, 31, 32}
    chance = random.Random(7)
    for _ in range(500):
        texts = [chance.choice(kinds) for _ in range(chance.randint(0, 8))]
        offsets = np.concatenate(([0], np.cumsum([len(t) for t in texts]))).astype(np.int64)
        table = xlsx_fast.StringTable.of(b"".join(texts), offsets)
        assert table.packable.tolist() == [not any(b in (10, 13, 31) for b in t) for t in texts]
        assert table.solid.tolist() == [any(b < 0x80 and b not in spaces for b in t) for t in texts]
