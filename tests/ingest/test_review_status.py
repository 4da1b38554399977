"""Submissions a supervisor rejected are set aside, not scored (docs/aturan.md §8.2).

The exports are written as the tools write them (see ``test_exports`` for the layouts):

- KoBoToolbox writes the ``_validation_status`` system column (never group-prefixed, never
  relabelled) with the status uid in an export with XML names
  (``validation_status_not_approved``) and its stored label in an export with labels
  (``Not Approved``, ``Approved``, ``On Hold``: English whatever the UI language); blank when
  never validated (formpack ``ValidationStatusCopyField``, kpi ``DEFAULT_VALIDATION_STATUSES``).
- ODK Central writes ``ReviewState`` among its trailing columns: blank (received),
  ``hasIssues``, ``edited``, ``approved`` or ``rejected`` (central-backend ``briefcase.js``);
  its ``Status`` column only says an encrypted submission could not be read.

Rows in every test: header = row 1, so the n-th submission is row n + 1.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import (
    BATULICIN,
    KAMPUNG_BARU,
    SEGUMBANG,
    aside,
    assert_reconciled,
    codes,
    found,
    issues_of,
    write_csv,
    write_xlsx,
)
from test_exports import Submission, central_rows, kobo_rows, write_kobo_csv

from phbs.cli.root import cli
from phbs.ingest.exports import Review, detect_export
from phbs.ingest.settings import ReadSettings
from phbs.ingest.validate import Survey, read_survey

ALL_YES = "Y" * 10
NO_WATER = "YYYTYYYYYY"  # air_bersih Tidak: not ber-PHBS
KOBO_UID = {
    "approved": "validation_status_approved",
    "not approved": "validation_status_not_approved",
    "on hold": "validation_status_on_hold",
    "": "",
}
KOBO_LABEL = {"approved": "Approved", "not approved": "Not Approved", "on hold": "On Hold", "": ""}


def household(number: int, kode: str, spec: str = ALL_YES) -> Submission:
    """A household with a child of 30 months (no question hidden that matters here)."""
    return Submission(number, kode, 30, spec)


# Six KoBo submissions: two not approved (rows 3 and 6), one on hold (row 4), one never
# validated (row 5). Scored: RT001, RT003, RT004, RT006.
KOBO_SUBMISSIONS = [
    (household(1, SEGUMBANG), "approved"),
    (household(2, SEGUMBANG), "not approved"),
    (household(3, BATULICIN, NO_WATER), "on hold"),
    (household(4, BATULICIN), ""),
    (household(5, KAMPUNG_BARU, NO_WATER), "not approved"),
    (household(6, KAMPUNG_BARU), "approved"),
]
# Five Central submissions: rejected (row 2), approved, hasIssues (row 4), received, edited.
CENTRAL_SUBMISSIONS = [
    (household(1, SEGUMBANG), "rejected"),
    (household(2, SEGUMBANG), "approved"),
    (household(3, BATULICIN, NO_WATER), "hasIssues"),
    (household(4, BATULICIN), ""),
    (household(5, KAMPUNG_BARU), "edited"),
]


def set_column(rows: list[list[str]], column: str, values: Sequence[str]) -> list[list[str]]:
    """Fill ``column`` of the data rows (after the header) with ``values``."""
    position = rows[0].index(column)
    for row, value in zip(rows[1:], values, strict=True):
        row[position] = value
    return rows


def kobo_export(
    reviewed: Sequence[tuple[Submission, str]], *, labels: bool = False
) -> list[list[str]]:
    """A KoBoToolbox export whose ``_validation_status`` is the uid (XML names) or the
    label (labels), as formpack writes it."""
    spelling = KOBO_LABEL if labels else KOBO_UID
    rows = kobo_rows([s for s, _ in reviewed], labels=labels)
    return set_column(rows, "_validation_status", [spelling[r] for _, r in reviewed])


def central_export(reviewed: Sequence[tuple[Submission, str]]) -> list[list[str]]:
    """An ODK Central export; an edited submission has a new meta-instanceID and one edit
    (KEY stays the first instance id)."""
    rows = central_rows([s for s, _ in reviewed])
    set_column(rows, "ReviewState", [r for _, r in reviewed])
    set_column(rows, "Edits", ["1" if r == "edited" else "0" for _, r in reviewed])
    instance = rows[0].index("meta-instanceID")
    for row, (s, review) in zip(rows[1:], reviewed, strict=True):
        if review == "edited":
            row[instance] = f"uuid:9e2b{s.number:04d}-1f3a-4d5e-8b7c-6a5f4e3d{s.number:04d}"
    return rows


def resubmitted(tmp_path: Path) -> Path:
    """Central: RT001 rejected (air_bersih Tidak, row 2), then submitted again as a new
    submission (its own instance id) with the answer corrected and approved (row 3)."""
    rows = central_export(
        [
            (household(1, SEGUMBANG, NO_WATER), "rejected"),
            (household(1, SEGUMBANG), "approved"),
        ]
    )
    for column in ("meta-instanceID", "KEY"):
        rows[2][rows[0].index(column)] = "uuid:0c4f1e2d-3b5a-4c6d-9e8f-7a6b5c4d3e2f"
    return write_csv(tmp_path / "central.csv", rows)


def read_with(paths: Path | Sequence[Path], *, keep_rejected: bool = False) -> Survey:
    """``read_survey`` with ``keep_rejected``, plus the reconciliation check."""
    listed = [paths] if isinstance(paths, Path) else list(paths)
    survey = read_survey(listed, settings=ReadSettings(keep_rejected=keep_rejected))
    assert_reconciled(survey)
    return survey


def villages(path: Path) -> dict[str, tuple[int, int, int]]:
    """Village code → (surveyed, ber-PHBS, not ber-PHBS) from `phbs score -o` CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["kode"]: (
                int(row["rumah_tangga_disurvei"]),
                int(row["ber_phbs"]),
                int(row["tidak_ber_phbs"]),
            )
            for row in csv.DictReader(handle)
        }


