"""Cells of many CSV lines at once, as byte offsets, and the numpy kernels that read them.

A :class:`Grid` is a run of records from a CSV segment with no quote character: each record
is one line holding exactly as many cells as the header, so cell boundaries are simply the
separators. Validation reads a grid column by column without making a Python string per
cell: a cell of up to :data:`MAX_WORDS` × 8 bytes is packed into little-endian 64-bit words
(:func:`packed`), distinct values are found with numpy, and only those are decoded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

#: 64-bit words a packed cell may span (cells up to 32 bytes).
MAX_WORDS = 4
WORD_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], dtype=np.uint64)
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9)
_MASK64 = (1 << 64) - 1


#: Byte offsets into a segment (32-bit unless the segment is larger than 2 GiB).
Offsets = NDArray[np.int32] | NDArray[np.int64]


@dataclass(frozen=True)
class Grid:
    """Regular records of one CSV segment: ``starts``/``ends`` are (records × width) offsets
    into ``data``; ``rows`` the spreadsheet row number of each record. The segment has no
    quote and no NUL byte (the reader sends any other to :mod:`csv`)."""

    data: bytes
    rows: NDArray[np.int64]
    starts: Offsets
    ends: Offsets
    delimiter: str

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        """Cells per record."""
        return int(self.starts.shape[1])

    def line(self, i: int) -> bytes:
        """The bytes of record ``i`` (without its line end)."""
        return self.data[int(self.starts[i, 0]) : int(self.ends[i, -1])]

    def cells(self, i: int) -> list[str]:
        """Record ``i`` as text cells, exactly as :mod:`csv` reads a line without quotes."""
        return self.line(i).decode("utf-8").split(self.delimiter)

    def cell(self, i: int, column: int) -> str:
        """One cell's text."""
        return self.data[int(self.starts[i, column]) : int(self.ends[i, column])].decode("utf-8")

    def words(self) -> NDArray[np.uint64]:
        """Every byte offset of ``data`` read as a little-endian 64-bit word (zero padded)."""
        padded = np.zeros(len(self.data) + 8 * (MAX_WORDS + 1), dtype=np.uint8)
        padded[: len(self.data)] = np.frombuffer(self.data, dtype=np.uint8)
        return np.ndarray(
            shape=(len(self.data) + 8 * MAX_WORDS,), dtype="<u8", buffer=padded, strides=(1,)
        )


def packed(
    words: NDArray[np.uint64], starts: Offsets, lengths: Offsets, count: int
) -> NDArray[np.uint64]:
    """Cells as ``count`` words each (records × count): bytes past a cell's end are zero.

    Two cells are equal exactly when their words and lengths are: callers keep cells longer
    than ``count`` × 8 bytes out.
    """
    out = np.empty((len(starts), count + 1), dtype=np.uint64)
    for k in range(count):
        rest = np.clip(lengths - 8 * k, 0, 8)
        out[:, k] = words[starts + 8 * k] & WORD_MASKS[rest]
    out[:, count] = lengths.astype(np.uint64)
    return out


