"""Intervals, control limits and shrinkage (phbs.stats), aturan.md §5.4, §5.7, §7.8: a confidence
interval where the village was sampled."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate
from scipy.stats import beta as beta_dist
from scipy.stats import binomtest, norm

from phbs.stats import (
    BetaBinomialPrior,
    fit_beta_binomial,
    funnel_limits,
    percent_interval,
    proportion_interval,
    shrunk_proportion,
)

CASES = [(0, 1), (0, 20), (1, 29), (15, 148), (81, 263), (20, 20), (7, 10), (199, 210)]


@pytest.mark.parametrize(("x", "n"), CASES)
def test_wilson_matches_scipy(x: int, n: int) -> None:
    """Wilson score interval equals scipy's binomtest(...).proportion_ci('wilson')."""
    lo, hi = proportion_interval([x], [n])
    ref = binomtest(x, n).proportion_ci(confidence_level=0.95, method="wilson")
    assert lo[0] == pytest.approx(ref.low, abs=1e-12)
    assert hi[0] == pytest.approx(ref.high, abs=1e-12)


@pytest.mark.parametrize(("x", "n"), CASES)
@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_clopper_pearson_matches_scipy(x: int, n: int, confidence: float) -> None:
    """Clopper–Pearson equals scipy's binomtest(...).proportion_ci('exact')."""
    lo, hi = proportion_interval([x], [n], method="clopper-pearson", confidence=confidence)
    ref = binomtest(x, n).proportion_ci(confidence_level=confidence, method="exact")
    assert lo[0] == pytest.approx(ref.low, abs=1e-10)
    assert hi[0] == pytest.approx(ref.high, abs=1e-10)


@pytest.mark.parametrize(("x", "n"), CASES)
def test_jeffreys_matches_beta_quantiles(x: int, n: int) -> None:
    """Jeffreys: equal-tailed Beta(x + ½, n − x + ½) quantiles, 0 at x = 0 and 1 at x = n
    (Brown, Cai & DasGupta 2001, §4.1.2)."""
    lo, hi = proportion_interval([x], [n], method="jeffreys")
    expected_lo = 0.0 if x == 0 else beta_dist.ppf(0.025, x + 0.5, n - x + 0.5)
    expected_hi = 1.0 if x == n else beta_dist.ppf(0.975, x + 0.5, n - x + 0.5)
    assert lo[0] == pytest.approx(expected_lo, abs=1e-12)
    assert hi[0] == pytest.approx(expected_hi, abs=1e-12)


def test_jeffreys_bounds_hold_the_posterior_tails() -> None:
    """Independent of beta.ppf: integrating the Jeffreys posterior density numerically,
    each tail beyond the bounds of 15/148 holds 2.5 %."""
    lo, hi = proportion_interval([15], [148], method="jeffreys")
    density = beta_dist(15.5, 133.5).pdf
    below = integrate.quad(density, 0.0, float(lo[0]))[0]
    above = integrate.quad(density, float(hi[0]), 1.0)[0]
    assert below == pytest.approx(0.025, abs=1e-7)
    assert above == pytest.approx(0.025, abs=1e-7)


@pytest.mark.parametrize(
    ("x", "n", "wilson", "exact"),
    [
        (81, 263, (0.2553, 0.3662), (0.2527, 0.3676)),
        (15, 148, (0.0624, 0.1605), (0.0578, 0.1617)),
        (0, 20, (0.0000, 0.1611), (0.0000, 0.1684)),
        (1, 29, (0.0061, 0.1718), (0.0009, 0.1776)),
    ],
)
def test_newcombe_1998_table(
    x: int, n: int, wilson: tuple[float, float], exact: tuple[float, float]
) -> None:
    """Newcombe (1998), Stat Med 17:857, Table II: methods 3 (score) and 5 (exact), 4 d.p."""
    for method, expected in (("wilson", wilson), ("clopper-pearson", exact)):
        lo, hi = proportion_interval([x], [n], method=method)
        assert (round(float(lo[0]), 4), round(float(hi[0]), 4)) == expected


