"""Files with one row per family member or per answer, docs/aturan.md §6.6: read with a
mapping (``shape: anggota`` / ``shape: jawaban``), they score as the same households in the
standard shape; the household answer follows the form's ``from_members`` rule; nothing is
lost (every row is in one household or set aside).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import (
    INDICATORS,
    SEGUMBANG,
    assert_reconciled,
    codes,
    found,
    shape_samples_tool,
    states,
    write_csv,
)

from phbs.cli.root import cli
from phbs.errors import InputFileError, MapError
from phbs.forms.loading import load_form
from phbs.ingest import limits
from phbs.ingest.mapping import load_map
from phbs.ingest.settings import AnswerScheme, ReadSettings
from phbs.ingest.survey import Survey
from phbs.ingest.validate import read_survey
from phbs.resources import data_path

ROOT = Path(__file__).resolve().parents[2]


TOOL = shape_samples_tool()
PISPK = load_form("pispk-12").form
MEMBERS = data_path("contoh", TOOL.MEMBER_FILE)
ANSWERS = data_path("contoh", TOOL.ANSWERS_FILE)
MEMBERS_MAP = data_path("contoh", "peta-" + TOOL.MEMBER_FILE.replace(".csv", ".yaml"))
ANSWERS_MAP = data_path("contoh", "peta-" + TOOL.ANSWERS_FILE.replace(".csv", ".yaml"))

#: A member file's header: the KK, the member's age in months, the village code, ten answers.
MEMBER_HEADER = ["No KK", "Nama", "Umur (bulan)", "kode_desa", *INDICATORS]
MEMBER_MAP = """phbs_map: 1
shape: anggota
columns:
  id_rumah_tangga: "No KK"
  umur_anggota_bulan: "Umur (bulan)"
