"""Writing output files safely: atomically, never over an input, with clear errors.

Every output is written to a temporary file in the destination folder and renamed into
place when complete, so an interrupted run never leaves a half-written report. The finished
file gets the permissions a plain ``open(path, "w")`` would give: those of the file it
replaces, or ``0o666`` less the umask for a new file (not ``mkstemp``'s private ``0o600``).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO

from phbs.errors import OutputError


def check_output_path(path: str | Path, inputs: Iterable[str | Path] = ()) -> Path:
    """Refuse an output that would overwrite an input or whose folder is unusable.

    >>> check_output_path("hasil.csv", ["hasil.csv"])
    Traceback (most recent call last):
    ...
    phbs.errors.OutputError: hasil.csv: berkas keluaran sama dengan berkas masukan; pilih nama lain
    """
    target = Path(path)
    resolved = target.resolve()
    for item in inputs:
        if Path(item).resolve() == resolved or _same_file(target, Path(item)):
            raise OutputError(
                f"{path}: berkas keluaran sama dengan berkas masukan; pilih nama lain",
                f"{path}: output file is one of the input files; choose another name",
            )
    folder = resolved.parent
    if not folder.is_dir():
        raise OutputError(
            f"{path}: folder '{target.parent}' tidak ada",
            f"{path}: folder '{target.parent}' does not exist",
        )
    if not os.access(folder, os.W_OK):
        raise OutputError(
            f"{path}: folder '{target.parent}' tidak dapat ditulisi",
            f"{path}: folder '{target.parent}' is not writable",
        )
    if target.is_dir():
        raise OutputError(f"{path}: ini folder, bukan berkas", f"{path}: is a folder")
    return target


def input_file(name_or_path: str | Path | None) -> Path | None:
    """A ``--form`` or ``--rubric`` value as a file a run reads: the path when it names an
    existing file, else None (a bundled name, or nothing given).

    >>> input_file("kemenkes-rt-10") is None
    True
    """
    if name_or_path is None:
        return None
    path = Path(name_or_path)
    return path if path.is_file() else None


def check_run_files(
    outputs: Mapping[str, str | Path | None], inputs: Iterable[str | Path | None] = ()
) -> None:
    """Refuse a run before it reads or writes anything when two outputs name one file or
    an output names an input; also when an output's folder is unusable.

    ``outputs`` maps each output option as typed (``-o``, ``--rejects``) to its file, None
    when not given; ``inputs`` lists every file the run reads (None entries are skipped).
    One file by any spelling counts: relative or absolute, ``./x``, a symlink, a hard link.

    >>> check_run_files({"-o": "rekap.csv", "--rejects": "./rekap.csv"})
    Traceback (most recent call last):
    ...
    phbs.errors.OutputError: -o rekap.csv dan --rejects ./rekap.csv menamai berkas yang sama; beri setiap keluaran nama sendiri
    >>> check_run_files({"-o": "desa.csv"}, ["survei.csv", "desa.csv"])
    Traceback (most recent call last):
    ...
    phbs.errors.OutputError: -o desa.csv: berkas keluaran sama dengan berkas masukan desa.csv; pilih nama lain
    """  # noqa: E501
    given = [(option, path) for option, path in outputs.items() if path is not None]
    for position, (option, path) in enumerate(given):
        for other_option, other in given[:position]:
            if _one_file(other, path):
                raise OutputError(
                    f"{other_option} {other} dan {option} {path} menamai berkas yang sama; "
                    "beri setiap keluaran nama sendiri",
                    f"{other_option} {other} and {option} {path} name the same file; give "
                    "each output its own name",
                )
    read = [item for item in inputs if item is not None]
    for option, path in given:
        for item in read:
            if _one_file(path, item):
                raise OutputError(
                    f"{option} {path}: berkas keluaran sama dengan berkas masukan {item}; "
                    "pilih nama lain",
                    f"{option} {path}: output file is the input file {item}; choose another name",
                )
        check_output_path(path)


def _one_file(first: str | Path, second: str | Path) -> bool:
    """Whether two paths (existing or not) name one file."""
    one, two = Path(first), Path(second)
    return one.resolve() == two.resolve() or _same_file(one, two)


def _same_file(first: Path, second: Path) -> bool:
    """Whether two existing paths are one file (symlinks and hard links included)."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _umask() -> int:
    # The umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _final_mode(target: Path) -> int:
    """The mode ``open(target, "w")`` would leave: the old file's, or 0o666 less the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


@contextlib.contextmanager
def atomic_path(path: str | Path, inputs: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place if the block succeeds.

    For writers that want a file name (xlsxwriter). An output that is a symbolic link is
    written through it: the file it points to is replaced, atomically, in that file's own
    folder (so on its file system), and the link stays a link.
    """
    target = check_output_path(path, inputs)
    final = target.resolve()
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{final.name}.", suffix=".tmp", dir=final.parent
        )
    except OSError as exc:
        raise OutputError(
            f"{path}: folder '{target.parent}' tidak dapat ditulisi ({exc.strerror})",
            f"{path}: folder '{target.parent}' is not writable ({exc.strerror})",
        ) from None
    os.close(handle)
    temp_path = Path(temporary)
    try:
        yield temp_path
        os.chmod(temp_path, _final_mode(final))
        os.replace(temp_path, final)
    except OSError as exc:
        raise OutputError(
            f"{path}: tidak dapat ditulis ({exc.strerror})",
            f"{path}: cannot be written ({exc.strerror})",
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp_path.unlink()


@contextlib.contextmanager
def atomic_text(
    path: str | Path, inputs: Iterable[str | Path] = (), *, newline: str | None = None
) -> Iterator[IO[str]]:
    """Open a text file for writing (UTF-8) that appears only once complete."""
    with (
        atomic_path(path, inputs) as temporary,
        temporary.open("w", encoding="utf-8", newline=newline) as handle,
    ):
        yield handle
