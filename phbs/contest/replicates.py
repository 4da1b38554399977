"""Ranking replicates by the published ranking rule (docs/aturan.md §7.5, §7.8).

The rank bootstrap (:func:`phbs.contest.bootstrap.bootstrap_ranking`) and the weight
sensitivity (:func:`phbs.contest.uncertainty.weight_sensitivity`) both rank every replicate
with :func:`replicate_ranks`, the rule :func:`phbs.contest.ranking.rank_villages` publishes:

1. the total (Σ score × criterion weight, or the TOPSIS closeness), rounded half up to the
   rubric's decimals (TOPSIS: 4);
2. then the rubric's tie-breakers in order, each rounded half up to the rubric's decimals: a
   group subtotal (Σ score × criterion weight over the group's criteria, with the replicate's
   weights), a criterion score, or a survey measure;
3. villages equal on every key share a competition rank (1, 2, 2, 4).

The villages are those the ranking ranked (exclusions as recorded); their scores are the
scores it used (overrides as recorded; a missing score counts 0 when the ranking counted it
so) and their survey-measure tie-breakers the values it compared
(:attr:`~phbs.contest.models.VillageResult.ukuran_penentu_seri`). A replicate with the
ranking's own scores, weights and measures gives the published ranks.

:func:`kept_share` and :func:`ahead_share` read the replicates with the rank bootstrap's
convention for ties: villages tied in a replicate share the positions they cover.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from phbs.contest.kernels import competition_rank, round_half_up
from phbs.contest.models import Ranking
from phbs.contest.resampling import batch_ranks, batch_topsis
from phbs.contest.rubric import Method, Rubric
from phbs.contest.rubric_loading import LoadedRubric

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class RankingBase:
    """What a ranking ranked, as arrays: villages best first, criteria in the ranking's
    order, the scores used (villages × criteria), the criterion weights, the published
    ranks and each survey-measure tie-breaker's values (NaN where unknown)."""

    villages: list[str]
    criteria: list[str]
    scores: FloatArray
    weights: FloatArray
    ranks: IntArray
    measures: dict[str, FloatArray]


def rubric_spec(rubric: LoadedRubric | Rubric) -> Rubric:
    return rubric.rubric if isinstance(rubric, LoadedRubric) else rubric


def ranking_base(ranking: Ranking, spec: Rubric) -> RankingBase:
    """The ranked villages of ``ranking`` with everything :func:`replicate_ranks` needs."""
    ranked = ranking.ranked()
    criteria = list(ranking.bobot)
    scores = np.array(
        [[np.nan if (n := v.kriteria[c].nilai) is None else n for c in criteria] for v in ranked],
        dtype=np.float64,
    ).reshape(len(ranked), len(criteria))
    if ranking.peringkat_tidak_lengkap:
        scores = np.nan_to_num(scores, nan=0.0)
    measures = {
        m: np.array(
            [np.nan if (x := v.ukuran_penentu_seri.get(m)) is None else x for v in ranked],
            dtype=np.float64,
        )
        for m in (t.measure for t in spec.tie_breakers)
        if m is not None
    }
    return RankingBase(
        villages=[v.kode_desa for v in ranked],
        criteria=criteria,
        scores=scores,
        weights=np.array([ranking.bobot[c] for c in criteria], dtype=np.float64),
        ranks=np.array([v.peringkat or 0 for v in ranked], dtype=np.int64),
        measures=measures,
    )


def total_decimals(ranking: Ranking) -> int:
    return 4 if ranking.metode is Method.TOPSIS else ranking.desimal


def _weighted(scores: FloatArray, weights: FloatArray) -> FloatArray:
    """Scores R × V × C (NaN = 0) times weights C or R × C, per criterion."""
    per_replicate = weights[:, None, :] if weights.ndim == 2 else weights[None, None, :]
    product: FloatArray = np.nan_to_num(scores, nan=0.0) * per_replicate
    return product


