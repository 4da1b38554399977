"""``phbs score`` and ``phbs rank`` uncertainty options through click's CliRunner
(docs/aturan.md §5.4 intervals, §7.8 ranking)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from phbs.cli.root import cli
from phbs.demo.contest import contest_sample
from phbs.demo.data import sample_data


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def survey_args() -> list[str]:
    return [str(p) for p in sample_data().survey_files]


def rank_args() -> list[str]:
    sample = contest_sample()
    args = ["rank", "--rubric", sample.rubric, "--judges", str(sample.judges_file)]
    args += ["--attributes", str(sample.attributes_file)]
    args += ["--overrides", str(sample.overrides_file), "--survey", *survey_args()]
    return args


def test_score_prints_ci_column_and_writes_ci_columns_last(tmp_path: Path) -> None:
    """The terminal table has an interval column; the CSV adds the bounds after every older
    column; the JSON records the method and level."""
    out = tmp_path / "rekap.csv"
    result = run("score", *survey_args(), "--ci-method", "jeffreys", "-o", str(out))
    assert result.exit_code == 0
    assert "IK 95%" in result.output
    assert "(Jeffreys)" in result.output
    header = read_rows(out)[0]
    assert header[-23:-21] == ["persen_ber_phbs_bawah", "persen_ber_phbs_atas"]
    assert header[-3:-1] == ["tidak_merokok_cakupan_bawah", "tidak_merokok_cakupan_atas"]
    # The denominator the percentages used comes after them (docs/aturan.md §5.1).
    assert header[-1] == "penyebut_persen_ber_phbs"
    assert header.index("sampel_kurang") < header.index("persen_ber_phbs_bawah")
    js = tmp_path / "rekap.json"
    assert run("score", *survey_args(), "--confidence", "0.9", "-o", str(js)).exit_code == 0
    document = json.loads(js.read_text(encoding="utf-8"))
    assert document["pengaturan"]["metode_ci"] == "wilson"
    assert document["pengaturan"]["tingkat_kepercayaan"] == 0.9
    assert document["wilayah"][0]["persen_ber_phbs_bawah"] is not None


def test_score_refuses_a_bad_confidence() -> None:
    """--confidence is a proportion: 95 is a usage error (exit 2)."""
    assert run("score", *survey_args(), "--confidence", "95").exit_code == 2


def test_rank_bootstrap_weights_and_shrinkage(tmp_path: Path) -> None:
    """All options together: terminal columns and notes, CSV columns after catatan, JSON
    section; the same seed gives the same file."""
    options = ["--bootstrap", "200", "--seed", "42", "--resample-judges"]
    options += ["--weight-sensitivity", "100", "--shrink"]
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    result = run(*rank_args(), *options, "-o", str(first), "--lang", "en")
    assert result.exit_code == 0, result.output
    for text in ("Median rank", "90% ranks", "P(1st)", "Kept", "Shrinkage", "seed 42"):
        assert text in result.output
    assert run(*rank_args(), *options, "-o", str(second), "--lang", "en").exit_code == 0
    rows = read_rows(first)
    header = rows[0]
    assert header[header.index("catatan") + 1 :] == [
        "persen_ber_phbs_survei",
        "persen_ber_phbs_survei_bawah",
        "persen_ber_phbs_survei_atas",
        "persen_ber_phbs_susut",
        "persen_ber_phbs_susut_bawah",
        "persen_ber_phbs_susut_atas",
        "prior_mu_persen",
        "prior_kappa",
        "peringkat_median",
        "peringkat_bawah",
        "peringkat_atas",
        "p_pertama",
        "p_tiga_besar",
        "p_tetap_bobot",
    ]
    assert rows == read_rows(second)
    js = tmp_path / "p.json"
    assert run(*rank_args(), "--bootstrap", "50", "--shrink", "-o", str(js)).exit_code == 0
    section = json.loads(js.read_text(encoding="utf-8"))["ketidakpastian"]
    assert section["bootstrap"]["ulangan"] == 50
    assert section["penyusutan"]["alpha"] > 0


@pytest.mark.parametrize("option", [["--bootstrap", "10"], ["--shrink"]])
def test_bootstrap_needs_survey_counts(tmp_path: Path, option: list[str]) -> None:
    """A --summary has percentages, not the counts to resample: a one-line usage error."""
    summary = tmp_path / "rekap.csv"
    assert run("score", *survey_args(), "-o", str(summary)).exit_code == 0
    sample = contest_sample()
    args = ["rank", "--rubric", sample.rubric, "--judges", str(sample.judges_file)]
    args += ["--attributes", str(sample.attributes_file), "--summary", str(summary)]
    result = CliRunner().invoke(cli, [*args, *option])
    assert result.exit_code == 2
    assert "--survey" in result.output
