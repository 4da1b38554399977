"""Progress of long work on stderr: only for a person watching a terminal.

Silent when stderr is not a terminal (a pipe, a log file, a test runner) or with ``--quiet``,
so scripts and logs never collect carriage returns.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from phbs.reports.i18n import Lang


class RowsProgress:
    """Rows read and the rate, rewritten in place on one stderr line."""

    def __init__(self, stream: TextIO, lang: Lang) -> None:
        self.stream = stream
        self.lang = lang
        self.start = time.perf_counter()
        self.shown = False

    def __call__(self, rows: int) -> None:
        elapsed = time.perf_counter() - self.start
        rate = rows / elapsed if elapsed > 0 else 0.0
        if self.lang == "en":
            line = f"{rows:,} rows read ({rate:,.0f} rows/s)"
        else:
            line = f"{rows:,} baris dibaca ({rate:,.0f} baris/detik)".replace(",", ".")
        self.stream.write(f"\r{line}")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        """End the progress line, so what follows starts on a line of its own."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def _stderr() -> TextIO:
    """The stream progress goes to (looked up at call time: click's runner swaps it)."""
    return sys.stderr


def rows_progress(quiet: bool, lang: Lang) -> RowsProgress | None:
    """Progress on stderr when it is a terminal and not ``quiet``; otherwise None (silent)."""
    stream = _stderr()
    if quiet or not stream.isatty():
        return None
    return RowsProgress(stream, lang)
