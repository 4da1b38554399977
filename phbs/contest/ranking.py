"""Ranking contest villages with a rubric (docs/aturan.md §7): the wrapper around the kernels.

:func:`rank_villages` checks that the inputs fit the rubric, scores every village on every
criterion (:mod:`phbs.contest.criteria`), applies the recorded overrides, computes the total
(``weighted_sum``: each 0–100 score × its group weight, summed; or ``topsis``), the group
subtotals, the percentage of the maximum and the label, then ranks with the rubric's ordered
tie-breakers and a shared competition rank (1, 2, 2, 4), saying which tie-breaker decided.
Judges' agreement (Kendall's W) comes with the result. The numbers come from
:mod:`phbs.contest.kernels`; nothing here prints or reads the environment.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from phbs.contest.agreement import judge_agreement
from phbs.contest.change import change_record, measure_notes
from phbs.contest.criteria import CriterionMatrix, criterion_matrix
from phbs.contest.inputs import OverrideAction, Overrides, VillageAttributes
from phbs.contest.judges import JudgeScores
from phbs.contest.kernels import round_half_up, topsis
from phbs.contest.measures import VillageMeasures, measures_from_report
from phbs.contest.models import (
    Agreement,
    AppliedOverride,
    CriterionResult,
    InputRecord,
    Ranking,
    VillageResult,
    VillageStatus,
)
from phbs.contest.notes import Notes, refused_notes, status_notes
from phbs.contest.rubric import AttributeSource, JudgeSource, Method, Rubric, SurveySource
from phbs.contest.rubric_loading import LoadedRubric, load_rubric
from phbs.contest.ties import rank_with_ties, tie_keys
from phbs.errors import SettingsError
from phbs.ingest.file_names import file_name
from phbs.issues import Issue, make_issue
from phbs.regions import region_table
from phbs.scoring.summary import AreaReport

FloatArray = NDArray[np.float64]
#: TOPSIS closeness coefficients equal to this many decimals are tied.
TOPSIS_DECIMALS = 4


def rank_villages(
    rubric: LoadedRubric | str | Path,
    *,
    survey: AreaReport | VillageMeasures | None = None,
    judges: JudgeScores | None = None,
    attributes: VillageAttributes | None = None,
    overrides: Overrides | None = None,
    method: Method | str | None = None,
    rank_incomplete: bool = False,
    inputs: Sequence[InputRecord] = (),
) -> Ranking:
    """Rank the contest villages by ``rubric`` (a loaded rubric, a bundled name or a path).

    The villages are those of the judges' file when the rubric has judged criteria, else
    those of the survey, else those of the attributes file. A village missing a criterion's
    score is reported and not ranked, unless ``rank_incomplete`` (the score then counts as 0
    and a note says so). ``method`` replaces the rubric's. ``inputs`` adds files to the
    audit trail (e.g. the survey files behind ``survey``). ``Ranking.issues`` holds the
    issues of every input given here (not those of the survey files) and of the ranking.

    >>> from phbs.demo.contest import sample_ranking
    >>> ranking = sample_ranking()
    >>> [(v.peringkat, v.nama_desa) for v in ranking.ranked()[:2]]
    [(1, 'Batulicin'), (2, 'Kota Pagatan')]

    Raises :class:`~phbs.errors.SettingsError` when an input the rubric needs is missing.
    """
    loaded = rubric if isinstance(rubric, LoadedRubric) else load_rubric(rubric)
    spec = loaded.rubric
    measures = measures_from_report(survey) if isinstance(survey, AreaReport) else survey
    _require(spec, measures, judges, attributes)
    chosen = Method(method) if method is not None else spec.method
    issues = [
        i for source in (measures, judges, attributes, overrides) if source for i in source.issues
    ]
    villages, more = _participants(spec, measures, judges, attributes, overrides)
    matrix = criterion_matrix(spec, villages, measures, judges, attributes)
    issues += more + matrix.issues
    excluded, applied = _apply_overrides(spec, villages, matrix, overrides)

    criteria = spec.criteria()
    weights = np.array([g.weight * c.weight for g, c in criteria], dtype=np.float64)
    missing = np.isnan(matrix.scores)
    used = np.where(missing, 0.0, matrix.scores) if rank_incomplete else matrix.scores
    weighted = used * weights
    totals = weighted.sum(axis=1)
    maximum = 100.0 * float(weights.sum())
    eligible = np.array(
        [
            (rank_incomplete or not missing[i].any()) and kode not in excluded
            for i, kode in enumerate(villages)
        ],
        dtype=bool,
    )
    primary = totals.copy()
    rows = np.flatnonzero(eligible)
    if chosen is Method.TOPSIS:
        primary = np.full(len(villages), np.nan)
        if rows.size:
            primary[rows] = topsis(used[rows], weights)
    subtotals = {
        g.id: weighted[:, [j for j, (h, _) in enumerate(criteria) if h.id == g.id]].sum(axis=1)
        for g in spec.groups
    }
    names = _names(villages, measures, judges, attributes)
    breakers = tie_keys(spec, villages, subtotals, used, measures)
    decimals = TOPSIS_DECIMALS if chosen is Method.TOPSIS else spec.decimals
    # Totals compared as published: rounded half up to the decimals (aturan.md §7.5).
    published = round_half_up(primary, decimals)
    outcome = rank_with_ties(spec, villages, names, rows, published, breakers)

    results: dict[int, VillageResult] = {}
    tie_measures = [t.measure for t in spec.tie_breakers if t.measure is not None]
    names_of = {c.id: (c.name, c.name_en) for _, c in criteria}
    for i, kode in enumerate(villages):
        # The band is read from the published percentage (aturan.md §7.1).
        percent = (
            None
            if math.isnan(totals[i])
            else spec.published_percent(float(totals[i]) * 100.0 / maximum)
        )
        band = spec.label(percent) if percent is not None else None
        status = VillageStatus.RANKED if eligible[i] else VillageStatus.INCOMPLETE
        if kode in excluded:
            status = VillageStatus.EXCLUDED
        gaps = [c.id for (_, c), gap in zip(criteria, missing[i], strict=True) if gap]
        before = status_notes(
            status, excluded.get(kode, ""), gaps, rank_incomplete, applied, kode, names_of
        )
        before.extend(measure_notes(spec, measures, kode))
        if judges is not None and kode in judges.refused:
            given = judges.scores.get(kode, {})
            counted = {c: len(given.get(c, {})) for c in judges.refused[kode]}
            before.extend(refused_notes(judges.refused[kode], counted, names_of))
        after = outcome.notes.get(i, Notes())
        results[i] = VillageResult(
            peringkat=outcome.ranks.get(i),
            kode_desa=kode,
            nama_desa=names[kode],
            status=status,
            total=_number(primary[i]),
            persen_maksimum=percent,
            predikat=band.label if band else None,
            predikat_en=band.label_en if band else None,
            subtotal={g: _number(values[i]) for g, values in subtotals.items()},
            kriteria=_criterion_results(spec, matrix, i, kode, weights, applied),
            diputus_oleh=outcome.decided.get(i),
            ukuran_penentu_seri={m: _measure(measures, kode, m) for m in tie_measures},
            catatan=before.id + after.id,
            catatan_en=before.en + after.en,
        )
    unranked = sorted(
        (r for i, r in results.items() if i not in outcome.ranks),
        key=lambda r: (r.status is VillageStatus.EXCLUDED, r.kode_desa),
    )
    weight_map = {c.id: float(w) for (_, c), w in zip(criteria, weights, strict=True)}
    agreement: list[Agreement] = []
    if judges is not None and spec.judged():
        agreement, more = judge_agreement(spec, judges, villages, weight_map)
        issues += more
    return Ranking(
        rubrik_id=spec.id,
        rubrik_versi=spec.version,
        rubrik_judul=spec.title,
        rubrik_edisi=spec.edition,
        rubrik_sha256=loaded.sha256,
        metode=chosen,
        agregasi_juri=spec.judges.aggregation,
        desimal=spec.decimals,
        persen_dibulatkan=spec.round_before_band,
        peringkat_tidak_lengkap=rank_incomplete,
        nilai_maksimum=maximum,
        bobot=weight_map,
        kelompok={c.id: g.id for g, c in criteria},
        penentu_seri=[t.key for t in spec.tie_breakers],
        desa=[results[i] for i in outcome.order] + unranked,
        kesepakatan=agreement,
        koreksi=list(applied.values()),
        masukan=_inputs(loaded, measures, judges, attributes, overrides, inputs),
        masalah=issues,
        perubahan=change_record(spec, measures),
    )


def _number(value: float | np.floating) -> float | None:
    return None if math.isnan(value) else float(value)


def _measure(measures: VillageMeasures | None, kode: str, measure: str) -> float | None:
    """A village's survey measure as the tie-breakers compare it (None when unknown)."""
    return measures.values.get(kode, {}).get(measure) if measures is not None else None


