"""The issues of a comparison of rounds (docs/aturan.md §5.8): villages missing from a round,
codes joined, code-change rows that join nothing, forms that differ."""

from __future__ import annotations

from phbs.ingest.code_changes import CodeChanges
from phbs.issues import Issue, make_issue
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
    return issues
