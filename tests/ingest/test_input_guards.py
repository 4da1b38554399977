"""No output of a run overwrites one of its inputs, and no two outputs name one file.

Each command is run the way a user mistypes it (the villages file given again as ``-o``, a
rejects file over a second survey file, ``./rekap.csv`` and ``rekap.csv`` for two outputs):
it must stop with exit code 2 and one line saying which option names which file, before
anything is read or written, leaving every file as it was and no temporary file behind.
Also: ``phbs rank`` without ``--rubric`` ranks with the bundled rubric and says so.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from phbs.cli.root import cli
from phbs.demo.contest import contest_sample
from phbs.demo.data import sample_data

SURVEY = ["survei-puskesmas-batulicin.csv", "survei-puskesmas-kusan-hilir.csv"]
CONTEST = ["--judges", "juri-lomba.csv", "--attributes", "atribut-desa.csv"]
SAME_INPUT = "sama dengan berkas masukan"
SAME_OUTPUT = "menamai berkas yang sama"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled sample survey, villages and contest files, copied into the working
    folder, plus a village summary made by ``phbs score -o`` and a rubric file of one's own."""
    sample, contest = sample_data(), contest_sample()
    for path in [
        *sample.survey_files,
        sample.villages_file,
        contest.judges_file,
        contest.attributes_file,
        contest.overrides_file,
    ]:
        shutil.copy(path, tmp_path / path.name)
    shutil.copy(sample.villages_file.with_name("matriks-ahp.csv"), tmp_path / "matriks-ahp.csv")
    monkeypatch.chdir(tmp_path)
    made = run("score", *SURVEY, "--villages", "desa-tanah-bumbu.csv", "-o", "rekap-desa.csv")
    assert made.exit_code == 0, made.output
    bundled = Path(__file__).parents[2] / "survey_forms" / "rubrics" / "lomba-desa-ber-phbs.yaml"
    shutil.copy(bundled, tmp_path / "rubrik-kabupaten.yaml")
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in the folder (hidden temporary files included) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def refused(folder: Path, args: list[str], fragment: str) -> str:
    """Run ``args``; assert exit 2, one ``Galat:`` line with ``fragment``, and no file made,
    changed or left behind. Returns the message."""
    before = snapshot(folder)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    message = result.stderr.strip()
    assert message.startswith("Galat: "), message
    assert "\n" not in message
    assert fragment in message
    assert snapshot(folder) == before
    return message


@pytest.mark.parametrize(
    ("args", "option", "target"),
    [
        (
            ["score", *SURVEY, "--villages", "desa-tanah-bumbu.csv", "-o", "desa-tanah-bumbu.csv"],
            "-o",
            "desa-tanah-bumbu.csv",
        ),
        (
            [
                "score",
                *SURVEY,
                "--villages",
                "desa-tanah-bumbu.csv",
                "--rejects",
                "desa-tanah-bumbu.csv",
            ],
            "--rejects",
            "desa-tanah-bumbu.csv",
        ),
        (
            ["score", *SURVEY, "--households", "survei-puskesmas-kusan-hilir.csv"],
            "--households",
            "survei-puskesmas-kusan-hilir.csv",
        ),
        (
            ["validate", *SURVEY, "-o", "survei-puskesmas-batulicin.csv"],
            "-o",
            "survei-puskesmas-batulicin.csv",
        ),
        (
            ["rank", "--survey", *SURVEY, *CONTEST, "-o", "juri-lomba.csv"],
            "-o",
            "juri-lomba.csv",
        ),
        (
            ["rank", "--survey", *SURVEY, *CONTEST, "-o", "atribut-desa.csv"],
            "-o",
            "atribut-desa.csv",
        ),
        (
            [
                "rank",
                "--survey",
                *SURVEY,
                *CONTEST,
                "--overrides",
                "koreksi.csv",
                "-o",
                "koreksi.csv",
            ],
            "-o",
            "koreksi.csv",
        ),
        (
            ["rank", "--summary", "rekap-desa.csv", *CONTEST, "-o", "rekap-desa.csv"],
            "-o",
            "rekap-desa.csv",
        ),
        (
            [
                "rank",
                "--survey",
                *SURVEY,
                *CONTEST,
                "--villages",
                "desa-tanah-bumbu.csv",
                "-o",
                "desa-tanah-bumbu.csv",
            ],
            "-o",
            "desa-tanah-bumbu.csv",
        ),
        (
            [
                "rubric",
                "ahp",
                "matriks-ahp.csv",
                "--write-into",
                "rubrik-kabupaten.yaml",
                "-o",
                "rubrik-kabupaten.yaml",
            ],
            "-o",
            "rubrik-kabupaten.yaml",
        ),
    ],
)
def test_an_output_over_an_input_is_refused(
    folder: Path, args: list[str], option: str, target: str
) -> None:
    """Each input option of each command, named again as an output: exit 2, the file kept."""
    message = refused(folder, args, SAME_INPUT)
    assert f"{option} {target}:" in message


