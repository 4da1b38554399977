"""The rank-uncertainty kernels of phbs/contest/resampling.py against independent answers:
TOPSIS closeness per replicate (:func:`batch_topsis`) against pymcdm and a hand-worked
example, and the judges' bootstrap (:func:`resample_judges`) with median and trimmed-mean
aggregation against the exact bootstrap distributions, enumerated in the test over every
possible draw of the judges.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from phbs.contest.resampling import batch_topsis, resample_judges
from phbs.contest.rubric import Aggregation

FloatArray = NDArray[np.float64]

# --- batch_topsis


def _pymcdm_topsis(scores: FloatArray, weights: FloatArray) -> FloatArray:
    """pymcdm's TOPSIS (Hwang & Yoon 1981) with vector normalisation, all criteria benefit."""
    from pymcdm.methods import TOPSIS
    from pymcdm.normalizations import vector_normalization

    closeness: FloatArray = TOPSIS(normalization_function=vector_normalization)(
        scores, weights / weights.sum(), np.ones(scores.shape[1], dtype=int)
    )
    return closeness


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_batch_topsis_matches_pymcdm_replicate_by_replicate(seed: int) -> None:
    """docs/peringkat.md §5 (TOPSIS: vector normalisation, every criterion "higher is
    better", the rubric's weights): each replicate's closeness equals pymcdm's TOPSIS on
    that replicate's villages × criteria, with one weight vector for all replicates or one
    per replicate (the weight-sensitivity draws)."""
    rng = np.random.default_rng(seed)
    replicates, villages, criteria = 7, int(rng.integers(3, 12)), int(rng.integers(2, 7))
    scores = rng.uniform(0, 100, size=(replicates, villages, criteria))
    shared = rng.uniform(0.5, 4.0, size=criteria)
    per_replicate = rng.uniform(0.5, 4.0, size=(replicates, criteria))
    with_shared = batch_topsis(scores, shared)
    with_own = batch_topsis(scores, per_replicate)
    assert with_shared.shape == with_own.shape == (replicates, villages)
    for r in range(replicates):
        np.testing.assert_allclose(with_shared[r], _pymcdm_topsis(scores[r], shared), rtol=1e-12)
        np.testing.assert_allclose(
            with_own[r], _pymcdm_topsis(scores[r], per_replicate[r]), rtol=1e-12
        )


def test_batch_topsis_hand_worked_example() -> None:
    """docs/peringkat.md §5, worked by hand. Villages A (80, 60), B (60, 80), C (70, 70):
    both columns have norm sqrt(80² + 60² + 70²) = sqrt(14900) = 1/k. Weights 3 : 1 are
    0.75 and 0.25, so A and B differ by 0.75·20k = 15k on the first criterion and
    0.25·20k = 5k on the second; the ideal is (80·0.75k, 80·0.25k), the anti-ideal
    (60·0.75k, 60·0.25k). A: d+ = 5k, d- = 15k → 15 / 20 = 0.75; B: d+ = 15k, d- = 5k →
    0.25; C is 7.5k and 2.5k from both → 0.5. With weights 1 : 3 A and B swap. A replicate
    where every village is the same is 0.5 everywhere (ideal = anti-ideal)."""
    villages = np.array([[80.0, 60.0], [60.0, 80.0], [70.0, 70.0]])
    scores = np.stack([villages, villages, np.full((3, 2), 50.0)])
    weights = np.array([[3.0, 1.0], [1.0, 3.0], [3.0, 1.0]])
    np.testing.assert_allclose(
        batch_topsis(scores, weights),
        [[0.75, 0.25, 0.5], [0.25, 0.75, 0.5], [0.5, 0.5, 0.5]],
        rtol=1e-12,
    )
    np.testing.assert_allclose(
        batch_topsis(scores[:1], np.array([30.0, 10.0])), [[0.75, 0.25, 0.5]]
    )


def test_batch_topsis_column_of_zeros_cannot_separate_villages() -> None:
    """A criterion nobody scored (all zeros, norm 0) counts as 0 for everyone, as in
    :func:`phbs.contest.kernels.topsis`: the result is that of the other criteria alone
    (pymcdm without the column), with no division warning (warnings are errors here)."""
    rng = np.random.default_rng(5)
    scores = rng.uniform(0, 100, size=(3, 5, 3))
    scores[:, :, 1] = 0.0
    weights = np.array([2.0, 5.0, 1.0])
    found = batch_topsis(scores, weights)
    for r in range(3):
        expected = _pymcdm_topsis(scores[r][:, [0, 2]], weights[[0, 2]])
        np.testing.assert_allclose(found[r], expected, rtol=1e-12)


# --- resample_judges


def _exact_distribution(
    given: Sequence[float], aggregate: Callable[[FloatArray], float]
) -> dict[float, float]:
    """The bootstrap distribution of ``aggregate`` over every equally likely draw of
    ``len(given)`` judges with replacement (k^k draws, each enumerated)."""
    k = len(given)
    counts: Counter[float] = Counter()
    for draw in itertools.product(given, repeat=k):
        counts[round(aggregate(np.array(draw, dtype=np.float64)), 9)] += 1
    return {value: n / k**k for value, n in counts.items()}


