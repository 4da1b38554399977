"""Pieces shared by the commands: language, intervals, and the survey and contest options."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from phbs.cli.language import current_lang
from phbs.cli.translated import DecimalRange, argument, lang_option, option
from phbs.errors import SettingsError
from phbs.i18n import Lang, t
from phbs.ingest.limits import OPTION_NAMES
from phbs.outputs import CsvFormat

if TYPE_CHECKING:
    from phbs.issues import Issue

__all__ = ["DecimalRange", "current_lang", "lang_option"]

F = TypeVar("F", bound=Callable[..., Any])


def _csv_format(_ctx: click.Context, _param: click.Parameter, value: bool) -> CsvFormat:
    return CsvFormat.SPREADSHEET if value else CsvFormat.MACHINE


def csv_format_option(function: F) -> F:
    """``--csv-excel``: every CSV the command writes is a spreadsheet CSV (``;``, decimal
    comma, BOM; :class:`~phbs.outputs.CsvFormat`) instead of the machine CSV. The command
    receives ``csv_format``. Not tied to ``--lang``: the machine CSV stays the default."""
    return option(
        "--csv-excel", "csv_format", is_flag=True, callback=_csv_format, help="csv_excel"
    )(function)


def ci_options(function: F) -> F:
    """``--ci-method`` and ``--confidence``: how the intervals of village percentages are made."""
    from phbs.stats import CiMethod

    return _apply(
        function,
        [
            option(
                "--ci-method",
                type=click.Choice([m.value for m in CiMethod]),
                default=CiMethod.WILSON.value,
                show_default=True,
                help="ci_method",
            ),
            option(
                "--confidence",
                type=DecimalRange(0.5, 0.999),
                default=0.95,
                show_default=True,
                metavar="ANGKA",
                help="confidence",
            ),
        ],
    )


def _apply(function: F, options: list[Callable[[F], F]]) -> F:
    for decorate in reversed(options):
        function = decorate(function)
    return function


def quiet_option(function: F) -> F:
    """``-q``, ``--quiet``: no progress display on stderr."""
    return option("--quiet", "-q", is_flag=True, help="quiet")(function)


def survey_file_options(function: F) -> F:
    """Survey files for commands that take other files too: ``--survey a.csv b.csv``.

    Click options take one value each, so further file names after ``--survey`` arrive as
    positional ``more_files``; the command joins them (and refuses them without --survey).
    """
    return _apply(
        function,
        [
            argument(
                "more_files", nargs=-1, type=click.Path(path_type=Path), metavar="[SURVEI]..."
            ),
            option(
                "--survey",
                "survey_files",
                multiple=True,
                type=click.Path(path_type=Path),
                metavar="BERKAS",
                help="survey",
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
    return option(*names, callback=_remember_read, expose_value=False, **kwargs)


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
                help="answers",
            ),
            _read_option(
                "--blank",
                type=click.Choice(["auto", "missing", "na", "tidak"]),
                default="auto",
                show_default=True,
                help="blank",
            ),
            _read_option("--not-collected", multiple=True, metavar="KODE", help="not_collected"),
            _read_option("--keep-rejected", is_flag=True, help="keep_rejected"),
            _read_option("--kabupaten", default=None, metavar="KODE", help="kabupaten"),
            _read_option("--kecamatan", default=None, metavar="KODE", help="kecamatan"),
            _read_option("--desa", multiple=True, metavar="[BERKAS=]KODE", help="desa"),
            option(
                "--limit",
                multiple=True,
                metavar="NAMA=NILAI",
                callback=_raise_limits,
                expose_value=False,
                help="limit",
                help_values={"names": ", ".join(OPTION_NAMES)},
            ),
            _read_option(
                "--map", "mapping", multiple=True, metavar="[BERKAS=]PETA.yaml", help="map"
            ),
            option(
                "--form",
                "form_name",
                default="kemenkes-rt-10",
                show_default=True,
                metavar="NAMA|BERKAS",
                help="form",
            ),
            option("--sheet", default=None, metavar="LEMBAR", help="sheet"),
            option("--id-per-desa", is_flag=True, help="id_per_desa"),
        ],
    )


def scoring_options(function: F) -> F:
    """:func:`reading_options` plus how households are scored: villages file, na_policy."""
    from phbs.forms.model import NaPolicy

    return reading_options(
        _apply(
            function,
            [
                option(
                    "--villages",
                    type=click.Path(path_type=Path),
                    default=None,
                    metavar="BERKAS",
                    help="villages",
                ),
                option(
                    "--na-policy",
                    type=click.Choice([p.value for p in NaPolicy]),
                    default=None,
                    help="na_policy",
                ),
            ],
        )
    )


def contest_options(*, default_rubric: str | None = None) -> Callable[[F], F]:
    """The contest inputs: rubric (``default_rubric`` when not given), judges' scores,
    attributes, overrides, method."""
    from phbs.contest.rubric import Method

    def decorate(function: F) -> F:
        return _apply(
            function,
            [
                option(
                    "--rubric",
                    "rubric_name",
                    default=default_rubric,
                    show_default=default_rubric is not None,
                    metavar="NAMA|BERKAS",
                    help="rubric.default" if default_rubric is not None else "rubric.optional",
                ),
                option(
                    "--judges",
                    type=click.Path(path_type=Path),
                    default=None,
                    metavar="BERKAS",
                    help="judges",
                ),
                option(
                    "--attributes",
                    type=click.Path(path_type=Path),
                    default=None,
                    metavar="BERKAS",
                    help="attributes",
                ),
                option(
                    "--overrides",
                    type=click.Path(path_type=Path),
                    default=None,
                    metavar="BERKAS",
                    help="overrides",
                ),
                option(
                    "--method",
                    type=click.Choice([m.value for m in Method]),
                    default=None,
                    help="method",
                ),
                option("--rank-incomplete", is_flag=True, help="rank_incomplete"),
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
