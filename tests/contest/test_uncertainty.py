"""Uncertainty of village results: intervals on the area model, sample adequacy and
implausible results (docs/aturan.md §5.4 confidence intervals where the village was sampled,
§5.3 dipantau, §8.4 implausible 100 % villages)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from conftest import BATULICIN, HEADER, KERSIK_PUTIH, SEGUMBANG, household, read, write_csv
from contest_helpers import small_rubric
from reference_stats import dispersion_by_hand, funnel_by_hand, wilson
from scipy.stats import beta as beta_dist
from scipy.stats import binomtest, chi2

import phbs
from phbs.contest.assessment import Uncertainty
from phbs.contest.bootstrap import bootstrap_ranking, resample_measures
from phbs.contest.uncertainty import shrink_measures, weight_sensitivity
from phbs.demo.data import sample_data
from phbs.ingest.villages import read_villages
from phbs.reports.uncertainty import uncertainty_notes
from phbs.scoring.funnel import funnel_plot
from phbs.scoring.plausibility import ALL_MET_MIN, SURVEYOR_MIN
from phbs.scoring.summary import AreaReport
from phbs.shrinkage import fit_beta_binomial

ALL_YES = ["", *["Ya"] * 7, "-", "-", "-"]


@pytest.fixture(scope="module")
def sample_report() -> AreaReport:
    sample = sample_data()
    result = phbs.score(phbs.read_survey(sample.survey_files))
    return phbs.summarise(result, villages=read_villages(sample.villages_file))


def test_village_interval_is_wilson_with_fpc(sample_report: AreaReport) -> None:
    """% ber-PHBS interval: Wilson; a village surveyed in full gets the point (aturan.md §5.4)."""
    for area in sample_report.wilayah:
        n = area.ber_phbs + area.tidak_ber_phbs
        if n == 0:
            assert area.persen_ber_phbs_bawah is None
            continue
        assert area.persen_ber_phbs_bawah is not None
        assert area.persen_ber_phbs_atas is not None
        assert area.persen_ber_phbs is not None
        assert area.persen_ber_phbs_bawah <= area.persen_ber_phbs <= area.persen_ber_phbs_atas
        if area.jumlah_rumah_tangga == area.rumah_tangga_disurvei:
            assert area.persen_ber_phbs_bawah == pytest.approx(area.persen_ber_phbs)
            assert area.persen_ber_phbs_atas == pytest.approx(area.persen_ber_phbs)
        elif area.jumlah_rumah_tangga is None:
            ref = binomtest(area.ber_phbs, n).proportion_ci(method="wilson")
            assert area.persen_ber_phbs_bawah == pytest.approx(ref.low * 100)


def test_fpc_uses_the_village_sampling_fraction(sample_report: AreaReport) -> None:
    """With N known, the % ber-PHBS denominator's population is (ber + tidak) · N / surveyed."""
    area = next(a for a in sample_report.wilayah if a.kode == SEGUMBANG)
    n = area.ber_phbs + area.tidak_ber_phbs
    assert area.jumlah_rumah_tangga is not None
    population = n * area.jumlah_rumah_tangga / area.rumah_tangga_disurvei
    lo, hi = wilson(area.ber_phbs, n, population=population)  # written out in reference_stats
    assert area.persen_ber_phbs_bawah == pytest.approx(lo * 100)
    assert area.persen_ber_phbs_atas == pytest.approx(hi * 100)
    plain = wilson(area.ber_phbs, n)
    assert hi - lo < plain[1] - plain[0]


def test_indicator_coverage_intervals(sample_report: AreaReport) -> None:
    """Each indicator's cakupan has bounds around it, or none when nobody answered."""
    for area in sample_report.wilayah:
        for coverage in area.indikator.values():
            if coverage.cakupan is None:
                assert coverage.cakupan_bawah is None
            else:
                assert coverage.cakupan_bawah is not None
                assert coverage.cakupan_atas is not None
                assert coverage.cakupan_bawah <= coverage.cakupan <= coverage.cakupan_atas


