"""The numpy kernels that read CSV cells (phbs.ingest.grid) agree with plain Python.

Validation reads each column of a segment through a :class:`~phbs.ingest.grid.Codebook`:
the distinct cells met so far in the file, found with a hash table built and searched in
numpy (:class:`~phbs.ingest.grid.WordTable`). These tests compare what it gives with the
cells as Python reads them: random columns over many segments, cells of every length up to
and past 32 bytes, keys that land on one home slot, hashes that collide, and a codebook that
outgrows its limit and starts over.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phbs.ingest import grid as grid_module
from phbs.ingest.grid import Codebook, Grid, WordTable, distinct_codes


def make_grid(cells: list[str]) -> Grid:
    """A one-column grid of ``cells`` (no quotes, separators or line ends inside)."""
    data = "".join(f"{cell}\n" for cell in cells).encode("utf-8")
    lengths = np.array([len(c.encode("utf-8")) for c in cells], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1])).astype(np.int64)
    return Grid(
        data=data,
        rows=np.arange(2, len(cells) + 2, dtype=np.int64),
        starts=starts[:, None],
        ends=(starts + lengths)[:, None],
        delimiter=",",
    )


def check_segments(book: Codebook, segments: list[list[str]]) -> None:
    """Each segment's codes name every cell of up to 32 bytes exactly; a longer cell's code
    names a cell with the same first 33 bytes (such records are read row by row)."""
    for cells in segments:
        grid = make_grid(cells)
        texts, codes, clash = book.column(grid, grid.words(), 0)
        assert clash is None
        assert len(texts) == len(set(texts))
        assert set(texts) <= set(cells)
        for cell, code in zip(cells, codes.tolist(), strict=True):
            if len(cell.encode("utf-8")) <= 32:
                assert texts[code] == cell
            else:
                assert texts[code].encode("utf-8")[:33] == cell.encode("utf-8")[:33]


CELL = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters=',"\n\r\0'),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELL, min_size=1, max_size=30), min_size=1, max_size=8))
def test_codebook_reads_cells_as_python_does(segments: list[list[str]]) -> None:
    """Cells of any length (one word, several words, past 32 bytes), short and long in the
    same column, met again in later segments."""
    check_segments(Codebook(), segments)


def test_codebook_keeps_cells_across_segments() -> None:
    book = Codebook()
    check_segments(book, [["ya", "tidak", "Dusun Sungai Baru Hulu"], ["ya", "-", "ya"]])
    assert len(book.texts) == 4
    check_segments(book, [["Dusun Sungai Baru Hulu", "ya"]])
    assert len(book.texts) == 4


def test_cells_longer_than_32_bytes_share_a_code_by_their_first_33() -> None:
    """Their records go the row-by-row way; no shorter cell ever shares their code."""
    base = "x" * 32
    grid = make_grid([base + "aa", base + "ab", base, "ya"])
    texts, codes, _ = Codebook().column(grid, grid.words(), 0)
    assert codes[0] == codes[1]
    assert len({int(codes[1]), int(codes[2]), int(codes[3])}) == 3
    assert texts[codes[2]] == base


def test_a_shared_hash_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two different long cells with one hash: the later one is flagged, not merged."""
    monkeypatch.setattr(
        grid_module, "hash_packed", lambda cells: np.full(len(cells), 7, dtype=np.uint64)
    )
    grid = make_grid(["Dusun Sungai", "Dusun Tanjung", "Dusun Sungai", "ya"])
    texts, codes, clash = Codebook().column(grid, grid.words(), 0)
    assert clash is not None
    assert clash.tolist() == [False, True, False, False]
    assert texts[codes[0]] == texts[codes[2]] == "Dusun Sungai"


def test_codebook_starts_over_past_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grid_module, "CODEBOOK_LIMIT", 5)
    book = Codebook()
    segments = [[f"nama {n}-{k}" for k in range(4)] for n in range(6)]
    check_segments(book, segments)
    assert len(book.texts) <= 5 + 4


def test_keys_sharing_a_home_slot() -> None:
    """Keys chosen to land on one home slot are placed by probing and all found."""
    # The hash is the top bits of key × FIBONACCI (mod 2**64): keys j × FIBONACCI⁻¹ for
    # small j all hash to slot 0, whatever the table's size.
    inverse = pow(0x9E3779B97F4A7C15, -1, 1 << 64)
    keys = np.array([j * inverse % (1 << 64) for j in range(1, 6)], dtype=np.uint64)
    table = WordTable(keys)
    assert set(table._home(keys).tolist()) == {0}
    assert table.find(keys).tolist() == [0, 1, 2, 3, 4]
    assert table.find(keys + np.uint64(1)).tolist() == [-1] * 5


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(0, (1 << 64) - 1), unique=True, max_size=300),
    st.lists(st.integers(0, (1 << 64) - 1), max_size=50),
)
def test_word_table_finds_its_keys_and_nothing_else(keys: list[int], others: list[int]) -> None:
    table = WordTable(np.array(keys, dtype=np.uint64))
    assert table.find(np.array(keys, dtype=np.uint64)).tolist() == list(range(len(keys)))
    strangers = [o for o in others if o not in set(keys)]
    assert table.find(np.array(strangers, dtype=np.uint64)).tolist() == [-1] * len(strangers)


@given(st.lists(st.integers(min_value=0, max_value=99), max_size=200), st.booleans())
def test_distinct_matches_unique(values: list[int], wide: bool) -> None:
    """Pairs of codes are counted instead of sorted when their range is small."""
    array = np.array(values, dtype=np.intp)
    size = 10**7 if wide else 100
    distinct, codes = distinct_codes(array, size)
    expected, inverse = np.unique(array, return_inverse=True)
    assert distinct.tolist() == expected.tolist()
    assert codes.tolist() == inverse.reshape(-1).tolist()
