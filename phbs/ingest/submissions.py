"""Validation, what a KoBoToolbox/ODK export adds to rows (repeated and rejected submissions,
review states) and a column of village names instead of codes.

Part of the validator of :mod:`phbs.ingest.validate` (docs/architecture.md).
"""

from __future__ import annotations

from phbs.forms.fields import KECAMATAN_FIELD
from phbs.ingest.columns import ColumnMap, fold_given_header
from phbs.ingest.exports import (
    ExportLayout,
    Review,
    instance_key,
)
from phbs.ingest.names import (
    FileNames,
    holds_names,
    kecamatan_column,
    looks_like_name,
    names_without_scope,
)
from phbs.ingest.raw_table import RawTable
from phbs.ingest.records import FileCounts
from phbs.ingest.row_checks import (
    AFTER_ROWS,
    RowChecks,
)
from phbs.ingest.sample import Sample
from phbs.issues import make_issue


class SubmissionChecks(RowChecks):
    """What a KoBoToolbox/ODK export adds to rows (repeated and rejected submissions, review
    states) and a column of village names instead of codes."""

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
        counts: FileCounts,
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

    def _review_summary(self, table: RawTable, counts: FileCounts, layout: ExportLayout) -> None:
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
            self.add_issue(issue, AFTER_ROWS)
        if counts.kept_rejected:
            issue = make_issue(
                "kiriman-ditolak-diskor", file=table.name, column=column, count=counts.kept_rejected
            )
            self.add_issue(issue, AFTER_ROWS)

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
        ignored = {fold_given_header(text) for text in self.form.ignore_headers}
        kecamatan = kecamatan_column(table.header)
        if kecamatan is not None and fold_given_header(table.header[kecamatan]) in ignored:
            kecamatan = None  # the mapping says not to read it
        if kecamatan is not None and kecamatan not in index.values():
            index[KECAMATAN_FIELD] = kecamatan
        sample = list(first.village_cells.get(at, ()))
        if holds_names(sample):
            if self.names is None:
                example = next(c for c in sample if looks_like_name(c))
                raise names_without_scope(table, table.header[at], example)
            self._name_files[self.file_index] = FileNames(table.header[at])
            if kecamatan is not None:  # used after all: not an unknown column
                title = table.header[kecamatan]
                issues = [
                    i for i in issues if not (i.code == "kolom-tidak-dikenal" and i.value == title)
                ]
        return ColumnMap(index=index, issues=issues)

    def _names_note(self, table: RawTable) -> None:
        """One note per file of names: how many were matched, and where."""
        names = self._name_files.get(self.file_index)
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
        self.add_issue(issue, AFTER_ROWS)
