"""A cancel takes effect at once in every phase of a job, also while the households CSV
(``rumah-tangga.csv``, the longest file but the workbook) is being written: its writer looks
at the cancel every few thousand rows, so the file stops growing; the village table and the
files written before it stay, and the page names the files not written.

The survey is the score benchmark's synthetic province (``bench_score.write_survey``) of
100 000 households, written into the test's own folder."""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
from pathlib import Path
from types import ModuleType

from test_web_jobs import finished, submit
from web_helpers import base, request

from phbs.i18n import t
from phbs.web.server import WebServer
from phbs.web.worker import Job

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
HOUSEHOLDS = 100_000
#: The households CSV's writer looks at the cancel every 4 096 rows (about 180 bytes each
#: here); the file may grow by that and one write buffer after the cancel, no more.
AFTER_CANCEL = 4_096 * 250 + (1 << 16)


def _bench_score() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_score", BENCHMARKS / "bench_score.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


class Watch:
    """A listener of the server's jobs that, once the report page is written (the households
    CSV comes next), watches the job's folder from a thread of its own: as soon as the
    households CSV's temporary file is there it cancels the job, then follows the file's
    size from the cancel's answer until it is gone."""

    def __init__(self, web: WebServer) -> None:
        self.web = web
        self.job = ""
        self.at_cancel = -1
        self.last = -1
        self.done = threading.Event()

    def __call__(self, job: Job) -> None:
        assert job.result is not None
        pending = set(job.result.pending)
        if pending == {"rumah-tangga.csv", "laporan.xlsx"} and not self.job:
            self.job = job.id
            threading.Thread(target=self.follow, args=(job.folder,), daemon=True).start()

    def follow(self, folder: Path) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            found = list(folder.glob(".rumah-tangga.csv.*.tmp"))
            if found:
                break
            time.sleep(0.002)
        else:
            self.done.set()
            return
        origin = {"Origin": base(self.web)}
        answer = request(self.web, "POST", f"/jobs/{self.job}/cancel", b"", origin)
        assert answer.status == 303
        # The cancel is in effect once the server has answered; the file's size is measured
        # from then (on a loaded machine the request itself may take a while).
        try:
            self.at_cancel = found[0].stat().st_size
        except FileNotFoundError:
            self.at_cancel = self.last = 0
            self.done.set()
            return
        while time.monotonic() < deadline:
            try:
                self.last = found[0].stat().st_size
            except FileNotFoundError:
                break
            time.sleep(0.002)
        self.done.set()


def test_cancel_while_the_households_csv_is_written(web: WebServer, tmp_path: Path) -> None:
    survey = tmp_path / "survei.csv"
    _bench_score().write_survey(survey, HOUSEHOLDS)
    watch = Watch(web)
    web.jobs.listener = watch
    try:
        job = submit(web, {}, {"survey": survey})
        assert watch.done.wait(60)
        done = finished(web, job)
        assert done["state"] == "done"
    finally:
        web.jobs.listener = None
    assert watch.at_cancel >= 0, "the households CSV was never seen being written"
    # The file stopped growing right after the cancel (a whole one would be ~18 MB).
    assert watch.last - watch.at_cancel <= AFTER_CANCEL
    # The tables stay, with the files written before it; the others are named.
    assert done["skipped"] == ["laporan.xlsx", "rumah-tangga.csv"]
    folder = web.root / watch.job
    assert sorted(p.name for p in folder.iterdir()) == [
        "disisihkan.csv",
        "laporan.html",
        "masalah.xlsx",
        "masukan",
        "ringkasan.csv",
        "ringkasan.json",
    ]
    assert request(web, "GET", f"{job}/files/ringkasan.csv").status == 200
    assert request(web, "GET", f"{job}/files/rumah-tangga.csv").status == 404
    page = request(web, "GET", job).body.decode()
    assert 'id="tabel-wilayah"' in page
    assert "Unduhan ini tidak ditulis: Laporan (buku kerja Excel) (laporan.xlsx)" in page
    assert t("web.state.cancelled", "id") not in page
