"""Intervals for the change of a proportion between two survey rounds (docs/aturan.md §5.8).

**Independent rounds** (two samples of a village's households): Newcombe's hybrid score
interval (Newcombe 1998, *Interval estimation for the difference between independent
proportions: comparison of eleven methods*, Statistics in Medicine 17:873–890, method 10).
With ``(l1, u1)`` and ``(l2, u2)`` the Wilson intervals of ``p1`` and ``p2`` and
``d = p2 − p1`` (the later round minus the earlier)::

    lower = d − sqrt((p2 − l2)² + (u1 − p1)²)
    upper = d + sqrt((u2 − p2)² + (p1 − l1)²)

When a round's village total ``N`` is known, that round's Wilson interval is the
finite-population one of :func:`phbs.stats.proportion_interval` (effective sample size,
clipped to the values the whole village can take); a round surveyed in full contributes no
width, so two censuses give the change itself.

**Paired households** (the same households in both rounds): Newcombe's square-and-add
interval for paired proportions (Newcombe 1998, *Improved confidence intervals for the
difference between binomial proportions based on paired data*, Statistics in Medicine
17:2635–2650, method 10; Fagerland, Lydersen and Laake 2017, §8). With the 2 × 2 table
``a`` (ber-PHBS in both), ``b`` (first only), ``c`` (second only), ``d`` (neither), both
proportions over ``n = a + b + c + d``, their Wilson intervals and the correlation estimate
``ψ`` (``A = ad − bc``: ``(A − n/2)/√(…)`` when ``A > n/2``, ``0`` when ``0 ≤ A ≤ n/2``,
``A/√(…)`` when ``A < 0``; ``0`` when a margin is empty)::

    lower = Δ − sqrt((p2 − l2)² + (u1 − p1)² − 2ψ (p2 − l2)(u1 − p1))
    upper = Δ + sqrt((u2 − p2)² + (p1 − l1)² − 2ψ (u2 − p2)(p1 − l1))

with ``Δ = (c − b)/n``. Both kernels take numpy arrays and return bounds as proportions
(−1 to 1); an empty round gives ``NaN``.

>>> lo, hi = difference_interval([48], [80], [56], [70])
>>> round(float(lo[0]), 4), round(float(hi[0]), 4)
(0.0524, 0.3339)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

__all__ = ["difference_interval", "paired_difference_interval", "verdict_codes"]


def _wilson(
    x: FloatArray, n: FloatArray, confidence: float, population: ArrayLike | None
) -> FloatArray:
    """``(p, lower, upper)`` stacked: Wilson, with the finite population correction where
    ``population`` (NaN = unknown) is given."""
    from phbs.stats import proportion_interval

    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n > 0, x / n, np.nan)
    if population is not None:
        population = np.broadcast_to(np.asarray(population, dtype=np.float64), n.shape)
    lower, upper = proportion_interval(x, n, confidence=confidence, population=population)
    return np.stack([p, lower, upper])


def difference_interval(
    successes_1: ArrayLike,
    trials_1: ArrayLike,
    successes_2: ArrayLike,
    trials_2: ArrayLike,
    *,
    confidence: float = 0.95,
    population_1: ArrayLike | None = None,
    population_2: ArrayLike | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Bounds of ``p2 − p1`` for independent rounds (Newcombe's method 10), each round's
    Wilson interval with the finite population correction when its ``population`` (total
    households, NaN = unknown) is given.

    >>> lo, hi = difference_interval([0], [20], [0], [10])
    >>> round(float(lo[0]), 4), round(float(hi[0]), 4)
    (-0.1611, 0.2775)
    >>> lo, hi = difference_interval([3], [10], [7], [10], population_1=[10], population_2=[10])
    >>> round(float(lo[0]), 6), round(float(hi[0]), 6)
    (0.4, 0.4)
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    x1, n1, x2, n2 = np.broadcast_arrays(
        *(np.asarray(v, dtype=np.float64) for v in (successes_1, trials_1, successes_2, trials_2))
    )
    p1, l1, u1 = _wilson(x1, n1, confidence, population_1)
    p2, l2, u2 = _wilson(x2, n2, confidence, population_2)
    d = p2 - p1
    lower = d - np.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    upper = d + np.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    return np.clip(lower, -1.0, 1.0), np.clip(upper, -1.0, 1.0)


def paired_difference_interval(
    both: ArrayLike,
    first_only: ArrayLike,
    second_only: ArrayLike,
    neither: ArrayLike,
    *,
    confidence: float = 0.95,
) -> tuple[FloatArray, FloatArray]:
    """Bounds of ``p2 − p1`` for the same households in both rounds (Newcombe's paired
    method 10); ``first_only`` are the households that left the outcome, ``second_only``
    those that reached it.

    >>> lo, hi = paired_difference_interval([59], [16], [6], [80])
    >>> round(float(lo[0]), 4), round(float(hi[0]), 4)
    (-0.1186, -0.0046)
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    a, b, c, d = np.broadcast_arrays(
        *(np.asarray(v, dtype=np.float64) for v in (both, first_only, second_only, neither))
    )
    n = a + b + c + d
    p1, l1, u1 = _wilson(a + b, n, confidence, None)
    p2, l2, u2 = _wilson(a + c, n, confidence, None)
    margins = (a + b) * (c + d) * (a + c) * (b + d)
    cross = a * d - b * c
    with np.errstate(divide="ignore", invalid="ignore"):
        root = np.sqrt(margins)
        psi = np.where(
            cross > n / 2.0, (cross - n / 2.0) / root, np.where(cross < 0.0, cross / root, 0.0)
        )
    psi = np.where(margins > 0, psi, 0.0)
    delta = p2 - p1
    down_2, up_1 = p2 - l2, u1 - p1
    up_2, down_1 = u2 - p2, p1 - l1
    lower = delta - np.sqrt(np.maximum(down_2**2 + up_1**2 - 2.0 * psi * down_2 * up_1, 0.0))
    upper = delta + np.sqrt(np.maximum(up_2**2 + down_1**2 - 2.0 * psi * up_2 * down_1, 0.0))
    return np.clip(lower, -1.0, 1.0), np.clip(upper, -1.0, 1.0)


def verdict_codes(lower: ArrayLike, upper: ArrayLike) -> NDArray[np.int8]:
    """``1`` (naik: the whole interval above 0), ``-1`` (turun: below 0), ``0`` (tidak
    berubah bermakna: the interval holds 0) and ``-2`` where the interval is undefined.

    >>> verdict_codes([0.01, -0.2, -0.1, float("nan")], [0.3, -0.01, 0.1, float("nan")]).tolist()
    [1, -1, 0, -2]
    """
    lo = np.asarray(lower, dtype=np.float64)
    hi = np.asarray(upper, dtype=np.float64)
    codes = np.where(lo > 0.0, 1, np.where(hi < 0.0, -1, 0))
    return np.where(np.isnan(lo) | np.isnan(hi), -2, codes).astype(np.int8)
