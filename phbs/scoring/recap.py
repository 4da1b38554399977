"""Village recaps as area counts (docs/aturan.md §6.7): the counts each village's recap row
gives, in the shape scored households are counted in (:class:`~phbs.scoring.totals.AreaTotals`),
so summaries, roll-ups, intervals, the contest and the reports work on them unchanged. Counts a
recap does not give are zero and said so (no dusun, no surveyors, no missing answers)."""

from __future__ import annotations

import numpy as np

from phbs.forms.model import Form
from phbs.ingest.survey import RecapVillage
from phbs.scoring.household import AreaCounts
from phbs.scoring.totals import AreaTotals


def _empty(width: int, classes: int) -> AreaCounts:
    return AreaCounts(
        keys=[],
        surveyed=np.zeros(0, dtype=np.int64),
        status=np.zeros((0, 3), dtype=np.int64),
        ya=np.zeros((0, width), dtype=np.int64),
        answered=np.zeros((0, width), dtype=np.int64),
        missing=np.zeros((0, width), dtype=np.int64),
        classes=np.zeros((0, classes), dtype=np.int64),
    )


def recap_totals(form: Form, villages: list[RecapVillage]) -> AreaTotals:
    """The area totals of recap villages (sorted by code, as scored villages are).

    >>> from phbs.forms.loading import load_form
    >>> form = load_form("kemenkes-rt-10").form
    >>> v = RecapVillage("63.10.01.2005", "Segumbang", 20, 9, 11, 0, (1,) * 10, (2,) * 10, ())
    >>> totals = recap_totals(form, [v])
    >>> totals.households, totals.villages.status.tolist(), totals.recap
    (20, [[9, 11, 0]], True)
    """
    width = len(form.codes)
    classes = len(form.classes.classes) if form.classes else 0
    ordered = sorted(villages, key=lambda v: v.dotted)
    rows = len(ordered)

    def matrix(values: list[tuple[int, ...]], columns: int) -> np.ndarray:
        return np.asarray(values, dtype=np.int64).reshape(rows, columns)

    counts = AreaCounts(
        keys=[v.dotted for v in ordered],
        surveyed=np.asarray([v.surveyed for v in ordered], dtype=np.int64),
        status=matrix([(v.ber_phbs, v.tidak_ber_phbs, v.belum_lengkap) for v in ordered], 3),
        ya=matrix([v.ya for v in ordered], width),
        answered=matrix([v.answered for v in ordered], width),
        missing=np.zeros((rows, width), dtype=np.int64),
        classes=matrix([v.classes for v in ordered], classes),
    )
    return AreaTotals(
        form=form,
        na_policy=form.na_policy,
        households=int(counts.surveyed.sum()),
        villages=counts,
        village_names={v.dotted: v.name for v in ordered},
        dusun=_empty(width, classes),
        dusun_names={},
        surveyors=(),
        recap=True,
    )
