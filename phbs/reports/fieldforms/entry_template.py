"""An Excel sheet for typing paper forms: the columns ``phbs score`` reads, with dropdowns.

The workbook's **first** sheet, ``Data``, is the one read (``phbs score entri.xlsx`` needs no
``--sheet``): row 1 holds the column codes, frozen; each indicator cell offers Ya / Tidak (and
``-`` where the form allows the mark); the age of the youngest child accepts whole numbers in
its range; for a chosen kabupaten the village code is a list taken from a hidden sheet of the
Kemendagri code table (docs/aturan.md §9.2). ``Petunjuk`` explains the sheet in Indonesian.
Strings are written as strings (docs/aturan.md §10.6, XlsxWriter).

>>> import tempfile, pathlib
>>> from phbs.forms.loading import load_form
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder) / "entri.xlsx"
...     write_entry_template(load_form("kemenkes-rt-10").form, path, kabupaten="63.10").exists()
True
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

from phbs.errors import SettingsError
from phbs.forms.model import Form
from phbs.outputs import atomic_path
from phbs.regions import region_table
from phbs.reports.excel.files import xlsx_workbook
from phbs.reports.excel.printing import ROW_POINTS, apply_plan, plan_print, wrapped_lines

DATA_SHEET = "Data"
#: Characters of a line of the help sheet (the longer lines wrap): its one column fits a
#: portrait page (LibreOffice does not shrink a single column wider than the page).
_HELP_WIDTH = 70
HELP_SHEET = "Petunjuk"
# Survey dates before 2000 are typing errors (as in phbs.ingest.values).
_FIRST_DATE = dt.datetime(2000, 1, 1)
VILLAGE_SHEET = "daftar_desa"
IDENTITY_COLUMNS = (
    ("id_rumah_tangga", "ID rumah tangga (unik dalam satu putaran survei)"),
    ("kode_desa", "Kode desa Kemendagri, mis. 63.10.01.2005"),
    ("dusun", "Dusun / lingkungan"),
    ("rw", "RW"),
    ("rt", "RT"),
    ("tanggal_survei", "Tanggal survei (dd/mm/yyyy)"),
    ("petugas", "Nama kader / petugas"),
    ("nama_kepala_rt", "Nama kepala rumah tangga (data pribadi)"),
)


def template_columns(form: Form) -> list[tuple[str, str]]:
    """Column code and its note, in sheet order.

    >>> from phbs.forms.loading import load_form
    >>> [c for c, _ in template_columns(load_form("kemenkes-rt-10").form)][8:10]
    ['umur_anak_termuda_bulan', 'persalinan_nakes']
    """
    columns = list(IDENTITY_COLUMNS)
    for ctx in form.context:
        columns.append((ctx.code, f"{ctx.name}; kosongkan bila {ctx.blank_meaning}"))
    for ind in form.indicators:
        columns.append((ind.code, f"{ind.number}. {ind.name} — {ind.applies_to.description}"))
    return columns


def write_entry_template(
    form: Form, path: str | Path, *, kabupaten: str | None = None, rows: int = 1000
) -> Path:
    """Write the data-entry workbook for ``form`` with ``rows`` prepared rows."""
    villages = _villages(kabupaten)
    columns = template_columns(form)
    target = Path(path)
    options = {"strings_to_formulas": False, "strings_to_numbers": False}
    with atomic_path(target) as temporary, xlsx_workbook(temporary, options) as book:
        header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        text = book.add_format({"num_format": "@"})
        date = book.add_format({"num_format": "dd/mm/yyyy"})
        sheet = book.add_worksheet(DATA_SHEET)
        help_sheet = book.add_worksheet(HELP_SHEET)
        last = rows  # zero-based index of the last prepared row
        for col, (code, note) in enumerate(columns):
            sheet.write_string(0, col, code, header)
            sheet.write_comment(0, col, note, {"x_scale": 2})
            width = max(len(code) + 2, 10)
            if code == "tanggal_survei":
                sheet.set_column(col, col, width, date)
                sheet.data_validation(
                    1, col, last, col, {"validate": "date", "criteria": ">=", "value": _FIRST_DATE}
                )
            elif code in ("id_rumah_tangga", "kode_desa", "dusun", "rw", "rt"):
                sheet.set_column(col, col, width, text)
            else:
                sheet.set_column(col, col, width)
        _validations(sheet, form, columns, last, villages)
        sheet.freeze_panes(1, 2)
        sheet.autofilter(0, 0, 0, len(columns) - 1)
        # Printed (to check what was typed): one page wide, the codes on every page.
        widths = [max(len(code) + 2, 10) for code, _ in columns]
        apply_plan(sheet, plan_print(widths), title=form.title, lang="id", repeat_rows=(0, 0))
        sheet.hide_gridlines(0)
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        _help(help_sheet, form, kabupaten, villages, wrap)
        if villages:
            _village_sheet(book, villages)
        book.close()
    return target


def _villages(kabupaten: str | None) -> list[str]:
    if kabupaten is None:
        return []
    villages = region_table().villages_in(kabupaten)
    if len(kabupaten) != 5 or not villages:
        raise SettingsError(
            f"--kabupaten {kabupaten}: bukan kode kabupaten/kota (PP.KK) di tabel kode wilayah",
            f"--kabupaten {kabupaten}: not a regency/city code (PP.KK) in the region table",
        )
    return villages


def _validations(
    sheet: xlsxwriter.worksheet.Worksheet,
    form: Form,
    columns: list[tuple[str, str]],
    last: int,
    villages: list[str],
) -> None:
    position = {code: col for col, (code, _) in enumerate(columns)}
    for ind in form.indicators:
        col = position[ind.code]
        choices = ["Ya", "Tidak", "-"] if ind.na_mark_allowed else ["Ya", "Tidak"]
        sheet.data_validation(
            1,
            col,
            last,
            col,
            {
                "validate": "list",
                "source": choices,
                "input_title": f"{ind.number}. {ind.name}"[:32],
                "input_message": ind.applies_to.description[:255],
                "error_title": "Jawaban tidak sah",
                "error_message": "Pilih " + " / ".join(choices),
            },
        )
    for ctx in form.context:
        col = position[ctx.code]
        sheet.data_validation(
            1,
            col,
            last,
            col,
            {
                "validate": "integer",
                "criteria": "between",
                "minimum": ctx.minimum,
                "maximum": ctx.maximum,
                "input_title": ctx.name[:32],
                "input_message": f"{ctx.minimum}–{ctx.maximum}; kosongkan bila {ctx.blank_meaning}",
                "error_message": f"Bilangan bulat {ctx.minimum}–{ctx.maximum}",
            },
        )
    if villages:
        col = position["kode_desa"]
        sheet.data_validation(
            1,
            col,
            last,
            col,
            {
                "validate": "list",
                "source": f"={VILLAGE_SHEET}!$A$2:$A${len(villages) + 1}",
                "error_message": f"Kode desa dari daftar (lembar {VILLAGE_SHEET})",
            },
        )


def _village_sheet(book: xlsxwriter.Workbook, villages: list[str]) -> None:
    table = region_table()
    sheet = book.add_worksheet(VILLAGE_SHEET)
    for col, title in enumerate(("kode_desa", "nama_desa", "kecamatan")):
        sheet.write_string(0, col, title)
    for row, code in enumerate(villages, start=1):
        sheet.write_string(row, 0, code)
        sheet.write_string(row, 1, table.full_name(code) or "")
        sheet.write_string(row, 2, table.name(code[:8]) or "")
    sheet.set_column(0, 2, 24)
    sheet.hide()


def _help(
    sheet: xlsxwriter.worksheet.Worksheet,
    form: Form,
    kabupaten: str | None,
    villages: list[str],
    wrap: xlsxwriter.format.Format,
) -> None:
    lines = [
        f"Lembar isian: {form.title} (formulir {form.id}, versi {form.version})",
        "",
        f"1. Ketik satu rumah tangga per baris di lembar '{DATA_SHEET}'. Jangan ubah baris "
        "judul (baris 1) dan jangan pindahkan lembar itu: phbs membaca lembar pertama.",
        "2. Jawaban indikator: Ya, Tidak, atau '-' (tidak berlaku) bila formulir kertas "
        "memberi tanda '-'. Sel kosong berarti belum diisi.",
        "3. Umur anak termuda dalam bulan (0–59); kosongkan bila tidak ada balita. Umur ini "
        "menentukan indikator KIA yang berlaku, jadi isian indikator itu boleh kosong bila "
        "tidak berlaku.",
        "4. Kode desa: kode Kemendagri 10 angka (PP.KK.CC.DDDD)"
        + (
            f", pilih dari daftar kabupaten {kabupaten} ({len(villages)} desa)."
            if kabupaten
            else "."
        ),
        "5. Simpan sebagai .xlsx, lalu: phbs validate entri.xlsx dan phbs score entri.xlsx",
        "",
        "Indikator:",
        *(
            f"  {i.number}. {i.code} — {i.name} ({i.applies_to.description}; "
            f"'-' {'boleh' if i.na_mark_allowed else 'tidak boleh'})"
            for i in form.indicators
        ),
        "",
        "English: type one household per row on the first sheet; answers Ya (yes), Tidak (no) "
        "or '-' (not applicable); leave the age blank when there is no child under five.",
    ]
    for row, line in enumerate(lines):
        count = wrapped_lines(line, _HELP_WIDTH)
        if count > 1:
            sheet.set_row(row, ROW_POINTS * count)
        sheet.write_string(row, 0, line, wrap)
    sheet.set_column(0, 0, _HELP_WIDTH + 2)
    # One page wide (portrait), the long lines wrapped in their column.
    apply_plan(sheet, plan_print([_HELP_WIDTH + 2]), title=form.title, lang="id")
