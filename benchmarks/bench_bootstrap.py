"""Bootstrap ranking of 2,000 villages × 1,000 replicates (issue 5); prints seconds.

Run: ``python benchmarks/bench_bootstrap.py``. Synthetic villages (30–400 households,
rates 10–80 %) are scored on every criterion of the bundled contest rubric; the bootstrap
resamples households in every village, recomputes the survey criteria and re-ranks.
"""

from __future__ import annotations

import time

import numpy as np

from phbs.contest_sample import SAMPLE_RUBRIC
from phbs.forms import NaPolicy
from phbs.rank_uncertainty import bootstrap_ranking
from phbs.ranking_models import CriterionResult, Ranking, VillageResult, VillageStatus
from phbs.results import AreaReport, AreaSummary, IndicatorCoverage
from phbs.rubric import Aggregation, Method, Rubric, SurveySource, load_rubric
from phbs.scoring import AreaLevel

VILLAGES, REPLICATES = 2000, 1000
INDICATORS = ("air_bersih", "jamban_sehat", "tidak_merokok", "cuci_tangan")


def synthetic() -> tuple[Ranking, Rubric, AreaReport]:
    """Random villages scored on every criterion of the bundled contest rubric."""
    rng = np.random.default_rng(0)
    rubric = load_rubric(SAMPLE_RUBRIC).rubric
    criteria = rubric.criteria()
    areas, scores = [], []
    for i in range(VILLAGES):
        kode = f"63.10.{i // 1000 + 1:02d}.{2000 + i % 1000:04d}"
        n = int(rng.integers(30, 400))
        ber = int(rng.binomial(n, rng.uniform(0.1, 0.8)))
        cover = {c: int(rng.binomial(n, rng.uniform(0.3, 1))) for c in INDICATORS}
        area = AreaSummary(
            tingkat=AreaLevel.DESA,
            kode=kode,
            nama=f"Desa {i}",
            rumah_tangga_disurvei=n,
            ber_phbs=ber,
            tidak_ber_phbs=n - ber,
            belum_lengkap=0,
            persen_ber_phbs=100 * ber / n,
            jumlah_desa=1,
            indikator={
                c: IndicatorCoverage(ya=y, berlaku=n, kosong=0, cakupan=100 * y / n)
                for c, y in cover.items()
            },
        )
        areas.append(area)
        row = {}
        for _, item in criteria:
            source = item.source
            if isinstance(source, SurveySource):
                code = source.measure.removeprefix("cakupan.")
                value = 100 * (ber if code == "persen_ber_phbs" else cover[code]) / n
                row[item.id] = value if source.mapping is None else source.mapping.score(value)
            else:
                row[item.id] = float(rng.uniform(40, 100))
        scores.append((kode, row))
    weights = {c.id: float(g.weight * c.weight) for g, c in criteria}
    totals = {k: sum((v or 0) * weights[c] for c, v in row.items()) for k, row in scores}
    by_code = dict(scores)
    results = [
        VillageResult(
            peringkat=r + 1,
            kode_desa=k,
            nama_desa=k,
            status=VillageStatus.RANKED,
            total=totals[k],
            persen_maksimum=None,
            predikat=None,
            predikat_en=None,
            subtotal={},
            kriteria={
                c: CriterionResult(
                    kriteria=c, kelompok="", sumber="", nilai=v, nilai_tertimbang=None, masukan=""
                )
                for c, v in by_code[k].items()
            },
        )
        for r, k in enumerate(sorted(totals, key=lambda k: -totals[k]))
    ]
    ranking = Ranking(
        rubrik_id=rubric.id,
        rubrik_versi=rubric.version,
        rubrik_judul=rubric.title,
        rubrik_sha256="",
        metode=Method.WEIGHTED_SUM,
        agregasi_juri=Aggregation.MEAN,
        desimal=2,
        peringkat_tidak_lengkap=False,
        nilai_maksimum=100.0 * sum(weights.values()),
        bobot=weights,
        kelompok={c.id: g.id for g, c in criteria},
        penentu_seri=[],
        desa=results,
        kesepakatan=[],
        koreksi=[],
        masukan=[],
        issues=[],
    )
    report = AreaReport(
        tingkat=AreaLevel.DESA, na_policy=NaPolicy.EXCLUDE, form_id="x", areas=areas, issues=[]
    )
    return ranking, rubric, report


def main() -> None:
    ranking, rubric, report = synthetic()
    start = time.perf_counter()
    result = bootstrap_ranking(ranking, rubric, report, replicates=REPLICATES, seed=42)
    seconds = time.perf_counter() - start
    print(f"bootstrap ranking: {VILLAGES} villages x {REPLICATES} replicates: {seconds:.2f} s")
    first = result.desa[0]
    print(f"rank 1: median {first.peringkat_median:g}, P(first) {first.p_pertama:.2f}")


if __name__ == "__main__":
    main()
