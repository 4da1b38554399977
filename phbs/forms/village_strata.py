"""Village strata by % ber-PHBS as a form states them: docs/aturan.md §5.6.

Where a province or kabupaten sets its own bands (in a local regulation, say), the form
carries them as ``village_strata``: ordered bands, each with its labels, its bounds in percent,
whether each bound belongs to it, and its colour, with the table's ``source``. The model checks
the bands cover 0–100 % exactly once, as index classes cover 0–1 (docs/aturan.md §3.3).
"""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from phbs.forms.classes import exact_fraction

#: A rule's source line: stripped, never blank; ``None`` when the form gives none (listed by
#: ``phbs forms check``), as for every rule of a form (phbs.forms.model).
Source = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] | None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StratumBand(_Strict):
    """One band of village strata: villages whose % ber-PHBS lies between its bounds.

    >>> StratumBand(label="Madya", label_en="Middle", minimum=50, maximum=75,
    ...             max_inclusive=True, colour="#fff3a3").contains(75.0)
    True
    """

    label: str = Field(min_length=1, description="Name in Indonesian, e.g. 'Madya' or 'III'.")
    label_en: str = Field(min_length=1, description="Name in English.")
    minimum: float = Field(ge=0, le=100, description="Lower bound, % ber-PHBS.")
    min_inclusive: bool = Field(default=True, description="Whether minimum is in the band.")
    maximum: float = Field(ge=0, le=100, description="Upper bound, % ber-PHBS.")
    max_inclusive: bool = Field(default=False, description="Whether maximum is in the band.")
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$", description="Fill colour, '#rrggbb'.")

    def bounds(self) -> tuple[Fraction, bool, Fraction, bool]:
        """The bounds as exact fractions of the decimals written in the form."""
        return (
            exact_fraction(self.minimum),
            self.min_inclusive,
            exact_fraction(self.maximum),
            self.max_inclusive,
        )

    def contains(self, value: float) -> bool:
        """Whether a percentage lies in this band (compared as written, exactly)."""
        low, low_in, high, high_in = self.bounds()
        exact = exact_fraction(value)
        above = exact >= low if low_in else exact > low
        below = exact <= high if high_in else exact < high
        return above and below


class VillageStrata(_Strict):
    """A table of village strata and where it comes from."""

    source: Source = Field(
        default=None,
        description="Regulation or guide of the bands (phbs forms check lists it when missing).",
    )
    bands: list[StratumBand] = Field(min_length=1, description="Lowest band first.")

    @model_validator(mode="after")
    def _cover_0_to_100(self) -> VillageStrata:
        spans = [band.bounds() for band in self.bands]
        for position, (low, low_in, high, high_in) in enumerate(spans):
            if high < low or (high == low and not (low_in and high_in)):
                raise ValueError(f"bands.{position}: empty band {_span(*spans[position])}")
        if spans != sorted(spans, key=lambda s: (s[0], not s[1])):
            raise ValueError("bands must be listed lowest first")
        first, last = spans[0], spans[-1]
        if first[0] != 0 or not first[1]:
            raise ValueError("village strata must start at 0 % (inclusive)")
        if last[2] != 100 or not last[3]:
            raise ValueError("village strata must end at 100 % (inclusive)")
        for position, (previous, following) in enumerate(pairwise(spans)):
            if previous[2] != following[0] or previous[3] == following[1]:
                # Equal bounds must belong to exactly one side: both is an overlap at the
                # bound, neither a gap of one point.
                raise ValueError(
                    f"bands.{position} and bands.{position + 1} must meet without gap or "
                    f"overlap: {_span(*previous)} then {_span(*following)}"
                )
        return self


def _span(low: Fraction, low_in: bool, high: Fraction, high_in: bool) -> str:
    return f"{'[' if low_in else '('}{float(low):g}, {float(high):g}{']' if high_in else ')'} %"
