"""The *Rekap Indikator* sheet: the Puskesmas recap layout, with a coverage heatmap.

Per area (village, or dusun), *jumlah rumah dinilai*, then for every indicator *ada
indikator* (applicable and answered), *jawaban ya* and *cakupan (%)* (docs/aturan.md §5.2).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from xlsxwriter.utility import xl_range

from phbs.i18n import t
from phbs.reports.content import ReportContent, ci_description, confidence_level, dusun_label
from phbs.reports.excel.formats import Formats
from phbs.reports.excel.printing import TableLayout, plan_print
from phbs.reports.excel.sheet import (
    Cell,
    Pct,
    SheetWriter,
    table_setup,
    write_long_table,
)
from phbs.reports.excel.spans import paragraph
from phbs.scoring.household import percent
from phbs.scoring.summary import AreaSummary

#: The heatmap: red at 0 %, yellow at 50 %, green at 100 % coverage.
HEATMAP = {
    "type": "3_color_scale",
    "min_type": "num",
    "min_value": 0,
    "min_color": "#F8696B",
    "mid_type": "num",
    "mid_value": 0.5,
    "mid_color": "#FFEB84",
    "max_type": "num",
    "max_value": 1,
    "max_color": "#63BE7B",
}


def write_recap(
    workbook: Any,
    formats: Formats,
    content: ReportContent,
    name: str,
    areas: Sequence[AreaSummary],
    *,
    dusun: bool,
) -> None:
    """Write one recap sheet: two header rows (indicator, then its three columns)."""
    lang = content.lang
    sheet = workbook.add_worksheet(name)
    w = SheetWriter(sheet, formats, lang)
    lead = [t("report.col.kode", lang), t("report.col.nama", lang)]
    if dusun:
        lead.append(t("report.col.dusun", lang))
    lead.append(t("report.col.dinilai", lang))
    first = len(lead)
    # Row 0: one merged title over each indicator's three columns (horizontal merges
    # only: a vertical merge would write row 1 before row 0 is complete).
    names = [f"{i.number}. {i.name}" for i in content.indicators]
    longest = max((len(n) for n in names), default=0)
    sheet.set_row(0, 15 * max(1, -(-longest // 28)))
    for offset in range(first):
        sheet.write_blank(0, offset, None, formats.group)
    for index, indicator in enumerate(content.indicators):
        col = first + 3 * index
        title = f"{indicator.number}. {indicator.name}"
        sheet.merge_range(0, col, 0, col + 2, "", formats.group)
        sheet.write_string(0, col, title, formats.group)
    w.skip()
    sub = [
        t("report.col.ada_indikator", lang),
        t("report.col.jawaban_ya", lang),
        t("report.col.cakupan", lang),
    ]
    # Three lines: the indicator columns are narrow (9 characters).
    w.header(lead + sub * len(content.indicators), lines=3)
    codes = [i.code for i in content.indicators]
    for area in areas:
        row: list[Cell] = [area.kode, area.nama]
        if dusun:
            row.append(dusun_label(area.dusun, lang))
        row.append(area.rumah_tangga_disurvei)
        for code in codes:
            coverage = area.indikator[code]
            row += [coverage.berlaku, coverage.ya, Pct(coverage.cakupan)]
        w.row(row)
    last = w.next_row - 1
    total_row: list[Cell] = [t("total", lang), None]
    if dusun:
        total_row.append(None)
    total_row.append(sum(a.rumah_tangga_disurvei for a in areas))
    total_formats = [formats.total_text] * (first - 1) + [formats.total_integer]
    for code in codes:
        ya = sum(a.indikator[code].ya for a in areas)
        berlaku = sum(a.indikator[code].berlaku for a in areas)
        total_row += [berlaku, ya, Pct(percent(ya, berlaku))]
        total_formats += [formats.total_integer, formats.total_integer, formats.total_percent]
    w.skip()
    w.row(total_row, total_formats)
    fixed = dict.fromkeys(range(first, first + 3 * len(codes)), 9)
    widths = w.column_widths(fixed=fixed)
    # The recap is wide: printed a few indicators a page, the area's columns repeated; an
    # indicator's three columns stay together.
    plan = plan_print(widths, lead=first, groups=range(first, first + 3 * len(codes), 3))
    # Two more columns per indicator would make a 50-column recap: the intervals get a
    # long sheet of their own and a note here says where.
    w.skip()
    note = t(
        "report.recap.ci_note",
        lang,
        ci=ci_description(content),
        sheet=t("report.sheet.recap_ci", lang),
    )
    # Printed in bands, it stays in the area's columns, repeated (whole) on every page.
    paragraph(w, widths, plan.bands[0][1] if plan.scale is None else first - 1, note)
    table_setup(sheet, 2, last, first + 3 * len(codes) - 1)
    sheet.freeze_panes(2, first)
    if last >= 2 and codes:
        columns = [first + 3 * i + 2 for i in range(len(codes))]
        ranges = [xl_range(2, col, last, col) for col in columns]
        sheet.conditional_format(
            2, first + 2, last, first + 2, {**HEATMAP, "multi_range": " ".join(ranges)}
        )
    w.fit_columns(fixed=fixed)
    w.print_setup(plan, header_rows=2, lead=first)


def _interval_rows(content: ReportContent) -> Iterator[list[Cell]]:
    for area in content.recap_villages:
        for indicator in content.indicators:
            coverage = area.indikator[indicator.code]
            yield [
                area.kode,
                area.nama,
                f"{indicator.number}. {indicator.name}",
                coverage.berlaku,
                coverage.ya,
                Pct(coverage.cakupan),
                Pct(coverage.cakupan_bawah),
                Pct(coverage.cakupan_atas),
            ]


def write_coverage_intervals(
    workbook: Any, formats: Formats, content: ReportContent, max_rows: int
) -> None:
    """The *IK Cakupan* sheet: every village's coverage of every indicator with its
    confidence interval (numbers with a percent format), one row each, filterable."""
    lang = content.lang
    level = confidence_level(content.report.tingkat_kepercayaan, lang)
    header = [
        t("report.col.kode", lang),
        t("report.col.nama", lang),
        t("report.col.indikator", lang),
        t("report.col.ada_indikator", lang),
        t("report.col.jawaban_ya", lang),
        t("report.col.cakupan", lang),
        t("report.col.cakupan_bawah", lang, level=level),
        t("report.col.cakupan_atas", lang, level=level),
    ]
    write_long_table(
        workbook,
        formats,
        lang,
        t("report.sheet.recap_ci", lang),
        header,
        _interval_rows(content),
        len(content.recap_villages) * len(content.indicators),
        max_rows=max_rows,
        layout=TableLayout(lead=2),
    )
