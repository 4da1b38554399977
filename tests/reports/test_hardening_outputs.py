"""Outputs under hostile text and failure (docs/aturan.md §10.6): formulas stay text, YAML
stays data, writes are atomic, inputs are never overwritten, names stay private. See SECURITY.md."""

from __future__ import annotations

import csv
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import HEADER, household, write_csv

from phbs.cli.root import cli
from phbs.contest.rubric_loading import load_rubric
from phbs.errors import FormError, OutputError, RubricError
from phbs.forms.loading import load_form
from phbs.outputs import atomic_text, check_output_path
from phbs.reports.fieldforms.entry_template import write_entry_template
from phbs.reports.fieldforms.xlsform import write_xlsform

# Formula-leading text as a village name, a note or a label; '-' alone is an answer.
FORMULAS = ["=1+2", "+1+2", "-1+2", "-cmd", "@SUM(A1)", "\t=1+2", "\r=1+2", '=HYPERLINK("x")']
NAME = "Zulkarnaen Wiraputra Unik"  # a household head's name that must not leak


def all_cells(path: Path) -> list[tuple[str, object, str]]:
    """(sheet, value, data_type) of every cell of a workbook, as openpyxl reads it back."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    return [
        (sheet.title, cell.value, cell.data_type)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
    ]


def assert_text_not_formula(path: Path, expected: list[str]) -> None:
    cells = all_cells(path)
    assert not [c for c in cells if c[2] == "f"], "a cell became a formula"
    values = {str(v) for _, v, _ in cells if v is not None}
    for text in expected:
        assert text in values or text.strip() in values, (text, path.name)


def hostile_survey(folder: Path) -> Path:
    """Formula-leading village names (unknown code: the name from the file is kept) and notes."""
    header = ["id_rumah_tangga", "kode_desa", "nama_desa", "nama_kepala_rt", *HEADER[2:]]
    rows = [header]
    for index, text in enumerate(FORMULAS, start=1):
        cells = household(str(index), f"63.10.01.29{80 + index}", "", "---YYYYYYY")
        rows.append([cells[0], cells[1], text, NAME, *cells[2:]])
    rows.append([*household("bad", "63.10", "", "---YYYYYYY")[:2], "x", NAME, *[""] * 11])
    return write_csv(folder / "survei.csv", rows)


# --- formulas are text in every workbook ---------------------------------------------------


def test_issues_workbook_keeps_formulas_as_text(tmp_path: Path) -> None:
    """`phbs validate -o x.xlsx`: a formula-leading value is a string cell, unchanged."""
    header = ["id_rumah_tangga", "kode_desa", *HEADER[2:]]
    rows = [header] + [
        [str(i), text, *household("1")[2:]] for i, text in enumerate(FORMULAS, start=1)
    ]
    survey = write_csv(tmp_path / "survei.csv", rows)
    out = tmp_path / "masalah.xlsx"
    result = CliRunner().invoke(cli, ["validate", str(survey), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert_text_not_formula(out, [f.strip() for f in FORMULAS])


def test_report_workbook_keeps_formulas_as_text(tmp_path: Path) -> None:
    """`phbs report --xlsx`: village names starting with = + - @ are text."""
    survey = hostile_survey(tmp_path)
    out = tmp_path / "laporan.xlsx"
    result = CliRunner().invoke(cli, ["report", str(survey), "--xlsx", str(out)])
    assert result.exit_code == 0, result.output
    assert_text_not_formula(out, [f.strip() for f in FORMULAS])


def hostile_form(folder: Path) -> Path:
    text = (load_form("kemenkes-rt-10").path).read_text(encoding="utf-8")
    text = text.replace("id: kemenkes-rt-10", "id: uji-rumus", 1)
    text = text.replace(
        "name: Persalinan ditolong oleh tenaga kesehatan", "name: \"=HYPERLINK('x')\"", 1
    )
    text = text.replace("name: Memberi bayi ASI eksklusif", 'name: "@SUM(A1)"', 1)
    path = folder / "uji-rumus.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_xlsform_and_entry_template_keep_formulas_as_text(tmp_path: Path) -> None:
    """Labels from a form file are written as text in the XLSForm and the entry template."""
    form = load_form(hostile_form(tmp_path)).form
    xlsform = write_xlsform(form, tmp_path / "xlsform.xlsx")
    template = write_entry_template(form, tmp_path / "isian.xlsx", rows=5)
    for path in (xlsform, template):
        cells = all_cells(path)
        assert not [c for c in cells if c[2] == "f"], path.name
        assert any("=HYPERLINK('x')" in str(v) for _, v, _ in cells), path.name
        assert any("@SUM(A1)" in str(v) for _, v, _ in cells), path.name


def test_csv_outputs_keep_cells_unchanged(tmp_path: Path) -> None:
    """Decision (SECURITY.md): CSV outputs are data and are not altered — no quote or
    apostrophe is added to formula-leading text; the workbooks are the safe view."""
    survey = hostile_survey(tmp_path)
    out = tmp_path / "rekap.csv"
    rejects = tmp_path / "sisih.csv"
    result = CliRunner().invoke(
        cli, ["score", str(survey), "-o", str(out), "--rejects", str(rejects)]
    )
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        names = {row["nama"] for row in csv.DictReader(handle)}
    assert {f.strip() for f in FORMULAS} <= {n.strip() for n in names}


# --- YAML is data ----------------------------------------------------------------------------

PAYLOAD = "!!python/object/apply:os.system ['touch {marker}']"


def test_form_yaml_with_python_tag_is_refused(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = tmp_path / "jahat.yaml"
    path.write_text(f"id: {PAYLOAD.format(marker=marker)}\n", encoding="utf-8")
    with pytest.raises(FormError):
        load_form(path)
    assert not marker.exists()


def test_rubric_yaml_with_python_tag_is_refused(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = tmp_path / "jahat.yaml"
    path.write_text(f"id: x\ntitle: {PAYLOAD.format(marker=marker)}\n", encoding="utf-8")
    with pytest.raises(RubricError):
        load_rubric(path)
    assert not marker.exists()


# --- atomic writes -----------------------------------------------------------------------------


def test_writer_failing_midway_leaves_old_content_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "rekap.csv"
    target.write_text("lama\n", encoding="utf-8")

    class Boom(RuntimeError):
        pass

    def write() -> None:
        with atomic_text(target, newline="") as handle:
            writer = csv.writer(handle)
            for i in range(1000):
                writer.writerow([i, "x" * 50])
                if i == 500:
                    raise Boom

    with pytest.raises(Boom):
        write()
    assert target.read_text(encoding="utf-8") == "lama\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rekap.csv"]


def test_cli_writer_failing_midway(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`phbs score --households`: the row writer raises after some rows; nothing appears."""
    survey = write_csv(tmp_path / "s.csv", [HEADER, *(household(str(i)) for i in range(50))])
    out = tmp_path / "rt.csv"
    real = csv.writer

    def failing_writer(handle: Any, *args: Any, **kwargs: Any) -> Any:
        inner = real(handle, *args, **kwargs)
        count = {"rows": 0}

        class Writer:
            def writerow(self, row: Any) -> Any:
                count["rows"] += 1
                if count["rows"] > 10:
                    raise OSError(28, "No space left on device")
                return inner.writerow(row)

        return Writer()

    monkeypatch.setattr(csv, "writer", failing_writer)
    result = CliRunner().invoke(cli, ["score", str(survey), "--households", str(out)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.csv"]


def test_final_file_gets_normal_permissions(tmp_path: Path) -> None:
    """Not mkstemp's 0600: 0666 less the umask for a new file, the old mode when replacing."""
    old = os.umask(0o022)
    try:
        new = tmp_path / "baru.csv"
        with atomic_text(new) as handle:
            handle.write("x\n")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        os.umask(0o002)
        shared = tmp_path / "bersama.csv"
        with atomic_text(shared) as handle:
            handle.write("x\n")
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664
        shared.chmod(0o640)
        with atomic_text(shared) as handle:
            handle.write("y\n")
        assert stat.S_IMODE(shared.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_refuses_to_overwrite_an_input_by_any_spelling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    survey = write_csv(tmp_path / "survei.csv", [HEADER, household("1")])
    before = survey.read_bytes()
    link = tmp_path / "tautan.csv"
    link.symlink_to(survey)
    hard = tmp_path / "keras.csv"
    os.link(survey, hard)
    monkeypatch.chdir(tmp_path)
    for spelling in ["survei.csv", "./survei.csv", str(survey), "tautan.csv", "keras.csv"]:
        with pytest.raises(OutputError, match="sama dengan berkas masukan"):
            check_output_path(spelling, [survey])
        result = CliRunner().invoke(cli, ["score", "survei.csv", "-o", spelling])
        assert result.exit_code == 2, spelling
        assert "sama dengan berkas masukan" in result.stderr
    assert survey.read_bytes() == before


def test_missing_or_unwritable_output_folder(tmp_path: Path) -> None:
    """A missing folder, and /proc (not writable even by root): one line, exit 2."""
    survey = write_csv(tmp_path / "survei.csv", [HEADER, household("1")])
    for target, words in (
        (tmp_path / "tidak-ada" / "rekap.csv", "tidak ada"),
        (Path("/proc/rekap-phbs.csv"), "tidak dapat ditulisi"),
    ):
        result = CliRunner().invoke(cli, ["score", str(survey), "-o", str(target)])
        assert result.exit_code == 2, result.output
        assert len(result.stderr.splitlines()) == 1
        assert words in result.stderr
        assert str(target) in result.stderr


# --- personal data ---------------------------------------------------------------------------


def test_names_stay_out_of_outputs(tmp_path: Path) -> None:
    """Without --include-names the head of household's name is in no output."""
    survey = hostile_survey(tmp_path)
    outs = {
        "rekap.csv": ["score", str(survey), "-o"],
        "rekap.json": ["score", str(survey), "-o"],
        "rt.csv": ["score", str(survey), "--households"],
        "masalah.xlsx": ["validate", str(survey), "-o"],
        "masalah.csv": ["validate", str(survey), "-o"],
        "laporan.xlsx": ["report", str(survey), "--xlsx"],
        "laporan.html": ["report", str(survey), "--html"],
    }
    for name, command in outs.items():
        result = CliRunner().invoke(cli, [*command, str(tmp_path / name)])
        assert result.exit_code in {0, 1}, (name, result.output)
        assert NAME not in result.output
    for name in outs:
        path = tmp_path / name
        data = (
            " ".join(str(v) for _, v, _ in all_cells(path))
            if name.endswith(".xlsx")
            else path.read_text(encoding="utf-8")
        )
        assert NAME not in data, name
    with_names = tmp_path / "rt-nama.csv"
    CliRunner().invoke(
        cli, ["score", str(survey), "--households", str(with_names), "--include-names"]
    )
    assert NAME in with_names.read_text(encoding="utf-8")


def test_demo_outputs_hold_no_names(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    from phbs.resources import data_path

    names: set[str] = set()
    kader: set[str] = set()
    for path in data_path("contoh").glob("survei-*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle, delimiter=";" if ";" in path.read_text() else ","):
                for key, value in row.items():
                    # Full names only: a lone first name also belongs to judges and kader.
                    if key and "kepala" in key.lower() and " " in value.strip():
                        names.add(value.strip())
                    if key == "petugas":
                        kader.add(value.strip())
    # The synthetic sample reuses names: a kader may share a head of household's name.
    names -= kader
    assert names, "the sample should carry names to test this"
    # The sample's input files the demo copies beside its outputs hold names, as inputs do.
    inputs = {path.name for path in data_path("contoh").iterdir()}
    outputs = [p for p in (tmp_path / "demo").rglob("*") if p.name not in inputs]
    assert {p.name for p in outputs} >= {"laporan.html", "berita-acara.html", "rumah-tangga.csv"}
    for path in outputs:
        if path.suffix in {".csv", ".json", ".html", ".txt"}:
            text = path.read_text(encoding="utf-8")
            assert not [n for n in names if n in text], path.name


def test_rejects_blank_names_unless_asked(tmp_path: Path) -> None:
    """The rows set aside keep every cell but the household head's name (SECURITY.md)."""
    from phbs.ingest.validate import read_survey
    from phbs.reports.households import write_rejects_csv

    survey = hostile_survey(tmp_path)
    out = tmp_path / "sisih.csv"
    result = CliRunner().invoke(cli, ["score", str(survey), "--rejects", str(out)])
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert NAME not in written
    assert "bad" in written  # the row itself is there
    named = tmp_path / "sisih-nama.csv"
    write_rejects_csv(read_survey([survey]), named, include_names=True)
    assert NAME in named.read_text(encoding="utf-8")


def _other_file_system(near: Path) -> Path | None:
    """A writable folder on another file system than ``near`` (/dev/shm), if there is one."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK) and shm.stat().st_dev != near.stat().st_dev:
        return shm
    return None


def test_output_through_a_symbolic_link(tmp_path: Path) -> None:
    """SECURITY.md: an output that is a symbolic link is written through it, atomically, in
    the folder of the file it points to; the link stays a link (before, it was replaced by
    a file, and a link to another file system failed with 'Invalid cross-device link')."""
    import tempfile

    survey = write_csv(tmp_path / "survei.csv", [HEADER, household("1")])
    places = [tmp_path / "nyata"]
    other = _other_file_system(tmp_path)
    if other is not None:
        places.append(Path(tempfile.mkdtemp(dir=other, prefix="phbs-test-")))
    try:
        for folder in places:
            folder.mkdir(exist_ok=True)
            real = folder / "rekap.csv"
            real.write_text("lama\n", encoding="utf-8")
            link = tmp_path / f"tautan-{len(list(tmp_path.iterdir()))}.csv"
            link.symlink_to(real)
            result = CliRunner().invoke(cli, ["score", str(survey), "-o", str(link)])
            assert result.exit_code == 0, result.output
            assert link.is_symlink()
            assert real.read_text(encoding="utf-8").startswith("kode,nama,")
            assert [p.name for p in folder.iterdir()] == ["rekap.csv"]  # no temporary left
    finally:
        for folder in places[1:]:
            for item in folder.iterdir():
                item.unlink()
            folder.rmdir()


def test_text_past_excels_cell_limit_is_cut_with_a_mark(tmp_path: Path) -> None:
    """SECURITY.md: an issue value longer than Excel's 32,767 characters is
    cut with a mark saying so, in the issues workbook (xlsxwriter would cut it silently)."""
    import openpyxl

    long_name = "x" * 40_000
    rows = [household("1"), [*household("2")[:-1], long_name]]  # an unknown answer
    survey = write_csv(tmp_path / "panjang.csv", [HEADER, *rows])
    out = tmp_path / "masalah.xlsx"
    result = CliRunner().invoke(cli, ["validate", str(survey), "-o", str(out)])
    assert result.exit_code == 1, result.output
    cells = [
        str(c)
        for row in openpyxl.load_workbook(out)["Masalah Data"].iter_rows(values_only=True)
        for c in row
        if c and len(str(c)) > 30_000
    ]
    assert cells
    assert all(len(c) <= 32_767 and c.endswith("[dipotong: batas sel Excel 32767]") for c in cells)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_issues_file_stops_when_its_progress_raises(tmp_path: Path, suffix: str) -> None:
    """§10.6: the issues file's writer reports every 4,096 rows, and a ``progress`` that raises
    (a job of ``phbs web`` cancelled) stops it with nothing written and nothing left behind;
    without the stop the same call writes every row (read back by openpyxl)."""
    from phbs.issues import make_issue
    from phbs.reports.tables import write_issues

    issues = [make_issue("baris-kosong", file="s.csv", row=n) for n in range(2, 10_002)]
    seen: list[int] = []

    class Stop(Exception):
        pass

    def stop_at_second(rows: int) -> None:
        seen.append(rows)
        if len(seen) == 2:
            raise Stop

    target = tmp_path / f"masalah{suffix}"
    with pytest.raises(Stop):
        write_issues(issues, target, [], progress=stop_at_second)
    assert seen == [4096, 8192]
    assert list(tmp_path.iterdir()) == []
    calls: list[int] = []
    write_issues(issues, target, [], progress=calls.append)
    assert calls == [4096, 8192]
    if suffix == ".csv":
        assert len(target.read_text(encoding="utf-8").splitlines()) == 1 + len(issues)
    else:
        import openpyxl

        sheet = openpyxl.load_workbook(target, read_only=True).worksheets[0]
        assert sheet.max_row == 1 + len(issues)
