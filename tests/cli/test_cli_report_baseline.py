"""`phbs report --baseline LABEL=FILE`: the change section and sheet from the command line,
and a baseline that cannot be read refusing the run before anything is written
(docs/aturan.md §5.8)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner
from contest_helpers import sample_args
from trend_helpers import write_baseline

from phbs.cli.root import cli


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.output


def test_baseline_adds_the_section_and_the_sheet(tmp_path: Path) -> None:
    """Both outputs are written; the page has the change section and the workbook the
    Perubahan sheet, labelled with the rounds' labels; the issue line names the earlier round
    among the other files."""
    baseline = write_baseline(tmp_path / "2024")
    xlsx, html = tmp_path / "x.xlsx", tmp_path / "x.html"
    rounds = [a for f in baseline for a in ("--baseline", f"2024={f}")]
    code, output = run(
        "report", *sample_args(), *rounds, "--label", "2025", "--html", html, "--xlsx", xlsx
    )
    assert code == 0, output
    assert f"Ditulis: {xlsx}" in output
    assert f"Ditulis: {html}" in output
    assert "putaran pembanding" in output
    page = html.read_text(encoding="utf-8")
    assert "Perubahan dari 2024 ke 2025" in page
    assert 'class="trend-mark naik" data-kode="63.10.01.1007"' in page
    sheet = openpyxl.load_workbook(xlsx)["Perubahan"]
    assert sheet.cell(1, 5).value == "% ber-PHBS 2024"
    assert sheet.cell(1, 8).value == "% ber-PHBS 2025"


def test_default_label_and_english(tmp_path: Path) -> None:
    """Without --label the report's round is 'current' in English ('terkini' in Indonesian)."""
    (baseline,) = write_baseline(tmp_path / "2024")[:1]
    html = tmp_path / "x.html"
    code, output = run(
        "report", *sample_args(), "--baseline", f"2024={baseline}", "--html", html, "--lang", "en"
    )
    assert code == 0, output
    assert "Change from 2024 to current" in html.read_text(encoding="utf-8")


def test_a_broken_baseline_writes_nothing(tmp_path: Path) -> None:
    """A baseline file that is not a survey: one line on stderr, exit 1, no output."""
    broken = tmp_path / "rusak.csv"
    broken.write_text("bukan;survei\n1;2\n", encoding="utf-8")
    out = tmp_path / "keluar"
    out.mkdir()
    result = CliRunner().invoke(
        cli,
        [
            "report",
            *map(str, sample_args()),
            "--baseline",
            f"2024={broken}",
            "--html",
            str(out / "x.html"),
            "--xlsx",
            str(out / "x.xlsx"),
        ],
    )
    assert result.exit_code == 1, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert "rusak.csv" in result.stderr
    assert list(out.iterdir()) == []


def test_baseline_values_are_checked(tmp_path: Path) -> None:
    """LABEL=FILE is required, one label only, --label differs from it, and --label or
    --code-changes without --baseline is a usage error; nothing is written (exit 2)."""
    (baseline,) = write_baseline(tmp_path / "2024")[:1]
    html = tmp_path / "x.html"
    cases = [
        ["--baseline", str(baseline)],
        ["--baseline", f"2023={baseline}", "--baseline", f"2024={baseline}"],
        ["--baseline", f"2024={baseline}", "--label", "2024"],
        ["--baseline", f"2024={tmp_path / 'tidak-ada.csv'}"],
        ["--label", "2025"],
    ]
    for extra in cases:
        code, output = run("report", *sample_args(), *extra, "--html", html)
        assert code == 2, (extra, output)
        assert not html.exists()
