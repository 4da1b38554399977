"""An earlier round beside the survey a report scores (``--baseline LABEL=FILE``,
docs/aturan.md §5.8): the comparison the report shows.

The earlier round is read as the survey is read (:func:`phbs.trends.reading.read_round`);
the survey's own round is its village summary, with its households when they were kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from phbs.errors import SettingsError
from phbs.i18n import Lang, t
from phbs.ingest.code_changes import read_code_changes
from phbs.issues import Issue
from phbs.scoring.household import AreaLevel
from phbs.scoring.results import ScoreResult
from phbs.scoring.streaming import StreamedScore
from phbs.scoring.summary import AreaReport
from phbs.trends.compare import compare_rounds
from phbs.trends.households import batch_outcomes, household_outcomes
from phbs.trends.models import Trends
from phbs.trends.rounds import Round, check_label, round_from_score


@dataclass(frozen=True)
class EarlierRound:
    """The earlier round as given: its label and files, the label of the survey's own round
    and the code-change file."""

    label: str
    files: tuple[Path, ...]
    current: str
    code_changes: Path | None


def earlier_round(
    label: str | None,
    files: Sequence[Path],
    current: str | None,
    code_changes: Path | None,
    lang: Lang,
) -> EarlierRound | None:
    """The earlier round given by its ``label`` and ``files`` (None without either); refused
    when it names a file that is not there, when the survey's own label ``current`` (default
    *terkini*) is the same, or ``current`` / ``code_changes`` without an earlier round."""
    if label is None and not files:
        if current is not None or code_changes is not None:
            raise SettingsError(
                t("report.trends.needs_baseline", "id"), t("report.trends.needs_baseline", "en")
            )
        return None
    if not label:
        raise SettingsError(t("report.trends.no_label", "id"), t("report.trends.no_label", "en"))
    label = check_label(label)
    if not files:
        raise SettingsError(
            t("report.trends.no_files", "id", label=label),
            t("report.trends.no_files", "en", label=label),
        )
    for path in files:
        if not path.is_file():
            raise SettingsError(
                t("report.trends.no_file", "id", label=label, path=path),
                t("report.trends.no_file", "en", label=label, path=path),
            )
    now = check_label(current) if current else t("round.current", lang)
    if now == label:
        raise SettingsError(
            t("report.trends.same_label", "id", label=now),
            t("report.trends.same_label", "en", label=now),
        )
    return EarlierRound(label, tuple(files), now, code_changes)


def compare_with_baseline(
    earlier: tuple[Round, list[Issue]],
    current: str,
    code_changes: Path | None,
    result: ScoreResult | StreamedScore,
    by_village: AreaReport,
    level: str,
) -> Trends:
    """The comparison of the earlier round (as read, with its issues) with the survey
    labelled ``current`` (``by_village``: its summary by village; its households pair with
    the earlier round's), at the report's ``level`` (by village for a report by dusun),
    villages joined by the ``code_changes`` file when given; the issues of reading the
    earlier round come first among its issues (``phbs report --baseline``)."""
    households = None
    if result.survey.recap_villages is None:
        if isinstance(result, StreamedScore):
            households = batch_outcomes(result.spool.batches()) if result.spool else None
        else:
            households = household_outcomes(result.households())
    now = round_from_score(
        current,
        by_village,
        [str(f.path) for f in result.survey.files],
        households,
    )
    changes = read_code_changes(code_changes) if code_changes else None
    by = AreaLevel.DESA if level == AreaLevel.DUSUN.value else AreaLevel(level)
    trends = compare_rounds(
        [earlier[0], now],
        by=by,
        code_changes=changes,
        confidence=by_village.tingkat_kepercayaan,
    )
    return trends.model_copy(update={"masalah": [*earlier[1], *trends.masalah]})
