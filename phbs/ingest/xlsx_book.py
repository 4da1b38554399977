"""An .xlsx/.xlsm workbook opened from its zip: its sheets (names, visibility, parts), its
shared strings and styles; each sheet's rows are read by
:class:`~phbs.ingest.xlsx_stream.XlsxSheet`."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator

from phbs.errors import InputFileError
from phbs.ingest.book import Ranges, SheetInfo
from phbs.ingest.grid import Grid
from phbs.ingest.limits import Limits
from phbs.ingest.sheet_xml import attributes, check_sizes
from phbs.ingest.xlsx_extras import SheetExtras
from phbs.ingest.xlsx_stream import XlsxSheet
from phbs.ingest.xlsx_values import SharedStrings, shared_strings, styles

_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_DATE1904 = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*[\"'](?:1|true)[\"']")


class XlsxBook:
    """An .xlsx/.xlsm workbook: its sheets, and each sheet's rows on demand."""

    def __init__(self, archive: zipfile.ZipFile, file: str, limits: Limits) -> None:
        self.archive = archive
        self.file = file
        self.limits = limits
        check_sizes(archive, file, limits)
        book = archive.read("xl/workbook.xml")
        self._rels = _relationships(archive, "xl/_rels/workbook.xml.rels")
        self.date1904 = _DATE1904.search(book) is not None
        self.sheets: list[SheetInfo] = []
        self._parts: dict[str, str | None] = {}
        for tag in _SHEET_TAG.findall(book):
            found = attributes(tag)
            target = self._rels.get(found.get("r:id", ""), ("", ""))[0]
            name = found.get("name", "")
            state = found.get("state", "visible").lower()
            self.sheets.append(SheetInfo(name, state == "visible"))
            self._parts[name] = _target(target) if target else None
        self._strings: SharedStrings | None = None
        self._styles: dict[bytes, str] | None = None
        self._reading: dict[str, XlsxSheet] = {}

    def _part_of(self, kind: str, usual: str) -> str | None:
        for target, type_ in self._rels.values():
            if type_.endswith("/" + kind):
                return _target(target)
        return usual if usual in self.archive.NameToInfo else None

    def _part(self, name: str) -> str:
        part = self._parts.get(name)
        if part is None or part not in self.archive.NameToInfo:
            raise InputFileError(
                f"{self.file}: lembar '{name}' tidak ada di dalam berkas (berkas rusak?)",
                f"{self.file}: sheet '{name}' is missing from the file (a damaged file?)",
            )
        return part

    def sheet(self, name: str) -> XlsxSheet:
        part = self._part(name)
        if self._strings is None:
            strings = self._part_of("sharedStrings", "xl/sharedStrings.xml")
            self._strings = shared_strings(self.archive, strings)
        if self._styles is None:
            self._styles = styles(self.archive, self._part_of("styles", "xl/styles.xml"))
        return XlsxSheet(
            self.archive,
            part,
            name,
            self._strings,
            self._styles,
            self.date1904,
            self.limits,
            self.file,
        )

    def rows(self, name: str) -> Iterator[tuple[int, list[str]] | Grid]:
        sheet = self.sheet(name)
        self._reading[name] = sheet
        return sheet.rows()

    def fast(self, name: str, width: int) -> None:
        """Read the rest of the sheet being read in grids of ``width`` cells where the rows
        allow (see :mod:`phbs.ingest.xlsx_fast`)."""
        if name in self._reading:
            self._reading[name].fast_width = width

    def extras(self, name: str) -> tuple[Ranges, list[tuple[str, str]]]:
        """A sheet's merged ranges (they come after the cells in the sheet's XML) and its
        cells holding an Excel error or a formula saved without its value (at most
        :data:`~phbs.ingest.sheet_xml.FORMULA_CELLS_LISTED`; see
        :meth:`~phbs.ingest.xlsx_extras.SheetExtras.read`)."""
        return SheetExtras(self.archive, self.file, self.limits).read(self._part(name), name)


def _target(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """A relationships part: each Id's target and type."""
    try:
        xml = archive.read(part)
    except KeyError:
        return {}
    targets: dict[str, tuple[str, str]] = {}
    for tag in _RELATIONSHIP.findall(xml):
        found = attributes(tag)
        targets[found.get("Id", "")] = (found.get("Target", ""), found.get("Type", ""))
    return targets
