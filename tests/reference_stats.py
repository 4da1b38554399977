"""Expected values for the interval and funnel tests, computed from the published formulas
with the standard library only, never with phbs (whose code is what the tests check).

* Wilson score interval (Wilson 1927): the bounds ``p`` solving
  ``(p̂ − p)² = z² · p(1 − p) / n``; with a finite population ``N`` the variance is scaled by
  ``(N − n) / (N − 1)`` (the finite population correction), i.e. ``n`` becomes
  ``n (N − 1) / (N − n)``, and the bounds are kept within what the whole village can still
  be, ``[x / N, (x + N − n) / N]`` (docstring of phbs/stats.py, docs/aturan.md §5.4).
* Funnel plot control limits for a proportion (Spiegelhalter 2005, Statistics in Medicine
  24:1185–1202, appendix A.1.1): for the tail probability ``q``, ``r`` is the smallest count
  with ``F(r) ≥ q`` under Binomial(n, p0), ``α = (F(r) − q) / (F(r) − F(r − 1))`` and the
  limit is ``(r − α) / n``. ``F`` is summed here term by term.
* Which villages are outside (docs/aturan.md §5.7): binomial tails summed term by term, the
  dispersion test of Spiegelhalter (2005) with winsorised z-scores, and the random-effects
  limits when it finds overdispersion (:func:`funnel_by_hand`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import NormalDist


def wilson(
    successes: int, trials: int, confidence: float = 0.95, population: float | None = None
) -> tuple[float, float]:
    """Wilson bounds (proportions) of ``successes / trials``, with the finite population
    correction when ``population`` is given."""
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p = successes / trials
    n: float = trials
    if population is not None:
        n = trials * (population - 1) / (population - trials)
    a = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / a
    half = z / a * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low, high = centre - half, centre + half
    if population is not None:
        low = max(low, successes / population)
        high = min(high, (successes + population - trials) / population)
    return low, high


def binomial_cdf(n: int, p: float) -> list[float]:
    """``F(0) … F(n)`` of Binomial(n, p), from the probabilities ``C(n, k) p^k (1 − p)^(n − k)``."""
    total, out = 0.0, []
    for k in range(n + 1):
        total += math.comb(n, k) * p**k * (1 - p) ** (n - k)
        out.append(total)
    return out


def funnel_limit(p0: float, n: int, q: float) -> float:
    """Spiegelhalter's interpolated binomial limit (proportion) at tail probability ``q``."""
    cdf = binomial_cdf(n, p0)
    r = next(k for k, value in enumerate(cdf) if value >= q)
    below = cdf[r - 1] if r > 0 else 0.0
    alpha = (cdf[r] - q) / (cdf[r] - below)
    return min(max((r - alpha) / n, 0.0), 1.0)


def upper_tail(x: int, n: int, p0: float) -> float:
    """``P(X ≥ x)`` under Binomial(n, p0), summed term by term."""
    return sum(math.comb(n, k) * p0**k * (1 - p0) ** (n - k) for k in range(x, n + 1))


def lower_tail(x: int, n: int, p0: float) -> float:
    """``P(X ≤ x)`` under Binomial(n, p0), summed term by term."""
    return sum(math.comb(n, k) * p0**k * (1 - p0) ** (n - k) for k in range(0, x + 1))


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile with linear interpolation between order statistics (R's
    default, type 7): position ``(I − 1)·share`` in the sorted values."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (position - below) * (ordered[above] - ordered[below])


@dataclass(frozen=True)
class Dispersion:
    """Spiegelhalter's (2005) dispersion test worked out by hand."""

    phi: float
    statistic: float
    tau2: float


def dispersion_by_hand(counts: list[tuple[int, int]], p0: float) -> Dispersion:
    """z = (x/n − p0)/sqrt(p0(1 − p0)/n), winsorised at the 10th and 90th percentiles;
    φ̂ = Σ z²/I; τ̂² = (I·φ̂ − (I − 1)) / (Σ w − Σ w²/Σ w), w = n/(p0(1 − p0)), at least 0."""
    z = [(x / n - p0) / math.sqrt(p0 * (1 - p0) / n) for x, n in counts]
    low, high = percentile(z, 0.1), percentile(z, 0.9)
    phi = sum(min(max(v, low), high) ** 2 for v in z) / len(z)
    w = [n / (p0 * (1 - p0)) for _, n in counts]
    tau2 = (len(z) * phi - (len(z) - 1)) / (sum(w) - sum(v * v for v in w) / sum(w))
    return Dispersion(phi, len(z) * phi, max(tau2, 0.0))


@dataclass(frozen=True)
class FunnelVillage:
    """One village of a funnel plot worked out by hand."""

    kode: str
    n: int
    persen: float
    limits_998: tuple[float, float]  # percent
    outside_95: bool
    outside_998: bool


def funnel_by_hand(
    villages: Iterable[tuple[str, int, int]], critical: float | None = None
) -> tuple[float, list[FunnelVillage]]:
    """The centre line (percent, ``Σ ber / Σ (ber + tidak)``) and every village with a
    result, from ``(kode, ber_phbs, tidak_ber_phbs)`` (docs/aturan.md §5.7).

    ``critical`` is the 95 % point of χ²(I − 1) (the caller takes it from scipy). When
    ``I·φ̂`` exceeds it, a village is outside a level when beyond ``p0 ± z·sqrt(p0(1 − p0)/n
    + τ̂²)``; otherwise when its binomial tail (``P(X ≥ x)`` above, ``P(X ≤ x)`` below) is
    under ``(1 − coverage)/2``, and the limits reported are halfway between the last count
    inside and the first outside."""
    shown = [(kode, ber, ber + tidak) for kode, ber, tidak in villages if ber + tidak > 0]
    rate = sum(ber for _, ber, _ in shown) / sum(n for _, _, n in shown)
    test = dispersion_by_hand([(ber, n) for _, ber, n in shown], rate)
    widened = critical is not None and test.statistic > critical
    out = []
    for kode, ber, n in shown:
        p = ber / n
        outside = {}
        limits = {}
        for level, coverage in (("95", 0.95), ("99.8", 0.998)):
            tail = (1 - coverage) / 2
            if widened:
                z = NormalDist().inv_cdf(1 - tail)
                half = z * math.sqrt(rate * (1 - rate) / n + test.tau2)
                low, high = max(rate - half, 0.0), min(rate + half, 1.0)
                outside[level] = p < low or p > high
            else:
                last_low = max(
                    (k for k in range(n + 1) if lower_tail(k, n, rate) < tail), default=-1
                )
                first_high = min(
                    (k for k in range(n + 1) if upper_tail(k, n, rate) < tail), default=n + 1
                )
                low = max((last_low + 0.5) / n, 0.0)
                high = min((first_high - 0.5) / n, 1.0)
                outside[level] = ber <= last_low or ber >= first_high
            limits[level] = (low * 100, high * 100)
        out.append(FunnelVillage(kode, n, p * 100, limits["99.8"], outside["95"], outside["99.8"]))
    return rate * 100, out
