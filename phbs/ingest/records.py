"""What the validator keeps per file and per row while it reads: counts of one file, a village
as read, a row held back until its key is checked, and households kept row by row until they
are handed on as one batch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from phbs.forms.model import Form
from phbs.ingest.answers import AnswerTable, SchemeChoice
from phbs.ingest.columns import STANDARD_FIELDS, ColumnMap
from phbs.ingest.mapping import LoadedMap
from phbs.ingest.raw_table import RawTable
from phbs.ingest.resolve import ResolvedCells
from phbs.ingest.settings import ReadSettings
from phbs.ingest.shapes import ShapeNote
from phbs.ingest.survey import Factor, HouseholdBatch


@dataclass
class FileCounts:
    table: RawTable
    columns: ColumnMap
    answers: AnswerTable
    choice: SchemeChoice
    read: int = 0
    scored: int = 0
    aside: int = 0
    # Submissions a reviewer left open (on hold, has issues), or rejected and kept on purpose.
    on_hold: int = 0
    kept_rejected: int = 0
    #: The mapping the file was read with (``--map``), if any, its settings and the area its
    #: village names were matched in (each file may have its own).
    mapping: LoadedMap | None = None
    settings: ReadSettings | None = None
    names_scope: str = ""
    #: How a file of another shape became households (docs/aturan.md §6.6), and how to fold
    #: it again when it is read a second time.
    shape: ShapeNote | None = None
    refold: Callable[[RawTable], RawTable] | None = None


@dataclass
class Suspect:
    """A row whose key hash was seen before: set aside or scored once its key is checked."""

    file_index: int
    row: int
    raw_cells: list[str]
    cells: list[str]
    key: tuple[str, str]
    key_hash: int
    fingerprint: int


class RowBatch:
    """Households kept from rows read one by one, until handed on as one batch."""

    def __init__(self, form: Form) -> None:
        self.rows: list[int] = []
        self.fields: dict[str, list[str]] = {c: [] for c in TEXT_FIELDS}
        self.context: dict[str, list[int | None]] = {c.code: [] for c in form.context}
        self.states = bytearray()
        self.width = len(form.codes)

    def __len__(self) -> int:
        return len(self.rows)

    def add(
        self,
        row: int,
        fields: dict[str, str],
        village: Village,
        date: str,
        resolved: ResolvedCells,
    ) -> None:
        self.rows.append(row)
        for code, texts in self.fields.items():
            texts.append(fields.get(code, ""))
        self.fields["kode_desa"][-1] = village.dotted
        self.fields["nama_desa"][-1] = village.name or fields.get("nama_desa", "")
        self.fields["tanggal_survei"][-1] = date
        for numbers, number in zip(self.context.values(), resolved.context, strict=True):
            numbers.append(number)
        self.states += resolved.states

    def batch(self, file_index: int) -> HouseholdBatch:
        factors = {code: Factor.from_list(values) for code, values in self.fields.items()}
        states = np.frombuffer(bytes(self.states), dtype=np.int8).reshape(len(self.rows), -1)
        return HouseholdBatch(
            file_index=file_index,
            row_number=np.asarray(self.rows, dtype=np.int64),
            ids=factors.pop("id_rumah_tangga").tolist(),
            context=self.context,
            states=states if self.width else np.zeros((len(self.rows), 0), dtype=np.int8),
            **factors,
        )


# The text columns of a household, as HouseholdBatch names them.
TEXT_FIELDS = tuple(f.code for f in STANDARD_FIELDS)


@dataclass
class Village:
    dotted: str
    name: str | None
    name_key: str | None  # the name as compared (normalise_name)
