"""Validation of a :class:`~phbs.ingest.grid.Grid` column by column, with numpy.

Same rules, same results as validating its rows one by one (:mod:`phbs.ingest.validate`),
which stays the reference: a row goes that way whenever it is not plainly well formed — an
id with spaces at its ends or longer than 32 bytes, a village code that is blank or does not
parse, any cell of a known column longer than 32 bytes. For the others, each distinct value
of a column (a village code, a date, a pattern of context and answer cells) is read once
and mapped back to its rows; issues are made for the rows that have them, in row order.

:func:`prepare` does what depends only on a grid's bytes (which records are plain, each
column's codes) on the reading thread (:func:`phbs.threads.read_ahead`); :func:`grid_rows`
validates the prepared grid on the caller's thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, overload

import numpy as np
from numpy.typing import NDArray

from phbs.ingest.grid import MAX_WORDS, Codebook, Grid, distinct_codes, hash_packed, packed
from phbs.ingest.resolve import IssueSpec, Unknown, answer_state, context_value
from phbs.ingest.seen import combine
from phbs.ingest.survey import Factor, HouseholdBatch
from phbs.issues import make_issue
from phbs.states import MISSING

if TYPE_CHECKING:
    import datetime as dt

    from phbs.forms.model import Form
    from phbs.ingest.answers import AnswerTable
    from phbs.ingest.exports import ExportLayout
    from phbs.ingest.readers import RawTable
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
# What is wrong with a row's survey date (see _View._dates).
_UNREADABLE, _IMPLAUSIBLE = 1, 2
_TEXT = ("nama_desa", "dusun", "rw", "rt", "tanggal_survei", "petugas", "nama_kepala_rt")
_LONGEST = 8 * MAX_WORDS


class _Ids(Sequence[str]):
    """Household ids of some grid records, decoded only when read (holding the segment's
    bytes and the ids' offsets, not the whole grid)."""

    def __init__(self, grid: Grid, rows: NDArray[np.intp], column: int) -> None:
        self.data = grid.data
        self.starts = grid.starts[rows, column]
        self.ends = grid.ends[rows, column]

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...
    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return self.data[int(self.starts[i]) : int(self.ends[i])].decode("utf-8")


class _Column:
    """One column of some grid records: distinct raw texts and a code per record."""

    def __init__(self, texts: list[str], codes: NDArray[np.intp]) -> None:
        self.texts, self.codes = texts, codes

    def take(self, rows: NDArray[np.intp]) -> _Column:
        """The column for records ``rows`` only, with only the texts they hold: each text is
        resolved once for the records that have it, and the file's answer spellings seen
        (for the meaning of ``N`` and of blank cells) must be those of the records validated,
        as row by row; a record set aside first (a bad village code) shows none."""
        if len(rows) == len(self.codes):
            return self
        present, local = distinct_codes(self.codes[rows], len(self.texts))
        return _Column([self.texts[k] for k in present.tolist()], local)


@dataclass(frozen=True)
class ReadGrid:
    """A grid prepared on the reading thread (:func:`prepare`): its words, which records
    are plain as far as their bytes tell (an id of 1 to 32 printable bytes without spaces at
    its ends, no known cell longer than 32 bytes), and the columns validation reads,
    factorised over every record."""

    grid: Grid
    words: NDArray[np.uint64]
    plain: NDArray[np.bool_]
    columns: dict[int, _Column]


@dataclass(frozen=True)
class _Layout:
    """Where the columns validation reads are in a file."""

    id_at: int
    code_at: int
    text_at: dict[str, int]
    pattern_at: list[int]

    @classmethod
    def of(cls, form: Form, index: dict[str, int]) -> _Layout:
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
    layout = _Layout.of(form, index)
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
    columns = {}
    for at in layout.read:
        book = books.setdefault(at, Codebook())
        texts, codes, clash = book.column(grid, words, at, compact=at != layout.code_at)
        if clash is not None:
            plain &= ~clash
        columns[at] = _Column(texts, codes)
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


def keyed_rows(v: Validator, read: ReadGrid, layout: _Layout) -> KeyedRows:
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
    keyed = keyed_rows(v, read, _Layout.of(v.form, index))
    hit = keyed.rows[np.isin(keyed.key_hash, hashes)]
    check = np.union1d(hit, np.flatnonzero(~keyed.fast))
    return [(int(grid.rows[i]), grid.cells(int(i))) for i in check.tolist()]


def grid_rows(v: Validator, table: RawTable, counts: FileCounts, read: ReadGrid) -> None:
    """Validate every record of a prepared grid (a file whose identity columns are present)."""
    grid = read.grid
    v.count_rows(counts, len(grid))
    index = counts.columns.index
    layout = _Layout.of(v.form, index)
    keyed = keyed_rows(v, read, layout)
    fast = keyed.fast
    view = _View(v, table, read, keyed, layout, index)
    done = 0
    for low, high in _runs(fast):
        if fast[low]:
            v.flush()
            view.run(counts, done, done + high - low)
            done += high - low
        else:
            for i in range(low, high):
                v.one_row(table, counts, None, int(grid.rows[i]), grid.cells(i))


def _runs(mask: NDArray[np.bool_]) -> list[tuple[int, int]]:
    change = np.flatnonzero(np.diff(mask.astype(np.int8))) + 1
    bounds = [0, *change.tolist(), len(mask)]
    return [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1) if bounds[k + 1] > bounds[k]]


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
        return _factor([self.dotted[k] for k in present.tolist()], local)


