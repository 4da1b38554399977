"""What the HTML page draws, computed in Python: table cells, SVG bar geometry, heatmap colours.

The template only lays these out; it never computes a number. Numbers are formatted the way
readers of each language expect (``1.234`` and ``61,5 %`` in Indonesian).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from phbs.i18n import Lang, fmt_decimal, fmt_int, fmt_percent, t
from phbs.reports.content import (
    ReportContent,
    ci_method_name,
    confidence_level,
    dusun_label,
)
from phbs.reports.denominators import persen_column_key
from phbs.reports.healthy import healthy_label, total_healthy, with_healthy
from phbs.reports.strata import stratum_of
from phbs.scoring.household import AreaLevel
from phbs.scoring.summary import AreaSummary


def fmt_pct(value: float | None, lang: Lang = "id", digits: int = 1) -> str:
    """A percentage rounded for display (the stored value keeps full precision).

    >>> fmt_pct(61.5176), fmt_pct(61.5176, "en"), fmt_pct(None)
    ('61,5 %', '61.5%', '–')
    """
    return fmt_percent(value, lang, digits)


def fmt_number(value: float | None, lang: Lang = "id", digits: int = 1) -> str:
    """A decimal number rounded for display.

    >>> fmt_number(812.456, "id", 2)
    '812,46'
    """
    return fmt_decimal(value, lang, digits)


def fmt_interval(low: float | None, high: float | None, lang: Lang = "id") -> str:
    """A confidence interval as ``56,8–66,1`` (no percent sign: the column says it).

    >>> fmt_interval(56.81, 66.07), fmt_interval(56.81, 66.07, "en"), fmt_interval(None, 1.0)
    ('56,8–66,1', '56.8–66.1', '–')
    """
    if low is None or high is None:
        return "–"
    return f"{fmt_number(low, lang)}–{fmt_number(high, lang)}"


def ci_level(content: ReportContent) -> str:
    """The confidence level as a percentage without trailing zeros, e.g. ``95``."""
    return confidence_level(content.report.tingkat_kepercayaan, content.lang)


def _sort_key(value: float | int | None) -> str:
    return "" if value is None else repr(float(value))


@dataclass(frozen=True)
class Cell:
    """One table cell: its text, the value it sorts by, a small note, a colour and a
    tooltip (``title``)."""

    text: str
    sort: str
    note: str = ""
    colour: str = ""
    numeric: bool = True
    title: str = ""


@dataclass(frozen=True)
class Column:
    """A table column header."""

    label: str
    numeric: bool


@dataclass(frozen=True)
class Table:
    """A sortable table: headers and rows of cells.

    ``notes`` (one text per row, or none) are drawn in a full-width row under their row,
    headed ``notes_label``: long texts that would make a column too wide to read or print.
    """

    columns: list[Column]
    rows: list[list[Cell]]
    total: list[Cell]
    notes: list[str] = field(default_factory=list)
    notes_label: str = ""


def _text(value: str | None) -> Cell:
    return Cell(text=value or "", sort=(value or "").casefold(), numeric=False)


def _count(value: int | None, lang: Lang) -> Cell:
    return Cell(text=fmt_int(value, lang), sort=_sort_key(value))


def _percent(value: float | None, lang: Lang, note: str = "", colour: str = "") -> Cell:
    return Cell(text=fmt_pct(value, lang), sort=_sort_key(value), note=note, colour=colour)


def area_table(content: ReportContent) -> Table:
    """The village (or chosen level) table, with numerators and denominators beside %."""
    lang = content.lang
    report = content.report
    dusun = report.tingkat is AreaLevel.DUSUN
    roll_up = report.tingkat not in (AreaLevel.DESA, AreaLevel.DUSUN)
    with_total = any(a.jumlah_rumah_tangga is not None for a in report.wilayah)
    labels: list[tuple[str, bool]] = [("report.col.kode", False), ("report.col.nama", False)]
    if dusun:
        labels.append(("report.col.dusun", False))
    labels += [
        ("report.col.rumah_tangga_disurvei", True),
        ("report.col.ber_phbs", True),
        ("report.col.tidak_ber_phbs", True),
        ("report.col.belum_lengkap", True),
        (persen_column_key(report), True),
    ]
    columns = [Column(t(key, lang), numeric) for key, numeric in labels]
    columns.append(Column(t("ci.col", lang, level=ci_level(content)), True))
    labels = [("report.col.strata", False)]
    if content.target is not None:
        labels.append(("report.col.capai_target", False))
    if roll_up:
        labels.append(("report.col.jumlah_desa", True))
    if with_total:
        labels += [("report.col.jumlah_rumah_tangga", True), ("report.col.persen_dipantau", True)]
    columns += [Column(t(key, lang), numeric) for key, numeric in labels]
    healthy = with_healthy(report.wilayah)
    if healthy:
        columns.append(Column(healthy_label(content.result.survey.form.form, lang), True))
        columns.append(Column(t("report.col.rumah_tangga_tanpa_kelas", lang), True))
    rows = [_area_row(content, area, dusun, roll_up, with_total) for area in report.wilayah]
    h = content.headline
    total = [_text(t("total", lang)), _text("")]
    if dusun:
        total.append(_text(""))
    total += [
        _count(h.rumah_tangga_disurvei, lang),
        _count(h.ber_phbs, lang),
        _count(h.tidak_ber_phbs, lang),
        _count(h.belum_lengkap, lang),
        _percent(
            h.persen_ber_phbs,
            lang,
            f"{fmt_int(h.ber_phbs, lang)} / {fmt_int(h.penyebut_ber_phbs, lang)}",
        ),
    ]
    total += [_text("")] * (len(columns) - len(total) - 2 * healthy)
    if healthy:
        sehat, berkelas, share = total_healthy(report.wilayah)
        note = f"{fmt_int(sehat, lang)} / {fmt_int(berkelas, lang)}"
        total.append(_percent(share, lang, note))
        total.append(_count(sum(a.rumah_tangga_tanpa_kelas or 0 for a in report.wilayah), lang))
    return Table(columns=columns, rows=rows, total=total)


def _area_row(
    content: ReportContent, area: AreaSummary, dusun: bool, roll_up: bool, with_total: bool
) -> list[Cell]:
    lang = content.lang
    stratum = stratum_of(area.persen_ber_phbs, content.strata)
    denominator = content.report.penyebut.ber_phbs_base_of(area)
    row = [_text(area.kode), _text(area.nama)]
    if dusun:
        row.append(_text(dusun_label(area.dusun, lang)))
    row += [
        _count(area.rumah_tangga_disurvei, lang),
        _count(area.ber_phbs, lang),
        _count(area.tidak_ber_phbs, lang),
        _count(area.belum_lengkap, lang),
        _percent(
            area.persen_ber_phbs,
            lang,
            f"{fmt_int(area.ber_phbs, lang)} / {fmt_int(denominator, lang)}",
        ),
        # Sorted by the point estimate: the interval is read beside it, not ranked.
        Cell(
            text=fmt_interval(area.persen_ber_phbs_bawah, area.persen_ber_phbs_atas, lang),
            sort=_sort_key(area.persen_ber_phbs),
        ),
        Cell(
            text=stratum.label if stratum else "–",
            sort=str(content.strata.index(stratum)) if stratum else "",
            colour=stratum.colour if stratum else "",
            numeric=False,
        ),
    ]
    if content.target is not None:
        met = None if area.persen_ber_phbs is None else area.persen_ber_phbs >= content.target
        text = "–" if met is None else t("yes" if met else "no", lang)
        colour = "" if met is None else ("#b8e0b0" if met else "#f4a3a3")
        row.append(Cell(text=text, sort=text, colour=colour, numeric=False))
    if roll_up:
        row.append(_count(area.jumlah_desa, lang))
    if with_total:
        note = ""
        if area.jumlah_rumah_tangga is not None:
            note = (
                f"{fmt_int(area.rumah_tangga_disurvei, lang)} / "
                f"{fmt_int(area.jumlah_rumah_tangga, lang)}"
            )
        if area.sampel_kurang:
            note += " · " + t("sampel_kurang", lang)
        row += [
            _count(area.jumlah_rumah_tangga, lang),
            _percent(area.persen_dipantau, lang, note, "#fde0c5" if area.sampel_kurang else ""),
        ]
    if area.rumah_tangga_berkelas is not None:
        row += [_healthy_cell(content, area), _count(area.rumah_tangga_tanpa_kelas, lang)]
    return row


def _healthy_cell(content: ReportContent, area: AreaSummary) -> Cell:
    """The % rumah tangga sehat with ``sehat / berkelas`` under it and its interval in the
    tooltip (docs/aturan.md §5.1)."""
    lang = content.lang
    sehat, berkelas = area.rumah_tangga_sehat or 0, area.rumah_tangga_berkelas or 0
    cell = _percent(
        area.persen_rumah_tangga_sehat,
        lang,
        f"{fmt_int(sehat, lang)} / {fmt_int(berkelas, lang)}",
    )
    title = t(
        "report.healthy.title",
        lang,
        sehat=fmt_int(sehat, lang),
        berkelas=fmt_int(berkelas, lang),
        level=ci_level(content),
        low=fmt_pct(area.persen_rumah_tangga_sehat_bawah, lang),
        high=fmt_pct(area.persen_rumah_tangga_sehat_atas, lang),
    )
    return replace(cell, title=title)


def heat_colour(value: float | None) -> str:
    """Red (0 %) to yellow (50 %) to green (100 %), as the workbook's heatmap.

    >>> heat_colour(0.0), heat_colour(50.0), heat_colour(100.0), heat_colour(None)
    ('#f8696b', '#ffeb84', '#63be7b', '#eeeeee')
    """
    if value is None:
        return "#eeeeee"
    low, mid, high = (0xF8, 0x69, 0x6B), (0xFF, 0xEB, 0x84), (0x63, 0xBE, 0x7B)
    share = min(max(value, 0.0), 100.0) / 50.0
    start, end = (low, mid) if share <= 1 else (mid, high)
    share = share if share <= 1 else share - 1
    rgb = (round(a + (b - a) * share) for a, b in zip(start, end, strict=True))
    return "#" + "".join(f"{c:02x}" for c in rgb)


def heatmap(content: ReportContent, areas: Sequence[AreaSummary], *, dusun: bool) -> Table:
    """Coverage per indicator per area: ``cakupan`` with ``ya / berlaku`` beside it."""
    lang = content.lang
    columns = [Column(t("report.col.nama_desa", lang), False)]
    if dusun:
        columns.append(Column(t("report.col.dusun", lang), False))
    columns.append(Column(t("report.col.dinilai", lang), True))
    columns += [Column(f"{i.number}. {i.name}", True) for i in content.indicators]
    rows = []
    method = ci_method_name(content.report.metode_ci.value, lang)
    for area in areas:
        # The code goes under the name: names repeat, codes do not (docs/aturan.md §9.1).
        row = [Cell(text=area.nama, sort=area.nama.casefold(), note=area.kode, numeric=False)]
        if dusun:
            row.append(_text(dusun_label(area.dusun, lang)))
        row.append(_count(area.rumah_tangga_disurvei, lang))
        for indicator in content.indicators:
            coverage = area.indikator[indicator.code]
            cell = _percent(
                coverage.cakupan,
                lang,
                f"{fmt_int(coverage.ya, lang)} / {fmt_int(coverage.berlaku, lang)}",
                heat_colour(coverage.cakupan),
            )
            if coverage.cakupan_bawah is not None and coverage.cakupan_atas is not None:
                tip = t(
                    "report.heat.ci",
                    lang,
                    level=ci_level(content),
                    low=fmt_pct(coverage.cakupan_bawah, lang),
                    high=fmt_pct(coverage.cakupan_atas, lang),
                    method=method,
                )
                cell = replace(cell, title=f"{indicator.number}. {indicator.name} · {tip}")
            row.append(cell)
        rows.append(row)
    return Table(columns=columns, rows=rows, total=[])


@dataclass(frozen=True)
class Bar:
    """One bar of the SVG chart (coordinates in SVG user units)."""

    y: float
    width: float
    label: str
    short_label: str
    value_text: str
    colour: str
    stratum: str


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart of % ber-PHBS by area, drawn as inline SVG.

    The wide layout has the names left of the bars and the values right of them; the
    narrow one (``narrow``, for phones) writes name and value on a line above each bar.
    """

    width: int
    height: int
    left: int
    plot_width: int
    bar_height: int
    top: int
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    target_x: float | None
    target_text: str
    narrow: bool = False


