"""Write an XLSForm workbook (docs/aturan.md §10.2) from the rows of :mod:`phbs.forms.fields`.

Every cell is written with ``write_string`` (XlsxWriter would otherwise turn a label that
starts with ``=`` into a formula), and the workbook is written atomically.

>>> import tempfile, pathlib
>>> from phbs.forms.loading import load_form
>>> with tempfile.TemporaryDirectory() as folder:
...     path = write_xlsform(load_form("kemenkes-rt-10").form, pathlib.Path(folder) / "f.xlsx")
...     path.stat().st_size > 0
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from phbs.forms.fields import xlsform_sheets
from phbs.forms.model import Form
from phbs.outputs import atomic_path
from phbs.reports.excel.files import xlsx_workbook
from phbs.reports.excel.printing import ROW_POINTS, apply_plan, plan_print, wrapped_lines


def write_sheets(path: str | Path, sheets: Mapping[str, Sequence[Sequence[str]]]) -> Path:
    """Write text-only sheets, in order, with a bold frozen header row; a text longer than
    its column (60 characters at most) wraps, and each sheet prints one page wide with its
    header row on every page."""
    target = Path(path)
    options = {"strings_to_formulas": False, "strings_to_numbers": False}
    with atomic_path(target) as temporary, xlsx_workbook(temporary, options) as workbook:
        bold = workbook.add_format({"bold": True, "valign": "top"})
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        for name, rows in sheets.items():
            sheet = workbook.add_worksheet(name)
            widths: dict[int, int] = {}
            for row in rows:
                for c, value in enumerate(row):
                    if value:
                        widths[c] = max(widths.get(c, 8), min(len(value), 60))
            for r, row in enumerate(rows):
                texts = [(value, widths[c]) for c, value in enumerate(row) if value]
                lines = max((wrapped_lines(value, width) for value, width in texts), default=1)
                if lines > 1:
                    sheet.set_row(r, ROW_POINTS * lines)
                for c, value in enumerate(row):
                    if value:
                        sheet.write_string(r, c, value, bold if r == 0 else wrap)
            for c, width in widths.items():
                sheet.set_column(c, c, width + 2)
            sheet.freeze_panes(1, 0)
            columns = [
                widths[c] + 2 if c in widths else 8.43 for c in range(max(widths, default=0) + 1)
            ]
            apply_plan(sheet, plan_print(columns), title="", lang="id", repeat_rows=(0, 0))
        workbook.close()
    return target


def write_xlsform(
    form: Form,
    path: str | Path,
    *,
    kabupaten: str | None = None,
    form_id: str | None = None,
    version: str | None = None,
) -> Path:
    """Write the XLSForm of ``form`` (see :func:`phbs.forms.fields.xlsform_sheets`; ``form_id``
    and ``version`` replace the derived ones)."""
    sheets = xlsform_sheets(form, kabupaten=kabupaten, form_id=form_id, version=version)
    return write_sheets(path, sheets)
