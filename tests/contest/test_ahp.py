"""Tests for phbs.contest.ahp: eigenvector weights, consistency ratio and matrix validation."""

from __future__ import annotations

import numpy as np
import pytest
from contest_helpers import SAATY_2008_DRINKS
from numpy.typing import ArrayLike, NDArray

from phbs.contest.ahp import ahp_weights, check_pairwise_matrix


def _three_by_three_lambda_max(a12: float, a13: float, a23: float) -> float:
    """Closed form for a 3x3 reciprocal matrix: lambda_max = 1 + d^(1/3) + d^(-1/3).

    With d = a12 * a23 / a13 and y = 1 - x, the characteristic polynomial of
    [[1, a12, a13], [1/a12, 1, a23], [1/a13, 1/a23, 1]] is y^3 - 3y + d + 1/d. With
    t = d^(1/3), y = -(t + 1/t) is a root, so lambda_max = 1 + t + 1/t, the largest real root
    (d = 1, a consistent matrix, gives 3).
    """
    d = a12 * a23 / a13
    return float(1 + d ** (1 / 3) + d ** (-1 / 3))


def test_worked_example_three_criteria() -> None:
    """Worked example [[1, 3, 5], [1/3, 1, 3], [1/5, 1/3, 1]] (a common AHP tutorial matrix).

    By hand: d = 3 * 3 / 5 = 1.8, lambda_max = 1 + 1.8^(1/3) + 1.8^(-1/3)
    = 1 + 1.21644 + 0.82207 = 3.03851; CI = (3.03851 - 3) / 2 = 0.01926;
    CR = 0.01926 / RI(3) = 0.01926 / 0.58 = 0.0332 <= 0.10, consistent.
    For n = 3 the eigenvector equals the normalised row geometric means:
    (15^(1/3), 1, 15^(-1/3)) = (2.46621, 1, 0.40548), sum 3.87169,
    so w = (0.6370, 0.2583, 0.1047). The eigen equation A w = lambda_max w is checked too.
    """
    matrix = np.array([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    result = ahp_weights(matrix)
    lambda_by_hand = _three_by_three_lambda_max(3, 5, 3)
    assert result.lambda_max == pytest.approx(lambda_by_hand, rel=1e-12)
    assert result.lambda_max == pytest.approx(3.0385, abs=5e-5)
    geometric = np.array([15 ** (1 / 3), 1.0, 15 ** (-1 / 3)])
    np.testing.assert_allclose(result.weights, geometric / geometric.sum(), rtol=1e-10)
    np.testing.assert_allclose(result.weights, [0.637, 0.258, 0.105], atol=5e-4)
    np.testing.assert_allclose(matrix @ result.weights, result.lambda_max * result.weights)
    assert result.weights.sum() == pytest.approx(1.0)
    assert result.consistency_index == pytest.approx((lambda_by_hand - 3) / 2, rel=1e-10)
    assert result.consistency_index == pytest.approx(0.0193, abs=5e-5)
    assert result.random_index == 0.58
    assert result.consistency_ratio == pytest.approx(0.0332, abs=5e-5)
    assert result.is_consistent


def test_saaty_2008_drinks_example() -> None:
    """Saaty (2008), Int. J. Services Sciences 1(1) 83-98, drink consumption example.

    Published derived priorities (3 decimals): coffee .177, wine .019, tea .042,
    beer .116, sodas .190, milk .129, water .327; C.R. = .022 (Saaty's RI(7) = 1.32).
    The same figures are reproduced by the AHPy package's test suite.
    """
    result = ahp_weights(SAATY_2008_DRINKS)
    np.testing.assert_allclose(
        result.weights, [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327], atol=5e-4
    )
    assert round(result.consistency_ratio, 3) == 0.022
    assert result.random_index == 1.32
    assert result.is_consistent
    np.testing.assert_allclose(
        SAATY_2008_DRINKS @ result.weights, result.lambda_max * result.weights, rtol=1e-10
    )


def test_perfectly_consistent_matrix_gives_exact_weights() -> None:
    """Saaty: a_ij = w_i / w_j is consistent, lambda_max = n, CI = CR = 0, weights = w."""
    known = np.array([0.4, 0.3, 0.15, 0.1, 0.05])
    matrix = known[:, None] / known[None, :]
    result = ahp_weights(matrix)
    np.testing.assert_allclose(result.weights, known, rtol=1e-12)
    assert result.lambda_max == pytest.approx(5.0, rel=1e-12)
    assert result.consistency_index >= 0.0
    assert result.consistency_index == pytest.approx(0.0, abs=1e-12)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-12)
    assert result.random_index == 1.12
    assert result.is_consistent


def test_inconsistent_cyclic_matrix() -> None:
    """Saaty's CR > 0.10 rejects intransitive judgements: A >> B >> C >> A.

    [[1, 9, 1/9], [1/9, 1, 9], [9, 1/9, 1]]: d = 9 * 9 / (1/9) = 729, d^(1/3) = 9, so
    lambda_max = 1 + 9 + 1/9 = 10.111; CI = 7.111 / 2 = 3.556; CR = 3.556 / 0.58 = 6.13.
    By symmetry the weights are equal.
    """
    result = ahp_weights([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]])
    assert result.lambda_max == pytest.approx(1 + 9 + 1 / 9, rel=1e-10)
    assert result.consistency_index == pytest.approx((91 / 9 - 3) / 2, rel=1e-10)
    assert result.consistency_ratio == pytest.approx((91 / 9 - 3) / 2 / 0.58, rel=1e-10)
    assert result.consistency_ratio > 0.10
    assert not result.is_consistent
    np.testing.assert_allclose(result.weights, [1 / 3] * 3, rtol=1e-10)


