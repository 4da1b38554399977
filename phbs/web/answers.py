"""The open questions of a proposed mapping as choices on the page, and the answers given
there applied to the mapping as data (:class:`~phbs.ingest.mapping.FileMap`'s keys).

Each ``TANYA`` that ``phbs map`` writes (:mod:`phbs.ingest.map_text`) is offered with the
choices the mapping model allows: the sheet among the workbook's sheets; the column of a
required field among the columns not used yet; whether an age column counts months (its
header) or years (not read); an answer spelling as ya, tidak or tidak berlaku
(docs/aturan.md §6.5); the area of village names among the areas they were found in, or typed
as its code when they were found in none; the village of every row of a file without a village
column, typed as its code (§9.4); what a blank indicator cell means (§6.3); the field a
file of answers' question asks, or that it asks none (§6.6). A value left empty leaves the
question open.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from phbs.i18n import Lang, t
from phbs.ingest.columns import fold_given_header
from phbs.ingest.mapping import QUESTION, FileMap
from phbs.ingest.proposal import EXPORT, Proposal
from phbs.ingest.settings import BlankMeaning
from phbs.regions import VillageCode, region_table
from phbs.web.decided import field_label, spelling_where

#: The value of the "ages in years" choice: the age column is not read; of the "no form
#: field" choice for a question of a file of answers: its rows are set aside.
YEARS = NOT_ASKED = "-"
_STATES = ("ya", "tidak", "tidak_berlaku", "kosong")
_BLANKS = (BlankMeaning.MISSING.value, BlankMeaning.NA.value, BlankMeaning.NO.value)


@dataclass(frozen=True)
class Option:
    """One choice of a question: the value written into the mapping, and its words."""

    value: str
    label: str


@dataclass(frozen=True)
class Question:
    """One open question: its form field ``name``, what it asks, its kind and subject (the
    field, the spelling, the header), and its choices."""

    name: str
    asked: str
    kind: str
    subject: str
    options: tuple[Option, ...]
    #: Typed, not chosen: the value is checked by :func:`typed_ok` (no ``options``).
    typed: bool = False
    #: The code the question is about, said after it in small text (a field's code).
    code: str = ""


class NotAChoice(ValueError):
    """An answer that is not one of its question's choices."""

    def __init__(self, question: Question, value: str) -> None:
        super().__init__(question.name)
        self.question, self.value = question, value


def _area(code: str, hits: int, total: int) -> str:
    """``63.10.01 Kecamatan Batu Licin (6/6)``: the area, and how many names it has."""
    name = region_table().full_name(code) or ""
    kind = "Kecamatan " if len(code) == 8 else ""
    return f"{code} {kind}{name} ({hits}/{total})"


def typed_ok(kind: str, value: str) -> bool:
    """Whether a typed answer can be written: an area is a kabupaten/kota (``63.10``) or
    kecamatan (``63.10.01``) code of the region table, a village (every row of a file without
    a village column) a village code of the table, dotted or not."""
    if kind == "village":
        code = VillageCode.parse(value)
        return code is not None and region_table().name(code.dotted) is not None
    return len(value) in (5, 8) and region_table().name(value) is not None


def _fields(proposal: Proposal, lang: Lang) -> list[Option]:
    """What a question of a file of answers can ask: the form's indicators and context, each
    with its name, and no field at all."""
    en = lang == "en"
    form = proposal.form
    named = [(i.code, i.name_en if en else i.name) for i in form.indicators]
    named += [(c.code, c.name_en if en else c.name) for c in form.context]
    options = [Option(code, f"{name} ({code})") for code, name in named]
    return [*options, Option(NOT_ASKED, t("web.map.question.none", lang))]


