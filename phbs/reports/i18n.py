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
    # --- contest ranking (phbs rank, phbs rubric) ---
    "rank.title": (
        "Peringkat lomba desa — rubrik {rubric} (versi {version})",
        "Village contest ranking — rubric {rubric} (version {version})",
    ),
    "rank.settings": (
        "Metode {method} · nilai juri: {aggregation} · seri bila sama sampai {decimals} desimal "
        "· penentu seri: {breakers}",
        "Method {method} · judges' scores: {aggregation} · tied when equal to {decimals} "
        "decimals · tie-breakers: {breakers}",
    ),
    "rank.none": ("(tidak ada)", "(none)"),
    "rank.topsis": (
        "Total = koefisien kedekatan TOPSIS (0–1, relatif terhadap desa peserta); % maks dan "
        "predikat dari jumlah tertimbang.",
        "Total = TOPSIS closeness coefficient (0–1, relative to the villages ranked); % max "
        "and label from the weighted sum.",
    ),
    "rank.col.rank": ("Peringkat", "Rank"),
    "rank.col.percent": ("% maks", "% max"),
    "rank.col.label": ("Predikat", "Label"),
    "rank.col.status": ("Keterangan", "Status"),
    "rank.status.tidak_lengkap": ("tidak lengkap", "incomplete"),
    "rank.status.dikeluarkan": ("dikeluarkan", "excluded"),
    "rank.counts": (
        "{ranked} desa diperingkat, {incomplete} tidak lengkap, {excluded} dikeluarkan "
        "(nilai maksimum {maximum})",
        "{ranked} villages ranked, {incomplete} incomplete, {excluded} excluded "
        "(maximum {maximum})",
    ),
    "rank.notes": ("Catatan (masuk berita acara):", "Notes (for the minutes):"),
    "rank.agreement.title": (
        "Kesepakatan juri (W Kendall, koreksi seri):",
        "Agreement between judges (Kendall's W, tie-corrected):",
    ),
    "rank.agreement.row": (
        "  {criterion}: W = {w} (χ² = {chi}, db = {df}, p = {p}; {judges} juri, {villages} desa)"
        "{low}",
        "  {criterion}: W = {w} (χ² = {chi}, df = {df}, p = {p}; {judges} judges, "
        "{villages} villages){low}",
    ),
    "rank.agreement.low": (
        " — RENDAH; juri paling berbeda: {judge}",
        " — LOW; least agreeing judge: {judge}",
    ),
    "rank.agreement.undefined": (
        "  {criterion}: W tidak dapat dihitung ({reason})",
        "  {criterion}: W cannot be computed ({reason})",
    ),
    "rank.issues.summary": (
        "Masalah peringkat: {errors} galat, {warnings} peringatan, {infos} info",
        "Ranking issues: {errors} errors, {warnings} warnings, {infos} notes",
    ),
    "rank.survey.issues": (
        "Data survei: {errors} galat, {warnings} peringatan, {infos} info (rincian: phbs validate)",
        "Survey data: {errors} errors, {warnings} warnings, {infos} notes (details: phbs validate)",
    ),
    "rank.issues.hint": (
        "Rincian masalah ada di keluaran JSON (-o peringkat.json).",
        "Every issue is listed in the JSON output (-o ranking.json).",
    ),
    "rubric.list.title": ("Rubrik bawaan", "Bundled rubrics"),
    "rubric.ahp.title": (
        "Bobot AHP dari matriks perbandingan berpasangan {file}",
        "AHP weights from the pairwise comparison matrix {file}",
    ),
    "rubric.ahp.consistency": (
        "λ maks = {lambda_max} · CI = {ci} · RI (Saaty, n = {n}) = {ri} · CR = {cr}",
        "λ max = {lambda_max} · CI = {ci} · RI (Saaty, n = {n}) = {ri} · CR = {cr}",
    ),
    "rubric.ahp.consistent": (
        "CR ≤ 0,10: perbandingan cukup konsisten.",
        "CR ≤ 0.10: the comparisons are consistent enough.",
    ),
    "rubric.ahp.inconsistent": (
        "CR = {cr} > 0,10: perbandingan tidak konsisten; tinjau ulang matriks bersama juri, atau "
        "pakai --force untuk tetap memakai bobot ini.",
        "CR = {cr} > 0.10: the comparisons are inconsistent; review the matrix with the judges, "
        "or use --force to use these weights anyway.",
    ),
    "rubric.ahp.forced": (
        "Peringatan: CR > 0,10, bobot tetap dipakai karena --force.",
        "Warning: CR > 0.10, weights used anyway because of --force.",
    ),
    "rubric.ahp.scaled": (
        "Bobot rubrik = bobot AHP × {total} (jumlah bobot lama {kind} ini).",
        "Rubric weight = AHP weight × {total} (the sum of the old weights of these {kind}).",
    ),
}


def t(key: str, lang: Lang = "id", **params: object) -> str:
    """Translate a label key, filling ``{params}``.

    >>> t("reconciliation", "en", read=3, scored=2, aside=1)
    '3 rows read = 2 scored + 1 set aside'
    """
    indonesian, english = LABELS[key]
    text = english if lang == "en" else indonesian
    return text.format(**params) if params else text
