"""Every sheet of the workbooks phbs writes prints whole.

The workbooks of ``phbs demo`` (the report with its ranking, the data issues) and the field
forms (entry template, XLSForm) are printed to PDF by LibreOffice in one run, and the pages
read back with poppler: every text of a sheet is printed in full (no column cut off, no
wrapped text lost), a sheet printed one page wide has every column on every page, a sheet too
wide for that prints in bands whose columns are each whole on one page, with the identifying
columns repeated. The page setup itself is read back with openpyxl (an independent reader).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from office import PrintedPage, compact, print_workbooks
from openpyxl.utils import column_index_from_string
from report_helpers import small

from phbs.demo.sample import DemoRun, run_demo
from phbs.forms.loading import load_form
from phbs.reports.content import ReportOptions
from phbs.reports.contest import contest_view
from phbs.reports.excel.printing import MIN_SCALE
from phbs.reports.fieldforms.entry_template import write_entry_template
from phbs.reports.fieldforms.xlsform import write_xlsform
from phbs.reports.report import write_report

pytestmark = pytest.mark.slow

#: Rows of a sheet whose texts are looked for on paper (and the last few rows).
CHECKED_ROWS = 60


BOOKS = ["laporan.xlsx", "masalah-data.xlsx", "entri.xlsx", "xlsform.xlsx"]


@dataclass(frozen=True)
class Printed:
    run: DemoRun
    books: dict[str, Path]
    pages: dict[str, list[PrintedPage]]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    folder = tmp_path_factory.mktemp("cetak")
    run = run_demo(folder / "demo")
    form = load_form("kemenkes-rt-10").form
    books = [
        folder / "demo" / "laporan.xlsx",
        folder / "demo" / "masalah-data.xlsx",
        write_entry_template(form, folder / "entri.xlsx", kabupaten="63.10"),
        write_xlsform(form, folder / "xlsform.xlsx"),
    ]
    pages = print_workbooks(books, folder / "pdf")
    return Printed(run, {book.name: book for book in books}, pages)


def sheet_pages(pages: list[PrintedPage], names: list[str], name: str) -> list[PrintedPage]:
    """The pages of sheet ``name``: their header ends with its name (the longest that fits)."""

    def owner(page: PrintedPage) -> str | None:
        found = [n for n in names if page.header.endswith(n)]
        return max(found, key=len) if found else None

    return [page for page in pages if owner(page) == name]


def header_labels(sheet: Any) -> dict[int, str]:
    """Column (0-based) → label, from the rows printed on every page: the title over a group
    of columns (an indicator's name over its three), else the lowest row's label."""
    rows = sheet.print_title_rows
    if not rows:
        return {}
    first, last = (int(part.strip("$")) for part in rows.split(":"))
    labels: dict[int, str] = {}
    for row in range(last, first - 1, -1):
        for cell in sheet[row]:
            if isinstance(cell.value, str) and cell.value.strip():
                labels[cell.column - 1] = cell.value
    return labels


def texts(sheet: Any) -> list[str]:
    """The texts of the sheet's first rows and of its last few rows."""
    rows = list(sheet.iter_rows(values_only=True))
    chosen = rows[:CHECKED_ROWS] + rows[max(CHECKED_ROWS, len(rows) - 3) :]
    return [v for row in chosen for v in row if isinstance(v, str) and v.strip()]


def bands(sheet: Any, width: int) -> tuple[int, list[tuple[int, int]]]:
    """The repeated columns and the column ranges of the bands, as the file sets them."""
    lead = 0
    if sheet.print_title_cols:
        lead = column_index_from_string(sheet.print_title_cols.split(":")[1].strip("$"))
    starts = [lead, *sorted(b.id for b in sheet.col_breaks.brk)]
    ends = [*(s - 1 for s in starts[1:]), width - 1]
    return lead, list(zip(starts, ends, strict=True))


def check_sheet(sheet: Any, pages: list[PrintedPage]) -> None:
    """The checks every printed sheet passes."""
    name = sheet.title
    assert pages, f"{name}: not printed"
    setup = sheet.page_setup
    assert str(setup.paperSize) == "9", name
    assert {p.landscape for p in pages} == {setup.orientation == "landscape"}, name
    text = compact("\n".join(p.text for p in pages))
    missing = [t for t in texts(sheet) if compact(t) not in text]
    assert missing == [], f"{name}: texts not printed whole: {missing[:5]}"
    labels = header_labels(sheet)
    fit = sheet.sheet_properties.pageSetUpPr
    if fit is not None and fit.fitToPage:
        # One page wide: the header row, repeated, has every column on every page.
        assert setup.fitToWidth in (None, 1), name
        for page in pages:
            assert [v for v in labels.values() if not page.has(v)] == [], (name, page.number)
        return
    # Too wide at MIN_SCALE %: bands of whole columns, the identifying columns on each page.
    assert setup.scale is not None, name
    assert setup.scale >= MIN_SCALE, name
    lead, ranges = bands(sheet, max(labels) + 1)
    assert lead >= 1, name
    assert len(ranges) > 1, name
    shown: set[int] = set()
    for page in pages:
        assert all(page.has(labels[c]) for c in range(lead) if c in labels), (name, page.number)
        whole = [
            k
            for k, (a, b) in enumerate(ranges)
            if all(page.has(labels[c]) for c in range(a, b + 1) if c in labels)
        ]
        assert len(whole) == 1, (name, page.number, whole)
        shown.update(whole)
    assert shown == set(range(len(ranges))), name


@pytest.mark.parametrize("book", BOOKS)
def test_every_sheet_prints_whole(printed: Printed, book: str) -> None:
    """Every visible sheet: on A4 in its orientation, every text in full, one page wide or in
    whole bands; every page is a page of some sheet (its header names it)."""
    workbook = openpyxl.load_workbook(printed.books[book])
    sheets = [s for s in workbook.worksheets if s.sheet_state == "visible"]
    names = [s.title for s in sheets]
    pages = printed.pages[book]
    for sheet in sheets:
        check_sheet(sheet, sheet_pages(pages, names, sheet.title))
    assert sum(len(sheet_pages(pages, names, n)) for n in names) == len(pages)
    for page in pages:
        assert f"Halaman {page.number} dari {len(pages)}" in page.text


def test_wide_report_sheets_print_in_readable_bands(printed: Printed) -> None:
    """The ranking (34 columns), the recaps and the households are too wide for one page at
    70 %: they print in bands at 70 % or more, rank/code/name (area, household) repeated; the
    other tables one page wide."""
    book = openpyxl.load_workbook(printed.books["laporan.xlsx"])
    banded = {s.title for s in book.worksheets if s.page_setup.scale is not None}
    assert banded == {"Peringkat", "Rekap Indikator", "Rekap Dusun", "Rumah Tangga"}
    assert book["Peringkat"].print_title_cols == "$A:$C"
    assert book["Rekap Indikator"].print_title_rows == "$1:$2"
    for name in ("Desa", "IK Cakupan", "Masalah Data", "Metadata"):
        assert book[name].page_setup.orientation == "landscape", name
        assert book[name].print_title_rows == "$1:$1", name
        assert book[name].print_options.gridLines, name
    assert book["Desa"].print_title_cols is None


def test_ranking_notes_and_small_tables_print_in_full(printed: Printed) -> None:
    """Under the ranking, the overrides' reasons and files, the judges' agreement per
    criterion and the settings print in full, on the pages of the first band (the reasons
    are the contest's "Verifikasi 10 rumah sampel …" cut to a column before)."""
    book = openpyxl.load_workbook(printed.books["laporan.xlsx"])
    names = book.sheetnames
    pages = sheet_pages(printed.pages["laporan.xlsx"], names, "Peringkat")
    text = compact("\n".join(p.text for p in pages))
    ranking = printed.run.ranking
    assert ranking.koreksi
    assert ranking.kesepakatan
    assert any(o.alasan.startswith("Verifikasi 10 rumah sampel") for o in ranking.koreksi)
    for override in ranking.koreksi:
        assert compact(override.alasan) in text
        assert compact(f"{override.berkas}:{override.baris}") in text
    view = contest_view(ranking)
    for agreement in ranking.kesepakatan:
        # The criterion by the rubric's name (never its id), whole.
        assert compact(view.criterion_name(agreement.kriteria)) in text
    # The band of the result: rank, village, total, band, uncertainty; on its own pages
    # after the table, the notes and small tables.
    first = pages[0]
    for label in ("Peringkat", "Nama desa", "Total", "Predikat", "P(juara 1)"):
        assert first.has(label), label
    below = [p for p in pages if p.has("Koreksi yang diterapkan")]
    assert below
    assert all(p.has("Nama desa") and not p.has("Catatan") for p in below)


def test_issue_messages_print_in_full(printed: Printed) -> None:
    """masalah-data.xlsx (no page setup before: six portrait pages, the first only paths)
    prints landscape, one page wide, every message and file in full."""
    pages = printed.pages["masalah-data.xlsx"]
    assert all(p.landscape for p in pages)
    text = compact("\n".join(p.text for p in pages))
    for issue in printed.run.issues:
        row = issue.as_row("id")
        assert compact(str(row["pesan"])) in text
        assert compact(str(row["berkas"])) in text
    assert all(p.has("Berkas") and p.has("Pesan") for p in pages)
    sheet = openpyxl.load_workbook(printed.books["masalah-data.xlsx"])["Masalah Data"]
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.oddFooter.center.text == "Halaman &P dari &N"


def test_pages_say_sheet_and_page_in_the_reports_language(tmp_path: Path) -> None:
    """Header: the report's title and the sheet's name; footer: page X of Y, in English for
    an English report."""
    scored = small(tmp_path)
    path = tmp_path / "report.xlsx"
    options = ReportOptions(lang="en", villages=scored.villages, title="A & B")
    write_report(scored.result, scored.report, options, xlsx=path)
    for sheet in openpyxl.load_workbook(path).worksheets:
        assert sheet.oddHeader.left.text == "A && B", sheet.title
        assert sheet.oddHeader.right.text == "&A", sheet.title
        assert sheet.oddFooter.center.text == "Page &P of &N", sheet.title
        assert str(sheet.page_setup.paperSize) == "9", sheet.title
