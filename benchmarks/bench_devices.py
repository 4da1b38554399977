"""Benchmark: does each performance device of `phbs score` pay for itself on this machine?

Run on purpose, outside the test suite::

    python benchmarks/bench_devices.py --rows 1M --keep bench-data --repeat 5

Each device is switched off in turn, in a fresh process that then runs exactly what
``phbs score FILE -o rekap.csv`` runs, and compared with all devices on; the runs take turns
(on, off, on, off, …) so that a machine busy for a moment slows both alike. The devices:

- ``read-ahead``: the next file segment is read and parsed on a second thread while the
  current one is validated (:func:`phbs.threads.read_ahead`); off: read in line;
- ``malloc-arenas``: glibc serves every thread from one malloc arena
  (:func:`phbs.threads.limit_malloc_arenas`); off: glibc's default, one per thread;
- ``shared-fields``: the indicator coverages of a summary share one set of field names
  (``_share_fields`` in :mod:`phbs.scoring.summary`); off: pydantic's set per object. This one
  matters for memory at the dusun level of a province, so it is measured with ``--by dusun``.

It prints, per device, the median seconds and the largest peak memory with the device on and
off, and the change when it is off (positive: the device saves that much). A device that saved
nothing was removed: counting validated batches on a second thread (2,42 s on, 2,41 s off at a
million households; 8,90 s on, 8,46 s off with every household written).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_score import parse_rows, survey_file  # noqa: E402

#: Python run in the child before ``phbs score``: how each device is switched off.
SWITCH_OFF = {
    "read-ahead": (
        "import phbs.ingest.file_checks as m\nm.read_ahead = lambda items, depth=1: iter(items)\n"
    ),
    "malloc-arenas": (
        "import phbs.cli.root as m\nm.limit_malloc_arenas = lambda arenas=1: False\n"
    ),
    "shared-fields": (
        "import phbs.scoring.summary as m\nm._share_fields = lambda coverage: None\n"
    ),
}

#: Extra ``phbs score`` options for a device's runs.
OPTIONS = {"shared-fields": ["--by", "dusun"]}


@dataclass
class Run:
    seconds: float
    peak_mb: float


def run(survey: Path, output: Path, device: str | None, options: list[str]) -> Run:
    """One ``phbs score`` in a fresh process, the device switched off when named."""
    code = (SWITCH_OFF[device] if device else "") + (
        "import sys\n"
        "from phbs.cli.root import main\n"
        f"main({['score', str(survey), '-o', str(output), '-q', *options]!r})\n"
    )
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{device or 'all on'}: phbs score failed")
    return Run(seconds, usage.ru_maxrss / 1024)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=parse_rows, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each, taking turns")
    parser.add_argument("--keep", type=Path, default=None, help="folder for the survey file")
    parser.add_argument("--device", action="append", choices=sorted(SWITCH_OFF))
    parser.add_argument(
        "--households",
        action="store_true",
        help="also write every household (phbs score --households), as a report run does",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        survey, _ = survey_file(folder, args.rows, "63", 7)
        output = Path(scratch) / "rekap.csv"
        written = ", every household written" if args.households else ""
        print(f"{args.rows:,} households{written}, {args.repeat} runs each, taking turns")
        print(f"{'device':<15} {'on s':>7} {'off s':>7} {'Δ s':>7} {'on MB':>7} {'off MB':>7}")
        for device in args.device or sorted(SWITCH_OFF):
            options = OPTIONS.get(device, [])
            if args.households:
                options = [*options, "--households", str(Path(scratch) / "rumah-tangga.csv")]
            on: list[Run] = []
            off: list[Run] = []
            for _ in range(args.repeat):
                on.append(run(survey, output, None, options))
                off.append(run(survey, output, device, options))
            on_s = statistics.median(r.seconds for r in on)
            off_s = statistics.median(r.seconds for r in off)
            on_mb = max(r.peak_mb for r in on)
            off_mb = max(r.peak_mb for r in off)
            print(
                f"{device:<15} {on_s:7.2f} {off_s:7.2f} {off_s - on_s:+7.2f} "
                f"{on_mb:7.0f} {off_mb:7.0f}"
            )


if __name__ == "__main__":
    main()
