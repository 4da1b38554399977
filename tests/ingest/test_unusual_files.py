"""Files that could be misread are refused, asked about, or read one way and said so
(docs/aturan.md, *Membaca berkas*).

Each file is built the way a person or a tool makes it; the expected numbers are worked out
by hand in the docstrings.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import (
    AGE,
    HEADER,
    HEADER_NO_AGE,
    INDICATORS,
    SEGUMBANG,
    household,
    write_csv,
    write_xlsx,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phbs.cli.root import cli
from phbs.demo.data import sample_data
from phbs.errors import SurveyError
from phbs.ingest import sample
from phbs.ingest.settings import AnswerScheme, BlankMeaning, ReadSettings
from phbs.ingest.validate import read_survey
from phbs.scoring.results import score
from phbs.scoring.summary import summarise

KERSIK_PUTIH = "63.10.01.2006"


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def village_row(report: Path, code: str) -> dict[str, str]:
    with report.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["kode"] == code:
                return row
    raise AssertionError(f"{code} not in {report}")


def sample_rows(count: int = 40) -> list[list[str]]:
    """The header and the first ``count`` rows of the bundled Batulicin survey."""
    path = sample_data().survey_files[0]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    return rows[: count + 1]


# --- case 1: a misspelt or renamed indicator header ---------------------------------------


@pytest.mark.parametrize("wrong", ["jamban_sehta", "Menggunakan Jamban"])
def test_misspelt_indicator_header_stops_scoring(tmp_path: Path, wrong: str) -> None:
    """docs/aturan.md, Membaca berkas: a required field without its column stops scoring
    (exit 1), names the field and the closest header, writes no result; the HTML report is
    refused the same way."""
    rows = sample_rows()
    rows[0] = [wrong if h == "jamban_sehat" else h for h in rows[0]]
    survey = write_csv(tmp_path / "survei.csv", rows, sep=";")
    out, households = tmp_path / "rekap.csv", tmp_path / "rt.csv"
    result = invoke("score", survey, "-o", out, "--households", households)
    assert result.exit_code == 1
    assert "'jamban_sehat' tidak ditemukan" in result.stderr
    assert f"mungkin '{wrong}'?" in result.stderr
    assert "--not-collected" not in result.stderr  # the column is there, misspelt
    assert not out.exists()
    assert not households.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["survei.csv"]  # no temporary file left
    html = tmp_path / "laporan.html"
    report = invoke("report", "--survey", survey, "--html", html)
    assert report.exit_code == 1
    assert not html.exists()
    assert invoke("validate", survey).exit_code == 1


def test_contest_refuses_a_survey_or_judges_file_it_cannot_read(tmp_path: Path) -> None:
    """docs/aturan.md §6.1: phbs rank and phbs report refuse (exit 1, nothing written) a
    survey with a misspelt indicator header, and a judges' file whose score column is
    misspelt, instead of ranking villages on zeros."""
    from phbs.demo.contest import contest_sample

    contest = contest_sample()
    files = sample_data().survey_files
    judges_text = contest.judges_file.read_text(encoding="utf-8")
    judges = tmp_path / "juri.csv"
    judges.write_text(judges_text.replace(",nilai,", ",nilia,", 1), encoding="utf-8")
    out = tmp_path / "peringkat.csv"
    common: list[str | Path] = ["--attributes", contest.attributes_file, "-o", out]
    result = invoke("rank", "--survey", *files, "--judges", judges, *common)
    assert result.exit_code == 1
    assert "mungkin 'nilia'" in result.stderr
    assert not out.exists()
    rows = sample_rows()
    rows[0] = ["air_bersh" if h == "air_bersih" else h for h in rows[0]]
    survey = write_csv(tmp_path / "survei.csv", rows, sep=";")
    result = invoke("rank", "--survey", survey, "--judges", contest.judges_file, *common)
    assert result.exit_code == 1
    assert "mungkin 'air_bersh'" in result.stderr
    assert not out.exists()
    page = tmp_path / "laporan.html"
    result = invoke(
        "report",
        "--survey",
        *files,
        "--rubric",
        "lomba-desa-ber-phbs",
        "--judges",
        judges,
        "--attributes",
        contest.attributes_file,
        "--html",
        page,
    )
    assert result.exit_code == 1
    assert not page.exists()


def test_not_collected_scores_without_the_indicator(tmp_path: Path) -> None:
    """docs/aturan.md, Membaca berkas: ``--not-collected`` scores the other nine indicators and
    every output names the indicator left out. By hand: R1 is all Ya → ber-PHBS; R2 has Tidak
    on cuci_tangan → tidak; R3's only Tidak is on jamban_sehat, not collected → ber-PHBS:
    2 of 3 = 66.7 %."""
    header = [h for h in HEADER if h != "jamban_sehat"]
    specs = ["---YYYYYYY", "---YTYYYYY", "---YYTYYYY"]
    rows = [household(f"R{i}", spec=spec) for i, spec in enumerate(specs, 1)]
    position = HEADER.index("jamban_sehat")
    rows = [r[:position] + r[position + 1 :] for r in rows]
    # Row 3's answer on jamban_sehat was never typed: the sheet had no such column.
    survey = write_csv(tmp_path / "survei.csv", [header, *rows])
    out = tmp_path / "rekap.json"
    result = invoke("score", survey, "--not-collected", "jamban_sehat", "-o", out)
    assert result.exit_code == 0, result.output
    assert "tidak dikumpulkan: jamban_sehat" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["pengaturan"]["indikator_tidak_dikumpulkan"] == ["jamban_sehat"]
    (area,) = data["wilayah"]
    assert (area["ber_phbs"], area["tidak_ber_phbs"]) == (2, 1)
    assert "jamban_sehat_ya" not in area
    wrong = [[h if h != "cuci_tangan" else "cuci_tangam" for h in header], *rows]
    misspelt = write_csv(tmp_path / "salah.csv", wrong)
    both = ["--not-collected", "jamban_sehat", "--not-collected", "cuci_tangan"]
    refused = invoke("score", misspelt, *both)
    assert refused.exit_code == 1  # its answers are there, under a misspelt header
    assert "'cuci_tangam'" in refused.stderr
    present = invoke("score", survey, *both)
    assert present.exit_code == 1  # a column holding answers would be dropped
    empty = write_csv(
        tmp_path / "kosong.csv", [[*header, "jamban_sehat"], *([*r, ""] for r in rows)]
    )
    assert invoke("score", empty, "--not-collected", "jamban_sehat").exit_code == 0
    unknown = invoke("score", survey, "--not-collected", "jamban")
    assert unknown.exit_code == 2
    assert "jamban_sehat" in unknown.stderr  # lists the form's codes


def test_utf16_text_from_excel_is_read(tmp_path: Path) -> None:
    """Excel's 'Unicode Text' (UTF-16 with its BOM, tab-separated, CRLF) is read like any
    CSV: the Y/N rows give 1 of 3 ber-PHBS, a duplicate is found on it, and its checksum
    is of its own bytes."""
    import hashlib

    rows = [*YN_ROWS, YN_ROWS[0]]  # R1 typed twice
    text = "".join("\t".join(row) + "\r\n" for row in [HEADER_NO_AGE, *rows])
    path = tmp_path / "unicode.txt"
    path.write_bytes(text.encode("utf-16"))
    survey = read_survey([path])
    (area,) = summarise(score(survey)).wilayah
    assert (area.ber_phbs, area.tidak_ber_phbs) == (1, 2)
    assert [(r.row, r.reasons) for r in survey.set_aside] == [(5, ("baris-ganda",))]
    assert survey.files[0].sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert survey.files[0].encoding == "utf-16"
    # A line break typed inside a cell (a bare CR) stays in that cell.
    broken = [[*HEADER_NO_AGE, "petugas"], *([*row, "Siti\rAminah"] for row in YN_ROWS)]
    text = "".join("\t".join(row) + "\r\n" for row in broken)
    path.write_bytes(text.encode("utf-16"))
    survey = read_survey([path])
    assert (survey.rows_read, survey.rows_scored) == (3, 3)


# --- case 2: data on the second sheet -------------------------------------------------------


def _workbook(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    return write_xlsx(path, {name: [list(r) for r in rows] for name, rows in sheets.items()})


INSTRUCTIONS = [
    ["Petunjuk pengisian survei PHBS rumah tangga"],
    [],
    ["1. Isi satu baris per rumah tangga di lembar Data."],
    ["2. Jawaban: Ya, Tidak, atau - bila tidak berlaku."],
]


def test_survey_on_the_second_sheet_is_found(tmp_path: Path) -> None:
    """docs/aturan.md, Membaca berkas: a workbook whose first sheet is instructions is read
    from the one sheet that holds the survey, and the reading names it; the numbers equal
    those of the same rows as CSV."""
    rows = sample_rows()
    book = _workbook(tmp_path / "entri.xlsx", {"Petunjuk": INSTRUCTIONS, "Data": rows})
    as_csv = write_csv(tmp_path / "entri.csv", rows, sep=";")
    from_book = read_survey([book])
    from_csv = read_survey([as_csv])
    assert from_book.files[0].sheet == "Data"
    assert from_book.rows_scored == from_csv.rows_scored == 40
    assert (from_book.households.states == from_csv.households.states).all()
    result = invoke("score", book)
    assert result.exit_code == 0
    assert "lembar 'Data'" in result.stdout


def test_two_survey_sheets_ask_which(tmp_path: Path) -> None:
    """docs/aturan.md, Membaca berkas: two sheets that both look like the survey are never
    chosen between silently: exit 1, naming both and the option."""
    rows = sample_rows(5)
    book = _workbook(
        tmp_path / "dua.xlsx", {"Petunjuk": INSTRUCTIONS, "Data A": rows, "Data B": rows}
    )
    result = invoke("score", book)
    assert result.exit_code == 1
    assert "'Data A', 'Data B'" in result.stderr
    assert '--sheet "Data A"' in result.stderr


def test_several_survey_sheets_are_never_read_one_silently(tmp_path: Path) -> None:
    """A workbook with one sheet per village (or an old copy left in a hidden sheet) holds
    several surveys: reading only the first would leave the others out, so it is refused
    naming them all (hidden ones marked); --sheet reads the one asked for."""
    import openpyxl

    rows = sample_rows(5)
    book = _workbook(tmp_path / "per-desa.xlsx", {"Segumbang": rows, "Batulicin": rows})
    result = invoke("score", book)
    assert result.exit_code == 1
    assert "'Segumbang', 'Batulicin'" in result.stderr
    assert invoke("score", book, "--sheet", "Batulicin").exit_code == 0
    hidden = tmp_path / "tersembunyi.xlsx"
    workbook = openpyxl.Workbook()
    old = workbook.active
    old.title = "Data lama"
    for row in rows:
        old.append(row)
    old.sheet_state = "hidden"
    new = workbook.create_sheet("Data")
    for row in sample_rows(8):
        new.append(row)
    workbook.save(hidden)
    result = invoke("score", hidden)
    assert result.exit_code == 1
    assert "'Data', 'Data lama' (tersembunyi)" in result.stderr


def test_title_block_above_the_header_is_skipped(tmp_path: Path) -> None:
    """docs/aturan.md, Membaca berkas: a report title and a Puskesmas line above the header
    (rows with fewer than three filled cells) are skipped and named; the rows read are the
    same as without them."""
    rows = sample_rows(6)
    title = [["REKAP SURVEI PHBS RUMAH TANGGA"], ["Puskesmas Batulicin, Agustus 2025"], []]
    book = _workbook(tmp_path / "judul.xlsx", {"Data": [*title, *rows]})
    result = invoke("score", book)
    assert result.exit_code == 0, result.output
    assert "judul di baris 4; baris 1–2 di atasnya dilewati ('REKAP" in result.stdout
    assert "6 baris dibaca = 6 diskor + 0 disisihkan" in result.stdout
    as_csv = write_csv(tmp_path / "judul.csv", [*title, *rows], sep=";")
    assert "6 baris dibaca = 6 diskor" in invoke("score", as_csv).stdout


def test_two_row_header_reads_the_row_of_field_names(tmp_path: Path) -> None:
    """docs/aturan.md, Membaca berkas: a row of group names (Identitas, KIA dan gizi, ...)
    above the header is skipped: the header is the row that is the survey's own, in CSV and
    in a workbook with the group names merged across."""
    import xlsxwriter

    rows = sample_rows(5)
    groups = ["Identitas", *[""] * 9, "KIA dan gizi", "", "", "Kesehatan lingkungan", "", "", ""]
    groups += ["Gaya hidup", "", ""]
    as_csv = write_csv(tmp_path / "dua.csv", [groups, *rows], sep=";")
    result = invoke("score", as_csv)
    assert result.exit_code == 0, result.output
    assert "judul di baris 2; baris 1 di atasnya dilewati ('Identitas" in result.stdout
    assert "5 baris dibaca = 5 diskor + 0 disisihkan" in result.stdout
    path = tmp_path / "dua.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Data")
    sheet.merge_range(0, 0, 0, 9, "Identitas")
    sheet.merge_range(0, 10, 0, 12, "KIA dan gizi")
    sheet.merge_range(0, 13, 0, 16, "Kesehatan lingkungan")
    sheet.merge_range(0, 17, 0, 19, "Gaya hidup")
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, row)
    workbook.close()
    result = invoke("score", path)
    assert result.exit_code == 0, result.output
    assert "5 baris dibaca = 5 diskor + 0 disisihkan" in result.stdout


def test_empty_or_recap_first_sheet_is_passed_over(tmp_path: Path) -> None:
    """An empty first sheet, or a village recap first (indicators but no household id), is
    not the survey: the one sheet that is gets read, and the reading names it."""
    rows = sample_rows(6)
    recap = [["Kode Desa", *INDICATORS], [SEGUMBANG, *["10"] * len(INDICATORS)]]
    for first in ([], recap):
        book = _workbook(tmp_path / "b.xlsx", {"Sheet1": first, "Data": rows})
        result = invoke("score", book)
        assert result.exit_code == 0, result.output
        assert "lembar 'Data'" in result.stdout
        assert "6 baris dibaca = 6 diskor + 0 disisihkan" in result.stdout


def test_sheet_given_without_survey_names_the_right_one(tmp_path: Path) -> None:
    """With ``--sheet`` on the instructions, the refusal names the sheet that looks right."""
    book = _workbook(tmp_path / "e.xlsx", {"Petunjuk": INSTRUCTIONS, "Data": sample_rows(5)})
    result = invoke("score", book, "--sheet", "Petunjuk")
    assert result.exit_code == 1
    assert '--sheet "Data"' in result.stderr


def test_formula_errors_and_unsaved_formulas_are_refused(tmp_path: Path) -> None:
    """An age looked up with VLOOKUP that shows #N/A, or an answer computed by a formula
    that a program saved without its value, reads as blank (no child under five, or
    missing): the sheet is refused naming the cells. Excel itself writes the error as
    ``t="e"`` (as xlsxwriter does here); openpyxl saves formulas without values."""
    import openpyxl
    import xlsxwriter

    header = HEADER
    path = tmp_path / "galat.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Data")
    sheet.write_row(0, 0, header)
    for r in (1, 2):
        sheet.write_row(r, 0, household(f"H{r}"))
        sheet.write_formula(r, 2, f"=VLOOKUP(A{r + 1},Umur!A:B,2,0)", None, "#N/A")
    workbook.close()
    result = invoke("score", path)
    assert result.exit_code == 1
    assert "#N/A" in result.stderr
    assert "C2, C3" in result.stderr
    uncached = tmp_path / "rumus.xlsx"
    book = openpyxl.Workbook()
    data = book.active
    data.title = "Data"
    data.append(header)
    for r in (2, 3):
        data.append([*household(f"H{r}")[:3], *["Ya"] * 3, '=IF(1=1,"Ya","Tidak")', *["Ya"] * 6])
    book.save(uncached)
    result = invoke("score", uncached)
    assert result.exit_code == 1
    assert "G2, G3" in result.stderr
    assert "simpan ulang" in result.stderr


def test_merged_village_cells_are_read_as_shown(tmp_path: Path) -> None:
    """A village code merged down its households' rows shows on every row: it is read so,
    with a warning naming the ranges (before, every row but the first of each village was
    set aside). By hand: 3 + 2 households in two villages, all scored."""
    import xlsxwriter

    path = tmp_path / "gabung.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Data")
    sheet.write_row(0, 0, HEADER)
    villages = [SEGUMBANG] * 3 + [KERSIK_PUTIH] * 2
    for r, code in enumerate(villages, start=1):
        # As Excel saves a merged range: the value in its first cell, the others empty.
        shown = code if r in (1, 4) else ""
        sheet.write_row(r, 0, household(f"M{r}", kode=shown))
    sheet.merge_range(1, 1, 3, 1, SEGUMBANG)
    sheet.merge_range(4, 1, 5, 1, KERSIK_PUTIH)
    workbook.close()
    survey = read_survey([path])
    assert survey.rows_scored == 5
    assert survey.households.kode_desa == villages
    (merged,) = [i for i in survey.issues if i.code == "sel-gabungan"]
    assert merged.value == "B2:B4, B5:B6"


def _village_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("63.")]


def test_header_over_two_rows_with_merged_identity_columns(tmp_path: Path) -> None:
    """docs/aturan.md, Membaca berkas: a header of two rows, the identity columns' names
    merged down over both rows and INDIKATOR merged across above the indicators' names (a
    common printed-form layout), is read as one header on the second row: by hand, the same
    5 households as the one-row file, all scored."""
    import xlsxwriter

    rows = sample_rows(5)
    header, body = rows[0], rows[1:]
    first_indicator = header.index(INDICATORS[0])
    path = tmp_path / "judul-dua-baris.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Data")
    for c, name in enumerate(header[:first_indicator]):
        sheet.merge_range(0, c, 1, c, name)
    sheet.merge_range(0, first_indicator, 0, len(header) - 1, "INDIKATOR")
    sheet.write_row(1, first_indicator, header[first_indicator:])
    for r, row in enumerate(body, start=2):
        sheet.write_row(r, 0, row)
    workbook.close()
    result = invoke("score", path)
    assert result.exit_code == 0, result.output
    assert "judul di baris 2" in result.stdout
    assert "5 baris dibaca = 5 diskor + 0 disisihkan" in result.stdout
    plain = invoke("score", write_csv(tmp_path / "satu.csv", rows))
    assert _village_lines(result.stdout) == _village_lines(plain.stdout)


def test_spare_rows_under_a_merged_village_stay_blank(tmp_path: Path) -> None:
    """A village code merged over its households and two spare empty rows under them: the
    spare rows hold nothing of their own and stay blank rows (`baris-kosong`, info), not
    households without an id."""
    import xlsxwriter

    path = tmp_path / "cadangan.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Data")
    sheet.write_row(0, 0, HEADER)
    for r in (1, 2):
        sheet.write_row(r, 0, household(f"M{r}", kode=SEGUMBANG if r == 1 else ""))
    sheet.merge_range(1, 1, 4, 1, SEGUMBANG)
    sheet.write_row(5, 0, household("M5", kode=KERSIK_PUTIH))
    workbook.close()
    survey = read_survey([path])
    assert survey.rows_scored == 3
    assert survey.households.kode_desa == [SEGUMBANG, SEGUMBANG, KERSIK_PUTIH]
    assert [(row.row, row.reasons) for row in survey.set_aside] == [
        (4, ("baris-kosong",)),
        (5, ("baris-kosong",)),
    ]
    assert not [i for i in survey.issues if i.code == "id-kosong"]


def test_ids_that_restart_in_each_village_are_not_published(tmp_path: Path) -> None:
    """docs/aturan.md, Membaca berkas: household numbers 1, 2, 3 in each of three villages
    are 6 of 9 rows clashing with other households' ids: not a publishable result (exit 1,
    naming --id-per-desa); with --id-per-desa all nine are scored."""
    rows = [
        household(str(n), kode=code)
        for code in (SEGUMBANG, KERSIK_PUTIH, "63.10.01.1007")
        for n in (1, 2, 3)
    ]
    rows = [
        [*r[:3], "-", "-", "-", *["Ya"] * 6, "Tidak" if i % 2 else "Ya"] for i, r in enumerate(rows)
    ]
    survey = write_csv(tmp_path / "nomor.csv", [HEADER, *rows])
    rejects = tmp_path / "sisih.csv"
    result = invoke("score", survey, "--rejects", rejects)
    assert result.exit_code == 1
    assert "--id-per-desa" in result.stderr
    assert "9 baris dibaca = 3 diskor + 6 disisihkan" in result.stdout
    assert rejects.exists()
    result = invoke("score", survey, "--id-per-desa")
    assert result.exit_code == 0
    assert "9 baris dibaca = 9 diskor + 0 disisihkan" in result.stdout


@pytest.mark.slow
def test_libreoffice_ods_errors_and_merges_read_like_xlsx(tmp_path: Path) -> None:
    """The same workbook saved by LibreOffice as .ods: a #N/A age is refused and a village
    code merged down is filled, as in .xlsx (the reader gives neither for .ods; both come
    from the sheet's XML). Skipped where LibreOffice is not installed."""
    import shutil
    import subprocess

    import xlsxwriter

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")

    def saved_as_ods(name: str, *, with_error: bool) -> Path:
        """Three households of one village, its code merged down; with an error row."""
        path = tmp_path / f"{name}.xlsx"
        workbook = xlsxwriter.Workbook(str(path))
        sheet = workbook.add_worksheet("Data")
        sheet.write_row(0, 0, HEADER)
        for r in (1, 2, 3):
            sheet.write_row(r, 0, household(f"O{r}", kode=SEGUMBANG if r == 1 else ""))
        sheet.merge_range(1, 1, 3, 1, SEGUMBANG)
        if with_error:
            sheet.write_row(4, 0, household("O4"))
            sheet.write_formula(4, 2, "=NA()", None, "#N/A")
        workbook.close()
        profile = f"-env:UserInstallation=file://{tmp_path / 'profil'}"
        command = [soffice, profile, "--headless", "--convert-to", "ods"]
        command += ["--outdir", str(tmp_path), str(path)]
        subprocess.run(command, check=True, capture_output=True, timeout=180)
        return path.with_suffix(".ods")

    result = invoke("score", saved_as_ods("asal", with_error=True))
    assert result.exit_code == 1
    assert "C5" in result.stderr  # the #N/A age, at its place
    survey = read_survey([saved_as_ods("tanpa-galat", with_error=False)])
    assert survey.rows_scored == 3
    assert [i.value for i in survey.issues if i.code == "sel-gabungan"] == ["B2:B4"]


# --- case 3: a bare N -----------------------------------------------------------------------

# Three households of Kersik Putih without the age column, typed with Y and N only.
# R1 answers Y everywhere; R2 answers N on birth, ASI, weighing and smoking; R3 answers N on
# smoking only. In a Y/N file N is No: R1 ber-PHBS, R2 and R3 not → 1 of 3 = 33.3 %.
# Read as PIS-PK's Y/T/N coding N would be "not applicable" and all three ber-PHBS (100 %).
YN_ROWS = [
    ["R1", KERSIK_PUTIH, *"YYYYYYYYYY"],
    ["R2", KERSIK_PUTIH, *"NNNYYYYYYN"],
    ["R3", KERSIK_PUTIH, *"YYYYYYYYYN"],
]


def test_plain_yn_file_reads_n_as_no(tmp_path: Path) -> None:
    """docs/aturan.md, Membaca berkas: Y and N without T → N is Tidak (33.3 %, not 100 %),
    and the terminal and JSON say how N was read."""
    survey = write_csv(tmp_path / "yn.csv", [HEADER_NO_AGE, *YN_ROWS])
    out = tmp_path / "rekap.csv"
    result = invoke("score", survey, "-o", out)
    assert result.exit_code == 0, result.output
    row = village_row(out, KERSIK_PUTIH)
    assert (row["ber_phbs"], row["tidak_ber_phbs"]) == ("1", "2")
    assert float(row["persen_ber_phbs"]) == pytest.approx(100 / 3)
    assert "N = tidak (berkas Y/N), ditentukan dari huruf di berkas" in result.stdout
    as_json = tmp_path / "rekap.json"
    assert invoke("score", survey, "-o", as_json).exit_code == 0
    reading = json.loads(as_json.read_text(encoding="utf-8"))["berkas_masukan"][0]["cara_baca"]
    assert (reading["n_tunggal"], reading["n_tunggal_ditentukan_oleh"]) == ("tidak", "berkas")


def test_ytn_file_reads_n_as_not_applicable(tmp_path: Path) -> None:
    """Y, T and N together → N is tidak berlaku (PIS-PK). By hand: R1 all Y → ber; R2 has T
    on smoking → tidak; R3 N on 1–3 → not applicable, the rest Y → ber: 2 of 3."""
    rows = [
        ["R1", KERSIK_PUTIH, *"YYYYYYYYYY"],
        ["R2", KERSIK_PUTIH, *"NNNYYYYYYT"],
        ["R3", KERSIK_PUTIH, *"NNNYYYYYYY"],
    ]
    survey = read_survey([write_csv(tmp_path / "ytn.csv", [HEADER_NO_AGE, *rows])])
    (area,) = summarise(score(survey)).wilayah
    assert (area.ber_phbs, area.tidak_ber_phbs, area.belum_lengkap) == (2, 1, 0)
    reading = survey.files[0].reading
    assert reading is not None
    assert (reading.bare_n, reading.bare_n_source) == ("tidak_berlaku", "berkas")


def test_option_fixes_the_scheme(tmp_path: Path) -> None:
    """``--answers ytn`` reads the Y/N file's N as not applicable (here 3 of 3 ber-PHBS) and
    says the option decided."""
    survey = write_csv(tmp_path / "yn.csv", [HEADER_NO_AGE, *YN_ROWS])
    out = tmp_path / "rekap.csv"
    result = invoke("score", survey, "--answers", "ytn", "-o", out)
    assert result.exit_code == 0
    assert village_row(out, KERSIK_PUTIH)["ber_phbs"] == "3"
    assert "dipilih dengan --answers" in result.stdout


def test_undecidable_n_is_refused(tmp_path: Path) -> None:
    """N with neither a Ya spelling nor another Tidak spelling cannot be told: exit 1 and the
    message names both choices."""
    rows = [["R1", KERSIK_PUTIH, *"NNN", *"-------"]]
    survey = write_csv(tmp_path / "n.csv", [HEADER_NO_AGE, *rows])
    result = invoke("score", survey)
    assert result.exit_code == 1
    assert "--answers yn" in result.stderr
    assert "--answers ytn" in result.stderr
    assert invoke("score", survey, "--answers", "yn").exit_code == 0


def test_form_fixes_the_scheme() -> None:
    """pispk-12 is coded Y/T/N: its form lists N as tidak berlaku, so a file with only Y and
    N is still read that way, and the reading says the form decided."""
    from phbs.forms.loading import load_form
    from phbs.ingest.answers import fixed_scheme

    choice = fixed_scheme(load_form("pispk-12").form, ReadSettings())
    assert choice is not None
    assert (choice.scheme, choice.source) == (AnswerScheme.YTN, "formulir")


def test_scheme_that_changes_after_the_first_rows_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long file whose first rows are Y/N but later rows use T is refused (never read half
    one way and half the other). The sample is cut to two rows to make the file 'long'."""
    monkeypatch.setattr(sample, "SCHEME_SAMPLE_ROWS", 2)
    rows = [*YN_ROWS[:2], ["R9", KERSIK_PUTIH, *"TYYYYYYYYY"]]
    survey = write_csv(tmp_path / "campur.csv", [HEADER_NO_AGE, *rows])
    with pytest.raises(SurveyError, match="tidak tetap"):
        read_survey([survey])


def test_n_on_an_always_applicable_indicator_means_no(tmp_path: Path) -> None:
    """docs/aturan.md, Membaca berkas: an N on air bersih (4, never not applicable) can only
    be Tidak; with one stray T elsewhere the file is mixed and refused, never read as Y/T/N
    (which would make every N 'not applicable' and most households ber-PHBS)."""
    rows = [*YN_ROWS, ["R4", KERSIK_PUTIH, *"YYYNYYYYYY"], ["R5", KERSIK_PUTIH, *"TYYYYYYYYY"]]
    survey = write_csv(tmp_path / "campur.csv", [HEADER_NO_AGE, *rows])
    result = invoke("score", survey)
    assert result.exit_code == 1
    assert "--answers yn" in result.stderr
    out = tmp_path / "r.csv"
    clean = write_csv(tmp_path / "yn.csv", [HEADER_NO_AGE, *rows[:4]])
    assert invoke("score", clean, "-o", out).exit_code == 0
    # R1 ber; R2, R3 (N on smoking) and R4 (N on clean water) not: 1 of 4.
    assert (
        village_row(out, KERSIK_PUTIH)["ber_phbs"],
        village_row(out, KERSIK_PUTIH)["tidak_ber_phbs"],
    ) == ("1", "3")


def test_n_first_met_after_the_first_rows_follows_their_spellings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/aturan.md, Membaca berkas: first rows with Y only (no N, no other Tidak) make a
    later N mean Tidak (the Y/N rule); the file is consistent, so it is read, not refused."""
    monkeypatch.setattr(sample, "SCHEME_SAMPLE_ROWS", 1)
    survey = write_csv(tmp_path / "lambat.csv", [HEADER_NO_AGE, *YN_ROWS])
    (area,) = summarise(score(read_survey([survey]))).wilayah
    assert (area.ber_phbs, area.tidak_ber_phbs) == (1, 2)


# --- case 4: blanks that mean not applicable ------------------------------------------------

# An app export without the age column that stores "not applicable" as an empty value:
# A1 blank on 1–3, Ya elsewhere; A2 blank on 1–3, Tidak on smoking; A3 Ya everywhere;
# A4 blank on 1, 2 and 8–10, Ya elsewhere.
APP_ROWS = [
    ["A1", SEGUMBANG, "", "", "", *["Ya"] * 7],
    ["A2", SEGUMBANG, "", "", "", *["Ya"] * 6, "Tidak"],
    ["A3", SEGUMBANG, *["Ya"] * 10],
    ["A4", SEGUMBANG, "", "", "Ya", *["Ya"] * 4, "", "", ""],
]


def test_blank_that_could_mean_not_applicable_is_refused(tmp_path: Path) -> None:
    """docs/aturan.md, Membaca berkas: no age column, blanks on 1–3 and no '-' anywhere: the
    blanks could be either meaning; exit 1 naming --blank missing and --blank na."""
    survey = write_csv(tmp_path / "aplikasi.csv", [HEADER_NO_AGE, *APP_ROWS])
    result = invoke("score", survey)
    assert result.exit_code == 1
    assert "--blank na" in result.stderr
    assert "--blank missing" in result.stderr


def test_blank_na_reads_the_app_export(tmp_path: Path) -> None:
    """With ``--blank na``: A1, A3, A4 ber-PHBS, A2 not → 3 of 4 = 75 %; with ``--blank
    missing``: A1 and A4 incomplete, A3 ber-PHBS, A2 not → 1 of 2 = 50 %, 2 incomplete."""
    survey = write_csv(tmp_path / "aplikasi.csv", [HEADER_NO_AGE, *APP_ROWS])
    out = tmp_path / "rekap.csv"
    assert invoke("score", survey, "--blank", "na", "-o", out).exit_code == 0
    row = village_row(out, SEGUMBANG)
    assert (row["ber_phbs"], row["tidak_ber_phbs"], row["belum_lengkap"]) == ("3", "1", "0")
    assert float(row["persen_ber_phbs"]) == pytest.approx(75.0)
    result = invoke("score", survey, "--blank", "missing", "-o", out)
    assert result.exit_code == 0
    row = village_row(out, SEGUMBANG)
    assert (row["ber_phbs"], row["tidak_ber_phbs"], row["belum_lengkap"]) == ("1", "1", "2")


@pytest.mark.parametrize("null", ["NULL", "\\N", "null"])
def test_database_null_is_a_blank_cell(tmp_path: Path, null: str) -> None:
    """docs/aturan.md, Membaca berkas: an app's database export writes its empty value as
    the text NULL (MySQL: \\N): it is a blank cell, so the file asks for --blank like the
    app export with empty cells, and reads the same with --blank na (3 of 4 = 75 %)."""
    rows = [[null if c == "" else c for c in row] for row in APP_ROWS]
    survey = write_csv(tmp_path / "basisdata.csv", [HEADER_NO_AGE, *rows])
    result = invoke("score", survey)
    assert result.exit_code == 1
    assert "--blank na" in result.stderr
    out = tmp_path / "r.csv"
    result = invoke("score", survey, "--blank", "na", "-o", out)
    assert result.exit_code == 0
    assert f"'{null}' (nilai kosong basis data) dibaca sebagai sel kosong" in result.stdout
    row = village_row(out, SEGUMBANG)
    assert (row["ber_phbs"], row["tidak_ber_phbs"], row["belum_lengkap"]) == ("3", "1", "0")


def test_n_exactly_where_the_age_says_not_applicable_is_refused(tmp_path: Path) -> None:
    """docs/aturan.md, Membaca berkas: Y and N without T is read Y/N, unless N never stands
    on an always-applicable indicator and does stand where the child's age says the
    indicator does not apply: then it may be Y/T/N, and the file asks which."""
    rows = [
        ["P1", SEGUMBANG, "", *"NNNYYYYYYY"],  # no child: N on 1-3 where the age says n/a
        ["P2", SEGUMBANG, "3", *"YYYYYYYYYY"],
    ]
    survey = write_csv(tmp_path / "ytn.csv", [HEADER, *rows])
    result = invoke("score", survey)
    assert result.exit_code == 1
    assert "--answers ytn" in result.stderr
    assert invoke("score", survey, "--answers", "ytn").exit_code == 0


def test_blank_na_never_applies_to_an_always_applicable_indicator(tmp_path: Path) -> None:
    """docs/aturan.md, Jawaban dan keberlakuan: air bersih (4) applies to every household, so
    even with ``--blank na`` a blank there is missing (jawaban-kosong)."""
    rows = [["B1", SEGUMBANG, "", "", "", "", *["Ya"] * 6]]
    survey = read_survey(
        [write_csv(tmp_path / "b.csv", [HEADER_NO_AGE, *rows])],
        settings=ReadSettings(blank=BlankMeaning.NA),
    )
    assert [(i.code, i.column) for i in survey.issues] == [("jawaban-kosong", "air_bersih")]


def test_blanks_on_members_aged_10_indicators_need_a_choice(tmp_path: Path) -> None:
    """docs/aturan.md, Membaca berkas: with the age column, a blank on 8–10 (not decided by
    the age) in a file that never writes '-' could be either meaning: refused until chosen.
    By hand with --blank na: C1 ber (8–10 not applicable), C2 ber → 2 of 2."""
    rows = [household("C1", age="", spec="...YYYY..."), household("C2", age="", spec="...YYYYYYY")]
    survey = write_csv(tmp_path / "umur.csv", [HEADER, *rows])
    result = invoke("score", survey)
    assert result.exit_code == 1
    assert "buah_sayur, aktivitas_fisik, tidak_merokok" in result.stderr
    out = tmp_path / "r.csv"
    assert invoke("score", survey, "--blank", "na", "-o", out).exit_code == 0
    assert village_row(out, SEGUMBANG)["ber_phbs"] == "2"


def test_blanks_with_the_age_column_are_decided_by_it(tmp_path: Path) -> None:
    """With the age column, blanks on 1–3 are decided by the age (no refusal), as the bundled
    sample shows: it scores with exit 0."""
    rows = [household("1", age="", spec="...YYYYYYY"), household("2", age="12", spec="Y.YYYYYYYY")]
    survey = read_survey([write_csv(tmp_path / "umur.csv", [HEADER, *rows])])
    assert survey.rows_scored == 2
    assert AGE in dict(survey.files[0].reading.columns if survey.files[0].reading else ())


# --- case 7: nothing scored -----------------------------------------------------------------


def test_nothing_scored_exits_non_zero(tmp_path: Path) -> None:
    """Every row set aside (no household id): score, validate and report exit 1; score
    writes the rows set aside but no summary and no households file."""
    rows = [household("") for _ in (1, 2, 3)]
    survey = write_csv(tmp_path / "s.csv", [HEADER, *rows])
    out, rejects, households = tmp_path / "r.csv", tmp_path / "sisih.csv", tmp_path / "rt.csv"
    result = invoke("score", survey, "-o", out, "--rejects", rejects, "--households", households)
    assert result.exit_code == 1
    assert "3 baris dibaca = 0 diskor + 3 disisihkan" in result.stdout
    assert "Tidak ada satu rumah tangga pun" in result.stderr
    assert not out.exists()
    assert not households.exists()
    with rejects.open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 3
    assert invoke("validate", survey).exit_code == 1
    html = tmp_path / "l.html"
    assert invoke("report", "--survey", survey, "--html", html).exit_code == 1
    assert not html.exists()


# --- how each file was read, in every output -------------------------------------------------


def test_reading_is_recorded_in_json_workbook_and_html(tmp_path: Path) -> None:
    """The header row, renamed columns, the reading of N and of blanks appear in the JSON,
    the workbook's Metadata sheet and the HTML method section."""
    import openpyxl

    header = ["ID", "Kode Desa", *INDICATORS]
    survey = write_csv(tmp_path / "yn.csv", [header, *YN_ROWS])
    as_json = tmp_path / "rekap.json"
    assert invoke("score", survey, "-o", as_json).exit_code == 0
    reading = json.loads(as_json.read_text(encoding="utf-8"))["berkas_masukan"][0]["cara_baca"]
    assert reading["kolom"]["id_rumah_tangga"] == "ID"
    assert reading["kolom"]["kode_desa"] == "Kode Desa"
    assert reading["sel_kosong"] == "belum_diisi"
    book, page = tmp_path / "l.xlsx", tmp_path / "l.html"
    assert invoke("report", "--survey", survey, "--xlsx", book, "--html", page).exit_code == 0
    sheet = openpyxl.load_workbook(book)["Metadata"]
    (cell,) = [
        c for row in sheet.iter_rows() for c in row if "'ID' → id_rumah_tangga" in str(c.value)
    ]
    assert "N = tidak" in str(cell.value)
    assert cell.alignment.wrap_text  # wraps in its column: the sheet prints one page wide
    html = page.read_text(encoding="utf-8")
    assert f"Cara baca {survey}" in html
    issues = tmp_path / "masalah.xlsx"
    assert invoke("validate", survey, "-o", issues).exit_code == 0
    (row,) = list(
        openpyxl.load_workbook(issues)["Cara Baca"].iter_rows(min_row=2, values_only=True)
    )
    assert row[0] == str(survey)
    assert "'ID' → id_rumah_tangga" in str(row[1])
    assert "&#39;Kode Desa&#39; → kode_desa" in html


# --- the property: one damaged header never gives a different result with exit 0 ------------


def _numbers(report: Path) -> list[tuple[object, ...]]:
    """Each area's counts (names left out: a file without names takes them from the table)."""
    areas = json.loads(report.read_text(encoding="utf-8"))["wilayah"]
    keys = [k for k in areas[0] if k != "nama" and not k.startswith("ik_")] if areas else []
    return [tuple(area[k] for k in keys) for area in areas]


_SAMPLE = sample_rows(60)
_LETTERS = "abcdefghijklmnopqrstuvwxyz_ 0123456789"


@st.composite
def damaged_header(draw: st.DrawFn) -> tuple[int, str]:
    """A column and what its header becomes: emptied, or one letter deleted, inserted,
    replaced, or two swapped."""
    header = _SAMPLE[0]
    column = draw(st.integers(0, len(header) - 1))
    title = header[column]
    kind = draw(st.sampled_from(["empty", "delete", "insert", "replace", "swap"]))
    at = draw(st.integers(0, len(title) - 1))
    letter = draw(st.sampled_from(_LETTERS))
    if kind == "empty":
        return column, ""
    if kind == "delete":
        return column, title[:at] + title[at + 1 :]
    if kind == "insert":
        return column, title[:at] + letter + title[at:]
    if kind == "replace":
        return column, title[:at] + letter + title[at + 1 :]
    at = min(at, len(title) - 2)
    return column, title[:at] + title[at + 1] + title[at] + title[at + 2 :]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damage=damaged_header())
