"""The command line through click's runner: output, files written, exit codes."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from phbs.cli.root import cli
from phbs.demo.data import sample_data
from phbs.forms.loading import load_form

HEADER = (
    "id_rumah_tangga,kode_desa,umur_anak_termuda_bulan,persalinan_nakes,asi_eksklusif,"
    "timbang_balita,air_bersih,cuci_tangan,jamban_sehat,berantas_jentik,buah_sayur,"
    "aktivitas_fisik,tidak_merokok\n"
)


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def clean_csv(tmp_path: Path) -> Path:
    path = tmp_path / "bersih.csv"
    path.write_text(
        HEADER
        + "A1,63.10.01.2005,,,,,ya,ya,ya,ya,ya,ya,ya\n"
        + "A2,6310012005,3,ya,ya,ya,ya,ya,tidak,ya,ya,ya,ya\n"
        + "A3,63.10.01.1007,24,ya,,ya,ya,ya,ya,ya,ya,ya,ya\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def messy_csv(tmp_path: Path) -> Path:
    path = tmp_path / "kacau.csv"
    text = (
        HEADER.replace(",", ";")
        + ";63.10.01.2005;;;;;ya;ya;ya;ya;ya;ya;ya\n"  # no id: set aside
        + "B1;63.10.1.2005;;;;;ya;ya;ya;ya;ya;ya;ya\n"  # malformed code: set aside
        + "B2;63.10.01.2005;;;;;YA;?;ya;ya;ya;ya;ya\n"  # unknown answer: kept, missing
        + "B2;63.10.01.2005;;;;;YA;?;ya;ya;ya;ya;ya\n"  # identical duplicate: set aside
        + "B3;63.10.01.2005;;;;;Y; T ;1;1;1;1;1\n"
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    return path


def test_score_prints_table_and_reconciliation(clean_csv: Path) -> None:
    """`phbs score` prints the village table and `N rows read = S scored + R set aside`."""
    code, output = run("score", clean_csv)
    assert code == 0
    assert "63.10.01.2005" in output
    assert "Segumbang" in output
    assert "3 baris dibaca = 3 diskor + 0 disisihkan" in output
    assert "Masalah data: 0 galat, 0 peringatan, 0 info" in output


def test_score_english(clean_csv: Path) -> None:
    """`--lang en` switches every label."""
    code, output = run("score", clean_csv, "--lang", "en")
    assert code == 0
    assert "3 rows read = 3 scored + 0 set aside" in output
    assert "baris dibaca" not in output


def test_score_messy_file_accounts_for_every_row(messy_csv: Path, tmp_path: Path) -> None:
    """On a messy file (BOM, `;`, spellings, duplicates, bad codes) every row is accounted for."""
    rejects = tmp_path / "disisihkan.csv"
    households = tmp_path / "rt.csv"
    code, output = run("score", messy_csv, "--rejects", rejects, "--households", households)
    assert code == 0
    assert "5 baris dibaca = 2 diskor + 3 disisihkan" in output
    with rejects.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["baris"] for r in rows] == ["2", "3", "5"]
    assert [r["kode_masalah"] for r in rows] == ["id-kosong", "kode-desa-salah", "baris-ganda"]
    assert rows[1]["kode_desa"] == "63.10.1.2005"  # cells unchanged
    with households.open(encoding="utf-8") as handle:
        scored = list(csv.DictReader(handle))
    assert [(r["id_rumah_tangga"], r["status"]) for r in scored] == [
        ("B2", "belum_lengkap"),
        ("B3", "tidak_ber_phbs"),
    ]
    assert "nama_kepala_rt" not in scored[0]


def test_score_writes_csv_with_documented_columns(clean_csv: Path, tmp_path: Path) -> None:
    """`-o x.csv` writes the documented columns with full-precision percentages."""
    out = tmp_path / "rekap.csv"
    code, _ = run("score", clean_csv, "-o", out)
    assert code == 0
    with out.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        columns = reader.fieldnames or []
    assert columns[:7] == [
        "kode", "nama", "rumah_tangga_disurvei", "ber_phbs", "tidak_ber_phbs",
        "belum_lengkap", "persen_ber_phbs",
    ]  # fmt: skip
    assert columns[7:10] == [
        "persalinan_nakes_ya", "persalinan_nakes_berlaku", "persalinan_nakes_cakupan",
    ]  # fmt: skip
    segumbang = next(r for r in rows if r["kode"] == "63.10.01.2005")
    # A1 ber-PHBS; A2 has jamban Tidak: 1 of 2 = 50 %.
    assert (segumbang["ber_phbs"], segumbang["tidak_ber_phbs"]) == ("1", "1")
    assert float(segumbang["persen_ber_phbs"]) == 50.0
    assert segumbang["jamban_sehat_cakupan"] == repr(50.0)


def test_score_json_has_settings_files_and_issues(clean_csv: Path, tmp_path: Path) -> None:
    """`-o x.json` carries the settings, input checksums and every issue."""
    out = tmp_path / "rekap.json"
    code, _ = run("score", clean_csv, "--by", "kecamatan", "--na-policy", "as_unmet", "-o", out)
    assert code == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["pengaturan"]["na_policy"] == "as_unmet"
    assert document["pengaturan"]["tingkat"] == "kecamatan"
    assert len(document["berkas_masukan"][0]["sha256"]) == 64
    assert document["rekonsiliasi"] == {"baris_dibaca": 3, "baris_diskor": 3, "baris_disisihkan": 0}
    assert [a["kode"] for a in document["wilayah"]] == ["63.10.01"]
    assert document["masalah"] == []
    # as_unmet: A1 (no child, 3 not applicable) and A3 (ASI not applicable) are not PHBS.
    assert document["wilayah"][0]["ber_phbs"] == 0


def test_validate_exit_codes(clean_csv: Path, messy_csv: Path, tmp_path: Path) -> None:
    """`phbs validate` exits 0 without errors and 1 with errors."""
    code, output = run("validate", clean_csv)
    assert code == 0
    assert "Tidak ada masalah data." in output
    code, output = run("validate", messy_csv)
    assert code == 1
    assert "id-kosong" in output
    assert "kode-desa-salah" in output
    assert "jawaban-tidak-dikenal" in output


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_validate_writes_every_issue(messy_csv: Path, tmp_path: Path, suffix: str) -> None:
    """`phbs validate -o` writes all issue records, readable by an independent reader: the
    CSV for programs (column names and severity codes), the workbook for people (headers
    and severities in words, as in the report workbook)."""
    out = tmp_path / f"masalah{suffix}"
    code, _ = run("validate", messy_csv, "-o", out)
    assert code == 1
    if suffix == ".csv":
        with out.open(encoding="utf-8") as handle:
            rows = [dict(r) for r in csv.DictReader(handle)]
        kode, tingkat, severities = "kode", "tingkat", {"error", "warning"}
    else:
        sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
        header = [str(h) for h in sheet[0]]
        rows = [dict(zip(header, (str(c) for c in r), strict=True)) for r in sheet[1:]]
        kode, tingkat, severities = "Kode", "Tingkat", {"galat", "peringatan"}
    codes = sorted(r[kode] for r in rows)
    assert codes == sorted(["id-kosong", "kode-desa-salah", "baris-ganda", "jawaban-tidak-dikenal"])
    assert {r[tingkat] for r in rows} == severities


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["score", "tidak-ada.csv"], "berkas tidak ada"),
        (["score", "{clean}", "--form", "tidak-ada"], "Formulir 'tidak-ada' tidak ada"),
        (["score", "{clean}", "-o", "rekap.txt"], "akhiran berkas"),
        (["score", "{clean}", "-o", "{clean}"], "sama dengan berkas masukan"),
        (["score", "{clean}", "-o", "folder-tidak-ada/x.csv"], "tidak ada"),
        (["validate", "{clean}", "--sheet", "Lembar1"], "--sheet"),
    ],
)
def test_usage_errors_exit_2_without_traceback(
    clean_csv: Path, args: list[str], fragment: str
) -> None:
    """Bad options, missing files and bad forms: one line on stderr, exit code 2."""
    argv = [a.replace("{clean}", str(clean_csv)) for a in args]
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert fragment in result.output
    assert result.output.startswith("Galat: ")


def test_bad_option_is_click_usage_error(clean_csv: Path) -> None:
    """An unknown option value is a usage error (exit 2)."""
    code, output = CliRunner().invoke(cli, ["score", str(clean_csv), "--by", "pulau"]).exit_code, ""
    assert code == 2
    assert output == ""


def test_broken_form_file_names_file_and_key(clean_csv: Path, tmp_path: Path) -> None:
    """A broken form gives exit 2 and a message naming the file and the key path."""
    form = tmp_path / "formulir.yaml"
    text = (Path(__file__).parents[2] / "survey_forms" / "kemenkes-rt-10.yaml").read_text("utf-8")
    form.write_text(text.replace("na_mark_allowed: false", "na_mark_allowd: false", 1), "utf-8")
    result = CliRunner().invoke(cli, ["score", str(clean_csv), "--form", str(form)])
    assert result.exit_code == 2
    assert str(form) in result.output
    assert "indicators.3.na_mark_allowd" in result.output


def test_forms_list_and_show() -> None:
    """`phbs forms list` and `phbs forms show` print the bundled forms."""
    code, output = run("forms", "list")
    assert code == 0
    assert "kemenkes-rt-10" in output
    assert "jateng-rt-16" in output
    code, output = run("forms", "show", "jateng-rt-16", "--lang", "en")
    assert code == 0
    assert "sehat_paripurna: Complete (blue) 16–16" in output
    assert "16. berantas_jentik" in output


def test_demo_writes_outputs(tmp_path: Path) -> None:
    """`phbs demo --out DIR` scores the sample and says where its outputs are."""
    out = tmp_path / "contoh"
    code, output = run("demo", "--out", out)
    assert code == 0
    assert "3.019 baris dibaca = 3.011 diskor + 8 disisihkan" in output
    for name in ("ringkasan-desa.csv", "ringkasan-desa.json", "rumah-tangga.csv", "disisihkan.csv"):
        assert (out / name).is_file()
        assert str(out / name) in output


def test_demo_counts_issues_the_same_everywhere(tmp_path: Path) -> None:
    """The demo's console, its HTML page, its workbook and masalah-data.xlsx count the same
    issues, and say how many reading the survey files found (what validate lists)."""
    out = tmp_path / "contoh"
    code, output = run("demo", "--out", out)
    assert code == 0
    (line,) = [text for text in output.splitlines() if text.startswith("Masalah data:")]
    # 31 warnings: the survey's and one for the villages not in the 2024 round (§5.8).
    assert line.startswith("Masalah data: 16 galat, 31 peringatan, 1 info (41 dari membaca")
    assert line in (out / "laporan.html").read_text(encoding="utf-8")
    summary = openpyxl.load_workbook(out / "laporan.xlsx")["Ringkasan"]
    assert line in [cell.value for row in summary.iter_rows() for cell in row]
    issues = openpyxl.load_workbook(out / "masalah-data.xlsx").worksheets[0]
    assert issues.max_row - 1 == 16 + 31 + 1
    code, validated = run("validate", *sample_data().survey_files)
    assert "16 galat, 25 peringatan, 0 info" in validated  # the 41 of reading the files
    assert code == 1


def test_sample_score_with_villages_flags_small_samples(tmp_path: Path) -> None:
    """docs/aturan.md §5.3: villages under 210 surveyed and not fully covered are marked."""
    sample = sample_data()
    code, output = run("score", *sample.survey_files, "--villages", sample.villages_file)
    assert code == 0
    assert "39,8 *" in output  # Kersik Putih: 164 of 412, with a decimal comma
    assert "100,0" in output  # fully covered villages


def write_ods(path: Path, sheet: str, rows: list[list[str | float]]) -> None:
    """A minimal OpenDocument spreadsheet (what LibreOffice Calc saves), built by hand."""
    import zipfile

    def cell(value: str | float) -> str:
        if isinstance(value, float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value:g}</text:p></table:table-cell>"
            )
        return (
            '<table:table-cell office:value-type="string">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )

    body = "".join(
        "<table:table-row>" + "".join(cell(c) for c in row) + "</table:table-row>" for row in rows
    )
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)


SPREADSHEET_ROWS: list[list[str | float]] = [
    list[str | float](HEADER.strip().split(",")),
    ["S1", "63.10.01.2005", "", "-", "-", "-", "Ya", "Ya", 1.0, 1.0, "ya", "ya", "ya"],
    ["S2", 6310012005.0, 4.0, "Ya", "Ya", "Ya", 1.0, 1.0, 0.0, "ya", "ya", "ya", "ya"],
]


def test_score_ods_and_xlsx_files(tmp_path: Path) -> None:
    """ODS and XLSX are read directly; numbers typed as numbers read as the same answers."""
    import xlsxwriter

    ods = tmp_path / "survei.ods"
    write_ods(ods, "Survei", SPREADSHEET_ROWS)
    xlsx = tmp_path / "survei.xlsx"
    workbook = xlsxwriter.Workbook(str(xlsx))
    workbook.add_worksheet("Petunjuk").write_string(0, 0, "Isi lembar Data")
    data = workbook.add_worksheet("Data")
    for r, row in enumerate(SPREADSHEET_ROWS):
        for c, value in enumerate(row):
            data.write(r, c, value)
    workbook.close()
    for path, extra in ((ods, []), (xlsx, ["--sheet", "Data"])):
        out = tmp_path / f"{path.suffix[1:]}.csv"
        code, output = run("score", path, *extra, "-o", out)
        assert code == 0, output
        assert "2 baris dibaca = 2 diskor + 0 disisihkan" in output
        with out.open(encoding="utf-8") as handle:
            (summary,) = list(csv.DictReader(handle))
        assert (summary["kode"], summary["ber_phbs"], summary["tidak_ber_phbs"]) == (
            "63.10.01.2005",
            "1",
            "1",
        )
    result = CliRunner().invoke(cli, ["score", str(xlsx), "--sheet", "Tidak Ada"])
    assert result.exit_code == 2
    assert "Petunjuk, Data" in result.output


def test_score_pispk_prints_area_iks(tmp_path: Path) -> None:
    """docs/aturan.md §4.2: the area IKS is the share of sehat families, shown with counts.

    K1 meets all 5 applicable indicators (IKS 1.0, sehat); K2 meets 4 of 5 (0.800, which is
    pra-sehat); K3 meets 4 of 6 (0.667, pra-sehat): area IKS = 1/3.
    """
    survey = tmp_path / "keluarga.csv"
    survey.write_text(
        "id_rumah_tangga,kode_desa,umur_anak_termuda_bulan,ikut_kb,persalinan_faskes,"
        "imunisasi_dasar_lengkap,asi_eksklusif,pemantauan_pertumbuhan,tb_berobat,"
        "hipertensi_berobat,gangguan_jiwa_diobati,tidak_merokok,anggota_jkn,air_bersih,"
        "jamban_sehat\n"
        "K1,63.10.01.2005,,ya,,,,,-,-,-,ya,ya,ya,ya\n"
        "K2,63.10.01.2005,,ya,,,,,-,-,-,tidak,ya,ya,ya\n"
        "K3,63.10.01.2005,,ya,,,,,-,ya,-,tidak,tidak,ya,ya\n",
        encoding="utf-8",
    )
    code, output = run("score", survey, "--form", "pispk-12")
    assert code == 0, output
    assert "IKS wilayah (sehat/berindeks)" in output
    assert "0,333 (1/3)" in output


def test_rejects_keep_names_only_when_asked(tmp_path: Path) -> None:
    """Personal data: a set-aside row's household-head name is blank unless --include-names."""
    survey = tmp_path / "nama.csv"
    indicators = ",".join(load_form("kemenkes-rt-10").form.codes)
    survey.write_text(
        f"id_rumah_tangga,kode_desa,nama_kepala_rt,{indicators}\n"
        ",63.10.01.2005,Siti Contoh,-,-,-,ya,ya,ya,ya,ya,ya,ya\n"
        "2,63.10.01.2005,Budi Contoh,-,-,-,ya,ya,ya,ya,ya,ya,ya\n",
        encoding="utf-8",
    )
    for flags, expected in (([], ""), (["--include-names"], "Siti Contoh")):
        rejects = tmp_path / "disisihkan.csv"
        code, _ = run("score", survey, "--rejects", rejects, *flags)
        assert code == 0
        with rejects.open(encoding="utf-8") as handle:
            (row,) = list(csv.DictReader(handle))
        assert row["nama_kepala_rt"] == expected


