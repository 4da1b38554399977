"""``write_report``: the workbook and the page from one scored survey (and a ranking).

The library function behind ``phbs report`` and ``phbs demo``'s reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from phbs.contest.assessment import Uncertainty
from phbs.contest.models import Ranking
from phbs.contest.rubric_loading import LoadedRubric
from phbs.errors import SettingsError
from phbs.i18n import Lang
from phbs.ingest.villages import VillageTotals
from phbs.issues import Issue
from phbs.reports.content import ReportContent, Stratum, build_content
from phbs.reports.excel.sheet import EXCEL_MAX_ROWS, ReportProgress
from phbs.reports.excel.workbook import write_workbook
from phbs.reports.html.page import write_html
from phbs.scoring.results import ScoreResult
from phbs.scoring.summary import AreaReport

if TYPE_CHECKING:
    from phbs.scoring.streaming import StreamedScore


def write_report(
    result: ScoreResult | StreamedScore,
    report: AreaReport,
    *,
    xlsx: str | Path | None = None,
    html: str | Path | None = None,
    lang: Lang = "id",
    title: str | None = None,
    ranking: Ranking | None = None,
    rubric: LoadedRubric | None = None,
    include_names: bool = False,
    villages: VillageTotals | None = None,
    issues: Sequence[Issue] | None = None,
    strata: Sequence[Stratum] | None = None,
    target: float | None = None,
    template_dir: str | Path | None = None,
    max_rows: int = EXCEL_MAX_ROWS,
    uncertainty: Uncertainty | None = None,
    progress: ReportProgress | None = None,
) -> ReportContent:
    """Write the Excel workbook (``xlsx``) and/or the self-contained HTML page (``html``).

    ``report`` is the area summary shown (``summarise(result, by=...)``); the indicator
    recap is always per village, and per dusun when the data has dusun. With ``ranking``
    (from :func:`phbs.rank_villages`) both reports add the contest ranking; ``rubric``
    names its criteria (found from the ranking's audit trail when omitted). ``villages``
    adds the villages file to the audit trail and its issues to the data issues;
    ``issues`` replaces the default list of issues. ``strata`` replaces the village strata
    (default I < 25, II 25–49, III 50–75, IV > 75 % ber-PHBS) and ``target`` is a % ber-PHBS
    target. ``include_names`` shows household heads' names in the workbook.
    ``template_dir`` holds templates that replace the bundled ones of the same name.
    ``uncertainty`` (:class:`~phbs.reports.uncertainty.Uncertainty`, e.g. from
    :func:`phbs.bootstrap_ranking` and :func:`phbs.weight_sensitivity`) adds the median
    rank, the 90 % rank interval, P(first), P(top 3), how often a village keeps its rank,
    the swapping pairs and the shrinkage prior to the ranking sections.
    Every village % ber-PHBS is shown with its confidence interval (the method and level of
    ``report``), and the HTML page draws the villages' funnel plot.
    ``progress``, if given, is called with a :class:`~phbs.reports.excel.sheet.WriteStep` as
    the workbook's long tables are written and when the page is started and written (the
    command line shows it on a terminal); without it nothing is reported.
    Returns what the reports show. Both files are written atomically.

    >>> import tempfile, phbs
    >>> from phbs.demo.data import sample_data
    >>> result = phbs.score(phbs.read_survey(sample_data().survey_files))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     content = write_report(
    ...         result, phbs.summarise(result), html=f"{folder}/laporan.html", lang="en"
    ...     )
    >>> content.headline.rumah_tangga_disurvei
    3011

    Raises :class:`~phbs.errors.SettingsError` when neither ``xlsx`` nor ``html`` is given.
    """
    if xlsx is None and html is None:
        raise SettingsError(
            "Sebutkan paling sedikit satu keluaran laporan: xlsx atau html",
            "Name at least one report output: xlsx or html",
        )
    content = build_content(
        result,
        report,
        lang=lang,
        title=title,
        villages=villages,
        issues=issues,
        strata=strata,
        target=target,
        include_names=include_names,
        ranking=ranking,
        rubric=rubric,
        uncertainty=uncertainty,
    )
    if xlsx is not None:
        write_workbook(content, xlsx, max_rows=max_rows, progress=progress)
    if html is not None:
        write_html(content, html, template_dir=template_dir, progress=progress)
    return content
