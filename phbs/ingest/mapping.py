"""A mapping file (*peta*): how one kind of survey file is read, docs/aturan.md §6.5.

A file a Puskesmas made itself names its columns its own way (``No. KK``, ``1. Persalinan``),
spells its answers its own way (``V``/``X``, ``Ada``/``Tidak ada``, ``1 = ya, 2 = tidak``) and
may need a sheet, a header row or a region for its village names. A mapping says all of that
once, in a YAML file a sanitarian can read and edit (``phbs map`` writes one), and every
command that reads a survey takes it (``--map peta.yaml``). It is validated like a form:
strict keys, and errors that name the key. A value ``"?"`` is a question ``phbs map`` could
not answer from the file; a mapping with one is refused until it is answered.

>>> from phbs.forms.loading import load_form
>>> peta = FileMap.model_validate(
...     {"phbs_map": 1, "columns": {"id_rumah_tangga": "No. KK"},
...      "answers": {"ya": ["V"], "tidak": ["X"]}})
>>> form = peta.applied_to(load_form("kemenkes-rt-10").form)
>>> form.headers["id_rumah_tangga"], "v" in form.answers.ya, "x" in form.answers.tidak
('No. KK', True, True)
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from phbs.errors import MapError
from phbs.forms.model import AnswerVocabulary, Form, fold_answer
from phbs.ingest.columns import STANDARD_FIELDS, fold_given_header
from phbs.ingest.map_errors import explain, problems_text
from phbs.ingest.map_values import (
    no_items_if_nothing,
    no_pairs_if_nothing,
    one_choice,
    one_of,
    rows,
    spellings,
    texts,
    village_code,
)
from phbs.ingest.settings import AnswerScheme, BlankMeaning, ReadSettings
from phbs.regions import village_option
from phbs.yamlfile import read_yaml

#: The value of a key ``phbs map`` could not decide: the mapping is refused until it is
#: replaced by an answer.
QUESTION = "?"
_STATES = ("ya", "tidak", "tidak_berlaku", "kosong")


def _blank_choice(value: object) -> object:
    return one_of(value, BLANK_CHOICES)


def _scheme_choice(value: object) -> object:
    return one_of(value, SCHEME_CHOICES)


class MapAnswers(BaseModel):
    """Answer spellings of the file, added to the form's (a spelling given here wins)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    ya: list[str] = Field(default_factory=list)
    tidak: list[str] = Field(default_factory=list)
    tidak_berlaku: list[str] = Field(default_factory=list)
    kosong: list[str] = Field(
        default_factory=list,
        description="spellings read as a blank cell: the file's own mark for not answered",
    )
    unknown: list[str] = Field(
        default_factory=list,
        alias=QUESTION,
        description="spellings phbs map could not place: move each to ya, tidak, tidak_berlaku "
        "or kosong",
    )
    _lists = field_validator("ya", "tidak", "tidak_berlaku", "kosong", "unknown", mode="before")(
        spellings
    )


#: Columns a mapping names only for one shape of file (docs/aturan.md §6.6), with the shapes
#: that have them: a member's age in months (the youngest under five is the household's
#: ``umur_anak_termuda_bulan``), and a long file's question and answer columns.
SHAPE_FIELDS: dict[str, tuple[str, ...]] = {
    "umur_anggota_bulan": ("anggota",),
    "pertanyaan": ("jawaban",),
    "jawaban": ("jawaban",),
}
#: The context field a member's age gives the household.
MEMBER_AGE_OF = "umur_anak_termuda_bulan"

#: What ``blank`` and ``answer_scheme`` accept (``"?"``: a question not answered yet).
BLANK_CHOICES = (*(b.value for b in BlankMeaning), QUESTION)
SCHEME_CHOICES = (*(a.value for a in AnswerScheme), QUESTION)


