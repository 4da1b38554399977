"""Households as kept to pair rounds (docs/aturan.md §5.8): per (village code, household id)
the household's outcome and a key of its head's name, packed in one integer so that a round
of a million households stays small.

A household of one round is the same household in another when its id is the same in the
same village (after code changes) **and** the head of household's name is the same after
folding (case, spacing, punctuation) or missing in either round: ids numbered afresh each
round (1, 2, 3 … per village) would otherwise pair different families.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from phbs.ingest.survey import HouseholdBatch
from phbs.scoring.household import HouseholdOutcomes
from phbs.scoring.results import HouseholdResult

#: Status codes (:class:`phbs.scoring.household.Status` order) → outcome for pairing:
#: 1 ber-PHBS, 0 tidak ber-PHBS, -1 not complete.
_BY_STATUS = np.array([1, 0, -1], dtype=np.int64)


def fold_name(name: str) -> str:
    """A head of household's name compared: letters and digits, case and spacing folded.

    >>> fold_name("  Hj. SITI  Aminah "), fold_name("")
    ('hj siti aminah', '')
    """
    kept = "".join(c if c.isalnum() else " " for c in name.casefold())
    return " ".join(kept.split())


def household_key(outcome: int, name: str = "") -> int:
    """One integer for an outcome (1, 0, -1) and a head's name ('' = unknown).

    >>> [outcome_of(household_key(o, "Ani")) for o in (1, 0, -1)], name_of(household_key(1))
    ([1, 0, -1], 0)
    """
    folded = fold_name(name)
    name_key = (hash(folded) & 0xFFFFFFFF) + 1 if folded else 0
    return outcome + 3 * name_key


def outcome_of(key: int) -> int:
    """The outcome packed in ``key``: 1, 0 or -1."""
    return (key + 1) % 3 - 1


def name_of(key: int) -> int:
    """The name key packed in ``key``: 0 when the name is unknown."""
    return (key + 1) // 3


def batch_outcomes(
    batches: Iterable[tuple[HouseholdBatch, HouseholdOutcomes]],
) -> dict[tuple[str, str], int]:
    """Each household by (village code, id) from scored batches (a spool's), column by
    column: what pairing rounds needs, without a record per household."""
    found: dict[tuple[str, str], int] = {}
    for batch, outcomes in batches:
        codes = batch.kode_desa.tolist()
        names = batch.nama_kepala_rt
        name_keys = np.array([household_key(0, value) for value in names.values], dtype=np.int64)
        keys = _BY_STATUS[outcomes.status]
        if len(names.codes):
            keys = keys + name_keys[names.codes]
        found.update(zip(zip(codes, batch.ids, strict=True), keys.tolist(), strict=True))
    return found


def household_outcomes(households: Iterable[HouseholdResult]) -> dict[tuple[str, str], int]:
    """Each household by (village code, id) from scored household records."""
    return {
        (h.kode_desa, h.id_rumah_tangga): household_key(
            {"ber_phbs": 1, "tidak_ber_phbs": 0}.get(h.status, -1), h.nama_kepala_rt
        )
        for h in households
    }
