"""The XLSForm for ODK Collect / KoBoCollect (docs/aturan.md §2.2 applicability, §10.2 XLSForm).

pyxform converts each generated workbook; for every bundled form, plain and for one regency,
with validation on: ODK Validate (JavaRosa, bundled with pyxform) runs on Java, which
``.ci/run`` installs (``default-jre-headless``). The other tests convert without it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from pyxform import xls2xform  # type: ignore[import-untyped]

from phbs.cli.root import cli
from phbs.forms.fields import (
    KECAMATAN_FIELD,
    LANG_EN,
    LANG_ID,
    SURVEY_COLUMNS,
    question_paths,
    xlsform_sheets,
)
from phbs.forms.loading import bundled_forms, load_form
from phbs.regions import region_table
from phbs.reports.fieldforms.xlsform import write_xlsform


def convert(path: Path, *, validate: bool = False) -> tuple[str, list[str]]:
    """The XForm XML of a workbook and pyxform's warnings; ``validate`` runs ODK Validate."""
    if validate and shutil.which("java") is None:
        pytest.fail("java not found: apt-get install default-jre-headless (.ci/run does)")
    warnings: list[str] = []
    result = xls2xform.convert(xlsform=str(path), warnings=warnings, validate=validate)
    return str(result.xform), warnings


def survey_rows(path: Path) -> list[dict[str, str]]:
    """The survey sheet as read back from the file, one dict per question row."""
    book = openpyxl.load_workbook(path)
    rows = list(book["survey"].iter_rows(values_only=True))
    header = [str(c) for c in rows[0]]
    return [
        {h: ("" if c is None else str(c)) for h, c in zip(header, r, strict=False)}
        for r in rows[1:]
    ]


@pytest.mark.parametrize("name", sorted(bundled_forms()))
@pytest.mark.parametrize("kabupaten", [None, "63.10"])
def test_pyxform_accepts_every_bundled_form(
    tmp_path: Path, name: str, kabupaten: str | None
) -> None:
    """docs/aturan.md §10.2: pyxform converts the XLSForm and ODK Validate (JavaRosa) accepts
    it, without errors or warnings."""
    path = write_xlsform(load_form(name).form, tmp_path / "form.xlsx", kabupaten=kabupaten)
    xform, warnings = convert(path, validate=True)
    assert warnings == []
    assert "<instanceID/>" in xform  # pyxform adds meta/instanceID itself (docs/aturan.md §10.2)
    assert f'lang="{LANG_ID}"' in xform
    assert f'lang="{LANG_EN}"' in xform


