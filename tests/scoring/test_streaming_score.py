"""One-pass scoring (``phbs.score_files``, ``phbs score``, ``phbs report``) equals scoring in
memory exactly (docs/aturan.md §5.5: areas from summed counts; §8.3: every row scored or set aside).

The in-memory path (``read_survey`` → ``score`` → ``summarise``) is the reference; the
one-pass path keeps only per-area counts and writes households as they are scored. The
comparisons are of whole outputs: the terminal text, the CSV and JSON files byte for byte
(the JSON's creation time aside), the households and rejects files, and every sheet of the
report workbook.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from report_helpers import write_survey, write_villages

import phbs
from phbs.cli.root import cli
from phbs.demo.data import sample_data
from phbs.ingest import csv_stream
from phbs.reports import households, tables
from phbs.scoring.spool import HouseholdSpool


def surveys(folder: Path) -> list[list[Path]]:
    """The bundled sample (clean-ish, three files) and a small dirty survey."""
    return [list(sample_data().survey_files), [write_survey(folder)]]


@pytest.fixture(params=[None, 512], ids=["blocks-default", "blocks-512"])
def blocks(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each test with the default block size and with tiny blocks (many batches)."""
    if request.param is not None:
        monkeypatch.setattr(csv_stream, "BLOCK_SIZE", request.param)
        monkeypatch.setattr(csv_stream, "_HEADER_SEGMENT", 256)


@pytest.mark.parametrize("level", ["dusun", "desa", "kecamatan", "provinsi"])
@pytest.mark.parametrize("policy", ["exclude", "as_unmet"])
def test_score_files_summarises_like_score(
    level: str, policy: str, tmp_path: Path, blocks: None
) -> None:
    villages = phbs.read_villages(write_villages(tmp_path))
    for files in surveys(tmp_path):
        streamed = phbs.score_files(files, na_policy=policy)
        in_memory = phbs.score(phbs.read_survey(files), policy)
        assert phbs.summarise(streamed, by=level, villages=villages) == phbs.summarise(
            in_memory, by=level, villages=villages
        )
        assert phbs.plausibility_issues(streamed) == phbs.plausibility_issues(in_memory)
        assert streamed.survey.issues == in_memory.survey.issues
        assert streamed.survey.set_aside == in_memory.survey.set_aside
        assert streamed.survey.files == in_memory.survey.files


def test_kept_households_equal_in_memory_households(tmp_path: Path, blocks: None) -> None:
    for files in surveys(tmp_path):
        streamed = phbs.score_files(files, keep_households=True)
        try:
            in_memory = phbs.score(phbs.read_survey(files))
            assert list(streamed.households()) == list(in_memory.households())
            assert streamed.spool is not None
            assert streamed.spool.households == in_memory.survey.rows_scored
        finally:
            streamed.close()


def test_households_are_not_listed_unless_kept() -> None:
    streamed = phbs.score_files(sample_data().survey_files)
    with pytest.raises(ValueError, match="keep_households"):
        next(streamed.households())


def test_spool_reads_batches_back_in_order_more_than_once() -> None:
    survey = phbs.read_survey(sample_data().survey_files)
    result = phbs.score(survey)
    from phbs.scoring.batches import scored_batches

    with HouseholdSpool() as spool:
        for batch, outcomes in scored_batches(survey.households, result.outcomes, size=500):
            spool.add(batch, outcomes)
        first = [len(b) for b, _ in spool.batches()]
        again = [int(o.status.sum()) for _, o in spool.batches()]
    assert sum(first) == survey.rows_scored
    assert len(first) >= 7
    assert sum(again) == int(result.outcomes.status.sum())


def _library_outputs(files: list[Path], folder: Path, villages: Path) -> dict[str, bytes]:
    """What ``phbs score`` writes, made with the in-memory library path."""
    totals = phbs.read_villages(villages)
    result = phbs.score(phbs.read_survey(files))
    report = phbs.summarise(result, villages=totals)
    issues = [
        *result.survey.issues,
        *totals.issues,
        *report.masalah,
        *phbs.plausibility_issues(result),
    ]
    out = folder / "pustaka"
    out.mkdir()
    tables.write_areas_csv(report, result.survey, out / "rekap.csv")
    tables.write_areas_json(report, result, out / "rekap.json", extra_issues=issues)
    households.write_households_csv(result, out / "rt.csv", include_names=True)
    households.write_rejects_csv(result.survey, out / "sisih.csv", include_names=True)
    return {p.name: p.read_bytes() for p in out.iterdir()}


