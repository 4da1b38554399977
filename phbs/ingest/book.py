"""What every workbook reader shares: a sheet's name and visibility, the reader protocol, merged
ranges and the items a sheet yields."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from phbs.ingest.grid import Grid

#: Merged ranges as 0-based ``((top, left), (bottom, right))``.
Ranges = list[tuple[tuple[int, int], tuple[int, int]]]


#: What a sheet's reader yields: one row, or (.xlsx, once the header is known) a grid of rows.
Item = tuple[int, list[str]] | Grid


@dataclass(frozen=True)
class SheetInfo:
    """A worksheet's name and whether it is visible."""

    name: str
    visible: bool


class Book(Protocol):
    """What every workbook reader offers."""

    sheets: list[SheetInfo]

    def rows(self, name: str) -> Iterator[Item]:
        """The sheet's rows that hold something, in order, as ``(row_number, cells)``; a
        reader may give a run of regular rows as one grid once :meth:`fast` was called."""
        ...

    def fast(self, name: str, width: int) -> None:
        """The header of the sheet being read has ``width`` cells: later rows may come as
        grids."""
        ...

    def extras(self, name: str) -> tuple[Ranges, list[tuple[str, str]]]:
        """The sheet's merged ranges and its cells read as blank although they are not."""
        ...
