"""The language a run of the command line speaks, and click's own words in it.

One language at a time: ``--lang`` after the command (``phbs score ... --lang en``), else
``--lang`` before it (``phbs --lang en score ...``), else the environment variable
``PHBS_LANG``, else Indonesian.

Click marks its own words for translation with gettext (``_("Usage:")``, ``_("Missing
argument")``, ...). While the ``phbs`` command runs (:func:`speaking`), the ``_`` and
``ngettext`` of click's modules are stood in for by functions that read the run's language
from a context variable and look the words up in :data:`phbs.i18n.CLICK_TEXTS`; click's own
are put back when the run ends. Neither the global gettext state nor anything of click is
changed for a program that imports phbs as a library or uses click itself, and even during a
run another thread (another context) gets click's words as click says them.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from types import ModuleType
from typing import Any, cast

import click

from phbs.errors import SettingsError
from phbs.i18n import CLICK_TEXTS, CLICK_WORDS, METAVARS, Lang, fmt_decimal, t

#: The environment variable that chooses the language when ``--lang`` is not given.
LANG_ENV = "PHBS_LANG"
#: Where the parsed ``--lang`` values are kept (``ctx.meta``, shared by a command and its
#: group): after the command, before it.
COMMAND_LANG_KEY = "phbs.lang"
GROUP_LANG_KEY = "phbs.lang.group"

#: The language of the run in progress (``None``: no phbs run in this context).
_RUN_LANG: ContextVar[Lang | None] = ContextVar("phbs_run_lang", default=None)

#: Click's modules that translate their words with ``_`` and ``ngettext``.
_CLICK_MODULES = (
    "click.core",
    "click.parser",
    "click.exceptions",
    "click.types",
    "click.formatting",
    "click.decorators",
    "click.termui",
    "click.utils",
)


def _valid(value: str | None) -> Lang | None:
    text = (value or "").strip().lower()
    return "en" if text == "en" else "id" if text == "id" else None


def given_lang(args: Sequence[str]) -> Lang | None:
    """The last valid ``--lang`` on a command line (the one after the command wins over one
    before it), or ``None``; read before click parses it, so that click's own messages
    (an unknown option, ``--help`` before ``--lang``) are in that language too.

    >>> given_lang(["--lang", "en", "score", "a.csv", "--lang", "id"])
    'id'
    >>> given_lang(["score", "--lang=en", "--", "--lang", "id"]), given_lang(["--lang", "fr"])
    ('en', None)
    """
    found: Lang | None = None
    words = list(args)
    for index, word in enumerate(words):
        if word == "--":
            break
        value = None
        if word == "--lang" and index + 1 < len(words):
            value = words[index + 1]
        elif word.startswith("--lang="):
            value = word.partition("=")[2]
        found = _valid(value) or found
    return found


def env_lang() -> Lang | None:
    """The language of ``PHBS_LANG`` (``None`` when unset or empty); an unknown value is a
    :class:`~phbs.errors.SettingsError`."""
    value = os.environ.get(LANG_ENV, "")
    if not value.strip():
        return None
    lang = _valid(value)
    if lang is None:
        raise SettingsError(
            t("cli.lang_env", "id", value=value), t("cli.lang_env", "en", value=value)
        )
    return lang


def run_lang() -> Lang:
    """The language of the run in progress; outside a run, ``PHBS_LANG`` or Indonesian."""
    lang = _RUN_LANG.get()
    if lang is not None:
        return lang
    try:
        return env_lang() or "id"
    except SettingsError:
        return "id"


def command_line_lang(args: Sequence[str]) -> Lang:
    """The language of a command line: ``--lang`` (after the command over before it), else
    ``PHBS_LANG``, else Indonesian. An unknown ``PHBS_LANG`` is refused only when ``--lang``
    does not settle the language."""
    return given_lang(args) or env_lang() or "id"


def current_lang(ctx: click.Context) -> Lang:
    """The language a command speaks: its ``--lang``, else the group's, else the run's."""
    for key in (COMMAND_LANG_KEY, GROUP_LANG_KEY):
        lang = _valid(ctx.meta.get(key))
        if lang is not None:
            return lang
    return run_lang()


def click_text(message: str, lang: Lang) -> str:
    """One of click's messages in ``lang``: Indonesian from :data:`~phbs.i18n.CLICK_TEXTS`,
    English as click has it; the words click fills in (a parameter's kind, a number's type)
    follow.

    >>> click_text("Missing argument", "id"), click_text("Missing argument", "en")
    ('Kurang argumen', 'Missing argument')
    >>> click_text("{value!r} is not a valid {number_type}.", "id").format(
    ...     value="x", number_type="integer")
    "'x' bukan bilangan bulat yang sah."
    """
    text = CLICK_TEXTS.get(message, message) if lang == "id" else message
    return _Filled(text, lang) if "{" in text else text


class _Filled(str):
    """A message template whose filled-in words click chose (``option``, ``integer``) and
    decimal numbers are said in the run's language too."""

    lang: Lang

    def __new__(cls, text: str, lang: Lang) -> _Filled:
        made = super().__new__(cls, text)
        made.lang = lang
        return made

    def format(self, *args: object, **kwargs: object) -> str:
        for key, value in kwargs.items():
            if key in ("param_type", "number_type") and isinstance(value, str):
                kwargs[key] = CLICK_WORDS.get(value, (value, value))[self.lang == "en"]
            elif isinstance(value, float):
                kwargs[key] = fmt_decimal(value, self.lang, 6, trim=True)
        return str(self).format(*args, **kwargs)


