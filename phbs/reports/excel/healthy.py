"""The % rumah tangga sehat columns of the workbook's area sheet (docs/aturan.md §5.1): the
households in a healthy class, those with a class and those without one, the % and its
interval."""

from __future__ import annotations

from collections.abc import Sequence

from phbs.reports.excel.sheet import Cell, Pct
from phbs.reports.healthy import total_healthy, with_healthy
from phbs.scoring.summary import AreaSummary

#: The columns, in order, for a form whose classes count indicators and have a healthy one.
HEALTHY_SHEET_COLUMNS = [
    "rumah_tangga_sehat",
    "rumah_tangga_berkelas",
    "rumah_tangga_tanpa_kelas",
    "persen_rumah_tangga_sehat",
    "persen_rumah_tangga_sehat_bawah",
    "persen_rumah_tangga_sehat_atas",
]


def healthy_columns(areas: Sequence[AreaSummary]) -> list[str]:
    """:data:`HEALTHY_SHEET_COLUMNS` when the areas carry the measure, else nothing."""
    return list(HEALTHY_SHEET_COLUMNS) if with_healthy(areas) else []


def healthy_values(area: AreaSummary) -> dict[str, Cell]:
    """One area's cells of :data:`HEALTHY_SHEET_COLUMNS`."""
    return {
        "rumah_tangga_sehat": area.rumah_tangga_sehat,
        "rumah_tangga_berkelas": area.rumah_tangga_berkelas,
        "rumah_tangga_tanpa_kelas": area.rumah_tangga_tanpa_kelas,
        "persen_rumah_tangga_sehat": Pct(area.persen_rumah_tangga_sehat),
        "persen_rumah_tangga_sehat_bawah": Pct(area.persen_rumah_tangga_sehat_bawah),
        "persen_rumah_tangga_sehat_atas": Pct(area.persen_rumah_tangga_sehat_atas),
    }


def healthy_totals(areas: Sequence[AreaSummary]) -> dict[str, Cell]:
    """The total row's cells: counts summed over ``areas``, the % recomputed from them."""
    sehat, berkelas, share = total_healthy(areas)
    return {
        "rumah_tangga_sehat": sehat,
        "rumah_tangga_berkelas": berkelas,
        "rumah_tangga_tanpa_kelas": sum(a.rumah_tangga_tanpa_kelas or 0 for a in areas),
        "persen_rumah_tangga_sehat": Pct(share),
    }
