"""The validated survey: what validation hands to scoring (docs/aturan.md §8.3).

Every data row read ends in exactly one place: a household in :attr:`Survey.households`, or
a :class:`SetAsideRow` with its reasons and its cells unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
from numpy.typing import NDArray

from phbs.forms.loading import LoadedForm
from phbs.issues import Issue, Severity


class IdScope(StrEnum):
    """Where a household id must be unique (docs/aturan.md §1.2: within one survey round)."""

    SURVEI = "survei"
    DESA = "desa"


@dataclass(frozen=True)
class FileReading:
    """How one file was understood before it was scored (docs/aturan.md, *Membaca
    berkas*): shown in the terminal, the JSON, the workbook and the HTML report.

    ``bare_n`` is what a bare ``N`` was read as (``tidak``, ``tidak_berlaku``, or empty when
    the file has none) and ``bare_n_source`` what decided it (``formulir``, ``opsi``,
    ``berkas``); ``blank`` what a blank indicator cell means (``missing``, ``na`` or ``tidak``).
    """

    header_row: int
    columns: tuple[tuple[str, str], ...]  # (field code, the file's header), in field order
    bare_n: str
    bare_n_source: str
    blank: str
    not_collected: tuple[str, ...] = ()
    #: Context columns of the form the file lacks: the '-' marks decide applicability.
    without_context: tuple[str, ...] = ()
    #: The area (dotted code) whose villages the file's village *names* were matched to.
    names_scope: str = ""
    #: The village of every row of a file without a village column (``--desa``).
    village: str = ""
    #: Non-blank rows above the header row, skipped as a title block: ``(row, text)``.
    title_rows: tuple[tuple[int, str], ...] = ()
    #: Database empty values met in answer cells (``NULL``, ``\N``), read as blank cells.
    null_marks: tuple[str, ...] = ()
    #: A file of another shape (docs/aturan.md §6.6): ``anggota`` (one row per family
    #: member) or ``jawaban`` (one row per answer); its data rows, and those of them set aside
    #: before households were formed. Its households are the rows read less those.
    shape: str = ""
    shape_rows: int = 0
    shape_set_aside: int = 0
    #: Of its rows, those handed on alone to be set aside (no id, or skipped by the mapping).
    shape_alone: int = 0

    def record(self) -> dict[str, Any]:
        """How the file was read, as the JSON outputs and the workbook's *Metadata* say it."""
        return {
            "baris_judul": self.header_row,
            "baris_dilewati_di_atas_judul": [row for row, _ in self.title_rows],
            "kolom": dict(self.columns),
            "n_tunggal": self.bare_n or None,
            "n_tunggal_ditentukan_oleh": self.bare_n_source or None,
            "sel_kosong": {"missing": "belum_diisi", "na": "tidak_berlaku", "tidak": "tidak"}[
                self.blank
            ],
            "tanpa_kolom_konteks": list(self.without_context),
            "wilayah_nama_desa": self.names_scope or None,
            "desa_setiap_baris": self.village or None,
            "nilai_kosong_basis_data": list(self.null_marks),
            "bentuk": self.shape or "rumah_tangga",
            "baris_berkas": self.shape_rows if self.shape else None,
            "baris_disisihkan_sebelum_digabung": self.shape_set_aside if self.shape else None,
            "baris_sendiri": self.shape_alone if self.shape else None,
        }


@dataclass(frozen=True)
class SourceFile:
    """One input file and how its rows ended."""

    name: str
    path: str
    sha256: str
    format: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    rows_read: int
    rows_scored: int
    rows_set_aside: int
    reading: FileReading | None = None
    #: The mapping file it was read with (``--map``), and that file's SHA-256.
    mapping: str = ""
    mapping_sha256: str = ""


@dataclass(frozen=True)
class SetAsideRow:
    """A row that was not scored, kept unchanged with why."""

    file: str
    row: int
    header: tuple[str, ...]
    cells: tuple[str, ...]
    reasons: tuple[str, ...]
    messages_id: tuple[str, ...]
    messages_en: tuple[str, ...]


@dataclass(frozen=True)
class Factor:
    """A text column as its distinct values and one code per row: row ``i`` is
    ``values[codes[i]]``. Survey columns repeat a few hundred values (villages, dusun,
    surveyors, dates), so a batch of households carries them this way."""

    values: list[str]
    codes: NDArray[np.intp]

    def __len__(self) -> int:
        return len(self.codes)

    def tolist(self) -> list[str]:
        """One string per row."""
        if not len(self.codes):
            return []
        return list(np.asarray(self.values, dtype=object)[self.codes])

    @classmethod
    def from_list(cls, items: Sequence[str]) -> Factor:
        """Factor a list of strings (values in first-seen order).

        >>> f = Factor.from_list(["b", "a", "b"])
        >>> f.values, f.codes.tolist(), f.tolist()
        (['b', 'a'], [0, 1, 0], ['b', 'a', 'b'])
        """
        position: dict[str, int] = {}
        codes = [position.setdefault(item, len(position)) for item in items]
        return cls(list(position), np.asarray(codes, dtype=np.intp))


