"""`phbs rank` and `phbs rubric` through click's CliRunner: outputs, exit codes, messages.

Exit codes follow architecture.md (click's model): 0 done, 1 the data has errors (the ranking is
still written) or the AHP matrix is inconsistent, 2 a usage problem; never a traceback.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from contest_helpers import SAATY_2008_DRINKS, write_table

from phbs.cli.root import cli
from phbs.contest.rubric_loading import load_rubric
from phbs.demo.contest import contest_sample
from phbs.demo.data import sample_data

SURVEY = ["survei-puskesmas-batulicin.csv", "survei-puskesmas-kusan-hilir.csv"]
CONTEST = ["--judges", "juri-lomba.csv", "--attributes", "atribut-desa.csv"]
RANK = ["rank", "--survey", *SURVEY, "--rubric", "lomba-desa-ber-phbs", *CONTEST]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled sample survey and contest files, copied into the working folder."""
    sample, contest = sample_data(), contest_sample()
    for path in [
        *sample.survey_files,
        sample.villages_file,
        contest.judges_file,
        contest.attributes_file,
        contest.overrides_file,
    ]:
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_rank_bundled_sample_to_csv(folder: Path) -> None:
    """The demo contest ranks with the bundled rubric, judges and attributes (docs/aturan.md §7);
    the CSV has exactly the documented columns."""
    result = run(*RANK, "--overrides", "koreksi.csv", "-o", "peringkat.csv")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "Peringkat lomba desa" in result.output
    assert "Batulicin" in result.output
    assert "dikeluarkan" in result.output
    assert "W = " in result.output
    with (folder / "peringkat.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rubric = load_rubric("lomba-desa-ber-phbs").rubric
    expected = [
        "peringkat",
        "kode_desa",
        "nama_desa",
        "total",
        "persen_maksimum",
        "predikat",
        "subtotal_masukan",
        "subtotal_proses",
        "subtotal_keluaran",
        *(c.id for _, c in rubric.criteria()),
        "catatan",
    ]
    assert list(rows[0]) == expected
    assert len(rows) == 14
    assert [r["peringkat"] for r in rows[:3]] == ["1", "2", "3"]
    assert rows[0]["predikat"] in {"Baik", "Cukup", "Kurang", "Buruk"}
    excluded = rows[-1]
    assert (excluded["kode_desa"], excluded["peringkat"]) == ("63.10.01.2029", "")
    assert excluded["catatan"].startswith("Dikeluarkan: Data survei tidak dapat diverifikasi")
    total = float(rows[0]["total"])
    subtotals = sum(float(rows[0][f"subtotal_{g}"]) for g in ("masukan", "proses", "keluaran"))
    assert total == pytest.approx(subtotals)


def test_rank_json_output_in_english(folder: Path) -> None:
    """JSON: the same rows plus the rubric (id, sha256), settings, agreement and issues."""
    result = run(*RANK, "-o", "peringkat.json", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Village contest ranking" in result.output
    document = json.loads((folder / "peringkat.json").read_text(encoding="utf-8"))
    loaded = load_rubric("lomba-desa-ber-phbs")
    assert document["rubrik"]["id"] == "lomba-desa-ber-phbs"
    assert document["rubrik"]["sha256"] == loaded.sha256
    assert document["pengaturan"]["metode"] == "weighted_sum"
    assert document["pengaturan"]["penentu_seri"][0] == "subtotal:keluaran"
    first = document["peringkat"][0]
    assert list(first)[: len(document["kolom"])] == document["kolom"]
    assert first["predikat"] in {"Good", "Fair", "Poor", "Bad"}
    assert first["rincian"]["dukungan_kebijakan"]["sumber"] == "judge"
    roles = [r["peran"] for r in document["berkas_masukan"]]
    assert roles == ["rubrik", "survei", "survei", "juri", "atribut"]
    codes = {issue["kode"] for issue in document["masalah"]}
    assert {"nilai-juri-kosong", "desa-tanpa-nilai-juri", "id-ganda"} <= codes
    assert len(document["kesepakatan_juri"]) == 12


def test_rank_from_a_score_summary(folder: Path) -> None:
    """`phbs rank --summary` takes the village summary written by `phbs score -o`."""
    scored = run("score", *SURVEY, "--villages", "desa-tanah-bumbu.csv", "-o", "rekap.csv")
    assert scored.exit_code == 0, scored.output
    direct = run(*RANK, "-o", "langsung.csv")
    summary = run(
        "rank",
        "--summary",
        "rekap.csv",
        "--rubric",
        "lomba-desa-ber-phbs",
        *CONTEST,
        "-o",
        "dari-rekap.csv",
    )
    assert summary.exit_code == 0, summary.output

    def ranks(name: str) -> list[tuple[str, str]]:
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            return [(r["peringkat"], r["kode_desa"]) for r in csv.DictReader(handle)]

    assert direct.exit_code == 0
    assert ranks("dari-rekap.csv") == ranks("langsung.csv")


def test_rank_topsis(folder: Path) -> None:
    """--method topsis replaces the rubric's method and says how to read the total."""
    result = run(*RANK, "--method", "topsis")
    assert result.exit_code == 0, result.output
    assert "koefisien kedekatan TOPSIS" in result.output


def test_bad_judges_file_gives_issues_not_a_traceback(folder: Path) -> None:
    """A judges' file with bad rows: the ranking is still printed and written, the problems
    are listed as issues, and the exit code is 1."""
    write_table(
        folder / "juri-buruk.csv",
        [
            ["kode_desa", "kriteria", "juri", "nilai"],
            ["63.10.01.2005", "pelatihan_kader", "J1", "sembilan puluh"],
            ["63.10.01.2005", "kebersihan", "J1", "80"],
            ["63.10.01.2005", "penyuluhan", "J1", "180"],
        ],
    )
    result = run(
        "rank", "--survey", *SURVEY, "--rubric", "lomba-desa-ber-phbs",
        "--judges", "juri-buruk.csv", "--attributes", "atribut-desa.csv", "-o", "hasil.json",
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for code in ("nilai-juri-salah", "kriteria-tidak-dikenal", "nilai-di-luar-rentang"):
        assert code in result.output
    assert "kriteria-tanpa-nilai" in result.output
    document = json.loads((folder / "hasil.json").read_text(encoding="utf-8"))
    assert document["peringkat"][0]["peringkat"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rank", "--survey", *SURVEY, "--rubric", "lomba-desa-ber-phbs"], "--judges"),
        (
            [
                "rank",
                "--survey",
                SURVEY[0],
                "--summary",
                "x.csv",
                "--rubric",
                "lomba-desa-ber-phbs",
            ],
            "--summary",
        ),
        (["rank", SURVEY[0], "--rubric", "lomba-desa-ber-phbs", *CONTEST], "--survey"),
        ([*RANK, "-o", "peringkat.xlsx"], ".csv atau .json"),
        ([*RANK, "-o", "juri-lomba.csv"], "berkas masukan"),
        (["rank", "--survey", *SURVEY, "--rubric", "tidak-ada", *CONTEST], "tidak-ada"),
        (["rank", "--survey", "hilang.csv", "--rubric", "lomba-desa-ber-phbs", *CONTEST], "hilang"),
    ],
)
def test_rank_usage_errors(folder: Path, args: list[str], message: str) -> None:
    """Usage problems end with one 'Galat:' line and exit code 2, never a traceback."""
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Galat:" in result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_rank_invalid_rubric_names_file_and_key(folder: Path) -> None:
    """A broken rubric file: the message names the file, line and YAML key path."""
    text = load_rubric("lomba-desa-ber-phbs").path.read_text(encoding="utf-8")
    (folder / "rubrik.yaml").write_text(text.replace("weight: 4", "wieght: 4"), encoding="utf-8")
    result = run("rank", "--survey", *SURVEY, "--rubric", "rubrik.yaml", *CONTEST)
    assert result.exit_code == 2
    assert "Galat: rubrik.yaml: rubrik tidak sah (2 masalah)" in result.output
    assert re.search(r"baris \d+: groups\.1\.weight: Field required", result.output)
    assert re.search(r"baris \d+: groups\.1\.wieght: Extra inputs", result.output)


def test_rubric_list_and_show() -> None:
    """`phbs rubric list` and `show` print the bundled rubric's groups, sources, ties."""
    listed = run("rubric", "list")
    assert listed.exit_code == 0
    assert "lomba-desa-ber-phbs" in listed.output
    shown = run("rubric", "show", "lomba-desa-ber-phbs", "--lang", "en")
    assert shown.exit_code == 0
    assert "[proses] Process — weight 4" in shown.output
    assert "a = 90: 7–10 PHBS indicators" in shown.output
    assert "Follows: Format Penilaian PHBS di Tatanan Rumah Tangga" in shown.output
    assert 'reference: Format Penilaian, masukan 1: "Dukungan Kebijakan' in shown.output
    assert "reference: ASUMSI: sumber tidak mengatur seri." in shown.output
    assert "Notes:\n  - pelatihan_kader (proses 1): mengikuti Format Penilaian" in shown.output
    assert (
        "Tie-breakers: Output subtotal, Process subtotal, % households practising PHBS (survey)"
        in shown.output
    )


def write_matrix(path: Path, labels: list[str], rows: list[list[str]]) -> Path:
    return write_table(
        path, [["", *labels], *([label, *row] for label, row in zip(labels, rows, strict=True))]
    )


def test_rubric_ahp_on_a_published_matrix(tmp_path: Path) -> None:
    """Saaty (2008), Int. J. Services Sciences 1(1) 83-98, drinks example: priorities
    .177 .019 .042 .116 .190 .129 .327 and C.R. = .022 (as in tests/contest/test_ahp.py)."""
    labels = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
    rows = [[repr(float(v)) for v in row] for row in SAATY_2008_DRINKS]
    result = run("rubric", "ahp", str(write_matrix(tmp_path / "drinks.csv", labels, rows)))
    assert result.exit_code == 0, result.output
    # Printed as Indonesian writes decimals (0,1770).
    printed = dict(re.findall(r"^(\w+)\s+0,(\d{4})$", result.output, flags=re.MULTILINE))
    published = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
    for label, weight in zip(labels, published, strict=True):
        # published to 3 decimals (±0.0005), printed to 4 (±0.00005)
        assert float(f"0.{printed[label]}") == pytest.approx(weight, abs=5.5e-4)
    assert "RI (Saaty, n = 7) = 1,32" in result.output
    assert re.search(r"CR = 0,022\d", result.output)


def test_rubric_ahp_refuses_inconsistent_matrix_without_force(tmp_path: Path) -> None:
    """Saaty: CR > 0.10 is not acceptable; refused (exit 1) unless --force. Circular
    judgements (a ≻ b ≻ c ≻ a, each 9) are as inconsistent as a 3 × 3 matrix gets."""
    labels = ["masukan", "proses", "keluaran"]
    path = write_matrix(
        tmp_path / "m.csv", labels, [["1", "9", "1/9"], ["", "1", "9"], ["", "", "1"]]
    )
    refused = run(
        "rubric",
        "ahp",
        str(path),
        "--write-into",
        "lomba-desa-ber-phbs",
        "-o",
        str(tmp_path / "r.yaml"),
    )
    assert refused.exit_code == 1
    assert "--force" in refused.output
    assert not (tmp_path / "r.yaml").exists()
    forced = run("rubric", "ahp", str(path), "--force", "--lang", "en")
    assert forced.exit_code == 0
    assert "weights used anyway because of --force" in forced.output


def test_rubric_ahp_writes_weights_into_a_rubric(tmp_path: Path) -> None:
    """--write-into RUBRIC -o NEW.yaml replaces the group weights (scaled to keep their sum,
    3 + 4 + 3 = 10) and keeps the file's comments; the result is a valid rubric."""
    labels = ["masukan", "proses", "keluaran"]
    path = write_matrix(
        tmp_path / "m.csv", labels, [["1", "1/2", "1"], ["", "1", "2"], ["", "", "1"]]
    )
    target = tmp_path / "baru.yaml"
    result = run(
        "rubric", "ahp", str(path), "--write-into", "lomba-desa-ber-phbs", "-o", str(target)
    )
    assert result.exit_code == 0, result.output
    new = load_rubric(target).rubric
    assert [g.weight for g in new.groups] == [2.5, 5.0, 2.5]
    assert "ASUMSI" in target.read_text(encoding="utf-8")
    usage = run("rubric", "ahp", str(path), "-o", str(tmp_path / "x.yaml"))
    assert usage.exit_code == 2
    bad = write_matrix(
        tmp_path / "bad.csv", labels, [["1", "x", "1"], ["", "1", "2"], ["", "", "1"]]
    )
    unreadable = run("rubric", "ahp", str(bad))
    assert unreadable.exit_code == 2
    assert "bad.csv baris 2, kolom 'proses'" in unreadable.output


def test_rubric_ahp_criterion_weights(tmp_path: Path) -> None:
    """A matrix over criteria sets each criterion's weight (added after its id)."""
    labels = ["persen_ber_phbs", "status_odf"]
    path = write_matrix(tmp_path / "m.csv", labels, [["1", "3"], ["", "1"]])
    target = tmp_path / "baru.yaml"
    result = run(
        "rubric", "ahp", str(path), "--write-into", "lomba-desa-ber-phbs", "-o", str(target)
    )
    assert result.exit_code == 0, result.output
    new = load_rubric(target).rubric
    assert new.criterion("persen_ber_phbs").weight == 1.5
    assert new.criterion("status_odf").weight == 0.5
    assert new.criterion("cakupan_jamban_sehat").weight == 1.0


def test_rank_is_quiet_on_request_and_names_the_validate_command() -> None:
    """``phbs rank -q`` as the other commands; the survey issues' hint is the full
    ``phbs validate`` command, with the files and how they were read."""
    from phbs.resources import data_path

    batulicin = str(data_path("contoh", "survei-puskesmas-batulicin.csv"))
    done = CliRunner().invoke(
        cli,
        [
            "rank",
            "--survey",
            batulicin,
            "--judges",
            str(data_path("contoh", "juri-lomba.csv")),
            "--attributes",
            str(data_path("contoh", "atribut-desa.csv")),
            "--answers",
            "ytn",
            "-q",
        ],
    )
    assert done.exit_code in (0, 1), done.output
    assert f"Rincian: phbs validate {batulicin} --answers ytn -o masalah.xlsx" in done.stdout
