"""Each kind of question a proposed mapping asks, answered as the page of ``phbs web``
answers it (phbs/web/answers.py through :func:`phbs.web.maps.answer`, the route's own call):
the choices offered, the mapping written, and an answer the mapping model refuses.

The files are made here as in tests/ingest/test_mapping.py (a check-mark sheet, two survey
sheets, an age column in years, unknown headers); what each answer must write is the key a
person would write by hand (docs/pemetaan.md), read back with ``load_map``."""

from __future__ import annotations

import shutil
from pathlib import Path

import xlsxwriter
from conftest import HEADER, SEGUMBANG, household, write_csv

from phbs.i18n import t
from phbs.ingest.mapping import load_map
from phbs.web import UPLOADS
from phbs.web.maps import Maps, Proposed, answer, make_proposal


def _proposed(tmp_path: Path, path: Path) -> Proposed:
    map_id, folder = Maps(tmp_path / "peta").folder()
    kept = folder / UPLOADS / path.name
    shutil.copyfile(path, kept)
    proposed = Proposed(map_id, folder, kept, "id")
    make_proposal(proposed, "kemenkes-rt-10")
    assert proposed.view is not None, proposed.error
    return proposed


def _offered(proposed: Proposed) -> list[tuple[str, list[str]]]:
    assert proposed.view is not None
    return [(q.asked, [o.value for o in q.options]) for q in proposed.view.questions]


def test_a_blank_cell_of_a_check_mark_sheet_answered_as_tidak(tmp_path: Path) -> None:
    """§6.3: ticks and empty cells only; the page offers the meanings a person may write."""
    header = ["No KK", "Desa", "Umur Anak Termuda", *(str(n) for n in range(1, 11))]
    rows = [["A1", "Segumbang", "12", *(["√"] * 10)], ["B2", "Segumbang", "", "", "", "", "√"]]
    proposed = _proposed(tmp_path, write_csv(tmp_path / "centang.csv", [header, *rows]))
    assert _offered(proposed) == [("Sel indikator kosong berarti", ["missing", "na", "tidak"])]
    assert answer(proposed, {"q1": "tidak"}) == ""
    assert load_map(proposed.mapping).map.blank == "tidak"
    assert proposed.view is not None
    assert proposed.view.questions == []


def test_the_sheet_chosen_then_the_rest_is_proposed_for_that_sheet(tmp_path: Path) -> None:
    path = tmp_path / "dua.xlsx"
    book = xlsxwriter.Workbook(str(path))
    for name in ("Data 2025", "Data 2024 (lama)"):
        sheet = book.add_worksheet(name)
        for r, row in enumerate([HEADER, household("A", SEGUMBANG)]):
            sheet.write_row(r, 0, row)
    book.close()
    proposed = _proposed(tmp_path, path)
    assert _offered(proposed) == [("Lembar yang berisi survei", ["Data 2025", "Data 2024 (lama)"])]
    assert answer(proposed, {"q1": "Data 2025"}) == ""
    loaded = load_map(proposed.mapping).map
    assert (loaded.sheet, loaded.header_row) == ("Data 2025", 1)


def test_an_age_column_in_years_is_left_unread(tmp_path: Path) -> None:
    """Years, not months: the column stays under ignore and the form's age is not mapped
    (the '-' marks decide, §6.5); the village names' area is still asked."""
    header = ["No KK", "Desa", "Umur Balita (th)", *HEADER[3:]]
    rows = [[f"R{n}", "Segumbang", str(n % 5), *household("x")[3:]] for n in range(12)]
    proposed = _proposed(tmp_path, write_csv(tmp_path / "umur.csv", [header, *rows]))
    asked, options = _offered(proposed)[0]
    assert asked == "Kolom 'Umur Balita (th)' berisi umur dalam"
    assert options == ["Umur Balita (th)", "-"]
    assert answer(proposed, {"q1": "-"}) == ""
    loaded = load_map(proposed.mapping, questions=True).map
    assert "umur_anak_termuda_bulan" not in loaded.columns
    assert "Umur Balita (th)" in loaded.ignore
    assert proposed.view is not None
    assert "umur" not in " ".join(q.asked for q in proposed.view.questions).casefold()


def test_the_area_of_village_names_chosen_among_those_found(tmp_path: Path) -> None:
    """Kampung Baru is a village name in many areas: the page offers the areas the proposal
    found it in (as its TANYA lists them), and the one chosen is the mapping's region."""
    header = ["No KK", "Desa", *HEADER[2:]]
    rows = [["A", "Kampung Baru", *household("A")[2:]], ["B", "Kampung Baru", *household("B")[2:]]]
    proposed = _proposed(tmp_path, write_csv(tmp_path / "ambigu.csv", [header, *rows]))
    ((asked, options),) = _offered(proposed)
    assert asked == "Wilayah tempat nama desa dicari"
    assert "11.01.10" in options  # Kecamatan Pasie Raja, as phbs map lists it
    assert proposed.view is not None
    labels = [o.label for o in proposed.view.questions[0].options]
    assert "11.01.10 Kecamatan Pasie Raja (1/1)" in labels
    assert answer(proposed, {"q1": "63.10"}).startswith("Ditolak: '63.10' bukan salah satu")
    assert answer(proposed, {"q1": "11.01.10"}) == ""
    assert load_map(proposed.mapping).map.region == "11.01.10"


