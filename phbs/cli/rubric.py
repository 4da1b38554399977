"""``phbs rubric``: list and show contest rubrics, derive weights by pairwise comparison (AHP)."""

from __future__ import annotations

from pathlib import Path

import click

from phbs.cli.common import current_lang, lang_option
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
from phbs.contest.weights import read_pairwise, rubric_weights, write_weights_into
from phbs.errors import SettingsError
from phbs.i18n import Lang, t
from phbs.outputs import atomic_text, check_run_files, input_file
from phbs.reports.text import format_table


@click.group("rubric")
def rubric_group() -> None:
    """Rubrik lomba desa: daftar, rincian, dan bobot AHP."""


@rubric_group.command("list")
@lang_option
@click.pass_context
def list_rubrics(ctx: click.Context) -> None:
    """Daftar rubrik bawaan."""
    language = current_lang(ctx)
    rows = []
    for name in bundled_rubrics():
        rubric = load_rubric(name).rubric
        groups = " / ".join(f"{g.id} {g.weight:g}" for g in rubric.groups)
        title = rubric.title_en if language == "en" else rubric.title
        rows.append([name, rubric.method.value, groups, title])
    en = language == "en"
    headers = [
        "name" if en else "nama",
        "method" if en else "metode",
        "bobot",
        "title" if en else "judul",
    ]
    click.echo(t("rubric.list.title", language))
    click.echo(format_table(headers, rows, set()))


def _source_text(item: Criterion, en: bool) -> list[str]:
    source = item.source
    lines = []
    if isinstance(source, JudgeSource):
        if source.options is None:
            lines.append("judge: 0–100" + (" per judge" if en else " per juri"))
        else:
            lines.append("judge: " + ("options" if en else "pilihan"))
            for letter, option in source.options.items():
                lines.append(
                    f"  {letter} = {option.score:g}: {option.text_en if en else option.text}"
                )
    elif isinstance(source, SurveySource):
        how = "as is" if en else "apa adanya"
        if isinstance(source.mapping, LinearMapping):
            how = f"linear {source.mapping.low:g} → 0, {source.mapping.high:g} → 100"
        elif isinstance(source.mapping, BandMapping):
            how = ", ".join(f"≥ {b.minimum:g} → {b.score:g}" for b in source.mapping.bands)
        lines.append(f"survey: {source.measure} ({how})")
    elif isinstance(source, AttributeSource):
        mapping = source.mapping
        if isinstance(mapping, ValueTable):
            how = ", ".join(f"{k} → {v:g}" for k, v in mapping.values.items())
        else:
            how = ", ".join(f"≥ {b.minimum:g} → {b.score:g}" for b in mapping.bands)
        lines.append(f"attribute: {source.attribute} ({how})")
    evidence = item.evidence_en if en else item.evidence
    if evidence:
        lines.append(("evidence: " if en else "bukti: ") + evidence)
    return lines


def _show(rubric: Rubric, lang: Lang) -> None:
    en = lang == "en"
    click.echo(f"{'Method' if en else 'Metode'}: {rubric.method.value}")
    judges = rubric.judges
    click.echo(
        f"{'Judges' if en else 'Juri'}: {judges.aggregation.value}"
        + (f" ({judges.trim_proportion:g})" if judges.aggregation.value == "trimmed_mean" else "")
        + f"; W < {judges.low_agreement:g} = {'low' if en else 'rendah'}"
    )
    bands = ", ".join(f"{(b.label_en if en else b.label)} ≥ {b.minimum:g}" for b in rubric.bands)
    click.echo(f"{'Labels' if en else 'Predikat'}: {bands}")
    for group in rubric.groups:
        click.echo()
        name = group.name_en if en else group.name
        click.echo(f"[{group.id}] {name} — {'weight' if en else 'bobot'} {group.weight:g}")
        for item in group.criteria:
            weight = f" (× {item.weight:g})" if item.weight != 1 else ""
            click.echo(f"  {item.id}{weight} — {item.name_en if en else item.name}")
            for line in _source_text(item, en):
                click.echo(f"      {line}")
    click.echo()
    breakers = ", ".join(b.key for b in rubric.tie_breakers) or t("rank.none", lang)
    click.echo(f"{'Tie-breakers' if en else 'Penentu seri'}: {breakers}")


