"""The message catalogue for labels shown to people: Indonesian by default, English on request.

Issue messages live with the issue catalogue (:mod:`phbs.issues`); this module holds every
other label the CLI and the reports print.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["id", "en"]

LABELS: dict[str, tuple[str, str]] = {
    "kode": ("Kode", "Code"),
    "nama": ("Nama", "Name"),
    "dusun": ("Dusun", "Sub-village"),
    "disurvei": ("Disurvei", "Surveyed"),
    "ber_phbs": ("Ber-PHBS", "PHBS"),
    "tidak_ber_phbs": ("Tidak", "Not PHBS"),
    "belum_lengkap": ("Blm lengkap", "Incomplete"),
    "persen_ber_phbs": ("% ber-PHBS", "% PHBS"),
    "dipantau": ("% dipantau", "% monitored"),
    "sampel_kurang": ("sampel < 210", "sample < 210"),
    "total": ("Jumlah", "Total"),
    "level.dusun": ("dusun", "sub-village"),
    "level.desa": ("desa/kelurahan", "village"),
    "level.kecamatan": ("kecamatan", "district"),
    "level.kabupaten": ("kabupaten/kota", "regency/city"),
    "level.provinsi": ("provinsi", "province"),
    "title.score": ("Hasil PHBS rumah tangga per {level}", "Household PHBS results by {level}"),
    "reconciliation": (
        "{read} baris dibaca = {scored} diskor + {aside} disisihkan",
        "{read} rows read = {scored} scored + {aside} set aside",
    ),
    "issues.summary": (
        "Masalah data: {errors} galat, {warnings} peringatan, {infos} info",
        "Data issues: {errors} errors, {warnings} warnings, {infos} notes",
    ),
    "issues.none": ("Tidak ada masalah data.", "No data issues."),
    "issues.hint": (
        "Rincian: phbs validate {files} -o masalah.xlsx",
        "Details: phbs validate {files} -o issues.xlsx",
    ),
    "settings": (
        "Formulir {form} · na_policy {policy} · tingkat {level}",
        "Form {form} · na_policy {policy} · level {level}",
    ),
    "note.persen": (
        "% ber-PHBS = ber-PHBS / (ber-PHBS + tidak) × 100; rumah tangga belum lengkap tidak "
        "masuk penyebut dan ditampilkan di sampingnya.",
        "% PHBS = PHBS / (PHBS + not PHBS) × 100; incomplete households are left out of the "
        "denominator and shown beside it.",
    ),
    "written": ("Ditulis: {path}", "Written: {path}"),
    "more": ("… dan {count} lagi", "… and {count} more"),
    "validate.title": ("Pemeriksaan data: {files}", "Data check: {files}"),
    "validate.ok": ("Tidak ada galat.", "No errors."),
    "validate.errors": (
        "{errors} galat ditemukan: baris yang disisihkan tidak diskor.",
        "{errors} errors found: rows set aside are not scored.",
    ),
    "yes": ("ya", "yes"),
    "no": ("tidak", "no"),
    "forms.title": ("Formulir bawaan", "Bundled forms"),
    "demo.title": (
        "Contoh: survei sintetis Kabupaten Tanah Bumbu",
        "Demo: synthetic survey of Tanah Bumbu",
    ),
    "demo.outputs": ("Hasil contoh ada di {folder}:", "Demo outputs are in {folder}:"),
}


def t(key: str, lang: Lang = "id", **params: object) -> str:
    """Translate a label key, filling ``{params}``.

    >>> t("reconciliation", "en", read=3, scored=2, aside=1)
    '3 rows read = 2 scored + 1 set aside'
    """
    indonesian, english = LABELS[key]
    text = english if lang == "en" else indonesian
    return text.format(**params) if params else text
