"""The score benchmark's generator and command line, on a few hundred rows.

The benchmark itself is run on purpose (``python benchmarks/bench_score.py``), never here; these
tests check that what it generates is a valid survey, that it runs end to end, and that its
pandas and polars baselines count the same village numbers as ``phbs score``.
"""

from __future__ import annotations

import csv
import importlib.util
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from phbs import read_survey

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "bench_score.py"


@pytest.fixture(scope="module")
def bench() -> Iterator[ModuleType]:
    """``benchmarks/bench_score.py`` imported as a module (its dataclasses need it listed in
    ``sys.modules`` while it loads)."""
    spec = importlib.util.spec_from_file_location("bench_score", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def test_generated_survey_is_valid_and_in_province_63(bench: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "survei.csv"
    bench.write_survey(path, 500)
    survey = read_survey([path])
    assert survey.rows_read == survey.rows_scored == 500
    assert survey.rows_set_aside == 0
    assert survey.error_count == 0
    table = survey.households
    assert {code[:3] for code in table.kode_desa} == {"63."}
    assert len(set(table.kode_desa)) > 100
    assert len(set(table.petugas)) > 50
    assert "" in set(table.dusun)  # kelurahan have no dusun
    assert len(set(table.dusun) - {""}) > 50
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",")[2:5] == ["dusun", "petugas", "umur_anak_termuda_bulan"]
    no_child = [line.split(",") for line in lines[1:] if line.split(",")[4] == ""]
    assert no_child
    assert all(cells[5:8] == ["-", "-", "-"] for cells in no_child)


def test_generator_is_seeded_and_writes_every_block(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bench.write_survey(tmp_path / "a.csv", 300, seed=3)
    bench.write_survey(tmp_path / "b.csv", 300, seed=3)
    bench.write_survey(tmp_path / "c.csv", 300, seed=4)
    first = (tmp_path / "a.csv").read_bytes()
    assert first == (tmp_path / "b.csv").read_bytes()
    assert first != (tmp_path / "c.csv").read_bytes()
    monkeypatch.setattr(bench, "BLOCK", 70)
    bench.write_survey(tmp_path / "d.csv", 300, seed=3)
    assert len((tmp_path / "d.csv").read_text(encoding="utf-8").splitlines()) == 301


def test_kept_survey_is_reused(bench: ModuleType, tmp_path: Path) -> None:
    path, took = bench.survey_file(tmp_path, 200, "63", 7)
    assert took is not None
    again, took_again = bench.survey_file(tmp_path, 200, "63", 7)
    assert (again, took_again) == (path, None)
    other, _ = bench.survey_file(tmp_path, 200, "63", 8)
    assert other != path
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, other.name])


def test_row_counts_and_markdown_table(bench: ModuleType) -> None:
    assert [bench.parse_rows(t) for t in ("300", "300k", "1M", "5_000_000")] == [
        300,
        300_000,
        1_000_000,
        5_000_000,
    ]
    score = bench.Row(1_000_000, "phbs score", bench.Measurement(15.72, 657.3), 2.81, "polars")
    pandas = bench.Row(1_000_000, "pandas script", bench.Measurement(5.6, 1122.4))
    table = bench.markdown_table([score, pandas]).splitlines()
    assert table[0].endswith("| × pembanding tercepat |")
    assert table[2] == "| 1.000.000 | `phbs score` | 15,7 | 63.600 | 657 MB | 2,81× (polars) |"
    assert table[3] == "| 1.000.000 | skrip pandas | 5,6 | 178.600 | 1.122 MB |  |"


