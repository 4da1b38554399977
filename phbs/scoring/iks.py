"""The Indeks Keluarga Sehat of an area, for a form whose household classes come from the index
(PIS-PK, docs/aturan.md §4.2)."""

from __future__ import annotations

from phbs.forms.model import Form
from phbs.scoring.household import AreaCounts


def index_class_health(form: Form) -> list[bool] | None:
    """Which classes are healthy, for a form whose classes come from the index; else None."""
    if form.classes is None or form.classes.basis != "index":
        return None
    return [c.healthy for c in form.classes.classes]


def area_iks(counts: AreaCounts, i: int, healthy: list[bool]) -> dict[str, int | float | None]:
    """The area IKS of area ``i``: healthy families over families with an index.

    docs/aturan.md §4.2: the area IKS is the share of *sehat* families (450 of
    1,000 → 0.45), never the mean family index. The denominator is the families whose
    index can be computed (every class count sums to it); families with a missing answer
    have no index and are counted in ``keluarga_tanpa_indeks`` beside it.
    """
    row = counts.classes[i]
    sehat = int(sum(int(n) for n, good in zip(row, healthy, strict=True) if good))
    berindeks = int(row.sum())
    return {
        "keluarga_sehat": sehat,
        "keluarga_berindeks": berindeks,
        "keluarga_tanpa_indeks": int(counts.surveyed[i]) - berindeks,
        "iks_wilayah": sehat / berindeks if berindeks else None,
    }
