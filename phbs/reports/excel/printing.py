"""How a worksheet prints: A4, the orientation its width calls for, one page wide, its header
rows on every page, and the title and "page X of Y" in the page margins.

A sheet prints one page wide (any number of pages tall) when its type stays at
:data:`MIN_SCALE` % or more. A wider sheet (the ranking with every criterion, the indicator
recap, the households) prints in *bands* instead of shrinking to unreadable type: its first
columns (the village's code and name) are repeated on every page, the other columns are cut
into pages only between whole groups (an indicator's three columns stay together), all at one
scale at which every band fits, and the pages of one stretch of rows follow each other.

The sizes are worked out from the column widths the sheet sets, in characters as xlsxwriter
takes them (a column of ``w`` characters is ``7w + 5`` pixels wide). How wide that is on paper
depends on the font the spreadsheet has: 0.75 pt per pixel with Calibri in Excel, about 0.8
with Carlito in LibreOffice, 1.0 where LibreOffice falls back to DejaVu Sans (a machine
without Carlito). The choice between one page wide and bands is made for the usual fonts;
bands are cut for the widest, so that no program splits a band again.

>>> plan_print([12.0] * 4)
PrintPlan(landscape=False, scale=None, fit_tall=False, bands=((0, 3),))
>>> plan_print([12.0] * 40, lead=2).bands[:2]
((2, 11), (12, 21))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from phbs.i18n import Lang, t

#: Paper size code of A4 in a workbook.
PAPER_A4 = 9
#: The smallest print scale (%) a table is shrunk to; a wider one prints in bands.
MIN_SCALE = 70
#: Points of an xlsx row of the default height (Calibri 11).
ROW_POINTS = 15.0
_A4 = (595.28, 841.89)
_SIDE = 0.5  # left and right margins, inches
_TOP = 0.75
_BOTTOM = 0.75
_HEADER_MARGIN = 0.3
_INCH = 72.0
#: Points per pixel of column width with the usual fonts and with the widest (see above).
_TYPICAL = 0.8
_WIDEST = 1.0
#: A sheet prints portrait when it fits a portrait page at this scale or more.
_PORTRAIT = 0.9
_DEFAULT_WIDTH = 8.43


def column_pixels(width: float) -> int:
    """Pixels of a column set to ``width`` characters, as xlsxwriter converts them.

    >>> column_pixels(12), column_pixels(0)
    (89, 0)
    """
    if width <= 0:
        return 0
    if width < 1:
        return int(width * 12 + 0.5)
    return int(width * 7 + 0.5) + 5


def printable(landscape: bool) -> tuple[float, float]:
    """Width and height (points) inside the margins of an A4 page.

    >>> [round(x) for x in printable(False)]
    [523, 734]
    """
    width, height = _A4
    if landscape:
        width, height = height, width
    return width - 2 * _SIDE * _INCH, height - (_TOP + _BOTTOM) * _INCH


@dataclass(frozen=True)
class PrintPlan:
    """How a sheet prints.

    ``scale`` is None for one page wide (the program works the scale out; ``fit_tall``: and
    one page tall), else the fixed scale (%) of a sheet printed in ``bands``: the column
    ranges (first, last) printed on pages of their own, each after the repeated first columns.
    """

    landscape: bool
    scale: int | None
    fit_tall: bool
    bands: tuple[tuple[int, int], ...]


def plan_print(
    widths: Sequence[float],
    *,
    lead: int = 0,
    groups: Sequence[int] = (),
    height: float = 0.0,
    one_page: bool = False,
    extra: int = 0,
    landscape: bool | None = None,
) -> PrintPlan:
    """The plan for a sheet whose columns 0, 1, … are ``widths`` characters wide.

    Only a sheet with ``lead`` columns (what each row is about: the village's code and name)
    prints in bands, those columns repeated on every band; ``groups`` are the first columns
    of groups kept on one band (default: every column after the lead alone). Any other sheet
    prints one page wide, however small.

    With ``one_page`` (a page of text and a table, such as minutes to sign) the sheet is
    fitted to one page tall as well when its ``height`` (points; 0 when not known) keeps the
    type at :data:`MIN_SCALE` % or more; else it runs on over more pages, one wide. ``extra``
    pixels are printed beside the columns (a chart). ``landscape`` None: chosen from the
    width (portrait when the sheet fits a portrait page at 90 %).

    >>> plan_print([9, 14, 19, 15, 12, 11, 10, 13], one_page=True, landscape=False)
    PrintPlan(landscape=False, scale=None, fit_tall=True, bands=((0, 7),))
    """
    pixels = [column_pixels(w) for w in widths]
    total = sum(pixels) + extra
    if landscape is None:
        landscape = printable(False)[0] < total * _TYPICAL * _PORTRAIT
    width, tall = printable(landscape)
    scale = min(1.0, width / max(total * _TYPICAL, 1.0))
    everything = ((0, len(widths) - 1),)
    if scale * 100 >= MIN_SCALE or not lead or len(widths) <= lead + 1:
        fit_tall = one_page and min(scale, tall / max(height, 1.0)) * 100 >= MIN_SCALE
        return PrintPlan(landscape, None, fit_tall, everything)
    blocks = _blocks(pixels, lead, groups)
    room = width * 100 / MIN_SCALE / _WIDEST - sum(pixels[:lead])
    count = len(_pack(blocks, room))
    # The narrowest room that still needs no more bands: every band as wide as it can be.
    low, high = float(max(size for _, _, size in blocks)), max(room, 1.0)
    while high - low > 1:
        middle = (low + high) / 2
        low, high = (low, middle) if len(_pack(blocks, middle)) <= count else (middle, high)
    bands = _pack(blocks, high)
    widest = max(sum(pixels[:lead]) + sum(pixels[a : b + 1]) for a, b in bands) * _WIDEST
    return PrintPlan(True, min(100, int(width * 100 / widest)), False, tuple(bands))


def _blocks(pixels: list[int], lead: int, groups: Sequence[int]) -> list[tuple[int, int, int]]:
    """(first, last, pixels) of each group of columns after the lead."""
    starts = sorted({lead, *(g for g in groups if lead < g < len(pixels))})
    if not groups:
        starts = list(range(lead, len(pixels)))
    ends = [*starts[1:], len(pixels)]
    return [(a, b - 1, sum(pixels[a:b])) for a, b in zip(starts, ends, strict=True)]


def _pack(blocks: list[tuple[int, int, int]], room: float) -> list[tuple[int, int]]:
    """Whole blocks, in order, into bands of at most ``room`` pixels (a wider block alone)."""
    bands: list[tuple[int, int]] = []
    used = 0.0
    for first, last, size in blocks:
        if bands and used + size <= room:
            bands[-1] = (bands[-1][0], last)
            used += size
        else:
            bands.append((first, last))
            used = size
    return bands


def wrapped_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes when wrapped at word boundaries (and after the ``/`` of
    a path) to ``width``, each line break of the text starting a line, a word longer than a
    line cut into pieces.

    >>> wrapped_lines("Penyebut (ber-PHBS + tidak)", 14)
    3
    >>> wrapped_lines("/data/survei/desa.csv", 13), wrapped_lines("x" * 30, 14)
    (2, 3)
    """
    width = max(width, 1)
    lines = 0
    for paragraph in text.splitlines() or [""]:
        lines, used = lines + 1, 0
        for match in re.finditer(r"[^\s/]*/|[^\s/]+", paragraph):
            word = match.group()
            space = 1 if used and paragraph[match.start() - 1].isspace() else 0
            if used and used + space + len(word) > width:
                lines, used, space = lines + 1, 0, 0
            while used + len(word) > width:  # a word longer than a line: cut
                word, lines = word[width:], lines + 1
            used += space + len(word)
    return lines


#: How a column of a long table is written
#: (:meth:`~phbs.reports.excel.sheet.SheetWriter.typed_rows`): text, a whole number
#: (thousands separator) or a decimal, with the format a cell of that type gets.
ColumnKind = Literal["text", "integer", "decimal"]


@dataclass(frozen=True)
class TableLayout:
    """How a long table prints: its first ``lead`` columns repeated on every band, ``groups``
    (first columns) kept on one page, and ``wrap``: column → characters of a line of a long
    text column, which wraps (its row made tall enough)."""

    lead: int = 0
    groups: tuple[int, ...] = ()
    wrap: dict[int, int] = field(default_factory=dict)
    #: Each column's one type, when every row holds one type per column: the rows past
    #: those that set the column widths are then written at xlsxwriter's own speed.
    kinds: tuple[ColumnKind, ...] = ()
    #: Lines above the header of the first sheet (e.g. that rows were left out), each a row:
    #: a printed page shows what fits its width.
    note: str | None = None


def header_text(title: str, lang: Lang) -> tuple[str, str]:
    """The page header (the title left, the sheet's name right) and footer ("page X of Y")
    in Excel's header codes.

    >>> header_text("Laporan A & B", "id")
    ('&L&9Laporan A && B&R&9&A', '&C&9Halaman &P dari &N')
    """
    title = title.replace("&", "&&")[:120]
    return f"&L&9{title}&R&9&A", f"&C&9{t('report.print.page', lang)}"


def apply_plan(
    sheet: Any,
    plan: PrintPlan,
    *,
    title: str,
    lang: Lang,
    repeat_rows: tuple[int, int] | None = None,
    lead: int = 0,
    gridlines: bool = False,
) -> None:
    """Give ``sheet`` the page setup of ``plan``: A4, margins, header and footer, one page
    wide or the bands, ``repeat_rows`` (first, last) on every page, and the gridlines
    printed when asked (a table without borders)."""
    sheet.set_paper(PAPER_A4)
    if plan.landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.set_margins(left=_SIDE, right=_SIDE, top=_TOP, bottom=_BOTTOM)
    header, footer = header_text(title, lang)
    sheet.set_header(header, {"margin": _HEADER_MARGIN})
    sheet.set_footer(footer, {"margin": _HEADER_MARGIN})
    if plan.scale is None:
        sheet.fit_to_pages(1, 1 if plan.fit_tall else 0)
    else:
        sheet.set_print_scale(plan.scale)
        sheet.set_v_pagebreaks([first for first, _ in plan.bands[1:]])
        sheet.print_across()
        if lead:
            sheet.repeat_columns(0, lead - 1)
    if repeat_rows is not None:
        sheet.repeat_rows(*repeat_rows)
    if gridlines:
        sheet.hide_gridlines(0)
