"""Which sheet of a workbook holds the survey (docs/aturan.md, *Membaca berkas*).

Without ``--sheet`` every sheet is looked at, hidden ones too: the one sheet whose header is
the survey's is read; several are refused rather than one read silently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from phbs.errors import SurveyError
from phbs.forms.model import Form
from phbs.ingest.columns import HEADER_CELLS, match_columns
from phbs.ingest.exports import detect_export
from phbs.ingest.raw_table import RawTable
from phbs.ingest.readers import open_table
from phbs.issues import Issue, make_issue

if TYPE_CHECKING:
    from phbs.ingest.spreadsheet import SheetHead


def looks_like_survey(header: Sequence[str], form: Form, name: str) -> bool:
    """Whether a header row is recognisably the form's survey header: a household id (or an
    export's submission id) and at least half of the indicators (a village recap has the
    indicators but no household id)."""
    layout = detect_export(list(header))
    columns = match_columns(list(header), form, file=name, ignore=layout.ignored)
    found = set(columns.index) | {i.column for i in columns.issues if i.code == "kolom-ambigu"}
    identity = "id_rumah_tangga" in found or layout.instance_column is not None
    indicators = sum(1 for code in form.codes if code in found)
    return identity and indicators * 2 >= len(form.codes)


def survey_header(form: Form, name: str) -> Callable[[list[str]], bool]:
    """Whether a row is the form's survey header (for :func:`~phbs.ingest.readers.open_table`
    to find it past a title block or a row of group names)."""

    def accepts(cells: list[str]) -> bool:
        return looks_like_survey(cells, form, name)

    return accepts


def _listed(heads: Sequence[SheetHead]) -> tuple[str, str]:
    names = [
        (f"'{h.name}'", f"'{h.name}'")
        if h.visible
        else (f"'{h.name}' (tersembunyi)", f"'{h.name}' (hidden)")
        for h in heads
    ]
    return ", ".join(n for n, _ in names), ", ".join(n for _, n in names)


def choose_sheet(
    table: RawTable, form: Form, *, sheet_given: bool
) -> tuple[RawTable, Issue | None, str]:
    """The table to read: ``table`` itself, or the one sheet of its workbook that holds
    the survey when ``table``'s sheet does not (and no sheet was asked for).

    Returns the table, a warning when another sheet was taken, and a hint naming the sheets
    that look right (for the error about missing columns). Raises :class:`SurveyError`
    when, without ``--sheet``, several sheets look like the survey: reading one of them
    would leave the others out without a word.
    """
    if table.sheet is None or len(table.sheets) < 2:
        return table, None, ""
    from phbs.ingest.spreadsheet import sheet_heads

    heads = sheet_heads(
        table.path,
        HEADER_CELLS,
        survey_header(form, table.name),
        known=(table.sheet, table.header),
    )
    candidates = [h for h in heads if h.header and looks_like_survey(h.header, form, table.name)]
    candidates.sort(key=lambda h: not h.visible)  # a visible sheet is suggested first
    listed, listed_en = _listed(candidates)
    if sheet_given:
        others = [h for h in candidates if h.name != table.sheet]
        if not others or looks_like_survey(table.header, form, table.name):
            return table, None, ""
        return (
            table,
            None,
            f'Lembar yang tampak berisi survei: {listed} (--sheet "{others[0].name}").',
        )
    if len(candidates) > 1:
        raise SurveyError(
            f"{table.name}: beberapa lembar tampak berisi survei: {listed}. phbs membaca satu "
            f'lembar per berkas: pilih dengan --sheet "{candidates[0].name}", atau simpan tiap '
            "lembar sebagai berkas sendiri (mis. CSV) lalu beri semuanya sekaligus.",
            f"{table.name}: several sheets look like the survey: {listed_en}. phbs reads one "
            f'sheet per file: choose with --sheet "{candidates[0].name}", or save each sheet '
            "as a file of its own (e.g. CSV) and give them all at once.",
        )
    if not candidates or candidates[0].name == table.sheet:
        return table, None, ""
    chosen = open_table(
        table.path,
        sheet=candidates[0].name,
        header_cells=HEADER_CELLS,
        prefer=survey_header(form, table.name),
    )
    issue = make_issue(
        "lembar-dipilih",
        file=table.name,
        row=chosen.header_row,
        value=chosen.sheet or "",
        first=table.sheet,
        chosen=chosen.sheet or "",
    )
    table.close()
    return chosen, issue, ""
