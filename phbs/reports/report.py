"""``write_report``: the workbook and the page from one scored survey (and a ranking).

The library function behind ``phbs report`` and ``phbs demo``'s reports.
"""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from phbs.errors import SettingsError
from phbs.reports.content import ReportContent, ReportOptions, build_content
from phbs.reports.excel.sheet import EXCEL_MAX_ROWS, ReportProgress
from phbs.reports.excel.workbook import write_workbook
from phbs.reports.html.page import write_html, write_minutes_html
from phbs.scoring.results import ScoreResult
from phbs.scoring.summary import AreaReport

if TYPE_CHECKING:
    from phbs.scoring.streaming import StreamedScore


def write_report(
    result: ScoreResult | StreamedScore,
    report: AreaReport,
    options: ReportOptions | None = None,
    *,
    xlsx: str | Path | None = None,
    html: str | Path | None = None,
    minutes: str | Path | None = None,
    template_dir: str | Path | None = None,
    max_rows: int = EXCEL_MAX_ROWS,
    progress: ReportProgress | None = None,
    **legacy: Any,
) -> ReportContent:
    """Write the Excel workbook (``xlsx``) and/or the self-contained HTML page (``html``).

    ``report`` is the area summary shown (``summarise(result, by=...)``); the indicator
    recap is always per village, and per dusun when the data has dusun. ``options``
    (:class:`ReportOptions`) says what else the reports show: the language, a title, the
    villages file, the contest ranking and how sure it is, strata and a target. Every village
    % ber-PHBS is shown with its confidence interval (the method and level of ``report``),
    and the HTML page draws the villages' funnel plot. ``template_dir`` holds templates that
    replace the bundled ones of the same name; ``max_rows`` is the rows per worksheet before
    a long table goes on to another sheet. ``progress``, if given, is called with a
    :class:`~phbs.reports.excel.sheet.WriteStep` as the workbook's long tables are written
    and when the page is started and written (the command line shows it on a terminal).
    ``minutes`` writes the contest's *berita acara* as a page of its own (only with a
    ranking; the report page and the workbook always carry it).
    Returns what the reports show. Both files are written atomically.

    The fields of :class:`ReportOptions` are still taken as keywords (``lang="en"``) for one
    release, with a DeprecationWarning.

    >>> import tempfile, phbs
    >>> from phbs.demo.data import sample_data
    >>> result = phbs.score(phbs.read_survey(sample_data().survey_files))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     content = write_report(
    ...         result,
    ...         phbs.summarise(result),
    ...         phbs.ReportOptions(lang="en"),
    ...         html=f"{folder}/laporan.html",
    ...     )
    >>> content.headline.rumah_tangga_disurvei
    3011

    Raises :class:`~phbs.errors.SettingsError` when no output is given, or ``minutes``
    without a ranking.
    """
    if xlsx is None and html is None and minutes is None:
        raise SettingsError(
            "Sebutkan paling sedikit satu keluaran laporan: xlsx, html atau berita acara",
            "Name at least one report output: xlsx, html or minutes",
        )
    options = _with_legacy(options or ReportOptions(), legacy)
    if minutes is not None and options.ranking is None:
        raise SettingsError(
            "Berita acara perlu peringkat lomba: berikan --rubric",
            "The minutes need a contest ranking: give --rubric",
        )
    content = build_content(result, report, options)
    if xlsx is not None:
        write_workbook(
            content,
            xlsx,
            max_rows=max_rows,
            progress=progress,
            households_sheet_rows=options.households_sheet_rows,
        )
    if html is not None:
        write_html(content, html, template_dir=template_dir, progress=progress)
    if minutes is not None:
        write_minutes_html(content, minutes, template_dir=template_dir)
    return content


def _with_legacy(options: ReportOptions, legacy: dict[str, Any]) -> ReportOptions:
    """``options`` with the fields given as keywords the old way (warned once per call)."""
    if not legacy:
        return options
    known = {f.name for f in dataclasses.fields(ReportOptions)}
    unknown = sorted(set(legacy) - known)
    if unknown:
        raise TypeError(f"write_report() got an unexpected keyword argument {unknown[0]!r}")
    warnings.warn(
        f"write_report({', '.join(sorted(legacy))}=...): berikan lewat "
        "options=phbs.ReportOptions(...) (pass them as options=phbs.ReportOptions(...))",
        DeprecationWarning,
        stacklevel=3,
    )
    return dataclasses.replace(options, **legacy)
