"""``phbs rank``: rank contest villages with a rubric, judges' scores and the survey."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path

import click

from phbs.cli.baseline import Baseline, add_change, baseline_options
from phbs.cli.common import (
    ci_options,
    contest_options,
    csv_format_option,
    current_lang,
    lang_option,
    quiet_option,
    scoring_options,
    survey_file_options,
)
from phbs.cli.progress import RowsProgress, rows_progress
from phbs.cli.reading import SurveyReading, survey_reading
from phbs.cli.translated import command, option
from phbs.cli.uncertainty import uncertainty_options
from phbs.contest.assessment import Uncertainty, UncertaintyOptions
from phbs.contest.measures import VillageMeasures, measures_from_report, read_village_summary
from phbs.contest.models import InputRecord, Ranking, VillageStatus
from phbs.contest.rubric import Method
from phbs.contest.rubric_loading import DEFAULT_RUBRIC, LoadedRubric, load_rubric
from phbs.contest.run import ContestFiles, run_contest, survey_records
from phbs.errors import SettingsError
from phbs.forms.loading import load_form
from phbs.i18n import Lang, fmt_decimal, fmt_int, t
from phbs.ingest.publishable import check_publishable
from phbs.ingest.validate import read_survey
from phbs.ingest.villages import read_villages
from phbs.issues import Issue, Severity
from phbs.outputs import CsvFormat, check_run_files, input_file
from phbs.reports import text
from phbs.reports.contest import contest_view, percent_rule
from phbs.reports.denominators import ci_note
from phbs.reports.ranking import (
    agreement_line,
    notes_text,
    ranking_table,
    settings_line,
    write_ranking_csv,
    write_ranking_json,
)
from phbs.reports.uncertainty import uncertainty_text
from phbs.scoring.results import ScoreResult, score
from phbs.scoring.streaming import StreamedScore, score_recap
from phbs.scoring.summary import AreaReport, summarise


def _measures(
    files: list[Path],
    summary: Path | None,
    reading: SurveyReading,
    villages: Path | None,
    na_policy: str | None,
    ci_method: str = "wilson",
    ci: float = 0.95,
    progress: RowsProgress | None = None,
    lang: Lang = "id",
) -> tuple[
    VillageMeasures | None, list[Issue], list[InputRecord], AreaReport | None, ScoreResult | None
]:
    """Survey measures by village: scored here from survey files, or read from a summary;
    also the village report and the scored households when the survey was scored here."""
    if files and summary is not None:
        raise SettingsError(
            "Pilih salah satu: --survey (berkas survei) atau --summary (rekap desa)",
            "Give either --survey (survey files) or --summary (village summary), not both",
        )
    if summary is not None:
        if villages is not None:
            raise SettingsError(
                "--villages hanya untuk --survey; rekap --summary sudah memuat % dipantau",
                "--villages only applies to --survey; a --summary already holds % monitored",
            )
        return read_village_summary(summary), [], [], None, None
    if not files:
        return None, [], [], None, None
    try:
        survey = read_survey(
            files,
            load_form(reading.form),
            sheet=reading.sheet,
            id_scope=reading.id_scope,
            settings=reading.settings,
            mapping=reading.mapping,
            progress=progress,
        )
    finally:
        if progress is not None:
            progress.finish()
    check_publishable(survey)
    for line in text.reading_lines(survey, lang):  # how each file was read, as phbs score
        click.echo(line)
    totals = read_villages(villages) if villages else None
    # Village recaps (docs/aturan.md §6.7) are counts: no households to score or resample.
    result: ScoreResult | StreamedScore = (
        score_recap(survey, na_policy)
        if survey.recap_villages is not None
        else score(survey, na_policy)
    )
    report = summarise(result, by="desa", villages=totals, ci_method=ci_method, confidence=ci)
    issues = [*survey.issues, *(totals.issues if totals else []), *report.masalah]
    records = survey_records(survey.files, totals)
    households = result if isinstance(result, ScoreResult) else None
    return measures_from_report(report, "survei"), issues, records, report, households


def _print(
    ranking: Ranking,
    rubric: LoadedRubric,
    survey_issues: list[Issue],
    lang: Lang,
    survey: Sequence[str | Path] = (),
) -> None:
    view = contest_view(ranking, lang, rubric)
    click.echo(t("rank.title", lang, rubric=ranking.rubrik_id, version=ranking.rubrik_versi))
    click.echo(settings_line(ranking, lang))
    click.echo()
    click.echo(ranking_table(ranking, lang, view))
    click.echo(percent_rule(ranking, lang))
    click.echo()
    counts = dict.fromkeys(VillageStatus, 0)
    for village in ranking.desa:
        counts[village.status] += 1
    click.echo(
        t(
            "rank.counts",
            lang,
            ranked=counts[VillageStatus.RANKED],
            incomplete=counts[VillageStatus.INCOMPLETE],
            excluded=counts[VillageStatus.EXCLUDED],
            maximum=fmt_decimal(ranking.nilai_maksimum, lang, 4, trim=True),
        )
    )
    if ranking.metode is Method.TOPSIS:
        click.echo(t("rank.topsis", lang))
    notes = notes_text(ranking, lang)
    if notes:
        click.echo()
        click.echo(t("rank.notes", lang))
        click.echo(notes)
    if ranking.kesepakatan:
        click.echo()
        click.echo(t("rank.agreement.title", lang))
        view = contest_view(ranking, lang)
        for agreement in ranking.kesepakatan:
            click.echo(agreement_line(agreement, lang, view))
    click.echo()
    click.echo(text.issue_summary(ranking.masalah, lang))
    pairs = (("rank.issues.summary", ranking.masalah), ("rank.survey.issues", survey_issues))
    for key, issues in pairs:
        if key == "rank.issues.summary" or issues:
            found = text.severity_counts(issues)
            click.echo(
                t(
                    key,
                    lang,
                    errors=fmt_int(found[Severity.ERROR], lang),
                    warnings=fmt_int(found[Severity.WARNING], lang),
                    infos=fmt_int(found[Severity.INFO], lang),
                )
            )
    if survey_issues and survey:
        # The command that lists them, with the files and how they were read.
        click.echo(t("issues.hint", lang, files=shlex.join(str(f) for f in survey)))
    if survey_issues or ranking.masalah:
        click.echo(t("rank.issues.hint", lang))


@command("rank", help="rank")
@survey_file_options
@option(
    "--summary",
    type=click.Path(path_type=Path),
    default=None,
    metavar="BERKAS",
    help="rank.summary",
)
@contest_options(default_rubric=DEFAULT_RUBRIC)
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    metavar="BERKAS",
    help="rank.output",
)
@csv_format_option
@scoring_options
@quiet_option
@ci_options
@uncertainty_options
@baseline_options
@lang_option
@click.pass_context
def rank_command(
    ctx: click.Context,
    more_files: tuple[Path, ...],
    survey_files: tuple[Path, ...],
    summary: Path | None,
    rubric_name: str,
    judges: Path | None,
    attributes: Path | None,
    overrides: Path | None,
    method: str | None,
    rank_incomplete: bool,
    output: Path | None,
    csv_format: CsvFormat,
    form_name: str,
    sheet: str | None,
    villages: Path | None,
    na_policy: str | None,
    id_per_desa: bool,
    quiet: bool,
    ci_method: str,
    confidence: float,
    uncertainty: UncertaintyOptions,
    baseline: Baseline,
) -> None:
    """Rank contest villages and print the ranking (help: ``cmd.rank``)."""
    language = current_lang(ctx)
    if more_files and not survey_files:
        raise SettingsError(
            f"Berkas tanpa opsi: {' '.join(map(str, more_files))}; pakai --survey BERKAS...",
            f"Files without an option: {' '.join(map(str, more_files))}; use --survey FILES...",
        )
    files = [*survey_files, *more_files]
    if output is not None and output.suffix.lower() not in {".csv", ".json"}:
        raise SettingsError(
            f"-o {output}: akhiran berkas harus .csv atau .json",
            f"-o {output}: file name must end in .csv or .json",
        )
    given = [p for p in (summary, judges, attributes, overrides, villages) if p is not None]
    reading = survey_reading(ctx, form_name, sheet, id_per_desa)
    given += baseline.files()
    check_run_files({"-o": output}, [*files, *given, input_file(rubric_name), *reading.files])
    loaded = load_rubric(rubric_name)
    inputs = [*files, *given, loaded.path]
    measures, survey_issues, records, report, result = _measures(
        files,
        summary,
        reading,
        villages,
        na_policy,
        ci_method,
        confidence,
        rows_progress(quiet, language),
        language,
    )
    measures, more_issues, more_records = add_change(
        measures, baseline, (report, summary, files), reading, na_policy, language
    )
    survey_issues, records = [*survey_issues, *more_issues], [*records, *more_records]
    run = run_contest(
        loaded,
        measures,
        report,
        ContestFiles(judges, attributes, overrides),
        records,
        method=method,
        rank_incomplete=rank_incomplete,
        uncertainty=uncertainty,
        households=result,
    )
    ranking = run.ranking
    asked = run.uncertainty is not None
    # The uncertainty columns and table appear only when asked for, so the plain ranking
    # keeps its documented columns.
    found = run.uncertainty or Uncertainty()
    if ctx.get_parameter_source("rubric_name") is click.core.ParameterSource.DEFAULT:
        click.echo(t("rank.default_rubric", language, rubric=rubric_name))
    _print(ranking, loaded, survey_issues, language, [*files, *reading.options()])
    if asked:
        click.echo()
        click.echo(t("unc.title", language))
        click.echo(uncertainty_text(ranking, found, language))
        click.echo(ci_note(ci_method, confidence, villages is not None, language))
    if output is not None:
        if output.suffix.lower() == ".json":
            write_ranking_json(ranking, output, language, inputs, survey_issues, found.document())
        else:
            write_ranking_csv(
                ranking,
                output,
                language,
                inputs,
                (found.columns(), found.cells()),
                csv_format=csv_format,
            )
        click.echo(t("written", language, path=output))
    failed = any(i.severity is Severity.ERROR for i in ranking.masalah)
    ctx.exit(1 if failed else 0)
