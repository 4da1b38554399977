"""Village recaps as input (docs/aturan.md §6.7): per village, the households surveyed and
ber-PHBS and, per indicator, the count *ya* and the count it applies to — the numbers a
Puskesmas sends to the district, or an earlier ``phbs score -o rekap.csv``.

A recap is read by its headers (``rumah_tangga_disurvei`` and ``ber_phbs`` or
``persen_ber_phbs``, no household id) or by a mapping with ``shape: rekap``. Each row is one
village; it is kept with its counts, or set aside with its reason, so rows read = villages
kept + rows set aside. Counts must be whole numbers that add up (ber-PHBS ≤ surveyed, *ya* ≤
applicable ≤ surveyed); a percentage is turned into a count only with its denominator and only
when exactly one count gives that percentage as written. What a recap cannot give — the
households themselves, dusun, surveyors, duplicate households, missing answers per indicator —
is said in an issue (``rekap-desa``), not made up.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from phbs.errors import InputFileError
from phbs.forms.model import Form
from phbs.ingest import limits
from phbs.ingest.columns import fold_given_header
from phbs.ingest.columns import fold_header as _fold_plain
from phbs.ingest.mapping import LoadedMap
from phbs.ingest.names import VillageNames
from phbs.ingest.raw_table import RawTable
from phbs.ingest.survey import RecapVillage
from phbs.issues import Issue, make_issue
from phbs.regions import VillageCode, region_table

#: The recap's own fields and the header spellings read for them (compared folded).
RECAP_FIELDS: dict[str, tuple[str, ...]] = {
    "kode_desa": ("kode", "kode desa", "kode wilayah", "kode desa kelurahan"),
    "nama_desa": ("nama", "nama desa", "desa", "desa kelurahan", "nama desa kelurahan"),
    "disurvei": (
        "rumah tangga disurvei",
        "disurvei",
        "jumlah rumah tangga disurvei",
        "rumah tangga didata",
        "jumlah rumah tangga didata",
    ),
    "ber_phbs": ("ber phbs", "rumah tangga ber phbs", "jumlah rumah tangga ber phbs"),
    "tidak_ber_phbs": ("tidak ber phbs", "rumah tangga tidak ber phbs"),
    "belum_lengkap": ("belum lengkap", "rumah tangga belum lengkap"),
    "persen_ber_phbs": ("persen ber phbs", "ber phbs persen", "ber phbs %", "% ber phbs"),
    "jumlah_desa": ("jumlah desa",),
}


def fold_header(text: str) -> str:
    """A recap header folded as :func:`phbs.ingest.columns.fold_header` does, but with ``%``
    kept as a word: ``RT ber-PHBS`` and ``% RT ber-PHBS`` are two columns.

    >>> fold_header("% RT Ber-PHBS"), fold_header("RT Ber-PHBS")
    ('persen rt ber phbs', 'rt ber phbs')
    """
    return _fold_plain(text.replace("%", " persen "))


#: Per indicator: the count *ya*, the count it applies to (answered), and its percentage.
INDICATOR_PARTS = ("ya", "berlaku", "cakupan")
#: Digits a count may have (a province has millions of households, not 10^15).
_DIGITS = 15
_NUMBER = re.compile(r"^\d+(\.0+)?$")
_PERCENT = re.compile(r"^(\d{1,3})(?:[.,](\d+))?\s*%?$")


def recap_headers(form: Form) -> dict[str, str]:
    """Folded header → recap field, for ``form``'s indicators and classes too."""
    headers = {fold_header(a): code for code, spellings in RECAP_FIELDS.items() for a in spellings}
    for code in RECAP_FIELDS:
        headers[fold_header(code)] = code
    for code in form.codes:
        for part in INDICATOR_PARTS:
            headers[fold_header(f"{code}_{part}")] = f"{code}_{part}"
        headers[fold_header(f"{code}_persen")] = f"{code}_cakupan"
    for kind in form.classes.classes if form.classes else []:
        headers[fold_header(f"kelas_{kind.code}")] = f"kelas_{kind.code}"
    return headers


