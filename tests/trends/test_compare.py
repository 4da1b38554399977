"""Rounds compared per area (docs/aturan.md §5.8): verdicts from the interval, villages that do
not line up, code changes, form changes, roll-ups and household transitions."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from statsmodels.stats.proportion import confint_proportions_2indep

from phbs.errors import SettingsError, UnusableFileError
from phbs.forms.denominators import BerPhbsBase
from phbs.ingest.code_changes import read_code_changes
from phbs.scoring.household import AreaLevel
from phbs.scoring.summary import AreaSummary, IndicatorCoverage
from phbs.trends.compare import compare_rounds
from phbs.trends.households import household_key
from phbs.trends.models import AreaTrend, Reason, Trends, Verdict
from phbs.trends.rounds import Round

INDICATORS = ("air_bersih", "jamban_sehat")


def village(
    code: str,
    ber: int,
    tidak: int,
    *,
    total: int | None = None,
    name: str = "",
    ya: tuple[int, ...] = (0, 0),
    incomplete: int = 0,
) -> AreaSummary:
    surveyed = ber + tidak + incomplete
    return AreaSummary(
        tingkat=AreaLevel.DESA,
        kode=code,
        nama=name or f"Desa {code[-4:]}",
        rumah_tangga_disurvei=surveyed,
        ber_phbs=ber,
        tidak_ber_phbs=tidak,
        belum_lengkap=incomplete,
        persen_ber_phbs=ber / (ber + tidak) * 100 if ber + tidak else None,
        indikator={
            c: IndicatorCoverage(ya=y, berlaku=surveyed, kosong=0, cakupan=None)
            for c, y in zip(INDICATORS, ya, strict=False)
        },
        jumlah_desa=1,
        jumlah_rumah_tangga=total,
    )


def a_round(
    label: str,
    villages: list[AreaSummary],
    *,
    form: str = "kemenkes-rt-10",
    indicators: tuple[str, ...] = INDICATORS,
    households: dict[tuple[str, str], int] | None = None,
) -> Round:
    return Round(
        label=label,
        villages={v.kode: v for v in villages},
        form=form,
        na_policy="exclude",
        base=BerPhbsBase.LENGKAP,
        indicators=indicators,
        sources=(f"{label}.csv",),
        households=households,
    )


A, B, C = "63.10.01.2005", "63.10.01.2006", "63.10.02.2002"


def by_code(trends: Trends, code: str) -> AreaTrend:
    return next(a for a in trends.wilayah if a.kode == code)


def test_real_improvement_is_naik_and_noise_is_not() -> None:
    """docs/aturan.md §5.8: village A goes from 60 of 200 to 110 of 200 ber-PHBS (30 % → 55 %);
    village B from 50 of 100 to 55 of 100 (50 % → 55 %). Newcombe's interval (statsmodels'
    ``newcomb``) is about +15.4 to +34.0 points for A and −8.7 to +18.4 for B: A naik, B
    tidak berubah bermakna, although both moved up."""
    trends = compare_rounds(
        [
            a_round("2024", [village(A, 60, 140), village(B, 50, 50)]),
            a_round("2025", [village(A, 110, 90), village(B, 55, 45)]),
        ]
    )
    change_a = by_code(trends, A).persen_ber_phbs.perubahan[0]
    change_b = by_code(trends, B).persen_ber_phbs.perubahan[0]
    assert change_a.putusan is Verdict.NAIK
    assert change_b.putusan is Verdict.TIDAK_BERUBAH
    assert change_a.perubahan == pytest.approx(25.0)
    assert change_b.perubahan == pytest.approx(5.0)
    for change, counts in ((change_a, (110, 200, 60, 200)), (change_b, (55, 100, 50, 100))):
        ref = confint_proportions_2indep(*counts, method="newcomb", compare="diff")
        assert change.bawah == pytest.approx(ref[0] * 100, abs=1e-9)
        assert change.atas == pytest.approx(ref[1] * 100, abs=1e-9)


def test_decline_is_turun_and_census_change_is_exact() -> None:
    """docs/aturan.md §5.8 with §5.4: B declines from 80 of 100 to 50 of 100 (turun); A was
    surveyed in full both times (N = 40): its 2-point move (20/40 → 21/40 = +2.5 points) is
    the change itself, so it is naik with a zero-width interval."""
    trends = compare_rounds(
        [
            a_round("2024", [village(A, 20, 20, total=40), village(B, 80, 20)]),
            a_round("2025", [village(A, 21, 19, total=40), village(B, 50, 50)]),
        ]
    )
    census = by_code(trends, A).persen_ber_phbs.perubahan[0]
    assert census.putusan is Verdict.NAIK
    assert census.bawah == pytest.approx(2.5)
    assert census.atas == pytest.approx(2.5)
    assert by_code(trends, B).persen_ber_phbs.perubahan[0].putusan is Verdict.TURUN


def test_village_in_one_round_only_has_no_change_and_is_named() -> None:
    """docs/aturan.md §5.8: C was surveyed only in 2025: values for 2025, no change, the reason,
    and an issue naming it."""
    trends = compare_rounds(
        [
            a_round("2024", [village(A, 60, 140)]),
            a_round("2025", [village(A, 70, 130), village(C, 10, 10)]),
        ]
    )
    area = by_code(trends, C)
    assert area.ada_di == ["2025"]
    change = area.persen_ber_phbs.perubahan[0]
    assert change.perubahan is None
    assert change.putusan is None
    assert change.alasan is Reason.TIDAK_ADA_DI_PUTARAN
    assert area.persen_ber_phbs.nilai[1].persen == pytest.approx(50.0)
    issue = next(i for i in trends.masalah if i.code == "desa-tidak-ada-di-putaran")
    assert C in issue.value
    assert "2024" in issue.message_id


def _changes_file(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "perubahan-kode.csv"
    path.write_text("kode_lama,kode_baru,keterangan\n" + rows, encoding="utf-8")
    return path


def test_renamed_code_is_compared_through_the_code_change_file(tmp_path: Path) -> None:
    """docs/aturan.md §5.8: the village had code A in 2024 and code C in 2025; with the
    code-change file the two are one area (shown with its 2025 code), compared as usual."""
    rounds = [a_round("2024", [village(A, 60, 140)]), a_round("2025", [village(C, 110, 90)])]
    without = compare_rounds(rounds)
    assert {a.kode for a in without.wilayah} == {A, C}
    changes = read_code_changes(_changes_file(tmp_path, f"{A},{C},Perda 1/2025\n"))
    trends = compare_rounds(rounds, code_changes=changes)
    assert [a.kode for a in trends.wilayah] == [C]
    area = trends.wilayah[0]
    assert area.kode_asal == [A, C]
    assert area.persen_ber_phbs.perubahan[0].perubahan == pytest.approx(25.0)
    assert trends.perubahan_kode[0].dipakai
    assert any(i.code == "kode-desa-digabung" for i in trends.masalah)


def test_split_village_is_compared_as_the_sum_of_its_parts(tmp_path: Path) -> None:
    """docs/aturan.md §5.8: A split into A and C (pemekaran): 2024's A (60 of 200) against
    2025's A + C (40 of 100 + 30 of 100 = 70 of 200, 35 %)."""
    changes = read_code_changes(_changes_file(tmp_path, f"{A},{C},\n"))
    rounds = [
        a_round("2024", [village(A, 60, 140)]),
        a_round("2025", [village(A, 40, 60), village(C, 30, 70)]),
    ]
    trends = compare_rounds(rounds, code_changes=changes)
    assert [a.kode for a in trends.wilayah] == [f"{A} + {C}"]
    value = trends.wilayah[0].persen_ber_phbs.nilai[1]
    assert (value.x, value.n) == (70, 200)
    assert trends.wilayah[0].persen_ber_phbs.perubahan[0].perubahan == pytest.approx(5.0)


