"""A form definition as an XLSForm for ODK Collect / KoBoCollect (docs/aturan.md §10.2): pure rows.

:func:`xlsform_sheets` builds the three sheets ``survey``, ``choices`` and ``settings`` as
rows of text; :func:`phbs.reports.fieldforms.xlsform.write_xlsform` writes them to a workbook. The
survey holds:

- the identity (group ``identitas``): the village code as a constrained text, or, for one
  kabupaten, a cascading select kecamatan → desa from the Kemendagri code table
  (``choice_filter``); then the form's identity questions (:mod:`phbs.forms.identity`: a
  household's id, place and survey fields by default, a school's NPSN and name for
  ``sekolah-8``);
- the context fields (the age of the youngest child, a whole number within its range, blank
  when there is none);
- one ``select_one`` per indicator, in one group per indicator group of the form, with a
  ``relevant`` expression from its applicability rule, so a question that does not apply is
  never asked and arrives **blank** in the export (the reader recomputes applicability from
  the age, docs/aturan.md §2.2). An indicator that the surveyor may mark ``-`` and that no context
  field decides gets a third choice, *Tidak berlaku*.

Question labels are ``"N. name"``, the hint is the question text: a KoBoToolbox export with
label headers then matches the form by name, since a leading item number is ignored.

>>> from phbs.forms.loading import load_form
>>> sheets = xlsform_sheets(load_form("kemenkes-rt-10").form)
>>> sorted(sheets)
['choices', 'settings', 'survey']
>>> [row[1] for row in sheets["survey"][1:] if row[0] == "select_one ya_tidak_tb"][:1]
['buah_sayur']
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from phbs.errors import SettingsError
from phbs.forms.identity import HOUSEHOLD_IDENTITY, Identity
from phbs.forms.model import Form, Indicator
from phbs.regions import region_table

LANG_ID = "Indonesian (id)"
LANG_EN = "English (en)"
SURVEY_COLUMNS = (
    "type",
    "name",
    f"label::{LANG_ID}",
    f"label::{LANG_EN}",
    f"hint::{LANG_ID}",
    f"hint::{LANG_EN}",
    "required",
    "relevant",
    "constraint",
    f"constraint_message::{LANG_ID}",
    f"constraint_message::{LANG_EN}",
    "choice_filter",
    "appearance",
)
CHOICE_COLUMNS = ("list_name", "name", f"label::{LANG_ID}", f"label::{LANG_EN}", "kecamatan")
IDENTITY_GROUP = "identitas"
KECAMATAN_FIELD = "kode_kecamatan"
"""The helper question of the cascading select; readers ignore it (the village code says it)."""

# The village code typed by hand: 10 digits, dots optional, village segment 1/2/3 (aturan.md §9.1).
VILLAGE_CODE_PATTERN = r"^[0-9]{2}\.?[0-9]{2}\.?[0-9]{2}\.?[123][0-9]{3}$"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SLUG = re.compile(r"[^a-z0-9]+")

Row = list[str]


def _row(**cells: str) -> Row:
    """A survey row from keyword cells (``label_id`` → ``label::Indonesian (id)``)."""
    keys = {
        "label_id": f"label::{LANG_ID}",
        "label_en": f"label::{LANG_EN}",
        "hint_id": f"hint::{LANG_ID}",
        "hint_en": f"hint::{LANG_EN}",
        "message_id": f"constraint_message::{LANG_ID}",
        "message_en": f"constraint_message::{LANG_EN}",
    }
    named = {keys.get(k, k): v for k, v in cells.items()}
    return [named.get(column, "") for column in SURVEY_COLUMNS]


def choice_names(form: Form) -> tuple[str, str, str]:
    """The XML values of Ya, Tidak and Tidak berlaku: a spelling of each the form reads.

    ``ya``, ``tidak`` and ``tb`` when the form has them, else its first spelling that is a
    valid XML name.

    >>> from phbs.forms.loading import load_form
    >>> choice_names(load_form("kemenkes-rt-10").form)
    ('ya', 'tidak', 'tb')
    """

    def pick(spellings: Sequence[str], kind: str, preferred: str) -> str:
        usable = [s.casefold() for s in spellings if _NAME.match(s)]
        if preferred in usable:
            return preferred
        if usable:
            return usable[0]
        raise SettingsError(
            f"Formulir {form.id}: tidak ada ejaan {kind} yang dapat menjadi nilai pilihan "
            "XLSForm (huruf, angka, _)",
            f"Form {form.id}: no {kind} spelling usable as an XLSForm choice value "
            "(letters, digits, _)",
        )

    answers = form.answers
    return (
        pick(answers.ya, "ya", "ya"),
        pick(answers.tidak, "tidak", "tidak"),
        pick(answers.tidak_berlaku, "tidak_berlaku", "tb"),
    )


def group_name(label: str | None) -> str:
    """The XML name of an indicator group.

    >>> group_name("KIA dan gizi"), group_name(None)
    ('kia_dan_gizi', 'indikator')
    """
    if not label:
        return "indikator"
    slug = _SLUG.sub("_", label.casefold()).strip("_")
    return slug if slug and not slug[0].isdigit() else f"g_{slug}"


def relevant_expression(indicator: Indicator) -> str:
    """The XLSForm ``relevant`` of an indicator decided by a context field ('' otherwise).

    >>> from phbs.forms.loading import load_form
    >>> relevant_expression(load_form("kemenkes-rt-10").form.indicator("asi_eksklusif"))
    "${umur_anak_termuda_bulan} != '' and ${umur_anak_termuda_bulan} >= 0 and \
${umur_anak_termuda_bulan} <= 6"
    """
    rule = indicator.applies_to
    if rule.context is None:
        return ""
    ref = "${" + rule.context + "}"
    parts = [f"{ref} != ''"]
    if rule.minimum is not None:
        parts.append(f"{ref} >= {rule.minimum}")
    if rule.maximum is not None:
        parts.append(f"{ref} <= {rule.maximum}")
    return " and ".join(parts)


def xlsform_sheets(
    form: Form,
    *,
    kabupaten: str | None = None,
    form_id: str | None = None,
    version: str | None = None,
) -> dict[str, list[Row]]:
    """The XLSForm of ``form`` as sheets of text rows (first row = column names).

    ``kabupaten`` (dotted, e.g. ``"63.10"``) replaces the typed village code with a cascading
    select kecamatan → desa of that regency. ``form_id`` and ``version`` replace the ones
    derived (:func:`xlsform_id`, :func:`xlsform_version`; docs/aturan.md §10.2). Raises
    :class:`~phbs.errors.SettingsError` for an unknown regency code or a ``form_id`` that is
    not an XML name.
    """
    ya, tidak, tb = choice_names(form)
    survey: list[Row] = [list(SURVEY_COLUMNS)]
    choices: list[Row] = [list(CHOICE_COLUMNS)]
    survey += [_row(type="start", name="start"), _row(type="end", name="end")]
    survey += _identity_rows(form.identity or HOUSEHOLD_IDENTITY, kabupaten, choices)
    for ctx in (c for c in form.context if c.on_phone):
        survey.append(
            _row(
                type="integer",
                name=ctx.code,
                label_id=ctx.name,
                label_en=ctx.name_en,
                hint_id=f"Kosongkan bila {ctx.blank_meaning}.",
                hint_en=f"Leave blank if {ctx.blank_meaning_en}.",
                constraint=f". >= {ctx.minimum} and . <= {ctx.maximum}",
                message_id=f"Bilangan bulat {ctx.minimum}–{ctx.maximum}",
                message_en=f"A whole number {ctx.minimum}–{ctx.maximum}",
            )
        )
    survey.append(_row(type="end group", name=IDENTITY_GROUP))
    # A context field the form does not ask on the phone (``on_phone: false``) decides
    # nothing there: its indicators are asked of everyone, with 'Tidak berlaku' when '-' is
    # allowed, as a paper survey without that column is read (docs/aturan.md §10.2).
    asked = {c.code for c in form.context if c.on_phone}
    current: str | None = None
    for indicator in form.indicators:
        group = group_name(indicator.group)
        if group != current:
            if current is not None:
                survey.append(_row(type="end group", name=current))
            label = indicator.group or "Indikator"
            label_en = indicator.group_en or indicator.group or "Indicators"
            survey.append(_row(type="begin group", name=group, label_id=label, label_en=label_en))
            current = group
        decided = indicator.applies_to.context in asked
        three = indicator.na_mark_allowed and not decided
        survey.append(
            _row(
                type="select_one ya_tidak_tb" if three else "select_one ya_tidak",
                name=indicator.code,
                label_id=f"{indicator.number}. {indicator.name}",
                label_en=f"{indicator.number}. {indicator.name_en}",
                hint_id=indicator.question,
                hint_en=indicator.question_en,
                required="yes",
                relevant=relevant_expression(indicator) if decided else "",
            )
        )
    survey.append(_row(type="end group", name=current or "indikator"))
    for list_name, options in (
        ("ya_tidak", ((ya, "Ya", "Yes"), (tidak, "Tidak", "No"))),
        (
            "ya_tidak_tb",
            ((ya, "Ya", "Yes"), (tidak, "Tidak", "No"), (tb, "Tidak berlaku", "Not applicable")),
        ),
    ):
        choices += [[list_name, name, label, label_en, ""] for name, label, label_en in options]
    settings: list[Row] = [
        ["form_title", "form_id", "version", "default_language", "instance_name"],
        [
            form.title if kabupaten is None else f"{form.title} — {kabupaten}",
            _checked_id(form_id) if form_id else xlsform_id(form, kabupaten),
            version or xlsform_version(form, survey, choices),
            LANG_ID,
            "concat(${kode_desa}, ' / ', ${id_rumah_tangga})",
        ],
    ]
    return {"survey": survey, "choices": choices, "settings": settings}


def xlsform_id(form: Form, kabupaten: str | None = None) -> str:
    """The ``form_id`` of a form's XLSForm: the form's id, and the regency of a cascading
    village select, so that ODK Central tells the variants apart.

    >>> from phbs.forms.loading import load_form
    >>> form = load_form("kemenkes-rt-10").form
    >>> xlsform_id(form), xlsform_id(form, "63.10")
    ('kemenkes_rt_10', 'kemenkes_rt_10_6310')
    """
    base = _SLUG.sub("_", form.id.casefold()).strip("_") or "formulir"
    if not base[0].isalpha():
        base = f"f_{base}"
    return base if kabupaten is None else f"{base}_{kabupaten.replace('.', '')}"


def xlsform_version(form: Form, survey: Sequence[Row], choices: Sequence[Row]) -> str:
    """The ``version`` of an XLSForm: the form's version and the first 10 hex digits of the
    SHA-256 of its questions and choices, so a changed form (or region table, or scope) gets
    a new version that ODK Central accepts, and the same form the same one.

    >>> from phbs.forms.loading import load_form
    >>> xlsform_version(load_form("kemenkes-rt-10").form, [["a"]], [["b"]])
    '2011-f88c8f9c8e'
    """
    digest = hashlib.sha256()
    for row in [*survey, ["\x1e"], *choices]:
        digest.update("\x1f".join(row).encode("utf-8"))
        digest.update(b"\x1e")
    return f"{form.version}-{digest.hexdigest()[:10]}"


_FORM_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def _checked_id(form_id: str) -> str:
    if not _FORM_ID.match(form_id):
        raise SettingsError(
            f"--form-id {form_id!r}: harus diawali huruf atau _, lalu huruf, angka, _, . atau -",
            f"--form-id {form_id!r}: must start with a letter or _, then letters, digits, _, . "
            "or -",
        )
    return form_id


def _identity_rows(identity: Identity, kabupaten: str | None, choices: list[Row]) -> list[Row]:
    rows = [
        _row(
            type="begin group",
            name=IDENTITY_GROUP,
            label_id=identity.title,
            label_en=identity.title_en,
        )
    ]
    if kabupaten is None:
        rows.append(
            _row(
                type="text",
                name="kode_desa",
                label_id="Kode desa",
                label_en="Village code",
                hint_id="Kode Kemendagri 10 angka, mis. 63.10.01.2005",
                hint_en="Kemendagri 10-digit code, e.g. 63.10.01.2005",
                required="yes",
                constraint=f"regex(., '{VILLAGE_CODE_PATTERN}')",
                message_id="Kode desa: PP.KK.CC.DDDD (10 angka)",
                message_en="Village code: PP.KK.CC.DDDD (10 digits)",
            )
        )
    else:
        rows += _village_select(kabupaten, choices)
    rows += [
        _row(
            type=field.type,
            name=field.code,
            label_id=field.name,
            label_en=field.name_en,
            required="yes" if field.required else "",
        )
        for field in identity.fields
    ]
    return rows


def _village_select(kabupaten: str, choices: list[Row]) -> list[Row]:
    table = region_table()
    villages = table.villages_in(kabupaten)
    if len(kabupaten) != 5 or not villages:
        raise SettingsError(
            f"--kabupaten {kabupaten}: bukan kode kabupaten/kota (PP.KK) di tabel kode wilayah",
            f"--kabupaten {kabupaten}: not a regency/city code (PP.KK) in the region table",
        )
    kecamatan = sorted({code[:8] for code in villages})
    for code in kecamatan:
        name = table.name(code) or code
        choices.append(["kecamatan", code, name, name, ""])
    for code in villages:
        name = table.full_name(code) or code
        choices.append(["desa", code, name, name, code[:8]])
    return [
        _row(
            type="select_one kecamatan",
            name=KECAMATAN_FIELD,
            label_id="Kecamatan",
            label_en="District (kecamatan)",
            required="yes",
        ),
        _row(
            type="select_one desa",
            name="kode_desa",
            label_id="Desa/kelurahan",
            label_en="Village",
            required="yes",
            choice_filter="kecamatan=${" + KECAMATAN_FIELD + "}",
        ),
    ]


def question_paths(survey: Sequence[Row], separator: str = "/") -> dict[str, str]:
    """Each question's name → its path through the groups (``identitas/kode_desa``).

    >>> from phbs.forms.loading import load_form
    >>> paths = question_paths(xlsform_sheets(load_form("kemenkes-rt-10").form)["survey"])
    >>> paths["air_bersih"], paths["start"]
    ('kesehatan_lingkungan/air_bersih', 'start')
    """
    groups: list[str] = []
    paths: dict[str, str] = {}
    for row in survey[1:]:
        kind, name = row[0], row[1]
        if kind == "begin group":
            groups.append(name)
        elif kind == "end group":
            groups.pop()
        else:
            paths[name] = separator.join([*groups, name])
    return paths
