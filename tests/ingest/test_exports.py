"""KoBoToolbox and ODK Central exports of the XLSForm, read without a mapping
(docs/aturan.md §10.3–§10.5).

Fixtures are written here to match the export formats in docs/aturan.md §10.3, §10.4:

- KoBoToolbox CSV: ``;`` separator, every field quoted, CRLF, UTF-8 without BOM; headers as
  XML names with group paths (``identitas/kode_desa``) or as labels; system columns ``_id``,
  ``_uuid``, ``_submission_time``, ``_validation_status``, ``_index``, ``__version__``,
  ``meta/rootUuid``; ``start``/``end`` with local offsets; optional ``#hxl`` row.
- KoBoToolbox XLSX: the main sheet named after the form, first.
- ODK Central CSV: ``,`` separator, quotes only when needed, ``\\n``, no BOM; ``SubmissionDate``
  first, group paths joined by ``-``, then ``KEY, SubmitterID, SubmitterName,
  AttachmentsPresent, AttachmentsExpected, Status, ReviewState, DeviceID, Edits,
  FormVersion``.

A question hidden by ``relevant`` arrives blank; applicability is recomputed from the age.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import (
    AGE,
    BATULICIN,
    HEADER,
    INDICATORS,
    KAMPUNG_BARU,
    SEGUMBANG,
    Cell,
    codes,
    found,
    read,
    write_csv,
    write_xlsx,
)
from pyxform import xls2xform  # type: ignore[import-untyped]

from phbs.cli.root import cli
from phbs.errors import SurveyError
from phbs.forms.fields import question_paths, relevant_expression, xlsform_sheets
from phbs.forms.loading import load_form
from phbs.ingest.validate import Survey
from phbs.reports.fieldforms.xlsform import write_xlsform

FORM = load_form("kemenkes-rt-10").form
SHEETS = xlsform_sheets(FORM)
KOBO_SYSTEM = [
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "_index",
]
CENTRAL_SYSTEM = [
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
]
VALUE = {"Y": "ya", "T": "tidak", "-": "tb"}
LABEL = {"Y": "Ya", "T": "Tidak", "-": "Tidak berlaku"}
PLAIN = {"Y": "Ya", "T": "Tidak", "-": "-"}


@dataclass(frozen=True)
class Submission:
    """One made-up household as a field team would capture it."""

    number: int
    kode: str
    age: int | None
    spec: str  # one letter per indicator: Y, T, or '-' (only where the form offers it)

    @property
    def uuid(self) -> str:
        return f"5d1c{self.number:04d}-8e7a-4c1b-9f3e-2a6b0c9d{self.number:04d}"

    def answer(self, code: str, spelling: dict[str, str]) -> str:
        """The cell of an indicator: blank when ``relevant`` hid the question."""
        indicator = FORM.indicator(code)
        rule = indicator.applies_to
        if rule.context is not None and (self.age is None or not rule.applies(self.age)):
            return ""
        return spelling[self.spec[INDICATORS.index(code)]]


def submissions() -> list[Submission]:
    """Forty households in three villages, ages across the applicability boundaries (§2.2)."""
    ages = [None, 0, 6, 7, 30, 59, None, 12]
    villages = [SEGUMBANG, BATULICIN, KAMPUNG_BARU]
    result = []
    for n in range(40):
        letters = ["Y"] * 10
        if n % 3 == 0:
            letters[3 + n % 4] = "T"
        if n % 5 == 0:
            letters[7 + n % 3] = "-"
        if n % 7 == 0:
            letters[n % 3] = "T"
        result.append(Submission(n + 1, villages[n % 3], ages[n % len(ages)], "".join(letters)))
    return result


def plain_rows(subs: list[Submission]) -> list[list[str]]:
    rows = [HEADER]
    for s in subs:
        age = "" if s.age is None else str(s.age)
        rows.append([f"RT{s.number:03d}", s.kode, age, *(s.answer(c, PLAIN) for c in INDICATORS)])
    return rows


def field_values(s: Submission, spelling: dict[str, str]) -> dict[str, str]:
    """Question name → exported value."""
    values = {
        "start": "2025-10-23T05:40:39.000+08:00",
        "end": "2025-10-23T05:52:10.000+08:00",
        "kode_desa": s.kode,
        "id_rumah_tangga": f"RT{s.number:03d}",
        "dusun": "",
        "rw": "",
        "rt": "",
        "tanggal_survei": "2025-10-23",
        "petugas": "Kader Sri",
        "nama_kepala_rt": "",
        AGE: "" if s.age is None else str(s.age),
    }
    values.update({c: s.answer(c, spelling) for c in INDICATORS})
    return values


def kobo_rows(
    subs: list[Submission],
    *,
    labels: bool = False,
    groups: bool = True,
    hxl: bool = False,
    with_id: bool = True,
) -> list[list[str]]:
    """A KoBoToolbox export: XML-value or label headers, with or without group paths."""
    paths = question_paths(SHEETS["survey"])
    names = [n for n in paths if with_id or n != "id_rumah_tangga"]
    if labels:
        label_of = {r[1]: r[2] for r in SHEETS["survey"][1:] if r[1]}
        group_label = {r[1]: r[2] for r in SHEETS["survey"][1:] if r[0] == "begin group"}

        def title(name: str) -> str:
            parts = paths[name].split("/")
            if len(parts) == 1:
                return name  # metadata questions have no label
            shown = [group_label[p] for p in parts[:-1]] if groups else []
            return "/".join([*shown, label_of[name]])
    else:

        def title(name: str) -> str:
            return paths[name] if groups else name

    header = [title(n) for n in names] + ["meta/rootUuid", *KOBO_SYSTEM]
    rows = [header]
    if hxl:
        rows.append(["#date+start", "#date+end", *[""] * (len(header) - 2)])
    for s in subs:
        values = field_values(s, LABEL if labels else VALUE)
        system = [
            str(1000 + s.number),
            s.uuid,
            "2025-10-23T21:53:00",
            "",
            "",
            "submitted_via_web",
            "",
            "vAbc123",
            "",
            str(s.number),
        ]
        rows.append([values[n] for n in names] + [f"uuid:{s.uuid}", *system])
    return rows


def central_rows(subs: list[Submission]) -> list[list[str]]:
    paths = question_paths(SHEETS["survey"], "-")
    header = ["SubmissionDate", *paths.values(), "meta-instanceID", *CENTRAL_SYSTEM]
    rows = [header]
    for s in subs:
        values = field_values(s, VALUE)
        rows.append(
            [
                "2025-10-23T13:53:00.123Z",
                *(values[n] for n in paths),
                f"uuid:{s.uuid}",
                f"uuid:{s.uuid}",
                "12",
                "kader-sri",
                "0",
                "0",
                "",
                "",
                "collect:Xy12",
                "0",
                "2011",
            ]
        )
    return rows


def write_kobo_csv(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, sep=";", newline="\r\n", quote_all=True)


def score_csv(tmp_path: Path, path: Path, name: str) -> str:
    """`phbs score FILE -o out.csv`: the village results as written."""
    out = tmp_path / f"{name}-desa.csv"
    result = CliRunner().invoke(cli, ["score", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_xlsform_used_for_the_fixtures_is_accepted(tmp_path: Path) -> None:
    """The exports below are of this form, which pyxform converts without warnings."""
    warnings: list[str] = []
    path = write_xlsform(FORM, tmp_path / "form.xlsx")
    xls2xform.convert(xlsform=str(path), warnings=warnings, validate=False)
    assert warnings == []
    assert relevant_expression(FORM.indicator("asi_eksklusif"))


def separated(rows: list[list[str]], separator: str) -> list[list[str]]:
    """An export whose group paths are joined by ``separator`` instead of "/"."""
    return [[h.replace("/", separator) for h in rows[0]], *rows[1:]]


def test_round_trip_kobo_and_central_score_like_the_plain_csv(tmp_path: Path) -> None:
    """docs/aturan.md §10.2–§10.5: definition → XLSForm → KoBo / ODK exports → same village
    results."""
    subs = submissions()
    plain = write_csv(tmp_path / "biasa.csv", plain_rows(subs))
    expected = score_csv(tmp_path, plain, "biasa")
    exports = {
        "kobo-xml": write_kobo_csv(tmp_path / "kobo-xml.csv", kobo_rows(subs)),
        "kobo-label": write_kobo_csv(tmp_path / "kobo-label.csv", kobo_rows(subs, labels=True)),
        "kobo-hxl": write_kobo_csv(tmp_path / "kobo-hxl.csv", kobo_rows(subs, hxl=True)),
        "kobo-flat": write_kobo_csv(tmp_path / "kobo-flat.csv", kobo_rows(subs, groups=False)),
        # KoBoToolbox lets the exporter choose the group separator: "." and ":" as well.
        "kobo-dot": write_kobo_csv(tmp_path / "kobo-dot.csv", separated(kobo_rows(subs), ".")),
        "kobo-colon": write_kobo_csv(tmp_path / "kobo-colon.csv", separated(kobo_rows(subs), ":")),
        "kobo-xlsx": write_xlsx(tmp_path / "kobo.xlsx", {"kemenkes_rt_10": kobo_rows(subs)}),
        "central": write_csv(tmp_path / "central.csv", central_rows(subs)),
    }
    for name, path in exports.items():
        assert score_csv(tmp_path, path, name) == expected, name


@pytest.mark.parametrize("kind", ["kobo", "kobo-label", "central"])
def test_exports_read_cleanly(tmp_path: Path, kind: str) -> None:
    """No unknown-column noise, no missing answers: blanks hidden by `relevant` are not
    applicable, because the age decides (docs/aturan.md §2.2, §10.2)."""
    subs = submissions()
    if kind == "central":
        path = write_csv(tmp_path / "c.csv", central_rows(subs))
    else:
        path = write_kobo_csv(tmp_path / "k.csv", kobo_rows(subs, labels=kind == "kobo-label"))
    survey = read(path)
    assert survey.rows_scored == len(subs)
    assert dict(codes(survey)) == {"ekspor-dikenali": 1}
    source = "ODK Central" if kind == "central" else "KoBoToolbox"
    assert source in survey.issues[0].message_id
    plain = read(write_csv(tmp_path / "p.csv", plain_rows(subs)))
    assert (survey.households.states == plain.households.states).all()
    assert survey.households.ids == plain.households.ids


def test_kobo_xlsx_main_sheet_with_typed_numbers(tmp_path: Path) -> None:
    """KoBo XLSX: main sheet first (named after the form); numbers may arrive typed."""
    subs = submissions()[:6]
    text_rows = kobo_rows(subs)
    age_column = text_rows[0].index(f"identitas/{AGE}")
    rows: list[list[Cell]] = [list(r) for r in text_rows]
    for row, text in zip(rows[1:], text_rows[1:], strict=True):
        row[age_column] = int(text[age_column]) if text[age_column] else None
    repeat: list[list[Cell]] = [["anggota/nama", "_index", "_parent_index"], ["Budi", 1, 1]]
    path = write_xlsx(tmp_path / "kobo.xlsx", {"kemenkes_rt_10": rows, "anggota": repeat})
    survey = read(path)
    assert survey.rows_scored == 6
    assert dict(codes(survey)) == {"ekspor-dikenali": 1}


def test_submission_id_stands_in_for_a_missing_household_id(tmp_path: Path) -> None:
    """A form without an id question: the submission identity (meta/rootUuid) is the id."""
    subs = submissions()[:3]
    survey = read(write_kobo_csv(tmp_path / "k.csv", kobo_rows(subs, with_id=False)))
    assert survey.rows_scored == 3
    assert survey.households.ids == [f"uuid:{s.uuid}" for s in subs]
    assert "kolom-wajib-tidak-ada" not in codes(survey)
    assert "meta/rootUuid" in survey.issues[0].message_id


def test_duplicated_submission_is_set_aside(tmp_path: Path) -> None:
    """The same submission exported twice (two overlapping exports): counted once (§10.5)."""
    subs = submissions()[:4]
    first = write_kobo_csv(tmp_path / "a.csv", kobo_rows(subs[:3]))
    second = write_kobo_csv(tmp_path / "b.csv", kobo_rows(subs[2:]))
    survey = read([first, second])
    assert survey.rows_scored == 4
    assert found(survey, "kiriman-ganda") == [(2, "meta/rootUuid")]
    assert survey.set_aside[0].file.endswith("b.csv")
    assert "id-ganda" not in codes(survey)
    assert "baris-ganda" not in codes(survey)


def test_central_duplicate_instance_id(tmp_path: Path) -> None:
    """ODK Central: a repeated meta-instanceID is reported and set aside."""
    rows = central_rows(submissions()[:2])
    rows.append(list(rows[1]))
    survey = read(write_csv(tmp_path / "c.csv", rows))
    assert found(survey, "kiriman-ganda") == [(4, "meta-instanceID")]


def test_same_name_in_two_groups_is_ambiguous(tmp_path: Path) -> None:
    """aturan.md §6.4, §10.2: pyxform allows one name in two groups; the reader never guesses, and
    since neither column can be used the file is refused, naming both."""
    rows = kobo_rows(submissions()[:2])
    header = rows[0]
    header.append("lainnya/air_bersih")
    for row in rows[1:]:
        row.append("tidak")
    with pytest.raises(SurveyError) as caught:
        read(write_kobo_csv(tmp_path / "k.csv", rows))
    assert "kesehatan_lingkungan/air_bersih" in caught.value.message_en
    assert "lainnya/air_bersih" in caught.value.message_en


def issues_message(survey: Survey, code: str) -> str:
    return " ".join(i.message_en for i in survey.issues if i.code == code)


def test_plain_file_with_system_like_names_is_not_an_export(tmp_path: Path) -> None:
    """Without the signature columns a file is plain: a 'start' column stays unknown."""
    rows = plain_rows(submissions()[:2])
    rows[0] = [*rows[0], "start"]
    rows[1:] = [[*r, "x"] for r in rows[1:]]
    survey = read(write_csv(tmp_path / "p.csv", rows))
    assert found(survey, "kolom-tidak-dikenal") == [(1, "start")]
    assert "ekspor-dikenali" not in codes(survey)
