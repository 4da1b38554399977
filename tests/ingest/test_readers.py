"""Readers: CSV dialects and spreadsheets as sanitarians save them (docs/aturan.md §10.1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter
from conftest import (
    AGE,
    BATULICIN,
    HEADER,
    INDICATORS,
    SEGUMBANG,
    Cell,
    answers,
    aside,
    codes,
    found,
    household,
    read,
    states,
    write_csv,
    write_xlsx,
)

from phbs.errors import InputFileError
from phbs.ingest.calamine import cell_text
from phbs.ingest.readers import open_table

HEADER_WITH_NAMES = ["id_rumah_tangga", "kode_desa", "petugas", AGE, *INDICATORS]


def named(household_id: str, petugas: str, spec: str = "---YYYYYYY") -> list[str]:
    return [household_id, SEGUMBANG, petugas, "", *answers(spec)]


# --- CSV dialects -----------------------------------------------------------------------------


def test_utf8_bom_semicolon_crlf(tmp_path: Path) -> None:
    """docs/aturan.md §10.1: CSVs saved by Excel with a UTF-8 BOM, ';' separators and CRLF."""
    path = write_csv(
        tmp_path / "excel.csv",
        [HEADER_WITH_NAMES, named("1", "José Ma’ruf"), named("2", "Siti", "---YTYYYYY")],
        sep=";",
        bom=True,
        newline="\r\n",
    )
    table = open_table(path)
    assert table.header[0] == "id_rumah_tangga"  # BOM stripped
    assert table.delimiter == ";"
    assert table.encoding == "utf-8-sig"
    survey = read(path)
    assert survey.households.petugas == ["José Ma’ruf", "Siti"]
    assert states(survey) == ["---YYYYYYY", "---YTYYYYY"]
    assert survey.households.row_number == [2, 3]
    assert not codes(survey)


def test_windows_1252(tmp_path: Path) -> None:
    """docs/aturan.md §10.1: CSVs saved by Excel in Windows-1252 ('é', '’' are single bytes)."""
    path = write_csv(
        tmp_path / "ansi.csv",
        [HEADER_WITH_NAMES, named("1", "José"), named("2", "Ma’ruf"), named("3", "Budi")],
        encoding="cp1252",
        sep=";",
        newline="\r\n",
    )
    assert "é".encode("cp1252") in path.read_bytes()
    survey = read(path)
    assert survey.households.petugas == ["José", "Ma’ruf", "Budi"]
    assert survey.files[0].encoding == "cp1252"
    assert "encoding-campuran" not in codes(survey)


def test_windows_1252_header_with_accent(tmp_path: Path) -> None:
    """docs/aturan.md §10.1: a Windows-1252 file whose only accented text is late in the file."""
    rows = [HEADER_WITH_NAMES] + [named(str(i), "Budi") for i in range(1, 60)]
    rows.append(named("60", "René"))
    path = write_csv(tmp_path / "ansi.csv", rows, encoding="cp1252")
    survey = read(path)
    assert survey.households.petugas[-1] == "René"
    assert survey.files[0].encoding == "cp1252"
    assert "encoding-campuran" not in codes(survey)


def test_mixed_utf8_and_windows_1252(tmp_path: Path) -> None:
    """docs/aturan.md §10.1: a file mixing UTF-8 and Windows-1252 lines: each line read right, and
    the Windows-1252 row flagged `encoding-campuran`."""
    utf8 = write_csv(
        tmp_path / "a.csv", [HEADER_WITH_NAMES, named("1", "José"), named("2", "Budi")]
    ).read_bytes()
    ansi_line = ",".join(named("3", "Ma’ruf")).encode("cp1252") + b"\n"
    path = tmp_path / "campur.csv"
    path.write_bytes(utf8 + ansi_line)
    survey = read(path)
    assert survey.households.petugas == ["José", "Budi", "Ma’ruf"]
    assert found(survey, "encoding-campuran") == [(4, "")]


def test_mixed_encoding_after_bom(tmp_path: Path) -> None:
    """docs/aturan.md §10.1: a BOM says UTF-8, so a Windows-1252 line in it is mixed encoding."""
    utf8 = write_csv(
        tmp_path / "a.csv", [HEADER_WITH_NAMES, named("1", "Budi")], bom=True
    ).read_bytes()
    path = tmp_path / "campur.csv"
    path.write_bytes(utf8 + ",".join(named("2", "René")).encode("cp1252") + b"\n")
    survey = read(path)
    assert survey.households.petugas == ["Budi", "René"]
    assert found(survey, "encoding-campuran") == [(3, "")]


@pytest.mark.parametrize(("sep", "name"), [(",", "comma"), (";", "semicolon"), ("\t", "tab")])
def test_separators(tmp_path: Path, sep: str, name: str) -> None:
    """docs/aturan.md §10.1: ',' (ODK Central), ';' (Excel Indonesia, KoBo) and tab separators."""
    path = write_csv(
        tmp_path / f"{name}.csv",
        [HEADER, household("1"), household("2", spec="---TYYYYYY")],
        sep=sep,
    )
    assert open_table(path).delimiter == sep
    survey = read(path)
    assert states(survey) == ["---YYYYYYY", "---TYYYYYY"]


def test_kobo_style_all_quoted(tmp_path: Path) -> None:
    """docs/aturan.md §10.3: KoBoToolbox CSV: ';', every field quoted, CRLF, UTF-8 without BOM."""
    path = write_csv(
        tmp_path / "kobo.csv",
        [HEADER, household("1", spec="YYY YYYY YYY"), household("2")],
        sep=";",
        newline="\r\n",
        quote_all=True,
    )
    survey = read(path)
    assert states(survey) == ["---YYYYYYY", "---YYYYYYY"]  # no age: 1-3 do not apply


def test_value_with_separator_inside_quotes(tmp_path: Path) -> None:
    """docs/aturan.md §10.1: a quoted cell may hold the separator."""
    path = write_csv(
        tmp_path / "a.csv", [HEADER_WITH_NAMES, named("1", "Budi, S.KM"), named("2", "Ani")]
    )
    assert read(path).households.petugas == ["Budi, S.KM", "Ani"]


# --- what a user sees as the row number ----------------------------------------------------


def test_row_numbers_header_is_row_1(tmp_path: Path) -> None:
    """docs/aturan.md §8.1: row number as the user sees it (header = row 1)."""
    path = write_csv(tmp_path / "a.csv", [HEADER, household("1"), household("", SEGUMBANG)])
    survey = read(path)
    assert survey.households.row_number == [2]
    assert aside(survey) == [(3, ("id-kosong",))]


def test_row_numbers_with_blank_lines_before_header(tmp_path: Path) -> None:
    """aturan.md §8.1: a spreadsheet program shows blank lines before the header as rows, so the
    header of this file is row 3 and the numbers follow what the user sees."""
    path = write_csv(tmp_path / "a.csv", [[], [], HEADER, household("1"), household("")])
    table = open_table(path)
    assert table.header_row == 3
    survey = read(path)
    assert survey.rows_read == 2
    assert survey.households.row_number == [4]
    assert aside(survey) == [(5, ("id-kosong",))]
    assert {i.row for i in survey.issues if i.code == "kolom-tidak-dikenal"} <= {3}


def test_row_numbers_after_a_cell_with_a_newline(tmp_path: Path) -> None:
    """docs/aturan.md §8.1: a quoted cell holding a line break is still one spreadsheet row, so the
    rows after it keep the numbers a user sees in Excel."""
    path = write_csv(
        tmp_path / "a.csv",
        [
            HEADER_WITH_NAMES,
            named("1", "Budi\nkader Posyandu Mawar"),
            named("2", "Ani\r\nbaris kedua\nbaris ketiga"),
            named("", "Tono"),
        ],
        newline="\r\n",
    )
    survey = read(path)
    assert survey.households.petugas[0] == "Budi\nkader Posyandu Mawar"
    assert survey.households.row_number == [2, 3]
    assert aside(survey) == [(4, ("id-kosong",))]


def test_blank_row_in_the_middle_and_trailing_blank_rows(tmp_path: Path) -> None:
    """aturan.md §8.2: a blank row inside the data is set aside (`baris-kosong`) so the counts add
    up; blank rows after the last household are not data and are not counted."""
    blank = [""] * len(HEADER)
    path = write_csv(
        tmp_path / "a.csv",
        [HEADER, household("1"), blank, household("2"), blank, [], blank],
        sep=";",
    )
    survey = read(path)
    assert survey.rows_read == 3
    assert survey.households.row_number == [2, 4]
    assert aside(survey) == [(3, ("baris-kosong",))]


def test_header_only_file(tmp_path: Path) -> None:
    """docs/aturan.md §8.3: a header without data is fine: 0 rows read, 0 scored, 0 set aside."""
    path = write_csv(tmp_path / "kosong.csv", [HEADER])
    survey = read(path)
    assert (survey.rows_read, survey.rows_scored, survey.rows_set_aside) == (0, 0, 0)
    assert not [i for i in survey.issues if i.code != "kolom-tidak-dikenal"]


def test_extra_cells_beyond_the_header(tmp_path: Path) -> None:
    """aturan.md §8.1: cells right of the header are reported (`sel-berlebih`), the row kept."""
    path = write_csv(tmp_path / "a.csv", [HEADER, [*household("1"), "catatan"], household("2")])
    survey = read(path)
    assert survey.rows_scored == 2
    assert found(survey, "sel-berlebih") == [(2, "")]


def test_short_rows_are_padded(tmp_path: Path) -> None:
    """docs/aturan.md §2: a row cut short has blank (missing) answers in its last columns."""
    path = write_csv(tmp_path / "a.csv", [HEADER, household("1")[:-2]])
    survey = read(path)
    assert states(survey) == ["---YYYYY.."]
    assert found(survey, "jawaban-kosong") == [(2, "aktivitas_fisik"), (2, "tidak_merokok")]


# --- files that cannot be read --------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    """architecture.md "Errors and issues": a missing file is an InputFileError naming it."""
    with pytest.raises(InputFileError) as caught:
        read(tmp_path / "tidak-ada.csv")
    assert "tidak-ada.csv" in caught.value.message_en


def test_directory(tmp_path: Path) -> None:
    """architecture.md "Errors and issues": a folder given as a file is an InputFileError."""
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(InputFileError):
        read(folder)


def test_empty_file(tmp_path: Path) -> None:
    """architecture.md "Errors and issues": an empty file cannot be read."""
    path = tmp_path / "kosong.csv"
    path.write_bytes(b"")
    with pytest.raises(InputFileError):
        read(path)


def test_only_blank_lines(tmp_path: Path) -> None:
    """architecture.md "Errors and issues": a file without a header row cannot be read."""
    path = tmp_path / "kosong.csv"
    path.write_bytes(b"\r\n\r\n;;;\r\n")
    with pytest.raises(InputFileError):
        read(path)


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64),
        b"id,kode\x00\x01\x02",
    ],
    ids=["xlsx", "xls", "nul"],
)
def test_binary_file_named_csv(tmp_path: Path, content: bytes) -> None:
    """architecture.md "Errors and issues": a workbook or binary file named .csv is refused."""
    path = tmp_path / "survei.csv"
    path.write_bytes(content)
    with pytest.raises(InputFileError):
        read(path)


def test_real_workbook_named_csv(tmp_path: Path) -> None:
    """architecture.md "Errors and issues": an .xlsx renamed to .csv is refused with a hint."""
    path = write_xlsx(tmp_path / "survei.xlsx", {"Data": [HEADER, household("1")]})
    renamed = path.rename(tmp_path / "survei.csv")
    with pytest.raises(InputFileError) as caught:
        read(renamed)
    assert ".xlsx" in caught.value.message_en


def test_unclosed_quote_is_refused(tmp_path: Path) -> None:
    """aturan.md §10.1: a quote that is never closed would swallow every later row into one cell;
    that file cannot be read row by row, so it is refused rather than silently shortened."""
    rows = [",".join(HEADER), ",".join(household("1")), '2,"63.10.01.2005,,-,-,-,Ya,Ya']
    rows += [",".join(household(str(i))) for i in range(3, 6)]
    path = tmp_path / "rusak.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read(path)
    assert "3" in caught.value.message_en


def test_sheet_option_on_csv(tmp_path: Path) -> None:
    """architecture.md "Errors and issues": --sheet on a CSV is a usage mistake, said clearly."""
    path = write_csv(tmp_path / "a.csv", [HEADER, household("1")])
    with pytest.raises(InputFileError):
        read(path, sheet="Data")


# --- spreadsheets -----------------------------------------------------------------------------


def test_xlsx_typed_cells_read_as_text(tmp_path: Path) -> None:
    """docs/aturan.md §10.1: numbers 1/0 stored as floats, booleans and real dates read back as a
    person would have typed them: 1 = Ya, 0 = Tidak, TRUE = Ya, dates as ISO."""
    header: list[Cell] = ["id_rumah_tangga", "kode_desa", "tanggal_survei", AGE, *INDICATORS]
    rows: list[list[Cell]] = [
        header,
        [1.0, 6310012005.0, dt.date(2025, 8, 14), 4.0, 1.0, 1.0, 0.0, *[1.0] * 7],
        [
            "2",
            SEGUMBANG,
            dt.datetime(2025, 8, 15, 9, 30),
            None,
            "-",
            "-",
            "-",
            True,
            True,
            False,
            True,
            True,
            True,
            True,
        ],
        ["3", BATULICIN, 45883.0, 12.0, "Ya", " tidak ", "1", *["YA"] * 7],
        ["4", BATULICIN, "14/08/2025", None, None, None, None, *["y"] * 7],
    ]
    path = write_xlsx(tmp_path / "survei.xlsx", {"Data": rows})
    survey = read(path)
    households = survey.households
    assert households.ids == ["1", "2", "3", "4"]
    assert households.kode_desa == [SEGUMBANG, SEGUMBANG, BATULICIN, BATULICIN]
    assert households.tanggal_survei == ["2025-08-14", "2025-08-15", "2025-08-14", "2025-08-14"]
    assert households.context[AGE] == [4, None, 12, None]
    assert states(survey) == ["YYTYYYYYYY", "---YYTYYYY", "Y-YYYYYYYY", "---YYYYYYY"]
    # the 12-month-old's "tidak" on ASI (0-6 months) is ignored with a warning
    assert found(survey, "jawaban-tidak-berlaku") == [(4, "asi_eksklusif")]
    assert survey.files[0].format == "xlsx"
    assert survey.files[0].sheet == "Data"


def test_cell_text() -> None:
    """docs/aturan.md §10.1: spreadsheet values become the text a person would have typed."""
    assert cell_text(1.0) == "1"
    assert cell_text(0.0) == "0"
    assert cell_text(6310012005.0) == "6310012005"
    assert cell_text(6310010101010001.0) == "6310010101010001"  # 16-digit KK number
    assert cell_text(2.5) == "2.5"
    assert cell_text(True) == "true"
    assert cell_text(False) == "false"
    assert cell_text(None) == ""
    assert cell_text(dt.date(2025, 8, 14)) == "2025-08-14"
    assert cell_text(dt.datetime(2025, 8, 14)) == "2025-08-14"
    assert cell_text(dt.datetime(2025, 8, 14, 9, 30)) == "2025-08-14 09:30:00"


def test_sheet_selection(tmp_path: Path) -> None:
    """docs/aturan.md §6.1: the first sheet by default, another with --sheet."""
    path = write_xlsx(
        tmp_path / "survei.xlsx",
        {
            "Petunjuk": [["Isi data di lembar Data"]],
            "Data": [HEADER, household("1"), household("2")],
        },
    )
    survey = read(path, sheet="Data")
    assert survey.rows_scored == 2
    assert survey.files[0].sheet == "Data"
    first = open_table(path)
    assert first.sheet == "Petunjuk"


def test_unknown_sheet(tmp_path: Path) -> None:
    """architecture.md "Errors and issues": an unknown sheet name is an error listing the sheets."""
    path = write_xlsx(tmp_path / "survei.xlsx", {"Data": [HEADER], "Desa": [["kode_desa"]]})
    with pytest.raises(InputFileError) as caught:
        read(path, sheet="Survei")
    assert "Data" in caught.value.message_en
    assert "Desa" in caught.value.message_en


def test_xlsx_header_below_blank_rows(tmp_path: Path) -> None:
    """aturan.md §8.1: in a sheet the row numbers are the sheet's own (header on row 3 here)."""
    path = write_xlsx(
        tmp_path / "survei.xlsx",
        {"Data": [[None], [None], HEADER, household("1"), [None] * 3, household(""), [None]]},
    )
    survey = read(path)
    assert survey.households.row_number == [4]
    assert aside(survey) == [(5, ("baris-kosong",)), (6, ("id-kosong",))]


