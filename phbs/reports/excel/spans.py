"""Small tables and paragraphs written below a wide table, in that table's columns.

The notes, overrides, judges' agreement and settings under the ranking share their columns
with it: measured, a long reason would widen a score column; unmeasured, it is cut off by the
next cell. Instead each of their columns spans as many of the table's columns as its text
wants (merged cells), the long texts wrap, and the row is made tall enough for them, all
inside the columns printed on the sheet's first page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from phbs.reports.excel.printing import wrapped_lines
from phbs.reports.excel.sheet import Cell, SheetWriter

Span = tuple[int, int]


def spans(widths: Sequence[float], wanted: Sequence[int], last: int) -> list[Span]:
    """Consecutive column ranges (first, last) of columns 0…``last`` (``widths``, in
    characters), one per ``wanted`` width: each at least that wide where the columns allow,
    the room left over shared in proportion, one column at least for each; the last takes
    the rest.

    >>> spans([10, 10, 10, 10, 10], [15, 5, 8], 4)
    [(0, 2), (3, 3), (4, 4)]
    >>> spans([10, 10], [5, 5, 5], 1)
    [(0, 0), (1, 1), (2, 2)]
    """
    total = sum(_width(widths, c) for c in range(last + 1))
    stretch = max(1.0, total / max(sum(wanted), 1))
    found: list[Span] = []
    col, target, edge = 0, 0.0, 0.0
    for index, want in enumerate(wanted):
        target += want * stretch
        first, have = col, _width(widths, col)
        edge += have
        after = len(wanted) - index - 1
        while col + 1 <= last - after:
            further = edge + _width(widths, col + 1)
            if have >= want and abs(further - target) >= abs(edge - target):
                break
            col += 1
            have += _width(widths, col)
            edge = further
        found.append((first, max(col, last) if after == 0 else col))
        col += 1
    return found


def _width(widths: Sequence[float], col: int) -> float:
    return widths[col] if col < len(widths) else 8.43


def span_chars(widths: Sequence[float], span: Span) -> int:
    """Characters of text a span holds on one line (less the cell padding).

    >>> span_chars([10, 12.5], (0, 1))
    20
    """
    return int(sum(_width(widths, c) for c in range(span[0], span[1] + 1))) - 2


def spanned_row(
    w: SheetWriter,
    widths: Sequence[float],
    columns: Sequence[Span],
    values: Sequence[Cell],
    fmt: Any = None,
) -> int:
    """Write ``values`` on the next row, each over its span of ``columns`` (merged), text
    wrapped, the row as tall as its longest text needs; returns the row's index."""
    index = w.next_row
    lines = max(
        (
            wrapped_lines(value, span_chars(widths, span))
            for span, value in zip(columns, values, strict=True)
            if isinstance(value, str)
        ),
        default=1,
    )
    if lines > 1:
        w.set_height(index, lines)
    for (first, last), value in zip(columns, values, strict=True):
        cell_fmt = fmt or (w.formats.wrapped if isinstance(value, str) else None)
        if last > first:
            w.sheet.merge_range(index, first, index, last, "", cell_fmt or w.formats.text)
        w.cell(index, first, value, cell_fmt, measure=False)
    w.next_row += 1
    return index


def paragraph(
    w: SheetWriter, widths: Sequence[float], last: int, text: str, fmt: Any = None
) -> int:
    """Write ``text`` on the next row over columns 0…``last``, wrapped."""
    return spanned_row(w, widths, [(0, last)], [text], fmt)
