"""Village strata by % ber-PHBS: the default four (I < 25, II 25–49, III 50–75, IV > 75), a
form's own table, and how a value finds its stratum (docs/aturan.md §5.6)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from phbs.forms.model import Form
from phbs.i18n import Lang, t


@dataclass(frozen=True)
class Stratum:
    """One village stratum by % households ber-PHBS: values up to ``upper`` belong to it.

    ``upper`` is excluded unless ``inclusive``; the last stratum has no upper bound.

    >>> Stratum("III", 75.0, "#fee08b", inclusive=True).contains(75.0)
    True
    """

    label: str
    upper: float | None
    colour: str
    inclusive: bool = False

    def contains(self, value: float) -> bool:
        """Whether ``value`` is at or below this stratum's upper bound."""
        if self.upper is None:
            return True
        return value <= self.upper if self.inclusive else value < self.upper


#: Puskesmas recap practice (docs/aturan.md §5.6, a setting, not a national rule):
#: Strata I < 25 %, II 25–49 %, III 50–75 %, IV > 75 % households ber-PHBS.
DEFAULT_STRATA: tuple[Stratum, ...] = (
    Stratum("I", 25.0, "#f4a3a3"),
    Stratum("II", 50.0, "#fdd49e"),
    Stratum("III", 75.0, "#fff3a3", inclusive=True),
    Stratum("IV", None, "#b8e0b0"),
)


def stratum_of(value: float | None, strata: Sequence[Stratum] = DEFAULT_STRATA) -> Stratum | None:
    """The stratum of a percentage, or ``None`` when there is no percentage.

    >>> stratum_of(49.9).label, stratum_of(50.0).label, stratum_of(75.0).label
    ('II', 'III', 'III')
    >>> stratum_of(None) is None
    True
    """
    if value is None:
        return None
    for stratum in strata:
        if stratum.contains(value):
            return stratum
    return strata[-1]


def describe_strata(strata: Sequence[Stratum]) -> str:
    """The strata as one line, e.g. ``I < 25; II < 50; III ≤ 75; IV``.

    >>> describe_strata(DEFAULT_STRATA)
    'I < 25; II < 50; III ≤ 75; IV > 75'
    """
    parts = []
    previous: Stratum | None = None
    for stratum in strata:
        if stratum.upper is not None:
            parts.append(f"{stratum.label} {'≤' if stratum.inclusive else '<'} {stratum.upper:g}")
        elif previous is not None and previous.upper is not None:
            parts.append(f"{stratum.label} {'>' if previous.inclusive else '≥'} {previous.upper:g}")
        else:
            parts.append(stratum.label)
        previous = stratum
    return "; ".join(parts)


def form_strata(form: Form, lang: Lang = "id") -> tuple[Stratum, ...]:
    """The village strata of ``form``: its ``village_strata`` table, labelled in ``lang``,
    else :data:`DEFAULT_STRATA` (docs/aturan.md §5.6).

    >>> from phbs.forms.loading import load_form
    >>> form_strata(load_form("kemenkes-rt-10").form) == DEFAULT_STRATA
    True
    """
    if form.village_strata is None:
        return DEFAULT_STRATA
    bands = form.village_strata.bands
    return tuple(
        Stratum(
            band.label_en if lang == "en" else band.label,
            None if position == len(bands) - 1 else band.maximum,
            band.colour,
            inclusive=band.max_inclusive,
        )
        for position, band in enumerate(bands)
    )


def strata_source(form: Form, given: bool, lang: Lang = "id") -> str:
    """Where the strata of a report come from, in words: strata ``given`` from Python,
    else the form's table (its source) or the default."""
    if given:
        return t("strata.source.options", lang)
    if form.village_strata is not None:
        source = form.village_strata.source or t("forms.show.no_source", lang)
        return t("denominator.source", lang, source=source)
    return t("strata.source.default", lang)
