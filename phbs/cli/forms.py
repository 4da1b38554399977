"""``phbs forms``: list bundled forms, show one, and hand it out for the field.

``xlsform`` writes an XLSForm for ODK Collect / KoBoCollect (docs/aturan.md §10.2).
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import click

from phbs.cli.common import current_lang, lang_option
from phbs.cli.translated import argument, group, group_lang_option, option
from phbs.errors import SettingsError
from phbs.forms.classes import class_span
from phbs.forms.loading import bundled_forms, load_form
from phbs.forms.model import Form
from phbs.i18n import LABELS, Lang, t
from phbs.outputs import check_run_files, input_file
from phbs.reports.strata import describe_strata, form_strata
from phbs.reports.text import format_table


@group("forms", help="forms")
@group_lang_option
def forms_group() -> None:
    """Survey forms: list, show, XLSForm, Excel template, paper form (help: ``cmd.forms``)."""


@forms_group.command("list", help="forms.list")
@lang_option
@click.pass_context
def list_forms(ctx: click.Context) -> None:
    """The bundled forms, one line each."""
    language = current_lang(ctx)
    rows = []
    for name in bundled_forms():
        form = load_form(name).form
        title = form.title_en if language == "en" else form.title
        policy = t(f"na_policy.{form.na_policy.value}", language)
        rows.append([name, str(len(form.indicators)), policy, title])
    headers = [t(f"forms.col.{k}", language) for k in ("name", "indicators", "na_policy", "title")]
    click.echo(t("forms.title", language))
    click.echo(format_table(headers, rows, {1}))


@forms_group.command("show", help="forms.show")
@argument("name", metavar="NAMA|BERKAS")
@lang_option
@click.pass_context
def show_form(ctx: click.Context, name: str) -> None:
    """One form: indicators, when they apply, answers and classes, each rule with its source."""
    language = current_lang(ctx)
    loaded = load_form(name)
    form = loaded.form
    en = language == "en"
    title = form.title_en if en else form.title
    click.echo(t("forms.show.title", language, id=form.id, title=title, version=form.version))
    click.echo(t("forms.show.file", language, path=loaded.path))
    click.echo(f"SHA-256: {loaded.sha256}")
    setting = t(f"forms.setting.{form.setting}", language)
    click.echo(t("forms.show.setting", language, setting=setting))
    _source(form.setting_source, language, "  ")
    click.echo(t("forms.show.outcome", language))
    _source(form.outcome_source, language, "  ")
    policy = form.na_policy.value
    click.echo(
        t("forms.show.na_policy", language, policy=t(f"na_policy.{policy}", language), id=policy)
    )
    _source(form.na_policy_source, language, "  ")
    _show_denominators(form, language)
    click.echo(t("forms.show.sources", language))
    for source in form.sources:
        click.echo(f"  - {source}")
    if form.identity is not None:
        identity = form.identity
        fields = ", ".join(f.name_en if en else f.name for f in identity.fields)
        label = identity.title_en if en else identity.title
        click.echo(t("forms.show.identity", language, title=label, fields=fields))
        _source(identity.source, language, "  ")
    click.echo()
    for ctx_field in form.context:
        click.echo(
            t(
                "forms.show.context",
                language,
                code=ctx_field.code,
                label=ctx_field.name_en if en else ctx_field.name,
                minimum=ctx_field.minimum,
                maximum=ctx_field.maximum,
                blank=ctx_field.blank_meaning_en if en else ctx_field.blank_meaning,
            )
        )
        _source(ctx_field.source, language, "  ")
    click.echo()
    for indicator in form.indicators:
        name_text = indicator.name_en if en else indicator.name
        question = indicator.question_en if en else indicator.question
        rule = indicator.applies_to
        applies = rule.description_en if en else rule.description
        mark = t(f"forms.show.na_mark.{'yes' if indicator.na_mark_allowed else 'no'}", language)
        click.echo(f"{indicator.number:>2}. {indicator.code} — {name_text}")
        click.echo(_wrapped(question, "    "))
        _source(indicator.source, language, "    ")
        click.echo("    " + t("forms.show.applies", language, applies=applies, mark=mark))
        _source(rule.source, language, "    ")
    click.echo()
    answers = form.answers
    for key, spellings in (
        ("yes", answers.ya),
        ("no", answers.tidak),
        ("na", answers.tidak_berlaku),
    ):
        click.echo(t(f"forms.show.{key}", language, answers=", ".join(spellings)))
    _source(answers.source, language, "  ")
    if form.classes is not None:
        click.echo()
        local = "" if form.classes.official else t("forms.show.local", language)
        click.echo(t("forms.show.classes", language, local=local))
        _source(form.classes.source, language, "  ")
        for position, klass in enumerate(form.classes.classes):
            healthy = t("forms.show.healthy", language) if klass.healthy else ""
            label = klass.name_en if en else klass.name
            span = class_span(form.classes, position, language)
            colour = _colour(klass.colour, language)
            click.echo(f"  {klass.code}: {label}{colour} {span}{healthy}")
    for note in form.notes:
        click.echo(f"\n{note}")


def _colour(colour: str, lang: Lang) -> str:
    """`` (merah)`` / `` (red)``: a card colour in the language, left out in English when
    the catalogue does not know its English name."""
    key = f"colour.{colour.strip().casefold()}"
    if key in LABELS:
        return f" ({t(key, lang)})"
    return f" ({colour})" if lang == "id" and colour.strip() else ""


def _show_denominators(form: Form, lang: Lang) -> None:
    """The denominators of the area measures and the village strata, each with its source
    (docs/aturan.md §5.1, §4.2, §5.6)."""
    bases = form.denominators
    words = t(f"denominator.persen_ber_phbs.{bases.persen_ber_phbs.value}", lang)
    click.echo(_wrapped(t("forms.show.denominator", lang, how=words), ""))
    if form.classes is not None and form.classes.basis == "index":
        words = t(f"denominator.iks_wilayah.{bases.iks_wilayah.value}", lang)
        click.echo(_wrapped(t("forms.show.denominator.iks", lang, how=words), ""))
    _source(bases.source, lang, "  ")
    if form.village_strata is not None:
        strata = describe_strata(form_strata(form, lang))
        click.echo(t("forms.show.strata", lang, strata=strata))
        _source(form.village_strata.source, lang, "  ")


def _source(source: str | None, lang: Lang, indent: str) -> None:
    """A rule's source under it (``Sumber: …``), wrapped to the terminal."""
    text = t("forms.show.source", lang, source=source or t("forms.show.no_source", lang))
    click.echo(_wrapped(text, indent))


