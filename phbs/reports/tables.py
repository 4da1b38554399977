"""Plain table outputs: area summaries (CSV/JSON), households, rows set aside, issues.

Percentages are written at full precision; rounding is for display only, and for the
spreadsheet CSV (:class:`~phbs.outputs.CsvFormat`), which rounds them as the reports show
them (:data:`PERCENT_DECIMALS`, :data:`INDEX_DECIMALS`). Every file is written atomically
(see :mod:`phbs.outputs`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from phbs.i18n import Lang
from phbs.ingest.file_names import file_name
from phbs.ingest.survey import FileReading
from phbs.ingest.validate import Survey
from phbs.issues import ISSUE_COLUMNS, Issue
from phbs.outputs import PROGRESS_ROWS, CsvFormat, atomic_csv, atomic_text, machine_cell
from phbs.regions import REGION_TABLE_EDITION
from phbs.reports.denominators import denominator_columns
from phbs.scoring.household import AreaLevel
from phbs.scoring.results import ScoreResult
from phbs.scoring.summary import AreaReport, AreaSummary

if TYPE_CHECKING:
    from phbs.scoring.streaming import StreamedScore

STATUS_COLUMNS = ["rumah_tangga_disurvei", "ber_phbs", "tidak_ber_phbs", "belum_lengkap"]

#: Places of a percentage in the spreadsheet CSV: as the reports show it (``61,5 %``).
PERCENT_DECIMALS = 1

#: Places of a family health index (IKS, 0–1) in the spreadsheet CSV, as the terminal shows it.
INDEX_DECIMALS = 3


def area_columns(report: AreaReport, indicator_codes: Sequence[str]) -> list[str]:
    """Column names of the area CSV, in order.

    ``kode, nama, rumah_tangga_disurvei, ber_phbs, tidak_ber_phbs, belum_lengkap,
    persen_ber_phbs``, then ``<code>_ya, <code>_berlaku, <code>_cakupan`` per indicator,
    then the coverage and class columns, then the confidence bounds
    ``persen_ber_phbs_bawah, persen_ber_phbs_atas`` and ``<code>_cakupan_bawah,
    <code>_cakupan_atas`` per indicator (added after the older columns, never between them),
    the area IKS columns of an index-class form, and last the denominators the percentages
    were computed with (:func:`denominator_columns`).
    """
    columns = ["kode", "nama"]
    if report.tingkat is AreaLevel.DUSUN:
        columns.append("dusun")
    columns += [*STATUS_COLUMNS, "persen_ber_phbs"]
    for code in indicator_codes:
        columns += [f"{code}_ya", f"{code}_berlaku", f"{code}_cakupan"]
    columns += ["jumlah_desa", "jumlah_rumah_tangga", "persen_dipantau", "sampel_kurang"]
    if report.wilayah:
        columns += [f"kelas_{c}" for c in report.wilayah[0].kelas]
    columns += ["persen_ber_phbs_bawah", "persen_ber_phbs_atas"]
    for code in indicator_codes:
        columns += [f"{code}_cakupan_bawah", f"{code}_cakupan_atas"]
    columns += iks_columns(report)
    columns += healthy_columns(report)
    columns += denominator_columns(report)
    return columns


#: Area IKS columns, written only for forms whose classes come from the index (pispk-12).
IKS_COLUMNS = ["keluarga_sehat", "keluarga_berindeks", "keluarga_tanpa_indeks", "iks_wilayah"]


def iks_columns(report: AreaReport) -> list[str]:
    """``keluarga_sehat, keluarga_berindeks, keluarga_tanpa_indeks, iks_wilayah`` for a form
    with index classes (docs/aturan.md §4.2), else nothing; always after the older
    columns."""
    if report.wilayah and report.wilayah[0].keluarga_berindeks is not None:
        return list(IKS_COLUMNS)
    return []


#: % rumah tangga sehat columns, written only for forms whose classes count indicators and
#: have a healthy class (jateng-rt-16, riskesdas-2013).
HEALTHY_COLUMNS = [
    "rumah_tangga_sehat",
    "rumah_tangga_berkelas",
    "rumah_tangga_tanpa_kelas",
    "persen_rumah_tangga_sehat",
    "persen_rumah_tangga_sehat_bawah",
    "persen_rumah_tangga_sehat_atas",
]


def healthy_columns(report: AreaReport) -> list[str]:
    """:data:`HEALTHY_COLUMNS` for a form with healthy classes counted from indicators
    (docs/aturan.md §5.1), else nothing; always after the older columns."""
    if report.wilayah and report.wilayah[0].rumah_tangga_berkelas is not None:
        return list(HEALTHY_COLUMNS)
    return []


def area_row(area: AreaSummary) -> dict[str, Any]:
    """One area as a flat dictionary keyed like :func:`area_columns`."""
    row: dict[str, Any] = {
        "kode": area.kode,
        "nama": area.nama,
        "dusun": area.dusun,
        "rumah_tangga_disurvei": area.rumah_tangga_disurvei,
        "ber_phbs": area.ber_phbs,
        "tidak_ber_phbs": area.tidak_ber_phbs,
        "belum_lengkap": area.belum_lengkap,
        "persen_ber_phbs": area.persen_ber_phbs,
        "jumlah_desa": area.jumlah_desa,
        "jumlah_rumah_tangga": area.jumlah_rumah_tangga,
        "persen_dipantau": area.persen_dipantau,
        "sampel_kurang": area.sampel_kurang,
        "persen_ber_phbs_bawah": area.persen_ber_phbs_bawah,
        "persen_ber_phbs_atas": area.persen_ber_phbs_atas,
    }
    for code, coverage in area.indikator.items():
        row[f"{code}_ya"] = coverage.ya
        row[f"{code}_berlaku"] = coverage.berlaku
        row[f"{code}_cakupan"] = coverage.cakupan
        row[f"{code}_cakupan_bawah"] = coverage.cakupan_bawah
        row[f"{code}_cakupan_atas"] = coverage.cakupan_atas
    for code, count in area.kelas.items():
        row[f"kelas_{code}"] = count
    for column in (*IKS_COLUMNS, *HEALTHY_COLUMNS):
        row[column] = getattr(area, column)
    return row


def csv_cell(value: Any) -> str:
    """A value as a machine CSV cell: blank for none, ``ya``/``tidak`` for a flag, floats
    exactly (:func:`phbs.outputs.machine_cell`)."""
    return machine_cell(value)


def area_decimals(column: str) -> int | None:
    """Places of ``column`` of the area CSV in the spreadsheet CSV: percentages (``persen_*``,
    ``*_cakupan*``) :data:`PERCENT_DECIMALS`, the area IKS :data:`INDEX_DECIMALS`; None for
    counts.

    >>> area_decimals("persen_ber_phbs"), area_decimals("jamban_sehat_cakupan_bawah")
    (1, 1)
    >>> area_decimals("iks_wilayah"), area_decimals("ber_phbs")
    (3, None)
    """
    if column == "iks_wilayah":
        return INDEX_DECIMALS
    if column.startswith("persen_") or "_cakupan" in column:
        return PERCENT_DECIMALS
    return None


def write_areas_csv(
    report: AreaReport,
    survey: Survey,
    path: str | Path,
    *,
    csv_format: CsvFormat = CsvFormat.MACHINE,
) -> None:
    """Write one row per area (see :func:`area_columns`), as a machine or spreadsheet CSV."""
    columns = area_columns(report, survey.form.form.codes)
    places = [area_decimals(c) for c in columns]
    with atomic_csv(path, input_paths(survey), csv_format, places) as rows:
        rows.write(columns)
        bases = {
            "penyebut_persen_ber_phbs": report.penyebut.persen_ber_phbs.value,
            "penyebut_iks_wilayah": report.penyebut.iks_wilayah.value,
        }
        for area in report.wilayah:
            row = area_row(area) | bases
            rows.write([row.get(c) for c in columns])


def run_metadata(
    result: ScoreResult | StreamedScore, report: AreaReport | None = None
) -> dict[str, Any]:
    """Everything needed to audit and reproduce a result: tool, form, files, settings."""
    from phbs.version import __version__

    survey = result.survey
    loaded = survey.form
    return {
        "alat": {"nama": "phbs", "versi": __version__},
        "dibuat": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "formulir": {
            "id": loaded.form.id,
            "versi": loaded.form.version,
            "berkas": file_name(loaded.path),
            "sha256": loaded.sha256,
        },
        "pengaturan": {
            "na_policy": result.na_policy.value,
            "tingkat": report.tingkat.value if report else None,
            "id_unik_per": survey.id_scope.value,
            "indikator_tidak_dikumpulkan": list(loaded.not_collected),
            "tabel_kode_wilayah": REGION_TABLE_EDITION,
            **(
                {
                    "metode_ci": report.metode_ci.value,
                    "tingkat_kepercayaan": report.tingkat_kepercayaan,
                    "penyebut": {
                        "persen_ber_phbs": report.penyebut.persen_ber_phbs.value,
                        "iks_wilayah": report.penyebut.iks_wilayah.value,
                        "sumber": report.penyebut.source,
                    },
                }
                if report
                else {}
            ),
        },
        "berkas_masukan": [
            {
                "berkas": f.name,
                "sha256": f.sha256,
                "format": f.format,
                "encoding": f.encoding,
                "pemisah": f.delimiter,
                "lembar": f.sheet,
                "baris_dibaca": f.rows_read,
                "baris_diskor": f.rows_scored,
                "baris_disisihkan": f.rows_set_aside,
                "cara_baca": reading_metadata(f.reading),
                "peta": {"berkas": f.mapping, "sha256": f.mapping_sha256} if f.mapping else None,
            }
            for f in survey.files
        ],
        "rekonsiliasi": {
            "baris_dibaca": survey.rows_read,
            "baris_diskor": survey.rows_scored,
            "baris_disisihkan": survey.rows_set_aside,
        },
    }


def reading_metadata(reading: FileReading | None) -> dict[str, Any] | None:
    """How a file was read, for the JSON and the workbook's *Metadata*
    (:meth:`~phbs.ingest.survey.FileReading.record`)."""
    return None if reading is None else reading.record()


def write_areas_json(
    report: AreaReport,
    result: ScoreResult | StreamedScore,
    path: str | Path,
    extra_issues: Sequence[Issue] | None = None,
) -> None:
    """Write the areas with the settings that produced them and every issue.

    ``extra_issues`` replaces the default list (survey + area issues), e.g. to add the
    villages file's own issues.
    """
    survey = result.survey
    issues = extra_issues if extra_issues is not None else [*survey.issues, *report.masalah]
    absent = set(IKS_COLUMNS) - set(iks_columns(report))
    absent |= set(HEALTHY_COLUMNS) - set(healthy_columns(report))
    document = {
        **run_metadata(result, report),
        "wilayah": [a.model_dump(mode="json", exclude=absent) for a in report.wilayah],
        "masalah": [issue.record() for issue in issues],
    }
    with atomic_text(path, input_paths(survey)) as handle:
        json.dump(document, handle, ensure_ascii=False, indent=2, allow_nan=False)
        handle.write("\n")


def write_issues(
    issues: Sequence[Issue],
    path: str | Path,
    inputs: Iterable[str | Path],
    lang: Lang = "id",
    readings: Sequence[tuple[str, str]] = (),
    *,
    csv_format: CsvFormat = CsvFormat.MACHINE,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write issue records to ``.csv`` (machine or spreadsheet, ``csv_format``) or ``.xlsx``
    (by extension); a workbook also gets a sheet of how each file was read (``readings``:
    file, text).

    A CSV keeps its column names (:data:`ISSUE_COLUMNS`) and the severity code in ``tingkat``
    (``error``, ``warning``, ``info``) beside the issue ``kode``; ``pesan`` is the message in
    ``lang``. The workbook is for people: its headers and severities are in ``lang``
    (``galat``, ``peringatan``, ``info``), as in the report workbook. ``progress`` is called
    with the rows written every few thousand rows (it may raise to stop).
    """
    rows = [issue.as_row(lang) for issue in issues]
    if Path(path).suffix.lower() == ".xlsx":
        from phbs.reports.excel.issues import write_issues_xlsx

        write_issues_xlsx(rows, path, inputs, readings, lang, progress)
        return
    with atomic_csv(path, inputs, csv_format) as table:
        table.write(ISSUE_COLUMNS)
        for number, row in enumerate(rows, start=1):
            table.write([row[c] for c in ISSUE_COLUMNS])
            if progress is not None and not number % PROGRESS_ROWS:
                progress(number)


def input_paths(survey: Survey) -> list[str]:
    """The survey's input files, which an output may never overwrite."""
    return [f.path for f in survey.files]


if not TYPE_CHECKING:  # names of version 0.1, handed on with a warning for a release
    from phbs._moved import handed_on

    __getattr__ = handed_on(__name__)
