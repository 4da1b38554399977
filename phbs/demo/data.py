"""The bundled sample survey: a synthetic survey of Kabupaten Tanah Bumbu in two Puskesmas
files, and its villages file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from phbs.resources import data_path


@dataclass(frozen=True)
class SampleData:
    """Paths of the bundled sample files."""

    survey_files: list[Path]
    villages_file: Path


def sample_data() -> SampleData:
    """The bundled synthetic survey (two Puskesmas files) and its villages file.

    >>> [p.name for p in sample_data().survey_files]
    ['survei-puskesmas-batulicin.csv', 'survei-puskesmas-kusan-hilir.csv']
    """
    folder = data_path("contoh")
    return SampleData(
        survey_files=sorted(folder.glob("survei-*.csv")),
        villages_file=folder / "desa-tanah-bumbu.csv",
    )
