"""A bare ``N`` in a file that also spells *Tidak* and *tidak berlaku* another way (``tidak``
and ``-``, as a hand-typed questionnaire does) could stand for either, so the file is not
read until ``--answers`` says which (docs/aturan.md §6.2). The expected percentages are
worked out by hand from the three households below."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from phbs.cli.root import cli
from phbs.forms.loading import load_form
from phbs.ingest.answers import Undecided, decide_scheme
from phbs.ingest.settings import AnswerScheme

INDICATORS = [i.code for i in load_form("kemenkes-rt-10").form.indicators]


def _survey(path: Path) -> Path:
    """RT1 answers ya everywhere; RT2 too, but N on tidak_merokok; RT3 says tidak on
    air_bersih and '-' (not applicable) on persalinan_nakes."""
    rows = []
    for number, changes in enumerate(
        [{}, {"tidak_merokok": "N"}, {"air_bersih": "tidak", "persalinan_nakes": "-"}], 1
    ):
        answers = dict.fromkeys(INDICATORS, "ya") | changes
        rows.append({"id_rumah_tangga": f"RT{number}", "kode_desa": "63.10.01.2005", **answers})
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["id_rumah_tangga", "kode_desa", *INDICATORS])
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(survey: Path, *args: str | Path) -> int:
    arguments = ["score", str(survey), "-q", *map(str, args)]
    return CliRunner().invoke(cli, arguments, catch_exceptions=False).exit_code


def _percent(result_csv: Path) -> str:
    with result_csv.open(encoding="utf-8") as handle:
        return next(csv.DictReader(handle))["persen_ber_phbs"]


def test_n_beside_both_other_spellings_is_undecided() -> None:
    form = load_form("kemenkes-rt-10").form
    with pytest.raises(Undecided):
        decide_scheme({"ya", "tidak", "-", "n"}, form)
    with pytest.raises(Undecided):
        decide_scheme({"y", "t", "tb", "n"}, form)
    # Either other spelling alone still decides (§6.2): Y/T/N beside 't', Y/N beside '-'.
    assert decide_scheme({"y", "t", "n"}, form) is AnswerScheme.YTN
    assert decide_scheme({"y", "-", "n"}, form) is AnswerScheme.YN


def test_the_file_is_refused_until_answers_says_what_n_means(tmp_path: Path) -> None:
    survey = _survey(tmp_path / "survei.csv")
    refused = CliRunner().invoke(cli, ["score", str(survey), "-q"])
    assert refused.exit_code == 1  # the file cannot be read as it is (as for any survey error)
    assert "--answers yn" in refused.output
    assert "'-'" in refused.output
    # N = tidak: RT2 and RT3 are not PHBS, 1 of 3 (33.3 %).
    yn = tmp_path / "yn.csv"
    assert run(survey, "--answers", "yn", "-o", yn) == 0
    assert float(_percent(yn)) == pytest.approx(100 / 3, abs=0.05)
    # N = tidak berlaku: only RT3 is not PHBS, 2 of 3 (66.7 %).
    ytn = tmp_path / "ytn.csv"
    assert run(survey, "--answers", "ytn", "-o", ytn) == 0
    assert float(_percent(ytn)) == pytest.approx(200 / 3, abs=0.05)
