"""Village names where codes are expected (docs/aturan.md §9.3): a KoBoToolbox *labels* export.

The XLSForm that ``phbs forms xlsform kemenkes-rt-10 --kabupaten 63.10`` writes asks the
village as a ``select_one`` of the Kemendagri table: choice name = village code, label =
``Desa Segumbang``, after a kecamatan question. KoBoToolbox exports with labels by default:
headers are the question labels and select answers the choice labels, in the language
chosen. The fixtures below are such exports, built from that very workbook (read with
openpyxl, not typed here): ``;`` separator, every field quoted, CRLF, UTF-8 without BOM,
``start``/``end`` (no label) first, the KoBo system columns last.

Twelve households of Kabupaten Tanah Bumbu (63.10), worked out by hand (kemenkes-rt-10,
na_policy exclude: ber-PHBS = every applicable indicator Ya; a question hidden by ``relevant``
is blank and not applicable; *Tidak berlaku* leaves the denominator):

=====  =============================  ============  ===  ==========================  =====
id     village (label)                kecamatan     age  answers                     PHBS
=====  =============================  ============  ===  ==========================  =====
RT01   Desa Segumbang                 Batu Licin         all Ya                      yes
RT02   Desa Segumbang                 Batu Licin         4 air bersih Tidak          no
RT03   Desa Segumbang                 Batu Licin         10 Tidak berlaku            yes
RT04   Desa Segumbang                 Batu Licin    3    1-3 Ya too                  yes
RT05   Kelurahan Batulicin            Batu Licin         all Ya                      yes
RT06   Kelurahan Batulicin            Batu Licin         6 jamban Tidak              no
RT07   Kelurahan Batulicin            Batu Licin         8, 9 Tidak berlaku          yes
RT08   Desa Kampung Baru              Kusan Hilir        all Ya                      yes
RT09   Desa Kampung Baru              Kusan Hilir        5 cuci tangan Tidak         no
RT10   Desa Kampung Baru              Kusan Hilir   20   1, 3 Ya (2 hidden)          yes
RT11   Kelurahan Kampung Baru         Simpang Empat      all Ya                      yes
RT12   Kelurahan Kampung Baru         Simpang Empat      7 jentik Tidak              no
=====  =============================  ============  ===  ==========================  =====

So: Segumbang 63.10.01.2005 3 of 4; Batulicin 63.10.01.1007 2 of 3; Kampung Baru of Kusan
Hilir 63.10.02.2008 2 of 3; Kampung Baru of Simpang Empat 63.10.06.1001 1 of 2. *Kampung
Baru* is two villages of the kabupaten: only the kecamatan column tells them apart.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import INDICATORS, assert_reconciled, write_csv, write_xlsx
from test_exports import KOBO_SYSTEM as EXPORT_SYSTEM

import phbs
from phbs.cli.root import cli
from phbs.errors import SettingsError, SurveyError
from phbs.ingest.settings import ReadSettings
from phbs.ingest.validate import Survey
from phbs.issues import Severity

SEGUMBANG = "63.10.01.2005"
BATULICIN = "63.10.01.1007"
KAMPUNG_BARU_KUSAN_HILIR = "63.10.02.2008"
KAMPUNG_BARU_SIMPANG_EMPAT = "63.10.06.1001"
LANGUAGES = {"id": "label::Indonesian (id)", "en": "label::English (en)"}
KOBO_SYSTEM = ["meta/rootUuid", *EXPORT_SYSTEM]


@dataclass(frozen=True)
class Household:
    """One household as the kader entered it: XML values of the select questions."""

    number: int
    kecamatan: str  # choice name (code)
    village: str  # choice name (code)
    age: int | None
    answers: dict[str, str]  # indicator → ya / tidak / tb; blank when hidden

    @property
    def id(self) -> str:
        return f"RT{self.number:02d}"


def _answers(age: int | None, **changed: str) -> dict[str, str]:
    """Every indicator Ya except ``changed``; 1-3 hidden (blank) where the age rules them out."""
    values = dict.fromkeys(INDICATORS, "ya")
    if age is None:
        values.update(persalinan_nakes="", asi_eksklusif="", timbang_balita="")
    elif age > 6:
        values["asi_eksklusif"] = ""
    values.update(changed)
    return values


HOUSEHOLDS = [
    Household(1, "63.10.01", SEGUMBANG, None, _answers(None)),
    Household(2, "63.10.01", SEGUMBANG, None, _answers(None, air_bersih="tidak")),
    Household(3, "63.10.01", SEGUMBANG, None, _answers(None, tidak_merokok="tb")),
    Household(4, "63.10.01", SEGUMBANG, 3, _answers(3)),
    Household(5, "63.10.01", BATULICIN, None, _answers(None)),
    Household(6, "63.10.01", BATULICIN, None, _answers(None, jamban_sehat="tidak")),
    Household(
        7, "63.10.01", BATULICIN, None, _answers(None, buah_sayur="tb", aktivitas_fisik="tb")
    ),
    Household(8, "63.10.02", KAMPUNG_BARU_KUSAN_HILIR, None, _answers(None)),
    Household(9, "63.10.02", KAMPUNG_BARU_KUSAN_HILIR, None, _answers(None, cuci_tangan="tidak")),
    Household(10, "63.10.02", KAMPUNG_BARU_KUSAN_HILIR, 20, _answers(20)),
    Household(11, "63.10.06", KAMPUNG_BARU_SIMPANG_EMPAT, None, _answers(None)),
    Household(
        12, "63.10.06", KAMPUNG_BARU_SIMPANG_EMPAT, None, _answers(None, berantas_jentik="tidak")
    ),
]
# Village code → (households, ber-PHBS), from the table in the module docstring.
EXPECTED = {
    BATULICIN: (3, 2),
    SEGUMBANG: (4, 3),
    KAMPUNG_BARU_KUSAN_HILIR: (3, 2),
    KAMPUNG_BARU_SIMPANG_EMPAT: (2, 1),
}


@pytest.fixture(scope="module")
def xlsform(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The XLSForm, written by the command a health office runs."""
    path = tmp_path_factory.mktemp("form") / "formulir-odk.xlsx"
    args = ["forms", "xlsform", "kemenkes-rt-10", "--kabupaten", "63.10", "-o", str(path)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return path


def _sheet(book: openpyxl.Workbook, name: str) -> list[dict[str, str]]:
    rows = [
        [str(c) if c is not None else "" for c in row]
        for row in book[name].iter_rows(values_only=True)
    ]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def kobo_labels_export(xlsform: Path, lang: str, households: list[Household]) -> list[list[str]]:
    """What KoBoToolbox exports with labels in ``lang`` (no group names in the headers)."""
    book = openpyxl.load_workbook(xlsform, read_only=True)
    survey, choices = _sheet(book, "survey"), _sheet(book, "choices")
    book.close()
    label = LANGUAGES[lang]
    questions = [q for q in survey if q["type"] not in ("begin group", "end group")]
    choice_label = {(c["list_name"], c["name"]): c[label] for c in choices}
    header = [q[label] or q["name"] for q in questions] + KOBO_SYSTEM
    rows = [header]
    for h in households:
        values = {
            "start": "2025-10-23T05:40:39.000+08:00",
            "end": "2025-10-23T05:52:10.000+08:00",
            "kode_kecamatan": h.kecamatan,
            "kode_desa": h.village,
            "id_rumah_tangga": h.id,
            "tanggal_survei": "2025-10-23",
            "petugas": "Kader Sri",
            "umur_anak_termuda_bulan": "" if h.age is None else str(h.age),
            **h.answers,
        }
        cells = []
        for q in questions:
            value = values.get(q["name"], "")
            if q["type"].startswith("select_one ") and value:
                value = choice_label[(q["type"].split()[1], value)]
            cells.append(value)
        uuid = f"5d1c{h.number:04d}-8e7a-4c1b-9f3e-2a6b0c9d{h.number:04d}"
        system = [
            f"uuid:{uuid}",
            str(1000 + h.number),
            uuid,
            "2025-10-23T21:53:00",
            "",
            "",
            "submitted_via_web",
            "",
            "vAbc123",
            "",
            str(h.number),
        ]
        rows.append(cells + system)
    return rows


def write_kobo(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, sep=";", newline="\r\n", quote_all=True)


def read(paths: list[Path], scope: str | None = "63.10") -> Survey:
    survey = phbs.read_survey(paths, settings=ReadSettings(region_scope=scope))
    assert_reconciled(survey)
    return survey


def village_counts(survey: Survey) -> dict[str, int]:
    codes = list(survey.households.kode_desa)
    return {code: codes.count(code) for code in sorted(set(codes))}


def score_rows(path: Path, *options: str) -> list[dict[str, str]]:
    out = path.with_suffix(".desa.csv")
    result = CliRunner().invoke(cli, ["score", str(path), *options, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))


# --- the labels export, in both languages ---------------------------------------------------


@pytest.mark.parametrize(("lang", "kind"), [("id", "csv"), ("en", "csv"), ("id", "xlsx")])
def test_labels_export_headers_and_answers_are_understood(
    tmp_path: Path, xlsform: Path, lang: str, kind: str
) -> None:
    """Every question label is matched to its field, and every choice label to its answer:
    no unknown column, no unknown answer, every household scored under its code (CSV, and
    KoBoToolbox's XLSX export: the same table on a sheet named after the form)."""
    rows = kobo_labels_export(xlsform, lang, HOUSEHOLDS)
    assert rows[0][3] == {"id": "Desa/kelurahan", "en": "Village"}[lang]
    assert rows[8][3] == "Desa Kampung Baru"
    assert rows[11][2] == "Simpang Empat"
    if kind == "csv":
        path = write_kobo(tmp_path / f"kobo-label-{lang}.csv", rows)
    else:
        path = write_xlsx(tmp_path / f"kobo-label-{lang}.xlsx", {"kemenkes_rt_10": rows})
    survey = read([path])
    assert survey.rows_scored == 12
    assert village_counts(survey) == {code: n for code, (n, _) in sorted(EXPECTED.items())}
    assert [i.code for i in survey.issues] == ["ekspor-dikenali", "nama-desa-dicocokkan"]
    # start, end, the kecamatan question (whatever its label's language), meta/rootUuid and
    # the ten KoBo columns are not household data.
    assert "; 14 kolom sistem diabaikan" in survey.issues[0].message_id
    note = survey.issues[1]
    assert note.severity is Severity.INFO
    assert note.column == rows[0][3]
    assert "12 baris (4 nama berbeda)" in note.message_id
    assert "Kabupaten Tanah Bumbu (63.10)" in note.message_id
    assert "12 rows (4 distinct names)" in note.message_en


def test_labels_export_scored_like_the_hand_count(tmp_path: Path, xlsform: Path) -> None:
    """`phbs score --kabupaten 63.10` on the Indonesian and the English export: the village
    results of the table above, the same for both."""
    results = []
    for lang in ("id", "en"):
        path = write_kobo(
            tmp_path / f"kobo-{lang}.csv", kobo_labels_export(xlsform, lang, HOUSEHOLDS)
        )
        results.append(score_rows(path, "--kabupaten", "63.10"))
    assert results[0] == results[1]
    got = {
        r["kode"]: (r["nama"], r["rumah_tangga_disurvei"], r["ber_phbs"], r["persen_ber_phbs"])
        for r in results[0]
    }
    assert got == {
        BATULICIN: ("Batulicin", "3", "2", "66.66666666666666"),
        SEGUMBANG: ("Segumbang", "4", "3", "75.0"),
        KAMPUNG_BARU_KUSAN_HILIR: ("Kampung Baru", "3", "2", "66.66666666666666"),
        KAMPUNG_BARU_SIMPANG_EMPAT: ("Kampung Baru", "2", "1", "50.0"),
    }
    assert {code: (int(n), int(k)) for code, (_, n, k, _) in got.items()} == EXPECTED


# --- without a scope: refused, saying what to do ---------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_names_without_a_scope_are_refused(tmp_path: Path, xlsform: Path, lang: str) -> None:
    """No village is matched by a guess: without --kabupaten the file is refused before
    anything is scored, and the message names both ways out."""
    path = write_kobo(tmp_path / "kobo.csv", kobo_labels_export(xlsform, lang, HOUSEHOLDS))
    column = {"id": "Desa/kelurahan", "en": "Village"}[lang]
    with pytest.raises(SurveyError) as caught:
        phbs.read_survey([path])
    assert f"kolom '{column}' berisi nama desa (mis. 'Desa Segumbang')" in caught.value.message_id
    assert "'XML values and headers' di KoBoToolbox" in caught.value.message_id
    assert "--kabupaten KODE" in caught.value.message_id
    assert f"column '{column}' holds village names" in caught.value.message_en
    assert "--kabupaten CODE" in caught.value.message_en

    out = tmp_path / "rekap.csv"
    result = CliRunner().invoke(cli, ["score", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert "berisi nama desa" in result.output
    assert "'XML values and headers'" in result.output
    assert "--kabupaten KODE" in result.output
    assert not out.exists()
    result = CliRunner().invoke(cli, ["validate", str(path), "--lang", "en"])
    assert result.exit_code == 1
    assert "Export again with 'XML values and headers'" in result.output


def test_a_few_bad_codes_are_not_a_file_of_names(tmp_path: Path) -> None:
    """An ordinary file with a name typed among codes is read as before, scope or not: the
    row with the name is set aside as a malformed code (names are decided per file)."""
    header = ["id_rumah_tangga", "kode_desa", *INDICATORS]
    answers = ["Ya"] * 3 + ["Ya"] * 7
    codes = [SEGUMBANG, "6310012005", BATULICIN, "Segumbang", "63.10.1.2005", SEGUMBANG]
    rows = [[f"B{n}", code, *answers] for n, code in enumerate(codes, start=1)]
    path = write_csv(tmp_path / "kode.csv", [header, *rows])
    for scope in (None, "63.10"):
        survey = read([path], scope)
        assert survey.rows_scored == 4
        assert [(r.row, r.reasons) for r in survey.set_aside] == [
            (5, ("kode-desa-salah",)),
            (6, ("kode-desa-salah",)),
        ]
        assert not [i for i in survey.issues if i.code.startswith("nama-desa")]


# --- names matched, or set aside with their candidates -------------------------------------


def typed_file(tmp_path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """A table typed by hand: identity columns as given, then every indicator Ya."""
    answers = ["Ya"] * len(INDICATORS)
    body = [[*cells, *answers] for cells in rows]
    return write_csv(tmp_path / "ketik.csv", [[*header, *INDICATORS], *body])


def test_ambiguous_and_unknown_names_are_set_aside_with_their_candidates(tmp_path: Path) -> None:
    """A name of two villages in scope, or of none, is never matched by a guess: the row is
    set aside as typed, and the issue lists the candidates with their codes."""
    path = typed_file(
        tmp_path,
        ["No rumah tangga", "Desa"],
        [
            ["1", "Segumbang"],
            ["2", "Kampung Baru"],
            ["3", "Segumbag"],
            ["4", "Martapura"],
            ["5", "Batulicin"],
        ],
    )
    survey = read([path])
    assert list(survey.households.kode_desa) == [SEGUMBANG, BATULICIN]
    assert [(r.row, r.reasons, r.cells[1]) for r in survey.set_aside] == [
        (3, ("nama-desa-ambigu",), "Kampung Baru"),
        (4, ("nama-desa-tidak-dikenal",), "Segumbag"),
        (5, ("nama-desa-tidak-dikenal",), "Martapura"),
    ]
    ambiguous, misspelt, unknown = [i for i in survey.issues if i.severity is Severity.ERROR]
    assert (ambiguous.row, ambiguous.column, ambiguous.value) == (3, "kode_desa", "Kampung Baru")
    assert ambiguous.message_id == (
        "Nama desa 'Kampung Baru' cocok dengan 2 desa di Kabupaten Tanah Bumbu (63.10): "
        "Desa Kampung Baru (63.10.02.2008, Kec. Kusan Hilir), Kelurahan Kampung Baru "
        "(63.10.06.1001, Kec. Simpang Empat); tulis kode desanya, atau beri kecamatannya "
        "(kolom kecamatan atau --kecamatan)"
    )
    assert misspelt.message_en == (
        "Village name 'Segumbag' is not in Kabupaten Tanah Bumbu (63.10); similar: "
        "Desa Segumbang (63.10.01.2005, Kec. Batu Licin)"
    )
    assert unknown.message_id == (
        "Nama desa 'Martapura' tidak ada di Kabupaten Tanah Bumbu (63.10); tidak ada nama "
        "yang mirip"
    )
    note = survey.issues[-1]
    assert (note.code, note.column) == ("nama-desa-dicocokkan", "Desa")
    assert "2 baris (2 nama berbeda)" in note.message_id


def test_set_aside_names_in_the_rejects_file(tmp_path: Path) -> None:
    """The same through `phbs score --kabupaten 63.10 --rejects`: the rows set aside keep
    their cells and say why, with the candidates."""
    path = typed_file(tmp_path, ["ID", "Desa"], [["1", "Kampung Baru"], ["2", "Desa Segumbang"]])
    rejects = tmp_path / "disisihkan.csv"
    args = ["score", str(path), "--kabupaten", "63.10", "--rejects", str(rejects)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "2 baris dibaca = 1 diskor + 1 disisihkan" in result.output
    text = rejects.read_text(encoding="utf-8")
    assert "Kampung Baru" in text
    assert "nama-desa-ambigu" in text
    assert "63.10.02.2008" in text
    assert "63.10.06.1001" in text


def test_kecamatan_column_or_option_tells_two_villages_apart(tmp_path: Path) -> None:
    """A kecamatan column (name or code) narrows a name to that kecamatan; a name that is
    not there is unknown, with the villages of that name elsewhere as candidates."""
    path = typed_file(
        tmp_path,
        ["ID", "Kecamatan", "Desa"],
        [
            ["1", "Kusan Hilir", "Kampung Baru"],
            ["2", "Kec. Simpang Empat", "Kampung Baru"],
            ["3", "63.10.02", "Kampung Baru"],
            ["4", "Batu Licin", "Kampung Baru"],
        ],
    )
    survey = read([path])
    assert list(survey.households.kode_desa) == [
        KAMPUNG_BARU_KUSAN_HILIR,
        KAMPUNG_BARU_SIMPANG_EMPAT,
        KAMPUNG_BARU_KUSAN_HILIR,
    ]
    (issue,) = [i for i in survey.issues if i.severity is Severity.ERROR]
    assert (issue.code, issue.row) == ("nama-desa-tidak-dikenal", 5)
    assert "kolom-tidak-dikenal" not in {i.code for i in survey.issues}  # Kecamatan is used
    assert issue.message_id == (
        "Nama desa 'Kampung Baru' tidak ada di Kecamatan Batu Licin (63.10.01); yang mirip: "
        "Desa Kampung Baru (63.10.02.2008, Kec. Kusan Hilir), Kelurahan Kampung Baru "
        "(63.10.06.1001, Kec. Simpang Empat)"
    )
    # Without the kecamatan column, --kecamatan is the scope.
    alone = typed_file(tmp_path, ["ID", "Desa"], [["1", "Kampung Baru"]])
    survey = read([alone], "63.10.06")
    assert list(survey.households.kode_desa) == [KAMPUNG_BARU_SIMPANG_EMPAT]
    out = tmp_path / "rekap.csv"
    result = CliRunner().invoke(
        cli, ["score", str(alone), "--kecamatan", "63.10.06", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("63.10.06.1001,")


def test_usual_spellings_of_a_name_are_matched(tmp_path: Path) -> None:
    """Kind words (Desa, Ds., Kel., Kelurahan), case, spacing, punctuation and common
    abbreviations (Sei = Sungai) do not matter."""
    spellings = {
        "DESA SEGUMBANG": SEGUMBANG,
        "Ds. Segumbang": SEGUMBANG,
        "  desa   segumbang ": SEGUMBANG,
        "Kel. Batulicin": BATULICIN,
        "KELURAHAN BATU LICIN": BATULICIN,
        "Kelurahan Batu-Licin": BATULICIN,
        "Sei Lembu": "63.10.02.2003",
        "Desa Sungai Lembu": "63.10.02.2003",
        "Api Api": "63.10.11.2006",
        "Hatiif": "63.10.12.2007",
    }
    rows = [[str(n), name] for n, name in enumerate(spellings, start=1)]
    survey = read([typed_file(tmp_path, ["ID", "Nama desa"], rows)])
    assert list(survey.households.kode_desa) == list(spellings.values())
    assert [i.code for i in survey.issues] == ["nama-desa-dicocokkan"]
    assert "10 baris (10 nama berbeda)" in survey.issues[0].message_id


def test_a_code_column_holding_names_and_a_repeated_row(tmp_path: Path) -> None:
    """A ``kode_desa`` column of names (a plain CSV, read column-wise as far as it can be):
    the names are matched row by row, and a row typed twice is still found as one
    household (the check reads the file again and matches its names the same way)."""
    header = ["id_rumah_tangga", "kode_desa", *INDICATORS]
    names = ["Segumbang", "Kel. Batulicin", "Kersik Putih"]
    rows = [[f"R{n:02d}", names[n % 3], *(["Ya"] * 10)] for n in range(30)]
    rows.append(list(rows[4]))
    path = write_csv(tmp_path / "kode-nama.csv", [header, *rows])
    survey = read([path])
    assert survey.rows_scored == 30
    assert village_counts(survey) == {BATULICIN: 10, SEGUMBANG: 10, "63.10.01.2006": 10}
    assert [(r.row, r.reasons) for r in survey.set_aside] == [(32, ("baris-ganda",))]
    note = [i for i in survey.issues if i.code == "nama-desa-dicocokkan"]
    assert len(note) == 1
    assert "31 baris (3 nama berbeda)" in note[0].message_id


# --- the scope itself ------------------------------------------------------------------------


@pytest.mark.parametrize("scope", ["63.99", "6x.10", "63", "63.10.01.2005", "63.10.99"])
def test_a_scope_that_is_not_a_kabupaten_or_kecamatan_is_refused(
    tmp_path: Path, scope: str
) -> None:
    """The scope is checked before any file is read, whatever the file holds."""
    path = typed_file(tmp_path, ["ID", "kode_desa"], [["1", SEGUMBANG]])
    with pytest.raises(SettingsError):
        read([path], scope)


def test_scope_options_are_checked(tmp_path: Path) -> None:
    """--kabupaten PP.KK, --kecamatan PP.KK.CC inside it; anything else stops with exit 2."""
    path = typed_file(tmp_path, ["ID", "kode_desa"], [["1", SEGUMBANG]])
    runner = CliRunner()
    for options, words in (
        (["--kabupaten", "63.99"], "tidak ada di tabel kode wilayah"),
        (["--kabupaten", "63.10.01"], "--kabupaten 63.10.01: kode harus berbentuk PP.KK"),
        (["--kecamatan", "63.10"], "--kecamatan 63.10: kode harus berbentuk PP.KK.CC"),
        (["--kabupaten", "63.10", "--kecamatan", "63.11.01"], "tidak berada di --kabupaten"),
    ):
        result = runner.invoke(cli, ["score", str(path), *options])
        assert result.exit_code == 2, (options, result.output)
        assert words in result.output, result.output
    result = runner.invoke(
        cli, ["score", str(path), "--kabupaten", "6310", "--kecamatan", "631001"]
    )
    assert result.exit_code == 0, result.output


def test_the_reading_says_names_were_matched_and_where(tmp_path: Path, xlsform: Path) -> None:
    """docs/aturan.md, Membaca berkas: how the file was read names the area its village
    names were matched in, on the terminal and in the JSON."""
    path = write_kobo(tmp_path / "kobo.csv", kobo_labels_export(xlsform, "id", HOUSEHOLDS))
    out = tmp_path / "rekap.json"
    result = CliRunner().invoke(cli, ["score", str(path), "--kabupaten", "63.10", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "nama desa dicocokkan dengan kode di wilayah 63.10" in result.stdout
    reading = json.loads(out.read_text(encoding="utf-8"))["berkas_masukan"][0]["cara_baca"]
    assert reading["wilayah_nama_desa"] == "63.10"
