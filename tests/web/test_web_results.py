"""The results of a job on the page, in a real browser (Debian's Chromium through
Playwright): the village, ranking and issues tables sort by a click on a column header (the
report's own script, ``reports/static/laporan.js``), numbers as numbers, blanks last, the
total row left at the bottom; and a job run in Indonesian shows its results in English once
the page is switched, its downloads with a note that they are in Indonesian.

Expected orders are worked out here from the cells' own text (parsed as Indonesian or
English numbers by hand); expected English texts come from phbs's catalogue
(:func:`phbs.i18n.t`, the issue catalogue), never from the page's code."""

from __future__ import annotations

from typing import Any

import pytest
from web_helpers import ATTRIBUTES, JUDGES, SURVEYS, VILLAGES, base

from phbs.i18n import fmt_int, t
from phbs.issues import CATALOGUE
from phbs.web.server import WebServer

pytestmark = pytest.mark.slow

RUBRIC = "lomba-desa-ber-phbs"


def number(text: str, lang: str) -> float | None:
    """A cell's first number as a float, by hand: ``1.234,5`` (id) or ``1,234.5`` (en)."""
    word = text.strip().split(" ")[0].split("–")[0]
    if not word or not any(c.isdigit() for c in word):
        return None
    thousands, decimal = (".", ",") if lang == "id" else (",", ".")
    return float(word.replace(thousands, "").replace(decimal, "."))


@pytest.fixture(scope="module")
def job(context: Any, web: WebServer) -> str:
    """One job with the sample survey, its villages and a ranking, run in Indonesian; its
    page's address."""
    page = context.new_page()
    page.goto(base(web) + "/?lang=id")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    page.set_input_files("#berkas-survey", [str(p) for p in SURVEYS])
    page.set_input_files("#berkas-villages", str(VILLAGES))
    page.set_input_files("#berkas-judges", str(JUDGES))
    page.set_input_files("#berkas-attributes", str(ATTRIBUTES))
    page.select_option("#pilih-rubric", RUBRIC)
    page.click("#olah")
    page.wait_for_selector("#tabel-wilayah", timeout=180_000)
    page.wait_for_selector("#menulis", state="detached", timeout=180_000)
    address: str = page.url.split("?")[0]
    page.close()
    return address


def column(page: Any, table: str, index: int) -> list[str]:
    script = """([table, index]) => Array.from(
        document.querySelectorAll('#' + table + ' tbody tr')).map(r => r.cells[index].innerText)"""
    found: list[str] = page.evaluate(script, [table, index])
    return found


def header(page: Any, table: str, label: str) -> tuple[Any, int]:
    """The header button of ``table`` whose text is ``label``, and its column."""
    labels: list[str] = page.evaluate(
        "(table) => Array.from(document.querySelectorAll('#' + table + ' thead th'))"
        ".map(th => th.textContent.trim())",
        table,
    )
    index = labels.index(label)
    return page.locator(f"#{table} thead th").nth(index), index


def by_number(cells: list[str], lang: str, descending: bool = False) -> list[str]:
    """``cells`` in the order of their numbers, blanks last whichever way (stable)."""
    filled = [c for c in cells if number(c, lang) is not None]
    blank = [c for c in cells if number(c, lang) is None]
    ordered = sorted(filled, key=lambda c: number(c, lang) or 0.0, reverse=descending)
    return ordered + blank


def test_the_village_table_sorts_by_a_column_header(page: Any, job: str) -> None:
    page.goto(job + "?lang=id")
    surveyed = t("disurvei", "id")
    th, index = header(page, "tabel-wilayah", surveyed)
    before = column(page, "tabel-wilayah", index)
    assert len(before) > 3
    total = page.inner_text("#tabel-wilayah tfoot tr")
    th.locator("button").click()
    assert th.get_attribute("aria-sort") == "ascending"
    ascending = column(page, "tabel-wilayah", index)
    assert ascending == by_number(before, "id")
    assert ascending != before  # the sample's villages are not listed by size
    th.locator("button").click()
    assert th.get_attribute("aria-sort") == "descending"
    assert column(page, "tabel-wilayah", index) == by_number(before, "id", descending=True)
    # The total row stays under the rows, whatever the order.
    assert page.inner_text("#tabel-wilayah tfoot tr") == total
    assert total.startswith(t("total", "id"))
    # A header is a button: the keyboard sorts too, and only one header shows an order.
    name_th, name_index = header(page, "tabel-wilayah", t("nama", "id"))
    name_th.locator("button").focus()
    page.keyboard.press("Enter")
    assert name_th.get_attribute("aria-sort") == "ascending"
    assert th.get_attribute("aria-sort") == "none"
    names = column(page, "tabel-wilayah", name_index)
    assert names == sorted(names, key=str.casefold)


