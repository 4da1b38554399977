"""How far an old Excel workbook's (.xls) cells reach, found before it is read.

python-calamine reads an .xls whole, and makes room for every cell of each sheet up to its
farthest value at once: a 6 KB file with one value at ``IV65536`` makes it take a gigabyte.
So the workbook stream (an OLE container, opened with olefile) is walked record by record
first, and each sheet's value cells (numbers, text, formulas, booleans and errors; blank cells
are not read and do not count) give its rows × columns, refused past
:attr:`~phbs.ingest.limits.Limits.whole_cells`.
"""

from __future__ import annotations

import io
import struct

from phbs.errors import InputFileError
from phbs.ingest.limits import Limits, thousands

_BOF = 0x0809
#: BIFF8 records of a cell with a value: row and column are their first two fields.
_VALUE_CELLS = {
    0x0006,  # FORMULA
    0x00FD,  # LABELSST
    0x0203,  # NUMBER
    0x027E,  # RK
    0x0204,  # LABEL
    0x0205,  # BOOLERR
    0x00D6,  # RSTRING
}
_MULRK = 0x00BD  # row, first column, …, last column (the record's last two bytes)
_WORKSHEET = 0x0010  # BOF's substream type of a worksheet


def sheet_extents(data: bytes) -> list[tuple[int, int]] | None:
    """Each worksheet's rows and columns up to its farthest value cell, in order; ``None``
    when ``data`` is not an OLE file with a workbook stream (the reader says what is wrong)."""
    import olefile

    try:
        container = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError, struct.error, IndexError):
        return None
    try:
        name = next((n for n in ("Workbook", "Book") if container.exists(n)), None)
        if name is None:
            return None
        stream = container.openstream(name).read()
    except (OSError, ValueError, struct.error, IndexError):
        return None
    finally:
        container.close()
    extents: list[tuple[int, int]] = []
    in_sheet = False
    rows = columns = 0
    position = 0
    end = len(stream) - 4
    unpack = struct.unpack_from
    while position <= end:
        kind, size = unpack("<HH", stream, position)
        body = position + 4
        if kind == _BOF and size >= 4:
            if in_sheet:
                extents.append((rows, columns))
            in_sheet = (
                unpack("<H", stream, body + 2)[0] == _WORKSHEET
                if body + 4 <= len(stream)
                else False
            )
            rows = columns = 0
        elif in_sheet and size >= 4 and body + 4 <= len(stream):
            if kind in _VALUE_CELLS:
                row, column = unpack("<HH", stream, body)
                rows, columns = max(rows, row + 1), max(columns, column + 1)
            elif kind == _MULRK and size >= 6 and body + size <= len(stream):
                row = unpack("<H", stream, body)[0]
                last = unpack("<H", stream, body + size - 2)[0]
                rows, columns = max(rows, row + 1), max(columns, last + 1)
        position = body + size
    if in_sheet:
        extents.append((rows, columns))
    return extents


def check_xls(data: bytes, file: str, limits: Limits) -> None:
    """Refuse an .xls with a sheet reaching past :attr:`Limits.whole_cells` cells."""
    for rows, columns in sheet_extents(data) or []:
        cells = rows * columns
        if cells > limits.whole_cells:
            raise InputFileError(
                f"{file}: satu lembar membentang {thousands(rows)} baris × {columns} kolom "
                f"({thousands(cells)} sel) dan berkas .xls dibaca utuh; batasnya "
                f"{thousands(limits.whole_cells)} sel (simpan ulang sebagai .xlsx, atau "
                "--limit xls-sel=N)",
                f"{file}: a sheet spans {rows:,} rows × {columns} columns ({cells:,} cells) and "
                f"an .xls is read whole; the limit is {limits.whole_cells:,} cells (save it "
                "again as .xlsx, or --limit xls-sel=N)",
            )
