"""What a judge sees of the contest conventions, rendered: the % of maximum next to its band
is cut down to the rubric's decimals, never rounded across the band (docs/aturan.md §7.1),
and totals show rounded half up as they are compared (§7.5). The page is read in headless
Chromium, the workbook with openpyxl and as LibreOffice prints it (PDF, then pdftotext).

The ranking (hand-worked in tests/contest/test_conventions.py): every criterion of Kersik
Putih scores 80, of Segumbang 79.996, of Betung 79.994, so their % of maximum is that score:
80 (Baik), 79.996 (Cukup, shown 79.99) and 79.994 (Cukup, shown 79.99); totals 800.00,
799.96 and 799.94.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from browser import Opened, launch
from contest_helpers import A, B, C, judged_ranking
from report_helpers import small

from phbs import write_report
from phbs.contest.models import Ranking
from phbs.outputs import CsvFormat
from phbs.reports.content import ReportOptions, build_content
from phbs.reports.minutes import build_minutes
from phbs.reports.ranking import write_ranking_csv

pytestmark = pytest.mark.slow

SCORES = {A: ("79,996",) * 3, B: ("80",) * 3, C: ("79,994",) * 3}


@pytest.fixture(scope="module")
def browser_context() -> Iterator[Any]:
    with launch() as context:
        yield context


def ranking(tmp_path: Path) -> Ranking:
    found, _ = judged_ranking(tmp_path, SCORES)
    assert [v.kode_desa for v in found.desa] == [B, A, C]
    return found


def test_page_shows_the_percentage_within_its_band(browser_context: Any, tmp_path: Path) -> None:
    """The total cell of Segumbang says 79,99 % beside Cukup, not 80,00 %."""
    scored = small(tmp_path)
    path = tmp_path / "peringkat.html"
    write_report(scored.result, scored.report, ReportOptions(ranking=ranking(tmp_path)), html=path)
    opened = Opened(browser_context, path)
    try:
        assert opened.column("tabel-peringkat", 4) == ["Baik", "Cukup", "Cukup"]
        assert opened.column("tabel-peringkat", 3) == ["800,00", "799,96", "799,94"]
        notes = opened.page.evaluate(
            "() => Array.from(document.querySelectorAll('#tabel-peringkat tbody tr'))"
            ".map(r => r.cells[3].querySelector('small').textContent)"
        )
        assert notes == [
            "80,00 % dari maksimum",
            "79,99 % dari maksimum",
            "79,99 % dari maksimum",
        ]
        assert (
            "% dari maksimum ditampilkan dipotong (tidak dibulatkan) ke 2 desimal; predikat "
            "dibaca dari persen tanpa pembulatan." in opened.text()
        )
        assert opened.console == []
    finally:
        opened.close()


def test_page_with_a_rounding_rubric(browser_context: Any, tmp_path: Path) -> None:
    """``round_before_band: true`` with ``decimals: 1`` and Baik from 79.5 (docs/aturan.md
    §7.1), by hand: 79.45 rounds half up to 79.5, Baik; 79.44 rounds to 79.4, Cukup. The
    legend shows the minimum as written (≥ 79,5 %) and the page says the % is rounded."""
    bands = [
        {"label": "Baik", "label_en": "Good", "minimum": 79.5},
        {"label": "Cukup", "label_en": "Fair", "minimum": 60},
        {"label": "Kurang", "label_en": "Poor", "minimum": 0},
    ]
    found, _ = judged_ranking(
        tmp_path,
        {A: ("79,45",) * 3, B: ("79,44",) * 3},
        round_before_band=True,
        decimals=1,
        bands=bands,
    )
    assert [(v.persen_maksimum, v.predikat) for v in found.desa] == [
        (79.5, "Baik"),
        (79.4, "Cukup"),
    ]
    scored = small(tmp_path)
    path = tmp_path / "peringkat.html"
    write_report(scored.result, scored.report, ReportOptions(ranking=found), html=path)
    opened = Opened(browser_context, path)
    try:
        legend = opened.page.locator("#peringkat .legend").inner_text()
        assert "≥ 79,5 %" in legend
        assert opened.column("tabel-peringkat", 4) == ["Baik", "Cukup"]
        notes = opened.page.locator("#tabel-peringkat tbody td:nth-child(4) small")
        assert notes.all_text_contents() == ["79,5 % dari maksimum", "79,4 % dari maksimum"]
        assert "dibulatkan ke 1 desimal (setengah ke atas)" in opened.text()
    finally:
        opened.close()


def test_workbook_shows_the_percentage_within_its_band(tmp_path: Path) -> None:
    """The Peringkat sheet stores the % cut down to 2 decimals with a 2-decimal format, so
    LibreOffice prints 79.99 % for the two Cukup villages and 80.00 % only for Baik."""
    scored = small(tmp_path)
    path = tmp_path / "peringkat.xlsx"
    write_report(scored.result, scored.report, ReportOptions(ranking=ranking(tmp_path)), xlsx=path)
    sheet = openpyxl.load_workbook(path)["Peringkat"]
    header = {cell.value: cell.column for cell in sheet[1]}
    shown = [
        (
            sheet.cell(row=r, column=header["% dari maksimum"]).value,
            sheet.cell(row=r, column=header["% dari maksimum"]).number_format,
            sheet.cell(row=r, column=header["Predikat"]).value,
        )
        for r in (2, 3, 4)
    ]
    assert [(f, band) for _, f, band in shown] == [
        ("0.00%", "Baik"),
        ("0.00%", "Cukup"),
        ("0.00%", "Cukup"),
    ]
    assert [v for v, _, _ in shown] == pytest.approx([0.8, 0.7999, 0.7999])
    below = [row[0].value for row in sheet.iter_rows(min_row=5) if row and row[0].value]
    assert "% dari maksimum ditampilkan dipotong (tidak dibulatkan) ke 2 desimal" in " ".join(
        str(v) for v in below
    )
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed: .ci/run installs it"
    profile = f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), path],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(path.with_suffix(".pdf")), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # Two-decimal percentages appear only in the % of maximum columns of the Peringkat and
    # Berita Acara sheets.
    printed = [p.replace(",", ".") for p in re.findall(r"(\d+[.,]\d\d) ?%", text)]
    assert sorted(printed) == ["79.99"] * 4 + ["80.00"] * 2
    minutes = openpyxl.load_workbook(path)["Berita Acara"]
    cells = [c for row in minutes.iter_rows() for c in row if c.number_format.endswith("%")]
    assert [(c.value, c.number_format) for c in cells] == [
        (pytest.approx(0.8), "0.00%"),
        (pytest.approx(0.7999), "0.00%"),
        (pytest.approx(0.7999), "0.00%"),
    ]


def test_minutes_show_the_percentage_within_its_band(tmp_path: Path) -> None:
    """The berita acara's final table: totals rounded half up, the % cut down to 2 decimals
    beside its band (79,99 % Cukup, never 80,0 %)."""
    scored = small(tmp_path)
    content = build_content(scored.result, scored.report, ReportOptions(ranking=ranking(tmp_path)))
    rows = [row.texts[4:7] for row in build_minutes(content).rows]
    assert rows == [
        ("800,00", "80,00 %", "Baik"),
        ("799,96", "79,99 %", "Cukup"),
        ("799,94", "79,99 %", "Cukup"),
    ]


def test_spreadsheet_csv_shows_the_percentage_within_its_band(tmp_path: Path) -> None:
    """The spreadsheet CSV (--csv-excel) writes the numbers as the reports show them: 79,99
    beside Cukup, never 80,00; the machine CSV keeps the published 79.996 in full."""
    found = ranking(tmp_path)
    shown = tmp_path / "lembar.csv"
    write_ranking_csv(found, shown, csv_format=CsvFormat.SPREADSHEET)
    with shown.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [(r["total"], r["persen_maksimum"], r["predikat"]) for r in rows] == [
        ("800,00", "80,00", "Baik"),
        ("799,96", "79,99", "Cukup"),
        ("799,94", "79,99", "Cukup"),
    ]
    machine = tmp_path / "mesin.csv"
    write_ranking_csv(found, machine)
    with machine.open(encoding="utf-8", newline="") as handle:
        full = list(csv.DictReader(handle))
    assert [float(r["persen_maksimum"]) for r in full] == [80.0, 79.996, 79.994]
