"""The data issues a village (or area) summary counts: what ``phbs score`` prints and writes
into its JSON, and what the local page (``phbs web``) lists beside the same table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from phbs.ingest.villages import VillageTotals
from phbs.issues import Issue
from phbs.scoring.funnel import village_funnel
from phbs.scoring.plausibility import plausibility_issues
from phbs.scoring.results import ScoreResult
from phbs.scoring.summary import AreaReport

if TYPE_CHECKING:
    from phbs.scoring.streaming import StreamedScore


def summary_issues(
    result: ScoreResult | StreamedScore,
    report: AreaReport,
    villages: VillageTotals | None = None,
) -> list[Issue]:
    """The survey's issues, then the villages file's, the summary's (docs/aturan.md §8.1),
    the implausible results' (§8.4) and the villages outside the funnel's limits (§5.7).

    >>> import phbs
    >>> from phbs.demo.data import sample_data
    >>> result = phbs.score(phbs.read_survey(sample_data().survey_files))
    >>> issues = summary_issues(result, phbs.summarise(result))
    >>> issues[: len(result.survey.issues)] == result.survey.issues
    True
    """
    return [
        *result.survey.issues,
        *(villages.issues if villages else []),
        *report.masalah,
        *plausibility_issues(result),
        *village_funnel(result, report).issues(),
    ]
