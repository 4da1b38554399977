"""Implausible survey results (DOMAIN.md §4 "implausible 100 % villages"), as issue records.

Two checks, both warnings for the verification visit, never a reason to drop data:

* ``hasil-100-persen``: a village where every household with a complete result is ber-PHBS
  and there are at least :data:`ALL_MET_MIN` of them. Why 30: even if a village's true rate
  were 90 % (well above published district averages), 30 of 30 would happen by chance with
  probability 0.9³⁰ ≈ 4 %.
* ``petugas-jawaban-seragam``: a surveyor (``petugas``) with at least :data:`SURVEYOR_MIN`
  households of whom a share of at least :data:`IDENTICAL_SHARE` have exactly the same
  answer row (all indicator answers, including "not applicable" and missing). Copying one
  form is the usual cause; a real village varies at least in which households have a balita.

The sample-size flag (``sampel-kurang``, below 210 and not fully covered) is raised by
:func:`phbs.summarise`, which knows the villages' totals.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from phbs.issues import Issue, make_issue
from phbs.results import ScoreResult
from phbs.scoring import count_by_group

#: Complete households, all ber-PHBS, from which a 100 % village is flagged.
ALL_MET_MIN = 30
#: Households a surveyor must have before identical rows are judged.
SURVEYOR_MIN = 20
#: Share of a surveyor's households on one identical answer row that is flagged.
IDENTICAL_SHARE = 0.8


def plausibility_issues(result: ScoreResult) -> list[Issue]:
    """Warnings for 100 % villages with many households and surveyors with identical rows.

    >>> from phbs.demo import sample_data
    >>> import phbs
    >>> result = phbs.score(phbs.read_survey(sample_data().survey_files))
    >>> [i.code for i in plausibility_issues(result)]
    []
    """
    table = result.survey.households
    issues: list[Issue] = []
    counts = count_by_group(list(table.kode_desa), table.states, result.outcomes, 0)
    names: dict[str, str] = {}
    for code, name in zip(table.kode_desa, table.nama_desa, strict=True):
        names.setdefault(code, name)
    for i, code in enumerate(counts.keys):
        ber, tidak = int(counts.status[i, 0]), int(counts.status[i, 1])
        if tidak == 0 and ber >= ALL_MET_MIN:
            issues.append(
                make_issue(
                    "hasil-100-persen",
                    column="kode_desa",
                    value=code,
                    area=f"{code} {names.get(code, '')}".strip(),
                    count=ber,
                )
            )
    issues += _identical_rows(list(table.petugas), table.states)
    return issues


def _identical_rows(petugas: list[str], states: NDArray[np.int8]) -> list[Issue]:
    issues = []
    folded = np.array([" ".join(p.casefold().split()) for p in petugas], dtype=object)
    shown: dict[str, str] = {}
    for key, name in zip(folded, petugas, strict=True):
        shown.setdefault(str(key), name.strip())
    for key in sorted(set(folded.tolist()) - {""}):
        rows = states[folded == key]
        if len(rows) < SURVEYOR_MIN:
            continue
        _, counts = np.unique(rows, axis=0, return_counts=True)
        same = int(counts.max())
        share = same / len(rows)
        if share >= IDENTICAL_SHARE:
            issues.append(
                make_issue(
                    "petugas-jawaban-seragam",
                    column="petugas",
                    value=shown[key],
                    same=same,
                    count=len(rows),
                    share=f"{share:.0%}",
                )
            )
    return issues
