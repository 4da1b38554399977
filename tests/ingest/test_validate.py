"""Validation: answers, applicability and row identity (docs/aturan.md §2, §8.2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    AGE,
    BATULICIN,
    HEADER,
    HEADER_NO_AGE,
    INDICATORS,
    KERSIK_PUTIH,
    SEGUMBANG,
    answers,
    aside,
    codes,
    found,
    household,
    issues_of,
    read,
    read_rows,
    states,
    write_csv,
)

from phbs.ingest.validate import IdScope
from phbs.issues import CATALOGUE, Severity

# --- answer spellings (docs/aturan.md §2.1) ------------------------------------------------

YA = ["ya", "y", "1", "yes", "true", "✓"]
TIDAK = ["tidak", "t", "0", "no", "false"]
# A bare "n" is not among them: its meaning is decided per file (ingest/test_unusual_files.py).
TIDAK_BERLAKU = ["-", "–", "—", "na", "n/a", "tb", "tidak berlaku"]


def variants(spelling: str) -> list[str]:
    return [spelling, spelling.upper(), spelling.title(), f"  {spelling} ", f"\t{spelling.upper()}"]


def one_answer(cell: str, indicator: str = "air_bersih") -> list[str]:
    """A household without the age column, all Ya except ``indicator`` = ``cell``."""
    row = household("1", age=None, spec="---YYYYYYY")
    row[2 + INDICATORS.index(indicator)] = cell
    return row


@pytest.mark.parametrize("spelling", YA)
def test_ya_spellings(tmp_path: Path, spelling: str) -> None:
    """docs/aturan.md §2.1: Ya = ya, y, 1, yes, true, ✓ (case/space-insensitive)."""
    rows = [one_answer(v) for v in variants(spelling)]
    for i, row in enumerate(rows):
        row[0] = str(i)
    survey = read_rows(tmp_path, rows, header=HEADER_NO_AGE)
    assert states(survey) == ["---YYYYYYY"] * len(rows)
    assert not codes(survey)


@pytest.mark.parametrize("spelling", TIDAK)
def test_tidak_spellings(tmp_path: Path, spelling: str) -> None:
    """docs/aturan.md §2.1: Tidak = tidak, t, 0, no, false (case/space-insensitive)."""
    rows = [one_answer(v) for v in variants(spelling)]
    for i, row in enumerate(rows):
        row[0] = str(i)
    survey = read_rows(tmp_path, rows, header=HEADER_NO_AGE)
    assert states(survey) == ["---TYYYYYY"] * len(rows)
    assert not codes(survey)


@pytest.mark.parametrize("spelling", TIDAK_BERLAKU)
def test_tidak_berlaku_spellings(tmp_path: Path, spelling: str) -> None:
    """docs/aturan.md §2.1: Tidak berlaku = -, –, —, n, na, n/a, tb, tidak berlaku
    (case/space-insensitive); on buah_sayur (8), where the '-' mark is allowed."""
    rows = [one_answer(v, "buah_sayur") for v in [*variants(spelling), "Tidak  Berlaku"]]
    for i, row in enumerate(rows):
        row[0] = str(i)
    survey = read_rows(tmp_path, rows, header=HEADER_NO_AGE)
    assert states(survey) == ["---YYYY-YY"] * len(rows)
    assert not codes(survey)


@pytest.mark.parametrize("cell", ["2", "yy", "?", "v", "ya tidak", "x", "11"])
def test_unknown_spelling(tmp_path: Path, cell: str) -> None:
    """docs/aturan.md §2.1, §8.2: anything else in an indicator cell is a cell error
    (`jawaban-tidak-dikenal`), treated as missing; the row is kept."""
    survey = read_rows(tmp_path, [one_answer(cell, "jamban_sehat")], header=HEADER_NO_AGE)
    assert states(survey) == ["---YY.YYYY"]
    assert found(survey, "jawaban-tidak-dikenal") == [(2, "jamban_sehat")]
    assert issues_of(survey, "jawaban-tidak-dikenal")[0].value == cell.strip()
    assert CATALOGUE["jawaban-tidak-dikenal"].severity is Severity.ERROR


# --- applicability with the age column (docs/aturan.md §2.2) ------------------------------


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        ("0", "YYY"),
        ("6", "YYY"),
        ("7", "Y-Y"),
        ("24", "Y-Y"),
        ("59", "Y-Y"),
        ("", "---"),
        (" 6.0 ", "YYY"),
    ],
)
def test_age_decides_indicators_1_to_3(tmp_path: Path, age: str, expected: str) -> None:
    """docs/aturan.md §2.2: 0-59 months: 1 and 3 apply; 0-6 months: 2 applies;
    blank: none of the three applies."""
    row = household("1", age=age, spec="YYY YYYY YYY")
    survey = read_rows(tmp_path, [row])
    assert states(survey) == [expected + "YYYYYYY"]
    ignored = [c for c, s in zip(INDICATORS, expected, strict=False) if s == "-"]
    assert found(survey, "jawaban-tidak-berlaku") == [(2, c) for c in ignored]


def test_answer_on_non_applicable_indicator_is_ignored(tmp_path: Path) -> None:
    """docs/aturan.md §2.2: an answer on an indicator that does not apply is ignored,
    with a warning (`jawaban-tidak-berlaku`); Tidak is ignored as much as Ya."""
    rows = [
        household("1", age="", spec="TYT YYYY YYY"),  # no child under five
        household("2", age="15", spec="YTY YYYY YYY"),  # ASI only to 6 months
    ]
    survey = read_rows(tmp_path, rows)
    assert states(survey) == ["---YYYYYYY", "Y-YYYYYYYY"]
    assert found(survey, "jawaban-tidak-berlaku") == [
        (2, "persalinan_nakes"),
        (2, "asi_eksklusif"),
        (2, "timbang_balita"),
        (3, "asi_eksklusif"),
    ]
    assert CATALOGUE["jawaban-tidak-berlaku"].severity is Severity.WARNING


def test_mark_or_blank_on_non_applicable_indicator_is_fine(tmp_path: Path) -> None:
    """aturan.md §2.2, §10.2: on an indicator that does not apply, '-' or a blank (a question hidden
    by the form) is simply not applicable: no issue."""
    rows = [
        household("1", age="", spec="-.- YYYY YYY"),
        household("2", age="30", spec="Y.Y YYYY YYY"),
    ]
    survey = read_rows(tmp_path, rows)
    assert states(survey) == ["---YYYYYYY", "Y-YYYYYYYY"]
    assert not codes(survey)


def test_mark_on_applicable_indicator_is_missing(tmp_path: Path) -> None:
    """docs/aturan.md §2.2: a '-' on an indicator that applies is treated as missing,
    with a warning (`tidak-berlaku-padahal-berlaku`)."""
    survey = read_rows(tmp_path, [household("1", age="3", spec="Y-Y YYYY YYY")])
    assert states(survey) == ["Y.YYYYYYYY"]
    assert found(survey, "tidak-berlaku-padahal-berlaku") == [(2, "asi_eksklusif")]
    assert CATALOGUE["tidak-berlaku-padahal-berlaku"].severity is Severity.WARNING


def test_blank_on_applicable_indicator_is_missing_not_na(tmp_path: Path) -> None:
    """docs/aturan.md §2: a blank cell is missing, which is not the same as not applicable."""
    rows = [
        household("1", age="10", spec=".-Y YYYY YYY"),
        household("2", age="", spec="--- YYYY .YY"),
    ]
    survey = read_rows(tmp_path, rows)
    assert states(survey) == [".-YYYYYYYY", "---YYYY.YY"]
    assert found(survey, "jawaban-kosong") == [(2, "persalinan_nakes"), (3, "buah_sayur")]


def test_marks_still_decide_indicators_8_to_10_with_age_column(tmp_path: Path) -> None:
    """aturan.md §2.2: the age decides only 1-3; for 8-10 the surveyor's '-' still decides, and a
    '-' on 4-7 is still a cell error."""
    survey = read_rows(tmp_path, [household("1", age="", spec="--- Y-YY -Y-")])
    assert states(survey) == ["---Y.YY-Y-"]
    assert found(survey, "tidak-berlaku-tidak-boleh") == [(2, "cuci_tangan")]


# --- applicability without the age column -------------------------------------------------


def test_without_age_column_marks_decide(tmp_path: Path) -> None:
    """docs/aturan.md §2.2: without the age column the surveyor's '-' decides for 1-3
    and 8-10; a '-' on 4-7 is a cell error (`tidak-berlaku-tidak-boleh`), treated as missing."""
    rows = [
        household("1", age=None, spec="-Y- YYYY -Y-"),
        household("2", age=None, spec="YYY -YY- YYY"),
        household("3", age=None, spec="Y.- YYYY YY."),
    ]
    survey = read_rows(tmp_path, rows, header=HEADER_NO_AGE)
    assert states(survey) == ["-Y-YYYY-Y-", "YYY.YY.YYY", "Y.-YYYYYY."]
    assert found(survey, "tidak-berlaku-tidak-boleh") == [(3, "air_bersih"), (3, "berantas_jentik")]
    assert CATALOGUE["tidak-berlaku-tidak-boleh"].severity is Severity.ERROR
    # without the age column a blank is missing too, not "no child"
    assert found(survey, "jawaban-kosong") == [(4, "asi_eksklusif"), (4, "tidak_merokok")]


# --- the age value itself ---------------------------------------------------------------------


@pytest.mark.parametrize("age", ["dua", "2 tahun", "6.5", "-3", "?"])
def test_unreadable_age_falls_back_to_marks(tmp_path: Path, age: str) -> None:
    """aturan.md §2.2 + catalogue: an unreadable age is `nilai-konteks-salah`; indicators 1-3 then
    follow the surveyor's marks as if the column were absent."""
    survey = read_rows(tmp_path, [household("1", age=age, spec="Y-Y YYYY YYY")])
    assert states(survey) == ["Y-YYYYYYYY"]
    assert found(survey, "nilai-konteks-salah") == [(2, AGE)]
    assert "tidak-berlaku-padahal-berlaku" not in codes(survey)
    assert survey.households.context[AGE] == [None]


