"""Tests for phbs.contest.kernels: weighted sum, TOPSIS and competition ranking."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from numpy.typing import NDArray

from phbs.contest.kernels import (
    NO_PREVIOUS_VILLAGE,
    TIED_ON_ALL_KEYS,
    competition_rank,
    ranking_order,
    tie_break_level,
    topsis,
    weighted_sum,
)

NAN = float("nan")


# --- weighted_sum -------------------------------------------------------------------------


def test_weighted_sum_hand_computed_four_villages() -> None:
    """docs/aturan.md §7.1: an item's weighted score is raw x weight, the total is their sum.

    One criterion per group, weights masukan 3, proses 4, keluaran 3:
    A: 80*3 + 70*4 + 90*3 = 240 + 280 + 270 = 790
    B: 60*3 + 100*4 + 50*3 = 180 + 400 + 150 = 730
    C: 100*3 + 100*4 + 100*3 = 1000 (the maximum)
    D: 0*3 + 39*4 + 40*3 = 0 + 156 + 120 = 276
    """
    scores = np.array([[80, 70, 90], [60, 100, 50], [100, 100, 100], [0, 39, 40]], dtype=float)
    total = weighted_sum(scores, np.array([3.0, 4.0, 3.0]))
    assert total.dtype == np.float64
    np.testing.assert_array_equal(total, [790.0, 730.0, 1000.0, 276.0])


def test_weighted_sum_propagates_missing_score() -> None:
    """docs/aturan.md §7.3: a missing (NaN) raw score gives a missing total, never a silent 0."""
    total = weighted_sum([[80.0, NAN], [50.0, 50.0]], [3, 4])
    assert math.isnan(total[0])
    assert total[1] == 350.0


def test_weighted_sum_rejects_mismatched_weights() -> None:
    """docs/aturan.md §7.1: one weight per criterion; a mismatch is a programming error."""
    with pytest.raises(ValueError, match="one entry per criterion"):
        weighted_sum([[80, 70, 90]], [3, 4])
    with pytest.raises(ValueError, match="villages x criteria"):
        weighted_sum([80, 70, 90], [3, 4, 3])


# --- TOPSIS -------------------------------------------------------------------------------


def test_topsis_hand_worked_example() -> None:
    """TOPSIS (Hwang & Yoon 1981) worked by hand, vector normalisation, equal weights.

    Scores A (80, 60), B (60, 80), C (40, 40). Both column norms are sqrt(11600); with
    k = 0.5 / sqrt(11600) the weighted matrix is A (80, 60)k, B (60, 80)k, C (40, 40)k.
    Ideal (80, 80)k, anti-ideal (40, 40)k.
    A: d+ = 20k, d- = sqrt(40^2 + 20^2)k = 20 sqrt(5) k, so C_A = sqrt(5) / (1 + sqrt(5)).
    B: the mirror image of A, same closeness. C: d- = 0, so C_C = 0.
    """
    closeness = topsis([[80, 60], [60, 80], [40, 40]], [0.5, 0.5])
    expected = math.sqrt(5) / (1 + math.sqrt(5))
    np.testing.assert_allclose(closeness, [expected, expected, 0.0], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 5])
def test_topsis_matches_pymcdm(seed: int) -> None:
    """TOPSIS matches pymcdm's reference implementation with vector normalisation.

    pymcdm.methods.TOPSIS (Hwang & Yoon 1981), all criteria of benefit type.
    """
    from pymcdm.methods import TOPSIS
    from pymcdm.normalizations import vector_normalization

    rng = np.random.default_rng(seed)
    n_villages, n_criteria = rng.integers(3, 12), rng.integers(2, 7)
    scores = rng.uniform(0, 100, size=(n_villages, n_criteria))
    weights = rng.uniform(0.1, 1.0, size=n_criteria)
    weights /= weights.sum()
    reference = TOPSIS(normalization_function=vector_normalization)(
        scores, weights, np.ones(n_criteria, dtype=int)
    )
    np.testing.assert_allclose(topsis(scores, weights), reference, rtol=1e-12)


def test_topsis_ignores_weight_scale() -> None:
    """TOPSIS closeness is a ratio of distances, so rubric weights 3/4/3 equal 0.3/0.4/0.3."""
    scores = np.array([[80, 70, 90], [60, 100, 50], [75, 75, 75]], dtype=float)
    np.testing.assert_allclose(topsis(scores, [3, 4, 3]), topsis(scores, [0.3, 0.4, 0.3]))


def test_topsis_zero_column_is_treated_as_zero() -> None:
    """A criterion nobody scored on (column of zeros, norm 0) cannot separate villages.

    The normalised column is taken as 0, so the result equals TOPSIS without that column,
    and no division warning is raised (pytest runs with warnings as errors).
    """
    scores = np.array([[80, 0, 90], [60, 0, 50], [75, 0, 75]], dtype=float)
    with_zero = topsis(scores, [0.3, 0.4, 0.3])
    without = topsis(scores[:, [0, 2]], [0.3, 0.3])
    np.testing.assert_allclose(with_zero, without)


def test_topsis_ideal_equals_anti_ideal_gives_half() -> None:
    """Degenerate TOPSIS: identical villages (ideal == anti-ideal) all get 0.5, no warning."""
    np.testing.assert_array_equal(topsis([[70, 80], [70, 80], [70, 80]], [1, 1]), [0.5] * 3)
    np.testing.assert_array_equal(topsis(np.zeros((2, 3)), [1, 1, 1]), [0.5, 0.5])
    np.testing.assert_array_equal(topsis(np.empty((2, 0)), np.empty(0)), [0.5, 0.5])


def test_topsis_edge_shapes_and_missing() -> None:
    """TOPSIS: no villages gives an empty result; a NaN score makes every result NaN."""
    assert topsis(np.empty((0, 3)), [1, 1, 1]).shape == (0,)
    assert np.isnan(topsis([[80.0, NAN], [60.0, 70.0]], [1, 1])).all()


# --- competition ranking -----------------------------------------------------------------


def _brute_force_rank(keys: list[list[float]]) -> list[int]:
    """Competition rank by definition: 1 + the number of villages strictly better."""
    rows = list(zip(*keys, strict=True))
    return [1 + sum(1 for other in rows if other > row) for row in rows]


def test_rank_primary_key_only() -> None:
    """docs/aturan.md §7.5: villages are ranked by total, higher total first."""
    assert competition_rank([[700.0, 910.0, 830.0]]).tolist() == [3, 1, 2]
    assert ranking_order([[700.0, 910.0, 830.0]]).tolist() == [1, 2, 0]
    assert tie_break_level([[700.0, 910.0, 830.0]]).tolist() == [NO_PREVIOUS_VILLAGE, 0, 0]


def test_rank_tie_broken_by_first_tie_breaker() -> None:
    """docs/aturan.md §7.5: equal totals go to the first tie-breaker in the rubric's order."""
    total = [850.0, 850.0, 900.0]
    tie_breaker_1 = [60.0, 75.0, 10.0]
    keys = [total, tie_breaker_1]
    assert competition_rank(keys).tolist() == [3, 2, 1]
    assert ranking_order(keys).tolist() == [2, 1, 0]
    assert tie_break_level(keys).tolist() == [NO_PREVIOUS_VILLAGE, 0, 1]