def test_closed_forms_at_x_zero_and_x_n() -> None:
    """Hand computation: for x = 0, Wilson's upper bound is z²/(n + z²) and Clopper–Pearson's
    is 1 − (α/2)^(1/n); for x = n, Clopper–Pearson's lower bound is (α/2)^(1/n)."""
    z2 = norm.ppf(0.975) ** 2
    assert proportion_interval([0], [20])[1][0] == pytest.approx(z2 / (20 + z2))
    cp = "clopper-pearson"
    assert proportion_interval([0], [20], method=cp)[1][0] == pytest.approx(1 - 0.025 ** (1 / 20))
    assert proportion_interval([20], [20], method=cp)[0][0] == pytest.approx(0.025 ** (1 / 20))
    for method in ("wilson", cp, "jeffreys"):
        lo, hi = proportion_interval([0, 9], [9, 9], method=method)
        assert lo[0] == 0.0
        assert hi[1] == 1.0


@pytest.mark.parametrize("method", ["wilson", "clopper-pearson", "jeffreys"])
def test_no_households_gives_no_interval(method: str) -> None:
    """n = 0: the interval is undefined (NaN; None in percent)."""
    lo, hi = proportion_interval([0], [0], method=method)
    assert math.isnan(lo[0])
    assert math.isnan(hi[0])
    assert percent_interval(0, 0, method) == (None, None)


def test_wilson_fpc_scales_the_standard_error() -> None:
    """FPC: the Wilson bounds p solve (p̂ − p)² = z² · p(1 − p)/n · (N − n)/(N − 1), i.e.
    the standard error is scaled by sqrt((N − n)/(N − 1)). Example: 20 of 50, N = 100."""
    x, n, big_n = 20, 50, 100
    lo, hi = proportion_interval([x], [n], population=[big_n])
    z2 = norm.ppf(0.975) ** 2
    f = (big_n - n) / (big_n - 1)
    for bound in (lo[0], hi[0]):
        assert (0.4 - bound) ** 2 == pytest.approx(z2 * bound * (1 - bound) / n * f)
    plain = proportion_interval([x], [n])
    assert hi[0] - lo[0] < plain[1][0] - plain[0][0]


@pytest.mark.parametrize("method", ["clopper-pearson", "jeffreys"])
def test_beta_methods_use_the_effective_sample_size(method: str) -> None:
    """FPC for the beta methods: the interval of x/n with n_eff = n(N − 1)/(N − n) and
    x_eff = x · n_eff / n (here 20/50 with N = 99: f = 49/98, n_eff = 100, x_eff = 40)."""
    lo, hi = proportion_interval([20], [50], method=method, population=[99])
    n_eff, x_eff = 100.0, 40.0
    if method == "jeffreys":
        expected = beta_dist.ppf([0.025, 0.975], x_eff + 0.5, n_eff - x_eff + 0.5)
    else:
        expected = [
            beta_dist.ppf(0.025, x_eff, n_eff - x_eff + 1),
            beta_dist.ppf(0.975, x_eff + 1, n_eff - x_eff),
        ]
    assert [lo[0], hi[0]] == pytest.approx(list(expected))


@pytest.mark.parametrize("method", ["wilson", "clopper-pearson", "jeffreys"])
def test_census_collapses_to_the_point(method: str) -> None:
    """n == N: every household was surveyed, so the interval is the point x/n."""
    lo, hi = proportion_interval([0, 13, 40], [40, 40, 40], method=method, population=40)
    assert lo.tolist() == pytest.approx([0.0, 0.325, 1.0])
    assert hi.tolist() == pytest.approx([0.0, 0.325, 1.0])


def test_fpc_keeps_the_interval_feasible_and_unknown_totals_are_ignored() -> None:
    """With 0 of 9 surveyed in a village of 10, at most 1 in 10 can be ber-PHBS; a NaN total
    means no correction."""
    lo, hi = proportion_interval([0, 4], [9, 10], population=[10, np.nan])
    assert lo[0] == 0.0
    assert hi[0] <= 0.1
    plain = proportion_interval([4], [10])
    assert (lo[1], hi[1]) == (plain[0][0], plain[1][0])


