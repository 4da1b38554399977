"""What ``phbs map`` found in a file: the columns with the field each most likely holds, the
rows that are not households, and the questions it could not answer
(:mod:`phbs.ingest.propose` finds them, :mod:`phbs.ingest.map_text` writes them as a
mapping)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from phbs.forms.model import Form, fold_answer
from phbs.ingest.columns import STANDARD_FIELDS
from phbs.ingest.mapping import QUESTION, FileMap
from phbs.ingest.names import holds_names, likely_scope, scope_candidates

#: Why a column was proposed (``Column.why``; :mod:`phbs.ingest.map_text` words them): its
#: header is known, it is a system column of an export, a person gave it in a mapping. The
#: others are ``number:N``, ``close:SPELLING``, ``question``, ``kk``, ``age``, ``names`` and
#: ``claimed:FIELD:COUNT`` (a field two columns could be).
KNOWN, EXPORT, GIVEN, KECAMATAN = "known", "export", "given", "kecamatan"


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
    #: Where each answer spelling (folded) was read: column header → cells holding it.
    answer_cells: dict[str, dict[str, int]] = field(default_factory=dict)
    blank_question: bool = False
    #: Only spellings of *ya* beside blank cells: a check-mark sheet (blank = tidak?).
    check_marks: bool = False
    names: bool = False
    region: str | None = None
    #: Areas the village names were found in, when no single one holds them all uniquely.
    region_candidates: list[tuple[str, int, int]] = field(default_factory=list)
    rare_count: int = 0
    hidden: list[str] = field(default_factory=list)
    #: ``desa`` when household numbers restart in each village.
    id_scope: str | None = None
    #: The village of every row of a file without a village column, as a person gave it.
    village: str | None = None
    #: The village column is blank in most rows read (a code typed in the first rows only).
    village_blank: bool = False
    #: Answer spellings a person gave in the mapping this proposal starts from.
    given_answers: dict[str, list[str]] = field(default_factory=dict)
    #: What a blank cell means, as a person said in that mapping.
    blank: str | None = None
    #: ``anggota`` or ``jawaban`` for a file of family members or of answers
    #: (:mod:`phbs.ingest.propose_shape`), and for members the rows per household id.
    shape: str = "rumah_tangga"
    shape_rows: str = ""
    #: A file of answers: the questions proposed for fields (field → [(question, why)]),
    #: and those that are no field the tool could tell (asked).
    worded: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    unknown_questions: list[str] = field(default_factory=list)
    #: The questions a person set aside in the mapping this proposal starts from.
    ignored_questions: list[str] = field(default_factory=list)
    #: Questions of the answer column that ask an indicator (whose answers are spelled as
    #: answers; the child's age is a number).
    indicator_questions: list[str] = field(default_factory=list)
    #: A recap: the denominators read from the households-surveyed column (field → header).
    denominators: dict[str, str] = field(default_factory=dict)
    #: The fields a question is asked for when no column holds them (a recap's counts);
    #: None: the form's indicators and the required standard fields.
    required: set[str] | None = None

    @property
    def years(self) -> Column | None:
        """An age column that seems to count years where the form counts months."""
        return next((c for c in self.columns if c.why == "years"), None)

    @property
    def sheet_asked(self) -> bool:
        """Whether the mapping asks which sheet to read (and, until then, nothing else)."""
        return self.sheet is None and len(self.sheets) > 1

    @property
    def questions(self) -> int:
        """How many questions the mapping asks."""
        if self.sheet_asked:
            return 1
        required = self.required_fields()
        return (
            sum(1 for code in self.missing if code in required)
            + (self.years is not None)
            + len(self.unknown_answers)
            + (self.names and self.region is None)
            + self.blank_question
            + bool(self.unknown_questions)
        )

    @property
    def needed(self) -> bool:
        """Whether the file needs a mapping at all: ``False`` when every column was found by
        its header as ``phbs score`` finds it and nothing else is to be said."""
        return bool(
            self.questions
            or self.answers
            or self.skip_rows
            or self.names
            or self.id_scope
            or self.village
            or self.blank_question
            or self.shape != "rumah_tangga"
            or any(c.why not in {KNOWN, EXPORT} for c in self.mapped())
        )

    def keep_choices(self, start: FileMap) -> None:
        """The region, blank meaning, numbering and village a person already chose."""
        if start.region not in (None, QUESTION):
            self.region, self.region_candidates = start.region, []
        if start.blank not in ("auto", QUESTION):
            self.blank_question, self.check_marks = False, False
            self.blank = start.blank
        if start.id_scope is not None:
            self.id_scope = start.id_scope
        if start.desa not in (None, QUESTION):
            self.village = start.desa
            self.missing = [code for code in self.missing if code != "kode_desa"]

    def required_fields(self) -> set[str]:
        """The fields asked for when no column holds them."""
        if self.required is not None:
            return self.required
        return {f.code for f in STANDARD_FIELDS if f.required} | set(self.form.codes)

    def mapped(self) -> list[Column]:
        """The columns given a field, in file order."""
        return [c for c in self.columns if c.field is not None]


COLUMN_NUMBER = re.compile(r"^\(?\s*\d{1,3}\s*\)?$")


#: The most rows under the last household that can be a footer (totals, signatures): more
#: are households with a cell missing (a village code typed in the first row only).
FOOTER_ROWS = 20


def footer_start(proposal: Proposal, rows: list[list[str]]) -> int:
    """Where the rows under the last household begin (a total row, a signature block):
    at most :data:`FOOTER_ROWS` trailing rows with text but no household id, or with neither
    a village nor an answer. ``len(rows)`` when there are none. A row with an id and answers
    but no village is a household whose village is missing (typed in the first row only)."""
    found = {c.field: c.position for c in proposal.columns if c.field}
    if "kode_desa" not in found or "id_rumah_tangga" not in found:
        return len(rows)
    household, village = found["id_rumah_tangga"], found["kode_desa"]
    answers = [found[code] for code in proposal.form.codes if code in found]
    vocabulary = proposal.form.answers
    spelled = {fold_answer(a) for a in (*vocabulary.ya, *vocabulary.tidak)}

    def filled(cells: list[str], at: int) -> bool:
        return at < len(cells) and bool(cells[at].strip())

    def answered(cells: list[str]) -> bool:  # a total row has counts, not answers
        return any(at < len(cells) and fold_answer(cells[at]) in spelled for at in answers)

    end = len(rows)
    while end > 0:
        cells = rows[end - 1]
        if filled(cells, household) and (filled(cells, village) or answered(cells)):
            break
        end -= 1
    trailing = rows[end:]
    if end == 0 or len(trailing) > FOOTER_ROWS:
        return len(rows)
    return end if any(c.strip() for cells in trailing for c in cells) else len(rows)


def column_number_rows(rows: list[list[str]], width: int) -> set[int]:
    """The first rows that only number the columns (``(1) (2) (3)`` …)."""
    found: set[int] = set()
    for index, cells in enumerate(rows):
        filled = [c.strip() for c in cells[:width] if c.strip()]
        if len(filled) >= 3 and all(COLUMN_NUMBER.match(c) for c in filled):
            found.add(index)
        else:
            break
    return found


def numbering_by_village(proposal: Proposal, rows: list[list[str]]) -> str | None:
    """``desa`` when household numbers repeat across villages but not within one: numbering
    that starts again in each village."""
    at = {c.field: c.position for c in proposal.columns if c.field}
    if "id_rumah_tangga" not in at or "kode_desa" not in at:
        return None
    by_id: dict[str, set[str]] = {}
    pairs: set[tuple[str, str]] = set()
    repeated_within = 0
    for cells in rows:
        if max(at["id_rumah_tangga"], at["kode_desa"]) >= len(cells):
            continue
        household, village = cells[at["id_rumah_tangga"]].strip(), cells[at["kode_desa"]].strip()
        if not household or not village:
            continue
        repeated_within += (household, village) in pairs
        pairs.add((household, village))
        by_id.setdefault(household, set()).add(village)
    across = sum(1 for villages in by_id.values() if len(villages) > 1)
    if across >= max(5, len(by_id) // 10) and repeated_within <= len(pairs) // 100:
        return "desa"
    return None


def village_names(proposal: Proposal) -> None:
    """Whether the village column holds names, and the area to match them in."""
    village = next((c for c in proposal.columns if c.field == "kode_desa"), None)
    proposal.names = village is not None and holds_names(v for v in village.values if v)
    if village is None or not proposal.names:
        return
    names = [v for v in village.values if v]
    proposal.region = likely_scope(names)
    proposal.region_candidates = scope_candidates(names) if proposal.region is None else []