def test_columns_chosen_for_missing_fields_and_one_column_twice_refused(tmp_path: Path) -> None:
    """Unknown headers for the household id and the village: each is a choice among the
    columns not used yet. One column for both is refused with the line ``load_map`` gives a
    mapping file that says so (as ``phbs score --map`` prints it) and the mapping stays as it
    was; then answered
    apart, the village names get their area proposed (Segumbang: Batu Licin, 63.10.01)."""
    header = ["Nomor", "Wil", *HEADER[2:]]
    rows = [[f"R{n}", "Segumbang", *household("x")[2:]] for n in range(3)]
    proposed = _proposed(tmp_path, write_csv(tmp_path / "wil.csv", [header, *rows]))
    # Each field is asked by the name the household list heads it with, its code after it.
    # Beside the village's column, the code of one village for every row (docs/aturan.md §9.4).
    assert _offered(proposed) == [
        (t("web.map.q.column", field=t("report.col.id_rumah_tangga")), ["Nomor", "Wil"]),
        (t("web.map.q.column", field=t("report.col.kode_desa")), ["Nomor", "Wil"]),
        (t("web.map.q.village"), []),
    ]
    assert proposed.view is not None
    assert [q.code for q in proposed.view.questions] == ["id_rumah_tangga", "kode_desa", ""]
    before = proposed.mapping.read_bytes()
    refused = answer(proposed, {"q1": "Wil", "q2": "Wil"})
    assert refused.splitlines() == [
        "Galat: peta.yaml: peta tidak sah (1 masalah)",
        "  columns: judul 'Wil' diberikan untuk dua isian",
    ]
    assert proposed.mapping.read_bytes() == before
    assert answer(proposed, {"q1": "Nomor", "q2": "Wil"}) == ""
    loaded = load_map(proposed.mapping).map
    assert (loaded.columns["id_rumah_tangga"], loaded.columns["kode_desa"]) == ("Nomor", "Wil")
    assert loaded.region == "63.10.01"


def test_a_question_of_a_file_of_answers_placed_under_its_field(tmp_path: Path) -> None:
    """§6.6: an app's own code for a question (``Q7``) is no spelling the form knows; the
    page offers the form's fields by name, in English too, and the one chosen is written
    under ``questions`` as a person writes ``berantas_jentik: ["Q7"]`` (docs/pemetaan.md)."""
    header = ["no_kk", "kode_desa", "pertanyaan", "jawaban"]
    asked = ["air_bersih", "cuci_tangan", "jamban_sehat", "Q7", "buah_sayur", "tidak_merokok"]
    rows = [[f"K{n}", SEGUMBANG, q, "Ya"] for n in range(4) for q in asked]
    path = write_csv(tmp_path / "app.csv", [header, *rows])
    map_id, folder = Maps(tmp_path / "en").folder()
    kept = folder / UPLOADS / path.name
    shutil.copyfile(path, kept)
    english = Proposed(map_id, folder, kept, "en")
    make_proposal(english, "kemenkes-rt-10")
    assert english.view is not None
    (question,) = english.view.questions
    assert question.asked == "The file's question 'Q7' asks"
    labels = [o.label for o in question.options]
    assert "Eliminating mosquito larvae at home once a week (berantas_jentik)" in labels
    assert labels[-1] == "no form field: its rows are set aside"
    proposed = _proposed(tmp_path, path)
    assert answer(proposed, {"q1": "berantas_jentik"}) == ""
    loaded = load_map(proposed.mapping).map
    assert loaded.questions["berantas_jentik"] == ["Q7"]
    assert (loaded.ignore_questions, loaded.unanswered()) == ([], [])


def test_a_file_for_one_village_without_its_column_is_given_its_code(tmp_path: Path) -> None:
    """No village column and no column left to choose (docs/aturan.md §9.4): the page asks
    for the code of the one village every row is, refuses a code the region table does not
    have and writes the one it has as ``desa``; nothing is left to answer in peta.yaml."""
    rows = [[f"K{n}", *household("x")[2:]] for n in range(4)]
    proposed = _proposed(
        tmp_path, write_csv(tmp_path / "satu.csv", [["No KK", *HEADER[2:]], *rows])
    )
    assert proposed.view is not None
    assert proposed.view.asked == [
        "TANYA: kolom mana berisi kode_desa? Kolom yang belum dipakai: –"
    ]
    (question,) = proposed.view.questions
    assert (question.kind, question.typed, proposed.view.elsewhere) == ("village", True, False)
    before = proposed.mapping.read_bytes()
    refused = answer(proposed, {"q1": "63.10.01.2999"})
    assert refused.startswith("Ditolak: '63.10.01.2999' bukan kode desa/kelurahan")
    assert proposed.mapping.read_bytes() == before
    assert answer(proposed, {"q1": "6310012005"}) == ""
    loaded = load_map(proposed.mapping).map
    assert (loaded.desa, loaded.unanswered()) == (SEGUMBANG, [])
