"""How a rubric maps a survey measure or a village attribute to a 0–100 score (docs/aturan.md §7.2).

``linear`` (a straight line between two values, clipped), ``bands`` (thresholds, highest
first) and ``values`` (a table of text values). Also the two small parsers every contest file
reader shares: :func:`fold_value` and :func:`parse_number`.
"""

from __future__ import annotations

import itertools
import math
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Score = Annotated[float, Field(ge=0, le=100)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LinearMapping(_Strict):
    """``low`` → 0 and ``high`` → 100, straight line between, clipped outside.

    ``low`` above ``high`` means lower is better (e.g. number of dengue cases).
    """

    type: Literal["linear"]
    low: float = Field(description="Value that scores 0.")
    high: float = Field(description="Value that scores 100.")

    @model_validator(mode="after")
    def _distinct(self) -> LinearMapping:
        if self.low == self.high:
            raise ValueError("low and high must differ")
        return self

    def score(self, value: float) -> float:
        """The 0–100 score of ``value``.

        >>> LinearMapping(type="linear", low=20, high=70).score(45)
        50.0
        """
        fraction = (value - self.low) / (self.high - self.low)
        return 100.0 * min(1.0, max(0.0, fraction))


class ScoreBand(_Strict):
    """Values at or above ``minimum`` (and below the band above) score ``score``."""

    minimum: float = Field(description="Smallest value in the band.")
    score: Score = Field(description="Score on the 0–100 scale.")


class BandMapping(_Strict):
    """Bands of a number, highest ``minimum`` first."""

    type: Literal["bands"]
    bands: list[ScoreBand] = Field(min_length=1, description="Highest minimum first.")

    @model_validator(mode="after")
    def _descending(self) -> BandMapping:
        minima = [band.minimum for band in self.bands]
        if any(a <= b for a, b in itertools.pairwise(minima)):
            raise ValueError("band minimums must be strictly decreasing")
        return self

    def score(self, value: float) -> float | None:
        """The score of the first band whose minimum is at most ``value``; ``None`` below all.

        >>> bands = BandMapping(type="bands", bands=[{"minimum": 16, "score": 90},
        ...                                          {"minimum": 1, "score": 20}])
        >>> bands.score(16), bands.score(3), bands.score(0)
        (90.0, 20.0, None)
        """
        for band in self.bands:
            if value >= band.minimum:
                return band.score
        return None


class ValueTable(_Strict):
    """Text values and their scores, compared case- and whitespace-insensitively."""

    type: Literal["values"]
    values: dict[str, Score] = Field(min_length=1, description="Value → score.")

    @model_validator(mode="after")
    def _distinct_folded(self) -> ValueTable:
        folded = [fold_value(k) for k in self.values]
        if len(set(folded)) != len(folded):
            raise ValueError("two values are the same once case and spaces are ignored")
        return self

    def score(self, value: str) -> float | None:
        """The score of ``value``; ``None`` when the table does not list it.

        >>> ValueTable(type="values", values={"Terverifikasi": 100}).score(" terverifikasi ")
        100.0
        """
        wanted = fold_value(value)
        for key, points in self.values.items():
            if fold_value(key) == wanted:
                return points
        return None


def fold_value(text: str) -> str:
    """Fold a value for comparison: case and runs of spaces do not matter.

    >>> fold_value("  ODF   Terverifikasi ")
    'odf terverifikasi'
    """
    return " ".join(text.casefold().split())


_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def parse_number(text: str) -> float | None:
    """Read a number typed by hand, with ``.`` or ``,`` as the decimal mark.

    >>> parse_number("85"), parse_number(" 72,5 "), parse_number("b")
    (85.0, 72.5, None)
    """
    value = text.strip()
    if not _NUMBER.match(value):
        return None
    number = float(value.replace(",", "."))
    return number if math.isfinite(number) else None
