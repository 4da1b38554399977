"""The spreadsheet CSV (``--csv-excel``, :class:`phbs.outputs.CsvFormat`): ``;``-separated,
decimal comma, UTF-8 with BOM, rounded as the reports show, formula-leading text and number
codes kept as text — checked byte by byte, on every command that writes CSV, and by opening
the files in real LibreOffice Calc with the Indonesian locale (docs/aturan.md §10.6,
SECURITY.md)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import AGE, INDICATORS, answers, write_csv

from phbs.cli.root import cli
from phbs.demo.contest import contest_sample
from phbs.demo.data import sample_data
from phbs.outputs import CsvFormat, CsvRows, atomic_csv

BOM = "\ufeff"


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


# --- the format, byte by byte ------------------------------------------------------------------


def written(csv_format: CsvFormat, rows: list[list[Any]], decimals: list[int | None]) -> str:
    handle = io.StringIO(newline="")
    table = CsvRows(handle, csv_format, decimals)
    for row in rows:
        table.write(row)
    return handle.getvalue()


ROWS: list[list[Any]] = [
    ["kode", "nama", "jumlah", "persen", "iks", "kurang", "catatan"],
    ["63.10.01.1007", 'Sungai "Dua"; Hulu', 1234567, 66.66666666666667, 0.4285714285714286,
     True, None],
    ["63.10", "=1+2", 3, float("nan"), -0.0001, False, "-cmd"],
    ["0012", "6310012345670001", -4, 4361.836415073132, 1e-05, False, "-"],
]  # fmt: skip


def test_spreadsheet_csv_bytes() -> None:
    """BOM first, ';' between cells, CRLF, decimal comma without thousands separator, each
    column rounded to its places (66.666… → 66,7; 4361.836… → 4361,8; every digit of 1e-05
    where no places are given), blank for none and NaN, ya/tidak, -0 as 0; '…' before
    formula-leading text and number codes a spreadsheet would change; a dash alone kept."""
    text = written(CsvFormat.SPREADSHEET, ROWS, [None, None, None, 1, None, None, None])
    assert text.startswith(BOM)
    assert text[1:].split("\r\n") == [
        "kode;nama;jumlah;persen;iks;kurang;catatan",
        '63.10.01.1007;"Sungai ""Dua""; Hulu";1234567;66,7;0,4285714285714286;ya;',
        "63.10;'=1+2;3;;-0,0001;tidak;'-cmd",
        "'0012;'6310012345670001;-4;4361,8;0,00001;tidak;-",
        "",
    ]
    assert "\n" not in text.replace("\r\n", "")


def test_spreadsheet_csv_rounds_like_the_reports() -> None:
    """Rounding is Python's ``f"{x:.1f}"``, as the HTML and terminal show percentages; a
    negative value rounded to zero is written 0,0, not -0,0."""
    rows: list[list[Any]] = [[0.05], [0.25], [99.95], [-0.04], [2 / 3 * 100]]
    text = written(CsvFormat.SPREADSHEET, rows, [1])
    assert text[1:].split("\r\n")[:-1] == [
        f"{0.05:.1f}".replace(".", ","),
        f"{0.25:.1f}".replace(".", ","),
        "100,0",
        "0,0",
        "66,7",
    ]


def test_machine_csv_is_unchanged() -> None:
    """The machine CSV (the default) keeps commas, decimal points, full precision, no BOM and
    every text as it is (SECURITY.md: test_csv_outputs_keep_cells_unchanged)."""
    text = written(CsvFormat.MACHINE, ROWS, [None, None, None, 1, None, None, None])
    assert text.split("\r\n") == [
        "kode,nama,jumlah,persen,iks,kurang,catatan",
        '63.10.01.1007,"Sungai ""Dua""; Hulu",1234567,66.66666666666667,0.4285714285714286,ya,',
        "63.10,=1+2,3,nan,-0.0001,tidak,-cmd",
        "0012,6310012345670001,-4,4361.836415073132,1e-05,tidak,-",
        "",
    ]


def test_atomic_csv_writes_the_bom_once(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    with atomic_csv(path, (), CsvFormat.SPREADSHEET) as table:
        table.write(["a", 1.5])
    assert path.read_bytes() == b"\xef\xbb\xbfa;1,5\r\n"


# --- every command that writes CSV ---------------------------------------------------------------

CODE_ONE = "63.10.01.2981"  # codes of the right shape the table does not have: names from the file
CODE_TWO = "63.10.01.2982"
NAME_ONE = 'Sungai "Dua"; Hulu'
NAME_TWO = "=1+2"
SET_ASIDE_NAME = "@SUM(A1)"


def survey_file(folder: Path) -> Path:
    """Village one: 3 households, 2 ber-PHBS (every applicable answer Ya), 1 not (a Tidak on
    tidak_merokok). Village two: 7 households, 1 ber-PHBS, 6 not. Ids are 16-digit KK numbers;
    RT 003; one row with a district code instead of a village code is set aside.

    By hand (docs/aturan.md: % ber-PHBS = ber-PHBS / households with every answer):
    village one 2/3 = 66.67 % → 66,7; village two 1/7 = 14.29 % → 14,3; tidak_merokok
    coverage the same; air_bersih coverage 100 % in both.
    """
    header = ["id_rumah_tangga", "kode_desa", "nama_desa", "rt", AGE, *INDICATORS]
    rows = [header]
    specs = [(CODE_ONE, NAME_ONE, ["YYYYYYY", "YYYYYYY", "YYYYYYT"])]
    specs.append((CODE_TWO, NAME_TWO, ["YYYYYYY", *["YYYYYYT"] * 6]))
    number = 0
    for code, name, households in specs:
        for spec in households:
            number += 1
            rows.append(
                [f"63100123456700{number:02d}", code, name, "003", "", *answers("---" + spec)]
            )
    rows.append(["6310012345670099", "63.10", SET_ASIDE_NAME, "003", "", *answers("---YYYYYYY")])
    return write_csv(folder / "survei.csv", rows)


def read_spreadsheet_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a spreadsheet CSV, after checking its BOM, separator and line ends."""
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), path.name
    assert data.endswith(b"\r\n"), path.name
    assert b"\n" not in data.replace(b"\r\n", b""), path.name
    text = data.decode("utf-8")[1:]
    assert ";" in text.split("\r\n")[0], path.name
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def test_score_writes_spreadsheet_csvs(tmp_path: Path) -> None:
    """`phbs score --csv-excel`: summary, households and rows set aside, by the hand-worked
    values of :func:`survey_file`."""
    survey = survey_file(tmp_path)
    out, households, rejects = tmp_path / "rekap.csv", tmp_path / "rt.csv", tmp_path / "sisih.csv"
    result = invoke(
        "score", survey, "--csv-excel", "-o", out, "--households", households,
        "--rejects", rejects, "--include-names", "-q",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    areas = {row["kode"]: row for row in read_spreadsheet_csv(out)}
    assert areas[CODE_ONE]["nama"] == NAME_ONE
    assert areas[CODE_TWO]["nama"] == "'=1+2"
    assert areas[CODE_ONE]["persen_ber_phbs"] == "66,7"
    assert areas[CODE_TWO]["persen_ber_phbs"] == "14,3"
    assert areas[CODE_TWO]["tidak_merokok_cakupan"] == "14,3"
    assert areas[CODE_TWO]["air_bersih_cakupan"] == "100,0"
    assert areas[CODE_TWO]["rumah_tangga_disurvei"] == "7"
    homes = read_spreadsheet_csv(households)
    assert [h["id_rumah_tangga"] for h in homes][:2] == ["'6310012345670001", "'6310012345670002"]
    assert {h["rt"] for h in homes} == {"'003"}
    (aside,) = read_spreadsheet_csv(rejects)
    assert aside["nama_desa"] == "'@SUM(A1)"
    assert aside["rt"] == "'003"


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    result = invoke("demo", "--csv-excel", "--out", folder)
    assert result.exit_code == 0, result.output
    return folder


def test_demo_writes_every_csv_for_spreadsheets(demo_folder: Path) -> None:
    """`phbs demo --csv-excel`: the four CSVs; the ranking's totals are the JSON's (the
    machine record) rounded to the rubric's 2 decimals."""
    for name in ("ringkasan-desa", "rumah-tangga", "disisihkan", "peringkat-desa"):
        assert read_spreadsheet_csv(demo_folder / f"{name}.csv"), name
    document = json.loads((demo_folder / "peringkat-desa.json").read_text(encoding="utf-8"))
    exact = {row["kode_desa"]: row for row in document["peringkat"]}
    for row in read_spreadsheet_csv(demo_folder / "peringkat-desa.csv"):
        if row["total"]:
            assert row["total"] == f"{exact[row['kode_desa']]['total']:.2f}".replace(".", ",")


def test_rank_and_validate_write_spreadsheet_csvs(tmp_path: Path) -> None:
    """`phbs rank -o x.csv --csv-excel` and `phbs validate -o x.csv --csv-excel`."""
    sample, contest = sample_data(), contest_sample()
    ranking = tmp_path / "peringkat.csv"
    result = invoke(
        "rank", "--survey", *sample.survey_files, "--judges", contest.judges_file,
        "--attributes", contest.attributes_file, "-o", ranking, "--csv-excel", "-q",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = read_spreadsheet_csv(ranking)
    assert rows[0]["peringkat"] == "1"
    assert re.fullmatch(r"\d+,\d\d", rows[0]["persen_maksimum"]), rows[0]["persen_maksimum"]
    issues = tmp_path / "masalah.csv"
    result = invoke("validate", survey_file(tmp_path), "-o", issues, "--csv-excel", "-q")
    assert result.exit_code == 1, result.output
    found = read_spreadsheet_csv(issues)
    assert list(found[0]) == ["berkas", "baris", "kolom", "nilai", "kode", "tingkat", "pesan"]
    assert any(row["nilai"] == "63.10" for row in found)


# --- opened in LibreOffice Calc, Indonesian locale ---------------------------------------------

#: LibreOffice's CSV import options (help: "CSV Filter Options"): separator (59 ';' or 44
#: ','), text delimiter 34 ("), character set 76 (UTF-8), first line 1, no column formats,
#: language 1057 (Indonesian), quoted field as text off, detect special numbers on; token 13,
#: evaluate formulas, on: the most a user's import can convert or run.
FILTER = "Text - txt - csv (StarCalc):{separator},34,76,1,,1057,false,true,,,,,true"


def open_in_calc(files: list[Path], separator: int, folder: Path) -> dict[str, Any]:
    """Each CSV as LibreOffice Calc opens it, saved as .xlsx; returns the workbooks."""
    import openpyxl

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = folder / f"calc-{separator}"
    command = [
        soffice, f"-env:UserInstallation={(folder / 'profil').as_uri()}", "--headless",
        f"--infilter={FILTER.format(separator=separator)}",
        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), *map(str, files),
    ]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return {f.name: openpyxl.load_workbook(out / f"{f.stem}.xlsx").active for f in files}


def columns_of(sheet: Any) -> Iterator[dict[str, Any]]:
    """The data rows of a sheet as {header: cell}."""
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    for row in rows[1:]:
        yield dict(zip(header, row, strict=False))


def test_calc_in_indonesian_reads_numbers_codes_and_text(tmp_path: Path, demo_folder: Path) -> None:
    """The spreadsheet CSVs opened in LibreOffice Calc (id-ID): percentages are numbers with
    the hand-worked values, village codes text, names with ';' and quotes whole, formula-
    leading text a text cell (never a formula), KK numbers and RT 003 whole; the machine CSV
    opened the same way (its ',' separator) gives text percentages and runs the formula —
    what the option is for."""
    survey = survey_file(tmp_path)
    spread, households = tmp_path / "rekap.csv", tmp_path / "rt.csv"
    machine = tmp_path / "rekap-mesin.csv"
    result = invoke(
        "score", survey, "--csv-excel", "-o", spread, "--households", households,
        "--include-names", "-q",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert invoke("score", survey, "-o", machine, "-q").exit_code == 0
    ranking = demo_folder / "peringkat-desa.csv"
    opened = open_in_calc([spread, households, ranking], 59, tmp_path)

    areas = {row["kode"].value: row for row in columns_of(opened["rekap.csv"])}
    assert set(areas) == {CODE_ONE, CODE_TWO}
    assert all(row["kode"].data_type == "s" for row in areas.values())
    for code, percent in ((CODE_ONE, 66.7), (CODE_TWO, 14.3)):
        cell = areas[code]["persen_ber_phbs"]
        assert cell.data_type == "n", cell.value
        assert cell.value == pytest.approx(percent, abs=1e-9)
        assert areas[code]["tidak_merokok_cakupan"].value == pytest.approx(percent, abs=1e-9)
        assert areas[code]["air_bersih_cakupan"].value == 100
    assert areas[CODE_TWO]["rumah_tangga_disurvei"].value == 7
    assert areas[CODE_ONE]["nama"].value == NAME_ONE
    formula = areas[CODE_TWO]["nama"]
    assert (formula.value, formula.data_type) == ("'=1+2", "s")
    for row in areas.values():
        for name, cell in row.items():
            if name.startswith("persen_") or "_cakupan" in name:
                assert cell.data_type == "n", (name, cell.value)

    homes = list(columns_of(opened["rt.csv"]))
    assert homes[0]["id_rumah_tangga"].value == "'6310012345670001"
    assert {row["rt"].value for row in homes} == {"'003"}
    assert all(row["indeks"].data_type == "n" for row in homes if row["indeks"].value is not None)

    document = json.loads((demo_folder / "peringkat-desa.json").read_text(encoding="utf-8"))
    exact = {row["kode_desa"]: row for row in document["peringkat"]}
    for row in columns_of(opened["peringkat-desa.csv"]):
        code = row["kode_desa"].value
        assert row["kode_desa"].data_type == "s"
        # As the reports show them (docs/aturan.md §7.1, §7.5): the total rounded half up,
        # the % of maximum cut down (82,424… is 82,42), worked out here with decimal.Decimal.
        for name, how in (("total", ROUND_HALF_UP), ("persen_maksimum", ROUND_FLOOR)):
            value = exact[code][name]
            if value is not None:
                assert row[name].data_type == "n", (code, name)
                shown = float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=how))
                assert row[name].value == pytest.approx(shown, abs=1e-9)

    sheet = open_in_calc([machine], 44, tmp_path)[machine.name]
    plain = {row["kode"].value: row for row in columns_of(sheet)}
    assert plain[CODE_ONE]["persen_ber_phbs"].data_type == "s"
    assert plain[CODE_ONE]["persen_ber_phbs"].value == repr(2 / 3 * 100)
    assert plain[CODE_TWO]["nama"].data_type == "f"


