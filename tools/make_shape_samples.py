"""Make the survey files bundled in ``phbs/data/contoh/`` in the shapes Puskesmas make them,
from the standard sample's households (and, for the tests, the same households in the
standard shape, so the two readings can be compared).

Run from the repository root (``--out`` defaults to ``phbs/data/contoh``)::

    python tools/make_shape_samples.py [--out DIR]

It writes, byte for byte the same on every run:

``kader_workbook`` is the kader's paper questionnaire typed into Excel: a title block, a
two-row header whose identity cells are merged down over both rows and whose indicators are
numbered 1–10 under a merged *Indikator PHBS* label, a row of column numbers under it, the
village by name (``Desa Batulicin``), the household by its family-card number (*No. KK*), and
answers ``V``/``X``/``-`` — with ``K`` (*kadang-kadang*) typed by a kader where the indicator
was not met: ``kuesioner-kader-batulicin.xlsx``, 120 households of six villages of
Kecamatan Batu Licin (``tests/ingest/test_mapping.py`` checks the bundled file is this one).
Its mapping, ``peta-kuesioner-kader-batulicin.yaml``, is what ``phbs map`` proposes for it with
its one question answered (``K`` is *tidak*).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from pathlib import Path

import xlsxwriter

from phbs.forms.loading import load_form
from phbs.regions import region_table
from phbs.resources import data_path

INDICATORS = tuple(load_form("kemenkes-rt-10").form.codes)
KADER_FILE = "kuesioner-kader-batulicin.xlsx"
KADER_MAP = "peta-kuesioner-kader-batulicin.yaml"
#: Households taken from each village of the standard sample.
PER_VILLAGE = 20
_YES = {"1", "y", "ya"}
_NO = {"0", "t", "tidak"}


def standard_households() -> list[dict[str, str]]:
    """The first households of each village of the Batulicin sample, with a family-card
    number as id (16 digits: the kabupaten, then the sample's own number)."""
    source = data_path("contoh", "survei-puskesmas-batulicin.csv")
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    regions = region_table()
    taken: dict[str, int] = {}
    chosen = []
    for row in rows:
        if not row["id_rumah_tangga"].startswith("BTL-") or row["kode_desa"] not in regions:
            continue  # a made-up code of the sample has a name of another village
        if taken.get(row["kode_desa"], 0) >= PER_VILLAGE:
            continue
        taken[row["kode_desa"]] = taken.get(row["kode_desa"], 0) + 1
        number = int(row["id_rumah_tangga"].removeprefix("BTL-"))
        chosen.append({**row, "id_rumah_tangga": f"6310{number:012d}"})
    return chosen


def standard_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """The households in the standard shape (codes, field names as headers)."""
    fields = [
        "id_rumah_tangga",
        "kode_desa",
        "nama_desa",
        "rt",
        "nama_kepala_rt",
        "umur_anak_termuda_bulan",
        *INDICATORS,
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(fields)
        for row in rows:
            writer.writerow([row[f] for f in fields])
    return path


def _kader_answer(value: str, count: int) -> str:
    folded = value.strip().casefold()
    if folded in _YES:
        return "V"
    if folded in _NO:
        return "K" if count % 4 == 0 else "X"
    return value.strip()


def kader_workbook(path: Path, rows: list[dict[str, str]]) -> Path:
    """The households as the typed kader questionnaire (see the module docstring)."""
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"created": dt.datetime(2025, 8, 30, 8, 0, 0)})  # the same bytes each run
    sheet = book.add_worksheet("Kuesioner")
    title = book.add_format({"bold": True, "align": "center"})
    head = book.add_format(
        {"bold": True, "align": "center", "valign": "vcenter", "border": 1, "text_wrap": True}
    )
    last = 6 + len(INDICATORS)
    sheet.merge_range(0, 0, 0, last, "REKAPITULASI PENDATAAN PHBS TATANAN RUMAH TANGGA", title)
    sheet.merge_range(1, 0, 1, last, "PUSKESMAS BATULICIN · KABUPATEN TANAH BUMBU · 2025", title)
    identity = [
        "No",
        "No. KK",
        "Nama Kepala Keluarga",
        "Desa/Kelurahan",
        "RT",
        "Umur Balita Termuda (bln)",
    ]
    for column, text in enumerate(identity):
        sheet.merge_range(3, column, 4, column, text, head)
    group = "INDIKATOR PHBS (V = ya, X = tidak, - = tidak berlaku)"
    sheet.merge_range(3, 6, 3, last - 1, group, head)
    for k in range(len(INDICATORS)):
        sheet.write_string(4, 6 + k, str(k + 1), head)
    sheet.merge_range(3, last, 4, last, "Ket", head)
    for column in range(last + 1):
        sheet.write_string(5, column, f"({column + 1})", head)
    not_met = 0
    for i, row in enumerate(rows):
        r = 6 + i
        sheet.write_number(r, 0, i + 1)
        sheet.write_string(r, 1, row["id_rumah_tangga"])
        sheet.write_string(r, 2, row["nama_kepala_rt"])
        sheet.write_string(r, 3, f"Desa {row['nama_desa']}")
        if row["rt"]:
            sheet.write_number(r, 4, int(row["rt"]))
        if row["umur_anak_termuda_bulan"]:
            sheet.write_number(r, 5, int(row["umur_anak_termuda_bulan"]))
        for k, code in enumerate(INDICATORS):
            if row[code].strip().casefold() in _NO:
                not_met += 1
            answer = _kader_answer(row[code], not_met)
            if answer:
                sheet.write_string(r, 6 + k, answer)
    sheet.set_column(0, 0, 4)
    sheet.set_column(1, 3, 20)
    sheet.set_column(5, 5, 10)
    sheet.set_column(6, last - 1, 4)
    book.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("phbs/data/contoh"))
    out = parser.parse_args().out
    kader_workbook(out / KADER_FILE, standard_households())


if __name__ == "__main__":
    main()
