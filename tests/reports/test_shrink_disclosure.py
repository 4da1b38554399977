"""With --shrink the scored % ber-PHBS is not the survey's own, so every output that prints
the totals says so, with μ and κ, and that villages surveyed in full are left as they are;
without --shrink none does. The ranking CSV's bounds each bracket the value they are named
after (docs/aturan.md §7.8)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from contest_helpers import contest_args, sample_args
from openpyxl import load_workbook

from phbs.cli.root import cli

SAID = "disusutkan (Bayes empiris beta-binomial) sebelum dinilai"
CONTEST = [*sample_args(), *contest_args()]
CENSUS = "desa yang disurvei seluruhnya tidak disusutkan/diambil ulang"


def _run(*args: str | Path) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output  # 1: the sample has data errors
    return result


def _workbook_text(path: Path) -> str:
    book = load_workbook(path, read_only=True)
    return "\n".join(
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )


@pytest.mark.parametrize("shrink", [True, False])
def test_every_output_says_whether_the_scores_were_shrunk(tmp_path: Path, shrink: bool) -> None:
    asked = ["--shrink"] if shrink else []
    console = _run("rank", *CONTEST, *asked).output
    html, minutes, book = tmp_path / "lap.html", tmp_path / "ba.html", tmp_path / "lap.xlsx"
    _run(
        "report",
        *sample_args(),
        *contest_args(),
        *asked,
        "--html",
        html,
        "--minutes",
        minutes,
        "--xlsx",
        book,
    )
    lines = console.splitlines()
    method = next(i for i, line in enumerate(lines) if line.startswith("Metode:"))
    # The line under `Metode:`, above the ranking table.
    assert (SAID in lines[method + 1]) is shrink
    page = html.read_text(encoding="utf-8")
    summary = re.search(r"desa diperingkat menurut rubrik[^<]*", page)
    assert summary is not None
    assert (SAID in summary.group(0)) is shrink
    signed = minutes.read_text(encoding="utf-8")
    settings = _workbook_text(book)
    for text in (lines[method + 1], summary.group(0), signed, settings):
        assert (SAID in text) is shrink
        assert (CENSUS in text) is shrink
        if shrink:
            assert re.search(r"μ = \d+,\d\d %", text)
            assert re.search(r"κ = (\d+,\d\d|∞)", text)
    assert ("Penyusutan % ber-PHBS" in settings) is shrink


@pytest.mark.parametrize("shrink", [True, False])
def test_ranking_csv_bounds_bracket_their_values(tmp_path: Path, shrink: bool) -> None:
    out = tmp_path / "rank.csv"
    asked = ["--shrink"] if shrink else []
    _run(
        "rank",
        *sample_args(),
        *contest_args(),
        *asked,
        "--bootstrap",
        "50",
        "--seed",
        "7",
        "-o",
        out,
    )
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    bounded = [c for c in header if f"{c}_bawah" in header and f"{c}_atas" in header]
    assert "persen_ber_phbs_survei" in bounded
    assert ("persen_ber_phbs_susut" in bounded) is shrink
    # The scored value has no bounds of its own: none may sit beside it as if it had.
    assert "persen_ber_phbs_bawah" not in header
    checked = 0
    for row in rows:
        for column in bounded:
            cells = [row[f"{column}_bawah"], row[column], row[f"{column}_atas"]]
            if "" in cells:
                continue
            low, value, high = (float(c) for c in cells)
            assert low - 1e-9 <= value <= high + 1e-9, (row["kode_desa"], column)
            checked += 1
    assert checked > 0
    if shrink:
        # The value scored is the shrunk one, beside its posterior interval.
        for row in rows:
            if row["persen_ber_phbs_susut"]:
                assert float(row["persen_ber_phbs"]) == pytest.approx(
                    float(row["persen_ber_phbs_susut"])
                )
