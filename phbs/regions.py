"""Kemendagri region codes (*kode wilayah*), docs/aturan.md §9.

A village code is ``PP.KK.CC.DDDD``: province, regency/city (01–69 kabupaten, 71–99 kota),
kecamatan and village, whose first digit tells 1 kelurahan, 2 desa, 3 desa adat. Codes are
accepted with or without dots and written dotted. Villages are matched by code: names
repeat. A file that has names instead is matched only within an area the user gives, and an
ambiguous name is never guessed (:mod:`phbs.ingest.names`, docs/aturan.md, Identitas baris).
"""

from __future__ import annotations

import csv
import gzip
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from phbs.errors import SettingsError
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


class RegionTable(Mapping[str, str]):
    """Names of every code in one edition of the Kemendagri list, by dotted code.

    It is read-only and held compactly: the codes as one sorted numpy array of bytes, the
    names as offsets into the table's own UTF-8 text. The 91,599 codes of the bundled
    edition take about 5 MB, where a dictionary of strings would take about 30 MB (a sixth
    of what scoring a province may use).

    >>> table = RegionTable({"63.10": "Kabupaten Tanah Bumbu", "63": "Kalimantan Selatan"})
    >>> list(table), table["63"], table.name("63.1"), len(table)
    (['63', '63.10'], 'Kalimantan Selatan', None, 2)
    """

    _WIDTH = 13  # the longest code: a village, PP.KK.CC.DDDD

    def __init__(self, names: Mapping[str, str], edition: str = REGION_TABLE_EDITION) -> None:
        codes = list(names)
        for code in codes:
            _check_code(code)
        encoded = [names[c].encode("utf-8") for c in codes]
        lengths = np.array([len(e) for e in encoded], dtype=np.int64)
        ends = np.cumsum(lengths)
        self._set(
            np.array([c.encode("ascii") for c in codes], dtype=f"S{self._WIDTH}"),
            b"".join(encoded),
            ends - lengths,
            ends,
        )
        self.edition = edition

    @classmethod
    def from_csv(cls, data: bytes, edition: str = REGION_TABLE_EDITION) -> RegionTable:
        """A table from CSV bytes with a header and ``code,name`` lines, cut with numpy
        (a line whose name is quoted is read by :mod:`csv`); a code given twice keeps its
        last name, as in a dictionary."""
        data = data if data.endswith(b"\n") else data + b"\n"
        buf = np.frombuffer(data, dtype=np.uint8)
        line_ends = np.flatnonzero(buf == ord("\n"))
        starts = np.concatenate(([0], line_ends[:-1] + 1))[1:]  # without the header
        line_ends = line_ends[1:]
        text_ends = line_ends - (buf[np.maximum(line_ends - 1, 0)] == ord("\r"))
        keep = text_ends > starts
        starts, text_ends = starts[keep], text_ends[keep]
        commas = np.append(np.flatnonzero(buf == ord(",")), len(data))
        comma = commas[np.searchsorted(commas, starts)]
        if (comma >= text_ends).any():
            raise ValueError("every line of the region table needs a code and a name")
        quoted = np.zeros(len(starts), dtype=bool)
        quotes = np.flatnonzero(buf == ord('"'))
        if len(quotes):
            line_of_quote = np.searchsorted(starts, quotes, side="right") - 1
            quoted[line_of_quote[line_of_quote >= 0]] = True
        code_length = comma - starts
        if (code_length > cls._WIDTH).any() or (code_length < 1).any():
            raise ValueError("a region code is longer than 13 characters, or empty")
        # The first 13 bytes of every line (past the end: NULs), those past the code zeroed.
        padded = np.frombuffer(data + bytes(cls._WIDTH), dtype=np.uint8)
        codes = np.lib.stride_tricks.sliding_window_view(padded, cls._WIDTH)[starts]
        codes[np.arange(cls._WIDTH) >= code_length[:, None]] = 0
        name_starts, name_ends = comma + 1, text_ends.copy()
        extra = [data]
        offset = len(data)
        for i in np.flatnonzero(quoted).tolist():
            line = data[int(starts[i]) : int(text_ends[i])].decode("utf-8")
            row = next(csv.reader([line]))
            _check_code(row[0])
            name = (row[1] if len(row) > 1 else "").encode("utf-8")
            codes[i] = 0
            code = row[0].encode("ascii")
            codes[i, : len(code)] = np.frombuffer(code, dtype=np.uint8)
            name_starts[i], name_ends[i] = offset, offset + len(name)
            extra.append(name)
            offset += len(name)
        table = cls.__new__(cls)
        table._set(
            codes.view(f"S{cls._WIDTH}").reshape(-1),
            b"".join(extra),
            name_starts,
            name_ends,
        )
        table.edition = edition
        return table

    def _set(
        self,
        codes: NDArray[np.bytes_],
        text: bytes,
        starts: NDArray[np.integer[Any]],
        ends: NDArray[np.integer[Any]],
    ) -> None:
        # Sorted by code; of a code given twice, the last one counts.
        if len(codes) > 1 and bool((codes[1:] > codes[:-1]).all()):
            # Already in order, each code once (the bundled table): nothing to sort.
            self._codes, self._text = codes, text
            self._starts = np.asarray(starts).astype(np.int64)
            self._ends = np.asarray(ends).astype(np.int64)
            return
        order = np.argsort(codes, kind="stable")
        codes = codes[order]
        last = np.append(codes[1:] != codes[:-1], True) if len(codes) else np.zeros(0, bool)
        self._codes = codes[last]
        self._text = text
        self._starts = np.asarray(starts)[order[last]].astype(np.int64)
        self._ends = np.asarray(ends)[order[last]].astype(np.int64)

    def _position(self, dotted: str) -> int | None:
        if len(dotted) > self._WIDTH or not dotted.isascii() or dotted.endswith("\0"):
            return None
        key = dotted.encode("ascii")
        i = int(np.searchsorted(self._codes, key))
        return i if i < len(self._codes) and self._codes[i] == key else None

    def _name_at(self, i: int) -> str:
        return self._text[int(self._starts[i]) : int(self._ends[i])].decode("utf-8")

    def __getitem__(self, dotted: str) -> str:
        i = self._position(dotted)
        if i is None:
            raise KeyError(dotted)
        return self._name_at(i)

    def __iter__(self) -> Iterator[str]:
        return (code.decode("ascii") for code in self._codes.tolist())

    def __len__(self) -> int:
        return len(self._codes)

    def __contains__(self, dotted: object) -> bool:
        return isinstance(dotted, str) and self._position(dotted) is not None

    @property
    def names(self) -> RegionTable:
        """The table itself, as a read-only mapping from dotted code to name."""
        return self

    def name(self, dotted: str) -> str | None:
        """The name of a dotted code at any level, or ``None`` when it is not in the table.

        >>> region_table().name("63.10.01.2005")
        'Segumbang'
        """
        i = self._position(dotted)
        return None if i is None else self._name_at(i)

    def villages_in(self, prefix: str) -> list[str]:
        """Dotted village codes under a dotted area prefix, sorted.

        >>> len(region_table().villages_in("63.10"))
        157
        """
        start = (prefix + ".").encode("ascii", "replace")
        low = int(np.searchsorted(self._codes, start))
        high = int(np.searchsorted(self._codes, start + b"\xff"))
        codes = (c.decode("ascii") for c in self._codes[low:high].tolist())
        return [c for c in codes if len(c) == self._WIDTH]

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
    return RegionTable.from_csv(gzip.decompress(data_path(REGION_TABLE_FILE).read_bytes()))


