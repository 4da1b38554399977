"""What a report shows, independent of its format: the workbook and the page read the same.

:func:`build_content` gathers, from a scored survey and its area summary, the headline
figures, the area table with village strata, the indicator recap per village (and per
dusun when the data has dusun), the issue counts and the run metadata. The Excel and HTML
writers only lay this out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from phbs.contest.assessment import Uncertainty
from phbs.contest.models import Ranking
from phbs.contest.rubric_loading import LoadedRubric
from phbs.i18n import Lang, fmt_decimal, fmt_int, fmt_percent, t
from phbs.ingest.villages import VillageTotals
from phbs.issues import Issue, IssueType, Severity, count_by_code
from phbs.reports.contest import ContestView, change_text, contest_view, shrink_text
from phbs.reports.denominators import denominator_settings, na_policy_name
from phbs.reports.dusun import dusun_recap
from phbs.reports.panel import MinutesDetails
from phbs.reports.strata import Stratum, describe_strata, form_strata, strata_source
from phbs.reports.tables import run_metadata
from phbs.reports.text import issue_counts_line, reading_text, reconciliation_line
from phbs.reports.trends import TrendsView, trends_view
from phbs.scoring.funnel import FunnelData, funnel_plot, village_recap
from phbs.scoring.household import percent
from phbs.scoring.results import ScoreResult
from phbs.scoring.summary import NO_DUSUN, AreaReport, AreaSummary
from phbs.trends.models import Trends

if TYPE_CHECKING:
    from phbs.scoring.streaming import StreamedScore


@dataclass(frozen=True)
class Headline:
    """The figures on top of every report: summed counts, recomputed percentage."""

    rumah_tangga_disurvei: int
    ber_phbs: int
    tidak_ber_phbs: int
    belum_lengkap: int
    persen_ber_phbs: float | None
    #: The denominator of persen_ber_phbs, as the form's denominators say (§5.1).
    penyebut_ber_phbs: int
    jumlah_wilayah: int
    jumlah_desa: int
    desa_sampel_kurang: int
    baris_dibaca: int
    baris_diskor: int
    baris_disisihkan: int
    #: The reconciliation as the console prints it (with how member, answer or recap rows
    #: became households or villages).
    rekonsiliasi: str
    galat: int
    peringatan: int
    info: int


@dataclass(frozen=True)
class IndicatorInfo:
    """An indicator as a report names it."""

    code: str
    number: int
    name: str


@dataclass(frozen=True)
class IssueCount:
    """How often one issue code occurs, with its first location."""

    kind: IssueType
    count: int
    first: Issue


@dataclass(frozen=True)
class ReportContent:
    """Everything a report lays out. ``ranking`` is the contest result, when given."""

    lang: Lang
    title: str
    result: ScoreResult | StreamedScore
    report: AreaReport
    headline: Headline
    indicators: list[IndicatorInfo]
    strata: tuple[Stratum, ...]
    target: float | None
    recap_villages: list[AreaSummary]
    recap_dusun: list[AreaSummary]
    issues: list[Issue]
    issue_counts: list[IssueCount]
    metadata: dict[str, Any]
    include_names: bool
    ranking: ContestView | None = None
    settings: list[tuple[str, str]] = field(default_factory=list)
    funnel: FunnelData | None = None
    uncertainty: Uncertainty | None = None
    minutes: MinutesDetails = field(default_factory=MinutesDetails)
    #: Where the strata come from, in words (docs/aturan.md §5.6).
    strata_source: str = ""
    #: The comparison with an earlier round (docs/aturan.md §5.8), when given.
    trends: TrendsView | None = None

    def issue_line(self) -> str:
        """The issue counts, with how many reading the survey files found (what ``phbs
        validate`` lists) and how many the village figures and other files added."""
        return issue_counts_line(self.issues, self.lang, len(self.result.survey.issues))

    def level_name(self) -> str:
        """The report's area level in the report's language, e.g. ``desa/kelurahan``."""
        return t(f"level.{self.report.tingkat.value}", self.lang)


@dataclass(frozen=True)
class ReportOptions:
    """What a report shows besides the survey and its summary (``phbs report``'s options).

    ``lang``: ``"id"`` or ``"en"``; ``title`` replaces the default title. ``villages`` (a
    villages file, :func:`phbs.read_villages`) adds it to the audit trail and its issues to
    the data issues; ``issues`` replaces the default list of issues (the survey's, the
    villages file's, the summary's and the ranking's). ``strata`` replaces the village strata
    (default I < 25, II 25–49, III 50–75, IV > 75 % ber-PHBS) and ``target`` is a
    % ber-PHBS target. ``include_names`` shows household heads' names in the workbook.
    ``ranking`` (from :func:`phbs.rank_villages`) adds the contest ranking, its criteria named
    by ``rubric`` (found from the ranking's audit trail when omitted); ``uncertainty``
    (:class:`phbs.Uncertainty`) adds the median rank, the rank interval, P(first), P(top 3),
    how often a village keeps its rank, the swapping pairs and the shrinkage prior.
    ``minutes`` (:class:`phbs.MinutesDetails`) gives the place, date, names, level and year
    written into the *berita acara* of a ranking (blank lines where not given). ``trends``
    (:func:`phbs.trends.compare.compare_rounds` of an earlier round and this one) adds the
    change section and sheet, and its issues to the data issues. ``households_sheet_rows``
    caps the workbook's *Rumah Tangga* sheet (0: none, default all; it says what is left out).
    ``dusun=False`` leaves the dusun recap empty, to be filled with
    :func:`~phbs.reports.dusun.dusun_recap` before a report is written.
    """

    lang: Lang = "id"
    title: str | None = None
    villages: VillageTotals | None = None
    issues: Sequence[Issue] | None = None
    strata: Sequence[Stratum] | None = None
    target: float | None = None
    include_names: bool = False
    ranking: Ranking | None = None
    rubric: LoadedRubric | None = None
    uncertainty: Uncertainty | None = None
    minutes: MinutesDetails | None = None
    trends: Trends | None = None
    households_sheet_rows: int | None = None
    dusun: bool = True


def build_content(
    result: ScoreResult | StreamedScore,
    report: AreaReport,
    options: ReportOptions | None = None,
) -> ReportContent:
    """Gather what both report formats show.

    ``issues`` defaults to the survey's, the villages file's and the summary's issues
    (plus the ranking's, with a ranking). ``rubric`` names the ranking's groups and
    criteria; by default it is found from the ranking's audit trail. The funnel plot of
    the villages is always computed; ``uncertainty`` (bootstrap ranks, weight sensitivity,
    shrinkage prior) is shown beside the ranking.

    >>> from phbs.demo.data import sample_data
    >>> from phbs.ingest import read_survey
    >>> from phbs.scoring.results import score
    >>> from phbs.scoring.summary import summarise
    >>> result = score(read_survey(sample_data().survey_files))
    >>> content = build_content(result, summarise(result))
    >>> content.headline.rumah_tangga_disurvei == result.survey.rows_scored
    True
    """
    options = options or ReportOptions()
    lang, title, villages, issues = options.lang, options.title, options.villages, options.issues
    strata, target, include_names = options.strata, options.target, options.include_names
    ranking, rubric, uncertainty = options.ranking, options.rubric, options.uncertainty
    survey = result.survey
    form = survey.form.form
    chosen_strata = tuple(strata) if strata else form_strata(form, lang)
    recap_villages = village_recap(result, report, villages)
    funnel = funnel_plot(report.model_copy(update={"wilayah": recap_villages}))
    if issues is None:
        issues = [*survey.issues, *(villages.issues if villages else []), *report.masalah]
        issues = [*issues, *funnel.issues()]
        if ranking is not None:
            issues = [*issues, *ranking.masalah]
        issues = [*issues, *(options.trends.masalah if options.trends else [])]
    issue_list = list(issues)
    by_code: dict[str, Issue] = {}
    for issue in issue_list:
        by_code.setdefault(issue.code, issue)
    counts = [IssueCount(kind, n, by_code[kind.code]) for kind, n in count_by_code(issue_list)]
    severities = {s: sum(1 for i in issue_list if i.severity is s) for s in Severity}

    areas = report.wilayah
    ber = sum(a.ber_phbs for a in areas)
    tidak = sum(a.tidak_ber_phbs for a in areas)
    surveyed = sum(a.rumah_tangga_disurvei for a in areas)
    base = report.penyebut.ber_phbs_base(ber, tidak, surveyed)
    recap_dusun = dusun_recap(result, report) if options.dusun else []
    headline = Headline(
        rumah_tangga_disurvei=surveyed,
        ber_phbs=ber,
        tidak_ber_phbs=tidak,
        belum_lengkap=sum(a.belum_lengkap for a in areas),
        persen_ber_phbs=percent(ber, base),
        penyebut_ber_phbs=base,
        jumlah_wilayah=len(areas),
        jumlah_desa=len(recap_villages),
        desa_sampel_kurang=sum(1 for a in recap_villages if a.sampel_kurang),
        baris_dibaca=survey.rows_read,
        baris_diskor=survey.rows_scored,
        baris_disisihkan=survey.rows_set_aside,
        rekonsiliasi=reconciliation_line(survey, lang, lambda value: fmt_int(value, lang)),
        galat=severities[Severity.ERROR],
        peringatan=severities[Severity.WARNING],
        info=severities[Severity.INFO],
    )
    metadata = run_metadata(result, report)
    if villages is not None and villages.source:
        metadata["berkas_desa"] = {"berkas": villages.source, "sha256": villages.sha256}
    if ranking is not None:
        metadata["rubrik"] = {
            "id": ranking.rubrik_id,
            "versi": ranking.rubrik_versi,
            "edisi": ranking.rubrik_edisi,
            "sha256": ranking.rubrik_sha256,
            "metode": ranking.metode.value,
            "agregasi_juri": ranking.agregasi_juri.value,
        }
        metadata["berkas_peringkat"] = [
            {"peran": r.peran, "berkas": r.berkas, "sha256": r.sha256} for r in ranking.masukan
        ]
    level_name = t(f"level.{report.tingkat.value}", lang)
    content = ReportContent(
        lang=lang,
        title=title or t("report.title.default", lang, level=level_name),
        result=result,
        report=report,
        headline=headline,
        indicators=[
            IndicatorInfo(code=i.code, number=i.number, name=i.name_en if lang == "en" else i.name)
            for i in form.indicators
        ],
        strata=chosen_strata,
        target=target,
        recap_villages=recap_villages,
        recap_dusun=recap_dusun,
        issues=issue_list,
        issue_counts=counts,
        metadata=metadata,
        include_names=include_names,
        ranking=None if ranking is None else contest_view(ranking, lang, rubric),
        funnel=funnel,
        uncertainty=uncertainty,
        minutes=options.minutes or MinutesDetails(),
        strata_source=strata_source(form, bool(strata), lang),
        trends=None if options.trends is None else trends_view(options.trends, form, lang),
    )
    content.settings.extend(_settings(content))
    return content


def _settings(content: ReportContent) -> list[tuple[str, str]]:
    """The settings that produced a report, as (label, value) rows."""
    lang = content.lang
    loaded = content.result.survey.form
    settings = content.metadata["pengaturan"]
    rows = [
        (t("report.setting.form", lang), f"{loaded.form.id} {loaded.form.version}"),
        (t("report.setting.na_policy", lang), na_policy_name(content.result.na_policy, lang)),
        (t("report.setting.level", lang), content.level_name()),
        (t("report.setting.id_scope", lang), t(f"id_scope.{settings['id_unik_per']}", lang)),
        *denominator_settings(content.report, lang),
        (
            t("report.setting.strata", lang),
            f"{describe_strata(content.strata)} ({content.strata_source})",
        ),
        (t("report.setting.target", lang), fmt_target(content.target, lang)),
        (t("report.setting.region_table", lang), settings["tabel_kode_wilayah"]),
        *(
            [(t("report.setting.not_collected", lang), ", ".join(loaded.not_collected))]
            if loaded.not_collected
            else []
        ),
        *(
            (t("report.setting.reading", lang, file=source.name), reading_text(source, lang))
            for source in content.result.survey.files
            if source.reading is not None
        ),
        (t("report.setting.ci", lang), ci_description(content)),
        (
            t("report.setting.names", lang),
            t("yes" if content.include_names else "no", lang),
        ),
    ]
    if content.ranking is not None:
        view = content.ranking
        ranking = view.ranking
        rows += [
            (
                t("report.setting.rubric", lang),
                f"{ranking.rubrik_id} {ranking.rubrik_versi} ({view.title()})",
            ),
            (t("report.setting.edition", lang), ranking.rubrik_edisi or "–"),
            (t("report.setting.method", lang), view.method_name()),
            (t("report.setting.aggregation", lang), view.aggregation_name()),
            (t("report.setting.tie_breakers", lang), view.breaker_names()),
        ]
        shrunk = shrink_text(ranking, lang)
        if shrunk:
            rows.append((t("report.setting.shrink", lang), shrunk))
        changed = change_text(ranking, lang)
        if changed:
            rows.append((t("report.setting.change", lang), changed))
    return rows


def fmt_target(target: float | None, lang: Lang = "id") -> str:
    """The % ber-PHBS target as a reader writes it (``–`` without one).

    >>> fmt_target(72.5), fmt_target(70.0, "en"), fmt_target(None)
    ('72,5 %', '70%', '–')
    """
    if target is None:
        return "–"
    digits = 0 if float(target).is_integer() else 1
    return fmt_percent(target, lang, digits)


def ci_description(content: ReportContent) -> str:
    """The interval method and level in words, e.g. ``Wilson, 95 %, ...``."""
    report = content.report
    with_totals = any(a.jumlah_rumah_tangga is not None for a in content.recap_villages)
    return t(
        "report.ci.setting",
        content.lang,
        method=ci_method_name(report.metode_ci.value, content.lang),
        level=confidence_level(report.tingkat_kepercayaan, content.lang),
        fpc=t("ci.fpc", content.lang) if with_totals else "",
    )


def dusun_label(dusun: str | None, lang: Lang = "id") -> str | None:
    """A dusun's name, the households without one in words.

    >>> dusun_label("Dusun I"), dusun_label(NO_DUSUN, "en")
    ('Dusun I', '(no sub-village)')
    """
    return t("report.no_dusun", lang) if dusun == NO_DUSUN else dusun


def confidence_level(confidence: float, lang: Lang = "id") -> str:
    """A confidence level as a percentage without trailing zeros: ``95``, ``99,9``.

    >>> confidence_level(0.95), confidence_level(0.999), confidence_level(0.999, "en")
    ('95', '99,9', '99.9')
    """
    return fmt_decimal(confidence * 100, lang, 1, trim=True)


def ci_method_name(method: str, lang: Lang = "id") -> str:
    """An interval method (``wilson``, ``clopper-pearson``, ``jeffreys``) by its name.

    >>> ci_method_name("wilson"), ci_method_name("wilson", "en")
    ('skor Wilson', 'Wilson score')
    """
    return t(f"ci.method.{method}", lang)


if not TYPE_CHECKING:  # names of version 0.1, handed on with a warning for a release
    from phbs._moved import handed_on

    __getattr__ = handed_on(__name__)
