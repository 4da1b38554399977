"""The text of a proposed mapping file: YAML with a comment on every line a person checks.

Strings are written as double-quoted YAML scalars (JSON's spelling, which YAML reads the
same), so any header (``No. KK``, ``#``, ``1``) stays text. Values of personal columns
(the head's name, a KK number) are not copied into comments: a mapping is shared for help.
"""

from __future__ import annotations

import difflib
import json
import re
import shlex

from phbs.forms.model import Form
from phbs.i18n import Lang, t
from phbs.ingest.columns import PERSONAL_FIELDS, fold_header
from phbs.ingest.map_words import TEXT, WHY
from phbs.ingest.mapping import QUESTION
from phbs.ingest.proposal import EXPORT, KECAMATAN, Column, Proposal
from phbs.ingest.propose import SHOWN_VALUES
from phbs.ingest.values import is_card_number, is_scientific
from phbs.regions import VillageCode, region_table

#: Digits from which a value is taken for an identifier, not shown in a mapping.
LONG_NUMBER = 10
#: A date or a time (``2025-08-11 08:30:00``): digits, but no identifier.
_DATE_TIME = re.compile(r"\d[-/.]\d{1,2}[-/.]\d|\d:\d\d")
_VILLAGE_CODE = re.compile(r"\d{2}\.?\d{2}\.?\d{2}\.?\d{4}")


def _say(key: str, lang: Lang, **values: object) -> str:
    text = TEXT[key][lang == "en"]
    return text.format(**values) if values else text


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _listed(items: list[str]) -> str:
    return "[" + ", ".join(_quoted(i) for i in items) + "]"


def _why(column: Column, lang: Lang) -> str:
    """Why a column was proposed, in words."""
    return reason(column.why, lang)


def reason(why: str, lang: Lang) -> str:
    """A proposal's reason (``Column.why``) in words."""
    key, *values = why.split(":")
    if key not in WHY:
        return why
    return WHY[key][lang == "en"].format(*values)


def _sample(column: Column, lang: Lang) -> str:
    if any(is_scientific(v) for v in column.values[:50] if v):
        return _say("scientific", lang)
    filled = [v for v in column.values[:50] if v]
    codes = column.field == "kode_desa" and column.why != "names"
    if codes and filled and not any(VillageCode.parse(v) for v in filled):
        return _say("not_codes", lang) + " · " + ", ".join(filled[:SHOWN_VALUES])
    if column.field in PERSONAL_FIELDS or any(is_card_number(v) for v in column.values[:50]):
        return _say("personal", lang)
    # A long number (an identity, an employee number, a telephone) is not copied; a village
    # code is.
    filled = [
        v
        for v in column.values
        if v
        and (
            sum(c.isdigit() for c in v) < LONG_NUMBER
            or _VILLAGE_CODE.fullmatch(v)
            or _DATE_TIME.search(v)
        )
    ]
    shown = filled[:SHOWN_VALUES]
    if not shown:
        return _say("long_numbers" if any(column.values) else "empty", lang)
    more = " …" if len(filled) > SHOWN_VALUES else ""
    return ", ".join(shown) + more


def _runs(rows: list[int]) -> list[str]:
    """Row numbers, three or more in a row written as a range: ``[6, "120-127"]``.

    >>> _runs([6, 120, 121, 122, 123])
    ['6', '"120-123"']
    """
    found: list[str] = []
    start = 0
    ordered = sorted(rows)
    for i in range(1, len(ordered) + 1):
        if i == len(ordered) or ordered[i] != ordered[i - 1] + 1:
            run = ordered[start:i]
            if len(run) >= 3:
                found.append(f'"{run[0]}-{run[-1]}"')
            else:
                found += [str(r) for r in run]
            start = i
    return found


def _area(code: str) -> str:
    """``Kecamatan Batu Licin``, ``Kabupaten Tanah Bumbu`` (the table's name says its kind
    for a kabupaten or kota)."""
    name = region_table().full_name(code) or code
    return f"Kecamatan {name}" if len(code) == 8 else name


