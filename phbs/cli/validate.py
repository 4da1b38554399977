"""``phbs validate``: check survey files and print their issues, the most serious first; write
them as CSV or a workbook on request."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from phbs.cli.common import (
    current_lang,
    lang_option,
    read_settings,
    reading_options,
    require_suffix,
)
from phbs.cli.progress import RowsProgress, rows_progress
from phbs.forms.loading import load_form
from phbs.i18n import t
from phbs.ingest.settings import ReadSettings
from phbs.ingest.validate import IdScope, Survey, read_survey
from phbs.outputs import check_run_files, input_file
from phbs.reports import tables, text

F = TypeVar("F", bound=Callable[..., Any])


def survey_options(function: F) -> F:
    """The survey files and how they are read (``phbs validate``)."""
    files = click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
    return files(reading_options(function))


def _read(
    files: Sequence[Path],
    form_name: str,
    sheet: str | None,
    id_per_desa: bool,
    settings: ReadSettings,
    progress: RowsProgress | None = None,
) -> Survey:
    """Validate the files; households are checked and counted, not kept (bounded memory)."""
    try:
        return read_survey(
            files,
            load_form(form_name),
            sheet=sheet,
            id_scope=IdScope.DESA if id_per_desa else IdScope.SURVEI,
            settings=settings,
            progress=progress,
            sink=lambda _batch: None,
        )
    finally:
        if progress is not None:
            progress.finish()


@click.command("validate")
@survey_options
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Tulis semua masalah ke .csv atau .xlsx.",
)
@click.option("--quiet", "-q", is_flag=True, help="Tanpa tampilan kemajuan di stderr.")
@lang_option
@click.pass_context
def validate_command(
    ctx: click.Context,
    files: tuple[Path, ...],
    form_name: str,
    sheet: str | None,
    id_per_desa: bool,
    output: Path | None,
    quiet: bool,
) -> None:
    """Periksa berkas survei dan cetak masalah data, yang paling sering dulu.

    Kode keluar: 0 tanpa galat, 1 ada galat, 2 salah pemakaian (opsi, berkas, formulir).
    """
    language = current_lang(ctx)
    require_suffix(output, {".csv", ".xlsx"}, "-o")
    check_run_files({"-o": output}, [*files, input_file(form_name)])
    survey = _read(
        files,
        form_name,
        sheet,
        id_per_desa,
        read_settings(ctx),
        rows_progress(quiet, language),
    )
    click.echo(t("validate.title", language, files=", ".join(str(f) for f in files)))
    for line in text.reading_lines(survey, language):
        click.echo(line)
    click.echo(text.reconciliation_line(survey, language))
    click.echo()
    click.echo(text.issue_summary(survey.issues, language))
    click.echo()
    click.echo(text.issue_counts_line(survey.issues, language))
    if output is not None:
        readings = [(f.name, text.reading_text(f, language)) for f in survey.files if f.reading]
        tables.write_issues(survey.issues, output, files, language, readings)
        click.echo(t("written", language, path=output))
    if not survey.rows_scored:
        click.echo(t("validate.nothing_scored", language))
    ctx.exit(1 if survey.error_count or not survey.rows_scored else 0)
