"""The demo's report page read on a phone (390 px), on a 1280-px screen and printed on A4.

The page is the one ``phbs demo`` writes: ranking with corrections and an exclusion, rank
bootstrap and weight sensitivity. It is opened in Debian's headless Chromium; the printed
PDF is read back with ``pdftotext -raw`` (poppler-utils, installed by ``.ci/run``), whose
text follows the order Chromium drew it in, so a table cell's wrapped lines stay together.
A column cut off at the page's edge is not drawn, so its text is missing from the PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import Opened, launch

from phbs.demo.sample import DemoRun, run_demo

pytestmark = pytest.mark.slow

#: Smallest size, in CSS pixels as drawn on the screen, of any text in a chart.
LEGIBLE_PX = 10.0

# Each table of the page: its id or class, the header of its last column (the print-only
# copy of a sortable header's label), the text of every body cell of that column, and the
# long notes drawn in a row of their own under their row.
TABLES_JS = """() => Array.from(document.querySelectorAll('table')).map(table => {
  const rows = Array.from(table.tBodies[0].rows);
  const data = rows.filter(r => !r.classList.contains('row-note'));
  const head = table.tHead ? table.tHead.rows[0].cells : null;
  const last = head ? head[head.length - 1] : null;
  return {
    name: table.id || table.className,
    header: last ? (last.querySelector('.print-label') || last).textContent : '',
    cells: data.map(r => r.cells[r.cells.length - 1].textContent),
    notes: rows.filter(r => r.classList.contains('row-note')).map(r => r.textContent),
  };
})"""

# Every chart drawing shown, with the smallest of its texts as drawn on the screen (the
# SVG is scaled from its viewBox to its width).
CHARTS_JS = """() => Array.from(document.querySelectorAll('figure.chart svg'))
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .map(svg => {
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const sizes = Array.from(svg.querySelectorAll('text'))
      .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    return {cls: svg.getAttribute('class'), right: box.right, smallest: Math.min(...sizes)};
  })"""


@pytest.fixture(scope="module")
def browser_context() -> Iterator[Any]:
    with launch() as context:
        yield context


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[DemoRun, Path]:
    folder = tmp_path_factory.mktemp("demo")
    return run_demo(folder), folder / "laporan.html"


def open_at(context: Any, path: Path, width: int) -> Opened:
    opened = Opened(context, path)
    opened.page.set_viewport_size({"width": width, "height": 900})
    return opened


def squeeze(text: str) -> str:
    """Text without any white space: a cell's lines wrap differently on paper."""
    return re.sub(r"\s+", "", text)


def test_the_demo_page_has_every_wide_part(
    browser_context: Any, demo: tuple[DemoRun, Path]
) -> None:
    """The page under test has the ranking with bootstrap and weight columns, corrections,
    the per-dusun coverage and the funnel plot (so the width tests below cover them)."""
    run, path = demo
    opened = Opened(browser_context, path)
    try:
        headers = opened.page.locator("#tabel-peringkat thead th").all_text_contents()
        for label in ("Pkt 90%", "P(1)", "Tetap"):
            assert any(label in h for h in headers), label
        for selector in ("#tabel-cakupan-dusun", "table.overrides", "#funnel svg"):
            assert opened.page.locator(selector).count() > 0, selector
        assert run.ranking.koreksi
    finally:
        opened.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_page_never_scrolls_sideways(
    browser_context: Any, demo: tuple[DemoRun, Path], width: int
) -> None:
    """scrollWidth <= innerWidth; every table is in a box of its own that may scroll (or fits);
    every chart fits the width and its text is drawn at >= 10 px (the narrow drawing on a phone,
    the wide one on a screen)."""
    opened = open_at(browser_context, demo[1], width)
    try:
        page = opened.page
        scroll, inner = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert inner == width
        assert scroll <= inner
        # A table sits in a box of its own that scrolls, or (the berita acara's list of
        # input files, whose text wraps anywhere) fits the width of what holds it.
        boxed = page.evaluate(
            """() => Array.from(document.querySelectorAll('table')).map(t => [
                t.className, t.parentElement.classList.contains('table-wrap')
                || t.getBoundingClientRect().width <= t.parentElement.clientWidth])"""
        )
        assert len(boxed) >= 10
        assert [name for name, ok in boxed if not ok] == []
        charts = page.evaluate(CHARTS_JS)
        drawn = {c["cls"].split()[-1] for c in charts}
        assert drawn == {"chart-narrow" if width < 900 else "chart-wide"}
        # the bar chart, the funnel plot and the change since 2024 (docs/aturan.md §5.8)
        assert len(charts) == 3
        for chart in charts:
            assert chart["right"] <= width
            assert chart["smallest"] >= LEGIBLE_PX, chart
        assert opened.console == []
    finally:
        opened.close()


