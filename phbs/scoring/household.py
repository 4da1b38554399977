"""Household outcomes and area aggregates (docs/aturan.md §3, §5).

The kernels are pure functions over the answer-state matrix produced by validation
(households × indicators, see :mod:`phbs.states`); nothing here reads files or prints.
Areas are built by summing counts and recomputing percentages at each level, never by
averaging percentages (docs/aturan.md §5.5, DHIS2's convention).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

import numpy as np
from numpy.typing import NDArray

from phbs.forms.classes import ClassScheme
from phbs.forms.model import NaPolicy
from phbs.states import MISSING, NA, NO, YES


class Status(IntEnum):
    """Household outcome (docs/aturan.md §3.1), stored as ``int8``."""

    BER_PHBS = 0
    TIDAK_BER_PHBS = 1
    BELUM_LENGKAP = 2

    @property
    def label(self) -> str:
        """The name used in files: ``ber_phbs``, ``tidak_ber_phbs``, ``belum_lengkap``."""
        return self.name.lower()


class AreaLevel(StrEnum):
    """Levels a result can be reported at (``--by``)."""

    DUSUN = "dusun"
    DESA = "desa"
    KECAMATAN = "kecamatan"
    KABUPATEN = "kabupaten"
    PROVINSI = "provinsi"


@dataclass(frozen=True)
class HouseholdOutcomes:
    """Per-household counts and outcome, one array entry per household.

    ``index`` and ``met`` exist only for households with nothing missing (``nan`` / ``-1``
    otherwise); ``class_index`` is the position in the form's class list, ``-1`` when the
    form has none or the household is incomplete.
    """

    na_policy: NaPolicy
    berlaku: NDArray[np.int16]
    ya: NDArray[np.int16]
    tidak: NDArray[np.int16]
    kosong: NDArray[np.int16]
    tidak_berlaku: NDArray[np.int16]
    status: NDArray[np.int8]
    met: NDArray[np.int16]
    index: NDArray[np.float64]
    class_index: NDArray[np.int8]

    def __len__(self) -> int:
        return len(self.status)


def household_outcomes(
    states: NDArray[np.int8],
    na_policy: NaPolicy = NaPolicy.EXCLUDE,
    classes: ClassScheme | None = None,
) -> HouseholdOutcomes:
    """Score every household of a state matrix at once.

    ``exclude``: a not-applicable indicator leaves the denominator; ``as_met``: it counts
    as met (same status, different index); ``as_unmet``: it counts as not met, so every
    indicator must be Ya (docs/aturan.md §3.2, setting ``na_policy``).

    >>> s = np.array([[1, 1, 2], [1, 0, -1], [1, -1, 2]], dtype=np.int8)
    >>> out = household_outcomes(s)
    >>> [Status(x).label for x in out.status]
    ['ber_phbs', 'tidak_ber_phbs', 'belum_lengkap']
    >>> out.index.tolist()[0], household_outcomes(s, NaPolicy.AS_MET).index.tolist()[0]
    (1.0, 1.0)
    >>> Status(household_outcomes(s, NaPolicy.AS_UNMET).status[0]).label
    'tidak_ber_phbs'
    """
    width = states.shape[1]
    ya = (states == YES).sum(axis=1, dtype=np.int16)
    tidak = (states == NO).sum(axis=1, dtype=np.int16)
    kosong = (states == MISSING).sum(axis=1, dtype=np.int16)
    na = (states == NA).sum(axis=1, dtype=np.int16)
    berlaku = (width - na).astype(np.int16)
    complete = kosong == 0

    unmet = tidak > 0
    if na_policy is NaPolicy.AS_UNMET:
        unmet = unmet | (na > 0)
    status = np.full(len(states), Status.BER_PHBS, dtype=np.int8)
    status[~unmet & ~complete] = Status.BELUM_LENGKAP
    status[unmet] = Status.TIDAK_BER_PHBS

    if na_policy is NaPolicy.EXCLUDE:
        met, denominator = ya, berlaku
    elif na_policy is NaPolicy.AS_MET:
        met, denominator = ya + na, np.full_like(ya, width)
    else:
        met, denominator = ya, np.full_like(ya, width)
    index = np.full(len(states), np.nan)
    usable = complete & (denominator > 0)
    index[usable] = met[usable] / denominator[usable]
    met_complete = np.where(complete, met, -1).astype(np.int16)

    if classes is None:
        class_index = np.full(len(states), -1, dtype=np.int8)
    elif classes.basis == "index":
        class_index = classes_by_index(met, denominator, usable, classes)
    elif classes.basis == "met_of_applicable":
        class_index = classes_by_met_of_applicable(ya, berlaku, complete, classes)
    else:
        class_index = classes_by_met_count(met_complete, complete, classes)
    return HouseholdOutcomes(
        na_policy=na_policy,
        berlaku=berlaku,
        ya=ya,
        tidak=tidak,
        kosong=kosong,
        tidak_berlaku=na,
        status=status,
        met=met_complete,
        index=index,
        class_index=class_index,
    )


def classes_by_met_count(
    met: NDArray[np.int16], complete: NDArray[np.bool_], scheme: ClassScheme
) -> NDArray[np.int8]:
    """Class position per household by the number of indicators met (``-1``: none)."""
    class_index = np.full(len(met), -1, dtype=np.int8)
    for position, household_class in enumerate(scheme.classes):
        low, high = household_class.min_met, household_class.max_met
        if low is None or high is None:  # excluded by ClassScheme's validation
            continue
        class_index[complete & (met >= low) & (met <= high)] = position
    return class_index


def classes_by_met_of_applicable(
    ya: NDArray[np.int16],
    applicable: NDArray[np.int16],
    complete: NDArray[np.bool_],
    scheme: ClassScheme,
) -> NDArray[np.int8]:
    """Class position per household by its Ya answers, with the thresholds for its number
    of applicable indicators (``-1``: incomplete, or nothing applicable). The class does not
    depend on ``na_policy``: the rule itself says what counts (docs/aturan.md §3.3).

    >>> from phbs.forms.loading import load_form
    >>> scheme = load_form("riskesdas-2013").form.classes
    >>> ya, applicable = np.array([6, 5, 5, 4], np.int16), np.array([10, 10, 7, 7], np.int16)
    >>> [scheme.classes[i].code for i in
    ...  classes_by_met_of_applicable(ya, applicable, ya >= 0, scheme)]
    ['phbs_baik', 'phbs_kurang', 'phbs_baik', 'phbs_kurang']
    """
    class_index = np.full(len(ya), -1, dtype=np.int8)
    scored = complete & (applicable > 0)
    class_index[scored] = 0
    for position, household_class in enumerate(scheme.classes[1:], start=1):
        for count, fewest in (household_class.min_met_by_applicable or {}).items():
            class_index[scored & (applicable == count) & (ya >= fewest)] = position
    return class_index


def classes_by_index(
    met: NDArray[np.int16],
    denominator: NDArray[np.int16],
    usable: NDArray[np.bool_],
    scheme: ClassScheme,
) -> NDArray[np.int8]:
    """Class position per household by its index ``met / denominator`` (``-1``: none).

    The comparison is exact, in integers: ``met / d > p / q`` is ``met × q > p × d``, so
    8 of 10 is exactly 0.800 and falls in PIS-PK's *pra-sehat* (0.500–0.800), never in
    *sehat* (> 0.800) by a rounding error (docs/aturan.md §4.2).

    >>> from phbs.forms.loading import load_form
    >>> scheme = load_form("pispk-12").form.classes
    >>> met, den = np.array([8, 9, 5, 4], np.int16), np.array([10, 11, 10, 9], np.int16)
    >>> [scheme.classes[i].code for i in classes_by_index(met, den, den > 0, scheme)]
    ['pra_sehat', 'sehat', 'pra_sehat', 'tidak_sehat']
    """
    met64 = met.astype(np.int64)
    den64 = denominator.astype(np.int64)
    class_index = np.full(len(met), -1, dtype=np.int8)
    for position, household_class in enumerate(scheme.classes):
        low, low_in, high, high_in = household_class.index_bounds()
        # met/den vs p/q, with den > 0 and q > 0: compare met*q with p*den.
        above = met64 * low.denominator - low.numerator * den64
        below = high.numerator * den64 - met64 * high.denominator
        inside = usable & ((above >= 0) if low_in else (above > 0))
        inside &= (below >= 0) if high_in else (below > 0)
        class_index[inside] = position
    return class_index


@dataclass(frozen=True)
class AreaCounts:
    """Summed counts for a set of areas (one row per area). Percentages come from these."""

    keys: list[str]
    surveyed: NDArray[np.int64]
    status: NDArray[np.int64]  # areas × 3 (Status order)
    ya: NDArray[np.int64]  # areas × indicators
    answered: NDArray[np.int64]  # areas × indicators: applicable and answered (Ya or Tidak)
    missing: NDArray[np.int64]  # areas × indicators: applicable but missing
    classes: NDArray[np.int64]  # areas × classes

    def with_keys(self, extra: list[str]) -> AreaCounts:
        """These areas and the ``extra`` keys with zero counts, in sorted key order (villages
        listed in a villages file but not surveyed, docs/aturan.md §5.3)."""
        if not extra:
            return self
        keys = self.keys + extra
        order = np.argsort(np.asarray(keys, dtype=object), kind="stable")

        def grow(values: NDArray[np.int64]) -> NDArray[np.int64]:
            pad = np.zeros((len(extra), *values.shape[1:]), dtype=values.dtype)
            return np.concatenate([values, pad])[order]

        return AreaCounts(
            keys=[keys[i] for i in order],
            surveyed=grow(self.surveyed),
            status=grow(self.status),
            ya=grow(self.ya),
            answered=grow(self.answered),
            missing=grow(self.missing),
            classes=grow(self.classes),
        )

    def rollup(self, parent_of: dict[str, str]) -> tuple[AreaCounts, NDArray[np.intp]]:
        """Sum these areas into their parents; also return each area's parent position."""
        parents = sorted({parent_of[k] for k in self.keys})
        position = {p: i for i, p in enumerate(parents)}
        inverse = np.array([position[parent_of[k]] for k in self.keys], dtype=np.intp)
        return (
            AreaCounts(
                keys=parents,
                surveyed=_sum_rows(self.surveyed, inverse, len(parents)),
                status=_sum_rows(self.status, inverse, len(parents)),
                ya=_sum_rows(self.ya, inverse, len(parents)),
                answered=_sum_rows(self.answered, inverse, len(parents)),
                missing=_sum_rows(self.missing, inverse, len(parents)),
                classes=_sum_rows(self.classes, inverse, len(parents)),
            ),
            inverse,
        )


