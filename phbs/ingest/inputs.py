"""Survey files named more than once are read once.

A file dragged in twice, a shell glob that matches it twice, ``a.csv ./a.csv``, an absolute
and a relative spelling, a symlink or a hard link to it, or a copy under another name
(``a (1).csv``) would otherwise be read twice and every row counted again.
:func:`distinct_files` keeps the first of each and turns every other into a
``berkas-ganda`` warning naming the file kept; :func:`phbs.read_survey` reads only the files
kept.

One file is recognised by its device and inode (any spelling, symlinks, hard links); a copy
by its bytes: sizes are compared first, and only files of equal size are hashed (SHA-256).
A path that cannot be looked at (missing, not a regular file, unreadable) is kept as given,
so reading it reports the problem as usual.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from phbs.ingest.file_names import file_name
from phbs.ingest.held import file_sha256
from phbs.issues import Issue, make_issue


@dataclass(frozen=True)
class DistinctFiles:
    """The survey files to read (``paths``, as given, in order) and a ``berkas-ganda``
    warning for each file left out (``issues``)."""

    paths: tuple[str | Path, ...]
    issues: tuple[Issue, ...] = ()


@dataclass
class _Kept:
    path: str | Path
    digest: str | None = None

    def sha256(self) -> str:
        if self.digest is None:
            self.digest = file_sha256(Path(self.path))
        return self.digest


def distinct_files(paths: Sequence[str | Path]) -> DistinctFiles:
    """``paths`` without repeats: the same file again, or a file with the same bytes.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     survey = Path(folder, "survei.csv")
    ...     _ = survey.write_text("id_rumah_tangga,kode_desa\\n1,63.10.01.2005\\n")
    ...     copy = Path(folder, "survei (1).csv")
    ...     _ = copy.write_bytes(survey.read_bytes())
    ...     files = distinct_files([survey, Path(folder, ".", "survei.csv"), copy])
    ...     [Path(p).name for p in files.paths], [i.code for i in files.issues]
    (['survei.csv'], ['berkas-ganda', 'berkas-ganda'])
    """
    kept: list[str | Path] = []
    issues: list[Issue] = []
    by_inode: dict[tuple[int, int], str | Path] = {}
    by_size: dict[int, list[_Kept]] = {}
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            kept.append(path)
            continue
        if not stat.S_ISREG(status.st_mode):
            kept.append(path)
            continue
        inode = (status.st_dev, status.st_ino)
        first = by_inode.get(inode)
        if first is not None:
            issues.append(_dropped(path, first, same_file=True))
            continue
        entry = _Kept(path)
        twin = _same_bytes(entry, by_size.get(status.st_size, []))
        if twin is not None:
            issues.append(_dropped(path, twin.path, same_file=False))
            continue
        kept.append(path)
        by_inode[inode] = path
        by_size.setdefault(status.st_size, []).append(entry)
    return DistinctFiles(tuple(kept), tuple(issues))


def _same_bytes(entry: _Kept, candidates: list[_Kept]) -> _Kept | None:
    """The kept file of the same size whose bytes are ``entry``'s, if any."""
    if not candidates:
        return None
    try:
        digest = entry.sha256()
        return next((c for c in candidates if c.sha256() == digest), None)
    except OSError:
        return None


def _dropped(path: str | Path, kept: str | Path, *, same_file: bool) -> Issue:
    reason = (
        ("berkas yang sama", "the same file") if same_file else ("isi sama persis", "same bytes")
    )
    return make_issue(
        "berkas-ganda",
        file=file_name(path),
        kept=file_name(kept),
        reason=reason[0],
        reason_en=reason[1],
    )
