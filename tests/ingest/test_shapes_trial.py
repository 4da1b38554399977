"""Files as a new user brought them (docs/aturan.md §1.2, §6.6, §6.7): family-card numbers
Excel turned into scientific notation or typed grouped, an app's answers with numbered or
reworded questions, recaps whose *Jml* is the count of *ya* beside its percentage. Each reads
to the numbers worked out by hand, or is refused saying what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter
from click.testing import CliRunner
from conftest import HEADER, KERSIK_PUTIH, SEGUMBANG, assert_reconciled, codes, states, write_csv

from phbs.cli.root import cli
from phbs.errors import MapError, SurveyError
from phbs.ingest.mapping import load_map
from phbs.ingest.publishable import check_publishable
from phbs.ingest.validate import read_survey

INDICATORS = HEADER[3:]


def _run(*argv: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(cli, list(argv))
    assert "Traceback" not in done.output
    return done.exit_code, done.stdout, done.stderr


def _peta(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- §1.2: family-card numbers as spreadsheets leave them


def test_ids_in_scientific_notation_are_refused_saying_how_to_repair(tmp_path: Path) -> None:
    """Excel shows a 16-digit number it holds as a number as ``6,31001E+15``: the numbers
    are lost, so the households cannot be told apart; the rows are set aside
    (``id-notasi-ilmiah``) and, being many, the run refused with what to do."""
    rows = [["6,31001E+15", SEGUMBANG, "", *["Ya"] * 10] for _ in range(6)]
    survey = read_survey([write_csv(tmp_path / "a.csv", [HEADER, *rows])])
    assert_reconciled(survey)
    assert codes(survey)["id-notasi-ilmiah"] == 6
    with pytest.raises(SurveyError, match="notasi ilmiah Excel") as refused:
        check_publishable(survey)
    assert "Format kolom ID sebagai Teks" in refused.value.message_id


def test_one_id_in_scientific_notation_is_set_aside_the_rest_scored(tmp_path: Path) -> None:
    rows = [[f"63100000000000{i:02d}", SEGUMBANG, "", *["Ya"] * 10] for i in range(30)]
    rows.append(["6.31E+15", SEGUMBANG, "", *["Ya"] * 10])
    survey = read_survey([write_csv(tmp_path / "a.csv", [HEADER, *rows])])
    assert [r.reasons for r in survey.set_aside] == [("id-notasi-ilmiah",)]
    check_publishable(survey)  # one damaged cell of 31: published, with the row set aside


@pytest.mark.parametrize(
    "grouped", ["6310 0000 0000 0001", "'6310000000000001", "6310.0000.0000.0001"]
)
def test_a_card_number_typed_grouped_is_the_same_household(tmp_path: Path, grouped: str) -> None:
    """§1.2: a KK number grouped by spaces or dots, or marked as text with ``'``, is the
    same number: the second row of the same household is a duplicate, in a file read
    column-wise as in one read row by row."""
    rows = [[f"63100000000000{i:02d}", SEGUMBANG, "", *["Ya"] * 10] for i in range(1, 40)]
    rows.append([grouped, SEGUMBANG, "", *["Ya"] * 10])
    survey = read_survey([write_csv(tmp_path / "a.csv", [HEADER, *rows])])
    assert_reconciled(survey)
    assert survey.rows_scored == 39
    assert [r.reasons for r in survey.set_aside] == [("baris-ganda",)]


def test_members_with_their_kk_typed_two_ways_are_one_family(tmp_path: Path) -> None:
    header = ["No KK", "kode_desa", *INDICATORS]
    path = write_csv(
        tmp_path / "anggota.csv",
        [
            header,
            ["6310000000000001", SEGUMBANG, "", "", "", *["Ya"] * 7],
            ["6310 0000 0000 0001", SEGUMBANG, "", "", "", "", "", "", "", "Ya", "Ya", "Tidak"],
            ["'6310000000000001", SEGUMBANG, "", "", "", "", "", "", "", "Ya", "Ya", "Ya"],
        ],
    )
    peta = _peta(
        tmp_path / "peta.yaml", 'phbs_map: 1\nshape: anggota\ncolumns: {id_rumah_tangga: "No KK"}\n'
    )
    survey = read_survey([path], mapping=peta)
    assert states(survey) == ["...YYYYYYT"]


def test_member_ages_in_years_are_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [["No KK", "kode_desa", "Umur (Thn)", *INDICATORS]])
    peta = _peta(
        tmp_path / "peta.yaml",
        'phbs_map: 1\nshape: anggota\ncolumns: {id_rumah_tangga: "No KK", '
        'umur_anggota_bulan: "Umur (Thn)"}\n',
    )
    with pytest.raises(MapError, match="umur dalam tahun"):
        read_survey([path], mapping=peta)


# --- §6.6: an app's answers, its questions its own way

_APP = ["id", "no_kk", "desa_id", "kode_pertanyaan", "nilai"]


def _app_rows() -> list[list[str]]:
    rows = []
    number = 0
    for kk, village, age, answers in [
        ("6310000000000001", "6310012005", "8", ["Y", "Y", "Y", "Y", "Y", "Y", "Y", "Y", "Y", "Y"]),
        (
            "6310000000000002",
            "6310012005",
            "",
            ["TB", "TB", "TB", "Y", "Y", "T", "Y", "Y", "Y", "Y"],
        ),
        (
            "6310000000000003",
            "6310012006",
            "",
            ["TB", "TB", "TB", "Y", "Y", "Y", "Y", "Y", "Y", "Y"],
        ),
    ]:
        for question, answer in [
            ("P00", age),
            *((f"P{k:02d}", a) for k, a in enumerate(answers, 1)),
        ]:
            if answer:
                number += 1
                rows.append([str(number), kk, village, question, answer])
    return rows


def test_phbs_map_proposes_numbered_questions_and_asks_for_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An app stores questions as ``P00`` … ``P10``: ``phbs map`` sees the answer shape,
    proposes P01–P10 as indicators 1–10 (their numbers on the form), the family card over
    the row number ``id``, the village codes of ``desa_id``, and asks what P00 is; answered
    (the child's age), the file scores as worked by hand."""
    write_csv(tmp_path / "app.csv", [_APP, *_app_rows()])
    monkeypatch.chdir(tmp_path)
    code, printed, _ = _run("map", "app.csv", "-o", "peta.yaml")
    assert code == 0, printed
    text = Path("peta.yaml").read_text(encoding="utf-8")
    assert 'shape: "jawaban"' in text
    assert 'id_rumah_tangga: "no_kk"' in text
    assert 'kode_desa: "desa_id"' in text
    assert 'persalinan_nakes: ["P01"]  # indikator nomor 1' in text
    assert '"?": ["P00"]' in text
    assert "1 pertanyaan belum terjawab" in printed
    with pytest.raises(MapError, match=r"questions\.'\?': P00"):
        load_map("peta.yaml")
    answered = text.replace('"?": ["P00"]', 'umur_anak_termuda_bulan: ["P00"]')
    Path("peta.yaml").write_text(answered, encoding="utf-8")
    survey = read_survey(["app.csv"], mapping="peta.yaml")
    assert_reconciled(survey)
    # Worked by hand (§2.2): a child of 8 months — 1 and 3 apply, ASI eksklusif (0–6
    # months) does not, its Y is ignored; then two households without a child under five.
    assert states(survey) == ["Y-YYYYYYYY", "---YYTYYYY", "---YYYYYYY"]


