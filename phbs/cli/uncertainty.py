"""Options of ``phbs rank`` and ``phbs report`` for rank uncertainty; the analyses they ask
for run in :func:`phbs.contest.assessment.assess_ranking`."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

import click

from phbs.cli.common import DecimalRange
from phbs.cli.translated import option
from phbs.contest.assessment import UncertaintyOptions

F = TypeVar("F", bound=Callable[..., Any])


def uncertainty_options(function: F) -> F:
    """``--bootstrap``, ``--seed``, ``--resample-judges``, ``--weight-sensitivity``,
    ``--weight-concentration``, ``--weight-spread`` and ``--shrink``, handed to the command as
    one ``uncertainty`` (:class:`~phbs.contest.assessment.UncertaintyOptions`)."""
    options = [
        option(
            "--bootstrap",
            type=click.IntRange(0, 100_000),
            default=0,
            metavar="N",
            help="bootstrap",
        ),
        option("--seed", type=int, default=42, show_default=True, metavar="N", help="seed"),
        option("--resample-judges", is_flag=True, help="resample_judges"),
        option(
            "--weight-sensitivity",
            type=click.IntRange(0, 100_000),
            default=0,
            metavar="N",
            help="weight_sensitivity",
        ),
        option(
            "--weight-concentration",
            type=DecimalRange(min=0, min_open=True),
            default=100.0,
            show_default=True,
            metavar="ANGKA",
            help="weight_concentration",
        ),
        option(
            "--weight-spread",
            type=DecimalRange(0, 100, min_open=True, max_open=True),
            default=None,
            metavar="PERSEN",
            help="weight_spread",
        ),
        option("--shrink", is_flag=True, help="shrink"),
    ]

    @functools.wraps(function)
    def with_options(*args: Any, **kwargs: Any) -> Any:
        kwargs["uncertainty"] = UncertaintyOptions(**{name: kwargs.pop(name) for name in _FIELDS})
        return function(*args, **kwargs)

    for decorate in reversed(options):
        with_options = decorate(with_options)
    return cast(F, with_options)


#: The options above, named as :class:`UncertaintyOptions` names them.
_FIELDS = tuple(f.name for f in dataclasses.fields(UncertaintyOptions))
