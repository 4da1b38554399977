"""Readers that turn a CSV or spreadsheet file into a header and rows of text cells.

Each reader yields ``(row_number, cells)`` where ``row_number`` is the row a user sees in a
spreadsheet (header = row 1; blank lines above the header and a line break inside a quoted
cell are counted as a spreadsheet program shows them), so every issue can point at the right
place. Cells are text:
numbers from a spreadsheet are written the way a person would type them (``1``, not
``1.0``), dates as ISO ``yyyy-mm-dd``.

CSV: UTF-8 with or without BOM, falling back line by line to Windows-1252; separator ``,``,
``;`` or tab, detected from the first lines; read in blocks (:mod:`phbs.ingest.csv_stream`).
Spreadsheets (xlsx, xlsm, ods row by row, xls whole; see :mod:`phbs.ingest.workbook`): the
one sheet that holds the survey unless a sheet is named.

A file is read once, through one handle, and everything (checksum, separator, header, rows)
comes from those bytes: a file that is replaced after it was opened cannot mix two versions,
and one that changes *while* it is read is refused (its size or modification time moved),
never half read. Every bound on what a file may make the reader do is in
:mod:`phbs.ingest.limits`. Anything a user can hand over — a folder, a FIFO,
a binary or encrypted file, a cut-off CSV, a cell over a million characters — ends in an
:class:`~phbs.errors.InputFileError` naming the file and what is wrong (see SECURITY.md).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from phbs.errors import InputFileError
from phbs.ingest import limits
from phbs.ingest.book import Book, Item, Ranges
from phbs.ingest.csv_source import Source
from phbs.ingest.csv_stream import CELL_BREAK as _CELL_BREAK
from phbs.ingest.csv_stream import CsvStream, Rows, decode_line, too_many_cells
from phbs.ingest.grid import Grid
from phbs.ingest.held import HeldFile, hold_file, open_regular, snapshot
from phbs.ingest.limits import too_many_blank_rows
from phbs.ingest.sheet_xml import cell_name
from phbs.ingest.workbook import dense, fill_merged, open_book, rows_of
from phbs.ingest.workbook import segments as workbook_segments

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
_DELIMITERS = (",", ";", "\t")
_SNIFF_LINES = 50
# C0 control characters other than tab, line feed, form feed, carriage return and Ctrl-Z.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 26))
# A full village code (docs/aturan.md §9.1) is never a column name: a header holding one is data.
_VILLAGE_CODE = re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}|\d{10}")


@dataclass
class RawTable:
    """A table being read: its header and an iterator over its data rows.

    ``rows`` yields ``(row_number, cells)``; fully blank trailing rows are not yielded.
    A CSV file also offers ``segments``, the same records as grids and lists of rows
    (:mod:`phbs.ingest.csv_stream`); reading one advances the other. ``mixed_encoding_rows``
    lists rows that were not valid UTF-8 and were decoded as Windows-1252 in a file that is
    otherwise UTF-8, and ``encoding`` is final, once the rows are exhausted; ``sha256`` reads
    any rows left first, so it is the checksum of exactly the bytes read.
    """

    name: str
    path: Path
    format: str
    header: list[str]
    header_row: int
    rows: Iterator[tuple[int, list[str]]]
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    mixed_encoding_rows: list[int] = field(default_factory=list)
    #: Records whose NUL bytes were removed (known once the rows are exhausted).
    nul_rows: list[int] = field(default_factory=list)
    segments: Iterator[Grid | Rows] | None = None
    source: Source | None = None
    fixed_sha256: str = ""
    #: The sheets of a workbook, in order (empty for a CSV file).
    sheets: list[str] = field(default_factory=list)
    #: Cells of an .xlsx sheet read as blank although they are not: ``(cell, kind)`` with
    #: ``kind`` ``error`` (#N/A, #REF!, ...) or ``uncached`` (a formula saved without its
    #: value, by a program that does not calculate).
    formula_cells: list[tuple[str, str]] = field(default_factory=list)
    #: Merged ranges below the header whose cells were given their first cell's value.
    merged_ranges: list[str] = field(default_factory=list)
    #: Non-blank rows above the header (a title block), as ``(row, text)``.
    title_rows: list[tuple[int, str]] = field(default_factory=list)
    #: The open workbook file rows are read from (closed with :meth:`close`).
    held: HeldFile | None = None

    @property
    def sha256(self) -> str:
        """SHA-256 of the file's bytes as read."""
        if self.source is None:
            return self.fixed_sha256
        if not self.source.done:
            for _ in self.rows:
                pass
        return self.source.sha256

    def close(self) -> None:
        """Stop reading (the file handle of a large CSV or of a workbook is closed)."""
        if self.source is not None:
            self.source.close()
        if self.held is not None:
            self.held.close()


