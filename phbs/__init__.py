"""phbs: household PHBS survey scoring for Indonesian health offices.

Read survey files, validate them, score households and summarise villages and areas::

    import phbs

    survey = phbs.read_survey(["survei.csv"], form="kemenkes-rt-10")
    result = phbs.score(survey)
    report = phbs.summarise(result, by="desa")
    for area in report.wilayah:
        print(area.kode, area.nama, area.persen_ber_phbs)

Compare two survey rounds village by village (docs/aturan.md §5.8)::

    before, _ = phbs.read_round("2024", ["survei-2024.csv"])
    after, _ = phbs.read_round("2025", ["survei-2025.csv"])
    trends = phbs.compare_rounds([before, after])
    for area in trends.wilayah:
        change = area.persen_ber_phbs.perubahan[0]
        print(area.nama, change.perubahan, change.bawah, change.atas, change.putusan)

Rank contest villages with a rubric and the judges' scores (docs/aturan.md §7)::

    rubric = phbs.load_rubric("lomba-desa-ber-phbs")
    ranking = phbs.rank_villages(
        rubric,
        survey=report,
        judges=phbs.read_judges("juri.csv", rubric.rubric),
        attributes=phbs.read_attributes("atribut.csv", rubric.rubric),
    )
    for village in ranking.desa:
        print(village.peringkat, village.nama_desa, village.total, village.predikat)
"""

import importlib
from typing import TYPE_CHECKING, Any

from phbs import _moved
from phbs.version import __version__

_moved.install()

if TYPE_CHECKING:
    from phbs.contest.assessment import Uncertainty
    from phbs.contest.bootstrap import bootstrap_ranking
    from phbs.contest.inputs import (
        Override,
        OverrideAction,
        Overrides,
        VillageAttributes,
        read_attributes,
        read_overrides,
    )
    from phbs.contest.judges import JudgeScore, JudgeScores, read_judges
    from phbs.contest.measures import VillageMeasures, measures_from_report, read_village_summary
    from phbs.contest.models import (
        Agreement,
        AppliedOverride,
        CriterionResult,
        Ranking,
        VillageResult,
        VillageStatus,
    )
    from phbs.contest.ranking import rank_villages
    from phbs.contest.rubric import Aggregation, Method, Rubric
    from phbs.contest.rubric_loading import LoadedRubric, bundled_rubrics, load_rubric
    from phbs.contest.uncertainty import (
        RankBootstrap,
        RankSwap,
        VillageRankStability,
        VillageWeightStability,
        WeightSensitivity,
        shrink_measures,
        weight_sensitivity,
    )
    from phbs.contest.weights import PairwiseWeights, read_pairwise
    from phbs.demo.data import SampleData, sample_data
    from phbs.errors import (
        FormError,
        InputFileError,
        OutputError,
        PhbsError,
        RubricError,
        SettingsError,
        SurveyError,
        UnusableFileError,
    )
    from phbs.forms.loading import LoadedForm, bundled_forms, load_form
    from phbs.forms.model import Form, NaPolicy
    from phbs.ingest.code_changes import CodeChanges, read_code_changes
    from phbs.ingest.settings import AnswerScheme, BlankMeaning, ReadSettings
    from phbs.ingest.survey import FileReading, HouseholdBatch
    from phbs.ingest.validate import IdScope, SetAsideRow, SourceFile, Survey, read_survey
    from phbs.ingest.villages import VillageTotals, read_villages
    from phbs.issues import Issue, Severity
    from phbs.outputs import CsvFormat
    from phbs.reports.content import ReportOptions
    from phbs.reports.households import HouseholdsCsv, households_csv
    from phbs.reports.minutes import Minutes, build_minutes
    from phbs.reports.panel import MinutesDetails
    from phbs.reports.report import write_report
    from phbs.reports.strata import DEFAULT_STRATA, Stratum
    from phbs.scoring.funnel import FunnelData, FunnelPoint, funnel_plot
    from phbs.scoring.household import AreaLevel, Status
    from phbs.scoring.plausibility import plausibility_issues
    from phbs.scoring.results import HouseholdResult, ScoreResult, score
    from phbs.scoring.streaming import StreamedScore, score_files
    from phbs.scoring.summary import AreaReport, AreaSummary, IndicatorCoverage, summarise
    from phbs.scoring.totals import AreaTotals, TotalsBuilder
    from phbs.stats import BetaBinomialPrior, CiMethod, proportion_interval
    from phbs.trends.compare import compare_rounds
    from phbs.trends.models import AreaTrend, Trends, Verdict
    from phbs.trends.reading import read_round
    from phbs.trends.rounds import Round

