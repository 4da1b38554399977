"""Reading bounds (SECURITY.md, *Limits*): each one refuses a file past it with one line that
names the ``--limit`` setting, and ``--limit NAME=VALUE`` moves it for one run.

Each bound is lowered here so that the files stay tiny; the default bounds are tested with
the hostile files of ``tests/ingest/test_hardening_inputs.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import xlsxwriter
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parents[1]))
from conftest import HEADER, SEGUMBANG, household, write_csv
from test_hardening_inputs import _ods

from phbs.cli.root import cli
from phbs.errors import InputFileError, SettingsError
from phbs.ingest import limits
from phbs.ingest.readers import open_table


def _rows(count: int) -> list[list[str]]:
    return [household(f"RT{i}", SEGUMBANG, "", "---YYYYYYY") for i in range(count)]


def _long_cell(folder: Path) -> Path:
    rows = _rows(2)
    rows[1][0] = "X" * 150
    return write_csv(folder / "sel.csv", [HEADER, *rows])


def _wide_row(folder: Path) -> Path:
    rows = _rows(2)
    rows[1] += ["lebih"] * 20
    return write_csv(folder / "lebar.csv", [HEADER, *rows])


def _wide_xlsx(folder: Path) -> Path:
    path = folder / "lebar.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    for r, row in enumerate([HEADER, *_rows(2)]):
        sheet.write_row(r, 0, row)
    sheet.write_string(2, 40, "catatan")
    book.close()
    return path


def _long_line(folder: Path) -> Path:
    rows = _rows(2)
    rows[1] += ["x" * 800_000] * 3  # three notes past the header: a 2.4 MB line
    return write_csv(folder / "baris.csv", [HEADER, *rows])


def _big_sheet(folder: Path) -> Path:
    path = folder / "lembar.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    for r, row in enumerate([HEADER, *_rows(12_000)]):
        sheet.write_row(r, 0, row)
    book.close()
    return path


def _merged(folder: Path) -> Path:
    path = folder / "gabung.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, HEADER)
    for r, row in enumerate(_rows(6), start=1):
        sheet.write_row(r, 0, row)
    for top in (1, 3, 5):
        sheet.merge_range(top, 1, top + 1, 1, SEGUMBANG)
    book.close()
    return path


def _ods_row(household_id: str) -> str:
    return "".join(
        f'<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>'
        for c in household(household_id, SEGUMBANG, "", "---YYYYYYY")
    )


def _repeated_ods(folder: Path) -> Path:
    """An .ods whose one household row is repeated 50 times."""
    row = f'<table:table-row table:number-rows-repeated="50">{_ods_row("RT1")}</table:table-row>'
    return _ods("ulang.ods", row)(folder)


def _long_ods_cell(folder: Path) -> Path:
    """An .ods with a 150-character household id."""
    return _ods("sel.ods", f"<table:table-row>{_ods_row('R' * 150)}</table:table-row>")(folder)


def _utf16(folder: Path) -> Path:
    lines = ["\t".join(HEADER)] + ["\t".join(r) for r in _rows(20_000)]
    path = folder / "unicode.txt"
    path.write_bytes("\r\n".join(lines).encode("utf-16"))
    return path


def _blank_run(folder: Path) -> Path:
    rows = _rows(2)
    blank = [""] * len(HEADER)
    return write_csv(folder / "kosong.csv", [HEADER, rows[0], blank, blank, blank, blank, rows[1]])


def _blank_run_utf16(folder: Path) -> Path:
    """The same blank run in a UTF-16 text file (read whole, not in segments)."""
    rows = _rows(2)
    lines = [HEADER, rows[0], *[[""] * len(HEADER)] * 4, rows[1]]
    path = folder / "kosong.txt"
    path.write_bytes("\r\n".join("\t".join(cells) for cells in lines).encode("utf-16"))
    return path


def _xls(folder: Path) -> Path:
    """An .xls saved by LibreOffice (read whole by python-calamine)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = folder / "lama.xlsx"
    book = xlsxwriter.Workbook(str(source))
    sheet = book.add_worksheet("Data")
    for r, row in enumerate([HEADER, *_rows(3)]):
        sheet.write_row(r, 0, row)
    book.close()
    profile = (folder / "profil").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xls",
         "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    source.unlink()
    return folder / "lama.xls"


