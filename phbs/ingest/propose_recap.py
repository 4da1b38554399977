"""What ``phbs map`` proposes for a village recap sheet (docs/aturan.md §6.7): which column
holds the households surveyed, ber-PHBS, and each indicator's count *ya*, the count it applies
to and its percentage.

A recap sheet names its columns its own way, often in two header rows: an indicator's name
merged over *Ada* / *Ya* / *%* (read joined: ``1. Persalinan … Ada``). A column is an
indicator's when the indicator's name, code or an alias is in its header; the part is told by
a word: *ya* → ``_ya``; *ada*, *berlaku*, *dinilai*, *jml* → ``_berlaku``; ``%``, *persen*,
*cakupan* → ``_cakupan``. Other columns: *didata* / *disurvei* / *dinilai* → households
surveyed, *belum lengkap*, *tidak ber-PHBS*, *ber-PHBS* (a ``%`` makes it the percentage).
Rows under the table that name no village (*JUMLAH*, *TOTAL*) are skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

from phbs.errors import PhbsError
from phbs.forms.model import Form
from phbs.ingest.columns import alias_map, fold_header
from phbs.ingest.proposal import Column, Proposal
from phbs.ingest.readers import open_table
from phbs.ingest.recap import RECAP_FIELDS

#: Indicator columns from which a header row is taken for a recap's.
RECAP_INDICATORS = 3
_SURVEYED = re.compile(r"\b(didata|disurvei|dinilai|dikunjungi|diperiksa|dipantau)\b")
_YES = re.compile(r"\b(ya|jml ya|jumlah ya|capaian|tercapai|memenuhi)$")
_APPLIES = re.compile(r"\b(ada|berlaku|dinilai|jml|jumlah|n|rt|sasaran|target)$")
_PERCENT = re.compile(r"%|\b(persen|cakupan|pct)\b")
_FOOTER = re.compile(r"^(jumlah|total|rata|kabupaten|kecamatan|puskesmas)\b")


def _spellings(form: Form) -> list[tuple[str, str]]:
    """(folded spelling, indicator) pairs, longest first."""
    found = {
        fold_header(spelling): indicator.code
        for indicator in form.indicators
        for spelling in (indicator.code, indicator.name, *indicator.aliases)
        if fold_header(spelling)
    }
    return sorted(found.items(), key=lambda pair: -len(pair[0]))


def recap_field(header: str, spellings: list[tuple[str, str]]) -> str | None:
    """The recap field a header most likely holds, or None.

    >>> from phbs.forms.loading import load_form
    >>> spellings = _spellings(load_form("kemenkes-rt-10").form)
    >>> for h in ["4. Menggunakan air bersih Ada", "4. Menggunakan air bersih Ya", "Jamban %",
    ...           "Jumlah RT Didata", "RT Ber-PHBS Jml", "RT Ber-PHBS %", "No"]:
    ...     print(recap_field(h, spellings))
    air_bersih_berlaku
    air_bersih_ya
    jamban_sehat_cakupan
    disurvei
    ber_phbs
    persen_ber_phbs
    None
    """
    folded = fold_header(header)
    percent = bool(_PERCENT.search(header.casefold()))
    padded = f" {folded} "
    for spelling, code in spellings:
        if f" {spelling} " in padded:
            rest = padded.replace(f" {spelling} ", " ").strip()
            if percent:
                return f"{code}_cakupan"
            if _YES.search(rest):
                return f"{code}_ya"
            if _APPLIES.search(rest):
                return f"{code}_berlaku"
            return None
    if "belum lengkap" in folded:
        return "belum_lengkap"
    if "tidak ber phbs" in folded:
        return "tidak_ber_phbs"
    if "ber phbs" in folded:
        return "persen_ber_phbs" if percent else "ber_phbs"
    if _SURVEYED.search(folded):
        return "disurvei"
    known = {fold_header(a): code for code, spelled in RECAP_FIELDS.items() for a in spelled}
    found = known.get(folded)
    return found if found in ("kode_desa", "nama_desa") else None


def recap_header_row(path: str | Path, sheet: str | None, row: int, form: Form) -> int | None:
    """The header row of a recap sheet, if the sheet is one: ``row`` or the row under it (a
    header of two rows), whichever has the most indicator count columns (at least
    :data:`RECAP_INDICATORS`) beside a households-surveyed column."""
    spellings = _spellings(form)
    best: tuple[int, int | None] = (RECAP_INDICATORS - 1, None)
    for candidate in (row, row + 1):
        try:
            table = open_table(path, sheet=sheet, header_row=candidate)
        except PhbsError:
            continue
        try:
            fields = [recap_field(h, spellings) for h in table.header]
        finally:
            table.close()
        indicators = sum(1 for f in fields if f and f.rsplit("_", 1)[0] in form.codes)
        if "disurvei" in fields and indicators > best[0]:
            best = (indicators, candidate)
    return best[1]


def propose_recap(
    proposal: Proposal, form: Form, rows: list[list[str]], numbers: list[int]
) -> None:
    """Give the columns their recap fields, skip the rows under the table, and list the
    counts no column was found for (questions)."""
    proposal.shape = "rekap"
    spellings = _spellings(form)
    taken: set[str] = set()
    aliases = alias_map(form)
    for column in proposal.columns:
        if column.why:
            continue
        field = recap_field(column.header, spellings)
        if field is None and aliases.get(fold_header(column.header)) == "nama_desa":
            field = "nama_desa"
        if field and field.endswith("_berlaku") and field in taken:
            field = field.removesuffix("berlaku") + "ya"  # Ada, then Jml: the count of ya
        if field is not None and field not in taken:
            column.field, column.why = field, "recap"
            taken.add(field)
    _counts_of_yes(proposal, form)
    taken = {c.field for c in proposal.columns if c.field}
    surveyed = next((c for c in proposal.columns if c.field == "disurvei"), None)
    for indicator in form.indicators:
        wanted = f"{indicator.code}_berlaku"
        if wanted not in taken and surveyed is not None and indicator.applies_to.context is None:
            # Applies to every household (no child's age decides): surveyed is its denominator,
            # which the percentage beside it confirms row by row.
            proposal.denominators[wanted] = surveyed.header
            taken.add(wanted)
    village = _village_column(proposal)
    if village is not None:
        end = len(rows)
        while end and (
            not _cell(rows[end - 1], village.position)
            or _FOOTER.match(fold_header(_cell(rows[end - 1], village.position)))
        ):
            end -= 1
        proposal.skip_rows += numbers[end:]
        kept = {_cell(r, village.position) for r in rows[:end]}
        village.values = [v for v in village.values if v in kept]
        taken.add("kode_desa")
    needed = ["kode_desa", "disurvei"]
    if not {"ber_phbs", "persen_ber_phbs"} & taken:
        needed.append("ber_phbs")
    for code in form.codes:
        if f"{code}_berlaku" not in taken:
            needed.append(f"{code}_berlaku")
        if f"{code}_ya" not in taken and f"{code}_cakupan" not in taken:
            needed.append(f"{code}_ya")
    proposal.missing = [f for f in needed if f not in taken]
    proposal.required = set(needed)


def _village_column(proposal: Proposal) -> Column | None:
    """The village column: codes, else names (read in place of codes, matched in a region)."""
    columns = {c.field: c for c in proposal.columns if c.field}
    if "kode_desa" in columns:
        return columns["kode_desa"]
    named = columns.get("nama_desa")
    if named is not None:
        named.field, named.why = "kode_desa", "names"
    return named


def _cell(cells: list[str], position: int) -> str:
    return cells[position].strip() if position < len(cells) else ""


_COUNT_WORD = re.compile(r"\b(jml|jumlah)$")


def _counts_of_yes(proposal: Proposal, form: Form) -> None:
    """An indicator's *Jml* is its count of *ya* when it has no *Ya* column of its own: beside
    *Ada* (the households it applies to) or beside its percentage."""
    by_indicator: dict[str, list[Column]] = {}
    for column in proposal.columns:
        if column.field and column.field.rsplit("_", 1)[0] in form.codes:
            by_indicator.setdefault(column.field.rsplit("_", 1)[0], []).append(column)
    for code, columns in by_indicator.items():
        fields = {c.field for c in columns}
        counts = [c for c in columns if _COUNT_WORD.search(fold_header(c.header))]
        if f"{code}_ya" in fields or not counts:
            continue
        others = [c for c in columns if c not in counts]
        if any(c.field in (f"{code}_berlaku", f"{code}_cakupan") for c in others) or len(
            counts
        ) == len(columns):
            counts[0].field = f"{code}_ya"
