"""The issues of a comparison of rounds (docs/aturan.md §5.8): villages missing from a round,
codes joined, code-change rows that join nothing, forms that differ."""

from __future__ import annotations

import re

from phbs.ingest.code_changes import CodeChanges
from phbs.issues import Issue, make_issue
from phbs.trends.models import AreaTrend
from phbs.trends.rounds import Round
from phbs.trends.units import Units

#: Villages listed by name in one issue before "…".
_LISTED = 12


def comparison_issues(
    rounds: list[Round], units: Units, changes: CodeChanges | None
) -> list[Issue]:
    issues: list[Issue] = []
    joined = {u.code: u for u in units.of_code.values() if u.members}
    for unit in joined.values():
        issues.append(
            make_issue("kode-desa-digabung", value=" ~ ".join(unit.members), name=unit.name)
        )
    all_units = {u.code: u for u in units.of_code.values()}
    for rnd in rounds:
        here = {units.of_code[c].code for c in rnd.villages}
        missing = sorted(code for code in all_units if code not in here)
        if missing:
            shown = [f"{code} {all_units[code].name}" for code in missing[:_LISTED]]
            more = ", …" if len(missing) > _LISTED else ""
            issues.append(
                make_issue(
                    "desa-tidak-ada-di-putaran",
                    value=", ".join(shown) + more,
                    count=len(missing),
                    round=rnd.label,
                )
            )
    for row, used in zip(changes.changes if changes else (), units.used_rows, strict=True):
        if not used:
            absent = [c for c in (row.old, row.new) if c not in units.of_code]
            issues.append(
                make_issue(
                    "perubahan-kode-tidak-dipakai",
                    file=changes.source if changes else "",
                    row=row.row,
                    value=f"{row.old} → {row.new}",
                    reason="tidak disurvei di putaran mana pun: " + ", ".join(absent),
                    reason_en="not surveyed in any round: " + ", ".join(absent),
                )
            )
    forms = {r.definition for r in rounds}
    if len(forms) > 1 or len({r.indicators for r in rounds}) > 1:
        described = "; ".join(
            f"{r.label}: {r.form} ({len(r.indicators)} indikator, na_policy {r.na_policy}, "
            f"penyebut {r.base.value})"
            for r in rounds
        )
        issues.append(make_issue("formulir-berbeda", value=described))
    years = [r.label for r in rounds]
    if all(re.fullmatch(r"(19|20)\d\d", y) for y in years) and years != sorted(years):
        issues.append(make_issue("putaran-tidak-urut", value=" → ".join(years)))
    return issues


#: Share of the households found by id whose head's name differs, from which the ids are
#: said to be numbered afresh.
RENUMBERED_SHARE = 0.2


def pairing_issues(wilayah: list[AreaTrend], pairs: list[tuple[str, str]]) -> list[Issue]:
    """A warning for a pair of rounds where many households found by id have another head
    of household's name (ids numbered afresh each round)."""
    issues = []
    for first, last in pairs:
        moved = [m for a in wilayah for m in a.transisi if (m.dari, m.ke) == (first, last)]
        other = sum(m.nama_berbeda for m in moved)
        found = other + sum(m.berpasangan + m.belum_lengkap for m in moved)
        if other and other >= RENUMBERED_SHARE * found:
            issues.append(
                make_issue(
                    "id-sama-nama-berbeda",
                    value=f"{first} → {last}",
                    count=other,
                    total=found,
                )
            )
    return issues
