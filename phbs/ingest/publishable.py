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
    check_scored(survey.rows_read, survey.rows_scored)
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
