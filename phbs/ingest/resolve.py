"""Resolving a row's context and answer cells to states and issues (docs/aturan.md §2).

Survey rows repeat a small number of cell patterns (a few answer spellings, a few dozen
ages), so the work is done once per distinct pattern of raw cells and looked up after that:
a :class:`CellResolver` is built for one file's columns and caches, per pattern, the
context values, the answer states, the issues the cells raise (without file and row, which
are filled in for each row) and the cells' part of the duplicate fingerprint. The cache is
bounded; past its size, patterns are resolved without being stored, with the same result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from phbs.forms.model import ContextField, Form, Indicator, fold_answer
from phbs.ingest.answers import BARE_N, AnswerTable
from phbs.ingest.columns import ColumnMap
from phbs.ingest.values import parse_whole_number
from phbs.issues import Issue, make_issue
from phbs.states import MISSING, NA, NO, YES

#: How database exports write an empty value as text (folded): read as a blank cell.
NULL_MARKS = frozenset({"null", "\\n", "none", "nan", "<null>"})

#: Distinct cell patterns remembered per file (each a few hundred bytes).
PATTERN_CACHE_SIZE = 65_536


class Unknown:
    """A context value that could not be read: applicability falls back to '-' marks."""


UNKNOWN = Unknown()


@dataclass(frozen=True)
class IssueSpec:
    """An issue raised by a cell, waiting for its file and row."""

    code: str
    column: str
    value: str = ""
    params: Mapping[str, object] | None = None

    def issue(self, file: str, row: int) -> Issue:
        """The issue record at ``file``, ``row``."""
        return make_issue(
            self.code,
            file=file,
            row=row,
            column=self.column,
            value=self.value,
            **(self.params or {}),
        )


@dataclass(frozen=True)
class ResolvedCells:
    """What one pattern of context and answer cells means."""

    context: tuple[int | None, ...]  # one per form context field, as households keep them
    states: bytes  # one int8 state per indicator
    issues: tuple[IssueSpec, ...]
    fingerprint: tuple[str, ...]  # context fields, then indicators, in form order


class CellResolver:
    """Context and answer cells of one file's rows, resolved once per distinct pattern."""

    def __init__(self, form: Form, columns: ColumnMap, answers: AnswerTable) -> None:
        self.form = form
        self.columns = columns
        self.answers = answers
        self.not_applicable = frozenset(fold_answer(a) for a in form.answers.tidak_berlaku)
        codes = [c.code for c in form.context] + list(form.codes)
        positions = [columns.index[c] for c in codes if c in columns.index]
        self._key: Callable[[list[str]], Any] = (
            itemgetter(*positions) if positions else (lambda _cells: ())
        )
        self._cache: dict[Any, ResolvedCells] = {}

    def resolve(self, cells: list[str]) -> ResolvedCells:
        """The meaning of ``cells`` (a full-width row) for context and answers."""
        key = self._key(cells)
        found = self._cache.get(key)
        if found is None:
            found = self._resolve(cells)
            if len(self._cache) < PATTERN_CACHE_SIZE:
                self._cache[key] = found
        return found

    def _get(self, cells: list[str], code: str) -> str:
        position = self.columns.index.get(code)
        return cells[position].strip() if position is not None else ""

    def _resolve(self, cells: list[str]) -> ResolvedCells:
        issues: list[IssueSpec] = []
        context, kept = self._context(cells, issues)
        states = self._answers(cells, context, issues)
        return ResolvedCells(
            context=kept,
            states=bytes(s & 0xFF for s in states),
            issues=tuple(issues),
            fingerprint=self._fingerprint(cells),
        )

    def _fingerprint(self, cells: list[str]) -> tuple[str, ...]:
        """Context values as numbers and answers by meaning (see ``Validator._fingerprint``)."""
        parts: list[str] = []
        for ctx in self.form.context:
            text = self._get(cells, ctx.code)
            folded = fold_answer(text)
            number = parse_whole_number(text)
            parts.append(str(number) if number is not None else folded)
        for code in self.form.codes:
            folded = fold_answer(self._get(cells, code))
            state = self.answers.get(folded)
            parts.append(f"\x00{state}" if state is not None else folded)
        return tuple(parts)

    def _context(
        self, cells: list[str], issues: list[IssueSpec]
    ) -> tuple[dict[str, int | Unknown | None], tuple[int | None, ...]]:
        """Context values for this row: a number, None (blank meaning), or unknown."""
        values: dict[str, int | Unknown | None] = {}
        kept: list[int | None] = []
        for ctx in self.form.context:
            if not self.columns.has(ctx.code):
                kept.append(None)
                continue
            value, issue = context_value(ctx, self._get(cells, ctx.code), self.not_applicable)
            if issue is not None:
                issues.append(issue)
            values[ctx.code] = value
            kept.append(value if isinstance(value, int) else None)
        return values, tuple(kept)

    def _answers(
        self,
        cells: list[str],
        context: dict[str, int | Unknown | None],
        issues: list[IssueSpec],
    ) -> list[int]:
        """Resolve each indicator cell to YES, NO, NA or MISSING (docs/aturan.md §2)."""
        states: list[int] = []
        for indicator in self.form.indicators:
            code = indicator.code
            if not self.columns.has(code):
                states.append(MISSING)
                continue
            rule = indicator.applies_to
            decided_by = rule.context if rule.context in context else None
            ctx_value = context.get(decided_by) if decided_by is not None else None
            state, found = answer_state(
                indicator, self._get(cells, code), self.answers, decided_by, ctx_value
            )
            issues.extend(found)
            states.append(state)
        return states


