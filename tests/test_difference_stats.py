"""Intervals for the change between rounds (docs/aturan.md §5.8), checked against published
worked examples, statsmodels and a hand computation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from statsmodels.stats.proportion import confint_proportions_2indep

from phbs.difference_stats import (
    difference_interval,
    paired_difference_interval,
    verdict_codes,
)

# Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10 (hybrid score
# without continuity correction): (m, n, x, y) with p1 = m/n, p2 = x/y, interval for p1 − p2,
# typed from the published table. Cases (e)–(h) hold 0 and n cells.
NEWCOMBE_TABLE_II = [
    (56, 70, 48, 80, 0.0524, 0.3339),
    (9, 10, 3, 10, 0.1705, 0.8090),
    (6, 7, 2, 7, 0.0582, 0.8062),
    (5, 56, 0, 29, -0.0381, 0.1926),
    (0, 10, 0, 20, -0.1611, 0.2775),
    (0, 10, 0, 10, -0.2775, 0.2775),
    (10, 10, 0, 20, 0.6791, 1.0000),
    (10, 10, 0, 10, 0.6075, 1.0000),
]


@pytest.mark.parametrize(("m", "n", "x", "y", "lower", "upper"), NEWCOMBE_TABLE_II)
def test_independent_interval_matches_newcombe_table_ii(
    m: int, n: int, x: int, y: int, lower: float, upper: float
) -> None:
    """docs/aturan.md §5.8: Newcombe's method 10; the published table compares p1 − p2, phbs
    reports the later round minus the earlier, so round 1 is (x, y) and round 2 (m, n)."""
    lo, hi = difference_interval([x], [y], [m], [n])
    assert round(float(lo[0]), 4) == pytest.approx(lower, abs=1e-4)
    assert round(float(hi[0]), 4) == pytest.approx(upper, abs=1e-4)


def test_independent_interval_agrees_with_statsmodels() -> None:
    """docs/aturan.md §5.8: statsmodels' ``newcomb`` method over many random tables, 0 and n
    cells included, at two confidence levels."""
    rng = np.random.default_rng(20261205)
    n1 = rng.integers(1, 400, 300)
    n2 = rng.integers(1, 400, 300)
    x1 = rng.integers(0, n1 + 1)
    x2 = rng.integers(0, n2 + 1)
    x1[:10], x2[10:20], x1[20:30] = 0, n2[10:20], n1[20:30]
    for confidence in (0.95, 0.9):
        lo, hi = difference_interval(x1, n1, x2, n2, confidence=confidence)
        for i in range(len(n1)):
            ref = confint_proportions_2indep(
                x2[i], n2[i], x1[i], n1[i], method="newcomb", compare="diff", alpha=1 - confidence
            )
            assert lo[i] == pytest.approx(ref[0], abs=1e-12)
            assert hi[i] == pytest.approx(ref[1], abs=1e-12)


def test_finite_population_correction_narrows_and_census_gives_the_change() -> None:
    """docs/aturan.md §5.8 with §5.4: a round surveyed in full adds no width; two censuses
    give the change itself; a large sampling fraction gives a narrower interval."""
    plain = difference_interval([40], [100], [60], [100])
    half = difference_interval([40], [100], [60], [100], population_1=[200], population_2=[200])
    census = difference_interval([40], [100], [60], [100], population_1=[100], population_2=[100])
    assert plain[0][0] < half[0][0] < 0.2 < half[1][0] < plain[1][0]
    assert census[0][0] == pytest.approx(0.2)
    assert census[1][0] == pytest.approx(0.2)
    # One round a census: only the other round's Wilson arm remains. Round 2 = 60/100 with
    # Wilson (0.5020, 0.6906) at 95 % (by hand: centre (0.6 + 1.96²/200)/(1 + 1.96²/100)),
    # so the change 0.6 − 0.4 = 0.2 runs from 0.2 − (0.6 − 0.5020) to 0.2 + (0.6906 − 0.6).
    z = 1.959963984540054
    centre = (0.6 + z * z / 200) / (1 + z * z / 100)
    half_width = z / (1 + z * z / 100) * math.sqrt(0.6 * 0.4 / 100 + z * z / 40000)
    lo, hi = difference_interval([40], [100], [60], [100], population_1=[100])
    assert lo[0] == pytest.approx(0.2 - (0.6 - (centre - half_width)), abs=1e-12)
    assert hi[0] == pytest.approx(0.2 + (centre + half_width - 0.6), abs=1e-12)


def test_empty_round_gives_no_interval() -> None:
    lo, hi = difference_interval([0], [0], [3], [10])
    assert math.isnan(lo[0])
    assert math.isnan(hi[0])
    assert verdict_codes(lo, hi).tolist() == [-2]


def test_paired_interval_matches_fagerland_example() -> None:
    """docs/aturan.md §5.8: Newcombe's paired method 10 as Fagerland, Lydersen and Laake
    (2017, ch. 8) print it for Cavo et al. (2012): table [[59, 6], [16, 80]], estimate
    −0.0621, 95 % CI −0.1186 to −0.0046 (row margin minus column margin). In phbs's terms the
    first round is the column margin (59 + 16) and the second the row margin (59 + 6)."""
    lo, hi = paired_difference_interval([59], [16], [6], [80])
    assert round(float(lo[0]), 4) == -0.1186
    assert round(float(hi[0]), 4) == -0.0046


def _wilson(x: int, n: int, z: float) -> tuple[float, float]:
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


@pytest.mark.parametrize(
    ("a", "b", "c", "d"),
    [(14, 5, 0, 22), (36, 12, 2, 0), (5, 3, 9, 40), (0, 0, 4, 6), (10, 0, 0, 10)],
)
def test_paired_interval_by_hand(a: int, b: int, c: int, d: int) -> None:
    """docs/aturan.md §5.8: the formula written out again with the math module (Altman et al.
    2000, Table 6.2 is the first table), including ψ's three branches and an empty margin."""
    z = 1.959963984540054
    n = a + b + c + d
    p1, p2 = (a + b) / n, (a + c) / n
    l1, u1 = _wilson(a + b, n, z)
    l2, u2 = _wilson(a + c, n, z)
    margins = (a + b) * (c + d) * (a + c) * (b + d)
    cross = a * d - b * c
    if margins == 0:
        psi = 0.0
    elif cross > n / 2:
        psi = (cross - n / 2) / math.sqrt(margins)
    elif cross >= 0:
        psi = 0.0
    else:
        psi = cross / math.sqrt(margins)
    delta = p2 - p1
    lower = delta - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2 - 2 * psi * (p2 - l2) * (u1 - p1))
    upper = delta + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2 - 2 * psi * (u2 - p2) * (p1 - l1))
    lo, hi = paired_difference_interval([a], [b], [c], [d])
    assert lo[0] == pytest.approx(max(lower, -1.0), abs=1e-12)
    assert hi[0] == pytest.approx(min(upper, 1.0), abs=1e-12)


def test_verdicts_come_from_the_interval() -> None:
    """docs/aturan.md §5.8: naik only when the whole interval is above 0, turun below 0."""
    lo = np.array([0.001, -0.3, -0.05, 0.0, np.nan])
    hi = np.array([0.2, -0.001, 0.3, 0.0, np.nan])
    assert verdict_codes(lo, hi).tolist() == [1, -1, 0, 0, -2]
