"""A mapping proposed for a file (``phbs map``): what its columns and answers most likely are,
and a question wherever the file cannot tell (docs/aturan.md §6.5).

The file is looked at, not scored: its sheets, the rows that could be its header, each
column's header and first values. A column is proposed for a field when its header is a
known spelling of the field (the form's aliases), a close misspelling of one, or the
indicator's number in a numbered questionnaire (``1`` … ``10`` under *Indikator*). Answer
spellings outside the form's are proposed from the usual ones (``V``/``X``, ``Ada``/``Tidak
ada``, ``Sudah``/``Belum``, ``1``/``2``); any other is a question. A required field no column
fits, a sheet or a region that cannot be told, blank cells that could mean two things: each
is a question (``"?"``) that :func:`~phbs.ingest.mapping.load_map` refuses until answered.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from phbs.errors import PhbsError
from phbs.forms.model import Form, fold_answer
from phbs.ingest.columns import STANDARD_FIELDS, alias_map, fold_header, lookup_header
from phbs.ingest.header_row import TITLE_ROWS
from phbs.ingest.names import holds_names, likely_scope
from phbs.ingest.readers import open_table

#: Data rows looked at per column.
SAMPLE_ROWS = 5_000
#: A spelling found in fewer indicator cells than this share is a typo, left to validation
#: (``jawaban-tidak-dikenal``), not a question.
RARE_SHARE = 0.005
#: Distinct values shown in a column's comment.
SHOWN_VALUES = 6
#: Answer spellings that are not in the bundled forms but are common in typed files.
USUAL_ANSWERS: dict[str, str] = {
    **dict.fromkeys(["v", "√", "✔", "ada", "sudah", "iya", "punya", "memenuhi", "m"], "ya"),
    **dict.fromkeys(["x", "✗", "✘", "tidak ada", "belum", "tdk", "bukan", "tm"], "tidak"),
    **dict.fromkeys(["tidak memenuhi"], "tidak"),
    **dict.fromkeys(["t/b", "tdk berlaku"], "tidak_berlaku"),
}
_COLUMN_NUMBER = re.compile(r"^\(?\s*\d{1,3}\s*\)?$")
_KK_NUMBER = re.compile(r"^\d{16}$")


@dataclass
class Column:
    """One column of the file, as proposed."""

    position: int
    header: str
    values: list[str]
    field: str | None = None
    why: str = ""


@dataclass
class Proposal:
    """What ``phbs map`` writes (:meth:`yaml`)."""

    file: str
    form: Form
    sheet: str | None
    sheets: list[str]
    header_row: int
    columns: list[Column]
    skip_rows: list[int] = field(default_factory=list)
    #: Fields no column was found for (required ones become questions).
    missing: list[str] = field(default_factory=list)
    answers: dict[str, list[str]] = field(default_factory=dict)
    unknown_answers: list[str] = field(default_factory=list)
    rare_answers: list[str] = field(default_factory=list)
    blank_question: bool = False
    names: bool = False
    region: str | None = None

    @property
    def questions(self) -> int:
        """How many questions the mapping asks."""
        required = [f.code for f in STANDARD_FIELDS if f.required] + self.form.codes
        return (
            sum(1 for code in self.missing if code in required)
            + len(self.unknown_answers)
            + (self.sheet is None and len(self.sheets) > 1)
            + (self.names and self.region is None)
            + self.blank_question
        )

    def mapped(self) -> list[Column]:
        """The columns given a field, in file order."""
        return [c for c in self.columns if c.field is not None]


def propose(path: str | Path, form: Form, sheet: str | None = None) -> Proposal:
    """Look at ``path`` and propose how to read it with ``form``.

    >>> from phbs.forms.loading import load_form
    >>> from phbs.resources import data_path
    >>> found = propose(data_path("contoh", "survei-puskesmas-batulicin.csv"),
    ...                 load_form("kemenkes-rt-10").form)
    >>> found.header_row, found.questions, found.mapped()[0].field
    (1, 0, 'id_rumah_tangga')
    """
    first = open_table(path, sheet=sheet)
    sheets = list(first.sheets)
    first.close()
    if sheet is None and len(sheets) == 1:
        sheet = sheets[0]
    elif sheet is None and len(sheets) > 1:
        scored = sorted(((_best_header(path, n, form)[0], n) for n in sheets), reverse=True)
        if scored[0][0] > scored[1][0]:
            sheet = scored[0][1]  # the one sheet that looks most like the survey
    looked_at = sheet if sheet is not None else (sheets[0] if sheets else None)
    _, header_row = _best_header(path, looked_at, form)
    table = open_table(path, sheet=looked_at, header_row=header_row)
    try:
        rows = [cells for _, cells in islice(table.rows, SAMPLE_ROWS)]
        row_numbers = list(range(header_row + 1, header_row + 1 + len(rows)))
        header = list(table.header)
    finally:
        table.close()
    proposal = Proposal(
        file=str(path), form=form, sheet=sheet, sheets=sheets, header_row=header_row, columns=[]
    )
    skipped = _column_number_rows(rows[:3], len(header))
    proposal.skip_rows = [row_numbers[i] for i in skipped]
    data = [cells for i, cells in enumerate(rows) if i not in skipped]
    proposal.columns = [
        Column(i, text, _distinct(data, i)) for i, text in enumerate(header) if text.strip()
    ]
    _assign(proposal, form)
    _answers(proposal, form, data)
    return proposal


def _best_header(path: str | Path, sheet: str | None, form: Form) -> tuple[int, int]:
    """The best header row of a sheet among its first rows, and its score (known headers, and
    a run of indicator numbers ``1`` … ``N``)."""
    aliases = alias_map(form)
    best = (0, 1)
    for row in range(1, TITLE_ROWS + 3):
        try:
            table = open_table(path, sheet=sheet, header_row=row)
        except PhbsError:
            break
        header = list(table.header)
        table.close()
        known = sum(1 for text in header if text.strip() and lookup_header(text, aliases))
        score = known + _number_run(header, len(form.codes))[1]
        if score > best[0]:
            best = (score, row)
    return best


def _number_run(header: list[str], count: int) -> tuple[int, int]:
    """Where ``1`` … ``count`` stand side by side in ``header`` (indicator numbers), and how
    many do: ``(start, count)``, or ``(-1, 0)``."""
    texts = [text.strip().strip("()").strip() for text in header]
    for start in range(len(texts) - count + 1):
        if all(texts[start + k] == str(k + 1) for k in range(count)):
            return start, count
    return -1, 0


def _column_number_rows(rows: list[list[str]], width: int) -> set[int]:
    """The first rows that only number the columns (``(1) (2) (3)`` …)."""
    found: set[int] = set()
    for index, cells in enumerate(rows):
        filled = [c.strip() for c in cells[:width] if c.strip()]
        if len(filled) >= 3 and all(_COLUMN_NUMBER.match(c) for c in filled):
            found.add(index)
        else:
            break
    return found


def _distinct(rows: list[list[str]], position: int) -> list[str]:
    seen: dict[str, None] = {}
    for cells in rows:
        value = cells[position].strip() if position < len(cells) else ""
        seen.setdefault(value, None)
    return list(seen)


def _assign(proposal: Proposal, form: Form) -> None:
    """Give each column its most likely field; a field claimed twice is left to a person."""
    aliases = alias_map(form)
    columns = proposal.columns
    start, run = _number_run([c.header for c in columns], len(form.codes))
    for column in columns:
        code = lookup_header(column.header, aliases)
        if code:
            column.field, column.why = code, "judul dikenal"
    if run:
        for k, code in enumerate(form.codes):
            column = columns[start + k]
            if column.field is None:
                column.field, column.why = code, f"indikator nomor {k + 1}"
    keys = list(aliases)
    for column in columns:
        if column.field is None:
            close = difflib.get_close_matches(fold_header(column.header), keys, n=1, cutoff=0.85)
            if close and aliases[close[0]]:
                column.field, column.why = aliases[close[0]], f"mirip '{close[0]}'"
    for column in columns:
        folded = fold_header(column.header)
        filled = [v for v in column.values if v]
        kk_header = re.search(r"\b(no|nomor|nomer)\s*(kk|kartu keluarga)\b", folded)
        kk_values = bool(filled) and all(_KK_NUMBER.match(v) for v in filled[:50])
        if column.field is None and (kk_header or kk_values):
            column.field, column.why = "id_rumah_tangga", "nomor KK"
    claimed: dict[str, list[Column]] = {}
    for column in columns:
        if column.field:
            claimed.setdefault(column.field, []).append(column)
    for code, holders in claimed.items():
        if len(holders) > 1:
            for column in holders:
                column.field, column.why = None, f"'{code}'? satu dari {len(holders)} kolom"
    fields = {c.field for c in columns if c.field}
    village = next((c for c in columns if c.field == "kode_desa"), None)
    named = next((c for c in columns if c.field == "nama_desa"), None)
    if village is None and named is not None:
        # Names only: they go where the code would, matched within a region.
        named.field, named.why, village = "kode_desa", "nama desa (dicocokkan ke kode)", named
        fields = (fields - {"nama_desa"}) | {"kode_desa"}
    if village is not None and holds_names(v for v in village.values if v):
        proposal.names = True
        proposal.region = likely_scope(v for v in village.values if v)
    wanted = [f.code for f in STANDARD_FIELDS] + [c.code for c in form.context] + form.codes
    proposal.missing = [code for code in wanted if code not in fields]


def _answers(proposal: Proposal, form: Form, rows: list[list[str]]) -> None:
    """Answer spellings of the indicator columns that the form does not know."""
    known = {
        fold_answer(s): state
        for state in ("ya", "tidak", "tidak_berlaku")
        for s in getattr(form.answers, state)
    }
    indicator_columns = [c for c in proposal.columns if c.field in form.codes]
    seen: dict[str, int] = {}
    blanks = False
    for column in indicator_columns:
        for cells in rows:
            value = cells[column.position] if column.position < len(cells) else ""
            folded = fold_answer(value)
            if folded:
                seen[folded] = seen.get(folded, 0) + 1
            else:
                blanks = True
    filled = sum(seen.values())
    answers: dict[str, list[str]] = {}
    unknown: list[str] = []
    for spelling, count in seen.items():
        if spelling in known or spelling == "n":
            continue
        state = USUAL_ANSWERS.get(spelling)
        if spelling == "2" and "1" in seen and "0" not in seen:
            state = "tidak"  # 1 = ya, 2 = tidak
        if state is None and count < RARE_SHARE * filled:
            proposal.rare_answers.append(spelling)  # a typo: validation reports it
        elif state is None:
            unknown.append(spelling)
        else:
            answers.setdefault(state, []).append(spelling)
    proposal.answers = answers
    proposal.unknown_answers = unknown
    has_context = any(c.field in {x.code for x in form.context} for c in proposal.columns)
    na_marks = {s for s, state in known.items() if state == "tidak_berlaku"}
    na_marks |= set(answers.get("tidak_berlaku", []))
    may_not_apply = any(i.applies_to is not None for i in form.indicators)
    proposal.blank_question = (
        blanks and may_not_apply and not has_context and not (set(seen) & na_marks)
    )
