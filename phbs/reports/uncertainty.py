"""Rank uncertainty outputs for ``phbs rank``: extra CSV columns, JSON section, terminal table.

CSV columns added after ``catatan`` (only those whose analysis was run):
``persen_ber_phbs_survei, persen_ber_phbs_survei_bawah, persen_ber_phbs_survei_atas`` (with
--survey: the survey's own value and its confidence interval);
``persen_ber_phbs_susut, persen_ber_phbs_susut_bawah, persen_ber_phbs_susut_atas,
prior_mu_persen, prior_kappa`` (--shrink: the posterior mean, the value scored, and its
interval, and the prior; κ empty when it is ∞; a village surveyed in full keeps its own
value, its interval that point, docs/aturan.md §7.8);
``peringkat_median, peringkat_bawah, peringkat_atas, p_pertama, p_tiga_besar`` (--bootstrap);
``p_tetap_bobot`` (--weight-sensitivity).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from phbs.contest.assessment import CI_COLUMNS, Uncertainty
from phbs.contest.models import Ranking
from phbs.i18n import LABELS, Lang, fmt_decimal, fmt_int, fmt_percent, t
from phbs.reports.text import format_table

#: The shrunk value and its posterior interval, in the order of :data:`CI_COLUMNS`.
SHRUNK = ["persen_ber_phbs_susut", "persen_ber_phbs_susut_bawah", "persen_ber_phbs_susut_atas"]


def _ci(values: dict[str, Any], lang: Lang, columns: list[str] = CI_COLUMNS) -> str:
    point, low, high = (values.get(c) for c in columns)
    if point is None:
        return "–"
    if low is None or high is None:
        return fmt_decimal(point, lang)
    return f"{fmt_decimal(point, lang)} ({fmt_decimal(low, lang)}–{fmt_decimal(high, lang)})"


def uncertainty_text(ranking: Ranking, found: Uncertainty, lang: Lang = "id") -> str:
    """The terminal table (ranked villages) and its plain-language notes."""
    headers, rows, right = uncertainty_cells(ranking, found, lang)
    lines = [format_table(headers, rows, right)]
    lines += uncertainty_notes(found, lang)
    return "\n".join(lines)


def uncertainty_cells(
    ranking: Ranking, found: Uncertainty, lang: Lang = "id"
) -> tuple[list[str], list[list[str]], set[int]]:
    """The cells of :func:`uncertainty_text`'s table, one row per ranked village: headers,
    rows and the columns aligned right (the rank and every number)."""
    cells = found.cells()
    headers = [t("rank.col.rank", lang), t("kode", lang), t("nama", lang)]
    if found.report is not None:
        headers.append(t("unc.col.ci", lang))
    if found.bootstrap is not None:
        headers += [t(f"unc.col.{k}", lang) for k in ("median", "interval", "first", "top3")]
    if found.weights is not None:
        headers.append(t("unc.col.keep", lang))
    shrunk = found.prior is not None and found.report is not None
    if shrunk:
        headers.append(t("unc.col.shrunk", lang))
    rows = []
    for village in ranking.ranked():
        values = cells.get(village.kode_desa, {})
        row = [str(village.peringkat), village.kode_desa, village.nama_desa[:24]]
        if found.report is not None:
            row.append(_ci(values, lang))
        if found.bootstrap is not None and "p_pertama" in values:
            row += [
                fmt_decimal(values["peringkat_median"], lang, 1, trim=True),
                f"{values['peringkat_bawah']}–{values['peringkat_atas']}",
                fmt_decimal(values["p_pertama"], lang, 2),
                fmt_decimal(values["p_tiga_besar"], lang, 2),
            ]
        if found.weights is not None:
            row.append(fmt_decimal(values.get("p_tetap_bobot", 0), lang, 2))
        if shrunk:
            row.append(_ci(values, lang, SHRUNK))
        rows.append(row)
    return headers, rows, set(range(3, len(headers))) | {0}


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
                replicates=fmt_int(boot.ulangan, lang),
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
            t(
                "unc.weights.dirichlet",
                lang,
                concentration=fmt_decimal(weights.konsentrasi or 0, lang, 3, trim=True),
            )
            if weights.cara == "dirichlet"
            else t(
                "unc.weights.uniform",
                lang,
                spread=fmt_percent_trim(weights.rentang_persen or 0, lang),
            )
        )
        replicates = fmt_int(weights.ulangan, lang)
        notes.append(t("unc.weights", lang, replicates=replicates, seed=weights.seed, how=how))
        listed = {
            "top": weights.peringkat_teratas,
            "threshold": fmt_percent(weights.ambang_pertukaran * 100, lang, 0),
        }
        notes.append(t("unc.swaps" if weights.pertukaran else "unc.swaps.none", lang, **listed))
        for swap in weights.pertukaran:
            a = f"{swap.peringkat_a}. {swap.desa_a}"
            b = f"{swap.peringkat_b}. {swap.desa_b}"
            share = fmt_percent(swap.proporsi * 100, lang, 0)
            notes.append(t("unc.swap", lang, a=a, b=b, share=share))
    prior = found.prior
    if prior is not None:
        level = found.report.tingkat_kepercayaan if found.report else 0.95
        notes.append(
            t(
                "unc.shrink.infinite" if prior.infinite else "unc.shrink",
                lang,
                method=_prior_method(prior.method, lang),
                mean=fmt_percent(prior.mean * 100, lang, 2),
                strength="∞" if prior.infinite else fmt_decimal(prior.strength, lang),
                alpha="∞" if prior.infinite else fmt_decimal(prior.alpha, lang, 2),
                beta="∞" if prior.infinite else fmt_decimal(prior.beta, lang, 2),
                villages=prior.villages,
                level=fmt_decimal(level * 100, lang, 1, trim=True),
            )
        )
    return notes


def _prior_method(method: str, lang: Lang) -> str:
    key = f"prior.method.{method}"
    return t(key, lang) if key in LABELS else method


def fmt_percent_trim(value: float, lang: Lang = "id") -> str:
    """A percentage without trailing zeros: ``20 %``, ``12,5 %`` (``20%`` in English).

    >>> fmt_percent_trim(20.0), fmt_percent_trim(12.5, "en")
    ('20 %', '12.5%')
    """
    text = fmt_decimal(value, lang, 3, trim=True)
    return f"{text} %" if lang == "id" else f"{text}%"


if not TYPE_CHECKING:  # names of version 0.1, handed on with a warning for a release
    from phbs._moved import handed_on

    __getattr__ = handed_on(__name__)
