"""What the answers of one file mean: the form's spellings, a bare ``N``, and blank cells
(docs/aturan.md, *Membaca berkas*).

A bare ``N`` is *tidak berlaku* in PIS-PK's Y/T/N coding and *Tidak* in a plain Y/N file, so
it is never read without a decision: the form fixes it by listing ``n`` among its spellings,
the user fixes it with ``--answers``, or it is decided per file from the spellings present
(:func:`decide_scheme`). A file that cannot tell is refused, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from phbs.errors import SurveyError
from phbs.forms.model import Form, fold_answer
from phbs.ingest.raw_table import RawTable
from phbs.ingest.sample import Sample
from phbs.ingest.settings import AnswerScheme, BlankMeaning, ReadSettings
from phbs.states import NA, NO, YES

BARE_N = "n"


class Undecided(Exception):
    """The spellings of a file do not say what a bare ``N`` means."""


class AnswerTable(dict[str, int]):
    """Folded answer spellings of one file and the state each one means, with what the
    file's indicator cells have shown so far.

    ``seen`` collects the folded non-blank spellings met (each distinct cell is resolved
    once, so this costs nothing per row); ``blank_undecided`` the indicators that may be
    not applicable where a blank cell was read as *belum diisi* with nothing in the row
    (the youngest child's age) to decide whether they apply.
    """

    def __init__(
        self, mapping: dict[str, int], *, blank_na: bool, scheme: AnswerScheme | None
    ) -> None:
        super().__init__(mapping)
        self.blank_na = blank_na
        #: A blank cell is *Tidak* (``--blank tidak``, a check-mark sheet).
        self.blank_no = False
        #: A blank indicator cell was met that nothing in its row decided.
        self.blank_seen = False
        self.scheme = scheme
        self.seen: set[str] = set()
        #: Spellings met on indicators that always apply (no *tidak berlaku* allowed).
        self.seen_strict: set[str] = set()
        #: Database empty values (``NULL``, ``\N``) met and read as blank cells.
        self.null_seen: set[str] = set()
        #: Folded spellings the form or mapping reads as a blank cell (``answers.kosong``).
        self.blanks: frozenset[str] = frozenset()
        #: Bare ``N`` cells where the context (the youngest child's age) says the
        #: indicator does not apply: evidence that ``N`` means *tidak berlaku*.
        self.n_where_not_applicable = 0
        self.blank_undecided: set[str] = set()


def form_scheme(form: Form) -> AnswerScheme | None:
    """The scheme a form fixes by listing a bare ``n`` among its spellings, if any.

    >>> from phbs.forms.loading import load_form
    >>> form_scheme(load_form("pispk-12").form), form_scheme(load_form("kemenkes-rt-10").form)
    (<AnswerScheme.YTN: 'ytn'>, None)
    """
    if BARE_N in {fold_answer(s) for s in form.answers.tidak_berlaku}:
        return AnswerScheme.YTN
    if BARE_N in {fold_answer(s) for s in form.answers.tidak}:
        return AnswerScheme.YN
    return None


def decide_scheme(
    seen: Iterable[str], form: Form, strict: Iterable[str] = ()
) -> AnswerScheme | None:
    """What a bare ``N`` means in a file whose indicator cells hold ``seen`` (folded), and
    ``strict`` on the indicators that always apply (where *tidak berlaku* is not allowed).

    ``None`` when there is no bare ``N`` (nothing to decide). With another spelling of
    *Tidak* beside it (``T``, ``tidak``, ``0``, ...), ``N`` is *tidak berlaku* (Y/T/N); with
    a spelling of *Ya* and no other *Tidak*, ``N`` is *Tidak* (Y/N). An ``N`` on an
    indicator that always applies can only be *Tidak*; beside another *Tidak* spelling the
    file is mixed. A file that spells both *Tidak* and *tidak berlaku* another way (``Tdk``
    and ``-``) could use ``N`` for either. Raises :class:`Undecided` when the file cannot
    tell (docs/aturan.md §6.2).

    >>> from phbs.forms.loading import load_form
    >>> form = load_form("kemenkes-rt-10").form
    >>> decide_scheme({"y", "t", "n"}, form), decide_scheme({"y", "n", "-"}, form)
    (<AnswerScheme.YTN: 'ytn'>, <AnswerScheme.YN: 'yn'>)
    >>> print(decide_scheme({"ya", "tidak"}, form))
    None
    >>> decide_scheme({"y", "t", "n"}, form, strict={"n"})
    Traceback (most recent call last):
    ...
    phbs.ingest.answers.Undecided
    >>> decide_scheme({"y", "tidak", "n", "-"}, form)
    Traceback (most recent call last):
    ...
    phbs.ingest.answers.Undecided
    """
    present = set(seen)
    if BARE_N not in present:
        return None
    other_no = {fold_answer(s) for s in form.answers.tidak} - {BARE_N}
    if BARE_N in set(strict):
        if present & other_no:
            raise Undecided
        return AnswerScheme.YN
    other_na = {fold_answer(s) for s in form.answers.tidak_berlaku} - {BARE_N}
    if present & other_no and present & other_na:
        raise Undecided  # N could stand for either: both have another spelling here
    scheme = scheme_for_n(present, form)
    if scheme is None:
        raise Undecided
    return scheme


def scheme_for_n(seen: Iterable[str], form: Form) -> AnswerScheme | None:
    """What a bare ``N`` would mean beside the spellings ``seen``, by the rule of
    :func:`decide_scheme`: Y/T/N beside another *Tidak* spelling, Y/N beside a *Ya* one.

    >>> from phbs.forms.loading import load_form
    >>> form = load_form("kemenkes-rt-10").form
    >>> scheme_for_n({"ya", "tidak"}, form), scheme_for_n({"y", "-"}, form)
    (<AnswerScheme.YTN: 'ytn'>, <AnswerScheme.YN: 'yn'>)
    """
    present = set(seen)
    if present & ({fold_answer(s) for s in form.answers.tidak} - {BARE_N}):
        return AnswerScheme.YTN
    if present & {fold_answer(s) for s in form.answers.ya}:
        return AnswerScheme.YN
    return None


@dataclass(frozen=True)
class SchemeChoice:
    """The reading of a bare ``N`` for one file and what decided it."""

    scheme: AnswerScheme | None  # None: the file has no bare N (as far as read)
    source: str  # "formulir", "opsi", "berkas" or "" (nothing to decide)


def fixed_scheme(form: Form, settings: ReadSettings) -> SchemeChoice | None:
    """The scheme fixed by the option or the form, before any file is read."""
    if settings.answers is not AnswerScheme.AUTO:
        return SchemeChoice(settings.answers, "opsi")
    scheme = form_scheme(form)
    return SchemeChoice(scheme, "formulir") if scheme is not None else None


def answer_table(form: Form, scheme: AnswerScheme | None, blank: BlankMeaning) -> AnswerTable:
    """The spellings of ``form`` and their states, a bare ``N`` read by ``scheme``.

    >>> from phbs.forms.loading import load_form
    >>> form = load_form("kemenkes-rt-10").form
    >>> table = answer_table(form, AnswerScheme.YN, BlankMeaning.MISSING)
    >>> table["n"] == NO, table["-"] == NA, "n" in answer_table(form, None, BlankMeaning.NA)
    (True, True, False)
    """
    answers: dict[str, int] = {}
    for spellings, state in (
        (form.answers.ya, YES),
        (form.answers.tidak, NO),
        (form.answers.tidak_berlaku, NA),
    ):
        for spelling in spellings:
            answers[fold_answer(spelling)] = state
    answers.pop(BARE_N, None)
    if scheme is AnswerScheme.YTN:
        answers[BARE_N] = NA
    elif scheme is AnswerScheme.YN:
        answers[BARE_N] = NO
    table = AnswerTable(answers, blank_na=blank is BlankMeaning.NA, scheme=scheme)
    table.blank_no = blank is BlankMeaning.NO
    table.blanks = frozenset(fold_answer(s) for s in form.answers.kosong)
    return table


def _undecided(table: RawTable) -> SurveyError:
    return SurveyError(
        f"{table.name}: arti 'N' di sel indikator tidak dapat ditentukan: 'tidak' (berkas "
        "Y/N) atau 'tidak berlaku' (kode Y/T/N PIS-PK) — tidak ada 'Y' atau 'T' di "
        "sampingnya; atau berkas menulis 'tidak' dan 'tidak berlaku' dengan ejaan lain juga "
        "(mis. 'Tdk' dan '-'), jadi 'N' bisa berarti keduanya; atau ada 'T' padahal 'N' juga "
        "dipakai pada indikator yang selalu "
        "berlaku (4–7); atau 'N' hanya muncul di tempat yang boleh tidak berlaku dan tepat di "
        "baris yang menurut umur anak indikatornya tidak berlaku. Pilih dengan --answers yn "
        "(N = tidak) atau --answers ytn (N = tidak berlaku).",
        f"{table.name}: the meaning of 'N' in indicator cells cannot be told: 'no' (a Y/N "
        "file) or 'not applicable' (PIS-PK's Y/T/N coding) — there is no 'Y' or 'T' beside "
        "it; or the file also spells 'no' and 'not applicable' another way (e.g. 'Tdk' and "
        "'-'), so 'N' could mean either; or there is a 'T' while 'N' is also used on "
        "indicators that always apply (4–7); "
        "or 'N' appears only where not applicable is possible, right on rows where the "
        "child's age says the indicator does not apply. Choose with --answers yn (N = no) or "
        "--answers ytn (N = not applicable).",
    )


def scheme_from_sample(table: RawTable, sample: Sample, form: Form) -> SchemeChoice:
    """What a bare ``N`` means in this file, from the spellings of its first rows; when they
    hold no ``N``, what one would mean beside them (checked again after the whole file)."""
    try:
        scheme = decide_scheme(sample.spellings, form, sample.strict_spellings)
    except Undecided:
        raise _undecided(table) from None
    if scheme is None:
        scheme = scheme_for_n(sample.spellings, form)
    return SchemeChoice(scheme, "berkas")


_SCHEME_WORDS = {
    None: ("tanpa arti N", "no meaning for N"),
    AnswerScheme.YN: ("N = tidak (berkas Y/N)", "N = no (a Y/N file)"),
    AnswerScheme.YTN: ("N = tidak berlaku (kode Y/T/N)", "N = not applicable (Y/T/N coding)"),
}


def check_scheme_after(
    table: RawTable, choice: SchemeChoice, answers: AnswerTable, form: Form
) -> None:
    """After the whole file: refuse it if its spellings, all of them now, say something
    else about a bare ``N`` than its first rows did (only a long file can)."""
    if choice.source != "berkas" or BARE_N not in answers.seen:
        return
    try:
        final = decide_scheme(answers.seen, form, answers.seen_strict)
    except Undecided:
        raise _undecided(table) from None
    if (
        final is AnswerScheme.YN
        and BARE_N not in answers.seen_strict
        and answers.n_where_not_applicable
    ):
        # N read as No, yet never on an indicator that always applies, and found exactly
        # where the child's age says the indicator does not apply: it may well be Y/T/N.
        raise _undecided(table)
    if final == choice.scheme:
        return
    first, whole = _SCHEME_WORDS[choice.scheme], _SCHEME_WORDS[final]
    raise SurveyError(
        f"{table.name}: baris-baris awal berkas menunjukkan {first[0]}, tetapi seluruh berkas "
        f"{whole[0]}; arti 'N' tidak tetap. Pilih dengan --answers yn (N = tidak) atau "
        "--answers ytn (N = tidak berlaku).",
        f"{table.name}: the first rows of the file show {first[1]}, but the whole file "
        f"{whole[1]}; the meaning of 'N' is not settled. Choose with --answers yn (N = no) "
        "or --answers ytn (N = not applicable).",
    )


def _check_marks(table: RawTable) -> SurveyError:
    return SurveyError(
        f"{table.name}: sel indikator berisi jawaban ya dan sel kosong saja, tidak pernah "
        "jawaban tidak: lembar centang? Sel kosong bisa berarti tidak (--blank tidak) atau "
        "belum diisi (--blank missing); pilih salah satu.",
        f"{table.name}: indicator cells hold yes answers and blank cells only, never a no: a "
        "check-mark sheet? A blank may mean no (--blank tidak) or not yet answered (--blank "
        "missing); choose one.",
    )


def _ticks_without_applicability(table: RawTable, codes: list[str]) -> SurveyError:
    listed = ", ".join(codes)
    return SurveyError(
        f"{table.name}: dengan --blank tidak, sel kosong di {listed} menjadi tidak, padahal "
        "indikator itu boleh tidak berlaku dan berkas ini tidak punya kolom umur anak maupun "
        "tanda tidak berlaku ('-'): rumah tangga tanpa balita akan dihitung tidak memenuhi. "
        "Tambahkan kolom umur anak termuda atau tanda '-' untuk yang tidak berlaku.",
        f"{table.name}: with --blank tidak, blanks in {listed} become no, though those "
        "indicators may not apply and this file has neither the youngest child's age nor a "
        "not-applicable mark ('-'): households without a child under five would fail them. "
        "Add the youngest child's age or '-' where an indicator does not apply.",
    )


#: Blank indicator cells, as a share of all, above which a file with ticks and blanks only
#: (never a no) is taken for a check-mark sheet whose blanks may mean no.
CHECK_MARK_BLANKS = 0.05
#: ... and in at least this many rows (one row cut short is not a check-mark sheet).
CHECK_MARK_ROWS = 3


def check_blanks(
    table: RawTable, answers: AnswerTable, form: Form, blank: BlankMeaning, blank_share: float
) -> None:
    """After the whole file: refuse it when its blank cells could mean *belum diisi* or
    *tidak berlaku* and no option said which (``--blank auto``, the default); likewise a
    file of ticks and blanks only (``blank_share`` of its indicator cells blank, never a
    *tidak*), whose blanks may mean *tidak*; and ``--blank tidak`` where nothing says which
    indicators do not apply.

    That is a file with blanks, read as *belum diisi*, on indicators that may be not
    applicable and that nothing in the row decides (indicators 8–10 always; 1–3 without the
    youngest child's age), which never writes a not-applicable mark: apps that store
    *tidak berlaku* as an empty value make exactly such files.
    """
    marks = {spelling for spelling, state in answers.items() if state == NA}
    by_context = [
        i.code
        for i in form.indicators
        if i.applies_to is not None
        and i.applies_to.context is not None
        and i.code in answers.blank_undecided
    ]
    if blank is BlankMeaning.NO and by_context and not answers.seen & marks:
        raise _ticks_without_applicability(table, by_context)
    said_no = {spelling for spelling, state in answers.items() if state == NO}
    ticks = blank_share >= CHECK_MARK_BLANKS and bool(answers.seen) and not answers.seen & said_no
    if blank is not BlankMeaning.AUTO or (answers.seen & marks and not ticks):
        return
    if not answers.blank_undecided or answers.seen & marks:
        if ticks:
            raise _check_marks(table)
        return
    undecided = [c for c in form.codes if c in answers.blank_undecided]
    listed = ", ".join(undecided)
    nulls = ", ".join(f"'{m}'" for m in sorted(answers.null_seen))
    if nulls:
        listed += f" ({nulls} = kosong)"
    raise SurveyError(
        f"{table.name}: sel kosong di {listed}, dan berkas ini tidak pernah menulis tanda "
        "tidak berlaku ('-'), jadi artinya tidak dapat ditentukan: belum diisi, atau tidak "
        "berlaku (ekspor aplikasi yang menyimpan 'tidak berlaku' sebagai kosong). Pilih dengan "
        "--blank missing (belum diisi: rumah tangganya belum lengkap) atau --blank na (tidak "
        f"berlaku){' atau, pada lembar centang, --blank tidak' if ticks else ''}.",
        f"{table.name}: blank cells in {listed}, and this file never writes a not-applicable "
        "mark ('-'), so their meaning cannot be told: not yet answered, or not applicable "
        "(exports of apps that store 'not applicable' as an empty value). Choose with "
        "--blank missing (not yet answered: the household is incomplete) or --blank na "
        f"(not applicable){' or, on a check-mark sheet, --blank tidak' if ticks else ''}.",
    )
