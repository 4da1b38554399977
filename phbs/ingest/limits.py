"""Bounds on what an input file may make the reader do, checked before the work is done.

A survey is at most a few hundred thousand rows of short cells; a file far beyond that is a
damaged file or a hostile one (a 2 KB workbook can declare a billion cells). Every bound is
documented in SECURITY.md and can be raised for a run (``--limit NAME=VALUE`` on the command
line, :func:`raised` in a program); a file past one is refused with one line naming the bound.

>>> current().columns
16384
>>> with raised(columns=20000):
...     current().columns
20000
"""

from __future__ import annotations

import csv
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace

from phbs.errors import InputFileError, SettingsError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The bounds (see SECURITY.md, *Limits*)."""

    #: Characters in one cell (Excel itself holds 32,767).
    cell_chars: int = 1_000_000
    #: Columns of a row: Excel's own maximum (XFD).
    columns: int = 16_384
    #: Bytes of one CSV line, or of one row of a sheet's XML.
    line_bytes: int = 16 * MB
    #: Bytes a worksheet unpacks to (.xlsx sheet XML, .ods content).
    sheet_bytes: int = 2048 * MB
    #: How many times larger than its stored size a worksheet of more than 64 MB may unpack.
    ratio: int = 200
    #: Merged ranges in one sheet.
    merged_ranges: int = 100_000
    #: Cells an .ods sheet may make by repeating one cell or row (beyond the cells it writes).
    repeated_cells: int = 10_000_000
    #: Bytes of a UTF-16 text file (decoded whole).
    utf16_bytes: int = 64 * MB
    #: Blank rows in a row with more data after them (a stray value far below the data).
    blank_rows: int = 10_000
    #: Cells (rows × columns up to the last used cell) of an .xls sheet, which is read whole.
    whole_cells: int = 5_000_000
    #: Rows of a file held whole to be regrouped (one row per member or per answer, a
    #: village recap), docs/aturan.md §6.6–6.7.
    held_rows: int = 2_000_000
    #: Bytes of a village summary JSON read as a survey round (read whole), docs/aturan.md §5.8.
    json_bytes: int = 256 * MB

    @property
    def row_bytes(self) -> int:
        """Bytes of one row of a sheet's XML."""
        return self.line_bytes * 4


#: The option names (``--limit NAME=VALUE``), the field each sets, and the unit it is given in.
OPTION_NAMES = {
    "sel": ("cell_chars", 1),
    "kolom": ("columns", 1),
    "baris-mb": ("line_bytes", MB),
    "lembar-mb": ("sheet_bytes", MB),
    "rasio": ("ratio", 1),
    "gabungan": ("merged_ranges", 1),
    "ulangan": ("repeated_cells", 1),
    "utf16-mb": ("utf16_bytes", MB),
    "kosong": ("blank_rows", 1),
    "xls-sel": ("whole_cells", 1),
    "baris-tergabung": ("held_rows", 1),
    "json-mb": ("json_bytes", MB),
}

#: The bounds in force for the whole process (the reader runs on a second thread, so they
#: are not per thread or per context).
_CURRENT = [Limits()]


def current() -> Limits:
    """The bounds in force."""
    return _CURRENT[-1]


@contextmanager
def raised(**changes: int) -> Iterator[Limits]:
    """Bounds changed for the duration of a ``with`` block (field names of :class:`Limits`),
    for the whole process: not meant for threads reading with different bounds at once."""
    names = {f.name for f in fields(Limits)}
    unknown = sorted(set(changes) - names)
    if unknown:
        raise SettingsError(
            f"batas tidak dikenal: {', '.join(unknown)}", f"unknown limit: {', '.join(unknown)}"
        )
    changed = replace(current(), **changes)
    _CURRENT.append(changed)
    try:
        yield changed
    finally:
        _CURRENT.remove(changed)


_CSV_LOCK = threading.RLock()


@contextmanager
def csv_cells() -> Iterator[None]:
    """The standard :mod:`csv` module's ``field_size_limit`` at the cell bound while phbs
    parses, and back as it was afterwards.

    Python's ``csv`` has one limit for the whole process, not one per reader: phbs sets it
    only around its own parsing (one thread at a time), so a longer cell is refused with a
    message and the program around phbs keeps the limit it chose.

    >>> before = csv.field_size_limit()
    >>> with csv_cells():
    ...     csv.field_size_limit() == current().cell_chars
    True
    >>> csv.field_size_limit() == before
    True
    """
    with _CSV_LOCK:
        before = csv.field_size_limit(current().cell_chars)
        try:
            yield
        finally:
            csv.field_size_limit(before)


def parse_option(values: tuple[str, ...] | list[str]) -> dict[str, int]:
    """``--limit`` values (``kolom=20000``, ``lembar-mb=4096``) as :class:`Limits` fields.

    >>> parse_option(["kolom=20000", "lembar-mb=4096"])
    {'columns': 20000, 'sheet_bytes': 4294967296}
    """
    changes: dict[str, int] = {}
    listed = ", ".join(OPTION_NAMES)
    for value in values:
        name, sep, number = value.partition("=")
        key = name.strip().lower()
        if not sep or key not in OPTION_NAMES:
            raise SettingsError(
                f"--limit {value}: tulis NAMA=ANGKA, NAMA salah satu dari {listed}",
                f"--limit {value}: write NAME=NUMBER, NAME one of {listed}",
            )
        amount = _whole_number(number)
        if amount is None or not 0 < amount <= LARGEST:
            raise SettingsError(
                f"--limit {value}: nilainya harus bilangan bulat positif (paling besar "
                f"{thousands(LARGEST)}; titik hanya sebagai pemisah ribuan: 100.000)",
                f"--limit {value}: the value must be a positive whole number (at most "
                f"{LARGEST:,}; dots only as thousands separators: 100.000)",
            )
        field_name, unit = OPTION_NAMES[key]
        changes[field_name] = amount * unit
    return changes


