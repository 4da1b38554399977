"""Ranking contest villages with a rubric: totals, ties, missing scores, TOPSIS, agreement.

Every rule follows docs/aturan.md §7: an item's weighted
score is raw × group weight (masukan 3, proses 4, keluaran 3), the total is their sum; judges'
scores are aggregated (mean by default); ordered tie-breakers, then a shared "1224" rank;
recorded overrides; total, group subtotals and band label per village.
"""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from contest_helpers import (
    SMALL_RUBRIC,
    A,
    B,
    C,
    D,
    judges_from,
    measures,
    small_rubric,
    write_rubric,
    write_table,
)
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import vector_normalization

from phbs.contest.inputs import read_attributes, read_overrides
from phbs.contest.measures import measures_from_report, read_village_summary
from phbs.contest.models import Ranking, VillageStatus
from phbs.contest.ranking import rank_villages
from phbs.contest.rubric_loading import load_rubric
from phbs.demo.contest import sample_ranking
from phbs.errors import InputFileError, SettingsError

# Four villages, three judges (docs/aturan.md §7.3). k_opsi is an option item (a 90, b 70, c 50,
# d 20), k_angka and p_latih are 0–100, o_phbs is the survey's % ber-PHBS.
FOUR_VILLAGES = {
    A: {"k_opsi": ["a", "a", "b"], "k_angka": ["80", "85", "90"], "p_latih": ["80", "80", "80"]},
    B: {"k_opsi": ["b", "b", "b"], "k_angka": ["90", "90", "90"], "p_latih": ["75", "80", "85"]},
    C: {"k_opsi": ["a", "b", "c"], "k_angka": ["70", "75", "80"], "p_latih": ["90", "95", "100"]},
    D: {"k_opsi": ["c", "d", "c"], "k_angka": ["60", "65", "70"], "p_latih": ["50", "60", "70"]},
}
FOUR_PHBS = {A: 60.0, B: 70.0, C: 55.0, D: 40.0}


def four_village_ranking(tmp_path: Path, **options: Any) -> Ranking:
    rubric = small_rubric(tmp_path)
    judges = judges_from(tmp_path, rubric, FOUR_VILLAGES)
    return rank_villages(rubric, survey=measures(FOUR_PHBS), judges=judges, **options)


def test_hand_computed_totals_four_villages_three_judges(tmp_path: Path) -> None:
    """docs/aturan.md §7.1, worked by hand (judges' mean, then raw × group weight, summed):

    A: k_opsi (90+90+70)/3 = 83.33, k_angka 85, p_latih 80, o_phbs 60
       3 × 83.33 + 3 × 85 + 4 × 80 + 3 × 60 = 250 + 255 + 320 + 180 = 1005
    B: 3 × 70 + 3 × 90 + 4 × 80 + 3 × 70 = 210 + 270 + 320 + 210 = 1010
    C: 3 × 70 + 3 × 75 + 4 × 95 + 3 × 55 = 210 + 225 + 380 + 165 = 980
    D: 3 × 40 + 3 × 65 + 4 × 60 + 3 × 40 = 120 + 195 + 240 + 120 = 675
    Maximum 100 × (3 + 3 + 4 + 3) = 1300; % of maximum A 77.31 (Cukup), B 77.69 (Cukup),
    C 75.38 (Cukup), D 51.92 (Kurang). Ranks B 1, A 2, C 3, D 4.
    """
    ranking = four_village_ranking(tmp_path)
    assert ranking.nilai_maksimum == 1300
    by_code = {v.kode_desa: v for v in ranking.desa}
    assert [v.kode_desa for v in ranking.desa] == [B, A, C, D]
    assert [v.peringkat for v in ranking.desa] == [1, 2, 3, 4]
    for code, total in ((A, 1005), (B, 1010), (C, 980), (D, 675)):
        assert by_code[code].total == pytest.approx(total)
        assert by_code[code].persen_maksimum == pytest.approx(total / 1300 * 100)
    assert [by_code[c].predikat for c in (A, B, C, D)] == ["Cukup", "Cukup", "Cukup", "Kurang"]
    assert by_code[A].subtotal == pytest.approx({"masukan": 505, "proses": 320, "keluaran": 180})
    assert by_code[A].kriteria["k_opsi"].nilai == pytest.approx(250 / 3)
    assert by_code[A].kriteria["k_opsi"].juri == {"J1": 90, "J2": 90, "J3": 70}
    assert by_code[A].kriteria["k_opsi"].masukan == "J1: a, J2: a, J3: b"
    assert by_code[A].kriteria["o_phbs"].nilai_tertimbang == pytest.approx(180)
    assert [v.diputus_oleh for v in ranking.desa] == [None, "total", "total", "total"]
    assert all(v.status is VillageStatus.RANKED for v in ranking.desa)


