"""Which households or families a form's area measures are shares of: docs/aturan.md §5.1, §4.2.

Offices publish % ber-PHBS over households with a complete outcome (the default) or over every
household surveyed, and PIS-PK's area IKS over families whose index can be computed (the
default) or over every family surveyed. A form's ``denominators`` says which, with its source;
intervals, roll-ups, reports and the contest criterion ``persen_ber_phbs`` all follow it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Protocol

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: A rule's source line: stripped, never blank; ``None`` when the form gives none (listed by
#: ``phbs forms check``), as for every rule of a form (phbs.forms.model).
Source = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] | None


class BerPhbsBase(StrEnum):
    """The denominator of % ber-PHBS (docs/aturan.md §5.1)."""

    #: ber_phbs + tidak_ber_phbs: households not complete are left out.
    LENGKAP = "lengkap"
    #: rumah_tangga_disurvei: households not complete count as not ber-PHBS.
    DISURVEI = "disurvei"


class IksBase(StrEnum):
    """The denominator of the area IKS (docs/aturan.md §4.2)."""

    #: keluarga_berindeks: families whose index can be computed.
    BERINDEKS = "berindeks"
    #: every family surveyed, those without an index counted as not healthy.
    SEMUA_KELUARGA = "semua_keluarga"


class AreaStatusCounts(Protocol):
    """An area's household counts (a summary row, a report's headline)."""

    @property
    def rumah_tangga_disurvei(self) -> int: ...
    @property
    def ber_phbs(self) -> int: ...
    @property
    def tidak_ber_phbs(self) -> int: ...


class Denominators(BaseModel):
    """The denominators of a form's area measures and where the choice comes from.

    >>> d = Denominators(persen_ber_phbs="disurvei", source="ASUMSI: contoh")
    >>> d.ber_phbs_base(ber=6, tidak=2, surveyed=10), DEFAULT_DENOMINATORS.ber_phbs_base(6, 2, 10)
    (10, 8)
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    persen_ber_phbs: BerPhbsBase = Field(
        default=BerPhbsBase.LENGKAP,
        description="lengkap: ber_phbs / (ber_phbs + tidak_ber_phbs); disurvei: ber_phbs / "
        "rumah_tangga_disurvei (docs/aturan.md §5.1).",
    )
    iks_wilayah: IksBase = Field(
        default=IksBase.BERINDEKS,
        description="berindeks: keluarga_sehat / keluarga_berindeks; semua_keluarga: "
        "keluarga_sehat / families surveyed (docs/aturan.md §4.2, index-class forms only).",
    )
    source: Source = Field(
        default=None,
        description="The regulation, guide or office format the choice follows, or "
        "'ASUMSI: <reason>' (phbs forms check lists it when missing).",
    )

    def ber_phbs_base(self, ber: int, tidak: int, surveyed: int) -> int:
        """The households % ber-PHBS is a share of, from an area's counts."""
        return surveyed if self.persen_ber_phbs is BerPhbsBase.DISURVEI else ber + tidak

    def ber_phbs_base_of(self, area: AreaStatusCounts) -> int:
        """The denominator of % ber-PHBS of an area (its summary row or a headline)."""
        return self.ber_phbs_base(area.ber_phbs, area.tidak_ber_phbs, area.rumah_tangga_disurvei)

    def iks_base(self, berindeks: int, surveyed: int) -> int:
        """The families the area IKS is a share of, from an area's counts."""
        return surveyed if self.iks_wilayah is IksBase.SEMUA_KELUARGA else berindeks


#: What a form without ``denominators`` uses (docs/aturan.md §5.1, §4.2).
DEFAULT_DENOMINATORS = Denominators(
    source="bawaan phbs: penyebut hanya rumah tangga atau keluarga yang hasilnya lengkap"
)
