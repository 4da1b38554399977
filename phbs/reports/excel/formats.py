"""The cell formats of the report workbook, created once per workbook."""

from __future__ import annotations

from typing import Any


class Formats:
    """The workbook's cell formats, created once, and the ``title`` its printed pages carry
    in their header."""

    def __init__(self, workbook: Any, title: str = "") -> None:
        self.page_title = title
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.subtitle = workbook.add_format({"italic": True, "font_color": "#555555"})
        self.section = workbook.add_format({"bold": True, "font_size": 12, "bottom": 1})
        self.header = workbook.add_format(
            {
                "bold": True,
                "text_wrap": True,
                "valign": "top",
                "bg_color": "#DDE4EE",
                "border": 1,
            }
        )
        self.group = workbook.add_format(
            {
                "bold": True,
                "align": "center",
                "valign": "top",
                "text_wrap": True,
                "bg_color": "#C9D4E5",
                "border": 1,
            }
        )
        self.label = workbook.add_format({"bold": True})
        self.wrapped = workbook.add_format({"text_wrap": True, "valign": "top"})
        # Top-aligned: a row made taller for a wrapped cell reads from its top line.
        self.text = workbook.add_format({"valign": "top"})
        self.integer = workbook.add_format({"num_format": "#,##0", "valign": "top"})
        self.percent = workbook.add_format({"num_format": "0.0%", "valign": "top"})
        self.decimal = workbook.add_format({"num_format": "0.000", "valign": "top"})
        self.total_text = workbook.add_format({"bold": True, "top": 1})
        self.total_integer = workbook.add_format({"bold": True, "top": 1, "num_format": "#,##0"})
        self.total_percent = workbook.add_format({"bold": True, "top": 1, "num_format": "0.0%"})