# Where each public name lives. A name is imported when it is first used, so that
# `phbs score` does not load the contest and report code (tests/test_code_quality.py
# checks this table against the imports above).
_EXPORTS = {
    "SampleData": "phbs.demo.data",
    "sample_data": "phbs.demo.data",
    "HouseholdBatch": "phbs.ingest.survey",
    "HouseholdsCsv": "phbs.reports.households",
    "households_csv": "phbs.reports.households",
    "AreaTotals": "phbs.scoring.totals",
    "TotalsBuilder": "phbs.scoring.totals",
    "Override": "phbs.contest.inputs",
    "OverrideAction": "phbs.contest.inputs",
    "Overrides": "phbs.contest.inputs",
    "VillageAttributes": "phbs.contest.inputs",
    "read_attributes": "phbs.contest.inputs",
    "read_overrides": "phbs.contest.inputs",
    "FormError": "phbs.errors",
    "InputFileError": "phbs.errors",
    "OutputError": "phbs.errors",
    "PhbsError": "phbs.errors",
    "RubricError": "phbs.errors",
    "SettingsError": "phbs.errors",
    "SurveyError": "phbs.errors",
    "UnusableFileError": "phbs.errors",
    "AnswerScheme": "phbs.ingest.settings",
    "BlankMeaning": "phbs.ingest.settings",
    "ReadSettings": "phbs.ingest.settings",
    "FileReading": "phbs.ingest.survey",
    "Form": "phbs.forms.model",
    "LoadedForm": "phbs.forms.loading",
    "NaPolicy": "phbs.forms.model",
    "bundled_forms": "phbs.forms.loading",
    "load_form": "phbs.forms.loading",
    "FunnelData": "phbs.scoring.funnel",
    "FunnelPoint": "phbs.scoring.funnel",
    "funnel_plot": "phbs.scoring.funnel",
    "IdScope": "phbs.ingest.validate",
    "SetAsideRow": "phbs.ingest.validate",
    "SourceFile": "phbs.ingest.validate",
    "Survey": "phbs.ingest.validate",
    "read_survey": "phbs.ingest.validate",
    "VillageTotals": "phbs.ingest.villages",
    "read_villages": "phbs.ingest.villages",
    "Issue": "phbs.issues",
    "Severity": "phbs.issues",
    "CsvFormat": "phbs.outputs",
    "JudgeScore": "phbs.contest.judges",
    "JudgeScores": "phbs.contest.judges",
    "read_judges": "phbs.contest.judges",
    "VillageMeasures": "phbs.contest.measures",
    "measures_from_report": "phbs.contest.measures",
    "read_village_summary": "phbs.contest.measures",
    "plausibility_issues": "phbs.scoring.plausibility",
    "RankBootstrap": "phbs.contest.uncertainty",
    "RankSwap": "phbs.contest.uncertainty",
    "VillageRankStability": "phbs.contest.uncertainty",
    "VillageWeightStability": "phbs.contest.uncertainty",
    "WeightSensitivity": "phbs.contest.uncertainty",
    "bootstrap_ranking": "phbs.contest.bootstrap",
    "shrink_measures": "phbs.contest.uncertainty",
    "weight_sensitivity": "phbs.contest.uncertainty",
    "rank_villages": "phbs.contest.ranking",
    "Agreement": "phbs.contest.models",
    "AppliedOverride": "phbs.contest.models",
    "CriterionResult": "phbs.contest.models",
    "Ranking": "phbs.contest.models",
    "VillageResult": "phbs.contest.models",
    "VillageStatus": "phbs.contest.models",
    "DEFAULT_STRATA": "phbs.reports.strata",
    "Stratum": "phbs.reports.strata",
    "ReportOptions": "phbs.reports.content",
    "MinutesDetails": "phbs.reports.panel",
    "Minutes": "phbs.reports.minutes",
    "build_minutes": "phbs.reports.minutes",
    "write_report": "phbs.reports.report",
    "Uncertainty": "phbs.contest.assessment",
    "AreaReport": "phbs.scoring.summary",
    "AreaSummary": "phbs.scoring.summary",
    "HouseholdResult": "phbs.scoring.results",
    "IndicatorCoverage": "phbs.scoring.summary",
    "ScoreResult": "phbs.scoring.results",
    "score": "phbs.scoring.results",
    "summarise": "phbs.scoring.summary",
    "compare_rounds": "phbs.trends.compare",
    "CodeChanges": "phbs.ingest.code_changes",
    "read_code_changes": "phbs.ingest.code_changes",
    "AreaTrend": "phbs.trends.models",
    "Trends": "phbs.trends.models",
    "Verdict": "phbs.trends.models",
    "read_round": "phbs.trends.reading",
    "Round": "phbs.trends.rounds",
    "Aggregation": "phbs.contest.rubric",
    "LoadedRubric": "phbs.contest.rubric_loading",
    "Method": "phbs.contest.rubric",
    "Rubric": "phbs.contest.rubric",
    "bundled_rubrics": "phbs.contest.rubric_loading",
    "load_rubric": "phbs.contest.rubric_loading",
    "PairwiseWeights": "phbs.contest.weights",
    "read_pairwise": "phbs.contest.weights",
    "AreaLevel": "phbs.scoring.household",
    "Status": "phbs.scoring.household",
    "BetaBinomialPrior": "phbs.stats",
    "CiMethod": "phbs.stats",
    "proportion_interval": "phbs.stats",
    "StreamedScore": "phbs.scoring.streaming",
    "score_files": "phbs.scoring.streaming",
}