def _without_time(document: bytes) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(document)
    loaded.pop("dibuat")
    return loaded


def test_phbs_score_writes_what_the_library_writes(tmp_path: Path, blocks: None) -> None:
    villages = write_villages(tmp_path)
    for index, files in enumerate(surveys(tmp_path)):
        folder = tmp_path / f"run-{index}"
        folder.mkdir()
        expected = _library_outputs(files, folder, villages)
        out = folder / "cli"
        out.mkdir()
        runner = CliRunner()
        args = [*map(str, files), "--villages", str(villages), "--include-names"]
        for extra in (
            ["-o", str(out / "rekap.csv"), "--households", str(out / "rt.csv")],
            ["-o", str(out / "rekap.json"), "--rejects", str(out / "sisih.csv")],
        ):
            run = runner.invoke(cli, ["score", *args, *extra])
            assert run.exit_code == 0, run.output
        written = {p.name: p.read_bytes() for p in out.iterdir()}
        assert written.keys() == expected.keys()
        for name, content in expected.items():
            if name.endswith(".json"):
                assert _without_time(written[name]) == _without_time(content), name
            else:
                assert written[name] == content, name


# When a report says it was made (the only thing that may differ between two runs).
_MADE_AT = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)")


def _sheets(path: Path) -> dict[str, bytes]:
    """The workbook's parts, with the time it was made blanked."""
    with zipfile.ZipFile(path) as archive:
        return {name: _MADE_AT.sub(b"-", archive.read(name)) for name in archive.namelist()}


def test_report_workbook_streamed_equals_in_memory(tmp_path: Path, blocks: None) -> None:
    """The workbook written from a one-pass score is the in-memory one, sheet for sheet
    (the households sheets come from the spool; its metadata's creation time aside)."""
    for index, files in enumerate(surveys(tmp_path)):
        in_memory = phbs.score(phbs.read_survey(files))
        streamed = phbs.score_files(files, keep_households=True)
        try:
            paths = []
            for name, result in (("memori", in_memory), ("arus", streamed)):
                path = tmp_path / f"{name}-{index}.xlsx"
                phbs.write_report(result, phbs.summarise(result), xlsx=path)
                paths.append(path)
        finally:
            streamed.close()
        first, second = (_sheets(p) for p in paths)
        assert first.keys() == second.keys()
        assert [name for name in first if first[name] != second[name]] == []


def test_phbs_report_streams_without_bootstrap(tmp_path: Path) -> None:
    """``phbs report`` reads in one pass (households spooled) and writes the same page."""
    files = list(sample_data().survey_files)
    runner = CliRunner()
    run = runner.invoke(
        cli, ["report", *map(str, files), "--html", str(tmp_path / "a.html"), "--quiet"]
    )
    assert run.exit_code == 0, run.output
    result = phbs.score(phbs.read_survey(files))
    phbs.write_report(result, phbs.summarise(result), html=tmp_path / "b.html")
    page_a = _MADE_AT.sub(b"-", (tmp_path / "a.html").read_bytes())
    page_b = _MADE_AT.sub(b"-", (tmp_path / "b.html").read_bytes())
    assert page_a == page_b


def test_page_leaves_many_dusun_to_the_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A province has thousands of dusun: the page then lists villages only and says where
    the dusun coverage is, so it stays small (the workbook keeps every dusun)."""
    from phbs.reports.html import page as html

    result = phbs.score(phbs.read_survey(sample_data().survey_files))
    report = phbs.summarise(result)
    phbs.write_report(result, report, html=tmp_path / "semua.html")
    assert 'id="tabel-cakupan-dusun"' in (tmp_path / "semua.html").read_text(encoding="utf-8")
    monkeypatch.setattr(html, "HTML_MAX_DUSUN", 3)
    phbs.write_report(result, report, phbs.ReportOptions(lang="en"), html=tmp_path / "desa.html")
    page = (tmp_path / "desa.html").read_text(encoding="utf-8")
    assert 'id="tabel-cakupan-dusun"' not in page
    dusun = len(phbs.summarise(result, by="dusun").wilayah)
    assert f"Coverage by indicator for the {dusun} sub-villages is in the workbook" in page
