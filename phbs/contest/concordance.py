"""Agreement between contest judges: Kendall's W and a leave-one-out check per judge.

The contest has several judges per criterion (docs/aturan.md §7.7). Kendall's coefficient of
concordance W says how far the judges rank the villages alike (0 = no agreement, 1 =
identical rankings); :func:`least_agreeing_judge` points at the judge whose ranking stands
furthest from the others'. Ratings are raw scores where higher is better; each judge's
scores are turned into ranks with average ranks for ties.

Formulae (Kendall & Babington Smith 1939; tie correction as in Siegel & Castellan,
*Nonparametric Statistics for the Behavioral Sciences*, 2nd ed., 1988): with ``m``
judges, ``n`` villages and rank sums ``R_i``,

    S   = sum_i (R_i - m (n + 1) / 2) ** 2
    T_j = sum over tie groups of judge j of (t ** 3 - t)
    W   = 12 S / (m ** 2 (n ** 3 - n) - m sum_j T_j)
    chi-square = m (n - 1) W  with  n - 1  degrees of freedom.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "REASON_ALL_TIED",
    "REASON_MISSING_RATINGS",
    "REASON_TOO_FEW_JUDGES",
    "REASON_TOO_FEW_OBJECTS",
    "KendallWResult",
    "kendall_w",
    "least_agreeing_judge",
]

FloatArray = NDArray[np.float64]

#: Fewer than two villages (objects): there is nothing to order.
REASON_TOO_FEW_OBJECTS: Final = "too-few-objects"
#: Fewer than two judges: agreement is undefined.
REASON_TOO_FEW_JUDGES: Final = "too-few-judges"
#: Every judge gave every village the same score: the denominator of W is 0.
REASON_ALL_TIED: Final = "all-tied"
#: A rating is NaN or infinite: W is not computed on incomplete sheets.
REASON_MISSING_RATINGS: Final = "missing-ratings"


@dataclass(frozen=True)
class KendallWResult:
    """Outcome of :func:`kendall_w`.

    When W cannot be computed, ``w``, ``chi_square`` and ``p_value`` are ``nan`` and
    ``reason`` holds one of the ``REASON_*`` codes; otherwise ``reason`` is ``None``.
    """

    w: float
    chi_square: float
    degrees_of_freedom: int
    p_value: float
    n_judges: int
    n_objects: int
    reason: str | None = None


def _ratings_matrix(ratings: ArrayLike) -> FloatArray:
    values = np.asarray(ratings, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError(f"ratings must be a judges x objects matrix, got {values.ndim} dims")
    return values


def _ranks(values: FloatArray) -> FloatArray:
    """Rank 1 = best (highest score) within each judge's row, average ranks for ties."""
    from scipy.stats import rankdata  # imported on use: scipy is slow to import

    ranks: FloatArray = rankdata(-values, method="average", axis=1).astype(np.float64)
    return ranks


def _degenerate_reason(values: FloatArray) -> str | None:
    n_judges, n_objects = values.shape
    if n_objects < 2:
        return REASON_TOO_FEW_OBJECTS
    if n_judges < 2:
        return REASON_TOO_FEW_JUDGES
    if not np.all(np.isfinite(values)):
        return REASON_MISSING_RATINGS
    return None


