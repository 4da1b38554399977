"""What a comparison of survey rounds returns (docs/aturan.md §5.8): per area, the value of each
round, the change between rounds with its interval and verdict, per indicator the same, and
the households surveyed in both rounds as transitions."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from phbs.issues import Issue


class Verdict(StrEnum):
    """What the interval of a change says; never read from the point change alone."""

    NAIK = "naik"
    TURUN = "turun"
    TIDAK_BERUBAH = "tidak_berubah_bermakna"


class Reason(StrEnum):
    """Why a change has no verdict."""

    TIDAK_ADA_DI_PUTARAN = "tidak_ada_di_putaran"
    PENYEBUT_NOL = "penyebut_nol"
    FORMULIR_BERBEDA = "formulir_berbeda"


class RoundValue(BaseModel):
    """One round's value of a proportion in one area: ``x`` of ``n`` (``None`` when the area
    is not in that round)."""

    model_config = ConfigDict(frozen=True)

    putaran: str
    x: int | None = Field(default=None, description="numerator: ber-PHBS or indicator ya")
    n: int | None = Field(default=None, description="denominator of the percentage")
    persen: float | None = None
    bawah: float | None = Field(default=None, description="lower confidence bound, %")
    atas: float | None = Field(default=None, description="upper confidence bound, %")


class Change(BaseModel):
    """The change from round ``dari`` to round ``ke`` in percentage points."""

    model_config = ConfigDict(frozen=True)

    dari: str
    ke: str
    perubahan: float | None = Field(default=None, description="ke − dari, percentage points")
    bawah: float | None = Field(default=None, description="lower bound, percentage points")
    atas: float | None = Field(default=None, description="upper bound, percentage points")
    putusan: Verdict | None = None
    alasan: Reason | None = Field(default=None, description="why there is no verdict")


class Measure(BaseModel):
    """A proportion followed over the rounds: its values and its changes."""

    model_config = ConfigDict(frozen=True)

    nilai: list[RoundValue]
    perubahan: list[Change]


class Transitions(BaseModel):
    """Households with the same id in the same area in both rounds, complete in both
    (docs/aturan.md §5.8): the paired 2 × 2 table and the paired change."""

    model_config = ConfigDict(frozen=True)

    dari: str
    ke: str
    berpasangan: int = Field(description="households found in both rounds, complete in both")
    tetap_ber_phbs: int
    menjadi_ber_phbs: int = Field(description="tidak ber-PHBS → ber-PHBS")
    tidak_lagi_ber_phbs: int = Field(description="ber-PHBS → tidak ber-PHBS")
    tetap_tidak: int
    belum_lengkap: int = Field(description="found in both rounds, incomplete in one of them")
    nama_berbeda: int = Field(
        default=0,
        description="same id in the same area, but the head of household's name differs: "
        "not the same household, not paired",
    )
    perubahan: float | None = None
    bawah: float | None = None
    atas: float | None = None
    putusan: Verdict | None = None


class AreaTrend(BaseModel):
    """One area over the rounds."""

    model_config = ConfigDict(frozen=True)

    tingkat: str
    kode: str
    nama: str
    kode_asal: list[str] = Field(
        default_factory=list,
        description="the village codes this area joins across rounds (code changes)",
    )
    desa_disisihkan: list[str] = Field(
        default_factory=list,
        description="above the village level: villages of this area not surveyed in every "
        "round, left out of every round's sums so that each round counts the same villages",
    )
    ada_di: list[str] = Field(description="the rounds that surveyed this area")
    disurvei: list[int | None] = Field(description="households surveyed, per round")
    belum_lengkap: list[int | None] = Field(description="households not complete, per round")
    jumlah_rumah_tangga: list[int | None] = Field(
        default_factory=list,
        description="at the village level, the village's household total from the villages "
        "file per round (None when unknown); a round with as many surveyed is a census",
    )
    persen_ber_phbs: Measure
    indikator: dict[str, Measure]
    transisi: list[Transitions] = Field(default_factory=list)


class RoundInfo(BaseModel):
    """One round as read: its label, form and how its % ber-PHBS is defined."""

    model_config = ConfigDict(frozen=True)

    label: str
    sumber: list[str] = Field(description="the files read for this round")
    formulir: str
    na_policy: str
    penyebut: str = Field(description="denominator of % ber-PHBS (docs/aturan.md §5.1)")
    indikator: list[str]
    desa: int
    rumah_tangga_disurvei: int
    rumah_tangga: bool = Field(description="household rows known (transitions possible)")
    jumlah_rumah_tangga_dari: str = Field(
        default="", description="where the villages' total households came from"
    )
    desa_berjumlah: int = Field(default=0, description="villages with a known total")
    berkas_desa_bersama: bool = Field(
        default=False, description="the totals file is shared with another round"
    )


class CodeChangeUsed(BaseModel):
    """A row of the code-change file and whether it joined anything."""

    model_config = ConfigDict(frozen=True)

    kode_lama: str
    kode_baru: str
    keterangan: str = ""
    dipakai: bool


class Trends(BaseModel):
    """Rounds compared at one level (docs/aturan.md §5.8)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    tingkat: str
    putaran: list[RoundInfo]
    perbandingan: list[tuple[str, str]] = Field(description="(from, to) pairs compared")
    tingkat_kepercayaan: float
    persen_ber_phbs_sebanding: bool = Field(
        description="whether every round defines % ber-PHBS the same way (form, na_policy, "
        "denominator); when not, its change has no verdict"
    )
    indikator_dibandingkan: list[str]
    indikator_tidak_dibandingkan: dict[str, list[str]] = Field(
        description="per round, its indicators that another round lacks"
    )
    indikator_keberlakuan_berbeda: list[str] = Field(
        default_factory=list,
        description="indicators every round has under one code but asks of other households "
        "(applicability: context column and range) in some round's form: not compared",
    )
    indikator_pertanyaan_berbeda: dict[str, list[str]] = Field(
        default_factory=dict,
        description="indicators compared by their code although the rounds' forms word the "
        "question differently: code → each round's question",
    )
    indikator_pertanyaan_tidak_diperiksa: list[str] = Field(
        default_factory=list,
        description="indicators compared whose question is unknown for a round's form",
    )
    perubahan_kode: list[CodeChangeUsed] = Field(default_factory=list)
    berkas_perubahan_kode: str = ""
    wilayah: list[AreaTrend]
    masalah: list[Issue] = Field(default_factory=list)

    @field_serializer("masalah")
    def _issue_records(self, masalah: list[Issue]) -> list[dict[str, str | int | None]]:
        return [issue.record() for issue in masalah]

    def areas_in_all(self) -> list[AreaTrend]:
        """The areas surveyed in every round."""
        return [a for a in self.wilayah if len(a.ada_di) == len(self.putaran)]
