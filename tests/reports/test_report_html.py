"""The HTML report in a real browser: headless Chromium (Debian's package) through Playwright.

The browser tests never skip: CI installs chromium (`.ci/run`), and a machine without
``/usr/bin/chromium`` fails them with a message saying how to install it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
from browser import Opened, launch
from report_helpers import SCRIPT_NAME, UNKNOWN_CODE, Scored, sample, small

from phbs import write_report
from phbs.reports.content import ReportOptions, build_content
from phbs.reports.html.page import render_html

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser_context() -> Iterator[Any]:
    """One headless Chromium for the module, with a fresh profile."""
    with launch() as context:
        yield context


@pytest.fixture
def small_page(tmp_path: Path) -> tuple[Scored, Path]:
    scored = small(tmp_path)
    path = tmp_path / "laporan.html"
    write_report(
        scored.result, scored.report, ReportOptions(villages=scored.villages, target=50), html=path
    )
    return scored, path


def test_page_is_self_contained(small_page: tuple[Scored, Path]) -> None:
    """No CDN, web font, remote image or other file: CSS, JS and SVG are inline."""
    page = small_page[1].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=\s*["'](?!#|data:)""", page)
    assert "@import" not in page
    assert "url(" not in page
    assert "<svg" in page
    assert "Content-Security-Policy" in page