def test_validate_names_severities_in_the_run_language(messy_csv: Path) -> None:
    """The issue list says galat/peringatan in Indonesian and error/warning in English, as
    its counts line does."""
    indonesian = CliRunner().invoke(cli, ["validate", str(messy_csv)])
    english = CliRunner().invoke(cli, ["validate", str(messy_csv), "--lang", "en"])
    assert re.search(r"^\s+\d+  galat\s+\S+", indonesian.stdout, re.MULTILINE)
    assert not re.search(r"^\s+\d+  (error|warning)\s", indonesian.stdout, re.MULTILINE)
    assert re.search(r"^\s+\d+  error\s+\S+", english.stdout, re.MULTILINE)


def test_the_issue_counts_of_score_say_how_they_meet_validate(tmp_path: Path) -> None:
    """`phbs score` counts the issues of reading the files (what `phbs validate` lists) and
    those of the village figures (sample size, monitoring): the line says how many of each,
    so the two commands' counts can be put side by side."""
    sample = sample_data()
    files = [str(p) for p in sample.survey_files]
    scored = CliRunner().invoke(cli, ["score", *files, "--villages", str(sample.villages_file)])
    validated = CliRunner().invoke(cli, ["validate", *files])
    found = re.search(r"\((\d+) dari membaca berkas survei.*; (\d+) dari angka desa", scored.stdout)
    assert found is not None, scored.stdout
    counts = re.search(r"Masalah data: (\d+) galat, (\d+) peringatan, (\d+) info", validated.stdout)
    assert counts is not None
    assert int(found.group(1)) == sum(int(n) for n in counts.groups())
