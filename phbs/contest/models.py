"""Typed results of a contest ranking (docs/aturan.md §7): what :func:`phbs.rank_villages` returns.

Field names are the Indonesian names of the output columns, as in
:class:`~phbs.scoring.summary.AreaSummary`; ``model_dump(mode="json")`` gives the JSON document's
pieces.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from phbs._moved import renamed
from phbs.contest.rubric import Aggregation, Method
from phbs.issues import Issue


class VillageStatus(StrEnum):
    """Whether a village was ranked, and if not, why."""

    RANKED = "diperingkat"
    INCOMPLETE = "tidak_lengkap"
    EXCLUDED = "dikeluarkan"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class CriterionResult(_Frozen):
    """One village's score on one criterion, and where it came from."""

    kriteria: str
    kelompok: str
    sumber: str = Field(description="judge, survey or attribute")
    nilai: float | None = Field(description="0–100 score used (after any override)")
    nilai_tertimbang: float | None = Field(description="nilai × group weight × criterion weight")
    nilai_sebelum_koreksi: float | None = Field(
        default=None, description="the score before an override changed it"
    )
    masukan: str = Field(description="the input as written: measure, attribute or judges' scores")
    juri: dict[str, float] = Field(default_factory=dict, description="each judge's 0–100 score")


class VillageResult(_Frozen):
    """One village in the ranking table."""

    peringkat: int | None = Field(description="competition rank (1, 2, 2, 4); None if not ranked")
    kode_desa: str
    nama_desa: str
    status: VillageStatus
    total: float | None = Field(description="weighted sum, or TOPSIS closeness (0–1)")
    persen_maksimum: float | None = Field(
        description="weighted sum × 100 / maximum as published: unrounded, or rounded half up "
        "to the rubric's decimals when it says round_before_band (docs/aturan.md §7.1)"
    )
    predikat: str | None = Field(description="label band of persen_maksimum (Indonesian)")
    predikat_en: str | None
    subtotal: dict[str, float | None] = Field(description="weighted subtotal per group")
    kriteria: dict[str, CriterionResult]
    diputus_oleh: str | None = Field(
        default=None,
        description="what put the village below the one above: total, a tie-breaker key, "
        "or seri (shared rank)",
    )
    ukuran_penentu_seri: dict[str, float | None] = Field(
        default_factory=dict,
        description="each survey measure the rubric breaks ties with, as the ranking compared "
        "it (before rounding); the uncertainty analyses replay the ranking from it",
    )
    catatan: list[str] = Field(default_factory=list, description="notes in Indonesian")
    catatan_en: list[str] = Field(default_factory=list, description="notes in English")


class Agreement(_Frozen):
    """Kendall's W between judges on one criterion (or on their totals, ``kriteria='total'``)."""

    kriteria: str
    w: float | None = Field(description="Kendall's W, 0–1")
    khi_kuadrat: float | None = Field(description="the chi-square statistic of W")
    derajat_bebas: int
    nilai_p: float | None = Field(description="p-value of the chi-square test")
    jumlah_juri: int
    jumlah_desa: int = Field(description="villages every judge of the panel scored")
    alasan: str | None = Field(default=None, description="why W is undefined, if it is")
    rendah: bool = Field(description="W below the rubric's low_agreement")
    juri_paling_berbeda: str | None = Field(
        default=None, description="judge agreeing least with the others (named when W is low)"
    )
    korelasi: dict[str, float | None] = Field(
        default_factory=dict, description="each judge's Spearman correlation with the others"
    )

    @property
    def chi_square(self) -> float | None:
        """Old name of :attr:`khi_kuadrat` (version 0.1), warned for one release."""
        renamed("Agreement.chi_square", "Agreement.khi_kuadrat")
        return self.khi_kuadrat

    @property
    def p_value(self) -> float | None:
        """Old name of :attr:`nilai_p` (version 0.1), warned for one release."""
        renamed("Agreement.p_value", "Agreement.nilai_p")
        return self.nilai_p


