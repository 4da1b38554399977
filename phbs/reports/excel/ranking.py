"""The *Peringkat* sheet: rank, totals, band, rank uncertainty (when given), group
subtotals, criterion scores, notes, then the rank-uncertainty notes, the overrides, the
judges' agreement and the rubric settings below the table."""

from __future__ import annotations

from typing import Any

from phbs.contest.assessment import Uncertainty
from phbs.contest.models import VillageResult
from phbs.i18n import t
from phbs.reports.content import ReportContent, confidence_level
from phbs.reports.contest import ContestView, percent_rule, shown_percent
from phbs.reports.excel.formats import Formats
from phbs.reports.excel.printing import plan_print, wrapped_lines
from phbs.reports.excel.sheet import Cell, Pct, SheetWriter, table_setup
from phbs.reports.excel.spans import paragraph, spanned_row, spans
from phbs.reports.uncertainty import uncertainty_notes

_SEPARATOR = " | "
#: Rank, village code and name: repeated on every printed page of the ranking.
_LEAD = 3
#: Characters of a line of the notes column (it wraps).
_NOTES_WIDTH = 45


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
    if found.prior is not None and found.report is not None:
        keys += ["persen_ber_phbs_susut", "persen_ber_phbs_susut_bawah"]
        keys.append("persen_ber_phbs_susut_atas")
    return keys


def ranking_header(view: ContestView, found: Uncertainty | None = None) -> list[str]:
    """Column labels of the ranking table."""
    lang = view.lang
    keys = ["peringkat", "kode_desa", "nama_desa", "status_lomba", "total", "persen_maksimum"]
    labels = [t(f"report.col.{k}", lang) for k in keys]
    labels.append(t("report.col.predikat", lang))
    level = (
        confidence_level(found.report.tingkat_kepercayaan, lang) if found and found.report else ""
    )
    labels += [t(f"report.col.{k}", lang, level=level) for k in uncertainty_columns(found)]
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
            elif key.startswith("persen_"):
                row.append(None if value is None else Pct(value))
            elif key == "peringkat_median":
                row.append(None if value is None else float(value))
            else:
                row.append(value)
    row += [village.subtotal.get(group) for group, _ in view.groups]
    for criterion, _, _ in view.criteria:
        result = village.kriteria.get(criterion)
        row.append(result.nilai if result else None)
    row += [view.decided_name(village.diputus_oleh), _SEPARATOR.join(view.notes(village)) or None]
    return row


