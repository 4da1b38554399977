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

import contextlib
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from phbs.errors import OutputError
from phbs.i18n import Lang

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


class Formats:
    """The workbook's cell formats, created once."""

    def __init__(self, workbook: Any) -> None:
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.subtitle = workbook.add_format({"italic": True, "font_color": "#555555"})
        self.section = workbook.add_format({"bold": True, "font_size": 12, "bottom": 1})
        self.header = workbook.add_format(
            {
                "bold": True,
                "text_wrap": True,
                "valign": "top",
                "bg_color": "#DDE4EE",
                "border": 1,
            }
        )
        self.group = workbook.add_format(
            {
                "bold": True,
                "align": "center",
                "valign": "top",
                "text_wrap": True,
                "bg_color": "#C9D4E5",
                "border": 1,
            }
        )
        self.label = workbook.add_format({"bold": True})
        self.wrapped = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.text = workbook.add_format({})
        self.integer = workbook.add_format({"num_format": "#,##0"})
        self.percent = workbook.add_format({"num_format": "0.0%"})
        self.decimal = workbook.add_format({"num_format": "0.000"})
        self.total_text = workbook.add_format({"bold": True, "top": 1})
        self.total_integer = workbook.add_format({"bold": True, "top": 1, "num_format": "#,##0"})
        self.total_percent = workbook.add_format({"bold": True, "top": 1, "num_format": "0.0%"})


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
    ) -> int:
        """Write ``values`` on the next row; return that row's index.

        ``measure=False`` for a title or a note that may overflow into empty cells
        without widening its column."""
        index = self.next_row
        for offset, value in enumerate(values):
            fmt = formats[offset] if isinstance(formats, list | tuple) else formats
            self.cell(index, start_col + offset, value, fmt, measure=measure)
        self.next_row += 1
        return index

    def header(
        self, names: Sequence[str], *, start_col: int = 0, fmt: Any = None, lines: int = 1
    ) -> int:
        """Write a header row. Long labels wrap: a label widens its column only up to
        14 characters (or its longest word), and the row is made tall enough for the
        lines (set before the row is written: constant-memory mode cannot go back)."""
        index = self.next_row
        for offset, name in enumerate(names):
            col = start_col + offset
            longest = max((len(w) for w in name.split()), default=0)
            width = max(min(len(name), _HEADER_WIDTH), longest, 4)
            lines = max(lines, wrapped_lines(name, width))
            self.widths[col] = max(self.widths.get(col, 0), width)
        self.sheet.set_row(index, 15 * lines)
        for offset, name in enumerate(names):
            self.sheet.write_string(index, start_col + offset, name, fmt or self.formats.header)
        self.next_row += 1
        return index

    def skip(self, rows: int = 1) -> None:
        """Leave ``rows`` empty rows."""
        self.next_row += rows

    def fit_columns(self, minimum: int = 6, fixed: dict[int, int] | None = None) -> None:
        """Set every used column to the width its contents need (no ``autofit`` here)."""
        widths = {**self.widths, **(fixed or {})}
        for col, width in sorted(widths.items()):
            self.sheet.set_column(col, col, max(width, minimum) + 2)