CASES: list[tuple[str, str, Callable[[Path], Path]]] = [
    ("sel", "100", _long_cell),
    ("sel", "100", _long_ods_cell),
    ("kolom", "20", _wide_row),
    ("kolom", "20", _wide_xlsx),
    ("baris-mb", "1", _long_line),
    ("lembar-mb", "1", _big_sheet),
    ("gabungan", "2", _merged),
    ("ulangan", "10", _repeated_ods),
    ("utf16-mb", "1", _utf16),
    ("kosong", "3", _blank_run),
    ("kosong", "3", _blank_run_utf16),
    ("xls-sel", "20", _xls),
]


@pytest.mark.parametrize(("name", "value", "make"), CASES, ids=[c[2].__name__ for c in CASES])
def test_each_bound_refuses_past_it_and_moves_with_the_option(
    name: str, value: str, make: Callable[[Path], Path], tmp_path: Path
) -> None:
    """SECURITY.md *Limits*: the same file is read under the default bound, and refused with
    one line naming ``--limit <name>`` once the bound is set below what the file needs."""
    path = make(tmp_path)
    runner = CliRunner()
    out = str(tmp_path / "rekap.csv")
    fine = runner.invoke(cli, ["score", str(path), "-o", out], catch_exceptions=False)
    assert fine.exit_code == 0, fine.output
    for command in (["score", str(path), "-o", out], ["validate", str(path)]):
        refused = runner.invoke(
            cli, [*command, "--limit", f"{name}={value}"], catch_exceptions=False
        )
        assert refused.exit_code == 2, refused.output
        lines = refused.stderr.splitlines()
        assert len(lines) == 1, refused.stderr
        assert lines[0].startswith("Galat: ")
        assert f"--limit {name}=N" in lines[0]
    # The bound is back to its default once the command ends.
    assert limits.current() == limits.Limits()


def test_a_bound_can_be_raised_for_a_file_that_needs_it(tmp_path: Path) -> None:
    """A row past the default 16,384 columns is read with ``--limit kolom=20000``."""
    rows = _rows(2)
    rows[1] += ["x"] * 17_000
    path = write_csv(tmp_path / "sangat-lebar.csv", [HEADER, *rows])
    runner = CliRunner()
    out = str(tmp_path / "rekap.csv")
    refused = runner.invoke(cli, ["score", str(path), "-o", out], catch_exceptions=False)
    assert refused.exit_code == 2
    assert "16.384" in refused.stderr
    read = runner.invoke(
        cli, ["score", str(path), "-o", out, "--limit", "kolom=20000"], catch_exceptions=False
    )
    assert read.exit_code == 0, read.output
    assert "2 baris dibaca = 2 diskor + 0 disisihkan" in read.stdout


def test_the_ratio_bound_can_be_raised(tmp_path: Path) -> None:
    """A sheet that unpacks 1000× its stored size is refused, and read with
    ``--limit rasio=5000`` (and, since its 70 MB of blanks sit inside one row's XML, a
    larger ``baris-mb``): a real sheet of blanks, not a bomb, can be let through."""
    from test_hardening_inputs import _zip_bomb

    path = _zip_bomb(tmp_path)
    runner = CliRunner()
    refused = runner.invoke(cli, ["validate", str(path)], catch_exceptions=False)
    assert refused.exit_code == 2
    assert "--limit rasio=N" in refused.stderr
    only_ratio = runner.invoke(cli, ["validate", str(path), "--limit", "rasio=5000"])
    assert only_ratio.exit_code == 2
    assert "--limit baris-mb=N" in only_ratio.stderr
    read = runner.invoke(
        cli, ["validate", str(path), "--limit", "rasio=5000", "--limit", "baris-mb=32"]
    )
    assert read.exit_code != 2, read.output
    assert "Galat" not in read.stderr


def test_security_md_lists_every_bound_with_its_default() -> None:
    """The *Limits* table of SECURITY.md names exactly the ``--limit`` names of the code, each
    with its default, and ``--help`` lists them all."""
    import re

    text = (Path(__file__).parents[2] / "SECURITY.md").read_text(encoding="utf-8")
    table = text[text.index("### Limits") : text.index("### Decisions")]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| [^|]+ \| ([0-9,]+) \|", table, re.MULTILINE)
    assert [name for name, _ in rows] == list(limits.OPTION_NAMES)
    defaults = limits.Limits()
    for name, shown in rows:
        field_name, unit = limits.OPTION_NAMES[name]
        assert getattr(defaults, field_name) == int(shown.replace(",", "")) * unit, name
    help_text = " ".join(CliRunner().invoke(cli, ["score", "--help"]).output.split())
    for name in limits.OPTION_NAMES:
        assert name in help_text