def test_method_and_confidence_are_recorded() -> None:
    """The report says which setting produced its intervals; wider at 99 %."""
    result = phbs.score(phbs.read_survey(sample_data().survey_files))
    narrow = phbs.summarise(result, by="kecamatan")
    wide = phbs.summarise(result, by="kecamatan", ci_method="jeffreys", confidence=0.99)
    assert (wide.metode_ci.value, wide.tingkat_kepercayaan) == ("jeffreys", 0.99)
    for a, b in zip(narrow.wilayah, wide.wilayah, strict=True):
        assert a.persen_ber_phbs_bawah is not None
        assert b.persen_ber_phbs_bawah is not None
        assert b.persen_ber_phbs_bawah < a.persen_ber_phbs_bawah


def _rows(count: int, kode: str, petugas: str, spec: list[str], tag: str = "") -> list[list[str]]:
    return [[f"{kode}-{petugas}-{tag}{i}", kode, *spec, petugas] for i in range(count)]


def test_hundred_percent_with_many_households_is_flagged(tmp_path: Path) -> None:
    """aturan.md §8.4: a 100 % village with ≥ 30 complete households is a warning; 29 is not."""
    rows = _rows(ALL_MET_MIN, BATULICIN, "", ALL_YES)
    rows += _rows(ALL_MET_MIN - 1, SEGUMBANG, "", ALL_YES)
    rows = [r[:-1] for r in rows]  # no surveyor column
    path = write_csv(tmp_path / "s.csv", [HEADER, *rows])
    issues = phbs.plausibility_issues(phbs.score(read(path)))
    assert [(i.code, i.value) for i in issues] == [("hasil-100-persen", BATULICIN)]


def test_surveyor_with_identical_rows_is_flagged(tmp_path: Path) -> None:
    """One petugas whose rows are ≥ 80 % one identical answer pattern (≥ 20 rows)."""
    varied = [["", *(["Ya"] * (7 - k)), *(["Tidak"] * k), "-", "-", "-"] for k in range(4)]
    rows = _rows(SURVEYOR_MIN - 2, BATULICIN, "Bu Ani", ALL_YES)
    rows += _rows(2, BATULICIN, "Bu Ani", varied[1], "v")
    for k, spec in enumerate(varied * 6):
        rows.append([f"b{k}", SEGUMBANG, *spec, "Pak Budi"])
    path = write_csv(tmp_path / "s.csv", [[*HEADER, "petugas"], *rows])
    issues = phbs.plausibility_issues(phbs.score(read(path)))
    assert [(i.code, i.column, i.value) for i in issues] == [
        ("petugas-jawaban-seragam", "petugas", "Bu Ani")
    ]


@pytest.fixture(scope="module")
def contest() -> tuple[phbs.Ranking, phbs.LoadedRubric, AreaReport]:
    from phbs.demo.contest import SAMPLE_RUBRIC, sample_ranking

    report = phbs.summarise(phbs.score(phbs.read_survey(sample_data().survey_files)))
    return sample_ranking(report), phbs.load_rubric(SAMPLE_RUBRIC), report


def test_bootstrap_reproduces_with_the_same_seed(
    contest: tuple[phbs.Ranking, phbs.LoadedRubric, AreaReport],
) -> None:
    """docs/aturan.md §7.8: the seeded bootstrap gives the same ranks twice, and different ones with
    another seed (resampling judges too, so the draw visibly matters)."""
    ranking, rubric, report = contest
    one = bootstrap_ranking(ranking, rubric, report, replicates=300, seed=7)
    two = bootstrap_ranking(ranking, rubric, report, replicates=300, seed=7)
    assert one == two
    other = bootstrap_ranking(
        ranking, rubric, report, replicates=300, seed=8, resample_judges_too=True
    )
    assert other.desa != one.desa
    for village in one.desa:
        assert village.peringkat_bawah <= village.peringkat_median <= village.peringkat_atas
        assert 0 <= village.p_pertama <= village.p_tiga_besar <= 1
    assert sum(v.p_pertama for v in one.desa) == pytest.approx(1.0)


