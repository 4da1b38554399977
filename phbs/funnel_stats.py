"""Which villages a funnel plot flags (docs/aturan.md §5.7): binomial tails, the counts and
lines of the exact limits, the dispersion test and the random-effects limits.

Only numpy and the standard library: ``phbs score`` lists the villages outside the funnel and
must not pay for importing scipy (tests/test_package.py). Binomial probabilities are summed from
``log C(n, k) = Σ log((n − j + 1)/j)``, each tail from its own end (no ``1 − F``), so a tail of
10⁻¹⁰ keeps its digits; the χ² upper tail for integer degrees of freedom is the closed form of
the regularised gamma function (Abramowitz & Stegun 1964, 26.4.4–26.4.5), its 95 % point found
by bisection.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

__all__ = [
    "Overdispersion",
    "binomial_tails",
    "chi2_point",
    "chi2_sf",
    "funnel_bounds",
    "funnel_counts",
    "overdispersion",
    "random_effects_limits",
]


def binomial_pmf(n: int, rate: float) -> FloatArray:
    """``P(X = k)`` for ``k = 0 … n``, ``X ~ Binomial(n, rate)``.

    >>> binomial_pmf(2, 0.5).tolist()
    [0.25, 0.5, 0.25]
    """
    k = np.arange(n + 1, dtype=np.float64)
    j = np.arange(1, n + 1, dtype=np.float64)
    log_comb = np.concatenate([[0.0], np.cumsum(np.log((n - j + 1.0) / j))])
    with np.errstate(divide="ignore", invalid="ignore"):
        log_p = np.where(k > 0, k * math.log(rate) if rate > 0 else -np.inf, 0.0)
        log_q = np.where(k < n, (n - k) * math.log1p(-rate) if rate < 1 else -np.inf, 0.0)
    return np.asarray(np.exp(log_comb + log_p + log_q), dtype=np.float64)


def _tails(n: int, rate: float) -> tuple[FloatArray, FloatArray]:
    """``P(X ≤ k)`` and ``P(X ≥ k)`` for ``k = 0 … n``, each summed from its own end."""
    pmf = binomial_pmf(n, rate)
    return np.cumsum(pmf), np.cumsum(pmf[::-1])[::-1]


def binomial_tails(
    successes: ArrayLike, trials: ArrayLike, rate: float
) -> tuple[FloatArray, FloatArray]:
    """``P(X ≥ x)`` and ``P(X ≤ x)`` for ``X ~ Binomial(n, rate)``: how surprising each
    village's count is at the overall rate (docs/aturan.md §5.7).

    >>> above, below = binomial_tails([1], [1], 0.41)
    >>> round(float(above[0]), 2), round(float(below[0]), 2)
    (0.41, 1.0)
    """
    x = np.asarray(successes, dtype=np.int64)
    n = np.asarray(trials, dtype=np.int64)
    above = np.empty(x.shape)
    below = np.empty(x.shape)
    # The tails once per sample size (villages of one size share them).
    sizes, which = np.unique(n, return_inverse=True)
    for k, size in enumerate(sizes.tolist()):
        low, high = _tails(size, rate)
        mine = which.reshape(n.shape) == k
        above[mine], below[mine] = high[x[mine]], low[x[mine]]
    return above, below


def funnel_counts(rate: float, trials: ArrayLike, coverage: float) -> tuple[FloatArray, FloatArray]:
    """Per sample size ``n``: the largest count ``l`` with ``P(X ≤ l) < q`` and the smallest
    ``u`` with ``P(X ≥ u) < q`` (``q = (1 − coverage) / 2``, ``X ~ Binomial(n, rate)``); ``l =
    −1`` or ``u = n + 1`` when no count is that far out. A village of ``x`` out of ``n`` is
    below the limit when ``x ≤ l`` and above it when ``x ≥ u`` (docs/aturan.md §5.7).

    >>> funnel_counts(0.41, [1, 100], 0.998)
    (array([-1., 25.]), array([ 2., 57.]))
    """
    n = np.asarray(trials, dtype=np.int64)
    q = (1.0 - coverage) / 2.0
    lower = np.empty(n.shape)
    upper = np.empty(n.shape)
    # The limits once per sample size (villages of one size share them).
    sizes, which = np.unique(n, return_inverse=True)
    which = which.reshape(n.shape)
    for k, size in enumerate(sizes.tolist()):
        low, high = _tails(size, rate)
        inside_low = np.flatnonzero(low < q)
        inside_high = np.flatnonzero(high < q)
        mine = which == k
        lower[mine] = inside_low[-1] if inside_low.size else -1.0
        upper[mine] = inside_high[0] if inside_high.size else size + 1.0
    return lower, upper


def funnel_bounds(rate: float, trials: ArrayLike, coverage: float) -> tuple[FloatArray, FloatArray]:
    """The lines drawn for :func:`funnel_counts`: halfway between the last count inside and
    the first outside, ``(l + ½) / n`` and ``(u − ½) / n``, within [0, 1].

    >>> [round(float(v[0]), 3) for v in funnel_bounds(0.41, [100], 0.998)]
    [0.255, 0.565]
    """
    n = np.asarray(trials, dtype=np.float64)
    lower, upper = funnel_counts(rate, n, coverage)
    return np.clip((lower + 0.5) / n, 0.0, 1.0), np.clip((upper - 0.5) / n, 0.0, 1.0)


def chi2_sf(x: float, df: int) -> float:
    """``P(χ²_df > x)`` for integer ``df ≥ 1``: for even df ``Σ_{j<df/2} e^{−h} h^j / j!``,
    for odd df ``erfc(√h) + Σ_{j=1}^{(df−1)/2} e^{−h} h^{j−½} / Γ(j + ½)``, ``h = x/2``; each
    term in logarithms so that no power overflows.

    >>> round(chi2_sf(3.841458820694124, 1), 6), round(chi2_sf(5.991464547107979, 2), 6)
    (0.05, 0.05)
    """
    if x <= 0.0:
        return 1.0
    h = x / 2.0
    log_h = math.log(h)
    if df % 2 == 0:
        terms = (-h + j * log_h - math.lgamma(j + 1.0) for j in range(df // 2))
        return min(1.0, math.fsum(math.exp(t) for t in terms))
    terms = (-h + (j - 0.5) * log_h - math.lgamma(j + 0.5) for j in range(1, (df - 1) // 2 + 1))
    return min(1.0, math.erfc(math.sqrt(h)) + math.fsum(math.exp(t) for t in terms))


def chi2_point(level: float, df: int) -> float:
    """The ``level`` point of χ² with ``df`` degrees of freedom (``chi2_sf = 1 − level``),
    by bisection.

    >>> round(chi2_point(0.95, 14), 4)
    23.6848
    """
    tail = 1.0 - level
    low, high = 0.0, float(df) + 10.0
    while chi2_sf(high, df) > tail:
        high *= 2.0
    for _ in range(200):
        middle = (low + high) / 2.0
        if chi2_sf(middle, df) > tail:
            low = middle
        else:
            high = middle
        if high - low <= 1e-12 * high:
            break
    return (low + high) / 2.0


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
    x = np.asarray(successes, dtype=np.float64)
    n = np.asarray(trials, dtype=np.float64)
    count = int(x.size)
    if count < 2 or not 0.0 < rate < 1.0:
        return None
    s2 = rate * (1.0 - rate) / n
    z = (x / n - rate) / np.sqrt(s2)
    low, high = (_quantile(z, q) for q in (WINSOR, 1 - WINSOR))
    phi = float(np.mean(np.clip(z, low, high) ** 2))
    statistic = count * phi
    critical = chi2_point(level, count - 1)
    w = 1.0 / s2
    tau2 = max(0.0, (statistic - (count - 1)) / float(w.sum() - (w**2).sum() / w.sum()))
    return Overdispersion(
        villages=count,
        phi=phi,
        statistic=statistic,
        critical=critical,
        p_value=chi2_sf(statistic, count - 1),
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


def _quantile(values: NDArray[np.float64], q: float) -> float:
    """The ``q`` quantile of ``values`` by linear interpolation between the sorted values
    (numpy's default method, as ``np.quantile``), without loading ``numpy.ma``, which
    ``np.percentile`` imports on first use (a tenth of a small file's run).

    >>> _quantile(np.array([3.0, 1.0, 2.0, 10.0]), 0.05)
    1.15
    """
    ordered = np.sort(values)
    position = q * (ordered.size - 1)
    below = int(position)
    above = min(below + 1, ordered.size - 1)
    share = position - below
    return float(ordered[below] + (ordered[above] - ordered[below]) * share)
