"""Jobs through the server's routes (raw HTTP on 127.0.0.1): a job runs on its worker
thread and tells its rows read, a cancelled job ends ``cancelled`` with no output, a finished
job serves only the names of its downloads, and heads' names appear only when asked. Once
the survey is scored the job is ``writing``: its page shows the tables while the downloads
appear one by one (held between two files by a listener of the server's jobs)."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_helpers import SURVEYS, Gate, base, holding, multipart, request

from phbs.web.server import WebServer


def submit(web: WebServer, fields: dict[str, str], files: dict[str, Path]) -> str:
    """POST /jobs from the server's own page; the job's address."""
    body, kind = multipart(fields, files)
    answer = request(web, "POST", "/jobs", body, {"Content-Type": kind, "Origin": base(web)})
    assert answer.status == 303
    location = answer.headers["location"]
    assert location.startswith("/jobs/")
    return location


def status(web: WebServer, job: str) -> dict[str, Any]:
    answer = request(web, "GET", f"{job}/status")
    assert answer.status == 200
    found: dict[str, Any] = json.loads(answer.body)
    return found


def finished(web: WebServer, job: str) -> dict[str, Any]:
    deadline = time.monotonic() + 180
    while (now := status(web, job))["state"] in ("running", "writing"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    return now


def test_cancel_stops_a_running_job_and_leaves_no_output(web: WebServer, tmp_path: Path) -> None:
    lines = SURVEYS[0].read_text(encoding="utf-8-sig").splitlines()
    big = tmp_path / "besar.csv"
    big.write_text("\n".join([lines[0], *lines[1:] * 60]) + "\n", encoding="utf-8")
    job = submit(web, {}, {"survey": big})
    first = status(web, job)
    assert first["state"] == "running"
    page = request(web, "GET", job).body.decode()
    assert 'id="batal"' in page
    cancel = request(web, "POST", f"{job}/cancel", b"", {"Origin": base(web)})
    assert cancel.status == 303
    assert finished(web, job)["state"] == "cancelled"
    folder = web.root / job.rsplit("/", 1)[1]
    assert sorted(p.name for p in folder.iterdir()) == ["masukan"]
    assert "Dibatalkan" in request(web, "GET", job).body.decode()


def test_finished_job_serves_only_its_downloads(web: WebServer) -> None:
    job = submit(web, {}, {"survey": SURVEYS[0]})
    done = finished(web, job)
    assert done["state"] == "done"
    assert done["rows"] > 0
    assert request(web, "GET", f"{job}/files/ringkasan.csv").status == 200
    for name in ("masukan", "survei-puskesmas-batulicin.csv", "peringkat.csv", "..", "%2e%2e"):
        assert request(web, "GET", f"{job}/files/{name}").status == 404, name
    assert request(web, "GET", f"{job}/files/masukan/survei-puskesmas-batulicin.csv").status == 404


def heads(web: WebServer, job: str) -> list[str]:
    answer = request(web, "GET", f"{job}/files/rumah-tangga.csv")
    assert answer.status == 200
    return next(csv.reader(io.StringIO(answer.body.decode("utf-8-sig"))))


def test_names_only_when_asked(web: WebServer) -> None:
    """Heads' names and KK numbers are left out of the downloads unless ticked."""
    without = submit(web, {}, {"survey": SURVEYS[0]})
    asked = submit(web, {"include_names": "on"}, {"survey": SURVEYS[0]})
    assert finished(web, without)["state"] == finished(web, asked)["state"] == "done"
    assert "nama_kepala_rt" not in heads(web, without)
    assert "nama_kepala_rt" in heads(web, asked)


