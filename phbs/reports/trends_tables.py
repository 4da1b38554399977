"""The comparison of survey rounds as CSV and JSON (docs/aturan.md §5.8, §10.6).

The CSV has one row per area and pair of rounds compared (``putaran_awal`` → ``putaran_akhir``):
each round's % ber-PHBS with its numerator, denominator and interval, the change in
percentage points with its interval and verdict (or the reason there is none), the
households found in both rounds, and per indicator compared the two coverages and their
change. The JSON holds the whole :class:`~phbs.trends.models.Trends` with the tool's version.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from phbs.contest.improvement import Improvement
from phbs.issues import Issue
from phbs.outputs import CsvFormat, atomic_csv, atomic_text
from phbs.trends.models import AreaTrend, Change, Measure, Transitions, Trends

#: Columns of a round's % ber-PHBS (``{r}``: ``awal`` or ``akhir``).
_ROUND = ("disurvei_{r}", "ber_phbs_{r}", "penyebut_{r}", "persen_ber_phbs_{r}")
_PAIRED = (
    "berpasangan",
    "tetap_ber_phbs",
    "menjadi_ber_phbs",
    "tidak_lagi_ber_phbs",
    "tetap_tidak",
    "berpasangan_belum_lengkap",
    "id_sama_nama_berbeda",
    "perubahan_berpasangan",
    "perubahan_berpasangan_bawah",
    "perubahan_berpasangan_atas",
    "putusan_berpasangan",
)
_PERCENT_DECIMALS = 1


def trends_columns(trends: Trends) -> list[str]:
    """The CSV's columns, in order."""
    columns = ["tingkat", "kode", "nama", "kode_asal", "desa_disisihkan"]
    columns += ["putaran_awal", "putaran_akhir", "penyebut_persen_ber_phbs"]
    for r in ("awal", "akhir"):
        columns += [c.format(r=r) for c in _ROUND]
        columns += [f"persen_ber_phbs_{r}_bawah", f"persen_ber_phbs_{r}_atas"]
    columns += [
        "perubahan_persen_ber_phbs",
        "perubahan_persen_ber_phbs_bawah",
        "perubahan_persen_ber_phbs_atas",
    ]
    columns += ["putusan", "alasan", *_PAIRED]
    for code in trends.indikator_dibandingkan:
        columns += [f"{code}_berlaku_awal", f"{code}_cakupan_awal"]
        columns += [f"{code}_berlaku_akhir", f"{code}_cakupan_akhir"]
        columns += [f"{code}_perubahan", f"{code}_perubahan_bawah", f"{code}_perubahan_atas"]
        columns += [f"{code}_putusan"]
    return columns


def _decimals(column: str) -> int | None:
    numeric = ("persen", "perubahan", "cakupan")
    if any(word in column for word in numeric) and not column.endswith("putusan"):
        return _PERCENT_DECIMALS
    return None


def _change_cells(change: Change, prefix: str) -> dict[str, Any]:
    return {
        f"{prefix}": change.perubahan,
        f"{prefix}_bawah": change.bawah,
        f"{prefix}_atas": change.atas,
    }


def _paired_cells(paired: Transitions | None) -> dict[str, Any]:
    if paired is None:
        return {}
    return {
        "berpasangan": paired.berpasangan,
        "tetap_ber_phbs": paired.tetap_ber_phbs,
        "menjadi_ber_phbs": paired.menjadi_ber_phbs,
        "tidak_lagi_ber_phbs": paired.tidak_lagi_ber_phbs,
        "tetap_tidak": paired.tetap_tidak,
        "berpasangan_belum_lengkap": paired.belum_lengkap,
        "id_sama_nama_berbeda": paired.nama_berbeda,
        "perubahan_berpasangan": paired.perubahan,
        "perubahan_berpasangan_bawah": paired.bawah,
        "perubahan_berpasangan_atas": paired.atas,
        "putusan_berpasangan": paired.putusan.value if paired.putusan else None,
    }


def _indicator_cells(
    code: str, measure: Measure, first: int, last: int, pair: int
) -> dict[str, Any]:
    change = measure.perubahan[pair]
    return {
        f"{code}_berlaku_awal": measure.nilai[first].n,
        f"{code}_cakupan_awal": measure.nilai[first].persen,
        f"{code}_berlaku_akhir": measure.nilai[last].n,
        f"{code}_cakupan_akhir": measure.nilai[last].persen,
        **_change_cells(change, f"{code}_perubahan"),
        f"{code}_putusan": change.putusan.value if change.putusan else None,
    }


