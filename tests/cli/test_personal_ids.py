"""Family-card (KK) and identity (NIK) numbers as household ids, docs/aturan.md §1.2: read
under a ``No. KK`` header, never written out in full — not in issues, the households CSV, the
rows set aside or the workbook — unless ``--include-names`` asks for personal data.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import HEADER, SEGUMBANG, household, write_csv
from python_calamine import CalamineWorkbook

from phbs.cli.root import cli

KK_1 = "6310012508150001"
KK_2 = "6310012508150002"


def _survey(tmp_path: Path) -> Path:
    rows = [
        household(KK_1, SEGUMBANG, "", "---YYYYYYY"),
        household(KK_2, SEGUMBANG, "", "---YYYYYYY"),
        household(KK_2, SEGUMBANG, "", "---TYYYYYY"),  # the same card, other answers
        household("'6310 0125 0815 0003", SEGUMBANG, "", "---YYYYYYY"),  # typed with spaces
    ]
    return write_csv(tmp_path / "survei.csv", [["No. KK", *HEADER[1:]], *rows])


def _run(tmp_path: Path, *extra: str) -> tuple[str, dict[str, str]]:
    path = _survey(tmp_path)
    outputs = {
        "-o": tmp_path / "rekap.json",
        "--households": tmp_path / "rt.csv",
        "--rejects": tmp_path / "sisih.csv",
    }
    argv = ["score", str(path), *(x for k, v in outputs.items() for x in (k, str(v))), *extra]
    done = CliRunner().invoke(cli, argv, catch_exceptions=False)
    assert done.exit_code == 0, done.output
    texts = {k: v.read_text(encoding="utf-8") for k, v in outputs.items()}
    return done.output, texts


def test_a_no_kk_column_is_the_household_id_and_its_numbers_stay_hidden(tmp_path: Path) -> None:
    printed, written = _run(tmp_path)
    assert "4 baris dibaca = 3 diskor + 1 disisihkan" in printed
    for text in (printed, *written.values()):
        assert KK_1 not in text
        assert KK_2 not in text
        assert "0815 0003" not in text
    households = written["--households"].splitlines()
    assert households[1].startswith("KK/NIK …0001,")
    assert "KK/NIK …0002" in written["--rejects"]
    issues = json.loads(written["-o"])["masalah"]
    (duplicate,) = [i for i in issues if i["kode"] == "id-ganda"]
    assert duplicate["nilai"] == "KK/NIK …0002"
    assert "KK/NIK …0002" in duplicate["pesan"]
    assert "KK/NIK …0002" in duplicate["message"]


def test_include_names_shows_the_numbers(tmp_path: Path) -> None:
    _, written = _run(tmp_path, "--include-names")
    assert KK_1 in written["--households"]
    assert KK_2 in written["--rejects"]


def test_the_workbook_shows_the_last_four_digits_unless_asked(tmp_path: Path) -> None:
    path = _survey(tmp_path)
    for extra, shown in (([], "KK/NIK …0001"), (["--include-names"], KK_1)):
        book = tmp_path / f"laporan{len(extra)}.xlsx"
        done = CliRunner().invoke(
            cli, ["report", str(path), "--xlsx", str(book), "-q", *extra], catch_exceptions=False
        )
        assert done.exit_code == 0, done.output
        workbook = CalamineWorkbook.from_path(str(book))
        cells = [
            str(cell)
            for name in workbook.sheet_names
            for row in workbook.get_sheet_by_name(name).to_python()
            for cell in row
        ]
        assert shown in cells
        if not extra:
            assert not [c for c in cells if KK_1 in c or KK_2 in c]
