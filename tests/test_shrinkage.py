"""Empirical-Bayes shrinkage (phbs.shrinkage), docs/aturan.md §7.8: the fitted κ is where the
beta-binomial likelihood is highest.

Expected values come from scipy, never from phbs: each fit is checked against
``scipy.stats.betabinom.logpmf`` summed over the villages and evaluated by the test on its own
fine (μ, κ) grid, and the posterior intervals against ``scipy.stats.beta.ppf``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.typing import NDArray
from scipy.stats import beta as beta_dist
from scipy.stats import betabinom

from phbs.shrinkage import (
    BetaBinomialPrior,
    fit_beta_binomial,
    posterior_interval,
    shrunk_proportion,
)

#: The test's own grid: κ from 0.1 to 10⁷ (40 points a decade), μ in steps of 0.0005.
KAPPA = np.geomspace(0.1, 1e7, 321)


def grid_profile(x: NDArray[np.int64], n: NDArray[np.int64]) -> NDArray[np.float64]:
    """``max_μ Σ log betabinom.pmf(x | n, μκ, (1 − μ)κ)`` for every κ of :data:`KAPPA`, μ on
    a grid over the villages' range of rates."""
    p = x / n
    mu = np.arange(max(p.min(), 5e-4), min(p.max(), 1 - 5e-4) + 5e-4, 5e-4)
    m, k = np.meshgrid(mu, KAPPA, indexing="ij")
    logpmf = betabinom.logpmf(x[:, None, None], n[:, None, None], m * k, (1 - m) * k)
    return np.asarray(logpmf.sum(axis=0).max(axis=0), dtype=np.float64)


def scipy_log_likelihood(
    x: NDArray[np.int64], n: NDArray[np.int64], prior: BetaBinomialPrior
) -> float:
    return float(betabinom.logpmf(x, n, prior.alpha, prior.beta).sum())


