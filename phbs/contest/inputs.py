"""Village attributes and recorded overrides for the contest ranking, docs/aturan.md §7.2, §7.4.

* The attributes file holds per-village facts a rubric may score: ``kode_desa`` and one
  column per attribute (``status_odf``, ``kader_aktif``, …). Columns the rubric does not use
  are kept but not scored.
* The overrides file records decisions of the judging panel, each with a written reason that
  appears wherever the result is shown: ``kode_desa, tindakan, kriteria, nilai, alasan``,
  where ``tindakan`` is ``keluarkan`` (exclude the village) or ``ubah`` (set one criterion's
  0–100 score, e.g. after verification in sampled houses).

Both are read with :func:`~phbs.ingest.readers.open_table`; every problem is an issue record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from phbs.contest.judges import ALIASES, locate_columns
from phbs.contest.rubric import AttributeSource, Rubric, fold_value, parse_number
from phbs.ingest.columns import fold_header
from phbs.ingest.readers import open_table
from phbs.ingest.understand import require_columns
from phbs.issues import Issue, make_issue
from phbs.regions import VillageCode


def attribute_key(header: str) -> str:
    """The attribute name a column header stands for.

    >>> attribute_key("Status ODF")
    'status_odf'
    """
    return fold_header(header).replace(" ", "_")


@dataclass(frozen=True)
class VillageAttributes:
    """``values[kode_desa][attribute]`` as written (stripped), with the file's issues."""

    values: dict[str, dict[str, str]]
    rows: dict[str, int]
    columns: list[str]
    names: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    source: str = ""
    sha256: str = ""


def read_attributes(
    path: str | Path, rubric: Rubric, *, sheet: str | None = None
) -> VillageAttributes:
    """Read a village attributes file; every attribute the rubric scores must be a column.

    >>> from phbs.resources import data_path
    >>> from phbs.contest.rubric_loading import load_rubric
    >>> rubric = load_rubric("lomba-desa-ber-phbs").rubric
    >>> facts = read_attributes(data_path("contoh", "atribut-desa.csv"), rubric)
    >>> facts.values["63.10.01.2005"]["status_odf"]
    'deklarasi'
    """
    table = open_table(path, sheet=sheet)
    positions = locate_columns(table.header, ["kode_desa", "nama_desa"])
    columns = {
        i: attribute_key(title)
        for i, title in enumerate(table.header)
        if i not in positions.values() and attribute_key(title)
    }
    issues: list[Issue] = []
    needed = ["kode_desa"] + [
        c.source.attribute for _, c in rubric.criteria() if isinstance(c.source, AttributeSource)
    ]
    missing = [n for n in dict.fromkeys(needed) if n not in positions and n not in columns.values()]
    spelled = {n: [n.replace("_", " ")] for n in missing}
    require_columns(table, missing, spelled, what=("berkas atribut desa", "attributes file"))
    values: dict[str, dict[str, str]] = {}
    rows: dict[str, int] = {}
    names: dict[str, str] = {}
    for row, cells in table.rows:
        padded = cells + [""] * (len(table.header) - len(cells))
        raw = padded[positions["kode_desa"]].strip()
        if not any(c.strip() for c in padded):
            continue
        code = VillageCode.parse(raw)
        if code is None:
            issues.append(
                make_issue(
                    "kode-desa-salah", file=table.name, row=row, column="kode_desa", value=raw
                )
            )
            continue
        if code.dotted in rows:
            issues.append(
                make_issue(
                    "desa-ganda",
                    file=table.name,
                    row=row,
                    column="kode_desa",
                    value=code.dotted,
                    first_row=rows[code.dotted],
                )
            )
            continue
        rows[code.dotted] = row
        values[code.dotted] = {name: padded[i].strip() for i, name in columns.items()}
        if "nama_desa" in positions and padded[positions["nama_desa"]].strip():
            names[code.dotted] = padded[positions["nama_desa"]].strip()
    return VillageAttributes(
        values, rows, list(columns.values()), names, issues, table.name, table.sha256
    )


class OverrideAction(StrEnum):
    """What an override does."""

    EXCLUDE = "keluarkan"
    ADJUST = "ubah"


