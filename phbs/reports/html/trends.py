"""The change section of the HTML page (docs/aturan.md §5.8): a dot-and-arrow chart drawn as
inline SVG, the sortable change table and the indicator table, computed in Python.

One row of the chart per area, largest increase first: a hollow dot at the baseline % ber-PHBS,
an arrow to the current one, coloured by the verdict, and behind it a band: the interval of
the change laid from the baseline dot, so that a band clear of the dot is a meaningful change.
The verdict is also written beside each row, so colour is never the only thing that says it.
Many areas are drawn in blocks of :data:`ROWS_PER_BLOCK` rows, each block an SVG of its own
that prints whole on a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from phbs.i18n import Lang, fmt_int, t
from phbs.reports.html.view import Cell, Column, Table, fmt_pct
from phbs.reports.trends import (
    TrendRow,
    TrendsView,
    verdict_sort,
)
from phbs.reports.trends_text import change_interval, points
from phbs.trends.models import Change, RoundValue

#: Colours of the verdicts (line, dot, arrow) and of their table cells.
VERDICT_COLOURS = {
    "naik": "#1a7f37",
    "turun": "#c2410c",
    "tidak_berubah_bermakna": "#52606d",
    "none": "#9aa5b1",
}
CELL_COLOURS = {
    "naik": "#cde8d4",
    "turun": "#f9d3c0",
    "tidak_berubah_bermakna": "#e4e9f0",
    "none": "",
}
#: Rows of one chart block: a block prints whole on an A4 page.
ROWS_PER_BLOCK = 40
#: Blocks beyond which the chart scrolls inside its box on screen.
SCROLL_AFTER = 1


@dataclass(frozen=True)
class TrendMark:
    """One area: the dot at the baseline, the arrow to the current value and the band of the
    change's interval (x in SVG units; None where a round has no value)."""

    y: float
    x_before: float | None
    x_after: float | None
    band: tuple[float, float] | None
    head: str
    verdict: str
    colour: str
    kode: str
    short_label: str
    value_text: str
    tooltip: str


@dataclass(frozen=True)
class TrendChart:
    """One block of the chart."""

    width: int
    height: int
    left: int
    plot_width: int
    top: int
    bottom: int
    narrow: bool
    ticks: list[tuple[float, str]]
    marks: list[TrendMark]


def _verdict_key(change: Change) -> str:
    return change.putusan.value if change.putusan else "none"


def _x(left: int, width: int, value: float | None) -> float | None:
    if value is None:
        return None
    return round(left + width * min(max(value, 0.0), 100.0) / 100, 1)


def _arrow_head(x0: float | None, x1: float | None, y: float) -> str:
    """The arrow's head at ``x1`` pointing away from ``x0`` (a dot when they meet)."""
    if x1 is None or x0 is None or abs(x1 - x0) < 4:
        return ""
    sign = 1 if x1 > x0 else -1
    back = x1 - sign * 8
    return f"{x1:.1f},{y:.1f} {back:.1f},{y - 4.5:.1f} {back:.1f},{y + 4.5:.1f}"


def _value_text(view: TrendsView, row: TrendRow) -> str:
    lang = view.lang
    return (
        f"{fmt_pct(row.before.persen, lang)} → {fmt_pct(row.after.persen, lang)} · "
        f"{points(row.change.perubahan, lang)} · {view.verdict_text(row.change)}"
    )


def _mark(
    view: TrendsView, row: TrendRow, y: float, geometry: tuple[int, int, int], narrow: bool
) -> TrendMark:
    left, width, cut = geometry
    lang = view.lang
    x0, x1 = _x(left, width, row.before.persen), _x(left, width, row.after.persen)
    band = None
    change = row.change
    if change.bawah is not None and change.atas is not None and row.before.persen is not None:
        low = _x(left, width, row.before.persen + change.bawah)
        high = _x(left, width, row.before.persen + change.atas)
        band = (low or 0.0, high or 0.0)
    label = row.nama or row.kode
    interval = change_interval(change, lang)
    tooltip = f"{row.kode} {label}: {_value_text(view, row)}"
    if interval != "–":
        tooltip += f" ({interval})"
    key = _verdict_key(change)
    return TrendMark(
        y=y,
        x_before=x0,
        x_after=x1,
        band=band,
        head=_arrow_head(x0, x1, y),
        verdict=key,
        colour=VERDICT_COLOURS[key],
        kode=row.kode,
        short_label=label if len(label) <= cut else label[: cut - 1] + "…",
        # A phone's line holds the name and the change; the two values are in the tooltip.
        value_text=(
            f"{points(change.perubahan, lang)} · {view.verdict_text(change)}"
            if narrow
            else _value_text(view, row)
        ),
        tooltip=tooltip,
    )