def test_rank_tie_broken_by_second_tie_breaker() -> None:
    """aturan.md §7.5: the second tie-breaker decides only when total and the first are equal."""
    keys = [[850.0, 850.0, 850.0], [70.0, 70.0, 80.0], [1.0, 3.0, 0.0]]
    assert competition_rank(keys).tolist() == [3, 2, 1]
    assert ranking_order(keys).tolist() == [2, 1, 0]
    assert tie_break_level(keys).tolist() == [NO_PREVIOUS_VILLAGE, 1, 2]


def test_rank_tied_on_all_keys_share_rank_1224() -> None:
    """docs/aturan.md §7.5: villages equal on every key share a rank, "1224" competition ranking."""
    keys = [[900.0, 850.0, 850.0, 800.0], [5.0, 3.0, 3.0, 9.0]]
    assert competition_rank(keys).tolist() == [1, 2, 2, 4]
    assert tie_break_level(keys).tolist() == [NO_PREVIOUS_VILLAGE, 0, TIED_ON_ALL_KEYS, 0]
    # Tied villages keep their input order in the ranked order: reproducible reports.
    assert ranking_order(keys).tolist() == [0, 1, 2, 3]
    assert competition_rank([[5.0, 5.0, 5.0]]).tolist() == [1, 1, 1]


