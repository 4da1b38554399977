"""Benchmark: `phbs score` and `phbs report` beside fast pandas and polars scripts, synthetic data.

Run on purpose, outside the test suite (the baselines need ``pip install -e .[bench]``: pandas
3, pyarrow and polars).
Everything the performance target needs, in one command (100,000, 1,000,000 and 5,000,000
households; the generated files are kept in ``bench-data/`` and reused by the next run)::

    python benchmarks/bench_score.py --sizes standard --report --keep bench-data

Without ``--rows`` or ``--sizes`` it measures 100,000 households only (``--sizes quick``).
``--rows`` is repeatable and takes ``300000``, ``300k`` or ``1M``.

For each size it writes a CSV of synthetic households (real village codes of a province,
Kalimantan Selatan by default, with a dusun and a surveyor per household, realistic answers,
``-`` for children's indicators that do not apply and a blank age when there is no child
under five), then runs, each in a fresh process:

- ``phbs score FILE -o rekap.csv`` (the village summary);
- with ``--report``, ``phbs report --survey FILE --xlsx laporan.xlsx`` and the same with
  ``--html laporan.html``;
- the baselines, unless ``--no-baselines`` (or its old name ``--no-pandas``): the same village
  summary written the fastest idiomatic way a data-savvy user would write it today,
  ``benchmarks/pandas_score.py FILE rekap.csv`` (pandas 3, pyarrow CSV reader, vectorised
  string columns, one ``groupby().sum()``) and ``benchmarks/polars_score.py FILE rekap.csv``
  (one lazy polars query, streaming engine). Neither checks village codes, dates or
  applicability by the child's age (see their docstrings), so they do less than ``phbs``;
- with ``--workbook``, ``phbs score`` on the same households saved as an .xlsx (one sheet;
  ``--rows 1048575`` fills a worksheet to Excel's last row, 1,048,576 with the header), in
  two spellings: each text in its cell (xlsxwriter's constant-memory mode) and each text once
  in the shared strings (``teks bersama``, as Excel saves), see :func:`workbook_file`.

``phbs score`` and each baseline run three times, taking turns (``--repeat``: phbs, pandas,
polars, phbs, pandas, polars, ...); the table gives the median time and the largest peak of
each (a shared machine can slow one run down; taking turns spreads that over all of them).

It prints one table: rows, command, seconds, rows per second, peak memory, and for
``phbs score`` its median time divided by the median of the faster baseline, named beside
the ratio (``--markdown``: the same table in the README's markdown, with Indonesian number
formatting). Under the table, one line says when and where: the date, Python, phbs, pandas,
pyarrow and polars versions, the machine's cores and memory, and its load average when the
benchmark ended (a shared machine's load slows every command).

Before timing, every command runs once untimed on 200 households with bytecode cached in a
temporary folder, so each timed run starts from compiled modules as an installed package
does (``PYTHONDONTWRITEBYTECODE`` in the shell would otherwise make every ``phbs`` run
compile its modules again). Peak memory is
the maximum resident set size of that one child process, read from the ``rusage`` that
``os.wait4`` returns for exactly that child (not ``RUSAGE_CHILDREN``, which is the largest over
every child waited for so far, so a small run after a big one would report the big one's peak).
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from phbs.forms.loading import load_form
from phbs.regions import region_table
from phbs.version import __version__ as phbs_version

HERE = Path(__file__).resolve().parent

#: Named sets of sizes for ``--sizes``.
SIZES = {"quick": [100_000], "standard": [100_000, 1_000_000, 5_000_000]}
#: Households generated per block: the generator's memory does not grow with the file.
BLOCK = 100_000
#: Bumped when the generated content changes, so ``--keep`` never reuses an older file.
GENERATOR_VERSION = 2

_PLACES = [
    "Sungai", "Tanjung", "Muara", "Pasar", "Kampung", "Teluk", "Padang", "Karang", "Batu",
    "Tanah", "Ujung", "Lok", "Banua", "Pulau", "Simpang"
]  # fmt: skip
_QUALIFIERS = [
    "Baru", "Lama", "Hulu", "Hilir", "Raya", "Jaya", "Indah", "Makmur", "Tengah", "Dalam",
    "Luar", "Kecil", "Besar", "Permai", "Sari", "Harapan", "Timur", "Barat", "Utara",
    "Selatan"
]  # fmt: skip
_GIVEN = [
    "Siti", "Nur", "Ahmad", "Muhammad", "Rina", "Dewi", "Sri", "Agus", "Budi", "Hendra",
    "Fitri", "Yuli", "Rahmat", "Lina", "Wati", "Eko", "Aulia", "Rizky", "Indah", "Fajar"
]  # fmt: skip
_FAMILY = [
    "Rahmawati", "Hidayat", "Saputra", "Lestari", "Pratama", "Maulida", "Santoso", "Wahyuni",
    "Fauzi", "Kusuma", "Hasanah", "Syahputra", "Anggraini", "Setiawan", "Ramadhani"
]  # fmt: skip
#: A few hundred dusun names (each village uses two to six of them; kelurahan have none).
DUSUN = [f"{place} {qualifier}" for place in _PLACES for qualifier in _QUALIFIERS]
#: A few hundred surveyors (each village has one or two; each surveyor several villages).
PETUGAS = [f"{given} {family}" for given in _GIVEN for family in _FAMILY]

#: Share of households with a child under five, and the share of Ya per indicator.
CHILD_SHARE = 0.35
YES_SHARE = 0.85


def parse_rows(text: str) -> int:
    """Row counts as ``300000``, ``300_000``, ``300k`` or ``1M``.

    >>> parse_rows("300k"), parse_rows("1M"), parse_rows("5_000_000")
    (300000, 1000000, 5000000)
    """
    match = re.fullmatch(r"\s*([0-9_]+(?:\.[0-9]+)?)\s*([kKmM]?)\s*", text)
    if match is None:
        raise argparse.ArgumentTypeError(f"not a row count: {text!r}")
    number, unit = match.groups()
    value = float(number.replace("_", "")) * {"": 1, "k": 1_000, "m": 1_000_000}[unit.lower()]
    if value < 1 or value != int(value):
        raise argparse.ArgumentTypeError(f"not a row count: {text!r}")
    return int(value)


def _row_tails(width: int) -> NDArray[np.object_]:
    """Every possible end of a row, from the age of the youngest child to the last answer.

    Index ``age_index * 2**width + answer_bits``: age index 0 is a blank age (no child under
    five), 1 + m an age of m months; bit i of the answer bits is 1 for Ya on indicator i. The
    first three indicators are the children's: births and weighing apply to a child under
    five, exclusive breastfeeding to 0-6 months; where they do not apply the cell is ``-``.
    """
    tails = []
    for age in (None, *range(60)):
        child = [age is not None, age is not None and age <= 6, age is not None]
        for bits in range(1 << width):
            cells = [
                "-" if i < 3 and not child[i] else "ya" if bits >> i & 1 else "tidak"
                for i in range(width)
            ]
            tails.append(",".join(["" if age is None else str(age), *cells]))
    return np.array(tails, dtype=object)


def write_survey(path: Path, rows: int, province: str = "63", seed: int = 7) -> None:
    """Write ``rows`` synthetic households spread over every village of ``province``.

    Columns: household id, village code, dusun, surveyor, age of the youngest child (blank
    when there is none) and the ten answers of ``kemenkes-rt-10``. Rows are built a block at a
    time with numpy (each row's text is picked from small tables of every possible value), so
    five million rows take seconds and little memory.
    """
    if rows >= 10**8:
        raise ValueError("household ids have eight digits: at most 99,999,999 rows")
    rng = np.random.default_rng(seed)
    villages = region_table().villages_in(province)
    if not villages:
        raise SystemExit(f"no villages under province code {province!r}")
    codes = load_form("kemenkes-rt-10").form.codes
    if codes[:3] != ["persalinan_nakes", "asi_eksklusif", "timbang_balita"]:
        raise SystemExit("kemenkes-rt-10 no longer starts with the three children's indicators")
    count = len(villages)
    # Per village: its first dusun, how many it has (0 for a kelurahan), its first surveyor.
    kelurahan = np.array([code.split(".")[3].startswith("1") for code in villages])
    dusun_first = rng.integers(0, len(DUSUN), count)
    dusun_count = np.where(kelurahan, 0, rng.integers(2, 7, count))
    petugas_first = rng.integers(0, len(PETUGAS), count)
    dusun_names = np.array([*DUSUN, ""], dtype=object)
    petugas_names = np.array(PETUGAS, dtype=object)
    village_prefix = np.array([f"{code}," for code in villages], dtype=object)
    tails = _row_tails(len(codes))
    id_high = np.array([f"RT{i:04d}" for i in range(10_000)], dtype=object)
    id_low = np.array([f"{i:04d}," for i in range(10_000)], dtype=object)
    weights = 1 << np.arange(len(codes))
    header = ["id_rumah_tangga", "kode_desa", "dusun", "petugas", "umur_anak_termuda_bulan"]
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(",".join([*header, *codes]) + "\n")
        for start in range(0, rows, BLOCK):
            size = min(BLOCK, rows - start)
            number = np.arange(start, start + size)
            village = rng.integers(0, count, size)
            spread = dusun_count[village]
            nth = (rng.random(size) * spread).astype(np.int64)
            dusun = np.where(spread > 0, (dusun_first[village] + nth) % len(DUSUN), len(DUSUN))
            petugas = (petugas_first[village] + rng.integers(0, 2, size)) % len(PETUGAS)
            child = rng.random(size) < CHILD_SHARE
            age_index = np.where(child, 1 + rng.integers(0, 60, size), 0)
            answers = (rng.random((size, len(codes))) < YES_SHARE) @ weights
            line = (
                id_high[number // 10_000]
                + id_low[number % 10_000]
                + village_prefix[village]
                + dusun_names[dusun]
                + ","
                + petugas_names[petugas]
                + ","
                + tails[age_index * (1 << len(codes)) + answers]
                + "\n"
            )
            handle.write("".join(line.tolist()))


def survey_file(folder: Path, rows: int, province: str, seed: int) -> tuple[Path, float | None]:
    """The generated survey of ``rows`` households in ``folder``: reused when a file of the
    same size, province, seed and generator version is there, else written (through a
    temporary name, so an interrupted run leaves no half file). Returns the path and the
    seconds generation took (None when reused)."""
    path = folder / f"survei-p{province}-{rows}-seed{seed}-v{GENERATOR_VERSION}.csv"
    if path.exists():
        return path, None
    partial = path.with_name(path.name + ".part")
    start = time.perf_counter()
    try:
        write_survey(partial, rows, province, seed)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path, time.perf_counter() - start


def workbook_file(survey: Path, shared: bool = False) -> tuple[Path, float | None]:
    """The same households as an .xlsx beside the CSV (one sheet, the age as a number, every
    other cell as text, blanks left out), written by xlsxwriter; reused when there. Returns
    the path and the seconds writing took.

    Two spellings of the same sheet: by default in xlsxwriter's constant-memory mode, each
    text written in its cell (inline strings, the largest XML: nine times the CSV); with
    ``shared``, in its ordinary mode, each text once in the shared strings and its number
    in the cell, as Excel and LibreOffice save a workbook (xlsxwriter holds every cell until
    it closes the file: several GB at a million rows)."""
    import csv

    import xlsxwriter

    path = survey.with_name(survey.stem + ("-bersama" if shared else "") + ".xlsx")
    if path.exists():
        return path, None
    partial = path.with_name(path.stem + ".part.xlsx")
    start = time.perf_counter()
    try:
        book = xlsxwriter.Workbook(str(partial), {"constant_memory": not shared})
        sheet = book.add_worksheet("survei")
        with survey.open(newline="", encoding="utf-8") as handle:
            records = csv.reader(handle)
            header = next(records)
            sheet.write_row(0, 0, header)
            age = header.index("umur_anak_termuda_bulan")
            for r, cells in enumerate(records, start=1):
                if r >= 1_048_576:
                    raise SystemExit(f"{survey.name}: more rows than a worksheet holds")
                for c, cell in enumerate(cells):
                    if not cell:
                        continue
                    if c == age and cell.isdigit():
                        sheet.write_number(r, c, int(cell))
                    else:
                        sheet.write_string(r, c, cell)
        book.close()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path, time.perf_counter() - start


@dataclass(frozen=True)
class Measurement:
    """One run of one command in its own process."""

    seconds: float
    peak_mb: float


def measure(command: list[str]) -> Measurement:
    """Run ``command`` in a child process; its wall time and its own peak resident memory.

    The child's stderr goes to a temporary file (so ``phbs`` shows no progress) and is
    printed when the command fails."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            sys.stderr.write(errors.read().decode("utf-8", "replace")[-4000:])
            raise SystemExit(f"{' '.join(command)} failed with exit code {child.returncode}")
    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Measurement(seconds, peak)


@dataclass(frozen=True)
class Row:
    """One line of the result table."""

    rows: int
    command: str
    run: Measurement
    #: For ``phbs score``: its time over the faster baseline's, and that baseline's name.
    vs_baseline: float | None = None
    baseline: str | None = None


#: The baselines: the name shown in the table and the script in benchmarks/.
BASELINES = {"pandas script": "pandas_score.py", "polars script": "polars_score.py"}
#: What the baselines import (their versions are printed under the table).
BASELINE_PACKAGES = ("pandas", "pyarrow", "polars")


def commands_for(
    survey: Path,
    work: Path,
    report: bool,
    baselines: bool,
    workbooks: Sequence[Path] = (),
) -> dict[str, list[str]]:
    """The commands timed on one survey file, by the name shown in the table."""
    phbs = [sys.executable, "-m", "phbs"]
    commands = {"phbs score": [*phbs, "score", str(survey), "-o", str(work / "rekap.csv")]}
    for workbook in workbooks:
        kind = "xlsx, teks bersama" if workbook.stem.endswith("-bersama") else "xlsx"
        commands[f"phbs score ({kind})"] = [
            *phbs, "score", str(workbook), "-o", str(work / f"rekap-{workbook.stem}.csv")
        ]  # fmt: skip
    if report:
        for kind, name in (("xlsx", "laporan.xlsx"), ("html", "laporan.html")):
            commands[f"phbs report --{kind}"] = [
                *phbs, "report", "--survey", str(survey), f"--{kind}", str(work / name)
            ]  # fmt: skip
    if baselines:
        for name, script in BASELINES.items():
            target = work / f"rekap-{Path(script).stem}.csv"
            commands[name] = [sys.executable, str(HERE / script), str(survey), str(target)]
    return commands


def text_table(rows: Sequence[Row]) -> str:
    """The result table in plain text."""
    header = (
        f"{'rows':>10}  {'command':<20}  {'seconds':>8}  {'rows/s':>9}  {'peak MB':>8}  "
        f"{'vs faster baseline':>18}"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        ratio = f"{row.vs_baseline:.2f}x {row.baseline}" if row.vs_baseline is not None else ""
        lines.append(
            f"{row.rows:>10}  {row.command:<20}  {row.run.seconds:>8.2f}  "
            f"{row.rows / row.run.seconds:>9.0f}  {row.run.peak_mb:>8.0f}  {ratio:>18}"
        )
    return "\n".join(lines)


def _id_number(value: float, digits: int = 0) -> str:
    """Indonesian number formatting: ``1.000.000``, ``3,8``.

    >>> _id_number(1_000_000), _id_number(3.84, 1), _id_number(1122.4)
    ('1.000.000', '3,8', '1.122')
    """
    text = f"{value:,.{digits}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


_MARKDOWN_NAMES = {"pandas script": "skrip pandas", "polars script": "skrip polars"}


def markdown_table(rows: Sequence[Row]) -> str:
    """The result table as the README's markdown table (Indonesian number formatting;
    rates rounded to hundreds)."""
    lines = [
        "| rumah tangga | perintah | detik | rumah tangga/detik | memori puncak "
        "| × pembanding tercepat |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        name = _MARKDOWN_NAMES.get(row.command, f"`{row.command}`")
        rate = round(row.rows / row.run.seconds, -2)
        ratio = ""
        if row.vs_baseline is not None:
            ratio = f"{_id_number(row.vs_baseline, 2)}× ({row.baseline})"
        lines.append(
            f"| {_id_number(row.rows)} | {name} | {_id_number(row.run.seconds, 1)} | "
            f"{_id_number(rate)} | {_id_number(row.run.peak_mb)} MB | {ratio} |"
        )
    return "\n".join(lines)


#: Commands run ``--repeat`` times (the reports, much slower, run once).
REPEATED = ("phbs score", *BASELINES)


def run_size(
    survey: Path,
    rows: int,
    work: Path,
    report: bool,
    baselines: bool,
    repeat: int = 1,
    workbooks: Sequence[Path] = (),
) -> list[Row]:
    """Time every command on one survey file; the ``phbs score`` row gets its ratio to the
    faster baseline.

    ``phbs score`` and the baselines run ``repeat`` times, taking turns (phbs, pandas,
    polars, phbs, ...), and each gets its median time and its largest peak: on a shared
    machine one run can be slowed by its neighbours, and taking turns spreads that over all
    of them."""
    runs: dict[str, list[Measurement]] = {}
    commands = commands_for(survey, work, report, baselines, workbooks)
    for turn in range(max(repeat, 1)):
        for name, command in commands.items():
            if turn and name not in REPEATED and not name.startswith("phbs score ("):
                continue
            run = measure(command)
            runs.setdefault(name, []).append(run)
            print(
                f"{rows:>10}  {name:<20}  {run.seconds:8.2f} s  {run.peak_mb:6.0f} MB",
                file=sys.stderr,
            )
            for output in work.iterdir():
                output.unlink()
    measured = {
        name: Measurement(
            statistics.median(r.seconds for r in taken), max(r.peak_mb for r in taken)
        )
        for name, taken in runs.items()
    }
    timed = [name for name in BASELINES if name in measured]
    fastest = min(timed, key=lambda name: measured[name].seconds) if timed else None
    result = []
    for name, run in measured.items():
        if name == "phbs score" and fastest is not None:
            ratio = run.seconds / measured[fastest].seconds
            result.append(Row(rows, name, run, ratio, fastest.split()[0]))
        else:
            result.append(Row(rows, name, run))
    return result


def warm_up(folder: Path, report: bool, baselines: bool) -> None:
    """Cache every command's bytecode in ``folder``, then run each once, untimed, on 200
    households.

    The timed runs then start like an installed phbs, pandas or polars, from compiled
    modules, even in a checkout and in a shell that sets ``PYTHONDONTWRITEBYTECODE`` (without
    it every run of ``phbs`` would compile its modules again, about 0.4 s). The commands
    inherit the environment set here."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    survey = folder / "warm-up.csv"
    write_survey(survey, 200)
    work = folder / "warm-up"
    work.mkdir()
    for command in commands_for(survey, work, report, baselines).values():
        measure(command)


def environment(baselines: bool) -> str:
    """One line on when and where the table was measured: date, versions, cores, memory."""
    versions = [f"Python {platform.python_version()}", f"phbs {phbs_version}"]
    if baselines:
        versions += [f"{name} {metadata.version(name)}" for name in BASELINE_PACKAGES]
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    machine = [f"{os.cpu_count()} cores", f"{memory:.0f} GB RAM"]
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = re.findall(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        machine += names[:1]
    machine.append(f"{platform.system()} {platform.machine()}")
    load = f"load average {os.getloadavg()[0]:.1f} at the end (other work on the machine)"
    return " · ".join([datetime.date.today().isoformat(), *versions, ", ".join(machine), load])


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: see the module's docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--rows", type=parse_rows, action="append", help="households, e.g. 300k (repeatable)"
    )
    parser.add_argument(
        "--sizes",
        choices=sorted(SIZES),
        help="named sizes: quick = 100k (the default), standard = 100k, 1M and 5M",
    )
    parser.add_argument("--province", default="63", help="province code (default 63)")
    parser.add_argument("--seed", type=int, default=7, help="generator seed (default 7)")
    parser.add_argument(
        "--report", action="store_true", help="also time phbs report --xlsx and --html"
    )
    parser.add_argument(
        "--no-baselines",
        "--no-pandas",
        dest="no_baselines",
        action="store_true",
        help="skip the pandas and polars baselines (--no-pandas: the old name)",
    )
    parser.add_argument(
        "--workbook",
        action="store_true",
        help="also time phbs score on the same households as an .xlsx (at most 1,048,575)",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="FOLDER",
        help="keep generated surveys in FOLDER and reuse those already there",
    )
    parser.add_argument(
        "--markdown", action="store_true", help="print the table as the README's markdown table"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        metavar="N",
        help="runs of phbs score and of each baseline, taking turns; the table shows "
        "the median (default 3; the reports run once)",
    )
    args = parser.parse_args(argv)
    chosen = set(args.rows or [])
    if args.sizes or not chosen:
        chosen |= set(SIZES[args.sizes or "quick"])
    baselines = not args.no_baselines
    missing = [name for name in BASELINE_PACKAGES if importlib.util.find_spec(name) is None]
    if baselines and missing:
        raise SystemExit(
            f"not installed: {', '.join(missing)}; pip install -e '.[bench]', or --no-baselines"
        )
    results: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        data = args.keep or Path(folder)
        data.mkdir(parents=True, exist_ok=True)
        work = Path(folder) / "out"
        work.mkdir()
        warm_up(Path(folder), args.report, baselines)
        for rows in sorted(chosen):
            survey, took = survey_file(data, rows, args.province, args.seed)
            what = "reused" if took is None else f"generated in {took:.1f} s"
            print(f"{rows:>10}  {survey.name} {what}", file=sys.stderr)
            workbooks = []
            for shared in (False, True) if args.workbook else ():
                workbook, took = workbook_file(survey, shared)
                what = "reused" if took is None else f"written in {took:.1f} s"
                print(f"{rows:>10}  {workbook.name} {what}", file=sys.stderr)
                workbooks.append(workbook)
            results += run_size(survey, rows, work, args.report, baselines, args.repeat, workbooks)
    print(markdown_table(results) if args.markdown else text_table(results))
    print()
    print(environment(baselines))


if __name__ == "__main__":
    main()