def chart_order(rows: list[TrendRow]) -> list[TrendRow]:
    """Largest increase first; areas without a change last, by their current value."""

    def key(row: TrendRow) -> tuple[int, float]:
        if row.change.perubahan is not None:
            return 0, -row.change.perubahan
        return 1, -(row.after.persen if row.after.persen is not None else -1.0)

    return sorted(rows, key=key)


def trend_charts(view: TrendsView, *, narrow: bool = False) -> list[TrendChart]:
    """The chart in blocks of at most :data:`ROWS_PER_BLOCK` areas. The wide layout has names
    left and values right of the plot (920 units); the narrow one, for phones, writes both on
    a line above each row (360 units)."""
    if narrow:
        left, plot_width, right, top, step, first, cut = 16, 320, 24, 22, 34, 16, 18
    else:
        left, plot_width, right, top, step, first, cut = 180, 420, 320, 22, 22, 10, 26
    rows = chart_order(view.rows)
    blocks = [rows[i : i + ROWS_PER_BLOCK] for i in range(0, len(rows), ROWS_PER_BLOCK)]
    ticks = [(left + plot_width * p / 100, fmt_pct(p, view.lang, 0)) for p in (0, 25, 50, 75, 100)]
    charts = []
    for block in blocks or [[]]:
        marks = [
            _mark(view, row, top + first + i * step, (left, plot_width, cut), narrow)
            for i, row in enumerate(block)
        ]
        bottom = top + first + step * max(len(block), 1) - step // 2
        charts.append(
            TrendChart(
                width=left + plot_width + right,
                height=bottom + 24,
                left=left,
                plot_width=plot_width,
                top=top,
                bottom=bottom,
                narrow=narrow,
                ticks=ticks,
                marks=marks,
            )
        )
    return charts


def _value_cell(value: RoundValue, lang: Lang) -> Cell:
    note = "" if value.n is None else f"{fmt_int(value.x, lang)} / {fmt_int(value.n, lang)}"
    return Cell(
        text=fmt_pct(value.persen, lang),
        sort="" if value.persen is None else repr(float(value.persen)),
        note=note,
    )


def _change_cells(view: TrendsView, change: Change) -> list[Cell]:
    lang = view.lang
    key = _verdict_key(change)
    return [
        Cell(
            text=points(change.perubahan, lang),
            sort="" if change.perubahan is None else repr(float(change.perubahan)),
            note=change_interval(change, lang) if change.bawah is not None else "",
        ),
        Cell(
            text=view.verdict_text(change),
            sort=verdict_sort(change),
            colour=CELL_COLOURS[key],
            numeric=False,
        ),
    ]


def _transition_cell(view: TrendsView, row: TrendRow) -> Cell:
    paired = row.paired
    if paired is None or paired.berpasangan + paired.belum_lengkap == 0:
        return Cell(text="–", sort="")
    lang = view.lang
    return Cell(
        text=t(
            "report.trends.transitions",
            lang,
            up=fmt_int(paired.menjadi_ber_phbs, lang),
            down=fmt_int(paired.tidak_lagi_ber_phbs, lang),
        ),
        sort=repr(float(paired.menjadi_ber_phbs - paired.tidak_lagi_ber_phbs)),
        note=t("report.trends.paired_count", lang, count=fmt_int(paired.berpasangan, lang)),
    )


