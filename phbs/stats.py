"""Statistics for village percentages (docs/aturan.md §5): intervals and control limits; the
funnel's tails and dispersion test (:mod:`phbs.funnel_stats`) and the shrinkage prior
(:mod:`phbs.shrinkage`) are handed on from here.

Every kernel is a pure, vectorised function over numpy arrays; the thin wrappers
(:func:`proportion_interval`, :func:`percent_interval`, :func:`funnel_limits`,
:func:`fit_beta_binomial`) check their arguments and raise :class:`ValueError` on misuse.

**Intervals** for a proportion ``x / n``: Wilson score (default; Wilson 1927), Clopper–Pearson
"exact" (1934) and Jeffreys (Brown, Cai & DasGupta 2001), none with a continuity correction.
``n = 0`` gives ``NaN`` (undefined). Clopper–Pearson and Jeffreys put the lower bound at 0
when ``x = 0`` and the upper bound at 1 when ``x = n`` (Brown et al. 2001, §4.1.2).

**Finite population correction** (when the village's total households ``N`` is known): the
sampling fraction shrinks the variance by ``f = (N − n) / (N − 1)``, i.e. the standard
error is scaled by ``sqrt(f)``. We apply it through the *effective sample size*
``n_eff = n / f`` (and ``x_eff = x / f``, keeping ``x / n``): for Wilson this is exactly the
interval whose standard error is scaled by ``sqrt(f)``; for Clopper–Pearson and Jeffreys the
beta quantiles are taken with the effective counts (Korn & Graubard 1998's device). The
interval is then clipped to the values the whole village can still take,
``[x / N, (x + N − n) / N]``; when ``n == N`` it collapses to the point ``x / n``.

>>> lo, hi = proportion_interval([41], [100])
>>> round(float(lo[0]), 4), round(float(hi[0]), 4)
(0.3187, 0.508)
"""

# scipy is imported inside the functions that use it: importing it costs about half a
# second, which every `phbs` command (even --help) would otherwise pay.

from __future__ import annotations

import math
from enum import StrEnum
from statistics import NormalDist

import numpy as np
from numpy.typing import ArrayLike, NDArray

from phbs.funnel_stats import (
    Overdispersion,
    binomial_tails,
    funnel_bounds,
    funnel_counts,
    overdispersion,
    random_effects_limits,
)
from phbs.shrinkage import (
    BetaBinomialPrior,
    fit_beta_binomial,
    posterior_interval,
    shrunk_proportion,
)

FloatArray = NDArray[np.float64]

__all__ = [
    "BetaBinomialPrior",
    "CiMethod",
    "Overdispersion",
    "binomial_tails",
    "fit_beta_binomial",
    "funnel_bounds",
    "funnel_counts",
    "funnel_limits",
    "overdispersion",
    "percent_interval",
    "posterior_interval",
    "proportion_interval",
    "random_effects_limits",
    "shrunk_proportion",
]


class CiMethod(StrEnum):
    """Confidence interval method for a proportion."""

    WILSON = "wilson"
    CLOPPER_PEARSON = "clopper-pearson"
    JEFFREYS = "jeffreys"


def _fpc_factor(n: FloatArray, population: FloatArray) -> FloatArray:
    """``(N − n) / (N − 1)``, 1 where ``N`` is unknown (NaN), 0 when ``n ≥ N``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        f = (population - n) / (population - 1.0)
    f = np.where(n >= population, 0.0, f)
    return np.where(np.isnan(population), 1.0, np.clip(f, 0.0, 1.0))


def wilson_kernel(p: FloatArray, n_eff: FloatArray, z: float) -> tuple[FloatArray, FloatArray]:
    """Wilson score bounds for proportion ``p`` and (effective) sample size ``n_eff``.

    ``n_eff = inf`` gives the point ``p`` (full census).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        z2n = z * z / n_eff
        centre = (p + z2n / 2.0) / (1.0 + z2n)
        half = z / (1.0 + z2n) * np.sqrt(p * (1.0 - p) / n_eff + z2n / (4.0 * n_eff))
    lower = np.where(p <= 0.0, 0.0, np.clip(centre - half, 0.0, 1.0))
    upper = np.where(p >= 1.0, 1.0, np.clip(centre + half, 0.0, 1.0))
    return lower, upper


def beta_kernel(
    p: FloatArray, n_eff: FloatArray, alpha: float, prior: float | None
) -> tuple[FloatArray, FloatArray]:
    """Clopper–Pearson (``prior=None``) or Jeffreys (``prior=0.5``) bounds from beta quantiles.

    Rows with ``n_eff = inf`` (full census) must be handled by the caller.
    """
    from scipy.stats import beta as beta_dist

    x = p * n_eff
    rest = n_eff - x
    with np.errstate(divide="ignore", invalid="ignore"):
        if prior is None:
            lower = beta_dist.ppf(alpha / 2.0, x, rest + 1.0)
            upper = beta_dist.ppf(1.0 - alpha / 2.0, x + 1.0, rest)
        else:
            lower = beta_dist.ppf(alpha / 2.0, x + prior, rest + prior)
            upper = beta_dist.ppf(1.0 - alpha / 2.0, x + prior, rest + prior)
    lower = np.where(x <= 0.0, 0.0, lower)
    upper = np.where(rest <= 0.0, 1.0, upper)
    return np.asarray(lower, dtype=np.float64), np.asarray(upper, dtype=np.float64)


