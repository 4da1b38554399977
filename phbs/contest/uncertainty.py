"""How sure a contest ranking is: bootstrap ranks, weight sensitivity, shrinkage.

* :func:`~phbs.contest.bootstrap.bootstrap_ranking` resamples households within each village
  (seeded), recomputes every survey-based criterion (% ber-PHBS and indicator coverage,
  through the rubric's mapping), holds judges' and attribute scores fixed (or also resamples
  judges), re-ranks by total and reports each village's median rank, 90 % rank interval,
  P(first) and P(top 3). Given the scored households (a
  :class:`~phbs.scoring.results.ScoreResult`) the households are drawn jointly, so every
  criterion of a replicate comes from the same households; given only a village summary, the
  counts are redrawn per criterion (see :mod:`phbs.contest.resampling`). Overridden scores
  stay as recorded; % dipantau does not change (the sample size is fixed). Each replicate is
  ranked as the ranking itself (:func:`~phbs.contest.replicates.replicate_ranks`): by the
  rounded total, then the rubric's ordered tie-breakers (subtotals, criterion scores and
  survey measures of that replicate), with a shared
  competition rank only for villages equal on every key. Villages still tied in a replicate
  share the positions they cover (k villages tied at rank p each take 1/k of positions
  p … p + k − 1), so P(first) sums to 1 over the villages and P(top 3) to 3; the median and
  the interval are read off the same shared positions. A block of ranks that cannot be told
  apart is a maximal run of consecutive published ranks whose 90 % rank intervals all
  overlap one another (docs/aturan.md §7.8).
* :func:`weight_sensitivity` keeps the scores and perturbs the group weights: a seeded
  Dirichlet around the rubric's group shares (``concentration`` κ: a share ``s`` varies with
  standard deviation ``sqrt(s(1 − s)/(κ + 1))``), or each group weight times a uniform factor
  in ``[1 − x %, 1 + x %]``; each replicate is ranked by the published rule, tie-breakers
  included (:func:`~phbs.contest.replicates.replicate_ranks`, the rank bootstrap's rule), a
  subtotal tie-breaker comparing the subtotals of the replicate's weights. It reports each
  village's P(tetap), the share of its published positions it holds (ties shared as in the
  bootstrap), and the pairs among the villages ranked 1…10 whose order swaps in at least 5 %
  of the replicates.
* :func:`shrink_measures` replaces % ber-PHBS by its empirical-Bayes beta-binomial posterior
  mean (:func:`phbs.shrinkage.fit_beta_binomial`, the prior at the maximum of the marginal
  likelihood), pulling small villages toward the overall rate; κ = ∞ puts every village at
  the pooled rate; a village surveyed in full keeps its own value (docs/aturan.md §7.8).
"""

from __future__ import annotations

import dataclasses

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field

from phbs.contest.measures import VillageMeasures
from phbs.contest.models import Ranking
from phbs.contest.replicates import (
    ahead_share,
    kept_share,
    ranking_base,
    replicate_ranks,
    rubric_spec,
)
from phbs.contest.resampling import chunk_size
from phbs.contest.rubric import Rubric
from phbs.contest.rubric_loading import LoadedRubric
from phbs.scoring.summary import AreaReport, AreaSummary
from phbs.shrinkage import BetaBinomialPrior, fit_beta_binomial, shrunk_proportion

FloatArray = NDArray[np.float64]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class VillageRankStability(_Frozen):
    """One ranked village's rank under the bootstrap."""

    kode_desa: str
    nama_desa: str
    peringkat: int = Field(description="rank in the ranking itself")
    peringkat_median: float = Field(description="median position (ties in a replicate shared)")
    peringkat_bawah: int = Field(description="best rank of the 90 % rank interval")
    peringkat_atas: int = Field(description="worst rank of the 90 % rank interval")
    p_pertama: float = Field(
        description="share of replicates ranked first; k villages tied first share it, 1/k each"
    )
    p_tiga_besar: float = Field(
        description="share of positions 1–3 held over the replicates (ties shared)"
    )


