"""Households without a class are shown beside the % rumah tangga sehat (docs/aturan.md §5.1):
the % counts only households with a class, so those left out are shown wherever the % is, as
% ber-PHBS shows the households belum lengkap (console, HTML village table, workbook)."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import AGE, HEADER, KERSIK_PUTIH, SEGUMBANG, answers, write_csv

from phbs.cli.root import cli

# riskesdas-2013: a household without a child under five is judged on 7 indicators; PHBS baik =
# 6 or more Ya of 10, 5 or more of 7; a blank answer leaves the household without a class.
ROWS = [
    ("S1", SEGUMBANG, "", "--- YYYY YYY"),  # 7 of 7 Ya: PHBS baik
    ("S2", SEGUMBANG, "", "--- TTTT TTT"),  # 0 of 7: PHBS kurang
    ("S3", SEGUMBANG, "", "--- YYYY YY."),  # a blank: no class
    ("K1", KERSIK_PUTIH, "12", "YYY YYYT TTT"),  # 6 of 10: PHBS baik
    ("K2", KERSIK_PUTIH, "", "--- YYYY .YY"),  # a blank: no class
]
# By hand: Segumbang 1 healthy of 2 with a class, 1 without; Kersik Putih 1 of 1, 1 without;
# together 2 of 3, 2 without a class.
WITHOUT = {SEGUMBANG: 1, KERSIK_PUTIH: 1, "total": 2}


@pytest.fixture
def survey(tmp_path: Path) -> Path:
    assert HEADER[2] == AGE
    rows = [HEADER, *([kode_id, kode, age, *answers(spec)] for kode_id, kode, age, spec in ROWS)]
    return write_csv(tmp_path / "riskesdas.csv", rows)


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.mark.parametrize(("lang", "label"), [("id", "Tanpa kelas"), ("en", "Without a class")])
def test_console_shows_households_without_a_class(survey: Path, lang: str, label: str) -> None:
    output = run("--lang", lang, "score", str(survey), "--form", "riskesdas-2013")
    header = next(line for line in output.splitlines() if line.startswith(("Kode", "Code")))
    assert header.rstrip().endswith(label)
    for kode in (SEGUMBANG, KERSIK_PUTIH):
        line = next(line for line in output.splitlines() if line.startswith(kode))
        assert line.split()[-1] == str(WITHOUT[kode])
    total = next(line for line in output.splitlines() if line.startswith(("Jumlah", "Total")))
    assert total.split()[-1] == str(WITHOUT["total"])


@pytest.mark.parametrize(("lang", "label"), [("id", "Tanpa kelas"), ("en", "Without a class")])
def test_html_and_workbook_show_households_without_a_class(
    survey: Path, tmp_path: Path, lang: str, label: str
) -> None:
    html, xlsx = tmp_path / "lap.html", tmp_path / "lap.xlsx"
    args = ["--lang", lang, "report", str(survey), "--form", "riskesdas-2013"]
    run(*args, "--html", str(html), "--xlsx", str(xlsx))
    page = html.read_text(encoding="utf-8")
    assert re.search(rf'class="sort"[^>]*>{label}<', page), "no column in the village table"
    sheet = next(
        ws
        for ws in openpyxl.load_workbook(xlsx).worksheets
        if any(c.value == label for row in ws.iter_rows(max_row=10) for c in row)
    )
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    top = next(i for i, r in enumerate(rows) if label in r)
    column = rows[top].index(label)
    found = {r[0]: r[column] for r in rows[top + 1 :] if r[0] is not None}
    assert found[SEGUMBANG] == WITHOUT[SEGUMBANG]
    assert found[KERSIK_PUTIH] == WITHOUT[KERSIK_PUTIH]
    assert WITHOUT["total"] in [v for k, v in found.items() if k not in (SEGUMBANG, KERSIK_PUTIH)]
