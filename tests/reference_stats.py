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


@dataclass(frozen=True)
class FunnelVillage:
    """One village of a funnel plot worked out by hand."""

    kode: str
    n: int
    persen: float
    limits_998: tuple[float, float]  # percent
    outside_95: bool
    outside_998: bool


def funnel_by_hand(villages: Iterable[tuple[str, int, int]]) -> tuple[float, list[FunnelVillage]]:
    """The centre line (percent, ``Σ ber / Σ (ber + tidak)``) and every village with a
    result, from ``(kode, ber_phbs, tidak_ber_phbs)``; a village is outside a level's limits
    when its proportion is below the lower or above the upper limit at its own ``n``."""
    shown = [(kode, ber, ber + tidak) for kode, ber, tidak in villages if ber + tidak > 0]
    rate = sum(ber for _, ber, _ in shown) / sum(n for _, _, n in shown)
    out = []
    for kode, ber, n in shown:
        p = ber / n
        outside = {}
        limits = {}
        for level, coverage in (("95", 0.95), ("99.8", 0.998)):
            tail = (1 - coverage) / 2
            low, high = funnel_limit(rate, n, tail), funnel_limit(rate, n, 1 - tail)
            limits[level] = (low * 100, high * 100)
            outside[level] = p < low or p > high
        out.append(FunnelVillage(kode, n, p * 100, limits["99.8"], outside["95"], outside["99.8"]))
    return rate * 100, out