def _trimmed_mean(trim: float) -> Callable[[FloatArray], float]:
    """Sort, drop floor(trim · k) at each end, average the rest (docs/peringkat.md §2)."""

    def aggregate(values: FloatArray) -> float:
        cut = int(np.floor(trim * len(values)))
        return float(np.sort(values)[cut : len(values) - cut].mean())

    return aggregate


def _assert_bootstrap_matches(drawn: FloatArray, exact: dict[float, float]) -> None:
    """Every replicate value is a possible one; each value's share and the mean are within
    five standard errors of the exact distribution (the seed is fixed: not flaky)."""
    replicates = len(drawn)
    seen = Counter(round(float(v), 9) for v in drawn)
    assert set(seen) <= set(exact), sorted(set(seen) - set(exact))
    for value, p in exact.items():
        share = seen[value] / replicates
        assert abs(share - p) <= 5 * np.sqrt(p * (1 - p) / replicates) + 1e-12, (value, share, p)
    mean = sum(v * p for v, p in exact.items())
    sd = np.sqrt(sum((v - mean) ** 2 * p for v, p in exact.items()))
    assert abs(float(drawn.mean()) - mean) <= 5 * sd / np.sqrt(replicates)


REPLICATES = 40_000
NAN = float("nan")
# Villages × judges; NaN where a judge gave no score.
JUDGES = np.array(
    [
        [60.0, 80.0, 100.0, NAN, NAN],  # 3 judges
        [40.0, 60.0, 80.0, 100.0, 100.0],  # 5 judges
        [50.0, 60.0, 90.0, 100.0, NAN],  # 4 judges: the median is the mean of the middle two
        [NAN, 75.0, NAN, NAN, NAN],  # 1 judge
        [NAN, NAN, NAN, NAN, NAN],  # not scored
    ]
)


def _given(village: int) -> list[float]:
    return [float(v) for v in JUDGES[village] if not np.isnan(v)]


def test_median_of_resampled_judges() -> None:
    """docs/peringkat.md §11 (`--resample-judges`: the bootstrap also draws the judges again)
    with `judges.aggregation: median` (§2): each replicate draws as many scores as the
    village has, with replacement, from its own judges only, and takes their median.

    By hand for (60, 80, 100): the median is 60 when at least two of the three draws are
    60, P = 3·(1/3)²·(2/3) + (1/3)³ = 7/27; 100 likewise 7/27; 80 the rest, 13/27. A
    village with one judge always gets that score; a village nobody scored stays empty."""
    rng = np.random.default_rng(11)
    drawn = resample_judges(rng, JUDGES, REPLICATES, Aggregation.MEDIAN, 0.2)
    assert drawn.shape == (REPLICATES, len(JUDGES))
    exact = _exact_distribution(_given(0), lambda v: float(np.median(v)))
    assert exact == pytest.approx({60.0: 7 / 27, 80.0: 13 / 27, 100.0: 7 / 27})
    _assert_bootstrap_matches(drawn[:, 0], exact)
    _assert_bootstrap_matches(drawn[:, 1], _exact_distribution(_given(1), np.median))
    even = _exact_distribution(_given(2), np.median)
    assert 75.0 in even  # (60 + 90) / 2: a value no judge gave
    _assert_bootstrap_matches(drawn[:, 2], even)
    assert (drawn[:, 3] == 75.0).all()
    assert np.isnan(drawn[:, 4]).all()


def test_trimmed_mean_of_resampled_judges() -> None:
    """`judges.aggregation: trimmed_mean` with `trim_proportion` 0.2 (docs/peringkat.md §2:
    of 5 judges the highest and the lowest are dropped): each replicate drops
    floor(0.2 · k) of its k drawn scores at each end and averages the rest, k being the
    village's own number of judges (3 and 4 judges: nothing dropped, the plain mean).

    By hand for (40, 60, 80, 100, 100): the draw 40, 40, 60, 100, 100 keeps 40, 60, 100 →
    66.67; the full distribution is enumerated over the 5^5 = 3125 draws."""
    rng = np.random.default_rng(12)
    drawn = resample_judges(rng, JUDGES, REPLICATES, Aggregation.TRIMMED_MEAN, 0.2)
    trimmed = _trimmed_mean(0.2)
    assert trimmed(np.array([40.0, 40.0, 60.0, 100.0, 100.0])) == pytest.approx(200 / 3)
    five = _exact_distribution(_given(1), trimmed)
    # Three kept scores from 40, 60, 80, 100: sums 120 … 300 in steps of 20.
    assert sorted(five) == pytest.approx([(120 + 20 * k) / 3 for k in range(10)])
    _assert_bootstrap_matches(drawn[:, 1], five)
    for village in (0, 2):
        exact = _exact_distribution(_given(village), lambda v: float(v.mean()))
        _assert_bootstrap_matches(drawn[:, village], exact)
    assert (drawn[:, 3] == 75.0).all()
    assert np.isnan(drawn[:, 4]).all()
    # With 0.4, two of five are dropped at each end: the median of the five draws.
    rng = np.random.default_rng(13)
    heavy = resample_judges(rng, JUDGES[1:2], REPLICATES, Aggregation.TRIMMED_MEAN, 0.4)
    _assert_bootstrap_matches(heavy[:, 0], _exact_distribution(_given(1), np.median))
