"""Validation of a :class:`~phbs.ingest.grid.Grid` column by column, with numpy.

Same rules, same results as validating its rows one by one (:mod:`phbs.ingest.validate`),
which stays the reference: a row goes that way whenever it is not plainly well formed — an
id with spaces at its ends or longer than 32 bytes, a village code that is blank or does not
parse, any cell of a known column longer than 32 bytes. For the others, each distinct value
of a column (a village code, a date, a pattern of context and answer cells) is read once
and mapped back to its rows; issues are made for the rows that have them, in row order.

:func:`~phbs.ingest.prepared_grid.prepare` does what depends only on a grid's bytes (which
records are plain, each column's codes) on the reading thread (:func:`phbs.threads.read_ahead`);
:func:`grid_rows` validates the prepared grid on the caller's thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, overload

import numpy as np
from numpy.typing import NDArray

from phbs.ingest.grid import Grid, distinct_codes
from phbs.ingest.prepared_grid import (
    Column,
    KeyedRows,
    Layout,
    ReadGrid,
    Validator,
    factor,
    keyed_rows,
)
from phbs.ingest.resolve import IssueSpec, Unknown, answer_state, context_value
from phbs.ingest.survey import HouseholdBatch
from phbs.issues import make_issue
from phbs.states import MISSING

if TYPE_CHECKING:
    from phbs.ingest.raw_table import RawTable
    from phbs.ingest.records import FileCounts


# What is wrong with a row's survey date (see _View._dates).
_UNREADABLE, _IMPLAUSIBLE = 1, 2


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


def grid_rows(v: Validator, table: RawTable, counts: FileCounts, read: ReadGrid) -> None:
    """Validate every record of a prepared grid (a file whose identity columns are present)."""
    grid = read.grid
    v.count_rows(counts, len(grid))
    index = counts.columns.index
    layout = Layout.of(v.form, index)
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


class _View:
    """The well-formed records of a grid, their columns read once."""

    def __init__(
        self,
        v: Validator,
        table: RawTable,
        prepared: ReadGrid,
        keyed: KeyedRows,
        layout: Layout,
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

    def _resolve(self, index: dict[str, int], read: dict[int, Column]) -> None:
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
            text[code] = factor(texts, codes[kept])
        return HouseholdBatch(
            file_index=self.v.file_index,
            row_number=self.grid.rows[rows].astype(np.int64),
            ids=_Ids(self.grid, rows, self.id_at),
            kode_desa=self.codebook.factor(self.village_codes[part][kept]),
            nama_desa=factor(scored_names, name_codes[kept]),
            tanggal_survei=factor(iso_dates, date_codes[kept]),
            context=context,
            states=states,
            **text,
        )


if not TYPE_CHECKING:  # names of version 0.1, handed on with a warning for a release
    from phbs._moved import handed_on

    __getattr__ = handed_on(__name__)
