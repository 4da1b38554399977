"""Reading an .xlsx/.xlsm worksheet row by row, in bounded memory.

The sheet's XML is inflated in blocks straight from the zip and cut at row ends; each block's
cells are found with one regular expression and turned into text the way
:func:`~phbs.ingest.calamine.cell_text` writes a spreadsheet value (``1`` not ``1.0``, dates as
``yyyy-mm-dd``), as the whole-sheet reader (python-calamine) gives them, which the tests
check cell by cell on workbooks from xlsxwriter, openpyxl, LibreOffice and hand-written XML.
Two cases differ on purpose: a negative number in a date format stays a number (there is no
such date), and a time just short of midnight stays 23:59:59.999 (not 00:00). Only the shared
strings are held, as one UTF-8 buffer with offsets.

A cell's position comes from its reference (``r="C7"``), so a value placed far away costs
nothing: rows that are not in the file are not made, and a column past
:data:`~phbs.ingest.limits.Limits.columns` is refused (python-calamine allocates the whole
rectangle up to the farthest cell, which a 2 KB file can make 512 GB).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from phbs.errors import InputFileError
from phbs.ingest.book import Ranges, SheetInfo
from phbs.ingest.grid import Grid
from phbs.ingest.limits import (
    Limits,
    Place,
    cell_too_long,
    row_too_large,
    too_many_merged,
    too_wide,
)
from phbs.ingest.sheet_xml import (
    FORMULA_CELLS_LISTED,
    attributes,
    check_sizes,
    column_index,
    unescape,
)
from phbs.ingest.xlsx_fast import StringTable, block_grid

_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_ROW_END = re.compile(rb"</(?:\w+:)?row>")
# A row's start tag, or a cell: its attributes and its content.
_TOKEN = re.compile(
    rb'<c r="([A-Z]{1,3})\d+"(?: s="(\d+)")?(?: t="(\w+)")?>'
    rb"(?:<v>([^<]*)</v>|<is><t>([^<]*)</t></is>)</c>"
    rb"|<(?:\w+:)?row\b([^>]*>)"
    rb"|<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)",
    re.DOTALL,
)
_VALUE = re.compile(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.DOTALL)
_TEXT = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>|<(?:\w+:)?t\s*/>", re.DOTALL)
_PHONETIC = re.compile(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.DOTALL)
_STRING_END = re.compile(rb"</(?:\w+:)?si>")
_STRING_ITEM = re.compile(rb"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", re.DOTALL)
_REFERENCE = re.compile(rb"([A-Za-z]{1,4})(\d{1,8})")
_NUMFMT = re.compile(rb"<(?:\w+:)?numFmt\b[^>]*>")
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", re.DOTALL)
_XF = re.compile(rb"<(?:\w+:)?xf\b[^>]*>")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*>")
_DATE1904 = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*[\"'](?:1|true)[\"']")

#: Built-in number formats that show a date or time (ECMA-376 18.8.30): 14-22 and 45-47.
_BUILTIN_DATES = {*range(14, 23), 45, 46, 47}
#: Built-in formats of elapsed time (``[h]:mm:ss``).
_BUILTIN_ELAPSED = {46}
_BLOCK = 1 << 20
#: Shared strings kept decoded (the answers, village codes and names that repeat).
_CACHED_STRINGS = 65_536


def date_kind(code: str) -> str | None:
    """``"date"`` when a number format shows a date or time, ``"elapsed"`` for elapsed time
    (``[h]:mm``), else ``None``. Only the first section counts; quoted text, escaped
    characters and bracketed parts (colours, locales) are not format letters.

    >>> date_kind("dd/mm/yyyy"), date_kind('"Rp"#,##0'), date_kind("[h]:mm"), date_kind("0.00")
    ('date', None, 'elapsed', None)
    """
    quoted = escaped = False
    i = 0
    while i < len(code):
        char = code[i]
        if escaped:
            escaped = False
        elif quoted:
            quoted = char != '"'
        elif char in "\\_":
            escaped = True
        elif char == '"':
            quoted = True
        elif char == ";":
            return None
        elif char == "[":
            end = code.find("]", i)
            inside = code[i + 1 : end if end >= 0 else len(code)].lower()
            if inside and set(inside) <= {"h"} | {"m"} | {"s"} and len(set(inside)) == 1:
                return "elapsed"
            i = end if end >= 0 else len(code)
        elif (
            char.lower() in "dmyhs"
            or code[i : i + 5].lower() == "am/pm"
            or code[i : i + 3].lower() == "a/p"
        ):
            return "date"
        i += 1
    return None


def _serial_text(serial: float, kind: str, date1904: bool) -> str:
    """A date-formatted number as the whole-sheet reader gives it: a time below one day, a
    date when whole, else a date and time (to the millisecond); elapsed time as Python
    writes a duration."""
    if kind == "elapsed":
        return str(dt.timedelta(milliseconds=round(serial * 86_400_000)))
    if serial < 0:
        return _number_text(serial)
    if serial < 1:
        total = round(serial * 86_400_000)
        if total >= 86_400_000:
            total = 86_400_000 - 1
        moment = dt.datetime(2000, 1, 1) + dt.timedelta(milliseconds=total)
        return moment.time().isoformat()
    if date1904:
        base = dt.datetime(1904, 1, 1)
    elif serial < 60:
        base = dt.datetime(1899, 12, 31)
    elif serial < 61:
        base = dt.datetime(1899, 12, 30)  # Excel's 1900-02-29 (serial 60) shown as 02-28
    else:
        base = dt.datetime(1899, 12, 30)
    try:
        moment = base + dt.timedelta(milliseconds=round(serial * 86_400_000))
    except OverflowError:
        return _number_text(serial)
    if moment.time() == dt.time(0, 0):
        return moment.date().isoformat()
    return moment.isoformat(sep=" ")


def _number_text(value: float) -> str:
    if value.is_integer() and abs(value) <= 2**53:
        return str(int(value))
    return repr(value)


def _last_end(text: bytes, pattern: re.Pattern[bytes], fresh: int) -> int:
    """The offset just after the last match of ``pattern`` (an end tag) in ``text``, or -1;
    only the last ``fresh`` bytes (and a few before) are new since the last search."""
    window = 4096
    while True:
        start = max(0, len(text) - window)
        last = -1
        for found in pattern.finditer(text, start):
            last = found.end()
        if last >= 0 or start == 0 or window > fresh + 64:
            return last
        window *= 8


def _no_values(text: bytes) -> bool:
    """Whether a block of rows holds no cell value at all: no ``<v>``, no inline string, no
    formula (in any namespace spelling)."""
    return not any(mark in text for mark in (b"<v", b":v", b"<is", b":is", b"<f", b":f"))


@dataclass
class SharedStrings:
    """The workbook's shared strings, as one UTF-8 buffer and the offsets of each string."""

    data: bytearray = field(default_factory=bytearray)
    offsets: array[int] = field(default_factory=lambda: array("q", [0]))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, index: int) -> str:
        return self.data[self.offsets[index] : self.offsets[index + 1]].decode("utf-8")

    def add(self, text: str) -> None:
        self.data += text.encode("utf-8")
        self.offsets.append(len(self.data))


