"""Two survey rounds made from the bundled sample, for the tests of the change section.

The baseline round is the sample with, in Batulicin (63.10.01.1007), :data:`FLIPPED`
households that did not smoke indoors written as smoking: those of them that are ber-PHBS
now were not then, and nothing else differs. So Batulicin truly improves from the baseline
to the sample, every other village stays the same, and the same households are found in
both rounds (docs/aturan.md §5.8).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from phbs.demo.data import sample_data
from phbs.ingest.validate import read_survey
from phbs.ingest.villages import VillageTotals, read_villages
from phbs.scoring.household import AreaLevel
from phbs.scoring.results import ScoreResult, score
from phbs.scoring.summary import AreaReport, summarise
from phbs.trends.compare import compare_rounds
from phbs.trends.households import household_outcomes
from phbs.trends.models import Trends
from phbs.trends.reading import read_round
from phbs.trends.rounds import round_from_score

IMPROVED = "63.10.01.1007"
FLIPPED = 40


def write_baseline(folder: Path) -> list[Path]:
    """The baseline round's files: a changed copy of the Batulicin file and a copy of the
    Kusan Hilir file as it is."""
    data = sample_data()
    source = next(p for p in data.survey_files if "batulicin" in p.name)
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    column = rows[0].index("tidak_merokok")
    flipped = 0
    for row in rows[1:]:
        if row[1] == IMPROVED and row[column] == "1" and flipped < FLIPPED:
            row[column] = "0"
            flipped += 1
    assert flipped == FLIPPED
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "survei-batulicin-2024.csv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    # A copy: a round reads files of its own (the same file in two rounds is refused).
    others = []
    for other in (p for p in data.survey_files if p != source):
        copy = folder / other.name
        copy.write_bytes(other.read_bytes())
        others.append(copy)
    return [target, *others]


@dataclass(frozen=True)
class TwoRounds:
    """The sample scored (the current round), its summary by village, and the comparison."""

    result: ScoreResult
    report: AreaReport
    villages: VillageTotals
    trends: Trends
    baseline_files: list[Path]


def two_rounds(folder: Path) -> TwoRounds:
    """The baseline (``2024``) against the bundled sample (``2025``), by village."""
    data = sample_data()
    villages = read_villages(data.villages_file)
    files = write_baseline(folder)
    earlier, _issues = read_round("2024", files, villages=villages)
    result = score(read_survey(data.survey_files))
    report = summarise(result, by=AreaLevel.DESA, villages=villages)
    current = round_from_score(
        "2025", report, [str(p) for p in data.survey_files], household_outcomes(result.households())
    )
    return TwoRounds(result, report, villages, compare_rounds([earlier, current]), files)
