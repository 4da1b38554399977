"""Village recaps as input, docs/aturan.md §6.7: a recap scores, ranks and reports as the
households it sums; percentages become counts only with their denominators and only when one
count fits; rows that do not add up are set aside; what a recap cannot give is stated.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import INDICATORS, KERSIK_PUTIH, SEGUMBANG, codes, write_csv

from phbs.cli.root import cli
from phbs.errors import InputFileError, SettingsError
from phbs.ingest.validate import read_survey
from phbs.resources import data_path
from phbs.scoring.streaming import score_files
from phbs.scoring.summary import summarise

CONTOH = data_path("contoh")
SURVEYS = sorted(CONTOH.glob("survei-puskesmas-*.csv"))


def _run(*argv: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(cli, list(argv))
    assert "Traceback" not in done.output
    return done.exit_code, done.stdout, done.stderr


@pytest.fixture(scope="module")
def recap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample survey's village recap, as ``phbs score -o`` writes it."""
    out = tmp_path_factory.mktemp("rekap") / "rekap.csv"
    code, _, _ = _run("score", *map(str, SURVEYS), "-q", "-o", str(out))
    assert code == 0
    return out


def _recap_rows(rows: list[dict[str, str]]) -> list[list[str]]:
    header = ["kode", "rumah_tangga_disurvei", "ber_phbs"]
    header += [f"{c}_{p}" for c in INDICATORS for p in ("ya", "berlaku")]
    return [header, *([row.get(h, "") for h in header] for row in rows)]


def _village(code: str, surveyed: int, met: int, ya: int, applies: int) -> dict[str, str]:
    row = {"kode": code, "rumah_tangga_disurvei": str(surveyed), "ber_phbs": str(met)}
    for indicator in INDICATORS:
        row[f"{indicator}_ya"], row[f"{indicator}_berlaku"] = str(ya), str(applies)
    return row


@pytest.mark.parametrize("level", ["desa", "kecamatan", "kabupaten"])
def test_a_recap_read_back_scores_to_the_same_bytes(
    recap: Path, tmp_path: Path, level: str
) -> None:
    """§6.7 with §5.5: the recap ``phbs score`` writes, read as input, gives the same village
    table, and the same kecamatan and kabupaten tables (counts summed, percentages
    recomputed) as the 3,019 survey rows it came from."""
    from_rows, from_recap = tmp_path / "a.csv", tmp_path / "b.csv"
    assert _run("score", *map(str, SURVEYS), "--by", level, "-q", "-o", str(from_rows))[0] == 0
    code, printed, _ = _run("score", str(recap), "--by", level, "-o", str(from_recap))
    assert code == 0
    assert from_recap.read_bytes() == from_rows.read_bytes()
    assert "rekap desa: 15 desa, tanpa rumah tangga" in printed
    assert "15 baris rekap dibaca = 15 desa dipakai + 0 disisihkan" in printed


def test_ranking_from_recaps_is_the_ranking_from_the_survey(recap: Path, tmp_path: Path) -> None:
    """The district ranks from the recaps its Puskesmas send: the same ranking CSV as from
    the survey files (villages file, judges and attributes alike)."""
    contest = [
        "--judges",
        str(CONTOH / "juri-lomba.csv"),
        "--attributes",
        str(CONTOH / "atribut-desa.csv"),
        "--villages",
        str(CONTOH / "desa-tanah-bumbu.csv"),
    ]
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    survey_args = [a for p in SURVEYS for a in ("--survey", str(p))]
    assert _run("rank", *survey_args, *contest, "-o", str(a))[0] == 0
    code, printed, _ = _run("rank", "--survey", str(recap), *contest, "-o", str(b))
    assert code == 0, printed
    assert b.read_bytes() == a.read_bytes()


def test_report_from_a_recap_states_it_and_has_no_households(recap: Path, tmp_path: Path) -> None:
    html = tmp_path / "laporan.html"
    code, printed, _ = _run(
        "report",
        str(recap),
        "--html",
        str(html),
        "--rubric",
        "lomba-desa-ber-phbs",
        "--judges",
        str(CONTOH / "juri-lomba.csv"),
        "--attributes",
        str(CONTOH / "atribut-desa.csv"),
        "--bootstrap",
        "50",
    )
    assert code == 0, printed
    page = html.read_text(encoding="utf-8")
    assert "rekap desa: 15 desa, tanpa rumah tangga" in page
    assert "Masukan rekap desa" in page


