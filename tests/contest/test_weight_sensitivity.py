"""Weight sensitivity ranks every replicate by the published ranking rule (docs/aturan.md §7.8):
the rounded total, then the rubric's tie-breakers in order, ties sharing positions.

The contests are constructed here (one judged criterion per group), so that what each
replicate must give is known without the code under test: a tie decided by a survey measure
cannot move whatever the weights, and for two groups the masukan share ``s`` of a Dirichlet
draw is ``Beta(κ p, κ (1 − p))`` (p the rubric's share), so who comes first is a condition
on ``s`` worked out by hand and integrated with :func:`scipy.stats.beta.cdf`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pytest
from contest_helpers import A, B, C, D, judges_from, measures, small_rubric
from scipy.stats import beta

import phbs
from phbs.contest.inputs import read_overrides
from phbs.contest.models import Ranking
from phbs.contest.replicates import kept_share, ranking_base, replicate_ranks
from phbs.contest.rubric_loading import LoadedRubric
from phbs.contest.uncertainty import SWAP_THRESHOLD, weight_sensitivity
from phbs.demo.contest import SAMPLE_RUBRIC, sample_ranking
from phbs.reports.uncertainty import uncertainty_notes

E, F = "63.10.02.2005", "63.10.02.2008"
THREE = (("masukan", 3.0), ("proses", 4.0), ("keluaran", 3.0))
# Two groups, shares 0.3 and 0.7 (weights summing to 1: totals on the 0–100 scale).
TWO = (("masukan", 0.3), ("keluaran", 0.7))
BY_SUBTOTALS = [{"subtotal": "keluaran"}, {"subtotal": "proses"}, {"measure": "persen_ber_phbs"}]


def _contest(
    tmp_path: Path,
    groups: Sequence[tuple[str, float]],
    scores: Mapping[str, Sequence[float]],
    ber_phbs: Mapping[str, float],
    tie_breakers: list[dict[str, str]],
    **changes: object,
) -> tuple[Ranking, LoadedRubric]:
    """One judged criterion per group; every judge gives the village's score."""
    rubric = small_rubric(
        tmp_path,
        groups=[
            {
                "id": group,
                "name": group,
                "name_en": group,
                "weight": weight,
                "criteria": [
                    {
                        "id": f"{group}_n",
                        "name": group,
                        "name_en": group,
                        "source": {"type": "judge"},
                    }
                ],
            }
            for group, weight in groups
        ],
        tie_breakers=tie_breakers,
        **changes,
    )
    sheet = {
        kode: {f"{g}_n": [str(v)] * 3 for (g, _), v in zip(groups, values, strict=True)}
        for kode, values in scores.items()
    }
    judges = judges_from(tmp_path, rubric, sheet)
    ranking = phbs.rank_villages(rubric, survey=measures(ber_phbs), judges=judges)
    return ranking, rubric


def _measure_tie(tmp_path: Path) -> tuple[Ranking, LoadedRubric]:
    """B and C score alike on every criterion; B is above C only by % ber-PHBS (70 vs 60). D
    and E are alike in everything, % ber-PHBS too, so they share rank 4."""
    scores = {A: (95, 95, 95), B: (80, 80, 80), C: (80, 80, 80), D: (50, 50, 50), E: (50, 50, 50)}
    ber = {A: 60.0, B: 70.0, C: 60.0, D: 55.0, E: 55.0}
    return _contest(tmp_path, THREE, scores, ber, BY_SUBTOTALS)


def test_a_tie_decided_by_a_survey_measure_keeps_its_rank_at_any_concentration(
    tmp_path: Path,
) -> None:
    """No weight moves villages equal on every criterion apart: the % ber-PHBS tie-breaker
    decides every replicate as it decided the ranking, and the villages tied on every key stay
    tied, holding the positions they share (P(tetap) = 1 for all, no pair swaps)."""
    ranking, rubric = _measure_tie(tmp_path)
    assert [(v.kode_desa, v.peringkat, v.diputus_oleh) for v in ranking.ranked()] == [
        (A, 1, None),
        (B, 2, "total"),
        (C, 3, "ukuran:persen_ber_phbs"),
        (D, 4, "total"),
        (E, 4, "seri"),
    ]
    for concentration in (1.0, 10.0, 100.0, 1e9):
        found = weight_sensitivity(
            ranking, rubric, replicates=300, seed=2, concentration=concentration
        )
        assert [(v.kode_desa, v.p_tetap) for v in found.desa] == [
            (A, 1.0),
            (B, 1.0),
            (C, 1.0),
            (D, 1.0),
            (E, 1.0),
        ]
        assert found.pertukaran == []


