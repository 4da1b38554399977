"""Headless Chromium for the tests that open a page in a real browser.

Debian's ``/usr/bin/chromium`` (or ``$PHBS_CHROMIUM``) driven by Playwright, never a
downloaded browser build. The tests fail, never skip, when the browser is missing: CI
installs it (``.ci/run``). Used by ``test_report_html.py``, ``test_paper_form.py`` and
``test_hardening_html.py``: ``from browser import Opened, launch``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("PHBS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextlib.contextmanager
def launch() -> Iterator[Any]:
    """One headless Chromium with a fresh profile, as a Playwright browser context."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} not found: the browser tests need Debian's chromium "
            "(apt-get install -y chromium); .ci/run installs it",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a test dependency
        pytest.fail("playwright is not installed: pip install '.[test]'", pytrace=False)
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


class Opened:
    """A page opened from a file, with every console message, request and dialog recorded.

    Requests other than the file itself are aborted, so a page that tries to reach the
    network shows it in :attr:`requests`; a dialog (``alert``) is dismissed and recorded.
    """

    def __init__(self, context: Any, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.console: list[tuple[str, str]] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = context.new_page()
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.goto(self.url)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if url == self.url:
            route.continue_()
        else:
            route.abort()

    def column(self, table: str, index: int) -> list[str]:
        """The visible text of one column, top to bottom (without the small notes, and
        without the rows that hold a row's long note, ``tr.row-note``)."""
        script = """([table, index]) => Array.from(
            document.querySelectorAll('#' + table + ' tbody tr:not(.row-note)'))
            .filter(r => !r.hidden)
            .map(r => r.cells[index].firstChild ? r.cells[index].firstChild.textContent : '')"""
        values: list[str] = self.page.evaluate(script, [table, index])
        return values

    def sort_keys(self, table: str, index: int) -> list[str]:
        """The ``data-sort`` key of each row's cell in one column."""
        script = """([table, index]) => Array.from(
            document.querySelectorAll('#' + table + ' tbody tr:not(.row-note)'))
            .map(r => r.cells[index].getAttribute('data-sort'))"""
        values: list[str] = self.page.evaluate(script, [table, index])
        return values

    def text(self) -> str:
        """The page's visible text."""
        value: str = self.page.evaluate("() => document.body.innerText")
        return value

    def close(self) -> None:
        self.page.close()
