"""The values of an .xlsx workbook as text, and reading its XML parts in blocks.

The shared strings (:class:`SharedStrings`, one UTF-8 buffer with offsets), the styles whose
number format shows a date or elapsed time (:func:`styles`, :func:`date_kind`), and numbers,
date serials and ISO dates written as the whole-sheet reader (python-calamine) gives them
(:func:`number_text`, :func:`serial_text`, :func:`iso_text`). A part is inflated
:data:`BLOCK` bytes at a time and cut after its last complete element (:func:`last_end`).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from array import array
from dataclasses import dataclass, field

from phbs.ingest.sheet_xml import attributes, unescape

#: The end tag of a worksheet row.
ROW_END = re.compile(rb"</(?:\w+:)?row>")
#: A text run of a shared or inline string.
TEXT = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>|<(?:\w+:)?t\s*/>", re.DOTALL)
#: A phonetic run (furigana), not part of a string's text.
PHONETIC = re.compile(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.DOTALL)
_STRING_END = re.compile(rb"</(?:\w+:)?si>")
_STRING_ITEM = re.compile(rb"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", re.DOTALL)
_NUMFMT = re.compile(rb"<(?:\w+:)?numFmt\b[^>]*>")
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", re.DOTALL)
_XF = re.compile(rb"<(?:\w+:)?xf\b[^>]*>")

#: Built-in number formats that show a date or time (ECMA-376 18.8.30): 14-22 and 45-47.
_BUILTIN_DATES = {*range(14, 23), 45, 46, 47}
#: Built-in formats of elapsed time (``[h]:mm:ss``).
_BUILTIN_ELAPSED = {46}
#: Bytes of a part inflated at a time.
BLOCK = 1 << 20


def date_kind(code: str) -> str | None:
    """``"date"`` when a number format shows a date or time, ``"elapsed"`` for elapsed time
    (``[h]:mm``), else ``None``. Only the first section counts; quoted text, escaped
    characters and bracketed parts (colours, locales) are not format letters.

    >>> date_kind("dd/mm/yyyy"), date_kind('"Rp"#,##0'), date_kind("[h]:mm"), date_kind("0.00")
    ('date', None, 'elapsed', None)
    """
    quoted = escaped = False
    i = 0
    while i < len(code):
        char = code[i]
        if escaped:
            escaped = False
        elif quoted:
            quoted = char != '"'
        elif char in "\\_":
            escaped = True
        elif char == '"':
            quoted = True
        elif char == ";":
            return None
        elif char == "[":
            end = code.find("]", i)
            inside = code[i + 1 : end if end >= 0 else len(code)].lower()
            if inside and set(inside) <= {"h"} | {"m"} | {"s"} and len(set(inside)) == 1:
                return "elapsed"
            i = end if end >= 0 else len(code)
        elif (
            char.lower() in "dmyhs"
            or code[i : i + 5].lower() == "am/pm"
            or code[i : i + 3].lower() == "a/p"
        ):
            return "date"
        i += 1
    return None


def serial_text(serial: float, kind: str, date1904: bool) -> str:
    """A date-formatted number as the whole-sheet reader gives it: a time below one day, a
    date when whole, else a date and time (to the millisecond); elapsed time as Python
    writes a duration."""
    if kind == "elapsed":
        return str(dt.timedelta(milliseconds=round(serial * 86_400_000)))
    if serial < 0:
        return number_text(serial)
    if serial < 1:
        total = round(serial * 86_400_000)
        if total >= 86_400_000:
            total = 86_400_000 - 1
        moment = dt.datetime(2000, 1, 1) + dt.timedelta(milliseconds=total)
        return moment.time().isoformat()
    if date1904:
        base = dt.datetime(1904, 1, 1)
    elif serial < 60:
        base = dt.datetime(1899, 12, 31)
    elif serial < 61:
        base = dt.datetime(1899, 12, 30)  # Excel's 1900-02-29 (serial 60) shown as 02-28
    else:
        base = dt.datetime(1899, 12, 30)
    try:
        moment = base + dt.timedelta(milliseconds=round(serial * 86_400_000))
    except OverflowError:
        return number_text(serial)
    if moment.time() == dt.time(0, 0):
        return moment.date().isoformat()
    return moment.isoformat(sep=" ")


def number_text(value: float) -> str:
    """A number as the whole-sheet reader gives it (``1``, not ``1.0``)."""
    if value.is_integer() and abs(value) <= 2**53:
        return str(int(value))
    return repr(value)


def last_end(text: bytes, pattern: re.Pattern[bytes], fresh: int) -> int:
    """The offset just after the last match of ``pattern`` (an end tag) in ``text``, or -1;
    only the last ``fresh`` bytes (and a few before) are new since the last search."""
    window = 4096
    while True:
        start = max(0, len(text) - window)
        last = -1
        for found in pattern.finditer(text, start):
            last = found.end()
        if last >= 0 or start == 0 or window > fresh + 64:
            return last
        window *= 8


@dataclass
class SharedStrings:
    """The workbook's shared strings, as one UTF-8 buffer and the offsets of each string."""

    data: bytearray = field(default_factory=bytearray)
    offsets: array[int] = field(default_factory=lambda: array("q", [0]))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, index: int) -> str:
        return self.data[self.offsets[index] : self.offsets[index + 1]].decode("utf-8")

    def add(self, text: str) -> None:
        self.data += text.encode("utf-8")
        self.offsets.append(len(self.data))


