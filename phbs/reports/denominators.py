"""How a report states the denominators of % ber-PHBS and the area IKS, as the form sets them
(docs/aturan.md §5.1, §4.2): the console notes, the settings rows, the column labels and the
CSV columns that name them."""

from __future__ import annotations

from phbs.forms.denominators import BerPhbsBase
from phbs.forms.model import NaPolicy
from phbs.i18n import Lang, t
from phbs.scoring.summary import AreaReport


def persen_column_key(report: AreaReport) -> str:
    """The label key of the % ber-PHBS column: it names a denominator other than the default.

    >>> from phbs.scoring.household import AreaLevel
    >>> persen_column_key(AreaReport(tingkat=AreaLevel.DESA, na_policy="exclude",
    ...                              formulir="x", wilayah=[], masalah=[]))
    'report.col.persen_ber_phbs'
    """
    if report.penyebut.persen_ber_phbs is BerPhbsBase.DISURVEI:
        return "report.col.persen_ber_phbs.disurvei"
    return "report.col.persen_ber_phbs"


def has_iks(report: AreaReport) -> bool:
    """Whether the areas have an area IKS (a form whose classes come from the index)."""
    return any(a.keluarga_berindeks is not None for a in report.wilayah)


def denominator_notes(report: AreaReport, lang: Lang = "id") -> list[str]:
    """How % ber-PHBS (and the area IKS) are computed, as the form says (§5.1, §4.2)."""
    bases = report.penyebut
    notes = [t(f"note.persen.{bases.persen_ber_phbs.value}", lang)]
    if has_iks(report):
        notes.append(t(f"note.iks.{bases.iks_wilayah.value}", lang))
    return notes


def denominator_settings(report: AreaReport, lang: Lang = "id") -> list[tuple[str, str]]:
    """The denominators as (label, value) settings rows, the source on the first."""
    bases = report.penyebut
    source = t("denominator.source", lang, source=bases.source or t("forms.show.no_source", lang))
    rows = [
        (
            t("report.setting.denominator.persen", lang),
            f"{t(f'denominator.persen_ber_phbs.{bases.persen_ber_phbs.value}', lang)} ({source})",
        )
    ]
    if has_iks(report):
        words = t(f"denominator.iks_wilayah.{bases.iks_wilayah.value}", lang)
        rows.append((t("report.setting.denominator.iks", lang), words))
    return rows


def denominator_columns(report: AreaReport) -> list[str]:
    """``penyebut_persen_ber_phbs`` (``lengkap`` or ``disurvei``), and ``penyebut_iks_wilayah``
    (``berindeks`` or ``semua_keluarga``) for a form with an area IKS: the form's setting on
    every row, so a CSV read alone still says how its percentages were computed
    (docs/aturan.md §5.1, §4.2)."""
    return ["penyebut_persen_ber_phbs", *(["penyebut_iks_wilayah"] if has_iks(report) else [])]


def na_policy_name(policy: NaPolicy | str, lang: Lang = "id") -> str:
    """How not-applicable indicators count, in words (the ``--na-policy`` setting).

    >>> na_policy_name("exclude"), na_policy_name("as_unmet", "en")
    ('tidak masuk penyebut', 'counted as not met')
    """
    return t(f"na_policy.{NaPolicy(policy).value}", lang)


def ci_note(method: str, confidence: float, with_totals: bool, lang: Lang) -> str:
    """The line under a table explaining its intervals (docs/aturan.md §5.3, §5.4)."""
    from phbs.i18n import fmt_decimal

    return t(
        "ci.note",
        lang,
        level=fmt_decimal(confidence * 100, lang, 1, trim=True),
        method=t(f"ci.method.{method}", lang),
        fpc=t("ci.fpc", lang) if with_totals else "",
    )