def _wrapped(text: str, indent: str) -> str:
    """``text`` indented and wrapped to the terminal (at most 100 columns), later lines
    indented two more."""
    width = min(100, shutil.get_terminal_size((100, 24)).columns)
    return textwrap.fill(
        text,
        width=max(width, 40),
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def _written(language: Lang, path: Path) -> None:
    click.echo(t("written", language, path=path))


kabupaten_option = option("--kabupaten", default=None, metavar="PP.KK", help="forms.kabupaten")


@forms_group.command("xlsform", help="forms.xlsform")
@argument("name", metavar="NAMA|BERKAS")
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    metavar="BERKAS",
    help="forms.xlsform.output",
)
@kabupaten_option
@option("--form-id", default=None, metavar="ID", help="forms.xlsform.form_id")
@option("--form-version", default=None, metavar="VERSI", help="forms.xlsform.version")
@lang_option
@click.pass_context
def xlsform_command(
    ctx: click.Context,
    name: str,
    output: Path,
    kabupaten: str | None,
    form_id: str | None,
    form_version: str | None,
) -> None:
    """Write a form as an XLSForm."""
    from phbs.reports.fieldforms.xlsform import write_xlsform

    _require_xlsx(output)
    check_run_files({"-o": output}, [input_file(name)])
    write_xlsform(
        load_form(name).form,
        output,
        kabupaten=kabupaten,
        form_id=form_id,
        version=form_version,
    )
    _written(current_lang(ctx), output)


