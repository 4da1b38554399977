"""What a report shows of a comparison with an earlier round (docs/aturan.md §5.8), the same
on the page and in the workbook: per area the two values, the change with its interval and
verdict, the paired households; per indicator the whole report area's change and how many
areas went up or down; and the statements a reader needs to read them (the rounds and their
files, areas in one round only, codes joined, form differences, the confidence level and
the caution about many comparisons).

A report compares two rounds: the baseline (``--baseline``) and the survey of the report.
"""

from __future__ import annotations

from dataclasses import dataclass

from phbs.difference_stats import difference_interval, verdict_codes
from phbs.forms.model import Form
from phbs.i18n import Lang, fmt_int, t
from phbs.reports.trends_text import statements as shared_statements
from phbs.trends.models import AreaTrend, Change, Measure, RoundValue, Transitions, Trends, Verdict
from phbs.trends.transitions import VERDICT

#: Areas named in a statement before "…".
_LISTED = 12
#: Order of verdicts when a table is sorted by them (up first when sorted descending).
VERDICT_ORDER = {Verdict.TURUN: 0, Verdict.TIDAK_BERUBAH: 1, Verdict.NAIK: 2}


@dataclass(frozen=True)
class TrendRow:
    """One area: its value in the baseline and in the current round, the change between
    them (with its interval and verdict, or the reason it has none) and the households
    surveyed in both, when known."""

    kode: str
    nama: str
    kode_asal: tuple[str, ...]
    before: RoundValue
    after: RoundValue
    change: Change
    paired: Transitions | None


@dataclass(frozen=True)
class IndicatorTrend:
    """One indicator over the whole report area (the areas surveyed in both rounds summed):
    its two coverages, the change with its interval and verdict, and how many areas went up,
    went down or did not change meaningfully."""

    code: str
    label: str
    before: RoundValue
    after: RoundValue
    change: Change
    naik: int
    turun: int
    tidak_berubah: int


@dataclass(frozen=True)
class TrendsView:
    """The comparison as a report lays it out."""

    lang: Lang
    trends: Trends
    baseline: str
    current: str
    title: str
    rows: list[TrendRow]
    total: TrendRow
    indicators: list[IndicatorTrend]
    statements: list[str]
    paired_known: bool

    def verdict_text(self, change: Change) -> str:
        """The verdict in words, or why there is none."""
        if change.putusan is not None:
            return t(f"report.trends.verdict.{change.putusan.value}", self.lang)
        if change.alasan is not None:
            return t(f"report.trends.reason.{change.alasan.value}", self.lang)
        return "–"

    def counts(self) -> dict[str, int]:
        """How many areas got each verdict (``none``: no verdict)."""
        found = {v.value: 0 for v in Verdict} | {"none": 0}
        for row in self.rows:
            found[row.change.putusan.value if row.change.putusan else "none"] += 1
        return found


def _value(x: int, n: int, label: str) -> RoundValue:
    return RoundValue(putaran=label, x=x, n=n, persen=x / n * 100 if n else None)


def _summed(
    measures: list[Measure], labels: tuple[str, str], confidence: float, comparable: bool
) -> tuple[RoundValue, RoundValue, Change]:
    """The whole report area: the areas present in both rounds summed (docs/aturan.md §5.5),
    the change with Newcombe's interval, without the finite population correction (§5.4)."""
    x1 = n1 = x2 = n2 = 0
    for m in measures:
        before, after = m.nilai[0], m.nilai[-1]
        if before.n is None or after.n is None:
            continue
        x1, n1 = x1 + (before.x or 0), n1 + before.n
        x2, n2 = x2 + (after.x or 0), n2 + after.n
    before, after = _value(x1, n1, labels[0]), _value(x2, n2, labels[1])
    if not (n1 and n2 and comparable):
        return before, after, Change(dari=labels[0], ke=labels[1])
    lo, hi = difference_interval([x1], [n1], [x2], [n2], confidence=confidence)
    code = int(verdict_codes(lo, hi)[0])
    change = Change(
        dari=labels[0],
        ke=labels[1],
        perubahan=(x2 / n2 - x1 / n1) * 100,
        bawah=float(lo[0]) * 100,
        atas=float(hi[0]) * 100,
        putusan=VERDICT.get(code),
    )
    return before, after, change


