"""``phbs validate``: check survey files and print their issues, the most serious first; write
them as CSV or a workbook on request."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from phbs.cli.common import (
    csv_format_option,
    current_lang,
    lang_option,
    quiet_option,
    reading_options,
    require_suffix,
)
from phbs.cli.progress import RowsProgress, rows_progress
from phbs.cli.reading import SurveyReading, survey_reading
from phbs.cli.translated import argument, command, option
from phbs.forms.loading import load_form
from phbs.i18n import t
from phbs.ingest.validate import Survey, read_survey
from phbs.outputs import CsvFormat, check_run_files
from phbs.reports import tables, text

F = TypeVar("F", bound=Callable[..., Any])


def survey_options(function: F) -> F:
    """The survey files and how they are read (``phbs validate``)."""
    files = argument(
        "files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="BERKAS..."
    )
    return files(reading_options(function))


def _read(
    files: Sequence[Path], how: SurveyReading, progress: RowsProgress | None = None
) -> Survey:
    """Validate the files; households are checked and counted, not kept (bounded memory)."""
    try:
        return read_survey(
            files,
            load_form(how.form),
            sheet=how.sheet,
            id_scope=how.id_scope,
            settings=how.settings,
            progress=progress,
            sink=lambda _batch: None,
            mapping=how.mapping,
        )
    finally:
        if progress is not None:
            progress.finish()


@command("validate", help="validate")
@survey_options
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    metavar="BERKAS",
    help="validate.output",
)
@csv_format_option
@quiet_option
@lang_option
@click.pass_context
def validate_command(
    ctx: click.Context,
    files: tuple[Path, ...],
    form_name: str,
    sheet: str | None,
    id_per_desa: bool,
    output: Path | None,
    csv_format: CsvFormat,
    quiet: bool,
) -> None:
    """Check survey files and print their issues (help: ``cmd.validate``)."""
    language = current_lang(ctx)
    require_suffix(output, {".csv", ".xlsx"}, "-o")
    how = survey_reading(ctx, form_name, sheet, id_per_desa)
    check_run_files({"-o": output}, [*files, *how.files])
    survey = _read(files, how, rows_progress(quiet, language))
    click.echo(t("validate.title", language, files=", ".join(str(f) for f in files)))
    for line in text.reading_lines(survey, language):
        click.echo(line)
    click.echo(text.reconciliation_line(survey, language))
    click.echo()
    click.echo(text.issue_summary(survey.issues, language))
    click.echo()
    click.echo(text.issue_counts_line(survey.issues, language))
    if output is not None:
        readings = text.file_readings(survey, language)
        tables.write_issues(survey.issues, output, files, language, readings, csv_format=csv_format)
        click.echo(t("written", language, path=output))
    if not survey.rows_scored:
        click.echo(t("validate.nothing_scored", language))
    ctx.exit(1 if survey.error_count or not survey.rows_scored else 0)
