"""A workbook's sheets, read row by row whatever the format, and turned into segments.

An .xlsx/.xlsm workbook is read by :mod:`phbs.ingest.xlsx_book` and
:mod:`phbs.ingest.xlsx_stream` (blocks of rows in the usual spelling with numpy,
:mod:`phbs.ingest.xlsx_fast`) and an .ods by
:mod:`phbs.ingest.ods_stream`, both in bounded memory straight from the zip; the old binary
format (.xls) by python-calamine, which holds the sheet (a sheet reaching past
:attr:`~phbs.ingest.limits.Limits.whole_cells` is refused first, :mod:`phbs.ingest.xls_extent`).
An .xlsb is refused: its cells' positions cannot be checked before the reader allocates room
for all of them. Every format gives the same thing: a sheet's rows that hold something, as
``(row_number, cells)``, its merged ranges and the cells whose value the file does not give
(an error, or a formula saved without its value).

:func:`segments` turns a sheet's data rows into the segments the CSV reader makes
(:class:`~phbs.ingest.grid.Grid` for runs of regular rows, lists of rows otherwise), so a
workbook is validated column by column like a CSV.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from phbs.errors import InputFileError
from phbs.ingest.book import Book, Item, Ranges
from phbs.ingest.calamine import CalamineBook
from phbs.ingest.csv_stream import Rows
from phbs.ingest.grid import Grid
from phbs.ingest.limits import Limits, too_many_blank_rows

if TYPE_CHECKING:
    from phbs.ingest.held import HeldFile


#: Rows packed into one grid at most.
_PACK_ROWS = 8_192
#: The separator of a packed grid: a control character that XML text cannot hold.
_SEPARATOR = "\x1f"
#: Wider sheets are read as lists of rows (a row is not padded to thousands of blanks).
_PACK_WIDTH = 1_024


def open_book(held: HeldFile, name: str, suffix: str, limits: Limits) -> Book:
    """The workbook in an open file, by its content rather than its name.

    Raises :class:`~phbs.errors.InputFileError` when it is not a workbook that can be read.
    """
    if held.head.startswith(b"PK"):
        try:
            archive = zipfile.ZipFile(held.handle)
            names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError):
            names = set()
        if "xl/workbook.xml" in names:
            from phbs.ingest.xlsx_book import XlsxBook

            return _guarded(lambda: XlsxBook(archive, name, limits), name, suffix)
        if "content.xml" in names:
            from phbs.ingest.ods_stream import OdsBook

            return _guarded(lambda: OdsBook(archive, name, limits), name, suffix)
        if "xl/workbook.bin" in names:
            raise InputFileError(
                f"{name}: buku kerja biner Excel (.xlsb) tidak dibaca: letak selnya tidak dapat "
                "diperiksa sebelum dibaca. Simpan ulang sebagai .xlsx (File > Simpan Sebagai > "
                "Buku Kerja Excel)",
                f"{name}: an Excel binary workbook (.xlsb) is not read: its cells' positions "
                "cannot be checked before it is read. Save it again as .xlsx (File > Save As > "
                "Excel Workbook)",
            )
    from phbs.ingest.calamine import calamine_workbook

    return CalamineBook(calamine_workbook(held.data(), name, suffix), name, limits)


def _guarded(make: Any, name: str, suffix: str) -> Book:
    try:
        book: Book = make()
    except InputFileError:
        raise
    except Exception:  # a damaged archive: zlib, KeyError, a bad header
        raise InputFileError(
            f"{name}: berkas spreadsheet rusak atau bukan format {suffix}; buka di Excel atau "
            "LibreOffice lalu simpan ulang sebagai .xlsx",
            f"{name}: spreadsheet is corrupt or not really {suffix}; open it in Excel or "
            "LibreOffice and save it again as .xlsx",
        ) from None
    return book


def rows_of(book: Book, name: str, file: str) -> Iterator[Item]:
    """A sheet's rows as :meth:`Book.rows` gives them; a damaged part is one clear error."""
    try:
        yield from book.rows(name)
    except InputFileError:
        raise
    except Exception:  # zlib, a cut archive, calamine's own errors
        raise InputFileError(
            f"{file}: lembar '{name}' tidak dapat dibaca, berkas rusak?; buka di Excel atau "
            "LibreOffice lalu simpan ulang sebagai .xlsx",
            f"{file}: sheet '{name}' cannot be read, a damaged file?; open it in Excel or "
            "LibreOffice and save it again as .xlsx",
        ) from None