def context_value(
    ctx: ContextField, text: str, not_applicable: frozenset[str]
) -> tuple[int | Unknown | None, IssueSpec | None]:
    """A context cell (stripped) as a number, None (blank meaning) or unknown, and its issue."""
    bounds: dict[str, object] = {"minimum": ctx.minimum, "maximum": ctx.maximum}
    # A '-' in the age column is the surveyor's "none", like a blank (no child); so is a
    # database's empty value exported as text (NULL).
    if not text or fold_answer(text) in not_applicable or fold_answer(text) in NULL_MARKS:
        return None, None
    number = parse_whole_number(text)
    if number is None or number < ctx.minimum:
        return UNKNOWN, IssueSpec("nilai-konteks-salah", ctx.code, text, bounds)
    if number > ctx.maximum:
        meaning = {"meaning": ctx.blank_meaning, "meaning_en": ctx.blank_meaning_en}
        return None, IssueSpec("nilai-konteks-di-luar", ctx.code, text, bounds | meaning)
    return number, None


def answer_state(
    indicator: Indicator,
    text: str,
    answers: AnswerTable,
    decided_by: str | None,
    ctx_value: int | Unknown | None,
) -> tuple[int, list[IssueSpec]]:
    """One indicator cell (stripped) as YES, NO, NA or MISSING, and its issues (docs/aturan.md §2).

    ``decided_by`` names the context field the indicator's applicability depends on, when
    the file has it, and ``ctx_value`` is that field's value in the row. The spelling is
    noted in ``answers.seen`` (a bare ``N`` is decided per file from them).
    """
    code = indicator.code
    issues: list[IssueSpec] = []
    if text and fold_answer(text) in NULL_MARKS:
        # A database's empty value, exported as text: a blank cell.
        answers.null_seen.add(text)
        text = ""
    elif text and fold_answer(text) in answers.blanks:
        text = ""  # the file's own mark for a blank, as its mapping says (§6.5)
    if text:
        folded = fold_answer(text)
        answers.seen.add(folded)
        if not indicator.na_mark_allowed:
            answers.seen_strict.add(folded)
        answer = answers.get(folded)
        if answer is None:
            issues.append(IssueSpec("jawaban-tidak-dikenal", code, text))
    else:
        return _blank_state(indicator, answers, decided_by, ctx_value)
    rule = indicator.applies_to
    if decided_by is not None and not isinstance(ctx_value, Unknown):
        applies = ctx_value is not None and rule.applies(ctx_value)
        shown = ctx_value if ctx_value is not None else "(kosong)"
        shown_en = ctx_value if ctx_value is not None else "(blank)"
        where = {
            # The column quoted, as the messages quote the indicator's: a name from the file.
            "context": f"'{decided_by}' = {shown}",
            "context_en": f"'{decided_by}' = {shown_en}",
        }
        if not applies:
            if folded == BARE_N:
                answers.n_where_not_applicable += 1
            if answer in (YES, NO):
                issues.append(IssueSpec("jawaban-tidak-berlaku", code, text, where))
            return NA, issues
        if answer == NA:
            issues.append(IssueSpec("tidak-berlaku-padahal-berlaku", code, text, where))
            return MISSING, issues
    elif answer == NA:
        if indicator.na_mark_allowed:
            return NA, issues
        issues.append(IssueSpec("tidak-berlaku-tidak-boleh", code, text))
        return MISSING, issues
    if answer in (YES, NO):
        return answer, issues
    return MISSING, issues


def _blank_state(
    indicator: Indicator,
    answers: AnswerTable,
    decided_by: str | None,
    ctx_value: int | Unknown | None,
) -> tuple[int, list[IssueSpec]]:
    """A blank indicator cell: not applicable where the context says so; else missing, or
    not applicable where the file's blanks mean that (``--blank na``) and the indicator
    may be; *Tidak* in a check-mark sheet (``--blank tidak``) (docs/aturan.md §6.3)."""
    if decided_by is not None and not isinstance(ctx_value, Unknown):
        if ctx_value is None or not indicator.applies_to.applies(ctx_value):
            return NA, []
    elif answers.blank_na and indicator.na_mark_allowed:
        return NA, []
    if decided_by is None and indicator.na_mark_allowed:
        # Not applicable was possible here and nothing in the row decided it.
        answers.blank_undecided.add(indicator.code)
    answers.blank_seen = True
    if answers.blank_no:
        return NO, []
    return MISSING, [IssueSpec("jawaban-kosong", indicator.code)]
