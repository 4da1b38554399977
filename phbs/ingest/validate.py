"""Validation: raw rows in, typed households and issue records out. Nothing is lost.

Every data row read ends in exactly one place: scored (a household in
:attr:`Survey.households`) or set aside (:attr:`Survey.set_aside`, with its reasons and its
cells unchanged). A row whose identity is broken — no id, no or malformed village code,
duplicate id — is set aside whole; a bad cell is treated as missing and the row is kept
(aturan.md §8.2). Applicability of each indicator is resolved here (aturan.md §2.2), so scoring
sees one state per cell: Ya, Tidak, not applicable or missing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from phbs.errors import InputFileError, SettingsError
from phbs.forms.loading import LoadedForm, load_form
from phbs.ingest.columns import HEADER_CELLS
from phbs.ingest.exports import (
    detect_export,
)
from phbs.ingest.file_checks import FileChecks
from phbs.ingest.file_maps import FileMaps, MapsGiven
from phbs.ingest.inputs import DistinctFiles, distinct_files
from phbs.ingest.mapping import LoadedMap
from phbs.ingest.names import VillageNames
from phbs.ingest.one_village import (
    check_one_file_each,
    check_village_files,
    not_a_recap_option,
    own_village,
    with_village,
)
from phbs.ingest.prepared_grid import ReadGrid, first_row_candidates
from phbs.ingest.raw_table import RawTable
from phbs.ingest.readers import open_table
from phbs.ingest.recap_survey import is_recap_file, not_together, read_recap
from phbs.ingest.records import Suspect
from phbs.ingest.settings import ReadSettings
from phbs.ingest.sheets import survey_header
from phbs.ingest.survey import (
    HouseholdBatch,
    HouseholdTable,
    IdScope,
    SetAsideRow,
    SourceFile,
    Survey,
)
from phbs.issues import make_issue

# Distinct dates and village names remembered (a survey has a few hundred of each).
VALUE_CACHE_SIZE = 65_536
# Issues of a file: before its rows (columns), at its rows, after them (encoding).
BEFORE_ROWS, AT_ROWS, AFTER_ROWS = 0, 1, 2

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
    mapping: MapsGiven | FileMaps | None = None,
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

    ``mapping`` (a :class:`~phbs.ingest.mapping.LoadedMap` or its path) says how files that
    name their columns and spell their answers their own way are read (docs/aturan.md §6.5):
    its headers, answers, sheet, header row and region apply to every file. A dict of survey
    file → mapping reads each of those files its own way (the others without a mapping);
    the mappings must agree on the form and on ``id_scope``.

    Raises :class:`~phbs.errors.InputFileError` for a file that cannot be read at all,
    :class:`~phbs.errors.FormError` for a bad form and :class:`~phbs.errors.MapError` for a
    bad mapping; problems *in* the data become issues.
    """
    settings = settings or ReadSettings()
    base = form if isinstance(form, LoadedForm) else load_form(form)
    maps = FileMaps.of(mapping)
    chosen_scope = maps.common("id_scope")
    scope = IdScope(id_scope)
    if chosen_scope is not None and scope is IdScope.SURVEI:
        scope = IdScope(chosen_scope)
    plans: dict[Path | None, tuple[LoadedForm, ReadSettings, str | None]] = {}

    def plan(peta: LoadedMap | None) -> tuple[LoadedForm, ReadSettings, str | None]:
        key = peta.path if peta is not None else None
        if key not in plans:
            mapped = _mapped(base, settings, sheet, peta) if peta else (base, settings, sheet)
            plans[key] = (mapped[0].without(settings.not_collected), mapped[1], mapped[2])
        return plans[key]

    loaded = plan(maps.default)[0] if not maps.per_file else base.without(settings.not_collected)
    table = HouseholdTable(indicator_codes=loaded.form.codes)
    for ctx in loaded.form.context:
        table.context[ctx.code] = []
    validator = Validator(loaded.form, scope, sink or table.extend, settings)
    validator.progress = progress
    files = paths if isinstance(paths, DistinctFiles) else distinct_files(paths)
    for issue in files.issues:
        validator.issues.append(issue)
        validator._order.append((-1, BEFORE_ROWS, 0))
    maps.check_files([Path(p) for p in files.paths])
    check_one_file_each([Path(p) for p in files.paths], settings, maps)
    check_village_files([Path(p) for p in files.paths], settings)
    for index, path in enumerate(files.paths):
        peta = maps.for_file(path)
        form_i, settings_i, sheet_i = plan(peta)
        settings_i = own_village(settings_i, Path(path))
        opened = None
        if peta is None or peta.map.shape != "rekap":
            opened = open_table(
                path,
                sheet=sheet_i,
                header_cells=HEADER_CELLS,
                prefer=survey_header(form_i.form, str(path)),
                header_row=peta.map.header_row if peta is not None else None,
            )
        if is_recap_file(opened, form_i.form, peta):
            if opened is not None:
                opened.close()
            if settings_i.village is not None:
                raise not_a_recap_option(path)
            if index:
                raise not_together(path)
            # Village recaps (docs/aturan.md §6.7): their rows and issues, no households.
            recap, _ = read_recap(
                [Path(p) for p in files.paths], loaded, maps, sheet, settings.region_scope
            )
            recap.issues[:0] = files.issues
            return recap
        assert opened is not None
        validator.use(form_i.form, form_i.complete or form_i.form, settings_i, peta)
        validator.sheet_given = sheet_i is not None
        validator.read(opened, index)
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


