"""Work on a second thread (phbs.threads) changes nothing but the time it takes.

Items keep their order, at most ``depth`` wait between the threads, an error on the worker
is raised on the caller's thread after the items before it, and stopping early stops the
worker and closes what it was reading. The last tests run the real pipeline: a sink that
fails while ``score_files`` is reading, and a reader that fails while batches are counted.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import HEADER, household, write_csv

from phbs.errors import InputFileError
from phbs.ingest import csv_source, csv_stream
from phbs.ingest.survey import HouseholdBatch
from phbs.reports.households import HouseholdsCsv
from phbs.scoring.streaming import score_files
from phbs.threads import read_ahead


def worker_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("phbs-")]


def test_read_ahead_keeps_order_and_bounds_what_waits() -> None:
    produced: list[int] = []

    def numbers() -> Iterator[int]:
        for n in range(50):
            produced.append(n)
            yield n

    seen = []
    for n in read_ahead(numbers(), depth=2):
        time.sleep(0.001)
        # The item in the caller's hands and at most two (depth) made ahead of it.
        assert len(produced) - n <= 3
        seen.append(n)
    assert seen == list(range(50))
    assert worker_threads() == []


def test_read_ahead_raises_the_error_after_the_items_before_it() -> None:
    def failing() -> Iterator[int]:
        yield from range(3)
        raise InputFileError("rusak di baris 4", "broken at row 4")

    seen: list[int] = []
    with pytest.raises(InputFileError, match="baris 4"):
        seen.extend(read_ahead(failing()))
    assert seen == [0, 1, 2]
    assert worker_threads() == []


def test_stopping_early_stops_the_worker_and_closes_the_source() -> None:
    closed = threading.Event()
    made: list[int] = []

    def endless() -> Iterator[int]:
        try:
            n = 0
            while True:
                made.append(n)
                yield n
                n += 1
        finally:
            closed.set()

    items = read_ahead(endless())
    assert [next(items) for _ in range(3)] == [0, 1, 2]
    items.close()
    assert closed.is_set()
    assert worker_threads() == []
    assert len(made) <= 5


def survey_file(tmp_path: Path, rows: int) -> Path:
    body = [household(f"RT{n:05d}") for n in range(rows)]
    return write_csv(tmp_path / "survei.csv", [HEADER, *body])


def test_a_failing_households_csv_stops_scoring_with_its_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The households file fails (a full disk): score_files raises that error and leaves
    no thread behind."""
    monkeypatch.setattr(csv_stream, "BLOCK_SIZE", 4096)
    path = survey_file(tmp_path, 2_000)
    written: list[int] = []

    class FullDisk(HouseholdsCsv):
        def __init__(self) -> None:
            pass

        def write(self, batch: HouseholdBatch, *args: object, **kwargs: object) -> None:
            if written:
                raise OSError(28, "No space left on device")
            written.append(len(batch))

    with pytest.raises(OSError, match="No space left"):
        score_files([path], households_csv=FullDisk())
    assert written
    assert worker_threads() == []


def test_a_file_changed_while_read_ahead_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader runs on the worker thread: a file that grows while it is read is still
    refused (SECURITY.md, *Limits*), with the reader's message, on the caller's thread."""
    monkeypatch.setattr(csv_stream, "BLOCK_SIZE", 4096)
    path = survey_file(tmp_path, 2_000)
    real = csv_source.read_block
    calls = {"n": 0}

    def growing(handle: object, size: int) -> bytes:
        data = real(handle, 4096)  # type: ignore[arg-type]
        calls["n"] += 1
        if calls["n"] == 3:
            with path.open("ab") as extra:
                extra.write(",".join(household("RT99999")).encode() + b"\n")
        return data

    monkeypatch.setattr(csv_source, "read_block", growing)
    with pytest.raises(InputFileError, match="berubah saat dibaca"):
        score_files([path])
    assert worker_threads() == []