def _check_code(code: str) -> None:
    if not code or len(code) > RegionTable._WIDTH or not code.isascii() or code.endswith("\0"):
        raise ValueError(f"not a dotted region code: {code!r}")


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


def village_option(text: str, where: str = "--desa") -> str:
    """The dotted code of a village given as an option (``where`` names it in a message).

    >>> village_option("6310011007")
    '63.10.01.1007'

    Raises :class:`~phbs.errors.SettingsError` for a malformed code or one the region table
    does not have (a typo would put every household in another village; ``--desa``,
    docs/aturan.md §9.4).
    """
    shown = f"{where}{text}" if where.endswith("=") else f"{where} {text}"
    code = VillageCode.parse(text)
    if code is None:
        area = _area_of(text)
        raise SettingsError(
            f"{shown}: bukan kode desa Kemendagri{area[0]} (PP.KK.CC.DDDD, segmen desa diawali "
            "1 kelurahan, 2 desa atau 3 desa adat; misalnya 63.10.01.1007)",
            f"{shown}: not a Kemendagri village code{area[1]} (PP.KK.CC.DDDD, the village "
            "segment starting with 1 kelurahan, 2 desa or 3 desa adat; e.g. 63.10.01.1007)",
        )
    if region_table().name(code.dotted) is None:
        raise SettingsError(
            f"{shown}: kode {code.dotted} tidak ada di tabel kode wilayah "
            f"({REGION_TABLE_EDITION}); periksa kodenya. Desa yang belum ada di tabel: tambahkan "
            "kolom kode_desa ke berkas",
            f"{shown}: code {code.dotted} is not in the region table "
            f"({REGION_TABLE_EDITION}); check the code. A village not yet in the table: add a "
            "kode_desa column to the file",
        )
    return code.dotted


def _area_of(text: str) -> tuple[str, str]:
    """`` (63.10.01 adalah Kecamatan Batu Licin)`` when an area's code is given where a
    village's is expected, in both languages; empty texts otherwise."""
    digits = "".join(c for c in text if c in "0123456789")
    dotted = ".".join(digits[i : i + 2] for i in range(0, len(digits), 2))
    name = region_table().name(dotted) if len(digits) in (2, 4, 6) else None
    if name is None:
        return "", ""
    kind = {2: "Provinsi ", 6: "Kecamatan "}.get(len(digits), "")  # a regency says its kind
    return f" ({dotted} adalah {kind}{name})", f" ({dotted} is {kind}{name})"
