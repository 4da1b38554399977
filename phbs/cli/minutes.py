"""Options of ``phbs report`` for the contest's *berita acara* (minutes): where it is written
and what the panel writes into it (:class:`~phbs.reports.panel.MinutesDetails`)."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from phbs.reports.panel import MinutesDetails, parse_date

F = TypeVar("F", bound=Callable[..., Any])


def _date(value: str | None) -> datetime.date | None:
    return None if value is None else parse_date(value)


def minutes_options(function: F) -> F:
    """``--minutes``, ``--place``, ``--date``, ``--chair``, ``--judge``, ``--contest-level`` and
    ``--year``, handed to the command as ``minutes`` (a path or ``None``) and
    ``minutes_details`` (:class:`~phbs.reports.panel.MinutesDetails`)."""
    options = [
        click.option(
            "--minutes",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            metavar="BERKAS.html",
            help="Tulis juga berita acara lomba sebagai halaman sendiri untuk dicetak "
            "(perlu --rubric; laporan HTML dan Excel selalu memuatnya).",
        ),
        click.option("--place", default=None, help="Tempat penilaian (berita acara)."),
        click.option(
            "--date",
            "minutes_date",
            default=None,
            metavar="TANGGAL",
            help="Tanggal penilaian, 2025-10-20 atau 20-10-2025 (berita acara).",
        ),
        click.option("--chair", default=None, help="Nama ketua tim penilai (berita acara)."),
        click.option(
            "--judge",
            "judge_names",
            multiple=True,
            metavar="NAMA",
            help="Nama juri untuk tanda tangan, boleh berulang (bawaan: juri di berkas --judges).",
        ),
        click.option(
            "--contest-level",
            default=None,
            metavar="TEKS",
            help="Tingkat lomba di judul, mis. 'Kabupaten Tanah Bumbu' (bawaan: wilayah "
            "terkecil yang memuat semua desa).",
        ),
        click.option(
            "--year",
            type=click.IntRange(1900, 2999),
            default=None,
            help="Tahun lomba (bawaan: tahun --date).",
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

    for option in reversed(options):
        with_options = option(with_options)
    return cast(F, with_options)