def _require_xlsx(path: Path) -> None:
    if path.suffix.lower() != ".xlsx":
        raise SettingsError(
            f"-o {path}: akhiran berkas harus .xlsx", f"-o {path}: file name must end in .xlsx"
        )


@forms_group.command("template", help="forms.template")
@argument("name", metavar="NAMA|BERKAS")
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    metavar="BERKAS",
    help="forms.template.output",
)
@kabupaten_option
@option(
    "--rows",
    type=click.IntRange(1, 100_000),
    default=1000,
    show_default=True,
    metavar="N",
    help="forms.template.rows",
)
@lang_option
@click.pass_context
def template_command(
    ctx: click.Context, name: str, output: Path, kabupaten: str | None, rows: int
) -> None:
    """Write an Excel template for typing in paper forms."""
    from phbs.reports.fieldforms.entry_template import write_entry_template

    _require_xlsx(output)
    check_run_files({"-o": output}, [input_file(name)])
    write_entry_template(load_form(name).form, output, kabupaten=kabupaten, rows=rows)
    _written(current_lang(ctx), output)


@forms_group.command("print", help="forms.print")
@argument("name", metavar="NAMA|BERKAS")
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    metavar="BERKAS",
    help="forms.print.output",
)
@option(
    "--households",
    type=click.IntRange(1, 30),
    default=10,
    show_default=True,
    metavar="N",
    help="forms.print.households",
)
@option(
    "--sheets",
    type=click.IntRange(1, 100),
    default=1,
    show_default=True,
    metavar="N",
    help="forms.print.sheets",
)
@kabupaten_option
@lang_option
@click.pass_context
def print_command(
    ctx: click.Context,
    name: str,
    output: Path,
    households: int,
    sheets: int,
    kabupaten: str | None,
) -> None:
    """Write the cadres' paper form as HTML to print."""
    from phbs.reports.fieldforms.paper_form import write_paper_form

    if output.suffix.lower() not in (".html", ".htm"):
        raise SettingsError(
            f"-o {output}: akhiran berkas harus .html", f"-o {output}: file name must end in .html"
        )
    check_run_files({"-o": output}, [input_file(name)])
    write_paper_form(
        load_form(name).form, output, households=households, sheets=sheets, kabupaten=kabupaten
    )
    _written(current_lang(ctx), output)


@forms_group.command("check", help="forms.check")
@argument("path", metavar="BERKAS", type=click.Path(path_type=Path))
@lang_option
@click.pass_context
def check_command(ctx: click.Context, path: Path) -> None:
    """Check a form file of one's own and explain every mistake (exit 1 when any)."""
    from phbs.forms.check import check_form, readable_location
    from phbs.forms.sources import unsourced_rules

    language = current_lang(ctx)
    en = language == "en"
    problems = check_form(path)
    if not problems:
        form = load_form(path).form
        count = len(form.indicators)
        click.echo(t("forms.check.ok", language, path=path, form=form.id, count=count))
        unsourced = unsourced_rules(form)
        if unsourced:
            click.echo(t("forms.check.unsourced", language, count=len(unsourced)))
            keys = [(i.number, i.code) for i in form.indicators]
            for location in unsourced:
                click.echo(f"  {readable_location(location, keys)}")
        return
    click.echo(t("forms.check.problems", language, path=path, count=len(problems)))
    for problem in problems:
        click.echo(f"  {problem.place}: {problem.message}")
        click.echo(f"      → {problem.explanation_en if en else problem.explanation_id}")
    ctx.exit(1)
