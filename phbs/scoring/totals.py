"""Per-area counts built batch by batch, so memory follows the areas, not the households.

Validation hands kept households on in :class:`~phbs.ingest.survey.HouseholdBatch` es. A
:class:`TotalsBuilder` scores each batch (docs/aturan.md §3) and adds it to counts per dusun;
:meth:`TotalsBuilder.totals` gives the :class:`AreaTotals` that :func:`phbs.summarise` and
:func:`phbs.scoring.plausibility.plausibility_issues` work from: village counts (summed from the
dusun, docs/aturan.md §5.5: counts are summed, percentages recomputed), the first spelling seen of
each village name and dusun, and per surveyor the size of the largest group of identical
answer rows. :func:`area_totals` gives the same totals for a survey scored in memory.

Every batch is counted with numpy over its factor codes; Python only loops over the distinct
values of a batch (villages, dusun, surveyors). Count arrays grow by doubling, one row per
dusun. Identical answer rows are counted exactly per (surveyor, answer row) pair, 16 bytes
for each distinct pair, compacted in bulk (the kernels are in :mod:`phbs.scoring.counting`;
the batches of a survey scored in memory in :mod:`phbs.scoring.batches`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from phbs.forms.model import Form, NaPolicy
from phbs.ingest.grid import WordTable, distinct_codes
from phbs.ingest.survey import Factor, HouseholdBatch, HouseholdTable
from phbs.scoring import counting
from phbs.scoring.batches import BATCH_ROWS, factor_of, outcomes_slice
from phbs.scoring.counting import IndexArray, Int64Array
from phbs.scoring.household import AreaCounts, HouseholdOutcomes, household_outcomes
from phbs.states import MISSING, NO, YES

_FIRST_CAPACITY = 8


def fold_name(text: str) -> str:
    """A name compared case- and whitespace-insensitively (dusun, petugas).

    >>> fold_name("  Dusun   I ")
    'dusun i'
    """
    return " ".join(text.casefold().split())


def dusun_key(kode_desa: str, dusun: str) -> str:
    """The key of a dusun: its village code and folded name, so the same dusun name in two
    villages is two dusun.

    >>> dusun_key("63.10.01.2005", " DUSUN  I").split("\\x1f")
    ['63.10.01.2005', 'dusun i']
    """
    return f"{kode_desa}\x1f{fold_name(dusun)}"


@dataclass(frozen=True)
class SurveyorAnswers:
    """One surveyor's households and the largest group of them with the same answer row."""

    key: str  # folded name ("" for households without a surveyor)
    shown: str  # the first spelling seen, stripped
    households: int
    identical: int


@dataclass(frozen=True)
class AreaTotals:
    """Everything the area summaries and the plausibility checks need, bounded by areas.

    ``villages`` is keyed by dotted village code and ``dusun`` by :func:`dusun_key`, both in
    sorted key order; ``village_names`` and ``dusun_names`` hold the first spelling seen.
    ``surveyors`` is sorted by key.
    """

    form: Form
    na_policy: NaPolicy
    households: int
    villages: AreaCounts
    village_names: dict[str, str]
    dusun: AreaCounts
    dusun_names: dict[str, str]
    surveyors: tuple[SurveyorAnswers, ...]
    #: The counts come from village recaps, not households (docs/aturan.md §6.7).
    recap: bool = False


