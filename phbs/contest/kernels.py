"""Pure numeric kernels for the village contest ranking (docs/aturan.md §7.1, §7.5).

Every function here takes numpy arrays (or anything :func:`numpy.asarray` accepts) and
returns new arrays; nothing reads files, prints or knows about rubrics. Validation of
rubric files and judge sheets happens in the wrapper that calls these kernels
(:mod:`phbs.contest.ranking`); the kernels only check array shapes.

Conventions:

* ``scores`` is a villages x criteria matrix on the rubric's 0-100 raw scale.
* Missing values are ``NaN``. :func:`weighted_sum` and :func:`topsis` propagate them
  (the caller decides what a missing score means); :func:`competition_rank` ranks them
  last on purpose.
* Ranks are competition ranks ("1224"): villages equal on every key share the best rank
  of their group and the next rank skips.
* Totals and tie-breaker values are compared as published: rounded half up to the rubric's
  decimals by :func:`round_half_up` (docs/aturan.md §7.5); the percentage of the maximum is
  shown cut down by :func:`truncate` (docs/aturan.md §7.1).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "NOISE_DECIMALS",
    "NO_PREVIOUS_VILLAGE",
    "TIED_ON_ALL_KEYS",
    "competition_rank",
    "ranking_order",
    "round_half_up",
    "tie_break_level",
    "topsis",
    "truncate",
    "weighted_sum",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: :func:`tie_break_level` value for a village tied with the one above it on every key.
TIED_ON_ALL_KEYS: Final = -1
#: :func:`tie_break_level` value for the village ranked first (nobody above it).
NO_PREVIOUS_VILLAGE: Final = -2
#: Differences below 10⁻⁹ (absolute) are floating-point noise, not part of a published value:
#: 0.57 × 100 is 56.99999999999999 in binary arithmetic and is taken as 57.
NOISE_DECIMALS: Final = 9


def _scaled(values: ArrayLike, decimals: int) -> FloatArray:
    """``values × 10^decimals`` with the noise below 10⁻⁹ (absolute) removed."""
    array = np.asarray(values, dtype=np.float64)
    scaled: FloatArray = np.round(array * 10.0**decimals, max(NOISE_DECIMALS - decimals, 0))
    return scaled


def round_half_up(values: ArrayLike, decimals: int) -> FloatArray:
    """``values`` rounded to ``decimals`` places as they are written by hand: a 5 in the next
    place rounds up (docs/aturan.md §7.5). Floating-point noise is removed first, so 2.675
    (stored as 2.67499999…) gives 2.68 as on paper; ``NaN`` stays ``NaN``.

    >>> round_half_up([216.125, 2.675, 79.994, 1.005, float("nan")], 2).tolist()
    [216.13, 2.68, 79.99, 1.01, nan]
    """
    scale = 10.0**decimals
    rounded: FloatArray = np.floor(_scaled(values, decimals) + 0.5) / scale
    return rounded


def truncate(values: ArrayLike, decimals: int) -> FloatArray:
    """``values`` cut down to ``decimals`` places (docs/aturan.md §7.1): what a percentage of
    the maximum shows, so that 79.996 shows 79.99 and never the 80.00 of the band above.
    Floating-point noise is removed first (79.99, stored as 79.98999…, stays 79.99).

    >>> truncate([79.996, 80.0, 79.99, 59.9999], 2).tolist()
    [79.99, 80.0, 79.99, 59.99]
    """
    cut: FloatArray = np.floor(_scaled(values, decimals)) / 10.0**decimals
    return cut


def _score_matrix(scores: ArrayLike, weights: ArrayLike) -> tuple[FloatArray, FloatArray]:
    matrix = np.asarray(scores, dtype=np.float64)
    vector = np.asarray(weights, dtype=np.float64)
    if matrix.ndim != 2:
        raise ValueError(f"scores must be a villages x criteria matrix, got {matrix.ndim} dims")
    if vector.ndim != 1 or vector.shape[0] != matrix.shape[1]:
        raise ValueError(
            f"weights must have one entry per criterion ({matrix.shape[1]}), "
            f"got shape {vector.shape}"
        )
    return matrix, vector


def weighted_sum(scores: ArrayLike, weights: ArrayLike) -> FloatArray:
    """Total per village: each raw score times its criterion weight, summed (docs/aturan.md §7.1).

    ``scores`` is villages x criteria (0-100 raw scale), ``weights`` has one entry per
    criterion (e.g. the group weights masukan 3, proses 4, keluaran 3 repeated for each
    item of the group). Weights are used as given, not normalised, so the total is on the
    scale of the judging form. A ``NaN`` score gives a ``NaN`` total.

    >>> weighted_sum([[80, 70, 90], [60, 100, 50]], [3, 4, 3]).tolist()
    [790.0, 730.0]
    """
    matrix, vector = _score_matrix(scores, weights)
    total: FloatArray = matrix @ vector
    return total


def topsis(scores: ArrayLike, weights: ArrayLike) -> FloatArray:
    """TOPSIS closeness coefficient per village, in [0, 1] (Hwang & Yoon 1981).

    Vector normalisation (each column divided by its Euclidean norm), weighted by
    ``weights``; every criterion is a benefit criterion (higher is better). The closeness
    coefficient is ``d- / (d+ + d-)``, the distance to the anti-ideal over the sum of the
    distances to the ideal and the anti-ideal. Scaling all weights by the same positive
    factor does not change the result, so weights need not sum to 1.

    Degenerate cases, chosen on purpose:

    * a criterion whose column is all zeros has norm 0; its normalised column is taken as
      0 (it cannot separate villages) instead of dividing by zero;
    * when the ideal equals the anti-ideal (every village has the same weighted normalised
      scores, or there are no criteria) every village gets 0.5: all are equally far from
      both, and 0.5 is the midpoint of the scale.

    ``NaN`` scores propagate to ``NaN`` results for every village (they enter the column
    norms); resolve missing scores before calling.

    >>> topsis([[100, 0], [0, 100], [50, 50]], [1, 1]).round(3).tolist()
    [0.5, 0.5, 0.5]
    >>> topsis([[90, 80], [60, 40]], [0.5, 0.5]).tolist()
    [1.0, 0.0]
    """
    matrix, vector = _score_matrix(scores, weights)
    n_villages = matrix.shape[0]
    if n_villages == 0:
        return np.empty(0, dtype=np.float64)
    norms = np.sqrt(np.sum(matrix * matrix, axis=0))
    normalised = np.zeros_like(matrix)
    np.divide(matrix, norms, out=normalised, where=norms != 0)
    weighted = normalised * vector
    ideal = weighted.max(axis=0)
    anti_ideal = weighted.min(axis=0)
    to_ideal = np.sqrt(np.sum((weighted - ideal) ** 2, axis=1))
    to_anti_ideal = np.sqrt(np.sum((weighted - anti_ideal) ** 2, axis=1))
    spread = to_ideal + to_anti_ideal
    # spread is 0 for a village only when it sits on both the ideal and the anti-ideal,
    # i.e. when ideal == anti-ideal: every village is then equally good.
    closeness = np.full(n_villages, 0.5, dtype=np.float64)
    np.divide(to_anti_ideal, spread, out=closeness, where=spread != 0)
    # NaN inputs: NaN != 0 is True, so the division above already yields NaN there.
    return closeness


def _sort_columns(
    keys: Sequence[ArrayLike], descending: bool | Sequence[bool]
) -> list[tuple[NDArray[np.bool_], FloatArray]]:
    """Each key as (is_missing, value) arranged so that ascending order is best first."""
    if len(keys) == 0:
        raise ValueError("at least one ranking key is needed")
    if isinstance(descending, bool | np.bool_):
        directions = [bool(descending)] * len(keys)
    else:
        directions = [bool(flag) for flag in descending]
    if len(directions) != len(keys):
        raise ValueError(f"descending has {len(directions)} entries for {len(keys)} keys")
    columns: list[tuple[NDArray[np.bool_], FloatArray]] = []
    length: int | None = None
    for position, (key, key_descending) in enumerate(zip(keys, directions, strict=True)):
        values = np.asarray(key, dtype=np.float64)
        if values.ndim != 1:
            raise ValueError(f"ranking key {position} must be one-dimensional")
        if length is None:
            length = values.shape[0]
        elif values.shape[0] != length:
            raise ValueError(
                f"ranking key {position} has {values.shape[0]} values, key 0 has {length}"
            )
        missing = np.isnan(values)
        # Missing values get a neutral filler; the separate `missing` column puts them last
        # and makes two missing values equal on this key, so the next key decides.
        oriented = np.where(missing, 0.0, -values if key_descending else values)
        columns.append((missing, oriented))
    return columns


def _order_and_levels(
    keys: Sequence[ArrayLike], descending: bool | Sequence[bool]
) -> tuple[IntArray, IntArray]:
    """Best-first permutation and, in that order, the first key separating each pair."""
    columns = _sort_columns(keys, descending)
    n_villages = columns[0][1].shape[0]
    # np.lexsort sorts by its *last* key first; it is stable, so villages tied on every
    # key keep their input order.
    lexsort_keys: list[NDArray[np.generic]] = []
    for missing, oriented in reversed(columns):
        lexsort_keys.extend((oriented, missing))
    order = np.lexsort(lexsort_keys).astype(np.int64)
    levels = np.full(n_villages, NO_PREVIOUS_VILLAGE, dtype=np.int64)
    if n_villages > 1:
        differs = np.stack(
            [
                (missing[order][1:] != missing[order][:-1])
                | (oriented[order][1:] != oriented[order][:-1])
                for missing, oriented in columns
            ]
        )
        first = np.argmax(differs, axis=0)
        levels[1:] = np.where(differs.any(axis=0), first, TIED_ON_ALL_KEYS)
    return order, levels


def ranking_order(
    keys: Sequence[ArrayLike], *, descending: bool | Sequence[bool] = True
) -> IntArray:
    """Village indices best first, by the lexicographic key (see :func:`competition_rank`).

    Villages tied on every key keep their input order, so the order is reproducible; their
    *rank* is shared regardless.

    >>> ranking_order([[70.0, 90.0, 80.0]]).tolist()
    [1, 2, 0]
    """
    order, _ = _order_and_levels(keys, descending)
    return order


def competition_rank(
    keys: Sequence[ArrayLike], *, descending: bool | Sequence[bool] = True
) -> IntArray:
    """Standard competition rank ("1224") of each village, in input order (docs/aturan.md §7.5).

    ``keys`` is the primary key (usually the total) followed by the ordered tie-breakers,
    each a 1-D array with one value per village. Villages are compared on the first key,
    then on the next one only where the previous keys are equal, and so on; villages equal
    on every key share the best rank of their group, and the following rank skips
    (1, 2, 2, 4). Equality is exact: round the keys first (e.g. to the displayed decimals)
    if values that print the same must tie.

    ``descending`` (default ``True``: higher is better) applies to every key, or give one
    flag per key (e.g. ``[True, False]`` when fewer incomplete households is better).

    ``NaN`` means "no value" and ranks after every number on that key, whatever the
    direction; villages that are both ``NaN`` on a key are equal on it, so the next key
    decides. A village with ``NaN`` on every key ranks last, tied with other such villages.

    >>> competition_rank([[90.0, 85.0, 85.0, 70.0]]).tolist()
    [1, 2, 2, 4]
    >>> competition_rank([[85.0, 85.0, float("nan")], [1.0, 2.0, 9.0]]).tolist()
    [2, 1, 3]
    """
    order, levels = _order_and_levels(keys, descending)
    n_villages = order.shape[0]
    positions = np.arange(1, n_villages + 1, dtype=np.int64)
    starts_group = levels != TIED_ON_ALL_KEYS
    # Inside a tie group the rank stays at the position where the group started.
    ranks_sorted = np.maximum.accumulate(np.where(starts_group, positions, 0))
    ranks = np.empty(n_villages, dtype=np.int64)
    ranks[order] = ranks_sorted
    return ranks


def tie_break_level(
    keys: Sequence[ArrayLike], *, descending: bool | Sequence[bool] = True
) -> IntArray:
    """For each village in ranked order, the index of the key that put it below the one above.

    Element ``i`` belongs to the village at position ``i`` of :func:`ranking_order` (same
    ``keys`` and ``descending``). Its value is the index into ``keys`` of the first key on
    which that village differs from the village ranked just above it: ``0`` when the
    primary key (the total) decided, ``k`` when tie-breaker ``k`` did (so a report can say
    "decided by tie-breaker 2"), :data:`TIED_ON_ALL_KEYS` (-1) when the two are equal on
    every key and share a rank, and :data:`NO_PREVIOUS_VILLAGE` (-2) for the first village.
    A ``NaN`` next to a number counts as a difference on that key.

    >>> keys = [[80.0, 90.0, 80.0, 80.0], [5.0, 1.0, 5.0, 7.0]]
    >>> ranking_order(keys).tolist()
    [1, 3, 0, 2]
    >>> tie_break_level(keys).tolist()
    [-2, 0, 1, -1]
    """
    _, levels = _order_and_levels(keys, descending)
    return levels