def _choices(code: str, free: list[Column]) -> str:
    """The columns not used yet that could hold ``code``, likeliest first (at most 5)."""
    plain = [c for c in free if c.why != EXPORT]
    plain.sort(
        key=lambda c: (
            -difflib.SequenceMatcher(None, fold_header(c.header), fold_header(code)).ratio()
        )
    )
    shown = ", ".join(_quoted(c.header) for c in plain[:5])
    return (shown + (" …" if len(plain) > 5 else "")) or "–"


def map_text(proposal: Proposal, command: str, lang: Lang = "id") -> str:
    """The mapping file's text; ``command`` is the one to run once it is checked."""
    form: Form = proposal.form
    lines = [
        f"# {_say('head', lang, file=proposal.file)}",
        f"# {_say('check', lang)}",
        f"#   {command}",
        "phbs_map: 1",
        f"form: {_quoted(form.id)}",
    ]
    if proposal.sheets:
        if proposal.sheet is None:
            hidden = set(proposal.hidden)
            listed = ", ".join(
                f"'{n}'" + (_say("hidden", lang) if n in hidden else "") for n in proposal.sheets
            )
            lines.append(f"# {_say('sheet_q', lang, sheets=listed)}")
            lines.append(f"sheet: {_quoted(QUESTION)}")
            # The rest depends on the sheet: proposed once it is chosen.
            again = (
                command.replace("phbs score", "phbs map", 1)
                + " -o "
                + command.rsplit(maxsplit=1)[-1]
            )
            lines.append(f"# {_say('sheet_then', lang, command=again)}")
            return "\n".join(lines) + "\n"
        lines.append(f"sheet: {_quoted(proposal.sheet)}  # {_say('sheet', lang)}")
    lines.append(f"header_row: {proposal.header_row}  # {_say('header_row', lang)}")
    if proposal.skip_rows:
        rows = ", ".join(_runs(proposal.skip_rows))
        lines.append(f"skip_rows: [{rows}]  # {_say('skip_rows', lang)}")
    if proposal.id_scope:
        lines.append(f"id_scope: {_quoted(proposal.id_scope)}  # {_say('id_scope', lang)}")
    if proposal.village:
        name = region_table().full_name(proposal.village) or ""
        note = f"{name}: {_say('village', lang)}" if name else _say("village", lang)
        lines.append(f"desa: {_quoted(proposal.village)}  # {note}")
    if proposal.shape != "rumah_tangga":
        rows = proposal.shape_rows if lang == "en" else proposal.shape_rows.replace(".", ",")
        note = _say(f"shape_{proposal.shape}", lang, rows=rows or "?")
        lines.append(f"shape: {_quoted(proposal.shape)}  # {note}")
    lines += ["", f"# {_say('columns', lang)}", "columns:"]
    for column in proposal.mapped():
        note = " · ".join(part for part in (_why(column, lang), _sample(column, lang)) if part)
        lines.append(f"  {column.field}: {_quoted(column.header)}  # {note}")
    for code, header in proposal.denominators.items():
        lines.append(f"  {code}: {_quoted(header)}  # {_say('denominator', lang)}")
    free = [c for c in proposal.columns if c.field is None]
    required = proposal.required_fields()
    for code in [code for code in proposal.missing if code in required]:
        lines.append(f"  # {_say('missing_q', lang, field=code, free=_choices(code, free))}")
        lines.append(f"  {code}: {_quoted(QUESTION)}")
    optional = [code for code in proposal.missing if code not in required]
    if proposal.years is not None:
        optional = [code for code in optional if code != form.context[0].code]
    years = proposal.years
    if years is not None:
        context = form.context[0].code
        lines.append(f"  # {_say('years_q', lang, header=years.header)}")
        lines.append(f"  {context}: {_quoted(QUESTION)}")
    if optional:
        lines.append(f"  # {_say('optional', lang, fields=', '.join(optional))}")
    kecamatan = [c for c in free if c.why == KECAMATAN]
    for column in kecamatan:
        lines.append(f"  # {_say('kecamatan', lang, header=column.header)}")
    free = [c for c in free if c.why != KECAMATAN]
    if free:
        lines += ["", f"# {_say('ignore', lang)}", "ignore:"]
        for column in free:
            why = f" · {_why(column, lang)}" if column.why else ""
            lines.append(f"  - {_quoted(column.header)}  # {_sample(column, lang)}{why}")
    lines += _question_lines(proposal, lang)
    lines += _answer_lines(proposal, lang)
    if proposal.names:
        lines.append("")
        if proposal.region is None:
            found = "; ".join(
                f"{code} {_area(code)} ({hits}/{total})"
                for code, hits, total in proposal.region_candidates
            )
            lines += [f"# {_say('region_q', lang)}"]
            if found:
                lines.append(f"# {_say('region_found', lang, areas=found)}")
            lines.append(f"region: {_quoted(QUESTION)}")
        else:
            note = f"{_area(proposal.region)}: {_say('region', lang)}"
            lines.append(f"region: {_quoted(proposal.region)}  # {note}")
    if ("kode_desa" in proposal.missing or proposal.village_blank) and not proposal.names:
        lines += ["", f"# {_say('village_q', lang)}", f"# desa: {_quoted('PP.KK.CC.DDDD')}"]
    if proposal.blank_question:
        asked = "blank_check" if proposal.check_marks else "blank_q"
        lines += ["", f"# {_say(asked, lang)}", f"blank: {_quoted(QUESTION)}"]
    elif proposal.blank is not None:
        lines += ["", f"blank: {_quoted(proposal.blank)}"]
    return "\n".join(lines) + "\n"