def _gettext(original: Callable[[str], str]) -> Callable[[str], str]:
    def gettext(message: str) -> str:
        lang = _RUN_LANG.get()
        return original(message) if lang is None else click_text(message, lang)

    return gettext


def _ngettext(original: Callable[[str, str, int], str]) -> Callable[[str, str, int], str]:
    def ngettext(singular: str, plural: str, count: int) -> str:
        lang = _RUN_LANG.get()
        if lang is None:
            return original(singular, plural, count)
        return click_text(singular if count == 1 else plural, lang)

    return ngettext


_LOCK = threading.Lock()
#: Runs in progress, and click's own functions to put back when the last one ends.
_active: list[int] = [0]
_saved: list[tuple[ModuleType, str, Any]] = []


def _stand_in() -> None:
    with _LOCK:
        _active[0] += 1
        if _active[0] > 1:
            return
        for name in _CLICK_MODULES:
            try:
                module = importlib.import_module(name)
            except ImportError:  # pragma: no cover - a click without that module
                continue
            for attribute, wrap in (("_", _gettext), ("ngettext", _ngettext)):
                original = module.__dict__.get(attribute)
                if callable(original):
                    _saved.append((module, attribute, original))
                    setattr(module, attribute, wrap(cast(Any, original)))


def _put_back() -> None:
    with _LOCK:
        _active[0] -= 1
        if _active[0] > 0:
            return
        while _saved:
            module, attribute, original = _saved.pop()
            setattr(module, attribute, original)


@contextmanager
def speaking(lang: Lang) -> Iterator[None]:
    """Click's words in ``lang`` for the run inside (see the module's docstring)."""
    token = _RUN_LANG.set(lang)
    _stand_in()
    try:
        yield
    finally:
        _put_back()
        _RUN_LANG.reset(token)


def placeholder(metavar: str | None, lang: Lang) -> str | None:
    """An option value's placeholder in ``lang`` (see :data:`~phbs.i18n.METAVARS`).

    >>> placeholder("NAMA|BERKAS", "en"), placeholder("NAMA|BERKAS", "id")
    ('NAME|FILE', 'NAMA|BERKAS')
    """
    if metavar is None or lang == "id":
        return metavar
    return METAVARS.get(metavar, metavar)
