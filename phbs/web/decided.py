"""The map page's words for what a proposal names by code: a form field by its label on the
form, an answer spelling by where it was read, and the mapping's settings besides columns
and spellings (sheet, header row, the village names' area, the village of a file without a
village column, ids per village, the file's shape) as plain lines, so a wrong guess is seen
before the mapping is used.

The downloaded ``peta.yaml`` keeps its own words (:mod:`phbs.ingest.map_text`).
"""

from __future__ import annotations

from phbs.forms.model import Form
from phbs.i18n import LABELS, Lang, fmt_int, t
from phbs.ingest.proposal import Proposal
from phbs.regions import region_table

#: Standard fields the report's household list already names (``report.col.*``).
_STANDARD = {"tanggal_survei": "report.col.tanggal"}


def field_label(form: Form, code: str, lang: Lang) -> str:
    """A field's name as the form labels it (indicator, context or identity question), or as
    the household list heads its column; the code itself when it has no name."""
    en = lang == "en"
    named: list[tuple[str, str, str]] = [(i.code, i.name, i.name_en) for i in form.indicators]
    named += [(c.code, c.name, c.name_en) for c in form.context]
    if form.identity is not None:
        named += [(f.code, f.name, f.name_en) for f in form.identity.fields]
    for known, name, name_en in named:
        if known == code:
            return name_en if en else name
    key = _STANDARD.get(code, f"report.col.{code}")
    return t(key, lang) if key in LABELS else code


def spelling_where(proposal: Proposal, spelling: str, lang: Lang) -> str:
    """``12 sel, di kolom Menggunakan jamban sehat, Menggunakan air bersih``: how many cells
    of the proposal's reading hold the answer spelling, and in which columns, most first (at
    most three named, each by its field's name on the form, else by its header)."""
    where = proposal.answer_cells.get(spelling, {})
    headers = sorted(where, key=lambda header: -where[header])
    fields = {c.header: c.field or "" for c in proposal.columns}
    labels = {h: field_label(proposal.form, fields.get(h, ""), lang) for h in headers[:3]}
    names = [h if labels[h] in ("", fields.get(h)) else labels[h] for h in headers[:3]]
    named = ", ".join(names) + (" …" if len(headers) > 3 else "")
    cells = sum(where.values())
    return t("web.map.where", lang, cells=fmt_int(cells, lang), count=cells, columns=named)


def area_name(code: str) -> str:
    """``Kecamatan Batu Licin, Kabupaten Tanah Bumbu`` for a kecamatan, the table's name of a
    kabupaten or kota (it says its kind)."""
    table = region_table()
    name = table.full_name(code) or code
    if len(code) != 8:
        return name
    return f"Kecamatan {name}, {table.full_name(code[:5]) or code[:5]}"


def decisions(proposal: Proposal, lang: Lang) -> list[str]:
    """What the mapping decides besides columns and spellings, one plain line each."""
    said: list[str] = []
    if proposal.sheet is not None:
        said.append(t("web.map.decided.sheet", lang, sheet=proposal.sheet))
    if proposal.sheet_asked:
        return said
    said.append(t("web.map.decided.header_row", lang, row=proposal.header_row))
    if proposal.region is not None:
        area = area_name(proposal.region)
        said.append(t("web.map.decided.region", lang, area=area, code=proposal.region))
    if proposal.village is not None:
        village = region_table().full_name(proposal.village) or proposal.village
        said.append(t("web.map.decided.village", lang, village=village, code=proposal.village))
    if proposal.id_scope == "desa":
        said.append(t("web.map.decided.id_scope", lang))
    rows = proposal.shape_rows if lang == "en" else proposal.shape_rows.replace(".", ",")
    said.append(t(f"web.map.decided.shape.{proposal.shape}", lang, rows=rows or "?"))
    return said