ignore: ["Nama"]
"""


def _members(tmp_path: Path, rows: list[list[str]], **settings: object) -> Survey:
    """Read member rows (KK, name, age, then ten answers) of Desa Segumbang."""
    full = [[r[0], r[1], r[2], SEGUMBANG, *r[3:]] for r in rows]
    path = write_csv(tmp_path / "anggota.csv", [MEMBER_HEADER, *full])
    peta = tmp_path / "peta.yaml"
    peta.write_text(MEMBER_MAP, encoding="utf-8")
    survey = read_survey([path], mapping=peta, settings=ReadSettings(**settings))  # type: ignore[arg-type]
    assert_reconciled(survey)
    return survey


def _score(tmp_path: Path, name: str, *argv: str) -> tuple[bytes, str]:
    out = tmp_path / name
    done = CliRunner().invoke(cli, ["score", *argv, "-o", str(out)], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return out.read_bytes(), done.stdout


def test_the_bundled_shape_samples_are_what_the_tool_makes(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_shape_samples.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    assert (tmp_path / MEMBERS.name).read_bytes() == MEMBERS.read_bytes()
    assert (tmp_path / ANSWERS.name).read_bytes() == ANSWERS.read_bytes()
    recap = data_path("contoh", TOOL.RECAP_FILE)
    assert (tmp_path / recap.name).read_bytes() == recap.read_bytes()


@pytest.mark.parametrize(("sample", "peta"), [(MEMBERS, MEMBERS_MAP), (ANSWERS, ANSWERS_MAP)])
def test_member_and_answer_files_score_as_the_standard_shape(
    tmp_path: Path, sample: Path, peta: Path
) -> None:
    """§6.6: the family roster (353 member rows) and the app's answer table (1,113 answer
    rows, one sent twice) of the 120 households, each read with its bundled mapping, give the
    village CSV of the same households in the standard shape, byte for byte."""
    standard = TOOL.standard_csv(tmp_path / "standar.csv", TOOL.standard_households())
    plain, _ = _score(tmp_path, "standar-desa.csv", str(standard))
    shaped, printed = _score(tmp_path, "desa.csv", str(sample), "--map", str(peta))
    assert shaped == plain
    rows = {MEMBERS: 353, ANSWERS: 1113}[sample]
    # The console writes 1113 as Indonesian does: 1.113.
    assert f"{rows:,} baris → 120 rumah tangga".replace(",", ".") in printed
    assert "120 baris dibaca = 120 diskor + 0 disisihkan" in printed


@pytest.mark.parametrize(("sample", "peta"), [(MEMBERS, MEMBERS_MAP), (ANSWERS, ANSWERS_MAP)])
def test_phbs_map_proposes_the_bundled_shape_mappings_as_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample: Path, peta: Path
) -> None:
    """``phbs map`` sees the shape (a KK on several rows; a column of the form's questions
    beside a column of answers) and proposes a mapping that reads the file with no edit."""
    shutil.copy(sample, tmp_path / sample.name)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(cli, ["map", sample.name, "-o", peta.name], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert "pertanyaan belum terjawab" not in done.stdout
    assert Path(peta.name).read_text(encoding="utf-8") == peta.read_text(encoding="utf-8")
    loaded = load_map(peta.name).map
    assert loaded.shape == {MEMBERS: "anggota", ANSWERS: "jawaban"}[sample]


def test_a_household_file_is_not_taken_for_members(tmp_path: Path) -> None:
    out = tmp_path / "peta.yaml"
    sample = data_path("contoh", "survei-puskesmas-batulicin.csv")
    done = CliRunner().invoke(cli, ["map", str(sample), "-o", str(out)], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert load_map(out).map.shape == "rumah_tangga"


def test_all_members_rule_any_tidak_decides(tmp_path: Path) -> None:
    """§6.6 (``from_members: all_members``, indicators 8–10 of kemenkes-rt-10): Tidak when
    any member it applies to is Tidak; Ya when all such members are Ya; a member's '-' is a
    member it does not concern; a blank member leaves it missing unless another is Tidak."""
    survey = _members(
        tmp_path,
        [
            # household 1: the head smokes inside, the others do not; a child has '-'
            ["K1", "a", "400", "", "", "", "Ya", "Ya", "Ya", "Ya", "Ya", "Ya", "Tidak"],
            ["K1", "b", "380", "", "", "", "", "", "", "", "Ya", "Ya", "Ya"],
            ["K1", "c", "90", "", "", "", "", "", "", "", "-", "-", "-"],
            # household 2: all members Ya on 8; one blank on 9 (missing) and Tidak on 10
            ["K2", "a", "400", "", "", "", "Ya", "Ya", "Ya", "Ya", "Ya", "", "Ya"],
            ["K2", "b", "380", "", "", "", "", "", "", "", "Ya", "Ya", "Tidak"],
            # household 3: every member '-' on 8–10
            ["K3", "a", "400", "", "", "", "Ya", "Ya", "Ya", "Ya", "-", "-", "-"],
        ],
    )
    # Worked by hand: letters are Y (ya), T (tidak), - (not applicable), . (missing).
    assert states(survey) == ["---YYYYYYT", "---YYYYY.T", "---YYYY---"]
    assert survey.files[0].reading is not None
    assert survey.files[0].reading.shape_rows == 6


def test_household_rule_takes_the_one_answer_and_reports_a_contradiction(
    tmp_path: Path,
) -> None:
    """§6.6 (``from_members: household``): the answer given once (on any member's row) is
    the household's; two members' rows that contradict leave it missing, with
    ``anggota-jawaban-berbeda`` naming the rows."""
    survey = _members(
        tmp_path,
        [
            ["K1", "a", "400", "", "", "", "Ya", "", "Ya", "Ya", "Ya", "Ya", "Ya"],
            ["K1", "b", "380", "", "", "", "", "Ya", "Tidak", "Ya", "Ya", "Ya", "Ya"],
        ],
    )
    assert states(survey) == ["---YY.YYYY"]
    (issue,) = [i for i in survey.issues if i.code == "anggota-jawaban-berbeda"]
    assert (issue.row, issue.column) == (2, "jamban_sehat")
    assert "baris 2, 3" in issue.message_id


def test_youngest_member_under_five_gives_the_household_its_child_age(tmp_path: Path) -> None:
    """§6.6 with §2.2: the members' ages 420, 30 and 5 months make the youngest child 5
    months old, so indicators 1–3 all apply (ASI eksklusif: 0–6 months); ages 420 and 84
    make no child under five, so 1–3 do not apply."""
    survey = _members(
        tmp_path,
        [
            ["K1", "ibu", "420", "", "", "", "Ya", "Ya", "Ya", "Ya", "Ya", "Ya", "Ya"],
            ["K1", "kakak", "30", "", "", "", "", "", "", "", "-", "-", "-"],
            ["K1", "adik", "5", "Ya", "Tidak", "Ya", "", "", "", "", "-", "-", "-"],
            ["K2", "ayah", "420", "", "", "", "Ya", "Ya", "Ya", "Ya", "Ya", "Ya", "Ya"],
            ["K2", "anak", "84", "", "", "", "", "", "", "", "-", "-", "-"],
        ],
    )
    assert survey.households.context["umur_anak_termuda_bulan"] == [5, None]
    assert states(survey) == ["YTYYYYYYYY", "---YYYYYYY"]
    reading = survey.files[0].reading
    assert reading is not None
    assert ("umur_anggota_bulan", "Umur (bulan)") in reading.columns  # as the mapping says


def test_bare_n_in_a_member_file_is_decided_from_its_letters(tmp_path: Path) -> None:
    """§6.2 applied to the member cells: Y, T and N together make N not applicable; Y and N
    without T make it Tidak; an option fixes it."""
    ytn = _members(
        tmp_path,
        [
            ["K1", "a", "400", "", "", "", "Y", "Y", "Y", "Y", "Y", "Y", "T"],
            ["K1", "b", "90", "", "", "", "", "", "", "", "N", "N", "N"],
        ],
    )
    assert states(ytn) == ["---YYYYYYT"]
    reading = ytn.files[0].reading
    assert reading is not None
    assert reading.bare_n == "tidak_berlaku"
    yn = _members(
        tmp_path,
        [
            ["K1", "a", "400", "", "", "", "Y", "Y", "Y", "Y", "Y", "Y", "Y"],
            ["K1", "b", "390", "", "", "", "", "", "", "", "N", "Y", "Y"],
        ],
    )
    assert states(yn) == ["---YYYYTYY"]
    fixed = _members(
        tmp_path,
        [
            ["K1", "a", "400", "", "", "", "Y", "Y", "Y", "Y", "Y", "Y", "Y"],
            ["K1", "b", "390", "", "", "", "", "", "", "", "N", "Y", "Y"],
        ],
        answers=AnswerScheme.YTN,
    )
    assert states(fixed) == ["---YYYYYYY"]


def test_member_rows_without_a_kk_are_set_aside_and_counted(tmp_path: Path) -> None:
    """§6.6 and §8.3: a member row without its KK cannot join a household: it is set aside
    on its own (``id-kosong``), and the file's rows = rows in households + rows set aside."""
    survey = _members(
        tmp_path,
        [
            ["K1", "a", "400", "", "", "", "Ya", "Ya", "Ya", "Ya", "Ya", "Ya", "Ya"],
            ["", "b", "380", "", "", "", "", "", "", "", "Ya", "Ya", "Ya"],
            ["K1", "c", "370", "", "", "", "", "", "", "", "Ya", "Ya", "Ya"],
        ],
    )
    assert survey.rows_scored == 1
    assert [(r.row, r.reasons) for r in survey.set_aside] == [(3, ("id-kosong",))]
    reading = survey.files[0].reading
    assert reading is not None
    assert reading.shape_rows == 3  # 2 rows in K1 + 1 set aside
    assert survey.files[0].rows_read == 2  # households handed on: K1, and the row alone


def test_one_kk_in_two_villages_is_two_households_and_the_second_is_set_aside(
    tmp_path: Path,
) -> None:
    """§6.6: rows are grouped by KK *and* village; the same KK in another village is another
    household with an id already used, set aside as ``id-ganda`` (§8.2) after the file is
    read again to compare the rows."""
    other = "63.10.01.2006"
    path = write_csv(
        tmp_path / "anggota.csv",
        [
            MEMBER_HEADER,
            ["K1", "a", "400", SEGUMBANG, "", "", "", "Ya", "Ya", "Ya", "Ya", "Ya", "Ya", "Ya"],
            ["K1", "b", "380", SEGUMBANG, "", "", "", "", "", "", "", "Ya", "Ya", "Ya"],
            ["K1", "c", "370", other, "", "", "", "Tidak", "Ya", "Ya", "Ya", "Ya", "Ya", "Ya"],
        ],
    )
    peta = tmp_path / "peta.yaml"
    peta.write_text(MEMBER_MAP, encoding="utf-8")
    survey = read_survey([path], mapping=peta)
    assert_reconciled(survey)
    assert survey.rows_scored == 1
    assert found(survey, "id-ganda") == [(4, "id_rumah_tangga")]


def test_pispk_family_is_t_when_any_applicable_member_is_t(tmp_path: Path) -> None:
    """§6.6 for pispk-12 (the family rule of PIS-PK, form data): a family is T on *anggota JKN* when
    any member is T, and Y on *air bersih* answered once on the head's row."""
    header = ["No KK", "kode_desa", "anggota_jkn", "air_bersih"]
    path = write_csv(
        tmp_path / "keluarga.csv",
        [
            header,
            ["K1", SEGUMBANG, "Y", "Y"],
            ["K1", SEGUMBANG, "T", ""],
            ["K2", SEGUMBANG, "Y", "Y"],
            ["K2", SEGUMBANG, "Y", ""],
        ],
    )
    peta = tmp_path / "peta.yaml"
    peta.write_text(
        'phbs_map: 1\nform: "pispk-12"\nshape: anggota\ncolumns: {id_rumah_tangga: "No KK"}\n',
        encoding="utf-8",
    )
    survey = read_survey(
        [path],
        "pispk-12",
        mapping=peta,
        # Only anggota_jkn (every member) and air_bersih (once per family) are asked.
        settings=ReadSettings(not_collected=frozenset(set(PISPK.codes) - set(header[2:]))),
    )
    assert_reconciled(survey)
    assert states(survey) == ["TY", "YY"]


ANSWER_HEADER = ["no_kk", "kode_desa", "pertanyaan", "jawaban"]
ANSWER_MAP = """phbs_map: 1
shape: jawaban
columns:
  id_rumah_tangga: "no_kk"
  pertanyaan: "pertanyaan"
  jawaban: "jawaban"
"""


def _answers(tmp_path: Path, rows: list[list[str]]) -> Survey:
    path = write_csv(
        tmp_path / "jawaban.csv", [ANSWER_HEADER, *([r[0], SEGUMBANG, *r[1:]] for r in rows)]
    )
    peta = tmp_path / "peta.yaml"
    peta.write_text(ANSWER_MAP, encoding="utf-8")
    survey = read_survey([path], mapping=peta)
    assert_reconciled(survey)
    return survey


def test_answers_are_pivoted_conflicts_reported_unknown_questions_set_aside(
    tmp_path: Path,
) -> None:
    """§6.6: one row per answer becomes one household; a question answered twice the same
    way is counted once (``jawaban-berulang``), answered two ways is missing
    (``jawaban-ganda``); a question the form does not have is set aside with its row; a
    question with no row is missing."""
    named = ["air_bersih", "Mencuci tangan dengan air bersih dan sabun", "jamban sehat"]
    survey = _answers(
        tmp_path,
        [
            ["K1", named[0], "Ya"],
            ["K1", named[1], "Ya"],
            ["K1", named[1], "ya"],
            ["K1", named[2], "Ya"],
            ["K1", named[2], "Tidak"],
            ["K1", "berantas_jentik", "Tidak berlaku"],
            ["K1", "jumlah ternak", "3"],
            ["K1", "buah_sayur", "Ya"],
            ["K1", "aktivitas_fisik", "Ya"],
            ["K1", "tidak_merokok", "Ya"],
        ],
    )
    # No age question and no answer to 1–3: missing (§2.2, no context: the marks decide);
    # '-' on berantas_jentik, which applies to every household: missing (§2.2).
    assert states(survey) == ["...YY..YYY"]
    assert found(survey, "jawaban-berulang") == [(3, "cuci_tangan")]
    assert found(survey, "jawaban-ganda") == [(5, "jamban_sehat")]
    assert [(r.row, r.reasons) for r in survey.set_aside] == [(8, ("pertanyaan-tidak-dikenal",))]
    reading = survey.files[0].reading
    assert reading is not None
    assert (reading.shape, reading.shape_rows, reading.shape_set_aside) == ("jawaban", 10, 1)
    assert survey.rows_read == 2
    assert survey.rows_scored == 1


def test_shape_keys_are_checked_like_the_rest_of_a_mapping(tmp_path: Path) -> None:
    peta = tmp_path / "peta.yaml"
    peta.write_text('phbs_map: 1\ncolumns: {pertanyaan: "Q"}\n', encoding="utf-8")
    with pytest.raises(
        MapError, match="columns: kolom pertanyaan hanya untuk berkas shape: jawaban"
    ):
        load_map(peta)
    peta.write_text("phbs_map: 1\nshape: jawaban\n", encoding="utf-8")
    with pytest.raises(MapError, match="perlu kolom pertanyaan, jawaban"):
        load_map(peta)
    peta.write_text("phbs_map: 1\nshape: members\n", encoding="utf-8")
    with pytest.raises(MapError, match="shape: nilai yang diterima: 'rumah_tangga', 'anggota'"):
        load_map(peta)


def test_member_age_needs_a_form_with_the_childs_age(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [["No KK", "kode_desa", "Umur"], ["K1", SEGUMBANG, "3"]])
    peta = tmp_path / "peta.yaml"
    peta.write_text(
        'phbs_map: 1\nshape: anggota\ncolumns: {umur_anggota_bulan: "Umur"}\n', encoding="utf-8"
    )
    with pytest.raises(MapError, match="umur_anggota_bulan: formulir sekolah-8"):
        read_survey([path], "sekolah-8", mapping=peta)


def test_the_json_records_the_shape(tmp_path: Path) -> None:
    out = tmp_path / "desa.json"
    done = CliRunner().invoke(
        cli, ["score", str(MEMBERS), "--map", str(MEMBERS_MAP), "-o", str(out)]
    )
    assert done.exit_code == 0, done.output
    (source,) = json.loads(out.read_text(encoding="utf-8"))["berkas_masukan"]
    assert source["cara_baca"]["bentuk"] == "anggota"
    assert source["cara_baca"]["baris_berkas"] == 353
    assert source["baris_dibaca"] == 120
    assert codes(read_survey([MEMBERS], mapping=MEMBERS_MAP)) == {"nama-desa-dicocokkan": 1}


@pytest.mark.parametrize("members_first", [True, False])
def test_the_same_households_in_two_shapes_are_caught_as_duplicates(
    tmp_path: Path, members_first: bool
) -> None:
    """§8.2 across files of different shapes in one run: the 120 households of the member
    roster (villages by name) and of the standard file (codes) are the same ids; the second
    of each is set aside as ``id-ganda``, whichever file comes first — the file read again
    to compare the rows matches its village names in its own area."""
    standard = TOOL.standard_csv(tmp_path / "standar.csv", TOOL.standard_households())
    files = [MEMBERS, standard] if members_first else [standard, MEMBERS]
    survey = read_survey(files, mapping={MEMBERS: MEMBERS_MAP})
    assert_reconciled(survey)
    assert survey.rows_scored == 120
    assert codes(survey)["id-ganda"] == 120
    second = survey.files[1]
    assert (second.rows_scored, second.rows_set_aside) == (0, 120)


def test_a_member_file_past_the_held_rows_bound_is_refused(tmp_path: Path) -> None:
    """SECURITY.md, *Limits* (``baris-tergabung``): member rows are held until grouped, so a
    file with more of them than the bound is refused with the option that raises it."""
    rows = [["K1", "a", "400", "", "", "", *["Ya"] * 7] for _ in range(5)]
    with limits.raised(held_rows=4), pytest.raises(InputFileError, match="baris-tergabung"):
        _members(tmp_path, rows)
    with limits.raised(held_rows=5):
        assert _members(tmp_path, rows).rows_scored == 1


def test_files_of_three_shapes_in_one_run_score_as_their_standard_files(tmp_path: Path) -> None:
    """Several files of different shapes in one run, each with its own mapping: the Kusan
    Hilir household file (no mapping), and the 120 Batulicin households split in two — member
    rows for three villages, answer rows for the other three — give the village CSV of the
    same households in standard files, and each file reconciles on its own."""
    households = TOOL.standard_households()
    codes_of = sorted({h["kode_desa"] for h in households})
    first = [h for h in households if h["kode_desa"] in codes_of[:3]]
    second = [h for h in households if h["kode_desa"] in codes_of[3:]]
    members = TOOL.member_csv(tmp_path / "anggota.csv", first)
    answers = TOOL.answers_csv(tmp_path / "jawaban.csv", second)
    kusan_hilir = data_path("contoh", "survei-puskesmas-kusan-hilir.csv")
    standard_a = TOOL.standard_csv(tmp_path / "a.csv", first)
    standard_b = TOOL.standard_csv(tmp_path / "b.csv", second)
    plain, _ = _score(tmp_path, "plain.csv", str(kusan_hilir), str(standard_a), str(standard_b))
    shaped, _ = _score(
        tmp_path,
        "shaped.csv",
        str(kusan_hilir),
        str(members),
        str(answers),
        "--map",
        f"{members}={MEMBERS_MAP}",
        "--map",
        f"{answers}={ANSWERS_MAP}",
    )
    assert shaped == plain
    survey = read_survey(
        [kusan_hilir, members, answers], mapping={members: MEMBERS_MAP, answers: ANSWERS_MAP}
    )
    assert_reconciled(survey)
    assert [f.reading.shape if f.reading else "" for f in survey.files] == [
        "",
        "anggota",
        "jawaban",
    ]
    assert [f.rows_read for f in survey.files] == [1672, 60, 60]
