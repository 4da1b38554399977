"""Validation, one file: how it is read (columns, answers, sheets), its rows one by one or as
grids, and what the survey says of it.

Part of the validator of :mod:`phbs.ingest.validate` (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import replace
from itertools import islice

from phbs.forms.model import Form
from phbs.ingest.answers import (
    BARE_N,
    CHECK_MARK_BLANKS,
    CHECK_MARK_ROWS,
    answer_table,
    check_blanks,
    check_scheme_after,
    fixed_scheme,
    scheme_from_sample,
)
from phbs.ingest.columns import match_columns
from phbs.ingest.exports import Dialect, ExportLayout, detect_export, skip_hxl_row
from phbs.ingest.fast import grid_rows
from phbs.ingest.grid import Codebook, Grid
from phbs.ingest.mapping import MEMBER_AGE_OF, LoadedMap
from phbs.ingest.names import VillageNames
from phbs.ingest.one_village import VILLAGE_FIELD, with_village
from phbs.ingest.prepared_grid import ReadGrid, prepare
from phbs.ingest.raw_table import RawTable
from phbs.ingest.records import FileCounts, Suspect, Village
from phbs.ingest.row_checks import AFTER_ROWS, BEFORE_ROWS, ROW_BATCH
from phbs.ingest.sample import sample_rows
from phbs.ingest.settings import AnswerScheme, BlankMeaning, ReadSettings
from phbs.ingest.shapes import Reshaped, reshape
from phbs.ingest.sheets import choose_sheet
from phbs.ingest.submissions import SubmissionChecks
from phbs.ingest.survey import FileReading, IdScope, SourceFile
from phbs.ingest.understand import (
    check_columns,
    check_context,
    check_formula_cells,
    check_not_collected,
    unnamed_columns_issue,
)
from phbs.issues import make_issue
from phbs.threads import read_ahead


class FileChecks(SubmissionChecks):
    """One file: how it is read (columns, answers, sheets), its rows one by one or as grids, and
    what the survey says of it."""

    def use(
        self, form: Form, complete: Form, settings: ReadSettings, mapping: LoadedMap | None
    ) -> None:
        """Read the next files with ``form`` and ``settings`` (a file's own mapping)."""
        if settings.region_scope != self.settings.region_scope:
            self.names = VillageNames(settings.region_scope) if settings.region_scope else None
        self.form, self.complete_form, self.settings, self.mapping = (
            form,
            complete,
            settings,
            mapping,
        )

    def read(self, table: RawTable, file_index: int) -> None:
        try:
            table, chosen, self._sheet_hint = choose_sheet(
                table, self.form, sheet_given=self.sheet_given
            )
            if chosen is not None:
                self.file_index = file_index
                self.add_issue(chosen, BEFORE_ROWS)
            self._read(table, file_index)
        finally:
            table.close()

    def _read(self, table: RawTable, file_index: int) -> None:
        self.file_index = file_index
        first_issue = len(self.issues)  # this file's issues come after it
        if self.mapping is not None:
            self.mapping.check_headers(table.name, table.header, table.header_row)
        if self.settings.village is not None:
            table = with_village(table, self.form, self.settings.village)
        reshaped = self._reshaped(table)
        if reshaped is not None:
            table = reshaped.table
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
            self.add_issue(unnamed, BEFORE_ROWS)
        if table.merged_ranges:
            shown = ", ".join(table.merged_ranges[:5]) + (
                " …" if len(table.merged_ranges) > 5 else ""
            )
            merged = make_issue(
                "sel-gabungan", file=table.name, value=shown, count=len(table.merged_ranges)
            )
            self.add_issue(merged, BEFORE_ROWS)
        choice = fixed_scheme(self.form, self.settings) or scheme_from_sample(
            table, sample, self.form
        )
        answers = answer_table(self.form, choice.scheme, self.settings.blank)
        counts = FileCounts(
            table,
            columns,
            answers,
            choice,
            mapping=self.mapping,
            settings=self.settings,
            names_scope=self.names.scope if self.names is not None else "",
        )
        self.files.append(counts)
        for issue in columns.issues:
            self.add_issue(issue, BEFORE_ROWS)
        if reshaped is not None:
            self._shape_rows(reshaped, counts)
        self._use_columns(columns, answers)
        # check_columns saw to the identity columns: every row can be read as a household.
        # Rows the mapping skips are found one by one (a typed file: small).
        skip = frozenset(self.mapping.map.skip_rows) if self.mapping else frozenset()
        fast = not layout.row_by_row and not skip
        with closing(self._items(table, layout, columns.index if fast else None)) as items:
            for item in items:
                if isinstance(item, ReadGrid):
                    grid_rows(self, table, counts, item)
                    continue
                for row_number, raw_cells in item:
                    self.count_rows(counts)
                    if row_number in skip:
                        skipped = make_issue("baris-dilewati", file=table.name, row=row_number)
                        self._set_aside(table, row_number, raw_cells, [skipped])
                        counts.aside += 1
                        continue
                    self.one_row(table, counts, layout, row_number, raw_cells)
        self.flush()
        self._review_summary(table, counts, layout)
        self._names_note(table)
        check_scheme_after(table, choice, answers, self.form)
        blanks, blank_rows = 0, set[int | None]()
        for issue in islice(self.issues, first_issue, None):
            if issue.code == "jawaban-kosong":
                blanks += 1
                blank_rows.add(issue.row)
        rows = counts.scored + counts.aside
        cells = max(1, rows * len(self.form.codes))
        # Ticks and blanks: blanks in many cells, and in many rows (not one row cut short).
        spread = len(blank_rows) >= max(CHECK_MARK_ROWS, CHECK_MARK_BLANKS * rows)
        check_blanks(table, answers, self.form, self.settings.blank, blanks / cells * spread)
        for row_number in table.mixed_encoding_rows:
            self.add_issue(
                make_issue("encoding-campuran", file=table.name, row=row_number), AFTER_ROWS
            )
        for row_number in table.nul_rows:
            self.add_issue(make_issue("karakter-nul", file=table.name, row=row_number), AFTER_ROWS)

    def _reshaped(self, table: RawTable) -> Reshaped | None:
        """A file of members or of answers as households (docs/aturan.md §6.6). Its cells are
        written in the form's spellings with blanks as missing, so it is read that way."""
        if self.mapping is None or self.mapping.map.shape == "rumah_tangga":
            return None
        form, settings, peta = self.form, self.settings, self.mapping.map
        reshaped = reshape(table, form, settings, peta)
        if reshaped is not None:
            self.settings = replace(settings, blank=BlankMeaning.MISSING)
        return reshaped

    def _shape_rows(self, reshaped: Reshaped, counts: FileCounts) -> None:
        """Count and set aside the rows the reshaping set aside; report what it found."""
        counts.shape, counts.refold = reshaped.note, reshaped.again
        original = replace(reshaped.table, header=reshaped.header)
        for row_number, cells, reason in reshaped.aside:
            self.count_rows(counts)
            self._set_aside(original, row_number, cells, [reason])
            counts.aside += 1
        for issue in reshaped.issues:
            self.add_issue(issue)

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

    def one_row(
        self,
        table: RawTable,
        counts: FileCounts,
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
            self.add_issue(issue)

        if len(raw_cells) > len(table.header):
            extra = sum(1 for c in raw_cells[len(table.header) :] if c.strip())
            if extra:
                self.add_issue(make_issue("sel-berlebih", file=file, row=row_number, count=extra))

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
        village: Village,
        key_hash: int,
    ) -> None:
        """Hold a row whose key hash was seen before until its key is checked."""
        scope = village.dotted if self.id_scope is IdScope.DESA else ""
        date = self.parsed_date(fields.get("tanggal_survei", ""))
        fingerprint = self._fingerprint(fields, village, date, self.resolver.resolve(cells))
        self.suspects.append(
            Suspect(
                self.file_index,
                row_number,
                raw_cells,
                cells,
                (scope, fields.get("id_rumah_tangga", "")),
                key_hash,
                fingerprint,
            )
        )

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
                mapping=str(c.mapping.path) if c.mapping else "",
                mapping_sha256=c.mapping.sha256 if c.mapping else "",
            )
            for c in self.files
        ]

    def _reading(self, counts: FileCounts) -> FileReading:
        """How a file was understood: its columns, a bare N, blanks."""
        header = counts.table.header
        order = [*self._standard_codes, *(c.code for c in self.form.context), *self.form.codes]
        index = dict(counts.columns.index)
        village = (counts.settings or self.settings).village
        if counts.table.given_column is not None:  # the village column is not the file's
            index.pop(VILLAGE_FIELD, None)
        scheme = counts.choice.scheme
        reading = FileReading(
            header_row=counts.table.header_row,
            columns=tuple((code, header[index[code]]) for code in order if code in index),
            village=village or "",
            bare_n=(
                {None: "", AnswerScheme.YN: "tidak", AnswerScheme.YTN: "tidak_berlaku"}[scheme]
                if BARE_N in counts.answers.seen
                else ""
            ),
            bare_n_source=counts.choice.source
            if scheme is not None and BARE_N in counts.answers.seen
            else "",
            blank={BlankMeaning.NA: "na", BlankMeaning.NO: "tidak"}.get(
                (counts.settings or self.settings).blank, "missing"
            ),
            not_collected=tuple(sorted(self.settings.not_collected)),
            without_context=tuple(c.code for c in self.form.context if c.code not in index),
            title_rows=tuple(counts.table.title_rows),
            null_marks=tuple(sorted(counts.answers.null_seen)),
            names_scope=(
                counts.names_scope if self.files.index(counts) in self._name_files else ""
            ),
        )
        return _shape_reading(counts, reading)


def _shape_reading(counts: FileCounts, reading: FileReading) -> FileReading:
    """What a file of another shape adds to its reading: its shape and rows, how its answer
    cells were read before they became households', and each member's age column."""
    note = counts.shape
    if note is None:
        return reading
    fixed = counts.settings is not None and counts.settings.answers is not AnswerScheme.AUTO
    columns = reading.columns
    if counts.mapping and "umur_anggota_bulan" in counts.mapping.map.columns:
        columns = tuple(("umur_anggota_bulan" if c == MEMBER_AGE_OF else c, h) for c, h in columns)
    return replace(
        reading,
        columns=columns,
        shape=note.shape,
        shape_rows=note.source_rows,
        shape_set_aside=note.set_aside,
        shape_alone=note.alone,
        bare_n=note.bare_n,
        bare_n_source=("opsi" if fixed else "berkas") if note.bare_n else "",
        blank=note.blank,
    )