def _four_criteria(a34: float) -> NDArray[np.float64]:
    """Consistent judgements for weights (8, 4, 2, 1) except a[2, 3], which is set to a34."""
    upper = {(0, 1): 2.0, (0, 2): 4.0, (0, 3): 8.0, (1, 2): 2.0, (1, 3): 4.0, (2, 3): a34}
    matrix = np.ones((4, 4))
    for (i, j), value in upper.items():
        matrix[i, j], matrix[j, i] = value, 1 / value
    return matrix


@pytest.mark.parametrize(
    ("a34", "expected_cr", "consistent"),
    [(2.0, 0.0, True), (1 / 2, 0.0923, True), (1 / 3, 0.1576, False)],
)
def test_threshold_on_one_reversed_judgement(
    a34: float, expected_cr: float, consistent: bool
) -> None:
    """Saaty's threshold CR <= 0.10 on a 4x4 matrix (RI(4) = 0.90).

    Judgements consistent with weights (8, 4, 2, 1), except that criterion 3 vs 4 is
    reversed: 1/2 instead of 2 stays acceptable (CR 0.092), 1/3 does not (CR 0.158).
    The eigen equation A w = lambda_max w and CR = (lambda_max - 4) / 3 / 0.90 are
    verified directly.
    """
    matrix = _four_criteria(a34)
    result = ahp_weights(matrix)
    np.testing.assert_allclose(matrix @ result.weights, result.lambda_max * result.weights)
    assert result.consistency_ratio == pytest.approx((result.lambda_max - 4) / 3 / 0.90)
    assert result.consistency_ratio == pytest.approx(expected_cr, abs=5e-5)
    assert result.is_consistent is consistent


def test_small_matrices_have_zero_consistency_ratio() -> None:
    """Saaty's RI is 0 for n = 1, 2: CR is reported as 0, any such matrix is consistent."""
    single = ahp_weights([[1]])
    assert single.weights.tolist() == [1.0]
    assert single.consistency_ratio == 0.0
    pair = ahp_weights([[1.0, 4.0], [1 / 4, 1.0]])
    np.testing.assert_allclose(pair.weights, [0.8, 0.2])
    assert pair.lambda_max == pytest.approx(2.0)
    assert pair.consistency_ratio == 0.0
    assert pair.is_consistent


# Saaty's average random consistency index R.I. by matrix order n, typed from the
# literature: Saaty, T. L. (1980), The Analytic Hierarchy Process, New York: McGraw-Hill,
# table of R.I. for n = 1..15, the values most AHP software uses (the published 1.48 for
# n = 12 is below the 1.51 for n = 11; kept as published).
SAATY_1980_RANDOM_INDEX = {
    1: 0.00,
    2: 0.00,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
    11: 1.51,
    12: 1.48,
    13: 1.56,
    14: 1.57,
    15: 1.59,
}


