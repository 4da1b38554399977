"""Survey forms as data (docs/aturan.md §1, §4; architecture.md "Data as data")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import INDICATORS, assert_reconciled, codes, read_rows, states

from phbs.errors import FormError
from phbs.forms.loading import LoadedForm, bundled_forms, load_form
from phbs.forms.model import NaPolicy, fold_answer
from phbs.resources import resource_dir


def bundled_yaml(name: str) -> dict[str, Any]:
    path = resource_dir("survey_forms") / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def write_form(tmp_path: Path, data: object, name: str = "formulir.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_both_bundled_forms_load() -> None:
    """docs/aturan.md §1, §4.1: kemenkes-rt-10 and jateng-rt-16 ship with the toolkit."""
    assert {"kemenkes-rt-10", "jateng-rt-16"} <= set(bundled_forms())
    ten = load_form("kemenkes-rt-10")
    sixteen = load_form("jateng-rt-16")
    assert len(ten.sha256) == 64
    assert ten.form.id == "kemenkes-rt-10"
    assert sixteen.form.id == "jateng-rt-16"
    assert len(sixteen.form.indicators) == 16


def test_kemenkes_rt_10_indicators(form10: LoadedForm) -> None:
    """docs/aturan.md §1.1: ten indicators in paper-form order, '-' allowed on 1-3 and 8-10."""
    form = form10.form
    assert tuple(form.codes) == INDICATORS
    assert [i.number for i in form.indicators] == list(range(1, 11))
    allowed = [i.number for i in form.indicators if i.na_mark_allowed]
    assert allowed == [1, 2, 3, 8, 9, 10]
    assert form.na_policy is NaPolicy.EXCLUDE
    assert form.classes is None  # the 10-indicator set has no official strata


def test_kemenkes_rt_10_applicability_ranges(form10: LoadedForm) -> None:
    """docs/aturan.md §2.2: 1 and 3 for 0-59 months, 2 for 0-6 months, 4-10 always."""
    form = form10.form
    rule = {i.code: i.applies_to for i in form.indicators}
    for age, expected in (
        (0, (True, True, True)),
        (6, (True, True, True)),
        (7, (True, False, True)),
        (59, (True, False, True)),
    ):
        got = tuple(rule[c].applies(age) for c in INDICATORS[:3])
        assert got == expected, age
    assert all(rule[c].context is None for c in INDICATORS[3:])
    assert [c.code for c in form.context] == ["umur_anak_termuda_bulan"]


def test_kemenkes_rt_10_answer_vocabulary(form10: LoadedForm) -> None:
    """docs/aturan.md §2.1: the form lists every spelling of Ya, Tidak, Tidak berlaku."""
    vocabulary = form10.form.answers
    assert {fold_answer(s) for s in vocabulary.ya} == {"ya", "y", "1", "yes", "true", "✓"}
    assert {fold_answer(s) for s in vocabulary.tidak} == {"tidak", "t", "0", "no", "false"}
    assert {fold_answer(s) for s in vocabulary.tidak_berlaku} == {
        "-",
        "–",
        "—",
        "na",
        "n/a",
        "tb",
        "tidak berlaku",
        "not applicable",  # the English label of the XLSForm's choice (labels export)
    }


def test_jateng_rt_16_classes(form16: LoadedForm) -> None:
    """docs/aturan.md §4.1: Pratama 0-5, Madya 6-10, Utama 11-15, Paripurna 16; sehat 11+."""
    scheme = form16.form.classes
    assert scheme is not None
    spans = [(c.code, c.min_met, c.max_met, c.colour, c.healthy) for c in scheme.classes]
    assert spans == [
        ("sehat_pratama", 0, 5, "merah", False),
        ("sehat_madya", 6, 10, "kuning", False),
        ("sehat_utama", 11, 15, "hijau", True),
        ("sehat_paripurna", 16, 16, "biru", True),
    ]
    assert form16.form.na_policy is NaPolicy.AS_MET


def test_unknown_form_name() -> None:
    """architecture.md "Errors and issues": an unknown form is a FormError, not a traceback."""
    with pytest.raises(FormError):
        load_form("tidak-ada-formulir-ini")


@pytest.mark.parametrize(
    ("change", "key_path"),
    [
        (lambda d: d["indicators"][3].update(warna="merah"), "indicators.3.warna"),
        (lambda d: d.update(judul="x"), "judul"),
        (lambda d: d["indicators"][0].update(number="satu"), "indicators.0.number"),
        (
            lambda d: d["indicators"][4].update(na_mark_allowed="mungkin"),
            "indicators.4.na_mark_allowed",
        ),
        (lambda d: d.update(na_policy="kadang"), "na_policy"),
        (lambda d: d["answers"].update(ya="ya"), "answers.ya"),
        (lambda d: d["indicators"][1].update(code="persalinan_nakes"), "indicators"),
        (lambda d: d["indicators"][1].update(number=1), "indicators"),
        (lambda d: d["indicators"][0]["applies_to"].update(context="umur_ibu"), "indicators"),
    ],
    ids=[
        "unknown-indicator-key",
        "unknown-top-key",
        "wrong-type-number",
        "wrong-type-bool",
        "bad-enum",
        "list-expected",
        "duplicate-indicator-code",
        "duplicate-indicator-number",
        "unknown-context",
    ],
)
def test_broken_form_names_file_and_key_path(tmp_path: Path, change: Any, key_path: str) -> None:
    """architecture.md "Data as data": a typo fails at load with the file and the YAML key path."""
    data = bundled_yaml("kemenkes-rt-10")
    change(data)
    path = write_form(tmp_path, data, "rusak.yaml")
    with pytest.raises(FormError) as caught:
        load_form(path)
    for message in (caught.value.message_id, caught.value.message_en):
        assert "rusak.yaml" in message
        assert f"  {key_path}:" in message


def test_duplicate_indicator_code_is_named(tmp_path: Path) -> None:
    """architecture.md "Data as data": the message names the duplicated indicator code."""
    data = bundled_yaml("kemenkes-rt-10")
    data["indicators"][5]["code"] = "air_bersih"
    with pytest.raises(FormError) as caught:
        load_form(write_form(tmp_path, data))
    assert "air_bersih" in caught.value.message_en


def test_bad_yaml_names_file_and_line(tmp_path: Path) -> None:
    """architecture.md "Data as data": invalid YAML is a FormError naming the file and line."""
    path = tmp_path / "rusak.yaml"
    path.write_text("id: uji\nversion: '1'\nindicators: [\n  - code: a\n", encoding="utf-8")
    with pytest.raises(FormError) as caught:
        load_form(path)
    assert "rusak.yaml" in caught.value.message_en
    assert "line" in caught.value.message_en


def test_duplicate_yaml_key_is_an_error(tmp_path: Path) -> None:
    """architecture.md "Data as data": a key given twice would silently drop one; it is refused."""
    text = (resource_dir("survey_forms") / "kemenkes-rt-10.yaml").read_text(encoding="utf-8")
    text = text.replace("na_policy: exclude\n", "na_policy: exclude\nna_policy: as_unmet\n")
    path = tmp_path / "ganda.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormError) as caught:
        load_form(path)
    assert "ganda.yaml" in caught.value.message_en
    assert "na_policy" in caught.value.message_en


def test_form_file_not_a_mapping(tmp_path: Path) -> None:
    """architecture.md "Data as data": a YAML list is not a form."""
    path = tmp_path / "daftar.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(FormError) as caught:
        load_form(path)
    assert "daftar.yaml" in caught.value.message_en


def test_custom_form_file_with_read_survey(tmp_path: Path) -> None:
    """docs/aturan.md §4.4: a form file given by path is used."""
    data = bundled_yaml("kemenkes-rt-10")
    keep = ["air_bersih", "jamban_sehat", "tidak_merokok"]
    data["id"] = "uji-3"
    data["context"] = []
    data["indicators"] = [i for i in data["indicators"] if i["code"] in keep]
    for number, indicator in enumerate(data["indicators"], start=1):
        indicator["number"] = number
    path = write_form(tmp_path, data, "uji-3.yaml")
    loaded = load_form(path)
    assert loaded.path == path
    survey = read_rows(
        tmp_path,
        [["1", "63.10.01.2005", "ya", "ya", "-"], ["2", "63.10.01.2005", "ya", "tidak", "ya"]],
        header=["id_rumah_tangga", "kode_desa", *keep],
        form=path,
    )
    assert_reconciled(survey)
    assert survey.form.form.id == "uji-3"
    assert states(survey) == ["YY-", "YTY"]
    assert not codes(survey)