def rejects(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- the library


@pytest.mark.parametrize("labels", [False, True], ids=["xml-names", "labels"])
def test_kobo_csv_not_approved_rows_are_set_aside(tmp_path: Path, labels: bool) -> None:
    """`;`, all quoted, CRLF: the two not approved are set aside, on hold is scored and
    counted once for the file."""
    path = write_kobo_csv(tmp_path / "kobo.csv", kobo_export(KOBO_SUBMISSIONS, labels=labels))
    survey = read_with(path)
    assert (survey.rows_read, survey.rows_scored, survey.rows_set_aside) == (6, 4, 2)
    assert survey.households.ids == ["RT001", "RT003", "RT004", "RT006"]
    assert aside(survey) == [(3, ("kiriman-ditolak",)), (6, ("kiriman-ditolak",))]
    value = "Not Approved" if labels else "validation_status_not_approved"
    rejected = issues_of(survey, "kiriman-ditolak")
    assert [(i.row, i.column, i.value) for i in rejected] == [
        (3, "_validation_status", value),
        (6, "_validation_status", value),
    ]
    assert all(i.severity.value == "warning" for i in rejected)
    [on_hold] = issues_of(survey, "kiriman-ditahan")
    assert (on_hold.row, on_hold.column, on_hold.value) == (None, "_validation_status", "On Hold")
    assert on_hold.message_id.startswith("1 kiriman")
    assert "kiriman-ditolak-diskor" not in codes(survey)
    assert survey.set_aside[0].cells == tuple(kobo_export(KOBO_SUBMISSIONS, labels=labels)[2])


def test_kobo_csv_keep_rejected_scores_them_and_says_so(tmp_path: Path) -> None:
    path = write_kobo_csv(tmp_path / "kobo.csv", kobo_export(KOBO_SUBMISSIONS))
    survey = read_with(path, keep_rejected=True)
    assert (survey.rows_read, survey.rows_scored, survey.rows_set_aside) == (6, 6, 0)
    assert "kiriman-ditolak" not in codes(survey)
    [kept] = issues_of(survey, "kiriman-ditolak-diskor")
    assert (kept.row, kept.column, kept.severity.value) == (None, "_validation_status", "info")
    assert kept.message_id.startswith("2 kiriman")
    assert codes(survey)["kiriman-ditahan"] == 1


def test_central_csv_rejected_row_is_set_aside(tmp_path: Path) -> None:
    """`,`, quotes only when needed, `\\n`: rejected is set aside; hasIssues is scored and
    counted; approved, received and edited are scored without a word."""
    path = write_csv(tmp_path / "central.csv", central_export(CENTRAL_SUBMISSIONS))
    survey = read_with(path)
    assert (survey.rows_read, survey.rows_scored, survey.rows_set_aside) == (5, 4, 1)
    assert survey.households.ids == ["RT002", "RT003", "RT004", "RT005"]
    assert aside(survey) == [(2, ("kiriman-ditolak",))]
    assert found(survey, "kiriman-ditolak") == [(2, "ReviewState")]
    assert issues_of(survey, "kiriman-ditolak")[0].value == "rejected"
    [on_hold] = issues_of(survey, "kiriman-ditahan")
    assert (on_hold.column, on_hold.value) == ("ReviewState", "hasIssues")
    assert on_hold.message_id.startswith("1 kiriman")
    assert set(codes(survey)) == {"ekspor-dikenali", "kiriman-ditolak", "kiriman-ditahan"}

    kept = read_with(path, keep_rejected=True)
    assert (kept.rows_read, kept.rows_scored, kept.rows_set_aside) == (5, 5, 0)
    assert found(kept, "kiriman-ditolak-diskor") == [(None, "ReviewState")]


def test_kobo_xlsx_not_approved_rows_are_set_aside(tmp_path: Path) -> None:
    """XLSX with labels, main sheet named after the form, a repeat sheet after it."""
    rows = kobo_export(KOBO_SUBMISSIONS, labels=True)
    repeat = [["anggota/nama", "_index", "_parent_index"], ["Budi", "1", "1"]]
    path = write_xlsx(tmp_path / "kobo.xlsx", {"kemenkes_rt_10": rows, "anggota": repeat})
    survey = read_with(path)
    assert (survey.rows_read, survey.rows_scored, survey.rows_set_aside) == (6, 4, 2)
    assert aside(survey) == [(3, ("kiriman-ditolak",)), (6, ("kiriman-ditolak",))]
    assert [i.value for i in issues_of(survey, "kiriman-ditolak")] == ["Not Approved"] * 2
    assert codes(survey)["kiriman-ditahan"] == 1


def test_review_values_ignore_case_spaces_and_underscores() -> None:
    kobo = detect_export(["kode_desa", "_uuid", "_validation_status"])
    central = detect_export(["SubmissionDate", "KEY", "ReviewState"])
    spellings = ["NOT APPROVED", " not  approved ", "Validation_Status_Not_Approved"]
    assert {kobo.review(["", "", v]) for v in spellings} == {Review.REJECTED}
    assert kobo.review(["", "", "on hold"]) is Review.ON_HOLD
    assert kobo.review(["", "", "rejected"]) is Review.NONE  # a Central word, not KoBo's
    assert central.review(["", "", "Rejected"]) is Review.REJECTED
    assert central.review(["", "", "has issues"]) is Review.ON_HOLD
    assert central.review(["", "", "received"]) is Review.NONE
    assert detect_export(["id_rumah_tangga", "kode_desa"]).review(["a", "b"]) is Review.NONE


# --- rejected copies and duplicated submissions


def test_rejected_copy_does_not_hide_an_approved_copy(tmp_path: Path) -> None:
    """Two overlapping KoBo exports: RT001 was not approved when the first was made and
    approved by the second. In either file order the approved copy is scored, the rejected
    copy is set aside as rejected, and RT002 (in both) is counted once."""
    first = write_kobo_csv(
        tmp_path / "a.csv",
        kobo_export([(household(1, SEGUMBANG), "not approved"), (household(2, BATULICIN), "")]),
    )
    second = write_kobo_csv(
        tmp_path / "b.csv",
        kobo_export(
            [
                (household(1, SEGUMBANG), "approved"),
                (household(2, BATULICIN), ""),
                (household(3, KAMPUNG_BARU), ""),
            ]
        ),
    )
    survey = read_with([first, second])
    assert (survey.rows_read, survey.rows_scored, survey.rows_set_aside) == (5, 3, 2)
    assert [(Path(r.file).name, r.row, r.reasons) for r in survey.set_aside] == [
        ("a.csv", 2, ("kiriman-ditolak",)),
        ("b.csv", 3, ("kiriman-ganda",)),
    ]
    assert sorted(survey.households.ids) == ["RT001", "RT002", "RT003"]

    survey = read_with([second, first])
    assert (survey.rows_read, survey.rows_scored, survey.rows_set_aside) == (5, 3, 2)
    assert [(Path(r.file).name, r.row, r.reasons) for r in survey.set_aside] == [
        ("a.csv", 2, ("kiriman-ditolak",)),
        ("a.csv", 3, ("kiriman-ganda",)),
    ]
    assert survey.households.ids == ["RT001", "RT002", "RT003"]
    assert "id-ganda" not in codes(survey)

    # Kept on purpose, the rejected copy is the first copy: the approved one is the repeat.
    kept = read_with([first, second], keep_rejected=True)
    assert (kept.rows_read, kept.rows_scored, kept.rows_set_aside) == (5, 3, 2)
    assert [(Path(r.file).name, r.row, r.reasons) for r in kept.set_aside] == [
        ("b.csv", 2, ("kiriman-ganda",)),
        ("b.csv", 3, ("kiriman-ganda",)),
    ]
    assert [Path(i.file).name for i in issues_of(kept, "kiriman-ditolak-diskor")] == ["a.csv"]


def test_new_submission_after_a_rejection_is_scored(tmp_path: Path) -> None:
    """Only the new submission is scored; kept on purpose, both reach the household check
    and the second is an `id-ganda`."""
    path = resubmitted(tmp_path)
    survey = read_with(path)
    assert (survey.rows_read, survey.rows_scored, survey.rows_set_aside) == (2, 1, 1)
    assert aside(survey) == [(2, ("kiriman-ditolak",))]
    assert "id-ganda" not in codes(survey)

    kept = read_with(path, keep_rejected=True)
    assert (kept.rows_read, kept.rows_scored, kept.rows_set_aside) == (2, 1, 1)
    assert aside(kept) == [(3, ("id-ganda",))]


# --- the command line


def test_score_sets_rejected_aside_and_writes_them_to_rejects(tmp_path: Path) -> None:
    path = write_kobo_csv(tmp_path / "kobo.csv", kobo_export(KOBO_SUBMISSIONS))
    out, rejected = tmp_path / "desa.csv", tmp_path / "disisihkan.csv"
    result = CliRunner().invoke(
        cli, ["score", str(path), "-o", str(out), "--rejects", str(rejected)]
    )
    assert result.exit_code == 0, result.output
    assert "6 baris dibaca = 4 diskor + 2 disisihkan" in result.output
    assert villages(out) == {SEGUMBANG: (1, 1, 0), BATULICIN: (2, 1, 1), KAMPUNG_BARU: (1, 1, 0)}
    written = rejects(rejected)
    assert [(r["baris"], r["kode_masalah"]) for r in written] == [
        ("3", "kiriman-ditolak"),
        ("6", "kiriman-ditolak"),
    ]
    assert [r["identitas/id_rumah_tangga"] for r in written] == ["RT002", "RT005"]
    assert {r["_validation_status"] for r in written} == {"validation_status_not_approved"}
    assert all("_validation_status" in r["alasan"] for r in written)


def test_score_keep_rejected(tmp_path: Path) -> None:
    path = write_kobo_csv(tmp_path / "kobo.csv", kobo_export(KOBO_SUBMISSIONS))
    out, rejected = tmp_path / "desa.csv", tmp_path / "disisihkan.csv"
    result = CliRunner().invoke(
        cli,
        ["score", str(path), "--keep-rejected", "-o", str(out), "--rejects", str(rejected)],
    )
    assert result.exit_code == 0, result.output
    assert "6 baris dibaca = 6 diskor + 0 disisihkan" in result.output
    assert villages(out) == {SEGUMBANG: (2, 2, 0), BATULICIN: (2, 1, 1), KAMPUNG_BARU: (2, 1, 1)}
    assert rejects(rejected) == []


def test_score_central_export(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "central.csv", central_export(CENTRAL_SUBMISSIONS))
    out = tmp_path / "desa.csv"
    result = CliRunner().invoke(cli, ["score", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "5 baris dibaca = 4 diskor + 1 disisihkan" in result.output
    assert villages(out) == {SEGUMBANG: (1, 1, 0), BATULICIN: (2, 1, 1), KAMPUNG_BARU: (1, 1, 0)}

    result = CliRunner().invoke(cli, ["score", str(path), "--keep-rejected", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "5 baris dibaca = 5 diskor + 0 disisihkan" in result.output
    assert villages(out)[SEGUMBANG] == (2, 2, 0)


def test_validate_exit_code(tmp_path: Path) -> None:
    """A rejected row is a warning (exit 0); kept on purpose next to its re-submission it
    becomes an `id-ganda` error (exit 1)."""
    path = resubmitted(tmp_path)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "2 baris dibaca = 1 diskor + 1 disisihkan" in result.output
    assert "kiriman-ditolak" in result.output
    result = CliRunner().invoke(cli, ["validate", str(path), "--keep-rejected"])
    assert result.exit_code == 1, result.output
    assert "2 baris dibaca = 1 diskor + 1 disisihkan" in result.output
