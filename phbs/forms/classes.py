"""Household classes (strata) of a form, by indicators met, by indicators met of those that
apply, or by the index: docs/aturan.md §3.3.

A form's ``classes`` gives a scheme: its basis, whether it is official, its source and the
classes with their bounds. The model checks the classes cover every possible count or index
exactly once.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from phbs.i18n import Lang, fmt_decimal, t


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


class HouseholdClass(_Strict):
    """A class (stratum) of households, by the number of indicators met or by the index.

    A ``met_count`` scheme gives ``min_met``/``max_met`` (both inclusive); a
    ``met_of_applicable`` scheme gives, for every class but the lowest,
    ``min_met_by_applicable``: per number of applicable indicators, the fewest met (Riskesdas
    2013: *PHBS baik* is 6 or more of 10 with a child under five, 5 or more of 7 without,
    ``{10: 6, 7: 5}``); an ``index`` scheme gives ``min_index``/``max_index`` with
    ``min_inclusive``/``max_inclusive`` saying whether the bound itself belongs to the
    class (PIS-PK: *sehat* is ``> 0.800``, so ``min_index: 0.8, min_inclusive: false``).
    """

    code: Code
    name: str
    name_en: str
    colour: str = Field(description="Colour name used on the card, e.g. 'merah'.")
    min_met: int | None = Field(
        default=None, ge=0, description="met_count: fewest indicators met (inclusive)."
    )
    max_met: int | None = Field(
        default=None, ge=0, description="met_count: most indicators met (inclusive)."
    )
    min_met_by_applicable: dict[int, int] | None = Field(
        default=None,
        description=(
            "met_of_applicable: per number of applicable indicators, the fewest met "
            "(inclusive); the lowest class has none (it starts at 0)."
        ),
    )
    min_index: float | None = Field(
        default=None, ge=0, le=1, description="index: lower bound of the household index."
    )
    min_inclusive: bool = Field(
        default=True, description="index: whether min_index itself is in the class."
    )
    max_index: float | None = Field(
        default=None, ge=0, le=1, description="index: upper bound of the household index."
    )
    max_inclusive: bool = Field(
        default=True, description="index: whether max_index itself is in the class."
    )
    healthy: bool = Field(
        default=False, description="Counts as 'rumah tangga sehat' for this form."
    )

    def index_bounds(self) -> tuple[Fraction, bool, Fraction, bool]:
        """Exact index bounds as fractions (``0.8`` is 4/5, not the float nearest it).

        >>> HouseholdClass(code="x", name="x", name_en="x", colour="x", min_index=0.5,
        ...                max_index=0.8).index_bounds()
        (Fraction(1, 2), True, Fraction(4, 5), True)
        """
        if self.min_index is None or self.max_index is None:
            raise ValueError(f"class {self.code!r} has no index bounds")
        return (
            exact_fraction(self.min_index),
            self.min_inclusive,
            exact_fraction(self.max_index),
            self.max_inclusive,
        )


def exact_fraction(value: float) -> Fraction:
    """The decimal written in the form file as an exact fraction.

    >>> exact_fraction(0.8)
    Fraction(4, 5)
    """
    # repr() gives the shortest decimal that reads back as the same float, i.e. what the
    # form file says; Fraction(0.8) would be the binary approximation 3602879701896397/2**52.
    return Fraction(repr(float(value)))


#: The bound keys of each basis, and how a message names them.
_BOUND_KEYS: dict[str, tuple[set[str], str, str]] = {
    "met_count": ({"min_met", "max_met"}, "min_met/max_met", "*_met"),
    "met_of_applicable": (
        {"min_met_by_applicable"},
        "min_met_by_applicable",
        "min_met_by_applicable",
    ),
    "index": (
        {"min_index", "max_index", "min_inclusive", "max_inclusive"},
        "min_index/max_index",
        "*_index",
    ),
}


class ClassScheme(_Strict):
    """Household classes and where they come from."""

    basis: Literal["met_count", "met_of_applicable", "index"] = Field(
        description=(
            "met_count: indicators counted as met under the na_policy (min_met/max_met); "
            "met_of_applicable: Ya answers, with a threshold per number of applicable "
            "indicators (min_met_by_applicable); "
            "index: the household index met / denominator (min_index/max_index)."
        )
    )
    official: bool = Field(description="False for a locally defined scheme (labelled so).")
    source: str
    classes: list[HouseholdClass] = Field(min_length=1)

    @model_validator(mode="after")
    def _bounds_match_basis(self) -> ClassScheme:
        for position, klass in enumerate(self.classes):
            where = f"classes.{position} ({klass.code})"
            for basis, (keys, _, named) in _BOUND_KEYS.items():
                if basis != self.basis and keys & klass.model_fields_set:
                    uses = _BOUND_KEYS[self.basis][1]
                    raise ValueError(f"{where}: basis {self.basis} uses {uses}, not {named}")
            no_met = klass.min_met is None or klass.max_met is None
            if self.basis == "met_count" and no_met:
                raise ValueError(f"{where}: basis met_count needs min_met and max_met")
            no_index = klass.min_index is None or klass.max_index is None
            if self.basis == "index" and no_index:
                raise ValueError(f"{where}: basis index needs min_index and max_index")
        if self.basis == "index":
            _check_index_coverage(self.classes)
        if self.basis == "met_of_applicable":
            _check_applicable_thresholds(self.classes)
        return self

    def applicable_counts(self) -> list[int]:
        """The numbers of applicable indicators a ``met_of_applicable`` scheme has thresholds
        for, ascending (empty for the other bases).

        >>> from phbs.forms.loading import load_form
        >>> load_form("riskesdas-2013").form.classes.applicable_counts()
        [7, 8, 9, 10]
        """
        if self.basis != "met_of_applicable" or len(self.classes) < 2:
            return []
        return sorted(self.classes[1].min_met_by_applicable or {})

    def met_spans(self, position: int) -> list[tuple[int, int, int]]:
        """``(applicable, fewest, most)`` met for class ``position`` of a
        ``met_of_applicable`` scheme, one per number of applicable indicators, most first.

        >>> from phbs.forms.loading import load_form
        >>> load_form("riskesdas-2013").form.classes.met_spans(0)
        [(10, 0, 5), (9, 0, 5), (8, 0, 5), (7, 0, 4)]
        """
        spans = []
        for applicable in reversed(self.applicable_counts()):
            klass = self.classes[position]
            above = self.classes[position + 1] if position + 1 < len(self.classes) else None
            low = (klass.min_met_by_applicable or {}).get(applicable, 0)
            high = (above.min_met_by_applicable or {})[applicable] - 1 if above else applicable
            spans.append((applicable, low, high))
        return spans


def _check_applicable_thresholds(classes: list[HouseholdClass]) -> None:
    """Classes from the lowest up: the lowest has no thresholds (it starts at 0 met); every
    other class gives one per number of applicable indicators, the same numbers in each, and
    more than the class below and at most that number, so every class holds at least one
    count and the classes cover 0..applicable exactly once."""
    first = classes[0]
    if first.min_met_by_applicable is not None:
        raise ValueError(
            f"classes.0 ({first.code}): the lowest class starts at 0 met and has no "
            "min_met_by_applicable"
        )
    if len(classes) < 2:
        raise ValueError("basis met_of_applicable needs at least two classes")
    counts: list[int] | None = None
    below: dict[int, int] = {}
    for position, klass in enumerate(classes[1:], start=1):
        where = f"classes.{position} ({klass.code})"
        thresholds = klass.min_met_by_applicable
        if not thresholds:
            raise ValueError(f"{where}: basis met_of_applicable needs min_met_by_applicable")
        if counts is None:
            counts = sorted(thresholds)
        elif sorted(thresholds) != counts:
            raise ValueError(
                f"{where}: min_met_by_applicable gives {sorted(thresholds)} applicable "
                f"indicators, classes.1 gives {counts}: every class gives the same numbers"
            )
        for applicable, fewest in sorted(thresholds.items()):
            if applicable < 1:
                raise ValueError(f"{where}: {applicable} applicable indicators: at least 1")
            if not below.get(applicable, 0) < fewest <= applicable:
                raise ValueError(
                    f"{where}: with {applicable} applicable indicators the fewest met must be "
                    f"more than {below.get(applicable, 0)} (the class below) and at most "
                    f"{applicable}, not {fewest}"
                )
        below = dict(thresholds)


def _check_index_coverage(classes: list[HouseholdClass]) -> None:
    """Index classes must cover 0..1 exactly once: no gap, no overlap, no empty class."""
    spans = sorted((c.index_bounds() for c in classes), key=lambda b: (b[0], not b[1]))
    for low, low_in, high, high_in in spans:
        if high < low or (high == low and not (low_in and high_in)):
            raise ValueError(f"empty index class: {_span_text(low, low_in, high, high_in)}")
    first, last = spans[0], spans[-1]
    if first[0] != 0 or not first[1]:
        raise ValueError("index classes must start at 0 (inclusive)")
    if last[2] != 1 or not last[3]:
        raise ValueError("index classes must end at 1 (inclusive)")
    for previous, following in pairwise(spans):
        _, _, high, high_in = previous
        low, low_in, _, _ = following
        if high != low or high_in == low_in:
            # Equal bounds must be shared by exactly one side: both inclusive is an
            # overlap at the bound, neither inclusive a gap of one point.
            raise ValueError(
                "index classes must meet without gap or overlap: "
                f"{_span_text(*previous)} then {_span_text(*following)}"
            )


def _span_text(low: Fraction, low_in: bool, high: Fraction, high_in: bool) -> str:
    return f"{'[' if low_in else '('}{float(low)}, {float(high)}{']' if high_in else ')'}"


def class_span(scheme: ClassScheme, position: int, lang: Lang) -> str:
    """What class ``position`` of ``scheme`` holds, in words: ``6–10`` for a met-count class;
    ``6–10 dari 10; 5–7 dari 7`` for a class by indicators met of those that apply;
    ``0,500 ≤ indeks ≤ 0,800`` for an index class.

    >>> from phbs.forms.loading import load_form
    >>> class_span(load_form("riskesdas-2013").form.classes, 1, "en")
    '6–10 of 10; 6–9 of 9; 6–8 of 8; 5–7 of 7'
    """
    klass = scheme.classes[position]
    if scheme.basis == "met_count":
        return f"{klass.min_met}–{klass.max_met}"
    if scheme.basis == "met_of_applicable":
        return "; ".join(
            t("forms.show.of_applicable", lang, low=low, high=high, applicable=applicable)
            for applicable, low, high in scheme.met_spans(position)
        )
    low, high = klass.min_index, klass.max_index
    low_sign = "≤" if klass.min_inclusive else "<"
    high_sign = "≤" if klass.max_inclusive else "<"
    index = t("forms.show.index", lang)
    return (
        f"{fmt_decimal(low, lang, 3)} {low_sign} {index} {high_sign} {fmt_decimal(high, lang, 3)}"
    )