def test_median_and_trimmed_mean_aggregation(tmp_path: Path) -> None:
    """docs/aturan.md §7.3: judges aggregated by mean (default), median or trimmed mean."""
    rubric = small_rubric(tmp_path, judges={"aggregation": "median"})
    judges = judges_from(tmp_path, rubric, FOUR_VILLAGES)
    ranking = rank_villages(rubric, survey=measures(FOUR_PHBS), judges=judges)
    # A: median of (90, 90, 70) = 90 → 3 × 90 + 3 × 85 + 320 + 180 = 1025
    assert ranking.village(A).total == pytest.approx(1025)
    # trim_proportion 0.34 cuts floor(0.34 × 3) = 1 score at each end: the median again
    rubric = small_rubric(tmp_path, judges={"aggregation": "trimmed_mean", "trim_proportion": 0.34})
    ranking = rank_villages(rubric, survey=measures(FOUR_PHBS), judges=judges)
    assert ranking.village(A).total == pytest.approx(1025)


# Tie-break paths. One 0–100 item per group (weights 3, 4, 3), every judge giving the same
# score; tie-breakers: subtotal keluaran, subtotal proses, survey % ber-PHBS.
GROUPS: list[dict[str, Any]] = copy.deepcopy(SMALL_RUBRIC["groups"])  # type: ignore[arg-type]
TIE_RUBRIC: dict[str, Any] = {
    **SMALL_RUBRIC,
    "groups": [
        {**group, "criteria": [{**group["criteria"][-1], "source": {"type": "judge"}}]}
        for group in GROUPS
    ],
}
# Nine real villages of the sample (docs/aturan.md §9.2), so each has a name in the code table.
V = [
    "63.10.01.1007",
    "63.10.01.1028",
    "63.10.01.2005",
    "63.10.01.2006",
    "63.10.01.2029",
    "63.10.01.2031",
    "63.10.01.2033",
    "63.10.02.1001",
    "63.10.02.2002",
]
TIE_SCORES = {  # masukan, proses, keluaran → total
    V[0]: (80, 70, 90),  # 240 + 280 + 270 = 790
    V[1]: (90, 70, 80),  # 270 + 280 + 240 = 790: tie, V0 wins on keluaran 270 > 240
    V[2]: (64, 67, 70),  # 192 + 268 + 210 = 670
    V[3]: (60, 70, 70),  # 180 + 280 + 210 = 670: same keluaran, V3 wins on proses 280 > 268
    V[4]: (60, 60, 60),  # 600, % ber-PHBS 40
    V[5]: (60, 60, 60),  # 600, % ber-PHBS 45: V5 wins on the survey measure
    V[6]: (50, 50, 50),  # 500, % ber-PHBS 30
    V[7]: (50, 50, 50),  # 500, % ber-PHBS 30: equal on every key, shared rank 7
    V[8]: (40, 40, 40),  # 400: rank 9 (1, 2, ..., 7, 7, 9)
}
TIE_PHBS = {V[0]: 50.0, V[1]: 50.0, V[2]: 50.0, V[3]: 50.0, V[4]: 40.0, V[5]: 45.0}
TIE_PHBS |= {V[6]: 30.0, V[7]: 30.0, V[8]: 20.0}