def _groups(view: ContestView, extra: list[str]) -> list[int]:
    """First columns of the groups printed on one page: the result, the rank uncertainty,
    the subtotals, each criterion, and who decided with the notes."""
    first = 7 + len(extra)
    groups = [_LEAD, 7, first] if extra else [_LEAD, first]
    criteria = first + len(view.groups)
    groups += range(criteria, criteria + len(view.criteria))
    return [*groups, criteria + len(view.criteria)]


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
    # Narrow columns (the figures are short), their labels on more lines: fewer pages wide,
    # the result and its uncertainty on the first.
    caps = [8] * (7 + len(extra)) + [10] * (len(view.groups) + len(view.criteria))
    w.header(header, width=[*caps, 14, 14])
    score = workbook.add_format({"num_format": "0.00", "valign": "top"})
    median = workbook.add_format({"num_format": "0.0", "valign": "top"})
    # % of maximum: the value cut down to the rubric's decimals, shown with all of them, so
    # Excel never rounds 79.99 (Cukup) up to 80.0 (aturan.md §7.1).
    digits = ranking.desimal
    percent = workbook.add_format(
        {"num_format": "0" + ("." + "0" * digits if digits else "") + "%", "valign": "top"}
    )
    formats_row = [None, None, None, None, score, percent, None]
    formats_row += [median if k == "peringkat_median" else None for k in extra]
    formats_row += [score] * (len(view.groups) + len(view.criteria)) + [None, formats.wrapped]
    notes = len(header) - 1
    for village in ranking.desa:
        values = ranking_values(view, village, found)
        # The notes (why a village is out, what was corrected) wrap in their column.
        lines = wrapped_lines(str(values[notes] or ""), _NOTES_WIDTH)
        if lines > 1:
            w.set_height(w.next_row, lines)
        w.row(values[:notes], formats_row)
        w.cell(w.next_row - 1, notes, values[notes], formats.wrapped, measure=False)
    last = w.next_row - 1
    table_setup(sheet, 1, last, len(header) - 1)
    sheet.freeze_panes(1, 3)
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
    fixed = {notes: _NOTES_WIDTH}
    widths = w.column_widths(fixed=fixed)
    # Wide (every criterion): printed in bands, rank, code and name repeated on each. The
    # notes and small tables below stay inside the columns of the first band, on pages of
    # their own (the next bands' pages would show them cut off in the repeated columns).
    plan = plan_print(widths, lead=_LEAD, groups=_groups(view, extra))
    if plan.scale is not None:
        sheet.set_h_pagebreaks([w.next_row + 1])
    below = _Below(w, widths, plan.bands[0][1])
    if found is not None:
        notes_text = uncertainty_notes(found, lang)
        if notes_text:
            w.skip()
            w.row([t("report.section.rank_uncertainty", lang)], formats.section, measure=False)
            if found.bootstrap is not None or found.weights is not None:
                below.paragraph(t("report.unc.explain", lang))
            if found.prior is not None and found.report is not None:
                below.paragraph(t("report.unc.shrink_explain", lang))
            for note in notes_text:
                below.paragraph(note.strip())
    _write_overrides(below, view)
    _write_agreement(below, view)
    w.skip()
    w.row([t("report.section.settings", lang)], formats.section, measure=False)
    columns = spans(widths, [24, 30], below.last)
    # The ranking's own settings close the list: edition … tie-breakers (then shrinkage and
    # the change between rounds, when used).
    own = 4 + (ranking.penyusutan is not None) + (ranking.perubahan is not None)
    for label, value in content.settings[-own:]:
        spanned_row(w, widths, columns, [label, value])
    spanned_row(w, widths, columns, [t("report.col.nilai_maksimum", lang), ranking.nilai_maksimum])
    below.paragraph(percent_rule(ranking, lang))
    w.fit_columns(fixed=fixed)
    w.print_setup(plan, lead=_LEAD)


class _Below:
    """Writes the notes and small tables under the ranking, inside its first band."""

    def __init__(self, w: SheetWriter, widths: list[float], last: int) -> None:
        self.w, self.widths, self.last = w, widths, last

    def paragraph(self, text: str) -> None:
        paragraph(self.w, self.widths, self.last, text)

    def table(self, wanted: list[int], header: list[str], rows: list[list[Cell]]) -> None:
        columns = spans(self.widths, wanted, self.last)
        spanned_row(self.w, self.widths, columns, header, self.w.formats.header)
        for row in rows:
            spanned_row(self.w, self.widths, columns, row)


def _write_overrides(below: _Below, view: ContestView) -> None:
    w = below.w
    lang, ranking = w.lang, view.ranking
    w.skip()
    w.row([t("report.section.overrides", lang)], w.formats.section, measure=False)
    if not ranking.koreksi:
        w.row([t("report.contest.no_overrides", lang)], measure=False)
        return
    keys = ["kode_desa", "tindakan", "kriteria", "nilai_lama", "nilai_baru", "alasan"]
    below.table(
        [15, 11, 22, 10, 10, 44, 30],
        [t(f"report.col.{k}", lang) for k in keys] + [t("report.col.berkas", lang)],
        [
            [
                item.kode_desa,
                view.action_name(item.tindakan),
                None if item.kriteria is None else view.criterion_name(item.kriteria),
                item.nilai_lama,
                item.nilai_baru,
                item.alasan,
                f"{item.berkas}:{item.baris}",
            ]
            for item in ranking.koreksi
        ],
    )


def _write_agreement(below: _Below, view: ContestView) -> None:
    ranking = view.ranking
    if not ranking.kesepakatan:
        return
    w = below.w
    lang = w.lang
    w.skip()
    w.row([t("report.section.agreement", lang)], w.formats.section, measure=False)
    keys = ["kriteria", "kendall_w", "p_value", "jumlah_juri", "jumlah_desa_juri", "rendah"]
    below.table(
        [24, 10, 10, 10, 12, 12],
        [t(f"report.col.{k}", lang) for k in keys],
        [
            [
                view.criterion_name(item.kriteria),
                item.w,
                item.nilai_p,
                item.jumlah_juri,
                item.jumlah_desa,
                item.rendah,
            ]
            for item in ranking.kesepakatan
        ],
    )
