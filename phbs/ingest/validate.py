"""Validation: raw rows in, typed households and issue records out. Nothing is lost.

Every data row read ends in exactly one place: scored (a household in
:attr:`Survey.households`) or set aside (:attr:`Survey.set_aside`, with its reasons and its
cells unchanged). A row whose identity is broken — no id, no or malformed village code,
duplicate id — is set aside whole; a bad cell is treated as missing and the row is kept
(DOMAIN.md §4). Applicability of each indicator is resolved here (DOMAIN.md §1), so scoring
sees one state per cell: Ya, Tidak, not applicable or missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from phbs.forms import Form, LoadedForm, fold_answer, load_form
from phbs.ingest.columns import STANDARD_FIELDS, ColumnMap, match_columns
from phbs.ingest.exports import Dialect, ExportLayout, detect_export, instance_key, skip_hxl_row
from phbs.ingest.readers import RawTable, open_table
from phbs.ingest.resolve import CellResolver, ResolvedCells, answer_table
from phbs.ingest.survey import HouseholdTable, IdScope, SetAsideRow, SourceFile, Survey
from phbs.ingest.values import parse_date
from phbs.issues import CATALOGUE, Issue, make_issue
from phbs.regions import REGION_TABLE_EDITION, VillageCode, normalise_name, region_table

#: Rows between two calls of ``read_survey``'s ``progress``.
PROGRESS_EVERY = 20_000
# Distinct dates and village names remembered (a survey has a few hundred of each).
_VALUE_CACHE_SIZE = 65_536

# The survey models are re-exported: callers may import them from here or from .survey.
__all__ = ["HouseholdTable", "IdScope", "SetAsideRow", "SourceFile", "Survey", "read_survey"]


def read_survey(
    paths: Sequence[str | Path],
    form: str | Path | LoadedForm = "kemenkes-rt-10",
    *,
    sheet: str | None = None,
    id_scope: IdScope | str = IdScope.SURVEI,
    progress: Callable[[int], None] | None = None,
) -> Survey:
    """Read and validate survey files (one per Puskesmas is fine) into one :class:`Survey`.

    ``progress``, if given, is called with the number of data rows read so far every
    :data:`PROGRESS_EVERY` rows and once at the end (the CLI shows it on a terminal).

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
    validator.progress = progress
    files = [
        validator.read(open_table(path, sheet=sheet), index) for index, path in enumerate(paths)
    ]
    if progress is not None:
        progress(validator.rows_done)
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
    name_key: str | None  # the name as compared (normalise_name)


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
        self.dates: dict[str, dt.date | None] = {}
        self.name_keys: dict[str, str] = {}
        self.answers = answer_table(form)
        self.regions = region_table()
        self.progress: Callable[[int], None] | None = None
        self.rows_done = 0
        self._standard_codes = tuple(f.code for f in STANDARD_FIELDS)
        self._context_columns = [self.households.context[c.code] for c in form.context]
        # Set for each file by read(): its standard columns and its cell resolver.
        self._standard: list[tuple[str, int]] = []
        self._resolver = CellResolver(form, ColumnMap(index={}, issues=[]), self.answers)

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
        self._standard = [
            (code, columns.index[code]) for code in self._standard_codes if code in columns.index
        ]
        self._resolver = CellResolver(self.form, columns, self.answers)
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
            self.rows_done += 1
            if self.progress is not None and self.rows_done % PROGRESS_EVERY == 0:
                self.progress(self.rows_done)
            cells = raw_cells[:width] + [""] * (width - len(raw_cells))
            if not identity_ok:
                self._set_aside(table, row_number, raw_cells, [], identity_reasons)
                aside += 1
            elif self._repeated_submission(table, layout, row_number, raw_cells, cells):
                aside += 1
            elif self._row(table, file_index, row_number, raw_cells, cells):
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
        fields = {code: cells[position].strip() for code, position in self._standard}

        if len(raw_cells) > len(table.header):
            extra = sum(1 for c in raw_cells[len(table.header) :] if c.strip())
            if extra:
                self.issues.append(
                    make_issue("sel-berlebih", file=file, row=row_number, count=extra)
                )

        problems: list[Issue] = []
        household_id = fields.get("id_rumah_tangga", "")
        raw_code = fields.get("kode_desa", "")
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
        resolved = self._resolver.resolve(cells)
        date = self._parsed_date(fields.get("tanggal_survei", ""))
        fingerprint = self._fingerprint(fields, village, date, resolved)
        first = self.seen.get(key)
        if first is not None:
            self._duplicate(table, row_number, raw_cells, household_id, first, fingerprint)
            return False
        self.seen[key] = (file, row_number, fingerprint)

        # The row is kept from here on: cell problems become issues and missing values.
        file_name = fields.get("nama_desa", "")
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
        elif file_name and self._name_key(file_name) != village.name_key:
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
        households.dusun.append(fields.get("dusun", ""))
        households.rw.append(fields.get("rw", ""))
        households.rt.append(fields.get("rt", ""))
        households.petugas.append(fields.get("petugas", ""))
        households.nama_kepala_rt.append(fields.get("nama_kepala_rt", ""))
        households.tanggal_survei.append(self._date(date, fields, file, row_number))
        for values, value in zip(self._context_columns, resolved.context, strict=True):
            values.append(value)
        if resolved.issues:
            self.issues.extend(spec.issue(file, row_number) for spec in resolved.issues)
        households.add_states(resolved.states)
        households.file_index.append(file_index)
        households.row_number.append(row_number)
        return True

    def _duplicate(
        self,
        table: RawTable,
        row_number: int,
        raw_cells: list[str],
        household_id: str,
        first: tuple[str, int, int],
        fingerprint: int,
    ) -> None:
        """Set aside a second row with an id already scored: typed twice, or a clash."""
        first_file, first_row, first_fingerprint = first
        if first_fingerprint == fingerprint:
            issue = make_issue(
                "baris-ganda",
                file=table.name,
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
                file=table.name,
                row=row_number,
                column="id_rumah_tangga",
                value=household_id,
                first_file=first_file,
                first_row=first_row,
                hint=hint,
                hint_en=hint_en,
            )
        self._set_aside(table, row_number, raw_cells, [issue])

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
            self.issues.append(
                make_issue(
                    "tanggal-salah", file=file, row=row_number, column="tanggal_survei", value=text
                )
            )
            return ""
        return parsed.isoformat()

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
