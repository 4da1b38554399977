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
    """The rows of the *Rumah Tangga* sheets, one list per scored batch: id (masked unless
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
        ids = list(batch.ids)
        if not content.include_names:
            # Only a text of 16 digits or more can be a KK/NIK number.
            ids = [masked_id(i) if len(i) >= 16 else i for i in ids]
        places = [batch.kode_desa, batch.nama_desa, batch.dusun, batch.rw, batch.rt]
        places += [batch.tanggal_survei, batch.petugas]
        if content.include_names:
            places.append(batch.nama_kepala_rt)
        index = outcomes.index.astype(float).tolist()
        columns: list[list[Any]] = [
            ids,
            *(p.tolist() for p in places),
            [files[batch.file_index]] * len(ids),
            batch.row_number.tolist(),
            status_names[outcomes.status].tolist(),
            outcomes.berlaku.tolist(),
            outcomes.ya.tolist(),
            outcomes.tidak.tolist(),
            outcomes.kosong.tolist(),
            [None if math.isnan(x) else x for x in index],
            class_names[outcomes.class_index].tolist(),
            *answers[batch.states.astype(np.intp) - MISSING].T.tolist(),
        ]
        yield list(zip(*columns, strict=True))


def household_rows(content: ReportContent, limit: int | None = None) -> Iterator[tuple[Cell, ...]]:
    """The rows of :func:`household_row_blocks` one by one, the first ``limit`` only when
    given."""
    rows = (row for block in household_row_blocks(content) for row in block)
    return rows if limit is None else islice(rows, limit)