def bar_chart(content: ReportContent, *, narrow: bool = False) -> BarChart:
    """Bars coloured by village stratum; the stratum label is printed beside the value.

    The narrow layout is 360 units wide, so its 11-12 px text stays legible on a phone
    screen 340 px wide; the wide one is 850 units wide.
    """
    lang = content.lang
    if narrow:
        left, plot_width, right, top, step, bar_height, first = 16, 320, 24, 14, 34, 12, 18
        cut = 22
    else:
        left, plot_width, right, top, step, bar_height, first = 190, 470, 190, 24, 22, 15, 0
        cut = 26
    bars = []
    for index, area in enumerate(content.report.wilayah):
        value = area.persen_ber_phbs
        stratum = stratum_of(value, content.strata)
        dusun = dusun_label(area.dusun, lang)
        label = area.nama if dusun is None else f"{area.nama} · {dusun}"
        label = label or area.kode
        short = label if len(label) <= cut else label[: cut - 1] + "…"
        denominator = content.report.penyebut.ber_phbs_base_of(area)
        bars.append(
            Bar(
                y=top + first + index * step,
                width=0.0 if value is None else plot_width * min(value, 100.0) / 100,
                label=f"{area.kode} {label}",
                short_label=short,
                value_text=(
                    f"{fmt_pct(value, lang)} ({fmt_int(area.ber_phbs, lang)}/"
                    f"{fmt_int(denominator, lang)})" + (f" · {stratum.label}" if stratum else "")
                ),
                colour=stratum.colour if stratum else "#dddddd",
                stratum=stratum.label if stratum else "",
            )
        )
    ticks = [(left + plot_width * p / 100, fmt_pct(p, lang, 0)) for p in (0, 25, 50, 75, 100)]
    target = content.target
    return BarChart(
        width=left + plot_width + right,
        height=top + first + step * max(len(bars), 1) + 24,
        left=left,
        plot_width=plot_width,
        bar_height=bar_height,
        top=top + first,
        bars=bars,
        ticks=ticks,
        target_x=None if target is None else left + plot_width * min(target, 100.0) / 100,
        target_text="" if target is None else f"{t('report.target', lang)} {fmt_pct(target, lang)}",
        narrow=narrow,
    )
