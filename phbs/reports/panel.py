"""What the judging panel writes into the *berita acara*: place, date, names, level, year.

These are not in any input file: ``phbs report`` takes them as options (``--place``,
``--date``, ``--chair``, ``--judge``, ``--contest-level``, ``--year``). Whatever is not
given is printed as a blank line to be filled in by hand, so the minutes can always be
printed and signed.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from phbs.errors import SettingsError
from phbs.i18n import Lang, t

#: A line left for a hand-written value.
BLANK = "____________________"

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


@dataclass(frozen=True)
class MinutesDetails:
    """The panel's own details for the *berita acara* (each optional).

    ``level`` names the contest's level as it is written in the title, e.g.
    ``"Kabupaten Tanah Bumbu"`` (by default, the smallest area that holds every village
    ranked); ``year`` defaults to the year of ``date``. ``judges`` are the names on the
    signature lines (by default, the judges of the judges file).

    >>> MinutesDetails(date=datetime.date(2025, 10, 20)).contest_year()
    2025
    """

    place: str | None = None
    date: datetime.date | None = None
    chair: str | None = None
    judges: tuple[str, ...] = ()
    level: str | None = None
    year: int | None = None

    def contest_year(self) -> int | None:
        """The contest's year: ``year``, else the year of ``date``."""
        if self.year is not None:
            return self.year
        return self.date.year if self.date is not None else None


def parse_date(text: str) -> datetime.date:
    """A date written ``2025-10-20`` or day first, ``20-10-2025`` / ``20/10/2025``.

    >>> parse_date("2025-10-20"), parse_date("20/10/2025")
    (datetime.date(2025, 10, 20), datetime.date(2025, 10, 20))
    >>> parse_date("10/20/25")
    Traceback (most recent call last):
    ...
    phbs.errors.SettingsError: tanggal '10/20/25' tidak dikenal: tulis 2025-10-20 atau 20-10-2025
    """
    value = text.strip()
    iso = _ISO.match(value)
    day_first = _DAY_FIRST.match(value)
    try:
        if iso:
            return datetime.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if day_first:
            return datetime.date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
    except ValueError:
        pass
    raise SettingsError(
        f"tanggal {value!r} tidak dikenal: tulis 2025-10-20 atau 20-10-2025",
        f"date {value!r} not understood: write 2025-10-20 or 20-10-2025",
    )


def long_date(date: datetime.date | None, lang: Lang = "id") -> str:
    """A date as the minutes write it, or a blank line.

    >>> long_date(datetime.date(2025, 10, 20)), long_date(datetime.date(2025, 10, 20), "en")
    ('20 Oktober 2025', '20 October 2025')
    >>> long_date(None) == BLANK
    True
    """
    if date is None:
        return BLANK
    month = t("date.months", lang).split(",")[date.month - 1]
    return f"{date.day} {month} {date.year}"


def weekday(date: datetime.date | None, lang: Lang = "id") -> str:
    """The day's name (``Senin`` … ``Minggu``), or a blank line.

    >>> weekday(datetime.date(2025, 10, 20)), weekday(datetime.date(2025, 10, 20), "en")
    ('Senin', 'Monday')
    """
    if date is None:
        return BLANK
    return t("date.weekdays", lang).split(",")[date.weekday()]


def or_blank(text: str | int | None) -> str:
    """``text``, or a blank line when it is not given."""
    if text is None or str(text).strip() == "":
        return BLANK
    return str(text).strip()