_NO_INDICATOR = ("formulir survei tidak punya indikator itu", "the form has no such indicator")
#: Why a survey measure the rubric names is not available.
_HINTS = {
    "persen_dipantau": ("perlu berkas desa (--villages)", "needs the villages file (--villages)"),
    "perubahan_persen_ber_phbs": (
        "perlu putaran dasar: --baseline LABEL=BERKAS",
        "needs the baseline round: --baseline LABEL=FILE",
    ),
}


def _require(
    spec: Rubric,
    measures: VillageMeasures | None,
    judges: JudgeScores | None,
    attributes: VillageAttributes | None,
) -> None:
    """Refuse to rank when the rubric needs an input that was not given."""
    sources = [c.source for _, c in spec.criteria()]
    if judges is None and any(isinstance(s, JudgeSource) for s in sources):
        raise SettingsError(
            f"Rubrik {spec.id} punya kriteria yang dinilai juri: berikan berkas nilai juri "
            "(--judges)",
            f"Rubric {spec.id} has criteria scored by judges: give the judges' file (--judges)",
        )
    if attributes is None and any(isinstance(s, AttributeSource) for s in sources):
        raise SettingsError(
            f"Rubrik {spec.id} memakai atribut desa: berikan berkas atribut (--attributes)",
            f"Rubric {spec.id} uses village attributes: give the attributes file (--attributes)",
        )
    wanted = [s.measure for s in sources if isinstance(s, SurveySource)]
    wanted += [t.measure for t in spec.tie_breakers if t.measure is not None]
    if wanted and measures is None:
        raise SettingsError(
            f"Rubrik {spec.id} memakai hasil survei: berikan --survey atau --summary",
            f"Rubric {spec.id} uses survey results: give --survey or --summary",
        )
    for measure in wanted:
        if measures is not None and not measures.available(measure):
            hint = _HINTS.get(
                measure,
                ("formulir survei tidak punya indikator itu", "the form has no such indicator"),
            )
            raise SettingsError(
                f"Rubrik {spec.id}: ukuran '{measure}' tidak tersedia ({hint[0]})",
                f"Rubric {spec.id}: measure '{measure}' is not available ({hint[1]})",
            )