def test_code_change_row_joining_nothing_is_reported(tmp_path: Path) -> None:
    changes = read_code_changes(_changes_file(tmp_path, f"{A},63.10.01.2999,\n"))
    trends = compare_rounds(
        [a_round("2024", [village(A, 1, 1)]), a_round("2025", [village(A, 1, 1)])],
        code_changes=changes,
    )
    issue = next(i for i in trends.masalah if i.code == "perubahan-kode-tidak-dipakai")
    assert issue.row == 2
    assert "63.10.01.2999" in issue.message_id
    assert not trends.perubahan_kode[0].dipakai


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ("kode_lama,kode_baru\n6310012005,abc\n", "baris 2"),
        ("kode_lama,kode_baru\n6310012005,6310012006\n6310012005,6310012006\n", "baris 3"),
        ("lama,baru\n6310012005,6310012006\n", "kode_lama"),
        ("kode_lama,kode_baru\n", "tidak ada baris"),
    ],
)
def test_bad_code_change_file_is_refused_with_its_place(
    tmp_path: Path, rows: str, words: str
) -> None:
    path = tmp_path / "kode.csv"
    path.write_text(rows, encoding="utf-8")
    with pytest.raises(UnusableFileError) as refused:
        read_code_changes(path)
    assert words in refused.value.message_id


