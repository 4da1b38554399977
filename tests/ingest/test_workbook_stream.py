"""The streaming workbook readers (:mod:`phbs.ingest.xlsx_stream`, :mod:`phbs.ingest.ods_stream`)
against python-calamine, the independent whole-sheet reader they replace, cell by cell.

Every workbook is made inside its test: by real, independent writers (xlsxwriter in both of its
modes, openpyxl, LibreOffice) and, where a writer's exact spelling matters (.NET's namespace
prefixes, rich text, phonetic runs, repeated ODS cells), by hand with :mod:`zipfile`. A cell's
text must be what :func:`~phbs.ingest.calamine.cell_text` gives for calamine's value; rows that
calamine gives as blank are absent from ours, and trailing blank cells are trimmed. Where a
test also spells out the expected rows by hand, it is so that both readers cannot be wrong the
same way.

The spellings other writers use (single quotes, spaces around ``=``, namespace prefixes,
cells without a reference) and an .ods sheet name LibreOffice escapes (``Ma&apos;ruf``) are
each a case of their own.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from python_calamine import CalamineWorkbook, SheetVisibleEnum

from phbs.errors import InputFileError
from phbs.ingest.book import Ranges
from phbs.ingest.calamine import cell_text
from phbs.ingest.limits import Limits
from phbs.ingest.ods_stream import OdsBook
from phbs.ingest.xlsx_book import XlsxBook

#: A sheet's rows that hold something: row number (1-based) → cells.
Rows = dict[int, list[str]]


@dataclass
class Read:
    """What our reader gives for a workbook, sheet by sheet (in the workbook's order)."""

    rows: dict[str, Rows]
    visible: dict[str, bool]
    merged: dict[str, Ranges]
    problems: dict[str, list[tuple[str, str]]]


def open_ours(archive: zipfile.ZipFile, path: Path, limits: Limits) -> XlsxBook | OdsBook:
    if path.suffix == ".ods":
        return OdsBook(archive, path.name, limits)
    return XlsxBook(archive, path.name, limits)


def read_ours(path: Path, limits: Limits | None = None) -> Read:
    """Every sheet of ``path`` as our streaming reader gives it."""
    read = Read({}, {}, {}, {})
    with zipfile.ZipFile(path) as archive:
        book = open_ours(archive, path, limits or Limits())
        for sheet in book.sheets:
            read.visible[sheet.name] = sheet.visible
            items = list(book.rows(sheet.name))
            rows = [item for item in items if isinstance(item, tuple)]
            assert len(rows) == len(items)  # one by one: fast() was not called
            read.rows[sheet.name] = dict(rows)
            read.merged[sheet.name], read.problems[sheet.name] = book.extras(sheet.name)
    return read


def calamine_rows(workbook: CalamineWorkbook, name: str) -> Rows:
    """A sheet as python-calamine reads it: each value through ``cell_text``, trailing blank
    cells trimmed, rows left with nothing left out."""
    rows: Rows = {}
    sheet = workbook.get_sheet_by_name(name)
    for index, values in enumerate(sheet.to_python(skip_empty_area=False)):
        cells = [cell_text(value) for value in values]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            rows[index + 1] = cells
    return rows


def same_as_calamine(path: Path) -> Read:
    """Our reading of ``path``, once checked against python-calamine's: the sheet names in
    order, which are visible, every sheet's rows cell by cell and (for .xlsx, the only format
    calamine gives them for) the merged ranges."""
    ours = read_ours(path)
    workbook = CalamineWorkbook.from_path(path)
    assert list(ours.visible) == workbook.sheet_names
    assert ours.visible == {
        meta.name: meta.visible == SheetVisibleEnum.Visible for meta in workbook.sheets_metadata
    }
    for name in workbook.sheet_names:
        assert ours.rows[name] == calamine_rows(workbook, name), name
        if path.suffix == ".xlsx":
            theirs = workbook.get_sheet_by_name(name).merged_cell_ranges or []
            assert sorted(ours.merged[name]) == sorted(theirs), name
    return ours


# --- hand-built files -------------------------------------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="{PACKAGE_REL}">'
    f'<Relationship Type="{OFFICE_REL}/officeDocument" Target="/xl/workbook.xml" Id="R1"/>'
    "</Relationships>"
)


