"""The page's sample job (*Coba dengan data contoh*): the bundled sample survey read, scored,
reported and ranked as ``phbs demo`` does it — the villages file, the sample panel's judges,
attributes and overrides with the bundled rubric, the rank's sureness (500 bootstrap
replicates, 300 weight draws, seed 42), the minutes' place and date, and the earlier 2024
round beside the 2025 survey — from copies in the job's own uploads.

Pure Python: nothing of the web stack is imported here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from phbs.contest.assessment import UncertaintyOptions
from phbs.demo.contest import contest_sample
from phbs.demo.data import sample_data
from phbs.demo.sample import SAMPLE_MINUTES
from phbs.i18n import Lang
from phbs.web import UPLOADS
from phbs.web.spec import JobSpec


def sample_spec(folder: Path, lang: Lang) -> JobSpec:
    """The sample job, its files copied into ``folder``'s uploads."""
    sample, contest = sample_data(), contest_sample()
    uploads = folder / UPLOADS
    uploads.mkdir(parents=True, exist_ok=True)

    def copied(source: Path) -> Path:
        return Path(shutil.copy(source, uploads / source.name))

    return JobSpec(
        folder=folder,
        survey=tuple(copied(p) for p in sample.survey_files),
        villages=copied(sample.villages_file),
        rubric=contest.rubric,
        judges=copied(contest.judges_file),
        attributes=copied(contest.attributes_file),
        overrides=copied(contest.overrides_file),
        uncertainty=UncertaintyOptions(bootstrap=500, seed=42, weight_sensitivity=300),
        minutes=SAMPLE_MINUTES,
        baseline=tuple(copied(p) for p in sample.baseline_files),
        baseline_label=sample.baseline_label,
        label=sample.label,
        lang=lang,
    )
