"""The job runner tells its result before it writes the downloads (phbs/web/jobs.py's
``on_ready``): the tables first, then each file as it is in place, the small files before the
households CSV and the workbook; a cancel while writing keeps the files written, leaves
no ``.tmp`` and names the files not written.

The expected order of the files is the one stated in the runner's brief (the summaries, the
issues workbook, the rejects, the ranking and the minutes, the report page, then the
households CSV and the workbook), written out here by hand."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from test_jobs import NO_CONTEST, _big_survey, _sample_spec

from phbs.web.jobs import JobResult, run_job
from phbs.web.spec import JobSpec

#: The order the files are written in, with a ranking (by hand, from the brief).
ORDER = [
    "ringkasan.csv",
    "ringkasan.json",
    "masalah.xlsx",
    "disisihkan.csv",
    "peringkat.csv",
    "berita-acara.html",
    "laporan.html",
    "rumah-tangga.csv",
    "laporan.xlsx",
]


#: The files written only with a ranking.
CONTEST = {"peringkat.csv", "berita-acara.html"}


def _outputs(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name in ORDER or p.name.endswith(".tmp")}


def test_the_tables_come_first_then_each_file_as_it_is_written(tmp_path: Path) -> None:
    spec = _sample_spec(tmp_path)
    calls: list[JobResult] = []
    on_disk: list[set[str]] = []

    def ready(result: JobResult) -> None:
        calls.append(result)
        on_disk.append(_outputs(tmp_path))

    final = run_job(spec, on_ready=ready)
    first = calls[0]
    assert first.downloads == []
    assert on_disk[0] == set()  # nothing written yet when the tables are shown
    assert sorted(first.pending) == sorted(ORDER)
    assert first.areas.wilayah  # the village table is there already
    assert first.ranking is not None
    assert first.said == final.said
    assert len(calls) == 1 + len(ORDER)
    added = []
    for before, after, disk in zip(calls[:-1], calls[1:], on_disk[1:], strict=True):
        new = {d.name for d in after.downloads} - {d.name for d in before.downloads}
        assert len(new) == 1
        added.append(new.pop())
        assert {d.name for d in after.downloads} == disk  # listed once it is in place
        assert len(after.downloads) + len(after.pending) == len(ORDER)
    assert added == ORDER
    assert calls[-1] == final
    assert final.pending == ()


def test_the_final_result_lists_the_files_in_the_pages_order(tmp_path: Path) -> None:
    final = run_job(_sample_spec(tmp_path, **NO_CONTEST))
    assert [d.name for d in final.downloads] == [
        "laporan.xlsx",
        "laporan.html",
        "ringkasan.csv",
        "ringkasan.json",
        "rumah-tangga.csv",
        "disisihkan.csv",
        "masalah.xlsx",
    ]


@pytest.mark.parametrize("after", [0, 3, 8])
def test_cancel_between_two_files_keeps_those_written(tmp_path: Path, after: int) -> None:
    """Once the tables are shown, a cancel stops the files to come and keeps the others."""
    spec = _sample_spec(tmp_path)
    cancel = threading.Event()

    def ready(result: JobResult) -> None:
        if len(result.downloads) == after:
            cancel.set()

    final = run_job(spec, None, cancel, ready)
    assert _outputs(tmp_path) == set(ORDER[:after])
    assert {d.name for d in final.downloads} == set(ORDER[:after])
    assert set(final.skipped) == set(ORDER[after:])
    assert final.pending == ()
    assert final.areas.wilayah


def test_cancel_while_the_workbook_is_written_leaves_no_workbook(tmp_path: Path) -> None:
    """The cancel is set from another thread once the workbook's temporary file exists;
    the workbook's writer looks at it every 1 000 rows of the households sheet."""
    folder = tmp_path / "job"
    folder.mkdir()
    survey = _big_survey(tmp_path, 40)  # 53 880 rows: the households sheet takes seconds
    cancel = threading.Event()
    seen: list[str] = []

    def watch() -> None:
        deadline = time.monotonic() + 120
        while not cancel.is_set() and time.monotonic() < deadline:
            found = [p.name for p in folder.glob(".laporan.xlsx.*.tmp")]
            if found:
                seen.extend(found)
                cancel.set()
            time.sleep(0.005)

    def ready(result: JobResult) -> None:
        if result.pending == ("laporan.xlsx",):
            threading.Thread(target=watch, daemon=True).start()

    final = run_job(JobSpec(folder=folder, survey=(survey,)), None, cancel, ready)
    assert seen  # it was cancelled while the workbook was being written
    assert final.skipped == ("laporan.xlsx",)
    assert sorted(p.name for p in folder.iterdir()) == sorted(set(ORDER[:-1]) - CONTEST)
