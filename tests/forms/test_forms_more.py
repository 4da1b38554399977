"""More forms (docs/aturan.md §4) and `phbs forms check`."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import SEGUMBANG, read, write_csv
from pyxform import xls2xform  # type: ignore[import-untyped]

from phbs.cli.root import cli
from phbs.forms.check import check_form
from phbs.forms.loading import load_form
from phbs.reports.fieldforms.xlsform import write_xlsform
from phbs.scoring.results import score
from phbs.scoring.summary import summarise

SCHOOL = [
    "cuci_tangan",
    "jajan_kantin",
    "jamban_sehat",
    "olahraga",
    "berantas_jentik",
    "tidak_merokok",
    "timbang_ukur",
    "buang_sampah",
]


def test_sekolah_8_indicators() -> None:
    """docs/aturan.md §4.3 (`sekolah-8`): the eight indicators in order, all always applicable."""
    form = load_form("sekolah-8").form
    assert form.codes == SCHOOL
    assert form.setting == "institusi_pendidikan"
    assert not any(i.na_mark_allowed or i.applies_to.context for i in form.indicators)


def test_sekolah_8_scores_and_makes_an_xlsform(tmp_path: Path) -> None:
    """Two schools in one village: one meets all eight, one does not → 50 % ber-PHBS."""
    rows = [
        ["id_rumah_tangga", "kode_desa", *SCHOOL],
        ["20301234", SEGUMBANG, *["Ya"] * 8],
        ["20301235", SEGUMBANG, *["Ya"] * 7, "Tidak"],
    ]
    survey = read(write_csv(tmp_path / "sekolah.csv", rows), "sekolah-8")
    report = summarise(score(survey))
    assert [(a.ber_phbs, a.tidak_ber_phbs) for a in report.wilayah] == [(1, 1)]
    warnings: list[str] = []
    path = write_xlsform(load_form("sekolah-8").form, tmp_path / "sekolah.xlsx")
    xls2xform.convert(xlsform=str(path), warnings=warnings, validate=False)
    assert warnings == []


def test_check_valid_form() -> None:
    """A bundled form has no problems."""
    assert check_form(load_form("kemenkes-rt-10").path) == []


def test_check_explains_each_problem(tmp_path: Path) -> None:
    """A typo'd key, a bad code and a missing key are each located and explained."""
    text = load_form("sekolah-8").path.read_text(encoding="utf-8")
    text = text.replace("na_mark_allowed: false", "na_mark_allowd: false", 1)
    text = text.replace("code: olahraga", "code: Olahraga", 1)
    text = text.replace("title_en: School PHBS (8 indicators)\n", "", 1)
    path = tmp_path / "sekolah-kab.yaml"
    path.write_text(text, encoding="utf-8")
    problems = {(p.location, p.kind) for p in check_form(path)}
    assert ("title_en", "missing") in problems
    assert ("indicators.0.na_mark_allowd", "extra_forbidden") in problems
    assert ("indicators.0.na_mark_allowed", "missing") in problems
    assert ("indicators.3.code", "string_pattern_mismatch") in problems
    result = CliRunner().invoke(cli, ["forms", "check", str(path)])
    assert result.exit_code == 1
    assert "indicators.3.code" in result.output
    # the paper form numbers indicators from 1: position 3 of the list is indicator 4
    # (docs/aturan.md §4.4)
    assert "indicators.3.code (4. " in result.output
    assert "salah ketik" in result.output
    ok = CliRunner().invoke(cli, ["forms", "check", str(load_form("sekolah-8").path)])
    assert ok.exit_code == 0
    assert ok.output.startswith("OK")
