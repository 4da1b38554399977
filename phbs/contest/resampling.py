"""Vectorised kernels for rank uncertainty (docs/aturan.md §7.8): resampling, mapping,
batch ranking.

Arrays are replicates × villages (× criteria). Nothing here knows about files; the wrapper
is :mod:`phbs.contest.uncertainty`.

Joint household bootstrap (:func:`household_patterns`, :func:`resample_households`): each
village's households are compressed to their distinct rows of the features the survey
criteria need (status one-hot, per indicator "ya" and "answered" flags) with a count each;
drawing ``s`` households with replacement from a village's ``s`` surveyed households is a
``Multinomial(s, counts/s)`` draw over those rows, and a replicate's village sums are
``draws @ rows``. Every criterion computed from those sums comes from the same resampled
households, so the correlation between criteria within a household is kept.

Fallback by counts, when only a village summary is at hand: status counts
``(ber, tidak, belum) ~ Multinomial(s, p̂)`` (:func:`resample_status`) and indicator coverage
``ya ~ Binomial(berlaku, ya/berlaku)`` with ``berlaku`` held at its observed value
(:func:`resample_binomial`); each criterion gets the right marginal spread, but the
correlation between criteria within one household is not carried over.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from phbs.contest.kernels import round_half_up
from phbs.contest.rubric import Aggregation, BandMapping, LinearMapping
from phbs.forms.denominators import BerPhbsBase, Denominators
from phbs.scoring.household import Status
from phbs.scoring.summary import AreaSummary

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def resample_status(
    rng: np.random.Generator, ber: IntArray, tidak: IntArray, belum: IntArray, replicates: int
) -> tuple[IntArray, IntArray]:
    """Bootstrap ``(ber, tidak)`` counts per village: arrays replicates × villages.

    >>> rng = np.random.default_rng(0)
    >>> b, t = resample_status(rng, np.array([3]), np.array([1]), np.array([0]), 2)
    >>> (b + t).tolist()
    [[4], [4]]
    """
    surveyed = ber + tidak + belum
    safe = np.maximum(surveyed, 1)
    probabilities = np.stack([ber / safe, tidak / safe, belum / safe], axis=1)
    probabilities[surveyed == 0] = [0.0, 0.0, 1.0]
    draws = rng.multinomial(surveyed, probabilities, size=(replicates, len(ber)))
    return draws[..., 0], draws[..., 1]


def status_counts(area: AreaSummary | None, bases: Denominators) -> tuple[int, int, int]:
    """``(ber, not ber, left out)`` of a village for :func:`resample_status`: over households
    surveyed (docs/aturan.md §5.1) the incomplete ones count with the households not ber-PHBS.

    >>> from phbs.forms.denominators import DEFAULT_DENOMINATORS
    >>> status_counts(None, DEFAULT_DENOMINATORS)
    (0, 0, 0)
    """
    if area is None:
        return (0, 0, 0)
    if bases.persen_ber_phbs is BerPhbsBase.DISURVEI:
        return (area.ber_phbs, area.tidak_ber_phbs + area.belum_lengkap, 0)
    return (area.ber_phbs, area.tidak_ber_phbs, area.belum_lengkap)


def status_columns(status: NDArray[np.int8], bases: Denominators) -> list[NDArray[np.bool_]]:
    """One column per household status (ber, tidak, belum lengkap) for
    :func:`household_patterns`; over households surveyed (docs/aturan.md §5.1) the incomplete
    ones are in the column of households not ber-PHBS.

    >>> from phbs.forms.denominators import Denominators
    >>> surveyed = Denominators(persen_ber_phbs="disurvei", source="x")
    >>> [c.tolist() for c in status_columns(np.array([0, 1, 2], np.int8), surveyed)]
    [[True, False, False], [False, True, True], [False, False, False]]
    """
    if bases.persen_ber_phbs is BerPhbsBase.DISURVEI:
        ber = status == Status.BER_PHBS
        return [ber, ~ber, np.zeros(len(status), dtype=bool)]
    return [status == s for s in Status]


def household_patterns(
    village: IntArray, features: NDArray[np.integer], villages: int
) -> tuple[list[IntArray], list[IntArray]]:
    """Per village (``0 … villages-1``): its distinct feature rows and how many households
    have each. Households with ``village < 0`` are left out.

    >>> rows, counts = household_patterns(
    ...     np.array([0, 0, 1, 0]), np.array([[1, 0], [1, 0], [0, 1], [0, 1]]), 2
    ... )
    >>> [r.tolist() for r in rows], [c.tolist() for c in counts]
    ([[[0, 1], [1, 0]], [[0, 1]]], [[1, 2], [1]])
    """
    keep = village >= 0
    flags = np.asarray(features)[keep].astype(np.int64)
    width = flags.shape[1]
    if width <= 40 and np.all((flags == 0) | (flags == 1)):
        # 0/1 flags: one int64 key per household (village, then the bits) sorts far faster
        # than rows.
        bits = np.left_shift(np.int64(1), np.arange(width - 1, -1, -1, dtype=np.int64))
        keys, counts = np.unique(
            (village[keep].astype(np.int64) << width) | (flags @ bits), return_counts=True
        )
        unique = np.column_stack([keys >> width, (keys[:, None] & bits[None, :]) > 0]).astype(
            np.int64
        )
    else:
        combined = np.column_stack([village[keep].astype(np.int64), flags])
        unique, counts = np.unique(combined, axis=0, return_counts=True)
    unique = unique.reshape(len(counts), 1 + width)
    starts = np.searchsorted(unique[:, 0], np.arange(villages + 1))
    rows = [unique[starts[v] : starts[v + 1], 1:] for v in range(villages)]
    sizes = [counts[starts[v] : starts[v + 1]].astype(np.int64) for v in range(villages)]
    return rows, sizes


def resample_households(
    rng: np.random.Generator,
    rows: list[IntArray],
    counts: list[IntArray],
    replicates: int,
    width: int,
    fixed: NDArray[np.bool_] | None = None,
) -> IntArray:
    """Village feature sums after resampling each village's households with replacement:
    replicates × villages × ``width`` (one ``Multinomial(n, counts/n)`` per village). A
    village marked in ``fixed`` (surveyed in full, docs/aturan.md §7.8) keeps its observed
    sums in every replicate.

    >>> rng = np.random.default_rng(0)
    >>> sums = resample_households(rng, [np.array([[1, 0]])], [np.array([5])], 3, 2)
    >>> sums[:, 0].tolist()
    [[5, 0], [5, 0], [5, 0]]
    """
    sums = np.zeros((replicates, len(rows), width), dtype=np.int64)
    for v, (patterns, sizes) in enumerate(zip(rows, counts, strict=True)):
        n = int(sizes.sum())
        if n == 0:
            continue
        # Drawn even when fixed, so the other villages' draws do not depend on the rule.
        draws = rng.multinomial(n, sizes / n, size=replicates)
        sums[:, v, :] = sizes @ patterns if fixed is not None and fixed[v] else draws @ patterns
    return sums


def resample_binomial(
    rng: np.random.Generator, successes: IntArray, trials: IntArray, replicates: int
) -> IntArray:
    """Bootstrap successes ``~ Binomial(trials, successes/trials)``: replicates × villages."""
    p = np.where(trials > 0, successes / np.maximum(trials, 1), 0.0)
    drawn: IntArray = rng.binomial(trials, p, size=(replicates, len(trials)))
    return drawn


def map_scores(values: FloatArray, mapping: LinearMapping | BandMapping | None) -> FloatArray:
    """A rubric mapping applied to an array (``NaN`` stays ``NaN``; below all bands is NaN).

    >>> m = LinearMapping(type="linear", low=20, high=70)
    >>> map_scores(np.array([45.0, 80.0, np.nan]), m).tolist()
    [50.0, 100.0, nan]
    """
    if mapping is None:
        return values
    if isinstance(mapping, LinearMapping):
        fraction = (values - mapping.low) / (mapping.high - mapping.low)
        return np.where(np.isnan(values), np.nan, 100.0 * np.clip(fraction, 0.0, 1.0))
    result = np.full(values.shape, np.nan)
    # Bands are listed highest first; fill from the lowest so higher bands win.
    for band in reversed(mapping.bands):
        result = np.where(values >= band.minimum, band.score, result)
    return result


def resample_judges(
    rng: np.random.Generator,
    scores: FloatArray,
    replicates: int,
    aggregation: Aggregation,
    trim_proportion: float,
) -> FloatArray:
    """Resample each village's judges with replacement and aggregate: replicates × villages.

    ``scores`` is villages × judges, ``NaN`` where a judge gave no score; a village with no
    score stays ``NaN``.
    """
    villages, width = scores.shape
    packed = np.sort(scores, axis=1)  # NaN last: the k given scores come first
    given = np.sum(~np.isnan(scores), axis=1)
    picks = np.floor(rng.random((replicates, villages, width)) * given[None, :, None])
    picks = np.minimum(picks, np.maximum(given - 1, 0)[None, :, None]).astype(np.int64)
    drawn = np.take_along_axis(np.broadcast_to(packed, picks.shape), picks, axis=2)
    unused = np.arange(width)[None, None, :] >= given[None, :, None]
    drawn = np.where(unused, np.nan, drawn)
    with np.errstate(all="ignore"):
        if aggregation is Aggregation.MEDIAN:
            return np.asarray(_nan_reduce(drawn, given, "median"))
        if aggregation is Aggregation.TRIMMED_MEAN:
            ordered = np.sort(drawn, axis=2)
            cut = np.floor(trim_proportion * given)[None, :, None]
            position = np.arange(width)[None, None, :]
            keep = (position >= cut) & (position < given[None, :, None] - cut)
            return np.asarray(_nan_reduce(np.where(keep, ordered, np.nan), given, "mean"))
        return np.asarray(_nan_reduce(drawn, given, "mean"))


def _nan_reduce(values: FloatArray, given: IntArray, how: str) -> FloatArray:
    """nanmean/nanmedian over judges, without warnings for villages nobody scored."""
    scored = given[None, :, None] > 0
    safe = np.where(scored, values, 0.0)
    reduced = np.nanmedian(safe, axis=2) if how == "median" else np.nanmean(safe, axis=2)
    result: FloatArray = np.where(given[None, :] > 0, reduced, np.nan)
    return result


def batch_topsis(scores: FloatArray, weights: FloatArray) -> FloatArray:
    """TOPSIS closeness per replicate: ``scores`` replicates × villages × criteria, ``weights``
    criteria or replicates × criteria (same definition as
    :func:`phbs.contest.kernels.topsis`)."""
    norms = np.sqrt(np.sum(scores**2, axis=1, keepdims=True))
    normalised = np.divide(scores, norms, out=np.zeros_like(scores), where=norms > 0)
    w = weights / np.sum(weights, axis=-1, keepdims=True)
    weighted = normalised * (w[:, None, :] if w.ndim == 2 else w[None, None, :])
    best = weighted.max(axis=1, keepdims=True)
    worst = weighted.min(axis=1, keepdims=True)
    to_best = np.sqrt(np.sum((weighted - best) ** 2, axis=2))
    to_worst = np.sqrt(np.sum((weighted - worst) ** 2, axis=2))
    total = to_best + to_worst
    result: FloatArray = np.divide(to_worst, total, out=np.full_like(total, 0.5), where=total > 0)
    return result


def batch_ranks(totals: FloatArray, decimals: int) -> IntArray:
    """Competition ranks (1 = best, ties share the best rank) of each replicate's row, by
    the totals rounded half up to ``decimals`` as the ranking compares them.

    >>> batch_ranks(np.array([[3.0, 5.0, 5.0], [9.0, 1.0, 2.0]]), 1).tolist()
    [[3, 1, 1], [1, 3, 2]]
    """
    from scipy.stats import rankdata  # imported on use: scipy is slow to import

    published = round_half_up(totals, decimals)
    ranks: IntArray = rankdata(-published, method="min", axis=1).astype(np.int64)
    return ranks


def chunk_size(villages: int, criteria: int, budget: int = 4_000_000) -> int:
    """Replicates per chunk so one chunk's replicates × villages × criteria stays small."""
    return max(1, budget // max(1, villages * max(criteria, 1)))


@dataclass(frozen=True)
class RankSummary:
    """Each village's rank under the bootstrap, read off its shared positions
    (:func:`position_shares`): median, 90 % interval ends, P(first) and P(top 3)."""

    median: FloatArray
    lower: IntArray
    upper: IntArray
    first: FloatArray
    top3: FloatArray


def position_shares(ranks: IntArray) -> FloatArray:
    """How many replicates put each village at each position, ties shared (docs/aturan.md
    §7.8): ``ranks`` is replicates × villages of competition ranks; ``k`` villages tied at
    rank ``p`` in a replicate each take ``1/k`` of positions ``p … p + k − 1``. Villages ×
    positions (column 0 is position 1); every row and every column sums to the number of
    replicates.

    >>> position_shares(np.array([[1, 1, 3]])).tolist()
    [[0.5, 0.5, 0.0], [0.5, 0.5, 0.0], [0.0, 0.0, 1.0]]
    """
    replicates, villages = ranks.shape
    width = villages + 2
    per_replicate = ranks + (villages + 1) * np.arange(replicates, dtype=np.int64)[:, None]
    tied = np.bincount(per_replicate.ravel(), minlength=replicates * (villages + 1))
    share = 1.0 / tied[per_replicate]
    row = np.arange(villages, dtype=np.int64)[None, :] * width
    # A share enters at position p and leaves after p + k − 1 (a difference array per row).
    starts = np.bincount((row + ranks).ravel(), share.ravel(), villages * width)
    ends = np.bincount((row + ranks + tied[per_replicate]).ravel(), share.ravel(), villages * width)
    shares: FloatArray = np.cumsum((starts - ends).reshape(villages, width), axis=1)
    return shares[:, 1 : villages + 1]


def rank_summary(ranks: IntArray, coverage: float = 0.9) -> RankSummary:
    """Median rank, equal-tailed ``coverage`` rank interval, P(first) and P(top 3) of each
    village (columns of ``ranks``), all from its shared positions (:func:`position_shares`):
    the interval ends are the smallest positions whose cumulative share reaches 5 % and
    95 %; the median is the position reaching 50 %, or the midpoint of two positions when
    the cumulative share is exactly 50 % at the first (as :func:`numpy.median`). Without
    ties this is the ordinary median and inverted-CDF quantile of the ranks.

    >>> summary = rank_summary(np.array([[1, 1], [1, 1]]))
    >>> summary.median.tolist(), summary.lower.tolist(), summary.upper.tolist()
    ([1.5, 1.5], [1, 1], [2, 2])
    >>> summary.first.tolist(), summary.top3.tolist()
    ([0.5, 0.5], [1.0, 1.0])
    """
    replicates = ranks.shape[0]
    shares = position_shares(ranks)
    cdf = np.cumsum(shares, axis=1)
    slack = 1e-9 * replicates  # sums of 1/k shares carry floating-point noise

    def reaching(target: float) -> IntArray:
        found: IntArray = np.argmax(cdf >= target - slack, axis=1).astype(np.int64) + 1
        return found

    tail = (1.0 - coverage) / 2.0
    half = reaching(replicates / 2)
    beyond = np.argmax(cdf > replicates / 2 + slack, axis=1) + 1
    exact = np.abs(cdf[np.arange(len(half)), half - 1] - replicates / 2) <= slack
    return RankSummary(
        median=np.where(exact, (half + beyond) / 2, half).astype(np.float64),
        lower=reaching(tail * replicates),
        upper=reaching((1.0 - tail) * replicates),
        first=shares[:, 0] / replicates,
        top3=shares[:, :3].sum(axis=1) / replicates,
    )


def _mutual_runs(base_ranks: list[int], lower: list[int], upper: list[int]) -> list[list[int]]:
    """The maximal runs of villages, in published rank order (indices), whose intervals all
    overlap one another: on a line, every pair of intervals overlaps exactly when the
    largest lower end is at most the smallest upper end. Runs of one village included."""
    order = [int(i) for i in np.argsort(base_ranks, kind="stable")]
    runs: list[list[int]] = []
    end = -1
    for start in range(len(order)):
        stop = max(end, start)
        while stop + 1 < len(order):
            ahead = order[start : stop + 2]
            if max(lower[i] for i in ahead) > min(upper[i] for i in ahead):
                break
            stop += 1
        if stop > end:  # not inside the run before
            runs.append(order[start : stop + 1])
            end = stop
    return runs


def indistinct_top(base_ranks: list[int], lower: list[int], upper: list[int]) -> int:
    """Largest published rank ``k`` such that the villages ranked 1…k have 90 % rank
    intervals that all overlap one another (docs/aturan.md §7.8); 1 when the first village
    stands apart from the next, 0 without villages.

    >>> indistinct_top([1, 2, 3, 4], [1, 1, 3, 5], [2, 3, 4, 6])
    2
    """
    runs = _mutual_runs(base_ranks, lower, upper)
    return base_ranks[runs[0][-1]] if runs else 0


def indistinct_blocks(
    base_ranks: list[int], lower: list[int], upper: list[int]
) -> list[tuple[int, int]]:
    """Every block of ranks that cannot be told apart (docs/aturan.md §7.8): a maximal run of
    villages consecutive in the published ranking whose 90 % rank intervals all overlap one
    another (every pair shares a rank), spanning two published ranks or more, as
    ``(first rank, last rank)`` in rank order. Maximal blocks may share villages: with
    intervals 1 [1–2], 2 [1–3], 3 [3–4] ranks 1 and 3 can be told apart, so the blocks are
    1–2 and 2–3. Ranks 7 [5–9] and 12 [11–12] never share a block, whatever interval the
    village above them has.

    >>> indistinct_blocks([1, 2, 3], [1, 1, 3], [2, 3, 4])
    [(1, 2), (2, 3)]
    >>> indistinct_blocks([5, 7, 12], [3, 5, 11], [12, 9, 12])
    [(5, 7)]
    """
    blocks = []
    for run in _mutual_runs(base_ranks, lower, upper):
        first, last = base_ranks[run[0]], base_ranks[run[-1]]
        if last > first:
            blocks.append((first, last))
    return blocks