def tie_ranking(tmp_path: Path, rubric_data: dict[str, Any] = TIE_RUBRIC) -> Ranking:
    rubric = load_rubric(write_rubric(tmp_path, rubric_data))
    ids = [g["criteria"][0]["id"] for g in rubric_data["groups"]]
    sheet = {
        code: {ident: [str(value)] * 3 for ident, value in zip(ids, values, strict=True)}
        for code, values in TIE_SCORES.items()
    }
    return rank_villages(
        rubric, survey=measures(TIE_PHBS), judges=judges_from(tmp_path, rubric, sheet)
    )


def test_every_tie_break_path(tmp_path: Path) -> None:
    """docs/aturan.md §7.5: ordered tie-breakers (output subtotal, process subtotal, % ber-PHBS),
    then a shared rank in standard competition form; the deciding tie-breaker is recorded."""
    ranking = tie_ranking(tmp_path)
    order = [(v.kode_desa, v.peringkat, v.diputus_oleh) for v in ranking.desa]
    assert order == [
        (V[0], 1, None),
        (V[1], 2, "subtotal:keluaran"),
        (V[3], 3, "total"),
        (V[2], 4, "subtotal:proses"),
        (V[5], 5, "total"),
        (V[4], 6, "ukuran:persen_ber_phbs"),
        (V[6], 7, "total"),
        (V[7], 7, "seri"),
        (V[8], 9, "total"),
    ]
    first, second = ranking.village(V[0]), ranking.village(V[1])
    assert (first.nama_desa, second.nama_desa) == ("Batulicin", "Gunungtinggi")
    assert first.catatan_en == [
        f"Same total as {V[1]} Gunungtinggi; ranked above it on Output subtotal (270.00 vs 240.00)"
    ]
    assert second.catatan[0].startswith(f"Total sama dengan {V[0]}")
    # Each language writes the numbers its own way (docs/aturan.md §7.5 notes).
    assert "di bawahnya karena subtotal Keluaran (240,00 lawan 270,00)" in second.catatan[0]
    assert "(45.00 vs 40.00)" in ranking.village(V[5]).catatan_en[0]
    shared = ranking.village(V[7]).catatan_en
    assert shared == [
        f"Tied with {V[6]} Danauindah on the total and every tie-breaker: shared rank 7"
    ]


def test_criterion_tie_breaker_lower_is_better(tmp_path: Path) -> None:
    """A tie-breaker may name a criterion, and may prefer the lower value."""
    data = copy.deepcopy(TIE_RUBRIC)
    data["tie_breakers"] = [{"criterion": "p_latih", "higher_is_better": False}]
    ranking = tie_ranking(tmp_path, data)
    assert [(v.kode_desa, v.peringkat, v.diputus_oleh) for v in ranking.desa[:4]] == [
        (V[0], 1, None),
        (V[1], 1, "seri"),  # same total and same p_latih (70): shared rank, input order kept
        (V[2], 3, "total"),
        (V[3], 4, "kriteria:p_latih"),  # same total 670, p_latih 70 > 67 and lower is better
    ]


def test_totals_equal_to_the_rubric_decimals_are_tied(tmp_path: Path) -> None:
    """Totals that print the same (rubric ``decimals``) tie; the tie-breakers then decide."""
    data = copy.deepcopy(TIE_RUBRIC)
    data["decimals"] = 0
    rubric = load_rubric(write_rubric(tmp_path, data))
    sheet = {
        A: {"k_angka": ["80"] * 3, "p_latih": ["70"] * 3, "o_phbs": ["90.1"] * 3},  # 790.3
        B: {"k_angka": ["90"] * 3, "p_latih": ["70"] * 3, "o_phbs": ["80"] * 3},  # 790
    }
    ranking = rank_villages(
        rubric, survey=measures({A: 1.0, B: 1.0}), judges=judges_from(tmp_path, rubric, sheet)
    )
    assert [(v.kode_desa, v.diputus_oleh) for v in ranking.desa] == [
        (A, None),
        (B, "subtotal:keluaran"),
    ]


