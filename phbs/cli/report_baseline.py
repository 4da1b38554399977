"""``phbs report --baseline LABEL=FILE``: an earlier survey round to compare the report's
survey with (docs/aturan.md §5.8). The options are those of ``phbs rank``
(:func:`phbs.cli.baseline.baseline_options`).

The earlier round is read as the report's survey is read (the same form, reading options,
``--na-policy`` and villages file), or from the ``.json`` of an earlier ``phbs score -o``;
the report's own round is the village summary the command has already made, with its
households when it kept them. Both are compared at the report's level (by village when the
report is by dusun).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from phbs.cli.baseline import Baseline, baseline_files
from phbs.errors import SettingsError
from phbs.i18n import Lang, t

if TYPE_CHECKING:
    from phbs.cli.reading import SurveyReading
    from phbs.ingest.villages import VillageTotals
    from phbs.issues import Issue
    from phbs.scoring.results import ScoreResult
    from phbs.scoring.streaming import StreamedScore
    from phbs.scoring.summary import AreaReport
    from phbs.trends.models import Trends
    from phbs.trends.rounds import Round


@dataclass(frozen=True)
class EarlierRound:
    """The earlier round as given: its label and files, the label of the report's round and
    the code-change file."""

    label: str
    files: tuple[Path, ...]
    current: str
    code_changes: Path | None


def earlier_round(baseline: Baseline, lang: Lang) -> EarlierRound | None:
    """The ``--baseline`` values as one round (None without any); refused when they name
    more than one label or a file that is not there, when ``--label`` is the same label, or
    ``--label`` / ``--code-changes`` without ``--baseline``."""
    from phbs.trends.rounds import check_label

    if not baseline.rounds:
        if baseline.label is not None or baseline.code_changes is not None:
            raise SettingsError(
                t("report.trends.needs_baseline", "id"), t("report.trends.needs_baseline", "en")
            )
        return None
    label, files = baseline_files(baseline.rounds)
    for path in files:
        if not path.is_file():
            raise SettingsError(
                t("report.trends.no_file", "id", label=label, path=path),
                t("report.trends.no_file", "en", label=label, path=path),
            )
    now = check_label(baseline.label) if baseline.label else t("round.current", lang)
    if now == label:
        raise SettingsError(
            t("report.trends.same_label", "id", label=now),
            t("report.trends.same_label", "en", label=now),
        )
    return EarlierRound(label, tuple(files), now, baseline.code_changes)


def read_baseline(
    earlier: EarlierRound,
    how: SurveyReading,
    villages: VillageTotals | None,
    na_policy: str | None,
    *,
    quiet: bool = True,
    lang: Lang = "id",
) -> tuple[Round, list[Issue]]:
    """The earlier round, read as the report's survey is read, with its reading issues."""
    from phbs.cli.rounds import read_one_round

    named = f"--baseline {earlier.label}"
    return read_one_round(
        earlier.label,
        earlier.files,
        how,
        villages=villages,
        na_policy=na_policy,
        named=(named, named),
        quiet=quiet,
        lang=lang,
    )


def compare_with_baseline(
    earlier: EarlierRound,
    read: tuple[Round, list[Issue]],
    result: ScoreResult | StreamedScore,
    by_village: AreaReport,
    level: str,
) -> Trends:
    """The comparison of the earlier round (``read``: as read, with its issues) with the
    report's survey (``by_village``: its summary by village), at the report's level (by
    village for a report by dusun); the issues of reading the earlier round come first among
    its issues."""
    from phbs.ingest.code_changes import read_code_changes
    from phbs.scoring.household import AreaLevel
    from phbs.scoring.streaming import StreamedScore
    from phbs.trends.compare import compare_rounds
    from phbs.trends.households import batch_outcomes, household_outcomes
    from phbs.trends.rounds import round_from_score

    households = None
    if result.survey.recap_villages is None:
        if isinstance(result, StreamedScore):
            households = batch_outcomes(result.spool.batches()) if result.spool else None
        else:
            households = household_outcomes(result.households())
    current = round_from_score(
        earlier.current,
        by_village,
        [str(f.path) for f in result.survey.files],
        households,
    )
    changes = read_code_changes(earlier.code_changes) if earlier.code_changes else None
    by = AreaLevel.DESA if level == AreaLevel.DUSUN.value else AreaLevel(level)
    trends = compare_rounds(
        [read[0], current],
        by=by,
        code_changes=changes,
        confidence=by_village.tingkat_kepercayaan,
    )
    return trends.model_copy(update={"masalah": [*read[1], *trends.masalah]})
