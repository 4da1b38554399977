"""One survey file named twice is read once; two files sharing a name are still two files.

The bundled Batulicin sample read once gives ``1347 baris dibaca = 1343 diskor + 4
disisihkan``. Named twice in any spelling (again, ``./``, absolute, a symlink, a hard link) or
copied under another name (``survei (1).csv``, as a browser saves a second download), it
must give exactly that again, plus one ``berkas-ganda`` warning naming the file kept.

The duplicate-id check remembers the first row of an id by the file's position in the list,
not its name: told to read one file twice (``DistinctFiles`` given as is), the second read's
1347 rows are all set aside (1343 as duplicates of the first read's scored rows, the same 4 as
the first read for their own reasons): 2694 = 1343 + 1351.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import HEADER, KOTA_PAGATAN, SEGUMBANG, assert_reconciled, household, write_csv

from phbs.cli.root import cli
from phbs.demo.data import sample_data
from phbs.ingest.inputs import DistinctFiles, distinct_files
from phbs.ingest.validate import read_survey

ONCE = "1.347 baris dibaca = 1.343 diskor + 4 disisihkan"
BATULICIN, KUSAN_HILIR = sample_data().survey_files


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``survei.csv`` (the Batulicin sample), a symlink, a hard link and a copy of it."""
    survey = tmp_path / "survei.csv"
    shutil.copy(BATULICIN, survey)
    (tmp_path / "tautan.csv").symlink_to(survey)
    os.link(survey, tmp_path / "keras.csv")
    shutil.copy(survey, tmp_path / "survei (1).csv")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def counts(output: str) -> tuple[int, int, int]:
    """Errors, warnings and infos of the ``Masalah data:`` line."""
    found = re.search(r"Masalah data: (\d+) galat, (\d+) peringatan, (\d+) info", output)
    assert found is not None, output
    errors, warnings, infos = (int(n) for n in found.groups())
    return errors, warnings, infos


@pytest.mark.parametrize(
    ("second", "reason"),
    [
        ("survei.csv", "berkas yang sama"),
        ("./survei.csv", "berkas yang sama"),
        ("{folder}/survei.csv", "berkas yang sama"),
        ("tautan.csv", "berkas yang sama"),
        ("keras.csv", "berkas yang sama"),
        ("survei (1).csv", "isi sama persis"),
    ],
)
def test_score_counts_a_file_named_twice_once(folder: Path, second: str, reason: str) -> None:
    once = run("score", "survei.csv")
    assert once.exit_code == 0, once.output
    assert ONCE in once.output
    twice = run("score", "survei.csv", second.format(folder=folder))
    assert twice.exit_code == 0, twice.output
    assert ONCE in twice.output
    errors, warnings, infos = counts(once.output)
    assert counts(twice.output) == (errors, warnings + 1, infos)
    checked = run("validate", "survei.csv", second.format(folder=folder))
    assert checked.exit_code == 1  # the sample has errors (no id, a bad village code)
    assert ONCE in checked.output
    assert "berkas-ganda" in checked.output
    assert f"Berkas ini sama dengan survei.csv ({reason}); dilewati" in checked.output


def test_three_spellings_and_a_copy_in_json(folder: Path) -> None:
    """The JSON summary lists one input file and a warning for each of the three others."""
    args = ["survei.csv", "./survei.csv", "tautan.csv", "survei (1).csv"]
    result = run("score", *args, "-o", "rekap.json")
    assert result.exit_code == 0, result.output
    assert ONCE in result.output
    document = json.loads((folder / "rekap.json").read_text(encoding="utf-8"))
    assert [f["berkas"] for f in document["berkas_masukan"]] == ["survei.csv"]
    assert document["rekonsiliasi"] == {
        "baris_dibaca": 1347,
        "baris_diskor": 1343,
        "baris_disisihkan": 4,
    }
    doubles = [m for m in document["masalah"] if m["kode"] == "berkas-ganda"]
    assert [(m["berkas"], m["tingkat"]) for m in doubles] == [
        ("survei.csv", "warning"),
        ("tautan.csv", "warning"),
        ("survei (1).csv", "warning"),
    ]
    assert doubles[2]["message"] == ("This file is the same as survei.csv (same bytes); skipped")


def test_households_name_the_right_file_after_a_file_left_out(folder: Path) -> None:
    """``a a b``: b's households say b (the batches number the files read, not given)."""
    shutil.copy(KUSAN_HILIR, folder / "kusan.csv")
    result = run("score", "survei.csv", "survei.csv", "kusan.csv", "--households", "rt.csv")
    assert result.exit_code == 0, result.output
    # Read apart: 1347 = 1343 + 4 and 1672 = 1668 + 4; no id is in both files.
    assert "3.019 baris dibaca = 3.011 diskor + 8 disisihkan" in result.output
    with (folder / "rt.csv").open(encoding="utf-8", newline="") as handle:
        files = Counter(row["berkas"] for row in csv.DictReader(handle))
    assert files == {"survei.csv": 1343, "kusan.csv": 1668}


