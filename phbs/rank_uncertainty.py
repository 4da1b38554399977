"""How sure a contest ranking is (issue 5): bootstrap ranks, weight sensitivity, shrinkage.

* :func:`bootstrap_ranking` resamples households within each village (seeded), recomputes
  every survey-based criterion (% ber-PHBS and indicator coverage, through the rubric's
  mapping), holds judges' and attribute scores fixed (or also resamples judges), re-ranks by
  total and reports each village's median rank, 90 % rank interval, P(first) and P(top 3).
  Overridden scores stay as recorded; % dipantau does not change (the sample size is fixed).
  Replicates rank by total only (ties share a rank); the rubric's tie-breakers are not
  replayed.
* :func:`weight_sensitivity` keeps the scores and perturbs the group weights: a seeded
  Dirichlet around the rubric's group shares (``concentration`` κ: a share ``s`` varies with
  standard deviation ``sqrt(s(1 − s)/(κ + 1))``), or each group weight times a uniform factor
  in ``[1 − x %, 1 + x %]``; it reports how often each village keeps its rank and which
  villages among the first ten swap.
* :func:`shrink_measures` replaces % ber-PHBS by its empirical-Bayes beta-binomial posterior
  mean (:func:`phbs.stats.fit_beta_binomial`), pulling small villages toward the overall rate.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field

from phbs.measures import VillageMeasures
from phbs.rank_resampling import (
    batch_ranks,
    batch_topsis,
    chunk_size,
    indistinct_top,
    map_scores,
    rank_interval,
    resample_binomial,
    resample_judges,
    resample_status,
)
from phbs.ranking_models import Ranking
from phbs.results import AreaReport, AreaSummary
from phbs.rubric import JudgeSource, LoadedRubric, Method, Rubric, SurveySource
from phbs.stats import BetaBinomialPrior, fit_beta_binomial, shrunk_proportion

FloatArray = NDArray[np.float64]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class VillageRankStability(_Frozen):
    """One ranked village's rank under the bootstrap."""

    kode_desa: str
    nama_desa: str
    peringkat: int = Field(description="rank in the ranking itself")
    peringkat_median: float
    peringkat_bawah: int = Field(description="best rank of the 90 % rank interval")
    peringkat_atas: int = Field(description="worst rank of the 90 % rank interval")
    p_pertama: float = Field(description="share of replicates ranked first")
    p_tiga_besar: float = Field(description="share of replicates ranked 1–3")


class RankBootstrap(_Frozen):
    """Bootstrap rank stability of a ranking."""

    ulangan: int
    seed: int
    juri_diambil_ulang: bool
    penyusutan: bool = Field(description="% ber-PHBS shrunk with the fitted prior")
    desa: list[VillageRankStability]
    tidak_terbedakan_sampai: int = Field(
        description="ranks 1…k cannot be told apart (overlapping 90 % rank intervals)"
    )


class VillageWeightStability(_Frozen):
    """How often a village keeps its rank when the group weights move."""

    kode_desa: str
    peringkat: int
    p_tetap: float


class RankSwap(_Frozen):
    """Two villages (``a`` ranked above ``b``) and how often ``b`` comes out ahead."""

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
    pertukaran: list[RankSwap]


def _spec(rubric: LoadedRubric | Rubric) -> Rubric:
    return rubric.rubric if isinstance(rubric, LoadedRubric) else rubric


def _base(ranking: Ranking) -> tuple[list[str], list[str], FloatArray, NDArray[np.int64]]:
    """Ranked villages, criterion ids, the scores used (villages × criteria) and ranks."""
    ranked = ranking.ranked()
    criteria = list(ranking.bobot)
    scores = np.array(
        [[np.nan if (n := v.kriteria[c].nilai) is None else n for c in criteria] for v in ranked],
        dtype=np.float64,
    ).reshape(len(ranked), len(criteria))
    if ranking.peringkat_tidak_lengkap:
        scores = np.nan_to_num(scores, nan=0.0)
    ranks = np.array([v.peringkat or 0 for v in ranked], dtype=np.int64)
    return [v.kode_desa for v in ranked], criteria, scores, ranks


def _totals(ranking: Ranking, scores: FloatArray, weights: FloatArray) -> FloatArray:
    """Totals per replicate: scores R × V × C (NaN = 0), weights C or R × C."""
    filled = np.nan_to_num(scores, nan=0.0)
    if ranking.metode is Method.TOPSIS:
        return batch_topsis(filled, weights)
    if weights.ndim == 1:
        return np.asarray(filled @ weights)
    return np.asarray(np.einsum("rvc,rc->rv", filled, weights))


def _decimals(ranking: Ranking) -> int:
    return 4 if ranking.metode is Method.TOPSIS else ranking.desimal


