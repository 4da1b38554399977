"""The earlier round (2024) of the bundled sample, made by ``tools/make_sample_data.py``.

The same Puskesmas surveyed the same villages a year before the 2025 files, with the same
kaders and their habits (CSV dialect, answer spelling, date style, how *not applicable* is
written). What is true in it, by design (docs/aturan.md §5.8 compares the rounds):

* about half of each village's 2024 households are households of the 2025 files, with the
  same ``id_rumah_tangga``, address and head of household; their youngest child is a year
  younger; each of their answers follows their 2025 propensity for it (correlation
  :data:`PERSISTENCE`). The other half have ids the 2025 files do not hold (``BTL-3001`` …,
  ``KSH-3001`` …). In Sukamaju and Danauindah, whose every household the 2025 files hold,
  all 2024 households are 2025 households (a sample of them: 20 of 34, 50 of 97);
* Batulicin and Pejala really improved from 2024 to 2025 and Kampung Baru really declined:
  in 2024 every indicator's cut was moved by the probit shift of :data:`PLAN`, about 15 to
  20 points of % ber-PHBS;
* every other village was, in 2024, in expectation the village its 2025 rows show: a
  re-surveyed household keeps its propensity, a new one meets the village's 2025 shares of
  Ya. Its change is noise;
* Pulau Salak was not surveyed in 2024;
* the only deliberate mistakes are two blank answers per file, each in a household whose
  other answers are all Ya (four households not complete); there are no broken rows, and
  the codes, dates and spellings are written as each kader writes them in 2025.

It uses its own random generator (``numpy.random.default_rng(SEED)``), so the 2025 files do
not change. At 95 % confidence an unchanged village still shows *naik* or *turun* now and
then: in 100 rounds simulated with seeds 1 to 100, the three changes showed every time (mean
change +18.0, +17.6 and -16.6 points), each unchanged village showed *tidak berubah
bermakna* in 92 to 100 of them, all ten together in 73. :data:`SEED` is the first seed from
2024 up whose round shows every verdict as designed, for the independent samples and for
the re-surveyed households alike.
"""

from __future__ import annotations

import datetime as dt
import math
from statistics import NormalDist

import numpy as np
from make_sample_data import (
    INDICATORS,
    RHO,
    Row,
    answer,
    applicable,
    person,
    write_date,
)

SEED = 2025
#: Correlation of a household's propensity for each indicator between the two rounds.
PERSISTENCE = 0.9
#: Per file: name, id prefix, first day of the round.
FILES_2024 = (
    ("putaran-2024-puskesmas-batulicin.csv", "BTL", dt.date(2024, 8, 5)),
    ("putaran-2024-puskesmas-kusan-hilir.csv", "KSH", dt.date(2024, 9, 2)),
)
#: Village code -> (households surveyed in 2024, probit shift of every indicator's cut in 2024
#: from 2025: negative = fewer Ya in 2024, i.e. an improvement by 2025).
PLAN: dict[str, tuple[int, float]] = {
    "63.10.01.1007": (330, -0.45),  # Batulicin: improved
    "63.10.01.1028": (290, 0.0),
    "63.10.01.2005": (200, 0.0),
    "63.10.01.2006": (150, 0.0),
    "63.10.01.2029": (120, 0.0),
    "63.10.01.2031": (20, 0.0),  # Sukamaju: all 34 in 2025
    "63.10.01.2033": (50, 0.0),  # Danauindah: all 97 in 2025
    "63.10.02.1001": (350, 0.0),
    "63.10.02.2002": (300, 0.0),
    "63.10.02.2003": (170, 0.0),
    "63.10.02.2005": (240, -0.45),  # Pejala: improved
    "63.10.02.2008": (160, 0.5),  # Kampung Baru: declined
    "63.10.02.2021": (280, 0.0),
    # 63.10.02.2012 Pulau Salak: not surveyed in 2024
}
#: Villages whose every household the 2025 files hold: all their 2024 households are 2025's.
EVERY_HOUSEHOLD_IN_2025 = {"63.10.01.2031", "63.10.01.2033"}
BLANKS_PER_FILE = 2
FIRST_NEW_ID = 3001


def yes(cell: str) -> bool:
    return cell.strip().lower() in ("ya", "y", "1")


def age_a_year_before(rng: np.random.Generator, age: int | None) -> int | None:
    """The youngest child's age a year before: 12 months younger; a child under a year was
    not born yet (an older sibling may have been under five); a household without a child
    under five may have had one of 48-59 months."""
    if age is not None and age >= 12:
        return age - 12
    if rng.random() < (0.2 if age is not None else 0.09):  # 35 % with a child, as in 2025
        return int(rng.integers(36 if age is not None else 48, 60))
    return None


