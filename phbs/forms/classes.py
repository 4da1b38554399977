"""Household classes (strata) of a form, by indicators met or by the index: docs/aturan.md §3.3.

A form's ``classes`` gives a scheme: its basis, whether it is official, its source and the
classes with their bounds. The model checks the classes cover every possible count or index
exactly once.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


class HouseholdClass(_Strict):
    """A class (stratum) of households, by the number of indicators met or by the index.

    A ``met_count`` scheme gives ``min_met``/``max_met`` (both inclusive); an ``index``
    scheme gives ``min_index``/``max_index`` with ``min_inclusive``/``max_inclusive`` saying
    whether the bound itself belongs to the class (PIS-PK: *sehat* is ``> 0.800``, so
    ``min_index: 0.8, min_inclusive: false``).
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


class ClassScheme(_Strict):
    """Household classes and where they come from."""

    basis: Literal["met_count", "index"] = Field(
        description=(
            "met_count: indicators counted as met under the na_policy (min_met/max_met); "
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
            has_met = klass.min_met is not None or klass.max_met is not None
            index_keys = {"min_index", "max_index", "min_inclusive", "max_inclusive"}
            has_index = bool(index_keys & klass.model_fields_set)
            if self.basis == "met_count":
                if has_index:
                    raise ValueError(f"{where}: basis met_count uses min_met/max_met, not *_index")
                if klass.min_met is None or klass.max_met is None:
                    raise ValueError(f"{where}: basis met_count needs min_met and max_met")
            else:
                if has_met:
                    raise ValueError(f"{where}: basis index uses min_index/max_index, not *_met")
                if klass.min_index is None or klass.max_index is None:
                    raise ValueError(f"{where}: basis index needs min_index and max_index")
        if self.basis == "index":
            _check_index_coverage(self.classes)
        return self


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
