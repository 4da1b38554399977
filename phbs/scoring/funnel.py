"""Funnel plot of % ber-PHBS against households (docs/aturan.md §5.7), ready to draw as SVG.

Each village is a point ``(n, persen)`` with ``n`` the denominator of % ber-PHBS
(``ber_phbs + tidak_ber_phbs``, or households surveyed when the form says so, §5.1). The
centre line is the overall rate ``p0 = Σ ber / Σ n`` over the
villages shown. Which villages are outside the 95 % and 99.8 % limits:

1. **Dispersion test** first (:func:`phbs.stats.overdispersion`, Spiegelhalter 2005): when
   the villages' winsorised z-scores give ``I·φ̂`` above the 95 % point of χ²(I − 1), they
   differ more than binomial chance explains, and the limits are widened by the
   between-village variance ``τ̂²`` (DerSimonian–Laird, additive random effects:
   ``p0 ± z·sqrt(p0(1 − p0)/n + τ̂²)``); a point outside them is outside.
2. Otherwise (and by default) **exact binomial tails**: a village of ``x`` of ``n`` is above
   the 99.8 % limit only when ``P(X ≥ x) < 0.001`` under Binomial(n, p0), below only when
   ``P(X ≤ x) < 0.001`` (95 %: 0.025). The lines drawn lie halfway between the last count
   inside and the first outside (:func:`phbs.stats.funnel_bounds`), so a point is beyond a
   line exactly when it is flagged. ``exact=False`` uses the normal approximation instead.
3. No village is outside when ``p0`` is 0 % or 100 % (every village is then at ``p0``).

A village outside the 99.8 % limits gets a ``di-luar-batas-funnel`` issue record (info).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from phbs.i18n import fmt_percent
from phbs.ingest.villages import VillageTotals
from phbs.issues import Issue, make_issue
from phbs.scoring.household import AreaLevel
from phbs.scoring.results import ScoreResult
from phbs.scoring.summary import AreaReport, AreaSummary, summarise
from phbs.stats import (
    Overdispersion,
    binomial_tails,
    funnel_bounds,
    funnel_counts,
    funnel_limits,
    overdispersion,
    random_effects_limits,
)

if TYPE_CHECKING:
    from phbs.scoring.streaming import StreamedScore

#: Two-sided coverage of the control limits, with their keys in :class:`FunnelData`.
LEVELS = {"95": 0.95, "99.8": 0.998}
#: Level of the dispersion test (upper point of χ²(I − 1)).
DISPERSION_LEVEL = 0.95


@dataclass(frozen=True)
class FunnelPoint:
    """One village: ``posisi`` is ``dalam``, ``di_atas_95``/``di_bawah_95`` (outside 95 %
    only) or ``di_atas_99.8``/``di_bawah_99.8``; ``p_di_atas`` = P(X ≥ x) and
    ``p_di_bawah`` = P(X ≤ x) under Binomial(n, p0)."""

    kode: str
    nama: str
    n: int
    ber_phbs: int
    persen: float
    posisi: str
    p_di_atas: float = 1.0
    p_di_bawah: float = 1.0


@dataclass(frozen=True)
class FunnelData:
    """Points and limit curves, percentages 0–100.

    ``kurva_n`` is the x grid (1 … largest n); ``batas[level] = (lower, upper)`` lists aligned
    with it, for ``level`` in ``"95"``, ``"99.8"``. ``dispersi`` is the dispersion test
    (``None`` with fewer than two villages or p0 at 0 or 100 %); ``tau2`` the between-village
    variance the limits were widened by (proportion², 0 when they were not).
    """

    rata_rata: float
    metode: str
    titik: list[FunnelPoint]
    kurva_n: list[int]
    batas: dict[str, tuple[list[float], list[float]]] = field(default_factory=dict)
    dispersi: Overdispersion | None = None
    tau2: float = 0.0

    @property
    def adjusted(self) -> bool:
        """Whether the limits were widened for overdispersion."""
        return self.tau2 > 0.0

    def outside(self, level: str = "99.8") -> list[FunnelPoint]:
        """Villages outside the ``level`` limits (outside 99.8 % is also outside 95 %)."""
        wanted = {"di_atas_99.8", "di_bawah_99.8"}
        if level == "95":
            wanted |= {"di_atas_95", "di_bawah_95"}
        return [p for p in self.titik if p.posisi in wanted]

    def limits_at(self, n: int, level: str = "99.8") -> tuple[float, float]:
        """The ``level`` control limits (percent) at sample size ``n``, as drawn.

        >>> [round(v, 1) for v in FunnelData(50.0, "normal", [], []).limits_at(100, "95")]
        [40.2, 59.8]
        """
        lower, upper = _limits(self.rata_rata / 100, np.array([n]), LEVELS[level], self)
        return float(lower[0]) * 100, float(upper[0]) * 100

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (for the HTML report's SVG)."""
        return asdict(self)

    def issues(self) -> list[Issue]:
        """An info issue for every village outside the 99.8 % limits."""
        level, level_en = "99,8 %", "99.8 %"
        if self.adjusted:
            level += " (disesuaikan untuk sebaran antardesa)"
            level_en += " (widened for the spread between villages)"
        return [
            make_issue(
                "di-luar-batas-funnel",
                column="kode_desa",
                value=p.kode,
                area=f"{p.kode} {p.nama}".strip(),
                percent=fmt_percent(p.persen, "id"),
                percent_en=fmt_percent(p.persen, "en"),
                count=p.n,
                side="di atas" if p.posisi.startswith("di_atas") else "di bawah",
                side_en="above" if p.posisi.startswith("di_atas") else "below",
                level=level,
                level_en=level_en,
                overall=fmt_percent(self.rata_rata, "id"),
                overall_en=fmt_percent(self.rata_rata, "en"),
            )
            for p in self.outside("99.8")
        ]


