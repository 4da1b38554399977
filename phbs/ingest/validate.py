"""Validation: raw rows in, typed households and issue records out. Nothing is lost.

Every data row read ends in exactly one place: scored (a household in
:attr:`Survey.households`) or set aside (:attr:`Survey.set_aside`, with its reasons and its
cells unchanged). A row whose identity is broken — no id, no or malformed village code,
duplicate id — is set aside whole; a bad cell is treated as missing and the row is kept
(DOMAIN.md §4). Applicability of each indicator is resolved here (DOMAIN.md §1), so scoring
sees one state per cell: Ya, Tidak, not applicable or missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from phbs.forms import Form, LoadedForm, fold_answer, load_form
from phbs.ingest.columns import STANDARD_FIELDS, ColumnMap, match_columns
from phbs.ingest.exports import Dialect, ExportLayout, detect_export, instance_key, skip_hxl_row
from phbs.ingest.readers import RawTable, open_table
from phbs.ingest.survey import HouseholdTable, IdScope, SetAsideRow, SourceFile, Survey
from phbs.ingest.values import parse_date, parse_whole_number
from phbs.issues import CATALOGUE, Issue, make_issue
from phbs.regions import REGION_TABLE_EDITION, VillageCode, normalise_name, region_table
from phbs.states import MISSING, NA, NO, YES

_Getter = Callable[[str], str]

# The survey models are re-exported: callers may import them from here or from .survey.
__all__ = ["HouseholdTable", "IdScope", "SetAsideRow", "SourceFile", "Survey", "read_survey"]


def read_survey(
    paths: Sequence[str | Path],
    form: str | Path | LoadedForm = "kemenkes-rt-10",
    *,
    sheet: str | None = None,
    id_scope: IdScope | str = IdScope.SURVEI,
) -> Survey:
    """Read and validate survey files (one per Puskesmas is fine) into one :class:`Survey`.

    >>> from phbs.resources import data_path
    >>> files = sorted(data_path("contoh").glob("survei-*.csv"))
    >>> survey = read_survey(files)
    >>> survey.rows_read == survey.rows_scored + survey.rows_set_aside
    True

    Raises :class:`~phbs.errors.InputFileError` for a file that cannot be read at all and
    :class:`~phbs.errors.FormError` for a bad form; problems *in* the data become issues.
    """
    loaded = form if isinstance(form, LoadedForm) else load_form(form)
    validator = _Validator(loaded.form, IdScope(id_scope))
    files = [
        validator.read(open_table(path, sheet=sheet), index) for index, path in enumerate(paths)
    ]
    return Survey(
        form=loaded,
        files=files,
        households=validator.households,
        set_aside=validator.set_aside,
        issues=validator.issues,
        id_scope=IdScope(id_scope),
    )


@dataclass
class _Village:
    dotted: str
    name: str | None


class _Validator:
    """Holds what must be remembered across rows and files: ids seen, caches, outputs."""

    def __init__(self, form: Form, id_scope: IdScope) -> None:
        self.form = form
        self.id_scope = id_scope
        self.households = HouseholdTable(indicator_codes=form.codes)
        for ctx in form.context:
            self.households.context[ctx.code] = []
        self.set_aside: list[SetAsideRow] = []
        self.issues: list[Issue] = []
        self.seen: dict[tuple[str, str], tuple[str, int, int]] = {}
        self.submissions: dict[str, tuple[str, int]] = {}
        self.villages: dict[str, _Village | None] = {}
        self.answers: dict[str, int] = {}
        for spellings, state in (
            (form.answers.ya, YES),
            (form.answers.tidak, NO),
            (form.answers.tidak_berlaku, NA),
        ):
            for spelling in spellings:
                self.answers[fold_answer(spelling)] = state
        self.regions = region_table()
        self.indicator_codes = frozenset(form.codes)
        self.context_codes = frozenset(c.code for c in form.context)
        self.not_applicable = frozenset(fold_answer(a) for a in form.answers.tidak_berlaku)
        self.fingerprint_fields = (
            *(f.code for f in STANDARD_FIELDS),
            *(c.code for c in form.context),
            *form.codes,
        )

    # --- one file

    def read(self, table: RawTable, file_index: int) -> SourceFile:
        layout = detect_export(table.header)
        columns = match_columns(
            table.header,
            self.form,
            file=table.name,
            header_row=table.header_row,
            ignore=layout.ignored,
        )
        rows = table.rows
        if layout.dialect is not Dialect.PLAIN:
            columns = self._export_columns(table, layout, columns)
            rows = skip_hxl_row(rows)
        self.issues.extend(columns.issues)
        identity_ok = columns.has("id_rumah_tangga") and columns.has("kode_desa")
        # Why every row is set aside when an identity column is unusable: missing or ambiguous.
        identity_reasons = sorted(
            {
                i.code
                for i in columns.issues
                if i.column in ("id_rumah_tangga", "kode_desa")
                and i.code in ("kolom-wajib-tidak-ada", "kolom-ambigu")
            }
        )
        read = scored = aside = 0
        width = len(table.header)
        for row_number, raw_cells in rows:
            read += 1
            cells = raw_cells[:width] + [""] * (width - len(raw_cells))
            if not identity_ok:
                self._set_aside(table, row_number, raw_cells, [], identity_reasons)
                aside += 1
            elif self._repeated_submission(table, layout, row_number, raw_cells, cells):
                aside += 1
            elif self._row(table, columns, file_index, row_number, raw_cells, cells):
                scored += 1
            else:
                aside += 1
        for row_number in table.mixed_encoding_rows:
            self.issues.append(make_issue("encoding-campuran", file=table.name, row=row_number))
        return SourceFile(
            name=table.name,
            path=str(table.path),
            sha256=table.sha256,
            format=table.format,
            encoding=table.encoding,
            delimiter=table.delimiter,
            sheet=table.sheet,
            rows_read=read,
            rows_scored=scored,
            rows_set_aside=aside,
        )

    def _export_columns(
        self, table: RawTable, layout: ExportLayout, columns: ColumnMap
    ) -> ColumnMap:
        """Note the dialect once; without a household id column, use the submission id."""
        issues = list(columns.issues)
        index = dict(columns.index)
        note = note_en = ""
        if "id_rumah_tangga" not in index and layout.instance_column is not None:
            index["id_rumah_tangga"] = layout.instance_column
            source = table.header[layout.instance_column]
            issues = [
                i
                for i in issues
                if not (i.code == "kolom-wajib-tidak-ada" and i.column == "id_rumah_tangga")
            ]
            note = f"; ID rumah tangga diambil dari '{source}'"
            note_en = f"; household id taken from '{source}'"
        issues.insert(
            0,
            make_issue(
                "ekspor-dikenali",
                file=table.name,
                row=table.header_row,
                source=layout.label,
                count=len(layout.ignored),
                note=note,
                note_en=note_en,
            ),
        )
        return ColumnMap(index=index, issues=issues)

    def _repeated_submission(
        self,
        table: RawTable,
        layout: ExportLayout,
        row_number: int,
        raw_cells: list[str],
        cells: list[str],
    ) -> bool:
        """Set aside a submission already read (same instance id); DOMAIN.md §6."""
        if layout.instance_column is None:
            return False
        key = instance_key(cells[layout.instance_column])
        if not key:
            return False
        first = self.submissions.get(key)
        if first is None:
            self.submissions[key] = (table.name, row_number)
            return False
        issue = make_issue(
            "kiriman-ganda",
            file=table.name,
            row=row_number,
            column=table.header[layout.instance_column],
            value=key,
            source=layout.label,
            first_file=first[0],
            first_row=first[1],
        )
        self._set_aside(table, row_number, raw_cells, [issue])
        return True

    # --- one row

    def _row(
        self,
        table: RawTable,
        columns: ColumnMap,
        file_index: int,
        row_number: int,
        raw_cells: list[str],
        cells: list[str],
    ) -> bool:
        """Validate one row; return whether it was kept for scoring."""
        file = table.name
        if not any(c.strip() for c in raw_cells):
            issue = make_issue("baris-kosong", file=file, row=row_number)
            self._set_aside(table, row_number, raw_cells, [issue])
            return False
        index = columns.index

        def get(code: str) -> str:
            position = index.get(code)
            return cells[position].strip() if position is not None else ""

        if len(raw_cells) > len(table.header):
            extra = sum(1 for c in raw_cells[len(table.header) :] if c.strip())
            if extra:
                self.issues.append(
                    make_issue("sel-berlebih", file=file, row=row_number, count=extra)
                )

        problems: list[Issue] = []
        household_id = get("id_rumah_tangga")
        raw_code = get("kode_desa")
        if not household_id:
            problems.append(
                make_issue("id-kosong", file=file, row=row_number, column="id_rumah_tangga")
            )
        village = None
        if not raw_code:
            problems.append(
                make_issue("kode-desa-kosong", file=file, row=row_number, column="kode_desa")
            )
        else:
            village = self._village(raw_code)
            if village is None:
                problems.append(
                    make_issue(
                        "kode-desa-salah",
                        file=file,
                        row=row_number,
                        column="kode_desa",
                        value=raw_code,
                    )
                )
        if problems or village is None:
            self._set_aside(table, row_number, raw_cells, problems)
            return False

        key = (village.dotted if self.id_scope is IdScope.DESA else "", household_id)
        fingerprint = self._fingerprint(get)
        first = self.seen.get(key)
        if first is not None:
            first_file, first_row, first_fingerprint = first
            if first_fingerprint == fingerprint:
                issue = make_issue(
                    "baris-ganda",
                    file=file,
                    row=row_number,
                    column="id_rumah_tangga",
                    value=household_id,
                    first_file=first_file,
                    first_row=first_row,
                )
            else:
                hint = hint_en = ""
                if self.id_scope is IdScope.SURVEI:
                    hint = " (bila nomor rumah tangga diulang per desa, pakai --id-per-desa)"
                    hint_en = " (if household numbers restart in each village, use --id-per-desa)"
                issue = make_issue(
                    "id-ganda",
                    file=file,
                    row=row_number,
                    column="id_rumah_tangga",
                    value=household_id,
                    first_file=first_file,
                    first_row=first_row,
                    hint=hint,
                    hint_en=hint_en,
                )
            self._set_aside(table, row_number, raw_cells, [issue])
            return False
        self.seen[key] = (file, row_number, fingerprint)

        # The row is kept from here on: cell problems become issues and missing values.
        file_name = get("nama_desa")
        if village.name is None:
            self.issues.append(
                make_issue(
                    "kode-desa-tidak-dikenal",
                    file=file,
                    row=row_number,
                    column="kode_desa",
                    value=village.dotted,
                    edition=REGION_TABLE_EDITION,
                )
            )
        elif file_name and normalise_name(file_name) != normalise_name(village.name):
            self.issues.append(
                make_issue(
                    "nama-desa-berbeda",
                    file=file,
                    row=row_number,
                    column="nama_desa",
                    value=file_name,
                    expected=village.name,
                    kode=village.dotted,
                )
            )
        households = self.households
        households.ids.append(household_id)
        households.kode_desa.append(village.dotted)
        households.nama_desa.append(village.name or file_name)
        households.dusun.append(get("dusun"))
        households.rw.append(get("rw"))
        households.rt.append(get("rt"))
        households.petugas.append(get("petugas"))
        households.nama_kepala_rt.append(get("nama_kepala_rt"))
        households.tanggal_survei.append(self._date(get("tanggal_survei"), file, row_number))
        context = self._context(columns, get, file, row_number)
        states = self._answers(columns, get, context, file, row_number)
        households._state_rows.append(bytes(s & 0xFF for s in states))
        households.file_index.append(file_index)
        households.row_number.append(row_number)
        return True

    def _fingerprint(self, get: _Getter) -> int:
        """What makes two rows with one id "the same household typed twice".

        Values are compared as read, not as typed: an answer by its meaning (``Ya`` = ``1``),
        the village code dotted, a date as ISO, a number as a number, other text without case
        or extra spaces; an absent column counts as blank, so files with different optional
        columns can still hold identical rows.
        """
        parts: list[str] = []
        for code in self.fingerprint_fields:
            text = get(code)
            folded = fold_answer(text)
            if code in self.indicator_codes:
                state = self.answers.get(folded)
                parts.append(f"\x00{state}" if state is not None else folded)
            elif code == "kode_desa":
                parsed = VillageCode.parse(text)
                parts.append(parsed.dotted if parsed is not None else folded)
            elif code == "tanggal_survei":
                date = parse_date(text)
                parts.append(date.isoformat() if date is not None else folded)
            elif code in self.context_codes:
                number = parse_whole_number(text)
                parts.append(str(number) if number is not None else folded)
            else:
                parts.append(folded)
        return hash(tuple(parts))

    def _village(self, raw_code: str) -> _Village | None:
        if raw_code not in self.villages:
            code = VillageCode.parse(raw_code)
            self.villages[raw_code] = (
                None if code is None else _Village(code.dotted, self.regions.name(code.dotted))
            )
        return self.villages[raw_code]

    def _date(self, text: str, file: str, row_number: int) -> str:
        if not text:
            return ""
        parsed = parse_date(text)
        if parsed is None:
            self.issues.append(
                make_issue(
                    "tanggal-salah", file=file, row=row_number, column="tanggal_survei", value=text
                )
            )
            return ""
        return parsed.isoformat()

    def _context(
        self, columns: ColumnMap, get: _Getter, file: str, row_number: int
    ) -> dict[str, int | _Unknown | None]:
        """Context values for this row: a number, None (blank meaning), or unknown."""
        values: dict[str, int | _Unknown | None] = {}
        for ctx in self.form.context:
            if not columns.has(ctx.code):
                self.households.context[ctx.code].append(None)
                continue
            text = get(ctx.code)
            value: int | _Unknown | None
            # A '-' in the age column is the surveyor's "none", like a blank (no child).
            if not text or fold_answer(text) in self.not_applicable:
                value = None
            else:
                number = parse_whole_number(text)
                if number is None or number < ctx.minimum:
                    self.issues.append(
                        make_issue(
                            "nilai-konteks-salah",
                            file=file,
                            row=row_number,
                            column=ctx.code,
                            value=text,
                            minimum=ctx.minimum,
                            maximum=ctx.maximum,
                        )
                    )
                    value = UNKNOWN
                elif number > ctx.maximum:
                    self.issues.append(
                        make_issue(
                            "nilai-konteks-di-luar",
                            file=file,
                            row=row_number,
                            column=ctx.code,
                            value=text,
                            minimum=ctx.minimum,
                            maximum=ctx.maximum,
                            meaning=ctx.blank_meaning,
                            meaning_en=ctx.blank_meaning_en,
                        )
                    )
                    value = None
                else:
                    value = number
            values[ctx.code] = value
            self.households.context[ctx.code].append(value if isinstance(value, int) else None)
        return values

    def _answers(
        self,
        columns: ColumnMap,
        get: _Getter,
        context: dict[str, int | _Unknown | None],
        file: str,
        row_number: int,
    ) -> list[int]:
        """Resolve each indicator cell to YES, NO, NA or MISSING (DOMAIN.md §1)."""
        states: list[int] = []
        for indicator in self.form.indicators:
            code = indicator.code
            if not columns.has(code):
                states.append(MISSING)
                continue
            text = get(code)
            answer = self.answers.get(fold_answer(text)) if text else None
            if text and answer is None:
                self.issues.append(
                    make_issue(
                        "jawaban-tidak-dikenal", file=file, row=row_number, column=code, value=text
                    )
                )
            rule = indicator.applies_to
            decided_by = rule.context if rule.context in context else None
            ctx_value = context.get(decided_by) if decided_by is not None else None
            if decided_by is not None and not isinstance(ctx_value, _Unknown):
                applies = ctx_value is not None and rule.applies(ctx_value)
                shown = ctx_value if ctx_value is not None else "(kosong)"
                shown_en = ctx_value if ctx_value is not None else "(blank)"
                where, where_en = f"{decided_by} = {shown}", f"{decided_by} = {shown_en}"
                if not applies:
                    if answer in (YES, NO):
                        self.issues.append(
                            make_issue(
                                "jawaban-tidak-berlaku",
                                file=file,
                                row=row_number,
                                column=code,
                                value=text,
                                context=where,
                                context_en=where_en,
                            )
                        )
                    states.append(NA)
                    continue
                if answer == NA:
                    self.issues.append(
                        make_issue(
                            "tidak-berlaku-padahal-berlaku",
                            file=file,
                            row=row_number,
                            column=code,
                            value=text,
                            context=where,
                            context_en=where_en,
                        )
                    )
                    states.append(MISSING)
                    continue
            elif answer == NA:
                if indicator.na_mark_allowed:
                    states.append(NA)
                else:
                    self.issues.append(
                        make_issue(
                            "tidak-berlaku-tidak-boleh",
                            file=file,
                            row=row_number,
                            column=code,
                            value=text,
                        )
                    )
                    states.append(MISSING)
                continue
            if answer in (YES, NO):
                states.append(answer)
                continue
            if not text:
                self.issues.append(
                    make_issue("jawaban-kosong", file=file, row=row_number, column=code)
                )
            states.append(MISSING)
        return states

    def _set_aside(
        self,
        table: RawTable,
        row_number: int,
        raw_cells: list[str],
        problems: Iterable[Issue],
        codes: Sequence[str] = (),
    ) -> None:
        problems = list(problems)
        self.issues.extend(problems)
        self.set_aside.append(
            SetAsideRow(
                file=table.name,
                row=row_number,
                header=tuple(table.header),
                cells=tuple(raw_cells),
                reasons=tuple(codes) + tuple(p.code for p in problems),
                messages_id=tuple(CATALOGUE[c].title_id for c in codes)
                + tuple(p.message_id for p in problems),
                messages_en=tuple(CATALOGUE[c].title_en for c in codes)
                + tuple(p.message_en for p in problems),
            )
        )


class _Unknown:
    """A context value that could not be read: applicability falls back to '-' marks."""


UNKNOWN = _Unknown()
