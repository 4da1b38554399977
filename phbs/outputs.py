"""Writing output files safely: atomically, never over an input, with clear errors; and the
two ways a CSV output is written (:class:`CsvFormat`).

Every output is written to a temporary file in the destination folder and renamed into
place when complete, so an interrupted run never leaves a half-written report. The finished
file gets the permissions a plain ``open(path, "w")`` would give: those of the file it
replaces, or ``0o666`` less the umask for a new file (not ``mkstemp``'s private ``0o600``).
"""

from __future__ import annotations

import contextlib
import csv
import enum
import math
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
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


class CsvFormat(enum.Enum):
    """How a CSV output is written.

    ``MACHINE`` (the default): for the next program (pandas, R, ``phbs rank --summary``):
    ``,``-separated, decimal point, numbers at full precision, UTF-8 without BOM, every text
    cell as it is.

    ``SPREADSHEET`` (``--csv-excel``): for opening in a spreadsheet set to Indonesian (Excel,
    LibreOffice Calc, Google Sheets): ``;``-separated, decimal comma and no thousands
    separator (so the cells are numbers there), numbers rounded as the reports show them,
    UTF-8 with BOM. Text the spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``,
    tab or carriage return first) or turn into a number (digits with a leading zero, more
    than 15 digits) gets a leading ``'`` (see :func:`spreadsheet_text`).

    Both end lines with CRLF and quote a cell only when it holds the separator, a quote or
    a line break (docs/aturan.md §10.6).
    """

    MACHINE = "mesin"
    SPREADSHEET = "lembar-kerja"

    @property
    def delimiter(self) -> str:
        """The field separator: ``,`` or ``;``."""
        return ";" if self is CsvFormat.SPREADSHEET else ","


def machine_cell(value: object) -> str:
    """A value as a machine CSV cell: blank for none, ``ya``/``tidak`` for a flag, floats
    exactly (``repr``).

    >>> [machine_cell(v) for v in (None, True, 61.51761517615176, 3011, "Batulicin")]
    ['', 'ya', '61.51761517615176', '3011', 'Batulicin']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        return repr(value)
    return str(value)


#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Digits a spreadsheet keeps exactly in a number (Excel and LibreOffice: 15).
SPREADSHEET_DIGITS = 15
#: Rows a long writer writes between two calls of its ``progress`` (which may raise to stop).
PROGRESS_ROWS = 4096


def spreadsheet_text(text: str) -> str:
    """A text cell of a spreadsheet CSV, protected the way OWASP recommends for CSV injection:
    ``'`` before text that starts like a formula, so it stays text and is never run. The
    same ``'`` keeps a number code text where the spreadsheet would change it: digits with a
    leading zero (``003`` would become 3) or more than 15 digits (a KK/NIK number would lose
    its last digit). A dash alone (not applicable) and any other text stay as they are.

    >>> [spreadsheet_text(t) for t in ("=1+2", "@SUM(A1)", "-", "003", "63.10.01.1007", "7")]
    ["'=1+2", "'@SUM(A1)", '-', "'003", '63.10.01.1007', '7']
    """
    if text.startswith(FORMULA_STARTS) and text.strip("-"):
        return "'" + text
    number_code = text.isascii() and text.isdigit()
    if number_code and (len(text) > SPREADSHEET_DIGITS or (len(text) > 1 and text[0] == "0")):
        return "'" + text
    return text


def spreadsheet_number(value: float, decimals: int | None = None) -> str:
    """A number as a spreadsheet CSV cell: decimal comma, no thousands separator, no
    exponent; rounded to ``decimals`` places when given (as ``f"{value:.1f}"`` rounds, like
    the reports), else every digit of the value; blank for NaN or infinity.

    >>> spreadsheet_number(61.51761517615176, 1), spreadsheet_number(4361.836, 2)
    ('61,5', '4361,84')
    >>> spreadsheet_number(0.00001), spreadsheet_number(-0.04, 1), spreadsheet_number(1234567)
    ('0,00001', '0,0', '1234567')
    """
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return ""
    text = format(Decimal(repr(value)), "f") if decimals is None else f"{value:.{decimals}f}"
    if text.startswith("-") and not text.strip("-0."):
        text = text[1:]  # -0.0 is 0
    return text.replace(".", ",")


def spreadsheet_cell(value: object, decimals: int | None = None) -> str:
    """A value as a spreadsheet CSV cell: blank for none, ``ya``/``tidak`` for a flag,
    numbers by :func:`spreadsheet_number`, text by :func:`spreadsheet_text`.

    >>> [spreadsheet_cell(v, 1) for v in (None, False, 41.30434782608695, 12, "+62")]
    ['', 'tidak', '41,3', '12', "'+62"]
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int | float):
        return spreadsheet_number(value, decimals)
    return spreadsheet_text(str(value))


class CsvRows:
    r"""The rows of one CSV output in a :class:`CsvFormat`, written to an open text handle
    (opened with ``newline=""``, as :func:`atomic_csv` does). A spreadsheet CSV starts with
    the BOM.

    ``decimals`` gives, column by column, the places a spreadsheet CSV rounds a fractional
    number to (None, or a column past its end: every digit); the machine CSV ignores it.

    >>> import io
    >>> handle = io.StringIO(newline="")
    >>> rows = CsvRows(handle, CsvFormat.SPREADSHEET, [None, 1])
    >>> rows.write(["nama", "persen"])
    >>> rows.write(['Desa "Baru"; Ilir', 66.66666666666667])
    >>> handle.getvalue()
    '\ufeffnama;persen\r\n"Desa ""Baru""; Ilir";66,7\r\n'
    """

    def __init__(
        self,
        handle: IO[str],
        csv_format: CsvFormat = CsvFormat.MACHINE,
        decimals: Sequence[int | None] = (),
    ) -> None:
        self.csv_format = csv_format
        self._writer = csv.writer(handle, delimiter=csv_format.delimiter, lineterminator="\r\n")
        self._decimals = list(decimals)
        if csv_format is CsvFormat.SPREADSHEET:
            handle.write("\ufeff")

    def write(self, values: Iterable[object]) -> None:
        """Write one row (the header too): each value as :func:`machine_cell` or
        :func:`spreadsheet_cell` makes it."""
        if self.csv_format is CsvFormat.MACHINE:
            self._writer.writerow([machine_cell(v) for v in values])
            return
        places = self._decimals
        self._writer.writerow(
            [
                spreadsheet_cell(v, places[i] if i < len(places) else None)
                for i, v in enumerate(values)
            ]
        )

    def write_cells(self, values: Sequence[str | int | float | None]) -> None:
        """Write one row of text, whole numbers, numbers and blanks, but no flags: as
        :meth:`write` does, without a call per cell in a machine CSV (the csv module writes
        these values as :func:`machine_cell` does), for rows by the million."""
        if self.csv_format is CsvFormat.MACHINE:
            self._writer.writerow(values)
        else:
            self.write(values)


@contextlib.contextmanager
def atomic_csv(
    path: str | Path,
    inputs: Iterable[str | Path] = (),
    csv_format: CsvFormat = CsvFormat.MACHINE,
    decimals: Sequence[int | None] = (),
) -> Iterator[CsvRows]:
    """Open a CSV output (:class:`CsvRows`) that appears only once complete, never over
    one of ``inputs``."""
    with atomic_text(path, inputs, newline="") as handle:
        yield CsvRows(handle, csv_format, decimals)
