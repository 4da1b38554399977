"""The change section of the page and the *Perubahan* sheet (``phbs report --baseline``,
docs/aturan.md §5.8): drawn, sortable, printed and re-read.

The two rounds are the bundled sample and a copy of it in which Batulicin had
``FLIPPED`` more smokers (tests/trend_helpers.py): Batulicin improves, every other village is
the same. The expected values are read from that construction: the same households in both
rounds, so Batulicin's change is the households that became ber-PHBS over its households
(Newcombe's paired Δ = (c − b)/n with b = 0), and every other change is 0.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from browser import Opened, launch
from trend_helpers import IMPROVED, TwoRounds, two_rounds

from phbs import write_report
from phbs.reports.content import ReportOptions, build_content
from phbs.reports.html.trends import ROWS_PER_BLOCK, trend_charts, trends_section
from phbs.trends.compare import compare_rounds
from phbs.trends.models import Verdict
from phbs.trends.reading import read_round
from phbs.trends.rounds import round_from_score

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> TwoRounds:
    return two_rounds(tmp_path_factory.mktemp("putaran"))


@pytest.fixture(scope="module")
def written(rounds: TwoRounds, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("laporan")
    html, xlsx = folder / "laporan.html", folder / "laporan.xlsx"
    options = ReportOptions(villages=rounds.villages, trends=rounds.trends)
    write_report(rounds.result, rounds.report, options, html=html, xlsx=xlsx)
    return html, xlsx


@pytest.fixture(scope="module")
def browser_context() -> Iterator[Any]:
    with launch() as context:
        yield context


def test_the_constructed_rounds_show_one_village_improving(rounds: TwoRounds) -> None:
    """Batulicin: up, its change equal to the households that became ber-PHBS over the
    paired households, none the other way; every other village: no change."""
    for area in rounds.trends.wilayah:
        change = area.persen_ber_phbs.perubahan[0]
        (paired,) = area.transisi
        if area.kode == IMPROVED:
            assert change.putusan is Verdict.NAIK
            assert paired.tidak_lagi_ber_phbs == 0
            assert 0 < paired.menjadi_ber_phbs <= 40
            households = area.persen_ber_phbs.nilai[1].n
            assert households == paired.berpasangan
            expected = paired.menjadi_ber_phbs / households * 100
            assert change.perubahan == pytest.approx(expected)
        else:
            assert change.perubahan == pytest.approx(0.0)
            assert change.putusan is Verdict.TIDAK_BERUBAH
            assert paired.menjadi_ber_phbs == paired.tidak_lagi_ber_phbs == 0


def test_the_page_draws_one_mark_per_village_and_sorts(
    browser_context: Any, rounds: TwoRounds, written: tuple[Path, Path]
) -> None:
    """The SVG chart has a mark per village (the wide drawing; the phone's has the same),
    the page logs no error, and clicking the change header sorts the table by the change."""
    opened = Opened(browser_context, written[0])
    try:
        page = opened.page
        assert opened.console == []
        areas = len(rounds.trends.wilayah)
        assert page.locator("#perubahan svg.chart-wide g.trend-mark").count() == areas
        assert page.locator("#perubahan svg.chart-narrow g.trend-mark").count() == areas
        assert page.locator("#perubahan svg.chart-wide title").first.text_content() == (
            "% ber-PHBS 2024 → 2025 per desa/kelurahan"
        )
        assert "Pita yang tidak menyentuh" in (
            page.locator("#perubahan svg.chart-wide desc").first.text_content() or ""
        )
        improved = page.locator(f'#perubahan svg.chart-wide g.trend-mark[data-kode="{IMPROVED}"]')
        assert improved.get_attribute("class") == "trend-mark naik"
        assert page.locator("#perubahan h2").text_content() == "Perubahan dari 2024 ke 2025"
        change_column = 4
        header = page.locator("#tabel-perubahan thead button.sort").nth(change_column)
        header.click()
        header.click()  # descending: the improved village first
        keys = [float(k) for k in opened.sort_keys("tabel-perubahan", change_column)]
        assert keys == sorted(keys, reverse=True)
        assert opened.column("tabel-perubahan", 0)[0] == IMPROVED
        assert opened.column("tabel-perubahan", 5)[0] == "naik"
        text = opened.text()
        assert "dapat muncul karena kebetulan" in text
        assert "Putaran 2024: survei-batulicin-2024.csv" in text
        assert "Perubahan per indikator (seluruh wilayah laporan)" in text
    finally:
        opened.close()


def test_the_section_prints_on_a4(
    browser_context: Any, rounds: TwoRounds, written: tuple[Path, Path], tmp_path: Path
) -> None:
    """Printed (A4, as Chromium prints it), the section starts a page with its chart whole,
    and the change table follows."""
    opened = Opened(browser_context, written[0])
    try:
        pdf = opened.page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        opened.close()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes
    assert all(abs(float(w) - 595.92) < 2 for w, h in boxes if float(w) < float(h))
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext not found: apt-get install -y poppler-utils", pytrace=False)
    path = tmp_path / "laporan.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        [pdftotext, "-raw", "-enc", "UTF-8", str(path), "-"],
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout  # fmt: skip
    (page,) = [p for p in text.split("\f") if "Perubahan dari 2024 ke 2025" in p]
    assert page.lstrip().startswith("Perubahan dari 2024 ke 2025")
    for area in rounds.trends.wilayah:  # the chart whole on the section's first page
        assert area.nama in page
    assert "· naik" in page


def test_the_workbook_sheet_holds_the_trends_numbers_and_a_chart(
    rounds: TwoRounds, written: tuple[Path, Path]
) -> None:
    """The *Perubahan* sheet: one row per village with the Trends values as numbers, the
    verdict in words; a bar chart reading the sheet's two % columns."""
    book = openpyxl.load_workbook(written[1])
    assert "Perubahan" in book.sheetnames
    sheet = book["Perubahan"]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["Kode", "Nama"]
    assert header[4] == "% ber-PHBS 2024"
    assert header[7] == "% ber-PHBS 2025"
    assert header[8:12] == [
        "Perubahan (poin)",
        "Perubahan: batas bawah",
        "Perubahan: batas atas",
        "Putusan",
    ]
    assert sheet.freeze_panes == "C2"
    for number, area in enumerate(rounds.trends.wilayah, start=2):
        row = [c.value for c in sheet[number]]
        before, after = area.persen_ber_phbs.nilai
        change = area.persen_ber_phbs.perubahan[0]
        assert row[0] == area.kode
        assert before.persen is not None
        assert after.persen is not None
        assert row[2:5] == [before.x, before.n, pytest.approx(before.persen / 100)]
        assert row[5:8] == [after.x, after.n, pytest.approx(after.persen / 100)]
        assert row[8:11] == [
            pytest.approx(change.perubahan),
            pytest.approx(change.bawah),
            pytest.approx(change.atas),
        ]
        expected = "naik" if area.kode == IMPROVED else "tidak berubah bermakna"
        assert row[11] == expected
        (paired,) = area.transisi
        assert row[12:15] == [
            paired.berpasangan,
            paired.menjadi_ber_phbs,
            paired.tidak_lagi_ber_phbs,
        ]
    assert sheet.cell(2, 11).number_format == "+0.0;-0.0;0.0"
    assert sheet.cell(2, 5).number_format == "0.0%"
    assert len(sheet._charts) == 1
    count = len(rounds.trends.wilayah)
    with zipfile.ZipFile(written[1]) as archive:
        charts = [archive.read(n).decode() for n in archive.namelist() if "charts/chart" in n]
    ours = [c for c in charts if "Perubahan!$E$2" in c]
    assert len(ours) == 1
    assert f"Perubahan!$E$2:$E${count + 1}" in ours[0]
    assert f"Perubahan!$H$2:$H${count + 1}" in ours[0]
    assert f"Perubahan!$B$2:$B${count + 1}" in ours[0]


def test_english_report(rounds: TwoRounds, tmp_path: Path) -> None:
    """With lang en the sheet, the section and the verdicts are in English."""
    html, xlsx = tmp_path / "report.html", tmp_path / "report.xlsx"
    options = ReportOptions(lang="en", villages=rounds.villages, trends=rounds.trends)
    write_report(rounds.result, rounds.report, options, html=html, xlsx=xlsx)
    book = openpyxl.load_workbook(xlsx)
    assert "Change" in book.sheetnames
    verdicts = [row[11] for row in book["Change"].iter_rows(min_row=2, values_only=True)]
    assert "up" in verdicts
    assert "no meaningful change" in verdicts
    page = html.read_text(encoding="utf-8")
    assert "Change from 2024 to 2025" in page
    assert "can arise by chance" in page


def test_a_village_in_one_round_only_is_stated_and_counted(rounds: TwoRounds) -> None:
    """A village the baseline lacks: no verdict for it, a statement naming it, and its
    issue among the report's data issues (counted in the issue line)."""
    earlier, _issues = read_round("2024", rounds.baseline_files, villages=rounds.villages)
    earlier = dataclasses.replace(
        earlier, villages={k: v for k, v in earlier.villages.items() if k != IMPROVED}
    )
    current = round_from_score("2025", rounds.report, [])
    trends = compare_rounds([earlier, current])
    plain = build_content(rounds.result, rounds.report, ReportOptions(villages=rounds.villages))
    content = build_content(
        rounds.result, rounds.report, ReportOptions(villages=rounds.villages, trends=trends)
    )
    assert content.trends is not None
    (row,) = [r for r in content.trends.rows if r.kode == IMPROVED]
    assert row.change.putusan is None
    assert content.trends.verdict_text(row.change) == "tidak ada di kedua putaran"
    name = rounds.report.wilayah[[a.kode for a in rounds.report.wilayah].index(IMPROVED)].nama
    assert any(
        "tidak ada di setiap putaran" in s and f"{name} (2025)" in s
        for s in content.trends.statements
    )
    assert "desa-tidak-ada-di-putaran" in {i.code for i in content.issues}
    assert len(content.issues) == len(plain.issues) + len(trends.masalah)
    assert content.issue_line() != plain.issue_line()


def test_many_villages_are_drawn_in_blocks(rounds: TwoRounds) -> None:
    """300 areas: blocks of at most ROWS_PER_BLOCK rows (each prints whole), every area
    drawn once, and the chart scrolls in its box on screen."""
    base = rounds.trends.wilayah[0]
    many = [base.model_copy(update={"kode": f"{i:04d}", "nama": f"Desa {i}"}) for i in range(300)]
    trends = rounds.trends.model_copy(update={"wilayah": many})
    content = build_content(
        rounds.result, rounds.report, ReportOptions(villages=rounds.villages, trends=trends)
    )
    assert content.trends is not None
    assert trends_section(content.trends, "95").scroll
    charts = trend_charts(content.trends)
    assert len(charts) == -(-300 // ROWS_PER_BLOCK)
    assert all(len(c.marks) <= ROWS_PER_BLOCK for c in charts)
    assert sorted(m.kode for c in charts for m in c.marks) == [f"{i:04d}" for i in range(300)]
    assert max(c.height for c in charts) < 1000