class _View:
    """The well-formed records of a grid, their columns read once."""

    def __init__(
        self,
        v: Validator,
        table: RawTable,
        prepared: ReadGrid,
        keyed: KeyedRows,
        layout: _Layout,
        index: dict[str, int],
    ) -> None:
        self.v, self.table, self.grid, self.rows = v, table, prepared.grid, keyed.rows
        self.id_at = layout.id_at
        self.key_hash = keyed.key_hash
        self.village_codes = keyed.village_codes
        self.codebook = keyed.villages
        self.villages = keyed.villages.villages
        rows = keyed.rows
        read = {at: prepared.columns[at].take(rows) for at in layout.read[1:]}
        self.text: dict[str, tuple[list[str], NDArray[np.intp]]] = {}
        for code, at in layout.text_at.items():
            column = read[at]
            self.text[code] = ([t.strip() for t in column.texts], column.codes)
        self._resolve(index, read)

    def _resolve(self, index: dict[str, int], read: dict[int, _Column]) -> None:
        """Context and answer cells, each distinct (cell, context value) resolved once."""
        v, n = self.v, len(self.rows)
        form = v.form
        not_applicable = v.resolver.not_applicable
        self.cell_issues: list[tuple[list[IssueSpec | None], NDArray[np.intp]]] = []
        self.answer_issues: list[tuple[list[list[IssueSpec]], NDArray[np.intp]]] = []
        self.context: dict[str, NDArray[np.object_]] = {}
        context: dict[str, tuple[list[int | Unknown | None], NDArray[np.intp]]] = {}
        for ctx in form.context:
            kept = np.empty(n, dtype=object)
            if ctx.code not in index:
                kept[:] = None
                self.context[ctx.code] = kept
                continue
            column = read[index[ctx.code]]
            resolved = [context_value(ctx, t.strip(), not_applicable) for t in column.texts]
            values = [value for value, _ in resolved]
            context[ctx.code] = (values, column.codes)
            self.cell_issues.append(([issue for _, issue in resolved], column.codes))
            shown = np.empty(len(values), dtype=object)
            shown[:] = [value if isinstance(value, int) else None for value in values]
            kept[:] = shown[column.codes]
            self.context[ctx.code] = kept
        self.states = np.full((n, len(form.codes)), MISSING, dtype=np.int8)
        for j, indicator in enumerate(form.indicators):
            if indicator.code not in index:
                continue
            column = read[index[indicator.code]]
            decided_by = indicator.applies_to.context
            if decided_by in context:
                values, ctx_codes = context[decided_by]
                pairs = column.codes * len(values) + ctx_codes
                distinct, codes = distinct_codes(pairs, len(column.texts) * len(values))
                keys = [(p // len(values), values[p % len(values)]) for p in distinct.tolist()]
            else:
                codes = column.codes
                keys = [(t, None) for t in range(len(column.texts))]
            states = np.empty(len(keys), dtype=np.int8)
            issues: list[list[IssueSpec]] = []
            for k, (text, ctx_value) in enumerate(keys):
                state, found = answer_state(
                    indicator,
                    column.texts[text].strip(),
                    v.answers,
                    decided_by if decided_by in context else None,
                    ctx_value,
                )
                states[k] = state
                issues.append(found)
            codes = codes.reshape(-1).astype(np.intp)
            self.states[:, j] = states[codes]
            self.answer_issues.append((issues, codes))
        self.noisy = np.zeros(n, dtype=bool)
        for specs, codes in self.cell_issues:
            self.noisy |= np.array([s is not None for s in specs], dtype=bool)[codes]
        for lists, codes in self.answer_issues:
            self.noisy |= np.array([bool(found) for found in lists], dtype=bool)[codes]

    def row_issues(self, k: int) -> list[IssueSpec]:
        """The context and answer issues of fast record ``k``, in form order."""
        found: list[IssueSpec] = []
        for specs, codes in self.cell_issues:
            spec = specs[codes[k]]
            if spec is not None:
                found.append(spec)
        for lists, codes in self.answer_issues:
            found.extend(lists[codes[k]])
        return found

    def field(self, code: str, part: slice) -> tuple[list[str], NDArray[np.intp]]:
        texts, codes = self.text.get(code, ([""], np.zeros(len(self.rows), dtype=np.intp)))
        return texts, codes[part]

    def run(self, counts: FileCounts, low: int, high: int) -> None:
        """Validate records ``rows[low:high]`` (consecutive in the file) and hand them on."""
        v, grid = self.v, self.grid
        part = slice(low, high)
        rows = self.rows[part]
        village_codes = self.village_codes[part]
        key_hash = self.key_hash[part]
        repeated = v.seen.add(key_hash)
        for k in np.flatnonzero(repeated):
            cells = grid.cells(int(rows[k]))
            fields = {code: cells[at].strip() for code, at in v.standard}
            village = self.villages[village_codes[k]]
            assert village is not None
            v.suspect(int(grid.rows[rows[k]]), cells, cells, fields, village, int(key_hash[k]))
        kept = np.flatnonzero(~repeated)
        if not len(kept):
            return
        names, dates = self._names(part), self._dates(part)
        self._issues(part, kept, names[2], dates[2])
        counts.scored += len(kept)
        v.sink(self._batch(part, kept, names, dates))

    def _names(self, part: slice) -> tuple[list[str], NDArray[np.intp], NDArray[np.bool_]]:
        """The name each household is scored under, and whether the file's name differs."""
        names, name_codes = self.field("nama_desa", part)
        if not any(names):  # no names in the file: each village's name from the table
            present, local = distinct_codes(self.village_codes[part], len(self.codebook.names))
            shown = [self.codebook.names[k] for k in present.tolist()]
            return shown, local, np.zeros(len(local), dtype=bool)
        pairs = self.village_codes[part] * len(names) + name_codes
        distinct, codes = np.unique(pairs, return_inverse=True)
        scored: list[str] = []
        differs = np.zeros(len(distinct), dtype=bool)
        for j, pair in enumerate(distinct.tolist()):
            village = self.villages[pair // len(names)]
            assert village is not None
            file_name = names[pair % len(names)]
            scored.append(village.name or file_name)
            differs[j] = bool(
                village.name is not None
                and file_name
                and self.v.name_key(file_name) != village.name_key
            )
        return scored, codes.reshape(-1).astype(np.intp), differs[codes.reshape(-1)]

    def _dates(self, part: slice) -> tuple[list[str], NDArray[np.intp], NDArray[np.int8]]:
        """Dates as ISO text, and per row what is wrong: 0 nothing, 1 unreadable,
        2 implausible (:func:`~phbs.ingest.values.implausible_date`)."""
        texts, codes = self.field("tanggal_survei", part)
        parsed = [self.v.parsed_date(text) for text in texts]
        iso = [d.isoformat() if d is not None else "" for d in parsed]
        kinds = [
            _UNREADABLE if t and d is None else _IMPLAUSIBLE if d and self.v.odd_date(d) else 0
            for t, d in zip(texts, parsed, strict=True)
        ]
        return iso, codes, np.array(kinds, dtype=np.int8)[codes]

    def _issues(
        self,
        part: slice,
        kept: NDArray[np.intp],
        differs: NDArray[np.bool_],
        bad_date: NDArray[np.int8],
    ) -> None:
        """Issues of the kept records, in row order, as :meth:`Validator.keep` makes them."""
        v, file = self.v, self.table.name
        unknown = self.codebook.unknown[self.village_codes[part]]
        texts, date_codes = self.field("tanggal_survei", part)
        noisy = self.noisy[part]
        flagged = (unknown | differs | (bad_date > 0) | noisy)[kept]
        names, name_codes = self.field("nama_desa", part)
        for k in kept[flagged]:
            row = int(self.grid.rows[self.rows[part][k]])
            village = self.villages[self.village_codes[part][k]]
            assert village is not None
            if unknown[k] or differs[k]:
                issue = v.name_issue(file, row, village, names[name_codes[k]])
                if issue is not None:
                    v.add_issue(issue)
            if bad_date[k]:
                text = texts[date_codes[k]]
                code = "tanggal-salah" if bad_date[k] == _UNREADABLE else "tanggal-tidak-wajar"
                v.add_issue(
                    make_issue(code, file=file, row=row, column="tanggal_survei", value=text)
                )
            for spec in self.row_issues(part.start + int(k)):
                v.add_issue(spec.issue(file, row))

    def _batch(
        self,
        part: slice,
        kept: NDArray[np.intp],
        names: tuple[list[str], NDArray[np.intp], NDArray[np.bool_]],
        dates: tuple[list[str], NDArray[np.intp], NDArray[np.int8]],
    ) -> HouseholdBatch:
        rows = self.rows[part][kept]
        scored_names, name_codes, _ = names
        iso_dates, date_codes, _ = dates
        states = self.states[part][kept]
        context = {code: list(values[part][kept]) for code, values in self.context.items()}
        text = {}
        for code in ("dusun", "rw", "rt", "petugas", "nama_kepala_rt"):
            texts, codes = self.field(code, part)
            text[code] = _factor(texts, codes[kept])
        return HouseholdBatch(
            file_index=self.v.file_index,
            row_number=self.grid.rows[rows].astype(np.int64),
            ids=_Ids(self.grid, rows, self.id_at),
            kode_desa=self.codebook.factor(self.village_codes[part][kept]),
            nama_desa=_factor(scored_names, name_codes[kept]),
            tanggal_survei=_factor(iso_dates, date_codes[kept]),
            context=context,
            states=states,
            **text,
        )


def _factor(values: list[str], codes: NDArray[np.intp]) -> Factor:
    """A factor with each value once (raw spellings that strip to one value are merged)."""
    position: dict[str, int] = {}
    remap = np.array([position.setdefault(value, len(position)) for value in values], np.intp)
    return Factor(list(position), remap[codes] if len(codes) else codes)
