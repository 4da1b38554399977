"""The bundled sample: a synthetic survey of Kabupaten Tanah Bumbu, and the demo run."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from phbs.contest.assessment import Uncertainty
from phbs.contest.bootstrap import bootstrap_ranking
from phbs.contest.improvement import Improvement, rank_improvement
from phbs.contest.models import Ranking
from phbs.contest.rubric_loading import load_rubric
from phbs.contest.uncertainty import weight_sensitivity
from phbs.demo.contest import SAMPLE_RUBRIC, write_sample_ranking
from phbs.demo.data import sample_data
from phbs.demo.rounds import sample_trends, write_sample_trends
from phbs.i18n import Lang
from phbs.ingest.validate import read_survey
from phbs.ingest.villages import read_villages
from phbs.issues import Issue
from phbs.outputs import CsvFormat, atomic_path
from phbs.reports.content import ReportOptions
from phbs.reports.households import write_households_csv, write_rejects_csv
from phbs.reports.panel import MinutesDetails
from phbs.reports.report import write_report
from phbs.reports.tables import write_areas_csv, write_areas_json, write_issues
from phbs.resources import data_path
from phbs.scoring.funnel import funnel_plot
from phbs.scoring.results import ScoreResult, score
from phbs.scoring.summary import AreaReport, summarise
from phbs.trends.models import Trends

#: What the sample panel writes into its *berita acara* (the chair's name is left blank, to
#: show the line a panel fills in by hand).
SAMPLE_MINUTES = MinutesDetails(
    place="Aula Dinas Kesehatan Kabupaten Tanah Bumbu, Batulicin",
    date=datetime.date(2025, 10, 20),
)


@dataclass(frozen=True)
class DemoRun:
    """What the demo produced. ``trends`` compares the sample's earlier round with the
    current one. ``inputs`` are the sample's input files copied beside the outputs (so the
    README's commands run in that folder as written); ``kept`` are files of the same names
    already there with other contents, which are never overwritten."""

    result: ScoreResult
    report: AreaReport
    issues: list[Issue]
    ranking: Ranking
    trends: Trends
    improvement: Improvement
    outputs: list[Path]
    inputs: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


def copy_sample_inputs(folder: Path) -> tuple[list[Path], list[Path]]:
    """Copy the bundled sample files (surveys of both rounds, villages, contest files, the
    kader workbook, recaps and mappings) into ``folder``: ``(copied or already identical,
    kept)``. A file of the same name with other contents is kept as it is (it may be the
    user's edit)."""
    copied: list[Path] = []
    kept: list[Path] = []
    for source in sorted(data_path("contoh").iterdir()):
        if not source.is_file() or source.name == "README.md":
            continue
        target = folder / source.name
        data = source.read_bytes()
        if target.exists():
            (copied if target.is_file() and target.read_bytes() == data else kept).append(target)
            continue
        with atomic_path(target, []) as temporary:
            Path(temporary).write_bytes(data)
        copied.append(target)
    return copied, kept


def run_demo(
    out_dir: str | Path, lang: Lang = "id", *, csv_format: CsvFormat = CsvFormat.MACHINE
) -> DemoRun:
    """Score and rank the sample villages and write every output into ``out_dir`` (created).

    Outputs: village summary (CSV, JSON), households, rows set aside, issues, the ranking
    (CSV, JSON), the change since the earlier round (CSV, JSON), the Excel and HTML reports
    and the contest's *berita acara*, in ``lang``; the CSVs as machine or spreadsheet CSVs
    (``csv_format``). The sample's input files are copied beside them
    (:func:`copy_sample_inputs`).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     run = run_demo(folder)
    ...     sorted(p.name for p in run.outputs)[:2]
    ['berita-acara.html', 'disisihkan.csv']
    """
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    sample = sample_data()
    survey = read_survey(sample.survey_files)
    villages = read_villages(sample.villages_file)
    result = score(survey)
    report = summarise(result, by="desa", villages=villages)
    outputs = [
        folder / "ringkasan-desa.csv",
        folder / "ringkasan-desa.json",
        folder / "rumah-tangga.csv",
        folder / "disisihkan.csv",
        folder / "masalah-data.xlsx",
    ]
    write_areas_csv(report, survey, outputs[0], csv_format=csv_format)
    write_areas_json(report, result, outputs[1])
    write_households_csv(result, outputs[2], csv_format=csv_format)
    write_rejects_csv(survey, outputs[3], lang, csv_format=csv_format)
    ranking, ranking_paths = write_sample_ranking(report, folder, lang, csv_format=csv_format)
    # The same issues as the report counts: the survey's, the villages file's, the
    # summary's, the funnel's and the contest's.
    issues = [*survey.issues, *villages.issues, *report.masalah, *funnel_plot(report).issues()]
    issues += ranking.masalah
    trends = sample_trends(result, report, villages, sample)
    improvement = rank_improvement(trends, replicates=1000, seed=42)
    issues += trends.masalah
    write_issues(issues, outputs[4], [], lang)
    outputs += ranking_paths
    outputs += write_sample_trends(
        trends, folder, csv_format=csv_format, sample=sample, improvement=improvement
    )
    report_paths = [folder / "laporan.xlsx", folder / "laporan.html", folder / "berita-acara.html"]
    rubric = load_rubric(SAMPLE_RUBRIC)
    uncertainty = Uncertainty(
        report=report,
        bootstrap=bootstrap_ranking(
            ranking, rubric, report, replicates=500, seed=42, households=result
        ),
        weights=weight_sensitivity(ranking, rubric, replicates=300, seed=42),
    )
    write_report(
        result,
        report,
        ReportOptions(
            lang=lang,
            ranking=ranking,
            villages=villages,
            uncertainty=uncertainty,
            minutes=SAMPLE_MINUTES,
            trends=trends,
        ),
        xlsx=report_paths[0],
        html=report_paths[1],
        minutes=report_paths[2],
    )
    outputs += report_paths
    inputs, kept = copy_sample_inputs(folder)
    return DemoRun(
        result=result,
        report=report,
        issues=issues,
        ranking=ranking,
        trends=trends,
        improvement=improvement,
        outputs=outputs,
        inputs=inputs,
        kept=kept,
    )
