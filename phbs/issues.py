"""The issue catalogue: every data problem the toolkit reports, docs/aturan.md §8.1.

Each problem found in the data is an :class:`Issue` record — file, row number as the user
sees it (header = row 1), column, value, a stable kebab-case ``code``, a severity and a
message in Indonesian and English. Bad data never raises: validation yields records and
carries on. Tests assert codes and locations, not wording.

The documentation's table of codes (``docs/kode-masalah.md``) is generated from
:data:`CATALOGUE` by ``python tools/make_issue_docs.py``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is. ``error`` makes ``phbs validate`` exit with 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class IssueType:
    """One entry of the catalogue: a code with its severity and message templates."""

    code: str
    severity: Severity
    title_id: str
    title_en: str
    template_id: str
    template_en: str
    consequence_id: str
    consequence_en: str


def _t(
    code: str,
    severity: Severity,
    titles: tuple[str, str],
    templates: tuple[str, str],
    consequence: tuple[str, str],
) -> IssueType:
    return IssueType(code, severity, *titles, *templates, *consequence)


E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO
#: The columns of an issues file: the keys of :meth:`Issue.as_row`, in order.
ISSUE_COLUMNS = ["berkas", "baris", "kolom", "nilai", "kode", "tingkat", "pesan"]
_ASIDE = ("baris disisihkan, tidak diskor", "row set aside, not scored")
_MISSING = ("sel dianggap kosong (belum diisi)", "cell treated as missing")
_KEPT = ("baris tetap diskor", "row still scored")

CATALOGUE: dict[str, IssueType] = {
    t.code: t
    for t in [
        # --- file and header level
        _t(
            "kolom-wajib-tidak-ada",
            E,
            ("Kolom wajib tidak ada", "Required column missing"),
            (
                "Kolom wajib '{field}' tidak ditemukan di baris judul",
                "Required column '{field}' not found in the header row",
            ),
            (
                "lihat pesan: tanpa id atau kode desa semua baris disisihkan; tanpa indikator "
                "jawabannya dianggap kosong",
                "see message: without id or village code every row is set aside; without an "
                "indicator its answers are missing",
            ),
        ),
        _t(
            "kolom-ambigu",
            E,
            ("Kolom ambigu", "Ambiguous column"),
            (
                "Lebih dari satu kolom cocok dengan '{field}': {columns}",
                "More than one column matches '{field}': {columns}",
            ),
            ("tidak ada kolom yang dipakai untuk isian ini", "no column is used for this field"),
        ),
        _t(
            "lembar-dipilih",
            W,
            ("Lembar lain dibaca", "Another sheet read"),
            (
                "Lembar '{first}' bukan data survei; data dibaca dari lembar '{chosen}'",
                "Sheet '{first}' is not survey data; the data was read from sheet '{chosen}'",
            ),
            (
                "pakai --sheet untuk memilih lembar lain",
                "use --sheet to choose another sheet",
            ),
        ),
        _t(
            "sel-gabungan",
            W,
            ("Sel gabungan diisi", "Merged cells filled"),
            (
                "Sel gabungan {value} dibaca sebagai isi sel pertamanya di setiap baris, seperti "
                "tampilannya di lembar ({count} rentang)",
                "Merged cells {value} are read as their first cell's value on every row, as the "
                "sheet shows them ({count} ranges)",
            ),
            (
                "periksa bahwa setiap baris memang milik nilai itu",
                "check that every row really belongs to that value",
            ),
        ),
        _t(
            "kolom-tanpa-judul",
            W,
            ("Kolom tanpa judul berisi data", "Column without a header holds data"),
            (
                "Kolom ke-{value} tidak berjudul tetapi berisi data; isinya tidak dibaca",
                "Column(s) {value} have no header but hold data; they are not read",
            ),
            ("kolom diabaikan; beri judul bila isinya perlu", "column ignored; name it if needed"),
        ),
        _t(
            "kolom-tidak-dikenal",
            N,
            ("Kolom tidak dikenal", "Unknown column"),
            (
                "Kolom '{column}' tidak dikenal formulir dan diabaikan",
                "Column '{column}' is not part of the form and is ignored",
            ),
            ("kolom diabaikan", "column ignored"),
        ),
        _t(
            "sel-berlebih",
            W,
            ("Sel di luar kolom judul", "Cells beyond the header"),
            (
                "Baris berisi {count} sel lebih banyak dari baris judul",
                "Row has {count} more cells than the header row",
            ),
            ("sel tambahan diabaikan", "extra cells ignored"),
        ),
        _t(
            "encoding-campuran",
            W,
            ("Pengodean teks campuran", "Mixed text encodings"),
            (
                "Baris ini bukan UTF-8 seperti baris lain; dibaca sebagai Windows-1252",
                "This row is not UTF-8 like the others; read as Windows-1252",
            ),
            ("periksa huruf beraksen di baris ini", "check accented letters on this row"),
        ),
        _t(
            "karakter-nul",
            W,
            ("Karakter NUL", "NUL characters"),
            (
                "Baris ini berisi karakter NUL (bita 0), yang tidak pernah ada di teks survei; "
                "karakter itu dibuang",
                "This row holds NUL characters (byte 0), which survey text never has; they "
                "were removed",
            ),
            (
                "periksa baris ini: berkasnya mungkin rusak",
                "check this row: the file may be damaged",
            ),
        ),
        _t(
            "berkas-ganda",
            W,
            ("Berkas ganda", "File given twice"),
            (
                "Berkas ini sama dengan {kept} ({reason}); dilewati",
                "This file is the same as {kept} ({reason}); skipped",
            ),
            (
                "berkas dibaca sekali; barisnya tidak dihitung dua kali",
                "the file is read once; its rows are not counted twice",
            ),
        ),
        # --- row identity: set aside
        _t(
            "baris-dilewati",
            N,
            ("Baris dilewati menurut peta", "Row skipped by the mapping"),
            (
                "Baris dilewati: peta berkas menyebutnya di skip_rows (mis. baris nomor kolom)",
                "Row skipped: the mapping lists it under skip_rows (e.g. a row of column numbers)",
            ),
            _ASIDE,
        ),
        _t(
            "rekap-angka-salah",
            E,
            ("Angka rekap tidak sah", "Invalid recap number"),
            (
                "'{value}' pada '{column}' bukan jumlah (bilangan bulat 0 atau lebih; nihil "
                "ditulis 0) atau persen 0–100",
                "'{value}' in '{column}' is not a count (a whole number, 0 or more; none is "
                "written 0) or a percentage 0–100",
            ),
            ("baris desa disisihkan", "village row set aside"),
        ),
        _t(
            "rekap-tidak-cocok",
            E,
            ("Angka rekap tidak cocok", "Recap numbers do not add up"),
            (
                "Angka desa tidak cocok pada '{column}': {detail}",
                "The village's numbers do not add up in '{column}': {detail}",
            ),
            ("baris desa disisihkan", "village row set aside"),
        ),
        _t(
            "rekap-persen-ambigu",
            E,
            ("Persen rekap tidak menentukan jumlah", "Recap percentage does not give one count"),
            (
                "'{value}' % dari {denominator} rumah tangga cocok dengan lebih dari satu "
                "jumlah ({counts} …): tulis jumlahnya (KODE_ya) atau persen dengan lebih "
                "banyak desimal",
                "'{value}' % of {denominator} households fits more than one count ({counts} "
                "…): give the count (CODE_ya) or the percentage with more decimals",
            ),
            ("baris desa disisihkan", "village row set aside"),
        ),
        _t(
            "rekap-bukan-desa",
            E,
            ("Baris rekap bukan desa", "Recap row is not a village"),
            (
                "Baris '{value}' adalah jumlah beberapa desa (jumlah_desa lebih dari 1), "
                "bukan satu desa",
                "Row '{value}' sums several villages (jumlah_desa more than 1), not one village",
            ),
            (
                "baris disisihkan: tingkat atas dihitung ulang dari desa",
                "row set aside: upper levels are recomputed from villages",
            ),
        ),
        _t(
            "rekap-desa",
            N,
            ("Masukan rekap desa", "Village recap input"),
            (
                "Berkas ini rekap desa ({value} desa, {households} rumah tangga disurvei): "
                "tidak berisi rumah tangga, dusun atau petugas. Keberlakuan, jawaban kosong "
                "dan rumah tangga ganda diperiksa oleh pembuat rekap, tidak di sini; interval "
                "dihitung dari jumlah desa",
                "This file is a village recap ({value} villages, {households} households "
                "surveyed): it holds no households, dusun or surveyors. Applicability, blank "
                "answers and duplicate households were checked by the recap's maker, not "
                "here; intervals are computed from the village counts",
            ),
            ("angka desa dari rekap", "village figures from the recap"),
        ),
        _t(
            "pertanyaan-diabaikan",
            N,
            ("Pertanyaan diabaikan menurut peta", "Question ignored by the mapping"),
            (
                "Pertanyaan '{value}' bukan isian formulir: peta menyebutnya di ignore_questions",
                "Question '{value}' is not a form field: the mapping lists it under "
                "ignore_questions",
            ),
            _ASIDE,
        ),
        _t(
            "pertanyaan-tidak-dikenal",
            W,
            ("Pertanyaan tidak dikenal", "Unknown question"),
            (
                "Pertanyaan '{value}' tidak ada di formulir (berkas satu baris per jawaban): "
                "tulis di questions peta bila itu indikator, atau di ignore_questions",
                "Question '{value}' is not on the form (a file of one row per answer): word "
                "it under questions in the mapping if it is an indicator, or under "
                "ignore_questions",
            ),
            _ASIDE,
        ),
        _t(
            "baris-kosong",
            N,
            ("Baris kosong", "Empty row"),
            ("Baris kosong di tengah data", "Empty row inside the data"),
            _ASIDE,
        ),
        _t(
            "id-kosong",
            E,
            ("ID rumah tangga kosong", "Household id missing"),
            ("ID rumah tangga kosong", "Household id is empty"),
            _ASIDE,
        ),
        _t(
            "id-notasi-ilmiah",
            E,
            ("ID dalam notasi ilmiah", "Id in scientific notation"),
            (
                "ID '{value}' ditulis Excel dalam notasi ilmiah: angka 16 digit (No. KK/NIK) "
                "disimpan sebagai bilangan dan angka belakangnya hilang. Format kolomnya "
                "sebagai Teks lalu isi ulang dari sumbernya (nomor aslinya tidak dapat "
                "dipulihkan dari berkas ini)",
                "Id '{value}' was written by Excel in scientific notation: the 16-digit number "
                "(No. KK/NIK) was stored as a number and its last digits are lost. Format the "
                "column as Text and fill it again from its source (the original numbers cannot "
                "be recovered from this file)",
            ),
            _ASIDE,
        ),
        _t(
            "kode-desa-kosong",
            E,
            ("Kode desa kosong", "Village code missing"),
            (
                "Kode desa kosong (berkas satu desa: --desa KODE mengisi sel yang kosong)",
                "Village code is empty (a file of one village: --desa CODE fills blank cells)",
            ),
            _ASIDE,
        ),
        _t(
            "kode-desa-salah",
            E,
            ("Kode desa tidak sah", "Malformed village code"),
            (
                "Kode desa '{value}' tidak berbentuk PP.KK.CC.DDDD (10 angka, segmen desa "
                "diawali 1, 2 atau 3)",
                "Village code '{value}' is not of the form PP.KK.CC.DDDD (10 digits, village "
                "segment starting with 1, 2 or 3)",
            ),
            _ASIDE,
        ),
        _t(
            "nama-desa-ambigu",
            E,
            ("Nama desa ambigu", "Ambiguous village name"),
            (
                "Nama desa '{value}' cocok dengan {count} desa di {area}: {candidates}; tulis "
                "kode desanya, atau beri kecamatannya (kolom kecamatan atau --kecamatan)",
                "Village name '{value}' matches {count} villages in {area}: {candidates}; "
                "give its village code, or its kecamatan (a kecamatan column or --kecamatan)",
            ),
            _ASIDE,
        ),
        _t(
            "nama-desa-tidak-dikenal",
            E,
            ("Nama desa tidak dikenal", "Unknown village name"),
            (
                "Nama desa '{value}' tidak ada di {area}{similar}",
                "Village name '{value}' is not in {area}{similar}",
            ),
            _ASIDE,
        ),
        _t(
            "nama-desa-dicocokkan",
            N,
            ("Nama desa dicocokkan dengan kode", "Village names matched to codes"),
            (
                "Kolom '{column}' berisi nama desa, bukan kode: {count} baris ({names} nama "
                "berbeda) dicocokkan dengan kode Kemendagri di {area}",
                "Column '{column}' holds village names, not codes: {count} rows ({names} "
                "distinct names) matched to Kemendagri codes in {area}",
            ),
            (
                "baris diskor dengan kode yang cocok; nama ambigu atau tidak dikenal disisihkan",
                "rows scored under the matched code; ambiguous or unknown names set aside",
            ),
        ),
        _t(
            "id-ganda",
            E,
            ("ID rumah tangga ganda", "Duplicate household id"),
            (
                "ID '{value}' sudah dipakai di {first_file} baris {first_row} dengan isian "
                "berbeda{hint}",
                "Id '{value}' was already used at {first_file} row {first_row} with different "
                "answers{hint}",
            ),
            (
                "baris disisihkan; baris pertama yang diskor",
                "row set aside; the first one is scored",
            ),
        ),
        _t(
            "baris-ganda",
            W,
            ("Baris ganda", "Duplicated row"),
            (
                "Baris sama persis dengan {first_file} baris {first_row} (ID '{value}')",
                "Row is identical to {first_file} row {first_row} (id '{value}')",
            ),
            (
                "baris disisihkan; rumah tangga dihitung sekali",
                "row set aside; the household is counted once",
            ),
        ),
        _t(
            "kiriman-ganda",
            W,
            ("Kiriman ganda", "Duplicated submission"),
            (
                "Kiriman '{value}' ({source}) sudah ada di {first_file} baris {first_row}",
                "Submission '{value}' ({source}) already read at {first_file} row {first_row}",
            ),
            (
                "baris disisihkan; kiriman pertama yang diskor",
                "row set aside; the first copy is scored",
            ),
        ),
        _t(
            "kiriman-ditolak",
            W,
            ("Kiriman ditolak pemeriksa", "Submission rejected by a reviewer"),
            (
                "Kiriman ditolak pemeriksa di {source}: kolom '{column}' = '{value}'",
                "Submission rejected by a reviewer in {source}: column '{column}' = '{value}'",
            ),
            (
                "baris disisihkan, tidak diskor (--keep-rejected untuk tetap menskor)",
                "row set aside, not scored (--keep-rejected scores it)",
            ),
        ),
        _t(
            "kiriman-ditolak-diskor",
            N,
            ("Kiriman ditolak tetap diskor", "Rejected submissions scored"),
            (
                "{count} kiriman ditolak pemeriksa (kolom '{column}') tetap diskor atas "
                "pilihan --keep-rejected",
                "{count} submissions rejected by a reviewer (column '{column}') scored as "
                "chosen with --keep-rejected",
            ),
            _KEPT,
        ),
        _t(
            "kiriman-ditahan",
            W,
            ("Kiriman belum selesai diperiksa", "Submissions still under review"),
            (
                "{count} kiriman berstatus '{value}' di kolom '{column}' ({source}): belum "
                "disetujui atau ditolak pemeriksa",
                "{count} submissions marked '{value}' in column '{column}' ({source}): not "
                "yet approved or rejected by a reviewer",
            ),
            (
                "baris tetap diskor; periksa sebelum laporan final",
                "rows still scored; check before the final report",
            ),
        ),
        _t(
            "ekspor-dikenali",
            N,
            ("Berkas ekspor dikenali", "Export recognised"),
            (
                "Berkas dikenali sebagai ekspor {source}; {count} kolom sistem diabaikan{note}",
                "File recognised as a {source} export; {count} system columns ignored{note}",
            ),
            ("kolom sistem diabaikan", "system columns ignored"),
        ),
        # --- identity warnings: row kept
        _t(
            "kode-desa-tidak-dikenal",
            W,
            ("Kode desa tidak ada di tabel", "Village code not in the table"),
            (
                "Kode desa {value} berbentuk benar tetapi tidak ada di tabel {edition}",
                "Village code {value} is well formed but not in the table {edition}",
            ),
            (
                "baris tetap diskor; nama wilayah dari berkas",
                "row still scored; area names from the file",
            ),
        ),
        _t(
            "nama-desa-berbeda",
            W,
            ("Nama desa berbeda dengan tabel", "Village name differs from the table"),
            (
                "Nama desa '{value}' berbeda dengan tabel kode: '{expected}' (kode {kode})",
                "Village name '{value}' differs from the code table: '{expected}' (code {kode})",
            ),
            ("nama dari tabel kode yang dipakai", "the code table's name is used"),
        ),
        # --- cells
        _t(
            "jawaban-tidak-dikenal",
            E,
            ("Jawaban tidak dikenal", "Unrecognised answer"),
            (
                "Jawaban '{value}' bukan Ya, Tidak atau Tidak berlaku",
                "Answer '{value}' is not Yes, No or Not applicable",
            ),
            _MISSING,
        ),
        _t(
            "tidak-berlaku-tidak-boleh",
            E,
            (
                "Tanda tidak berlaku pada indikator wajib",
                "Not-applicable mark on a required indicator",
            ),
            (
                "Indikator '{column}' berlaku untuk semua rumah tangga; '{value}' tidak boleh",
                "Indicator '{column}' applies to every household; '{value}' is not allowed",
            ),
            _MISSING,
        ),
        _t(
            "tidak-berlaku-padahal-berlaku",
            W,
            (
                "Tanda tidak berlaku pada indikator yang berlaku",
                "Not-applicable mark on an applicable indicator",
            ),
            (
                "'{value}' pada '{column}', padahal indikator berlaku menurut {context}",
                "'{value}' on '{column}', but the indicator applies according to {context}",
            ),
            _MISSING,
        ),
        _t(
            "jawaban-tidak-berlaku",
            W,
            (
                "Jawaban pada indikator yang tidak berlaku",
                "Answer on an indicator that does not apply",
            ),
            (
                "Jawaban '{value}' pada '{column}' diabaikan: indikator tidak berlaku menurut "
                "{context}",
                "Answer '{value}' on '{column}' ignored: the indicator does not apply according "
                "to {context}",
            ),
            ("jawaban diabaikan (tidak berlaku)", "answer ignored (not applicable)"),
        ),
        _t(
            "anggota-jawaban-berbeda",
            W,
            ("Jawaban anggota keluarga berbeda", "Family members' answers differ"),
            (
                "Baris anggota satu keluarga (baris {rows}) memberi jawaban berbeda untuk "
                "'{column}', yang dijawab sekali per rumah tangga",
                "Rows of one family's members (rows {rows}) give different answers for "
                "'{column}', which is answered once per household",
            ),
            _MISSING,
        ),
        _t(
            "anggota-isian-berbeda",
            W,
            ("Isian anggota keluarga berbeda", "Family members' fields differ"),
            (
                "Baris satu rumah tangga (baris {rows}) berbeda pada '{column}': isian baris "
                "pertama dipakai",
                "Rows of one household (rows {rows}) differ in '{column}': the first row's "
                "value is used",
            ),
            _KEPT,
        ),
        _t(
            "jawaban-ganda",
            W,
            ("Jawaban ganda berbeda", "Conflicting answers"),
            (
                "Pertanyaan '{column}' dijawab lebih dari sekali dengan jawaban berbeda "
                "untuk satu rumah tangga (baris {rows})",
                "Question '{column}' is answered more than once, differently, for one "
                "household (rows {rows})",
            ),
            _MISSING,
        ),
        _t(
            "jawaban-berulang",
            N,
            ("Jawaban berulang", "Answer repeated"),
            (
                "Pertanyaan '{column}' dijawab lebih dari sekali dengan jawaban sama untuk "
                "satu rumah tangga (baris {rows})",
                "Question '{column}' is answered more than once, the same way, for one "
                "household (rows {rows})",
            ),
            ("dihitung sekali", "counted once"),
        ),
        _t(
            "jawaban-kosong",
            W,
            ("Jawaban kosong", "Missing answer"),
            ("Jawaban '{column}' kosong", "Answer '{column}' is blank"),
            (
                "rumah tangga belum lengkap kecuali ada jawaban Tidak",
                "household incomplete unless another answer is No",
            ),
        ),
        _t(
            "nilai-konteks-salah",
            E,
            ("Isian penentu tidak sah", "Invalid context value"),
            (
                "'{value}' pada '{column}' bukan bilangan bulat {minimum}–{maximum}",
                "'{value}' in '{column}' is not a whole number {minimum}–{maximum}",
            ),
            (
                "keberlakuan indikator terkait ditentukan oleh tanda '-' petugas",
                "applicability of the related indicators falls back to the surveyor's '-' marks",
            ),
        ),
        _t(
            "nilai-konteks-di-luar",
            W,
            ("Isian penentu di luar rentang", "Context value out of range"),
            (
                "'{value}' pada '{column}' di luar {minimum}–{maximum}; dianggap {meaning}",
                "'{value}' in '{column}' is outside {minimum}–{maximum}; read as {meaning}",
            ),
            _KEPT,
        ),
        _t(
            "tanggal-salah",
            W,
            ("Tanggal tidak dikenal", "Unrecognised date"),
            (
                "Tanggal '{value}' tidak dikenal (pakai 2025-08-14, 14/08/2025 atau serial Excel)",
                "Date '{value}' not recognised (use 2025-08-14, 14/08/2025 or an Excel serial)",
            ),
            ("tanggal dikosongkan", "date left blank"),
        ),
        _t(
            "id-karakter-tersembunyi",
            W,
            ("ID berisi karakter tak terlihat", "Id holds invisible characters"),
            (
                "ID rumah tangga '{value}' berisi karakter tak terlihat atau ejaan lain dari "
                "huruf yang sama (spasi lebar-nol, BOM, tanda arah, spasi tak-putus, aksen "
                "terpisah); dibaca sebagai '{cleaned}'",
                "Household id '{value}' holds invisible characters or another spelling of the "
                "same letters (zero-width space, BOM, direction marks, non-breaking space, a "
                "separate accent); read as '{cleaned}'",
            ),
            ("baris tetap diskor dengan ID itu", "row still scored under that id"),
        ),
        _t(
            "tanggal-tidak-wajar",
            W,
            ("Tanggal tidak wajar", "Implausible date"),
            (
                "Tanggal survei '{value}' sebelum tahun 2000 atau sesudah hari ini",
                "Survey date '{value}' is before 2000 or after today",
            ),
            ("tanggal tetap dipakai; periksa ketikannya", "date kept; check how it was typed"),
        ),
        # --- villages file and areas
        _t(
            "data-desa-salah",
            E,
            ("Baris data desa tidak sah", "Invalid villages-file row"),
            ("Baris data desa diabaikan: {reason}", "Villages-file row ignored: {reason}"),
            (
                "jumlah rumah tangga desa ini tidak diketahui",
                "this village's household count is unknown",
            ),
        ),
        _t(
            "disurvei-melebihi-total",
            W,
            ("Disurvei melebihi jumlah rumah tangga", "More surveyed than households"),
            (
                "{surveyed} rumah tangga disurvei di {area}, lebih dari jumlah {total} di data "
                "desa",
                "{surveyed} households surveyed in {area}, more than the {total} in the "
                "villages file",
            ),
            ("persentase dipantau tidak dihitung", "monitored percentage not computed"),
        ),
        _t(
            "sampel-kurang",
            W,
            ("Sampel kurang dari 210", "Sample below 210"),
            (
                "{area}: {surveyed} dari {total} rumah tangga disurvei, di bawah 210 dan belum "
                "seluruhnya",
                "{area}: {surveyed} of {total} households surveyed, below 210 and not all",
            ),
            ("hasil desa ini kurang pasti", "this village's result is less certain"),
        ),
        # --- contest ranking (phbs rank): judges', attributes and overrides files, aturan.md §7
        _t(
            "nilai-juri-kosong",
            W,
            ("Nilai juri kosong", "Judge's score missing"),
            (
                "Desa {kode}: juri '{judge}' tidak memberi nilai untuk kriteria '{column}'",
                "Village {kode}: judge '{judge}' gave no score for criterion '{column}'",
            ),
            (
                "nilai kriteria ini dihitung dari juri yang lain",
                "this criterion is aggregated over the other judges",
            ),
        ),
        _t(
            "nilai-juri-salah",
            E,
            ("Nilai juri tidak terbaca", "Unreadable judge's score"),
            (
                "Nilai '{value}' untuk kriteria '{column}' bukan {expected}",
                "Score '{value}' for criterion '{column}' is not {expected}",
            ),
            ("nilai dianggap kosong", "score treated as missing"),
        ),
        _t(
            "nilai-di-luar-rentang",
            E,
            ("Nilai di luar 0–100", "Score outside 0–100"),
            (
                "Nilai {value} untuk kriteria '{column}' di luar rentang 0–100",
                "Score {value} for criterion '{column}' is outside 0–100",
            ),
            ("nilai dianggap kosong", "score treated as missing"),
        ),
        _t(
            "kriteria-tidak-dikenal",
            E,
            ("Kriteria tidak dikenal", "Unknown criterion"),
            (
                "Kriteria '{value}' {reason}",
                "Criterion '{value}' {reason}",
            ),
            ("baris/kolom diabaikan", "row/column ignored"),
        ),
        _t(
            "juri-kosong",
            E,
            ("Nama juri kosong", "Judge's name missing"),
            ("Kolom juri kosong", "The judge column is empty"),
            ("baris diabaikan", "row ignored"),
        ),
        _t(
            "nilai-juri-ganda",
            E,
            ("Nilai juri ganda", "Duplicate judge's score"),
            (
                "Desa {kode}, kriteria '{column}', juri '{judge}' sudah dinilai di baris "
                "{first_row}",
                "Village {kode}, criterion '{column}', judge '{judge}' already scored on row "
                "{first_row}",
            ),
            (
                "baris ini diabaikan; nilai pertama yang dipakai",
                "this row ignored; the first is used",
            ),
        ),
        _t(
            "desa-tidak-dikenal",
            W,
            ("Desa bukan peserta lomba", "Village not in the contest"),
            (
                "Desa {value} tidak termasuk desa yang diperingkat ({reason})",
                "Village {value} is not among the villages ranked ({reason})",
            ),
            ("baris diabaikan", "row ignored"),
        ),
        _t(
            "desa-ganda",
            E,
            ("Desa ganda", "Duplicate village"),
            (
                "Desa {value} sudah ada di baris {first_row}",
                "Village {value} already given on row {first_row}",
            ),
            ("baris ini diabaikan", "this row ignored"),
        ),
        _t(
            "kriteria-tanpa-nilai",
            E,
            ("Kriteria tanpa nilai juri", "Judged criterion without a score"),
            (
                "Desa {value}: tidak ada nilai juri untuk {column}",
                "Village {value}: no judge's score for {column}",
            ),
            (
                "desa tidak diperingkat (kecuali --rank-incomplete: nilai 0)",
                "village not ranked (unless --rank-incomplete: scored 0)",
            ),
        ),
        _t(
            "atribut-kosong",
            E,
            ("Atribut desa kosong", "Village attribute missing"),
            (
                "Desa {kode}: atribut '{column}' tidak ada atau kosong",
                "Village {kode}: attribute '{column}' is absent or blank",
            ),
            (
                "kriteria tanpa nilai: desa tidak diperingkat (kecuali --rank-incomplete)",
                "criterion without a score: village not ranked (unless --rank-incomplete)",
            ),
        ),
        _t(
            "atribut-salah",
            E,
            ("Atribut desa tidak dikenal rubrik", "Village attribute not in the rubric's mapping"),
            (
                "Desa {kode}: atribut '{column}' bernilai '{value}', {reason}",
                "Village {kode}: attribute '{column}' is '{value}', {reason}",
            ),
            (
                "kriteria tanpa nilai: desa tidak diperingkat (kecuali --rank-incomplete)",
                "criterion without a score: village not ranked (unless --rank-incomplete)",
            ),
        ),
        _t(
            "ukuran-survei-kosong",
            E,
            ("Ukuran survei tidak tersedia", "Survey measure not available"),
            (
                "Desa {kode}: ukuran '{column}' tidak tersedia ({reason})",
                "Village {kode}: measure '{column}' is not available ({reason})",
            ),
            (
                "kriteria tanpa nilai: desa tidak diperingkat (kecuali --rank-incomplete)",
                "criterion without a score: village not ranked (unless --rank-incomplete)",
            ),
        ),
        _t(
            "koreksi-tanpa-alasan",
            E,
            ("Koreksi tanpa alasan", "Override without a reason"),
            (
                "Koreksi untuk desa {value} tidak menuliskan alasan",
                "The override for village {value} gives no reason",
            ),
            ("koreksi tidak dipakai", "override not applied"),
        ),
        _t(
            "koreksi-salah",
            E,
            ("Koreksi tidak sah", "Invalid override"),
            ("Koreksi diabaikan: {reason}", "Override ignored: {reason}"),
            ("koreksi tidak dipakai", "override not applied"),
        ),
        _t(
            "kesepakatan-juri-rendah",
            W,
            ("Kesepakatan juri rendah", "Low agreement between judges"),
            (
                "{column}: W Kendall = {w} (< {threshold}); juri yang paling berbeda: "
                "'{judge}' (korelasi {rho})",
                "{column}: Kendall's W = {w} (< {threshold}); least agreeing judge: "
                "'{judge}' (correlation {rho})",
            ),
            (
                "periksa nilai juri itu sebelum berita acara",
                "review that judge's scores before the minutes",
            ),
        ),
        _t(
            "desa-tanpa-nilai-juri",
            N,
            ("Desa survei tanpa nilai juri", "Surveyed villages without judges' scores"),
            (
                "{count} desa di data survei tidak ada di berkas nilai juri: {value}",
                "{count} villages in the survey data are not in the judges' file: {value}",
            ),
            ("desa itu tidak ikut diperingkat", "those villages are not ranked"),
        ),
        _t(
            "desa-tidak-ada-di-putaran",
            W,
            ("Desa tidak ada di satu putaran", "Villages missing from a round"),
            (
                "{count} desa tidak ada di putaran {round}: {value}",
                "{count} villages are not in round {round}: {value}",
            ),
            (
                "perubahannya tidak dihitung; beri berkas perubahan kode bila kodenya berganti",
                "their change is not computed; give a code-change file if their code changed",
            ),
        ),
        _t(
            "kode-desa-digabung",
            N,
            ("Kode desa digabung antarputaran", "Village codes joined across rounds"),
            (
                "Dibandingkan sebagai satu wilayah: {value} ({name})",
                "Compared as one area: {value} ({name})",
            ),
            (
                "hitungan kode-kode itu dijumlahkan di setiap putaran",
                "the counts of those codes are summed in every round",
            ),
        ),
        _t(
            "perubahan-kode-tidak-dipakai",
            W,
            ("Baris perubahan kode tidak dipakai", "Code-change row not used"),
            (
                "Perubahan kode {value} tidak menggabungkan apa pun: {reason}",
                "Code change {value} joins nothing: {reason}",
            ),
            ("periksa kodenya", "check the codes"),
        ),
        _t(
            "putaran-tidak-urut",
            W,
            ("Putaran tidak urut", "Rounds out of order"),
            (
                "Putaran ditulis {value}: yang terlama harus lebih dulu, jadi perubahannya "
                "terbalik",
                "Rounds are given as {value}: the oldest must come first, so the changes run "
                "backwards",
            ),
            ("tulis --round yang terlama lebih dulu", "give the oldest --round first"),
        ),
        _t(
            "id-sama-nama-berbeda",
            W,
            ("Id sama, kepala rumah tangga lain", "Same id, another head of household"),
            (
                "{count} dari {total} rumah tangga ber-id sama di {value} punya nama kepala "
                "rumah tangga lain: id tampaknya diberi ulang setiap putaran",
                "{count} of {total} households with the same id in {value} have another head "
                "of household's name: ids seem to be given afresh each round",
            ),
            (
                "rumah tangga itu tidak dipasangkan; transisi hanya dari yang namanya sama",
                "those households are not paired; transitions only from those whose names match",
            ),
        ),
        _t(
            "formulir-berbeda",
            W,
            ("Formulir berbeda antarputaran", "Different forms between rounds"),
            ("{value}", "{value}"),
            (
                "hanya indikator yang sama dibandingkan; perubahan % ber-PHBS tidak diberi "
                "putusan bila definisinya berbeda",
                "only the indicators both have are compared; the change of % ber-PHBS gets no "
                "verdict when its definition differs",
            ),
        ),
        _t(
            "rekap-desa-salah",
            E,
            ("Baris rekap desa tidak sah", "Invalid village-summary row"),
            ("Baris rekap desa diabaikan: {reason}", "Village-summary row ignored: {reason}"),
            ("desa ini tidak punya ukuran survei", "this village has no survey measures"),
        ),
    ]
}


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in the data.

    ``row`` is the row number a user sees in a spreadsheet (header = row 1), or ``None``
    for a file-level problem; ``file`` is the file name as given.
    """

    code: str
    severity: Severity
    file: str
    row: int | None
    column: str
    value: str
    message_id: str
    message_en: str

    def message(self, lang: str = "id") -> str:
        """The message in ``lang``."""
        return self.message_en if lang == "en" else self.message_id

    def as_row(self, lang: str = "id") -> dict[str, str | int | None]:
        """A flat dictionary, as written to issue files."""
        return {
            "berkas": self.file,
            "baris": self.row,
            "kolom": self.column,
            "nilai": self.value,
            "kode": self.code,
            "tingkat": self.severity.value,
            "pesan": self.message(lang),
        }

    def record(self) -> dict[str, str | int | None]:
        """The issue as a JSON object: :meth:`as_row` in Indonesian, with the English message.

        >>> make_issue("id-kosong", file="a.csv", row=7).record()["message"]
        'Household id is empty'
        """
        return {**self.as_row("id"), "message": self.message_en}


