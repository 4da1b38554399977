"""Reading an OpenDocument spreadsheet (.ods) row by row, in bounded memory.

``content.xml`` holds every sheet; it is inflated in blocks and cut at row ends. A cell or a
row may stand for many (``number-columns-repeated``, ``number-rows-repeated``): blank ones
only move the position, so LibreOffice's usual "16,384 blank cells to the end of the row" and
"a million blank rows to the end of the sheet" cost nothing; a filled cell or row repeated
is made as many times as it says, within :attr:`~phbs.ingest.limits.Limits.repeated_cells`
(a 1 KB file can repeat one value over a billion cells). Values are written as the
whole-sheet reader (python-calamine) gives them, which the tests check cell by cell, except
that a tab or line break typed in a cell is kept (``<text:tab/>``, ``<text:line-break/>``).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import zipfile
from collections.abc import Iterator

from phbs.errors import InputFileError
from phbs.ingest.book import Ranges, SheetInfo
from phbs.ingest.limits import (
    Limits,
    Place,
    cell_too_long,
    row_too_large,
    thousands,
    too_many_merged,
    too_wide,
)
from phbs.ingest.sheet_xml import FORMULA_CELLS_LISTED, cell_name, check_sizes

_BLOCK = 1 << 20
_TABLE = re.compile(rb"<table:table\s([^>]*)>")
_TABLE_END = b"</table:table>"
_ROW_END = b"</table:table-row>"
_ROW_START = re.compile(rb"<table:table-row\b([^>]*?)(/?)>")
_CELL = re.compile(
    rb"<table:(?:covered-)?table-cell\b([^>]*?)(?:/>|>(.*?)</table:(?:covered-)?table-cell>)",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(rb'([\w:-]+)="([^"]*)"')
_STYLE = re.compile(rb"<style:style\b([^>]*)>(.*?)</style:style>", re.DOTALL)
_PARAGRAPH = re.compile(rb"<text:p\b[^>]*?(?:/>|>(.*?)</text:p>)", re.DOTALL)
_SPACES = re.compile(rb"<text:s\b([^>]*)/>")
_TAG = re.compile(rb"<[^>]*>")
#: Cells remembered by their XML while a sheet is read (their text is found once).
_KNOWN_CELLS = 65_536
_ANNOTATION = re.compile(rb"<office:annotation\b.*?</office:annotation>", re.DOTALL)
_DURATION = re.compile(r"PT(\d+)H(\d+)M(\d+(?:\.\d+)?)S")


def _attributes(tag: bytes) -> dict[bytes, bytes]:
    return dict(_ATTRIBUTE.findall(tag))


def _unescape(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    return html.unescape(text) if "&" in text else text


def _count(value: bytes | None) -> int:
    """A repeat count (1 when absent or not a positive number)."""
    try:
        return max(1, int(value or b"1"))
    except ValueError:
        return 1


def _paragraph_text(body: bytes) -> str:
    """A cell's text: its paragraphs joined by line breaks, ``<text:s/>`` as spaces (a
    comment on the cell is not its text)."""
    if b"<office:annotation" in body:
        body = _ANNOTATION.sub(b"", body)
    parts = []
    for paragraph in _PARAGRAPH.findall(body):
        text = paragraph
        if b"<" in text:
            text = _SPACES.sub(
                lambda found: b" " * _count(_attributes(found.group(1)).get(b"text:c")), text
            )
            text = text.replace(b"<text:tab/>", b"\t").replace(b"<text:line-break/>", b"\n")
            text = _TAG.sub(b"", text)
        parts.append(_unescape(text))
    return "\n".join(parts)


def _number_text(value: float) -> str:
    if value.is_integer() and abs(value) <= 2**53:
        return str(int(value))
    return repr(value)


def cell_value(attrs: bytes, body: bytes) -> str:
    """One cell's text, as the whole-sheet reader gives it."""
    if b"value-type" not in attrs:
        return _paragraph_text(body) if body else ""
    found = _attributes(attrs)
    kind = found.get(b"office:value-type", b"")
    if kind in (b"float", b"percentage", b"currency"):
        try:
            return _number_text(float(found.get(b"office:value", b"")))
        except ValueError:
            return _paragraph_text(body)
    if kind == b"string":
        if b"office:string-value" in found:
            return _unescape(found[b"office:string-value"])
        return _paragraph_text(body)
    if kind == b"date":
        text = found.get(b"office:date-value", b"").decode("ascii", "replace")
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return text
        if moment.time() == dt.time(0, 0):
            return moment.date().isoformat()
        return moment.isoformat(sep=" ")
    if kind == b"time":
        text = found.get(b"office:time-value", b"").decode("ascii", "replace")
        parts = _DURATION.fullmatch(text)
        if parts is None or int(parts.group(1)) >= 24:
            return text
        seconds = float(parts.group(3))
        clock = dt.time(
            int(parts.group(1)),
            int(parts.group(2)),
            int(seconds),
            round((seconds - int(seconds)) * 1_000_000),
        )
        return clock.isoformat()
    if kind == b"boolean":
        value = found.get(b"office:boolean-value", b"").lower()
        return "true" if value == b"true" else "false"
    return _paragraph_text(body) if body else ""


