"""A round read from files (docs/aturan.md §5.8): the summary JSON of ``phbs score -o`` and what
is refused, each with one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import phbs
from phbs.demo.data import sample_data
from phbs.errors import InputFileError, PhbsError, SettingsError
from phbs.ingest import limits
from phbs.reports.tables import write_areas_json
from phbs.trends.reading import read_round
from phbs.trends.summary_json import read_round_json


@pytest.fixture(scope="module")
def summary_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sample = sample_data()
    result = phbs.score_files(sample.survey_files)
    report = phbs.summarise(result, villages=phbs.read_villages(sample.villages_file))
    path = tmp_path_factory.mktemp("rekap") / "rekap.json"
    write_areas_json(report, result, path)
    return path


def test_a_summary_json_gives_the_same_round_as_the_files(summary_json: Path) -> None:
    """docs/aturan.md §5.8: the JSON carries the counts, the villages' totals, the form, its
    na_policy and denominator; only the households are missing."""
    sample = sample_data()
    from_files, _ = read_round(
        "2025", sample.survey_files, villages=phbs.read_villages(sample.villages_file)
    )
    from_json = read_round_json("2025", summary_json)
    assert from_json.villages == from_files.villages
    assert from_json.definition == from_files.definition
    assert from_json.households is None
    assert from_files.households is not None
    assert len(from_files.households) == sum(
        v.rumah_tangga_disurvei for v in from_files.villages.values()
    )


def test_a_json_with_other_files_is_refused(summary_json: Path) -> None:
    with pytest.raises(SettingsError, match="sendiri"):
        read_round("2025", [summary_json, *sample_data().survey_files])


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("[1, 2, 3]", "bukan JSON dari phbs score"),
        ("{", "bukan JSON rekap"),
        ("[" * 100_000 + "]" * 100_000, "bukan JSON rekap"),
        ('{"pengaturan": {"tingkat": "desa"}}', "bukan JSON dari phbs score"),
        (b"\xff\xfe\x00garbage".decode("latin-1"), "bukan JSON rekap"),
    ],
)
def test_broken_json_is_refused_with_one_line(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "rekap.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PhbsError) as refused:
        read_round_json("2024", path)
    assert words in refused.value.message_id
    assert "\n" not in refused.value.message_id


def test_a_summary_by_kecamatan_is_refused(tmp_path: Path, summary_json: Path) -> None:
    data = json.loads(summary_json.read_text(encoding="utf-8"))
    data["pengaturan"]["tingkat"] = "kecamatan"
    path = tmp_path / "rekap-kecamatan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(PhbsError, match="per desa"):
        read_round_json("2024", path)


def test_a_json_past_the_bound_is_refused_before_it_is_read(summary_json: Path) -> None:
    """SECURITY.md, *Limits* (``json-mb``): the JSON is parsed whole, so its size is bounded."""
    with limits.raised(json_bytes=1000), pytest.raises(InputFileError, match="json-mb"):
        read_round_json("2024", summary_json)


@pytest.mark.parametrize("label", ["", "a=b", " 2024", "x" * 41, "2024,2025"])
def test_a_label_that_cannot_be_written_back_is_refused(summary_json: Path, label: str) -> None:
    with pytest.raises(InputFileError, match="label putaran"):
        read_round_json(label, summary_json)