def test_rank_from_a_spreadsheet_summary_is_the_rank_from_the_machine_summary(
    tmp_path: Path,
) -> None:
    """`phbs rank --summary` on the rounded spreadsheet CSV computes each percentage from the
    counts beside it (docs/aturan.md §7.2): totals equal the machine CSV's to the last digit
    (from the percentages rounded to 61,5, 96,5 and 63,7 Batulicin's would be 4368.43, not
    4368.50)."""
    sample, contest = sample_data(), contest_sample()
    totals = {}
    for name, extra in (("mesin", []), ("lembar", ["--csv-excel"])):
        summary = tmp_path / f"rekap-{name}.csv"
        scored = invoke("score", *sample.survey_files, "--villages", sample.villages_file,
                        "-o", summary, "-q", *extra)  # fmt: skip
        assert scored.exit_code == 0, scored.output
        ranking = tmp_path / f"peringkat-{name}.json"
        ranked = invoke(
            "rank", "--summary", summary, "--rubric", contest.rubric, "--judges",
            contest.judges_file, "--attributes", contest.attributes_file, "-o", ranking, "-q",
        )  # fmt: skip
        assert ranked.exit_code == 0, ranked.output
        document = json.loads(ranking.read_text(encoding="utf-8"))
        totals[name] = {row["kode_desa"]: row["total"] for row in document["peringkat"]}
    assert totals["lembar"] == totals["mesin"]
    # By hand (tests/reports/test_minutes.py shows each item): masukan 1.750, proses
    # 4 × 1.240/3, keluaran 3 × (% ber-PHBS 227/369, jamban 358/371, tidak merokok 237/372,
    # ODF 100).
    keluaran = 3 * (22700 / 369 + 35800 / 371 + 23700 / 372 + 100)
    assert totals["mesin"]["63.10.01.1007"] == pytest.approx(1750 + 4 * 1240 / 3 + keluaran)
