"""The notes (*catatan*) shown beside each village in a ranking, in Indonesian and English.

They carry what the minutes (*berita acara*) must say: why a village is not ranked, which
override changed what and why, and how a tie was broken (docs/aturan.md §7.4, §7.5).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from phbs.contest.models import AppliedOverride, VillageStatus


@dataclass
class Notes:
    """Notes in both languages, in the same order."""

    id: list[str] = field(default_factory=list)
    en: list[str] = field(default_factory=list)

    def add(self, indonesian: str, english: str) -> None:
        """Append one note."""
        self.id.append(indonesian)
        self.en.append(english)

    def extend(self, other: Notes) -> None:
        """Append every note of ``other``."""
        self.id += other.id
        self.en += other.en


def measure_label(measure: str) -> tuple[str, str]:
    """A survey measure's name for people (Indonesian, English).

    >>> measure_label("cakupan.jamban_sehat")
    ('cakupan jamban_sehat (survei)', 'jamban_sehat coverage (survey)')
    """
    if measure == "persen_ber_phbs":
        return "% rumah tangga ber-PHBS (survei)", "% households practising PHBS (survey)"
    if measure == "persen_dipantau":
        return "% rumah tangga dipantau (survei)", "% households monitored (survey)"
    code = measure.removeprefix("cakupan.")
    return f"cakupan {code} (survei)", f"{code} coverage (survey)"


def _score(value: float | None) -> str:
    return "–" if value is None or math.isnan(value) else f"{round(value, 2):g}"


def status_notes(
    status: VillageStatus,
    reason: str,
    gaps: list[str],
    rank_incomplete: bool,
    applied: dict[tuple[str, str | None], AppliedOverride],
    kode: str,
) -> Notes:
    """Exclusion, missing criteria and overrides of one village."""
    notes = Notes()
    if status is VillageStatus.EXCLUDED:
        notes.add(f"Dikeluarkan: {reason}", f"Excluded: {reason}")
    listed = ", ".join(gaps)
    if gaps and rank_incomplete:
        notes.add(
            f"Tanpa nilai untuk {listed}: dihitung 0 (--rank-incomplete)",
            f"No score for {listed}: counted as 0 (--rank-incomplete)",
        )
    elif gaps:
        notes.add(
            f"Tidak diperingkat: tanpa nilai untuk {listed}",
            f"Not ranked: no score for {listed}",
        )
    for (village, criterion), change in applied.items():
        if village != kode or criterion is None:
            continue
        old, new = _score(change.nilai_lama), _score(change.nilai_baru)
        notes.add(
            f"Koreksi {criterion}: {old} → {new}; alasan: {change.alasan}",
            f"Override {criterion}: {old} → {new}; reason: {change.alasan}",
        )
    return notes


def tie_notes(
    other: str,
    breaker: tuple[str, str] | None,
    values: tuple[float, float] | None,
    *,
    above: bool,
    rank: int,
    decimals: int,
) -> Notes:
    """How a tie with the neighbouring village ``other`` was broken, or that it was shared.

    >>> tie_notes("63.10.01.2005 Segumbang", ("subtotal Keluaran", "Output subtotal"),
    ...           (212.5, 198.0), above=True, rank=3, decimals=2).en
    ['Same total as 63.10.01.2005 Segumbang; ranked above it on Output subtotal (212.50 vs 198.00)']
    """
    notes = Notes()
    if breaker is None or values is None:
        notes.add(
            f"Seri dengan {other} pada total dan semua penentu seri: peringkat bersama {rank}",
            f"Tied with {other} on the total and every tie-breaker: shared rank {rank}",
        )
        return notes
    mine, theirs = (f"{v:.{decimals}f}" if not math.isnan(v) else "–" for v in values)
    label, label_en = breaker
    if above:
        notes.add(
            f"Total sama dengan {other}; unggul pada {label} ({mine} lawan {theirs})",
            f"Same total as {other}; ranked above it on {label_en} ({mine} vs {theirs})",
        )
    else:
        notes.add(
            f"Total sama dengan {other}; di bawahnya karena {label} ({mine} lawan {theirs})",
            f"Same total as {other}; ranked below it on {label_en} ({mine} vs {theirs})",
        )
    return notes
