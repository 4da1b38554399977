"""A survey round to compare (docs/aturan.md §5.8): its villages' counts, how its % ber-PHBS
is defined, and (when it was read from household rows) each household's outcome by id.

A round comes from survey files scored in the same run (:func:`round_from_score`) or from a
village summary written earlier by ``phbs score -o rekap.json``
(:func:`phbs.trends.summary_json.read_round_json`);
a village recap CSV is read like a survey (docs/aturan.md §6.7) and has no households.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from phbs.errors import InputFileError
from phbs.forms.denominators import BerPhbsBase
from phbs.forms.model import Form
from phbs.ingest.villages import VillageTotals
from phbs.scoring.household import AreaLevel
from phbs.scoring.summary import AreaReport, AreaSummary

LABEL_PATTERN = r"^[^=\s,][^=,]{0,39}$"


@dataclass(frozen=True)
class Round:
    """One round: ``villages`` by dotted code, ``households[(kode_desa, id)]`` outcome and
    head of household (:func:`phbs.trends.households.household_key`) or ``None`` when only
    counts were read."""

    label: str
    villages: dict[str, AreaSummary]
    form: str
    na_policy: str
    base: BerPhbsBase
    indicators: tuple[str, ...]
    sources: tuple[str, ...]
    households: dict[tuple[str, str], int] | None = field(default=None, repr=False)
    #: Per indicator its question and applicability rule (:func:`questions`), to tell whether
    #: two forms measure an indicator of the same code the same way; empty when unknown.
    questions: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    #: Where the villages' total households came from ("" when none are known).
    totals_source: str = ""

    @property
    def definition(self) -> tuple[str, tuple[str, ...], str, str]:
        """What % ber-PHBS means in this round: the form, its indicators, the na_policy and
        the denominator. Two rounds whose definitions differ are not compared on it."""
        return (self.form, tuple(sorted(self.indicators)), self.na_policy, self.base.value)


def check_label(label: str) -> str:
    """A round's label as given (``2024``, ``2025-semester-1``), or refused."""
    import re

    if not re.fullmatch(LABEL_PATTERN, label):
        raise InputFileError(
            f"label putaran '{label}' tidak dapat dipakai: tulis 1–40 huruf atau angka tanpa "
            "'=' atau ',' (mis. 2024)",
            f"round label '{label}' cannot be used: write 1–40 letters or digits without '=' "
            "or ',' (e.g. 2024)",
        )
    return label


def questions(form: Form) -> dict[str, tuple[str, str]]:
    """Each indicator's question (as the form words it) and its applicability rule (context
    column and range: who it is asked of), to tell whether two forms measure an indicator of
    the same code the same way.

    >>> from phbs.forms.loading import load_form
    >>> question, rule = questions(load_form("kemenkes-rt-10").form)["asi_eksklusif"]
    >>> rule
    'umur_anak_termuda_bulan 0–6'
    """
    return {
        i.code: (
            i.question,
            "semua"
            if i.applies_to.context is None
            else f"{i.applies_to.context} {i.applies_to.minimum}–{i.applies_to.maximum}",
        )
        for i in form.indicators
    }


def totals_source(villages: VillageTotals | None) -> str:
    """How a round names the villages file its totals came from ("" for none): the file's
    name with the start of its SHA-256, so one file given for two rounds is recognised."""
    return f"{villages.source} (sha256 {villages.sha256[:12]})" if villages else ""


def round_from_score(
    label: str,
    report: AreaReport,
    sources: Iterable[str],
    households: dict[tuple[str, str], int] | None = None,
    *,
    form: Form | None = None,
    totals_source: str = "",
) -> Round:
    """A round from a village-level summary (:func:`phbs.summarise` ``by="desa"``);
    ``form`` (the form it was scored with) lets the indicators' questions be compared, and
    ``totals_source`` names the villages file its total households came from."""
    if report.tingkat is not AreaLevel.DESA:
        raise ValueError("a round needs the summary by village")
    villages = {a.kode: a for a in report.wilayah if a.rumah_tangga_disurvei > 0}
    indicators = tuple(report.wilayah[0].indikator) if report.wilayah else ()
    return Round(
        label=check_label(label),
        villages=villages,
        form=report.formulir,
        na_policy=report.na_policy.value,
        base=report.penyebut.persen_ber_phbs,
        indicators=indicators,
        sources=tuple(sources),
        households=households,
        questions=questions(form) if form is not None else {},
        totals_source=totals_source,
    )