def make_issue(
    code: str,
    *,
    file: str = "",
    row: int | None = None,
    column: str = "",
    value: str = "",
    **params: object,
) -> Issue:
    """Build an issue record from the catalogue.

    >>> issue = make_issue("id-kosong", file="a.csv", row=7, column="id_rumah_tangga")
    >>> issue.code, issue.severity.value, issue.row
    ('id-kosong', 'error', 7)
    >>> make_issue("data-desa-salah", reason="kode salah", reason_en="bad code").message_en
    'Villages-file row ignored: bad code'

    """
    kind = CATALOGUE[code]
    fields = {"value": value, "column": column, **params}
    # A parameter ``x_en`` replaces ``x`` in the English message.
    fields_en = {**fields, **{k[:-3]: v for k, v in params.items() if k.endswith("_en")}}
    return Issue(
        code=code,
        severity=kind.severity,
        file=file,
        row=row,
        column=column,
        value=value,
        message_id=kind.template_id.format(**fields),
        message_en=kind.template_en.format(**fields_en),
    )


def count_by_code(issues: Iterable[Issue]) -> list[tuple[IssueType, int]]:
    """Issue counts per code, most frequent first (then errors before warnings).

    >>> [(t.code, n) for t, n in count_by_code([make_issue("id-kosong")] * 2)]
    [('id-kosong', 2)]
    """
    counts = Counter(i.code for i in issues)
    rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    ordered = sorted(
        counts.items(), key=lambda kv: (-kv[1], rank[CATALOGUE[kv[0]].severity], kv[0])
    )
    return [(CATALOGUE[code], n) for code, n in ordered]


