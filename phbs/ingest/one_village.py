"""A survey file of one village without a village column (docs/aturan.md §9.4).

A kader's sheet for one village often has no column for the village: every row is that
village. ``--desa KODE`` (or the mapping key ``desa``) says which, and the file is read as if
it had a ``kode_desa`` column holding that code in every row. The code is checked against the
region table before anything is read and against the file's own column of village names;
a file that has a village column has its blank cells filled and stops at a row that names
another village (the option never overrules what the file says). Every output names the
village so given (:attr:`~phbs.ingest.survey.FileReading.village`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import chain, islice
from pathlib import Path

from phbs.errors import SettingsError
from phbs.forms.model import Form
from phbs.ingest.columns import match_columns
from phbs.ingest.exports import detect_export
from phbs.ingest.file_maps import FileMaps
from phbs.ingest.mapping import QUESTION
from phbs.ingest.raw_table import RawTable
from phbs.ingest.settings import ReadSettings
from phbs.regions import VillageCode, normalise_name, region_table, village_option

#: The field every row is given.
VILLAGE_FIELD = "kode_desa"
#: Rows whose village names are compared with the village given before any is read.
NAMES_LOOKED_AT = 200


def with_village(table: RawTable, form: Form, village: str) -> RawTable:
    """``table`` with every row's village ``village``: in a ``kode_desa`` column added to the
    file, or in the file's own village column, whose blank cells are filled.

    The rows are read one by one (a file of one village is small). Raises
    :class:`~phbs.errors.SettingsError` for a code that is not a village of the region table,
    when most names in the file's column of village names (of the first
    :data:`NAMES_LOOKED_AT` rows) are another village's, and, at that row, when a cell of the
    file's village column names another village.
    """
    village = village_option(village, f"{table.name}: --desa")
    layout = detect_export(table.header)
    columns = match_columns(
        table.header, form, file=table.name, header_row=table.header_row, ignore=layout.ignored
    )
    rows: Iterator[tuple[int, list[str]]] = table.rows
    named = columns.index.get("nama_desa")
    if named is not None:
        head = list(islice(rows, NAMES_LOOKED_AT))
        _check_names(table, village, named, [cells for _, cells in head])
        rows = _named_rows(chain(head, rows), table, named, village)
    own = columns.index.get(VILLAGE_FIELD)
    if own is not None:
        filled = _filled(rows, table, own, village)
        return replace(table, rows=filled, segments=None)
    header = form.headers.get(VILLAGE_FIELD, VILLAGE_FIELD)
    given = ((number, [*cells, village]) for number, cells in rows)
    added = len(table.header)
    return replace(
        table, header=[*table.header, header], rows=given, segments=None, given_column=added
    )


def _filled(
    rows: Iterator[tuple[int, list[str]]], table: RawTable, at: int, village: str
) -> Iterator[tuple[int, list[str]]]:
    """The rows with the village given in the file's own village column: a blank cell is
    filled, a cell with that village's code or name kept as it, any other stops the run."""
    expected = normalise_name(region_table().name(village) or "")
    for number, cells in rows:
        cell = cells[at].strip() if at < len(cells) else ""
        code = VillageCode.parse(cell) if cell else None
        if cell and code is None and any(c in "0123456789" for c in cell):
            header = table.header[at]
            raise SettingsError(
                f"{table.name} baris {number}: kolom '{header}' berisi '{cell}', bukan kode desa "
                "yang sah (PP.KK.CC.DDDD); perbaiki sel itu, atau kosongkan: sel kosong diisi "
                f"desa yang diberikan ({village})",
                f"{table.name} row {number}: column '{header}' holds '{cell}', not a valid "
                "village code (PP.KK.CC.DDDD); correct that cell, or empty it: blank cells are "
                f"filled with the village given ({village})",
            )
        if cell and (code.dotted if code else normalise_name(cell)) not in (village, expected):
            header = table.header[at]
            raise SettingsError(
                f"{table.name} baris {number}: kolom '{header}' berisi '{cell}', bukan desa "
                f"yang diberikan ({village}, --desa atau desa: di peta). Sel kosong di kolom "
                "itu diisi desa yang diberikan; desa lain tidak pernah ditimpa: hapus --desa "
                "bila berkas berisi beberapa desa",
                f"{table.name} row {number}: column '{header}' holds '{cell}', not the village "
                f"given ({village}, --desa or desa: in the mapping). Blank cells of that column "
                "are filled with the village given; another village is never overwritten: leave "
                "--desa out if the file holds several villages",
            )
        padded = [*cells, *[""] * (at + 1 - len(cells))]
        padded[at] = village
        yield number, padded