def test_different_forms_compare_shared_indicators_and_withhold_the_ber_phbs_verdict() -> None:
    """docs/aturan.md §5.8: 2024 used a form with air_bersih and jamban_sehat, 2025 one with
    air_bersih only: % ber-PHBS means something else in each, so its change has no verdict;
    air_bersih is compared (50 of 100 → 80 of 100: naik); jamban_sehat is named as left out."""
    trends = compare_rounds(
        [
            a_round("2024", [village(A, 30, 70, ya=(50, 40))]),
            a_round(
                "2025",
                [village(A, 60, 40, ya=(80,))],
                form="sendiri-rt-1",
                indicators=("air_bersih",),
            ),
        ]
    )
    assert not trends.persen_ber_phbs_sebanding
    area = trends.wilayah[0]
    ber = area.persen_ber_phbs.perubahan[0]
    assert ber.putusan is None
    assert ber.alasan is Reason.FORMULIR_BERBEDA
    assert trends.indikator_dibandingkan == ["air_bersih"]
    assert trends.indikator_tidak_dibandingkan == {"2024": ["jamban_sehat"]}
    assert area.indikator["air_bersih"].perubahan[0].putusan is Verdict.NAIK
    assert any(i.code == "formulir-berbeda" for i in trends.masalah)


def test_kecamatan_sums_only_villages_in_every_round() -> None:
    """docs/aturan.md §5.8 with §5.5: kecamatan 63.10.01 holds A (both rounds) and B (2025
    only); the roll-up sums A alone in both rounds and names B as left out."""
    trends = compare_rounds(
        [
            a_round("2024", [village(A, 60, 140)]),
            a_round("2025", [village(A, 110, 90), village(B, 100, 0)]),
        ],
        by="kecamatan",
    )
    area = trends.wilayah[0]
    assert area.kode == "63.10.01"
    assert [v.x for v in area.persen_ber_phbs.nilai] == [60, 110]
    assert area.desa_disisihkan == [B]


def test_households_in_both_rounds_are_transitions() -> None:
    """docs/aturan.md §5.8: four households re-surveyed in A: h1 stays ber-PHBS, h2 becomes
    ber-PHBS, h3 stops, h4 stays tidak; h5 is incomplete in 2025; h6 is new in 2025."""
    first = {(A, "h1"): 1, (A, "h2"): 0, (A, "h3"): 1, (A, "h4"): 0, (A, "h5"): 1}
    second = {(A, "h1"): 1, (A, "h2"): 1, (A, "h3"): 0, (A, "h4"): 0, (A, "h5"): -1}
    second[(A, "h6")] = 1
    trends = compare_rounds(
        [
            a_round("2024", [village(A, 3, 2)], households=first),
            a_round("2025", [village(A, 3, 2, incomplete=1)], households=second),
        ]
    )
    moved = trends.wilayah[0].transisi[0]
    assert (moved.tetap_ber_phbs, moved.menjadi_ber_phbs, moved.tidak_lagi_ber_phbs) == (1, 1, 1)
    assert (moved.tetap_tidak, moved.belum_lengkap, moved.berpasangan) == (1, 1, 4)
    assert moved.perubahan == pytest.approx(0.0)
    assert moved.putusan is Verdict.TIDAK_BERUBAH


def test_three_rounds_compare_each_step_and_the_whole_span() -> None:
    trends = compare_rounds(
        [
            a_round("2023", [village(A, 50, 150)]),
            a_round("2024", [village(A, 60, 140)]),
            a_round("2025", [village(A, 110, 90)]),
        ]
    )
    assert trends.perbandingan == [("2023", "2024"), ("2024", "2025"), ("2023", "2025")]
    changes = [c.perubahan for c in trends.wilayah[0].persen_ber_phbs.perubahan]
    assert changes == pytest.approx([5.0, 25.0, 30.0])


def test_rounds_are_checked() -> None:
    one = a_round("2024", [village(A, 1, 1)])
    with pytest.raises(SettingsError):
        compare_rounds([one])
    with pytest.raises(SettingsError):
        compare_rounds([one, one])
    with pytest.raises(SettingsError):
        compare_rounds([one, a_round("2025", [village(A, 1, 1)])], by="dusun")


def test_same_id_with_another_head_is_not_the_same_household() -> None:
    """docs/aturan.md §5.8: ids numbered afresh each round pair other families; a pair needs
    the same head of household's name (folded) where both rounds name one."""
    first = {
        (A, "1"): household_key(1, "Arif Pratama"),
        (A, "2"): household_key(0, "Siti Aminah"),
        (A, "3"): household_key(0, "Budi"),
    }
    second = {
        (A, "1"): household_key(1, "ARIF  pratama"),
        (A, "2"): household_key(1, "Joko Susilo"),
        (A, "3"): household_key(1, ""),
    }
    trends = compare_rounds(
        [
            a_round("2024", [village(A, 1, 2)], households=first),
            a_round("2025", [village(A, 3, 0)], households=second),
        ]
    )
    moved = trends.wilayah[0].transisi[0]
    assert (moved.tetap_ber_phbs, moved.menjadi_ber_phbs, moved.nama_berbeda) == (1, 1, 1)
    assert moved.berpasangan == 2
    issue = next(i for i in trends.masalah if i.code == "id-sama-nama-berbeda")
    assert "1 dari 3" in issue.message_id


