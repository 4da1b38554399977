"""The *Perubahan* sheet: the comparison with an earlier round (docs/aturan.md §5.8).

One row per area: each round's ber-PHBS, denominator and % ber-PHBS, the change in
percentage points with its interval and verdict, and the paired households; the whole report
area in a total row. Below: the statements of the page, the change per indicator over the
whole report area, and a native clustered bar chart of each area's % ber-PHBS in both rounds
(for at most :data:`CHART_MAX_AREAS` areas).
Percentages are numbers with a percent format; changes are numbers of points (``+0.0``).
"""

from __future__ import annotations

from typing import Any

from phbs.i18n import t
from phbs.reports.excel.formats import Formats
from phbs.reports.excel.printing import wrapped_lines
from phbs.reports.excel.sheet import Cell, Pct, SheetWriter, table_setup
from phbs.reports.excel.spans import paragraph
from phbs.reports.trends import TrendRow, TrendsView
from phbs.trends.models import Change, RoundValue

#: Areas beyond which the sheet has no chart (a bar per area would be unreadable).
CHART_MAX_AREAS = 60
#: Fill of a verdict's cells and bars.
VERDICT_FILLS = {
    "naik": "#CDE8D4",
    "turun": "#F9D3C0",
    "tidak_berubah_bermakna": "#E4E9F0",
}
#: Number format of a change in percentage points.
POINTS = "+0.0;-0.0;0.0"


def trend_columns(view: TrendsView) -> list[str]:
    """The sheet's column labels, in order."""
    lang = view.lang
    columns = [t("report.col.kode", lang), t("report.col.nama", lang)]
    for label in (view.baseline, view.current):
        columns += [
            t("report.trends.col.ber", lang, label=label),
            t("report.trends.col.base", lang, label=label),
            t("report.trends.col.value", lang, label=label),
        ]
    columns += [
        t("report.trends.col.change", lang),
        t("report.trends.col.low", lang),
        t("report.trends.col.high", lang),
        t("report.trends.col.verdict", lang),
    ]
    if view.paired_known:
        columns += [
            t("report.trends.col.paired", lang),
            t("report.trends.col.became", lang),
            t("report.trends.col.no_longer", lang),
        ]
    return columns


#: Where the change, its bounds and the verdict are (0-based columns).
CHANGE_COL, LOW_COL, HIGH_COL, VERDICT_COL = 8, 9, 10, 11
BASELINE_PCT_COL, CURRENT_PCT_COL = 4, 7
#: Columns of the indicator table: its name spans these, its values stand under the table's.
NAME_SPAN = (1, 3)
INDICATOR_COLS = (4, 7, CHANGE_COL, LOW_COL, HIGH_COL, VERDICT_COL, 12, 13, 14)
#: Characters of a header line: the sheet should print one landscape page wide.
HEADER_WIDTH = 11


def _round_cells(value: RoundValue) -> list[Cell]:
    return [value.x, value.n, Pct(value.persen)]


def _change_cells(view: TrendsView, change: Change) -> list[Cell]:
    return [change.perubahan, change.bawah, change.atas, view.verdict_text(change)]


def trend_values(view: TrendsView, row: TrendRow) -> list[Cell]:
    """One area's cells, in the order of :func:`trend_columns`."""
    values: list[Cell] = [row.kode, row.nama]
    values += _round_cells(row.before)
    values += _round_cells(row.after)
    values += _change_cells(view, row.change)
    if view.paired_known:
        paired = row.paired
        values += (
            [None] * 3
            if paired is None
            else [paired.berpasangan, paired.menjadi_ber_phbs, paired.tidak_lagi_ber_phbs]
        )
    return values


def _formats(workbook: Any, columns: int, total: bool) -> list[Any]:
    base: dict[str, Any] = {"valign": "top"} | ({"bold": True, "top": 1} if total else {})
    integer = workbook.add_format(base | {"num_format": "#,##0"})
    percent = workbook.add_format(base | {"num_format": "0.0%"})
    points = workbook.add_format(base | {"num_format": POINTS})
    text = workbook.add_format(base)
    found = [text, text, *([integer] * 2 + [percent]) * 2, points, points, points, text]
    return found + [integer] * (columns - len(found))


