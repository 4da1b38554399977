"""Parsing single cell values: dates and whole numbers as sanitarians type them."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# [0-9], not \d: \d also matches other scripts' digits, which int() would then accept.
_ISO = re.compile(r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})([ T].*)?$")
_DMY = re.compile(r"^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})( .*)?$")
# A time after the date, as people and exports write it (07:30, 7.30, 07:30:00, T07:30Z):
# when one is there its hours and minutes must be possible; anything else after the date
# (AM/PM, a zone name such as WITA) is left alone.
_TIME = re.compile(r"^[ T]([0-9]{1,2})[:.]([0-9]{2})(?:[:.]([0-9]{2}))?")
_SERIAL = re.compile(r"^[0-9]{5}(?:\.0+)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Excel serials of 2000-01-01 and 2099-12-31: survey dates outside are typing errors.
_SERIAL_RANGE = (36526, 73050)
_WHOLE = re.compile(r"^[+-]?[0-9]+(?:[.,]0+)?$")


def parse_date(text: str) -> dt.date | None:
    """Read a survey date: ISO, ``dd/mm/yyyy`` (also ``-`` or ``.``) or an Excel serial.

    >>> parse_date("2025-08-14"), parse_date("14/08/2025"), parse_date("45883")
    (datetime.date(2025, 8, 14), datetime.date(2025, 8, 14), datetime.date(2025, 8, 14))
    >>> parse_date("31/02/2025") is None, parse_date("2025-08-14T25:00") is None
    (True, True)
    >>> parse_date("2025-10-23T05:40:39.000+08:00"), parse_date("14/08/2025 7.30 WITA")
    (datetime.date(2025, 10, 23), datetime.date(2025, 8, 14))
    """
    value = text.strip()
    try:
        if match := _ISO.match(value):
            year, month, day = (int(g) for g in match.groups()[:3])
            return dt.date(year, month, day) if _valid_time(match.group(4)) else None
        if match := _DMY.match(value):
            day, month, year = (int(g) for g in match.groups()[:3])
            return dt.date(year, month, day) if _valid_time(match.group(4)) else None
    except ValueError:
        return None
    if _SERIAL.match(value):
        serial = int(float(value))
        if _SERIAL_RANGE[0] <= serial <= _SERIAL_RANGE[1]:
            return _EXCEL_EPOCH + dt.timedelta(days=serial)
    return None


def _valid_time(text: str | None) -> bool:
    """Whether the part after a date holds no impossible time of day (``25:00``)."""
    match = _TIME.match(text) if text else None
    if match is None:
        return True
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return hours < 24 and minutes < 60 and seconds < 61


def implausible_date(date: dt.date, today: dt.date) -> bool:
    """A survey date no survey can have: before 2000, or after ``today`` (a day's grace for
    time zones).

    >>> today = dt.date(2026, 1, 1)
    >>> dates = [dt.date(1900, 1, 1), dt.date(2025, 8, 14), dt.date(9999, 12, 31)]
    >>> [implausible_date(d, today) for d in dates]
    [True, False, True]
    """
    return date.year < 2000 or date > today + dt.timedelta(days=1)


def parse_whole_number(text: str) -> int | None:
    """Read a whole number typed by hand (``12``, ``12.0``, ``12,0``); ``None`` otherwise.

    >>> parse_whole_number(" 12 "), parse_whole_number("6.0"), parse_whole_number("6.5")
    (12, 6, None)
    """
    value = text.strip()
    if not _WHOLE.match(value):
        return None
    return int(value.replace(",", ".").split(".")[0])


_GROUPED = re.compile(r"^[0-9]{1,3}(?:([.,])[0-9]{3})(?:\1[0-9]{3})*$")


def parse_count(text: str) -> int | None:
    """Read a count of households, allowing a thousands separator; ``None`` otherwise.

    ``1.234`` (Indonesian) and ``1,234`` (English) are one thousand two hundred and
    thirty-four: a count of households is never a fraction, so a group of three digits after
    the separator is read as thousands, never as decimals.

    >>> parse_count("1.234"), parse_count("1,000"), parse_count("3184.0"), parse_count("12.5")
    (1234, 1000, 3184, None)
    """
    value = text.strip()
    if _GROUPED.match(value):
        return int(value.replace(".", "").replace(",", ""))
    return parse_whole_number(value)


# Characters that change how a text looks to no one: zero-width space, word joiner, BOM,
# soft hyphen, direction marks, embeddings, overrides and isolates. (The zero-width joiner
# and non-joiner shape letters in some scripts, and are kept.)
_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x200B, 0x200E, 0x200F, 0x2060, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


def visible_text(text: str) -> str:
    """``text`` as a person reads it: without invisible characters (zero-width space, BOM,
    direction marks), non-breaking spaces as spaces, letters in one Unicode form (an accent
    typed as its own character or not), stripped.

    >>> visible_text("RT\u200b01\ufeff"), visible_text("\u202eRT01"), visible_text("RT\u00a001")
    ('RT01', 'RT01', 'RT 01')
    >>> visible_text("RT-e\u03011") == visible_text("RT-\u00e91"), visible_text("a\u200db")
    (True, 'a\u200db')
    """
    cleaned = text.translate(_INVISIBLE).replace("\u00a0", " ")
    return unicodedata.normalize("NFC", cleaned).strip()


_CARD_NUMBER = re.compile(r"'?\s*(\d[\d .\-]{14,30}\d)\s*")


def is_card_number(text: str) -> bool:
    """Whether a household id is a family-card (KK) or identity (NIK) number: 16 digits,
    maybe grouped by spaces, dots or dashes, maybe after Excel's text mark ``'``. Such an id is
    personal data (docs/aturan.md §1.2): outputs show it masked unless names are asked for.

    >>> is_card_number("6310012345670001"), is_card_number("'6310 0123 4567 0001")
    (True, True)
    >>> is_card_number("BTL-0001"), is_card_number("631001234567000")
    (False, False)
    """
    found = _CARD_NUMBER.fullmatch(text)
    return found is not None and sum(c.isdigit() for c in found.group(1)) == 16


#: 16 digits in a text, maybe grouped by single spaces, dots, dashes or narrow spaces.
_CARD_IN_TEXT = re.compile(r"(?<!\d)\d(?:[ .\-\u00a0\u202f\u2009]?\d){15}(?![\d])")
#: A number as Excel writes a long one it holds as a number: ``6,31001E+15``, ``6.31E15``.
_SCIENTIFIC = re.compile(r"'?\s*\d(?:[.,]\d+)?\s*[eE]\s*\+?\s*\d{1,3}\s*")


def card_digits(text: str) -> str:
    """The 16 digits of a family-card or identity number however it is grouped (docs/aturan.md
    §1.2: the same number), or ``text`` unchanged when it is not one.

    >>> card_digits("'6310 0123-4567.0001"), card_digits("BTL-0001")
    ('6310012345670001', 'BTL-0001')
    """
    if not is_card_number(text):
        return text
    return "".join(c for c in text if c.isdigit())


def is_scientific(text: str) -> bool:
    """Whether an id is a number in Excel's scientific notation, its last digits lost.

    >>> is_scientific("6,31001E+15"), is_scientific("6.31E15"), is_scientific("E-15")
    (True, True, False)
    """
    return _SCIENTIFIC.fullmatch(text) is not None


def has_card_number(text: str) -> bool:
    """Whether ``text`` holds a 16-digit number."""
    return len(text) >= 16 and _CARD_IN_TEXT.search(text) is not None


def mask_card_numbers(text: str) -> str:
    """``text`` with every 16-digit number in it masked as :func:`masked_id` does.

    >>> mask_card_numbers("ID '6310012345670001' sudah dipakai di a.csv baris 7")
    "ID 'KK/NIK …0001' sudah dipakai di a.csv baris 7"
    """
    if len(text) < 16:
        return text
    return _CARD_IN_TEXT.sub(
        lambda m: "KK/NIK …" + "".join(filter(str.isdigit, m.group(0)))[-4:], text
    )


def masked_id(text: str) -> str:
    """A family-card or identity number as outputs show it: its last four digits only, which
    tell households of one file apart without giving the number; any other id unchanged.

    >>> masked_id("6310012345670001"), masked_id("BTL-0001")
    ('KK/NIK …0001', 'BTL-0001')
    """
    if not is_card_number(text):
        return text
    digits = [c for c in text if c.isdigit()]
    return "KK/NIK …" + "".join(digits[-4:])
