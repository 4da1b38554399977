"""The grids the column-wise validation path (:mod:`phbs.ingest.fast`) reads, prepared.

What the path uses of the validator (:class:`Validator`), the village codes met in a file
(:class:`VillageCodes`), a grid prepared on the reading thread from its bytes alone
(:class:`ReadGrid`, :func:`prepare`), and which of its records the path validates and the
household key of each (:func:`keyed_rows`, :func:`first_row_candidates`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from numpy.typing import NDArray

from phbs.ingest.grid import MAX_WORDS, Codebook, Grid, distinct_codes, hash_packed, packed
from phbs.ingest.seen import combine
from phbs.ingest.survey import Factor, HouseholdBatch

if TYPE_CHECKING:
    import datetime as dt

    from phbs.forms.model import Form
    from phbs.ingest.answers import AnswerTable
    from phbs.ingest.exports import ExportLayout
    from phbs.ingest.raw_table import RawTable
    from phbs.ingest.records import FileCounts, Village
    from phbs.ingest.resolve import CellResolver
    from phbs.ingest.seen import SeenHashes
    from phbs.issues import Issue


class VillageLookup(Protocol):
    """Finds villages by the code a file gives (:class:`VillageCodes` asks it once per code)."""

    def village_of(self, raw_code: str) -> Village | None: ...
    def scope_hash(self, village: Village) -> int: ...


class Validator(VillageLookup, Protocol):
    """What the column path uses of the validator (:class:`phbs.ingest.validate.Validator`):
    its state across rows and files, and the row path it hands odd records to."""

    form: Form
    answers: AnswerTable
    seen: SeenHashes
    sink: Callable[[HouseholdBatch], None]
    resolver: CellResolver
    standard: list[tuple[str, int]]
    file_index: int

    def add_issue(self, issue: Issue, group: int = ...) -> None: ...
    def name_key(self, file_name: str) -> str: ...
    def parsed_date(self, text: str) -> dt.date | None: ...
    def odd_date(self, date: dt.date) -> bool: ...
    def village_of(self, raw_code: str) -> Village | None: ...
    def village_codes(self, texts: list[str]) -> VillageCodes: ...
    def scope_hash(self, village: Village) -> int: ...
    def count_rows(self, counts: FileCounts, rows: int = 1) -> None: ...
    def flush(self) -> None: ...
    def name_issue(self, file: str, row: int, village: Village, file_name: str) -> Issue | None: ...
    def one_row(
        self,
        table: RawTable,
        counts: FileCounts,
        layout: ExportLayout | None,
        row_number: int,
        raw_cells: list[str],
    ) -> None: ...
    def suspect(
        self,
        row_number: int,
        raw_cells: list[str],
        cells: list[str],
        fields: dict[str, str],
        village: Village,
        key_hash: int,
    ) -> None: ...


# The standard text columns a household keeps, besides its id and village code.
_TEXT = ("nama_desa", "dusun", "rw", "rt", "tanggal_survei", "petugas", "nama_kepala_rt")
_LONGEST = 8 * MAX_WORDS


class Column:
    """One column of some grid records: distinct raw texts and a code per record."""

    def __init__(self, texts: list[str], codes: NDArray[np.intp]) -> None:
        self.texts, self.codes = texts, codes

    def take(self, rows: NDArray[np.intp]) -> Column:
        """The column for records ``rows`` only, with only the texts they hold: each text is
        resolved once for the records that have it, and the file's answer spellings seen
        (for the meaning of ``N`` and of blank cells) must be those of the records validated,
        as row by row; a record set aside first (a bad village code) shows none."""
        if len(rows) == len(self.codes):
            return self
        present, local = distinct_codes(self.codes[rows], len(self.texts))
        return Column([self.texts[k] for k in present.tolist()], local)


@dataclass(frozen=True)
class ReadGrid:
    """A grid prepared on the reading thread (:func:`prepare`): its words, which records
    are plain as far as their bytes tell (an id of 1 to 32 printable bytes without spaces at
    its ends, no known cell longer than 32 bytes), and the columns validation reads,
    factorised over every record."""

    grid: Grid
    words: NDArray[np.uint64]
    plain: NDArray[np.bool_]
    columns: dict[int, Column]


@dataclass(frozen=True)
class Layout:
    """Where the columns validation reads are in a file."""

    id_at: int
    code_at: int
    text_at: dict[str, int]
    pattern_at: list[int]

    @classmethod
    def of(cls, form: Form, index: dict[str, int]) -> Layout:
        codes = [x.code for x in form.context] + form.codes
        return cls(
            id_at=index["id_rumah_tangga"],
            code_at=index["kode_desa"],
            text_at={code: index[code] for code in _TEXT if code in index},
            pattern_at=[index[c] for c in codes if c in index],
        )

    @property
    def read(self) -> list[int]:
        """The columns factorised: the village code first, then texts, context, answers."""
        return [self.code_at, *self.text_at.values(), *self.pattern_at]


def prepare(grid: Grid, form: Form, index: dict[str, int], books: dict[int, Codebook]) -> ReadGrid:
    """Everything about ``grid`` that depends only on its bytes and the file's earlier
    segments (``books``, a :class:`Codebook` per column), not on validation, so that the
    reading thread can do it while the previous grid is validated."""
    layout = Layout.of(form, index)
    data = np.frombuffer(grid.data, dtype=np.uint8)
    id_start = grid.starts[:, layout.id_at]
    id_length = grid.ends[:, layout.id_at] - id_start
    edge_first = data[np.minimum(id_start, len(data) - 1)]
    edge_last = data[np.clip(id_start + id_length - 1, 0, len(data) - 1)]
    plain = (id_length > 0) & (id_length <= _LONGEST)
    plain &= (edge_first > 0x20) & (edge_first < 0x7F) & (edge_last > 0x20) & (edge_last < 0x7F)
    plain &= ~_long_cells(grid, layout.read)
    words = grid.words()
    # An id with a byte past ASCII may hold invisible characters: the row-by-row path
    # cleans and reports them.
    plain &= ~_non_ascii(words, id_start, id_length)
    # A KK/NIK number grouped or marked as text ('6310 0123 …), or one in scientific
    # notation (6,31E+15): the row-by-row path compares and reports them (§1.2, §8.2).
    plain &= ~((id_length > 16) | (edge_first == 0x27))
    plain &= ~_holds(words, id_start, id_length, ord("+"))
    columns = {}
    for at in layout.read:
        book = books.setdefault(at, Codebook())
        texts, codes, clash = book.column(grid, words, at, compact=at != layout.code_at)
        if clash is not None:
            plain &= ~clash
        columns[at] = Column(texts, codes)
    return ReadGrid(grid, words, plain, columns)


_LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], dtype=np.uint64)
_HIGH_BITS = np.uint64(0x8080808080808080)


def _non_ascii(
    words: NDArray[np.uint64],
    start: NDArray[np.signedinteger[Any]],
    length: NDArray[np.signedinteger[Any]],
) -> NDArray[np.bool_]:
    """Which cells (at most :data:`_LONGEST` bytes, given by ``start`` and ``length``)
    hold a byte past ASCII, eight bytes at a time."""
    found = np.zeros(len(start), dtype=bool)
    last = len(words) - 1
    for offset in range(0, _LONGEST, 8):
        keep = np.clip(length - offset, 0, 8)
        chunk = words[np.minimum(start + offset, last)]
        found |= (chunk & _LOW_BYTES[keep] & _HIGH_BITS) != 0
    return found


_ONES = np.uint64(0x0101010101010101)


def _holds(
    words: NDArray[np.uint64],
    start: NDArray[np.signedinteger[Any]],
    length: NDArray[np.signedinteger[Any]],
    byte: int,
) -> NDArray[np.bool_]:
    """Which cells (at most :data:`_LONGEST` bytes) hold ``byte``, eight bytes at a time (a
    zero byte of ``chunk ^ byte…`` is found with the usual carry trick)."""
    found = np.zeros(len(start), dtype=bool)
    last = len(words) - 1
    pattern = np.uint64(byte) * _ONES
    for offset in range(0, _LONGEST, 8):
        keep = _LOW_BYTES[np.clip(length - offset, 0, 8)]
        chunk = (words[np.minimum(start + offset, last)] ^ pattern) | ~keep
        found |= ((chunk - _ONES) & ~chunk & _HIGH_BITS) != 0
    return found


def _long_cells(grid: Grid, columns: list[int]) -> NDArray[np.bool_]:
    lengths = grid.ends[:, columns] - grid.starts[:, columns]
    return np.asarray((lengths > _LONGEST).any(axis=1))


@dataclass(frozen=True)
class KeyedRows:
    """The records of a prepared grid the column-wise path reads (plain, with a village
    code that parses), their village codes and their household key hashes."""

    fast: NDArray[np.bool_]  # per record of the grid
    rows: NDArray[np.intp]
    village_codes: NDArray[np.intp]
    villages: VillageCodes
    key_hash: NDArray[np.uint64]


def keyed_rows(v: Validator, read: ReadGrid, layout: Layout) -> KeyedRows:
    """Which records of ``read`` are validated column-wise, and the key of each."""
    grid = read.grid
    fast = read.plain.copy()
    rows = np.flatnonzero(fast)
    column = read.columns[layout.code_at]
    villages = v.village_codes(column.texts)
    village_codes = column.codes[rows]
    bad = villages.bad[village_codes]
    if bad.any():
        fast[rows[bad]] = False
        rows, village_codes = rows[~bad], village_codes[~bad]
    starts = grid.starts[rows, layout.id_at]
    lengths = grid.ends[rows, layout.id_at] - starts
    id_hash = hash_packed(packed(read.words, starts, lengths, MAX_WORDS))
    key_hash = combine(id_hash, villages.scope[village_codes])
    return KeyedRows(fast, rows, village_codes, villages, key_hash)


def first_row_candidates(
    v: Validator, read: ReadGrid, index: dict[str, int], hashes: NDArray[np.uint64]
) -> list[tuple[int, list[str]]]:
    """The records of ``read`` that may be the first row of a suspect's key (its hash is
    one of ``hashes``, sorted), and those the first pass read one by one, as text cells in
    file order: the rest need not be read again."""
    grid = read.grid
    keyed = keyed_rows(v, read, Layout.of(v.form, index))
    hit = keyed.rows[np.isin(keyed.key_hash, hashes)]
    check = np.union1d(hit, np.flatnonzero(~keyed.fast))
    return [(int(grid.rows[i]), grid.cells(int(i))) for i in check.tolist()]


class VillageCodes:
    """What validation needs of each village code met in a file, by its code in the
    file's village :class:`~phbs.ingest.grid.Codebook`: read once per distinct code, not
    once per segment."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts  # the codebook's list (it grows as segments are read)
        self.villages: list[Village | None] = []
        self.dotted: list[str] = []
        self.names: list[str] = []  # the table's name ("" when it has none)
        self.bad = np.zeros(0, dtype=bool)
        self.unknown = np.zeros(0, dtype=bool)
        self.scope = np.zeros(0, dtype=np.uint64)

    def extend(self, v: VillageLookup) -> None:
        """Read the codes the codebook added since the last call."""
        new = self.texts[len(self.villages) :]
        if not new:
            return
        found = [v.village_of(t.strip()) if t.strip() else None for t in new]
        self.villages.extend(found)
        self.dotted.extend(x.dotted if x else "" for x in found)
        self.names.extend((x.name or "") if x else "" for x in found)
        self.bad = np.append(self.bad, [x is None for x in found])
        self.unknown = np.append(self.unknown, [x is not None and x.name is None for x in found])
        scope = [v.scope_hash(x) if x else 0 for x in found]
        self.scope = np.append(self.scope, np.array(scope, dtype=np.uint64))

    def factor(self, codes: NDArray[np.intp]) -> Factor:
        """The dotted village codes of some records, each distinct value once."""
        present, local = distinct_codes(codes, len(self.dotted))
        return factor([self.dotted[k] for k in present.tolist()], local)


def factor(values: list[str], codes: NDArray[np.intp]) -> Factor:
    """A factor with each value once (raw spellings that strip to one value are merged)."""
    position: dict[str, int] = {}
    remap = np.array([position.setdefault(value, len(position)) for value in values], np.intp)
    return Factor(list(position), remap[codes] if len(codes) else codes)
