"""The *Berita Acara* sheet: the contest's minutes as one printed A4 page (docs/aturan.md
§7.10), the same text as the HTML page's (:func:`phbs.reports.minutes.build_minutes`).

Eight columns carry the final table; paragraphs are merged across them and wrapped, with
row heights set for their lines (constant-memory mode cannot go back to a row). Scores and
percentages are numbers with number formats, so they can be checked in the sheet.
"""

from __future__ import annotations

from typing import Any

from phbs.i18n import t
from phbs.reports.content import ReportContent
from phbs.reports.excel.formats import Formats
from phbs.reports.excel.printing import PrintPlan, apply_plan, wrapped_lines
from phbs.reports.minutes import Minutes, build_minutes

#: Column widths (characters) of the final table: rank, code, village, kecamatan, total,
#: % of maximum, band, remark.
WIDTHS = (9, 14, 19, 15, 12, 11, 10, 13)
#: Villages up to which the sheet is scaled to one page tall as well as wide.
ONE_PAGE_VILLAGES = 30
#: Where the signatures of one row go (first and last column of each), a column apart.
SIGNATURE_COLUMNS = ((0, 1), (3, 4), (6, 7))
_LINE_HEIGHT = 15


class _Page:
    """Writes the sheet top to bottom."""

    def __init__(self, workbook: Any, sheet: Any) -> None:
        self.sheet = sheet
        self.row = 0
        self.last_col = len(WIDTHS) - 1
        self.width = sum(WIDTHS)
        base = {"valign": "top", "text_wrap": True, "font_size": 10}
        self.formats = {
            "heading": workbook.add_format({"bold": True, "font_size": 14, "align": "center"}),
            "subtitle": workbook.add_format({**base, "bold": True, "align": "center"}),
            "text": workbook.add_format(base),
            "right": workbook.add_format({**base, "align": "right"}),
            "small": workbook.add_format({**base, "font_size": 8}),
            "section": workbook.add_format({"bold": True, "font_size": 11}),
            "hash": workbook.add_format({"font_name": "Consolas", "font_size": 7}),
            "label": workbook.add_format({"font_size": 7}),
            "line": workbook.add_format({"top": 1, "font_size": 10}),
            "role": workbook.add_format({"font_size": 9, "font_color": "#52606D"}),
        }

    def paragraph(self, text: str, style: str = "text", *, lines: int | None = None) -> None:
        """``text`` merged across the page's width, its row tall enough for its lines."""
        size = 14 if style == "heading" else 10
        count = lines or wrapped_lines(text, int(self.width * 1.1))
        self.sheet.set_row(self.row, max(1, count) * _LINE_HEIGHT * size / 10)
        self.sheet.merge_range(self.row, 0, self.row, self.last_col, text, self.formats[style])
        self.row += 1

    def section(self, text: str) -> None:
        self.row += 1
        self.sheet.write_string(self.row, 0, text, self.formats["section"])
        self.row += 1


def _table(page: _Page, formats: Formats, minutes: Minutes, workbook: Any) -> None:
    sheet = page.sheet
    sheet.set_row(page.row, 2 * _LINE_HEIGHT)
    for col, label in enumerate(minutes.columns):
        sheet.write_string(page.row, col, label, formats.header)
    page.row += 1
    decimals = "0." + "0" * minutes.decimals if minutes.decimals else "0"
    plain: dict[str, Any] = {"border": 1, "font_size": 10}
    cell = {
        bold: {
            "text": workbook.add_format({**plain, "bold": bold}),
            "rank": workbook.add_format(
                {**plain, "bold": bold, "num_format": "0", "align": "center"}
            ),
            "total": workbook.add_format({**plain, "bold": bold, "num_format": f"#,##{decimals}"}),
            # The % of maximum as shown elsewhere: cut down to the decimals (aturan.md §7.1).
            "percent": workbook.add_format({**plain, "bold": bold, "num_format": f"{decimals}%"}),
        }
        for bold in (False, True)
    }
    for row in minutes.rows:
        style = cell[row.winner]
        if row.rank is None:
            sheet.write_string(page.row, 0, "–", style["rank"])
        else:
            sheet.write_number(page.row, 0, row.rank, style["rank"])
        for col, text in ((1, row.code), (2, row.village), (3, row.kecamatan)):
            sheet.write_string(page.row, col, text, style["text"])
        for col, value, kind in ((4, row.total, "total"), (5, row.percent, "percent")):
            if value is None:
                sheet.write_string(page.row, col, "–", style["text"])
            else:
                number = value / 100 if kind == "percent" else value
                sheet.write_number(page.row, col, number, style[kind])
        sheet.write_string(page.row, 6, row.band, style["text"])
        sheet.write_string(page.row, 7, row.remark, style["text"])
        page.row += 1


