"""Files with one row per family member or one row per answer, read as households
(docs/aturan.md §6.6).

A mapping with ``shape: anggota`` says the file has one row per family member, the household
named by its id (the family card number, *No. KK*) on every row; ``shape: jawaban`` says it
has one row per answer (household, question, answer), as app databases store them. Both are
turned here into one row per household before validation, so every rule after this point is
the one for households.

Rows are grouped by the household id and the village cells; each answer cell is read with the
form's spellings, the file's bare ``N`` and blank meaning; the household's answer follows the
form's ``from_members`` rule (members) or the one answer given (answers); the youngest child's
age is the smallest member age under the form's maximum (``columns: umur_anggota_bulan``). The
household's cell is written in the form's own spelling (``ya``, ``tidak``, ``-``) or left blank
(missing) when it cannot be told.

The rows of a household are folded in memory (a member file is a Puskesmas' survey: tens of
thousands of rows). Every row read is either in exactly one household handed on or set aside
here, and :class:`ShapeNote` counts both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from phbs.errors import MapError
from phbs.forms.model import Form
from phbs.ingest import limits
from phbs.ingest.columns import (
    STANDARD_FIELDS,
    alias_map,
    fold_given_header,
    fold_header,
    lookup_header,
)
from phbs.ingest.mapping import MEMBER_AGE_OF, FileMap
from phbs.ingest.raw_table import RawTable
from phbs.ingest.settings import ReadSettings
from phbs.ingest.shape_cells import NA, NO, CellReader, bare_n, fold_all, fold_one, youngest
from phbs.ingest.values import card_digits, is_scientific
from phbs.issues import Issue, make_issue

#: The household fields of a row that say which household it is.
_KEY_FIELDS = ("id_rumah_tangga", "kode_desa", "nama_desa")
_SHOWN_ROWS = 6
#: A header that counts years (``Umur (Thn)``), not months.
_YEARS = re.compile(r"\b(th|thn|tahun|tahunan|years?)\b")


@dataclass(frozen=True)
class ShapeNote:
    """How a member or answer file became households: rows read, households handed on, rows
    set aside before that, and what a bare ``N`` and a blank answer cell were read as."""

    shape: str
    source_rows: int
    households: int
    set_aside: int
    bare_n: str
    blank: str
    #: Rows handed on alone (no id, or skipped by the mapping), to be set aside.
    alone: int = 0


@dataclass
class Reshaped:
    """The file as one row per household, the rows set aside on the way, and the issues."""

    table: RawTable
    aside: list[tuple[int, list[str], Issue]]
    issues: list[Issue]
    note: ShapeNote
    #: The original header, for the rows set aside (the table's header may be another).
    header: list[str] = field(default_factory=list)
    #: Folds the same file again, opened anew (to look at its rows a second time).
    again: Callable[[RawTable], RawTable] | None = None


@dataclass
class _Household:
    rows: list[int]
    cells: list[list[str]]
    #: A row without an id, or skipped by the mapping: handed on as it is, to be set aside.
    alone: bool = False


def _rows_text(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:_SHOWN_ROWS])
    return shown + (f" … ({len(rows)})" if len(rows) > _SHOWN_ROWS else "")


class _Folder:
    """Folds the rows of one file into households."""

    def __init__(self, table: RawTable, form: Form, peta: FileMap) -> None:
        self.table, self.form, self.peta = table, form, peta
        self.width = len(table.header)
        aliases = alias_map(form)
        known = {f.code for f in STANDARD_FIELDS} | {c.code for c in form.context}
        known |= set(form.codes)
        self.fields: dict[int, str] = {}
        for position, title in enumerate(table.header):
            code = lookup_header(title, aliases)
            if code in known and code not in self.fields.values():
                self.fields[position] = code
        self.position = {code: p for p, code in self.fields.items()}
        self.issues: list[Issue] = []
        self.aside: list[tuple[int, list[str], Issue]] = []
        self.alone = 0  # rows handed on alone

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        limit = limits.current().held_rows
        for count, (number, cells) in enumerate(self.table.rows, 1):
            if count > limit:
                raise limits.too_many_held(self.table.name)
            yield number, (cells + [""] * (self.width - len(cells)))[: self.width]

    def key(self, cells: list[str], key_at: list[int]) -> tuple[str, ...]:
        # A KK number grouped by spaces or marked as text is the same number (§1.2).
        return tuple(card_digits(" ".join(cells[p].split()).casefold()) for p in key_at)

    def group(
        self, rows: Iterator[tuple[int, list[str]]], key_at: list[int], id_at: int | None
    ) -> list[_Household]:
        """Rows grouped by household, in the order of each household's first row; a row
        without an id or skipped by the mapping stands alone."""
        skip = frozenset(self.peta.skip_rows)
        groups: dict[tuple[str, ...], _Household] = {}
        for number, cells in rows:
            if (
                number in skip
                or id_at is None
                or not cells[id_at].strip()
                or is_scientific(cells[id_at])
            ):
                self.alone += 1
                groups[("", str(self.alone))] = _Household([number], [cells], alone=True)
                continue
            found = groups.setdefault(self.key(cells, key_at), _Household([], []))
            found.rows.append(number)
            found.cells.append(cells)
        return sorted(groups.values(), key=lambda h: h.rows[0])

    def first_given(self, household: _Household, position: int, column: str) -> str:
        """A household field: the first value given; a different one later is reported."""
        values = [c[position] for c in household.cells if c[position].strip()]
        if not values:
            return ""
        if column and len({" ".join(v.split()).casefold() for v in values}) > 1:
            self.issues.append(
                make_issue(
                    "anggota-isian-berbeda",
                    file=self.table.name,
                    row=household.rows[0],
                    column=column,
                    rows=_rows_text(household.rows),
                )
            )
        return values[0]

    def conflict(self, rows: list[int], column: str, code: str) -> None:
        self.issues.append(
            make_issue(
                code, file=self.table.name, row=rows[0], column=column, rows=_rows_text(rows)
            )
        )


def fold_members(table: RawTable, form: Form, settings: ReadSettings, peta: FileMap) -> Reshaped:
    """A file with one row per family member as one row per household (module docstring)."""
    folder = _Folder(table, form, peta)
    rows = list(folder.rows())
    indicator_at = [(folder.position[c], c) for c in form.codes if c in folder.position]
    cells_of = (cells[p] for _, cells in rows for p, _ in indicator_at)
    reader = CellReader(form, settings, bare_n(cells_of, form, settings))
    rules = {i.code: i.from_members for i in form.indicators}
    key_at = [folder.position[c] for c in _KEY_FIELDS if c in folder.position]
    age_at = folder.position.get(MEMBER_AGE_OF) if "umur_anggota_bulan" in peta.columns else None
    if age_at is not None and _YEARS.search(fold_header(table.header[age_at])):
        header = table.header[age_at]
        raise MapError(
            f"columns: umur_anggota_bulan: kolom '{header}' berisi umur dalam tahun; umur "
            "anak termuda dihitung dalam bulan (ASI eksklusif: 0–6 bulan). Ubah kolomnya ke "
            "bulan di berkas, atau hapus baris ini dari peta (tanda '-' lalu menentukan).",
            f"columns: umur_anggota_bulan: column '{header}' holds ages in years; the youngest "
            "child's age is counted in months (exclusive breastfeeding: 0–6 months). Turn the "
            "column into months in the file, or delete this line from the mapping (the '-' "
            "marks then decide).",
        )
    context = {c.code: c for c in form.context}
    households = folder.group(iter(rows), key_at, folder.position.get("id_rumah_tangga"))
    out: list[tuple[int, list[str]]] = []
    for household in households:
        if household.alone:
            out.append((household.rows[0], household.cells[0]))
            continue
        if len(household.rows) == 1:
            cells = list(household.cells[0])
            for position, _ in indicator_at:
                state = reader.state(cells[position])
                cells[position] = reader.written_as(state, [cells[position]])
            if age_at is not None:
                age = context[MEMBER_AGE_OF]
                cells[age_at] = youngest([cells[age_at]], age.minimum, age.maximum)
            out.append((household.rows[0], cells))
            continue
        cells = list(household.cells[0])
        for position, code in folder.fields.items():
            if position in key_at or code in rules:
                continue
            if position == age_at:
                age = context[MEMBER_AGE_OF]
                members = [c[position] for c in household.cells]
                cells[position] = youngest(members, age.minimum, age.maximum)
            else:
                cells[position] = folder.first_given(household, position, table.header[position])
        for position, code in indicator_at:
            texts = [c[position] for c in household.cells]
            states = [reader.state(t) for t in texts]
            if rules[code] == "all_members":
                state = fold_all(states)
            else:
                state, contradicted = fold_one(states)
                if contradicted:
                    folder.conflict(
                        household.rows, table.header[position], "anggota-jawaban-berbeda"
                    )
            cells[position] = reader.written_as(state, texts)
        out.append((household.rows[0], cells))
    return _reshaped("anggota", table, table.header, out, folder, reader, len(rows))


def pivot_answers(table: RawTable, form: Form, settings: ReadSettings, peta: FileMap) -> Reshaped:
    """A file with one row per answer (household, question, answer) as one row per household
    (module docstring)."""
    folder = _Folder(table, form, peta)
    given = {fold_given_header(t): p for p, t in enumerate(table.header)}
    question_at = given.get(fold_given_header(peta.columns["pertanyaan"]))
    answer_at = given.get(fold_given_header(peta.columns["jawaban"]))
    if question_at is None or answer_at is None:
        return _reshaped("jawaban", table, table.header, [], folder, None, 0)
    kept = [
        p
        for p, code in folder.fields.items()
        if code in {f.code for f in STANDARD_FIELDS} | {c.code for c in form.context}
        and p not in (question_at, answer_at)
    ]
    kept_codes = {folder.fields[p] for p in kept}
    asked = [c for c in (*(c.code for c in form.context), *form.codes) if c not in kept_codes]
    aliases = alias_map(form)
    # The questions as the mapping words them, then the form's names and aliases (§6.4).
    worded = {
        fold_given_header(t): c for c, texts in peta.questions.items() for t in texts if c != "?"
    }
    ignored = {fold_given_header(t) for t in peta.ignore_questions}
    codes: dict[str, str | None] = {}

    def code_of(question: str) -> str | None:
        if question not in codes:
            found = worded.get(fold_given_header(question)) or lookup_header(question, aliases)
            codes[question] = found if found in asked else None
        return codes[question]

    rows: list[tuple[int, list[str]]] = []
    read = 0
    for number, cells in folder.rows():
        read += 1
        if number not in peta.skip_rows and code_of(cells[question_at]) is None:
            skipped = fold_given_header(cells[question_at]) in ignored
            reason = make_issue(
                "pertanyaan-diabaikan" if skipped else "pertanyaan-tidak-dikenal",
                file=table.name,
                row=number,
                column=table.header[question_at],
                value=cells[question_at].strip(),
            )
            folder.aside.append((number, cells, reason))
            continue
        rows.append((number, cells))
    # A context field (the youngest child's age) is a column only when it is asked: without
    # it, the '-' marks decide applicability (§2.2), as in a file without the column.
    context = {c.code for c in form.context}
    seen = {code_of(cells[question_at]) for _, cells in rows}
    asked = [c for c in asked if c not in context or c in seen]
    header = [table.header[p] for p in kept] + asked
    cells_of = (cells[answer_at] for _, cells in rows)
    reader = CellReader(form, settings, bare_n(cells_of, form, settings))
    key_at = [folder.position[c] for c in _KEY_FIELDS if c in folder.position]
    households = folder.group(iter(rows), key_at, folder.position.get("id_rumah_tangga"))
    out: list[tuple[int, list[str]]] = []
    for household in households:
        # Answers are saved one by one: their times differ within a household, unreported.
        cells = [
            folder.first_given(
                household, p, "" if folder.fields[p] == "tanggal_survei" else table.header[p]
            )
            for p in kept
        ]
        answers: dict[str, list[str]] = {}
        rows_of: dict[str, list[int]] = {}
        for number, row in zip(household.rows, household.cells, strict=True):
            code = code_of(row[question_at])
            if code is not None:
                answers.setdefault(code, []).append(row[answer_at])
                rows_of.setdefault(code, []).append(number)
        for code in asked:
            texts = answers.get(code, [])
            if code in context:
                values = {t.strip() for t in texts if t.strip()}
                cells.append(values.pop() if len(values) == 1 else "")
                if len(values) > 1:
                    folder.conflict(rows_of[code], code, "jawaban-ganda")
                continue
            states = [reader.state(t) for t in texts]
            if len(texts) > 1 and len(set(states)) > 1:
                folder.conflict(rows_of[code], code, "jawaban-ganda")
                cells.append("")
                continue
            if len(texts) > 1:
                folder.conflict(rows_of[code], code, "jawaban-berulang")
            cells.append(reader.written_as(states[0], texts) if texts else "")
        out.append((household.rows[0], cells))
    return _reshaped("jawaban", table, header, out, folder, reader, read)


def _reshaped(
    shape: str,
    table: RawTable,
    header: list[str],
    out: list[tuple[int, list[str]]],
    folder: _Folder,
    reader: CellReader | None,
    read: int,
) -> Reshaped:
    note = ShapeNote(
        shape=shape,
        source_rows=read,
        households=len(out) - folder.alone,
        set_aside=len(folder.aside),
        alone=folder.alone,
        bare_n=reader.bare_n if reader is not None else "",
        blank={NA: "na", NO: "tidak"}.get(reader.blank, "missing") if reader else "missing",
    )
    folded = replace(table, header=header, rows=iter(out), segments=None)
    return Reshaped(folded, folder.aside, folder.issues, note, header=list(table.header))


def reshape(table: RawTable, form: Form, settings: ReadSettings, peta: FileMap) -> Reshaped | None:
    """The file as households, when its mapping gives another shape; else None."""
    fold = {"anggota": fold_members, "jawaban": pivot_answers}.get(peta.shape)
    if fold is None:
        return None

    def again(opened: RawTable) -> RawTable:
        return fold(opened, form, settings, peta).table

    reshaped = fold(table, form, settings, peta)
    reshaped.again = again
    return reshaped