def kendall_w(ratings: ArrayLike) -> KendallWResult:
    """Kendall's coefficient of concordance W with tie correction, and its chi-square test.

    ``ratings`` is judges (rows, ``m``) x objects (columns, ``n``, the villages), raw
    scores with higher = better. The p-value is the chi-square approximation
    ``chi2.sf(m (n - 1) W, n - 1)``; for very small ``m`` and ``n`` it is rough.
    Degenerate inputs give ``w = nan`` with a ``reason`` instead of dividing by zero:
    ``n < 2`` (:data:`REASON_TOO_FEW_OBJECTS`), ``m < 2`` (:data:`REASON_TOO_FEW_JUDGES`),
    a non-finite rating (:data:`REASON_MISSING_RATINGS`), every judge tying every village
    (:data:`REASON_ALL_TIED`).

    >>> result = kendall_w([[90, 80, 70], [85, 75, 60], [70, 95, 60]])
    >>> round(result.w, 4), round(result.chi_square, 4), result.degrees_of_freedom
    (0.7778, 4.6667, 2)
    >>> kendall_w([[80, 80], [70, 70]]).reason
    'all-tied'
    """
    values = _ratings_matrix(ratings)
    n_judges, n_objects = values.shape
    degrees_of_freedom = max(n_objects - 1, 0)

    def undefined(reason: str) -> KendallWResult:
        nan = float("nan")
        return KendallWResult(nan, nan, degrees_of_freedom, nan, n_judges, n_objects, reason)

    reason = _degenerate_reason(values)
    if reason is not None:
        return undefined(reason)
    ranks = _ranks(values)
    rank_sums = ranks.sum(axis=0)
    s = float(np.sum((rank_sums - n_judges * (n_objects + 1) / 2.0) ** 2))
    tie_total = 0.0
    for row in values:
        _, tie_sizes = np.unique(row, return_counts=True)
        tie_total += float(np.sum(tie_sizes.astype(np.float64) ** 3 - tie_sizes))
    denominator = n_judges**2 * (n_objects**3 - n_objects) - n_judges * tie_total
    # Each T_j is at most n^3 - n, reached only when judge j ties every object, so the
    # denominator is 0 exactly when all judges tie everything (integer-valued arithmetic).
    if denominator <= 0:
        return undefined(REASON_ALL_TIED)
    w = 12.0 * s / denominator
    chi_square = n_judges * (n_objects - 1) * w
    from scipy.stats import chi2

    p_value = float(chi2.sf(chi_square, degrees_of_freedom))
    return KendallWResult(w, chi_square, degrees_of_freedom, p_value, n_judges, n_objects)


def _pearson(x: FloatArray, y: FloatArray) -> float:
    """Pearson correlation; ``nan`` when either vector is constant (no warning)."""
    dx = x - x.mean()
    dy = y - y.mean()
    scale = float(np.sqrt(np.sum(dx * dx) * np.sum(dy * dy)))
    if scale == 0.0:
        return float("nan")
    return float(np.sum(dx * dy)) / scale


def least_agreeing_judge(ratings: ArrayLike) -> tuple[int | None, FloatArray]:
    """The judge whose ranking agrees least with the other judges, and every judge's agreement.

    For each judge ``j``: the Spearman correlation between judge ``j``'s ranks and the mean
    rank the *other* judges give each village (leave-one-out), i.e. the Pearson correlation
    of the two after ranking (average ranks for ties). The first element is the index of
    the judge with the lowest correlation (the first such judge if several are equal).

    A correlation is ``nan`` when it is undefined: the judge or the others gave every
    village the same rank, fewer than two villages or two judges, or a non-finite rating.
    The index is ``None`` when every correlation is ``nan``.

    >>> judge, rho = least_agreeing_judge([[90, 80, 70], [85, 75, 60], [70, 60, 95]])
    >>> judge, rho.round(2).tolist()
    (2, [0.5, 0.5, -0.5])
    """
    values = _ratings_matrix(ratings)
    n_judges = values.shape[0]
    agreement = np.full(n_judges, np.nan, dtype=np.float64)
    if _degenerate_reason(values) is not None:
        return None, agreement
    from scipy.stats import rankdata

    ranks = _ranks(values)
    rank_totals = ranks.sum(axis=0)
    for judge in range(n_judges):
        others_mean = (rank_totals - ranks[judge]) / (n_judges - 1)
        others_ranks = rankdata(others_mean, method="average").astype(np.float64)
        agreement[judge] = _pearson(ranks[judge], others_ranks)
    if np.all(np.isnan(agreement)):
        return None, agreement
    return int(np.nanargmin(agreement)), agreement
