"""One language at a time: every output a person reads speaks the run's language, in words.

``phbs demo`` (also with ``--csv-excel``, for its spreadsheet CSVs), a ``phbs report`` with a
TOPSIS ranking, bootstrap (judges resampled), uniform weight sensitivity, shrinkage and a
target, a ``phbs rank`` with bootstrap, weight sensitivity and shrinkage written to CSV and
JSON, and a ``phbs validate`` workbook are run in Indonesian and in English. Every text a
person reads is then scanned:

* the HTML pages as Chromium shows them (the body's ``innerText``, tooltips, placeholders,
  ARIA labels and the SVG charts' text);
* every text cell and sheet name of every workbook (python-calamine), the chart titles and
  the document properties;
* the person-facing columns of the CSV files: ``alasan`` (rows set aside), ``predikat`` and
  ``catatan`` (ranking);
* the person-facing values of the JSON files: ``catatan``, ``predikat`` and ``pesan`` (in the
  run's language, or Indonesian where the key says so: ``catatan_id``, ``masalah[].pesan``)
  and ``catatan_en``, ``masalah[].message`` (English);
* everything printed on the console.

Machine columns, documented as such, are not scanned: the CSV headers and the code columns
(``kode_masalah``, ``status`` and the answers of ``rumah-tangga.csv``, ``sampel_kurang``,
``diputus_oleh``, the verdict and reason codes ``putusan`` and ``alasan`` of the comparison of
rounds ``perubahan.csv``); in the workbooks the references to the input (file, row, column, value as
found, issue code: the columns before *Tingkat* on the issue sheets; the data columns of
*Rumah Tangga*) and the *Metadata* rows whose key is the JSON path (the sheet's header says
the keys are the JSON's). Texts quoted from an input ('…'), file paths and names, option names,
the documented issue codes, the rubric and form ids, the edition the rubric follows (the
Indonesian title of its public source, a name in either language), the English terms glossed
on purpose ("Diagram corong (funnel plot)") and what the inputs themselves say (village and judges'
names, override reasons, where an issue is) are taken out before scanning.

What counts as a leak: in Indonesian, a word of an English stop-list, a number with a decimal
point; in English, a word of an Indonesian stop-list, a number with a decimal comma; in both,
a snake_case identifier, a ``subtotal:``/``ukuran:``/``kriteria:`` key, or a text that is
exactly a raw id (a criterion, group, method, aggregation, not-applicable policy or
indicator code).
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from browser import Opened, launch
from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from phbs.cli.root import cli
from phbs.contest.rubric_loading import load_rubric
from phbs.demo.contest import contest_sample, sample_ranking
from phbs.demo.data import sample_data
from phbs.forms.loading import load_form
from phbs.i18n import Lang
from phbs.issues import CATALOGUE
from phbs.regions import REGION_TABLE_EDITION
from phbs.resources import data_path
from phbs.version import __version__

pytestmark = pytest.mark.slow


def words(text: str) -> list[str]:
    """The words of a stop-list written as a paragraph."""
    return text.split()


#: English words that have no business in an Indonesian output (none of them is Indonesian;
#: ``total``, ``subtotal``, ``median``, ``info``, ``status``, ``interval``, ``bootstrap`` and
#: ``seed`` are, or are the field's own Indonesian terms, so they are not listed).
ENGLISH = words(
    """
    warning warnings error errors exclude excluded include included weighted mean sum
    measure measures rank ranks ranked ranking score scores scored household households
    village villages none true false null nan yes no unknown missing note notes reason
    criterion criteria judge judges override overrides tie tied band file files row
    rows column sheet method methods exact empirical likelihood moments given the and
    of with not from by is for coverage agreement outside above below funnel
    """
)
#: Indonesian words that have no business in an English output.
INDONESIAN = words(
    """
    desa rumah tangga peringkat galat peringatan dan tidak ya yang dengan untuk dari
    atau kosong berlaku diperingkat dikeluarkan ubah keluarkan seri survei kriteria
    juri nilai catatan baris berkas lembar kolom jumlah alasan koreksi cakupan ukuran
    masukan proses keluaran belum lengkap dipantau batas sampel peta formulir disurvei
    diskor disisihkan
    """
)
STOP = {
    "id": re.compile(rf"\b(?:{'|'.join(ENGLISH)})\b", re.IGNORECASE),
    "en": re.compile(rf"\b(?:{'|'.join(INDONESIAN)})\b", re.IGNORECASE),
}
#: A decimal point in Indonesian (not a thousands dot: never 3 digits after it, or 0.x), a
#: decimal comma in English (never 3 digits after it, or 0,x); codes with several dots or
#: commas (63.10.01.2005, 1,234,567) are not numbers of this kind.
DECIMAL = {
    "id": re.compile(r"(?<![\d.,])(?:0\.\d+|\d+\.(?:\d{1,2}|\d{4,}))(?![\d.,])"),
    "en": re.compile(r"(?<![\d.,])(?:0,\d+|\d+,(?:\d{1,2}|\d{4,}))(?![\d.,])"),
}
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
KEYED = re.compile(r"\b(?:subtotal|ukuran|kriteria):\w")
QUOTED = re.compile(r"'[^'\n]*'")
PATH = re.compile(r"\S*[/\\]\S*")
OPTION = re.compile(r"--[a-z][a-z-]*")
FILE_NAME = re.compile(r"\S+\.(?:csv|xlsx|xls|ods|json|yaml|html)\b")
JSON_KEY = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")

#: Terms given in English beside the Indonesian on purpose (a reader may know them so).
GLOSSES = ("(funnel plot)",)

SAMPLE = sample_data()
CONTEST = contest_sample()
RUBRIC = load_rubric(CONTEST.rubric).rubric
FORM = load_form("kemenkes-rt-10").form


@dataclass(frozen=True)
class Text:
    """One text a person reads: where it is, the text, and the language it must be in."""

    where: str
    text: str
    lang: Lang


def raw_ids() -> set[str]:
    """Identifiers that must never be a whole text a person reads."""
    ids = {g.id for g in RUBRIC.groups} | {c.id for _, c in RUBRIC.criteria()}
    ids |= {t.key for t in RUBRIC.tie_breakers}
    ids |= {"weighted_sum", "topsis", "mean", "median", "trimmed_mean", "seri"}
    ids |= {"exclude", "as_met", "as_unmet", "ber_phbs", "tidak_ber_phbs", "belum_lengkap"}
    return ids | set(FORM.codes)


def data_texts() -> list[str]:
    """What the inputs themselves say, longest first: names, reasons, the rubric's title."""
    ranking = sample_ranking()
    texts = {v.nama_desa for v in ranking.desa} | {o.alasan for o in ranking.koreksi}
    texts |= {name for v in ranking.desa for r in v.kriteria.values() for name in r.juri}
    texts |= {REGION_TABLE_EDITION, RUBRIC.id, RUBRIC.version, __version__, FORM.id}
    texts |= {RUBRIC.edition or ""}  # the title of the rubric's Indonesian source, a name
    texts.add(FORM.denominators.source or "")  # quoted from the form file, in its language
    texts |= set(CATALOGUE)  # the documented issue codes
    texts |= {i.file for i in ranking.masalah}  # where an issue is ("survei": the survey data)
    texts |= set(GLOSSES)
    return sorted((t for t in texts if t), key=len, reverse=True)


