"""The text of a proposed mapping file: YAML with a comment on every line a person checks.

Strings are written as double-quoted YAML scalars (JSON's spelling, which YAML reads the
same), so any header (``No. KK``, ``#``, ``1``) stays text. Values of personal columns
(the head's name, a KK number) are not copied into comments: a mapping is shared for help.
"""

from __future__ import annotations

import difflib
import json
import re

from phbs.forms.model import Form
from phbs.i18n import Lang
from phbs.ingest.columns import PERSONAL_FIELDS, fold_header
from phbs.ingest.mapping import QUESTION
from phbs.ingest.proposal import EXPORT, GIVEN, KECAMATAN, KNOWN, Column, Proposal
from phbs.ingest.propose import SHOWN_VALUES
from phbs.ingest.values import is_card_number
from phbs.regions import region_table

_TEXT: dict[str, tuple[str, str]] = {
    "head": (
        "Peta berkas phbs untuk {file} (dibuat oleh phbs map; keterangan: docs/pemetaan.md).",
        "phbs mapping for {file} (written by phbs map; reference: docs/pemetaan.md).",
    ),
    "check": (
        'Periksa setiap baris. Nilai "?" adalah pertanyaan (cari TANYA): jawab semuanya, lalu',
        'Check every line. A value "?" is a question (look for TANYA): answer them all, then',
    ),
    "sheet": ("lembar yang dibaca", "the sheet read"),
    "sheet_q": (
        "TANYA: lembar mana berisi survei? Lembar: {sheets}",
        "TANYA: which sheet holds the survey? Sheets: {sheets}",
    ),
    "header_row": ("baris judul kolom", "the row of column headers"),
    "sheet_then": (
        "sesudah lembar dipilih, baris judul dan kolomnya diusulkan oleh: {command}",
        "once the sheet is chosen, its header row and columns are proposed by: {command}",
    ),
    "skip_rows": (
        "baris yang bukan rumah tangga (nomor kolom; jumlah dan tanda tangan di bawah tabel)",
        "rows that are not households (column numbers; totals and signatures under the table)",
    ),
    "columns": (
        "isian formulir: judul kolomnya di berkas (keterangan · contoh isi)",
        "form field: its column's header in the file (why · sample values)",
    ),
    "missing_q": (
        "TANYA: kolom mana berisi {field}? Kolom yang belum dipakai: {free}",
        "TANYA: which column holds {field}? Columns not used yet: {free}",
    ),
    "optional": (
        "tidak ditemukan (boleh tidak ada): {fields}",
        "not found (optional): {fields}",
    ),
    "ignore": (
        "kolom yang tidak dibaca (pindahkan ke columns bila berisi isian formulir)",
        "columns not read (move one to columns if it holds a form field)",
    ),
    "answers": (
        "ejaan jawaban selain ejaan formulir {form}",
        "answer spellings besides those of form {form}",
    ),
    "rare": (
        "{count} ejaan jarang di sel indikator (salah ketik?) tidak disalin ke sini; phbs "
        "validate melaporkannya sebagai jawaban-tidak-dikenal",
        "{count} rare spelling(s) in indicator cells (typos?) are not copied here; phbs "
        "validate reports them as jawaban-tidak-dikenal",
    ),
    "usual": ("ejaan lazim: periksa", "a usual spelling: check it"),
    "kecamatan": (
        "kolom '{header}' (kecamatan) dibaca di samping nama desa untuk mempersempit "
        "pencocokannya; jangan masukkan ke ignore",
        "column '{header}' (kecamatan) is read beside village names to narrow their "
        "matching; do not put it under ignore",
    ),
    "years_q": (
        "TANYA: kolom '{header}' tampak berisi umur dalam tahun, sedangkan formulir memakai "
        "bulan. Bila isinya memang bulan, tulis judulnya di sini; bila tahun, hapus baris ini "
        "(kolom itu tetap di ignore: tanda '-' di indikator 1–3 yang menentukan) atau ubah "
        "kolomnya ke bulan di berkas",
        "TANYA: column '{header}' seems to hold ages in years, while the form counts months. "
        "If it holds months, write its header here; if years, delete this line (the column "
        "stays under ignore: the '-' marks on indicators 1–3 decide) or turn the column into "
        "months in the file",
    ),
    "hidden": (" (tersembunyi)", " (hidden)"),
    "id_scope": (
        "nomor rumah tangga diulang di tiap desa: unik per desa",
        "household numbers restart in each village: unique per village",
    ),
    "region_found": (
        "desa bernama seperti di berkas ada di (nama yang ada di dua desa wilayah itu "
        "disisihkan, kecuali kolom kecamatan menentukannya): {areas}",
        "villages of these names are in (a name found twice in the area is set aside unless a "
        "kecamatan column settles it): {areas}",
    ),
    "blank_check": (
        "TANYA: berkas hanya berisi tanda ya dan sel kosong (lembar centang?). Sel kosong "
        "berarti tidak (tidak), belum diisi (missing) atau tidak berlaku (na)?",
        "TANYA: the file holds only marks for yes and blank cells (a check-mark sheet?). Does "
        "a blank mean no (tidak), not yet answered (missing) or not applicable (na)?",
    ),
    "answers_q": (
        "TANYA: pindahkan setiap ejaan ini ke ya, tidak atau tidak_berlaku",
        "TANYA: move each of these spellings to ya, tidak or tidak_berlaku",
    ),
    "region": (
        "nama desa dicocokkan dengan kode Kemendagri di wilayah ini (semua nama ada di sana)",
        "village names are matched to Kemendagri codes within this area (all names are there)",
    ),
    "region_q": (
        "TANYA: kolom desa berisi nama; kode kecamatan (PP.KK.CC) atau kabupaten/kota (PP.KK) "
        "tempat nama-nama itu dicari?",
        "TANYA: the village column holds names; the kecamatan (PP.KK.CC) or regency/city "
        "(PP.KK) code to look them up in?",
    ),
    "blank_q": (
        "TANYA: sel indikator kosong berarti belum diisi (missing), tidak berlaku (na) atau "
        "tidak (tidak, lembar centang)?",
        "TANYA: does a blank indicator cell mean not yet answered (missing), not applicable "
        "(na) or no (tidak, a check-mark sheet)?",
    ),
    "personal": ("data pribadi, isi tidak ditampilkan", "personal data, values not shown"),
    "shape_anggota": (
        "satu baris per anggota keluarga (rata-rata {rows} baris per nomor KK): baris satu "
        "KK digabung menjadi satu rumah tangga (aturan.md §6.6)",
        "one row per family member ({rows} rows per family-card number on average): the rows "
        "of one KK are folded into one household (aturan.md §6.6)",
    ),
    "shape_rekap": (
        "rekap desa: satu baris per desa dengan jumlahnya (aturan.md §6.7)",
        "a village recap: one row per village with its counts (aturan.md §6.7)",
    ),
    "shape_jawaban": (
        "satu baris per jawaban (rumah tangga, pertanyaan, jawaban): disusun menjadi satu "
        "baris per rumah tangga (aturan.md §6.6)",
        "one row per answer (household, question, answer): turned into one row per household "
        "(aturan.md §6.6)",
    ),
    "empty": ("kosong", "empty"),
    "long_numbers": ("angka panjang, isi tidak ditampilkan", "long numbers, values not shown"),
}


