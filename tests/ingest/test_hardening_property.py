"""Property tests over the readers and scoring with hostile tables (docs/aturan.md §8.3).

Arbitrary tables of strings — separators, quotes, line breaks, unicode, BOM characters, blank
cells, duplicate ids, random answer spellings, random column order and extra columns —
written as CSV in a random dialect (``,``/``;``/tab, CRLF/LF, UTF-8 with or without BOM,
Windows-1252 when the text fits it) or as XLSX. For every input, either a result where every
row is accounted for (read = scored + set aside, read = the data records before the trailing
blank ones) and the village counts equal :func:`reference`, written here from aturan.md §2–§3 and
§8.2 without the package; or an :class:`~phbs.errors.InputFileError` with a one-line message.
Nothing else may be raised.

Runs derandomized (a fixed seed per test, no example database), so CI is reproducible; the
whole module takes well under a minute.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BATULICIN, INDICATORS, SEGUMBANG, assert_reconciled, write_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phbs.cli.root import cli
from phbs.errors import InputFileError, SurveyError
from phbs.ingest.names import holds_names
from phbs.ingest.settings import BlankMeaning, ReadSettings
from phbs.ingest.validate import read_survey
from phbs.scoring.results import score
from phbs.scoring.summary import summarise

SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Text that stresses a CSV writer and reader: separators, quotes, line breaks, BOM, accents.
SPECIAL = [",", ";", "\t", '"', "\n", "\r", "\ufeff", "é", "’", "=", " ", "'", "\u00a0", "ñ"]
text = st.text(
    alphabet=st.one_of(
        st.sampled_from(SPECIAL),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    max_size=8,
)


def _variants(words: Sequence[str]) -> st.SearchStrategy[str]:
    """A spelling in random case with random spaces around it."""
    return st.tuples(
        st.sampled_from(words), st.sampled_from(["", " ", "  "]), st.sampled_from(["", " "])
    ).flatmap(
        lambda t: st.sampled_from([t[0], t[0].upper(), t[0].title()]).map(lambda w: t[1] + w + t[2])
    )


YES = ["ya", "y", "1", "yes", "true"]
NO = ["tidak", "t", "0", "no", "false"]
# An answer cell: ("Y"|"T"|"." blank|"?" unreadable, the text written).
answer = st.one_of(
    _variants(YES).map(lambda s: ("Y", s)),
    _variants(NO).map(lambda s: ("T", s)),
    st.sampled_from(["", " ", "\t"]).map(lambda s: (".", s)),
    text.map(lambda s: ("?", "?" + s)),  # never a spelling: it starts with '?'
)
# A village cell and the village it means (None: the row is set aside).
VILLAGES: dict[str, str | None] = {
    SEGUMBANG: SEGUMBANG,
    "6310012005": SEGUMBANG,
    f" {BATULICIN} ": BATULICIN,
    "": None,
    "63.10.01": None,
    "desa?": None,
}
household_id = st.one_of(st.sampled_from(["1", "2", " 2", "3 ", ""]), text)
row = st.tuples(
    household_id,
    st.sampled_from(list(VILLAGES)),
    st.lists(answer, min_size=10, max_size=10),
    st.lists(text, min_size=3, max_size=3),
)
EXTRA = ["catatan", "keterangan", "foto"]
Row = tuple[str, str, list[tuple[str, str]], list[str]]


def reference(rows: Sequence[Row]) -> dict[str, list[int]]:
    """Per village: [surveyed, ber-PHBS, not, incomplete], straight from aturan.md §2, §3, §8.2.

    A row without an id or with an unusable village code is set aside, and so is a later row
    with an id already kept; any 'Tidak' makes a household not ber-PHBS, else any blank or
    unreadable answer leaves it incomplete (there is no age column and no '-')."""
    seen: set[str] = set()
    out: dict[str, list[int]] = {}
    for ident, village_cell, answers, _ in rows:
        village = VILLAGES[village_cell]
        key = ident.strip()
        if not key or village is None or key in seen:
            continue
        seen.add(key)
        counts = out.setdefault(village, [0, 0, 0, 0])
        kinds = [kind for kind, _ in answers]
        counts[0] += 1
        counts[2 if "T" in kinds else 3 if ("." in kinds or "?" in kinds) else 1] += 1
    return out


def records_read(table: Sequence[Sequence[str]]) -> int:
    """Data records up to the last one with a non-blank cell."""
    blank = [not any(c.strip() for c in cells) for cells in table]
    while blank and blank[-1]:
        blank.pop()
    return len(blank)


def build(
    rows: Sequence[Row], order: Sequence[int], extra: int, trailing: int
) -> tuple[list[str], list[list[str]]]:
    base = ["id_rumah_tangga", "kode_desa", *INDICATORS]
    header = [base[i] for i in order] + EXTRA[:extra]
    table = []
    for ident, village, answers, notes in rows:
        full = [ident, village, *(spelled for _, spelled in answers)]
        table.append([full[i] for i in order] + notes[:extra])
    table += [[""] * len(header)] * trailing
    return header, table


def has_control(table: Sequence[Sequence[str]]) -> bool:
    """Control characters other than tab and line breaks: a file may be taken for binary."""
    return any(
        unicodedata.category(ch) == "Cc" and ch not in "\t\r\n"
        for cells in table
        for cell in cells
        for ch in cell
    )


def check(path: Path, rows: Sequence[Row], table: Sequence[Sequence[str]]) -> None:
    """The property: a reconciled result matching the reference, or a one-line error."""
    refused: InputFileError | None = None
    try:
        # Blanks are "not yet answered" in the reference (without the age column such a file
        # is otherwise refused as ambiguous: tests/ingest/test_unusual_files.py).
        survey = read_survey([path], settings=ReadSettings(blank=BlankMeaning.MISSING))
    except InputFileError as error:
        refused = error
    except SurveyError as error:
        # Village names where codes are expected, and no area to match them in: refused
        # (docs/aturan.md, Identitas baris). 'desa?' counts as a name.
        if "berisi nama desa" not in error.message_id:
            raise
        assert holds_names([village for _, village, _, _ in rows])
        return
    if refused is not None:
        assert "\n" not in refused.message("id")
        assert "\n" not in refused.message("en")
        assert str(path) in refused.message("id")
        assert has_control(table), f"refused a plain text table: {refused}"
        return
    assert_reconciled(survey)
    assert survey.rows_read == records_read(table)
    report = summarise(score(survey))
    got = {
        a.kode: [a.rumah_tangga_disurvei, a.ber_phbs, a.tidak_ber_phbs, a.belum_lengkap]
        for a in report.wilayah
    }
    assert got == reference(rows)


def encode_choice(table_text: str, encoding: str) -> str:
    """Windows-1252 only when every line round-trips (a cp1252 line that is also valid UTF-8
    is read as UTF-8, by design); UTF-8 otherwise."""
    if encoding != "cp1252":
        return encoding
    try:
        data = table_text.encode("cp1252")
    except UnicodeEncodeError:
        return "utf-8"
    for line in data.split(b"\n"):
        try:
            if line.decode("utf-8") != line.decode("cp1252"):
                return "utf-8"
        except UnicodeDecodeError:
            continue
    return "cp1252"


tables = st.tuples(
    st.lists(row, max_size=12),
    st.permutations(range(12)),
    st.integers(0, 3),
    st.integers(0, 2),
)


@settings(SETTINGS, max_examples=150)
@given(
    spec=tables,
    sep=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_csv_every_row_accounted_for(
    tmp_path_factory: pytest.TempPathFactory,
    spec: tuple[list[Row], list[int], int, int],
    sep: str,
    newline: str,
    encoding: str,
) -> None:
    """CSV in any dialect: reconciled counts and the reference's village counts, or a clear
    error (docs/aturan.md §8.3, §10.1)."""
    rows, order, extra, trailing = spec
    header, table = build(rows, order, extra, trailing)
    flat = "\n".join("".join(cells) for cells in [header, *table])
    chosen = encode_choice(flat, "cp1252" if encoding == "cp1252" else "utf-8")
    path = write_csv(
        tmp_path_factory.mktemp("csv") / "survei.csv",
        [header, *table],
        encoding=chosen,
        sep=sep,
        bom=encoding == "utf-8-sig",
        newline=newline,
    )
    check(path, rows, table)


@settings(SETTINGS, max_examples=40)
@given(spec=tables)
def test_xlsx_every_row_accounted_for(
    tmp_path_factory: pytest.TempPathFactory, spec: tuple[list[Row], list[int], int, int]
) -> None:
    """The same tables as an XLSX workbook of text cells."""
    import xlsxwriter

    rows, order, extra, trailing = spec
    header, table = build(rows, order, extra, trailing)
    path = tmp_path_factory.mktemp("xlsx") / "survei.xlsx"
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    sheet = workbook.add_worksheet("survei")
    for r, cells in enumerate([header, *table]):
        for c, value in enumerate(cells):
            sheet.write_string(r, c, value)
    workbook.close()
    check(path, rows, table)


@settings(SETTINGS, max_examples=8)
@given(spec=tables, sep=st.sampled_from([",", ";"]))
def test_cli_never_shows_a_traceback(
    tmp_path_factory: pytest.TempPathFactory,
    spec: tuple[list[Row], list[int], int, int],
    sep: str,
) -> None:
    """`phbs score` and `phbs validate` on generated files: exit 0, 1 or 2, no traceback."""
    rows, order, extra, trailing = spec
    header, table = build(rows, order, extra, trailing)
    folder = tmp_path_factory.mktemp("cli")
    path = write_csv(folder / "survei.csv", [header, *table], sep=sep)
    for command in (
        ["score", str(path), "-o", str(folder / "rekap.csv"), "--rejects", str(folder / "r.csv")],
        ["validate", str(path), "-o", str(folder / "masalah.xlsx")],
    ):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code in {0, 1, 2}, result.output
        assert "Traceback" not in result.output
        assert "Galat internal" not in result.output
