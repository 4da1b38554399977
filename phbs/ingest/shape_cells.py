"""The answer cells of a member or answer file (docs/aturan.md §6.6): each read as a state
with the file's spellings, bare ``N`` and blank meaning, and the states of one household's
rows combined by the form's rule into the household's cell."""

from __future__ import annotations

from collections.abc import Iterator

from phbs.forms.model import Form, fold_answer
from phbs.ingest.settings import AnswerScheme, BlankMeaning, ReadSettings

YES, NO, NA, BLANK, OTHER = "ya", "tidak", "tidak_berlaku", "", "?"


class CellReader:
    """Reads an answer cell as a state, with the file's spellings, bare N and blanks."""

    def __init__(self, form: Form, settings: ReadSettings, bare_n: str) -> None:
        self.states: dict[str, str] = {}
        for state in (YES, NO, NA):
            for spelling in getattr(form.answers, state):
                self.states[fold_answer(spelling)] = state
        self.bare_n = bare_n
        if bare_n and "n" not in self.states:
            self.states["n"] = bare_n
        self.blank = {BlankMeaning.NA: NA, BlankMeaning.NO: NO}.get(settings.blank, BLANK)
        self.written: dict[str, str] = {s: str(getattr(form.answers, s)[0]) for s in (YES, NO, NA)}

    def state(self, text: str) -> str:
        folded = fold_answer(text)
        if not folded:
            return self.blank
        return self.states.get(folded, OTHER)

    def written_as(self, state: str, texts: list[str]) -> str:
        """The cell of the household: the form's spelling, or the first text not understood
        (validation reports it), or blank."""
        if state == OTHER:
            return next(t for t in texts if self.state(t) == OTHER)
        return self.written.get(state, "")


def bare_n(cells: Iterator[str], form: Form, settings: ReadSettings) -> str:
    """What a bare N in this file's answer cells means (docs/aturan.md §6.2), or "" when it
    has none or the form spells it: the setting, else Y, T and N together make N not
    applicable, and N without T makes it Tidak."""
    spelled = {fold_answer(s) for s in (*form.answers.ya, *form.answers.tidak)}
    spelled |= {fold_answer(s) for s in form.answers.tidak_berlaku}
    seen_n = seen_t = False
    for text in cells:
        folded = fold_answer(text)
        seen_n = seen_n or folded == "n"
        seen_t = seen_t or (folded == "t" and "t" in spelled)
    if not seen_n or "n" in spelled:
        return ""
    if settings.answers is not AnswerScheme.AUTO:
        return NO if settings.answers is AnswerScheme.YN else NA
    return NA if seen_t else NO


def fold_all(states: list[str]) -> str:
    """All members: any Tidak decides; else anything not understood or blank leaves it open;
    else Ya when a member is Ya; else not applicable."""
    for state in (NO, OTHER, BLANK, YES):
        if state in states:
            return state
    return NA


def fold_one(states: list[str]) -> tuple[str, bool]:
    """One answer for the household: the answers given must agree (``-`` and blanks are rows
    it does not concern). Returns the state and whether the rows contradict each other."""
    given = {s for s in states if s not in (BLANK, NA)}
    if len(given) > 1:
        return BLANK, True
    if given:
        return given.pop(), False
    return (NA if NA in states else BLANK), False


def youngest(ages: list[str], low: int, high: int) -> str:
    """The youngest child's age from the members' ages in months: the smallest from ``low``
    to ``high``; blank when no member is that young; a text that is not a whole number is
    handed on for validation to report."""
    young: list[int] = []
    for text in ages:
        value = text.strip().removesuffix(".0")
        if not value:
            continue
        if not value.lstrip("-").isdigit():
            return text
        if low <= int(value) <= high:
            young.append(int(value))
    return str(min(young)) if young else ""
