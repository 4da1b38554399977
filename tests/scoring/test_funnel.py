"""Which villages a funnel plot flags (docs/aturan.md §5.7), on constructed villages.

Expected values are worked out in the test: binomial tails from scipy.stats.binom (sf/cdf),
the dispersion test by Spiegelhalter's (2005) formulas written out below with the χ² point
from scipy.stats.chi2, never from phbs.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import HEADER, household, write_csv
from scipy.stats import binom, chi2, norm

from phbs.cli.root import cli
from phbs.forms.model import NaPolicy
from phbs.scoring.funnel import funnel_plot
from phbs.scoring.household import AreaLevel
from phbs.scoring.summary import AreaReport, AreaSummary


def report_of(counts: list[tuple[int, int]]) -> AreaReport:
    """Villages V01, V02, … with ``(ber_phbs, n)``."""
    villages = [
        AreaSummary(
            tingkat=AreaLevel.DESA,
            kode=f"V{i:02d}",
            nama=f"Desa {i}",
            rumah_tangga_disurvei=n,
            ber_phbs=x,
            tidak_ber_phbs=n - x,
            belum_lengkap=0,
            persen_ber_phbs=x / n * 100,
            indikator={},
            jumlah_desa=1,
        )
        for i, (x, n) in enumerate(counts, 1)
    ]
    return AreaReport(
        tingkat=AreaLevel.DESA,
        na_policy=NaPolicy.EXCLUDE,
        formulir="kemenkes-rt-10",
        wilayah=villages,
        masalah=[],
    )


def test_flags_follow_the_binomial_tails() -> None:
    """Twenty villages at 40 of 100 and one at 60 of 100 (p0 = 860/2100): the dispersion
    test does not fire (the one outlier is winsorised), and the outlier is above the 99.8 %
    limit because P(X ≥ 60 | 100, p0) < 0.001; 52 of 100 would only be above 95 %."""
    counts = [(40, 100)] * 20 + [(60, 100)]
    data = funnel_plot(report_of(counts))
    p0 = 860 / 2100
    assert data.rata_rata == pytest.approx(p0 * 100)
    assert data.dispersi is not None
    assert not data.dispersi.overdispersed
    assert not data.adjusted
    assert binom.sf(59, 100, p0) < 0.001
    outlier = data.titik[-1]
    assert outlier.posisi == "di_atas_99.8"
    assert outlier.p_di_atas == pytest.approx(binom.sf(59, 100, p0))
    assert outlier.p_di_bawah == pytest.approx(binom.cdf(60, 100, p0))
    # A village at 40 of 100: P(X ≤ 40) and P(X ≥ 40) are both far above 0.025.
    assert binom.cdf(40, 100, p0) > 0.025
    assert data.titik[0].posisi == "dalam"
    assert [i.value for i in data.issues()] == ["V21"]
    issue = data.issues()[0]
    assert issue.code == "di-luar-batas-funnel"
    # Every count is flagged exactly when its tail is under the level's tail probability.
    for x in range(0, 101):
        single = funnel_plot(report_of([(40, 100)] * 20 + [(x, 100)]))
        rate = (800 + x) / 2100
        test = single.dispersi
        if test is not None and test.overdispersed:
            continue
        expected = "dalam"
        for key, q in (("95", 0.025), ("99.8", 0.001)):
            if binom.sf(x - 1, 100, rate) < q:
                expected = f"di_atas_{key}"
            if binom.cdf(x, 100, rate) < q:
                expected = f"di_bawah_{key}"
        assert single.titik[-1].posisi == expected, x


def test_one_of_one_is_not_flagged() -> None:
    """A village with 1 household, ber-PHBS, among villages at about 41 %: P(X ≥ 1 | n = 1)
    = p0 ≈ 0.41, far above 0.001 and 0.025, so it is inside both limits (the interpolated
    limits of Spiegelhalter's appendix put it above the 99.8 % one)."""
    counts = [(41, 100), (40, 100), (42, 100), (1, 1)]
    data = funnel_plot(report_of(counts))
    p0 = 124 / 301
    assert binom.sf(0, 1, p0) == pytest.approx(p0)
    assert data.titik[-1].posisi == "dalam"
    assert data.titik[-1].p_di_atas == pytest.approx(p0)
    assert data.issues() == []
    # The line drawn at n = 1 is at 100 %: no count can be beyond it.
    assert data.limits_at(1) == (0.0, 100.0)


def test_every_village_at_100_percent_is_not_flagged() -> None:
    """All villages at 100 %: the centre is 100 %, every village equals it, none is flagged
    and there is no dispersion test (every z-score is 0/0)."""
    data = funnel_plot(report_of([(30, 30), (5, 5), (120, 120)]))
    assert data.rata_rata == 100.0
    assert [p.posisi for p in data.titik] == ["dalam"] * 3
    assert data.dispersi is None
    assert data.issues() == []
    nothing = funnel_plot(report_of([(0, 30), (0, 5)]))
    assert [p.posisi for p in nothing.titik] == ["dalam"] * 2


def test_overdispersed_set_widens_the_limits() -> None:
    """Fifteen villages of 200 households at 30, 34, 36, …, 56, 60 and 90 %.

    By hand (Spiegelhalter 2005): p0 = Σx/Σn = 0.48; z_i = (p_i − p0)/sqrt(p0(1 − p0)/200);
    with I = 15 the 10th percentile lies at position 1.4 (between z(2) and z(3), counting
    from 0), the 90th at position 12.6 (between z(12) and z(13)), R's default quantile; the z
    below/above them are set to them; φ̂ = Σ z_w²/15; I·φ̂ against χ²(14) at 95 %;
    τ̂² = (I·φ̂ − 14)/(Σw − Σw²/Σw) with w = 200/(p0(1 − p0)) for every village, i.e.
    (I·φ̂ − 14)/(14w)."""
    rates = [30, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 60, 90]
    data = funnel_plot(report_of([(2 * r, 200) for r in rates]))
    p0 = sum(2 * r for r in rates) / 3000
    assert p0 == pytest.approx(0.48)
    s = math.sqrt(p0 * (1 - p0) / 200)
    z = [(r / 100 - p0) / s for r in rates]
    low = z[1] + 0.4 * (z[2] - z[1])
    high = z[12] + 0.6 * (z[13] - z[12])
    phi = sum(min(max(v, low), high) ** 2 for v in z) / 15
    w = 200 / (p0 * (1 - p0))
    tau2 = (15 * phi - 14) / (14 * w)
    assert 15 * phi > chi2.ppf(0.95, 14)
    test = data.dispersi
    assert test is not None
    assert test.phi == pytest.approx(phi)
    assert test.statistic == pytest.approx(15 * phi)
    assert test.critical == pytest.approx(chi2.ppf(0.95, 14))
    assert test.overdispersed
    assert data.tau2 == pytest.approx(tau2)
    for key, q in (("95", 0.025), ("99.8", 0.001)):
        half = norm.ppf(1 - q) * math.sqrt(p0 * (1 - p0) / 200 + tau2)
        expected = ((p0 - half) * 100, (p0 + half) * 100)
        assert data.limits_at(200, key) == pytest.approx(expected)
    # 90 % is beyond the widened 99.8 % limit, 30 % beyond the widened 95 % one only; 34 %
    # and 60 % are inside though their exact binomial tails are under 0.001.
    positions = {p.kode: p.posisi for p in data.titik if p.posisi != "dalam"}
    assert positions == {"V01": "di_bawah_95", "V15": "di_atas_99.8"}
    assert binom.cdf(68, 200, p0) < 0.001
    assert binom.sf(119, 200, p0) < 0.001
    assert [i.value for i in data.issues()] == ["V15"]
    assert "disesuaikan" in data.issues()[0].message_id


def test_score_lists_the_village_outside_the_funnel(tmp_path: Path) -> None:
    """`phbs score -o x.json`: nine villages with 20 of 40 households ber-PHBS and one with
    38 of 40 (p0 = 218/400); the dispersion test does not fire (the outlier is winsorised)
    and P(X ≥ 38 | 40, p0) < 0.001, so the issues carry a di-luar-batas-funnel record (info)
    for that village, and only for it."""
    codes = [f"63.10.01.20{i:02d}" for i in range(1, 11)]
    rows = [HEADER]
    for k, code in enumerate(codes):
        met = 38 if k == 9 else 20
        for h in range(40):
            spec = "---YYYYYYY" if h < met else "---TYYYYYY"
            rows.append(household(f"{code}-{h}", code, spec=spec))
    survey = write_csv(tmp_path / "survei.csv", rows)
    output = tmp_path / "desa.json"
    result = CliRunner().invoke(cli, ["score", str(survey), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert binom.sf(37, 40, 218 / 400) < 0.001
    issues = json.loads(output.read_text(encoding="utf-8"))["masalah"]
    funnel = [i for i in issues if i["kode"] == "di-luar-batas-funnel"]
    assert [i["nilai"] for i in funnel] == [codes[9]]
    assert funnel[0]["tingkat"] == "info"