class RankBootstrap(_Frozen):
    """Bootstrap rank stability of a ranking."""

    ulangan: int
    seed: int
    juri_diambil_ulang: bool
    penyusutan: bool = Field(description="% ber-PHBS shrunk with the fitted prior")
    metode_sampel: str = Field(
        default="jumlah",
        description="rumah_tangga: households resampled jointly for every survey criterion; "
        "jumlah: village counts resampled per criterion (only a summary was given); "
        "tidak_ada: no survey data resampled",
    )
    desa: list[VillageRankStability]
    tidak_terbedakan_sampai: int = Field(
        description="ranks 1…k cannot be told apart (their 90 % rank intervals all overlap "
        "one another); 1 when rank 1 stands apart"
    )
    blok_tidak_terbedakan: list[tuple[int, int]] = Field(
        default_factory=list,
        description="every block of ranks (first, last) that cannot be told apart: maximal "
        "runs of consecutive ranks whose 90 % rank intervals all overlap one another, in rank "
        "order; blocks may share ranks (the first is 1…tidak_terbedakan_sampai when that is "
        "2 or more)",
    )


class VillageWeightStability(_Frozen):
    """How often a village keeps its rank when the group weights move."""

    kode_desa: str
    peringkat: int
    p_tetap: float = Field(
        description="mean share of its published positions the village holds over the "
        "replicates, positions shared among tied villages (docs/aturan.md §7.8)"
    )


class RankSwap(_Frozen):
    """Two villages (``a`` ranked above ``b``) and how often ``b`` comes out ahead (a tie in
    a replicate counts ½)."""

    desa_a: str
    desa_b: str
    peringkat_a: int
    peringkat_b: int
    proporsi: float


class WeightSensitivity(_Frozen):
    """Weight sensitivity of a ranking."""

    ulangan: int
    seed: int
    cara: str = Field(description="dirichlet or uniform")
    konsentrasi: float | None
    rentang_persen: float | None
    desa: list[VillageWeightStability]
    peringkat_teratas: int = Field(default=10, description="swaps are sought in ranks 1…this")
    ambang_pertukaran: float = Field(
        default=0.05, description="a pair is listed when it swaps in at least this share"
    )
    pertukaran: list[RankSwap] = Field(
        description="every pair among the villages ranked 1…peringkat_teratas whose order "
        "swaps in at least ambang_pertukaran of the replicates, most frequent first"
    )


#: A pair of villages is listed as swapping when the lower one comes out ahead in at least
#: this share of the replicates (docs/aturan.md §7.8).
SWAP_THRESHOLD = 0.05


