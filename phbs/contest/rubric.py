"""Contest rubrics as data: the models that validate ``survey_forms/rubrics/*.yaml``, aturan.md §7.

A rubric names its groups (masukan, proses, keluaran) with their weights, the criteria of
each group and where each criterion's 0–100 score comes from:

* ``judge`` — scored by each judge on 0–100, or as an option letter a–d the rubric maps;
* ``survey`` — a village measure from scoring (``persen_ber_phbs``, ``cakupan.<indicator>``,
  ``persen_dipantau``), used as is or mapped by bands or a linear range; or the change in
  % ber-PHBS from a baseline round (``perubahan_persen_ber_phbs``, percentage points, may be
  negative: always mapped);
* ``attribute`` — a per-village fact from an attributes file (ODF status, active kader…),
  mapped by bands or a value table.

It also names the ranking method, how judges' scores are combined, the label bands (Baik,
Cukup, Kurang, Buruk), whether the percentage is rounded before its band is read
(``round_before_band``) and the ordered tie-breakers. Every rule carries a ``reference``: the
wording of the public source it follows, or ``ASUMSI: <reason>`` where the sources are silent;
``edition`` names the edition of the source the rubric follows. A typo fails at load with the
file, the line and the key path of the problem.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from phbs.contest.kernels import NOISE_DECIMALS, round_half_up
from phbs.contest.mappings import (
    BandMapping,
    LinearMapping,
    Score,
    ScoreBand,
    ValueTable,
    fold_value,
    parse_number,
)

__all__ = [
    "MEASURE_PATTERN",
    "RESERVED_IDS",
    "Aggregation",
    "AttributeSource",
    "BandMapping",
    "Criterion",
    "Group",
    "JudgeOption",
    "JudgeSettings",
    "JudgeSource",
    "LabelBand",
    "LinearMapping",
    "Method",
    "Reference",
    "Rubric",
    "RubricReferences",
    "ScoreBand",
    "SurveySource",
    "TieBreaker",
    "ValueTable",
    "fold_value",
    "parse_number",
]

#: Village measures a ``survey`` criterion or a tie-breaker may name (docs/aturan.md §7.2).
MEASURE_PATTERN = (
    r"^(persen_ber_phbs|persen_dipantau|perubahan_persen_ber_phbs|cakupan\.[a-z][a-z0-9_]*)$"
)
#: Output columns a criterion id must not take.
RESERVED_IDS = frozenset(
    {"peringkat", "kode_desa", "nama_desa", "total", "persen_maksimum", "predikat", "catatan"}
)

Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
#: One line saying where a rule comes from: the source's wording, or ``ASUMSI: <reason>``.
Reference = Annotated[str, Field(min_length=1)]


class Method(StrEnum):
    """How criterion scores become a total (docs/aturan.md §7.1, §7.5)."""

    WEIGHTED_SUM = "weighted_sum"
    TOPSIS = "topsis"


class Aggregation(StrEnum):
    """How several judges' scores for one criterion are combined."""

    MEAN = "mean"
    MEDIAN = "median"
    TRIMMED_MEAN = "trimmed_mean"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class JudgeOption(_Strict):
    """One option a judge may choose, with its score and what it means."""

    score: Score = Field(description="Score on the 0–100 scale.")
    text: str = Field(description="What the option means, in Indonesian.")
    text_en: str = Field(description="The same in English.")


class JudgeSource(_Strict):
    """Scored by each judge: 0–100, or an option letter when ``options`` is given."""

    type: Literal["judge"]
    options: dict[Annotated[str, Field(pattern=r"^[a-e]$")], JudgeOption] | None = Field(
        default=None, description="Option letter → score; judges then write letters only."
    )


class SurveySource(_Strict):
    """A village measure from scoring, as is (0–100) or mapped."""

    type: Literal["survey"]
    measure: str = Field(pattern=MEASURE_PATTERN, description="Measure name, docs/aturan.md §7.2.")
    mapping: Annotated[LinearMapping | BandMapping, Field(discriminator="type")] | None = Field(
        default=None, description="Omitted: the percentage is the score."
    )


