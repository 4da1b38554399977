"""Single cell values: survey dates and whole numbers (docs/aturan.md §1.2)."""

from __future__ import annotations

import datetime as dt

import pytest

from phbs.ingest.values import parse_count, parse_date, parse_whole_number

AUG_14 = dt.date(2025, 8, 14)


@pytest.mark.parametrize(
    "text",
    [
        "2025-08-14",
        " 2025-08-14 ",
        "2025-8-14",
        "2025-08-14 10:30:00",
        "2025-08-14T10:30:00+08:00",
        "14/08/2025",
        "14/8/2025",
        "14-08-2025",
        "14.08.2025",
        "45883",  # Excel serial of 14 August 2025 (1900 date system)
        "45883.0",
    ],
)
def test_survey_date_spellings(text: str) -> None:
    """docs/aturan.md §1.2: tanggal_survei is an ISO date, dd/mm/yyyy, or an Excel date serial."""
    assert parse_date(text) == AUG_14


def test_excel_serial_epoch() -> None:
    """aturan.md §1.2 Excel date serials: 1 January 2000 is 36526, 31 December 2099 is 73050."""
    assert parse_date("36526") == dt.date(2000, 1, 1)
    assert parse_date("73050") == dt.date(2099, 12, 31)
    assert parse_date("73051") is None


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2025",  # no such day
        "08/14/2025",  # month first (US) is not dd/mm/yyyy
        "2025-13-01",
        "14 Agustus 2025",
        "kemarin",
        "12345",  # a serial before 2000 is a typing error
        "99999",
        "14/08/25",  # two-digit year is ambiguous
        "",
    ],
)
def test_invalid_dates(text: str) -> None:
    """docs/aturan.md §1.2: an unreadable date is an issue (`tanggal-salah`), never a guess."""
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("0", 0), ("12", 12), (" 6 ", 6), ("6.0", 6), ("6,0", 6), ("+3", 3), ("-1", -1)],
)
def test_whole_numbers(text: str, value: int) -> None:
    """aturan.md §1.2: the child's age in months is a whole number, typed by hand or by Excel."""
    assert parse_whole_number(text) == value


@pytest.mark.parametrize("text", ["6.5", "enam", "6 bulan", "", "1e3", "١٢"])
def test_not_whole_numbers(text: str) -> None:
    """docs/aturan.md §1.2: anything else in the age column is not a number of months."""
    assert parse_whole_number(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("97", 97),
        ("1.234", 1234),
        ("1,234", 1234),
        ("1.000", 1000),
        ("1.234.567", 1234567),
        ("3184.0", 3184),
        ("3184", 3184),
    ],
)
def test_household_counts(text: str, value: int) -> None:
    """docs/aturan.md §5.3: a household total may be typed with a thousands separator."""
    assert parse_count(text) == value


@pytest.mark.parametrize("text", ["12.5", "1.23", "1.234,5", "1.234,567", "banyak", ""])
def test_not_household_counts(text: str) -> None:
    """docs/aturan.md §5.3: a fraction or mixed separators is not a count of households."""
    assert parse_count(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "14/08/2025 7.30",
        "14/08/2025 07.30.00",
        "14/08/2025 07:30 PM",
        "2025-08-14 7:30 AM",
        "2025-08-14T07:30:00+08",
        "14/08/2025 07:30:00 WITA",
        "2025-10-23T05:40:39.000+08:00",
    ],
)
def test_dates_with_a_time_as_people_write_it(text: str) -> None:
    """A time after the date, in any usual spelling (Indonesian 7.30, AM/PM, a zone), leaves
    the date readable; only an impossible time (25:00) makes it unreadable."""
    assert parse_date(text) is not None
    assert parse_date("2025-08-14T25:00") is None
