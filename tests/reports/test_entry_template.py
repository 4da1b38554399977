"""The Excel entry template for typing paper forms (docs/formulir.md, *Formulir di
lapangan*): what is typed reads back cleanly.

The template is written, filled cell by cell with openpyxl as a person typing would (numbers
as numbers, dates as dates, answers picked from the dropdown), saved, and read with
``read_survey``: it must score exactly like the same households in a plain CSV.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from conftest import (
    AGE,
    HEADER,
    INDICATORS,
    KAMPUNG_BARU,
    SEGUMBANG,
    codes,
    household,
    read,
    states,
    write_csv,
)

from phbs.cli.root import cli
from phbs.forms.loading import load_form
from phbs.regions import region_table
from phbs.reports.fieldforms.entry_template import (
    DATA_SHEET,
    HELP_SHEET,
    VILLAGE_SHEET,
    template_columns,
    write_entry_template,
)

FORM = load_form("kemenkes-rt-10").form
ROWS = [
    household("1", SEGUMBANG, "", "---YYYYYYY"),
    household("2", SEGUMBANG, "4", "YYYYYYYYYY"),
    household("3", KAMPUNG_BARU, "30", "Y-TYYYYYYY"),
    household("4", KAMPUNG_BARU, "", "---YTYY-YY"),
    household("5", SEGUMBANG, "12", "YTYYYYYY.Y"),
]


def fill(path: Path, rows: list[list[str]]) -> Path:
    """Type ``rows`` (cells in :data:`HEADER` order) into the template's data sheet."""
    book = openpyxl.load_workbook(path)
    sheet = book[DATA_SHEET]
    position = {cell.value: cell.column for cell in sheet[1]}
    for r, row in enumerate(rows, start=2):
        for code, text in zip(HEADER, row, strict=True):
            if not text:
                continue
            value: object = int(text) if code == AGE else text
            sheet.cell(row=r, column=position[code], value=value)
        sheet.cell(row=r, column=position["tanggal_survei"], value=dt.datetime(2025, 10, 23))
        sheet.cell(row=r, column=position["petugas"], value="Kader Sri")
    book.save(path)
    return path


def test_template_layout(tmp_path: Path) -> None:
    """Data sheet first (read without --sheet), frozen header, dropdowns, hidden village list."""
    path = write_entry_template(FORM, tmp_path / "entri.xlsx", kabupaten="63.10", rows=50)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [DATA_SHEET, HELP_SHEET, VILLAGE_SHEET]
    assert book[VILLAGE_SHEET].sheet_state == "hidden"
    data = book[DATA_SHEET]
    assert data.freeze_panes == "C2"
    assert [c.value for c in data[1]] == [code for code, _ in template_columns(FORM)]
    rules = {str(v.sqref): v for v in data.data_validations.dataValidation}
    column = {c.value: c.column_letter for c in data[1]}
    air = rules[f"{column['air_bersih']}2:{column['air_bersih']}51"]
    assert air.formula1 == '"Ya,Tidak"'  # no '-' on an always-applicable indicator (aturan.md §1.1)
    merokok = rules[f"{column['tidak_merokok']}2:{column['tidak_merokok']}51"]
    assert merokok.formula1 == '"Ya,Tidak,-"'
    age = rules[f"{column[AGE]}2:{column[AGE]}51"]
    assert (age.type, age.formula1, age.formula2) == ("whole", "0", "59")
    village = rules[f"{column['kode_desa']}2:{column['kode_desa']}51"]
    count = len(region_table().villages_in("63.10"))
    assert village.formula1 == f"{VILLAGE_SHEET}!$A$2:$A${count + 1}"
    listed = [r[0] for r in book[VILLAGE_SHEET].iter_rows(min_row=2, values_only=True)]
    assert listed == region_table().villages_in("63.10")
    instructions = " ".join(str(r[0]) for r in book[HELP_SHEET].iter_rows(values_only=True) if r[0])
    assert "Ketik satu rumah tangga per baris" in instructions


def test_typed_template_scores_like_the_csv(tmp_path: Path) -> None:
    """The entry template: same village results as the plain CSV."""
    path = fill(write_entry_template(FORM, tmp_path / "entri.xlsx", kabupaten="63.10"), ROWS)
    survey = read(path)
    plain = read(write_csv(tmp_path / "biasa.csv", [HEADER, *ROWS]))
    assert survey.rows_read == len(ROWS)
    assert states(survey) == states(plain)
    assert codes(survey) == codes(plain)
    assert survey.households.tanggal_survei == ["2025-10-23"] * len(ROWS)
    outputs = []
    for source in (path, tmp_path / "biasa.csv"):
        out = tmp_path / f"{source.stem}-desa.csv"
        result = CliRunner().invoke(cli, ["score", str(source), "-o", str(out)])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]


def test_empty_template_reads_as_no_rows(tmp_path: Path) -> None:
    """A template written and not yet filled: a header, no households, no noise."""
    survey = read(write_entry_template(FORM, tmp_path / "entri.xlsx"))
    assert survey.rows_read == 0
    assert not codes(survey)


def test_cli_template(tmp_path: Path) -> None:
    """`phbs forms template NAME -o entri.xlsx --kabupaten 63.10`; bad suffix → exit 2."""
    out = tmp_path / "entri.xlsx"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["forms", "template", "jateng-rt-16", "-o", str(out), "--kabupaten", "63.10"]
    )
    assert result.exit_code == 0, result.output
    header = [c.value for c in openpyxl.load_workbook(out)[DATA_SHEET][1]]
    assert header[-16:] == load_form("jateng-rt-16").form.codes
    bad = runner.invoke(cli, ["forms", "template", "kemenkes-rt-10", "-o", str(tmp_path / "e.csv")])
    assert bad.exit_code == 2
    assert INDICATORS[0] in FORM.codes