class AttributeSource(_Strict):
    """A per-village fact from the attributes file, mapped to 0–100."""

    type: Literal["attribute"]
    attribute: Code = Field(description="Column of the attributes file.")
    mapping: Annotated[BandMapping | ValueTable, Field(discriminator="type")] = Field(
        description="Bands for numbers, a value table for text."
    )


Source = Annotated[JudgeSource | SurveySource | AttributeSource, Field(discriminator="type")]


class Criterion(_Strict):
    """One item of the judging form."""

    id: Code = Field(description="Column name in judges' files and outputs.")
    name: str = Field(description="Indonesian name, as on the form.")
    name_en: str = Field(description="English gloss.")
    weight: float = Field(default=1.0, gt=0, description="Multiplies the group weight.")
    source: Source = Field(description="Where the 0–100 score comes from.")
    evidence: str | None = Field(default=None, description="What judges check (bukti).")
    evidence_en: str | None = Field(default=None, description="The same in English.")
    reference: Reference | None = Field(
        default=None,
        description="The source wording the item, its options and its scoring follow, or "
        "'ASUMSI: <reason>'.",
    )


class Group(_Strict):
    """A group of criteria sharing a weight: masukan 3, proses 4, keluaran 3."""

    id: Code = Field(description="Short name; the output column is subtotal_<id>.")
    name: str
    name_en: str
    weight: float = Field(gt=0, description="Each criterion's score is multiplied by it.")
    criteria: list[Criterion] = Field(min_length=1)
    reference: Reference | None = Field(
        default=None, description="Where the group and its weight come from."
    )


class LabelBand(_Strict):
    """A label for a percentage of the maximum at or above ``minimum``."""

    label: str
    label_en: str
    minimum: float = Field(ge=0, le=100)


class JudgeSettings(_Strict):
    """How judges' scores are combined and when their agreement counts as low."""

    aggregation: Aggregation = Field(default=Aggregation.MEAN)
    trim_proportion: float = Field(
        default=0.2, ge=0, lt=0.5, description="trimmed_mean: share cut at each end."
    )
    low_agreement: float = Field(
        default=0.5, ge=0, le=1, description="Kendall's W below this is reported as low."
    )
    reference: Reference | None = Field(
        default=None, description="Why judges' scores are combined this way."
    )


