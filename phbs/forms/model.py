"""Survey forms as data: the models that validate ``survey_forms/*.yaml``, docs/aturan.md §1, §4.

A form names its indicators (code, Indonesian and English names, question text), the
context fields that decide applicability (the age of the youngest child), whether the
surveyor's ``-`` mark is allowed on each indicator, the answer vocabulary, the default
``na_policy`` and, optionally, household classes. A typo in a form fails at load with the
file and the YAML path of the problem.

Every rule a form states carries a one-line ``source`` (or, at form level, ``*_source``): the
regulation or guide wording it follows, or ``ASUMSI: <reason>`` where public sources are silent.
Sources are optional so that a form of one's own still loads; ``phbs forms check`` names each
rule without one (:func:`phbs.forms.sources.unsourced_rules`).
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from phbs.errors import SettingsError
from phbs.forms.classes import ClassScheme
from phbs.forms.denominators import DEFAULT_DENOMINATORS, Denominators, IksBase
from phbs.forms.identity import Identity
from phbs.forms.village_strata import VillageStrata


class NaPolicy(StrEnum):
    """How a not-applicable indicator counts in the household outcome (docs/aturan.md §3.2)."""

    EXCLUDE = "exclude"
    AS_MET = "as_met"
    AS_UNMET = "as_unmet"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


def source_field(rule: str) -> Any:
    """The optional ``source`` of a rule (what ``rule`` says is described by the field)."""
    return Field(
        default=None,
        description=f"Where {rule} comes from: the regulation or guide wording it follows, "
        "or 'ASUMSI: <reason>' where public sources are silent.",
    )


#: A rule's source line: stripped, and never blank (a rule without a source has ``None``).
Source = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] | None


class AnswerVocabulary(_Strict):
    """Spellings of each answer, compared case- and whitespace-insensitively."""

    ya: list[str] = Field(description="Spellings read as Ya (met).", min_length=1)
    tidak: list[str] = Field(description="Spellings read as Tidak (not met).", min_length=1)
    tidak_berlaku: list[str] = Field(
        description=(
            "Spellings read as Tidak berlaku (not applicable, '-'). A bare 'n' listed here "
            "(or under tidak) fixes what N means for the form; unlisted, it is decided per "
            "file (docs/aturan.md, Membaca berkas)."
        ),
        min_length=1,
    )
    kosong: list[str] = Field(
        default_factory=list,
        description=(
            "Spellings read as a blank cell (a file's own 'not answered' mark); what a blank "
            "means is decided as for an empty cell (docs/aturan.md §6.3, §6.5)."
        ),
    )
    source: Source = source_field("the answer vocabulary (a phbs convention)")

    @model_validator(mode="after")
    def _no_overlap(self) -> AnswerVocabulary:
        seen: dict[str, str] = {}
        for kind, spellings in (
            ("ya", self.ya),
            ("tidak", self.tidak),
            ("tidak_berlaku", self.tidak_berlaku),
            ("kosong", self.kosong),
        ):
            for spelling in spellings:
                key = fold_answer(spelling)
                if key in seen and seen[key] != kind:
                    raise ValueError(f"spelling {spelling!r} is both {seen[key]} and {kind}")
                seen[key] = kind
        return self


class ContextField(_Strict):
    """A household fact that decides which indicators apply (e.g. age of youngest child)."""

    code: Code = Field(description="Column name in survey files.")
    name: str = Field(description="Indonesian label.")
    name_en: str = Field(description="English label.")
    minimum: int = Field(description="Smallest valid whole number.")
    maximum: int = Field(description="Largest value that still counts (e.g. 59 months).")
    blank_meaning: str = Field(description="What a blank cell means (e.g. 'tidak ada balita').")
    blank_meaning_en: str = Field(description="The same in English.")
    aliases: list[str] = Field(default_factory=list, description="Other header spellings.")
    on_phone: bool = Field(default=True, description="Asked by the XLSForm (aturan.md §10.2).")
    source: Source = source_field("the field's range and what a blank means")


class Applicability(_Strict):
    """When an indicator applies. Without ``context`` it applies to every household."""

    context: Code | None = Field(
        default=None, description="Context field whose value decides, when in the file."
    )
    minimum: int | None = Field(default=None, description="Applies when value >= minimum.")
    maximum: int | None = Field(default=None, description="Applies when value <= maximum.")
    description: str = Field(description="Who it applies to, in Indonesian.")
    description_en: str = Field(description="Who it applies to, in English.")
    source: Source = source_field("who the indicator applies to (and its context range)")

    @model_validator(mode="after")
    def _range_needs_context(self) -> Applicability:
        has_range = self.minimum is not None or self.maximum is not None
        if has_range and self.context is None:
            raise ValueError("minimum/maximum need a context field")
        if self.context is not None and not has_range:
            raise ValueError("a context field needs minimum and/or maximum")
        return self

    def applies(self, value: int) -> bool:
        """Whether the indicator applies for a context ``value``."""
        low = self.minimum if self.minimum is not None else value
        high = self.maximum if self.maximum is not None else value
        return low <= value <= high


class Indicator(_Strict):
    """One indicator of the form."""

    code: Code = Field(description="Column name in survey files and output files.")
    number: int = Field(ge=1, description="Position on the paper form.")
    name: str = Field(description="Indonesian name, as on the form.")
    name_en: str = Field(description="English gloss.")
    question: str = Field(description="Question text in Indonesian.")
    question_en: str = Field(description="Question text in English.")
    group: str | None = Field(default=None, description="Group on the form, if any.")
    group_en: str | None = Field(default=None, description="The group's English name.")
    applies_to: Applicability = Field(description="When the indicator applies.")
    na_mark_allowed: bool = Field(description="Whether '-' (not applicable) may be written.")
    aliases: list[str] = Field(default_factory=list, description="Other header spellings.")
    from_members: Literal["household", "all_members"] = Field(
        default="household",
        description="The household answer from one row per family member (docs/aturan.md "
        "§6.6): one answer the rows agree on, or Ya only when every member it applies to is Ya.",
    )
    source: Source = source_field("the indicator's definition and question")


class Form(_Strict):
    """A survey form definition."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$", description="Short name used with --form.")
    version: str
    title: str
    title_en: str
    setting: Literal["rumah_tangga", "keluarga", "institusi_pendidikan"] = Field(
        description="Tatanan (unit of the survey)."
    )
    setting_source: Source = source_field("the unit of the survey (setting)")
    sources: list[str] = Field(min_length=1, description="Public sources of the form.")
    na_policy: NaPolicy = Field(description="Default for how not-applicable counts.")
    na_policy_source: Source = source_field("the default na_policy")
    outcome_source: Source = source_field(
        "the outcome rule (ber-PHBS = every applicable indicator met, docs/aturan.md §3.1)"
    )
    answers: AnswerVocabulary
    context: list[ContextField] = Field(default_factory=list)
    indicators: list[Indicator] = Field(min_length=1)
    classes: ClassScheme | None = None
    notes: list[str] = Field(default_factory=list)
    headers: dict[Code, str] = Field(
        default_factory=dict,
        description="A field's header as a file writes it; replaces the field's aliases, "
        "built-in ones too (usually from a mapping file, docs/pemetaan.md).",
    )
    ignore_headers: list[str] = Field(default_factory=list, description="Columns not read.")
    identity: Identity | None = Field(default=None, description="XLSForm identity questions.")
    denominators: Denominators = Field(
        default=DEFAULT_DENOMINATORS,
        description="Denominators of % ber-PHBS and the area IKS (docs/aturan.md §5.1, §4.2).",
    )
    village_strata: VillageStrata | None = Field(
        default=None, description="Village strata by % ber-PHBS (docs/aturan.md §5.6)."
    )

    @field_validator("indicators")
    @classmethod
    def _indicators_consistent(
        cls, indicators: list[Indicator], info: ValidationInfo
    ) -> list[Indicator]:
        # Reported at the key path ``indicators`` with the positions involved, so the
        # message points into the file (context is declared first, so it is in info.data).
        first_code: dict[str, int] = {}
        first_number: dict[int, int] = {}
        for position, indicator in enumerate(indicators):
            if indicator.code in first_code:
                raise ValueError(
                    f"indicator code {indicator.code!r} used twice (indicators."
                    f"{first_code[indicator.code]} and indicators.{position})"
                )
            if indicator.number in first_number:
                raise ValueError(
                    f"indicator number {indicator.number} used twice (indicators."
                    f"{first_number[indicator.number]} and indicators.{position})"
                )
            first_code[indicator.code] = position
            first_number[indicator.number] = position
        if sorted(first_number) != list(range(1, len(indicators) + 1)):
            raise ValueError("indicator numbers must be 1..N without gaps")
        context = info.data.get("context")
        context_codes = {c.code for c in context} if isinstance(context, list) else set()
        overlap = context_codes & set(first_code)
        if overlap:
            raise ValueError(f"codes used both as context and indicator: {sorted(overlap)}")
        for position, indicator in enumerate(indicators):
            ctx = indicator.applies_to.context
            if ctx is not None and ctx not in context_codes:
                raise ValueError(
                    f"indicators.{position} ({indicator.code}): unknown context field {ctx!r}"
                )
        return indicators

    @field_validator("classes")
    @classmethod
    def _classes_cover_counts(
        cls, classes: ClassScheme | None, info: ValidationInfo
    ) -> ClassScheme | None:
        indicators = info.data.get("indicators")
        if classes is None or not isinstance(indicators, list) or classes.basis == "index":
            return classes
        if classes.basis == "met_of_applicable":
            _check_applicable_counts(classes, indicators)
            return classes
        spans = sorted((c.min_met or 0, c.max_met or 0) for c in classes.classes)
        expected = 0
        for low, high in spans:
            if low != expected or high < low:
                raise ValueError("classes must cover 0..N met indicators without gaps")
            expected = high + 1
        if expected != len(indicators) + 1:
            raise ValueError(f"classes must end at {len(indicators)} met indicators")
        return classes

    @model_validator(mode="after")
    def _iks_base_needs_index(self) -> Form:
        index = self.classes is not None and self.classes.basis == "index"
        if self.denominators.iks_wilayah is not IksBase.BERINDEKS and not index:
            raise ValueError(
                "denominators.iks_wilayah: the area IKS needs classes with basis index"
            )
        return self

    def indicator(self, code: str) -> Indicator:
        """The indicator with ``code``."""
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise KeyError(code)

    @property
    def codes(self) -> list[str]:
        """Indicator codes in form order."""
        return [i.code for i in self.indicators]

    def without(self, codes: Collection[str]) -> Form:
        """This form without the indicators ``codes``: a survey that did not collect them
        is scored on the others (docs/aturan.md, *Membaca berkas*).

        >>> from phbs.forms.loading import load_form
        >>> form = load_form("kemenkes-rt-10").form
        >>> len(form.without(["jamban_sehat"]).codes)
        9

        Raises :class:`~phbs.errors.SettingsError` for a code the form does not have, for
        every indicator, and for a form whose classes count met indicators.
        """
        unknown = sorted(set(codes) - set(self.codes))
        if unknown:
            listed = ", ".join(self.codes)
            raise SettingsError(
                f"--not-collected: indikator {', '.join(unknown)} tidak ada di formulir "
                f"{self.id} (ada: {listed})",
                f"--not-collected: indicator {', '.join(unknown)} is not in form {self.id} "
                f"(indicators: {listed})",
            )
        if not codes:
            return self
        kept = [i for i in self.indicators if i.code not in codes]
        if not kept:
            raise SettingsError(
                "--not-collected: tidak ada indikator yang tersisa untuk diskor",
                "--not-collected: no indicator is left to score",
            )
        if self.classes is not None and self.classes.basis != "index":
            raise SettingsError(
                f"--not-collected: kelas formulir {self.id} dihitung dari jumlah indikator "
                "yang terpenuhi, jadi tidak dapat dihitung tanpa sebagian indikator",
                f"--not-collected: the classes of form {self.id} count met indicators, so "
                "they cannot be computed without some of them",
            )
        return self.model_copy(update={"indicators": kept})


