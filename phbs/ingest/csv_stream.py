"""Reading a CSV file as a stream of segments, in bounded memory.

The file is read through one handle in blocks (:class:`~phbs.ingest.csv_source.Source`: its
checksum is computed on the way and its size and modification time are compared at the end,
so a file that changes while it is read is refused rather than half read). Blocks are cut into
segments at line ends. A segment with no quote, no NUL and valid UTF-8 is split with numpy
into a :class:`~phbs.ingest.grid.Grid` of its regular lines (as many cells as the header,
not blank); its other lines, and every segment with quotes, are parsed by :mod:`csv` line by
line, each physical line decoded on its own (UTF-8 first, then Windows-1252). Both ways give
the same records and the same row numbers (record *n* of the file is spreadsheet row *n*).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from phbs.errors import InputFileError
from phbs.ingest import limits
from phbs.ingest.csv_source import BLOCK_SIZE, Source
from phbs.ingest.grid import Grid

# Segments are small until the header is found: those lines are parsed by csv.
_HEADER_SEGMENT = 1 << 16
# ASCII bytes str.strip() removes; with the separator, a line of only these is blank.
_ASCII_SPACE = (9, 10, 11, 12, 13, 28, 29, 30, 31, 32)
_SOLID = np.ones(256, dtype=bool)
_SOLID[list(_ASCII_SPACE)] = False
_SOLID[0x80:] = False

#: Lines in one segment at most (a segment of blank lines is read as a list of rows).
SEGMENT_LINES = 65_536

#: Stands for a bare CR inside a line while csv parses it (a private-use character).
CELL_BREAK = "\ue000"


def _cell_too_long(name: str, row: int) -> InputFileError:
    hint = (
        "tanda kutip tidak ditutup, atau berkas rusak? ",
        "an unclosed quote, or a damaged file? ",
    )
    return limits.cell_too_long(limits.Place(name, row=row), hint)


def too_many_cells(name: str, row: int, count: int) -> InputFileError:
    """The error for a record of ``count`` cells, past :attr:`Limits.columns`."""
    limit = limits.current().columns
    return InputFileError(
        f"{name} baris {row}: {limits.thousands(count)} sel dalam satu baris; batasnya "
        f"{limits.thousands(limit)} kolom (berkas rusak, atau bukan CSV? --limit kolom=N "
        "menaikkan batasnya)",
        f"{name} row {row}: {count:,} cells in one row; the limit is {limit:,} columns (a "
        "damaged file, or not a CSV? --limit kolom=N raises the limit)",
    )


#: What the stream yields: a grid of regular records, or records as text cells.
Rows = list[tuple[int, list[str]]]


def decode_line(raw: bytes, first: bool) -> tuple[str, bool]:
    """Decode one physical line: UTF-8 (BOM stripped) or Windows-1252. Returns (text, utf8)."""
    if first and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), False


def ends_inside_quotes(text: str, delimiter: str) -> bool:
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


@dataclass
class CsvStream:
    """Records of one CSV file, segment by segment (see the module docstring).

    ``width`` (the header's cell count) is set once the header is known; before that, every
    segment is parsed by :mod:`csv`. A file with old Mac line ends (CR only) has each CR read
    as LF, block by block, and is then read like any other.
    """

    source: Source
    delimiter: str
    head: bytes
    mac_line_ends: bool
    width: int = 0
    record: int = 1
    utf8_non_ascii: int = 0
    cp1252_rows: list[int] = field(default_factory=list)
    #: Records that held NUL bytes (removed: no survey text has them).
    nul_rows: list[int] = field(default_factory=list)
    _pending: bytes = b""
    _eof: bool = False
    #: The last segment read by csv before the header was known, when it is plain: its
    #: first record and its bytes (see :meth:`read_again_after`).
    _before_header: tuple[int, bytes] | None = None

    def segments(self) -> Iterator[Grid | Rows]:
        """Grids and lists of records, in file order."""
        self._pending = self._line_ends(self.head)
        while True:
            segment = self._next_segment()
            if segment is None:
                return
            if self.width and self._plain(segment):
                yield from self._grid_segment(segment)
            else:
                first = self.record
                rows = self._csv_segment(segment)
                plain = not self.width and self._plain(segment)
                # One record per line (no quote): line i is record first + i.
                lines = segment.count(b"\n") + (not segment.endswith(b"\n"))
                self._before_header = (first, segment) if plain and len(rows) == lines else None
                if rows:
                    yield rows

    def read_again_after(self, header_row: int) -> bool:
        """Once the header is known (``width`` set), put the lines after it in the segment
        that held it back in front of the rest of the file, to be read as grids like every
        later segment, rather than one by one; ``header_row`` is the header's record. Only
        when that segment was plain (one record per line, valid UTF-8, no NUL: nothing of
        its encoding was noted that reading it again would note twice). Returns whether it
        did: the caller then drops the records after the header that it was given."""
        before, self._before_header = self._before_header, None
        if not self.width or before is None:
            return False
        first, segment = before
        line = header_row - first
        ends = np.flatnonzero(np.frombuffer(segment, dtype=np.uint8) == 10)
        if not 0 <= line < len(ends):
            return False
        self._pending = segment[int(ends[line]) + 1 :] + self._pending
        self.record = header_row + 1
        return True

    # --- cutting segments

    def _fill(self) -> bool:
        block = self.source.read()
        if not block:
            self._eof = True
            return False
        self._pending += self._line_ends(block)
        return True

    def _line_ends(self, block: bytes) -> bytes:
        """``block`` with each CR read as LF in a file with old Mac line ends (the checksum
        is of the bytes as read: :class:`Source` has it already)."""
        return block.replace(b"\r", b"\n") if self.mac_line_ends else block

    def _next_segment(self) -> bytes | None:
        """Whole lines up to about a block; at the end, the rest (maybe without a line end)."""
        limit = BLOCK_SIZE if self.width else _HEADER_SEGMENT
        while not self._eof and len(self._pending) < limit:
            self._fill()
        if not self._pending:
            return None
        cut = self._pending.rfind(b"\n", 0, limit) + 1
        while cut == 0:
            # One line longer than the limit: it ends at the next line end, or the file's.
            cut = self._pending.find(b"\n") + 1
            size = limits.current().line_bytes
            if cut > size or (not cut and len(self._pending) > size):
                raise limits.row_too_large(limits.Place(self.source.name, row=self.record), size)
            if cut or not self._fill():
                break
        if cut == 0:
            cut = len(self._pending)
        if self._pending.count(b"\n", 0, cut) > SEGMENT_LINES:
            # Many short lines (a file of blank lines): a segment of them would hold a Python
            # list per line; cut after SEGMENT_LINES of them.
            ends = np.flatnonzero(np.frombuffer(self._pending, dtype=np.uint8, count=cut) == 10)
            cut = int(ends[SEGMENT_LINES - 1]) + 1
        segment, self._pending = self._pending[:cut], self._pending[cut:]
        return segment

    def _plain(self, segment: bytes) -> bool:
        if b'"' in segment or b"\0" in segment:
            return False
        if b"\r" in segment:
            buf = np.frombuffer(segment, dtype=np.uint8)
            cr = np.flatnonzero(buf == 13)
            if cr[-1] + 1 >= len(buf) or not (buf[cr + 1] == 10).all():
                return False
        if segment.isascii():
            return True
        try:
            segment.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True

    # --- the numpy way

    def _grid_segment(self, segment: bytes) -> Iterator[Grid | Rows]:
        if not segment.isascii():
            self.utf8_non_ascii += 1
        if not segment.endswith(b"\n"):
            segment += b"\n"
        buf = np.frombuffer(segment, dtype=np.uint8)
        separator = ord(self.delimiter)
        line_ends = np.flatnonzero(buf == 10)
        line_starts = np.concatenate(([0], line_ends[:-1] + 1))
        # A CR ends a line with the LF after it (_plain let no other CR through).
        crlf = np.zeros(len(line_ends), dtype=bool)
        crlf[line_ends > 0] = buf[line_ends[line_ends > 0] - 1] == 13
        text_ends = line_ends - crlf
        separators = np.flatnonzero(buf == separator)
        per_line = np.diff(np.searchsorted(separators, np.concatenate(([-1], line_ends))))
        # Bytes that make a line non-blank: not a separator, not ASCII space; a non-ASCII
        # byte (a Unicode space?) leaves the decision to the csv path. An empty line
        # "starts" at its own line end, which is not solid.
        solid_byte = _SOLID.copy()
        solid_byte[separator] = False
        regular = per_line == self.width - 1
        # Most lines start with a solid byte (an id); only the others are looked at whole.
        unsure = np.flatnonzero(regular & ~solid_byte[buf[np.minimum(line_starts, len(buf) - 1)]])
        for i in unsure.tolist():
            line = buf[int(line_starts[i]) : int(text_ends[i])]
            regular[i] = bool(solid_byte[line].any())
        first = self.record
        self.record += len(line_ends)
        if regular.all():
            yield self._grid(segment, separators, line_starts, text_ends, None, first)
            return
        # Runs of regular lines become grids; the others are read as text cells.
        change = np.flatnonzero(np.diff(regular.astype(np.int8))) + 1
        bounds = [0, *change.tolist(), len(line_ends)]
        for low, high in itertools.pairwise(bounds):
            if regular[low]:
                lines = np.arange(low, high)
                yield self._grid(segment, separators, line_starts, text_ends, lines, first)
            else:
                rows: Rows = []
                for i in range(low, high):
                    text = segment[int(line_starts[i]) : int(text_ends[i])].decode("utf-8")
                    rows.append((first + i, text.split(self.delimiter) if text else []))
                yield rows

    def _grid(
        self,
        segment: bytes,
        separators: NDArray[np.intp],
        line_starts: NDArray[np.intp],
        text_ends: NDArray[np.intp],
        lines: NDArray[np.intp] | None,
        first: int,
    ) -> Grid:
        width = self.width
        if lines is not None:
            line_starts, text_ends = line_starts[lines], text_ends[lines]
        count = len(line_starts)
        numbers = np.arange(count) if lines is None else lines
        # Offsets fit in 32 bits unless one line is longer than 2 GiB.
        offset = np.int32 if len(segment) < 1 << 31 else np.int64
        starts = np.empty((count, width), dtype=offset)
        ends = np.empty((count, width), dtype=offset)
        starts[:, 0] = line_starts
        ends[:, -1] = text_ends
        if width > 1:
            if lines is None and len(separators) == count * (width - 1):
                seps = separators.reshape(count, width - 1)  # every line is a record
            else:
                where = np.searchsorted(separators, line_starts)
                seps = separators[where[:, None] + np.arange(width - 1)]
            ends[:, :-1] = seps
            starts[:, 1:] = seps
            starts[:, 1:] += 1
        longest = ends - starts
        cell_chars = limits.current().cell_chars
        if count and int(longest.max()) > cell_chars:
            # The csv path refuses such a cell; an unquoted one must not slip through here.
            # (Bytes: a cell of more bytes than the limit may still have fewer characters.)
            line = int(np.flatnonzero((longest > cell_chars).any(axis=1))[0])
            cells = segment[int(starts[line, 0]) : int(ends[line, -1])].decode("utf-8")
            if max(len(c) for c in cells.split(self.delimiter)) > cell_chars:
                raise _cell_too_long(self.source.name, first + int(numbers[line]))
        return Grid(
            data=segment,
            rows=(first + numbers).astype(np.int64),
            starts=starts,
            ends=ends,
            delimiter=self.delimiter,
        )

    # --- the csv way

    def _csv_segment(self, segment: bytes) -> Rows:
        """Records of a segment, extended while its last record is inside an open quote."""
        while True:
            rows, last_text, cp1252, non_ascii, nul = self._parse(segment)
            if not rows or not ends_inside_quotes(last_text, self.delimiter):
                break
            more = self._next_segment()
            if more is None:
                row = self.record + len(rows) - 1
                raise InputFileError(
                    f'{self.source.name} baris {row}: tanda kutip (") tidak ditutup sampai '
                    "akhir berkas (berkas terpotong, atau semua baris sesudahnya masuk ke satu "
                    "sel). Perbaiki tanda kutip atau salin ulang berkasnya.",
                    f'{self.source.name} row {row}: a quote (") is never closed before the end '
                    "of the file (the file is cut off, or every later line falls into one "
                    "cell). Fix the quote or copy the file again.",
                )
            segment += more
        self.record += len(rows)
        self.cp1252_rows.extend(cp1252)
        self.nul_rows.extend(nul)
        self.utf8_non_ascii += non_ascii
        return rows

    def _parse(self, segment: bytes) -> tuple[Rows, str, list[int], int, list[int]]:
        """Parse a segment with :mod:`csv`, numbering records from ``self.record``."""
        record = self.record
        state = {"record": record, "non_ascii": 0, "first": self.record == 1}
        cp1252: list[int] = []
        nul: list[int] = []
        record_text: list[str] = []

        def lines() -> Iterator[str]:
            for raw in io.BytesIO(segment):
                text, utf8 = decode_line(raw, bool(state["first"]))
                state["first"] = False
                record_text.append(text)
                if not utf8:
                    if not cp1252 or cp1252[-1] != state["record"]:
                        cp1252.append(int(state["record"]))
                elif not text.isascii():
                    state["non_ascii"] += 1
                if "\x00" in text:
                    text = text.replace("\x00", "")
                    if not nul or nul[-1] != state["record"]:
                        nul.append(int(state["record"]))
                body = text.rstrip("\r\n")
                if "\r" in body:
                    # A bare CR inside a cell (typed with Alt+Enter on an old Mac, or pasted):
                    # a line break in that cell, not the end of the record.
                    text = body.replace("\r", CELL_BREAK) + text[len(body) :]
                yield text

        rows: Rows = []
        last = ""
        columns = limits.current().columns
        try:
            with limits.csv_cells():
                for parsed in csv.reader(lines(), delimiter=self.delimiter):
                    if len(parsed) > columns:
                        raise too_many_cells(self.source.name, int(state["record"]), len(parsed))
                    cells = (
                        [c.replace(CELL_BREAK, "\n") for c in parsed]
                        if any(CELL_BREAK in c for c in parsed)
                        else parsed
                    )
                    rows.append((int(state["record"]), cells))
                    last = "".join(record_text)
                    record_text.clear()
                    state["record"] += 1
        except csv.Error as exc:
            row = state["record"]
            if "field limit" in str(exc):
                raise _cell_too_long(self.source.name, row) from None
            raise InputFileError(
                f"{self.source.name} baris {row}: CSV rusak ({exc})",
                f"{self.source.name} row {row}: malformed CSV ({exc})",
            ) from None
        return rows, last, cp1252, int(state["non_ascii"]), nul


if not TYPE_CHECKING:  # names of version 0.1, handed on with a warning for a release
    from phbs._moved import handed_on

    __getattr__ = handed_on(__name__)
