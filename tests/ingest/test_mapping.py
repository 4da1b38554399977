"""Mapping files (``--map``) and ``phbs map``, docs/aturan.md §6.5: a file made another way
reads to the same numbers as the same households in the standard shape; a mapping is checked
like a form; what ``phbs map`` cannot tell it asks.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import xlsxwriter
from click.testing import CliRunner
from conftest import (
    HEADER,
    INDICATORS,
    SEGUMBANG,
    assert_reconciled,
    household,
    shape_samples_tool,
    states,
    write_csv,
)

from phbs.cli.root import cli
from phbs.errors import InputFileError, MapError, SettingsError
from phbs.ingest.mapping import load_map
from phbs.ingest.settings import ReadSettings
from phbs.ingest.validate import read_survey
from phbs.resources import data_path

ROOT = Path(__file__).resolve().parents[2]


SHAPES = shape_samples_tool()
KADER = data_path("contoh", SHAPES.KADER_FILE)
KADER_MAP = data_path("contoh", SHAPES.KADER_MAP)
_CONTEST = (("judges", "juri-lomba.csv"), ("attributes", "atribut-desa.csv"))


def _score(tmp_path: Path, name: str, *argv: str) -> tuple[bytes, str]:
    out = tmp_path / name
    done = CliRunner().invoke(cli, ["score", *argv, "-o", str(out)], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return out.read_bytes(), done.stdout


def test_the_bundled_questionnaire_is_what_the_tool_makes(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_shape_samples.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    assert (tmp_path / SHAPES.KADER_FILE).read_bytes() == KADER.read_bytes()


def test_typed_questionnaire_with_its_mapping_scores_as_the_standard_shape(
    tmp_path: Path,
) -> None:
    """§6.5: title block, two-row merged header with numbered indicators, a row of column
    numbers, villages by name, No. KK as the id, V/X/K answers — read with the bundled
    mapping, the village CSV is byte for byte that of the same households in the standard
    shape (codes, field names, Ya/Tidak spellings)."""
    standard = SHAPES.standard_csv(tmp_path / "standar.csv", SHAPES.standard_households())
    mapped, printed = _score(tmp_path, "a.csv", str(KADER), "--map", str(KADER_MAP))
    plain, _ = _score(tmp_path, "b.csv", str(standard))
    assert mapped == plain
    assert "121 baris dibaca = 120 diskor + 1 disisihkan" in printed
    assert f"dengan peta {KADER_MAP.name}" in printed


def test_reading_with_a_mapping_reconciles_and_sets_the_skipped_row_aside() -> None:
    survey = read_survey([KADER], mapping=KADER_MAP)
    assert_reconciled(survey)
    (skipped,) = survey.set_aside
    assert (skipped.row, skipped.reasons) == (6, ("baris-dilewati",))
    source = survey.files[0]
    assert source.mapping == str(KADER_MAP)
    assert source.mapping_sha256 == hashlib.sha256(KADER_MAP.read_bytes()).hexdigest()
    assert source.reading is not None
    assert dict(source.reading.columns)["id_rumah_tangga"] == "No. KK"


def test_phbs_map_proposes_the_bundled_mapping_once_its_question_is_answered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README walk-through: ``phbs map`` on the questionnaire asks one question (what
    ``K`` means); answered as the README shows, the mapping is the bundled one."""
    shutil.copy(KADER, tmp_path / KADER.name)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    done = runner.invoke(cli, ["map", KADER.name, "-o", KADER_MAP.name], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert "15 dari 17 kolom dipetakan" in done.stdout
    assert "1 pertanyaan belum terjawab" in done.stdout
    with pytest.raises(MapError, match=r"answers\.'\?': k"):
        load_map(KADER_MAP.name)
    written = Path(KADER_MAP.name).read_text(encoding="utf-8")
    question = '  tidak: ["x"]  # ejaan lazim: periksa\n  # TANYA: pindahkan setiap ejaan ini '
    question += "ke ya, tidak, tidak_berlaku atau kosong (dibaca seperti sel kosong)\n"
    question += '  "?": ["k"]\n'
    answer = '  tidak: ["x", "k"]  # "K" = kadang-kadang: indikator tidak terpenuhi\n'
    assert question in written
    assert written.replace(question, answer) == KADER_MAP.read_text(encoding="utf-8")
    again = runner.invoke(cli, ["map", KADER.name, "-o", KADER_MAP.name])
    assert again.exit_code == 2
    assert "--force" in again.stderr


def test_phbs_map_on_a_standard_file_asks_nothing(tmp_path: Path) -> None:
    sample = data_path("contoh", "survei-puskesmas-batulicin.csv")
    out = tmp_path / "peta.yaml"
    done = CliRunner().invoke(cli, ["map", str(sample), "-o", str(out)], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert "pertanyaan" not in done.stdout
    peta = load_map(out).map
    assert peta.header_row == 1
    assert peta.columns["jamban_sehat"] == "jamban_sehat"
    direct, _ = _score(tmp_path, "a.csv", str(sample))
    mapped, _ = _score(tmp_path, "b.csv", str(sample), "--map", str(out))
    assert mapped == direct


def test_phbs_map_asks_where_the_file_cannot_tell(tmp_path: Path) -> None:
    """No id column, a spelling nobody uses, blanks on indicators 8–10 without a
    not-applicable mark, village names found in several areas: four questions, each a
    "?" that the mapping is refused for."""
    header = ["Nomor", "Desa", *HEADER[3:]]
    rows = [["1", "Kampung Baru", *(["Ya"] * 7), "", "Ya", "kadang"]]
    rows += [[str(n), "Kampung Baru", *(["Tidak"] * 10)] for n in range(2, 6)]
    path = write_csv(tmp_path / "survei.csv", [header, *rows])
    out = tmp_path / "peta.yaml"
    done = CliRunner().invoke(cli, ["map", str(path), "-o", str(out)], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert "4 pertanyaan belum terjawab" in done.stdout
    with pytest.raises(MapError) as refused:
        load_map(out)
    for key in ("columns.id_rumah_tangga", "answers.'?': kadang", "region", "blank"):
        assert key in str(refused.value)


def test_a_mapping_is_checked_like_a_form(tmp_path: Path) -> None:
    """Each mistake is named with its key: an unknown key, a wrong type, a key given twice,
    bad YAML, a field the form does not have, a mapping for another form."""
    cases = {
        "phbs_map: 1\nheader_row: lima\n": "header_row",
        "phbs_map: 1\nsheet: a\nsheet: b\n": "sheet",
        "phbs_map: 1\ncolumns: [a\n": "YAML",
        "columns: {}\n": "phbs_map",
        "phbs_map: 1\nskip_rows: [0]\n": "skip_rows",
        "phbs_map: 1\ncolumns:\n  persalinan_nakes: 1\n": "persalinan_nakes: 1 bukan teks",
        "phbs_map: 1\nignore: [No]\n": r"false \(no\) bukan teks: tulis dalam tanda kutip",
        "phbs_map: 1\ncolums: {}\n": r"colums: kunci ini tidak dikenal \(mungkin 'columns'\?\)",
        "phbs_map: 1\nblank: tidak berlaku\n": "blank: tulis salah satu dari: auto, missing, na",
        "phbs_map: 1\nheader_row: 5\nskip_rows: [3]\n": "baris 3 tidak di bawah header_row",
        "phbs_map: 1\ncolumns: {rt: RT, rw: Rt}\n": "judul 'Rt' diberikan untuk dua isian",
        "- a\n- b\n": r"\(berkas\): berkas peta berisi kunci: nilai",
        'phbs_map: 1\nanswers:\n  tidak: [""]\n': "arti sel kosong ditulis di blank",
        "phbs_map: 1\nanswers:\n  ya: v\n  tidak: V\n": "satu ejaan untuk dua jawaban",
    }
    for text, key in cases.items():
        path = tmp_path / "peta.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(MapError, match=key):
            load_map(path)
    (tmp_path / "p.yaml").write_bytes(b"phbs_map: 1\nsheet: \xff\n")
    with pytest.raises(MapError, match="UTF-8"):
        load_map(tmp_path / "p.yaml")
    csv_path = write_csv(tmp_path / "s.csv", [HEADER, household("A", SEGUMBANG)])
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("phbs_map: 1\ncolumns:\n  jamban: Jamban\n", encoding="utf-8")
    with pytest.raises(MapError, match=r"columns: .*jamban"):
        read_survey([csv_path], mapping=unknown)
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text('phbs_map: 1\ncolumns:\n  dusun: "Dusun"\n', encoding="utf-8")
    with pytest.raises(MapError, match=r"elsewhere.yaml: .*columns.dusun: 'Dusun'"):
        read_survey([csv_path], mapping=elsewhere)
    other = tmp_path / "other.yaml"
    other.write_text("phbs_map: 1\nform: pispk-12\n", encoding="utf-8")
    with pytest.raises(MapError, match="--form pispk-12"):
        read_survey([csv_path], "kemenkes-rt-10", mapping=other)


def test_the_command_line_reports_a_bad_mapping_in_one_line(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "s.csv", [HEADER, household("A", SEGUMBANG)])
    bad = tmp_path / "peta.yaml"
    bad.write_text('phbs_map: 1\nregion: "?"\n', encoding="utf-8")
    for command in ("score", "validate"):
        done = CliRunner().invoke(cli, [command, str(csv_path), "--map", str(bad)])
        assert done.exit_code == 2, done.output
        assert done.stderr.startswith("Galat: ")
        assert "region" in done.stderr
        assert "Traceback" not in done.output
    missing = CliRunner().invoke(cli, ["score", str(csv_path), "--map", str(tmp_path / "x.yaml")])
    assert missing.exit_code == 2
    assert "peta" in missing.stderr


def test_a_choice_made_twice_must_agree(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "s.csv", [HEADER, household("A", SEGUMBANG)])
    peta = tmp_path / "peta.yaml"
    peta.write_text("phbs_map: 1\nblank: na\nsheet: Data\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="--blank"):
        read_survey([csv_path], mapping=peta, settings=ReadSettings(blank="missing"))  # type: ignore[arg-type]
    with pytest.raises(SettingsError, match="--sheet"):
        read_survey([csv_path], mapping=peta, sheet="Lain")
    with pytest.raises(InputFileError, match="sheet di peta"):
        read_survey([csv_path], mapping=peta, sheet="Data")
    peta.write_text("phbs_map: 1\nblank: na\n", encoding="utf-8")
    same = read_survey([csv_path], mapping=peta, settings=ReadSettings(blank="na"))  # type: ignore[arg-type]
    assert same.files[0].reading is not None
    assert same.files[0].reading.blank == "na"


def test_mapped_headers_replace_every_alias_of_their_field(tmp_path: Path) -> None:
    """A file with an old ``ID`` column beside ``No. KK``: mapped to ``No. KK``, the id is
    read from it alone (the built-in alias ``id`` no longer matches); ``ignore`` leaves a
    column unread without an issue."""
    header = ["ID", "No. KK", "Catatan", *HEADER[1:]]
    rows = [["1", "6310000000000001", "x", *household("A", SEGUMBANG)[1:]]]
    rows += [["1", "6310000000000002", "y", *household("B", SEGUMBANG)[1:]]]
    path = write_csv(tmp_path / "s.csv", [header, *rows])
    peta = tmp_path / "peta.yaml"
    peta.write_text(
        'phbs_map: 1\ncolumns:\n  id_rumah_tangga: "No. KK"\nignore: [ID, Catatan]\n',
        encoding="utf-8",
    )
    survey = read_survey([path], mapping=peta)
    assert list(survey.households.ids) == ["6310000000000001", "6310000000000002"]
    assert not [i for i in survey.issues if i.code in {"kolom-ambigu", "kolom-tidak-dikenal"}]


def test_mapping_answers_win_over_the_forms(tmp_path: Path) -> None:
    """An app that writes 0 for *tidak berlaku* (the form reads 0 as *Tidak*) and 2 for
    *Tidak*: the mapping's spellings are the ones used."""
    rows = [["A", SEGUMBANG, "", "0", "0", "0", "1", "2", "1", "1", "1", "1", "1"]]
    path = write_csv(tmp_path / "s.csv", [HEADER, *rows])
    peta = tmp_path / "peta.yaml"
    peta.write_text(
        'phbs_map: 1\nanswers:\n  tidak: ["2"]\n  tidak_berlaku: ["0"]\n', encoding="utf-8"
    )
    assert states(read_survey([path], mapping=peta)) == ["---YTYYYYY"]


def test_the_mapping_is_recorded_wherever_the_input_files_are(tmp_path: Path) -> None:
    digest = hashlib.sha256(KADER_MAP.read_bytes()).hexdigest()
    _score(tmp_path, "rekap.json", str(KADER), "--map", str(KADER_MAP))
    document = json.loads((tmp_path / "rekap.json").read_text(encoding="utf-8"))
    assert document["berkas_masukan"][0]["peta"] == {"berkas": str(KADER_MAP), "sha256": digest}
    html = tmp_path / "laporan.html"
    done = CliRunner().invoke(
        cli,
        ["report", str(KADER), "--map", str(KADER_MAP), "--html", str(html), "-q"],
        catch_exceptions=False,
    )
    assert done.exit_code == 0, done.output
    page = html.read_text(encoding="utf-8")
    assert f"Peta berkas: {KADER_MAP.name}" in page
    assert digest in page
    out = tmp_path / "peringkat.json"
    contest = [f"--{o}={data_path('contoh', f)}" for o, f in _CONTEST]
    argv = ["rank", "--survey", str(KADER), "--map", str(KADER_MAP), *contest]
    ranked = CliRunner().invoke(cli, [*argv, "-o", str(out)], catch_exceptions=False)
    assert ranked.exit_code in {0, 1}, ranked.output
    roles = {r["peran"]: r for r in json.loads(out.read_text(encoding="utf-8"))["berkas_masukan"]}
    assert roles["peta"]["sha256"] == digest


def _propose(path: Path, tmp_path: Path) -> str:
    out = tmp_path / f"{path.stem}.yaml"
    done = CliRunner().invoke(cli, ["map", str(path), "-o", str(out)], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return out.read_text(encoding="utf-8")


def test_a_check_mark_sheet_is_asked_about_and_read_with_blank_tidak(tmp_path: Path) -> None:
    """§6.3, §6.5: ticks and empty cells only — the proposal asks what an empty cell means
    (never 100 % by default); answered ``tidak``, an empty applicable cell is *Tidak*.
    By hand: A ticks 4–10, no child (1–3 blank: not applicable by the age column) → ber-PHBS;
    B the same but no tick on jamban → tidak; C a child of 12 months and every tick → ber-PHBS:
    2 of 3 = 66.7 %."""
    header = ["No KK", "Desa", "Umur Anak Termuda", *(str(n) for n in range(1, 11))]
    tick = "√"
    rows = [
        ["A1", "Segumbang", "", "", "", "", *([tick] * 7)],
        ["B2", "Segumbang", "", "", "", "", tick, tick, "", tick, tick, tick, tick],
        ["C3", "Segumbang", "12", *([tick] * 10)],
    ]
    path = write_csv(tmp_path / "centang.csv", [header, *rows])
    text = _propose(path, tmp_path)
    assert 'blank: "?"' in text
    assert "lembar centang" in text
    assert "header_row: 1" in text
    assert 'ya: ["√"]' in text
    peta = tmp_path / "centang.yaml"
    peta.write_text(text.replace('blank: "?"', 'blank: "tidak"'), encoding="utf-8")
    out, printed = _score(tmp_path, "rekap.csv", str(path), "--map", str(peta))
    (line,) = [r for r in out.decode().splitlines() if r.startswith("63.10.01.2005")]
    assert line.split(",")[2:6] == ["3", "2", "1", "0"]
    assert float(line.split(",")[6]) == pytest.approx(200 / 3)
    assert "sel indikator kosong = tidak" in printed


def test_numbered_columns_coded_answers_ages_and_per_village_numbers_are_proposed(
    tmp_path: Path,
) -> None:
    """An app export: P1…P10 coded 1 = ya, 2 = tidak, an ``umur_balita`` column, household
    numbers that start again in each village."""
    header = ["no", "desa", "umur_balita", *(f"P{n}" for n in range(1, 11))]
    rows = [
        [str(n), village, "", "-", "-", "-", *(["1"] * 6), "2"]
        for village in ("Segumbang", "Batulicin", "Kersik Putih")
        for n in range(1, 8)
    ]
    path = write_csv(tmp_path / "aplikasi.csv", [header, *rows])
    text = _propose(path, tmp_path)
    assert 'persalinan_nakes: "P1"  # indikator nomor 1' in text
    assert 'tidak_merokok: "P10"' in text
    assert 'umur_anak_termuda_bulan: "umur_balita"' in text
    assert 'tidak: ["2"]' in text


def test_numbered_headers_with_one_suffix_are_read_as_ten_columns(tmp_path: Path) -> None:
    """``1. x`` … ``10. x``: a series of indicator numbers, and ten different headers (a
    leading number is not dropped from a header the mapping names)."""
    header = ["No KK", "Kode Desa", *(f"{n}. x" for n in range(1, 11))]
    path = write_csv(tmp_path / "titik.csv", [header, ["A", SEGUMBANG, *["-"] * 3, *["ya"] * 7]])
    text = _propose(path, tmp_path)
    assert 'tidak_merokok: "10. x"  # indikator nomor 10' in text
    peta = load_map(tmp_path / "titik.yaml")
    assert peta.map.columns["persalinan_nakes"] == "1. x"
    assert states(read_survey([path], mapping=peta)) == ["---YYYYYYY"]


def test_two_sheets_that_look_like_surveys_are_a_question(tmp_path: Path) -> None:
    """A hidden old copy beside this year's data: which one is for a person to say, as
    ``phbs score`` refuses to choose too."""
    path = tmp_path / "dua.xlsx"
    book = xlsxwriter.Workbook(str(path))
    for name in ("Data 2025", "Data 2024 (lama)"):
        sheet = book.add_worksheet(name)
        for r, row in enumerate([HEADER, household("A", SEGUMBANG)]):
            sheet.write_row(r, 0, row)
        if name.endswith("(lama)"):
            sheet.hide()
    book.close()
    text = _propose(path, tmp_path)
    assert 'sheet: "?"' in text
    assert "'Data 2024 (lama)' (tersembunyi)" in text
    assert "header_row" not in text  # proposed once the sheet is chosen, for that sheet
    peta = tmp_path / "dua.yaml"
    peta.write_text(text.replace('sheet: "?"', 'sheet: "Data 2025"'), encoding="utf-8")
    again = CliRunner().invoke(cli, ["map", str(path), "--map", str(peta), "-o", str(peta)])
    assert again.exit_code == 0, again.output
    assert load_map(peta).map.header_row == 1


def test_a_region_is_proposed_only_where_every_name_is_one_village(tmp_path: Path) -> None:
    """Names found in several places, or twice in the one area that has them all: a question
    that lists where they are, never a region that sets the rows aside."""
    header = ["No KK", "Desa", *HEADER[2:]]
    rows = [["A", "Kampung Baru", *household("A")[2:]], ["B", "Kampung Baru", *household("B")[2:]]]
    path = write_csv(tmp_path / "ambigu.csv", [header, *rows])
    text = _propose(path, tmp_path)
    assert 'region: "?"' in text
    assert "Kecamatan Pasie Raja (1/1)" in text  # one of the many areas with a Kampung Baru


def test_export_system_columns_are_left_out_and_no_mapping_is_needed(tmp_path: Path) -> None:
    header = [f"grup/{h}" for h in HEADER] + ["_id", "_uuid", "_submission_time", "_index"]
    rows = [
        [*household(f"R{n}", SEGUMBANG), str(n), f"u-{n}", "2025-08-01", str(n)] for n in range(3)
    ]
    path = write_csv(tmp_path / "kobo.csv", [header, *rows])
    out = tmp_path / "kobo.yaml"
    done = CliRunner().invoke(cli, ["map", str(path), "-o", str(out)], catch_exceptions=False)
    assert "terbaca tanpa peta" in done.stdout
    text = out.read_text(encoding="utf-8")
    assert '- "_uuid"  # u-0, u-1, u-2 · kolom sistem ekspor' in text
    assert ': "?"' not in text


def test_phbs_map_builds_on_a_partly_answered_mapping(tmp_path: Path) -> None:
    """Indicator columns only a person can name (``Q1``… under no series the form knows):
    named in the mapping, ``phbs map --map`` keeps them and now proposes their answer
    spellings (``2`` = tidak) and asks nothing more."""
    header = ["No KK", "Kode Desa", "Umur Anak Termuda", *(f"Q{n:02d}" for n in range(1, 11))]
    rows = [[f"R{n}", SEGUMBANG, "", "-", "-", "-", *(["1"] * 6), "2"] for n in range(12)]
    path = write_csv(tmp_path / "q.csv", [header, *rows])
    first = _propose(path, tmp_path)
    assert 'persalinan_nakes: "?"' in first
    named = first
    for n, code in enumerate(INDICATORS, start=1):  # moved from ignore to columns
        named = named.replace(f'  {code}: "?"', f'  {code}: "Q{n:02d}"')
        named = "\n".join(x for x in named.splitlines() if not x.startswith(f'  - "Q{n:02d}"'))
    peta = tmp_path / "q.yaml"
    peta.write_text(named, encoding="utf-8")
    done = CliRunner().invoke(
        cli, ["map", str(path), "--map", str(peta), "-o", str(peta)], catch_exceptions=False
    )
    assert done.exit_code == 0, done.output
    again = peta.read_text(encoding="utf-8")
    assert 'persalinan_nakes: "Q01"  # dari peta' in again
    assert 'tidak: ["2"]' in again
    assert ': "?"' not in again
    assert states(read_survey([path], mapping=peta))[0] == "---YYYYYYT"


def test_files_of_different_shapes_are_read_together_each_with_its_own_mapping(
    tmp_path: Path,
) -> None:
    """§6.5: one Puskesmas's standard CSV and another's typed questionnaire in one run
    (``--map FILE=PETA``): the village table is the two tables side by side, and each file
    is reconciled and recorded with its own mapping (none for the CSV)."""
    csv_file = data_path("contoh", "survei-puskesmas-kusan-hilir.csv")
    both, printed = _score(
        tmp_path, "both.json", str(KADER), str(csv_file), "--map", f"{KADER}={KADER_MAP}"
    )
    alone, _ = _score(tmp_path, "a.csv", str(csv_file))
    mapped, _ = _score(tmp_path, "b.csv", str(KADER), "--map", str(KADER_MAP))
    together, _ = _score(
        tmp_path, "both.csv", str(csv_file), str(KADER), "--map", f"{KADER}={KADER_MAP}"
    )
    rows = sorted(together.decode().splitlines()[1:])
    assert rows == sorted([*alone.decode().splitlines()[1:], *mapped.decode().splitlines()[1:]])
    files = json.loads(both)["berkas_masukan"]
    assert [f["peta"] is not None for f in files] == [True, False]
    assert [f["cara_baca"]["wilayah_nama_desa"] for f in files] == ["63.10.01", None]
    assert [f["baris_dibaca"] for f in files] == [121, 1672]
    assert f"--map {KADER}={KADER_MAP}" in printed  # the hint reads the files the same way
    runner = CliRunner()
    stray = runner.invoke(cli, ["score", str(csv_file), "--map", f"lain.xlsx={KADER_MAP}"])
    assert stray.exit_code == 2
    assert "tidak dibaca" in stray.stderr
    twice = runner.invoke(cli, ["score", str(csv_file), "--map", str(KADER_MAP), "--map", "x.yaml"])
    assert twice.exit_code == 2
    assert "BERKAS=PETA.yaml" in twice.stderr


def test_mappings_of_one_run_agree_on_the_form_and_the_id_rule(tmp_path: Path) -> None:
    one, other = tmp_path / "a.yaml", tmp_path / "b.yaml"
    one.write_text("phbs_map: 1\nform: kemenkes-rt-10\nid_scope: desa\n", encoding="utf-8")
    other.write_text("phbs_map: 1\nform: pispk-12\n", encoding="utf-8")
    first = write_csv(tmp_path / "a.csv", [HEADER, household("A", SEGUMBANG)])
    second = write_csv(tmp_path / "b.csv", [HEADER, household("B", SEGUMBANG)])
    with pytest.raises(MapError, match="form"):
        read_survey([first, second], mapping={first: one, second: other})
    other.write_text("phbs_map: 1\nid_scope: survei\n", encoding="utf-8")
    with pytest.raises(MapError, match="id_scope"):
        read_survey([first, second], mapping={first: one, second: other})


def _ticks(tmp_path: Path, with_age: bool = True) -> Path:
    """A check-mark sheet: "ya" where a practice is done, nothing where it is not."""
    header = [*HEADER] if with_age else [h for h in HEADER if h != "umur_anak_termuda_bulan"]
    rows = []
    for n in range(10):
        cells = ["ya" if (n + k) % 3 else "" for k in range(10)]
        age = [""] if with_age else []
        rows.append(
            [f"R{n}", SEGUMBANG, *age, *["-"] * 3, *cells[3:]]
            if with_age
            else [f"R{n}", SEGUMBANG, *cells]
        )
    return write_csv(tmp_path / "centang.csv", [header, *rows])


def test_a_check_mark_file_is_refused_until_its_blanks_are_given_a_meaning(
    tmp_path: Path,
) -> None:
    """§6.3: ticks and blanks only, never a *tidak*, blanks in many rows: read as not yet
    answered the file would be 100 % among its complete households; it is refused (exit 1)
    until --blank says what a blank is. By hand with --blank tidak: every household misses
    at least one practice (each has a blank among 4–10), so 0 of 10 are ber-PHBS."""
    path = _ticks(tmp_path)
    refused = CliRunner().invoke(cli, ["score", str(path)])
    assert refused.exit_code == 1
    assert "--blank tidak" in refused.stderr
    out, _ = _score(tmp_path, "rekap.csv", str(path), "--blank", "tidak")
    (line,) = [r for r in out.decode().splitlines() if r.startswith(SEGUMBANG)]
    assert line.split(",")[2:6] == ["10", "0", "10", "0"]


def test_blank_tidak_needs_something_that_says_which_indicators_apply(tmp_path: Path) -> None:
    """§6.3: with --blank tidak, a file with neither the child's age nor a '-' mark would
    fail indicators 1–3 for every household without a child under five: refused."""
    path = _ticks(tmp_path, with_age=False)
    refused = CliRunner().invoke(cli, ["score", str(path), "--blank", "tidak"])
    assert refused.exit_code == 1
    assert "persalinan_nakes, asi_eksklusif, timbang_balita" in refused.stderr


def test_an_answer_spelling_in_many_cells_must_be_given_a_meaning(tmp_path: Path) -> None:
    """§2.1: 'Tdk' in a tenth of the indicator cells is the file's spelling of *tidak*, not
    a typo: read as not yet answered it would leave only the all-yes households complete.
    score refuses (exit 1) and names it; a mapping that says it is *tidak* reads it."""
    rows = [household(f"R{n}", SEGUMBANG, "", "---YYYYYYY") for n in range(10)]
    for row in rows[:5]:
        row[-1] = "Tdk"
    path = write_csv(tmp_path / "s.csv", [HEADER, *rows])
    refused = CliRunner().invoke(cli, ["score", str(path)])
    assert refused.exit_code == 1
    assert "'tdk' (5 sel)" in refused.stderr
    peta = tmp_path / "peta.yaml"
    peta.write_text('phbs_map: 1\nanswers:\n  tidak: ["Tdk"]\n', encoding="utf-8")
    out, _ = _score(tmp_path, "rekap.csv", str(path), "--map", str(peta))
    (line,) = [r for r in out.decode().splitlines() if r.startswith(SEGUMBANG)]
    assert line.split(",")[2:6] == ["10", "5", "5", "0"]


def test_ages_in_years_and_kecamatan_columns_are_not_taken_for_what_they_are_not(
    tmp_path: Path,
) -> None:
    """An age column in years (the form counts months) is a question, never mapped as
    months; a kecamatan column beside village names is read, not put under ignore; a long
    number (an employee's NIP in a signature line) is not copied into the mapping."""
    header = ["No KK", "Kecamatan", "Desa", "Umur Balita (th)", *HEADER[3:]]
    rows = [
        [f"R{n}", "Kusan Hilir", "Kampung Baru", str(n % 5), *household("x")[3:]] for n in range(12)
    ]
    rows.append(["", "", "Mengetahui, NIP 196805121990031005", "", *[""] * 10])
    path = write_csv(tmp_path / "umur.csv", [header, *rows])
    text = _propose(path, tmp_path)
    assert 'umur_anak_termuda_bulan: "?"' in text
    assert "'Umur Balita (th)' tampak berisi umur dalam tahun" in text
    assert '- "Kecamatan"' not in text
    assert "kolom 'Kecamatan' (kecamatan) dibaca" in text
    assert "196805121990031005" not in text


def test_a_header_under_columns_is_read_though_ignore_still_lists_it(tmp_path: Path) -> None:
    """A person who copies a header from ignore to columns, rather than moving it."""
    header = ["Kode RT", *HEADER[1:]]
    path = write_csv(tmp_path / "s.csv", [header, household("A1", SEGUMBANG)])
    peta = tmp_path / "peta.yaml"
    peta.write_text(
        'phbs_map: 1\ncolumns:\n  id_rumah_tangga: "Kode RT"\nignore: ["Kode RT"]\n',
        encoding="utf-8",
    )
    assert list(read_survey([path], mapping=peta).households.ids) == ["A1"]


def test_a_village_column_named_by_a_person_gets_its_region_proposed(tmp_path: Path) -> None:
    """``phbs map --map`` after a person named the village column (its header unknown):
    its names are looked up as if the column had been found."""
    header = ["No KK", "Wil", *HEADER[2:]]
    rows = [[f"R{n}", name, *household("x")[2:]] for n, name in enumerate(["Segumbang"] * 3)]
    path = write_csv(tmp_path / "wil.csv", [header, *rows])
    text = _propose(path, tmp_path)
    peta = tmp_path / "wil.yaml"
    named = text.replace('  kode_desa: "?"', '  kode_desa: "Wil"')
    peta.write_text("\n".join(x for x in named.splitlines() if x != '  - "Wil"  # Segumbang'))
    done = CliRunner().invoke(cli, ["map", str(path), "--map", str(peta), "-o", str(peta)])
    assert done.exit_code == 0, done.output
    assert 'region: "63.10.01"' in peta.read_text(encoding="utf-8")


def test_a_misspelt_field_in_a_mapping_is_answered_with_the_closest(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", [HEADER, household("A", SEGUMBANG)])
    peta = tmp_path / "peta.yaml"
    peta.write_text("phbs_map: 1\ncolumns:\n  jamban_sehta: jamban_sehat\n", encoding="utf-8")
    with pytest.raises(MapError, match="jamban_sehta → jamban_sehat"):
        read_survey([path], mapping=peta)


def test_rows_under_the_last_household_are_proposed_for_skipping(tmp_path: Path) -> None:
    """A total row and a signature block under the table (text, but no village): proposed
    as a range of skip_rows, and the officer's NIP is not copied into the mapping."""
    rows = [household(f"R{n}", SEGUMBANG, "", "---YYYYYYY") for n in range(6)]
    rows += [["JUMLAH", "", "", *["6"] * 10], ["", "Mengetahui,"], ["", "NIP. 197203151996031002"]]
    path = write_csv(tmp_path / "ttd.csv", [HEADER, *rows])
    text = _propose(path, tmp_path)
    assert 'skip_rows: ["8-10"]' in text
    assert "197203151996031002" not in text
    survey = read_survey([path], mapping=tmp_path / "ttd.yaml")
    assert [(r.row, r.reasons) for r in survey.set_aside] == [
        (8, ("baris-dilewati",)),
        (9, ("baris-dilewati",)),
        (10, ("baris-dilewati",)),
    ]


def test_refusals_a_mapping_can_settle_name_its_key(tmp_path: Path) -> None:
    """Village names without an area, and household numbers that restart in each village:
    the message names the mapping key beside the command option."""
    header = ["No KK", "Desa", *HEADER[2:]]
    path = write_csv(tmp_path / "nama.csv", [header, ["A", "Segumbang", *household("A")[2:]]])
    named = CliRunner().invoke(cli, ["score", str(path)])
    assert named.exit_code == 1
    assert "region di peta berkas" in named.stderr
    rows = [household(str(n % 3), SEGUMBANG, "", f"---YYYYYY{'YT'[n % 2]}") for n in range(12)]
    again = write_csv(tmp_path / "ulang.csv", [HEADER, *rows])
    repeated = CliRunner().invoke(cli, ["score", str(again)])
    assert repeated.exit_code == 1
    assert "id_scope: desa di peta berkas" in repeated.stderr


def test_phbs_map_again_keeps_the_reason_of_a_column_named_as_proposed(tmp_path: Path) -> None:
    """``phbs map --map`` with the bundled questionnaire's mapping: a column the mapping
    names as the proposal would keeps the proposal's reason (the village column holds
    names, matched to codes), not a warning that its values are no village codes."""
    shutil.copyfile(KADER, tmp_path / KADER.name)
    peta = tmp_path / "peta.yaml"
    shutil.copyfile(KADER_MAP, peta)
    done = CliRunner().invoke(
        cli, ["map", str(tmp_path / KADER.name), "--map", str(peta), "-o", str(peta)]
    )
    assert done.exit_code == 0, done.output
    again = peta.read_text(encoding="utf-8")
    assert 'kode_desa: "Desa/Kelurahan"  # nama desa (dicocokkan ke kode) · Desa' in again
    assert 'id_rumah_tangga: "No. KK"  # judul dikenal' in again
    assert load_map(peta).map == load_map(KADER_MAP).map