def test_input_text_is_escaped(small_page: tuple[Scored, Path]) -> None:
    """A village name from the file (its code is unknown) is shown as text, never run."""
    page = small_page[1].read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(" in page


def test_opens_cleanly_offline_and_keeps_hostile_text(
    browser_context: Any, small_page: tuple[Scored, Path]
) -> None:
    """No console error, no request but the file itself, no script from the data ran."""
    scored, path = small_page
    opened = Opened(browser_context, path)
    try:
        assert opened.console == []
        assert opened.requests == [opened.url]
        assert opened.dialogs == []
        codes = opened.column("tabel-wilayah", 0)
        names = opened.column("tabel-wilayah", 1)
        assert dict(zip(codes, names, strict=True))[UNKNOWN_CODE] == SCRIPT_NAME
        assert opened.page.title() == "Laporan PHBS rumah tangga per desa/kelurahan"
        assert opened.page.locator("html").get_attribute("lang") == "id"
        assert len(codes) == len(scored.report.wilayah)
    finally:
        opened.close()


def test_only_the_pages_own_script_runs(browser_context: Any, tmp_path: Path) -> None:
    """The Content-Security-Policy allows the page's script by its hash, not inline scripts
    at large: a script slipped into the page (had escaping ever failed) does not run, while
    the page's own does (its filter box counts the rows)."""
    data = sample()
    path = tmp_path / "contoh.html"
    write_report(data.result, data.report, html=path)
    page_text = path.read_text(encoding="utf-8")
    assert "'unsafe-inline'; img-src" not in page_text
    assert "script-src 'sha256-" in page_text
    injected = "<script>document.title = 'diserang';</script></body>"
    path.write_text(page_text.replace("</body>", injected), encoding="utf-8")
    opened = Opened(browser_context, path)
    try:
        assert opened.page.title() != "diserang"
        total = len(data.report.wilayah)
        counter = opened.page.locator("#tabel-wilayah-count")
        assert counter.text_content() == f"{total} dari {total} ditampilkan"
    finally:
        opened.close()


def test_clicking_a_header_sorts_the_rows(browser_context: Any, tmp_path: Path) -> None:
    """Sorting any column reorders rows: % ber-PHBS up, then down; names A to Z."""
    data = sample()
    path = tmp_path / "contoh.html"
    write_report(data.result, data.report, ReportOptions(villages=data.villages), html=path)
    opened = Opened(browser_context, path)
    try:
        page = opened.page
        percents = [a.persen_ber_phbs for a in data.report.wilayah]
        pct_column = 6
        page.locator("#tabel-wilayah thead button.sort").nth(pct_column).click()
        keys = [float(k) for k in opened.sort_keys("tabel-wilayah", pct_column)]
        assert keys == sorted(p for p in percents if p is not None)
        header = page.locator("#tabel-wilayah thead th").nth(pct_column)
        assert header.get_attribute("aria-sort") == "ascending"
        page.locator("#tabel-wilayah thead button.sort").nth(pct_column).click()
        keys = [float(k) for k in opened.sort_keys("tabel-wilayah", pct_column)]
        assert keys == sorted((p for p in percents if p is not None), reverse=True)
        assert header.get_attribute("aria-sort") == "descending"
        page.locator("#tabel-wilayah thead button.sort").nth(1).click()
        names = opened.column("tabel-wilayah", 1)
        assert names == sorted(names, key=str.casefold)
        assert names[0] == "Batulicin"
        # The heatmap sorts too: coverage of indicator 6 (jamban sehat), ascending.
        page.locator("#tabel-cakupan thead button.sort").nth(7).click()
        coverage = [float(k) for k in opened.sort_keys("tabel-cakupan", 7) if k]
        assert coverage == sorted(coverage)
        assert opened.console == []
    finally:
        opened.close()


def test_filter_box_filters_rows(browser_context: Any, tmp_path: Path) -> None:
    """Typing in the filter box keeps the matching villages (by name or code)."""
    data = sample()
    path = tmp_path / "contoh.html"
    write_report(data.result, data.report, html=path)
    opened = Opened(browser_context, path)
    try:
        page = opened.page
        total = len(data.report.wilayah)
        counter = page.locator("#tabel-wilayah-count")
        assert counter.text_content() == f"{total} dari {total} ditampilkan"
        page.fill("#tabel-wilayah-filter", "maju makmur")
        assert opened.column("tabel-wilayah", 1) == ["Maju Makmur", "Maju Makmur"]
        assert counter.text_content() == f"2 dari {total} ditampilkan"
        page.fill("#tabel-wilayah-filter", "63.10.02")
        shown = opened.column("tabel-wilayah", 0)
        assert shown
        assert all(code.startswith("63.10.02") for code in shown)
        page.fill("#tabel-wilayah-filter", "")
        assert len(opened.column("tabel-wilayah", 0)) == total
    finally:
        opened.close()


def test_page_prints_to_pdf(browser_context: Any, tmp_path: Path) -> None:
    """The print stylesheet gives A4 pages; the ranking ends with the judges' signatures."""
    data = sample(ranked=True)
    path = tmp_path / "peringkat.html"
    write_report(data.result, data.report, ReportOptions(ranking=data.ranking), html=path)
    opened = Opened(browser_context, path)
    try:
        pdf = opened.page.pdf(prefer_css_page_size=True, print_background=True)
        assert pdf.startswith(b"%PDF")
        boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
        assert len(boxes) >= 4
        for width, height in boxes:
            # A4 is 595 x 842 points; the wide tables get landscape pages.
            size = sorted((round(float(width)), round(float(height))))
            assert size == [595, 842], (width, height)
        assert any(float(w) > float(h) for w, h in boxes), "landscape pages for wide tables"
        assert opened.console == []
    finally:
        opened.close()


def test_ranking_section_bands_carry_text(browser_context: Any, tmp_path: Path) -> None:
    """Band colours also say the band's name; the berita acara names every judge."""
    data = sample(ranked=True)
    assert data.ranking is not None
    path = tmp_path / "peringkat.html"
    write_report(data.result, data.report, ReportOptions(ranking=data.ranking), html=path)
    opened = Opened(browser_context, path)
    try:
        page = opened.page
        ranks = opened.column("tabel-peringkat", 0)
        bands = opened.column("tabel-peringkat", 4)
        expected = data.ranking.desa
        assert ranks == ["–" if v.peringkat is None else str(v.peringkat) for v in expected]
        assert bands == [v.predikat for v in expected]
        colour = page.evaluate(
            "() => getComputedStyle(document.querySelector("
            "'#tabel-peringkat tbody td:nth-child(5)')).backgroundColor"
        )
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
        signatures = page.locator(".berita-acara .signature").all_text_contents()
        judges = {n for v in expected for c in v.kriteria.values() for n in c.juri}
        assert judges
        for judge in judges:
            assert any(judge in s for s in signatures)
        assert opened.console == []
        assert opened.requests == [opened.url]
    finally:
        opened.close()


def test_english_page(browser_context: Any, tmp_path: Path) -> None:
    """lang='en': the page says so and its labels are English."""
    scored = small(tmp_path)
    path = tmp_path / "en.html"
    write_report(
        scored.result, scored.report, ReportOptions(lang="en", title="Tanah Bumbu 2025"), html=path
    )
    opened = Opened(browser_context, path)
    try:
        page = opened.page
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.title() == "Tanah Bumbu 2025"
        assert page.locator("#ringkasan h2").text_content() == "Headline figures"
        assert "Households surveyed" in (page.locator("#ringkasan").text_content() or "")
    finally:
        opened.close()


def test_user_templates_are_searched_first(tmp_path: Path) -> None:
    """A health office's own CSS replaces the bundled one; a misspelt variable fails."""
    scored = small(tmp_path)
    content = build_content(scored.result, scored.report)
    own = tmp_path / "templat"
    (own / "static").mkdir(parents=True)
    (own / "static" / "laporan.css").write_text("body { color: #123456; }", encoding="utf-8")
    page = render_html(content, template_dir=own)
    assert "#123456" in page
    assert "font-variant-numeric" not in page
    (own / "laporan.html.j2").write_text("{{ titel }}", encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError):
        render_html(content, template_dir=own)
    shutil.rmtree(own)
