"""The report workbook (xlsxwriter): the file a Dinas Kesehatan filters and forwards.

Sheets, in order: *Ringkasan* (headline, reconciliation, settings, bar chart, villages
outside the funnel limits), the area table (*Desa* or the chosen level, with the confidence
interval of % ber-PHBS), *Perubahan* (the change from an earlier round, when given),
*Rekap Indikator* (and *Rekap Dusun* when the data has dusun),
*IK Cakupan* (coverage intervals, one row per village and indicator), *Peringkat* (with a
ranking), *Berita Acara* (the contest minutes, with a ranking), *Rumah Tangga* (split past
Excel's row limit), *Masalah Data* and *Metadata*.
Percentages are numbers with a percent format; every text from an input file is written
with ``write_string`` in a workbook created with ``strings_to_formulas`` off, so a village
called ``=1+1`` stays a name.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from phbs.forms.denominators import BerPhbsBase
from phbs.i18n import fmt_int, t
from phbs.outputs import atomic_path
from phbs.reports.content import ReportContent, confidence_level, dusun_label
from phbs.reports.denominators import denominator_notes, persen_column_key
from phbs.reports.excel.files import xlsx_workbook
from phbs.reports.excel.formats import Formats
from phbs.reports.excel.healthy import healthy_columns, healthy_totals, healthy_values
from phbs.reports.excel.minutes import write_minutes_sheet
from phbs.reports.excel.printing import plan_print
from phbs.reports.excel.ranking import write_ranking_sheet
from phbs.reports.excel.recap import write_coverage_intervals, write_recap
from phbs.reports.excel.sheet import (
    EXCEL_MAX_ROWS,
    Cell,
    Pct,
    ReportProgress,
    SheetWriter,
    WriteStep,
    table_setup,
)
from phbs.reports.excel.spans import paragraph
from phbs.reports.excel.strata import strata_formats
from phbs.reports.excel.tables import (
    write_funnel_table,
    write_households,
    write_issues,
    write_metadata,
)
from phbs.reports.excel.trends import write_trends_sheet
from phbs.reports.healthy import healthy_label
from phbs.reports.strata import stratum_of
from phbs.scoring.household import AreaLevel
from phbs.scoring.summary import AreaSummary


def write_workbook(
    content: ReportContent,
    path: str | Path,
    *,
    max_rows: int = EXCEL_MAX_ROWS,
    progress: ReportProgress | None = None,
    households_sheet_rows: int | None = None,
) -> None:
    """Write the report workbook to ``path`` (atomically).

    ``max_rows`` is the row limit of one sheet (Excel's own by default; tests use a small
    one to check that long tables continue on further sheets). ``progress`` is told how far
    the long tables (households, data issues) have got, and of each summary sheet once
    written (:class:`~phbs.reports.excel.sheet.WriteStep`); the workbook is the same with or
    without it. ``households_sheet_rows`` shows only the first that many households on the
    *Rumah Tangga* sheet (0: none); the sheet and the summary then say how many are not
    shown and how to write them all (the households CSV). By default every household is
    shown, continued on further sheets past the row limit.

    >>> import tempfile
    >>> from phbs.demo.data import sample_data
    >>> from phbs.ingest import read_survey
    >>> from phbs.reports.content import build_content
    >>> from phbs.scoring.results import score
    >>> from phbs.scoring.summary import summarise
    >>> result = score(read_survey(sample_data().survey_files))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_workbook(build_content(result, summarise(result)), f"{folder}/laporan.xlsx")
    """
    if households_sheet_rows is not None and households_sheet_rows < 0:
        raise ValueError("households_sheet_rows must be 0 or more")
    inputs = [f.path for f in content.result.survey.files]
    version = content.metadata["alat"]["versi"]
    options = {
        "constant_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    with atomic_path(path, inputs) as temporary, xlsx_workbook(temporary, options) as workbook:
        workbook.set_properties(
            {
                "title": content.title,
                "subject": t("report.subject", content.lang),
                "author": f"phbs {version}",
                "comments": t("report.generated_by", content.lang, version=version),
            }
        )
        formats = Formats(workbook, content.title)

        def done() -> None:  # the last sheet added, written: told as one step, 1 of 1
            if progress is not None:
                progress(WriteStep("sheet", workbook.worksheets()[-1].name, 1, 1))

        summary = workbook.add_worksheet(t("report.sheet.summary", content.lang))
        area_sheet = _write_areas(workbook, formats, content)
        _write_summary(workbook, summary, formats, content, (area_sheet, households_sheet_rows))
        done()
        if content.trends is not None:
            write_trends_sheet(workbook, formats, content.trends)
        recaps = [("report.sheet.recap", content.recap_villages, False)]
        if content.recap_dusun:
            recaps.append(("report.sheet.recap_dusun", content.recap_dusun, True))
        for key, areas, dusun in recaps:
            write_recap(workbook, formats, content, t(key, content.lang), areas, dusun=dusun)
            done()
        write_coverage_intervals(workbook, formats, content, max_rows)
        done()
        if content.ranking is not None:
            write_ranking_sheet(workbook, formats, content)
            write_minutes_sheet(workbook, formats, content)
        write_households(workbook, formats, content, max_rows, progress, households_sheet_rows)
        write_issues(workbook, formats, content, max_rows, progress)
        write_metadata(workbook, formats, content)
        workbook.close()


#: The labels (file names, how each was read) and the settings' values wrap on the summary.
_SUMMARY_WRAP = {0: 38, 1: 40}
#: The summary's chart starts in this column (F), beside the tables.
_CHART_COLUMN = 5


def _summary_rows(content: ReportContent) -> Iterator[tuple[str, Cell, str]]:
    lang = content.lang
    h = content.headline
    yield t("report.disurvei", lang), h.rumah_tangga_disurvei, ""
    yield t("report.ber_phbs", lang), h.ber_phbs, ""
    yield t("report.tidak_ber_phbs", lang), h.tidak_ber_phbs, ""
    surveyed = content.report.penyebut.persen_ber_phbs is BerPhbsBase.DISURVEI
    note = "report.belum_lengkap.note" + (".disurvei" if surveyed else "")
    yield t("report.belum_lengkap", lang), h.belum_lengkap, t(note, lang)
    yield (
        t("report.persen_ber_phbs", lang),
        Pct(h.persen_ber_phbs),
        f"{fmt_int(h.ber_phbs, lang)} / {fmt_int(h.penyebut_ber_phbs, lang)}",
    )
    yield t("report.jumlah_desa", lang), h.jumlah_desa, ""
    if any(a.jumlah_rumah_tangga is not None for a in content.recap_villages):
        yield t("report.desa_sampel_kurang", lang), h.desa_sampel_kurang, ""


def _write_summary(
    workbook: Any,
    sheet: Any,
    formats: Formats,
    content: ReportContent,
    sheets: tuple[str, int | None],
) -> None:
    """``sheets``: the area sheet's name (the chart reads it) and the households shown."""
    area_sheet, households_shown = sheets
    lang = content.lang
    h = content.headline
    w = SheetWriter(sheet, formats, lang)
    w.row([content.title], formats.title, measure=False)
    created = content.metadata["dibuat"]
    w.row(
        [t("report.generated_at", lang, version=content.metadata["alat"]["versi"], time=created)],
        formats.subtitle,
        measure=False,
    )
    w.skip()
    w.row([t("report.section.headline", lang)], formats.section, measure=False)
    for label, value, note in _summary_rows(content):
        w.row([label, value, note], wrap=_SUMMARY_WRAP)
    w.skip()
    w.row([t("report.section.reconciliation", lang)], formats.section, measure=False)
    w.header(
        [
            t("report.col.berkas", lang),
            t("report.col.dibaca", lang),
            t("report.col.diskor", lang),
            t("report.col.disisihkan", lang),
        ]
    )
    for source in content.result.survey.files:
        values: list[Cell] = [
            source.name,
            source.rows_read,
            source.rows_scored,
            source.rows_set_aside,
        ]
        w.row(values, wrap=_SUMMARY_WRAP)
    w.row(
        [t("total", lang), h.baris_dibaca, h.baris_diskor, h.baris_disisihkan],
        [formats.total_text, *[formats.total_integer] * 3],
    )
    # Beside the chart (from the sixth column): these lines wrap in the five columns before it.
    widths = w.column_widths(fixed=_SUMMARY_WRAP)
    paragraph(w, widths, _CHART_COLUMN - 1, h.rekonsiliasi)
    paragraph(w, widths, _CHART_COLUMN - 1, content.issue_line())
    total = content.result.survey.rows_scored
    if households_shown is not None and households_shown < total:
        note = t(
            "report.households.capped_summary",
            lang,
            shown=fmt_int(households_shown, lang),
            total=fmt_int(total, lang),
            left=fmt_int(total - households_shown, lang),
        )
        paragraph(w, widths, _CHART_COLUMN - 1, note)
    w.skip()
    w.row([t("report.section.issues", lang)], formats.section, measure=False)
    w.row([t("report.issues.errors", lang), h.galat])
    w.row([t("report.issues.warnings", lang), h.peringatan])
    w.row([t("report.issues.infos", lang), h.info])
    w.skip()
    w.row([t("report.section.settings", lang)], formats.section, measure=False)
    for label, value in content.settings:
        w.row([label, value], wrap=_SUMMARY_WRAP)
    w.skip()
    for note in denominator_notes(content.report, lang):
        w.row([note], measure=False)
    write_funnel_table(w, content, _SUMMARY_WRAP)
    w.fit_columns(fixed=_SUMMARY_WRAP)
    areas = content.report.wilayah
    # The chart stands beside the tables: the page holds both.
    chart_width = 640 if areas else 0
    widths = w.fitted[:_CHART_COLUMN] if areas else w.fitted
    plan = plan_print(widths, extra=chart_width, height=w.height(), one_page=True)
    w.print_setup(plan, header_rows=0, gridlines=False)
    if areas:
        chart = workbook.add_chart({"type": "bar"})
        first_pct_col = _area_columns(content).index("persen_ber_phbs")
        chart.add_series(
            {
                "name": t("report.persen_ber_phbs", lang),
                "categories": [area_sheet, 1, 1, len(areas), 1],
                "values": [area_sheet, 1, first_pct_col, len(areas), first_pct_col],
                "fill": {"color": "#4A7AB7"},
                "border": {"color": "#6B7785"},
                # Each bar in its village stratum's colour, as on the area sheet.
                "points": [
                    {"fill": {"color": stratum.colour if stratum else "#DDDDDD"}}
                    for stratum in (stratum_of(a.persen_ber_phbs, content.strata) for a in areas)
                ],
                "data_labels": {"value": True, "num_format": "0.0%"},
                "gap": 60,
            }
        )
        chart.set_title({"name": t("report.chart.title", lang, level=content.level_name())})
        chart.set_x_axis({"min": 0, "max": 1, "num_format": "0%", "major_gridlines": {}})
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"none": True})
        chart.set_size({"width": chart_width, "height": max(320, 22 * len(areas) + 90)})
        sheet.insert_chart(3, _CHART_COLUMN, chart)


