"""Readers that turn a CSV or spreadsheet file into a header and rows of text cells.

Each reader yields ``(row_number, cells)`` where ``row_number`` is the row a user sees in a
spreadsheet (header = row 1; blank lines above the header and a line break inside a quoted
cell are counted as a spreadsheet program shows them), so every issue can point at the right
place. Cells are text:
numbers from a spreadsheet are written the way a person would type them (``1``, not
``1.0``), dates as ISO ``yyyy-mm-dd``.

CSV: UTF-8 with or without BOM, falling back line by line to Windows-1252; separator ``,``,
``;`` or tab, detected from the first lines. Spreadsheets (xlsx, xlsm, xls, ods) are read
with python-calamine: the first sheet unless a sheet is named.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from phbs.errors import InputFileError

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
_DELIMITERS = (",", ";", "\t")
_SNIFF_LINES = 50
# Large enough for any real cell, small enough that a binary file fails fast.
_FIELD_LIMIT = 1_000_000


@dataclass
class RawTable:
    """A table being read: its header and an iterator over its data rows.

    ``rows`` yields ``(row_number, cells)``; fully blank trailing rows are not yielded.
    ``mixed_encoding_rows`` lists rows that were not valid UTF-8 and were decoded as
    Windows-1252 in a file that is otherwise UTF-8; it is complete once ``rows`` is exhausted.
    """

    name: str
    path: Path
    sha256: str
    format: str
    header: list[str]
    header_row: int
    rows: Iterator[tuple[int, list[str]]]
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    mixed_encoding_rows: list[int] = field(default_factory=list)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def open_table(path: str | Path, *, sheet: str | None = None) -> RawTable:
    """Open a CSV or spreadsheet file and read its header row.

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
    try:
        sha = file_sha256(file_path)
    except OSError as exc:
        raise InputFileError(
            f"{name}: berkas tidak dapat dibaca ({exc.strerror})",
            f"{name}: file cannot be read ({exc.strerror})",
        ) from None
    if file_path.stat().st_size == 0:
        raise InputFileError(f"{name}: berkas kosong", f"{name}: file is empty")
    if file_path.suffix.lower() in SPREADSHEET_SUFFIXES:
        return _open_spreadsheet(file_path, name, sha, sheet)
    if sheet is not None:
        raise InputFileError(
            f"{name}: --sheet hanya untuk berkas Excel/ODS",
            f"{name}: --sheet applies to Excel/ODS files only",
        )
    return _open_csv(file_path, name, sha)


# --- CSV -----------------------------------------------------------------------------------


def _decode_line(raw: bytes, first: bool) -> tuple[str, bool]:
    """Decode one physical line: UTF-8 (BOM stripped) or Windows-1252. Returns (text, utf8)."""
    if first and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), False


def _physical_lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        head = handle.read(65536)
        handle.seek(0)
        if b"\r" in head and b"\n" not in head:
            # Old Mac line endings: split on CR.
            data = handle.read()
            yield from (line + b"\n" for line in data.split(b"\r"))
            return
        yield from handle


def _looks_binary(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(8192)
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return True
    return b"\x00" in head


# A line holding only separators, quotes and spaces is blank whatever the separator is.
_BLANK_LINE = str.maketrans("", "", ',;\t" \r\n')


def _is_blank_line(text: str) -> bool:
    return not text.translate(_BLANK_LINE)


def _sniff_delimiter(lines: list[str]) -> str:
    """Pick the separator that gives the widest header with consistent row widths."""
    lines = [line for line in lines if not _is_blank_line(line)]
    best = (",", -1.0, 0)
    for delimiter in _DELIMITERS:
        try:
            parsed = [
                r for r in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in r)
            ]
        except csv.Error:
            continue
        if not parsed:
            continue
        width = len(parsed[0])
        if width < 2:
            continue
        body = parsed[1:] or parsed
        consistent = sum(1 for r in body if len(r) == width) / len(body)
        score = (consistent >= 0.8, width)
        if score > (best[1] >= 0.8, best[2]):
            best = (delimiter, consistent, width)
    return best[0]


def _open_csv(path: Path, name: str, sha: str) -> RawTable:
    if _looks_binary(path):
        raise InputFileError(
            f"{name}: bukan berkas CSV teks (isinya biner; simpan ulang sebagai CSV atau "
            "beri akhiran .xlsx bila ini berkas Excel)",
            f"{name}: not a text CSV file (binary content; save it as CSV, or name it .xlsx "
            "if it is an Excel file)",
        )
    with path.open("rb") as handle:
        has_bom = handle.read(3) == codecs.BOM_UTF8
    sample: list[str] = []
    for index, raw in enumerate(_physical_lines(path)):
        sample.append(_decode_line(raw, index == 0)[0])
        if index >= _SNIFF_LINES:
            break
    delimiter = _sniff_delimiter(sample)
    table = RawTable(
        name=name,
        path=path,
        sha256=sha,
        format="csv",
        header=[],
        header_row=1,
        rows=iter(()),
        encoding="utf-8-sig" if has_bom else "utf-8",
        delimiter=delimiter,
    )
    records = _csv_records(path, name, delimiter, table, has_bom)
    header_found = False
    for row_number, cells in records:
        if any(c.strip() for c in cells) and not _is_blank_line("".join(cells)):
            table.header = cells
            table.header_row = row_number
            header_found = True
            break
    if not header_found:
        raise InputFileError(f"{name}: tidak ada baris judul", f"{name}: no header row")
    table.rows = _trim_trailing_blanks(records)
    return table


