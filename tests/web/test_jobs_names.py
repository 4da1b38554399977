"""The job's outputs name each file as it was uploaded (phbs/web/jobs.py's
``upload_names``), never by the server's folder: ``survei.csv``, and ``2/survei.csv`` for a
second upload of the same name (the page saves it in a numbered folder), so the two stay
distinct. Every output is read as text (a workbook's every XML part) and searched."""

from __future__ import annotations

import csv
import shutil
import zipfile
from pathlib import Path

from test_jobs import _sample_spec

from phbs.web.jobs import run_job


def _texts(path: Path) -> list[str]:
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            return [book.read(part).decode("utf-8") for part in book.namelist()]
    return [path.read_text(encoding="utf-8-sig")]


def test_outputs_name_the_uploads_not_the_job_folder(tmp_path: Path) -> None:
    folder = tmp_path / "job"
    sample = _sample_spec(tmp_path / "sample")
    first, second = sample.survey[:2]
    uploads = folder / "masukan"
    (uploads / "2").mkdir(parents=True)
    # Two different files uploaded under one name, as the page saves them.
    survey = (
        Path(shutil.copy(first, uploads / "survei.csv")),
        Path(shutil.copy(second, uploads / "2" / "survei.csv")),
    )
    villages = Path(shutil.copy(sample.villages or "", uploads / "desa.csv"))
    spec = _sample_spec(folder, survey=survey, villages=villages)
    result = run_job(spec)
    assert result.downloads
    for download in result.downloads:
        for text in _texts(download.path):
            assert str(tmp_path) not in text, download.name
    with (folder / "rumah-tangga.csv").open(encoding="utf-8-sig", newline="") as handle:
        named = {row["berkas"] for row in csv.DictReader(handle)}
    assert named == {"survei.csv", "2/survei.csv"}
    html = (folder / "laporan.html").read_text(encoding="utf-8")
    assert "survei.csv" in html
    assert "2/survei.csv" in html
    assert "desa.csv" in html
