"""Uploads of the local page: saved under a cleaned name (never a path from the browser) in
the uploads of a job's or a proposal's own folder, a numbered folder when the name is taken,
and the file a proposed mapping keeps copied into the next job.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from phbs.web import UPLOADS
from phbs.web.maps import MAP_NAME, Proposed

#: The upload form's single files: field name, and the name saved when the browser sends
#: none usable.
UPLOADED = {
    "mapping": "peta.yaml",
    "villages": "desa.csv",
    "judges": "juri.csv",
    "attributes": "atribut.csv",
    "overrides": "koreksi.csv",
    "form_file": "formulir.yaml",
    "rubric_file": "rubrik.yaml",
    "code_changes": "perubahan-kode.csv",
    "ahp": "matriks-ahp.csv",
    "baseline_mapping": "peta-putaran.yaml",
}


def clean_name(filename: str | None, fallback: str) -> str:
    """A file name to save an upload under: the last part of what the browser sent, only
    letters, digits and ``._-()`` and spaces, never hidden, at most 100 characters.

    >>> clean_name("../../etc/passwd", "x.csv"), clean_name("C:\\\\data\\\\survei 1.xlsx", "x")
    ('passwd', 'survei 1.xlsx')
    >>> clean_name("..", "survei-1.csv"), clean_name("<b>.csv", "x")
    ('survei-1.csv', 'b.csv')
    """
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    name = re.sub(r"[^\w.() -]", "", name).strip(" .")
    if not name:
        return fallback
    suffix = PurePosixPath(name).suffix[:10]
    return name[: 100 - len(suffix)].rstrip(" .") + suffix if len(name) > 100 else name


def _copy(source: BinaryIO, path: Path) -> None:
    with path.open("xb") as out:
        shutil.copyfileobj(source, out, 1 << 20)


async def save(upload: Any, into: Path, fallback: str) -> Path | None:
    """Save one upload into the uploads of the folder ``into`` (a job's, a proposal's);
    None when the field was left empty."""
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    path = free(into, clean_name(upload.filename, fallback))
    await run_in_threadpool(_copy, upload.file, path)
    return path


def free(into: Path, name: str) -> Path:
    """Where to save a file called ``name`` among the uploads of ``into``: a numbered
    folder when the name is taken already."""
    folder = into / UPLOADS
    number = 1
    while (folder / name).exists():
        number += 1
        folder = into / UPLOADS / str(number)
    folder.mkdir(exist_ok=True)
    return folder / name


def copy_kept(kept: Proposed, folder: Path, mapping: Path | None) -> tuple[Path, Path]:
    """The kept file copied into a job's uploads, with its proposed mapping unless one was
    uploaded (``mapping``): the file and the mapping to read it with."""
    survey = free(folder, kept.file.name)
    shutil.copyfile(kept.file, survey)
    if mapping is None:
        mapping = free(folder, MAP_NAME)
        shutil.copyfile(kept.mapping, mapping)
    return survey, mapping
