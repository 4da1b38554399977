"""Benchmark: the report workbook's households sheets beside plain xlsxwriter, same cells.

Run on purpose, outside the test suite::

    python benchmarks/bench_workbook.py --rows 100k --keep bench-data

For each size (``--rows``, repeatable: ``300000``, ``300k``, ``1M``; 100,000 by default) it
generates a survey with the generator of ``benchmarks/bench_score.py`` (kept and reused in
``--keep DIR``), then runs, taking turns, each in a fresh process (``--repeat``, 3 by default):

- ``phbs report --survey FILE --xlsx laporan.xlsx`` (the command line itself, in-process), timing
  the *Rumah Tangga* phase from its first progress step to its last, and the whole command;
- the same cells written with plain xlsxwriter: the household rows phbs writes, built in memory
  first (not timed), then written with ``write_string`` / ``write_number`` and the same formats,
  in a workbook with the same options (``constant_memory``, no string conversions).

With ``--before CHECKOUT`` (e.g. a worktree of main) a third run takes its turn: ``phbs
report`` imported from that checkout, to compare a change with what it replaces.

It prints a markdown table: households, run, median seconds of the households sheets,
households per second, phbs's rate divided by xlsxwriter's, the whole command's median seconds
and the largest peak memory of the process (``os.wait4``'s ``ru_maxrss`` of that one child).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_score  # noqa: E402  (the survey generator, beside this file)


@dataclass(frozen=True)
class Run:
    """One child process: the households sheets' seconds, the whole run's, its peak MB."""

    sheet_seconds: float
    total_seconds: float
    peak_mb: float


def _phbs_child(survey: Path, out: Path) -> dict[str, float]:
    """``phbs report --survey survey --xlsx out`` in this process, timing the households."""
    from phbs.cli import report as report_cli
    from phbs.cli.root import cli
    from phbs.reports.excel.sheet import WriteStep

    marks: list[float] = []

    def progress(step: WriteStep) -> None:
        ends = step.done == 0 or step.done >= step.total
        if step.part == "sheet" and step.name.startswith("Rumah Tangga") and ends:
            marks.append(time.perf_counter())

    # The command's own progress display, replaced by the stopwatch (stderr is no terminal).
    report_cli.writing_progress = lambda *_: progress  # type: ignore[attr-defined,assignment]
    start = time.perf_counter()
    cli.main(["report", "-q", "--survey", str(survey), "--xlsx", str(out)], standalone_mode=False)
    return {"sheet": marks[-1] - marks[0], "total": time.perf_counter() - start}


def _raw_child(survey: Path, out: Path) -> dict[str, float]:
    """The cells of the households sheet, built by phbs (not timed), written with plain
    xlsxwriter (timed)."""
    import xlsxwriter

    import phbs
    from phbs.reports.content import build_content
    from phbs.reports.excel.household_rows import household_kinds, household_rows
    from phbs.reports.excel.tables import household_header

    start = time.perf_counter()
    result = phbs.score_files([survey], keep_households=True)
    content = build_content(result, phbs.summarise(result))
    header = household_header(content)
    kinds = household_kinds(content)
    rows = list(household_rows(content))
    result.close()
    options = {
        "constant_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    with tempfile.TemporaryDirectory() as scratch:
        book = xlsxwriter.Workbook(str(out), {**options, "tmpdir": scratch})
        text = book.add_format({"valign": "top"})
        integer = book.add_format({"num_format": "#,##0", "valign": "top"})
        decimal = book.add_format({"num_format": "0.000", "valign": "top"})
        bold = book.add_format({"bold": True})
        sheet = book.add_worksheet("Rumah Tangga")
        writers: list[Any] = [
            sheet.write_string if k == "text" else sheet.write_number for k in kinds
        ]
        formats = [{"text": text, "integer": integer, "decimal": decimal}[k] for k in kinds]
        begin = time.perf_counter()
        for col, name in enumerate(header):
            sheet.write_string(0, col, name, bold)
        for row, values in enumerate(rows, start=1):
            for col, value in enumerate(values):
                if value is not None:
                    writers[col](row, col, value, formats[col])
        sheet_seconds = time.perf_counter() - begin
        book.close()
    return {"sheet": sheet_seconds, "total": time.perf_counter() - start}


def run_child(kind: str, survey: Path, folder: Path, before: Path | None = None) -> Run:
    """One run of ``kind`` (``phbs``, ``raw``, or ``before``: phbs imported from the
    checkout ``before``) in a fresh process, with its peak memory."""
    out = folder / f"{kind}.xlsx"
    child_kind = "phbs" if kind == "before" else kind
    command = [sys.executable, __file__, "--child", child_kind, str(survey), str(out)]
    env = dict(os.environ)
    if kind == "before" and before is not None:
        env["PYTHONPATH"] = str(before.resolve())
    with tempfile.TemporaryFile() as output, tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(command, stdout=output, stderr=errors, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            sys.stderr.write(errors.read().decode("utf-8", "replace")[-4000:])
            raise SystemExit(f"{' '.join(command)} failed")
        output.seek(0)
        times = json.loads(output.read().decode().strip().splitlines()[-1])
    out.unlink(missing_ok=True)
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Run(times["sheet"], times["total"], peak)


def markdown_table(results: dict[int, dict[str, list[Run]]]) -> str:
    """The table: one line per size and run, phbs's rate over xlsxwriter's on the phbs line."""
    lines = [
        "| households | run | households sheets (s, median) | households/s | phbs / xlsxwriter "
        "| whole run (s, median) | peak MB |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for size, runs in results.items():
        rate = {k: size / statistics.median(r.sheet_seconds for r in v) for k, v in runs.items()}
        labels = {
            "phbs": "phbs report --xlsx",
            "raw": "plain xlsxwriter",
            "before": "phbs report --xlsx (--before)",
        }
        for kind in runs:
            label = labels[kind]
            ratio = f"{rate[kind] / rate['raw']:.0%}" if kind != "raw" else ""
            sheet = statistics.median(r.sheet_seconds for r in runs[kind])
            total = statistics.median(r.total_seconds for r in runs[kind])
            peak = max(r.peak_mb for r in runs[kind])
            lines.append(
                f"| {size:,} | {label} | {sheet:.1f} | {rate[kind]:,.0f} | {ratio} "
                f"| {total:.1f} | {peak:,.0f} |"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the arguments and run the benchmark (or one child run)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=bench_score.parse_rows, action="append", default=None)
    parser.add_argument("--keep", type=Path, default=None, help="folder for generated surveys")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (default 3)")
    parser.add_argument("--province", default="63")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--before",
        type=Path,
        default=None,
        metavar="CHECKOUT",
        help="also time phbs report from another checkout (e.g. main), taking turns",
    )
    parser.add_argument(
        "--child", nargs=3, metavar=("KIND", "SURVEY", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        kind, survey, out = args.child
        child = _phbs_child if kind == "phbs" else _raw_child
        print(json.dumps(child(Path(survey), Path(out))))
        return
    with tempfile.TemporaryDirectory(prefix="bench-workbook-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        results: dict[int, dict[str, list[Run]]] = {}
        for size in args.rows or [100_000]:
            survey, _ = bench_score.survey_file(folder, size, args.province, args.seed)
            kinds = ["phbs", "raw", *(["before"] if args.before else [])]
            runs: dict[str, list[Run]] = {kind: [] for kind in kinds}
            for _ in range(args.repeat):
                for kind in kinds:
                    run = run_child(kind, survey, Path(scratch), args.before)
                    runs[kind].append(run)
                    print(f"{size:,} {kind}: {run}", file=sys.stderr)
            results[size] = runs
        print(markdown_table(results))


if __name__ == "__main__":
    main()
