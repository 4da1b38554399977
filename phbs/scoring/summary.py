"""Village and area measures from per-area counts: % ber-PHBS, indicator coverage, % dipantau,
confidence intervals, IKS (docs/aturan.md §5, §4.2)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, field_serializer

from phbs._moved import renamed
from phbs.forms.denominators import DEFAULT_DENOMINATORS, Denominators
from phbs.forms.model import Form, NaPolicy
from phbs.ingest.villages import VillageTotals
from phbs.issues import Issue, make_issue
from phbs.regions import Level, ancestor, region_table
from phbs.scoring.household import (
    AreaCounts,
    AreaLevel,
    percent,
)
from phbs.scoring.iks import ClassHealth, class_health, class_measures
from phbs.scoring.intervals import AreaIntervals, area_intervals
from phbs.scoring.results import Scored
from phbs.scoring.totals import AreaTotals
from phbs.stats import CiMethod

#: Guideline sample size for a village survey ("C survey", docs/aturan.md §5.3).
MIN_SAMPLE = 210
#: The dusun of households whose file names none (a label the reports put in words).
NO_DUSUN = "(tanpa dusun)"


class IndicatorCoverage(BaseModel):
    """One indicator in one area: the recap sheet's columns (docs/aturan.md §5.2)."""

    model_config = ConfigDict(frozen=True)

    ya: int = Field(description="jumlah jawaban ya")
    berlaku: int = Field(description="jumlah rumah ada indikator: applicable and answered")
    kosong: int = Field(description="applicable but missing")
    cakupan: float | None = Field(description="ya / berlaku × 100")
    cakupan_bawah: float | None = Field(default=None, description="lower confidence bound, %")
    cakupan_atas: float | None = Field(default=None, description="upper confidence bound, %")


_COVERAGE_FIELDS: set[str] = set(IndicatorCoverage.model_fields)


def _share_fields(coverage: IndicatorCoverage) -> None:
    """Give a coverage the one set of field names all the others share (a province's dusun
    summary has tens of thousands of them: half its memory)."""
    if coverage.__pydantic_fields_set__ == _COVERAGE_FIELDS:
        object.__setattr__(coverage, "__pydantic_fields_set__", _COVERAGE_FIELDS)


class AreaSummary(BaseModel):
    """The measures of one area (village, or a roll-up), docs/aturan.md §5."""

    model_config = ConfigDict(frozen=True)

    tingkat: AreaLevel
    kode: str
    nama: str
    dusun: str | None = None
    rumah_tangga_disurvei: int
    ber_phbs: int
    tidak_ber_phbs: int
    belum_lengkap: int
    persen_ber_phbs: float | None = Field(
        description="ber_phbs / (ber_phbs + tidak_ber_phbs) × 100, or ber_phbs / "
        "rumah_tangga_disurvei × 100 as the form's denominators say (docs/aturan.md §5.1)"
    )
    indikator: dict[str, IndicatorCoverage]
    kelas: dict[str, int] = Field(default_factory=dict)
    jumlah_desa: int = Field(description="villages in the area (surveyed or listed)")
    jumlah_rumah_tangga: int | None = Field(
        default=None, description="known total households (villages file)"
    )
    persen_dipantau: float | None = Field(default=None, description="surveyed / total × 100")
    sampel_kurang: bool | None = Field(
        default=None, description="village below 210 households surveyed and not fully covered"
    )
    persen_ber_phbs_bawah: float | None = Field(
        default=None,
        description="lower confidence bound of persen_ber_phbs (phbs.scoring.intervals)",
    )
    persen_ber_phbs_atas: float | None = Field(
        default=None, description="upper confidence bound of persen_ber_phbs"
    )
    keluarga_sehat: int | None = Field(
        default=None, description="index-class forms (pispk-12): families in a healthy class"
    )
    keluarga_berindeks: int | None = Field(
        default=None, description="index-class forms: families with an index (nothing missing)"
    )
    keluarga_tanpa_indeks: int | None = Field(
        default=None, description="index-class forms: families surveyed but without an index"
    )
    iks_wilayah: float | None = Field(
        default=None, description="area IKS = keluarga_sehat / keluarga_berindeks (§4.2)"
    )
    rumah_tangga_sehat: int | None = Field(
        default=None, description="count-class forms with healthy classes: households in one"
    )
    rumah_tangga_berkelas: int | None = Field(
        default=None, description="count-class forms: households with a class"
    )
    rumah_tangga_tanpa_kelas: int | None = Field(
        default=None, description="count-class forms: households surveyed without a class"
    )
    persen_rumah_tangga_sehat: float | None = Field(
        default=None, description="rumah_tangga_sehat / rumah_tangga_berkelas × 100 (§5.1)"
    )
    persen_rumah_tangga_sehat_bawah: float | None = Field(default=None, description="lower")
    persen_rumah_tangga_sehat_atas: float | None = Field(default=None, description="upper")


