"""The *Peringkat* sheet: rank, totals, group subtotals, criterion scores, band, notes,
then the overrides, the judges' agreement and the rubric settings below the table."""

from __future__ import annotations

from typing import Any

from phbs.ranking_models import Ranking, VillageResult
from phbs.reports.content import ReportContent
from phbs.reports.contest import ContestView
from phbs.reports.excel_sheet import Cell, Formats, Pct, SheetWriter, table_setup
from phbs.reports.i18n import t

_SEPARATOR = " | "


def ranking_header(view: ContestView) -> list[str]:
    """Column labels of the ranking table."""
    lang = view.lang
    keys = ["peringkat", "kode_desa", "nama_desa", "status_lomba", "total", "persen_maksimum"]
    labels = [t(f"report.col.{k}", lang) for k in keys]
    labels.append(t("report.col.predikat", lang))
    labels += [t("report.col.subtotal", lang, group=name) for _, name in view.groups]
    labels += [name for _, name, _ in view.criteria]
    labels += [t("report.col.diputus_oleh", lang), t("report.col.catatan", lang)]
    return labels


def ranking_values(view: ContestView, village: VillageResult) -> list[Cell]:
    """One village's row of the ranking table (scores at full precision)."""
    band = view.band(village)
    row: list[Cell] = [
        village.peringkat,
        village.kode_desa,
        village.nama_desa,
        t(f"report.contest.status.{village.status.value}", view.lang),
        village.total,
        Pct(village.persen_maksimum),
        band.label if band else None,
    ]
    row += [village.subtotal.get(group) for group, _ in view.groups]
    for criterion, _, _ in view.criteria:
        result = village.kriteria.get(criterion)
        row.append(result.nilai if result else None)
    row += [village.diputus_oleh, _SEPARATOR.join(view.notes(village)) or None]
    return row


def write_ranking_sheet(workbook: Any, formats: Formats, content: ReportContent) -> None:
    """Write the *Peringkat* sheet (only called with a ranking)."""
    view = content.ranking
    assert view is not None
    ranking = view.ranking
    lang = content.lang
    sheet = workbook.add_worksheet(t("report.sheet.ranking", lang))
    w = SheetWriter(sheet, formats, lang)
    header = ranking_header(view)
    w.header(header)
    score = workbook.add_format({"num_format": "0.00"})
    formats_row = [None, None, None, None, score, None, None]
    formats_row += [score] * (len(view.groups) + len(view.criteria)) + [None, None]
    for village in ranking.desa:
        w.row(ranking_values(view, village), formats_row)
    last = w.next_row - 1
    table_setup(sheet, 1, last, len(header) - 1)
    sheet.freeze_panes(1, 3)
    # Wide: two pages across, rank, code and name repeated on each.
    sheet.fit_to_pages(2, 0)
    sheet.repeat_columns(0, 2)
    if last >= 1:
        col = 6
        for band in view.bands:
            sheet.conditional_format(
                1,
                col,
                last,
                col,
                {
                    "type": "cell",
                    "criteria": "==",
                    "value": '"' + band.label.replace('"', '""') + '"',
                    "format": workbook.add_format({"bg_color": band.colour}),
                },
            )
    _write_overrides(w, ranking)
    _write_agreement(w, ranking)
    w.skip()
    w.row([t("report.section.settings", lang)], formats.section, measure=False)
    for label, value in content.settings[-4:]:
        w.row([label, value], measure=False)
    w.row([t("report.col.nilai_maksimum", lang), ranking.nilai_maksimum], measure=False)
    w.fit_columns(fixed={len(header) - 1: 45})


def _write_overrides(w: SheetWriter, ranking: Ranking) -> None:
    lang = w.lang
    w.skip()
    w.row([t("report.section.overrides", lang)], w.formats.section, measure=False)
    if not ranking.koreksi:
        w.row([t("report.contest.no_overrides", lang)], measure=False)
        return
    keys = ["kode_desa", "tindakan", "kriteria", "nilai_lama", "nilai_baru", "alasan"]
    w.header([t(f"report.col.{k}", lang) for k in keys] + [t("report.col.berkas", lang)])
    for item in ranking.koreksi:
        w.row(
            [
                item.kode_desa,
                item.tindakan,
                item.kriteria,
                item.nilai_lama,
                item.nilai_baru,
                item.alasan,
                f"{item.berkas}:{item.baris}",
            ],
            measure=False,
        )


def _write_agreement(w: SheetWriter, ranking: Ranking) -> None:
    if not ranking.kesepakatan:
        return
    lang = w.lang
    w.skip()
    w.row([t("report.section.agreement", lang)], w.formats.section, measure=False)
    keys = ["kriteria", "kendall_w", "p_value", "jumlah_juri", "jumlah_desa_juri", "rendah"]
    w.header([t(f"report.col.{k}", lang) for k in keys])
    for item in ranking.kesepakatan:
        w.row(
            [
                item.kriteria,
                item.w,
                item.p_value,
                item.jumlah_juri,
                item.jumlah_desa,
                item.rendah,
            ],
            measure=False,
        )
