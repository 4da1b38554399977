"""The bundled sample's two rounds compared (docs/aturan.md §5.8): the earlier round (2024)
read from its files, the current one (2025) from the demo's own scoring.

What is true in the synthetic earlier round (``tools/sample_round_2024.py``,
``phbs/data/contoh/README.md``): Batulicin and Pejala really improved, Kampung Baru really
declined, the other villages surveyed in both rounds did not change, and Pulau Salak was
not surveyed in 2024.
"""

from __future__ import annotations

from pathlib import Path

from phbs.contest.improvement import Improvement
from phbs.demo.data import SampleData, sample_data
from phbs.ingest.villages import VillageTotals
from phbs.outputs import CsvFormat
from phbs.reports.trends_tables import write_trends_csv, write_trends_json
from phbs.scoring.results import ScoreResult
from phbs.scoring.summary import AreaReport
from phbs.trends.compare import compare_rounds
from phbs.trends.households import household_outcomes
from phbs.trends.models import AreaTrend, Change, Trends, Verdict
from phbs.trends.reading import read_round
from phbs.trends.rounds import round_from_score, totals_source


def sample_trends(
    result: ScoreResult,
    report: AreaReport,
    villages: VillageTotals | None = None,
    sample: SampleData | None = None,
) -> Trends:
    """The sample's earlier round against its current one, by village.

    ``result`` and ``report`` are the current survey scored and summarised by village (as
    ``phbs demo`` has them); its households are kept for pairing. The earlier round is read
    with the same villages file.

    >>> import phbs
    >>> from phbs.ingest.villages import read_villages
    >>> sample = sample_data()
    >>> result = phbs.score(phbs.read_survey(sample.survey_files))
    >>> villages = read_villages(sample.villages_file)
    >>> trends = sample_trends(result, phbs.summarise(result, villages=villages), villages)
    >>> trends.perbandingan, most_improved(trends).nama
    ([('2024', '2025')], 'Batulicin')
    """
    sample = sample or sample_data()
    earlier, _ = read_round(sample.baseline_label, sample.baseline_files, villages=villages)
    current = round_from_score(
        sample.label,
        report,
        [str(p) for p in sample.survey_files],
        household_outcomes(result.households()),
        form=result.survey.form.form,
        totals_source=totals_source(villages),
    )
    return compare_rounds([earlier, current])


def most_improved(trends: Trends, pair: int = 0) -> AreaTrend | None:
    """The area whose % ber-PHBS went up the most among those whose interval says *naik*
    (``pair``: index into ``trends.perbandingan``), or ``None`` when none went up."""
    up = [a for a in trends.wilayah if a.persen_ber_phbs.perubahan[pair].putusan is Verdict.NAIK]
    return max(up, key=lambda a: _points(a.persen_ber_phbs.perubahan[pair]), default=None)


def _points(change: Change) -> float:
    return change.perubahan if change.perubahan is not None else float("-inf")


def write_sample_trends(
    trends: Trends,
    out_dir: str | Path,
    *,
    csv_format: CsvFormat = CsvFormat.MACHINE,
    sample: SampleData | None = None,
    improvement: Improvement | None = None,
) -> list[Path]:
    """Write ``perubahan.csv`` (machine or spreadsheet CSV) and ``perubahan.json`` into
    ``out_dir``, as ``phbs compare -o`` writes them."""
    sample = sample or sample_data()
    folder = Path(out_dir)
    inputs = [*sample.baseline_files, *sample.survey_files, sample.villages_file]
    paths = [folder / "perubahan.csv", folder / "perubahan.json"]
    write_trends_csv(trends, paths[0], inputs, csv_format=csv_format)
    write_trends_json(trends, paths[1], inputs, improvement=improvement)
    return paths