def test_limits_in_a_program(tmp_path: Path) -> None:
    """``limits.raised`` changes a bound for a ``with`` block only."""
    path = write_csv(tmp_path / "a.csv", [HEADER, *_rows(3)])
    with limits.raised(columns=10):
        assert limits.current().columns == 10
        with pytest.raises(InputFileError, match="kolom"):
            list(open_table(path).rows)
    assert len(next(open_table(path).rows)[1]) == len(HEADER)
    assert limits.current().columns == 16_384
    with pytest.raises(SettingsError), limits.raised(rows=5):
        pass


def _quoted_long_cell(folder: Path, length: int, encoding: str = "utf-8") -> Path:
    rows = _rows(2)
    rows[1].append("catatan " + "x" * length)
    text = "\n".join(",".join(f'"{c}"' for c in row) for row in [[*HEADER, "catatan"], *rows])
    path = folder / f"panjang-{encoding}.csv"
    path.write_bytes(text.encode(encoding) if encoding == "utf-8" else text.encode("utf-16"))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_the_csv_modules_own_limit_is_left_as_the_program_set_it(
    encoding: str, tmp_path: Path
) -> None:
    """Reading sets :mod:`csv`'s process-wide ``field_size_limit`` to the cell bound only
    while phbs parses (architecture.md, *Layers*): a 200,000-character quoted cell, past
    csv's own default of 131,072, is read, a cell past the bound is refused, and the limit a
    program chose is the same afterwards either way."""
    import csv

    chosen = csv.field_size_limit(1000)
    try:
        rows = list(open_table(_quoted_long_cell(tmp_path, 200_000, encoding)).rows)
        assert len(rows[-1][1][-1]) == len("catatan ") + 200_000
        assert csv.field_size_limit() == 1000
        with limits.raised(cell_chars=100_000), pytest.raises(InputFileError, match="sel=N"):
            list(open_table(_quoted_long_cell(tmp_path, 150_000, encoding)).rows)
        assert csv.field_size_limit() == 1000
    finally:
        csv.field_size_limit(chosen)


@pytest.mark.parametrize(
    "given",
    ["kolom", "kolom=", "kolom=0", "kolom=-3", "lebar=5", "kosong=1.5", "sel=99999999999999999999"],
)
def test_a_malformed_limit_is_one_line(given: str, tmp_path: Path) -> None:
    """A ``--limit`` that is not NAME=positive number, or names no bound, is one line, exit 2,
    listing the names."""
    path = write_csv(tmp_path / "a.csv", [HEADER, *_rows(1)])
    result = CliRunner().invoke(cli, ["score", str(path), "--limit", given], catch_exceptions=False)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "--limit" in result.stderr


def test_a_tiny_xls_reaching_the_last_cell_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A 6 KB .xls (saved by LibreOffice) with one value at IV65536, the format's last cell:
    python-calamine would take a gigabyte to hold the sheet; its extent is found in the file's
    records first and it is refused with one line, the process staying small. The extents
    found agree with python-calamine's on a normal .xls."""
    from python_calamine import CalamineWorkbook

    from phbs.ingest.xls_extent import sheet_extents

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / "jauh.xlsx"
    book = xlsxwriter.Workbook(str(source))
    sheet = book.add_worksheet("Data")
    for r, row in enumerate([HEADER, *_rows(3)]):
        sheet.write_row(r, 0, row)
    sheet.write_string(65535, 255, "x")
    book.add_worksheet("Kosong").write_string(2, 4, "catatan")
    book.close()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}", "--headless",
         "--convert-to", "xls", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    path = tmp_path / "jauh.xls"
    assert path.stat().st_size < 64 * 1024
    assert sheet_extents(path.read_bytes()) == [(65536, 256), (3, 5)]
    normal = _xls(tmp_path)
    end = CalamineWorkbook.from_path(str(normal)).get_sheet_by_name("Data").end
    assert end is not None
    assert sheet_extents(normal.read_bytes()) == [(end[0] + 1, end[1] + 1)]

    # The child writes its own peak memory (VmHWM starts afresh at exec; ru_maxrss would
    # carry this test process's).
    status_file = tmp_path / "status.txt"
    script = (
        "import sys\nfrom phbs.console import main\ntry:\n    main(sys.argv[1:])\nfinally:\n"
        f"    open({str(status_file)!r}, 'w').write(open('/proc/self/status').read())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "score", str(path), "-o", str(tmp_path / "r.csv")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stdout + done.stderr
    assert "--limit xls-sel=N" in done.stderr
    assert len(done.stderr.splitlines()) == 1
    peak = next(
        int(line.split()[1]) // 1024
        for line in status_file.read_text().splitlines()
        if line.startswith("VmHWM:")
    )
    assert peak < 300, f"{peak} MB"
