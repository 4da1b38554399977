"""The villages file: households per village, for *dipantau* (docs/aturan.md §5.3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BATULICIN, KAMPUNG_BARU, SEGUMBANG, write_csv, write_xlsx

from phbs.errors import InputFileError, UnusableFileError
from phbs.ingest.villages import VillageTotals, read_villages

HEADER = ["kode_desa", "nama_desa", "jumlah_rumah_tangga"]


def issue_rows(totals: VillageTotals, code: str) -> list[int | None]:
    return [i.row for i in totals.issues if i.code == code]


def test_good_file(tmp_path: Path) -> None:
    """docs/aturan.md §5.3: the number of households per village, codes dotted or not."""
    path = write_csv(
        tmp_path / "desa.csv",
        [HEADER, [BATULICIN, "Batulicin", "3184"], ["6310012005", "Segumbang", "689"]],
    )
    totals = read_villages(path)
    assert totals.totals == {BATULICIN: 3184, SEGUMBANG: 689}
    assert not totals.issues
    assert totals.source.endswith("desa.csv")
    assert len(totals.sha256) == 64


def test_bad_rows(tmp_path: Path) -> None:
    """docs/aturan.md §5.3: a villages-file row with a bad code or count is `data-desa-salah`; the
    village's total is then unknown; blank rows are skipped."""
    path = write_csv(
        tmp_path / "desa.csv",
        [
            HEADER,
            [BATULICIN, "Batulicin", "3184"],  # 2 fine
            ["63.10.1.2005", "Segumbang", "689"],  # 3 malformed code
            [KAMPUNG_BARU, "Kampung Baru", "banyak"],  # 4 not a number
            ["63.10.02.2012", "Pulau Salak", "0"],  # 5 zero households
            ["63.10.02.2003", "Sungai Lembu", "-5"],  # 6 negative
            ["", "", ""],  # 7 blank: skipped
            [BATULICIN, "Batulicin", "3000"],  # 8 code given twice
            ["", "Tanpa kode", "10"],  # 9 no code
            ["63.10.02.2005", "Pejala", "12.5"],  # 10 not whole
        ],
    )
    totals = read_villages(path)
    assert totals.totals == {BATULICIN: 3184}
    assert issue_rows(totals, "data-desa-salah") == [3, 4, 5, 6, 8, 9, 10]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234", 1234),
        ("1,234", 1234),
        ("12.345", 12345),
        ("3184.0", 3184),
        (" 97 ", 97),
        ("1.000", 1000),
    ],
)
def test_counts_with_thousands_separators(tmp_path: Path, text: str, value: int) -> None:
    """docs/aturan.md §5.3: a household count typed with a thousands separator (Indonesian '1.234',
    English '1,234') is that many households, never 1."""
    path = write_csv(tmp_path / "desa.csv", [HEADER, [BATULICIN, "Batulicin", text]], sep=";")
    assert read_villages(path).totals == {BATULICIN: value}


def test_unknown_code_is_kept_with_warning(tmp_path: Path) -> None:
    """aturan.md §9.1: a well-formed code not in the table is a warning, its total still used."""
    path = write_csv(tmp_path / "desa.csv", [HEADER, ["63.10.01.2999", "Desa Baru", "40"]])
    totals = read_villages(path)
    assert totals.totals == {"63.10.01.2999": 40}
    assert issue_rows(totals, "kode-desa-tidak-dikenal") == [2]


def test_missing_column(tmp_path: Path) -> None:
    """docs/aturan.md §5.3, §6.1 (Membaca berkas): without kode_desa or
    jumlah_rumah_tangga no total is known: the file is refused (exit 1), naming the column."""
    path = write_csv(tmp_path / "desa.csv", [["kode_desa", "nama_desa"], [BATULICIN, "Batulicin"]])
    with pytest.raises(UnusableFileError, match="jumlah_rumah_tangga"):
        read_villages(path)


def test_two_count_columns(tmp_path: Path) -> None:
    """aturan.md §6.4: two columns matching one field is an issue (`kolom-ambigu`), not a guess."""
    path = write_csv(
        tmp_path / "desa.csv",
        [["kode_desa", "jumlah_rumah_tangga", "Jumlah KK"], [BATULICIN, "3184", "3500"]],
    )
    with pytest.raises(UnusableFileError, match="'jumlah_rumah_tangga', 'Jumlah KK'"):
        read_villages(path)


def test_header_aliases_and_xlsx(tmp_path: Path) -> None:
    """docs/aturan.md §5.3: a villages sheet with its own headings and typed numbers."""
    path = write_xlsx(
        tmp_path / "desa.xlsx",
        {
            "Desa": [
                ["Kode Desa/Kelurahan", "Nama", "Jumlah Rumah Tangga"],
                [6310011007.0, "Batulicin", 3184.0],
                [SEGUMBANG, "Segumbang", 689],
            ]
        },
    )
    totals = read_villages(path)
    assert totals.totals == {BATULICIN: 3184, SEGUMBANG: 689}


def test_missing_villages_file(tmp_path: Path) -> None:
    """docs/architecture.md "Errors and issues": a missing villages file cannot be read."""
    with pytest.raises(InputFileError):
        read_villages(tmp_path / "tidak-ada.csv")
