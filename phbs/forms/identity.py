"""The identity questions of a form's XLSForm (docs/aturan.md §10.2): who or what is surveyed.

A household form asks the household id, dusun, RW, RT, date, surveyor and head of household
(:data:`HOUSEHOLD_IDENTITY`); a form of another setting names its own in the form file
(``identity``), e.g. a school's NPSN and name. The unit's id is always the field
``id_rumah_tangga``, the column every reader takes the unit's id from, whatever its label.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator


class IdentityField(BaseModel):
    """One identity question of the XLSForm."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
    name: str = Field(description="Indonesian label.")
    name_en: str = Field(description="English label.")
    type: Literal["text", "integer", "date"] = "text"
    required: bool = False


_Source = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] | None


class Identity(BaseModel):
    """The identity group: its title and questions (after the village code)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(description="Indonesian title of the group.")
    title_en: str = Field(description="English title of the group.")
    fields: list[IdentityField] = Field(min_length=1)
    source: _Source = Field(
        default=None,
        description="Where the unit and its id come from (e.g. a school's NPSN), or "
        "'ASUMSI: <reason>'.",
    )

    @model_validator(mode="after")
    def _has_the_unit_id(self) -> Identity:
        codes = [f.code for f in self.fields]
        if "id_rumah_tangga" not in codes:
            raise ValueError("identity.fields needs id_rumah_tangga (the unit's id)")
        if "kode_desa" in codes:
            raise ValueError("kode_desa is asked by the form itself; leave it out")
        if len(set(codes)) != len(codes):
            raise ValueError("identity.fields has a code twice")
        return self


#: The identity questions of a household (or family) form.
HOUSEHOLD_IDENTITY = Identity(
    title="Identitas rumah tangga",
    title_en="Household identity",
    fields=[
        IdentityField(
            code="id_rumah_tangga", name="ID rumah tangga", name_en="Household ID", required=True
        ),
        IdentityField(code="dusun", name="Dusun", name_en="Sub village"),
        IdentityField(code="rw", name="RW", name_en="RW"),
        IdentityField(code="rt", name="RT", name_en="RT"),
        IdentityField(
            code="tanggal_survei", name="Tanggal survei", name_en="Survey date", type="date"
        ),
        IdentityField(code="petugas", name="Petugas", name_en="Surveyor"),
        IdentityField(
            code="nama_kepala_rt", name="Nama kepala rumah tangga", name_en="Head of household"
        ),
    ],
)
