"""Workbook parts as bytes: cell names and references, attributes, XML escapes, and the
size checks every zip part passes before it is unpacked (.xlsx and .ods alike)."""

from __future__ import annotations

import html
import re
import zipfile

from phbs.errors import InputFileError
from phbs.ingest.limits import Limits

_ATTRIBUTE = re.compile(rb'([\w:]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def attributes(tag: bytes) -> dict[str, str]:
    """An XML tag's attributes, unescaped (either quote)."""
    return {
        key.decode(): html.unescape((double or single).decode("utf-8", "replace"))
        for key, double, single in _ATTRIBUTE.findall(tag)
    }


def unescape(raw: bytes) -> str:
    """XML text as the cell's text: entities, and Excel's ``_xHHHH_`` escapes."""
    text = raw.decode("utf-8", "replace")
    if "&" in text:
        text = html.unescape(text)
    if "_x" in text:
        text = _ESCAPE.sub(lambda found: chr(int(found.group(1), 16)), text)
    return text


def column_index(letters: bytes) -> int:
    """0-based index of a column's letters (``A`` → 0, ``AA`` → 26)."""
    index = 0
    for byte in letters.upper():
        index = index * 26 + byte - 64
    return index - 1


#: Cells of the kind above listed at most (the message shows a few).
FORMULA_CELLS_LISTED = 20


def cell_name(row: int, col: int) -> str:
    """``A1``-style name of a 0-based cell.

    >>> cell_name(1, 1), cell_name(0, 27)
    ('B2', 'AB1')
    """
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row + 1}"


def check_sizes(archive: zipfile.ZipFile, file: str, limits: Limits) -> None:
    """Refuse a workbook any of whose parts (sheets, strings, relationships, whatever its
    name) would unpack beyond what a survey can be, from the zip's own records, before
    anything is unpacked."""
    for info in archive.infolist():
        check_unpacked(info, file, limits)


def check_unpacked(info: zipfile.ZipInfo, file: str, limits: Limits) -> None:
    """One part of a workbook: at most :attr:`Limits.sheet_bytes` unpacked, and (past 64 MB)
    at most :attr:`Limits.ratio` times its stored size (a zip bomb)."""
    ratio = info.file_size / max(info.compress_size, 1)
    big = info.file_size > limits.sheet_bytes
    if big or (ratio > limits.ratio and info.file_size > 64 * 1024**2):
        size = f"{info.file_size / 1024**2:.1f}"
        option = "lembar-mb" if big else "rasio"
        raise InputFileError(
            f"{file}: bagian berkas '{info.filename}' terlalu besar setelah dibuka "
            f"({size.replace('.', ',')} MB, {ratio:.0f}× ukuran tersimpannya); berkas seperti "
            f"ini bukan survei (--limit {option}=N menaikkan batasnya)",
            f"{file}: the part '{info.filename}' is too large once unpacked ({size} MB, "
            f"{ratio:.0f}× its stored size); such a file is not a survey (--limit {option}=N "
            "raises the limit)",
        )