def test_score_and_baselines_take_turns_and_give_medians(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--repeat 3: phbs score, the pandas script and the polars script run three times each,
    taking turns; the reports once. The table has each one's median time and largest peak,
    and phbs score's ratio to the faster baseline's median (here polars)."""
    times = {
        "score": [3.0, 1.0, 2.0],
        "pandas": [10.0, 4.0, 6.0],
        "polars": [5.0, 3.0, 4.0],
        "xlsx": [50.0],
        "html": [9.0],
    }
    peaks = {
        "score": [150.0, 170.0, 160.0],
        "pandas": [1000.0, 1100.0, 900.0],
        "polars": [300.0, 320.0, 310.0],
    }
    order: list[str] = []

    def fake(command: list[str]) -> object:
        kind = (
            "pandas"
            if command[1].endswith("pandas_score.py")
            else "polars"
            if command[1].endswith("polars_score.py")
            else "xlsx"
            if "--xlsx" in command
            else "html"
            if "--html" in command
            else "score"
        )
        turn = order.count(kind)
        order.append(kind)
        return bench.Measurement(times[kind][turn], peaks.get(kind, [200.0])[turn])

    monkeypatch.setattr(bench, "measure", fake)
    work = tmp_path / "out"
    work.mkdir()
    rows = bench.run_size(tmp_path / "s.csv", 1_000, work, True, True, repeat=3)
    assert order == [
        *("score", "xlsx", "html", "pandas", "polars"),
        *("score", "pandas", "polars"),
        *("score", "pandas", "polars"),
    ]
    found = {row.command: row for row in rows}
    assert found["phbs score"].run == bench.Measurement(2.0, 170.0)
    assert found["pandas script"].run == bench.Measurement(6.0, 1100.0)
    assert found["polars script"].run == bench.Measurement(4.0, 320.0)
    assert found["phbs score"].vs_baseline == pytest.approx(2.0 / 4.0)
    assert found["phbs score"].baseline == "polars"
    assert found["pandas script"].vs_baseline is None
    assert found["phbs report --xlsx"].run.seconds == 50.0


def test_benchmark_runs_end_to_end_without_baselines(tmp_path: Path) -> None:
    """``--no-pandas``, the old name of ``--no-baselines``, still works; under the table a
    line says when and where it ran."""
    keep = tmp_path / "data"
    result = subprocess.run(
        [
            *(sys.executable, str(SCRIPT), "--rows", "300", "--no-pandas"),
            *("--repeat", "2", "--keep", str(keep)),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "rows",
        "command",
        "seconds",
        "rows/s",
        "peak",
        "MB",
        "vs",
        "faster",
        "baseline",
    ]
    assert lines[2].split()[:3] == ["300", "phbs", "score"]
    assert lines[3] == ""
    assert "Python" in lines[4]
    assert "cores" in lines[4]
    assert "pandas" not in lines[4]
    assert len(lines) == 5
    assert [p.suffix for p in keep.iterdir()] == [".csv"]


@pytest.mark.parametrize("shared", [False, True], ids=["inline", "shared-strings"])
def test_workbook_holds_the_same_households(
    bench: ModuleType, tmp_path: Path, shared: bool
) -> None:
    """``--workbook`` times the same households as an .xlsx, in both spellings: read back,
    the workbook gives exactly the CSV's households (ids, villages, answer states, ages),
    and it is reused; the shared-strings one holds its texts in the shared strings."""
    import zipfile

    survey, _ = bench.survey_file(tmp_path, 400, "63", 7)
    workbook, took = bench.workbook_file(survey, shared)
    assert took is not None
    assert bench.workbook_file(survey, shared) == (workbook, None)
    with zipfile.ZipFile(workbook) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert (b't="s"' in sheet) is shared
    assert (b't="inlineStr"' in sheet) is not shared
    from_csv, from_xlsx = read_survey([survey]), read_survey([workbook])
    assert from_xlsx.rows_read == from_csv.rows_read == 400
    ours, theirs = from_xlsx.households, from_csv.households
    assert ours.ids == theirs.ids
    assert ours.kode_desa == theirs.kode_desa
    assert ours.dusun == theirs.dusun
    assert ours.context == theirs.context
    assert (ours.states == theirs.states).all()


def test_each_device_switched_off_is_one_the_command_uses() -> None:
    """benchmarks/bench_devices.py switches a device off by replacing a name in the module
    that uses it; the name must exist there, or the benchmark would measure nothing."""
    import importlib
    import re

    spec = importlib.util.spec_from_file_location(
        "bench_devices", ROOT / "benchmarks" / "bench_devices.py"
    )
    assert spec is not None
    assert spec.loader is not None
    sys.path.insert(0, str(ROOT / "benchmarks"))
    devices = importlib.util.module_from_spec(spec)
    sys.modules["bench_devices"] = devices  # its dataclass looks its module up
    try:
        spec.loader.exec_module(devices)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
        del sys.modules["bench_devices"]
    assert set(devices.SWITCH_OFF) == {"read-ahead", "malloc-arenas", "shared-fields"}
    for code in devices.SWITCH_OFF.values():
        module = re.search(r"import ([\w.]+) as m", code)
        name = re.search(r"^m\.(\w+) = ", code, re.MULTILINE)
        assert module is not None, code
        assert name is not None, code
        assert hasattr(importlib.import_module(module.group(1)), name.group(1)), code


def test_web_benchmark_runs_on_a_small_survey() -> None:
    """``benchmarks/bench_web.py``: the server started, the survey uploaded, the table reached
    and then every download, the table of times printed (here on 300 households; the
    benchmark itself is run on purpose)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_web.py"), "300"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "| `phbs web`: upload → village table |" in done.stdout
    assert "| `phbs web`: upload → every download |" in done.stdout
    assert "300 households" in done.stdout


def _messy(path: Path, target: Path) -> None:
    """``path``'s survey as people type it: some answers blank, in capitals with spaces
    around, or as ``Y``/``T``; and two rows repeated at the end (same id, same answers)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rng = random.Random(1)
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        for i in range(8, len(cells)):  # the seven indicators for every household
            draw = rng.random()
            if draw < 0.02:
                cells[i] = ""
            elif draw < 0.04:
                cells[i] = f" {cells[i].upper()} "
            elif draw < 0.05:
                cells[i] = "Y" if cells[i] == "ya" else "T"
        out.append(",".join(cells))
    out += [out[5], out[10]]
    target.write_text("\n".join(out) + "\n", encoding="utf-8")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("kind", ["generated", "messy"])
def test_baselines_count_what_phbs_score_counts(
    bench: ModuleType, tmp_path: Path, kind: str
) -> None:
    """The pandas and polars baselines of the benchmark give, village by village, the numbers
    of ``phbs score -o`` on the same file: households, PHBS, not PHBS, incomplete and per
    indicator Ya and applicable exactly, the percentages to 1e-9. On the generator's file and
    on a messy copy of it (blanks, capitals and spaces, Y/T, repeated rows)."""
    survey = tmp_path / "survei.csv"
    bench.write_survey(survey, 2_000, seed=11)
    if kind == "messy":
        _messy(survey, tmp_path / "messy.csv")
        survey = tmp_path / "messy.csv"
    python = sys.executable
    ours = tmp_path / "phbs.csv"
    subprocess.run(
        [python, "-m", "phbs", "score", str(survey), "-o", str(ours)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    expected = {row["kode"]: row for row in _rows(ours)}
    assert sum(int(row["rumah_tangga_disurvei"]) for row in expected.values()) == 2_000
    if kind == "messy":
        assert sum(int(row["belum_lengkap"]) for row in expected.values()) > 0
    for script in ("pandas_score.py", "polars_score.py"):
        theirs = tmp_path / f"{script}.csv"
        subprocess.run(
            [python, str(ROOT / "benchmarks" / script), str(survey), str(theirs)],
            check=True,
            capture_output=True,
        )
        rows = _rows(theirs)
        assert [row["kode"] for row in rows] == list(expected), script
        columns = list(rows[0])
        assert len(columns) == 1 + 5 + 3 * 10, script
        for row in rows:
            want = expected[row["kode"]]
            for column in columns:
                if column.startswith("persen_") or column.endswith("_cakupan"):
                    if want[column] == "":
                        assert row[column] == "", (script, row["kode"], column)
                    else:
                        got = float(row[column])
                        assert got == pytest.approx(float(want[column]), abs=1e-9), (
                            script,
                            row["kode"],
                            column,
                        )
                else:
                    assert row[column] == want[column], (script, row["kode"], column)
