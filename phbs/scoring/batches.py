"""A scored survey as batches of households with their outcomes, the way a stream of files
is scored (:mod:`phbs.scoring.streaming`), so that both give the same totals."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from phbs.ingest.survey import Factor, HouseholdBatch, HouseholdTable
from phbs.scoring.household import HouseholdOutcomes

#: Households per batch when a table held in memory is handed on in batches.
BATCH_ROWS = 65_536


def table_batches(
    table: HouseholdTable, *, cuts: Iterable[int] = (), size: int = BATCH_ROWS
) -> Iterator[HouseholdBatch]:
    """Hand a table held in memory on as batches, in order: one file per batch, at most
    ``size`` households, and a new batch at every position in ``cuts``."""
    stops = {len(table)} | {c for c in cuts if 0 < c < len(table)}
    files = np.asarray(table.file_index, dtype=np.int64)
    stops |= set((np.flatnonzero(files[1:] != files[:-1]) + 1).tolist())
    start = 0
    for stop in sorted(stops):
        for begin in range(start, stop, max(size, 1)):
            yield _table_batch(table, begin, min(stop, begin + max(size, 1)))
        start = stop


def _table_batch(table: HouseholdTable, start: int, stop: int) -> HouseholdBatch:
    def factor(column: list[str]) -> Factor:
        return factor_of(column[start:stop])

    return HouseholdBatch(
        file_index=table.file_index[start],
        row_number=np.asarray(table.row_number[start:stop], dtype=np.int64),
        ids=table.ids[start:stop],
        kode_desa=factor(table.kode_desa),
        nama_desa=factor(table.nama_desa),
        dusun=factor(table.dusun),
        rw=factor(table.rw),
        rt=factor(table.rt),
        tanggal_survei=factor(table.tanggal_survei),
        petugas=factor(table.petugas),
        nama_kepala_rt=factor(table.nama_kepala_rt),
        context={code: values[start:stop] for code, values in table.context.items()},
        states=table.states[start:stop],
    )


def outcomes_slice(outcomes: HouseholdOutcomes, start: int, stop: int) -> HouseholdOutcomes:
    """The outcomes of households ``start`` to ``stop`` (views, not copies)."""
    return HouseholdOutcomes(
        na_policy=outcomes.na_policy,
        berlaku=outcomes.berlaku[start:stop],
        ya=outcomes.ya[start:stop],
        tidak=outcomes.tidak[start:stop],
        kosong=outcomes.kosong[start:stop],
        tidak_berlaku=outcomes.tidak_berlaku[start:stop],
        status=outcomes.status[start:stop],
        met=outcomes.met[start:stop],
        index=outcomes.index[start:stop],
        class_index=outcomes.class_index[start:stop],
    )


def scored_batches(
    table: HouseholdTable,
    outcomes: HouseholdOutcomes,
    *,
    cuts: Iterable[int] = (),
    size: int = BATCH_ROWS,
) -> Iterator[tuple[HouseholdBatch, HouseholdOutcomes]]:
    """:func:`table_batches` with each batch's slice of ``outcomes``."""
    start = 0
    for batch in table_batches(table, cuts=cuts, size=size):
        stop = start + len(batch)
        yield batch, outcomes_slice(outcomes, start, stop)
        start = stop


def factor_of(items: list[str]) -> Factor:
    """:meth:`Factor.from_list` with the loops in C: distinct values in first-seen order."""
    values = list(dict.fromkeys(items))
    position = {value: i for i, value in enumerate(values)}
    codes = np.fromiter(map(position.__getitem__, items), dtype=np.intp, count=len(items))
    return Factor(values, codes)
