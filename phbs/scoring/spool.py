"""Scored households kept on disk, batch by batch, for a report written after the count.

A streaming run (:func:`phbs.score_files`) keeps only per-area counts in memory; a report
still lists every household. :class:`HouseholdSpool` writes each scored batch to an
anonymous temporary file as it is made and reads the batches back, in order, as often as
asked: memory holds one batch at a time, the disk about 60 bytes a household. The file is
removed when the spool is closed (and by the system, whatever happens, since it has no name).
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from types import TracebackType
from typing import IO

from phbs.ingest.survey import HouseholdBatch
from phbs.scoring.household import HouseholdOutcomes


class HouseholdSpool:
    """Batches of households with their outcomes, written once and read back in order."""

    def __init__(self) -> None:
        # Open for the spool's life, closed by close() / the with block.
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="phbs-rumah-tangga-")  # noqa: SIM115
        self._ends: list[int] = []
        self.households = 0

    def add(self, batch: HouseholdBatch, outcomes: HouseholdOutcomes) -> None:
        """Append one batch (its ids decoded) and its outcomes."""
        stored = HouseholdBatch(
            file_index=batch.file_index,
            row_number=batch.row_number,
            ids=list(batch.ids),
            kode_desa=batch.kode_desa,
            nama_desa=batch.nama_desa,
            dusun=batch.dusun,
            rw=batch.rw,
            rt=batch.rt,
            tanggal_survei=batch.tanggal_survei,
            petugas=batch.petugas,
            nama_kepala_rt=batch.nama_kepala_rt,
            context=batch.context,
            states=batch.states,
        )
        self._file.seek(0, 2)
        pickle.dump((stored, outcomes), self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._ends.append(self._file.tell())
        self.households += len(batch)

    def batches(self) -> Iterator[tuple[HouseholdBatch, HouseholdOutcomes]]:
        """Every batch, in the order added."""
        self._file.flush()
        start = 0
        for end in self._ends:
            self._file.seek(start)
            batch, outcomes = pickle.loads(self._file.read(end - start))  # our own file
            start = end
            yield batch, outcomes

    def close(self) -> None:
        """Remove the file."""
        self._file.close()

    def __enter__(self) -> HouseholdSpool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