def _signatures(page: _Page, minutes: Minutes) -> None:
    signatures = list(minutes.signatures)
    per_row = len(SIGNATURE_COLUMNS)
    for start in range(0, len(signatures), per_row):
        chunk = signatures[start : start + per_row]
        page.sheet.set_row(page.row, 3 * _LINE_HEIGHT)
        page.row += 1
        for (first, last), (name, _) in zip(SIGNATURE_COLUMNS, chunk, strict=False):
            page.sheet.merge_range(page.row, first, page.row, last, name, page.formats["line"])
        page.row += 1
        for (first, _), (_, role) in zip(SIGNATURE_COLUMNS, chunk, strict=False):
            page.sheet.write_string(page.row, first, role, page.formats["role"])
        page.row += 1


def _appendix(page: _Page, minutes: Minutes) -> None:
    page.row += 1
    page.sheet.write_string(page.row, 0, minutes.appendix_title, page.formats["section"])
    page.row += 1
    for label, sha256 in minutes.inputs:
        page.sheet.merge_range(page.row, 0, page.row, 2, label, page.formats["label"])
        page.sheet.merge_range(page.row, 3, page.row, page.last_col, sha256, page.formats["hash"])
        page.row += 1
    page.sheet.write_string(page.row, 0, minutes.made_by, page.formats["label"])


def write_minutes_sheet(workbook: Any, formats: Formats, content: ReportContent) -> None:
    """Write the *Berita Acara* sheet (only called with a ranking)."""
    minutes = build_minutes(content, content.minutes)
    sheet = workbook.add_worksheet(t("report.sheet.minutes", content.lang))
    for col, width in enumerate(WIDTHS):
        sheet.set_column(col, col, width)
    page = _Page(workbook, sheet)
    page.paragraph(minutes.heading, "heading", lines=1)
    page.paragraph(minutes.subtitle, "subtitle")
    page.row += 1
    page.paragraph(minutes.opening)
    page.row += 1
    _table(page, formats, minutes, workbook)
    page.paragraph(minutes.percent_rule, "small")
    page.section(minutes.overrides_title)
    for number, line in enumerate(minutes.overrides, start=1):
        page.paragraph(f"{number}. {line}")
    if not minutes.overrides:
        page.paragraph(minutes.no_overrides)
    page.section(minutes.quality_title)
    page.paragraph(minutes.quality)
    page.paragraph(minutes.rubric, "small")
    page.row += 1
    page.paragraph(minutes.closing)
    page.row += 1
    page.paragraph(minutes.place_date, "right")
    page.sheet.write_string(page.row, 0, minutes.panel_title, page.formats["section"])
    page.row += 1
    _signatures(page, minutes)
    _appendix(page, minutes)
    # Portrait A4, one page wide (and tall up to ONE_PAGE_VILLAGES), the report's title,
    # the sheet's name and "page X of Y" in the margins, as every sheet of the workbook.
    tall = len(minutes.rows) <= ONE_PAGE_VILLAGES
    plan = PrintPlan(landscape=False, scale=None, fit_tall=tall, bands=((0, page.last_col),))
    apply_plan(sheet, plan, title=formats.page_title, lang=content.lang)
    sheet.center_horizontally()
    sheet.print_area(0, 0, page.row, page.last_col)
    sheet.hide_gridlines(2)