#: The largest value ``--limit`` takes (far past any machine's memory, within C's long).
LARGEST = 10**12
_NUMBER = re.compile(r"\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:_\d{3})+")


def _whole_number(text: str) -> int | None:
    """``100000``, ``100.000`` or ``100_000`` as a number; anything else (``1.5``) ``None``."""
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        return None
    return int(text.replace(".", "").replace("_", ""))


def thousands(number: int) -> str:
    """A count with Indonesian thousands separators (``16.384``)."""
    return f"{number:,}".replace(",", ".")


def too_many_blank_rows(file: str, first: int, count: int) -> InputFileError:
    """The error for ``count`` blank rows in a row (from ``first``), more than
    :attr:`Limits.blank_rows`, with more data after them."""
    last = first + count - 1
    return InputFileError(
        f"{file}: baris {first}–{last} kosong ({thousands(count)} baris berturut-turut), lalu "
        f"ada isian lagi di baris {last + 1}. Isian sejauh itu di bawah data biasanya tidak "
        "sengaja: hapus isian itu, atau bila memang data, naikkan batasnya dengan "
        "--limit kosong=N",
        f"{file}: rows {first}–{last} are blank ({count:,} in a row), then row {last + 1} "
        "holds something again. A value that far below the data is usually there by accident: "
        "delete it, or if it is data, raise the limit with --limit kosong=N",
    )


@dataclass(frozen=True)
class Place:
    """Where in a file a bound was passed, for its message: ``file``, a sheet, a row."""

    file: str
    sheet: str | None = None
    row: int | None = None

    def text(self) -> tuple[str, str]:
        """The place in Indonesian and in English (``a.xlsx: lembar 'Data' baris 7``)."""
        id_, en = self.file, self.file
        if self.sheet is not None:
            id_, en = f"{id_}: lembar '{self.sheet}'", f"{en}: sheet '{self.sheet}'"
        if self.row:
            id_, en = f"{id_} baris {self.row}", f"{en} row {self.row}"
        return id_, en


def cell_too_long(place: Place, hint: tuple[str, str] = ("", "")) -> InputFileError:
    """A cell past :attr:`Limits.cell_chars` (``hint``: a likely cause, Indonesian and
    English)."""
    limit = current().cell_chars
    where, where_en = place.text()
    return InputFileError(
        f"{where}: satu sel lebih dari {thousands(limit)} karakter; ini bukan isian survei "
        f"({hint[0]}--limit sel=N menaikkan batasnya)",
        f"{where_en}: a cell is longer than {limit:,} characters; this is not a survey answer "
        f"({hint[1]}--limit sel=N raises the limit)",
    )


def too_wide(place: Place, column: int) -> InputFileError:
    """A filled cell in a column (1-based) past :attr:`Limits.columns`."""
    limit = current().columns
    where, where_en = place.text()
    return InputFileError(
        f"{where} berisi sel di kolom ke-{thousands(column)}; batasnya {thousands(limit)} "
        "kolom (naikkan dengan --limit kolom=N bila berkasnya memang selebar itu)",
        f"{where_en} has a cell in column {column:,}; the limit is {limit:,} columns (raise "
        "it with --limit kolom=N if the file really is that wide)",
    )


def row_too_large(place: Place, size: int) -> InputFileError:
    """One row (a CSV line, a sheet row's XML) past ``size`` bytes."""
    where, where_en = place.text()
    megabytes = size // MB
    return InputFileError(
        f"{where}: satu baris lebih dari {megabytes} MB; ini bukan baris survei (berkas rusak? "
        "--limit baris-mb=N menaikkan batasnya)",
        f"{where_en}: one row is larger than {megabytes} MB; this is not a survey row (a "
        "damaged file? --limit baris-mb=N raises the limit)",
    )


def too_many_merged(place: Place) -> InputFileError:
    """A sheet with more than :attr:`Limits.merged_ranges` merged ranges."""
    limit = current().merged_ranges
    where, where_en = place.text()
    return InputFileError(
        f"{where} memiliki lebih dari {thousands(limit)} sel gabungan (--limit gabungan=N "
        "menaikkan batasnya)",
        f"{where_en} has more than {limit:,} merged ranges (--limit gabungan=N raises the limit)",
    )


def too_many_held(file: str) -> InputFileError:
    """A member, answer or recap file with more rows than :attr:`Limits.held_rows`."""
    limit = current().held_rows
    return InputFileError(
        f"{file}: lebih dari {thousands(limit)} baris untuk digabung per rumah tangga atau "
        "per desa (berkas anggota, jawaban atau rekap dibaca utuh ke memori; pecah berkasnya "
        "per Puskesmas, atau --limit baris-tergabung=N menaikkan batasnya)",
        f"{file}: more than {limit:,} rows to group by household or village (member, answer "
        "and recap files are held whole in memory; split the file by Puskesmas, or --limit "
        "baris-tergabung=N raises the limit)",
    )


def too_large_json(file: str) -> InputFileError:
    """A summary JSON larger than :attr:`Limits.json_bytes`."""
    size = current().json_bytes // MB
    return InputFileError(
        f"{file}: rekap JSON lebih dari {thousands(size)} MB (dibaca utuh ke memori; tulis "
        "rekapnya per kabupaten, atau --limit json-mb=N menaikkan batasnya)",
        f"{file}: summary JSON larger than {size:,} MB (it is read whole; write the summary "
        "by kabupaten, or --limit json-mb=N raises the limit)",
    )
