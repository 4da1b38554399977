"""Row-by-row worksheet writing for the report workbook (xlsxwriter, constant-memory mode).

The workbook is written in ``constant_memory`` mode so a survey of a million households
never sits in memory as cells. In that mode xlsxwriter flushes a row as soon as a later
row is written and silently drops writes to earlier rows, and ``autofit()`` and
``add_table()`` are unavailable (docs/aturan.md §10.6). :class:`SheetWriter` therefore writes
strictly in row order, measures column widths as it goes, and writes every cell with a
typed method: text always with ``write_string``, never as a formula.

Writing a long table can report how far it has got to a ``progress`` callback
(:class:`WriteStep`); without one, nothing is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, Literal

from phbs.i18n import Lang
from phbs.reports.excel.files import EXCEL_CELL_CHARACTERS, excel_text
from phbs.reports.excel.formats import Formats
from phbs.reports.excel.printing import (
    ROW_POINTS,
    ColumnKind,
    PrintPlan,
    TableLayout,
    apply_plan,
    plan_print,
    wrapped_lines,
)

#: Excel's row limit per worksheet (header included).
EXCEL_MAX_ROWS = 1_048_576
_MAX_WIDTH = 60
_HEADER_WIDTH = 14
#: Rows of a long table written between two calls of its ``progress`` callback.
PROGRESS_EVERY = 1_000


@dataclass(frozen=True)
class WriteStep:
    """How far writing a report has got, as passed to a ``progress`` callback.

    ``part`` is ``"sheet"`` for a long table of the workbook (households, data issues) whose
    first sheet is called ``name``, with ``done`` of its ``total`` rows written; or
    ``"html"`` for the page written to ``name``, with ``done`` 0 before it is rendered and
    1 (of 1) once it is written. Each part is first reported with ``done == 0`` and last
    with ``done == total``.
    """

    part: Literal["sheet", "html"]
    name: str
    done: int
    total: int


#: A callback told how far writing a report has got (e.g. to show it on a terminal).
ReportProgress = Callable[[WriteStep], None]


@dataclass(frozen=True)
class Pct:
    """A percentage 0–100 to be written as a number with a percent format (61.5 → 0.615).

    >>> Pct(61.5).fraction
    0.615
    """

    value: float | None

    @property
    def fraction(self) -> float | None:
        """The value Excel stores: the percentage divided by 100."""
        return None if self.value is None else self.value / 100


Cell = str | int | float | bool | Pct | None


#: Rows of a long sheet whose cells set its column widths.
_MEASURED_ROWS = 2_000


class SheetWriter:
    """Writes one worksheet in row order and remembers how wide each column needs to be.

    >>> import io, xlsxwriter
    >>> book = xlsxwriter.Workbook(io.BytesIO(), {"constant_memory": True})
    >>> writer = SheetWriter(book.add_worksheet("A"), Formats(book), "id")
    >>> writer.row(["=1+1", 3, Pct(50.0)])
    0
    >>> writer.next_row
    1
    >>> book.close()
    """

    def __init__(self, sheet: Any, formats: Formats, lang: Lang) -> None:
        self.sheet = sheet
        self.formats = formats
        self.lang = lang
        self.next_row = 0
        self.widths: dict[int, int] = {}
        #: Points the rows made taller add to their ROW_POINTS, and the last one made so.
        self.extra_height = 0.0
        self._tall = (-1, ROW_POINTS)
        #: Column widths (characters) set by :meth:`fit_columns`.
        self.fitted: list[float] = []

    def cell(
        self, row: int, col: int, value: Cell, fmt: Any = None, *, measure: bool = True
    ) -> None:
        """Write one typed cell (text as text, numbers as numbers, percents as fractions);
        ``measure`` widens its column to fit."""
        if row < self.next_row - 1:
            raise ValueError(f"row {row} already written (constant-memory mode)")
        f = self.formats
        if value is None or (isinstance(value, Pct) and value.value is None):
            if fmt is not None:
                self.sheet.write_blank(row, col, None, fmt)
            width = 1
        elif isinstance(value, Pct):
            self.sheet.write_number(row, col, value.fraction, fmt or f.percent)
            width = 7
        elif isinstance(value, bool):
            text = ("ya" if value else "tidak") if self.lang == "id" else ("yes" if value else "no")
            self.sheet.write_string(row, col, text, fmt or f.text)
            width = len(text)
        elif isinstance(value, int):
            self.sheet.write_number(row, col, value, fmt or f.integer)
            width = len(f"{value:,}") if measure else 0
        elif isinstance(value, float):
            self.sheet.write_number(row, col, value, fmt or f.decimal)
            width = 8
        else:
            value = excel_text(value, self.lang)
            self.sheet.write_string(row, col, value, fmt or f.text)
            width = max((len(part) for part in value.splitlines()), default=0) if measure else 0
        if measure:
            self.widths[col] = max(self.widths.get(col, 0), min(width, _MAX_WIDTH))

    def row(
        self,
        values: Sequence[Cell],
        formats: Sequence[Any] | Any = None,
        *,
        start_col: int = 0,
        measure: bool = True,
        wrap: Mapping[int, int] | None = None,
    ) -> int:
        """Write ``values`` on the next row; return that row's index.

        ``measure=False`` for a title or a note that may overflow into empty cells
        without widening its column. ``wrap``: column → characters of a line of a long
        text column; its text wraps and the row is made tall enough (the column's width is
        the caller's to fix)."""
        index = self.next_row
        wrap = wrap or {}
        texts = [(v, wrap[c]) for c, v in enumerate(values, start_col) if c in wrap]
        lines = max((wrapped_lines(v, n) for v, n in texts if isinstance(v, str)), default=1)
        if lines > 1:
            self.set_height(index, lines)
        for col, value in enumerate(values, start_col):
            fmt = formats[col - start_col] if isinstance(formats, list | tuple) else formats
            if col in wrap and isinstance(value, str):
                self.cell(index, col, value, self.formats.wrapped, measure=False)
            else:
                self.cell(index, col, value, fmt, measure=measure)
        self.next_row += 1
        return index

    def typed_rows(self, rows: Iterable[Sequence[Cell]], kinds: Sequence[ColumnKind]) -> None:
        """Write ``rows`` whose columns hold one type each (``kinds``; ``None`` is an empty
        cell), as :meth:`row` would without measuring, but with each column's typed
        writer and format chosen once: a long table at xlsxwriter's own speed."""
        f = self.formats
        string, number = self.sheet.write_string, self.sheet.write_number
        plan = [
            (string, f.text, True)
            if k == "text"
            else (number, f.integer if k == "integer" else f.decimal, False)
            for k in kinds
        ]
        index = self.next_row
        for values in rows:
            for col, (write, fmt, text), value in zip(range(len(plan)), plan, values, strict=True):
                if value is None:
                    continue
                if text and len(value) > EXCEL_CELL_CHARACTERS:  # type: ignore[arg-type]
                    write(index, col, excel_text(value, self.lang), fmt)  # type: ignore[arg-type]
                else:
                    write(index, col, value, fmt)
            index += 1
        self.next_row = index

    def header(
        self,
        names: Sequence[str],
        *,
        start_col: int = 0,
        fmt: Any = None,
        lines: int = 1,
        width: int | Sequence[int] = _HEADER_WIDTH,
    ) -> int:
        """Write a header row. Long labels wrap: a label widens its column only up to
        ``width`` characters (one for all or one per label) or its longest word, and the row
        is made tall enough for the lines (set before the row is written: constant-memory
        mode cannot go back)."""
        index = self.next_row
        caps = [width] * len(names) if isinstance(width, int) else width
        for offset, (name, cap) in enumerate(zip(names, caps, strict=True)):
            col = start_col + offset
            longest = max((len(w) for w in name.split()), default=0)
            size = max(min(len(name), cap), longest, 4)
            lines = max(lines, wrapped_lines(name, size))
            self.widths[col] = max(self.widths.get(col, 0), size)
        self.set_height(index, lines)
        for offset, name in enumerate(names):
            self.sheet.write_string(index, start_col + offset, name, fmt or self.formats.header)
        self.next_row += 1
        return index

    def skip(self, rows: int = 1) -> None:
        """Leave ``rows`` empty rows."""
        self.next_row += rows

    def set_height(self, row: int, lines: int) -> None:
        """Make ``row`` tall enough for ``lines`` lines of text (before it is written)."""
        points = ROW_POINTS * lines
        if self._tall[0] == row:
            self.extra_height -= self._tall[1] - ROW_POINTS
        self.extra_height += points - ROW_POINTS
        self._tall = (row, points)
        self.sheet.set_row(row, points)

    def height(self) -> float:
        """Points from the top of the sheet to the end of the rows written."""
        return self.next_row * ROW_POINTS + self.extra_height

    def column_widths(self, minimum: int = 6, fixed: dict[int, int] | None = None) -> list[float]:
        """Width (characters) :meth:`fit_columns` gives each column from the first to the
        last used (a column never written keeps the default 8.43)."""
        widths = {**self.widths, **(fixed or {})}
        last = max(widths, default=-1)
        return [max(widths[c], minimum) + 2 if c in widths else 8.43 for c in range(last + 1)]

    def fit_columns(self, minimum: int = 6, fixed: dict[int, int] | None = None) -> None:
        """Set every used column to the width its contents need (no ``autofit`` here)."""
        widths = {**self.widths, **(fixed or {})}
        for col, width in sorted(widths.items()):
            self.sheet.set_column(col, col, max(width, minimum) + 2)
        self.fitted = self.column_widths(minimum, fixed)

    def print_setup(
        self,
        plan: PrintPlan | None = None,
        *,
        header_rows: int = 1,
        lead: int = 0,
        groups: Sequence[int] = (),
        one_page: bool = False,
        gridlines: bool = True,
    ) -> PrintPlan:
        """Set how the sheet prints (:mod:`~phbs.reports.excel.printing`), after
        :meth:`fit_columns`: ``plan``, or one worked out from the column widths and the rows
        written; the first ``header_rows`` rows and ``lead`` columns repeated on every page,
        ``groups`` (first columns) kept on one page, gridlines printed for a table."""
        if plan is None:
            height = self.height()
            plan = plan_print(
                self.fitted, lead=lead, groups=groups, height=height, one_page=one_page
            )
        rows = (0, header_rows - 1) if header_rows else None
        title = self.formats.page_title
        apply_plan(
            self.sheet,
            plan,
            title=title,
            lang=self.lang,
            repeat_rows=rows,
            lead=lead,
            gridlines=gridlines,
        )
        return plan


def table_setup(sheet: Any, header_rows: int, last_row: int, last_col: int) -> None:
    """Frozen header and autofilter over the data (how it prints:
    :meth:`SheetWriter.print_setup`)."""
    sheet.freeze_panes(header_rows, 0)
    sheet.autofilter(header_rows - 1, 0, max(last_row, header_rows - 1), last_col)


def sheet_names(base: str, count: int) -> list[str]:
    """Names of ``count`` sheets holding one long table: ``base``, ``base (2)``, …

    >>> sheet_names("Rumah Tangga", 3)
    ['Rumah Tangga', 'Rumah Tangga (2)', 'Rumah Tangga (3)']
    """
    return [base if i == 0 else f"{base} ({i + 1})"[:31] for i in range(max(count, 1))]


def split_count(rows: int, max_rows: int, header_rows: int = 1) -> int:
    """How many sheets ``rows`` data rows need when a sheet holds ``max_rows`` rows.

    >>> split_count(0, 10), split_count(9, 10), split_count(10, 10), split_count(19, 10)
    (1, 1, 2, 3)
    """
    per_sheet = max_rows - header_rows
    if per_sheet < 1:
        raise ValueError("max_rows must leave room for data below the header")
    return max(1, -(-rows // per_sheet))


def write_long_table(
    workbook: Any,
    formats: Formats,
    lang: Lang,
    base: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    count: int,
    *,
    max_rows: int = EXCEL_MAX_ROWS,
    layout: TableLayout | None = None,
    progress: ReportProgress | None = None,
) -> list[str]:
    """Write ``count`` rows under ``header``, over as many sheets as the row limit needs.

    Each sheet repeats the header and gets its own frozen header, autofilter and page
    setup (``layout``: the columns repeated on every page, the long texts that wrap). A
    row made taller for a wrapped text is remembered by xlsxwriter until the workbook is
    closed, so wrapping is for tables already held in memory (the data issues), not the
    households. ``progress`` is told the rows written (over all the sheets) at the start, every
    :data:`PROGRESS_EVERY` rows and at the end. Returns the sheet names.

    >>> import io, xlsxwriter
    >>> book = xlsxwriter.Workbook(io.BytesIO(), {"constant_memory": True})
    >>> steps = []
    >>> write_long_table(
    ...     book, Formats(book), "en", "Rows", ["n"], ([i] for i in range(5)), 5,
    ...     max_rows=3, progress=steps.append,
    ... )
    ['Rows', 'Rows (2)', 'Rows (3)']
    >>> [step.done for step in steps]
    [0, 2, 4, 5]
    >>> book.close()
    """
    layout = layout or TableLayout()
    note = layout.note.splitlines() if layout.note else []
    names = sheet_names(base, split_count(count + len(note), max_rows))
    writers: list[SheetWriter] = []
    for name in names:
        writer = SheetWriter(workbook.add_worksheet(name), formats, lang)
        for line in [] if writers else note:
            writer.row([line], formats.label, measure=False)
        writer.header(header)
        writers.append(writer)
    remaining = iter(rows)
    done = 0
    if progress is not None:
        progress(WriteStep("sheet", base, 0, count))
    for writer in writers:
        header_rows = writer.next_row
        room = max_rows - header_rows
        while room > 0:
            before = writer.next_row
            chunk = islice(remaining, min(room, PROGRESS_EVERY))
            if layout.kinds and before > _MEASURED_ROWS:
                writer.typed_rows(chunk, layout.kinds)
            for values in chunk:
                # Column widths follow the first rows of a sheet; the rest only written.
                measure = writer.next_row <= _MEASURED_ROWS
                writer.row(values, measure=measure, wrap=layout.wrap)
            wrote = writer.next_row - before
            if wrote == 0:
                break
            room -= wrote
            done += wrote
            if progress is not None:
                progress(WriteStep("sheet", base, done, count))
        writer.fit_columns(fixed=dict(layout.wrap))
        table_setup(writer.sheet, header_rows, writer.next_row - 1, len(header) - 1)
        writer.print_setup(header_rows=header_rows, lead=layout.lead, groups=layout.groups)
    if progress is not None and done != count:
        progress(WriteStep("sheet", base, done, done))
    return names
