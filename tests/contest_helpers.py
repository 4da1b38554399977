"""Helpers for the contest tests (rubric, judges, ranking, ``phbs rank``), docs/aturan.md §7.

A small rubric in the official shape (masukan 3 / proses 4 / keluaran 3) is written to
``tmp_path`` by each test, so the rubric under test is in the test file; judges' scores are
given as ``{village: {criterion: [judge 1, judge 2, judge 3]}}``.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import yaml

from phbs.contest.judges import JudgeScores, read_judges
from phbs.contest.measures import VillageMeasures
from phbs.contest.models import Ranking
from phbs.contest.ranking import rank_villages
from phbs.contest.rubric_loading import LoadedRubric, load_rubric
from phbs.demo.contest import contest_sample
from phbs.demo.data import sample_data
from phbs.forms.denominators import BerPhbsBase
from phbs.scoring.household import AreaLevel
from phbs.scoring.summary import AreaSummary
from phbs.trends.rounds import Round

# Real village codes of Kabupaten Tanah Bumbu (docs/aturan.md §9.2); the scores are made up.
A, B, C, D = "63.10.01.2005", "63.10.01.2006", "63.10.02.2002", "63.10.02.2003"
JUDGES = ("J1", "J2", "J3")

# Four criteria: an option item and a 0–100 item in masukan (3), one proses item (4), and
# the survey's % ber-PHBS in keluaran (3). Maximum = 100 × (3 + 3 + 4 + 3) = 1300.
SMALL_RUBRIC: dict[str, object] = {
    "id": "uji-kecil",
    "version": "1",
    "title": "Rubrik uji",
    "title_en": "Test rubric",
    "sources": ["docs/aturan.md §7.1"],
    "bands": [
        {"label": "Baik", "label_en": "Good", "minimum": 80},
        {"label": "Cukup", "label_en": "Fair", "minimum": 60},
        {"label": "Kurang", "label_en": "Poor", "minimum": 40},
        {"label": "Buruk", "label_en": "Bad", "minimum": 0},
    ],
    "groups": [
        {
            "id": "masukan",
            "name": "Masukan",
            "name_en": "Input",
            "weight": 3,
            "criteria": [
                {
                    "id": "k_opsi",
                    "name": "Kebijakan",
                    "name_en": "Policy",
                    "source": {
                        "type": "judge",
                        "options": {
                            "a": {"score": 90, "text": "a", "text_en": "a"},
                            "b": {"score": 70, "text": "b", "text_en": "b"},
                            "c": {"score": 50, "text": "c", "text_en": "c"},
                            "d": {"score": 20, "text": "d", "text_en": "d"},
                        },
                    },
                },
                {
                    "id": "k_angka",
                    "name": "Dana",
                    "name_en": "Funds",
                    "source": {"type": "judge"},
                },
            ],
        },
        {
            "id": "proses",
            "name": "Proses",
            "name_en": "Process",
            "weight": 4,
            "criteria": [
                {
                    "id": "p_latih",
                    "name": "Pelatihan kader",
                    "name_en": "Kader training",
                    "source": {"type": "judge"},
                }
            ],
        },
        {
            "id": "keluaran",
            "name": "Keluaran",
            "name_en": "Output",
            "weight": 3,
            "criteria": [
                {
                    "id": "o_phbs",
                    "name": "% ber-PHBS",
                    "name_en": "% PHBS",
                    "source": {"type": "survey", "measure": "persen_ber_phbs"},
                }
            ],
        },
    ],
    "tie_breakers": [
        {"subtotal": "keluaran"},
        {"subtotal": "proses"},
        {"measure": "persen_ber_phbs"},
    ],
}


def write_rubric(tmp_path: Path, data: Mapping[str, object], name: str = "rubrik.yaml") -> Path:
    """Dump ``data`` as a rubric file."""
    path = tmp_path / name
    path.write_text(yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False), "utf-8")
    return path


def small_rubric(tmp_path: Path, **changes: object) -> LoadedRubric:
    """The small rubric, with top-level keys replaced by ``changes``."""
    return load_rubric(write_rubric(tmp_path, {**SMALL_RUBRIC, **changes}))


Sheet = Mapping[str, Mapping[str, Sequence[str]]]


def write_judges_long(path: Path, sheet: Sheet, judges: Sequence[str] = JUDGES) -> Path:
    """``kode_desa, kriteria, juri, nilai`` rows; ``None``-free, '' is a blank score."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["kode_desa", "kriteria", "juri", "nilai"])
        for village, criteria in sheet.items():
            for criterion, values in criteria.items():
                for judge, value in zip(judges, values, strict=True):
                    writer.writerow([village, criterion, judge, value])
    return path


def judges_from(
    tmp_path: Path, rubric: LoadedRubric, sheet: Sheet, judges: Sequence[str] = JUDGES
) -> JudgeScores:
    """Write ``sheet`` in long form and read it against ``rubric``."""
    path = write_judges_long(tmp_path / "juri.csv", sheet, judges)
    return read_judges(path, rubric.rubric)