def weight_sensitivity(
    ranking: Ranking,
    rubric: LoadedRubric | Rubric,
    *,
    replicates: int = 500,
    seed: int = 0,
    concentration: float = 100.0,
    spread: float | None = None,
    top: int = 10,
) -> WeightSensitivity:
    """Perturb group weights (Dirichlet, or ±``spread`` % uniform) and re-rank each replicate
    by the published rule (:func:`~phbs.contest.replicates.replicate_ranks`, docs/aturan.md
    §7.8): P(tetap) per village (:func:`~phbs.contest.replicates.kept_share`) and the pairs
    among the villages ranked 1…``top`` whose order swaps in at least
    :data:`SWAP_THRESHOLD` of the replicates, most frequent first.

    >>> import phbs
    >>> from phbs.demo.contest import SAMPLE_RUBRIC, sample_ranking
    >>> result = weight_sensitivity(sample_ranking(), phbs.load_rubric(SAMPLE_RUBRIC), seed=3)
    >>> result.cara, all(0 <= v.p_tetap <= 1 for v in result.desa)
    ('dirichlet', True)
    """
    if replicates < 1 or concentration <= 0 or (spread is not None and not 0 < spread < 100):
        raise ValueError("need replicates ≥ 1, concentration > 0 and 0 < spread < 100")
    spec = rubric_spec(rubric)
    base = ranking_base(ranking, spec)
    if not base.villages:
        cara = "dirichlet" if spread is None else "uniform"
        return WeightSensitivity(
            ulangan=replicates,
            seed=seed,
            cara=cara,
            konsentrasi=concentration if spread is None else None,
            rentang_persen=spread,
            desa=[],
            peringkat_teratas=top,
            ambang_pertukaran=SWAP_THRESHOLD,
            pertukaran=[],
        )
    group_weight = {g.id: g.weight for g in spec.groups}
    groups = list(group_weight)
    given = np.array([group_weight[g] for g in groups], dtype=np.float64)
    rng = np.random.default_rng(seed)
    if spread is None:
        drawn = rng.dirichlet(concentration * given / given.sum(), size=replicates) * given.sum()
    else:
        drawn = given * rng.uniform(1 - spread / 100, 1 + spread / 100, (replicates, len(given)))
    criteria = base.criteria
    column = [groups.index(ranking.kelompok[c]) for c in criteria]
    within = np.array([ranking.bobot[c] / group_weight[ranking.kelompok[c]] for c in criteria])
    weights = drawn[:, column] * within[None, :]
    size = chunk_size(len(base.villages), len(criteria))
    ranks = np.concatenate(
        [
            replicate_ranks(
                ranking,
                spec,
                np.broadcast_to(base.scores, (len(chunk), *base.scores.shape)),
                chunk,
                base.measures,
            )
            for chunk in np.array_split(weights, max(1, -(-replicates // size)))
        ]
    ).reshape(replicates, len(base.villages))
    keep = kept_share(ranks, base.ranks)
    leading = [i for i in np.argsort(base.ranks, kind="stable") if base.ranks[i] <= top]
    swaps = [
        RankSwap(
            desa_a=base.villages[a],
            desa_b=base.villages[b],
            peringkat_a=int(base.ranks[a]),
            peringkat_b=int(base.ranks[b]),
            proporsi=share,
        )
        for a in leading
        for b in leading
        if base.ranks[a] < base.ranks[b]
        # 1e-12: a share of exactly 5 % may come out a hair below it in floating point.
        and (share := ahead_share(ranks, int(a), int(b))) + 1e-12 >= SWAP_THRESHOLD
    ]
    swaps.sort(key=lambda s: (-s.proporsi, s.peringkat_a, s.peringkat_b))
    return WeightSensitivity(
        ulangan=replicates,
        seed=seed,
        cara="dirichlet" if spread is None else "uniform",
        konsentrasi=concentration if spread is None else None,
        rentang_persen=spread,
        desa=[
            VillageWeightStability(
                kode_desa=k, peringkat=int(base.ranks[i]), p_tetap=float(keep[i])
            )
            for i, k in enumerate(base.villages)
        ],
        peringkat_teratas=top,
        ambang_pertukaran=SWAP_THRESHOLD,
        pertukaran=swaps,
    )


def surveyed_in_full(area: AreaSummary) -> bool:
    """Every household of the village surveyed: its total known from the villages file and
    equal to the households surveyed, as the finite population correction finds it (§5.4).
    Its percentages are then known, not estimated (docs/aturan.md §7.8)."""
    total = area.jumlah_rumah_tangga
    return total is not None and total > 0 and area.rumah_tangga_disurvei == total


def shrink_measures(
    measures: VillageMeasures, report: AreaReport
) -> tuple[VillageMeasures, BetaBinomialPrior]:
    """% ber-PHBS replaced by the empirical-Bayes posterior mean; the fitted prior with it.

    Villages without a complete household keep no value. A village surveyed in full
    (:func:`surveyed_in_full`) keeps its own value: a
    census has no sampling error to shrink away (docs/aturan.md §7.8); it still counts in the
    fit of the prior, so the other villages shrink as they would without the rule.
    """
    areas = [a for a in report.wilayah if a.kode in measures.values]
    ber = np.array([a.ber_phbs for a in areas], dtype=np.float64)
    n = np.array([report.penyebut.ber_phbs_base_of(a) for a in areas], dtype=np.float64)
    prior = fit_beta_binomial(ber, n)
    shrunk = shrunk_proportion(ber, n, prior) * 100.0
    values = {k: dict(v) for k, v in measures.values.items()}
    for area, value, size in zip(areas, shrunk.tolist(), n.tolist(), strict=True):
        if size > 0 and not surveyed_in_full(area):
            values[area.kode]["persen_ber_phbs"] = value
    return dataclasses.replace(measures, values=values), prior
