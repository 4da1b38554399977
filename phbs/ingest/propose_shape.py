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
from phbs.ingest.columns import alias_map, fold_header, lookup_header
from phbs.ingest.proposal import Column, Proposal

#: Rows per household id from which a file is one of family members.
MEMBER_ROWS = 1.5
#: Share of a column's distinct values that must be the form's questions, or answers.
QUESTION_SHARE = 0.8
_MONTHS = re.compile(r"\b(bulan|bln|bl|months?)\b")
_AGE = re.compile(r"\b(umur|usia|age)\b")


def propose_shape(
    proposal: Proposal, form: Form, rows: list[list[str]], usual: dict[str, str]
) -> None:
    """Set ``proposal.shape`` (and the columns that show it) from the file's columns and
    sample rows; ``usual`` are answer spellings common in typed files."""
    free = [c for c in proposal.columns if c.field is None and not c.why]
    asked = _question_column(free, form)
    if asked is not None:
        answers = {fold_answer(s) for s in (*form.answers.ya, *form.answers.tidak)}
        answers |= {fold_answer(s) for s in form.answers.tidak_berlaku} | set(usual)
        answer = _best(
            [c for c in free if c is not asked],
            lambda v: fold_answer(v) in answers,
        )
        if answer is not None:
            proposal.shape = "jawaban"
            asked.field, asked.why = "pertanyaan", f"questions:{_questions(asked, form)}"
            answer.field, answer.why = "jawaban", "answers"
            proposal.missing = [c for c in proposal.missing if c not in form.codes]
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


def _question_column(columns: list[Column], form: Form) -> Column | None:
    aliases = alias_map(form)
    for column in columns:
        values = [v for v in column.values if v.strip()]
        codes = [lookup_header(v, aliases) for v in values]
        indicators = {c for c in codes if c in form.codes}
        matched = sum(1 for c in codes if c in form.codes)
        if len(indicators) >= 3 and matched >= QUESTION_SHARE * len(values):
            return column
    return None


def _questions(column: Column, form: Form) -> int:
    aliases = alias_map(form)
    return len({lookup_header(v, aliases) for v in column.values} & set(form.codes))


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
