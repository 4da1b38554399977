"""Who improved most: villages ranked by their change in % ber-PHBS between two rounds, with a
parametric bootstrap of the ranks (docs/aturan.md §5.8 change between rounds, §7.8 rank
certainty). The bootstrap is checked by its properties, never by numbers taken from it:
expected changes and ranks are worked out by hand in the comments."""

from __future__ import annotations

import pytest
from contest_helpers import A, B, C, Counts, D, make_round

from phbs.contest.improvement import CHANGE_DECIMALS, rank_improvement
from phbs.errors import SettingsError
from phbs.trends.compare import compare_rounds
from phbs.trends.models import Trends


def trends(before: Counts, after: Counts) -> Trends:
    return compare_rounds([make_round("2024", before), make_round("2025", after)], by="desa")


def test_a_huge_certain_improvement_is_first_in_all_replicates() -> None:
    # A: 10/100 → 95/100 = +85.0 pp; B: 50 → 52 % = +2.0; C: 40 → 43 % = +3.0 (by hand).
    # Ranks by the change: A 1, C 2, B 3. A's lead of 82 pp is some 12 standard errors
    # (√(0.1·0.9/100 + 0.95·0.05/100) ≈ 0.037 → 3.7 pp), so A is first in every replicate.
    result = rank_improvement(
        trends(
            {A: (10, 100, None), B: (50, 100, None), C: (40, 100, None)},
            {A: (95, 100, None), B: (52, 100, None), C: (43, 100, None)},
        ),
        replicates=2000,
        seed=7,
    )
    by_code = {v.kode_desa: v for v in result.desa}
    assert [(v.kode_desa, v.peringkat) for v in result.desa] == [(A, 1), (C, 2), (B, 3)]
    assert by_code[A].perubahan_dibulatkan == 85.0
    assert by_code[B].perubahan_dibulatkan == 2.0
    assert by_code[C].perubahan_dibulatkan == 3.0
    assert by_code[A].p_paling_meningkat >= 0.999
    assert (by_code[A].peringkat_bawah, by_code[A].peringkat_atas) == (1, 1)
    assert result.tidak_terbedakan_sampai == 1
    assert result.desa_teratas == [A]
    # The P(first) shares sum to 1 over the villages (ties split, aturan.md §7.8).
    assert sum(v.p_paling_meningkat for v in result.desa) == pytest.approx(1.0)
    assert (result.ulangan, result.seed, result.desimal) == (2000, 7, CHANGE_DECIMALS)


def test_two_villages_with_the_same_counts_share_the_rank_and_split_the_top() -> None:
    # A and B: 30/100 → 60/100 = +30.0 each; C: 30/100 → 31/100 = +1.0. A and B share rank
    # 1 (competition rank 1, 1, 3). Their draws have the same distribution, so each is the
    # most improved in about half the replicates: 0.5 ± 3 × √(0.25/2000) ≈ 0.5 ± 0.034.
    result = rank_improvement(
        trends(
            {A: (30, 100, None), B: (30, 100, None), C: (30, 100, None)},
            {A: (60, 100, None), B: (60, 100, None), C: (31, 100, None)},
        ),
        replicates=2000,
        seed=3,
    )
    by_code = {v.kode_desa: v for v in result.desa}
    assert [by_code[k].peringkat for k in (A, B, C)] == [1, 1, 3]
    assert by_code[A].p_paling_meningkat == pytest.approx(0.5, abs=0.04)
    assert by_code[B].p_paling_meningkat == pytest.approx(0.5, abs=0.04)
    assert by_code[A].p_paling_meningkat + by_code[B].p_paling_meningkat == pytest.approx(
        1.0, abs=1e-3
    )
    # Tied first, they are the top that cannot be told apart; C (+1.0) stands apart.
    assert result.tidak_terbedakan_sampai == 1
    assert result.desa_teratas == [A, B]


def test_a_census_pair_gives_a_degenerate_rank_interval() -> None:
    # Every household of A, B and C surveyed in both rounds (n == N): the shares are known,
    # so every replicate repeats the published ranks. A: 40 → 42 % = +2.0, B: 40 → 41 % =
    # +1.0, C: 40 → 43 % = +3.0 (by hand): ranks C 1, A 2, B 3, each interval one rank.
    before = {A: (40, 100, 100), B: (40, 100, 100), C: (40, 100, 100)}
    after = {A: (42, 100, 100), B: (41, 100, 100), C: (43, 100, 100)}
    result = rank_improvement(trends(before, after), replicates=500, seed=1)
    by_code = {v.kode_desa: v for v in result.desa}
    assert [by_code[k].peringkat for k in (C, A, B)] == [1, 2, 3]
    for row in result.desa:
        assert row.sensus == (True, True)
        assert row.peringkat_bawah == row.peringkat_atas == row.peringkat
        assert row.p_paling_meningkat == (1.0 if row.peringkat == 1 else 0.0)
    # The same counts without household totals are samples: 1 pp apart with n = 100 is
    # well inside the sampling error (about 7 pp), so the intervals widen.
    sampled = {k: (x, n, None) for k, (x, n, _) in after.items()}
    base = {k: (x, n, None) for k, (x, n, _) in before.items()}
    widened = rank_improvement(trends(base, sampled), replicates=500, seed=1)
    assert any(v.peringkat_bawah < v.peringkat_atas for v in widened.desa)