def _paired(area: AreaTrend, labels: tuple[str, str]) -> Transitions | None:
    return next((p for p in area.transisi if (p.dari, p.ke) == labels), None)


def _row(area: AreaTrend, pair: int) -> TrendRow:
    measure = area.persen_ber_phbs
    change = measure.perubahan[pair]
    return TrendRow(
        kode=area.kode,
        nama=area.nama,
        kode_asal=tuple(area.kode_asal),
        before=measure.nilai[0],
        after=measure.nilai[-1],
        change=change,
        paired=_paired(area, (change.dari, change.ke)),
    )


def trends_view(trends: Trends, form: Form, lang: Lang = "id") -> TrendsView:
    """The comparison of ``trends`` (its first round against its last) as a report shows it,
    its indicators named as ``form`` names them."""
    names = {
        i.code: f"{i.number}. {i.name_en if lang == 'en' else i.name}" for i in form.indicators
    }
    labels = (trends.putaran[0].label, trends.putaran[-1].label)
    pair = trends.perbandingan.index(labels)
    rows = [_row(area, pair) for area in trends.wilayah]
    confidence = trends.tingkat_kepercayaan
    before, after, change = _summed(
        [a.persen_ber_phbs for a in trends.wilayah],
        labels,
        confidence,
        trends.persen_ber_phbs_sebanding,
    )
    paired = [r.paired for r in rows if r.paired is not None]
    total_paired = None
    if paired:
        total_paired = Transitions(
            dari=labels[0],
            ke=labels[1],
            berpasangan=sum(p.berpasangan for p in paired),
            tetap_ber_phbs=sum(p.tetap_ber_phbs for p in paired),
            menjadi_ber_phbs=sum(p.menjadi_ber_phbs for p in paired),
            tidak_lagi_ber_phbs=sum(p.tidak_lagi_ber_phbs for p in paired),
            tetap_tidak=sum(p.tetap_tidak for p in paired),
            belum_lengkap=sum(p.belum_lengkap for p in paired),
        )
    total = TrendRow("", t("total", lang), (), before, after, change, total_paired)
    indicators = []
    for code in trends.indikator_dibandingkan:
        measures = [a.indikator[code] for a in trends.wilayah]
        ind_before, ind_after, ind_change = _summed(measures, labels, confidence, True)
        verdicts = [m.perubahan[pair].putusan for m in measures]
        indicators.append(
            IndicatorTrend(
                code=code,
                label=names.get(code, code),
                before=ind_before,
                after=ind_after,
                change=ind_change,
                naik=verdicts.count(Verdict.NAIK),
                turun=verdicts.count(Verdict.TURUN),
                tidak_berubah=verdicts.count(Verdict.TIDAK_BERUBAH),
            )
        )
    view = TrendsView(
        lang=lang,
        trends=trends,
        baseline=labels[0],
        current=labels[1],
        title=t("report.trends.title", lang, before=labels[0], after=labels[1]),
        rows=rows,
        total=total,
        indicators=indicators,
        statements=[],
        paired_known=all(info.rumah_tangga for info in trends.putaran),
    )
    view.statements.extend(statements(view))
    return view


def _listed(areas: list[AreaTrend]) -> str:
    shown = [f"{a.kode} {a.nama}" for a in areas[:_LISTED]]
    return ", ".join(shown) + (", …" if len(areas) > _LISTED else "")


def statements(view: TrendsView) -> list[str]:
    """What a reader must know to read the comparison, one sentence each: the rounds with
    their files, then what every output of a comparison states
    (:func:`phbs.reports.trends_text.statements`), then what the transitions columns mean."""
    trends, lang = view.trends, view.lang
    found = [
        t(
            "report.trends.round",
            lang,
            label=info.label,
            files=", ".join(_file_name(s) for s in info.sumber),
            villages=fmt_int(info.desa, lang),
            households=fmt_int(info.rumah_tangga_disurvei, lang),
            form=info.formulir,
        )
        for info in trends.putaran
    ]
    pair = trends.perbandingan.index((view.baseline, view.current))
    found += shared_statements(trends, pair, lang)
    if view.paired_known:
        found.append(t("report.trends.paired", lang))
    return found


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def verdict_sort(change: Change) -> str:
    """The key a table sorts the verdict column by (no verdict: empty, always last)."""
    return "" if change.putusan is None else str(VERDICT_ORDER[change.putusan])
