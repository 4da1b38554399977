"""``phbs`` and ``python -m phbs`` end without tearing the interpreter down
(:func:`phbs.console.run`): nothing a person sees or keeps may change by it. In real
processes, with their output going to files (block-buffered, as in a script or a cron job):
every line of the terminal output arrives, the exit code is the command's, every output file
is whole, and no temporary file is left in the process's own ``TMPDIR``."""

from __future__ import annotations

import csv
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import phbs
from phbs.cli.root import cli


def _phbs(args: list[str], folder: Path) -> tuple[int, str, str]:
    """``python -m phbs ARGS`` with stdout and stderr written to files, and a private,
    empty TMPDIR."""
    temporary = folder / "tmp"
    temporary.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(temporary)}
    with (folder / "out.txt").open("wb") as out, (folder / "err.txt").open("wb") as err:
        done = subprocess.run(
            [sys.executable, "-m", "phbs", *args],
            stdout=out,
            stderr=err,
            env=env,
            timeout=300,
            check=False,
        )
    assert list(temporary.iterdir()) == []
    read = (
        (folder / "out.txt").read_text(encoding="utf-8"),
        (folder / "err.txt").read_text(encoding="utf-8"),
    )
    return done.returncode, *read


@pytest.mark.slow
def test_every_line_and_file_of_a_report_arrives(tmp_path: Path) -> None:
    files = [str(f) for f in phbs.sample_data().survey_files]
    households = tmp_path / "rumah-tangga.csv"
    workbook = tmp_path / "laporan.xlsx"
    args = ["score", *files, "-q", "--households", str(households)]
    code, out, err = _phbs(args, tmp_path)
    expected = CliRunner().invoke(cli, [*args[:-2], "--households", str(tmp_path / "b.csv")])
    assert (code, err) == (expected.exit_code, "")
    assert out == expected.output.replace(str(tmp_path / "b.csv"), str(households))
    with households.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    scored = out.split(" baris dibaca = ")[1].split(" diskor")[0]
    assert f"{len(rows) - 1:,}".replace(",", ".") == scored
    code, out, err = _phbs(["report", *files, "-q", "--xlsx", str(workbook)], tmp_path)
    assert code == 0, err
    from python_calamine import CalamineWorkbook

    assert len(CalamineWorkbook.from_path(str(workbook)).sheet_names) > 3


def test_the_commands_exit_code_and_message_arrive(tmp_path: Path) -> None:
    code, out, err = _phbs(["score", str(tmp_path / "tidak-ada.csv")], tmp_path)
    assert (code, out) == (2, "")
    assert err == f"Galat: {tmp_path / 'tidak-ada.csv'}: berkas tidak ada\n"


def test_a_closed_stdout_and_a_coverage_handler_keep_pythons_own_exit(tmp_path: Path) -> None:
    """Started with stdout closed (``>&-``) nothing is added to stderr; with an exit handler
    registered before the command starts (by sitecustomize or a .pth file, as coverage's
    ``COVERAGE_PROCESS_START`` does), Python exits as usual, so that handler still runs."""
    command = f"exec {shlex.quote(sys.executable)} -m phbs --version >&-"
    closed = subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, timeout=60, check=False
    )
    assert (closed.returncode, closed.stderr) == (0, "")
    # An exit handler registered at start-up, as coverage's .pth file registers one.
    (tmp_path / "sitecustomize.py").write_text(
        f"import atexit, pathlib\natexit.register(pathlib.Path({str(tmp_path / 'ran')!r}).touch)\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    done = subprocess.run(
        [sys.executable, "-m", "phbs", "--version"],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "ran").exists(), "the start-up exit handler did not run"