def test_bootstrap_without_survey_variation_keeps_the_ranks(
    contest: tuple[phbs.Ranking, phbs.LoadedRubric, AreaReport],
) -> None:
    """With no report to resample and judges held, every replicate is the ranking itself."""
    ranking, rubric, _ = contest
    result = bootstrap_ranking(ranking, rubric, None, replicates=50, seed=1)
    for village in result.desa:
        assert village.peringkat_bawah == village.peringkat_atas == village.peringkat
    assert result.tidak_terbedakan_sampai == 1


def test_weight_sensitivity_is_seeded_and_tiny_spread_keeps_ranks(
    contest: tuple[phbs.Ranking, phbs.LoadedRubric, AreaReport],
) -> None:
    """Dirichlet around the group weights is reproducible; ±0.001 % changes nothing unless
    two totals are nearly equal."""
    ranking, rubric, _ = contest
    a = weight_sensitivity(ranking, rubric, replicates=100, seed=3)
    assert a == weight_sensitivity(ranking, rubric, replicates=100, seed=3)
    still = weight_sensitivity(ranking, rubric, replicates=50, seed=3, spread=0.001)
    assert all(v.p_tetap == 1.0 for v in still.desa)
    assert still.pertukaran == []


def test_shrinkage_pulls_small_villages_toward_the_prior_mean(
    contest: tuple[phbs.Ranking, phbs.LoadedRubric, AreaReport],
) -> None:
    """Posterior mean = (x + α)/(n + α + β): a village moves toward the fitted mean, and a
    small one moves further than a large one."""
    _, _, report = contest
    measures, prior = shrink_measures(phbs.measures_from_report(report), report)
    for area in report.wilayah:
        n = area.ber_phbs + area.tidak_ber_phbs
        if n == 0:
            continue
        shrunk = measures.values[area.kode]["persen_ber_phbs"]
        expected = (area.ber_phbs + prior.alpha) / (n + prior.strength) * 100
        assert shrunk == pytest.approx(expected)
        assert shrunk is not None
        assert area.persen_ber_phbs is not None
        assert abs(shrunk - prior.mean * 100) <= abs(area.persen_ber_phbs - prior.mean * 100)