#: Digits from which a value is taken for an identifier, not shown in a mapping.
LONG_NUMBER = 10
_VILLAGE_CODE = re.compile(r"\d{2}\.?\d{2}\.?\d{2}\.?\d{4}")


def _say(key: str, lang: Lang, **values: object) -> str:
    text = _TEXT[key][lang == "en"]
    return text.format(**values) if values else text


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _listed(items: list[str]) -> str:
    return "[" + ", ".join(_quoted(i) for i in items) + "]"


_WHY: dict[str, tuple[str, str]] = {
    KNOWN: ("judul dikenal", "known header"),
    EXPORT: ("kolom sistem ekspor", "export system column"),
    GIVEN: ("dari peta", "from the mapping"),
    "number": ("indikator nomor {0}", "indicator number {0}"),
    "close": ("mirip '{0}'", "close to '{0}'"),
    "question": ("mirip pertanyaan indikator", "close to the indicator's question"),
    "kk": ("nomor KK", "family-card number"),
    "age": ("judul umur anak: periksa satuannya (bulan)", "child's age: check the unit (months)"),
    "names": ("nama desa (dicocokkan ke kode)", "village names (matched to codes)"),
    "claimed": ("'{0}'? satu dari {1} kolom", "'{0}'? one of {1} columns"),
    "years": ("umur dalam tahun?", "age in years?"),
    "questions": (
        "berisi pertanyaan formulir ({0} indikator)",
        "holds the form's questions ({0} indicators)",
    ),
    "answers": ("berisi jawabannya", "holds their answers"),
    "recap": ("judul rekap", "recap header"),
    "member-age": (
        "umur setiap anggota dalam bulan: yang termuda di bawah 60 bulan menjadi umur anak "
        "termuda rumah tangga",
        "each member's age in months: the youngest under 60 months is the household's "
        "youngest child's age",
    ),
}


