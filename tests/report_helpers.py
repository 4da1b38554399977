"""A small hand-made survey for the report tests, and the bundled sample scored and ranked.

The hand-made survey has three villages: Segumbang and Kersik Putih (real codes, names from
the code table) with dusun, and one whose code is not in the Kemendagri table, so its name
comes from the file (docs/aturan.md §8.2): that name is the hostile text the reports must keep as
text (``<script>…`` in HTML, ``=…`` in Excel).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from conftest import INDICATORS, KERSIK_PUTIH, SEGUMBANG, answers, write_csv

from phbs.contest.models import Ranking
from phbs.demo.contest import sample_ranking
from phbs.demo.data import sample_data
from phbs.ingest.validate import read_survey
from phbs.ingest.villages import VillageTotals, read_villages
from phbs.scoring.results import ScoreResult, score
from phbs.scoring.summary import AreaReport, summarise

#: A code of the right shape that the 2025 table does not have (kode-desa-tidak-dikenal).
UNKNOWN_CODE = "63.10.01.2999"
SCRIPT_NAME = "<script>alert('x')</script> Desa"
FORMULA_NAME = '=HYPERLINK("http://example.invalid","klik")'

HEADER = [
    "id_rumah_tangga",
    "kode_desa",
    "nama_desa",
    "dusun",
    "nama_kepala_rt",
    "umur_anak_termuda_bulan",
    *INDICATORS,
]

# (id, code, dusun, head of household, age, answers): 3 + 3 + 2 households.
ROWS = [
    ("S1", SEGUMBANG, "Dusun I", "Siti", "", "--- YYYY YYY"),
    ("S2", SEGUMBANG, "Dusun I", "Budi", "12", "YYY YYTY YYY"),
    ("S3", SEGUMBANG, "Dusun II", "=1+1", "", "--- YYYY YYT"),
    ("K1", KERSIK_PUTIH, "", "Ani", "", "--- YYYY YYY"),
    ("K2", KERSIK_PUTIH, "", "Rudi", "", "--- YYYY YY."),
    ("K3", KERSIK_PUTIH, "", "Wati", "3", "YYY YYYY YYY"),
    ("U1", UNKNOWN_CODE, "", "Dewi", "", "--- TYYY YYY"),
    ("U2", UNKNOWN_CODE, "", "Eka", "", "--- YYYY YYY"),
]


def write_survey(folder: Path, unknown_name: str = SCRIPT_NAME) -> Path:
    """Write the hand-made survey; the unknown village is called ``unknown_name``."""
    rows = [HEADER]
    for household_id, code, dusun, head, age, spec in ROWS:
        name = unknown_name if code == UNKNOWN_CODE else ""
        rows.append([household_id, code, name, dusun, head, age, *answers(spec)])
    return write_csv(folder / "survei-kecil.csv", rows)


def write_villages(folder: Path) -> Path:
    """Total households for the two known villages (the unknown one has none)."""
    return write_csv(
        folder / "desa.csv",
        [["kode_desa", "jumlah_rumah_tangga"], [SEGUMBANG, "3"], [KERSIK_PUTIH, "400"]],
    )


@dataclass(frozen=True)
class Scored:
    """A scored survey, its village summary and (for the sample) its ranking."""

    result: ScoreResult
    report: AreaReport
    villages: VillageTotals | None
    ranking: Ranking | None = None


def small(folder: Path, unknown_name: str = SCRIPT_NAME) -> Scored:
    """The hand-made survey scored by village, with its villages file."""
    survey = read_survey([write_survey(folder, unknown_name)])
    villages = read_villages(write_villages(folder))
    result = score(survey)
    return Scored(result, summarise(result, by="desa", villages=villages), villages)


def sample(*, ranked: bool = False) -> Scored:
    """The bundled sample scored by village, ranked with the bundled contest files if asked."""
    data = sample_data()
    villages = read_villages(data.villages_file)
    result = score(read_survey(data.survey_files))
    report = summarise(result, by="desa", villages=villages)
    return Scored(result, report, villages, sample_ranking(report) if ranked else None)