@pytest.mark.parametrize("age", ["60", "72", "240"])
def test_age_over_59_means_no_child_under_five(tmp_path: Path, age: str) -> None:
    """aturan.md §2.2 + catalogue: an age above 59 months is `nilai-konteks-di-luar` and read as
    no child under five: 1-3 do not apply, answers there are ignored with a warning."""
    survey = read_rows(tmp_path, [household("1", age=age, spec="Y-T YYYY YYY")])
    assert states(survey) == ["---YYYYYYY"]
    assert found(survey, "nilai-konteks-di-luar") == [(2, AGE)]
    assert found(survey, "jawaban-tidak-berlaku") == [
        (2, "persalinan_nakes"),
        (2, "timbang_balita"),
    ]
    assert CATALOGUE["nilai-konteks-di-luar"].severity is Severity.WARNING


@pytest.mark.parametrize("age", ["-", "–", "tb"])
def test_not_applicable_mark_in_age_column_means_no_child(tmp_path: Path, age: str) -> None:
    """docs/aturan.md §2.2 ('blank = no child under five'): a '-' written in the age column is read
    like a blank — no child under five — not as an unreadable number (decision for a
    sanitarian's habit of dashing empty fields)."""
    survey = read_rows(tmp_path, [household("1", age=age, spec="--- YYYY YYY")])
    assert states(survey) == ["---YYYYYYY"]
    assert not codes(survey)


