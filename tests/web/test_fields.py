"""The upload form's fields read as a job's choices (phbs/web/fields.py): each as the command
line reads the option of the same meaning, a value that cannot be read refused in one line
naming the page's field, and a forged select value never read as a name or a path."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from phbs.contest.assessment import UncertaintyOptions
from phbs.errors import SettingsError
from phbs.i18n import Lang, t
from phbs.reports.panel import MinutesDetails
from phbs.web.fields import job_spec
from phbs.web.spec import JobSpec


def _spec(tmp_path: Path, **fields: str) -> JobSpec:
    files: dict[str, Path | None] = {"rubric_file": None, "form_file": None}
    return job_spec(fields, tmp_path, (tmp_path / "s.csv",), files, "id")


def test_blank_fields_are_the_command_lines_defaults(tmp_path: Path) -> None:
    spec = _spec(tmp_path)
    assert spec.uncertainty == UncertaintyOptions()
    assert spec.minutes == MinutesDetails()
    assert spec.rubric is None
    assert spec.form == "kemenkes-rt-10"
    assert not spec.asks_contest()


def test_the_contest_fields(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        rubric="lomba-desa-ber-phbs",
        method="topsis",
        bootstrap="500",
        seed="7",
        weight_sensitivity="200",
        resample_judges="on",
        shrink="on",
        place=" Aula Dinkes ",
        date="2025-10-20",
        chair="dr. Rahmawati",
        judge_names="Juri Satu\r\n\r\n  Juri Dua \n",
        contest_level="Kabupaten Tanah Bumbu",
        year="2025",
        target="70,5",
        title="Hasil 2025",
    )
    assert spec.uncertainty == UncertaintyOptions(
        bootstrap=500, seed=7, resample_judges=True, weight_sensitivity=200, shrink=True
    )
    assert spec.minutes == MinutesDetails(
        place="Aula Dinkes",
        date=datetime.date(2025, 10, 20),
        chair="dr. Rahmawati",
        judges=("Juri Satu", "Juri Dua"),
        level="Kabupaten Tanah Bumbu",
        year=2025,
    )
    assert spec.method == "topsis"
    assert spec.target == 70.5
    assert spec.title == "Hasil 2025"


def test_the_reading_fields(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        desa="63.10.01.1007",
        not_collected="asi_eksklusif, jamban_sehat;merokok",
        na_policy="as_met",
        keep_rejected="on",
    )
    assert spec.village == "63.10.01.1007"
    assert spec.not_collected == ("asi_eksklusif", "jamban_sehat", "merokok")
    assert spec.na_policy == "as_met"
    assert spec.keep_rejected


def test_an_uploaded_rubric_or_form_is_read_instead_of_the_select(tmp_path: Path) -> None:
    files = {"rubric_file": tmp_path / "r.yaml", "form_file": tmp_path / "f.yaml"}
    given = {"rubric": "lomba-desa-ber-phbs", "form": "kemenkes-rt-10"}
    spec = job_spec(given, tmp_path, (tmp_path / "s.csv",), dict(files), "id")
    assert spec.rubric == tmp_path / "r.yaml"
    assert spec.form == tmp_path / "f.yaml"


@pytest.mark.parametrize(
    ("field", "value"),
    [("rubric", "../../etc/passwd"), ("form", "/etc/passwd"), ("method", "x"), ("na_policy", "y")],
)
def test_a_forged_select_value_is_never_read(tmp_path: Path, field: str, value: str) -> None:
    spec = _spec(tmp_path, **{field: value})
    assert value not in {str(v) for v in vars(spec).values()}


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("bootstrap", "1.500", "web.bootstrap"),
        ("bootstrap", "-3", "web.bootstrap"),
        ("bootstrap", "100001", "web.bootstrap"),
        ("seed", "abc", "web.seed"),
        ("weight_sensitivity", "2,5", "web.weights"),
        ("year", "25", "web.minutes.year"),
        ("target", "120", "web.target"),
        ("target", "tujuh puluh", "web.target"),
        ("date", "10/20/25", "web.minutes.date"),
    ],
)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_value_that_cannot_be_read_is_refused_naming_the_field(
    tmp_path: Path, field: str, value: str, label: str, lang: Lang
) -> None:
    with pytest.raises(SettingsError) as refused:
        _spec(tmp_path, **{field: value})
    message = refused.value.message(lang)
    assert message.startswith(f"{t(label, lang)}: ")
    assert value in message
    assert "\n" not in message
