"""Options of ``phbs report`` for the contest's *berita acara* (minutes): where it is written
and what the panel writes into it (:class:`~phbs.reports.panel.MinutesDetails`)."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from phbs.cli.translated import option
from phbs.reports.panel import MinutesDetails, parse_date

F = TypeVar("F", bound=Callable[..., Any])


def _date(value: str | None) -> datetime.date | None:
    return None if value is None else parse_date(value)


def minutes_options(function: F) -> F:
    """``--minutes``, ``--place``, ``--date``, ``--chair``, ``--judge``, ``--contest-level`` and
    ``--year``, handed to the command as ``minutes`` (a path or ``None``) and
    ``minutes_details`` (:class:`~phbs.reports.panel.MinutesDetails`)."""
    options = [
        option(
            "--minutes",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            metavar="BERKAS.html",
            help="minutes",
        ),
        option("--place", default=None, metavar="TEMPAT", help="place"),
        option("--date", "minutes_date", default=None, metavar="TANGGAL", help="date"),
        option("--chair", default=None, metavar="NAMA", help="chair"),
        option("--judge", "judge_names", multiple=True, metavar="NAMA", help="judge"),
        option("--contest-level", default=None, metavar="WILAYAH", help="contest_level"),
        option(
            "--year", type=click.IntRange(1900, 2999), default=None, metavar="TAHUN", help="year"
        ),
    ]

    @functools.wraps(function)
    def with_options(*args: Any, **kwargs: Any) -> Any:
        kwargs["minutes_details"] = MinutesDetails(
            place=kwargs.pop("place"),
            date=_date(kwargs.pop("minutes_date")),
            chair=kwargs.pop("chair"),
            judges=tuple(kwargs.pop("judge_names")),
            level=kwargs.pop("contest_level"),
            year=kwargs.pop("year"),
        )
        return function(*args, **kwargs)

    for decorate in reversed(options):
        with_options = decorate(with_options)
    return cast(F, with_options)