def _watched(segments: Iterator[Grid | Rows], held: HeldFile) -> Iterator[Grid | Rows]:
    """Pass segments on; at the end, refuse the file if it changed while read; close it."""
    try:
        yield from segments
        held.check()
    finally:
        held.close()


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
    :data:`TITLE_ROWS` non-blank rows (rows above it, a title block, are skipped and kept in
    :attr:`RawTable.title_rows`), else the first non-blank row; a row that ``prefer``
    accepts comes first (see :func:`_header_index`). ``header_row`` (1-based) fixes it, to
    open a file again as it was read. A first line ``sep=;`` (Excel's separator hint) is
    never the header.

    >>> from phbs.resources import data_path
    >>> open_table(data_path("contoh", "desa-tanah-bumbu.csv")).header[0]
    'kode_desa'

    Raises :class:`~phbs.errors.InputFileError` when the file is missing, empty, binary or
    has no header row.
    """
    file_path = Path(path)
    name = str(path)
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
        held = hold_file(file_path, name)
        try:
            return _open_spreadsheet(
                file_path, name, held.sha256, sheet, held, header_cells, prefer, header_row
            )
        except BaseException:
            held.close()
            raise
    if sheet is not None:
        raise InputFileError(
            f"{name}: --sheet hanya untuk berkas Excel/ODS",
            f"{name}: --sheet applies to Excel/ODS files only",
        )
    source = _open_source(file_path, name)
    try:
        head = source.read()
        if not head:
            raise InputFileError(f"{name}: berkas kosong", f"{name}: file is empty")
        return _open_csv(file_path, name, source, head, header_cells, prefer, header_row)
    except BaseException:
        source.close()
        raise


def _open_source(path: Path, name: str) -> Source:
    """Open a regular file for reading in blocks (see :class:`Source`)."""
    handle, before = open_regular(path, name)
    return Source(name, handle, before.st_size, before.st_mtime_ns)


# --- CSV -----------------------------------------------------------------------------------


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return True
    # Text has at most a stray control character or NUL byte (removed and flagged per row,
    # `karakter-nul`); a binary file, or UTF-16 without its BOM, is full of them.
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(4, len(head) // 100) or controls * 10 > len(head)


# A line holding only separators, quotes and spaces is blank whatever the separator is.
_BLANK_LINE = str.maketrans("", "", ',;\t" \r\n')


#: Non-blank rows at the top of a file searched for the header row.
TITLE_ROWS = 20
_SEP_HINT = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)


def _header_index(
    rows: list[list[str]],
    header_cells: int,
    prefer: Callable[[list[str]], bool] | None = None,
) -> int | None:
    """The index in ``rows`` of the header, among the first :data:`TITLE_ROWS` non-blank
    rows: the first that ``prefer`` accepts (the survey's own header, past a title block or
    a row of group names), else the first with ``header_cells`` filled cells, else the
    first non-blank row.

    >>> _header_index([["REKAP PHBS"], [], ["id", "kode", "air"], ["1", "2", "3"]], 3)
    2
    >>> _header_index([["Petunjuk"], ["1. Isi satu baris"]], 3)
    0
    >>> _header_index([["Identitas", "", "Lingkungan"], ["id", "kode", "air"]], 2,
    ...               prefer=lambda cells: "id" in cells)
    1
    """
    first: int | None = None
    enough: int | None = None
    seen = 0
    for index, cells in enumerate(rows):
        filled = sum(1 for c in cells if c.strip())
        if not filled or (index == 0 and len(cells) <= 2 and _SEP_HINT.match(",".join(cells))):
            continue
        if first is None:
            first = index
        if prefer is not None and prefer(cells):
            return index
        if enough is None and filled >= header_cells:
            enough = index
            if prefer is None:
                return index
        seen += 1
        if seen >= TITLE_ROWS:
            break
    return enough if enough is not None else first


def _is_blank_line(text: str) -> bool:
    return not text.translate(_BLANK_LINE)


_bare_cr = re.compile(r"\r(?!\n|$)")


def _sniff_delimiter(lines: list[str]) -> str:
    """Pick the separator that gives the widest header with consistent row widths (a title
    block above the header is not the header)."""
    # A bare CR inside a cell (a line break typed in it) would stop csv: a space here.
    lines = [_bare_cr.sub(" ", line) for line in lines if not _is_blank_line(line)]
    best = (",", -1.0, 0)
    for delimiter in _DELIMITERS:
        try:
            parsed = [
                r for r in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in r)
            ]
        except csv.Error:
            continue
        # The header: the first row this separator splits, past a title block.
        start = next((i for i, r in enumerate(parsed[:TITLE_ROWS]) if len(r) >= 2), None)
        if start is None:
            continue
        width = len(parsed[start])
        body = parsed[start + 1 :] or parsed[start:]
        consistent = sum(1 for r in body if len(r) == width) / len(body)
        score = (consistent >= 0.8, width)
        if score > (best[1] >= 0.8, best[2]):
            best = (delimiter, consistent, width)
    return best[0]


def _open_csv(
    path: Path,
    name: str,
    source: Source,
    head: bytes,
    header_cells: int,
    prefer: Callable[[list[str]], bool] | None = None,
    header_row: int | None = None,
) -> RawTable:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        source.close()
        return _open_utf16(path, name, header_cells, prefer, header_row)
    if _looks_binary(head):
        raise InputFileError(
            f"{name}: bukan berkas CSV teks (isinya biner; simpan ulang sebagai CSV atau "
            "beri akhiran .xlsx bila ini berkas Excel)",
            f"{name}: not a text CSV file (binary content; save it as CSV, or name it .xlsx "
            "if it is an Excel file)",
        )
    has_bom = head.startswith(codecs.BOM_UTF8)
    start = head[:65536]
    mac_line_ends = b"\r" in start and b"\n" not in start
    lines = start.split(b"\r") if mac_line_ends else start.split(b"\n")
    sample = [decode_line(raw, i == 0)[0] for i, raw in enumerate(lines[: _SNIFF_LINES + 1])]
    hint = _SEP_HINT.match(sample[0]) if sample else None
    delimiter = hint.group(1) if hint else _sniff_delimiter(sample)
    stream = CsvStream(source, delimiter, head, mac_line_ends)
    table = RawTable(
        name=name,
        path=path,
        format="csv",
        header=[],
        header_row=1,
        rows=iter(()),
        encoding="utf-8-sig" if has_bom else "utf-8",
        delimiter=delimiter,
        source=source,
    )
    segments = stream.segments()
    rest: Rows = []
    for item in segments:
        # Before the header is known every segment is read by csv (a list of rows).
        rows = item if isinstance(item, list) else []
        texts = [[] if _is_blank_line("".join(cells)) else cells for _, cells in rows]
        if header_row is not None:
            k = next((i for i, (number, _) in enumerate(rows) if number == header_row), None)
        else:
            k = _header_index(texts, header_cells, prefer)
        if k is not None:
            table.header, table.header_row, rest = rows[k][1], rows[k][0], rows[k + 1 :]
            table.title_rows = [
                (number, " ".join(c.strip() for c in cells if c.strip()))
                for (number, cells), shown in zip(rows[:k], texts[:k], strict=True)
                if shown and not (number == 1 and _SEP_HINT.match(",".join(cells)))
            ]
            break
    if not table.header:
        raise InputFileError(f"{name}: tidak ada baris judul", f"{name}: no header row")
    _check_header(name, table.header, table.header_row)
    stream.width = len(table.header)
    table.segments = _trim_trailing_blanks(
        _finish(chain([rest], segments), stream, table, has_bom), name
    )
    table.rows = _rows_of(table.segments)
    return table


def _finish(
    segments: Iterator[Grid | Rows], stream: CsvStream, table: RawTable, has_bom: bool
) -> Iterator[Grid | Rows]:
    """Pass segments on; at the end, settle the file's encoding (UTF-8, Windows-1252, mixed)."""
    yield from segments
    table.nul_rows.extend(stream.nul_rows)
    if stream.cp1252_rows:
        if has_bom or stream.utf8_non_ascii:
            table.mixed_encoding_rows.extend(stream.cp1252_rows)
        else:
            table.encoding = "cp1252"


def _rows_of(segments: Iterator[Grid | Rows]) -> Iterator[tuple[int, list[str]]]:
    """Records one by one, whichever way their segment was read."""
    for item in segments:
        if isinstance(item, Grid):
            for i in range(len(item)):
                yield int(item.rows[i]), item.cells(i)
        else:
            yield from item


def _check_header(name: str, header: list[str], row: int) -> None:
    """Refuse a first row that is data: it holds a full village code (docs/aturan.md §9.1)."""
    for cell in header:
        if _VILLAGE_CODE.fullmatch(cell.strip()):
            raise InputFileError(
                f"{name} baris {row}: baris judul tidak ada — baris pertama berisi data "
                f"('{cell.strip()}'); tambahkan baris nama kolom di atasnya",
                f"{name} row {row}: no header row — the first row holds data "
                f"('{cell.strip()}'); add a row of column names above it",
            )


def _is_blank_row(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def _trim_trailing_blanks(segments: Iterator[Grid | Rows], name: str) -> Iterator[Grid | Rows]:
    """Pass segments on, holding back blank rows until something non-blank follows.

    A grid never holds a blank record (:mod:`phbs.ingest.csv_stream`), so blank rows only
    come in lists. Blank rows at the end are dropped however many; more than
    :attr:`~phbs.ingest.limits.Limits.blank_rows` in a row with data after them are refused
    (:func:`~phbs.ingest.limits.too_many_blank_rows`), and only that many are ever held.
    """
    limit = limits.current().blank_rows
    pending: Rows = []
    skipped = 0  # blank rows past the limit, not held
    for item in segments:
        if isinstance(item, Grid):
            if skipped:
                raise too_many_blank_rows(name, pending[0][0], len(pending) + skipped)
            if pending:
                yield pending
                pending = []
            yield item
            continue
        last = len(item)
        while last and _is_blank_row(item[last - 1][1]):
            last -= 1
        if last:
            # A run of blank rows (maybe begun in earlier segments) that data follows.
            run, first = len(pending) + skipped, pending[0][0] if pending else 0
            for number, cells in item[:last]:
                if _is_blank_row(cells):
                    run, first = run + 1, first if run else number
                    continue
                if run > limit:
                    raise too_many_blank_rows(name, first, run)
                run = 0
            yield pending + item[:last] if pending else item[:last]
            pending, skipped = [], 0
        tail = item[last:]
        room = limit - len(pending)
        if len(tail) > room:
            skipped += len(tail) - max(room, 0)
            tail = tail[: max(room, 0)]
        pending += tail


def _open_utf16(
    path: Path,
    name: str,
    header_cells: int,
    prefer: Callable[[list[str]], bool] | None,
    header_row: int | None,
) -> RawTable:
    """A UTF-16 text file with its BOM (Excel's *Save As → Unicode Text*: tab-separated),
    decoded whole and read like any CSV, row by row; its checksum is of its own bytes."""
    # Decoded whole: Excel's "Unicode Text" of a survey is far smaller than the bound; a
    # larger one is better saved as CSV UTF-8, which is read in blocks.
    size = limits.current().utf16_bytes // 2**20
    if path.stat().st_size > limits.current().utf16_bytes:
        raise InputFileError(
            f"{name}: berkas teks UTF-16 lebih dari {size} MB; simpan ulang dari Excel sebagai "
            "'CSV UTF-8 (dipisah koma)' (atau --limit utf16-mb=N)",
            f"{name}: UTF-16 text file over {size} MB; save it again from Excel as 'CSV UTF-8 "
            "(Comma delimited)' (or --limit utf16-mb=N)",
        )
    data = snapshot(path, name)
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError:
        raise InputFileError(
            f"{name}: berkas teks UTF-16 yang rusak (tidak dapat diuraikan)",
            f"{name}: a damaged UTF-16 text file (cannot be decoded)",
        ) from None
    if "\x00" in text:
        raise InputFileError(
            f"{name}: bukan berkas CSV teks (berisi karakter NUL)",
            f"{name}: not a text CSV file (holds NUL characters)",
        )
    if "\n" in text:
        # Lines end in LF (or CRLF): a bare CR is a line break inside a cell.
        lines = text.split("\n")
        text = _bare_cr.sub(_CELL_BREAK, text)
    else:
        lines = text.split("\r")  # an old Mac file: CR ends the lines
    delimiter = _sniff_delimiter(lines[: _SNIFF_LINES + 1])
    del lines
    csv.field_size_limit(limits.current().cell_chars)
    rows = _utf16_rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), name)
    top = list(islice(rows, TITLE_ROWS * 4))
    texts = [[] if _is_blank_line("".join(cells)) else cells for cells in top]
    first = header_row - 1 if header_row is not None else _header_index(texts, header_cells, prefer)
    if first is not None and first >= len(top):
        top += list(islice(rows, first + 1 - len(top)))
    if first is None or first >= len(top):
        raise InputFileError(f"{name}: tidak ada baris judul", f"{name}: no header row")
    _check_header(name, top[first], first + 1)
    header = top[first]
    numbered = ((i + 1, cells) for i, cells in enumerate(chain(top, rows)))
    return RawTable(
        name=name,
        path=path,
        format="csv",
        header=header,
        header_row=first + 1,
        rows=_trim_trailing_blank_rows(islice(numbered, first + 1, None)),
        encoding="utf-16",
        delimiter=delimiter,
        fixed_sha256=hashlib.sha256(data).hexdigest(),
        title_rows=[
            (i + 1, " ".join(c.strip() for c in cells if c.strip()))
            for i, cells in enumerate(texts[:first])
            if cells
        ],
    )