def test_missing_judge_score(tmp_path: Path) -> None:
    """docs/aturan.md §7.3: a missing score is reported, never a silent 0. One judge missing: the
    criterion is the mean of the others (warning). No judge at all: the village is not
    ranked (error), unless rank_incomplete, where the criterion counts 0 with a note."""
    sheet = copy.deepcopy(FOUR_VILLAGES)
    sheet[A]["k_angka"] = ["80", "", "90"]
    sheet[C]["p_latih"] = ["", "", ""]
    rubric = small_rubric(tmp_path)
    judges = judges_from(tmp_path, rubric, sheet)
    ranking = rank_villages(rubric, survey=measures(FOUR_PHBS), judges=judges)
    codes = [(i.code, i.value) for i in ranking.masalah if i.code != "nilai-juri-kosong"]
    assert codes == [("kriteria-tanpa-nilai", C)]
    blanks = [i for i in ranking.masalah if i.code == "nilai-juri-kosong"]
    assert len(blanks) == 4
    assert all(i.row is not None for i in blanks)
    village_a = ranking.village(A)
    assert village_a.kriteria["k_angka"].nilai == 85  # (80 + 90) / 2
    assert village_a.kriteria["k_angka"].juri == {"J1": 80, "J3": 90}
    village_c = ranking.village(C)
    assert village_c.status is VillageStatus.INCOMPLETE
    assert (village_c.peringkat, village_c.total, village_c.predikat) == (None, None, None)
    assert village_c.catatan == ["Tidak diperingkat: tanpa nilai untuk Pelatihan kader"]
    assert [v.kode_desa for v in ranking.desa] == [B, A, D, C]
    anyway = rank_villages(rubric, survey=measures(FOUR_PHBS), judges=judges, rank_incomplete=True)
    village_c = anyway.village(C)
    assert village_c.peringkat == 4
    assert village_c.total == pytest.approx(980 - 4 * 95)
    assert village_c.kriteria["p_latih"].nilai is None
    assert village_c.catatan_en == ["No score for Kader training: counted as 0 (--rank-incomplete)"]


def test_topsis_through_the_wrapper_matches_pymcdm(tmp_path: Path) -> None:
    """TOPSIS (Hwang & Yoon 1981; vector normalisation, benefit criteria) on the rubric's
    aggregated scores and weights equals pymcdm's independent implementation. D gets the
    best survey figure so that no village is dominated or dominant (pymcdm warns then)."""
    rubric = small_rubric(tmp_path)
    judges = judges_from(tmp_path, rubric, FOUR_VILLAGES)
    survey = measures({**FOUR_PHBS, D: 75.0})
    ranking = rank_villages(rubric, survey=survey, judges=judges, method="topsis")
    assert ranking.metode.value == "topsis"
    ids = list(ranking.bobot)
    order = [A, B, C, D]
    matrix = np.array([[ranking.village(v).kriteria[c].nilai for c in ids] for v in order])
    weights = np.array([ranking.bobot[c] for c in ids])
    expected = TOPSIS(normalization_function=vector_normalization)(
        matrix, weights / weights.sum(), np.ones(len(ids))
    )
    closeness = np.array([ranking.village(v).total for v in order], dtype=np.float64)
    np.testing.assert_allclose(closeness, expected, rtol=1e-12)
    assert [v.peringkat for v in ranking.desa] == [1, 2, 3, 4]
    assert len(set(np.round(expected, 4))) == 4
    best_first = sorted(order, key=lambda v: -expected[order.index(v)])
    assert [v.kode_desa for v in ranking.desa] == best_first
    # % of maximum and the label stay those of the weighted sum
    assert ranking.village(A).persen_maksimum == pytest.approx(1005 / 13)


