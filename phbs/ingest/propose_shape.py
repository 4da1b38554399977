"""Whether a file ``phbs map`` looks at has one row per family member or one row per answer
(docs/aturan.md §6.6), and which of its columns say so.

- **one row per answer**: a column whose values are the form's questions (matched as headers
  are: the indicator's code, name or alias), at least three different indicators, and beside
  it a column of answer spellings; they are proposed as ``pertanyaan`` and ``jawaban``;
- **one row per family member**: the household id repeats, on average on 1.5 rows or more
  (a household file has an id once, a few typed twice at most); a member's age in months
  (``Umur (bulan)``) is proposed as ``umur_anggota_bulan``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from phbs.forms.model import Form, fold_answer
from phbs.ingest.columns import fold_header
from phbs.ingest.mapping import QUESTION, FileMap
from phbs.ingest.proposal import GIVEN, Column, Proposal
from phbs.ingest.propose_questions import question_fields

#: Rows per household id from which a file is one of family members.
MEMBER_ROWS = 1.5
#: Share of a column's distinct values that must be answer spellings.
QUESTION_SHARE = 0.5
#: Distinct values of a question column, and of an answer column, at most.
QUESTION_VALUES = 200
ANSWER_VALUES = 12
_MONTHS = re.compile(r"\b(bulan|bln|bl|months?)\b")
_AGE = re.compile(r"\b(umur|usia|age)\b")


def propose_shape(
    proposal: Proposal, form: Form, rows: list[list[str]], usual: dict[str, str]
) -> None:
    """Set ``proposal.shape`` (and the columns that show it) from the file's columns and
    sample rows; ``usual`` are answer spellings common in typed files."""
    free = [c for c in proposal.columns if c.field is None and c.why in ("", "close")]
    asked, fields = _question_column(free, form, rows)
    if asked is not None:
        answers = {fold_answer(s) for s in (*form.answers.ya, *form.answers.tidak)}
        answers |= {fold_answer(s) for s in form.answers.tidak_berlaku} | set(usual)
        # The answers to indicators only: the child's age is answered with numbers.
        indicator_rows = [
            cells
            for cells in rows
            if fields.get(_cell(cells, asked.position), (None, ""))[0] in form.codes
        ]
        candidates = [
            Column(c.position, c.header, _distinct(indicator_rows, c.position))
            for c in free
            if c is not asked
        ]
        chosen = _best(
            [c for c in candidates if len(c.values) <= ANSWER_VALUES],
            lambda v: fold_answer(v) in answers,
        )
        answer = next((c for c in free if chosen and c.position == chosen.position), None)
        if answer is not None:
            _answers_shape(proposal, form, (asked, answer), fields)
            return
    kk = next((c for c in proposal.columns if c.field == "id_rumah_tangga"), None)
    if kk is None:
        return
    ids = Counter(
        cells[kk.position].strip()
        for cells in rows
        if kk.position < len(cells) and cells[kk.position].strip()
    )
    if not ids or sum(ids.values()) / len(ids) < MEMBER_ROWS:
        return
    proposal.shape = "anggota"
    proposal.shape_rows = f"{sum(ids.values()) / len(ids):.1f}"
    context = {c.code for c in form.context}
    for column in proposal.columns:
        folded = fold_header(column.header)
        months = _AGE.search(folded) and _MONTHS.search(folded)
        numbers = [int(v) for v in column.values if v.strip().isdigit()]
        if (
            months
            and (column.field is None or column.field in context)
            and numbers
            and max(numbers) > max(c.maximum for c in form.context)
        ):
            column.field, column.why = "umur_anggota_bulan", "member-age"
            proposal.missing = [c for c in proposal.missing if c not in context]


def _question_column(
    columns: list[Column], form: Form, rows: list[list[str]]
) -> tuple[Column | None, dict[str, tuple[str | None, str]]]:
    """The column of the form's questions: at least three indicators among its distinct
    values, at least half of them the form's (:func:`question_fields`), each asked on two
    rows or more on average (a row-number column ``No`` counts 1, 2, 3 once each)."""
    # The column that asks the most indicators with the fewest distinct values: a column of
    # numbered submissions (SUB-001 …) also reads as numbers, but grows with the households.
    best: tuple[int, int, Column | None, dict[str, tuple[str | None, str]]] = (2, 0, None, {})
    for column in columns:
        values = [v for v in column.values if v.strip()]
        asked = sum(1 for cells in rows if _cell(cells, column.position))
        if not 3 <= len(values) <= QUESTION_VALUES or asked < 2 * len(values):
            continue
        fields = question_fields(values, form)
        indicators = {code for code, _ in fields.values() if code in form.codes}
        told = sum(1 for code, _ in fields.values() if code)
        if told >= len(values) / 2 and (len(indicators), -len(values)) > best[:2]:
            best = (len(indicators), -len(values), column, fields)
    return best[2], best[3]


def _answers_shape(
    proposal: Proposal,
    form: Form,
    columns: tuple[Column, Column],
    fields: dict[str, tuple[str | None, str]],
) -> None:
    """A file of answers: its question and answer columns, and the questions to word."""
    asked, answer = columns
    proposal.shape = "jawaban"
    indicators = {code for code, _ in fields.values() if code in form.codes}
    asked.field, asked.why = "pertanyaan", f"questions:{len(indicators)}"
    answer.field, answer.why = "jawaban", "answers"
    for question, (code, why) in fields.items():
        if code is None:
            proposal.unknown_questions.append(question)
        elif why != "known":
            proposal.worded.setdefault(code, []).append((question, why))
    told = {code for code, _ in fields.values() if code}
    proposal.missing = [c for c in proposal.missing if c not in form.codes and c not in told]
    proposal.indicator_questions = [q for q, (c, _) in fields.items() if c in form.codes]


def given_questions(proposal: Proposal, form: Form, rows: list[list[str]], start: FileMap) -> None:
    """A file of answers proposed again from a mapping: the questions it placed (``questions``,
    ``ignore_questions``) kept as given, the others proposed as the first time."""
    at = next((c.position for c in proposal.columns if c.field == "pertanyaan"), None)
    if at is None:
        return
    fields = question_fields(_distinct(rows, at), form)
    for field, texts in start.questions.items():
        if field != QUESTION:
            fields.update((text, (field, GIVEN)) for text in texts)
    ignored = list(start.ignore_questions)
    for text in ignored:
        fields.pop(text, None)
    proposal.shape, proposal.ignored_questions = "jawaban", ignored
    proposal.worded, proposal.unknown_questions = {}, []
    for question, (code, why) in fields.items():
        if code is None:
            proposal.unknown_questions.append(question)
        elif why != "known":
            proposal.worded.setdefault(code, []).append((question, why))
    proposal.indicator_questions = [q for q, (c, _) in fields.items() if c in form.codes]


def _best(columns: list[Column], fits: Callable[[str], bool]) -> Column | None:
    """The column whose distinct values most often fit, if most of them do."""
    best, share = None, QUESTION_SHARE
    for column in columns:
        values = [v for v in column.values if v.strip()]
        if values:
            found = sum(1 for v in values if fits(v)) / len(values)
            if found >= share:
                best, share = column, found
    return best


def _cell(cells: list[str], position: int) -> str:
    return cells[position].strip() if position < len(cells) else ""


def _distinct(rows: list[list[str]], position: int) -> list[str]:
    return list(dict.fromkeys(_cell(cells, position) for cells in rows))