def _utf16_rows(records: Iterator[list[str]], name: str) -> Iterator[list[str]]:
    """The records of a decoded UTF-16 text, each checked against the cell and column
    bounds; a line break typed inside a cell is restored."""
    columns = limits.current().columns
    row = 0
    try:
        for cells in records:
            row += 1
            if len(cells) > columns:
                raise too_many_cells(name, row, len(cells))
            if _CELL_BREAK in "".join(cells):
                yield [c.replace(_CELL_BREAK, "\n") for c in cells]
            else:
                yield cells
    except csv.Error as exc:
        limit = limits.current().cell_chars
        if "field limit" in str(exc):
            raise InputFileError(
                f"{name} baris {row + 1}: satu sel lebih dari {limits.thousands(limit)} karakter "
                "(--limit sel=N menaikkan batasnya)",
                f"{name} row {row + 1}: a cell is longer than {limit:,} characters "
                "(--limit sel=N raises the limit)",
            ) from None
        raise InputFileError(
            f"{name} baris {row + 1}: teks rusak ({exc})",
            f"{name} row {row + 1}: malformed text ({exc})",
        ) from None


def _trim_trailing_blank_rows(
    rows: Iterator[tuple[int, list[str]]],
) -> Iterator[tuple[int, list[str]]]:
    """Yield rows, holding back blank ones until a non-blank row follows."""
    pending: Rows = []
    for row_number, cells in rows:
        if _is_blank_row(cells):
            pending.append((row_number, cells))
        else:
            yield from pending
            pending.clear()
            yield row_number, cells


