"""Progress on stderr : shown on a terminal, silent otherwise or with --quiet;
reading surveys (`phbs score`, `phbs report`) and writing reports (workbook sheets, HTML)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from click.testing import CliRunner

from phbs import write_report
from phbs.cli import progress as progress_module
from phbs.cli.progress import RowsProgress, WritingProgress, rows_progress, writing_progress
from phbs.cli.root import cli
from phbs.i18n import Lang
from phbs.ingest import read_survey, row_checks
from phbs.reports.content import ReportOptions, build_content
from phbs.reports.excel import sheet as excel_sheet
from phbs.reports.excel.formats import Formats
from phbs.reports.excel.sheet import WriteStep
from phbs.reports.excel.workbook import write_workbook
from phbs.resources import data_path
from phbs.scoring.results import score
from phbs.scoring.summary import summarise

SAMPLE = sorted(data_path("contoh").glob("survei-*.csv"))


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_score_is_silent_on_stderr_when_it_is_not_a_terminal(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["score", *map(str, SAMPLE), "-o", str(tmp_path / "r.csv")])
    assert result.exit_code == 0
    assert result.stderr == ""


def test_read_survey_reports_rows_read_and_ends_with_the_total(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(row_checks, "PROGRESS_EVERY", 500)
    seen: list[int] = []
    survey = read_survey(SAMPLE, progress=seen.append)
    assert seen[-1] == survey.rows_read
    # Rows are validated in blocks: a call comes once a block has passed the next multiple of
    # PROGRESS_EVERY, so each call but the last is past a multiple the one before had not reached.
    assert len(seen) > 2
    assert seen == sorted(seen)
    passed = [rows // 500 for rows in seen[:-1]]
    assert passed[0] >= 1
    assert passed == sorted(set(passed))


def test_progress_line_is_rewritten_in_place_and_finished() -> None:
    stream = _Terminal()
    shown = RowsProgress(stream, "en")
    shown(20_000)
    shown(40_000)
    shown.finish()
    text = stream.getvalue()
    assert text.startswith("\r20,000 rows read (")
    assert "\r40,000 rows read (" in text
    assert text.endswith("\n")
    assert "rows/s)" in text


def test_indonesian_progress_uses_dots_for_thousands() -> None:
    stream = _Terminal()
    RowsProgress(stream, "id")(1_234_567)
    assert stream.getvalue().startswith("\r1.234.567 baris dibaca (")


def test_progress_only_on_a_terminal_and_not_when_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(progress_module, "_stderr", lambda: terminal)
    assert rows_progress(False, "id") is not None
    assert rows_progress(True, "id") is None
    monkeypatch.setattr(progress_module, "_stderr", io.StringIO)
    assert rows_progress(False, "id") is None


def test_score_on_a_terminal_shows_progress_and_quiet_hides_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(progress_module, "_stderr", lambda: terminal)
    argv = ["score", *map(str, SAMPLE), "-o", str(tmp_path / "r.csv")]
    assert CliRunner().invoke(cli, argv).exit_code == 0
    assert "baris dibaca" in terminal.getvalue()
    terminal.seek(0)
    terminal.truncate()
    assert CliRunner().invoke(cli, [*argv, "--quiet"]).exit_code == 0
    assert terminal.getvalue() == ""


# Writing reports: rows of each long sheet and the rate, a line for the HTML page.


def _report_argv(tmp_path: Path, *extra: str) -> list[str]:
    return [
        "report",
        *map(str, SAMPLE),
        "--xlsx",
        str(tmp_path / "laporan.xlsx"),
        "--html",
        str(tmp_path / "laporan.html"),
        *extra,
    ]


def _members(path: Path) -> dict[str, bytes]:
    """The workbook's parts, without the creation time xlsxwriter stamps in core.xml."""
    with zipfile.ZipFile(path) as archive:
        return {
            name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"
        }


def test_long_tables_report_rows_written_across_their_sheets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(excel_sheet, "PROGRESS_EVERY", 3)
    book = xlsxwriter.Workbook(io.BytesIO(), {"constant_memory": True})
    steps: list[WriteStep] = []
    names = excel_sheet.write_long_table(
        book,
        Formats(book),
        "id",
        "Rumah Tangga",
        ["n"],
        ([i] for i in range(10)),
        10,
        max_rows=5,
        progress=steps.append,
    )
    book.close()
    assert names == ["Rumah Tangga", "Rumah Tangga (2)", "Rumah Tangga (3)"]
    assert {(s.part, s.name, s.total) for s in steps} == {("sheet", "Rumah Tangga", 10)}
    # Every 3 rows, and where a sheet of 4 data rows ends.
    assert [s.done for s in steps] == [0, 3, 4, 7, 8, 10]