def bootstrap_ranking(
    ranking: Ranking,
    rubric: LoadedRubric | Rubric,
    report: AreaReport | None,
    *,
    replicates: int = 1000,
    seed: int = 0,
    resample_judges_too: bool = False,
    prior: BetaBinomialPrior | None = None,
) -> RankBootstrap:
    """Bootstrap the ranks of ``ranking`` (see the module docstring).

    ``report`` is the village-level summary the ranking's survey criteria came from (its
    counts are resampled); ``prior`` (from :func:`shrink_measures`) shrinks each replicate's
    % ber-PHBS the same way as the ranking's.

    >>> import phbs
    >>> from phbs.contest_sample import SAMPLE_RUBRIC, sample_ranking
    >>> from phbs.demo import sample_data
    >>> report = phbs.summarise(phbs.score(phbs.read_survey(sample_data().survey_files)))
    >>> ranking = sample_ranking(report)
    >>> result = bootstrap_ranking(ranking, phbs.load_rubric(SAMPLE_RUBRIC), report, seed=1)
    >>> result.desa[0].peringkat, 0 <= result.desa[0].p_pertama <= 1
    (1, True)
    """
    if replicates < 1:
        raise ValueError("replicates must be at least 1")
    spec = _spec(rubric)
    villages, criteria, base, _ = _base(ranking)
    if not villages:
        return RankBootstrap(
            ulangan=replicates,
            seed=seed,
            juri_diambil_ulang=resample_judges_too,
            penyusutan=prior is not None,
            desa=[],
            tidak_terbedakan_sampai=0,
        )
    weights = np.array([ranking.bobot[c] for c in criteria], dtype=np.float64)
    fixed = {(o.kode_desa, o.kriteria) for o in ranking.koreksi if o.kriteria}
    areas = {a.kode: a for a in report.areas} if report is not None else {}
    rng = np.random.default_rng(seed)
    size = chunk_size(len(villages), len(criteria))
    all_ranks = []
    done = 0
    while done < replicates:
        batch = min(size, replicates - done)
        scores = np.broadcast_to(base, (batch, *base.shape)).copy()
        for j, c in enumerate(criteria):
            source = spec.criterion(c).source
            keep = np.array([(k, c) not in fixed for k in villages], dtype=bool)
            if isinstance(source, SurveySource):
                drawn = _survey_column(rng, source, villages, areas, batch, prior)
                if drawn is not None:
                    scores[:, :, j] = np.where(keep & ~np.isnan(drawn), drawn, scores[:, :, j])
            elif isinstance(source, JudgeSource) and resample_judges_too:
                given = [ranking.village(k).kriteria[c].juri for k in villages]
                panel = sorted({judge for g in given for judge in g})
                table = np.array(
                    [[g.get(judge, np.nan) for judge in panel] for g in given], dtype=np.float64
                ).reshape(len(villages), len(panel))
                drawn = resample_judges(
                    rng, table, batch, spec.judges.aggregation, spec.judges.trim_proportion
                )
                scores[:, :, j] = np.where(keep & ~np.isnan(drawn), drawn, scores[:, :, j])
        all_ranks.append(batch_ranks(_totals(ranking, scores, weights), _decimals(ranking)))
        done += batch
    ranks = np.concatenate(all_ranks) if all_ranks else np.zeros((0, 0), dtype=np.int64)
    lower, upper = rank_interval(ranks)
    names = {v.kode_desa: v.nama_desa for v in ranking.desa}
    rows = [
        VillageRankStability(
            kode_desa=k,
            nama_desa=names[k],
            peringkat=ranking.village(k).peringkat or 0,
            peringkat_median=float(np.median(ranks[:, i])),
            peringkat_bawah=int(lower[i]),
            peringkat_atas=int(upper[i]),
            p_pertama=float(np.mean(ranks[:, i] == 1)),
            p_tiga_besar=float(np.mean(ranks[:, i] <= 3)),
        )
        for i, k in enumerate(villages)
    ]
    top = indistinct_top([r.peringkat for r in rows], lower.tolist(), upper.tolist())
    return RankBootstrap(
        ulangan=replicates,
        seed=seed,
        juri_diambil_ulang=resample_judges_too,
        penyusutan=prior is not None,
        desa=rows,
        tidak_terbedakan_sampai=top,
    )


