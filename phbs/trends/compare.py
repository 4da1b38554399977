"""Compare survey rounds (docs/aturan.md §5.8).

Per area at the level asked (``desa`` up to ``provinsi``), for % ber-PHBS and each indicator
both rounds have: the value of each round with its interval, and for each pair of rounds
compared (each round against the one before, and the first against the last when there are
more than two) the change in percentage points with Newcombe's interval
(:func:`phbs.difference_stats.difference_interval`, with the village's finite population
correction where its total households are known) and a verdict read from the interval.
Villages line up by code or through the code-change file (:mod:`phbs.trends.units`); above
the village level the counts of the villages are summed and the percentages recomputed
(§5.5), without the finite population correction (§5.4). Households with the same id in the
same village in both rounds are also counted as transitions with a paired interval.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from phbs.difference_stats import (
    difference_interval,
    verdict_codes,
)
from phbs.forms.denominators import BerPhbsBase
from phbs.ingest.code_changes import CodeChanges
from phbs.regions import region_table
from phbs.scoring.household import AreaLevel
from phbs.stats import proportion_interval
from phbs.trends.checks import check_rounds, match_indicators, shared_totals
from phbs.trends.models import (
    AreaTrend,
    Change,
    CodeChangeUsed,
    Measure,
    Reason,
    RoundInfo,
    RoundValue,
    Trends,
)
from phbs.trends.notes import comparison_issues, pairing_issues
from phbs.trends.rounds import Round
from phbs.trends.transitions import VERDICT, transitions
from phbs.trends.units import Units, area_of, line_up

FloatArray = NDArray[np.float64]


@dataclass
class _Counts:
    """One round's counts per area (NaN where the area is not in the round)."""

    surveyed: FloatArray
    ber: FloatArray
    trials: FloatArray
    incomplete: FloatArray
    population: FloatArray
    ya: FloatArray  # areas × indicators
    berlaku: FloatArray
    fraction: FloatArray  # N / surveyed for the finite population correction, NaN = none


def comparisons(labels: Sequence[str]) -> list[tuple[str, str]]:
    """Each round against the one before, and the first against the last when there are
    more than two.

    >>> comparisons(["2023", "2024", "2025"])
    [('2023', '2024'), ('2024', '2025'), ('2023', '2025')]
    """
    pairs = list(itertools.pairwise(labels))
    if len(labels) > 2:
        pairs.append((labels[0], labels[-1]))
    return pairs


def _round_counts(
    rnd: Round,
    areas: dict[str, int],
    units: Units,
    level: AreaLevel,
    shared: list[str],
    everywhere: set[str],
    totals_shared: bool,
) -> _Counts:
    """The counts of ``rnd`` per area; above the village level only of the units surveyed
    in every round (``everywhere``), so each round sums the same villages. A unit joined by
    code changes gets no finite population correction when its totals come from a villages
    file that other rounds share (``totals_shared``): the file gives the villages as they
    are now, not as they were in this round."""
    size, k = len(areas), len(shared)
    sums = np.zeros((size, 5))
    ya = np.zeros((size, k))
    berlaku = np.zeros((size, k))
    present = np.zeros(size, dtype=bool)
    known = np.ones(size, dtype=bool)
    for code, village in rnd.villages.items():
        unit = units.of_code[code]
        if level is not AreaLevel.DESA and unit.code not in everywhere:
            continue
        i = areas[area_of(unit, level)]
        present[i] = True
        complete = village.ber_phbs + village.tidak_ber_phbs
        trials = village.rumah_tangga_disurvei if rnd.base is BerPhbsBase.DISURVEI else complete
        sums[i] += (
            village.rumah_tangga_disurvei,
            village.ber_phbs,
            trials,
            village.belum_lengkap,
            village.jumlah_rumah_tangga or 0,
        )
        known[i] &= village.jumlah_rumah_tangga is not None and not (totals_shared and unit.members)
        for j, indicator in enumerate(shared):
            coverage = village.indikator[indicator]
            ya[i, j] += coverage.ya
            berlaku[i, j] += coverage.berlaku
    absent = np.where(present, 0.0, np.nan)
    surveyed = sums[:, 0] + absent
    population = np.where(known & (level is AreaLevel.DESA), sums[:, 4], np.nan) + absent
    with np.errstate(divide="ignore", invalid="ignore"):
        fraction = np.where(population >= surveyed, population / surveyed, np.nan)
    return _Counts(
        surveyed=surveyed,
        ber=sums[:, 1] + absent,
        trials=sums[:, 2] + absent,
        incomplete=sums[:, 3] + absent,
        population=population,
        ya=ya + absent[:, None],
        berlaku=berlaku + absent[:, None],
        fraction=fraction,
    )


