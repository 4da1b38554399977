"""``phbs report``: the Excel workbook and the self-contained HTML page, with a ranking."""

from __future__ import annotations

from pathlib import Path

import click

from phbs.cli.baseline import Baseline, baseline_options
from phbs.cli.common import (
    DecimalRange,
    ci_options,
    contest_options,
    current_lang,
    lang_option,
    quiet_option,
    scoring_options,
    survey_file_options,
)
from phbs.cli.minutes import minutes_options
from phbs.cli.progress import rows_progress, writing_progress
from phbs.cli.reading import survey_reading
from phbs.cli.report_baseline import earlier_round, read_baseline
from phbs.cli.translated import command, option
from phbs.cli.uncertainty import uncertainty_options
from phbs.contest.assessment import UncertaintyOptions
from phbs.contest.rubric_loading import load_rubric
from phbs.contest.run import ContestFiles, run_contest, survey_records
from phbs.errors import SettingsError
from phbs.forms.loading import load_form
from phbs.i18n import t
from phbs.ingest.publishable import check_publishable
from phbs.ingest.villages import read_villages
from phbs.outputs import check_run_files, input_file
from phbs.reports.content import ReportOptions
from phbs.reports.panel import MinutesDetails
from phbs.reports.report import write_report
from phbs.reports.text import reconciliation_line
from phbs.scoring.household import AreaLevel
from phbs.scoring.results import ScoreResult
from phbs.scoring.streaming import StreamedScore, score_survey
from phbs.scoring.summary import summarise


def _suffix(path: Path | None, suffixes: tuple[str, ...], option: str) -> None:
    if path is not None and path.suffix.lower() not in suffixes:
        listed = ", ".join(suffixes)
        raise SettingsError(
            f"{option} {path}: akhiran berkas harus {listed}",
            f"{option} {path}: file name must end in {listed}",
        )


@command("report", help="report")
@survey_file_options
@option(
    "--xlsx",
    type=click.Path(path_type=Path),
    default=None,
    metavar="BERKAS",
    help="report.xlsx",
)
@option(
    "--html",
    type=click.Path(path_type=Path),
    default=None,
    metavar="BERKAS",
    help="report.html",
)
@option("--title", default=None, metavar="JUDUL", help="report.title")
@option("--include-names", is_flag=True, help="report.include_names")
@option(
    "--households-sheet-rows",
    type=click.IntRange(min=0),
    default=None,
    metavar="JUMLAH",
    help="report.households_sheet_rows",
)
@scoring_options
@option(
    "--by",
    "level",
    type=click.Choice([lvl.value for lvl in AreaLevel]),
    default="desa",
    show_default=True,
    help="report.by",
)
@option(
    "--target",
    type=DecimalRange(0, 100),
    default=None,
    metavar="PERSEN",
    help="report.target",
)
@option(
    "--templates",
    "template_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    metavar="FOLDER",
    help="report.templates",
)
@quiet_option
@contest_options()
@ci_options
@uncertainty_options
@minutes_options
@baseline_options
@lang_option
@click.pass_context
def report_command(
    ctx: click.Context,
    more_files: tuple[Path, ...],
    survey_files: tuple[Path, ...],
    xlsx: Path | None,
    html: Path | None,
    title: str | None,
    include_names: bool,
    households_sheet_rows: int | None,
    form_name: str,
    sheet: str | None,
    id_per_desa: bool,
    level: str,
    villages: Path | None,
    na_policy: str | None,
    target: float | None,
    template_dir: Path | None,
    quiet: bool,
    rubric_name: str | None,
    judges: Path | None,
    attributes: Path | None,
    overrides: Path | None,
    method: str | None,
    rank_incomplete: bool,
    ci_method: str,
    confidence: float,
    uncertainty: UncertaintyOptions,
    minutes: Path | None,
    minutes_details: MinutesDetails,
    baseline: Baseline,
) -> None:
    """Write the workbook and/or HTML report (help: ``cmd.report``)."""
    language = current_lang(ctx)
    files = [*survey_files, *more_files]
    if not files:
        raise click.UsageError(t("report.cli.no_survey", language))
    if xlsx is None and html is None and minutes is None:
        raise click.UsageError(t("report.cli.no_output", language))
    contest = [p for p in (judges, attributes, overrides) if p is not None]
    if (contest or uncertainty.asked or minutes is not None) and rubric_name is None:
        raise click.UsageError(t("report.cli.needs_rubric", language))
    earlier = earlier_round(baseline, language)
    _suffix(xlsx, (".xlsx",), "--xlsx")
    _suffix(html, (".html", ".htm"), "--html")
    _suffix(minutes, (".html", ".htm"), "--minutes")
    how = survey_reading(ctx, form_name, sheet, id_per_desa)
    check_run_files(
        {"--xlsx": xlsx, "--html": html, "--minutes": minutes},
        [
            *files,
            *contest,
            villages,
            input_file(rubric_name),
            *how.files,
            *baseline.files(),
        ],
    )

    totals = read_villages(villages) if villages else None
    # The earlier round is read first: when it cannot be read, nothing is written.
    read = None
    if earlier is not None:
        read = read_baseline(earlier, how, totals, na_policy, quiet=quiet, lang=language)
    reading = rows_progress(quiet, language)
    loaded_form = load_form(how.form)
    result: ScoreResult | StreamedScore
    try:
        # The rank bootstrap resamples households, so they are kept in memory.
        result = score_survey(
            files,
            loaded_form,
            in_memory=bool(uncertainty.bootstrap),
            sheet=how.sheet,
            id_scope=how.id_scope,
            na_policy=na_policy,
            settings=how.settings,
            progress=reading,
            mapping=how.mapping,
        )
    finally:
        if reading is not None:
            reading.finish()
    if isinstance(result, StreamedScore):
        ctx.call_on_close(result.close)
    check_publishable(result.survey)
    report = summarise(
        result, by=level, villages=totals, ci_method=ci_method, confidence=confidence
    )
    by_village = report
    if report.tingkat is not AreaLevel.DESA and (rubric_name or earlier):
        by_village = summarise(
            result,
            by=AreaLevel.DESA,
            villages=totals,
            ci_method=report.metode_ci,
            confidence=report.tingkat_kepercayaan,
        )
    trends = None
    if earlier is not None and read is not None:
        from phbs.trends.baseline import compare_with_baseline

        trends = compare_with_baseline(
            read, earlier.current, earlier.code_changes, result, by_village, level
        )
    ranking = None
    found = None
    if rubric_name is not None:
        run = run_contest(
            load_rubric(rubric_name),
            by_village,
            by_village,
            ContestFiles(judges, attributes, overrides),
            survey_records(result.survey.files, totals),
            method=method,
            rank_incomplete=rank_incomplete,
            uncertainty=uncertainty,
            households=result if isinstance(result, ScoreResult) else None,
        )
        ranking, found = run.ranking, run.uncertainty
    writing = writing_progress(quiet, language)
    try:
        content = write_report(
            result,
            report,
            ReportOptions(
                lang=language,
                title=title,
                ranking=ranking,
                include_names=include_names,
                villages=totals,
                target=target,
                uncertainty=found,
                minutes=minutes_details,
                trends=trends,
                households_sheet_rows=households_sheet_rows,
            ),
            xlsx=xlsx,
            html=html,
            minutes=minutes,
            template_dir=template_dir,
            progress=writing,
        )
    finally:
        if writing is not None:
            writing.finish()
    click.echo(reconciliation_line(result.survey, language))
    click.echo(content.issue_line())
    for output in (xlsx, html, minutes):
        if output is not None:
            click.echo(t("written", language, path=output))
