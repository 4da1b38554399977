"""A survey file of one village without a village column (docs/aturan.md §9.4).

A kader's sheet for one village often has no column for the village: every row is that
village. ``--desa KODE`` (or the mapping key ``desa``) says which, and the file is read as if
it had a ``kode_desa`` column holding that code in every row. The code is checked against the
region table before anything is read, and a file that does have a village column is refused
(the option would overrule what the file says, row by row). Every output names the village
so given (:attr:`~phbs.ingest.survey.FileReading.village`).
"""

from __future__ import annotations

from dataclasses import replace

from phbs.errors import SettingsError
from phbs.forms.model import Form
from phbs.ingest.columns import match_columns
from phbs.ingest.exports import detect_export
from phbs.ingest.raw_table import RawTable
from phbs.regions import REGION_TABLE_EDITION, VillageCode, region_table

#: The field every row is given.
VILLAGE_FIELD = "kode_desa"


def village_option(text: str, where: str = "--desa") -> str:
    """The dotted code of a village given as an option (``where`` names it in a message).

    >>> village_option("6310011007")
    '63.10.01.1007'

    Raises :class:`~phbs.errors.SettingsError` for a malformed code or one the region table
    does not have (a typo would put every household in another village).
    """
    code = VillageCode.parse(text)
    if code is None:
        raise SettingsError(
            f"{where} {text}: bukan kode desa Kemendagri (PP.KK.CC.DDDD, misalnya 63.10.01.1007)",
            f"{where} {text}: not a Kemendagri village code (PP.KK.CC.DDDD, e.g. 63.10.01.1007)",
        )
    if region_table().name(code.dotted) is None:
        raise SettingsError(
            f"{where} {text}: kode {code.dotted} tidak ada di tabel kode wilayah "
            f"({REGION_TABLE_EDITION}); periksa kodenya. Desa yang belum ada di tabel: tambahkan "
            "kolom kode_desa ke berkas",
            f"{where} {text}: code {code.dotted} is not in the region table "
            f"({REGION_TABLE_EDITION}); check the code. A village not yet in the table: add a "
            "kode_desa column to the file",
        )
    return code.dotted


def with_village(table: RawTable, form: Form, village: str) -> RawTable:
    """``table`` with a ``kode_desa`` column holding ``village`` in every row.

    The rows are read one by one (a file of one village is small). Raises
    :class:`~phbs.errors.SettingsError` when the file has a village column of its own.
    """
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
    header = form.headers.get(VILLAGE_FIELD, VILLAGE_FIELD)
    rows = ((number, [*cells, village]) for number, cells in table.rows)
    return replace(table, header=[*table.header, header], rows=rows, segments=None)