# --- spreadsheets --------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetHead:
    """A worksheet's name, whether it is visible, and its first non-blank row (if any)."""

    name: str
    visible: bool
    header: list[str] | None


def sheet_heads(
    path: str | Path,
    header_cells: int = 1,
    prefer: Callable[[list[str]], bool] | None = None,
    known: tuple[str, list[str]] | None = None,
) -> list[SheetHead]:
    """Every worksheet of a workbook with its header row (as :func:`open_table` finds it),
    from the first rows of each sheet only; ``known`` gives a sheet already open and its
    header, which is not read again.

    Raises :class:`~phbs.errors.InputFileError` when the workbook cannot be read.
    """
    file_path = Path(path)
    name = str(path)
    held = hold_file(file_path, name)
    try:
        return _sheet_heads(held, file_path, header_cells, prefer, known)
    finally:
        held.close()


def _sheet_heads(
    held: HeldFile,
    file_path: Path,
    header_cells: int,
    prefer: Callable[[list[str]], bool] | None,
    known: tuple[str, list[str]] | None,
) -> list[SheetHead]:
    name = held.name
    book = open_book(held, name, file_path.suffix.lower() or ".xlsx", limits.current())
    heads: list[SheetHead] = []
    for info in book.sheets:
        if known is not None and info.name == known[0]:
            heads.append(SheetHead(info.name, info.visible, known[1]))
            continue
        header: list[str] | None = None
        try:
            rows = dense(book.rows(info.name), name, limits.current().blank_rows)
            top = [_one(item)[1] for item in islice(rows, TITLE_ROWS * 4)]
            first = _header_index(top, header_cells, prefer)
            header = top[first] if first is not None else None
        except InputFileError:
            raise
        except Exception:  # a damaged sheet among others: it has no header to offer
            header = None
        heads.append(SheetHead(info.name, info.visible, header))
    return heads


