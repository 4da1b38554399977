"""The report workbook, re-opened with independent readers (openpyxl, python-calamine) and
checked cell by cell against the scoring results."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import KERSIK_PUTIH, SEGUMBANG
from python_calamine import CalamineWorkbook
from report_helpers import FORMULA_NAME, UNKNOWN_CODE, Scored, sample, small

from phbs import write_report
from phbs.errors import SettingsError
from phbs.reports.content import ReportOptions, build_content
from phbs.reports.excel.workbook import write_workbook
from phbs.reports.strata import DEFAULT_STRATA, Stratum
from phbs.scoring.summary import AreaSummary

SHEETS = [
    "Ringkasan",
    "Desa",
    "Rekap Indikator",
    "Rekap Dusun",
    "IK Cakupan",
    "Rumah Tangga",
    "Masalah Data",
    "Metadata",
]


def workbook(path: Path) -> Any:
    return openpyxl.load_workbook(path)


def rows(sheet: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in sheet.iter_rows()]


def header_index(sheet: Any) -> dict[str, int]:
    return {cell.value: i for i, cell in enumerate(sheet[1]) if cell.value is not None}


@pytest.fixture
def scored(tmp_path: Path) -> Scored:
    return small(tmp_path, FORMULA_NAME)


@pytest.fixture
def written(scored: Scored, tmp_path: Path) -> Path:
    path = tmp_path / "laporan.xlsx"
    write_report(
        scored.result,
        scored.report,
        ReportOptions(villages=scored.villages, target=50.0),
        xlsx=path,
    )
    return path


def test_sheets_in_order(written: Path) -> None:
    """The report workbook: Ringkasan, Desa, Rekap Indikator (+ Rekap Dusun), IK Cakupan
    (docs/aturan.md §5.4), Rumah Tangga, Masalah Data, Metadata; no Peringkat without a ranking."""
    assert workbook(written).sheetnames == SHEETS


# The hand-made survey of report_helpers.ROWS worked out by hand (docs/aturan.md, "Hasil
# rumah tangga" and "Desa dan wilayah"; strata I < 25, II < 50, III <= 75, IV > 75, the
# Puskesmas practice the report uses by default):
#   Segumbang     S1 ber; S2 jamban_sehat Tidak; S3 tidak_merokok Tidak -> 1 ber, 2 tidak,
#                 1 / 3 = 33.3 % -> II, under the 50 % target
#   Kersik Putih  K1, K3 ber; K2 tidak_merokok blank -> belum lengkap -> 2 ber, 0 tidak,
#                 2 / 2 = 100 % -> IV
#   unknown code  U1 air_bersih Tidak; U2 ber -> 1 ber, 1 tidak, 1 / 2 = 50 % -> III
# Per village: surveyed, ber-PHBS, tidak, belum lengkap, % ber-PHBS, stratum, target met.
BY_HAND = {
    SEGUMBANG: (3, 1, 2, 0, 100 / 3, "II", "tidak"),
    KERSIK_PUTIH: (3, 2, 0, 1, 100.0, "IV", "ya"),
    UNKNOWN_CODE: (2, 1, 1, 0, 50.0, "III", "ya"),
}


def test_village_sheet_matches_scoring_cell_by_cell(written: Path) -> None:
    """Counts are numbers, % ber-PHBS a number with a percent format (0.0%), numerator and
    denominator beside it, stratum as text (aturan.md §5.1, §5.6); every value as worked out by hand
    above."""
    sheet = workbook(written)["Desa"]
    columns = header_index(sheet)
    codes = [sheet.cell(row=r, column=columns["Kode"] + 1).value for r in range(2, 5)]
    assert codes == [SEGUMBANG, KERSIK_PUTIH, UNKNOWN_CODE]
    for r, code in enumerate(codes, start=2):

        def cell(label: str, r: int = r) -> Any:
            return sheet.cell(row=r, column=columns[label] + 1)

        surveyed, ber, tidak, belum, pct, stratum, target = BY_HAND[code]
        assert cell("Kode").data_type == "s"
        for label, value in [
            ("Disurvei", surveyed),
            ("Ber-PHBS", ber),
            ("Tidak ber-PHBS", tidak),
            ("Belum lengkap", belum),
            ("Penyebut (ber-PHBS + tidak)", ber + tidak),
        ]:
            assert cell(label).value == value, (code, label)
            assert isinstance(cell(label).value, int)
            assert cell(label).data_type == "n"
        assert cell("% ber-PHBS").value == pytest.approx(pct / 100)
        assert cell("% ber-PHBS").number_format == "0.0%"
        assert cell("Strata").value == stratum
        assert cell("Capai target").value == target
    names = [sheet.cell(row=r, column=columns["Nama"] + 1).value for r in range(2, 5)]
    assert names == ["Segumbang", "Kersik Putih", FORMULA_NAME]  # from the code table, the file
    total_row = len(BY_HAND) + 3
    assert sheet.cell(row=total_row, column=1).value == "Jumlah"
    assert sheet.cell(row=total_row, column=3).value == 3 + 3 + 2


def test_text_starting_with_equals_stays_text(written: Path) -> None:
    """docs/aturan.md §10.6: a village name or household head starting with '=' is a string,
    never a formula (the workbook has no formula at all)."""
    book = workbook(written)
    desa = book["Desa"]
    names = {desa.cell(row=r, column=1).value: desa.cell(row=r, column=2) for r in range(2, 5)}
    assert names[UNKNOWN_CODE].value == FORMULA_NAME
    assert names[UNKNOWN_CODE].data_type == "s"
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(c.data_type != "f" for c in row), sheet.title


def test_recap_sheet_has_the_recap_columns(written: Path, scored: Scored) -> None:
    """docs/aturan.md §5.2: per indicator, ada indikator (berlaku), jawaban ya, cakupan (%)."""
    sheet = workbook(written)["Rekap Indikator"]
    codes = scored.result.survey.form.form.codes
    assert sheet.cell(row=2, column=3).value == "Jumlah rumah dinilai"
    assert [sheet.cell(row=2, column=4 + k).value for k in range(3)] == [
        "Ada indikator (berlaku)",
        "Jawaban ya",
        "Cakupan (%)",
    ]
    assert sheet.cell(row=1, column=4).value == "1. Persalinan ditolong oleh tenaga kesehatan"
    for r, area in enumerate(scored.report.wilayah, start=3):
        assert sheet.cell(row=r, column=1).value == area.kode
        assert sheet.cell(row=r, column=3).value == area.rumah_tangga_disurvei
        for j, code in enumerate(codes):
            coverage = area.indikator[code]
            col = 4 + 3 * j
            assert sheet.cell(row=r, column=col).value == coverage.berlaku
            assert sheet.cell(row=r, column=col + 1).value == coverage.ya
            pct = sheet.cell(row=r, column=col + 2)
            if coverage.cakupan is None:
                assert pct.value is None
            else:
                assert pct.value == pytest.approx(coverage.cakupan / 100)
                assert pct.number_format == "0.0%"
    assert sheet.conditional_formatting, "coverage heatmap"


def test_dusun_recap(written: Path, scored: Scored) -> None:
    """The recap per dusun when the data has dusun (Segumbang has two)."""
    sheet = workbook(written)["Rekap Dusun"]
    found = [(r[0], r[2], r[3]) for r in rows(sheet)[2:] if r[0] and r[0] != "Jumlah"]
    assert ("63.10.01.2005", "Dusun I", 2) in found
    assert ("63.10.01.2005", "Dusun II", 1) in found


def test_household_sheet_matches_households(written: Path, scored: Scored) -> None:
    """One row per scored household in input order; no names of household heads."""
    sheet = workbook(written)["Rumah Tangga"]
    columns = header_index(sheet)
    assert "Nama kepala rumah tangga" not in columns
    households = list(scored.result.households())
    data = rows(sheet)[1:]
    assert len(data) == len(households)
    status = {"ber_phbs": "Ber-PHBS", "tidak_ber_phbs": "Tidak ber-PHBS"}
    status["belum_lengkap"] = "Belum lengkap"
    for row, household in zip(data, households, strict=True):
        assert row[columns["ID rumah tangga"]] == household.id_rumah_tangga
        assert row[columns["Baris"]] == household.baris
        assert row[columns["Status"]] == status[household.status]
        assert row[columns["Indikator berlaku"]] == household.berlaku
        assert row[columns["Ya"]] == household.ya
        assert row[columns["Kosong"]] == household.kosong
    values = {v for row in data for v in row}
    assert "Siti" not in values


def test_names_only_when_asked(scored: Scored, tmp_path: Path) -> None:
    """docs/aturan.md §1.2: nama_kepala_rt is personal data, shown only with include_names."""
    path = tmp_path / "nama.xlsx"
    write_report(scored.result, scored.report, ReportOptions(include_names=True), xlsx=path)
    sheet = workbook(path)["Rumah Tangga"]
    columns = header_index(sheet)
    names = [row[columns["Nama kepala rumah tangga"]] for row in rows(sheet)[1:]]
    assert names[:3] == ["Siti", "Budi", "=1+1"]
    assert sheet.cell(row=4, column=columns["Nama kepala rumah tangga"] + 1).data_type == "s"


def test_households_split_past_the_row_limit(scored: Scored, tmp_path: Path) -> None:
    """Past the row limit (Excel's 1,048,576; 4 here) the table continues on further
    sheets, each with its header, no household lost or repeated."""
    path = tmp_path / "pecah.xlsx"
    content = build_content(scored.result, scored.report)
    write_workbook(content, path, max_rows=4)
    book = workbook(path)
    names = [n for n in book.sheetnames if n.startswith("Rumah Tangga")]
    assert names == ["Rumah Tangga", "Rumah Tangga (2)", "Rumah Tangga (3)"]
    ids = []
    for name in names:
        sheet = book[name]
        table = rows(sheet)
        assert table[0][0] == "ID rumah tangga"
        assert 2 <= len(table) <= 4
        assert sheet.freeze_panes == "A2"
        ids += [r[0] for r in table[1:]]
    assert ids == [h.id_rumah_tangga for h in scored.result.households()]
    issue_sheets = [n for n in book.sheetnames if n.startswith("Masalah Data")]
    issue_rows = sum(len(rows(book[n])) - 1 for n in issue_sheets)
    assert issue_rows == len(content.issues)


def test_written_in_constant_memory_mode(written: Path) -> None:
    """Constant-memory mode writes inline strings and no shared-string table."""
    with zipfile.ZipFile(written) as archive:
        assert "xl/sharedStrings.xml" not in archive.namelist()
        sheet = archive.read("xl/worksheets/sheet5.xml").decode("utf-8")
    assert 't="inlineStr"' in sheet


def test_tables_are_frozen_filtered_and_print_on_a4_landscape(written: Path) -> None:
    """Frozen header rows, autofilter, landscape A4 with the header repeated."""
    book = workbook(written)
    desa = book["Desa"]
    assert desa.freeze_panes == "C2"
    assert desa.auto_filter.ref is not None
    assert desa.auto_filter.ref.startswith("A1:")
    assert desa.page_setup.orientation == "landscape"
    assert str(desa.page_setup.paperSize) == "9"
    assert desa.print_title_rows == "$1:$1"
    assert desa.conditional_formatting, "strata colours"
    recap = book["Rekap Indikator"]
    assert recap.freeze_panes == "D3"
    assert recap.print_title_rows == "$1:$2"
    assert book["Rumah Tangga"].auto_filter.ref is not None
    widths = [desa.column_dimensions[c].width for c in "ABCDEFGH"]
    assert all(w and w >= 8 for w in widths)


def test_summary_has_headline_reconciliation_and_chart(written: Path, scored: Scored) -> None:
    """Ringkasan: headline figures as numbers, the row reconciliation, a native bar chart."""
    sheet = workbook(written)["Ringkasan"]
    table = rows(sheet)
    by_label = {r[0]: r[1] for r in table if r[0] is not None}
    survey = scored.result.survey
    assert by_label["Rumah tangga disurvei"] == survey.rows_scored
    # By hand (BY_HAND): 1 + 2 + 1 = 4 ber-PHBS of 4 + (2 + 0 + 1) = 7 with a result.
    assert by_label["% rumah tangga ber-PHBS"] == pytest.approx(4 / 7)
    assert f"{survey.rows_read} baris dibaca" in " ".join(str(r[0]) for r in table)
    assert by_label["Jumlah"] == survey.rows_read
    # The setting in words, never its code (the code is in the Metadata sheet).
    assert by_label["Indikator tidak berlaku (--na-policy)"] == "tidak masuk penyebut"
    assert len(sheet._charts) == 1


def test_metadata_has_hashes_and_settings(written: Path, scored: Scored) -> None:
    """Metadata: tool version, form id and SHA-256, every input file's SHA-256, settings."""
    import phbs

    pairs = {r[0]: r[1] for r in rows(workbook(written)["Metadata"])[1:]}
    survey = scored.result.survey
    assert pairs["alat.versi"] == phbs.__version__
    assert pairs["formulir.id"] == "kemenkes-rt-10"
    assert pairs["formulir.sha256"] == survey.form.sha256
    assert pairs["berkas_masukan.1.sha256"] == survey.files[0].sha256
    assert scored.villages is not None
    assert pairs["berkas_desa.sha256"] == scored.villages.sha256
    assert pairs["pengaturan.na_policy"] == "exclude"
    assert pairs["Target % ber-PHBS"] == "50 %"
    assert "dibuat" in pairs


def test_sample_matches_scoring_with_calamine(tmp_path: Path) -> None:
    """The bundled sample, read back with python-calamine: every village's numbers."""
    data = sample()
    path = tmp_path / "contoh.xlsx"
    write_report(data.result, data.report, ReportOptions(villages=data.villages), xlsx=path)
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Desa").to_python()
    header = [str(h) for h in sheet[0]]
    areas: list[AreaSummary] = data.report.wilayah
    for row, area in zip(sheet[1 : len(areas) + 1], areas, strict=True):
        values = dict(zip(header, row, strict=True))
        assert values["Kode"] == area.kode
        assert values["Disurvei"] == area.rumah_tangga_disurvei
        assert values["Ber-PHBS"] == area.ber_phbs
        assert isinstance(values["% ber-PHBS"], float)
        assert area.persen_ber_phbs is not None
        assert values["% ber-PHBS"] == pytest.approx(area.persen_ber_phbs / 100)
        if area.persen_dipantau is not None:
            assert values["% dipantau"] == pytest.approx(area.persen_dipantau / 100)


def test_ranking_sheet_matches_ranking(tmp_path: Path) -> None:
    """Peringkat: rank, totals, band text per village, as rank_villages returned them."""
    data = sample(ranked=True)
    assert data.ranking is not None
    path = tmp_path / "peringkat.xlsx"
    write_report(data.result, data.report, ReportOptions(ranking=data.ranking), xlsx=path)
    book = workbook(path)
    assert book.sheetnames.index("Peringkat") == 5
    sheet = book["Peringkat"]
    columns = header_index(sheet)
    for r, village in enumerate(data.ranking.desa, start=2):
        assert sheet.cell(row=r, column=1).value == village.peringkat
        assert sheet.cell(row=r, column=2).value == village.kode_desa
        assert sheet.cell(row=r, column=columns["Total"] + 1).value == pytest.approx(village.total)
        assert sheet.cell(row=r, column=columns["Predikat"] + 1).value == village.predikat
        pct = sheet.cell(row=r, column=columns["% dari maksimum"] + 1)
        assert pct.number_format == "0.00%"  # the rubric's 2 decimals, aturan.md §7.1
    assert sheet.conditional_formatting, "band colours"
    meta = {r[0]: r[1] for r in rows(book["Metadata"])[1:]}
    assert meta["rubrik.sha256"] == data.ranking.rubrik_sha256


def test_custom_strata(scored: Scored, tmp_path: Path) -> None:
    """Strata are a setting (docs/aturan.md §5.6): two bands at 60 %."""
    strata = [Stratum("Rendah", 60.0, "#ff0000"), Stratum("Tinggi", None, "#00ff00")]
    path = tmp_path / "strata.xlsx"
    write_report(scored.result, scored.report, ReportOptions(strata=strata), xlsx=path)
    sheet = workbook(path)["Desa"]
    labels = {c.value for c in sheet["K"][1:4]}
    assert labels <= {"Rendah", "Tinggi"}
    assert DEFAULT_STRATA[0].label == "I"


def test_english_sheet_names(scored: Scored, tmp_path: Path) -> None:
    """lang='en' names sheets and headers in English."""
    path = tmp_path / "en.xlsx"
    write_report(scored.result, scored.report, ReportOptions(lang="en"), xlsx=path)
    book = workbook(path)
    assert book.sheetnames[:3] == ["Summary", "Villages", "Indicator Recap"]
    assert book["Villages"]["H1"].value == "% PHBS"


def test_an_output_is_required(scored: Scored) -> None:
    """write_report without xlsx or html is a settings error."""
    with pytest.raises(SettingsError):
        write_report(scored.result, scored.report)
