"""Opening a worksheet of a workbook as a :class:`~phbs.ingest.raw_table.RawTable`, and the
header row of every sheet (:func:`sheet_heads`).

Without a sheet named, the first visible sheet with a header row is read (hidden ones after);
a header of two rows merged down over both is found, and merged ranges below it are filled
with their first cell's value. Merged ranges and formula problems of a sheet are read once
per run (:data:`_EXTRAS`), however often the file is opened.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

from phbs.errors import InputFileError
from phbs.ingest import limits
from phbs.ingest.book import Book, Item, Ranges
from phbs.ingest.csv_stream import Rows
from phbs.ingest.file_names import file_name
from phbs.ingest.grid import Grid
from phbs.ingest.header_row import TITLE_ROWS, check_header, header_index
from phbs.ingest.held import HeldFile, hold_file
from phbs.ingest.raw_table import RawTable, rows_of, trim_trailing_blanks
from phbs.ingest.sheet_xml import cell_name
from phbs.ingest.workbook import dense, fill_merged, open_book
from phbs.ingest.workbook import rows_of as workbook_rows
from phbs.ingest.workbook import segments as workbook_segments


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
    """Every worksheet of a workbook with its header row (as :func:`~phbs.ingest.readers.open_table`
    finds it),
    from the first rows of each sheet only; ``known`` gives a sheet already open and its
    header, which is not read again.

    Raises :class:`~phbs.errors.InputFileError` when the workbook cannot be read.
    """
    file_path = Path(path)
    name = file_name(path)
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
            first = header_index(top, header_cells, prefer)
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


#: Sub-labels of a count under a group label, joined to it even when they do not repeat.
_PARTS = {"jml", "jumlah", "%", "persen", "n", "ya", "ada", "tidak", "abs"}


def _joined(header: list[str], top: list[list[str]], first: int, ranges: Ranges) -> list[str]:
    """A header of two rows with group labels merged across the row above (``1. Persalinan``
    over ``Ada`` and ``Ya``): where the lower labels repeat along the row, or are the words of
    a count (``Jml``, ``%``), each under such a label becomes ``label lower`` (``1. Persalinan
    Ada``), so the columns can be told apart. Other lower labels (indicator numbers under
    *Indikator*, ``No. KK`` under *Identitas*) stay as they are.

    >>> _joined(["Desa", "Ada", "Ya", "Ada", "Ya"], [["Desa", "1. A", "", "2. B", ""], []], 1,
    ...         [((0, 1), (0, 2)), ((0, 3), (0, 4))])
    ['Desa', '1. A Ada', '1. A Ya', '2. B Ada', '2. B Ya']
    """
    if first == 0:
        return header
    folded = Counter(" ".join(c.split()).casefold() for c in header if c.strip())
    above = top[first - 1]
    joined = list(header)
    for (row, left), (bottom, right) in ranges:
        if not row <= first - 1 == bottom or right <= left or left >= len(above):
            continue
        label = " ".join(above[left].split())
        for column in range(left, min(right, len(header) - 1) + 1):
            lower = " ".join(header[column].split())
            if label and lower and (folded[lower.casefold()] > 1 or lower.casefold() in _PARTS):
                joined[column] = f"{label} {lower}"
    return joined


def _one(item: Item) -> tuple[int, list[str]]:
    """A row from a sheet's reader before :meth:`~phbs.ingest.workbook.Book.fast` was
    called (no grid can come yet)."""
    if isinstance(item, Grid):
        raise TypeError("a grid before the header was known")
    return item


def _watched(segments: Iterator[Grid | Rows], held: HeldFile) -> Iterator[Grid | Rows]:
    """Pass segments on; at the end, refuse the file if it changed while read; close it."""
    try:
        yield from segments
        held.check()
    finally:
        held.close()


def open_spreadsheet(
    path: Path,
    name: str,
    sha: str,
    sheet: str | None,
    held: HeldFile,
    header_cells: int = 1,
    prefer: Callable[[list[str]], bool] | None = None,
    header_row: int | None = None,
) -> RawTable:
    """Open a sheet of a held workbook (``sheet``, else the one that holds a table)."""
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
        rows = dense(workbook_rows(book, chosen, name), name, limits.current().blank_rows)
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
            first = header_index(seen, header_cells, prefer)
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
        header = _joined(list(top[first]), top, first, ranges)
        check_header(name, header, first + 1)
        below = [r for r in ranges if r[0][0] > first and r[0][1] < len(header)]
        below.sort()
        body: Iterator[Item] = chain(
            ((i + 1, cells) for i, cells in enumerate(top) if i > first), rows
        )
        if below:
            body = fill_merged(body, below, len(header))
        else:
            book.fast(chosen, len(header))
        segments = _watched(trim_trailing_blanks(workbook_segments(body, len(header)), name), held)
        return RawTable(
            name=name,
            path=path,
            fixed_sha256=sha,
            format=path.suffix.lower().lstrip("."),
            header=header,
            header_row=first + 1,
            rows=rows_of(segments),
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
        return open_spreadsheet(path, name, sha, fallback, held, header_cells, prefer, header_row)
    if sheet is None and len(names) > 1:
        raise InputFileError(f"{name}: semua lembar kosong", f"{name}: every sheet is empty")
    chosen = order[0]
    raise InputFileError(f"{name}: lembar '{chosen}' kosong", f"{name}: sheet '{chosen}' is empty")