def test_sheets_and_languages(tmp_path: Path) -> None:
    """docs/aturan.md §10.2: sheets survey, choices, settings; labels in Indonesian and English."""
    path = write_xlsform(load_form("kemenkes-rt-10").form, tmp_path / "form.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["survey", "choices", "settings"]
    header = [c.value for c in book["survey"][1]]
    assert f"label::{LANG_ID}" in header
    assert f"label::{LANG_EN}" in header
    settings = {
        c.value: v.value for c, v in zip(book["settings"][1], book["settings"][2], strict=True)
    }
    assert settings["default_language"] == LANG_ID
    assert settings["form_id"] == "kemenkes_rt_10"


def test_applicability_as_relevant_and_choices(tmp_path: Path) -> None:
    """docs/aturan.md §2.2, §10.2: 1 and 3 for a child 0–59 months, 2 for 0–6 months;
    a '-' mark allowed without a context field gives a third choice (8–10); 4–7 Ya/Tidak."""
    path = write_xlsform(load_form("kemenkes-rt-10").form, tmp_path / "form.xlsx")
    rows = {r["name"]: r for r in survey_rows(path)}
    age = "${umur_anak_termuda_bulan}"
    assert rows["persalinan_nakes"]["relevant"] == f"{age} != '' and {age} >= 0 and {age} <= 59"
    assert rows["asi_eksklusif"]["relevant"].endswith(f"{age} <= 6")
    assert rows["timbang_balita"]["relevant"].endswith(f"{age} <= 59")
    for code in ("persalinan_nakes", "asi_eksklusif", "timbang_balita"):
        assert rows[code]["type"] == "select_one ya_tidak"
    for code in ("air_bersih", "cuci_tangan", "jamban_sehat", "berantas_jentik"):
        assert rows[code]["type"] == "select_one ya_tidak"
        assert rows[code]["relevant"] == ""
    for code in ("buah_sayur", "aktivitas_fisik", "tidak_merokok"):
        assert rows[code]["type"] == "select_one ya_tidak_tb"
    assert all(rows[c]["required"] == "yes" for c in load_form("kemenkes-rt-10").form.codes)
    assert rows["umur_anak_termuda_bulan"]["type"] == "integer"
    assert rows["umur_anak_termuda_bulan"]["constraint"] == ". >= 0 and . <= 59"
    assert rows["umur_anak_termuda_bulan"]["required"] == ""  # blank = no child under five
    assert rows["kode_desa"]["type"] == "text"
    assert rows["kode_desa"]["constraint"].startswith("regex(.")


def test_choice_values_are_answer_spellings() -> None:
    """Exports carry choice names (XML values): each must read back as its answer (§2.1)."""
    form = load_form("kemenkes-rt-10").form
    choices = xlsform_sheets(form)["choices"][1:]
    by_list = {(r[0], r[1]) for r in choices}
    assert by_list == {
        ("ya_tidak", "ya"),
        ("ya_tidak", "tidak"),
        ("ya_tidak_tb", "ya"),
        ("ya_tidak_tb", "tidak"),
        ("ya_tidak_tb", "tb"),
    }


def test_kabupaten_cascading_select(tmp_path: Path) -> None:
    """aturan.md §9.2, §10.2: 63.10 Tanah Bumbu has 12 kecamatan; desa filtered by kecamatan."""
    form = load_form("kemenkes-rt-10").form
    sheets = xlsform_sheets(form, kabupaten="63.10")
    choices = sheets["choices"][1:]
    kecamatan = [r for r in choices if r[0] == "kecamatan"]
    desa = [r for r in choices if r[0] == "desa"]
    assert len(kecamatan) == 12
    assert [r[1] for r in desa] == region_table().villages_in("63.10")
    segumbang = next(r for r in desa if r[1] == "63.10.01.2005")
    assert segumbang[2] == "Desa Segumbang"
    assert segumbang[4] == "63.10.01"
    rows = {r[1]: r for r in sheets["survey"][1:]}
    assert rows["kode_desa"][0] == "select_one desa"
    assert "kecamatan=${" + KECAMATAN_FIELD + "}" in rows["kode_desa"]
    assert rows[KECAMATAN_FIELD][0] == "select_one kecamatan"


def test_question_paths_follow_groups() -> None:
    """Export headers are group paths (docs/aturan.md §10.3: ``rumah_tangga/air_bersih``)."""
    sheets = xlsform_sheets(load_form("kemenkes-rt-10").form)
    paths = question_paths(sheets["survey"])
    assert paths["kode_desa"] == "identitas/kode_desa"
    assert paths["persalinan_nakes"] == "kia_dan_gizi/persalinan_nakes"
    assert question_paths(sheets["survey"], "-")["tidak_merokok"] == "gaya_hidup-tidak_merokok"


def test_label_starting_with_equals_stays_text(tmp_path: Path) -> None:
    """docs/aturan.md §10.6 XlsxWriter: a string starting with '=' must not become a formula."""
    from phbs.reports.fieldforms.xlsform import write_sheets

    path = write_sheets(tmp_path / "x.xlsx", {"survey": [["type", "name"], ["note", "=1+1"]]})
    book = openpyxl.load_workbook(path)
    assert book["survey"]["B2"].value == "=1+1"
    assert book["survey"]["B2"].data_type == "s"


def test_cli_xlsform(tmp_path: Path) -> None:
    """`phbs forms xlsform NAME -o form.xlsx [--kabupaten]`; bad regency and suffix → exit 2."""
    out = tmp_path / "form.xlsx"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["forms", "xlsform", "kemenkes-rt-10", "-o", str(out), "--kabupaten", "63.10"]
    )
    assert result.exit_code == 0, result.output
    assert convert(out)[1] == []
    bad = runner.invoke(
        cli, ["forms", "xlsform", "kemenkes-rt-10", "-o", str(out), "--kabupaten", "63.99"]
    )
    assert bad.exit_code == 2
    assert "63.99" in bad.output
    suffix = runner.invoke(
        cli, ["forms", "xlsform", "kemenkes-rt-10", "-o", str(tmp_path / "f.csv")]
    )
    assert suffix.exit_code == 2