def _string_item(body: bytes) -> str:
    if body.startswith(b"<t>") and body.endswith(b"</t>") and body.count(b"<") == 2:
        return unescape(body[3:-4])
    if b"<rPh" in body or b":rPh" in body:
        body = _PHONETIC.sub(b"", body)
    return "".join(unescape(found) for found in _TEXT.findall(body))


def _shared_strings(archive: zipfile.ZipFile, part: str | None) -> SharedStrings:
    strings = SharedStrings()
    if part is None or part not in archive.NameToInfo:
        return strings
    with archive.open(part) as handle:
        rest = b""
        for block in iter(lambda: handle.read(_BLOCK), b""):
            text = rest + block
            end = _last_end(text, _STRING_END, len(block))
            if end < 0:
                rest = text
                continue
            text, rest = text[:end], text[end:]
            for body in _STRING_ITEM.findall(text):
                strings.add(_string_item(body))
        for body in _STRING_ITEM.findall(rest):
            strings.add(_string_item(body))
    return strings


def _styles(archive: zipfile.ZipFile, part: str | None) -> dict[bytes, str]:
    """Style indexes (as written in ``s="…"``) whose number format is a date or elapsed time."""
    if part is None or part not in archive.NameToInfo:
        return {}
    xml = archive.read(part)
    custom: dict[int, str] = {}
    for tag in _NUMFMT.findall(xml):
        found = attributes(tag)
        try:
            custom[int(found.get("numFmtId", ""))] = found.get("formatCode", "")
        except ValueError:
            continue
    kinds: dict[bytes, str] = {}
    block = _CELL_XFS.search(xml)
    if block is None:
        return kinds
    for index, tag in enumerate(_XF.findall(block.group(0))):
        try:
            number_format = int(attributes(tag).get("numFmtId", "0"))
        except ValueError:
            continue
        if number_format in custom:
            kind = date_kind(custom[number_format])
        elif number_format in _BUILTIN_DATES:
            kind = "elapsed" if number_format in _BUILTIN_ELAPSED else "date"
        else:
            kind = None
        if kind is not None:
            kinds[str(index).encode()] = kind
    return kinds


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
        with self.archive.open(self.part) as handle:
            rest = b""
            state = [0]  # the last row number seen
            for block in iter(lambda: handle.read(_BLOCK), b""):
                text = rest + block
                cut = _last_end(text, _ROW_END, len(block))
                if cut < 0:
                    if len(text) > self.limits.row_bytes:
                        raise row_too_large(Place(self.file, self.name), self.limits.row_bytes)
                    rest = text
                    continue
                text, rest = text[:cut], text[cut:]
                if _no_values(text):
                    # Only formatting (Excel writes blank styled cells down a formatted
                    # area): rows without a value, which the reader would skip one by one.
                    last = text.rfind(b'<row r="')
                    number = text[last + 8 : text.find(b'"', last + 8)] if last >= 0 else b""
                    if number.isdigit():
                        state[0] = int(number)
                        continue
                pieces = self._grid(text, state[0] + 1) if self.fast_width else None
                if pieces is None:
                    yield from self._block(text, state)
                    continue
                for piece in pieces:
                    if isinstance(piece, Grid):
                        state[0] = int(piece.rows[-1])
                        yield piece
                    else:
                        yield from self._block(text[piece[0] : piece[1]], state)
            if rest:
                yield from self._block(rest, state)

    def _grid(self, text: bytes, first_row: int) -> list[Grid | tuple[int, int]] | None:
        if self._table is None:
            offsets = np.frombuffer(self.strings.offsets.tobytes(), dtype=np.int64)
            self._table = StringTable.of(bytes(self.strings.data), offsets)
        return block_grid(
            text,
            self.fast_width or 0,
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
        return _serial_text(value, date, self.date1904) if date else _number_text(value)

    def _text(self, kind: bytes, style: bytes, value: bytes) -> str:
        """A cell of another type (boolean, error, ISO date, a formula's text)."""
        if kind == b"b":
            return "true" if value.strip() in (b"1", b"true") else "false"
        if kind == b"e":
            return ""
        if kind == b"d":
            return _iso_text(unescape(value))
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
                body = _PHONETIC.sub(b"", body)
            text = "".join(unescape(part) for part in _TEXT.findall(body))
            if len(text) > self.limits.cell_chars:
                raise self._too_long(row)
            return text
        value = _VALUE.search(body)
        if value is None:
            return ""
        if len(value.group(1)) > self.limits.cell_chars:
            raise self._too_long(row)
        return self._text(kind, style, value.group(1))


def _iso_text(text: str) -> str:
    """An ISO date cell (``t="d"``) as the whole-sheet reader gives it."""
    try:
        moment = dt.datetime.fromisoformat(text.strip().rstrip("Z"))
    except ValueError:
        return text
    if moment.time() == dt.time(0, 0):
        return moment.date().isoformat()
    return moment.isoformat(sep=" ")


class XlsxBook:
    """An .xlsx/.xlsm workbook: its sheets, and each sheet's rows on demand."""

    def __init__(self, archive: zipfile.ZipFile, file: str, limits: Limits) -> None:
        self.archive = archive
        self.file = file
        self.limits = limits
        check_sizes(archive, file, limits)
        book = archive.read("xl/workbook.xml")
        self._rels = _relationships(archive, "xl/_rels/workbook.xml.rels")
        self.date1904 = _DATE1904.search(book) is not None
        self.sheets: list[SheetInfo] = []
        self._parts: dict[str, str | None] = {}
        for tag in _SHEET_TAG.findall(book):
            found = attributes(tag)
            target = self._rels.get(found.get("r:id", ""), ("", ""))[0]
            name = found.get("name", "")
            state = found.get("state", "visible").lower()
            self.sheets.append(SheetInfo(name, state == "visible"))
            self._parts[name] = _target(target) if target else None
        self._strings: SharedStrings | None = None
        self._styles: dict[bytes, str] | None = None
        self._reading: dict[str, XlsxSheet] = {}

    def _part_of(self, kind: str, usual: str) -> str | None:
        for target, type_ in self._rels.values():
            if type_.endswith("/" + kind):
                return _target(target)
        return usual if usual in self.archive.NameToInfo else None

    def _part(self, name: str) -> str:
        part = self._parts.get(name)
        if part is None or part not in self.archive.NameToInfo:
            raise InputFileError(
                f"{self.file}: lembar '{name}' tidak ada di dalam berkas (berkas rusak?)",
                f"{self.file}: sheet '{name}' is missing from the file (a damaged file?)",
            )
        return part

    def sheet(self, name: str) -> XlsxSheet:
        part = self._part(name)
        if self._strings is None:
            strings = self._part_of("sharedStrings", "xl/sharedStrings.xml")
            self._strings = _shared_strings(self.archive, strings)
        if self._styles is None:
            self._styles = _styles(self.archive, self._part_of("styles", "xl/styles.xml"))
        return XlsxSheet(
            self.archive,
            part,
            name,
            self._strings,
            self._styles,
            self.date1904,
            self.limits,
            self.file,
        )

    def rows(self, name: str) -> Iterator[tuple[int, list[str]] | Grid]:
        sheet = self.sheet(name)
        self._reading[name] = sheet
        return sheet.rows()

    def fast(self, name: str, width: int) -> None:
        """Read the rest of the sheet being read in grids of ``width`` cells where the rows
        allow (see :mod:`phbs.ingest.xlsx_fast`)."""
        if name in self._reading:
            self._reading[name].fast_width = width

    def extras(self, name: str) -> tuple[Ranges, list[tuple[str, str]]]:
        """A sheet's merged ranges (they come after the cells in the sheet's XML) and its
        cells holding an Excel error or a formula saved without its value (at most
        :data:`FORMULA_CELLS_LISTED`).

        One quick pass looks for any sign of either (two byte searches a block, the merged
        ranges in the last two blocks); only a sheet that has formulas, error values or
        many merged ranges is read the careful way, cell by cell."""
        part = self._part(name)
        with self.archive.open(part) as handle:
            head = handle.read(4096)
            if b":worksheet" in head or b":sheetData" in head or b"='" in head:
                # Namespace prefixes or single-quoted attributes: the quick signs may not show.
                return self._extras_carefully(part, name)
            before, last, tail = b"", head, head[-8:]
            for block in iter(lambda: handle.read(_BLOCK), b""):
                window = tail + block
                if b"<f" in window or b't="e"' in window:
                    return self._extras_carefully(part, name)
                before, last, tail = last, block, block[-8:]
        if b"<f" in head or b't="e"' in head:
            return self._extras_carefully(part, name)
        end = before + last
        start = end.find(b"<mergeCells")
        if start < 0:
            if b"mergeCell" in end:
                return self._extras_carefully(part, name)  # more than two blocks of them
            return [], []
        ranges: Ranges = []
        self._scan(end[start:], name, ranges, [])
        return ranges, []

    def _extras_carefully(self, part: str, name: str) -> tuple[Ranges, list[tuple[str, str]]]:
        ranges: Ranges = []
        problems: list[tuple[str, str]] = []
        with self.archive.open(part) as handle:
            rest = b""
            for block in iter(lambda: handle.read(_BLOCK), b""):
                text = rest + block
                cut = _last_end(text, _ROW_END, len(block))
                if cut < 0:
                    cut = text.rfind(b"/>") + 2
                text, rest = text[:cut], text[cut:]
                self._scan(text, name, ranges, problems)
            self._scan(rest, name, ranges, problems)
        return ranges, problems

    def _scan(
        self, text: bytes, name: str, ranges: Ranges, problems: list[tuple[str, str]]
    ) -> None:
        hint = b'"e"' in text or b"'e'" in text or b"<f" in text or b":f" in text
        if hint and len(problems) < FORMULA_CELLS_LISTED and _PROBLEM_HINT.search(text):
            problems += _problem_cells(text)[: FORMULA_CELLS_LISTED - len(problems)]
        if b"mergeCell" not in text:
            return
        for tag in _MERGE.findall(text):
            area = _merge_area(attributes(tag).get("ref", ""))
            if area is None:
                continue
            ranges.append(area)
            if len(ranges) > self.limits.merged_ranges:
                raise too_many_merged(Place(self.file, name))


# A cell whose value the reader gives as blank: an error value, or a formula with no value.
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_UNCACHED = re.compile(
    rb"</(?:\w+:)?f>\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*$"
    rb"|<(?:\w+:)?f\b[^>]*/>\s*$",
    re.DOTALL,
)
_ERROR_TYPE = re.compile(rb"""\bt\s*=\s*["']e["']""")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_PROBLEM_HINT = re.compile(rb"""\bt\s*=\s*["']e["']|<(?:\w+:)?f\b""")


def _problem_cells(text: bytes) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for cell in _CELL.finditer(text):
        attrs, body = cell.group(1), cell.group(2) or b""
        if _ERROR_TYPE.search(attrs):
            kind = "error"
        elif _FORMULA.search(body) and _UNCACHED.search(body):
            kind = "uncached"
        else:
            continue
        found.append((attributes(attrs).get("r", ""), kind))
    return found


def _target(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _merge_area(ref: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    corners = []
    for part in ref.split(":")[:2]:
        found = _REFERENCE.fullmatch(part.strip().replace("$", "").encode())
        if found is None:
            return None
        corners.append((int(found.group(2)) - 1, column_index(found.group(1))))
    if len(corners) == 1:
        corners.append(corners[0])
    (top, left), (bottom, right) = corners
    return (min(top, bottom), min(left, right)), (max(top, bottom), max(left, right))


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """A relationships part: each Id's target and type."""
    try:
        xml = archive.read(part)
    except KeyError:
        return {}
    targets: dict[str, tuple[str, str]] = {}
    for tag in _RELATIONSHIP.findall(xml):
        found = attributes(tag)
        targets[found.get("Id", "")] = (found.get("Target", ""), found.get("Type", ""))
    return targets