def write_parts(path: Path, parts: Mapping[str, str]) -> Path:
    """An .xlsx from its parts (the package's content types and root relationships added)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def one_sheet_xlsx(path: Path, worksheet: str) -> Path:
    """An .xlsx of one sheet, ``S``, whose XML is ``worksheet``."""
    return write_parts(
        path,
        {
            "xl/workbook.xml": (
                f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE_REL}"><sheets>'
                '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
            ),
            "xl/_rels/workbook.xml.rels": (
                f'<Relationships xmlns="{PACKAGE_REL}"><Relationship Id="rId1" '
                f'Type="{OFFICE_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
            ),
            "xl/worksheets/sheet1.xml": worksheet,
        },
    )


ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
HIDDEN_TABLE_STYLE = (
    '<style:style style:name="ta2" style:family="table">'
    '<style:table-properties table:display="false"/></style:style>'
)


def write_ods(path: Path, tables: str) -> Path:
    """An .ods whose spreadsheet body is ``tables`` (style ``ta2`` hides a sheet)."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NAMESPACES} '
        f'office:version="1.3"><office:automatic-styles>{HIDDEN_TABLE_STYLE}'
        "</office:automatic-styles><office:body><office:spreadsheet>"
        f"{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
        f'manifest:media-type="{ODS_MIMETYPE}"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", ODS_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def text_cell(text: str, repeat: int = 1) -> str:
    repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (
        f'<table:table-cell{repeated} office:value-type="string"><text:p>{text}</text:p>'
        "</table:table-cell>"
    )


def blank_cells(repeat: int) -> str:
    return f'<table:table-cell table:number-columns-repeated="{repeat}"/>'


def blank_rows(repeat: int) -> str:
    return (
        f'<table:table-row table:number-rows-repeated="{repeat}">{blank_cells(16_384)}'
        "</table:table-row>"
    )


# --- xlsxwriter -------------------------------------------------------------------------------

SURVEY = "Survei & <Desa>"

XLSXWRITER_ROWS: Rows = {
    1: [
        "A & B <c> \"kutip\" 'satu'",
        "",
        "  spasi  ",
        "Ni Luh Ayu Déwi",
        "Ñoman Ma’ruf 👍🏽",
        "Jl. Merdeka\nRT 03",
        "_x000D_",
        "",
        "6310012345678901",
        "007",
        "baris\r\nbaru",
    ],
    3: [
        "1",
        "6310012345678901",
        "2.5",
        "-7",
        "0",
        "-0.5",
        "0.1",
        "123456.789",
        "1.234567890123457e+19",
        "5",
        "1500000",
    ],
    6: ["true", "", "false"],
    7: [
        "2025-08-14",
        "2025-08-14 09:30:00",
        "07:45:00",
        "1 day, 2:30:00",
        "2025-08-14",
        "2025-08-14",
        "2025-08-14 23:59:59.500000",
        "1900-01-15",
        "12:00:30",
        "1900-02-28 12:00:00",
    ],
    8: ["abc", "2", "true"],
    10: ["1", "", "", "", "", "2", *[""] * 20, "jauh"],
    12: ["gabung", "", "", "", "x"],
}


