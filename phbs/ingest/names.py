"""Village names where codes are expected: matched to codes within a given area, never by guess.

A KoBoToolbox export with *labels* of the XLSForm made with ``--kabupaten`` (the default
export setting) holds the village's choice label (``Desa Segumbang``) where the XML value
(``63.10.01.2005``) would be, and the kecamatan's label (``Batu Licin``) beside it. Whether a
file's village column holds names is decided from its first rows (:func:`holds_names`):
most of its non-blank cells are names (two letters or more, more letters than digits), not
just a few mistyped codes. Such a file is read only with a scope, a kabupaten/kota ``PP.KK``
or kecamatan ``PP.KK.CC`` of the bundled Kemendagri table
(:class:`~phbs.ingest.settings.ReadSettings` ``region_scope``, ``--kabupaten`` /
``--kecamatan``); each name is then compared with the names of the villages in the scope
(narrowed to the row's kecamatan when a kecamatan column names one) after folding case,
spacing, punctuation, the kind word (``Desa``, ``Kel.``, ``Kelurahan``, ``Ds.``) and a few
common abbreviations (``Sei`` = ``Sungai``). A name that fits exactly one village is read as
its code; one that fits several, or none, is an issue listing the candidates with their codes,
and the row is set aside (docs/aturan.md, *Identitas baris*).

>>> names = VillageNames("63.10")
>>> names.match("DESA  segumbang").code, names.match("Kel. Batu-licin").code
('63.10.01.2005', '63.10.01.1007')
>>> names.match("Kampung Baru").problem, names.match("Kampung Baru", "Kusan Hilir").code
('nama-desa-ambigu', '63.10.02.2008')
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from phbs.errors import SettingsError, SurveyError
from phbs.ingest.columns import fold_header
from phbs.ingest.raw_table import RawTable
from phbs.regions import RegionTable, region_table

# Headers of a kecamatan column: the XLSForm's helper question (its name and its labels)
# and the usual spellings of a typed table.
_KECAMATAN_HEADERS = frozenset(
    {"kode kecamatan", "kecamatan", "nama kecamatan", "kec", "district kecamatan"}
)
_SCOPE = re.compile(r"([0-9]{2})[.\s]?([0-9]{2})(?:[.\s]?([0-9]{2}))?")
_KECAMATAN_CODE = re.compile(r"([0-9]{2})[.\s]?([0-9]{2})[.\s]?([0-9]{2})")
_WORDS = re.compile(r"[^0-9a-z]+")
# Leading words that say a village's kind, not its name (the longest first).
_KIND_WORDS = (("desa", "adat"), ("kelurahan",), ("desa",), ("kel",), ("ds",))
_KECAMATAN_WORDS = (("kecamatan",), ("kec",))
# Abbreviations of a name's words as they are often typed, and the word they stand for.
_ABBREVIATIONS = {
    "sei": "sungai",
    "sungei": "sungai",
    "kp": "kampung",
    "kamp": "kampung",
    "tj": "tanjung",
    "tg": "tanjung",
}
_SIMILAR = 3


def _words(text: str) -> list[str]:
    """Lower-case ASCII words: accents dropped, apostrophes joined, other punctuation splits."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("'", "").replace("\u2019", "").replace("`", "")
    return [w for w in _WORDS.split(plain) if w]


def _key(text: str, kinds: Sequence[tuple[str, ...]]) -> str:
    words = _words(text)
    for kind in kinds:
        if len(words) > len(kind) and tuple(words[: len(kind)]) == kind:
            words = words[len(kind) :]
            break
    return "".join(_ABBREVIATIONS.get(w, w) for w in words)


def name_key(name: str) -> str:
    """A village name as compared.

    >>> name_key("  Ds. SEI  Loban "), name_key("Desa Adat Api-api"), name_key("Hati'if")
    ('sungailoban', 'apiapi', 'hatiif')
    """
    return _key(name, _KIND_WORDS)


def kecamatan_key(name: str) -> str:
    """A kecamatan name as compared (``Kec. Batu Licin`` = ``batulicin``)."""
    return _key(name, _KECAMATAN_WORDS)


def looks_like_name(text: str) -> bool:
    """Whether a village cell is a name rather than a (maybe mistyped) code: two letters at
    least (the shortest names in the table, ``Tu``, ``OP``), and more letters than digits.

    >>> looks_like_name("Desa Segumbang"), looks_like_name("63.10.02.20O5"), looks_like_name("x")
    (True, False, False)
    """
    letters = sum(c.isalpha() for c in text)
    return letters >= 2 and letters > sum(c.isdigit() for c in text)


def holds_names(cells: Iterable[str]) -> bool:
    """Whether a village column holds names: most of its non-blank cells are names (a file
    of codes with a name typed here and there is not).

    >>> holds_names(["Segumbang", "Batulicin", "6310012005"]), holds_names(["Segumbang", "6310"])
    (True, False)
    """
    filled = [c for c in cells if c.strip()]
    return 2 * sum(looks_like_name(c) for c in filled) > len(filled)