def _instance_id(xform: str) -> tuple[str, str]:
    """The ``id`` and ``version`` attributes of the XForm's main instance."""
    match = re.search(r'<data id="([^"]+)" version="([^"]+)"', xform) or re.search(
        r'<[A-Za-z_]+ id="([^"]+)" version="([^"]+)"', xform
    )
    assert match, xform[:500]
    return match[1], match[2]


def test_variants_have_their_own_id_and_version(tmp_path: Path) -> None:
    """docs/aturan.md §10.2: the plain form and each regency's form are different forms to ODK
    Central (ids differ), a form whose content changes gets a new version, and the same form
    written twice keeps its id and version."""
    form = load_form("kemenkes-rt-10").form
    found = {}
    for label, kabupaten in (("plain", None), ("tanah-bumbu", "63.10"), ("kotabaru", "63.02")):
        path = write_xlsform(form, tmp_path / f"{label}.xlsx", kabupaten=kabupaten)
        found[label] = _instance_id(convert(path)[0])
    again = write_xlsform(form, tmp_path / "again.xlsx")
    assert _instance_id(convert(again)[0]) == found["plain"]
    assert found["plain"][0] == "kemenkes_rt_10"
    assert found["tanah-bumbu"][0] == "kemenkes_rt_10_6310"
    assert found["kotabaru"][0] == "kemenkes_rt_10_6302"
    versions = {version for _, version in found.values()}
    assert len(versions) == 3
    assert all(version.startswith("2011-") for version in versions)
    other = load_form("jateng-rt-16").form
    assert _instance_id(convert(write_xlsform(other, tmp_path / "j.xlsx"))[0])[1] not in versions