def is_recap(header: Sequence[str], form: Form) -> bool:
    """Whether a header row is a village recap's: households surveyed and ber-PHBS, no id."""
    known = recap_headers(form)
    found = {known.get(fold_header(h)) for h in header}
    ids = {"id rumah tangga", "id", "no kk", "nomor kk", "id keluarga"}
    has_id = any(fold_header(h) in ids for h in header)
    return "disurvei" in found and bool({"ber_phbs", "persen_ber_phbs"} & found) and not has_id


@dataclass
class RecapFile:
    """What one recap file gave: villages kept, rows set aside with their issues."""

    table: RawTable
    columns: dict[str, int]
    villages: list[tuple[int, RecapVillage]] = field(default_factory=list)
    aside: list[tuple[int, list[str], list[Issue]]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    mapping: LoadedMap | None = None


class _RowError(Exception):
    def __init__(self, issue: Issue) -> None:
        self.issue = issue


def _columns(table: RawTable, form: Form, mapping: LoadedMap | None) -> dict[str, int]:
    """Recap field → column, by the mapping's headers first, then by the known spellings."""
    known = recap_headers(form)
    columns: dict[str, int] = {}
    at = {fold_given_header(title): p for p, title in reversed(list(enumerate(table.header)))}
    if mapping is not None:  # one header may give several fields (surveyed = a denominator)
        for field_code, title in mapping.map.columns.items():
            if fold_given_header(title) in at:
                columns[field_code] = at[fold_given_header(title)]
    mapped = set(columns.values())
    for position, title in enumerate(table.header):
        code = known.get(fold_header(title))
        if code is not None and code not in columns and position not in mapped:
            columns[code] = position
    return columns


def _needed(table: RawTable, form: Form, columns: dict[str, int]) -> None:
    """Refuse a recap without the counts it needs, saying which."""
    lacking: list[tuple[str, str]] = []
    if "kode_desa" not in columns:
        lacking.append(("kode_desa", "kode desa Kemendagri / Kemendagri village code"))
    if "disurvei" not in columns:
        lacking.append(("rumah_tangga_disurvei", "rumah tangga disurvei / households surveyed"))
    if "ber_phbs" not in columns and "persen_ber_phbs" not in columns:
        lacking.append(("ber_phbs", "rumah tangga ber-PHBS / households ber-PHBS"))
    for code in form.codes:
        if f"{code}_berlaku" not in columns:
            lacking.append((f"{code}_berlaku", "penyebut / denominator"))
        if f"{code}_ya" not in columns and f"{code}_cakupan" not in columns:
            lacking.append((f"{code}_ya", "jumlah ya / count yes"))
    for kind in form.classes.classes if form.classes else []:
        if f"kelas_{kind.code}" not in columns:
            lacking.append((f"kelas_{kind.code}", "rumah tangga per kelas / households per class"))
    if not lacking:
        return
    shown = ", ".join(code for code, _ in lacking[:8]) + (" …" if len(lacking) > 8 else "")
    percent_only = any(code.endswith("_berlaku") for code, _ in lacking) and any(
        c.endswith("_cakupan") for c in columns
    )
    why_id = (
        " Rekap berisi persentase tanpa penyebutnya: persentase saja tidak dapat dijumlahkan "
        "ke kecamatan atau diberi interval; tambahkan untuk setiap indikator jumlah rumah "
        "tangga tempat indikator berlaku dan dijawab (KODE_berlaku)."
        if percent_only
        else ""
    )
    why_en = (
        " The recap holds percentages without their denominators: percentages alone cannot be "
        "summed to the kecamatan or given an interval; add for each indicator the number of "
        "households it applies to and was answered in (CODE_berlaku)."
        if percent_only
        else ""
    )
    raise InputFileError(
        f"{table.name}: rekap desa tanpa kolom {shown} (aturan.md §6.7).{why_id} Per desa "
        "perlu: kode_desa, rumah_tangga_disurvei, ber_phbs, dan per indikator KODE_ya dan "
        "KODE_berlaku (atau KODE_cakupan dengan KODE_berlaku). Judul kolom sendiri: "
        f"phbs map {table.name} -o peta.yaml mengusulkan petanya.",
        f"{table.name}: village recap without the column(s) {shown} (aturan.md §6.7).{why_en} "
        "Each village needs: kode_desa, rumah_tangga_disurvei, ber_phbs, and per indicator "
        "CODE_ya and CODE_berlaku (or CODE_cakupan with CODE_berlaku). Headers of its own: "
        f"phbs map {table.name} -o map.yaml proposes the mapping.",
    )


class _Row:
    """One recap row being read: its cells by field, and the issue that sets it aside."""

    def __init__(self, table: RawTable, row: int, cells: list[str], columns: dict[str, int]):
        self.table, self.row, self.cells, self.columns = table, row, cells, columns

    def text(self, code: str) -> str:
        at = self.columns.get(code)
        return self.cells[at].strip() if at is not None and at < len(self.cells) else ""

    def fail(self, code: str, column: str, value: str, **params: object) -> _RowError:
        header = self.table.header[self.columns[column]] if column in self.columns else column
        return _RowError(
            make_issue(
                code, file=self.table.name, row=self.row, column=header, value=value, **params
            )
        )

    def count(self, code: str, *, required: bool = True) -> int | None:
        value = self.text(code)
        if not value:
            if required:
                raise self.fail("rekap-angka-salah", code, value)
            return None
        if not _NUMBER.fullmatch(value) or len(value.split(".")[0]) > _DIGITS:
            raise self.fail("rekap-angka-salah", code, value[:40])
        return int(value.split(".")[0])

    def from_percent(self, code: str, denominator: int, given: int | None = None) -> int:
        """The one count out of ``denominator`` that gives the percentage as written; with
        ``given`` (the count the row also has), that count, checked against the percentage."""
        value = self.text(code)
        match = _PERCENT.fullmatch(value)
        if match is None or float(value.rstrip("% ").replace(",", ".")) > 100:
            raise self.fail("rekap-angka-salah", code, value)
        decimals = len(match.group(2) or "")
        percent = float(value.rstrip("% ").replace(",", "."))
        half = 0.5 * 10.0**-decimals + 1e-9
        # Every k with |100 k / n - p| <= half, found without counting up to n.
        low = max(0, math.ceil((percent - half) * denominator / 100 - 1e-9))
        high = min(denominator, math.floor((percent + half) * denominator / 100 + 1e-9))
        fits = range(low, high + 1) if denominator else range(0, 1 if percent == 0 else 0)
        detail = f"{value} % dari {denominator}"
        detail += f", jumlah {given}" if given is not None else ""
        if given is not None:
            if given not in fits:
                raise self.fail("rekap-tidak-cocok", code, value, detail=detail)
            return given
        if len(fits) != 1:
            kind = "rekap-persen-ambigu" if len(fits) else "rekap-tidak-cocok"
            shown = ", ".join(str(k) for k in fits[:4])
            raise self.fail(kind, code, value, denominator=denominator, counts=shown, detail=detail)
        return fits[0]


def _ber_phbs(row: _Row, surveyed: int, incomplete: int, given: int | None) -> int:
    """Households ber-PHBS from their percentage: of ber-PHBS + tidak (§5.1); a count beside
    it may also fit the percentage of the households surveyed, as many recaps write it."""
    if incomplete == 0:
        return row.from_percent("persen_ber_phbs", surveyed, given)
    try:
        return row.from_percent("persen_ber_phbs", surveyed - incomplete, given)
    except _RowError:
        if given is None:
            raise
        return row.from_percent("persen_ber_phbs", surveyed, given)


def _village(
    row: _Row, form: Form, seen: dict[str, str], names: VillageNames | None
) -> tuple[RecapVillage, list[Issue]]:
    """Read one row as a village, or raise :class:`_RowError`."""
    notes: list[Issue] = []
    code_text = row.text("kode_desa")
    villages_in = row.text("jumlah_desa")
    if villages_in and villages_in not in ("1", "1.0"):
        raise row.fail("rekap-bukan-desa", "kode_desa", code_text)
    if not code_text:
        raise row.fail("kode-desa-kosong", "kode_desa", "")
    code = VillageCode.parse(code_text)
    if code is None and names is not None:
        # A village named, matched within the area the mapping or the command gives (§9.3).
        match = names.match(code_text)
        if match.code is None:
            raise row.fail(match.problem, "kode_desa", code_text, **match.params())
        code = VillageCode.parse(match.code)
    if code is None:
        raise row.fail("kode-desa-salah", "kode_desa", code_text)
    table = region_table()
    name = row.text("nama_desa")
    if code.dotted in table:
        name = table[code.dotted]
    else:
        notes.append(
            make_issue(
                "kode-desa-tidak-dikenal",
                file=row.table.name,
                row=row.row,
                column=row.table.header[row.columns["kode_desa"]],
                value=code.dotted,
                edition=table.edition,
            )
        )
    if code.dotted in seen:
        raise row.fail("desa-ganda", "kode_desa", code.dotted, first_row=seen[code.dotted])
    surveyed = row.count("disurvei")
    assert surveyed is not None
    incomplete = row.count("belum_lengkap", required=False) or 0
    met = row.count("ber_phbs", required=False)
    if met is None or row.text("persen_ber_phbs"):
        met = _ber_phbs(row, surveyed, incomplete, met)
    not_met = row.count("tidak_ber_phbs", required=False)
    if not_met is None:
        not_met = surveyed - met - incomplete
    if min(not_met, met) < 0 or met + not_met + incomplete != surveyed:
        detail = f"ber {met} + tidak {not_met} + belum lengkap {incomplete} ≠ disurvei {surveyed}"
        raise row.fail("rekap-tidak-cocok", "disurvei", str(surveyed), detail=detail)
    ya: list[int] = []
    answered: list[int] = []
    for indicator in form.codes:
        applies = row.count(f"{indicator}_berlaku")
        assert applies is not None
        given = (
            row.count(f"{indicator}_ya", required=False)
            if f"{indicator}_ya" in row.columns
            else None
        )
        if given is None or row.text(f"{indicator}_cakupan"):
            given = row.from_percent(f"{indicator}_cakupan", applies, given)
        if given > applies or applies > surveyed:
            detail = f"{indicator}: ya {given}, berlaku {applies}, disurvei {surveyed}"
            raise row.fail("rekap-tidak-cocok", f"{indicator}_ya", str(given), detail=detail)
        ya.append(given)
        answered.append(applies)
    classes: list[int] = []
    for kind in form.classes.classes if form.classes else []:
        count = row.count(f"kelas_{kind.code}")
        assert count is not None
        classes.append(count)
    if classes and sum(classes) > surveyed:
        detail = f"kelas {sum(classes)} > disurvei {surveyed}"
        raise row.fail("rekap-tidak-cocok", "disurvei", str(surveyed), detail=detail)
    village = RecapVillage(
        code.dotted,
        name,
        surveyed,
        met,
        not_met,
        incomplete,
        tuple(ya),
        tuple(answered),
        tuple(classes),
    )
    return village, notes


def read_recap_file(
    table: RawTable,
    form: Form,
    mapping: LoadedMap | None,
    seen: dict[str, str],
    names: VillageNames | None = None,
) -> RecapFile:
    """Every row of one recap file, kept as a village or set aside; ``seen`` holds the
    villages of earlier files (``file:row``), so a village given twice is set aside;
    ``names`` matches village names where codes are expected (within an area)."""
    columns = _columns(table, form, mapping)
    _needed(table, form, columns)
    found = RecapFile(table, columns, mapping=mapping)
    skip = frozenset(mapping.map.skip_rows) if mapping else frozenset()
    limit = limits.current().held_rows
    for count, (number, cells) in enumerate(table.rows, 1):
        if count > limit:
            raise limits.too_many_held(table.name)
        row = _Row(table, number, cells, columns)
        if number in skip:
            found.aside.append(
                (number, cells, [make_issue("baris-dilewati", file=table.name, row=number)])
            )
            continue
        try:
            village, notes = _village(row, form, seen, names)
        except _RowError as stop:
            found.aside.append((number, cells, [stop.issue]))
            continue
        seen[village.dotted] = f"{table.name}:{number}"
        found.villages.append((number, village))
        found.issues += notes
    households = sum(v.surveyed for _, v in found.villages)
    found.issues.append(
        make_issue(
            "rekap-desa",
            file=table.name,
            value=str(len(found.villages)),
            households=households,
        )
    )
    return found
