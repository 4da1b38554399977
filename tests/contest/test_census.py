"""A village surveyed in full has a known %, not an estimate: --shrink leaves it as it is and
the rank bootstrap holds it at its observed counts (docs/aturan.md §7.8).

The contest is built here: Segumbang has 10 households and all 10 are surveyed (6 ber-PHBS,
so 60 % by hand); Batulicin and Kersik Putih are sampled from thousands and hundreds.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import BATULICIN, HEADER, KERSIK_PUTIH, SEGUMBANG, household, read, write_csv

import phbs
from phbs.contest.assessment import Uncertainty, UncertaintyOptions
from phbs.contest.bootstrap import resample_measures
from phbs.contest.run import ContestFiles, run_contest
from phbs.contest.uncertainty import shrink_measures, surveyed_in_full
from phbs.ingest.villages import read_villages
from phbs.scoring.results import ScoreResult
from phbs.scoring.summary import AreaReport
from phbs.shrinkage import fit_beta_binomial, shrunk_proportion

# jamban_sehat is indicator 6, tidak_merokok indicator 10 (as in test_uncertainty.py).
MET, UNMET = "---YY YYYYY", "---YY TYYYT"
# (met, unmet) households surveyed per village, and the village's total households.
SURVEYED = {SEGUMBANG: (6, 4), BATULICIN: (3, 9), KERSIK_PUTIH: (10, 2)}
TOTALS = {SEGUMBANG: 10, BATULICIN: 3184, KERSIK_PUTIH: 412}
VILLAGES = [SEGUMBANG, BATULICIN, KERSIK_PUTIH]


def _contest(tmp_path: Path) -> tuple[ScoreResult, AreaReport]:
    rows = [
        household(f"{kode}-{i}", kode, spec=MET if i < met else UNMET)
        for kode, (met, unmet) in SURVEYED.items()
        for i in range(met + unmet)
    ]
    result = phbs.score(read(write_csv(tmp_path / "s.csv", [HEADER, *rows])))
    villages = write_csv(
        tmp_path / "desa.csv",
        [["kode_desa", "jumlah_rumah_tangga"], *[[k, str(n)] for k, n in TOTALS.items()]],
    )
    return result, phbs.summarise(result, villages=read_villages(villages))


def _survey_rubric(tmp_path: Path) -> phbs.LoadedRubric:
    from contest_helpers import small_rubric

    group = {
        "id": "keluaran",
        "name": "Keluaran",
        "name_en": "Output",
        "weight": 1,
        "criteria": [
            {"id": c, "name": c, "name_en": c, "source": {"type": "survey", "measure": m}}
            for c, m in (("o_phbs", "persen_ber_phbs"), ("o_jamban", "cakupan.jamban_sehat"))
        ],
    }
    return small_rubric(tmp_path, groups=[group], tie_breakers=[])


def test_only_the_fully_surveyed_village_counts_as_a_census(tmp_path: Path) -> None:
    _, report = _contest(tmp_path)
    census = {a.kode: surveyed_in_full(a) for a in report.wilayah}
    assert census == {SEGUMBANG: True, BATULICIN: False, KERSIK_PUTIH: False}


def test_shrinkage_keeps_the_census_village_and_shrinks_the_others(tmp_path: Path) -> None:
    """Segumbang keeps 6/10 = 60 %; the others get (x + α) / (n + κ) of the prior fitted on all
    three villages (the census village still informs the prior)."""
    _, report = _contest(tmp_path)
    measures, prior = shrink_measures(phbs.measures_from_report(report), report)
    assert measures.values[SEGUMBANG]["persen_ber_phbs"] == pytest.approx(60.0)
    assert prior == fit_beta_binomial([6, 3, 10], [10, 12, 12])
    expected = shrunk_proportion([3, 10], [12, 12], prior) * 100
    assert measures.values[BATULICIN]["persen_ber_phbs"] == pytest.approx(expected[0])
    assert measures.values[KERSIK_PUTIH]["persen_ber_phbs"] == pytest.approx(expected[1])
    assert measures.values[BATULICIN]["persen_ber_phbs"] != pytest.approx(25.0)
    # The posterior "interval" of a known % is the point itself.
    cells = Uncertainty(report=report, prior=prior).cells()[SEGUMBANG]
    assert cells["persen_ber_phbs_susut"] == pytest.approx(60.0)
    assert cells["persen_ber_phbs_susut_bawah"] == pytest.approx(60.0)
    assert cells["persen_ber_phbs_susut_atas"] == pytest.approx(60.0)


@pytest.mark.parametrize("joint", [True, False])
def test_bootstrap_holds_the_census_village_at_its_counts(tmp_path: Path, joint: bool) -> None:
    """Every replicate gives Segumbang its observed 60 % ber-PHBS and 60 % jamban sehat, with
    and without shrinkage, drawing households jointly or counts; the sampled villages vary."""
    result, report = _contest(tmp_path)
    _, prior = shrink_measures(phbs.measures_from_report(report), report)
    wanted = ["persen_ber_phbs", "cakupan.jamban_sehat"]
    for given in (None, prior):
        drawn = resample_measures(
            VILLAGES,
            wanted,
            report=report,
            households=result if joint else None,
            replicates=300,
            seed=4,
            prior=given,
        )
        for measure in wanted:
            assert np.all(drawn[measure][:, 0] == pytest.approx(60.0)), measure
            assert np.std(drawn[measure][:, 1]) > 0
            assert np.std(drawn[measure][:, 2]) > 0


def test_contest_run_records_the_census_village(tmp_path: Path) -> None:
    """Through ``run_contest`` (as ``phbs rank --shrink --bootstrap`` runs it) the census
    village is scored on its own 60 % and the ranking records the rule and the prior."""
    result, report = _contest(tmp_path)
    run = run_contest(
        _survey_rubric(tmp_path),
        report,
        report,
        ContestFiles(),
        uncertainty=UncertaintyOptions(bootstrap=100, shrink=True, seed=2),
        households=result,
    )
    record = run.ranking.penyusutan
    assert record is not None
    assert record.desa_sensus == [SEGUMBANG]
    prior = fit_beta_binomial([6, 3, 10], [10, 12, 12])
    assert record.mu_persen == pytest.approx(prior.mean * 100)
    village = run.ranking.village(SEGUMBANG)
    assert village.kriteria["o_phbs"].nilai == pytest.approx(60.0)
    assert run.uncertainty is not None
    assert run.uncertainty.document()["penyusutan"]["desa_sensus"] == [SEGUMBANG]
