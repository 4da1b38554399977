"""Village strata as a table in the form (docs/aturan.md §5.6).

The tables here are made by hand for the tests (no published provincial table was found to
bundle, docs/aturan.md §5.6); every expected stratum is worked out by hand in the comments.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    INDICATORS,
    KAMPUNG_BARU,
    KERSIK_PUTIH,
    KOTA_PAGATAN,
    SEGUMBANG,
    answers,
    read,
    write_csv,
)
from pydantic import ValidationError

from phbs.forms.loading import load_form
from phbs.forms.model import Form
from phbs.forms.sources import unsourced_rules
from phbs.forms.village_strata import VillageStrata
from phbs.reports.content import ReportOptions, build_content
from phbs.reports.html.page import render_html
from phbs.reports.strata import DEFAULT_STRATA, Stratum, form_strata, stratum_of
from phbs.scoring.results import score
from phbs.scoring.summary import summarise

BATULICIN = "63.10.01.1007"

#: Four bands: [0, 25), [25, 50), [50, 75], (75, 100].
BANDS: list[dict[str, Any]] = [
    {"label": "Pratama", "label_en": "Basic", "minimum": 0, "maximum": 25, "colour": "#f4a3a3"},
    {"label": "Madya", "label_en": "Middle", "minimum": 25, "maximum": 50, "colour": "#fdd49e"},
    {
        "label": "Utama",
        "label_en": "Advanced",
        "minimum": 50,
        "maximum": 75,
        "max_inclusive": True,
        "colour": "#fff3a3",
    },
    {
        "label": "Paripurna",
        "label_en": "Full",
        "minimum": 75,
        "min_inclusive": False,
        "maximum": 100,
        "max_inclusive": True,
        "colour": "#b8e0b0",
    },
]
SOURCE = "ASUMSI: tabel contoh untuk uji"


def table(bands: list[dict[str, Any]]) -> VillageStrata:
    return VillageStrata.model_validate({"source": SOURCE, "bands": bands})


def with_strata() -> Form:
    form = load_form("kemenkes-rt-10").form
    return form.model_copy(update={"village_strata": table(BANDS)})


def test_a_table_covering_0_to_100_loads() -> None:
    strata = table(BANDS)
    assert [b.label for b in strata.bands] == ["Pratama", "Madya", "Utama", "Paripurna"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({1: {"minimum": 26}}, "without gap or overlap"),  # gap 25–26
        ({1: {"minimum": 24}}, "listed lowest first|without gap or overlap"),  # overlap
        ({1: {"min_inclusive": False}}, "without gap or overlap"),  # 25 in neither band
        ({0: {"max_inclusive": True}}, "without gap or overlap"),  # 25 in both bands
        ({0: {"min_inclusive": False}}, "start at 0"),
        ({3: {"maximum": 99}}, "end at 100"),
        ({3: {"max_inclusive": False}}, "end at 100"),
        ({2: {"maximum": 50, "max_inclusive": False}}, "empty band"),
        ({0: {"colour": "merah"}}, "colour"),
        ({0: {"maximum": 101}}, "maximum"),
    ],
)
def test_a_table_with_a_gap_or_overlap_is_refused(change: dict[int, Any], message: str) -> None:
    bands = [{**band, **change.get(i, {})} for i, band in enumerate(BANDS)]
    with pytest.raises(ValidationError, match=message):
        table(bands)


def test_bands_must_be_in_order() -> None:
    with pytest.raises(ValidationError, match="lowest first"):
        table([BANDS[1], BANDS[0], BANDS[2], BANDS[3]])


def test_a_table_without_a_source_is_listed_by_forms_check() -> None:
    """Like every rule of a form (docs/aturan.md §4.4): it loads, and the check names it."""
    form = with_strata().model_copy(
        update={"village_strata": VillageStrata.model_validate({"bands": BANDS})}
    )
    assert unsourced_rules(form) == ["village_strata.source"]


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (0.0, "Pratama"),
        (24.9, "Pratama"),
        (25.0, "Madya"),  # 25 belongs to the band above (max_inclusive false)
        (49.9, "Madya"),
        (50.0, "Utama"),
        (75.0, "Utama"),  # 75 belongs to Utama (max_inclusive true)
        (75.1, "Paripurna"),
        (100.0, "Paripurna"),
    ],
)
def test_each_band_edge(value: float, label: str) -> None:
    strata = form_strata(with_strata())
    assert stratum_of(value, strata) == next(s for s in strata if s.label == label)
    band = next(b for b in table(BANDS).bands if b.label == label)
    assert band.contains(value)


def test_without_a_table_the_default_strata() -> None:
    assert form_strata(load_form("kemenkes-rt-10").form) == DEFAULT_STRATA
    assert form_strata(with_strata(), "en")[0] == Stratum("Basic", 25.0, "#f4a3a3")


def test_reports_use_the_form_table_and_name_it(tmp_path: Path) -> None:
    """Five villages of 4 households with 0, 1, 2, 3 and 4 ber-PHBS: 0 %, 25 %, 50 %, 75 %
    and 100 %, so Pratama, Madya, Utama, Utama and Paripurna by the table above."""
    header = ["id_rumah_tangga", "kode_desa", "umur_anak_termuda_bulan", *INDICATORS]
    rows = [header]
    villages = [BATULICIN, SEGUMBANG, KERSIK_PUTIH, KOTA_PAGATAN, KAMPUNG_BARU]
    for ber, code in enumerate(villages):
        for n in range(4):
            spec = "--- YYYY YYY" if n < ber else "--- TYYY YYY"
            rows.append([f"{code}-{n}", code, "", *answers(spec)])
    text = load_form("kemenkes-rt-10").path.read_text(encoding="utf-8")
    form_file = tmp_path / "kabku.yaml"
    # JSON is YAML: the table as a form file writes it.
    strata_yaml = "village_strata: " + json.dumps({"source": SOURCE, "bands": BANDS}) + "\n"
    form_file.write_text(text.replace("\nnotes:", "\n" + strata_yaml + "notes:"), "utf-8")
    result = score(read(write_csv(tmp_path / "s.csv", rows), form_file))
    report = summarise(result)
    by_code = {a.kode: a.persen_ber_phbs for a in report.wilayah}
    assert [by_code[c] for c in villages] == [0.0, 25.0, 50.0, 75.0, 100.0]
    content = build_content(result, report)
    labels = {a.kode: stratum_of(a.persen_ber_phbs, content.strata) for a in report.wilayah}
    assert [getattr(labels[c], "label", None) for c in villages] == [
        "Pratama",
        "Madya",
        "Utama",
        "Utama",
        "Paripurna",
    ]
    assert SOURCE in content.strata_source
    setting = dict(content.settings)["Strata desa (% ber-PHBS)"]
    assert setting.startswith("Pratama < 25; Madya < 50; Utama ≤ 75; Paripurna > 75")
    assert SOURCE in setting
    page = render_html(content)
    assert "Strata Paripurna" in page
    assert SOURCE in page
    english = build_content(result, report, ReportOptions(lang="en"))
    assert [s.label for s in english.strata] == ["Basic", "Middle", "Advanced", "Full"]
    # Strata given from Python replace the form's table, and say so.
    given = build_content(result, report, ReportOptions(strata=DEFAULT_STRATA))
    assert given.strata == DEFAULT_STRATA
    assert "ReportOptions" in given.strata_source