def _why(column: Column, lang: Lang) -> str:
    """Why a column was proposed, in words."""
    key, *values = column.why.split(":")
    if key not in _WHY:
        return column.why
    return _WHY[key][lang == "en"].format(*values)


def _sample(column: Column, lang: Lang) -> str:
    if column.field in PERSONAL_FIELDS or any(is_card_number(v) for v in column.values[:50]):
        return _say("personal", lang)
    # A long number (an identity, an employee number, a telephone) is not copied; a village
    # code is.
    filled = [
        v
        for v in column.values
        if v and (sum(c.isdigit() for c in v) < LONG_NUMBER or _VILLAGE_CODE.fullmatch(v))
    ]
    shown = filled[:SHOWN_VALUES]
    if not shown:
        return _say("long_numbers" if any(column.values) else "empty", lang)
    more = " …" if len(filled) > SHOWN_VALUES else ""
    return ", ".join(shown) + more


def _runs(rows: list[int]) -> list[str]:
    """Row numbers, three or more in a row written as a range: ``[6, "120-127"]``.

    >>> _runs([6, 120, 121, 122, 123])
    ['6', '"120-123"']
    """
    found: list[str] = []
    start = 0
    ordered = sorted(rows)
    for i in range(1, len(ordered) + 1):
        if i == len(ordered) or ordered[i] != ordered[i - 1] + 1:
            run = ordered[start:i]
            if len(run) >= 3:
                found.append(f'"{run[0]}-{run[-1]}"')
            else:
                found += [str(r) for r in run]
            start = i
    return found


def _area(code: str) -> str:
    """``Kecamatan Batu Licin``, ``Kabupaten Tanah Bumbu`` (the table's name says its kind
    for a kabupaten or kota)."""
    name = region_table().full_name(code) or code
    return f"Kecamatan {name}" if len(code) == 8 else name


def _choices(code: str, free: list[Column]) -> str:
    """The columns not used yet that could hold ``code``, likeliest first (at most 5)."""
    plain = [c for c in free if c.why != EXPORT]
    plain.sort(
        key=lambda c: (
            -difflib.SequenceMatcher(None, fold_header(c.header), fold_header(code)).ratio()
        )
    )
    shown = ", ".join(_quoted(c.header) for c in plain[:5])
    return (shown + (" …" if len(plain) > 5 else "")) or "–"


