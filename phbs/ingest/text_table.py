"""Opening a CSV file as a :class:`~phbs.ingest.raw_table.RawTable`.

The separator (``,``, ``;`` or tab) is sniffed from the first lines unless a first line
``sep=;`` gives it; the header row is found in the first segments; the rest is read in
segments by :class:`~phbs.ingest.csv_stream.CsvStream`. A UTF-16 text file with its BOM
(Excel's *Unicode Text*) is decoded whole and read row by row. A binary file is refused.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from itertools import chain, islice
from pathlib import Path

from phbs.errors import InputFileError
from phbs.ingest import limits
from phbs.ingest.csv_source import Source
from phbs.ingest.csv_stream import CELL_BREAK as _CELL_BREAK
from phbs.ingest.csv_stream import CsvStream, Rows, decode_line, too_many_cells
from phbs.ingest.grid import Grid
from phbs.ingest.header_row import SEP_HINT, TITLE_ROWS, check_header, header_index
from phbs.ingest.held import snapshot
from phbs.ingest.limits import too_many_blank_rows
from phbs.ingest.raw_table import RawTable, is_blank_row, rows_of, trim_trailing_blanks

_DELIMITERS = (",", ";", "\t")
_SNIFF_LINES = 50
# C0 control characters other than tab, line feed, form feed, carriage return and Ctrl-Z.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 26))


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
            with limits.csv_cells():
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


def open_csv(
    path: Path,
    name: str,
    source: Source,
    head: bytes,
    header_cells: int,
    prefer: Callable[[list[str]], bool] | None = None,
    header_row: int | None = None,
) -> RawTable:
    """Open a CSV file whose first block is ``head``: its separator, header row and rows."""
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
    hint = SEP_HINT.match(sample[0]) if sample else None
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
            k = header_index(texts, header_cells, prefer)
        if k is not None:
            table.header, table.header_row, rest = rows[k][1], rows[k][0], rows[k + 1 :]
            table.title_rows = [
                (number, " ".join(c.strip() for c in cells if c.strip()))
                for (number, cells), shown in zip(rows[:k], texts[:k], strict=True)
                if shown and not (number == 1 and SEP_HINT.match(",".join(cells)))
            ]
            break
    if not table.header:
        raise InputFileError(f"{name}: tidak ada baris judul", f"{name}: no header row")
    check_header(name, table.header, table.header_row)
    stream.width = len(table.header)
    if stream.read_again_after(table.header_row):
        rest = []  # read again, as grids
    table.segments = trim_trailing_blanks(
        _finish(chain([rest], segments), stream, table, has_bom), name
    )
    table.rows = rows_of(table.segments)
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
    rows = _utf16_rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), name)
    top = list(islice(rows, TITLE_ROWS * 4))
    texts = [[] if _is_blank_line("".join(cells)) else cells for cells in top]
    first = header_row - 1 if header_row is not None else header_index(texts, header_cells, prefer)
    if first is not None and first >= len(top):
        top += list(islice(rows, first + 1 - len(top)))
    if first is None or first >= len(top):
        raise InputFileError(f"{name}: tidak ada baris judul", f"{name}: no header row")
    check_header(name, top[first], first + 1)
    header = top[first]
    numbered = ((i + 1, cells) for i, cells in enumerate(chain(top, rows)))
    return RawTable(
        name=name,
        path=path,
        format="csv",
        header=header,
        header_row=first + 1,
        rows=_trim_trailing_blank_rows(islice(numbered, first + 1, None), name),
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
        while True:
            with limits.csv_cells():  # set per record: this generator is read lazily
                cells = next(records, None)
            if cells is None:
                return
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
    rows: Iterator[tuple[int, list[str]]], name: str
) -> Iterator[tuple[int, list[str]]]:
    """Yield rows, holding back blank ones until a non-blank row follows: blank rows at the
    end are dropped however many, more than :attr:`~phbs.ingest.limits.Limits.blank_rows`
    in a row with data after them are refused, as in a UTF-8 file
    (:func:`phbs.ingest.raw_table.trim_trailing_blanks`), and only that many are held."""
    limit = limits.current().blank_rows
    pending: Rows = []
    run, first = 0, 0
    for row_number, cells in rows:
        if is_blank_row(cells):
            run, first = run + 1, first if run else row_number
            if len(pending) < limit:
                pending.append((row_number, cells))
            continue
        if run > limit:
            raise too_many_blank_rows(name, first, run)
        yield from pending
        pending.clear()
        run = 0
        yield row_number, cells
