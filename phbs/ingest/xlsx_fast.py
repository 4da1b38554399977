"""A block of an .xlsx sheet's rows read with numpy into a :class:`~phbs.ingest.grid.Grid`.

Most survey workbooks (written by Excel, LibreOffice, xlsxwriter, openpyxl) spell every data
row the same way: ``<row r="N" …><c r="B7" s="3" t="s"><v>12</v></c>…</row>``. For a block
of such rows every tag is found at once on the block's bytes, each cell's column, type and
value are read from offsets: a grid, as the CSV reader makes, which validation reads column
by column, whose cells are the values where they stand in the block (the shared strings the
block uses, and the texts of the few cells that need Python, are copied after it).

Anything else in a block (a formula, rich text, an entity such as ``&amp;``, a line break in a
cell, a blank row, a gap in the row numbers, a cell right of the header, attributes in
another order) makes :func:`block_grid` return ``None``, and that block is read cell by cell
by :mod:`phbs.ingest.xlsx_stream`; the tests check both ways give the same rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from phbs.ingest.grid import Grid
from phbs.ingest.sheet_xml import unescape as unescape_text

_PAD = 16
# ASCII bytes that are not spaces: a row with none of them is left to the cell-by-cell path.
_SOLID = np.ones(256, dtype=bool)
_SOLID[[9, 10, 11, 12, 13, 28, 29, 30, 31, 32]] = False
_SOLID[0x80:] = False
_DIGIT = np.zeros(256, dtype=bool)
_DIGIT[48:58] = True
_LETTER = np.zeros(256, dtype=bool)
_LETTER[65:91] = True
# Bytes a value must not hold to be copied as it is: & (an entity), CR, LF and the separator.
_UNSAFE = np.zeros(256, dtype=bool)
_UNSAFE[[10, 13, 31, 38]] = True


@dataclass(frozen=True)
class StringTable:
    """The shared strings as numpy arrays: their bytes, offsets, and per string whether it
    can be copied into a grid (no line break) and whether it holds a non-space ASCII byte."""

    data: NDArray[np.uint8]
    offsets: NDArray[np.int64]
    packable: NDArray[np.bool_]
    solid: NDArray[np.bool_]

    @classmethod
    def of(cls, data: bytes, offsets: NDArray[np.int64]) -> StringTable:
        blob = np.frombuffer(data, dtype=np.uint8)
        low, high = offsets[:-1], offsets[1:]
        # Per string, whether any of its bytes is a line break or the separator, and whether
        # any is solid: a reduction over the bytes of each string that has some (their
        # starts rise, and each one's bytes end where the next one's begin).
        filled = np.flatnonzero(high > low)
        bad = np.zeros(len(low), dtype=bool)
        solid = np.zeros(len(low), dtype=bool)
        if len(filled):
            unsafe = _UNSAFE[blob] & (blob != 38)
            bad[filled] = np.logical_or.reduceat(unsafe, low[filled])
            solid[filled] = np.logical_or.reduceat(_SOLID[blob], low[filled])
        return cls(blob, offsets, ~bad, solid)


def _word(text: bytes) -> int:
    """Four bytes as the little-endian number :func:`_words` gives for them."""
    return int.from_bytes(text[:4], "little")


def _words(a: NDArray[np.uint8]) -> NDArray[np.uint32]:
    """Every offset of ``a`` read as the four bytes from there (``a`` is padded)."""
    return np.ndarray(shape=(len(a) - 4,), dtype="<u4", buffer=a, strides=(1,))


def _checked_digits(
    a: NDArray[np.uint8], start: NDArray[np.int64], length: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """The decimal numbers at ``a[start:start+length]``, and whether each was all digits."""
    value = np.zeros(len(start), dtype=np.int64)
    ok = np.ones(len(start), dtype=bool)
    for k in range(int(length.max()) if len(length) else 0):
        more = np.flatnonzero(length > k)
        byte = a[start[more] + k]
        ok[more] &= _DIGIT[byte]
        value[more] = value[more] * 10 + (byte.astype(np.int64) - 48)
    return value, ok


def _spans(
    sizes: NDArray[np.int64],
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """For spans of ``sizes`` bytes laid end to end: the span of each byte, and its place in
    its span."""
    total = int(sizes.sum())
    owner = np.repeat(np.arange(len(sizes)), sizes)
    firsts = np.cumsum(sizes) - sizes
    return owner, np.arange(total, dtype=np.int64) - firsts[owner]


def block_grid(
    block: bytes,
    width: int,
    first_row: int,
    strings: StringTable,
    python_text: Callable[[bytes, bytes], str],
    cell_chars: int,
    max_columns: int,
) -> list[Grid | tuple[int, int]] | None:
    """The rows of ``block`` (whole ``<row>`` elements, numbered from ``first_row`` on
    without a gap), in order: runs of rows in the usual spelling as grids of ``width`` cells,
    and each run of other rows as the ``(start, end)`` of its XML in ``block``, for the
    cell-by-cell reader. ``None`` when no row is in the usual spelling, or the rows are not
    numbered on from ``first_row``.

    A row goes to the other reader when it holds a cell of another spelling (a formula, rich
    text, a type other than number, shared or inline string), a line break, a filled cell
    right of ``width``, or may be blank. ``python_text(value, style)`` gives the text of a
    number that is not a plain whole number or has a style (a date); an inline string with
    an entity (``&amp;``) is unescaped by Python too.
    """
    size = len(block)
    if not size or width < 1:
        return None
    a = np.zeros(size + _PAD, dtype=np.uint8)
    a[:size] = np.frombuffer(block, dtype=np.uint8)
    words = _words(a)
    lt = np.flatnonzero(a == 60)
    if not len(lt):
        return None
    after = words[lt + 1]
    is_row = after == _word(b"row ")
    is_cell = (after & 0xFFFF) == _word(b"c \0\0")
    rows_at = lt[is_row]
    cells_at = lt[is_cell]
    cell_index = np.flatnonzero(is_cell)  # each cell's place among the "<"
    if not len(rows_at) or not len(cells_at) or lt[0] < rows_at[0]:
        return None
    # "<" positions past the last one read as the block's end (a cell that needs them there
    # is not in the usual spelling, and its checks fail).
    ahead = np.concatenate((lt, np.full(4, size, dtype=lt.dtype)))
    quotes = np.flatnonzero(a == 34)
    if len(quotes) < 2:
        return None
    last_quote = len(quotes) - 1

    # --- rows: <row r="N" ...>, numbered on from first_row
    open_quote = rows_at + 7
    if not ((a[rows_at + 5] == 114) & (a[rows_at + 6] == 61) & (a[open_quote] == 34)).all():
        return None
    close_quote = quotes[np.minimum(np.searchsorted(quotes, open_quote + 1), last_quote)]
    digits = close_quote - open_quote - 1
    if (digits < 1).any() or (digits > 9).any():
        return None
    numbers, digits_only = _checked_digits(a, open_quote + 1, digits)
    if not digits_only.all():
        return None
    count = len(rows_at)
    if not (numbers == first_row + np.arange(count)).all():
        return None
    row_of = np.searchsorted(rows_at, cells_at) - 1
    # A row's start tag ends just before the next "<" (its first cell); <row .../> is empty.
    row_close = ahead[np.flatnonzero(is_row) + 1] - 1
    row_bad = (a[row_close] != 62) | (a[row_close - 1] == 47)

    # --- cell tags: <c r="B7"( s="3")?( t="s")?> or .../>; a cell of another spelling is bad
    cells = len(cells_at)
    tag_end = ahead[cell_index + 1] - 1  # the next "<" follows the start tag at once
    bad = a[tag_end] != 62
    first_quote = np.searchsorted(quotes, cells_at)
    quote_count = np.searchsorted(quotes, tag_end) - first_quote
    bad |= (quote_count < 2) | (quote_count > 6) | (quote_count % 2 == 1)
    bad |= ~((a[cells_at + 3] == 114) & (a[cells_at + 4] == 61) & (a[cells_at + 5] == 34))
    ref_end = quotes[np.minimum(first_quote + 1, last_quote)]
    # column letters: one to three, then a digit
    l1, l2, l3 = a[cells_at + 6], a[cells_at + 7], a[cells_at + 8]
    letters = np.where(
        _LETTER[l1] & ~_LETTER[l2], 1, np.where(_LETTER[l2] & ~_LETTER[l3], 2, 3)
    ).astype(np.int64)
    bad |= ~_LETTER[l1] | (_LETTER[l3] & _LETTER[a[cells_at + 9]])
    column = l1.astype(np.int64) - 64
    two = letters >= 2
    column[two] = column[two] * 26 + l2[two] - 64
    three = letters == 3
    column[three] = column[three] * 26 + l3[three] - 64
    column -= 1
    style_start = np.zeros(cells, dtype=np.int64)
    style_length = np.zeros(cells, dtype=np.int64)
    kind = np.zeros(cells, dtype=np.uint8)  # 0 number, ord("s"), ord("i")nlineStr
    last_close = ref_end.copy()
    for j in (1, 2):
        here = np.flatnonzero((quote_count > 2 * j) & ~bad)
        if not len(here):
            break
        opening = quotes[first_quote[here] + 2 * j]
        closing = quotes[first_quote[here] + 2 * j + 1]
        name = a[opening - 2]
        style = name == 115
        typed = name == 116
        value_length = closing - opening - 1
        t_first = a[opening + 1]
        plain_type = typed & (value_length == 1) & ((t_first == 115) | (t_first == 110))
        inline_type = typed & (value_length == 9) & (t_first == 105) & (a[opening + 7] == 83)
        wrong = ~((opening == last_close[here] + 4) & (a[opening - 3] == 32))
        wrong |= (a[opening - 1] != 61) | ~(style | typed) | (typed & ~plain_type & ~inline_type)
        if j == 2:
            wrong |= style  # s after t: left to the other path
        bad[here[wrong]] = True
        fine = ~wrong
        style_start[here[style & fine]] = opening[style & fine] + 1
        style_length[here[style & fine]] = (closing - opening - 1)[style & fine]
        kind[here[plain_type & (t_first == 115) & fine]] = 115
        kind[here[inline_type & fine]] = 105
        last_close[here[fine]] = closing[fine]
    closing_slash = a[tag_end - 1] == 47
    spaced = closing_slash & (a[tag_end - 2] == 32)  # openpyxl: <c r="E7" t="inlineStr" />
    bad |= tag_end != last_close + 1 + closing_slash + spaced

    # --- values: <v>…</v></c>, <is><t>…</t></is></c>, or none
    inline = kind == 105
    value_start = np.zeros(cells, dtype=np.int64)
    value_end = np.zeros(cells, dtype=np.int64)
    at_v = np.flatnonzero(~closing_slash & ~inline & ~bad)
    if len(at_v):
        start = tag_end[at_v] + 1
        end = ahead[cell_index[at_v] + 2]
        wrong = (words[start] & 0xFFFFFF) != _word(b"<v>\0")
        wrong |= (words[end] != _word(b"</v>")) | (words[end + 4] != _word(b"</c>"))
        bad[at_v[wrong]] = True
        value_start[at_v], value_end[at_v] = start + 3, end
    at_is = np.flatnonzero(~closing_slash & inline & ~bad)
    if len(at_is):
        start = tag_end[at_is] + 1
        end = ahead[cell_index[at_is] + 3]
        wrong = (words[start] != _word(b"<is>")) | (words[start + 3] != _word(b"><t>"))
        wrong |= (words[end] != _word(b"</t>")) | (words[end + 4] != _word(b"</is"))
        wrong |= (words[end + 8] != _word(b"></c")) | (a[end + 12] != 62)
        bad[at_is[wrong]] = True
        value_start[at_is], value_end[at_is] = start + 7, end
    value_start[bad] = value_end[bad] = 0
    length = value_end - value_start
    bad |= length > cell_chars
    # Tags per row: its start and end, and those of its cells; any other tag (an element
    # this reader does not know) leaves the row to the other path.
    tags = np.where(closing_slash, 1, np.where(inline, 6, 4))
    if bad.any() or 2 * count + int(tags.sum()) != len(lt):  # row by row when it matters
        expected = 2 + np.bincount(row_of, weights=tags, minlength=count).astype(np.int64)
        seen = np.bincount(np.searchsorted(rows_at, lt, side="right") - 1, minlength=count)
        row_bad |= seen != expected

    # An entity, a line break, the separator or an escape (_x000D_) anywhere in the block
    # (found at C speed; most blocks have none) is looked for in the values themselves.
    unescape = np.zeros(cells, dtype=bool)
    # (One-byte searches are memchr; "_x" only when there is a "_" at all: a two-byte search
    # of a megabyte takes as long as the rest of this check.)
    marks = any(mark in block for mark in (b"&", b"\n", b"\r", b"\x1f"))
    if marks or (b"_" in block and b"_x" in block):
        owner, within = _spans(length)
        value_bytes = a[value_start[owner] + within]
        breaks = (value_bytes == 10) | (value_bytes == 13) | (value_bytes == 31)
        bad[np.unique(owner[breaks])] = True
        escape = (value_bytes[:-1] == 95) & (value_bytes[1:] == 120) & (owner[:-1] == owner[1:])
        unescape[np.unique(owner[:-1][escape])] = True
        unescape[np.unique(owner[value_bytes == 38])] = True
    # A value whose first byte is not a space or a non-ASCII byte is not blank (a row with
    # no such value may be blank: the other path decides).
    solid = (length > 0) & _SOLID[a[value_start]]

    # --- where each cell goes
    key = row_of * (1 << 20) + column
    if cells > 1:
        bad[1:] |= np.diff(key) <= 0
    nonempty = length > 0
    bad |= ((column >= width) & nonempty) | (column >= max_columns)
    keep = nonempty & (column < width) & ~bad

    source = np.zeros(cells, dtype=np.int8)  # 1 block, 2 shared string, 3 Python
    src_start = value_start.copy()
    src_length = length.copy()
    shared = np.flatnonzero(keep & (kind == 115))
    if len(shared):
        index, all_digits = _checked_digits(a, value_start[shared], np.minimum(length[shared], 10))
        usable = all_digits & (length[shared] <= 9) & (index < len(strings.offsets) - 1)
        index = np.where(usable, index, 0)
        usable &= strings.packable[index]
        usable &= (strings.offsets[index + 1] - strings.offsets[index]) <= cell_chars
        bad[shared[~usable]] = True
        shared, index = shared[usable], index[usable]
        source[shared] = 2
        src_start[shared] = strings.offsets[index]
        src_length[shared] = strings.offsets[index + 1] - strings.offsets[index]
        solid[shared] = strings.solid[index]
    number = np.flatnonzero(keep & (kind == 0) & ~bad)
    source[np.flatnonzero(keep & (kind == 105) & ~unescape & ~bad)] = 1
    python = [int(i) for i in np.flatnonzero(keep & (kind == 105) & unescape & ~bad)]
    if len(number):
        _, all_digits = _checked_digits(a, value_start[number], np.minimum(length[number], 16))
        plain = (
            all_digits
            & (length[number] < 16)
            & ((a[value_start[number]] != 48) | (length[number] == 1))
            & (style_length[number] == 0)
        )
        source[number[plain]] = 1
        python += number[~plain].tolist()
    extra_text: list[bytes] = []
    extra_size = 0
    for i in sorted(python):
        value = block[int(value_start[i]) : int(value_end[i])]
        if kind[i] == 105:
            text = unescape_text(value).encode("utf-8")
        else:
            style = block[int(style_start[i]) : int(style_start[i] + style_length[i])]
            text = python_text(value, style).encode("utf-8")
        if b"\n" in text or b"\r" in text or b"\x1f" in text or len(text) > cell_chars:
            bad[i] = True
            continue
        src_start[i] = extra_size
        src_length[i] = len(text)
        extra_text.append(text)
        extra_size += len(text)
        source[i] = 3
        solid[i] = bool(text.strip())
    row_bad |= np.bincount(row_of[bad], minlength=count) > 0
    row_bad |= np.bincount(row_of[keep & solid & ~bad], minlength=count) == 0
    if row_bad.all():
        return None
    # The grids' data: the block itself (its values are read where they stand), then the
    # shared strings its cells use and the texts made by Python, one after another.
    position = value_start.copy()
    moved = np.flatnonzero(keep & (source == 2))
    owner, within = _spans(src_length[moved])
    shared_bytes = strings.data[src_start[moved][owner] + within].tobytes()
    position[moved] = size + np.cumsum(src_length[moved]) - src_length[moved]
    made = np.flatnonzero(keep & (source == 3))
    position[made] = size + len(shared_bytes) + src_start[made]
    data = block + shared_bytes + b"".join(extra_text)
    offset = np.int32 if len(data) < 1 << 31 else np.int64

    def grid(low: int, high: int) -> Grid:
        """Rows ``low`` to ``high`` (exclusive) of the block, all good, as a grid."""
        mine = np.flatnonzero(keep & (row_of >= low) & (row_of < high) & (source > 0))
        rows, columns = row_of[mine] - low, column[mine]
        starts = np.zeros((high - low, width), dtype=offset)
        ends = np.zeros((high - low, width), dtype=offset)
        starts[rows, columns] = position[mine]
        ends[rows, columns] = position[mine] + src_length[mine]
        return Grid(
            data=data,
            rows=numbers[low:high].astype(np.int64),
            starts=starts,
            ends=ends,
            delimiter="",
        )

    pieces: list[Grid | tuple[int, int]] = []
    change = np.flatnonzero(np.diff(row_bad.astype(np.int8))) + 1
    bounds = [0, *change.tolist(), count]
    for low, high in itertools.pairwise(bounds):
        if row_bad[low]:
            stop = int(rows_at[high]) if high < count else size
            pieces.append((int(rows_at[low]), stop))
        else:
            pieces.append(grid(low, high))
    return pieces
