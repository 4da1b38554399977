"""The questions of a proposed mapping that were once answered only in the downloaded
``peta.yaml``, answered in the page of ``phbs web`` (phbs/web/answers.py), in a real browser
(Debian's Chromium through Playwright, as test_web_answers.py drives it):

- a file of answers (one row per answer, docs/aturan.md §6.6) made in Excel as a kader types
  it: answers ``Iya``, ``Tdk``, ``-``, ``ga ada`` and a question of the kader's own
  (``Catatan kader``) — the spelling ``ga ada`` and that question are answered on the page;
- a file whose village names are found in no area (typed with the vowels left out): the area
  is typed as its code (§6.5); the spelling may also be read as a blank cell (``answers.kosong``,
§6.5).

Each page answer must give the mapping a person writes by hand in the ``peta.yaml`` of
``phbs map`` (docs/pemetaan.md; compared as loaded by ``load_map``, not as text), and the
page's job the numbers of ``phbs score --map`` with the hand-written mapping. Expected values
come from the command line on the same files (CliRunner), never from the page's own code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from click.testing import CliRunner
from conftest import HEADER, KERSIK_PUTIH, SEGUMBANG, household, write_csv
from web_helpers import assert_same_villages, base, wait_for_results

from phbs.cli.root import cli
from phbs.i18n import t
from phbs.ingest.mapping import load_map
from phbs.web.server import WebServer

pytestmark = pytest.mark.slow

QUESTIONS = [
    "P01 Persalinan nakes",
    "P02 ASI eksklusif",
    "P03 Timbang balita",
    "P04 Air bersih",
    "P05 Cuci tangan",
    "P06 Jamban sehat",
    "P07 Jentik",
    "P08 Sayur buah",
    "P09 Aktivitas fisik",
    "P10 Tidak merokok",
    "Catatan kader",
]


def answers_book(path: Path) -> Path:
    """One row per answer, as a kader types it in Excel: four households of two villages."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, ["No KK", "Kode Desa", "Pertanyaan", "Jawaban"])
    households = [
        ("KK01", SEGUMBANG, ["Iya", "Iya", "Iya", *["Iya"] * 7, "baik"]),
        ("KK02", SEGUMBANG, ["-", "-", "-", "Iya", "Tdk", *["Iya"] * 5, "rumah jauh"]),
        ("KK03", KERSIK_PUTIH, ["-", "-", "-", *["Iya"] * 6, "ga ada", "baik"]),
        ("KK04", KERSIK_PUTIH, ["-", "-", "-", *["Iya"] * 7, "baik"]),
    ]
    row = 1
    for kk, village, answers in households:
        for question, answer in zip(QUESTIONS, answers, strict=True):
            sheet.write_row(row, 0, [kk, village, question, answer])
            row += 1
    book.close()
    return path


def proposed_by_cli(file: Path) -> str:
    """The mapping ``phbs map FILE -o peta.yaml`` writes, as text."""
    out = file.parent / "cli-peta.yaml"
    done = CliRunner().invoke(cli, ["map", str(file), "-o", str(out), "--force"])
    assert done.exit_code == 0, done.output
    return out.read_text(encoding="utf-8")


def by_hand(text: str, edits: list[tuple[str, str]], path: Path) -> Path:
    """The proposed mapping edited as a person edits it: each line replaced."""
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path


def propose(page: Any, web: WebServer, file: Path) -> None:
    page.goto(base(web) + "/")
    page.set_input_files("#berkas-peta", str(file))
    page.click("#usulkan")
    page.wait_for_selector("#kata-peta", timeout=120_000)


def downloaded(page: Any, folder: Path) -> Path:
    with page.expect_download() as started:
        page.click("#unduh-peta")
    saved = folder / "unduhan" / "peta.yaml"
    saved.parent.mkdir(exist_ok=True)
    started.value.save_as(saved)
    return saved


#: What "ga ada" is taken to mean, the hand edit that says so, and the numbers worked by hand
#: per village (surveyed, ber-PHBS, belum lengkap, tidak): KK01 and KK04 answer Iya where
#: the indicator applies ('-' marks the rest); KK02 has a Tdk; KK03's "ga ada" on the last
#: indicator makes it tidak, or as a blank cell (belum diisi, the file writes '-') incomplete.
MEANINGS = {
    "tidak": (
        [('  tidak: ["tdk"]', '  tidak: ["tdk", "ga ada"]'), ('  "?": ["ga ada"]', "")],
        [["2", "1", "0", "1"], ["2", "1", "0", "1"]],
    ),
    "kosong": (
        [('  "?": ["ga ada"]', '  kosong: ["ga ada"]')],
        [["2", "1", "0", "1"], ["2", "1", "1", "0"]],
    ),
}


