"""The forms to collect a survey with, downloaded from the page of ``phbs web`` in Debian's
Chromium: the Excel entry template, the XLSForm and the paper form are those ``phbs forms
template``, ``xlsform`` and ``print`` write for the same form and kabupaten (read back with
openpyxl, an independent reader; the paper form word for word), nothing is left in the
server's folder, and a kabupaten code the command refuses shows the command's one line."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from web_helpers import base

from phbs.cli.root import cli
from phbs.web.server import WebServer

pytestmark = pytest.mark.slow

FORM = "kemenkes-rt-10"


def _cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def _download(page: Any, button: str, folder: Path) -> Path:
    with page.expect_download() as started:
        page.click(button)
    path = folder / str(started.value.suggested_filename)
    started.value.save_as(path)
    return path


def _left(web: WebServer) -> list[str]:
    """The field-form folders still in the server's folder, once the last answer is sent."""
    for _ in range(50):
        left = sorted(p.name for p in web.root.glob("formulir-*"))
        if not left:
            break
        time.sleep(0.1)
    return left


@pytest.mark.parametrize(
    ("button", "command", "suffix"),
    [
        ("#unduh-templat", "template", ".xlsx"),
        ("#unduh-xlsform", "xlsform", ".xlsx"),
        ("#unduh-kertas", "print", ".html"),
    ],
)
def test_each_form_is_the_one_phbs_forms_writes(
    context: Any, web: WebServer, tmp_path: Path, button: str, command: str, suffix: str
) -> None:
    expected = tmp_path / f"cli{suffix}"
    done = CliRunner().invoke(
        cli, ["forms", command, FORM, "-o", str(expected), "--kabupaten", "63.10"]
    )
    assert done.exit_code == 0, done.output
    page = context.new_page()
    try:
        page.goto(base(web) + "/")
        page.select_option("#pilih-formulir-lapangan", FORM)
        page.fill("#isian-kabupaten-formulir", "63.10")
        got = _download(page, button, tmp_path)
    finally:
        page.close()
    assert got.name.startswith(FORM)
    assert got.suffix == suffix
    if suffix == ".xlsx":
        assert _cells(got) == _cells(expected)
    else:
        assert got.read_text(encoding="utf-8") == expected.read_text(encoding="utf-8")
    assert _left(web) == []


def test_a_kabupaten_the_command_refuses_shows_its_line(context: Any, web: WebServer) -> None:
    done = CliRunner().invoke(cli, ["forms", "template", FORM, "-o", "x.xlsx", "--kabupaten", "99"])
    assert done.exit_code == 2
    page = context.new_page()
    try:
        page.goto(base(web) + "/")
        page.fill("#isian-kabupaten-formulir", "99")
        page.click("#unduh-templat")
        page.wait_for_selector("#galat")
        assert page.inner_text("#galat") == done.stderr.strip()
    finally:
        page.close()
    assert _left(web) == []


def test_an_unknown_kind_or_form_is_never_read_as_a_path(web: WebServer) -> None:
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(base(web) + "/forms/..%2F..%2Fetc%2Fpasswd")
    assert refused.value.code == 404
    with pytest.raises(urllib.error.HTTPError) as unknown:
        urllib.request.urlopen(base(web) + "/forms/kertas?form=/etc/passwd")
    assert unknown.value.code == 400
    said = unknown.value.read().decode("utf-8")
    assert "formulir &#39;/etc/passwd&#39; tidak ada" in said
    assert FORM in said