def _check_applicable_counts(classes: ClassScheme, indicators: list[Indicator]) -> None:
    """A ``met_of_applicable`` scheme gives thresholds for exactly the numbers of applicable
    indicators a household can have: N, down to N minus the indicators that can be not
    applicable (those with a context field or a '-' allowed), never below 1 (a household
    with none applicable has no class), docs/aturan.md §3.3."""
    total = len(indicators)
    optional = sum(1 for i in indicators if i.na_mark_allowed or i.applies_to.context)
    possible = list(range(max(1, total - optional), total + 1))
    given = classes.applicable_counts()
    missing = sorted(set(possible) - set(given))
    extra = sorted(set(given) - set(possible))
    if missing or extra:
        problems = []
        if missing:
            problems.append(f"missing {', '.join(map(str, missing))}")
        if extra:
            problems.append(f"{', '.join(map(str, extra))} cannot occur")
        raise ValueError(
            f"min_met_by_applicable must give every number of applicable indicators a "
            f"household can have, {possible[0]}..{total} ({'; '.join(problems)})"
        )


def fold_answer(text: str) -> str:
    """Fold an answer spelling: case and whitespace do not matter.

    >>> fold_answer("  Tidak   Berlaku ")
    'tidak berlaku'
    """
    return " ".join(text.casefold().split())
