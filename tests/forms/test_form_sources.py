"""Every rule a form states names its source (docs/aturan.md §4.4): the regulation or guide
wording it follows, or ``ASUMSI: <reason>`` where public sources are silent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pydantic import BaseModel

from phbs.cli.root import cli
from phbs.errors import FormError
from phbs.forms.loading import bundled_forms, load_form
from phbs.forms.model import Form


def listed_forms() -> list[str]:
    """The forms `phbs forms list` prints (first column of its table), so a form added later
    is walked too."""
    result = CliRunner().invoke(cli, ["forms", "list", "--lang", "en"])
    assert result.exit_code == 0, result.output
    names = [
        line.split()[0]
        for line in result.output.splitlines()
        if line.split() and re.fullmatch(r"[a-z][a-z0-9_-]*", line.split()[0])
    ]
    names = [name for name in names if name in bundled_forms()]
    assert sorted(names) == sorted(bundled_forms())
    return names


FORMS = listed_forms()


def source_values(model: BaseModel, path: str = "") -> list[tuple[str, object]]:
    """Every field named ``source`` or ``*_source`` in ``model`` and the models inside it,
    found by walking the pydantic model itself (written here, apart from the code that
    ``phbs forms check`` uses, so the two check each other)."""
    found: list[tuple[str, object]] = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        where = f"{path}{name}"
        if name == "source" or name.endswith("_source"):
            found.append((where, value))
            continue
        items: list[tuple[str, object]] = []
        if isinstance(value, BaseModel):
            items = [(where, value)]
        elif isinstance(value, list | tuple):
            items = [(f"{where}.{i}", item) for i, item in enumerate(value)]
        elif isinstance(value, dict):
            items = [(f"{where}.{key}", item) for key, item in value.items()]
        for item_path, item in items:
            if isinstance(item, BaseModel):
                found += source_values(item, item_path + ".")
    return found


def explicit_rules(form: Form) -> dict[str, str | None]:
    """The rules this task names, each with its source: the form's unit, outcome, na_policy and
    answers, each context field, each indicator and its applicability, classes and identity."""
    rules: dict[str, str | None] = {
        "setting_source": form.setting_source,
        "outcome_source": form.outcome_source,
        "na_policy_source": form.na_policy_source,
        "answers.source": form.answers.source,
    }
    for position, field in enumerate(form.context):
        rules[f"context.{position}.source"] = field.source
    for position, indicator in enumerate(form.indicators):
        rules[f"indicators.{position}.source"] = indicator.source
        rules[f"indicators.{position}.applies_to.source"] = indicator.applies_to.source
    if form.classes is not None:
        rules["classes.source"] = form.classes.source
    if form.identity is not None:
        rules["identity.source"] = form.identity.source
    rules["denominators.source"] = form.denominators.source  # docs/aturan.md §5.1, §4.2
    if form.village_strata is not None:
        rules["village_strata.source"] = form.village_strata.source
    return rules


@pytest.mark.parametrize("name", FORMS)
def test_every_rule_of_a_bundled_form_has_a_source(name: str) -> None:
    """Each source field anywhere in the loaded form (rules added to the model later too) and
    each rule of the explicit list is filled; an assumption says ``ASUMSI:`` and its reason."""
    form = load_form(name).form
    walked = dict(source_values(form))
    explicit = explicit_rules(form)
    assert set(explicit) <= set(walked)
    empty = [path for path, value in walked.items() if not (isinstance(value, str) and value)]
    assert empty == []
    for path, value in walked.items():
        assert isinstance(value, str)
        assert value == value.strip(), path
        assert "\n" not in value, path
        assert not re.search(r"ASUMSI(?!: \S)", value), f"{path}: ASUMSI without a reason"


def test_the_bundled_sources_say_which_rules_are_assumptions() -> None:
    """A few rules the public sources leave open are marked ASUMSI, and a few that they do
    state are not (read from docs/aturan.md §4.1 and §4.2, not from the files themselves)."""
    jateng = load_form("jateng-rt-16").form
    assert (jateng.na_policy_source or "").startswith("ASUMSI:")
    assert (jateng.indicator("periksa_hamil").applies_to.source or "").startswith("ASUMSI:")
    pispk = load_form("pispk-12").form
    assert "Permenkes 39/2016" in (pispk.na_policy_source or "")
    assert "ASUMSI:" in (pispk.indicator("imunisasi_dasar_lengkap").applies_to.source or "")
    assert "ASUMSI:" in pispk.classes.source if pispk.classes else False
    kemenkes = load_form("kemenkes-rt-10").form
    assert "RTS adalah Rumah Tangga yang tidak memiliki nilai 0" in (kemenkes.outcome_source or "")
    assert "ketentuan phbs" in (kemenkes.answers.source or "")


def strip_sources(data: object) -> object:
    """The form data without any rule source (classes.source stays: it was required before)."""
    if isinstance(data, dict):
        return {
            key: strip_sources(value)
            for key, value in data.items()
            if not ((key == "source" and "basis" not in data) or str(key).endswith("_source"))
        }
    if isinstance(data, list):
        return [strip_sources(item) for item in data]
    return data


def test_a_form_without_sources_loads_and_check_names_each_rule(tmp_path: Path) -> None:
    """A form of one's own written before sources existed still loads and scores; `phbs forms
    check` says it is valid and lists every rule without a source (10 indicators and their
    applicability, the context field, answers, na_policy, outcome, setting, denominators: 26)."""
    data = yaml.safe_load(load_form("kemenkes-rt-10").path.read_text(encoding="utf-8"))
    path = tmp_path / "kabupaten.yaml"
    path.write_text(yaml.safe_dump(strip_sources(data), allow_unicode=True), encoding="utf-8")
    form = load_form(path).form
    assert form.indicators[0].source is None
    assert form.na_policy_source is None
    result = CliRunner().invoke(cli, ["forms", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK")
    assert "26 aturan tanpa sumber" in result.output
    listed = [line.strip() for line in result.output.splitlines() if line.startswith("  ")]
    assert len(listed) == 26
    for location in (
        "setting_source",
        "na_policy_source",
        "outcome_source",
        "answers.source",
        "context.0.source",
        "indicators.0.source (1. persalinan_nakes)",
        "indicators.9.applies_to.source (10. tidak_merokok)",
        "denominators.source",
    ):
        assert location in listed
    english = CliRunner().invoke(cli, ["forms", "check", str(path), "--lang", "en"])
    assert "26 rules without a source" in english.output
    shown = CliRunner().invoke(cli, ["forms", "show", str(path)])
    assert shown.exit_code == 0
    assert shown.output.count("Sumber: (tidak disebut; lihat phbs forms check)") == 26


def test_check_is_quiet_about_a_fully_sourced_form() -> None:
    """A bundled form: OK, and no rule listed."""
    result = CliRunner().invoke(cli, ["forms", "check", str(load_form("pispk-12").path)])
    assert result.exit_code == 0
    assert "tanpa sumber" not in result.output


def test_a_blank_source_is_an_error(tmp_path: Path) -> None:
    """``source: " "`` is no source at all: the form does not load (leave the key out instead,
    and `forms check` names it)."""
    text = load_form("sekolah-8").path.read_text(encoding="utf-8")
    text = text.replace("na_policy: exclude\n", 'na_policy: exclude\nna_policy_source: "  "\n', 1)
    text = re.sub(r"\nna_policy_source: >-\n(  .*\n)+", "\n", text, count=1)
    path = tmp_path / "sekolah.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormError, match="na_policy_source"):
        load_form(path)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_forms_show_prints_every_source(lang: str) -> None:
    """`phbs forms show` prints a source line under each rule: one per rule of the explicit
    list, and the text of each (wrapping aside)."""
    form = load_form("pispk-12").form
    result = CliRunner().invoke(cli, ["forms", "show", "pispk-12", "--lang", lang])
    assert result.exit_code == 0, result.output
    label = "Sumber:" if lang == "id" else "Source:"
    lines = result.output.splitlines()
    assert sum(line.lstrip().startswith(label) for line in lines) == len(explicit_rules(form))
    flat = " ".join(result.output.split())
    for path, source in explicit_rules(form).items():
        assert f"{label} {source}" in flat, path