def kecamatan_column(header: Sequence[str]) -> int | None:
    """The one column of ``header`` that names the kecamatan, if exactly one does.

    Matched like other headers (case, punctuation, group paths ``identitas/kode_kecamatan``).

    >>> kecamatan_column(["Kecamatan", "Desa/kelurahan"]), kecamatan_column(["a", "b"])
    (0, None)
    """
    found = []
    for position, title in enumerate(header):
        spellings = [title, *(title.rsplit(sep, 1)[-1] for sep in "/-.:")]
        if any(fold_header(s) in _KECAMATAN_HEADERS for s in spellings):
            found.append(position)
    return found[0] if len(found) == 1 else None


def parse_scope(text: str, table: RegionTable | None = None) -> str:
    """The dotted code of a name-matching scope: a kabupaten/kota or a kecamatan of the table.

    >>> parse_scope("6310"), parse_scope(" 63.10.01 ")
    ('63.10', '63.10.01')

    Raises :class:`~phbs.errors.SettingsError` for a malformed or unknown code.
    """
    regions = table if table is not None else region_table()
    found = _SCOPE.fullmatch(text.strip())
    if found is None:
        raise SettingsError(
            f"Wilayah pencocokan nama desa '{text}' (--kabupaten/--kecamatan) bukan kode "
            "kabupaten/kota PP.KK (mis. 63.10) atau kecamatan PP.KK.CC (mis. 63.10.01)",
            f"Name-matching area '{text}' (--kabupaten/--kecamatan) is not a regency/city "
            "code PP.KK (e.g. 63.10) or a kecamatan code PP.KK.CC (e.g. 63.10.01)",
        )
    dotted = ".".join(part for part in found.groups() if part)
    if not regions.villages_in(dotted):
        raise SettingsError(
            f"Wilayah pencocokan nama desa {dotted} (--kabupaten/--kecamatan) tidak ada di "
            f"tabel kode wilayah ({regions.edition})",
            f"Name-matching area {dotted} (--kabupaten/--kecamatan) is not in the region "
            f"table ({regions.edition})",
        )
    return dotted


def names_without_scope(table: RawTable, column: str, example: str) -> SurveyError:
    """The refusal of a file whose village column holds names when no scope was given."""
    return SurveyError(
        f"{table.name}: kolom '{column}' berisi nama desa (mis. '{example}'), bukan kode desa "
        "Kemendagri. Ekspor ulang dengan 'XML values and headers' di KoBoToolbox, atau beri "
        "--kabupaten KODE (atau --kecamatan KODE, atau region di peta berkas) agar phbs "
        "mencocokkan nama dengan kode di wilayah itu; nama yang ambigu atau tidak dikenal "
        "disisihkan, tidak ditebak.",
        f"{table.name}: column '{column}' holds village names (e.g. '{example}'), not "
        "Kemendagri village codes. Export again with 'XML values and headers' in "
        "KoBoToolbox, or give --kabupaten CODE (or --kecamatan CODE, or region in a mapping) "
        "so that phbs matches the names to the codes of that area; ambiguous or unknown names "
        "are set aside, never guessed.",
    )


@dataclass(frozen=True)
class NameMatch:
    """What a village name is within the scope: a code, or why not (an issue code and the
    candidates, each ``Desa Kampung Baru (63.10.02.2008, Kec. Kusan Hilir)``)."""

    code: str | None
    problem: str = ""
    area: str = ""
    candidates: tuple[str, ...] = ()

    def params(self) -> dict[str, object]:
        """The parameters of the issue (``nama-desa-ambigu``, ``nama-desa-tidak-dikenal``)."""
        listed = ", ".join(self.candidates)
        return {
            "area": self.area,
            "count": len(self.candidates),
            "candidates": listed,
            "similar": f"; yang mirip: {listed}" if listed else "; tidak ada nama yang mirip",
            "similar_en": f"; similar: {listed}" if listed else "; no similar name",
        }


@dataclass
class FileNames:
    """A file whose village column holds names: its header and the names matched so far."""

    column: str
    rows: int = 0
    names: set[str] = field(default_factory=set)

    def matched(self, name: str) -> None:
        """Count one row whose name was matched."""
        self.rows += 1
        if len(self.names) < 100_000:
            self.names.add(name)