def test_the_ranking_sorts_with_the_unranked_last(page: Any, job: str) -> None:
    page.goto(job + "?lang=id")
    th, index = header(page, "tabel-peringkat", t("rank.col.rank", "id"))
    before = column(page, "tabel-peringkat", index)
    th.locator("button").click()
    th.locator("button").click()  # descending: the last ranked first, the unranked still last
    assert th.get_attribute("aria-sort") == "descending"
    after = column(page, "tabel-peringkat", index)
    assert after == by_number(before, "id", descending=True)
    assert [int(c) for c in after if c] == sorted((int(c) for c in before if c), reverse=True)


def test_the_issues_table_sorts_by_count(page: Any, job: str) -> None:
    page.goto(job + "?lang=id")
    th, index = header(page, "tabel-masalah", t("web.issues.col.count", "id"))
    before = column(page, "tabel-masalah", index)
    assert len(before) > 3
    th.locator("button").click()
    assert column(page, "tabel-masalah", index) == by_number(before, "id")


def test_switching_to_english_shows_the_results_in_english(page: Any, job: str) -> None:
    page.goto(job + "?lang=id")
    assert page.inner_text("#rekonsiliasi").startswith("3.019 baris dibaca")
    page.click("a.lang")
    assert page.locator("html").get_attribute("lang") == "en"
    # The reconciliation and the issue counts, as the catalogue writes them in English.
    counts = {"read": fmt_int(3019, "en"), "scored": fmt_int(3011, "en"), "aside": "8"}
    assert page.inner_text("#rekonsiliasi") == t("reconciliation", "en", **counts)
    assert page.inner_text("#jumlah-masalah").startswith("Data issues: ")
    # The tables' headers.
    headers = page.locator("#tabel-wilayah thead th").all_inner_texts()
    for key in ("kode", "nama", "disurvei", "ber_phbs", "tidak_ber_phbs"):
        assert any(h.strip().startswith(t(key, "en")) for h in headers), key
    ranking = page.locator("#tabel-peringkat thead th").all_inner_texts()
    assert any(h.strip().startswith(t("rank.col.rank", "en")) for h in ranking)
    # The issues: severity words and titles from the English catalogue.
    rows = page.locator("#tabel-masalah tbody tr")
    assert rows.count() > 3
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        code = cells.nth(2).inner_text().strip()
        kind = CATALOGUE[code]
        assert cells.nth(1).inner_text().strip() == t(f"report.severity.{kind.severity}", "en")
        assert cells.nth(3).inner_text().strip() == kind.title_en
    # The reading decisions and the footnote.
    decisions = page.inner_text("#keputusan")
    assert "Cara baca" not in decisions
    assert f"* {t('sampel_kurang', 'en')}" in page.inner_text("body")
    # The downloads: English labels, and a note that the files are in Indonesian.
    assert page.inner_text("#bahasa-unduhan") == t("web.files_lang.id", "en")
    labels = page.locator("#unduh a").all_inner_texts()
    assert t("job.download.laporan.xlsx", "en") in labels
    body = page.inner_text("body")
    for indonesian in ("baris dibaca", "Masalah data", "galat", "Disurvei", "Peringkat"):
        assert indonesian not in body, indonesian
    # And back: Indonesian again, with no note (the files are in the page's language).
    page.click("a.lang")
    assert page.inner_text("#rekonsiliasi").startswith("3.019 baris dibaca")
    assert page.locator("#bahasa-unduhan").count() == 0
