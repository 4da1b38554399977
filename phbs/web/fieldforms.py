"""The forms to collect a survey with, written for the page as ``phbs forms`` writes them:
the Excel entry template (``phbs forms template``), the XLSForm for ODK Collect and
KoBoCollect (``phbs forms xlsform``) and the kader's paper form to print (``phbs forms
print``), for a bundled form, with the villages of a kabupaten/kota as choices when given.

Pure Python: nothing of the web stack is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from phbs.errors import SettingsError
from phbs.forms.loading import load_form


@dataclass(frozen=True)
class FieldForm:
    """One kind the page offers: the file it is served as, its media type and the command
    that writes it."""

    file: str
    media_type: str
    command: str


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The kinds, by the name in the page's address.
KINDS: dict[str, FieldForm] = {
    "templat": FieldForm("templat-entri.xlsx", _XLSX, "template"),
    "xlsform": FieldForm("xlsform.xlsx", _XLSX, "xlsform"),
    "kertas": FieldForm("formulir-kertas.html", "text/html; charset=utf-8", "print"),
}


def write_field_form(kind: str, form_name: str, kabupaten: str | None, folder: Path) -> Path:
    """Write the ``kind`` of ``form_name`` (a bundled form) into ``folder`` with the calls
    of ``phbs forms``, their defaults kept; ``kabupaten`` (``PP.KK``) lists its villages as
    choices. Raises :class:`~phbs.errors.SettingsError` for an unknown kind and the
    writers' own errors (an unknown kabupaten code) as the command line does."""
    if kind not in KINDS:
        raise SettingsError(f"formulir '{kind}' tidak dikenal", f"unknown form kind '{kind}'")
    form = load_form(form_name).form
    path = folder / KINDS[kind].file
    if kind == "templat":
        from phbs.reports.fieldforms.entry_template import write_entry_template

        write_entry_template(form, path, kabupaten=kabupaten)
    elif kind == "xlsform":
        from phbs.reports.fieldforms.xlsform import write_xlsform

        write_xlsform(form, path, kabupaten=kabupaten)
    else:
        from phbs.reports.fieldforms.paper_form import write_paper_form

        write_paper_form(form, path, kabupaten=kabupaten)
    return path