class OdsBook:
    """An .ods workbook: its sheets (from one pass over ``content.xml``), each sheet's rows
    on demand."""

    def __init__(self, archive: zipfile.ZipFile, file: str, limits: Limits) -> None:
        self.archive = archive
        self.file = file
        self.limits = limits
        check_sizes(archive, file, limits)
        hidden: set[bytes] = set()
        self.sheets: list[SheetInfo] = []
        with archive.open("content.xml") as handle:
            rest = b""
            for block in iter(lambda: handle.read(_BLOCK), b""):
                text = rest + block
                cut = text.rfind(b">") + 1
                text, rest = text[:cut], text[cut:]
                if b"<style:style" in text and not self.sheets:
                    for attrs, inside in _STYLE.findall(text):
                        if b'table:display="false"' in inside:
                            name = _attributes(attrs).get(b"style:name")
                            if name:
                                hidden.add(name)
                for attrs in _TABLE.findall(text):
                    found = _attributes(attrs)
                    style = found.get(b"table:style-name", b"")
                    sheet = _unescape(found.get(b"table:name", b""))
                    self.sheets.append(SheetInfo(sheet, style not in hidden))

    def _rows_xml(self, name: str) -> Iterator[bytes]:
        """The sheet's XML, in pieces that end at a row's end. The sheet is found by its
        place among the sheets (its name may be escaped several ways: ``Ma&apos;ruf``)."""
        wanted = [info.name for info in self.sheets].index(name)
        with self.archive.open("content.xml") as handle:
            rest, inside, seen = b"", False, 0
            for block in iter(lambda: handle.read(_BLOCK), b""):
                text = rest + block
                if not inside:
                    cut = text.rfind(b">") + 1
                    found = None
                    for tag in _TABLE.finditer(text, 0, cut):
                        if seen == wanted:
                            found = tag
                            break
                        seen += 1
                    if found is None:
                        rest = text[cut:]
                        continue
                    inside, text = True, text[found.start() :]
                end = text.find(_TABLE_END)
                if end >= 0:
                    yield text[:end]
                    return
                cut = text.rfind(_ROW_END)
                if cut < 0:
                    if len(text) > self.limits.row_bytes:
                        raise row_too_large(Place(self.file, name), self.limits.row_bytes)
                    rest = text
                    continue
                cut += len(_ROW_END)
                yield text[:cut]
                rest = text[cut:]
            if inside and rest:
                yield rest

    def _row_chunks(self, name: str) -> Iterator[tuple[bytes, re.Match[bytes], int]]:
        """Each ``<table:table-row>`` of the sheet: its XML, its start tag, and how many rows
        it stands for."""
        for piece in self._rows_xml(name):
            for chunk in piece.split(_ROW_END):
                found = _ROW_START.search(chunk)
                if found is not None:
                    tag = _attributes(found.group(1))
                    yield chunk, found, _count(tag.get(b"table:number-rows-repeated"))

    def rows(self, name: str) -> Iterator[tuple[int, list[str]]]:
        limits = self.limits
        row = 0
        budget = limits.repeated_cells
        # A cell's text by its XML: answers, codes and names repeat down a survey.
        known: dict[tuple[bytes, bytes], str] = {}
        for chunk, found, repeat in self._row_chunks(name):
            cells: list[str] = []
            blanks = 0
            if not found.group(2):
                for attrs, body in _CELL.findall(chunk, found.end()):
                    times = 1
                    if b"repeated" in attrs:
                        times = _count(_attributes(attrs).get(b"table:number-columns-repeated"))
                    remembered = known.get((attrs, body))
                    if remembered is not None:
                        value = remembered
                    elif not body and b"value" not in attrs:
                        value = ""
                    else:
                        value = cell_value(attrs, body)
                        if len(known) < _KNOWN_CELLS:
                            known[attrs, body] = value
                    if len(value) > limits.cell_chars:
                        raise cell_too_long(Place(self.file, name, row + 1))
                    if not value:
                        blanks += times
                        continue
                    column = len(cells) + blanks
                    if column + times > limits.columns:
                        raise too_wide(Place(self.file, name, row + 1), column + times)
                    if blanks:
                        cells.extend([""] * blanks)
                        blanks = 0
                    if times > 1:
                        budget -= times - 1
                        if budget < 0:
                            raise self._too_many(name, row + 1)
                    cells.extend([value] * times)
            if cells:
                if repeat > 1:
                    budget -= (repeat - 1) * len(cells)
                    if budget < 0:
                        raise self._too_many(name, row + 1)
                for k in range(repeat):
                    yield row + k + 1, list(cells) if k else cells
            row += repeat

    def fast(self, name: str, width: int) -> None:
        """Rows always come one by one from this reader."""

    def _too_many(self, name: str, row: int) -> InputFileError:
        limit = self.limits.repeated_cells
        return InputFileError(
            f"{self.file}: lembar '{name}' baris {row}: sel berisi yang diulang "
            f"(number-columns/rows-repeated) melebihi {thousands(limit)} sel; berkas seperti "
            "ini bukan survei (--limit ulangan=N menaikkan batasnya)",
            f"{self.file}: sheet '{name}' row {row}: filled cells repeated "
            f"(number-columns/rows-repeated) beyond {limit:,} cells; such a file is not a "
            "survey (--limit ulangan=N raises the limit)",
        )

    def extras(self, name: str) -> tuple[Ranges, list[tuple[str, str]]]:
        """The sheet's merged ranges and its cells whose formula gave an error (``#N/A``),
        at most :data:`~phbs.ingest.sheet_xml.FORMULA_CELLS_LISTED`."""
        found: list[tuple[str, str]] = []
        spans: Ranges = []
        row = 0
        for chunk, start, repeat in self._row_chunks(name):
            if b'value-type="error"' in chunk or b"-spanned=" in chunk:
                column = 0
                for cell in _CELL.finditer(chunk, start.end()):
                    attrs = _attributes(cell.group(1))
                    if (
                        attrs.get(b"calcext:value-type") == b"error"
                        or attrs.get(b"office:value-type") == b"error"
                    ) and len(found) < FORMULA_CELLS_LISTED:
                        found.append((cell_name(row, column), "error"))
                    height = _count(attrs.get(b"table:number-rows-spanned"))
                    width = _count(attrs.get(b"table:number-columns-spanned"))
                    if height > 1 or width > 1:
                        spans.append(((row, column), (row + height - 1, column + width - 1)))
                        if len(spans) > self.limits.merged_ranges:
                            raise too_many_merged(Place(self.file, name))
                    column += _count(attrs.get(b"table:number-columns-repeated"))
            row += repeat
        return spans, found