def test_form_id_and_version_options(tmp_path: Path) -> None:
    out = tmp_path / "f.xlsx"
    result = CliRunner().invoke(
        cli,
        ["forms", "xlsform", "kemenkes-rt-10", "-o", str(out), "--form-id", "phbs_tanbu_2026",
         "--form-version", "2026.1"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert _instance_id(convert(out)[0]) == ("phbs_tanbu_2026", "2026.1")
    refused = CliRunner().invoke(
        cli, ["forms", "xlsform", "kemenkes-rt-10", "-o", str(tmp_path / "g.xlsx"),
              "--form-id", "1 salah"],
    )  # fmt: skip
    assert refused.exit_code == 2
    assert "--form-id '1 salah'" in refused.output
    assert not (tmp_path / "g.xlsx").exists()


def test_group_labels_in_both_languages() -> None:
    """The English labels of the indicator groups are English (docs/aturan.md §10.2): the
    four groups of kemenkes-rt-10, and "Indicators" for a form without groups."""
    column_en = SURVEY_COLUMNS.index(f"label::{LANG_EN}")
    column_id = SURVEY_COLUMNS.index(f"label::{LANG_ID}")

    def groups(name: str) -> list[tuple[str, str]]:
        survey = xlsform_sheets(load_form(name).form)["survey"]
        return [
            (row[column_id], row[column_en])
            for row in survey[1:]
            if row[0] == "begin group" and row[1] != "identitas"
        ]

    assert groups("kemenkes-rt-10") == [
        ("KIA dan gizi", "Maternal and child health and nutrition"),
        ("Kesehatan lingkungan", "Environmental health"),
        ("Gaya hidup", "Lifestyle"),
    ]
    assert ("Upaya kesehatan masyarakat", "Community health efforts") in groups("jateng-rt-16")
    assert groups("sekolah-8") == [("Indikator", "Indicators")]


def test_a_context_not_asked_on_the_phone(tmp_path: Path) -> None:
    """docs/aturan.md §10.2: pispk-12 does not ask the youngest child's age on the phone
    (``on_phone: false``): indicators 2–5 (PIS-PK numbering) are asked of every family, with
    Tidak berlaku and no relevance, as the surveyor's '-' decides on paper; kemenkes-rt-10
    still asks the age and hides its indicators 1–3 by it."""
    pispk = xlsform_sheets(load_form("pispk-12").form)["survey"]
    rows = {row[1]: row for row in pispk[1:]}
    assert "umur_anak_termuda_bulan" not in rows
    relevant = SURVEY_COLUMNS.index("relevant")
    for code in ("persalinan_faskes", "imunisasi_dasar_lengkap", "asi_eksklusif",
                 "pemantauan_pertumbuhan"):  # fmt: skip
        assert rows[code][0] == "select_one ya_tidak_tb", code
        assert rows[code][relevant] == "", code
    assert rows["jamban_sehat"][0] == "select_one ya_tidak"  # '-' not allowed
    kemenkes = {row[1]: row for row in xlsform_sheets(load_form("kemenkes-rt-10").form)["survey"]}
    assert "umur_anak_termuda_bulan" in kemenkes
    assert kemenkes["asi_eksklusif"][0] == "select_one ya_tidak"
    assert kemenkes["asi_eksklusif"][relevant].startswith("${umur_anak_termuda_bulan} != ''")
    path = write_xlsform(load_form("pispk-12").form, tmp_path / "pispk.xlsx")
    assert convert(path, validate=True)[1] == []


def test_school_form_asks_for_the_school_and_reads_back(tmp_path: Path) -> None:
    """docs/aturan.md §10.2: sekolah-8 asks a school's identity (NPSN, name), not a
    household's; an export with the XLSForm's names or its labels as headers is read back,
    the NPSN as the unit's id and the school's name known but not read. Hand-worked: school A
    answers ya to all 8 indicators (ber-PHBS), school B tidak on one (not ber-PHBS)."""
    from phbs.ingest.validate import read_survey
    from phbs.scoring.results import score
    from phbs.scoring.summary import summarise

    form = load_form("sekolah-8")
    survey = xlsform_sheets(form.form)["survey"]
    names = [row[1] for row in survey[1:] if row[0] not in {"begin group", "end group"}]
    labels = {row[1]: row[2] for row in survey[1:] if row[0] != "end group"}
    assert "nama_kepala_rt" not in names
    assert "dusun" not in names
    assert labels["id_rumah_tangga"] == "NPSN / ID sekolah"
    assert labels["identitas"] == "Identitas sekolah"
    codes = form.form.codes
    answers = {"A": ["ya"] * 8, "B": ["ya"] * 7 + ["tidak"]}
    for style in ("names", "labels"):
        header = ["Kode desa", "NPSN / ID sekolah", "Nama sekolah"] if style == "labels" else [
            "kode_desa", "id_rumah_tangga", "nama_sekolah"]  # fmt: skip
        header += [labels[c] if style == "labels" else c for c in codes]
        rows = [header]
        for school, values in answers.items():
            rows.append(["63.10.01.2005", f"3030{school}", f"SD Negeri {school}", *values])
        path = tmp_path / f"ekspor-{style}.csv"
        path.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")
        read = read_survey([path], form)
        assert {i.code for i in read.issues} == set(), (style, read.issues)
        area = summarise(score(read)).wilayah[0]
        assert (area.ber_phbs, area.tidak_ber_phbs) == (1, 1), style
