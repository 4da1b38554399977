"""Rank uncertainty outputs for ``phbs rank``: extra CSV columns, JSON section, terminal table.

CSV columns added after ``catatan`` (only those whose analysis was run):
``persen_ber_phbs_survei, persen_ber_phbs_bawah, persen_ber_phbs_atas`` (with --survey);
``peringkat_median, peringkat_bawah, peringkat_atas, p_pertama, p_tiga_besar`` (--bootstrap);
``p_tetap_bobot`` (--weight-sensitivity).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from phbs.contest.models import Ranking
from phbs.contest.uncertainty import RankBootstrap, WeightSensitivity
from phbs.i18n import Lang, t
from phbs.reports.text import format_table
from phbs.scoring.results import AreaReport
from phbs.stats import BetaBinomialPrior

CI_COLUMNS = ["persen_ber_phbs_survei", "persen_ber_phbs_bawah", "persen_ber_phbs_atas"]
BOOTSTRAP_COLUMNS = [
    "peringkat_median",
    "peringkat_bawah",
    "peringkat_atas",
    "p_pertama",
    "p_tiga_besar",
]


@dataclass
class Uncertainty:
    """What ``phbs rank`` found out about how sure its ranking is."""

    report: AreaReport | None = None
    bootstrap: RankBootstrap | None = None
    weights: WeightSensitivity | None = None
    prior: BetaBinomialPrior | None = None
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)

    def columns(self) -> list[str]:
        """The extra CSV columns, in order."""
        columns = list(CI_COLUMNS) if self.report is not None else []
        if self.bootstrap is not None:
            columns += BOOTSTRAP_COLUMNS
        if self.weights is not None:
            columns.append("p_tetap_bobot")
        return columns

    def cells(self) -> dict[str, dict[str, Any]]:
        """Extra cells per village code."""
        rows: dict[str, dict[str, Any]] = {}
        if self.report is not None:
            for area in self.report.areas:
                rows[area.kode] = {
                    "persen_ber_phbs_survei": area.persen_ber_phbs,
                    "persen_ber_phbs_bawah": area.persen_ber_phbs_bawah,
                    "persen_ber_phbs_atas": area.persen_ber_phbs_atas,
                }
        if self.bootstrap is not None:
            for v in self.bootstrap.desa:
                rows.setdefault(v.kode_desa, {}).update(
                    {c: getattr(v, c) for c in BOOTSTRAP_COLUMNS}
                )
        if self.weights is not None:
            for w in self.weights.desa:
                rows.setdefault(w.kode_desa, {})["p_tetap_bobot"] = w.p_tetap
        return rows

    def document(self) -> dict[str, Any]:
        """The JSON section ``ketidakpastian``."""
        return {
            "metode_ci": self.report.metode_ci.value if self.report else None,
            "tingkat_kepercayaan": self.report.tingkat_kepercayaan if self.report else None,
            "bootstrap": self.bootstrap.model_dump(mode="json") if self.bootstrap else None,
            "kepekaan_bobot": self.weights.model_dump(mode="json") if self.weights else None,
            "penyusutan": (
                {
                    "metode": f"empirical Bayes beta-binomial ({self.prior.method})",
                    "alpha": self.prior.alpha,
                    "beta": self.prior.beta,
                    "rata_rata_prior": self.prior.mean,
                    "kekuatan_prior": self.prior.strength,
                    "jumlah_desa": self.prior.villages,
                }
                if self.prior
                else None
            ),
        }


def _ci(values: dict[str, Any]) -> str:
    point, low, high = (values.get(c) for c in CI_COLUMNS)
    if point is None:
        return "–"
    if low is None or high is None:
        return f"{point:.1f}"
    return f"{point:.1f} ({low:.1f}–{high:.1f})"


def uncertainty_text(ranking: Ranking, found: Uncertainty, lang: Lang = "id") -> str:
    """The terminal table (ranked villages) and its plain-language notes."""
    cells = found.cells()
    headers = [t("rank.col.rank", lang), t("kode", lang), t("nama", lang)]
    if found.report is not None:
        headers.append(t("unc.col.ci", lang))
    if found.bootstrap is not None:
        headers += [t(f"unc.col.{k}", lang) for k in ("median", "interval", "first", "top3")]
    if found.weights is not None:
        headers.append(t("unc.col.keep", lang))
    rows = []
    for village in ranking.ranked():
        values = cells.get(village.kode_desa, {})
        row = [str(village.peringkat), village.kode_desa, village.nama_desa[:24]]
        if found.report is not None:
            row.append(_ci(values))
        if found.bootstrap is not None and "p_pertama" in values:
            row += [
                f"{values['peringkat_median']:g}",
                f"{values['peringkat_bawah']}–{values['peringkat_atas']}",
                f"{values['p_pertama']:.2f}",
                f"{values['p_tiga_besar']:.2f}",
            ]
        if found.weights is not None:
            row.append(f"{values.get('p_tetap_bobot', 0):.2f}")
        rows.append(row)
    lines = [format_table(headers, rows, set(range(3, len(headers))) | {0})]
    lines += uncertainty_notes(found, lang)
    return "\n".join(lines)


#: Blocks of indistinguishable ranks written out one by one; the rest are counted.
MAX_BLOCK_NOTES = 10


def uncertainty_notes(found: Uncertainty, lang: Lang = "id") -> list[str]:
    """Plain-language notes: bootstrap, indistinct top ranks, weights, swaps, shrinkage."""
    notes = []
    boot = found.bootstrap
    if boot is not None:
        judges = t("unc.judges.resampled" if boot.juri_diambil_ulang else "unc.judges.held", lang)
        notes.append(
            t(
                "unc.bootstrap",
                lang,
                replicates=boot.ulangan,
                seed=boot.seed,
                judges=t(f"unc.sample.{boot.metode_sampel}", lang),
                held=judges,
            )
        )
        if boot.desa and boot.tidak_terbedakan_sampai < 2:
            notes.append(t("unc.distinct", lang))
        blocks = boot.blok_tidak_terbedakan
        for first, last in blocks[:MAX_BLOCK_NOTES]:
            notes.append(t("unc.indistinct", lang, first=first, last=last))
        if len(blocks) > MAX_BLOCK_NOTES:
            notes.append(t("unc.indistinct.more", lang, count=len(blocks) - MAX_BLOCK_NOTES))
    weights = found.weights
    if weights is not None:
        how = (
            t("unc.weights.dirichlet", lang, concentration=weights.konsentrasi or 0)
            if weights.cara == "dirichlet"
            else t("unc.weights.uniform", lang, spread=weights.rentang_persen or 0)
        )
        notes.append(t("unc.weights", lang, replicates=weights.ulangan, seed=weights.seed, how=how))
        for swap in weights.pertukaran[:5]:
            a = f"{swap.peringkat_a}. {swap.desa_a}"
            b = f"{swap.peringkat_b}. {swap.desa_b}"
            notes.append(t("unc.swap", lang, a=a, b=b, share=swap.proporsi))
    prior = found.prior
    if prior is not None:
        notes.append(
            t(
                "unc.shrink",
                lang,
                method=prior.method,
                mean=prior.mean * 100,
                strength=prior.strength,
                alpha=prior.alpha,
                beta=prior.beta,
                villages=prior.villages,
            )
        )
    return notes
