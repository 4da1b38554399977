"""The village strata's colours on the area sheet, as conditional formats."""

from __future__ import annotations

from typing import Any

import xlsxwriter

from phbs.reports.content import ReportContent


def strata_formats(
    workbook: Any, sheet: Any, content: ReportContent, col: int, last: int, *, by_text: bool = False
) -> None:
    """Colour a column by village stratum; the first matching rule wins."""
    cell = xlsxwriter.utility.xl_rowcol_to_cell(1, col, row_abs=False, col_abs=True)
    lower: str | None = None
    for stratum in content.strata:
        fmt = workbook.add_format({"bg_color": stratum.colour})
        if by_text:
            rule = {"type": "cell", "criteria": "==", "value": f'"{stratum.label}"'}
        else:
            conditions = [f"ISNUMBER({cell})"]
            if stratum.upper is not None:
                op = "<=" if stratum.inclusive else "<"
                conditions.append(f"{cell}{op}{stratum.upper / 100!r}")
            if lower is not None:
                conditions.append(lower)
            rule = {"type": "formula", "criteria": f"=AND({','.join(conditions)})"}
            if stratum.upper is not None:
                lower = f"{cell}{'>' if stratum.inclusive else '>='}{stratum.upper / 100!r}"
        sheet.conditional_format(1, col, last, col, {**rule, "format": fmt})