def _area_columns(content: ReportContent) -> list[str]:
    """Keys of the area table's columns, in order (labels come from the catalogue)."""
    columns = ["kode", "nama"]
    if content.report.tingkat is AreaLevel.DUSUN:
        columns.append("dusun")
    columns += [
        "rumah_tangga_disurvei",
        "ber_phbs",
        "tidak_ber_phbs",
        "belum_lengkap",
        "penyebut",
        "persen_ber_phbs",
        "persen_ber_phbs_bawah",
        "persen_ber_phbs_atas",
        "strata",
    ]
    if content.target is not None:
        columns.append("capai_target")
    if content.report.tingkat not in (AreaLevel.DESA, AreaLevel.DUSUN):
        columns.append("jumlah_desa")
    if any(a.jumlah_rumah_tangga is not None for a in content.report.wilayah):
        columns += ["jumlah_rumah_tangga", "persen_dipantau"]
        if content.report.tingkat is AreaLevel.DESA:
            columns.append("sampel_kurang")
    if content.report.wilayah:
        columns += [f"kelas_{c}" for c in content.report.wilayah[0].kelas]
    columns += healthy_columns(content.report.wilayah)
    return columns


def _area_values(content: ReportContent, area: AreaSummary, columns: Sequence[str]) -> list[Cell]:
    stratum = stratum_of(area.persen_ber_phbs, content.strata)
    values: dict[str, Cell] = {
        "kode": area.kode,
        "nama": area.nama,
        "dusun": dusun_label(area.dusun, content.lang),
        "rumah_tangga_disurvei": area.rumah_tangga_disurvei,
        "ber_phbs": area.ber_phbs,
        "tidak_ber_phbs": area.tidak_ber_phbs,
        "belum_lengkap": area.belum_lengkap,
        "penyebut": content.report.penyebut.ber_phbs_base_of(area),
        "persen_ber_phbs": Pct(area.persen_ber_phbs),
        "persen_ber_phbs_bawah": Pct(area.persen_ber_phbs_bawah),
        "persen_ber_phbs_atas": Pct(area.persen_ber_phbs_atas),
        "strata": stratum.label if stratum else None,
        "capai_target": (
            None
            if area.persen_ber_phbs is None or content.target is None
            else area.persen_ber_phbs >= content.target
        ),
        "jumlah_desa": area.jumlah_desa,
        "jumlah_rumah_tangga": area.jumlah_rumah_tangga,
        "persen_dipantau": Pct(area.persen_dipantau),
        "sampel_kurang": area.sampel_kurang,
    }
    for code, count in area.kelas.items():
        values[f"kelas_{code}"] = count
    values |= healthy_values(area)
    return [values[c] for c in columns]