def test_kendall_w_per_criterion_and_total(tmp_path: Path) -> None:
    """Kendall's W with tie correction (Siegel & Castellan 1988), by hand for k_angka:
    ranks J1 (2, 1, 3, 4), J2 (2, 1, 3, 4), J3 (1.5, 1.5, 3, 4) for A, B, C, D; rank sums
    5.5, 3.5, 9, 12, mean 7.5, S = 4 + 16 + 2.25 + 20.25 = 42.5; J3 has one pair tied,
    T = 2^3 - 2 = 6; W = 12 × 42.5 / (9 × 60 - 3 × 6) = 510 / 522 = 0.97701;
    chi-square = 3 × 3 × W = 8.7931 with 3 degrees of freedom."""
    ranking = four_village_ranking(tmp_path)
    agreement = {a.kriteria: a for a in ranking.kesepakatan}
    assert list(agreement) == ["k_opsi", "k_angka", "p_latih", "total"]
    k_angka = agreement["k_angka"]
    assert k_angka.w == pytest.approx(510 / 522)
    assert k_angka.khi_kuadrat == pytest.approx(9 * 510 / 522)
    assert (k_angka.derajat_bebas, k_angka.jumlah_juri, k_angka.jumlah_desa) == (3, 3, 4)
    assert not k_angka.rendah
    assert k_angka.juri_paling_berbeda is None
    assert agreement["total"].jumlah_desa == 4
    assert not any(i.code == "kesepakatan-juri-rendah" for i in ranking.masalah)


def test_low_agreement_names_the_least_agreeing_judge(tmp_path: Path) -> None:
    """When W is low, the judge agreeing least with the others is named (issue + result).
    J3 reverses J1 and J2 on p_latih: rank sums 6, 7, 8, 9, S = 5, W = 60 / 540 = 0.111."""
    sheet = copy.deepcopy(FOUR_VILLAGES)
    for code, scores in zip(
        (A, B, C, D),
        (("90", "85", "60"), ("80", "75", "70"), ("70", "65", "80"), ("60", "55", "90")),
        strict=True,
    ):
        sheet[code]["p_latih"] = list(scores)
    rubric = small_rubric(tmp_path)
    ranking = rank_villages(
        rubric, survey=measures(FOUR_PHBS), judges=judges_from(tmp_path, rubric, sheet)
    )
    p_latih = next(a for a in ranking.kesepakatan if a.kriteria == "p_latih")
    assert p_latih.w == pytest.approx(60 / 540)
    assert p_latih.rendah
    assert p_latih.juri_paling_berbeda == "J3"
    low = [i for i in ranking.masalah if i.code == "kesepakatan-juri-rendah"]
    assert [(i.column, i.severity.value) for i in low] == [("p_latih", "warning")]
    assert "'J3'" in low[0].message_en
    assert "0.11" in low[0].message_en


def test_overrides_exclude_and_adjust(tmp_path: Path) -> None:
    """docs/aturan.md §7.4: recorded overrides (exclusion or adjustment with a reason) are applied
    and shown: B excluded (still scored, not ranked), C's o_phbs set to 90 after
    verification: 980 + 3 × (90 − 55) = 1085, now first."""
    rubric = small_rubric(tmp_path)
    path = write_table(
        tmp_path / "koreksi.csv",
        [
            ["kode_desa", "tindakan", "kriteria", "nilai", "alasan"],
            [B, "keluarkan", "", "", "mengundurkan diri"],
            [C, "ubah", "o_phbs", "90", "verifikasi rumah sampel"],
            ["63.10.02.2021", "keluarkan", "", "", "bukan peserta"],
        ],
    )
    overrides = read_overrides(path, rubric.rubric)
    ranking = four_village_ranking(tmp_path, overrides=overrides)
    assert [(v.kode_desa, v.peringkat, v.status.value) for v in ranking.desa] == [
        (C, 1, "diperingkat"),
        (A, 2, "diperingkat"),
        (D, 3, "diperingkat"),
        (B, None, "dikeluarkan"),
    ]
    assert ranking.village(C).total == pytest.approx(1085)
    assert ranking.village(C).kriteria["o_phbs"].nilai_sebelum_koreksi == 55
    # The criterion by the rubric's name, never its id.
    assert ranking.village(C).catatan == [
        "Koreksi % ber-PHBS: 55 → 90; alasan: verifikasi rumah sampel"
    ]
    assert ranking.village(C).catatan_en == [
        "Override of % PHBS: 55 → 90; reason: verifikasi rumah sampel"
    ]
    assert ranking.village(B).total == pytest.approx(1010)
    assert ranking.village(B).catatan == ["Dikeluarkan: mengundurkan diri"]
    assert [(o.kode_desa, o.tindakan) for o in ranking.koreksi] == [(B, "keluarkan"), (C, "ubah")]
    stray = [i for i in ranking.masalah if i.code == "desa-tidak-dikenal"]
    assert [(i.row, i.value) for i in stray] == [(4, "63.10.02.2021")]


