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


def write_sheets(path: str | Path, sheets: Mapping[str, Sequence[Sequence[str]]]) -> Path:
    """Write text-only sheets, in order, with a bold frozen header row."""
    target = Path(path)
    options = {"strings_to_formulas": False, "strings_to_numbers": False}
    with atomic_path(target) as temporary, xlsx_workbook(temporary, options) as workbook:
        bold = workbook.add_format({"bold": True})
        for name, rows in sheets.items():
            sheet = workbook.add_worksheet(name)
            widths: dict[int, int] = {}
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value:
                        sheet.write_string(r, c, value, bold if r == 0 else None)
                        widths[c] = max(widths.get(c, 8), min(len(value), 60))
            for c, width in widths.items():
                sheet.set_column(c, c, width + 2)
            sheet.freeze_panes(1, 0)
        workbook.close()
    return target


def write_xlsform(form: Form, path: str | Path, *, kabupaten: str | None = None) -> Path:
    """Write the XLSForm of ``form`` (see :func:`phbs.forms.fields.xlsform_sheets`)."""
    return write_sheets(path, xlsform_sheets(form, kabupaten=kabupaten))
