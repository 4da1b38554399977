"""The checks of a mapping's values (:class:`~phbs.ingest.mapping.FileMap`): text where text is
meant, lists of spellings, row numbers and ranges. Each raises ``ValueError("kind|detail")``,
which :mod:`phbs.ingest.map_errors` words in Indonesian and English."""

from __future__ import annotations

from typing import TypeVar

from phbs.errors import SettingsError
from phbs.forms.model import fold_answer

_T = TypeVar("_T")


def one_choice(option: str, theirs: _T, mine: _T | None, unset: _T) -> _T:
    """The choice of an option and of the mapping: one of them, or both the same."""
    if mine is None or mine == unset:
        return theirs
    if theirs not in (unset, mine):
        raise SettingsError(
            f"peta berkas memilih {option} {mine}, perintah memberi {option} {theirs}: pilih satu",
            f"the mapping chooses {option} {mine}, the command gives {option} {theirs}: choose one",
        )
    return mine


def village_code(value: object) -> object:
    """A village code written without quotes (YAML reads ``6310011007`` as a number): ten
    digits, never with a leading zero (province codes start at 11), read as the code."""
    if isinstance(value, int) and not isinstance(value, bool) and len(str(value)) == 10:
        return str(value)
    return texts(value)


def texts(value: object) -> object:
    """Refuse what YAML read as a number or true/false where a text is meant: ``1`` may have
    been ``01`` and ``no`` becomes false, so nothing is turned back into text by guess."""
    if isinstance(value, dict):
        pairs = [(f"{key}: ", item) for key, item in value.items()]
    else:
        pairs = [("", item) for item in (value if isinstance(value, list) else [value])]
    for where, item in pairs:
        if item is not None and not isinstance(item, str):
            shown = (
                ("true (yes)" if item else "false (no)") if isinstance(item, bool) else repr(item)
            )
            raise ValueError(f"not-text|{where}{shown}")
    return value


def no_items_if_nothing(value: object) -> object:
    """A key left with nothing after it (``ignore:`` once its last item is moved) is empty."""
    return [] if value is None else value


def no_pairs_if_nothing(value: object) -> object:
    return {} if value is None else value


def spellings(value: object) -> object:
    """A list of spellings; one spelling alone is a list of one; nothing is none."""
    if value is None:
        return []
    spellings = texts([value] if isinstance(value, str) else value)
    if isinstance(spellings, list) and any(not fold_answer(s) for s in spellings):
        raise ValueError("empty-spelling|")
    return spellings


def one_of(value: object, allowed: tuple[str, ...]) -> object:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"choice|{', '.join(allowed)}")
    return value


def rows(value: object) -> list[int]:
    """Row numbers and ``"first-last"`` ranges, as a sorted list of row numbers."""
    items = value if isinstance(value, list) else [value]
    rows: set[int] = set()
    for item in items:
        if isinstance(item, int) and not isinstance(item, bool) and item >= 1:
            rows.add(item)
            continue
        first, dash, last = str(item).partition("-")
        if dash and first.strip().isdigit() and last.strip().isdigit():
            low, high = int(first), int(last)
            if 1 <= low <= high and high - low < 1_000_000:
                rows.update(range(low, high + 1))
                continue
        raise ValueError(f"rows|{item!r}")
    return sorted(rows)