def test_a_recap_states_what_it_cannot_give(recap: Path) -> None:
    survey = read_survey([recap])
    assert codes(survey)["rekap-desa"] == 1
    (note,) = [i for i in survey.issues if i.code == "rekap-desa"]
    assert "tidak berisi rumah tangga, dusun atau petugas" in note.message_id
    assert survey.rows_read == survey.rows_scored + survey.rows_set_aside == 15


def test_percentages_with_denominators_become_the_one_count_that_fits(tmp_path: Path) -> None:
    """§6.7, worked by hand: 87,5 % of 8 households is 7 (6/8 = 75 %, 8/8 = 100 %); 45 %
    ber-PHBS of 20 is 9; a recap written as percentages and denominators gives the counts."""
    header = ["kode", "rumah_tangga_disurvei", "persen_ber_phbs"]
    header += [f"{c}_{p}" for c in INDICATORS for p in ("cakupan", "berlaku")]
    row = [SEGUMBANG, "20", "45"] + [v for _ in INDICATORS for v in ("87,5", "8")]
    path = write_csv(tmp_path / "rekap.csv", [header, row])
    result = score_files([path])
    (village,) = summarise(result).wilayah
    assert (village.rumah_tangga_disurvei, village.ber_phbs, village.tidak_ber_phbs) == (20, 9, 11)
    assert village.indikator["air_bersih"].ya == 7
    assert village.indikator["air_bersih"].berlaku == 8


def test_a_percentage_that_fits_several_counts_is_set_aside(tmp_path: Path) -> None:
    """33 % of 300: 98/300 = 32,67 %, 99/300 = 33 %, 100/300 = 33,33 % all round to 33, so
    the row is set aside (``rekap-persen-ambigu``) rather than one of them guessed."""
    header = ["kode", "rumah_tangga_disurvei", "ber_phbs"]
    header += [f"{c}_{p}" for c in INDICATORS for p in ("cakupan", "berlaku")]
    rows = [
        [SEGUMBANG, "300", "100"] + [v for _ in INDICATORS for v in ("33", "300")],
        [KERSIK_PUTIH, "300", "100"] + [v for _ in INDICATORS for v in ("33,3", "300")],
    ]
    survey = read_survey([write_csv(tmp_path / "rekap.csv", [header, *rows])])
    assert [(r.row, r.reasons) for r in survey.set_aside] == [(2, ("rekap-persen-ambigu",))]
    assert survey.rows_scored == 1
    (issue,) = [i for i in survey.issues if i.code == "rekap-persen-ambigu"]
    assert "98, 99, 100" in issue.message_id


def test_percentages_without_denominators_are_refused_saying_what_is_needed(
    tmp_path: Path,
) -> None:
    header = ["kode", "rumah_tangga_disurvei", "persen_ber_phbs"]
    header += [f"{c}_cakupan" for c in INDICATORS]
    path = write_csv(tmp_path / "rekap.csv", [header, [SEGUMBANG, "20", "45", *["50"] * 10]])
    with pytest.raises(InputFileError) as refused:
        read_survey([path])
    assert "persentase tanpa penyebutnya" in refused.value.message_id
    assert "persalinan_nakes_berlaku" in refused.value.message_id
    code, _, err = _run("score", str(path))
    assert code == 2
    assert "KODE_berlaku" in err


