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
from itertools import islice
from pathlib import Path

from phbs.errors import PhbsError
from phbs.forms.model import Form, fold_answer
from phbs.ingest.columns import (
    STANDARD_FIELDS,
    alias_map,
    fold_given_header,
    fold_header,
    lookup_header,
)
from phbs.ingest.exports import detect_export
from phbs.ingest.mapping import QUESTION, FileMap
from phbs.ingest.names import kecamatan_column
from phbs.ingest.proposal import (
    EXPORT,
    GIVEN,
    KECAMATAN,
    KNOWN,
    Column,
    Proposal,
    column_number_rows,
    footer_start,
    numbering_by_village,
    village_names,
)
from phbs.ingest.propose_recap import propose_recap, recap_header_row
from phbs.ingest.propose_shape import given_questions, propose_shape
from phbs.ingest.readers import open_table
from phbs.ingest.spreadsheet import sheet_heads
from phbs.ingest.values import is_card_number
from phbs.regions import VillageCode

#: Rows looked at for the header row (a long instruction block above it included).
HEADER_SEARCH = 60
#: A sheet whose best header row scores this much (known headers, indicator numbers) looks
#: like a survey.
SURVEY_SCORE = 3
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


def propose(
    path: str | Path, form: Form, sheet: str | None = None, start: FileMap | None = None
) -> Proposal:
    """Look at ``path`` and propose how to read it with ``form``; ``start`` is a mapping
    partly answered by a person, whose answers are kept and built on (``phbs map --map``).

    >>> from phbs.forms.loading import load_form
    >>> from phbs.resources import data_path
    >>> found = propose(data_path("contoh", "survei-puskesmas-batulicin.csv"),
    ...                 load_form("kemenkes-rt-10").form)
    >>> found.header_row, found.questions, found.mapped()[0].field
    (1, 0, 'id_rumah_tangga')
    """
    heads = _sheets(path)
    sheets = [name for name, _ in heads]
    if start is not None and sheet is None and start.sheet not in (None, QUESTION):
        sheet = start.sheet
    if sheet is None and len(sheets) == 1:
        sheet = sheets[0]
    elif sheet is None and len(sheets) > 1:
        scored = [(_best_header(path, name, form), name) for name, _ in heads]
        survey_like = [name for (score, _), name in scored if score >= SURVEY_SCORE]
        if len(survey_like) == 1:
            sheet = survey_like[0]  # else a question: which one (plain score refuses too)
    looked_at = sheet if sheet is not None else (sheets[0] if sheets else None)
    _, header_row = _best_header(path, looked_at, form)
    if start is not None and start.header_row is not None:
        header_row = start.header_row
    # A village recap sheet (docs/aturan.md §6.7): its header may be the row under the best.
    recap_row = None
    if start is None or start.shape == "rekap" or start.header_row is None:
        recap_row = recap_header_row(path, looked_at, header_row, form)
        if start is not None and start.header_row is not None and recap_row != header_row:
            recap_row = header_row if start.shape == "rekap" else None
    if recap_row is not None:
        header_row = recap_row
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
    proposal.hidden = [name for name, visible in heads if not visible]
    skipped = column_number_rows(rows[:3], len(header))
    if start is not None and start.skip_rows:
        skipped = {row_numbers.index(r) for r in start.skip_rows if r in row_numbers}
    proposal.skip_rows = [row_numbers[i] for i in sorted(skipped)]
    data = [cells for i, cells in enumerate(rows) if i not in skipped]
    numbers = [n for i, n in enumerate(row_numbers) if i not in skipped]
    exported = detect_export(header).ignored
    proposal.columns = [
        Column(i, text, _distinct(data, i), why=EXPORT if i in exported else "")
        for i, text in enumerate(header)
        if text.strip()
    ]
    if recap_row is not None:
        propose_recap(proposal, form, data, numbers)
        if start is not None:
            _keep_answers(proposal, start)
            proposal.missing = [f for f in proposal.missing if f in (proposal.required or ())]
        village_names(proposal)
        return proposal
    _assign(proposal, form)
    if start is None and len(rows) < SAMPLE_ROWS:
        footer = footer_start(proposal, data)
        if footer < len(data):
            # A total row, a signature block: below the last household, not households.
            proposal.skip_rows += numbers[footer:]
            data = data[:footer]
            for column in proposal.columns:
                column.values = _distinct(data, column.position)
    at = next((c.position for c in proposal.columns if c.field == "kode_desa"), None)
    blank = [r for r in data if at is not None and not (at < len(r) and r[at].strip())]
    proposal.village_blank = len(blank) * 2 > len(data)  # a code in the first rows only?
    if start is not None:
        _keep_answers(proposal, start)
        form = start.applied_to(form)  # its answer spellings are known, not asked again
    propose_shape(proposal, form, data, USUAL_ANSWERS)
    if start is not None and start.shape == "jawaban":
        given_questions(proposal, form, data, start)
    answered = data
    if proposal.shape == "jawaban":  # the answers to indicators (an age is a number)
        at = next(c.position for c in proposal.columns if c.field == "pertanyaan")
        asked = set(proposal.indicator_questions)
        answered = [r for r in data if (r[at].strip() if at < len(r) else "") in asked]
    if start is not None and start.shape != "rumah_tangga":
        proposal.shape = start.shape
        if start.shape == "jawaban":
            proposal.missing = [code for code in proposal.missing if code not in form.codes]
    _answers(proposal, form, answered)
    proposal.id_scope = numbering_by_village(proposal, data)
    if start is not None:
        proposal.keep_choices(start)
    return proposal


