"""A survey round to compare (docs/aturan.md §5.8): its villages' counts, how its % ber-PHBS
is defined, and (when it was read from household rows) each household's outcome by id.

A round comes from survey files scored in the same run (:func:`round_from_score`) or from a
village summary written earlier by ``phbs score -o rekap.json`` (:func:`read_round_json`);
a village recap CSV is read like a survey (docs/aturan.md §6.7) and has no households.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from pydantic import ValidationError

from phbs.errors import InputFileError, UnusableFileError
from phbs.forms.denominators import BerPhbsBase
from phbs.ingest import limits
from phbs.ingest.survey import HouseholdBatch
from phbs.scoring.household import AreaLevel, HouseholdOutcomes
from phbs.scoring.results import HouseholdResult
from phbs.scoring.summary import AreaReport, AreaSummary

#: Household outcomes as kept for pairing: 1 ber-PHBS, 0 tidak, -1 not complete.
OUTCOME = {"ber_phbs": 1, "tidak_ber_phbs": 0}

LABEL_PATTERN = r"^[^=\s,][^=,]{0,39}$"


@dataclass(frozen=True)
class Round:
    """One round: ``villages`` by dotted code, ``households[(kode_desa, id)]`` outcome
    (:data:`OUTCOME`, -1 = not complete) or ``None`` when only counts were read."""

    label: str
    villages: dict[str, AreaSummary]
    form: str
    na_policy: str
    base: BerPhbsBase
    indicators: tuple[str, ...]
    sources: tuple[str, ...]
    households: dict[tuple[str, str], int] | None = field(default=None, repr=False)

    @property
    def definition(self) -> tuple[str, tuple[str, ...], str, str]:
        """What % ber-PHBS means in this round: the form, its indicators, the na_policy and
        the denominator. Two rounds whose definitions differ are not compared on it."""
        return (self.form, tuple(sorted(self.indicators)), self.na_policy, self.base.value)


def check_label(label: str) -> str:
    """A round's label as given (``2024``, ``2025-semester-1``), or refused."""
    import re

    if not re.fullmatch(LABEL_PATTERN, label):
        raise InputFileError(
            f"label putaran '{label}' tidak dapat dipakai: tulis 1–40 huruf atau angka tanpa "
            "'=' atau ',' (mis. 2024)",
            f"round label '{label}' cannot be used: write 1–40 letters or digits without '=' "
            "or ',' (e.g. 2024)",
        )
    return label


def household_outcomes(households: Iterable[HouseholdResult]) -> dict[tuple[str, str], int]:
    """Each household's outcome by (village code, id), for pairing rounds."""
    return {(h.kode_desa, h.id_rumah_tangga): OUTCOME.get(h.status, -1) for h in households}


#: Status codes (:class:`phbs.scoring.household.Status` order) → outcome for pairing.
_BY_STATUS = np.array([1, 0, -1], dtype=np.int8)


def batch_outcomes(
    batches: Iterable[tuple[HouseholdBatch, HouseholdOutcomes]],
) -> dict[tuple[str, str], int]:
    """Each household's outcome by (village code, id) from scored batches (a spool's), column
    by column: what pairing rounds needs, without a record per household."""
    found: dict[tuple[str, str], int] = {}
    for batch, outcomes in batches:
        codes = batch.kode_desa.tolist()
        paired = _BY_STATUS[outcomes.status].tolist()
        found.update(zip(zip(codes, batch.ids, strict=True), paired, strict=True))
    return found


def round_from_score(
    label: str,
    report: AreaReport,
    sources: Iterable[str],
    households: dict[tuple[str, str], int] | None = None,
) -> Round:
    """A round from a village-level summary (:func:`phbs.summarise` ``by="desa"``)."""
    if report.tingkat is not AreaLevel.DESA:
        raise ValueError("a round needs the summary by village")
    villages = {a.kode: a for a in report.wilayah if a.rumah_tangga_disurvei > 0}
    indicators = tuple(report.wilayah[0].indikator) if report.wilayah else ()
    return Round(
        label=check_label(label),
        villages=villages,
        form=report.formulir,
        na_policy=report.na_policy.value,
        base=report.penyebut.persen_ber_phbs,
        indicators=indicators,
        sources=tuple(sources),
        households=households,
    )


def read_round_json(label: str, path: str | Path) -> Round:
    """A round from the JSON of ``phbs score -o rekap.json`` (by village)."""
    path = Path(path)
    try:
        if path.stat().st_size > limits.current().json_bytes:
            raise limits.too_large_json(path.name)
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as error:
        raise InputFileError(f"{path}: berkas tidak ada", f"{path}: no such file") from error
    except (OSError, UnicodeDecodeError, RecursionError, json.JSONDecodeError) as error:
        raise UnusableFileError(
            f"{path.name}: bukan JSON rekap phbs score yang terbaca ({error})",
            f"{path.name}: not a readable phbs score JSON summary ({error})",
        ) from error
    if not isinstance(data, dict):
        data = {}
    try:
        settings = data["pengaturan"]
        level = settings["tingkat"]
        form = data["formulir"]["id"]
        areas = [AreaSummary.model_validate(area) for area in data["wilayah"]]
        base = BerPhbsBase(settings.get("penyebut", {}).get("persen_ber_phbs", "lengkap"))
        na_policy = str(settings["na_policy"])
    except (KeyError, TypeError, ValueError, ValidationError) as error:
        raise UnusableFileError(
            f"{path.name}: bukan JSON dari phbs score -o (kunci pengaturan, formulir atau "
            f"wilayah tidak sesuai: {str(error).splitlines()[0]})",
            f"{path.name}: not a JSON written by phbs score -o (settings, form or areas do not "
            f"fit: {str(error).splitlines()[0]})",
        ) from error
    if level != AreaLevel.DESA.value:
        raise UnusableFileError(
            f"{path.name}: rekap per {level}; perbandingan memerlukan rekap per desa "
            "(phbs score --by desa -o …json)",
            f"{path.name}: a summary by {level}; a comparison needs the summary by village "
            "(phbs score --by desa -o …json)",
        )
    villages = {a.kode: a for a in areas if a.rumah_tangga_disurvei > 0}
    indicators = tuple(areas[0].indikator) if areas else ()
    return Round(
        label=check_label(label),
        villages=villages,
        form=str(form),
        na_policy=na_policy,
        base=base,
        indicators=indicators,
        sources=(str(path),),
    )
