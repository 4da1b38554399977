"""One contest run, as ``phbs rank`` and ``phbs report`` make it: the survey measures (shrunk
on request), the judges', attributes and overrides files, the ranking, and how sure it is
(docs/aturan.md §7).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from phbs.contest.assessment import Uncertainty, UncertaintyOptions, assess_ranking
from phbs.contest.inputs import read_attributes, read_overrides
from phbs.contest.judges import read_judges
from phbs.contest.measures import VillageMeasures, measures_from_report
from phbs.contest.models import InputRecord, Ranking, ShrinkRecord
from phbs.contest.ranking import rank_villages
from phbs.contest.rubric_loading import LoadedRubric
from phbs.contest.uncertainty import shrink_measures, surveyed_in_full
from phbs.errors import SettingsError
from phbs.ingest.survey import SourceFile
from phbs.ingest.villages import VillageTotals
from phbs.scoring.results import ScoreResult
from phbs.scoring.summary import AreaReport


@dataclass(frozen=True)
class ContestFiles:
    """The contest's own input files, each optional."""

    judges: Path | None = None
    attributes: Path | None = None
    overrides: Path | None = None


@dataclass(frozen=True)
class ContestRun:
    """A ranking, the rubric it used, and what was found about how sure it is (``None``
    when no analysis was asked for)."""

    ranking: Ranking
    rubric: LoadedRubric
    uncertainty: Uncertainty | None


def survey_records(
    files: Sequence[SourceFile], villages: VillageTotals | None = None
) -> list[InputRecord]:
    """The audit-trail records of the survey files, their mappings and the villages file."""
    records = [
        InputRecord(
            peran="survei",
            berkas=f.name,
            sha256=f.sha256,
            cara_baca=f.reading.record() if f.reading else None,
        )
        for f in files
    ]
    mappings = dict.fromkeys((f.mapping, f.mapping_sha256) for f in files if f.mapping)
    records += [InputRecord(peran="peta", berkas=name, sha256=sha) for name, sha in mappings]
    if villages is not None:
        records.append(InputRecord(peran="desa", berkas=villages.source, sha256=villages.sha256))
    return records


def run_contest(
    rubric: LoadedRubric,
    survey: AreaReport | VillageMeasures | None,
    report: AreaReport | None,
    files: ContestFiles,
    inputs: Sequence[InputRecord] = (),
    *,
    method: str | None = None,
    rank_incomplete: bool = False,
    uncertainty: UncertaintyOptions | None = None,
    households: ScoreResult | None = None,
) -> ContestRun:
    """Rank the villages of ``survey`` (a village summary or measures read from a file) with
    the rubric and the contest ``files``.

    ``report`` is the village summary the survey measures came from, when the survey was
    scored: ``uncertainty`` asks for shrinkage, the rank bootstrap and the weight sensitivity
    (the first two need ``report``; ``households`` lets the bootstrap resample the households
    themselves).

    >>> from phbs.contest.rubric_loading import load_rubric
    >>> from phbs.demo.contest import contest_sample
    >>> from phbs.demo.data import sample_data
    >>> from phbs.ingest import read_survey
    >>> from phbs.scoring.results import score
    >>> from phbs.scoring.summary import summarise
    >>> report = summarise(score(read_survey(sample_data().survey_files)), by="desa")
    >>> sample = contest_sample()
    >>> run = run_contest(
    ...     load_rubric(sample.rubric), report, report,
    ...     ContestFiles(sample.judges_file, sample.attributes_file, sample.overrides_file),
    ... )
    >>> len(run.ranking.ranked()), run.uncertainty is None
    (13, True)
    """
    asked = uncertainty or UncertaintyOptions()
    if (asked.shrink or asked.bootstrap) and report is None:
        raise SettingsError(
            "--bootstrap dan --shrink perlu --survey (jumlah rumah tangga per desa)",
            "--bootstrap and --shrink need --survey (household counts per village)",
        )
    prior = None
    if asked.shrink and survey is not None and report is not None:
        measures = measures_from_report(survey) if isinstance(survey, AreaReport) else survey
        survey, prior = shrink_measures(measures, report)
    ranking = rank_villages(
        rubric,
        survey=survey,
        judges=read_judges(files.judges, rubric.rubric) if files.judges else None,
        attributes=read_attributes(files.attributes, rubric.rubric) if files.attributes else None,
        overrides=read_overrides(files.overrides, rubric.rubric) if files.overrides else None,
        method=method,
        rank_incomplete=rank_incomplete,
        inputs=list(inputs),
    )
    if prior is not None and report is not None:
        # The ranking says it was scored on shrunk values, so every output can (§7.8).
        census = [a.kode for a in report.wilayah if surveyed_in_full(a)]
        kappa = None if prior.infinite else prior.strength
        record = ShrinkRecord(mu_persen=prior.mean * 100, kappa=kappa, desa_sensus=census)
        ranking = ranking.model_copy(update={"penyusutan": record})
    found = None
    if asked.bootstrap or asked.weight_sensitivity:
        found = assess_ranking(ranking, rubric, report, asked, prior=prior, households=households)
    elif asked.shrink:
        found = Uncertainty(report=report, prior=prior)
    return ContestRun(ranking, rubric, found)