def _table_row(view: TrendsView, row: TrendRow) -> list[Cell]:
    lang = view.lang
    cells = [
        Cell(text=row.kode, sort=row.kode.casefold(), numeric=False),
        Cell(
            text=row.nama,
            sort=row.nama.casefold(),
            note=" ~ ".join(row.kode_asal),
            numeric=False,
        ),
        _value_cell(row.before, lang),
        _value_cell(row.after, lang),
        *_change_cells(view, row.change),
    ]
    if view.paired_known:
        cells.append(_transition_cell(view, row))
    return cells


def change_table(view: TrendsView) -> Table:
    """Area, baseline and current % ber-PHBS (with x / n), the change with its interval,
    the verdict and, when households were read in both rounds, the paired transitions."""
    lang = view.lang
    columns = [
        Column(t("report.col.kode", lang), False),
        Column(t("report.col.nama", lang), False),
        Column(t("report.trends.col.value", lang, label=view.baseline), True),
        Column(t("report.trends.col.value", lang, label=view.current), True),
        Column(t("report.trends.col.change", lang), True),
        Column(t("report.trends.col.verdict", lang), False),
    ]
    if view.paired_known:
        columns.append(Column(t("report.trends.col.transitions", lang), True))
    return Table(
        columns=columns,
        rows=[_table_row(view, row) for row in view.rows],
        total=_table_row(view, view.total),
    )


def indicator_table(view: TrendsView) -> Table:
    """Per indicator: the whole report area's coverage in both rounds, its change with the
    interval and verdict, and how many areas went up, down or did not change meaningfully."""
    lang = view.lang
    level = t(f"level.{view.trends.tingkat}", lang)
    columns = [
        Column(t("report.trends.col.indicator", lang), False),
        Column(t("report.trends.col.coverage", lang, label=view.baseline), True),
        Column(t("report.trends.col.coverage", lang, label=view.current), True),
        Column(t("report.trends.col.change", lang), True),
        Column(t("report.trends.col.verdict", lang), False),
        Column(t("report.trends.col.areas_up", lang, level=level), True),
        Column(t("report.trends.col.areas_down", lang, level=level), True),
        Column(t("report.trends.col.areas_same", lang), True),
    ]
    rows = []
    for number, item in enumerate(view.indicators):
        rows.append(
            [
                Cell(text=item.label, sort=f"{number:04d}", numeric=False),
                _value_cell(item.before, lang),
                _value_cell(item.after, lang),
                *_change_cells(view, item.change),
                Cell(text=fmt_int(item.naik, lang), sort=str(item.naik)),
                Cell(text=fmt_int(item.turun, lang), sort=str(item.turun)),
                Cell(text=fmt_int(item.tidak_berubah, lang), sort=str(item.tidak_berubah)),
            ]
        )
    return Table(columns=columns, rows=rows, total=[])


@dataclass(frozen=True)
class TrendsSection:
    """Everything the template lays out for the change section."""

    view: TrendsView
    charts: list[TrendChart]
    charts_narrow: list[TrendChart]
    table: Table
    indicators: Table
    legend: list[tuple[str, str]]
    scroll: bool
    chart_title: str
    chart_desc: str


def trends_section(view: TrendsView, level_ci: str) -> TrendsSection:
    """The change section of a page whose intervals are at ``level_ci`` %."""
    lang = view.lang
    level = t(f"level.{view.trends.tingkat}", lang)
    charts = trend_charts(view)
    legend = [
        (VERDICT_COLOURS[key], t(f"report.trends.verdict.{key}", lang))
        for key in ("naik", "turun", "tidak_berubah_bermakna", "none")
    ]
    return TrendsSection(
        view=view,
        charts=charts,
        charts_narrow=trend_charts(view, narrow=True),
        table=change_table(view),
        indicators=indicator_table(view),
        legend=legend,
        scroll=len(charts) > SCROLL_AFTER,
        chart_title=t(
            "report.trends.chart.title", lang, before=view.baseline, after=view.current, level=level
        ),
        chart_desc=t(
            "report.trends.chart.desc",
            lang,
            before=view.baseline,
            after=view.current,
            level=level,
            level_ci=level_ci,
        ),
    )