@pytest.mark.parametrize("constant_memory", [False, True], ids=["shared-strings", "inline"])
def test_xlsxwriter_workbook_matches_calamine(tmp_path: Path, constant_memory: bool) -> None:
    """An xlsxwriter workbook, with shared strings (default) and with inline strings
    (``constant_memory``), reads cell by cell as python-calamine (the independent reference)
    reads it: escaped and non-ASCII text, spaces, line breaks, literal ``_x000D_``, 16-digit
    KK numbers as numbers and as text, decimals, booleans, dates and times in several
    formats, formulas' cached values, blank cells and rows, a merged range, hidden sheets."""
    path = tmp_path / "xlsxwriter.xlsx"
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})

    def style(number_format: str | int) -> Any:
        return workbook.add_format({"num_format": number_format})

    sheet = workbook.add_worksheet(SURVEY)
    # Rows are written top to bottom: constant_memory flushes a row once the next begins.
    for column, text in enumerate(XLSXWRITER_ROWS[1]):
        if text and not text.isdigit():
            sheet.write_string(0, column, text)
    sheet.write_blank(0, 7, None, style("0.00"))  # a formatted blank cell between filled ones
    sheet.write_string(0, 8, "6310012345678901")  # a KK number typed as text
    sheet.write_string(0, 9, "007")
    numbers = [1, 6310012345678901, 2.5, -7, 0, -0.5, 0.1, 123456.789, 12345678901234567890]
    for column, number in enumerate(numbers):
        sheet.write_number(2, column, number)
    sheet.write_number(2, 9, 5, style('0" hari"'))  # quoted text with a date letter (h)
    sheet.write_number(2, 10, 1500000, style('"Rp "#,##0'))
    sheet.write_boolean(5, 0, True)
    sheet.write_boolean(5, 2, False)
    sheet.write_datetime(6, 0, dt.date(2025, 8, 14), style("yyyy-mm-dd"))
    sheet.write_datetime(6, 1, dt.datetime(2025, 8, 14, 9, 30), style("dd/mm/yyyy hh:mm"))
    sheet.write_datetime(6, 2, dt.time(7, 45), style("hh:mm"))
    sheet.write_datetime(6, 3, dt.timedelta(hours=26, minutes=30), style("[h]:mm"))
    sheet.write_datetime(6, 4, dt.date(2025, 8, 14), style(14))
    sheet.write_datetime(6, 5, dt.date(2025, 8, 14), style('"Tanggal: "dd-mm-yyyy'))
    moment = dt.datetime(2025, 8, 14, 23, 59, 59, 500000)
    sheet.write_datetime(6, 6, moment, style("yyyy-mm-dd hh:mm:ss.000"))
    sheet.write_datetime(6, 7, dt.date(1900, 1, 15), style("yyyy-mm-dd"))
    sheet.write_datetime(6, 8, dt.time(12, 0, 30), style(21))
    sheet.write_number(6, 9, 60.5, style("yyyy-mm-dd hh:mm"))  # Excel's 1900-02-29, noon
    sheet.write_formula(7, 0, '=CONCATENATE("ab","c")', None, "abc")
    sheet.write_formula(7, 1, "=1+1", None, 2)
    sheet.write_formula(7, 2, "=A1=A1", None, True)
    sheet.write_number(9, 0, 1)
    sheet.write_number(9, 5, 2)
    sheet.write_string(9, 26, "jauh")  # column AA
    sheet.write_string(11, 4, "x")  # before the merge, which goes on to row 13
    sheet.merge_range("A12:C13", "gabung", workbook.add_format({"bold": True}))
    hidden = workbook.add_worksheet("Tersembunyi")
    hidden.write_string(0, 0, "rahasia")
    hidden.hide()
    very_hidden = workbook.add_worksheet("Sangat Tersembunyi")
    very_hidden.write_string(1, 1, "rahasia juga")
    very_hidden.very_hidden()
    notes = workbook.add_worksheet("Catatan Désa")
    notes.write_string(2, 2, "ok")
    workbook.close()

    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    assert (b't="inlineStr"' in xml) == constant_memory  # the mode under test is used
    assert (b't="s"' in xml) != constant_memory
    ours = same_as_calamine(path)
    assert ours.rows[SURVEY] == XLSXWRITER_ROWS
    assert ours.merged[SURVEY] == [((11, 0), (12, 2))]
    assert ours.problems[SURVEY] == []
    assert ours.visible == {
        SURVEY: True,
        "Tersembunyi": False,
        "Sangat Tersembunyi": False,
        "Catatan Désa": True,
    }
    assert ours.rows["Sangat Tersembunyi"] == {2: ["", "rahasia juga"]}
    assert ours.rows["Catatan Désa"] == {3: ["", "", "ok"]}


# --- openpyxl ---------------------------------------------------------------------------------