def test_the_sample_contest_keeps_every_rank_at_a_huge_concentration() -> None:
    """At κ = 10⁹ the drawn weights differ from the rubric's by about 10⁻⁴ of a point:
    nothing in the sample contest is that close, so every village keeps its rank."""
    ranking = sample_ranking()
    found = weight_sensitivity(
        ranking, phbs.load_rubric(SAMPLE_RUBRIC), replicates=200, seed=5, concentration=1e9
    )
    assert len(found.desa) == len(ranking.ranked())
    assert all(v.p_tetap == 1.0 for v in found.desa)
    assert found.pertukaran == []


def test_a_replicate_at_the_rubrics_weights_gives_the_published_ranks(tmp_path: Path) -> None:
    """Exclusions, overrides, subtotal and measure tie-breakers and a shared rank as the
    ranking recorded them: one replicate with the ranking's own weights reproduces its ranks
    (here and on the sample contest)."""
    scores = {
        A: (95, 95, 95),
        B: (80, 80, 80),
        C: (80, 80, 80),
        D: (90, 70, 60),  # total 270 + 280 + 180 = 730
        E: (70, 70, 80),  # total 210 + 280 + 240 = 730: above D on the keluaran subtotal
        F: (99, 99, 99),
    }
    ber = {A: 60.0, B: 70.0, C: 60.0, D: 50.0, E: 50.0, F: 50.0}
    rubric = _contest(tmp_path, THREE, scores, ber, BY_SUBTOTALS)[1]
    sheet = {
        kode: {f"{g}_n": [str(v)] * 3 for (g, _), v in zip(THREE, values, strict=True)}
        for kode, values in scores.items()
    }
    path = tmp_path / "koreksi.csv"
    path.write_text(
        "kode_desa,tindakan,kriteria,nilai,alasan\n"
        f"{F},keluarkan,,,berkas terlambat\n"
        f"{A},ubah,keluaran_n,50,nilai salah ketik\n",
        encoding="utf-8",
    )
    ranking = phbs.rank_villages(
        rubric,
        survey=measures(ber),
        judges=judges_from(tmp_path, rubric, sheet),
        overrides=read_overrides(path, rubric.rubric),
    )
    # A: 285 + 380 + 150 = 815, still first; F excluded; E above D by the keluaran subtotal.
    assert [(v.kode_desa, v.peringkat) for v in ranking.ranked()] == [
        (A, 1),
        (B, 2),
        (C, 3),
        (E, 4),
        (D, 5),
    ]
    for one, spec in (
        (ranking, rubric.rubric),
        (sample_ranking(), phbs.load_rubric(SAMPLE_RUBRIC).rubric),
    ):
        base = ranking_base(one, spec)
        ranks = replicate_ranks(one, spec, base.scores[None], base.weights, base.measures)
        assert ranks.tolist() == [[v.peringkat for v in one.ranked()]]


def _rounded(value: float) -> float:
    """Half up to 0 decimals, written out (the rubric's ``decimals: 0``)."""
    return math.floor(value + 0.5)


def _a_keeps(s: float) -> bool:
    """Rubric TWO with ``decimals: 0``; A = (40, 80), B = (61, 71); masukan share ``s``.

    Totals 80 − 40 s and 71 − 10 s, rounded; when they round equal the keluaran subtotals
    80 (1 − s) and 71 (1 − s), rounded, decide (A's is larger until s is near 0.9)."""
    total_a, total_b = _rounded(40 * s + 80 * (1 - s)), _rounded(61 * s + 71 * (1 - s))
    if total_a != total_b:
        return total_a > total_b
    return _rounded(80 * (1 - s)) >= _rounded(71 * (1 - s))


def _beta_probability(keeps: object, a: float, b: float, points: int = 200_001) -> float:
    """P(condition on s) for s ~ Beta(a, b): the condition is constant between grid points
    except at a few switches, so Σ condition(midpoint) × (cdf(right) − cdf(left)) is exact to
    about 1/points per switch."""
    assert callable(keeps)
    edges = np.linspace(0.0, 1.0, points)
    mass = np.diff(beta.cdf(edges, a, b))
    middle = (edges[1:] + edges[:-1]) / 2
    held = np.array([bool(keeps(float(s))) for s in middle])
    return float(mass[held].sum())


