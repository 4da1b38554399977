"""Files of the workbooks phbs writes: a cell's text cut to what Excel holds, with a mark,
and an xlsxwriter workbook whose working files are removed however writing ends."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from phbs.errors import OutputError
from phbs.i18n import Lang

#: Characters an Excel cell holds; a longer text is cut, with a mark saying so.
EXCEL_CELL_CHARACTERS = 32_767


def excel_text(text: str, lang: Lang = "id") -> str:
    """``text`` as a cell can hold it: past Excel's limit it is cut and ends with a mark
    that says so (xlsxwriter would cut it without a word).

    >>> excel_text("x" * 40_000)[-40:]
    'xxxx … [dipotong: batas sel Excel 32767]'
    >>> len(excel_text("x" * 40_000))
    32767
    """
    if len(text) <= EXCEL_CELL_CHARACTERS:
        return text
    mark = (
        f" … [cut: Excel's cell limit {EXCEL_CELL_CHARACTERS}]"
        if lang == "en"
        else f" … [dipotong: batas sel Excel {EXCEL_CELL_CHARACTERS}]"
    )
    return text[: EXCEL_CELL_CHARACTERS - len(mark)] + mark


@contextlib.contextmanager
def xlsx_workbook(path: str | Path, options: dict[str, Any]) -> Iterator[Any]:
    """An xlsxwriter workbook writing ``path``, closed when the block ends; its working
    files (the rows of constant-memory sheets, the parts of the zip) live in a private
    temporary folder that is removed however the block ends (an error, Ctrl-C, SIGTERM).
    A failed write (disk full, file too large) is an :class:`~phbs.errors.OutputError`.
    """
    import xlsxwriter
    from xlsxwriter.exceptions import FileCreateError, FileSizeError

    # Files still open after an error are removed all the same (on Windows, where an open
    # file cannot be removed, the system's cleaning of its temporary folder does it).
    with tempfile.TemporaryDirectory(prefix="phbs-xlsx-", ignore_cleanup_errors=True) as scratch:
        workbook = xlsxwriter.Workbook(str(path), {**options, "tmpdir": scratch})
        try:
            yield workbook
            if not workbook.fileclosed:
                workbook.close()
        except (FileCreateError, FileSizeError) as exc:
            reason = getattr(exc.args[0], "strerror", None) if exc.args else None
            detail = reason or str(exc)
            raise OutputError(
                f"{path}: buku kerja tidak dapat ditulis ({detail})",
                f"{path}: the workbook cannot be written ({detail})",
            ) from None
        except BaseException:
            close_row_files(workbook)
            raise


def close_row_files(workbook: Any) -> None:
    """Close the row files of the workbook's constant-memory sheets: xlsxwriter closes them
    only when the workbook is closed, so a write stopped half-way (a cancelled job) would
    leave them open."""
    for sheet in workbook.worksheets():
        handle = getattr(sheet, "row_data_fh", None)
        if handle is not None and not handle.closed:
            handle.close()