def _answer_lines(proposal: Proposal, lang: Lang) -> list[str]:
    lines: list[str] = []
    if proposal.rare_count:
        lines += ["", f"# {_say('rare', lang, count=proposal.rare_count)}"]
    given = proposal.given_answers
    if proposal.answers or proposal.unknown_answers or any(given.values()):
        lines += ["", f"# {_say('answers', lang, form=proposal.form.id)}", "answers:"]
        for state in ("ya", "tidak", "tidak_berlaku", "kosong"):
            mine, usual = given.get(state, []), proposal.answers.get(state, [])
            if mine or usual:
                note = f"  # {_say('usual', lang)}" if usual else ""
                lines.append(f"  {state}: {_listed([*mine, *usual])}{note}")
        if proposal.unknown_answers:
            lines.append(f"  # {_say('answers_q', lang)}")
            lines.append(f"  {_quoted(QUESTION)}: {_listed(proposal.unknown_answers)}")
    return lines


def _question_lines(proposal: Proposal, lang: Lang) -> list[str]:
    """A file of answers: its questions worded its own way, and those to place."""
    ignored = proposal.ignored_questions
    if not proposal.worded and not proposal.unknown_questions and not ignored:
        return []
    lines = ["", f"# {_say('questions', lang)}", "questions:"]
    for code, worded in proposal.worded.items():
        notes = "; ".join(dict.fromkeys(reason(why, lang) for _, why in worded))
        listed = _listed([q for q, _ in worded])
        lines.append(f"  {code}: {listed}  # {notes} · {_say('check_it', lang)}")
    if proposal.unknown_questions:
        lines.append(f"  # {_say('questions_q', lang)}")
        lines.append(f"  {_quoted(QUESTION)}: {_listed(proposal.unknown_questions)}")
    if proposal.unknown_questions or ignored:
        lines.append(f"ignore_questions: {_listed(ignored)}  # {_say('ignore_questions', lang)}")
    return lines


def score_command(file: str, output: str) -> str:
    """The command that reads ``file`` with the mapping ``output`` once it is checked."""
    return " ".join(["phbs score", shlex.quote(file), "--map", shlex.quote(output)])


def map_said(proposal: Proposal, file: str, output: str, lang: Lang) -> list[str]:
    """What ``phbs map`` says once it has written ``output`` for ``file``: how much it
    mapped, the questions left, and what to run next."""
    if proposal.sheet_asked:
        said = [t("map.written_sheet", lang, path=output)]
    else:
        mapped, columns = len(proposal.mapped()), len(proposal.columns)
        said = [t("map.written", lang, path=output, mapped=mapped, columns=columns)]
    if proposal.questions:
        said.append(t("map.questions", lang, count=proposal.questions, path=output))
    elif not proposal.needed:
        plain = " ".join(["phbs score", shlex.quote(file)])
        said.append(t("map.not_needed", lang, command=plain))
    said.append(t("map.next", lang, command=score_command(file, output)))
    return said
