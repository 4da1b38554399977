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

from typing import TYPE_CHECKING

from phbs.cli.baseline import Baseline, baseline_files
from phbs.i18n import Lang

if TYPE_CHECKING:
    from phbs.cli.reading import SurveyReading
    from phbs.ingest.villages import VillageTotals
    from phbs.issues import Issue
    from phbs.trends.baseline import EarlierRound
    from phbs.trends.rounds import Round


def earlier_round(baseline: Baseline, lang: Lang) -> EarlierRound | None:
    """The ``--baseline`` values as one round (None without any); refused when they name
    more than one label or a file that is not there, when ``--label`` is the same label, or
    ``--label`` / ``--code-changes`` without ``--baseline``."""
    from phbs.trends import baseline as rounds

    if not baseline.rounds:
        return rounds.earlier_round(None, [], baseline.label, baseline.code_changes, lang)
    label, files = baseline_files(baseline.rounds)
    return rounds.earlier_round(label, files, baseline.label, baseline.code_changes, lang)


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