class FileMap(BaseModel):
    """The mapping file's keys (docs/pemetaan.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    phbs_map: Literal[1] = Field(description="Marks the file as a phbs mapping, version 1.")
    form: str | None = Field(default=None, description="The form the file follows.")
    sheet: str | None = None
    header_row: int | None = Field(default=None, ge=1)
    skip_rows: list[int] = Field(
        default_factory=list,
        description="rows below the header that are not households (a row of column "
        "numbers, a footer): numbers or 'first-last' ranges; set aside as baris-dilewati",
    )
    columns: dict[str, str] = Field(
        default_factory=dict, description="field code: the column's header as in the file"
    )
    ignore: list[str] = Field(default_factory=list, description="headers of columns not read")
    answers: MapAnswers = Field(default_factory=MapAnswers)
    answer_scheme: str = AnswerScheme.AUTO.value
    blank: str = BlankMeaning.AUTO.value
    region: str | None = Field(
        default=None,
        description="kabupaten/kota (63.10) or kecamatan (63.10.01) code within which "
        "village names are matched",
    )
    desa: str | None = Field(
        default=None,
        description="a file of one village without a village column: the village code "
        "(63.10.01.1007) of every row, as --desa gives it",
    )
    id_scope: Literal["survei", "desa"] | None = None
    questions: dict[str, list[str]] = Field(
        default_factory=dict,
        description="shape: jawaban — field code: the question(s) as the file words them "
        "(P01, 'Persalinan ditolong nakes'), besides the form's names and aliases",
    )
    ignore_questions: list[str] = Field(
        default_factory=list,
        description="shape: jawaban — questions of the file that are not the form's: their "
        "rows are set aside as pertanyaan-diabaikan",
    )
    shape: Literal["rumah_tangga", "anggota", "jawaban", "rekap"] = Field(
        default="rumah_tangga",
        description="one row per household (rumah_tangga), per family member (anggota), "
        "per answer (jawaban: household, question, answer), docs/aturan.md §6.6, or per "
        "village with its counts (rekap), §6.7",
    )

    _texts = field_validator("form", "sheet", "columns", "ignore", "region", mode="before")(texts)
    _village = field_validator("desa", mode="before")(village_code)
    _no_pairs = field_validator("columns", "answers", "questions", mode="before")(
        no_pairs_if_nothing
    )

    @field_validator("questions", mode="before")
    @classmethod
    def _question_texts(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        return {key: spellings(texts) for key, texts in value.items()}

    _no_items = field_validator("ignore", "ignore_questions", "skip_rows", mode="before")(
        no_items_if_nothing
    )
    _rows = field_validator("skip_rows", mode="before")(rows)
    _blank = field_validator("blank", mode="before")(_blank_choice)
    _scheme = field_validator("answer_scheme", mode="before")(_scheme_choice)

    @field_validator("columns")
    @classmethod
    def _headers_given(cls, columns: dict[str, str]) -> dict[str, str]:
        for code, text in columns.items():
            if not text.strip():
                raise ValueError(f"empty-header|{code}")
        return columns

    @model_validator(mode="after")
    def _consistent(self) -> FileMap:
        # One column is one field; a recap's column of households surveyed may also be the
        # denominator of indicators that apply to every household (§6.7).
        seen: set[str] = set()
        for text in self.columns.values():
            key = fold_given_header(text)
            if text != QUESTION and key in seen and self.shape != "rekap":
                raise ValueError(f"header-twice|{text}")
            seen.add(key)
        above = [r for r in self.skip_rows if self.header_row and r <= self.header_row]
        if above:
            raise ValueError(f"skip-above|{above[0]}")
        for code in set(self.columns) & set(SHAPE_FIELDS):
            if self.shape not in SHAPE_FIELDS[code]:
                raise ValueError(f"shape-field|{code}|{SHAPE_FIELDS[code][0]}")
        if self.desa is not None and self.shape == "rekap":
            raise ValueError("shape-field|desa|rumah_tangga, anggota, jawaban")
        if (self.questions or self.ignore_questions) and self.shape != "jawaban":
            raise ValueError("shape-field|questions|jawaban")
        if self.shape == "jawaban":
            lacking = [c for c in ("pertanyaan", "jawaban") if c not in self.columns]
            if lacking:
                raise ValueError(f"shape-needs|{', '.join(lacking)}")
        meant: dict[str, str] = {}
        for state in (*_STATES, "unknown"):
            for spelling in getattr(self.answers, state):
                if meant.setdefault(fold_answer(spelling), state) != state:
                    raise ValueError(f"spelling-twice|{spelling}")
        return self

    def ignored(self) -> list[str]:
        """The headers of ``ignore`` that ``columns`` does not name (``columns`` wins)."""
        mapped = {fold_given_header(t) for t in self.columns.values()}
        return [t for t in self.ignore if fold_given_header(t) not in mapped]

    def unanswered(self) -> list[str]:
        """The keys still holding a question, as ``key.path`` strings."""
        village_open = self.desa in (None, QUESTION)  # else it answers kode_desa's column
        asked = [f"columns.{c}" for c, text in self.columns.items() if text == QUESTION]
        asked = [a for a in asked if village_open or a != "columns.kode_desa"]
        asked += [f"answers.'?': {s}" for s in self.answers.unknown]
        asked += [f"questions.'?': {t}" for t in self.questions.get(QUESTION, [])]
        for key in ("sheet", "region", "form", "desa"):
            if getattr(self, key) == QUESTION:
                asked.append(key)
        for key in ("answer_scheme", "blank"):
            if getattr(self, key) == QUESTION:
                asked.append(key)
        return asked

    def applied_to(self, form: Form, path: Path | str = "peta") -> Form:
        """``form`` with this file's headers, ignored columns and answer spellings.

        Raises :class:`~phbs.errors.MapError` when the mapping was made for another form or
        names a field the form does not have.
        """
        if self.form is not None and self.form != form.id:
            raise MapError(
                f"{path}: peta ini untuk formulir '{self.form}', bukan '{form.id}' "
                f"(jalankan dengan --form {self.form})",
                f"{path}: this mapping is for form '{self.form}', not '{form.id}' "
                f"(run with --form {self.form})",
            )
        if self.shape == "rekap":
            return form  # a recap's columns are counts, read by phbs.ingest.recap
        known = {f.code for f in STANDARD_FIELDS} | {c.code for c in form.context}
        fields = sorted(known | set(form.codes) | set(SHAPE_FIELDS))
        unknown = sorted((set(self.columns) | set(self.questions) - {QUESTION}) - set(fields))
        if unknown:
            close = [difflib.get_close_matches(code, fields, n=1) for code in unknown]
            hint = "; ".join(f"{u} → {c[0]}?" for u, c in zip(unknown, close, strict=True) if c)
            raise MapError(
                f"{path}: columns: isian tidak dikenal formulir {form.id}: {', '.join(unknown)}"
                + (f" (mungkin: {hint})" if hint else ""),
                f"{path}: columns: fields form {form.id} does not have: {', '.join(unknown)}"
                + (f" (did you mean: {hint})" if hint else ""),
            )
        given = {state: [fold_answer(s) for s in getattr(self.answers, state)] for state in _STATES}
        mine = {s for spellings in given.values() for s in spellings}
        updated = {
            state: [
                *(s for s in getattr(form.answers, state) if fold_answer(s) not in mine),
                *given[state],
            ]
            for state in _STATES
        }
        try:
            vocabulary = AnswerVocabulary.model_validate(updated)
        except ValidationError as exc:
            problem = exc.errors()[0]["msg"].removeprefix("Value error, ")
            raise MapError(
                f"{path}: answers: satu ejaan untuk dua jawaban ({problem})",
                f"{path}: answers: one spelling for two answers ({problem})",
            ) from None
        headers = {c: t for c, t in self.columns.items() if c not in SHAPE_FIELDS and t != QUESTION}
        if "umur_anggota_bulan" in self.columns:
            if MEMBER_AGE_OF not in {c.code for c in form.context}:
                raise MapError(
                    f"{path}: columns: umur_anggota_bulan: formulir {form.id} tidak memakai "
                    f"umur anak termuda ({MEMBER_AGE_OF})",
                    f"{path}: columns: umur_anggota_bulan: form {form.id} has no youngest "
                    f"child's age ({MEMBER_AGE_OF})",
                )
            headers[MEMBER_AGE_OF] = self.columns["umur_anggota_bulan"]
        return form.model_copy(
            update={
                "headers": {**form.headers, **headers},
                # A header named under columns is read, even if ignore still lists it.
                "ignore_headers": [*form.ignore_headers, *self.ignored()],
                "answers": vocabulary,
            }
        )

    def settings(self, given: ReadSettings, where: str = "desa:") -> ReadSettings:
        """``given`` with what this mapping decides; a choice made both ways is refused
        (``where`` names the mapping's ``desa`` key in a message).

        >>> FileMap(phbs_map=1, blank="na").settings(ReadSettings()).blank
        <BlankMeaning.NA: 'na'>
        """
        scheme = AnswerScheme(self.answer_scheme) if self.answer_scheme != QUESTION else None
        meaning = BlankMeaning(self.blank) if self.blank != QUESTION else None
        answers = one_choice("--answers", given.answers, scheme, AnswerScheme.AUTO)
        blank = one_choice("--blank", given.blank, meaning, BlankMeaning.AUTO)
        region = one_choice("--kecamatan/--kabupaten", given.region_scope, self.region, None)
        mine = None if self.desa in (None, QUESTION) else village_option(self.desa, where)
        village = one_choice("--desa", given.village, mine, None)
        return replace(given, answers=answers, blank=blank, region_scope=region, village=village)


_KNOWN_KEYS = {"": list(FileMap.model_fields), "answers": [*_STATES, QUESTION]}


@dataclass(frozen=True)
class LoadedMap:
    """A mapping with its file and the file's SHA-256 (recorded in every output)."""

    map: FileMap
    path: Path
    sha256: str

    def check_headers(self, file: str, header: list[str], row: int) -> None:
        """Refuse a file that lacks a header the mapping names: the mapping was made for
        another file, or the file changed (the mapping, not the file, is named)."""
        present = {fold_given_header(text) for text in header}
        missing = [
            (code, text)
            for code, text in self.map.columns.items()
            if text != QUESTION and fold_given_header(text) not in present
        ]
        if not missing:
            return
        listed = "; ".join(f"columns.{code}: '{text}'" for code, text in missing)
        shown = ", ".join(f"'{t}'" for t in header if t.strip())
        raise MapError(
            f"{self.path}: judul kolom dari peta tidak ada di baris judul {row} berkas {file} "
            f"({listed}). Judul di baris itu: {shown}. Peta ini untuk berkas lain, atau "
            "header_row-nya salah.",
            f"{self.path}: headers named by the mapping are not in header row {row} of {file} "
            f"({listed}). Headers in that row: {shown}. The mapping is for another file, or "
            "its header_row is wrong.",
        )


def checked_map(data: object, path: Path) -> FileMap:
    """``data`` (a mapping read from YAML, or built) checked as the mapping file ``path``.

    Raises :class:`~phbs.errors.MapError` naming the file and the key of each problem.
    """
    try:
        return FileMap.model_validate(data)
    except ValidationError as exc:
        lines = explain(exc.errors(), _KNOWN_KEYS)
        raise MapError(*problems_text(path, lines)) from None


def load_map(path: str | Path, *, questions: bool = False, village: bool = False) -> LoadedMap:
    """Read and check a mapping file (with ``questions``, one still asking is read too; with
    ``village``, one asking only for the village column, which ``--desa`` answers).

    Raises :class:`~phbs.errors.MapError` naming the file and the key of each problem, or
    listing the questions still open.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise MapError(
            f"{path}: berkas peta tidak dapat dibaca ({exc.strerror})",
            f"{path}: cannot read the mapping file ({exc.strerror})",
        ) from None
    data = read_yaml(raw, path, MapError, ("peta", "mapping"))
    peta = checked_map(data, path)
    asked = [a for a in peta.unanswered() if not (village and a == "columns.kode_desa")]
    if asked and not questions:
        listed = ", ".join(asked)
        one = asked == ["columns.kode_desa"]  # a file of one village: --desa answers it
        raise MapError(
            f"{path}: peta masih berisi {len(asked)} pertanyaan (nilai '?'): {listed}. "
            "Jawab di berkas itu (lihat komentar # TANYA), lalu jalankan lagi"
            + (" (berkas satu desa: --desa KODE juga menjawabnya)." if one else "."),
            f"{path}: the mapping still asks {len(asked)} question(s) (value '?'): {listed}. "
            "Answer them in that file (see the # TANYA comments), then run again"
            + (" (a file of one village: --desa CODE answers it too)." if one else "."),
        )
    return LoadedMap(peta, path, hashlib.sha256(raw).hexdigest())
