"""Tests for phbs.contest.concordance: Kendall's W with tie correction, least agreeing judge."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from numpy.typing import ArrayLike
from scipy.stats import chi2, friedmanchisquare, rankdata, spearmanr

from phbs.contest.concordance import (
    REASON_ALL_TIED,
    REASON_MISSING_RATINGS,
    REASON_TOO_FEW_JUDGES,
    REASON_TOO_FEW_OBJECTS,
    kendall_w,
    least_agreeing_judge,
)

# Three judges (rows) score four villages (columns), no ties within a judge.
NO_TIES = np.array([[90, 80, 70, 60], [85, 88, 70, 65], [75, 70, 80, 50]], dtype=float)
# Three judges with ties: judge 2 gives three villages the same score.
WITH_TIES = np.array([[90, 80, 80, 60], [70, 70, 70, 50], [60, 90, 75, 75]], dtype=float)


def test_kendall_w_hand_computed_without_ties() -> None:
    """Kendall & Babington Smith (1939) W = 12 S / (m^2 (n^3 - n)), worked by hand.

    Ranks (1 = best): judge 1 (1, 2, 3, 4), judge 2 (2, 1, 3, 4), judge 3 (2, 3, 1, 4).
    m = 3, n = 4. Rank sums R = (5, 6, 7, 12); mean m (n + 1) / 2 = 7.5.
    S = 2.5^2 + 1.5^2 + 0.5^2 + 4.5^2 = 6.25 + 2.25 + 0.25 + 20.25 = 29.
    W = 12 * 29 / (9 * 60) = 348 / 540 = 0.64444.
    chi-square = m (n - 1) W = 9 * 0.64444 = 5.8 with 3 degrees of freedom.
    """
    result = kendall_w(NO_TIES)
    assert result.reason is None
    assert result.w == pytest.approx(348 / 540, rel=1e-12)
    assert result.chi_square == pytest.approx(5.8, rel=1e-12)
    assert result.degrees_of_freedom == 3
    assert result.p_value == pytest.approx(chi2.sf(5.8, 3), rel=1e-12)
    assert (result.n_judges, result.n_objects) == (3, 4)


def test_kendall_w_hand_computed_with_ties() -> None:
    """Tie-corrected W = 12 S / (m^2 (n^3 - n) - m sum T_j) (Siegel & Castellan 1988).

    Ranks with average ranks for ties (1 = best):
    judge 1 (90, 80, 80, 60) -> (1, 2.5, 2.5, 4), one tie of 2: T_1 = 2^3 - 2 = 6;
    judge 2 (70, 70, 70, 50) -> (2, 2, 2, 4), one tie of 3: T_2 = 3^3 - 3 = 24;
    judge 3 (60, 90, 75, 75) -> (4, 1, 2.5, 2.5), one tie of 2: T_3 = 6. Sum T = 36.
    Rank sums R = (7, 5.5, 7, 10.5), mean 7.5.
    S = 0.5^2 + 2^2 + 0.5^2 + 3^2 = 0.25 + 4 + 0.25 + 9 = 13.5.
    W = 12 * 13.5 / (9 * 60 - 3 * 36) = 162 / (540 - 108) = 162 / 432 = 0.375
    (uncorrected it would be 162 / 540 = 0.3). chi-square = 9 * 0.375 = 3.375, df 3.
    """
    result = kendall_w(WITH_TIES)
    assert result.w == pytest.approx(0.375, rel=1e-12)
    assert result.w != pytest.approx(0.3)
    assert result.chi_square == pytest.approx(3.375, rel=1e-12)
    assert result.p_value == pytest.approx(chi2.sf(3.375, 3), rel=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_kendall_chi_square_equals_friedman(seed: int) -> None:
    """m (n - 1) W equals Friedman's tie-corrected chi-square (scipy.stats.friedmanchisquare).

    Judges are Friedman's blocks and villages its treatments; integer scores force ties.
    """
    rng = np.random.default_rng(seed)
    ratings = rng.integers(60, 66, size=(int(rng.integers(3, 8)), int(rng.integers(3, 9))))
    ratings = ratings.astype(float)
    result = kendall_w(ratings)
    friedman = friedmanchisquare(*ratings.T)
    assert result.chi_square == pytest.approx(friedman.statistic, rel=1e-9)
    assert result.p_value == pytest.approx(friedman.pvalue, rel=1e-9)


@pytest.mark.parametrize("seed", [10, 11, 12])
def test_kendall_w_and_mean_spearman_without_ties(seed: int) -> None:
    """Identity for untied rankings: mean pairwise Spearman rho = (m W - 1) / (m - 1).

    Pairwise rho from scipy.stats.spearmanr; checked on the hand example and random data.
    """
    rng = np.random.default_rng(seed)
    random_ratings = np.array([rng.permutation(7) for _ in range(5)], dtype=float)
    for ratings in (NO_TIES, random_ratings):
        m = ratings.shape[0]
        rhos = [spearmanr(a, b).statistic for a, b in itertools.combinations(ratings, 2)]
        w = kendall_w(ratings).w
        assert float(np.mean(rhos)) == pytest.approx((m * w - 1) / (m - 1), rel=1e-12)
    # Hand example: rho(1, 2) = 0.8, rho(1, 3) = 0.4, rho(2, 3) = 0.2, mean 0.46667.
    assert (3 * kendall_w(NO_TIES).w - 1) / 2 == pytest.approx(1.4 / 3)


def test_kendall_w_bounds() -> None:
    """Kendall's W is 1 for identical rankings and 0 when rank sums are all equal."""
    identical = kendall_w([[90, 80, 70], [60, 50, 40], [9, 8, 7]])
    assert identical.w == pytest.approx(1.0)
    assert identical.chi_square == pytest.approx(6.0)
    balanced = kendall_w([[3, 2, 1], [1, 3, 2], [2, 1, 3]])
    assert balanced.w == pytest.approx(0.0)
    assert balanced.p_value == pytest.approx(1.0)


