"""Make the synthetic PHBS household survey bundled in ``phbs/data/contoh/`` for ``phbs demo``.

Run from the repository root (``--regions`` defaults to the Kemendagri 2025 table bundled in
``phbs/data``, docs/aturan.md §9.2; ``--out`` defaults to ``phbs/data/contoh``)::

    python tools/make_sample_data.py [--regions PATH] [--out DIR]

It writes, byte for byte the same on every run (``numpy.random.default_rng(2025)``):

* ``survei-puskesmas-batulicin.csv`` -- 7 villages of kecamatan Batu Licin (63.10.01), 1,342
  households plus 5 deliberately broken rows = 1,347 data rows; UTF-8 with BOM, ``;``, CRLF.
* ``survei-puskesmas-kusan-hilir.csv`` -- 7 villages of kecamatan Kusan Hilir (63.10.02), 1,668
  households plus 4 broken rows = 1,672 data rows; plain UTF-8, ``,``, ``\\n``.
* ``desa-tanah-bumbu.csv`` -- ``kode_desa,nama_desa,jumlah_rumah_tangga`` for the 14 villages.
* ``putaran-2024-puskesmas-batulicin.csv``, ``putaran-2024-puskesmas-kusan-hilir.csv`` -- the
  same Puskesmas a year earlier (1,160 + 1,500 households, 13 villages), made from the 2025
  rows with a generator of its own; what is true in them is in ``tools/sample_round_2024.py``.

Every household, name and answer is fictional. The deliberate mess (counts: file 1 + file 2):

* rows whose identity is broken, to be set aside whole -- 9 rows: a repeated id 4 (2 + 2; in each
  file one identical copy right after its original and one later copy with another date, kader
  and two answers flipped), no id 2 (1 + 1), malformed village code 2 (``63.10.1.2005``;
  ``63.10.02.20O5`` with a letter O), well-formed code not in the table 1 (``63.10.01.2999``);
* bad cells, to be treated as missing with the row kept: blank answer on an applicable indicator
  11 (6 + 5), ``-`` on an always-applicable indicator 4-7 5 (3 + 2), unreadable answer 5 (``2``,
  ``yy``, ``?`` + ``?``, ``yy``);
* an answer on an indicator that does not apply 6 (3 + 3): indicator 2 for a child older than 6
  months 4 (2 + 2), indicator 1 in a household without a child under five 2 (1 + 1);
* village name differing from the table 5 rows (3 x ``Kersik Puti``, 2 x ``Sungai Lembuh``);
* valid but mixed forms: village code as 10 digits without dots 661 rows (319 + 342: Gunungtinggi,
  Betung); tanggal_survei as ``dd/mm/yyyy`` 1,367 (1,077 + 290), ISO 1,188 (32 + 1,156), Excel
  serial 464 (238 + 226); answers Ya as ``Ya`` 5,365, ``ya`` 2,774, ``Y`` 3,278, ``1`` 4,035,
  ``YA`` 2,663, `` YA `` 39, ``y`` 42 and Tidak as ``Tidak`` 1,473, ``tidak`` 1,157, ``T`` 978,
  ``0`` 879, ``TIDAK`` 751, ``t`` 8 (each kader has a habit, 1.5 % of answers deviate); not
  applicable written ``-`` or left blank, by kader habit.

The run prints the same summary, with every deliberate mistake's file, spreadsheet row (header =
row 1), column and value.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import io
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import NormalDist

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_REGIONS = ROOT / "phbs" / "data" / "kode-wilayah-kemendagri-2025.csv.gz"
DEFAULT_OUT = ROOT / "phbs" / "data" / "contoh"

# fmt: off
INDICATORS = ("persalinan_nakes", "asi_eksklusif", "timbang_balita", "air_bersih", "cuci_tangan",
              "jamban_sehat", "berantas_jentik", "buah_sayur", "aktivitas_fisik", "tidak_merokok")
HEADER = ("id_rumah_tangga", "kode_desa", "nama_desa", "dusun", "rw", "rt", "tanggal_survei",
          "petugas", "nama_kepala_rt", "umur_anak_termuda_bulan", *INDICATORS)
# Share of households answering Ya in the worst (quality 0) and best (quality 1) village.
RATES = {"persalinan_nakes": (0.80, 0.98), "asi_eksklusif": (0.45, 0.80),
         "timbang_balita": (0.55, 0.95), "air_bersih": (0.85, 0.98), "cuci_tangan": (0.45, 0.97),
         "jamban_sehat": (0.60, 0.95), "berantas_jentik": (0.40, 0.95), "buah_sayur": (0.50, 0.96),
         "aktivitas_fisik": (0.65, 0.98), "tidak_merokok": (0.33, 0.64)}
RHO = 0.7  # correlation of the answers within a household (Gaussian copula)

# code, households surveyed, households in the village, quality 0..1, codes written without dots
FILES = (
    ("survei-puskesmas-batulicin.csv", "BTL", dt.date(2025, 8, 4), ";", "\r\n", "utf-8-sig", (
        ("63.10.01.1007", 372, 3184, 1.0, False), ("63.10.01.1028", 318, 1462, 0.75, True),
        ("63.10.01.2005", 226, 689, 0.45, False), ("63.10.01.2006", 164, 412, 0.3, False),
        ("63.10.01.2029", 131, 527, 0.6, False), ("63.10.01.2031", 34, 34, 0.1, False),
        ("63.10.01.2033", 97, 97, 0.7, False))),
    ("survei-puskesmas-kusan-hilir.csv", "KSH", dt.date(2025, 9, 1), ",", "\n", "utf-8", (
        ("63.10.02.1001", 396, 2875, 0.9, False), ("63.10.02.2002", 342, 958, 0.5, True),
        ("63.10.02.2003", 187, 641, 0.25, False), ("63.10.02.2005", 263, 744, 0.65, False),
        ("63.10.02.2008", 148, 386, -0.05, False), ("63.10.02.2012", 27, 27, 0.1, False),
        ("63.10.02.2021", 305, 1210, 0.35, False))),
)
# Broken rows added per file: (kind, village code, code written in the row, name written)
EXTRA_ROWS = (
    (("tanpa_id", "63.10.01.2005", "63.10.01.2005", "Segumbang"),
     ("kode_rusak", "63.10.01.2005", "63.10.1.2005", "Segumbang"),
     ("kode_tidak_dikenal", "63.10.01.2029", "63.10.01.2999", "Maju Makmur")),
    (("tanpa_id", "63.10.02.2005", "63.10.02.2005", "Pejala"),
     ("kode_rusak", "63.10.02.2005", "63.10.02.20O5", "Pejala")),
)
# Duplicates per file: (village of the original, identical copy?)
DUPLICATES = ((("63.10.01.1007", True), ("63.10.01.1028", False)),
              (("63.10.02.1001", True), ("63.10.02.2021", False)))
# Bad cells per file: kind -> count; name typos: (village code, written name, count)
CELL_MISTAKES = ({"kosong": 6, "strip_4_7": 3, "tidak_berlaku_dijawab": 3, "tak_terbaca": 3},
                 {"kosong": 5, "strip_4_7": 2, "tidak_berlaku_dijawab": 3, "tak_terbaca": 2})
UNREADABLE = (("?", "yy", "2"), ("?", "yy"))
NAME_TYPOS = (("63.10.01.2006", "Kersik Puti", 3), ("63.10.02.2003", "Sungai Lembuh", 2))

FIRST_M = ("Ahmad", "Muhammad", "Abdul", "Rahmat", "Syahrul", "Budi", "Agus", "Hendra", "Fadli",
           "Rudi", "Supriadi", "Jumadi", "Hamzah", "Ilham", "Arif", "Yusuf", "Iwan", "Anang",
           "Saiful", "Sulaiman", "Herman", "Mansur", "Darmawan", "Taufik", "Bambang", "Slamet",
           "Joko", "Wahyu", "Ridwan", "Samsul", "Irfan", "Akhmad", "Junaidi", "Basri", "Andi")
FIRST_F = ("Siti", "Nurul", "Rina", "Sri", "Fatimah", "Hasanah", "Halimah", "Masitah", "Rusmini",
           "Aminah", "Noor", "Wulan", "Dewi", "Yuliani", "Rahmah", "Jamilah", "Erna", "Lina")
LAST_M = ("Hidayat", "Saputra", "Rahman", "Santoso", "Wijaya", "Pratama", "Setiawan", "Kurniawan",
          "Nugroho", "Hasan", "Rahmadi", "Ramadhan", "Maulana", "Firmansyah", "Syahputra",
          "Effendi", "Gunawan", "Hakim", "Fauzi", "Anwar", "Rusdi", "Hamid", "Halim", "Sudirman")
LAST_F = ("Lestari", "Wati", "Sari", "Handayani", "Aulia", "Yani", "Rahmawati", "Susanti",
          "Fitriani", "Marlina", "Juwita", "Anggraini")
DUSUN_LOCAL = ("Dusun Pasar", "Dusun Pantai", "Dusun Tengah", "Dusun Ujung", "Dusun Muara",
               "Dusun Baru", "Dusun Hulu")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")
SPELLINGS = {"Ya": ("Ya", "Tidak"), "ya": ("ya", "tidak"), "Y": ("Y", "T"), "1": ("1", "0"),
             "YA": ("YA", "TIDAK")}
VARIANTS = {True: ("Ya", "ya", "Y", "1", " YA ", "y"), False: ("Tidak", "tidak", "t", "T", "0",
                                                               "TIDAK")}
EXCEL_EPOCH = dt.date(1899, 12, 30)
DATE_STYLES = ("dmy", "iso", "serial")
# Kader habits per file: share writing "-" for not applicable, weights of DATE_STYLES
HABITS = ((0.8, (0.6, 0.25, 0.15)), (0.3, (0.25, 0.6, 0.15)))
BAD_VALUE = {"kosong": "", "strip_4_7": "-"}
# fmt: on


@dataclass
class Kader:
    name: str
    spelling: str  # key of SPELLINGS
    na: str  # how this kader writes "not applicable": "-" or ""
    dates: str  # "dmy", "iso" or "serial"


@dataclass
class Row:
    cells: dict[str, str]
    age: int | None
    kader: Kader
    kind: str = "ok"
    mistakes: list[str] = field(default_factory=list)
    # The village, its rates and the household's propensity per indicator (the Gaussian
    # draw compared with the rate's cut), for the earlier round to follow on
    code: str = ""
    rates: dict[str, float] = field(default_factory=dict)
    draws: dict[str, float] = field(default_factory=dict)


def read_regions(path: Path) -> dict[str, str]:
    """Return ``{dotted code: name}`` from the Kemendagri table (``.csv`` or ``.csv.gz``)."""
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return {r["kode"]: r["nama"] for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))}


def pick(rng: np.random.Generator, items: tuple[str, ...]) -> str:
    return items[int(rng.integers(len(items)))]


def person(rng: np.random.Generator, female: bool) -> str:
    first, last = (FIRST_F, LAST_F) if female else (FIRST_M, LAST_M)
    if rng.random() < 0.2:
        return pick(rng, first)
    return f"{pick(rng, first)} {pick(rng, last)}"


def write_date(day: dt.date, style: str) -> str:
    if style == "iso":
        return day.isoformat()
    if style == "dmy":
        return day.strftime("%d/%m/%Y")
    return str((day - EXCEL_EPOCH).days)


def applicable(age: int | None, ind: str) -> bool:
    """docs/aturan.md §2.2: indicators 1 and 3 need a child 0-59 months, indicator 2 one of 0-6."""
    return ind in INDICATORS[3:] or (age is not None and (ind != "asi_eksklusif" or age <= 6))


def answer(rng: np.random.Generator, kader: Kader, value: bool) -> str:
    if rng.random() < 0.015:
        return pick(rng, VARIANTS[value])
    return SPELLINGS[kader.spelling][0 if value else 1]


def village_rows(
    rng: np.random.Generator,
    file_no: int,
    village: tuple[str, str, float, bool],
    n: int,
    start: dt.date,
) -> list[Row]:
    """Simulate ``n`` households of one village, in the order the kader typed them."""
    code, name, quality, dotted = village
    kelurahan = code.split(".")[3].startswith("1")
    groups = int(rng.integers(4, 8)) if kelurahan else int(rng.integers(2, 6))
    local = not kelurahan and rng.random() < 0.4
    dusun = [DUSUN_LOCAL[i] if local else f"Dusun {ROMAN[i]}" for i in range(groups)]
    dusun = [""] * groups if kelurahan else dusun  # a kelurahan has RW/RT, no dusun
    dash, date_p = HABITS[file_no]
    kaders: list[Kader] = []
    while len(kaders) < min(groups, 4):
        kader_name = person(rng, True)
        if any(k.name == kader_name for k in kaders):
            continue
        spelling = str(rng.choice(list(SPELLINGS), p=[0.4, 0.15, 0.15, 0.2, 0.1]))
        na = "-" if rng.random() < dash else ""
        kaders.append(Kader(kader_name, spelling, na, str(rng.choice(DATE_STYLES, p=date_p))))
    sizes = rng.multinomial(n, rng.dirichlet(np.full(groups, 4.0)))
    places = []
    for g, size in enumerate(sizes):
        rts = int(rng.integers(2, 6))
        places += sorted((g, g + 1, int(rng.integers(1, rts + 1))) for _ in range(size))
    rates = {
        k: float(np.clip(lo + (hi - lo) * quality + rng.normal(0, 0.015), 0.02, 0.99))
        for k, (lo, hi) in RATES.items()
    }
    cut = {k: NormalDist().inv_cdf(r) for k, r in rates.items()}
    days = max(2, math.ceil(n / 30))
    rows = []
    for k, (g, rw, rt) in enumerate(places):
        kader = kaders[g % len(kaders)]
        age = int(rng.integers(0, 60)) if rng.random() < 0.35 else None
        latent = rng.normal()
        kode = code if dotted else code.replace(".", "")
        day = write_date(start + dt.timedelta(k * days // n), kader.dates)
        head = person(rng, rng.random() < 0.15)
        values = ["", kode, name, dusun[g], str(rw), str(rt), day, kader.name, head]
        cells = dict(zip(HEADER, [*values, "" if age is None else str(age)], strict=False))
        draws = {}
        for ind in INDICATORS:
            x = draws[ind] = math.sqrt(RHO) * latent + math.sqrt(1 - RHO) * rng.normal()
            applies = applicable(age, ind)
            cells[ind] = answer(rng, kader, bool(x < cut[ind])) if applies else kader.na
        rows.append(Row(cells, age, kader, code=code, rates=rates, draws=draws))
    return rows


def build_file(rng: np.random.Generator, file_no: int, regions: dict[str, str]) -> list[Row]:
    """All rows of one survey file, broken rows and bad cells included."""
    _, prefix, start, _, _, _, villages = FILES[file_no]
    rows: list[Row] = []
    for code, n, _, quality, undotted in villages:
        mine = [e for e in EXTRA_ROWS[file_no] if e[1] == code]
        first_day = start + dt.timedelta(int(rng.integers(0, 12)))  # teams work in parallel
        village = (code, regions[code], quality, not undotted)
        block = village_rows(rng, file_no, village, n + len(mine), first_day)
        spots = sorted(int(x) for x in rng.choice(np.arange(10, len(block) - 10), len(mine), False))
        for (kind, _, written, name), spot in zip(mine, spots, strict=True):
            block[spot].kind = kind
            block[spot].cells.update(kode_desa=written, nama_desa=name)
        rows += block
    number = 0
    for row in rows:
        if row.kind != "tanpa_id":
            number += 1
            row.cells["id_rumah_tangga"] = f"{prefix}-{number:04d}"
    for code, identical in DUPLICATES[file_no]:
        same = [i for i, r in enumerate(rows) if r.cells["nama_desa"] == regions[code]]
        i = same[int(rng.integers(len(same) - 60))]
        while rows[i].kind != "ok":
            i += 1
        original = rows[i]
        original.kind = "asli_duplikat"
        copy = Row(dict(original.cells), original.age, original.kader, "duplikat_identik")
        if not identical:
            copy.kind = "duplikat_beda"
            other = next(rows[j].kader for j in same if rows[j].kader is not original.kader)
            copy.kader = other
            copy.cells.update(
                petugas=other.name,
                tanggal_survei=write_date(dt.date(2025, 10, 6 + file_no), other.dates),
            )
            flip = {int(x) for x in rng.choice(np.arange(3, 10), 2, replace=False)}
            for n, ind in enumerate(INDICATORS):
                was = copy.cells[ind].strip().lower()
                if was in ("ya", "y", "1", "tidak", "t", "0"):
                    copy.cells[ind] = answer(rng, other, (was in ("ya", "y", "1")) != (n in flip))
                else:
                    copy.cells[ind] = other.na
        rows.insert(i + 1 if identical else i + int(rng.integers(15, 40)), copy)
    plain = [r for r in rows if r.kind == "ok"]
    taken: set[int] = set()

    def choose(ok: list[Row]) -> Row:
        free = [r for r in ok if id(r) not in taken]
        row = free[int(rng.integers(len(free)))]
        taken.add(id(row))
        return row

    unreadable = iter(UNREADABLE[file_no])
    older = [r for r in plain if r.age is not None and r.age > 6]
    childless = [r for r in plain if r.age is None]
    for kind, count in CELL_MISTAKES[file_no].items():
        for j in range(count):
            if kind == "tidak_berlaku_dijawab":  # two older children, then one childless
                row = choose(childless if j == 2 else older)
                ind = "asi_eksklusif" if row.age else pick(rng, INDICATORS[0:3:2])
                value = answer(rng, row.kader, bool(rng.random() < 0.6))
            else:
                row = choose(plain)
                applies = tuple(i for i in INDICATORS if applicable(row.age, i))
                ind = pick(rng, INDICATORS[3:7] if kind == "strip_4_7" else applies)
                value = next(unreadable) if kind == "tak_terbaca" else BAD_VALUE[kind]
            row.cells[ind] = value
            row.mistakes.append(f"{kind}:{ind}")
    code, typo, count = NAME_TYPOS[file_no]
    for _ in range(count):
        row = choose([r for r in plain if r.cells["nama_desa"] == regions[code]])
        row.cells["nama_desa"] = typo
        row.mistakes.append("nama_desa_beda:nama_desa")
    return rows


def render(rows: list[Row], sep: str, eol: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator=eol)
    writer.writerow(HEADER)
    writer.writerows([row.cells[c] for c in HEADER] for row in rows)
    return buffer.getvalue()


def summarise(rows: list[Row]) -> tuple[Counter[str], list[str]]:
    """Count every kind of mess in one file and list each deliberate mistake with its row."""
    kinds: Counter[str] = Counter()
    listing: list[str] = []
    first_seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):  # header = row 1
        day = row.cells["tanggal_survei"]
        kinds["tanggal " + ("iso" if "-" in day else "dd/mm/yyyy" if "/" in day else "serial")] += 1
        kinds["kode tanpa titik"] += "." not in row.cells["kode_desa"]
        kinds.update(f"jawaban {row.cells[i]!r}" for i in INDICATORS)
        first_seen.setdefault(row.cells["id_rumah_tangga"], number)
        column = "kode_desa" if row.kind.startswith("kode") else "id_rumah_tangga"
        notes = [] if row.kind in ("ok", "asli_duplikat", "baru") else [f"{row.kind}:{column}"]
        for note in notes + row.mistakes:
            kind, column = note.split(":")
            kinds[kind] += 1
            age = "no child under five" if row.age is None else f"youngest child {row.age} months"
            extra = f" ({age})" if kind == "tidak_berlaku_dijawab" else ""
            if kind.startswith("duplikat"):
                extra = f" (of row {first_seen[row.cells[column]]})"
            listing.append(f"  row {number} {kind}: {column}={row.cells[column]!r}{extra}")
    return kinds, listing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=Path, default=None, help="Kemendagri code table")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    regions = read_regions(args.regions or BUNDLED_REGIONS)
    rng = np.random.default_rng(2025)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    villages: list[tuple[str, str, int]] = []
    rounds_2025 = []
    for file_no, (filename, _, _, sep, eol, encoding, plan) in enumerate(FILES):
        rows = build_file(rng, file_no, regions)
        rounds_2025.append(rows)
        with (out / filename).open("w", encoding=encoding, newline="") as handle:
            handle.write(render(rows, sep, eol))
        villages += [(code, regions[code], total) for code, _, total, _, _ in plan]
        kinds, listing = summarise(rows)
        broken = sum(r.kind not in ("ok", "asli_duplikat") for r in rows)
        print(f"{filename}: {len(rows)} data rows, {broken} with a broken identity")
        print("\n".join(f"  {k}: {v}" for k, v in sorted(kinds.items())))
        print("\n".join(listing))
    with (out / "desa-tanah-bumbu.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("kode_desa", "nama_desa", "jumlah_rumah_tangga"))
        writer.writerows(villages)
    print(f"desa-tanah-bumbu.csv: {len(villages)} villages")
    write_round_2024(out, rounds_2025)
    return 0


def write_round_2024(out: Path, rounds_2025: list[list[Row]]) -> None:
    """The earlier round from the 2025 rows, with its own generator (sample_round_2024.py)."""
    from sample_round_2024 import FILES_2024, SEED, build_file_2024

    rng = np.random.default_rng(SEED)
    for file_no, (filename, _, _) in enumerate(FILES_2024):
        _, _, _, sep, eol, encoding, _ = FILES[file_no]
        rows = build_file_2024(rng, file_no, rounds_2025[file_no])
        with (out / filename).open("w", encoding=encoding, newline="") as handle:
            handle.write(render(rows, sep, eol))
        kinds, listing = summarise(rows)
        again = sum(r.kind == "ok" for r in rows)
        print(f"{filename}: {len(rows)} data rows, {again} households of the 2025 file")
        print("\n".join(f"  {k}: {v}" for k, v in sorted(kinds.items())))
        print("\n".join(listing))


if __name__ == "__main__":
    raise SystemExit(main())