def test_attribute_criteria(tmp_path: Path) -> None:
    """Attribute criteria (docs/aturan.md §7.2: ODF status, active kader, mapped by bands or a value
    table); a blank or unlisted value leaves the criterion without a score, reported."""
    data = copy.deepcopy(SMALL_RUBRIC)
    data["groups"][2]["criteria"].append(  # type: ignore[index]
        {
            "id": "odf",
            "name": "Status ODF",
            "name_en": "ODF status",
            "source": {
                "type": "attribute",
                "attribute": "status_odf",
                "mapping": {"type": "values", "values": {"terverifikasi": 100, "belum": 0}},
            },
        }
    )
    rubric = load_rubric(write_rubric(tmp_path, data))
    path = write_table(
        tmp_path / "atribut.csv",
        [["kode_desa", "status_odf"], [A, "Terverifikasi"], [B, "belum"], [C, ""], [D, "proses"]],
    )
    ranking = rank_villages(
        rubric,
        survey=measures(FOUR_PHBS),
        judges=judges_from(tmp_path, rubric, FOUR_VILLAGES),
        attributes=read_attributes(path, rubric.rubric),
    )
    assert ranking.village(A).total == pytest.approx(1005 + 300)
    assert ranking.village(B).total == pytest.approx(1010)
    assert [(i.code, i.row, i.value) for i in ranking.masalah if i.code.startswith("atribut")] == [
        ("atribut-kosong", 4, ""),
        ("atribut-salah", 5, "proses"),
    ]
    assert [v.kode_desa for v in ranking.ranked()] == [A, B]


def test_survey_measures_and_missing_inputs(tmp_path: Path) -> None:
    """A judged village absent from the survey has no survey score (reported, not ranked);
    a rubric needing judges, attributes or an unknown measure refuses to run."""
    rubric = small_rubric(tmp_path)
    judges = judges_from(tmp_path, rubric, FOUR_VILLAGES)
    ranking = rank_villages(rubric, survey=measures({A: 60.0, B: 70.0, C: None}), judges=judges)
    survey_gaps = [(i.code, i.column) for i in ranking.masalah if i.code == "ukuran-survei-kosong"]
    assert survey_gaps == [("ukuran-survei-kosong", "persen_ber_phbs")] * 2
    assert [v.kode_desa for v in ranking.ranked()] == [B, A]
    with pytest.raises(SettingsError, match="--judges"):
        rank_villages(rubric, survey=measures(FOUR_PHBS))
    with pytest.raises(SettingsError, match="--survey"):
        rank_villages(rubric, judges=judges)
    data = copy.deepcopy(SMALL_RUBRIC)
    data["tie_breakers"] = [{"measure": "persen_dipantau"}]
    with pytest.raises(SettingsError, match="--villages"):
        rank_villages(
            load_rubric(write_rubric(tmp_path, data)), survey=measures(FOUR_PHBS), judges=judges
        )
    data["tie_breakers"] = [{"measure": "cakupan.jamban_bersih"}]
    with pytest.raises(SettingsError, match="jamban_bersih"):
        rank_villages(
            load_rubric(write_rubric(tmp_path, data)), survey=measures(FOUR_PHBS), judges=judges
        )


