"""The issues workbook (``phbs validate -o masalah.xlsx``): one row per issue, wrapped to print
one page wide, and a sheet of how each file was read (*Cara Baca*)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from phbs.i18n import Lang, t
from phbs.issues import ISSUE_COLUMNS
from phbs.outputs import PROGRESS_ROWS, atomic_path
from phbs.reports.excel.files import excel_text, xlsx_workbook
from phbs.reports.excel.printing import ROW_POINTS, apply_plan, plan_print, wrapped_lines

#: The issue columns whose texts wrap in a workbook, with the characters of a line.
ISSUE_WRAP = {"berkas": 30, "nilai": 24, "pesan": 48}
#: Characters of a line of how a file was read (*Cara Baca*), which wraps.
_HOW_WIDTH = 90


def write_issues_xlsx(
    rows: list[dict[str, str | int | None]],
    path: str | Path,
    inputs: Iterable[str | Path],
    readings: Sequence[tuple[str, str]],
    lang: Lang,
    progress: Callable[[int], None] | None = None,
) -> None:
    """The issues workbook of :func:`~phbs.reports.tables.write_issues`: the issues, and how
    each file was read (``readings``); ``progress`` as there."""
    options = {"strings_to_formulas": False}
    with atomic_path(path, inputs) as temporary, xlsx_workbook(temporary, options) as workbook:
        sheet = workbook.add_worksheet(t("report.sheet.issues", lang))
        bold = workbook.add_format({"bold": True, "valign": "top"})
        # The file, the value and the message wrap (the row made tall enough): the sheet
        # prints one page wide, the header row on every page.
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        top = workbook.add_format({"valign": "top"})
        wrapping = {ISSUE_COLUMNS.index(name): chars for name, chars in ISSUE_WRAP.items()}
        labels = [t(f"report.col.{c}", lang) for c in ISSUE_COLUMNS]
        for col, label in enumerate(labels):
            sheet.write_string(0, col, label, bold)
        widths = [len(c) for c in labels]
        for r, row in enumerate(rows, start=1):
            lines = 1
            # A workbook is read by people: the severity in words, as laporan.xlsx has it.
            row["tingkat"] = t(f"report.severity.{row['tingkat']}", lang)
            for col, name in enumerate(ISSUE_COLUMNS):
                value = row[name]
                if isinstance(value, int):
                    sheet.write_number(r, col, value, top)
                elif value:
                    text = excel_text(str(value), lang)
                    sheet.write_string(r, col, text, wrap if col in wrapping else top)
                    if col in wrapping:
                        lines = max(lines, wrapped_lines(text, wrapping[col]))
                widths[col] = min(80, max(widths[col], len(str(value or ""))))
            if lines > 1:
                sheet.set_row(r, ROW_POINTS * lines)
            if progress is not None and not r % PROGRESS_ROWS:
                progress(r)
        widths = [wrapping.get(col, width) + 2 for col, width in enumerate(widths)]
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(ISSUE_COLUMNS) - 1)
        apply_plan(
            sheet, plan_print(widths), title="", lang=lang, repeat_rows=(0, 0), gridlines=True
        )
        if readings:
            how = workbook.add_worksheet(t("report.sheet.readings", lang))
            how.write_row(
                0, 0, [t("report.col.berkas", lang), t("report.col.cara_baca", lang)], bold
            )
            name_width = min(60, max(len(n) for n, _ in readings))
            for r, (name, text) in enumerate(readings, start=1):
                lines = max(wrapped_lines(name, name_width), wrapped_lines(text, _HOW_WIDTH))
                if lines > 1:
                    how.set_row(r, ROW_POINTS * lines)
                how.write_string(r, 0, name, wrap)
                how.write_string(r, 1, text, wrap)
            how_widths = [name_width + 2, _HOW_WIDTH + 2]
            for col, width in enumerate(how_widths):
                how.set_column(col, col, width)
            plan = plan_print(how_widths)
            apply_plan(how, plan, title="", lang=lang, repeat_rows=(0, 0), gridlines=True)
        workbook.close()
