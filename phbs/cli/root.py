"""The ``phbs`` command line: a thin layer over the library.

Every command speaks Indonesian by default and English with ``--lang en``. A
:class:`~phbs.errors.PhbsError` becomes a one-line message on stderr and its exit code: 2
for a usage error, 1 for a file that cannot be used as it is
(:class:`~phbs.errors.UnusableFileError`); ``phbs validate`` exits 1 when the data has
errors. Running out of room to write is exit 2, SIGTERM 143, Ctrl-C 130, output piped into
a reader that stopped (``| head``) 141, an internal error 70 (README, *Kode keluar*).
"""

from __future__ import annotations

import errno
import importlib
import os
import shlex
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from phbs.cli.common import (
    LANG_KEY,
    ci_note,
    ci_options,
    current_lang,
    lang_option,
    read_settings,
    reading_options,
    scoring_options,
)
from phbs.cli.progress import RowsProgress, rows_progress
from phbs.errors import PhbsError, SettingsError, SurveyError
from phbs.forms.model import load_form
from phbs.i18n import Lang, t
from phbs.ingest.settings import ReadSettings
from phbs.ingest.understand import check_publishable
from phbs.ingest.validate import IdScope, Survey, read_survey
from phbs.ingest.villages import VillageTotals, read_villages
from phbs.issues import Issue
from phbs.outputs import check_run_files, input_file
from phbs.reports import tables, text
from phbs.scoring.household import AreaLevel
from phbs.scoring.plausibility import plausibility_issues
from phbs.scoring.results import summarise
from phbs.scoring.streaming import score_files
from phbs.threads import limit_malloc_arenas
from phbs.version import __version__

F = TypeVar("F", bound=Callable[..., Any])


def survey_options(function: F) -> F:
    """The survey files and how they are read (``phbs validate``)."""
    files = click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
    return files(reading_options(function))


# Commands whose modules are imported only when they run (or help lists them): the
# contest and report code is not loaded for `phbs score` and `phbs validate`.
LAZY_COMMANDS = {
    "demo": "phbs.cli.demo:demo_command",
    "forms": "phbs.cli.forms:forms_group",
    "rank": "phbs.cli.rank:rank_command",
    "report": "phbs.cli.report:report_command",
    "rubric": "phbs.cli.rubric:rubric_group",
}


# Errors of a write that found no room: disk full, file-size limit, quota.
_NO_ROOM = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