@rubric_group.command("show")
@click.argument("name", metavar="NAMA|BERKAS")
@lang_option
@click.pass_context
def show_rubric(ctx: click.Context, name: str) -> None:
    """Rincian satu rubrik: kelompok, bobot, kriteria, sumber nilai, penentu seri."""
    language = current_lang(ctx)
    loaded = load_rubric(name)
    rubric = loaded.rubric
    en = language == "en"
    title = rubric.title_en if en else rubric.title
    click.echo(f"{rubric.id} — {title} ({'version' if en else 'versi'} {rubric.version})")
    click.echo(f"{'File' if en else 'Berkas'}: {loaded.path}")
    click.echo(f"SHA-256: {loaded.sha256}")
    click.echo(("Sources" if en else "Sumber") + ":")
    for source in rubric.sources:
        click.echo(f"  - {source}")
    _show(rubric, language)


@rubric_group.command("ahp")
@click.argument("matrix", type=click.Path(path_type=Path), metavar="MATRIKS")
@click.option("--sheet", default=None, help="Lembar Excel/ODS matriks (bawaan: pertama).")
@click.option("--force", is_flag=True, help="Pakai bobot walau CR > 0,10.")
@click.option(
    "--write-into",
    type=click.Path(path_type=Path),
    default=None,
    metavar="RUBRIK",
    help="Rubrik (nama bawaan atau berkas) yang bobotnya diganti; perlu -o.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Berkas rubrik baru (.yaml) hasil --write-into.",
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
    """Bobot dari matriks perbandingan berpasangan juri (AHP, eigenvektor utama, CR Saaty).

    Baris dan kolom pertama MATRIKS menamai kelompok (atau kriteria) rubrik, urutannya sama.
    Menolak CR > 0,10 kecuali --force. Contoh:
    phbs rubric ahp matriks.csv --write-into lomba-desa-ber-phbs -o rubrik-ahp.yaml

    Kode keluar: 0 berhasil; 1 CR > 0,10 tanpa --force; 2 salah pemakaian.
    """
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
    rows = [[label, f"{w:.4f}"] for label, w in zip(pairwise.labels, result.weights, strict=True)]
    new: dict[str, float] = {}
    headers = ["kriteria" if language == "id" else "item", "w (AHP)"]
    if loaded is not None:
        kind, new, total = rubric_weights(loaded.rubric, pairwise.labels, result.weights)
        headers.append("bobot rubrik" if language == "id" else "rubric weight")
        rows = [[*row, f"{new[row[0]]:g}"] for row in rows]
    click.echo(format_table(headers, rows, {1, 2}))
    click.echo()
    click.echo(
        t(
            "rubric.ahp.consistency",
            language,
            lambda_max=f"{result.lambda_max:.4f}",
            ci=f"{result.consistency_index:.4f}",
            n=len(pairwise.labels),
            ri=f"{result.random_index:.2f}",
            cr=f"{result.consistency_ratio:.4f}",
        )
    )
    if not result.is_consistent and not force:
        click.echo(
            t("rubric.ahp.inconsistent", language, cr=f"{result.consistency_ratio:.3f}"), err=True
        )
        ctx.exit(1)
    click.echo(
        t("rubric.ahp.forced" if not result.is_consistent else "rubric.ahp.consistent", language)
    )
    if loaded is None or output is None:
        return
    label = {"groups": ("kelompok", "groups"), "criteria": ("kriteria", "criteria")}[kind]
    click.echo(t("rubric.ahp.scaled", language, total=f"{total:g}", kind=label[language == "en"]))
    text = loaded.path.read_text(encoding="utf-8")
    updated = write_weights_into(text, kind, new, output)
    with atomic_text(output, [matrix, loaded.path]) as handle:
        handle.write(updated)
    click.echo(t("written", language, path=output))