def _values(
    label: str, x: FloatArray, n: FloatArray, fraction: FloatArray, confidence: float
) -> list[RoundValue]:
    present = ~np.isnan(n)
    x0, n0 = np.where(present, x, 0.0), np.where(present, n, 0.0)
    lo, hi = proportion_interval(
        x0, n0, confidence=confidence, population=np.maximum(n0 * fraction, n0)
    )
    out = []
    for i in range(len(n)):
        if not present[i]:
            out.append(RoundValue(putaran=label))
            continue
        filled = n0[i] > 0
        out.append(
            RoundValue(
                putaran=label,
                x=int(x0[i]),
                n=int(n0[i]),
                persen=float(x0[i] / n0[i] * 100) if filled else None,
                bawah=float(lo[i] * 100) if filled else None,
                atas=float(hi[i] * 100) if filled else None,
            )
        )
    return out


def _changes(
    pair: tuple[str, str],
    first: tuple[FloatArray, FloatArray, FloatArray],
    second: tuple[FloatArray, FloatArray, FloatArray],
    confidence: float,
    comparable: bool,
) -> list[Change]:
    (x1, n1, f1), (x2, n2, f2) = first, second
    absent = np.isnan(n1) | np.isnan(n2)
    empty = ~absent & ((np.nan_to_num(n1) == 0) | (np.nan_to_num(n2) == 0))
    ok = ~absent & ~empty

    def safe(v: FloatArray) -> FloatArray:
        return np.where(ok, v, 1.0)

    lo, hi = difference_interval(
        np.where(ok, x1, 0.0),
        safe(n1),
        np.where(ok, x2, 0.0),
        safe(n2),
        confidence=confidence,
        population_1=np.maximum(safe(n1) * np.where(ok, f1, np.nan), safe(n1)),
        population_2=np.maximum(safe(n2) * np.where(ok, f2, np.nan), safe(n2)),
    )
    codes = verdict_codes(lo, hi)
    out = []
    for i in range(len(n1)):
        if absent[i] or empty[i] or not comparable:
            reason = (
                Reason.TIDAK_ADA_DI_PUTARAN
                if absent[i]
                else Reason.PENYEBUT_NOL
                if empty[i]
                else Reason.FORMULIR_BERBEDA
            )
            out.append(Change(dari=pair[0], ke=pair[1], alasan=reason))
            continue
        out.append(
            Change(
                dari=pair[0],
                ke=pair[1],
                perubahan=float((x2[i] / n2[i] - x1[i] / n1[i]) * 100),
                bawah=float(lo[i] * 100),
                atas=float(hi[i] * 100),
                putusan=VERDICT[int(codes[i])],
            )
        )
    return out


def _round_info(rnd: Round, totals_shared: bool) -> RoundInfo:
    return RoundInfo(
        jumlah_rumah_tangga_dari=rnd.totals_source,
        desa_berjumlah=sum(v.jumlah_rumah_tangga is not None for v in rnd.villages.values()),
        berkas_desa_bersama=totals_shared,
        label=rnd.label,
        sumber=list(rnd.sources),
        formulir=rnd.form,
        na_policy=rnd.na_policy,
        penyebut=rnd.base.value,
        indikator=list(rnd.indicators),
        desa=len(rnd.villages),
        rumah_tangga_disurvei=sum(v.rumah_tangga_disurvei for v in rnd.villages.values()),
        rumah_tangga=rnd.households is not None,
    )


Pick = Callable[[_Counts], tuple[FloatArray, FloatArray]]


def _measures(
    rounds: list[Round],
    counts: list[_Counts],
    pairs: list[tuple[str, str]],
    pick: Pick,
    confidence: float,
    *,
    comparable: bool,
) -> list[Measure]:
    """One proportion (``pick``: numerator and denominator of a round's counts) per area:
    its value in each round and its change for each pair compared."""
    index = {r.label: i for i, r in enumerate(rounds)}
    values = [
        _values(r.label, *pick(c), c.fraction, confidence)
        for r, c in zip(rounds, counts, strict=True)
    ]
    changes = [
        _changes(
            pair,
            (*pick(counts[index[pair[0]]]), counts[index[pair[0]]].fraction),
            (*pick(counts[index[pair[1]]]), counts[index[pair[1]]].fraction),
            confidence,
            comparable,
        )
        for pair in pairs
    ]
    return [
        Measure(nilai=[v[i] for v in values], perubahan=[c[i] for c in changes])
        for i in range(len(values[0]))
    ]