@pytest.mark.parametrize("mac_1904", [False, True], ids=["1900", "1904"])
def test_openpyxl_workbook_matches_calamine(tmp_path: Path, mac_1904: bool) -> None:
    """An openpyxl workbook, in the 1900 and in the 1904 date system, reads as
    python-calamine (the independent reference) reads it: the same dates either way, a
    formula saved without its value as blank (and listed as uncached), a hidden sheet."""
    path = tmp_path / "openpyxl.xlsx"
    workbook = openpyxl.Workbook()
    if mac_1904:
        workbook.epoch = CALENDAR_MAC_1904
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(["nama", "tanggal", "jam", "kk", None, "ok"])
    sheet.append(["Déwi", dt.date(2025, 8, 14), dt.time(7, 30), 6310012345678901, None, True])
    moment = dt.datetime(2025, 8, 14, 9, 30, 15)
    duration = dt.timedelta(hours=30)
    sheet.append([" x ", moment, duration, "6310012345678901", 2.5, False])
    sheet.append([])
    sheet.append(["=1+1", dt.datetime(2000, 2, 29, 6), -3, "a\nb", "<&>"])
    sheet["B2"].number_format = "dd/mm/yyyy"
    sheet.merge_cells("A7:B8")
    sheet["A7"] = "gabung"
    hidden = workbook.create_sheet("Sembunyi")
    hidden.sheet_state = "hidden"
    hidden["B2"] = "rahasia"
    workbook.save(path)

    with zipfile.ZipFile(path) as archive:
        book_xml = archive.read("xl/workbook.xml")
        sheet_xml = archive.read("xl/worksheets/sheet1.xml")
    assert (b'date1904="1"' in book_xml) == mac_1904
    assert (b"<v>44421</v>" if mac_1904 else b"<v>45883</v>") in sheet_xml  # 2025-08-14
    ours = same_as_calamine(path)
    assert ours.rows["Data"] == {
        1: ["nama", "tanggal", "jam", "kk", "", "ok"],
        2: ["Déwi", "2025-08-14", "07:30:00", "6310012345678901", "", "true"],
        3: [" x ", "2025-08-14 09:30:15", "1 day, 6:00:00", "6310012345678901", "2.5", "false"],
        5: ["", "2000-02-29 06:00:00", "-3", "a\nb", "<&>"],
        7: ["gabung"],
    }
    assert ours.problems["Data"] == [("A5", "uncached")]
    assert ours.merged["Data"] == [((6, 0), (7, 1))]
    assert ours.visible == {"Data": True, "Sembunyi": False}
    assert ours.rows["Sembunyi"] == {2: ["", "rahasia"]}


# --- hand-built .xlsx -------------------------------------------------------------------------

DOTNET_STRINGS = (
    f'<?xml version="1.0" encoding="utf-8"?><x:sst xmlns:x="{MAIN}" count="6" uniqueCount="6">'
    "<x:si><x:t>Ya</x:t></x:si>"
    # rich text: runs with their own formatting make one string
    '<x:si><x:r><x:rPr><x:b/><x:sz val="11"/></x:rPr><x:t>ab</x:t></x:r>'
    '<x:r><x:t xml:space="preserve">c </x:t></x:r></x:si>'
    # a phonetic guide (furigana) is not part of the text
    '<x:si><x:t>東京</x:t><x:rPh sb="0" eb="2"><x:t>トウキョウ</x:t></x:rPh>'
    '<x:phoneticPr fontId="1"/></x:si>'
    '<x:si><x:t xml:space="preserve"> spasi &amp; _x000D_ &lt;b&gt; </x:t></x:si>'
    "<x:si><x:t/></x:si>"
    '<x:si><x:r><x:t>Ma</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ま</x:t></x:rPh>'
    "<x:r><x:t>’ruf</x:t></x:r></x:si>"
    "</x:sst>"
)
DOTNET_DATA = (
    f'<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="{MAIN}"><x:sheetData>'
    '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>'
    '<x:c r="C1" t="s"><x:v>2</x:v></x:c><x:c r="D1" t="s"><x:v>3</x:v></x:c>'
    '<x:c r="E1" t="s"><x:v>4</x:v></x:c><x:c r="F1" t="s"><x:v>5</x:v></x:c></x:row>'
    # cells without a reference: each in the next column
    '<x:row r="2"><x:c t="s"><x:v>5</x:v></x:c><x:c><x:v>42</x:v></x:c>'
    '<x:c t="inlineStr"><x:is><x:t>sebaris</x:t></x:is></x:c><x:c t="b"><x:v>0</x:v></x:c>'
    "</x:row>"
    # the type before the reference, the style last
    '<x:row r="4"><x:c t="s" r="B4"><x:v>0</x:v></x:c><x:c t="n" r="D4" s="0"><x:v>2.5</x:v>'
    '</x:c><x:c t="str" r="E4"><x:f>"x"&amp;"y"</x:f><x:v>xy</x:v></x:c></x:row>'
    '<x:row r="5"><x:c t="s" r="A5"><x:v>1</x:v></x:c><x:c t="b" r="C5"><x:v>1</x:v></x:c>'
    '<x:c t="inlineStr" r="D5"><x:is><x:r><x:t>ri</x:t></x:r><x:r><x:rPr><x:i/></x:rPr>'
    "<x:t>ch</x:t></x:r></x:is></x:c></x:row>"
    # a row without its number: the one after the last
    '<x:row><x:c><x:v>6310012345678901</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c>'
    '<x:c t="d"><x:v>2025-08-14T09:30:00</x:v></x:c><x:c t="d"><x:v>2025-08-14</x:v></x:c>'
    "</x:row>"
    '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A8:B9"/></x:mergeCells>'
    "</x:worksheet>"
)
PLAIN_OTHER = (
    f'<?xml version="1.0" encoding="utf-8"?><worksheet xmlns="{MAIN}"><sheetData>'
    '<row r="2" spans="1:5"><c t="s" s="0" r="C2"><v>0</v></c>'
    '<c s="0" r="E2" t="inlineStr"><is><t>spasi</t></is></c></row>'
    '<row r="3"><c t="n" r="A3"><v>-1.5</v></c><c r="B3" t="s"/><c r="C3"><v></v></c>'
    '<c r="D3" t="s"><v>2</v></c></row></sheetData></worksheet>'
)


