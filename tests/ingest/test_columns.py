"""Header matching: which column holds which field (docs/aturan.md §1.2, §6.4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    AGE,
    HEADER,
    INDICATORS,
    SEGUMBANG,
    answers,
    codes,
    found,
    household,
    read_rows,
    states,
)

from phbs.errors import SurveyError
from phbs.forms.loading import LoadedForm
from phbs.ingest.columns import fold_header, match_columns
from phbs.ingest.settings import ReadSettings
from phbs.ingest.validate import read_survey


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
    """docs/aturan.md §1.2, §6.4: a field is matched by code, Indonesian or English name, or an
    alias, ignoring case, spacing, punctuation and a leading item number."""
    columns = match_columns([title], form10.form, file="a.csv")
    assert columns.index == {field: 0}
    assert "kolom-tidak-dikenal" not in {i.code for i in columns.issues}


def test_fold_header() -> None:
    """docs/aturan.md §6.4: headers are compared folded."""
    assert fold_header(" 1. Persalinan_Ditolong  (Nakes) ") == "persalinan ditolong nakes"
    assert fold_header("UMUR_ANAK_TERMUDA_BULAN") == "umur anak termuda bulan"


def test_aliased_header_reads_the_same(tmp_path: Path) -> None:
    """docs/aturan.md §6.4: a file with paper-form headings scores like one with codes."""
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
    """aturan.md §6.4: a column the form does not know is reported (`kolom-tidak-dikenal`) on the
    header row and ignored."""
    survey = read_rows(
        tmp_path, [[*household("1"), "rumah panggung"]], header=[*HEADER, "Keterangan"]
    )
    assert found(survey, "kolom-tidak-dikenal") == [(1, "Keterangan")]
    assert survey.rows_scored == 1


def test_two_columns_for_one_field(tmp_path: Path) -> None:
    """docs/aturan.md §6.1, §6.4 (Membaca berkas): two columns matching one field is never
    a guess; since neither can be used, the file is refused before scoring, naming both."""
    header = [*HEADER, "Menggunakan air bersih"]
    with pytest.raises(SurveyError) as caught:
        read_rows(tmp_path, [[*household("1"), "Tidak"], [*household("2"), "Ya"]], header=header)
    assert "'air_bersih', 'Menggunakan air bersih'" in caught.value.message_en
    assert caught.value.exit_code == 1


def test_two_id_columns(tmp_path: Path) -> None:
    """docs/aturan.md, Membaca berkas: with two id columns no row's identity can be read:
    the file is refused (nothing scored on a guess)."""
    header = ["ID", *HEADER]
    with pytest.raises(SurveyError, match="id_rumah_tangga"):
        read_rows(tmp_path, [["A", *household("1")], ["B", *household("2")]], header=header)


@pytest.mark.parametrize("missing", ["id_rumah_tangga", "kode_desa"])
def test_missing_identity_column(tmp_path: Path, missing: str) -> None:
    """docs/aturan.md, Membaca berkas: without the id or the village code column the file is
    refused before scoring (exit code 1), naming the field."""
    position = HEADER.index(missing)
    header = [h for h in HEADER if h != missing]
    rows = [household(str(i)) for i in (1, 2, 3)]
    rows = [r[:position] + r[position + 1 :] for r in rows]
    with pytest.raises(SurveyError, match=f"'{missing}' tidak ditemukan"):
        read_rows(tmp_path, rows, header=header)


def test_missing_indicator_column(tmp_path: Path) -> None:
    """docs/aturan.md, Membaca berkas: without an indicator column the file is refused (its
    households would all be incomplete), and the message names the option that scores the
    survey without it; with that option the other nine indicators are scored."""
    header = [h for h in HEADER if h != "jamban_sehat"]
    position = HEADER.index("jamban_sehat")
    rows = [household("1"), household("2", spec="---TYYYYYY")]
    rows = [r[:position] + r[position + 1 :] for r in rows]
    with pytest.raises(SurveyError, match="--not-collected jamban_sehat"):
        read_rows(tmp_path, rows, header=header)
    survey = read_survey(
        [tmp_path / "survei.csv"], settings=ReadSettings(not_collected=frozenset({"jamban_sehat"}))
    )
    assert survey.form.not_collected == ("jamban_sehat",)
    assert "jamban_sehat" not in survey.form.form.codes
    assert states(survey) == ["---YYYYYY", "---TYYYYY"]


def test_optional_columns_may_be_absent(tmp_path: Path) -> None:
    """docs/aturan.md §1.2: only id, village code and the indicators are required."""
    survey = read_rows(
        tmp_path,
        [["1", SEGUMBANG, *answers("---YYYYYYY")]],
        header=["id_rumah_tangga", "kode_desa", *INDICATORS],
    )
    assert not codes(survey)
    assert survey.households.nama_desa == ["Segumbang"]  # from the code table