__all__ = [
    "DEFAULT_STRATA",
    "Aggregation",
    "Agreement",
    "AnswerScheme",
    "AppliedOverride",
    "AreaLevel",
    "AreaReport",
    "AreaSummary",
    "AreaTotals",
    "AreaTrend",
    "BetaBinomialPrior",
    "BlankMeaning",
    "CiMethod",
    "CodeChanges",
    "CriterionResult",
    "CsvFormat",
    "FileReading",
    "Form",
    "FormError",
    "FunnelData",
    "FunnelPoint",
    "HouseholdBatch",
    "HouseholdResult",
    "HouseholdsCsv",
    "IdScope",
    "IndicatorCoverage",
    "InputFileError",
    "Issue",
    "JudgeScore",
    "JudgeScores",
    "LoadedForm",
    "LoadedRubric",
    "Method",
    "Minutes",
    "MinutesDetails",
    "NaPolicy",
    "OutputError",
    "Override",
    "OverrideAction",
    "Overrides",
    "PairwiseWeights",
    "PhbsError",
    "RankBootstrap",
    "RankSwap",
    "Ranking",
    "ReadSettings",
    "ReportOptions",
    "Round",
    "Rubric",
    "RubricError",
    "SampleData",
    "ScoreResult",
    "SetAsideRow",
    "SettingsError",
    "Severity",
    "SourceFile",
    "Status",
    "Stratum",
    "StreamedScore",
    "Survey",
    "SurveyError",
    "TotalsBuilder",
    "Trends",
    "Uncertainty",
    "UnusableFileError",
    "Verdict",
    "VillageAttributes",
    "VillageMeasures",
    "VillageRankStability",
    "VillageResult",
    "VillageStatus",
    "VillageTotals",
    "VillageWeightStability",
    "WeightSensitivity",
    "__version__",
    "bootstrap_ranking",
    "build_minutes",
    "bundled_forms",
    "bundled_rubrics",
    "compare_rounds",
    "funnel_plot",
    "households_csv",
    "load_form",
    "load_rubric",
    "measures_from_report",
    "plausibility_issues",
    "proportion_interval",
    "rank_villages",
    "read_attributes",
    "read_code_changes",
    "read_judges",
    "read_overrides",
    "read_pairwise",
    "read_round",
    "read_survey",
    "read_village_summary",
    "read_villages",
    "sample_data",
    "score",
    "score_files",
    "shrink_measures",
    "summarise",
    "weight_sensitivity",
    "write_report",
]


if not TYPE_CHECKING:  # type checkers read the imports above instead

    def __getattr__(name: str) -> Any:
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module 'phbs' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