def test_one_damaged_header_never_gives_another_result(
    tmp_path_factory: pytest.TempPathFactory, damage: tuple[int, str]
) -> None:
    """A property of docs/aturan.md, *Membaca berkas*: with any single header emptied
    or misspelt by one letter, ``phbs score`` either refuses (exit 1, nothing written) or
    gives exactly the numbers of the undamaged file."""
    folder = tmp_path_factory.mktemp("kepala")
    true_file = write_csv(folder / "asli.csv", _SAMPLE, sep=";")
    true_report = folder / "asli.json"
    assert invoke("score", true_file, "-o", true_report).exit_code == 0
    column, title = damage
    rows = [list(r) for r in _SAMPLE]
    rows[0][column] = title
    damaged = write_csv(folder / "rusak.csv", rows, sep=";")
    report = folder / "rusak.json"
    result = invoke("score", damaged, "-o", report)
    if result.exit_code == 0:
        assert _numbers(report) == _numbers(true_report), (column, title)
    else:
        assert result.exit_code == 1, result.output
        assert not report.exists()


# --- CSV lines ended by a bare CR (old Mac Excel's "CSV (Macintosh)") -----------------------

# Rows 1-2 a title and a blank line, row 3 the header, then households (Segumbang):
#   4 R1 ber-PHBS; 5 R2 jamban_sehat Tidak: tidak; 6 no id: set aside (id-kosong);
#   7 blank line in the data: set aside (baris-kosong); 8 R4 buah_sayur blank: belum
#   lengkap (jawaban-kosong); 9 R1 again, the same answers: set aside (baris-ganda).
# By hand: 6 rows read = 3 scored + 3 set aside; 1 ber-PHBS, 1 tidak, 1 belum lengkap,
# % ber-PHBS = 1 / (1 + 1) = 50 %.
MAC_ROWS = [
    ["REKAP PHBS PUSKESMAS BATULICIN"],
    [],
    HEADER,
    household("R1"),
    household("R2", spec="---YYTYYYY"),
    household("", spec="---YYYYYYY"),
    [],
    household("R4", spec="---YYYY.YY"),
    household("R1"),
]