class AppliedOverride(_Frozen):
    """An override from the overrides file, as applied."""

    kode_desa: str
    tindakan: str
    kriteria: str | None
    nilai_lama: float | None
    nilai_baru: float | None
    alasan: str
    berkas: str
    baris: int


class ShrinkRecord(_Frozen):
    """How % ber-PHBS was shrunk before the villages were scored (docs/aturan.md §7.8)."""

    mu_persen: float = Field(description="prior mean μ, percent: the rate villages move toward")
    kappa: float | None = Field(description="prior strength κ = α + β; None when κ = ∞")
    desa_sensus: list[str] = Field(
        default_factory=list,
        description="villages surveyed in full: their % is known, so neither shrunk nor resampled",
    )


class ChangeRecord(_Frozen):
    """The change in % ber-PHBS a ranking scored (docs/aturan.md §5.8, §7.2)."""

    dari: str = Field(description="label of the baseline round")
    ke: str = Field(description="label of the current round")
    kriteria: list[str] = Field(
        description="criteria (and ukuran: tie-breakers) using perubahan_persen_ber_phbs"
    )
    nama: list[str] = Field(
        default_factory=list, description="their names as the rubric gives them (Indonesian)"
    )
    nama_en: list[str] = Field(default_factory=list, description="the same in English")
    berkas_perubahan_kode: str = Field(
        default="", description="the code-change file villages were lined up with"
    )
    nilai: dict[str, float | None] = Field(
        default_factory=dict,
        description="each village's change, percentage points (None: not in both rounds)",
    )


class InputRecord(_Frozen):
    """An input file of the ranking, for the audit trail."""

    peran: str = Field(description="rubrik, survei, peta, rekap, juri, atribut or koreksi")
    berkas: str
    sha256: str
    cara_baca: dict[str, Any] | None = Field(
        default=None, description="a survey file: how it was read (as in phbs score's JSON)"
    )


class Ranking(BaseModel):
    """A contest ranking: villages best first, then those not ranked, with everything used."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    rubrik_id: str
    rubrik_versi: str
    rubrik_judul: str
    rubrik_edisi: str | None = Field(
        default=None, description="The edition of the public format the rubric follows"
    )
    rubrik_sha256: str
    metode: Method
    agregasi_juri: Aggregation
    desimal: int
    persen_dibulatkan: bool = Field(
        default=False,
        description="persen_maksimum rounded to desimal before its band is read "
        "(the rubric's round_before_band)",
    )
    peringkat_tidak_lengkap: bool = Field(description="missing criteria counted as 0")
    nilai_maksimum: float = Field(description="100 × the sum of all weights")
    bobot: dict[str, float] = Field(description="effective weight of each criterion")
    kelompok: dict[str, str] = Field(description="group of each criterion")
    penentu_seri: list[str] = Field(description="tie-breaker keys, in order")
    desa: list[VillageResult]
    kesepakatan: list[Agreement]
    koreksi: list[AppliedOverride]
    masukan: list[InputRecord]
    masalah: list[Issue]
    penyusutan: ShrinkRecord | None = Field(
        default=None,
        description="set when % ber-PHBS was shrunk before scoring (--shrink, §7.8)",
    )
    perubahan: ChangeRecord | None = Field(
        default=None,
        description="set when a criterion scores the change between rounds (--baseline, §7.2)",
    )

    @field_serializer("masalah")
    def _issue_records(self, masalah: list[Issue]) -> list[dict[str, str | int | None]]:
        """Issues dump as the JSON outputs write them (Indonesian keys, both messages)."""
        return [issue.record() for issue in masalah]

    @property
    def issues(self) -> list[Issue]:
        """Old name of :attr:`masalah` (version 0.1), warned for one release."""
        renamed("Ranking.issues", "Ranking.masalah")
        return self.masalah

    def ranked(self) -> list[VillageResult]:
        """The ranked villages, best first."""
        return [v for v in self.desa if v.status is VillageStatus.RANKED]

    def village(self, kode_desa: str) -> VillageResult:
        """The result of one village."""
        for village in self.desa:
            if village.kode_desa == kode_desa:
                return village
        raise KeyError(kode_desa)