def test_rows_that_do_not_add_up_are_set_aside_and_counted(tmp_path: Path) -> None:
    """§6.7: ber-PHBS above the households surveyed, a count that is not a whole number, a
    sum over several villages, a village given twice: each set aside with its reason; the
    file's rows = villages used + rows set aside."""
    rows = [
        _village(SEGUMBANG, 20, 9, 5, 10),
        _village(KERSIK_PUTIH, 20, 25, 5, 10),  # ber-PHBS 25 of 20
        {**_village("63.10.01.2029", 20, 9, 5, 10), "ber_phbs": "9,5"},
        {**_village("63.10.01.2031", 20, 9, 12, 10)},  # ya 12 of 10
        _village(SEGUMBANG, 20, 9, 5, 10),  # again
    ]
    table = _recap_rows(rows)
    table[0].append("jumlah_desa")
    for line in table[1:]:
        line.append("1")
    table.append([*table[1][:-1], "3"])  # a kecamatan total
    table[-1][0] = "63.10.01"
    survey = read_survey([write_csv(tmp_path / "rekap.csv", table)])
    assert [(r.row, r.reasons) for r in survey.set_aside] == [
        (3, ("rekap-tidak-cocok",)),
        (4, ("rekap-angka-salah",)),
        (5, ("rekap-tidak-cocok",)),
        (6, ("desa-ganda",)),
        (7, ("rekap-bukan-desa",)),
    ]
    assert survey.rows_read == 6
    assert survey.rows_scored == 1


def test_recaps_and_household_files_are_not_mixed(recap: Path) -> None:
    for files in ([recap, SURVEYS[0]], [SURVEYS[0], recap]):
        with pytest.raises(SettingsError, match="tidak dibaca bersama"):
            read_survey(files)
    code, _, err = _run("score", str(SURVEYS[0]), str(recap))
    assert code == 2
    assert "phbs score BERKAS -o rekap.csv" in err


def test_what_a_recap_cannot_do_is_refused(recap: Path, tmp_path: Path) -> None:
    code, _, err = _run("score", str(recap), "--households", str(tmp_path / "rt.csv"))
    assert code == 2
    assert "tidak berisi rumah tangga" in err
    code, _, err = _run("score", str(recap), "--na-policy", "as_met")
    assert code == 2
    assert "--na-policy" in err


def test_a_recap_with_its_own_headers_is_read_with_a_mapping(tmp_path: Path) -> None:
    """A Puskesmas recap sheet with its own headers (``Jml RT didata``, ``Air bersih (ya)``)
    read with ``shape: rekap``: the same village as the same counts under standard names."""
    own = ["Kode Desa", "Jml RT didata", "RT ber-PHBS"]
    own += [f"{c} ({p})" for c in INDICATORS for p in ("ya", "n")]
    values = [SEGUMBANG, "20", "9"] + ["5", "10"] * 10
    path = write_csv(tmp_path / "rekap-puskesmas.csv", [own, values])
    lines = ["phbs_map: 1", "shape: rekap", "columns:", '  disurvei: "Jml RT didata"']
    lines.append('  ber_phbs: "RT ber-PHBS"')
    for indicator in INDICATORS:
        lines.append(f'  {indicator}_ya: "{indicator} (ya)"')
        lines.append(f'  {indicator}_berlaku: "{indicator} (n)"')
    peta = tmp_path / "peta.yaml"
    peta.write_text("\n".join(lines) + "\n", encoding="utf-8")
    standard = write_csv(tmp_path / "rekap.csv", _recap_rows([_village(SEGUMBANG, 20, 9, 5, 10)]))
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    assert _run("score", str(path), "--map", str(peta), "-q", "-o", str(a))[0] == 0
    assert _run("score", str(standard), "-q", "-o", str(b))[0] == 0
    assert a.read_bytes() == b.read_bytes()
    rows = list(csv.DictReader(io.StringIO(a.read_text(encoding="utf-8"))))
    assert (rows[0]["ber_phbs"], rows[0]["air_bersih_cakupan"]) == ("9", "50.0")


def test_a_form_with_classes_needs_the_class_counts(tmp_path: Path) -> None:
    codes16 = read_form_codes("jateng-rt-16")
    header = ["kode", "rumah_tangga_disurvei", "ber_phbs"]
    header += [f"{c}_{p}" for c in codes16 for p in ("ya", "berlaku")]
    path = write_csv(tmp_path / "rekap.csv", [header, [SEGUMBANG, "20", "9", *["5"] * 32]])
    with pytest.raises(InputFileError, match="kelas_"):
        read_survey([path], "jateng-rt-16")


def read_form_codes(name: str) -> list[str]:
    from phbs.forms.loading import load_form

    return load_form(name).form.codes


