"""The files of one job, in the order they are written: the small ones first, the households
CSV and the report workbook (its households sheets take most of the time) last.

Each writer is the command line's library call (``phbs score -o``, ``--households``,
``--rejects``; ``phbs validate -o``; ``phbs rank -o``; ``phbs report --minutes``, ``--html``,
``--xlsx``) and writes its file atomically. Pure Python: nothing of the web stack here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from phbs.contest.assessment import Uncertainty
from phbs.contest.models import Ranking
from phbs.i18n import Lang
from phbs.ingest.villages import VillageTotals
from phbs.outputs import CsvFormat
from phbs.reports.content import ReportContent
from phbs.reports.dusun import dusun_recap
from phbs.reports.excel.workbook import write_workbook
from phbs.reports.households import write_households_csv, write_rejects_csv
from phbs.reports.html.page import write_html, write_minutes_html
from phbs.reports.ranking import write_ranking_csv
from phbs.reports.tables import write_areas_csv, write_areas_json, write_issues
from phbs.reports.text import file_readings
from phbs.reports.trends_tables import write_trends_csv
from phbs.scoring.results import ScoreResult
from phbs.scoring.streaming import StreamedScore
from phbs.scoring.summary import AreaReport
from phbs.scoring.summary_issues import summary_issues
from phbs.trends.models import Trends

#: One output: its fixed file name and the call that writes it to a path.
Step = tuple[str, Callable[[Path], None]]


@dataclass(frozen=True)
class Outputs:
    """What the job's files are written from: the scored survey, its summary, what the
    report shows (``content``), the ranking and villages file (when given), the uploaded
    files the ranking CSV names, and the choices of the job."""

    result: ScoreResult | StreamedScore
    report: AreaReport
    content: ReportContent
    ranking: Ranking | None
    villages: VillageTotals | None
    lang: Lang
    survey_files: tuple[Path, ...]
    inputs: list[Path]
    include_names: bool
    csv_format: CsvFormat
    households_sheet_rows: int | None = None
    #: How sure the ranking is (asked for): its columns follow the ranking CSV's, as
    #: ``phbs rank --bootstrap … -o``.
    uncertainty: Uncertainty | None = None
    #: The comparison with the earlier round: ``phbs compare -o perubahan.csv``'s columns.
    trends: Trends | None = None


def output_steps(outputs: Outputs, stop: Callable[[], None]) -> list[Step]:
    """The job's files in the order they are written: the summaries, the issues workbook,
    the rejects, the ranking CSV and the minutes (with a ranking), the report page, then
    the households CSV (not for a village recap, docs/aturan.md §6.7) and the workbook.
    ``stop`` (which raises once the job is cancelled) is called by the long writers as they
    go: the report page's and the workbook's tables, the issues workbook and the households
    CSV every few thousand rows."""
    result = outputs.result
    made: list[ReportContent] = []

    def full() -> ReportContent:
        """The content with its dusun recap, made once, when the first report is written
        (not before the tables are shown: a province can have tens of thousands of dusun)."""
        if not made:
            recap = dusun_recap(result, outputs.report)
            made.append(dataclasses.replace(outputs.content, recap_dusun=recap))
        return made[0]

    def check(_step: object) -> None:
        stop()

    survey, report, ranking = result.survey, outputs.report, outputs.ranking
    lang, names, csv_format = outputs.lang, outputs.include_names, outputs.csv_format
    steps: list[Step] = [
        ("ringkasan.csv", lambda p: write_areas_csv(report, survey, p, csv_format=csv_format)),
        (
            "ringkasan.json",
            lambda p: write_areas_json(
                report, result, p, extra_issues=summary_issues(result, report, outputs.villages)
            ),
        ),
        (
            "masalah.xlsx",
            lambda p: write_issues(
                survey.issues,
                p,
                outputs.survey_files,
                lang,
                file_readings(survey, lang),
                progress=lambda _rows: stop(),
            ),
        ),
        (
            "disisihkan.csv",
            lambda p: write_rejects_csv(
                survey, p, lang, include_names=names, csv_format=csv_format
            ),
        ),
    ]
    if ranking is not None:
        inputs, found = outputs.inputs, outputs.uncertainty
        extra = (found.columns(), found.cells()) if found is not None else None
        steps += [
            (
                "peringkat.csv",
                lambda p: write_ranking_csv(ranking, p, lang, inputs, extra, csv_format=csv_format),
            ),
            ("berita-acara.html", lambda p: write_minutes_html(outputs.content, p)),
        ]
    trends = outputs.trends
    if trends is not None:
        steps.append(
            (
                "perubahan.csv",
                lambda p: write_trends_csv(trends, p, outputs.inputs, csv_format=csv_format),
            )
        )
    steps.append(("laporan.html", lambda p: write_html(full(), p, progress=check)))
    if survey.recap_villages is None:
        steps.append(
            (
                "rumah-tangga.csv",
                lambda p: write_households_csv(
                    result,
                    p,
                    include_names=names,
                    csv_format=csv_format,
                    progress=lambda _rows: stop(),
                ),
            )
        )
    sheet_rows = outputs.households_sheet_rows
    steps.append(
        (
            "laporan.xlsx",
            lambda p: write_workbook(full(), p, progress=check, households_sheet_rows=sheet_rows),
        )
    )
    return steps
