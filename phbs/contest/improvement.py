"""Who improved most (docs/aturan.md §5.8, §7.8): the villages of a village-level comparison
ranked by their change in % ber-PHBS between two rounds, and how sure that order is.

**The ranking.** Only villages with a change in the pair compared take part (surveyed in both
rounds, with a complete household in each); the others are listed with the reason. The
change is ``(x₂/n₂ − x₁/n₁) × 100`` percentage points, compared as the reports print it:
rounded half up to :data:`CHANGE_DECIMALS` (one) decimal (:func:`round_half_up`). Equal
rounded changes share a competition rank (1, 2, 2, 4; :func:`competition_rank`).

**The bootstrap.** Parametric: in each replicate each round's ber-PHBS count of each village
is drawn ``x* ~ Binomial(n, x/n)`` (:func:`resample_binomial`, the counts fallback of the rank
bootstrap), independently for the two rounds (they are independent samples; households
met in both are not paired here). The finite population correction of §5.4 is kept by
rescaling the draw around the observed share, ``p* = p̂ + √f (x*/n − p̂)`` with
``f = (N′ − n)/(N′ − 1)`` and ``N′ = n × N / disurvei`` (the village's household total from the
villages file scaled to the denominator, as the change's interval of §5.8 scales it); so the
replicate's spread is the corrected one, ``f × p̂(1 − p̂)/n``. A round surveyed in full
(``disurvei == N``) has ``f = 0``: its share is known and stays as observed in every
replicate, as the rank bootstrap holds census villages (§7.8); an unknown ``N`` means
``f = 1`` (no correction). Each replicate is ranked as the ranking itself (the change rounded
to one decimal, ties shared); villages still tied share their positions
(:func:`position_shares`), from which the median rank, the equal-tailed rank interval at
``confidence`` (default 90 %), the share of replicates in which each is the most improved
(P(first), ties split) and the top ranks that cannot be told apart (:func:`indistinct_top`)
are read, as the rank bootstrap reads them. Seeded: the same trends, replicates and seed
give the same result.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field

from phbs.contest.change import change_pair
from phbs.contest.kernels import competition_rank, round_half_up
from phbs.contest.resampling import (
    batch_ranks,
    chunk_size,
    indistinct_top,
    rank_summary,
    resample_binomial,
)
from phbs.trends.models import AreaTrend, Trends

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: Decimals the change is compared and printed with (percentage points, as % ber-PHBS).
CHANGE_DECIMALS = 1


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class VillageImprovement(_Frozen):
    """One village's change and its rank under the bootstrap."""

    peringkat: int = Field(description="competition rank by the rounded change (1 = most)")
    kode_desa: str = Field(description="the code(s) in the later round ('A + B' when joined)")
    nama_desa: str
    kode_asal: list[str] = Field(default_factory=list, description="codes joined (code changes)")
    persen_dari: float = Field(description="% ber-PHBS in the first round of the pair")
    persen_ke: float = Field(description="% ber-PHBS in the second round of the pair")
    perubahan: float = Field(description="persen_ke − persen_dari, percentage points, unrounded")
    perubahan_dibulatkan: float = Field(description="the change as compared: 1 decimal, half up")
    peringkat_median: float
    peringkat_bawah: int = Field(description="best rank of the rank interval")
    peringkat_atas: int = Field(description="worst rank of the rank interval")
    p_paling_meningkat: float = Field(
        description="share of replicates in which the village improved most (ties split)"
    )
    sensus: tuple[bool, bool] = Field(
        description="each round of the pair surveyed in full (held fixed in the bootstrap)"
    )


class Improvement(_Frozen):
    """Villages ranked by their change in % ber-PHBS between two rounds."""

    dari: str
    ke: str
    desimal: int = Field(description="decimals the change is rounded to before ranking")
    ulangan: int = Field(description="bootstrap replicates")
    seed: int
    tingkat_kepercayaan: float = Field(description="coverage of the rank interval")
    desa: list[VillageImprovement] = Field(description="best first, then by code")
    tidak_terbedakan_sampai: int = Field(
        description="ranks 1…k cannot be told apart (their rank intervals all overlap one "
        "another); 1 when the most improved stands apart, 0 without villages"
    )
    desa_teratas: list[str] = Field(
        default_factory=list,
        description="the villages that cannot be told apart from the top: those whose "
        "published rank is at most tidak_terbedakan_sampai (villages tied first included)",
    )
    desa_tanpa_perubahan: dict[str, str] = Field(
        default_factory=dict,
        description="villages left out, by code: why they have no change (trends Reason)",
    )


def _shares(area: AreaTrend, position: int) -> tuple[int, int, float]:
    """``(x, n, f)`` of one round: ber-PHBS count, denominator and the finite population
    correction factor ``f`` (0 for a census, 1 without a known total)."""
    value = area.persen_ber_phbs.nilai[position]
    x, n = int(value.x or 0), int(value.n or 0)
    totals = area.jumlah_rumah_tangga
    total = totals[position] if position < len(totals) else None
    surveyed = area.disurvei[position] or 0
    if total is None or surveyed <= 0 or total < surveyed or n <= 0:
        return x, n, 1.0
    population = n * total / surveyed
    f = (population - n) / (population - 1) if population > n else 0.0
    return x, n, min(1.0, max(0.0, f))


