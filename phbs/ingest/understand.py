"""A file is understood before it is scored (docs/aturan.md, *Membaca berkas*).

Before any row of a survey file is scored: the sheet that holds the survey is found, every
required field must have its column, and a bare ``N`` must have one meaning. What cannot be
settled is refused with :class:`~phbs.errors.SurveyError` and a message that says what to
do; what was decided is recorded (:class:`~phbs.ingest.survey.FileReading`) and shown in
every output.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice

from phbs.errors import SurveyError, UnusableFileError
from phbs.forms import Form, fold_answer
from phbs.ingest.answers import (
    BARE_N,
    AnswerTable,
    SchemeChoice,
    Undecided,
    decide_scheme,
    scheme_for_n,
)
from phbs.ingest.columns import STANDARD_FIELDS, ColumnMap, fold_header, match_columns
from phbs.ingest.exports import detect_export, is_hxl_row
from phbs.ingest.readers import RawTable, SheetHead, open_table, sheet_heads
from phbs.ingest.settings import AnswerScheme, BlankMeaning
from phbs.issues import Issue, make_issue
from phbs.states import NA

#: Rows of a file looked at to decide what a bare ``N`` means (the whole of most files).
SCHEME_SAMPLE_ROWS = 20_000
#: A survey's header row has at least this many filled cells (household id, village,
#: indicators): rows with fewer above it are a title block.
HEADER_CELLS = 3
#: Non-blank village cells (and the rows they are taken from) that say whether a file's
#: village column holds codes or names.
VILLAGE_SAMPLE_CELLS = 200
VILLAGE_SAMPLE_ROWS = 2_000


def required_fields(form: Form) -> list[str]:
    """Fields a survey file must have: the identity columns and every indicator."""
    return [f.code for f in STANDARD_FIELDS if f.required] + form.codes


def _spellings(form: Form, code: str) -> list[str]:
    for std in STANDARD_FIELDS:
        if std.code == code:
            return [std.code, *std.aliases]
    for ind in form.indicators:
        if ind.code == code:
            return [ind.code, ind.name, ind.name_en, *ind.aliases]
    return [code]


def closest_header(form: Form, code: str, headers: Sequence[str]) -> str | None:
    """The header most like one of ``code``'s spellings, if any is close.

    >>> from phbs.forms import load_form
    >>> form = load_form("kemenkes-rt-10").form
    >>> closest_header(form, "jamban_sehat", ["id", "jamban_sehta", "air_bersih"])
    'jamban_sehta'
    >>> print(closest_header(form, "jamban_sehat", ["petugas"]))
    None
    """
    best: tuple[float, str] | None = None
    for header in headers:
        folded = fold_header(header)
        if not folded:
            continue
        for spelling in _spellings(form, code):
            ratio = difflib.SequenceMatcher(None, fold_header(spelling), folded).ratio()
            if ratio >= 0.6 and (best is None or ratio > best[0]):
                best = (ratio, header)
    return best[1] if best else None


def missing_columns_error(
    name: str,
    header_row: int,
    header: Sequence[str],
    missing: Sequence[str],
    spellings: dict[str, Sequence[str]],
    *,
    what: tuple[str, str],
) -> UnusableFileError:
    """The refusal of a file (``what``: its kind in Indonesian and English) that lacks the
    ``missing`` columns, each with the header most like one of its ``spellings``.

    >>> error = missing_columns_error(
    ...     "juri.csv", 1, ["kode_desa", "juri", "nilia"], ["nilai"], {"nilai": ["nilai"]},
    ...     what=("berkas nilai juri", "judges' file"),
    ... )
    >>> print(error.message_en.split(": ", 3)[-1])
    'nilai' (did you mean 'nilia'?)
    """
    parts: list[str] = []
    parts_en: list[str] = []
    for field in missing:
        best: tuple[float, str] | None = None
        for title in header:
            folded = fold_header(title)
            for spelling in spellings.get(field, [field]):
                ratio = difflib.SequenceMatcher(None, fold_header(spelling), folded).ratio()
                if folded and ratio >= 0.6 and (best is None or ratio > best[0]):
                    best = (ratio, title)
        hint = f" (mungkin '{best[1]}'?)" if best else ""
        hint_en = f" (did you mean '{best[1]}'?)" if best else ""
        parts.append(f"'{field}'{hint}")
        parts_en.append(f"'{field}'{hint_en}")
    return UnusableFileError(
        f"{name}: {what[0]}: kolom wajib tidak ditemukan di baris judul {header_row}: "
        + ", ".join(parts),
        f"{name}: {what[1]}: required column not found at header row {header_row}: "
        + ", ".join(parts_en),
    )


def require_columns(
    table: RawTable,
    missing: Sequence[str],
    aliases: Mapping[str, Iterable[str]],
    *,
    what: tuple[str, str],
) -> None:
    """Refuse ``table`` when fields are ``missing`` (see :func:`missing_columns_error`):
    a contest or villages file without them would count every village as zero."""
    if missing:
        raise missing_columns_error(
            table.name,
            table.header_row,
            table.header,
            missing,
            {name: [name, *aliases.get(name, ())] for name in missing},
            what=what,
        )


def _unmatched_headers(header: Sequence[str], columns: ColumnMap) -> list[str]:
    used = set(columns.index.values())
    return [h for i, h in enumerate(header) if i not in used and h.strip()]


def check_columns(table: RawTable, columns: ColumnMap, form: Form, *, other_sheets: str) -> None:
    """Refuse a file where a required field has no column, or two (exit 1).

    ``other_sheets`` is a hint naming sheets that look like the survey (or empty).
    """
    ambiguous = {i.column: i for i in columns.issues if i.code == "kolom-ambigu"}
    misspelt: set[str] = set()
    missing: list[str] = []
    missing_en: list[str] = []
    spare = _unmatched_headers(table.header, columns)
    for code in required_fields(form):
        if code in columns.index:
            continue
        if code in ambiguous:
            missing.append(ambiguous[code].message_id)
            missing_en.append(ambiguous[code].message_en)
            continue
        guess = closest_header(form, code, spare)
        if guess is not None:
            misspelt.add(code)
            missing.append(f"'{code}' tidak ditemukan (mungkin '{guess}'?)")
            missing_en.append(f"'{code}' not found (did you mean '{guess}'?)")
        else:
            missing.append(f"'{code}' tidak ditemukan")
            missing_en.append(f"'{code}' not found")
    if not missing:
        return
    where = f"{table.name}" + (f", lembar '{table.sheet}'" if table.sheet else "")
    where_en = f"{table.name}" + (f", sheet '{table.sheet}'" if table.sheet else "")
    indicators = [
        c
        for c in required_fields(form)
        if c not in columns.index and c not in ambiguous and c not in misspelt and c in form.codes
    ]
    flags = " ".join(f"--not-collected {c}" for c in indicators[:3])
    if len(indicators) * 2 > len(form.codes):
        advice = (
            f"Berkas ini tampaknya bukan untuk formulir {form.id}: pilih formulirnya dengan "
            "--form NAMA (lihat phbs forms list), atau perbaiki judul kolom"
        )
        advice_en = (
            f"This file does not look like form {form.id}: choose its form with --form NAME "
            "(see phbs forms list), or fix the column headers"
        )
    elif indicators:
        advice = (
            f"Perbaiki judul kolom (lihat phbs forms show {form.id}), atau bila indikator itu "
            f"memang tidak dikumpulkan, jalankan dengan {flags}"
        )
        advice_en = (
            f"Fix the column headers (see phbs forms show {form.id}), or if the indicator "
            f"really was not collected, run with {flags}"
        )
    elif ambiguous and not misspelt:
        advice = (
            "Hapus salah satu kolom itu atau beri nama lain (mis. ekspor dari dua versi "
            "formulir yang digabung)"
        )
        advice_en = (
            "Delete one of those columns or rename it (e.g. exports of two form versions "
            "pasted together)"
        )
    else:
        advice = f"Perbaiki judul kolom (lihat phbs forms show {form.id})"
        advice_en = f"Fix the column headers (see phbs forms show {form.id})"
    if len(missing) > 4:
        more = len(missing) - 3
        missing = [*missing[:3], f"… dan {more} lagi"]
        missing_en = [*missing_en[:3], f"… and {more} more"]
    raise SurveyError(
        f"{where}: kolom wajib bermasalah di baris judul {table.header_row}: "
        + "; ".join(missing)
        + f". {advice}.{other_sheets and ' ' + other_sheets}",
        f"{where_en}: required columns missing at header row {table.header_row}: "
        + "; ".join(missing_en)
        + f". {advice_en}.{other_sheets and ' ' + other_sheets}",
    )


def check_not_collected(
    table: RawTable,
    complete: Form,
    not_collected: Sequence[str],
    ignore: Collection[int],
    sample: Sample,
) -> None:
    """Refuse a file that has a column holding data, under the indicator's header or one
    much like it, for an indicator the user said was not collected: its answers would be
    dropped without a word. An empty column (a template's) is fine."""
    if not not_collected:
        return
    columns = match_columns(list(table.header), complete, file=table.name, ignore=ignore)
    spare = [
        title
        for position, title in enumerate(table.header)
        if position in sample.with_data and title in _unmatched_headers(table.header, columns)
    ]
    for code in not_collected:
        if code in columns.index and columns.index[code] in sample.with_data:
            header = table.header[columns.index[code]]
            found, found_en = f"kolom '{header}'", f"column '{header}'"
        else:
            guess = closest_header(complete, code, spare)
            if guess is None:
                continue
            found = f"kolom '{guess}' (mungkin salah ketik '{code}')"
            found_en = f"column '{guess}' (perhaps a misspelt '{code}')"
        raise SurveyError(
            f"{table.name}: --not-collected {code}, tetapi berkas ini punya {found}; "
            f"jawabannya akan dibuang. Bila kolom itu memang indikator {code}, perbaiki judulnya "
            "dan jalankan tanpa --not-collected.",
            f"{table.name}: --not-collected {code}, but this file has {found_en}; its answers "
            f"would be dropped. If that column is indicator {code}, fix its header and run "
            "without --not-collected.",
        )


def _column_index(reference: str) -> int:
    """The 0-based column of a cell reference like ``AB12``.

    >>> _column_index("C2"), _column_index("AB12")
    (2, 27)
    """
    number = 0
    for letter in reference:
        if not letter.isalpha():
            break
        number = number * 26 + ord(letter.upper()) - ord("A") + 1
    return number - 1


def check_formula_cells(table: RawTable, columns: ColumnMap) -> None:
    """Refuse a sheet whose cells in the columns read hold an Excel error (#N/A, #REF!) or
    a formula saved without its value: both would be read as blank (an unknown age read as
    "no child under five", an answer as missing)."""
    used = set(columns.index.values())
    bad = [(ref, kind) for ref, kind in table.formula_cells if _column_index(ref) in used]
    if not bad:
        return
    errors = [ref for ref, kind in bad if kind == "error"]
    uncached = [ref for ref, kind in bad if kind == "uncached"]
    parts, parts_en = [], []
    if errors:
        listed = ", ".join(errors[:5])
        parts.append(f"sel berisi galat rumus Excel (mis. #N/A) di {listed}: perbaiki rumusnya")
        parts_en.append(f"cells hold an Excel formula error (e.g. #N/A) at {listed}: fix it")
    if uncached:
        listed = ", ".join(uncached[:5])
        parts.append(
            f"sel berisi rumus tanpa nilai tersimpan di {listed} (berkas dibuat program yang "
            "tidak menghitung): buka dan simpan ulang di Excel atau LibreOffice"
        )
        parts_en.append(
            f"cells hold a formula with no saved value at {listed} (made by a program that "
            "does not calculate): open and save the file again in Excel or LibreOffice"
        )
    where = f"{table.name}, lembar '{table.sheet}'"
    where_en = f"{table.name}, sheet '{table.sheet}'"
    raise SurveyError(
        f"{where}: " + "; ".join(parts) + ", atau salin dan tempel sebagai nilai.",
        f"{where_en}: " + "; ".join(parts_en) + ", or copy and paste them as values.",
    )


def looks_like_survey(header: Sequence[str], form: Form, name: str) -> bool:
    """Whether a header row is recognisably the form's survey header: a household id (or an
    export's submission id) and at least half of the indicators (a village recap has the
    indicators but no household id)."""
    layout = detect_export(list(header))
    columns = match_columns(list(header), form, file=name, ignore=layout.ignored)
    found = set(columns.index) | {i.column for i in columns.issues if i.code == "kolom-ambigu"}
    identity = "id_rumah_tangga" in found or layout.instance_column is not None
    indicators = sum(1 for code in form.codes if code in found)
    return identity and indicators * 2 >= len(form.codes)


def _listed(heads: Sequence[SheetHead]) -> tuple[str, str]:
    names = [
        (f"'{h.name}'", f"'{h.name}'")
        if h.visible
        else (f"'{h.name}' (tersembunyi)", f"'{h.name}' (hidden)")
        for h in heads
    ]
    return ", ".join(n for n, _ in names), ", ".join(n for _, n in names)


def choose_sheet(
    table: RawTable, form: Form, *, sheet_given: bool
) -> tuple[RawTable, Issue | None, str]:
    """The table to read: ``table`` itself, or the one sheet of its workbook that holds
    the survey when ``table``'s sheet does not (and no sheet was asked for).

    Returns the table, a warning when another sheet was taken, and a hint naming the sheets
    that look right (for the error about missing columns). Raises :class:`SurveyError`
    when, without ``--sheet``, several sheets look like the survey: reading one of them
    would leave the others out without a word.
    """
    if table.sheet is None or len(table.sheets) < 2:
        return table, None, ""
    heads = sheet_heads(table.path, HEADER_CELLS)
    candidates = [h for h in heads if h.header and looks_like_survey(h.header, form, table.name)]
    candidates.sort(key=lambda h: not h.visible)  # a visible sheet is suggested first
    listed, listed_en = _listed(candidates)
    if sheet_given:
        others = [h for h in candidates if h.name != table.sheet]
        if not others or looks_like_survey(table.header, form, table.name):
            return table, None, ""
        return (
            table,
            None,
            f'Lembar yang tampak berisi survei: {listed} (--sheet "{others[0].name}").',
        )
    if len(candidates) > 1:
        raise SurveyError(
            f"{table.name}: beberapa lembar tampak berisi survei: {listed}. phbs membaca satu "
            f'lembar per berkas: pilih dengan --sheet "{candidates[0].name}", atau simpan tiap '
            "lembar sebagai berkas sendiri (mis. CSV) lalu beri semuanya sekaligus.",
            f"{table.name}: several sheets look like the survey: {listed_en}. phbs reads one "
            f'sheet per file: choose with --sheet "{candidates[0].name}", or save each sheet '
            "as a file of its own (e.g. CSV) and give them all at once.",
        )
    if not candidates or candidates[0].name == table.sheet:
        return table, None, ""
    chosen = open_table(table.path, sheet=candidates[0].name, header_cells=HEADER_CELLS)
    issue = make_issue(
        "lembar-dipilih",
        file=table.name,
        row=chosen.header_row,
        value=chosen.sheet or "",
        first=table.sheet,
        chosen=chosen.sheet or "",
    )
    table.close()
    return chosen, issue, ""


@dataclass(frozen=True)
class Sample:
    """What a file's first rows show before it is scored."""

    spellings: frozenset[str]  # folded, in the indicator cells
    strict_spellings: frozenset[str]  # folded, in the cells of indicators that always apply
    unnamed_with_data: tuple[int, ...]  # positions of columns with data and a blank header
    with_data: frozenset[int]  # positions of every column that holds data
    #: The first non-blank cells of each village column asked for (names or codes?).
    village_cells: dict[int, tuple[str, ...]]


def _head(table: RawTable) -> Iterator[list[str]]:
    """A file's first rows without consuming ``table``: a CSV is opened again (it is read
    in blocks); a sheet, already in memory, has its first rows put back in front."""
    if table.segments is not None:
        again = open_table(table.path, sheet=table.sheet, header_cells=HEADER_CELLS)
        try:
            for _row, cells in islice(again.rows, SCHEME_SAMPLE_ROWS):
                yield cells
        finally:
            again.close()
        return
    first = list(islice(table.rows, SCHEME_SAMPLE_ROWS))
    table.rows = chain(first, table.rows)
    for _row, cells in first:
        yield cells


def sample_rows(
    table: RawTable, columns: ColumnMap, form: Form, village_at: Sequence[int] = ()
) -> Sample:
    """Look at a file's first :data:`SCHEME_SAMPLE_ROWS` rows: the indicator spellings,
    the unnamed columns holding data, and up to :data:`VILLAGE_SAMPLE_CELLS` cells of the
    columns ``village_at`` in the first :data:`VILLAGE_SAMPLE_ROWS` rows (not ``#hxl`` tags).
    """
    positions = [columns.index[c] for c in form.codes if c in columns.index]
    strict = {
        columns.index[i.code]
        for i in form.indicators
        if i.code in columns.index and not i.na_mark_allowed
    }
    unnamed = {i for i, title in enumerate(table.header) if not fold_header(title)}
    seen: set[str] = set()
    seen_strict: set[str] = set()
    with_data: set[int] = set()
    villages: dict[int, list[str]] = {at: [] for at in village_at}
    for count, cells in enumerate(_head(table)):
        for position in positions:
            if position < len(cells) and cells[position].strip():
                folded = fold_answer(cells[position])
                seen.add(folded)
                if position in strict:
                    seen_strict.add(folded)
        for position, cell in enumerate(cells):
            if position not in with_data and cell.strip():
                with_data.add(position)
        if count < VILLAGE_SAMPLE_ROWS and not is_hxl_row(cells):
            for at, found in villages.items():
                value = cells[at].strip() if at < len(cells) else ""
                if value and len(found) < VILLAGE_SAMPLE_CELLS:
                    found.append(value)
    return Sample(
        frozenset(seen),
        frozenset(seen_strict),
        tuple(sorted(with_data & unnamed)),
        frozenset(with_data),
        {at: tuple(found) for at, found in villages.items()},
    )


def _undecided(table: RawTable) -> SurveyError:
    return SurveyError(
        f"{table.name}: arti 'N' di sel indikator tidak dapat ditentukan: 'tidak' (berkas "
        "Y/N) atau 'tidak berlaku' (kode Y/T/N PIS-PK) — tidak ada 'Y' atau 'T' di "
        "sampingnya, atau ada 'T' padahal 'N' juga dipakai pada indikator yang selalu "
        "berlaku (4–7). Pilih dengan --answers yn (N = tidak) atau --answers ytn (N = tidak "
        "berlaku).",
        f"{table.name}: the meaning of 'N' in indicator cells cannot be told: 'no' (a Y/N "
        "file) or 'not applicable' (PIS-PK's Y/T/N coding) — there is no 'Y' or 'T' beside "
        "it, or there is a 'T' while 'N' is also used on indicators that always apply (4–7). "
        "Choose with --answers yn (N = no) or --answers ytn (N = not applicable).",
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


def check_context(table: RawTable, columns: ColumnMap, form: Form, sample: Sample) -> None:
    """Refuse a file whose column that decides applicability (the youngest child's age) is
    missing while a header looks like a misspelling of it, or a column without a header
    holds data: reading the answers without it would change who each indicator applies to.
    """
    spare = _unmatched_headers(table.header, columns)
    for ctx in form.context:
        if ctx.code in columns.index:
            continue
        spellings = [ctx.code, ctx.name, ctx.name_en, *ctx.aliases]
        guess = None
        for header in spare:
            folded = fold_header(header)
            if any(
                difflib.SequenceMatcher(None, fold_header(s), folded).ratio() >= 0.8
                for s in spellings
            ):
                guess = header
                break
        where = f"kolom ke-{sample.unnamed_with_data[0] + 1}" if sample.unnamed_with_data else ""
        if guess is None and not where:
            continue
        found = f"mungkin '{guess}'?" if guess else f"{where} tidak berjudul tetapi berisi data"
        found_en = (
            f"did you mean '{guess}'?"
            if guess
            else f"column {sample.unnamed_with_data[0] + 1} has no header but holds data"
        )
        raise SurveyError(
            f"{table.name}: kolom '{ctx.code}' ({ctx.name}) tidak ditemukan ({found}); tanpa "
            "kolom itu keberlakuan indikator ditentukan oleh tanda '-' saja, dan hasilnya "
            "berubah. Perbaiki judul kolomnya.",
            f"{table.name}: column '{ctx.code}' ({ctx.name_en}) not found ({found_en}); "
            "without it only the '-' marks decide which indicators apply, and the results "
            "change. Fix the column header.",
        )


def unnamed_columns_issue(table: RawTable, sample: Sample) -> Issue | None:
    """A warning for columns that hold data under a blank header (they are not read)."""
    if not sample.unnamed_with_data:
        return None
    listed = ", ".join(str(p + 1) for p in sample.unnamed_with_data)
    return make_issue("kolom-tanpa-judul", file=table.name, row=table.header_row, value=listed)


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


def check_blanks(table: RawTable, answers: AnswerTable, form: Form, blank: BlankMeaning) -> None:
    """After the whole file: refuse it when its blank cells could mean *belum diisi* or
    *tidak berlaku* and no option said which (``--blank auto``, the default).

    That is a file with blanks, read as *belum diisi*, on indicators that may be not
    applicable and that nothing in the row decides (indicators 8–10 always; 1–3 without the
    youngest child's age), which never writes a not-applicable mark: apps that store
    *tidak berlaku* as an empty value make exactly such files.
    """
    if blank is not BlankMeaning.AUTO or not answers.blank_undecided:
        return
    marks = {spelling for spelling, state in answers.items() if state == NA}
    if answers.seen & marks:
        return
    undecided = [c for c in form.codes if c in answers.blank_undecided]
    listed = ", ".join(undecided)
    raise SurveyError(
        f"{table.name}: sel kosong di {listed}, dan berkas ini tidak pernah menulis tanda "
        "tidak berlaku ('-'), jadi artinya tidak dapat ditentukan: belum diisi, atau tidak "
        "berlaku (ekspor aplikasi yang menyimpan 'tidak berlaku' sebagai kosong). Pilih dengan "
        "--blank missing (belum diisi: rumah tangganya belum lengkap) atau --blank na (tidak "
        "berlaku).",
        f"{table.name}: blank cells in {listed}, and this file never writes a not-applicable "
        "mark ('-'), so their meaning cannot be told: not yet answered, or not applicable "
        "(exports of apps that store 'not applicable' as an empty value). Choose with "
        "--blank missing (not yet answered: the household is incomplete) or --blank na "
        "(not applicable).",
    )


def check_scored(rows_read: int, rows_scored: int) -> None:
    """Refuse a result with no household in it: every row was set aside (or none read).

    >>> try:
    ...     check_scored(3, 0)
    ... except SurveyError as error:
    ...     print(error.message_en[:41])
    Not a single household could be scored: 3
    """
    if rows_scored:
        return
    if not rows_read:
        raise SurveyError(
            "Berkas survei tidak berisi baris data: hanya baris judul.",
            "The survey file holds no data rows: only the header.",
        )
    raise SurveyError(
        f"Tidak ada satu rumah tangga pun yang dapat diskor: {rows_read} baris dibaca, "
        "semuanya disisihkan. Lihat alasannya dengan phbs validate atau --rejects BERKAS.csv.",
        f"Not a single household could be scored: {rows_read} rows read, all of them set "
        "aside. See why with phbs validate or --rejects FILE.csv.",
    )
