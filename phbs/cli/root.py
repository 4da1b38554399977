"""The ``phbs`` command line: a thin layer over the library.

Every command speaks Indonesian by default and English with ``--lang en`` (before or after
the command) or ``PHBS_LANG=en``, click's own words included (:mod:`phbs.cli.language`). A
:class:`~phbs.errors.PhbsError` becomes a one-line message on stderr and its exit code: 2
for a usage error, 1 for a file that cannot be used as it is
(:class:`~phbs.errors.UnusableFileError`); ``phbs validate`` exits 1 when the data has
errors. Running out of room to write is exit 2, SIGTERM 143, Ctrl-C 130, output piped into
a reader that stopped (``| head``) 141, an internal error 70 (README, *Kode keluar*).
"""

from __future__ import annotations

import errno
import importlib
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from phbs.cli.language import command_line_lang, current_lang, speaking
from phbs.cli.translated import Group, group_lang_option, option
from phbs.errors import PhbsError
from phbs.i18n import t
from phbs.threads import limit_malloc_arenas
from phbs.version import __version__

# Commands whose modules are imported only when they run (or help lists them): the
# contest and report code is not loaded for `phbs score` and `phbs validate`.
LAZY_COMMANDS = {
    "score": "phbs.cli.score:score_command",
    "compare": "phbs.cli.compare:compare_command",
    "validate": "phbs.cli.validate:validate_command",
    "demo": "phbs.cli.demo:demo_command",
    "forms": "phbs.cli.forms:forms_group",
    "map": "phbs.cli.map:map_command",
    "rank": "phbs.cli.rank:rank_command",
    "report": "phbs.cli.report:report_command",
    "rubric": "phbs.cli.rubric:rubric_group",
    "web": "phbs.cli.web:web_command",
}


# Errors of a write that found no room: disk full, file-size limit, quota.
_NO_ROOM = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


class PhbsGroup(Group):
    """Turns library errors into one-line messages; never shows a traceback for them.

    The commands of :data:`LAZY_COMMANDS` are loaded when first asked for. A run speaks the
    language of its command line (:func:`~phbs.cli.language.command_line_lang`), click's own
    words included, from the first word parsed to the last message.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            lang = command_line_lang(sys.argv[1:] if args is None else args)
        except PhbsError as error:
            # PHBS_LANG is unknown and no --lang settles it: say so in both languages.
            for said in ("id", "en"):
                click.echo(f"{t('cli.error', said)}: {error.message(said)}", err=True)
            raise SystemExit(error.exit_code) from None
        with speaking(lang):
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, _, attribute = LAZY_COMMANDS[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            if not isinstance(command, click.Command):
                raise TypeError(f"{LAZY_COMMANDS[cmd_name]} is not a click command")
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PhbsError as error:
            lang = current_lang(ctx)
            click.echo(f"{t('cli.error', lang)}: {error.message(lang)}", err=True)
            ctx.exit(error.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # Output piped into `head` and the reader went away: stop quietly.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(141)
        except KeyboardInterrupt as stop:
            # Every output and temporary file has been removed on the way here.
            click.echo("Dibatalkan / cancelled", err=True)
            ctx.exit(143 if isinstance(stop, Terminated) else 130)
        except OSError as error:
            if error.errno not in _NO_ROOM:
                self._internal(ctx, error)
            # Out of room while writing an output, a temporary file or a spool: every
            # output is written aside and moved in place only when whole, so the old ones stand.
            lang = current_lang(ctx)
            reason = t("cli.no_room", lang, reason=error.strerror)
            click.echo(f"{t('cli.error', lang)}: {reason}", err=True)
            ctx.exit(2)
        except Exception as error:
            self._internal(ctx, error)

    @staticmethod
    def _internal(ctx: click.Context, error: Exception) -> NoReturn:
        """An error a user cannot cause: one line asking for a report, exit 70."""
        if ctx.meta.get("phbs.debug"):
            raise error
        import traceback  # only here: it loads linecache and tokenize

        where = traceback.extract_tb(error.__traceback__)[-1]
        message = t(
            "cli.internal",
            current_lang(ctx),
            version=__version__,
            error=f"{type(error).__name__}: {error}",
            where=f"{Path(where.filename).name}:{where.lineno}",
        )
        click.echo(message, err=True)
        ctx.exit(70)


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(t("cli.version", current_lang(ctx), version=__version__))
        ctx.exit()


@click.group(cls=PhbsGroup, help="phbs")
@option(
    "--version",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_show_version,
    help="version",
)
@group_lang_option
@option("--debug", is_flag=True, hidden=True)
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """The ``phbs`` group: ``--debug`` shows the traceback of an internal error."""
    ctx.meta["phbs.debug"] = debug


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, like Ctrl-C: the files being written and the
    temporary files are removed on the way out (a plain SIGTERM would leave them)."""


def _terminate(_signal: int, _frame: object) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    limit_malloc_arenas()
    signal.signal(signal.SIGTERM, _terminate)
    cli.main(args=list(argv) if argv is not None else None, prog_name="phbs")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
