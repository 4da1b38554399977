"""A round from the village summary JSON of ``phbs score -o rekap.json`` (docs/aturan.md
§5.8): its counts, villages' totals, form, ``na_policy`` and denominator; no households."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from phbs.errors import FormError, InputFileError, UnusableFileError
from phbs.forms.denominators import BerPhbsBase
from phbs.forms.loading import load_form
from phbs.ingest import limits
from phbs.scoring.household import AreaLevel
from phbs.scoring.summary import AreaSummary
from phbs.trends.rounds import Round, check_label, questions


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
    try:  # a bundled form (or one by the path the JSON names) tells what each indicator asks
        asked = questions(load_form(str(data["formulir"].get("berkas") or form)).form)
    except (FormError, InputFileError, OSError, KeyError, TypeError, ValueError):
        try:
            asked = questions(load_form(str(form)).form)
        except (FormError, InputFileError, OSError, ValueError):
            asked = {}
    known = any(v.jumlah_rumah_tangga is not None for v in villages.values())
    return Round(
        label=check_label(label),
        villages=villages,
        form=str(form),
        na_policy=na_policy,
        base=base,
        indicators=indicators,
        sources=(str(path),),
        questions=asked,
        totals_source=str(path) if known else "",
    )
