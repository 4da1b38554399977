"""A job's earlier round (``--baseline LABEL=FILE``, docs/aturan.md §5.8): read before the
survey, as ``phbs report --baseline`` reads it; compared with the survey for the report's
*Perubahan* section and for the page; and, with a rubric, the change each village's ranking
reads, as ``phbs rank --baseline`` gives it.

Pure Python: nothing of the web stack is imported here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from phbs.contest.change import baseline_change
from phbs.contest.improvement import Improvement, rank_improvement
from phbs.contest.measures import VillageMeasures, measures_from_report
from phbs.contest.models import InputRecord
from phbs.errors import SettingsError
from phbs.forms.loading import LoadedForm
from phbs.ingest.file_maps import FileMaps
from phbs.ingest.mapping import load_map
from phbs.ingest.settings import ReadSettings
from phbs.ingest.survey import IdScope
from phbs.ingest.villages import VillageTotals
from phbs.issues import Issue
from phbs.scoring.household import AreaLevel
from phbs.scoring.results import ScoreResult
from phbs.scoring.streaming import StreamedScore
from phbs.scoring.summary import AreaReport
from phbs.trends.baseline import EarlierRound, compare_with_baseline, earlier_round
from phbs.trends.models import Trends
from phbs.trends.reading import read_named_round, round_named
from phbs.trends.rounds import Round, round_from_score
from phbs.web.spec import JobSpec, na_policy


@dataclass(frozen=True)
class Earlier:
    """The earlier round as given and as read (with the issues of reading it)."""

    given: EarlierRound
    read: tuple[Round, list[Issue]]


def read_earlier(
    spec: JobSpec,
    form: str | Path | LoadedForm,
    reading: tuple[ReadSettings, FileMaps | None],
    villages: VillageTotals | None,
    progress: Callable[[int], None],
) -> Earlier | None:
    """The job's earlier round read with its form, reading settings, mapping (its own when
    given, as ``--map BERKAS=PETA.yaml`` for each of its files) and villages file (None
    without one); an error names it as ``--baseline LABEL``."""
    given = earlier_round(
        spec.baseline_label, list(spec.baseline), spec.label, spec.code_changes, spec.lang
    )
    if given is None:
        return None
    named = f"--baseline {given.label}"
    settings, maps = reading
    with round_named(given.label, (named, named)):
        if spec.baseline_mapping is not None:
            maps = FileMaps(load_map(spec.baseline_mapping, village=settings.village is not None))
        read = read_named_round(
            given.label,
            given.files,
            form,
            villages=villages,
            sheet=spec.sheet,
            id_scope=IdScope.DESA if spec.id_per_desa else IdScope.SURVEI,
            settings=settings,
            mapping=maps,
            progress=progress,
            na_policy=na_policy(spec),
        )
    return Earlier(given, read)


@dataclass(frozen=True)
class Change:
    """What the earlier round adds: the comparison the report and page show (its issues
    among them), and the ranking's survey measures with each village's change and the
    records of the earlier round's files for the audit trail."""

    trends: Trends
    measures: VillageMeasures | None = None
    records: list[InputRecord] = field(default_factory=list)
    #: Who improved most (``phbs compare``'s default bootstrap) or, by village but not
    #: comparable, why not (both languages).
    improvement: Improvement | None = None
    no_improvement: dict[str, str] = field(default_factory=dict)


def change_of(
    earlier: Earlier,
    result: ScoreResult | StreamedScore,
    by_village: AreaReport,
    level: str,
    ranked: bool,
    survey_files: tuple[Path, ...],
) -> Change:
    """The comparison at the report's ``level`` (``by_village``: the survey's summary by
    village) and, when ``ranked``, the village measures with their change."""
    given = earlier.given
    trends = compare_with_baseline(
        earlier.read, given.current, given.code_changes, result, by_village, level
    )
    improvement, why = most_improved(trends)
    if not ranked:
        return Change(trends, improvement=improvement, no_improvement=why)
    now = round_from_score(given.current, by_village, [str(f) for f in survey_files])
    measures, _issues, records = baseline_change(
        measures_from_report(by_village, "survei"),
        earlier.read,
        now,
        given.code_changes,
        given.files,
    )
    return Change(trends, measures, records, improvement, why)


#: ``phbs compare``'s default ``--bootstrap`` and ``--seed`` for who improved most.
IMPROVEMENT_REPLICATES, IMPROVEMENT_SEED = 1000, 42


def most_improved(trends: Trends) -> tuple[Improvement | None, dict[str, str]]:
    """Who improved most, as ``phbs compare`` ranks it by default (docs/aturan.md §5.8): by
    village only; when the rounds cannot be ranked so, why (in both languages)."""
    if trends.tingkat != AreaLevel.DESA.value:
        return None, {}
    try:
        found = rank_improvement(trends, replicates=IMPROVEMENT_REPLICATES, seed=IMPROVEMENT_SEED)
    except SettingsError as error:
        return None, {lang: error.message(lang) for lang in ("id", "en")}
    return found, {}
