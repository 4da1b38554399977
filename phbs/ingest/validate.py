"""Validation: raw rows in, typed households and issue records out. Nothing is lost.

Every data row read ends in exactly one place: scored (a household in
:attr:`Survey.households`) or set aside (:attr:`Survey.set_aside`, with its reasons and its
cells unchanged). A row whose identity is broken — no id, no or malformed village code,
duplicate id — is set aside whole; a bad cell is treated as missing and the row is kept
(aturan.md §8.2). Applicability of each indicator is resolved here (aturan.md §2.2), so scoring
sees one state per cell: Ya, Tidak, not applicable or missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import numpy as np

from phbs.errors import InputFileError
from phbs.forms.fields import KECAMATAN_FIELD
from phbs.forms.model import Form, LoadedForm, fold_answer, load_form
from phbs.ingest.answers import (
    BARE_N,
    AnswerTable,
    SchemeChoice,
    answer_table,
    check_blanks,
    check_scheme_after,
    fixed_scheme,
    scheme_from_sample,
)
from phbs.ingest.columns import HEADER_CELLS, STANDARD_FIELDS, ColumnMap, match_columns
from phbs.ingest.exports import (
    Dialect,
    ExportLayout,
    Review,
    detect_export,
    instance_key,
    skip_hxl_row,
)
from phbs.ingest.fast import ReadGrid, VillageCodes, first_row_candidates, grid_rows, prepare
from phbs.ingest.grid import Codebook, Grid, hash_bytes
from phbs.ingest.inputs import DistinctFiles, distinct_files
from phbs.ingest.names import (
    FileNames,
    VillageNames,
    holds_names,
    kecamatan_column,
    looks_like_name,
    names_without_scope,
)
from phbs.ingest.readers import RawTable, open_table
from phbs.ingest.resolve import CellResolver, ResolvedCells
from phbs.ingest.sample import Sample, sample_rows
from phbs.ingest.seen import SeenHashes, combine_one
from phbs.ingest.settings import AnswerScheme, BlankMeaning, ReadSettings
from phbs.ingest.sheets import choose_sheet, survey_header
from phbs.ingest.survey import (
    Factor,
    FileReading,
    HouseholdBatch,
    HouseholdTable,
    IdScope,
    SetAsideRow,
    SourceFile,
    Survey,
)
from phbs.ingest.understand import (
    check_columns,
    check_context,
    check_formula_cells,
    check_not_collected,
    unnamed_columns_issue,
)
from phbs.ingest.values import implausible_date, parse_date, visible_text
from phbs.issues import CATALOGUE, Issue, make_issue
from phbs.regions import REGION_TABLE_EDITION, VillageCode, normalise_name, region_table
from phbs.threads import read_ahead

#: Rows between two calls of ``read_survey``'s ``progress``.
PROGRESS_EVERY = 20_000
# Distinct dates and village names remembered (a survey has a few hundred of each).
_VALUE_CACHE_SIZE = 65_536
#: Households handed on at most at a time from rows read one by one.
ROW_BATCH = 8_192
# Issues of a file: before its rows (columns), at its rows, after them (encoding).
_BEFORE_ROWS, _AT_ROWS, _AFTER_ROWS = 0, 1, 2

# The survey models are re-exported: callers may import them from here or from .survey.
__all__ = ["HouseholdTable", "IdScope", "SetAsideRow", "SourceFile", "Survey", "read_survey"]


def read_survey(
    paths: Sequence[str | Path] | DistinctFiles,
    form: str | Path | LoadedForm = "kemenkes-rt-10",
    *,
    sheet: str | None = None,
    id_scope: IdScope | str = IdScope.SURVEI,
    settings: ReadSettings | None = None,
    progress: Callable[[int], None] | None = None,
    sink: Callable[[HouseholdBatch], None] | None = None,
) -> Survey:
    """Read and validate survey files (one per Puskesmas is fine) into one :class:`Survey`.

    A file named twice (any spelling, a symlink, a hard link) or a copy with the same bytes
    is read once; each left out is a ``berkas-ganda`` warning (:mod:`phbs.ingest.inputs`).

    ``progress``, if given, is called with the number of data rows read so far every
    :data:`PROGRESS_EVERY` rows or so and once at the end (the CLI shows it on a terminal).

    Households are kept in :attr:`Survey.households`; with ``sink``, they are handed to it
    instead, batch by batch in input order (:class:`~phbs.ingest.survey.HouseholdBatch`),
    and the survey keeps only the rows set aside and the issues: memory then does not grow
    with the households scored (see :mod:`phbs.scoring.totals`), except 8 bytes each for the
    duplicate check.

    >>> from phbs.resources import data_path
    >>> files = sorted(data_path("contoh").glob("survei-*.csv"))
    >>> survey = read_survey(files)
    >>> survey.rows_read == survey.rows_scored + survey.rows_set_aside
    True

    Raises :class:`~phbs.errors.InputFileError` for a file that cannot be read at all and
    :class:`~phbs.errors.FormError` for a bad form; problems *in* the data become issues.
    """
    settings = settings or ReadSettings()
    loaded = form if isinstance(form, LoadedForm) else load_form(form)
    loaded = loaded.without(settings.not_collected)
    scope = IdScope(id_scope)
    table = HouseholdTable(indicator_codes=loaded.form.codes)
    for ctx in loaded.form.context:
        table.context[ctx.code] = []
    validator = _Validator(loaded.form, scope, sink or table.extend, settings)
    validator.complete_form = loaded.complete or loaded.form
    validator.progress = progress
    validator.sheet_given = sheet is not None
    files = paths if isinstance(paths, DistinctFiles) else distinct_files(paths)
    for issue in files.issues:
        validator.issues.append(issue)
        validator._order.append((-1, _BEFORE_ROWS, 0))
    for index, path in enumerate(files.paths):
        validator.read(
            open_table(
                path,
                sheet=sheet,
                header_cells=HEADER_CELLS,
                prefer=survey_header(loaded.form, str(path)),
            ),
            index,
        )
    validator.settle_suspects([Path(p) for p in files.paths])
    if progress is not None:
        progress(validator.rows_done)
    return Survey(
        form=loaded,
        files=validator.source_files(),
        households=table,
        set_aside=validator.set_aside,
        issues=validator.ordered_issues(),
        id_scope=scope,
        streamed=sink is not None,
    )


@dataclass
class _FileCounts:
    table: RawTable
    columns: ColumnMap
    answers: AnswerTable
    choice: SchemeChoice
    read: int = 0
    scored: int = 0
    aside: int = 0
    # Submissions a reviewer left open (on hold, has issues), or rejected and kept on purpose.
    on_hold: int = 0
    kept_rejected: int = 0


@dataclass
class _Suspect:
    """A row whose key hash was seen before: set aside or scored once its key is checked."""

    file_index: int
    row: int
    raw_cells: list[str]
    cells: list[str]
    key: tuple[str, str]
    key_hash: int
    fingerprint: int


def _same_file(again: RawTable, first: RawTable) -> bool:
    """Whether a file opened again is the one read (size and time, or a spreadsheet's hash)."""
    if again.source is None or first.source is None:
        return again.sha256 == first.sha256
    return (again.source.size, again.source.mtime_ns) == (first.source.size, first.source.mtime_ns)


class _RowBatch:
    """Households kept from rows read one by one, until handed on as one batch."""

    def __init__(self, form: Form) -> None:
        self.rows: list[int] = []
        self.fields: dict[str, list[str]] = {c: [] for c in _TEXT_FIELDS}
        self.context: dict[str, list[int | None]] = {c.code: [] for c in form.context}
        self.states = bytearray()
        self.width = len(form.codes)

    def __len__(self) -> int:
        return len(self.rows)

    def add(
        self,
        row: int,
        fields: dict[str, str],
        village: _Village,
        date: str,
        resolved: ResolvedCells,
    ) -> None:
        self.rows.append(row)
        for code, texts in self.fields.items():
            texts.append(fields.get(code, ""))
        self.fields["kode_desa"][-1] = village.dotted
        self.fields["nama_desa"][-1] = village.name or fields.get("nama_desa", "")
        self.fields["tanggal_survei"][-1] = date
        for numbers, number in zip(self.context.values(), resolved.context, strict=True):
            numbers.append(number)
        self.states += resolved.states

    def batch(self, file_index: int) -> HouseholdBatch:
        factors = {code: Factor.from_list(values) for code, values in self.fields.items()}
        states = np.frombuffer(bytes(self.states), dtype=np.int8).reshape(len(self.rows), -1)
        return HouseholdBatch(
            file_index=file_index,
            row_number=np.asarray(self.rows, dtype=np.int64),
            ids=factors.pop("id_rumah_tangga").tolist(),
            context=self.context,
            states=states if self.width else np.zeros((len(self.rows), 0), dtype=np.int8),
            **factors,
        )


# The text columns of a household, as HouseholdBatch names them.
_TEXT_FIELDS = tuple(f.code for f in STANDARD_FIELDS)


@dataclass
class _Village:
    dotted: str
    name: str | None
    name_key: str | None  # the name as compared (normalise_name)


class _Validator:
    """Holds what must be remembered across rows and files: keys seen, caches, outputs."""

    def __init__(
        self,
        form: Form,
        id_scope: IdScope,
        sink: Callable[[HouseholdBatch], None],
        settings: ReadSettings,
    ) -> None:
        self.form = form
        #: The form before --not-collected left indicators out.
        self.complete_form = form
        self.settings = settings
        self.id_scope = id_scope
        self.sink = sink
        self.set_aside: list[SetAsideRow] = []
        # The index of each set-aside row's file (two files may share a name).
        self._aside_files: list[int] = []
        self.issues: list[Issue] = []
        self._order: list[tuple[int, int, int]] = []
        self.seen = SeenHashes()
        self.suspects: list[_Suspect] = []
        self.submissions: dict[str, tuple[str, int]] = {}
        self.villages: dict[str, _Village | None] = {}
        self._village_codes: VillageCodes | None = None
        self.dates: dict[str, dt.date | None] = {}
        self.today = dt.date.today()
        self.name_keys: dict[str, str] = {}
        self.scope_hashes: dict[str, int] = {}
        self.answers = answer_table(form, None, settings.blank)
        #: --sheet was given: a sheet without the survey is not swapped for another.
        self.sheet_given = False
        self.regions = region_table()
        # Village names where codes are expected: matched within the scope given (a bad
        # scope is refused here, before any file is read); the files whose column holds names.
        self.names = VillageNames(settings.region_scope) if settings.region_scope else None
        self._name_files: dict[int, FileNames] = {}
        self.progress: Callable[[int], None] | None = None
        self.rows_done = 0
        self._next_progress = PROGRESS_EVERY
        self._standard_codes = tuple(f.code for f in STANDARD_FIELDS)
        self.files: list[_FileCounts] = []
        # Set for each file by read(): its standard columns and its cell resolver.
        self._file = 0
        self._standard: list[tuple[str, int]] = []
        self._resolver = CellResolver(form, ColumnMap(index={}, issues=[]), self.answers)
        self._kept = _RowBatch(form)
        self._sheet_hint = ""
        self._id_at: int | None = None

    # --- issues, in file and row order

    def _issue(self, issue: Issue, group: int = _AT_ROWS) -> None:
        self.issues.append(issue)
        self._order.append((self._file, group, issue.row or 0))

    def ordered_issues(self) -> list[Issue]:
        """Every issue, by file, then columns / rows / end of file, then row (stable)."""
        if not self.suspects:
            return self.issues
        order = sorted(range(len(self.issues)), key=self._order.__getitem__)
        return [self.issues[i] for i in order]

    # --- one file

    def read(self, table: RawTable, file_index: int) -> None:
        try:
            table, chosen, self._sheet_hint = choose_sheet(
                table, self.form, sheet_given=self.sheet_given
            )
            if chosen is not None:
                self._file = file_index
                self._issue(chosen, _BEFORE_ROWS)
            self._read(table, file_index)
        finally:
            table.close()

    def _read(self, table: RawTable, file_index: int) -> None:
        self._file = file_index
        layout = detect_export(table.header)
        columns = match_columns(
            table.header,
            self.form,
            file=table.name,
            header_row=table.header_row,
            ignore=layout.ignored,
        )
        if layout.dialect is not Dialect.PLAIN:
            columns = self._export_columns(table, layout, columns)
        village_at = [columns.index[c] for c in ("kode_desa", "nama_desa") if c in columns.index]
        sample = sample_rows(table, columns, self.form, village_at)
        columns = self._village_names(table, columns, sample)  # names where codes are expected
        check_columns(table, columns, self.form, other_sheets=self._sheet_hint)
        check_formula_cells(table, columns)
        check_not_collected(
            table, self.complete_form, sorted(self.settings.not_collected), layout.ignored, sample
        )
        check_context(table, columns, self.form, sample)
        unnamed = unnamed_columns_issue(table, sample)
        if unnamed is not None:
            self._issue(unnamed, _BEFORE_ROWS)
        if table.merged_ranges:
            shown = ", ".join(table.merged_ranges[:5]) + (
                " …" if len(table.merged_ranges) > 5 else ""
            )
            merged = make_issue(
                "sel-gabungan", file=table.name, value=shown, count=len(table.merged_ranges)
            )
            self._issue(merged, _BEFORE_ROWS)
        choice = fixed_scheme(self.form, self.settings) or scheme_from_sample(
            table, sample, self.form
        )
        answers = answer_table(self.form, choice.scheme, self.settings.blank)
        counts = _FileCounts(table, columns, answers, choice)
        self.files.append(counts)
        for issue in columns.issues:
            self._issue(issue, _BEFORE_ROWS)
        self._use_columns(columns, answers)
        # check_columns saw to the identity columns: every row can be read as a household.
        fast = not layout.row_by_row
        with closing(self._items(table, layout, columns.index if fast else None)) as items:
            for item in items:
                if isinstance(item, ReadGrid):
                    grid_rows(self, table, counts, item)
                    continue
                for row_number, raw_cells in item:
                    self.count_rows(counts)
                    self.one_row(table, counts, layout, row_number, raw_cells)
        self.flush()
        self._review_summary(table, counts, layout)
        self._names_note(table)
        check_scheme_after(table, choice, answers, self.form)
        check_blanks(table, answers, self.form, self.settings.blank)
        for row_number in table.mixed_encoding_rows:
            self._issue(
                make_issue("encoding-campuran", file=table.name, row=row_number), _AFTER_ROWS
            )
        for row_number in table.nul_rows:
            self._issue(make_issue("karakter-nul", file=table.name, row=row_number), _AFTER_ROWS)

    def _items(
        self, table: RawTable, layout: ExportLayout, fast: dict[str, int] | None
    ) -> Generator[ReadGrid | list[tuple[int, list[str]]]]:
        """The file's records: grids prepared for the column-wise path when it applies
        (``fast`` is then the column index), else lists of rows."""
        if layout.dialect is not Dialect.PLAIN or table.segments is None:
            rows = skip_hxl_row(table.rows) if layout.dialect is not Dialect.PLAIN else table.rows
            while chunk := list(islice(rows, ROW_BATCH)):
                yield chunk
            return
        segments = table.segments
        books: dict[int, Codebook] = {}

        def prepared() -> Iterator[ReadGrid | list[tuple[int, list[str]]]]:
            for item in segments:
                if not isinstance(item, Grid):
                    yield item
                elif fast is not None:
                    yield prepare(item, self.form, fast, books)
                else:
                    yield [(int(item.rows[i]), item.cells(i)) for i in range(len(item))]

        # The next segment is read, cut and factorised on a second thread while this one
        # is validated.
        yield from read_ahead(prepared())

    def fields_of(self, cells: list[str]) -> dict[str, str]:
        """A row's standard fields, stripped; the household id without the invisible
        characters (zero-width space, BOM, direction marks) that would make the same
        household two."""
        fields = {code: cells[p].strip() for code, p in self._standard}
        household_id = fields.get("id_rumah_tangga")
        if household_id and not household_id.isascii():
            fields["id_rumah_tangga"] = visible_text(household_id)
        return fields

    def _use_columns(self, columns: ColumnMap, answers: AnswerTable) -> None:
        self._standard = [
            (code, columns.index[code]) for code in self._standard_codes if code in columns.index
        ]
        self._id_at = columns.index.get("id_rumah_tangga")
        if KECAMATAN_FIELD in columns.index:  # narrows village names (_named_village)
            self._standard.append((KECAMATAN_FIELD, columns.index[KECAMATAN_FIELD]))
        self.answers = answers
        self._resolver = CellResolver(self.form, columns, answers)

    def count_rows(self, counts: _FileCounts, rows: int = 1) -> None:
        counts.read += rows
        self.rows_done += rows
        if self.progress is not None and self.rows_done >= self._next_progress:
            self.progress(self.rows_done)
            self._next_progress = (self.rows_done // PROGRESS_EVERY + 1) * PROGRESS_EVERY

    def one_row(
        self,
        table: RawTable,
        counts: _FileCounts,
        layout: ExportLayout | None,
        row_number: int,
        raw_cells: list[str],
    ) -> None:
        width = len(table.header)
        cells = raw_cells[:width] + [""] * (width - len(raw_cells))
        if layout is not None and (
            self._rejected(table, counts, layout, row_number, raw_cells, cells)
            or self._repeated_submission(table, layout, row_number, raw_cells, cells)
        ):
            counts.aside += 1
            return
        kept = self._row(table, row_number, raw_cells, cells)
        if kept is True:
            counts.scored += 1
        elif kept is False:
            counts.aside += 1

    def flush(self) -> None:
        """Hand on the households kept from rows read one by one."""
        if len(self._kept):
            self.sink(self._kept.batch(self._file))
            self._kept = _RowBatch(self.form)

    def source_files(self) -> list[SourceFile]:
        """How each file's rows ended."""
        return [
            SourceFile(
                name=c.table.name,
                path=str(c.table.path),
                sha256=c.table.sha256,
                format=c.table.format,
                encoding=c.table.encoding,
                delimiter=c.table.delimiter,
                sheet=c.table.sheet,
                rows_read=c.read,
                rows_scored=c.scored,
                rows_set_aside=c.aside,
                reading=self._reading(c),
            )
            for c in self.files
        ]

    def _reading(self, counts: _FileCounts) -> FileReading:
        """How a file was understood: its columns, a bare N, blanks."""
        header = counts.table.header
        order = [*self._standard_codes, *(c.code for c in self.form.context), *self.form.codes]
        index = counts.columns.index
        scheme = counts.choice.scheme
        return FileReading(
            header_row=counts.table.header_row,
            columns=tuple((code, header[index[code]]) for code in order if code in index),
            bare_n=(
                {None: "", AnswerScheme.YN: "tidak", AnswerScheme.YTN: "tidak_berlaku"}[scheme]
                if BARE_N in counts.answers.seen
                else ""
            ),
            bare_n_source=counts.choice.source
            if scheme is not None and BARE_N in counts.answers.seen
            else "",
            blank="na" if self.settings.blank is BlankMeaning.NA else "missing",
            not_collected=tuple(sorted(self.settings.not_collected)),
            without_context=tuple(c.code for c in self.form.context if c.code not in index),
            title_rows=tuple(counts.table.title_rows),
            null_marks=tuple(sorted(counts.answers.null_seen)),
            names_scope=(
                self.names.scope
                if self.names is not None and self.files.index(counts) in self._name_files
                else ""
            ),
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
        """Set aside a submission already read (same instance id); docs/aturan.md §10.5."""
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

    def _rejected(
        self,
        table: RawTable,
        counts: _FileCounts,
        layout: ExportLayout,
        row_number: int,
        raw_cells: list[str],
        cells: list[str],
    ) -> bool:
        """Set aside a submission a reviewer rejected (unless kept on purpose); count the
        ones left on hold. Checked before ``kiriman-ganda``: a rejected copy never claims
        its submission id, so a copy of it that is not rejected is scored, in any order."""
        review = layout.review(cells)
        if review is Review.ON_HOLD:
            counts.on_hold += 1
        if review is not Review.REJECTED or layout.review_column is None:
            return False
        if self.settings.keep_rejected:
            counts.kept_rejected += 1
            return False
        issue = make_issue(
            "kiriman-ditolak",
            file=table.name,
            row=row_number,
            column=table.header[layout.review_column],
            value=cells[layout.review_column].strip(),
            source=layout.label,
        )
        self._set_aside(table, row_number, raw_cells, [issue])
        return True

    def _review_summary(self, table: RawTable, counts: _FileCounts, layout: ExportLayout) -> None:
        """One issue per file for submissions on hold, and for rejected ones kept."""
        if layout.review_column is None:
            return
        column = table.header[layout.review_column]
        if counts.on_hold:
            issue = make_issue(
                "kiriman-ditahan",
                file=table.name,
                column=column,
                value=layout.on_hold_label,
                count=counts.on_hold,
                source=layout.label,
            )
            self._issue(issue, _AFTER_ROWS)
        if counts.kept_rejected:
            issue = make_issue(
                "kiriman-ditolak-diskor", file=table.name, column=column, count=counts.kept_rejected
            )
            self._issue(issue, _AFTER_ROWS)

    # --- village names where codes are expected (phbs.ingest.names)

    def _village_names(self, table: RawTable, columns: ColumnMap, first: Sample) -> ColumnMap:
        """A village column that holds names, as a KoBoToolbox labels export has.

        Without a village-code column, the village-name column is read as the village
        column (its cells may be codes all the same); a kecamatan column is kept to narrow
        names. Whether the column holds names is decided from the file's first rows: such a
        file is refused without a scope (:class:`~phbs.errors.SurveyError`), else its names
        are matched in :meth:`_named_village`."""
        index = dict(columns.index)
        issues = columns.issues
        ambiguous = any(i.code == "kolom-ambigu" and i.column == "kode_desa" for i in issues)
        if "kode_desa" not in index and "nama_desa" in index and not ambiguous:
            index["kode_desa"] = index.pop("nama_desa")
            issues = [
                i
                for i in issues
                if not (i.code == "kolom-wajib-tidak-ada" and i.column == "kode_desa")
            ]
        at = index.get("kode_desa")
        if at is None:
            return columns
        kecamatan = kecamatan_column(table.header)
        if kecamatan is not None and kecamatan not in index.values():
            index[KECAMATAN_FIELD] = kecamatan
        sample = list(first.village_cells.get(at, ()))
        if holds_names(sample):
            if self.names is None:
                example = next(c for c in sample if looks_like_name(c))
                raise names_without_scope(table, table.header[at], example)
            self._name_files[self._file] = FileNames(table.header[at])
            if kecamatan is not None:  # used after all: not an unknown column
                title = table.header[kecamatan]
                issues = [
                    i for i in issues if not (i.code == "kolom-tidak-dikenal" and i.value == title)
                ]
        return ColumnMap(index=index, issues=issues)

    def _named_village(self, raw: str, fields: dict[str, str]) -> tuple[_Village | None, str]:
        """The village of a name in a file of names, or the code of what is wrong."""
        names = self._name_files.get(self._file)
        if names is None or self.names is None or not looks_like_name(raw):
            return None, "kode-desa-salah"
        match = self.names.match(raw, fields.get(KECAMATAN_FIELD, ""))
        if match.code is None:
            return None, match.problem
        names.matched(raw)
        return self._village(match.code), ""

    def _identity_issue(self, code: str, file: str, row: int, fields: dict[str, str]) -> Issue:
        """The issue of a row whose id or village is missing or wrong."""
        raw = fields.get("kode_desa", "")
        if code in ("nama-desa-ambigu", "nama-desa-tidak-dikenal") and self.names is not None:
            match = self.names.match(raw, fields.get(KECAMATAN_FIELD, ""))
            params = match.params()
            return make_issue(code, file=file, row=row, column="kode_desa", value=raw, **params)
        return make_issue(
            code,
            file=file,
            row=row,
            column="id_rumah_tangga" if code == "id-kosong" else "kode_desa",
            value=raw if code == "kode-desa-salah" else "",
        )

    def _names_note(self, table: RawTable) -> None:
        """One note per file of names: how many were matched, and where."""
        names = self._name_files.get(self._file)
        if names is None or self.names is None:
            return
        issue = make_issue(
            "nama-desa-dicocokkan",
            file=table.name,
            column=names.column,
            count=names.rows,
            names=len(names.names),
            area=self.names.area(),
        )
        self._issue(issue, _AFTER_ROWS)

    # --- one row

    def identity(self, fields: dict[str, str]) -> tuple[str, _Village | None, list[str]]:
        """A row's household id and village, or the codes of what is wrong with them."""
        household_id = fields.get("id_rumah_tangga", "")
        raw_code = fields.get("kode_desa", "")
        problems: list[str] = []
        if not household_id:
            problems.append("id-kosong")
        village = None
        if not raw_code:
            problems.append("kode-desa-kosong")
        else:
            village = self._village(raw_code)
            if village is None:
                village, problem = self._named_village(raw_code, fields)
                if village is None:
                    problems.append(problem)
        return household_id, village, problems

    def key_hash(self, village: _Village, household_id: str) -> int:
        """The hash a household key is remembered by (:class:`SeenHashes`)."""
        return combine_one(hash_bytes(household_id.encode("utf-8")), self.scope_hash(village))

    def scope_hash(self, village: _Village) -> int:
        """The hash of the part of a key that is not the id: the village, or nothing."""
        scope = village.dotted if self.id_scope is IdScope.DESA else ""
        found = self.scope_hashes.get(scope)
        if found is None:
            found = self.scope_hashes[scope] = hash_bytes(scope.encode("utf-8"))
        return found

    def _row(
        self,
        table: RawTable,
        row_number: int,
        raw_cells: list[str],
        cells: list[str],
    ) -> bool | None:
        """Validate one row: kept for scoring (True), set aside (False) or held as a
        suspect duplicate until the end (None)."""
        file = table.name
        if not any(c.strip() for c in raw_cells):
            issue = make_issue("baris-kosong", file=file, row=row_number)
            self._set_aside(table, row_number, raw_cells, [issue])
            return False
        fields = self.fields_of(cells)
        raw_id = cells[self._id_at].strip() if self._id_at is not None else ""
        if raw_id != fields.get("id_rumah_tangga", raw_id):
            shown = raw_id.encode("unicode_escape").decode("ascii")
            issue = make_issue(
                "id-karakter-tersembunyi",
                file=file,
                row=row_number,
                column="id_rumah_tangga",
                value=shown,
                cleaned=fields["id_rumah_tangga"],
            )
            self._issue(issue)

        if len(raw_cells) > len(table.header):
            extra = sum(1 for c in raw_cells[len(table.header) :] if c.strip())
            if extra:
                self._issue(make_issue("sel-berlebih", file=file, row=row_number, count=extra))

        household_id, village, codes = self.identity(fields)
        if codes or village is None:
            problems = [self._identity_issue(code, file, row_number, fields) for code in codes]
            self._set_aside(table, row_number, raw_cells, problems)
            return False

        key_hash = self.key_hash(village, household_id)
        if self.seen.add_one(key_hash):
            self.suspect(row_number, raw_cells, cells, fields, village, key_hash)
            return None
        self.keep(table, row_number, cells, fields, village)
        return True

    def suspect(
        self,
        row_number: int,
        raw_cells: list[str],
        cells: list[str],
        fields: dict[str, str],
        village: _Village,
        key_hash: int,
    ) -> None:
        """Hold a row whose key hash was seen before until its key is checked."""
        scope = village.dotted if self.id_scope is IdScope.DESA else ""
        date = self._parsed_date(fields.get("tanggal_survei", ""))
        fingerprint = self._fingerprint(fields, village, date, self._resolver.resolve(cells))
        self.suspects.append(
            _Suspect(
                self._file,
                row_number,
                raw_cells,
                cells,
                (scope, fields.get("id_rumah_tangga", "")),
                key_hash,
                fingerprint,
            )
        )

    def keep(
        self,
        table: RawTable,
        row_number: int,
        cells: list[str],
        fields: dict[str, str],
        village: _Village,
    ) -> None:
        """Keep a row for scoring: cell problems become issues and missing values."""
        file = table.name
        resolved = self._resolver.resolve(cells)
        date = self._parsed_date(fields.get("tanggal_survei", ""))
        issue = self.name_issue(file, row_number, village, fields.get("nama_desa", ""))
        if issue is not None:
            self._issue(issue)
        date_text = self._date(date, fields, file, row_number)
        for spec in resolved.issues:
            self._issue(spec.issue(file, row_number))
        self._kept.add(row_number, fields, village, date_text, resolved)
        if len(self._kept) >= ROW_BATCH:
            self.flush()

    def name_issue(self, file: str, row: int, village: _Village, file_name: str) -> Issue | None:
        """A kept row's village problem: a code not in the table, or another name for it."""
        if village.name is None:
            return make_issue(
                "kode-desa-tidak-dikenal",
                file=file,
                row=row,
                column="kode_desa",
                value=village.dotted,
                edition=REGION_TABLE_EDITION,
            )
        if file_name and self._name_key(file_name) != village.name_key:
            return make_issue(
                "nama-desa-berbeda",
                file=file,
                row=row,
                column="nama_desa",
                value=file_name,
                expected=village.name,
                kode=village.dotted,
            )
        return None

    # --- suspects: a key hash seen before

    def settle_suspects(self, paths: Sequence[Path]) -> None:
        """Check each suspect's key against the row first scored under its hash.

        A real duplicate is set aside (``baris-ganda`` when the rows say the same,
        ``id-ganda`` when they differ); a hash shared by two different keys (about one
        survey in a million) is scored after all. The first rows are found by reading
        the files again, only when there are suspects.
        """
        if not self.suspects:
            return
        firsts = self._first_rows(paths)
        self._file = -1
        known: dict[tuple[str, str], tuple[str, int, int]] = {}
        for suspect in self.suspects:
            first = firsts.get(suspect.key_hash)
            if first is not None and first[0] == suspect.key:
                known.setdefault(suspect.key, first[1])
        for suspect in self.suspects:
            counts = self.files[suspect.file_index]
            table = counts.table
            if suspect.file_index != self._file:
                self.flush()
            self._file = suspect.file_index
            earlier = known.get(suspect.key)
            if earlier is not None:
                self._duplicate(table, suspect, earlier)
                counts.aside += 1
                continue
            known[suspect.key] = (table.name, suspect.row, suspect.fingerprint)
            self._use_columns(counts.columns, counts.answers)
            fields = self.fields_of(suspect.cells)
            _, village, _ = self.identity(fields)
            if village is not None:
                self.keep(table, suspect.row, suspect.cells, fields, village)
                counts.scored += 1
        self.flush()
        order = sorted(
            range(len(self.set_aside)),
            key=lambda i: (self._aside_files[i], self.set_aside[i].row),
        )
        self.set_aside = [self.set_aside[i] for i in order]
        self._aside_files = [self._aside_files[i] for i in order]

    def _first_rows(
        self, paths: Sequence[Path]
    ) -> dict[int, tuple[tuple[str, str], tuple[str, int, int]]]:
        """For each suspect hash: the key, file, row and fingerprint of the row kept first.

        The files are read as in the first pass: segments the column-wise path took are
        hashed with numpy, and only rows whose hash is a suspect's (and rows that pass
        took one by one) are looked at again."""
        wanted = {s.key_hash for s in self.suspects}
        hashes = np.array(sorted(wanted), dtype=np.uint64)
        # Rows set aside or themselves suspects were not kept: never a first row.
        skip = {(f, r.row) for f, r in zip(self._aside_files, self.set_aside, strict=True)}
        skip |= {(s.file_index, s.row) for s in self.suspects}
        firsts: dict[int, tuple[tuple[str, str], tuple[str, int, int]]] = {}
        for index, path in enumerate(paths):
            # The sheet each file was read from (another than --sheet when it was chosen).
            first = self.files[index].table
            table = open_table(path, sheet=first.sheet, header_row=first.header_row)
            try:
                if not _same_file(table, self.files[index].table):
                    raise InputFileError(
                        f"{table.name}: berkas berubah saat dibaca; tunggu sampai selesai "
                        "disalin atau disimpan, lalu ulangi",
                        f"{table.name}: file changed while being read; wait until it is "
                        "completely copied or saved, and try again",
                    )
                self._file = index
                columns = self.files[index].columns
                self._use_columns(columns, self.files[index].answers)
                layout = detect_export(table.header)
                fast = not layout.row_by_row
                width = len(table.header)
                with closing(self._items(table, layout, columns.index if fast else None)) as items:
                    for item in items:
                        rows = (
                            first_row_candidates(self, item, columns.index, hashes)
                            if isinstance(item, ReadGrid)
                            else item
                        )
                        for row_number, raw_cells in rows:
                            if (index, row_number) in skip:
                                continue
                            self._first_row(table, width, row_number, raw_cells, wanted, firsts)
                            if len(firsts) == len(wanted):
                                return firsts
            finally:
                table.close()
        return firsts

    def _first_row(
        self,
        table: RawTable,
        width: int,
        row_number: int,
        raw_cells: list[str],
        wanted: set[int],
        firsts: dict[int, tuple[tuple[str, str], tuple[str, int, int]]],
    ) -> None:
        """Record a kept row as the first of its hash, if it is a suspect's and the first."""
        cells = raw_cells[:width] + [""] * (width - len(raw_cells))
        fields = self.fields_of(cells)
        household_id, village, problems = self.identity(fields)
        if problems or village is None:
            return
        key_hash = self.key_hash(village, household_id)
        if key_hash in wanted and key_hash not in firsts:
            date = self._parsed_date(fields.get("tanggal_survei", ""))
            resolved = self._resolver.resolve(cells)
            scope = village.dotted if self.id_scope is IdScope.DESA else ""
            fingerprint = self._fingerprint(fields, village, date, resolved)
            firsts[key_hash] = ((scope, household_id), (table.name, row_number, fingerprint))

    def _duplicate(self, table: RawTable, suspect: _Suspect, first: tuple[str, int, int]) -> None:
        """Set aside a second row with an id already scored: typed twice, or a clash."""
        first_file, first_row, first_fingerprint = first
        household_id = suspect.key[1]
        if first_fingerprint == suspect.fingerprint:
            issue = make_issue(
                "baris-ganda",
                file=table.name,
                row=suspect.row,
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
                file=table.name,
                row=suspect.row,
                column="id_rumah_tangga",
                value=household_id,
                first_file=first_file,
                first_row=first_row,
                hint=hint,
                hint_en=hint_en,
            )
        self._set_aside(table, suspect.row, suspect.raw_cells, [issue])

    def _fingerprint(
        self,
        fields: dict[str, str],
        village: _Village,
        date: dt.date | None,
        resolved: ResolvedCells,
    ) -> int:
        """What makes two rows with one id "the same household typed twice".

        Values are compared as read, not as typed: an answer by its meaning (``Ya`` = ``1``),
        the village code dotted, a date as ISO, a number as a number, other text without case
        or extra spaces; an absent column counts as blank, so files with different optional
        columns can still hold identical rows. Context and answer cells come resolved
        (:class:`~phbs.ingest.resolve.CellResolver`).
        """
        parts: list[str] = []
        for code in self._standard_codes:
            if code == "kode_desa":
                parts.append(village.dotted)
            elif code == "tanggal_survei":
                text = fields.get(code, "")
                parts.append(date.isoformat() if date is not None else fold_answer(text))
            else:
                text = fields.get(code, "")
                parts.append(fold_answer(text) if text else "")
        return hash((*parts, *resolved.fingerprint))

    def village_codes(self, texts: list[str]) -> VillageCodes:
        """What is known of the village codes of this file's village codebook (``texts``
        is its list of texts: a new list when the codebook starts over)."""
        if self._village_codes is None or self._village_codes.texts is not texts:
            self._village_codes = VillageCodes(texts)
        self._village_codes.extend(self)
        return self._village_codes

    def _village(self, raw_code: str) -> _Village | None:
        if raw_code not in self.villages:
            code = VillageCode.parse(raw_code)
            if code is None:
                self.villages[raw_code] = None
            else:
                name = self.regions.name(code.dotted)
                name_key = normalise_name(name) if name is not None else None
                self.villages[raw_code] = _Village(code.dotted, name, name_key)
        return self.villages[raw_code]

    def _name_key(self, file_name: str) -> str:
        """A village name as compared (cached: a file repeats a few hundred names)."""
        key = self.name_keys.get(file_name)
        if key is None:
            key = normalise_name(file_name)
            if len(self.name_keys) < _VALUE_CACHE_SIZE:
                self.name_keys[file_name] = key
        return key

    def _parsed_date(self, text: str) -> dt.date | None:
        """A survey date read once per distinct spelling."""
        if not text:
            return None
        if text in self.dates:
            return self.dates[text]
        parsed = parse_date(text)
        if len(self.dates) < _VALUE_CACHE_SIZE:
            self.dates[text] = parsed
        return parsed

    def _date(
        self, parsed: dt.date | None, fields: dict[str, str], file: str, row_number: int
    ) -> str:
        text = fields.get("tanggal_survei", "")
        if not text:
            return ""
        if parsed is None:
            self._issue(
                make_issue(
                    "tanggal-salah", file=file, row=row_number, column="tanggal_survei", value=text
                )
            )
            return ""
        if self.odd_date(parsed):
            self._issue(
                make_issue(
                    "tanggal-tidak-wajar",
                    file=file,
                    row=row_number,
                    column="tanggal_survei",
                    value=text,
                )
            )
        return parsed.isoformat()

    def odd_date(self, date: dt.date) -> bool:
        """A survey date no survey can have (before 2000, or after today)."""
        return implausible_date(date, self.today)

    def _set_aside(
        self,
        table: RawTable,
        row_number: int,
        raw_cells: list[str],
        problems: Iterable[Issue],
        codes: Sequence[str] = (),
    ) -> None:
        problems = list(problems)
        for problem in problems:
            self._issue(problem)
        self._aside_files.append(self._file)
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