def wrapped_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes when wrapped at word boundaries to ``width``.

    >>> wrapped_lines("Penyebut (ber-PHBS + tidak)", 14)
    3
    """
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > width:
            lines, used = lines + 1, len(word)
        else:
            used = used + 1 + len(word) if used else len(word)
    return lines


def table_setup(sheet: Any, header_rows: int, last_row: int, last_col: int) -> None:
    """Frozen header, autofilter over the data, and landscape A4 printing with the
    header repeated on every page."""
    sheet.freeze_panes(header_rows, 0)
    sheet.autofilter(header_rows - 1, 0, max(last_row, header_rows - 1), last_col)
    page_setup(sheet, header_rows)


def page_setup(sheet: Any, header_rows: int = 0) -> None:
    """Landscape A4, fit to the page width, page numbers in the footer."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.fit_to_pages(1, 0)
    sheet.set_footer("&L&A&R&P / &N")
    if header_rows:
        sheet.repeat_rows(0, header_rows - 1)


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
    cell_formats: Sequence[Any] | None = None,
    progress: ReportProgress | None = None,
) -> list[str]:
    """Write ``count`` rows under ``header``, over as many sheets as the row limit needs.

    Each sheet repeats the header and gets its own frozen header, autofilter and page
    setup. ``progress`` is told the rows written (over all the sheets) at the start, every
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
    names = sheet_names(base, split_count(count, max_rows))
    writers = []
    for name in names:
        writer = SheetWriter(workbook.add_worksheet(name), formats, lang)
        writer.header(header)
        writers.append(writer)
    remaining = iter(rows)
    done = 0
    if progress is not None:
        progress(WriteStep("sheet", base, 0, count))
    for writer in writers:
        room = max_rows - 1
        while room > 0:
            before = writer.next_row
            for values in islice(remaining, min(room, PROGRESS_EVERY)):
                # Column widths follow the first rows of a sheet; the rest only written.
                writer.row(values, cell_formats, measure=writer.next_row <= _MEASURED_ROWS)
            wrote = writer.next_row - before
            if wrote == 0:
                break
            room -= wrote
            done += wrote
            if progress is not None:
                progress(WriteStep("sheet", base, done, count))
        writer.fit_columns()
        table_setup(writer.sheet, 1, writer.next_row - 1, len(header) - 1)
    if progress is not None and done != count:
        progress(WriteStep("sheet", base, done, done))
    return names


#: Characters an Excel cell holds; a longer text is cut, with a mark saying so.
EXCEL_CELL_CHARACTERS = 32_767


def excel_text(text: str, lang: Lang = "id") -> str:
    """``text`` as a cell can hold it: past Excel's limit it is cut and ends with a mark
    that says so (xlsxwriter would cut it without a word).

    >>> excel_text("x" * 40_000)[-40:]
    'xxxx … [dipotong: batas sel Excel 32767]'
    >>> len(excel_text("x" * 40_000))
    32767
    """
    if len(text) <= EXCEL_CELL_CHARACTERS:
        return text
    mark = (
        f" … [cut: Excel's cell limit {EXCEL_CELL_CHARACTERS}]"
        if lang == "en"
        else f" … [dipotong: batas sel Excel {EXCEL_CELL_CHARACTERS}]"
    )
    return text[: EXCEL_CELL_CHARACTERS - len(mark)] + mark


@contextlib.contextmanager
def xlsx_workbook(path: str | Path, options: dict[str, Any]) -> Iterator[Any]:
    """An xlsxwriter workbook writing ``path``, closed when the block ends; its working
    files (the rows of constant-memory sheets, the parts of the zip) live in a private
    temporary folder that is removed however the block ends (an error, Ctrl-C, SIGTERM).
    A failed write (disk full, file too large) is an :class:`~phbs.errors.OutputError`.
    """
    import xlsxwriter
    from xlsxwriter.exceptions import FileCreateError, FileSizeError

    # Files still open after an error are removed all the same (on Windows, where an open
    # file cannot be removed, the system's cleaning of its temporary folder does it).
    with tempfile.TemporaryDirectory(prefix="phbs-xlsx-", ignore_cleanup_errors=True) as scratch:
        workbook = xlsxwriter.Workbook(str(path), {**options, "tmpdir": scratch})
        try:
            yield workbook
            if not workbook.fileclosed:
                workbook.close()
        except (FileCreateError, FileSizeError) as exc:
            reason = getattr(exc.args[0], "strerror", None) if exc.args else None
            detail = reason or str(exc)
            raise OutputError(
                f"{path}: buku kerja tidak dapat ditulis ({detail})",
                f"{path}: the workbook cannot be written ({detail})",
            ) from None
