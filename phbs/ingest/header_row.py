"""Finding a table's header row among its first rows, and refusing one that is data.

The header may sit below a title block or a row of group names (:func:`header_index`); a
first line ``sep=;`` (Excel's separator hint, :data:`SEP_HINT`) is never the header; a row
holding a full village code is data, not a header (:func:`check_header`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from phbs.errors import InputFileError

# A full village code (docs/aturan.md §9.1) is never a column name: a header holding one is data.
_VILLAGE_CODE = re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}|\d{10}")

#: Non-blank rows at the top of a file searched for the header row.
TITLE_ROWS = 20
#: A first line ``sep=;``, Excel's hint of the separator (never the header row).
SEP_HINT = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)


def header_index(
    rows: list[list[str]],
    header_cells: int,
    prefer: Callable[[list[str]], bool] | None = None,
) -> int | None:
    """The index in ``rows`` of the header, among the first :data:`TITLE_ROWS` non-blank
    rows: the first that ``prefer`` accepts (the survey's own header, past a title block or
    a row of group names), else the first with ``header_cells`` filled cells, else the
    first non-blank row.

    >>> header_index([["REKAP PHBS"], [], ["id", "kode", "air"], ["1", "2", "3"]], 3)
    2
    >>> header_index([["Petunjuk"], ["1. Isi satu baris"]], 3)
    0
    >>> header_index([["Identitas", "", "Lingkungan"], ["id", "kode", "air"]], 2,
    ...               prefer=lambda cells: "id" in cells)
    1
    """
    first: int | None = None
    enough: int | None = None
    seen = 0
    for index, cells in enumerate(rows):
        filled = sum(1 for c in cells if c.strip())
        if not filled or (index == 0 and len(cells) <= 2 and SEP_HINT.match(",".join(cells))):
            continue
        if first is None:
            first = index
        if prefer is not None and prefer(cells):
            return index
        if enough is None and filled >= header_cells:
            enough = index
            if prefer is None:
                return index
        seen += 1
        if seen >= TITLE_ROWS:
            break
    return enough if enough is not None else first


def check_header(name: str, header: list[str], row: int) -> None:
    """Refuse a first row that is data: it holds a full village code (docs/aturan.md §9.1)."""
    for cell in header:
        if _VILLAGE_CODE.fullmatch(cell.strip()):
            raise InputFileError(
                f"{name} baris {row}: baris judul tidak ada — baris pertama berisi data "
                f"('{cell.strip()}'); tambahkan baris nama kolom di atasnya",
                f"{name} row {row}: no header row — the first row holds data "
                f"('{cell.strip()}'); add a row of column names above it",
            )
