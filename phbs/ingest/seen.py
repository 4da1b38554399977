"""Household keys already scored, remembered as 64-bit hashes in sorted numpy arrays.

Duplicate detection (docs/aturan.md §8.2) needs every key seen so far. Keeping them as Python
strings costs about 200 bytes a household; here each costs 8 bytes, kept in a few sorted
arrays whose sizes at least double from one to the next (merged as they fill, up to a
million hashes an array), so a batch is checked with one binary search per array. A hash
match is only a *suspect*: validation confirms it against the real key before setting a row
aside (:mod:`phbs.ingest.validate`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

# Sorted arrays are merged up to this many hashes (8 MB), so a merge never needs much more.
_LEVEL_CAP = 1 << 20
# Hashes added one at a time are kept in a set until there are this many.
_RECENT = 4096
_MIX = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xC2B2AE3D27D4EB4F)


def combine(first: NDArray[np.uint64], second: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """One hash from two (element-wise), e.g. a household id's and its village's."""
    value = (first ^ (second * _MIX)) * _MIX2
    return value ^ (value >> np.uint64(31))


def combine_one(first: int, second: int) -> int:
    """:func:`combine` of two Python ints (the same value)."""
    out = combine(np.array([first], dtype=np.uint64), np.array([second], dtype=np.uint64))
    return int(out[0])


class SeenHashes:
    """A growing set of 64-bit hashes that answers for a whole batch at once."""

    def __init__(self) -> None:
        self._levels: list[NDArray[np.uint64]] = []
        self._recent: set[int] = set()
        self.count = 0

    def add_one(self, value: int) -> bool:
        """Add one hash (a row read on its own); return whether it was already there."""
        if value in self._recent:
            return True
        for level in self._levels:
            where = int(np.searchsorted(level, np.uint64(value)))
            if where < len(level) and int(level[where]) == value:
                return True
        self._recent.add(value)
        if len(self._recent) >= _RECENT:
            self._settle()
        return False

    def _settle(self) -> None:
        if self._recent:
            recent = np.array(sorted(self._recent), dtype=np.uint64)
            self._recent = set()
            self._push(recent)

    def add(self, hashes: NDArray[np.uint64]) -> NDArray[np.bool_]:
        """Add ``hashes`` in order; return which were already there (earlier in the batch
        or before it): those are the suspects, and are not added again."""
        hashes = np.asarray(hashes, dtype=np.uint64)
        self._settle()
        if not len(hashes):
            return np.ones(0, dtype=bool)
        ordered = np.sort(hashes)
        if not (ordered[1:] == ordered[:-1]).any():
            # No repeat inside the batch (the usual case): one sort, no inverse needed.
            found = np.zeros(len(ordered), dtype=bool)
            for level in self._levels:
                where = np.searchsorted(level, ordered)
                np.minimum(where, len(level) - 1, out=where)
                found |= level[where] == ordered
            if not found.any():
                self._push(ordered)
                return found
            if not found.all():
                self._push(ordered[~found])
            return np.isin(hashes, ordered[found])
        repeated = np.ones(len(hashes), dtype=bool)
        unique, first = np.unique(hashes, return_index=True)
        repeated[first] = False
        for level in self._levels:
            where = np.searchsorted(level, unique)
            inside = where < len(level)
            found = np.zeros(len(unique), dtype=bool)
            found[inside] = level[where[inside]] == unique[inside]
            if found.any():
                repeated[first[found]] = True
                unique, first = unique[~found], first[~found]
        if len(unique):
            self._push(unique)
        return repeated

    def _push(self, new: NDArray[np.uint64]) -> None:
        self.count += len(new)
        self._levels.append(new)
        while (
            len(self._levels) > 1
            and len(self._levels[-2]) <= 2 * len(self._levels[-1])
            and len(self._levels[-2]) + len(self._levels[-1]) <= _LEVEL_CAP
        ):
            top = self._levels.pop()
            below = self._levels.pop()
            merged = np.concatenate((below, top))
            del top, below
            merged.sort()  # in place: a merge holds the merged array and no copy of it
            self._levels.append(merged)

    @property
    def nbytes(self) -> int:
        """Memory held by the hashes."""
        return sum(level.nbytes for level in self._levels)