def measures(
    values: Mapping[str, float | None], **more: Mapping[str, float | None]
) -> VillageMeasures:
    """Survey measures with ``persen_ber_phbs`` from ``values`` (and other measures by name)."""
    table: dict[str, dict[str, float | None]] = {
        kode: {"persen_ber_phbs": value, "persen_dipantau": None} for kode, value in values.items()
    }
    for measure, by_village in more.items():
        for kode, value in by_village.items():
            table[kode][measure.replace("__", ".")] = value
    return VillageMeasures(table, {}, ("jamban_sehat",), False, "survei-uji")


# One judged criterion per group, weights 3, 4, 3: the maximum is 100 × (3 + 4 + 3) = 1000, and
# a village whose three criteria all score s has total 3 s + 4 s + 3 s = 10 s, so its % of
# maximum is s itself (docs/aturan.md §7.1).
JUDGED_GROUPS: list[dict[str, object]] = [
    {
        "id": group,
        "name": group.capitalize(),
        "name_en": group,
        "weight": weight,
        "criteria": [
            {"id": f"{group}_nilai", "name": group, "name_en": group, "source": {"type": "judge"}}
        ],
    }
    for group, weight in (("masukan", 3), ("proses", 4), ("keluaran", 3))
]
JUDGED_IDS = [f"{group}_nilai" for group in ("masukan", "proses", "keluaran")]


def judged_rubric(tmp_path: Path, **changes: object) -> LoadedRubric:
    """:data:`JUDGED_GROUPS`; tie-breakers: output subtotal, then % ber-PHBS."""
    tie_breakers = [{"subtotal": "keluaran"}, {"measure": "persen_ber_phbs"}]
    return small_rubric(tmp_path, groups=JUDGED_GROUPS, tie_breakers=tie_breakers, **changes)


def judged_ranking(
    tmp_path: Path,
    scores: Mapping[str, tuple[str, str, str]],
    method: str | None = None,
    **changes: object,
) -> tuple[Ranking, LoadedRubric]:
    """Rank villages whose three judges all give (masukan, proses, keluaran), % ber-PHBS 50
    everywhere; ``changes`` replace top-level keys of the rubric."""
    rubric = judged_rubric(tmp_path, **changes)
    sheet = {
        kode: {ident: [value] * 3 for ident, value in zip(JUDGED_IDS, values, strict=True)}
        for kode, values in scores.items()
    }
    ranking = rank_villages(
        rubric,
        survey=measures(dict.fromkeys(scores, 50.0)),
        judges=judges_from(tmp_path, rubric, sheet),
        method=method,
    )
    return ranking, rubric


def write_table(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """A plain UTF-8 CSV."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


# Saaty, T. L. (2008). Decision making with the analytic hierarchy process. International
# Journal of Services Sciences 1(1), 83-98: "Which drink is consumed more in the U.S.?"
# Order: coffee, wine, tea, beer, sodas, milk, water.
SAATY_2008_DRINKS = np.array(
    [
        [1, 9, 5, 2, 1, 1, 1 / 2],
        [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
        [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
        [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [1, 9, 4, 2, 1, 2, 1 / 2],
        [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [2, 9, 9, 3, 2, 3, 1],
    ]
)


def sample_args() -> list[str | Path]:
    """The bundled sample survey and village list as command-line arguments."""
    data = sample_data()
    return ["--survey", *data.survey_files, "--villages", data.villages_file]


def contest_args() -> list[str | Path]:
    """The bundled sample contest (rubric, judges, attributes, overrides) as arguments."""
    contest = contest_sample()
    return [
        "--rubric",
        contest.rubric,
        "--judges",
        contest.judges_file,
        "--attributes",
        contest.attributes_file,
        "--overrides",
        contest.overrides_file,
    ]


#: (ber-PHBS, households with a complete result, household total or None) per village.
Counts = Mapping[str, tuple[int, int, int | None]]


def round_village(code: str, ber: int, complete: int, total: int | None) -> AreaSummary:
    """A village of a round: ``ber`` of ``complete`` households ber-PHBS, every household
    surveyed complete, ``total`` households in the village (``None`` = unknown)."""
    return AreaSummary(
        tingkat=AreaLevel.DESA,
        kode=code,
        nama=f"Desa {code[-4:]}",
        rumah_tangga_disurvei=complete,
        ber_phbs=ber,
        tidak_ber_phbs=complete - ber,
        belum_lengkap=0,
        persen_ber_phbs=ber / complete * 100 if complete else None,
        indikator={},
        jumlah_desa=1,
        jumlah_rumah_tangga=total,
    )


def make_round(label: str, counts: Counts, na_policy: str = "exclude") -> Round:
    """A survey round of village counts (docs/aturan.md §5.8), form kemenkes-rt-10."""
    return Round(
        label=label,
        villages={code: round_village(code, *c) for code, c in counts.items()},
        form="kemenkes-rt-10",
        na_policy=na_policy,
        base=BerPhbsBase.LENGKAP,
        indicators=(),
        sources=(),
    )