def dense(rows: Iterator[Item], file: str, limit: int) -> Iterator[Item]:
    """Every row from the first up to the last that holds something, a blank one for each
    row between that does not. More than ``limit`` blank rows before more data is refused
    (:func:`~phbs.ingest.limits.too_many_blank_rows`): a million blank rows made from one
    stray cell would each be set aside."""
    expected = 1
    for item in rows:
        if isinstance(item, Grid):
            first = int(item.rows[0])
            if first - expected > limit:
                raise too_many_blank_rows(file, expected, first - expected)
            while expected < first:
                yield expected, []
                expected += 1
            yield item
            expected = int(item.rows[-1]) + 1
            continue
        number, cells = item
        if not any(c.strip() for c in cells):
            continue
        if number - expected > limit:
            raise too_many_blank_rows(file, expected, number - expected)
        while expected < number:
            yield expected, []
            expected += 1
        yield number, cells
        expected = number + 1


def fill_merged(
    rows: Iterator[Item], ranges: Ranges, width: int
) -> Iterator[tuple[int, list[str]]]:
    """Give every blank cell of a merged range the value of the range's first cell, as the
    sheet shows it (a village code merged down the rows of its households); columns past
    ``width`` are left alone, and so are rows with nothing of their own."""
    waiting = sorted(ranges, reverse=True)  # popped from the end: the topmost first
    active: list[tuple[int, int, int, str]] = []  # bottom, left, right, value
    for number, cells in _one_by_one(rows):
        row = number - 1
        while waiting and waiting[-1][0][0] <= row:
            (top, left), (bottom, right) = waiting.pop()
            if top == row and left < width:
                value = cells[left] if left < len(cells) else ""
                if value:
                    active.append((bottom, left, min(right, width - 1), value))
        if active and not any(c.strip() for c in cells):
            # A blank row inside a merged range (spare rows under a village's households)
            # stays blank: the merged value alone does not make it a household.
            active = [a for a in active if a[0] > row]
            yield number, cells
            continue
        if active:
            active = [a for a in active if a[0] >= row]
            for _, left, right, value in active:
                if len(cells) <= right:
                    cells.extend([""] * (right + 1 - len(cells)))
                for column in range(left, right + 1):
                    if not cells[column]:
                        cells[column] = value
        yield number, cells


def _one_by_one(rows: Iterator[Item]) -> Iterator[tuple[int, list[str]]]:
    for item in rows:
        if isinstance(item, Grid):
            for i in range(len(item)):
                yield int(item.rows[i]), item.cells(i)
        else:
            yield item


def segments(rows: Iterator[Item], width: int) -> Iterator[Grid | Rows]:
    """Data rows as segments: runs of regular rows (no more cells than the header, not
    blank, no line break) as grids, the others as lists of rows."""
    if width < 1 or width > _PACK_WIDTH:
        batch: Rows = []
        for one in _one_by_one(rows):
            batch.append(one)
            if len(batch) >= _PACK_ROWS:
                yield batch
                batch = []
        if batch:
            yield batch
        return
    regular: Rows = []
    other: Rows = []
    pad = [""] * width
    for item in rows:
        if isinstance(item, Grid):
            if regular:
                yield _grid(regular, width)
                regular = []
            if other:
                yield other
                other = []
            yield item
            continue
        number, row = item
        joined = "".join(row)
        if len(row) > width or not joined.strip() or "\n" in joined or "\r" in joined:
            if regular:
                yield _grid(regular, width)
                regular = []
            other.append((number, row))
            continue
        if other:
            yield other
            other = []
        regular.append((number, row + pad[len(row) :] if len(row) < width else row))
        if len(regular) >= _PACK_ROWS:
            yield _grid(regular, width)
            regular = []
    if regular:
        yield _grid(regular, width)
    if other:
        yield other


def _grid(rows: Rows, width: int) -> Grid | Rows:
    """Regular rows as a grid over their cells joined with :data:`_SEPARATOR`."""
    data = ("\n".join(_SEPARATOR.join(cells) for _, cells in rows) + "\n").encode("utf-8")
    buf = np.frombuffer(data, dtype=np.uint8)
    line_ends = np.flatnonzero(buf == 10)
    separators = np.flatnonzero(buf == 0x1F)
    count = len(rows)
    if len(line_ends) != count or len(separators) != count * (width - 1):
        return rows  # a cell held a character that cannot be packed: read as rows
    offset = np.int32 if len(data) < 1 << 31 else np.int64
    starts = np.empty((count, width), dtype=offset)
    ends = np.empty((count, width), dtype=offset)
    starts[0, 0] = 0
    starts[1:, 0] = line_ends[:-1] + 1
    ends[:, -1] = line_ends
    if width > 1:
        seps = separators.reshape(count, width - 1)
        ends[:, :-1] = seps
        starts[:, 1:] = seps + 1
    return Grid(
        data=data,
        rows=np.fromiter((n for n, _ in rows), dtype=np.int64, count=count),
        starts=starts,
        ends=ends,
        delimiter=_SEPARATOR,
    )


if not TYPE_CHECKING:  # names of version 0.1, handed on with a warning for a release
    from phbs._moved import handed_on

    __getattr__ = handed_on(__name__)
