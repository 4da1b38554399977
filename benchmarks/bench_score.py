"""Benchmark: `phbs score` against a plain pandas script, on synthetic households.

Run on purpose, outside the test suite (the pandas baseline needs ``pip install -e .[bench]``)::

    python benchmarks/bench_score.py --rows 100000 --rows 1000000

For each size it writes a CSV of synthetic households (real village codes of a province,
Kalimantan Selatan by default, realistic answers), then runs, each in a fresh process:

- ``phbs score FILE -o rekap.csv`` (the village summary);
- ``benchmarks/pandas_score.py FILE rekap.csv``, the same summary in straightforward pandas;
- with ``--report``, also ``phbs report --survey FILE --xlsx laporan.xlsx``.

It prints seconds, rows per second and peak memory for each. Peak memory is the maximum
resident set size of that one child process, read from the ``rusage`` that ``os.wait4``
returns for exactly that child (not ``RUSAGE_CHILDREN``, which is the largest over every
child waited for so far, so a small run after a big one would report the big one's peak).
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from phbs.forms import load_form
from phbs.regions import region_table

HERE = Path(__file__).resolve().parent


def write_survey(path: Path, rows: int, province: str, seed: int = 7) -> None:
    """Write ``rows`` synthetic households spread over every village of ``province``."""
    rng = np.random.default_rng(seed)
    villages = region_table().villages_in(province)
    codes = load_form("kemenkes-rt-10").form.codes
    block = 100_000
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id_rumah_tangga", "kode_desa", "umur_anak_termuda_bulan", *codes])
        for start in range(0, rows, block):
            size = min(block, rows - start)
            village_of = rng.integers(0, len(villages), size)
            ages = np.where(rng.random(size) < 0.35, rng.integers(0, 60, size), -1)
            answers = rng.random((size, len(codes))) < 0.85
            for i in range(size):
                age = int(ages[i])
                cells = ["ya" if a else "tidak" for a in answers[i]]
                if age < 0:
                    cells[0] = cells[1] = cells[2] = "-"
                elif age > 6:
                    cells[1] = "-"
                writer.writerow(
                    [f"RT{start + i:08d}", villages[village_of[i]], "" if age < 0 else age, *cells]
                )


@dataclass(frozen=True)
class Measurement:
    """One run of one command in its own process."""

    seconds: float
    peak_mb: float


def measure(command: list[str]) -> Measurement:
    """Run ``command`` in a child process; its wall time and its own peak resident memory."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {child.returncode}")
    # Linux reports ru_maxrss in kilobytes.
    return Measurement(seconds, usage.ru_maxrss / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, action="append", help="households (repeatable)")
    parser.add_argument("--province", default="63", help="province code (default 63)")
    parser.add_argument("--report", action="store_true", help="also time phbs report --xlsx")
    parser.add_argument("--no-pandas", action="store_true", help="skip the pandas baseline")
    args = parser.parse_args()
    sizes = args.rows or [100_000]
    header = f"{'rows':>10}  {'command':<22}  {'seconds':>8}  {'rows/s':>9}  {'peak MB':>8}"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for rows in sizes:
            survey = work / f"survei-{rows}.csv"
            write_survey(survey, rows, args.province)
            phbs = [sys.executable, "-m", "phbs"]
            commands = {"phbs score": [*phbs, "score", str(survey), "-o", str(work / "rekap.csv")]}
            if args.report:
                commands["phbs report --xlsx"] = [
                    *phbs, "report", "--survey", str(survey), "--xlsx", str(work / "lap.xlsx")
                ]  # fmt: skip
            if not args.no_pandas:
                script = str(HERE / "pandas_score.py")
                commands["pandas script"] = [
                    sys.executable, script, str(survey), str(work / "rekap-pandas.csv")
                ]  # fmt: skip
            for name, command in commands.items():
                run = measure(command)
                print(
                    f"{rows:>10}  {name:<22}  {run.seconds:>8.2f}  "
                    f"{rows / run.seconds:>9.0f}  {run.peak_mb:>8.0f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
