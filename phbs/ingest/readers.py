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

A file is read into memory once, through one handle, and everything (checksum, separator,
header, rows) comes from those bytes: a file that is replaced or cut after it was opened
cannot mix two versions, and one that changes *while* it is read is refused (its size or
modification time moved), never half read. Anything a user can hand over — a folder, a FIFO,
a binary or encrypted file, a cut-off CSV, a cell over a million characters — ends in an
:class:`~phbs.errors.InputFileError` naming the file and what is wrong (see SECURITY.md).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from phbs.errors import InputFileError

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
_DELIMITERS = (",", ";", "\t")
_SNIFF_LINES = 50
# Large enough for any real cell, small enough that a binary file fails fast.
_FIELD_LIMIT = 1_000_000
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted Office Open XML file is an OLE container holding these two streams.
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
# C0 control characters other than tab, line feed, form feed, carriage return and Ctrl-Z.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 26))
# A full village code (DOMAIN.md §5) is never a column name: a header holding one is data.
_VILLAGE_CODE = re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}|\d{10}")


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


def _read_all(handle: io.BufferedReader) -> bytes:
    """Read an open file to its end (a seam for tests that change a file mid-read)."""
    return handle.read()


def _snapshot(path: Path, name: str) -> bytes:
    """The file's bytes, read once; refused if it is not a regular file or changes meanwhile."""
    try:
        with path.open("rb") as handle:
            before = os.fstat(handle.fileno())
            if not stat.S_ISREG(before.st_mode):
                raise InputFileError(
                    f"{name}: bukan berkas biasa (pipa, perangkat atau soket); simpan datanya "
                    "ke berkas dulu",
                    f"{name}: not a regular file (a pipe, device or socket); save the data to "
                    "a file first",
                )
            data = _read_all(handle)
            after = os.fstat(handle.fileno())
    except OSError as exc:
        raise InputFileError(
            f"{name}: berkas tidak dapat dibaca ({exc.strerror})",
            f"{name}: file cannot be read ({exc.strerror})",
        ) from None
    moved = (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns)
    if moved or len(data) != after.st_size:
        raise InputFileError(
            f"{name}: berkas berubah saat dibaca (masih disalin atau disimpan?); tunggu "
            "sampai selesai lalu ulangi",
            f"{name}: file changed while being read (still being copied or saved?); wait "
            "until it is complete and try again",
        )
    return data


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
    if not file_path.is_file():
        # Opening a FIFO would wait for a writer forever.
        raise InputFileError(
            f"{name}: bukan berkas biasa (pipa, perangkat atau soket); simpan datanya ke "
            "berkas dulu",
            f"{name}: not a regular file (a pipe, device or socket); save the data to a file first",
        )
    data = _snapshot(file_path, name)
    if not data:
        raise InputFileError(f"{name}: berkas kosong", f"{name}: file is empty")
    sha = hashlib.sha256(data).hexdigest()
    if file_path.suffix.lower() in SPREADSHEET_SUFFIXES:
        return _open_spreadsheet(file_path, name, sha, sheet, data)
    if sheet is not None:
        raise InputFileError(
            f"{name}: --sheet hanya untuk berkas Excel/ODS",
            f"{name}: --sheet applies to Excel/ODS files only",
        )
    return _open_csv(file_path, name, sha, data)


# --- CSV -----------------------------------------------------------------------------------


def _decode_line(raw: bytes, first: bool) -> tuple[str, bool]:
    """Decode one physical line: UTF-8 (BOM stripped) or Windows-1252. Returns (text, utf8)."""
    if first and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), False