def _sum_rows(
    values: NDArray[np.int64], inverse: NDArray[np.intp], groups: int
) -> NDArray[np.int64]:
    out = np.zeros((groups, *values.shape[1:]), dtype=np.int64)
    np.add.at(out, inverse, values)
    return out


def count_by_group(
    keys: list[str],
    states: NDArray[np.int8],
    outcomes: HouseholdOutcomes,
    class_count: int,
) -> AreaCounts:
    """Count households, outcomes and indicator answers per group key.

    ``answered`` is the recap sheet's *jumlah rumah ada indikator* (applicable and
    answered), ``ya`` its *jumlah jawaban ya* (docs/aturan.md §5.2).
    """
    unique, inverse = np.unique(np.asarray(keys, dtype=object), return_inverse=True)
    groups = len(unique)
    inverse = inverse.astype(np.intp)

    def per_group(mask: NDArray[np.bool_]) -> NDArray[np.int64]:
        if mask.ndim == 1:
            return np.bincount(inverse, weights=mask, minlength=groups).astype(np.int64)
        columns = [
            np.bincount(inverse, weights=mask[:, j], minlength=groups) for j in range(mask.shape[1])
        ]
        return (
            np.stack(columns, axis=1).astype(np.int64)
            if columns
            else np.zeros((groups, 0), np.int64)
        )

    status = np.stack([per_group(outcomes.status == s) for s in Status], axis=1)
    classes = (
        np.stack([per_group(outcomes.class_index == c) for c in range(class_count)], axis=1)
        if class_count
        else np.zeros((groups, 0), dtype=np.int64)
    )
    return AreaCounts(
        keys=[str(k) for k in unique],
        surveyed=np.bincount(inverse, minlength=groups).astype(np.int64),
        status=status,
        ya=per_group(states == YES),
        answered=per_group((states == YES) | (states == NO)),
        missing=per_group(states == MISSING),
        classes=classes,
    )


def percent(numerator: int, denominator: int) -> float | None:
    """``numerator / denominator × 100``, or ``None`` when the denominator is 0.

    >>> percent(1, 3)
    33.33333333333333
    """
    return numerator / denominator * 100 if denominator else None
