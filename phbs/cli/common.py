"""Pieces shared by the commands: language, intervals, and the survey and contest options."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from phbs.errors import SettingsError
from phbs.i18n import Lang, t
from phbs.ingest.limits import OPTION_NAMES
from phbs.outputs import CsvFormat

if TYPE_CHECKING:
    from phbs.issues import Issue

F = TypeVar("F", bound=Callable[..., Any])
LANG_KEY = "phbs.lang"


def _remember_lang(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    ctx.meta[LANG_KEY] = value
    return value


def lang_option(function: F) -> F:
    """``--lang id|en`` on a command; the choice is kept for error messages too."""
    return click.option(
        "--lang",
        type=click.Choice(["id", "en"]),
        default="id",
        show_default=True,
        callback=_remember_lang,
        is_eager=True,
        expose_value=False,
        help="Bahasa keluaran: id (Indonesia) atau en (English).",
    )(function)


def current_lang(ctx: click.Context) -> Lang:
    """The language chosen with ``--lang`` (Indonesian by default)."""
    return "en" if ctx.meta.get(LANG_KEY) == "en" else "id"


def _csv_format(_ctx: click.Context, _param: click.Parameter, value: bool) -> CsvFormat:
    return CsvFormat.SPREADSHEET if value else CsvFormat.MACHINE


def csv_format_option(function: F) -> F:
    """``--csv-excel``: every CSV the command writes is a spreadsheet CSV (``;``, decimal
    comma, BOM; :class:`~phbs.outputs.CsvFormat`) instead of the machine CSV. The command
    receives ``csv_format``. Not tied to ``--lang``: the machine CSV stays the default."""
    return click.option(
        "--csv-excel",
        "csv_format",
        is_flag=True,
        callback=_csv_format,
        help="Tulis CSV untuk dibuka di Excel/LibreOffice berbahasa Indonesia: pemisah ';', "
        "koma desimal, angka dibulatkan seperti di laporan, UTF-8 dengan BOM; teks yang "
        "akan dibaca sebagai rumus diberi ' di depannya. Tanpa ini: CSV mesin (pemisah ',', "
        "titik desimal, presisi penuh).",
    )(function)


def ci_options(function: F) -> F:
    """``--ci-method`` and ``--confidence``: how the intervals of village percentages are made."""
    from phbs.stats import CiMethod

    options = [
        click.option(
            "--ci-method",
            type=click.Choice([m.value for m in CiMethod]),
            default=CiMethod.WILSON.value,
            show_default=True,
            help="Metode interval kepercayaan persentase desa.",
        ),
        click.option(
            "--confidence",
            type=click.FloatRange(0.5, 0.999),
            default=0.95,
            show_default=True,
            help="Tingkat kepercayaan interval (0,5–0,999).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def ci_note(method: str, confidence: float, with_totals: bool, lang: Lang) -> str:
    """The line under a table explaining its intervals."""
    from phbs.i18n import t

    return t(
        "ci.note",
        lang,
        level=f"{confidence * 100:g}",
        method=method,
        fpc=t("ci.fpc", lang) if with_totals else "",
    )


def _apply(function: F, options: list[Callable[[F], F]]) -> F:
    for option in reversed(options):
        function = option(function)
    return function


def survey_file_options(function: F) -> F:
    """Survey files for commands that take other files too: ``--survey a.csv b.csv``.

    Click options take one value each, so further file names after ``--survey`` arrive as
    positional ``more_files``; the command joins them (and refuses them without --survey).
    """
    return _apply(
        function,
        [
            click.argument(
                "more_files", nargs=-1, type=click.Path(path_type=Path), metavar="[SURVEI]..."
            ),
            click.option(
                "--survey",
                "survey_files",
                multiple=True,
                type=click.Path(path_type=Path),
                metavar="BERKAS",
                help="Berkas survei rumah tangga (--survey a.csv b.csv, atau --survey diulang).",
            ),
        ],
    )


READ_KEY = "phbs.read"


def _remember_read(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if param.name is not None:
        ctx.meta.setdefault(READ_KEY, {})[param.name] = value
    return value


def _raise_limits(ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> None:
    """``--limit NAME=VALUE``: the reading bounds raised for this command (SECURITY.md)."""
    from phbs.ingest import limits

    if value:
        ctx.with_resource(limits.raised(**limits.parse_option(value)))


def _read_option(*names: str, **kwargs: Any) -> Callable[[F], F]:
    return click.option(*names, callback=_remember_read, expose_value=False, **kwargs)


def reading_options(function: F) -> F:
    """How survey files are read: form, sheet, where household ids are unique, and the
    choices for files that could be read more than one way (see :func:`read_settings`)."""
    return _apply(
        function,
        [
            _read_option(
                "--answers",
                type=click.Choice(["auto", "ytn", "yn"]),
                default="auto",
                show_default=True,
                help="Arti N tunggal: auto (dari huruf di berkas), ytn (Y/T/N: N = tidak "
                "berlaku), yn (Y/N: N = tidak).",
            ),
            _read_option(
                "--blank",
                type=click.Choice(["auto", "missing", "na", "tidak"]),
                default="auto",
                show_default=True,
                help="Arti sel indikator kosong: missing (belum diisi), na (tidak berlaku, "
                "untuk ekspor aplikasi yang menyimpan kosong), tidak (lembar centang: kosong = "
                "tidak), auto (belum diisi; berkas yang bisa berarti lebih dari satu ditolak "
                "dengan penjelasan).",
            ),
            _read_option(
                "--not-collected",
                multiple=True,
                metavar="KODE",
                help="Indikator yang memang tidak dikumpulkan: skor tanpa indikator itu "
                "(dicatat di setiap keluaran). Boleh diulang.",
            ),
            _read_option(
                "--keep-rejected",
                is_flag=True,
                help="Tetap skor kiriman yang ditolak pemeriksa (KoBoToolbox/ODK Central).",
            ),
            _read_option(
                "--kabupaten",
                default=None,
                metavar="KODE",
                help="Kode kabupaten/kota (mis. 63.10) untuk mencocokkan nama desa bila "
                "berkas berisi nama, bukan kode.",
            ),
            _read_option(
                "--kecamatan",
                default=None,
                metavar="KODE",
                help="Kode kecamatan (mis. 63.10.01) untuk mencocokkan nama desa.",
            ),
            click.option(
                "--limit",
                multiple=True,
                metavar="NAMA=NILAI",
                callback=_raise_limits,
                expose_value=False,
                help="Naikkan batas pembacaan untuk berkas yang memang sebesar itu: "
                f"{', '.join(OPTION_NAMES)} (lihat SECURITY.md). Boleh diulang.",
            ),
            _read_option(
                "--map",
                "mapping",
                multiple=True,
                metavar="[BERKAS=]PETA.yaml",
                help="Peta berkas (dibuat dengan phbs map): judul kolom, ejaan jawaban, lembar "
                "dan baris judul berkas yang tidak seperti contoh. BERKAS=PETA.yaml: peta "
                "untuk satu berkas saja (berkas lain dibaca tanpa peta itu). Boleh diulang.",
            ),
            click.option(
                "--form",
                "form_name",
                default="kemenkes-rt-10",
                show_default=True,
                metavar="NAMA|BERKAS",
                help="Formulir bawaan (phbs forms list) atau berkas YAML (dengan --map: formulir "
                "petanya).",
            ),
            click.option(
                "--sheet",
                default=None,
                help="Lembar Excel/ODS yang dibaca (bawaan: satu-satunya lembar berisi survei).",
            ),
            click.option(
                "--id-per-desa",
                is_flag=True,
                help="ID rumah tangga unik per desa, bukan per survei (nomor diulang tiap desa).",
            ),
        ],
    )


def scoring_options(function: F) -> F:
    """:func:`reading_options` plus how households are scored: villages file, na_policy."""
    from phbs.forms.model import NaPolicy

    return reading_options(
        _apply(
            function,
            [
                click.option(
                    "--villages",
                    type=click.Path(path_type=Path),
                    default=None,
                    help="Berkas desa: kode_desa, jumlah_rumah_tangga (untuk % dipantau).",
                ),
                click.option(
                    "--na-policy",
                    type=click.Choice([p.value for p in NaPolicy]),
                    default=None,
                    help="Cara menghitung indikator tidak berlaku (bawaan: dari formulir).",
                ),
            ],
        )
    )


def contest_options(*, default_rubric: str | None = None) -> Callable[[F], F]:
    """The contest inputs: rubric (``default_rubric`` when not given), judges' scores,
    attributes, overrides, method."""
    from phbs.contest.rubric import Method

    rubric_help = (
        "Rubrik bawaan (phbs rubric list) atau berkas YAML."
        if default_rubric is not None
        else "Rubrik lomba: menambahkan peringkat desa."
    )

    def decorate(function: F) -> F:
        return _apply(
            function,
            [
                click.option(
                    "--rubric",
                    "rubric_name",
                    default=default_rubric,
                    show_default=default_rubric is not None,
                    metavar="NAMA|BERKAS",
                    help=rubric_help,
                ),
                click.option(
                    "--judges",
                    type=click.Path(path_type=Path),
                    default=None,
                    help="Berkas nilai juri.",
                ),
                click.option(
                    "--attributes",
                    type=click.Path(path_type=Path),
                    default=None,
                    help="Berkas atribut desa.",
                ),
                click.option(
                    "--overrides",
                    type=click.Path(path_type=Path),
                    default=None,
                    help="Berkas koreksi: keluarkan/ubah desa, dengan alasan tertulis.",
                ),
                click.option(
                    "--method",
                    type=click.Choice([m.value for m in Method]),
                    default=None,
                    help="Metode peringkat (bawaan: dari rubrik).",
                ),
                click.option(
                    "--rank-incomplete",
                    is_flag=True,
                    help="Tetap peringkat desa yang kurang nilai; kriteria kosong dihitung 0 "
                    "dan dicatat.",
                ),
            ],
        )

    return decorate


def require_suffix(path: Path | None, suffixes: set[str], option: str) -> None:
    """Refuse an output path whose name does not end in one of ``suffixes``."""
    if path is not None and path.suffix.lower() not in suffixes:
        listed = ", ".join(sorted(suffixes))
        raise SettingsError(
            f"{option} {path}: akhiran berkas harus salah satu dari {listed}",
            f"{option} {path}: file name must end in one of {listed}",
        )


def print_issue_counts(
    issues: Sequence[Issue],
    files: Sequence[Path | str],
    lang: Lang,
    from_rows: int | None = None,
) -> None:
    """The line of issue counts (``from_rows``: how many reading the files found), and how
    to list them when there are any."""
    from phbs.reports import text

    click.echo(text.issue_counts_line(issues, lang, from_rows))
    if issues:
        click.echo(t("issues.hint", lang, files=shlex.join(str(f) for f in files)))