# --- row identity (docs/aturan.md §8.2) ----------------------------------------------------


def test_missing_id_is_set_aside(tmp_path: Path) -> None:
    """docs/aturan.md §8.2: a row with no household id is set aside whole (`id-kosong`)."""
    survey = read_rows(tmp_path, [household("1"), household("  "), household("3")])
    assert survey.households.ids == ["1", "3"]
    assert aside(survey) == [(3, ("id-kosong",))]
    assert found(survey, "id-kosong") == [(3, "id_rumah_tangga")]


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("", "kode-desa-kosong"),
        ("63.10.1.2005", "kode-desa-salah"),
        ("63.10.02.20O5", "kode-desa-salah"),
        ("Segumbang", "kode-desa-salah"),
    ],
)
def test_bad_village_code_is_set_aside(tmp_path: Path, code: str, reason: str) -> None:
    """docs/aturan.md §8.2, §9.1: a missing or malformed village code breaks the row's identity."""
    survey = read_rows(tmp_path, [household("1"), household("2", kode=code)])
    assert survey.households.ids == ["1"]
    assert aside(survey) == [(3, (reason,))]
    assert found(survey, reason) == [(3, "kode_desa")]
    assert issues_of(survey, reason)[0].value == code


def test_no_id_and_no_code_gives_both_reasons(tmp_path: Path) -> None:
    """docs/aturan.md §8.2: every identity problem of a row is reported."""
    survey = read_rows(tmp_path, [household("", kode="")])
    assert aside(survey) == [(2, ("id-kosong", "kode-desa-kosong"))]


