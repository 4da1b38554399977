"""Progress on stderr (issue 7): shown on a terminal, silent otherwise or with --quiet."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from phbs.cli import cli
from phbs.commands import progress as progress_module
from phbs.commands.progress import RowsProgress, rows_progress
from phbs.ingest import read_survey
from phbs.ingest import validate as validate_module
from phbs.resources import data_path

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
    monkeypatch.setattr(validate_module, "PROGRESS_EVERY", 500)
    seen: list[int] = []
    survey = read_survey(SAMPLE, progress=seen.append)
    assert seen == sorted(seen)
    assert seen[-1] == survey.rows_read
    assert seen[:-1] == list(range(500, survey.rows_read + 1, 500))


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
