"""What is checked before rounds are compared (docs/aturan.md §5.8): enough rounds, labels
once each, no file read for two rounds, a level with stable areas, and which indicators are
the same question in every round."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from phbs.errors import SettingsError
from phbs.scoring.household import AreaLevel
from phbs.trends.rounds import Round


def check_rounds(rounds: list[Round], level: AreaLevel) -> None:
    """Refuse what cannot be compared, with one line that says what to do."""
    if level is AreaLevel.DUSUN:
        raise SettingsError(
            "perbandingan putaran per dusun tidak tersedia: nama dusun tidak tetap antarputaran; "
            "pakai --by desa atau di atasnya",
            "comparing rounds by dusun is not available: dusun names are not stable between "
            "rounds; use --by desa or above",
        )
    labels = [r.label for r in rounds]
    if len(rounds) < 2:
        raise SettingsError(
            "perbandingan memerlukan sedikitnya dua putaran (--round LABEL=BERKAS)",
            "a comparison needs at least two rounds (--round LABEL=FILE)",
        )
    if len(set(labels)) < len(labels):
        raise SettingsError(
            f"label putaran dipakai dua kali: {', '.join(labels)}",
            f"a round label is used twice: {', '.join(labels)}",
        )
    seen: dict[Path, str] = {}
    for rnd in rounds:
        for source in rnd.sources:
            path = Path(source).resolve()
            if path in seen and seen[path] != rnd.label:
                raise SettingsError(
                    f"{Path(source).name} dibaca untuk putaran {seen[path]} dan {rnd.label}: "
                    "setiap putaran memerlukan berkasnya sendiri",
                    f"{Path(source).name} is read for rounds {seen[path]} and {rnd.label}: "
                    "each round needs its own files",
                )
            seen[path] = rnd.label


@dataclass(frozen=True)
class IndicatorMatch:
    """The indicators compared; those left out because they are asked of other households in
    some round (another applicability rule); those compared although their question is worded
    differently (code → each round's question); and those whose forms are not known."""

    compared: list[str]
    differ: list[str]
    worded: dict[str, list[str]]
    unchecked: list[str]


def match_indicators(rounds: list[Round]) -> IndicatorMatch:
    """Indicators of the latest round's order that every round has. When the rounds' forms
    differ, an indicator asked of other households in some round (its applicability: the
    context column and range) measures another thing and is left out; one worded differently
    is compared by its code and its questions are named for the reader to judge.

    >>> from phbs.forms.denominators import BerPhbsBase
    >>> one = Round("a", {}, "f", "exclude", BerPhbsBase.LENGKAP, ("x", "y"), (),
    ...             questions={"x": ("q1", "semua"), "y": ("q2", "umur 0–59")})
    >>> two = Round("b", {}, "g", "exclude", BerPhbsBase.LENGKAP, ("x", "y", "z"), (),
    ...             questions={"x": ("q1 baru", "semua"), "y": ("q2", "umur 0–11")})
    >>> match_indicators([one, two])
    IndicatorMatch(compared=['x'], differ=['y'], worded={'x': ['q1', 'q1 baru']}, unchecked=[])
    """
    shared = [c for c in rounds[-1].indicators if all(c in r.indicators for r in rounds)]
    if len({r.form for r in rounds}) == 1:
        return IndicatorMatch(shared, [], {}, [])
    differ: list[str] = []
    worded: dict[str, list[str]] = {}
    unchecked: list[str] = []
    for code in shared:
        asked = [r.questions.get(code) for r in rounds]
        if any(a is None for a in asked):
            unchecked.append(code)
            continue
        known = [a for a in asked if a is not None]
        if len({rule for _, rule in known}) > 1:
            differ.append(code)
        elif len({_fold(q) for q, _ in known}) > 1:
            worded[code] = [q for q, _ in known]
    return IndicatorMatch([c for c in shared if c not in differ], differ, worded, unchecked)


def _fold(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def shared_totals(rounds: list[Round]) -> set[str]:
    """Labels of rounds whose villages' totals come from the same file as another round's."""
    sources = [r.totals_source for r in rounds]
    return {r.label for r in rounds if r.totals_source and sources.count(r.totals_source) > 1}
