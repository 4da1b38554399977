"""Options of ``phbs rank`` and ``phbs report`` for rank uncertainty; the analyses they ask
for run in :func:`phbs.contest.assessment.assess_ranking`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from phbs.contest.assessment import UncertaintyOptions

F = TypeVar("F", bound=Callable[..., Any])


def uncertainty_options(function: F) -> F:
    """``--bootstrap``, ``--seed``, ``--resample-judges``, ``--weight-sensitivity``,
    ``--weight-concentration``, ``--weight-spread`` and ``--shrink``."""
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
    for option in reversed(options):
        function = option(function)
    return function


def uncertainty_choice(
    bootstrap: int,
    seed: int,
    resample_judges: bool,
    weight_sensitivity: int,
    weight_concentration: float,
    weight_spread: float | None,
) -> UncertaintyOptions:
    """The options of :func:`uncertainty_options` as the library takes them."""
    return UncertaintyOptions(
        bootstrap, seed, resample_judges, weight_sensitivity, weight_concentration, weight_spread
    )
