"""A look at a file's first rows before it is scored (docs/aturan.md, *Membaca berkas*):
the spellings of its answers, its columns holding data, and its village cells.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice

from phbs.forms.model import Form, fold_answer
from phbs.ingest.columns import ColumnMap, fold_header
from phbs.ingest.exports import is_hxl_row
from phbs.ingest.raw_table import RawTable
from phbs.ingest.readers import open_table

#: Rows of a file looked at to decide what a bare ``N`` means (the whole of most files).
SCHEME_SAMPLE_ROWS = 20_000

#: Non-blank village cells (and the rows they are taken from) that say whether a file's
#: village column holds codes or names.
VILLAGE_SAMPLE_CELLS = 200
VILLAGE_SAMPLE_ROWS = 2_000


@dataclass(frozen=True)
class Sample:
    """What a file's first rows show before it is scored."""

    spellings: frozenset[str]  # folded, in the indicator cells
    strict_spellings: frozenset[str]  # folded, in the cells of indicators that always apply
    unnamed_with_data: tuple[int, ...]  # positions of columns with data and a blank header
    with_data: frozenset[int]  # positions of every column that holds data
    #: The first non-blank cells of each village column asked for (names or codes?).
    village_cells: dict[int, tuple[str, ...]]


def _head(table: RawTable) -> Iterator[list[str]]:
    """A file's first rows without consuming ``table``: a file read in blocks (a CSV, a
    workbook) is opened again; a table read whole (UTF-16 text) has its first rows put back
    in front."""
    if table.segments is not None:
        again = open_table(table.path, sheet=table.sheet, header_row=table.header_row)
        try:
            for _row, cells in islice(again.rows, SCHEME_SAMPLE_ROWS):
                yield cells
        finally:
            again.close()
        return
    first = list(islice(table.rows, SCHEME_SAMPLE_ROWS))
    table.rows = chain(first, table.rows)
    for _row, cells in first:
        yield cells


def sample_rows(
    table: RawTable, columns: ColumnMap, form: Form, village_at: Sequence[int] = ()
) -> Sample:
    """Look at a file's first :data:`SCHEME_SAMPLE_ROWS` rows: the indicator spellings,
    the unnamed columns holding data, and up to :data:`VILLAGE_SAMPLE_CELLS` cells of the
    columns ``village_at`` in the first :data:`VILLAGE_SAMPLE_ROWS` rows (not ``#hxl`` tags).
    """
    positions = [columns.index[c] for c in form.codes if c in columns.index]
    strict = {
        columns.index[i.code]
        for i in form.indicators
        if i.code in columns.index and not i.na_mark_allowed
    }
    unnamed = {i for i, title in enumerate(table.header) if not fold_header(title)}
    seen: set[str] = set()
    seen_strict: set[str] = set()
    with_data: set[int] = set()
    villages: dict[int, list[str]] = {at: [] for at in village_at}
    folds: dict[str, str] = {}  # a file spells its answers a few ways, over and over
    for count, cells in enumerate(_head(table)):
        for position in positions:
            if position < len(cells) and cells[position].strip():
                cell = cells[position]
                folded = folds.get(cell)
                if folded is None:
                    folded = folds[cell] = fold_answer(cell)
                seen.add(folded)
                if position in strict:
                    seen_strict.add(folded)
        for position, cell in enumerate(cells):
            if position not in with_data and cell.strip():
                with_data.add(position)
        if count < VILLAGE_SAMPLE_ROWS and not is_hxl_row(cells):
            for at, found in villages.items():
                value = cells[at].strip() if at < len(cells) else ""
                if value and len(found) < VILLAGE_SAMPLE_CELLS:
                    found.append(value)
    return Sample(
        frozenset(seen),
        frozenset(seen_strict),
        tuple(sorted(with_data & unnamed)),
        frozenset(with_data),
        {at: tuple(found) for at, found in villages.items()},
    )