def _survey_column(
    rng: np.random.Generator,
    source: SurveySource,
    villages: list[str],
    areas: dict[str, AreaSummary],
    batch: int,
    prior: BetaBinomialPrior | None,
) -> FloatArray | None:
    """One survey criterion's scores per replicate (NaN = keep the base score)."""
    rows = [areas.get(k) for k in villages]
    present = np.array([r is not None for r in rows])
    if source.measure == "persen_ber_phbs":
        counts = np.array(
            [(r.ber_phbs, r.tidak_ber_phbs, r.belum_lengkap) if r else (0, 0, 0) for r in rows],
            dtype=np.int64,
        ).reshape(len(rows), 3)
        ber, tidak = resample_status(rng, counts[:, 0], counts[:, 1], counts[:, 2], batch)
        if prior is not None:
            values = shrunk_proportion(ber, ber + tidak, prior) * 100.0
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                values = np.where(ber + tidak > 0, ber / (ber + tidak) * 100.0, np.nan)
    elif source.measure.startswith("cakupan."):
        code = source.measure.removeprefix("cakupan.")
        pairs = np.array(
            [
                (r.indikator[code].ya, r.indikator[code].berlaku)
                if r and code in r.indikator
                else (0, 0)
                for r in rows
            ],
            dtype=np.int64,
        ).reshape(len(rows), 2)
        ya = resample_binomial(rng, pairs[:, 0], pairs[:, 1], batch)
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(pairs[:, 1] > 0, ya / pairs[:, 1] * 100.0, np.nan)
    else:
        return None
    scored = map_scores(values, source.mapping)
    # A village falling below every band has no score in that replicate: it counts 0.
    below = ~np.isnan(values) & np.isnan(scored)
    scored = np.where(below, 0.0, scored)
    return np.where(present[None, :], scored, np.nan)


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
    """Perturb group weights (Dirichlet, or ±``spread`` % uniform) and re-rank.

    >>> import phbs
    >>> from phbs.contest_sample import SAMPLE_RUBRIC, sample_ranking
    >>> result = weight_sensitivity(sample_ranking(), phbs.load_rubric(SAMPLE_RUBRIC), seed=3)
    >>> result.cara, all(0 <= v.p_tetap <= 1 for v in result.desa)
    ('dirichlet', True)
    """
    if replicates < 1 or concentration <= 0 or (spread is not None and not 0 < spread < 100):
        raise ValueError("need replicates ≥ 1, concentration > 0 and 0 < spread < 100")
    spec = _spec(rubric)
    villages, criteria, base, base_ranks = _base(ranking)
    group_weight = {g.id: g.weight for g in spec.groups}
    groups = list(group_weight)
    given = np.array([group_weight[g] for g in groups], dtype=np.float64)
    rng = np.random.default_rng(seed)
    if spread is None:
        drawn = rng.dirichlet(concentration * given / given.sum(), size=replicates) * given.sum()
    else:
        drawn = given * rng.uniform(1 - spread / 100, 1 + spread / 100, (replicates, len(given)))
    column = [groups.index(ranking.kelompok[c]) for c in criteria]
    within = np.array([ranking.bobot[c] / group_weight[ranking.kelompok[c]] for c in criteria])
    weights = drawn[:, column] * within[None, :]
    totals = np.concatenate(
        [
            _totals(ranking, np.broadcast_to(base, (len(chunk), *base.shape)), chunk)
            for chunk in np.array_split(weights, max(1, replicates // 200))
        ]
    )
    ranks = batch_ranks(totals, _decimals(ranking))
    keep = np.mean(ranks == base_ranks[None, :], axis=0)
    order = np.argsort(base_ranks, kind="stable")[:top]
    rounded = np.round(totals, _decimals(ranking))
    swaps = []
    for x, a in enumerate(order):
        for b in order[x + 1 :]:
            share = float(np.mean(rounded[:, b] > rounded[:, a]))
            if share > 0:
                swaps.append(
                    RankSwap(
                        desa_a=villages[a],
                        desa_b=villages[b],
                        peringkat_a=int(base_ranks[a]),
                        peringkat_b=int(base_ranks[b]),
                        proporsi=share,
                    )
                )
    swaps.sort(key=lambda s: (-s.proporsi, s.peringkat_a, s.peringkat_b))
    return WeightSensitivity(
        ulangan=replicates,
        seed=seed,
        cara="dirichlet" if spread is None else "uniform",
        konsentrasi=concentration if spread is None else None,
        rentang_persen=spread,
        desa=[
            VillageWeightStability(
                kode_desa=k, peringkat=int(base_ranks[i]), p_tetap=float(keep[i])
            )
            for i, k in enumerate(villages)
        ],
        pertukaran=swaps[:top],
    )


def shrink_measures(
    measures: VillageMeasures, report: AreaReport
) -> tuple[VillageMeasures, BetaBinomialPrior]:
    """% ber-PHBS replaced by the empirical-Bayes posterior mean; the fitted prior with it.

    Villages without a complete household keep no value.
    """
    areas = [a for a in report.areas if a.kode in measures.values]
    ber = np.array([a.ber_phbs for a in areas], dtype=np.float64)
    n = np.array([a.ber_phbs + a.tidak_ber_phbs for a in areas], dtype=np.float64)
    prior = fit_beta_binomial(ber, n)
    shrunk = shrunk_proportion(ber, n, prior) * 100.0
    values = {k: dict(v) for k, v in measures.values.items()}
    for area, value, size in zip(areas, shrunk.tolist(), n.tolist(), strict=True):
        if size > 0:
            values[area.kode]["persen_ber_phbs"] = value
    return dataclasses.replace(measures, values=values), prior
