"""An input file opened once and read through that one handle.

A file is refused if it is not a regular file or if it changes while it is read (its size or
modification time moves): a file still being copied or saved is never scored half-written.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from phbs.errors import InputFileError


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_all(handle: io.BufferedReader) -> bytes:
    """Read an open file to its end (a seam for tests that change a file mid-read)."""
    return handle.read()


def changed_while_read(name: str) -> InputFileError:
    return InputFileError(
        f"{name}: berkas berubah saat dibaca (masih disalin atau disimpan?); tunggu "
        "sampai selesai lalu ulangi",
        f"{name}: file changed while being read (still being copied or saved?); wait "
        "until it is complete and try again",
    )


def read_whole(handle: io.BufferedReader, before: os.stat_result, name: str) -> bytes:
    """The rest of an open file, refused if it changed since ``before`` was taken."""
    try:
        data = _read_all(handle)
        after = os.fstat(handle.fileno())
    except OSError as exc:
        raise InputFileError(
            f"{name}: berkas tidak dapat dibaca ({exc.strerror})",
            f"{name}: file cannot be read ({exc.strerror})",
        ) from None
    moved = (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns)
    if moved or len(data) != after.st_size:
        raise changed_while_read(name)
    return data


def snapshot(path: Path, name: str) -> bytes:
    """The file's bytes, read once; refused if it is not a regular file or changes meanwhile."""
    handle, before = open_regular(path, name)
    with handle:
        return read_whole(handle, before, name)


@dataclass
class HeldFile:
    """A workbook kept open through one handle while it is read: a zip archive is read
    part by part from it (not held in memory), and :meth:`check` refuses the file if it
    changed meanwhile (its size or modification time moved)."""

    name: str
    handle: io.BufferedReader | io.BytesIO
    size: int
    mtime_ns: int
    sha256: str
    head: bytes

    def data(self) -> bytes:
        """The whole file (for the formats read whole: .xls, .xlsb)."""
        if isinstance(self.handle, io.BytesIO):
            return self.handle.getvalue()
        self.handle.seek(0)
        data = _read_all(self.handle)
        self.check(len(data))
        return data

    def check(self, read: int | None = None) -> None:
        """Refuse the file if it changed since it was opened (a file held in memory cannot)."""
        if isinstance(self.handle, io.BytesIO):
            return
        after = os.fstat(self.handle.fileno())
        moved = (after.st_size, after.st_mtime_ns) != (self.size, self.mtime_ns)
        if moved or (read is not None and read != self.size):
            raise changed_while_read(self.name)

    def close(self) -> None:
        self.handle.close()


#: Workbooks up to this size are read into memory at once; larger ones are read part by part
#: through their open file.
HELD_IN_MEMORY = 16 * 1024 * 1024


def hold_file(path: Path, name: str) -> HeldFile:
    """Open a workbook and compute its checksum in blocks (see :class:`HeldFile`)."""
    handle, before = open_regular(path, name)
    try:
        if before.st_size <= HELD_IN_MEMORY:
            # A small workbook is read at once and its file closed, like a small CSV.
            with handle:
                data = read_whole(handle, before, name)
            if not data:
                raise InputFileError(f"{name}: berkas kosong", f"{name}: file is empty")
            sha = hashlib.sha256(data).hexdigest()
            size = len(data)
            return HeldFile(name, io.BytesIO(data), size, 0, sha, data[:4096])
        digest = hashlib.sha256()
        head = b""
        read = 0
        for block in iter(lambda: handle.read(1 << 20), b""):
            head = head or block[:4096]
            digest.update(block)
            read += len(block)
        held = HeldFile(name, handle, before.st_size, before.st_mtime_ns, digest.hexdigest(), head)
        held.check(read)
        return held
    except BaseException:
        handle.close()
        raise


def open_regular(path: Path, name: str) -> tuple[io.BufferedReader, os.stat_result]:
    """A regular file opened for reading, and its status then; a pipe, device or socket (a
    read could wait forever) or an unreadable file is one clear error."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputFileError(
            f"{name}: berkas tidak dapat dibaca ({exc.strerror})",
            f"{name}: file cannot be read ({exc.strerror})",
        ) from None
    before = os.fstat(handle.fileno())
    if not stat.S_ISREG(before.st_mode):
        handle.close()
        raise InputFileError(
            f"{name}: bukan berkas biasa (pipa, perangkat atau soket); simpan datanya "
            "ke berkas dulu",
            f"{name}: not a regular file (a pipe, device or socket); save the data to a file first",
        )
    return handle, before
