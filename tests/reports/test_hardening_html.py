"""Hostile text in every HTML page, opened in a real browser (docs/aturan.md §10.6, SECURITY.md).

A village name and a form label carrying markup must be shown literally: no dialog opens,
no request leaves the page, and the text is on the page as typed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import Opened, launch
from click.testing import CliRunner
from conftest import HEADER, household, write_csv

from phbs.cli.root import cli
from phbs.forms.loading import load_form
from phbs.reports.fieldforms.paper_form import write_paper_form

pytestmark = pytest.mark.slow

HOSTILE = [
    "<script>alert('desa')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(2)>",
]


@pytest.fixture(scope="module")
def browser_context() -> Iterator[Any]:
    with launch() as context:
        yield context


def assert_inert(context: Any, path: Path, expected: list[str]) -> None:
    opened = Opened(context, path)
    try:
        assert opened.dialogs == []
        assert opened.requests == [opened.url]
        shown = opened.text()
        for text in expected:
            assert text in shown, text
        assert opened.page.locator("img[src=x]").count() == 0
    finally:
        opened.close()


def test_report_page_shows_hostile_village_names_literally(
    browser_context: Any, tmp_path: Path
) -> None:
    header = ["id_rumah_tangga", "kode_desa", "nama_desa", *HEADER[2:]]
    rows = [header]
    for index, name in enumerate(HOSTILE, start=1):
        cells = household(str(index), f"63.10.01.29{80 + index}")
        rows.append([cells[0], cells[1], name, *cells[2:]])
    survey = write_csv(tmp_path / "survei.csv", rows)
    page = tmp_path / "laporan.html"
    result = CliRunner().invoke(cli, ["report", str(survey), "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert_inert(browser_context, page, HOSTILE)


def test_paper_form_shows_hostile_labels_literally(browser_context: Any, tmp_path: Path) -> None:
    text = load_form("kemenkes-rt-10").path.read_text(encoding="utf-8")
    text = text.replace("name: Persalinan ditolong oleh tenaga kesehatan", f'name: "{HOSTILE[0]}"')
    text = text.replace("name: Memberi bayi ASI eksklusif", f"name: '{HOSTILE[1]}'")
    path = tmp_path / "form.yaml"
    path.write_text(text.replace("id: kemenkes-rt-10", "id: uji-html"), encoding="utf-8")
    page = write_paper_form(load_form(path).form, tmp_path / "formulir.html")
    assert_inert(browser_context, page, HOSTILE[:2])