def test_dotnet_style_xlsx_matches_calamine(tmp_path: Path) -> None:
    """A workbook spelled as .NET's OpenXML SDK writes it (``x:`` prefixes, absolute part
    names) and by hand otherwise: cells and a row without references, the type before the
    reference, rich-text shared strings (runs joined) and phonetic runs (left out), inline
    rich text, ISO date cells, an error cell. python-calamine is the independent reference;
    the rows are also spelled out by hand."""
    path = write_parts(
        tmp_path / "dotnet.xlsx",
        {
            "xl/workbook.xml": (
                f'<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:r="{OFFICE_REL}" '
                f'xmlns:x="{MAIN}"><x:sheets><x:sheet name="Data" sheetId="1" r:id="R2"/>'
                '<x:sheet name="Lain" sheetId="2" state="hidden" r:id="R3"/></x:sheets>'
                "</x:workbook>"
            ),
            "xl/_rels/workbook.xml.rels": (
                f'<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="{PACKAGE_REL}">'
                f'<Relationship Type="{OFFICE_REL}/worksheet" '
                'Target="/xl/worksheets/sheet1.xml" Id="R2"/>'
                f'<Relationship Type="{OFFICE_REL}/worksheet" Target="worksheets/other.xml" '
                'Id="R3"/>'
                f'<Relationship Type="{OFFICE_REL}/sharedStrings" '
                'Target="/xl/sharedStrings.xml" Id="R4"/></Relationships>'
            ),
            "xl/sharedStrings.xml": DOTNET_STRINGS,
            "xl/worksheets/sheet1.xml": DOTNET_DATA,
            "xl/worksheets/other.xml": PLAIN_OTHER,
        },
    )
    ours = same_as_calamine(path)
    assert ours.rows["Data"] == {
        1: ["Ya", "abc ", "東京", " spasi & \r <b> ", "", "Ma’ruf"],
        2: ["Ma’ruf", "42", "sebaris", "false"],
        4: ["", "Ya", "", "2.5", "xy"],
        5: ["abc ", "", "true", "rich"],
        6: ["6310012345678901", "", "2025-08-14 09:30:00", "2025-08-14"],
    }
    assert ours.merged["Data"] == [((7, 0), (8, 1))]
    assert ours.visible == {"Data": True, "Lain": False}
    assert ours.rows["Lain"] == {2: ["", "", "Ya", "", "spasi"], 3: ["-1.5", "", "", "東京"]}


@pytest.mark.parametrize(
    ("sheet_data", "expected"),
    [
        pytest.param(
            '<row r="2"><c t="inlineStr" r="C2"><is><t>x</t></is></c></row>',
            {2: ["", "", "x"]},
            id="type-before-reference",
        ),
        pytest.param(
            '<row r="1"><c r="A1"><v>1</v></c></row><row/><row><c r="B3"><v>2</v></c></row>',
            {1: ["1"], 3: ["", "2"]},
            id="rows-without-number",
        ),
        pytest.param(
            '<row r="3"><c><v>1</v></c><c t="inlineStr"><is><t>x</t></is></c></row>',
            {3: ["1", "x"]},
            id="cells-without-reference",
        ),
        pytest.param(
            '<row r="1">\n  <c r="A1" t="inlineStr">\n    <is>\n      <t>x</t>\n    </is>\n'
            '  </c>\n  <c r="B1">\n    <v>2</v>\n  </c>\n</row>',
            {1: ["x", "2"]},
            id="pretty-printed",
        ),
        pytest.param(
            "<row r='3'><c r='B3' t='inlineStr'><is><t>x</t></is></c></row>",
            {3: ["", "x"]},
            id="single-quoted",
        ),
        pytest.param(
            '<row r="2"><c r = "C2" t = "inlineStr"><is><t>x</t></is></c></row>',
            {2: ["", "", "x"]},
            id="spaces-around-equals",
        ),
        pytest.param(
            '<row r="1"><c r="C1" s="0"/><c t="inlineStr"><is><t>x</t></is></c></row>',
            {1: ["", "", "", "x"]},
            id="no-reference-after-blank",
        ),
    ],
)
def test_xlsx_cell_spellings_match_calamine(
    tmp_path: Path, sheet_data: str, expected: Rows
) -> None:
    """XML spellings a hand-rolled writer may use for rows and cells read as python-calamine
    (the independent reference) reads them, and as spelled out by hand."""
    worksheet = f'<worksheet xmlns="{MAIN}"><sheetData>{sheet_data}</sheetData></worksheet>'
    ours = same_as_calamine(one_sheet_xlsx(tmp_path / "spelling.xlsx", worksheet))
    assert ours.rows["S"] == expected