def _keep_answers(proposal: Proposal, start: FileMap) -> None:
    """The columns and ignored headers a person already gave (``"?"`` left to propose)."""
    given = {fold_given_header(t): c for c, t in start.columns.items() if t != QUESTION}
    ignored = {fold_given_header(t) for t in start.ignore}
    for column in proposal.columns:
        key = fold_given_header(column.header)
        if key in given:
            # Named as proposed: the proposal's reason stays (a village column of names).
            if column.field != given[key] or not column.why:
                column.field, column.why = given[key], GIVEN
        elif key in ignored:
            column.field, column.why = None, GIVEN
        elif column.field in given.values():
            column.field, column.why = None, ""
    fields = {c.field for c in proposal.columns if c.field}
    proposal.missing = [code for code in proposal.missing if code not in fields]
    village_names(proposal)
    proposal.given_answers = {
        state: list(getattr(start.answers, state))
        for state in ("ya", "tidak", "tidak_berlaku", "kosong")
    }


def _sheets(path: str | Path) -> list[tuple[str, bool]]:
    """The sheets of a workbook with whether each is visible (none for a text file)."""
    first = open_table(path)
    names = list(first.sheets)
    first.close()
    if len(names) < 2:
        return [(name, True) for name in names]
    return [(head.name, head.visible) for head in sheet_heads(path)]


def _best_header(path: str | Path, sheet: str | None, form: Form) -> tuple[int, int]:
    """The score and number of the likeliest header row of a sheet among its first
    :data:`HEADER_SEARCH` rows: headers of known fields, plus a series of indicator numbers
    (``1`` … ``N``, ``P1`` … ``PN``, ``Indikator 1`` …); read in one pass."""
    aliases = alias_map(form)
    try:
        table = open_table(path, sheet=sheet, header_row=1)
    except PhbsError:
        return 0, 1
    try:
        candidates = [(1, list(table.header))]
        candidates += [(row, cells) for row, cells in islice(table.rows, HEADER_SEARCH - 1)]
    finally:
        table.close()
    best = (0, 1)
    for row, cells in candidates:
        known = sum(1 for text in cells if text.strip() and lookup_header(text, aliases))
        score = known + _number_run(cells, len(form.codes))[1]
        if score > best[0]:
            best = (score, row)
    return best


_SERIES = re.compile(r"^\(?\s*([a-z ]*?)\s*(\d{1,2})\s*[.)]?\s*\)?\s*(.*)$")


def _number_run(header: list[str], count: int) -> tuple[int, int]:
    """Where ``1`` … ``count`` stand side by side in ``header`` (indicator numbers, maybe
    with one prefix or suffix for all: ``P1``, ``Indikator 1``, ``1.``, ``1. x``), and how
    many do: ``(start, count)``, or ``(-1, 0)``."""
    parsed = [_SERIES.match(text.strip().casefold()) for text in header]
    for start in range(len(parsed) - count + 1):
        first = parsed[start]
        if first is None or first.group(2) != "1":
            continue
        window = parsed[start : start + count]
        if all(
            m is not None
            and m.group(1) == first.group(1)
            and m.group(3) == first.group(3)
            and m.group(2) == str(k + 1)
            for k, m in enumerate(window)
        ):
            return start, count
    return -1, 0


def _distinct(rows: list[list[str]], position: int) -> list[str]:
    seen: dict[str, None] = {}
    for cells in rows:
        value = cells[position].strip() if position < len(cells) else ""
        seen.setdefault(value, None)
    return list(seen)