class PhbsGroup(click.Group):
    """Turns library errors into one-line messages; never shows a traceback for them.

    The commands of :data:`LAZY_COMMANDS` are loaded when first asked for.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, _, attribute = LAZY_COMMANDS[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            if not isinstance(command, click.Command):
                raise TypeError(f"{LAZY_COMMANDS[cmd_name]} is not a click command")
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PhbsError as error:
            lang = ctx.meta.get(LANG_KEY, "id")
            prefix = "Error" if lang == "en" else "Galat"
            click.echo(f"{prefix}: {error.message(lang)}", err=True)
            ctx.exit(error.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # Output piped into `head` and the reader went away: stop quietly.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(141)
        except KeyboardInterrupt as stop:
            # Every output and temporary file has been removed on the way here.
            click.echo("Dibatalkan / cancelled", err=True)
            ctx.exit(143 if isinstance(stop, Terminated) else 130)
        except OSError as error:
            if error.errno not in _NO_ROOM:
                self._internal(ctx, error)
            # Out of room while writing an output, a temporary file or a spool: every
            # output is written aside and moved in place only when whole, so the old ones stand.
            lang = ctx.meta.get(LANG_KEY, "id")
            message = (
                f"Error: no room to write ({error.strerror}); free some disk space and try "
                "again (earlier outputs are unchanged)"
                if lang == "en"
                else f"Galat: tidak ada ruang untuk menulis ({error.strerror}); kosongkan ruang "
                "disk lalu ulangi (keluaran sebelumnya tidak berubah)"
            )
            click.echo(message, err=True)
            ctx.exit(2)
        except Exception as error:
            self._internal(ctx, error)

    @staticmethod
    def _internal(ctx: click.Context, error: Exception) -> NoReturn:
        """An error a user cannot cause: one line asking for a report, exit 70."""
        if ctx.meta.get("phbs.debug"):
            raise error
        where = traceback.extract_tb(error.__traceback__)[-1]
        click.echo(
            f"Galat internal phbs {__version__} ({type(error).__name__}: {error} di "
            f"{Path(where.filename).name}:{where.lineno}). Mohon laporkan; jalankan dengan "
            "'phbs --debug ...' untuk rincian.",
            err=True,
        )
        ctx.exit(70)


@click.group(cls=PhbsGroup)
@click.version_option(__version__, prog_name="phbs")
@click.option(
    "--debug", is_flag=True, hidden=True, help="Tampilkan traceback untuk galat internal."
)
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """phbs — skor survei PHBS rumah tangga: validasi, rekap desa, wilayah dan laporan.

    Mulai dengan 'phbs demo' untuk mencoba data contoh.
    """
    ctx.meta["phbs.debug"] = debug


def _require_suffix(path: Path | None, suffixes: set[str], option: str) -> None:
    if path is not None and path.suffix.lower() not in suffixes:
        listed = ", ".join(sorted(suffixes))
        raise SettingsError(
            f"{option} {path}: akhiran berkas harus salah satu dari {listed}",
            f"{option} {path}: file name must end in one of {listed}",
        )


def _print_issue_counts(issues: Sequence[Issue], files: Sequence[Path], lang: Lang) -> None:
    click.echo(text.issue_counts_line(issues, lang))
    if issues:
        click.echo(t("issues.hint", lang, files=shlex.join(str(f) for f in files)))


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


def _refuse_unpublishable(
    survey: Survey, files: Sequence[Path], rejects: Path | None, include_names: bool, lang: Lang
) -> None:
    """Stop (exit 1) when the result cannot be published (nothing scored, ids that clash by
    the dozen), after printing the counts and writing the rows set aside if asked."""
    try:
        check_publishable(survey)
    except SurveyError:
        for line in text.reading_lines(survey, lang):
            click.echo(line)
        click.echo(text.reconciliation_line(survey, lang))
        _print_issue_counts(survey.issues, files, lang)
        if rejects is not None:
            tables.write_rejects_csv(survey, rejects, lang, include_names=include_names)
            click.echo(t("written", lang, path=rejects))
        raise


@cli.command("score")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@scoring_options
@click.option(
    "--by",
    "level",
    type=click.Choice([lvl.value for lvl in AreaLevel]),
    default="desa",
    show_default=True,
    help="Tingkat rekap: dusun, desa, kecamatan, kabupaten atau provinsi.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Tulis rekap ke .csv atau .json.",
)
@click.option(
    "--households",
    type=click.Path(path_type=Path),
    default=None,
    help="Tulis hasil per rumah tangga (.csv).",
)
@click.option(
    "--include-names",
    is_flag=True,
    help="Sertakan nama kepala rumah tangga di --households dan --rejects.",
)
@click.option(
    "--rejects",
    type=click.Path(path_type=Path),
    default=None,
    help="Tulis baris yang disisihkan dan alasannya (.csv).",
)
@click.option("--quiet", "-q", is_flag=True, help="Tanpa tampilan kemajuan di stderr.")
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
    quiet: bool,
    ci_method: str,
    confidence: float,
) -> None:
    """Skor survei rumah tangga dan cetak rekap per desa (atau tingkat lain).

    Contoh: phbs score survei.csv --villages desa.csv -o rekap.csv
    """
    language = current_lang(ctx)
    _require_suffix(output, {".csv", ".json"}, "-o")
    _require_suffix(households, {".csv"}, "--households")
    _require_suffix(rejects, {".csv"}, "--rejects")
    check_run_files(
        {"-o": output, "--households": households, "--rejects": rejects},
        [*files, villages, input_file(form_name)],
    )
    totals: VillageTotals | None = read_villages(villages) if villages else None
    progress = rows_progress(quiet, language)
    settings = read_settings(ctx)
    loaded = load_form(form_name).without(settings.not_collected)
    with ExitStack() as stack:
        sink = None
        if households is not None:
            sink = stack.enter_context(
                tables.households_csv(households, loaded.form, files, include_names=include_names)
            )
        try:
            result = score_files(
                files,
                loaded,
                sheet=sheet,
                id_scope=IdScope.DESA if id_per_desa else IdScope.SURVEI,
                na_policy=na_policy,
                settings=settings,
                progress=progress,
                households_csv=sink,
            )
        finally:
            if progress is not None:
                progress.finish()
        # Nothing that looks like a result is written for an unpublishable one; the rows
        # set aside are.
        _refuse_unpublishable(result.survey, files, rejects, include_names, language)
    survey = result.survey
    report = summarise(
        result, by=level, villages=totals, ci_method=ci_method, confidence=confidence
    )
    issues = [
        *survey.issues,
        *(totals.issues if totals else []),
        *report.issues,
        *plausibility_issues(result),
    ]

    level_name = t(f"level.{report.tingkat.value}", language)
    click.echo(t("title.score", language, level=level_name))
    click.echo(
        t(
            "settings",
            language,
            form=survey.form.form.id,
            policy=result.na_policy.value,
            level=level_name,
        )
    )
    for line in text.reading_lines(survey, language):
        click.echo(line)
    click.echo()
    click.echo(text.area_table(report, language))
    click.echo()
    click.echo(t("note.persen", language))
    fpc = totals is not None and report.tingkat is AreaLevel.DESA
    click.echo(ci_note(ci_method, confidence, fpc, language))
    click.echo(text.reconciliation_line(survey, language))
    _print_issue_counts(issues, files, language)

    if output is not None:
        if output.suffix.lower() == ".json":
            tables.write_areas_json(report, result, output, extra_issues=issues)
        else:
            tables.write_areas_csv(report, survey, output)
        click.echo(t("written", language, path=output))
    if households is not None:
        click.echo(t("written", language, path=households))
    if rejects is not None:
        tables.write_rejects_csv(survey, rejects, language, include_names=include_names)
        click.echo(t("written", language, path=rejects))


@cli.command("validate")
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
    _require_suffix(output, {".csv", ".xlsx"}, "-o")
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


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, like Ctrl-C: the files being written and the
    temporary files are removed on the way out (a plain SIGTERM would leave them)."""


def _terminate(_signal: int, _frame: object) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    limit_malloc_arenas()
    signal.signal(signal.SIGTERM, _terminate)
    cli.main(args=list(argv) if argv is not None else None, prog_name="phbs")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