@pytest.mark.parametrize(
    ("worksheet", "rows", "expected"),
    [
        pytest.param(
            f'<worksheet xmlns="{MAIN}"><sheetData><row r="2"><c r="C2" t="e"><v>#N/A</v></c>'
            '<c r="D2"><f>1/0</f></c><c r="E2"><f>1+1</f><v>2</v></c></row></sheetData>'
            "</worksheet>",
            {2: ["", "", "", "", "2"]},
            [("C2", "error"), ("D2", "uncached")],
            id="plain",
        ),
        pytest.param(
            f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="2">'
            '<x:c r="C2" t="e"><x:v>#N/A</x:v></x:c><x:c r="D2"><x:f>1/0</x:f></x:c>'
            '<x:c r="E2"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>',
            {2: ["", "", "", "", "2"]},
            [("C2", "error"), ("D2", "uncached")],
            id="prefixed",
        ),
        pytest.param(
            f"<worksheet xmlns='{MAIN}'><sheetData><row r='2'><c r='C2' t='e'><v>#N/A</v></c>"
            "</row></sheetData></worksheet>",
            {},
            [("C2", "error")],
            id="single-quoted",
        ),
    ],
)
def test_xlsx_problem_cells(
    tmp_path: Path, worksheet: str, rows: Rows, expected: list[tuple[str, str]]
) -> None:
    """Cells whose value the file does not give (an error, a formula without its cached
    value) read as blank, as python-calamine (the independent reference) reads them, and are
    listed by ``extras()`` (calamine has no such list: that part is checked by hand)."""
    ours = same_as_calamine(one_sheet_xlsx(tmp_path / "problems.xlsx", worksheet))
    assert ours.rows["S"] == rows
    assert ours.problems["S"] == expected


# --- LibreOffice .ods -------------------------------------------------------------------------

ODS_DATA = "Data & Catatan"


