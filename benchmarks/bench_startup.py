"""Benchmark: how long `phbs score` takes on a Puskesmas-sized file, where start-up dominates.

Run on purpose, outside the test suite::

    python benchmarks/bench_startup.py --runs 20

It writes a survey of 1,000 households (``--households``; the generator of
``benchmarks/bench_score.py``: real village codes, realistic answers) in the villages of one
area (``--area``: by default Kecamatan Batu Licin, 63.10.01, nine villages, the area of one
Puskesmas; ``--area 63`` spreads them over the 2,016 villages of Kalimantan Selatan, most with
one household, so that the per-village work weighs more) and times, each in a fresh process:

- ``python -c pass``: the interpreter alone, the floor no command goes below;
- ``phbs --version``: the command line loaded, nothing read;
- the libraries ``phbs score`` cannot do without (click, numpy) imported and the default
  form loaded (YAML read, checked by its pydantic models), then an exit without teardown as
  ``phbs`` ends: the floor of any ``phbs score`` with these dependencies;
- ``phbs score FILE -o rekap.csv``: through the ``phbs`` console script installed beside the
  interpreter (the row is left out when there is none, and with ``--checkout``: the script
  starts the installed version's entry point);
- ``python -m phbs score FILE -o rekap.csv``.

The commands take turns (A, B, C, D, E, A, B, …, ``--runs`` rounds) so that a moment when the
machine is busy slows them all alike, after one untimed round that also writes the bytecode
caches. The table gives, per command, the median wall-clock seconds and the median CPU seconds
(user + system, from the ``rusage`` that ``os.wait4`` returns for exactly that child).

``--checkout NAME=PATH`` (repeatable) runs every command with ``PYTHONPATH=PATH``, for each
checkout in turn within each round: two source trees (``before=/tmp/main``,
``after=.``) are then compared in the same minutes. When ``PYTHONDONTWRITEBYTECODE`` is set,
the children write their bytecode to a temporary ``PYTHONPYCACHEPREFIX`` instead of compiling
every module on every run, which an installed package never does.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent


def _bench_score() -> ModuleType:
    """``benchmarks/bench_score.py``, for its survey generator."""
    module = sys.modules.get("bench_score")
    if module is not None:
        return module
    spec = importlib.util.spec_from_file_location("bench_score", HERE / "bench_score.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Run:
    """One run of one command in its own process."""

    wall: float
    cpu: float


def run_once(command: Sequence[str], env: Mapping[str, str]) -> Run:
    """Run ``command``; its wall-clock seconds and its own user + system CPU seconds. Its
    output is thrown away; its errors are shown when it fails."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            sys.stderr.write(errors.read().decode("utf-8", "replace")[-4000:])
            raise SystemExit(f"{' '.join(command)} failed")
    return Run(wall, usage.ru_utime + usage.ru_stime)


#: What any ``phbs score`` does before it reads a file, whatever the code of ``phbs`` itself;
#: it ends as ``phbs`` does, without tearing the interpreter down.
FLOOR = (
    "import click, numpy, os; from phbs.forms.loading import load_form; "
    "load_form('kemenkes-rt-10'); os._exit(0)"
)
FLOOR_NAME = "import click, numpy; load_form(...)"


def commands_for(survey: Path, output: Path, script: bool = True) -> dict[str, list[str]]:
    """The commands timed, by the name shown in the table (the console script's only with
    ``script``: it runs the installed version's entry point, whatever ``PYTHONPATH`` says)."""
    python = sys.executable
    score = ["score", str(survey), "-o", str(output)]
    commands = {"python -c pass": [python, "-c", "pass"], FLOOR_NAME: [python, "-c", FLOOR]}
    installed = Path(python).with_name("phbs")
    if script and installed.is_file():
        commands["phbs --version"] = [str(installed), "--version"]
        commands["phbs score"] = [str(installed), *score]
    else:
        commands["phbs --version"] = [python, "-m", "phbs", "--version"]
    commands["python -m phbs score"] = [python, "-m", "phbs", *score]
    return commands


def environment(checkout: Path | None, cache: Path) -> dict[str, str]:
    """The children's environment: ``PYTHONPATH`` at ``checkout`` when given; bytecode written
    to ``cache`` when this environment forbids writing it beside the sources."""
    env = dict(os.environ)
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout)
    if env.pop("PYTHONDONTWRITEBYTECODE", ""):
        env.setdefault("PYTHONPYCACHEPREFIX", str(cache))
    return env


@dataclass(frozen=True)
class Row:
    """One line of the table: a command in a checkout, the medians of its runs."""

    checkout: str
    command: str
    wall: float
    cpu: float
    runs: int


def measure(
    commands: Mapping[str, Sequence[str]],
    checkouts: Mapping[str, Path | None],
    runs: int,
    cache: Path,
) -> list[Row]:
    """Every command in every checkout, taking turns, ``runs`` rounds after an untimed one."""
    envs = {name: environment(path, cache) for name, path in checkouts.items()}
    timed: dict[tuple[str, str], list[Run]] = {(c, k): [] for c in checkouts for k in commands}
    for round_ in range(runs + 1):
        for checkout, env in envs.items():
            for name, command in commands.items():
                result = run_once(command, env)
                if round_:
                    timed[checkout, name].append(result)
    return [
        Row(
            checkout,
            name,
            statistics.median(r.wall for r in results),
            statistics.median(r.cpu for r in results),
            len(results),
        )
        for (checkout, name), results in timed.items()
    ]


def markdown_table(rows: Sequence[Row], households: int, area: str = "") -> str:
    """The medians as a markdown table (a checkout column when checkouts were named)."""
    several = any(row.checkout for row in rows)
    head = "| checkout " if several else ""
    lines = [
        f"{head}| command ({households:,} households{f' in {area}' if area else ''}) "
        "| median wall s | median CPU s | runs |",
        f"{'|---' if several else ''}|---|---:|---:|---:|",
    ]
    for row in rows:
        cell = f"| {row.checkout} " if several else ""
        lines.append(f"{cell}| `{row.command}` | {row.wall:.3f} | {row.cpu:.3f} | {row.runs} |")
    return "\n".join(lines)


def _checkout(text: str) -> tuple[str, Path]:
    name, sep, path = text.partition("=")
    if not sep or not name or not path:
        raise argparse.ArgumentTypeError(f"expected NAME=PATH, not {text!r}")
    return name, Path(path).resolve()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed rounds (default 20)")
    parser.add_argument("--households", type=int, default=1_000, help="households in the file")
    parser.add_argument(
        "--area",
        default="63.10.01",
        help="region code whose villages the households are spread over (default 63.10.01, "
        "a kecamatan: the area of one Puskesmas)",
    )
    parser.add_argument(
        "--checkout",
        type=_checkout,
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="run with PYTHONPATH=PATH (repeatable: the checkouts take turns)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.households < 1:
        parser.error("--runs and --households must be at least 1")
    with tempfile.TemporaryDirectory(prefix="phbs-startup-") as folder:
        work = Path(folder)
        survey = work / f"survei-{args.households}.csv"
        _bench_score().write_survey(survey, args.households, province=args.area)
        checkouts: dict[str, Path | None] = dict(args.checkout) or {"": None}
        commands = commands_for(survey, work / "rekap.csv", script=not args.checkout)
        rows = measure(commands, checkouts, args.runs, work / "pycache")
    print(markdown_table(rows, args.households, args.area))


if __name__ == "__main__":
    main()