def test_a_table_wider_than_a_phone_scrolls_in_its_box_and_says_so(
    browser_context: Any, demo: tuple[DemoRun, Path]
) -> None:
    """At 390 px the ranking scrolls inside its box; the box is marked (its right edge fades)
    while there is more to the right, and its left edge once scrolled to the end."""
    opened = open_at(browser_context, demo[1], 390)
    try:
        box = opened.page.locator(".table-wrap:has(#tabel-peringkat)")
        assert box.evaluate("b => b.scrollWidth > b.clientWidth")
        assert box.evaluate("b => [...b.classList]") == ["table-wrap", "more-right"]
        mask = box.evaluate("b => getComputedStyle(b).maskImage")
        assert "gradient" in mask
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        opened.page.wait_for_function(
            "() => document.querySelector('.table-wrap:has(#tabel-peringkat)')"
            ".classList.contains('more-left')"
        )
        assert box.evaluate("b => [...b.classList]") == ["table-wrap", "more-left"]
    finally:
        opened.close()


def test_ranking_notes_are_in_view_at_1280(
    browser_context: Any, demo: tuple[DemoRun, Path]
) -> None:
    """At 1280 px the ranking fits its box (nothing off to the right) and each correction's
    reason (from the overrides file) is in a note row right under its village, in view;
    sorting the table keeps each note under its village."""
    run, path = demo
    opened = open_at(browser_context, path, 1280)
    try:
        page = opened.page
        box = page.locator(".table-wrap:has(#tabel-peringkat)")
        assert box.evaluate("b => b.scrollWidth <= b.clientWidth")
        notes_under = """() => Array.from(document.querySelectorAll('#tabel-peringkat tr.row-note'))
            .map(n => [n.previousElementSibling.cells[1].textContent, n.textContent,
                       n.querySelector('.row-note-text').getBoundingClientRect().right])"""
        for sort_by in (None, 2):
            if sort_by is not None:
                page.locator("#tabel-peringkat thead button.sort").nth(sort_by).click()
                names = opened.column("tabel-peringkat", 2)
                assert names == sorted(names, key=str.casefold)
            found = {code: (text, right) for code, text, right in page.evaluate(notes_under)}
            for override in run.ranking.koreksi:
                text, right = found[override.kode_desa]
                assert squeeze(override.alasan) in squeeze(text)
                assert right <= 1280
        assert opened.console == []
    finally:
        opened.close()


def test_every_table_prints_whole_on_a4(
    browser_context: Any, demo: tuple[DemoRun, Path], tmp_path: Path
) -> None:
    """Chromium's print to PDF: A4 pages; the header and every cell of the last column of
    each table, and each long note, are in the PDF's text (a clipped column loses them);
    the controls (sort hint, filter box, navigation) are not printed."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext not found: apt-get install -y poppler-utils", pytrace=False)
    opened = Opened(browser_context, demo[1])
    try:
        page = opened.page
        tables = page.evaluate(TABLES_JS)
        hint = page.locator(".hint").first.text_content() or ""
        filter_count = page.locator(".filter-count").first.text_content() or ""
        pdf = tmp_path / "laporan.pdf"
        pdf.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))
    finally:
        opened.close()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert boxes
    for size in boxes:
        assert sorted(round(float(side)) for side in size) == [595, 842], size
    text = subprocess.run(
        [pdftotext, "-raw", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    printed = squeeze(text)
    assert len(tables) >= 10
    for table in tables:
        expected = [table["header"], *table["cells"], *table["notes"]]
        assert table["cells"], table["name"]
        for item in expected:
            assert squeeze(item) in printed, (table["name"], item)
    notes = next(t["notes"] for t in tables if t["name"] == "tabel-peringkat")
    assert notes
    assert hint.strip()
    assert squeeze(hint) not in printed
    assert squeeze(filter_count) not in printed
