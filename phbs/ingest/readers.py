"""Readers that turn a CSV or spreadsheet file into a header and rows of text cells.

Each reader yields ``(row_number, cells)`` where ``row_number`` is the row a user sees in a
spreadsheet (header = row 1; blank lines above the header and a line break inside a quoted
cell are counted as a spreadsheet program shows them), so every issue can point at the right
place. Cells are text:
numbers from a spreadsheet are written the way a person would type them (``1``, not
``1.0``), dates as ISO ``yyyy-mm-dd``.

CSV: UTF-8 with or without BOM, falling back line by line to Windows-1252; separator ``,``,
``;`` or tab, detected from the first lines; read in blocks (:mod:`phbs.ingest.text_table`,
:mod:`phbs.ingest.csv_stream`).
Spreadsheets (xlsx, xlsm, ods row by row, xls whole; see :mod:`phbs.ingest.workbook`): the
one sheet that holds the survey unless a sheet is named (:mod:`phbs.ingest.spreadsheet`).

A file is read once, through one handle, and everything (checksum, separator, header, rows)
comes from those bytes: a file that is replaced after it was opened cannot mix two versions,
and one that changes *while* it is read is refused (its size or modification time moved),
never half read. Every bound on what a file may make the reader do is in
:mod:`phbs.ingest.limits`. Anything a user can hand over — a folder, a FIFO,
a binary or encrypted file, a cut-off CSV, a cell over a million characters — ends in an
:class:`~phbs.errors.InputFileError` naming the file and what is wrong (see SECURITY.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from phbs.errors import InputFileError
from phbs.ingest.csv_source import Source
from phbs.ingest.file_names import file_name
from phbs.ingest.held import hold_file, open_regular
from phbs.ingest.raw_table import RawTable
from phbs.ingest.text_table import open_csv

# RawTable is re-exported: callers may import it from here or from .raw_table.
__all__ = ["SPREADSHEET_SUFFIXES", "RawTable", "open_table"]

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}


def open_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    header_cells: int = 1,
    prefer: Callable[[list[str]], bool] | None = None,
    header_row: int | None = None,
) -> RawTable:
    """Open a CSV or spreadsheet file and read its header row.

    The header is the first row with at least ``header_cells`` filled cells among the first
    :data:`~phbs.ingest.header_row.TITLE_ROWS` non-blank rows (rows above it, a title block,
    are skipped and kept in :attr:`RawTable.title_rows`), else the first non-blank row; a row
    that ``prefer`` accepts comes first (see :func:`~phbs.ingest.header_row.header_index`).
    ``header_row`` (1-based) fixes it, to open a file again as it was read. A first line
    ``sep=;`` (Excel's separator hint) is never the header.

    >>> from phbs.resources import data_path
    >>> open_table(data_path("contoh", "desa-tanah-bumbu.csv")).header[0]
    'kode_desa'

    Raises :class:`~phbs.errors.InputFileError` when the file is missing, empty, binary or
    has no header row.
    """
    file_path = Path(path)
    name = file_name(path)
    if not file_path.exists():
        raise InputFileError(f"{name}: berkas tidak ada", f"{name}: file not found")
    if file_path.is_dir():
        raise InputFileError(f"{name}: ini folder, bukan berkas", f"{name}: is a folder")
    if not file_path.is_file():
        # Opening a FIFO would wait for a writer forever.
        raise InputFileError(
            f"{name}: bukan berkas biasa (pipa, perangkat atau soket); simpan datanya ke "
            "berkas dulu",
            f"{name}: not a regular file (a pipe, device or socket); save the data to a file first",
        )
    if file_path.suffix.lower() in SPREADSHEET_SUFFIXES:
        # The spreadsheet readers (zip, XML, python-calamine) load only for a spreadsheet.
        from phbs.ingest.spreadsheet import open_spreadsheet

        held = hold_file(file_path, name)
        try:
            return open_spreadsheet(
                file_path, name, held.sha256, sheet, held, header_cells, prefer, header_row
            )
        except BaseException:
            held.close()
            raise
    if sheet is not None:
        raise InputFileError(
            f"{name}: lembar (--sheet, atau sheet di peta berkas) hanya untuk berkas Excel/ODS",
            f"{name}: a sheet (--sheet, or sheet in a mapping) applies to Excel/ODS files only",
        )
    source = _open_source(file_path, name)
    try:
        head = source.read()
        if not head:
            raise InputFileError(f"{name}: berkas kosong", f"{name}: file is empty")
        return open_csv(file_path, name, source, head, header_cells, prefer, header_row)
    except BaseException:
        source.close()
        raise


def _open_source(path: Path, name: str) -> Source:
    """Open a regular file for reading in blocks (see :class:`Source`)."""
    handle, before = open_regular(path, name)
    return Source(name, handle, before.st_size, before.st_mtime_ns)


if not TYPE_CHECKING:  # names of version 0.1, handed on with a warning for a release
    from phbs._moved import handed_on

    __getattr__ = handed_on(__name__)
