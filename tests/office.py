"""LibreOffice and poppler for the tests that print a workbook.

``soffice --headless --convert-to pdf`` (Debian's LibreOffice, its own profile per call) prints
workbooks as a person would; ``pdftotext`` and ``pdfinfo`` (poppler-utils) read the pages back.
The tests fail, never skip, when a tool is missing: CI installs them (``.ci/run``). Used by
``tests/reports/test_workbook_print.py``: ``from office import PrintedPage, print_workbooks``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

TOOLS = {
    "soffice": "libreoffice-calc-nogui",
    "pdftotext": "poppler-utils",
    "pdfinfo": "poppler-utils",
}


def require_tools() -> None:
    """Fail (not skip) when LibreOffice or poppler is missing."""
    for tool, package in TOOLS.items():
        if shutil.which(tool) is None:
            pytest.fail(
                f"{tool} not found: the print tests need it (apt-get install -y {package}); "
                ".ci/run installs it",
                pytrace=False,
            )


def compact(text: str) -> str:
    """``text`` without white space: a wrapped cell's lines join up again."""
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class PrintedPage:
    """One printed page: its number, whether it is landscape, and its text in the order
    LibreOffice drew it (``pdftotext -raw``: the lines of one cell stay together). The page
    header comes first: the report's title and the sheet's name."""

    number: int
    landscape: bool
    text: str

    @property
    def header(self) -> str:
        return self.text.splitlines()[0] if self.text.strip() else ""

    def has(self, text: str) -> bool:
        """Whether the whole of ``text`` is on the page (white space aside)."""
        return compact(text) in compact(self.text)


def print_workbooks(paths: list[Path], folder: Path) -> dict[str, list[PrintedPage]]:
    """Print every workbook of ``paths`` to PDF in one LibreOffice run; their pages by the
    workbook's file name."""
    require_tools()
    folder.mkdir(parents=True, exist_ok=True)
    profile = f"-env:UserInstallation={(folder / 'profil').as_uri()}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder),
         *map(str, paths)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return {path.name: pages(folder / f"{path.stem}.pdf") for path in paths}


def pages(pdf: Path) -> list[PrintedPage]:
    """The pages of ``pdf``: text and orientation."""
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "100000", str(pdf)],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.MULTILINE)
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"],
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout  # fmt: skip
    texts = text.split("\f")
    return [
        PrintedPage(number, float(width) > float(height), texts[number - 1])
        for number, (width, height) in enumerate(sizes, start=1)
    ]
