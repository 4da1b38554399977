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

``member_csv`` is a family roster: one row per family member (``anggota-keluarga-batulicin.csv``),
the family card number on every row, each member's age in months, the village by name; the
household's answers on the head's row (the child questions on the youngest child's row), and
the three questions about members aged 10 and over on the row of each such member — the head
is the one who does not, a child under ten has ``-``.

``answers_csv`` is an app's answer table: one row per answer (``jawaban-aplikasi-batulicin.csv``):
household, the question as the app labels it, the answer as ``Ya``/``Tidak``/``Tidak
berlaku``; a question not answered has no row, and one answer was sent twice.

``recap_workbook`` is the recap sheet a Puskesmas sends to the district
(``rekap-puskesmas-kusan-hilir.xlsx``): the Kusan Hilir sample scored by village, one row per
village by name, a two-row header (each indicator's name merged over *Ada* and *Ya*), the
households surveyed and not complete, ber-PHBS with its percentage, a *JUMLAH* row under the
table.
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
MEMBER_FILE = "anggota-keluarga-batulicin.csv"
ANSWERS_FILE = "jawaban-aplikasi-batulicin.csv"
RECAP_FILE = "rekap-puskesmas-kusan-hilir.xlsx"
RECAP_SOURCE = "survei-puskesmas-kusan-hilir.csv"
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


_WIVES = ("Siti", "Rina", "Dewi", "Nur", "Wati", "Sri", "Yuni", "Lestari", "Ani", "Fitri")
_CHILDREN = ("Budi", "Agus", "Putri", "Rahmat", "Aisyah", "Ahmad", "Nabila", "Rizki", "Dimas")
#: The form's spellings an app stores, for the standard sample's answers.
_APP_ANSWER = {"yes": "Ya", "no": "Tidak", "na": "Tidak berlaku"}


def _kind(value: str) -> str:
    folded = value.strip().casefold()
    if folded in _YES:
        return "yes"
    if folded in _NO:
        return "no"
    return "na" if folded == "-" else "" if not folded else "other"


def _members(row: dict[str, str], i: int) -> list[tuple[str, str, int]]:
    """A household's members: (name, relation, age in months), the head first."""
    members = [(row["nama_kepala_rt"], "Kepala Keluarga", 12 * (30 + i % 30))]
    if i % 5:
        members.append((_WIVES[i % 10], "Istri", 12 * (27 + i % 25)))
    youngest = row["umur_anak_termuda_bulan"]
    if i % 3 == 0 or not youngest:
        members.append((_CHILDREN[(i + 3) % len(_CHILDREN)], "Anak", 12 * (7 + i % 9)))
    if youngest:
        members.append((_CHILDREN[(i + 6) % len(_CHILDREN)], "Anak", int(youngest)))
    return members


def member_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """The households as a family roster: one row per member (see the module docstring)."""
    form = load_form("kemenkes-rt-10").form
    every = {i.code for i in form.indicators if i.from_members == "all_members"}
    child = {"persalinan_nakes", "asi_eksklusif", "timbang_balita"}
    names = [i.name for i in form.indicators]
    header = ["No KK", "Nama Anggota Keluarga", "Hubungan dengan KK", "Umur (bulan)", "Desa"]
    header += ["RT", "Tanggal Pendataan", "Kader", *names]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        for i, row in enumerate(rows):
            members = _members(row, i)
            youngest = len(members) - 1 if row["umur_anak_termuda_bulan"] else 0
            for m, (name, relation, age) in enumerate(members):
                answers = []
                for code in INDICATORS:
                    value = row[code]
                    if code in every:
                        if age < 120:
                            value = "-"
                        elif m and _kind(value) in ("no", ""):
                            value = "Ya"  # the head is the one who does not (or was not asked)
                    elif m != (youngest if code in child else 0):
                        value = ""
                    answers.append(value)
                identity = [row["id_rumah_tangga"], name, relation, str(age), row["nama_desa"]]
                place = [row["rt"], row["tanggal_survei"], row["petugas"]]
                writer.writerow([*identity, *place, *answers])
    return path


def answers_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """The households as an app's answer table: one row per answer, unanswered questions
    not stored, one answer sent twice (see the module docstring)."""
    form = load_form("kemenkes-rt-10").form
    header = ["id_jawaban", "no_kk", "kode_wilayah", "rt", "umur_balita_termuda", "pertanyaan"]
    header += ["jawaban", "dibuat_pada"]
    number = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i, row in enumerate(rows):
            date = row["tanggal_survei"]
            if "/" in date:
                day, month, year = date.split("/")
                date = f"{year}-{month}-{day}"
            for k, indicator in enumerate(form.indicators):
                kind = _kind(row[indicator.code])
                if not kind:
                    continue
                answer = _APP_ANSWER.get(kind, row[indicator.code])
                times = 2 if i == 7 and k == 4 else 1  # sent twice from the phone
                for _ in range(times):
                    number += 1
                    code = row["kode_desa"].replace(".", "")
                    identity = [str(number), row["id_rumah_tangga"], code, row["rt"]]
                    asked = [row["umur_anak_termuda_bulan"], indicator.name, answer]
                    writer.writerow([*identity, *asked, f"{date} 10:{k:02d}:00"])
    return path


def recap_workbook(path: Path) -> Path:
    """The Kusan Hilir sample as a Puskesmas recap sheet (see the module docstring)."""
    import phbs

    form = load_form("kemenkes-rt-10").form
    survey = phbs.read_survey([data_path("contoh", RECAP_SOURCE)])
    areas = phbs.summarise(phbs.score(survey)).wilayah
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"created": dt.datetime(2025, 9, 1, 8, 0, 0)})
    sheet = book.add_worksheet("Rekap Desa")
    title = book.add_format({"bold": True, "align": "center"})
    head = book.add_format(
        {"bold": True, "align": "center", "valign": "vcenter", "border": 1, "text_wrap": True}
    )
    percent = book.add_format({"num_format": "0.0", "border": 1})
    cell = book.add_format({"border": 1})
    last = 4 + 2 * len(form.indicators) + 1
    sheet.merge_range(0, 0, 0, last, "REKAPITULASI PHBS TATANAN RUMAH TANGGA PER DESA", title)
    sheet.merge_range(1, 0, 1, last, "PUSKESMAS KUSAN HILIR · TAHUN 2025", title)
    for column, text in enumerate(["No", "Desa/Kelurahan", "Jumlah RT Didata", "RT Belum Lengkap"]):
        sheet.merge_range(3, column, 4, column, text, head)
    for k, indicator in enumerate(form.indicators):
        left = 4 + 2 * k
        sheet.merge_range(3, left, 3, left + 1, f"{indicator.number}. {indicator.name}", head)
        sheet.write_string(4, left, "Ada", head)
        sheet.write_string(4, left + 1, "Ya", head)
    sheet.merge_range(3, last - 1, 3, last, "RT Ber-PHBS", head)
    sheet.write_string(4, last - 1, "Jml", head)
    sheet.write_string(4, last, "%", head)
    totals = [0] * (last + 1)
    for i, area in enumerate(areas):
        r = 5 + i
        values = [area.rumah_tangga_disurvei, area.belum_lengkap]
        for indicator in form.indicators:
            coverage = area.indikator[indicator.code]
            values += [coverage.berlaku, coverage.ya]
        values.append(area.ber_phbs)
        sheet.write_number(r, 0, i + 1, cell)
        sheet.write_string(r, 1, area.nama, cell)
        for k, value in enumerate(values):
            sheet.write_number(r, 2 + k, value, cell)
            totals[2 + k] += value
        sheet.write_number(r, last, round(area.persen_ber_phbs or 0.0, 1), percent)
    r = 5 + len(areas)
    sheet.merge_range(r, 0, r, 1, "JUMLAH", head)
    for k in range(2, last):
        sheet.write_number(r, k, totals[k], head)
    sheet.set_column(1, 1, 18)
    sheet.set_column(2, last, 7)
    book.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("phbs/data/contoh"))
    out = parser.parse_args().out
    households = standard_households()
    kader_workbook(out / KADER_FILE, households)
    member_csv(out / MEMBER_FILE, households)
    answers_csv(out / ANSWERS_FILE, households)
    recap_workbook(out / RECAP_FILE)


if __name__ == "__main__":
    main()
