"""Households as CSV rows, written as they are scored or from a survey held in memory, and the
rows set aside with their reasons (docs/aturan.md §8.3, §10.6); each as a machine or a
spreadsheet CSV (:class:`~phbs.outputs.CsvFormat`)."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from phbs.forms.model import Form
from phbs.i18n import Lang
from phbs.ingest.columns import PERSONAL_FIELDS, STANDARD_FIELDS, match_columns
from phbs.ingest.survey import HouseholdBatch
from phbs.ingest.validate import SetAsideRow, Survey
from phbs.ingest.values import mask_card_numbers, masked_id
from phbs.outputs import CsvFormat, CsvRows, atomic_csv, atomic_text
from phbs.reports.tables import INDEX_DECIMALS, input_paths
from phbs.scoring.batches import scored_batches
from phbs.scoring.household import HouseholdOutcomes, Status
from phbs.scoring.results import ScoreResult
from phbs.states import MISSING, STATE_NAMES

if TYPE_CHECKING:
    from phbs.scoring.streaming import StreamedScore


def household_columns(indicator_codes: Sequence[str], *, include_names: bool = False) -> list[str]:
    """Column names of the households CSV, in order."""
    columns = [f.code for f in STANDARD_FIELDS if not f.personal]
    if include_names:
        columns.append("nama_kepala_rt")
    columns += ["berkas", "baris", "status", "berlaku", "ya", "tidak", "kosong", "indeks", "kelas"]
    return [*columns, *indicator_codes]


#: Households turned into text rows at a time by :class:`HouseholdsCsv`.
_ROWS_AT_ONCE = 4_096


_STATUS_LABELS = np.array([s.label for s in Status], dtype=object)


# Answer names indexed by state - MISSING (MISSING, NO, YES, NA).
_ANSWER_NAMES = np.array([STATE_NAMES[s] for s in sorted(STATE_NAMES)], dtype=object)


class HouseholdsCsv:
    """The households CSV written batch by batch: one row per scored household, in input
    order, household heads' names only when asked. Rows are not kept once written.

    Open it with :func:`households_csv`; :func:`write_households_csv` writes a survey held in
    memory through it. ``handle`` is a text file opened with ``newline=""``; ``csv_format``
    chooses the machine CSV or the spreadsheet CSV (index to :data:`INDEX_DECIMALS` places).
    """

    def __init__(
        self,
        handle: IO[str],
        form: Form,
        *,
        include_names: bool = False,
        csv_format: CsvFormat = CsvFormat.MACHINE,
    ) -> None:
        columns = household_columns(form.codes, include_names=include_names)
        places = [INDEX_DECIMALS if c == "indeks" else None for c in columns]
        self._rows = CsvRows(handle, csv_format, places)
        self._include_names = include_names
        self._classes = (
            np.array([*(c.code for c in form.classes.classes), ""], dtype=object)
            if form.classes
            else np.array([""], dtype=object)
        )
        self._width = len(form.codes)
        self._rows.write(columns)

    def write(
        self,
        batch: HouseholdBatch,
        outcomes: HouseholdOutcomes,
        file_names: Sequence[str],
        written: Callable[[int], None] | None = None,
    ) -> None:
        """Write the rows of one batch; ``file_names[batch.file_index]`` fills ``berkas``.
        ``written``, if given, is told the rows of the batch written so far, every few
        thousand rows (a caller may raise from it to stop)."""
        if len(outcomes) != len(batch) or batch.states.shape[1:] != (self._width,):
            raise ValueError("batch, outcomes and form do not match")
        factors = [batch.kode_desa, batch.nama_desa, batch.dusun, batch.rw, batch.rt]
        factors += [batch.tanggal_survei, batch.petugas]
        if self._include_names:
            factors.append(batch.nama_kepala_rt)
        values = [np.asarray(f.values, dtype=object) for f in factors]
        berkas = file_names[batch.file_index]
        for start in range(0, len(batch), _ROWS_AT_ONCE):
            stop = min(len(batch), start + _ROWS_AT_ONCE)
            index = outcomes.index[start:stop]
            ids = list(batch.ids[start:stop])
            if not self._include_names:
                ids = [masked_id(i) if len(i) >= 16 else i for i in ids]
            columns: list[list[Any]] = [
                ids,
                *(v[f.codes[start:stop]].tolist() for v, f in zip(values, factors, strict=True)),
                [berkas] * (stop - start),
                batch.row_number[start:stop].tolist(),
                _STATUS_LABELS[outcomes.status[start:stop]].tolist(),
                outcomes.berlaku[start:stop].tolist(),
                outcomes.ya[start:stop].tolist(),
                outcomes.tidak[start:stop].tolist(),
                outcomes.kosong[start:stop].tolist(),
                [None if math.isnan(x) else x for x in index.tolist()],
                self._classes[outcomes.class_index[start:stop]].tolist(),
            ]
            answers = _ANSWER_NAMES[batch.states[start:stop].astype(np.intp) - MISSING].tolist()
            for row, cells in zip(zip(*columns, strict=True), answers, strict=True):
                self._rows.write_cells([*row, *cells])
            if written is not None:
                written(stop)


@contextlib.contextmanager
def households_csv(
    path: str | Path,
    form: Form,
    inputs: Iterable[str | Path] = (),
    *,
    include_names: bool = False,
    csv_format: CsvFormat = CsvFormat.MACHINE,
) -> Iterator[HouseholdsCsv]:
    """Open the households CSV at ``path`` for writing batch by batch, as a machine or
    spreadsheet CSV; the file appears only once the block completes (never over one of
    ``inputs``)."""
    with atomic_text(path, inputs, newline="") as handle:
        yield HouseholdsCsv(handle, form, include_names=include_names, csv_format=csv_format)


def write_households_csv(
    result: ScoreResult | StreamedScore,
    path: str | Path,
    *,
    include_names: bool = False,
    csv_format: CsvFormat = CsvFormat.MACHINE,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write one row per scored household; household heads' names, and family-card or
    identity numbers used as ids, only when asked (else the last four digits). A survey
    scored batch by batch writes the households it kept (``score_files(...,
    keep_households=True)``): the same rows as ``score_files(..., households_csv=...)``.
    ``progress``, if given, is told the rows written so far every few thousand rows; an
    exception it raises stops the writing and leaves no file."""
    survey = result.survey
    files = [f.name for f in survey.files]
    if isinstance(result, ScoreResult):
        batches = scored_batches(survey.households, result.outcomes)
    elif result.spool is not None:
        batches = result.spool.batches()
    else:
        raise ValueError("households were not kept: score with keep_households=True")
    with households_csv(
        path,
        survey.form.form,
        input_paths(survey),
        include_names=include_names,
        csv_format=csv_format,
    ) as sink:
        done = 0
        for batch, outcomes in batches:
            told = None if progress is None else _told(progress, done)
            sink.write(batch, outcomes, files, told)
            done += len(batch)