def compare_rounds(
    rounds: Sequence[Round],
    *,
    by: AreaLevel | str = AreaLevel.DESA,
    code_changes: CodeChanges | None = None,
    confidence: float = 0.95,
) -> Trends:
    """Compare ``rounds`` (oldest first) per area at level ``by``.

    >>> import phbs
    >>> from phbs.trends.rounds import round_from_score
    >>> from phbs.demo.data import sample_data
    >>> report = phbs.summarise(phbs.score(phbs.read_survey(sample_data().survey_files)))
    >>> rounds = [round_from_score(label, report, []) for label in ("a", "b")]
    >>> same = compare_rounds(rounds)
    >>> {c.perubahan for a in same.wilayah for c in a.persen_ber_phbs.perubahan}
    {0.0}
    """
    rounds = list(rounds)
    level = AreaLevel(by)
    check_rounds(rounds, level)
    labels = [r.label for r in rounds]
    units = line_up(rounds, code_changes)
    comparable = len({r.definition for r in rounds}) == 1
    matched = match_indicators(rounds)
    shared = matched.compared
    same_file = shared_totals(rounds)
    names: dict[str, str] = {}
    for unit in units.of_code.values():
        code = area_of(unit, level)
        if code not in names:
            names[code] = (
                unit.name if level is AreaLevel.DESA else region_table().name(code) or code
            )
    order = sorted(names)
    areas = {code: i for i, code in enumerate(order)}
    everywhere = set.intersection(*({units.of_code[c].code for c in r.villages} for r in rounds))
    counts = [
        _round_counts(r, areas, units, level, shared, everywhere, r.label in same_file)
        for r in rounds
    ]
    index = {label: i for i, label in enumerate(labels)}
    pairs = comparisons(labels)
    ber = _measures(
        rounds, counts, pairs, lambda c: (c.ber, c.trials), confidence, comparable=comparable
    )
    indicators = {
        code: _measures(
            rounds,
            counts,
            pairs,
            lambda c, j=j: (c.ya[:, j], c.berlaku[:, j]),  # type: ignore[misc]
            confidence,
            comparable=True,
        )
        for j, code in enumerate(shared)
    }
    paired = [
        transitions((index[a], index[b]), rounds, units, areas, level, confidence, everywhere)
        if comparable
        else None
        for a, b in pairs
    ]
    members: dict[str, set[str]] = {}
    left_out: dict[str, set[str]] = {}
    for unit in units.of_code.values():
        if unit.members:
            members.setdefault(area_of(unit, level), set()).update(unit.members)
        if level is not AreaLevel.DESA and unit.code not in everywhere:
            left_out.setdefault(area_of(unit, level), set()).add(unit.code)
    wilayah = []
    for i, code in enumerate(order):
        wilayah.append(
            AreaTrend(
                tingkat=level.value,
                kode=code,
                nama=names[code],
                kode_asal=sorted(members.get(code, ())) if level is AreaLevel.DESA else [],
                desa_disisihkan=sorted(left_out.get(code, ())),
                ada_di=[
                    r.label
                    for r, c in zip(rounds, counts, strict=True)
                    if not np.isnan(c.surveyed[i])
                ],
                disurvei=[None if np.isnan(c.surveyed[i]) else int(c.surveyed[i]) for c in counts],
                belum_lengkap=[
                    None if np.isnan(c.incomplete[i]) else int(c.incomplete[i]) for c in counts
                ],
                jumlah_rumah_tangga=[
                    None if np.isnan(c.population[i]) else int(c.population[i]) for c in counts
                ],
                persen_ber_phbs=ber[i],
                indikator={ind: series[i] for ind, series in indicators.items()},
                transisi=[t[i] for t in paired if t is not None],
            )
        )
    rows = code_changes.changes if code_changes else ()
    return Trends(
        tingkat=level.value,
        putaran=[_round_info(r, r.label in same_file) for r in rounds],
        perbandingan=pairs,
        tingkat_kepercayaan=confidence,
        persen_ber_phbs_sebanding=comparable,
        indikator_dibandingkan=shared,
        indikator_keberlakuan_berbeda=matched.differ,
        indikator_pertanyaan_berbeda=matched.worded,
        indikator_pertanyaan_tidak_diperiksa=matched.unchecked,
        indikator_tidak_dibandingkan={
            r.label: [c for c in r.indicators if c not in shared]
            for r in rounds
            if any(c not in shared for c in r.indicators)
        },
        perubahan_kode=[
            CodeChangeUsed(kode_lama=row.old, kode_baru=row.new, keterangan=row.note, dipakai=used)
            for row, used in zip(rows, units.used_rows, strict=True)
        ],
        berkas_perubahan_kode=code_changes.source if code_changes else "",
        wilayah=wilayah,
        masalah=[
            *comparison_issues(rounds, units, code_changes),
            *pairing_issues(wilayah, pairs),
        ],
    )
