"""Scoring a validated survey: ``score(survey)`` gives a :class:`ScoreResult`, the household
outcomes of docs/aturan.md §3 as plain, typed objects a developer can iterate or turn into rows.
:func:`phbs.scoring.summary.summarise` turns them into village and area measures.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from phbs.forms.model import Form, NaPolicy
from phbs.ingest.survey import HouseholdBatch
from phbs.ingest.validate import Survey
from phbs.scoring.batches import scored_batches
from phbs.scoring.household import (
    HouseholdOutcomes,
    Status,
    household_outcomes,
)
from phbs.scoring.totals import AreaTotals, area_totals
from phbs.states import STATE_NAMES


class Scored(Protocol):
    """A scored survey: :class:`ScoreResult` in memory, or
    :class:`phbs.scoring.streaming.StreamedScore` scored as a stream."""

    @property
    def totals(self) -> AreaTotals:
        """Per-area counts of the scored households."""
        ...


@dataclass(frozen=True)
class HouseholdResult:
    """One scored household, as a developer iterates them."""

    id_rumah_tangga: str
    kode_desa: str
    nama_desa: str
    dusun: str
    berkas: str
    baris: int
    status: str
    berlaku: int
    ya: int
    tidak: int
    kosong: int
    indeks: float | None
    kelas: str | None
    jawaban: dict[str, str]
    rw: str = ""
    rt: str = ""
    tanggal_survei: str = ""
    petugas: str = ""
    nama_kepala_rt: str = ""


def batch_households(
    batch: HouseholdBatch, outcomes: HouseholdOutcomes, files: Sequence[str], form: Form
) -> Iterator[HouseholdResult]:
    """The households of one scored batch; ``files[batch.file_index]`` names their file."""
    classes = form.classes.classes if form.classes else []
    codes = form.codes
    columns = [
        f.tolist()
        for f in (
            batch.kode_desa,
            batch.nama_desa,
            batch.dusun,
            batch.rw,
            batch.rt,
            batch.tanggal_survei,
            batch.petugas,
            batch.nama_kepala_rt,
        )
    ]
    berkas = files[batch.file_index]
    out = outcomes
    for i, household_id in enumerate(batch.ids):
        index = float(out.index[i])
        klass = int(out.class_index[i])
        kode, nama, dusun, rw, rt, tanggal, petugas, kepala = (c[i] for c in columns)
        yield HouseholdResult(
            id_rumah_tangga=household_id,
            kode_desa=kode,
            nama_desa=nama,
            dusun=dusun,
            berkas=berkas,
            baris=int(batch.row_number[i]),
            status=Status(int(out.status[i])).label,
            berlaku=int(out.berlaku[i]),
            ya=int(out.ya[i]),
            tidak=int(out.tidak[i]),
            kosong=int(out.kosong[i]),
            indeks=None if math.isnan(index) else index,
            kelas=classes[klass].code if klass >= 0 else None,
            jawaban={c: STATE_NAMES[int(s)] for c, s in zip(codes, batch.states[i], strict=True)},
            rw=rw,
            rt=rt,
            tanggal_survei=tanggal,
            petugas=petugas,
            nama_kepala_rt=kepala,
        )


@dataclass(frozen=True)
class ScoreResult:
    """A survey with its household outcomes under one ``na_policy``."""

    survey: Survey
    outcomes: HouseholdOutcomes

    @property
    def na_policy(self) -> NaPolicy:
        """The setting that produced these outcomes."""
        return self.outcomes.na_policy

    @cached_property
    def totals(self) -> AreaTotals:
        """Per-area counts (:mod:`phbs.scoring.totals`), counted once."""
        return area_totals(self.survey.households, self.survey.form.form, self.outcomes)

    def households(self) -> Iterator[HouseholdResult]:
        """Iterate the scored households in input order."""
        files = [f.name for f in self.survey.files]
        form = self.survey.form.form
        for batch, outcomes in scored_batches(self.survey.households, self.outcomes):
            yield from batch_households(batch, outcomes, files, form)


def score(survey: Survey, na_policy: NaPolicy | str | None = None) -> ScoreResult:
    """Score every household of a validated survey.

    ``na_policy`` defaults to the form's own (docs/aturan.md §3.2). A survey read with a ``sink``
    keeps no households and is refused (``ValueError``): its batches are scored as they come.

    >>> from phbs.resources import data_path
    >>> from phbs.ingest import read_survey
    >>> result = score(read_survey(sorted(data_path("contoh").glob("survei-*.csv"))))
    >>> result.na_policy.value
    'exclude'
    """
    if survey.streamed:
        raise ValueError(
            "the survey was streamed: its households went to a sink and are not kept here; "
            "score them batch by batch with phbs.scoring.totals.TotalsBuilder"
        )
    form = survey.form.form
    policy = NaPolicy(na_policy) if na_policy is not None else form.na_policy
    outcomes = household_outcomes(survey.households.states, policy, form.classes)
    return ScoreResult(survey=survey, outcomes=outcomes)
