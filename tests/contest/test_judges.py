"""Judges' scores, village attributes and overrides files: layouts, and problems as issues.

docs/aturan.md §7 (several judges per criterion, overrides recorded with a reason) and §8.1 (every
problem is an issue record with file, row as the user sees it, column and value).
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import write_xlsx
from contest_helpers import A, B, C, D, small_rubric, write_judges_long, write_table

from phbs.contest.inputs import OverrideAction, read_attributes, read_overrides
from phbs.contest.judges import read_judges
from phbs.contest.rubric_loading import load_rubric
from phbs.demo.contest import contest_sample
from phbs.errors import UnusableFileError
from phbs.issues import Issue

ROOT = Path(__file__).resolve().parents[2]


def where(issues: list[Issue], code: str) -> list[tuple[int | None, str, str]]:
    """``(row, column, value)`` of each issue with ``code``."""
    return [(i.row, i.column, i.value) for i in issues if i.code == code]


def test_sample_judges_file_long_form() -> None:
    """The bundled sample: 3 judges, 14 villages, letters mapped through the rubric's options;
    the one blank score is a warning at its spreadsheet row (header = row 1)."""
    rubric = load_rubric("lomba-desa-ber-phbs").rubric
    scores = read_judges(contest_sample().judges_file, rubric)
    assert scores.layout == "long"
    assert scores.judges == ["Rusmini", "Ahmad Fauzan", "Dewi Kartika"]
    assert len(scores.villages) == 14
    batulicin = scores.scores["63.10.01.1007"]["dukungan_kebijakan"]
    assert {j: s.text for j, s in batulicin.items()} == {
        "Rusmini": "b",
        "Ahmad Fauzan": "b",
        "Dewi Kartika": "c",
    }
    assert {j: s.value for j, s in batulicin.items()} == {
        "Rusmini": 70,
        "Ahmad Fauzan": 70,
        "Dewi Kartika": 50,
    }
    assert [(i.code, i.row, i.column) for i in scores.issues] == [
        ("nilai-juri-kosong", 328, "musyawarah_desa")
    ]
    blank = scores.scores["63.10.02.2003"]["musyawarah_desa"]
    assert sorted(blank) == ["Ahmad Fauzan", "Rusmini"]


def test_wide_form_csv_and_excel_read_alike(tmp_path: Path) -> None:
    """Wide form: one row per village and judge, one column per criterion (id or name),
    CSV or Excel; numbers like 72,5 and letters with brackets are read."""
    rubric = small_rubric(tmp_path).rubric
    rows: list[list[str | int | float | None]] = [
        ["Kode Desa", "Juri", "k_opsi", "Dana", "p_latih", "Catatan"],
        [A, "J1", "(a)", "72,5", 80, ""],
        [A, "J2", "B", 90, 85, "dokumen lengkap"],
        [B, "J1", "c", 60, 70, ""],
        [B, "J2", "d", 55, None, "tidak hadir"],
    ]
    csv_scores = read_judges(write_table(tmp_path / "lebar.csv", rows), rubric)
    xlsx_scores = read_judges(write_xlsx(tmp_path / "lebar.xlsx", {"Nilai": rows}), rubric)
    for scores in (csv_scores, xlsx_scores):
        assert scores.layout == "wide"
        assert scores.judges == ["J1", "J2"]
        assert scores.scores[A]["k_opsi"]["J1"].value == 90
        assert scores.scores[A]["k_angka"]["J1"].value == 72.5
        assert scores.scores[A]["k_angka"]["J2"].note == "dokumen lengkap"
        assert scores.scores[B]["k_opsi"]["J2"].value == 20
        assert where(scores.issues, "nilai-juri-kosong") == [(5, "p_latih", "")]


def test_bad_judges_file_gives_issues_not_exceptions(tmp_path: Path) -> None:
    """Unknown or non-judged criteria, unreadable or out-of-range scores, bad codes, blank
    judges and duplicates are each an issue at their row; the rest of the file is read."""
    rubric = small_rubric(tmp_path).rubric
    path = write_table(
        tmp_path / "juri.csv",
        [
            ["kode_desa", "kriteria", "juri", "nilai"],
            [A, "k_opsi", "J1", "a"],  # 2 fine
            [A, "k_opsi", "J2", "e"],  # 3 not an option
            [A, "k_angka", "J1", "sangat baik"],  # 4 not a number
            [A, "k_angka", "J2", "150"],  # 5 out of range
            [A, "kebersihan", "J1", "80"],  # 6 unknown criterion
            [A, "o_phbs", "J1", "80"],  # 7 a survey criterion
            ["63.10.1.2005", "k_opsi", "J1", "a"],  # 8 malformed code
            [B, "k_opsi", "", "a"],  # 9 no judge
            [A, "k_opsi", "j1", "b"],  # 10 same judge, other spelling: duplicate
            [A, "p_latih", "J1", "-5"],  # 11 out of range
        ],
    )
    scores = read_judges(path, rubric)
    assert where(scores.issues, "nilai-juri-salah") == [
        (3, "k_opsi", "e"),
        (4, "k_angka", "sangat baik"),
    ]
    assert where(scores.issues, "nilai-di-luar-rentang") == [
        (5, "k_angka", "150"),
        (11, "p_latih", "-5"),
    ]
    assert where(scores.issues, "kriteria-tidak-dikenal") == [
        (6, "kriteria", "kebersihan"),
        (7, "kriteria", "o_phbs"),
    ]
    assert where(scores.issues, "kode-desa-salah") == [(8, "kode_desa", "63.10.1.2005")]
    assert where(scores.issues, "juri-kosong") == [(9, "juri", "")]
    assert where(scores.issues, "nilai-juri-ganda") == [(10, "k_opsi", "b")]
    assert scores.scores[A]["k_opsi"]["J1"].value == 90  # the first one is kept
    not_judged = next(i for i in scores.issues if i.row == 7)
    assert "source is survey" in not_judged.message_en


def test_missing_columns_are_issues(tmp_path: Path) -> None:
    """docs/aturan.md, Membaca berkas: a file without the judge column (or without nilai in
    long form) is refused (exit 1) naming the columns, never ranked on zeros."""
    rubric = small_rubric(tmp_path).rubric
    path = write_table(
        tmp_path / "juri.csv", [["kode_desa", "kriteria", "skor"], [A, "k_opsi", "a"]]
    )
    with pytest.raises(UnusableFileError, match="'juri'") as caught:
        read_judges(path, rubric)
    assert caught.value.exit_code == 1
    misspelt = write_table(
        tmp_path / "juri2.csv",
        [["kode_desa", "kriteria", "juri", "nilia"], [A, "k_opsi", "J", "a"]],
    )
    with pytest.raises(UnusableFileError, match="mungkin 'nilia'"):
        read_judges(misspelt, rubric)


def test_absent_row_is_a_missing_score(tmp_path: Path) -> None:
    """A judge who scored a criterion elsewhere but has no row for one village: reported
    (no row: the row is absent), so a missing score never passes unnoticed."""
    rubric = small_rubric(tmp_path)
    path = write_judges_long(
        tmp_path / "juri.csv",
        {A: {"k_angka": ["80", "85", "90"]}, B: {"k_angka": ["70", "75", "80"]}},
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if not line.endswith(",J3,80")) + "\n")
    scores = read_judges(path, rubric.rubric)
    assert [(i.code, i.row, i.column) for i in scores.issues] == [
        ("nilai-juri-kosong", None, "k_angka")
    ]
    assert "J3" in scores.issues[0].message_en
    assert B in scores.issues[0].message_en


def test_sample_attributes_and_problems(tmp_path: Path) -> None:
    """Attributes: kode_desa plus one column per fact; the rubric's attributes are required."""
    rubric = load_rubric("lomba-desa-ber-phbs").rubric
    facts = read_attributes(contest_sample().attributes_file, rubric)
    assert facts.issues == []
    assert facts.values["63.10.01.1007"] == {
        "status_odf": "terverifikasi",
        "kader_aktif": "22",
        "sk_phbs_desa": "ya",
    }
    path = write_table(
        tmp_path / "atribut.csv",
        [["Kode Desa", "Status ODF"], [A, "belum"], [A, "deklarasi"], ["6310", "belum"]],
    )
    with pytest.raises(UnusableFileError, match="'kader_aktif'"):
        read_attributes(path, rubric)  # an attribute criterion without its column
    path = write_table(
        tmp_path / "atribut.csv",
        [
            ["Kode Desa", "Status ODF", "kader_aktif", "sk_phbs_desa"],
            [A, "belum", "3", "ya"],
            [A, "deklarasi", "4", "ya"],
            ["6310", "belum", "1", "tidak"],
        ],
    )
    facts = read_attributes(path, rubric)
    assert where(facts.issues, "desa-ganda") == [(3, "kode_desa", A)]
    assert where(facts.issues, "kode-desa-salah") == [(4, "kode_desa", "6310")]
    assert facts.values == {A: {"status_odf": "belum", "kader_aktif": "3", "sk_phbs_desa": "ya"}}


