"""``phbs demo``: score the bundled synthetic survey and write every output."""

from __future__ import annotations

from pathlib import Path

import click

from phbs.cli.common import csv_format_option, current_lang, lang_option
from phbs.cli.translated import command, option
from phbs.contest.improvement import Improvement
from phbs.demo.rounds import most_improved
from phbs.demo.sample import run_demo
from phbs.i18n import Lang, fmt_decimal, t
from phbs.outputs import CsvFormat
from phbs.reports.ranking import notes_text, ranking_table
from phbs.reports.text import area_table, issue_counts_line, reconciliation_line
from phbs.reports.trends_text import change_interval, counts_line, improvement_lines, points
from phbs.trends.models import Trends


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
    for line in trends_lines(run.trends, run.improvement, language):
        click.echo(line)
    click.echo()
    click.echo(issue_counts_line(run.issues, language, len(survey.issues)))
    click.echo(t("demo.outputs", language, folder=out_dir))
    for path in run.outputs:
        click.echo(f"  {path}")
    click.echo(t("demo.inputs", language, count=len(run.inputs) + len(run.kept), folder=out_dir))
    for path in run.kept:
        click.echo(t("demo.kept", language, path=path), err=True)


def trends_lines(trends: Trends, improvement: Improvement, lang: Lang) -> list[str]:
    """The demo's short block on the change since the earlier round (docs/aturan.md §5.8):
    how many villages went up, down or did not change significantly, the village that
    improved the most among those whose interval says up, and whether the bootstrap can tell
    it apart from the next ones."""
    first, _ = trends.perbandingan[0]
    lines = [t("demo.trends.title", lang, first=first), counts_line(trends, 0, lang)]
    best = most_improved(trends)
    if best is None:
        return [*lines, t("demo.trends.none", lang)]
    before, after = best.persen_ber_phbs.nilai[0].persen, best.persen_ber_phbs.nilai[1].persen
    change = best.persen_ber_phbs.perubahan[0]
    best_line = t(
        "demo.trends.best",
        lang,
        name=best.nama,
        code=best.kode,
        before=fmt_decimal(before, lang, 1),
        after=fmt_decimal(after, lang, 1),
        change=points(change.perubahan, lang),
        level=fmt_decimal(trends.tingkat_kepercayaan * 100, lang, 1, trim=True),
        ci=change_interval(change, lang),
    )
    apart = improvement_lines(improvement, lang)[-1:] if improvement.desa else []
    return [*lines, best_line, *apart]