def test_workbook_is_identical_with_and_without_progress(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(excel_sheet, "PROGRESS_EVERY", 250)
    result = score(read_survey(SAMPLE))
    content = build_content(result, summarise(result), ReportOptions(lang="en"))
    steps: list[WriteStep] = []
    write_workbook(content, tmp_path / "quiet.xlsx", max_rows=1000)
    write_workbook(content, tmp_path / "shown.xlsx", max_rows=1000, progress=steps.append)
    assert _members(tmp_path / "quiet.xlsx") == _members(tmp_path / "shown.xlsx")
    households = [s for s in steps if s.name == "Households"]
    total = len(result.survey.households)
    assert total > 2 * 1000
    assert households[0].done == 0
    assert households[-1].done == households[-1].total == total
    assert [s.done for s in households] == sorted(s.done for s in households)
    # The summary sheets are told once each, written (1 of 1), between the long tables.
    summaries = {s.name for s in steps} - {"Households", "Data Issues"}
    assert summaries
    assert all((s.done, s.total) == (1, 1) for s in steps if s.name in summaries)


def test_html_page_reports_its_start_and_end(tmp_path: Path) -> None:
    result = score(read_survey(SAMPLE))
    steps: list[WriteStep] = []
    page = tmp_path / "laporan.html"
    write_report(result, summarise(result), html=page, progress=steps.append)
    assert steps == [WriteStep("html", str(page), 0, 1), WriteStep("html", str(page), 1, 1)]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "id",
            ["menulis lembar Rumah Tangga: 0/1.200.000", "1.200.000/1.200.000 (", "baris/detik)"],
        ),
        ("en", ["writing sheet Households: 0/1,200,000", "1,200,000/1,200,000 (", "rows/s)"]),
    ],
)
def test_sheet_progress_line_shows_rows_written_and_the_rate(
    lang: Lang, expected: list[str]
) -> None:
    stream = _Terminal()
    shown = WritingProgress(stream, lang)
    name = "Rumah Tangga" if lang == "id" else "Households"
    shown(WriteStep("sheet", name, 0, 1_200_000))
    shown(WriteStep("sheet", name, 1_200_000, 1_200_000))
    text = stream.getvalue()
    assert text.startswith(f"\r{expected[0]}")
    for part in expected[1:]:
        assert part in text
    assert text.endswith("\n")
    assert text.count("\n") == 1


def test_sheet_progress_is_rewritten_at_most_every_interval(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(progress_module, "INTERVAL", 3600.0)
    stream = _Terminal()
    shown = WritingProgress(stream, "en")
    for done in range(0, 10_001, 1000):
        shown(WriteStep("sheet", "Households", done, 10_000))
    # Only the start and the end: every step between came too soon after the one shown.
    assert stream.getvalue().count("\r") == 2
    assert "5,000/10,000" not in stream.getvalue()


def test_shorter_line_wipes_the_longer_one_before_it() -> None:
    stream = _Terminal()
    shown = WritingProgress(stream, "en")
    shown(WriteStep("sheet", "Households and their answers", 0, 10))
    longer = stream.getvalue()
    shown(WriteStep("sheet", "Households", 0, 10))
    shorter = stream.getvalue()[len(longer) :]
    assert shorter.startswith("\rwriting sheet Households: 0/10 ")
    assert len(shorter) == len(longer)


def test_empty_sheet_shows_nothing_and_finish_ends_an_open_line() -> None:
    stream = _Terminal()
    shown = WritingProgress(stream, "id")
    shown(WriteStep("sheet", "Masalah Data", 0, 0))
    assert stream.getvalue() == ""
    shown(WriteStep("sheet", "Rumah Tangga", 0, 10))
    shown.finish()
    shown.finish()
    assert stream.getvalue().endswith("0/10\n")
    assert stream.getvalue().count("\n") == 1


@pytest.mark.parametrize(
    ("lang", "start", "end"),
    [
        ("id", "menulis HTML laporan.html ...", "menulis HTML laporan.html: selesai ("),
        ("en", "writing HTML laporan.html ...", "writing HTML laporan.html: done ("),
    ],
)
def test_html_progress_line(lang: Lang, start: str, end: str) -> None:
    stream = _Terminal()
    shown = WritingProgress(stream, lang)
    shown(WriteStep("html", "laporan.html", 0, 1))
    shown(WriteStep("html", "laporan.html", 1, 1))
    text = stream.getvalue()
    assert text.startswith(f"\r{start}")
    assert f"\r{end}" in text
    assert text.endswith("detik)\n" if lang == "id" else " s)\n")


def test_writing_progress_only_on_a_terminal_and_not_when_quiet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(progress_module, "_stderr", lambda: terminal)
    assert writing_progress(False, "en") is not None
    assert writing_progress(True, "en") is None
    monkeypatch.setattr(progress_module, "_stderr", io.StringIO)
    assert writing_progress(False, "en") is None


def test_report_is_silent_on_stderr_when_it_is_not_a_terminal(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, _report_argv(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("id", ["baris dibaca", "menulis lembar Rumah Tangga: 3.011/3.011", "menulis HTML"]),
        ("en", ["rows read", "writing sheet Households: 3,011/3,011", "writing HTML"]),
    ],
)
def test_report_on_a_terminal_shows_progress_and_quiet_hides_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str, expected: list[str]
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(progress_module, "_stderr", lambda: terminal)
    argv = _report_argv(tmp_path, "--lang", lang)
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 0, result.output
    shown = terminal.getvalue()
    for part in expected:
        assert part in shown
    # Reading, each sheet and the page end their lines: the report's own output follows clean.
    assert shown.endswith("\n")
    assert "\r" not in result.output
    terminal.seek(0)
    terminal.truncate()
    quiet = "--quiet" if lang == "id" else "-q"
    assert CliRunner().invoke(cli, [*argv, quiet]).exit_code == 0
    assert terminal.getvalue() == ""
