"""The page's sample job (*Coba dengan data contoh*) gives the files ``phbs demo`` writes for
the same sample: the village summary, the ranking with its sureness and the comparison with
2024, byte for byte; in Debian's Chromium the button shows the village table, the ranking,
its sureness and the change."""

from __future__ import annotations

import contextlib
import csv
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from web_helpers import base

from phbs.cli.root import cli
from phbs.web.jobs import run_job
from phbs.web.sample import sample_spec
from phbs.web.server import WebServer

#: The job's files and the names ``phbs demo`` gives the same files.
SAME = {
    "ringkasan.csv": "ringkasan-desa.csv",
    "perubahan.csv": "perubahan.csv",
}


def _rows(path: Path, columns: int | None = None) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[:columns] for row in csv.reader(handle)]


def test_the_sample_job_writes_what_phbs_demo_writes(tmp_path: Path) -> None:
    job = tmp_path / "job"
    job.mkdir()
    result = run_job(sample_spec(job, "id"))
    with contextlib.chdir(tmp_path):
        done = CliRunner().invoke(cli, ["demo", "--out", "demo"])
    assert done.exit_code in (0, 1), done.output
    for name, demo_name in SAME.items():
        assert (job / name).read_bytes() == (tmp_path / "demo" / demo_name).read_bytes(), name
    # The ranking is the demo's; the job's CSV adds the sureness columns after them.
    ranked = _rows(tmp_path / "demo" / "peringkat-desa.csv")
    assert _rows(job / "peringkat.csv", len(ranked[0])) == ranked
    assert _rows(job / "peringkat.csv")[0][len(ranked[0]) :][:3] == [
        "persen_ber_phbs_survei",
        "persen_ber_phbs_survei_bawah",
        "persen_ber_phbs_survei_atas",
    ]
    assert result.uncertainty is not None
    assert result.trends is not None


@pytest.mark.slow
def test_the_sample_button_shows_every_table(context: Any, web: WebServer) -> None:
    page = context.new_page()
    try:
        page.goto(base(web) + "/")
        page.click("#coba-contoh")
        page.wait_for_selector("#tabel-wilayah, #galat", timeout=180_000)
        for table in ("#tabel-wilayah", "#tabel-peringkat", "#tabel-kepastian", "#tabel-perubahan"):
            assert page.locator(f"{table} tbody tr").count() >= 13, table
    finally:
        page.close()
