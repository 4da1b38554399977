"""The villages file: total households per village, for *dipantau* (docs/aturan.md §5.3).

Columns ``kode_desa`` and ``jumlah_rumah_tangga`` (``nama_desa`` optional), CSV or
spreadsheet. A bad row is an issue; the village's total is then unknown. Counts may carry a
thousands separator (``1.234``), as health-office tables are typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from phbs.errors import UnusableFileError
from phbs.ingest.columns import fold_header
from phbs.ingest.readers import open_table
from phbs.ingest.understand import missing_columns_error
from phbs.ingest.values import parse_count
from phbs.issues import Issue, make_issue
from phbs.regions import REGION_TABLE_EDITION, VillageCode, region_table

_ALIASES = {
    "kode_desa": {"kode desa", "kode", "kode wilayah", "kode desa kelurahan", "village code"},
    "jumlah_rumah_tangga": {
        "jumlah rumah tangga",
        "jumlah rt",
        "total rumah tangga",
        "rumah tangga",
        "jumlah kk",
        "households",
        "total households",
    },
}


@dataclass(frozen=True)
class VillageTotals:
    """Known total households per dotted village code, with the file's issues."""

    totals: dict[str, int]
    issues: list[Issue] = field(default_factory=list)
    source: str = ""
    sha256: str = ""


def read_villages(path: str | Path, *, sheet: str | None = None) -> VillageTotals:
    """Read a villages file.

    >>> from phbs.resources import data_path
    >>> totals = read_villages(data_path("contoh", "desa-tanah-bumbu.csv"))
    >>> all(n > 0 for n in totals.totals.values())
    True
    """
    table = open_table(path, sheet=sheet)
    matches: dict[str, list[int]] = {}
    for index, title in enumerate(table.header):
        key = fold_header(title)
        for field_code, aliases in _ALIASES.items():
            if key == fold_header(field_code) or key in aliases:
                matches.setdefault(field_code, []).append(index)
    positions = {code: found[0] for code, found in matches.items() if len(found) == 1}
    issues: list[Issue] = []
    totals: dict[str, int] = {}
    regions = region_table()
    for field_code in _ALIASES:
        if len(matches.get(field_code, [])) > 1:
            # Two candidate columns: an issue, never a guess (docs/aturan.md §6.4).
            issues.append(
                make_issue(
                    "kolom-ambigu",
                    file=table.name,
                    row=table.header_row,
                    column=field_code,
                    field=field_code,
                    columns=", ".join(f"'{table.header[p]}'" for p in matches[field_code]),
                )
            )
        elif field_code not in positions:
            issues.append(
                make_issue(
                    "kolom-wajib-tidak-ada",
                    file=table.name,
                    row=table.header_row,
                    column=field_code,
                    field=field_code,
                )
            )
    if issues:
        # Without these columns there is no % dipantau to give: refused, not left blank.
        missing = [i.column for i in issues]
        error = missing_columns_error(
            table.name,
            table.header_row,
            table.header,
            missing,
            {code: [code, *_ALIASES[code]] for code in missing},
            what=("berkas desa", "villages file"),
        )
        ambiguous = [i for i in issues if i.code == "kolom-ambigu"]
        if ambiguous:
            error = UnusableFileError(
                f"{table.name}: {ambiguous[0].message_id}",
                f"{table.name}: {ambiguous[0].message_en}",
            )
        raise error
    seen_rows: dict[str, int] = {}
    for row_number, cells in table.rows:
        padded = cells + [""] * (len(table.header) - len(cells))
        raw_code = padded[positions["kode_desa"]].strip()
        raw_total = padded[positions["jumlah_rumah_tangga"]].strip()
        if not raw_code and not raw_total:
            continue
        code = VillageCode.parse(raw_code)
        total = parse_count(raw_total)
        reason_id = reason_en = ""
        if code is None:
            reason_id, reason_en = (
                f"kode desa '{raw_code}' tidak sah",
                f"village code '{raw_code}' is malformed",
            )
        elif total is None or total <= 0:
            reason_id, reason_en = (
                f"jumlah rumah tangga '{raw_total}' bukan bilangan bulat positif",
                f"household count '{raw_total}' is not a positive whole number",
            )
        elif code.dotted in seen_rows:
            reason_id, reason_en = (
                f"kode {code.dotted} sudah ada di baris {seen_rows[code.dotted]}",
                f"code {code.dotted} already given on row {seen_rows[code.dotted]}",
            )
        if reason_id or code is None or total is None:
            issues.append(
                make_issue(
                    "data-desa-salah",
                    file=table.name,
                    row=row_number,
                    value=raw_code,
                    reason=reason_id,
                    reason_en=reason_en,
                )
            )
            continue
        seen_rows[code.dotted] = row_number
        totals[code.dotted] = total
        if code.dotted not in regions:
            issues.append(
                make_issue(
                    "kode-desa-tidak-dikenal",
                    file=table.name,
                    row=row_number,
                    column="kode_desa",
                    value=code.dotted,
                    edition=REGION_TABLE_EDITION,
                )
            )
    return VillageTotals(totals, issues, table.name, table.sha256)
