"""Benchmark: `phbs score` on synthetic households over every village of a province.

Run on purpose, outside the test suite::

    python benchmarks/bench_score.py --rows 100000 --rows 300000

For each size it writes a CSV of synthetic households (real village codes of Kalimantan
Selatan, realistic answers), then runs ``phbs score FILE -o summary.csv`` in a fresh process
and reports wall time, rows per second and peak memory (max RSS of that process).
"""

from __future__ import annotations

import argparse
import csv
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from phbs.forms import load_form
from phbs.regions import region_table


def write_survey(path: Path, rows: int, province: str, seed: int = 7) -> None:
    """Write ``rows`` synthetic households spread over every village of ``province``."""
    rng = np.random.default_rng(seed)
    villages = region_table().villages_in(province)
    codes = load_form("kemenkes-rt-10").form.codes
    village_of = rng.integers(0, len(villages), rows)
    ages = np.where(rng.random(rows) < 0.35, rng.integers(0, 60, rows), -1)
    answers = rng.random((rows, len(codes))) < 0.85
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id_rumah_tangga", "kode_desa", "umur_anak_termuda_bulan", *codes])
        for i in range(rows):
            age = int(ages[i])
            cells = ["ya" if a else "tidak" for a in answers[i]]
            if age < 0:
                cells[0] = cells[1] = cells[2] = "-"
            elif age > 6:
                cells[1] = "-"
            writer.writerow([f"RT{i:08d}", villages[village_of[i]], "" if age < 0 else age, *cells])


def measure(survey: Path, out: Path) -> tuple[float, float]:
    """Run `phbs score` in a child process; return (seconds, peak MB of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "phbs", "score", str(survey), "-o", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak_kb, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, action="append", help="households (repeatable)")
    parser.add_argument("--province", default="63", help="province code (default 63)")
    args = parser.parse_args()
    sizes = args.rows or [100_000]
    print(f"{'rows':>10}  {'seconds':>8}  {'rows/s':>9}  {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for rows in sizes:
            survey = Path(folder) / f"survei-{rows}.csv"
            write_survey(survey, rows, args.province)
            seconds, peak = measure(survey, Path(folder) / "rekap.csv")
            print(f"{rows:>10}  {seconds:>8.2f}  {rows / seconds:>9.0f}  {peak:>8.0f}")


if __name__ == "__main__":
    main()
