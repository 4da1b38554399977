"""Kemendagri region codes (*kode wilayah*), DOMAIN.md §5.

A village code is ``PP.KK.CC.DDDD``: province, regency/city (01–69 kabupaten, 71–99 kota),
kecamatan and village, whose first digit tells 1 kelurahan, 2 desa, 3 desa adat. Codes are
accepted with or without dots and written dotted. Villages are matched by code, never by
name: names repeat.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from phbs.resources import data_path

REGION_TABLE_FILE = "kode-wilayah-kemendagri-2025.csv.gz"
REGION_TABLE_EDITION = "Kepmendagri 300.2.2-2138 Tahun 2025"
REGION_TABLE_ATTRIBUTION = (
    "Kode wilayah Kemendagri 2025 (Kepmendagri 300.2.2-2138 Tahun 2025), compiled by "
    "cahyadsn/wilayah, MIT licence, copyright (c) 2017-2025 Cahya DSN"
)

_SEPARATORS = re.compile(r"[\s.\-/]+")
# [0-9], not \d: \d also matches other scripts' digits.
_VILLAGE_DIGITS = re.compile(r"[0-9]{10}")


class Level(StrEnum):
    """The administrative levels a result can be rolled up to."""

    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KECAMATAN = "kecamatan"
    DESA = "desa"


_LEVEL_LENGTH = {Level.PROVINSI: 2, Level.KABUPATEN: 4, Level.KECAMATAN: 6, Level.DESA: 10}

_VILLAGE_KIND = {"1": "kelurahan", "2": "desa", "3": "desa adat"}


@dataclass(frozen=True, slots=True)
class VillageCode:
    """A well-formed village code, kept as its ten digits.

    >>> code = VillageCode.parse("6310012005")
    >>> code.dotted, code.kind, code.kecamatan
    ('63.10.01.2005', 'desa', '63.10.01')
    """

    digits: str

    @classmethod
    def parse(cls, text: str) -> VillageCode | None:
        """Parse ``text`` (dotted, plain digits, or with spaces); ``None`` when malformed.

        The village segment must start with 1, 2 or 3 and each segment must have its full
        width: ``63.10.1.2005`` is malformed, not ``63.10.01.2005``.
        """
        raw = text.strip()
        if "." in raw or "-" in raw or " " in raw or "/" in raw:
            parts = [p for p in _SEPARATORS.split(raw) if p]
            if [len(p) for p in parts] != [2, 2, 2, 4]:
                return None
            digits = "".join(parts)
        else:
            digits = raw
        if not _VILLAGE_DIGITS.fullmatch(digits) or digits[6] not in _VILLAGE_KIND:
            return None
        if digits[:2] == "00" or digits[2:4] == "00" or digits[4:6] == "00":
            return None
        return cls(digits)

    @property
    def dotted(self) -> str:
        """The ``PP.KK.CC.DDDD`` form."""
        d = self.digits
        return f"{d[:2]}.{d[2:4]}.{d[4:6]}.{d[6:]}"

    @property
    def kind(self) -> str:
        """``kelurahan``, ``desa`` or ``desa adat`` from the village segment's first digit."""
        return _VILLAGE_KIND[self.digits[6]]

    @property
    def kecamatan(self) -> str:
        """The dotted kecamatan code."""
        return self.dotted[:8]

    @property
    def kabupaten(self) -> str:
        """The dotted regency/city code."""
        return self.dotted[:5]

    @property
    def provinsi(self) -> str:
        """The province code."""
        return self.digits[:2]


def ancestor(dotted_village: str, level: Level) -> str:
    """The dotted code of the area at ``level`` that contains ``dotted_village``.

    >>> ancestor("63.10.01.2005", Level.KABUPATEN)
    '63.10'
    """
    width = {Level.PROVINSI: 2, Level.KABUPATEN: 5, Level.KECAMATAN: 8, Level.DESA: 13}[level]
    return dotted_village[:width]


def is_kota(kabupaten_code: str) -> bool:
    """Whether a dotted regency/city code is a *kota* (71–99) rather than a *kabupaten*."""
    return int(kabupaten_code[3:5]) >= 71


@dataclass(frozen=True)
class RegionTable:
    """Names of every code in one edition of the Kemendagri list."""

    names: dict[str, str]
    edition: str = REGION_TABLE_EDITION

    def name(self, dotted: str) -> str | None:
        """The name of a dotted code at any level, or ``None`` when it is not in the table.

        >>> region_table().name("63.10.01.2005")
        'Segumbang'
        """
        return self.names.get(dotted)

    def __contains__(self, dotted: object) -> bool:
        return dotted in self.names

    def villages_in(self, prefix: str) -> list[str]:
        """Dotted village codes under a dotted area prefix, sorted.

        >>> len(region_table().villages_in("63.10"))
        157
        """
        start = prefix + "."
        return sorted(c for c in self.names if len(c) == 13 and c.startswith(start))

    def full_name(self, dotted: str) -> str | None:
        """The display name with its kind for regencies and villages.

        ``63.10.01.1007`` → ``Kelurahan Batulicin``; kecamatan and provinces keep their name.
        """
        name = self.name(dotted)
        if name is None or len(dotted) != 13:
            return name
        code = VillageCode.parse(dotted)
        prefix = {"kelurahan": "Kelurahan", "desa": "Desa", "desa adat": "Desa Adat"}
        return f"{prefix[code.kind]} {name}" if code else name


@cache
def region_table() -> RegionTable:
    """Load the bundled table (once per process).

    >>> region_table().name("63")
    'Kalimantan Selatan'
    """
    raw = gzip.decompress(data_path(REGION_TABLE_FILE).read_bytes()).decode("utf-8")
    reader = csv.reader(io.StringIO(raw))
    next(reader)
    return RegionTable({row[0]: row[1] for row in reader if len(row) >= 2})


def normalise_name(name: str) -> str:
    """Fold a village name for comparison: case, spaces, and a leading kind word.

    >>> normalise_name("  Desa  SEGUMBANG ")
    'segumbang'
    """
    folded = " ".join(name.casefold().split())
    for word in ("kelurahan ", "desa adat ", "desa ", "kel. ", "ds. "):
        if folded.startswith(word):
            folded = folded[len(word) :]
            break
    return folded.replace(" ", "")
