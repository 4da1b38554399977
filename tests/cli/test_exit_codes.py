"""The exit codes of README *Kode keluar / Exit codes* that need something to go wrong
around the program: 70 for an internal error, 130 for Ctrl-C, 141 for a reader that stops
reading the output. The last two are real signals and a real pipe between child processes.
"""

from __future__ import annotations

import errno
import importlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import HEADER, household, write_csv

import phbs
from phbs.cli.root import cli
from phbs.demo.data import sample_data
from phbs.regions import region_table

# --- 70: internal error


def _broken(error: BaseException) -> object:
    def fail(*_args: object, **_kwargs: object) -> object:
        raise error

    return fail


@pytest.mark.parametrize(
    ("command", "attribute", "error", "shown"),
    [
        ("score", "score_files", RuntimeError("kunci hilang"), "RuntimeError: kunci hilang"),
        ("validate", "read_survey", RuntimeError("kunci hilang"), "RuntimeError: kunci hilang"),
        # An OS error that is not "no room to write" (that one is exit 2) is internal too.
        (
            "score",
            "score_files",
            OSError(errno.EIO, "Input/output error"),
            "OSError: [Errno 5] Input/output error",
        ),
    ],
)
def test_an_internal_error_is_one_line_asking_for_a_report(
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    attribute: str,
    error: BaseException,
    shown: str,
) -> None:
    """README, Kode keluar: 70 is an internal error of phbs, "mohon laporkan; `phbs --debug
    …` untuk rinciannya". A library function that fails with an error no user can cause
    gives one line on stderr naming the error and where it happened, asking for a report and
    pointing to --debug; no traceback. With --debug the error itself comes out."""
    monkeypatch.setattr(importlib.import_module(f"phbs.cli.{command}"), attribute, _broken(error))
    files = [str(p) for p in sample_data().survey_files]
    result = CliRunner().invoke(cli, [command, *files, "-q"])
    assert result.exit_code == 70, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith(f"Galat internal phbs {phbs.__version__} ({shown} di ")
    assert "test_exit_codes.py:" in line  # where it was raised
    assert "Mohon laporkan" in line
    assert "'phbs --debug ...'" in line
    assert "Traceback" not in result.output
    debug = CliRunner().invoke(cli, ["--debug", command, *files, "-q"])
    assert debug.exception is error


def test_an_internal_error_exits_70_from_the_console_entry_point() -> None:
    """The same in a real process started as `phbs` is (the console entry point): exit
    status 70, the one line on stderr, no traceback."""
    files = ", ".join(repr(str(p)) for p in sample_data().survey_files)
    script = (
        "import phbs.cli.score as score\n"
        "def fail(*args, **kwargs):\n"
        "    raise RuntimeError('kunci hilang')\n"
        "score.score_files = fail\n"
        "from phbs.console import main\n"
        f"main(['score', {files}, '-q'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 70, done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "Galat internal phbs" in line
    assert "RuntimeError: kunci hilang" in line
    assert "Mohon laporkan" in line


# --- 130: Ctrl-C


@pytest.mark.slow
def test_ctrl_c_while_scoring_exits_130_and_leaves_no_file(tmp_path: Path) -> None:
    """README, Kode keluar: 130 is "dibatalkan dengan Ctrl-C"; SECURITY.md: an output is
    written aside and moved in place only when whole. A real SIGINT to `phbs score` while
    it writes the households' file: exit 130, "Dibatalkan / cancelled" and no traceback on
    stderr, no output and no temporary file left (the child's TMPDIR is private)."""
    villages = ["63.10.01.2005", "63.10.01.2006", "63.10.01.1007", "63.10.02.2008"]
    rows = [household(f"RT{i:06d}", kode=villages[i % 4]) for i in range(300_000)]
    survey = write_csv(tmp_path / "survei.csv", [HEADER, *rows])
    out = tmp_path / "hasil"
    out.mkdir()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "phbs",
            "score",
            str(survey),
            "-o",
            str(out / "rekap.csv"),
            "--households",
            str(out / "rumah-tangga.csv"),
            "-q",
        ],
        env={**os.environ, "TMPDIR": str(scratch)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and child.poll() is None:
        if list(out.glob(".rumah-tangga.csv.*.tmp")):
            break  # scoring has started: the households' file is being written
        time.sleep(0.02)
    assert child.poll() is None, "phbs score finished before it could be stopped"
    time.sleep(0.2)
    child.send_signal(signal.SIGINT)
    stdout, stderr = child.communicate(timeout=60)
    assert child.returncode == 130, stderr
    assert "Dibatalkan / cancelled" in stderr
    assert "Traceback" not in stdout + stderr
    assert list(out.iterdir()) == []
    assert list(scratch.iterdir()) == []


# --- 141: the reader of the output went away


def test_output_piped_into_head_exits_141_without_a_traceback(tmp_path: Path) -> None:
    """README, Kode keluar: 141 when the program reading the output stops first, as in
    `phbs score … | head -1`: a real pipeline of two processes. The village table of the
    2,016 villages of Kalimantan Selatan (over 200 KB) cannot fit in the pipe, so phbs is
    still writing when head has printed its line and gone: phbs exits 141 (not killed by
    SIGPIPE), with nothing on stderr."""
    villages = region_table().villages_in("63")
    assert len(villages) > 2000
    rows = [household(f"RT{i:05d}", kode=code) for i, code in enumerate(villages)]
    survey = write_csv(tmp_path / "kalsel.csv", [HEADER, *rows])
    phbs_process = subprocess.Popen(
        [sys.executable, "-m", "phbs", "score", str(survey), "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert phbs_process.stdout is not None
    head = subprocess.Popen(["head", "-1"], stdin=phbs_process.stdout, stdout=subprocess.PIPE)
    phbs_process.stdout.close()  # head holds the only reading end
    shown, _ = head.communicate(timeout=120)
    _, stderr = phbs_process.communicate(timeout=120)
    assert shown.decode("utf-8") == "Hasil PHBS rumah tangga per desa/kelurahan\n"
    assert head.returncode == 0
    assert phbs_process.returncode == 141, stderr
    assert stderr == b""
