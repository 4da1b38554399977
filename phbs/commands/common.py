"""Pieces shared by every command: the language option."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from phbs.reports.i18n import Lang

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
    from phbs.reports.i18n import t

    return t(
        "ci.note",
        lang,
        level=f"{confidence * 100:g}",
        method=method,
        fpc=t("ci.fpc", lang) if with_totals else "",
    )