@pytest.mark.slow
def test_libreoffice_ods_matches_calamine(tmp_path: Path) -> None:
    """An xlsxwriter workbook saved as .ods by LibreOffice reads as python-calamine (the
    independent reference) reads it: cells LibreOffice writes once with
    ``number-columns-repeated``, blank rows with ``number-rows-repeated``, runs of spaces as
    ``<text:s>``, a two-paragraph cell, a comment (not the cell's text), dates and times, a
    hidden sheet. calamine gives no merged ranges for .ods: the merge is checked by hand.
    (LibreOffice 7.4 writes identical filled rows one by one; a filled row repeated is
    checked in the hand-built tests below.) Skipped where LibreOffice is not installed."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / "libreoffice.xlsx"
    workbook = xlsxwriter.Workbook(str(source))

    def style(number_format: str | int) -> Any:
        return workbook.add_format({"num_format": number_format})

    sheet = workbook.add_worksheet(ODS_DATA)
    sheet.write_row(0, 0, ["id", "nama", "j1", "j2", "j3", "catatan"])
    sheet.write_row(1, 0, [1, "Déwi", "ya", "ya", "ya", "a   b"])
    sheet.write_row(2, 0, [2, "Ma’ruf", "ya", "ya", "ya", "baris satu\nbaris dua"])
    for row in (3, 4, 5):
        sheet.write_row(row, 0, [3, "Sari", "ya", "ya", "ya"])
    sheet.write_datetime(8, 0, dt.date(2025, 8, 14), style("yyyy-mm-dd"))
    sheet.write_datetime(8, 1, dt.datetime(2025, 8, 14, 9, 30), style("dd/mm/yyyy hh:mm"))
    sheet.write_datetime(8, 2, dt.time(7, 45), style("hh:mm"))
    sheet.write_datetime(8, 3, dt.date(2025, 8, 14), style(14))
    sheet.write_datetime(8, 4, dt.timedelta(minutes=90), style("[h]:mm"))
    sheet.write_number(8, 5, 6310012345678901)
    sheet.write_string(8, 6, "6310012345678901")
    sheet.write_row(8, 7, [-2.5, 0, 0.1])
    sheet.write_row(9, 0, ["  depan", "<&>\"'", "👍🏽 Ñoman", "_x000D_"])
    sheet.write_string(10, 0, "dengan komentar")
    sheet.write_comment(10, 0, "KOMENTAR RAHASIA")
    sheet.write_number(10, 3, 5, style('0" hari"'))
    sheet.write_number(10, 4, 0.25, style("0%"))
    sheet.write_number(10, 5, 1500, style('"Rp "#,##0'))
    sheet.write_formula(10, 6, '=CONCATENATE("a","b")', None, "ab")
    sheet.merge_range("A13:C14", "gabung", workbook.add_format({"bold": True}))
    sheet.write_string(12, 4, "x")
    hidden = workbook.add_worksheet("Tersembunyi")
    hidden.write_string(0, 0, "rahasia")
    hidden.hide()
    workbook.add_worksheet("Desa Baru").write_string(2, 2, "ok")
    workbook.close()
    profile = f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}"
    command = [soffice, profile, "--headless", "--convert-to", "ods"]
    subprocess.run(
        [*command, "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    path = source.with_suffix(".ods")

    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode()
    # What this test is about is in LibreOffice's file.
    assert 'table:number-columns-repeated="3" office:value-type="string"' in content
    assert "table:number-rows-repeated=" in content
    assert '<text:s text:c="2"/>' in content
    assert "<text:p>baris satu</text:p><text:p>baris dua</text:p>" in content
    assert "<office:annotation" in content
    assert 'table:number-columns-spanned="3"' in content
    assert 'table:display="false"' in content
    ours = same_as_calamine(path)
    assert ours.rows[ODS_DATA] == {
        1: ["id", "nama", "j1", "j2", "j3", "catatan"],
        2: ["1", "Déwi", "ya", "ya", "ya", "a   b"],
        3: ["2", "Ma’ruf", "ya", "ya", "ya", "baris satu\nbaris dua"],
        4: ["3", "Sari", "ya", "ya", "ya"],
        5: ["3", "Sari", "ya", "ya", "ya"],
        6: ["3", "Sari", "ya", "ya", "ya"],
        9: [
            "2025-08-14",
            "2025-08-14 09:30:00",
            "07:45:00",
            "2025-08-14",
            "01:30:00",
            "6310012345678901",
            "6310012345678901",
            "-2.5",
            "0",
            "0.1",
        ],
        10: ["  depan", "<&>\"'", "👍🏽 Ñoman", "_x000D_"],
        11: ["dengan komentar", "", "", "5", "0.25", "1500", "ab"],
        13: ["gabung", "", "", "", "x"],
    }
    assert ours.merged[ODS_DATA] == [((12, 0), (13, 2))]
    assert ours.visible == {ODS_DATA: True, "Tersembunyi": False, "Desa Baru": True}
    assert ours.rows["Desa Baru"] == {3: ["", "", "ok"]}


# --- hand-built .ods --------------------------------------------------------------------------


def test_ods_repeated_cells_and_rows_expand_exactly(tmp_path: Path) -> None:
    """A filled cell repeated 100 times along a row and a filled row repeated 50 times are
    made exactly that many times, blank repeats (to the sheet's last column and row) make
    nothing, and a hidden sheet is hidden: as python-calamine (the independent reference)
    reads it, and as spelled out by hand."""
    row_of_ya = f"<table:table-row>{text_cell('id')}{text_cell('ya', 100)}</table:table-row>"
    repeated_row = (
        '<table:table-row table:number-rows-repeated="50">'
        '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p>'
        f"</table:table-cell>{blank_cells(2)}{text_cell('Ya')}{blank_cells(16_380)}"
        "</table:table-row>"
    )
    last = f"<table:table-row>{blank_cells(3)}{text_cell('akhir')}</table:table-row>"
    tables = (
        f'<table:table table:name="Ulang">{row_of_ya}{repeated_row}{blank_rows(2)}{last}'
        f"{blank_rows(1_048_522)}</table:table>"
        f'<table:table table:name="Sembunyi" table:style-name="ta2">'
        f"<table:table-row>{text_cell('rahasia')}</table:table-row></table:table>"
    )
    ours = same_as_calamine(write_ods(tmp_path / "ulang.ods", tables))
    expected: Rows = {1: ["id", *["ya"] * 100]}
    expected.update({row: ["1", "", "", "Ya"] for row in range(2, 52)})
    expected[54] = ["", "", "", "akhir"]
    assert ours.rows["Ulang"] == expected
    assert ours.visible == {"Ulang": True, "Sembunyi": False}


def test_ods_text_markup(tmp_path: Path) -> None:
    """A text cell's markup: paragraphs joined by line breaks, ``<text:s text:c>`` as that
    many spaces, styled spans, entities; a comment is not the cell's text. python-calamine
    (the independent reference) reads the same, except that it drops ``<text:tab/>`` and
    ``<text:line-break/>`` (row 2), where ours gives a tab and a line break: that row is
    checked by hand."""
    markup = (
        '<table:table-cell office:value-type="string"><office:annotation>'
        "<dc:creator>Bidan</dc:creator><text:p>KOMENTAR RAHASIA</text:p></office:annotation>"
        '<text:p>a<text:s text:c="3"/>b '
        '<text:span text:style-name="T1">tebal &amp; &lt;miring&gt;</text:span></text:p>'
        "<text:p/><text:p>paragraf tiga</text:p></table:table-cell>"
    )
    tabbed = (
        '<table:table-cell office:value-type="string">'
        "<text:p>x<text:tab/>y<text:line-break/>z</text:p></table:table-cell>"
    )
    tables = (
        f'<table:table table:name="Teks"><table:table-row>{markup}{text_cell("ya", 2)}'
        f"</table:table-row><table:table-row>{tabbed}</table:table-row></table:table>"
    )
    path = write_ods(tmp_path / "teks.ods", tables)
    ours = read_ours(path).rows["Teks"]
    assert ours == {
        1: ["a   b tebal & <miring>\n\nparagraf tiga", "ya", "ya"],
        2: ["x\ty\nz"],
    }
    theirs = calamine_rows(CalamineWorkbook.from_path(path), "Teks")
    assert {1: ours[1]} == {row: cells for row, cells in theirs.items() if row != 2}


def test_ods_cell_repeated_past_the_last_column_is_refused(tmp_path: Path) -> None:
    """A filled cell repeated over 20,000 columns (past Excel's 16,384, the columns limit)
    is refused with one clear message naming the limit (``kolom``), not made."""
    tables = (
        f'<table:table table:name="Lebar"><table:table-row>{text_cell("ya", 20_000)}'
        "</table:table-row></table:table>"
    )
    path = write_ods(tmp_path / "lebar.ods", tables)
    with zipfile.ZipFile(path) as archive:
        book = OdsBook(archive, path.name, Limits())
        with pytest.raises(InputFileError) as caught:
            list(book.rows("Lebar"))
    assert "kolom" in caught.value.message_id
    assert "16.384" in caught.value.message_id


def test_ods_filled_row_repeated_beyond_the_budget_is_refused(tmp_path: Path) -> None:
    """With ``Limits(repeated_cells=1000)``, a filled row repeated 1,001 times (1,000 cells
    made by repeating) is read in full, and one repeated 2,000 times is refused."""

    def repeated(times: int) -> Path:
        row = (
            f'<table:table-row table:number-rows-repeated="{times}">{text_cell("ya")}'
            "</table:table-row>"
        )
        tables = f'<table:table table:name="Panjang">{row}</table:table>'
        return write_ods(tmp_path / f"panjang-{times}.ods", tables)

    limits = Limits(repeated_cells=1000)
    rows = read_ours(repeated(1001), limits).rows["Panjang"]
    assert rows == {row: ["ya"] for row in range(1, 1002)}
    path = repeated(2000)
    with zipfile.ZipFile(path) as archive:
        book = OdsBook(archive, path.name, limits)
        with pytest.raises(InputFileError) as caught:
            list(book.rows("Panjang"))
    assert "1.000" in caught.value.message_id
    assert "ulangan" in caught.value.message_id


def test_ods_sheet_name_with_apostrophe(tmp_path: Path) -> None:
    """A sheet whose name holds an apostrophe, spelled ``&apos;`` as LibreOffice 7.4 writes
    it, reads as python-calamine (the independent reference) reads it."""
    tables = (
        '<table:table table:name="Desa Ma&apos;ruf &quot;1&quot;"><table:table-row>'
        f"{text_cell('ya')}</table:table-row></table:table>"
    )
    ours = same_as_calamine(write_ods(tmp_path / "apostrof.ods", tables))
    assert ours.rows == {'Desa Ma\'ruf "1"': {1: ["ya"]}}
