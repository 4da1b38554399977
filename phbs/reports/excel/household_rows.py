"""The rows of the *Rumah Tangga* sheets, built a batch of households at a time.

Each batch's columns are turned into cell values with numpy and list operations (village,
status and answer texts picked from small tables by code), so writing a household costs
little more than xlsxwriter's own ``write_string`` / ``write_number`` calls
(:meth:`~phbs.reports.excel.sheet.SheetWriter.typed_rows`). The values are those of
:class:`~phbs.scoring.results.HouseholdResult`, in input order.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import islice
from typing import Any

import numpy as np

from phbs.i18n import t
from phbs.ingest.values import masked_id
from phbs.reports.content import ReportContent
from phbs.reports.excel.printing import ColumnKind
from phbs.reports.excel.sheet import Cell
from phbs.scoring.batches import scored_batches
from phbs.scoring.household import HouseholdOutcomes, Status
from phbs.scoring.results import ScoreResult
from phbs.states import MISSING, STATE_NAMES

#: Households turned into rows at a time.
_ROWS_AT_ONCE = 4_096

_STATUS_KEYS = {
    Status.BER_PHBS: "report.status.ber_phbs",
    Status.TIDAK_BER_PHBS: "report.status.tidak_ber_phbs",
    Status.BELUM_LENGKAP: "report.status.belum_lengkap",
}


def household_kinds(content: ReportContent) -> list[ColumnKind]:
    """How each column of the *Rumah Tangga* sheets is written (text, whole number or
    decimal), in the order of :func:`household_row_blocks`' cells."""
    places = 9 if content.include_names else 8
    scores: list[ColumnKind] = ["text", "integer", "text", "integer", "integer", "integer"]
    scores += ["integer", "decimal", "text"]
    width = len(content.result.survey.form.form.codes)
    text: list[ColumnKind] = ["text"]
    return text * places + scores + text * width


def _batches(content: ReportContent) -> Iterator[tuple[Any, HouseholdOutcomes]]:
    result = content.result
    if isinstance(result, ScoreResult):
        return scored_batches(result.survey.households, result.outcomes)
    if result.spool is None:
        raise ValueError("households were not kept: score with keep_households=True to list them")
    return result.spool.batches()


def household_row_blocks(content: ReportContent) -> Iterator[list[tuple[Cell, ...]]]:
    """The rows of the *Rumah Tangga* sheets, a few thousand at a time: id (masked unless
    household heads' names are shown), place, surveyor, file and row, status, counts, index,
    class and each indicator's answer, as the reader's language names them."""
    lang = content.lang
    form = content.result.survey.form.form
    files = [f.name for f in content.result.survey.files]
    classes = form.classes.classes if form.classes else []
    # Indexed by code; -1 (no class) picks the last entry.
    class_names = np.array([*(c.code for c in classes), None], dtype=object)
    status_names = np.array([t(_STATUS_KEYS[s], lang) for s in Status], dtype=object)
    answers = np.array(
        [t(f"report.answer.{STATE_NAMES[s]}", lang) for s in sorted(STATE_NAMES)], dtype=object
    )
    for batch, outcomes in _batches(content):
        places = [batch.kode_desa, batch.nama_desa, batch.dusun, batch.rw, batch.rt]
        places += [batch.tanggal_survei, batch.petugas]
        if content.include_names:
            places.append(batch.nama_kepala_rt)
        texts = [(np.asarray(p.values, dtype=object), p.codes) for p in places]
        berkas = files[batch.file_index]
        # A few thousand rows at a time: the rows in hand stay small however big the batch.
        for start in range(0, len(batch), _ROWS_AT_ONCE):
            stop = min(len(batch), start + _ROWS_AT_ONCE)
            ids = list(batch.ids[start:stop])
            if not content.include_names:
                # Only a text of 16 digits or more can be a KK/NIK number.
                ids = [masked_id(i) if len(i) >= 16 else i for i in ids]
            index = outcomes.index[start:stop].astype(float).tolist()
            states = batch.states[start:stop].astype(np.intp) - MISSING
            columns: list[list[Any]] = [
                ids,
                *(values[codes[start:stop]].tolist() for values, codes in texts),
                [berkas] * len(ids),
                batch.row_number[start:stop].tolist(),
                status_names[outcomes.status[start:stop]].tolist(),
                outcomes.berlaku[start:stop].tolist(),
                outcomes.ya[start:stop].tolist(),
                outcomes.tidak[start:stop].tolist(),
                outcomes.kosong[start:stop].tolist(),
                [None if math.isnan(x) else x for x in index],
                class_names[outcomes.class_index[start:stop]].tolist(),
                *answers[states].T.tolist(),
            ]
            yield list(zip(*columns, strict=True))


def household_rows(content: ReportContent, limit: int | None = None) -> Iterator[tuple[Cell, ...]]:
    """The rows of :func:`household_row_blocks` one by one, the first ``limit`` only when
    given."""
    rows = (row for block in household_row_blocks(content) for row in block)
    return rows if limit is None else islice(rows, limit)
