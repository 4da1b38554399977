"""``phbs forms``: list bundled forms, show one, and hand it out for the field.

``xlsform`` writes an XLSForm for ODK Collect / KoBoCollect (docs/aturan.md §10.2).
"""

from __future__ import annotations

from pathlib import Path

import click

from phbs.cli.common import current_lang, lang_option
from phbs.errors import SettingsError
from phbs.forms.loading import bundled_forms, load_form
from phbs.forms.model import HouseholdClass
from phbs.i18n import t
from phbs.outputs import check_run_files, input_file
from phbs.reports.text import format_table


@click.group("forms")
def forms_group() -> None:
    """Formulir survei: daftar, rincian, XLSForm, templat Excel dan formulir kertas."""


@forms_group.command("list")
@lang_option
@click.pass_context
def list_forms(ctx: click.Context) -> None:
    """Daftar formulir bawaan."""
    language = current_lang(ctx)
    rows = []
    for name in bundled_forms():
        form = load_form(name).form
        title = form.title_en if language == "en" else form.title
        rows.append([name, str(len(form.indicators)), form.na_policy.value, title])
    headers = [
        "nama" if language == "id" else "name",
        "indikator" if language == "id" else "indicators",
        "na_policy",
        "judul" if language == "id" else "title",
    ]
    click.echo(t("forms.title", language))
    click.echo(format_table(headers, rows, {1}))


@forms_group.command("show")
@click.argument("name", metavar="NAMA|BERKAS")
@lang_option
@click.pass_context
def show_form(ctx: click.Context, name: str) -> None:
    """Rincian satu formulir: indikator, keberlakuan, jawaban dan kelas."""
    language = current_lang(ctx)
    loaded = load_form(name)
    form = loaded.form
    en = language == "en"
    click.echo(f"{form.id} — {form.title_en if en else form.title} (versi {form.version})")
    click.echo(f"{'File' if en else 'Berkas'}: {loaded.path}")
    click.echo(f"SHA-256: {loaded.sha256}")
    click.echo(f"na_policy: {form.na_policy.value}")
    click.echo(("Sources" if en else "Sumber") + ":")
    for source in form.sources:
        click.echo(f"  - {source}")
    click.echo()
    for ctx_field in form.context:
        label = ctx_field.name_en if en else ctx_field.name
        blank = ctx_field.blank_meaning_en if en else ctx_field.blank_meaning
        click.echo(
            f"{'Context' if en else 'Penentu'}: {ctx_field.code} — {label}, "
            f"{ctx_field.minimum}–{ctx_field.maximum}; {'blank' if en else 'kosong'} = {blank}"
        )
    click.echo()
    for indicator in form.indicators:
        name_text = indicator.name_en if en else indicator.name
        question = indicator.question_en if en else indicator.question
        rule = indicator.applies_to
        applies = rule.description_en if en else rule.description
        mark = (
            ("'-' allowed" if en else "'-' boleh")
            if indicator.na_mark_allowed
            else ("'-' not allowed" if en else "'-' tidak boleh")
        )
        click.echo(f"{indicator.number:>2}. {indicator.code} — {name_text}")
        click.echo(f"    {question}")
        click.echo(f"    {'Applies to' if en else 'Berlaku untuk'}: {applies}; {mark}")
    click.echo()
    answers = form.answers
    click.echo(f"Ya: {', '.join(answers.ya)}")
    click.echo(f"Tidak: {', '.join(answers.tidak)}")
    click.echo(f"{'Not applicable' if en else 'Tidak berlaku'}: {', '.join(answers.tidak_berlaku)}")
    if form.classes is not None:
        click.echo()
        local = "" if form.classes.official else (" — local" if en else " — klasifikasi lokal")
        click.echo(("Classes" if en else "Kelas") + f" ({form.classes.source}{local}):")
        for klass in form.classes.classes:
            healthy = (" — healthy" if en else " — sehat") if klass.healthy else ""
            label = klass.name_en if en else klass.name
            span = _class_span(klass, form.classes.basis)
            click.echo(f"  {klass.code}: {label} ({klass.colour}) {span}{healthy}")
    for note in form.notes:
        click.echo(f"\n{note}")