def _assign(proposal: Proposal, form: Form) -> None:
    """Give each column its most likely field; a field claimed twice is left to a person."""
    aliases = alias_map(form)
    columns = [c for c in proposal.columns if not c.why]  # export system columns aside
    start, run = _number_run([c.header for c in columns], len(form.codes))
    for column in columns:
        code = lookup_header(column.header, aliases)
        if code:
            column.field, column.why = code, KNOWN
    if run:
        for k, code in enumerate(form.codes):
            column = columns[start + k]
            if column.field is None:
                column.field, column.why = code, f"number:{k + 1}"
    for column in columns:
        if column.field is None:
            column.field, column.why = _close_field(column.header, form, aliases)
    context = [c.code for c in form.context]
    for column in columns:
        folded = fold_header(column.header)
        filled = [v for v in column.values if v]
        kk_header = _KK.search(folded)
        kk_values = bool(filled) and all(is_card_number(v) for v in filled[:50])
        if column.field is None and (kk_header or kk_values):
            column.field, column.why = "id_rumah_tangga", "kk"
        codes = bool(filled) and all(VillageCode.parse(v) for v in filled[:50])
        if column.field is None and codes:
            column.field, column.why = "kode_desa", "codes"
        if column.field is None and len(context) == 1 and _AGE.search(folded):
            column.field, column.why = context[0], "age"
    claimed: dict[str, list[Column]] = {}
    for column in columns:
        if column.field:
            claimed.setdefault(column.field, []).append(column)
    for code, holders in claimed.items():
        kk = [c for c in holders if _KK.search(fold_header(c.header))]
        if code == "id_rumah_tangga" and len(holders) > 1 and len(kk) == 1:
            # A family-card column beside a row number (id) or a member's NIK: the KK.
            for column in holders:
                if column is not kk[0]:
                    column.field, column.why = None, ""
            continue
        if len(holders) > 1:
            for column in holders:
                column.field, column.why = None, f"claimed:{code}:{len(holders)}"
    at = kecamatan_column([c.header for c in columns])
    if at is not None and columns[at].field is None:
        columns[at].why = KECAMATAN  # read beside village names, not a field of the form
    for column in columns:
        if context and column.field == context[0]:
            years = re.search(r"\b(th|thn|tahun|tahunan)\b", fold_header(column.header))
            small = [v for v in column.values if v.strip().isdigit()]
            if years or (len(small) >= 10 and max(int(v) for v in small) <= 5):
                column.field, column.why = None, "years"
    fields = {c.field for c in columns if c.field}
    village = next((c for c in columns if c.field == "kode_desa"), None)
    named = next((c for c in columns if c.field == "nama_desa"), None)
    if village is None and named is not None:
        # Names only: they go where the code would, matched within a region.
        named.field, named.why, village = "kode_desa", "names", named
        fields = (fields - {"nama_desa"}) | {"kode_desa"}
    village_names(proposal)
    wanted = [f.code for f in STANDARD_FIELDS] + context + form.codes
    proposal.missing = [code for code in wanted if code not in fields]


_KK = re.compile(r"\b(no|nomor|nomer)\s*(kk|kartu keluarga)\b")
_AGE = re.compile(r"\b(umur|usia)\b.*\b(anak|balita|bayi)\b")


def _close_field(header: str, form: Form, aliases: dict[str, str]) -> tuple[str | None, str]:
    """A field whose spelling is close to ``header`` (a typo), or whose question it repeats
    (an export with question labels as headers)."""
    folded = fold_header(header.rsplit("/", 1)[-1])
    close = difflib.get_close_matches(folded, list(aliases), n=1, cutoff=0.85)
    if close and aliases[close[0]]:
        return aliases[close[0]], f"close:{close[0]}"
    questions = {fold_header(i.question): i.code for i in form.indicators if i.question}
    close = difflib.get_close_matches(folded, list(questions), n=1, cutoff=0.75)
    if close:
        return questions[close[0]], "question"
    return None, ""


def _answers(proposal: Proposal, form: Form, rows: list[list[str]]) -> None:
    """Answer spellings of the indicator columns that the form does not know."""
    known = {
        fold_answer(s): state
        for state in ("ya", "tidak", "tidak_berlaku", "kosong")
        for s in getattr(form.answers, state)
    }
    indicator_columns = [c for c in proposal.columns if c.field in (*form.codes, "jawaban")]
    cells_of: dict[str, dict[str, int]] = {}
    blanks = False
    for column in indicator_columns:
        for cells in rows:
            value = cells[column.position] if column.position < len(cells) else ""
            folded = fold_answer(value)
            if folded and known.get(folded) != "kosong":
                where = cells_of.setdefault(folded, {})
                where[column.header] = where.get(column.header, 0) + 1
            else:
                blanks = True
    seen = {spelling: sum(where.values()) for spelling, where in cells_of.items()}
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
            proposal.rare_count += 1  # a typo: validation reports it
        elif state is None:
            unknown.append(spelling)
        else:
            answers.setdefault(state, []).append(spelling)
    proposal.answers = answers
    proposal.unknown_answers = unknown
    proposal.answer_cells = cells_of
    states = {known.get(s) or USUAL_ANSWERS.get(s) for s in seen} | set(answers)
    # Ticks and nothing else: a blank is probably "not done", but that is for a person to say.
    proposal.check_marks = blanks and "tidak" not in states and not unknown
    has_context = any(c.field in {x.code for x in form.context} for c in proposal.columns)
    na_marks = {s for s, state in known.items() if state == "tidak_berlaku"}
    na_marks |= set(answers.get("tidak_berlaku", []))
    may_not_apply = any(i.applies_to is not None for i in form.indicators)
    proposal.blank_question = proposal.check_marks or (
        blanks and may_not_apply and not has_context and not (set(seen) & na_marks)
    )
