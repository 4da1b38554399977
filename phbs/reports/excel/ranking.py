"""The *Peringkat* sheet: rank, totals, band, rank uncertainty (when given), group
subtotals, criterion scores, notes, then the rank-uncertainty notes, the overrides, the
judges' agreement and the rubric settings below the table."""

from __future__ import annotations

from typing import Any

from phbs.contest.assessment import Uncertainty
from phbs.contest.models import Ranking, VillageResult
from phbs.i18n import t
from phbs.reports.content import ReportContent
from phbs.reports.contest import ContestView, percent_rule, shown_percent
from phbs.reports.excel.sheet import Cell, Formats, Pct, SheetWriter, table_setup
from phbs.reports.uncertainty import uncertainty_notes

_SEPARATOR = " | "


def uncertainty_columns(found: Uncertainty | None) -> list[str]:
    """Keys of the rank-uncertainty columns shown (after the band)."""
    if found is None:
        return []
    keys = []
    if found.bootstrap is not None:
        keys += ["peringkat_median", "peringkat_bawah", "peringkat_atas"]
        keys += ["p_pertama", "p_tiga_besar"]
    if found.weights is not None:
        keys.append("p_tetap_bobot")
    return keys


def ranking_header(view: ContestView, found: Uncertainty | None = None) -> list[str]:
    """Column labels of the ranking table."""
    lang = view.lang
    keys = ["peringkat", "kode_desa", "nama_desa", "status_lomba", "total", "persen_maksimum"]
    labels = [t(f"report.col.{k}", lang) for k in keys]
    labels.append(t("report.col.predikat", lang))
    labels += [t(f"report.col.{k}", lang) for k in uncertainty_columns(found)]
    labels += [t("report.col.subtotal", lang, group=name) for _, name in view.groups]
    labels += [name for _, name, _ in view.criteria]
    labels += [t("report.col.diputus_oleh", lang), t("report.col.catatan", lang)]
    return labels


def ranking_values(
    view: ContestView, village: VillageResult, found: Uncertainty | None = None
) -> list[Cell]:
    """One village's row of the ranking table (scores at full precision; the % of maximum cut
    down to the rubric's decimals as shown, docs/aturan.md §7.1; probabilities as
    percentages)."""
    band = view.band(village)
    row: list[Cell] = [
        village.peringkat,
        village.kode_desa,
        village.nama_desa,
        t(f"report.contest.status.{village.status.value}", view.lang),
        village.total,
        Pct(shown_percent(village.persen_maksimum, view.ranking.desimal)),
        band.label if band else None,
    ]
    if found is not None:
        extra = found.cells().get(village.kode_desa, {})
        for key in uncertainty_columns(found):
            value = extra.get(key)
            if key.startswith("p_"):
                row.append(None if value is None else Pct(value * 100))
            elif key == "peringkat_median":
                row.append(None if value is None else float(value))
            else:
                row.append(value)
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
    found = content.uncertainty
    extra = uncertainty_columns(found)
    header = ranking_header(view, found)
    w.header(header)
    score = workbook.add_format({"num_format": "0.00"})
    median = workbook.add_format({"num_format": "0.0"})
    # % of maximum: the value cut down to the rubric's decimals, shown with all of them, so
    # Excel never rounds 79.99 (Cukup) up to 80.0 (aturan.md §7.1).
    digits = ranking.desimal
    percent = workbook.add_format(
        {"num_format": "0" + ("." + "0" * digits if digits else "") + "%"}
    )
    formats_row = [None, None, None, None, score, percent, None]
    formats_row += [median if k == "peringkat_median" else None for k in extra]
    formats_row += [score] * (len(view.groups) + len(view.criteria)) + [None, None]
    for village in ranking.desa:
        w.row(ranking_values(view, village, found), formats_row)
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
    if found is not None:
        notes = uncertainty_notes(found, lang)
        if notes:
            w.skip()
            w.row([t("report.section.rank_uncertainty", lang)], formats.section, measure=False)
            if extra:
                w.row([t("report.unc.explain", lang)], measure=False)
            for note in notes:
                w.row([note.strip()], measure=False)
    _write_overrides(w, ranking)
    _write_agreement(w, ranking)
    w.skip()
    w.row([t("report.section.settings", lang)], formats.section, measure=False)
    for label, value in content.settings[-4:]:
        w.row([label, value], measure=False)
    w.row([t("report.col.nilai_maksimum", lang), ranking.nilai_maksimum], measure=False)
    w.row([percent_rule(ranking, lang)], measure=False)
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
                item.nilai_p,
                item.jumlah_juri,
                item.jumlah_desa,
                item.rendah,
            ],
            measure=False,
        )
