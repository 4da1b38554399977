"""The notes (*catatan*) shown beside each village in a ranking, in Indonesian and English.

They carry what the minutes (*berita acara*) must say: why a village is not ranked, which
override changed what and why, and how a tie was broken (docs/aturan.md §7.4, §7.5). Criteria
and measures are named as the rubric and the form name them, numbers written as each language
writes them (``71,66`` in Indonesian, ``71.66`` in English).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from phbs.contest.models import AppliedOverride, VillageStatus
from phbs.contest.rubric import Rubric, SurveySource
from phbs.forms.loading import bundled_forms, load_form
from phbs.i18n import Lang, fmt_decimal, t


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


def measure_label(measure: str, rubric: Rubric | None = None) -> tuple[str, str]:
    """A survey measure's name for people (Indonesian, English): a coverage is named by the
    rubric criterion that scores it, else by its indicator in the bundled forms.

    >>> measure_label("persen_ber_phbs")[1]
    '% households practising PHBS (survey)'
    >>> measure_label("cakupan.jamban_sehat")
    ('cakupan menggunakan jamban sehat (survei)', 'coverage of using a healthy latrine (survey)')
    """
    if measure in ("persen_ber_phbs", "persen_dipantau", "perubahan_persen_ber_phbs"):
        key = f"measure.{measure}"
        return t(key, "id"), t(key, "en")
    if rubric is not None:
        for _, criterion in rubric.criteria():
            source = criterion.source
            if isinstance(source, SurveySource) and source.measure == measure:
                return f"{criterion.name} (survei)", f"{criterion.name_en} (survey)"
    code = measure.removeprefix("cakupan.")
    name, name_en = _indicator_names().get(code, (code, code))
    return (
        t("measure.cakupan", "id", name=_lower_first(name)),
        t("measure.cakupan", "en", name=_lower_first(name_en)),
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


@functools.cache
def _indicator_names() -> dict[str, tuple[str, str]]:
    """Indicator names (Indonesian, English) by code, from the bundled forms."""
    names: dict[str, tuple[str, str]] = {}
    for name in sorted(bundled_forms(), key=lambda n: n != "kemenkes-rt-10"):
        for indicator in load_form(name).form.indicators:
            names.setdefault(indicator.code, (indicator.name, indicator.name_en))
    return names


def _score(value: float | None, lang: Lang) -> str:
    return fmt_decimal(value, lang, 2, trim=True)


def status_notes(
    status: VillageStatus,
    reason: str,
    gaps: list[str],
    rank_incomplete: bool,
    applied: dict[tuple[str, str | None], AppliedOverride],
    kode: str,
    names: Mapping[str, tuple[str, str]] | None = None,
) -> Notes:
    """Exclusion, missing criteria and overrides of one village; criteria are named by
    ``names`` (id → Indonesian and English name, the rubric's), numbers written as each
    language writes them.

    >>> notes = status_notes(VillageStatus.RANKED, "", ["a_b"], False, {}, "1",
    ...                      {"a_b": ("Sumber dana", "Source of funds")})
    >>> notes.id + notes.en
    ['Tidak diperingkat: tanpa nilai untuk Sumber dana', 'Not ranked: no score for Source of funds']
    """
    named = names or {}

    def name(criterion: str, lang: Lang) -> str:
        found = named.get(criterion)
        return criterion if found is None else found[lang == "en"]

    notes = Notes()
    if status is VillageStatus.EXCLUDED:
        notes.add(f"Dikeluarkan: {reason}", f"Excluded: {reason}")
    listed, listed_en = (", ".join(name(c, lang) for c in gaps) for lang in ("id", "en"))
    if gaps and rank_incomplete:
        notes.add(
            f"Tanpa nilai untuk {listed}: dihitung 0 (--rank-incomplete)",
            f"No score for {listed_en}: counted as 0 (--rank-incomplete)",
        )
    elif gaps:
        notes.add(
            f"Tidak diperingkat: tanpa nilai untuk {listed}",
            f"Not ranked: no score for {listed_en}",
        )
    for (village, criterion), change in applied.items():
        if village != kode or criterion is None:
            continue
        old, new = _score(change.nilai_lama, "id"), _score(change.nilai_baru, "id")
        old_en, new_en = _score(change.nilai_lama, "en"), _score(change.nilai_baru, "en")
        notes.add(
            f"Koreksi {name(criterion, 'id')}: {old} → {new}; alasan: {change.alasan}",
            f"Override of {name(criterion, 'en')}: {old_en} → {new_en}; reason: {change.alasan}",
        )
    return notes


def refused_notes(
    refused: Mapping[str, Mapping[str, str]],
    used: Mapping[str, int],
    names: Mapping[str, tuple[str, str]] | None = None,
) -> Notes:
    """Criteria of one village whose score leaves out a judge's refused value:
    ``refused[criterion][judge]`` is the value written, ``used[criterion]`` how many judges'
    scores were used (docs/aturan.md §7.3, a problem is never silent).

    >>> refused_notes({"a_b": {"Rusmini": "4"}}, {"a_b": 1}, {"a_b": ("Dana", "Funds")}).en
    ["Funds: scores of 1 of 2 judges used (Rusmini's value '4' refused)"]
    """
    named = names or {}
    notes = Notes()
    for criterion, values in refused.items():
        count = used.get(criterion, 0)
        total = count + len(values)
        texts = []
        for lang in ("id", "en"):
            found = named.get(criterion)
            name = criterion if found is None else found[lang == "en"]
            given = ", ".join(
                t("note.refused.value", lang, judge=judge, value=value)
                for judge, value in values.items()
            )
            texts.append(
                t("note.refused", lang, criterion=name, used=count, total=total, values=given)
            )
        notes.add(*texts)
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
    mine, theirs = (fmt_decimal(v, "id", decimals) for v in values)
    mine_en, theirs_en = (fmt_decimal(v, "en", decimals) for v in values)
    label, label_en = breaker
    if above:
        notes.add(
            f"Total sama dengan {other}; unggul pada {label} ({mine} lawan {theirs})",
            f"Same total as {other}; ranked above it on {label_en} ({mine_en} vs {theirs_en})",
        )
    else:
        notes.add(
            f"Total sama dengan {other}; di bawahnya karena {label} ({mine} lawan {theirs})",
            f"Same total as {other}; ranked below it on {label_en} ({mine_en} vs {theirs_en})",
        )
    return notes