def replicate_ranks(
    ranking: Ranking,
    spec: Rubric,
    scores: FloatArray,
    weights: FloatArray,
    measures: Mapping[str, FloatArray],
) -> IntArray:
    """Competition ranks (replicates × villages) by the published rule (module docstring).

    ``scores`` is replicates × villages × criteria (criteria as in ``ranking.bobot``),
    ``weights`` the criterion weights (criteria, or replicates × criteria), ``measures`` each
    survey-measure tie-breaker's values (villages, or replicates × villages; NaN unknown).

    >>> import phbs
    >>> from phbs.demo.contest import SAMPLE_RUBRIC, sample_ranking
    >>> ranking, rubric = sample_ranking(), phbs.load_rubric(SAMPLE_RUBRIC).rubric
    >>> base = ranking_base(ranking, rubric)
    >>> ranks = replicate_ranks(ranking, rubric, base.scores[None], base.weights, base.measures)
    >>> ranks[0].tolist() == base.ranks.tolist()
    True
    """
    weighted = _weighted(scores, weights)
    if ranking.metode is Method.TOPSIS:
        totals = batch_topsis(np.nan_to_num(scores, nan=0.0), weights)
    else:
        totals = weighted.sum(axis=2)
    if not spec.tie_breakers:
        return batch_ranks(totals, total_decimals(ranking))
    keys: list[FloatArray] = [round_half_up(totals, total_decimals(ranking))]
    criteria = list(ranking.bobot)
    for breaker in spec.tie_breakers:
        if breaker.subtotal is not None:
            columns = [j for j, c in enumerate(criteria) if ranking.kelompok[c] == breaker.subtotal]
            key = weighted[:, :, columns].sum(axis=2)
        elif breaker.criterion is not None:
            key = scores[:, :, criteria.index(breaker.criterion)]
        else:
            found = measures.get(breaker.measure or "")
            key = np.full(totals.shape, np.nan) if found is None else found
        keys.append(round_half_up(np.broadcast_to(key, totals.shape), spec.decimals))
    directions = [True] + [t.higher_is_better for t in spec.tie_breakers]
    return np.stack(
        [
            competition_rank([k[r] for k in keys], descending=directions)
            for r in range(totals.shape[0])
        ]
    ).reshape(totals.shape)


def tie_sizes(ranks: IntArray) -> IntArray:
    """How many villages share each village's rank in its replicate (1 when untied).

    >>> tie_sizes(np.array([[1, 1, 3], [1, 2, 3]])).tolist()
    [[2, 2, 1], [1, 1, 1]]
    """
    replicates, villages = ranks.shape
    flat = ranks + (villages + 1) * np.arange(replicates, dtype=np.int64)[:, None]
    counts = np.bincount(flat.ravel(), minlength=replicates * (villages + 1))
    sizes: IntArray = counts[flat].astype(np.int64)
    return sizes


def kept_share(ranks: IntArray, published: IntArray) -> FloatArray:
    """P(tetap) of each village (docs/aturan.md §7.8): over the replicates, the mean share of
    its published positions the village holds, positions shared among tied villages.

    A village of rank ``p`` tied with ``k − 1`` others holds ``1/k`` of each position
    ``p … p + k − 1``; published at rank ``P`` in a tie of ``K`` it held ``1/K`` of each of
    ``P … P + K − 1``. What it keeps in a replicate is the overlap of the two,
    ``|[p, p + k − 1] ∩ [P, P + K − 1]| × min(1/k, 1/K)``: 1 when rank and tie are as
    published, ``1/k`` when it ties ``k − 1`` others over its published position, else 0.

    >>> kept_share(np.array([[1, 2, 3], [2, 1, 3], [1, 1, 3]]), np.array([1, 2, 3])).tolist()
    [0.5, 0.5, 1.0]
    """
    sizes = tie_sizes(ranks)
    given = tie_sizes(published[None, :])
    overlap = np.minimum(ranks + sizes, published + given) - np.maximum(ranks, published)
    held = np.clip(overlap, 0, None) * np.minimum(1.0 / sizes, 1.0 / given)
    kept: FloatArray = held.mean(axis=0)
    return kept


def ahead_share(ranks: IntArray, above: int, below: int) -> float:
    """Share of replicates in which village ``below`` comes out ahead of village ``above``
    (columns of ``ranks``); a replicate where the two tie counts ½, as tied villages share
    their positions (docs/aturan.md §7.8).

    >>> ahead_share(np.array([[1, 2], [2, 1], [1, 1], [1, 2]]), 0, 1)
    0.375
    """
    ahead = ranks[:, below] < ranks[:, above]
    tied = ranks[:, below] == ranks[:, above]
    return float(np.mean(ahead + 0.5 * tied))
