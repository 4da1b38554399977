"""The ranking section of the HTML page: the ranking table (with rank uncertainty when
given), criterion scores, signatures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from phbs.contest.assessment import Uncertainty
from phbs.i18n import LABELS, Lang, fmt_decimal, fmt_int, t
from phbs.reports.contest import (
    Band,
    ContestView,
    change_text,
    percent_rule,
    published_number,
    shown_percent,
    shrink_text,
)
from phbs.reports.html.view import Cell, Column, Table, fmt_number, fmt_pct
from phbs.reports.uncertainty import uncertainty_notes


@dataclass(frozen=True)
class InputFile:
    """A ranking input for the audit table."""

    label: str
    sha256: str


@dataclass(frozen=True)
class RankingSection:
    """Everything the ranking section and the *berita acara* draw."""

    view: ContestView
    table: Table
    criteria: Table
    bands: list[Band]
    judges: list[str]
    inputs: list[InputFile]
    summary: str
    decimals: int
    uncertainty_notes: list[str]
    uncertainty_explain: str
    percent_rule: str = ""


def _role(role: str, lang: Lang) -> str:
    key = f"report.input.{role}"
    return t(key, lang) if key in LABELS else role


def _score(value: float | None, lang: Lang, digits: int) -> Cell:
    """A score shown as published: rounded half up (docs/aturan.md §7.5)."""
    return Cell(
        text=fmt_number(published_number(value, digits), lang, digits),
        sort="" if value is None else repr(float(value)),
    )


def _probability(value: float | None, lang: Lang) -> Cell:
    return Cell(
        text="–" if value is None else fmt_pct(value * 100, lang, 0),
        sort="" if value is None else repr(float(value)),
    )


def _uncertainty_columns(found: Uncertainty | None, lang: Lang) -> list[Column]:
    if found is None:
        return []
    keys = ["median", "interval", "first", "top3"] if found.bootstrap is not None else []
    keys += ["keep"] if found.weights is not None else []
    keys += ["shrunk"] if found.prior is not None and found.report is not None else []
    return [Column(t(f"unc.col.{k}", lang), True) for k in keys]


def _uncertainty_cells(found: Uncertainty | None, values: dict[str, Any], lang: Lang) -> list[Cell]:
    cells: list[Cell] = []
    if found is None:
        return cells
    if found.bootstrap is not None:
        median = values.get("peringkat_median")
        low, high = values.get("peringkat_bawah"), values.get("peringkat_atas")
        cells += [
            Cell(
                text=fmt_decimal(median, lang, 1, trim=True),
                sort="" if median is None else repr(median),
            ),
            # Sorted by the best rank of the interval, then its worst.
            Cell(
                text="–" if low is None else f"{low}–{high}",
                sort="" if low is None else repr(low + (high or 0) / 1e6),
            ),
            _probability(values.get("p_pertama"), lang),
            _probability(values.get("p_tiga_besar"), lang),
        ]
    if found.weights is not None:
        cells.append(_probability(values.get("p_tetap_bobot"), lang))
    if found.prior is not None and found.report is not None:
        cells.append(_shrunk(values, lang))
    return cells


def _shrunk(values: dict[str, Any], lang: Lang) -> Cell:
    """The shrunk % ber-PHBS with its posterior interval: ``60,6 (56,3–64,8)``."""
    mean = values.get("persen_ber_phbs_susut")
    if mean is None:
        return Cell(text="–", sort="")
    low, high = values["persen_ber_phbs_susut_bawah"], values["persen_ber_phbs_susut_atas"]
    text = f"{fmt_decimal(mean, lang)} ({fmt_decimal(low, lang)}–{fmt_decimal(high, lang)})"
    return Cell(text=text, sort=repr(mean))


def ranking_section(view: ContestView, found: Uncertainty | None = None) -> RankingSection:
    """Build the ranking tables: the band is a coloured cell that also says its name.

    >>> from phbs.demo.contest import sample_ranking
    >>> from phbs.reports.contest import contest_view
    >>> section = ranking_section(contest_view(sample_ranking()))
    >>> section.table.rows[0][0].text, section.table.rows[0][4].text
    ('1', 'Baik')
    """
    lang = view.lang
    ranking = view.ranking
    digits = ranking.desimal
    columns = [
        Column(t("report.col.peringkat", lang), True),
        Column(t("report.col.kode_desa", lang), False),
        Column(t("report.col.nama_desa", lang), False),
        Column(t("report.col.total", lang), True),
        Column(t("report.col.predikat", lang), False),
    ]
    columns += _uncertainty_columns(found, lang)
    columns += [Column(t("report.col.subtotal", lang, group=name), True) for _, name in view.groups]
    # The notes (ties broken, corrections, exclusions) are long: each goes in a row of its
    # own under its village, so the columns stay narrow enough for a screen and A4 portrait.
    columns.append(Column(t("report.col.status_lomba", lang), False))
    order = {band.label: i for i, band in enumerate(view.bands)}
    extra = found.cells() if found is not None else {}
    rows = []
    notes = []
    criteria_rows = []
    for village in ranking.desa:
        band = view.band(village)
        rank = Cell(
            text="–" if village.peringkat is None else str(village.peringkat),
            sort="" if village.peringkat is None else str(village.peringkat),
        )
        total = _score(village.total, lang, digits)
        total = Cell(
            text=total.text,
            sort=total.sort,
            note=t(
                "report.contest.of_maximum",
                lang,
                pct=fmt_pct(shown_percent(village.persen_maksimum, digits), lang, digits),
            ),
        )
        row = [
            rank,
            Cell(text=village.kode_desa, sort=village.kode_desa, numeric=False),
            Cell(text=village.nama_desa, sort=village.nama_desa.casefold(), numeric=False),
            total,
            Cell(
                text=band.label if band else "–",
                sort=str(order[band.label]) if band else "",
                colour=band.colour if band else "",
                numeric=False,
            ),
        ]
        row += _uncertainty_cells(found, extra.get(village.kode_desa, {}), lang)
        row += [_score(village.subtotal.get(group), lang, digits) for group, _ in view.groups]
        status = t(f"report.contest.status.{village.status.value}", lang)
        row.append(Cell(text=status, sort=status, numeric=False))
        rows.append(row)
        notes.append(" · ".join(view.notes(village)))
        scores = [rank, Cell(text=village.nama_desa, sort=village.nama_desa.casefold(),
                             note=village.kode_desa, numeric=False)]  # fmt: skip
        for criterion, _, _ in view.criteria:
            result = village.kriteria.get(criterion)
            scores.append(_score(result.nilai if result else None, lang, 1))
        criteria_rows.append(scores)
    criteria_columns = [
        Column(t("report.col.peringkat", lang), True),
        Column(t("report.col.nama_desa", lang), False),
    ]
    criteria_columns += [Column(name, True) for _, name, _ in view.criteria]
    inputs = [
        InputFile(label=f"{_role(r.peran, lang)}: {r.berkas}", sha256=r.sha256)
        for r in ranking.masukan
        if r.sha256
    ]
    return RankingSection(
        view=view,
        table=Table(
            columns=columns,
            rows=rows,
            total=[],
            notes=notes,
            notes_label=t("report.col.catatan", lang),
        ),
        criteria=Table(columns=criteria_columns, rows=criteria_rows, total=[]),
        bands=view.bands,
        judges=view.judges,
        inputs=inputs,
        summary=t(
            "report.contest.summary",
            lang,
            ranked=fmt_int(view.ranked_count(), lang),
            rubric=ranking.rubrik_id,
            version=ranking.rubrik_versi,
            maximum=fmt_number(ranking.nilai_maksimum, lang, 0),
        )
        + (
            " " + t("report.contest.edition", lang, edition=ranking.rubrik_edisi)
            if ranking.rubrik_edisi
            else ""
        )
        + (" " + (shrink_text(ranking, lang) or "") if ranking.penyusutan else "")
        + (" " + (change_text(ranking, lang) or "") if ranking.perubahan else ""),
        decimals=digits,
        uncertainty_notes=[n.strip() for n in uncertainty_notes(found, lang)] if found else [],
        uncertainty_explain=(
            " ".join(
                t(key, lang)
                for key, shown in (
                    ("report.unc.explain", bool(found and (found.bootstrap or found.weights))),
                    ("report.unc.shrink_explain", bool(found and found.prior and found.report)),
                )
                if shown
            )
        ),
        percent_rule=percent_rule(ranking, lang),
    )
