"""The questions of a file of answers as ``phbs map`` proposes them (docs/aturan.md §6.6): each
distinct question of the question column, the form's field it asks, and why.

A question is the field's when it is a known spelling (the form's code, name or alias, as a
header would be, §6.4); else when the questions are numbered codes with one prefix (``P01`` …
``P10``, ``Q1`` …): the indicator of that number on the form, as numbered headers are read;
else when it is close to one indicator's name, alias or question and no other's (a reworded
question, ``Persalinan ditolong nakes``). Anything else is left to a person.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

from phbs.forms.model import Form
from phbs.ingest.columns import alias_map, fold_header, lookup_header

#: How close a reworded question must be to an indicator's wording (difflib ratio), and by
#: how much closer than to any other indicator's.
CLOSE = 0.6
MARGIN = 0.08
_NUMBERED = re.compile(r"^\s*([a-z]{0,12})[\s._-]*0*(\d{1,2})\s*$", re.IGNORECASE)


def _numbers(values: list[str]) -> dict[str, int]:
    """The number of each value when most values are numbered codes with one prefix."""
    found = {v: _NUMBERED.match(v) for v in values}
    prefixes = Counter(m.group(1).casefold() for m in found.values() if m)
    if not prefixes:
        return {}
    prefix, count = prefixes.most_common(1)[0]
    if count < max(3, len(values) // 2):
        return {}
    return {v: int(m.group(2)) for v, m in found.items() if m and m.group(1).casefold() == prefix}


def _wordings(form: Form) -> list[tuple[str, str]]:
    """(folded wording, field) for every indicator's name, aliases and question, and each
    context field's names."""
    found = [
        (fold_header(text), indicator.code)
        for indicator in form.indicators
        for text in (indicator.name, indicator.question, *indicator.aliases)
    ]
    found += [
        (fold_header(text), field.code)
        for field in form.context
        for text in (field.name, *field.aliases)
    ]
    return [(text, code) for text, code in found if text]


def _closest(question: str, wordings: list[tuple[str, str]]) -> tuple[str | None, str]:
    """The one field a reworded question is close to, and the wording it is close to."""
    folded = fold_header(question)
    words = " ".join(sorted(folded.split()))
    best: dict[str, tuple[float, str]] = {}
    for text, code in wordings:
        # As written, and with the words in order (``balita ditimbang`` ~ ``menimbang balita``).
        ratio = max(
            difflib.SequenceMatcher(None, folded, text).ratio(),
            difflib.SequenceMatcher(None, words, " ".join(sorted(text.split()))).ratio(),
        )
        if ratio > best.get(code, (0.0, ""))[0]:
            best[code] = (ratio, text)
    ranked = sorted(best.items(), key=lambda item: -item[1][0])
    if not ranked or ranked[0][1][0] < CLOSE:
        return None, ""
    if _negated(folded) != _negated(ranked[0][1][1]):
        # "Ada yang merokok?" is close to "tidak merokok" but asks the opposite: its Ya
        # would be the indicator's Tidak. A person places it (or turns the answers round).
        return None, ""
    if len(ranked) > 1 and ranked[0][1][0] - ranked[1][1][0] < MARGIN:
        return None, ""
    return ranked[0][0], ranked[0][1][1]


_NEGATION = {"tidak", "bukan", "tanpa", "belum", "no", "not", "non"}


def _negated(folded: str) -> bool:
    return bool(_NEGATION & set(folded.split()))


def question_fields(values: list[str], form: Form) -> dict[str, tuple[str | None, str]]:
    """Each question → (field or None, why): ``known``, ``number:N`` or ``close:WORDING``.

    >>> from phbs.forms.loading import load_form
    >>> form = load_form("kemenkes-rt-10").form
    >>> found = question_fields(["P01", "P02", "P03", "P11", "jamban sehat",
    ...                          "Persalinan ditolong nakes", "Punya kartu JKN"], form)
    >>> found["P01"], found["P11"], found["jamban sehat"][0], found["Punya kartu JKN"]
    (('persalinan_nakes', 'number:1'), (None, ''), 'jamban_sehat', (None, ''))
    >>> found["Persalinan ditolong nakes"][0]
    'persalinan_nakes'
    >>> question_fields(["Ada anggota yang merokok di dalam rumah?"], form)  # the opposite
    {'Ada anggota yang merokok di dalam rumah?': (None, '')}
    """
    aliases = alias_map(form)
    fields = {*form.codes, *(c.code for c in form.context)}
    by_number = {i.number: i.code for i in form.indicators}
    numbers = _numbers(values)
    wordings = _wordings(form)
    found: dict[str, tuple[str | None, str]] = {}
    for value in values:
        code = lookup_header(value, aliases)
        if code in fields:
            found[value] = (code, "known")
        elif value in numbers:
            number = numbers[value]
            code = by_number.get(number)
            found[value] = (code, f"number:{number}") if code else (None, "")
        else:
            code, close = _closest(value, wordings)
            found[value] = (code, f"close:{close}") if code else (None, "")
    return found
