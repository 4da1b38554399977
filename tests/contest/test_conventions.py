"""The published conventions of the contest ranking, each with values worked out by hand:
the band follows the published percentage (docs/aturan.md §7.1), totals and tie-breakers are
compared rounded half up as published (§7.5), TOPSIS for one village or identical villages
(§7.5), ties inside a bootstrap replicate share their positions and blocks of ranks that
cannot be told apart are runs of mutually overlapping 90 % rank intervals (§7.8)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from contest_helpers import (
    JUDGED_IDS,
    SMALL_RUBRIC,
    A,
    B,
    C,
    judged_ranking,
    judged_rubric,
    judges_from,
    measures,
)
from contest_helpers import write_rubric as write_rubric_file

import phbs
from phbs.contest.bootstrap import bootstrap_ranking
from phbs.contest.kernels import round_half_up, truncate
from phbs.contest.models import Ranking
from phbs.contest.resampling import (
    indistinct_blocks,
    indistinct_top,
    position_shares,
    rank_summary,
)
from phbs.contest.rubric_loading import LoadedRubric, load_rubric
from phbs.demo.contest import SAMPLE_RUBRIC, sample_ranking
from phbs.demo.data import sample_data
from phbs.errors import RubricError
from phbs.reports.ranking import ranking_table


def rank(
    tmp_path: Path, scores: dict[str, tuple[str, str, str]], **changes: Any
) -> tuple[Ranking, LoadedRubric]:
    return judged_ranking(tmp_path, scores, **changes)


def same(s: str) -> tuple[str, str, str]:
    return (s, s, s)


def test_rounding_kernels_by_hand() -> None:
    """docs/aturan.md §7.5 half up as on paper; §7.1 a shown percentage is cut down."""
    # 216.125 → 216.13 (a 5 rounds up); 2.675 is stored 2.67499999… and still → 2.68;
    # 212.504 and 212.496 are both 212.50.
    assert round_half_up([216.125, 2.675, 212.504, 212.496, 0.005], 2).tolist() == [
        216.13,
        2.68,
        212.5,
        212.5,
        0.01,
    ]
    assert np.isnan(round_half_up([float("nan")], 2)).all()
    # 79.996 → 79.99 (never 80.00); 79.99 (stored 79.98999…) stays 79.99; 0.57 × 100 is
    # 56.99999999999999 in binary and is 57.
    assert truncate([79.996, 79.99, 0.57 * 100, 80.0], 2).tolist() == [79.99, 79.99, 57.0, 80.0]
    assert truncate([79.996], 1).tolist() == [79.9]


def test_band_follows_the_unrounded_percentage(tmp_path: Path) -> None:
    """docs/aturan.md §7.1. Every criterion s → % of maximum s (3 s + 4 s + 3 s of 1000):
    A 79.996 is Cukup (below 80) and shows 79.99; B exactly 80 is Baik and shows 80.00;
    C 79.994 is Cukup. The totals 799.96, 800.00 and 799.94 rank B, A, C."""
    ranking, _ = rank(tmp_path, {A: same("79,996"), B: same("80"), C: same("79,994")})
    assert [v.kode_desa for v in ranking.desa] == [B, A, C]
    percent = {v.kode_desa: v.persen_maksimum for v in ranking.desa}
    assert percent == {A: 79.996, B: 80.0, C: 79.994}
    assert [v.predikat for v in ranking.desa] == ["Baik", "Cukup", "Cukup"]
    assert ranking.persen_dibulatkan is False
    lines = {line.split()[1]: line for line in ranking_table(ranking).splitlines()[2:]}
    # Total, then % of maximum, then the label.
    # The terminal table in Indonesian: decimal comma.
    assert re.search(r" 800,00 +80,00 +Baik ", lines[B])
    assert re.search(r" 799,96 +79,99 +Cukup ", lines[A])
    assert "80,00" not in lines[A]


def test_round_before_band_publishes_the_rounded_percentage(tmp_path: Path) -> None:
    """docs/aturan.md §7.1 with ``round_before_band: true``: 79.996 → 80.00 (half up), Baik;
    80 stays 80.00, Baik; 79.994 → 79.99, Cukup."""
    ranking, _ = rank(
        tmp_path,
        {A: same("79,996"), B: same("80"), C: same("79,994")},
        round_before_band=True,
    )
    assert {v.kode_desa: (v.persen_maksimum, v.predikat) for v in ranking.desa} == {
        A: (80.0, "Baik"),
        B: (80.0, "Baik"),
        C: (79.99, "Cukup"),
    }
    assert ranking.persen_dibulatkan is True


def test_band_minimum_finer_than_the_decimals_is_refused(tmp_path: Path) -> None:
    """docs/aturan.md §7.1: a band starting at 79.995 with decimals 2 could hold a percentage
    shown 79.99, below its minimum; the rubric is refused at load."""
    bands = [dict(b) for b in SMALL_RUBRIC["bands"]]  # type: ignore[attr-defined]
    bands[0]["minimum"] = 79.995
    path = write_rubric_file(tmp_path, {**SMALL_RUBRIC, "bands": bands})
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    assert " bands.0.minimum: a band minimum may have at most 2 decimals" in caught.value.message(
        "en"
    )
    assert load_rubric(write_rubric_file(tmp_path, {**SMALL_RUBRIC, "decimals": 3}, "b.yaml"))


def test_tie_breakers_compare_the_published_rounded_values(tmp_path: Path) -> None:
    """docs/aturan.md §7.5, by hand: both villages score 70 on masukan and proses; A scores
    70.8348 on keluaran (subtotal 212.5044), B 70.8318 (212.4954). Totals 702.5044 and
    702.4954 are both 702.50; the output subtotals are both 212.50 as published, so they tie
    there too and % ber-PHBS decides: B 60 above A 50 (unrounded, A's subtotal would win)."""
    rubric = judged_rubric(tmp_path)
    ids = JUDGED_IDS
    keluaran = {A: "70,8348", B: "70,8318"}
    sheet = {
        kode: {ids[0]: ["70"] * 3, ids[1]: ["70"] * 3, ids[2]: [value] * 3}
        for kode, value in keluaran.items()
    }
    ranking = phbs.rank_villages(
        rubric, survey=measures({A: 50.0, B: 60.0}), judges=judges_from(tmp_path, rubric, sheet)
    )
    assert [(v.kode_desa, v.peringkat, v.diputus_oleh) for v in ranking.desa] == [
        (B, 1, None),
        (A, 2, "ukuran:persen_ber_phbs"),
    ]
    assert ranking.village(A).subtotal["keluaran"] == pytest.approx(212.5044)
    assert "(50.00 vs 60.00)" in ranking.village(A).catatan_en[0]
    lines = ranking_table(ranking).splitlines()[2:]
    assert all("702,50" in line and "212,50" in line for line in lines)  # Indonesian: comma


def test_topsis_single_village_and_identical_villages(tmp_path: Path) -> None:
    """docs/aturan.md §7.5: one village, or villages equal on every criterion, have ideal =
    anti-ideal and closeness 0/0; each gets 0.5. Identical villages tie on the total and on
    every tie-breaker (equal subtotals, equal % ber-PHBS 50): shared rank 1."""
    alone, _ = rank(tmp_path, {A: ("70", "80", "90")}, method="topsis")
    assert [(v.peringkat, v.total) for v in alone.desa] == [(1, 0.5)]
    field, _ = rank(tmp_path, dict.fromkeys((A, B, C), ("70", "80", "90")), method="topsis")
    assert [(v.peringkat, v.total, v.diputus_oleh) for v in field.desa] == [
        (1, 0.5, None),
        (1, 0.5, "seri"),
        (1, 0.5, "seri"),
    ]
    # % of maximum and label stay the weighted sum's: (210 + 320 + 270) / 1000 = 80 %, Baik.
    assert {(v.persen_maksimum, v.predikat) for v in field.desa} == {(80.0, "Baik")}


def test_shared_positions_by_hand() -> None:
    """docs/aturan.md §7.8. Replicate 1: A and B tied first, C third; replicate 2: B, A, C.
    A holds ½ + 0 of position 1 and ½ + 1 of position 2: P(first) ¼, median 2 (cumulative
    ¼ then 1 of 2 replicates: 50 % is passed at position 2), interval 1–2; B: P(first) ¾,
    median 1 (¾ ≥ ½); C third in both. P(first) sums to 1, P(top 3) to 3."""
    ranks = np.array([[1, 1, 3], [2, 1, 3]])
    assert position_shares(ranks).tolist() == [[0.5, 1.5, 0.0], [1.5, 0.5, 0.0], [0, 0, 2.0]]
    summary = rank_summary(ranks)
    assert summary.first.tolist() == [0.25, 0.75, 0.0]
    assert summary.top3.tolist() == [1.0, 1.0, 1.0]
    assert summary.median.tolist() == [2.0, 1.0, 3.0]
    assert summary.lower.tolist() == [1, 1, 3]
    assert summary.upper.tolist() == [2, 2, 3]
    # Three villages tied second of four: each holds ⅓ of positions 2, 3 and 4, so ⅔ of the
    # top 3; 1 + 3 × ⅔ = 3.
    four = rank_summary(np.array([[1, 2, 2, 2]]))
    assert four.top3 == pytest.approx([1, 2 / 3, 2 / 3, 2 / 3])
    assert four.median.tolist() == [1.0, 3.0, 3.0, 3.0]
    assert (four.lower.tolist(), four.upper.tolist()) == ([1, 2, 2, 2], [1, 4, 4, 4])


def test_shared_positions_without_ties_are_the_usual_median_and_quantiles() -> None:
    """Without ties the summary is numpy's median and inverted-CDF 5 % / 95 % quantiles."""
    rng = np.random.default_rng(4)
    ranks = np.stack([rng.permutation(6) + 1 for _ in range(101)])
    for count in (101, 100):
        part = ranks[:count]
        summary = rank_summary(part)
        np.testing.assert_array_equal(summary.median, np.median(part, axis=0))
        q = np.quantile(part, [0.05, 0.95], axis=0, method="inverted_cdf")
        np.testing.assert_array_equal(summary.lower, q[0])
        np.testing.assert_array_equal(summary.upper, q[1])
        np.testing.assert_allclose(summary.first, np.mean(part == 1, axis=0))


def test_two_identical_villages_share_first_place(tmp_path: Path) -> None:
    """docs/aturan.md §7.8: two villages equal on every key in every replicate each get
    P(first) 0.5, P(top 3) 1, median 1.5 and interval 1–2 (not 1 each, which summed to 200 %);
    they share the published rank 1, so no block note is written for them."""
    ranking, rubric = rank(tmp_path, dict.fromkeys((A, B), ("70", "80", "90")))
    assert [v.peringkat for v in ranking.desa] == [1, 1]
    boot = bootstrap_ranking(ranking, rubric, None, replicates=20, seed=1)
    assert [(v.p_pertama, v.p_tiga_besar, v.peringkat_median) for v in boot.desa] == [
        (0.5, 1.0, 1.5)
    ] * 2
    assert [(v.peringkat_bawah, v.peringkat_atas) for v in boot.desa] == [(1, 2)] * 2
    assert boot.blok_tidak_terbedakan == []
    assert boot.tidak_terbedakan_sampai == 1


def test_bootstrap_probabilities_sum_to_one_and_three() -> None:
    """P(first) sums to exactly 1 and P(top 3) to 3 over the villages of the sample contest,
    whatever the ties inside the replicates (docs/aturan.md §7.8)."""
    survey = phbs.read_survey(sample_data().survey_files)
    report = phbs.summarise(phbs.score(survey))
    ranking = sample_ranking(report)
    boot = bootstrap_ranking(
        ranking,
        phbs.load_rubric(SAMPLE_RUBRIC),
        report,
        replicates=200,
        seed=3,
        resample_judges_too=True,
    )
    assert len(boot.desa) >= 3
    assert sum(v.p_pertama for v in boot.desa) == pytest.approx(1.0, abs=1e-12)
    assert sum(v.p_tiga_besar for v in boot.desa) == pytest.approx(3.0, abs=1e-12)


# Published ranks 1–12 with hand-made 90 % intervals: 1–4 stand apart; rank 5 is wide
# [5–12]. Chaining from rank 5's interval (the old rule) joined 5–12 into one block and
# claimed 7 [5–9] and 12 [11–12] cannot be told apart, though their intervals do not meet.
INTERVALS = [(1, 1), (2, 2), (3, 3), (4, 4), (5, 12), (5, 8), (5, 9), (6, 10), (7, 10)]
INTERVALS += [(8, 11), (10, 12), (11, 12)]


def test_blocks_are_runs_of_mutually_overlapping_intervals() -> None:
    """docs/aturan.md §7.8, by hand: 5–10 all contain rank 8 and 11 [10–12] misses 6 [5–8];
    8–11 all contain 10, and neither 7 [5–9] nor 12 [11–12] meets all of them; 10–12 all
    contain 11, and 9 [7–10] misses 12. No block holds both 7 and 12."""
    ranks = list(range(1, 13))
    lower, upper = [lo for lo, _ in INTERVALS], [hi for _, hi in INTERVALS]
    blocks = indistinct_blocks(ranks, lower, upper)
    assert blocks == [(5, 10), (8, 11), (10, 12)]
    assert not any(first <= 7 and last >= 12 for first, last in blocks)
    for first, last in blocks:
        inside = INTERVALS[first - 1 : last]
        assert max(lo for lo, _ in inside) <= min(hi for _, hi in inside)
    assert indistinct_top(ranks, lower, upper) == 1
    # Overlapping maximal blocks are all reported: 1 [1–2], 2 [1–3], 3 [3–4].
    assert indistinct_blocks([1, 2, 3], [1, 1, 3], [2, 3, 4]) == [(1, 2), (2, 3)]
    assert indistinct_top([1, 2, 3], [1, 1, 3], [2, 3, 4]) == 2
    # Villages sharing a published rank are not a block of their own.
    assert indistinct_blocks([1, 1, 3], [1, 1, 3], [2, 2, 3]) == []