def test_the_page_explains_the_table_as_phbs_score_does(web: WebServer) -> None:
    """Under the village table the page prints the lines ``phbs score`` prints under its
    own: how % ber-PHBS is worked out and what the interval is."""
    from click.testing import CliRunner

    from phbs.cli.root import cli

    job = submit(web, {}, {"survey": SURVEYS[0]})
    assert finished(web, job)["state"] == "done"
    page = request(web, "GET", job).body.decode("utf-8")
    printed = CliRunner().invoke(cli, ["score", str(SURVEYS[0])]).output.splitlines()
    explained = [line for line in printed if line.startswith(("% ber-PHBS =", "IK = "))]
    assert len(explained) == 2
    for line in explained:
        assert f'<p class="note">{line}</p>' in page


def test_a_failed_job_says_where_the_page_offers_the_option_its_message_names(
    web: WebServer,
) -> None:
    """A file whose blank cells cannot be read without ``--blank`` fails with the command
    line's message, followed by the line naming the page's control for ``--blank``."""
    from phbs.demo.data import sample_data
    from phbs.i18n import t

    blanks = sample_data().survey_files[0].parent / "contoh-aplikasi.csv"
    job = submit(web, {}, {"survey": blanks})
    assert finished(web, job)["state"] == "failed"
    page = request(web, "GET", job).body.decode("utf-8")
    assert "--blank missing" in page
    place = f"{t('web.reading', 'id')} → {t('web.blank', 'id')}"
    hint = t("web.hint.control", "id", option="--blank", place=place)
    assert f'<p class="hint">{hint}</p>' in page


def test_the_workbook_leaves_the_households_out_when_ticked(web: WebServer) -> None:
    """Ticked, the workbook's households sheet holds only its note and header (as
    ``phbs report --households-sheet-rows 0``) and the households CSV still lists them all."""
    import openpyxl

    job = submit(web, {"no_households_sheet": "on"}, {"survey": SURVEYS[0]})
    assert finished(web, job)["state"] == "done"
    answer = request(web, "GET", f"{job}/files/laporan.xlsx")
    assert answer.status == 200
    sheet = openpyxl.load_workbook(io.BytesIO(answer.body), read_only=True)["Rumah Tangga"]
    rows = [r for r in sheet.iter_rows(values_only=True) if any(c is not None for c in r)]
    households = len(heads_and_rows(web, job)) - 1
    assert households > 100
    assert len(rows) == 3
    assert str(rows[0][0]).startswith(f"Lembar ini memuat 0 dari {households:,}".replace(",", "."))
    assert rows[2][0] == "ID rumah tangga"


def heads_and_rows(web: WebServer, job: str) -> list[list[str]]:
    answer = request(web, "GET", f"{job}/files/rumah-tangga.csv")
    return list(csv.reader(io.StringIO(answer.body.decode("utf-8-sig"))))


@pytest.fixture
def gate(web: WebServer) -> Iterator[Gate]:
    with holding(web) as held:
        yield held


#: The files of a job without a ranking, in the order they are written (by hand, from the
#: runner's brief: the small ones first, the households CSV and the workbook last).
WRITTEN = [
    "ringkasan.csv",
    "ringkasan.json",
    "masalah.xlsx",
    "disisihkan.csv",
    "laporan.html",
    "rumah-tangga.csv",
    "laporan.xlsx",
]


def _big(folder: Path) -> Path:
    lines = SURVEYS[0].read_text(encoding="utf-8-sig").splitlines()
    big = folder / "besar.csv"
    big.write_text("\n".join([lines[0], *lines[1:] * 60]) + "\n", encoding="utf-8")
    return big