def map_text(proposal: Proposal, command: str, lang: Lang = "id") -> str:
    """The mapping file's text; ``command`` is the one to run once it is checked."""
    form: Form = proposal.form
    lines = [
        f"# {_say('head', lang, file=proposal.file)}",
        f"# {_say('check', lang)}",
        f"#   {command}",
        "phbs_map: 1",
        f"form: {_quoted(form.id)}",
    ]
    if proposal.sheets:
        if proposal.sheet is None:
            hidden = set(proposal.hidden)
            listed = ", ".join(
                f"'{n}'" + (_say("hidden", lang) if n in hidden else "") for n in proposal.sheets
            )
            lines.append(f"# {_say('sheet_q', lang, sheets=listed)}")
            lines.append(f"sheet: {_quoted(QUESTION)}")
            # The rest depends on the sheet: proposed once it is chosen.
            again = (
                command.replace("phbs score", "phbs map", 1)
                + " -o "
                + command.rsplit(maxsplit=1)[-1]
            )
            lines.append(f"# {_say('sheet_then', lang, command=again)}")
            return "\n".join(lines) + "\n"
        lines.append(f"sheet: {_quoted(proposal.sheet)}  # {_say('sheet', lang)}")
    lines.append(f"header_row: {proposal.header_row}  # {_say('header_row', lang)}")
    if proposal.skip_rows:
        rows = ", ".join(_runs(proposal.skip_rows))
        lines.append(f"skip_rows: [{rows}]  # {_say('skip_rows', lang)}")
    if proposal.id_scope:
        lines.append(f"id_scope: {_quoted(proposal.id_scope)}  # {_say('id_scope', lang)}")
    if proposal.shape != "rumah_tangga":
        rows = proposal.shape_rows if lang == "en" else proposal.shape_rows.replace(".", ",")
        note = _say(f"shape_{proposal.shape}", lang, rows=rows or "?")
        lines.append(f"shape: {_quoted(proposal.shape)}  # {note}")
    lines += ["", f"# {_say('columns', lang)}", "columns:"]
    for column in proposal.mapped():
        note = " · ".join(part for part in (_why(column, lang), _sample(column, lang)) if part)
        lines.append(f"  {column.field}: {_quoted(column.header)}  # {note}")
    free = [c for c in proposal.columns if c.field is None]
    required = proposal.required_fields()
    for code in [code for code in proposal.missing if code in required]:
        lines.append(f"  # {_say('missing_q', lang, field=code, free=_choices(code, free))}")
        lines.append(f"  {code}: {_quoted(QUESTION)}")
    optional = [code for code in proposal.missing if code not in required]
    if proposal.years is not None:
        optional = [code for code in optional if code != form.context[0].code]
    years = proposal.years
    if years is not None:
        context = form.context[0].code
        lines.append(f"  # {_say('years_q', lang, header=years.header)}")
        lines.append(f"  {context}: {_quoted(QUESTION)}")
    if optional:
        lines.append(f"  # {_say('optional', lang, fields=', '.join(optional))}")
    kecamatan = [c for c in free if c.why == KECAMATAN]
    for column in kecamatan:
        lines.append(f"  # {_say('kecamatan', lang, header=column.header)}")
    free = [c for c in free if c.why != KECAMATAN]
    if free:
        lines += ["", f"# {_say('ignore', lang)}", "ignore:"]
        for column in free:
            why = f" · {_why(column, lang)}" if column.why else ""
            lines.append(f"  - {_quoted(column.header)}  # {_sample(column, lang)}{why}")
    lines += _answer_lines(proposal, lang)
    if proposal.names:
        lines.append("")
        if proposal.region is None:
            found = "; ".join(
                f"{code} {_area(code)} ({hits}/{total})"
                for code, hits, total in proposal.region_candidates
            )
            lines += [f"# {_say('region_q', lang)}"]
            if found:
                lines.append(f"# {_say('region_found', lang, areas=found)}")
            lines.append(f"region: {_quoted(QUESTION)}")
        else:
            note = f"{_area(proposal.region)}: {_say('region', lang)}"
            lines.append(f"region: {_quoted(proposal.region)}  # {note}")
    if proposal.blank_question:
        asked = "blank_check" if proposal.check_marks else "blank_q"
        lines += ["", f"# {_say(asked, lang)}", f"blank: {_quoted(QUESTION)}"]
    elif proposal.blank is not None:
        lines += ["", f"blank: {_quoted(proposal.blank)}"]
    return "\n".join(lines) + "\n"


def _answer_lines(proposal: Proposal, lang: Lang) -> list[str]:
    lines: list[str] = []
    if proposal.rare_count:
        lines += ["", f"# {_say('rare', lang, count=proposal.rare_count)}"]
    given = proposal.given_answers
    if proposal.answers or proposal.unknown_answers or any(given.values()):
        lines += ["", f"# {_say('answers', lang, form=proposal.form.id)}", "answers:"]
        for state in ("ya", "tidak", "tidak_berlaku"):
            mine, usual = given.get(state, []), proposal.answers.get(state, [])
            if mine or usual:
                note = f"  # {_say('usual', lang)}" if usual else ""
                lines.append(f"  {state}: {_listed([*mine, *usual])}{note}")
        if proposal.unknown_answers:
            lines.append(f"  # {_say('answers_q', lang)}")
            lines.append(f"  {_quoted(QUESTION)}: {_listed(proposal.unknown_answers)}")
    return lines
