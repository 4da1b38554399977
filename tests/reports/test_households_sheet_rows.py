"""The *Rumah Tangga* sheets capped or left out (``--households-sheet-rows``), and written
the same by the fast typed writer as cell by cell; re-opened with openpyxl, printed with
LibreOffice."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from office import print_workbooks
from report_helpers import Scored, sample, small, write_survey

from phbs import write_report
from phbs.cli.root import cli
from phbs.reports.content import ReportOptions, build_content
from phbs.reports.excel import sheet as excel_sheet
from phbs.reports.excel.workbook import write_workbook

# The hand-made survey of report_helpers has 8 households (3 Segumbang, 3 Kersik Putih,
# 2 of an unknown code), all scored.
HOUSEHOLDS = 8


@pytest.fixture
def scored(tmp_path: Path) -> Scored:
    return small(tmp_path)


def values(sheet: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in sheet.iter_rows()]


def summary_text(book: Any) -> str:
    return " ".join(str(v) for row in values(book.worksheets[0]) for v in row if v is not None)


def test_capped_sheet_says_how_many_are_not_shown(scored: Scored, tmp_path: Path) -> None:
    path = tmp_path / "laporan.xlsx"
    options = ReportOptions(households_sheet_rows=3)
    write_report(scored.result, scored.report, options, xlsx=path)
    book = openpyxl.load_workbook(path)
    sheet = book["Rumah Tangga"]
    table = values(sheet)
    # Two short lines, so that a printed page (as wide as a few columns) shows them whole.
    assert table[0][0] == (
        "Lembar ini memuat 3 dari 8 rumah tangga: 5 tidak ditampilkan (--households-sheet-rows)."
    )
    assert table[1][0] == (
        "Daftar lengkap ada di CSV rumah tangga: phbs score SURVEI --households rumah-tangga.csv"
    )
    assert table[2][0] == "ID rumah tangga"
    ids = [h.id_rumah_tangga for h in scored.result.households()]
    assert [row[0] for row in table[3:]] == ids[:3]
    # The header stays frozen and filtered under the note.
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref.startswith("A3:")
    assert "Lembar Rumah Tangga memuat 3 dari 8 rumah tangga: 5 tidak ditampilkan" in (
        summary_text(book)
    )


def test_left_out_keeps_the_header_and_the_note_in_english(scored: Scored, tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    options = ReportOptions(lang="en", households_sheet_rows=0)
    write_report(scored.result, scored.report, options, xlsx=path)
    book = openpyxl.load_workbook(path)
    table = values(book["Households"])
    assert len(table) == 3
    assert table[0][0].startswith("This sheet shows 0 of 8 households: 8 are not shown")
    assert table[1][0].startswith("The full list is in the households CSV: phbs score SURVEY")
    assert table[2][0] == "Household id"
    assert "The Households sheet shows 0 of 8 households" in summary_text(book)


def test_a_cap_at_or_past_the_count_changes_nothing(scored: Scored, tmp_path: Path) -> None:
    def sheets(rows: int | None) -> dict[str, bytes]:
        path = tmp_path / f"laporan-{rows}.xlsx"
        options = ReportOptions(households_sheet_rows=rows)
        write_report(scored.result, scored.report, options, xlsx=path)
        with zipfile.ZipFile(path) as book:
            return {n: book.read(n) for n in book.namelist() if n.startswith("xl/worksheets/sheet")}

    # The summary and the metadata carry the time written: compare without it.
    every, capped = sheets(None), sheets(HOUSEHOLDS)
    assert every.keys() == capped.keys()
    for name in every:
        assert _timeless(every[name]) == _timeless(capped[name])


def _timeless(xml: bytes) -> bytes:
    return re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", b"TIME", xml)


def test_a_cap_past_the_row_limit_continues_on_further_sheets(
    scored: Scored, tmp_path: Path
) -> None:
    """With 5 rows a sheet, 5 households: the note's two lines, the header and 2 on the
    first sheet, the header and 3 on the second; the note only on the first."""
    path = tmp_path / "pecah.xlsx"
    content = build_content(scored.result, scored.report)
    write_workbook(content, path, max_rows=5, households_sheet_rows=5)
    book = openpyxl.load_workbook(path)
    names = [n for n in book.sheetnames if n.startswith("Rumah Tangga")]
    assert names == ["Rumah Tangga", "Rumah Tangga (2)"]
    first, second = values(book[names[0]]), values(book[names[1]])
    assert first[0][0].startswith("Lembar ini memuat 5 dari 8")
    assert second[0][0] == "ID rumah tangga"
    ids = [h.id_rumah_tangga for h in scored.result.households()]
    assert (len(first), len(second)) == (5, 4)
    assert [r[0] for r in first[3:]] + [r[0] for r in second[1:]] == ids[:5]


def test_a_negative_cap_is_refused(scored: Scored, tmp_path: Path) -> None:
    content = build_content(scored.result, scored.report)
    with pytest.raises(ValueError, match="households_sheet_rows"):
        write_workbook(content, tmp_path / "x.xlsx", households_sheet_rows=-1)


def test_command_line_option(tmp_path: Path) -> None:
    survey = write_survey(tmp_path)
    path = tmp_path / "laporan.xlsx"
    runner = CliRunner()
    args = ["report", "-q", "--survey", str(survey), "--xlsx", str(path)]
    refused = runner.invoke(cli, [*args, "--households-sheet-rows", "-1"])
    assert refused.exit_code == 2
    assert not path.exists()
    done = runner.invoke(cli, [*args, "--households-sheet-rows", "1"])
    assert done.exit_code == 0, done.output
    table = values(openpyxl.load_workbook(path)["Rumah Tangga"])
    assert len(table) == 4
    assert table[0][0].startswith("Lembar ini memuat 1 dari 8 rumah tangga")


def test_typed_writer_writes_what_the_cell_writer_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample's 3,011 households: the rows past the 2,000 that set the column widths
    written by the typed writer, or cell by cell as every other table: the same households
    sheet, byte for byte (values, types, formats)."""
    scored = sample()
    content = build_content(scored.result, scored.report)

    def households_xml(name: str) -> bytes:
        path = tmp_path / name
        write_workbook(content, path)
        with zipfile.ZipFile(path) as book:
            order = book.read("xl/workbook.xml").decode()
            sheets = order.split("<sheet name=")[1:]
            number = next(i for i, s in enumerate(sheets, 1) if s.startswith('"Rumah Tangga"'))
            return book.read(f"xl/worksheets/sheet{number}.xml")

    typed = households_xml("typed.xlsx")

    def row_by_row(writer: Any, rows: Any, kinds: Any) -> None:
        for row in rows:
            writer.row(row, measure=False)

    # The reference: the same rows through SheetWriter.row, one cell at a time.
    monkeypatch.setattr(excel_sheet.SheetWriter, "typed_rows", row_by_row)
    cell_by_cell = households_xml("cells.xlsx")
    assert b'<row r="3012"' in typed
    assert typed == cell_by_cell


def test_the_note_prints_on_the_households_pages(scored: Scored, tmp_path: Path) -> None:
    path = tmp_path / "laporan.xlsx"
    write_report(scored.result, scored.report, ReportOptions(households_sheet_rows=2), xlsx=path)
    pages = print_workbooks([path], tmp_path / "pdf")["laporan.xlsx"]
    noted = [p for p in pages if p.has("Lembar ini memuat 2 dari 8 rumah tangga")]
    assert noted
    assert any(p.has("Lembar Rumah Tangga memuat 2 dari 8 rumah tangga") for p in pages)
