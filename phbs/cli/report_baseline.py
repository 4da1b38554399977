"""``phbs report --baseline LABEL=FILE``: an earlier survey round to compare the report's
survey with (docs/aturan.md §5.8).

The earlier round is read as the report's survey is read (the same form, reading options and
villages file), or from the ``.json`` of an earlier ``phbs score -o``; the report's own round
is the village summary the command has already made, with its households when it kept them.
Both are compared at the report's level (by village when the report is by dusun).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from phbs.cli.translated import option
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

F = TypeVar("F", bound=Callable[..., Any])


def baseline_options(function: F) -> F:
    """``--baseline LABEL=FILE`` (repeatable), ``--label LABEL`` and ``--code-changes FILE``."""
    decorators = [
        option(
            "--baseline",
            "baseline",
            multiple=True,
            metavar="LABEL=BERKAS",
            help="report.baseline",
        ),
        option("--label", "round_label", default=None, metavar="LABEL", help="report.label"),
        option(
            "--code-changes",
            type=click.Path(path_type=Path),
            default=None,
            metavar="BERKAS",
            help="report.code_changes",
        ),
    ]
    for decorate in reversed(decorators):
        function = decorate(function)
    return function


@dataclass(frozen=True)
class Baseline:
    """The earlier round as given: its label and files, the label of the report's round and
    the code-change file."""

    label: str
    files: tuple[Path, ...]
    current: str
    code_changes: Path | None

    @property
    def inputs(self) -> list[Path]:
        """Every file the comparison reads."""
        return [*self.files, *([self.code_changes] if self.code_changes else [])]


def parse_baseline(
    given: Sequence[str], current: str | None, code_changes: Path | None, lang: Lang
) -> Baseline | None:
    """The ``--baseline`` values as one round (None without any); refused when a value is not
    ``LABEL=FILE``, when they name more than one label, or when ``--label`` is the same."""
    from phbs.cli.rounds import labelled
    from phbs.trends.rounds import check_label

    if not given:
        if current is not None or code_changes is not None:
            raise click.UsageError(t("report.trends.needs_baseline", lang))
        return None
    labels = {k: [Path(f) for f in v] for k, v in labelled(given, "--baseline").items()}
    if len(labels) > 1:
        names = ", ".join(labels)
        raise SettingsError(
            t("report.trends.one_baseline", "id", labels=names),
            t("report.trends.one_baseline", "en", labels=names),
        )
    ((label, files),) = labels.items()
    for path in files:
        if not path.is_file():
            raise SettingsError(
                t("report.trends.no_file", "id", label=label, path=path),
                t("report.trends.no_file", "en", label=label, path=path),
            )
    now = check_label(current) if current else t("report.trends.default_label", lang)
    if now == label:
        raise SettingsError(
            t("report.trends.same_label", "id", label=now),
            t("report.trends.same_label", "en", label=now),
        )
    return Baseline(label, tuple(files), now, code_changes)


def read_baseline(
    baseline: Baseline,
    how: SurveyReading,
    villages: VillageTotals | None,
    *,
    quiet: bool = True,
    lang: Lang = "id",
) -> tuple[Round, list[Issue]]:
    """The earlier round, read as the report's survey is read, with its reading issues."""
    from phbs.cli.rounds import read_rounds

    files = [str(f) for f in baseline.files]
    (earlier,), issues = read_rounds(
        {baseline.label: files}, how, {baseline.label: villages}, quiet=quiet, lang=lang
    )
    return earlier, issues


def compare_with_baseline(
    baseline: Baseline,
    earlier: tuple[Round, list[Issue]],
    result: ScoreResult | StreamedScore,
    by_village: AreaReport,
    level: str,
) -> Trends:
    """The comparison of the earlier round with the report's survey (``by_village``: its
    summary by village), at the report's level (by village for a report by dusun); the
    issues of reading the earlier round come first among its issues."""
    from phbs.ingest.code_changes import read_code_changes
    from phbs.scoring.household import AreaLevel
    from phbs.scoring.streaming import StreamedScore
    from phbs.trends.compare import compare_rounds
    from phbs.trends.rounds import batch_outcomes, household_outcomes, round_from_score

    households = None
    if result.survey.recap_villages is None:
        if isinstance(result, StreamedScore):
            households = batch_outcomes(result.spool.batches()) if result.spool else None
        else:
            households = household_outcomes(result.households())
    current = round_from_score(
        baseline.current,
        by_village,
        [str(f.path) for f in result.survey.files],
        households,
    )
    changes = read_code_changes(baseline.code_changes) if baseline.code_changes else None
    by = AreaLevel.DESA if level == AreaLevel.DUSUN.value else AreaLevel(level)
    trends = compare_rounds(
        [earlier[0], current],
        by=by,
        code_changes=changes,
        confidence=by_village.tingkat_kepercayaan,
    )
    return trends.model_copy(update={"masalah": [*earlier[1], *trends.masalah]})
