"""``phbs rubric``: list and show contest rubrics, derive weights by pairwise comparison (AHP)."""

from __future__ import annotations

from pathlib import Path

import click

from phbs.cli.common import current_lang, lang_option
from phbs.cli.translated import argument, group, group_lang_option, option
from phbs.cli.words import aggregation_name, breaker_names, method_name, rubric_names
from phbs.contest.notes import measure_label
from phbs.contest.rubric import (
    AttributeSource,
    BandMapping,
    Criterion,
    JudgeSource,
    LinearMapping,
    Rubric,
    SurveySource,
    ValueTable,
)
from phbs.contest.rubric_loading import bundled_rubrics, load_rubric
from phbs.contest.weights import (
    consistency_line,
    read_pairwise,
    rubric_weights,
    write_ahp_rubric,
)
from phbs.errors import SettingsError
from phbs.i18n import Lang, fmt_decimal, t
from phbs.outputs import check_run_files, input_file
from phbs.reports.text import format_table


def _number(value: float, lang: Lang) -> str:
    """A weight, score or bound as written in the rubric: ``0,5``, ``35`` (no trailing zeros)."""
    return fmt_decimal(value, lang, 4, trim=True)


@group("rubric", help="rubric")
@group_lang_option
def rubric_group() -> None:
    """Contest rubrics: list, show, AHP weights (help: ``cmd.rubric``)."""


@rubric_group.command("list", help="rubric.list")
@lang_option
@click.pass_context
def list_rubrics(ctx: click.Context) -> None:
    """The bundled rubrics, one line each."""
    language = current_lang(ctx)
    en = language == "en"
    rows = []
    for name in bundled_rubrics():
        rubric = load_rubric(name).rubric
        groups = " / ".join(
            f"{g.name_en if en else g.name} {_number(g.weight, language)}" for g in rubric.groups
        )
        title = rubric.title_en if en else rubric.title
        rows.append([name, method_name(rubric.method.value, language), groups, title])
    headers = [t(f"rubric.col.{k}", language) for k in ("name", "method", "weights", "title")]
    click.echo(t("rubric.list.title", language))
    click.echo(format_table(headers, rows, set()))


def _bands(mapping: BandMapping, lang: Lang) -> str:
    return ", ".join(
        f"≥ {_number(b.minimum, lang)} → {_number(b.score, lang)}" for b in mapping.bands
    )


def _source_text(item: Criterion, lang: Lang) -> list[str]:
    source = item.source
    en = lang == "en"
    lines = []
    if isinstance(source, JudgeSource):
        if source.options is None:
            lines.append(t("rubric.show.judge", lang))
        else:
            lines.append(t("rubric.show.judge_options", lang))
            for letter, choice in source.options.items():
                text = choice.text_en if en else choice.text
                lines.append(f"  {letter} = {_number(choice.score, lang)}: {text}")
    elif isinstance(source, SurveySource):
        how = t("rubric.show.as_is", lang)
        if isinstance(source.mapping, LinearMapping):
            low, high = source.mapping.low, source.mapping.high
            how = t("rubric.show.linear", lang, low=_number(low, lang), high=_number(high, lang))
        elif isinstance(source.mapping, BandMapping):
            how = _bands(source.mapping, lang)
        # The line already says "survei:"; the label's own "(survei)" would double it.
        measure = measure_label(source.measure)[en].removesuffix(" (survey)" if en else " (survei)")
        lines.append(t("rubric.show.survey", lang, measure=measure, how=how))
    elif isinstance(source, AttributeSource):
        mapping = source.mapping
        if isinstance(mapping, ValueTable):
            how = ", ".join(f"{k} → {_number(v, lang)}" for k, v in mapping.values.items())
        else:
            how = _bands(mapping, lang)
        lines.append(t("rubric.show.attribute", lang, attribute=source.attribute, how=how))
    evidence = item.evidence_en if en else item.evidence
    if evidence:
        lines.append(t("rubric.show.evidence", lang, evidence=evidence))
    return [*lines, *_reference(item.reference, lang)]


def _reference(reference: str | None, lang: Lang) -> list[str]:
    """The line saying where a rule comes from (docs/aturan.md §7.1), when the rubric says."""
    return [t("rubric.show.reference", lang, reference=reference)] if reference else []


def _echo(line: str, reference: str | None, lang: Lang, indent: str = "    ") -> None:
    """A rule and, under it, its reference."""
    click.echo(line)
    for extra in _reference(reference, lang):
        click.echo(f"{indent}{extra}")