def test_empty_sheet(tmp_path: Path) -> None:
    """architecture.md "Errors and issues": an empty sheet has no header row."""
    path = write_xlsx(tmp_path / "survei.xlsx", {"Data": []})
    with pytest.raises(InputFileError):
        read(path)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("rusak.xlsx", b"PK\x03\x04 ini bukan workbook"),
        ("rusak.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
        ("rusak.ods", b"PK\x03\x04 ini bukan workbook"),
    ],
)
def test_corrupt_workbook(tmp_path: Path, name: str, data: bytes) -> None:
    """architecture.md "Errors and issues": a broken workbook is an InputFileError, no
    traceback, and its message says what to do, not which library's error it was."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputFileError) as raised:
        read(path)
    for lang in ("id", "en"):
        message = raised.value.message(lang)
        assert "Error" not in message, message
        assert "Exception" not in message, message
        assert ".xlsx" in message


def test_a_fixed_header_row_holds_without_a_sheet_name(tmp_path: Path) -> None:
    """docs/aturan.md §6.1: ``header_row`` fixes the header, to open a file again as it was
    read; the same with or without the sheet named, also when the row given has fewer than
    ``header_cells`` cells (a title above the column names)."""
    path = tmp_path / "judul.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    for r, row in enumerate([["REKAP"], ["a", "b"], ["1", "2"]]):
        sheet.write_row(r, 0, row)
    book.close()
    named = open_table(path, sheet="Data", header_row=1, header_cells=2)
    unnamed = open_table(path, header_row=1, header_cells=2)
    try:
        assert (named.header_row, named.header) == (1, ["REKAP"])
        assert (unnamed.header_row, unnamed.header) == (named.header_row, named.header)
    finally:
        named.close()
        unnamed.close()
