"""Reading an .xlsx/.xlsm worksheet row by row, in bounded memory.

The sheet's XML is inflated in blocks straight from the zip and cut at row ends; each block's
cells are found with one regular expression and turned into text the way
:func:`~phbs.ingest.calamine.cell_text` writes a spreadsheet value (``1`` not ``1.0``, dates as
``yyyy-mm-dd``), as the whole-sheet reader (python-calamine) gives them, which the tests
check cell by cell on workbooks from xlsxwriter, openpyxl, LibreOffice and hand-written XML.
Two cases differ on purpose: a negative number in a date format stays a number (there is no
such date), and a time just short of midnight stays 23:59:59.999 (not 00:00). Only the shared
strings are held, as one UTF-8 buffer with offsets (values: :mod:`phbs.ingest.xlsx_values`;
merged ranges and formula cells: :mod:`phbs.ingest.xlsx_extras`; the workbook and its sheets:
:mod:`phbs.ingest.xlsx_book`).

A cell's position comes from its reference (``r="C7"``), so a value placed far away costs
nothing: rows that are not in the file are not made, and a column past
:data:`~phbs.ingest.limits.Limits.columns` is refused (python-calamine allocates the whole
rectangle up to the farthest cell, which a 2 KB file can make 512 GB).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from phbs.errors import InputFileError
from phbs.ingest.grid import Grid
from phbs.ingest.limits import Limits, Place, cell_too_long, row_too_large, too_wide
from phbs.ingest.sheet_xml import attributes, column_index, unescape
from phbs.ingest.xlsx_fast import StringTable, block_grid
from phbs.ingest.xlsx_values import (
    BLOCK,
    PHONETIC,
    ROW_END,
    TEXT,
    SharedStrings,
    iso_text,
    last_end,
    number_text,
    serial_text,
)

# A row's start tag, or a cell: its attributes and its content.
_TOKEN = re.compile(
    rb'<c r="([A-Z]{1,3})\d+"(?: s="(\d+)")?(?: t="(\w+)")?>'
    rb"(?:<v>([^<]*)</v>|<is><t>([^<]*)</t></is>)</c>"
    rb"|<(?:\w+:)?row\b([^>]*>)"
    rb"|<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)",
    re.DOTALL,
)
_VALUE = re.compile(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.DOTALL)
_Pieces = list[Grid | tuple[int, int]] | None
#: Shared strings kept decoded (the answers, village codes and names that repeat).
_CACHED_STRINGS = 65_536


def _no_values(text: bytes) -> bool:
    """Whether a block of rows holds no cell value at all: no ``<v>``, no inline string, no
    formula (in any namespace spelling)."""
    return not any(mark in text for mark in (b"<v", b":v", b"<is", b":is", b"<f", b":f"))


@dataclass
class XlsxSheet:
    """One worksheet of an open .xlsx archive, read row by row (:meth:`rows`)."""

    archive: zipfile.ZipFile
    part: str
    name: str
    strings: SharedStrings
    styles: dict[bytes, str]
    date1904: bool
    limits: Limits
    file: str
    _columns: dict[bytes, int] = field(default_factory=dict)
    _cache: dict[bytes, str] = field(default_factory=dict)
    #: Set once the header is known: later blocks are read as grids of this many cells
    #: where they can be (:mod:`phbs.ingest.xlsx_fast`).
    fast_width: int | None = None
    _table: StringTable | None = None

    def _column(self, letters: bytes, row: int) -> int:
        found = self._columns.get(letters)
        if found is None:
            if not letters.isalpha() or not letters.isascii():
                return -1
            found = column_index(letters)
            if found >= self.limits.columns:
                raise too_wide(Place(self.file, self.name, row), found + 1)
            self._columns[letters] = found
        return found

    def rows(self) -> Iterator[tuple[int, list[str]] | Grid]:
        """The sheet's rows that hold a cell, as ``(row_number, cells)``; a row's cells up to
        its last one written (blank in between). Once :attr:`fast_width` is set, a block of
        rows may come as one grid instead."""
        state = [0]  # the last row number seen
        for text in self._texts():
            yield from self._read(text, state)

    def _texts(self) -> Iterator[bytes]:
        """The sheet's XML in blocks cut after a row's end (the last one: what follows)."""
        with self.archive.open(self.part) as handle:
            rest = b""
            for block in iter(lambda: handle.read(BLOCK), b""):
                text = rest + block
                cut = last_end(text, ROW_END, len(block))
                if cut < 0:
                    if len(text) > self.limits.row_bytes:
                        raise row_too_large(Place(self.file, self.name), self.limits.row_bytes)
                    rest = text
                    continue
                yield text[:cut]
                rest = text[cut:]
            if rest:
                yield rest

    def _read(self, text: bytes, state: list[int]) -> Iterator[tuple[int, list[str]] | Grid]:
        """The rows of one block, in order after those of the blocks before."""
        if _no_values(text):
            # Only formatting (Excel writes blank styled cells down a formatted
            # area): rows without a value, which the reader would skip one by one.
            last = text.rfind(b'<row r="')
            number = text[last + 8 : text.find(b'"', last + 8)] if last >= 0 else b""
            if number.isdigit():
                state[0] = int(number)
                return
        pieces = self._grid(text, state[0] + 1, self.fast_width) if self.fast_width else None
        if pieces is None:
            yield from self._block(text, state)
            return
        for piece in pieces:
            if isinstance(piece, Grid):
                state[0] = int(piece.rows[-1])
                yield piece
            else:
                yield from self._block(text[piece[0] : piece[1]], state)

    def _grid(self, text: bytes, first_row: int, width: int) -> _Pieces:
        if self._table is None:
            offsets = np.frombuffer(self.strings.offsets.tobytes(), dtype=np.int64)
            self._table = StringTable.of(bytes(self.strings.data), offsets)
        return block_grid(
            text,
            width,
            first_row,
            self._table,
            self._number,
            self.limits.cell_chars,
            self.limits.columns,
        )

    def _block(self, text: bytes, state: list[int]) -> Iterator[tuple[int, list[str]]]:
        row_number = state[0]
        cells: list[str] | None = None
        position = 0  # the column after the last cell of the row
        out: list[tuple[int, list[str]]] = []
        columns, cache = self._columns, self._cache
        limit = self.limits.cell_chars
        for letters, style, kind, number, inline, row_attrs, attrs, body in _TOKEN.findall(text):
            if letters:
                # The usual cell: a reference, maybe a style and a type, one value.
                column = columns.get(letters)
                if column is None:
                    column = self._column(letters, row_number)
                if kind == b"s":
                    value = cache.get(number)
                    if value is None:
                        value = self._shared(number)
                elif kind == b"inlineStr":
                    if len(inline) > limit:
                        raise self._too_long(row_number)
                    value = (
                        unescape(inline)
                        if b"&" in inline or b"_x" in inline
                        else (inline.decode("utf-8", "replace"))
                    )
                elif not kind or kind == b"n":
                    if not style and number.isdigit() and len(number) < 16 and (number[:1] != b"0"):
                        value = number.decode()
                    else:
                        value = self._number(number, style)
                else:
                    value = self._text(kind, style, number)
            elif row_attrs:
                if cells:
                    out.append((row_number, cells))
                at = row_attrs.find(b' r="')
                if at >= 0:
                    found = row_attrs[at + 4 : row_attrs.find(b'"', at + 4)]
                elif b"r" in row_attrs:  # another spelling: r='3', r = "3"
                    found = attributes(row_attrs).get("r", "").strip().encode()
                else:
                    found = b""
                row_number = int(found) if found.isdigit() else row_number + 1
                cells = None if row_attrs.endswith(b"/>") else []
                position = 0
                continue
            else:
                at = attrs.find(b' r="')
                column = -1
                reference = b""
                if at >= 0:
                    reference = attrs[at + 4 : attrs.find(b'"', at + 4)]
                elif b"r" in attrs:  # another spelling: r='B3', r = "B3"
                    reference = attributes(attrs).get("r", "").strip().encode()
                if reference:
                    column = self._column(reference.rstrip(b"0123456789"), row_number)
                value = self._general(attrs, body, row_number)
            if cells is None:
                cells = []
                position = 0
            if column < 0:
                column = position  # a cell without a reference follows the one before
            position = column + 1
            if column == len(cells):
                cells.append(value)
            elif column > len(cells):
                if value:
                    cells.extend([""] * (column - len(cells)))
                    cells.append(value)
            elif value:
                cells[column] = value
        if cells:
            out.append((row_number, cells))
        state[0] = row_number
        for number_, row in out:
            while row and not row[-1]:
                row.pop()
            if row:
                yield number_, row

    def _too_long(self, row: int) -> InputFileError:
        return cell_too_long(Place(self.file, self.name, row))

    def _shared(self, number: bytes) -> str:
        try:
            value = self.strings[int(number)]
        except (ValueError, IndexError):
            return ""
        if len(value) > self.limits.cell_chars:
            raise self._too_long(0)
        if len(self._cache) < _CACHED_STRINGS:
            self._cache[number] = value
        return value

    def _number(self, number: bytes, style: bytes) -> str:
        if not number:
            return ""
        date = self.styles.get(style) if style else None
        try:
            value = float(number)
        except ValueError:
            return unescape(number)
        return serial_text(value, date, self.date1904) if date else number_text(value)

    def _text(self, kind: bytes, style: bytes, value: bytes) -> str:
        """A cell of another type (boolean, error, ISO date, a formula's text)."""
        if kind == b"b":
            return "true" if value.strip() in (b"1", b"true") else "false"
        if kind == b"e":
            return ""
        if kind == b"d":
            return iso_text(unescape(value))
        if kind in (b"", b"n"):
            return self._number(value, style)
        if kind == b"s":
            return self._shared(value)
        return unescape(value)  # "str": a formula's text result

    def _general(self, attrs: bytes, body: bytes, row: int) -> str:
        """A cell in any other spelling: attributes in another order or quoting, a formula,
        rich text, a namespace prefix."""
        found = attributes(attrs)
        kind = found.get("t", "").encode()
        style = found.get("s", "").encode()
        if kind == b"inlineStr":
            if b"<rPh" in body or b":rPh" in body:
                body = PHONETIC.sub(b"", body)
            text = "".join(unescape(part) for part in TEXT.findall(body))
            if len(text) > self.limits.cell_chars:
                raise self._too_long(row)
            return text
        value = _VALUE.search(body)
        if value is None:
            return ""
        if len(value.group(1)) > self.limits.cell_chars:
            raise self._too_long(row)
        return self._text(kind, style, value.group(1))


if not TYPE_CHECKING:  # names of version 0.1, handed on with a warning for a release
    from phbs._moved import handed_on

    __getattr__ = handed_on(__name__)