def _class_span(klass: HouseholdClass, basis: str) -> str:
    """``6–10`` for a met-count class; ``0.5 ≤ indeks ≤ 0.8`` for an index class."""
    if basis != "index":
        return f"{klass.min_met}–{klass.max_met}"
    low, high = klass.min_index, klass.max_index
    low_sign = "≤" if klass.min_inclusive else "<"
    high_sign = "≤" if klass.max_inclusive else "<"
    return f"{low:.3f} {low_sign} indeks {high_sign} {high:.3f}"


def _written(language: str, path: Path) -> None:
    click.echo(f"{'Written' if language == 'en' else 'Ditulis'}: {path}")


kabupaten_option = click.option(
    "--kabupaten",
    default=None,
    metavar="PP.KK",
    help="Kode kabupaten/kota (mis. 63.10): pilihan desa dari tabel kode wilayah.",
)


@forms_group.command("xlsform")
@click.argument("name", metavar="NAMA|BERKAS")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="Berkas XLSForm (.xlsx) untuk ODK Central / KoBoToolbox.",
)
@kabupaten_option
@lang_option
@click.pass_context
def xlsform_command(ctx: click.Context, name: str, output: Path, kabupaten: str | None) -> None:
    """Tulis formulir sebagai XLSForm untuk ODK Collect / KoBoCollect.

    Contoh: phbs forms xlsform kemenkes-rt-10 -o formulir.xlsx --kabupaten 63.10
    """
    from phbs.reports.fieldforms.xlsform import write_xlsform

    _require_xlsx(output)
    check_run_files({"-o": output}, [input_file(name)])
    write_xlsform(load_form(name).form, output, kabupaten=kabupaten)
    _written(current_lang(ctx), output)


def _require_xlsx(path: Path) -> None:
    if path.suffix.lower() != ".xlsx":
        raise SettingsError(
            f"-o {path}: akhiran berkas harus .xlsx", f"-o {path}: file name must end in .xlsx"
        )


@forms_group.command("template")
@click.argument("name", metavar="NAMA|BERKAS")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="Berkas Excel (.xlsx) untuk mengetik formulir kertas.",
)
@kabupaten_option
@click.option(
    "--rows",
    type=click.IntRange(1, 100_000),
    default=1000,
    show_default=True,
    help="Jumlah baris yang disiapkan dengan pilihan jawaban.",
)
@lang_option
@click.pass_context
def template_command(
    ctx: click.Context, name: str, output: Path, kabupaten: str | None, rows: int
) -> None:
    """Tulis templat Excel untuk mengetik formulir kertas (pilihan Ya / Tidak / -).

    Lembar pertama 'Data' dibaca langsung: phbs score entri.xlsx
    """
    from phbs.reports.fieldforms.entry_template import write_entry_template

    _require_xlsx(output)
    check_run_files({"-o": output}, [input_file(name)])
    write_entry_template(load_form(name).form, output, kabupaten=kabupaten, rows=rows)
    _written(current_lang(ctx), output)


@forms_group.command("print")
@click.argument("name", metavar="NAMA|BERKAS")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="Berkas HTML (.html) untuk dicetak A4 mendatar.",
)
@click.option(
    "--households",
    type=click.IntRange(1, 30),
    default=10,
    show_default=True,
    help="Rumah tangga per lembar.",
)
@click.option(
    "--sheets", type=click.IntRange(1, 100), default=1, show_default=True, help="Jumlah lembar."
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
    """Tulis formulir kertas kader (A4, definisi operasional di halaman belakang).

    Buka berkas HTML di peramban lalu cetak (Ctrl+P).
    """
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


@forms_group.command("check")
@click.argument("path", metavar="BERKAS", type=click.Path(path_type=Path))
@lang_option
@click.pass_context
def check_command(ctx: click.Context, path: Path) -> None:
    """Periksa berkas formulir sendiri dan jelaskan setiap kesalahan.

    Kode keluar 0 bila sah, 1 bila ada masalah.
    """
    from phbs.forms.check import check_form

    en = current_lang(ctx) == "en"
    problems = check_form(path)
    if not problems:
        form = load_form(path).form
        click.echo(
            f"OK: {path} — {form.id}, {len(form.indicators)} "
            + ("indicators" if en else "indikator")
        )
        return
    click.echo(f"{path}: {len(problems)} " + ("problems" if en else "masalah"))
    for problem in problems:
        click.echo(f"  {problem.location}: {problem.message}")
        click.echo(f"      → {problem.explanation_en if en else problem.explanation_id}")
    ctx.exit(1)
