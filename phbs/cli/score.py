"""``phbs score``: score survey files and print the village (or area) table; write it as CSV or
JSON, the households and the rows set aside on request."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

import click

from phbs.cli.common import (
    ci_options,
    csv_format_option,
    current_lang,
    lang_option,
    print_issue_counts,
    quiet_option,
    require_suffix,
    scoring_options,
)
from phbs.cli.progress import rows_progress
from phbs.cli.reading import survey_reading
from phbs.cli.translated import argument, command, option
from phbs.errors import SurveyError
from phbs.forms.loading import load_form
from phbs.i18n import Lang, t
from phbs.ingest.publishable import check_publishable
from phbs.ingest.validate import Survey
from phbs.ingest.villages import VillageTotals, read_villages
from phbs.outputs import CsvFormat, check_run_files
from phbs.reports import tables, text
from phbs.reports.denominators import ci_note, denominator_notes, na_policy_name
from phbs.reports.households import households_csv, write_rejects_csv
from phbs.scoring.household import AreaLevel
from phbs.scoring.streaming import score_files
from phbs.scoring.summary import summarise
from phbs.scoring.summary_issues import summary_issues


def _refuse_unpublishable(
    survey: Survey,
    files: Sequence[Path | str],
    rejects: Path | None,
    include_names: bool,
    lang: Lang,
    csv_format: CsvFormat,
) -> None:
    """Stop (exit 1) when the result cannot be published (nothing scored, ids that clash by
    the dozen), after printing the counts and writing the rows set aside if asked."""
    try:
        check_publishable(survey)
    except SurveyError:
        for line in text.reading_lines(survey, lang):
            click.echo(line)
        click.echo(text.reconciliation_line(survey, lang))
        print_issue_counts(survey.issues, files, lang)
        if rejects is not None:
            write_rejects_csv(
                survey, rejects, lang, include_names=include_names, csv_format=csv_format
            )
            click.echo(t("written", lang, path=rejects))
        raise


@command("score", help="score")
@argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="BERKAS...")
@scoring_options
@option(
    "--by",
    "level",
    type=click.Choice([lvl.value for lvl in AreaLevel]),
    default="desa",
    show_default=True,
    help="score.by",
)
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    metavar="BERKAS",
    help="score.output",
)
@option(
    "--households",
    type=click.Path(path_type=Path),
    default=None,
    metavar="BERKAS",
    help="score.households",
)
@option("--include-names", is_flag=True, help="score.include_names")
@option(
    "--rejects",
    type=click.Path(path_type=Path),
    default=None,
    metavar="BERKAS",
    help="score.rejects",
)
@csv_format_option
@quiet_option
@ci_options
@lang_option
@click.pass_context
def score_command(
    ctx: click.Context,
    files: tuple[Path, ...],
    form_name: str,
    sheet: str | None,
    id_per_desa: bool,
    level: str,
    na_policy: str | None,
    villages: Path | None,
    output: Path | None,
    households: Path | None,
    include_names: bool,
    rejects: Path | None,
    csv_format: CsvFormat,
    quiet: bool,
    ci_method: str,
    confidence: float,
) -> None:
    """Score survey files and print the summary (help: ``cmd.score`` in phbs/i18n.py)."""
    language = current_lang(ctx)
    require_suffix(output, {".csv", ".json"}, "-o")
    require_suffix(households, {".csv"}, "--households")
    require_suffix(rejects, {".csv"}, "--rejects")
    how = survey_reading(ctx, form_name, sheet, id_per_desa)
    check_run_files(
        {"-o": output, "--households": households, "--rejects": rejects},
        [*files, villages, *how.files],
    )
    totals: VillageTotals | None = read_villages(villages) if villages else None
    progress = rows_progress(quiet, language)
    loaded = load_form(how.form).without(how.settings.not_collected)
    with ExitStack() as stack:
        sink = None
        if households is not None:
            sink = stack.enter_context(
                households_csv(
                    households,
                    loaded.form,
                    files,
                    include_names=include_names,
                    csv_format=csv_format,
                )
            )
        try:
            result = score_files(
                files,
                loaded,
                sheet=how.sheet,
                id_scope=how.id_scope,
                na_policy=na_policy,
                settings=how.settings,
                progress=progress,
                households_csv=sink,
                mapping=how.mapping,
            )
        finally:
            if progress is not None:
                progress.finish()
        # Nothing that looks like a result is written for an unpublishable one; the rows
        # set aside are.
        _refuse_unpublishable(
            result.survey, [*files, *how.options()], rejects, include_names, language, csv_format
        )
    survey = result.survey
    report = summarise(
        result, by=level, villages=totals, ci_method=ci_method, confidence=confidence
    )
    issues = summary_issues(result, report, totals)

    level_name = t(f"level.{report.tingkat.value}", language)
    click.echo(t("title.score", language, level=level_name))
    click.echo(
        t(
            "settings",
            language,
            form=survey.form.form.id,
            policy=na_policy_name(result.na_policy, language),
            level=level_name,
        )
    )
    for line in text.reading_lines(survey, language):
        click.echo(line)
    click.echo()
    click.echo(text.area_table(report, language))
    click.echo()
    for note in denominator_notes(report, language):
        click.echo(note)
    fpc = totals is not None and report.tingkat is AreaLevel.DESA
    click.echo(ci_note(ci_method, confidence, fpc, language))
    click.echo(text.reconciliation_line(survey, language))
    print_issue_counts(issues, [*files, *how.options()], language, len(survey.issues))

    if output is not None:
        if output.suffix.lower() == ".json":
            tables.write_areas_json(report, result, output, extra_issues=issues)
        else:
            tables.write_areas_csv(report, survey, output, csv_format=csv_format)
        click.echo(t("written", language, path=output))
    if households is not None:
        click.echo(t("written", language, path=households))
    if rejects is not None:
        write_rejects_csv(
            survey, rejects, language, include_names=include_names, csv_format=csv_format
        )
        click.echo(t("written", language, path=rejects))
