"""The words of a proposed mapping (:mod:`phbs.ingest.map_text`): its comments and the reasons
a column was proposed, in Indonesian and English."""

from __future__ import annotations

from phbs.ingest.proposal import EXPORT, GIVEN, KNOWN

TEXT: dict[str, tuple[str, str]] = {
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
    "village": (
        "setiap baris desa ini (sel kode desa yang kosong, atau tanpa kolom desa)",
        "every row is this village (blank village code cells, or no village column)",
    ),
    "village_q": (
        "TANYA, berkas satu desa (tanpa kolom desa, atau kodenya hanya di baris pertama)? "
        "Hapus tanda # di baris berikut dan tulis kode desanya: sel kode desa yang kosong "
        'diisi dengannya (kode_desa: "?" di atas, bila ada, boleh tetap)',
        "TANYA, a file of one village (no village column, or its code in the first row only)? "
        "Remove the # of the next line and write the village's code: blank village code cells "
        'are filled with it (kode_desa: "?" above, if any, may stay)',
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
    "check_it": ("periksa", "check it"),
    "not_codes": (
        "BUKAN KODE DESA 10 ANGKA (PP.KK.CC.DDDD): baris dengan kode ini disisihkan; tulis kode "
        "lengkapnya di berkas, atau petakan kolom nama desa dengan region",
        "NOT 10-DIGIT VILLAGE CODES (PP.KK.CC.DDDD): rows with these codes are set aside; write "
        "the full codes in the file, or map a village-name column with region",
    ),
    "scientific": (
        "ANGKA RUSAK: notasi ilmiah Excel (6,31E+15), angka belakangnya hilang; format "
        "kolomnya sebagai Teks dan isi ulang nomornya",
        "DAMAGED NUMBERS: Excel's scientific notation (6.31E+15), their last digits are lost; "
        "format the column as Text and fill the numbers in again",
    ),
    "denominator": (
        "berlaku untuk setiap rumah tangga: penyebutnya rumah tangga disurvei · periksa",
        "applies to every household: its denominator is the households surveyed · check it",
    ),
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
        "TANYA: pindahkan setiap ejaan ini ke ya, tidak, tidak_berlaku atau kosong "
        "(dibaca seperti sel kosong)",
        "TANYA: move each of these spellings to ya, tidak, tidak_berlaku or kosong "
        "(read as a blank cell)",
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
    "questions": (
        "pertanyaan berkas yang berbeda ejaan dari formulir, dan isiannya",
        "questions the file words otherwise than the form, and their fields",
    ),
    "questions_q": (
        "TANYA: pertanyaan ini tidak dikenal: pindahkan masing-masing ke isiannya di atas "
        '(mis. asi_eksklusif: ["…"]) bila itu isian formulir, atau ke ignore_questions',
        "TANYA: these questions are not known: move each to its field above (e.g. "
        'asi_eksklusif: ["…"]) if it is a form field, or to ignore_questions',
    ),
    "ignore_questions": (
        "pertanyaan yang bukan isian formulir (barisnya disisihkan)",
        "questions that are no form field (their rows are set aside)",
    ),
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


WHY: dict[str, tuple[str, str]] = {
    KNOWN: ("judul dikenal", "known header"),
    EXPORT: ("kolom sistem ekspor", "export system column"),
    GIVEN: ("dari peta", "from the mapping"),
    "number": ("indikator nomor {0}", "indicator number {0}"),
    "close": ("mirip '{0}'", "close to '{0}'"),
    "question": ("mirip pertanyaan indikator", "close to the indicator's question"),
    "kk": ("nomor KK", "family-card number"),
    "codes": ("berisi kode desa Kemendagri", "holds Kemendagri village codes"),
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
