"""Cancelling from the page in a real browser (Debian's Chromium through Playwright) once
the village table is shown: the button says at once that it was pressed, and the page then
keeps the table and the downloads written, with a line naming those not written.

The job is held between two files by a gate on the server's jobs, so the page is looked at
while the job waits; the expected texts come from phbs's catalogue (:func:`phbs.i18n.t`)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from test_web_jobs import submit
from web_helpers import SURVEYS, base, holding

from phbs.i18n import t
from phbs.web.server import WebServer

pytestmark = pytest.mark.slow


def test_cancel_after_the_table_keeps_it_and_the_files_written(
    page: Any, web: WebServer, tmp_path: Path
) -> None:
    with holding(web) as gate:
        job = submit(web, {}, {"survey": SURVEYS[0]})
        assert gate.grown.get(timeout=120) == 0  # the tables are ready
        assert gate.step() == 1  # ringkasan.csv is written, the job waits
        page.goto(base(web) + job + "?lang=id")
        page.wait_for_selector("#menulis")
        page.click("#batal")
        button = page.locator("#batal")
        assert button.inner_text() == t("web.cancelling", "id")
        assert button.is_disabled()
        held = web.jobs.get(job.rsplit("/", 1)[1])
        assert held is not None
        deadline = time.monotonic() + 10
        while not held.cancel.is_set():
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert gate.step() == 1  # cancelled before the next file: one download kept
        gate.go.release()
        page.wait_for_selector("#tidak-ditulis", timeout=30_000)
    assert page.locator("#tabel-wilayah tbody tr").count() > 0
    links = page.locator("#unduh li code").all_inner_texts()
    assert links == ["ringkasan.csv"]
    line = page.locator("#tidak-ditulis").inner_text()
    assert line.startswith("Dibatalkan. Unduhan ini tidak ditulis: ")
    assert f"{t('job.download.laporan.xlsx', 'id')} (laporan.xlsx)" in line
    assert "ringkasan.csv" not in line
    assert page.locator("#batal").count() == 0
    page.screenshot(path=str(tmp_path / "dibatalkan.png"), full_page=True)
