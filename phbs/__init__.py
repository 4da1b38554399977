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
)
from phbs.forms import Form, LoadedForm, NaPolicy, bundled_forms, load_form
from phbs.funnel import FunnelData, FunnelPoint, funnel_plot
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

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_STRATA",
    "Aggregation",
    "Agreement",
    "AppliedOverride",
    "AreaLevel",
    "AreaReport",
    "AreaSummary",
    "BetaBinomialPrior",
    "CiMethod",
    "CriterionResult",
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
    "Uncertainty",
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