def test_the_finite_population_correction_narrows_a_partial_sample() -> None:
    # A: 40 → 50 % = +10.0, B: 40 → 44 % = +4.0 with n = 90 of N = 100 households in both
    # rounds. The correction f = (N − n)/(N − 1) = 10/99 shrinks the spread of each share to
    # about a third of its binomial spread (√0.101 ≈ 0.32), so A leads in more replicates
    # than when N is unknown (no correction, f = 1).
    def counts(total: int | None) -> tuple[Counts, Counts]:
        return (
            {A: (36, 90, total), B: (36, 90, total)},
            {A: (45, 90, total), B: (int(0.44 * 90), 90, total)},
        )

    corrected = rank_improvement(trends(*counts(100)), replicates=2000, seed=5)
    plain = rank_improvement(trends(*counts(None)), replicates=2000, seed=5)
    lead = {r.kode_desa: r.p_paling_meningkat for r in corrected.desa}[A]
    lead_plain = {r.kode_desa: r.p_paling_meningkat for r in plain.desa}[A]
    assert lead > lead_plain
    assert not any(any(v.sensus) for v in corrected.desa)


def test_the_same_seed_gives_the_same_result_and_states_it() -> None:
    before = {A: (30, 60, None), B: (25, 60, None), C: (20, 60, 200)}
    after = {A: (35, 60, None), B: (33, 60, None), C: (27, 60, 200)}
    first = rank_improvement(trends(before, after), replicates=300, seed=11)
    again = rank_improvement(trends(before, after), replicates=300, seed=11)
    assert first == again
    assert (first.ulangan, first.seed) == (300, 11)


def test_changes_equal_to_one_decimal_share_a_rank() -> None:
    # A: 10/100 → 20/100 = +10.0; B: 0/2500 → 251/2500 = +10.04, printed +10.0: the same
    # published change, so both rank 1; C: 10/100 → 15/100 = +5.0 ranks 3.
    result = rank_improvement(
        trends(
            {A: (10, 100, None), B: (0, 2500, None), C: (10, 100, None)},
            {A: (20, 100, None), B: (251, 2500, None), C: (15, 100, None)},
        ),
        replicates=200,
    )
    by_code = {v.kode_desa: v for v in result.desa}
    assert by_code[B].perubahan == pytest.approx(10.04)
    assert (by_code[A].peringkat, by_code[B].peringkat, by_code[C].peringkat) == (1, 1, 3)
    assert result.seed == 42  # the default, as phbs rank --seed


def test_a_village_in_one_round_only_is_left_out_with_the_reason() -> None:
    # D surveyed in 2025 only: no change, listed apart; A and B are ranked.
    result = rank_improvement(
        trends(
            {A: (10, 50, None), B: (10, 50, None)},
            {A: (20, 50, None), B: (15, 50, None), D: (40, 50, None)},
        ),
        replicates=100,
    )
    assert [v.kode_desa for v in result.desa] == [A, B]
    assert result.desa_tanpa_perubahan == {D: "tidak_ada_di_putaran"}


def test_rounds_scored_differently_are_refused() -> None:
    rounds = [
        make_round("2024", {A: (10, 50, None)}, na_policy="exclude"),
        make_round("2025", {A: (20, 50, None)}, na_policy="as_unmet"),
    ]
    with pytest.raises(SettingsError, match="tidak sebanding"):
        rank_improvement(compare_rounds(rounds, by="desa"))


def test_a_pair_that_was_not_compared_and_a_summary_above_villages_are_refused() -> None:
    three = compare_rounds(
        [make_round(label, {A: (10 + i, 50, None)}) for i, label in enumerate(("a", "b", "c"))]
    )
    # Pairs compared: a→b, b→c and a→c (first → last); c→a is not one of them.
    assert rank_improvement(three, pair=("a", "c"), replicates=50).desa[0].perubahan == (
        pytest.approx(4.0)  # 10/50 → 12/50 = 20 % → 24 %
    )
    with pytest.raises(SettingsError, match="tidak dibandingkan"):
        rank_improvement(three, pair=("c", "a"))
    by_district = compare_rounds(
        [make_round("2024", {A: (10, 50, None)}), make_round("2025", {A: (20, 50, None)})],
        by="kecamatan",
    )
    with pytest.raises(SettingsError, match="per desa"):
        rank_improvement(by_district)


def test_close_changes_cannot_be_told_apart_from_the_top() -> None:
    # A: 40 → 50 % = +10.0, B: 40 → 49 % = +9.0, C: 40 → 10 % = −30.0 (n = 100, no totals).
    # A and B are 1 pp apart against a standard error of the difference of their changes of
    # about √(4 × 0.245/100) ≈ 10 pp: their rank intervals overlap, so the top is A and B;
    # C, 39 pp below B, stands apart.
    result = rank_improvement(
        trends(
            {A: (40, 100, None), B: (40, 100, None), C: (40, 100, None)},
            {A: (50, 100, None), B: (49, 100, None), C: (10, 100, None)},
        ),
        replicates=1000,
        seed=2,
    )
    assert [v.peringkat for v in result.desa] == [1, 2, 3]
    assert result.tidak_terbedakan_sampai == 2
    assert result.desa_teratas == [A, B]
    assert result.desa[2].perubahan_dibulatkan == -30.0