def _random_judgements(n: int, seed: int) -> NDArray[np.float64]:
    """A reciprocal matrix of judgements drawn from Saaty's 1-9 scale (inconsistent)."""
    rng = np.random.default_rng(seed)
    scale = np.array([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9])
    matrix = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            matrix[i, j] = rng.choice(scale)
            matrix[j, i] = 1 / matrix[i, j]
    return matrix


@pytest.mark.parametrize("n", range(1, 16))
def test_consistency_ratio_uses_saatys_random_index(n: int) -> None:
    """CR = CI / R.I.(n) with Saaty's published R.I. (1980, n = 1..15; docs/aturan.md §7.6 AHP
    weights), CI = (lambda_max - n) / (n - 1) with lambda_max from numpy's eigenvalues;
    for n = 1, 2 (R.I. = 0) the ratio is 0."""
    matrix = _random_judgements(n, seed=n)
    result = ahp_weights(matrix)
    assert result.random_index == SAATY_1980_RANDOM_INDEX[n]
    if n <= 2:
        assert result.consistency_ratio == 0.0
        return
    lambda_max = float(np.max(np.linalg.eigvals(matrix).real))
    consistency_index = (lambda_max - n) / (n - 1)
    assert result.lambda_max == pytest.approx(lambda_max, rel=1e-9)
    assert result.consistency_ratio == pytest.approx(
        consistency_index / SAATY_1980_RANDOM_INDEX[n], rel=1e-8
    )


def test_weights_are_read_only() -> None:
    """AhpResult is frozen: its weight vector cannot be changed in place either."""
    result = ahp_weights([[1.0, 2.0], [1 / 2, 1.0]])
    with pytest.raises(ValueError, match="read-only"):
        result.weights[0] = 0.0


def test_two_decimal_reciprocals_are_accepted() -> None:
    """Judges type 1/3 as 0.33 and 1/7 as 0.14; within the 5 % tolerance these are valid."""
    typed = np.array([[1, 3, 7], [0.33, 1, 3], [0.14, 0.33, 1]])
    exact = np.array([[1, 3, 7], [1 / 3, 1, 3], [1 / 7, 1 / 3, 1]])
    np.testing.assert_allclose(ahp_weights(typed).weights, ahp_weights(exact).weights, atol=0.01)


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1, 2, 3], [0.5, 1, 2]], "must be square"),
        ([1, 2, 3], "must be square"),
        (np.ones((2, 2, 2)), "must be square"),
        (np.empty((0, 0)), "at least one row"),
        (np.ones((16, 16)), "at most 15 criteria"),
        ([[1, -2], [-0.5, 1]], r"positive numbers: a\[0, 1\] = -2"),
        ([[1, 0], [0, 1]], r"positive numbers: a\[0, 1\] = 0"),
        ([[1, float("nan")], [1, 1]], "positive numbers"),
        ([[1, float("inf")], [0, 1]], "positive numbers"),
        ([[1, 2], [0.5, 2]], r"diagonal must be 1: a\[1, 1\] = 2"),
        ([[1, 3, 5], [3, 1, 3], [1 / 5, 1 / 3, 1]], r"not reciprocal: a\[0, 1\] \* a\[1, 0\] = 9"),
        ([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 2, 1]], r"a\[1, 2\] \* a\[2, 1\] = 1.5"),
    ],
)
def test_invalid_matrices_raise_value_error(matrix: ArrayLike, message: str) -> None:
    """Saaty's AHP needs a square, positive, reciprocal matrix with unit diagonal."""
    with pytest.raises(ValueError, match=message):
        ahp_weights(matrix)


def test_tolerance_is_adjustable() -> None:
    """The reciprocity tolerance is a parameter: strict callers can demand exact entries."""
    typed = np.array([[1, 3], [0.33, 1]])
    assert check_pairwise_matrix(typed).shape == (2, 2)
    with pytest.raises(ValueError, match="not reciprocal"):
        check_pairwise_matrix(typed, tolerance=1e-6)
