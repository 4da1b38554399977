"""Validation, one row: its identity, dates, cells, and what is remembered across rows and files
(keys seen, caches, issues in file and row order).

Part of the validator of :mod:`phbs.ingest.validate` (docs/architecture.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from phbs.forms.fields import KECAMATAN_FIELD
from phbs.forms.model import Form, fold_answer
from phbs.ingest.answers import (
    AnswerTable,
    answer_table,
)
from phbs.ingest.columns import STANDARD_FIELDS, ColumnMap
from phbs.ingest.grid import hash_bytes
from phbs.ingest.mapping import LoadedMap
from phbs.ingest.names import (
    FileNames,
    VillageNames,
    looks_like_name,
)
from phbs.ingest.prepared_grid import VillageCodes
from phbs.ingest.raw_table import RawTable
from phbs.ingest.records import FileCounts, RowBatch, Suspect, Village
from phbs.ingest.resolve import CellResolver, ResolvedCells
from phbs.ingest.seen import SeenHashes, combine_one
from phbs.ingest.settings import ReadSettings
from phbs.ingest.survey import (
    HouseholdBatch,
    IdScope,
    SetAsideRow,
)
from phbs.ingest.values import (
    card_digits,
    has_card_number,
    implausible_date,
    is_scientific,
    mask_card_numbers,
    parse_date,
    visible_text,
)
from phbs.issues import CATALOGUE, Issue, make_issue
from phbs.regions import REGION_TABLE_EDITION, VillageCode, normalise_name, region_table


def _masked(issue: Issue) -> Issue:
    """A family-card or identity number is never repeated in an issue (aturan.md §1.2)."""
    if not (has_card_number(issue.message_en) or has_card_number(issue.value)):
        return issue
    return replace(
        issue,
        value=mask_card_numbers(issue.value),
        message_id=mask_card_numbers(issue.message_id),
        message_en=mask_card_numbers(issue.message_en),
    )


# Issues of a file: before its rows (columns), at its rows, after them (encoding).
BEFORE_ROWS, AT_ROWS, AFTER_ROWS = 0, 1, 2
#: Rows between two calls of ``read_survey``'s ``progress``.
PROGRESS_EVERY = 20_000
# Distinct dates and village names remembered (a survey has a few hundred of each).
VALUE_CACHE_SIZE = 65_536
#: Households handed on at most at a time from rows read one by one.
ROW_BATCH = 8_192


class RowChecks:
    """One row: its identity, dates, cells, and what is remembered across rows and files (keys
    seen, caches, issues in file and row order)."""

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
        self.suspects: list[Suspect] = []
        self.submissions: dict[str, tuple[str, int]] = {}
        self.villages: dict[str, Village | None] = {}
        self._village_codes: VillageCodes | None = None
        self.dates: dict[str, dt.date | None] = {}
        self.today = dt.date.today()
        self.name_keys: dict[str, str] = {}
        self.scope_hashes: dict[str, int] = {}
        self.answers = answer_table(form, None, settings.blank)
        #: --sheet was given: a sheet without the survey is not swapped for another.
        self.sheet_given = False
        #: The mapping the files are read with (recorded for each file).
        self.mapping: LoadedMap | None = None
        self.regions = region_table()
        # Village names where codes are expected: matched within the scope given (a bad
        # scope is refused here, before any file is read); the files whose column holds names.
        self.names = VillageNames(settings.region_scope) if settings.region_scope else None
        self._name_files: dict[int, FileNames] = {}
        self.progress: Callable[[int], None] | None = None
        self.rows_done = 0
        self._next_progress = PROGRESS_EVERY
        self._standard_codes = tuple(f.code for f in STANDARD_FIELDS)
        self.files: list[FileCounts] = []
        # Set for each file by read(): its standard columns and its cell resolver.
        self.file_index = 0
        self.standard: list[tuple[str, int]] = []
        self.resolver = CellResolver(form, ColumnMap(index={}, issues=[]), self.answers)
        self._kept = RowBatch(form)
        self._sheet_hint = ""
        self._id_at: int | None = None

    def add_issue(self, issue: Issue, group: int = AT_ROWS) -> None:
        self.issues.append(_masked(issue))
        self._order.append((self.file_index, group, issue.row or 0))

    def ordered_issues(self) -> list[Issue]:
        """Every issue, by file, then columns / rows / end of file, then row (stable)."""
        if not self.suspects:
            return self.issues
        order = sorted(range(len(self.issues)), key=self._order.__getitem__)
        return [self.issues[i] for i in order]

    def fields_of(self, cells: list[str]) -> dict[str, str]:
        """A row's standard fields, stripped; the household id without the invisible
        characters (zero-width space, BOM, direction marks) that would make the same
        household two."""
        fields = {code: cells[p].strip() for code, p in self.standard}
        household_id = fields.get("id_rumah_tangga")
        if household_id and not household_id.isascii():
            household_id = fields["id_rumah_tangga"] = visible_text(household_id)
        if household_id and len(household_id) > 16:
            # A KK/NIK number grouped by spaces, dots or dashes is the same number (§1.2).
            fields["id_rumah_tangga"] = card_digits(household_id)
        return fields

    def _use_columns(self, columns: ColumnMap, answers: AnswerTable) -> None:
        self.standard = [
            (code, columns.index[code]) for code in self._standard_codes if code in columns.index
        ]
        self._id_at = columns.index.get("id_rumah_tangga")
        if KECAMATAN_FIELD in columns.index:  # narrows village names (_named_village)
            self.standard.append((KECAMATAN_FIELD, columns.index[KECAMATAN_FIELD]))
        self.answers = answers
        self.resolver = CellResolver(self.form, columns, answers)

    def count_rows(self, counts: FileCounts, rows: int = 1) -> None:
        counts.read += rows
        self.rows_done += rows
        if self.progress is not None and self.rows_done >= self._next_progress:
            self.progress(self.rows_done)
            self._next_progress = (self.rows_done // PROGRESS_EVERY + 1) * PROGRESS_EVERY

    def flush(self) -> None:
        """Hand on the households kept from rows read one by one."""
        if len(self._kept):
            self.sink(self._kept.batch(self.file_index))
            self._kept = RowBatch(self.form)

    def _identity_issue(self, code: str, file: str, row: int, fields: dict[str, str]) -> Issue:
        """The issue of a row whose id or village is missing or wrong."""
        raw = fields.get("kode_desa", "")
        if code in ("nama-desa-ambigu", "nama-desa-tidak-dikenal") and self.names is not None:
            match = self.names.match(raw, fields.get(KECAMATAN_FIELD, ""))
            params = match.params()
            return make_issue(code, file=file, row=row, column="kode_desa", value=raw, **params)
        if code == "id-notasi-ilmiah":
            value = fields.get("id_rumah_tangga", "")
            return make_issue(code, file=file, row=row, column="id_rumah_tangga", value=value)
        return make_issue(
            code,
            file=file,
            row=row,
            column="id_rumah_tangga" if code == "id-kosong" else "kode_desa",
            value=raw if code == "kode-desa-salah" else "",
        )

    def _named_village(self, raw: str, fields: dict[str, str]) -> tuple[Village | None, str]:
        """The village of a name in a file of names, or the code of what is wrong."""
        names = self._name_files.get(self.file_index)
        if names is None or self.names is None or not looks_like_name(raw):
            return None, "kode-desa-salah"
        match = self.names.match(raw, fields.get(KECAMATAN_FIELD, ""))
        if match.code is None:
            return None, match.problem
        names.matched(raw)
        return self.village_of(match.code), ""

    def identity(self, fields: dict[str, str]) -> tuple[str, Village | None, list[str]]:
        """A row's household id and village, or the codes of what is wrong with them."""
        household_id = fields.get("id_rumah_tangga", "")
        raw_code = fields.get("kode_desa", "")
        problems: list[str] = []
        if not household_id:
            problems.append("id-kosong")
        elif ("+" in household_id or "E" in household_id.upper()) and is_scientific(household_id):
            problems.append("id-notasi-ilmiah")
        village = None
        if not raw_code:
            problems.append("kode-desa-kosong")
        else:
            village = self.village_of(raw_code)
            if village is None:
                village, problem = self._named_village(raw_code, fields)
                if village is None:
                    problems.append(problem)
        return household_id, village, problems

    def key_hash(self, village: Village, household_id: str) -> int:
        """The hash a household key is remembered by (:class:`SeenHashes`)."""
        return combine_one(hash_bytes(household_id.encode("utf-8")), self.scope_hash(village))

    def scope_hash(self, village: Village) -> int:
        """The hash of the part of a key that is not the id: the village, or nothing."""
        scope = village.dotted if self.id_scope is IdScope.DESA else ""
        found = self.scope_hashes.get(scope)
        if found is None:
            found = self.scope_hashes[scope] = hash_bytes(scope.encode("utf-8"))
        return found

    def keep(
        self,
        table: RawTable,
        row_number: int,
        cells: list[str],
        fields: dict[str, str],
        village: Village,
    ) -> None:
        """Keep a row for scoring: cell problems become issues and missing values."""
        file = table.name
        resolved = self.resolver.resolve(cells)
        date = self.parsed_date(fields.get("tanggal_survei", ""))
        issue = self.name_issue(file, row_number, village, fields.get("nama_desa", ""))
        if issue is not None:
            self.add_issue(issue)
        date_text = self._date(date, fields, file, row_number)
        for spec in resolved.issues:
            self.add_issue(spec.issue(file, row_number))
        self._kept.add(row_number, fields, village, date_text, resolved)
        if len(self._kept) >= ROW_BATCH:
            self.flush()

    def name_issue(self, file: str, row: int, village: Village, file_name: str) -> Issue | None:
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
        if file_name and self.name_key(file_name) != village.name_key:
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

    def _fingerprint(
        self,
        fields: dict[str, str],
        village: Village,
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

    def village_of(self, raw_code: str) -> Village | None:
        if raw_code not in self.villages:
            code = VillageCode.parse(raw_code)
            if code is None:
                self.villages[raw_code] = None
            else:
                name = self.regions.name(code.dotted)
                name_key = normalise_name(name) if name is not None else None
                self.villages[raw_code] = Village(code.dotted, name, name_key)
        return self.villages[raw_code]

    def name_key(self, file_name: str) -> str:
        """A village name as compared (cached: a file repeats a few hundred names)."""
        key = self.name_keys.get(file_name)
        if key is None:
            key = normalise_name(file_name)
            if len(self.name_keys) < VALUE_CACHE_SIZE:
                self.name_keys[file_name] = key
        return key

    def parsed_date(self, text: str) -> dt.date | None:
        """A survey date read once per distinct spelling."""
        if not text:
            return None
        if text in self.dates:
            return self.dates[text]
        parsed = parse_date(text)
        if len(self.dates) < VALUE_CACHE_SIZE:
            self.dates[text] = parsed
        return parsed

    def _date(
        self, parsed: dt.date | None, fields: dict[str, str], file: str, row_number: int
    ) -> str:
        text = fields.get("tanggal_survei", "")
        if not text:
            return ""
        if parsed is None:
            self.add_issue(
                make_issue(
                    "tanggal-salah", file=file, row=row_number, column="tanggal_survei", value=text
                )
            )
            return ""
        if self.odd_date(parsed):
            self.add_issue(
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
        problems = [_masked(p) for p in problems]
        for problem in problems:
            self.add_issue(problem)
        self._aside_files.append(self.file_index)
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
