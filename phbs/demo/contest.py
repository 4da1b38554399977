"""The bundled sample contest: judges' scores, attributes and overrides for the 14 sample villages.

Used by ``phbs demo`` and the documentation. The files are synthetic (see
``tools/make_contest_sample.py``); only the village codes and names are real.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from phbs.contest.inputs import read_attributes, read_overrides
from phbs.contest.judges import read_judges
from phbs.contest.models import InputRecord, Ranking
from phbs.contest.ranking import rank_villages
from phbs.contest.rubric_loading import load_rubric
from phbs.i18n import Lang
from phbs.outputs import CsvFormat
from phbs.reports.ranking import write_ranking_csv, write_ranking_json
from phbs.resources import data_path
from phbs.scoring.summary import AreaReport

#: The bundled rubric the sample is scored with.
SAMPLE_RUBRIC = "lomba-desa-ber-phbs"


@dataclass(frozen=True)
class ContestSample:
    """Paths of the bundled contest files."""

    rubric: str
    judges_file: Path
    attributes_file: Path
    overrides_file: Path


def contest_sample() -> ContestSample:
    """The bundled rubric name and the sample judges', attributes and overrides files.

    >>> contest_sample().judges_file.name
    'juri-lomba.csv'
    """
    folder = data_path("contoh")
    return ContestSample(
        rubric=SAMPLE_RUBRIC,
        judges_file=folder / "juri-lomba.csv",
        attributes_file=folder / "atribut-desa.csv",
        overrides_file=folder / "koreksi.csv",
    )


def sample_ranking(report: AreaReport | None = None) -> Ranking:
    """Rank the sample villages with the bundled rubric and sample contest files.

    ``report`` is the sample survey summarised by village; when omitted it is scored here.

    >>> ranking = sample_ranking()
    >>> len(ranking.ranked()), ranking.village("63.10.01.2029").status.value
    (13, 'dikeluarkan')
    """
    if report is None:
        from phbs.demo.data import sample_data
        from phbs.ingest.validate import read_survey
        from phbs.scoring.results import score
        from phbs.scoring.summary import summarise

        report = summarise(score(read_survey(sample_data().survey_files)), by="desa")
    sample = contest_sample()
    loaded = load_rubric(sample.rubric)
    return rank_villages(
        loaded,
        survey=report,
        judges=read_judges(sample.judges_file, loaded.rubric),
        attributes=read_attributes(sample.attributes_file, loaded.rubric),
        overrides=read_overrides(sample.overrides_file, loaded.rubric),
        inputs=[InputRecord(peran="survei", berkas="(contoh bawaan)", sha256="")],
    )


def write_sample_ranking(
    report: AreaReport,
    out_dir: str | Path,
    lang: Lang = "id",
    *,
    csv_format: CsvFormat = CsvFormat.MACHINE,
) -> tuple[Ranking, list[Path]]:
    """Rank the sample; write ``peringkat-desa.csv`` (machine or spreadsheet CSV,
    ``csv_format``) and ``peringkat-desa.json`` in ``out_dir``, notes and labels in ``lang``.

    The call ``phbs demo`` makes after summarising the sample survey by village.

    >>> import tempfile
    >>> from phbs.demo.data import sample_data
    >>> from phbs.ingest.validate import read_survey
    >>> from phbs.scoring.results import score
    >>> from phbs.scoring.summary import summarise
    >>> report = summarise(score(read_survey(sample_data().survey_files)), by="desa")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     ranking, paths = write_sample_ranking(report, folder)
    ...     [p.name for p in paths]
    ['peringkat-desa.csv', 'peringkat-desa.json']
    """
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    ranking = sample_ranking(report)
    paths = [folder / "peringkat-desa.csv", folder / "peringkat-desa.json"]
    write_ranking_csv(ranking, paths[0], lang, csv_format=csv_format)
    write_ranking_json(ranking, paths[1], lang)
    return ranking, paths