def test_the_table_is_shown_while_the_downloads_are_written(
    web: WebServer, gate: Gate, tmp_path: Path
) -> None:
    job = submit(web, {}, {"survey": _big(tmp_path)})
    assert status(web, job)["state"] == "running"
    assert gate.grown.get(timeout=120) == 0  # scored: the tables, no file yet
    now = status(web, job)
    assert (now["state"], now["downloads"], now["total"]) == ("writing", [], len(WRITTEN))
    page = request(web, "GET", job).body.decode()
    assert 'id="tabel-wilayah"' in page
    assert "Berkas unduhan sedang ditulis: 0 dari 7" in page
    assert 'id="batal"' in page
    written: list[str] = []
    for count in range(1, len(WRITTEN) + 1):
        assert gate.step() == count
        now = status(web, job)
        assert now["state"] == "writing"
        names = [d["name"] for d in now["downloads"]]
        assert len(names) == count
        written += [n for n in names if n not in written]
        assert request(web, "GET", f"{job}/files/{written[-1]}").status == 200
        for pending in (n for n in WRITTEN if n not in names):
            assert request(web, "GET", f"{job}/files/{pending}").status == 404
        page = request(web, "GET", job).body.decode()
        assert f"Berkas unduhan sedang ditulis: {count} dari 7" in page
        assert page.count(f'href="{job}/files/') == count  # the list has the files written
    gate.go.release()  # every file is written: the job is done
    done = finished(web, job)
    assert done["state"] == "done"
    written += [d["name"] for d in done["downloads"] if d["name"] not in written]
    assert written == WRITTEN
    page = request(web, "GET", job).body.decode()
    assert "sedang ditulis" not in page
    assert 'id="batal"' not in page


def test_cancel_while_writing_keeps_the_tables_and_files_written(
    web: WebServer, gate: Gate, tmp_path: Path
) -> None:
    job = submit(web, {}, {"survey": _big(tmp_path)})
    assert gate.grown.get(timeout=120) == 0
    assert gate.step() == 1
    assert gate.step() == 2
    assert request(web, "GET", f"{job}/files/ringkasan.csv").status == 200
    cancel = request(web, "POST", f"{job}/cancel", b"", {"Origin": base(web)})
    assert cancel.status == 303
    assert gate.step() == 2  # the result once more, with the files not written
    gate.go.release()
    done = finished(web, job)
    assert done["state"] == "done"
    assert [d["name"] for d in done["downloads"]] == ["ringkasan.csv", "ringkasan.json"]
    assert done["skipped"] == [
        "laporan.xlsx",
        "laporan.html",
        "rumah-tangga.csv",
        "disisihkan.csv",
        "masalah.xlsx",
    ]
    folder = web.root / job.rsplit("/", 1)[1]
    assert sorted(p.name for p in folder.iterdir()) == [
        "masukan",
        "ringkasan.csv",
        "ringkasan.json",
    ]
    assert not list(folder.rglob("*.tmp"))
    assert request(web, "GET", f"{job}/files/ringkasan.csv").status == 200
    page = request(web, "GET", job).body.decode()
    assert 'id="tabel-wilayah"' in page
    assert 'id="tidak-ditulis"' in page
    assert "Unduhan ini tidak ditulis: Laporan (buku kerja Excel) (laporan.xlsx)" in page
    assert 'id="batal"' not in page


def test_household_numbers_restarting_in_each_village(web: WebServer, tmp_path: Path) -> None:
    """The first sample file with its households numbered 1, 2, … again in each village:
    read as one numbering it is refused with the command line's error, with the tick (as
    ``--id-per-desa``) every row but the one the sample sets aside anyway is scored. The
    expected lines are those ``phbs score`` prints on this file with and without
    ``--id-per-desa``."""
    rows = list(csv.reader(io.StringIO(SURVEYS[0].read_text("utf-8-sig")), delimiter=";"))
    numbers: dict[str, int] = {}
    for row in rows[1:]:
        numbers[row[1]] = numbers.get(row[1], 0) + 1
        row[0] = str(numbers[row[1]])
    per_desa = tmp_path / "per-desa.csv"
    with per_desa.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out, delimiter=";").writerows(rows)
    refused = finished(web, submit(web, {}, {"survey": per_desa}))
    assert refused["state"] == "failed"
    assert refused["message"].startswith("Galat: 973 dari 1347 baris disisihkan")
    assert "--id-per-desa" in refused["message"]
    job = submit(web, {"id_per_desa": "on"}, {"survey": per_desa})
    assert finished(web, job)["state"] == "done"
    page = request(web, "GET", job).body.decode()
    assert "1.347 baris dibaca = 1.346 diskor + 1 disisihkan" in page
