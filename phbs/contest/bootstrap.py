"""The rank bootstrap (docs/peringkat.md §11): households resampled within each village (or
their counts redrawn), every survey criterion recomputed, each replicate ranked as the ranking
itself; see :mod:`phbs.contest.uncertainty` for what it reports."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from phbs.contest.models import Ranking
from phbs.contest.replicates import FloatArray, ranking_base, replicate_ranks, rubric_spec
from phbs.contest.resampling import (
    chunk_size,
    household_patterns,
    indistinct_blocks,
    indistinct_top,
    map_scores,
    rank_summary,
    resample_binomial,
    resample_households,
    resample_judges,
    resample_status,
    status_columns,
    status_counts,
)
from phbs.contest.rubric import JudgeSource, Rubric, SurveySource
from phbs.contest.rubric_loading import LoadedRubric
from phbs.contest.uncertainty import RankBootstrap, VillageRankStability, surveyed_in_full
from phbs.scoring.household import Status
from phbs.scoring.results import ScoreResult
from phbs.scoring.summary import AreaReport
from phbs.shrinkage import BetaBinomialPrior, shrunk_proportion
from phbs.states import NO, YES

#: Draws each wanted measure's values for a batch of replicates (replicates × villages).
Sampler = Callable[[np.random.Generator, int], dict[str, FloatArray]]


def bootstrap_ranking(
    ranking: Ranking,
    rubric: LoadedRubric | Rubric,
    report: AreaReport | None,
    *,
    replicates: int = 1000,
    seed: int = 0,
    resample_judges_too: bool = False,
    prior: BetaBinomialPrior | None = None,
    households: ScoreResult | None = None,
) -> RankBootstrap:
    """Bootstrap the ranks of ``ranking`` (see the module docstring).

    ``households`` (the scored survey the ranking's survey criteria came from) gives the
    joint household bootstrap; without it, ``report`` (the village-level summary) gives the
    count-based fallback (each criterion resampled separately). ``prior`` (from
    :func:`shrink_measures`) shrinks each replicate's % ber-PHBS the same way as the
    ranking's. ``RankBootstrap.metode_sampel`` says which was used.

    >>> import phbs
    >>> from phbs.demo.contest import SAMPLE_RUBRIC, sample_ranking
    >>> from phbs.demo.data import sample_data
    >>> result = phbs.score(phbs.read_survey(sample_data().survey_files))
    >>> report = phbs.summarise(result)
    >>> ranking = sample_ranking(report)
    >>> boot = bootstrap_ranking(
    ...     ranking, phbs.load_rubric(SAMPLE_RUBRIC), report, seed=1, households=result
    ... )
    >>> boot.desa[0].peringkat, 0 <= boot.desa[0].p_pertama <= 1, boot.metode_sampel
    (1, True, 'rumah_tangga')
    """
    if replicates < 1:
        raise ValueError("replicates must be at least 1")
    spec = rubric_spec(rubric)
    start = ranking_base(ranking, spec)
    villages, criteria, base = start.villages, start.criteria, start.scores
    method = (
        SAMPLE_HOUSEHOLDS
        if households is not None
        else SAMPLE_COUNTS
        if report is not None
        else SAMPLE_NONE
    )
    if not villages:
        return RankBootstrap(
            ulangan=replicates,
            seed=seed,
            juri_diambil_ulang=resample_judges_too,
            penyusutan=prior is not None,
            metode_sampel=method,
            desa=[],
            tidak_terbedakan_sampai=0,
        )
    fixed = {(o.kode_desa, o.kriteria) for o in ranking.koreksi if o.kriteria}
    surveyed = {
        c: source
        for c in criteria
        if isinstance(source := spec.criterion(c).source, SurveySource)
        and _resampled(source.measure)
    }
    breakers = [t.measure for t in spec.tie_breakers if t.measure is not None]
    wanted = sorted({s.measure for s in surveyed.values()} | {m for m in breakers if _resampled(m)})
    draw = _sampler(villages, wanted, report, households, prior)
    rng = np.random.default_rng(seed)
    size = chunk_size(len(villages), len(criteria))
    all_ranks = []
    done = 0
    while done < replicates:
        batch = min(size, replicates - done)
        scores = np.broadcast_to(base, (batch, *base.shape)).copy()
        values = draw(rng, batch) if draw is not None else {}
        for j, c in enumerate(criteria):
            source = spec.criterion(c).source
            keep = np.array([(k, c) not in fixed for k in villages], dtype=bool)
            if c in surveyed and surveyed[c].measure in values:
                drawn = _scored(values[surveyed[c].measure], surveyed[c])
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
        # A measure's drawn value where the replicate has one, else the ranking's.
        measures = {
            m: np.where(np.isnan(values[m]), observed, values[m]) if m in values else observed
            for m, observed in start.measures.items()
        }
        all_ranks.append(replicate_ranks(ranking, spec, scores, start.weights, measures))
        done += batch
    ranks = np.concatenate(all_ranks) if all_ranks else np.zeros((0, 0), dtype=np.int64)
    # Villages still tied in a replicate share its positions (aturan.md §7.8).
    summary = rank_summary(ranks)
    names = {v.kode_desa: v.nama_desa for v in ranking.desa}
    rows = [
        VillageRankStability(
            kode_desa=k,
            nama_desa=names[k],
            peringkat=ranking.village(k).peringkat or 0,
            peringkat_median=float(summary.median[i]),
            peringkat_bawah=int(summary.lower[i]),
            peringkat_atas=int(summary.upper[i]),
            p_pertama=float(summary.first[i]),
            p_tiga_besar=float(summary.top3[i]),
        )
        for i, k in enumerate(villages)
    ]
    base_ranks = [r.peringkat for r in rows]
    lower, upper = summary.lower.tolist(), summary.upper.tolist()
    top = indistinct_top(base_ranks, lower, upper)
    blocks = indistinct_blocks(base_ranks, lower, upper)
    return RankBootstrap(
        ulangan=replicates,
        seed=seed,
        juri_diambil_ulang=resample_judges_too,
        penyusutan=prior is not None,
        metode_sampel=method,
        desa=rows,
        tidak_terbedakan_sampai=top,
        blok_tidak_terbedakan=blocks,
    )


def resample_measures(
    villages: list[str],
    measures: list[str],
    *,
    report: AreaReport | None = None,
    households: ScoreResult | None = None,
    replicates: int = 1000,
    seed: int = 0,
    prior: BetaBinomialPrior | None = None,
) -> dict[str, FloatArray]:
    """The bootstrap's survey measures (``persen_ber_phbs``, ``cakupan.<code>``) for
    ``villages``: each replicates × villages, NaN where unknown; drawn as
    :func:`bootstrap_ranking` draws them (households jointly, else counts from ``report``).
    Measures that do not vary with the households drawn are left out."""
    wanted = sorted({m for m in measures if _resampled(m)})
    draw = _sampler(villages, wanted, report, households, prior)
    return draw(np.random.default_rng(seed), replicates) if draw is not None else {}


#: ``RankBootstrap.metode_sampel``: households resampled jointly (from a ScoreResult).
SAMPLE_HOUSEHOLDS = "rumah_tangga"


#: Counts per village resampled per criterion (from an AreaReport or summary).
SAMPLE_COUNTS = "jumlah"


#: Nothing from the survey resampled (no survey data given).
SAMPLE_NONE = "tidak_ada"


def _resampled(measure: str) -> bool:
    """Survey measures that vary with the households drawn (% dipantau does not)."""
    return measure == "persen_ber_phbs" or measure.startswith("cakupan.")


def _percent(numerator: NDArray[np.int64], denominator: NDArray[np.int64]) -> FloatArray:
    """``numerator / denominator × 100`` elementwise, NaN where the denominator is 0 (as
    :func:`phbs.scoring.household.percent`, which gives ``None`` there)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        result: FloatArray = np.where(
            denominator > 0, numerator / np.maximum(denominator, 1) * 100.0, np.nan
        )
    return result


def _ber_percent(
    ber: NDArray[np.int64],
    tidak: NDArray[np.int64],
    prior: BetaBinomialPrior | None,
    census: NDArray[np.bool_],
) -> FloatArray:
    """% ber-PHBS over households with a complete result, shrunk when ``prior`` is given
    except in villages surveyed in full (``census``, docs/aturan.md §7.8)."""
    raw = _percent(ber, ber + tidak)
    if prior is None:
        return raw
    shrunk = shrunk_proportion(ber, ber + tidak, prior) * 100.0
    return np.where(census[None, :], raw, np.where(ber + tidak > 0, shrunk, np.nan))


def census_mask(villages: list[str], report: AreaReport | None) -> NDArray[np.bool_]:
    """Which of ``villages`` were surveyed in full (docs/aturan.md §7.8): the bootstrap holds
    them at their observed counts and shrinkage leaves them as they are.

    >>> census_mask(["a"], None).tolist()
    [False]
    """
    full = {a.kode for a in report.wilayah if surveyed_in_full(a)} if report else set()
    return np.array([k in full for k in villages], dtype=bool)


def _scored(values: FloatArray, source: SurveySource) -> FloatArray:
    """A survey criterion's scores from its measure's values (NaN = keep the base score)."""
    scored = map_scores(values, source.mapping)
    # A village falling below every band has no score in that replicate: it counts 0.
    return np.where(~np.isnan(values) & np.isnan(scored), 0.0, scored)


def _sampler(
    villages: list[str],
    wanted: list[str],
    report: AreaReport | None,
    households: ScoreResult | None,
    prior: BetaBinomialPrior | None,
) -> Sampler | None:
    """A function drawing each wanted measure's values per replicate (replicates × villages,
    NaN where unknown): joint household resampling when ``households`` is given, else the
    count-based fallback from ``report``, else ``None``."""
    if not wanted:
        return None
    census = census_mask(villages, report)
    if households is not None:
        return _household_sampler(villages, wanted, households, prior, census)
    if report is not None:
        return _count_sampler(villages, wanted, report, prior, census)
    return None


def _household_sampler(
    villages: list[str],
    wanted: list[str],
    result: ScoreResult,
    prior: BetaBinomialPrior | None,
    census: NDArray[np.bool_],
) -> Sampler:
    table = result.survey.households
    codes = result.survey.form.form.codes
    index = {k: i for i, k in enumerate(villages)}
    village = np.array([index.get(k, -1) for k in table.kode_desa], dtype=np.int64)
    columns = status_columns(result.outcomes.status, result.survey.form.form.denominators)
    where: dict[str, tuple[int, int]] = {}
    for measure in wanted:
        code = measure.removeprefix("cakupan.")
        if measure.startswith("cakupan.") and code in codes:
            states = table.states[:, codes.index(code)]
            where[measure] = (len(columns), len(columns) + 1)
            columns += [states == YES, (states == YES) | (states == NO)]
    features = np.stack(columns, axis=1).astype(np.int8)
    rows, counts = household_patterns(village, features, len(villages))
    present = np.array([c.size > 0 for c in counts], dtype=bool)

    def draw(rng: np.random.Generator, batch: int) -> dict[str, FloatArray]:
        sums = resample_households(rng, rows, counts, batch, features.shape[1], census)
        values = {}
        for measure in wanted:
            if measure == "persen_ber_phbs":
                ber, tidak = sums[..., Status.BER_PHBS], sums[..., Status.TIDAK_BER_PHBS]
                values[measure] = _ber_percent(ber, tidak, prior, census)
            elif measure in where:
                ya, answered = where[measure]
                values[measure] = _percent(sums[..., ya], sums[..., answered])
        return {m: np.where(present[None, :], v, np.nan) for m, v in values.items()}

    return draw


def _count_sampler(
    villages: list[str],
    wanted: list[str],
    report: AreaReport,
    prior: BetaBinomialPrior | None,
    census: NDArray[np.bool_],
) -> Sampler:
    areas = {a.kode: a for a in report.wilayah}
    rows = [areas.get(k) for k in villages]
    present = np.array([r is not None for r in rows], dtype=bool)
    status = np.array(
        [status_counts(r, report.penyebut) for r in rows],
        dtype=np.int64,
    ).reshape(len(rows), 3)
    pairs = {
        m: np.array(
            [
                (r.indikator[code].ya, r.indikator[code].berlaku)
                if r and code in r.indikator
                else (0, 0)
                for r in rows
            ],
            dtype=np.int64,
        ).reshape(len(rows), 2)
        for m in wanted
        if (code := m.removeprefix("cakupan.")) and m.startswith("cakupan.")
    }

    def draw(rng: np.random.Generator, batch: int) -> dict[str, FloatArray]:
        values = {}
        for measure in wanted:
            if measure == "persen_ber_phbs":
                ber, tidak = resample_status(rng, status[:, 0], status[:, 1], status[:, 2], batch)
                # A village surveyed in full is held at its counts (docs/aturan.md §7.8).
                ber = np.where(census[None, :], status[None, :, 0], ber)
                tidak = np.where(census[None, :], status[None, :, 1], tidak)
                values[measure] = _ber_percent(ber, tidak, prior, census)
            elif measure in pairs:
                ya = resample_binomial(rng, pairs[measure][:, 0], pairs[measure][:, 1], batch)
                ya = np.where(census[None, :], pairs[measure][None, :, 0], ya)
                values[measure] = _percent(ya, np.broadcast_to(pairs[measure][:, 1], ya.shape))
        return {m: np.where(present[None, :], v, np.nan) for m, v in values.items()}

    return draw