RECAP_SHEET = CONTOH / "rekap-puskesmas-kusan-hilir.xlsx"
RECAP_MAP = CONTOH / "peta-rekap-puskesmas-kusan-hilir.yaml"


def test_a_puskesmas_recap_sheet_scores_as_its_households(tmp_path: Path) -> None:
    """§6.7: the recap sheet of the Kusan Hilir sample (title, two-row header with each
    indicator over *Ada* / *Ya*, villages by name, a JUMLAH row), read with its bundled
    mapping, gives the village CSV of the 1,672 survey rows it sums, byte for byte."""
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    kusan_hilir = CONTOH / "survei-puskesmas-kusan-hilir.csv"
    assert _run("score", str(kusan_hilir), "-q", "-o", str(a))[0] == 0
    code, printed, _ = _run("score", str(RECAP_SHEET), "--map", str(RECAP_MAP), "-o", str(b))
    assert code == 0, printed
    assert b.read_bytes() == a.read_bytes()
    assert "8 baris rekap dibaca = 7 desa dipakai + 1 disisihkan" in printed


def test_phbs_map_proposes_the_bundled_recap_mapping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``phbs map`` sees a recap sheet (a households-surveyed column beside indicator count
    columns, the header's lower row joined to the indicator names above it) and proposes
    every count column, the JUMLAH row to skip and the kecamatan of the village names: the
    bundled mapping, with no question."""
    shutil.copy(RECAP_SHEET, tmp_path / RECAP_SHEET.name)
    monkeypatch.chdir(tmp_path)
    code, printed, _ = _run("map", RECAP_SHEET.name, "-o", RECAP_MAP.name)
    assert code == 0, printed
    assert "pertanyaan belum terjawab" not in printed
    assert Path(RECAP_MAP.name).read_text(encoding="utf-8") == RECAP_MAP.read_text(encoding="utf-8")
    text = RECAP_MAP.read_text(encoding="utf-8")
    assert 'persalinan_nakes_berlaku: "1. Persalinan ditolong oleh tenaga kesehatan Ada"' in text
    assert "skip_rows: [13]" in text
    assert 'region: "63.10.02"' in text


def test_a_count_and_its_percentage_must_agree(tmp_path: Path) -> None:
    """§6.7: a row with both the count and the percentage is checked: 9 ber-PHBS of 20 is
    45 %, so 50 % beside it sets the row aside (``rekap-tidak-cocok``)."""
    table = _recap_rows([_village(SEGUMBANG, 20, 9, 5, 10), _village(KERSIK_PUTIH, 20, 9, 5, 10)])
    table[0].append("persen_ber_phbs")
    table[1].append("45,0")
    table[2].append("50")
    survey = read_survey([write_csv(tmp_path / "rekap.csv", table)])
    assert [(r.row, r.reasons) for r in survey.set_aside] == [(3, ("rekap-tidak-cocok",))]


def test_a_huge_denominator_is_answered_at_once(tmp_path: Path) -> None:
    """A percentage of a denominator of a trillion is not counted up to: the counts that fit
    are found by arithmetic (bounded time on a hostile file): 50 % of 10^12 with no decimals
    fits 10^10 counts, so the row is set aside as ambiguous."""
    big = 10**12
    header = ["kode", "rumah_tangga_disurvei", "ber_phbs"]
    header += [f"{c}_{p}" for c in INDICATORS for p in ("cakupan", "berlaku")]
    row = [SEGUMBANG, str(big), str(big // 2)] + [v for _ in INDICATORS for v in ("50", str(big))]
    survey = read_survey([write_csv(tmp_path / "rekap.csv", [header, row])])
    assert [r.reasons for r in survey.set_aside] == [("rekap-persen-ambigu",)]


def test_a_count_of_five_thousand_digits_is_an_invalid_number(tmp_path: Path) -> None:
    row = _village(SEGUMBANG, 20, 9, 5, 10)
    row["rumah_tangga_disurvei"] = "9" * 5000
    survey = read_survey([write_csv(tmp_path / "rekap.csv", _recap_rows([row]))])
    assert [r.reasons for r in survey.set_aside] == [("rekap-angka-salah",)]