@dataclass(frozen=True)
class HouseholdBatch:
    """Consecutive kept households of one file, column by column, as validation hands them
    on: to a :class:`HouseholdTable` (everything in memory) or to a streaming sink that
    keeps only per-area counts (:mod:`phbs.scoring.totals`).

    ``states`` is ``int8`` (households × indicators), as in :class:`HouseholdTable`;
    ``kode_desa`` holds dotted village codes and ``nama_desa`` the name each household is
    scored under (the code table's, or the file's for an unknown code).
    """

    file_index: int
    row_number: NDArray[np.int64]
    ids: Sequence[str]  # decoded on demand: a streaming sink that only counts never reads them
    kode_desa: Factor
    nama_desa: Factor
    dusun: Factor
    rw: Factor
    rt: Factor
    tanggal_survei: Factor
    petugas: Factor
    nama_kepala_rt: Factor
    context: dict[str, list[int | None]]
    states: NDArray[np.int8]

    def __len__(self) -> int:
        return len(self.row_number)


@dataclass
class HouseholdTable:
    """Scored-to-be households, column by column (one entry per household).

    ``states`` is an ``int8`` array (households × indicators) of :data:`~phbs.states.YES`,
    :data:`~phbs.states.NO`, :data:`~phbs.states.NA` or :data:`~phbs.states.MISSING`.
    """

    indicator_codes: list[str]
    ids: list[str] = field(default_factory=list)
    kode_desa: list[str] = field(default_factory=list)
    nama_desa: list[str] = field(default_factory=list)
    dusun: list[str] = field(default_factory=list)
    rw: list[str] = field(default_factory=list)
    rt: list[str] = field(default_factory=list)
    tanggal_survei: list[str] = field(default_factory=list)
    petugas: list[str] = field(default_factory=list)
    nama_kepala_rt: list[str] = field(default_factory=list)
    context: dict[str, list[int | None]] = field(default_factory=dict)
    file_index: list[int] = field(default_factory=list)
    row_number: list[int] = field(default_factory=list)
    # One byte per indicator per household, appended batch by batch; the matrix is built once
    # per size and kept (a million households: 10 MB, not a million bytes objects).
    _state_bytes: bytearray = field(default_factory=bytearray, repr=False)
    _states: NDArray[np.int8] | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.ids)

    def extend(self, batch: HouseholdBatch) -> None:
        """Append a batch of households."""
        self.ids.extend(batch.ids)
        self.kode_desa.extend(batch.kode_desa.tolist())
        self.nama_desa.extend(batch.nama_desa.tolist())
        self.dusun.extend(batch.dusun.tolist())
        self.rw.extend(batch.rw.tolist())
        self.rt.extend(batch.rt.tolist())
        self.tanggal_survei.extend(batch.tanggal_survei.tolist())
        self.petugas.extend(batch.petugas.tolist())
        self.nama_kepala_rt.extend(batch.nama_kepala_rt.tolist())
        for code, values in batch.context.items():
            self.context[code].extend(values)
        self.file_index.extend([batch.file_index] * len(batch))
        self.row_number.extend(batch.row_number.tolist())
        self._state_bytes += np.ascontiguousarray(batch.states, dtype=np.int8).tobytes()

    @property
    def states(self) -> NDArray[np.int8]:
        """The answer-state matrix (households × indicators), read-only."""
        width = len(self.indicator_codes)
        rows = len(self._state_bytes) // width if width else len(self.ids)
        if self._states is None or len(self._states) != rows:
            flat = np.frombuffer(bytes(self._state_bytes), dtype=np.int8)
            self._states = flat.reshape(rows, width)
        return self._states


@dataclass
class Survey:
    """The validated survey: households to score, rows set aside, and every issue."""

    form: LoadedForm
    files: list[SourceFile]
    households: HouseholdTable
    set_aside: list[SetAsideRow]
    issues: list[Issue]
    id_scope: IdScope = IdScope.SURVEI
    #: Households were handed to a sink, not kept in :attr:`households`.
    streamed: bool = False
    #: Village recaps (docs/aturan.md §6.7): the villages they give, in file and row order;
    #: None for household files.
    recap_villages: list[RecapVillage] | None = None

    @property
    def rows_read(self) -> int:
        """Data rows read from all files (header rows not counted)."""
        return sum(f.rows_read for f in self.files)

    @property
    def rows_scored(self) -> int:
        """Rows that became a scored household."""
        if self.streamed:
            return sum(f.rows_scored for f in self.files)
        return len(self.households)

    @property
    def rows_set_aside(self) -> int:
        """Rows set aside with a reason."""
        return len(self.set_aside)

    @property
    def error_count(self) -> int:
        """Issues of severity error."""
        return sum(1 for i in self.issues if i.severity is Severity.ERROR)


@dataclass(frozen=True)
class RecapVillage:
    """One village of a recap, as counts (the order of ``ya`` and ``answered``: the form's
    indicators; of ``classes``: its classes)."""

    dotted: str
    name: str
    surveyed: int
    ber_phbs: int
    tidak_ber_phbs: int
    belum_lengkap: int
    ya: tuple[int, ...]
    answered: tuple[int, ...]
    classes: tuple[int, ...]
