"""`phbs report`: outputs, usage errors, and the same numbers as `phbs score` / `phbs rank`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from contest_helpers import contest_args, sample_args
from report_helpers import write_survey

from phbs.cli.root import cli
from phbs.demo.contest import contest_sample
from phbs.demo.data import sample_data


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.output


def test_writes_both_reports(tmp_path: Path) -> None:
    """Both outputs are written and named; the reconciliation line is printed."""
    xlsx, html = tmp_path / "laporan.xlsx", tmp_path / "laporan.html"
    code, output = run("report", *sample_args(), "--xlsx", xlsx, "--html", html)
    assert code == 0, output
    assert "3.019 baris dibaca = 3.011 diskor + 8 disisihkan" in output
    assert f"Ditulis: {xlsx}" in output
    assert f"Ditulis: {html}" in output
    assert openpyxl.load_workbook(xlsx).sheetnames[0] == "Ringkasan"
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_output_is_required(tmp_path: Path) -> None:
    """Without --xlsx and --html: a usage error, exit 2, nothing written."""
    code, output = run("report", *sample_args())
    assert code == 2
    assert "--xlsx" in output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("option", "name"), [("--xlsx", "laporan.csv"), ("--html", "laporan.pdf")])
def test_output_suffix_is_checked(tmp_path: Path, option: str, name: str) -> None:
    """A report file with the wrong extension is refused before any work (exit 2)."""
    code, output = run("report", *sample_args(), option, tmp_path / name)
    assert code == 2
    assert name in output


def test_contest_files_need_a_rubric(tmp_path: Path) -> None:
    """--judges without --rubric is a usage error."""
    judges = contest_sample().judges_file
    code, _ = run("report", *sample_args(), "--judges", judges, "--html", tmp_path / "a.html")
    assert code == 2


def test_will_not_overwrite_an_input(tmp_path: Path) -> None:
    """An output named like an input is refused (exit 2) and the input is untouched."""
    survey = write_survey(tmp_path)
    before = survey.read_bytes()
    target = tmp_path / "survei-kecil.html"
    survey.rename(target)
    code, output = run("report", "--survey", target, "--html", target)
    assert code == 2, output
    assert target.read_bytes() == before


def test_same_numbers_as_phbs_score(tmp_path: Path) -> None:
    """The workbook's village table carries the numbers of `phbs score -o ….json`."""
    summary = tmp_path / "ringkasan.json"
    data = sample_data()
    code, _ = run("score", *data.survey_files, "--villages", data.villages_file, "-o", summary)
    assert code == 0
    xlsx = tmp_path / "laporan.xlsx"
    code, _ = run("report", *sample_args(), "--xlsx", xlsx)
    assert code == 0
    areas = json.loads(summary.read_text(encoding="utf-8"))["wilayah"]
    sheet = openpyxl.load_workbook(xlsx)["Desa"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, [c.value for c in r], strict=True)) for r in sheet.iter_rows(2)]
    for area, row in zip(areas, rows, strict=False):
        assert row["Kode"] == area["kode"]
        assert row["Disurvei"] == area["rumah_tangga_disurvei"]
        assert row["Ber-PHBS"] == area["ber_phbs"]
        assert row["Tidak ber-PHBS"] == area["tidak_ber_phbs"]
        assert row["Belum lengkap"] == area["belum_lengkap"]
        assert row["% ber-PHBS"] == pytest.approx(area["persen_ber_phbs"] / 100)


def test_same_ranking_as_phbs_rank(tmp_path: Path) -> None:
    """With --rubric, the Peringkat sheet and the page rank as `phbs rank -o ….csv` does."""
    ranked = tmp_path / "peringkat.csv"
    code, output = run("rank", *sample_args(), *contest_args(), "-o", ranked)
    assert code in (0, 1), output
    xlsx, html = tmp_path / "laporan.xlsx", tmp_path / "laporan.html"
    code, output = run("report", *sample_args(), *contest_args(), "--xlsx", xlsx, "--html", html)
    assert code == 0, output
    with ranked.open(encoding="utf-8", newline="") as handle:
        expected = list(csv.DictReader(handle))
    sheet = openpyxl.load_workbook(xlsx)["Peringkat"]
    for r, village in enumerate(expected, start=2):
        rank = sheet.cell(row=r, column=1).value
        assert (str(rank) if rank is not None else "") == village["peringkat"]
        assert sheet.cell(row=r, column=2).value == village["kode_desa"]
        total = sheet.cell(row=r, column=5).value
        assert total == pytest.approx(float(village["total"]))
    page = html.read_text(encoding="utf-8")
    assert 'id="peringkat"' in page
    assert "BERITA ACARA PENILAIAN" in page


def test_english_and_title(tmp_path: Path) -> None:
    """--lang en and --title reach both reports."""
    xlsx, html = tmp_path / "report.xlsx", tmp_path / "report.html"
    code, output = run(
        "report",
        *sample_args(),
        "--xlsx",
        xlsx,
        "--html",
        html,
        "--lang",
        "en",
        "--title",
        "Tanah Bumbu <2025>",
        "--by",
        "kecamatan",
    )
    assert code == 0, output
    assert "Written:" in output
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames[1] == "Districts"
    assert book["Summary"]["A1"].value == "Tanah Bumbu <2025>"
    page = html.read_text(encoding="utf-8")
    assert "<title>Tanah Bumbu &lt;2025&gt;</title>" in page
    assert '<html lang="en">' in page


def test_include_names(tmp_path: Path) -> None:
    """--include-names adds the household heads' names to the workbook only when given."""
    survey = write_survey(tmp_path)
    plain, named = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run("report", "--survey", survey, "--xlsx", plain)[0] == 0
    assert run("report", "--survey", survey, "--xlsx", named, "--include-names")[0] == 0

    def values(path: Path) -> set[object]:
        sheet = openpyxl.load_workbook(path)["Rumah Tangga"]
        return {c.value for row in sheet.iter_rows() for c in row}

    assert "Siti" not in values(plain)
    assert "Siti" in values(named)


@pytest.mark.parametrize("target", ["-5", "150", "nan", "inf"])
def test_a_target_that_is_no_percentage_is_refused(tmp_path: Path, target: str) -> None:
    survey = str(sample_data().survey_files[0])
    html = tmp_path / "laporan.html"
    done = CliRunner().invoke(
        cli, ["report", "--survey", survey, "--html", str(html), "--target", target]
    )
    assert done.exit_code == 2
    assert "--target" in done.stderr
    assert not html.exists()
