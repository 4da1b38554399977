"""``phbs compare`` (docs/aturan.md §5.8): survey files of two rounds written as a Puskesmas
would, the console table, the CSV and JSON, a round from ``phbs score -o`` JSON, errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from phbs.cli.root import cli
from phbs.resources import data_path

HEADER = (
    "id_rumah_tangga,kode_desa,umur_anak_termuda_bulan,persalinan_nakes,asi_eksklusif,"
    "timbang_balita,air_bersih,cuci_tangan,jamban_sehat,berantas_jentik,buah_sayur,"
    "aktivitas_fisik,tidak_merokok\n"
)
A, B = "63.10.01.2005", "63.10.01.2006"


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.output


def households(code: str, prefix: str, ber: int, tidak: int) -> str:
    """``ber`` households answering ya to all seven indicators that apply without a child
    under five, then ``tidak`` that smoke indoors (tidak_merokok = tidak)."""
    lines = []
    for i in range(ber + tidak):
        smoke = "ya" if i < ber else "tidak"
        lines.append(f"{prefix}{i:04d},{code},,,,,ya,ya,ya,ya,ya,ya,{smoke}\n")
    return "".join(lines)


@pytest.fixture
def rounds(tmp_path: Path) -> tuple[Path, Path]:
    """Village A: 60 of 200 ber-PHBS in 2024, 110 of 200 in 2025, the same 200 households
    (ids A0000–A0199; households 0–59 stay, 60–109 become ber-PHBS); village B: 50 of 100 →
    55 of 100, other households (ids B… and C…)."""
    first = tmp_path / "survei-2024.csv"
    second = tmp_path / "survei-2025.csv"
    first.write_text(
        HEADER + households(A, "A", 60, 140) + households(B, "B", 50, 50), encoding="utf-8"
    )
    second.write_text(
        HEADER + households(A, "A", 110, 90) + households(B, "C", 55, 45), encoding="utf-8"
    )
    return first, second


def test_compare_prints_the_changes_and_writes_csv_and_json(
    tmp_path: Path, rounds: tuple[Path, Path]
) -> None:
    """docs/aturan.md §5.8: A naik (+25 points, Newcombe about +15.4 to +34.0), B tidak berubah
    bermakna (+5, about −8.7 to +18.4); A's 200 households are paired: 50 became ber-PHBS,
    none stopped."""
    first, second = rounds
    out_csv, out_json = tmp_path / "perubahan.csv", tmp_path / "perubahan.json"
    code, output = run(
        "compare", "--round", f"2024={first}", "--round", f"2025={second}",
        "-o", out_csv, "-o", out_json,
    )  # fmt: skip
    assert code == 0, output
    assert "Perubahan 2024 → 2025" in output
    lines = {line.split()[0]: line for line in output.splitlines() if line.startswith("63.")}
    assert "+25,0" in lines[A]
    assert "naik" in lines[A]
    assert "tidak berubah bermakna" in lines[B]
    assert "+50/−0" in lines[A]
    assert "1 naik, 0 turun, 1 tidak berubah bermakna" in output
    with out_csv.open(encoding="utf-8") as handle:
        rows = {row["kode"]: row for row in csv.DictReader(handle)}
    assert rows[A]["putusan"] == "naik"
    assert float(rows[A]["perubahan_persen_ber_phbs"]) == pytest.approx(25.0)
    assert float(rows[A]["perubahan_persen_ber_phbs_bawah"]) == pytest.approx(15.379342, abs=1e-5)
    assert rows[A]["menjadi_ber_phbs"] == "50"
    assert rows[B]["berpasangan"] == "0"
    assert rows[B]["putusan"] == "tidak_berubah_bermakna"
    assert rows[A]["air_bersih_putusan"] == "tidak_berubah_bermakna"
    document = json.loads(out_json.read_text(encoding="utf-8"))
    assert document["alat"]["nama"] == "phbs"
    assert [r["label"] for r in document["putaran"]] == ["2024", "2025"]
    area = next(a for a in document["wilayah"] if a["kode"] == A)
    assert area["persen_ber_phbs"]["perubahan"][0]["putusan"] == "naik"


def test_compare_in_english(rounds: tuple[Path, Path]) -> None:
    first, second = rounds
    code, output = run(
        "compare", "--round", f"2024={first}", "--round", f"2025={second}", "--lang", "en"
    )
    assert code == 0, output
    assert "Change 2024 → 2025" in output
    assert "no significant change" in output
    assert "+25.0" in output


def test_a_round_from_score_json_gives_the_same_change(
    tmp_path: Path, rounds: tuple[Path, Path]
) -> None:
    """docs/aturan.md §5.8: a round may be the JSON of ``phbs score -o``; its households are
    not there, so transitions are said to be unavailable."""
    first, second = rounds
    summary = tmp_path / "rekap-2024.json"
    assert run("score", first, "-o", summary, "-q")[0] == 0
    out = tmp_path / "p.csv"
    code, output = run(
        "compare", "--round", f"2024={summary}", "--round", f"2025={second}", "-o", out
    )
    assert code == 0, output
    assert "Transisi rumah tangga tidak tersedia" in output
    with out.open(encoding="utf-8") as handle:
        rows = {row["kode"]: row for row in csv.DictReader(handle)}
    assert float(rows[A]["perubahan_persen_ber_phbs"]) == pytest.approx(25.0)
    assert rows[A]["putusan"] == "naik"


def test_code_change_file_joins_a_renamed_village(
    tmp_path: Path, rounds: tuple[Path, Path]
) -> None:
    """docs/aturan.md §5.8: village A has a new code in 2025; the code-change file joins it."""
    first, second = rounds
    renamed = tmp_path / "survei-2025-kode-baru.csv"
    renamed.write_text(second.read_text(encoding="utf-8").replace(A, "63.10.01.2013"), "utf-8")
    changes = tmp_path / "perubahan-kode.csv"
    changes.write_text(f"kode_lama;kode_baru\n{A};6310012013\n", encoding="utf-8")
    code, output = run("compare", "--round", f"2024={first}", "--round", f"2025={renamed}")
    assert code == 0
    assert "hanya di 2024" in output
    code, output = run(
        "compare", "--round", f"2024={first}", "--round", f"2025={renamed}",
        "--code-changes", changes,
    )  # fmt: skip
    assert code == 0, output
    assert "Kode desa digabung" in output
    assert "hanya di" not in output
    line = next(x for x in output.splitlines() if x.startswith("63.10.01.2013"))
    assert "naik" in line


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--round", "2024=x.csv"], "dua putaran"),
        (["--round", "2024", "--round", "2025=y.csv"], "LABEL=BERKAS"),
        (["--round", "2024=a.csv", "--round", "2025=b.csv", "--by", "dusun"], "dusun"),
    ],
)
def test_compare_usage_errors_are_one_line(args: list[str], words: str) -> None:
    code, output = run("compare", *args)
    assert code == 2
    assert words in output
    assert "Traceback" not in output


def test_broken_code_change_file_writes_nothing(tmp_path: Path, rounds: tuple[Path, Path]) -> None:
    first, second = rounds
    changes = tmp_path / "kode.csv"
    changes.write_text("kode_lama,kode_baru\n6310012005,bukan-kode\n", encoding="utf-8")
    out = tmp_path / "p.csv"
    code, output = run(
        "compare", "--round", f"2024={first}", "--round", f"2025={second}",
        "--code-changes", changes, "-o", out,
    )  # fmt: skip
    assert code != 0
    assert "baris 2" in output
    assert "Traceback" not in output
    assert not out.exists()


def test_compare_never_overwrites_an_input(rounds: tuple[Path, Path]) -> None:
    first, second = rounds
    before = first.read_bytes()
    code, output = run(
        "compare", "--round", f"2024={first}", "--round", f"2025={second}", "-o", first
    )
    assert code != 0
    assert "Traceback" not in output
    assert first.read_bytes() == before


def test_round_form_compares_shared_indicators_and_withholds_ber_phbs(
    tmp_path: Path, rounds: tuple[Path, Path]
) -> None:
    """docs/aturan.md §5.8: 2024 scored with riskesdas-2013 (PHBS baik by count), 2025 with
    kemenkes-rt-10: % ber-PHBS is defined differently, so it gets no verdict; the indicators
    both forms have are still compared."""
    first, second = rounds
    out = tmp_path / "p.csv"
    code, output = run(
        "compare", "--round", f"2024={first}", "--round", f"2025={second}",
        "--round-form", "2024=riskesdas-2013", "-o", out,
    )  # fmt: skip
    assert code == 0, output
    assert "definisinya berbeda" in output
    with out.open(encoding="utf-8") as handle:
        rows = {row["kode"]: row for row in csv.DictReader(handle)}
    assert rows[A]["putusan"] == ""
    assert rows[A]["alasan"] == "formulir_berbeda"
    assert rows[A]["air_bersih_putusan"] == "tidak_berubah_bermakna"


def test_round_villages_gives_each_round_its_own_totals(
    tmp_path: Path, rounds: tuple[Path, Path]
) -> None:
    """docs/aturan.md §5.8 with §5.4: 2024 surveyed every household (totals 200 and 100), so
    its percentages are exact (the interval is the point); 2025 has no totals."""
    first, second = rounds
    totals = tmp_path / "desa-2024.csv"
    totals.write_text(f"kode_desa,jumlah_rumah_tangga\n{A},200\n{B},100\n", encoding="utf-8")
    out = tmp_path / "p.csv"
    code, output = run(
        "compare", "--round", f"2024={first}", "--round", f"2025={second}",
        "--round-villages", f"2024={totals}", "-o", out,
    )  # fmt: skip
    assert code == 0, output
    with out.open(encoding="utf-8") as handle:
        rows = {row["kode"]: row for row in csv.DictReader(handle)}
    assert float(rows[A]["persen_ber_phbs_awal_bawah"]) == pytest.approx(30.0)
    assert float(rows[A]["persen_ber_phbs_awal_atas"]) == pytest.approx(30.0)
    assert float(rows[A]["persen_ber_phbs_akhir_bawah"]) < 55.0


def test_per_round_option_for_an_unknown_round_is_refused(rounds: tuple[Path, Path]) -> None:
    first, second = rounds
    code, output = run(
        "compare", "--round", f"2024={first}", "--round", f"2025={second}",
        "--round-form", "2023=jateng-rt-16",
    )  # fmt: skip
    assert code == 2
    assert "tidak ada putaran berlabel 2023" in output


def test_a_mapped_recap_round_is_compared_with_a_survey_round(tmp_path: Path) -> None:
    """docs/aturan.md §5.8 with §6.7: the Kusan Hilir recap (read with its mapping, given as
    FILE=PETA) against the Kusan Hilir survey; a recap has no households."""
    folder = data_path("contoh")
    recap = folder / "rekap-puskesmas-kusan-hilir.xlsx"
    mapping = folder / "peta-rekap-puskesmas-kusan-hilir.yaml"
    survey = folder / "survei-puskesmas-kusan-hilir.csv"
    out = tmp_path / "p.json"
    code, output = run(
        "compare", "--round", f"2024={recap}", "--round", f"2025={survey}",
        "--map", f"{recap}={mapping}", "-o", out,
    )  # fmt: skip
    assert code == 0, output
    assert "Transisi rumah tangga tidak tersedia" in output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["putaran"][0]["rumah_tangga"] is False
    notes = document["catatan"]["2024 → 2025"]
    assert any("Newcombe" in line for line in notes["id"])
    assert any("Newcombe" in line for line in notes["en"])
    assert any(i["kode"] == "rekap-desa" for i in document["masalah"])


def test_a_round_that_cannot_be_read_is_named(tmp_path: Path, rounds: tuple[Path, Path]) -> None:
    first, _ = rounds
    empty = tmp_path / "kosong.csv"
    empty.write_text(HEADER, encoding="utf-8")
    code, output = run("compare", "--round", f"2024={first}", "--round", f"2025={empty}")
    assert code != 0
    assert "putaran 2025:" in output
    assert "Traceback" not in output


def test_ids_numbered_afresh_are_not_paired(tmp_path: Path) -> None:
    """docs/aturan.md §5.8: both rounds number households 1, 2, 3 in the village, but the
    heads of household differ: no pairs, and a warning says the ids seem renumbered."""
    header = "id_rumah_tangga,kode_desa,nama_kepala_rt," + HEADER.split(",", 2)[2]
    rows = "".join(
        f"{i},{A},{name},,,,,ya,ya,ya,ya,ya,ya,ya\n"
        for i, name in enumerate(["Ani", "Budi", "Citra", "Dedi"], 1)
    )
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(header + rows, encoding="utf-8")
    second.write_text(header + rows.replace("Ani", "Eko").replace("Budi", "Fajar"), "utf-8")
    code, output = run("compare", "--round", f"2024={first}", "--round", f"2025={second}")
    assert code == 0, output
    assert "2 rumah tangga ber-id sama tetapi nama kepala rumah tangganya berbeda" in output
    assert "2 dari 4 rumah tangga ber-id sama" in output


def test_most_improved_is_ranked_with_its_uncertainty(
    tmp_path: Path, rounds: tuple[Path, Path]
) -> None:
    """docs/aturan.md §5.8, §7.8: A (+25 points, about 200 households a round) is first; B
    (+5) second; the bootstrap is seeded and written to the JSON."""
    first, second = rounds
    out = tmp_path / "p.json"
    args = ["compare", "--round", f"2024={first}", "--round", f"2025={second}"]
    code, output = run(*args, "--bootstrap", "300", "--seed", "7", "-o", out)
    assert code == 0, output
    assert "Paling meningkat 2024 → 2025 (bootstrap 300 ulangan, seed 7)" in output
    ranked = json.loads(out.read_text(encoding="utf-8"))["paling_meningkat"]
    assert [v["kode_desa"] for v in ranked["desa"]] == [A, B]
    assert ranked["desa"][0]["p_paling_meningkat"] > 0.9
    assert (ranked["ulangan"], ranked["seed"]) == (300, 7)
    code, output = run(*args, "--bootstrap", "0")
    assert code == 0
    assert "Paling meningkat" not in output
    code, output = run(*args, "--round-form", "2024=riskesdas-2013")
    assert "Paling meningkat tidak diperingkat" in output