def _string_item(body: bytes) -> str:
    if body.startswith(b"<t>") and body.endswith(b"</t>") and body.count(b"<") == 2:
        return unescape(body[3:-4])
    if b"<rPh" in body or b":rPh" in body:
        body = PHONETIC.sub(b"", body)
    return "".join(unescape(found) for found in TEXT.findall(body))


def shared_strings(archive: zipfile.ZipFile, part: str | None) -> SharedStrings:
    """The workbook's shared strings part, read in blocks (none when there is no part)."""
    strings = SharedStrings()
    if part is None or part not in archive.NameToInfo:
        return strings
    with archive.open(part) as handle:
        rest = b""
        for block in iter(lambda: handle.read(BLOCK), b""):
            text = rest + block
            end = last_end(text, _STRING_END, len(block))
            if end < 0:
                rest = text
                continue
            text, rest = text[:end], text[end:]
            for body in _STRING_ITEM.findall(text):
                strings.add(_string_item(body))
        for body in _STRING_ITEM.findall(rest):
            strings.add(_string_item(body))
    return strings


def styles(archive: zipfile.ZipFile, part: str | None) -> dict[bytes, str]:
    """Style indexes (as written in ``s="…"``) whose number format is a date or elapsed time."""
    if part is None or part not in archive.NameToInfo:
        return {}
    xml = archive.read(part)
    custom: dict[int, str] = {}
    for tag in _NUMFMT.findall(xml):
        found = attributes(tag)
        try:
            custom[int(found.get("numFmtId", ""))] = found.get("formatCode", "")
        except ValueError:
            continue
    kinds: dict[bytes, str] = {}
    block = _CELL_XFS.search(xml)
    if block is None:
        return kinds
    for index, tag in enumerate(_XF.findall(block.group(0))):
        try:
            number_format = int(attributes(tag).get("numFmtId", "0"))
        except ValueError:
            continue
        if number_format in custom:
            kind = date_kind(custom[number_format])
        elif number_format in _BUILTIN_DATES:
            kind = "elapsed" if number_format in _BUILTIN_ELAPSED else "date"
        else:
            kind = None
        if kind is not None:
            kinds[str(index).encode()] = kind
    return kinds


def iso_text(text: str) -> str:
    """An ISO date cell (``t="d"``) as the whole-sheet reader gives it."""
    try:
        moment = dt.datetime.fromisoformat(text.strip().rstrip("Z"))
    except ValueError:
        return text
    if moment.time() == dt.time(0, 0):
        return moment.date().isoformat()
    return moment.isoformat(sep=" ")