def _told(progress: Callable[[int], None], before: int) -> Callable[[int], None]:
    """``progress`` told the rows of earlier batches (``before``) plus those of this one."""
    return lambda rows: progress(before + rows)


def write_rejects_csv(
    survey: Survey,
    path: str | Path,
    lang: Lang = "id",
    *,
    include_names: bool = False,
    csv_format: CsvFormat = CsvFormat.MACHINE,
) -> None:
    """Write the rows set aside, cells unchanged, with their reasons first.

    Personal columns (household heads' names: ``PERSONAL_FIELDS``, found by the same header
    matching as the survey) are left blank, and family-card or identity numbers in any cell
    masked, unless ``include_names`` (SECURITY.md). In a spreadsheet CSV (``csv_format``)
    a cell a spreadsheet would run or change gets a leading ``'``
    (:func:`phbs.outputs.spreadsheet_text`).
    """
    header = _union_header(survey.set_aside)
    personal: dict[tuple[str, ...], list[int]] = {}
    # The headers each file's personal columns were read under (its own mapping's, too).
    read_as = {
        f.name: {h for code, h in f.reading.columns if code in PERSONAL_FIELDS}
        for f in survey.files
        if f.reading is not None
    }
    with atomic_csv(path, input_paths(survey), csv_format) as table:
        table.write(["berkas", "baris", "kode_masalah", "alasan", *header])
        for row in survey.set_aside:
            messages = row.messages_en if lang == "en" else row.messages_id
            cells_in = list(row.cells)
            if not include_names:
                if row.header not in personal:
                    found = match_columns(list(row.header), survey.form.form, file=row.file)
                    named = read_as.get(row.file, set())
                    personal[row.header] = [
                        found.index[code] for code in PERSONAL_FIELDS if found.has(code)
                    ] + [i for i, h in enumerate(row.header) if h in named]
                for position in personal[row.header]:
                    if position < len(cells_in):
                        cells_in[position] = ""
                cells_in = [mask_card_numbers(c) if len(c) >= 16 else c for c in cells_in]
            by_name = dict(zip(_dedupe(row.header), cells_in, strict=False))
            extra = cells_in[len(row.header) :]
            cells = [by_name.get(name, "") for name in header]
            table.write(
                [row.file, row.row, ";".join(row.reasons), " | ".join(messages), *cells, *extra]
            )


def _dedupe(header: Iterable[str]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for name in header:
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def _union_header(rows: Iterable[SetAsideRow]) -> list[str]:
    header: list[str] = []
    known: set[str] = set()
    for row in rows:
        for name in _dedupe(row.header):
            if name not in known:
                known.add(name)
                header.append(name)
    return header
