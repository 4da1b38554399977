"""The numpy kernels that read CSV cells (phbs.ingest.grid) agree with plain numpy and Python.

Validation factorises every column of a segment with a hash table built and searched in
numpy (:class:`~phbs.ingest.grid.WordTable`); these tests compare its codes with
``np.unique`` on random columns, including values that hash to the same home slot, values
missing from the first records, and empty columns.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from phbs.ingest.fast import _distinct
from phbs.ingest.grid import WordTable, factorise_words

WORDS = st.integers(min_value=0, max_value=(1 << 64) - 1)


def check_factorised(values: np.ndarray) -> None:
    """Codes name the distinct values; ``first`` is each one's first occurrence."""
    first, codes = factorise_words(values)
    assert len(codes) == len(values)
    assert np.array_equal(values[first][codes], values)
    assert len(set(values[first].tolist())) == len(first) == len(set(values.tolist()))
    for code, row in enumerate(first.tolist()):
        assert row == int(np.flatnonzero(codes == code)[0])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=40), min_size=0, max_size=300), st.data())
def test_factorise_words_matches_unique(pool: list[list[int]], data: st.DataObject) -> None:
    """Random columns drawn from small pools of words (as survey columns are)."""
    words = [w for group in pool for w in group] or [0]
    picks = data.draw(st.lists(st.sampled_from(words), max_size=600))
    check_factorised(np.array(picks, dtype=np.uint64))


def test_values_first_seen_after_the_sample() -> None:
    """Values that first appear after the sampled records are found and numbered too."""
    rng = np.random.default_rng(7)
    early = rng.integers(0, 50, 5_000).astype(np.uint64)
    late = rng.integers(1_000, 1_300, 20_000).astype(np.uint64)
    check_factorised(np.concatenate([early, late, early]))


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
    check_factorised(np.concatenate([keys, keys[::-1], keys + np.uint64(1)]))


def test_empty_inputs() -> None:
    first, codes = factorise_words(np.zeros(0, dtype=np.uint64))
    assert first.tolist() == []
    assert codes.tolist() == []
    empty = WordTable(np.zeros(0, dtype=np.uint64))
    assert empty.find(np.arange(3, dtype=np.uint64)).tolist() == [-1, -1, -1]


@given(st.lists(st.integers(min_value=0, max_value=99), max_size=200), st.booleans())
def test_distinct_matches_unique(values: list[int], wide: bool) -> None:
    """Pairs of codes are counted instead of sorted when their range is small."""
    array = np.array(values, dtype=np.intp)
    size = 10**7 if wide else 100
    distinct, codes = _distinct(array, size)
    expected, inverse = np.unique(array, return_inverse=True)
    assert distinct.tolist() == expected.tolist()
    assert codes.tolist() == inverse.reshape(-1).tolist()