def group_by_code(issues: Iterable[Issue]) -> list[tuple[IssueType, list[Issue]]]:
    """The issues of each code in their order, the codes as :func:`count_by_code` orders
    them (most frequent first, then errors before warnings).

    >>> [(kind.code, len(group)) for kind, group in group_by_code([make_issue("id-kosong")])]
    [('id-kosong', 1)]
    """
    by_code: dict[str, list[Issue]] = {}
    for issue in issues:
        by_code.setdefault(issue.code, []).append(issue)
    counted = [i for group in by_code.values() for i in group]
    return [(kind, by_code[kind.code]) for kind, _ in count_by_code(counted)]


def catalogue_markdown() -> str:
    """The documentation table of every issue code."""
    lines = [
        "# Kode masalah data / Data issue codes",
        "",
        "Dibuat dari `phbs/issues.py` dengan `python tools/make_issue_docs.py`.",
        "Generated from `phbs/issues.py`; do not edit by hand.",
        "",
        "| kode | tingkat | judul | title | akibat / consequence |",
        "|---|---|---|---|---|",
    ]
    for t in CATALOGUE.values():
        lines.append(
            f"| `{t.code}` | {t.severity.value} | {t.title_id} | {t.title_en} | "
            f"{t.consequence_id} / {t.consequence_en} |"
        )
    return "\n".join(lines) + "\n"


