"""Judges' values that are refused, and options written as the rubric prints them.

docs/aturan.md §7.3 (a judge's score is a number 0–100 or an option letter; a problem is an
issue, never silent) and §8.1. A refused value is left out of the village's score, so the
ranking's notes (*catatan*) say so beside the village; Kendall's W names why it is undefined.
"""

from __future__ import annotations

from pathlib import Path

from contest_helpers import A, B, C, measures, small_rubric, write_table

from phbs.contest.judges import read_judges
from phbs.contest.ranking import rank_villages
from phbs.contest.rubric_loading import load_rubric
from phbs.reports.ranking import agreement_line


def test_option_written_as_the_rubric_prints_it(tmp_path: Path) -> None:
    """ "a. Desa dan Kecamatan" (letter, dot, the option's text in any case and spacing) is
    option a; a text that belongs to another option, or to none, is refused naming the option's
    text; a number for an option criterion asks for the letter and lists the options."""
    rubric = load_rubric("lomba-desa-ber-phbs").rubric
    path = write_table(
        tmp_path / "juri.csv",
        [
            ["kode_desa", "kriteria", "juri", "nilai"],
            [A, "dukungan_kebijakan", "J1", "a.  Desa dan KECAMATAN"],  # 2 option a's text
            [A, "dukungan_kebijakan", "J2", "a. Kecamatan"],  # 3 option b's text
            [A, "pembiayaan", "J1", "(c) Desa"],  # 4 option c's text
            [A, "pembiayaan", "J2", "b. Desa, kecamatan dan kota"],  # 5 no option's text
            [A, "pelatihan_kader", "J1", "4"],  # 6 a count, not a letter
            [A, "pelatihan_kader", "J2", "b"],  # 7 fine
        ],
    )
    scores = read_judges(path, rubric)
    # Scores of the options, from survey_forms/rubrics/lomba-desa-ber-phbs.yaml: a 90, c 50.
    assert scores.scores[A]["dukungan_kebijakan"]["J1"].value == 90
    assert scores.scores[A]["pembiayaan"]["J1"].value == 50
    refused = {i.row: i for i in scores.issues if i.code == "nilai-juri-salah"}
    assert list(refused) == [3, 5, 6]
    assert "option a, whose text is 'Village and district'" in refused[3].message_en
    assert "the text 'Kecamatan' is option b's" in refused[3].message_en
    assert "teks 'Kecamatan' milik pilihan b" in refused[3].message_id
    assert "option b, whose text is 'Village and district'" in refused[5].message_en
    assert "write the letter, not a number" in refused[6].message_en
    assert "a (Held for 5 or more kader)" in refused[6].message_en
    assert "tulis hurufnya, bukan angka" in refused[6].message_id
    assert "a (Ada untuk 5 kader atau lebih)" in refused[6].message_id
    assert scores.refused == {
        A: {
            "dukungan_kebijakan": {"J2": "a. Kecamatan"},
            "pembiayaan": {"J2": "b. Desa, kecamatan dan kota"},
            "pelatihan_kader": {"J1": "4"},
        }
    }


def test_refused_value_is_a_note_beside_the_village(tmp_path: Path) -> None:
    """A village whose score leaves out a refused value carries a note in both languages
    naming the criterion, the judges used and the value refused; the others carry none."""
    loaded = small_rubric(tmp_path)
    path = write_table(
        tmp_path / "juri.csv",
        [
            ["kode_desa", "juri", "k_opsi", "k_angka", "p_latih"],
            [A, "J1", "a", "80", "70"],
            [A, "J2", "4", "60", "70"],
            [B, "J1", "b", "50", "60"],
            [B, "J2", "c", "70", "60"],
        ],
    )
    judges = read_judges(path, loaded.rubric)
    ranking = rank_villages(loaded, survey=measures({A: 50.0, B: 50.0}), judges=judges)
    by_code = {v.kode_desa: v for v in ranking.desa}
    # Only J1's "a" (90 in the small rubric) enters A's Kebijakan: mean of one score = 90.
    assert by_code[A].kriteria["k_opsi"].nilai == 90
    assert by_code[A].catatan == ["Kebijakan: dipakai nilai 1 dari 2 juri (nilai J2 '4' ditolak)"]
    assert by_code[A].catatan_en == [
        "Policy: scores of 1 of 2 judges used (J2's value '4' refused)"
    ]
    assert by_code[B].catatan == []


def test_w_undefined_names_villages_scored_by_every_judge(tmp_path: Path) -> None:
    """Three villages scored, but only one by every judge: W is undefined because fewer than
    two villages were scored by every judge (as the HTML column 'Desa dinilai semua juri')."""
    loaded = small_rubric(tmp_path)
    path = write_table(
        tmp_path / "juri.csv",
        [
            ["kode_desa", "juri", "k_opsi", "k_angka", "p_latih"],
            [A, "J1", "a", "80", "70"],
            [A, "J2", "b", "60", "70"],
            [B, "J1", "b", "50", "60"],
            [B, "J2", "c", "", "60"],
            [C, "J1", "c", "", "50"],
            [C, "J2", "d", "40", "40"],
        ],
    )
    judges = read_judges(path, loaded.rubric)
    ranking = rank_villages(loaded, survey=measures({A: 50.0, B: 50.0, C: 50.0}), judges=judges)
    funds = next(a for a in ranking.kesepakatan if a.kriteria == "k_angka")
    assert funds.w is None
    assert agreement_line(funds, "id").endswith(
        "W tidak dapat dihitung (kurang dari dua desa dinilai semua juri)"
    )
    assert agreement_line(funds, "en").endswith("(fewer than two villages scored by every judge)")
