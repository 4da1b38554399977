"""Confidence intervals for the area measures of aturan.md §5.4, computed for all areas at once.

% ber-PHBS (ber_phbs of its denominator: ber_phbs + tidak_ber_phbs, or every household
surveyed when the form says so, docs/aturan.md §5.1) and each indicator's coverage (ya of
berlaku) get an interval by :func:`phbs.stats.proportion_interval`, always over the same
denominator as the point. With a village's total households ``N`` known, the finite population
correction uses the village's sampling fraction ``surveyed / N`` for every sub-population: the
population of the % ber-PHBS denominator is taken as ``denominator × N / surveyed`` (``N``
itself over households surveyed) and that of an indicator as ``berlaku × N / surveyed``, so a
village surveyed in full gets the point itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from phbs.forms.denominators import BerPhbsBase
from phbs.scoring.household import AreaCounts
from phbs.stats import CiMethod, proportion_interval

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class AreaIntervals:
    """Bounds in percent (NaN = undefined): ``ber_*`` per area, ``cakupan_*`` areas × indicators,
    ``sehat_*`` per area for a form with healthy classes (% rumah tangga sehat)."""

    ber_lower: FloatArray
    ber_upper: FloatArray
    cakupan_lower: FloatArray
    cakupan_upper: FloatArray
    sehat_lower: FloatArray | None = None
    sehat_upper: FloatArray | None = None


def area_intervals(
    counts: AreaCounts,
    method: CiMethod | str = CiMethod.WILSON,
    confidence: float = 0.95,
    totals: FloatArray | None = None,
    healthy: list[bool] | None = None,
    *,
    base: BerPhbsBase = BerPhbsBase.LENGKAP,
) -> AreaIntervals:
    """Intervals for every area of ``counts``; ``totals`` (NaN = unknown) enables the FPC;
    ``healthy`` (which classes are healthy) adds the % rumah tangga sehat's, households in a
    healthy class of households with a class; ``base`` is the denominator of % ber-PHBS.

    >>> import numpy as np
    >>> from phbs.scoring.household import AreaCounts
    >>> c = AreaCounts(["a"], np.array([50]), np.array([[20, 30, 0]]), np.zeros((1, 0), int),
    ...                np.zeros((1, 0), int), np.zeros((1, 0), int), np.zeros((1, 0), int))
    >>> [round(float(v), 1) for v in (area_intervals(c).ber_lower[0],
    ...                               area_intervals(c, totals=np.array([50.0])).ber_lower[0])]
    [27.6, 40.0]
    """
    ber = counts.status[:, 0].astype(np.float64)
    surveyed = counts.surveyed.astype(np.float64)
    trials = surveyed if base is BerPhbsBase.DISURVEI else ber + counts.status[:, 1]
    scale = np.full(len(counts.keys), np.nan)
    if totals is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.where(surveyed > 0, totals / surveyed, np.nan)
    # NaN scale (total unknown) stays NaN through np.maximum: no correction for that area.
    ber_lo, ber_hi = proportion_interval(
        ber,
        trials,
        method=method,
        confidence=confidence,
        population=np.maximum(trials * scale, trials),
    )
    answered = counts.answered.astype(np.float64)
    cov_lo, cov_hi = proportion_interval(
        counts.ya,
        answered,
        method=method,
        confidence=confidence,
        population=np.maximum(answered * scale[:, None], answered),
    )
    sehat = None
    if healthy is not None:
        with_class = counts.classes.sum(axis=1).astype(np.float64)
        in_healthy = counts.classes[:, np.asarray(healthy, dtype=bool)].sum(axis=1)
        lo, hi = proportion_interval(
            in_healthy.astype(np.float64),
            with_class,
            method=method,
            confidence=confidence,
            population=np.maximum(with_class * scale, with_class),
        )
        sehat = (lo * 100.0, hi * 100.0)
    return AreaIntervals(
        ber_lo * 100.0,
        ber_hi * 100.0,
        cov_lo * 100.0,
        cov_hi * 100.0,
        *(sehat or (None, None)),
    )