def factorise(cells: NDArray[np.uint64]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Distinct rows of packed cells: (index of each one's first record, code per record).

    One-word cells are their own key; longer cells are keyed by their hash and then compared
    word for word (cells that share a hash fall back to sorting the whole column).
    """
    if cells.shape[1] == 1:
        return factorise_words(cells[:, 0])
    first, codes = factorise_words(hash_packed(cells))
    if np.array_equal(cells[first][codes], cells):
        return first, codes
    row_type = np.dtype((np.void, cells.dtype.itemsize * cells.shape[1]))
    view = np.ascontiguousarray(cells).view(row_type)
    _, first, codes = np.unique(view.ravel(), return_index=True, return_inverse=True)
    return first.astype(np.intp), codes.reshape(-1).astype(np.intp)


#: Records whose distinct values seed the hash table before the whole column is looked up.
_SAMPLE = 4096


def factorise_words(values: NDArray[np.uint64]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Distinct ``values``: (index of each one's first occurrence, code per value).

    Survey columns have few distinct values, so the distinct values of the first records
    seed a hash table (:class:`WordTable`) and the whole column is looked up in it; values
    it misses are added and looked up again.

    >>> first, codes = factorise_words(np.array([7, 3, 7, 9], dtype=np.uint64))
    >>> first.tolist(), codes.tolist()
    ([1, 0, 3], [1, 0, 1, 2])
    """
    if not len(values):
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    known, first = np.unique(values[:_SAMPLE], return_index=True)
    codes = WordTable(known).find(values)
    missed = np.flatnonzero(codes < 0)
    if len(missed):
        more, at = np.unique(values[missed], return_index=True)
        known = np.concatenate((known, more))
        first = np.concatenate((first, missed[at]))
        codes[missed] = WordTable(known).find(values[missed])
    return first.astype(np.intp), codes


_FIBONACCI = np.uint64(0x9E3779B97F4A7C15)


class WordTable:
    """Open-addressing hash table of distinct 64-bit ``keys``, built and searched with numpy.

    A key's code is its position in ``keys``. The table has at least four slots per key;
    each key sits at the first free slot from its home slot on (linear probing), so a search
    steps forward from the home slot until it meets the key or an empty slot.

    >>> table = WordTable(np.array([10, 20, 30], dtype=np.uint64))
    >>> table.find(np.array([30, 5, 10, 30], dtype=np.uint64)).tolist()
    [2, -1, 0, 2]
    """

    def __init__(self, keys: NDArray[np.uint64]) -> None:
        self.keys = keys
        self.bits = max(4, len(keys).bit_length() + 2)
        self.slots = np.full(1 << self.bits, -1, dtype=np.intp)
        at = self._home(keys)
        pending = np.arange(len(keys))
        placed = np.zeros(len(keys), dtype=bool)
        while len(pending):
            free = pending[self.slots[at[pending]] < 0]
            # One key per free slot (the first aiming at it); the others step on.
            _, winners = np.unique(at[free], return_index=True)
            chosen = free[winners]
            self.slots[at[chosen]] = chosen
            placed[chosen] = True
            pending = pending[~placed[pending]]
            at[pending] = (at[pending] + 1) & (len(self.slots) - 1)

    def _home(self, values: NDArray[np.uint64]) -> NDArray[np.intp]:
        return ((values * _FIBONACCI) >> np.uint64(64 - self.bits)).astype(np.intp)

    def find(self, values: NDArray[np.uint64]) -> NDArray[np.intp]:
        """The code of each of ``values`` (``-1``: not a key)."""
        if not len(self.keys):
            return np.full(len(values), -1, dtype=np.intp)
        at = self._home(values)
        codes = self.slots[at]
        probe = np.flatnonzero((codes >= 0) & (self.keys[codes] != values))
        while len(probe):
            at[probe] = (at[probe] + 1) & (len(self.slots) - 1)
            found = self.slots[at[probe]]
            codes[probe] = found
            probe = probe[found >= 0]
            probe = probe[self.keys[codes[probe]] != values[probe]]
        return codes


def hash_packed(cells: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """A 64-bit hash of each packed cell (words then length), equal to :func:`hash_bytes`."""
    value = np.full(len(cells), _MIX[2], dtype=np.uint64)
    for k in range(cells.shape[1]):
        value = (value ^ cells[:, k]) * np.uint64(_MIX[k % 2])
        value ^= value >> np.uint64(29)
    return value


def hash_bytes(text: bytes, count: int = MAX_WORDS) -> int:
    """:func:`hash_packed` of one cell, for cells of any length (longer ones use more words).

    >>> cell = b"RT-0001"
    >>> grid = Grid(cell + b"\\n", np.array([2]), np.array([[0]]), np.array([[7]]), ",")
    >>> cells = packed(grid.words(), np.array([0]), np.array([7]), MAX_WORDS)
    >>> int(hash_packed(cells)[0]) == hash_bytes(cell)
    True
    """
    words = max(count, -(-len(text) // 8))
    value = _MIX[2]
    padded = text + b"\0" * (8 * words - len(text))
    parts = [int.from_bytes(padded[8 * k : 8 * k + 8], "little") for k in range(words)]
    for k, part in enumerate([*parts, len(text)]):
        value = ((value ^ part) * _MIX[k % 2]) & _MASK64
        value ^= value >> 29
    return value