@pytest.mark.parametrize("meaning", list(MEANINGS))
def test_a_file_of_answers_spelling_and_own_question_answered_in_the_page(
    page: Any, web: WebServer, tmp_path: Path, meaning: str
) -> None:
    book = answers_book(tmp_path / "jawaban-kader.xlsx")
    text = proposed_by_cli(book)
    # By hand (docs/pemetaan.md): "ga ada" (there is none) as meant; the kader's note is no
    # form field, its rows set aside.
    edits, worked = MEANINGS[meaning]
    placed = [
        ('  "?": ["Catatan kader"]\n', ""),
        ("ignore_questions: []", 'ignore_questions: ["Catatan kader"]'),
    ]
    hand = by_hand(text, [*edits, *placed], tmp_path / "tangan.yaml")
    propose(page, web, book)
    spelling = page.get_by_label("Ejaan 'ga ada' (")
    # Where it stands: the answer column, named by its header (no form field is "Jawaban").
    assert "di kolom Jawaban) berarti" in spelling.locator("xpath=..").inner_text()
    states = ("ya", "tidak", "tidak_berlaku", "kosong")
    assert spelling.locator("option").all_inner_texts() == [
        t("web.map.open"),
        *(t(f"web.map.state.{s}") for s in states),
    ]
    asked = page.get_by_label("Pertanyaan 'Catatan kader' di berkas menanyakan")
    offered = asked.locator("option").all_inner_texts()
    assert "Menggunakan jamban sehat (jamban_sehat)" in offered
    assert offered[-1] == "bukan isian formulir: barisnya disisihkan"
    assert page.locator("#jawab-di-berkas").count() == 0  # nothing left to the file
    spelling.select_option(meaning)
    asked.select_option(label="bukan isian formulir: barisnya disisihkan")
    page.click("#simpan-jawaban")
    page.wait_for_selector("#tanpa-tanya")
    assert load_map(downloaded(page, tmp_path)).map == load_map(hand).map

    out = tmp_path / "cli.json"
    scored = CliRunner().invoke(cli, ["score", str(book), "--map", str(hand), "-o", str(out)])
    assert scored.exit_code == 0, scored.output
    areas = json.loads(out.read_text(encoding="utf-8"))["wilayah"]
    page.click("#pakai-peta")
    page.click("#olah")
    wait_for_results(page)
    keys = ["rumah_tangga_disurvei", "ber_phbs", "belum_lengkap", "tidak_ber_phbs"]
    assert [[str(a[k]) for k in keys] for a in areas] == worked
    assert_same_villages(page, areas)


def test_the_area_of_names_found_nowhere_is_typed_as_its_code(
    page: Any, web: WebServer, tmp_path: Path
) -> None:
    """No area holds these names, so there is nothing to choose from: the page asks for the
    code, refuses one the region table does not have, and writes the one it has as
    ``region:`` is written by hand."""
    rows = [[f"K{n}", name, *household("x")[2:]] for n, name in enumerate(["Sgmbng", "Krsk Pth"])]
    survey = write_csv(tmp_path / "desa.csv", [["No KK", "Desa", *HEADER[2:]], *rows])
    text = proposed_by_cli(survey)
    hand = by_hand(text, [('region: "?"', 'region: "63.10.01"')], tmp_path / "tangan.yaml")
    propose(page, web, survey)
    typed = page.get_by_label("Nama desa tidak ditemukan di satu wilayah pun", exact=False)
    typed.fill("63.10.99")  # no such kecamatan in Tanah Bumbu
    page.click("#simpan-jawaban")
    page.wait_for_selector("#jawaban-ditolak")
    assert "'63.10.99' bukan kode kecamatan" in page.inner_text("#jawaban-ditolak")
    assert typed.input_value() == "63.10.99"  # kept to correct
    typed.fill("63.10.01")
    page.click("#simpan-jawaban")
    page.wait_for_selector("#tanpa-tanya")
    assert load_map(downloaded(page, tmp_path)).map == load_map(hand).map


