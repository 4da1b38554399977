"""A file is understood before it is scored (docs/aturan.md, *Membaca berkas*).

Before any row of a survey file is scored: the sheet that holds the survey is found
(:mod:`phbs.ingest.sheets`), its first rows are looked at (:mod:`phbs.ingest.sample`),
every required field must have its column (here), and a bare ``N`` and blank cells must have
one meaning (:mod:`phbs.ingest.answers`). What cannot be settled is refused with
:class:`~phbs.errors.SurveyError` and a message that says what to do; what was decided is
recorded (:class:`~phbs.ingest.survey.FileReading`) and shown in every output.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from phbs.errors import SurveyError, UnusableFileError
from phbs.forms.model import Form
from phbs.ingest.columns import STANDARD_FIELDS, ColumnMap, fold_header, match_columns
from phbs.ingest.raw_table import RawTable
from phbs.ingest.sample import Sample
from phbs.issues import Issue, make_issue


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

    >>> from phbs.forms.loading import load_form
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
            said, said_en = ambiguous[code].message_id, ambiguous[code].message_en
            missing.append(said[:1].lower() + said[1:])
            missing_en.append(said_en[:1].lower() + said_en[1:])
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
    identity = "id_rumah_tangga" in columns.index or "kode_desa" in columns.index
    if len(indicators) * 2 > len(form.codes) and not identity:
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
    village = "kode_desa"
    if village not in columns.index and village not in ambiguous and village not in misspelt:
        advice += ". Berkas satu desa tanpa kolom desa: --desa KODE (mis. --desa 63.10.01.1007)"
        advice_en += (
            ". A file of one village without a village column: --desa CODE (e.g. --desa "
            "63.10.01.1007)"
        )
    if len(missing) > 4:
        more = len(missing) - 3
        missing = [*missing[:3], f"… dan {more} lagi"]
        missing_en = [*missing_en[:3], f"… and {more} more"]
    if not form.headers:  # no mapping yet: a file made another way may need one
        advice += f". Berkas dengan judul sendiri: phbs map {table.name} -o peta.yaml"
        advice_en += f". A file with its own headers: phbs map {table.name} -o map.yaml"
    raise SurveyError(
        f"{where}: kolom wajib bermasalah di baris judul {table.header_row}: "
        + "; ".join(missing)
        + f". {advice}.{other_sheets and ' ' + other_sheets}",
        f"{where_en}: required columns not usable at header row {table.header_row}: "
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


if not TYPE_CHECKING:  # names of version 0.1, handed on with a warning for a release
    from phbs._moved import handed_on

    __getattr__ = handed_on(__name__)
