"""Funnel plot of % ber-PHBS against households (docs/aturan.md §5.7), ready to draw as SVG.

Each village is a point ``(n, persen)`` with ``n = ber_phbs + tidak_ber_phbs`` (the
denominator of % ber-PHBS). The centre line is the overall rate ``Σ ber / Σ n`` over the
villages shown; the 95 % and 99.8 % control limits are exact binomial limits by default
(:func:`phbs.stats.funnel_limits`, Spiegelhalter 2005), or the normal approximation. A
village outside the 99.8 % limits differs from the overall rate by more than chance explains
and gets an ``di-luar-batas-funnel`` issue record (info).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from phbs.issues import Issue, make_issue
from phbs.scoring.summary import AreaReport
from phbs.stats import funnel_limits

#: Two-sided coverage of the control limits, with their keys in :class:`FunnelData`.
LEVELS = {"95": 0.95, "99.8": 0.998}


@dataclass(frozen=True)
class FunnelPoint:
    """One village: ``posisi`` is ``dalam``, ``di_atas_95``/``di_bawah_95`` (outside 95 %
    only) or ``di_atas_99.8``/``di_bawah_99.8``."""

    kode: str
    nama: str
    n: int
    ber_phbs: int
    persen: float
    posisi: str


@dataclass(frozen=True)
class FunnelData:
    """Points and limit curves, percentages 0–100.

    ``kurva_n`` is the x grid (1 … largest n); ``batas[level] = (lower, upper)`` lists aligned
    with it, for ``level`` in ``"95"``, ``"99.8"``.
    """

    rata_rata: float
    metode: str
    titik: list[FunnelPoint]
    kurva_n: list[int]
    batas: dict[str, tuple[list[float], list[float]]] = field(default_factory=dict)

    def outside(self, level: str = "99.8") -> list[FunnelPoint]:
        """Villages outside the ``level`` limits (outside 99.8 % is also outside 95 %)."""
        wanted = {"di_atas_99.8", "di_bawah_99.8"}
        if level == "95":
            wanted |= {"di_atas_95", "di_bawah_95"}
        return [p for p in self.titik if p.posisi in wanted]

    def limits_at(self, n: int, level: str = "99.8") -> tuple[float, float]:
        """The ``level`` control limits (percent) at sample size ``n``.

        >>> [round(v, 1) for v in FunnelData(50.0, "normal", [], []).limits_at(100, "95")]
        [40.2, 59.8]
        """
        lower, upper = funnel_limits(
            self.rata_rata / 100, [n], LEVELS[level], exact=self.metode == "exact"
        )
        return float(lower[0]) * 100, float(upper[0]) * 100

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (for the HTML report's SVG)."""
        return asdict(self)

    def issues(self) -> list[Issue]:
        """An info issue for every village outside the 99.8 % limits."""
        return [
            make_issue(
                "di-luar-batas-funnel",
                column="kode_desa",
                value=p.kode,
                area=f"{p.kode} {p.nama}".strip(),
                percent=f"{p.persen:.1f} %",
                count=p.n,
                side="di atas" if p.posisi.startswith("di_atas") else "di bawah",
                side_en="above" if p.posisi.startswith("di_atas") else "below",
                level="99,8 %",
                level_en="99.8 %",
                overall=f"{self.rata_rata:.1f} %",
            )
            for p in self.outside("99.8")
        ]


def funnel_plot(report: AreaReport, *, exact: bool = True, grid: int = 120) -> FunnelData:
    """Funnel data for the areas of ``report`` that have households with a complete result.

    >>> import phbs
    >>> from phbs.demo.data import sample_data
    >>> data = funnel_plot(phbs.summarise(phbs.score(phbs.read_survey(sample_data().survey_files))))
    >>> round(data.rata_rata, 1), sorted(data.batas)
    (41.3, ['95', '99.8'])
    """
    areas = [a for a in report.wilayah if a.ber_phbs + a.tidak_ber_phbs > 0]
    if not areas:
        return FunnelData(0.0, "exact" if exact else "normal", [], [], {})
    n = np.array([a.ber_phbs + a.tidak_ber_phbs for a in areas], dtype=np.float64)
    x = np.array([a.ber_phbs for a in areas], dtype=np.float64)
    rate = float(x.sum() / n.sum())
    p = x / n
    position = np.full(len(areas), "dalam", dtype=object)
    for key in ("95", "99.8"):
        lower, upper = funnel_limits(rate, n, LEVELS[key], exact=exact)
        position = np.where(p > upper, f"di_atas_{key}", position)
        position = np.where(p < lower, f"di_bawah_{key}", position)
    points = [
        FunnelPoint(a.kode, a.nama, int(n[i]), a.ber_phbs, float(p[i]) * 100.0, str(position[i]))
        for i, a in enumerate(areas)
    ]
    curve = np.unique(np.round(np.geomspace(1, max(n.max(), 2), grid)).astype(np.int64))
    limits: dict[str, tuple[list[float], list[float]]] = {}
    for key, coverage in LEVELS.items():
        lower, upper = funnel_limits(rate, curve, coverage, exact=exact)
        limits[key] = ((lower * 100).tolist(), (upper * 100).tolist())
    return FunnelData(rate * 100.0, "exact" if exact else "normal", points, curve.tolist(), limits)