def test_phbs_map_again_keeps_the_questions_a_person_placed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``phbs map --map`` proposes the rest again from a mapping (docs/pemetaan.md): the
    questions placed under ``questions`` and ``ignore_questions`` stay as placed, and the
    file scores the same with the mapping written again as with the one edited by hand."""
    write_csv(tmp_path / "app.csv", [_APP, *_app_rows()])
    monkeypatch.chdir(tmp_path)
    assert _run("map", "app.csv", "-o", "peta.yaml")[0] == 0
    text = Path("peta.yaml").read_text(encoding="utf-8")
    for placed, key in (("umur_anak_termuda_bulan", "questions"), ("", "ignore_questions")):
        if placed:
            edited = text.replace('"?": ["P00"]', f'{placed}: ["P00"]')
        else:
            edited = text.replace('  "?": ["P00"]\n', "").replace(
                "ignore_questions: []", 'ignore_questions: ["P00"]'
            )
        _peta(tmp_path / "tangan.yaml", edited)
        code, printed, _ = _run(
            "map", "app.csv", "--map", "tangan.yaml", "-o", "lagi.yaml", "--force"
        )
        assert code == 0, printed
        again, hand = load_map("lagi.yaml").map, load_map("tangan.yaml").map
        assert (again.questions, again.ignore_questions) == (hand.questions, hand.ignore_questions)
        assert getattr(again, key)
        first = states(read_survey(["app.csv"], mapping="tangan.yaml"))
        assert states(read_survey(["app.csv"], mapping="lagi.yaml")) == first


def test_questions_the_form_does_not_have_are_refused_until_placed(tmp_path: Path) -> None:
    """§6.6: an app asks a question of its own (``Punya kartu JKN``) for every household:
    set aside, it could as well be an indicator worded otherwise, so the run is refused
    until the mapping places it: under ``questions`` or ``ignore_questions``."""
    header = ["no_kk", "kode_desa", "pertanyaan", "jawaban"]
    rows = []
    for i in range(1, 7):
        kk = f"63100000000000{i:02d}"
        for question in ("air_bersih", "cuci_tangan", "jamban_sehat", "berantas_jentik"):
            rows.append([kk, SEGUMBANG, question, "Ya"])
        for question in ("buah_sayur", "aktivitas_fisik", "tidak_merokok", "Punya kartu JKN"):
            rows.append([kk, SEGUMBANG, question, "Ya"])
    path = write_csv(tmp_path / "app.csv", [header, *rows])
    base = (
        'phbs_map: 1\nshape: jawaban\ncolumns: {id_rumah_tangga: "no_kk", '
        'pertanyaan: "pertanyaan", jawaban: "jawaban"}\n'
    )
    peta = _peta(tmp_path / "peta.yaml", base)
    with pytest.raises(SurveyError, match="ignore_questions"):
        check_publishable(read_survey([path], mapping=peta))
    _peta(peta, base + 'ignore_questions: ["Punya kartu JKN"]\n')
    survey = read_survey([path], mapping=peta)
    check_publishable(survey)
    assert codes(survey)["pertanyaan-diabaikan"] == 6
    assert survey.rows_scored == 6


def test_a_reworded_question_is_read_as_the_mapping_words_it(tmp_path: Path) -> None:
    header = ["no_kk", "kode_desa", "pertanyaan", "jawaban"]
    worded = {
        "air_bersih": "Air bersih?",
        "cuci_tangan": "CTPS",
        "jamban_sehat": "Jamban",
        "berantas_jentik": "PSN",
        "buah_sayur": "Sayur & buah tiap hari",
        "aktivitas_fisik": "Olahraga",
        "tidak_merokok": "Rokok dalam rumah",
    }
    rows = [
        ["K1", SEGUMBANG, q, "Tidak" if code == "cuci_tangan" else "Ya"]
        for code, q in worded.items()
    ]
    path = write_csv(tmp_path / "app.csv", [header, *rows])
    listed = "\n".join(f'  {code}: "{q}"' for code, q in worded.items())
    peta = _peta(
        tmp_path / "peta.yaml",
        'phbs_map: 1\nshape: jawaban\ncolumns: {id_rumah_tangga: "no_kk", '
        f'pertanyaan: "pertanyaan", jawaban: "jawaban"}}\nquestions:\n{listed}\n',
    )
    assert states(read_survey([path], mapping=peta)) == ["...YTYYYYY"]


# --- §6.7: a recap's Jml is the count of ya beside its percentage


def _jml_recap(path: Path) -> Path:
    """A recap sheet: per indicator 1–3 *Ada*, *Jml*, *%*; per indicator 4–10 *Jml* and *%*
    only (their denominator is the households surveyed); ber-PHBS *Jml* and *%*."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Rekap")
    head = ["No", "Desa/Kelurahan", "Jml RT Dipantau"]
    for column, text in enumerate(head):
        sheet.merge_range(0, column, 1, column, text)
    column = len(head)
    sheet.merge_range(0, column, 0, column + 1, "RT Ber-PHBS")
    sheet.write_row(1, column, ["Jml", "%"])
    column += 2
    names = [
        "Persalinan Nakes",
        "ASI Eksklusif",
        "Timbang Balita",
        "Air Bersih",
        "CTPS",
        "Jamban Sehat",
        "PSN",
        "Buah dan Sayur",
        "Aktivitas Fisik",
        "Tidak Merokok",
    ]
    for k, name in enumerate(names, 1):
        parts = ["Ada", "Jml", "%"] if k <= 3 else ["Jml", "%"]
        sheet.merge_range(0, column, 0, column + len(parts) - 1, f"{k}. {name}")
        sheet.write_row(1, column, parts)
        column += len(parts)
    # Segumbang: 20 surveyed, 9 ber-PHBS (45,0 %); indicators 1–3 of 8 households with a
    # child, 6 ya (75,0 %); 4–10: 18 ya of 20 (90,0 %). Kersik Putih: 10, 3 (30,0 %),
    # 1–3: 4 of 5 (80,0 %), 4–10: 7 of 10 (70,0 %).
    for r, (name, n, b, a, y, yy) in enumerate(
        [("Segumbang", 20, 9, 8, 6, 18), ("Kersik Putih", 10, 3, 5, 4, 7)], 2
    ):
        values = [r - 1, name, n, b, round(100 * b / n, 1)]
        for k in range(1, 11):
            values += [a, y, round(100 * y / a, 1)] if k <= 3 else [yy, round(100 * yy / n, 1)]
        sheet.write_row(r, 0, values)
    book.close()
    return path


