"""Interrupted and failing writes leave nothing behind (SECURITY.md): SIGTERM and Ctrl-C
during ``phbs report --xlsx``, and a write that fails for lack of room.

Each case runs the real command in a child process with a private temporary folder
(``TMPDIR``), so whatever xlsxwriter or phbs would leave there is seen.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import HEADER, household, write_csv

pytestmark = pytest.mark.slow


def _survey(folder: Path, households: int) -> Path:
    """A survey large enough that writing its workbook takes some seconds."""
    villages = ["63.10.01.2005", "63.10.01.2006", "63.10.01.1007", "63.10.02.2008"]
    rows = [
        household(f"RT{i:06d}", kode=villages[i % 4], age="", spec="---YYYYYYY")
        for i in range(households)
    ]
    return write_csv(folder / "survei.csv", [HEADER, *rows])


def _phbs(*args: str | Path, env: dict[str, str], **options: object) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "phbs", *(str(a) for a in args)]
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options
    )


def _private_tmp(folder: Path) -> dict[str, str]:
    scratch = folder / "tmp"
    scratch.mkdir()
    return {**os.environ, "TMPDIR": str(scratch)}


@pytest.mark.parametrize(("sent", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_stopped_report_leaves_no_file(tmp_path: Path, sent: int, code: int) -> None:
    """Stopped while the workbook is being written: exit 143 (SIGTERM) or 130 (Ctrl-C), no
    workbook, no partial file beside it, and nothing of xlsxwriter's in the temporary
    folder (the households' rows were there)."""
    survey = _survey(tmp_path, 40_000)
    out = tmp_path / "laporan"
    out.mkdir()
    env = _private_tmp(tmp_path)
    child = _phbs("report", "--survey", survey, "--xlsx", out / "laporan.xlsx", "-q", env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and child.poll() is None:
        if list(out.glob(".laporan.xlsx.*.tmp")) and list((tmp_path / "tmp").iterdir()):
            break  # the workbook is being written, its working files are there
        time.sleep(0.05)
    assert child.poll() is None, "the report finished before it could be stopped"
    time.sleep(0.5)
    child.send_signal(sent)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == code, stderr
    assert "Dibatalkan" in stderr
    assert "Traceback" not in stderr
    assert list(out.iterdir()) == []
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.parametrize("limit", [64_000, 250_000])
def test_a_write_without_room_is_one_line_and_leaves_the_old_file(
    tmp_path: Path, limit: int
) -> None:
    """A report that cannot be written for lack of room (the file-size limit stands in for a
    full disk: writes fail with an OS error the same way), whether the households' spool
    or the workbook runs out: one line, exit 2, the previous report unchanged, no
    temporary file anywhere."""
    from phbs.demo.data import sample_data

    out = tmp_path / "laporan.xlsx"
    out.write_bytes(b"laporan lama")
    env = _private_tmp(tmp_path)

    def small_files() -> None:
        # Writes past the limit fail with EFBIG instead of killing the process.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    files = sample_data().survey_files
    child = _phbs(
        "report", "--survey", *files, "--xlsx", out, "-q", env=env, preexec_fn=small_files
    )
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Galat: ")
    assert "File too large" in lines[0]
    assert out.read_bytes() == b"laporan lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.xlsx", "tmp"]
    assert list((tmp_path / "tmp").iterdir()) == []


def test_ctrl_c_while_the_program_loads_is_one_line() -> None:
    """Ctrl-C in the first fraction of a second, while the command-line interface is still
    being imported, ends as Ctrl-C does later: "Dibatalkan / cancelled", exit 130, no
    traceback. The interrupt is raised by the import of ``phbs.cli.root`` itself, in a real child
    process running the console entry point, so the moment is not left to timing."""
    script = (
        "import builtins, sys\n"
        "real = builtins.__import__\n"
        "def stop(name, *args, **kwargs):\n"
        "    if name == 'phbs.cli.root':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = stop\n"
        "from phbs.console import main\n"
        "main(['--help'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 130
    assert done.stderr == "Dibatalkan / cancelled\n"
    assert "Traceback" not in done.stdout + done.stderr