def test_funnel_points_limits_and_outliers() -> None:
    """The funnel's centre is Σ ber / Σ n; the sample's villages differ more than chance
    (Spiegelhalter's dispersion test, worked out in reference_stats with scipy's χ² point), so
    a point is outside when beyond the random-effects limits at its own n; outside 99.8 %
    villages become info issues (docs/aturan.md §5.7)."""
    report = phbs.summarise(phbs.score(phbs.read_survey(sample_data().survey_files)))
    data = funnel_plot(report)
    counts = [(a.kode, a.ber_phbs, a.tidak_ber_phbs) for a in report.wilayah]
    shown = [c for c in counts if c[1] + c[2] > 0]
    critical = float(chi2.ppf(0.95, len(shown) - 1))
    rate, villages = funnel_by_hand(counts, critical)
    test = dispersion_by_hand([(b, b + t) for _, b, t in shown], rate / 100)
    assert data.rata_rata == pytest.approx(rate)
    assert data.dispersi is not None
    assert data.dispersi.phi == pytest.approx(test.phi)
    assert data.dispersi.overdispersed
    assert data.tau2 == pytest.approx(test.tau2)
    assert [(p.kode, p.n) for p in data.titik] == [(v.kode, v.n) for v in villages]
    for point, village in zip(data.titik, villages, strict=True):
        assert point.persen == pytest.approx(village.persen)
        assert data.limits_at(point.n) == pytest.approx(village.limits_998)
        assert (point in data.outside("99.8")) is village.outside_998
        assert (point in data.outside("95")) is village.outside_95
    assert any(v.outside_95 for v in villages)
    assert [i.value for i in data.issues()] == [v.kode for v in villages if v.outside_998]
    curve = data.kurva_n
    assert len(curve) == len(data.batas["95"][0]) == len(data.batas["99.8"][1])
    p0 = rate / 100
    for k in (0, len(curve) // 2, len(curve) - 1):
        half = 1.959964 * math.sqrt(p0 * (1 - p0) / curve[k] + test.tau2)
        assert data.batas["95"][0][k] == pytest.approx(max(p0 - half, 0) * 100, abs=1e-4)
        assert data.batas["95"][1][k] == pytest.approx(min(p0 + half, 1) * 100, abs=1e-4)
    assert set(data.as_dict()) == {
        "rata_rata",
        "metode",
        "titik",
        "kurva_n",
        "batas",
        "dispersi",
        "tau2",
    }


def _joint_survey(tmp_path: Path, villages: dict[str, list[str]]) -> phbs.ScoreResult:
    """Households by village as conftest ``household`` specs."""
    rows = [
        household(f"{kode}-{i}", kode, spec=spec)
        for kode, specs in villages.items()
        for i, spec in enumerate(specs)
    ]
    return phbs.score(read(write_csv(tmp_path / "s.csv", [HEADER, *rows])))


def _survey_rubric(tmp_path: Path) -> phbs.LoadedRubric:
    """Only survey criteria: % ber-PHBS and two coverages, one group, no tie-breakers."""
    criteria = [
        ("o_phbs", "persen_ber_phbs"),
        ("o_jamban", "cakupan.jamban_sehat"),
        ("o_rokok", "cakupan.tidak_merokok"),
    ]
    group = {
        "id": "keluaran",
        "name": "Keluaran",
        "name_en": "Output",
        "weight": 1,
        "criteria": [
            {"id": c, "name": c, "name_en": c, "source": {"type": "survey", "measure": m}}
            for c, m in criteria
        ],
    }
    return small_rubric(tmp_path, groups=[group], tie_breakers=[])


# jamban_sehat is indicator 6, tidak_merokok indicator 10: "YY" = both Ya, "TT" = both Tidak.
BOTH_YES, BOTH_NO = "---YY YYYYY", "---YY TYYYT"
ONLY_SMOKE = "---YY YYYYT"


def test_joint_bootstrap_keeps_identical_criteria_identical(tmp_path: Path) -> None:
    """Two indicators answered alike in every household stay equal in every replicate when
    households are drawn jointly; the count-based fallback draws them apart."""
    result = _joint_survey(
        tmp_path, {SEGUMBANG: [BOTH_YES] * 6 + [BOTH_NO] * 4, BATULICIN: [BOTH_YES, BOTH_NO] * 3}
    )
    report = phbs.summarise(result)
    wanted = ["cakupan.jamban_sehat", "cakupan.tidak_merokok", "persen_ber_phbs"]
    villages = [SEGUMBANG, BATULICIN]
    joint = resample_measures(villages, wanted, households=result, replicates=400, seed=5)
    assert np.array_equal(joint["cakupan.jamban_sehat"], joint["cakupan.tidak_merokok"])
    # Here % ber-PHBS is the same households' outcome as well.
    assert np.array_equal(joint["persen_ber_phbs"], joint["cakupan.jamban_sehat"])
    assert np.std(joint["cakupan.jamban_sehat"][:, 0]) > 0
    counts = resample_measures(villages, wanted, report=report, replicates=400, seed=5)
    assert not np.array_equal(counts["cakupan.jamban_sehat"], counts["cakupan.tidak_merokok"])


def test_joint_bootstrap_is_degenerate_for_identical_households(tmp_path: Path) -> None:
    """Villages whose households are all alike give the same sums in every replicate, so
    every 90 % rank interval is the rank itself; the same seed reproduces the result."""
    result = _joint_survey(
        tmp_path,
        {SEGUMBANG: [BOTH_YES] * 7, BATULICIN: [BOTH_NO] * 5, KERSIK_PUTIH: [ONLY_SMOKE] * 9},
    )
    report = phbs.summarise(result)
    rubric = _survey_rubric(tmp_path)
    ranking = phbs.rank_villages(rubric, survey=report)
    boot = bootstrap_ranking(ranking, rubric, report, replicates=200, seed=3, households=result)
    assert boot.metode_sampel == "rumah_tangga"
    assert [v.peringkat for v in boot.desa] == [1, 2, 3]
    for village in boot.desa:
        assert village.peringkat_bawah == village.peringkat_atas == village.peringkat
    again = bootstrap_ranking(ranking, rubric, report, replicates=200, seed=3, households=result)
    assert again == boot
    fallback = bootstrap_ranking(ranking, rubric, report, replicates=50, seed=3)
    assert fallback.metode_sampel == "jumlah"


def test_joint_bootstrap_reproduces_and_centres_on_the_observed_rate(
    contest: tuple[phbs.Ranking, phbs.LoadedRubric, AreaReport],
) -> None:
    """Same seed, same result; the resampled % ber-PHBS averages to the observed one."""
    ranking, rubric, report = contest
    result = phbs.score(phbs.read_survey(sample_data().survey_files))
    one = bootstrap_ranking(ranking, rubric, report, replicates=300, seed=7, households=result)
    assert one == bootstrap_ranking(
        ranking, rubric, report, replicates=300, seed=7, households=result
    )
    villages = [a.kode for a in report.wilayah if a.persen_ber_phbs is not None]
    drawn = resample_measures(
        villages, ["persen_ber_phbs"], households=result, replicates=4000, seed=11
    )["persen_ber_phbs"]
    observed = {a.kode: a.persen_ber_phbs for a in report.wilayah}
    for i, kode in enumerate(villages):
        assert np.nanmean(drawn[:, i]) == pytest.approx(observed[kode], abs=1.0)


def test_bootstrap_replays_the_tie_breakers(tmp_path: Path) -> None:
    """Two villages equal on total, told apart by the rubric's tie-breaker: each replicate
    breaks the tie the same way, so the second keeps rank 2 (not a shared 1)."""
    result = _joint_survey(
        tmp_path,
        {SEGUMBANG: [ONLY_SMOKE] * 4, BATULICIN: ["---YY TYYYY"] * 6, KERSIK_PUTIH: [BOTH_NO] * 3},
    )
    report = phbs.summarise(result)
    rubric = _survey_rubric(tmp_path)
    ranked = small_rubric(
        tmp_path,
        groups=rubric.rubric.model_dump(mode="json")["groups"],
        tie_breakers=[{"criterion": "o_jamban"}, {"measure": "persen_ber_phbs"}],
    )
    ranking = phbs.rank_villages(ranked, survey=report)
    assert [(v.kode_desa, v.peringkat) for v in ranking.ranked()] == [
        (SEGUMBANG, 1),
        (BATULICIN, 2),
        (KERSIK_PUTIH, 3),
    ]
    for households in (result, None):
        boot = bootstrap_ranking(
            ranking, ranked, report, replicates=100, seed=2, households=households
        )
        assert [(v.peringkat_bawah, v.peringkat_atas) for v in boot.desa] == [
            (1, 1),
            (2, 2),
            (3, 3),
        ]


def test_notes_name_every_block_of_indistinguishable_ranks() -> None:
    """Ranks 1–2 and 3–5 overlap within their blocks; rank 6 stands apart: the note names
    both blocks, not only the one at rank 1."""
    from phbs.contest.assessment import Uncertainty
    from phbs.contest.resampling import indistinct_blocks
    from phbs.contest.uncertainty import RankBootstrap, VillageRankStability
    from phbs.reports.uncertainty import uncertainty_notes

    intervals = [(1, 2), (1, 2), (3, 5), (3, 4), (4, 5), (6, 6)]
    blocks = indistinct_blocks(
        list(range(1, 7)), [lo for lo, _ in intervals], [hi for _, hi in intervals]
    )
    assert blocks == [(1, 2), (3, 5)]
    rows = [
        VillageRankStability(
            kode_desa=f"k{i}",
            nama_desa="",
            peringkat=i + 1,
            peringkat_median=float(i + 1),
            peringkat_bawah=lo,
            peringkat_atas=hi,
            p_pertama=0.0,
            p_tiga_besar=0.0,
        )
        for i, (lo, hi) in enumerate(intervals)
    ]
    boot = RankBootstrap(
        ulangan=10,
        seed=1,
        juri_diambil_ulang=False,
        penyusutan=False,
        metode_sampel="rumah_tangga",
        desa=rows,
        tidak_terbedakan_sampai=2,
        blok_tidak_terbedakan=blocks,
    )
    notes = uncertainty_notes(Uncertainty(report=None, bootstrap=boot), "id")
    assert any("Peringkat 1–2 tidak dapat dibedakan secara statistik" in n for n in notes)
    assert any("Peringkat 3–5 tidak dapat dibedakan secara statistik" in n for n in notes)
    assert any("rumah tangga yang sama" in n for n in notes)
    english = uncertainty_notes(Uncertainty(report=None, bootstrap=boot), "en")
    assert any("Ranks 3–5 cannot be told apart" in n for n in english)


def _report_of(counts: list[tuple[int, int]]) -> AreaReport:
    """A village summary with villages V01, V02, … of ``(ber_phbs, n)``."""
    report = phbs.summarise(phbs.score(phbs.read_survey(sample_data().survey_files)))
    first = report.wilayah[0]
    villages = [
        first.model_copy(
            update={
                "kode": f"V{i:02d}",
                "nama": f"Desa {i}",
                "ber_phbs": x,
                "tidak_ber_phbs": n - x,
                "persen_ber_phbs": x / n * 100,
            }
        )
        for i, (x, n) in enumerate(counts, 1)
    ]
    return report.model_copy(update={"wilayah": villages})


def test_shrinkage_outputs_name_the_prior_and_the_posterior_interval() -> None:
    """With --shrink the CSV cells, the JSON section and the notes name the prior and give
    each village's posterior interval: Beta(x + α, n − x + β) quantiles from scipy at the
    run's confidence level (docs/aturan.md §7.8)."""
    report = _report_of([(3, 10), (30, 60), (12, 40), (50, 70), (5, 30)])
    prior = fit_beta_binomial([3, 30, 12, 50, 5], [10, 60, 40, 70, 30])
    found = Uncertainty(report=report, prior=prior)
    assert found.columns()[-5:] == [
        "persen_ber_phbs_susut",
        "persen_ber_phbs_susut_bawah",
        "persen_ber_phbs_susut_atas",
        "prior_mu_persen",
        "prior_kappa",
    ]
    cells = found.cells()["V01"]
    assert cells["persen_ber_phbs_susut"] == pytest.approx(
        (3 + prior.alpha) / (10 + prior.strength) * 100
    )
    a, b = 3 + prior.alpha, 7 + prior.beta
    assert cells["persen_ber_phbs_susut_bawah"] == pytest.approx(beta_dist.ppf(0.025, a, b) * 100)
    assert cells["persen_ber_phbs_susut_atas"] == pytest.approx(beta_dist.ppf(0.975, a, b) * 100)
    assert cells["prior_kappa"] == pytest.approx(prior.strength)
    section = found.document()["penyusutan"]
    assert section["kappa_tak_hingga"] is False
    assert section["kekuatan_prior"] == pytest.approx(prior.strength)
    assert len(section["desa"]) == 5
    note = " ".join(uncertainty_notes(found, "en"))
    assert "marginal maximum likelihood" in note
    assert "μ = " in note
    assert "κ = α + β = " in note
    assert "95% posterior interval" in note


def test_shrinkage_at_infinite_kappa_says_so() -> None:
    """Villages at one rate: κ = ∞, every village at the pooled rate, κ empty in the CSV,
    null in the JSON, and the note says the villages differ no more than chance."""
    report = _report_of([(15, 50), (30, 100), (60, 200)])
    prior = fit_beta_binomial([15, 30, 60], [50, 100, 200])
    found = Uncertainty(report=report, prior=prior)
    cells = found.cells()
    assert [c["persen_ber_phbs_susut"] for c in cells.values()] == pytest.approx([30.0] * 3)
    assert all(c["prior_kappa"] is None for c in cells.values())
    section = found.document()["penyusutan"]
    assert section["kappa_tak_hingga"] is True
    assert section["kekuatan_prior"] is None
    note = " ".join(uncertainty_notes(found, "id"))
    assert "κ = ∞" in note
    assert "penyusutan penuh" in note