def _used_as_desa_segumbang(page: Any, survey: Path, tmp_path: Path) -> None:
    """The proposed mapping used on the page gives the village table of ``phbs score --desa
    63.10.01.2005`` on the same file, whose numbers are those worked by hand: 3 surveyed, 2
    ber-PHBS, 0 belum lengkap, 1 tidak."""
    out = tmp_path / "cli.json"
    scored = CliRunner().invoke(cli, ["score", str(survey), "--desa", SEGUMBANG, "-o", str(out)])
    assert scored.exit_code == 0, scored.output
    areas = json.loads(out.read_text(encoding="utf-8"))["wilayah"]
    keys = ["rumah_tangga_disurvei", "ber_phbs", "belum_lengkap", "tidak_ber_phbs"]
    assert [[str(a[k]) for k in keys] for a in areas] == [["3", "2", "0", "1"]]
    page.click("#pakai-peta")
    page.click("#olah")
    wait_for_results(page)
    assert_same_villages(page, areas)


def test_a_file_of_one_village_without_its_column_is_given_its_code(
    page: Any, web: WebServer, tmp_path: Path
) -> None:
    """A kader's sheet for one village with no village column (docs/aturan.md §9.4): the page
    asks for the village's code, refuses one the region table does not have, writes ``desa``
    as a person writes it in ``peta.yaml``, and its job gives the numbers of ``phbs score
    --desa``. Worked by hand: K1 and K3 answer Ya wherever the indicator applies, K2 has a
    Tidak: 3 surveyed, 2 ber-PHBS, 0 belum lengkap, 1 tidak."""
    specs = {"K1": "---YYYYYYY", "K2": "---YYYTYYY", "K3": "---YYYYYYY"}
    rows = [[k, *household(k, SEGUMBANG, "", spec)[2:]] for k, spec in specs.items()]
    header = [c for c in HEADER if c != "kode_desa"]
    survey = write_csv(tmp_path / "satu-desa.csv", [header, *rows])
    text = proposed_by_cli(survey)
    # By hand: the code written in, and the question of the column taken away.
    edits = [('# desa: "PP.KK.CC.DDDD"', f'desa: "{SEGUMBANG}"'), ('  kode_desa: "?"\n', "")]
    hand = by_hand(text, edits, tmp_path / "tangan.yaml")
    propose(page, web, survey)
    typed = page.get_by_label("Berkas satu desa tanpa kolom desa?", exact=False)
    typed.fill("63.10.01.2999")  # well-formed, but no such village
    page.click("#simpan-jawaban")
    page.wait_for_selector("#jawaban-ditolak")
    assert "'63.10.01.2999' bukan kode desa/kelurahan" in page.inner_text("#jawaban-ditolak")
    typed.fill("6310012005")
    page.click("#simpan-jawaban")
    page.wait_for_selector("#tanpa-tanya")
    assert "setiap baris Desa Segumbang (63.10.01.2005)" in page.inner_text("body")
    assert load_map(downloaded(page, tmp_path)).map == load_map(hand).map

    _used_as_desa_segumbang(page, survey, tmp_path)


def test_a_village_code_typed_in_the_first_row_only_is_given_for_the_blank_cells(
    page: Any, web: WebServer, tmp_path: Path
) -> None:
    """A kader typed the village code in the first row only (docs/aturan.md §9.4): the map
    page says there is nothing it must ask, offers the village for the blank cells, and with
    it every household is scored as ``phbs score --desa`` scores them (worked by hand: K1 and
    K3 ber-PHBS, K2 has a Tidak)."""
    specs = {"K1": "---YYYYYYY", "K2": "---YYYTYYY", "K3": "---YYYYYYY"}
    rows = [household(k, SEGUMBANG if k == "K1" else "", "", s) for k, s in specs.items()]
    survey = write_csv(tmp_path / "sekali.csv", [HEADER, *rows])
    propose(page, web, survey)
    assert page.locator("#tanpa-tanya").count() == 1
    page.get_by_label("Kolom kode desa kosong di sebagian besar baris", exact=False).fill(
        "6310012005"
    )
    page.click("#simpan-jawaban")
    page.wait_for_selector("#tanpa-tanya")
    assert page.locator("#jawab").count() == 0  # answered: nothing left to offer
    _used_as_desa_segumbang(page, survey, tmp_path)