@pytest.mark.parametrize(
    ("encoding", "sep"), [("utf-8", ","), ("utf-8", ";"), ("utf-16", "\t")], ids=str
)
@pytest.mark.parametrize("newline", ["\r", "\n", "\r\n"], ids=["CR", "LF", "CRLF"])
def test_lines_ended_by_a_bare_cr_are_read_with_their_row_numbers(
    tmp_path: Path, newline: str, encoding: str, sep: str
) -> None:
    """docs/aturan.md, Membaca berkas: a CSV whose lines end in CR only (as old Mac Excel
    saved "CSV (Macintosh)") is read like one with LF or CRLF, in UTF-8 or UTF-16, and
    every row number (issues, rows set aside, households) is the row of the sheet, as worked
    out by hand above MAC_ROWS."""
    path = write_csv(tmp_path / "mac.csv", MAC_ROWS, newline=newline, encoding=encoding, sep=sep)
    survey = read_survey([path])
    assert survey.files[0].reading is not None
    assert survey.files[0].reading.header_row == 3
    assert (survey.rows_read, survey.rows_scored, survey.rows_set_aside) == (6, 3, 3)
    assert list(survey.households.row_number) == [4, 5, 8]
    assert list(survey.households.ids) == ["R1", "R2", "R4"]
    assert [(r.row, r.reasons) for r in survey.set_aside] == [
        (6, ("id-kosong",)),
        (7, ("baris-kosong",)),
        (9, ("baris-ganda",)),
    ]
    assert [(i.code, i.row) for i in survey.issues] == [
        ("id-kosong", 6),
        ("baris-kosong", 7),
        ("jawaban-kosong", 8),
        ("baris-ganda", 9),
    ]
    (area,) = summarise(score(survey)).wilayah
    assert (area.ber_phbs, area.tidak_ber_phbs, area.belum_lengkap) == (1, 1, 1)
    assert area.persen_ber_phbs == 50.0


