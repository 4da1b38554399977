"""The extras pass over an .xlsx worksheet: its merged ranges, and its cells read as blank
although they are not (an Excel error value, or a formula saved without its value).

See :meth:`phbs.ingest.xlsx_book.XlsxBook.extras`.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

import numpy as np

from phbs.ingest.book import Ranges
from phbs.ingest.limits import Limits, Place, too_many_merged
from phbs.ingest.sheet_xml import FORMULA_CELLS_LISTED, attributes, column_index
from phbs.ingest.xlsx_values import BLOCK, ROW_END, last_end

_REFERENCE = re.compile(rb"([A-Za-z]{1,4})(\d{1,8})")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*>")
# A cell whose value the reader gives as blank: an error value, or a formula with no value.
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_UNCACHED = re.compile(
    rb"</(?:\w+:)?f>\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*$"
    rb"|<(?:\w+:)?f\b[^>]*/>\s*$",
    re.DOTALL,
)
_ERROR_TYPE = re.compile(rb"""\bt\s*=\s*["']e["']""")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_PROBLEM_HINT = re.compile(rb"""\bt\s*=\s*["']e["']|<(?:\w+:)?f\b""")


@dataclass(frozen=True)
class SheetExtras:
    """Reads the extras of the worksheets of an open .xlsx archive (:meth:`read`)."""

    archive: zipfile.ZipFile
    file: str
    limits: Limits

    def read(self, part: str, name: str) -> tuple[Ranges, list[tuple[str, str]]]:
        """The merged ranges and problem cells of sheet ``name``, stored in ``part``.

        One quick pass looks for any sign of either (two byte searches a block, the merged
        ranges in the last two blocks); only a sheet that has formulas, error values or
        many merged ranges is read the careful way, cell by cell."""
        with self.archive.open(part) as handle:
            head = handle.read(4096)
            if b":worksheet" in head or b":sheetData" in head or b"='" in head:
                # Namespace prefixes or single-quoted attributes: the quick signs may not show.
                return self._extras_carefully(part, name)
            before, last, tail = b"", head, head[-8:]
            for block in iter(lambda: handle.read(BLOCK), b""):
                window = tail + block
                if _signs(window):
                    return self._extras_carefully(part, name)
                before, last, tail = last, block, block[-8:]
        if b"<f" in head or b't="e"' in head:
            return self._extras_carefully(part, name)
        end = before + last
        start = end.find(b"<mergeCells")
        if start < 0:
            if b"mergeCell" in end:
                return self._extras_carefully(part, name)  # more than two blocks of them
            return [], []
        ranges: Ranges = []
        self._scan(end[start:], name, ranges, [])
        return ranges, []

    def _extras_carefully(self, part: str, name: str) -> tuple[Ranges, list[tuple[str, str]]]:
        ranges: Ranges = []
        problems: list[tuple[str, str]] = []
        with self.archive.open(part) as handle:
            rest = b""
            for block in iter(lambda: handle.read(BLOCK), b""):
                text = rest + block
                cut = last_end(text, ROW_END, len(block))
                if cut < 0:
                    cut = text.rfind(b"/>") + 2
                text, rest = text[:cut], text[cut:]
                self._scan(text, name, ranges, problems)
            self._scan(rest, name, ranges, problems)
        return ranges, problems

    def _scan(
        self, text: bytes, name: str, ranges: Ranges, problems: list[tuple[str, str]]
    ) -> None:
        hint = b'"e"' in text or b"'e'" in text or b"<f" in text or b":f" in text
        if hint and len(problems) < FORMULA_CELLS_LISTED and _PROBLEM_HINT.search(text):
            problems += _problem_cells(text)[: FORMULA_CELLS_LISTED - len(problems)]
        if b"mergeCell" not in text:
            return
        for tag in _MERGE.findall(text):
            area = _merge_area(attributes(tag).get("ref", ""))
            if area is None:
                continue
            ranges.append(area)
            if len(ranges) > self.limits.merged_ranges:
                raise too_many_merged(Place(self.file, name))


def _signs(text: bytes) -> bool:
    """Whether ``text`` holds ``<f`` (a formula) or ``"e"`` (an error value's type): a byte
    search of the rare ``f`` and ``e`` with numpy, several times quicker than
    ``bytes.find`` of a two-byte pattern whose first byte (``<``, ``"``) is everywhere."""
    a = np.frombuffer(text, dtype=np.uint8)
    f = np.flatnonzero(a[1:] == 102) + 1
    if len(f) and (a[f - 1] == 60).any():
        return True
    e = np.flatnonzero(a[1:-1] == 101) + 1
    return bool(((a[e - 1] == 34) & (a[e + 1] == 34)).any())


def _problem_cells(text: bytes) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for cell in _CELL.finditer(text):
        attrs, body = cell.group(1), cell.group(2) or b""
        if _ERROR_TYPE.search(attrs):
            kind = "error"
        elif _FORMULA.search(body) and _UNCACHED.search(body):
            kind = "uncached"
        else:
            continue
        found.append((attributes(attrs).get("r", ""), kind))
    return found


def _merge_area(ref: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    corners = []
    for part in ref.split(":")[:2]:
        found = _REFERENCE.fullmatch(part.strip().replace("$", "").encode())
        if found is None:
            return None
        corners.append((int(found.group(2)) - 1, column_index(found.group(1))))
    if len(corners) == 1:
        corners.append(corners[0])
    (top, left), (bottom, right) = corners
    return (min(top, bottom), min(left, right)), (max(top, bottom), max(left, right))
