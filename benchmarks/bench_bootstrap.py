"""Bootstrap ranking of 2,000 villages × 1,000 replicates (docs/aturan.md §7.8); prints seconds.

Run: ``python benchmarks/bench_bootstrap.py``. Synthetic villages (30–400 households each,
Ya rates 50–100 % per indicator) are scored on every criterion of the bundled contest rubric;
the bootstrap resamples households in every village, recomputes the survey criteria and
re-ranks with the rubric's tie-breakers: jointly from the households (what ``phbs rank
--survey --bootstrap`` does) and, for comparison, from the village counts (the fallback when
only a summary is at hand).
"""

from __future__ import annotations

import time

import numpy as np

from phbs.contest.bootstrap import bootstrap_ranking
from phbs.contest.measures import measures_from_report
from phbs.contest.models import CriterionResult, Ranking, VillageResult, VillageStatus
from phbs.contest.rubric import Aggregation, Method, Rubric, SurveySource
from phbs.contest.rubric_loading import load_rubric
from phbs.demo.contest import SAMPLE_RUBRIC
from phbs.forms.loading import load_form
from phbs.ingest.survey import Factor, HouseholdBatch, HouseholdTable
from phbs.ingest.validate import Survey
from phbs.scoring.results import ScoreResult, score
from phbs.scoring.summary import AreaReport, summarise
from phbs.states import NA, NO, YES

VILLAGES, REPLICATES = 2000, 1000


def synthetic() -> tuple[Ranking, Rubric, AreaReport, ScoreResult]:
    """Random villages scored on every criterion of the bundled contest rubric, with the
    households behind their survey criteria."""
    rng = np.random.default_rng(0)
    rubric = load_rubric(SAMPLE_RUBRIC).rubric
    criteria = rubric.criteria()
    form = load_form("kemenkes-rt-10")
    codes = [f"63.10.{i // 1000 + 1:02d}.{2000 + i % 1000:04d}" for i in range(VILLAGES)]
    sizes = rng.integers(30, 400, size=VILLAGES)
    width = len(form.form.codes)
    # Per village a Ya rate per indicator (0.5–1); children's indicators not applicable.
    rates = np.repeat(rng.uniform(0.5, 1.0, size=(VILLAGES, width)), sizes, axis=0)
    states = np.where(rng.random(rates.shape) < rates, YES, NO).astype(np.int8)
    states[:, :3] = NA
    households = int(sizes.sum())
    table = HouseholdTable(indicator_codes=form.form.codes)
    table.context = {c.code: [] for c in form.form.context}
    blank = Factor([""], np.zeros(households, dtype=np.intp))
    table.extend(
        HouseholdBatch(
            file_index=0,
            row_number=np.arange(2, households + 2, dtype=np.int64),
            ids=[str(i) for i in range(households)],
            kode_desa=Factor(codes, np.repeat(np.arange(len(codes)), sizes)),
            nama_desa=blank,
            dusun=blank,
            rw=blank,
            rt=blank,
            tanggal_survei=blank,
            petugas=blank,
            nama_kepala_rt=blank,
            context={c.code: [None] * households for c in form.form.context},
            states=states,
        )
    )
    result = score(Survey(form=form, files=[], households=table, set_aside=[], issues=[]))
    report = summarise(result)
    measures = measures_from_report(report).values
    scores = []
    for kode in codes:
        row = {}
        for _, item in criteria:
            source = item.source
            if isinstance(source, SurveySource):
                value = measures[kode][source.measure] or 0.0
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
        masalah=[],
    )
    return ranking, rubric, report, result


def main() -> None:
    ranking, rubric, report, households = synthetic()
    print(f"{VILLAGES} villages, {households.survey.rows_scored} households")
    for label, given in (("households (joint)", households), ("counts (fallback)", None)):
        start = time.perf_counter()
        result = bootstrap_ranking(
            ranking, rubric, report, replicates=REPLICATES, seed=42, households=given
        )
        seconds = time.perf_counter() - start
        print(
            f"bootstrap ranking, {label}: {VILLAGES} villages x {REPLICATES} replicates: "
            f"{seconds:.2f} s"
        )
        first = result.desa[0]
        print(f"  rank 1: median {first.peringkat_median:g}, P(first) {first.p_pertama:.2f}")


if __name__ == "__main__":
    main()