def test_sample_overrides_and_problems(tmp_path: Path) -> None:
    """docs/aturan.md §7.4: overrides (exclusion or adjustment) need a written reason."""
    rubric = load_rubric("lomba-desa-ber-phbs").rubric
    sample = read_overrides(contest_sample().overrides_file, rubric)
    assert sample.issues == []
    assert [(o.kode_desa, o.action, o.criterion, o.value) for o in sample.items] == [
        ("63.10.02.2003", OverrideAction.ADJUST, "cakupan_jamban_sehat", 65.0),
        ("63.10.01.2029", OverrideAction.EXCLUDE, None, None),
    ]
    path = write_table(
        tmp_path / "koreksi.csv",
        [
            ["kode_desa", "tindakan", "kriteria", "nilai", "alasan"],
            [A, "keluarkan", "", "", ""],  # 2 no reason
            [A, "hapus", "", "", "alasan"],  # 3 unknown action
            [B, "ubah", "kebersihan", "70", "alasan"],  # 4 unknown criterion
            [B, "ubah", "status_odf", "170", "alasan"],  # 5 out of range
            [C, "ubah", "status_odf", "70", "berita acara"],  # 6 fine
            [C, "koreksi", "status_odf", "60", "lagi"],  # 7 same override twice
            [D, "exclude", "", "", "mengundurkan diri"],  # 8 fine (English spelling)
        ],
    )
    overrides = read_overrides(path, rubric)
    assert where(overrides.issues, "koreksi-tanpa-alasan") == [(2, "alasan", A)]
    assert Counter(i.code for i in overrides.issues)["koreksi-salah"] == 4
    assert [i.row for i in overrides.issues if i.code == "koreksi-salah"] == [3, 4, 5, 7]
    assert [(o.kode_desa, o.row) for o in overrides.items] == [(C, 6), (D, 8)]


def test_sample_contest_files_are_reproducible(tmp_path: Path) -> None:
    """tools/make_contest_sample.py rewrites the bundled files byte for byte."""
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_contest_sample.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in ("juri-lomba.csv", "atribut-desa.csv", "koreksi.csv", "matriks-ahp.csv"):
        bundled = ROOT / "phbs" / "data" / "contoh" / name
        assert (tmp_path / name).read_bytes() == bundled.read_bytes(), name


@pytest.mark.parametrize("name", ["juri-lomba.csv", "atribut-desa.csv", "koreksi.csv"])
def test_sample_contest_files_name_only_sample_villages(name: str) -> None:
    """The contest sample covers the 14 villages of the sample survey (desa-tanah-bumbu.csv)."""
    folder = ROOT / "phbs" / "data" / "contoh"
    villages = {
        line.split(",")[0]
        for line in (folder / "desa-tanah-bumbu.csv").read_text().splitlines()[1:]
    }
    codes = {line.split(",")[0] for line in (folder / name).read_text().splitlines()[1:]}
    assert codes <= villages
    if name != "koreksi.csv":
        assert codes == villages
