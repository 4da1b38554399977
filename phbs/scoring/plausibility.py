"""Implausible survey results (docs/aturan.md §8.4), as issue records.

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

from collections.abc import Iterable
from typing import TYPE_CHECKING

from phbs.issues import Issue, make_issue
from phbs.scoring.results import ScoreResult
from phbs.scoring.totals import AreaTotals, SurveyorAnswers

if TYPE_CHECKING:
    from phbs.scoring.streaming import StreamedScore

#: Complete households, all ber-PHBS, from which a 100 % village is flagged.
ALL_MET_MIN = 30
#: Households a surveyor must have before identical rows are judged.
SURVEYOR_MIN = 20
#: Share of a surveyor's households on one identical answer row that is flagged.
IDENTICAL_SHARE = 0.8


def plausibility_issues(result: ScoreResult | StreamedScore | AreaTotals) -> list[Issue]:
    """Warnings for 100 % villages with many households and surveyors with identical rows.

    ``result`` is a survey scored in memory or the :class:`~phbs.scoring.totals.AreaTotals` of
    one scored batch by batch; both give the same issues.

    >>> from phbs.demo.data import sample_data
    >>> import phbs
    >>> result = phbs.score(phbs.read_survey(sample_data().survey_files))
    >>> [i.code for i in plausibility_issues(result)]
    []
    """
    totals = result if isinstance(result, AreaTotals) else result.totals
    issues: list[Issue] = []
    counts = totals.villages
    names = totals.village_names
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
    issues += _identical_rows(totals.surveyors)
    return issues


def _identical_rows(surveyors: Iterable[SurveyorAnswers]) -> list[Issue]:
    """``petugas-jawaban-seragam`` for each named surveyor (by folded name, in sorted order)
    whose largest group of identical answer rows is a large enough share."""
    issues = []
    for surveyor in sorted(surveyors, key=lambda s: s.key):
        if not surveyor.key or surveyor.households < SURVEYOR_MIN:
            continue
        share = surveyor.identical / surveyor.households
        if share >= IDENTICAL_SHARE:
            issues.append(
                make_issue(
                    "petugas-jawaban-seragam",
                    column="petugas",
                    value=surveyor.shown,
                    same=surveyor.identical,
                    count=surveyor.households,
                    share=f"{share:.0%}",
                )
            )
    return issues
