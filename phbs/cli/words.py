"""The contest's ids said in words on the console: ranking method, how judges' scores are
combined, tie-breakers (``subtotal:keluaran`` is *subtotal Keluaran*), criteria."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from phbs.contest.notes import measure_label
from phbs.contest.rubric import Rubric
from phbs.i18n import LABELS, Lang, t


def _word(prefix: str, value: str, lang: Lang) -> str:
    key = f"{prefix}.{value}"
    return t(key, lang) if key in LABELS else value


def method_name(method: str, lang: Lang = "id") -> str:
    """A ranking method in words.

    >>> method_name("weighted_sum"), method_name("weighted_sum", "en")
    ('jumlah tertimbang', 'weighted sum')
    """
    return _word("method", method, lang)


def aggregation_name(aggregation: str, lang: Lang = "id") -> str:
    """How judges' scores are combined, in words.

    >>> aggregation_name("mean"), aggregation_name("trimmed_mean", "en")
    ('rata-rata', 'trimmed mean')
    """
    return _word("aggregation", aggregation, lang)


def rubric_names(rubric: Rubric, lang: Lang) -> tuple[dict[str, str], dict[str, str]]:
    """The names of a rubric's groups and of its criteria, by id, in ``lang``."""
    en = lang == "en"
    groups = {g.id: g.name_en if en else g.name for g in rubric.groups}
    criteria = {c.id: c.name_en if en else c.name for g in rubric.groups for c in g.criteria}
    return groups, criteria


def breaker_names(
    keys: Sequence[str], groups: Mapping[str, str], criteria: Mapping[str, str], lang: Lang
) -> str:
    """Tie-breakers (``subtotal:<group>``, ``kriteria:<id>``, ``ukuran:<measure>``) in words,
    in order; ``(tidak ada)`` without any.

    >>> breaker_names(["subtotal:keluaran", "ukuran:persen_ber_phbs"], {"keluaran": "Keluaran"},
    ...     {}, "id")
    'subtotal Keluaran, % rumah tangga ber-PHBS (survei)'
    """
    names = []
    for key in keys:
        kind, _, code = key.partition(":")
        if kind == "subtotal":
            names.append(t("breaker.subtotal", lang, group=groups.get(code, code)))
        elif kind == "kriteria":
            names.append(criteria.get(code, code))
        else:
            names.append(measure_label(code)[lang == "en"])
    return ", ".join(names) or t("rank.none", lang)