def test_kendall_w_direction_does_not_matter() -> None:
    """W only depends on how alike the rankings are: reversing every judge leaves it unchanged."""
    assert kendall_w(-WITH_TIES).w == pytest.approx(kendall_w(WITH_TIES).w)


def test_kendall_w_one_judge_tying_everything_still_defined() -> None:
    """Tie correction: T_j = n^3 - n for a judge who ties all villages; others keep W defined.

    Ranks (2, 2, 2) and (1, 2, 3): R = (3, 4, 5), S = 2, sum T = 24,
    W = 12 * 2 / (4 * 24 - 2 * 24) = 24 / 48 = 0.5.
    """
    assert kendall_w([[70, 70, 70], [90, 80, 70]]).w == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("ratings", "reason"),
    [
        ([[80.0], [70.0], [60.0]], REASON_TOO_FEW_OBJECTS),
        (np.empty((3, 0)), REASON_TOO_FEW_OBJECTS),
        ([[80.0, 70.0, 60.0]], REASON_TOO_FEW_JUDGES),
        (np.empty((0, 4)), REASON_TOO_FEW_JUDGES),
        ([[80.0, 80.0, 80.0], [65.0, 65.0, 65.0]], REASON_ALL_TIED),
        ([[80.0, float("nan"), 60.0], [70.0, 75.0, 60.0]], REASON_MISSING_RATINGS),
    ],
)
def test_kendall_w_degenerate_inputs_give_nan_with_reason(ratings: ArrayLike, reason: str) -> None:
    """Degenerate input: W is NaN with a stated reason, never a division by zero or warning."""
    result = kendall_w(ratings)
    assert result.reason == reason
    assert math.isnan(result.w)
    assert math.isnan(result.chi_square)
    assert math.isnan(result.p_value)


def test_kendall_w_rejects_non_matrix() -> None:
    """Ratings must be a judges x villages matrix: anything else is a programming error."""
    with pytest.raises(ValueError, match="judges x objects"):
        kendall_w([80.0, 70.0])


def test_least_agreeing_judge_matches_leave_one_out_spearman() -> None:
    """Leave-one-out agreement: Spearman rho of each judge with the others' mean rank.

    The fourth judge reverses the others' order and must be named; each value equals
    scipy.stats.spearmanr(judge's scores, others' mean rank).
    """
    ratings = np.array(
        [[90, 80, 70, 60, 50], [88, 82, 60, 65, 40], [95, 70, 75, 55, 52], [40, 50, 60, 70, 95]],
        dtype=float,
    )
    judge, agreement = least_agreeing_judge(ratings)
    assert judge == 3
    ranks = np.array([rankdata(-row) for row in ratings])
    for j in range(4):
        others = np.delete(ranks, j, axis=0).mean(axis=0)
        expected = spearmanr(ranks[j], others).statistic
        assert agreement[j] == pytest.approx(expected, rel=1e-12)
    assert agreement[3] < 0 < agreement.min(initial=1.0, where=np.arange(4) != 3)


def test_least_agreeing_judge_hand_example() -> None:
    """Worked example with three judges, ranks (1, 2, 3), (1, 2, 3), (2, 3, 1).

    Judge 1 vs mean of the others (1.5, 2.5, 2) -> ranks (1, 3, 2): rho = 0.5; judge 2
    likewise 0.5; judge 3 vs (1, 2, 3): rho = 1 - 6 * (1 + 1 + 4) / 24 = -0.5.
    """
    judge, agreement = least_agreeing_judge([[90, 80, 70], [85, 75, 60], [70, 60, 95]])
    assert judge == 2
    np.testing.assert_allclose(agreement, [0.5, 0.5, -0.5])


def test_least_agreeing_judge_undefined_cases() -> None:
    """Correlation with a constant ranking is undefined: NaN, no warning; None if all NaN."""
    judge, agreement = least_agreeing_judge([[80, 80, 80], [90, 80, 70], [60, 70, 80]])
    assert math.isnan(agreement[0])
    assert judge is not None
    assert judge in (1, 2)
    for ratings in ([[80, 70, 60]], [[80], [70]], [[80, 80], [70, 70]], [[80, float("nan")]] * 2):
        judge, agreement = least_agreeing_judge(ratings)
        assert judge is None
        assert np.isnan(agreement).all()
