"""Empirical-Bayes shrinkage of village proportions (docs/aturan.md §7.8).

Each village's true rate ``p_i`` is taken to come from one Beta prior with mean ``μ`` and
strength ``κ = α + β`` (``α = μκ``, ``β = (1 − μ)κ``); given ``p_i`` the count ``x_i`` of
``n_i`` households is binomial, so marginally ``x_i`` is beta-binomial. The prior is fitted
by **marginal maximum likelihood** (Skellam 1948; the empirical-Bayes use: Efron & Morris
1975, Carlin & Louis 2009 §5): ``ℓ(μ, κ) = Σ_i log BetaBinomial(x_i | n_i, μκ, (1 − μ)κ)``.

How the maximum is found, so that it is the maximum and not where an optimiser stopped:

1. the **profile** ``ℓ*(κ) = max_μ ℓ(μ, κ)`` is evaluated on a log grid of κ
   (:data:`KAPPA_GRID`, 10⁻³ … 10⁸, 20 points a decade), ``μ`` maximised by Brent's bounded
   method for each κ;
2. the best grid point is refined by a bounded scalar search (Brent) over ``log κ`` between
   its two neighbours;
3. κ̂ = ∞ (*complete pooling*) when the binomial likelihood at the pooled rate,
   ``ℓ(m, ∞) = Σ x_i log m + (n_i − x_i) log(1 − m)`` with ``m = Σx / Σn``, is at least the
   grid's best, or the grid's best is its top end (the likelihood still rising at κ = 10⁸,
   where ``n / (n + κ)`` is below 10⁻⁵ for any village). Then the villages differ no more
   than binomial chance explains, and the posterior of every village is the point ``m``.

Degenerate sets have κ̂ = ∞ without a search: one village (a beta-binomial is a mixture of
binomials, so no mixture gives its count more probability than the binomial at ``x / n``),
all villages at the same rate, all at 0 % or all at 100 %. In each the posterior mean is the
village's own value: complete pooling and no shrinkage agree.

The posterior of a village is ``Beta(x + α, n − x + β)``: its mean ``(x + α) / (n + κ)``
(:func:`shrunk_proportion`) and its equal-tailed interval at the run's confidence level
(:func:`posterior_interval`). These are *plug-in* intervals: they treat the fitted prior as
known (Carlin & Louis 2009 §5.3), so they are a little too narrow when there are few villages.
"""

# scipy is imported inside the functions that use it (see phbs/stats.py).

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

__all__ = [
    "KAPPA_GRID",
    "BetaBinomialPrior",
    "beta_binomial_log_likelihood",
    "fit_beta_binomial",
    "posterior_interval",
    "shrunk_proportion",
]

#: The κ grid of the profile likelihood: 10⁻³ … 10⁸, 20 points a decade.
KAPPA_GRID: FloatArray = np.geomspace(1e-3, 1e8, 221)


@dataclass(frozen=True)
class BetaBinomialPrior:
    """A Beta(alpha, beta) prior for village proportions, and how it was fitted.

    ``alpha = beta = inf`` with ``pooled`` set is the κ = ∞ prior (complete pooling at
    ``pooled``); ``log_likelihood`` is the maximised marginal log-likelihood (without the
    binomial coefficients), ``None`` for a given prior.
    """

    alpha: float
    beta: float
    method: str
    villages: int
    pooled: float | None = None
    log_likelihood: float | None = None

    @property
    def infinite(self) -> bool:
        """κ = ∞: every village's posterior is the point :attr:`mean`."""
        return math.isinf(self.alpha + self.beta)

    @property
    def mean(self) -> float:
        """Prior mean ``μ = α / (α + β)``: the rate villages are pulled toward."""
        if self.infinite:
            return float(self.pooled if self.pooled is not None else math.nan)
        return self.alpha / (self.alpha + self.beta)

    @property
    def strength(self) -> float:
        """``κ = α + β``: the prior is worth this many households (``inf`` at κ = ∞)."""
        return self.alpha + self.beta


def _infinite(pooled: float, villages: int, log_likelihood: float) -> BetaBinomialPrior:
    return BetaBinomialPrior(
        math.inf, math.inf, "marginal-ml", villages, pooled=pooled, log_likelihood=log_likelihood
    )


def beta_binomial_log_likelihood(
    successes: ArrayLike, trials: ArrayLike, mean: float, strength: float
) -> float:
    """``Σ log BetaBinomial(x | n, μκ, (1 − μ)κ)`` without the binomial coefficients
    (``Σ log B(x + α, n − x + β) − log B(α, β)``); the binomial one at ``strength = inf``.

    >>> round(beta_binomial_log_likelihood([1], [2], 0.5, 2.0), 6)  # log B(2, 2) = log(1/6)
    -1.791759
    """
    from scipy import special

    x = np.asarray(successes, dtype=np.float64)
    n = np.asarray(trials, dtype=np.float64)
    if math.isinf(strength):
        return float(np.sum(special.xlogy(x, mean) + special.xlogy(n - x, 1.0 - mean)))
    a, b = mean * strength, (1.0 - mean) * strength
    return float(np.sum(special.betaln(x + a, n - x + b) - special.betaln(a, b)))


