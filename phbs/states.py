"""The four states of an indicator cell after validation (docs/aturan.md §2).

A cell is met (``YES``), not met (``NO``), not applicable (``NA``) or ``MISSING`` (blank,
unreadable, or a ``-`` where the indicator applies). Stored as ``int8``.
"""

from __future__ import annotations

from typing import Final

YES: Final = 1
NO: Final = 0
NA: Final = 2
MISSING: Final = -1

STATE_NAMES: Final = {YES: "ya", NO: "tidak", NA: "tidak_berlaku", MISSING: "kosong"}
