"""The start-up benchmark (``benchmarks/bench_startup.py``) runs end to end on a tiny file.

It is run on purpose for its timings, never here: this only checks that every command it
times succeeds and that its table names them, with a median for each (no timing is asserted).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "bench_startup.py"


def test_startup_benchmark_times_every_command_in_each_checkout(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            *(sys.executable, str(SCRIPT), "--runs", "1", "--households", "30"),
            *("--checkout", f"here={ROOT}"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| checkout | command (30 households in 63.10.01) | median wall s |")
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]
    assert rows[0][:2] == ["here", "`python -c pass`"]
    assert {row[1] for row in rows} >= {
        "`python -c pass`", "`phbs --version`", "`python -m phbs score`",
        "`import click, numpy; load_form(...)`",
    }  # fmt: skip
    assert all(float(row[2]) > 0 and float(row[3]) >= 0 and row[4] == "1" for row in rows)
    assert list(tmp_path.iterdir()) == []  # its survey and outputs were temporary
