"""The rubric source ``perubahan_persen_ber_phbs``: a village's change in % ber-PHBS from the
baseline round to the current one (docs/aturan.md §5.8 change between rounds, §7.2 rubric
sources). Expected changes and scores are worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

import pytest
from contest_helpers import SMALL_RUBRIC, A, B, C, make_round, measures, write_rubric

from phbs.contest.change import CHANGE_MEASURE, change_measures, with_change
from phbs.contest.ranking import rank_villages
from phbs.contest.rubric import BandMapping, SurveySource
from phbs.contest.rubric_loading import load_rubric
from phbs.errors import RubricError, SettingsError
from phbs.ingest.code_changes import CodeChange, CodeChanges
from phbs.trends.compare import compare_rounds

#: Only survey criteria: % ber-PHBS (as is) and its change, mapped −10 → 0, +20 → 100.
CHANGE_CRITERION: dict[str, object] = {
    "id": "peningkatan",
    "name": "Peningkatan % ber-PHBS",
    "name_en": "Improvement in % PHBS",
    "source": {
        "type": "survey",
        "measure": "perubahan_persen_ber_phbs",
        "mapping": {"type": "linear", "low": -10, "high": 20},
    },
}


def rubric_with(tmp_path: Path, criterion: dict[str, object]) -> Path:
    groups = [
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
                },
                criterion,
            ],
        }
    ]
    return write_rubric(tmp_path, {**SMALL_RUBRIC, "groups": groups, "tie_breakers": []})


def test_the_change_used_as_is_is_refused_at_load(tmp_path: Path) -> None:
    # A change may be negative, and a negative score is not a score (§7.2).
    as_is = {
        **CHANGE_CRITERION,
        "source": {"type": "survey", "measure": "perubahan_persen_ber_phbs"},
    }
    with pytest.raises(RubricError, match="negative score is not a score"):
        load_rubric(rubric_with(tmp_path, as_is))


def test_bands_of_the_change_must_reach_minus_100(tmp_path: Path) -> None:
    def banded(lowest: float) -> dict[str, object]:
        bands: list[dict[str, float]] = [{"minimum": 10, "score": 100}, {"minimum": 0, "score": 60}]
        bands.append({"minimum": lowest, "score": 0})
        mapping = {"type": "bands", "bands": bands}
        source = {"type": "survey", "measure": CHANGE_MEASURE, "mapping": mapping}
        return {**CHANGE_CRITERION, "source": source}

    with pytest.raises(RubricError, match=r"start at -100 or below so every change"):
        load_rubric(rubric_with(tmp_path, banded(-50)))
    loaded = load_rubric(rubric_with(tmp_path, banded(-100)))
    source = loaded.rubric.criterion("peningkatan").source
    assert isinstance(source, SurveySource)
    assert isinstance(source.mapping, BandMapping)
    # −100 is the lowest possible change: it falls in the last band, score 0.
    assert source.mapping.score(-100) == 0.0


def test_the_rubric_needs_the_baseline(tmp_path: Path) -> None:
    loaded = load_rubric(rubric_with(tmp_path, CHANGE_CRITERION))
    with pytest.raises(SettingsError, match="--baseline LABEL=BERKAS") as raised:
        rank_villages(loaded, survey=measures({A: 50.0}))
    assert "\n" not in str(raised.value)


def test_the_change_is_scored_through_its_mapping_and_a_missing_village_is_not_ranked(
    tmp_path: Path,
) -> None:
    # 2024 → 2025: A 40 % → 45 % (+5.0), B 50 % → 35 % (−15.0), C only in 2025.
    before = make_round("2024", {A: (20, 50, None), B: (25, 50, None)})
    after = make_round("2025", {A: (18, 40, None), B: (14, 40, None), C: (10, 40, None)})
    trends = compare_rounds([before, after], by="desa")
    assert change_measures(trends)[A] == pytest.approx(5.0)
    assert change_measures(trends)[B] == pytest.approx(-15.0)
    assert change_measures(trends)[C] is None
    loaded = load_rubric(rubric_with(tmp_path, CHANGE_CRITERION))
    survey = with_change(measures({A: 45.0, B: 35.0, C: 25.0}), trends)
    ranking = rank_villages(loaded, survey=survey)
    # Linear −10 → 0, +20 → 100: A (+5) scores (5 + 10)/30 × 100 = 50; B (−15) is below −10
    # and clipped to 0. Totals (weight 3): A (45 + 50) × 3 = 285, B (35 + 0) × 3 = 105.
    a, b = ranking.village(A), ranking.village(B)
    assert a.kriteria["peningkatan"].nilai == pytest.approx(50.0)
    assert b.kriteria["peningkatan"].nilai == 0.0
    assert a.total == pytest.approx(285.0)
    assert b.total == pytest.approx(105.0)
    assert (a.peringkat, b.peringkat) == (1, 2)
    c = ranking.village(C)
    assert c.peringkat is None
    assert any("tidak disurvei di putaran 2024" in note for note in c.catatan)
    assert any("not surveyed in round 2024" in note for note in c.catatan_en)
    assert ranking.perubahan is not None
    assert (ranking.perubahan.dari, ranking.perubahan.ke) == ("2024", "2025")
    assert ranking.perubahan.kriteria == ["peningkatan"]
    assert ranking.perubahan.nama == ["Peningkatan % ber-PHBS"]
    # With --rank-incomplete C is ranked, its missing change counted 0: total 25 × 3 = 75.
    incomplete = rank_villages(loaded, survey=survey, rank_incomplete=True)
    assert incomplete.village(C).total == pytest.approx(75.0)


def test_a_split_village_takes_the_change_of_its_joined_unit() -> None:
    # Pemekaran: A (2024, 30/60 = 50 %) split into B and C (2025: 20/40 and 26/40). The unit
    # B + C is 46/80 = 57.5 %: +7.5 pp, given to B and to C, each with a note naming the unit.
    before = make_round("2024", {A: (30, 60, None)})
    after = make_round("2025", {B: (20, 40, None), C: (26, 40, None)})
    split = CodeChanges((CodeChange(A, B, 2), CodeChange(A, C, 3)), "kode.csv")
    trends = compare_rounds([before, after], by="desa", code_changes=split)
    values = change_measures(trends)
    assert values[B] == pytest.approx(7.5)
    assert values[C] == pytest.approx(7.5)
    # Only B takes part in the contest: it still gets the unit's change, and the note.
    survey = with_change(measures({B: 50.0}), trends)
    assert survey.values[B]["perubahan_persen_ber_phbs"] == pytest.approx(7.5)
    note = survey.notes[B]["perubahan_persen_ber_phbs"]
    assert f"{B} + {C}" in note[0]
    assert A in note[0]
    assert survey.change_codes_file == "kode.csv"