def _participants(
    spec: Rubric,
    measures: VillageMeasures | None,
    judges: JudgeScores | None,
    attributes: VillageAttributes | None,
    overrides: Overrides | None,
) -> tuple[list[str], list[Issue]]:
    """The contest villages, and issues for rows about villages outside the contest."""
    issues: list[Issue] = []
    surveyed = any(isinstance(c.source, SurveySource) for _, c in spec.criteria())
    if judges is not None and spec.judged():
        villages = list(judges.villages)
        why = ("tidak ada di berkas nilai juri", "not in the judges' file")
        others = [k for k in measures.values if k not in set(villages)] if measures else []
        if measures is not None and others:
            listed = ", ".join(others[:10]) + (" …" if len(others) > 10 else "")
            issues.append(
                make_issue(
                    "desa-tanpa-nilai-juri",
                    file=measures.source,
                    column="kode_desa",
                    value=listed,
                    count=len(others),
                )
            )
    elif measures is not None and surveyed:
        villages = sorted(measures.values)
        why = ("tidak ada di data survei", "not in the survey data")
    else:
        villages = list(attributes.values) if attributes else []
        why = ("tidak ada di berkas atribut", "not in the attributes file")
    known = set(villages)
    stray: list[tuple[str, str, int | None]] = []
    if attributes is not None:
        stray += [(attributes.source, k, attributes.rows[k]) for k in attributes.values]
    if overrides is not None:
        stray += [(overrides.source, o.kode_desa, o.row) for o in overrides.items]
    for file, kode, row in stray:
        if kode not in known:
            issues.append(
                make_issue(
                    "desa-tidak-dikenal",
                    file=file,
                    row=row,
                    column="kode_desa",
                    value=kode,
                    reason=why[0],
                    reason_en=why[1],
                )
            )
    return villages, issues