def shares_2025(rows: list[Row]) -> dict[str, float]:
    """Each indicator's share of Ya among the village's 2025 households it applies to (as
    drawn, before any deliberate mistake)."""
    households = [r for r in rows if r.kind in ("ok", "asli_duplikat")]
    shares = {}
    for ind, rate in households[0].rates.items():
        cut = NormalDist().inv_cdf(rate)
        draws = [r.draws[ind] for r in households if applicable(r.age, ind)]
        shares[ind] = (sum(x < cut for x in draws) + 0.5) / (len(draws) + 1)  # never 0 or 1
    return shares


def village_2024(
    rng: np.random.Generator,
    code: str,
    rows_2025: list[Row],
    start: dt.date,
) -> list[Row]:
    """The 2024 households of one village, in the order the kaders typed them."""
    n, shift = PLAN[code]
    # Re-surveyed households are never a row with a deliberate 2025 mistake.
    ok = [r for r in rows_2025 if r.kind == "ok" and not r.mistakes]
    paired = n if code in EVERY_HOUSEHOLD_IN_2025 else n // 2
    chosen = sorted(int(i) for i in rng.choice(len(ok), paired, replace=False))
    # A re-surveyed household keeps its propensity and the village's 2025 cut; a household
    # new in 2024 meets the shares the 2025 file shows. Either way, without a shift the
    # village in 2024 is, in expectation, the village the 2025 file shows.
    kept = {k: NormalDist().inv_cdf(r) + shift for k, r in rows_2025[0].rates.items()}
    met = {k: NormalDist().inv_cdf(r) + shift for k, r in shares_2025(rows_2025).items()}
    people: list[tuple[Row, Row | None]] = [(ok[i], ok[i]) for i in chosen]
    for _ in range(n - paired):
        people.append((ok[int(rng.integers(len(ok)))], None))  # a neighbour's address
    order = {d: i for i, d in enumerate(dict.fromkeys(r.cells["dusun"] for r in rows_2025))}
    people.sort(key=lambda p: (order[p[0].cells["dusun"]], int(p[0].cells["rw"]),
                               int(p[0].cells["rt"])))  # fmt: skip
    days = max(2, math.ceil(n / 30))
    out = []
    for k, (place, same) in enumerate(people):
        kader = place.kader
        cells = dict(place.cells)
        latent = float(rng.normal())
        if same is None:
            age = int(rng.integers(0, 60)) if rng.random() < 0.35 else None
            cells["nama_kepala_rt"] = person(rng, rng.random() < 0.15)
        else:
            age = age_a_year_before(rng, same.age)
        cells["umur_anak_termuda_bulan"] = "" if age is None else str(age)
        cells["tanggal_survei"] = write_date(start + dt.timedelta(k * days // n), kader.dates)
        cells["petugas"] = kader.name
        for ind in INDICATORS:
            x = math.sqrt(RHO) * latent + math.sqrt(1 - RHO) * rng.normal()
            cut = met[ind]
            if same is not None:  # the household's 2025 propensity, a year before
                x = PERSISTENCE * same.draws[ind] + math.sqrt(1 - PERSISTENCE**2) * x
                cut = kept[ind]
            if applicable(age, ind):
                cells[ind] = answer(rng, kader, bool(x < cut))
            else:
                cells[ind] = kader.na
        out.append(Row(cells, age, kader, kind="ok" if same else "baru", code=code))
    return out


def build_file_2024(rng: np.random.Generator, file_no: int, rows_2025: list[Row]) -> list[Row]:
    """All rows of one 2024 file, from the rows of the same Puskesmas's 2025 file."""
    _, prefix, start = FILES_2024[file_no]
    by_village: dict[str, list[Row]] = {}
    for row in rows_2025:
        if row.code in PLAN:
            by_village.setdefault(row.code, []).append(row)
    rows: list[Row] = []
    for code, village in by_village.items():
        first_day = start + dt.timedelta(int(rng.integers(0, 12)))
        rows += village_2024(rng, code, village, first_day)
    number = FIRST_NEW_ID
    for row in rows:
        if row.kind == "baru":
            row.cells["id_rumah_tangga"] = f"{prefix}-{number:04d}"
            number += 1
    # A blank answer in a household otherwise ber-PHBS: it is not complete.
    whole = [r for r in rows if all(yes(r.cells[i]) for i in INDICATORS if applicable(r.age, i))]
    for i in sorted(int(i) for i in rng.choice(len(whole), BLANKS_PER_FILE, replace=False)):
        row = whole[i]
        ind = INDICATORS[3 + int(rng.integers(7))]  # indicators 4-10 always apply
        row.cells[ind] = ""
        row.mistakes.append(f"kosong:{ind}")
    return rows
