"""The bundled sample survey: a synthetic survey of Kabupaten Tanah Bumbu in two Puskesmas
files, its villages file, and the same Puskesmas's earlier round (2024) to compare with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from phbs.resources import data_path


@dataclass(frozen=True)
class SampleData:
    """Paths of the bundled sample files: the current survey (round ``label``), its villages
    file and the earlier round (``baseline_label``, files named ``putaran-*`` so that a
    glob of ``survei-*`` finds the current survey only)."""

    survey_files: list[Path]
    villages_file: Path
    baseline_files: list[Path]
    label: str = "2025"
    baseline_label: str = "2024"


def sample_data() -> SampleData:
    """The bundled synthetic survey (two Puskesmas files), its villages file and the
    earlier round.

    >>> [p.name for p in sample_data().survey_files]
    ['survei-puskesmas-batulicin.csv', 'survei-puskesmas-kusan-hilir.csv']
    >>> [p.name for p in sample_data().baseline_files]
    ['putaran-2024-puskesmas-batulicin.csv', 'putaran-2024-puskesmas-kusan-hilir.csv']
    """
    folder = data_path("contoh")
    return SampleData(
        survey_files=sorted(folder.glob("survei-*.csv")),
        villages_file=folder / "desa-tanah-bumbu.csv",
        baseline_files=sorted(folder.glob("putaran-2024-*.csv")),
    )
