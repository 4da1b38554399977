"""Counting kernels of the per-area totals (:mod:`phbs.scoring.totals`): distinct records,
factor codes placed in a running index, arrays grown by doubling, counts summed to parents."""

from __future__ import annotations

from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from phbs.ingest.survey import Factor
from phbs.scoring.household import AreaCounts
from phbs.states import MISSING

Int64Array = NDArray[np.int64]

#: Indicator states per 64-bit word of an encoded answer row (2 bits each).
STATES_PER_WORD = 31


#: Pending answer-row records kept before they are merged into the exact counts.
_PENDING_MIN = 4_096


_T = TypeVar("_T", bound=np.generic)


IndexArray = NDArray[np.intp]


class RowCounter:
    """Exact counts of distinct integer records (surveyor, encoded answer row).

    New records wait in a list and are merged into the sorted counts once they outnumber
    them, so merging costs O(n log n) over a whole survey whatever the batch sizes.
    """

    def __init__(self, width: int) -> None:
        self._keys = np.zeros((0, width), dtype=np.int64)
        self._counts = np.zeros(0, dtype=np.int64)
        self._pending: list[tuple[Int64Array, Int64Array]] = []
        self._pending_rows = 0

    def add(self, records: Int64Array) -> None:
        keys, counts = count_distinct(records)
        self._pending.append((keys, counts))
        self._pending_rows += len(keys)
        if self._pending_rows > max(_PENDING_MIN, len(self._keys)):
            self._merge()

    def compacted(self) -> tuple[Int64Array, Int64Array]:
        self._merge()
        return self._keys, self._counts

    def held(self) -> int:
        return len(self._keys) + self._pending_rows

    def _merge(self) -> None:
        if not self._pending:
            return
        keys = np.concatenate([self._keys, *(k for k, _ in self._pending)])
        counts = np.concatenate([self._counts, *(c for _, c in self._pending)])
        self._keys, self._counts = distinct(keys, counts)
        self._pending = []
        self._pending_rows = 0


def distinct(keys: Int64Array, counts: Int64Array) -> tuple[Int64Array, Int64Array]:
    """Distinct rows of ``keys`` (sorted) with their summed ``counts``."""
    if not len(keys):
        return keys, counts
    order = grouping_order(keys)
    keys, counts = keys[order], counts[order]
    starts = np.flatnonzero(np.concatenate([[True], (keys[1:] != keys[:-1]).any(axis=1)]))
    return keys[starts], np.add.reduceat(counts, starts)


def count_distinct(records: Int64Array) -> tuple[Int64Array, Int64Array]:
    """Distinct rows of ``records`` (sorted) and how often each occurs; two columns that fit
    in one 62-bit number are counted as that number (a sort, no permutation)."""
    if records.shape[1] == 2 and len(records):
        low_bits = int(records[:, 1].max()).bit_length()
        if int(records[:, 0].max()).bit_length() + low_bits <= 62:
            packed = (records[:, 0] << low_bits) | records[:, 1]
            values, counts = np.unique(packed, return_counts=True)
            keys = np.column_stack([values >> low_bits, values & ((1 << low_bits) - 1)])
            return keys.astype(np.int64), counts.astype(np.int64)
    return distinct(records, np.ones(len(records), dtype=np.int64))


def grouping_order(keys: Int64Array) -> IndexArray:
    """An order of the rows of ``keys`` (non-negative) that puts equal rows together."""
    if keys.shape[1] == 2:
        low_bits = int(keys[:, 1].max()).bit_length()
        if int(keys[:, 0].max()).bit_length() + low_bits <= 62:
            return np.argsort((keys[:, 0] << low_bits) | keys[:, 1]).astype(np.intp)
    return np.lexsort(keys.T[::-1]).astype(np.intp)


def encode_rows(states: NDArray[np.int8]) -> Int64Array:
    """Each answer row as 64-bit words, two bits per indicator state, equal rows equal words."""
    shifted = (states.astype(np.int64) - MISSING) & 3  # MISSING, NO, YES, NA → 0..3
    words = []
    for start in range(0, max(states.shape[1], 1), STATES_PER_WORD):
        word = np.zeros(len(states), dtype=np.int64)
        for k in range(start, min(start + STATES_PER_WORD, states.shape[1])):
            word |= shifted[:, k] << (2 * (k - start))
        words.append(word)
    return np.column_stack(words)


def global_codes(factor: Factor, index: dict[str, int]) -> IndexArray:
    """The position in ``index`` of each value of ``factor`` (``-1``: not in it)."""
    get = index.get
    return np.fromiter((get(v, -1) for v in factor.values), np.intp, len(factor.values))


def present(factor: Factor) -> NDArray[np.bool_]:
    """Which values of ``factor`` some row has."""
    present = np.zeros(len(factor.values), dtype=bool)
    present[factor.codes] = True
    return present


def first_rows(factor: Factor) -> IndexArray:
    """The first row of each value of ``factor`` (the row count for values no row has)."""
    first = np.full(len(factor.values), len(factor.codes), dtype=np.intp)
    np.minimum.at(first, factor.codes, np.arange(len(factor.codes)))
    return first


def grow(array: NDArray[_T], rows: int) -> NDArray[_T]:
    """``array`` with room for ``rows`` rows, doubling its length when it is too short."""
    if rows <= len(array):
        return array
    capacity = max(len(array), 1)
    while capacity < rows:
        capacity *= 2
    grown = np.zeros((capacity, *array.shape[1:]), dtype=array.dtype)
    grown[: len(array)] = array
    return grown


def sum_into(values: Int64Array, parent: IndexArray, groups: int) -> Int64Array:
    out = np.zeros((groups, *values.shape[1:]), dtype=np.int64)
    np.add.at(out, parent, values)
    return out


def area_counts(keys: list[str], counts: Int64Array, width: int, classes: int) -> AreaCounts:
    """Count rows (in first-seen order) as :class:`AreaCounts` in sorted key order."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    rows = counts[np.asarray(order, dtype=np.intp)] if order else counts[:0]
    ya = 4
    return AreaCounts(
        keys=[keys[i] for i in order],
        surveyed=rows[:, 0].copy(),
        status=rows[:, 1:4].copy(),
        ya=rows[:, ya : ya + width].copy(),
        answered=rows[:, ya + width : ya + 2 * width].copy(),
        missing=rows[:, ya + 2 * width : ya + 3 * width].copy(),
        classes=rows[:, ya + 3 * width : ya + 3 * width + classes].copy(),
    )
