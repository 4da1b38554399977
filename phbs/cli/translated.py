"""Commands, options and arguments whose help speaks the run's language.

A command's ``help`` names its catalogue entry ``cmd.<help>`` and an option's names
``opt.<help>`` (:data:`phbs.i18n.LABELS`); the text is looked up each time help is shown, in
the language of the run (:func:`phbs.cli.language.run_lang`), so the same command says its
help in Indonesian or English. Placeholders (``metavar``) are written in Indonesian and said
in English from :data:`phbs.i18n.METAVARS`. The ``--help`` option is one of these options too.
Every command of ``phbs`` is made with :func:`command` or :func:`group` and every parameter
with :func:`option` or :func:`argument` (tests/cli/test_language.py checks it).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, TypeVar

import click

from phbs.cli.language import (
    COMMAND_LANG_KEY,
    GROUP_LANG_KEY,
    click_text,
    placeholder,
    run_lang,
)
from phbs.i18n import fmt_decimal, t

F = TypeVar("F", bound=Callable[..., Any])


class _Placeholder:
    """A parameter whose placeholder (``BERKAS``) is said in the run's language."""

    metavar_id: str | None

    @property
    def metavar(self) -> str | None:
        return placeholder(self.metavar_id, run_lang())

    @metavar.setter
    def metavar(self, value: str | None) -> None:
        self.metavar_id = value


class Option(_Placeholder, click.Option):
    """An option whose help is the catalogue's ``opt.<help>`` (filled with ``help_values``)."""

    def __init__(
        self, *args: Any, help_values: dict[str, object] | None = None, **kwargs: Any
    ) -> None:
        self.help_values = help_values or {}
        super().__init__(*args, **kwargs)

    @property
    def help(self) -> str | None:
        if self.help_key is None:
            return None
        return t(f"opt.{self.help_key}", run_lang(), **self.help_values)

    @help.setter
    def help(self, key: str | None) -> None:
        self.help_key = key

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        lang = run_lang()
        if record is None or lang == "en" or not isinstance(self.default, float):
            return record
        # A decimal default in brackets as Indonesian writes it: [bawaan: 0,95].
        spec, text = record
        help_text, bracket, extra = text.rpartition("[")
        shown = extra.replace(str(self.default), fmt_decimal(self.default, lang, 6, trim=True), 1)
        return spec, f"{help_text}{bracket}{shown}"


class DecimalRange(click.FloatRange):
    """A number in a range, typed with a decimal point or, as in Indonesian, a comma (``0,9``
    is ``0.9``); its range is said as the run's language writes numbers."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        number = super().convert(value, param, ctx)
        if isinstance(number, float) and not math.isfinite(number):  # nan passes a range
            said = click_text("{value!r} is not a valid {number_type}.", run_lang())
            self.fail(said.format(value=value, number_type=self.name), param, ctx)
        return number

    def _describe_range(self) -> str:
        text = super()._describe_range()
        lang = run_lang()
        if lang == "en":
            return text
        for bound in (self.min, self.max):
            if bound is not None:
                text = text.replace(str(bound), fmt_decimal(bound, lang, 6, trim=True))
        return text


class Argument(_Placeholder, click.Argument):
    """An argument whose placeholder is said in the run's language."""


def _show_help(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


class _Translated(click.Command):
    """What commands and groups share: help from the catalogue, a translated ``--help``."""

    _translated_help: Option | None = None

    @property
    def help(self) -> str | None:
        return None if self.help_key is None else t(f"cmd.{self.help_key}", run_lang())

    @help.setter
    def help(self, key: str | None) -> None:
        self.help_key = key

    @property
    def options_metavar(self) -> str | None:
        return placeholder("[OPSI]", run_lang())

    @options_metavar.setter
    def options_metavar(self, _value: str | None) -> None:
        pass

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        # Made once: click tells the parameters apart by identity when it orders them.
        if self._translated_help is None:
            self._translated_help = Option(
                list(names),
                is_flag=True,
                is_eager=True,
                expose_value=False,
                callback=_show_help,
                help="help",
            )
        return self._translated_help


class Command(_Translated):
    """A ``phbs`` command (see the module's docstring)."""


class Group(_Translated, click.Group):
    """A group of ``phbs`` commands; its subcommands are :class:`Command` s."""

    command_class = Command

    @property
    def subcommand_metavar(self) -> str:
        return placeholder("PERINTAH [ARG]...", run_lang()) or ""

    @subcommand_metavar.setter
    def subcommand_metavar(self, _value: str) -> None:
        pass


def option(*names: str, help: str | None = None, **kwargs: Any) -> Callable[[F], F]:
    """``click.option`` with :class:`Option`; ``help`` names the entry ``opt.<help>``."""
    return click.option(*names, cls=Option, help=help, **kwargs)


def argument(*names: str, **kwargs: Any) -> Callable[[F], F]:
    """``click.argument`` with :class:`Argument`."""
    return click.argument(*names, cls=Argument, **kwargs)


def command(name: str, help: str) -> Callable[[Callable[..., Any]], Command]:
    """A :class:`Command` whose help is the entry ``cmd.<help>``."""
    return click.command(name, cls=Command, help=help)


def group(name: str, help: str) -> Callable[[Callable[..., Any]], Group]:
    """A :class:`Group` whose help is the entry ``cmd.<help>``."""
    return click.group(name, cls=Group, help=help)


def _remember(key: str) -> Callable[[click.Context, click.Parameter, str | None], None]:
    def remember(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
        if value is not None:
            ctx.meta[key] = value

    return remember


def _lang_option(key: str) -> Callable[[F], F]:
    return option(
        "--lang",
        type=click.Choice(["id", "en"]),
        default=None,
        callback=_remember(key),
        is_eager=True,
        expose_value=False,
        help="lang",
    )


def lang_option(function: F) -> F:
    """``--lang id|en`` after a command (:func:`phbs.cli.language.current_lang`)."""
    return _lang_option(COMMAND_LANG_KEY)(function)


def group_lang_option(function: F) -> F:
    """``--lang id|en`` before the command: ``phbs --lang en score ...``."""
    return _lang_option(GROUP_LANG_KEY)(function)