def proportion_interval(
    successes: ArrayLike,
    trials: ArrayLike,
    *,
    method: CiMethod | str = CiMethod.WILSON,
    confidence: float = 0.95,
    population: ArrayLike | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Lower and upper bounds (proportions, 0–1) for each ``successes / trials``.

    ``population`` holds each unit's total ``N`` for the finite population correction
    (``NaN`` where unknown). ``trials == 0`` gives ``NaN`` bounds.

    >>> lo, hi = proportion_interval([0, 5], [0, 5], method="clopper-pearson")
    >>> lo.tolist()[0], round(float(lo[1]), 4), hi.tolist()[1]
    (nan, 0.4782, 1.0)
    >>> proportion_interval([30], [50], population=[50])[0].tolist()
    [0.6]
    """
    chosen = CiMethod(method)
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    x = np.asarray(successes, dtype=np.float64)
    n = np.asarray(trials, dtype=np.float64)
    x, n = np.broadcast_arrays(x, n)
    if np.any(n < 0) or np.any(x < 0) or np.any(x > n):
        raise ValueError("need 0 ≤ successes ≤ trials")
    big_n = (
        np.full(n.shape, np.nan)
        if population is None
        else np.broadcast_to(np.asarray(population, dtype=np.float64), n.shape)
    )
    if np.any(big_n < n):
        raise ValueError("population must be at least the number of trials")
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n > 0, x / n, np.nan)
        f = _fpc_factor(n, big_n)
        n_eff = np.where(f > 0, n / f, np.inf)
    alpha = 1.0 - confidence
    if chosen is CiMethod.WILSON:
        # The normal quantile from the standard library (Wichura's AS 241, to within a unit
        # in the last place of scipy.special.ndtri): importing scipy takes longer than
        # scoring a Puskesmas survey.
        z = NormalDist().inv_cdf(1.0 - alpha / 2.0)
        lower, upper = wilson_kernel(p, n_eff, z)
    else:
        finite = np.isfinite(n_eff)
        safe = np.where(finite, n_eff, 1.0)
        prior = None if chosen is CiMethod.CLOPPER_PEARSON else 0.5
        lower, upper = beta_kernel(np.nan_to_num(p), safe, alpha, prior)
        lower = np.where(finite, lower, p)
        upper = np.where(finite, upper, p)
    known = ~np.isnan(big_n)
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = np.where(known, np.maximum(lower, x / big_n), lower)
        upper = np.where(known, np.minimum(upper, (x + big_n - n) / big_n), upper)
    empty = n == 0
    return np.where(empty, np.nan, lower), np.where(empty, np.nan, upper)


def percent_interval(
    successes: int,
    trials: int,
    method: CiMethod | str = CiMethod.WILSON,
    confidence: float = 0.95,
    population: float | None = None,
) -> tuple[float | None, float | None]:
    """One interval in percent (0–100), ``(None, None)`` when ``trials == 0``.

    >>> [round(v or 0, 1) for v in percent_interval(41, 100)]
    [31.9, 50.8]
    """
    pop = None if population is None else [population]
    lower, upper = proportion_interval(
        [successes], [trials], method=method, confidence=confidence, population=pop
    )
    if math.isnan(lower[0]):
        return None, None
    return float(lower[0]) * 100.0, float(upper[0]) * 100.0


def funnel_limits(
    rate: float, trials: ArrayLike, coverage: float, *, exact: bool = True
) -> tuple[FloatArray, FloatArray]:
    """Control limits (proportions) around ``rate`` for sample sizes ``trials``.

    ``coverage`` is two-sided (0.95, 0.998). ``exact`` uses Spiegelhalter's (2005, Stat Med
    24:1185, appendix A.1.1) interpolated binomial quantiles: for tail probability ``q``,
    ``r = F⁻¹(q)``, ``a = (F(r) − q) / (F(r) − F(r − 1))`` and the limit is ``(r − a) / n``.
    This spreads the probability at ``r`` over ``(r − 1, r]``, so the limits sit about
    ``1/(2n)`` below symmetric ones (negligible at village sample sizes). Otherwise the
    normal approximation ``rate ± z·sqrt(rate(1 − rate)/n)``, clipped to [0, 1].

    >>> lo, hi = funnel_limits(0.5, [10], 0.95)
    >>> round(float(hi[0]), 6)
    0.767556
    """
    from scipy.stats import norm

    if not 0.0 <= rate <= 1.0:
        raise ValueError(f"rate must be a proportion, got {rate}")
    if not 0.0 < coverage < 1.0:
        raise ValueError(f"coverage must be between 0 and 1, got {coverage}")
    n = np.asarray(trials, dtype=np.float64)
    if np.any(n <= 0):
        raise ValueError("trials must be positive")
    tail = (1.0 - coverage) / 2.0
    if not exact:
        z = float(norm.ppf(1.0 - tail))
        half = z * np.sqrt(rate * (1.0 - rate) / n)
        return np.clip(rate - half, 0.0, 1.0), np.clip(rate + half, 0.0, 1.0)
    return _exact_limit(rate, n, tail), _exact_limit(rate, n, 1.0 - tail)


def _exact_limit(rate: float, n: FloatArray, q: float) -> FloatArray:
    from scipy.stats import binom

    r = binom.ppf(q, n, rate)
    at = binom.cdf(r, n, rate)
    below = binom.cdf(r - 1.0, n, rate)
    step = at - below
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(step > 0, (at - q) / step, 0.0)
    return np.asarray(np.clip((r - a) / n, 0.0, 1.0), dtype=np.float64)