def test_bad_arguments_are_refused() -> None:
    """The wrapper validates; the kernels do not."""
    with pytest.raises(ValueError, match="successes"):
        proportion_interval([5], [4])
    with pytest.raises(ValueError, match="population"):
        proportion_interval([1], [4], population=[3])
    with pytest.raises(ValueError, match="confidence"):
        proportion_interval([1], [4], confidence=95)
    with pytest.raises(ValueError, match="wald"):
        proportion_interval([1], [4], method="wald")


def test_exact_control_limits_by_hand() -> None:
    """Spiegelhalter (2005) appendix A.1.1, rate 0.5, n = 10, 95 %: F(7) = 968/1024 and
    F(8) = 1013/1024, so r = 8, a = (1013/1024 − 0.975)/(45/1024) = 14.6/45 and the upper
    limit is (8 − 14.6/45)/10. Lower: F(1) = 11/1024, F(2) = 56/1024, so r = 2,
    a = (56 − 25.6)/45 and the limit is (2 − 30.4/45)/10."""
    lo, hi = funnel_limits(0.5, [10], 0.95)
    assert hi[0] == pytest.approx((8 - 14.6 / 45) / 10, abs=1e-12)
    assert lo[0] == pytest.approx((2 - 30.4 / 45) / 10, abs=1e-12)


def test_normal_control_limits_by_hand() -> None:
    """Normal approximation: 0.4 ± 3.0902·sqrt(0.24/100) at 99.8 % = 0.4 ± 0.15139."""
    lo, hi = funnel_limits(0.4, [100], 0.998, exact=False)
    half = norm.ppf(0.999) * math.sqrt(0.24 / 100)
    assert (lo[0], hi[0]) == pytest.approx((0.4 - half, 0.4 + half))
    assert half == pytest.approx(0.15139, abs=1e-5)


def test_control_limits_narrow_with_n() -> None:
    """The funnel: wider at small n, the 99.8 % limits outside the 95 % ones."""
    n = np.array([10, 50, 200, 1000])
    lo95, hi95 = funnel_limits(0.4, n, 0.95)
    lo998, hi998 = funnel_limits(0.4, n, 0.998)
    assert np.all(np.diff(hi95) < 0)
    assert np.all(np.diff(lo95) > 0)
    assert np.all(hi998 >= hi95)
    assert np.all(lo998 <= lo95)


def test_posterior_mean_by_hand() -> None:
    """Shrinkage on a known case: prior Beta(4, 6) (mean 0.4, worth 10 households); a
    village with 9 of 10 moves to (9 + 4)/(10 + 10) = 0.65, one with 90 of 100 to 94/110."""
    prior = BetaBinomialPrior(4.0, 6.0, "given", 2)
    got = shrunk_proportion([9, 90], [10, 100], prior)
    assert got.tolist() == pytest.approx([0.65, 94 / 110])


def test_fit_recovers_a_known_prior() -> None:
    """Villages drawn from Beta(8, 12) with 60 households each: the fitted prior has mean
    0.4 and strength 20 within sampling error."""
    rng = np.random.default_rng(5)
    p = rng.beta(8, 12, size=3000)
    n = np.full(3000, 60)
    prior = fit_beta_binomial(rng.binomial(n, p), n)
    assert prior.mean == pytest.approx(0.4, abs=0.01)
    assert prior.strength == pytest.approx(20, rel=0.15)


def test_no_overdispersion_pools_completely() -> None:
    """Villages with identical rates: κ = ∞ and every village is at the overall rate
    (docs/aturan.md §7.8)."""
    prior = fit_beta_binomial([10, 20, 40], [50, 100, 200])
    assert prior.infinite
    assert math.isinf(prior.strength)
    assert shrunk_proportion([10], [50], prior)[0] == 0.2


def test_the_winsorising_quantile_is_numpys() -> None:
    """docs/aturan.md §5.7: the 5 % and 95 % points the funnel's z-scores are winsorised at
    are numpy's default (linear) quantiles, computed without loading ``numpy.ma``."""
    from phbs.funnel_stats import _quantile

    rng = np.random.default_rng(5)
    for size in (2, 3, 7, 20, 101, 1000):
        values = rng.normal(size=size)
        for q in (0.0, 0.05, 0.5, 0.95, 1.0):
            assert _quantile(values, q) == pytest.approx(np.quantile(values, q), abs=1e-12)