def _physical_lines(data: bytes) -> Iterator[bytes]:
    head = data[:65536]
    if b"\r" in head and b"\n" not in head:
        # Old Mac line endings: split on CR.
        yield from (line + b"\n" for line in data.split(b"\r"))
        return
    yield from io.BytesIO(data)


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return True
    if b"\x00" in head:
        return True
    # Text has at most a stray control character; a binary file is full of them.
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(4, len(head) // 100)


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


def _open_csv(path: Path, name: str, sha: str, data: bytes) -> RawTable:
    if _looks_binary(data):
        raise InputFileError(
            f"{name}: bukan berkas CSV teks (isinya biner; simpan ulang sebagai CSV atau "
            "beri akhiran .xlsx bila ini berkas Excel)",
            f"{name}: not a text CSV file (binary content; save it as CSV, or name it .xlsx "
            "if it is an Excel file)",
        )
    has_bom = data.startswith(codecs.BOM_UTF8)
    sample: list[str] = []
    for index, raw in enumerate(_physical_lines(data)):
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
    records = _csv_records(data, name, delimiter, table, has_bom)
    header_found = False
    for row_number, cells in records:
        if any(c.strip() for c in cells) and not _is_blank_line("".join(cells)):
            table.header = cells
            table.header_row = row_number
            header_found = True
            break
    if not header_found:
        raise InputFileError(f"{name}: tidak ada baris judul", f"{name}: no header row")
    _check_header(name, table.header, table.header_row)
    table.rows = _trim_trailing_blanks(records)
    return table


def _check_header(name: str, header: list[str], row: int) -> None:
    """Refuse a first row that is data: it holds a full village code (DOMAIN.md §5)."""
    for cell in header:
        if _VILLAGE_CODE.fullmatch(cell.strip()):
            raise InputFileError(
                f"{name} baris {row}: baris judul tidak ada — baris pertama berisi data "
                f"('{cell.strip()}'); tambahkan baris nama kolom di atasnya",
                f"{name} row {row}: no header row — the first row holds data "
                f"('{cell.strip()}'); add a row of column names above it",
            )


def _ends_inside_quotes(text: str, delimiter: str) -> bool:
    """Whether a record's text ends inside an open quoted cell (csv's lenient rules)."""
    state = "start"  # start of a cell, "plain" cell, "quoted" cell, "quote" seen in quoted
    for char in text:
        if state == "quoted":
            if char == '"':
                state = "quote"
        elif state == "quote":
            state = "quoted" if char == '"' else "start" if char == delimiter else "plain"
        elif char == delimiter:
            state = "start"
        elif state == "start" and char == '"':
            state = "quoted"
        elif char in "\r\n":
            state = "start"
        else:
            state = "plain"
    return state == "quoted"


def _csv_records(
    data: bytes, name: str, delimiter: str, table: RawTable, has_bom: bool
) -> Iterator[tuple[int, list[str]]]:
    """Parse records, numbering them as a spreadsheet program shows them.

    A spreadsheet shows one row per record (a quoted cell holding a line break stays in its
    row) and one row per blank line, so record *n* of the file is row *n*, whatever the
    number of physical lines before it (DOMAIN.md §4: the row number a user sees).

    Each physical line is decoded on its own, UTF-8 first, so a file that is Windows-1252
    throughout is read as such; a file that also has non-ASCII UTF-8 lines (or a UTF-8 BOM)
    has mixed encodings, and its Windows-1252 rows are listed in ``mixed_encoding_rows``.
    """
    state = {"line": 0, "record": 1, "utf8_non_ascii": 0}
    cp1252_rows: list[int] = []
    # The text of the record being parsed: only the last one is ever checked.
    record_text: list[str] = []

    def lines() -> Iterator[str]:
        for raw in _physical_lines(data):
            state["line"] += 1
            text, utf8 = _decode_line(raw, state["line"] == 1)
            record_text.append(text)
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
    held: tuple[int, list[str], str] | None = None
    try:
        for cells in reader:
            if held is not None:
                yield held[0], held[1]
            held = (state["record"], cells, "".join(record_text))
            record_text.clear()
            state["record"] += 1
    except csv.Error as exc:
        row = state["record"]
        if "field limit" in str(exc):
            raise InputFileError(
                f"{name} baris {row}: satu sel lebih dari 1.000.000 karakter; ini bukan "
                "isian survei (tanda kutip tidak ditutup, atau berkas rusak?)",
                f"{name} row {row}: a cell is longer than 1,000,000 characters; this is "
                "not a survey answer (an unclosed quote, or a damaged file?)",
            ) from None
        raise InputFileError(
            f"{name} baris {row}: CSV rusak ({exc})",
            f"{name} row {row}: malformed CSV ({exc})",
        ) from None
    if held is not None:
        row_number, cells, text = held
        if _ends_inside_quotes(text, delimiter):
            raise InputFileError(
                f'{name} baris {row_number}: tanda kutip (") tidak ditutup sampai akhir berkas '
                "(berkas terpotong, atau semua baris sesudahnya masuk ke satu sel). Perbaiki "
                "tanda kutip atau salin ulang berkasnya.",
                f'{name} row {row_number}: a quote (") is never closed before the end of the '
                "file (the file is cut off, or every later line falls into one cell). Fix the "
                "quote or copy the file again.",
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


def _open_spreadsheet(path: Path, name: str, sha: str, sheet: str | None, data: bytes) -> RawTable:
    from python_calamine import CalamineWorkbook

    if data.startswith(_OLE_SIGNATURE) and any(s in data for s in _ENCRYPTED_STREAMS):
        raise InputFileError(
            f"{name}: berkas Excel dilindungi kata sandi (terenkripsi); buka di Excel, hapus "
            "kata sandinya (Info > Protect Workbook), simpan, lalu ulangi",
            f"{name}: the Excel file is password-protected (encrypted); open it in Excel, "
            "remove the password (Info > Protect Workbook), save, and try again",
        )
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several error types for broken files
        if data.startswith(_OLE_SIGNATURE):
            raise InputFileError(
                f"{name}: berkas Excel terkunci kata sandi atau berkas .xls lama yang rusak "
                "(wadah OLE); hapus kata sandinya dan simpan ulang sebagai .xlsx",
                f"{name}: password-protected Excel file or a damaged old .xls file (an OLE "
                "container); remove the password and save it again as .xlsx",
            ) from None
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
        grid = workbook.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    except Exception as exc:
        raise InputFileError(
            f"{name}: lembar '{chosen}' tidak dapat dibaca ({type(exc).__name__})",
            f"{name}: sheet '{chosen}' cannot be read ({type(exc).__name__})",
        ) from None
    numbered = ((i + 1, [cell_text(v) for v in row]) for i, row in enumerate(grid))
    for row_number, cells in numbered:
        if any(c.strip() for c in cells):
            _check_header(name, cells, row_number)
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