class TieBreaker(_Strict):
    """One tie-breaker: a group subtotal, a criterion score or a survey measure."""

    subtotal: Code | None = Field(default=None, description="A group id.")
    criterion: Code | None = Field(default=None, description="A criterion id.")
    measure: str | None = Field(default=None, pattern=MEASURE_PATTERN)
    higher_is_better: bool = True
    reference: Reference | None = Field(
        default=None, description="Why this tie-breaker, in this place."
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> TieBreaker:
        given = [x for x in (self.subtotal, self.criterion, self.measure) if x is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of subtotal, criterion or measure")
        return self

    @property
    def key(self) -> str:
        """``subtotal:<group>``, ``kriteria:<criterion>`` or ``ukuran:<measure>``."""
        if self.subtotal is not None:
            return f"subtotal:{self.subtotal}"
        if self.criterion is not None:
            return f"kriteria:{self.criterion}"
        return f"ukuran:{self.measure}"


class RubricReferences(_Strict):
    """Where the rubric-wide rules come from (each: source wording or 'ASUMSI: <reason>')."""

    method: Reference | None = Field(default=None, description="The ranking method.")
    decimals: Reference | None = Field(default=None, description="Decimals of a tie.")
    round_before_band: Reference | None = Field(default=None, description="Percent rounding.")
    bands: Reference | None = Field(default=None, description="The label bands.")
    option_scores: Reference | None = Field(
        default=None, description="The score each option letter a–d gets."
    )


class Rubric(_Strict):
    """A contest rubric."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$", description="Short name used with --rubric.")
    version: str
    title: str
    title_en: str
    edition: str | None = Field(
        default=None, description="The edition of the public format the rubric follows."
    )
    sources: list[str] = Field(min_length=1, description="Public sources of the format.")
    method: Method = Field(default=Method.WEIGHTED_SUM)
    decimals: int = Field(
        default=2, ge=0, le=6, description="Totals equal to these decimals are tied."
    )
    round_before_band: bool = Field(
        default=False,
        description="The percentage of the maximum is rounded (half up) to `decimals` and "
        "its band read from that published value; by default it is not rounded "
        "(docs/aturan.md §7.1).",
    )
    judges: JudgeSettings = Field(default_factory=JudgeSettings)
    bands: list[LabelBand] = Field(min_length=1, description="Highest minimum first.")
    groups: list[Group] = Field(min_length=1)
    tie_breakers: list[TieBreaker] = Field(default_factory=list, description="In order.")
    references: RubricReferences = Field(default_factory=RubricReferences)
    notes: list[str] = Field(
        default_factory=list,
        description="Closing note: each item with the source wording it follows or why it "
        "stays an assumption.",
    )

    def criteria(self) -> list[tuple[Group, Criterion]]:
        """Every criterion with its group, in rubric order."""
        return [(g, c) for g in self.groups for c in g.criteria]

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with ``criterion_id``."""
        for _, item in self.criteria():
            if item.id == criterion_id:
                return item
        raise KeyError(criterion_id)

    def rules(self) -> list[tuple[str, str | None]]:
        """Every rule the rubric states, with its reference (None when the file gives none):
        the rubric-wide rules, then each group, criterion and tie-breaker.

        >>> from phbs.contest.rubric_loading import load_rubric
        >>> rules = dict(load_rubric("lomba-desa-ber-phbs").rubric.rules())
        >>> rules["group:proses"].startswith("Format Penilaian")
        True
        """
        refs = self.references
        rules: list[tuple[str, str | None]] = [
            ("method", refs.method),
            ("decimals", refs.decimals),
            ("round_before_band", refs.round_before_band),
            ("bands", refs.bands),
            ("judges", self.judges.reference),
        ]
        if any(isinstance(c.source, JudgeSource) and c.source.options for c in self.judged()):
            rules.append(("option_scores", refs.option_scores))
        for group in self.groups:
            rules.append((f"group:{group.id}", group.reference))
            rules += [(f"criterion:{c.id}", c.reference) for c in group.criteria]
        rules += [(f"tie_breaker:{b.key}", b.reference) for b in self.tie_breakers]
        return rules

    def judged(self) -> list[Criterion]:
        """Criteria scored by judges."""
        return [c for _, c in self.criteria() if isinstance(c.source, JudgeSource)]

    def published_percent(self, percent: float) -> float:
        """The percentage of the maximum as published, the value its band is read from
        (docs/aturan.md §7.1): unrounded (only floating-point noise below 10⁻⁹ removed), or
        rounded half up to ``decimals`` when ``round_before_band``.

        >>> from phbs.contest.rubric_loading import load_rubric
        >>> rubric = load_rubric("lomba-desa-ber-phbs").rubric
        >>> rubric.published_percent(79.996), rubric.label(79.996).label
        (79.996, 'Cukup')
        >>> rounded = rubric.model_copy(update={"round_before_band": True})
        >>> rounded.published_percent(79.996), rounded.label(80.0).label
        (80.0, 'Baik')
        """
        digits = self.decimals if self.round_before_band else NOISE_DECIMALS
        return float(round_half_up(percent, digits))

    def label(self, percent: float) -> LabelBand:
        """The label band of a published percentage of the maximum (bands cover 0–100)."""
        for band in self.bands:
            if percent >= band.minimum:
                return band
        return self.bands[-1]