def _limits(
    rate: float, n: NDArray[np.float64], coverage: float, data: FunnelData
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    if data.adjusted:
        return random_effects_limits(rate, n, coverage, data.tau2)
    if data.metode == "exact":
        return funnel_bounds(rate, n, coverage)
    return funnel_limits(rate, n, coverage, exact=False)


def _positions(
    x: NDArray[np.float64], n: NDArray[np.float64], rate: float, data: FunnelData
) -> NDArray[Any]:
    """Each village's ``posisi`` (docstring of the module: which rule decides)."""
    position = np.full(x.size, "dalam", dtype=object)
    if rate <= 0.0 or rate >= 1.0:
        return position
    for key, coverage in LEVELS.items():
        if data.metode == "exact" and not data.adjusted:
            lower, upper = funnel_counts(rate, n, coverage)
            above, below = x >= upper, x <= lower
        else:
            low, high = _limits(rate, n, coverage, data)
            above, below = x / n > high, x / n < low
        position = np.where(above, f"di_atas_{key}", position)
        position = np.where(below, f"di_bawah_{key}", position)
    return position


def funnel_plot(report: AreaReport, *, exact: bool = True, grid: int = 120) -> FunnelData:
    """Funnel data for the areas of ``report`` that have households with a complete result.

    >>> import phbs
    >>> from phbs.demo.data import sample_data
    >>> data = funnel_plot(phbs.summarise(phbs.score(phbs.read_survey(sample_data().survey_files))))
    >>> round(data.rata_rata, 1), sorted(data.batas), data.adjusted
    (41.3, ['95', '99.8'], True)
    """
    method = "exact" if exact else "normal"
    # The denominator is the form's (docs/aturan.md §5.1), as the points' percentages are.
    base = report.penyebut.ber_phbs_base_of
    areas = [a for a in report.wilayah if base(a) > 0]
    if not areas:
        return FunnelData(0.0, method, [], [], {})
    n = np.array([base(a) for a in areas], dtype=np.float64)
    x = np.array([a.ber_phbs for a in areas], dtype=np.float64)
    rate = float(x.sum() / n.sum())
    dispersion = overdispersion(x, n, rate, DISPERSION_LEVEL)
    tau2 = dispersion.tau2 if dispersion is not None and dispersion.overdispersed else 0.0
    data = FunnelData(rate * 100.0, method, [], [], {}, dispersion, tau2)
    position = _positions(x, n, rate, data)
    above, below = binomial_tails(x, n, rate)
    points = [
        FunnelPoint(
            a.kode,
            a.nama,
            int(n[i]),
            a.ber_phbs,
            float(x[i] / n[i]) * 100.0,
            str(position[i]),
            float(above[i]),
            float(below[i]),
        )
        for i, a in enumerate(areas)
    ]
    curve = np.unique(np.round(np.geomspace(1, max(n.max(), 2), grid)).astype(np.int64))
    limits: dict[str, tuple[list[float], list[float]]] = {}
    for key, coverage in LEVELS.items():
        lower, upper = _limits(rate, curve.astype(np.float64), coverage, data)
        limits[key] = ((lower * 100).tolist(), (upper * 100).tolist())
    return FunnelData(rate * 100.0, method, points, curve.tolist(), limits, dispersion, tau2)


def village_recap(
    result: ScoreResult | StreamedScore,
    report: AreaReport,
    villages: VillageTotals | None = None,
) -> list[AreaSummary]:
    """The villages of a scored survey: ``report``'s areas when it is by village, otherwise
    the survey summarised by village (with ``villages``' totals)."""
    if report.tingkat is AreaLevel.DESA:
        return list(report.wilayah)
    return summarise(
        result,
        by=AreaLevel.DESA,
        villages=villages,
        ci_method=report.metode_ci,
        confidence=report.tingkat_kepercayaan,
    ).wilayah


def village_funnel(result: ScoreResult | StreamedScore, report: AreaReport) -> FunnelData:
    """The funnel of the villages of a scored survey (:func:`village_recap`): the funnel
    compares villages whatever level ``report`` is at.

    >>> import phbs
    >>> from phbs.demo.data import sample_data
    >>> result = phbs.score(phbs.read_survey(sample_data().survey_files))
    >>> [i.code for i in village_funnel(result, phbs.summarise(result, by="kecamatan")).issues()]
    []
    """
    return funnel_plot(report.model_copy(update={"wilayah": village_recap(result, report)}))
