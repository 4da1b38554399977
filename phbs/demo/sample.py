"""The bundled sample: a synthetic survey of Kabupaten Tanah Bumbu, and the demo run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from phbs.contest.assessment import Uncertainty
from phbs.contest.bootstrap import bootstrap_ranking
from phbs.contest.models import Ranking
from phbs.contest.rubric_loading import load_rubric
from phbs.contest.uncertainty import weight_sensitivity
from phbs.demo.contest import SAMPLE_RUBRIC, write_sample_ranking
from phbs.demo.data import sample_data
from phbs.i18n import Lang
from phbs.ingest.validate import read_survey
from phbs.ingest.villages import read_villages
from phbs.issues import Issue
from phbs.reports.content import ReportOptions
from phbs.reports.households import write_households_csv, write_rejects_csv
from phbs.reports.report import write_report
from phbs.reports.tables import write_areas_csv, write_areas_json, write_issues
from phbs.scoring.results import ScoreResult, score
from phbs.scoring.summary import AreaReport, summarise


@dataclass(frozen=True)
class DemoRun:
    """What the demo produced."""

    result: ScoreResult
    report: AreaReport
    issues: list[Issue]
    ranking: Ranking
    outputs: list[Path]


def run_demo(out_dir: str | Path, lang: Lang = "id") -> DemoRun:
    """Score and rank the sample villages and write every output into ``out_dir`` (created).

    Outputs: village summary (CSV, JSON), households, rows set aside, issues, the ranking
    (CSV, JSON) and the Excel and HTML reports, in ``lang``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     run = run_demo(folder)
    ...     sorted(p.name for p in run.outputs)[0]
    'disisihkan.csv'
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
    write_areas_csv(report, survey, outputs[0])
    write_areas_json(report, result, outputs[1])
    write_households_csv(result, outputs[2])
    write_rejects_csv(survey, outputs[3])
    issues = [*survey.issues, *villages.issues, *report.masalah]
    write_issues(issues, outputs[4], [])
    ranking, ranking_paths = write_sample_ranking(report, folder)
    outputs += ranking_paths
    report_paths = [folder / "laporan.xlsx", folder / "laporan.html"]
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
        ReportOptions(lang=lang, ranking=ranking, villages=villages, uncertainty=uncertainty),
        xlsx=report_paths[0],
        html=report_paths[1],
    )
    outputs += report_paths
    return DemoRun(result=result, report=report, issues=issues, ranking=ranking, outputs=outputs)
