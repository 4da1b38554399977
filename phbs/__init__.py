"""phbs: household PHBS survey scoring for Indonesian health offices.

Read survey files, validate them, score households and summarise villages and areas::

    import phbs

    survey = phbs.read_survey(["survei.csv"], form="kemenkes-rt-10")
    result = phbs.score(survey)
    report = phbs.summarise(result, by="desa")
    for area in report.areas:
        print(area.kode, area.nama, area.persen_ber_phbs)

Rank contest villages with a rubric and the judges' scores (DOMAIN.md §3)::

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

if TYPE_CHECKING:
    from phbs.contest_files import (
        Override,
        OverrideAction,
        Overrides,
        VillageAttributes,
        read_attributes,
        read_overrides,
    )
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
    from phbs.forms import Form, LoadedForm, NaPolicy, bundled_forms, load_form
    from phbs.funnel import FunnelData, FunnelPoint, funnel_plot
    from phbs.ingest.settings import AnswerScheme, BlankMeaning, ReadSettings
    from phbs.ingest.survey import FileReading
    from phbs.ingest.validate import IdScope, SetAsideRow, SourceFile, Survey, read_survey
    from phbs.ingest.villages import VillageTotals, read_villages
    from phbs.issues import Issue, Severity
    from phbs.judges import JudgeScore, JudgeScores, read_judges
    from phbs.measures import VillageMeasures, measures_from_report, read_village_summary
    from phbs.plausibility import plausibility_issues
    from phbs.rank_uncertainty import (
        RankBootstrap,
        RankSwap,
        VillageRankStability,
        VillageWeightStability,
        WeightSensitivity,
        bootstrap_ranking,
        shrink_measures,
        weight_sensitivity,
    )
    from phbs.ranking import rank_villages
    from phbs.ranking_models import (
        Agreement,
        AppliedOverride,
        CriterionResult,
        Ranking,
        VillageResult,
        VillageStatus,
    )
    from phbs.reports.content import DEFAULT_STRATA, Stratum
    from phbs.reports.report import write_report
    from phbs.reports.uncertainty import Uncertainty
    from phbs.results import (
        AreaReport,
        AreaSummary,
        HouseholdResult,
        IndicatorCoverage,
        ScoreResult,
        score,
        summarise,
    )
    from phbs.rubric import Aggregation, LoadedRubric, Method, Rubric, bundled_rubrics, load_rubric
    from phbs.rubric_weights import PairwiseWeights, read_pairwise
    from phbs.scoring import AreaLevel, Status
    from phbs.stats import BetaBinomialPrior, CiMethod, proportion_interval
    from phbs.streaming import StreamedScore, score_files

# Where each public name lives. A name is imported when it is first used, so that
# `phbs score` does not load the contest and report code (tests/test_code_quality.py
# checks this table against the imports above).
_EXPORTS = {
    "Override": "phbs.contest_files",
    "OverrideAction": "phbs.contest_files",
    "Overrides": "phbs.contest_files",
    "VillageAttributes": "phbs.contest_files",
    "read_attributes": "phbs.contest_files",
    "read_overrides": "phbs.contest_files",
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
    "Form": "phbs.forms",
    "LoadedForm": "phbs.forms",
    "NaPolicy": "phbs.forms",
    "bundled_forms": "phbs.forms",
    "load_form": "phbs.forms",
    "FunnelData": "phbs.funnel",
    "FunnelPoint": "phbs.funnel",
    "funnel_plot": "phbs.funnel",
    "IdScope": "phbs.ingest.validate",
    "SetAsideRow": "phbs.ingest.validate",
    "SourceFile": "phbs.ingest.validate",
    "Survey": "phbs.ingest.validate",
    "read_survey": "phbs.ingest.validate",
    "VillageTotals": "phbs.ingest.villages",
    "read_villages": "phbs.ingest.villages",
    "Issue": "phbs.issues",
    "Severity": "phbs.issues",
    "JudgeScore": "phbs.judges",
    "JudgeScores": "phbs.judges",
    "read_judges": "phbs.judges",
    "VillageMeasures": "phbs.measures",
    "measures_from_report": "phbs.measures",
    "read_village_summary": "phbs.measures",
    "plausibility_issues": "phbs.plausibility",
    "RankBootstrap": "phbs.rank_uncertainty",
    "RankSwap": "phbs.rank_uncertainty",
    "VillageRankStability": "phbs.rank_uncertainty",
    "VillageWeightStability": "phbs.rank_uncertainty",
    "WeightSensitivity": "phbs.rank_uncertainty",
    "bootstrap_ranking": "phbs.rank_uncertainty",
    "shrink_measures": "phbs.rank_uncertainty",
    "weight_sensitivity": "phbs.rank_uncertainty",
    "rank_villages": "phbs.ranking",
    "Agreement": "phbs.ranking_models",
    "AppliedOverride": "phbs.ranking_models",
    "CriterionResult": "phbs.ranking_models",
    "Ranking": "phbs.ranking_models",
    "VillageResult": "phbs.ranking_models",
    "VillageStatus": "phbs.ranking_models",
    "DEFAULT_STRATA": "phbs.reports.content",
    "Stratum": "phbs.reports.content",
    "write_report": "phbs.reports.report",
    "Uncertainty": "phbs.reports.uncertainty",
    "AreaReport": "phbs.results",
    "AreaSummary": "phbs.results",
    "HouseholdResult": "phbs.results",
    "IndicatorCoverage": "phbs.results",
    "ScoreResult": "phbs.results",
    "score": "phbs.results",
    "summarise": "phbs.results",
    "Aggregation": "phbs.rubric",
    "LoadedRubric": "phbs.rubric",
    "Method": "phbs.rubric",
    "Rubric": "phbs.rubric",
    "bundled_rubrics": "phbs.rubric",
    "load_rubric": "phbs.rubric",
    "PairwiseWeights": "phbs.rubric_weights",
    "read_pairwise": "phbs.rubric_weights",
    "AreaLevel": "phbs.scoring",
    "Status": "phbs.scoring",
    "BetaBinomialPrior": "phbs.stats",
    "CiMethod": "phbs.stats",
    "proportion_interval": "phbs.stats",
    "StreamedScore": "phbs.streaming",
    "score_files": "phbs.streaming",
}

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_STRATA",
    "Aggregation",
    "Agreement",
    "AnswerScheme",
    "AppliedOverride",
    "AreaLevel",
    "AreaReport",
    "AreaSummary",
    "BetaBinomialPrior",
    "BlankMeaning",
    "CiMethod",
    "CriterionResult",
    "FileReading",
    "Form",
    "FormError",
    "FunnelData",
    "FunnelPoint",
    "HouseholdResult",
    "IdScope",
    "IndicatorCoverage",
    "InputFileError",
    "Issue",
    "JudgeScore",
    "JudgeScores",
    "LoadedForm",
    "LoadedRubric",
    "Method",
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
    "Rubric",
    "RubricError",
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
    "Uncertainty",
    "UnusableFileError",
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
    "bundled_forms",
    "bundled_rubrics",
    "funnel_plot",
    "load_form",
    "load_rubric",
    "measures_from_report",
    "plausibility_issues",
    "proportion_interval",
    "rank_villages",
    "read_attributes",
    "read_judges",
    "read_overrides",
    "read_pairwise",
    "read_survey",
    "read_village_summary",
    "read_villages",
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
