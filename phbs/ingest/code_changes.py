"""The code-change file for comparing survey rounds (docs/aturan.md §5.8): which village codes
of an earlier round became which codes later, after a *pemekaran* (one village split in two),
a *penggabungan* (two villages merged) or a new code for the same village.

The Kemendagri table gives only this year's codes, so these changes cannot be looked up: the
user writes them, one row per old–new pair, columns ``kode_lama`` and ``kode_baru`` (CSV or
spreadsheet; ``keterangan`` optional, e.g. the regulation). The file is small and typed by
hand, and a row read wrongly would silently split or join villages, so any bad row refuses
the whole file with its row number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from phbs.errors import UnusableFileError
from phbs.ingest.columns import fold_header
from phbs.ingest.readers import open_table
from phbs.ingest.understand import missing_columns_error
from phbs.regions import VillageCode

_ALIASES: dict[str, set[str]] = {
    "kode_lama": {"kode lama", "kode asal", "kode desa lama", "kode sebelum", "old code"},
    "kode_baru": {"kode baru", "kode hasil", "kode desa baru", "kode sesudah", "new code"},
    "keterangan": {"keterangan", "catatan", "dasar hukum", "note", "notes"},
}


@dataclass(frozen=True)
class CodeChange:
    """One row: ``old`` became (part of) ``new``."""

    old: str
    new: str
    row: int
    note: str = ""


@dataclass(frozen=True)
class CodeChanges:
    """The rows of a code-change file, with where they came from."""

    changes: tuple[CodeChange, ...]
    source: str = ""
    sha256: str = ""


def _positions(header: list[str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for index, title in enumerate(header):
        key = fold_header(title)
        for name, aliases in _ALIASES.items():
            if key == fold_header(name) or key in aliases:
                found.setdefault(name, []).append(index)
    return found


def read_code_changes(path: str | Path, *, sheet: str | None = None) -> CodeChanges:
    """Read a code-change file; a bad row or a missing column is refused with its place.

    >>> import tempfile
    >>> file = Path(tempfile.mkdtemp()) / "kode.csv"
    >>> _ = file.write_text("kode_lama,kode_baru\\n6310012005,63.10.01.2013\\n")
    >>> [(c.old, c.new) for c in read_code_changes(file).changes]
    [('63.10.01.2005', '63.10.01.2013')]
    """
    # A title row above the header (as typed in a spreadsheet) is skipped: the header is the
    # row that names kode_lama.
    table = open_table(path, sheet=sheet, prefer=lambda cells: "kode_lama" in _positions(cells))
    found = _positions(table.header)
    missing = [name for name in ("kode_lama", "kode_baru") if name not in found]
    if missing:
        raise missing_columns_error(
            table.name,
            table.header_row,
            table.header,
            missing,
            {name: [name, *sorted(_ALIASES[name])] for name in missing},
            what=("berkas perubahan kode", "code-change file"),
        )
    for name, places in found.items():
        if len(places) > 1:
            columns = ", ".join(f"'{table.header[p]}'" for p in places)
            raise UnusableFileError(
                f"{table.name}: dua kolom untuk {name} ({columns}); sisakan satu",
                f"{table.name}: two columns for {name} ({columns}); keep one",
            )
    old_at, new_at = found["kode_lama"][0], found["kode_baru"][0]
    note_at = found.get("keterangan", [None])[0]
    changes: list[CodeChange] = []
    seen: dict[tuple[str, str], int] = {}
    for row, cells in table.rows:
        padded = cells + [""] * (len(table.header) - len(cells))
        raw_old, raw_new = padded[old_at].strip(), padded[new_at].strip()
        if not raw_old and not raw_new:
            continue
        old, new = VillageCode.parse(raw_old), VillageCode.parse(raw_new)
        where = f"{table.name} baris {row}"
        where_en = f"{table.name} row {row}"
        for raw, code, name in ((raw_old, old, "kode_lama"), (raw_new, new, "kode_baru")):
            if code is None:
                raise UnusableFileError(
                    f"{where}: {name} '{raw}' bukan kode desa (PP.KK.CC.DDDD); perbaiki baris "
                    "itu atau hapus",
                    f"{where_en}: {name} '{raw}' is not a village code (PP.KK.CC.DDDD); fix "
                    "or delete that row",
                )
        assert old is not None
        assert new is not None
        pair = (old.dotted, new.dotted)
        if pair in seen:
            raise UnusableFileError(
                f"{where}: {old.dotted} → {new.dotted} sudah ada di baris {seen[pair]}",
                f"{where_en}: {old.dotted} → {new.dotted} already given on row {seen[pair]}",
            )
        seen[pair] = row
        note = padded[note_at].strip() if note_at is not None else ""
        changes.append(CodeChange(old.dotted, new.dotted, row, note))
    if not changes:
        raise UnusableFileError(
            f"{table.name}: tidak ada baris perubahan kode",
            f"{table.name}: no code-change rows",
        )
    return CodeChanges(tuple(changes), table.name, table.sha256)
