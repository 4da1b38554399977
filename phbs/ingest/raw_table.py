"""A table being read (:class:`RawTable`): its header, its rows, what was found reading it.

Also what every reader does with the rows past the header: giving them one by one whichever
way their segment was read (:func:`rows_of`), and holding back blank rows until data follows
them (:func:`trim_trailing_blanks`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from phbs.ingest import limits
from phbs.ingest.csv_source import Source
from phbs.ingest.csv_stream import Rows
from phbs.ingest.grid import Grid
from phbs.ingest.held import HeldFile
from phbs.ingest.limits import too_many_blank_rows


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
    #: A column the file does not have, added by the reading: the village of ``--desa``.
    given_column: int | None = None

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


def rows_of(segments: Iterator[Grid | Rows]) -> Iterator[tuple[int, list[str]]]:
    """Records one by one, whichever way their segment was read."""
    for item in segments:
        if isinstance(item, Grid):
            for i in range(len(item)):
                yield int(item.rows[i]), item.cells(i)
        else:
            yield from item


def is_blank_row(cells: list[str]) -> bool:
    """Whether every cell of a row is blank (spaces at most)."""
    return not any(c.strip() for c in cells)


def trim_trailing_blanks(segments: Iterator[Grid | Rows], name: str) -> Iterator[Grid | Rows]:
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
        while last and is_blank_row(item[last - 1][1]):
            last -= 1
        if last:
            # A run of blank rows (maybe begun in earlier segments) that data follows.
            run, first = len(pending) + skipped, pending[0][0] if pending else 0
            for number, cells in item[:last]:
                if is_blank_row(cells):
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