def questions(proposal: Proposal, lang: Lang) -> list[Question]:
    """The questions the proposal's mapping asks, each with its choices."""
    found: list[tuple[str, str, str, list[Option]]] = []
    if proposal.sheet_asked:
        sheets = [Option(name, name) for name in proposal.sheets]
        found.append(("sheet", "", t("web.map.q.sheet", lang), sheets))
        return _numbered(found)
    free = [c for c in proposal.columns if c.field is None and c.why != EXPORT]
    required = proposal.required_fields()
    for code in [code for code in proposal.missing if code in required]:
        options = [Option(c.header, c.header) for c in free]
        if options:  # else no column of the file is left to name
            asked = t("web.map.q.column", lang, field=field_label(proposal.form, code, lang))
            found.append(("column", code, asked, options))
        if code == "kode_desa" and not proposal.names:
            found.append(("village", "", t("web.map.q.village", lang), []))
    if proposal.village_blank and proposal.village is None and not proposal.names:
        found.append(("village", "", t("web.map.q.village_blank", lang), []))
    if proposal.years is not None:
        header = proposal.years.header
        options = [
            Option(header, t("web.map.years.months", lang)),
            Option(YEARS, t("web.map.years.years", lang)),
        ]
        context = proposal.form.context[0].code
        found.append(("years", context, t("web.map.q.years", lang, header=header), options))
    states = [Option(s, t(f"web.map.state.{s}", lang)) for s in _STATES]
    for spelling in proposal.unknown_answers:
        where = spelling_where(proposal, spelling, lang)
        asked = t("web.map.q.answer", lang, spelling=spelling, where=where)
        found.append(("answer", spelling, asked, states))
    if proposal.names and proposal.region is None:
        candidates = proposal.region_candidates
        areas = [Option(code, _area(code, hits, total)) for code, hits, total in candidates]
        asked = "web.map.q.region" if areas else "web.map.q.region_code"
        found.append(("region", "", t(asked, lang), areas))
    fields = _fields(proposal, lang)
    for text in proposal.unknown_questions:
        found.append(("question", text, t("web.map.q.question", lang, question=text), fields))
    if proposal.blank_question:
        blanks = [Option(b, t(f"web.map.blank.{b}", lang)) for b in _BLANKS]
        found.append(("blank", "", t("web.map.q.blank", lang), blanks))
    return _numbered(found)


def _numbered(found: list[tuple[str, str, str, list[Option]]]) -> list[Question]:
    return [
        Question(
            f"q{number}",
            asked,
            kind,
            subject,
            tuple(options),
            typed=not options,
            code=subject if kind == "column" else "",
        )
        for number, (kind, subject, asked, options) in enumerate(found, start=1)
    ]


def _without(headers: list[str], header: str) -> list[str]:
    key = fold_given_header(header)
    return [h for h in headers if fold_given_header(h) != key]


def answered(current: FileMap, asked: list[Question], given: Mapping[str, str]) -> dict[str, Any]:
    """The keys of ``current`` with the answers ``given`` (question name → chosen value;
    empty: still open) written in, as data to check as a mapping.

    Raises :class:`NotAChoice` for a value that is not one of its question's choices.
    """
    data = current.model_dump(by_alias=True)
    columns: dict[str, str] = data["columns"]
    answers: dict[str, list[str]] = data["answers"]
    for question in asked:
        value = given.get(question.name, "").strip()
        if not value:
            continue
        if question.typed and not typed_ok(question.kind, value):
            raise NotAChoice(question, value)
        if not question.typed and value not in {o.value for o in question.options}:
            raise NotAChoice(question, value)
        if question.kind in ("sheet", "region", "blank"):
            data[question.kind] = value
        elif question.kind == "village":
            code = VillageCode.parse(value)
            assert code is not None  # typed_ok
            data["desa"] = code.dotted
        elif question.kind == "column":
            columns[question.subject] = value
            data["ignore"] = _without(data["ignore"], value)
        elif question.kind == "years":
            # The age column stays among those not read when it counts years (§6.5).
            header = question.options[0].value
            data["ignore"] = _without(data["ignore"], header)
            if value == YEARS:
                columns.pop(question.subject, None)
                data["ignore"].append(header)
            else:
                columns[question.subject] = header
        elif question.kind == "question":
            _place(data, question.subject, value)
        else:
            answers[value] = [*answers[value], question.subject]
            answers[QUESTION] = [s for s in answers[QUESTION] if s != question.subject]
    return data


def _place(data: dict[str, Any], text: str, code: str) -> None:
    """A question of a file of answers moved from ``questions: "?"`` to the field it asks,
    or to ``ignore_questions`` (docs/pemetaan.md)."""
    placed: dict[str, list[str]] = data["questions"]
    left = [q for q in placed.get(QUESTION, []) if q != text]
    placed.pop(QUESTION, None)
    if code == NOT_ASKED:
        data["ignore_questions"] = [*data["ignore_questions"], text]
    else:
        placed[code] = [*placed.get(code, []), text]
    if left:
        placed[QUESTION] = left
