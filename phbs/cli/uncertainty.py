"""Options of ``phbs rank`` and ``phbs report`` for rank uncertainty; the analyses they ask
for run in :func:`phbs.contest.assessment.assess_ranking`."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

import click

from phbs.contest.assessment import UncertaintyOptions

F = TypeVar("F", bound=Callable[..., Any])


def uncertainty_options(function: F) -> F:
    """``--bootstrap``, ``--seed``, ``--resample-judges``, ``--weight-sensitivity``,
    ``--weight-concentration``, ``--weight-spread`` and ``--shrink``, handed to the command as
    one ``uncertainty`` (:class:`~phbs.contest.assessment.UncertaintyOptions`)."""
    options = [
        click.option(
            "--bootstrap",
            type=click.IntRange(0, 100_000),
            default=0,
            metavar="N",
            help="Bootstrap N ulangan: rumah tangga diambil ulang di tiap desa (perlu --survey).",
        ),
        click.option(
            "--seed", type=int, default=42, show_default=True, help="Seed acak (hasil sama)."
        ),
        click.option(
            "--resample-judges", is_flag=True, help="Bootstrap juga mengambil ulang juri."
        ),
        click.option(
            "--weight-sensitivity",
            type=click.IntRange(0, 100_000),
            default=0,
            metavar="N",
            help="Kepekaan bobot: N ulangan bobot kelompok yang diacak.",
        ),
        click.option(
            "--weight-concentration",
            type=click.FloatRange(min=0, min_open=True),
            default=100.0,
            show_default=True,
            help="Konsentrasi Dirichlet di sekitar bobot kelompok (besar = dekat).",
        ),
        click.option(
            "--weight-spread",
            type=click.FloatRange(0, 100, min_open=True, max_open=True),
            default=None,
            metavar="PERSEN",
            help="Ganti Dirichlet dengan ±PERSEN % seragam per kelompok.",
        ),
        click.option(
            "--shrink",
            is_flag=True,
            help="% ber-PHBS disusutkan (empirical Bayes beta-binomial) sebelum dinilai.",
        ),
    ]

    @functools.wraps(function)
    def with_options(*args: Any, **kwargs: Any) -> Any:
        kwargs["uncertainty"] = UncertaintyOptions(**{name: kwargs.pop(name) for name in _FIELDS})
        return function(*args, **kwargs)

    for option in reversed(options):
        with_options = option(with_options)
    return cast(F, with_options)


#: The options above, named as :class:`UncertaintyOptions` names them.
_FIELDS = tuple(f.name for f in dataclasses.fields(UncertaintyOptions))