DATA = data_texts()
IDS = raw_ids()


def cleaned(text: str) -> str:
    """``text`` without quotations from the input, paths and what the inputs say."""
    for known in DATA:
        text = text.replace(known, " ")
    text = FILE_NAME.sub(" ", PATH.sub(" ", QUOTED.sub(" ", text)))
    return OPTION.sub(" ", text)


def leaks(item: Text) -> list[str]:
    """What in ``item`` is not in its language, or is a raw identifier."""
    whole = item.text.strip()
    if whole in IDS and not (item.lang == "en" and whole in ENGLISH):
        return [whole]  # ("mean" is a raw id in Indonesian, a word in English)
    text = cleaned(item.text)
    found = STOP[item.lang].findall(text) + DECIMAL[item.lang].findall(text)
    return found + SNAKE.findall(text) + KEYED.findall(text)


# --- reading the outputs -----------------------------------------------------------------


def workbook_texts(path: Path, lang: Lang) -> Iterator[Text]:
    """Sheet names and text cells (minus the machine and input references), chart titles
    and document properties of a workbook."""
    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        yield Text(f"{path.name}: sheet name", name, lang)
        rows = book.get_sheet_by_name(name).to_python()
        header = [str(c) for c in rows[0]] if rows else []
        skip = _reference_columns(name, header, lang)
        for r, row in enumerate(rows):
            if name.startswith("Metadata") and r and JSON_KEY.fullmatch(str(row[0])):
                continue  # the JSON's own keys and values (the header says so)
            for c, value in enumerate(row):
                if isinstance(value, str) and value and (r == 0 or c not in skip):
                    yield Text(f"{path.name}: {name}!R{r + 1}C{c + 1}", value, lang)
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.startswith("xl/charts/") or member == "docProps/core.xml":
                xml = archive.read(member).decode("utf-8")
                for value in re.findall(r"<(?:a:t|dc:title|dc:subject|cp:keywords)>([^<]+)<", xml):
                    yield Text(f"{path.name}: {member}", value, lang)


