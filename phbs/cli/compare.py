"""``phbs compare``: survey rounds compared per area (docs/aturan.md §5.8); the table of the
first round against the last on the console, every pair in ``-o`` CSV/JSON."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from phbs.cli.common import (
    DecimalRange,
    csv_format_option,
    current_lang,
    lang_option,
    quiet_option,
    require_suffix,
    scoring_options,
)
from phbs.cli.reading import survey_reading
from phbs.cli.rounds import labelled, per_round, read_rounds
from phbs.cli.translated import command, option
from phbs.contest.improvement import Improvement, rank_improvement
from phbs.errors import SettingsError
from phbs.i18n import Lang, fmt_int, t
from phbs.ingest.code_changes import read_code_changes
from phbs.ingest.villages import read_villages
from phbs.outputs import CsvFormat, check_run_files
from phbs.reports import text
from phbs.reports.trends_tables import write_trends_csv, write_trends_json
from phbs.reports.trends_text import counts_line, improvement_lines, statements, trends_table
from phbs.scoring.household import AreaLevel
from phbs.trends.compare import compare_rounds
from phbs.trends.models import Trends

_LEVELS = [lvl.value for lvl in AreaLevel if lvl is not AreaLevel.DUSUN]


@command("compare", help="compare")
@option(
    "--round",
    "round_values",
    multiple=True,
    required=True,
    metavar="LABEL=BERKAS",
    help="compare.round",
)
@option("--round-form", multiple=True, metavar="LABEL=FORMULIR", help="compare.round_form")
@option("--round-villages", multiple=True, metavar="LABEL=BERKAS", help="compare.round_villages")
@scoring_options
@option(
    "--code-changes",
    type=click.Path(path_type=Path),
    default=None,
    metavar="BERKAS",
    help="compare.code_changes",
)
@option(
    "--by",
    "level",
    type=click.Choice(_LEVELS),
    default="desa",
    show_default=True,
    help="compare.by",
)
@option(
    "--confidence",
    type=DecimalRange(0.5, 0.999),
    default=0.95,
    show_default=True,
    metavar="ANGKA",
    help="confidence",
)
@option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="BERKAS",
    help="compare.output",
)
@option(
    "--bootstrap",
    "replicates",
    type=click.IntRange(0, 100_000),
    default=1000,
    show_default=True,
    metavar="N",
    help="compare.replicates",
)
@option("--seed", type=int, default=42, show_default=True, metavar="N", help="seed")
@csv_format_option
@quiet_option
@lang_option
@click.pass_context
def compare_command(
    ctx: click.Context,
    round_values: tuple[str, ...],
    round_form: tuple[str, ...],
    round_villages: tuple[str, ...],
    form_name: str,
    sheet: str | None,
    id_per_desa: bool,
    villages: Path | None,
    na_policy: str | None,
    code_changes: Path | None,
    level: str,
    confidence: float,
    outputs: tuple[Path, ...],
    replicates: int,
    seed: int,
    csv_format: CsvFormat,
    quiet: bool,
) -> None:
    """Compare survey rounds (help: ``cmd.compare`` in phbs/i18n.py)."""
    language = current_lang(ctx)
    given = labelled(round_values, "--round")
    if len(given) < 2:
        raise click.UsageError(t("compare.cli.two_rounds", language))
    for output in outputs:
        require_suffix(output, {".csv", ".json"}, "-o")
    if len({o.suffix.lower() for o in outputs}) < len(outputs):
        raise SettingsError(
            "-o: satu berkas .csv dan satu .json paling banyak",
            "-o: at most one .csv and one .json file",
        )
    forms = per_round(round_form, "--round-form", given)
    village_files = per_round(round_villages, "--round-villages", given)
    how = survey_reading(ctx, form_name, sheet, id_per_desa)
    files = [Path(f) for values in given.values() for f in values]
    inputs = [
        *files,
        *(Path(f) for f in village_files.values()),
        *(p for p in (villages, code_changes) if p is not None),
    ]
    check_run_files({f"-o {o.name}": o for o in outputs}, [*inputs, *how.files])
    common = read_villages(villages) if villages else None
    totals = {
        label: read_villages(village_files[label]) if label in village_files else common
        for label in given
    }
    changes = read_code_changes(code_changes) if code_changes else None
    rounds, issues = read_rounds(
        given, how, totals, forms, na_policy=na_policy, quiet=quiet, lang=language
    )
    trends = compare_rounds(rounds, by=level, code_changes=changes, confidence=confidence)
    last = len(trends.perbandingan) - 1 if len(rounds) > 2 else 0
    first_label, last_label = trends.perbandingan[last]
    level_name = t(f"level.{trends.tingkat}", language)
    click.echo(t("title.compare", language, first=first_label, last=last_label, level=level_name))
    for info in trends.putaran:
        click.echo(
            t(
                "trends.round",
                language,
                label=info.label,
                files=", ".join(Path(s).name for s in info.sumber),
                form=info.formulir,
                villages=fmt_int(info.desa, language),
                households=fmt_int(info.rumah_tangga_disurvei, language),
                totals=t(
                    "trends.round.totals",
                    language,
                    known=fmt_int(info.desa_berjumlah, language),
                    source=Path(info.jumlah_rumah_tangga_dari.split(" (")[0]).name,
                )
                if info.desa_berjumlah
                else t("trends.round.no_totals", language),
            )
        )
    click.echo()
    click.echo(trends_table(trends, last, language))
    click.echo()
    click.echo(counts_line(trends, last, language))
    for line in statements(trends, last, language):
        click.echo(line)
    improvement = _most_improved(trends, replicates, seed, language)
    others = [f"{a} → {b}" for i, (a, b) in enumerate(trends.perbandingan) if i != last]
    if others:
        click.echo(t("trends.other_pairs", language, pairs=", ".join(others)))
    read = {id(t): t for t in totals.values() if t is not None}.values()
    found = [*(i for label in given for i in issues[label]), *(i for v in read for i in v.issues)]
    click.echo(text.issue_counts_line([*found, *trends.masalah], language))
    typed = how.options()
    for label, round_files in given.items():
        if issues[label] and not round_files[0].lower().endswith(".json"):
            command = shlex.join(["phbs", "validate", *round_files, *how.options(round_files)])
            click.echo(t("compare.issues.hint", language, label=label, command=command))
    for issue in trends.masalah:
        click.echo(f"  {issue.message(language)}")
    for output in outputs:
        if output.suffix.lower() == ".json":
            write_trends_json(
                trends, output, inputs, issues=found, reading=typed, improvement=improvement
            )
        else:
            write_trends_csv(trends, output, inputs, csv_format=csv_format)
        click.echo(t("written", language, path=output))


def _most_improved(trends: Trends, replicates: int, seed: int, lang: Lang) -> Improvement | None:
    """Who improved most from the first round to the last, printed; None when not asked, not
    by village, or not comparable (said why)."""
    if replicates == 0 or trends.tingkat != AreaLevel.DESA.value:
        return None
    try:
        improvement = rank_improvement(trends, replicates=replicates, seed=seed)
    except SettingsError as error:
        click.echo(t("trends.improvement.none", lang, reason=error.message(lang)))
        return None
    click.echo()
    for line in improvement_lines(improvement, lang):
        click.echo(line)
    return improvement
