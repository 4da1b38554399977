"""Whether a read survey can be published as it is (the command line's gate, exit code 1):
something was scored, household ids mean what they seem to, and no file's answers were
spelled in a way nobody said the meaning of (docs/aturan.md §6.1)."""

from __future__ import annotations

from collections import Counter

from phbs.errors import SurveyError
from phbs.forms.model import fold_answer
from phbs.ingest.survey import IdScope, Survey
from phbs.ingest.understand import check_scored

#: Rows set aside as duplicate ids (with different answers), as a share of the rows read,
#: past which a result is not published: the ids are not what the run assumed.
DUPLICATE_ID_SHARE = 0.10
#: Share of a file's rows (and five) from which one unknown question refuses a file of answers.
UNKNOWN_QUESTION_SHARE = 0.05


#: An unknown answer spelling in at least this share of a file's indicator cells (and at
#: least :data:`COMMON_UNKNOWN_CELLS` of them) is a spelling of the file, not a typo: the file
#: is refused until it is said what the spelling means.
COMMON_UNKNOWN = 0.05


COMMON_UNKNOWN_CELLS = 5


def check_unknown_spellings(name: str, unknown: dict[str, int], cells: int) -> None:
    """Refuse a file whose indicator cells hold an answer spelling nobody said the meaning
    of, in so many cells that reading them as not yet answered would change the result
    (``V``, ``Tdk``, ``2``), not a typo here and there (docs/aturan.md §2.1)."""
    least = max(COMMON_UNKNOWN_CELLS, COMMON_UNKNOWN * cells)
    # A spelling with a letter or digit reads like an answer (``Tdk``, ``V``, ``2``); marks
    # such as ``??`` stay cells not yet answered, as each is reported.
    common = sorted(
        (s for s, n in unknown.items() if n >= least and any(c.isalnum() for c in s)),
        key=lambda s: -unknown[s],
    )
    if not common:
        return
    listed = ", ".join(f"'{s}' ({unknown[s]} sel)" for s in common[:5])
    listed_en = ", ".join(f"'{s}' ({unknown[s]} cells)" for s in common[:5])
    raise SurveyError(
        f"{name}: ejaan jawaban yang tidak dikenal formulir dipakai di banyak sel "
        f"indikator: {listed}. Katakan artinya di peta berkas (answers, lihat phbs map "
        "BERKAS --map PETA.yaml) atau di formulir; salah ketik: perbaiki di berkas.",
        f"{name}: answer spellings the form does not know fill many indicator cells: "
        f"{listed_en}. Say what they mean in a mapping (answers; see phbs map FILE --map "
        "MAP.yaml) or in the form; typos: fix them in the file.",
    )


def check_publishable(survey: Survey) -> None:
    """Refuse a result that cannot be published: nothing scored (:func:`check_scored`), or
    so many household ids used twice with different answers (at least
    :data:`DUPLICATE_ID_SHARE` of the rows, and five) that the ids must mean something else,
    such as numbers that restart in each village; or an answer spelling the form does not
    know in many indicator cells of a file (:func:`check_unknown_spellings`)."""
    lost = sum(1 for row in survey.set_aside if "id-notasi-ilmiah" in row.reasons)
    if lost >= 5 or lost >= DUPLICATE_ID_SHARE * survey.rows_read > 0:
        raise SurveyError(
            f"{lost} dari {survey.rows_read} baris punya ID dalam notasi ilmiah Excel "
            "(6,31001E+15): nomor KK/NIK-nya kehilangan angka belakang, jadi rumah tangga "
            "tidak dapat dibedakan. Format kolom ID sebagai Teks di Excel dan isi ulang "
            "nomornya, lalu simpan lagi.",
            f"{lost} of {survey.rows_read} rows have an id in Excel's scientific notation "
            "(6.31001E+15): their KK/NIK numbers lost their last digits, so households cannot "
            "be told apart. Format the id column as Text in Excel, fill the numbers in again, "
            "and save.",
        )
    check_scored(survey.rows_read, survey.rows_scored)
    check_unknown_questions(survey)
    unknown: dict[str, Counter[str]] = {}
    for issue in survey.issues:
        if issue.code == "jawaban-tidak-dikenal":
            unknown.setdefault(issue.file, Counter())[fold_answer(issue.value)] += 1
    width = len(survey.form.form.codes)
    for source in survey.files:
        if source.name in unknown:
            cells = max(1, source.rows_read * width)
            check_unknown_spellings(source.name, unknown[source.name], cells)
    clashes = sum(1 for row in survey.set_aside if "id-ganda" in row.reasons)
    if clashes < 5 or clashes < DUPLICATE_ID_SHARE * survey.rows_read:
        return
    per_village = survey.id_scope is IdScope.SURVEI
    advice = (
        "bila nomor rumah tangga diulang di tiap desa (atau tiap berkas Puskesmas), jalankan "
        "dengan --id-per-desa (atau id_scope: desa di peta berkas); bila tidak, perbaiki "
        "ID-nya"
        if per_village
        else "perbaiki ID-nya"
    )
    advice_en = (
        "if household numbers restart in each village (or each Puskesmas file), run with "
        "--id-per-desa (or id_scope: desa in a mapping); otherwise fix the ids"
        if per_village
        else "fix the ids"
    )
    raise SurveyError(
        f"{clashes} dari {survey.rows_read} baris disisihkan karena ID rumah tangganya sudah "
        f"dipakai rumah tangga lain (id-ganda): {advice}. Daftarnya: phbs validate atau "
        "--rejects BERKAS.csv.",
        f"{clashes} of {survey.rows_read} rows were set aside because their household id is "
        f"already used by another household (id-ganda): {advice_en}. The list: phbs validate "
        "or --rejects FILE.csv.",
    )


def check_unknown_questions(survey: Survey) -> None:
    """Refuse a file of answers whose rows ask, often, a question the form does not have
    (docs/aturan.md §6.6): set aside, its answers would leave households incomplete and the
    percentages wrong; the question is worded in the mapping (``questions``) instead."""
    asked: Counter[tuple[str, str]] = Counter()
    for issue in survey.issues:
        if issue.code == "pertanyaan-tidak-dikenal":
            asked[issue.file, issue.value] += 1
    rows = {f.name: (f.reading.shape_rows if f.reading else f.rows_read) for f in survey.files}
    frequent = [
        (file, question, count)
        for (file, question), count in asked.most_common()
        if count >= 5 and count >= UNKNOWN_QUESTION_SHARE * rows.get(file, 0)
    ]
    if not frequent:
        return
    listed = "; ".join(f"'{q}' ({n} baris di {f})" for f, q, n in frequent[:5])
    listed_en = "; ".join(f"'{q}' ({n} rows of {f})" for f, q, n in frequent[:5])
    raise SurveyError(
        f"pertanyaan yang tidak ada di formulir muncul di banyak baris: {listed}. Bila itu "
        "indikator atau umur anak, tulis di peta berkas di bawah questions (mis. "
        f'questions: {{persalinan_nakes: "{frequent[0][1]}"}}); bila bukan, di bawah '
        "ignore_questions. phbs map --map PETA mengusulkannya (aturan.md §6.6).",
        f"questions the form does not have occur in many rows: {listed_en}. If one is an "
        "indicator or the child's age, word it in the mapping under questions (e.g. "
        f'questions: {{persalinan_nakes: "{frequent[0][1]}"}}); if not, under '
        "ignore_questions. phbs map --map MAP proposes them (aturan.md §6.6).",
    )
