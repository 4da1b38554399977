"""``phbs demo``: score the bundled synthetic survey and write every output."""

from __future__ import annotations

from pathlib import Path

import click

from phbs.cli.common import csv_format_option, current_lang, lang_option
from phbs.cli.translated import command, option
from phbs.demo.sample import run_demo
from phbs.i18n import t
from phbs.outputs import CsvFormat
from phbs.reports.ranking import notes_text, ranking_table
from phbs.reports.text import area_table, issue_counts_line, reconciliation_line


@command("demo", help="demo")
@option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("phbs-contoh"),
    show_default=True,
    metavar="FOLDER",
    help="demo.out",
)
@csv_format_option
@lang_option
@click.pass_context
def demo_command(ctx: click.Context, out_dir: Path, csv_format: CsvFormat) -> None:
    """Score and rank the bundled sample, write every output (help: ``cmd.demo``)."""
    language = current_lang(ctx)
    run = run_demo(out_dir, language, csv_format=csv_format)
    survey = run.result.survey
    click.echo(t("demo.title", language))
    click.echo()
    click.echo(area_table(run.report, language))
    click.echo()
    click.echo(reconciliation_line(survey, language))
    click.echo()
    click.echo(ranking_table(run.ranking, language))
    notes = notes_text(run.ranking, language)
    if notes:
        click.echo(t("rank.notes", language))
        click.echo(notes)
    click.echo()
    click.echo(issue_counts_line(run.issues, language, len(survey.issues)))
    click.echo(t("demo.outputs", language, folder=out_dir))
    for path in run.outputs:
        click.echo(f"  {path}")
    click.echo(t("demo.inputs", language, count=len(run.inputs) + len(run.kept), folder=out_dir))
    for path in run.kept:
        click.echo(t("demo.kept", language, path=path), err=True)