def _profile(
    x: FloatArray, n: FloatArray, kappa: float, bounds: tuple[float, float]
) -> tuple[float, float]:
    """``(max_μ ℓ(μ, κ), μ̂(κ))``, ``logit μ`` searched in ``bounds``."""
    from scipy import optimize, special

    def negative(z: float) -> float:
        return -beta_binomial_log_likelihood(x, n, float(special.expit(z)), kappa)

    found = optimize.minimize_scalar(
        negative, bounds=bounds, method="bounded", options={"xatol": 1e-10}
    )
    return -float(found.fun), float(special.expit(found.x))


def fit_beta_binomial(successes: ArrayLike, trials: ArrayLike) -> BetaBinomialPrior:
    """Empirical-Bayes Beta prior for proportions, by marginal maximum likelihood.

    The profile likelihood over κ on :data:`KAPPA_GRID`, refined between the best grid
    point's neighbours; κ = ∞ when the binomial likelihood at the pooled rate is at least as
    high (see the module docstring). Villages with ``n = 0`` are left out.

    >>> prior = fit_beta_binomial([3, 30, 12, 50, 5], [10, 60, 40, 70, 30])
    >>> round(prior.mean, 2), round(prior.strength, 1), prior.infinite
    (0.41, 6.9, False)
    >>> fit_beta_binomial([10, 20, 40], [50, 100, 200]).infinite
    True
    """
    from scipy import optimize, special

    x = np.asarray(successes, dtype=np.float64)
    n = np.asarray(trials, dtype=np.float64)
    if x.shape != n.shape or np.any(x < 0) or np.any(x > n):
        raise ValueError("need matching arrays with 0 ≤ successes ≤ trials")
    keep = n > 0
    x, n = x[keep], n[keep]
    if x.size == 0:
        raise ValueError("need at least one village with households to fit a prior")
    pooled = float(x.sum() / n.sum())
    at_infinity = beta_binomial_log_likelihood(x, n, pooled, math.inf)
    p = x / n
    if x.size == 1 or np.all(p == p[0]):
        return _infinite(pooled, int(x.size), at_infinity)
    # μ̂(κ) lies between the smallest and the largest village rate; a margin keeps the
    # bounded search off the ends.
    low = float(special.logit(min(max(p.min(), 1e-9), 1 - 1e-9))) - 1.0
    high = float(special.logit(min(max(p.max(), 1e-9), 1 - 1e-9))) + 1.0
    bounds = (max(low, -30.0), min(high, 30.0))
    profile = np.array([_profile(x, n, float(k), bounds)[0] for k in KAPPA_GRID])
    best = int(np.argmax(profile))
    if at_infinity >= profile[best] or best == KAPPA_GRID.size - 1:
        return _infinite(pooled, int(x.size), at_infinity)
    lo = math.log(KAPPA_GRID[max(best - 1, 0)])
    hi = math.log(KAPPA_GRID[best + 1])
    refined = optimize.minimize_scalar(
        lambda t: -_profile(x, n, math.exp(t), bounds)[0],
        bounds=(lo, hi),
        method="bounded",
        options={"xatol": 1e-7},
    )
    kappa, value = math.exp(float(refined.x)), -float(refined.fun)
    if value < profile[best]:
        kappa, value = float(KAPPA_GRID[best]), float(profile[best])
    value, mu = _profile(x, n, kappa, bounds)
    return BetaBinomialPrior(
        mu * kappa, (1.0 - mu) * kappa, "marginal-ml", int(x.size), log_likelihood=value
    )


def shrunk_proportion(
    successes: ArrayLike, trials: ArrayLike, prior: BetaBinomialPrior
) -> FloatArray:
    """Posterior mean ``(x + α) / (n + α + β)`` of each village's proportion; ``μ`` for
    every village when κ = ∞.

    >>> prior = BetaBinomialPrior(4.0, 6.0, "given", 2)
    >>> shrunk_proportion([9, 0], [10, 0], prior).tolist()
    [0.65, 0.4]
    """
    x = np.asarray(successes, dtype=np.float64)
    n = np.asarray(trials, dtype=np.float64)
    if prior.infinite:
        return np.full(np.broadcast(x, n).shape, prior.mean)
    result: FloatArray = (x + prior.alpha) / (n + prior.alpha + prior.beta)
    return result


def posterior_interval(
    successes: ArrayLike, trials: ArrayLike, prior: BetaBinomialPrior, confidence: float = 0.95
) -> tuple[FloatArray, FloatArray]:
    """Equal-tailed ``confidence`` interval of each village's posterior
    ``Beta(x + α, n − x + β)``; the point ``μ`` when κ = ∞.

    >>> lo, hi = posterior_interval([9], [10], BetaBinomialPrior(4.0, 6.0, "given", 2))
    >>> round(float(lo[0]), 4), round(float(hi[0]), 4)
    (0.4345, 0.8371)
    """
    from scipy.stats import beta as beta_dist

    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    x = np.asarray(successes, dtype=np.float64)
    n = np.asarray(trials, dtype=np.float64)
    if prior.infinite:
        point = np.full(np.broadcast(x, n).shape, prior.mean)
        return point, point.copy()
    tail = (1.0 - confidence) / 2.0
    a, b = x + prior.alpha, n - x + prior.beta
    lower = np.asarray(beta_dist.ppf(tail, a, b), dtype=np.float64)
    upper = np.asarray(beta_dist.ppf(1.0 - tail, a, b), dtype=np.float64)
    return lower, upper