_ACTIONS = {
    OverrideAction.EXCLUDE: {"keluarkan", "dikeluarkan", "diskualifikasi", "exclude"},
    OverrideAction.ADJUST: {"ubah", "koreksi", "ganti", "adjust"},
}
_OVERRIDE_ALIASES = {
    **ALIASES,
    "tindakan": {"tindakan", "aksi", "jenis koreksi", "action"},
    "nilai": {"nilai", "nilai baru", "skor", "new score", "score"},
    "alasan": {"alasan", "alasan koreksi", "dasar", "reason"},
}


@dataclass(frozen=True)
class Override:
    """One recorded decision: exclude a village, or set one criterion's score."""

    kode_desa: str
    action: OverrideAction
    criterion: str | None
    value: float | None
    reason: str
    row: int


@dataclass(frozen=True)
class Overrides:
    """The usable overrides, in file order, with the file's issues."""

    items: list[Override]
    issues: list[Issue] = field(default_factory=list)
    source: str = ""
    sha256: str = ""


def read_overrides(path: str | Path, rubric: Rubric, *, sheet: str | None = None) -> Overrides:
    """Read an overrides file; an override without a reason is an issue and is not applied.

    >>> from phbs.resources import data_path
    >>> from phbs.contest.rubric_loading import load_rubric
    >>> rubric = load_rubric("lomba-desa-ber-phbs").rubric
    >>> [o.action.value for o in read_overrides(data_path("contoh", "koreksi.csv"), rubric).items]
    ['ubah', 'keluarkan']
    """
    table = open_table(path, sheet=sheet)
    fields = ["kode_desa", "tindakan", "kriteria", "nilai", "alasan"]
    positions = locate_columns(table.header, fields, _OVERRIDE_ALIASES)
    issues: list[Issue] = []
    missing = [name for name in ("kode_desa", "tindakan", "alasan") if name not in positions]
    require_columns(table, missing, _OVERRIDE_ALIASES, what=("berkas koreksi", "overrides file"))
    criteria = {c.id for _, c in rubric.criteria()}
    items: list[Override] = []
    seen: dict[tuple[str, OverrideAction, str | None], int] = {}
    for row, cells in table.rows:
        if not any(c.strip() for c in cells):
            continue

        def cell(name: str, cells: list[str] = cells) -> str:
            index = positions.get(name)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        def bad(reason: str, reason_en: str, column: str, row: int = row) -> None:
            issues.append(
                make_issue(
                    "koreksi-salah",
                    file=table.name,
                    row=row,
                    column=column,
                    value=cell(column),
                    reason=reason,
                    reason_en=reason_en,
                )
            )

        code = VillageCode.parse(cell("kode_desa"))
        if code is None:
            bad(f"kode desa '{cell('kode_desa')}' tidak sah", "malformed village code", "kode_desa")
            continue
        action = next(
            (a for a, words in _ACTIONS.items() if fold_value(cell("tindakan")) in words), None
        )
        if action is None:
            bad(
                "tindakan harus 'keluarkan' atau 'ubah'",
                "action must be 'keluarkan' (exclude) or 'ubah' (adjust)",
                "tindakan",
            )
            continue
        if not cell("alasan"):
            issues.append(
                make_issue(
                    "koreksi-tanpa-alasan",
                    file=table.name,
                    row=row,
                    column="alasan",
                    value=code.dotted,
                )
            )
            continue
        criterion: str | None = None
        value: float | None = None
        if action is OverrideAction.ADJUST:
            criterion = cell("kriteria")
            if criterion not in criteria:
                bad(
                    f"kriteria '{criterion}' tidak ada di rubrik {rubric.id}",
                    f"criterion '{criterion}' is not in rubric {rubric.id}",
                    "kriteria",
                )
                continue
            value = parse_number(cell("nilai"))
            if value is None or not 0 <= value <= 100:
                bad("nilai baru harus angka 0–100", "the new score must be a number 0–100", "nilai")
                continue
        key = (code.dotted, action, criterion)
        if key in seen:
            bad(
                f"koreksi yang sama sudah ada di baris {seen[key]}",
                f"the same override is already on row {seen[key]}",
                "kode_desa",
            )
            continue
        seen[key] = row
        items.append(Override(code.dotted, action, criterion, value, cell("alasan"), row))
    return Overrides(items, issues, table.name, table.sha256)
