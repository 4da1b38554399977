"""Options of ``phbs rank`` and ``phbs report`` for rank uncertainty (issue 5), and the
analyses they ask for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from phbs.contest.models import Ranking
from phbs.contest.rubric import LoadedRubric
from phbs.contest.uncertainty import bootstrap_ranking
from phbs.contest.uncertainty import weight_sensitivity as weight_sensitivity_of
from phbs.reports.uncertainty import Uncertainty
from phbs.scoring.results import AreaReport, ScoreResult
from phbs.stats import BetaBinomialPrior

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


def assess_ranking(
    ranking: Ranking,
    rubric: LoadedRubric,
    report: AreaReport | None,
    prior: BetaBinomialPrior | None,
    *,
    bootstrap: int,
    seed: int,
    resample_judges: bool,
    weight_sensitivity: int,
    weight_concentration: float,
    weight_spread: float | None,
    households: ScoreResult | None = None,
) -> Uncertainty:
    """Run the analyses the options asked for (``phbs rank`` and ``phbs report`` alike).

    ``report`` is the village summary the ranking's survey criteria came from; ``prior``
    the shrinkage prior when ``--shrink`` was used; ``households`` the scored survey, for the
    joint household bootstrap (without it the bootstrap resamples ``report``'s counts).
    """
    found = Uncertainty(report=report, prior=prior)
    if bootstrap:
        found.bootstrap = bootstrap_ranking(
            ranking,
            rubric,
            report,
            replicates=bootstrap,
            seed=seed,
            resample_judges_too=resample_judges,
            prior=prior,
            households=households,
        )
    if weight_sensitivity:
        found.weights = weight_sensitivity_of(
            ranking,
            rubric,
            replicates=weight_sensitivity,
            seed=seed,
            concentration=weight_concentration,
            spread=weight_spread,
        )
    return found
