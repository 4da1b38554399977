"""The bundled sample survey: reproducible, and holding exactly the documented mistakes.

The counts checked here are the ones listed in ``tools/make_sample_data.py`` and in
``phbs/data/contoh/README.md``; only the stdlib ``csv`` module reads the files, so this test does
not depend on the package's own reader.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "phbs" / "data" / "contoh"
FILE_1 = "survei-puskesmas-batulicin.csv"
FILE_2 = "survei-puskesmas-kusan-hilir.csv"
EARLIER_1 = "putaran-2024-puskesmas-batulicin.csv"
EARLIER_2 = "putaran-2024-puskesmas-kusan-hilir.csv"
VILLAGES = "desa-tanah-bumbu.csv"
INDICATORS = (
    "persalinan_nakes",
    "asi_eksklusif",
    "timbang_balita",
    "air_bersih",
    "cuci_tangan",
    "jamban_sehat",
    "berantas_jentik",
    "buah_sayur",
    "aktivitas_fisik",
    "tidak_merokok",
)
HEADER = [
    "id_rumah_tangga",
    "kode_desa",
    "nama_desa",
    "dusun",
    "rw",
    "rt",
    "tanggal_survei",
    "petugas",
    "nama_kepala_rt",
    "umur_anak_termuda_bulan",
    *INDICATORS,
]
YA = {"ya", "y", "1"}
TIDAK = {"tidak", "t", "0"}
DOTTED = re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}")
DIGITS = re.compile(r"\d{10}")


def read(name: str) -> list[dict[str, str]]:
    raw = (SAMPLE / name).read_bytes()
    text = raw.decode("utf-8-sig")
    sep = ";" if name in (FILE_1, EARLIER_1) else ","
    return list(csv.DictReader(text.splitlines(), delimiter=sep))


def dotted(code: str) -> str:
    code = code.strip()
    if DIGITS.fullmatch(code):
        return f"{code[:2]}.{code[2:4]}.{code[4:6]}.{code[6:]}"
    return code


def applies(row: dict[str, str], indicator: str) -> bool:
    age = row["umur_anak_termuda_bulan"].strip()
    if indicator not in INDICATORS[:3]:
        return True
    return bool(age) and (indicator != "asi_eksklusif" or int(age) <= 6)


@pytest.fixture(scope="module")
def villages() -> dict[str, tuple[str, int]]:
    with (SAMPLE / VILLAGES).open(encoding="utf-8", newline="") as handle:
        return {
            r["kode_desa"]: (r["nama_desa"], int(r["jumlah_rumah_tangga"]))
            for r in csv.DictReader(handle)
        }


def test_regeneration_is_byte_identical(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_sample_data.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in (FILE_1, FILE_2, VILLAGES, EARLIER_1, EARLIER_2):
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name


def test_file_formats() -> None:
    first = (SAMPLE / FILE_1).read_bytes()
    second = (SAMPLE / FILE_2).read_bytes()
    assert first.startswith(b"\xef\xbb\xbfid_rumah_tangga;kode_desa;")
    assert first.count(b"\r\n") == first.count(b"\n") == 1348
    assert not second.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in second
    assert second.count(b"\n") == 1673
    for name in (FILE_1, FILE_2):
        assert list(read(name)[0]) == HEADER


def test_identity_mistakes(villages: dict[str, tuple[str, int]]) -> None:
    rows = {name: read(name) for name in (FILE_1, FILE_2)}
    assert [len(rows[FILE_1]), len(rows[FILE_2])] == [1347, 1672]
    for name, prefix in ((FILE_1, "BTL-"), (FILE_2, "KSH-")):
        ids = Counter(r["id_rumah_tangga"] for r in rows[name])
        assert ids[""] == 1
        repeated = sorted(i for i, n in ids.items() if i and n > 1)
        assert len(repeated) == 2
        assert all(ids[i] == 2 for i in repeated)
        assert all(i.startswith(prefix) for i in ids if i)
        copies = [[r for r in rows[name] if r["id_rumah_tangga"] == i] for i in repeated]
        assert sorted(a == b for a, b in copies) == [False, True]  # one identical, one not
    everything = rows[FILE_1] + rows[FILE_2]
    codes = [r["kode_desa"] for r in everything]
    malformed = [c for c in codes if not DOTTED.fullmatch(dotted(c))]
    assert malformed == ["63.10.1.2005", "63.10.02.20O5"]
    unknown = [c for c in codes if DOTTED.fullmatch(dotted(c)) and dotted(c) not in villages]
    assert unknown == ["63.10.01.2999"]
    assert sum(bool(DIGITS.fullmatch(c)) for c in codes) == 661
    renamed = Counter(
        r["nama_desa"]
        for r in everything
        if dotted(r["kode_desa"]) in villages
        and r["nama_desa"] != villages[dotted(r["kode_desa"])][0]
    )
    assert renamed == {"Kersik Puti": 3, "Sungai Lembuh": 2}
    assert not any(r["nama_desa"].startswith(("=", "+", "@")) for r in everything)


def test_cell_mistakes() -> None:
    kinds: Counter[str] = Counter()
    for name in (FILE_1, FILE_2):
        for row in read(name):
            for indicator in INDICATORS:
                value = row[indicator].strip().lower()
                if not applies(row, indicator):
                    kinds["dijawab padahal tidak berlaku"] += value in YA | TIDAK
                elif value == "":
                    kinds["kosong"] += 1
                elif value == "-":
                    kinds["strip"] += 1
                elif value not in YA | TIDAK:
                    kinds[f"tak terbaca {value}"] += 1
    assert kinds == {
        "dijawab padahal tidak berlaku": 6,
        "kosong": 11,
        "strip": 5,
        "tak terbaca ?": 2,
        "tak terbaca yy": 2,
        "tak terbaca 2": 1,
    }


def test_mixed_but_valid_forms() -> None:
    dates: Counter[str] = Counter()
    answers: Counter[str] = Counter()
    ages: Counter[str] = Counter()
    for name in (FILE_1, FILE_2):
        for row in read(name):
            day = row["tanggal_survei"]
            dates["iso" if "-" in day else "dmy" if "/" in day else "serial"] += 1
            answers.update(row[i] for i in INDICATORS)
            age = row["umur_anak_termuda_bulan"]
            ages["" if not age else "0-6" if int(age) <= 6 else "7-59"] += 1
            assert not age or 0 <= int(age) <= 59
    assert dates == {"dmy": 1367, "iso": 1188, "serial": 464}
    assert {" YA ", "Y", "1", "ya", "Tidak", "t", "0", "TIDAK"} <= set(answers)
    assert answers[" YA "] == 39
    assert answers["t"] == 8
    assert 0.6 < ages[""] / ages.total() < 0.7
    assert ages["0-6"] > 100


def test_villages_file(villages: dict[str, tuple[str, int]]) -> None:
    assert len(villages) == 14
    segments = [code.split(".") for code in villages]
    assert {s[2] for s in segments} == {"01", "02"}
    assert all(s[:2] == ["63", "10"] for s in segments)
    assert sum(s[3].startswith("1") for s in segments) == 3
    surveyed: Counter[str] = Counter()
    for name in (FILE_1, FILE_2):
        seen = set()
        for row in read(name):
            code = dotted(row["kode_desa"])
            if row["id_rumah_tangga"] and code in villages and row["id_rumah_tangga"] not in seen:
                seen.add(row["id_rumah_tangga"])
                surveyed[code] += 1
    assert sum(surveyed.values()) == 3010
    assert all(surveyed[c] <= total for c, (_, total) in villages.items())
    full = sorted(villages[c][0] for c, (_, total) in villages.items() if surveyed[c] == total)
    assert full == ["Danauindah", "Pulau Salak", "Sukamaju"]
    thin = sorted(
        villages[c][0] for c, (_, total) in villages.items() if surveyed[c] < min(210, total)
    )
    assert thin == ["Kampung Baru", "Kersik Putih", "Maju Makmur", "Sungai Lembu"]
    assert min(surveyed.values()) < 40
    assert max(surveyed.values()) > 300


def test_earlier_round_files() -> None:
    """The 2024 round (tools/sample_round_2024.py): each Puskesmas's dialect, dated 2024,
    13 villages (not Pulau Salak), about half of each sampled village's households with an
    id of the 2025 file in the same village, the rest with ids from 3001; in Sukamaju and
    Danauindah, whose every household the 2025 files hold, only 2025 households; four blank
    answers and no other bad cell (phbs/data/contoh/README.md)."""
    first = (SAMPLE / EARLIER_1).read_bytes()
    second = (SAMPLE / EARLIER_2).read_bytes()
    assert first.startswith(b"\xef\xbb\xbfid_rumah_tangga;kode_desa;")
    assert first.count(b"\r\n") == first.count(b"\n") == 1161
    assert not second.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in second
    assert second.count(b"\n") == 1501
    for earlier, later in ((EARLIER_1, FILE_1), (EARLIER_2, FILE_2)):
        rows = read(earlier)
        assert list(rows[0]) == HEADER
        ids = Counter(r["id_rumah_tangga"] for r in rows)
        assert all(n == 1 for n in ids.values())
        assert "" not in ids
        assert all(re.fullmatch(r"(BTL|KSH)-\d{4}", i) for i in ids)
        assert all(is_2024(r["tanggal_survei"]) for r in rows)
        in_2025 = {(dotted(r["kode_desa"]), r["id_rumah_tangga"]) for r in read(later)}
        by_village: dict[str, Counter[bool]] = {}
        for row in rows:
            key = (dotted(row["kode_desa"]), row["id_rumah_tangga"])
            by_village.setdefault(key[0], Counter())[key in in_2025] += 1
            assert (key in in_2025) != (int(key[1][4:]) >= 3001)
        for code, counts in by_village.items():
            if code in ("63.10.01.2031", "63.10.01.2033"):  # Sukamaju, Danauindah
                assert counts[False] == 0
            else:
                assert counts[True] == counts.total() // 2, code
    bad_cells = {
        (name, number, indicator)
        for name in (EARLIER_1, EARLIER_2)
        for number, row in enumerate(read(name), start=2)  # header = row 1
        for indicator in INDICATORS
        if applies(row, indicator) and row[indicator].strip().lower() not in YA | TIDAK
    }
    assert bad_cells == {  # all four blank
        (EARLIER_1, 589, "tidak_merokok"),
        (EARLIER_1, 648, "cuci_tangan"),
        (EARLIER_2, 670, "berantas_jentik"),
        (EARLIER_2, 1275, "cuci_tangan"),
    }
    codes = {dotted(r["kode_desa"]) for name in (EARLIER_1, EARLIER_2) for r in read(name)}
    assert len(codes) == 13
    assert "63.10.02.2012" not in codes  # Pulau Salak


def is_2024(day: str) -> bool:
    """``dd/mm/yyyy``, ISO or an Excel serial date in 2024."""
    if day.isdigit():  # days since 1899-12-30: 45292 = 2024-01-01, 45657 = 2024-12-31
        return 45292 <= int(day) <= 45657
    return "2024" in day
