"""Statistics for village percentages (docs/aturan.md §5): intervals and control limits.

Every kernel is a pure, vectorised function over numpy arrays; the thin wrappers
(:func:`proportion_interval`, :func:`percent_interval`, :func:`funnel_limits`,
:func:`overdispersion`) check their arguments and raise :class:`ValueError` on misuse.

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
from dataclasses import dataclass
from enum import StrEnum
from statistics import NormalDist

import numpy as np
from numpy.typing import ArrayLike, NDArray

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


def binomial_tails(
    successes: ArrayLike, trials: ArrayLike, rate: float
) -> tuple[FloatArray, FloatArray]:
    """``P(X ≥ x)`` and ``P(X ≤ x)`` for ``X ~ Binomial(n, rate)``: how surprising each
    village's count is at the overall rate (docs/aturan.md §5.7).

    >>> above, below = binomial_tails([1], [1], 0.41)
    >>> round(float(above[0]), 2), round(float(below[0]), 2)
    (0.41, 1.0)
    """
    from scipy.stats import binom

    x = np.asarray(successes, dtype=np.float64)
    n = np.asarray(trials, dtype=np.float64)
    above = np.asarray(binom.sf(x - 1.0, n, rate), dtype=np.float64)
    below = np.asarray(binom.cdf(x, n, rate), dtype=np.float64)
    return above, below


def funnel_counts(rate: float, trials: ArrayLike, coverage: float) -> tuple[FloatArray, FloatArray]:
    """Per sample size ``n``: the largest count ``l`` with ``P(X ≤ l) < q`` and the smallest
    ``u`` with ``P(X ≥ u) < q`` (``q = (1 − coverage) / 2``, ``X ~ Binomial(n, rate)``); ``l =
    −1`` or ``u = n + 1`` when no count is that far out. A village of ``x`` out of ``n`` is
    below the limit when ``x ≤ l`` and above it when ``x ≥ u`` (docs/aturan.md §5.7).

    >>> funnel_counts(0.41, [1, 100], 0.998)
    (array([-1., 25.]), array([ 2., 57.]))
    """
    from scipy.stats import binom

    n = np.asarray(trials, dtype=np.float64)
    q = (1.0 - coverage) / 2.0
    # ppf: the smallest k with F(k) ≥ q, so F(k − 1) < q. isf: about the smallest k with
    # P(X > k) ≤ q; stepped so that it is the smallest k with P(X > k) < q.
    lower = binom.ppf(q, n, rate) - 1.0
    k = binom.isf(q, n, rate)
    k = np.where(binom.sf(k - 1.0, n, rate) < q, k - 1.0, k)
    k = np.where(binom.sf(k, n, rate) < q, k, k + 1.0)
    upper = np.minimum(k + 1.0, n + 1.0)
    return np.asarray(lower, dtype=np.float64), np.asarray(upper, dtype=np.float64)


def funnel_bounds(rate: float, trials: ArrayLike, coverage: float) -> tuple[FloatArray, FloatArray]:
    """The lines drawn for :func:`funnel_counts`: halfway between the last count inside and
    the first outside, ``(l + ½) / n`` and ``(u − ½) / n``, within [0, 1].

    >>> [round(float(v[0]), 3) for v in funnel_bounds(0.41, [100], 0.998)]
    [0.255, 0.565]
    """
    n = np.asarray(trials, dtype=np.float64)
    lower, upper = funnel_counts(rate, n, coverage)
    return np.clip((lower + 0.5) / n, 0.0, 1.0), np.clip((upper - 0.5) / n, 0.0, 1.0)


@dataclass(frozen=True)
class Overdispersion:
    """The dispersion test of a funnel plot (Spiegelhalter 2005, docs/aturan.md §5.7).

    ``phi`` = (1/I) Σ z² over winsorised z-scores; ``statistic`` = I·φ̂, compared with the
    upper ``level`` point of χ² with I − 1 degrees of freedom (``critical``; ``p_value`` its
    upper tail); ``tau2`` the between-village variance (proportion²) by DerSimonian–Laird,
    0 when I·φ̂ ≤ I − 1.
    """

    villages: int
    phi: float
    statistic: float
    critical: float
    p_value: float
    tau2: float
    overdispersed: bool


#: Share of z-scores winsorised at each end before φ̂ (Spiegelhalter 2005: 10 %).
WINSOR = 0.1


def overdispersion(
    successes: ArrayLike, trials: ArrayLike, rate: float, level: float = 0.95
) -> Overdispersion | None:
    """Whether villages differ more than binomial chance, and by how much (``None`` with
    fewer than two villages or ``rate`` at 0 or 1, where every z-score is undefined).

    ``z_i = (x_i/n_i − rate) / s_i`` with ``s_i² = rate(1 − rate)/n_i``; the z below the
    10th percentile (linear interpolation, as R's default ``quantile``) are set to it and
    those above the 90th to it; ``φ̂ = Σ z_w² / I``; overdispersed when ``I·φ̂`` exceeds the
    ``level`` point of χ²(I − 1); ``τ̂² = (I·φ̂ − (I − 1)) / (Σ w − Σ w² / Σ w)`` with
    ``w_i = 1 / s_i²``.

    >>> round(overdispersion([10, 50], [100, 100], 0.3).phi, 2)
    12.19
    """
    from scipy.stats import chi2

    x = np.asarray(successes, dtype=np.float64)
    n = np.asarray(trials, dtype=np.float64)
    count = int(x.size)
    if count < 2 or not 0.0 < rate < 1.0:
        return None
    s2 = rate * (1.0 - rate) / n
    z = (x / n - rate) / np.sqrt(s2)
    low, high = np.percentile(z, [100 * WINSOR, 100 * (1 - WINSOR)])
    phi = float(np.mean(np.clip(z, low, high) ** 2))
    statistic = count * phi
    critical = float(chi2.ppf(level, count - 1))
    w = 1.0 / s2
    tau2 = max(0.0, (statistic - (count - 1)) / float(w.sum() - (w**2).sum() / w.sum()))
    return Overdispersion(
        villages=count,
        phi=phi,
        statistic=statistic,
        critical=critical,
        p_value=float(chi2.sf(statistic, count - 1)),
        tau2=tau2,
        overdispersed=statistic > critical,
    )


def random_effects_limits(
    rate: float, trials: ArrayLike, coverage: float, tau2: float
) -> tuple[FloatArray, FloatArray]:
    """Funnel limits widened for overdispersion (additive random effects, Spiegelhalter
    2005): ``rate ± z·sqrt(rate(1 − rate)/n + τ²)``, within [0, 1].

    >>> [round(float(v[0]), 4) for v in random_effects_limits(0.5, [100], 0.95, 0.01)]
    [0.2809, 0.7191]
    """
    n = np.asarray(trials, dtype=np.float64)
    z = NormalDist().inv_cdf(1.0 - (1.0 - coverage) / 2.0)
    half = z * np.sqrt(rate * (1.0 - rate) / n + tau2)
    return np.clip(rate - half, 0.0, 1.0), np.clip(rate + half, 0.0, 1.0)
