"""Header matching: which column holds which field (DOMAIN.md §1 "Columns", §4, §6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    AGE,
    HEADER,
    INDICATORS,
    SEGUMBANG,
    answers,
    aside,
    codes,
    found,
    household,
    read_rows,
    states,
)

from phbs.forms import LoadedForm
from phbs.ingest.columns import fold_header, match_columns


@pytest.mark.parametrize(
    ("title", "field"),
    [
        ("air_bersih", "air_bersih"),  # code
        ("Menggunakan air bersih", "air_bersih"),  # Indonesian name
        ("Using clean water", "air_bersih"),  # English name
        ("4. Menggunakan air bersih", "air_bersih"),  # numbered as on the paper form
        ("1. Persalinan ditolong oleh tenaga kesehatan", "persalinan_nakes"),
        ("10) Tidak merokok di dalam rumah", "tidak_merokok"),
        ("  AIR   BERSIH ", "air_bersih"),  # case and spacing
        ("Air-Bersih", "air_bersih"),
        ("CTPS", "cuci_tangan"),  # alias in the form file
        ("ASI Eksklusif", "asi_eksklusif"),
        ("Umur anak termuda (bulan)", AGE),
        ("ID", "id_rumah_tangga"),
        ("Kode Desa", "kode_desa"),
        ("Nama Desa/Kelurahan", "nama_desa"),
        ("Tanggal Survei", "tanggal_survei"),
        ("Nama Kepala Rumah Tangga", "nama_kepala_rt"),
        ("Dusun", "dusun"),
    ],
)
def test_header_aliases(form10: LoadedForm, title: str, field: str) -> None:
    """DOMAIN.md §1 Columns / §6: a field is matched by code, Indonesian or English name, or an
    alias, ignoring case, spacing, punctuation and a leading item number."""
    columns = match_columns([title], form10.form, file="a.csv")
    assert columns.index == {field: 0}
    assert "kolom-tidak-dikenal" not in {i.code for i in columns.issues}


def test_fold_header() -> None:
    """DOMAIN.md §6: headers are compared folded."""
    assert fold_header(" 1. Persalinan_Ditolong  (Nakes) ") == "persalinan ditolong nakes"
    assert fold_header("UMUR_ANAK_TERMUDA_BULAN") == "umur anak termuda bulan"


def test_aliased_header_reads_the_same(tmp_path: Path) -> None:
    """DOMAIN.md §1 Columns: a file with paper-form headings scores like one with codes."""
    header = [
        "No. Rumah Tangga",
        "Kode Desa",
        "Umur Anak Termuda (bulan)",
        "1. Persalinan ditolong oleh tenaga kesehatan",
        "2. Memberi bayi ASI eksklusif",
        "3. Menimbang balita setiap bulan",
        "4. Menggunakan air bersih",
        "5. Mencuci tangan dengan air bersih dan sabun",
        "6. Menggunakan jamban sehat",
        "7. Memberantas jentik di rumah sekali seminggu",
        "8. Makan buah dan sayur setiap hari",
        "9. Melakukan aktivitas fisik setiap hari",
        "10. Tidak merokok di dalam rumah",
    ]
    survey = read_rows(tmp_path, [household("1", age="3", spec="YYT YYYY YYY")], header=header)
    assert states(survey) == ["YYTYYYYYYY"]
    assert not codes(survey)


def test_unknown_column(tmp_path: Path) -> None:
    """DOMAIN.md §4: a column the form does not know is reported (`kolom-tidak-dikenal`) on the
    header row and ignored."""
    survey = read_rows(
        tmp_path, [[*household("1"), "rumah panggung"]], header=[*HEADER, "Keterangan"]
    )
    assert found(survey, "kolom-tidak-dikenal") == [(1, "Keterangan")]
    assert survey.rows_scored == 1


def test_two_columns_for_one_field(tmp_path: Path) -> None:
    """DOMAIN.md §6: two columns matching one field is an issue (`kolom-ambigu`), never a guess:
    neither is used, so the indicator is missing for every household."""
    header = [*HEADER, "Menggunakan air bersih"]
    survey = read_rows(
        tmp_path, [[*household("1"), "Tidak"], [*household("2"), "Ya"]], header=header
    )
    assert found(survey, "kolom-ambigu") == [(1, "air_bersih")]
    assert states(survey) == ["---.YYYYYY", "---.YYYYYY"]
    assert "kolom-wajib-tidak-ada" not in codes(survey)
    assert "jawaban-kosong" not in codes(survey)  # one file-level issue, not one per row


def test_two_id_columns(tmp_path: Path) -> None:
    """DOMAIN.md §4: with no usable id column every row's identity is broken: set aside."""
    header = ["ID", *HEADER]
    survey = read_rows(tmp_path, [["A", *household("1")], ["B", *household("2")]], header=header)
    assert found(survey, "kolom-ambigu") == [(1, "id_rumah_tangga")]
    assert survey.rows_scored == 0
    assert aside(survey) == [(2, ("kolom-ambigu",)), (3, ("kolom-ambigu",))]


@pytest.mark.parametrize("missing", ["id_rumah_tangga", "kode_desa"])
def test_missing_identity_column(tmp_path: Path, missing: str) -> None:
    """DOMAIN.md §4 / catalogue: without the id or the village code every row is set aside,
    with one file-level `kolom-wajib-tidak-ada`."""
    position = HEADER.index(missing)
    header = [h for h in HEADER if h != missing]
    rows = [household(str(i)) for i in (1, 2, 3)]
    rows = [r[:position] + r[position + 1 :] for r in rows]
    survey = read_rows(tmp_path, rows, header=header)
    assert found(survey, "kolom-wajib-tidak-ada") == [(1, missing)]
    assert survey.rows_scored == 0
    assert aside(survey) == [(n, ("kolom-wajib-tidak-ada",)) for n in (2, 3, 4)]


def test_missing_indicator_column(tmp_path: Path) -> None:
    """DOMAIN.md §4 / catalogue: without an indicator column its answers are missing for every
    household, with one file-level `kolom-wajib-tidak-ada`; the rows are kept."""
    header = [h for h in HEADER if h != "jamban_sehat"]
    position = HEADER.index("jamban_sehat")
    rows = [household("1"), household("2", spec="---TYYYYYY")]
    rows = [r[:position] + r[position + 1 :] for r in rows]
    survey = read_rows(tmp_path, rows, header=header)
    assert found(survey, "kolom-wajib-tidak-ada") == [(1, "jamban_sehat")]
    assert states(survey) == ["---YY.YYYY", "---TY.YYYY"]
    assert "jawaban-kosong" not in codes(survey)


def test_optional_columns_may_be_absent(tmp_path: Path) -> None:
    """DOMAIN.md §1 Columns: only id, village code and the indicators are required."""
    survey = read_rows(
        tmp_path,
        [["1", SEGUMBANG, *answers("---YYYYYYY")]],
        header=["id_rumah_tangga", "kode_desa", *INDICATORS],
    )
    assert not codes(survey)
    assert survey.households.nama_desa == ["Segumbang"]  # from the code table