def test_a_long_file_with_bare_cr_line_ends_is_read_to_its_last_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/aturan.md, Membaca berkas: CR line ends well past the first 64 KB, where they
    are recognised (the file is about 200 KB): every row is read, the last one under its own
    row number; `phbs score` prints what it prints for the same rows with LF line ends."""
    rows = [HEADER, *(household(f"RT{i:05d}") for i in range(4000)), household("")]
    printed = []
    for name, newline in (("mac", "\r"), ("lf", "\n")):
        folder = tmp_path / name
        folder.mkdir()
        path = write_csv(folder / "survei.csv", rows, newline=newline)
        if newline == "\r":
            assert path.stat().st_size > 150_000
            assert b"\n" not in path.read_bytes()
            survey = read_survey([path])
            assert (survey.rows_read, survey.rows_scored) == (4001, 4000)
            assert [(r.row, r.reasons) for r in survey.set_aside] == [(4002, ("id-kosong",))]
        monkeypatch.chdir(folder)
        result = invoke("score", "survei.csv", "-q", "--rejects", "disisihkan.csv")
        assert result.exit_code == 0, result.output
        assert "4.001 baris dibaca = 4.000 diskor + 1 disisihkan" in result.stdout
        printed.append((result.stdout, (folder / "disisihkan.csv").read_text(encoding="utf-8")))
    assert printed[0] == printed[1]
    rejected = list(csv.DictReader(printed[0][1].splitlines()))
    assert [(r["baris"], r["kode_masalah"]) for r in rejected] == [("4002", "id-kosong")]
