"""Progress of long work on stderr: only for a person watching a terminal.

Silent when stderr is not a terminal (a pipe, a log file, a test runner) or with ``--quiet``,
so scripts and logs never collect carriage returns. Two displays: rows read
(:class:`RowsProgress`, ``phbs score`` and ``phbs report``) and a report being written
(:class:`WritingProgress`: rows of each long sheet and the rate, then a line per HTML page).
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TextIO

from phbs.i18n import Lang

if TYPE_CHECKING:
    from phbs.reports.excel.sheet import WriteStep

#: Seconds between two updates of a sheet's progress line.
INTERVAL = 0.2


def _count(value: int, lang: Lang) -> str:
    """A whole number with thousands separators: ``1.234.567`` (id), ``1,234,567`` (en)."""
    text = f"{value:,}"
    return text if lang == "en" else text.replace(",", ".")


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


class WritingProgress:
    """A report being written: each long sheet's rows written and the rate, rewritten in
    place at most every :data:`INTERVAL` seconds, and a line for each HTML page. Called
    with the :class:`~phbs.reports.excel.sheet.WriteStep` of ``write_report(progress=...)``.
    """

    def __init__(self, stream: TextIO, lang: Lang) -> None:
        self.stream = stream
        self.lang = lang
        self.started = time.perf_counter()
        self.shown_at = 0.0
        self.width = 0

    def __call__(self, step: WriteStep) -> None:
        now = time.perf_counter()
        if step.done == 0:
            self.started = now
        finished = step.done >= step.total
        if step.part == "sheet":
            if step.total == 0:
                return
            if step.done > 0 and not finished and now - self.shown_at < INTERVAL:
                return
            line = self._sheet_line(step, now - self.started)
        else:
            line = self._page_line(step, now - self.started, finished)
        self.shown_at = now
        self._show(line, finished)

    def _sheet_line(self, step: WriteStep, elapsed: float) -> str:
        done, total = _count(step.done, self.lang), _count(step.total, self.lang)
        rate = _count(round(step.done / elapsed), self.lang) if elapsed > 0 and step.done else ""
        if self.lang == "en":
            line = f"writing sheet {step.name}: {done}/{total}"
            return f"{line} ({rate} rows/s)" if rate else line
        line = f"menulis lembar {step.name}: {done}/{total}"
        return f"{line} ({rate} baris/detik)" if rate else line

    def _page_line(self, step: WriteStep, elapsed: float, finished: bool) -> str:
        if self.lang == "en":
            end = f": done ({elapsed:.1f} s)" if finished else " ..."
            return f"writing HTML {step.name}{end}"
        seconds = f"{elapsed:.1f}".replace(".", ",")
        end = f": selesai ({seconds} detik)" if finished else " ..."
        return f"menulis HTML {step.name}{end}"

    def _show(self, line: str, finished: bool) -> None:
        # Spaces wipe what a longer line before it left on the terminal.
        self.stream.write(f"\r{line}{' ' * max(self.width - len(line), 0)}")
        self.width = 0 if finished else len(line)
        if finished:
            self.stream.write("\n")
        self.stream.flush()

    def finish(self) -> None:
        """End a line left open (writing stopped part way, e.g. on an error)."""
        if self.width:
            self.stream.write("\n")
            self.stream.flush()
            self.width = 0


def _stderr() -> TextIO:
    """The stream progress goes to (looked up at call time: click's runner swaps it)."""
    return sys.stderr


def rows_progress(quiet: bool, lang: Lang) -> RowsProgress | None:
    """Progress on stderr when it is a terminal and not ``quiet``; otherwise None (silent)."""
    stream = _stderr()
    if quiet or not stream.isatty():
        return None
    return RowsProgress(stream, lang)


def writing_progress(quiet: bool, lang: Lang) -> WritingProgress | None:
    """Report-writing progress on stderr when it is a terminal and not ``quiet``; otherwise
    None (silent)."""
    stream = _stderr()
    if quiet or not stream.isatty():
        return None
    return WritingProgress(stream, lang)