def test_set_aside_row_keeps_its_cells(tmp_path: Path) -> None:
    """docs/aturan.md §8.3: a set-aside row is kept unchanged, so it can be fixed and re-read."""
    row = household("", spec="--- YTYY YYY")
    survey = read_rows(tmp_path, [row])
    kept = survey.set_aside[0]
    assert kept.cells == tuple(row)
    assert kept.header == tuple(HEADER)
    assert kept.file.endswith("survei.csv")


def test_duplicate_id_with_different_answers(tmp_path: Path) -> None:
    """docs/aturan.md §8.2: a duplicate id is set aside (`id-ganda`); the first one is scored."""
    rows = [
        household("7", spec="--- YYYY YYY"),
        household("8"),
        household("7", spec="--- TYYY YYY"),
    ]
    survey = read_rows(tmp_path, rows)
    assert survey.households.ids == ["7", "8"]
    assert states(survey)[0] == "---YYYYYYY"
    assert aside(survey) == [(4, ("id-ganda",))]
    assert found(survey, "id-ganda") == [(4, "id_rumah_tangga")]
    assert CATALOGUE["id-ganda"].severity is Severity.ERROR


def test_identical_duplicate_row(tmp_path: Path) -> None:
    """docs/aturan.md §8.2: a row repeated exactly is `baris-ganda` (counted once)."""
    rows = [household("7"), household("7"), household("8")]
    survey = read_rows(tmp_path, rows)
    assert survey.households.ids == ["7", "8"]
    assert aside(survey) == [(3, ("baris-ganda",))]
    assert CATALOGUE["baris-ganda"].severity is Severity.WARNING


def test_duplicate_written_differently_is_still_identical(tmp_path: Path) -> None:
    """docs/aturan.md §8.2: the same answers in another spelling, case or code form are the same row
    typed twice (`baris-ganda`), not a conflicting household."""
    first = household("7", kode="63.10.01.2005", spec="--- YYYY YYY")
    again = ["7", "6310012005", " ", "-", "tb", "-", "1", "YA", "y", "ya ", "Yes", "1", "TRUE"]
    survey = read_rows(tmp_path, [first, again])
    assert aside(survey) == [(3, ("baris-ganda",))]


def test_duplicates_across_two_files(tmp_path: Path) -> None:
    """aturan.md §1.2: ids are unique within one survey round, across every file read together."""
    one = write_csv(tmp_path / "puskesmas-a.csv", [HEADER, household("A1"), household("A2")])
    two = write_csv(
        tmp_path / "puskesmas-b.csv",
        [HEADER, household("B1"), household("A2"), household("A1", spec="--- TTTT TTT")],
        sep=";",
    )
    survey = read([one, two])
    assert survey.households.ids == ["A1", "A2", "B1"]
    assert [(r.file.endswith("puskesmas-b.csv"), r.row, r.reasons) for r in survey.set_aside] == [
        (True, 3, ("baris-ganda",)),
        (True, 4, ("id-ganda",)),
    ]
    first = issues_of(survey, "id-ganda")[0]
    assert first.file.endswith("puskesmas-b.csv")
    assert "puskesmas-a.csv" in first.message_en
    assert [(f.rows_read, f.rows_scored, f.rows_set_aside) for f in survey.files] == [
        (2, 2, 0),
        (3, 1, 2),
    ]


def test_id_unique_per_village_scope(tmp_path: Path) -> None:
    """docs/aturan.md §1.2 (id unique within a round) with --id-per-desa: numbering restarts in each
    village, so the same id in two villages is two households; in one village it is still a
    duplicate."""
    rows = [
        household("1", kode=SEGUMBANG),
        household("1", kode=KERSIK_PUTIH),
        household("1", kode=SEGUMBANG, spec="--- TYYY YYY"),
    ]
    by_village = read_rows(tmp_path, rows, id_scope=IdScope.DESA)
    assert by_village.households.kode_desa == [SEGUMBANG, KERSIK_PUTIH]
    assert aside(by_village) == [(4, ("id-ganda",))]
    whole_round = read_rows(tmp_path, rows, name="lagi.csv")
    assert whole_round.households.kode_desa == [SEGUMBANG]
    assert aside(whole_round) == [(3, ("id-ganda",)), (4, ("id-ganda",))]