def _reference_columns(sheet: str, header: list[str], lang: Lang) -> set[int]:
    """Columns that repeat the input (file, row, column, value, issue code; a household's
    data) rather than say something: not scanned."""
    severity = "Severity" if lang == "en" else "Tingkat"
    if severity in header:  # the issue sheets: everything before the severity is a reference
        return set(range(header.index(severity)))
    if sheet.startswith(("Rumah Tangga", "Households")):
        status = "Status"
        return set(range(header.index(status))) if status in header else set()
    return set()


#: Columns of the names above that hold codes in one file: the comparison of rounds gives
#: the reason for a missing verdict as a code (phbs/reports/trends_tables.py).
CODE_COLUMNS = {"perubahan.csv": {"alasan"}}


def csv_texts(path: Path, lang: Lang) -> Iterator[Text]:
    """The person-facing columns of a CSV file, machine (``,``) or spreadsheet (``;``); the
    others are machine columns."""
    codes = CODE_COLUMNS.get(path.name, set())
    with path.open(encoding="utf-8-sig", newline="") as handle:
        delimiter = ";" if ";" in handle.readline() else ","
        handle.seek(0)
        for row in csv.DictReader(handle, delimiter=delimiter):
            for column in ("alasan", "predikat", "catatan"):
                if row.get(column) and column not in codes:
                    yield Text(f"{path.name}: {column}", row[column], lang)


def json_texts(path: Path, lang: Lang) -> Iterator[Text]:
    """The person-facing values of a JSON document, each in the language its key says."""
    keyed: dict[str, Lang | None] = {
        "catatan": lang,
        "predikat": lang,
        "catatan_id": "id",
        "pesan": "id",
        "catatan_en": "en",
        "message": "en",
    }

    def walk(value: Any, key: str) -> Iterator[Text]:
        if isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, k)
        elif isinstance(value, list):
            for v in value:
                yield from walk(v, key)
        elif isinstance(value, str) and value and keyed.get(key):
            yield Text(f"{path.name}: {key}", value, keyed[key] or lang)

    yield from walk(json.loads(path.read_text(encoding="utf-8")), "")


def page_texts(context: Any, path: Path, lang: Lang) -> Iterator[Text]:
    """What Chromium shows of a page: its text, tooltips, labels and the charts' text."""
    opened = Opened(context, path)
    try:
        for line in opened.text().splitlines():
            for cell in line.split("\t"):
                if cell.strip():
                    yield Text(f"{path.name}: text", cell, lang)
        script = r"""() => [
            ...Array.from(document.querySelectorAll('[title],[placeholder],[aria-label]'))
                .flatMap(e => ['title', 'placeholder', 'aria-label']
                    .map(a => e.getAttribute(a)).filter(Boolean)),
            ...Array.from(document.querySelectorAll('[data-template]'))
                .map(e => e.getAttribute('data-template').replace(/\{\w+\}/g, '1')),
            ...Array.from(document.querySelectorAll('svg title, svg text'))
                .map(e => e.textContent)]"""
        for value in opened.page.evaluate(script):
            yield Text(f"{path.name}: tooltip, label or chart", value, lang)
    finally:
        opened.close()


def console_texts(name: str, output: str, lang: Lang) -> Iterator[Text]:
    for line in output.splitlines():
        for cell in re.split(r"\s{2,}", line.strip()):
            if cell:
                yield Text(f"console of {name}", cell, lang)


# --- the runs ----------------------------------------------------------------------------


