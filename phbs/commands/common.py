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