def _show(rubric: Rubric, lang: Lang) -> None:
    en = lang == "en"
    refs = rubric.references
    method = method_name(rubric.method.value, lang)
    _echo(t("rubric.show.method", lang, method=method), refs.method, lang)
    _echo(t("rubric.show.decimals", lang, decimals=rubric.decimals), refs.decimals, lang)
    rounding = "rubric.show.rounded" if rubric.round_before_band else "rubric.show.not_rounded"
    _echo(t(rounding, lang), refs.round_before_band, lang)
    judges = rubric.judges
    how = aggregation_name(judges.aggregation.value, lang)
    if judges.aggregation.value == "trimmed_mean":
        how += f" ({_number(judges.trim_proportion, lang)})"
    low = _number(judges.low_agreement, lang)
    _echo(t("rubric.show.judges", lang, how=how, low=low), judges.reference, lang)
    bands = ", ".join(
        f"{(b.label_en if en else b.label)} ≥ {_number(b.minimum, lang)}" for b in rubric.bands
    )
    _echo(t("rubric.show.bands", lang, bands=bands), refs.bands, lang)
    if refs.option_scores:
        _echo(t("rubric.show.option_scores", lang), refs.option_scores, lang)
    for part in rubric.groups:
        click.echo()
        name = part.name_en if en else part.name
        weight = _number(part.weight, lang)
        line = t("rubric.show.group", lang, id=part.id, name=name, weight=weight)
        _echo(line, part.reference, lang)
        for item in part.criteria:
            weight = f" (× {_number(item.weight, lang)})" if item.weight != 1 else ""
            click.echo(f"  {item.id}{weight} — {item.name_en if en else item.name}")
            for line in _source_text(item, lang):
                click.echo(f"      {line}")
    click.echo()
    groups, criteria = rubric_names(rubric, lang)
    breakers = breaker_names([b.key for b in rubric.tie_breakers], groups, criteria, lang)
    click.echo(t("rubric.show.tie_breakers", lang, breakers=breakers))
    for number, breaker in enumerate(rubric.tie_breakers, 1):
        name = breaker_names([breaker.key], groups, criteria, lang)
        _echo(f"  {number}. {name}", breaker.reference, lang, indent="      ")
    if rubric.notes:
        click.echo()
        click.echo(t("rubric.show.notes", lang))
        for note in rubric.notes:
            click.echo(f"  - {note}")


@rubric_group.command("show", help="rubric.show")
@argument("name", metavar="NAMA|BERKAS")
@lang_option
@click.pass_context
def show_rubric(ctx: click.Context, name: str) -> None:
    """One rubric: groups, weights, criteria, score sources, tie-breakers."""
    language = current_lang(ctx)
    loaded = load_rubric(name)
    rubric = loaded.rubric
    title = rubric.title_en if language == "en" else rubric.title
    click.echo(t("forms.show.title", language, id=rubric.id, title=title, version=rubric.version))
    if rubric.edition:
        click.echo(t("rubric.show.edition", language, edition=rubric.edition))
    click.echo(t("forms.show.file", language, path=loaded.path))
    click.echo(f"SHA-256: {loaded.sha256}")
    click.echo(t("rubric.show.sources", language))
    for source in rubric.sources:
        click.echo(f"  - {source}")
    _show(rubric, language)


@rubric_group.command("ahp", help="rubric.ahp")
@argument("matrix", type=click.Path(path_type=Path), metavar="MATRIKS")
@option("--sheet", default=None, metavar="LEMBAR", help="rubric.ahp.sheet")
@option("--force", is_flag=True, help="rubric.ahp.force")
@option(
    "--write-into",
    type=click.Path(path_type=Path),
    default=None,
    metavar="RUBRIK",
    help="rubric.ahp.write_into",
)
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    metavar="BERKAS",
    help="rubric.ahp.output",
)
@lang_option
@click.pass_context
def ahp_command(
    ctx: click.Context,
    matrix: Path,
    sheet: str | None,
    force: bool,
    write_into: Path | None,
    output: Path | None,
) -> None:
    """Weights from a pairwise comparison matrix (AHP); refuses CR > 0.10 unless forced."""
    language = current_lang(ctx)
    if (write_into is None) != (output is None):
        raise SettingsError(
            "--write-into dan -o harus dipakai bersama",
            "--write-into and -o must be given together",
        )
    if output is not None and output.suffix.lower() not in {".yaml", ".yml"}:
        raise SettingsError(
            f"-o {output}: akhiran berkas harus .yaml", f"-o {output}: file name must end in .yaml"
        )
    check_run_files({"-o": output}, [matrix, input_file(write_into)])
    loaded = load_rubric(write_into) if write_into is not None else None
    pairwise = read_pairwise(matrix, sheet=sheet)
    result = pairwise.result
    click.echo(t("rubric.ahp.title", language, file=pairwise.source))
    click.echo()
    rows = [
        [label, fmt_decimal(w, language, 4)]
        for label, w in zip(pairwise.labels, result.weights, strict=True)
    ]
    new: dict[str, float] = {}
    headers = [t("rubric.ahp.col.item", language), t("rubric.ahp.col.weight", language)]
    if loaded is not None:
        kind, new, total = rubric_weights(loaded.rubric, pairwise.labels, result.weights)
        headers.append(t("rubric.ahp.col.rubric", language))
        rows = [[*row, _number(new[row[0]], language)] for row in rows]
    click.echo(format_table(headers, rows, {1, 2}))
    click.echo()
    click.echo(consistency_line(pairwise, language))
    if not result.is_consistent and not force:
        cr = fmt_decimal(result.consistency_ratio, language, 3)
        click.echo(t("rubric.ahp.inconsistent", language, cr=cr), err=True)
        ctx.exit(1)
    click.echo(
        t("rubric.ahp.forced" if not result.is_consistent else "rubric.ahp.consistent", language)
    )
    if loaded is None or output is None:
        return
    label = t(f"rubric.ahp.kind.{kind}", language)
    click.echo(t("rubric.ahp.scaled", language, total=_number(total, language), kind=label))
    write_ahp_rubric(loaded, kind, new, output, [matrix])
    click.echo(t("written", language, path=output))