def _apply_overrides(
    spec: Rubric, villages: list[str], matrix: CriterionMatrix, overrides: Overrides | None
) -> tuple[dict[str, str], dict[tuple[str, str | None], AppliedOverride]]:
    """Exclusions (village → reason) and score changes, applied to ``matrix`` in place."""
    excluded: dict[str, str] = {}
    applied: dict[tuple[str, str | None], AppliedOverride] = {}
    if overrides is None:
        return excluded, applied
    index = {kode: i for i, kode in enumerate(villages)}
    column = {c.id: j for j, (_, c) in enumerate(spec.criteria())}
    for item in overrides.items:
        i = index.get(item.kode_desa)
        if i is None:
            continue
        old: float | None = None
        if item.action is OverrideAction.EXCLUDE:
            excluded[item.kode_desa] = item.reason
        elif item.criterion is not None and item.value is not None:
            j = column[item.criterion]
            old = _number(matrix.scores[i, j])
            matrix.scores[i, j] = item.value
            matrix.details[i][j].value = item.value
        applied[(item.kode_desa, item.criterion)] = AppliedOverride(
            kode_desa=item.kode_desa,
            tindakan=item.action.value,
            kriteria=item.criterion,
            nilai_lama=old,
            nilai_baru=item.value,
            alasan=item.reason,
            berkas=overrides.source,
            baris=item.row,
        )
    return excluded, applied


def _names(
    villages: list[str],
    measures: VillageMeasures | None,
    judges: JudgeScores | None,
    attributes: VillageAttributes | None,
) -> dict[str, str]:
    """Village names: the survey's, else the judges' or attributes file's, else the code table."""
    sources = [s.names for s in (measures, judges, attributes) if s is not None]
    table = region_table()
    return {
        kode: next((n[kode] for n in sources if n.get(kode)), None) or table.name(kode) or ""
        for kode in villages
    }


def _criterion_results(
    spec: Rubric,
    matrix: CriterionMatrix,
    i: int,
    kode: str,
    weights: FloatArray,
    applied: dict[tuple[str, str | None], AppliedOverride],
) -> dict[str, CriterionResult]:
    results = {}
    for j, (group, item) in enumerate(spec.criteria()):
        value = _number(matrix.scores[i, j])
        detail = matrix.details[i][j]
        change = applied.get((kode, item.id))
        results[item.id] = CriterionResult(
            kriteria=item.id,
            kelompok=group.id,
            sumber=item.source.type,
            nilai=value,
            nilai_tertimbang=None if value is None else value * float(weights[j]),
            nilai_sebelum_koreksi=change.nilai_lama if change else None,
            masukan=detail.shown,
            juri=detail.judges,
        )
    return results


def _inputs(
    loaded: LoadedRubric,
    measures: VillageMeasures | None,
    judges: JudgeScores | None,
    attributes: VillageAttributes | None,
    overrides: Overrides | None,
    extra: Sequence[InputRecord],
) -> list[InputRecord]:
    records = [InputRecord(peran="rubrik", berkas=file_name(loaded.path), sha256=loaded.sha256)]
    records += list(extra)
    if measures is not None and measures.sha256:
        records.append(InputRecord(peran="rekap", berkas=measures.source, sha256=measures.sha256))
    for role, source in (("juri", judges), ("atribut", attributes), ("koreksi", overrides)):
        if source is not None:
            records.append(InputRecord(peran=role, berkas=source.source, sha256=source.sha256))
    return records
