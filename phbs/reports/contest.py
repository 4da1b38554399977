"""The contest ranking as the reports show it: names, band colours, judges, notes.

:class:`~phbs.contest.models.Ranking` carries ids; the reports need the rubric's names of
groups and criteria, and a colour for each label band (always shown with its text, so the
colour is never the only carrier). The rubric is found from the ranking's own audit trail
(the rubric file, checked by SHA-256), or given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from phbs.contest.agreement import TOTAL
from phbs.contest.kernels import round_half_up, truncate
from phbs.contest.models import Ranking, VillageResult, VillageStatus
from phbs.contest.notes import measure_label
from phbs.contest.rubric import Rubric
from phbs.contest.rubric_loading import LoadedRubric, load_rubric
from phbs.errors import PhbsError
from phbs.i18n import LABELS, Lang, fmt_decimal, t

#: Band colours from the best band down (Baik, Cukup, Kurang, Buruk); more bands reuse grey.
BAND_COLOURS = ("#b8e0b0", "#fff3a3", "#fdd49e", "#f4a3a3")


def shown_percent(value: float | None, decimals: int) -> float | None:
    """A percentage of the maximum as every report shows it: cut down to the rubric's
    ``decimals`` (docs/aturan.md §7.1), so 79.996 (Cukup) shows 79.99, never the 80.00 of
    Baik; a percentage published rounded (``round_before_band``) shows as published.

    >>> shown_percent(79.996, 2), shown_percent(80.0, 2), shown_percent(None, 2)
    (79.99, 80.0, None)
    """
    return None if value is None else float(truncate(value, decimals))


def published_number(value: float | None, decimals: int) -> float | None:
    """A total or subtotal as it is compared and published: rounded half up to ``decimals``
    (docs/aturan.md §7.5).

    >>> published_number(212.125, 2), published_number(None, 2)
    (212.13, None)
    """
    return None if value is None else float(round_half_up(value, decimals))


def percent_rule(ranking: Ranking, lang: Lang = "id") -> str:
    """How the % of maximum is published and shown, in one sentence (docs/aturan.md §7.1).

    >>> from phbs.demo.contest import sample_ranking
    >>> percent_rule(sample_ranking(), "en")[:60]
    '% of maximum shown cut down (not rounded) to 2 decimals; the'
    """
    rule = "rounded" if ranking.persen_dibulatkan else "cut"
    return t(f"report.contest.percent_rule.{rule}", lang, decimals=ranking.desimal)


def shrink_text(ranking: Ranking, lang: Lang = "id") -> str | None:
    """That the survey's % ber-PHBS was shrunk before scoring, with the prior's μ and κ, and
    that villages surveyed in full were not (docs/aturan.md §7.8); ``None`` without --shrink.
    Every output that prints the scores says it, so a judge can recompute them.

    >>> from phbs.contest.models import ShrinkRecord
    >>> from phbs.demo.contest import sample_ranking
    >>> record = ShrinkRecord(mu_persen=37.64, kappa=15.19)
    >>> shrink_text(sample_ranking().model_copy(update={"penyusutan": record}))[:58]
    '% ber-PHBS survei disusutkan (Bayes empiris beta-binomial)'
    >>> shrink_text(sample_ranking()) is None
    True
    """
    record = ranking.penyusutan
    if record is None:
        return None
    mu = fmt_decimal(record.mu_persen, lang, 2) + (" %" if lang == "id" else "%")
    if record.kappa is None:
        return t("report.shrink.infinite", lang, mu=mu)
    return t("report.shrink", lang, mu=mu, kappa=fmt_decimal(record.kappa, lang, 2))


def change_text(ranking: Ranking, lang: Lang = "id") -> str | None:
    """Which criteria score the change in % ber-PHBS and between which rounds
    (docs/aturan.md §7.2); ``None`` when no criterion does. Every output naming the ranking's
    settings says it.

    >>> from phbs.contest.models import ChangeRecord
    >>> from phbs.demo.contest import sample_ranking
    >>> record = ChangeRecord(dari="2024", ke="2025", kriteria=["peningkatan"])
    >>> change_text(sample_ranking().model_copy(update={"perubahan": record}), "en")[:68]
    'Criteria “peningkatan” use the change in % ber-PHBS from round 2024 '
    """
    record = ranking.perubahan
    if record is None:
        return None
    names = (record.nama_en if lang == "en" else record.nama) or record.kriteria
    criteria = ", ".join(f"“{name}”" for name in names)
    return t("report.change", lang, criteria=criteria, dari=record.dari, ke=record.ke)


def method_name(method: str, lang: Lang = "id") -> str:
    """A ranking method (``weighted_sum``, ``topsis``) in words.

    >>> method_name("weighted_sum"), method_name("weighted_sum", "en")
    ('jumlah tertimbang', 'weighted sum')
    """
    key = f"method.{method}"
    return t(key, lang) if key in LABELS else method


def aggregation_name(aggregation: str, lang: Lang = "id") -> str:
    """How judges' scores are combined (``mean``, ``median``, ``trimmed_mean``) in words.

    >>> aggregation_name("mean"), aggregation_name("trimmed_mean", "en")
    ('rata-rata', 'trimmed mean')
    """
    key = f"aggregation.{aggregation}"
    return t(key, lang) if key in LABELS else aggregation


@dataclass(frozen=True)
class Band:
    """A label band with its colour."""

    label: str
    colour: str
    minimum: float | None

    @property
    def minimum_digits(self) -> int:
        """Decimals the minimum needs to be shown exactly (80 → 0, 79.5 → 1)."""
        if self.minimum is None:
            return 0
        return len(f"{self.minimum:.6f}".rstrip("0").split(".")[1])


@dataclass(frozen=True)
class ContestView:
    """A ranking with what a report needs to name and colour it."""

    ranking: Ranking
    lang: Lang
    rubric: Rubric | None
    groups: list[tuple[str, str]]
    criteria: list[tuple[str, str, str]]
    bands: list[Band]
    judges: list[str]

    def band(self, village: VillageResult) -> Band | None:
        """The band of a village (``None`` when it has no label)."""
        label = village.predikat_en if self.lang == "en" else village.predikat
        for band in self.bands:
            if band.label == label:
                return band
        return None

    def notes(self, village: VillageResult) -> list[str]:
        """The village's notes in the report's language."""
        return village.catatan_en if self.lang == "en" else village.catatan

    def criterion_name(self, criterion: str | None) -> str:
        """A criterion's name; ``total`` (judges' agreement on their totals) in words; an
        unknown id as it is.

        >>> from phbs.demo.contest import sample_ranking
        >>> view = contest_view(sample_ranking(), "en")
        >>> view.criterion_name("sumber_pembiayaan"), view.criterion_name("total")
        ('Sources of funding for PHBS activities', "Judges' totals")
        """
        for code, name, _ in self.criteria:
            if code == criterion:
                return name
        if criterion == TOTAL:
            return t("agreement.total", self.lang)
        return criterion or "–"

    def title(self) -> str:
        """The rubric's title in the report's language (the recorded title without it)."""
        if self.rubric is None:
            return self.ranking.rubrik_judul
        return self.rubric.title_en if self.lang == "en" else self.rubric.title

    def breaker_name(self, key: str) -> str:
        """A tie-breaker (``subtotal:<group>``, ``kriteria:<id>``, ``ukuran:<measure>``) in
        words.

        >>> from phbs.demo.contest import sample_ranking
        >>> view = contest_view(sample_ranking())
        >>> [view.breaker_name(k) for k in view.ranking.penentu_seri]
        ['subtotal Keluaran', 'subtotal Proses', '% rumah tangga ber-PHBS (survei)']
        """
        kind, _, code = key.partition(":")
        if kind == "subtotal":
            group = dict(self.groups).get(code, code)
            return t("breaker.subtotal", self.lang, group=group)
        if kind == "kriteria":
            return self.criterion_name(code)
        names = measure_label(code, self.rubric)
        return names[1] if self.lang == "en" else names[0]

    def breaker_names(self) -> str:
        """The ranking's tie-breakers in words, in order (``–`` without any)."""
        return ", ".join(self.breaker_name(k) for k in self.ranking.penentu_seri) or "–"

    def decided_name(self, decided: str | None) -> str | None:
        """What put a village below the one above it, in words (``None`` for the first)."""
        if decided is None:
            return None
        if decided in ("total", "seri"):
            return t(f"decided.{decided}", self.lang)
        return self.breaker_name(decided)

    def action_name(self, action: str) -> str:
        """An override's action (``ubah``, ``keluarkan``) in words."""
        key = f"override.{action}"
        return t(key, self.lang) if key in LABELS else action

    def method_name(self) -> str:
        """The ranking method in words."""
        return method_name(self.ranking.metode.value, self.lang)

    def aggregation_name(self) -> str:
        """How judges' scores were combined, in words."""
        return aggregation_name(self.ranking.agregasi_juri.value, self.lang)

    def ranked_count(self) -> int:
        """How many villages were ranked."""
        return sum(1 for v in self.ranking.desa if v.status is VillageStatus.RANKED)