#: Merged ranges and formula problems of sheets read lately, by file checksum and sheet: a
#: file is opened more than once in a run (its first rows for a sample, then all of them).
_EXTRAS: dict[tuple[str, str, limits.Limits], tuple[Ranges, list[tuple[str, str]]]] = {}


def _extras(book: Book, sha: str, sheet: str) -> tuple[Ranges, list[tuple[str, str]]]:
    key = (sha, sheet, limits.current())
    if key not in _EXTRAS:
        if len(_EXTRAS) >= 8:
            del _EXTRAS[next(iter(_EXTRAS))]
        _EXTRAS[key] = book.extras(sheet)
    ranges, problems = _EXTRAS[key]
    return list(ranges), list(problems)


def _filled(rows: list[list[str]], ranges: Ranges) -> list[list[str]]:
    """Copies of the first rows of a sheet with ``ranges`` merged down filled in."""
    widest = max((len(cells) for cells in rows), default=0)
    copies = ((i + 1, list(cells)) for i, cells in enumerate(rows))
    return [cells for _, cells in fill_merged(copies, ranges, widest)]


def _one(item: Item) -> tuple[int, list[str]]:
    """A row from a sheet's reader before :meth:`~phbs.ingest.workbook.Book.fast` was
    called (no grid can come yet)."""
    if isinstance(item, Grid):
        raise TypeError("a grid before the header was known")
    return item


