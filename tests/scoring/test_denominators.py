"""Denominators of % ber-PHBS and the area IKS as a form sets them (docs/aturan.md §5.1, §4.2).

Every expected value is worked out by hand in the comments, and the interval bounds come from
the published Wilson formula in ``tests/reference_stats.py`` (standard library only), never
from phbs.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import INDICATORS, KAMPUNG_BARU, SEGUMBANG, answers, read, write_csv
from pydantic import ValidationError
from reference_stats import wilson

from phbs.cli.root import cli
from phbs.contest.measures import read_village_summary
from phbs.forms.loading import load_form
from phbs.forms.model import Form
from phbs.ingest.villages import read_villages
from phbs.scoring.results import score
from phbs.scoring.summary import summarise

HEADER = ["id_rumah_tangga", "kode_desa", "umur_anak_termuda_bulan", *INDICATORS]

#: One village of 10 households surveyed: 6 ber-PHBS (every applicable indicator Ya),
#: 2 tidak ber-PHBS (a Tidak), 2 belum lengkap (a blank, the rest Ya).
#: % ber-PHBS over complete households = 6 / (6 + 2) = 75 %; over surveyed = 6 / 10 = 60 %.
VILLAGE = [
    *[("B", "--- YYYY YYY")] * 6,
    *[("T", "--- TYYY YYY")] * 2,
    *[("L", "--- YYYY YY.")] * 2,
]


def write_village(folder: Path, code: str = SEGUMBANG, prefix: str = "") -> Path:
    rows = [HEADER]
    for n, (kind, spec) in enumerate(VILLAGE):
        rows.append([f"{prefix}{kind}{n}", code, "", *answers(spec)])
    return write_csv(folder / f"survei-{prefix or 'a'}.csv", rows)


def form_copy(folder: Path, name: str = "kemenkes-rt-10", **replace: str) -> Path:
    """A copy of a bundled form (docs/formulir.md) with some lines of its text replaced."""
    text = load_form(name).path.read_text(encoding="utf-8")
    for old, new in {f"id: {name}": "id: kabku", **replace}.items():
        assert old in text
        text = text.replace(old, new)
    path = folder / "kabku.yaml"
    path.write_text(text, encoding="utf-8")
    return path


SURVEYED = {"persen_ber_phbs: lengkap": "persen_ber_phbs: disurvei"}


def test_bundled_forms_keep_todays_denominators_with_a_source() -> None:
    """docs/aturan.md §5.1, §4.2: every bundled form states the default and its source."""
    names = ("kemenkes-rt-10", "jateng-rt-16", "jateng-rt-16-hunian", "pispk-12")
    for name in (*names, "riskesdas-2013", "sekolah-8"):
        denominators = load_form(name).form.denominators
        assert denominators.persen_ber_phbs.value == "lengkap"
        assert denominators.iks_wilayah.value == "berindeks"
        source = denominators.source or ""
        assert "ASUMSI" in source or "Permenkes" in source


def test_a_form_without_denominators_uses_the_default() -> None:
    data = load_form("kemenkes-rt-10").form.model_dump(exclude={"denominators"})
    assert Form.model_validate(data).denominators.persen_ber_phbs.value == "lengkap"


def test_denominators_need_known_values() -> None:
    data = load_form("kemenkes-rt-10").form.model_dump()
    for bad in (
        {"persen_ber_phbs": "semua", "source": "x"},
        # docs/aturan.md §4.2: the area IKS exists only for index classes (pispk-12).
        {"iks_wilayah": "semua_keluarga", "source": "x"},
    ):
        with pytest.raises(ValidationError):
            Form.model_validate({**data, "denominators": bad})


def test_percent_over_complete_and_over_surveyed(tmp_path: Path) -> None:
    """docs/aturan.md §5.1, §5.4: 6 ber, 2 tidak, 2 belum lengkap of 10 surveyed gives 75 %
    over complete households and 60 % over surveyed; each interval over its own denominator."""
    survey_file = write_village(tmp_path)
    complete = summarise(score(read(survey_file))).wilayah[0]
    surveyed = summarise(score(read(survey_file, form_copy(tmp_path, **SURVEYED)))).wilayah[0]
    assert (complete.ber_phbs, complete.tidak_ber_phbs, complete.belum_lengkap) == (6, 2, 2)
    assert complete.persen_ber_phbs == 75.0
    assert surveyed.persen_ber_phbs == 60.0
    # Wilson 95 % of 6/8 and 6/10 (published formula, reference_stats.wilson).
    for area, trials in ((complete, 8), (surveyed, 10)):
        low, high = wilson(6, trials)
        assert area.persen_ber_phbs_bawah == pytest.approx(low * 100, abs=1e-9)
        assert area.persen_ber_phbs_atas == pytest.approx(high * 100, abs=1e-9)
    # By hand: z = 1.959964, z² = 3.841459, p̂ = 0.6, n = 10: centre (0.6 + z²/20) /
    # (1 + z²/10) = 0.792073 / 1.384146 = 0.57224; half width z·√(0.024 + z²/400) /
    # (1 + z²/10) = 1.959964 × 0.183313 / 1.384146 = 0.25957 → 31.3 %–83.2 %.
    assert round(surveyed.persen_ber_phbs_bawah or 0, 1) == 31.3
    assert round(surveyed.persen_ber_phbs_atas or 0, 1) == 83.2


def test_finite_population_correction_uses_the_same_denominator(tmp_path: Path) -> None:
    """docs/aturan.md §5.4: a village of 40 households, 10 surveyed: over surveyed the
    population is the village itself (40); over complete households it is 8 × 40 / 10 = 32."""
    survey_file = write_village(tmp_path)
    villages = write_csv(
        tmp_path / "desa.csv", [["kode_desa", "jumlah_rumah_tangga"], [SEGUMBANG, "40"]]
    )
    totals = read_villages(villages)
    complete = summarise(score(read(survey_file)), villages=totals).wilayah[0]
    form = form_copy(tmp_path, **SURVEYED)
    surveyed = summarise(score(read(survey_file, form)), villages=totals).wilayah[0]
    for area, trials, population in ((complete, 8, 32.0), (surveyed, 10, 40.0)):
        low, high = wilson(6, trials, population=population)
        assert area.persen_ber_phbs_bawah == pytest.approx(low * 100, abs=1e-9)
        assert area.persen_ber_phbs_atas == pytest.approx(high * 100, abs=1e-9)


def test_roll_up_sums_the_matching_counts(tmp_path: Path) -> None:
    """docs/aturan.md §5.5: two such villages make a kabupaten of 20 surveyed, 12 ber-PHBS:
    12 / 20 = 60 % over surveyed (12 / 16 = 75 % over complete)."""
    files = [write_village(tmp_path), write_village(tmp_path, KAMPUNG_BARU, "k")]
    form = form_copy(tmp_path, **SURVEYED)
    kabupaten = summarise(score(read(files, form)), by="kabupaten").wilayah[0]
    assert (kabupaten.rumah_tangga_disurvei, kabupaten.ber_phbs) == (20, 12)
    assert kabupaten.persen_ber_phbs == 60.0
    low, high = wilson(12, 20)
    assert kabupaten.persen_ber_phbs_bawah == pytest.approx(low * 100, abs=1e-9)
    assert kabupaten.persen_ber_phbs_atas == pytest.approx(high * 100, abs=1e-9)


# A PIS-PK family without children under five: IKS = Ya / 4 over rokok, JKN, air, jamban.
_NO_CHILD = ["-"] * 8
PISPK_HEADER = ["id_rumah_tangga", "kode_desa", "umur_anak_termuda_bulan"]


def write_families(folder: Path) -> Path:
    """1,000 families: 450 sehat (4/4), 350 tidak sehat (1/4), 200 with a blank (no IKS)."""
    codes = load_form("pispk-12").form.codes
    rows = [[*PISPK_HEADER, *codes]]
    for n in range(1000):
        if n < 450:
            cells = [*_NO_CHILD, "Ya", "Ya", "Ya", "Ya"]
        elif n < 800:
            cells = [*_NO_CHILD, "Tidak", "Tidak", "Tidak", "Ya"]
        else:
            cells = [*_NO_CHILD, "Ya", "Ya", "Ya", ""]
        rows.append([f"K{n}", SEGUMBANG, "", *cells])
    return write_csv(folder / "keluarga.csv", rows)


def test_area_iks_over_families_with_an_index_or_all_families(tmp_path: Path) -> None:
    """docs/aturan.md §4.2: 450 sehat of 800 families with an index = 0.5625 (default);
    over all 1,000 families surveyed = 0.450."""
    families = write_families(tmp_path)
    default = summarise(score(read(families, "pispk-12"))).wilayah[0]
    form = form_copy(
        tmp_path, "pispk-12", **{"iks_wilayah: berindeks": "iks_wilayah: semua_keluarga"}
    )
    every = summarise(score(read(families, form))).wilayah[0]
    assert (default.keluarga_sehat, default.keluarga_berindeks) == (450, 800)
    assert default.keluarga_tanpa_indeks == 200
    assert default.iks_wilayah == 450 / 800
    assert every.iks_wilayah == 0.45
    kabupaten = summarise(score(read(families, form)), by="kabupaten").wilayah[0]
    assert kabupaten.iks_wilayah == 0.45


def test_every_output_states_the_denominator(tmp_path: Path) -> None:
    """docs/aturan.md §5.1: the console, CSV, JSON, workbook and page each say which
    denominator % ber-PHBS used; each file is read back by an independent reader."""
    import openpyxl

    survey_file = write_village(tmp_path)
    form = form_copy(tmp_path, **SURVEYED)
    runner = CliRunner()
    out_csv, out_json = tmp_path / "rekap.csv", tmp_path / "rekap.json"
    shown = runner.invoke(cli, ["score", str(survey_file), "--form", str(form), "-o", str(out_csv)])
    assert shown.exit_code == 0, shown.output
    assert "% ber-PHBS = ber-PHBS / rumah tangga disurvei × 100" in shown.output
    assert "% ber-PHBS/disurvei" in shown.output
    english = runner.invoke(
        cli, ["score", str(survey_file), "--form", str(form), "-o", str(out_json), "--lang", "en"]
    )
    assert english.exit_code == 0, english.output
    assert "% PHBS = PHBS / households surveyed × 100" in english.output

    with out_csv.open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["penyebut_persen_ber_phbs"] == "disurvei"
    assert float(row["persen_ber_phbs"]) == 60.0
    # docs/aturan.md §7.2: the contest reads the percentage from the counts beside it, over
    # the denominator the row names: 6 / 10.
    assert read_village_summary(out_csv).values[SEGUMBANG]["persen_ber_phbs"] == 60.0

    document = json.loads(out_json.read_text(encoding="utf-8"))
    assert document["pengaturan"]["penyebut"]["persen_ber_phbs"] == "disurvei"
    assert document["pengaturan"]["penyebut"]["sumber"]
    assert document["wilayah"][0]["persen_ber_phbs"] == 60.0

    xlsx, html = tmp_path / "laporan.xlsx", tmp_path / "laporan.html"
    made = runner.invoke(
        cli,
        [
            *("report", "--survey", str(survey_file), "--form", str(form)),
            *("--xlsx", str(xlsx), "--html", str(html)),
        ],
    )
    assert made.exit_code == 0, made.output
    book = openpyxl.load_workbook(xlsx, read_only=True)
    cells = [
        str(value)
        for sheet in book.worksheets
        for row_values in sheet.iter_rows(values_only=True)
        for value in row_values
        if value is not None
    ]
    book.close()
    assert "% ber-PHBS dari disurvei" in cells  # the area sheet's column header
    assert "Penyebut (disurvei)" in cells
    assert any(c.startswith("ber-PHBS / rumah tangga disurvei") for c in cells)  # settings
    page = html.read_text(encoding="utf-8")
    assert "Penyebut % ber-PHBS: ber-PHBS / rumah tangga disurvei" in page
    assert "masuk penyebut sebagai tidak ber-PHBS" in page