class AreaReport(BaseModel):
    """Areas at one level, with the settings that produced them and their issues."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    tingkat: AreaLevel
    na_policy: NaPolicy
    formulir: str
    wilayah: list[AreaSummary]
    masalah: list[Issue]
    metode_ci: CiMethod = Field(default=CiMethod.WILSON, description="confidence interval method")
    tingkat_kepercayaan: float = Field(default=0.95, description="confidence level")
    penyebut: Denominators = Field(
        default=DEFAULT_DENOMINATORS, description="denominators of the form (§5.1, §4.2)"
    )

    @field_serializer("masalah")
    def _issue_records(self, masalah: list[Issue]) -> list[dict[str, str | int | None]]:
        """Issues dump as the JSON outputs write them (Indonesian keys, both messages)."""
        return [issue.record() for issue in masalah]

    @property
    def areas(self) -> list[AreaSummary]:
        """Old name of :attr:`wilayah` (version 0.1), warned for one release."""
        renamed("AreaReport.areas", "AreaReport.wilayah")
        return self.wilayah

    @property
    def issues(self) -> list[Issue]:
        """Old name of :attr:`masalah` (version 0.1), warned for one release."""
        renamed("AreaReport.issues", "AreaReport.masalah")
        return self.masalah

    @property
    def form_id(self) -> str:
        """Old name of :attr:`formulir` (version 0.1), warned for one release."""
        renamed("AreaReport.form_id", "AreaReport.formulir")
        return self.formulir


def summarise(
    result: Scored | AreaTotals,
    by: AreaLevel | str = AreaLevel.DESA,
    villages: VillageTotals | None = None,
    ci_method: CiMethod | str = CiMethod.WILSON,
    confidence: float = 0.95,
) -> AreaReport:
    """Summarise households by area, summing counts and recomputing percentages.

    ``result`` is a survey scored in memory, one scored in one pass
    (:func:`phbs.score_files`), or the :class:`~phbs.scoring.totals.AreaTotals` of one scored
    batch by batch (:class:`~phbs.scoring.totals.TotalsBuilder`); all give the same report.
    With ``villages`` (total households per village), each area also gets
    ``jumlah_rumah_tangga`` and ``persen_dipantau``, listed villages with no survey appear
    with zero households, and villages sampled below 210 households without full coverage
    are flagged (docs/aturan.md §5.3). Every percentage gets a ``confidence`` interval by
    ``ci_method`` (:mod:`phbs.scoring.intervals`), with the finite population correction for
    villages whose total is known.

    >>> from phbs.resources import data_path
    >>> from phbs.ingest import read_survey
    >>> from phbs.scoring.results import score
    >>> result = score(read_survey(sorted(data_path("contoh").glob("survei-*.csv"))))
    >>> report = summarise(result, by="kecamatan")
    >>> sum(a.rumah_tangga_disurvei for a in report.wilayah) == result.survey.rows_scored
    True
    """
    level = AreaLevel(by)
    totals = result if isinstance(result, AreaTotals) else result.totals
    form = totals.form
    health = class_health(form)
    healthy = health.healthy if health is not None and not health.index else None
    base = form.denominators.persen_ber_phbs  # the denominator of % ber-PHBS, §5.1
    names = totals.village_names
    issues: list[Issue] = []

    if level is AreaLevel.DUSUN:
        counts = totals.dusun
        ci = area_intervals(counts, ci_method, confidence, healthy=healthy, base=base)
        rows = _AreaRows(counts, ci, level, form, health)
        areas = [
            rows.area(
                i,
                key.split("\x1f")[0],
                _village_name(names, key.split("\x1f")[0]),
                Coverage(villages=1),
                dusun=totals.dusun_names[key] or NO_DUSUN,
            )
            for i, key in enumerate(counts.keys)
        ]
        return AreaReport(
            tingkat=level,
            na_policy=totals.na_policy,
            formulir=form.id,
            wilayah=areas,
            masalah=issues,
            metode_ci=CiMethod(ci_method),
            tingkat_kepercayaan=confidence,
            penyebut=form.denominators,
        )

    # Villages listed in the villages file but not surveyed join with zero counts.
    village = totals.villages
    if villages is not None:
        village = village.with_keys(sorted(set(villages.totals) - set(village.keys)))
    known_totals = villages.totals if villages else {}
    surveyed = dict(zip(village.keys, village.surveyed.tolist(), strict=True))
    usable_total: dict[str, int] = {}
    for code in village.keys:
        total = known_totals.get(code)
        if total is None:
            continue
        if surveyed[code] > total:
            issues.append(
                make_issue(
                    "disurvei-melebihi-total",
                    column="kode_desa",
                    value=code,
                    surveyed=surveyed[code],
                    total=total,
                    area=f"{code} {_village_name(names, code)}",
                )
            )
            continue
        usable_total[code] = total
        if surveyed[code] < MIN_SAMPLE and surveyed[code] < total:
            issues.append(
                make_issue(
                    "sampel-kurang",
                    column="kode_desa",
                    value=code,
                    surveyed=surveyed[code],
                    total=total,
                    area=f"{code} {_village_name(names, code)}",
                )
            )

    if level is AreaLevel.DESA:
        counts, parent_index = village, np.arange(len(village.keys))
    else:
        region_level = Level(level.value)
        counts, parent_index = village.rollup({k: ancestor(k, region_level) for k in village.keys})
    regions = region_table()
    fpc = None
    if level is AreaLevel.DESA:
        fpc = np.array([float(usable_total.get(k, np.nan)) for k in counts.keys])
    ci = area_intervals(counts, ci_method, confidence, fpc, healthy, base=base)
    rows = _AreaRows(counts, ci, level, form, health)
    # The villages of each area, found by sorting once (not by scanning them per area).
    order = np.argsort(parent_index, kind="stable")
    bounds = np.searchsorted(parent_index[order], np.arange(len(counts.keys) + 1)).tolist()
    member_keys = [village.keys[j] for j in order.tolist()]
    areas = []
    for i, key in enumerate(counts.keys):
        members = member_keys[bounds[i] : bounds[i + 1]]
        known = [m for m in members if m in usable_total]
        total = sum(usable_total[m] for m in known) if known else None
        covered = sum(surveyed[m] for m in known)
        name = _village_name(names, key) if level is AreaLevel.DESA else regions.name(key) or ""
        flag = None
        if level is AreaLevel.DESA and total is not None:
            flag = bool(covered < MIN_SAMPLE and covered < total)
        areas.append(
            rows.area(
                i,
                key,
                name,
                Coverage(len(members), total, percent(covered, total) if total else None, flag),
            )
        )
    return AreaReport(
        tingkat=level,
        na_policy=totals.na_policy,
        formulir=form.id,
        wilayah=areas,
        masalah=issues,
        metode_ci=CiMethod(ci_method),
        tingkat_kepercayaan=confidence,
        penyebut=form.denominators,
    )


def _village_name(names: dict[str, str], code: str) -> str:
    return names.get(code) or region_table().name(code) or ""


@dataclass(frozen=True)
class Coverage:
    """How much of an area the survey covers: its villages, its households when known
    (villages file), the % surveyed (dipantau) and whether the sample is short."""

    villages: int
    total: int | None = None
    dipantau: float | None = None
    flag: bool | None = None


class _AreaRows:
    """Counts and intervals of every area as Python lists, converted once: reading numpy
    scalars one at a time is slow for tens of thousands of areas × indicators."""

    def __init__(
        self,
        counts: AreaCounts,
        ci: AreaIntervals | None,
        level: AreaLevel,
        form: Form,
        health: ClassHealth | None,
    ) -> None:
        self.counts, self.ci = counts, ci
        self.level = level
        self.indicator_codes = form.codes
        self.class_codes = [c.code for c in form.classes.classes] if form.classes else []
        self.health = health
        self.bases = form.denominators
        self.surveyed: list[int] = counts.surveyed.tolist()
        self.status: list[list[int]] = counts.status.tolist()
        self.ya: list[list[int]] = counts.ya.tolist()
        self.answered: list[list[int]] = counts.answered.tolist()
        self.missing: list[list[int]] = counts.missing.tolist()
        self.classes: list[list[int]] = counts.classes.tolist()
        rows, width = counts.ya.shape
        nothing = np.full((rows, width), np.nan)
        self.ber_lower = _bounds(ci.ber_lower if ci else nothing[:, 0])
        self.ber_upper = _bounds(ci.ber_upper if ci else nothing[:, 0])
        self.cakupan_lower = [_bounds(row) for row in (ci.cakupan_lower if ci else nothing)]
        self.cakupan_upper = [_bounds(row) for row in (ci.cakupan_upper if ci else nothing)]

    def area(
        self, i: int, code: str, name: str, coverage: Coverage, dusun: str | None = None
    ) -> AreaSummary:
        """The summary of area ``i`` (its ``code`` and ``name``; ``dusun`` at that level)."""
        ber, tidak, belum = self.status[i]
        ya, answered, missing = self.ya[i], self.answered[i], self.missing[i]
        lower, upper = self.cakupan_lower[i], self.cakupan_upper[i]
        # One validation per area, its coverages nested (pydantic validates them in one call).
        area = AreaSummary.model_validate(
            {
                "tingkat": self.level,
                "kode": code,
                "nama": name,
                "dusun": dusun,
                "rumah_tangga_disurvei": self.surveyed[i],
                "ber_phbs": ber,
                "tidak_ber_phbs": tidak,
                "belum_lengkap": belum,
                "persen_ber_phbs": percent(
                    ber, self.bases.ber_phbs_base(ber, tidak, self.surveyed[i])
                ),
                "indikator": {
                    c: {
                        "ya": ya[j],
                        "berlaku": answered[j],
                        "kosong": missing[j],
                        "cakupan": percent(ya[j], answered[j]),
                        "cakupan_bawah": lower[j],
                        "cakupan_atas": upper[j],
                    }
                    for j, c in enumerate(self.indicator_codes)
                },
                "kelas": dict(zip(self.class_codes, self.classes[i], strict=True)),
                "jumlah_desa": coverage.villages,
                "jumlah_rumah_tangga": coverage.total,
                "persen_dipantau": coverage.dipantau,
                "sampel_kurang": coverage.flag,
                "persen_ber_phbs_bawah": self.ber_lower[i],
                "persen_ber_phbs_atas": self.ber_upper[i],
                **class_measures(self.counts, self.ci, i, self.health, self.bases),
            }
        )
        for indicator in area.indikator.values():
            _share_fields(indicator)
        return area


def _bounds(values: NDArray[np.float64]) -> list[float | None]:
    return [None if math.isnan(v) else v for v in values.tolist()]