class TotalsBuilder:
    """Score batches of households and keep only their per-area counts.

    >>> from phbs.demo.data import sample_data
    >>> from phbs.ingest import read_survey
    >>> from phbs.scoring.batches import table_batches
    >>> survey = read_survey(sample_data().survey_files)
    >>> builder = TotalsBuilder(survey.form.form)
    >>> for batch in table_batches(survey.households, size=1000):
    ...     outcomes = builder.add(batch)
    >>> builder.totals().households == survey.rows_scored
    True
    """

    def __init__(self, form: Form, na_policy: NaPolicy | str | None = None) -> None:
        self.form = form
        self.na_policy = NaPolicy(na_policy) if na_policy is not None else form.na_policy
        self._width = len(form.codes)
        self._class_count = len(form.classes.classes) if form.classes else 0
        self._households = 0
        self._village_index: dict[str, int] = {}
        self._village_names: dict[str, str] = {}
        self._dusun_index: dict[str, int] = {}
        self._dusun_names: dict[str, str] = {}
        # Each dusun spelling met, and each (village, spelling) pair met as one 64-bit key
        # (village index << 32 | spelling index) with its dusun row, in a hash table: a
        # batch looks its pairs up with numpy and folds names only for pairs never met.
        self._spelling_index: dict[str, int] = {}
        self._pair_keys = np.zeros(0, dtype=np.uint64)
        self._pair_rows = np.zeros(0, dtype=np.intp)
        self._pair_table = WordTable(self._pair_keys)
        self._surveyor_index: dict[str, int] = {}
        self._surveyor_shown: dict[str, str] = {}
        # One row per dusun: surveyed, status × 3, ya, answered, missing (× indicators),
        # classes; and the village each dusun belongs to.
        self._columns = 1 + 3 + 3 * self._width + self._class_count
        self._counts = np.zeros((_FIRST_CAPACITY, self._columns), dtype=np.int64)
        self._dusun_village = np.zeros(_FIRST_CAPACITY, dtype=np.intp)
        self._rows = counting.RowCounter(1 + -(-self._width // counting.STATES_PER_WORD))

    def add(
        self, batch: HouseholdBatch, outcomes: HouseholdOutcomes | None = None
    ) -> HouseholdOutcomes:
        """Score ``batch`` (or take its ``outcomes``, already scored under this builder's
        ``na_policy``), add it to the counts and return the outcomes."""
        if outcomes is None:
            outcomes = household_outcomes(batch.states, self.na_policy, self.form.classes)
        elif outcomes.na_policy is not self.na_policy:
            raise ValueError(
                f"outcomes scored with na_policy {outcomes.na_policy.value}, "
                f"builder uses {self.na_policy.value}"
            )
        if len(outcomes) != len(batch) or batch.states.shape[1:] != (self._width,):
            raise ValueError("batch, outcomes and form do not match")
        self._add(
            _Columns(batch.kode_desa, batch.nama_desa, batch.dusun, batch.petugas, batch.states),
            outcomes,
        )
        return outcomes

    def totals(self) -> AreaTotals:
        """The counts so far, areas in sorted key order."""
        dusun_keys = list(self._dusun_index)
        rows = len(dusun_keys)
        dusun = counting.area_counts(
            dusun_keys, self._counts[:rows], self._width, self._class_count
        )
        village_keys = list(self._village_index)
        villages = counting.area_counts(
            village_keys,
            counting.sum_into(self._counts[:rows], self._dusun_village[:rows], len(village_keys)),
            self._width,
            self._class_count,
        )
        return AreaTotals(
            form=self.form,
            na_policy=self.na_policy,
            households=self._households,
            villages=villages,
            village_names=dict(self._village_names),
            dusun=dusun,
            dusun_names=dict(self._dusun_names),
            surveyors=self._surveyors(),
        )

    def allocated_rows(self) -> dict[str, int]:
        """Rows held: count rows allocated for areas, and (surveyor, answer row) records."""
        return {"areas": len(self._counts), "answer_rows": self._rows.held()}

    def _add(self, batch: _Columns, outcomes: HouseholdOutcomes) -> None:
        # Long batches are counted a slice at a time, so that the temporary arrays per
        # household and indicator stay small.
        for start in range(0, len(outcomes), BATCH_ROWS):
            stop = min(len(outcomes), start + BATCH_ROWS)
            part = batch.slice(start, stop) if stop - start < len(outcomes) else batch
            scored = outcomes_slice(outcomes, start, stop) if part is not batch else outcomes
            self._count_areas(part, scored)
            self._count_rows(part)
            self._households += stop - start

    def _count_areas(self, batch: _Columns, outcomes: HouseholdOutcomes) -> None:
        village = self._villages(batch)[batch.kode_desa.codes]
        spellings = self._spelling_index
        spelling = np.fromiter(
            (spellings.setdefault(value, len(spellings)) for value in batch.dusun.values),
            np.int64,
            len(batch.dusun.values),
        )[batch.dusun.codes]
        pairs = ((village.astype(np.int64) << 32) | spelling).astype(np.uint64)
        found = self._pair_table.find(pairs)
        missed = np.flatnonzero(found < 0)
        if len(missed):
            # New (village, dusun spelling) pairs, in the order the batch meets them: the
            # first spelling of a dusun is the one it is shown with.
            new, first = np.unique(pairs[missed], return_index=True)
            order = np.argsort(first, kind="stable")
            rows = missed[first[order]].tolist()
            added = [self._dusun_row(batch, row, int(village[row])) for row in rows]
            self._pair_keys = np.concatenate([self._pair_keys, new[order]])
            self._pair_rows = np.concatenate([self._pair_rows, np.array(added, dtype=np.intp)])
            self._pair_table = WordTable(self._pair_keys)
            found[missed] = self._pair_table.find(pairs[missed])
        dusun = self._pair_rows[found]
        self._counts = counting.grow(self._counts, len(self._dusun_index))
        groups, local = distinct_codes(dusun, len(self._dusun_index))
        self._counts[groups] += self._batch_counts(local, len(groups), batch, outcomes)

    def _villages(self, batch: _Columns) -> IndexArray:
        """The builder's index of each village value of ``batch`` (new ones are added)."""
        factor = batch.kode_desa
        found = counting.global_codes(factor, self._village_index)
        new = counting.present(factor) & (found < 0)
        if new.any():
            first = counting.first_rows(factor)
            for code in sorted(np.flatnonzero(new).tolist(), key=first.__getitem__):
                key = factor.values[code]
                index = self._village_index.setdefault(key, len(self._village_index))
                if index == len(self._village_names):
                    name = batch.nama_desa.values[batch.nama_desa.codes[first[code]]]
                    self._village_names[key] = name
                found[code] = index
        return found

    def _dusun_row(self, batch: _Columns, row: int, village: int) -> int:
        """The count row of the dusun of household ``row`` (added when new)."""
        spelling = batch.dusun.values[batch.dusun.codes[row]]
        key = dusun_key(batch.kode_desa.values[batch.kode_desa.codes[row]], spelling)
        found = self._dusun_index.setdefault(key, len(self._dusun_index))
        if found == len(self._dusun_names):
            self._dusun_names[key] = spelling
            self._dusun_village = counting.grow(self._dusun_village, found + 1)
            self._dusun_village[found] = village
        return found

    def _batch_counts(
        self,
        local: IndexArray,
        groups: int,
        batch: _Columns,
        outcomes: HouseholdOutcomes,
    ) -> Int64Array:
        width, classes = self._width, self._class_count
        # One count per (group, indicator, state): states MISSING, NO, YES, NA → 0..3.
        cells = np.add.outer(local * (4 * width), np.arange(0, 4 * width, 4))
        cells += (batch.states - np.int8(MISSING)) & np.int8(3)
        by_state = np.bincount(cells.reshape(-1), minlength=groups * width * 4)
        by_state = by_state.astype(np.int64).reshape(groups, width, 4)
        ya, no = by_state[:, :, YES - MISSING], by_state[:, :, NO - MISSING]
        status = np.bincount(local * 3 + outcomes.status, minlength=groups * 3)
        status = status.astype(np.int64).reshape(groups, 3)
        parts = [
            status.sum(axis=1, keepdims=True),
            status,
            ya,
            ya + no,
            by_state[:, :, 0],
        ]
        if classes:
            classed = outcomes.class_index >= 0
            counted = local[classed] * classes + outcomes.class_index[classed]
            by_class = np.bincount(counted, minlength=groups * classes)
            parts.append(by_class.astype(np.int64).reshape(groups, classes))
        return np.concatenate(parts, axis=1)

    def _count_rows(self, batch: _Columns) -> None:
        factor = batch.petugas
        surveyors = counting.global_codes(factor, self._surveyor_index)
        new = np.flatnonzero(counting.present(factor) & (surveyors < 0))
        # In the order the batch meets them: a surveyor is shown as first spelled.
        first = counting.first_rows(factor) if len(new) else new
        for code in sorted(new.tolist(), key=first.__getitem__):
            spelling = factor.values[code]
            key = fold_name(spelling)
            index = self._surveyor_index.setdefault(key, len(self._surveyor_index))
            if index == len(self._surveyor_shown):
                self._surveyor_shown[key] = spelling.strip()
            surveyors[code] = index
        self._rows.add(
            np.column_stack([surveyors[factor.codes], counting.encode_rows(batch.states)])
        )

    def _surveyors(self) -> tuple[SurveyorAnswers, ...]:
        keys, counts = self._rows.compacted()
        surveyor = keys[:, 0].astype(np.intp)
        size = len(self._surveyor_index)
        households = np.zeros(size, dtype=np.int64)
        np.add.at(households, surveyor, counts)
        identical = np.zeros(size, dtype=np.int64)
        np.maximum.at(identical, surveyor, counts)
        found = [
            SurveyorAnswers(key, self._surveyor_shown[key], int(households[i]), int(identical[i]))
            for key, i in self._surveyor_index.items()
        ]
        return tuple(sorted(found, key=lambda s: s.key))


@dataclass(frozen=True)
class _Columns:
    """What the counts read of a batch of households."""

    kode_desa: Factor
    nama_desa: Factor
    dusun: Factor
    petugas: Factor
    states: NDArray[np.int8]

    def slice(self, start: int, stop: int) -> _Columns:
        def part(factor: Factor) -> Factor:
            return Factor(factor.values, factor.codes[start:stop])

        return _Columns(
            part(self.kode_desa),
            part(self.nama_desa),
            part(self.dusun),
            part(self.petugas),
            self.states[start:stop],
        )


def area_totals(table: HouseholdTable, form: Form, outcomes: HouseholdOutcomes) -> AreaTotals:
    """The :class:`AreaTotals` of a survey scored in memory (same as streaming it): its
    households and their outcomes under ``form``."""
    builder = TotalsBuilder(form, outcomes.na_policy)
    files = np.asarray(table.file_index, dtype=np.int64)
    bounds = [0, *(np.flatnonzero(files[1:] != files[:-1]) + 1).tolist(), len(table)]
    # One batch per file, reading only the columns counted.
    for start, stop in itertools.pairwise(bounds):
        builder._add(
            _Columns(
                factor_of(table.kode_desa[start:stop]),
                factor_of(table.nama_desa[start:stop]),
                factor_of(table.dusun[start:stop]),
                factor_of(table.petugas[start:stop]),
                table.states[start:stop],
            ),
            outcomes_slice(outcomes, start, stop),
        )
    return builder.totals()
