"""The long sheets of the report workbook: households, data issues, and the metadata.

Also the small table of villages outside the funnel limits on the *Ringkasan* sheet.
*Rumah Tangga* and *Masalah Data* continue on further sheets past Excel's row limit
(:func:`~phbs.reports.excel.sheet.write_long_table`); household heads' names appear only
when asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from phbs.i18n import fmt_int, fmt_percent, t
from phbs.reports.content import ReportContent
from phbs.reports.denominators import persen_column_key
from phbs.reports.excel.formats import Formats
from phbs.reports.excel.household_rows import household_kinds, household_rows
from phbs.reports.excel.issues import ISSUE_WRAP
from phbs.reports.excel.printing import TableLayout
from phbs.reports.excel.sheet import (
    Cell,
    Pct,
    ReportProgress,
    SheetWriter,
    table_setup,
    write_long_table,
)
from phbs.reports.excel.spans import paragraph
from phbs.reports.funnel_text import dispersion_text, funnel_method


def household_header(content: ReportContent) -> list[str]:
    """Column labels of the *Rumah Tangga* sheets."""
    lang = content.lang
    keys = ["id_rumah_tangga", "kode_desa", "nama_desa", "dusun", "rw", "rt", "tanggal", "petugas"]
    if content.include_names:
        keys.append("nama_kepala_rt")
    keys += ["berkas", "baris", "status", "berlaku", "ya", "tidak", "kosong", "indeks", "kelas"]
    labels = [t(f"report.col.{k}", lang) for k in keys]
    labels += [f"{i.number}. {i.name}" for i in content.indicators]
    return labels


def write_households(
    workbook: Any,
    formats: Formats,
    content: ReportContent,
    max_rows: int,
    progress: ReportProgress | None = None,
    limit: int | None = None,
) -> None:
    """The *Rumah Tangga* sheets: one row per scored household, in input order, the first
    ``limit`` only when given, with a line above the header saying how many are not shown
    and how to list them all (``progress`` is told how many are written)."""
    header = household_header(content)
    berkas = 9 if content.include_names else 8
    indicators = len(header) - len(content.indicators)
    total = content.result.survey.rows_scored
    shown = total if limit is None else min(limit, total)
    note = None
    if shown < total:
        note = t(
            "report.households.capped",
            content.lang,
            shown=fmt_int(shown, content.lang),
            total=fmt_int(total, content.lang),
            left=fmt_int(total - shown, content.lang),
        )
    # Printed with the household's id and village on every page; the place, the file, the
    # result and each answer not cut apart.
    groups = (3, berkas, berkas + 2, *range(indicators, len(header)))
    write_long_table(
        workbook,
        formats,
        content.lang,
        t("report.sheet.households", content.lang),
        header,
        household_rows(content, None if shown == total else shown),
        shown,
        max_rows=max_rows,
        layout=TableLayout(lead=3, groups=groups, kinds=tuple(household_kinds(content)), note=note),
        progress=progress,
    )


def _issue_rows(content: ReportContent) -> Iterable[list[Cell]]:
    for issue in content.issues:
        yield [
            issue.file,
            issue.row,
            issue.column,
            issue.value,
            issue.code,
            t(f"report.severity.{issue.severity.value}", content.lang),
            issue.message(content.lang),
        ]


def write_issues(
    workbook: Any,
    formats: Formats,
    content: ReportContent,
    max_rows: int,
    progress: ReportProgress | None = None,
) -> None:
    """The *Masalah Data* sheets: every issue record (``progress`` is told how many are
    written)."""
    lang = content.lang
    keys = ["berkas", "baris", "kolom", "nilai", "kode", "tingkat", "pesan"]
    write_long_table(
        workbook,
        formats,
        lang,
        t("report.sheet.issues", lang),
        [t(f"report.col.{k}", lang) for k in keys],
        _issue_rows(content),
        len(content.issues),
        max_rows=max_rows,
        layout=TableLayout(wrap={keys.index(k): chars for k, chars in ISSUE_WRAP.items()}),
        progress=progress,
    )


_METADATA_WIDTH = 66


def write_metadata(workbook: Any, formats: Formats, content: ReportContent) -> None:
    """The *Metadata* sheet: tool, form, rubric, every input file's SHA-256, settings."""
    lang = content.lang
    sheet = workbook.add_worksheet(t("report.sheet.metadata", lang))
    w = SheetWriter(sheet, formats, lang)
    w.header([t("report.col.kunci", lang), t("report.col.nilai_meta", lang)])
    wrap = {1: _METADATA_WIDTH}
    # A long value (how a file was read) wraps in its column so the sheet prints one page
    # wide; the row is made tall enough first (constant-memory writing).
    for key, value in [*flatten_metadata(content.metadata), *content.settings]:
        w.row([key, value], wrap=wrap)
    w.row([t("report.meta.title", lang), content.title], wrap=wrap)
    w.row([t("report.meta.lang", lang), lang], wrap=wrap)
    w.fit_columns(fixed=wrap)
    table_setup(sheet, 1, w.next_row - 1, 1)
    w.print_setup()


def write_funnel_table(
    w: SheetWriter, content: ReportContent, fixed: dict[int, int] | None = None
) -> None:
    """Villages outside the 95 % or 99.8 % funnel limits, with the 99.8 % limits at their
    sample size (written below the current rows of ``w``), after the method and what the
    dispersion test found, wrapped over the first five columns (``fixed`` widths)."""
    funnel = content.funnel
    if funnel is None or not funnel.titik:
        return
    lang = content.lang
    w.skip()
    w.row([t("report.funnel.table", lang)], w.formats.section, measure=False)
    rate = fmt_percent(funnel.rata_rata, lang)
    note = t(
        "report.funnel.sheet_note",
        lang,
        rate=rate,
        method=funnel_method(funnel, lang),
        dispersion=dispersion_text(funnel, lang),
    )
    paragraph(w, w.column_widths(fixed=fixed), 4, note.replace("  ", " "))
    outside = funnel.outside("95")
    if not outside:
        none = "report.funnel.none.adjusted" if funnel.adjusted else "report.funnel.none"
        w.row([t(none, lang)], measure=False)
        return
    keys = [
        "report.col.kode",
        "report.col.nama",
        "report.funnel.col.n",
        persen_column_key(content.report),
    ]
    keys += ["report.funnel.col.low", "report.funnel.col.high", "report.funnel.col.posisi"]
    w.header([t(k, lang) for k in keys])
    for point in outside:
        low, high = funnel.limits_at(point.n)
        w.row(
            [
                point.kode,
                point.nama,
                point.n,
                Pct(point.persen),
                Pct(low),
                Pct(high),
                t(f"report.funnel.pos.{point.posisi}", lang),
            ]
        )


def flatten_metadata(metadata: dict[str, Any]) -> list[tuple[str, str]]:
    """Metadata as ``(dotted key, text)`` rows; lists are numbered from 1.

    >>> flatten_metadata({"a": {"b": 1}, "c": [{"d": "x"}]})
    [('a.b', '1'), ('c.1.d', 'x')]
    """
    rows: list[tuple[str, str]] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), item)
        elif isinstance(value, list):
            for index, item in enumerate(value, start=1):
                walk(f"{prefix}.{index}", item)
        else:
            rows.append((prefix, "" if value is None else str(value)))

    walk("", metadata)
    return rows