def test_report_xlsx_over_an_excel_villages_file_is_refused(folder: Path) -> None:
    """A villages file saved from Excel, named again as the report workbook."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(folder / "desa.xlsx"))
    sheet = workbook.add_worksheet("Desa")
    sheet.write_row(0, 0, ["kode_desa", "jumlah_rumah_tangga"])
    sheet.write_row(1, 0, ["63.10.01.1007", 3184])
    workbook.close()
    args = ["report", "--survey", *SURVEY, "--villages", "desa.xlsx", "--xlsx", "desa.xlsx"]
    message = refused(folder, args, SAME_INPUT)
    assert "--xlsx desa.xlsx:" in message


def test_an_input_by_another_spelling_is_refused(folder: Path) -> None:
    """``./x``, the absolute path, a symlink and a hard link are the villages file too."""
    villages = folder / "desa-tanah-bumbu.csv"
    (folder / "tautan.csv").symlink_to(villages)
    os.link(villages, folder / "salinan-keras.csv")
    for spelling in ["./desa-tanah-bumbu.csv", str(villages), "tautan.csv", "salinan-keras.csv"]:
        args = ["score", *SURVEY, "--villages", "desa-tanah-bumbu.csv", "--rejects", spelling]
        refused(folder, args, SAME_INPUT)


@pytest.mark.parametrize(
    ("args", "output"),
    [
        (["forms", "xlsform", "formulir.yaml"], "formulir.xlsx"),
        (["forms", "template", "formulir.yaml"], "formulir.xlsx"),
        (["forms", "print", "formulir.yaml"], "formulir.html"),
        (["score", *SURVEY, "--form", "formulir.yaml"], "formulir.csv"),
        (["rank", "--survey", *SURVEY, *CONTEST, "--rubric", "rubrik-kabupaten.yaml"], "r.csv"),
    ],
)
def test_a_form_or_rubric_file_behind_an_output_link_is_refused(
    folder: Path, args: list[str], output: str
) -> None:
    """A form or rubric file of one's own is an input too: an output that is a symlink to
    it (the only way past the suffix check) is refused."""
    bundled = Path(__file__).parents[2] / "survey_forms" / "kemenkes-rt-10.yaml"
    shutil.copy(bundled, folder / "formulir.yaml")
    target = "rubrik-kabupaten.yaml" if "rank" in args else "formulir.yaml"
    (folder / output).symlink_to(folder / target)
    refused(folder, [*args, "-o", output], SAME_INPUT)


@pytest.mark.parametrize(
    "spellings",
    [
        ("rekap.csv", "./rekap.csv", "{folder}/rekap.csv"),
        ("rekap.csv", "rekap.csv", "rumah-tangga.csv"),
        ("hasil/../rekap.csv", "rekap.csv", "rumah-tangga.csv"),
    ],
)
def test_two_outputs_naming_one_file_are_refused(
    folder: Path, spellings: tuple[str, str, str]
) -> None:
    """``-o``, ``--rejects`` and ``--households`` naming one file, however spelled."""
    (folder / "hasil").mkdir()
    output, rejects, households = (s.format(folder=folder) for s in spellings)
    args = ["score", *SURVEY, "-o", output, "--rejects", rejects, "--households", households]
    message = refused(folder, args, SAME_OUTPUT)
    assert message.startswith(f"Galat: -o {Path(output)} dan --")
    assert not (folder / "rekap.csv").exists()


def test_an_output_symlinked_to_another_output_is_refused(folder: Path) -> None:
    """A symlink to last month's summary, named as this run's rejects: the summary stays."""
    (folder / "disisihkan.csv").symlink_to(folder / "rekap-desa.csv")
    args = ["score", *SURVEY, "-o", "rekap-desa.csv", "--rejects", "disisihkan.csv"]
    refused(folder, args, SAME_OUTPUT)


def test_report_outputs_naming_one_file_are_refused(folder: Path) -> None:
    """``--html`` a symlink to the ``--xlsx`` workbook (same file, different suffix)."""
    (folder / "laporan.xlsx").write_bytes(b"")
    (folder / "laporan.html").symlink_to(folder / "laporan.xlsx")
    args = ["report", "--survey", *SURVEY, "--xlsx", "laporan.xlsx", "--html", "laporan.html"]
    refused(folder, args, SAME_OUTPUT)


def test_refusal_in_english(folder: Path) -> None:
    """``--lang en``: the same refusal, in English."""
    result = run("score", *SURVEY, "--lang", "en", "-o", "rekap.csv", "--households", "./rekap.csv")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Error: -o rekap.csv and --households rekap.csv name the same file; give each output "
        "its own name"
    )


def test_distinct_outputs_are_all_written(folder: Path) -> None:
    """The guard lets a normal run through: three outputs, three files."""
    args = ["score", *SURVEY, "--villages", "desa-tanah-bumbu.csv", "-o", "rekap.json"]
    result = run(*args, "--rejects", "disisihkan.csv", "--households", "rumah-tangga.csv")
    assert result.exit_code == 0, result.output
    for name in ("rekap.json", "disisihkan.csv", "rumah-tangga.csv"):
        assert (folder / name).stat().st_size > 0


def test_rank_without_rubric_uses_the_bundled_rubric(folder: Path) -> None:
    """No --rubric: lomba-desa-ber-phbs, named on screen and in the CSV, same as asking."""
    result = run("rank", "--survey", *SURVEY, *CONTEST, "-o", "tanpa.csv")
    assert result.exit_code == 0, result.output
    assert "dipakai rubrik bawaan lomba-desa-ber-phbs" in result.output
    assert "rubrik lomba-desa-ber-phbs (versi" in result.output
    asked = run(
        "rank", "--survey", *SURVEY, *CONTEST, "--rubric", "lomba-desa-ber-phbs", "-o", "dgn.csv"
    )
    assert asked.exit_code == 0, asked.output
    assert "rubrik bawaan" not in asked.output
    assert (folder / "tanpa.csv").read_bytes() == (folder / "dgn.csv").read_bytes()


def test_rank_help_names_the_default_rubric() -> None:
    result = run("rank", "--help")
    assert result.exit_code == 0
    assert "[bawaan: lomba-desa-ber-phbs]" in result.output


def test_rank_without_rubric_or_judges_says_which_rubric_needs_them(folder: Path) -> None:
    """The bundled rubric has judged criteria: without --judges, a usage error naming it."""
    result = run("rank", "--survey", *SURVEY)
    assert result.exit_code == 2
    assert "Rubrik lomba-desa-ber-phbs" in result.stderr
    assert "--judges" in result.stderr