def test_transitions_are_withheld_when_ber_phbs_is_defined_differently() -> None:
    first = {(A, "h1"): 0}
    second = {(A, "h1"): 1}
    trends = compare_rounds(
        [
            a_round("2024", [village(A, 0, 1)], households=first, form="jateng-rt-16"),
            a_round("2025", [village(A, 1, 0)], households=second),
        ]
    )
    assert trends.wilayah[0].transisi == []


def test_an_indicator_asked_of_other_households_is_not_compared() -> None:
    """docs/aturan.md §5.8: asi_eksklusif asked of households with a child of 0–6 months in
    one form and 0–59 in the other measures another thing; air_bersih worded differently is
    compared and its two questions are named."""
    asked_1 = {"air_bersih": ("Air bersih untuk minum?", "semua"), "jamban_sehat": ("J?", "semua")}
    asked_2 = {"air_bersih": ("Sumber air bersih?", "semua"), "jamban_sehat": ("J?", "umur 0–6")}
    one = a_round("2024", [village(A, 1, 1, ya=(1, 1))], form="kemenkes-rt-10")
    two = a_round("2025", [village(A, 1, 1, ya=(2, 1))], form="riskesdas-2013")
    trends = compare_rounds(
        [
            dataclasses.replace(one, questions=asked_1),
            dataclasses.replace(two, questions=asked_2),
        ]
    )
    assert trends.indikator_dibandingkan == ["air_bersih"]
    assert trends.indikator_keberlakuan_berbeda == ["jamban_sehat"]
    assert trends.indikator_pertanyaan_berbeda == {
        "air_bersih": ["Air bersih untuk minum?", "Sumber air bersih?"]
    }


def test_a_joined_area_gets_no_fpc_from_a_villages_file_shared_by_the_rounds(
    tmp_path: Path,
) -> None:
    """docs/aturan.md §5.8: one villages file gives the villages as they are now; a village
    split since 2024 would get the new part's total as the old village's: no correction."""
    changes = read_code_changes(_changes_file(tmp_path, f"{A},{C},\n"))
    shared = "desa.csv (sha256 0)"
    rounds = [
        dataclasses.replace(
            a_round("2024", [village(A, 60, 140, total=200)]), totals_source=shared
        ),
        dataclasses.replace(
            a_round("2025", [village(A, 40, 60, total=100), village(C, 30, 70, total=100)]),
            totals_source=shared,
        ),
    ]
    trends = compare_rounds(rounds, code_changes=changes)
    first = trends.wilayah[0].persen_ber_phbs.nilai[0]
    assert first.bawah is not None
    assert first.bawah < 30.0  # a sample interval, not the census point
    assert all(r.berkas_desa_bersama for r in trends.putaran)


def test_a_file_read_for_two_rounds_is_refused() -> None:
    one = dataclasses.replace(a_round("2024", [village(A, 1, 1)]), sources=("/x/survei.csv",))
    two = dataclasses.replace(a_round("2025", [village(A, 1, 1)]), sources=("/x/survei.csv",))
    with pytest.raises(SettingsError, match="setiap putaran memerlukan berkasnya sendiri"):
        compare_rounds([one, two])


def test_years_out_of_order_are_warned() -> None:
    trends = compare_rounds(
        [a_round("2025", [village(A, 1, 1)]), a_round("2024", [village(A, 1, 1)])]
    )
    assert any(i.code == "putaran-tidak-urut" for i in trends.masalah)


def test_a_split_may_be_written_with_the_old_code_going_on(tmp_path: Path) -> None:
    """A split written as A → A and A → C, under a title row typed above the header."""
    path = tmp_path / "kode.csv"
    path.write_text(
        f"Perubahan kode desa Kabupaten Tanah Bumbu 2025\nkode_lama,kode_baru\n{A},{A}\n{A},{C}\n",
        encoding="utf-8",
    )
    changes = read_code_changes(path)
    trends = compare_rounds(
        [
            a_round("2024", [village(A, 60, 140)]),
            a_round("2025", [village(A, 40, 60), village(C, 30, 70)]),
        ],
        code_changes=changes,
    )
    assert [a.kode for a in trends.wilayah] == [f"{A} + {C}"]