def test_rank_nan_primary_ranks_last_in_both_directions() -> None:
    """docs/aturan.md §7.5 + design choice: a village without a total ranks after every number."""
    total = [NAN, 700.0, 900.0]
    assert competition_rank([total]).tolist() == [3, 2, 1]
    assert competition_rank([total], descending=False).tolist() == [3, 1, 2]
    assert tie_break_level([total]).tolist() == [NO_PREVIOUS_VILLAGE, 0, 0]


def test_rank_nan_equal_on_key_then_next_key_decides() -> None:
    """Design choice: two NaNs are equal on that key, so the next tie-breaker orders them."""
    keys = [[NAN, 800.0, NAN, NAN], [1.0, 0.0, 4.0, 1.0]]
    assert competition_rank(keys).tolist() == [3, 1, 2, 3]
    assert tie_break_level(keys).tolist() == [NO_PREVIOUS_VILLAGE, 0, 1, TIED_ON_ALL_KEYS]


def test_rank_nan_in_tie_breaker_ranks_after_numbers() -> None:
    """Design choice: a missing tie-breaker value loses the tie to any number, in any direction."""
    keys = [[850.0, 850.0, 850.0], [NAN, 2.0, 1.0]]
    assert competition_rank(keys).tolist() == [3, 1, 2]
    assert competition_rank(keys, descending=[True, False]).tolist() == [3, 2, 1]
    assert competition_rank([[NAN, NAN], [NAN, NAN]]).tolist() == [1, 1]


def test_rank_directions() -> None:
    """aturan.md §7: a tie-breaker may prefer the lower value (e.g. fewer incomplete households)."""
    keys = [[850.0, 850.0, 900.0], [4.0, 2.0, 9.0]]
    assert competition_rank(keys, descending=False).tolist() == [2, 1, 3]
    assert competition_rank(keys, descending=[True, False]).tolist() == [3, 2, 1]
    assert competition_rank(keys, descending=[True, True]).tolist() == [2, 3, 1]


def test_rank_matches_definition_on_random_ties() -> None:
    """Competition rank = 1 + the number of villages lexicographically better (aturan.md §7.5)."""
    rng = np.random.default_rng(2025)
    for _ in range(200):
        n_villages, n_keys = int(rng.integers(1, 9)), int(rng.integers(1, 4))
        keys = [rng.integers(0, 3, size=n_villages).astype(float).tolist() for _ in range(n_keys)]
        ranks = competition_rank(keys)
        assert ranks.tolist() == _brute_force_rank(keys)
        order = ranking_order(keys)
        levels = tie_break_level(keys)
        ranked_rows = [tuple(key[i] for key in keys) for i in order]
        for position, (above, below) in enumerate(itertools.pairwise(ranked_rows), start=1):
            differing = [k for k in range(n_keys) if above[k] != below[k]]
            assert levels[position] == (differing[0] if differing else TIED_ON_ALL_KEYS)
            assert above >= below


def test_rank_accepts_integer_and_bool_keys() -> None:
    """Tie-breakers may be counts or yes/no facts (e.g. ODF status, docs/aturan.md §7.5, §7.9)."""
    keys: list[NDArray[np.generic]] = [
        np.array([800, 800, 800], dtype=np.int64),
        np.array([True, False, True]),
        np.array([3, 9, 5], dtype=np.uint8),
    ]
    ranks = competition_rank(keys)
    assert ranks.dtype == np.int64
    assert ranks.tolist() == [2, 3, 1]


def test_rank_empty_and_invalid_input() -> None:
    """Shape errors are programming errors (ValueError); no villages gives empty results."""
    assert competition_rank([[]]).tolist() == []
    assert tie_break_level([[]]).tolist() == []
    assert competition_rank([[1.0]]).tolist() == [1]
    with pytest.raises(ValueError, match="at least one ranking key"):
        competition_rank([])
    with pytest.raises(ValueError, match="key 1 has 2 values"):
        competition_rank([[1.0, 2.0, 3.0], [1.0, 2.0]])
    with pytest.raises(ValueError, match="one-dimensional"):
        competition_rank([[[1.0, 2.0]]])
    with pytest.raises(ValueError, match="descending has 1 entries for 2 keys"):
        competition_rank([[1.0], [2.0]], descending=[True])
