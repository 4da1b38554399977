"""The upload form's fields read as a job's choices (phbs/web/fields.py): each as the command
line reads the option of the same meaning, a value that cannot be read refused in one line
naming the page's field, and a forged select value never read as a name or a path."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest
from web_helpers import base

from phbs.contest.assessment import UncertaintyOptions
from phbs.errors import SettingsError
from phbs.i18n import Lang, t
from phbs.reports.panel import MinutesDetails
from phbs.web.fields import job_spec
from phbs.web.server import WebServer
from phbs.web.spec import JobSpec


def _spec(tmp_path: Path, **fields: str) -> JobSpec:
    files: dict[str, Path | None] = {"rubric_file": None, "form_file": None}
    return job_spec(fields, tmp_path, ((tmp_path / "s.csv",), ()), files, "id")


def test_blank_fields_are_the_command_lines_defaults(tmp_path: Path) -> None:
    spec = _spec(tmp_path)
    assert spec.uncertainty == UncertaintyOptions()
    assert spec.minutes == MinutesDetails()
    assert spec.rubric is None
    assert spec.form == "kemenkes-rt-10"
    assert not spec.asks_contest()


@pytest.mark.parametrize(
    ("value", "read"), [("70", 70.0), ("70,5", 70.5), ("70.5", 70.5), ("65 %", 65.0)]
)
def test_the_target_with_a_comma_or_a_point(tmp_path: Path, value: str, read: float) -> None:
    assert _spec(tmp_path, target=value).target == read


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
        ("target", "-5", "web.target"),
        ("target", "nan", "web.target"),
        ("target", "1.000", "web.target"),
        ("target", "70,500", "web.target"),
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


def test_the_number_fields_carry_their_limits_to_the_browser(web: WebServer) -> None:
    with urllib.request.urlopen(base(web) + "/") as answer:
        page = answer.read().decode("utf-8")
    assert "&#34;" not in page
    fields = dict(re.findall(r'<input type="number" name="(\w+)"[^>]*?( min="\d+"[^>]*)>', page))
    assert set(fields) == {"bootstrap", "seed", "weight_sensitivity", "year"}
    assert ' max="100000"' in fields["bootstrap"]
    assert ' min="1900" max="2999"' in fields["year"]


def test_the_earlier_round_fields(tmp_path: Path) -> None:
    earlier = (tmp_path / "a.csv", tmp_path / "b.csv")
    files = {"code_changes": tmp_path / "kode.csv", "baseline_mapping": tmp_path / "peta.yaml"}
    given = {"baseline_label": " 2024 ", "label": "2025"}
    spec = job_spec(given, tmp_path, ((tmp_path / "s.csv",), earlier), dict(files), "id")
    assert spec.baseline == earlier
    assert (spec.baseline_label, spec.label) == ("2024", "2025")
    assert spec.code_changes == tmp_path / "kode.csv"
    assert spec.baseline_mapping == tmp_path / "peta.yaml"