def test_a_recap_of_counts_and_percentages_is_proposed_and_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``phbs map`` reads *Jml* as the count of *ya* when *Ada* or the percentage is beside
    it, and the households surveyed as the denominator of the indicators that apply to every
    household (the percentage checks it row by row); the recap then scores to the counts
    worked out by hand."""
    _jml_recap(tmp_path / "rekap.xlsx")
    monkeypatch.chdir(tmp_path)
    code, printed, _ = _run("map", "rekap.xlsx", "-o", "peta.yaml")
    assert code == 0, printed
    text = Path("peta.yaml").read_text(encoding="utf-8")
    assert 'persalinan_nakes_berlaku: "1. Persalinan Nakes Ada"' in text
    assert 'persalinan_nakes_ya: "1. Persalinan Nakes Jml"' in text
    assert 'air_bersih_ya: "4. Air Bersih Jml"' in text
    assert 'air_bersih_berlaku: "Jml RT Dipantau"' in text
    assert "pertanyaan belum terjawab" not in printed
    code, _, _ = _run("score", "rekap.xlsx", "--map", "peta.yaml", "-o", "desa.csv")
    assert code == 0
    lines = Path("desa.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = {
        line.split(",")[0]: dict(zip(header, line.split(","), strict=False)) for line in lines[1:]
    }
    segumbang, kersik = rows[SEGUMBANG], rows[KERSIK_PUTIH]
    assert (segumbang["ber_phbs"], segumbang["tidak_ber_phbs"]) == ("9", "11")
    assert (segumbang["persalinan_nakes_ya"], segumbang["persalinan_nakes_berlaku"]) == ("6", "8")
    assert (segumbang["air_bersih_ya"], segumbang["air_bersih_berlaku"]) == ("18", "20")
    assert (kersik["tidak_merokok_ya"], kersik["tidak_merokok_berlaku"]) == ("7", "10")


def test_ber_phbs_as_a_share_of_the_households_surveyed_is_accepted_beside_its_count(
    tmp_path: Path,
) -> None:
    """Many recaps write % ber-PHBS of all households surveyed: 3 of 16 with 2 incomplete is
    18,8 % there and 21,4 % of ber-PHBS + tidak (§5.1); beside the count either fits."""
    header = ["kode", "rumah_tangga_disurvei", "ber_phbs", "belum_lengkap", "persen_ber_phbs"]
    header += [f"{c}_{p}" for c in INDICATORS for p in ("ya", "berlaku")]
    rows = [
        [SEGUMBANG, "16", "3", "2", "18,8", *["5", "10"] * 10],
        [KERSIK_PUTIH, "16", "3", "2", "21,4", *["5", "10"] * 10],
    ]
    survey = read_survey([write_csv(tmp_path / "rekap.csv", [header, *rows])])
    assert survey.rows_scored == 2


def test_a_recap_of_sasaran_and_capaian_is_proposed_as_a_recap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A recap naming each indicator's denominator *Sasaran* and its count *Capaian*, with a
    row-number column ``No`` (1, 2 — once each, so no question column): proposed as a recap,
    read to the counts worked out by hand."""
    book = xlsxwriter.Workbook(str(tmp_path / "rekap.xlsx"))
    sheet = book.add_worksheet("Rekap")
    for column, text in enumerate(["No", "Desa/Kelurahan", "Jumlah KK Didata", "RT Ber-PHBS"]):
        sheet.merge_range(0, column, 1, column, text)
    names = [
        "Persalinan Nakes",
        "ASI Eksklusif",
        "Menimbang Balita",
        "Air Bersih",
        "Cuci Tangan",
        "Jamban Sehat",
        "Berantas Jentik",
        "Buah & Sayur",
        "Aktivitas Fisik",
        "Tidak Merokok",
    ]
    for k, name in enumerate(names):
        sheet.merge_range(0, 4 + 2 * k, 0, 5 + 2 * k, name)
        sheet.write_row(1, 4 + 2 * k, ["Sasaran", "Capaian"])
    sheet.write_row(2, 0, [1, "Segumbang", 20, 9, *[8, 6] * 3, *[20, 18] * 7])
    sheet.write_row(3, 0, [2, "Kersik Putih", 10, 3, *[5, 4] * 3, *[10, 7] * 7])
    book.close()
    monkeypatch.chdir(tmp_path)
    code, printed, _ = _run("map", "rekap.xlsx", "-o", "peta.yaml")
    assert code == 0, printed
    text = Path("peta.yaml").read_text(encoding="utf-8")
    assert 'shape: "rekap"' in text
    assert 'air_bersih_berlaku: "Air Bersih Sasaran"' in text
    assert 'air_bersih_ya: "Air Bersih Capaian"' in text
    survey = read_survey(["rekap.xlsx"], mapping="peta.yaml")
    assert survey.rows_scored == 2
    code, _, _ = _run("score", "rekap.xlsx", "--map", "peta.yaml", "-o", "desa.csv")
    assert code == 0
    assert f"{SEGUMBANG},Segumbang,20,9,11,0,45.0,6,8,75.0" in Path("desa.csv").read_text(
        encoding="utf-8"
    )
