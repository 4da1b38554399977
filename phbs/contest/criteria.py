"""Each contest village's 0–100 score on each rubric criterion, from its source (aturan.md §7.2).

``judge`` criteria combine the judges' scores (mean, median or trimmed mean); ``survey``
criteria take a village measure as is or through the rubric's mapping; ``attribute`` criteria
map the attributes file's value. A score that cannot be had is ``NaN`` with an issue record
saying why — never a silent 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from phbs.contest.inputs import VillageAttributes
from phbs.contest.judges import JudgeScores
from phbs.contest.measures import VillageMeasures
from phbs.contest.rubric import (
    Aggregation,
    AttributeSource,
    BandMapping,
    Criterion,
    JudgeSettings,
    JudgeSource,
    Rubric,
    SurveySource,
    parse_number,
)
from phbs.issues import Issue, make_issue


def aggregate(scores: list[float], settings: JudgeSettings) -> float:
    """Combine judges' scores for one criterion as the rubric says.

    ``trimmed_mean`` drops ``floor(trim_proportion × n)`` scores at each end first.

    >>> aggregate([60, 80, 100, 100, 40], JudgeSettings(aggregation="trimmed_mean"))
    80.0
    >>> aggregate([70, 90, 95], JudgeSettings(aggregation="median"))
    90.0
    """
    values = np.sort(np.asarray(scores, dtype=np.float64))
    if settings.aggregation is Aggregation.MEDIAN:
        return float(np.median(values))
    if settings.aggregation is Aggregation.TRIMMED_MEAN:
        cut = math.floor(settings.trim_proportion * len(values))
        values = values[cut : len(values) - cut]
    return float(values.mean())


@dataclass
class CellDetail:
    """Where one village's score on one criterion came from."""

    value: float | None = None
    shown: str = ""
    judges: dict[str, float] = field(default_factory=dict)


@dataclass
class CriterionMatrix:
    """Villages x criteria scores (``NaN`` = no score) with their details and issues."""

    scores: NDArray[np.float64]
    details: list[list[CellDetail]]
    missing_judged: dict[str, list[str]]
    issues: list[Issue]


_MEASURE_BLANK = {
    "persen_ber_phbs": (
        "tidak ada rumah tangga yang hasilnya lengkap",
        "no household with a complete result",
    ),
    "persen_dipantau": (
        "jumlah rumah tangga desa tidak diketahui (--villages)",
        "the village's household total is unknown (--villages)",
    ),
    "perubahan_persen_ber_phbs": (
        "desa tidak punya % ber-PHBS di kedua putaran",
        "the village has no % ber-PHBS in both rounds",
    ),
}


def criterion_matrix(
    rubric: Rubric,
    villages: list[str],
    measures: VillageMeasures | None,
    judges: JudgeScores | None,
    attributes: VillageAttributes | None,
) -> CriterionMatrix:
    """Score every village on every criterion of ``rubric`` (rubric order)."""
    criteria = [c for _, c in rubric.criteria()]
    scores = np.full((len(villages), len(criteria)), np.nan)
    details = [[CellDetail() for _ in criteria] for _ in villages]
    missing: dict[str, list[str]] = {}
    issues: list[Issue] = []
    for i, kode in enumerate(villages):
        for j, item in enumerate(criteria):
            cell = details[i][j]
            source = item.source
            if isinstance(source, JudgeSource):
                _judged(cell, kode, item, judges, rubric.judges)
                if cell.value is None:
                    missing.setdefault(kode, []).append(item.id)
            elif isinstance(source, SurveySource):
                issue = _surveyed(cell, kode, source, measures)
                if issue is not None:
                    issues.append(issue)
            elif isinstance(source, AttributeSource):
                issue = _attribute(cell, kode, source, attributes)
                if issue is not None:
                    issues.append(issue)
            if cell.value is not None:
                scores[i, j] = cell.value
    for kode, ids in missing.items():
        issues.append(
            make_issue(
                "kriteria-tanpa-nilai",
                file=judges.source if judges else "",
                column=", ".join(ids),
                value=kode,
            )
        )
    return CriterionMatrix(scores, details, missing, issues)


def _judged(
    cell: CellDetail,
    kode: str,
    item: Criterion,
    judges: JudgeScores | None,
    settings: JudgeSettings,
) -> None:
    given = judges.scores.get(kode, {}).get(item.id, {}) if judges else {}
    if not given:
        return
    cell.judges = {judge: score.value for judge, score in given.items()}
    cell.value = aggregate(list(cell.judges.values()), settings)
    cell.shown = ", ".join(f"{judge}: {score.text}" for judge, score in given.items())


def _surveyed(
    cell: CellDetail,
    kode: str,
    source: SurveySource,
    measures: VillageMeasures | None,
) -> Issue | None:
    row = measures.values.get(kode) if measures else None
    if row is None:
        reason = ("desa tidak ada di data survei", "the village is not in the survey data")
        value = None
    else:
        value = row.get(source.measure)
        # A reason known for this village (e.g. the round it is missing from) comes first.
        reason = (measures.notes.get(kode, {}) if measures else {}).get(
            source.measure,
            _MEASURE_BLANK.get(
                source.measure, ("tidak ada jawaban yang berlaku", "no applicable answer")
            ),
        )
    if value is None:
        return make_issue(
            "ukuran-survei-kosong",
            file=measures.source if measures else "",
            column=source.measure,
            kode=kode,
            reason=reason[0],
            reason_en=reason[1],
        )
    cell.shown = f"{value:.2f}"
    cell.value = value if source.mapping is None else source.mapping.score(value)
    return None


def _attribute(
    cell: CellDetail,
    kode: str,
    source: AttributeSource,
    attributes: VillageAttributes | None,
) -> Issue | None:
    name = source.attribute
    text = attributes.values.get(kode, {}).get(name, "") if attributes else ""
    file = attributes.source if attributes else ""
    row = attributes.rows.get(kode) if attributes else None
    if not text:
        return make_issue("atribut-kosong", file=file, row=row, column=name, kode=kode)
    cell.shown = text
    mapping = source.mapping
    if isinstance(mapping, BandMapping):
        number = parse_number(text)
        if number is None:
            reason = ("bukan angka", "not a number")
        else:
            cell.value = mapping.score(number)
            lowest = f"{mapping.bands[-1].minimum:g}"
            reason = (f"di bawah pita terendah ({lowest})", f"below the lowest band ({lowest})")
    else:
        cell.value = mapping.score(text)
        listed = ", ".join(mapping.values)
        reason = (
            f"tidak ada di tabel nilai rubrik ({listed})",
            f"not in the rubric's table ({listed})",
        )
    if cell.value is None:
        return make_issue(
            "atribut-salah",
            file=file,
            row=row,
            column=name,
            value=text,
            kode=kode,
            reason=reason[0],
            reason_en=reason[1],
        )
    return None