def write_trends_sheet(workbook: Any, formats: Formats, view: TrendsView) -> str:
    """Write the *Perubahan* sheet; returns its name."""
    lang = view.lang
    name = t("report.sheet.trends", lang)
    sheet = workbook.add_worksheet(name)
    w = SheetWriter(sheet, formats, lang)
    columns = trend_columns(view)
    w.header(columns, width=HEADER_WIDTH)
    row_formats = _formats(workbook, len(columns), total=False)
    fills = {
        key: workbook.add_format({"valign": "top", "bg_color": colour})
        for key, colour in VERDICT_FILLS.items()
    }
    for row in view.rows:
        index = w.row(trend_values(view, row), row_formats)
        if row.change.putusan is not None:
            verdict = row.change.putusan.value
            w.cell(index, VERDICT_COL, view.verdict_text(row.change), fills[verdict])
    last = w.next_row - 1
    table_setup(sheet, 1, last, len(columns) - 1)
    sheet.freeze_panes(1, 2)
    total_formats = _formats(workbook, len(columns), total=True)
    w.row(trend_values(view, view.total), total_formats)
    w.skip()
    widths = w.column_widths()
    for statement in view.statements:
        paragraph(w, widths, VERDICT_COL, statement)
    w.skip()
    _write_indicators(w, view, row_formats)
    w.fit_columns()
    # One page wide (landscape): the statements and the indicator table span the columns.
    w.print_setup()
    if len(view.rows) > CHART_MAX_AREAS:
        w.skip()
        w.row([t("report.trends.chart.too_many", lang, count=CHART_MAX_AREAS)], measure=False)
    elif view.rows:
        _insert_chart(workbook, sheet, view, name, w.next_row + 1)
    return str(name)


def _write_indicators(w: SheetWriter, view: TrendsView, row_formats: list[Any]) -> None:
    """The change per indicator over the whole report area: the indicator's name over the
    area names' columns, its values under the table's percentage and change columns."""
    lang = view.lang
    level = t(f"level.{view.trends.tingkat}", lang)
    w.row([t("report.trends.indicators.title", lang)], w.formats.section, measure=False)
    note = t("report.trends.indicators.note", lang, level=level)
    paragraph(w, w.column_widths(), VERDICT_COL, note)
    header = [
        t("report.trends.col.coverage", lang, label=view.baseline),
        t("report.trends.col.coverage", lang, label=view.current),
        t("report.trends.col.change", lang),
        t("report.trends.col.low", lang),
        t("report.trends.col.high", lang),
        t("report.trends.col.verdict", lang),
        t("report.trends.col.areas_up", lang, level=level),
        t("report.trends.col.areas_down", lang, level=level),
        t("report.trends.col.areas_same", lang),
    ]
    index = w.next_row
    w.set_height(index, 3)
    first, last = NAME_SPAN
    header_fmt = w.formats.header
    w.sheet.write_blank(index, 0, None, header_fmt)
    w.sheet.merge_range(index, first, index, last, "", header_fmt)
    w.sheet.write_string(index, first, t("report.trends.col.indicator", lang), header_fmt)
    for col in range(last + 1, INDICATOR_COLS[-1] + 1):
        text = header[INDICATOR_COLS.index(col)] if col in INDICATOR_COLS else ""
        w.sheet.write_string(index, col, text, header_fmt)
        # Past the area table (no paired columns) the header still needs room to wrap in.
        w.widths[col] = max(w.widths.get(col, 0), min(len(text), HEADER_WIDTH))
    w.next_row += 1
    chars = int(sum(w.column_widths()[first : last + 1]))
    for item in view.indicators:
        index = w.next_row
        w.set_height(index, wrapped_lines(item.label, chars - 2))
        w.sheet.merge_range(index, first, index, last, "", w.formats.wrapped)
        w.cell(index, first, item.label, w.formats.wrapped, measure=False)
        values: list[Cell] = [Pct(item.before.persen), Pct(item.after.persen)]
        values += _change_cells(view, item.change)
        values += [item.naik, item.turun, item.tidak_berubah]
        points, text = row_formats[CHANGE_COL], row_formats[VERDICT_COL]
        formats = [row_formats[4]] * 2 + [points] * 3 + [text] + [w.formats.integer] * 3
        for col, value, fmt in zip(INDICATOR_COLS, values, formats, strict=True):
            w.cell(index, col, value, fmt, measure=False)
        w.next_row += 1


def _insert_chart(workbook: Any, sheet: Any, view: TrendsView, name: str, at: int) -> None:
    """Clustered bars per area: % ber-PHBS in the baseline and in the current round, read
    from the table's percentage columns."""
    count = len(view.rows)
    chart = workbook.add_chart({"type": "bar"})
    for label, col, colour in (
        (view.baseline, BASELINE_PCT_COL, "#B8C4D2"),
        (view.current, CURRENT_PCT_COL, "#2F5D8A"),
    ):
        chart.add_series(
            {
                "name": t("report.trends.col.value", view.lang, label=label),
                "categories": [name, 1, 1, count, 1],
                "values": [name, 1, col, count, col],
                "fill": {"color": colour},
                "border": {"color": "#6B7785"},
                "gap": 50,
            }
        )
    chart.set_title(
        {
            "name": t(
                "report.trends.chart.title",
                view.lang,
                before=view.baseline,
                after=view.current,
                level=t(f"level.{view.trends.tingkat}", view.lang),
            ),
            "name_font": {"size": 11},
        }
    )
    chart.set_x_axis({"min": 0, "max": 1, "num_format": "0%", "major_gridlines": {"visible": True}})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"position": "top"})
    chart.set_size({"width": 720, "height": max(320, 30 * count + 110)})
    sheet.insert_chart(at, 0, chart)
    # The chart starts a printed page of its own rather than being cut by a page break.
    sheet.set_h_pagebreaks([at])
