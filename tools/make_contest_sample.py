"""Make the synthetic contest files bundled in ``phbs/data/contoh/`` for ``phbs rank``.

Run from the repository root (``--out`` defaults to ``phbs/data/contoh``)::

    python tools/make_contest_sample.py [--out DIR]

It writes, byte for byte the same on every run (``numpy.random.default_rng(20251014)``):

* ``juri-lomba.csv`` -- long form ``kode_desa, nama_desa, kriteria, juri, nilai, catatan``:
  3 judges x 14 villages x the 11 judged criteria of ``lomba-desa-ber-phbs`` = 462 rows. Each
  village has a level of PHBS activity (below) plus a per-criterion deviation shared by all
  judges; each judge adds a leniency and noise (the third judge is noisier) and writes numbers
  in steps of 5, or an option letter a-d (a >= 80, b >= 60, c >= 40). One score is left blank on
  purpose (Dewi Kartika, Sungai Lembu, musyawarah_desa) with a note saying why.
* ``atribut-desa.csv`` -- ``kode_desa, nama_desa, status_odf, kader_aktif, sk_phbs_desa``.
* ``koreksi.csv`` -- two recorded overrides: one corrected survey figure, one exclusion.
* ``matriks-ahp.csv`` -- the panel's pairwise comparison of the three groups (upper triangle
  filled, the rest left blank for their reciprocals), for ``phbs rubric ahp``.

Every judge, score and fact is fictional; only the village codes and names are real.
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

import numpy as np

# code, name, level of PHBS activity (0-100), status_odf, active kader, village decree
VILLAGES: list[tuple[str, str, int, str, int, str]] = [
    ("63.10.01.1007", "Batulicin", 82, "terverifikasi", 22, "ya"),
    ("63.10.01.1028", "Gunungtinggi", 70, "deklarasi", 14, "ya"),
    ("63.10.01.2005", "Segumbang", 60, "deklarasi", 9, "ya"),
    ("63.10.01.2006", "Kersik Putih", 52, "belum", 6, "tidak"),
    ("63.10.01.2029", "Maju Makmur", 58, "belum", 8, "ya"),
    ("63.10.01.2031", "Sukamaju", 62, "belum", 5, "ya"),
    ("63.10.01.2033", "Danauindah", 72, "terverifikasi", 12, "ya"),
    ("63.10.02.1001", "Kota Pagatan", 78, "terverifikasi", 19, "ya"),
    ("63.10.02.2002", "Betung", 63, "deklarasi", 11, "ya"),
    ("63.10.02.2003", "Sungai Lembu", 48, "belum", 7, "tidak"),
    ("63.10.02.2005", "Pejala", 74, "deklarasi", 16, "ya"),
    ("63.10.02.2008", "Kampung Baru", 40, "belum", 3, "tidak"),
    ("63.10.02.2012", "Pulau Salak", 66, "belum", 4, "ya"),
    ("63.10.02.2021", "Muara Pagatan", 55, "belum", 10, "tidak"),
]
# judge, leniency, noise (standard deviation)
JUDGES: list[tuple[str, float, float]] = [
    ("Rusmini", 3.0, 4.0),
    ("Ahmad Fauzan", 0.0, 5.0),
    ("Dewi Kartika", -3.0, 9.0),
]
# judged criteria of lomba-desa-ber-phbs, and whether judges answer with an option letter
CRITERIA: list[tuple[str, bool]] = [
    ("dukungan_kebijakan", True),
    ("lingkup_kebijakan", True),
    ("pembiayaan", True),
    ("sumber_pembiayaan", True),
    ("kader_terlatih", True),
    ("media_penyuluhan", True),
    ("pelatihan_kader", True),
    ("pendataan_phbs", False),
    ("penyuluhan", False),
    ("musyawarah_desa", False),
    ("pembinaan", False),
]
BLANK = ("63.10.02.2003", "musyawarah_desa", "Dewi Kartika")
BLANK_NOTE = "notulen MMD belum diperlihatkan saat kunjungan; nilai menyusul"
OVERRIDES = [
    (
        "63.10.02.2003",
        "ubah",
        "cakupan_jamban_sehat",
        "65",
        "Verifikasi 10 rumah sampel (berita acara 14/10/2025): 3 rumah yang tercatat berjamban "
        "sehat memakai jamban cemplung; cakupan dikoreksi menurut hasil verifikasi",
    ),
    (
        "63.10.01.2029",
        "keluarkan",
        "",
        "",
        "Data survei tidak dapat diverifikasi: 4 dari 10 rumah sampel tidak ditemukan (berita "
        "acara verifikasi 15/10/2025)",
    ),
]


def _letter(score: float) -> str:
    if score >= 80:
        return "a"
    if score >= 60:
        return "b"
    if score >= 40:
        return "c"
    return "d"


def judges_csv() -> str:
    """The judges' file, long form."""
    rng = np.random.default_rng(20251014)
    deviation = rng.normal(0.0, 8.0, size=(len(VILLAGES), len(CRITERIA)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kode_desa", "nama_desa", "kriteria", "juri", "nilai", "catatan"])
    for v, (code, name, level, *_rest) in enumerate(VILLAGES):
        for c, (criterion, lettered) in enumerate(CRITERIA):
            for judge, leniency, noise in JUDGES:
                raw = level + deviation[v, c] + leniency + rng.normal(0.0, noise)
                score = float(np.clip(5 * round(raw / 5), 0, 100))
                value = _letter(score) if lettered else f"{score:.0f}"
                note = ""
                if (code, criterion, judge) == BLANK:
                    value, note = "", BLANK_NOTE
                writer.writerow([code, name, criterion, judge, value, note])
    return out.getvalue()


def attributes_csv() -> str:
    """The village attributes file."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kode_desa", "nama_desa", "status_odf", "kader_aktif", "sk_phbs_desa"])
    for code, name, _level, odf, kader, decree in VILLAGES:
        writer.writerow([code, name, odf, kader, decree])
    return out.getvalue()


def overrides_csv() -> str:
    """The overrides file."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kode_desa", "tindakan", "kriteria", "nilai", "alasan"])
    writer.writerows(OVERRIDES)
    return out.getvalue()


# masukan / proses / keluaran, Saaty's 1-9 scale: process slightly more important than input
# and output, output slightly more important than input.
MATRIX = [
    ["", "masukan", "proses", "keluaran"],
    ["masukan", "1", "1/2", "1/2"],
    ["proses", "", "1", "2"],
    ["keluaran", "", "", "1"],
]


def matrix_csv() -> str:
    """The pairwise comparison matrix of the groups."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(MATRIX)
    return out.getvalue()


FILES = {
    "juri-lomba.csv": judges_csv,
    "atribut-desa.csv": attributes_csv,
    "koreksi.csv": overrides_csv,
    "matriks-ahp.csv": matrix_csv,
}


def main(argv: list[str] | None = None) -> int:
    """Write the three files into ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path("phbs/data/contoh"))
    args = parser.parse_args(argv)
    for name, make in FILES.items():
        path = args.out / name
        path.write_text(make(), encoding="utf-8", newline="")
        print(f"{path}: {make().count(chr(10)) - 1} data rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
