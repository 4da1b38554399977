"""A CSV file read once, through one handle, in blocks (:class:`Source`).

Its checksum is computed on the way and its size and modification time are compared at the
end, so a file that changes while it is read is refused (:class:`~phbs.errors.InputFileError`)
rather than half read. :mod:`phbs.ingest.csv_stream` cuts the blocks into segments.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass, field

from phbs.errors import InputFileError

#: Bytes read from the file at a time (a file no larger is read at once and closed).
BLOCK_SIZE = 1 << 21


def read_block(handle: io.BufferedReader, size: int) -> bytes:
    """Read up to ``size`` bytes (a seam for tests that change a file mid-read)."""
    return handle.read(size)


@dataclass
class Source:
    """An open file read once, in blocks, with its checksum and a change check at the end."""

    name: str
    handle: io.BufferedReader
    size: int
    mtime_ns: int
    digest: hashlib._Hash = field(default_factory=hashlib.sha256)
    read_bytes: int = 0
    done: bool = False
    sha256: str = ""

    def read(self, size: int = BLOCK_SIZE) -> bytes:
        """The next block; ``b""`` at the end, after checking the file did not change."""
        if self.done:
            return b""
        try:
            block = read_block(self.handle, size)
        except OSError as exc:
            raise InputFileError(
                f"{self.name}: berkas tidak dapat dibaca ({exc.strerror})",
                f"{self.name}: file cannot be read ({exc.strerror})",
            ) from None
        if block:
            self.digest.update(block)
            self.read_bytes += len(block)
            return block
        after = os.fstat(self.handle.fileno())
        self.handle.close()
        self.done = True
        moved = (after.st_size, after.st_mtime_ns) != (self.size, self.mtime_ns)
        if moved or self.read_bytes != after.st_size:
            raise InputFileError(
                f"{self.name}: berkas berubah saat dibaca (masih disalin atau disimpan?); "
                "tunggu sampai selesai lalu ulangi",
                f"{self.name}: file changed while being read (still being copied or saved?); "
                "wait until it is complete and try again",
            )
        self.sha256 = self.digest.hexdigest()
        return b""

    def close(self) -> None:
        """Close the handle without reading further."""
        if not self.done:
            self.handle.close()