def _mapped(
    loaded: LoadedForm, settings: ReadSettings, sheet: str | None, mapping: LoadedMap
) -> tuple[LoadedForm, ReadSettings, str | None]:
    """The form, settings and sheet with what ``mapping`` says."""
    peta = mapping.map
    if sheet is not None and peta.sheet is not None and sheet != peta.sheet:
        raise SettingsError(
            f"peta berkas memilih lembar '{peta.sheet}', perintah memberi --sheet '{sheet}': "
            "pilih satu",
            f"the mapping chooses sheet '{peta.sheet}', the command gives --sheet '{sheet}': "
            "choose one",
        )
    form = peta.applied_to(loaded.form, mapping.path)
    complete = peta.applied_to(loaded.complete, mapping.path) if loaded.complete else None
    mapped = replace(loaded, form=form, complete=complete)
    return mapped, peta.settings(settings, f"{mapping.path}: desa:"), sheet or peta.sheet


def _same_file(again: RawTable, first: RawTable) -> bool:
    """Whether a file opened again is the one read (size and time, or a spreadsheet's hash)."""
    if again.source is None or first.source is None:
        return again.sha256 == first.sha256
    return (again.source.size, again.source.mtime_ns) == (first.source.size, first.source.mtime_ns)


class Validator(FileChecks):
    """Holds what must be remembered across rows and files: keys seen, caches, outputs;
    settles the rows whose key was seen before once every file is read."""

    # --- issues, in file and row order

    # --- one file

    # --- village names where codes are expected (phbs.ingest.names)

    # --- one row

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
        self.file_index = -1
        known: dict[tuple[str, str], tuple[str, int, int]] = {}
        for suspect in self.suspects:
            first = firsts.get(suspect.key_hash)
            if first is not None and first[0] == suspect.key:
                known.setdefault(suspect.key, first[1])
        for suspect in self.suspects:
            counts = self.files[suspect.file_index]
            table = counts.table
            if suspect.file_index != self.file_index:
                self.flush()
                self._names_of(suspect.file_index)
            self.file_index = suspect.file_index
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

    def _names_of(self, index: int) -> None:
        """Match village names as file ``index`` was read (each file may name its area)."""
        scope = self.files[index].names_scope
        if scope != (self.names.scope if self.names is not None else ""):
            self.names = VillageNames(scope) if scope else None

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
                village = (self.files[index].settings or self.settings).village
                if village is not None:
                    table = with_village(table, self.form, village)
                refold = self.files[index].refold
                if refold is not None:
                    table = refold(table)
                self.file_index = index
                self._names_of(index)
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
            date = self.parsed_date(fields.get("tanggal_survei", ""))
            resolved = self.resolver.resolve(cells)
            scope = village.dotted if self.id_scope is IdScope.DESA else ""
            fingerprint = self._fingerprint(fields, village, date, resolved)
            firsts[key_hash] = ((scope, household_id), (table.name, row_number, fingerprint))

    def _duplicate(self, table: RawTable, suspect: Suspect, first: tuple[str, int, int]) -> None:
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


if not TYPE_CHECKING:  # names of version 0.1, handed on with a warning for a release
    from phbs._moved import handed_on

    __getattr__ = handed_on(__name__)
