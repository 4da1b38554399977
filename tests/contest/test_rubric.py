"""Rubric files: the bundled contest rubric and validation errors naming file, line and key."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from contest_helpers import SMALL_RUBRIC, write_rubric

from phbs.contest.rubric import (
    LinearMapping,
    SurveySource,
    ValueTable,
    parse_number,
)
from phbs.contest.rubric_loading import bundled_rubrics, load_rubric
from phbs.errors import RubricError
from phbs.resources import resource_dir

BUNDLED = resource_dir("survey_forms") / "rubrics" / "lomba-desa-ber-phbs.yaml"


def test_bundled_rubric_has_the_official_group_weights() -> None:
    """aturan.md §7.1: masukan (input) 3, proses (process) 4, keluaran (output) 3; raw 0–100."""
    rubric = load_rubric("lomba-desa-ber-phbs").rubric
    assert [(g.id, g.weight) for g in rubric.groups] == [
        ("masukan", 3.0),
        ("proses", 4.0),
        ("keluaran", 3.0),
    ]
    assert rubric.method.value == "weighted_sum"
    assert [(b.label, b.minimum) for b in rubric.bands] == [
        ("Baik", 80),
        ("Cukup", 60),
        ("Kurang", 40),
        ("Buruk", 0),
    ]


def test_bundled_process_and_output_items() -> None:
    """docs/aturan.md §7.1: process items start with PHBS training of kader; output items are the
    survey results, % households ber-PHBS and indicator coverage (docs/aturan.md §5)."""
    rubric = load_rubric("lomba-desa-ber-phbs").rubric
    assert rubric.groups[1].criteria[0].id == "pelatihan_kader"
    measures = [
        c.source.measure for c in rubric.groups[2].criteria if isinstance(c.source, SurveySource)
    ]
    assert measures[0] == "persen_ber_phbs"
    assert all(m.startswith("cakupan.") for m in measures[1:])
    assert [t.key for t in rubric.tie_breakers] == [
        "subtotal:keluaran",
        "subtotal:proses",
        "ukuran:persen_ber_phbs",
    ]


def test_bundled_rubric_writes_down_its_assumptions() -> None:
    """Every choice the public sources leave open is written down in a rule's reference as
    'ASUMSI: reason' (docs/aturan.md §7.1)."""
    rubric = load_rubric("lomba-desa-ber-phbs").rubric
    assumptions = [rule for rule, ref in rubric.rules() if ref and "ASUMSI:" in ref]
    assert len(assumptions) >= 8
    assert "a = 90, b = 70, c = 50, d = 20" in (rubric.references.option_scores or "")
    assert "urutan mengikuti contoh" not in BUNDLED.read_text(encoding="utf-8")
    assert "lomba-desa-ber-phbs" in bundled_rubrics()


def test_mappings() -> None:
    """Survey and attribute sources map a value to 0–100: linear range, bands, value table."""
    linear = LinearMapping(type="linear", low=20, high=70)
    assert [linear.score(v) for v in (0, 20, 45, 70, 95)] == [0, 0, 50, 100, 100]
    fewer_is_better = LinearMapping(type="linear", low=10, high=0)
    assert fewer_is_better.score(2.5) == 75
    table = ValueTable(type="values", values={"Terverifikasi": 100, "belum": 0})
    assert table.score("TERVERIFIKASI") == 100
    assert table.score("deklarasi") is None
    assert parse_number("72,5") == 72.5
    assert parse_number("b") is None


def test_label_bands() -> None:
    """docs/aturan.md §7.1 bands: Baik 80–100, Cukup 60–79, Kurang 40–59, Buruk 0–39."""
    rubric = load_rubric("lomba-desa-ber-phbs").rubric
    assert [rubric.label(p).label for p in (100, 80, 79.99, 60, 59.99, 40, 39.99, 0)] == [
        "Baik",
        "Baik",
        "Cukup",
        "Cukup",
        "Kurang",
        "Kurang",
        "Buruk",
        "Buruk",
    ]


def _broken(tmp_path: Path, change: Any) -> str:
    data = copy.deepcopy(SMALL_RUBRIC)
    change(data)
    path = write_rubric(tmp_path, data)
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    message = caught.value.message("en")
    assert str(path) in message
    return message


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda d: d["groups"][0].update(wieght=3), "groups.0.wieght"),
        (lambda d: d["groups"][1].update(weight=0), "groups.1.weight"),
        (lambda d: d["groups"][0]["criteria"][1].update(weight=-1), "groups.0.criteria.1.weight"),
        (lambda d: d["groups"][1]["criteria"][0].update(id="k_opsi"), "groups.1.criteria.0.id"),
        (lambda d: d["groups"][2].update(id="masukan"), "groups.2.id"),
        (lambda d: d["groups"][0]["criteria"][0].update(id="total"), "groups.0.criteria.0.id"),
        (lambda d: d["bands"][3].update(minimum=10), "bands.3.minimum"),
        (lambda d: d["bands"][1].update(minimum=90), "bands"),
        (lambda d: d["tie_breakers"][0].update(subtotal="hasil"), "tie_breakers.0.subtotal"),
        (lambda d: d["tie_breakers"].append({"criterion": "x"}), "tie_breakers.3.criterion"),
        (lambda d: d["tie_breakers"][1].update(measure="persen_ber_phbs"), "tie_breakers.1"),
        (lambda d: d["tie_breakers"].append({"subtotal": "proses"}), "tie_breakers.3"),
        (
            lambda d: d["groups"][2]["criteria"][0]["source"].update(measure="persen_sehat"),
            "groups.2.criteria.0.source.survey.measure",
        ),
        (
            lambda d: d["groups"][0]["criteria"][0]["source"]["options"]["a"].update(score=120),
            "groups.0.criteria.0.source.judge.options.a.score",
        ),
        (lambda d: d.update(method="borda"), "method"),
        (lambda d: d.update(judges={"aggregation": "mode"}), "judges.aggregation"),
    ],
)
def test_validation_errors_name_file_and_key_path(tmp_path: Path, change: Any, key: str) -> None:
    """A typo fails at load with the file and the YAML key path (architecture.md "Data as data")."""
    message = _broken(tmp_path, change)
    assert f" {key}: " in message, message


def test_validation_error_gives_the_line(tmp_path: Path) -> None:
    """The message also gives the YAML line of the offending key."""
    text = write_rubric(tmp_path, SMALL_RUBRIC).read_text(encoding="utf-8")
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines) if "weight: 4" in line)
    lines[number] = lines[number].replace("weight: 4", "weight: -4")
    path = tmp_path / "salah.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    assert f"baris {number + 1}: groups.1.weight:" in caught.value.message("id")


def test_unreadable_rubric_files(tmp_path: Path) -> None:
    """Broken YAML names its line; an unknown name lists the bundled rubrics."""
    path = tmp_path / "rusak.yaml"
    path.write_text("id: x\ngroups: [\n", encoding="utf-8")
    with pytest.raises(RubricError, match=r"rusak\.yaml baris \d+: YAML tidak sah"):
        load_rubric(path)
    with pytest.raises(RubricError, match="lomba-desa-ber-phbs"):
        load_rubric("tidak-ada")


def test_attribute_and_survey_band_rules(tmp_path: Path) -> None:
    """Band minimums must decrease; a survey band mapping must reach 0 so every % scores."""

    def survey_bands(d: dict[str, Any]) -> None:
        d["groups"][2]["criteria"][0]["source"]["mapping"] = {
            "type": "bands",
            "bands": [{"minimum": 75, "score": 100}, {"minimum": 50, "score": 60}],
        }

    message = _broken(tmp_path, survey_bands)
    assert "groups.2.criteria.0.source.mapping.bands: the lowest band must start at 0" in message

    def attribute_bands(d: dict[str, Any]) -> None:
        d["groups"][0]["criteria"][1]["source"] = {
            "type": "attribute",
            "attribute": "kader_aktif",
            "mapping": {
                "type": "bands",
                "bands": [{"minimum": 1, "score": 20}, {"minimum": 16, "score": 90}],
            },
        }

    message = _broken(tmp_path, attribute_bands)
    assert "strictly decreasing" in message


def test_rubric_key_given_twice_is_refused(tmp_path: Path) -> None:
    """Data as data (architecture.md): a key typed twice is an error, as for forms, never a silent
    overwrite of the first value."""
    bundled = resource_dir("survey_forms") / "rubrics" / "lomba-desa-ber-phbs.yaml"
    text = bundled.read_text(encoding="utf-8")
    first_line = next(line for line in text.splitlines() if line.startswith("id:"))
    path = tmp_path / "ganda.yaml"
    path.write_text(f"{first_line}\n{text}", encoding="utf-8")
    with pytest.raises(RubricError, match=r"ganda\.yaml baris \d+: YAML tidak sah.*duplicate key"):
        load_rubric(path)
