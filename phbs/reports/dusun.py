"""The dusun recap of a report: every dusun of the survey summarised, when it has dusun."""

from __future__ import annotations

from phbs.scoring.household import AreaLevel
from phbs.scoring.results import ScoreResult
from phbs.scoring.streaming import StreamedScore
from phbs.scoring.summary import AreaReport, AreaSummary, summarise


def dusun_recap(result: ScoreResult | StreamedScore, report: AreaReport) -> list[AreaSummary]:
    """The report's areas when they are dusun; else every dusun summarised with the
    report's interval method and level when the survey names dusun; else none. (A province
    can have tens of thousands of dusun: ``phbs web`` makes this only when it writes the
    report, not before its table.)"""
    if report.tingkat is AreaLevel.DUSUN:
        return list(report.wilayah)
    if not any(key.split("\x1f", 1)[1] for key in result.totals.dusun.keys):
        return []
    method, level = report.metode_ci, report.tingkat_kepercayaan
    return summarise(result, by=AreaLevel.DUSUN, ci_method=method, confidence=level).wilayah
