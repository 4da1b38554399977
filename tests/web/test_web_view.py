"""A report opened in the browser's tab from the page of ``phbs web``: served inline with a
policy of its own that runs its inline style and script in a sandbox (an origin of its own,
nothing loaded from anywhere), the only policy on that answer; only a job's HTML downloads
are opened so; in Debian's Chromium the opened report draws, sorts and logs nothing."""

from __future__ import annotations

import http.client
from typing import Any

import pytest
from test_web_jobs import finished, submit
from web_helpers import SURVEYS, base, port, request

from phbs.web.guard import VIEW_CSP
from phbs.web.server import WebServer

pytestmark = pytest.mark.slow


def _headers(web: WebServer, path: str) -> tuple[int, list[tuple[str, str]]]:
    connection = http.client.HTTPConnection("127.0.0.1", port(web), timeout=30)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        answer.read()
        return answer.status, answer.getheaders()
    finally:
        connection.close()


def test_an_html_download_opens_in_a_sandbox_with_its_own_policy_alone(web: WebServer) -> None:
    job = submit(web, {}, {"survey": SURVEYS[0]})
    assert finished(web, job)["state"] == "done"
    code, headers = _headers(web, f"{job}/view/laporan.html")
    assert code == 200
    policies = [v for k, v in headers if k.lower() == "content-security-policy"]
    assert policies == [VIEW_CSP]
    assert VIEW_CSP.startswith("sandbox allow-scripts")
    assert "allow-same-origin" not in VIEW_CSP
    found = {k.lower(): v for k, v in headers}
    assert found["content-disposition"].startswith("inline")
    assert found["x-content-type-options"] == "nosniff"
    # Only a job's HTML downloads open so; the others stay downloads.
    for name in ("ringkasan.csv", "laporan.xlsx", "../laporan.html", "tidak-ada.html"):
        assert request(web, "GET", f"{job}/view/{name}").status == 404
    assert request(web, "GET", f"{job}/files/laporan.html").status == 200


def test_the_report_opened_from_the_page_draws_and_sorts(context: Any, web: WebServer) -> None:
    messages: list[str] = []
    context.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    page = context.new_page()
    try:
        page.goto(base(web) + "/")
        page.set_input_files("#berkas-survey", [str(p) for p in SURVEYS])
        page.click("#olah")
        page.wait_for_selector("#unduh a.buka[href$='/view/laporan.html']", timeout=180_000)
        with context.expect_page() as opened:
            page.click("#unduh a.buka[href$='/view/laporan.html']")
        report = opened.value
        report.wait_for_load_state("load")
        assert report.title().startswith("Laporan PHBS")
        first = report.locator("table.sortable").first
        header = first.locator("thead th").nth(1)
        before = first.locator("tbody tr td").nth(1).inner_text()
        header.click()
        header.click()  # descending: the first row changes
        assert first.locator("tbody tr td").nth(1).inner_text() != before
        report.close()
    finally:
        page.close()
    assert messages == []