def _csv_records(
    path: Path, name: str, delimiter: str, table: RawTable, has_bom: bool
) -> Iterator[tuple[int, list[str]]]:
    """Parse records, numbering them as a spreadsheet program shows them.

    A spreadsheet shows one row per record (a quoted cell holding a line break stays in its
    row) and one row per blank line, so record *n* of the file is row *n*, whatever the
    number of physical lines before it (DOMAIN.md §4: the row number a user sees).

    Each physical line is decoded on its own, UTF-8 first, so a file that is Windows-1252
    throughout is read as such; a file that also has non-ASCII UTF-8 lines (or a UTF-8 BOM)
    has mixed encodings, and its Windows-1252 rows are listed in ``mixed_encoding_rows``.
    """
    state = {"line": 0, "record": 1, "record_first_line": 1, "utf8_non_ascii": 0}
    cp1252_rows: list[int] = []

    def lines() -> Iterator[str]:
        for raw in _physical_lines(path):
            state["line"] += 1
            text, utf8 = _decode_line(raw, state["line"] == 1)
            if not utf8:
                if not cp1252_rows or cp1252_rows[-1] != state["record"]:
                    cp1252_rows.append(state["record"])
            elif not text.isascii():
                state["utf8_non_ascii"] += 1
            yield text

    csv.field_size_limit(_FIELD_LIMIT)
    reader = csv.reader(lines(), delimiter=delimiter)
    # Hold one record back: only at the end is it known whether the last record ran into
    # the end of the file inside an unclosed quote.
    held: tuple[int, list[str], int] | None = None
    try:
        for cells in reader:
            if held is not None:
                yield held[0], held[1]
            held = (state["record"], cells, state["line"] - state["record_first_line"])
            state["record"] += 1
            state["record_first_line"] = state["line"] + 1
    except csv.Error as exc:
        raise InputFileError(
            f"{name} baris {state['record']}: CSV rusak ({exc})",
            f"{name} row {state['record']}: malformed CSV ({exc})",
        ) from None
    if held is not None:
        row_number, cells, extra_lines = held
        if extra_lines and cells and cells[-1].endswith(("\n", "\r")):
            raise InputFileError(
                f'{name} baris {row_number}: tanda kutip (") tidak ditutup; semua baris '
                "sesudahnya masuk ke satu sel. Perbaiki tanda kutip lalu simpan ulang.",
                f'{name} row {row_number}: a quote (") is never closed, so every later line '
                "falls into one cell. Fix the quote and save the file again.",
            )
        yield row_number, cells
    if cp1252_rows:
        if has_bom or state["utf8_non_ascii"]:
            table.mixed_encoding_rows.extend(cp1252_rows)
        else:
            table.encoding = "cp1252"


def _trim_trailing_blanks(
    rows: Iterator[tuple[int, list[str]]],
) -> Iterator[tuple[int, list[str]]]:
    """Yield rows, holding back blank ones until a non-blank row follows."""
    pending: list[tuple[int, list[str]]] = []
    for row_number, cells in rows:
        if any(c.strip() for c in cells):
            yield from pending
            pending.clear()
            yield row_number, cells
        else:
            pending.append((row_number, cells))


# --- spreadsheets --------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """A spreadsheet value as the text a person would have typed.

    >>> cell_text(1.0), cell_text(2.5), cell_text(dt.date(2025, 8, 14)), cell_text(True)
    ('1', '2.5', '2025-08-14', 'true')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # Whole numbers up to 2**53 are exact in a float: a 16-digit KK number stays whole.
        if value.is_integer() and abs(value) <= 2**53:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _open_spreadsheet(path: Path, name: str, sha: str, sheet: str | None) -> RawTable:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several error types for broken files
        raise InputFileError(
            f"{name}: berkas spreadsheet rusak, terkunci kata sandi, atau bukan format "
            f"{path.suffix} ({type(exc).__name__})",
            f"{name}: spreadsheet is corrupt, password-protected, or not really "
            f"{path.suffix} ({type(exc).__name__})",
        ) from None
    names = list(workbook.sheet_names)
    if not names:
        raise InputFileError(f"{name}: tidak ada lembar kerja", f"{name}: no worksheet")
    chosen = names[0] if sheet is None else sheet
    if chosen not in names:
        listed = ", ".join(names)
        raise InputFileError(
            f"{name}: lembar '{chosen}' tidak ada (ada: {listed})",
            f"{name}: sheet '{chosen}' not found (sheets: {listed})",
        )
    try:
        data = workbook.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    except Exception as exc:
        raise InputFileError(
            f"{name}: lembar '{chosen}' tidak dapat dibaca ({type(exc).__name__})",
            f"{name}: sheet '{chosen}' cannot be read ({type(exc).__name__})",
        ) from None
    numbered = ((i + 1, [cell_text(v) for v in row]) for i, row in enumerate(data))
    for row_number, cells in numbered:
        if any(c.strip() for c in cells):
            return RawTable(
                name=name,
                path=path,
                sha256=sha,
                format=path.suffix.lower().lstrip("."),
                header=cells,
                header_row=row_number,
                rows=_trim_trailing_blanks(numbered),
                sheet=chosen,
            )
    raise InputFileError(f"{name}: lembar '{chosen}' kosong", f"{name}: sheet '{chosen}' is empty")