def _column_label(content: ReportContent, column: str) -> str:
    if column.startswith("kelas_"):
        form = content.result.survey.form.form
        classes = {c.code: c for c in form.classes.classes} if form.classes else {}
        klass = classes.get(column[len("kelas_") :])
        if klass is not None:
            return klass.name_en if content.lang == "en" else klass.name
    if column == "persen_rumah_tangga_sehat":
        return healthy_label(content.result.survey.form.form, content.lang)
    if column.startswith(("persen_ber_phbs_", "persen_rumah_tangga_sehat_")):
        level = confidence_level(content.report.tingkat_kepercayaan, content.lang)
        return t(f"report.col.{column}", content.lang, level=level)
    if column == "persen_ber_phbs":
        return t(persen_column_key(content.report), content.lang)
    if column == "penyebut" and content.report.penyebut.persen_ber_phbs is BerPhbsBase.DISURVEI:
        return t("report.col.penyebut.disurvei", content.lang)
    return t(f"report.col.{column}", content.lang)


def _write_areas(workbook: Any, formats: Formats, content: ReportContent) -> str:
    """The area table with colour bands; returns the sheet name (the chart reads it)."""
    lang = content.lang
    name = t(f"report.sheet.level.{content.report.tingkat.value}", lang)
    sheet = workbook.add_worksheet(name)
    w = SheetWriter(sheet, formats, lang)
    columns = _area_columns(content)
    w.header([_column_label(content, c) for c in columns])
    for area in content.report.wilayah:
        w.row(_area_values(content, area, columns))
    last = w.next_row - 1
    table_setup(sheet, 1, last, len(columns) - 1)
    sheet.freeze_panes(1, 2)
    h = content.headline
    total: list[Cell] = [t("total", lang)] + [None] * (len(columns) - 1)
    sums: dict[str, Cell] = {
        "rumah_tangga_disurvei": h.rumah_tangga_disurvei,
        "ber_phbs": h.ber_phbs,
        "tidak_ber_phbs": h.tidak_ber_phbs,
        "belum_lengkap": h.belum_lengkap,
        "penyebut": h.penyebut_ber_phbs,
        "persen_ber_phbs": Pct(h.persen_ber_phbs),
    }
    sums |= healthy_totals(content.report.wilayah)
    total_formats = []
    for index, column in enumerate(columns):
        if column in sums:
            total[index] = sums[column]
        is_pct = column.startswith(("persen_ber_phbs", "persen_rumah_tangga_sehat"))
        total_formats.append(formats.total_percent if is_pct else formats.total_integer)
    total_formats[0] = formats.total_text
    w.skip()
    w.row(total, total_formats)
    if last >= 1:
        strata_formats(workbook, sheet, content, columns.index("persen_ber_phbs"), last)
        strata_formats(workbook, sheet, content, columns.index("strata"), last, by_text=True)
        if "capai_target" in columns:
            col = columns.index("capai_target")
            for met, colour in ((True, "#B8E0B0"), (False, "#F4A3A3")):
                sheet.conditional_format(
                    1,
                    col,
                    last,
                    col,
                    {
                        "type": "cell",
                        "criteria": "==",
                        "value": f'"{t("yes" if met else "no", lang)}"',
                        "format": workbook.add_format({"bg_color": colour}),
                    },
                )
    w.fit_columns()
    w.print_setup(lead=2)
    return str(name)