def test_village_summary_file_gives_the_same_measures(tmp_path: Path) -> None:
    """A summary written by `phbs score -o` (.csv or .json) carries the same village measures
    (docs/aturan.md §7.2) as scoring the survey in the same run."""
    import phbs
    from phbs.demo.data import sample_data
    from phbs.reports.tables import write_areas_csv, write_areas_json

    sample = sample_data()
    survey = phbs.read_survey(sample.survey_files)
    result = phbs.score(survey)
    report = phbs.summarise(result, villages=phbs.read_villages(sample.villages_file))
    direct = measures_from_report(report)
    write_areas_csv(report, survey, tmp_path / "rekap.csv")
    write_areas_json(report, result, tmp_path / "rekap.json")
    for name in ("rekap.csv", "rekap.json"):
        read = read_village_summary(tmp_path / name)
        assert read.indicators == direct.indicators
        assert read.has_household_totals
        assert set(read.values) == set(direct.values)
        for code, values in direct.values.items():
            for measure, value in values.items():
                got = read.values[code][measure]
                assert (got is None and value is None) or got == pytest.approx(value), (
                    code,
                    measure,
                )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("kode,nama,persen_ber_phbs\nx,A,50\n", "no valid village code"),
        ("kode,dusun,persen_ber_phbs\n6310012001,D,50\n", "not a by-village summary"),
        ("nama,persen\nA,50\n", "not a by-village summary"),
    ],
)
def test_a_file_that_is_not_a_village_summary_is_refused(
    text: str, said: str, tmp_path: Path
) -> None:
    """docs/aturan.md §7.2: ``--summary`` takes a summary by village from ``phbs score -o``;
    anything else is one clear error naming the file, never a ranking of nothing."""
    path = tmp_path / "rekap.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_village_summary(path)
    assert said in caught.value.message_en
    assert str(path) in caught.value.message_en


def test_a_summary_row_with_a_bad_code_or_number_is_an_issue(tmp_path: Path) -> None:
    """docs/aturan.md §7.2, §8.1: in a village summary a row whose code is not a village code
    is left out and a cell that is not a number is blank, each with a ``rekap-desa-salah``
    issue naming its row; the other rows are read."""
    path = tmp_path / "rekap.csv"
    path.write_text(
        "kode,nama,persen_ber_phbs,persen_dipantau\n"
        "63.10.01.2001,Satu,40,\n"
        "bukan-kode,Dua,50,\n"
        "6310012003,Tiga,lima puluh,12\n",
        encoding="utf-8",
    )
    read = read_village_summary(path)
    assert set(read.values) == {"63.10.01.2001", "63.10.01.2003"}
    assert read.values["63.10.01.2001"]["persen_ber_phbs"] == 40.0
    assert read.values["63.10.01.2003"]["persen_ber_phbs"] is None
    assert read.values["63.10.01.2003"]["persen_dipantau"] == 12.0
    assert [(i.code, i.row) for i in read.issues] == [
        ("rekap-desa-salah", 3),
        ("rekap-desa-salah", 4),
    ]


@pytest.mark.parametrize(
    ("document", "said"),
    [
        ("{}", "not a JSON file written by 'phbs score -o'"),
        ("[1, 2]", "not a JSON file written by 'phbs score -o'"),
        ('{"pengaturan": {"tingkat": "kecamatan"}, "wilayah": []}', "summary by kecamatan"),
    ],
)
def test_a_json_that_is_not_a_village_summary_is_refused(
    document: str, said: str, tmp_path: Path
) -> None:
    """docs/aturan.md §7.2: a JSON summary must be ``phbs score -o``'s, by village."""
    path = tmp_path / "rekap.json"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_village_summary(path)
    assert said in caught.value.message_en
    with pytest.raises(InputFileError) as missing:
        read_village_summary(tmp_path / "tidak-ada.json")
    assert "file not found" in missing.value.message_en


def test_bundled_sample_ranking() -> None:
    """The bundled demo contest: 14 judged villages, one excluded by a recorded override, one
    survey figure corrected; the surveyed village without judges' scores is reported."""
    ranking = sample_ranking()
    assert len(ranking.desa) == 14
    assert len(ranking.ranked()) == 13
    assert [v.peringkat for v in ranking.ranked()] == list(range(1, 14))
    assert ranking.village("63.10.01.2029").status is VillageStatus.EXCLUDED
    corrected = ranking.village("63.10.02.2003").kriteria["cakupan_jamban_sehat"]
    assert corrected.nilai == 65
    assert corrected.nilai_sebelum_koreksi == pytest.approx(71.66, abs=0.01)
    codes = sorted(i.code for i in ranking.masalah)
    assert codes == ["desa-tanpa-nilai-juri", "nilai-juri-kosong"]
    assert all(a.w is not None and not a.rendah for a in ranking.kesepakatan)
    assert not any(math.isnan(v.total or 0) for v in ranking.desa)