def test_library_reads_three_copies_once(folder: Path) -> None:
    survey = read_survey([folder / "survei.csv", "survei.csv", folder / "keras.csv"])
    assert_reconciled(survey)
    assert (survey.rows_read, survey.rows_scored, survey.rows_set_aside) == (1347, 1343, 4)
    assert [f.name for f in survey.files] == [str(folder / "survei.csv")]
    doubles = [i for i in survey.issues if i.code == "berkas-ganda"]
    assert [i.file for i in doubles] == ["survei.csv", str(folder / "keras.csv")]
    assert survey.issues[:2] == doubles  # before the first file's own issues


def test_distinct_files_compares_bytes_only_for_equal_sizes(tmp_path: Path) -> None:
    """Same size, different bytes: both kept; a missing file is kept for reading to report."""
    first = write_csv(tmp_path / "a.csv", [HEADER, household("1")])
    second = write_csv(tmp_path / "b.csv", [HEADER, household("2")])
    assert first.stat().st_size == second.stat().st_size
    missing = tmp_path / "tidak-ada.csv"
    found = distinct_files([first, second, missing, missing])
    assert found.paths == (first, second, missing, missing)
    assert found.issues == ()


def test_one_file_read_twice_is_remembered_by_position(folder: Path) -> None:
    """Told to read one name twice, the second read's rows are all duplicates of the first
    read's (not taken for first rows themselves, as when memory went by file name)."""
    once = read_survey(["survei.csv"])
    twice = read_survey(DistinctFiles(("survei.csv", "survei.csv")))
    assert (twice.rows_read, twice.rows_scored, twice.rows_set_aside) == (2694, 1343, 1351)
    first, second = twice.files
    assert (first.rows_read, first.rows_scored, first.rows_set_aside) == (1347, 1343, 4)
    assert (second.rows_read, second.rows_scored, second.rows_set_aside) == (1347, 0, 1347)
    # Set aside by file position, then row: the first read's 4, then every row of the second.
    own_rows = once.set_aside
    own = [(r.row, r.reasons) for r in own_rows]
    assert [(r.row, r.reasons) for r in twice.set_aside[:4]] == own
    rows = [r.row for r in twice.set_aside[4:]]
    assert rows == sorted(set(rows))
    reasons = Counter(r.reasons[0] for r in twice.set_aside[4:])
    # The second read: the 1343 scored rows again, plus its own 4 set aside as the first's.
    assert reasons == Counter({"baris-ganda": 1343}) + Counter(r.reasons[0] for r in own_rows)


@pytest.mark.parametrize(
    ("spec", "code"),
    [("---YYYYYYY", "baris-ganda"), ("---TTTTTTT", "id-ganda")],
)
def test_same_base_name_in_two_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spec: str, code: str
) -> None:
    """``pkm-a/survei.csv`` and ``pkm-b/survei.csv`` are two files; id ``2`` is in both.

    pkm-a: 1, 2, 3 (rows 2-4); pkm-b: 4, 2, 5 (rows 2-4). pkm-b's ``2`` (row 3) is the one
    set aside, against pkm-a row 3: ``baris-ganda`` when it says the same, else ``id-ganda``.
    Read 6 = 5 scored + 1 set aside.
    """
    for name in ("pkm-a", "pkm-b"):
        (tmp_path / name).mkdir()
    write_csv(
        tmp_path / "pkm-a" / "survei.csv",
        [HEADER, household("1"), household("2"), household("3")],
    )
    write_csv(
        tmp_path / "pkm-b" / "survei.csv",
        [
            HEADER,
            household("4", KOTA_PAGATAN),
            household("2", SEGUMBANG, spec=spec),
            household("5", KOTA_PAGATAN),
        ],
    )
    monkeypatch.chdir(tmp_path)
    survey = read_survey(["pkm-a/survei.csv", "pkm-b/survei.csv"])
    assert_reconciled(survey)
    assert (survey.rows_read, survey.rows_scored, survey.rows_set_aside) == (6, 5, 1)
    assert [(r.file, r.row, r.reasons) for r in survey.set_aside] == [
        ("pkm-b/survei.csv", 3, (code,))
    ]
    (issue,) = [i for i in survey.issues if i.code == code]
    assert (issue.file, issue.row) == ("pkm-b/survei.csv", 3)
    assert "pkm-a/survei.csv baris 3" in issue.message_id

    result = run("score", "pkm-a/survei.csv", "pkm-b/survei.csv", "--rejects", "sisih.csv")
    assert result.exit_code == 0, result.output
    assert "6 baris dibaca = 5 diskor + 1 disisihkan" in result.output
    with (tmp_path / "sisih.csv").open(encoding="utf-8", newline="") as handle:
        rows = [(r["berkas"], r["baris"], r["kode_masalah"]) for r in csv.DictReader(handle)]
    assert rows == [("pkm-b/survei.csv", "3", code)]
