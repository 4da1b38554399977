"""Cells of many CSV lines at once, as byte offsets, and the numpy kernels that read them.

A :class:`Grid` is a run of records from a CSV segment with no quote character: each record
is one line holding exactly as many cells as the header, so cell boundaries are simply the
separators. Validation reads a grid column by column without making a Python string per
cell: a cell of up to :data:`MAX_WORDS` × 8 bytes is packed into little-endian 64-bit words
(:func:`packed`) and looked up in the column's :class:`Codebook` (a numpy hash table,
:class:`WordTable`, of the cells met so far in the file), so only cells never met before are
decoded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
    quote and no NUL byte (the reader sends any other to :mod:`csv`).

    With an empty ``delimiter`` the cells lie anywhere in ``data`` (the values inside a block
    of an .xlsx sheet's XML, :mod:`phbs.ingest.xlsx_fast`) and are found by their offsets
    only."""

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

    def cells(self, i: int) -> list[str]:
        """Record ``i`` as text cells, exactly as :mod:`csv` reads a line without quotes."""
        if not self.delimiter:
            data = self.data
            spans = zip(self.starts[i].tolist(), self.ends[i].tolist(), strict=True)
            return [data[start:end].decode("utf-8") for start, end in spans]
        line = self.data[int(self.starts[i, 0]) : int(self.ends[i, -1])]
        return line.decode("utf-8").split(self.delimiter)

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


def distinct_codes(
    values: NDArray[np.integer[Any]], size: int
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """``np.unique(values, return_inverse=True)`` for values in ``range(size)``: counted
    instead of sorted when ``size`` is small next to ``values``.

    >>> distinct, codes = distinct_codes(np.array([5, 2, 5]), 10)
    >>> distinct.tolist(), codes.tolist()
    ([2, 5], [1, 0, 1])
    """
    if size > 4 * len(values) + 65_536:
        distinct, codes = np.unique(values, return_inverse=True)
        return distinct.astype(np.intp), codes.reshape(-1).astype(np.intp)
    distinct = np.flatnonzero(np.bincount(values, minlength=size))
    position = np.zeros(size, dtype=np.intp)
    position[distinct] = np.arange(len(distinct))
    return distinct, position[values]


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


#: Distinct cells a :class:`Codebook` keeps before it starts over (a column of names).
CODEBOOK_LIMIT = 1 << 14
# Set in the key of a cell longer than 7 bytes (its hash), never in a shorter cell's key.
_HASHED = np.uint64(1 << 63)
# Bytes of a cell a codebook reads: any cell validation reads (32 bytes), and one more to
# tell a longer cell apart. They fit in one word more than such a cell.
_KEPT_BYTES = 8 * MAX_WORDS + 1
_STORED_WORDS = MAX_WORDS + 1


class Codebook:
    """The distinct cells of one column met so far in a file, each with its text.

    A segment looks its cells up here instead of factorising them from scratch: a survey
    repeats a few thousand villages, dusun, dates and answers, so after the first segments
    only a lookup is left. A cell of up to 7 bytes is its own key (its masked word: a grid
    has no NUL byte); a longer one is keyed by the hash of its words, kept to confirm a
    match. Past :data:`CODEBOOK_LIMIT` cells (a column of names) it starts over, so its
    memory stays bounded.
    """

    def __init__(self) -> None:
        self._clear()

    def _clear(self) -> None:
        self.keys = np.zeros(0, dtype=np.uint64)
        # Word k of every cell in row k (the length in the last row): read a word at a time.
        self.cells = np.zeros((_STORED_WORDS + 1, 0), dtype=np.uint64)
        self.texts: list[str] = []
        self.table = WordTable(self.keys)

    def column(
        self, grid: Grid, words: NDArray[np.uint64], at: int, *, compact: bool = True
    ) -> tuple[list[str], NDArray[np.intp], NDArray[np.bool_] | None]:
        """Column ``at`` of every record of ``grid``: the distinct texts, a code per record
        into them, and which records must not be read this way (a hash shared by two
        different cells; ``None`` when there are none).

        With ``compact``, the texts are the segment's own; without, they are the
        codebook's list of every text met so far (it only grows, until the codebook starts
        over with a new list), so a caller can keep what it derives from each code.

        Cells longer than 32 bytes are keyed by their first 33 bytes and a length of 33;
        callers send those records the row-by-row way.
        """
        if len(self.keys) > CODEBOOK_LIMIT:
            self._clear()
        starts = grid.starts[:, at]
        lengths = np.minimum(grid.ends[:, at] - starts, _KEPT_BYTES)
        longest = int(lengths.max()) if len(lengths) else 0
        cells: NDArray[np.uint64] | None = None
        if longest <= 7:
            keys = words[starts] & WORD_MASKS[lengths]
        else:
            cells = packed(words, starts, lengths, -(-longest // 8))
            keys = hash_packed(cells) | _HASHED
            short = lengths <= 7
            if short.any():
                keys = np.where(short, cells[:, 0], keys)
        codes = self.table.find(keys)
        missed = np.flatnonzero(codes < 0)
        if len(missed):
            self._add(grid, at, keys, cells, lengths, missed)
            codes[missed] = self.table.find(keys[missed])
        clash = None if cells is None else self._clash(cells, codes, keys)
        if not compact:
            return self.texts, codes, clash
        present, local = distinct_codes(codes, len(self.keys))
        return [self.texts[k] for k in present.tolist()], local, clash

    def _clash(
        self, cells: NDArray[np.uint64], codes: NDArray[np.intp], keys: NDArray[np.uint64]
    ) -> NDArray[np.bool_] | None:
        """Records whose hash names a different cell (compared word for word)."""
        count = cells.shape[1] - 1
        differs = self.cells[-1][codes] != cells[:, count]
        for k in range(count):
            differs |= self.cells[k][codes] != cells[:, k]
        differs &= (keys & _HASHED) != 0  # a short cell is its own key
        return differs if differs.any() else None

    def _add(
        self,
        grid: Grid,
        at: int,
        keys: NDArray[np.uint64],
        cells: NDArray[np.uint64] | None,
        lengths: Offsets,
        missed: NDArray[np.intp],
    ) -> None:
        new, first = np.unique(keys[missed], return_index=True)
        rows = missed[first]
        added = np.zeros((_STORED_WORDS + 1, len(rows)), dtype=np.uint64)
        added[-1] = lengths[rows]
        if cells is None:
            added[0] = keys[rows]
        else:
            added[: cells.shape[1] - 1] = cells[rows, :-1].T
        self.keys = np.concatenate((self.keys, new))
        self.cells = np.concatenate((self.cells, added), axis=1)
        self.texts.extend(grid.cell(row, at) for row in rows.tolist())
        self.table = WordTable(self.keys)


def hash_packed(cells: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """A 64-bit hash of each packed cell (words then length), equal to :func:`hash_bytes`:
    cells packed in fewer than :data:`MAX_WORDS` words hash as if padded with zero words."""
    count = cells.shape[1] - 1
    rounds = max(count, MAX_WORDS)
    value = np.full(len(cells), _MIX[2], dtype=np.uint64)
    for k in range(rounds):
        if k < count:
            value ^= cells[:, k]
        value *= np.uint64(_MIX[k % 2])
        value ^= value >> np.uint64(29)
    value ^= cells[:, count]
    value *= np.uint64(_MIX[rounds % 2])
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