def _named_rows(
    rows: Iterator[tuple[int, list[str]]], table: RawTable, at: int, village: str
) -> Iterator[tuple[int, list[str]]]:
    """The rows, stopped at one whose village name is another village's of the same
    kabupaten/kota (a name no village has, a typo, stays a warning of the row)."""
    regions = region_table()
    mine = normalise_name(regions.name(village) or "")
    others = {
        normalise_name(regions.name(code) or "")
        for code in regions.villages_in(village[:5])
        if code != village
    } - {mine}
    for number, cells in rows:
        name = cells[at].strip() if at < len(cells) else ""
        if name and normalise_name(name) in others:
            raise SettingsError(
                f"{table.name} baris {number}: kolom '{table.header[at]}' menyebut desa "
                f"'{name}', bukan {village} {regions.name(village)} yang diberikan (--desa atau "
                "desa: di peta); berkas berisi beberapa desa? Beri setiap desa berkasnya "
                "sendiri, atau baca nama desanya dengan --kecamatan KODE tanpa --desa",
                f"{table.name} row {number}: column '{table.header[at]}' names village "
                f"'{name}', not {village} {regions.name(village)} as given (--desa or desa: in "
                "the mapping); a file of several villages? Give each village its own file, or "
                "read the village names with --kecamatan CODE without --desa",
            )
        yield number, cells


def _check_names(table: RawTable, village: str, at: int, rows: list[list[str]]) -> None:
    """Refuse a village code that the file's own column of village names contradicts: most
    of its names (in the first rows) are not the name of the village given."""
    names = [cells[at].strip() for cells in rows if at < len(cells) and cells[at].strip()]
    expected = region_table().name(village) or ""
    other = Counter(n for n in names if normalise_name(n) != normalise_name(expected))
    if not names or sum(other.values()) * 2 <= len(names):
        return
    name, count = other.most_common(1)[0]
    header = table.header[at]
    raise SettingsError(
        f"{table.name}: kolom '{header}' menyebut desa '{name}' ({count} dari {len(names)} "
        f"baris pertama yang berisi), bukan {village} {expected} yang diberikan (--desa atau "
        "desa: di peta). Periksa kodenya: phbs tidak menebak desa mana yang benar",
        f"{table.name}: column '{header}' names village '{name}' ({count} of the first "
        f"{len(names)} rows that have one), not {village} {expected} as given (--desa or "
        "desa: in the mapping). Check the code: phbs does not guess which village is right",
    )


def check_one_file_each(paths: Sequence[Path], settings: ReadSettings, maps: FileMaps) -> None:
    """Refuse one village given for several files at once (``--desa KODE``, or ``desa`` in
    the mapping of every file): one file per village is the common case, and a code given
    for all of them would put every household into one village. Each file is given its own
    (``--desa BERKAS=KODE``, or a mapping per file), even when two files share a village."""
    default = maps.default
    shared = default is not None and default.map.desa not in (None, QUESTION)
    by_default = [p for p in paths if shared and maps.for_file(p) is default]
    if len(paths) < 2 or (settings.village is None and len(by_default) < 2):
        return
    named = " ".join(f"--desa {p}=KODE" for p in paths[:2])
    named_en = named.replace("=KODE", "=CODE")
    raise SettingsError(
        f"satu desa untuk {len(paths)} berkas (--desa KODE atau desa: di peta): setiap berkas "
        f"akan dibaca sebagai desa itu. Beri desa setiap berkas: {named} … (boleh sama)",
        f"one village for {len(paths)} files (--desa CODE or desa: in the mapping): every "
        f"file would be read as that village. Give each file its village: {named_en} … (they "
        "may be the same)",
    )


def check_village_files(paths: Sequence[Path], settings: ReadSettings) -> None:
    """Refuse ``--desa BERKAS=KODE`` for a file that is not read (a typo in ``BERKAS``)."""
    read = {Path(p).expanduser().resolve() for p in paths}
    unread = [str(file) for file, _ in settings.file_villages if file not in read]
    if unread:
        raise SettingsError(
            f"--desa {unread[0]}=…: berkas itu tidak dibaca (sebut juga sebagai berkas survei, "
            "atau periksa ejaannya)",
            f"--desa {unread[0]}=…: that file is not read (name it as a survey file too, or "
            "check its spelling)",
        )


def only_files(settings: ReadSettings, paths: Sequence[Path]) -> ReadSettings:
    """``settings`` with the villages of ``--desa BERKAS=KODE`` of ``paths`` only (one round
    of several)."""
    mine = {Path(p).expanduser().resolve() for p in paths}
    kept = tuple((file, code) for file, code in settings.file_villages if file in mine)
    return replace(settings, file_villages=kept)


def own_village(settings: ReadSettings, path: Path) -> ReadSettings:
    """``settings`` for the file ``path``: its own village of ``--desa BERKAS=KODE``, which a
    mapping giving another refuses."""
    key = Path(path).expanduser().resolve()
    code = dict(settings.file_villages).get(key)
    if code is None:
        return settings
    if settings.village not in (None, code):
        raise SettingsError(
            f"{path}: dua desa untuk satu berkas ({settings.village} dan --desa "
            f"{path}={code}); pilih satu",
            f"{path}: two villages for one file ({settings.village} and --desa {path}={code}); "
            "choose one",
        )
    return replace(settings, village=code)


def not_a_recap_option(path: str | Path) -> SettingsError:
    """The error for a village given for a village recap (docs/aturan.md §6.7): its rows are
    villages, each with its own code."""
    return SettingsError(
        f"{path}: rekap desa (satu baris per desa) tidak dibaca dengan --desa atau desa: di "
        "peta; setiap barisnya menyebut desanya sendiri: hapus --desa (atau desa: di peta)",
        f"{path}: a village recap (one row per village) is not read with --desa or desa: in "
        "a mapping; each of its rows names its own village: leave --desa (or desa:) out",
    )
