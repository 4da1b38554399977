"""What every output of a comparison states (docs/aturan.md §5.8): a village in one round only,
a code joined through the code-change file and a change of form are said on the console, in
the JSON, on the page and in the workbook, which all take :func:`statements`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phbs.forms.denominators import BerPhbsBase
from phbs.forms.loading import load_form
from phbs.ingest.code_changes import read_code_changes
from phbs.reports.trends import trends_view
from phbs.reports.trends_tables import write_trends_json
from phbs.reports.trends_text import statements
from phbs.scoring.household import AreaLevel
from phbs.scoring.summary import AreaSummary, IndicatorCoverage
from phbs.trends.compare import compare_rounds
from phbs.trends.models import Trends
from phbs.trends.rounds import Round

OLD, NEW, ONLY = "63.10.01.2005", "63.10.01.2013", "63.10.02.2002"


def village(code: str, name: str, ber: int, tidak: int) -> AreaSummary:
    coverage = IndicatorCoverage(ya=ber, berlaku=ber + tidak, kosong=0, cakupan=None)
    return AreaSummary(
        tingkat=AreaLevel.DESA,
        kode=code,
        nama=name,
        rumah_tangga_disurvei=ber + tidak,
        ber_phbs=ber,
        tidak_ber_phbs=tidak,
        belum_lengkap=0,
        persen_ber_phbs=ber / (ber + tidak) * 100,
        indikator={"air_bersih": coverage},
        jumlah_desa=1,
    )


@pytest.fixture
def trends(tmp_path: Path) -> Trends:
    """2024 (jateng-rt-16) has Segumbang under its old code; 2025 (kemenkes-rt-10) under a new
    one, and Betung, surveyed in 2025 only."""
    changes = tmp_path / "kode.csv"
    changes.write_text(f"kode_lama,kode_baru\n{OLD},{NEW}\n", encoding="utf-8")
    first = Round(
        "2024",
        {OLD: village(OLD, "Segumbang", 40, 60)},
        "jateng-rt-16",
        "exclude",
        BerPhbsBase.LENGKAP,
        ("air_bersih", "jamban_sehat"),
        ("2024.csv",),
    )
    second = Round(
        "2025",
        {NEW: village(NEW, "Segumbang", 60, 40), ONLY: village(ONLY, "Betung", 5, 5)},
        "kemenkes-rt-10",
        "exclude",
        BerPhbsBase.LENGKAP,
        ("air_bersih",),
        ("2025.csv",),
    )
    return compare_rounds([first, second], code_changes=read_code_changes(changes))


def test_each_reason_is_stated_in_both_languages(trends: Trends) -> None:
    said = " ".join(statements(trends, 0, "id"))
    assert "definisinya berbeda" in said  # the form changed
    assert "jamban_sehat" in said  # an indicator only one form has
    assert f"Segumbang ({OLD}, {NEW})" in said  # the code joined
    assert "Betung (2025)" in said  # a village in one round only
    english = " ".join(statements(trends, 0, "en"))
    assert "defined differently" in english or "definition differs" in english
    assert f"Segumbang ({OLD}, {NEW})" in english
    assert "Betung (2025)" in english


def test_the_page_and_the_workbook_state_what_the_console_states(trends: Trends) -> None:
    view = trends_view(trends, load_form("kemenkes-rt-10").form, "id")
    shared = statements(trends, 0, "id")
    assert all(line in view.statements for line in shared)


def test_the_json_states_them_and_lists_the_issues(trends: Trends, tmp_path: Path) -> None:
    out = tmp_path / "perubahan.json"
    write_trends_json(trends, out)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["catatan"]["2024 → 2025"]["id"] == statements(trends, 0, "id")
    codes = {issue["kode"] for issue in document["masalah"]}
    assert {"kode-desa-digabung", "desa-tidak-ada-di-putaran", "formulir-berbeda"} <= codes