def find_rubric(ranking: Ranking) -> LoadedRubric | None:
    """The rubric a ranking was made with: its recorded file, else the bundled one of the
    same id, provided the SHA-256 matches; ``None`` when neither is available."""
    candidates: list[str | Path] = [
        Path(r.berkas) for r in ranking.masukan if r.peran == "rubrik" and Path(r.berkas).is_file()
    ]
    candidates.append(ranking.rubrik_id)
    for candidate in candidates:
        try:
            loaded = load_rubric(candidate)
        except PhbsError:
            continue
        if loaded.sha256 == ranking.rubrik_sha256:
            return loaded
    return None


def contest_view(
    ranking: Ranking, lang: Lang = "id", rubric: LoadedRubric | Rubric | None = None
) -> ContestView:
    """Name and colour a ranking for the reports.

    >>> from phbs.demo.contest import sample_ranking
    >>> view = contest_view(sample_ranking())
    >>> [b.label for b in view.bands], view.judges[:1]
    (['Baik', 'Cukup', 'Kurang', 'Buruk'], ['Ahmad Fauzan'])
    """
    if rubric is None:
        found = find_rubric(ranking)
        spec = found.rubric if found else None
    else:
        spec = rubric.rubric if isinstance(rubric, LoadedRubric) else rubric
    english = lang == "en"
    if spec is not None:
        groups = [(g.id, g.name_en if english else g.name) for g in spec.groups]
        criteria = [
            (c.id, c.name_en if english else c.name, g.id)
            for g in spec.groups
            for c in g.criteria
            if c.id in ranking.bobot
        ]
        labels: list[tuple[str, float | None]] = [
            (b.label_en if english else b.label, b.minimum) for b in spec.bands
        ]
    else:
        groups = [(g, g) for g in dict.fromkeys(ranking.kelompok.values())]
        criteria = [(c, c, ranking.kelompok[c]) for c in ranking.bobot]
        # Without the rubric, bands are ordered as they first appear, best village first.
        seen = dict.fromkeys(
            (v.predikat_en if english else v.predikat) for v in ranking.desa if v.predikat
        )
        labels = [(str(label), None) for label in seen]
    bands = [
        Band(label, BAND_COLOURS[i] if i < len(BAND_COLOURS) else "#dddddd", minimum)
        for i, (label, minimum) in enumerate(labels)
    ]
    judges = sorted(
        {name for v in ranking.desa for result in v.kriteria.values() for name in result.juri},
        key=str.casefold,
    )
    return ContestView(
        ranking=ranking,
        lang=lang,
        rubric=spec,
        groups=groups,
        criteria=criteria,
        bands=bands,
        judges=judges,
    )