def _draw(
    rng: np.random.Generator, counts: IntArray, fpc: FloatArray, replicates: int
) -> FloatArray:
    """Replicates × villages of one round's share, drawn binomially and rescaled by √f."""
    x, n = counts[:, 0], counts[:, 1]
    observed = x / n
    drawn = resample_binomial(rng, x, n, replicates) / n[None, :]
    shares: FloatArray = observed[None, :] + np.sqrt(fpc)[None, :] * (drawn - observed[None, :])
    return shares


def rank_improvement(
    trends: Trends,
    *,
    pair: tuple[str, str] | None = None,
    replicates: int = 2000,
    seed: int = 42,
    confidence: float = 0.9,
) -> Improvement:
    """Rank the villages of ``trends`` (by village) by their change in % ber-PHBS from the
    first round of ``pair`` to the second (default: first → last round), with the bootstrap
    of the module docstring. Raises :class:`~phbs.errors.SettingsError` when the trends are
    not by village, the pair was not compared, or the rounds define % ber-PHBS differently.

    >>> import phbs
    >>> from phbs.trends.compare import compare_rounds
    >>> from phbs.trends.rounds import round_from_score
    >>> from phbs.demo.data import sample_data
    >>> report = phbs.summarise(phbs.score(phbs.read_survey(sample_data().survey_files)))
    >>> same = compare_rounds([round_from_score(label, report, []) for label in ("a", "b")])
    >>> result = rank_improvement(same, replicates=200, seed=1)
    >>> {v.perubahan_dibulatkan for v in result.desa}, result.desa[0].peringkat
    ({0.0}, 1)
    """
    if replicates < 1:
        raise ValueError("replicates must be at least 1")
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")
    index, (first, second) = change_pair(trends, pair)
    labels = [r.label for r in trends.putaran]
    positions = (labels.index(first), labels.index(second))
    areas: list[AreaTrend] = []
    left_out: dict[str, str] = {}
    for area in trends.wilayah:
        found = area.persen_ber_phbs.perubahan[index]
        if found.perubahan is None:
            left_out[area.kode] = found.alasan.value if found.alasan else ""
        else:
            areas.append(area)
    rounds = [[_shares(a, p) for a in areas] for p in positions]
    counts = [np.array([(x, n) for x, n, _ in r], dtype=np.int64).reshape(-1, 2) for r in rounds]
    fpc = [np.array([f for _, _, f in r], dtype=np.float64) for r in rounds]
    change = (counts[1][:, 0] / np.maximum(counts[1][:, 1], 1)) - (
        counts[0][:, 0] / np.maximum(counts[0][:, 1], 1)
    )
    change = change * 100.0
    shown = round_half_up(change, CHANGE_DECIMALS)
    base = competition_rank([shown]) if areas else np.zeros(0, dtype=np.int64)
    rng = np.random.default_rng(seed)
    all_ranks: list[IntArray] = []
    done = 0
    size = chunk_size(len(areas), 1)
    while areas and done < replicates:
        batch = min(size, replicates - done)
        before = _draw(rng, counts[0], fpc[0], batch)
        after = _draw(rng, counts[1], fpc[1], batch)
        all_ranks.append(batch_ranks((after - before) * 100.0, CHANGE_DECIMALS))
        done += batch
    rows: list[VillageImprovement] = []
    top = 0
    if areas:
        summary = rank_summary(np.concatenate(all_ranks), coverage=confidence)
        lower, upper = summary.lower.tolist(), summary.upper.tolist()
        top = indistinct_top([int(r) for r in base], lower, upper)
        for i, area in enumerate(areas):
            values = area.persen_ber_phbs.nilai
            rows.append(
                VillageImprovement(
                    peringkat=int(base[i]),
                    kode_desa=area.kode,
                    nama_desa=area.nama,
                    kode_asal=area.kode_asal,
                    persen_dari=float(values[positions[0]].persen or 0.0),
                    persen_ke=float(values[positions[1]].persen or 0.0),
                    perubahan=float(change[i]),
                    perubahan_dibulatkan=float(shown[i]),
                    peringkat_median=float(summary.median[i]),
                    peringkat_bawah=int(lower[i]),
                    peringkat_atas=int(upper[i]),
                    p_paling_meningkat=float(summary.first[i]),
                    sensus=(bool(fpc[0][i] == 0.0), bool(fpc[1][i] == 0.0)),
                )
            )
    rows.sort(key=lambda v: (v.peringkat, v.kode_desa))
    return Improvement(
        dari=first,
        ke=second,
        desimal=CHANGE_DECIMALS,
        ulangan=replicates,
        seed=seed,
        tingkat_kepercayaan=confidence,
        desa=rows,
        tidak_terbedakan_sampai=top,
        desa_teratas=[v.kode_desa for v in rows if v.peringkat <= top],
        desa_tanpa_perubahan=left_out,
    )