def invoke(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.fixture(scope="module", params=["id", "en"])
def texts(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> list[Text]:
    """Every text of every output of the runs, in one language."""
    lang: Lang = request.param
    folder = tmp_path_factory.mktemp(f"keluaran-{lang}")
    survey = ["--survey", *SAMPLE.survey_files, "--villages", SAMPLE.villages_file]
    contest = [
        *("--judges", CONTEST.judges_file, "--attributes", CONTEST.attributes_file),
        *("--overrides", CONTEST.overrides_file),
    ]
    found: list[Text] = []
    demo, excel = folder / "demo", folder / "excel"
    found += console_texts("demo", invoke("demo", "--out", demo, "--lang", lang), lang)
    invoke("demo", "--out", excel, "--csv-excel", "--lang", lang)
    # What the runs wrote (the sample's own input files, which the demo copies beside its
    # outputs, are inputs, not outputs).
    inputs = {p.name for p in data_path("contoh").iterdir()}
    for path in sorted(excel.glob("*.csv")):
        if path.name not in inputs:
            found += csv_texts(path, lang)
    report = [
        *("report", *survey, "--rubric", CONTEST.rubric, *contest, "--method", "topsis"),
        *("--bootstrap", "40", "--resample-judges", "--weight-sensitivity", "40"),
        *("--weight-spread", "20", "--shrink", "--target", "45", "--confidence", "0.9"),
        *("--xlsx", folder / "r.xlsx", "--html", folder / "r.html", "-q", "--lang", lang),
    ]
    found += console_texts("report", invoke(*report), lang)
    for suffix in (".csv", ".json"):
        rank = [
            *("rank", *survey, *contest, "--bootstrap", "40", "--weight-sensitivity", "40"),
            *("--shrink", "-o", folder / f"peringkat{suffix}", "-q", "--lang", lang),
        ]
        found += console_texts("rank", invoke(*rank), lang)
    validate = ["validate", *SAMPLE.survey_files, "-o", folder / "m.xlsx", "--lang", lang]
    found += console_texts("validate", invoke(*validate), lang)
    outputs = [p for p in sorted([*demo.iterdir(), *folder.iterdir()]) if p.name not in inputs]
    for path in outputs:
        if path.suffix == ".xlsx":
            found += workbook_texts(path, lang)
        elif path.suffix == ".csv":
            found += csv_texts(path, lang)
        elif path.suffix == ".json":
            found += json_texts(path, lang)
    with launch() as context:
        for page in (p for p in outputs if p.suffix == ".html"):
            found += page_texts(context, page, lang)
    return found


def test_every_output_speaks_one_language(texts: list[Text]) -> None:
    """No English word, decimal point or raw identifier in the Indonesian outputs; no
    Indonesian word or decimal comma in the English ones (beyond what the inputs say)."""
    found = {(t.where, t.text[:160]): leaks(t) for t in texts}
    assert {place: words for place, words in found.items() if words} == {}


def test_the_scan_reads_what_a_person_reads(texts: list[Text]) -> None:
    """The scan is not empty: it reaches the notes, settings, severities, the overrides and the
    rank-uncertainty notes of each kind of output."""
    places = {t.where.split(":")[0].split("!")[0] for t in texts}
    assert {"laporan.html", "berita-acara.html", "r.html", "laporan.xlsx", "r.xlsx"} <= places
    assert "masalah-data.xlsx" in places
    assert {"m.xlsx", "peringkat-desa.csv", "peringkat.json", "disisihkan.csv"} <= places
    assert {"console of demo", "console of rank", "console of report"} <= places
    lang = texts[0].lang
    shown = "\n".join(t.text for t in texts)
    expected = {
        "id": [
            "Koreksi Cakupan jamban sehat: 71,66 → 65",
            "jumlah tertimbang",
            "TOPSIS (kedekatan dengan desa ideal)",
            "subtotal Keluaran, subtotal Proses, % rumah tangga ber-PHBS (survei)",
            "tidak masuk penyebut",
            "peringatan",
            "Total nilai juri",
            "W = 0,",
        ],
        "en": [
            "Override of Coverage of healthy latrines: 71.66 → 65",
            "weighted sum",
            "Output subtotal, Process subtotal, % households practising PHBS (survey)",
            "left out of the denominator",
            "warning",
            "Judges' totals",
            "W = 0.",
        ],
    }
    assert [e for e in expected[lang] if e not in shown] == []


@pytest.mark.parametrize(
    ("text", "lang", "leaked"),
    [
        ("Koreksi cakupan_jamban_sehat: 71.66 → 65", "id", ["71.66", "cakupan_jamban_sehat"]),
        (
            "subtotal:keluaran, ukuran:persen_ber_phbs",
            "id",
            ["persen_ber_phbs", "subtotal:k", "ukuran:p"],
        ),
        ("Rata-rata semua desa 41.3 %; W = 0.780", "id", ["41.3", "0.780"]),
        ("weighted_sum", "id", ["weighted_sum"]),
        ("pembiayaan", "id", ["pembiayaan"]),
        ("Masalah data: 3 warning", "id", ["warning"]),
        ("Jawaban 'air_bersih' kosong di survei.csv", "id", []),
        ("3.011 rumah tangga; 41,3 %; kode 63.10.01.2005", "id", []),
        ("Excluded: 3 villages, 41,3%", "en", ["41,3"]),
        ("Tied with Segumbang; peringkat bersama", "en", ["peringkat"]),
        ("3,011 households; 41.3%", "en", []),
    ],
)
def test_the_scan_finds_known_leaks(text: str, lang: Lang, leaked: list[str]) -> None:
    """The scan itself, on texts worked out by hand: the leaks of the issue are caught, and
    Indonesian thousands dots, village codes and quoted input are not leaks."""
    found = leaks(Text("hand-made", text, lang))
    assert sorted(found) == sorted(leaked)
