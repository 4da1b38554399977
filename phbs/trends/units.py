"""Villages that line up across rounds (docs/aturan.md §5.8).

A village is the same village in two rounds when it has the same code, or when the
code-change file joins the codes (a new code for the same village, a *pemekaran* or a
*penggabungan*). Codes joined directly or through a chain form one comparison unit: a split
village is compared as the old village against the sum of its parts, merged villages as the
sum of the old ones against the new one. A unit is named by its codes in the latest round
that has it.
"""

from __future__ import annotations

from dataclasses import dataclass

from phbs.ingest.code_changes import CodeChanges
from phbs.regions import Level, ancestor
from phbs.scoring.household import AreaLevel
from phbs.trends.rounds import Round


@dataclass(frozen=True)
class Unit:
    """Villages compared as one: ``code`` and ``name`` as shown, ``members`` every code
    joined (empty for a village with one code throughout)."""

    code: str
    name: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Units:
    """Each village code of any round mapped to its unit, and which change rows joined
    villages that were surveyed."""

    of_code: dict[str, Unit]
    used_rows: tuple[bool, ...]


def _root(parent: dict[str, str], code: str) -> str:
    while parent[code] != code:
        parent[code] = parent[parent[code]]
        code = parent[code]
    return code


def line_up(rounds: list[Round], changes: CodeChanges | None) -> Units:
    """The comparison units of ``rounds`` under ``changes``."""
    surveyed = {code for r in rounds for code in r.villages}
    parent = {code: code for code in surveyed}
    rows = changes.changes if changes else ()
    for row in rows:
        for code in (row.old, row.new):
            parent.setdefault(code, code)
        a, b = _root(parent, row.old), _root(parent, row.new)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[str, list[str]] = {}
    for code in surveyed:
        groups.setdefault(_root(parent, code), []).append(code)
    of_code: dict[str, Unit] = {}
    for codes in groups.values():
        latest = next(r for r in reversed(rounds) if any(c in r.villages for c in codes))
        shown = sorted(c for c in codes if c in latest.villages)
        name = " + ".join(latest.villages[c].nama for c in shown)
        unit = Unit(" + ".join(shown), name, tuple(sorted(codes)) if len(codes) > 1 else ())
        for code in codes:
            of_code[code] = unit
    used = tuple(row.old in surveyed and row.new in surveyed for row in rows)
    return Units(of_code, used)


def area_of(unit: Unit, level: AreaLevel) -> str:
    """The code of the area at ``level`` that holds ``unit``."""
    if level is AreaLevel.DESA:
        return unit.code
    return ancestor(unit.code.split(" + ")[0], Level(level.value))