def _open_spreadsheet(
    path: Path,
    name: str,
    sha: str,
    sheet: str | None,
    held: HeldFile,
    header_cells: int = 1,
    prefer: Callable[[list[str]], bool] | None = None,
    header_row: int | None = None,
) -> RawTable:
    book = open_book(held, name, path.suffix.lower(), limits.current())
    names = [info.name for info in book.sheets]
    if not names:
        raise InputFileError(f"{name}: tidak ada lembar kerja", f"{name}: no worksheet")
    if sheet is not None and sheet not in names:
        listed = ", ".join(names)
        raise InputFileError(
            f"{name}: lembar '{sheet}' tidak ada (ada: {listed})",
            f"{name}: sheet '{sheet}' not found (sheets: {listed})",
        )
    if sheet is not None:
        order = [sheet]
    else:
        # Without --sheet: the first visible sheet with data, then hidden ones.
        order = [i.name for i in book.sheets if i.visible]
        order += [i.name for i in book.sheets if not i.visible]
    fallback: str | None = None
    for chosen in order:
        rows = dense(rows_of(book, chosen, name), name, limits.current().blank_rows)
        ranges, formulas = _extras(book, sha, chosen)
        top = [_one(item)[1] for item in islice(rows, TITLE_ROWS * 4)]
        # A header of two rows whose first columns are merged down over both (identity
        # columns over a row of indicator names): those names belong to the second row too.
        # Only for finding the header; the data rows are filled from the header on, below.
        down = [r for r in ranges if r[0][0] < len(top) and r[0][1] == r[1][1]]
        down = [r for r in down if r[1][0] > r[0][0]]
        seen = _filled(top, down) if down else top
        if header_row is not None:
            while len(top) < header_row and (more := next(rows, None)) is not None:
                top.append(_one(more)[1])
            first: int | None = min(header_row, len(top)) - 1 if top else None
        else:
            first = _header_index(seen, header_cells, prefer)
        if first is not None and down:
            # The header and the rows above it, with the merges that end there.
            top = (
                _filled(top[: first + 1], [r for r in down if r[1][0] <= first]) + top[first + 1 :]
            )
        if first is None:
            # Nothing in the first rows: the first non-blank row further down, if any.
            for item in rows:
                number, cells = _one(item)
                top.append(cells)
                if any(c.strip() for c in cells):
                    first = number - 1
                    top = [[] for _ in range(first)] + [cells]
                    break
        if first is None:
            continue  # an empty sheet
        if sheet is None and sum(1 for c in top[first] if c.strip()) < header_cells:
            fallback = fallback or chosen  # only a title or notes: look at the others first
            continue
        header = list(top[first])
        _check_header(name, header, first + 1)
        below = [r for r in ranges if r[0][0] > first and r[0][1] < len(header)]
        below.sort()
        body: Iterator[Item] = chain(
            ((i + 1, cells) for i, cells in enumerate(top) if i > first), rows
        )
        if below:
            body = fill_merged(body, below, len(header))
        else:
            book.fast(chosen, len(header))
        segments = _watched(_trim_trailing_blanks(workbook_segments(body, len(header)), name), held)
        return RawTable(
            name=name,
            path=path,
            fixed_sha256=sha,
            format=path.suffix.lower().lstrip("."),
            header=header,
            header_row=first + 1,
            rows=_rows_of(segments),
            segments=segments,
            sheet=chosen,
            sheets=names,
            held=held,
            formula_cells=formulas,
            merged_ranges=[
                f"{cell_name(top_, left)}:{cell_name(bottom, right)}"
                for (top_, left), (bottom, right) in below
            ],
            title_rows=[
                (i + 1, " ".join(c.strip() for c in cells if c.strip()))
                for i, cells in enumerate(top[:first])
                if any(c.strip() for c in cells)
            ],
        )
    if fallback is not None:
        # No sheet has a header row of its own: the first with data is read as it is.
        return _open_spreadsheet(path, name, sha, fallback, held, header_cells, prefer)
    if sheet is None and len(names) > 1:
        raise InputFileError(f"{name}: semua lembar kosong", f"{name}: every sheet is empty")
    chosen = order[0]
    raise InputFileError(f"{name}: lembar '{chosen}' kosong", f"{name}: sheet '{chosen}' is empty")