class VillageNames:
    """The villages of one area of the Kemendagri table, by name as compared."""

    def __init__(self, scope: str, table: RegionTable | None = None) -> None:
        self.table = table if table is not None else region_table()
        self.scope = parse_scope(scope, self.table)
        self._villages: dict[str, list[str]] = {}
        self._kecamatan: dict[str, list[str]] = {}
        for code in self.table.villages_in(self.scope):
            self._villages.setdefault(name_key(self.table.name(code) or ""), []).append(code)
        for code in sorted({c[:8] for codes in self._villages.values() for c in codes}):
            self._kecamatan.setdefault(kecamatan_key(self.table.name(code) or ""), []).append(code)
        self._cache: dict[tuple[str, str], NameMatch] = {}

    def area(self, dotted: str | None = None) -> str:
        """An area for messages: ``Kabupaten Tanah Bumbu (63.10)``,
        ``Kecamatan Batu Licin (63.10.01)``."""
        code = dotted or self.scope
        name = self.table.name(code) or ""
        if len(code) == 8:
            name = f"Kecamatan {name}"
        return f"{name} ({code})"

    def _describe(self, code: str) -> str:
        name = self.table.full_name(code) or code
        return f"{name} ({code}, Kec. {self.table.name(code[:8]) or code[:8]})"

    def _kecamatan_of(self, text: str) -> str | None:
        """The dotted kecamatan in scope that a kecamatan cell names (a code or a name)."""
        value = text.strip()
        if not value:
            return None
        code = _KECAMATAN_CODE.fullmatch(value)
        if code is not None:
            dotted = ".".join(code.groups())
            return dotted if dotted.startswith(self.scope) and dotted in self.table else None
        found = self._kecamatan.get(kecamatan_key(value), [])
        return found[0] if len(found) == 1 else None

    def match(self, name: str, kecamatan: str = "") -> NameMatch:
        """The village a name stands for, narrowed to ``kecamatan`` (a code or a name of a
        kecamatan in scope; anything else does not narrow)."""
        cache_key = (name, kecamatan)
        found = self._cache.get(cache_key)
        if found is None:
            found = self._match(name, kecamatan)
            if len(self._cache) < 65_536:
                self._cache[cache_key] = found
        return found

    def _match(self, name: str, kecamatan: str) -> NameMatch:
        key = name_key(name)
        within = self._kecamatan_of(kecamatan)
        area = self.area(within)
        everywhere = self._villages.get(key, [])
        codes = [c for c in everywhere if within is None or c.startswith(within + ".")]
        if len(codes) == 1:
            return NameMatch(codes[0], area=area)
        if len(codes) > 1:
            listed = tuple(self._describe(c) for c in codes)
            return NameMatch(None, "nama-desa-ambigu", area, listed)
        # Unknown here: the same name elsewhere in scope, else the closest spellings.
        others = everywhere or [
            code
            for similar in difflib.get_close_matches(key, list(self._villages), _SIMILAR, 0.8)
            for code in self._villages[similar]
            if within is None or code.startswith(within + ".")
        ]
        listed = tuple(self._describe(c) for c in others)
        return NameMatch(None, "nama-desa-tidak-dikenal", area, listed)


_BY_NAME: dict[tuple[str, int], dict[str, list[str]]] = {}


def _villages_by_name(table: RegionTable) -> dict[str, list[str]]:
    """Every village of the table by its name as compared (made once per table)."""
    key = (table.edition, len(table))
    if key not in _BY_NAME:
        found: dict[str, list[str]] = {}
        for province in range(11, 100):
            for code in table.villages_in(f"{province:02d}"):
                found.setdefault(name_key(table.name(code) or ""), []).append(code)
        _BY_NAME[key] = found
    return _BY_NAME[key]


def likely_scope(names: Iterable[str], table: RegionTable | None = None) -> str | None:
    """The one kecamatan, else the one kabupaten/kota, that has exactly one village of every
    name in ``names``; None when no area or more than one does, or a name is found twice in
    it (then a person must say).

    >>> likely_scope(["Desa Segumbang", "Batulicin", "Kersik Putih"])
    '63.10.01'
    >>> likely_scope(["Kampung Baru"]) is None
    True
    """
    regions = table if table is not None else region_table()
    index = _villages_by_name(regions)
    keys = {name_key(n) for n in names if looks_like_name(n)} - {""}
    if not keys:
        return None
    for width in (8, 5):  # a kecamatan PP.KK.CC, then a kabupaten/kota PP.KK
        common: set[str] | None = None
        for key in keys:
            areas = {code[:width] for code in index.get(key, [])}
            common = areas if common is None else common & areas
        if common is not None and len(common) == 1:
            (area,) = common
            if all(sum(c.startswith(area) for c in index.get(k, [])) == 1 for k in keys):
                return area
            return None
    return None


def scope_candidates(
    names: Iterable[str], table: RegionTable | None = None, count: int = 3
) -> list[tuple[str, int, int]]:
    """The kabupaten/kota, then the kecamatan, with villages of the most of ``names``:
    ``(code, names found there, distinct names)``, best first, at most ``count`` of each.

    >>> scope_candidates(["Kampung Baru", "Kota Pagatan"], count=1)
    [('63.10', 2, 2), ('63.10.02', 2, 2)]
    """
    regions = table if table is not None else region_table()
    index = _villages_by_name(regions)
    keys = {name_key(n) for n in names if looks_like_name(n)} - {""}
    ranked: list[tuple[str, int, int]] = []
    for width in (5, 8):
        found: dict[str, int] = {}
        for key in keys:
            for area in {code[:width] for code in index.get(key, [])}:
                found[area] = found.get(area, 0) + 1
        best = sorted(found.items(), key=lambda pair: (-pair[1], pair[0]))[:count]
        ranked += [(area, hits, len(keys)) for area, hits in best]
    return ranked