@pytest.mark.parametrize("concentration", [2.0, 100.0])
def test_a_pair_settled_by_a_subtotal_matches_the_beta_integral(
    tmp_path: Path, concentration: float
) -> None:
    """A and B have the same total 68 at the rubric's weights (0.3 × 40 + 0.7 × 80 = 0.3 × 61 +
    0.7 × 71); A is first on the keluaran subtotal (56 against 49,7 → 50). With whole-number
    totals a replicate often rounds both totals alike, and the subtotal decides again. P(tetap)
    of A and of B is P(A first) for s ~ Beta(0.3 κ, 0.7 κ), integrated above; C, far below,
    keeps rank 3. 4,000 replicates: a standard error under 0,008."""
    ranking, rubric = _contest(
        tmp_path,
        TWO,
        {A: (40, 80), B: (61, 71), C: (20, 20)},
        {A: 50.0, B: 50.0, C: 50.0},
        [{"subtotal": "keluaran"}, {"measure": "persen_ber_phbs"}],
        decimals=0,
    )
    assert [(v.kode_desa, v.peringkat, v.diputus_oleh) for v in ranking.ranked()] == [
        (A, 1, None),
        (B, 2, "subtotal:keluaran"),
        (C, 3, "total"),
    ]
    expected = _beta_probability(_a_keeps, 0.3 * concentration, 0.7 * concentration)
    found = weight_sensitivity(
        ranking, rubric, replicates=4000, seed=11, concentration=concentration
    )
    kept = {v.kode_desa: v.p_tetap for v in found.desa}
    assert kept[A] == pytest.approx(expected, abs=0.03)
    assert kept[B] == pytest.approx(expected, abs=0.03)
    assert kept[C] == 1.0


def test_the_swap_listing_holds_every_pair_at_or_above_the_threshold(tmp_path: Path) -> None:
    """Rubric TWO at κ = 100, s ~ Beta(30, 70). X = (60, 81) is above Y = (79, 70) while
    60 s + 81 (1 − s) > 79 s + 70 (1 − s), i.e. s < 11/30: Y comes out ahead with
    P(s > 11/30) = 7,6 %, at least the 5 % threshold, so the pair is listed; Y is above
    W = (99, 57) until s = 13/33 (2,4 %) and X above W until s = 24/63 (4,3 %): not listed.
    The notes name the threshold and the pair."""
    x, y, w = A, B, C
    ranking, rubric = _contest(
        tmp_path,
        TWO,
        {x: (60, 81), y: (79, 70), w: (99, 57)},
        {x: 50.0, y: 50.0, w: 50.0},
        [{"subtotal": "keluaran"}],
    )
    assert [v.kode_desa for v in ranking.ranked()] == [x, y, w]
    found = weight_sensitivity(ranking, rubric, replicates=4000, seed=4, concentration=100.0)
    swap_xy = 1 - beta.cdf(11 / 30, 30, 70)
    assert 0.07 < swap_xy < 0.09
    assert 1 - beta.cdf(13 / 33, 30, 70) < 0.03
    assert 1 - beta.cdf(24 / 63, 30, 70) < 0.045
    assert SWAP_THRESHOLD == 0.05
    assert [(s.desa_a, s.desa_b, s.peringkat_a, s.peringkat_b) for s in found.pertukaran] == [
        (x, y, 1, 2)
    ]
    assert found.pertukaran[0].proporsi == pytest.approx(swap_xy, abs=0.015)
    notes = uncertainty_notes(phbs.Uncertainty(weights=found), "id")
    assert "Pasangan di peringkat 1–10 yang bertukar urutan pada sedikitnya 5 % ulangan:" in notes
    assert notes[-1].startswith(f"  1. {x} ⇄ 2. {y}: bertukar urutan pada ")


def test_kept_share_counts_tied_positions_as_the_bootstrap_does() -> None:
    """Published ranks 1, 2, 2 (a shared rank): a replicate keeping the tie keeps every
    position; one that breaks it keeps half of each tied village's positions; a village
    published alone that ties its neighbour keeps 1/2 (worked out by hand)."""
    published = np.array([1, 2, 2])
    ranks = np.array([[1, 2, 2], [1, 2, 3], [1, 1, 3]])
    # Replicate 1: all kept. Replicate 2: B holds position 2 of its {2, 3} → ½, C holds 3 → ½.
    # Replicate 3: A shares 1–2 → ½ of position 1; B is at 1–2 (½ each): overlap with {2, 3}
    # is position 2, min(½, ½) = ½; C alone at 3: position 3 of {2, 3} → ½.
    assert kept_share(ranks, published).tolist() == pytest.approx(
        [(1 + 1 + 0.5) / 3, (1 + 0.5 + 0.5) / 3, (1 + 0.5 + 0.5) / 3]
    )