def test_unknown_but_well_formed_code_is_kept(tmp_path: Path) -> None:
    """aturan.md §8.2, §9.1 (per the issue): a well-formed code missing from the table is a warning
    (`kode-desa-tidak-dikenal`); the row is scored with the file's village name."""
    header = ["id_rumah_tangga", "kode_desa", "nama_desa", AGE, *INDICATORS]
    row = ["1", "63.10.01.2999", "Desa Baru", "", *answers("---YYYYYYY")]
    survey = read_rows(tmp_path, [row], header=header)
    assert survey.rows_scored == 1
    assert survey.households.kode_desa == ["63.10.01.2999"]
    assert survey.households.nama_desa == ["Desa Baru"]
    assert found(survey, "kode-desa-tidak-dikenal") == [(2, "kode_desa")]
    assert CATALOGUE["kode-desa-tidak-dikenal"].severity is Severity.WARNING


def test_village_name_differs_from_table(tmp_path: Path) -> None:
    """docs/aturan.md §1.2, §9.1: a name that differs from the code table is a warning
    (`nama-desa-berbeda`) and the table's name is used: villages match by code."""
    header = ["id_rumah_tangga", "kode_desa", "nama_desa", AGE, *INDICATORS]
    rows = [
        ["1", KERSIK_PUTIH, "Kersik Puti", "", *answers("---YYYYYYY")],
        ["2", KERSIK_PUTIH, "  DESA kersik putih ", "", *answers("---YYYYYYY")],
        ["3", BATULICIN, "Kel. Batu Licin", "", *answers("---YYYYYYY")],
        ["4", BATULICIN, "", "", *answers("---YYYYYYY")],
    ]
    survey = read_rows(tmp_path, rows, header=header)
    assert survey.households.nama_desa == ["Kersik Putih", "Kersik Putih", "Batulicin", "Batulicin"]
    assert found(survey, "nama-desa-berbeda") == [(2, "nama_desa")]


def test_undotted_code_is_written_dotted(tmp_path: Path) -> None:
    """docs/aturan.md §9.1: accept the 10 digits without dots and write the dotted form."""
    survey = read_rows(tmp_path, [household("1", kode="6310012005")])
    assert survey.households.kode_desa == [SEGUMBANG]


# --- other columns ----------------------------------------------------------------------------


def test_survey_dates(tmp_path: Path) -> None:
    """docs/aturan.md §1.2: tanggal_survei is ISO, dd/mm/yyyy or an Excel serial; anything
    else is `tanggal-salah` and left blank, the row kept."""
    header = ["id_rumah_tangga", "kode_desa", "tanggal_survei", *INDICATORS]
    dates = ["2025-08-14", "14/08/2025", "45883", "31/02/2025", "", "Agustus"]
    rows = [[str(i), SEGUMBANG, d, *answers("---YYYYYYY")] for i, d in enumerate(dates)]
    survey = read_rows(tmp_path, rows, header=header)
    assert survey.households.tanggal_survei == ["2025-08-14"] * 3 + ["", "", ""]
    assert found(survey, "tanggal-salah") == [(5, "tanggal_survei"), (7, "tanggal_survei")]
    assert survey.rows_scored == 6


def test_sub_village_and_personal_columns_are_kept(tmp_path: Path) -> None:
    """docs/aturan.md §1.2: dusun, rw, rt, petugas and the head's name are carried along."""
    header = ["id_rumah_tangga", "kode_desa", "dusun", "rw", "rt", "petugas", "nama_kepala_rt"]
    row = ["1", SEGUMBANG, "Dusun I", "02", "005", "Ani", "Budi", *answers("---YYYYYYY")]
    survey = read_rows(tmp_path, [row], header=[*header, *INDICATORS])
    households = survey.households
    assert (households.dusun, households.rw, households.rt) == (["Dusun I"], ["02"], ["005"])
    assert (households.petugas, households.nama_kepala_rt) == (["Ani"], ["Budi"])


def test_header_constant_is_the_form(tmp_path: Path) -> None:
    """docs/aturan.md §1.2: the fixture header is exactly the form's own field codes."""
    survey = read_rows(tmp_path, [household("1")])
    assert survey.form.form.codes == list(HEADER[3:])
    assert not codes(survey)