def trend_rows(trends: Trends) -> Iterable[dict[str, Any]]:
    """One dict per area and pair compared, keyed by :func:`trends_columns`."""
    index = {info.label: i for i, info in enumerate(trends.putaran)}
    bases = {info.label: info.penyebut for info in trends.putaran}
    for area in trends.wilayah:
        for p, (first_label, last_label) in enumerate(trends.perbandingan):
            first, last = index[first_label], index[last_label]
            yield _area_row(area, p, first, last) | {
                "putaran_awal": first_label,
                "putaran_akhir": last_label,
                "penyebut_persen_ber_phbs": bases[last_label]
                if bases[first_label] == bases[last_label]
                else f"{bases[first_label]} / {bases[last_label]}",
            }


def _area_row(area: AreaTrend, pair: int, first: int, last: int) -> dict[str, Any]:
    ber = area.persen_ber_phbs
    change = ber.perubahan[pair]
    row: dict[str, Any] = {
        "tingkat": area.tingkat,
        "kode": area.kode,
        "nama": area.nama,
        "kode_asal": "; ".join(area.kode_asal),
        "desa_disisihkan": "; ".join(area.desa_disisihkan),
        **_change_cells(change, "perubahan_persen_ber_phbs"),
        "putusan": change.putusan.value if change.putusan else None,
        "alasan": change.alasan.value if change.alasan else None,
    }
    for r, i in (("awal", first), ("akhir", last)):
        value = ber.nilai[i]
        row |= {
            f"disurvei_{r}": area.disurvei[i],
            f"ber_phbs_{r}": value.x,
            f"penyebut_{r}": value.n,
            f"persen_ber_phbs_{r}": value.persen,
            f"persen_ber_phbs_{r}_bawah": value.bawah,
            f"persen_ber_phbs_{r}_atas": value.atas,
        }
    paired = next((t for t in area.transisi if (t.dari, t.ke) == (change.dari, change.ke)), None)
    row |= _paired_cells(paired)
    for code, measure in area.indikator.items():
        row |= _indicator_cells(code, measure, first, last, pair)
    return row


def write_trends_csv(
    trends: Trends,
    path: str | Path,
    inputs: Iterable[str | Path] = (),
    *,
    csv_format: CsvFormat = CsvFormat.MACHINE,
) -> None:
    """Write the comparison as CSV (machine, or for a spreadsheet with ``csv_format``)."""
    columns = trends_columns(trends)
    with atomic_csv(path, inputs, csv_format, [_decimals(c) for c in columns]) as rows:
        rows.write(columns)
        for row in trend_rows(trends):
            rows.write([row.get(c) for c in columns])


def write_trends_json(
    trends: Trends,
    path: str | Path,
    inputs: Iterable[str | Path] = (),
    *,
    issues: Sequence[Issue] = (),
    reading: Sequence[str] = (),
    improvement: Improvement | None = None,
) -> None:
    """Write the whole comparison as JSON, with the tool's name and version, the reading
    options the rounds were read with (``reading``, as typed), the statements a reader needs
    for each pair (``catatan``, Indonesian and English) and every issue: ``issues`` (those
    found reading the rounds' files) before the comparison's own; ``improvement`` (who
    improved most, :func:`phbs.contest.improvement.rank_improvement`) when ranked."""
    from phbs.reports.trends_text import statements
    from phbs.version import __version__

    document = {
        "alat": {"nama": "phbs", "versi": __version__},
        "dibuat": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "pengaturan_baca": list(reading),
        **trends.model_dump(mode="json", exclude={"masalah"}),
        "catatan": {
            f"{a} → {b}": {
                "id": statements(trends, i, "id"),
                "en": statements(trends, i, "en"),
            }
            for i, (a, b) in enumerate(trends.perbandingan)
        },
        "paling_meningkat": improvement.model_dump(mode="json") if improvement else None,
        "masalah": [issue.record() for issue in [*issues, *trends.masalah]],
    }
    with atomic_text(path, inputs) as handle:
        json.dump(document, handle, ensure_ascii=False, indent=2, allow_nan=False)
        handle.write("\n")
