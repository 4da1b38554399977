"""Households surveyed in both rounds (docs/aturan.md §5.8): matched by village (after code
changes) and household id, with the same head of household's name where both rounds name
one (:mod:`phbs.trends.households`), counted as a paired 2 × 2 table per area, with
Newcombe's paired interval for the change."""

from __future__ import annotations

import numpy as np

from phbs.difference_stats import paired_difference_interval, verdict_codes
from phbs.scoring.household import AreaLevel
from phbs.trends.households import name_of, outcome_of
from phbs.trends.models import Transitions, Verdict
from phbs.trends.rounds import Round
from phbs.trends.units import Units, area_of

VERDICT = {1: Verdict.NAIK, -1: Verdict.TURUN, 0: Verdict.TIDAK_BERUBAH}


def transitions(
    pair: tuple[int, int],
    rounds: list[Round],
    units: Units,
    areas: dict[str, int],
    level: AreaLevel,
    confidence: float,
    everywhere: set[str],
) -> list[Transitions] | None:
    """The paired table per area of the households of ``pair`` (round indexes); above the
    village level only of the units surveyed in every round (``everywhere``), as the sums."""
    first, second = rounds[pair[0]].households, rounds[pair[1]].households
    if first is None or second is None:
        return None
    # a, b, c, d, incomplete in one round, same id but another head of household
    table = np.zeros((len(areas), 6), dtype=np.int64)
    for (code, hid), first_key in first.items():
        unit = units.of_code[code]
        if level is not AreaLevel.DESA and unit.code not in everywhere:
            continue
        # A household keeps its id; after a code change it may be under any code of its unit.
        second_key = next(
            (v for c in unit.members or (code,) if (v := second.get((c, hid))) is not None),
            None,
        )
        if second_key is None:
            continue
        i = areas[area_of(unit, level)]
        names = name_of(first_key), name_of(second_key)
        before, after = outcome_of(first_key), outcome_of(second_key)
        if names[0] and names[1] and names[0] != names[1]:
            table[i, 5] += 1
        elif before < 0 or after < 0:
            table[i, 4] += 1
        else:
            table[i, (1 - before) * 2 + (1 - after)] += 1
    a, b, c, d = (table[:, j] for j in range(4))
    n = a + b + c + d
    lo, hi = paired_difference_interval(a, b, c, d, confidence=confidence)
    codes = verdict_codes(lo, hi)
    labels = rounds[pair[0]].label, rounds[pair[1]].label
    out = []
    for i in range(len(areas)):
        filled = n[i] > 0
        out.append(
            Transitions(
                dari=labels[0],
                ke=labels[1],
                berpasangan=int(n[i]),
                tetap_ber_phbs=int(a[i]),
                tidak_lagi_ber_phbs=int(b[i]),
                menjadi_ber_phbs=int(c[i]),
                tetap_tidak=int(d[i]),
                belum_lengkap=int(table[i, 4]),
                nama_berbeda=int(table[i, 5]),
                perubahan=float((c[i] - b[i]) / n[i] * 100) if filled else None,
                bawah=float(lo[i] * 100) if filled else None,
                atas=float(hi[i] * 100) if filled else None,
                putusan=VERDICT[int(codes[i])] if filled else None,
            )
        )
    return out
