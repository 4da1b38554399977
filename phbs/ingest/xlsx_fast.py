"""A block of an .xlsx sheet's rows read with numpy into a :class:`~phbs.ingest.grid.Grid`.

Most survey workbooks (written by Excel, LibreOffice, xlsxwriter, openpyxl) spell every data
row the same way: ``<row r="N" …><c r="B7" s="3" t="s"><v>12</v></c>…</row>``. For a block
of such rows every tag is found at once on the block's bytes, each cell's column, type and
value are read from offsets, and the values (from the block itself, from the shared strings,
or, for the few cells that need it, from Python) are copied side by side into one buffer,
cells separated by ``\\x1f`` and rows by line ends: a grid, as the CSV reader makes, which
validation reads column by column.

Anything else in a block (a formula, rich text, an entity such as ``&amp;``, a line break in a
cell, a blank row, a gap in the row numbers, a cell right of the header, attributes in
another order) makes :func:`block_grid` return ``None``, and that block is read cell by cell
by :mod:`phbs.ingest.xlsx_stream`; the tests check both ways give the same rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from phbs.ingest.grid import Grid

_SEPARATOR = 0x1F
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
        bad = np.concatenate(([0], np.cumsum(_UNSAFE[blob] & (blob != 38))))
        solid = np.concatenate(([0], np.cumsum(_SOLID[blob])))
        low, high = offsets[:-1], offsets[1:]
        return cls(blob, offsets, bad[high] == bad[low], solid[high] > solid[low])


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


def _parse_digits(
    a: NDArray[np.uint8], start: NDArray[np.int64], length: NDArray[np.int64]
) -> NDArray[np.int64]:
    """The decimal numbers at ``a[start:start+length]`` (all digits, at most 15)."""
    value = np.zeros(len(start), dtype=np.int64)
    for k in range(int(length.max()) if len(length) else 0):
        more = length > k
        value[more] = value[more] * 10 + (a[start[more] + k].astype(np.int64) - 48)
    return value


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
) -> Grid | None:
    """The rows of ``block`` (whole ``<row>`` elements) as a grid of ``width`` cells, when
    they are all in the usual spelling, numbered from ``first_row`` on without a gap, none
    blank and none with a filled cell right of ``width``; else ``None``.

    ``python_text(value, style)`` gives the text of a number cell that is not a plain whole
    number or has a style (a date): those few are written by Python.
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
    if not len(rows_at) or not len(cells_at) or cells_at[0] < rows_at[0]:
        return None
    quotes = np.flatnonzero(a == 34)

    # --- rows: <row r="N" ...>, numbered on from first_row
    open_quote = rows_at + 7
    if not ((a[rows_at + 5] == 114) & (a[rows_at + 6] == 61) & (a[open_quote] == 34)).all():
        return None
    close_quote = quotes[np.searchsorted(quotes, open_quote + 1)]
    digits = close_quote - open_quote - 1
    if (digits < 1).any() or (digits > 9).any():
        return None
    numbers = _parse_digits(a, open_quote + 1, digits)
    count = len(rows_at)
    if not (numbers == first_row + np.arange(count)).all():
        return None
    # A row's start tag ends just before the next "<" (its first cell); <row .../> is empty.
    row_close = lt[np.flatnonzero(is_row) + 1] - 1
    if not (a[row_close] == 62).all() or (a[row_close - 1] == 47).any():
        return None

    # --- cell tags: <c r="B7"( s="3")?( t="s")?> or .../>
    if cell_index[-1] + 1 >= len(lt):
        return None
    tag_end = lt[cell_index + 1] - 1  # the next "<" follows the start tag at once
    if not (a[tag_end] == 62).all():
        return None
    first_quote = np.searchsorted(quotes, cells_at)
    quote_count = np.searchsorted(quotes, tag_end) - first_quote
    if (quote_count < 2).any() or (quote_count > 6).any() or (quote_count % 2).any():
        return None
    if not ((a[cells_at + 3] == 114) & (a[cells_at + 4] == 61) & (a[cells_at + 5] == 34)).all():
        return None
    ref_end = quotes[first_quote + 1]
    # column letters: one to three, then a digit
    l1, l2, l3 = a[cells_at + 6], a[cells_at + 7], a[cells_at + 8]
    letters = np.where(
        _LETTER[l1] & ~_LETTER[l2], 1, np.where(_LETTER[l2] & ~_LETTER[l3], 2, 3)
    ).astype(np.int64)
    if not _LETTER[l1].all() or (_LETTER[l3] & _LETTER[a[cells_at + 9]]).any():
        return None
    column = l1.astype(np.int64) - 64
    two = letters >= 2
    column[two] = column[two] * 26 + l2[two] - 64
    three = letters == 3
    column[three] = column[three] * 26 + l3[three] - 64
    column -= 1
    style_start = np.zeros(len(cells_at), dtype=np.int64)
    style_length = np.zeros(len(cells_at), dtype=np.int64)
    kind = np.zeros(len(cells_at), dtype=np.uint8)  # 0 number, ord("s"), ord("i")nlineStr
    last_close = ref_end
    for j in (1, 2):
        has = quote_count > 2 * j
        if not has.any():
            break
        here = np.flatnonzero(has)
        opening = quotes[first_quote[here] + 2 * j]
        closing = quotes[first_quote[here] + 2 * j + 1]
        if not (
            (opening == last_close[here] + 4) & (a[opening - 3] == 32) & (a[opening - 1] == 61)
        ).all():
            return None
        name = a[opening - 2]
        style = name == 115
        typed = name == 116
        if not (style | typed).all():
            return None
        if j == 2 and style.any():
            return None  # s after t: left to the other path
        style_start[here[style]] = opening[style] + 1
        style_length[here[style]] = closing[style] - opening[style] - 1
        value_length = closing - opening - 1
        t_first = a[opening + 1]
        plain_type = typed & (value_length == 1) & ((t_first == 115) | (t_first == 110))
        inline_type = typed & (value_length == 9) & (t_first == 105) & (a[opening + 7] == 83)
        if (typed & ~plain_type & ~inline_type).any():
            return None
        kind[here[plain_type & (t_first == 115)]] = 115
        kind[here[inline_type]] = 105
        last_close = last_close.copy()
        last_close[here] = closing
    closing_slash = a[tag_end - 1] == 47
    spaced = closing_slash & (a[tag_end - 2] == 32)  # openpyxl: <c r="E7" t="inlineStr" />
    if not (tag_end == last_close + 1 + closing_slash + spaced).all():
        return None

    # --- values: <v>…</v></c>, <is><t>…</t></is></c>, or none
    filled = ~closing_slash
    inline = kind == 105
    value_start = np.zeros(len(cells_at), dtype=np.int64)
    value_end = np.zeros(len(cells_at), dtype=np.int64)
    at_v = filled & ~inline
    at_is = filled & inline
    if at_v.any():
        start = tag_end[at_v] + 1
        if not ((words[start] & 0xFFFFFF) == _word(b"<v>\0")).all():
            return None
        end = lt[cell_index[at_v] + 2]
        if not ((words[end] == _word(b"</v>")) & (words[end + 4] == _word(b"</c>"))).all():
            return None
        value_start[at_v], value_end[at_v] = start + 3, end
    if at_is.any():
        start = tag_end[at_is] + 1
        if not ((words[start] == _word(b"<is>")) & (words[start + 3] == _word(b"><t>"))).all():
            return None
        end = lt[cell_index[at_is] + 3]
        if not (
            (words[end] == _word(b"</t>"))
            & (words[end + 4] == _word(b"</is"))
            & (words[end + 8] == _word(b"></c"))
            & (a[end + 12] == 62)
        ).all():
            return None
        value_start[at_is], value_end[at_is] = start + 7, end
    # Every "<" of the block is a row's start or end, or a tag checked above.
    tags = 2 * count + int((closing_slash + at_v * 4 + at_is * 6).sum())
    if tags != len(lt):
        return None
    length = value_end - value_start
    if (length > cell_chars).any():
        return None
    # An entity, a line break, the separator or an escape (_x000D_) anywhere in the block
    # (found at C speed; most blocks have none) is looked for in the values themselves.
    if any(block.find(mark) >= 0 for mark in (b"&", b"\n", b"\r", b"\x1f", b"_x")):
        owner, within = _spans(length)
        value_bytes = a[value_start[owner] + within]
        if _UNSAFE[value_bytes].any():
            return None
        escape = (value_bytes[:-1] == 95) & (value_bytes[1:] == 120)
        if (escape & (owner[:-1] == owner[1:])).any():
            return None
    # A value whose first byte is not a space or a non-ASCII byte is not blank (the others
    # may be: a row with no such value is left to the other path).
    solid = (length > 0) & _SOLID[a[value_start]]

    # --- where each cell goes
    row_of = np.searchsorted(rows_at, cells_at) - 1
    key = row_of * (1 << 20) + column
    if len(key) > 1 and (np.diff(key) <= 0).any():
        return None
    nonempty = length > 0
    if ((column >= width) & nonempty).any() or (column >= max_columns).any():
        return None
    keep = nonempty & (column < width)

    source = np.zeros(len(cells_at), dtype=np.int8)  # 1 block, 2 shared string, 3 Python
    src_start = value_start.copy()
    src_length = length.copy()

    shared = keep & (kind == 115)
    if shared.any():
        here = np.flatnonzero(shared)
        if (length[here] > 9).any():
            return None
        index, all_digits = _checked_digits(a, value_start[here], length[here])
        if not all_digits.all():
            return None
        if (index >= len(strings.offsets) - 1).any():
            return None
        if not strings.packable[index].all():
            return None
        source[here] = 2
        src_start[here] = strings.offsets[index]
        src_length[here] = strings.offsets[index + 1] - strings.offsets[index]
        solid[here] = strings.solid[index]
        if (src_length[here] > cell_chars).any():
            return None
    number = keep & (kind == 0)
    source[keep & (kind == 105)] = 1
    extra_text: list[bytes] = []
    extra_size = 0
    if number.any():
        here = np.flatnonzero(number)
        _, all_digits = _checked_digits(a, value_start[here], np.minimum(length[here], 16))
        plain = (
            all_digits
            & (length[here] < 16)
            & ((a[value_start[here]] != 48) | (length[here] == 1))
            & (style_length[here] == 0)
        )
        source[here[plain]] = 1
        for i in here[~plain].tolist():
            value = block[int(value_start[i]) : int(value_end[i])]
            style = block[int(style_start[i]) : int(style_start[i] + style_length[i])]
            text = python_text(value, style).encode("utf-8")
            if b"\n" in text or b"\r" in text or b"\x1f" in text:
                return None
            src_start[i] = extra_size
            src_length[i] = len(text)
            extra_text.append(text)
            extra_size += len(text)
            source[i] = 3
            solid[i] = bool(text.strip())
    # A row with no non-space ASCII byte may be blank: the other path decides.
    row_solid = np.bincount(row_of[keep & solid], minlength=count)
    if (row_solid == 0).any():
        return None

    # --- the grid: each row's cells side by side, separated, one line per row
    lengths = np.zeros((count, width), dtype=np.int64)
    lengths[row_of[keep], column[keep]] = src_length[keep]
    row_length = lengths.sum(axis=1) + width
    row_start = np.cumsum(row_length) - row_length
    starts = row_start[:, None] + (np.cumsum(lengths, axis=1) - lengths) + np.arange(width)
    total = int(row_length.sum())
    out = np.full(total, _SEPARATOR, dtype=np.uint8)
    out[row_start + row_length - 1] = 10
    extra = np.frombuffer(b"".join(extra_text), dtype=np.uint8)
    for code, data in ((1, a), (2, strings.data), (3, extra)):
        chosen = np.flatnonzero(source == code)
        if not len(chosen):
            continue
        sizes = src_length[chosen]
        owner, within = _spans(sizes)
        target = starts[row_of[chosen], column[chosen]]
        out[target[owner] + within] = data[src_start[chosen][owner] + within]
    offset = np.int32 if total < 1 << 31 else np.int64
    return Grid(
        data=out.tobytes(),
        rows=numbers.astype(np.int64),
        starts=starts.astype(offset),
        ends=(starts + lengths).astype(offset),
        delimiter="\x1f",
    )