def homogeneous(seed: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Thirty villages of 40–199 households drawn from one binomial (p = 0.6)."""
    rng = np.random.default_rng(seed)
    n = rng.integers(40, 200, 30)
    return rng.binomial(n, 0.6), n


@pytest.mark.parametrize("seed", [0, 1, 3, 5])
def test_homogeneous_set_fit_is_the_grid_maximum(seed: int) -> None:
    """Drawn from one binomial, these seeds have an interior maximum (the grid peaks inside
    it): the fit's likelihood is at least the grid's best, and κ̂ lies within a grid step of
    the grid's argmax."""
    x, n = homogeneous(seed)
    profile = grid_profile(x, n)
    peak = int(np.argmax(profile))
    assert 0 < peak < KAPPA.size - 1
    prior = fit_beta_binomial(x, n)
    assert not prior.infinite
    assert scipy_log_likelihood(x, n, prior) >= profile.max() - 1e-6
    assert KAPPA[peak - 1] <= prior.strength <= KAPPA[peak + 1]


def test_flat_likelihood_is_climbed_to_its_maximum() -> None:
    """Thirty villages of 100–200 households drawn from one binomial (p = 0.68, seed 20):
    the likelihood is flat for large κ and peaks near κ ≈ 2 000, where the fit must land
    (a local optimiser started at κ = 10⁴ stops short of it)."""
    rng = np.random.default_rng(20)
    n = rng.integers(100, 201, 30)
    x = rng.binomial(n, 0.68)
    profile = grid_profile(x, n)
    peak = int(np.argmax(profile))
    assert 0 < peak < KAPPA.size - 1
    prior = fit_beta_binomial(x, n)
    assert scipy_log_likelihood(x, n, prior) >= profile.max() - 1e-6
    assert KAPPA[peak - 1] <= prior.strength <= KAPPA[peak + 1]
    assert 1000 < prior.strength < 4000


def test_homogeneous_set_at_the_boundary_is_infinite() -> None:
    """Seed 2 of the same draw: the grid's best is its top end and still rising, so κ̂ = ∞
    and every village is at the pooled rate Σx/Σn."""
    x, n = homogeneous(2)
    profile = grid_profile(x, n)
    assert int(np.argmax(profile)) == KAPPA.size - 1
    assert profile[-1] > profile[-2]
    prior = fit_beta_binomial(x, n)
    assert prior.infinite
    assert prior.mean == pytest.approx(x.sum() / n.sum())
    assert shrunk_proportion(x, n, prior) == pytest.approx(np.full(30, x.sum() / n.sum()))


def test_overdispersed_set() -> None:
    """Twelve villages whose rates run from 15 % to 90 %: κ̂ is small, found at the grid's
    maximum, and a small village moves much further than a large one."""
    n = np.array([20, 35, 50, 60, 80, 100, 120, 150, 40, 25, 90, 200])
    x = np.array([3, 10, 20, 30, 50, 70, 95, 135, 8, 20, 30, 120])
    profile = grid_profile(x, n)
    peak = int(np.argmax(profile))
    prior = fit_beta_binomial(x, n)
    assert scipy_log_likelihood(x, n, prior) >= profile.max() - 1e-6
    assert KAPPA[peak - 1] <= prior.strength <= KAPPA[peak + 1]
    assert prior.strength < 20
    shrunk = shrunk_proportion(x, n, prior)
    # The posterior mean (x + α)/(n + κ), written out.
    assert shrunk == pytest.approx((x + prior.alpha) / (n + prior.alpha + prior.beta))
    moved = np.abs(shrunk - x / n)
    assert moved[9] > moved[7]  # 20 of 25 moves more than 135 of 150


@pytest.mark.parametrize(
    ("x", "n", "value"),
    [
        ([30, 30, 30, 30], [60, 60, 60, 60], 0.5),  # all villages equal
        ([15, 30, 60], [50, 100, 200], 0.3),  # equal rates, different sizes
        ([0, 0, 0], [20, 50, 80], 0.0),  # all 0 %
        ([20, 50, 80], [20, 50, 80], 1.0),  # all 100 %
        ([108], [150], 0.72),  # one village
    ],
)
def test_degenerate_sets_are_infinite(x: list[int], n: list[int], value: float) -> None:
    """Villages that do not differ at all (or just one): κ̂ = ∞ and each village keeps its
    own value (complete pooling and no shrinkage agree); the posterior interval is that
    point."""
    prior = fit_beta_binomial(x, n)
    assert prior.infinite
    assert prior.mean == pytest.approx(value)
    assert shrunk_proportion(x, n, prior) == pytest.approx(np.full(len(x), value))
    lower, upper = posterior_interval(x, n, prior, 0.95)
    assert lower == pytest.approx(np.full(len(x), value))
    assert upper == pytest.approx(np.full(len(x), value))


def test_all_villages_equal_likelihood_rises_to_infinity() -> None:
    """Why κ̂ = ∞ when all villages are equal: scipy's beta-binomial likelihood at the
    common rate rises with κ all the way up the grid."""
    x, n = np.array([30, 30, 30, 30]), np.array([60, 60, 60, 60])
    values = [betabinom.logpmf(x, n, 0.5 * k, 0.5 * k).sum() for k in KAPPA]
    assert np.all(np.diff(values) > 0)


def test_no_village_with_households_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one village"):
        fit_beta_binomial([0, 0], [0, 0])


@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_posterior_interval_matches_scipy(confidence: float) -> None:
    """Prior Beta(4, 6): the posterior of 9 of 10 is Beta(13, 7), of 90 of 100 Beta(94, 16);
    its equal-tailed interval from scipy.stats.beta.ppf."""
    prior = BetaBinomialPrior(4.0, 6.0, "given", 2)
    lower, upper = posterior_interval([9, 90], [10, 100], prior, confidence)
    tail = (1 - confidence) / 2
    assert lower.tolist() == pytest.approx(
        [beta_dist.ppf(tail, 13, 7), beta_dist.ppf(tail, 94, 16)], abs=1e-12
    )
    assert upper.tolist() == pytest.approx(
        [beta_dist.ppf(1 - tail, 13, 7), beta_dist.ppf(1 - tail, 94, 16)], abs=1e-12
    )


def test_posterior_interval_holds_the_shrunk_value() -> None:
    """On a fitted prior, the posterior mean lies inside its interval."""
    x, n = homogeneous(1)
    prior = fit_beta_binomial(x, n)
    shrunk = shrunk_proportion(x, n, prior)
    lower, upper = posterior_interval(x, n, prior, 0.95)
    assert np.all(lower < shrunk)
    assert np.all(shrunk < upper)
    assert not math.isinf(prior.strength)
