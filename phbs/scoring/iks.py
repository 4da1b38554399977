"""Area measures of a form's healthy classes: the Indeks Keluarga Sehat of an area for a form
whose classes come from the index (PIS-PK, docs/aturan.md §4.2), and the share of households
in a healthy class (*rumah tangga sehat*) for a form whose classes count indicators
(``jateng-rt-16``, ``riskesdas-2013``, docs/aturan.md §5.1)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from phbs.forms.denominators import DEFAULT_DENOMINATORS, Denominators
from phbs.forms.model import Form
from phbs.scoring.household import AreaCounts, percent
from phbs.scoring.intervals import AreaIntervals


def index_class_health(form: Form) -> list[bool] | None:
    """Which classes are healthy, for a form whose classes come from the index; else None."""
    if form.classes is None or form.classes.basis != "index":
        return None
    return [c.healthy for c in form.classes.classes]


def count_class_health(form: Form) -> list[bool] | None:
    """Which classes are healthy, for a form whose classes count indicators (``met_count``,
    ``met_of_applicable``) and call at least one class healthy; else None."""
    if form.classes is None or form.classes.basis == "index":
        return None
    healthy = [c.healthy for c in form.classes.classes]
    return healthy if any(healthy) else None


@dataclass(frozen=True)
class ClassHealth:
    """The healthy classes of a form and which measure they give: the area IKS
    (``index``) or the % rumah tangga sehat."""

    healthy: list[bool]
    index: bool


def class_health(form: Form) -> ClassHealth | None:
    """The healthy classes of ``form`` and their measure, or None when it has none.

    >>> from phbs.forms.loading import load_form
    >>> class_health(load_form("riskesdas-2013").form)
    ClassHealth(healthy=[False, True], index=False)
    >>> class_health(load_form("kemenkes-rt-10").form) is None
    True
    """
    by_index = index_class_health(form)
    if by_index is not None:
        return ClassHealth(by_index, index=True)
    by_count = count_class_health(form)
    return None if by_count is None else ClassHealth(by_count, index=False)


def area_iks(
    counts: AreaCounts,
    i: int,
    healthy: list[bool],
    bases: Denominators = DEFAULT_DENOMINATORS,
) -> dict[str, int | float | None]:
    """The area IKS of area ``i``: healthy families over the form's denominator.

    docs/aturan.md §4.2: the area IKS is the share of *sehat* families (450 of
    1,000 → 0.45), never the mean family index. By default the denominator is the families
    whose index can be computed (every class count sums to it); families with a missing
    answer have no index and are counted in ``keluarga_tanpa_indeks`` beside it. A form
    whose ``denominators.iks_wilayah`` is ``semua_keluarga`` divides by every family
    surveyed instead (450 healthy of 1,000 families, 200 without an index → 0.45, not
    450 / 800).
    """
    row = counts.classes[i]
    sehat = int(sum(int(n) for n, good in zip(row, healthy, strict=True) if good))
    berindeks = int(row.sum())
    base = bases.iks_base(berindeks, int(counts.surveyed[i]))
    return {
        "keluarga_sehat": sehat,
        "keluarga_berindeks": berindeks,
        "keluarga_tanpa_indeks": int(counts.surveyed[i]) - berindeks,
        "iks_wilayah": sehat / base if base else None,
    }


def area_healthy(
    counts: AreaCounts, ci: AreaIntervals | None, i: int, healthy: list[bool]
) -> dict[str, int | float | None]:
    """The % rumah tangga sehat of area ``i``: households in a healthy class over households
    with a class, with its confidence interval (docs/aturan.md §5.1, §5.4).

    The denominator is the households that have a class (nothing missing, at least one
    indicator applicable); the others are counted in ``rumah_tangga_tanpa_kelas`` beside it.
    """
    row = counts.classes[i]
    sehat = int(sum(int(n) for n, good in zip(row, healthy, strict=True) if good))
    berkelas = int(row.sum())
    low = high = math.nan
    if ci is not None and ci.sehat_lower is not None and ci.sehat_upper is not None:
        low, high = float(ci.sehat_lower[i]), float(ci.sehat_upper[i])
    return {
        "rumah_tangga_sehat": sehat,
        "rumah_tangga_berkelas": berkelas,
        "rumah_tangga_tanpa_kelas": int(counts.surveyed[i]) - berkelas,
        "persen_rumah_tangga_sehat": percent(sehat, berkelas),
        "persen_rumah_tangga_sehat_bawah": None if math.isnan(low) else low,
        "persen_rumah_tangga_sehat_atas": None if math.isnan(high) else high,
    }


def class_measures(
    counts: AreaCounts,
    ci: AreaIntervals | None,
    i: int,
    health: ClassHealth | None,
    bases: Denominators = DEFAULT_DENOMINATORS,
) -> dict[str, int | float | None]:
    """The measures of area ``i`` that a form's healthy classes give (none without); the
    area IKS over the form's denominator (``bases``)."""
    if health is None:
        return {}
    if health.index:
        return area_iks(counts, i, health.healthy, bases)
    return area_healthy(counts, ci, i, health.healthy)