# --- uncertainty: sample adequacy and implausible results (docs/aturan.md §5.3, §8.4;
# phbs.scoring.plausibility, phbs.scoring.funnel). A separate block so the catalogue above
# keeps its order.
CATALOGUE.update(
    {
        t.code: t
        for t in [
            _t(
                "hasil-100-persen",
                W,
                ("100 % ber-PHBS pada banyak rumah tangga", "100 % ber-PHBS over many households"),
                (
                    "{area}: semua {count} rumah tangga dengan hasil lengkap ber-PHBS; periksa "
                    "apakah formulir diisi di rumah tangga",
                    "{area}: all {count} households with a complete result are ber-PHBS; check "
                    "the forms were filled in at the households",
                ),
                ("hasil desa ini perlu diverifikasi", "this village's result needs verifying"),
            ),
            _t(
                "petugas-jawaban-seragam",
                W,
                ("Petugas dengan jawaban seragam", "Surveyor with identical answers"),
                (
                    "Petugas '{value}': {same} dari {count} rumah tangga ({share}) punya jawaban "
                    "yang persis sama",
                    "Surveyor '{value}': {same} of {count} households ({share}) have exactly "
                    "the same answers",
                ),
                ("data petugas ini perlu diverifikasi", "this surveyor's data needs verifying"),
            ),
            _t(
                "di-luar-batas-funnel",
                N,
                ("Di luar batas kendali funnel", "Outside the funnel control limits"),
                (
                    "{area}: {percent} ber-PHBS dari {count} rumah tangga, {side} batas "
                    "{level} di sekitar rata-rata {overall}",
                    "{area}: {percent} ber-PHBS of {count} households, {side} the {level} "
                    "limit around the overall {overall}",
                ),
                (
                    "perbedaan ini lebih besar dari yang bisa dijelaskan oleh kebetulan (dan, bila "
                    "batas disesuaikan, oleh sebaran antardesa); periksa, jangan dibuang",
                    "the difference is larger than chance (and, with widened limits, the spread "
                    "between villages) explains; to check, not to drop",
                ),
            ),
        ]
    }
)
