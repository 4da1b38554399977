"""Agreement between contest judges: Kendall's W per criterion and on the judges' totals.

Wraps :func:`phbs.contest.concordance.kendall_w` and
:func:`phbs.contest.concordance.least_agreeing_judge` for the ranking: picks, for each
judged criterion, the judges who scored it and the villages every one of them scored, and
names the least agreeing judge when W is below the rubric's ``low_agreement``
(docs/aturan.md §7.3, §7.7: several judges per criterion).
"""

from __future__ import annotations

import math

import numpy as np

from phbs.contest.concordance import kendall_w, least_agreeing_judge
from phbs.contest.judges import JudgeScores
from phbs.contest.models import Agreement
from phbs.contest.rubric import Rubric
from phbs.issues import Issue, make_issue

TOTAL = "total"


def _finite(value: float) -> float | None:
    return None if math.isnan(value) else value


def _agreement(
    label: str, panel: list[str], ratings: list[list[float]], threshold: float
) -> Agreement:
    """W over ``ratings`` (villages x judges of ``panel``)."""
    matrix = np.asarray(ratings, dtype=np.float64).reshape(len(ratings), len(panel)).T
    result = kendall_w(matrix)
    low = result.reason is None and result.w < threshold
    judge, rho = least_agreeing_judge(matrix)
    return Agreement(
        kriteria=label,
        w=_finite(result.w),
        khi_kuadrat=_finite(result.chi_square),
        derajat_bebas=result.degrees_of_freedom,
        nilai_p=_finite(result.p_value),
        jumlah_juri=result.n_judges,
        jumlah_desa=result.n_objects,
        alasan=result.reason,
        rendah=low,
        juri_paling_berbeda=panel[judge] if low and judge is not None else None,
        korelasi={name: _finite(float(r)) for name, r in zip(panel, rho, strict=True)},
    )


def judge_agreement(
    rubric: Rubric, judges: JudgeScores, villages: list[str], weights: dict[str, float]
) -> tuple[list[Agreement], list[Issue]]:
    """Kendall's W for each judged criterion, then on each judge's weighted total.

    Only villages every judge of the criterion's panel scored enter W (W is not defined on
    incomplete sheets). The total uses the judges who scored every judged criterion and the
    villages they all scored completely.
    """
    threshold = rubric.judges.low_agreement
    results: list[Agreement] = []
    criteria = rubric.judged()
    for item in criteria:
        panel = [
            j
            for j in judges.judges
            if any(j in judges.scores[v].get(item.id, {}) for v in villages)
        ]
        rows = []
        for kode in villages:
            given = judges.scores[kode].get(item.id, {})
            if all(j in given for j in panel):
                rows.append([given[j].value for j in panel])
        results.append(_agreement(item.id, panel, rows, threshold))
    panel = [
        j
        for j in judges.judges
        if all(any(j in judges.scores[v].get(c.id, {}) for v in villages) for c in criteria)
    ]
    totals = []
    for kode in villages:
        sheet = judges.scores[kode]
        if all(j in sheet.get(c.id, {}) for c in criteria for j in panel):
            totals.append(
                [sum(weights[c.id] * sheet[c.id][j].value for c in criteria) for j in panel]
            )
    if criteria:
        results.append(_agreement(TOTAL, panel, totals, threshold))
    issues = []
    for a in results:
        if not a.rendah or a.w is None:
            continue
        judge = a.juri_paling_berbeda
        rho = a.korelasi.get(judge) if judge is not None else None
        issues.append(
            make_issue(
                "kesepakatan-juri-rendah",
                file=judges.source,
                column=a.kriteria,
                w=f"{a.w:.2f}",
                threshold=f"{threshold:g}",
                judge=judge or "–",
                rho="–" if rho is None else f"{rho:.2f}",
            )
        )
    return results, issues
