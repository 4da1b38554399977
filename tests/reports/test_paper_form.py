"""The printable paper form, printed to PDF by a real browser (docs/formulir.md,
*Formulir di lapangan*).

Headless Chromium (Debian's ``/usr/bin/chromium``) through Playwright (``tests/browser.py``):
the test fails, never skips, when the browser is missing. One grid of ten households must fit
one A4 landscape page, and the operational definitions follow on their own page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import launch
from click.testing import CliRunner

from phbs.cli.root import cli
from phbs.forms.loading import load_form
from phbs.reports.fieldforms.paper_form import render_paper_form, write_paper_form

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module."""
    with launch() as context:
        yield context


def pdf_pages(browser: Any, path: Path) -> int:
    """Print ``path`` with the page size the CSS asks for (A4 landscape); count pages."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.resolve().as_uri())
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    page.close()
    assert pdf.startswith(b"%PDF")
    assert not errors
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize(("name", "sheets"), [("kemenkes-rt-10", 1), ("jateng-rt-16", 2)])
def test_each_sheet_fits_one_a4_page(browser: Any, tmp_path: Path, name: str, sheets: int) -> None:
    """Ten households per sheet on one page each, then one page of definitions."""
    path = write_paper_form(load_form(name).form, tmp_path / "form.html", sheets=sheets)
    assert pdf_pages(browser, path) == sheets + 1


def test_grid_and_definitions_content() -> None:
    """Indicators as columns (numbered), ten rows, definitions with question and '-' rule."""
    form = load_form("kemenkes-rt-10").form
    html = render_paper_form(form, kabupaten="63.10")
    assert html.count('<td class="no">') == 10
    for indicator in form.indicators:
        assert f"{indicator.number}. {indicator.name}" in html
    assert "Kabupaten Tanah Bumbu" in html
    assert "Definisi operasional" in html
    assert "Apakah rumah tangga menggunakan air bersih" in html
    assert "@page { size: A4 landscape" in html


def test_autoescape(tmp_path: Path) -> None:
    """A form's text is escaped: a custom form cannot inject markup into the page."""
    data = load_form("kemenkes-rt-10").form.model_dump()
    data["title"] = "<script>alert(1)</script>"
    form = type(load_form("kemenkes-rt-10").form).model_validate(data)
    html = render_paper_form(form)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_cli_print(tmp_path: Path) -> None:
    """`phbs forms print NAME -o form.html`; a wrong suffix is a usage error."""
    out = tmp_path / "form.html"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["forms", "print", "kemenkes-rt-10", "-o", str(out), "--sheets", "3"]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count('class="grid"') == 3
    bad = runner.invoke(cli, ["forms", "print", "kemenkes-rt-10", "-o", str(tmp_path / "f.pdf")])
    assert bad.exit_code == 2
