"""An .xls workbook, read whole by python-calamine after its records were walked
(:mod:`phbs.ingest.xls_extent`), and how a spreadsheet value becomes a cell text."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from phbs.errors import InputFileError
from phbs.ingest.book import Ranges, SheetInfo
from phbs.ingest.limits import Limits, current, thousands
from phbs.ingest.xls_extent import check_xls

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# An encrypted Office Open XML file is an OLE container holding these two streams.
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))


def cell_text(value: object) -> str:
    """A spreadsheet value as the text a person would have typed.

    >>> cell_text(1.0), cell_text(2.5), cell_text(dt.date(2025, 8, 14)), cell_text(True)
    ('1', '2.5', '2025-08-14', 'true')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # Whole numbers up to 2**53 are exact in a float: a 16-digit KK number stays whole.
        if value.is_integer() and abs(value) <= 2**53:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def calamine_workbook(data: bytes, name: str, suffix: str) -> Any:
    """An .xls or .xlsb workbook opened by python-calamine (see :mod:`phbs.ingest.workbook`).

    Raises :class:`~phbs.errors.InputFileError` for a password-protected or damaged file.
    """
    from python_calamine import CalamineWorkbook

    if data.startswith(_OLE_SIGNATURE) and any(s in data for s in _ENCRYPTED_STREAMS):
        raise InputFileError(
            f"{name}: berkas Excel dilindungi kata sandi (terenkripsi); buka di Excel, hapus "
            "kata sandinya (Info > Protect Workbook), simpan, lalu ulangi",
            f"{name}: the Excel file is password-protected (encrypted); open it in Excel, "
            "remove the password (Info > Protect Workbook), save, and try again",
        )
    if data.startswith(_OLE_SIGNATURE):
        check_xls(data, name, current())
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:  # calamine raises several error types for broken files
        if data.startswith(_OLE_SIGNATURE):
            raise InputFileError(
                f"{name}: berkas Excel terkunci kata sandi atau berkas .xls lama yang rusak "
                "(wadah OLE); hapus kata sandinya dan simpan ulang sebagai .xlsx",
                f"{name}: password-protected Excel file or a damaged old .xls file (an OLE "
                "container); remove the password and save it again as .xlsx",
            ) from None
        raise InputFileError(
            f"{name}: berkas spreadsheet rusak, terkunci kata sandi, atau bukan format "
            f"{suffix}; buka di Excel atau LibreOffice, hapus kata sandinya bila ada, lalu "
            "simpan ulang sebagai .xlsx",
            f"{name}: spreadsheet is corrupt, password-protected, or not really {suffix}; "
            "open it in Excel or LibreOffice, remove any password, and save it again as .xlsx",
        ) from None


class CalamineBook:
    """An .xls workbook, read whole by python-calamine (the format holds at most 65,536 rows
    of 256 cells); its rows are made Python values one at a time."""

    def __init__(self, workbook: Any, file: str, limits: Limits) -> None:
        self.workbook = workbook
        self.file = file
        self.limits = limits
        visible = {
            m.name
            for m in workbook.sheets_metadata
            if str(m.visible).rsplit(".", 1)[-1].lower() == "visible"
        }
        self.sheets = [SheetInfo(m.name, m.name in visible) for m in workbook.sheets_metadata]
        self._open: tuple[str, Any] | None = None

    def _sheet(self, name: str) -> Any:
        if self._open is None or self._open[0] != name:
            self._open = (name, self.workbook.get_sheet_by_name(name))
        return self._open[1]

    def rows(self, name: str) -> Iterator[tuple[int, list[str]]]:

        sheet = self._sheet(name)
        end = sheet.end or (0, 0)
        cells = (end[0] + 1) * (end[1] + 1)
        if cells > self.limits.whole_cells:
            raise InputFileError(
                f"{self.file}: lembar '{name}' membentang {end[0] + 1} baris × {end[1] + 1} "
                f"kolom ({thousands(cells)} sel) dan dibaca utuh; batasnya "
                f"{thousands(self.limits.whole_cells)} sel (simpan ulang sebagai .xlsx, atau "
                "--limit xls-sel=N)",
                f"{self.file}: sheet '{name}' spans {end[0] + 1} rows × {end[1] + 1} columns "
                f"({cells:,} cells) and is read whole; the limit is "
                f"{self.limits.whole_cells:,} cells (save it again as .xlsx, or "
                "--limit xls-sel=N)",
            )
        for index, row in enumerate(sheet.to_python(skip_empty_area=False)):
            cells = [cell_text(v) for v in row]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                yield index + 1, cells

    def fast(self, name: str, width: int) -> None:
        """Rows always come one by one from this reader."""

    def extras(self, name: str) -> tuple[Ranges, list[tuple[str, str]]]:
        try:
            return list(self._sheet(name).merged_cell_ranges or []), []
        except Exception:  # formats the reader gives no merged ranges for
            return [], []
