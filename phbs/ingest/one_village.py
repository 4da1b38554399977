"""A survey file of one village without a village column (docs/aturan.md §9.4).

A kader's sheet for one village often has no column for the village: every row is that
village. ``--desa KODE`` (or the mapping key ``desa``) says which, and the file is read as if
it had a ``kode_desa`` column holding that code in every row. The code is checked against the
region table before anything is read, and a file that does have a village column is refused
(the option would overrule what the file says, row by row). Every output names the village
so given (:attr:`~phbs.ingest.survey.FileReading.village`).
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
from phbs.regions import normalise_name, region_table, village_option

#: The field every row is given.
VILLAGE_FIELD = "kode_desa"
#: Rows whose village names are compared with the village given before any is read.
NAMES_LOOKED_AT = 200


def with_village(table: RawTable, form: Form, village: str) -> RawTable:
    """``table`` with a ``kode_desa`` column holding ``village`` in every row.

    The rows are read one by one (a file of one village is small). Raises
    :class:`~phbs.errors.SettingsError` for a code that is not a village of the region table,
    when the file has a village column of its own, and when most names in its column of
    village names (of the first :data:`NAMES_LOOKED_AT` rows) are another village's.
    """
    village = village_option(village, f"{table.name}: --desa")
    layout = detect_export(table.header)
    columns = match_columns(
        table.header, form, file=table.name, header_row=table.header_row, ignore=layout.ignored
    )
    if VILLAGE_FIELD in columns.index:
        header = table.header[columns.index[VILLAGE_FIELD]]
        raise SettingsError(
            f"{table.name}: berkas punya kolom desa '{header}'; --desa (atau desa: di peta) "
            "hanya untuk berkas tanpa kolom desa. Hapus --desa agar setiap baris dibaca "
            "dengan desanya sendiri (kolom berisi nama desa: --kecamatan KODE)",
            f"{table.name}: the file has a village column '{header}'; --desa (or desa: in the "
            "mapping) is only for a file without one. Leave --desa out so that each row is "
            "read with its own village (a column of village names: --kecamatan CODE)",
        )
    rows: Iterator[tuple[int, list[str]]] = table.rows
    named = columns.index.get("nama_desa")
    if named is not None:
        head = list(islice(rows, NAMES_LOOKED_AT))
        _check_names(table, village, named, [cells for _, cells in head])
        rows = chain(head, rows)
    header = form.headers.get(VILLAGE_FIELD, VILLAGE_FIELD)
    given = ((number, [*cells, village]) for number, cells in rows)
    return replace(table, header=[*table.header, header], rows=given, segments=None)


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
    raise SettingsError(
        f"satu desa untuk {len(paths)} berkas (--desa KODE atau desa: di peta): setiap berkas "
        f"akan dibaca sebagai desa itu. Beri desa setiap berkas: {named} … (boleh sama)",
        f"one village for {len(paths)} files (--desa CODE or desa: in the mapping): every "
        f"file would be read as that village. Give each file its village: {named} … (they "
        "may be the same)",
    )


def own_village(settings: ReadSettings, path: Path) -> ReadSettings:
    """``settings`` for the file ``path``: its own village of ``--desa BERKAS=KODE``, which a
    mapping giving another refuses."""
    key = Path(path).expanduser().resolve()
    code = dict(settings.file_villages).get(key)
    if code is None:
        return settings
    if settings.village not in (None, code):
        raise SettingsError(
            f"{path}: peta berkas memberi desa {settings.village}, --desa memberi {code}: "
            "pilih satu",
            f"{path}: the mapping gives village {settings.village}, --desa gives {code}: "
            "choose one",
        )
    return replace(settings, village=code)
